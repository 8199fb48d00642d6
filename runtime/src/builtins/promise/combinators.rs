//! `Promise.all`, `allSettled`, `any` and `race` (§27.2.4.1-5): one
//! driver over the iterable (GetPromiseResolve, GetIterator, the
//! Perform… loop, IteratorClose on an abrupt completion,
//! IfAbruptRejectPromise) and the element functions.
//!
//! Every element function has the same slots: `[alreadyCalled (its own
//! boolean, or for allSettled a record shared by the pair), index,
//! shared]`, where `shared` is one record per combinator call holding
//! `[values/errors List, capability function to settle with,
//! remainingElements record]` (three slots an element, not five).

use super::capability::{
    builtin_closure, cell_add, cell_new, current_captures, first_call, list_get, list_new, list_push, list_set, list_to_array,
    new_promise_capability, reject_capability, slot, slot_obj,
};
use crate::builtins::support::{arg, get_iterator_from_method, iterator_close_throw, IteratorRecord};
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::promise::{Capability, Derived, Handler};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Which combinator is running.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

/// What an element function records.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Element {
    /// Promise.all Resolve Element Functions: the value.
    AllResolve,
    /// Promise.allSettled Resolve Element Functions: `{status: "fulfilled", value}`.
    SettledFulfilled,
    /// Promise.allSettled Reject Element Functions: `{status: "rejected", reason}`.
    SettledRejected,
    /// Promise.any Reject Element Functions: the reason.
    AnyReject,
}

/// `Promise.all(iterable)` (§27.2.4.1).
pub(super) fn all(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    combinator(vm, this, arg(args, 0), Combinator::All)
}

/// `Promise.allSettled(iterable)` (§27.2.4.2).
pub(super) fn all_settled(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    combinator(vm, this, arg(args, 0), Combinator::AllSettled)
}

/// `Promise.any(iterable)` (§27.2.4.3).
pub(super) fn any(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    combinator(vm, this, arg(args, 0), Combinator::Any)
}

/// `Promise.race(iterable)` (§27.2.4.5).
pub(super) fn race(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    combinator(vm, this, arg(args, 0), Combinator::Race)
}

/// An Iterator Record with its [[Done]] field.
struct Iter {
    rec: IteratorRecord,
    done: bool,
}

/// The steps the four combinators share.
fn combinator(vm: &mut Vm, this: Value, iterable: Value, kind: Combinator) -> JsResult<Value> {
    // 1. Let C be the this value.
    let c = this;
    // 2. Let promiseCapability be ? NewPromiseCapability(C).
    let cap = new_promise_capability(vm, c)?;
    // 3. Let promiseResolve be Completion(GetPromiseResolve(C)).
    // 4. IfAbruptRejectPromise(promiseResolve, promiseCapability).
    let promise_resolve = match get_promise_resolve(vm, c) {
        Ok(f) => f,
        Err(e) => return reject_capability(vm, cap, e),
    };
    // 5. Let iteratorRecord be Completion(GetIterator(iterable, sync)).
    // 6. IfAbruptRejectPromise(iteratorRecord, promiseCapability).
    let mut iter = match get_iterator(vm, iterable) {
        Ok(rec) => Iter { rec, done: false },
        Err(e) => return reject_capability(vm, cap, e),
    };
    // 7. Let result be Completion(PerformPromiseX(iteratorRecord, C, promiseCapability, promiseResolve)).
    match perform(vm, &mut iter, c, cap, promise_resolve, kind) {
        Ok(v) => Ok(v),
        // 8. If result is an abrupt completion, then
        Err(e) => {
            // a. If iteratorRecord.[[Done]] is false, set result to Completion(IteratorClose(iteratorRecord, result)).
            let e = if iter.done { e } else { close(vm, iter.rec, e) };
            // b. IfAbruptRejectPromise(result, promiseCapability).
            reject_capability(vm, cap, e)
        }
    }
}

/// IteratorClose(iteratorRecord, throwCompletion): the thrown value.
fn close(vm: &mut Vm, rec: IteratorRecord, error: Value) -> Value {
    match iterator_close_throw::<()>(vm, rec, error) {
        Err(e) => e,
        Ok(()) => error,
    }
}

/// GetPromiseResolve(promiseConstructor) (§27.2.4.1.1).
fn get_promise_resolve(vm: &mut Vm, c: Value) -> JsResult<Value> {
    // 1. Let promiseResolve be ? Get(promiseConstructor, "resolve").
    let key = vm.heap.key_from_str("resolve");
    let promise_resolve = vm.get_v(c, key)?;
    // 2. If IsCallable(promiseResolve) is false, throw a TypeError exception.
    if !vm.is_callable(promise_resolve) {
        return vm.type_error("Promise resolve is not a function");
    }
    // 3. Return promiseResolve.
    Ok(promise_resolve)
}

/// GetIterator(obj, sync) (§7.4.3).
fn get_iterator(vm: &mut Vm, obj: Value) -> JsResult<IteratorRecord> {
    // 3.a. Let method be ? GetMethod(obj, @@iterator).
    let key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    // 4. If method is undefined, throw a TypeError exception.
    let Some(method) = vm.get_method(obj, key)? else {
        return vm.type_error("object is not iterable (cannot read property Symbol(Symbol.iterator))");
    };
    // 5. Return ? GetIteratorFromMethod(obj, method).
    get_iterator_from_method(vm, obj, method)
}

/// IteratorStepValue(iteratorRecord) (§7.4.8), keeping [[Done]]: any
/// abrupt completion of `next`, `done` or `value` sets it.
fn step_value(vm: &mut Vm, iter: &mut Iter) -> JsResult<Option<Value>> {
    let r = step_value_inner(vm, iter.rec);
    if !matches!(r, Ok(Some(_))) {
        iter.done = true;
    }
    r
}

fn step_value_inner(vm: &mut Vm, rec: IteratorRecord) -> JsResult<Option<Value>> {
    if let Some(step) = crate::builtins::array::iterator::intrinsic_array_step(vm, rec.iterator, rec.next) {
        return step;
    }
    // IteratorNext: Call(next, iterator); the result must be an object.
    let result = vm.call(rec.next, rec.iterator, &[])?;
    let Value::Object(r) = result else {
        return vm.type_error("Iterator result is not an object");
    };
    // IteratorComplete: ToBoolean(? Get(iterResult, "done")).
    let done = vm.get_property(r, PropertyKey::Atom(vm.heap.names.done))?;
    if vm.to_boolean(done) {
        return Ok(None);
    }
    // IteratorValue: ? Get(iterResult, "value").
    Ok(Some(vm.get_property(r, PropertyKey::Atom(vm.heap.names.value))?))
}

/// PerformPromiseAll / AllSettled / Any / Race (§27.2.4.1.2, 2.1, 3.1, 5.1).
fn perform(vm: &mut Vm, iter: &mut Iter, c: Value, cap: Capability, resolve_fn: Value, kind: Combinator) -> JsResult<Value> {
    // 1. Let values (errors) be a new empty List.
    let list = list_new(vm);
    // 2. Let remainingElementsCount be the Record { [[Value]]: 1 }.
    let remaining = cell_new(vm, Value::Number(1.0));
    // 3. Let index be 0.
    let mut index: u32 = 0;
    let settle = if kind == Combinator::Any { cap.reject } else { cap.resolve };
    let shared = list_new(vm);
    for v in [Value::Object(list), settle, Value::Object(remaining), Value::Number(f64::from(kind as u8))] {
        list_push(vm, shared, v);
    }
    let then_key = PropertyKey::Atom(vm.heap.names.then);
    // 4. Repeat,
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        // b. If next is done, then …
        let Some(next) = step_value(vm, iter)? else {
            return finish(vm, kind, cap, list, remaining);
        };
        // c. Append undefined to values (errors).
        if kind != Combinator::Race {
            list_push(vm, list, Value::Undefined);
        }
        // d. Let nextPromise be ? Call(promiseResolve, constructor, « next »).
        let next_promise = vm.call(resolve_fn, c, &[next])?;
        // e-j. The element functions (made by `invoke_then` where anything
        // could reach them).
        let elements = Elements { kind, index, shared, cap };
        // k. Set remainingElementsCount.[[Value]] to remainingElementsCount.[[Value]] + 1.
        if kind != Combinator::Race {
            cell_add(vm, remaining, 1.0);
        }
        // l. Perform ? Invoke(nextPromise, "then", « onFulfilled, onRejected »).
        invoke_then(vm, c, next_promise, then_key, elements)?;
        // m. Set index to index + 1.
        index = index.saturating_add(1);
    }
}

/// What steps e-j of one iteration make the element functions from.
#[derive(Clone, Copy)]
struct Elements {
    kind: Combinator,
    index: u32,
    shared: Obj,
    cap: Capability,
}

impl Elements {
    /// Steps e-j: onFulfilled and onRejected as function objects.
    fn functions(self, vm: &mut Vm) -> (Value, Value) {
        let slots = |already: Value| -> Box<[Value]> { Box::new([already, Value::Number(f64::from(self.index)), Value::Object(self.shared)]) };
        let cap = self.cap;
        match self.kind {
            Combinator::Race => (cap.resolve, cap.reject),
            Combinator::All => (element_fn(vm, Element::AllResolve, slots(Value::Bool(false))), cap.reject),
            Combinator::AllSettled => {
                // The two functions share one alreadyCalled record.
                let already = Value::Object(cell_new(vm, Value::Bool(false)));
                let s = slots(already);
                (element_fn(vm, Element::SettledFulfilled, s.clone()), element_fn(vm, Element::SettledRejected, s))
            }
            Combinator::Any => (cap.resolve, element_fn(vm, Element::AnyReject, slots(Value::Bool(false)))),
        }
    }

    /// The same as reaction handlers that no code can reach: element steps
    /// run by the job itself ([`Handler::Element`]); alreadyCalled is not
    /// needed, since a promise runs one of its reactions once.
    fn handlers(self, vm: &Vm) -> (Handler, Handler) {
        let element = Handler::Element(self.shared);
        match self.kind {
            Combinator::Race => (super::prototype::handler(vm, self.cap.resolve), super::prototype::handler(vm, self.cap.reject)),
            Combinator::All => (element, super::prototype::handler(vm, self.cap.reject)),
            Combinator::AllSettled => (element, element),
            Combinator::Any => (super::prototype::handler(vm, self.cap.resolve), element),
        }
    }
}

/// Step l, Invoke(nextPromise, "then", « onFulfilled, onRejected »). When
/// `then` is %Promise.prototype.then%, C is %Promise% and the species of
/// nextPromise is %Promise% too, neither the element functions nor the
/// promise `then` would derive are made: only the reaction job could reach
/// them, and the derived promise could only be fulfilled with undefined
/// (the element steps and the resolving functions of %Promise% never
/// throw), so no code could tell. Every observable step (the Gets of
/// `then`, `constructor`, @@species) is done.
fn invoke_then(vm: &mut Vm, c: Value, next_promise: Value, then_key: PropertyKey, elements: Elements) -> JsResult<()> {
    let then = vm.get_v(next_promise, then_key)?;
    let promise = super::as_promise(vm, next_promise);
    let intrinsic = super::capability::intrinsic_promise(vm).map(Value::Object);
    let intrinsic_then = vm.realm.intrinsic("%Promise.prototype.then%").map(Value::Object);
    if let (Some(p), Some(default)) = (promise, intrinsic) {
        if Some(then) == intrinsic_then && c == default {
            // then's step 3: C be ? SpeciesConstructor(promise, %Promise%).
            let species = vm.species_constructor(p, default)?;
            if species == default {
                let (on_fulfilled, on_rejected) = elements.handlers(vm);
                vm.perform_promise_then_derived(p, on_fulfilled, on_rejected, Derived::Index(elements.index));
                return Ok(());
            }
            let (on_fulfilled, on_rejected) = elements.functions(vm);
            return super::prototype::then_with_species(vm, p, species, &[on_fulfilled, on_rejected]).map(|_| ());
        }
    }
    let (on_fulfilled, on_rejected) = elements.functions(vm);
    if !vm.is_callable(then) {
        return vm.type_error("then is not a function");
    }
    vm.call(then, next_promise, &[on_fulfilled, on_rejected]).map(|_| ())
}

/// Step 4.b, when the iterator is done.
fn finish(vm: &mut Vm, kind: Combinator, cap: Capability, list: Obj, remaining: Obj) -> JsResult<Value> {
    if kind == Combinator::Race {
        // PerformPromiseRace 1.b: Return resultCapability.[[Promise]].
        return Ok(cap.promise);
    }
    // i. Set remainingElementsCount.[[Value]] to remainingElementsCount.[[Value]] - 1.
    // ii. If remainingElementsCount.[[Value]] = 0, then
    if cell_add(vm, remaining, -1.0) == 0.0 {
        let array = list_to_array(vm, list);
        if kind == Combinator::Any {
            // Promise.any: Let error be a newly created AggregateError object
            // with "errors"; Return ThrowCompletion(error).
            return Err(aggregate_error(vm, array));
        }
        // 1. Let valuesArray be CreateArrayFromList(values).
        // 2. Perform ? Call(resultCapability.[[Resolve]], undefined, « valuesArray »).
        vm.call(cap.resolve, Value::Undefined, &[array])?;
    }
    // iii. Return resultCapability.[[Promise]].
    Ok(cap.promise)
}

/// A new AggregateError whose `errors` is `errors` (writable,
/// configurable, not enumerable).
fn aggregate_error(vm: &mut Vm, errors: Value) -> Value {
    let error = vm.error(ErrorKind::AggregateError, "All promises were rejected");
    if let Value::Object(o) = error {
        let key = vm.heap.key_from_str("errors");
        vm.heap.define_raw(o, key, errors, Attributes::WRITABLE_CONFIGURABLE);
    }
    error
}

/// CreateBuiltinFunction(steps, 1, "", slots) for an element function.
fn element_fn(vm: &mut Vm, kind: Element, slots: Box<[Value]>) -> Value {
    let steps = match kind {
        Element::AllResolve => all_resolve_element,
        Element::SettledFulfilled => settled_fulfilled_element,
        Element::SettledRejected => settled_rejected_element,
        Element::AnyReject => any_reject_element,
    };
    Value::Object(builtin_closure(vm, "", 1, steps, slots))
}

fn all_resolve_element(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    element_steps(vm, arg(args, 0), Element::AllResolve)
}

fn settled_fulfilled_element(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    element_steps(vm, arg(args, 0), Element::SettledFulfilled)
}

fn settled_rejected_element(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    element_steps(vm, arg(args, 0), Element::SettledRejected)
}

fn any_reject_element(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    element_steps(vm, arg(args, 0), Element::AnyReject)
}

/// The steps of the element functions (§27.2.4.1.3, 2.2, 2.3, 3.2).
fn element_steps(vm: &mut Vm, x: Value, kind: Element) -> JsResult<Value> {
    let s = current_captures(vm);
    // 1-4. If alreadyCalled.[[Value]] is true, return undefined; set it to true.
    if !first_call(vm, &s, 0) {
        return Ok(Value::Undefined);
    }
    let (Some(shared), Value::Number(index)) = (slot_obj(&s, 2), slot(&s, 1)) else { return Ok(Value::Undefined) };
    record_element(vm, shared, index as u32, x, kind)
}

/// The host's `combinator_element` hook: the element steps of a
/// [`Handler::Element`] reaction (no function object, called once).
pub(crate) fn element_reaction(vm: &mut Vm, shared: Obj, index: u32, x: Value, fulfilled: bool) -> JsResult<Value> {
    let kind = match (list_get(vm, shared, 3), fulfilled) {
        (Value::Number(k), _) if k == f64::from(Combinator::All as u8) => Element::AllResolve,
        (Value::Number(k), _) if k == f64::from(Combinator::Any as u8) => Element::AnyReject,
        (_, true) => Element::SettledFulfilled,
        (_, false) => Element::SettledRejected,
    };
    record_element(vm, shared, index, x, kind)
}

/// The element steps after the alreadyCalled check: record the element at
/// `index`, and settle the combinator's promise after the last one.
fn record_element(vm: &mut Vm, shared: Obj, index: u32, x: Value, kind: Element) -> JsResult<Value> {
    let (list, settle, remaining) = (list_get(vm, shared, 0), list_get(vm, shared, 1), list_get(vm, shared, 2));
    let (Some(list), Some(remaining)) = (list.as_object(), remaining.as_object()) else { return Ok(Value::Undefined) };
    // Let obj be { status, value/reason } (allSettled), else x itself.
    let element = match kind {
        Element::SettledFulfilled => settled_record(vm, "fulfilled", "value", x)?,
        Element::SettledRejected => settled_record(vm, "rejected", "reason", x)?,
        Element::AllResolve | Element::AnyReject => x,
    };
    // Set values[index] (errors[index]) to the element.
    list_set(vm, list, index, element);
    // Set remainingElementsCount.[[Value]] to remainingElementsCount.[[Value]] - 1.
    // If remainingElementsCount.[[Value]] = 0, then
    if cell_add(vm, remaining, -1.0) != 0.0 {
        return Ok(Value::Undefined);
    }
    let array = list_to_array(vm, list);
    let result = if kind == Element::AnyReject { aggregate_error(vm, array) } else { array };
    // Return ? Call(promiseCapability.[[Resolve]] / [[Reject]], undefined, « valuesArray / error »).
    vm.call(settle, Value::Undefined, &[result])
}

/// `{ status, <key>: value }` made with OrdinaryObjectCreate(%Object.prototype%)
/// and CreateDataPropertyOrThrow.
fn settled_record(vm: &mut Vm, status: &str, key: &str, value: Value) -> JsResult<Value> {
    let proto = vm.realm.intrinsics.object_prototype;
    let obj = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let status_key = vm.heap.key_from_str("status");
    let status_value = vm.string(status);
    vm.create_data_property_or_throw(obj, status_key, status_value)?;
    let k = vm.heap.key_from_str(key);
    vm.create_data_property_or_throw(obj, k, value)?;
    Ok(Value::Object(obj))
}
