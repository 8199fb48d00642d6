//! The insertion-ordered hash table behind Map's [[MapData]] and Set's
//! [[SetData]] (ECMAScript 2025 §24.1, §24.2).
//!
//! Entries live in a vector in insertion order; a hash index maps each live
//! key's hash to its position. Deleting an entry leaves a tombstone (key
//! [`Value::Empty`]) so that positions stay stable: an iterator is a
//! position, and walking forward from it visits entries added after it was
//! made and skips deleted ones, exactly the live semantics of the
//! specification's List with ~empty~ slots.
//!
//! Compaction (dropping tombstones, which moves positions) happens only
//! when no iterator may hold a position: the caller says so with
//! `may_compact`. The heap decides that from [`OrderedTable::guard`]: an
//! iterator sets it, and every collection renews it for the iterators
//! still alive (see `Heap::may_compact`).
//!
//! Hashing and equality need the heap (string and BigInt contents), so the
//! caller passes the hash and a SameValueZero `eq`; keys are stored already
//! normalised (`-0` as `+0`).

use crate::value::Value;
use hashbrown::HashTable;

/// Tombstones tolerated before a compaction is worth it.
const MIN_TOMBSTONES: usize = 16;

/// One entry: a key and its value (Set entries keep `Value::Undefined`);
/// a deleted entry has key [`Value::Empty`].
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The key; `Value::Empty` once deleted.
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// A slot of the hash index: the key's hash and the entry's position.
#[derive(Clone, Copy, Debug)]
struct Slot {
    hash: u64,
    at: u32,
}

/// An insertion-ordered hash table of JavaScript values.
#[derive(Clone, Debug, Default)]
pub struct OrderedTable {
    entries: Vec<Entry>,
    index: HashTable<Slot>,
    live: u32,
    /// Compaction is forbidden while the heap's collection count is below
    /// this (an iterator or an internal walk may hold a position).
    pub guard: u64,
}

impl OrderedTable {
    /// An empty table.
    pub fn new() -> OrderedTable {
        OrderedTable::default()
    }

    /// The number of live entries (`size`).
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// No live entries.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The position of `key`, if present.
    pub fn find(&self, hash: u64, key: Value, eq: impl Fn(Value, Value) -> bool) -> Option<usize> {
        let entries = &self.entries;
        let slot = self.index.find(hash, |s| s.hash == hash && entries.get(s.at as usize).is_some_and(|e| eq(e.key, key)))?;
        Some(slot.at as usize)
    }

    /// The value of `key`, if present.
    pub fn get(&self, hash: u64, key: Value, eq: impl Fn(Value, Value) -> bool) -> Option<Value> {
        self.find(hash, key, eq).and_then(|i| self.entries.get(i)).map(|e| e.value)
    }

    /// Sets `key` to `value`: overwrites in place if present, else appends
    /// (and returns true).
    pub fn insert(&mut self, hash: u64, key: Value, value: Value, eq: impl Fn(Value, Value) -> bool, may_compact: bool) -> bool {
        if let Some(i) = self.find(hash, key, &eq) {
            if let Some(e) = self.entries.get_mut(i) {
                e.value = value;
            }
            return false;
        }
        if may_compact && self.entries.len() == self.entries.capacity() && self.worth_compacting() {
            self.compact();
        }
        let at = self.entries.len() as u32;
        self.entries.push(Entry { key, value });
        self.index.insert_unique(hash, Slot { hash, at }, |s| s.hash);
        self.live += 1;
        true
    }

    /// Approximate bytes used (for collection pacing).
    pub fn byte_size(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>() + self.index.capacity() * (std::mem::size_of::<Slot>() + 1)
    }

    /// Deletes `key`; whether it was present.
    pub fn remove(&mut self, hash: u64, key: Value, eq: impl Fn(Value, Value) -> bool, may_compact: bool) -> bool {
        let entries = &self.entries;
        let found = self.index.find_entry(hash, |s| s.hash == hash && entries.get(s.at as usize).is_some_and(|e| eq(e.key, key)));
        let Ok(slot) = found else { return false };
        let (Slot { at, .. }, _) = slot.remove();
        if let Some(e) = self.entries.get_mut(at as usize) {
            *e = Entry { key: Value::Empty, value: Value::Empty };
        }
        self.live -= 1;
        if may_compact && self.worth_compacting() {
            self.compact();
        }
        true
    }

    /// Deletes every entry (positions held by iterators stay valid unless
    /// `may_compact`).
    pub fn clear(&mut self, may_compact: bool) {
        self.index.clear();
        self.live = 0;
        if may_compact {
            self.entries.clear();
        } else {
            self.entries.iter_mut().for_each(|e| *e = Entry { key: Value::Empty, value: Value::Empty });
        }
    }

    /// The first live entry at position `from` or later, with its position.
    pub fn next_live(&self, from: usize) -> Option<(usize, Entry)> {
        let rest = self.entries.get(from..)?;
        let offset = rest.iter().position(|e| e.key != Value::Empty)?;
        Some((from + offset, rest[offset]))
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        self.entries.iter().copied().filter(|e| e.key != Value::Empty)
    }

    fn worth_compacting(&self) -> bool {
        let tombstones = self.entries.len() - self.live as usize;
        tombstones >= MIN_TOMBSTONES && tombstones > self.live as usize
    }

    /// Drops the tombstones and rebuilds the index (moves positions).
    fn compact(&mut self) {
        let hashes: Vec<(u32, u64)> = self.index.iter().map(|s| (s.at, s.hash)).collect();
        let mut by_position = vec![0u64; self.entries.len()];
        for (at, hash) in hashes {
            if let Some(h) = by_position.get_mut(at as usize) {
                *h = hash;
            }
        }
        self.index.clear();
        let mut kept = Vec::with_capacity(self.live as usize * 2);
        for (e, hash) in self.entries.iter().zip(by_position) {
            if e.key != Value::Empty {
                let at = kept.len() as u32;
                kept.push(*e);
                self.index.insert_unique(hash, Slot { hash, at }, |s| s.hash);
            }
        }
        self.entries = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq(a: Value, b: Value) -> bool {
        a == b
    }

    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    /// A deliberately poor hash, so that collisions are exercised.
    fn h(v: Value) -> u64 {
        match v {
            Value::Number(x) => (x as u64) % 3,
            _ => 7,
        }
    }

    fn keys(t: &OrderedTable) -> Vec<f64> {
        t.iter().filter_map(|e| if let Value::Number(x) = e.key { Some(x) } else { None }).collect()
    }

    #[test]
    fn insert_get_overwrite_remove() {
        let mut t = OrderedTable::new();
        for i in 0..10 {
            t.insert(h(n(i as f64)), n(i as f64), n(i as f64 * 10.0), eq, true);
        }
        assert_eq!(t.len(), 10);
        assert_eq!(t.get(h(n(4.0)), n(4.0), eq), Some(n(40.0)));
        t.insert(h(n(4.0)), n(4.0), n(1.0), eq, true);
        assert_eq!(t.get(h(n(4.0)), n(4.0), eq), Some(n(1.0)));
        assert_eq!(t.len(), 10);
        assert!(t.remove(h(n(4.0)), n(4.0), eq, true));
        assert!(!t.remove(h(n(4.0)), n(4.0), eq, true));
        assert_eq!(t.get(h(n(4.0)), n(4.0), eq), None);
        assert_eq!(keys(&t), vec![0.0, 1.0, 2.0, 3.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
    }

    #[test]
    fn positions_survive_deletion_without_compaction() {
        let mut t = OrderedTable::new();
        for i in 0..100 {
            t.insert(h(n(i as f64)), n(i as f64), Value::Undefined, eq, false);
        }
        let (pos, e) = t.next_live(50).unwrap();
        assert_eq!((pos, e.key), (50, n(50.0)));
        for i in 0..99 {
            t.remove(h(n(i as f64)), n(i as f64), eq, false);
        }
        assert_eq!(t.next_live(51).map(|(p, e)| (p, e.key)), Some((99, n(99.0))));
        t.clear(false);
        t.insert(h(n(5.0)), n(5.0), Value::Undefined, eq, false);
        assert_eq!(t.next_live(51).map(|(p, e)| (p, e.key)), Some((100, n(5.0))));
    }

    #[test]
    fn compaction_keeps_order_and_lookups() {
        let mut t = OrderedTable::new();
        for i in 0..200 {
            t.insert(h(n(i as f64)), n(i as f64), n(i as f64), eq, true);
        }
        for i in (0..200).filter(|i| i % 4 != 0) {
            t.remove(h(n(i as f64)), n(i as f64), eq, true);
        }
        assert_eq!(t.len(), 50);
        assert!(t.entries.len() < 200, "compacted");
        assert_eq!(keys(&t), (0..200).filter(|i| i % 4 == 0).map(|i| i as f64).collect::<Vec<_>>());
        assert_eq!(t.get(h(n(196.0)), n(196.0), eq), Some(n(196.0)));
        t.clear(true);
        assert!(t.is_empty() && t.next_live(0).is_none());
    }
}
