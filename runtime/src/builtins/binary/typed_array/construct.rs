//! The concrete TypedArray constructors (§23.2.5.1) and their forms:
//! no argument or a length (AllocateTypedArray), a typed array
//! (InitializeTypedArrayFromTypedArray), an ArrayBuffer
//! (InitializeTypedArrayFromArrayBuffer), an iterable
//! (InitializeTypedArrayFromList) or an array-like
//! (InitializeTypedArrayFromArrayLike).
//!
//! The object is allocated once its buffer is known: the prototype is
//! read from NewTarget first, as AllocateTypedArray does, and nothing
//! between that and the allocation can observe the object.

use crate::builtins::binary::array_buffer::{allocate_array_buffer, to_index};
use super::iterator_to_list;
use crate::builtins::support::arg;
use spindle_vm::object::{ElementType, ObjectKind, TypedArrayData};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// `new Int8Array(...)` and its siblings: the element type is the
/// running function's capture.
pub(super) fn constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    let ty = running_type(vm);
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else {
        return vm.type_error(&format!("Constructor {} requires 'new'", ty.name()));
    };
    let first = arg(args, 0);
    let Value::Object(source) = first else {
        // 6.c. Not an object: ? ToIndex(firstArgument) elements (none without arguments).
        let len = if args.is_empty() { 0 } else { to_index(vm, first, "Invalid typed array length")? };
        let proto = prototype_for(vm, nt, ty)?;
        return allocate(vm, proto, ty, len).map(Value::Object);
    };
    // 6.b.i. AllocateTypedArray(constructorName, NewTarget, proto): the prototype first.
    let proto = prototype_for(vm, nt, ty)?;
    let o = match vm.heap.object(source).kind {
        ObjectKind::TypedArray(src) => from_typed_array(vm, proto, ty, src)?,
        ObjectKind::ArrayBuffer(_) => from_array_buffer(vm, proto, ty, source, arg(args, 1), arg(args, 2))?,
        _ => from_object(vm, proto, ty, source)?,
    };
    Ok(Value::Object(o))
}

/// The element type of the running concrete constructor.
fn running_type(vm: &Vm) -> ElementType {
    let captured = vm.current_native().and_then(|f| match &vm.heap.object(f).kind {
        ObjectKind::Native(n) => n.captures.first().copied(),
        _ => None,
    });
    match captured {
        Some(Value::Number(i)) => ElementType::ALL.get(i as usize).copied().unwrap_or(ElementType::Uint8),
        _ => ElementType::Uint8,
    }
}

/// GetPrototypeFromConstructor(newTarget, "%<Name>.prototype%").
fn prototype_for(vm: &mut Vm, new_target: Obj, ty: ElementType) -> JsResult<Obj> {
    let fallback = vm.realm.intrinsic(super::spec_names(ty).1).unwrap_or(vm.realm.intrinsics.object_prototype);
    vm.get_prototype_from_constructor(new_target, fallback)
}

/// A typed array object with the given slots.
pub(super) fn typed_array_object(vm: &mut Vm, proto: Obj, t: TypedArrayData) -> Obj {
    vm.heap.alloc_object(Some(proto), ObjectKind::TypedArray(t))
}

/// AllocateTypedArray with a length: AllocateTypedArrayBuffer
/// (§23.2.5.1.6) makes a fresh %ArrayBuffer% of `len` elements.
fn allocate(vm: &mut Vm, proto: Obj, ty: ElementType, len: u64) -> JsResult<Obj> {
    let buffer = new_buffer(vm, ty, len)?;
    let t = TypedArrayData { ty, buffer, byte_offset: 0, length: Some(len as usize) };
    Ok(typed_array_object(vm, proto, t))
}

/// A fixed-length %ArrayBuffer% for `len` elements of `ty`.
fn new_buffer(vm: &mut Vm, ty: ElementType, len: u64) -> JsResult<Obj> {
    let Some(bytes) = len.checked_mul(ty.size() as u64) else {
        return vm.range_error("Invalid typed array length");
    };
    let ctor = vm.realm.intrinsic("%ArrayBuffer%").unwrap_or(vm.realm.intrinsics.object_prototype);
    allocate_array_buffer(vm, ctor, bytes, None)
}

/// InitializeTypedArrayFromTypedArray(O, srcArray) (§23.2.5.1.2).
fn from_typed_array(vm: &mut Vm, proto: Obj, ty: ElementType, src: TypedArrayData) -> JsResult<Obj> {
    // 7-9. The source must not be out of bounds; elementLength is its length.
    let Some(len) = vm.typed_array_length(&src) else {
        return vm.type_error("Cannot construct a typed array from a detached or out-of-bounds one");
    };
    // 11-12. A new buffer (CloneArrayBuffer for the same type, else a conversion).
    let buffer = new_buffer(vm, ty, len as u64)?;
    if ty.is_bigint() != src.ty.is_bigint() {
        return vm.type_error(&format!("Cannot mix BigInt and other types, use explicit conversions ({} from {})", ty.name(), src.ty.name()));
    }
    copy_elements(vm, src, buffer, ty, len);
    let t = TypedArrayData { ty, buffer, byte_offset: 0, length: Some(len) };
    Ok(typed_array_object(vm, proto, t))
}

/// Copies the first `len` elements of `src` into `buffer` as elements of
/// `ty`, converting each (the same type: the bytes themselves).
pub(super) fn copy_elements(vm: &mut Vm, src: TypedArrayData, buffer: Obj, ty: ElementType, len: usize) {
    if src.ty == ty {
        let n = len * ty.size();
        let bytes = vm.array_buffer(src.buffer).and_then(|b| b.bytes.as_ref()).map(|b| b[src.byte_offset..src.byte_offset + n].to_vec());
        if let (Some(bytes), Some(to)) = (bytes, vm.array_buffer_mut(buffer).and_then(|b| b.bytes.as_mut())) {
            to[..n].copy_from_slice(&bytes);
        }
        return;
    }
    for k in 0..len {
        let v = vm.get_value_from_buffer(src.buffer, src.byte_offset + k * src.ty.size(), src.ty, true);
        // Numbers to Numbers and BigInts to BigInts never run JavaScript.
        if let Ok(e) = vm.to_element_value(ty, v) {
            vm.set_value_in_buffer(buffer, k * ty.size(), ty, e, true);
        }
    }
}

/// InitializeTypedArrayFromArrayBuffer(O, buffer, byteOffset, length)
/// (§23.2.5.1.3).
fn from_array_buffer(vm: &mut Vm, proto: Obj, ty: ElementType, buffer: Obj, byte_offset: Value, length: Value) -> JsResult<Obj> {
    let size = ty.size() as u64;
    // 2. Let offset be ? ToIndex(byteOffset).
    let offset = to_index(vm, byte_offset, "Start offset is out of bounds")?;
    // 3. If offset modulo elementSize ≠ 0, throw a RangeError exception.
    if offset % size != 0 {
        return vm.range_error(&format!("start offset of {} should be a multiple of {size}", ty.name()));
    }
    // 4. Let bufferIsFixedLength be IsFixedLengthArrayBuffer(buffer).
    let fixed = vm.is_fixed_length_buffer(buffer);
    // 5. If length is not undefined, let newLength be ? ToIndex(length).
    let new_length = match length {
        Value::Undefined => None,
        v => Some(to_index(vm, v, "Invalid typed array length")?),
    };
    // 6. If IsDetachedBuffer(buffer) is true, throw a TypeError exception.
    if vm.is_detached_buffer(buffer) {
        return vm.type_error("Cannot construct a typed array on a detached ArrayBuffer");
    }
    // 7. Let bufferByteLength be ArrayBufferByteLength(buffer, seq-cst).
    let buffer_len = vm.buffer_byte_length(buffer) as u64;
    let length = match new_length {
        // 8. Length-tracking on a resizable buffer.
        None if !fixed => {
            if offset > buffer_len {
                return vm.range_error(&format!("Start offset {offset} is outside the bounds of the buffer"));
            }
            None
        }
        // 9.a. The rest of a fixed-length buffer, which must be a whole number of elements.
        None => {
            if buffer_len % size != 0 {
                return vm.range_error(&format!("byte length of {} should be a multiple of {size}", ty.name()));
            }
            if offset > buffer_len {
                return vm.range_error(&format!("Start offset {offset} is outside the bounds of the buffer"));
            }
            Some(((buffer_len - offset) / size) as usize)
        }
        // 9.b. An explicit length that must fit.
        Some(n) => {
            if n.checked_mul(size).and_then(|b| b.checked_add(offset)).is_none_or(|end| end > buffer_len) {
                return vm.range_error(&format!("Invalid typed array length: {n}"));
            }
            Some(n as usize)
        }
    };
    let t = TypedArrayData { ty, buffer, byte_offset: offset as usize, length };
    Ok(typed_array_object(vm, proto, t))
}

/// Steps 6.b.iv: an iterable (InitializeTypedArrayFromList) or an
/// array-like (InitializeTypedArrayFromArrayLike).
fn from_object(vm: &mut Vm, proto: Obj, ty: ElementType, source: Obj) -> JsResult<Obj> {
    // 1. Let usingIterator be ? GetMethod(firstArgument, @@iterator).
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    let using_iterator = vm.get_method(Value::Object(source), iter_key)?;
    if let Some(method) = using_iterator {
        // 2. values = ? IteratorToList(? GetIteratorFromMethod(firstArgument, usingIterator)).
        let values = iterator_to_list(vm, Value::Object(source), method)?;
        let o = allocate(vm, proto, ty, values.len() as u64)?;
        // InitializeTypedArrayFromList 3-4: Set(O, Pk, kValue, true) in order.
        for (k, v) in values.into_iter().enumerate() {
            vm.typed_array_set_element(o, k as f64, v)?;
        }
        return Ok(o);
    }
    // InitializeTypedArrayFromArrayLike 1-2. len = ? LengthOfArrayLike(arrayLike).
    let len = vm.length_of_array_like(source)?;
    let o = allocate(vm, proto, ty, len)?;
    // 3-4. Set(O, Pk, ? Get(arrayLike, Pk), true) in order.
    for k in 0..len {
        let key = crate::builtins::support::index_key(vm, k);
        let v = vm.get_property(source, key)?;
        vm.typed_array_set_element(o, k as f64, v)?;
    }
    Ok(o)
}
