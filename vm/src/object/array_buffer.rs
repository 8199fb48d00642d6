//! ArrayBuffer internals (§25.1): the byte storage ([[ArrayBufferData]],
//! [[ArrayBufferByteLength]], [[ArrayBufferMaxByteLength]]), detaching,
//! and GetValueFromBuffer / SetValueInBuffer (§25.1.3.15, 25.1.3.18).
//! DataView's slots live here too: a view is a window on a buffer.
//!
//! Invariants: a detached buffer has `bytes == None` (its byte length is
//! 0); a fixed-length buffer has `max_byte_length == None`; a resizable
//! one always keeps `bytes.len() <= max_byte_length`. Reads and writes
//! are given an index already checked against the current length by the
//! caller (a bad one is a no-op / reads 0, never a panic).

use super::element_type::{Decoded, ElementType, ElementValue};
use super::ObjectKind;
use crate::value::{Obj, Value};
use crate::vm::{JsResult, Vm};

/// The slots of an ArrayBuffer.
#[derive(Debug, Clone, Default)]
pub struct ArrayBufferData {
    /// [[ArrayBufferData]]; `None` once detached.
    pub bytes: Option<Vec<u8>>,
    /// [[ArrayBufferMaxByteLength]]: `Some` for resizable buffers.
    pub max_byte_length: Option<usize>,
}

/// The slots of a DataView.
#[derive(Debug, Clone, Copy)]
pub struct DataViewData {
    /// [[ViewedArrayBuffer]]
    pub buffer: Obj,
    /// [[ByteOffset]]
    pub byte_offset: usize,
    /// [[ByteLength]]; `None` is ~auto~ (tracks a resizable buffer).
    pub byte_length: Option<usize>,
}

impl Vm {
    /// The ArrayBuffer slots of `buffer`, if it is one.
    pub fn array_buffer(&self, buffer: Obj) -> Option<&ArrayBufferData> {
        match &self.heap.object(buffer).kind {
            ObjectKind::ArrayBuffer(data) => Some(data),
            _ => None,
        }
    }

    /// The mutable ArrayBuffer slots of `buffer`, if it is one.
    pub fn array_buffer_mut(&mut self, buffer: Obj) -> Option<&mut ArrayBufferData> {
        match &mut self.heap.object_mut(buffer).kind {
            ObjectKind::ArrayBuffer(data) => Some(data),
            _ => None,
        }
    }

    /// IsDetachedBuffer(arrayBuffer).
    pub fn is_detached_buffer(&self, buffer: Obj) -> bool {
        self.array_buffer(buffer).is_none_or(|b| b.bytes.is_none())
    }

    /// ArrayBufferByteLength(arrayBuffer): 0 when detached.
    pub fn buffer_byte_length(&self, buffer: Obj) -> usize {
        self.array_buffer(buffer).and_then(|b| b.bytes.as_ref()).map_or(0, Vec::len)
    }

    /// IsFixedLengthArrayBuffer(arrayBuffer).
    pub fn is_fixed_length_buffer(&self, buffer: Obj) -> bool {
        self.array_buffer(buffer).is_none_or(|b| b.max_byte_length.is_none())
    }

    /// A new ArrayBuffer object with the given slots.
    pub fn alloc_array_buffer(&mut self, proto: Obj, data: ArrayBufferData) -> Obj {
        self.heap.note_allocation(data.bytes.as_ref().map_or(0, Vec::len));
        self.heap.alloc_object(Some(proto), ObjectKind::ArrayBuffer(Box::new(data)))
    }

    /// Copies `count` bytes from `src` at `from` to `dst` at `to` one at a
    /// time in ascending order (the byte loops of §23.2.3.27 and friends,
    /// exact even when both ranges overlap in one buffer); bytes outside
    /// either buffer are skipped.
    pub fn copy_buffer_bytes(&mut self, src: Obj, from: usize, dst: Obj, to: usize, count: usize) {
        for i in 0..count {
            let byte = self.array_buffer(src).and_then(|b| b.bytes.as_ref()).and_then(|b| b.get(from + i).copied());
            let Some(byte) = byte else { return };
            match self.array_buffer_mut(dst).and_then(|b| b.bytes.as_mut()).and_then(|b| b.get_mut(to + i)) {
                Some(slot) => *slot = byte,
                None => return,
            }
        }
    }

    /// DetachArrayBuffer(arrayBuffer) (§25.1.3.5), key undefined: the
    /// bytes are dropped.
    pub fn detach_array_buffer(&mut self, buffer: Obj) {
        if let Some(data) = self.array_buffer_mut(buffer) {
            data.bytes = None;
        }
    }

    /// GetValueFromBuffer(arrayBuffer, byteIndex, type, isTypedArray,
    /// unordered, isLittleEndian) (§25.1.3.15); 0 if out of range.
    pub fn get_value_from_buffer(&mut self, buffer: Obj, index: usize, ty: ElementType, little_endian: bool) -> Value {
        let bytes = self.array_buffer(buffer).and_then(|b| b.bytes.as_deref()).unwrap_or(&[]);
        let decoded = match bytes.get(index..index + ty.size()) {
            Some(raw) => ty.decode(raw, little_endian),
            None => ty.decode(&[0; 8], little_endian),
        };
        self.decoded_value(decoded)
    }

    /// The JavaScript value of a decoded element (BigInts are allocated).
    pub fn decoded_value(&mut self, decoded: Decoded) -> Value {
        match decoded {
            Decoded::Number(n) => Value::Number(n),
            Decoded::BigInt(i) => Value::BigInt(self.heap.alloc_bigint(num_bigint::BigInt::from(i))),
        }
    }

    /// SetValueInBuffer(arrayBuffer, byteIndex, type, value, ...)
    /// (§25.1.3.18), for a value already converted ([`Vm::to_element_value`]).
    pub fn set_value_in_buffer(&mut self, buffer: Obj, index: usize, ty: ElementType, value: ElementValue, little_endian: bool) {
        let Some(bytes) = self.array_buffer_mut(buffer).and_then(|b| b.bytes.as_mut()) else { return };
        if let Some(out) = bytes.get_mut(index..index + ty.size()) {
            ty.encode(value, little_endian, out);
        }
    }

    /// The conversion of a value to an element of `ty`: ToBigInt64 /
    /// ToBigUint64 (the same bits) for the BigInt types, ToNumber otherwise.
    pub fn to_element_value(&mut self, ty: ElementType, value: Value) -> JsResult<ElementValue> {
        if ty.is_bigint() {
            Ok(ElementValue::Bits64(self.to_big_uint64(value)?))
        } else {
            Ok(ElementValue::Number(self.to_number(value)?))
        }
    }
}
