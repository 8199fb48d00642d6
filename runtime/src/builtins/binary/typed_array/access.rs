//! `%TypedArray%.prototype` methods that read elements or make new
//! arrays from them: at, join, toLocaleString, slice, subarray,
//! toReversed, with.
//!
//! Element reads are `! Get(O, k)`, i.e. TypedArrayGetElement: after user
//! code shrank or detached the buffer they yield undefined, never fail.

use super::{create_same_type, species_create, this_typed_array, validate};
use crate::builtins::support::{arg, relative_index};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// `! Get(O, k)` on a typed array.
pub(super) fn get(vm: &mut Vm, o: Obj, k: usize) -> Value {
    vm.typed_array_get_element(o, k as f64)
}

/// `? Set(O, k, v, true)` on a typed array (always succeeds).
pub(super) fn put(vm: &mut Vm, o: Obj, k: usize, v: Value) -> JsResult<()> {
    vm.typed_array_set_element(o, k as f64, v)
}

/// `%TypedArray%.prototype.at(index)` (§23.2.3.1).
pub(super) fn at(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "at")?;
    // 4-6. relativeIndex, counted from the end when negative.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { v.len as f64 + rel };
    // 7. If k < 0 or k ≥ len, return undefined. 8. Return ! Get(O, k).
    if k < 0.0 || k >= v.len as f64 {
        return Ok(Value::Undefined);
    }
    Ok(get(vm, v.o, k as usize))
}

/// `%TypedArray%.prototype.join(separator)` (§23.2.3.18).
pub(super) fn join(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "join")?;
    // 4-5. sep is "," or ? ToString(separator).
    let sep: Vec<u16> = match arg(args, 0) {
        Value::Undefined => vec![u16::from(b',')],
        s => {
            let s = vm.to_string(s)?;
            vm.heap.units(s).to_vec()
        }
    };
    // 7-8. Each element's string (undefined, after a shrink, is empty).
    let mut out: Vec<u16> = Vec::new();
    for k in 0..v.len {
        if k > 0 {
            out.extend_from_slice(&sep);
        }
        let element = get(vm, v.o, k);
        if element != Value::Undefined {
            let s = vm.to_string(element)?;
            out.extend_from_slice(vm.heap.units(s));
        }
    }
    Ok(Value::String(vm.heap.alloc_string(out)))
}

/// `%TypedArray%.prototype.toLocaleString()` (§23.2.3.31): the steps of
/// Array.prototype.toLocaleString over the validated length.
pub(super) fn to_locale_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "toLocaleString")?;
    let method = vm.heap.key_from_str("toLocaleString");
    let mut out: Vec<u16> = Vec::new();
    for k in 0..v.len {
        if k > 0 {
            out.push(u16::from(b','));
        }
        let element = get(vm, v.o, k);
        if !element.is_nullish() {
            let r = vm.invoke(element, method, &[])?;
            let s = vm.to_string(r)?;
            out.extend_from_slice(vm.heap.units(s));
        }
    }
    Ok(Value::String(vm.heap.alloc_string(out)))
}

/// `%TypedArray%.prototype.slice(start, end)` (§23.2.3.27).
pub(super) fn slice(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "slice")?;
    let len = v.len as u64;
    // 4-7. startIndex and endIndex.
    let start = relative_index(vm, arg(args, 0), len, 0)?;
    let mut end = relative_index(vm, arg(args, 1), len, len)?;
    // 8-9. A = ? TypedArraySpeciesCreate(O, « 𝔽(countBytes) »).
    let count = end.saturating_sub(start);
    let a = species_create(vm, &v, &[Value::Number(count as f64)])?;
    if count == 0 {
        return Ok(Value::Object(a.o));
    }
    // 10.a-d. Re-validate O and clamp to its current length.
    let Some(t) = vm.typed_array(v.o) else { return Ok(Value::Object(a.o)) };
    let Some(now) = vm.typed_array_length(&t) else {
        return vm.type_error("Cannot perform %TypedArray%.prototype.slice on a detached or out-of-bounds ArrayBuffer");
    };
    end = end.min(now as u64);
    let count = end.saturating_sub(start) as usize;
    let start = start as usize;
    if a.t.ty == t.ty {
        // f. The same type: copy the bytes in order, one at a time.
        let size = t.ty.size();
        let (from, to) = (t.byte_offset + start * size, a.t.byte_offset);
        vm.copy_buffer_bytes(t.buffer, from, a.t.buffer, to, count * size);
    } else {
        // g. Otherwise element by element through Get and Set.
        for n in 0..count {
            let value = get(vm, v.o, start + n);
            put(vm, a.o, n, value)?;
        }
    }
    Ok(Value::Object(a.o))
}

/// `%TypedArray%.prototype.subarray(start, end)` (§23.2.3.28).
pub(super) fn subarray(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. RequireInternalSlot(O, [[TypedArrayName]]) (out of bounds is allowed).
    let (o, t) = this_typed_array(vm, this, "subarray")?;
    // 5-6. srcLength: 0 when out of bounds.
    let src_len = vm.typed_array_length(&t).unwrap_or(0) as u64;
    // 7-10. startIndex.
    let start = relative_index(vm, arg(args, 0), src_len, 0)?;
    // 11-13. beginByteOffset = srcByteOffset + startIndex × elementSize.
    let begin = t.byte_offset as u64 + start * t.ty.size() as u64;
    let buffer = Value::Object(t.buffer);
    let end = arg(args, 1);
    // 14-15. A length-tracking view stays one when end is undefined.
    let list = if t.length.is_none() && end == Value::Undefined {
        vec![buffer, Value::Number(begin as f64)]
    } else {
        let end = relative_index(vm, end, src_len, src_len)?;
        let new_len = end.saturating_sub(start);
        vec![buffer, Value::Number(begin as f64), Value::Number(new_len as f64)]
    };
    // 16. Return ? TypedArraySpeciesCreate(O, argumentsList).
    let exemplar = super::Validated { o, t, len: src_len as usize };
    Ok(Value::Object(species_create(vm, &exemplar, &list)?.o))
}

/// `%TypedArray%.prototype.toReversed()` (§23.2.3.33).
pub(super) fn to_reversed(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "toReversed")?;
    // 4. Let A be ? TypedArrayCreateSameType(O, len).
    let a = create_same_type(vm, &v, v.len)?;
    // 5-6. A[k] = O[len - k - 1].
    for k in 0..v.len {
        let value = get(vm, v.o, v.len - k - 1);
        put(vm, a.o, k, value)?;
    }
    Ok(Value::Object(a.o))
}

/// `%TypedArray%.prototype.with(index, value)` (§23.2.3.35).
pub(super) fn with(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let v = validate(vm, this, "with")?;
    // 4-6. actualIndex, counted from the end when negative.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { v.len as f64 + rel };
    // 7. numericValue = ? ToBigInt(value) or ? ToNumber(value).
    let value = arg(args, 1);
    let numeric = if v.t.ty.is_bigint() { Value::BigInt(vm.to_bigint(value)?) } else { Value::Number(vm.to_number(value)?) };
    // 8. If IsValidIntegerIndex(O, 𝔽(actualIndex)) is false, throw a RangeError exception.
    if !vm.is_valid_integer_index(v.o, actual) {
        return vm.range_error("Invalid typed array index");
    }
    // 9. Let A be ? TypedArrayCreateSameType(O, len).
    let a = create_same_type(vm, &v, v.len)?;
    // 10-11. Copy, with numericValue at actualIndex.
    for k in 0..v.len {
        let from = if k as f64 == actual { numeric } else { get(vm, v.o, k) };
        put(vm, a.o, k, from)?;
    }
    Ok(Value::Object(a.o))
}

