//! The set algebra of `Set.prototype` (ECMAScript 2025 §24.2.4):
//! GetSetRecord (§24.2.1.2) and `union`, `intersection`, `difference`,
//! `symmetricDifference`, `isSubsetOf`, `isSupersetOf`, `isDisjointFrom`.
//!
//! `other` is any set-like object: only its `size`, `has` and `keys` are
//! used, in the order the specification gives. Walks over this Set go by
//! position in its pinned table, so callbacks that add entries have them
//! visited and callbacks that delete have them skipped.

use super::set::new_set;
use super::this_set;
use crate::builtins::support::{arg, get_iterator_from_method, iterator_step_value, key, IteratorRecord};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// A Set Record (§24.2.1.1).
#[derive(Clone, Copy)]
struct SetRecord {
    /// [[SetObject]]
    object: Obj,
    /// [[Size]] (an integer or +∞).
    size: f64,
    /// [[Has]]
    has: Value,
    /// [[Keys]]
    keys: Value,
}

/// GetSetRecord(obj) (§24.2.1.2).
fn get_set_record(vm: &mut Vm, obj: Value) -> JsResult<SetRecord> {
    // 1. If obj is not an Object, throw a TypeError exception.
    let Value::Object(o) = obj else { return vm.type_error("The argument must be a set-like object") };
    // 2. Let rawSize be ? Get(obj, "size").
    let size_key = key(vm, "size");
    let raw_size = vm.get_property(o, size_key)?;
    // 3. Let numSize be ? ToNumber(rawSize).
    let num_size = vm.to_number(raw_size)?;
    // 4. If numSize is NaN, throw a TypeError exception.
    if num_size.is_nan() {
        return vm.type_error("The 'size' of a set-like object must be a number");
    }
    // 5. Let intSize be ! ToIntegerOrInfinity(numSize).
    let size = spindle_vm::ops::int_conversions::to_integer_or_infinity(num_size);
    // 6. If intSize < 0, throw a RangeError exception.
    if size < 0.0 {
        return vm.range_error("The 'size' of a set-like object must not be negative");
    }
    // 7-8. Let has be ? Get(obj, "has"); it must be callable.
    let has_key = key(vm, "has");
    let has = vm.get_property(o, has_key)?;
    if !vm.is_callable(has) {
        return vm.type_error("The 'has' of a set-like object must be a function");
    }
    // 9-10. Let keys be ? Get(obj, "keys"); it must be callable.
    let keys_key = key(vm, "keys");
    let keys = vm.get_property(o, keys_key)?;
    if !vm.is_callable(keys) {
        return vm.type_error("The 'keys' of a set-like object must be a function");
    }
    // 11. Return the Set Record.
    Ok(SetRecord { object: o, size, has, keys })
}

/// GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
fn keys_iterator(vm: &mut Vm, rec: SetRecord) -> JsResult<IteratorRecord> {
    get_iterator_from_method(vm, Value::Object(rec.object), rec.keys)
}

/// ToBoolean(? Call(otherRec.[[Has]], otherRec.[[SetObject]], « e »)).
fn other_has(vm: &mut Vm, rec: SetRecord, e: Value) -> JsResult<bool> {
    let r = vm.call(rec.has, Value::Object(rec.object), &[e])?;
    Ok(vm.to_boolean(r))
}

/// IteratorClose(keysIter, NormalCompletion) (§7.4.11).
fn close(vm: &mut Vm, iter: IteratorRecord) -> JsResult<()> {
    let return_key = key(vm, "return");
    let Some(ret) = vm.get_method(iter.iterator, return_key)? else { return Ok(()) };
    let result = vm.call(ret, iter.iterator, &[])?;
    if !matches!(result, Value::Object(_)) {
        return vm.type_error("Iterator result is not an object");
    }
    Ok(())
}

/// A new Set holding a copy of the entries of Set `o`.
fn copy_of(vm: &mut Vm, o: Obj) -> Obj {
    let result = new_set(vm);
    let values: Vec<Value> = vm.heap.table(o).map(|t| t.iter().map(|e| e.key).collect()).unwrap_or_default();
    for v in values {
        vm.heap.table_set(result, v, Value::Undefined);
    }
    result
}

/// Calls `f` on each live value of Set `o` in order, by position (values
/// added meanwhile are visited), until it returns `Some`.
fn walk<T>(vm: &mut Vm, o: Obj, mut f: impl FnMut(&mut Vm, Value) -> JsResult<Option<T>>) -> JsResult<Option<T>> {
    vm.heap.pin_table(o);
    let mut index = 0;
    while let Some((at, e)) = vm.heap.table_next(o, index) {
        index = at + 1;
        if let Some(r) = f(vm, e.key)? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// `Set.prototype.union(other)` (§24.2.4.16).
pub(super) fn union(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. RequireInternalSlot(O, [[SetData]]).
    let o = this_set(vm, this, "union")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. Let keysIter be ? GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
    let iter = keys_iterator(vm, rec)?;
    // 5. Let resultSetData be a copy of O.[[SetData]].
    let result = copy_of(vm, o);
    // 6-7. Append each next value not yet in resultSetData.
    while let Some(next) = iterator_step_value(vm, iter)? {
        vm.heap.table_set(result, next, Value::Undefined);
    }
    // 8-10. Return the result.
    Ok(Value::Object(result))
}

/// `Set.prototype.intersection(other)` (§24.2.4.9).
pub(super) fn intersection(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_set(vm, this, "intersection")?;
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. Let resultSetData be a new empty List.
    let result = new_set(vm);
    // 5. If SetDataSize(O.[[SetData]]) ≤ otherRec.[[Size]], then
    if vm.heap.table_len(o) as f64 <= rec.size {
        // a-c. For each e of O.[[SetData]]: if otherRec.[[Has]](e), append e.
        walk(vm, o, |vm, e| {
            if other_has(vm, rec, e)? {
                vm.heap.table_set(result, e, Value::Undefined);
            }
            Ok(None::<()>)
        })?;
    } else {
        // 6. Else, for each next of otherRec's keys: if O has it, append it.
        let iter = keys_iterator(vm, rec)?;
        while let Some(next) = iterator_step_value(vm, iter)? {
            if vm.heap.table_has(o, next) {
                vm.heap.table_set(result, next, Value::Undefined);
            }
        }
    }
    Ok(Value::Object(result))
}

/// `Set.prototype.difference(other)` (§24.2.4.5).
pub(super) fn difference(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_set(vm, this, "difference")?;
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. Let resultSetData be a copy of O.[[SetData]].
    let result = copy_of(vm, o);
    // 5. If SetDataSize(O.[[SetData]]) ≤ otherRec.[[Size]], then
    if vm.heap.table_len(o) as f64 <= rec.size {
        // a-c. For each e of resultSetData: if otherRec.[[Has]](e), remove it.
        walk(vm, result, |vm, e| {
            if other_has(vm, rec, e)? {
                vm.heap.table_delete(result, e);
            }
            Ok(None::<()>)
        })?;
    } else {
        // 6. Else, remove each next of otherRec's keys from resultSetData.
        let iter = keys_iterator(vm, rec)?;
        while let Some(next) = iterator_step_value(vm, iter)? {
            vm.heap.table_delete(result, next);
        }
    }
    Ok(Value::Object(result))
}

/// `Set.prototype.symmetricDifference(other)` (§24.2.4.15).
pub(super) fn symmetric_difference(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_set(vm, this, "symmetricDifference")?;
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. Let keysIter be ? GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
    let iter = keys_iterator(vm, rec)?;
    // 5. Let resultSetData be a copy of O.[[SetData]].
    let result = copy_of(vm, o);
    // 6-7. For each next: in O → remove from the result; else → add to it.
    while let Some(next) = iterator_step_value(vm, iter)? {
        if vm.heap.table_has(o, next) {
            vm.heap.table_delete(result, next);
        } else {
            vm.heap.table_set(result, next, Value::Undefined);
        }
    }
    Ok(Value::Object(result))
}

/// `Set.prototype.isSubsetOf(other)` (§24.2.4.11).
pub(super) fn is_subset_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_set(vm, this, "isSubsetOf")?;
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. If SetDataSize(O.[[SetData]]) > otherRec.[[Size]], return false.
    if vm.heap.table_len(o) as f64 > rec.size {
        return Ok(Value::Bool(false));
    }
    // 5-7. Every e of O.[[SetData]] must be in other.
    let missing = walk(vm, o, |vm, e| Ok((!other_has(vm, rec, e)?).then_some(())))?;
    Ok(Value::Bool(missing.is_none()))
}

/// `Set.prototype.isSupersetOf(other)` (§24.2.4.12).
pub(super) fn is_superset_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_set(vm, this, "isSupersetOf")?;
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. If SetDataSize(O.[[SetData]]) < otherRec.[[Size]], return false.
    if (vm.heap.table_len(o) as f64) < rec.size {
        return Ok(Value::Bool(false));
    }
    // 5-7. Every key of other must be in O (closing the iterator at the first miss).
    let iter = keys_iterator(vm, rec)?;
    while let Some(next) = iterator_step_value(vm, iter)? {
        if !vm.heap.table_has(o, next) {
            close(vm, iter)?;
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// `Set.prototype.isDisjointFrom(other)` (§24.2.4.10).
pub(super) fn is_disjoint_from(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_set(vm, this, "isDisjointFrom")?;
    let rec = get_set_record(vm, arg(args, 0))?;
    // 4. If SetDataSize(O.[[SetData]]) ≤ otherRec.[[Size]], no e of O may be in other.
    if vm.heap.table_len(o) as f64 <= rec.size {
        let shared = walk(vm, o, |vm, e| Ok(other_has(vm, rec, e)?.then_some(())))?;
        return Ok(Value::Bool(shared.is_none()));
    }
    // 5. Else, no key of other may be in O (closing the iterator at the first hit).
    let iter = keys_iterator(vm, rec)?;
    while let Some(next) = iterator_step_value(vm, iter)? {
        if vm.heap.table_has(o, next) {
            close(vm, iter)?;
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
