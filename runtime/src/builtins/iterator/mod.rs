//! The Iterator constructor and %Iterator.prototype% (ECMAScript 2025
//! §27.1): the abstract `Iterator` constructor, its `prototype`'s odd
//! `constructor` and `@@toStringTag` accessors, and the iterator helpers.
//!
//! - `wrap`: `Iterator.from` and %WrapForValidIteratorPrototype%;
//! - `helpers`: `map`, `filter`, `take`, `drop`, `flatMap` and
//!   %IteratorHelperPrototype%, each helper a native state machine in an
//!   `ObjectKind::IteratorHelper` object (no JavaScript generator);
//! - `consumers`: `reduce`, `toArray`, `forEach`, `some`, `every`, `find`,
//!   and the proposed `includes` and `join`;
//! - `chunking`: the proposed `chunks` and `windows` (helpers too);
//! - this module: the shared iterator-record operations (GetIteratorDirect,
//!   GetIteratorFlattenable, IteratorClose for a normal completion).

mod chunking;
mod consumers;
mod helpers;
#[cfg(test)]
mod tests;
mod wrap;

use super::builder::Builder;
use super::core_support::{accessor, make_constructor};
use super::support::{arg, iterator_close_throw, key, IteratorRecord};
use spindle_vm::object::ObjectKind;
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Iterator`, the methods of %Iterator.prototype% and the
/// helper and wrapper prototypes.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.iterator_prototype;
    let ctor = make_constructor(vm, "Iterator", 0, iterator_constructor, proto, ("%Iterator%", "%Iterator.prototype%"));
    // `constructor` and `@@toStringTag` are accessors (§27.1.4.1, §27.1.4.14).
    let ctor_key = PropertyKey::Atom(vm.heap.names.constructor);
    accessor(vm, proto, ctor_key, "constructor", Some(get_constructor), Some(set_constructor));
    let tag_key = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    accessor(vm, proto, tag_key, "[Symbol.toStringTag]", Some(get_to_string_tag), Some(set_to_string_tag));
    Builder::new(vm, proto)
        .method("drop", 1, helpers::drop)
        .method("every", 1, consumers::every)
        .method("filter", 1, helpers::filter)
        .method("find", 1, consumers::find)
        .method("flatMap", 1, helpers::flat_map)
        .method("forEach", 1, consumers::for_each)
        .method("map", 1, helpers::map)
        .method("reduce", 1, consumers::reduce)
        .method("some", 1, consumers::some)
        .method("take", 1, helpers::take)
        .method("toArray", 0, consumers::to_array)
        // Proposals test262 covers: iterator-chunking, iterator-includes, Iterator.prototype.join.
        .method("chunks", 1, chunking::chunks)
        .method("includes", 1, consumers::includes)
        .method("join", 1, consumers::join)
        .method("windows", 1, chunking::windows);
    wrap::install(vm, ctor);
    helpers::install(vm);
}

/// `Iterator()` (§27.1.3.1): abstract, only for subclasses.
fn iterator_constructor(vm: &mut Vm, _this: Value, _args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is either undefined or the active function object, throw a TypeError exception.
    let active = vm.current_native();
    let Some(nt) = new_target.filter(|&nt| Some(nt) != active) else {
        return vm.type_error("Abstract class Iterator not directly constructable");
    };
    // 2. Return ? OrdinaryCreateFromConstructor(NewTarget, "%Iterator.prototype%").
    let fallback = vm.realm.intrinsics.iterator_prototype;
    Ok(Value::Object(vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Ordinary)?))
}

/// `get Iterator.prototype.constructor` (§27.1.4.1.1): %Iterator%.
fn get_constructor(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(vm.realm.intrinsic("%Iterator%").map_or(Value::Undefined, Value::Object))
}

/// `set Iterator.prototype.constructor` (§27.1.4.1.2).
fn set_constructor(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let k = PropertyKey::Atom(vm.heap.names.constructor);
    setter_that_ignores_prototype_properties(vm, this, k, arg(args, 0))?;
    Ok(Value::Undefined)
}

/// `get Iterator.prototype[@@toStringTag]` (§27.1.4.14.1): "Iterator".
fn get_to_string_tag(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(vm.string("Iterator"))
}

/// `set Iterator.prototype[@@toStringTag]` (§27.1.4.14.2).
fn set_to_string_tag(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let k = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    setter_that_ignores_prototype_properties(vm, this, k, arg(args, 0))?;
    Ok(Value::Undefined)
}

/// SetterThatIgnoresPrototypeProperties(thisValue, %Iterator.prototype%, p, v) (§27.1.4.15).
fn setter_that_ignores_prototype_properties(vm: &mut Vm, this: Value, p: PropertyKey, v: Value) -> JsResult<()> {
    // 1. If thisValue is not an Object, throw a TypeError exception.
    let Value::Object(o) = this else { return vm.type_error("Iterator.prototype setter called on a non-object") };
    // 2. If SameValue(thisValue, home) is true, throw a TypeError exception.
    if o == vm.realm.intrinsics.iterator_prototype {
        return vm.type_error("Cannot assign to a read-only property of Iterator.prototype");
    }
    // 3. Let desc be ? thisValue.[[GetOwnProperty]](p).
    let desc = vm.get_own_property(o, p)?;
    // 4. If desc is undefined, then perform ? CreateDataPropertyOrThrow(thisValue, p, v).
    if desc.is_none() {
        return vm.create_data_property_or_throw(o, p, v);
    }
    // 5. Else, perform ? Set(thisValue, p, v, true).
    vm.set_or_throw(o, p, v)
}

/// The this value of an %Iterator.prototype% method as an Iterator
/// Record whose `next` is not read yet (steps 1-3 of each method).
fn this_iterator(vm: &mut Vm, this: Value, method: &str) -> JsResult<IteratorRecord> {
    // 2. If O is not an Object, throw a TypeError exception.
    if !matches!(this, Value::Object(_)) {
        return vm.type_error(&format!("Iterator.prototype.{method} called on a non-object"));
    }
    // 3. Let iterated be the Iterator Record { [[Iterator]]: O, [[NextMethod]]: undefined, [[Done]]: false }.
    Ok(IteratorRecord { iterator: this, next: Value::Undefined })
}

/// IteratorClose(iterated, ThrowCompletion(new kind(message))): the error
/// of an argument that fails validation, after closing the receiver.
fn close_with_error<T>(vm: &mut Vm, iterated: IteratorRecord, kind: ErrorKind, message: &str) -> JsResult<T> {
    let error = vm.error(kind, message);
    iterator_close_throw(vm, iterated, error)
}

/// `f` is callable, else the receiver is closed with a TypeError.
fn require_callable_or_close(vm: &mut Vm, iterated: IteratorRecord, f: Value, what: &str) -> JsResult<Value> {
    if vm.is_callable(f) {
        return Ok(f);
    }
    close_with_error(vm, iterated, ErrorKind::TypeError, &format!("{what} is not a function"))
}

/// GetIteratorDirect(obj) (§7.4.4).
fn get_iterator_direct(vm: &mut Vm, obj: Value) -> JsResult<IteratorRecord> {
    let Value::Object(o) = obj else { return vm.type_error("not an object") };
    // 1. Let nextMethod be ? Get(obj, "next").
    let next = vm.get_property(o, PropertyKey::Atom(vm.heap.names.next))?;
    // 2-3. Return the Iterator Record { [[Iterator]]: obj, [[NextMethod]]: nextMethod, [[Done]]: false }.
    Ok(IteratorRecord { iterator: obj, next })
}

/// GetIteratorFlattenable(obj, primitiveHandling) (§7.4.5).
fn get_iterator_flattenable(vm: &mut Vm, obj: Value, iterate_strings: bool) -> JsResult<IteratorRecord> {
    // 1. If obj is not an Object, then
    if !matches!(obj, Value::Object(_)) {
        // a-c. Only strings, and only with iterate-string-primitives.
        if !(iterate_strings && matches!(obj, Value::String(_))) {
            return vm.type_error("value is not an iterable object");
        }
    }
    // 2. Let method be ? GetMethod(obj, %Symbol.iterator%).
    let k = PropertyKey::Symbol(vm.heap.well_known.iterator);
    let iterator = match vm.get_method(obj, k)? {
        // 3. If method is undefined, let iterator be obj.
        None => obj,
        // 4. Else, let iterator be ? Call(method, obj).
        Some(method) => vm.call(method, obj, &[])?,
    };
    // 5. If iterator is not an Object, throw a TypeError exception.
    if !matches!(iterator, Value::Object(_)) {
        return vm.type_error("Result of the Symbol.iterator method is not an object");
    }
    // 6. Return ? GetIteratorDirect(iterator).
    get_iterator_direct(vm, iterator)
}

/// IteratorClose(iteratorRecord, NormalCompletion(_)) (§7.4.11): calls
/// `return` if there is one; its errors propagate and its result must be
/// an object.
fn close_normal(vm: &mut Vm, rec: IteratorRecord) -> JsResult<()> {
    let return_key = key(vm, "return");
    let Some(ret) = vm.get_method(rec.iterator, return_key)? else { return Ok(()) };
    let result = vm.call(ret, rec.iterator, &[])?;
    if !matches!(result, Value::Object(_)) {
        return vm.type_error("Iterator result is not an object");
    }
    Ok(())
}

/// IteratorStep(iteratorRecord) (§7.4.7) without reading the value:
/// whether the iterator produced a result that is not done.
fn iterator_step(vm: &mut Vm, rec: IteratorRecord) -> JsResult<bool> {
    let result = vm.call(rec.next, rec.iterator, &[])?;
    let Value::Object(r) = result else { return vm.type_error("Iterator result is not an object") };
    let done = vm.get_property(r, PropertyKey::Atom(vm.heap.names.done))?;
    Ok(!vm.to_boolean(done))
}
