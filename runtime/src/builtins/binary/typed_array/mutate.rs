//! `%TypedArray%.prototype` methods that write elements: copyWithin,
//! fill, reverse, set (SetTypedArrayFromTypedArray /
//! SetTypedArrayFromArrayLike), sort and toSorted (with
//! CompareTypedArrayElements over the Array's merge sort).

use super::access::{get, put};
use super::{create_same_type, current_length, out_of_bounds, this_typed_array, validate};
use crate::builtins::array::sort::merge_sort;
use crate::builtins::support::{arg, index_key, relative_index};
use spindle_vm::object::{Decoded, TypedArrayData};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};
use std::cmp::Ordering;

/// `%TypedArray%.prototype.copyWithin(target, start [, end])` (§23.2.3.6).
pub(super) fn copy_within(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "copyWithin")?;
    let len = v.len as u64;
    // 4-9. targetIndex, startIndex, endIndex.
    let target = relative_index(vm, arg(args, 0), len, 0)?;
    let start = relative_index(vm, arg(args, 1), len, 0)?;
    let end = relative_index(vm, arg(args, 2), len, len)?;
    // 10. Let count be min(endIndex - startIndex, len - targetIndex).
    let count = end.saturating_sub(start).min(len - target) as usize;
    if count == 0 {
        return Ok(Value::Object(v.o));
    }
    // 11.c-e. Re-validate: the length may have changed.
    let Some(t) = vm.typed_array(v.o) else { return Ok(Value::Object(v.o)) };
    let Some(len) = vm.typed_array_length(&t) else { return out_of_bounds(vm, "copyWithin") };
    // 11.f-k. Byte positions and the limit of the view.
    let size = t.ty.size();
    let limit = len * size + t.byte_offset;
    let to = target as usize * size + t.byte_offset;
    let from = start as usize * size + t.byte_offset;
    let count_bytes = count * size;
    if let Some(bytes) = vm.array_buffer_mut(t.buffer).and_then(|b| b.bytes.as_mut()) {
        copy_bytes_within(bytes, from, to, count_bytes, limit);
    }
    Ok(Value::Object(v.o))
}

/// Steps 11.l-n of copyWithin: move `count` bytes from `from` to `to`
/// as if through a buffer, both ranges clamped to `limit` (what engines
/// and test262 do when user code shrank the buffer: the part that still
/// fits is copied, overlapping or not).
fn copy_bytes_within(bytes: &mut [u8], from: usize, to: usize, count: usize, limit: usize) {
    let limit = limit.min(bytes.len());
    if from >= limit || to >= limit {
        return;
    }
    let count = count.min(limit - from).min(limit - to);
    bytes.copy_within(from..from + count, to);
}

/// `%TypedArray%.prototype.fill(value [, start [, end]])` (§23.2.3.9).
pub(super) fn fill(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "fill")?;
    let len = v.len as u64;
    // 4. value = ? ToBigInt(value) or ? ToNumber(value).
    let e = vm.to_element_value(v.t.ty, arg(args, 0))?;
    // 5-8. startIndex and endIndex.
    let start = relative_index(vm, arg(args, 1), len, 0)?;
    let end = relative_index(vm, arg(args, 2), len, len)?;
    // 9-11. Re-validate and clamp endIndex to the current length.
    let Some(t) = vm.typed_array(v.o) else { return Ok(Value::Object(v.o)) };
    let Some(now) = vm.typed_array_length(&t) else { return out_of_bounds(vm, "fill") };
    let end = end.min(now as u64);
    // 12. ! Set(O, Pk, value, true) for each k.
    let size = t.ty.size();
    for k in start..end {
        vm.set_value_in_buffer(t.buffer, t.byte_offset + k as usize * size, t.ty, e, true);
    }
    Ok(Value::Object(v.o))
}

/// `%TypedArray%.prototype.reverse()` (§23.2.3.25).
pub(super) fn reverse(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "reverse")?;
    // 5-7. Swap lower and upper until they meet.
    let (mut lower, mut upper) = (0, v.len);
    while lower + 1 < upper {
        upper -= 1;
        let (a, b) = (get(vm, v.o, lower), get(vm, v.o, upper));
        put(vm, v.o, lower, b)?;
        put(vm, v.o, upper, a)?;
        lower += 1;
    }
    Ok(Value::Object(v.o))
}

/// `%TypedArray%.prototype.set(source [, offset])` (§23.2.3.26).
pub(super) fn set(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. RequireInternalSlot(target, [[TypedArrayName]]).
    let (target, _) = this_typed_array(vm, this, "set")?;
    // 4-5. targetOffset = ? ToIntegerOrInfinity(offset), not negative.
    let offset = vm.to_integer_or_infinity(arg(args, 1))?;
    if offset < 0.0 {
        return vm.range_error("offset is out of bounds");
    }
    // 6-7. From a typed array or from an array-like.
    let source = arg(args, 0);
    match source {
        Value::Object(s) if vm.typed_array(s).is_some() => set_from_typed_array(vm, target, offset, s)?,
        _ => set_from_array_like(vm, target, offset, source)?,
    }
    Ok(Value::Undefined)
}

/// The target's slots and length, or the TypeError of an out-of-bounds view.
fn target_record(vm: &mut Vm, target: Obj) -> JsResult<(TypedArrayData, usize)> {
    let t = vm.typed_array(target);
    match t.and_then(|t| vm.typed_array_length(&t).map(|len| (t, len))) {
        Some(r) => Ok(r),
        None => out_of_bounds(vm, "set"),
    }
}

/// SetTypedArrayFromTypedArray(target, targetOffset, source) (§23.2.3.26.2).
fn set_from_typed_array(vm: &mut Vm, target: Obj, offset: f64, source: Obj) -> JsResult<()> {
    // 1-4. The target's record and length.
    let (t, target_len) = target_record(vm, target)?;
    // 5-8. The source's record and length.
    let (s, src_len) = target_record(vm, source)?;
    // 15-16. It must fit.
    if offset == f64::INFINITY || src_len as f64 + offset > target_len as f64 {
        return vm.range_error("offset is out of bounds");
    }
    // 17. If target.[[ContentType]] is not source.[[ContentType]], throw a TypeError exception.
    if t.ty.is_bigint() != s.ty.is_bigint() {
        return vm.type_error("Cannot mix BigInt and other types, use explicit conversions");
    }
    // 19-24. Read every source element first (as CloneArrayBuffer does
    // for a shared buffer), then write them in order.
    let offset = offset as usize;
    if s.ty == t.ty {
        let n = src_len * s.ty.size();
        let bytes = vm.array_buffer(s.buffer).and_then(|b| b.bytes.as_ref()).map(|b| b[s.byte_offset..s.byte_offset + n].to_vec());
        let at = t.byte_offset + offset * t.ty.size();
        if let (Some(bytes), Some(to)) = (bytes, vm.array_buffer_mut(t.buffer).and_then(|b| b.bytes.as_mut())) {
            to[at..at + n].copy_from_slice(&bytes);
        }
        return Ok(());
    }
    let values: Vec<Decoded> = (0..src_len)
        .map(|k| {
            let raw = vm.array_buffer(s.buffer).and_then(|b| b.bytes.as_ref()).map(|b| &b[s.byte_offset + k * s.ty.size()..]);
            s.ty.decode(raw.unwrap_or(&[0; 8]), true)
        })
        .collect();
    for (k, d) in values.into_iter().enumerate() {
        let value = vm.decoded_value(d);
        let e = vm.to_element_value(t.ty, value)?;
        vm.set_value_in_buffer(t.buffer, t.byte_offset + (offset + k) * t.ty.size(), t.ty, e, true);
    }
    Ok(())
}

/// SetTypedArrayFromArrayLike(target, targetOffset, source) (§23.2.3.26.1).
fn set_from_array_like(vm: &mut Vm, target: Obj, offset: f64, source: Value) -> JsResult<()> {
    // 1-3. The target's record and length.
    let (_, target_len) = target_record(vm, target)?;
    // 4-5. src = ? ToObject(source); srcLength = ? LengthOfArrayLike(src).
    let src = vm.to_object(source)?;
    let src_len = vm.length_of_array_like(src)?;
    // 6-7. It must fit.
    if offset == f64::INFINITY || src_len as f64 + offset > target_len as f64 {
        return vm.range_error("offset is out of bounds");
    }
    // 8-9. ? TypedArraySetElement(target, targetOffset + k, ? Get(src, Pk)).
    for k in 0..src_len {
        let key = index_key(vm, k);
        let value = vm.get_property(src, key)?;
        vm.typed_array_set_element(target, offset + k as f64, value)?;
    }
    Ok(())
}

/// The comparator argument of sort and toSorted (step 1).
fn comparator(vm: &mut Vm, comparefn: Value) -> JsResult<Option<Value>> {
    match comparefn {
        Value::Undefined => Ok(None),
        f if vm.is_callable(f) => Ok(Some(f)),
        _ => vm.type_error("The comparison function must be either a function or undefined"),
    }
}

/// CompareTypedArrayElements(x, y, comparefn) (§23.2.4.7).
fn compare(vm: &mut Vm, x: Value, y: Value, comparefn: Option<Value>) -> JsResult<Ordering> {
    // 2. A comparator: ToNumber of its result, NaN as +0.
    if let Some(f) = comparefn {
        let r = vm.call(f, Value::Undefined, &[x, y])?;
        let n = vm.to_number(r)?;
        return Ok(n.partial_cmp(&0.0).unwrap_or(Ordering::Equal));
    }
    Ok(match (x, y) {
        (Value::BigInt(a), Value::BigInt(b)) => vm.heap.bigint(a).cmp(vm.heap.bigint(b)),
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        _ => Ordering::Equal,
    })
}

/// Steps 3-10 of CompareTypedArrayElements: NaN last, -0 before +0.
fn compare_numbers(x: f64, y: f64) -> Ordering {
    match (x.is_nan(), y.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ if x == 0.0 && y == 0.0 => y.is_sign_negative().cmp(&x.is_sign_negative()),
        _ => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
    }
}

/// SortIndexedProperties(obj, len, SortCompare, read-through-holes).
fn sorted_values(vm: &mut Vm, o: Obj, len: usize, comparefn: Option<Value>) -> JsResult<Vec<Value>> {
    let mut values: Vec<Value> = (0..len).map(|k| get(vm, o, k)).collect();
    merge_sort(&mut values, &mut |x, y| compare(vm, x, y, comparefn))?;
    Ok(values)
}

/// `%TypedArray%.prototype.sort(comparefn)` (§23.2.3.29).
pub(super) fn sort(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let comparefn = comparator(vm, arg(args, 0))?;
    let v = validate(vm, this, "sort")?;
    let sorted = sorted_values(vm, v.o, v.len, comparefn)?;
    // 7-8. Write back (a no-op past a shrink by the comparator).
    let now = current_length(vm, v.o).min(sorted.len());
    for (j, value) in sorted.into_iter().take(now).enumerate() {
        put(vm, v.o, j, value)?;
    }
    Ok(Value::Object(v.o))
}

/// `%TypedArray%.prototype.toSorted(comparefn)` (§23.2.3.34).
pub(super) fn to_sorted(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let comparefn = comparator(vm, arg(args, 0))?;
    let v = validate(vm, this, "toSorted")?;
    // 5. Let A be ? TypedArrayCreateSameType(O, len).
    let a = create_same_type(vm, &v, v.len)?;
    let sorted = sorted_values(vm, v.o, v.len, comparefn)?;
    for (j, value) in sorted.into_iter().enumerate() {
        put(vm, a.o, j, value)?;
    }
    Ok(Value::Object(a.o))
}
