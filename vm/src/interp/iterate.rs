//! The iteration protocol as the instructions use it (GetIterator,
//! IteratorStep, IteratorClose), spreading into arrays and argument lists,
//! and `for-in` key enumeration.

use crate::value::{PropertyKey, Value};
use crate::vm::{JsResult, Vm};

impl Vm {
    /// GetIterator(value, sync): the iterator object and its `next` method.
    pub(crate) fn get_iterator(&mut self, value: Value) -> JsResult<(Value, Value)> {
        let key = PropertyKey::Symbol(self.heap.well_known.iterator);
        let method = self.get_method(value, key)?;
        let Some(method) = method else {
            return self.type_error("object is not iterable (cannot read property Symbol(Symbol.iterator))");
        };
        let iterator = self.call(method, value, &[])?;
        let Value::Object(it) = iterator else {
            return self.type_error("Result of the Symbol.iterator method is not an object");
        };
        let next_key = PropertyKey::Atom(self.heap.names.next);
        let next = self.get(it, next_key, iterator)?;
        Ok((iterator, next))
    }

    /// IteratorStepValue: `Some(value)`, or `None` when done. Generators
    /// and Map/Set iterators with their intrinsic `next` are stepped without
    /// an iterator result object.
    pub fn iterator_step(&mut self, iterator: Value, next: Value) -> JsResult<Option<Value>> {
        if let Some(step) = self.collection_step_fast(iterator, next) {
            return Ok(step);
        }
        if let Some(step) = self.helper_step_fast(iterator, next) {
            return step;
        }
        if let (Value::Object(it), Some(intrinsic)) = (iterator, self.realm.intrinsic("%GeneratorPrototype.next%")) {
            if next == Value::Object(intrinsic) && matches!(self.heap.object(it).kind, crate::object::ObjectKind::Generator(_)) {
                return self.generator_step_fast(iterator);
            }
        }
        let result = self.call(next, iterator, &[])?;
        self.unwrap_iter_result(result)
    }

    /// IteratorStepValue for an iterator helper whose `next` is the
    /// intrinsic one, through the host's hook; `None` for any other
    /// iterator. Counts as a native call (bounded depth, no collection while
    /// the helper's Rust state is live).
    fn helper_step_fast(&mut self, iterator: Value, next: Value) -> Option<JsResult<Option<Value>>> {
        let (Value::Object(it), Some(step)) = (iterator, self.host.iterator_helper_step) else { return None };
        if !matches!(self.heap.object(it).kind, crate::object::ObjectKind::IteratorHelper(_)) {
            return None;
        }
        let Value::Object(f) = next else { return None };
        if self.realm.intrinsic("%IteratorHelperPrototype.next%") != Some(f) {
            return None;
        }
        if self.interp.enter_native(f).is_err() {
            return Some(self.range_error("Maximum call stack size exceeded"));
        }
        let saved = self.interp.current_native.replace(f);
        let r = step(self, it);
        self.interp.current_native = saved;
        self.interp.leave_native();
        Some(r)
    }

    /// The value of an iterator result object, or `None` if it says done.
    pub(crate) fn unwrap_iter_result(&mut self, result: Value) -> JsResult<Option<Value>> {
        let Value::Object(r) = result else {
            return self.type_error("Iterator result is not an object");
        };
        let done_key = PropertyKey::Atom(self.heap.names.done);
        let done = self.get(r, done_key, result)?;
        if self.to_boolean(done) {
            return Ok(None);
        }
        let value_key = PropertyKey::Atom(self.heap.names.value);
        Ok(Some(self.get(r, value_key, result)?))
    }

    /// IteratorClose for a normal completion: calls `return` if present and
    /// checks its result is an object.
    pub(crate) fn iterator_close(&mut self, iterator: Value) -> JsResult<()> {
        let key = PropertyKey::Atom(self.heap.intern_str("return"));
        let Some(ret) = self.get_method(iterator, key)? else { return Ok(()) };
        let result = self.call(ret, iterator, &[])?;
        if !matches!(result, Value::Object(_)) {
            return self.type_error("Iterator result is not an object");
        }
        Ok(())
    }

    /// Appends every value of `iterable` to the array `arr`.
    pub(crate) fn array_spread(&mut self, arr: Value, iterable: Value) -> JsResult<()> {
        let Value::Object(a) = arr else { return Ok(()) };
        let (it, next) = self.get_iterator(iterable)?;
        while let Some(v) = self.iterator_step(it, next)? {
            self.heap.array_push_raw(a, v);
        }
        Ok(())
    }

    /// The argument list of a spread call: the elements of the array built
    /// by the spread instructions.
    pub(crate) fn spread_arguments(&mut self, array: Value) -> JsResult<Vec<Value>> {
        let Value::Object(a) = array else { return Ok(Vec::new()) };
        self.create_list_from_array_like(a)
    }

    /// The key iterator of `for (k in value)`: an array of the enumerable
    /// string keys of the object and its prototypes, shadowed keys once,
    /// checked again for presence as they are visited.
    pub(crate) fn for_in_start(&mut self, value: Value) -> JsResult<Value> {
        let mut keys: Vec<Value> = Vec::new();
        if !value.is_nullish() {
            let mut seen: Vec<PropertyKey> = Vec::new();
            let mut current = Some(self.to_object(value)?);
            while let Some(o) = current {
                for key in self.own_property_keys(o)? {
                    if matches!(key, PropertyKey::Symbol(_)) || seen.contains(&key) {
                        continue;
                    }
                    seen.push(key);
                    if let Some(p) = self.get_own_property(o, key)? {
                        if p.attributes().enumerable() {
                            keys.push(self.heap.key_to_value(key));
                        }
                    }
                }
                current = self.get_prototype_of(o)?;
            }
        }
        let list = self.create_array(&keys);
        let state = self.create_array(&[Value::Object(list), Value::Number(0.0), value]);
        Ok(Value::Object(state))
    }

    /// The next key of a `for-in` iterator still present on the object.
    pub(crate) fn for_in_next(&mut self, iter: Value) -> JsResult<Option<Value>> {
        let Value::Object(state) = iter else { return Ok(None) };
        let get = |vm: &mut Vm, i: u32| vm.heap.get_own_raw(state, PropertyKey::Index(i)).map(|p| p.value_or_undefined());
        let (Some(Value::Object(list)), Some(Value::Number(mut index)), Some(target)) = (get(self, 0), get(self, 1), get(self, 2)) else {
            return Ok(None);
        };
        let len = self.heap.array_length(list);
        while (index as u32) < len {
            let key = self.heap.get_own_raw(list, PropertyKey::Index(index as u32)).map(|p| p.value_or_undefined());
            index += 1.0;
            self.heap.define_raw(state, PropertyKey::Index(1), Value::Number(index), crate::object::Attributes::ALL);
            let Some(key) = key else { continue };
            let o = self.to_object(target)?;
            let pk = self.to_property_key(key)?;
            if self.has_property(o, pk)? {
                return Ok(Some(key));
            }
        }
        Ok(None)
    }
}
