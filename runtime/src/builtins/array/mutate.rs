//! `Array.prototype` methods that change the array in place: push, pop,
//! shift, unshift, splice, reverse, fill, copyWithin.
//!
//! push, pop, shift and reverse have fast paths for plain dense arrays
//! (extensible, default prototype chain without indexed properties),
//! where the spec's Set/Delete sequence cannot be observed.

use super::{this_array_like, Target, MAX_SAFE};
use crate::builtins::support::{
    arg, clamp_relative, get_if_present, index_key, plain_dense, relative_index, set_index, set_length,
};
use spindle_vm::object::Attributes;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// A plain dense array that is also extensible: element writes and
/// deletions anywhere below 2^32 - 1 are plain storage operations.
fn writable_dense(vm: &Vm, o: Obj) -> bool {
    plain_dense(vm, o).is_some() && vm.heap.object(o).extensible
}

/// Writes `values` over indices `start..` of a plain dense array
/// (`Value::Empty` deletes) and sets its length.
fn write_back(vm: &mut Vm, o: Obj, start: u32, values: &[Value], new_len: u32) {
    for (i, &v) in values.iter().enumerate() {
        vm.heap.define_raw(o, PropertyKey::Index(start + i as u32), v, Attributes::ALL);
    }
    let length = PropertyKey::Atom(vm.heap.names.length);
    vm.heap.define_raw(o, length, Value::Number(f64::from(new_len)), Attributes::WRITABLE);
}

/// Set(O, to, Get(O, from)) if `from` is present, else DeletePropertyOrThrow(O, to).
fn move_element(vm: &mut Vm, o: Obj, from: u64, to: u64) -> JsResult<()> {
    match get_if_present(vm, o, from)? {
        Some(v) => set_index(vm, o, to, v),
        None => {
            let key = index_key(vm, to);
            vm.delete_property_or_throw(o, key)
        }
    }
}

fn delete_index(vm: &mut Vm, o: Obj, k: u64) -> JsResult<()> {
    let key = index_key(vm, k);
    vm.delete_property_or_throw(o, key)
}

/// `Array.prototype.push(...items)` (§23.1.3.23).
pub(super) fn push(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // A plain dense array (whose length is its own data property, so
    // steps 1-2 have no effects) takes the elements in place.
    if let Value::Object(o) = this {
        if writable_dense(vm, o) && u64::from(vm.heap.array_length(o)) + (args.len() as u64) < u64::from(u32::MAX) {
            for &v in args {
                vm.heap.array_push_raw(o, v);
            }
            return Ok(Value::Number(f64::from(vm.heap.array_length(o))));
        }
    }
    // 1-2. O and len.
    let (o, mut len) = this_array_like(vm, this)?;
    // 3-4. If len + argCount > 2^53 - 1, throw a TypeError exception.
    if len + args.len() as u64 > MAX_SAFE {
        return vm.type_error("push: array is too long");
    }
    // 5. Set(O, len, E, true) for each E.
    for &v in args {
        set_index(vm, o, len, v)?;
        len += 1;
    }
    // 6-7. Set(O, "length", len, true); return len.
    set_length(vm, o, len)?;
    Ok(Value::Number(len as f64))
}

/// `Array.prototype.pop()` (§23.1.3.22).
pub(super) fn pop(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If len = 0: Set(O, "length", +0, true); return undefined.
    if len == 0 {
        set_length(vm, o, 0)?;
        return Ok(Value::Undefined);
    }
    // 4. Else: the element at len - 1, deleted, and the length decremented.
    let new_len = len - 1;
    if let Some(values) = plain_dense(vm, o) {
        let element = values.get(new_len as usize).copied().filter(|v| *v != Value::Empty).unwrap_or(Value::Undefined);
        write_back(vm, o, 0, &[], new_len as u32);
        return Ok(element);
    }
    let key = index_key(vm, new_len);
    let element = vm.get_property(o, key)?;
    vm.delete_property_or_throw(o, key)?;
    set_length(vm, o, new_len)?;
    Ok(element)
}

/// `Array.prototype.shift()` (§23.1.3.27).
pub(super) fn shift(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If len = 0: Set(O, "length", +0, true); return undefined.
    if len == 0 {
        set_length(vm, o, 0)?;
        return Ok(Value::Undefined);
    }
    if writable_dense(vm, o) {
        let values: Vec<Value> = plain_dense(vm, o).map(|v| v.to_vec()).unwrap_or_default();
        let first = values.first().copied().filter(|v| *v != Value::Empty).unwrap_or(Value::Undefined);
        let rest = values.get(1..).unwrap_or(&[]);
        write_back(vm, o, 0, rest, (len - 1) as u32);
        return Ok(first);
    }
    // 4. Let first be ? Get(O, "0").
    let first = vm.get_property(o, PropertyKey::Index(0))?;
    // 5-6. Move every element down by one.
    for k in 1..len {
        move_element(vm, o, k, k - 1)?;
    }
    // 7-8. Delete the last index and decrement the length.
    delete_index(vm, o, len - 1)?;
    set_length(vm, o, len - 1)?;
    Ok(first)
}

/// `Array.prototype.unshift(...items)` (§23.1.3.37).
pub(super) fn unshift(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. O, len, argCount.
    let (o, len) = this_array_like(vm, this)?;
    let count = args.len() as u64;
    // 4. If argCount > 0, then
    if count > 0 {
        // a. If len + argCount > 2^53 - 1, throw a TypeError exception.
        if len + count > MAX_SAFE {
            return vm.type_error("unshift: array is too long");
        }
        if writable_dense(vm, o) && len + count < u64::from(u32::MAX) {
            let mut values = args.to_vec();
            values.extend_from_slice(plain_dense(vm, o).unwrap_or(&[]));
            write_back(vm, o, 0, &values, (len + count) as u32);
            return Ok(Value::Number((len + count) as f64));
        }
        // b-c. Move the elements up by argCount, from the end.
        for k in (1..=len).rev() {
            move_element(vm, o, k - 1, k + count - 1)?;
        }
        // d-f. Write the items at the start.
        for (j, &v) in args.iter().enumerate() {
            set_index(vm, o, j as u64, v)?;
        }
    }
    // 5-6. Set(O, "length", len + argCount, true); return it.
    set_length(vm, o, len + count)?;
    Ok(Value::Number((len + count) as f64))
}

/// `Array.prototype.splice(start, deleteCount, ...items)` (§23.1.3.31).
pub(super) fn splice(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-6. actualStart.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let start = clamp_relative(rel, len);
    // 7. itemCount.
    let items = args.get(2..).unwrap_or(&[]);
    let item_count = items.len() as u64;
    // 8-10. actualDeleteCount.
    let delete_count = match args.len() {
        0 => 0,
        1 => len - start,
        _ => {
            let dc = vm.to_integer_or_infinity(arg(args, 1))?;
            dc.clamp(0.0, (len - start) as f64) as u64
        }
    };
    // 11. If len + itemCount - actualDeleteCount > 2^53 - 1, throw a TypeError exception.
    if len + item_count - delete_count > MAX_SAFE {
        return vm.type_error("splice: array is too long");
    }
    // 12. Let A be ? ArraySpeciesCreate(O, actualDeleteCount).
    let mut a = Target::species(vm, o, delete_count)?;
    // 13-14. Copy the deleted elements into A.
    for k in 0..delete_count {
        if let Some(v) = get_if_present(vm, o, start + k)? {
            a.put(vm, k, v)?;
        }
    }
    // 15. Perform ? Set(A, "length", 𝔽(actualDeleteCount), true).
    let a = a.finish(vm, Some(delete_count))?;
    // 16-18. Shift the tail to make room for the items (or close the gap).
    splice_shift(vm, o, len, start, delete_count, item_count)?;
    // 19-20. Write the items.
    for (i, &v) in items.iter().enumerate() {
        set_index(vm, o, start + i as u64, v)?;
    }
    // 21. Perform ? Set(O, "length", 𝔽(len - actualDeleteCount + itemCount), true).
    set_length(vm, o, len - delete_count + item_count)?;
    Ok(a)
}

/// splice steps 17-18: moves the elements after the deleted part.
fn splice_shift(vm: &mut Vm, o: Obj, len: u64, start: u64, delete_count: u64, item_count: u64) -> JsResult<()> {
    if item_count < delete_count {
        // 17.a-b. Move down from start.
        for k in start..len - delete_count {
            move_element(vm, o, k + delete_count, k + item_count)?;
        }
        // 17.c-d. Delete the now unused indices at the end.
        for k in ((len - delete_count + item_count)..len).rev() {
            delete_index(vm, o, k)?;
        }
    } else if item_count > delete_count {
        // 18. Move up from the end.
        for k in ((start + 1)..=(len - delete_count)).rev() {
            move_element(vm, o, k + delete_count - 1, k + item_count - 1)?;
        }
    }
    Ok(())
}

/// `Array.prototype.reverse()` (§23.1.3.26).
pub(super) fn reverse(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    if writable_dense(vm, o) {
        let mut values: Vec<Value> = plain_dense(vm, o).map(|v| v.to_vec()).unwrap_or_default();
        values.reverse();
        write_back(vm, o, 0, &values, len as u32);
        return Ok(Value::Object(o));
    }
    // 3-5. Swap lower and upper, moving holes too.
    let middle = len / 2;
    for lower in 0..middle {
        let upper = len - lower - 1;
        let lower_value = get_if_present(vm, o, lower)?;
        let upper_value = get_if_present(vm, o, upper)?;
        match (lower_value, upper_value) {
            (Some(l), Some(u)) => {
                set_index(vm, o, lower, u)?;
                set_index(vm, o, upper, l)?;
            }
            (None, Some(u)) => {
                set_index(vm, o, lower, u)?;
                delete_index(vm, o, upper)?;
            }
            (Some(l), None) => {
                delete_index(vm, o, lower)?;
                set_index(vm, o, upper, l)?;
            }
            (None, None) => {}
        }
    }
    Ok(Value::Object(o))
}

/// `Array.prototype.fill(value [, start [, end]])` (§23.1.3.7).
pub(super) fn fill(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-10. k and final.
    let k = relative_index(vm, arg(args, 1), len, 0)?;
    let fin = relative_index(vm, arg(args, 2), len, len)?;
    // 11. Set(O, k, value, true) for each k below final.
    for i in k..fin {
        set_index(vm, o, i, arg(args, 0))?;
    }
    Ok(Value::Object(o))
}

/// `Array.prototype.copyWithin(target, start [, end])` (§23.1.3.4).
pub(super) fn copy_within(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3-11. to, from, final.
    let mut to = relative_index(vm, arg(args, 0), len, 0)?;
    let mut from = relative_index(vm, arg(args, 1), len, 0)?;
    let fin = relative_index(vm, arg(args, 2), len, len)?;
    // 12. Let count be min(final - from, len - to).
    let count = fin.saturating_sub(from).min(len - to);
    // 13-14. Copy backwards when the ranges overlap that way.
    let backwards = from < to && to < from + count;
    if backwards {
        from += count - 1;
        to += count - 1;
    }
    // 15. Move count elements.
    for _ in 0..count {
        move_element(vm, o, from, to)?;
        if backwards {
            from = from.wrapping_sub(1);
            to = to.wrapping_sub(1);
        } else {
            from += 1;
            to += 1;
        }
    }
    Ok(Value::Object(o))
}
