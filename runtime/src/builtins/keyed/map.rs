//! Map (ECMAScript 2025 §24.1): the constructor (with
//! AddEntriesFromIterable), `Map.groupBy` and the methods of
//! `Map.prototype`.

use super::iterator::create_map_iterator;
use super::{species_getter, this_map};
use crate::builtins::builder::{native_function, Builder};
use crate::builtins::core_support::{get_iterator, make_constructor};
use crate::builtins::support::{arg, getter, iterator_close_throw, iterator_step_value, key, require_callable, to_string_tag};
use spindle_vm::heap::normalize_key;
use spindle_vm::object::{Attributes, IterationKind, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Map` and %Map.prototype%.
pub(super) fn install(vm: &mut Vm) {
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let ctor = make_constructor(vm, "Map", 0, map_constructor, proto, ("%Map%", "%Map.prototype%"));
    Builder::new(vm, ctor).method("groupBy", 2, group_by);
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    Builder::new(vm, proto)
        .method("clear", 0, clear)
        .method("delete", 1, delete)
        .method("forEach", 1, for_each)
        .method("get", 1, get)
        .method("has", 1, has)
        .method("keys", 0, keys)
        .method("values", 0, values);
    let set_fn = native_function(vm, "set", 2, set, false);
    let set_key = key(vm, "set");
    vm.heap.define_raw(proto, set_key, Value::Object(set_fn), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%Map.prototype.set%", set_fn);
    let entries_fn = native_function(vm, "entries", 0, entries, false);
    let entries_key = key(vm, "entries");
    vm.heap.define_raw(proto, entries_key, Value::Object(entries_fn), Attributes::WRITABLE_CONFIGURABLE);
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    vm.heap.define_raw(proto, iter_key, Value::Object(entries_fn), Attributes::WRITABLE_CONFIGURABLE);
    let size_key = key(vm, "size");
    getter(vm, proto, size_key, "size", size);
    to_string_tag(vm, proto, "Map");
}

/// A new empty Map inheriting from %Map.prototype%.
pub(super) fn new_map(vm: &mut Vm) -> Obj {
    let proto = vm.realm.intrinsic("%Map.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    vm.heap.alloc_object(Some(proto), ObjectKind::Map(Box::default()))
}

/// `Map([iterable])` (§24.1.1.1).
fn map_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else { return vm.type_error("Constructor Map requires 'new'") };
    // 2-3. Let map be ? OrdinaryCreateFromConstructor(NewTarget, "%Map.prototype%", « [[MapData]] »).
    let fallback = vm.realm.intrinsic("%Map.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let map = vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Map(Box::default()))?;
    // 4. If iterable is either undefined or null, return map.
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(map));
    }
    // 5. Let adder be ? Get(map, "set").
    let set_key = key(vm, "set");
    let adder = vm.get_property(map, set_key)?;
    // 6. If IsCallable(adder) is false, throw a TypeError exception.
    require_callable(vm, adder, "'set' returned for property 'set' of object '#<Map>'")?;
    // 7. Return ? AddEntriesFromIterable(map, iterable, adder).
    add_entries_from_iterable(vm, map, iterable, adder)?;
    Ok(Value::Object(map))
}

/// AddEntriesFromIterable(target, iterable, adder) (§24.1.1.2). Calling
/// the intrinsic `Map.prototype.set` on a Map is done directly.
pub(super) fn add_entries_from_iterable(vm: &mut Vm, target: Obj, iterable: Value, adder: Value) -> JsResult<()> {
    let direct = vm.realm.intrinsic("%Map.prototype.set%").map(Value::Object) == Some(adder)
        && matches!(vm.heap.object(target).kind, ObjectKind::Map(_));
    // 1. Let iteratorRecord be ? GetIterator(iterable, sync).
    let rec = get_iterator(vm, iterable)?;
    // 2. Repeat,
    //    a-b. Let next be ? IteratorStepValue(iteratorRecord); if done, return target.
    while let Some(next) = iterator_step_value(vm, rec)? {
        // c. If next is not an Object, then throw (closing the iterator).
        let Value::Object(entry) = next else {
            let error = vm.error(spindle_vm::realm::ErrorKind::TypeError, "Iterator value is not an entry object");
            return iterator_close_throw(vm, rec, error);
        };
        // d-i. k = Get(next, "0"), v = Get(next, "1"), Call(adder, target, « k, v »),
        //      each IfAbruptCloseIterator.
        if let Err(e) = add_entry(vm, target, entry, adder, direct) {
            return iterator_close_throw(vm, rec, e);
        }
    }
    Ok(())
}

/// Steps 2.d-i of AddEntriesFromIterable: `adder(entry[0], entry[1])`.
fn add_entry(vm: &mut Vm, target: Obj, entry: Obj, adder: Value, direct: bool) -> JsResult<()> {
    let k = vm.get_property(entry, PropertyKey::Index(0))?;
    let v = vm.get_property(entry, PropertyKey::Index(1))?;
    if direct {
        vm.heap.table_set(target, k, v);
        return Ok(());
    }
    vm.call(adder, Value::Object(target), &[k, v]).map(drop)
}

/// `Map.groupBy(items, callback)` (§24.1.2.1).
fn group_by(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (items, callback) = (arg(args, 0), arg(args, 1));
    // GroupBy(items, callback, zero) (§7.3.35):
    // 1. Perform ? RequireObjectCoercible(items).
    vm.require_object_coercible(items)?;
    // 2. If IsCallable(callback) is false, throw a TypeError exception.
    require_callable(vm, callback, "Map.groupBy: callback")?;
    // The groups, in order, with a Map from key to group number as their index.
    let index = new_map(vm);
    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
    // 4. Let iteratorRecord be ? GetIterator(items, sync).
    let rec = get_iterator(vm, items)?;
    let mut k = 0u64;
    // 5. Repeat,
    while let Some(value) = iterator_step_value(vm, rec)? {
        // e. Let key be Completion(Call(callback, undefined, « value, 𝔽(k) »)).
        // f. IfAbruptCloseIterator(key, iteratorRecord).
        let key = match vm.call(callback, Value::Undefined, &[value, Value::Number(k as f64)]) {
            Ok(key) => key,
            Err(e) => return iterator_close_throw(vm, rec, e),
        };
        // h. Else (zero): if key is -0𝔽, set key to +0𝔽.
        let key = normalize_key(key);
        // i. Perform AddValueToKeyedGroup(groups, key, value).
        match vm.heap.table_get(index, key) {
            Some(Value::Number(i)) => groups[i as usize].1.push(value),
            _ => {
                vm.heap.table_set(index, key, Value::Number(groups.len() as f64));
                groups.push((key, vec![value]));
            }
        }
        k += 1;
    }
    // Map.groupBy 2-3: a new Map of key → CreateArrayFromList(elements).
    let map = new_map(vm);
    for (key, elements) in groups {
        let array = vm.create_array(&elements);
        vm.heap.table_set(map, key, Value::Object(array));
    }
    Ok(Value::Object(map))
}

/// `Map.prototype.clear()` (§24.1.3.1).
fn clear(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "clear")?;
    vm.heap.table_clear(m);
    Ok(Value::Undefined)
}

/// `Map.prototype.delete(key)` (§24.1.3.3).
fn delete(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "delete")?;
    Ok(Value::Bool(vm.heap.table_delete(m, arg(args, 0))))
}

/// `Map.prototype.entries()` (§24.1.3.4), also `[@@iterator]`.
fn entries(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "entries")?;
    Ok(create_map_iterator(vm, m, IterationKind::Entries))
}

/// `Map.prototype.forEach(callbackfn [, thisArg])` (§24.1.3.5).
fn for_each(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let M be the this value; RequireInternalSlot(M, [[MapData]]).
    let m = this_map(vm, this, "forEach")?;
    // 3. If IsCallable(callbackfn) is false, throw a TypeError exception.
    let callback = require_callable(vm, arg(args, 0), "Map.prototype.forEach: callback")?;
    let this_arg = arg(args, 1);
    // 4-7. For each live entry by position, entries added meanwhile included:
    vm.heap.pin_table(m);
    let mut index = 0;
    while let Some((at, e)) = vm.heap.table_next(m, index) {
        index = at + 1;
        // i. Perform ? Call(callbackfn, thisArg, « e.[[Value]], e.[[Key]], M »).
        vm.call(callback, this_arg, &[e.value, e.key, this])?;
    }
    Ok(Value::Undefined)
}

/// `Map.prototype.get(key)` (§24.1.3.6).
fn get(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "get")?;
    Ok(vm.heap.table_get(m, arg(args, 0)).unwrap_or(Value::Undefined))
}

/// `Map.prototype.has(key)` (§24.1.3.7).
fn has(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "has")?;
    Ok(Value::Bool(vm.heap.table_has(m, arg(args, 0))))
}

/// `Map.prototype.keys()` (§24.1.3.8).
fn keys(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "keys")?;
    Ok(create_map_iterator(vm, m, IterationKind::Keys))
}

/// `Map.prototype.set(key, value)` (§24.1.3.9).
fn set(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "set")?;
    // 3. Set key to CanonicalizeKeyedCollectionKey(key) (done by the table).
    vm.heap.table_set(m, arg(args, 0), arg(args, 1));
    Ok(this)
}

/// `get Map.prototype.size` (§24.1.3.10).
fn size(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "size")?;
    Ok(Value::Number(vm.heap.table_len(m) as f64))
}

/// `Map.prototype.values()` (§24.1.3.11).
fn values(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let m = this_map(vm, this, "values")?;
    Ok(create_map_iterator(vm, m, IterationKind::Values))
}
