//! `Array.fromAsync(asyncItems [, mapfn [, thisArg]])` (ES2026 §23.1.2.2),
//! self-hosted: the algorithm is an async closure (each `Await` a real
//! await), so it is written as an async function in JavaScript, compiled
//! once at startup. It reaches the abstract operations only through the
//! native helpers passed to its factory (never through globals or
//! prototypes user code could change), and it is given
//! %Function.prototype% as its [[Prototype]] like every built-in.

use crate::builtins::support::{arg, get_iterator_from_method, index_key, set_length};
use crate::builtins::builder::native_function;
use spindle_compiler::{compile_script, parse, Goal};
use spindle_vm::object::{Attributes, NativeFn};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The factory: given the helpers, returns the `fromAsync` function.
const SOURCE: &str = r#"(function (h) {
  'use strict';
  var call = h.call;
  async function closeThrow(iterator, error) {
    try {
      var ret = h.getMethod(iterator, 'return');
      if (ret !== undefined) await call(ret, iterator);
    } catch (ignored) {}
    throw error;
  }
  async function fromIterator(C, rec, isAsync, mapping, mapfn, thisArg) {
    var A = h.isConstructor(C) ? h.construct(C) : h.arrayCreate(0);
    var k = 0;
    while (true) {
      if (k >= 9007199254740991) await closeThrow(rec.iterator, h.typeError('Array.fromAsync: too many elements'));
      var nextResult = call(rec.next, rec.iterator);
      if (isAsync) nextResult = await nextResult;
      if (!h.isObject(nextResult)) throw h.typeError('Iterator result is not an object');
      if (h.toBoolean(nextResult.done)) {
        h.setLength(A, k);
        return A;
      }
      var nextValue = nextResult.value;
      if (!isAsync) {
        try { nextValue = await nextValue; } catch (e) { await closeThrow(rec.iterator, e); }
      }
      var mappedValue = nextValue;
      if (mapping) {
        try { mappedValue = await call(mapfn, thisArg, nextValue, k); } catch (e) { await closeThrow(rec.iterator, e); }
      }
      try { h.createDataPropertyOrThrow(A, k, mappedValue); } catch (e) { await closeThrow(rec.iterator, e); }
      k++;
    }
  }
  async function fromArrayLike(C, asyncItems, mapping, mapfn, thisArg) {
    var arrayLike = h.toObject(asyncItems);
    var len = h.lengthOfArrayLike(arrayLike);
    var A = h.isConstructor(C) ? h.construct(C, len) : h.arrayCreate(len);
    for (var k = 0; k < len; k++) {
      var kValue = await h.get(arrayLike, k);
      if (mapping) kValue = await call(mapfn, thisArg, kValue, k);
      h.createDataPropertyOrThrow(A, k, kValue);
    }
    h.setLength(A, len);
    return A;
  }
  return async function fromAsync(asyncItems) {
    var C = this;
    var mapfn = arguments.length > 1 ? arguments[1] : undefined;
    var thisArg = arguments.length > 2 ? arguments[2] : undefined;
    var mapping = mapfn !== undefined;
    if (mapping && !h.isCallable(mapfn)) throw h.typeError('Array.fromAsync: mapfn is not callable');
    var usingAsyncIterator = h.getMethod(asyncItems, h.asyncIterator);
    var usingSyncIterator = usingAsyncIterator === undefined ? h.getMethod(asyncItems, h.iterator) : undefined;
    if (usingAsyncIterator !== undefined) {
      return await fromIterator(C, h.getIterator(asyncItems, usingAsyncIterator), true, mapping, mapfn, thisArg);
    }
    if (usingSyncIterator !== undefined) {
      return await fromIterator(C, h.getIterator(asyncItems, usingSyncIterator), false, mapping, mapfn, thisArg);
    }
    return await fromArrayLike(C, asyncItems, mapping, mapfn, thisArg);
  };
})"#;

/// Defines `Array.fromAsync` on `ctor` (nothing if compiling fails, which
/// would be a compiler bug).
pub(super) fn install(vm: &mut Vm, ctor: Obj) {
    let Ok(f) = make(vm) else { return };
    vm.heap.object_mut(f).proto = Some(vm.realm.intrinsics.function_prototype);
    let k = vm.heap.key_from_str("fromAsync");
    vm.heap.define_raw(ctor, k, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%Array.fromAsync%", f);
}

fn make(vm: &mut Vm) -> JsResult<Obj> {
    let proto = {
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, SOURCE, Goal::Script).map_err(|_| Value::Undefined)?;
        compile_script(&parsed.program, &parsed.scopes, &mut vm.heap, "<Array.fromAsync>", SOURCE).map_err(|_| Value::Undefined)?
    };
    let factory = vm.run_script(proto)?;
    let helpers = helpers(vm);
    match vm.call(factory, Value::Undefined, &[Value::Object(helpers)])? {
        Value::Object(f) => Ok(f),
        _ => Err(Value::Undefined),
    }
}

/// The helper object handed to the factory.
fn helpers(vm: &mut Vm) -> Obj {
    let h = vm.heap.alloc_object(None, spindle_vm::object::ObjectKind::Ordinary);
    let functions: [(&str, NativeFn); 15] = [
        ("call", h_call),
        ("getMethod", h_get_method),
        ("getIterator", h_get_iterator),
        ("isConstructor", h_is_constructor),
        ("isCallable", h_is_callable),
        ("isObject", h_is_object),
        ("construct", h_construct),
        ("arrayCreate", h_array_create),
        ("createDataPropertyOrThrow", h_create_data_property),
        ("setLength", h_set_length),
        ("toObject", h_to_object),
        ("toBoolean", h_to_boolean),
        ("lengthOfArrayLike", h_length_of_array_like),
        ("get", h_get),
        ("typeError", h_type_error),
    ];
    for (name, f) in functions {
        let func = native_function(vm, name, 0, f, false);
        let k = vm.heap.key_from_str(name);
        vm.heap.define_raw(h, k, Value::Object(func), Attributes::NONE);
    }
    let symbols = [("asyncIterator", vm.heap.well_known.async_iterator), ("iterator", vm.heap.well_known.iterator)];
    for (name, sym) in symbols {
        let k = vm.heap.key_from_str(name);
        vm.heap.define_raw(h, k, Value::Symbol(sym), Attributes::NONE);
    }
    h
}

/// `call(f, this, ...args)`: Call(f, this, args).
fn h_call(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    vm.call(arg(args, 0), arg(args, 1), args.get(2..).unwrap_or(&[]))
}

/// `getMethod(v, key)`: GetMethod(V, P), undefined when absent.
fn h_get_method(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let key = vm.to_property_key(arg(args, 1))?;
    Ok(vm.get_method(arg(args, 0), key)?.unwrap_or(Value::Undefined))
}

/// `getIterator(obj, method)`: GetIteratorFromMethod as `{iterator, next}`.
fn h_get_iterator(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let rec = get_iterator_from_method(vm, arg(args, 0), arg(args, 1))?;
    let o = vm.heap.alloc_object(None, spindle_vm::object::ObjectKind::Ordinary);
    let (ik, nk) = (vm.heap.key_from_str("iterator"), PropertyKey::Atom(vm.heap.names.next));
    vm.heap.define_raw(o, ik, rec.iterator, Attributes::NONE);
    vm.heap.define_raw(o, nk, rec.next, Attributes::NONE);
    Ok(Value::Object(o))
}

fn h_is_constructor(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(vm.is_constructor(arg(args, 0))))
}

fn h_is_callable(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(vm.is_callable(arg(args, 0))))
}

fn h_is_object(_vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(matches!(arg(args, 0), Value::Object(_))))
}

fn h_to_boolean(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(vm.to_boolean(arg(args, 0))))
}

/// `construct(C, ...args)`: Construct(C, args).
fn h_construct(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    vm.construct(arg(args, 0), args.get(1..).unwrap_or(&[]), None)
}

/// `arrayCreate(len)`: ArrayCreate(len) (RangeError above 2^32 - 1).
fn h_array_create(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let len = vm.to_number(arg(args, 0))?;
    Ok(Value::Object(vm.array_create(len as u64, None)?))
}

/// `createDataPropertyOrThrow(A, k, v)` for an integer k.
fn h_create_data_property(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(a) = arg(args, 0) else { return vm.type_error("not an object") };
    let k = vm.to_number(arg(args, 1))?;
    let key = index_key(vm, k as u64);
    vm.create_data_property_or_throw(a, key, arg(args, 2))?;
    Ok(Value::Undefined)
}

/// `setLength(A, len)`: Set(A, "length", len, true).
fn h_set_length(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(a) = arg(args, 0) else { return vm.type_error("not an object") };
    let len = vm.to_number(arg(args, 1))?;
    set_length(vm, a, len as u64)?;
    Ok(Value::Undefined)
}

fn h_to_object(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Object(vm.to_object(arg(args, 0))?))
}

fn h_length_of_array_like(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(o) = arg(args, 0) else { return vm.type_error("not an object") };
    Ok(Value::Number(vm.length_of_array_like(o)? as f64))
}

/// `get(O, k)`: Get(O, ToString(k)).
fn h_get(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(o) = arg(args, 0) else { return vm.type_error("not an object") };
    let k = vm.to_number(arg(args, 1))?;
    let key = index_key(vm, k as u64);
    vm.get_property(o, key)
}

/// `typeError(message)`: a new TypeError (not thrown).
fn h_type_error(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let message = vm.to_rust_string(arg(args, 0))?;
    Ok(vm.error(spindle_vm::realm::ErrorKind::TypeError, &message))
}
