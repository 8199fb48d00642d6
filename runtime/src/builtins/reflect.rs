//! The Reflect namespace object (ECMAScript 2025 §28.1): one function per
//! essential internal method, plus `@@toStringTag`.

use super::builder::Builder;
use super::core_support::{describe, new_object};
use super::support::{arg, install_global, to_string_tag};
use spindle_vm::object::PropertyDescriptor;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Reflect`.
pub(crate) fn install(vm: &mut Vm) {
    let reflect = new_object(vm);
    Builder::new(vm, reflect)
        .method("apply", 3, apply)
        .method("construct", 2, construct)
        .method("defineProperty", 3, define_property)
        .method("deleteProperty", 2, delete_property)
        .method("get", 2, get)
        .method("getOwnPropertyDescriptor", 2, get_own_property_descriptor)
        .method("getPrototypeOf", 1, get_prototype_of)
        .method("has", 2, has)
        .method("isExtensible", 1, is_extensible)
        .method("ownKeys", 1, own_keys)
        .method("preventExtensions", 1, prevent_extensions)
        .method("set", 3, set)
        .method("setPrototypeOf", 2, set_prototype_of);
    to_string_tag(vm, reflect, "Reflect");
    vm.realm.named.insert("%Reflect%", reflect);
    install_global(vm, "Reflect", Value::Object(reflect));
}

/// Step 1 of most Reflect functions: target must be an Object.
fn target_object(vm: &mut Vm, args: &[Value], method: &str) -> JsResult<Obj> {
    match arg(args, 0) {
        Value::Object(o) => Ok(o),
        v => {
            let d = describe(vm, v);
            vm.type_error(&format!("Reflect.{method} called on non-object: {d}"))
        }
    }
}

/// CreateListFromArrayLike(argumentsList), with its TypeError for non-objects.
fn argument_list(vm: &mut Vm, list: Value) -> JsResult<Vec<Value>> {
    match list {
        Value::Object(o) => vm.create_list_from_array_like(o),
        _ => vm.type_error("CreateListFromArrayLike called on non-object"),
    }
}

/// Reflect.apply(target, thisArgument, argumentsList) (§28.1.1).
fn apply(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If IsCallable(target) is false, throw a TypeError exception.
    let target = arg(args, 0);
    if !vm.is_callable(target) {
        let d = describe(vm, target);
        return vm.type_error(&format!("Reflect.apply: {d} is not a function"));
    }
    // 2. Let args be ? CreateListFromArrayLike(argumentsList).
    let list = argument_list(vm, arg(args, 2))?;
    // 3-4. Return ? Call(target, thisArgument, args).
    vm.call(target, arg(args, 1), &list)
}

/// Reflect.construct(target, argumentsList [, newTarget]) (§28.1.2).
fn construct(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If IsConstructor(target) is false, throw a TypeError exception.
    let target = arg(args, 0);
    if !vm.is_constructor(target) {
        let d = describe(vm, target);
        return vm.type_error(&format!("Reflect.construct: {d} is not a constructor"));
    }
    // 2-3. If newTarget is not present, set it to target; else it must be a constructor.
    let new_target = if args.len() < 3 { target } else { arg(args, 2) };
    if !vm.is_constructor(new_target) {
        let d = describe(vm, new_target);
        return vm.type_error(&format!("Reflect.construct: {d} is not a constructor"));
    }
    // 4. Let args be ? CreateListFromArrayLike(argumentsList).
    let list = argument_list(vm, arg(args, 1))?;
    // 5. Return ? Construct(target, args, newTarget).
    vm.construct(target, &list, new_target.as_object())
}

/// Reflect.defineProperty(target, propertyKey, attributes) (§28.1.3).
fn define_property(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "defineProperty")?;
    // 2. Let key be ? ToPropertyKey(propertyKey).
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. Let desc be ? ToPropertyDescriptor(attributes).
    let desc = vm.to_property_descriptor(arg(args, 2))?;
    // 4. Return ? target.[[DefineOwnProperty]](key, desc).
    Ok(Value::Bool(vm.define_own_property(o, k, desc)?))
}

/// Reflect.deleteProperty(target, propertyKey) (§28.1.4).
fn delete_property(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "deleteProperty")?;
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. Return ? target.[[Delete]](key).
    Ok(Value::Bool(vm.delete(o, k)?))
}

/// Reflect.get(target, propertyKey [, receiver]) (§28.1.5).
fn get(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "get")?;
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. If receiver is not present, set receiver to target.
    let receiver = if args.len() < 3 { Value::Object(o) } else { arg(args, 2) };
    // 4. Return ? target.[[Get]](key, receiver).
    vm.get(o, k, receiver)
}

/// Reflect.getOwnPropertyDescriptor(target, propertyKey) (§28.1.6).
fn get_own_property_descriptor(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "getOwnPropertyDescriptor")?;
    let k = vm.to_property_key(arg(args, 1))?;
    // 3-4. Let desc be ? target.[[GetOwnProperty]](key); return FromPropertyDescriptor(desc).
    Ok(match vm.get_own_property(o, k)? {
        Some(p) => Value::Object(vm.from_property_descriptor(&PropertyDescriptor::from_property(p))),
        None => Value::Undefined,
    })
}

/// Reflect.getPrototypeOf(target) (§28.1.7).
fn get_prototype_of(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "getPrototypeOf")?;
    Ok(vm.get_prototype_of(o)?.map_or(Value::Null, Value::Object))
}

/// Reflect.has(target, propertyKey) (§28.1.8).
fn has(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "has")?;
    let k = vm.to_property_key(arg(args, 1))?;
    Ok(Value::Bool(vm.has_property(o, k)?))
}

/// Reflect.isExtensible(target) (§28.1.9).
fn is_extensible(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "isExtensible")?;
    Ok(Value::Bool(vm.is_extensible(o)?))
}

/// Reflect.ownKeys(target) (§28.1.10).
fn own_keys(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "ownKeys")?;
    // 2. Let keys be ? target.[[OwnPropertyKeys]]().
    let keys = vm.own_property_keys(o)?;
    // 3. Return CreateArrayFromList(keys).
    let list: Vec<Value> = keys.into_iter().map(|k| vm.heap.key_to_value(k)).collect();
    Ok(Value::Object(vm.create_array(&list)))
}

/// Reflect.preventExtensions(target) (§28.1.11).
fn prevent_extensions(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "preventExtensions")?;
    Ok(Value::Bool(vm.prevent_extensions(o)?))
}

/// Reflect.set(target, propertyKey, V [, receiver]) (§28.1.12).
fn set(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "set")?;
    let k = vm.to_property_key(arg(args, 1))?;
    // 3. If receiver is not present, set receiver to target.
    let receiver = if args.len() < 4 { Value::Object(o) } else { arg(args, 3) };
    // 4. Return ? target.[[Set]](key, V, receiver).
    Ok(Value::Bool(vm.set(o, k, arg(args, 2), receiver)?))
}

/// Reflect.setPrototypeOf(target, proto) (§28.1.13).
fn set_prototype_of(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = target_object(vm, args, "setPrototypeOf")?;
    // 2. If proto is not an Object and proto is not null, throw a TypeError exception.
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return vm.type_error("Object prototype may only be an Object or null"),
    };
    // 3. Return ? target.[[SetPrototypeOf]](proto).
    Ok(Value::Bool(vm.set_prototype_of(o, proto)?))
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn reflect_functions() {
        assert_eq!(run("Reflect.apply(function(a){ return this.x + a }, {x: 1}, [2])"), "3");
        assert_eq!(run("Reflect.apply(1, null, [])"), "TypeError: Reflect.apply: 1 is not a function");
        assert_eq!(run("function A(){ this.nt = new.target } function B(){} Reflect.construct(A, [], B).nt === B"), "true");
        assert_eq!(run("Object.getPrototypeOf(Reflect.construct(function(){}, [], Array)) === Array.prototype"), "true");
        assert_eq!(run("Reflect.defineProperty(Object.freeze({}), 'x', {value: 1})"), "false");
        assert_eq!(run("Reflect.get({get x(){ return this.y }}, 'x', {y: 4})"), "4");
        assert_eq!(run("var o = {}; Reflect.set(o, 'a', 1) && o.a"), "1");
        assert_eq!(run("Reflect.has({a: 1}, 'a') && !Reflect.has({}, 'a')"), "true");
        assert_eq!(run("var k = Reflect.ownKeys({b: 1, a: 2, 1: 0, [Symbol.iterator]: 0}); k.length + k[0] + k[1] + k[2]"), "41ba");
        assert_eq!(run("Reflect.getPrototypeOf(1)"), "TypeError: Reflect.getPrototypeOf called on non-object: 1");
        assert_eq!(run("Reflect.setPrototypeOf({}, 1)"), "TypeError: Object prototype may only be an Object or null");
        assert_eq!(run("Object.prototype.toString.call(Reflect)"), "[object Reflect]");
        assert_eq!(run("Reflect.deleteProperty({a: 1}, 'a')"), "true");
        assert_eq!(run("Reflect.isExtensible(Object.preventExtensions({}))"), "false");
        assert_eq!(run("Reflect.preventExtensions({})"), "true");
        assert_eq!(run("Reflect.getOwnPropertyDescriptor({a: 1}, 'a').value"), "1");
    }
}
