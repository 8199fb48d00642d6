//! The iterator helpers that return iterators (§27.1.4): `map`, `filter`,
//! `take`, `drop`, `flatMap`, and %IteratorHelperPrototype% (§27.1.2.1)
//! with its `next` and `return`.
//!
//! Each helper is an `ObjectKind::IteratorHelper`: the specification's
//! abstract closure as data (the underlying iterator record, the callback,
//! a counter, and for `flatMap` the inner iterator), resumed one step per
//! `next`. The generator-like states are kept as the specification's
//! GeneratorResume would: a helper is *executing* while its step runs
//! (a reentrant `next` or `return` is a TypeError), *completed* after it
//! returned, threw or was closed, and closing it before it started closes
//! the underlying iterator without running any step.

use super::{close_normal, close_with_error, get_iterator_direct, get_iterator_flattenable, iterator_step, require_callable_or_close, this_iterator};
use crate::builtins::builder::{native_function, Builder};
use crate::builtins::support::{arg, iter_result, iterator_close_throw, iterator_step_value, to_string_tag, IteratorRecord};
use spindle_vm::object::{Attributes, GeneratorState, HelperOp, IteratorHelper, IteratorRecordSlots, ObjectKind};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs %IteratorHelperPrototype%.
pub(super) fn install(vm: &mut Vm) {
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.iterator_prototype), ObjectKind::Ordinary);
    Builder::new(vm, proto).method("return", 0, return_);
    let next_fn = native_function(vm, "next", 0, next, false);
    let next_key = PropertyKey::Atom(vm.heap.names.next);
    vm.heap.define_raw(proto, next_key, Value::Object(next_fn), Attributes::WRITABLE_CONFIGURABLE);
    to_string_tag(vm, proto, "Iterator Helper");
    vm.realm.named.insert("%IteratorHelperPrototype%", proto);
    vm.realm.named.insert("%IteratorHelperPrototype.next%", next_fn);
    vm.host.iterator_helper_step = Some(resume);
}

pub(super) fn record(slots: IteratorRecordSlots) -> IteratorRecord {
    IteratorRecord { iterator: slots.iterator, next: slots.next }
}

pub(super) fn slots(rec: IteratorRecord) -> IteratorRecordSlots {
    IteratorRecordSlots { iterator: rec.iterator, next: rec.next }
}

/// CreateIteratorFromClosure(closure, "Iterator Helper",
/// %IteratorHelperPrototype%, « [[UnderlyingIterator]] ») with the
/// closure's captures.
pub(super) fn create(vm: &mut Vm, op: HelperOp, underlying: IteratorRecord, function: Value, counter: f64) -> Value {
    let helper = IteratorHelper {
        op,
        state: GeneratorState::SuspendedStart,
        underlying: slots(underlying),
        function,
        counter,
        inner: None,
        buffer: Vec::new(),
        allow_partial: false,
        exhausted: false,
    };
    create_from(vm, helper)
}

/// A helper object with state `helper`.
pub(super) fn create_from(vm: &mut Vm, helper: IteratorHelper) -> Value {
    let proto = vm.realm.intrinsic("%IteratorHelperPrototype%").unwrap_or(vm.realm.intrinsics.iterator_prototype);
    Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::IteratorHelper(Box::new(helper))))
}

/// The shared steps of `map`, `filter` and `flatMap` (§27.1.4.8 steps 1-5).
fn with_callback(vm: &mut Vm, this: Value, f: Value, op: HelperOp, name: &str) -> JsResult<Value> {
    // 1-3. O must be an Object; iterated = { O, undefined }.
    let iterated = this_iterator(vm, this, name)?;
    // 4. If IsCallable(mapper) is false, close iterated with a TypeError.
    require_callable_or_close(vm, iterated, f, name)?;
    // 5. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(vm, this)?;
    // 6-9. The helper.
    Ok(create(vm, op, iterated, f, 0.0))
}

/// `Iterator.prototype.map(mapper)` (§27.1.4.8).
pub(super) fn map(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    with_callback(vm, this, arg(args, 0), HelperOp::Map, "map")
}

/// `Iterator.prototype.filter(predicate)` (§27.1.4.4).
pub(super) fn filter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    with_callback(vm, this, arg(args, 0), HelperOp::Filter, "filter")
}

/// `Iterator.prototype.flatMap(mapper)` (§27.1.4.6).
pub(super) fn flat_map(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    with_callback(vm, this, arg(args, 0), HelperOp::FlatMap, "flatMap")
}

/// 2^53 - 1.
pub(super) const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The shared steps of `take` and `drop` (§27.1.4.11 steps 1-10): the
/// limit as an integer or +∞.
fn with_limit(vm: &mut Vm, this: Value, limit: Value, op: HelperOp, name: &str) -> JsResult<Value> {
    // 1-3. O must be an Object; iterated = { O, undefined }.
    let iterated = this_iterator(vm, this, name)?;
    // 4-5. Let numLimit be Completion(ToNumber(limit)); IfAbruptCloseIterator.
    let num_limit = match vm.to_number(limit) {
        Ok(n) => n,
        Err(e) => return iterator_close_throw(vm, iterated, e),
    };
    // 6. If numLimit is NaN, close iterated with a RangeError.
    if num_limit.is_nan() {
        return close_with_error(vm, iterated, ErrorKind::RangeError, &format!("{name}: the limit is not a number"));
    }
    // 7. If numLimit is finite and numLimit > 𝔽(2^53 - 1), close iterated with a RangeError.
    if num_limit.is_finite() && num_limit > MAX_SAFE_INTEGER {
        return close_with_error(vm, iterated, ErrorKind::RangeError, &format!("{name}: the limit is too large"));
    }
    // 8. Let integerLimit be ! ToIntegerOrInfinity(numLimit).
    let integer_limit = spindle_vm::ops::int_conversions::to_integer_or_infinity(num_limit);
    // 9. If integerLimit < 0, close iterated with a RangeError.
    if integer_limit < 0.0 {
        return close_with_error(vm, iterated, ErrorKind::RangeError, &format!("{name}: the limit must not be negative"));
    }
    // 10. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(vm, this)?;
    Ok(create(vm, op, iterated, Value::Undefined, integer_limit))
}

/// `Iterator.prototype.take(limit)` (§27.1.4.11).
pub(super) fn take(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    with_limit(vm, this, arg(args, 0), HelperOp::Take, "take")
}

/// `Iterator.prototype.drop(limit)` (§27.1.4.2).
pub(super) fn drop(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    with_limit(vm, this, arg(args, 0), HelperOp::Drop, "drop")
}

/// The helper `this` is, and its state (RequireInternalSlot(O, [[UnderlyingIterator]])).
fn this_helper(vm: &mut Vm, this: Value) -> JsResult<(Obj, IteratorHelper)> {
    if let Value::Object(o) = this {
        if let ObjectKind::IteratorHelper(h) = &vm.heap.object(o).kind {
            return Ok((o, (**h).clone()));
        }
    }
    vm.type_error("Iterator Helper method called on an incompatible receiver")
}

/// Writes back the state of helper `o`.
fn store(vm: &mut Vm, o: Obj, h: &IteratorHelper) {
    if let ObjectKind::IteratorHelper(slot) = &mut vm.heap.object_mut(o).kind {
        **slot = h.clone();
    }
}

fn set_state(vm: &mut Vm, o: Obj, state: GeneratorState) {
    if let ObjectKind::IteratorHelper(slot) = &mut vm.heap.object_mut(o).kind {
        slot.state = state;
    }
}

/// `%IteratorHelperPrototype%.next()` (§27.1.2.1.1): GeneratorResume.
fn next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(o) = this else { return vm.type_error("Iterator Helper method called on an incompatible receiver") };
    match resume(vm, o)? {
        Some(v) => Ok(iter_result(vm, v, false)),
        None => Ok(iter_result(vm, Value::Undefined, true)),
    }
}

/// GeneratorResume(helper `o`): the value it yields, or `None` once it
/// is done (also the VM's `iterator_helper_step` hook, for `for-of`).
fn resume(vm: &mut Vm, o: Obj) -> JsResult<Option<Value>> {
    let (o, mut h) = this_helper(vm, Value::Object(o))?;
    // GeneratorValidate: executing is a TypeError; completed stays done.
    match h.state {
        // (A helper never takes the async states; were it to, it is busy.)
        GeneratorState::Executing | GeneratorState::SuspendedAwait | GeneratorState::DrainingQueue => {
            return vm.type_error("Generator is already running")
        }
        GeneratorState::Completed => return Ok(None),
        GeneratorState::SuspendedStart | GeneratorState::SuspendedYield => {}
    }
    set_state(vm, o, GeneratorState::Executing);
    let step = step(vm, &mut h);
    h.state = match step {
        Ok(Some(_)) => GeneratorState::SuspendedYield,
        Ok(None) | Err(_) => GeneratorState::Completed,
    };
    if h.state == GeneratorState::Completed {
        h.inner = None;
        h.buffer = Vec::new();
    }
    store(vm, o, &h);
    step
}

/// `%IteratorHelperPrototype%.return()` (§27.1.2.1.2).
fn return_(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (o, h) = this_helper(vm, this)?;
    let underlying = record(h.underlying);
    match h.state {
        // 4. suspended-start: completed, then IteratorClose(O.[[UnderlyingIterator]]).
        GeneratorState::SuspendedStart => {
            set_state(vm, o, GeneratorState::Completed);
            close_normal(vm, underlying)?;
        }
        // 5-6. GeneratorResumeAbrupt with a return completion.
        GeneratorState::Executing | GeneratorState::SuspendedAwait | GeneratorState::DrainingQueue => {
            return vm.type_error("Generator is already running")
        }
        GeneratorState::Completed => {}
        // At the Yield: IfAbruptCloseIterator(completion, iterated); flatMap
        // closes its inner iterator first; a last partial chunk closes nothing.
        GeneratorState::SuspendedYield => {
            set_state(vm, o, GeneratorState::Executing);
            let closed = match h.inner {
                _ if h.exhausted => Ok(()),
                Some(inner) => match close_normal(vm, record(inner)) {
                    Ok(()) => close_normal(vm, underlying),
                    Err(e) => iterator_close_throw(vm, underlying, e),
                },
                None => close_normal(vm, underlying),
            };
            let mut done = h;
            done.state = GeneratorState::Completed;
            done.inner = None;
            done.buffer = Vec::new();
            store(vm, o, &done);
            closed?;
        }
    }
    Ok(iter_result(vm, Value::Undefined, true))
}

/// One resumption of the helper's closure: `Some(value)` to yield,
/// `None` when it returns.
fn step(vm: &mut Vm, h: &mut IteratorHelper) -> JsResult<Option<Value>> {
    let underlying = record(h.underlying);
    match h.op {
        HelperOp::Map => {
            // a. Let value be ? IteratorStepValue(iterated); if done, return.
            let Some(value) = iterator_step_value(vm, underlying)? else { return Ok(None) };
            // b-c. Let mapped be Completion(Call(mapper, undefined, « value, 𝔽(counter) »)); IfAbruptCloseIterator.
            let mapped = call_or_close(vm, h, value)?;
            // d-f. Yield mapped; counter + 1.
            Ok(Some(mapped))
        }
        HelperOp::Filter => loop {
            let Some(value) = iterator_step_value(vm, underlying)? else { return Ok(None) };
            // b-c. Let selected be Completion(Call(predicate, undefined, « value, 𝔽(counter) »)).
            let selected = call_or_close(vm, h, value)?;
            // d. If ToBoolean(selected) is true, yield value.
            if vm.to_boolean(selected) {
                return Ok(Some(value));
            }
        },
        HelperOp::Take => {
            // a. If remaining = 0, return ? IteratorClose(iterated, ReturnCompletion(undefined)).
            if h.counter == 0.0 {
                close_normal(vm, underlying)?;
                return Ok(None);
            }
            // b. If remaining ≠ +∞, set remaining to remaining - 1.
            if h.counter != f64::INFINITY {
                h.counter -= 1.0;
            }
            // c-e. Let value be ? IteratorStepValue(iterated); yield it.
            iterator_step_value(vm, underlying)
        }
        HelperOp::Drop => {
            // Repeat, while remaining > 0: skip with IteratorStep.
            while h.counter > 0.0 {
                if h.counter != f64::INFINITY {
                    h.counter -= 1.0;
                }
                if !iterator_step(vm, underlying)? {
                    return Ok(None);
                }
            }
            // Then yield every further value.
            iterator_step_value(vm, underlying)
        }
        HelperOp::FlatMap => flat_map_step(vm, h),
        HelperOp::Chunks => super::chunking::chunks_step(vm, h),
        HelperOp::Windows => super::chunking::windows_step(vm, h),
    }
}

/// `Call(callback, undefined, « value, 𝔽(counter) »)`, counting, and
/// closing the underlying iterator if it throws.
fn call_or_close(vm: &mut Vm, h: &mut IteratorHelper, value: Value) -> JsResult<Value> {
    let counter = h.counter;
    h.counter += 1.0;
    match vm.call(h.function, Value::Undefined, &[value, Value::Number(counter)]) {
        Ok(v) => Ok(v),
        Err(e) => iterator_close_throw(vm, record(h.underlying), e),
    }
}

/// One resumption of `flatMap`'s closure (§27.1.4.6 step 6).
fn flat_map_step(vm: &mut Vm, h: &mut IteratorHelper) -> JsResult<Option<Value>> {
    let underlying = record(h.underlying);
    loop {
        if let Some(inner) = h.inner {
            // viii.1-2. Let innerValue be Completion(IteratorStepValue(innerIterator)); IfAbruptCloseIterator.
            match iterator_step_value(vm, record(inner)) {
                Ok(Some(v)) => return Ok(Some(v)),
                Ok(None) => h.inner = None,
                Err(e) => return iterator_close_throw(vm, underlying, e),
            }
            continue;
        }
        // a. Let value be ? IteratorStepValue(iterated); if done, return.
        let Some(value) = iterator_step_value(vm, underlying)? else { return Ok(None) };
        // c-d. Let mapped be Completion(Call(mapper, undefined, « value, 𝔽(counter) »)); IfAbruptCloseIterator.
        let mapped = call_or_close(vm, h, value)?;
        // e-f. Let innerIterator be Completion(GetIteratorFlattenable(mapped, reject-primitives)); IfAbruptCloseIterator.
        match get_iterator_flattenable(vm, mapped, false) {
            Ok(inner) => h.inner = Some(slots(inner)),
            Err(e) => return iterator_close_throw(vm, underlying, e),
        }
    }
}
