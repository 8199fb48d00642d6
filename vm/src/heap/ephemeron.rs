//! The collector's treatment of weak collections and of iterated tables,
//! between marking and sweeping.
//!
//! WeakMap entries are ephemerons: a value is marked only once its key is
//! marked by something else, which may in turn mark keys of other entries,
//! so marking repeats until nothing new is reached. Then the entries of
//! unmarked keys are removed from every live WeakMap and WeakSet, before
//! their handles can be reused. Finally the Maps and Sets that live
//! iterators walk are pinned until the next collection (see
//! `heap::collections`).

use super::gc::Marker;
use super::Heap;
use crate::object::weak_table::WeakKey;
use crate::object::ObjectKind;
use cranelift_entity::EntityRef;

impl Marker {
    /// `key` was reached.
    fn key_marked(&self, key: WeakKey) -> bool {
        match key {
            WeakKey::Object(o) => self.objects.get(o.index()),
            WeakKey::Symbol(s) => self.symbols.get(s.index()),
        }
    }
}

impl Heap {
    /// Marks the values of WeakMap entries whose keys are marked, to a
    /// fixed point.
    pub(super) fn trace_ephemerons(&self, m: &mut Marker) {
        loop {
            let mut i = 0;
            while let Some(&o) = m.weak.get(i) {
                i += 1;
                if let ObjectKind::WeakMap(t) = &self.object(o).kind {
                    let reached: Vec<_> = t.iter().filter(|&(k, _)| m.key_marked(k)).map(|(_, v)| v).collect();
                    reached.into_iter().for_each(|v| m.mark(v));
                }
            }
            if m.worklist.is_empty() {
                return;
            }
            self.drain(m);
        }
    }

    /// Removes the entries of dead keys from live weak tables and pins the
    /// tables of live iterators.
    pub(super) fn sweep_weak(&mut self, m: &Marker) {
        for &o in &m.weak {
            if let ObjectKind::WeakMap(t) | ObjectKind::WeakSet(t) = &mut self.object_mut(o).kind {
                t.retain_keys(|k| m.key_marked(k));
            }
        }
        let guard = self.stats.collections + 2;
        for &o in &m.iterated {
            if let ObjectKind::Map(t) | ObjectKind::Set(t) = &mut self.object_mut(o).kind {
                t.guard = guard;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::heap::Heap;
    use crate::object::weak_table::WeakKey;
    use crate::object::ObjectKind;
    use crate::value::Value;

    #[test]
    fn values_live_only_while_their_keys_do() {
        let mut heap = Heap::new();
        let wm = heap.alloc_object(None, ObjectKind::WeakMap(Box::default()));
        let k1 = heap.alloc_object(None, ObjectKind::Ordinary);
        let k2 = heap.alloc_object(None, ObjectKind::Ordinary);
        let v = heap.alloc_object(None, ObjectKind::Ordinary);
        // k1 → k2 → v: a chain of ephemerons reached from k1 alone.
        heap.weak_set(wm, WeakKey::Object(k1), Value::Object(k2));
        heap.weak_set(wm, WeakKey::Object(k2), Value::Object(v));
        heap.collect(|r| {
            r.mark_object(wm);
            r.mark_object(k1);
        });
        assert_eq!(heap.stats().objects_live, 4);
        assert_eq!(heap.weak_table(wm).map(|t| t.len()), Some(2));
        // Without k1, every entry goes, and so do k2 and v.
        heap.collect(|r| r.mark_object(wm));
        assert_eq!(heap.stats().objects_live, 1);
        assert_eq!(heap.weak_table(wm).map(|t| t.len()), Some(0));
    }

    #[test]
    fn a_value_does_not_keep_its_own_key_alive() {
        let mut heap = Heap::new();
        let ws = heap.alloc_object(None, ObjectKind::WeakMap(Box::default()));
        let k = heap.alloc_object(None, ObjectKind::Ordinary);
        let s = heap.alloc_symbol(None);
        heap.weak_set(ws, WeakKey::Object(k), Value::Object(k));
        heap.weak_set(ws, WeakKey::Symbol(s), Value::Undefined);
        heap.collect(|r| r.mark_object(ws));
        assert_eq!(heap.stats().objects_live, 1);
        assert!(heap.weak_table(ws).is_some_and(|t| t.is_empty()));
    }
}
