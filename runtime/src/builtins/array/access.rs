//! `Array.prototype` methods that read an array and build a new value:
//! at, concat, join, toString, toLocaleString, slice, with, toReversed,
//! toSpliced.

use super::{this_array_like, Target, MAX_SAFE};
use crate::builtins::support::{arg, clamp_relative, get_if_present, get_index, plain_dense, relative_index};
use spindle_vm::object::ObjectKind;
use spindle_vm::ops::number_to_string::number_to_string;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// `Array.prototype.at(index)` (§23.1.3.1).
pub(super) fn at(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-5. relativeIndex; k counts from the end when negative.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len as f64 + rel };
    // 6. If k < 0 or k ≥ len, return undefined.
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::Undefined);
    }
    // 7. Return ? Get(O, ! ToString(𝔽(k))).
    get_index(vm, o, k as u64)
}

/// IsConcatSpreadable(O) (§23.1.3.2.1).
fn is_concat_spreadable(vm: &mut Vm, v: Value) -> JsResult<bool> {
    // 1. If O is not an Object, return false.
    let Value::Object(o) = v else { return Ok(false) };
    // 2-3. Let spreadable be ? Get(O, @@isConcatSpreadable); if not undefined, ToBoolean.
    let spreadable = vm.get_property(o, PropertyKey::Symbol(vm.heap.well_known.is_concat_spreadable))?;
    if spreadable != Value::Undefined {
        return Ok(vm.to_boolean(spreadable));
    }
    // 4. Return ? IsArray(O).
    vm.is_array(v)
}

/// `Array.prototype.concat(...items)` (§23.1.3.2).
pub(super) fn concat(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = vm.to_object(this)?;
    // 2. Let A be ? ArraySpeciesCreate(O, 0).
    let mut a = Target::species(vm, o, 0)?;
    // 3. Let n be 0.
    let mut n: u64 = 0;
    // 4-5. For each element E of « O » followed by items:
    for e in std::iter::once(Value::Object(o)).chain(args.iter().copied()) {
        if is_concat_spreadable(vm, e)? {
            let Value::Object(eo) = e else { continue };
            // ii. Let len be ? LengthOfArrayLike(E).
            let len = vm.length_of_array_like(eo)?;
            // iii. If n + len > 2^53 - 1, throw a TypeError exception.
            if n + len > MAX_SAFE {
                return vm.type_error("concat: result is too long");
            }
            // iv. Copy each present element.
            for k in 0..len {
                if let Some(v) = get_if_present(vm, eo, k)? {
                    a.put(vm, n, v)?;
                }
                n += 1;
            }
        } else {
            // c. If n ≥ 2^53 - 1, throw a TypeError exception.
            if n >= MAX_SAFE {
                return vm.type_error("concat: result is too long");
            }
            a.put(vm, n, e)?;
            n += 1;
        }
    }
    // 6. Perform ? Set(A, "length", 𝔽(n), true).
    a.finish(vm, Some(n))
}

/// Appends ToString(element) to `out` (empty for undefined and null), the
/// loop body of `join`.
fn append_element(vm: &mut Vm, out: &mut Vec<u16>, element: Value) -> JsResult<()> {
    match element {
        Value::Undefined | Value::Null | Value::Empty => {}
        Value::String(s) => out.extend_from_slice(vm.heap.units(s)),
        Value::Number(n) => out.extend(number_to_string(n).encode_utf16()),
        other => {
            let s = vm.to_string(other)?;
            out.extend_from_slice(vm.heap.units(s));
        }
    }
    Ok(())
}

/// `Array.prototype.join(separator)` (§23.1.3.18).
pub(super) fn join(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-4. sep is "," when separator is undefined, else ToString(separator).
    let sep: Vec<u16> = match arg(args, 0) {
        Value::Undefined => vec![u16::from(b',')],
        s => {
            let s = vm.to_string(s)?;
            vm.heap.units(s).to_vec()
        }
    };
    // 5-7. R is the elements' strings joined by sep.
    let mut out: Vec<u16> = Vec::new();
    for k in 0..len {
        if k > 0 {
            out.extend_from_slice(&sep);
        }
        let element = get_index(vm, o, k)?;
        append_element(vm, &mut out, element)?;
    }
    Ok(Value::String(vm.heap.alloc_string(out)))
}

/// `Array.prototype.toString()` (§23.1.3.36).
pub(super) fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let array be ? ToObject(this value).
    let array = vm.to_object(this)?;
    // 2. Let func be ? Get(array, "join").
    let join_key = vm.heap.key_from_str("join");
    let func = vm.get_property(array, join_key)?;
    // 3. If IsCallable(func) is false, set func to %Object.prototype.toString%.
    if vm.is_callable(func) {
        return vm.call(func, Value::Object(array), &[]);
    }
    match vm.realm.intrinsic("%Object.prototype.toString%") {
        Some(f) => vm.call(Value::Object(f), Value::Object(array), &[]),
        None => object_to_string_fallback(vm, array),
    }
}

/// `Object.prototype.toString` for when it is not installed (yet).
fn object_to_string_fallback(vm: &mut Vm, o: Obj) -> JsResult<Value> {
    let tag_key = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    let tag = vm.get_property(o, tag_key)?;
    let builtin = match vm.heap.object(o).kind {
        ObjectKind::Array => "Array",
        ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => "Function",
        ObjectKind::Error => "Error",
        _ => "Object",
    };
    let name = match tag {
        Value::String(s) => vm.heap.to_rust_string(s),
        _ => builtin.to_owned(),
    };
    Ok(vm.string(&format!("[object {name}]")))
}

/// `Array.prototype.toLocaleString()` (§23.1.3.32), with "," as the
/// list separator.
pub(super) fn to_locale_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. array and len.
    let (array, len) = this_array_like(vm, this)?;
    let method = vm.heap.key_from_str("toLocaleString");
    // 3-6. Each element's Invoke(element, "toLocaleString") joined by the separator.
    let mut out: Vec<u16> = Vec::new();
    for k in 0..len {
        if k > 0 {
            out.push(u16::from(b','));
        }
        let element = get_index(vm, array, k)?;
        if !element.is_nullish() {
            let s = vm.invoke(element, method, &[])?;
            let s = vm.to_string(s)?;
            out.extend_from_slice(vm.heap.units(s));
        }
    }
    Ok(Value::String(vm.heap.alloc_string(out)))
}

/// `Array.prototype.slice(start, end)` (§23.1.3.28).
pub(super) fn slice(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-8. k and final from the relative start and end.
    let mut k = relative_index(vm, arg(args, 0), len, 0)?;
    let fin = relative_index(vm, arg(args, 1), len, len)?;
    // 9. Let count be max(final - k, 0).
    let count = fin.saturating_sub(k);
    // 10. Let A be ? ArraySpeciesCreate(O, count).
    let mut a = Target::species(vm, o, count)?;
    if let Target::Fresh(values, _) = &mut a {
        // A plain dense source is copied in one go (holes stay holes).
        if let Some(src) = plain_dense(vm, o).and_then(|v| v.get(k as usize..fin as usize)) {
            values.extend_from_slice(src);
            return a.finish(vm, Some(count));
        }
    }
    // 11-14. Copy the present elements.
    let mut n: u64 = 0;
    while k < fin {
        if let Some(v) = get_if_present(vm, o, k)? {
            a.put(vm, n, v)?;
        }
        k += 1;
        n += 1;
    }
    // 15. Perform ? Set(A, "length", 𝔽(n), true).
    a.finish(vm, Some(n))
}

/// Reads `count` values of `o` from index `from` (Get, holes read through
/// the prototype chain) into `out`.
fn read_range(vm: &mut Vm, o: Obj, from: u64, count: u64, out: &mut Vec<Value>) -> JsResult<()> {
    for k in from..from + count {
        let v = get_index(vm, o, k)?;
        out.push(v);
    }
    Ok(())
}

/// ArrayCreate(len) for the copying methods, checked before any element is read.
fn check_create_length(vm: &mut Vm, len: u64) -> JsResult<()> {
    if len > u64::from(u32::MAX) {
        return vm.range_error("Invalid array length");
    }
    Ok(())
}

/// `Array.prototype.with(index, value)` (§23.1.3.39).
pub(super) fn with(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-5. relativeIndex and actualIndex.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    // 6. If actualIndex ≥ len or actualIndex < 0, throw a RangeError exception.
    if actual >= len as f64 || actual < 0.0 {
        return vm.range_error("Invalid index");
    }
    // 7. Let A be ? ArrayCreate(len).
    check_create_length(vm, len)?;
    // 8-9. Each element, the value at actualIndex.
    let mut values = Vec::with_capacity(len.min(1 << 16) as usize);
    for k in 0..len {
        let v = if k as f64 == actual { arg(args, 1) } else { get_index(vm, o, k)? };
        values.push(v);
    }
    Ok(Value::Object(vm.create_array(&values)))
}

/// `Array.prototype.toReversed()` (§23.1.3.33).
pub(super) fn to_reversed(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. Let A be ? ArrayCreate(len).
    check_create_length(vm, len)?;
    // 4-5. A[k] = O[len - k - 1].
    let mut values = Vec::with_capacity(len.min(1 << 16) as usize);
    for k in 0..len {
        let v = get_index(vm, o, len - k - 1)?;
        values.push(v);
    }
    Ok(Value::Object(vm.create_array(&values)))
}

/// `Array.prototype.toSpliced(start, skipCount, ...items)` (§23.1.3.35).
pub(super) fn to_spliced(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-6. actualStart.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let start = clamp_relative(rel, len);
    // 7. Let insertCount be the number of elements in items.
    let items = args.get(2..).unwrap_or(&[]);
    // 8-10. actualSkipCount.
    let skip = match args.len() {
        0 => 0,
        1 => len - start,
        _ => {
            let sc = vm.to_integer_or_infinity(arg(args, 1))?;
            sc.clamp(0.0, (len - start) as f64) as u64
        }
    };
    // 11-12. newLen must be at most 2^53 - 1.
    let new_len = len + items.len() as u64 - skip;
    if new_len > MAX_SAFE {
        return vm.type_error("toSpliced: result is too long");
    }
    // 13. Let A be ? ArrayCreate(newLen).
    check_create_length(vm, new_len)?;
    // 14-18. The prefix, the items, then the rest after the skipped part.
    let mut values = Vec::with_capacity(new_len.min(1 << 16) as usize);
    read_range(vm, o, 0, start, &mut values)?;
    values.extend_from_slice(items);
    let rest = new_len - values.len() as u64;
    read_range(vm, o, start + skip, rest, &mut values)?;
    Ok(Value::Object(vm.create_array(&values)))
}
