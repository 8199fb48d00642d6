//! `%TypedArray%.prototype` methods that call a function per element:
//! every, some, forEach, map, filter, reduce, reduceRight. The length is
//! the validated one; each element is `! Get(O, k)` at the time of its
//! call (undefined once user code shrank or detached the buffer).

use super::access::{get, put};
use super::{species_create, validate, Validated};
use crate::builtins::support::{arg, require_callable};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// What a per-element loop does with the callback's result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// `every`: stop at the first falsy result.
    OnFalse,
    /// `some`: stop at the first truthy result.
    OnTrue,
    /// `forEach`: never.
    Never,
}

/// ValidateTypedArray and the callable check shared by every method here.
fn start(vm: &mut Vm, this: Value, args: &[Value], method: &str) -> JsResult<(Validated, Value)> {
    let v = validate(vm, this, method)?;
    let f = require_callable(vm, arg(args, 0), "callback")?;
    Ok((v, f))
}

/// Calls `callback(kValue, 𝔽(k), O)` for each k until `stop` says so;
/// true if it stopped early.
fn each(vm: &mut Vm, this: Value, args: &[Value], method: &str, stop: Stop) -> JsResult<bool> {
    let (v, f) = start(vm, this, args, method)?;
    let this_arg = arg(args, 1);
    for k in 0..v.len {
        let value = get(vm, v.o, k);
        let r = vm.call(f, this_arg, &[value, Value::Number(k as f64), Value::Object(v.o)])?;
        let truthy = vm.to_boolean(r);
        if (stop == Stop::OnFalse && !truthy) || (stop == Stop::OnTrue && truthy) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `%TypedArray%.prototype.every(callbackfn [, thisArg])` (§23.2.3.8).
pub(super) fn every(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(!each(vm, this, args, "every", Stop::OnFalse)?))
}

/// `%TypedArray%.prototype.some(callbackfn [, thisArg])` (§23.2.3.29).
pub(super) fn some(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(each(vm, this, args, "some", Stop::OnTrue)?))
}

/// `%TypedArray%.prototype.forEach(callbackfn [, thisArg])` (§23.2.3.15).
pub(super) fn for_each(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    each(vm, this, args, "forEach", Stop::Never)?;
    Ok(Value::Undefined)
}

/// `%TypedArray%.prototype.map(callbackfn [, thisArg])` (§23.2.3.22).
pub(super) fn map(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (v, f) = start(vm, this, args, "map")?;
    // 5. Let A be ? TypedArraySpeciesCreate(O, « 𝔽(len) »).
    let a = species_create(vm, &v, &[Value::Number(v.len as f64)])?;
    // 6-7. A[k] = ? Call(callbackfn, thisArg, « kValue, 𝔽(k), O »).
    for k in 0..v.len {
        let value = get(vm, v.o, k);
        let mapped = vm.call(f, arg(args, 1), &[value, Value::Number(k as f64), Value::Object(v.o)])?;
        put(vm, a.o, k, mapped)?;
    }
    Ok(Value::Object(a.o))
}

/// `%TypedArray%.prototype.filter(callbackfn [, thisArg])` (§23.2.3.10).
pub(super) fn filter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (v, f) = start(vm, this, args, "filter")?;
    // 5-8. Keep the values for which the callback is truthy.
    let mut kept = Vec::new();
    for k in 0..v.len {
        let value = get(vm, v.o, k);
        let r = vm.call(f, arg(args, 1), &[value, Value::Number(k as f64), Value::Object(v.o)])?;
        if vm.to_boolean(r) {
            kept.push(value);
        }
    }
    // 9. Let A be ? TypedArraySpeciesCreate(O, « 𝔽(captured) »).
    let a = species_create(vm, &v, &[Value::Number(kept.len() as f64)])?;
    // 10-11. ! Set(A, n, e, true) for each kept value.
    for (n, value) in kept.into_iter().enumerate() {
        put(vm, a.o, n, value)?;
    }
    Ok(Value::Object(a.o))
}

/// reduce and reduceRight (§23.2.3.23-24).
fn reduce_impl(vm: &mut Vm, this: Value, args: &[Value], ascending: bool) -> JsResult<Value> {
    let (v, f) = start(vm, this, args, if ascending { "reduce" } else { "reduceRight" })?;
    let index = |i: usize| if ascending { i } else { v.len - 1 - i };
    // 5. If len = 0 and initialValue is not present, throw a TypeError exception.
    let (mut acc, first) = match args.get(1) {
        Some(&initial) => (initial, 0),
        None if v.len == 0 => return vm.type_error("Reduce of empty array with no initial value"),
        None => (get(vm, v.o, index(0)), 1),
    };
    // 8-9. accumulator = ? Call(callbackfn, undefined, « accumulator, kValue, 𝔽(k), O »).
    for i in first..v.len {
        let k = index(i);
        let value = get(vm, v.o, k);
        acc = vm.call(f, Value::Undefined, &[acc, value, Value::Number(k as f64), Value::Object(v.o)])?;
    }
    Ok(acc)
}

/// `%TypedArray%.prototype.reduce(callbackfn [, initialValue])`.
pub(super) fn reduce(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    reduce_impl(vm, this, args, true)
}

/// `%TypedArray%.prototype.reduceRight(callbackfn [, initialValue])`.
pub(super) fn reduce_right(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    reduce_impl(vm, this, args, false)
}
