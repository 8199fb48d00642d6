//! `Array.prototype` searches: includes, indexOf, lastIndexOf, find,
//! findIndex, findLast, findLastIndex.

use super::this_array_like;
use crate::builtins::support::{arg, get_if_present, get_index, plain_dense, require_callable};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// The start index of includes/indexOf from `fromIndex` (steps 4-10):
/// `None` when the search is empty.
fn forward_start(vm: &mut Vm, from: Value, len: u64) -> JsResult<Option<u64>> {
    // 4. Let n be ? ToIntegerOrInfinity(fromIndex).
    let n = vm.to_integer_or_infinity(from)?;
    // 6. If n = +∞, return false / -1.
    if n == f64::INFINITY {
        return Ok(None);
    }
    // 7-10. n ≥ 0: k = n; else k = max(len + n, 0).
    let k = if n >= 0.0 { n } else { (len as f64 + n).max(0.0) };
    Ok((k < len as f64).then_some(k as u64))
}

/// `Array.prototype.includes(searchElement [, fromIndex])` (§23.1.3.16).
pub(super) fn includes(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. O, len; an empty array includes nothing.
    let (o, len) = this_array_like(vm, this)?;
    if len == 0 {
        return Ok(Value::Bool(false));
    }
    let Some(start) = forward_start(vm, arg(args, 1), len)? else { return Ok(Value::Bool(false)) };
    let target = arg(args, 0);
    // 11. Repeat, while k < len: SameValueZero(searchElement, ? Get(O, k)).
    for k in start..len {
        let element = get_index(vm, o, k)?;
        if vm.same_value_zero(target, element) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `Array.prototype.indexOf(searchElement [, fromIndex])` (§23.1.3.17).
pub(super) fn index_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. O, len; -1 for an empty array.
    let (o, len) = this_array_like(vm, this)?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let Some(start) = forward_start(vm, arg(args, 1), len)? else { return Ok(Value::Number(-1.0)) };
    let target = arg(args, 0);
    if let Some(found) = dense_index_of(vm, o, target, start..len) {
        return Ok(Value::Number(found));
    }
    // 11. Repeat: present elements that are IsStrictlyEqual to searchElement.
    for k in start..len {
        if let Some(element) = get_if_present(vm, o, k)? {
            if vm.is_strictly_equal(target, element) {
                return Ok(Value::Number(k as f64));
            }
        }
    }
    Ok(Value::Number(-1.0))
}

/// indexOf over a plain dense array without calls: the index, or -1.
fn dense_index_of(vm: &Vm, o: Obj, target: Value, range: std::ops::Range<u64>) -> Option<f64> {
    let values = plain_dense(vm, o)?;
    if values.len() as u64 != range.end {
        return None;
    }
    let found = values
        .iter()
        .enumerate()
        .skip(range.start as usize)
        .find(|(_, v)| **v != Value::Empty && vm.is_strictly_equal(target, **v));
    Some(found.map_or(-1.0, |(i, _)| i as f64))
}

/// `Array.prototype.lastIndexOf(searchElement [, fromIndex])` (§23.1.3.20).
pub(super) fn last_index_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. O, len; -1 for an empty array.
    let (o, len) = this_array_like(vm, this)?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    // 4-5. n is ToIntegerOrInfinity(fromIndex) if present, else len - 1.
    let n = if args.len() > 1 { vm.to_integer_or_infinity(arg(args, 1))? } else { len as f64 - 1.0 };
    // 6. If n = -∞, return -1.
    if n == f64::NEG_INFINITY {
        return Ok(Value::Number(-1.0));
    }
    // 7-8. k = min(n, len - 1), or len + n.
    let k = if n >= 0.0 { n.min(len as f64 - 1.0) } else { len as f64 + n };
    if k < 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let target = arg(args, 0);
    // 9. Repeat, while k ≥ 0.
    for k in (0..=k as u64).rev() {
        if let Some(element) = get_if_present(vm, o, k)? {
            if vm.is_strictly_equal(target, element) {
                return Ok(Value::Number(k as f64));
            }
        }
    }
    Ok(Value::Number(-1.0))
}

/// FindViaPredicate(O, len, direction, predicate, thisArg) (§23.1.3.12.1):
/// the index and value found, if any.
fn find_via_predicate(vm: &mut Vm, this: Value, args: &[Value], ascending: bool) -> JsResult<Option<(u64, Value)>> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    find_via_predicate_in(vm, o, len, args, ascending)
}

/// FindViaPredicate itself, given O and len (shared with the typed
/// arrays, whose len comes from their buffer witness record).
pub(crate) fn find_via_predicate_in(vm: &mut Vm, o: Obj, len: u64, args: &[Value], ascending: bool) -> JsResult<Option<(u64, Value)>> {
    // 3 (of the caller's algorithm). If IsCallable(predicate) is false, throw a TypeError.
    let predicate = require_callable(vm, arg(args, 0), "predicate")?;
    let callback = vm.callback(predicate, arg(args, 1));
    // 4-5. Visit every index in the direction, holes included.
    for i in 0..len {
        let k = if ascending { i } else { len - 1 - i };
        let value = get_index(vm, o, k)?;
        let result = vm.call_callback(&callback, &[value, Value::Number(k as f64), Value::Object(o)])?;
        if vm.to_boolean(result) {
            return Ok(Some((k, value)));
        }
    }
    Ok(None)
}

/// `Array.prototype.find(predicate [, thisArg])` (§23.1.3.9).
pub(super) fn find(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(find_via_predicate(vm, this, args, true)?.map_or(Value::Undefined, |(_, v)| v))
}

/// `Array.prototype.findIndex(predicate [, thisArg])` (§23.1.3.10).
pub(super) fn find_index(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(find_via_predicate(vm, this, args, true)?.map_or(-1.0, |(k, _)| k as f64)))
}

/// `Array.prototype.findLast(predicate [, thisArg])` (§23.1.3.11).
pub(super) fn find_last(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(find_via_predicate(vm, this, args, false)?.map_or(Value::Undefined, |(_, v)| v))
}

/// `Array.prototype.findLastIndex(predicate [, thisArg])` (§23.1.3.12).
pub(super) fn find_last_index(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(find_via_predicate(vm, this, args, false)?.map_or(-1.0, |(k, _)| k as f64)))
}
