//! `%TypedArray%.prototype` searches: includes, indexOf, lastIndexOf
//! (§23.2.3.16, 17, 20) and the find family (§23.2.3.10-13, through the
//! Array's FindViaPredicate).

use super::access::get;
use super::validate;
use crate::builtins::array::search::find_via_predicate_in;
use crate::builtins::support::arg;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Steps 5-10 of includes and indexOf: the first index to look at, if any.
fn forward_start(vm: &mut Vm, from: Value, len: usize) -> JsResult<Option<usize>> {
    let n = vm.to_integer_or_infinity(from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    let k = if n >= 0.0 { n } else { (len as f64 + n).max(0.0) };
    Ok((k < len as f64).then_some(k as usize))
}

/// `%TypedArray%.prototype.includes(searchElement [, fromIndex])`.
pub(super) fn includes(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "includes")?;
    // 4. If len = 0, return false.
    if v.len == 0 {
        return Ok(Value::Bool(false));
    }
    let Some(start) = forward_start(vm, arg(args, 1), v.len)? else { return Ok(Value::Bool(false)) };
    // 11. SameValueZero(searchElement, ! Get(O, k)) (undefined past a shrink).
    let target = arg(args, 0);
    for k in start..v.len {
        let element = get(vm, v.o, k);
        if vm.same_value_zero(target, element) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `%TypedArray%.prototype.indexOf(searchElement [, fromIndex])`.
pub(super) fn index_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "indexOf")?;
    if v.len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let Some(start) = forward_start(vm, arg(args, 1), v.len)? else { return Ok(Value::Number(-1.0)) };
    // 11. Only present elements (HasProperty) compare, by IsStrictlyEqual.
    let target = arg(args, 0);
    for k in start..v.len {
        if !vm.is_valid_integer_index(v.o, k as f64) {
            continue;
        }
        let element = get(vm, v.o, k);
        if vm.is_strictly_equal(target, element) {
            return Ok(Value::Number(k as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

/// `%TypedArray%.prototype.lastIndexOf(searchElement [, fromIndex])`.
pub(super) fn last_index_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "lastIndexOf")?;
    // 4. If len = 0, return -1𝔽.
    if v.len == 0 {
        return Ok(Value::Number(-1.0));
    }
    // 5-6. n = ToIntegerOrInfinity(fromIndex) if present, else len - 1.
    let n = if args.len() > 1 { vm.to_integer_or_infinity(args[1])? } else { v.len as f64 - 1.0 };
    // 7. If n = -∞, return -1𝔽.
    if n == f64::NEG_INFINITY {
        return Ok(Value::Number(-1.0));
    }
    // 8-9. k = min(n, len - 1), or len + n.
    let k = if n >= 0.0 { n.min(v.len as f64 - 1.0) } else { v.len as f64 + n };
    if k < 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let target = arg(args, 0);
    // 10. Repeat, while k ≥ 0.
    for k in (0..=k as usize).rev() {
        if !vm.is_valid_integer_index(v.o, k as f64) {
            continue;
        }
        let element = get(vm, v.o, k);
        if vm.is_strictly_equal(target, element) {
            return Ok(Value::Number(k as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

/// FindViaPredicate over a validated typed array.
fn find_via(vm: &mut Vm, this: Value, args: &[Value], ascending: bool, method: &str) -> JsResult<Option<(u64, Value)>> {
    let v = validate(vm, this, method)?;
    find_via_predicate_in(vm, v.o, v.len as u64, args, ascending)
}

/// `%TypedArray%.prototype.find(predicate [, thisArg])`.
pub(super) fn find(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(find_via(vm, this, args, true, "find")?.map_or(Value::Undefined, |(_, v)| v))
}

/// `%TypedArray%.prototype.findIndex(predicate [, thisArg])`.
pub(super) fn find_index(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(find_via(vm, this, args, true, "findIndex")?.map_or(-1.0, |(k, _)| k as f64)))
}

/// `%TypedArray%.prototype.findLast(predicate [, thisArg])`.
pub(super) fn find_last(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(find_via(vm, this, args, false, "findLast")?.map_or(Value::Undefined, |(_, v)| v))
}

/// `%TypedArray%.prototype.findLastIndex(predicate [, thisArg])`.
pub(super) fn find_last_index(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(find_via(vm, this, args, false, "findLastIndex")?.map_or(-1.0, |(k, _)| k as f64)))
}
