//! The iterator helpers that consume their receiver (§27.1.4): `reduce`,
//! `toArray`, `forEach`, `some`, `every` and `find`. A callback that
//! throws closes the receiver; `some`, `every` and `find` close it when
//! they stop early.

use super::{close_normal, get_iterator_direct, require_callable_or_close, this_iterator};
use crate::builtins::support::{arg, iterator_close_throw, iterator_step_value, IteratorRecord};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Steps 1-5 of the methods taking a callback: the record and the callback.
fn start(vm: &mut Vm, this: Value, f: Value, name: &str) -> JsResult<IteratorRecord> {
    // 1-3. O must be an Object; iterated = { O, undefined }.
    let iterated = this_iterator(vm, this, name)?;
    // 4. If IsCallable(f) is false, close iterated with a TypeError.
    require_callable_or_close(vm, iterated, f, name)?;
    // 5. Set iterated to ? GetIteratorDirect(O).
    get_iterator_direct(vm, this)
}

/// `Call(f, undefined, args)`, closing `iterated` if it throws.
fn call_or_close(vm: &mut Vm, iterated: IteratorRecord, f: Value, args: &[Value]) -> JsResult<Value> {
    match vm.call(f, Value::Undefined, args) {
        Ok(v) => Ok(v),
        Err(e) => iterator_close_throw(vm, iterated, e),
    }
}

/// `Iterator.prototype.reduce(reducer [, initialValue])` (§27.1.4.9).
pub(super) fn reduce(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let reducer = arg(args, 0);
    let iterated = start(vm, this, reducer, "reduce")?;
    // 6-7. The accumulator: initialValue, else the first value (counter 1).
    let (mut accumulator, mut counter) = match args.get(1) {
        Some(&initial) => (initial, 0u64),
        None => match iterator_step_value(vm, iterated)? {
            Some(first) => (first, 1),
            None => return vm.type_error("Reduce of empty iterator with no initial value"),
        },
    };
    // 8. Repeat until done: accumulator = reducer(accumulator, value, 𝔽(counter)).
    while let Some(value) = iterator_step_value(vm, iterated)? {
        accumulator = call_or_close(vm, iterated, reducer, &[accumulator, value, Value::Number(counter as f64)])?;
        counter += 1;
    }
    Ok(accumulator)
}

/// `Iterator.prototype.toArray()` (§27.1.4.12).
pub(super) fn to_array(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O must be an Object.
    this_iterator(vm, this, "toArray")?;
    // 3. Let iterated be ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(vm, this)?;
    // 4-5. Collect every value.
    let mut items = Vec::new();
    while let Some(value) = iterator_step_value(vm, iterated)? {
        items.push(value);
    }
    Ok(Value::Object(vm.create_array(&items)))
}

/// `Iterator.prototype.forEach(procedure)` (§27.1.4.5).
pub(super) fn for_each(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let procedure = arg(args, 0);
    let iterated = start(vm, this, procedure, "forEach")?;
    let mut counter = 0u64;
    while let Some(value) = iterator_step_value(vm, iterated)? {
        call_or_close(vm, iterated, procedure, &[value, Value::Number(counter as f64)])?;
        counter += 1;
    }
    Ok(Value::Undefined)
}

/// The loop of `some`, `every` and `find`: the first value whose
/// predicate result's truthiness is `stop_on`, after closing the iterator.
fn search(vm: &mut Vm, this: Value, predicate: Value, stop_on: bool, name: &str) -> JsResult<Option<Value>> {
    let iterated = start(vm, this, predicate, name)?;
    let mut counter = 0u64;
    while let Some(value) = iterator_step_value(vm, iterated)? {
        let result = call_or_close(vm, iterated, predicate, &[value, Value::Number(counter as f64)])?;
        if vm.to_boolean(result) == stop_on {
            // Return ? IteratorClose(iterated, NormalCompletion(…)).
            close_normal(vm, iterated)?;
            return Ok(Some(value));
        }
        counter += 1;
    }
    Ok(None)
}

/// `Iterator.prototype.some(predicate)` (§27.1.4.10).
pub(super) fn some(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(search(vm, this, arg(args, 0), true, "some")?.is_some()))
}

/// `Iterator.prototype.every(predicate)` (§27.1.4.3).
pub(super) fn every(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(search(vm, this, arg(args, 0), false, "every")?.is_none()))
}

/// `Iterator.prototype.find(predicate)` (§27.1.4.7).
pub(super) fn find(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(search(vm, this, arg(args, 0), true, "find")?.unwrap_or(Value::Undefined))
}

/// `Iterator.prototype.includes(searchElement [, skippedElements])`
/// (iterator-includes proposal).
pub(super) fn includes(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    use super::close_with_error;
    use spindle_vm::realm::ErrorKind;
    let search_element = arg(args, 0);
    // 1-3. O must be an Object; iterated = { O, undefined }.
    let iterated = this_iterator(vm, this, "includes")?;
    // 4-8. toSkip: undefined is 0; else ±∞ or an integral Number (no coercion), not negative, at most 2^53 - 1.
    let to_skip = match arg(args, 1) {
        Value::Undefined => 0.0,
        Value::Number(n) if n.is_infinite() || (n.is_finite() && n.trunc() == n) => n,
        _ => return close_with_error(vm, iterated, ErrorKind::TypeError, "includes: skippedElements must be an integer"),
    };
    if to_skip < 0.0 {
        return close_with_error(vm, iterated, ErrorKind::RangeError, "includes: skippedElements must not be negative");
    }
    if to_skip.is_finite() && to_skip > super::helpers::MAX_SAFE_INTEGER {
        return close_with_error(vm, iterated, ErrorKind::RangeError, "includes: skippedElements is too large");
    }
    // 9-10. Let skipped be 0; set iterated to ? GetIteratorDirect(O).
    let mut skipped = 0.0;
    let iterated = get_iterator_direct(vm, this)?;
    // 11. Repeat until done (false) or a match after the skipped ones (close, true).
    while let Some(value) = iterator_step_value(vm, iterated)? {
        if skipped < to_skip {
            skipped += 1.0;
        } else if vm.same_value_zero(value, search_element) {
            close_normal(vm, iterated)?;
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `Iterator.prototype.join(separator)` (Iterator.prototype.join proposal).
pub(super) fn join(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O must be an Object; iterated = { O, undefined }.
    let iterated = this_iterator(vm, this, "join")?;
    // 3. The separator: "," if undefined, else ToString(separator) (closing on error).
    let sep: Vec<u16> = match arg(args, 0) {
        Value::Undefined => vec![u16::from(b',')],
        s => match vm.to_string(s) {
            Ok(s) => vm.heap.units(s).to_vec(),
            Err(e) => return iterator_close_throw(vm, iterated, e),
        },
    };
    // 4. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(vm, this)?;
    // 5-6. Concatenate ToString of each value ("" for nullish) with the separator between.
    let mut r: Vec<u16> = Vec::new();
    let mut first = true;
    while let Some(value) = iterator_step_value(vm, iterated)? {
        if !first {
            r.extend_from_slice(&sep);
        }
        first = false;
        if value.is_nullish() {
            continue;
        }
        match vm.to_string(value) {
            Ok(s) => r.extend_from_slice(vm.heap.units(s)),
            Err(e) => return iterator_close_throw(vm, iterated, e),
        }
    }
    Ok(Value::String(vm.heap.alloc_string(r)))
}
