//! Arguments exotic objects (§10.4.4): in a sloppy function with simple
//! parameters, index `i` of `arguments` aliases the parameter's binding,
//! which lives in slot `mapped[i]` of the function's environment `env`.
//!
//! Invariants: a mapped index also has an own data property in elements
//! (its stored value is stale; the binding is the truth); once unmapped
//! (deleted, made an accessor or made read-only) an index is never mapped
//! again.

use super::{ObjectKind, Property, PropertyDescriptor};
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    /// The environment and slot that `key` of arguments object `o` aliases.
    fn mapped_binding(&self, o: Obj, key: PropertyKey) -> Option<(Obj, usize)> {
        let PropertyKey::Index(i) = key else { return None };
        let ObjectKind::Arguments(a) = &self.heap.object(o).kind else { return None };
        let slot = (*a.mapped.get(i as usize)?)?;
        Some((a.env?, slot as usize))
    }

    fn read_binding(&self, env: Obj, slot: usize) -> Value {
        match &self.heap.object(env).kind {
            ObjectKind::Env(e) => e.slots.get(slot).copied().unwrap_or(Value::Undefined),
            _ => Value::Undefined,
        }
    }

    fn unmap(&mut self, o: Obj, key: PropertyKey) {
        if let (PropertyKey::Index(i), ObjectKind::Arguments(a)) = (key, &mut self.heap.object_mut(o).kind) {
            if let Some(m) = a.mapped.get_mut(i as usize) {
                *m = None;
            }
        }
    }

    /// Writes `value` to the binding `key` aliases, if mapped (the map's
    /// [[Set]] in §10.4.4.4 step 3 and §10.4.4.2 step 7.b.i).
    pub(crate) fn arguments_write_mapped(&mut self, o: Obj, key: PropertyKey, value: Value) {
        if let Some((env, slot)) = self.mapped_binding(o, key) {
            if let ObjectKind::Env(e) = &mut self.heap.object_mut(env).kind {
                if let Some(s) = e.slots.get_mut(slot) {
                    *s = value;
                }
            }
        }
    }

    /// [[GetOwnProperty]] of an arguments object (§10.4.4.1).
    pub(crate) fn arguments_get_own_property(&mut self, o: Obj, key: PropertyKey) -> Option<Property> {
        // 1-2. Let desc be OrdinaryGetOwnProperty(args, P).
        let desc = self.heap.get_own_raw(o, key)?;
        // 3-4. If mapped, the value is the binding's.
        match (desc, self.mapped_binding(o, key)) {
            (Property::Data { attrs, .. }, Some((env, slot))) => Some(Property::data(self.read_binding(env, slot), attrs)),
            _ => Some(desc),
        }
    }

    /// [[DefineOwnProperty]] of an arguments object (§10.4.4.2).
    pub(crate) fn arguments_define_own_property(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        // 1-2. isMapped.
        let binding = self.mapped_binding(o, key);
        // 3-4. A read-only data define without a value keeps the mapped value.
        let mut new_desc = desc;
        if let Some((env, slot)) = binding {
            if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
                new_desc.value = Some(self.read_binding(env, slot));
            }
        }
        // 5-6. Let allowed be ! OrdinaryDefineOwnProperty(args, P, newArgDesc).
        if !self.ordinary_define_own_property(o, key, new_desc) {
            return false;
        }
        // 7. If isMapped: write through, then unmap accessors and read-only.
        if binding.is_some() {
            if desc.is_accessor() {
                self.unmap(o, key);
            } else {
                if let Some(v) = desc.value {
                    self.arguments_write_mapped(o, key, v);
                }
                if desc.writable == Some(false) {
                    self.unmap(o, key);
                }
            }
        }
        // 8. Return true.
        true
    }

    /// [[Delete]] of an arguments object (§10.4.4.5).
    pub(crate) fn arguments_delete(&mut self, o: Obj, key: PropertyKey) -> bool {
        // 3. Let result be ? OrdinaryDelete(args, P).
        let result = match self.heap.get_own_raw(o, key) {
            None => true,
            Some(p) if p.configurable() => {
                self.heap.remove_raw(o, key);
                true
            }
            Some(_) => false,
        };
        // 4. If result is true and isMapped is true, remove the mapping.
        if result {
            self.unmap(o, key);
        }
        result
    }
}
