//! The Function constructor (ECMAScript 2025 §20.2.1; its
//! CreateDynamicFunction is in `dynamic_function.rs`) and
//! `Function.prototype` (§20.2.3): itself a built-in function that accepts
//! anything and returns undefined, with `apply`, `bind`, `call`,
//! `toString`, `@@hasInstance` and the restricted `caller` / `arguments`
//! accessors.

use super::builder::Builder;
use super::dynamic_function;
use super::core_support::{describe, is_callable, make_constructor, symbol_method};
use super::support::{arg, key};
use spindle_vm::object::{Attributes, BoundFunction, NativeFunction, ObjectKind, Property};
use spindle_vm::ops::int_conversions::to_integer_or_infinity;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Turns %Function.prototype% into a native function and installs its
/// methods and the Function constructor.
pub(crate) fn install(vm: &mut Vm) {
    let fp = vm.realm.intrinsics.function_prototype;
    make_function_prototype_callable(vm, fp);
    make_constructor(vm, "Function", 1, dynamic_function::function_constructor, fp, ("%Function%", "%Function.prototype%"));
    Builder::new(vm, fp)
        .method("apply", 2, apply)
        .method("bind", 1, bind)
        .method("call", 1, call)
        .method("toString", 0, to_string);
    let has_instance = vm.heap.well_known.has_instance;
    symbol_method(vm, fp, has_instance, "[Symbol.hasInstance]", 1, has_instance_fn, Attributes::NONE);
    // AddRestrictedFunctionProperties(F, realm) (§10.2.4).
    let thrower = vm.throw_type_error_function();
    vm.realm.named.insert("%ThrowTypeError%", thrower);
    for name in ["caller", "arguments"] {
        let k = key(vm, name);
        vm.heap.define_accessor_raw(fp, k, Some(thrower), Some(thrower), Attributes::CONFIGURABLE);
    }
}

/// %Function.prototype% becomes a built-in function of length 0 named "".
fn make_function_prototype_callable(vm: &mut Vm, fp: Obj) {
    let native = NativeFunction { call: function_prototype_call, construct: false, captures: Box::new([]), realm: vm.current_realm() };
    vm.heap.object_mut(fp).kind = ObjectKind::Native(native);
    let length = PropertyKey::Atom(vm.heap.names.length);
    vm.heap.define_raw(fp, length, Value::Number(0.0), Attributes::CONFIGURABLE);
    let name = PropertyKey::Atom(vm.heap.names.name);
    let empty = vm.string("");
    vm.heap.define_raw(fp, name, empty, Attributes::CONFIGURABLE);
}

/// %Function.prototype% itself (§20.2.3): accepts any arguments, returns undefined.
fn function_prototype_call(_vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Undefined)
}

/// The this value as a callable, or a TypeError naming `method`.
fn this_callable(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(f) if is_callable(vm, this) => Ok(f),
        _ => {
            let d = describe(vm, this);
            vm.type_error(&format!("Function.prototype.{method} was called on {d}, which is not a function"))
        }
    }
}

/// Function.prototype.apply(thisArg, argArray) (§20.2.3.1).
fn apply(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let func be the this value; if IsCallable(func) is false, throw a TypeError.
    let func = this_callable(vm, this, "apply")?;
    let this_arg = arg(args, 0);
    // 3. If argArray is either undefined or null, return ? Call(func, thisArg).
    let arg_list = match arg(args, 1) {
        Value::Undefined | Value::Null => Vec::new(),
        // 4. Let argList be ? CreateListFromArrayLike(argArray).
        Value::Object(a) => vm.create_list_from_array_like(a)?,
        _ => return vm.type_error("CreateListFromArrayLike called on non-object"),
    };
    // 6. Return ? Call(func, thisArg, argList).
    vm.call(Value::Object(func), this_arg, &arg_list)
}

/// Function.prototype.bind(thisArg, ...args) (§20.2.3.2).
fn bind(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let Target be the this value; if IsCallable(Target) is false, throw a TypeError.
    let target = this_callable(vm, this, "bind")?;
    // 3. Let F be ? BoundFunctionCreate(Target, thisArg, args).
    let target_proto = vm.get_prototype_of(target)?;
    let bound = BoundFunction { target, this: arg(args, 0), args: args.iter().skip(1).copied().collect() };
    let f = vm.heap.alloc_object(target_proto, ObjectKind::Bound(bound));
    // 4-7. The length: the target's own numeric length less the bound arguments.
    let length = bound_length(vm, target, args.len().saturating_sub(1))?;
    let length_key = PropertyKey::Atom(vm.heap.names.length);
    vm.heap.define_raw(f, length_key, Value::Number(length), Attributes::CONFIGURABLE);
    // 8-9. Let targetName be ? Get(Target, "name"); a non-String is "".
    let name_key = PropertyKey::Atom(vm.heap.names.name);
    let target_name = vm.get(target, name_key, Value::Object(target))?;
    let target_name = match target_name {
        Value::String(s) => vm.heap.to_rust_string(s),
        _ => String::new(),
    };
    // 10. Perform SetFunctionName(F, targetName, "bound").
    let name = vm.string(&format!("bound {target_name}"));
    vm.heap.define_raw(f, name_key, name, Attributes::CONFIGURABLE);
    // 11. Return F.
    Ok(Value::Object(f))
}

/// Steps 4-6 of bind: L from the target's own `length`.
fn bound_length(vm: &mut Vm, target: Obj, arg_count: usize) -> JsResult<f64> {
    let length_key = PropertyKey::Atom(vm.heap.names.length);
    // 5. Let targetHasLength be ? HasOwnProperty(Target, "length").
    if !vm.has_own_property(target, length_key)? {
        return Ok(0.0);
    }
    // 6.a. Let targetLen be ? Get(Target, "length").
    let Value::Number(len) = vm.get(target, length_key, Value::Object(target))? else { return Ok(0.0) };
    // 6.b.i-iii. +∞ stays, -∞ is 0, else max(ToIntegerOrInfinity(len) - argCount, 0).
    Ok(match len {
        f64::INFINITY => f64::INFINITY,
        f64::NEG_INFINITY => 0.0,
        _ => (to_integer_or_infinity(len) - arg_count as f64).max(0.0),
    })
}

/// Function.prototype.call(thisArg, ...args) (§20.2.3.3).
fn call(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let func be the this value; if IsCallable(func) is false, throw a TypeError.
    let func = this_callable(vm, this, "call")?;
    // 4. Return ? Call(func, thisArg, args).
    vm.call(Value::Object(func), arg(args, 0), args.get(1..).unwrap_or(&[]))
}

/// Function.prototype.toString() (§20.2.3.5).
fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(f) = this else {
        return vm.type_error("Function.prototype.toString requires that 'this' be a Function");
    };
    let text = match &vm.heap.object(f).kind {
        // 2. A function with [[SourceText]]: its source text.
        ObjectKind::Closure(c) => c.proto.source_text.to_string(),
        // 3. A built-in function: NativeFunction syntax with its initial name.
        ObjectKind::Native(_) => format!("function {}() {{ [native code] }}", native_name(vm, f)),
        // 4. Any other callable object.
        _ if is_callable(vm, this) => "function () { [native code] }".to_owned(),
        // 5. Throw a TypeError exception.
        _ => return vm.type_error("Function.prototype.toString requires that 'this' be a Function"),
    };
    Ok(vm.string(&text))
}

/// The `name` a built-in function was made with (its own string `name`).
fn native_name(vm: &Vm, f: Obj) -> String {
    match vm.heap.get_own_raw(f, PropertyKey::Atom(vm.heap.names.name)) {
        Some(Property::Data { value: Value::String(s), .. }) => vm.heap.to_rust_string(s),
        _ => String::new(),
    }
}

/// Function.prototype[@@hasInstance](V) (§20.2.3.6).
fn has_instance_fn(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Return ? OrdinaryHasInstance(F, V).
    Ok(Value::Bool(ordinary_has_instance(vm, this, arg(args, 0))?))
}

/// OrdinaryHasInstance(C, O) (§7.3.21), with class constructors callable.
fn ordinary_has_instance(vm: &mut Vm, c: Value, o: Value) -> JsResult<bool> {
    // 1. If IsCallable(C) is false, return false.
    let Value::Object(cobj) = c else { return Ok(false) };
    if !is_callable(vm, c) {
        return Ok(false);
    }
    // 2. If C has a [[BoundTargetFunction]], return ? InstanceofOperator(O, BC).
    if let ObjectKind::Bound(b) = &vm.heap.object(cobj).kind {
        let target = Value::Object(b.target);
        return vm.instanceof_operator(o, target);
    }
    // 3. If O is not an Object, return false.
    let Value::Object(mut obj) = o else { return Ok(false) };
    // 4. Let P be ? Get(C, "prototype").
    let prototype_key = PropertyKey::Atom(vm.heap.names.prototype);
    let p = vm.get(cobj, prototype_key, c)?;
    // 5. If P is not an Object, throw a TypeError exception.
    let Value::Object(p) = p else {
        let d = describe(vm, p);
        return vm.type_error(&format!("Function has non-object prototype '{d}' in instanceof check"));
    };
    // 6. Repeat: O = ? O.[[GetPrototypeOf]](); null → false; P → true.
    loop {
        match vm.get_prototype_of(obj)? {
            None => return Ok(false),
            Some(proto) if proto == p => return Ok(true),
            Some(proto) => obj = proto,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn function_prototype_is_callable() {
        assert_eq!(run("typeof Function.prototype"), "function");
        assert_eq!(run("Function.prototype(1, 2)"), "undefined");
        assert_eq!(run("Function.prototype.length + ':' + Function.prototype.name"), "0:");
        assert_eq!(run("Object.getPrototypeOf(Function.prototype) === Object.prototype"), "true");
    }

    #[test]
    fn apply_call_bind() {
        assert_eq!(run("(function(a, b){ return this.x + a + b }).apply({x: 1}, [2, 3])"), "6");
        assert_eq!(run("(function(a, b){ return this.x + a + b }).call({x: 1}, 2, 3)"), "6");
        assert_eq!(run("Function.prototype.apply.call(1)"), "TypeError: Function.prototype.apply was called on 1, which is not a function");
        assert_eq!(run("function f(a, b, c){ return a + b + c } var g = f.bind(null, 1); g.name + ':' + g.length + ':' + g(2, 3)"), "bound f:2:6");
        assert_eq!(run("function P(a){ this.a = a } var B = P.bind(null, 5); var o = new B(); (o instanceof P) + ':' + o.a"), "true:5");
        assert_eq!(run("var f = function(){}; Object.defineProperty(f, 'length', {value: -Infinity}); f.bind().length"), "0");
    }

    #[test]
    fn to_string_and_has_instance() {
        assert_eq!(run("(function f(x) { return x }).toString()"), "function f(x) { return x }");
        assert_eq!(run("Object.prototype.hasOwnProperty.toString()"), "function hasOwnProperty() { [native code] }");
        assert_eq!(run("Function.prototype.toString.call({})"), "TypeError: Function.prototype.toString requires that 'this' be a Function");
        assert_eq!(run("Function.prototype[Symbol.hasInstance].call(Object, {})"), "true");
        assert_eq!(run("class A {}; (new A() instanceof A) + ':' + (new (A.bind())() instanceof A)"), "true:true");
        assert_eq!(run("class A { static /* s */ async m() {} }; A.m.toString()"), "async m() {}", "a static method's text starts after `static`");
        assert_eq!(run("class B { x; constructor(a) {} }; B.toString()"), "class B { x; constructor(a) {} }", "a written constructor shows its class");
        assert_eq!(run("(function(){}).caller"), "TypeError: 'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them");
    }
}
