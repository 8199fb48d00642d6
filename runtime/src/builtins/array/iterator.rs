//! Array iterators: `Array.prototype.keys/values/entries` and
//! `[@@iterator]` (= values), %ArrayIteratorPrototype% (`next`,
//! `@@toStringTag`) and `%IteratorPrototype%[@@iterator]`.

use crate::builtins::builder::{native_function, Builder};
use crate::builtins::support::{get_index, iter_result, method_sym, to_string_tag};
use spindle_vm::object::{ArrayIterator, Attributes, IterationKind, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the iterator methods on `Array.prototype` and the iterator
/// prototypes.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto).method("entries", 0, entries).method("keys", 0, keys);
    let values_fn = native_function(vm, "values", 0, values, false);
    let values_key = vm.heap.key_from_str("values");
    vm.heap.define_raw(proto, values_key, Value::Object(values_fn), Attributes::WRITABLE_CONFIGURABLE);
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    vm.heap.define_raw(proto, iter_key, Value::Object(values_fn), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%Array.prototype.values%", values_fn);

    let iter_proto = vm.realm.intrinsics.array_iterator_prototype;
    let next_fn = native_function(vm, "next", 0, next, false);
    let next_key = PropertyKey::Atom(vm.heap.names.next);
    vm.heap.define_raw(iter_proto, next_key, Value::Object(next_fn), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%ArrayIteratorPrototype.next%", next_fn);
    to_string_tag(vm, iter_proto, "Array Iterator");
    vm.realm.named.insert("%ArrayIteratorPrototype%", iter_proto);

    let iterator_prototype = vm.realm.intrinsics.iterator_prototype;
    if vm.heap.get_own_raw(iterator_prototype, iter_key).is_none() {
        let sym = vm.heap.well_known.iterator;
        method_sym(vm, iterator_prototype, sym, "[Symbol.iterator]", 0, return_this);
    }
    vm.realm.named.insert("%IteratorPrototype%", iterator_prototype);
}

/// Iterating `items` with `method` would be the built-in array iteration
/// with nothing observable in between: `method` is the original
/// %Array.prototype.values%, `items` an Array, and
/// %ArrayIteratorPrototype%.next the original. Then callers may read
/// `length` and the elements by index instead of making the iterator.
pub(crate) fn is_plain_array_iteration(vm: &Vm, items: Value, method: Value) -> bool {
    let Value::Object(o) = items else { return false };
    let values = vm.realm.intrinsic("%Array.prototype.values%");
    let next_fn = vm.realm.intrinsic("%ArrayIteratorPrototype.next%");
    if !vm.heap.object(o).is_array() || values.map(Value::Object) != Some(method) {
        return false;
    }
    let proto = vm.realm.intrinsics.array_iterator_prototype;
    let next = vm.heap.get_own_raw(proto, PropertyKey::Atom(vm.heap.names.next)).and_then(|p| p.value());
    next.is_some() && next == next_fn.map(Value::Object)
}

/// `%IteratorPrototype%[@@iterator]()` (§27.1.2.1): returns the this value.
fn return_this(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}

/// CreateArrayIterator(array, kind) (§23.1.5.1).
pub(crate) fn create_array_iterator(vm: &mut Vm, array: Obj, kind: IterationKind) -> Value {
    let proto = vm.realm.intrinsics.array_iterator_prototype;
    let state = ArrayIterator { object: Some(array), index: 0, kind };
    Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::ArrayIterator(state)))
}

/// An array values-iterator over `array` that has already yielded
/// `index` elements.
pub(crate) fn create_array_iterator_at(vm: &mut Vm, array: Obj, index: u64) -> Value {
    let proto = vm.realm.intrinsics.array_iterator_prototype;
    let index = u32::try_from(index).unwrap_or(u32::MAX);
    let state = ArrayIterator { object: Some(array), index, kind: IterationKind::Values };
    Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::ArrayIterator(state)))
}

fn iterate(vm: &mut Vm, this: Value, kind: IterationKind) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 2. Return CreateArrayIterator(O, kind).
    Ok(create_array_iterator(vm, o, kind))
}

/// `Array.prototype.entries()` (§23.1.3.5).
fn entries(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    iterate(vm, this, IterationKind::Entries)
}

/// `Array.prototype.keys()` (§23.1.3.19).
fn keys(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    iterate(vm, this, IterationKind::Keys)
}

/// `Array.prototype.values()` (§23.1.3.38), also `[@@iterator]`.
fn values(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    iterate(vm, this, IterationKind::Values)
}

/// `%ArrayIteratorPrototype%.next()` (§23.1.5.2.1): the steps of the
/// closure CreateArrayIterator makes, run one at a time.
fn next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let it = match this {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::ArrayIterator(_)) => o,
        _ => return vm.type_error("next method called on an incompatible receiver (not an Array Iterator)"),
    };
    Ok(match array_iterator_step(vm, it)? {
        Some(v) => iter_result(vm, v, false),
        None => iter_result(vm, Value::Undefined, true),
    })
}

/// One step of array iterator `it`: the value it yields, or `None` once
/// done, without the iterator result object `next` wraps it in (callers
/// stepping with the intrinsic `next` use it directly: see
/// [`intrinsic_array_step`]).
pub(crate) fn array_iterator_step(vm: &mut Vm, it: Obj) -> JsResult<Option<Value>> {
    let (array, index, kind) = match &vm.heap.object(it).kind {
        ObjectKind::ArrayIterator(s) => (s.object, s.index, s.kind),
        _ => return Ok(None),
    };
    // Once done, always done.
    let Some(array) = array else { return Ok(None) };
    // b-c. A typed array's current length (a TypeError when out of
    // bounds), else len = ? LengthOfArrayLike(array).
    let len = match vm.typed_array(array) {
        Some(t) => match vm.typed_array_length(&t) {
            Some(len) => len as u64,
            None => return vm.type_error("Cannot iterate a typed array on a detached or out-of-bounds ArrayBuffer"),
        },
        None => vm.length_of_array_like(array)?,
    };
    // d. If index ≥ len, return NormalCompletion(undefined): done from now on.
    if u64::from(index) >= len {
        set_state(vm, it, None, index);
        return Ok(None);
    }
    set_state(vm, it, Some(array), index.saturating_add(1));
    // e-g. Yield the key, the value, or the pair.
    let key = Value::Number(f64::from(index));
    let result = match kind {
        IterationKind::Keys => Ok(key),
        IterationKind::Values => get_index(vm, array, u64::from(index)),
        IterationKind::Entries => {
            get_index(vm, array, u64::from(index)).map(|v| Value::Object(vm.create_array(&[key, v])))
        }
    };
    // An abrupt completion ends the generator: done from now on.
    result.inspect_err(|_| set_state(vm, it, None, index)).map(Some)
}

/// IteratorStepValue over `iterator` when its `next` is the intrinsic
/// %ArrayIteratorPrototype%.next: the step without the result object
/// (which nothing could observe); `None` for any other iterator.
pub(crate) fn intrinsic_array_step(vm: &mut Vm, iterator: Value, next: Value) -> Option<JsResult<Option<Value>>> {
    let Value::Object(it) = iterator else { return None };
    let is_array_iterator = matches!(vm.heap.object(it).kind, ObjectKind::ArrayIterator(_));
    if !is_array_iterator || vm.realm.intrinsic("%ArrayIteratorPrototype.next%").map(Value::Object) != Some(next) {
        return None;
    }
    Some(array_iterator_step(vm, it))
}

fn set_state(vm: &mut Vm, it: Obj, array: Option<Obj>, index: u32) {
    if let ObjectKind::ArrayIterator(state) = &mut vm.heap.object_mut(it).kind {
        state.object = array;
        state.index = index;
    }
}
