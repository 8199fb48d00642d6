//! Dictionary mode: the named properties of an object that left the shape
//! tree (many properties, a deletion, or a shape with too many siblings).
//!
//! Invariants: `index[k]` is the position in `entries` of the live entry
//! for `k`; deleted entries are `None` tombstones, so `entries` keeps
//! insertion order; `live` counts the `Some` entries.

use super::property::Property;
use crate::value::PropertyKey;
use rustc_hash::FxHashMap;

/// Named properties in a hash table that keeps insertion order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dictionary {
    entries: Vec<Option<(PropertyKey, Property)>>,
    index: FxHashMap<PropertyKey, u32>,
    live: u32,
}

impl Dictionary {
    /// The property stored under `key`.
    pub(crate) fn get(&self, key: PropertyKey) -> Option<Property> {
        let i = *self.index.get(&key)?;
        self.entries.get(i as usize).copied().flatten().map(|(_, p)| p)
    }

    /// Mutable access to the property stored under `key`.
    pub(crate) fn get_mut(&mut self, key: PropertyKey) -> Option<&mut Property> {
        let i = *self.index.get(&key)?;
        match self.entries.get_mut(i as usize) {
            Some(Some((_, p))) => Some(p),
            _ => None,
        }
    }

    /// Adds or overwrites (in place: the order does not change).
    pub(crate) fn set(&mut self, key: PropertyKey, prop: Property) {
        if let Some(p) = self.get_mut(key) {
            *p = prop;
            return;
        }
        self.index.insert(key, self.entries.len() as u32);
        self.entries.push(Some((key, prop)));
        self.live += 1;
    }

    /// Removes `key`; returns whether it was there.
    pub(crate) fn remove(&mut self, key: PropertyKey) -> bool {
        let Some(i) = self.index.remove(&key) else { return false };
        if let Some(e) = self.entries.get_mut(i as usize) {
            *e = None;
        }
        self.live -= 1;
        if self.entries.len() > 16 && (self.live as usize) * 2 < self.entries.len() {
            self.compact();
        }
        true
    }

    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        self.index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some((k, _)) = e {
                self.index.insert(*k, i as u32);
            }
        }
    }

    /// The live entries in insertion order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (PropertyKey, Property)> + '_ {
        self.entries.iter().filter_map(|e| *e)
    }

    /// Number of properties.
    pub(crate) fn len(&self) -> u32 {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::Attributes;
    use crate::value::{Atom, Value};
    use cranelift_entity::EntityRef;

    #[test]
    fn keeps_insertion_order_through_deletes_and_compaction() {
        let mut d = Dictionary::default();
        let k = |i| PropertyKey::Atom(Atom::new(i));
        for i in 0..40 {
            d.set(k(i), Property::data(Value::Number(i as f64), Attributes::ALL));
        }
        for i in 0..30 {
            assert!(d.remove(k(i)));
        }
        assert!(!d.remove(k(0)));
        d.set(k(35), Property::data(Value::Null, Attributes::NONE));
        d.set(k(0), Property::data(Value::Null, Attributes::ALL));
        let keys: Vec<_> = d.iter().map(|(k, _)| k).collect();
        let expected: Vec<_> = (30..40).map(k).chain([k(0)]).collect();
        assert_eq!(keys, expected);
        assert_eq!(d.len(), 11);
        assert_eq!(d.get(k(35)), Some(Property::data(Value::Null, Attributes::NONE)));
        assert_eq!(d.get(k(3)), None);
    }
}
