//! `Array.prototype` methods that call a function for each element:
//! every, some, forEach, map, filter, reduce, reduceRight, and the
//! flattening pair flat / flatMap (FlattenIntoArray).

use super::{this_array_like, Target, MAX_SAFE};
use crate::builtins::support::{arg, get_if_present, require_callable, visit_present};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Calls `f(kValue, k, O)` with `this_arg` for each present element in
/// ascending order until `visit` returns `Some` (every, some, forEach).
fn each_present(
    vm: &mut Vm,
    this: Value,
    args: &[Value],
    mut visit: impl FnMut(&mut Vm, u64, Value, Value) -> Option<Value>,
) -> JsResult<Option<Value>> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If IsCallable(callbackfn) is false, throw a TypeError exception.
    let f = require_callable(vm, arg(args, 0), "callback")?;
    let callback = vm.callback(f, arg(args, 1));
    // 4-5. For each present index k: call, and let the caller decide.
    visit_present(vm, o, 0..len, |vm, k, k_value| {
        let result = vm.call_callback(&callback, &[k_value, Value::Number(k as f64), Value::Object(o)])?;
        Ok(visit(vm, k, k_value, result))
    })
}

/// `Array.prototype.every(callbackfn [, thisArg])` (§23.1.3.6).
pub(super) fn every(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let found = each_present(vm, this, args, |vm, _, _, r| (!vm.to_boolean(r)).then_some(Value::Bool(false)))?;
    Ok(found.unwrap_or(Value::Bool(true)))
}

/// `Array.prototype.some(callbackfn [, thisArg])` (§23.1.3.29).
pub(super) fn some(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let found = each_present(vm, this, args, |vm, _, _, r| vm.to_boolean(r).then_some(Value::Bool(true)))?;
    Ok(found.unwrap_or(Value::Bool(false)))
}

/// `Array.prototype.forEach(callbackfn [, thisArg])` (§23.1.3.15).
pub(super) fn for_each(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    each_present(vm, this, args, |_, _, _, _| None)?;
    Ok(Value::Undefined)
}

/// `Array.prototype.map(callbackfn [, thisArg])` (§23.1.3.21).
pub(super) fn map(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If IsCallable(callbackfn) is false, throw a TypeError exception.
    let f = require_callable(vm, arg(args, 0), "callback")?;
    let callback = vm.callback(f, arg(args, 1));
    // 4. Let A be ? ArraySpeciesCreate(O, len).
    let mut a = Target::species(vm, o, len)?;
    // 5-6. A[k] = callbackfn(kValue, k, O) for each present k.
    visit_present(vm, o, 0..len, |vm, k, k_value| {
        // Read by fields: the result was just stored in pieces.
        let mapped = vm.call_callback(&callback, &[k_value, Value::Number(k as f64), Value::Object(o)])?.fieldwise();
        a.put(vm, k, mapped).map(|()| None::<()>)
    })?;
    a.finish(vm, None)
}

/// `Array.prototype.filter(callbackfn [, thisArg])` (§23.1.3.8).
pub(super) fn filter(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If IsCallable(callbackfn) is false, throw a TypeError exception.
    let f = require_callable(vm, arg(args, 0), "callback")?;
    let callback = vm.callback(f, arg(args, 1));
    // 4. Let A be ? ArraySpeciesCreate(O, 0).
    let mut a = Target::species(vm, o, 0)?;
    // 5-7. Keep the elements for which callbackfn returns a truthy value.
    let mut to: u64 = 0;
    visit_present(vm, o, 0..len, |vm, k, k_value| {
        let selected = vm.call_callback(&callback, &[k_value, Value::Number(k as f64), Value::Object(o)])?;
        if vm.to_boolean(selected) {
            a.put(vm, to, k_value)?;
            to += 1;
        }
        Ok(None::<()>)
    })?;
    a.finish(vm, None)
}

/// The shared algorithm of reduce and reduceRight.
fn reduce_impl(vm: &mut Vm, this: Value, args: &[Value], ascending: bool) -> JsResult<Value> {
    // 1-2. O and len.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If IsCallable(callbackfn) is false, throw a TypeError exception.
    let f = require_callable(vm, arg(args, 0), "callback")?;
    // 4. If len = 0 and initialValue is not present, throw a TypeError exception.
    if len == 0 && args.len() < 2 {
        return vm.type_error("Reduce of empty array with no initial value");
    }
    let index = |i: u64| if ascending { i } else { len - 1 - i };
    let mut i: u64 = 0;
    // 6-8. The accumulator is initialValue, or the first present element.
    let mut acc = if args.len() >= 2 {
        arg(args, 1)
    } else {
        loop {
            if i >= len {
                return vm.type_error("Reduce of empty array with no initial value");
            }
            let found = get_if_present(vm, o, index(i))?;
            i += 1;
            if let Some(v) = found {
                break v;
            }
        }
    };
    // 9. accumulator = callbackfn(accumulator, kValue, k, O) for each present k.
    let callback = vm.callback(f, Value::Undefined);
    visit_present(vm, o, (i..len).map(index), |vm, k, k_value| {
        acc = vm.call_callback(&callback, &[acc, k_value, Value::Number(k as f64), Value::Object(o)])?.fieldwise();
        Ok(None::<()>)
    })?;
    Ok(acc)
}

/// `Array.prototype.reduce(callbackfn [, initialValue])` (§23.1.3.24).
pub(super) fn reduce(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    reduce_impl(vm, this, args, true)
}

/// `Array.prototype.reduceRight(callbackfn [, initialValue])` (§23.1.3.25).
pub(super) fn reduce_right(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    reduce_impl(vm, this, args, false)
}

/// Nesting of FlattenIntoArray beyond which a RangeError is thrown
/// instead of exhausting the Rust stack.
const MAX_FLATTEN_NESTING: u32 = 2000;

/// The mapper of flatMap.
type Mapper = Option<(Value, Value)>;

/// The fixed arguments of FlattenIntoArray: the target array, the next
/// target index and the optional mapper.
struct Flatten {
    target: Target,
    index: u64,
    mapper: Mapper,
}

/// FlattenIntoArray(target, source, sourceLen, start, depth [, mapper,
/// thisArg]) (§23.1.3.13.1); the mapper applies at the top level only.
fn flatten_into_array(vm: &mut Vm, st: &mut Flatten, source: Obj, source_len: u64, depth: f64, nesting: u32) -> JsResult<()> {
    if nesting > MAX_FLATTEN_NESTING {
        return vm.range_error("Maximum call stack size exceeded");
    }
    let mapper = if nesting == 0 { st.mapper } else { None };
    // 3-4. For each present source index.
    for source_index in 0..source_len {
        let Some(mut element) = get_if_present(vm, source, source_index)? else { continue };
        // ii. If mapperFunction is present, call it.
        if let Some((f, this_arg)) = mapper {
            element = vm.call(f, this_arg, &[element, Value::Number(source_index as f64), Value::Object(source)])?;
        }
        // iii-iv. shouldFlatten when depth > 0 and IsArray(element).
        let flatten = depth > 0.0 && vm.is_array(element)?;
        match element {
            Value::Object(e) if flatten => {
                // v. newDepth = depth - 1 (∞ stays ∞); recurse.
                let len = vm.length_of_array_like(e)?;
                flatten_into_array(vm, st, e, len, depth - 1.0, nesting + 1)?;
            }
            _ => {
                // vi. If targetIndex ≥ 2^53 - 1, throw a TypeError exception.
                if st.index >= MAX_SAFE {
                    return vm.type_error("flat: result is too long");
                }
                st.target.put(vm, st.index, element)?;
                st.index += 1;
            }
        }
    }
    Ok(())
}

/// `Array.prototype.flat([depth])` (§23.1.3.13).
pub(super) fn flat(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and sourceLen.
    let (o, len) = this_array_like(vm, this)?;
    // 3-4. depthNum is 1, or ToIntegerOrInfinity(depth) at least 0.
    let depth = match arg(args, 0) {
        Value::Undefined => 1.0,
        d => vm.to_integer_or_infinity(d)?.max(0.0),
    };
    // 5. Let A be ? ArraySpeciesCreate(O, 0).
    let target = Target::species(vm, o, 0)?;
    // 6. Perform ? FlattenIntoArray(A, O, sourceLen, 0, depthNum).
    let mut st = Flatten { target, index: 0, mapper: None };
    flatten_into_array(vm, &mut st, o, len, depth, 0)?;
    st.target.finish(vm, None)
}

/// `Array.prototype.flatMap(mapperFunction [, thisArg])` (§23.1.3.14).
pub(super) fn flat_map(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. O and sourceLen.
    let (o, len) = this_array_like(vm, this)?;
    // 3. If IsCallable(mapperFunction) is false, throw a TypeError exception.
    let f = require_callable(vm, arg(args, 0), "flatMap mapper")?;
    // 4. Let A be ? ArraySpeciesCreate(O, 0).
    let target = Target::species(vm, o, 0)?;
    // 5. Perform ? FlattenIntoArray(A, O, sourceLen, 0, 1, mapperFunction, thisArg).
    let mut st = Flatten { target, index: 0, mapper: Some((f, arg(args, 1))) };
    flatten_into_array(vm, &mut st, o, len, 1.0, 0)?;
    st.target.finish(vm, None)
}
