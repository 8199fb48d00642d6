//! `Promise.resolve`, `Promise.reject`, `Promise.withResolvers` and
//! `Promise.try` (§27.2.4).

use super::capability::{new_promise_capability, promise_resolve};
use crate::builtins::support::arg;
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// `Promise.resolve(x)` (§27.2.4.7).
pub(super) fn resolve(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let C be the this value.
    // 2. If C is not an Object, throw a TypeError exception.
    let Value::Object(c) = this else {
        return vm.type_error("PromiseResolve called on non-object");
    };
    // 3. Return ? PromiseResolve(C, x).
    promise_resolve(vm, c, arg(args, 0))
}

/// `Promise.reject(r)` (§27.2.4.6).
pub(super) fn reject(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let C be the this value.
    // 2. Let promiseCapability be ? NewPromiseCapability(C).
    let cap = new_promise_capability(vm, this)?;
    // 3. Perform ? Call(promiseCapability.[[Reject]], undefined, « r »).
    vm.call(cap.reject, Value::Undefined, &[arg(args, 0)])?;
    // 4. Return promiseCapability.[[Promise]].
    Ok(cap.promise)
}

/// `Promise.withResolvers()` (§27.2.4.9).
pub(super) fn with_resolvers(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let C be the this value.
    // 2. Let promiseCapability be ? NewPromiseCapability(C).
    let cap = new_promise_capability(vm, this)?;
    // 3. Let obj be OrdinaryObjectCreate(%Object.prototype%).
    let proto = vm.realm.intrinsics.object_prototype;
    let obj = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    // 4-6. Perform ! CreateDataPropertyOrThrow(obj, "promise" / "resolve" / "reject", …).
    for (name, value) in [("promise", cap.promise), ("resolve", cap.resolve), ("reject", cap.reject)] {
        let key = vm.heap.key_from_str(name);
        vm.create_data_property_or_throw(obj, key, value)?;
    }
    // 7. Return obj.
    Ok(Value::Object(obj))
}

/// `Promise.try(callbackfn, ...args)` (§27.2.4.8).
pub(super) fn try_(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let C be the this value.
    // 2. If C is not an Object, throw a TypeError exception.
    if !matches!(this, Value::Object(_)) {
        return vm.type_error("Promise.try called on non-object");
    }
    // 3. Let promiseCapability be ? NewPromiseCapability(C).
    let cap = new_promise_capability(vm, this)?;
    // 4. Let status be Completion(Call(callbackfn, undefined, args)).
    let rest = args.get(1..).unwrap_or(&[]);
    let status = vm.call(arg(args, 0), Value::Undefined, rest);
    match status {
        // 5. If status is an abrupt completion, then
        //    a. Perform ? Call(promiseCapability.[[Reject]], undefined, « status.[[Value]] »).
        Err(e) => vm.call(cap.reject, Value::Undefined, &[e])?,
        // 6. Else, a. Perform ? Call(promiseCapability.[[Resolve]], undefined, « status.[[Value]] »).
        Ok(v) => vm.call(cap.resolve, Value::Undefined, &[v])?,
    };
    // 7. Return promiseCapability.[[Promise]].
    Ok(cap.promise)
}
