//! The Object constructor and its static methods (ECMAScript 2025 §20.1.1,
//! §20.1.2). `Object.prototype` is in `object_prototype.rs`.

use super::builder::Builder;
use super::core_support::{get_iterator, make_constructor, new_object};
use super::support::{arg, iterator_close_throw, iterator_step_value};
use spindle_vm::object::{IntegrityLevel, IterationKind, ObjectKind, PropertyDescriptor};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};
use std::collections::HashMap;

/// Installs `Object` and its static methods.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.object_prototype;
    let ctor = make_constructor(vm, "Object", 1, object_constructor, proto, ("%Object%", "%Object.prototype%"));
    Builder::new(vm, ctor)
        .method("assign", 2, assign)
        .method("create", 2, create)
        .method("defineProperties", 2, define_properties)
        .method("defineProperty", 3, define_property)
        .method("entries", 1, entries)
        .method("freeze", 1, freeze)
        .method("fromEntries", 1, from_entries)
        .method("getOwnPropertyDescriptor", 2, get_own_property_descriptor)
        .method("getOwnPropertyDescriptors", 1, get_own_property_descriptors)
        .method("getOwnPropertyNames", 1, get_own_property_names)
        .method("getOwnPropertySymbols", 1, get_own_property_symbols)
        .method("getPrototypeOf", 1, get_prototype_of)
        .method("groupBy", 2, group_by)
        .method("hasOwn", 2, has_own)
        .method("is", 2, is)
        .method("isExtensible", 1, is_extensible)
        .method("isFrozen", 1, is_frozen)
        .method("isSealed", 1, is_sealed)
        .method("keys", 1, keys)
        .method("preventExtensions", 1, prevent_extensions)
        .method("seal", 1, seal)
        .method("setPrototypeOf", 2, set_prototype_of)
        .method("values", 1, values);
}

/// Object(value) (§20.1.1.1).
fn object_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is neither undefined nor the active function object,
    //    return ? OrdinaryCreateFromConstructor(NewTarget, "%Object.prototype%").
    if let Some(nt) = new_target {
        if Some(nt) != vm.realm.intrinsic("%Object%") {
            let fallback = vm.realm.intrinsics.object_prototype;
            return Ok(Value::Object(vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Ordinary)?));
        }
    }
    let value = arg(args, 0);
    // 2. If value is either undefined or null, return OrdinaryObjectCreate(%Object.prototype%).
    if value.is_nullish() {
        return Ok(Value::Object(new_object(vm)));
    }
    // 3. Return ! ToObject(value).
    Ok(Value::Object(vm.to_object(value)?))
}

/// Object.assign(target, ...sources) (§20.1.2.1).
fn assign(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let to be ? ToObject(target).
    let to = vm.to_object(arg(args, 0))?;
    // 3. For each element nextSource of sources, do
    for &source in args.iter().skip(1) {
        // a. If nextSource is neither undefined nor null, then
        if source.is_nullish() {
            continue;
        }
        // i. Let from be ! ToObject(nextSource).
        let from = vm.to_object(source)?;
        // ii. Let keys be ? from.[[OwnPropertyKeys]]().
        for k in vm.own_property_keys(from)? {
            // iii.1-2. If desc is not undefined and desc.[[Enumerable]] is true,
            if vm.get_own_property(from, k)?.is_some_and(|p| p.enumerable()) {
                // a-b. Let propValue be ? Get(from, nextKey); ? Set(to, nextKey, propValue, true).
                let v = vm.get(from, k, Value::Object(from))?;
                vm.set_or_throw(to, k, v)?;
            }
        }
    }
    // 4. Return to.
    Ok(Value::Object(to))
}

/// Object.create(O, Properties) (§20.1.2.2).
fn create(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If O is not an Object and O is not null, throw a TypeError exception.
    let proto = match arg(args, 0) {
        Value::Object(o) => Some(o),
        Value::Null => None,
        _ => return vm.type_error("Object prototype may only be an Object or null"),
    };
    // 2. Let obj be OrdinaryObjectCreate(O).
    let obj = vm.heap.alloc_object(proto, ObjectKind::Ordinary);
    // 3. If Properties is not undefined, return ? ObjectDefineProperties(obj, Properties).
    let properties = arg(args, 1);
    if properties != Value::Undefined {
        object_define_properties(vm, obj, properties)?;
    }
    // 4. Return obj.
    Ok(Value::Object(obj))
}

/// Object.defineProperties(O, Properties) (§20.1.2.3).
fn define_properties(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If O is not an Object, throw a TypeError exception.
    let Value::Object(o) = arg(args, 0) else {
        return vm.type_error("Object.defineProperties called on non-object");
    };
    // 2. Return ? ObjectDefineProperties(O, Properties).
    object_define_properties(vm, o, arg(args, 1))?;
    Ok(Value::Object(o))
}

/// ObjectDefineProperties(O, Properties) (§20.1.2.3.1).
fn object_define_properties(vm: &mut Vm, o: Obj, properties: Value) -> JsResult<()> {
    // 1. Let props be ? ToObject(Properties).
    let props = vm.to_object(properties)?;
    // 2. Let keys be ? props.[[OwnPropertyKeys]]().
    let keys = vm.own_property_keys(props)?;
    // 3-4. Collect the descriptors of the enumerable own properties.
    let mut descriptors = Vec::new();
    for k in keys {
        if vm.get_own_property(props, k)?.is_some_and(|p| p.enumerable()) {
            let desc_obj = vm.get(props, k, Value::Object(props))?;
            let desc = vm.to_property_descriptor(desc_obj)?;
            descriptors.push((k, desc));
        }
    }
    // 5. For each (P, desc), perform ? DefinePropertyOrThrow(O, P, desc).
    for (k, desc) in descriptors {
        vm.define_property_or_throw(o, k, desc)?;
    }
    Ok(())
}

/// Object.defineProperty(O, P, Attributes) (§20.1.2.4).
fn define_property(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If O is not an Object, throw a TypeError exception.
    let Value::Object(o) = arg(args, 0) else {
        return vm.type_error("Object.defineProperty called on non-object");
    };
    // 2. Let key be ? ToPropertyKey(P).
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. Let desc be ? ToPropertyDescriptor(Attributes).
    let desc = vm.to_property_descriptor(arg(args, 2))?;
    // 4. Perform ? DefinePropertyOrThrow(O, key, desc).
    vm.define_property_or_throw(o, k, desc)?;
    // 5. Return O.
    Ok(Value::Object(o))
}

/// EnumerableOwnProperties(? ToObject(O), kind) as an array.
fn enumerable_own(vm: &mut Vm, o: Value, kind: IterationKind) -> JsResult<Value> {
    let obj = vm.to_object(o)?;
    let list = vm.enumerable_own_properties(obj, kind)?;
    Ok(Value::Object(vm.create_array(&list)))
}

/// Object.entries(O) (§20.1.2.5).
fn entries(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    enumerable_own(vm, arg(args, 0), IterationKind::Entries)
}

/// Object.keys(O) (§20.1.2.19).
fn keys(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    enumerable_own(vm, arg(args, 0), IterationKind::Keys)
}

/// Object.values(O) (§20.1.2.24).
fn values(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    enumerable_own(vm, arg(args, 0), IterationKind::Values)
}

/// SetIntegrityLevel for freeze/seal: non-objects are returned as they are.
fn set_level(vm: &mut Vm, o: Value, level: IntegrityLevel, what: &str) -> JsResult<Value> {
    // 1. If O is not an Object, return O.
    let Value::Object(obj) = o else { return Ok(o) };
    // 2-3. Let status be ? SetIntegrityLevel(O, level); false → TypeError.
    if !vm.set_integrity_level(obj, level)? {
        return vm.type_error(&format!("Cannot {what} object"));
    }
    // 4. Return O.
    Ok(o)
}

/// Object.freeze(O) (§20.1.2.6).
fn freeze(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    set_level(vm, arg(args, 0), IntegrityLevel::Frozen, "freeze")
}

/// Object.seal(O) (§20.1.2.22).
fn seal(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    set_level(vm, arg(args, 0), IntegrityLevel::Sealed, "seal")
}

/// Object.fromEntries(iterable) (§20.1.2.7).
fn from_entries(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Perform ? RequireObjectCoercible(iterable).
    let iterable = vm.require_object_coercible(arg(args, 0))?;
    // 2. Let obj be OrdinaryObjectCreate(%Object.prototype%).
    let obj = new_object(vm);
    // 4-5. AddEntriesFromIterable(obj, iterable, adder).
    let rec = get_iterator(vm, iterable)?;
    while let Some(entry) = iterator_step_value(vm, rec)? {
        if let Err(e) = add_entry(vm, obj, entry) {
            return iterator_close_throw(vm, rec, e);
        }
    }
    Ok(Value::Object(obj))
}

/// One step of AddEntriesFromIterable with CreateDataPropertyOnObject as the adder.
fn add_entry(vm: &mut Vm, obj: Obj, entry: Value) -> JsResult<()> {
    // i. If next is not an Object, throw a TypeError exception.
    let Value::Object(e) = entry else {
        return vm.type_error("Iterator value is not an entry object");
    };
    // ii-v. Let k be ? Get(next, "0"); let v be ? Get(next, "1").
    let k = vm.get(e, PropertyKey::Index(0), entry)?;
    let v = vm.get(e, PropertyKey::Index(1), entry)?;
    // vi. Call(adder, target, « k, v »): CreateDataPropertyOrThrow(O, ? ToPropertyKey(k), v).
    let pk = vm.to_property_key(k)?;
    vm.create_data_property_or_throw(obj, pk, v)
}

/// Object.getOwnPropertyDescriptor(O, P) (§20.1.2.8).
fn get_own_property_descriptor(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let obj = vm.to_object(arg(args, 0))?;
    // 2. Let key be ? ToPropertyKey(P).
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. Let desc be ? obj.[[GetOwnProperty]](key).
    // 4. Return FromPropertyDescriptor(desc).
    Ok(match vm.get_own_property(obj, k)? {
        Some(p) => Value::Object(vm.from_property_descriptor(&PropertyDescriptor::from_property(p))),
        None => Value::Undefined,
    })
}

/// Object.getOwnPropertyDescriptors(O) (§20.1.2.9).
fn get_own_property_descriptors(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let obj = vm.to_object(arg(args, 0))?;
    // 2. Let ownKeys be ? obj.[[OwnPropertyKeys]]().
    let own_keys = vm.own_property_keys(obj)?;
    // 3. Let descriptors be OrdinaryObjectCreate(%Object.prototype%).
    let descriptors = new_object(vm);
    // 4. For each element key of ownKeys, do
    for k in own_keys {
        // a-b. Let desc be ? obj.[[GetOwnProperty]](key); FromPropertyDescriptor(desc).
        if let Some(p) = vm.get_own_property(obj, k)? {
            let d = vm.from_property_descriptor(&PropertyDescriptor::from_property(p));
            // c. If descriptor is not undefined, perform ! CreateDataPropertyOrThrow(descriptors, key, descriptor).
            vm.create_data_property_or_throw(descriptors, k, Value::Object(d))?;
        }
    }
    // 5. Return descriptors.
    Ok(Value::Object(descriptors))
}

/// GetOwnPropertyKeys(O, type) (§20.1.2.11.1) as an array.
fn own_keys_of_type(vm: &mut Vm, o: Value, symbols: bool) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let obj = vm.to_object(o)?;
    // 2. Let keys be ? obj.[[OwnPropertyKeys]]().
    let keys = vm.own_property_keys(obj)?;
    // 3-4. The keys of the requested type, in order.
    let list: Vec<Value> = keys
        .into_iter()
        .filter(|k| matches!(k, PropertyKey::Symbol(_)) == symbols)
        .map(|k| vm.heap.key_to_value(k))
        .collect();
    // 5. Return CreateArrayFromList(nameList).
    Ok(Value::Object(vm.create_array(&list)))
}

/// Object.getOwnPropertyNames(O) (§20.1.2.10).
fn get_own_property_names(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    own_keys_of_type(vm, arg(args, 0), false)
}

/// Object.getOwnPropertySymbols(O) (§20.1.2.11).
fn get_own_property_symbols(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    own_keys_of_type(vm, arg(args, 0), true)
}

/// Object.getPrototypeOf(O) (§20.1.2.12).
fn get_prototype_of(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let obj = vm.to_object(arg(args, 0))?;
    // 2. Return ? obj.[[GetPrototypeOf]]().
    Ok(vm.get_prototype_of(obj)?.map_or(Value::Null, Value::Object))
}

/// Object.groupBy(items, callback) (§20.1.2.13).
fn group_by(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let groups be ? GroupBy(items, callback, property).
    let groups = group_by_property(vm, arg(args, 0), arg(args, 1))?;
    // 2. Let obj be OrdinaryObjectCreate(null).
    let obj = vm.heap.alloc_object(None, ObjectKind::Ordinary);
    // 3. For each Record { [[Key]], [[Elements]] } g of groups, do
    for (k, elements) in groups {
        // a. Let elements be CreateArrayFromList(g.[[Elements]]).
        let arr = vm.create_array(&elements);
        // b. Perform ! CreateDataPropertyOrThrow(obj, g.[[Key]], elements).
        vm.create_data_property_or_throw(obj, k, Value::Object(arr))?;
    }
    // 4. Return obj.
    Ok(Value::Object(obj))
}

/// GroupBy(items, callback, property) (§7.3.35): the groups in order of
/// first appearance.
pub(crate) fn group_by_property(vm: &mut Vm, items: Value, callback: Value) -> JsResult<Vec<(PropertyKey, Vec<Value>)>> {
    // 1. Perform ? RequireObjectCoercible(items).
    vm.require_object_coercible(items)?;
    // 2. If IsCallable(callback) is false, throw a TypeError exception.
    if !vm.is_callable(callback) {
        return vm.type_error("Object.groupBy: callback is not a function");
    }
    // 3. Let groups be a new empty List (and where each key's group is).
    let mut groups: Vec<(PropertyKey, Vec<Value>)> = Vec::new();
    let mut index: HashMap<PropertyKey, usize> = HashMap::new();
    // 4. Let iteratorRecord be ? GetIterator(items, sync).
    let rec = get_iterator(vm, items)?;
    // 5-6. For each value, with k counting from 0:
    let mut k = 0u64;
    while let Some(value) = iterator_step_value(vm, rec)? {
        // e-g. Let key be Call(callback, undefined, « value, 𝔽(k) »), then ToPropertyKey;
        //      IfAbruptCloseIterator.
        let key = vm
            .call(callback, Value::Undefined, &[value, Value::Number(k as f64)])
            .and_then(|key| vm.to_property_key(key));
        let key = match key {
            Ok(key) => key,
            Err(e) => return iterator_close_throw(vm, rec, e),
        };
        // i. Perform AddValueToKeyedGroup(groups, key, value).
        match index.get(&key).and_then(|&i| groups.get_mut(i)) {
            Some((_, elements)) => elements.push(value),
            None => {
                index.insert(key, groups.len());
                groups.push((key, vec![value]));
            }
        }
        // j. Set k to k + 1.
        k += 1;
    }
    Ok(groups)
}

/// Object.hasOwn(O, P) (§20.1.2.14).
fn has_own(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let obj = vm.to_object(arg(args, 0))?;
    // 2. Let key be ? ToPropertyKey(P).
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. Return ? HasOwnProperty(obj, key).
    Ok(Value::Bool(vm.has_own_property(obj, k)?))
}

/// Object.is(value1, value2) (§20.1.2.15).
fn is(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(vm.same_value(arg(args, 0), arg(args, 1))))
}

/// Object.isExtensible(O) (§20.1.2.16).
fn is_extensible(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If O is not an Object, return false.
    let Value::Object(o) = arg(args, 0) else { return Ok(Value::Bool(false)) };
    // 2. Return ? IsExtensible(O).
    Ok(Value::Bool(vm.is_extensible(o)?))
}

/// TestIntegrityLevel for isFrozen/isSealed: non-objects are frozen and sealed.
fn test_level(vm: &mut Vm, o: Value, level: IntegrityLevel) -> JsResult<Value> {
    let Value::Object(obj) = o else { return Ok(Value::Bool(true)) };
    Ok(Value::Bool(vm.test_integrity_level(obj, level)?))
}

/// Object.isFrozen(O) (§20.1.2.17).
fn is_frozen(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    test_level(vm, arg(args, 0), IntegrityLevel::Frozen)
}

/// Object.isSealed(O) (§20.1.2.18).
fn is_sealed(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    test_level(vm, arg(args, 0), IntegrityLevel::Sealed)
}

/// Object.preventExtensions(O) (§20.1.2.20).
fn prevent_extensions(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = arg(args, 0);
    // 1. If O is not an Object, return O.
    let Value::Object(obj) = o else { return Ok(o) };
    // 2-3. Let status be ? O.[[PreventExtensions]](); false → TypeError.
    if !vm.prevent_extensions(obj)? {
        return vm.type_error("Cannot prevent extensions");
    }
    // 4. Return O.
    Ok(o)
}

/// Object.setPrototypeOf(O, proto) (§20.1.2.23).
fn set_prototype_of(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Set O to ? RequireObjectCoercible(O).
    let o = vm.require_object_coercible(arg(args, 0))?;
    // 2. If proto is not an Object and proto is not null, throw a TypeError exception.
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return vm.type_error("Object prototype may only be an Object or null"),
    };
    // 3. If O is not an Object, return O.
    let Value::Object(obj) = o else { return Ok(o) };
    // 4-5. Let status be ? O.[[SetPrototypeOf]](proto); false → TypeError.
    if !vm.set_prototype_of(obj, proto)? {
        return vm.type_error("Object.setPrototypeOf: cannot set the prototype");
    }
    // 6. Return O.
    Ok(o)
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn constructor_and_statics() {
        assert_eq!(run("typeof Object(1)"), "object");
        assert_eq!(run("Object(null).constructor === Object"), "true");
        assert_eq!(run("var k = Object.keys({a:1, b:2}); k.length + k[0] + k[1]"), "2ab");
        assert_eq!(run("Object.entries({a:1})[0][0] + Object.values({a:7})[0]"), "a7");
        assert_eq!(run("Object.assign({}, {a:1}, null, {b:2}).b"), "2");
        assert_eq!(run("Object.getPrototypeOf(Object.create(null))"), "null");
        assert_eq!(run("Object.is(NaN, NaN) && !Object.is(0, -0)"), "true");
        assert_eq!(run("Object.isFrozen(Object.freeze({a:1}))"), "true");
        assert_eq!(run("Object.isSealed(Object.seal({a:1})) && !Object.isFrozen(Object.seal({a:1}))"), "true");
        assert_eq!(run("Object.fromEntries([['a', 1], ['b', 2]]).b"), "2");
        assert_eq!(run("Object.hasOwn({x:1}, 'x')"), "true");
        assert_eq!(run("Object.getOwnPropertyNames({a:1, [Symbol()]: 2}).length"), "1");
        assert_eq!(run("Object.getOwnPropertySymbols({a:1, [Symbol()]: 2}).length"), "1");
        assert_eq!(run("var g = Object.groupBy([1,2,3], x => x % 2 ? 'odd' : 'even'); g.odd.length + ':' + g.even.length"), "2:1");
    }

    #[test]
    fn define_property_and_descriptors() {
        assert_eq!(run("var o = {}; Object.defineProperty(o, 'x', {value: 1}); var d = Object.getOwnPropertyDescriptor(o, 'x'); d.writable + ',' + d.enumerable + ',' + d.configurable"), "false,false,false");
        assert_eq!(run("Object.defineProperty(1, 'x', {})"), "TypeError: Object.defineProperty called on non-object");
        assert_eq!(run("var o = Object.defineProperties({}, {a: {value: 1, enumerable: true}}); o.a"), "1");
        assert_eq!(run("Object.getOwnPropertyDescriptors({a: 1}).a.value"), "1");
        assert_eq!(run("Object.setPrototypeOf(1, null)"), "1");
        assert_eq!(run("Object.setPrototypeOf(undefined, null)"), "TypeError: Cannot convert undefined or null to object");
    }
}
