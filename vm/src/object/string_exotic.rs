//! String exotic objects (§10.4.3): the wrapper's code units appear as
//! read-only index properties and a read-only `length`.
//!
//! Invariant: both are virtual (computed from [[StringData]], never stored);
//! stored index properties of a wrapper are all at or beyond its length
//! (the ones below it cannot be defined).

use super::{Attributes, Property, PropertyDescriptor};
use crate::value::{Obj, PropertyKey, Str, Value};
use crate::vm::Vm;

impl Vm {
    /// StringGetOwnProperty(S, P) (§10.4.3.5), plus the `length` property.
    fn string_own_virtual(&mut self, s: Str, key: PropertyKey) -> Option<Property> {
        let len = self.heap.string_len(s);
        match key {
            // 1-9. Only integral indices below the length.
            PropertyKey::Index(i) if (i as usize) < len => {
                // 10-11. The one-unit substring, enumerable, read-only.
                let unit = self.heap.substring(s, i as usize, i as usize + 1);
                Some(Property::data(Value::String(unit), Attributes::ENUMERABLE))
            }
            PropertyKey::Atom(a) if a == self.heap.names.length => {
                Some(Property::data(Value::Number(len as f64), Attributes::NONE))
            }
            _ => None,
        }
    }

    /// [[GetOwnProperty]] of a String exotic object (§10.4.3.1).
    pub(crate) fn string_get_own_property(&mut self, o: Obj, s: Str, key: PropertyKey) -> Option<Property> {
        // 1-3. OrdinaryGetOwnProperty, then StringGetOwnProperty.
        match self.heap.get_own_raw(o, key) {
            Some(p) => Some(p),
            None => self.string_own_virtual(s, key),
        }
    }

    /// [[DefineOwnProperty]] of a String exotic object (§10.4.3.2).
    pub(crate) fn string_define_own_property(&mut self, o: Obj, s: Str, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        // 1-2. A string property: only compatible descriptors "succeed".
        if let Some(current) = self.string_own_virtual(s, key) {
            let extensible = self.heap.object(o).extensible;
            return self.heap.validate_and_apply(None, key, extensible, &desc, Some(current));
        }
        // 3. Return ! OrdinaryDefineOwnProperty(S, P, Desc).
        self.ordinary_define_own_property(o, key, desc)
    }

    /// [[OwnPropertyKeys]] of a String exotic object (§10.4.3.3).
    pub(crate) fn string_own_keys(&mut self, o: Obj, s: Str) -> Vec<PropertyKey> {
        let len = self.heap.string_len(s) as u32;
        let stored = self.heap.own_keys_raw(o);
        // 5. The string's indices; 6. other indices ascending (all ≥ len).
        let mut keys: Vec<PropertyKey> = (0..len).map(PropertyKey::Index).collect();
        let (indices, names): (Vec<PropertyKey>, Vec<PropertyKey>) =
            stored.into_iter().partition(|k| matches!(k, PropertyKey::Index(_)));
        keys.extend(indices.into_iter().filter(|k| matches!(k, PropertyKey::Index(i) if *i >= len)));
        // 7. Strings in creation order: `length` was created first.
        keys.push(PropertyKey::Atom(self.heap.names.length));
        // 7-8. Then the rest (strings, then symbols, as stored).
        keys.extend(names);
        keys
    }
}
