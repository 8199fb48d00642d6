//! %TypedArray.prototype% (§23.2.3): the installation of every method,
//! the accessors (`buffer`, `byteLength`, `byteOffset`, `length`,
//! `@@toStringTag`) and the iterator methods, which reuse the array
//! iterator.

use super::{access, iteration, mutate, search, this_typed_array, validate};
use crate::builtins::array::iterator::create_array_iterator;
use crate::builtins::builder::{native_function, Builder};
use crate::builtins::support::{getter, key};
use spindle_vm::object::{Attributes, IterationKind, NativeFn};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the methods and accessors of %TypedArray.prototype%.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("at", 1, access::at)
        .method("copyWithin", 2, mutate::copy_within)
        .method("entries", 0, entries)
        .method("every", 1, iteration::every)
        .method("fill", 1, mutate::fill)
        .method("filter", 1, iteration::filter)
        .method("find", 1, search::find)
        .method("findIndex", 1, search::find_index)
        .method("findLast", 1, search::find_last)
        .method("findLastIndex", 1, search::find_last_index)
        .method("forEach", 1, iteration::for_each)
        .method("includes", 1, search::includes)
        .method("indexOf", 1, search::index_of)
        .method("join", 1, access::join)
        .method("keys", 0, keys)
        .method("lastIndexOf", 1, search::last_index_of)
        .method("map", 1, iteration::map)
        .method("reduce", 1, iteration::reduce)
        .method("reduceRight", 1, iteration::reduce_right)
        .method("reverse", 0, mutate::reverse)
        .method("set", 1, mutate::set)
        .method("slice", 2, access::slice)
        .method("some", 1, iteration::some)
        .method("sort", 1, mutate::sort)
        .method("subarray", 2, access::subarray)
        .method("toLocaleString", 0, access::to_locale_string)
        .method("toReversed", 0, access::to_reversed)
        .method("toSorted", 1, mutate::to_sorted)
        .method("with", 2, access::with);
    // §23.2.3.32: the same function object as Array.prototype.toString.
    if let Some(to_string) = vm.realm.intrinsic("%Array.prototype.toString%") {
        let k = PropertyKey::Atom(vm.heap.names.to_string);
        vm.heap.define_raw(proto, k, Value::Object(to_string), Attributes::WRITABLE_CONFIGURABLE);
    }
    // §23.2.3.37: @@iterator is the same function object as `values`.
    let values_fn = native_function(vm, "values", 0, values, false);
    let values_key = key(vm, "values");
    vm.heap.define_raw(proto, values_key, Value::Object(values_fn), Attributes::WRITABLE_CONFIGURABLE);
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    vm.heap.define_raw(proto, iter_key, Value::Object(values_fn), Attributes::WRITABLE_CONFIGURABLE);
    let accessors: [(&str, NativeFn); 4] =
        [("buffer", buffer), ("byteLength", byte_length), ("byteOffset", byte_offset), ("length", length)];
    for (name, f) in accessors {
        let k = key(vm, name);
        getter(vm, proto, k, name, f);
    }
    let tag = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    getter(vm, proto, tag, "[Symbol.toStringTag]", to_string_tag);
}

/// `get %TypedArray%.prototype.buffer` (§23.2.3.2).
fn buffer(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (_, t) = this_typed_array(vm, this, "buffer")?;
    Ok(Value::Object(t.buffer))
}

/// `get %TypedArray%.prototype.byteLength` (§23.2.3.3): 0 when out of bounds.
fn byte_length(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (_, t) = this_typed_array(vm, this, "byteLength")?;
    Ok(Value::Number(vm.typed_array_byte_length(&t) as f64))
}

/// `get %TypedArray%.prototype.byteOffset` (§23.2.3.4): 0 when out of bounds.
fn byte_offset(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (_, t) = this_typed_array(vm, this, "byteOffset")?;
    let offset = if vm.typed_array_length(&t).is_some() { t.byte_offset } else { 0 };
    Ok(Value::Number(offset as f64))
}

/// `get %TypedArray%.prototype.length` (§23.2.3.21): 0 when out of bounds.
fn length(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (_, t) = this_typed_array(vm, this, "length")?;
    Ok(Value::Number(vm.typed_array_length(&t).unwrap_or(0) as f64))
}

/// `get %TypedArray%.prototype[@@toStringTag]` (§23.2.3.38): the
/// constructor name, or undefined for anything but a typed array.
fn to_string_tag(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    match this {
        Value::Object(o) => match vm.typed_array(o) {
            Some(t) => Ok(vm.string(t.ty.name())),
            None => Ok(Value::Undefined),
        },
        _ => Ok(Value::Undefined),
    }
}

/// The iterator methods: ValidateTypedArray, then CreateArrayIterator.
fn iterate(vm: &mut Vm, this: Value, kind: IterationKind, method: &str) -> JsResult<Value> {
    let v = validate(vm, this, method)?;
    Ok(create_array_iterator(vm, v.o, kind))
}

/// `%TypedArray%.prototype.entries()` (§23.2.3.7).
fn entries(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    iterate(vm, this, IterationKind::Entries, "entries")
}

/// `%TypedArray%.prototype.keys()` (§23.2.3.19).
fn keys(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    iterate(vm, this, IterationKind::Keys, "keys")
}

/// `%TypedArray%.prototype.values()` (§23.2.3.36), also `[@@iterator]`.
fn values(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    iterate(vm, this, IterationKind::Values, "values")
}
