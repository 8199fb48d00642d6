//! Set (ECMAScript 2025 §24.2): the constructor and the methods of
//! `Set.prototype` other than the set algebra (`set_algebra`).

use super::iterator::create_set_iterator;
use super::{set_algebra, species_getter, this_set};
use crate::builtins::builder::{native_function, Builder};
use crate::builtins::core_support::{get_iterator, make_constructor};
use crate::builtins::support::{arg, getter, iterator_close_throw, iterator_step_value, key, require_callable, to_string_tag};
use spindle_vm::object::{Attributes, IterationKind, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Set` and %Set.prototype%.
pub(super) fn install(vm: &mut Vm) {
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let ctor = make_constructor(vm, "Set", 0, set_constructor, proto, ("%Set%", "%Set.prototype%"));
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    Builder::new(vm, proto)
        .method("clear", 0, clear)
        .method("delete", 1, delete)
        .method("difference", 1, set_algebra::difference)
        .method("entries", 0, entries)
        .method("forEach", 1, for_each)
        .method("has", 1, has)
        .method("intersection", 1, set_algebra::intersection)
        .method("isDisjointFrom", 1, set_algebra::is_disjoint_from)
        .method("isSubsetOf", 1, set_algebra::is_subset_of)
        .method("isSupersetOf", 1, set_algebra::is_superset_of)
        .method("symmetricDifference", 1, set_algebra::symmetric_difference)
        .method("union", 1, set_algebra::union);
    let add_fn = native_function(vm, "add", 1, add, false);
    let add_key = key(vm, "add");
    vm.heap.define_raw(proto, add_key, Value::Object(add_fn), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%Set.prototype.add%", add_fn);
    let size_key = key(vm, "size");
    getter(vm, proto, size_key, "size", size);
    let values_fn = native_function(vm, "values", 0, values, false);
    for name in ["keys", "values"] {
        let k = key(vm, name);
        vm.heap.define_raw(proto, k, Value::Object(values_fn), Attributes::WRITABLE_CONFIGURABLE);
    }
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    vm.heap.define_raw(proto, iter_key, Value::Object(values_fn), Attributes::WRITABLE_CONFIGURABLE);
    to_string_tag(vm, proto, "Set");
}

/// A new empty Set inheriting from %Set.prototype%.
pub(super) fn new_set(vm: &mut Vm) -> Obj {
    let proto = vm.realm.intrinsic("%Set.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    vm.heap.alloc_object(Some(proto), ObjectKind::Set(Box::default()))
}

/// `Set([iterable])` (§24.2.2.1).
fn set_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else { return vm.type_error("Constructor Set requires 'new'") };
    // 2-3. Let set be ? OrdinaryCreateFromConstructor(NewTarget, "%Set.prototype%", « [[SetData]] »).
    let fallback = vm.realm.intrinsic("%Set.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let set = vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Set(Box::default()))?;
    // 4. If iterable is either undefined or null, return set.
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(set));
    }
    // 5. Let adder be ? Get(set, "add").
    let add_key = key(vm, "add");
    let adder = vm.get_property(set, add_key)?;
    // 6. If IsCallable(adder) is false, throw a TypeError exception.
    require_callable(vm, adder, "'add' returned for property 'add' of object '#<Set>'")?;
    let direct = vm.realm.intrinsic("%Set.prototype.add%").map(Value::Object) == Some(adder);
    // 7. Let iteratorRecord be ? GetIterator(iterable, sync).
    let rec = get_iterator(vm, iterable)?;
    // 8. Repeat,
    while let Some(next) = iterator_step_value(vm, rec)? {
        // c-d. Let status be Completion(Call(adder, set, « next »)); IfAbruptCloseIterator.
        if direct {
            vm.heap.table_set(set, next, Value::Undefined);
        } else if let Err(e) = vm.call(adder, Value::Object(set), &[next]) {
            return iterator_close_throw(vm, rec, e);
        }
    }
    Ok(Value::Object(set))
}

/// `Set.prototype.add(value)` (§24.2.4.1).
fn add(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "add")?;
    vm.heap.table_set(s, arg(args, 0), Value::Undefined);
    Ok(this)
}

/// `Set.prototype.clear()` (§24.2.4.2).
fn clear(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "clear")?;
    vm.heap.table_clear(s);
    Ok(Value::Undefined)
}

/// `Set.prototype.delete(value)` (§24.2.4.4).
fn delete(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "delete")?;
    Ok(Value::Bool(vm.heap.table_delete(s, arg(args, 0))))
}

/// `Set.prototype.entries()` (§24.2.4.6).
fn entries(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "entries")?;
    Ok(create_set_iterator(vm, s, IterationKind::Entries))
}

/// `Set.prototype.forEach(callbackfn [, thisArg])` (§24.2.4.7).
fn for_each(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let S be the this value; RequireInternalSlot(S, [[SetData]]).
    let s = this_set(vm, this, "forEach")?;
    // 3. If IsCallable(callbackfn) is false, throw a TypeError exception.
    let callback = require_callable(vm, arg(args, 0), "Set.prototype.forEach: callback")?;
    let this_arg = arg(args, 1);
    // 4-7. For each live entry by position, entries added meanwhile included:
    vm.heap.pin_table(s);
    let mut index = 0;
    while let Some((at, e)) = vm.heap.table_next(s, index) {
        index = at + 1;
        // i. Perform ? Call(callbackfn, thisArg, « e, e, S »).
        vm.call(callback, this_arg, &[e.key, e.key, this])?;
    }
    Ok(Value::Undefined)
}

/// `Set.prototype.has(value)` (§24.2.4.9).
fn has(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "has")?;
    Ok(Value::Bool(vm.heap.table_has(s, arg(args, 0))))
}

/// `get Set.prototype.size` (§24.2.4.14).
fn size(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "size")?;
    Ok(Value::Number(vm.heap.table_len(s) as f64))
}

/// `Set.prototype.values()` (§24.2.4.17), also `keys` and `[@@iterator]`.
fn values(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_set(vm, this, "values")?;
    Ok(create_set_iterator(vm, s, IterationKind::Values))
}
