//! `Object.prototype` (ECMAScript 2025 §20.1.3 and Annex B.2.2): the
//! methods every ordinary object inherits, `toString` with its builtin tags
//! and `@@toStringTag`, and the legacy `__proto__` accessor and
//! `__defineGetter__` family.

use super::builder::{native_function, Builder};
use super::core_support::{accessor, describe, is_callable};
use super::support::{arg, key};
use spindle_vm::object::{Attributes, ObjectKind, Property, PropertyDescriptor};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the properties of %Object.prototype%.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.object_prototype;
    Builder::new(vm, proto)
        .method("hasOwnProperty", 1, has_own_property)
        .method("isPrototypeOf", 1, is_prototype_of)
        .method("propertyIsEnumerable", 1, property_is_enumerable)
        .method("toLocaleString", 0, to_locale_string)
        .method("valueOf", 0, value_of)
        .method("__defineGetter__", 2, define_getter)
        .method("__defineSetter__", 2, define_setter)
        .method("__lookupGetter__", 1, lookup_getter)
        .method("__lookupSetter__", 1, lookup_setter);
    let to_string_fn = native_function(vm, "toString", 0, to_string, false);
    let k = PropertyKey::Atom(vm.heap.names.to_string);
    vm.heap.define_raw(proto, k, Value::Object(to_string_fn), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%Object.prototype.toString%", to_string_fn);
    let proto_key = key(vm, "__proto__");
    accessor(vm, proto, proto_key, "__proto__", Some(proto_getter), Some(proto_setter));
}

/// Object.prototype.hasOwnProperty(V) (§20.1.3.2).
fn has_own_property(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let P be ? ToPropertyKey(V).
    let p = vm.to_property_key(arg(args, 0))?;
    // 2. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 3. Return ? HasOwnProperty(O, P).
    Ok(Value::Bool(vm.has_own_property(o, p)?))
}

/// Object.prototype.isPrototypeOf(V) (§20.1.3.3).
fn is_prototype_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If V is not an Object, return false.
    let Value::Object(mut v) = arg(args, 0) else { return Ok(Value::Bool(false)) };
    // 2. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 3. Repeat: V = ? V.[[GetPrototypeOf]](); null → false; O → true.
    loop {
        match vm.get_prototype_of(v)? {
            None => return Ok(Value::Bool(false)),
            Some(p) if p == o => return Ok(Value::Bool(true)),
            Some(p) => v = p,
        }
    }
}

/// Object.prototype.propertyIsEnumerable(V) (§20.1.3.4).
fn property_is_enumerable(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let P be ? ToPropertyKey(V).
    let p = vm.to_property_key(arg(args, 0))?;
    // 2. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 3-5. Let desc be ? O.[[GetOwnProperty]](P); undefined → false; else its [[Enumerable]].
    Ok(Value::Bool(vm.get_own_property(o, p)?.is_some_and(|d| d.enumerable())))
}

/// Object.prototype.toLocaleString() (§20.1.3.5).
fn to_locale_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Return ? Invoke(this value, "toString").
    let k = PropertyKey::Atom(vm.heap.names.to_string);
    vm.invoke(this, k, &[])
}

/// Object.prototype.toString() (§20.1.3.6).
pub(crate) fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Undefined and null.
    match this {
        Value::Undefined => return Ok(vm.string("[object Undefined]")),
        Value::Null => return Ok(vm.string("[object Null]")),
        _ => {}
    }
    // 3. Let O be ! ToObject(this value).
    let o = vm.to_object(this)?;
    // 4-14. The builtin tag.
    let builtin_tag = builtin_tag(vm, o)?;
    // 15. Let tag be ? Get(O, @@toStringTag).
    let tag_key = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    let tag = vm.get(o, tag_key, Value::Object(o))?;
    // 16. If tag is not a String, set tag to builtinTag.
    let tag = match tag {
        Value::String(s) => vm.heap.to_rust_string(s),
        _ => builtin_tag.to_owned(),
    };
    // 17. Return the string-concatenation of "[object ", tag, and "]".
    Ok(vm.string(&format!("[object {tag}]")))
}

/// Steps 4-14 of Object.prototype.toString: the tag from internal slots.
fn builtin_tag(vm: &mut Vm, o: Obj) -> JsResult<&'static str> {
    // 4-5. Let isArray be ? IsArray(O).
    if vm.is_array(Value::Object(o))? {
        return Ok("Array");
    }
    // 7. [[Call]] → "Function".
    if is_callable(vm, Value::Object(o)) {
        return Ok("Function");
    }
    Ok(match vm.heap.object(o).kind {
        // 6. [[ParameterMap]] → "Arguments".
        ObjectKind::Arguments(_) => "Arguments",
        // 8-11. [[ErrorData]], [[BooleanData]], [[NumberData]], [[StringData]].
        ObjectKind::Error => "Error",
        ObjectKind::Boolean(_) => "Boolean",
        ObjectKind::Number(_) => "Number",
        ObjectKind::String(_) => "String",
        // 13. [[RegExpMatcher]] → "RegExp".
        ObjectKind::RegExp(_) => "RegExp",
        // 12. [[DateValue]] → "Date".
        ObjectKind::Date(_) => "Date",
        // 14. Otherwise "Object".
        _ => "Object",
    })
}

/// Object.prototype.valueOf() (§20.1.3.7).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Return ? ToObject(this value).
    Ok(Value::Object(vm.to_object(this)?))
}

/// get Object.prototype.__proto__ (§20.1.3.8.1).
fn proto_getter(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 2. Return ? O.[[GetPrototypeOf]]().
    Ok(vm.get_prototype_of(o)?.map_or(Value::Null, Value::Object))
}

/// set Object.prototype.__proto__ (§20.1.3.8.2).
fn proto_setter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let O be ? RequireObjectCoercible(this value).
    let o = vm.require_object_coercible(this)?;
    // 2. If proto is not an Object and proto is not null, return undefined.
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    // 3. If O is not an Object, return undefined.
    let Value::Object(o) = o else { return Ok(Value::Undefined) };
    // 4-5. Let status be ? O.[[SetPrototypeOf]](proto); false → TypeError.
    if !vm.set_prototype_of(o, proto)? {
        return vm.type_error("Object.prototype.__proto__: cannot set the prototype");
    }
    // 6. Return undefined.
    Ok(Value::Undefined)
}

/// __defineGetter__ and __defineSetter__ (§B.2.2.2-3).
fn define_accessor(vm: &mut Vm, this: Value, args: &[Value], setter: bool) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 2. If IsCallable(getter) is false, throw a TypeError exception.
    let f = arg(args, 1);
    let Some(func) = f.as_object().filter(|_| is_callable(vm, f)) else {
        let d = describe(vm, f);
        let what = if setter { "setter" } else { "getter" };
        return vm.type_error(&format!("Object.prototype.__define{}__: {what} {d} is not a function", if setter { "Setter" } else { "Getter" }));
    };
    // 3. Let desc be PropertyDescriptor { [[Get]]/[[Set]]: getter, [[Enumerable]]: true, [[Configurable]]: true }.
    let mut desc = PropertyDescriptor { enumerable: Some(true), configurable: Some(true), ..Default::default() };
    if setter {
        desc.set = Some(Some(func));
    } else {
        desc.get = Some(Some(func));
    }
    // 4. Let key be ? ToPropertyKey(P).
    let k = vm.to_property_key(arg(args, 0))?;
    // 5. Perform ? DefinePropertyOrThrow(O, key, desc).
    vm.define_property_or_throw(o, k, desc)?;
    // 6. Return undefined.
    Ok(Value::Undefined)
}

fn define_getter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    define_accessor(vm, this, args, false)
}

fn define_setter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    define_accessor(vm, this, args, true)
}

/// __lookupGetter__ and __lookupSetter__ (§B.2.2.4-5).
fn lookup_accessor(vm: &mut Vm, this: Value, args: &[Value], setter: bool) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let mut o = vm.to_object(this)?;
    // 2. Let key be ? ToPropertyKey(P).
    let k = vm.to_property_key(arg(args, 0))?;
    // 3. Repeat,
    loop {
        // a-b. Let desc be ? O.[[GetOwnProperty]](key); if found, its [[Get]]/[[Set]] or undefined.
        if let Some(p) = vm.get_own_property(o, k)? {
            let f = match p {
                Property::Accessor { get, set, .. } => if setter { set } else { get },
                Property::Data { .. } => None,
            };
            return Ok(f.map_or(Value::Undefined, Value::Object));
        }
        // c-d. Set O to ? O.[[GetPrototypeOf]](); null → undefined.
        match vm.get_prototype_of(o)? {
            Some(p) => o = p,
            None => return Ok(Value::Undefined),
        }
    }
}

fn lookup_getter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    lookup_accessor(vm, this, args, false)
}

fn lookup_setter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    lookup_accessor(vm, this, args, true)
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn to_string_tags() {
        assert_eq!(run("Object.prototype.toString.call(undefined)"), "[object Undefined]");
        assert_eq!(run("Object.prototype.toString.call(null)"), "[object Null]");
        assert_eq!(run("Object.prototype.toString.call([])"), "[object Array]");
        assert_eq!(run("Object.prototype.toString.call(function(){})"), "[object Function]");
        assert_eq!(run("Object.prototype.toString.call(class {})"), "[object Function]");
        assert_eq!(run("Object.prototype.toString.call(new Error('x'))"), "[object Error]");
        assert_eq!(run("Object.prototype.toString.call(true)"), "[object Boolean]");
        assert_eq!(run("Object.prototype.toString.call(1)"), "[object Number]");
        assert_eq!(run("Object.prototype.toString.call('')"), "[object String]");
        assert_eq!(run("(function(){ return Object.prototype.toString.call(arguments) })()"), "[object Arguments]");
        assert_eq!(run("({[Symbol.toStringTag]: 'X'}).toString()"), "[object X]");
    }

    #[test]
    fn methods() {
        assert_eq!(run("({a:1}).hasOwnProperty('a')"), "true");
        assert_eq!(run("Object.prototype.isPrototypeOf({})"), "true");
        assert_eq!(run("[].propertyIsEnumerable('length')"), "false");
        assert_eq!(run("var o = {}; o.valueOf() === o"), "true");
        assert_eq!(run("({}).__proto__ === Object.prototype"), "true");
        assert_eq!(run("var o = {}; o.__proto__ = null; Object.getPrototypeOf(o)"), "null");
        assert_eq!(run("var o = {}; o.__defineGetter__('x', function(){ return 5 }); o.x"), "5");
        assert_eq!(run("var o = {get y(){ return 1 }}; typeof o.__lookupGetter__('y')"), "function");
        assert_eq!(run("({}).__lookupSetter__('y')"), "undefined");
        assert_eq!(run("Object.prototype.__proto__ = {}"), "TypeError: Object.prototype.__proto__: cannot set the prototype");
    }
}
