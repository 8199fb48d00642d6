//! `Promise.prototype.then`, `catch` and `finally` (§27.2.5), with the
//! thenFinally / catchFinally closures and their value thunks.

use super::capability::{builtin_closure, current_captures, new_promise_capability, promise_resolve, slot};
use crate::builtins::support::arg;
use spindle_vm::promise::{Capability, Handler};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// `Promise.prototype.then(onFulfilled, onRejected)` (§27.2.5.4).
pub(super) fn then(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let promise be the this value.
    // 2. If IsPromise(promise) is false, throw a TypeError exception.
    let Some(promise) = super::as_promise(vm, this) else {
        return vm.type_error("Method Promise.prototype.then called on incompatible receiver");
    };
    // 3. Let C be ? SpeciesConstructor(promise, %Promise%).
    let default = super::capability::intrinsic_promise(vm).map_or(Value::Undefined, Value::Object);
    let c = vm.species_constructor(promise, default)?;
    then_with_species(vm, promise, c, args)
}

/// Steps 4-5 of `then`, with C (step 3's species constructor) known.
pub(super) fn then_with_species(vm: &mut Vm, promise: Obj, c: Value, args: &[Value]) -> JsResult<Value> {
    let default = super::capability::intrinsic_promise(vm).map_or(Value::Undefined, Value::Object);
    // 4. Let resultCapability be ? NewPromiseCapability(C).
    //    With %Promise%, nobody but the reaction job can reach the
    //    resolving functions: the internal capability skips making them.
    let capability = if c.as_object().is_some() && c == default {
        Capability::internal(vm.new_promise())
    } else {
        new_promise_capability(vm, c)?
    };
    // 5. Return PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability).
    let on_fulfilled = handler(vm, arg(args, 0));
    let on_rejected = handler(vm, arg(args, 1));
    vm.perform_promise_then(promise, on_fulfilled, on_rejected, Some(capability));
    Ok(capability.promise)
}

/// PerformPromiseThen steps 3-4: a handler that is not callable is the
/// default pass-through.
pub(super) fn handler(vm: &Vm, v: Value) -> Handler {
    match v {
        Value::Object(f) if vm.is_callable(v) => Handler::Function(f),
        _ => Handler::Default,
    }
}

/// `Promise.prototype.catch(onRejected)` (§27.2.5.1).
pub(super) fn catch(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let promise be the this value.
    // 2. Return ? Invoke(promise, "then", « undefined, onRejected »).
    let key = PropertyKey::Atom(vm.heap.names.then);
    vm.invoke(this, key, &[Value::Undefined, arg(args, 0)])
}

/// `Promise.prototype.finally(onFinally)` (§27.2.5.3).
pub(super) fn finally(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let promise be the this value.
    // 2. If promise is not an Object, throw a TypeError exception.
    let Value::Object(promise) = this else {
        return vm.type_error("Promise.prototype.finally called on a non-object");
    };
    // 3. Let C be ? SpeciesConstructor(promise, %Promise%).
    let default = super::capability::intrinsic_promise(vm).map_or(Value::Undefined, Value::Object);
    let c = vm.species_constructor(promise, default)?;
    // 4. Assert: IsConstructor(C) is true.
    let on_finally = arg(args, 0);
    // 5. If IsCallable(onFinally) is false, then
    //    a. Let thenFinally be onFinally. b. Let catchFinally be onFinally.
    let (then_finally, catch_finally) = if !vm.is_callable(on_finally) {
        (on_finally, on_finally)
    } else {
        // 6. Else: thenFinally and catchFinally closures over onFinally and C,
        //    each CreateBuiltinFunction(closure, 1, "", « »).
        let slots: Box<[Value]> = Box::new([on_finally, c]);
        let t = builtin_closure(vm, "", 1, then_finally_fn, slots.clone());
        let k = builtin_closure(vm, "", 1, catch_finally_fn, slots);
        (Value::Object(t), Value::Object(k))
    };
    // 7. Return ? Invoke(promise, "then", « thenFinally, catchFinally »).
    let key = PropertyKey::Atom(vm.heap.names.then);
    vm.invoke(this, key, &[then_finally, catch_finally])
}

/// Steps shared by thenFinally and catchFinally: calls onFinally, then
/// `PromiseResolve(C, result).then(thunk)` where `thunk` (length 0, name
/// "") returns or throws `value`.
fn finally_step(vm: &mut Vm, value: Value, thunk: spindle_vm::object::NativeFn) -> JsResult<Value> {
    let slots = current_captures(vm);
    let (on_finally, c) = (slot(&slots, 0), slot(&slots, 1));
    // i. Let result be ? Call(onFinally, undefined).
    let result = vm.call(on_finally, Value::Undefined, &[])?;
    // ii. Let p be ? PromiseResolve(C, result).
    let Value::Object(c) = c else { return vm.type_error("Promise.prototype.finally: no constructor") };
    let p = promise_resolve(vm, c, result)?;
    // iii-iv. Let returnValue / throwReason be a closure over value;
    //         CreateBuiltinFunction(closure, 0, "", « »).
    let f = builtin_closure(vm, "", 0, thunk, Box::new([value]));
    // v. Return ? Invoke(p, "then", « valueThunk / thrower »).
    let key = PropertyKey::Atom(vm.heap.names.then);
    vm.invoke(p, key, &[Value::Object(f)])
}

/// thenFinally (§27.2.5.3 step 6.a).
fn then_finally_fn(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    finally_step(vm, arg(args, 0), value_thunk)
}

/// catchFinally (§27.2.5.3 step 6.c).
fn catch_finally_fn(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    finally_step(vm, arg(args, 0), thrower)
}

/// returnValue: `() => value`.
fn value_thunk(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Return value.
    Ok(slot(&current_captures(vm), 0))
}

/// throwReason: `() => { throw reason }`.
fn thrower(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Return ThrowCompletion(reason).
    Err(slot(&current_captures(vm), 0))
}
