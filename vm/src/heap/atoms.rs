//! Atoms: interned property-name strings, and the canonical keys built from
//! them.
//!
//! Invariants: one atom per distinct code-unit sequence; atoms are never
//! freed and each owns a permanent, pinned string (what `atom_string`
//! returns), which the collector always marks. A canonical array index
//! ("0" .. "4294967294") becomes `PropertyKey::Index`, never an atom key.

use super::strings::StringArena;
use super::Heap;
use crate::value::{Atom, PropertyKey, Str, Value};
use cranelift_entity::EntityRef;
use rustc_hash::FxHashMap;

/// The atom table.
#[derive(Debug, Default)]
pub(crate) struct AtomTable {
    strings: Vec<Str>,
    map: FxHashMap<Box<[u16]>, Atom>,
}

impl AtomTable {
    /// The atom of `units`, interning it if new.
    pub(crate) fn intern(&mut self, strings: &mut StringArena, units: &[u16]) -> Atom {
        if let Some(a) = self.map.get(units) {
            return *a;
        }
        let s = strings.alloc(units.to_vec(), true);
        let a = Atom::new(self.strings.len());
        self.strings.push(s);
        self.map.insert(units.into(), a);
        a
    }

    /// The permanent string of `a`.
    pub(crate) fn string(&self, a: Atom) -> Str {
        debug_assert!(a.index() < self.strings.len(), "unknown atom");
        self.strings.get(a.index()).copied().unwrap_or(Str::new(0))
    }

    /// Every atom's string, for the collector.
    pub(crate) fn all_strings(&self) -> &[Str] {
        &self.strings
    }
}

/// The array index that `units` canonically spells, if any.
pub(crate) fn canonical_index(units: &[u16]) -> Option<u32> {
    let (&first, _) = units.split_first()?;
    if units.len() > 10 || (first == u16::from(b'0') && units.len() > 1) {
        return None;
    }
    let mut n: u64 = 0;
    for &u in units {
        let d = u.checked_sub(u16::from(b'0')).filter(|d| *d <= 9)?;
        n = n * 10 + u64::from(d);
    }
    (n < u64::from(u32::MAX)).then_some(n as u32)
}

impl Heap {
    /// The atom of `units`.
    pub fn intern(&mut self, units: &[u16]) -> Atom {
        self.atoms.intern(&mut self.strings, units)
    }

    /// The atom of Rust text.
    pub fn intern_str(&mut self, text: &str) -> Atom {
        let units: Vec<u16> = text.encode_utf16().collect();
        self.intern(&units)
    }

    /// The code units of atom `a`.
    pub fn atom_units(&self, a: Atom) -> &[u16] {
        self.units(self.atoms.string(a))
    }

    /// The permanent string of atom `a` (the same `Str` every time).
    pub fn atom_string(&mut self, a: Atom) -> Str {
        self.atoms.string(a)
    }

    /// The property key `units` spells: an index if canonical, else an atom.
    pub fn property_key(&mut self, units: &[u16]) -> PropertyKey {
        match canonical_index(units) {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::Atom(self.intern(units)),
        }
    }

    /// The property key of a string.
    pub fn string_key(&mut self, s: Str) -> PropertyKey {
        if let Some(i) = canonical_index(self.units(s)) {
            return PropertyKey::Index(i);
        }
        let units = self.units(s).to_vec();
        PropertyKey::Atom(self.intern(&units))
    }

    /// The property key of Rust text.
    pub fn key_from_str(&mut self, text: &str) -> PropertyKey {
        let units: Vec<u16> = text.encode_utf16().collect();
        self.property_key(&units)
    }

    /// The key as a JavaScript value: a string, or the symbol.
    pub fn key_to_value(&mut self, key: PropertyKey) -> Value {
        match key {
            PropertyKey::Index(i) => Value::String(self.index_string(i)),
            PropertyKey::Atom(a) => Value::String(self.atom_string(a)),
            PropertyKey::Symbol(s) => Value::Symbol(s),
        }
    }

    /// The key as Rust text, for error messages (`Symbol(desc)` for symbols).
    pub fn key_display(&self, key: PropertyKey) -> String {
        match key {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::Atom(a) => String::from_utf16_lossy(self.atom_units(a)),
            PropertyKey::Symbol(s) => {
                let d = self.symbol_description(s).map(|d| self.to_rust_string(d)).unwrap_or_default();
                format!("Symbol({d})")
            }
        }
    }
}
