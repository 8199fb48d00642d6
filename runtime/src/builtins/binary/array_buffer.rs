//! `ArrayBuffer` (§25.1): AllocateArrayBuffer, the constructor,
//! `ArrayBuffer.isView`, `ArrayBuffer[@@species]` and the prototype's
//! accessors and methods (`slice`, `resize`, `transfer`,
//! `transferToFixedLength`).
//!
//! Spindle refuses (with a RangeError, as CreateByteDataBlock allows)
//! byte lengths and maximum byte lengths above [`MAX_BYTE_LENGTH`].

use crate::builtins::builder::Builder;
use crate::builtins::core_support::{describe, make_constructor};
use crate::builtins::support::{arg, getter, key, relative_index, to_string_tag};
use spindle_vm::object::{ArrayBufferData, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The largest buffer Spindle allocates or lets a buffer grow to (1 GiB).
pub(crate) const MAX_BYTE_LENGTH: u64 = 1 << 30;

/// Installs `ArrayBuffer` and %ArrayBuffer.prototype%.
pub(super) fn install(vm: &mut Vm) {
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let ctor = make_constructor(vm, "ArrayBuffer", 1, constructor, proto, ("%ArrayBuffer%", "%ArrayBuffer.prototype%"));
    Builder::new(vm, ctor).method("isView", 1, is_view);
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    Builder::new(vm, proto)
        .method("resize", 1, resize)
        .method("slice", 2, slice)
        .method("transfer", 0, transfer)
        .method("transferToFixedLength", 0, transfer_to_fixed_length);
    for (name, f) in [
        ("byteLength", byte_length as spindle_vm::object::NativeFn),
        ("detached", detached),
        ("maxByteLength", max_byte_length),
        ("resizable", resizable),
    ] {
        let k = key(vm, name);
        getter(vm, proto, k, name, f);
    }
    to_string_tag(vm, proto, "ArrayBuffer");
}

/// `get ArrayBuffer[@@species]`: the this value.
fn species_getter(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}

/// AllocateArrayBuffer(constructor, byteLength [, maxByteLength])
/// (§25.1.3.1).
pub(crate) fn allocate_array_buffer(vm: &mut Vm, constructor: Obj, byte_length: u64, max: Option<u64>) -> JsResult<Obj> {
    // 3. If allocatingResizableBuffer and byteLength > maxByteLength, throw a RangeError.
    if max.is_some_and(|m| byte_length > m) {
        return vm.range_error("Invalid array buffer length: byteLength exceeds maxByteLength");
    }
    // 4. Let obj be ? OrdinaryCreateFromConstructor(constructor, "%ArrayBuffer.prototype%", slots).
    let fallback = vm.realm.intrinsic("%ArrayBuffer.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let proto = vm.get_prototype_from_constructor(constructor, fallback)?;
    // 5. Let block be ? CreateByteDataBlock(byteLength); resizable: maxByteLength must be possible too.
    let bytes = byte_block(vm, byte_length)?;
    if max.is_some_and(|m| m > MAX_BYTE_LENGTH) {
        return vm.range_error("Invalid array buffer max length");
    }
    let data = ArrayBufferData { bytes: Some(bytes), max_byte_length: max.map(|m| m as usize) };
    Ok(vm.alloc_array_buffer(proto, data))
}

/// CreateByteDataBlock(size) (§6.2.9.1): zeroed bytes, or a RangeError.
pub(crate) fn byte_block(vm: &mut Vm, size: u64) -> JsResult<Vec<u8>> {
    if size > MAX_BYTE_LENGTH {
        return vm.range_error("Array buffer allocation failed");
    }
    Ok(vec![0; size as usize])
}

/// `ArrayBuffer(length [, options])` (§25.1.4.1).
fn constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else { return vm.type_error("Constructor ArrayBuffer requires 'new'") };
    // 2. Let byteLength be ? ToIndex(length).
    let byte_length = to_index(vm, arg(args, 0), "Invalid array buffer length")?;
    // 3. Let requestedMaxByteLength be ? GetArrayBufferMaxByteLengthOption(options).
    let max = max_byte_length_option(vm, arg(args, 1))?;
    // 4. Return ? AllocateArrayBuffer(NewTarget, byteLength, requestedMaxByteLength).
    allocate_array_buffer(vm, nt, byte_length, max).map(Value::Object)
}

/// ToIndex(value) with a RangeError message of our own.
pub(crate) fn to_index(vm: &mut Vm, value: Value, message: &str) -> JsResult<u64> {
    let n = vm.to_integer_or_infinity(value)?;
    if !(0.0..=9_007_199_254_740_991.0).contains(&n) {
        return vm.range_error(message);
    }
    Ok(n as u64)
}

/// GetArrayBufferMaxByteLengthOption(options) (§25.1.3.7).
fn max_byte_length_option(vm: &mut Vm, options: Value) -> JsResult<Option<u64>> {
    // 1. If options is not an Object, return empty.
    let Value::Object(o) = options else { return Ok(None) };
    // 2. Let maxByteLength be ? Get(options, "maxByteLength").
    let k = key(vm, "maxByteLength");
    let max = vm.get_property(o, k)?;
    // 3. If maxByteLength is undefined, return empty.
    if max == Value::Undefined {
        return Ok(None);
    }
    // 4. Return ? ToIndex(maxByteLength).
    to_index(vm, max, "Invalid array buffer max length").map(Some)
}

/// `ArrayBuffer.isView(arg)` (§25.1.5.1).
fn is_view(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let view = match arg(args, 0) {
        Value::Object(o) => matches!(vm.heap.object(o).kind, ObjectKind::TypedArray(_) | ObjectKind::DataView(_)),
        _ => false,
    };
    Ok(Value::Bool(view))
}

/// RequireInternalSlot(O, [[ArrayBufferData]]) (and not shared: Spindle
/// has no SharedArrayBuffer).
pub(crate) fn this_buffer(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) if vm.array_buffer(o).is_some() => Ok(o),
        _ => {
            let d = describe(vm, this);
            vm.type_error(&format!("Method ArrayBuffer.prototype.{method} called on incompatible receiver {d}"))
        }
    }
}

/// `get ArrayBuffer.prototype.byteLength` (§25.1.6.2).
fn byte_length(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_buffer(vm, this, "byteLength")?;
    Ok(Value::Number(vm.buffer_byte_length(o) as f64))
}

/// `get ArrayBuffer.prototype.detached` (§25.1.6.4).
fn detached(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_buffer(vm, this, "detached")?;
    Ok(Value::Bool(vm.is_detached_buffer(o)))
}

/// `get ArrayBuffer.prototype.maxByteLength` (§25.1.6.5).
fn max_byte_length(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_buffer(vm, this, "maxByteLength")?;
    // 4. If IsDetachedBuffer(O) is true, return +0𝔽.
    if vm.is_detached_buffer(o) {
        return Ok(Value::Number(0.0));
    }
    // 5-6. The maximum of a resizable buffer, else the byte length.
    let max = match vm.array_buffer(o).and_then(|b| b.max_byte_length) {
        Some(m) => m,
        None => vm.buffer_byte_length(o),
    };
    Ok(Value::Number(max as f64))
}

/// `get ArrayBuffer.prototype.resizable` (§25.1.6.6).
fn resizable(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_buffer(vm, this, "resizable")?;
    Ok(Value::Bool(!vm.is_fixed_length_buffer(o)))
}

/// `ArrayBuffer.prototype.resize(newLength)` (§25.1.6.7).
fn resize(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. RequireInternalSlot(O, [[ArrayBufferMaxByteLength]]).
    let o = this_buffer(vm, this, "resize")?;
    let Some(max) = vm.array_buffer(o).and_then(|b| b.max_byte_length) else {
        return vm.type_error("Method ArrayBuffer.prototype.resize called on a fixed-length ArrayBuffer");
    };
    // 4. Let newByteLength be ? ToIndex(newLength).
    let new_len = to_index(vm, arg(args, 0), "Invalid array buffer length")?;
    // 5. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if vm.is_detached_buffer(o) {
        return vm.type_error("Cannot resize a detached ArrayBuffer");
    }
    // 6. If newByteLength > O.[[ArrayBufferMaxByteLength]], throw a RangeError exception.
    if new_len > max as u64 {
        return vm.range_error("ArrayBuffer.prototype.resize: Invalid length parameter");
    }
    // 7-12. Copy what fits into a new zeroed block of the new length.
    if let Some(bytes) = vm.array_buffer_mut(o).and_then(|b| b.bytes.as_mut()) {
        bytes.resize(new_len as usize, 0);
    }
    Ok(Value::Undefined)
}

/// `ArrayBuffer.prototype.slice(start, end)` (§25.1.6.8).
fn slice(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = this_buffer(vm, this, "slice")?;
    // 4. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if vm.is_detached_buffer(o) {
        return vm.type_error("Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer");
    }
    // 5-12. len; first and final from start and end; newLen.
    let len = vm.buffer_byte_length(o) as u64;
    let first = relative_index(vm, arg(args, 0), len, 0)?;
    let last = relative_index(vm, arg(args, 1), len, len)?;
    let new_len = last.saturating_sub(first);
    // 13-14. Let ctor be ? SpeciesConstructor(O, %ArrayBuffer%); new = ? Construct(ctor, « 𝔽(newLen) »).
    let default = vm.realm.intrinsic("%ArrayBuffer%").map_or(Value::Undefined, Value::Object);
    let ctor = vm.species_constructor(o, default)?;
    let new = vm.construct(ctor, &[Value::Number(new_len as f64)], None)?;
    // 15-19. A different, attached ArrayBuffer of at least newLen bytes.
    let new = this_buffer(vm, new, "slice")?;
    if vm.is_detached_buffer(new) {
        return vm.type_error("ArrayBuffer subclass returned a detached ArrayBuffer");
    }
    if new == o {
        return vm.type_error("ArrayBuffer subclass returned this from species constructor");
    }
    if (vm.buffer_byte_length(new) as u64) < new_len {
        return vm.type_error("ArrayBuffer subclass returned a too small ArrayBuffer");
    }
    // 21. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if vm.is_detached_buffer(o) {
        return vm.type_error("Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer");
    }
    // 22-26. Copy min(newLen, currentLen - first) bytes (the buffer may have shrunk).
    let current = vm.buffer_byte_length(o) as u64;
    if first < current {
        let count = new_len.min(current - first) as usize;
        let from = first as usize;
        let chunk: Vec<u8> = vm.array_buffer(o).and_then(|b| b.bytes.as_ref()).map(|b| b[from..from + count].to_vec()).unwrap_or_default();
        if let Some(to) = vm.array_buffer_mut(new).and_then(|b| b.bytes.as_mut()) {
            to[..count].copy_from_slice(&chunk);
        }
    }
    Ok(Value::Object(new))
}

/// `ArrayBuffer.prototype.transfer([newLength])` (§25.1.6.9).
fn transfer(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    copy_and_detach(vm, this, arg(args, 0), true, "transfer")
}

/// `ArrayBuffer.prototype.transferToFixedLength([newLength])` (§25.1.6.10).
fn transfer_to_fixed_length(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    copy_and_detach(vm, this, arg(args, 0), false, "transferToFixedLength")
}

/// ArrayBufferCopyAndDetach(arrayBuffer, newLength, preserveResizability)
/// (§25.1.3.3).
fn copy_and_detach(vm: &mut Vm, this: Value, new_length: Value, preserve: bool, method: &str) -> JsResult<Value> {
    // 1-2. RequireInternalSlot(arrayBuffer, [[ArrayBufferData]]); not shared.
    let o = this_buffer(vm, this, method)?;
    // 3. newByteLength: the current length, or ? ToIndex(newLength).
    let new_len = match new_length {
        Value::Undefined => vm.buffer_byte_length(o) as u64,
        v => to_index(vm, v, "Invalid array buffer length")?,
    };
    // 4. If IsDetachedBuffer(arrayBuffer) is true, throw a TypeError exception.
    if vm.is_detached_buffer(o) {
        return vm.type_error(&format!("Cannot perform ArrayBuffer.prototype.{method} on a detached ArrayBuffer"));
    }
    // 5. newMaxByteLength: kept when preserving the resizability of a resizable buffer.
    let max = if preserve { vm.array_buffer(o).and_then(|b| b.max_byte_length).map(|m| m as u64) } else { None };
    // 7. Let newBuffer be ? AllocateArrayBuffer(%ArrayBuffer%, newByteLength, newMaxByteLength).
    let ctor = vm.realm.intrinsic("%ArrayBuffer%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let new = allocate_array_buffer(vm, ctor, new_len, max)?;
    // 8-11. Copy min(newByteLength, old byte length) bytes.
    let old = vm.array_buffer_mut(o).and_then(|b| b.bytes.take()).unwrap_or_default();
    if let Some(to) = vm.array_buffer_mut(new).and_then(|b| b.bytes.as_mut()) {
        let count = old.len().min(to.len());
        to[..count].copy_from_slice(&old[..count]);
    }
    // 12. Perform ! DetachArrayBuffer(arrayBuffer) (the bytes were taken).
    vm.detach_array_buffer(o);
    Ok(Value::Object(new))
}
