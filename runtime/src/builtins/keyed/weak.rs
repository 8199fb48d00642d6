//! WeakMap and WeakSet (ECMAScript 2025 §24.3, §24.4): constructors and
//! prototype methods. Keys must satisfy CanBeHeldWeakly (objects and
//! symbols not in the global registry); the collector treats the entries
//! as ephemerons (`spindle_vm::heap`).

use super::map::add_entries_from_iterable;
use crate::builtins::builder::Builder;
use crate::builtins::core_support::{get_iterator, make_constructor};
use crate::builtins::support::{arg, iterator_close_throw, iterator_step_value, key, require_callable, to_string_tag};
use crate::builtins::core_support::describe;
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `WeakMap`, `WeakSet` and their prototypes.
pub(super) fn install(vm: &mut Vm) {
    let object_prototype = vm.realm.intrinsics.object_prototype;
    let proto = vm.heap.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    make_constructor(vm, "WeakMap", 0, weak_map_constructor, proto, ("%WeakMap%", "%WeakMap.prototype%"));
    Builder::new(vm, proto)
        .method("delete", 1, map_delete)
        .method("get", 1, map_get)
        .method("has", 1, map_has)
        .method("set", 2, map_set);
    to_string_tag(vm, proto, "WeakMap");

    let proto = vm.heap.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    make_constructor(vm, "WeakSet", 0, weak_set_constructor, proto, ("%WeakSet%", "%WeakSet.prototype%"));
    Builder::new(vm, proto).method("add", 1, set_add).method("delete", 1, set_delete).method("has", 1, set_has);
    to_string_tag(vm, proto, "WeakSet");
}

/// RequireInternalSlot(this, [[WeakMapData]]).
fn this_weak_map(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::WeakMap(_)) => Ok(o),
        _ => {
            let d = describe(vm, this);
            vm.type_error(&format!("Method WeakMap.prototype.{method} called on incompatible receiver {d}"))
        }
    }
}

/// RequireInternalSlot(this, [[WeakSetData]]).
fn this_weak_set(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::WeakSet(_)) => Ok(o),
        _ => {
            let d = describe(vm, this);
            vm.type_error(&format!("Method WeakSet.prototype.{method} called on incompatible receiver {d}"))
        }
    }
}

/// `WeakMap([iterable])` (§24.3.1.1).
fn weak_map_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else { return vm.type_error("Constructor WeakMap requires 'new'") };
    // 2-3. OrdinaryCreateFromConstructor(NewTarget, "%WeakMap.prototype%", « [[WeakMapData]] »).
    let fallback = vm.realm.intrinsic("%WeakMap.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let map = vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::WeakMap(Box::default()))?;
    // 4. If iterable is either undefined or null, return map.
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(map));
    }
    // 5-6. Let adder be ? Get(map, "set"); it must be callable.
    let set_key = key(vm, "set");
    let adder = vm.get_property(map, set_key)?;
    require_callable(vm, adder, "'set' returned for property 'set' of object '#<WeakMap>'")?;
    // 7. Return ? AddEntriesFromIterable(map, iterable, adder).
    add_entries_from_iterable(vm, map, iterable, adder)?;
    Ok(Value::Object(map))
}

/// `WeakSet([iterable])` (§24.4.1.1).
fn weak_set_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else { return vm.type_error("Constructor WeakSet requires 'new'") };
    // 2-3. OrdinaryCreateFromConstructor(NewTarget, "%WeakSet.prototype%", « [[WeakSetData]] »).
    let fallback = vm.realm.intrinsic("%WeakSet.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let set = vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::WeakSet(Box::default()))?;
    // 4. If iterable is either undefined or null, return set.
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(set));
    }
    // 5-6. Let adder be ? Get(set, "add"); it must be callable.
    let add_key = key(vm, "add");
    let adder = vm.get_property(set, add_key)?;
    require_callable(vm, adder, "'add' returned for property 'add' of object '#<WeakSet>'")?;
    // 7-8. For each value: Call(adder, set, « next »), IfAbruptCloseIterator.
    let rec = get_iterator(vm, iterable)?;
    while let Some(next) = iterator_step_value(vm, rec)? {
        if let Err(e) = vm.call(adder, Value::Object(set), &[next]) {
            return iterator_close_throw(vm, rec, e);
        }
    }
    Ok(Value::Object(set))
}

/// `WeakMap.prototype.delete(key)` (§24.3.3.2).
fn map_delete(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_weak_map(vm, this, "delete")?;
    // 3. If CanBeHeldWeakly(key) is false, return false.
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(vm.heap.weak_table_mut(m).is_some_and(|t| t.remove(k))))
}

/// `WeakMap.prototype.get(key)` (§24.3.3.3).
fn map_get(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_weak_map(vm, this, "get")?;
    // 3. If CanBeHeldWeakly(key) is false, return undefined.
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return Ok(Value::Undefined) };
    Ok(vm.heap.weak_table(m).and_then(|t| t.get(k)).unwrap_or(Value::Undefined))
}

/// `WeakMap.prototype.has(key)` (§24.3.3.4).
fn map_has(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_weak_map(vm, this, "has")?;
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(vm.heap.weak_table(m).is_some_and(|t| t.has(k))))
}

/// `WeakMap.prototype.set(key, value)` (§24.3.3.5).
fn map_set(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_weak_map(vm, this, "set")?;
    // 3. If CanBeHeldWeakly(key) is false, throw a TypeError exception.
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return vm.type_error("Invalid value used as weak map key") };
    vm.heap.weak_set(m, k, arg(args, 1));
    Ok(this)
}

/// `WeakSet.prototype.add(value)` (§24.4.3.1).
fn set_add(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_weak_set(vm, this, "add")?;
    // 3. If CanBeHeldWeakly(value) is false, throw a TypeError exception.
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return vm.type_error("Invalid value used in weak set") };
    vm.heap.weak_set(s, k, Value::Undefined);
    Ok(this)
}

/// `WeakSet.prototype.delete(value)` (§24.4.3.3).
fn set_delete(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_weak_set(vm, this, "delete")?;
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(vm.heap.weak_table_mut(s).is_some_and(|t| t.remove(k))))
}

/// `WeakSet.prototype.has(value)` (§24.4.3.4).
fn set_has(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_weak_set(vm, this, "has")?;
    let Some(k) = vm.heap.weak_key(arg(args, 0)) else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(vm.heap.weak_table(s).is_some_and(|t| t.has(k))))
}
