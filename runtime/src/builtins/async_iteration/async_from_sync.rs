//! %AsyncFromSyncIteratorPrototype% (§27.1.6.2): `next`, `return` and
//! `throw` of the wrapper CreateAsyncFromSyncIterator makes (in the VM)
//! when `for await` or an async generator's `yield*` meets a sync
//! iterable. Each returns a %Promise% promise settled from the sync
//! iterator's result, its `value` awaited through
//! AsyncFromSyncIteratorContinuation (§27.1.6.4).
//!
//! The methods are not reachable from user code with any other `this`
//! (the prototype is not exposed), but a wrong receiver still only
//! rejects.

use crate::builtins::builder::Builder;
use crate::builtins::promise::capability::{builtin_closure, current_captures, intrinsic_promise, promise_resolve};
use crate::builtins::support::arg;
use spindle_vm::object::{AsyncFromSyncIterator, ObjectKind};
use spindle_vm::promise::{Capability, Handler};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

pub(super) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.async_from_sync_iterator_prototype;
    Builder::new(vm, proto).method("next", 1, next).method("return", 1, return_).method("throw", 1, throw);
    vm.realm.named.insert("%AsyncFromSyncIteratorPrototype%", proto);
}

/// The [[SyncIteratorRecord]] of `this`.
fn record(vm: &Vm, this: Value) -> Option<AsyncFromSyncIterator> {
    let Value::Object(o) = this else { return None };
    match &vm.heap.object(o).kind {
        ObjectKind::AsyncFromSyncIterator(r) => Some(*r),
        _ => None,
    }
}

/// Rejects `promise` with `reason` and returns it (IfAbruptRejectPromise).
fn reject(vm: &mut Vm, promise: Obj, reason: Value) -> JsResult<Value> {
    vm.reject_promise(promise, reason);
    Ok(Value::Object(promise))
}

/// Rejects `promise` with a new TypeError.
fn reject_type_error(vm: &mut Vm, promise: Obj, message: &str) -> JsResult<Value> {
    let e = vm.error(ErrorKind::TypeError, message);
    reject(vm, promise, e)
}

/// The steps every method starts with: a new %Promise% promise and the
/// receiver's record.
fn begin(vm: &mut Vm, this: Value) -> (Obj, Option<AsyncFromSyncIterator>) {
    let promise = vm.new_promise();
    (promise, record(vm, this))
}

/// `Call(method, iterator, « value »)`, or with no argument when the
/// method was called with none ("If value is present").
fn call_with_optional(vm: &mut Vm, method: Value, iterator: Value, args: &[Value]) -> JsResult<Value> {
    match args.first() {
        Some(v) => vm.call(method, iterator, &[*v]),
        None => vm.call(method, iterator, &[]),
    }
}

/// %AsyncFromSyncIteratorPrototype%.next(value) (§27.1.6.2.1).
fn next(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4.
    let (promise, Some(rec)) = begin(vm, this) else { return incompatible(vm) };
    // 5-6. Let result be Completion(IteratorNext(syncIteratorRecord[, value])).
    let result = match call_with_optional(vm, rec.next, rec.iterator, args) {
        Ok(Value::Object(r)) => Value::Object(r),
        Ok(_) => return reject_type_error(vm, promise, "Iterator result is not an object"),
        // 7. IfAbruptRejectPromise(result, promiseCapability).
        Err(e) => return reject(vm, promise, e),
    };
    // 8. Return AsyncFromSyncIteratorContinuation(result, promiseCapability, syncIteratorRecord, true).
    continuation(vm, result, promise, rec, true)
}

/// %AsyncFromSyncIteratorPrototype%.return(value) (§27.1.6.2.2).
fn return_(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (promise, Some(rec)) = begin(vm, this) else { return incompatible(vm) };
    // 5-6. Let return be Completion(GetMethod(syncIterator, "return")).
    let key = PropertyKey::Atom(vm.heap.intern_str("return"));
    let method = match vm.get_method(rec.iterator, key) {
        Ok(m) => m,
        Err(e) => return reject(vm, promise, e),
    };
    // 7. If return is undefined: resolve with CreateIteratorResultObject(value, true).
    let Some(method) = method else {
        let r = vm.iter_result(arg(args, 0), true)?;
        vm.resolve_promise(promise, r)?;
        return Ok(Value::Object(promise));
    };
    // 8-10. Let result be Completion(Call(return, syncIterator[, « value »])).
    let result = match call_with_optional(vm, method, rec.iterator, args) {
        Ok(r) => r,
        Err(e) => return reject(vm, promise, e),
    };
    // 11. If result is not an Object, reject with a TypeError.
    if !matches!(result, Value::Object(_)) {
        return reject_type_error(vm, promise, "iterator.return() did not return an object");
    }
    // 12. Return AsyncFromSyncIteratorContinuation(result, promiseCapability, syncIteratorRecord, false).
    continuation(vm, result, promise, rec, false)
}

/// %AsyncFromSyncIteratorPrototype%.throw(value) (§27.1.6.2.3).
fn throw(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (promise, Some(rec)) = begin(vm, this) else { return incompatible(vm) };
    // 5-6. Let throw be Completion(GetMethod(syncIterator, "throw")).
    let key = PropertyKey::Atom(vm.heap.intern_str("throw"));
    let method = match vm.get_method(rec.iterator, key) {
        Ok(m) => m,
        Err(e) => return reject(vm, promise, e),
    };
    let Some(method) = method else {
        // 7.b-d. Let result be Completion(IteratorClose(syncIteratorRecord, NormalCompletion(empty))).
        if let Err(e) = iterator_close_normal(vm, rec.iterator) {
            return reject(vm, promise, e);
        }
        // 7.g. Reject with a TypeError: a protocol violation.
        return reject_type_error(vm, promise, "The iterator does not provide a 'throw' method");
    };
    // 8-10. Let result be Completion(Call(throw, syncIterator[, « value »])).
    let result = match call_with_optional(vm, method, rec.iterator, args) {
        Ok(r) => r,
        Err(e) => return reject(vm, promise, e),
    };
    // 11. If result is not an Object, reject with a TypeError.
    if !matches!(result, Value::Object(_)) {
        return reject_type_error(vm, promise, "iterator.throw() did not return an object");
    }
    // 12. Return AsyncFromSyncIteratorContinuation(result, promiseCapability, syncIteratorRecord, true).
    continuation(vm, result, promise, rec, true)
}

/// A receiver without [[SyncIteratorRecord]] (unreachable from user code).
fn incompatible(vm: &mut Vm) -> JsResult<Value> {
    let promise = vm.new_promise();
    reject_type_error(vm, promise, "not an async-from-sync iterator")
}

/// AsyncFromSyncIteratorContinuation(result, promiseCapability,
/// syncIteratorRecord, closeOnRejection) (§27.1.6.4).
fn continuation(vm: &mut Vm, result: Value, promise: Obj, rec: AsyncFromSyncIterator, close_on_rejection: bool) -> JsResult<Value> {
    let Value::Object(r) = result else { return reject_type_error(vm, promise, "Iterator result is not an object") };
    // 2-3. Let done be Completion(IteratorComplete(result)).
    let key = PropertyKey::Atom(vm.heap.names.done);
    let done = match vm.get(r, key, result) {
        Ok(d) => vm.to_boolean(d),
        Err(e) => return reject(vm, promise, e),
    };
    // 4-5. Let value be Completion(IteratorValue(result)).
    let key = PropertyKey::Atom(vm.heap.names.value);
    let value = match vm.get(r, key, result) {
        Ok(v) => v,
        Err(e) => return reject(vm, promise, e),
    };
    // 6. Let valueWrapper be Completion(PromiseResolve(%Promise%, value)).
    let Some(c) = intrinsic_promise(vm) else { return reject_type_error(vm, promise, "Promise is not available") };
    let wrapper = match promise_resolve(vm, c, value) {
        Ok(Value::Object(w)) => w,
        Ok(_) => return reject_type_error(vm, promise, "PromiseResolve did not return a promise"),
        Err(e) => {
            // 7. If valueWrapper is abrupt, done is false and closeOnRejection
            // is true: IteratorClose(syncIteratorRecord, valueWrapper).
            if !done && close_on_rejection {
                iterator_close_throw(vm, rec.iterator);
            }
            // 8. IfAbruptRejectPromise(valueWrapper, promiseCapability).
            return reject(vm, promise, e);
        }
    };
    // 9-10. onFulfilled: CreateIteratorResultObject(v, done).
    let on_fulfilled = builtin_closure(vm, "", 1, unwrap, Box::new([Value::Bool(done)]));
    // 12-13. onRejected closes the sync iterator unless done.
    let on_rejected = if done || !close_on_rejection {
        Handler::Default
    } else {
        Handler::Function(builtin_closure(vm, "", 1, close_iterator, Box::new([rec.iterator])))
    };
    // 14. Perform PerformPromiseThen(valueWrapper, onFulfilled, onRejected, promiseCapability).
    vm.perform_promise_then(wrapper, Handler::Function(on_fulfilled), on_rejected, Some(Capability::internal(promise)));
    // 15. Return promiseCapability.[[Promise]].
    Ok(Value::Object(promise))
}

/// The `unwrap` closure: CreateIteratorResultObject(v, done).
fn unwrap(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let done = matches!(current_captures(vm).first(), Some(Value::Bool(true)));
    vm.iter_result(arg(args, 0), done)
}

/// The `closeIterator` closure: IteratorClose(syncIteratorRecord, ThrowCompletion(error)).
fn close_iterator(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let iterator = current_captures(vm).first().copied().unwrap_or_default();
    iterator_close_throw(vm, iterator);
    Err(arg(args, 0))
}

/// IteratorClose(iterator, a throw completion): `return()` is called, but
/// its errors and result are ignored (the throw completion wins).
fn iterator_close_throw(vm: &mut Vm, iterator: Value) {
    let key = PropertyKey::Atom(vm.heap.intern_str("return"));
    if let Ok(Some(method)) = vm.get_method(iterator, key) {
        let _ = vm.call(method, iterator, &[]);
    }
}

/// IteratorClose(iterator, a normal completion): errors propagate and the
/// result of `return()` must be an object.
fn iterator_close_normal(vm: &mut Vm, iterator: Value) -> JsResult<()> {
    let key = PropertyKey::Atom(vm.heap.intern_str("return"));
    let Some(method) = vm.get_method(iterator, key)? else { return Ok(()) };
    let result = vm.call(method, iterator, &[])?;
    if !matches!(result, Value::Object(_)) {
        return vm.type_error("iterator.return() did not return an object");
    }
    Ok(())
}
