//! `Iterator.from` (§27.1.3.2.1) and %WrapForValidIteratorPrototype%
//! (§27.1.3.2.1.1): an iterator that does not inherit from
//! %Iterator.prototype% is wrapped so that it gets the helpers.

use super::get_iterator_flattenable;
use crate::builtins::builder::Builder;
use crate::builtins::support::{arg, iter_result, key};
use spindle_vm::object::{IteratorRecordSlots, ObjectKind};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Iterator.from` and %WrapForValidIteratorPrototype%.
pub(super) fn install(vm: &mut Vm, ctor: Obj) {
    Builder::new(vm, ctor).method("from", 1, from);
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.iterator_prototype), ObjectKind::Ordinary);
    Builder::new(vm, proto).method("next", 0, next).method("return", 0, return_);
    vm.realm.named.insert("%WrapForValidIteratorPrototype%", proto);
}

/// `Iterator.from(O)` (§27.1.3.2.1).
fn from(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let iteratorRecord be ? GetIteratorFlattenable(O, iterate-string-primitives).
    let rec = get_iterator_flattenable(vm, arg(args, 0), true)?;
    // 2. Let hasInstance be ? OrdinaryHasInstance(%Iterator%, iteratorRecord.[[Iterator]]).
    if inherits_from_iterator_prototype(vm, rec.iterator)? {
        // 3. If hasInstance is true, return iteratorRecord.[[Iterator]].
        return Ok(rec.iterator);
    }
    // 4-6. A wrapper with [[Iterated]] = iteratorRecord.
    let proto = vm.realm.intrinsic("%WrapForValidIteratorPrototype%").unwrap_or(vm.realm.intrinsics.iterator_prototype);
    let slots = IteratorRecordSlots { iterator: rec.iterator, next: rec.next };
    Ok(Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::WrapForValidIterator(slots))))
}

/// OrdinaryHasInstance(%Iterator%, v): %Iterator.prototype% is on the
/// prototype chain of `v` (read with [[GetPrototypeOf]], so proxies trap).
fn inherits_from_iterator_prototype(vm: &mut Vm, v: Value) -> JsResult<bool> {
    let Value::Object(mut o) = v else { return Ok(false) };
    let target = vm.realm.intrinsics.iterator_prototype;
    while let Some(p) = vm.get_prototype_of(o)? {
        if p == target {
            return Ok(true);
        }
        o = p;
    }
    Ok(false)
}

/// RequireInternalSlot(this, [[Iterated]]).
fn this_wrapper(vm: &mut Vm, this: Value) -> JsResult<IteratorRecordSlots> {
    match this {
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::WrapForValidIterator(slots) => Ok(slots),
            _ => vm.type_error("not an Iterator.from wrapper"),
        },
        _ => vm.type_error("not an Iterator.from wrapper"),
    }
}

/// `%WrapForValidIteratorPrototype%.next()` (§27.1.3.2.1.1.1).
fn next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. Let iteratorRecord be O.[[Iterated]].
    let rec = this_wrapper(vm, this)?;
    // 4. Return ? Call(iteratorRecord.[[NextMethod]], iteratorRecord.[[Iterator]]).
    vm.call(rec.next, rec.iterator, &[])
}

/// `%WrapForValidIteratorPrototype%.return()` (§27.1.3.2.1.1.2).
fn return_(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4. Let iterator be O.[[Iterated]].[[Iterator]].
    let rec = this_wrapper(vm, this)?;
    // 5. Let returnMethod be ? GetMethod(iterator, "return").
    let return_key = key(vm, "return");
    match vm.get_method(rec.iterator, return_key)? {
        // 6. If returnMethod is undefined, return CreateIteratorResultObject(undefined, true).
        None => Ok(iter_result(vm, Value::Undefined, true)),
        // 7. Return ? Call(returnMethod, iterator).
        Some(ret) => vm.call(ret, rec.iterator, &[]),
    }
}

