//! Shapes (hidden classes): the layout of an object's named properties.
//!
//! A shape is a list of (key, attributes, slot) entries in insertion order.
//! Shapes form trees: adding a property to an object of shape `S` moves it
//! to the child of `S` for (key, attributes, kind), created once and reused,
//! so objects built the same way share one shape, and an inline cache that
//! saw shape `S` knows where every property of `S` lives.
//!
//! Shapes on one chain share one entry table (as V8 shares descriptor
//! arrays): a shape is a prefix `table[..len]` of its table, and a child that
//! extends the tip of its table pushes onto it; a child of a shape that is
//! no longer the tip copies the prefix. Tables hold unique keys, so a key's
//! position in a table is found by one hash look-up (or a short scan).
//!
//! Invariants: shapes are immutable once created (only their transition
//! maps grow) and never freed, so a `ShapeId` held by an inline cache stays
//! meaningful; each root belongs to one [`ShapeClass`], so two objects whose
//! named properties behave differently for the same atom key (an array's
//! `length`) never share a shape; an accessor takes two consecutive slots
//! (getter, setter), a data property one.

use super::property::Attributes;
use crate::value::PropertyKey;
use cranelift_entity::{entity_impl, EntityRef};
use rustc_hash::FxHashMap;

/// A shape.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ShapeId(u32);
entity_impl!(ShapeId, "shape");

/// Objects whose named properties behave alike: each has its own root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShapeClass {
    /// Ordinary objects, functions, arguments and the like.
    Ordinary = 0,
    /// Arrays (a virtual `length`).
    Array = 1,
    /// String wrappers (a virtual `length`).
    String = 2,
    /// Proxies (no own storage at all).
    Proxy = 3,
}

/// More properties than this: the object goes to dictionary mode.
pub(crate) const MAX_SHAPED_PROPERTIES: u32 = 256;
/// More distinct children than this (roots excepted): dictionary mode.
const MAX_TRANSITIONS: usize = 128;
/// Tables longer than this get a hash index.
const INDEX_THRESHOLD: usize = 8;

/// One property of a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShapeEntry {
    /// The key.
    pub(crate) key: PropertyKey,
    /// Its attributes.
    pub(crate) attrs: Attributes,
    /// An accessor (two slots) rather than a data property (one slot).
    pub(crate) accessor: bool,
    /// The first slot.
    pub(crate) slot: u32,
}

type TransitionKey = (PropertyKey, u8, bool);

/// The bit of `key` in a shape's filter of special keys.
fn special_bit(key: PropertyKey) -> u64 {
    let n = match key {
        PropertyKey::Index(i) => i,
        PropertyKey::Atom(a) => a.index() as u32,
        PropertyKey::Symbol(s) => s.index() as u32,
    };
    1 << (n % 64)
}

#[derive(Debug, Default)]
enum Transitions {
    #[default]
    None,
    One(TransitionKey, ShapeId),
    Many(FxHashMap<TransitionKey, ShapeId>),
}

#[derive(Debug)]
struct ShapeData {
    parent: Option<ShapeId>,
    class: ShapeClass,
    table: u32,
    len: u32,
    slot_count: u32,
    has_symbols: bool,
    /// A filter of the keys of accessor or read-only properties: bit
    /// `special_bit(key)` is set for each (no bit: no such property).
    special: u64,
    transitions: Transitions,
}

#[derive(Debug, Default)]
struct Table {
    entries: Vec<ShapeEntry>,
    index: FxHashMap<PropertyKey, u32>,
}

impl Table {
    fn push(&mut self, e: ShapeEntry) {
        self.entries.push(e);
        if self.entries.len() > INDEX_THRESHOLD {
            if self.index.is_empty() {
                self.index = self.entries.iter().enumerate().map(|(i, e)| (e.key, i as u32)).collect();
            } else {
                self.index.insert(e.key, self.entries.len() as u32 - 1);
            }
        }
    }
}

/// All shapes and their tables.
#[derive(Debug)]
pub(crate) struct ShapeTable {
    shapes: Vec<ShapeData>,
    tables: Vec<Table>,
}

impl ShapeTable {
    /// The four empty roots, one per class (ids 0..4).
    pub(crate) fn new() -> ShapeTable {
        let mut t = ShapeTable { shapes: Vec::new(), tables: Vec::new() };
        for class in [ShapeClass::Ordinary, ShapeClass::Array, ShapeClass::String, ShapeClass::Proxy] {
            t.tables.push(Table::default());
            t.shapes.push(ShapeData {
                parent: None,
                class,
                table: t.tables.len() as u32 - 1,
                len: 0,
                slot_count: 0,
                has_symbols: false,
                special: 0,
                transitions: Transitions::None,
            });
        }
        t
    }

    /// The empty shape of `class`.
    pub(crate) fn root(&self, class: ShapeClass) -> ShapeId {
        ShapeId(class as u32)
    }

    fn data(&self, s: ShapeId) -> &ShapeData {
        debug_assert!(s.0 < self.shapes.len() as u32, "stale shape");
        &self.shapes[(s.0 as usize).min(self.shapes.len() - 1)]
    }

    /// Number of properties.
    pub(crate) fn len(&self, s: ShapeId) -> u32 {
        self.data(s).len
    }

    /// Number of slots an object of shape `s` has.
    #[cfg(test)]
    pub(crate) fn slot_count(&self, s: ShapeId) -> u32 {
        self.data(s).slot_count
    }

    /// Some key is a symbol.
    pub(crate) fn has_symbols(&self, s: ShapeId) -> bool {
        self.data(s).has_symbols
    }

    /// The entries in insertion order.
    pub(crate) fn entries(&self, s: ShapeId) -> &[ShapeEntry] {
        let d = self.data(s);
        self.tables.get(d.table as usize).and_then(|t| t.entries.get(..d.len as usize)).unwrap_or(&[])
    }

    /// `s` may have `key` as an accessor or read-only property (if not, an
    /// assignment to `key` can never be blocked or intercepted by an
    /// object of shape `s`). A filter: `true` may be wrong, `false` is not.
    pub(crate) fn may_be_special(&self, s: ShapeId, key: PropertyKey) -> bool {
        self.data(s).special & special_bit(key) != 0
    }

    /// Where `key` is in `s`: (position, entry).
    pub(crate) fn lookup(&self, s: ShapeId, key: PropertyKey) -> Option<(u32, ShapeEntry)> {
        let d = self.data(s);
        let table = self.tables.get(d.table as usize)?;
        if table.index.is_empty() {
            let entries = table.entries.get(..d.len as usize)?;
            let pos = entries.iter().position(|e| e.key == key)?;
            return Some((pos as u32, entries[pos]));
        }
        let pos = *table.index.get(&key)?;
        if pos >= d.len {
            return None;
        }
        table.entries.get(pos as usize).map(|e| (pos, *e))
    }

    /// The shape before the last property was added.
    pub(crate) fn parent(&self, s: ShapeId) -> Option<ShapeId> {
        self.data(s).parent
    }

    /// The child of `s` with one more property, or `None` when the object
    /// should go to dictionary mode instead (too many properties or
    /// siblings). The caller checked that `key` is not in `s`.
    pub(crate) fn add(&mut self, s: ShapeId, key: PropertyKey, attrs: Attributes, accessor: bool) -> Option<ShapeId> {
        let tkey = (key, attrs.bits(), accessor);
        let d = self.data(s);
        match &d.transitions {
            Transitions::One(k, child) if *k == tkey => return Some(*child),
            Transitions::Many(map) => {
                if let Some(child) = map.get(&tkey) {
                    return Some(*child);
                }
                if map.len() >= MAX_TRANSITIONS && d.parent.is_some() {
                    return None;
                }
            }
            _ => {}
        }
        if d.len >= MAX_SHAPED_PROPERTIES {
            return None;
        }
        let child = self.make_child(s, key, attrs, accessor);
        let d = self.shapes.get_mut(s.0 as usize)?;
        d.transitions = match std::mem::take(&mut d.transitions) {
            Transitions::None => Transitions::One(tkey, child),
            Transitions::One(k, c) => Transitions::Many([(k, c), (tkey, child)].into_iter().collect()),
            Transitions::Many(mut map) => {
                map.insert(tkey, child);
                Transitions::Many(map)
            }
        };
        Some(child)
    }

    fn make_child(&mut self, s: ShapeId, key: PropertyKey, attrs: Attributes, accessor: bool) -> ShapeId {
        let d = self.data(s);
        let (class, len, slot, has_symbols, special) = (d.class, d.len, d.slot_count, d.has_symbols, d.special);
        let mut table = d.table;
        let tip = self.tables.get(table as usize).is_some_and(|t| t.entries.len() == len as usize);
        if !tip {
            let mut copy = Table::default();
            for e in self.entries(s) {
                copy.push(*e);
            }
            self.tables.push(copy);
            table = self.tables.len() as u32 - 1;
        }
        if let Some(t) = self.tables.get_mut(table as usize) {
            t.push(ShapeEntry { key, attrs, accessor, slot });
        }
        self.shapes.push(ShapeData {
            parent: Some(s),
            class,
            table,
            len: len + 1,
            slot_count: slot + if accessor { 2 } else { 1 },
            has_symbols: has_symbols || matches!(key, PropertyKey::Symbol(_)),
            special: if accessor || !attrs.writable() { special | special_bit(key) } else { special },
            transitions: Transitions::None,
        });
        ShapeId(self.shapes.len() as u32 - 1)
    }

    /// Number of shapes (for statistics and tests).
    pub(crate) fn count(&self) -> usize {
        self.shapes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Atom;
    use cranelift_entity::EntityRef;

    fn key(n: usize) -> PropertyKey {
        PropertyKey::Atom(Atom::new(n))
    }

    #[test]
    fn transitions_are_shared() {
        let mut t = ShapeTable::new();
        let root = t.root(ShapeClass::Ordinary);
        let a = t.add(root, key(1), Attributes::ALL, false).unwrap();
        let ab = t.add(a, key(2), Attributes::ALL, false).unwrap();
        assert_eq!(t.add(root, key(1), Attributes::ALL, false), Some(a));
        assert_eq!(t.add(a, key(2), Attributes::ALL, false), Some(ab));
        // Different attributes, different shape.
        let a_ro = t.add(root, key(1), Attributes::NONE, false).unwrap();
        assert_ne!(a_ro, a);
        assert_eq!(t.lookup(ab, key(2)).map(|(p, e)| (p, e.slot)), Some((1, 1)));
        assert_eq!(t.lookup(a, key(2)), None, "a prefix does not see later keys");
        assert_eq!(t.parent(ab), Some(a));
        // Arrays have their own root.
        let arr = t.add(t.root(ShapeClass::Array), key(1), Attributes::ALL, false).unwrap();
        assert_ne!(arr, a);
    }

    #[test]
    fn branches_copy_the_prefix_and_accessors_take_two_slots() {
        let mut t = ShapeTable::new();
        let root = t.root(ShapeClass::Ordinary);
        let mut s = root;
        for i in 0..20 {
            s = t.add(s, key(i), Attributes::ALL, i % 2 == 0).unwrap();
        }
        assert_eq!(t.slot_count(s), 30);
        assert_eq!(t.lookup(s, key(19)).map(|(_, e)| e.slot), Some(29));
        // Branch off the 10th shape: the prefix is copied, lookups still work.
        let mut mid = s;
        for _ in 0..10 {
            mid = t.parent(mid).unwrap();
        }
        let other = t.add(mid, key(100), Attributes::ALL, false).unwrap();
        assert_eq!(t.len(other), 11);
        assert_eq!(t.lookup(other, key(100)).map(|(p, _)| p), Some(10));
        assert_eq!(t.lookup(other, key(15)), None);
        assert_eq!(t.lookup(other, key(9)).map(|(p, _)| p), Some(9));
        assert_eq!(t.lookup(s, key(100)), None);
    }

    #[test]
    fn limits_send_objects_to_dictionary_mode() {
        let mut t = ShapeTable::new();
        let mut s = t.root(ShapeClass::Ordinary);
        for i in 0..MAX_SHAPED_PROPERTIES as usize {
            s = t.add(s, key(i), Attributes::ALL, false).unwrap();
        }
        assert_eq!(t.add(s, key(100_000), Attributes::ALL, false), None);
        let a = t.add(t.root(ShapeClass::Ordinary), key(1), Attributes::ALL, false).unwrap();
        for i in 0..MAX_TRANSITIONS {
            assert!(t.add(a, key(1000 + i), Attributes::ALL, false).is_some());
        }
        assert_eq!(t.add(a, key(5000), Attributes::ALL, false), None);
    }
}
