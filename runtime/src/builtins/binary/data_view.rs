//! `DataView` (§25.3): the constructor, the accessors (`buffer`,
//! `byteLength`, `byteOffset`) and GetViewValue / SetViewValue behind
//! the `get<Type>` and `set<Type>` methods, Float16 included.
//!
//! A view with [[ByteLength]] ~auto~ tracks its resizable buffer; every
//! access re-checks IsViewOutOfBounds against the buffer's current length.

use super::array_buffer::to_index;
use crate::builtins::builder::Builder;
use crate::builtins::core_support::{describe, make_constructor};
use crate::builtins::support::{arg, getter, key, to_string_tag};
use spindle_vm::object::{DataViewData, ElementType, NativeFn, ObjectKind};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `DataView` and %DataView.prototype%.
pub(super) fn install(vm: &mut Vm) {
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    make_constructor(vm, "DataView", 1, constructor, proto, ("%DataView%", "%DataView.prototype%"));
    let methods: [(&str, u32, NativeFn); 22] = [
        ("getBigInt64", 1, get_big_int64),
        ("getBigUint64", 1, get_big_uint64),
        ("getFloat16", 1, get_float16),
        ("getFloat32", 1, get_float32),
        ("getFloat64", 1, get_float64),
        ("getInt8", 1, get_int8),
        ("getInt16", 1, get_int16),
        ("getInt32", 1, get_int32),
        ("getUint8", 1, get_uint8),
        ("getUint16", 1, get_uint16),
        ("getUint32", 1, get_uint32),
        ("setBigInt64", 2, set_big_int64),
        ("setBigUint64", 2, set_big_uint64),
        ("setFloat16", 2, set_float16),
        ("setFloat32", 2, set_float32),
        ("setFloat64", 2, set_float64),
        ("setInt8", 2, set_int8),
        ("setInt16", 2, set_int16),
        ("setInt32", 2, set_int32),
        ("setUint8", 2, set_uint8),
        ("setUint16", 2, set_uint16),
        ("setUint32", 2, set_uint32),
    ];
    let mut b = Builder::new(vm, proto);
    for (name, length, f) in methods {
        b.method(name, length, f);
    }
    let accessors: [(&str, NativeFn); 3] = [("buffer", buffer), ("byteLength", byte_length), ("byteOffset", byte_offset)];
    for (name, f) in accessors {
        let k = key(vm, name);
        getter(vm, proto, k, name, f);
    }
    to_string_tag(vm, proto, "DataView");
}

/// `DataView(buffer [, byteOffset [, byteLength]])` (§25.3.2.1).
fn constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = new_target else { return vm.type_error("Constructor DataView requires 'new'") };
    // 2. Perform ? RequireInternalSlot(buffer, [[ArrayBufferData]]).
    let buffer = match arg(args, 0) {
        Value::Object(b) if vm.array_buffer(b).is_some() => b,
        _ => return vm.type_error("First argument to DataView constructor must be an ArrayBuffer"),
    };
    // 3. Let offset be ? ToIndex(byteOffset).
    let offset = to_index(vm, arg(args, 1), "Start offset is outside the bounds of the buffer")?;
    // 4-6. Attached, and offset within the buffer.
    check_offset(vm, buffer, offset)?;
    // 7-9. viewByteLength: the rest, ~auto~, or ? ToIndex(byteLength) that must fit.
    let fixed = vm.is_fixed_length_buffer(buffer);
    let byte_length = match arg(args, 2) {
        Value::Undefined if fixed => Some(vm.buffer_byte_length(buffer) as u64 - offset),
        Value::Undefined => None,
        v => {
            let len = to_index(vm, v, "Invalid DataView length")?;
            check_fits(vm, buffer, offset, len)?;
            Some(len)
        }
    };
    // 10. Let O be ? OrdinaryCreateFromConstructor(NewTarget, "%DataView.prototype%", ...).
    let fallback = vm.realm.intrinsic("%DataView.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype);
    let proto = vm.get_prototype_from_constructor(nt, fallback)?;
    // 11-14. The prototype lookup may have detached or shrunk the buffer.
    check_offset(vm, buffer, offset)?;
    if let (false, Some(len)) = (arg(args, 2) == Value::Undefined, byte_length) {
        check_fits(vm, buffer, offset, len)?;
    }
    // 15-19. The slots.
    let data = DataViewData { buffer, byte_offset: offset as usize, byte_length: byte_length.map(|l| l as usize) };
    Ok(Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::DataView(data))))
}

/// Constructor steps 4-6 (and 11-13): attached, offset ≤ byte length.
fn check_offset(vm: &mut Vm, buffer: Obj, offset: u64) -> JsResult<()> {
    if vm.is_detached_buffer(buffer) {
        return vm.type_error("Cannot construct a DataView on a detached ArrayBuffer");
    }
    if offset > vm.buffer_byte_length(buffer) as u64 {
        return vm.range_error(&format!("Start offset {offset} is outside the bounds of the buffer"));
    }
    Ok(())
}

/// Constructor steps 9.b and 14: offset + viewByteLength ≤ byte length.
fn check_fits(vm: &mut Vm, buffer: Obj, offset: u64, len: u64) -> JsResult<()> {
    if offset.saturating_add(len) > vm.buffer_byte_length(buffer) as u64 {
        return vm.range_error(&format!("Invalid DataView length {len}"));
    }
    Ok(())
}

/// RequireInternalSlot(view, [[DataView]]).
fn this_view(vm: &mut Vm, this: Value, method: &str) -> JsResult<DataViewData> {
    if let Value::Object(o) = this {
        if let ObjectKind::DataView(d) = vm.heap.object(o).kind {
            return Ok(d);
        }
    }
    let d = describe(vm, this);
    vm.type_error(&format!("Method DataView.prototype.{method} called on incompatible receiver {d}"))
}

/// GetViewByteLength of a view that is not out of bounds, or `None`
/// when IsViewOutOfBounds (§25.3.1.3-4; detached included).
fn view_byte_length(vm: &Vm, d: &DataViewData) -> Option<usize> {
    let data = vm.array_buffer(d.buffer)?;
    let buffer_len = data.bytes.as_ref()?.len();
    let end = match d.byte_length {
        Some(len) => d.byte_offset.checked_add(len)?,
        None => buffer_len,
    };
    if d.byte_offset > buffer_len || end > buffer_len {
        return None;
    }
    Some(end - d.byte_offset)
}

/// The view's byte length, or the TypeError of an out-of-bounds view.
fn checked_length(vm: &mut Vm, d: &DataViewData) -> JsResult<usize> {
    match view_byte_length(vm, d) {
        Some(len) => Ok(len),
        None => vm.type_error("Cannot perform DataView operation on a detached or out-of-bounds ArrayBuffer"),
    }
}

/// `get DataView.prototype.buffer` (§25.3.4.1).
fn buffer(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Object(this_view(vm, this, "buffer")?.buffer))
}

/// `get DataView.prototype.byteLength` (§25.3.4.2).
fn byte_length(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let d = this_view(vm, this, "byteLength")?;
    Ok(Value::Number(checked_length(vm, &d)? as f64))
}

/// `get DataView.prototype.byteOffset` (§25.3.4.3).
fn byte_offset(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let d = this_view(vm, this, "byteOffset")?;
    checked_length(vm, &d)?;
    Ok(Value::Number(d.byte_offset as f64))
}

/// GetViewValue(view, requestIndex, isLittleEndian, type) (§25.3.1.5).
fn get_view_value(vm: &mut Vm, this: Value, args: &[Value], ty: ElementType, method: &str) -> JsResult<Value> {
    // 1-2. RequireInternalSlot(view, [[DataView]]).
    let d = this_view(vm, this, method)?;
    // 3. Let getIndex be ? ToIndex(requestIndex).
    let index = to_index(vm, arg(args, 0), "Offset is outside the bounds of the DataView")?;
    // 4. Set isLittleEndian to ToBoolean(isLittleEndian).
    let little = vm.to_boolean(arg(args, 1));
    // 6-12. Within the view, then GetValueFromBuffer.
    let at = element_position(vm, &d, index, ty)?;
    Ok(vm.get_value_from_buffer(d.buffer, at, ty, little))
}

/// SetViewValue(view, requestIndex, isLittleEndian, type, value) (§25.3.1.6).
fn set_view_value(vm: &mut Vm, this: Value, args: &[Value], ty: ElementType, method: &str) -> JsResult<Value> {
    let d = this_view(vm, this, method)?;
    // 3. Let getIndex be ? ToIndex(requestIndex).
    let index = to_index(vm, arg(args, 0), "Offset is outside the bounds of the DataView")?;
    // 4-5. numberValue = ? ToBigInt(value) or ? ToNumber(value).
    let value = vm.to_element_value(ty, arg(args, 1))?;
    // 6. Set isLittleEndian to ToBoolean(isLittleEndian).
    let little = vm.to_boolean(arg(args, 2));
    // 8-14. Within the view, then SetValueInBuffer.
    let at = element_position(vm, &d, index, ty)?;
    vm.set_value_in_buffer(d.buffer, at, ty, value, little);
    Ok(Value::Undefined)
}

/// Steps 6-11 of GetViewValue: the buffer index of the element at
/// `index`, after the out-of-bounds TypeError and the RangeError.
fn element_position(vm: &mut Vm, d: &DataViewData, index: u64, ty: ElementType) -> JsResult<usize> {
    let size = checked_length(vm, d)? as u64;
    if index.saturating_add(ty.size() as u64) > size {
        return vm.range_error("Offset is outside the bounds of the DataView");
    }
    Ok(index as usize + d.byte_offset)
}

/// Defines `get<Type>` and `set<Type>` natives for one element type.
macro_rules! view_methods {
    ($($get:ident, $set:ident, $ty:ident, $name:literal;)*) => {$(
        #[doc = concat!("`DataView.prototype.get", $name, "(byteOffset [, littleEndian])`.")]
        fn $get(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
            get_view_value(vm, this, args, ElementType::$ty, concat!("get", $name))
        }
        #[doc = concat!("`DataView.prototype.set", $name, "(byteOffset, value [, littleEndian])`.")]
        fn $set(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
            set_view_value(vm, this, args, ElementType::$ty, concat!("set", $name))
        }
    )*};
}

view_methods! {
    get_big_int64, set_big_int64, BigInt64, "BigInt64";
    get_big_uint64, set_big_uint64, BigUint64, "BigUint64";
    get_float16, set_float16, Float16, "Float16";
    get_float32, set_float32, Float32, "Float32";
    get_float64, set_float64, Float64, "Float64";
    get_int8, set_int8, Int8, "Int8";
    get_int16, set_int16, Int16, "Int16";
    get_int32, set_int32, Int32, "Int32";
    get_uint8, set_uint8, Uint8, "Uint8";
    get_uint16, set_uint16, Uint16, "Uint16";
    get_uint32, set_uint32, Uint32, "Uint32";
}
