//! `Array.prototype.sort` and `toSorted`: SortIndexedProperties and
//! CompareArrayElements (§23.1.3.30) over a stable merge sort whose
//! comparator may throw (the first error stops the sort and propagates).
//!
//! Without a comparator each value's string is computed once up front
//! (the order is the same; only the number of ToString calls differs,
//! which the specification leaves to the implementation).

use super::this_array_like;
use crate::builtins::support::{arg, get_if_present, get_index, index_key, set_index};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};
use std::cmp::Ordering;

/// The comparator of SortCompare: a user function or string order.
#[derive(Clone, Copy)]
enum Comparator {
    User(Value),
    Strings,
}

/// Step 1 of sort and toSorted: comparefn must be undefined or callable.
fn comparator(vm: &mut Vm, comparefn: Value) -> JsResult<Comparator> {
    match comparefn {
        Value::Undefined => Ok(Comparator::Strings),
        f if vm.is_callable(f) => Ok(Comparator::User(f)),
        _ => vm.type_error("The comparison function must be either a function or undefined"),
    }
}

/// Stable merge sort with a fallible comparison.
pub(crate) fn merge_sort<T: Copy>(items: &mut [T], cmp: &mut dyn FnMut(T, T) -> JsResult<Ordering>) -> JsResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // Insertion sort for short runs, then bottom-up merges.
    const RUN: usize = 16;
    for chunk in items.chunks_mut(RUN) {
        insertion_sort(chunk, cmp)?;
    }
    let mut buf: Vec<T> = items.to_vec();
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            merge(items, &mut buf, start, mid, end, cmp)?;
            start = end;
        }
        width *= 2;
    }
    Ok(())
}

fn insertion_sort<T: Copy>(items: &mut [T], cmp: &mut dyn FnMut(T, T) -> JsResult<Ordering>) -> JsResult<()> {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 {
            let (Some(&a), Some(&b)) = (items.get(j - 1), items.get(j)) else { break };
            if cmp(a, b)? != Ordering::Greater {
                break;
            }
            items.swap(j - 1, j);
            j -= 1;
        }
    }
    Ok(())
}

/// Merges the sorted runs `start..mid` and `mid..end` of `items`.
fn merge<T: Copy>(
    items: &mut [T],
    buf: &mut [T],
    start: usize,
    mid: usize,
    end: usize,
    cmp: &mut dyn FnMut(T, T) -> JsResult<Ordering>,
) -> JsResult<()> {
    let (Some(src), Some(dst)) = (items.get(start..end), buf.get_mut(start..end)) else { return Ok(()) };
    let (left, right) = src.split_at(mid - start);
    // Runs already in order (common in real data) need no merge.
    if let (Some(&l), Some(&r)) = (left.last(), right.first()) {
        if cmp(l, r)? != Ordering::Greater {
            return Ok(());
        }
    }
    let (mut i, mut j) = (0, 0);
    for slot in dst.iter_mut() {
        let take_left = match (left.get(i), right.get(j)) {
            (Some(&l), Some(&r)) => cmp(l, r)? != Ordering::Greater,
            (Some(_), None) => true,
            _ => false,
        };
        if take_left {
            if let Some(&l) = left.get(i) {
                *slot = l;
            }
            i += 1;
        } else {
            if let Some(&r) = right.get(j) {
                *slot = r;
            }
            j += 1;
        }
    }
    if let (Some(d), Some(s)) = (items.get_mut(start..end), buf.get(start..end)) {
        d.copy_from_slice(s);
    }
    Ok(())
}

/// Sorts `values` (no undefined among them) by SortCompare.
fn sort_values(vm: &mut Vm, values: &mut [Value], comparator: Comparator) -> JsResult<()> {
    match comparator {
        Comparator::User(f) => {
            // CompareArrayElements 4: ToNumber(Call(comparefn, undefined, « x, y »)), NaN → +0.
            let comparefn = vm.callback(f, Value::Undefined);
            let mut cmp = |x: Value, y: Value| -> JsResult<Ordering> {
                let v = vm.call_callback(&comparefn, &[x, y])?;
                let n = vm.to_number(v)?;
                Ok(n.partial_cmp(&0.0).unwrap_or(Ordering::Equal))
            };
            merge_sort(values, &mut cmp)
        }
        Comparator::Strings if values.len() < 2 => Ok(()),
        Comparator::Strings => {
            // CompareArrayElements 5-10: compare ToString(x) and ToString(y) by code units.
            let mut keyed: Vec<(spindle_vm::value::Str, Value)> = Vec::with_capacity(values.len());
            for &v in values.iter() {
                keyed.push((vm.to_string(v)?, v));
            }
            let heap = &vm.heap;
            keyed.sort_by(|a, b| heap.units(a.0).cmp(heap.units(b.0)));
            let sorted: Vec<Value> = keyed.into_iter().map(|(_, v)| v).collect();
            values.copy_from_slice(&sorted);
            Ok(())
        }
    }
}

/// Numbers only, no comparator: sort by the numbers' strings without
/// allocating heap strings.
fn sort_numbers_as_strings(values: &mut [Value]) -> bool {
    if !values.iter().all(|v| matches!(v, Value::Number(_))) {
        return false;
    }
    let mut keyed: Vec<(Vec<u16>, Value)> = values
        .iter()
        .map(|v| {
            let n = if let Value::Number(n) = v { *n } else { 0.0 };
            (spindle_vm::ops::number_to_string::number_to_string(n).encode_utf16().collect(), *v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    for (slot, (_, v)) in values.iter_mut().zip(keyed) {
        *slot = v;
    }
    true
}

/// SortIndexedProperties(obj, len, SortCompare, holes) (§23.1.3.30.1):
/// the sorted list (undefined values last).
fn sort_indexed_properties(vm: &mut Vm, o: Obj, len: u64, comparator: Comparator, skip_holes: bool) -> JsResult<Vec<Value>> {
    // 1-3. Read the values (skipping holes for sort).
    let mut items: Vec<Value> = Vec::with_capacity(len.min(1 << 20) as usize);
    let mut undefined_count = 0usize;
    for k in 0..len {
        let v = if skip_holes { get_if_present(vm, o, k)? } else { Some(get_index(vm, o, k)?) };
        match v {
            Some(Value::Undefined) => undefined_count += 1,
            Some(v) => items.push(v),
            None => {}
        }
    }
    // 4. Sort items using SortCompare (undefined compare greater than everything).
    let fast = matches!(comparator, Comparator::Strings) && sort_numbers_as_strings(&mut items);
    if !fast {
        sort_values(vm, &mut items, comparator)?;
    }
    items.extend(std::iter::repeat_n(Value::Undefined, undefined_count));
    Ok(items)
}

/// `Array.prototype.sort(comparefn)` (§23.1.3.30).
pub(super) fn sort(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If comparefn is not undefined and IsCallable(comparefn) is false, throw a TypeError.
    let comparator = comparator(vm, arg(args, 0))?;
    // 2-3. obj and len.
    let (o, len) = this_array_like(vm, this)?;
    // 4-5. sortedList = SortIndexedProperties(obj, len, SortCompare, skip-holes).
    let sorted = sort_indexed_properties(vm, o, len, comparator, true)?;
    // 6-8. Write the sorted values back.
    let count = sorted.len() as u64;
    for (j, v) in sorted.into_iter().enumerate() {
        set_index(vm, o, j as u64, v)?;
    }
    // 9-10. Delete the indices of the holes, now at the end.
    for j in count..len {
        let key = index_key(vm, j);
        vm.delete_property_or_throw(o, key)?;
    }
    Ok(Value::Object(o))
}

/// `Array.prototype.toSorted(comparefn)` (§23.1.3.34).
pub(super) fn to_sorted(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If comparefn is not undefined and IsCallable(comparefn) is false, throw a TypeError.
    let comparator = comparator(vm, arg(args, 0))?;
    // 2-3. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 4. Let A be ? ArrayCreate(len).
    if len > u64::from(u32::MAX) {
        return vm.range_error("Invalid array length");
    }
    // 5-7. sortedList = SortIndexedProperties(O, len, SortCompare, read-through-holes).
    let sorted = sort_indexed_properties(vm, o, len, comparator, false)?;
    // 8-9. A holds the sorted values.
    Ok(Value::Object(vm.create_array(&sorted)))
}
