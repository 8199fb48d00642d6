//! `Iterator.prototype.chunks` and `windows` (the iterator-chunking
//! proposal, which test262 covers): helpers yielding arrays of
//! consecutive values, as `HelperOp::Chunks` / `HelperOp::Windows` steps
//! of the helper state machine in `helpers`.

use super::helpers::{create_from, record, slots};
use super::{close_with_error, get_iterator_direct, this_iterator};
use crate::builtins::support::{arg, iterator_step_value, IteratorRecord};
use spindle_vm::object::{GeneratorState, HelperOp, IteratorHelper};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Steps 4-6 shared by both: `size` is an integral Number in 1 ..= 2^32 - 1
/// (no coercion), else the receiver is closed with a TypeError or RangeError.
fn validate_size(vm: &mut Vm, iterated: IteratorRecord, size: Value, name: &str) -> JsResult<f64> {
    // 4-5. If size is not an integral Number, throw a TypeError (closing).
    let Value::Number(n) = size else {
        return close_with_error(vm, iterated, ErrorKind::TypeError, &format!("{name}: the size must be a number"));
    };
    if !n.is_finite() || n.trunc() != n {
        return close_with_error(vm, iterated, ErrorKind::TypeError, &format!("{name}: the size must be an integer"));
    }
    // 6. If size is not in 1𝔽 ..= 𝔽(2^32 - 1), throw a RangeError (closing).
    if !(1.0..=f64::from(u32::MAX)).contains(&n) {
        return close_with_error(vm, iterated, ErrorKind::RangeError, &format!("{name}: the size is out of range"));
    }
    Ok(n)
}

fn helper(op: HelperOp, underlying: IteratorRecord, size: f64, allow_partial: bool) -> IteratorHelper {
    IteratorHelper {
        op,
        state: GeneratorState::SuspendedStart,
        underlying: slots(underlying),
        function: Value::Undefined,
        counter: size,
        inner: None,
        buffer: Vec::new(),
        allow_partial,
        exhausted: false,
    }
}

/// `Iterator.prototype.chunks(chunkSize)`.
pub(super) fn chunks(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. O must be an Object; iterated = { O, undefined }.
    let iterated = this_iterator(vm, this, "chunks")?;
    // 4-6. Validate chunkSize.
    let size = validate_size(vm, iterated, arg(args, 0), "chunks")?;
    // 7. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(vm, this)?;
    Ok(create_from(vm, helper(HelperOp::Chunks, iterated, size, false)))
}

/// `Iterator.prototype.windows(windowSize [, undersized])`.
pub(super) fn windows(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let iterated = this_iterator(vm, this, "windows")?;
    // 4-6. Validate windowSize.
    let size = validate_size(vm, iterated, arg(args, 0), "windows")?;
    // 7-8. undersized is undefined ("only-full"), "only-full" or "allow-partial".
    let allow_partial = match arg(args, 1) {
        Value::Undefined => false,
        Value::String(s) => match vm.heap.to_rust_string(s).as_str() {
            "only-full" => false,
            "allow-partial" => true,
            _ => return close_with_error(vm, iterated, ErrorKind::TypeError, "windows: undersized must be 'only-full' or 'allow-partial'"),
        },
        _ => return close_with_error(vm, iterated, ErrorKind::TypeError, "windows: undersized must be 'only-full' or 'allow-partial'"),
    };
    // 9. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(vm, this)?;
    Ok(create_from(vm, helper(HelperOp::Windows, iterated, size, allow_partial)))
}

/// One resumption of `chunks`' closure: the next full chunk, or the last
/// partial one once the underlying iterator is done.
pub(super) fn chunks_step(vm: &mut Vm, h: &mut IteratorHelper) -> JsResult<Option<Value>> {
    if h.exhausted {
        return Ok(None);
    }
    let underlying = record(h.underlying);
    let mut buffer = Vec::new();
    loop {
        // i. Let value be ? IteratorStepValue(iterated).
        let Some(value) = iterator_step_value(vm, underlying)? else {
            // ii. If done: yield a non-empty buffer, then return.
            h.exhausted = true;
            return Ok((!buffer.is_empty()).then(|| Value::Object(vm.create_array(&buffer))));
        };
        // iii-iv. Append; yield a full chunk.
        buffer.push(value);
        if buffer.len() as f64 == h.counter {
            return Ok(Some(Value::Object(vm.create_array(&buffer))));
        }
    }
}

/// One resumption of `windows`' closure: the window after the next value,
/// or (with "allow-partial") the only, undersized, window at the end.
pub(super) fn windows_step(vm: &mut Vm, h: &mut IteratorHelper) -> JsResult<Option<Value>> {
    if h.exhausted {
        return Ok(None);
    }
    let underlying = record(h.underlying);
    loop {
        // i. Let value be ? IteratorStepValue(iterated).
        let Some(value) = iterator_step_value(vm, underlying)? else {
            // ii. If done: an undersized window if allowed, then return.
            h.exhausted = true;
            let partial = h.allow_partial && !h.buffer.is_empty() && (h.buffer.len() as f64) < h.counter;
            return Ok(partial.then(|| Value::Object(vm.create_array(&h.buffer))));
        };
        // iii. If the buffer is full, remove its first element.
        if h.buffer.len() as f64 == h.counter {
            h.buffer.remove(0);
        }
        // iv-v. Append; yield a full window.
        h.buffer.push(value);
        if h.buffer.len() as f64 == h.counter {
            return Ok(Some(Value::Object(vm.create_array(&h.buffer))));
        }
    }
}
