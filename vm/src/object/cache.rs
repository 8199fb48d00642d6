//! Inline caches for named property access: each property instruction owns
//! a [`PropertyCache`] that remembers, for the last receiver shape it saw,
//! where the property was: an own slot, or a slot of the receiver's
//! immediate prototype (checked by that prototype's identity and shape).
//!
//! A prototype hit up to four levels up is cached too: the objects in
//! between are checked on each hit for not having the key (a look-up each),
//! the holder by identity and shape.
//!
//! Why a hit is exact: shapes are immutable and never reused, and an
//! object's shape determines its own named keys, their attributes and slots;
//! shape classes keep arrays and string wrappers (whose `length` is not in
//! the shape) apart from ordinary objects, and proxies are never cached.
//! So "same shape" means "no own property shadows it" and "same slot";
//! "same prototype object with the same shape" means the prototype still
//! has that property in that slot. The top bits of the cached slot say
//! what may be done with it (read a read-only value, read or write a
//! writable one, call a getter, call a setter, add the property), so a
//! cache shared by a get and a set instruction is still exact; accessors
//! are read from their slot and called with the receiver.
//!
//! Adding a property (`this.x = v` in a constructor) is cached as the
//! transition from the receiver's shape to its child for (`x`, all
//! attributes): on a hit the receiver must be extensible and no object on
//! its prototype chain may have `x` as an accessor or read-only property
//! (or be a proxy), which is checked by walking the chain; prototypes whose
//! shape's filter of special keys rules `x` out are skipped without a
//! look-up. An object literal's `DefineNamedField` caches its addition the
//! same way, but checks no prototype: defining never consults them.
//!
//! The hits of `GetField` (an own or immediate-prototype data property)
//! and of `SetField` (an own writable slot, an addition) are inlined into
//! the dispatch loop; everything else is out of line.

use super::shape::{ShapeEntry, ShapeId};
use super::{Attributes, ObjectKind, Props};
use crate::value::{Atom, Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use cranelift_entity::EntityRef;
use std::cell::Cell;

const EMPTY: u32 = u32::MAX;
const OWN: u32 = u32::MAX;
const MODE_SHIFT: u32 = 29;
/// Bits 27-28: how many prototypes lie between the receiver and the holder.
const HOPS_SHIFT: u32 = 27;
const MAX_HOPS: u32 = 3;
const SLOT_MASK: u32 = (1 << HOPS_SHIFT) - 1;

/// What a cached slot holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    ReadOnly = 0,
    Writable = 1,
    Getter = 2,
    Setter = 3,
    /// `slot` is the new slot; `holder` is the shape after the addition.
    Add = 4,
}

/// The inline cache of one property-access instruction (16 bytes).
#[derive(Clone, Debug)]
pub struct PropertyCache {
    shape: Cell<u32>,
    slot: Cell<u32>,
    holder: Cell<u32>,
    holder_shape: Cell<u32>,
}

impl Default for PropertyCache {
    fn default() -> Self {
        PropertyCache { shape: Cell::new(EMPTY), slot: Cell::new(0), holder: Cell::new(OWN), holder_shape: Cell::new(EMPTY) }
    }
}

impl PropertyCache {
    fn fill(&self, shape: ShapeId, slot: u32, mode: Mode, holder: Option<(Obj, ShapeId)>, hops: u32) {
        if slot > SLOT_MASK || hops > MAX_HOPS {
            return;
        }
        self.shape.set(shape.index() as u32);
        self.slot.set(slot | hops << HOPS_SHIFT | (mode as u32) << MODE_SHIFT);
        match holder {
            None => self.holder.set(OWN),
            Some((h, hs)) => {
                self.holder.set(h.index() as u32);
                self.holder_shape.set(hs.index() as u32);
            }
        }
    }

    /// Forgets what it saw (for tests and debugging).
    pub fn clear(&self) {
        self.shape.set(EMPTY);
    }
}

impl Vm {
    /// The value of the data property `cache` remembers for `o`, if it hits.
    pub(crate) fn cached_data(&self, o: Obj, cache: &PropertyCache) -> Option<Value> {
        match self.probe(o, None, cache)? {
            (Mode::ReadOnly | Mode::Writable, v) => Some(v),
            _ => None,
        }
    }

    /// The cached location's content for receiver `o`, if the cache hits
    /// (hits through intermediate prototypes need the `key` to check them).
    fn probe(&self, o: Obj, key: Option<Atom>, cache: &PropertyCache) -> Option<(Mode, Value)> {
        let obj = self.heap.object(o);
        let Props::Slots(slots) = &obj.props else { return None };
        if obj.shape.index() as u32 != cache.shape.get() {
            return None;
        }
        let slot = cache.slot.get();
        let holder = cache.holder.get();
        let slots = if holder == OWN {
            slots
        } else {
            let h = Obj::new(holder as usize);
            let mut p = obj.proto?;
            for _ in 0..(slot >> HOPS_SHIFT) & MAX_HOPS {
                if !self.lacks(p, key?) {
                    return None;
                }
                p = self.heap.object(p).proto?;
            }
            if p != h {
                return None;
            }
            let holder = self.heap.object(h);
            match &holder.props {
                Props::Slots(slots) if holder.shape.index() as u32 == cache.holder_shape.get() => slots,
                _ => return None,
            }
        };
        let value = *slots.get((slot & SLOT_MASK) as usize)?;
        let mode = match slot >> MODE_SHIFT {
            0 => Mode::ReadOnly,
            1 => Mode::Writable,
            2 => Mode::Getter,
            3 => Mode::Setter,
            _ => return None,
        };
        Some((mode, value))
    }

    /// The fast path of [`Vm::get_cached`] (inlined into the dispatch
    /// loop): the value when `cache` holds a data property of `o`'s shape,
    /// own or of its immediate prototype; `None` sends the access down the
    /// general path.
    #[inline(always)]
    pub(crate) fn cached_data_value(&self, o: Obj, cache: &PropertyCache) -> Option<Value> {
        let obj = self.heap.object(o);
        let slot = cache.slot.get();
        if obj.shape.index() as u32 != cache.shape.get() || slot >> MODE_SHIFT > Mode::Writable as u32 {
            return None;
        }
        let holder = cache.holder.get();
        let slots = match &obj.props {
            Props::Slots(slots) if holder == OWN => slots,
            Props::Slots(_) => return self.cached_prototype_value(obj.proto, holder, slot, cache),
            Props::Dict(_) => return None,
        };
        slots.get((slot & SLOT_MASK) as usize).map(Value::fieldwise)
    }

    /// [`Vm::cached_data_value`] for a data property of the receiver's
    /// immediate prototype (a method, most often): that prototype must be
    /// the cached holder with the cached shape.
    #[inline(always)]
    fn cached_prototype_value(&self, proto: Option<Obj>, holder: u32, slot: u32, cache: &PropertyCache) -> Option<Value> {
        let p = proto?;
        if p.index() as u32 != holder || (slot >> HOPS_SHIFT) & MAX_HOPS != 0 {
            return None;
        }
        let holder = self.heap.object(p);
        match &holder.props {
            Props::Slots(slots) if holder.shape.index() as u32 == cache.holder_shape.get() => {
                slots.get((slot & SLOT_MASK) as usize).map(Value::fieldwise)
            }
            _ => None,
        }
    }

    /// The fast path of [`Vm::set_cached`] (inlined into the dispatch
    /// loop): stores `value` when `cache` holds an own writable data
    /// property of `o`'s shape; `false` sends the store down the general path.
    #[inline(always)]
    pub(crate) fn set_cached_own(&mut self, o: Obj, value: Value, cache: &PropertyCache) -> bool {
        let slot = cache.slot.get();
        let obj = self.heap.object_mut(o);
        if obj.shape.index() as u32 != cache.shape.get() || cache.holder.get() != OWN || slot >> MODE_SHIFT != Mode::Writable as u32 {
            return false;
        }
        match &mut obj.props {
            Props::Slots(slots) => match slots.get_mut((slot & SLOT_MASK) as usize) {
                Some(s) => {
                    *s = value;
                    true
                }
                None => false,
            },
            Props::Dict(_) => false,
        }
    }

    /// `o.key` through the inline cache `cache`: exactly [[Get]](key, o).
    pub fn get_cached(&mut self, o: Obj, key: Atom, cache: &PropertyCache) -> JsResult<Value> {
        match self.probe(o, Some(key), cache) {
            Some((Mode::ReadOnly | Mode::Writable, v)) => Ok(v),
            Some((Mode::Getter, Value::Object(g))) => self.call(Value::Object(g), Value::Object(o), &[]),
            Some((Mode::Getter, _)) => Ok(Value::Undefined),
            _ => {
                if let Some(length) = self.array_length_field(o, key) {
                    return Ok(length);
                }
                self.fill_cache(o, key, cache);
                self.get(o, PropertyKey::Atom(key), Value::Object(o))
            }
        }
    }

    /// `o.key` when it is an array's `length`: always its own data property,
    /// never in the array's shape, so never cached.
    #[inline(always)]
    pub(crate) fn array_length_field(&self, o: Obj, key: Atom) -> Option<Value> {
        let is_length = key == self.heap.names.length && self.heap.object(o).is_array();
        is_length.then(|| Value::Number(f64::from(self.heap.array_length(o))))
    }

    /// `o.key = value` through the inline cache `cache`: exactly
    /// [[Set]](key, value, o), throwing a TypeError on failure when `strict`.
    /// The hits (an own writable slot, a cached addition) inline into the
    /// dispatch loop; the rest is [`Vm::set_uncached`].
    #[inline(always)]
    pub fn set_cached(&mut self, o: Obj, key: Atom, value: Value, cache: &PropertyCache, strict: bool) -> JsResult<()> {
        let hit = if cache.slot.get() >> MODE_SHIFT == Mode::Add as u32 {
            self.cached_add(o, key, value, cache)
        } else {
            self.set_cached_own(o, value, cache)
        };
        if hit {
            return Ok(());
        }
        self.set_uncached(o, key, value, cache, strict)
    }

    /// `set_cached` past the inline hits: a cached setter, else [[Set]]
    /// and a refill of the cache.
    #[inline(never)]
    fn set_uncached(&mut self, o: Obj, key: Atom, value: Value, cache: &PropertyCache, strict: bool) -> JsResult<()> {
        if let Some((Mode::Setter, Value::Object(s))) = self.probe(o, Some(key), cache) {
            self.call(Value::Object(s), Value::Object(o), &[value])?;
            return Ok(());
        }
        let k = PropertyKey::Atom(key);
        let before = self.heap.object(o).shape();
        let ok = self.set(o, k, value, Value::Object(o))?;
        if ok {
            self.fill_set_cache(o, key, before, cache);
        } else if strict {
            return self.set_failed(o, k);
        }
        Ok(())
    }

    /// `DefineNamedField` through its cache: CreateDataProperty(o, key, v)
    /// as the cached addition, when `o` is an extensible ordinary object
    /// of the cached shape (which has no `key`: an object's shape fixes its
    /// own keys). Defining never consults prototypes, so none are checked.
    /// `false` sends the definition down the general path.
    #[inline(always)]
    pub(crate) fn cached_define(&mut self, o: Obj, value: Value, cache: &PropertyCache) -> bool {
        if cache.slot.get() >> MODE_SHIFT != Mode::Add as u32 {
            return false;
        }
        match self.addition_target(o, cache) {
            Some(obj) if matches!(obj.kind, ObjectKind::Ordinary) => {}
            _ => return false,
        }
        self.apply_addition(o, value, cache);
        true
    }

    /// `DefineNamedField` off the cache: CreateDataPropertyOrThrow, then
    /// the cache remembers the addition.
    #[inline(never)]
    pub(crate) fn define_named_uncached(&mut self, o: Obj, key: Atom, value: Value, cache: &PropertyCache) -> JsResult<()> {
        let before = self.heap.object(o).shape();
        self.create_data_property_or_throw(o, PropertyKey::Atom(key), value)?;
        if matches!(self.heap.object(o).kind, ObjectKind::Ordinary) {
            self.fill_set_cache(o, key, before, cache);
        }
        Ok(())
    }

    /// The receiver may be cached for `key`: not a proxy, and `key` is not
    /// a virtual own property (an array's or string wrapper's `length`).
    fn cacheable(&self, o: Obj, key: Atom) -> bool {
        match self.heap.object(o).kind {
            ObjectKind::Proxy(_) | ObjectKind::ModuleNamespace(_) => false,
            ObjectKind::Array | ObjectKind::String(_) => key != self.heap.names.length,
            ObjectKind::TypedArray(_) => self.typed_array_numeric_key(PropertyKey::Atom(key)).is_none(),
            _ => true,
        }
    }

    /// Remembers where [[Get]] finds `key` for receivers shaped like `o`:
    /// an own slot, or a slot of a prototype at most four levels up.
    pub(crate) fn fill_cache(&self, o: Obj, key: Atom, cache: &PropertyCache) {
        let k = PropertyKey::Atom(key);
        let obj = self.heap.object(o);
        let Some(shape) = obj.shape() else { return };
        if !self.cacheable(o, key) {
            return;
        }
        let mode = |e: &ShapeEntry| match (e.accessor, e.attrs.writable()) {
            (true, _) => Mode::Getter,
            (false, true) => Mode::Writable,
            (false, false) => Mode::ReadOnly,
        };
        if let Some((_, e)) = self.heap.shapes.lookup(shape, k) {
            return cache.fill(shape, e.slot, mode(&e), None, 0);
        }
        if let Some((holder, hshape, e, hops)) = self.find_holder(obj.proto, key) {
            cache.fill(shape, e.slot, mode(&e), Some((holder, hshape)), hops);
        }
    }

    /// The first prototype from `proto` up (at most four levels) that has
    /// `key` in its shape: (holder, its shape, the entry, objects skipped);
    /// `None` if a proxy, a virtual property or dictionary mode is in the way.
    fn find_holder(&self, mut proto: Option<Obj>, key: Atom) -> Option<(Obj, ShapeId, ShapeEntry, u32)> {
        for hops in 0..=MAX_HOPS {
            let p = proto?;
            if !self.cacheable(p, key) {
                return None;
            }
            let po = self.heap.object(p);
            let pshape = po.shape()?;
            if let Some((_, e)) = self.heap.shapes.lookup(pshape, PropertyKey::Atom(key)) {
                return Some((p, pshape, e, hops));
            }
            proto = po.proto;
        }
        None
    }

    /// `p` does not have `key` and is not exotic for it (an intermediate
    /// prototype of a cached hit).
    fn lacks(&self, p: Obj, key: Atom) -> bool {
        let k = PropertyKey::Atom(key);
        let po = self.heap.object(p);
        self.cacheable(p, key)
            && match &po.props {
                Props::Slots(_) => self.heap.shapes.lookup(po.shape, k).is_none(),
                Props::Dict(d) => d.get(k).is_none(),
            }
    }

    /// After a successful [[Set]]: cache the addition of the property
    /// (the shape went from `before` to its child), an own writable data
    /// property, or a setter on a prototype.
    pub(crate) fn fill_set_cache(&self, o: Obj, key: Atom, before: Option<ShapeId>, cache: &PropertyCache) {
        let k = PropertyKey::Atom(key);
        let obj = self.heap.object(o);
        let Some(shape) = obj.shape() else { return };
        if !self.cacheable(o, key) {
            return;
        }
        if let Some((_, e)) = self.heap.shapes.lookup(shape, k) {
            match before {
                Some(b) if e.attrs == Attributes::ALL && !e.accessor && self.heap.shapes.parent(shape) == Some(b) => {
                    cache.fill(b, e.slot, Mode::Add, None, 0);
                    cache.holder.set(shape.index() as u32);
                }
                _ if !e.accessor && e.attrs.writable() => cache.fill(shape, e.slot, Mode::Writable, None, 0),
                _ => {}
            }
            return;
        }
        if let Some((holder, hshape, e, hops)) = self.find_holder(obj.proto, key) {
            if e.accessor {
                cache.fill(shape, e.slot + 1, Mode::Setter, Some((holder, hshape)), hops);
            }
        }
    }

    /// A cached addition: `o` has the cached old shape, is extensible, and
    /// nothing on its prototype chain intercepts or forbids the new
    /// property; then push the slot and take the cached child shape.
    #[inline(always)]
    fn cached_add(&mut self, o: Obj, key: Atom, value: Value, cache: &PropertyCache) -> bool {
        let Some(obj) = self.addition_target(o, cache) else { return false };
        let mut proto = obj.proto;
        while let Some(p) = proto {
            if !self.allows_add(p, key) {
                return false;
            }
            proto = self.heap.object(p).proto;
        }
        self.apply_addition(o, value, cache);
        true
    }

    /// The object `o` when the cached addition fits it: it has the cached
    /// old shape (so not the key), is extensible, and has the slot count
    /// the addition expects.
    #[inline(always)]
    fn addition_target(&self, o: Obj, cache: &PropertyCache) -> Option<&super::Object> {
        let obj = self.heap.object(o);
        let Props::Slots(slots) = &obj.props else { return None };
        let fits = obj.shape.index() as u32 == cache.shape.get() && obj.extensible && slots.len() == (cache.slot.get() & SLOT_MASK) as usize;
        fits.then_some(obj)
    }

    /// Performs the cached addition on `o` (checked by
    /// [`Vm::addition_target`]): the new slot holds `value`, the shape is
    /// the cached child.
    #[inline(always)]
    fn apply_addition(&mut self, o: Obj, value: Value, cache: &PropertyCache) {
        let child = ShapeId::new(cache.holder.get() as usize);
        self.heap.note_growth(std::mem::size_of::<Value>());
        let obj = self.heap.object_mut(o);
        if let Props::Slots(slots) = &mut obj.props {
            obj.shape = child;
            slots.push(value);
        }
    }

    /// Prototype `p` neither intercepts nor forbids adding `key` to an
    /// object that inherits from it: no proxy, no virtual `length`, and no
    /// accessor or read-only property `key`.
    fn allows_add(&self, p: Obj, key: Atom) -> bool {
        if !self.cacheable(p, key) {
            return false;
        }
        let k = PropertyKey::Atom(key);
        let proto = self.heap.object(p);
        match &proto.props {
            Props::Slots(_) => {
                !self.heap.shapes.may_be_special(proto.shape, k)
                    || self.heap.shapes.lookup(proto.shape, k).is_none_or(|(_, e)| !e.accessor && e.attrs.writable())
            }
            Props::Dict(d) => d.get(k).is_none_or(|p| matches!(p, super::Property::Data { attrs, .. } if attrs.writable())),
        }
    }
}
