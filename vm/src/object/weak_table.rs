//! The [[WeakMapData]] of WeakMap and [[WeakSetData]] of WeakSet
//! (ECMAScript 2025 §24.3, §24.4): a hash table keyed by identity.
//!
//! Invariants: keys are values for which CanBeHeldWeakly is true (objects
//! and symbols not in the global registry); the table never keeps its keys
//! alive, and a value stays alive only while its key is (an ephemeron):
//! the collector does not trace these tables like other objects but marks
//! a value once its key is marked, and removes the entries of dead keys
//! before it frees anything (`heap::ephemeron`). WeakSet entries hold
//! `Value::Undefined`.

use crate::value::{Obj, Sym, Value};
use rustc_hash::FxHashMap;

/// A key that can be held weakly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeakKey {
    /// An object.
    Object(Obj),
    /// A symbol not in the global registry.
    Symbol(Sym),
}

impl WeakKey {
    /// The key as a value.
    pub fn value(self) -> Value {
        match self {
            WeakKey::Object(o) => Value::Object(o),
            WeakKey::Symbol(s) => Value::Symbol(s),
        }
    }
}

/// A weakly keyed table.
#[derive(Clone, Debug, Default)]
pub struct WeakTable {
    entries: FxHashMap<WeakKey, Value>,
}

impl WeakTable {
    /// The value of `key`, if present.
    pub fn get(&self, key: WeakKey) -> Option<Value> {
        self.entries.get(&key).copied()
    }

    /// `key` is present.
    pub fn has(&self, key: WeakKey) -> bool {
        self.entries.contains_key(&key)
    }

    /// Sets `key` to `value`.
    pub fn insert(&mut self, key: WeakKey, value: Value) {
        self.entries.insert(key, value);
    }

    /// Deletes `key`; whether it was present.
    pub fn remove(&mut self, key: WeakKey) -> bool {
        self.entries.remove(&key).is_some()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry (for the collector).
    pub fn iter(&self) -> impl Iterator<Item = (WeakKey, Value)> + '_ {
        self.entries.iter().map(|(k, v)| (*k, *v))
    }

    /// Keeps only the entries whose key satisfies `alive`.
    pub fn retain_keys(&mut self, mut alive: impl FnMut(WeakKey) -> bool) {
        self.entries.retain(|k, _| alive(*k));
    }
}
