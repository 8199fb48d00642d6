//! Promise (ECMAScript 2025 §27.2): the constructor, `Promise[@@species]`,
//! and the installation of the statics and of `Promise.prototype`.
//!
//! The state machine, reactions and the job queue are the VM's
//! (`spindle_vm::promise`); this module is the JavaScript face:
//!
//! - `capability`: NewPromiseCapability with its GetCapabilitiesExecutor
//!   function, PromiseResolve, IfAbruptRejectPromise, and the small
//!   records (cells, lists) that built-in closures share;
//! - `prototype`: `then`, `catch`, `finally` (thenFinally / catchFinally);
//! - `statics`: `resolve`, `reject`, `withResolvers`, `try`;
//! - `combinators`: `all`, `allSettled`, `any`, `race` and their element
//!   functions.
//!
//! Fast paths never change what JavaScript can observe: the intrinsic
//! %Promise% skips only the executor dance of NewPromiseCapability (its
//! `prototype` property cannot change), never a `then` or `constructor`
//! lookup the specification performs.

pub(crate) mod capability;
mod combinators;
mod prototype;
mod statics;
#[cfg(test)]
mod tests;

use super::builder::{native_function, Builder};
use super::support::{arg, getter, install_constructor, to_string_tag};
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Promise` and %Promise.prototype%.
pub(crate) fn install(vm: &mut Vm) {
    let ctor = native_function(vm, "Promise", 1, promise_constructor, true);
    let proto = vm.realm.intrinsics.promise_prototype;
    Builder::new(vm, ctor)
        .method("all", 1, combinators::all)
        .method("allSettled", 1, combinators::all_settled)
        .method("any", 1, combinators::any)
        .method("race", 1, combinators::race)
        .method("reject", 1, statics::reject)
        .method("resolve", 1, statics::resolve)
        .method("try", 1, statics::try_)
        .method("withResolvers", 0, statics::with_resolvers);
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    install_constructor(vm, "Promise", ctor, proto, "%Promise%");
    vm.realm.promise_constructor = Some(ctor);
    Builder::new(vm, proto)
        .method("catch", 1, prototype::catch)
        .method("finally", 1, prototype::finally)
        .method("then", 2, prototype::then);
    let then_key = PropertyKey::Atom(vm.heap.names.then);
    if let Some(Value::Object(then)) = vm.heap.get_own_raw(proto, then_key).and_then(|p| p.value()) {
        vm.realm.named.insert("%Promise.prototype.then%", then);
    }
    vm.host.combinator_element = Some(combinators::element_reaction);
    to_string_tag(vm, proto, "Promise");
}

/// IsPromise(x) (§27.2.1.6): the object, if it has [[PromiseState]].
pub(crate) fn as_promise(vm: &Vm, x: Value) -> Option<Obj> {
    match x {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::Promise(_)) => Some(o),
        _ => None,
    }
}

/// `Promise(executor)` (§27.2.3.1).
fn promise_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else {
        return vm.type_error("Promise constructor cannot be invoked without 'new'");
    };
    // 2. If IsCallable(executor) is false, throw a TypeError exception.
    let executor = arg(args, 0);
    if !vm.is_callable(executor) {
        return vm.type_error("Promise resolver is not a function");
    }
    // 3-7. OrdinaryCreateFromConstructor(NewTarget, "%Promise.prototype%"),
    // state pending, no reactions, not handled.
    let fallback = vm.realm.intrinsics.promise_prototype;
    let proto = vm.get_prototype_from_constructor(nt, fallback)?;
    let promise = vm.new_promise_with_proto(proto);
    // 8. Let resolvingFunctions be CreateResolvingFunctions(promise).
    let (resolve, reject) = vm.create_resolving_functions(promise);
    // 9. Let completion be Completion(Call(executor, undefined, « resolve, reject »)).
    let completion = vm.call(executor, Value::Undefined, &[Value::Object(resolve), Value::Object(reject)]);
    // 10. If completion is an abrupt completion, then
    //     a. Perform ? Call(resolvingFunctions.[[Reject]], undefined, « completion.[[Value]] »).
    if let Err(e) = completion {
        vm.call(Value::Object(reject), Value::Undefined, &[e])?;
    }
    // 11. Return promise.
    Ok(Value::Object(promise))
}

/// `get Promise[@@species]` (§27.2.4.8): the this value.
fn species_getter(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}
