//! Integrity levels (§7.3.15-16: seal and freeze), EnumerableOwnProperties
//! (§7.3.23, for `Object.keys`/`values`/`entries`) and the key list of a
//! `for-in` loop (§14.7.5.9 EnumerateObjectProperties).

use super::{IterationKind, PropertyDescriptor};
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use rustc_hash::FxHashSet;

/// The level of `Object.seal` or `Object.freeze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntegrityLevel {
    /// Non-extensible, every property non-configurable.
    Sealed,
    /// Sealed, and every data property read-only.
    Frozen,
}

impl Vm {
    /// SetIntegrityLevel(O, level) (§7.3.15).
    pub fn set_integrity_level(&mut self, o: Obj, level: IntegrityLevel) -> JsResult<bool> {
        // 1-2. Let status be ? O.[[PreventExtensions]](); false → false.
        if !self.prevent_extensions(o)? {
            return Ok(false);
        }
        // 3. Let keys be ? O.[[OwnPropertyKeys]]().
        let keys = self.own_property_keys(o)?;
        let sealed = PropertyDescriptor { configurable: Some(false), ..Default::default() };
        for k in keys {
            let desc = match level {
                // 4. Sealed: { [[Configurable]]: false } for every key.
                IntegrityLevel::Sealed => sealed,
                // 5. Frozen: also { [[Writable]]: false } for data properties.
                IntegrityLevel::Frozen => match self.get_own_property(o, k)? {
                    None => continue,
                    Some(p) if p.is_accessor() => sealed,
                    Some(_) => PropertyDescriptor { writable: Some(false), ..sealed },
                },
            };
            self.define_property_or_throw(o, k, desc)?;
        }
        // 6. Return true.
        Ok(true)
    }

    /// SetIntegrityLevel(O, frozen) (`Object.freeze`).
    pub fn set_integrity_level_frozen(&mut self, o: Obj) -> JsResult<bool> {
        self.set_integrity_level(o, IntegrityLevel::Frozen)
    }

    /// TestIntegrityLevel(O, level) (§7.3.16).
    pub fn test_integrity_level(&mut self, o: Obj, level: IntegrityLevel) -> JsResult<bool> {
        // 1-2. An extensible object is neither sealed nor frozen.
        if self.is_extensible(o)? {
            return Ok(false);
        }
        // 3-4. Every property non-configurable (and, frozen, read-only).
        for k in self.own_property_keys(o)? {
            if let Some(p) = self.get_own_property(o, k)? {
                if p.configurable() {
                    return Ok(false);
                }
                if level == IntegrityLevel::Frozen && p.value().is_some() && p.attrs().writable() {
                    return Ok(false);
                }
            }
        }
        // 5. Return true.
        Ok(true)
    }

    /// The enumerable own string keys of `o`, in order (`Object.keys`).
    pub fn enumerable_own_keys(&mut self, o: Obj) -> JsResult<Vec<PropertyKey>> {
        let mut out = Vec::new();
        for k in self.own_property_keys(o)? {
            if matches!(k, PropertyKey::Symbol(_)) {
                continue;
            }
            if self.get_own_property(o, k)?.is_some_and(|p| p.enumerable()) {
                out.push(k);
            }
        }
        Ok(out)
    }

    /// EnumerableOwnProperties(O, kind) (§7.3.23): keys (as strings),
    /// values, or `[key, value]` arrays.
    pub fn enumerable_own_properties(&mut self, o: Obj, kind: IterationKind) -> JsResult<Vec<Value>> {
        // 1. Let ownKeys be ? O.[[OwnPropertyKeys]]().
        let keys = self.own_property_keys(o)?;
        let mut results = Vec::new();
        // 3. For each String key, if its descriptor is enumerable:
        for k in keys {
            if matches!(k, PropertyKey::Symbol(_)) {
                continue;
            }
            if !self.get_own_property(o, k)?.is_some_and(|p| p.enumerable()) {
                continue;
            }
            let key_value = self.heap.key_to_value(k);
            results.push(match kind {
                IterationKind::Keys => key_value,
                IterationKind::Values => self.get_property(o, k)?,
                IterationKind::Entries => {
                    let v = self.get_property(o, k)?;
                    Value::Object(self.create_array(&[key_value, v]))
                }
            });
        }
        Ok(results)
    }

    /// The keys a `for (k in o)` visits, in order: enumerable string keys
    /// of `o` and then of each prototype, skipping keys already seen
    /// (enumerable or not) lower on the chain. The loop should re-check
    /// each key with [`Vm::has_property`] before visiting it, since the
    /// body may delete properties.
    pub fn for_in_keys(&mut self, o: Obj) -> JsResult<Vec<PropertyKey>> {
        let mut visited: FxHashSet<PropertyKey> = FxHashSet::default();
        let mut out = Vec::new();
        let mut cur = Some(o);
        while let Some(obj) = cur {
            for k in self.own_property_keys(obj)? {
                if matches!(k, PropertyKey::Symbol(_)) {
                    continue;
                }
                let Some(p) = self.get_own_property(obj, k)? else { continue };
                if visited.insert(k) && p.enumerable() {
                    out.push(k);
                }
            }
            cur = self.get_prototype_of(obj)?;
        }
        Ok(out)
    }
}
