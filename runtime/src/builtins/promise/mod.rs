//! Promise (ECMAScript §27.2): the constructor, `then`/`catch`/`finally`,
//! and `Promise.resolve`/`reject`. The state machine, reactions and jobs
//! are the VM's (`spindle_vm::promise`); this module is the JavaScript face.

use super::builder::{native_function, Builder};
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::promise::{Capability, Handler};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Promise` and %Promise.prototype%.
pub(crate) fn install(vm: &mut Vm) {
    let ctor = native_function(vm, "Promise", 1, promise_constructor, true);
    let proto = vm.realm.intrinsics.promise_prototype;
    Builder::new(vm, ctor)
        .value("prototype", Value::Object(proto), Attributes::NONE)
        .method("resolve", 1, promise_resolve_static)
        .method("reject", 1, promise_reject_static);
    let tag = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    let tag_value = vm.string("Promise");
    vm.heap.define_raw(proto, tag, tag_value, Attributes::CONFIGURABLE);
    Builder::new(vm, proto)
        .value("constructor", Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE)
        .method("then", 2, promise_then)
        .method("catch", 1, promise_catch);
    vm.realm.named.insert("%Promise%", ctor);
    let global = vm.realm.global;
    Builder::new(vm, global).value("Promise", Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE);
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// `new Promise(executor)`.
fn promise_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError.
    let Some(nt) = new_target else { return vm.type_error("Promise constructor cannot be invoked without 'new'") };
    let executor = arg(args, 0);
    // 2. If IsCallable(executor) is false, throw a TypeError.
    if !vm.is_callable(executor) {
        return vm.type_error("Promise resolver is not a function");
    }
    // 3-7. OrdinaryCreateFromConstructor, state pending, resolving functions.
    let fallback = vm.realm.intrinsics.promise_prototype;
    let proto = vm.get_prototype_from_constructor(nt, fallback)?;
    let promise = vm.new_promise_with_proto(proto);
    let (resolve, reject) = vm.create_resolving_functions(promise);
    // 8-9. Call the executor; an abrupt completion rejects.
    if let Err(e) = vm.call(executor, Value::Undefined, &[Value::Object(resolve), Value::Object(reject)]) {
        vm.call(Value::Object(reject), Value::Undefined, &[e])?;
    }
    Ok(Value::Object(promise))
}

fn this_promise(vm: &mut Vm, this: Value) -> JsResult<Obj> {
    match this {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::Promise(_)) => Ok(o),
        _ => vm.type_error("Method Promise.prototype.then called on incompatible receiver"),
    }
}

/// NewPromiseCapability(C) for the intrinsic %Promise% (a fresh promise and its functions).
fn intrinsic_capability(vm: &mut Vm) -> Capability {
    let promise = vm.new_promise();
    let (resolve, reject) = vm.create_resolving_functions(promise);
    Capability { promise: Value::Object(promise), resolve: Value::Object(resolve), reject: Value::Object(reject) }
}

/// `promise.then(onFulfilled, onRejected)`.
fn promise_then(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let promise = this_promise(vm, this)?;
    let capability = intrinsic_capability(vm);
    let handler = |vm: &Vm, v: Value| if vm.is_callable(v) { Handler::Function(v) } else { Handler::Default };
    let on_fulfilled = handler(vm, arg(args, 0));
    let on_rejected = handler(vm, arg(args, 1));
    vm.perform_promise_then(promise, on_fulfilled, on_rejected, Some(capability));
    Ok(capability.promise)
}

/// `promise.catch(onRejected)`: `this.then(undefined, onRejected)`.
fn promise_catch(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let key = PropertyKey::Atom(vm.heap.intern_str("then"));
    let Value::Object(o) = this else { return vm.type_error("Promise.prototype.catch called on a non-object") };
    let then = vm.get(o, key, this)?;
    vm.call(then, this, &[Value::Undefined, arg(args, 0)])
}

/// `Promise.resolve(x)` for the intrinsic constructor.
fn promise_resolve_static(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let x = arg(args, 0);
    if let Value::Object(o) = x {
        if matches!(vm.heap.object(o).kind, ObjectKind::Promise(_)) {
            let key = PropertyKey::Atom(vm.heap.intern_str("constructor"));
            if vm.get(o, key, x)? == this {
                return Ok(x);
            }
        }
    }
    let promise = vm.new_promise();
    vm.resolve_promise(promise, x)?;
    Ok(Value::Object(promise))
}

/// `Promise.reject(r)`.
fn promise_reject_static(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let promise = vm.new_promise();
    vm.reject_promise(promise, arg(args, 0));
    Ok(Value::Object(promise))
}
