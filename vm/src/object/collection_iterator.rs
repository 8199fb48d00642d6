//! Stepping Map and Set iterators (§24.1.5.2.1, §24.2.6.2.1): the
//! iterator's position walks forward to the next live entry of its table,
//! so entries added during iteration are visited and deleted ones
//! skipped; an exhausted iterator drops its table and stays done.
//!
//! `for-of`, spread and destructuring step these iterators here directly
//! (no iterator result object) when their `next` is the intrinsic one, which
//! the standard library registers as `%MapIteratorPrototype.next%` and
//! `%SetIteratorPrototype.next%`.

use super::{IterationKind, ObjectKind};
use crate::value::{Obj, Value};
use crate::vm::Vm;

impl Vm {
    /// Advances Map or Set iterator `it`: the value it yields, or `None`
    /// when it is done (or `it` is not one).
    pub fn collection_iterator_next(&mut self, it: Obj) -> Option<Value> {
        let (state, is_set) = match &self.heap.object(it).kind {
            ObjectKind::MapIterator(s) => (s.clone(), false),
            ObjectKind::SetIterator(s) => (s.clone(), true),
            _ => return None,
        };
        let target = state.target?;
        let found = self.heap.table_next(target, state.index as usize);
        if let ObjectKind::MapIterator(s) | ObjectKind::SetIterator(s) = &mut self.heap.object_mut(it).kind {
            match found {
                Some((at, _)) => s.index = (at + 1) as u32,
                None => s.target = None,
            }
        }
        let (_, e) = found?;
        let value = if is_set { e.key } else { e.value };
        Some(match state.kind {
            IterationKind::Keys => e.key,
            IterationKind::Values => value,
            IterationKind::Entries => Value::Object(self.create_array(&[e.key, value])),
        })
    }

    /// IteratorStepValue for a Map or Set iterator whose `next` is the
    /// intrinsic one; `None` for any other iterator.
    pub(crate) fn collection_step_fast(&mut self, iterator: Value, next: Value) -> Option<Option<Value>> {
        let Value::Object(it) = iterator else { return None };
        let name = match self.heap.object(it).kind {
            ObjectKind::MapIterator(_) => "%MapIteratorPrototype.next%",
            ObjectKind::SetIterator(_) => "%SetIteratorPrototype.next%",
            _ => return None,
        };
        if self.realm.intrinsic(name).map(Value::Object) != Some(next) {
            return None;
        }
        Some(self.collection_iterator_next(it))
    }
}
