//! GetIterator(obj, async) (ECMAScript 2025 §7.4.3) for `for await` and
//! `yield*` in async generators, and CreateAsyncFromSyncIterator
//! (§27.1.6.1), which wraps a sync iterator in an
//! %AsyncFromSyncIteratorPrototype% object (its methods are built-ins of
//! the runtime).

use crate::object::{AsyncFromSyncIterator, ObjectKind};
use crate::value::{PropertyKey, Value};
use crate::vm::{JsResult, Vm};

impl Vm {
    /// GetIterator(value, async): the iterator object and its `next` method.
    pub(crate) fn get_async_iterator(&mut self, value: Value) -> JsResult<(Value, Value)> {
        // 1.a. Let method be ? GetMethod(obj, @@asyncIterator).
        let key = PropertyKey::Symbol(self.heap.well_known.async_iterator);
        let Some(method) = self.get_method(value, key)? else {
            // 1.b. No @@asyncIterator: wrap the sync iterator.
            let (iterator, next) = self.get_iterator(value)?;
            return self.create_async_from_sync_iterator(iterator, next);
        };
        // 3. Let iterator be ? Call(method, obj).
        let iterator = self.call(method, value, &[])?;
        // 4. If iterator is not an Object, throw a TypeError exception.
        let Value::Object(it) = iterator else {
            return self.type_error("Result of the Symbol.asyncIterator method is not an object");
        };
        // 5-7. Let nextMethod be ? Get(iterator, "next").
        let next_key = PropertyKey::Atom(self.heap.names.next);
        let next = self.get(it, next_key, iterator)?;
        Ok((iterator, next))
    }

    /// CreateAsyncFromSyncIterator(syncIteratorRecord): the wrapper and its
    /// `next` method.
    pub fn create_async_from_sync_iterator(&mut self, iterator: Value, next: Value) -> JsResult<(Value, Value)> {
        // 1-2. OrdinaryObjectCreate(%AsyncFromSyncIteratorPrototype%, « [[SyncIteratorRecord]] »).
        let proto = self.realm.intrinsics.async_from_sync_iterator_prototype;
        let record = AsyncFromSyncIterator { iterator, next };
        let o = self.heap.alloc_object(Some(proto), ObjectKind::AsyncFromSyncIterator(record));
        // 3-5. nextMethod = ! Get(asyncIterator, "next").
        let next_key = PropertyKey::Atom(self.heap.names.next);
        let next = self.get(o, next_key, Value::Object(o))?;
        Ok((Value::Object(o), next))
    }
}
