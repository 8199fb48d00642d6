//! The heap's face of the keyed collections: SameValueZero hashing of
//! keys (string and BigInt contents, `-0` as `+0`), the operations on the
//! [`OrderedTable`] of a Map or Set object and on the [`WeakTable`] of a
//! WeakMap or WeakSet object, and when a table may compact.
//!
//! Invariant: a table compacts (moves positions) only when no iterator
//! or internal walk may hold a position in it: [`Heap::pin_table`] forbids
//! it until the next collection, and each collection pins again the tables
//! of the Map and Set iterators it finds alive (`heap::ephemeron`). No
//! collection runs while native code is active, so a built-in walking a
//! table by position (`forEach`, the Set methods) pins it once at the start.

use super::strings::StringArena;
use super::symbols::SymbolArena;
use super::Heap;
use crate::object::ordered_table::{Entry, OrderedTable};
use crate::object::weak_table::{WeakKey, WeakTable};
use crate::object::ObjectKind;
use crate::value::{Obj, Value};
use cranelift_entity::EntityRef;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// What hashing and comparing keys needs of the heap.
struct KeyCx<'h> {
    strings: &'h StringArena,
    symbols: &'h SymbolArena,
}

impl KeyCx<'_> {
    /// A hash consistent with SameValueZero.
    fn hash(&self, v: Value) -> u64 {
        let mut h = FxHasher::default();
        match normalize_key(v) {
            Value::Undefined => 0u8.hash(&mut h),
            Value::Null => 1u8.hash(&mut h),
            Value::Bool(b) => (2u8, b).hash(&mut h),
            Value::Number(n) => (3u8, if n.is_nan() { f64::NAN.to_bits() } else { n.to_bits() }).hash(&mut h),
            Value::String(s) => (4u8, self.strings.units(s)).hash(&mut h),
            Value::Symbol(s) => (5u8, s).hash(&mut h),
            Value::BigInt(b) => (6u8, self.symbols.bigint(b)).hash(&mut h),
            Value::Object(o) => (7u8, o).hash(&mut h),
            Value::Empty => 8u8.hash(&mut h),
        }
        h.finish()
    }

    /// SameValueZero(a, b).
    fn eq(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x == y || (x.is_nan() && y.is_nan()),
            (Value::String(x), Value::String(y)) => x == y || self.strings.units(x) == self.strings.units(y),
            (Value::BigInt(x), Value::BigInt(y)) => x == y || self.symbols.bigint(x) == self.symbols.bigint(y),
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Symbol(x), Value::Symbol(y)) => x == y,
            (Value::Object(x), Value::Object(y)) => x == y,
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            _ => false,
        }
    }
}

/// A key as Map and Set store it: `-0` becomes `+0`.
pub fn normalize_key(v: Value) -> Value {
    match v {
        Value::Number(n) if n == 0.0 && n.is_sign_negative() => Value::Number(0.0),
        other => other,
    }
}

impl Heap {
    /// The table of Map or Set `o`.
    pub fn table(&self, o: Obj) -> Option<&OrderedTable> {
        match &self.object(o).kind {
            ObjectKind::Map(t) | ObjectKind::Set(t) => Some(t),
            _ => None,
        }
    }

    /// Runs `f` on the table of Map or Set `o` with the key context and
    /// whether it may compact.
    fn with_table<R>(&mut self, o: Obj, f: impl FnOnce(&mut OrderedTable, &KeyCx<'_>, bool) -> R) -> Option<R> {
        let Heap { objects, strings, symbols, stats, .. } = self;
        let table = match objects.get_mut(o.index()) {
            Some(Some(obj)) => match &mut obj.kind {
                ObjectKind::Map(t) | ObjectKind::Set(t) => t,
                _ => return None,
            },
            _ => return None,
        };
        let may_compact = table.guard <= stats.collections;
        Some(f(table, &KeyCx { strings, symbols }, may_compact))
    }

    fn key_cx(&self) -> KeyCx<'_> {
        KeyCx { strings: &self.strings, symbols: &self.symbols }
    }

    /// The value of `key` in Map `o` (or `Undefined` for a Set entry).
    pub fn table_get(&self, o: Obj, key: Value) -> Option<Value> {
        let cx = self.key_cx();
        self.table(o)?.get(cx.hash(key), normalize_key(key), |a, b| cx.eq(a, b))
    }

    /// `key` is in Map or Set `o`.
    pub fn table_has(&self, o: Obj, key: Value) -> bool {
        self.table_get(o, key).is_some()
    }

    /// Sets `key` (normalised) to `value` in Map or Set `o`.
    pub fn table_set(&mut self, o: Obj, key: Value, value: Value) {
        let key = normalize_key(key);
        let added = self.with_table(o, |t, cx, may| t.insert(cx.hash(key), key, value, |a, b| cx.eq(a, b), may));
        if added == Some(true) {
            self.note_growth(std::mem::size_of::<Entry>() + 16);
        }
    }

    /// Deletes `key` from Map or Set `o`; whether it was there.
    pub fn table_delete(&mut self, o: Obj, key: Value) -> bool {
        let key = normalize_key(key);
        self.with_table(o, |t, cx, may| t.remove(cx.hash(key), key, |a, b| cx.eq(a, b), may)).unwrap_or(false)
    }

    /// Deletes every entry of Map or Set `o`.
    pub fn table_clear(&mut self, o: Obj) {
        self.with_table(o, |t, _, may| t.clear(may));
    }

    /// The number of live entries of Map or Set `o`.
    pub fn table_len(&self, o: Obj) -> usize {
        self.table(o).map_or(0, OrderedTable::len)
    }

    /// The first live entry of Map or Set `o` at position `from` or later.
    pub fn table_next(&self, o: Obj, from: usize) -> Option<(usize, Entry)> {
        self.table(o)?.next_live(from)
    }

    /// Forbids compacting the table of `o` until the next collection (an
    /// iterator or a walk by position starts).
    pub fn pin_table(&mut self, o: Obj) {
        let next = self.stats.collections + 1;
        self.with_table(o, |t, _, _| t.guard = t.guard.max(next));
    }

    /// CanBeHeldWeakly(v) (§9.13): the key, for objects and symbols not
    /// in the global registry.
    pub fn weak_key(&self, v: Value) -> Option<WeakKey> {
        match v {
            Value::Object(o) => Some(WeakKey::Object(o)),
            Value::Symbol(s) if !self.is_registered_symbol(s) => Some(WeakKey::Symbol(s)),
            _ => None,
        }
    }

    /// The table of WeakMap or WeakSet `o`.
    pub fn weak_table(&self, o: Obj) -> Option<&WeakTable> {
        match &self.object(o).kind {
            ObjectKind::WeakMap(t) | ObjectKind::WeakSet(t) => Some(t),
            _ => None,
        }
    }

    /// The table of WeakMap or WeakSet `o`, mutably.
    pub fn weak_table_mut(&mut self, o: Obj) -> Option<&mut WeakTable> {
        match &mut self.object_mut(o).kind {
            ObjectKind::WeakMap(t) | ObjectKind::WeakSet(t) => Some(t),
            _ => None,
        }
    }

    /// Sets `key` to `value` in WeakMap or WeakSet `o`.
    pub fn weak_set(&mut self, o: Obj, key: WeakKey, value: Value) {
        let grew = self.weak_table_mut(o).map(|t| {
            let before = t.len();
            t.insert(key, value);
            t.len() > before
        });
        if grew == Some(true) {
            self.note_growth(32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_zero_keys() {
        let mut heap = Heap::new();
        let m = heap.alloc_object(None, ObjectKind::Map(Box::default()));
        let a = heap.string_from_str("key");
        let b = heap.string_from_str("key");
        heap.table_set(m, Value::String(a), Value::Number(1.0));
        assert_eq!(heap.table_get(m, Value::String(b)), Some(Value::Number(1.0)));
        heap.table_set(m, Value::Number(-0.0), Value::Number(2.0));
        assert_eq!(heap.table_get(m, Value::Number(0.0)), Some(Value::Number(2.0)));
        assert!(matches!(heap.table_next(m, 1), Some((1, Entry { key: Value::Number(n), .. })) if n == 0.0 && n.is_sign_positive()));
        heap.table_set(m, Value::Number(f64::NAN), Value::Null);
        assert!(heap.table_has(m, Value::Number(-f64::NAN)));
        let x = heap.alloc_bigint(10.into());
        let y = heap.alloc_bigint(10.into());
        heap.table_set(m, Value::BigInt(x), Value::Bool(true));
        assert!(heap.table_has(m, Value::BigInt(y)));
        assert!(!heap.table_has(m, Value::Number(10.0)));
        assert_eq!(heap.table_len(m), 4);
        assert!(heap.table_delete(m, Value::String(b)));
        assert_eq!(heap.table_len(m), 3);
    }

    #[test]
    fn registered_symbols_cannot_be_held_weakly() {
        let mut heap = Heap::new();
        let k = heap.string_from_str("k");
        let registered = heap.symbol_for(k);
        let unique = heap.alloc_symbol(None);
        assert_eq!(heap.weak_key(Value::Symbol(registered)), None);
        assert_eq!(heap.weak_key(Value::Symbol(unique)), Some(WeakKey::Symbol(unique)));
        assert_eq!(heap.weak_key(Value::Number(1.0)), None);
    }
}
