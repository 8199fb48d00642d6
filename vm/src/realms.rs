//! The realm table: every realm of a VM, one of them current, and the
//! operations that relate functions to their realms (GetFunctionRealm,
//! §7.3.24) and realms to each other (the same intrinsic in another realm).
//!
//! Invariants: [`Vm::realm`] is the current realm (the \[\[Realm\]\] of the
//! running execution context, §9.4); the table's slot `i` holds realm `i`
//! for every realm but the current one, whose slot is empty while it is
//! current. Switching realms moves records between `Vm::realm` and the
//! table, so code that reads `vm.realm` always sees the current realm.
//! Every function object records its \[\[Realm\]\] (closures: the realm current
//! when they were made; natives: the realm they were installed into); a
//! call of a function of another realm makes that realm current for the
//! duration of the call, and every frame restores its caller's realm when
//! it is popped. All realms share one heap and one symbol registry (an
//! agent's), and realms are never removed.

use crate::object::ObjectKind;
use crate::realm::{Realm, RealmId};
use crate::value::Obj;
use crate::vm::{JsResult, Vm};

/// The realms of a VM that are not current.
#[derive(Debug, Default)]
pub(crate) struct RealmTable {
    /// Slot `i`: realm `i`, or `None` for the current realm.
    parked: Vec<Option<Realm>>,
}

impl RealmTable {
    /// The table of a VM whose only realm is the first (and current) one.
    pub(crate) fn new() -> RealmTable {
        RealmTable { parked: vec![None] }
    }

    /// Every realm that is not current.
    pub(crate) fn parked(&self) -> impl Iterator<Item = &Realm> {
        self.parked.iter().flatten()
    }
}

impl Vm {
    /// The current realm's id.
    #[inline]
    pub fn current_realm(&self) -> RealmId {
        self.realm.id
    }

    /// Creates a realm with bare intrinsics (those the VM itself needs,
    /// such as the generator prototypes' methods) and a fresh global object,
    /// and returns its id; the current realm stays current. An embedder
    /// installs its standard library into the new realm with
    /// [`Vm::with_realm`] (the runtime's `Runtime::create_realm` does).
    pub fn create_realm(&mut self) -> RealmId {
        let id = RealmId(self.realms.parked.len() as u32);
        let realm = Realm::new(&mut self.heap, id);
        self.realms.parked.push(Some(realm));
        self.with_realm(id, |vm| vm.install_generator_intrinsics());
        id
    }

    /// The realm record `id`, current or not.
    pub fn realm_record(&self, id: RealmId) -> Option<&Realm> {
        if id == self.realm.id {
            return Some(&self.realm);
        }
        self.realms.parked.get(id.index())?.as_ref()
    }

    /// The global object of realm `id`.
    pub fn realm_global(&self, id: RealmId) -> Option<Obj> {
        self.realm_record(id).map(|r| r.global)
    }

    /// Runs `f` with realm `id` current, then makes the previous realm
    /// current again (an unknown `id` leaves the current realm current).
    pub fn with_realm<T>(&mut self, id: RealmId, f: impl FnOnce(&mut Vm) -> T) -> T {
        let previous = self.enter_realm(id);
        let r = f(self);
        self.enter_realm(previous);
        r
    }

    /// Makes realm `id` current; returns the realm that was current. One
    /// compare when `id` is already current.
    #[inline(always)]
    pub(crate) fn enter_realm(&mut self, id: RealmId) -> RealmId {
        let previous = self.realm.id;
        if id != previous {
            self.switch_realm(id);
        }
        previous
    }

    /// Moves the current realm into the table and realm `id` out of it.
    #[cold]
    #[inline(never)]
    fn switch_realm(&mut self, id: RealmId) {
        let Some(next) = self.realms.parked.get_mut(id.index()).and_then(Option::take) else { return };
        let previous = std::mem::replace(&mut self.realm, next);
        let slot = previous.id.index();
        self.realms.parked[slot] = Some(previous);
    }

    /// GetFunctionRealm(obj) (§7.3.24); the current realm for objects that
    /// are not functions.
    pub fn function_realm(&mut self, obj: Obj) -> JsResult<RealmId> {
        let mut o = obj;
        // A chain of bound functions and proxies is finite (each wraps an
        // object made before it), but bounded anyway.
        for _ in 0..100_000 {
            match &self.heap.object(o).kind {
                // 1. If obj has a [[Realm]] internal slot, return obj.[[Realm]].
                ObjectKind::Closure(c) => return Ok(c.realm),
                ObjectKind::Native(n) => return Ok(n.realm),
                // 2. A bound function: GetFunctionRealm(its target).
                ObjectKind::Bound(b) => o = b.target,
                // 3. A proxy: a revoked one throws; else its target's realm.
                ObjectKind::Proxy(p) => match (p.handler, p.target) {
                    (Some(_), Some(target)) => o = target,
                    _ => return self.type_error("Cannot get the realm of a revoked proxy"),
                },
                // 4. Return the current Realm Record.
                _ => break,
            }
        }
        Ok(self.realm.id)
    }

    /// The intrinsic of realm `id` that corresponds to `intrinsic`, an
    /// intrinsic of the current realm (e.g. realm `id`'s
    /// %Array.prototype% for the current %Array.prototype%); `intrinsic`
    /// itself when `id` is current or it is no registered intrinsic.
    pub fn corresponding_intrinsic(&self, intrinsic: Obj, id: RealmId) -> Obj {
        if id == self.realm.id {
            return intrinsic;
        }
        let Some(other) = self.realm_record(id) else { return intrinsic };
        if let Some(i) = self.realm.fixed_intrinsics().iter().position(|&o| o == intrinsic) {
            return other.fixed_intrinsics()[i];
        }
        let name = self.realm.named.iter().find_map(|(name, &o)| (o == intrinsic).then_some(*name));
        name.and_then(|n| other.intrinsic(n)).unwrap_or(intrinsic)
    }
}
