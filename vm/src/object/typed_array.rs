//! TypedArray exotic objects (§10.4.5): the slots ([[ViewedArrayBuffer]],
//! [[TypedArrayName]] as the element type, [[ByteOffset]],
//! [[ArrayLength]]), the length rules of the TypedArray With Buffer
//! Witness Record (§10.4.5.9-14: out-of-bounds views, length-tracking
//! views on resizable buffers), TypedArrayGetElement/SetElement and the
//! internal methods that treat every canonical numeric string key as an
//! element.
//!
//! Invariants: a typed array never stores indexed properties (its
//! `elements` stay empty) nor named properties whose key is a canonical
//! numeric string; its length is never cached, always computed from the
//! buffer's current byte length, so resizing or detaching the buffer is
//! seen at once.

use super::element_type::ElementType;
use super::{Attributes, ObjectKind, Property, PropertyDescriptor};
use crate::ops::string_to_number::canonical_numeric_index_string;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// The slots of a typed array.
#[derive(Debug, Clone, Copy)]
pub struct TypedArrayData {
    /// [[TypedArrayName]] / [[ContentType]], as the element type.
    pub ty: ElementType,
    /// [[ViewedArrayBuffer]]
    pub buffer: Obj,
    /// [[ByteOffset]]
    pub byte_offset: usize,
    /// [[ArrayLength]]; `None` is ~auto~ (length-tracking).
    pub length: Option<usize>,
}

impl Vm {
    /// The typed array slots of `o`, if it is one.
    pub fn typed_array(&self, o: Obj) -> Option<TypedArrayData> {
        match &self.heap.object(o).kind {
            ObjectKind::TypedArray(t) => Some(*t),
            _ => None,
        }
    }

    /// TypedArrayLength(MakeTypedArrayWithBufferWitnessRecord(O)), or
    /// `None` when IsTypedArrayOutOfBounds (detached buffers included).
    pub fn typed_array_length(&self, t: &TypedArrayData) -> Option<usize> {
        // IsTypedArrayOutOfBounds (§10.4.5.12) 1-2. A detached buffer.
        let data = self.array_buffer(t.buffer)?;
        let buffer_len = data.bytes.as_ref()?.len();
        // 3-6. The view's byte range must lie within the buffer.
        let size = t.ty.size();
        let end = match t.length {
            None => buffer_len,
            Some(len) => t.byte_offset.checked_add(len.checked_mul(size)?)?,
        };
        if t.byte_offset > buffer_len || end > buffer_len {
            return None;
        }
        // TypedArrayLength (§10.4.5.11) 3-5.
        Some(match t.length {
            Some(len) => len,
            None => (buffer_len - t.byte_offset) / size,
        })
    }

    /// TypedArrayByteLength (§10.4.5.10): 0 when out of bounds.
    pub fn typed_array_byte_length(&self, t: &TypedArrayData) -> usize {
        self.typed_array_length(t).map_or(0, |len| len * t.ty.size())
    }

    /// IsTypedArrayFixedLength(O) (§10.4.5.?): not length-tracking and
    /// its buffer is not resizable.
    pub fn is_typed_array_fixed_length(&self, t: &TypedArrayData) -> bool {
        t.length.is_some() && self.is_fixed_length_buffer(t.buffer)
    }

    /// The element index a key of a typed array stands for: an array
    /// index, or any canonical numeric string (`"-0"`, `"1.5"`, `"-1"`,
    /// `"Infinity"`, ...); `None` for other strings and for symbols.
    pub(crate) fn typed_array_numeric_key(&self, key: PropertyKey) -> Option<f64> {
        match key {
            PropertyKey::Index(i) => Some(f64::from(i)),
            PropertyKey::Symbol(_) => None,
            PropertyKey::Atom(a) => {
                let units = self.heap.atom_units(a);
                // Every canonical numeric string starts with a digit, '-', 'I' or 'N'.
                let first = *units.first()?;
                let plausible = matches!(first, 0x30..=0x39 | 0x2D | 0x49 | 0x4E);
                if plausible { canonical_numeric_index_string(units) } else { None }
            }
        }
    }

    /// IsValidIntegerIndex(O, index) (§10.4.5.14): the element's byte
    /// position if it is one.
    fn typed_array_element_offset(&self, t: &TypedArrayData, index: f64) -> Option<usize> {
        // 2-3. Integral, and not -0.
        if index.fract() != 0.0 || (index == 0.0 && index.is_sign_negative()) || index < 0.0 {
            return None;
        }
        // 1, 4-6. Within the current length (detached: out of bounds).
        let len = self.typed_array_length(t)?;
        if index >= len as f64 {
            return None;
        }
        Some(t.byte_offset + index as usize * t.ty.size())
    }

    /// IsValidIntegerIndex(O, index).
    pub fn is_valid_integer_index(&self, o: Obj, index: f64) -> bool {
        self.typed_array(o).is_some_and(|t| self.typed_array_element_offset(&t, index).is_some())
    }

    /// TypedArrayGetElement(O, index) (§10.4.5.15).
    pub fn typed_array_get_element(&mut self, o: Obj, index: f64) -> Value {
        let Some(t) = self.typed_array(o) else { return Value::Undefined };
        match self.typed_array_element_offset(&t, index) {
            Some(at) => self.get_value_from_buffer(t.buffer, at, t.ty, true),
            None => Value::Undefined,
        }
    }

    /// TypedArraySetElement(O, index, value) (§10.4.5.16): converts first
    /// (which may run JavaScript, even detach the buffer), then writes if
    /// the index is still valid.
    pub fn typed_array_set_element(&mut self, o: Obj, index: f64, value: Value) -> JsResult<()> {
        let Some(t) = self.typed_array(o) else { return Ok(()) };
        // 1-2. Let numValue be ? ToBigInt(value) or ? ToNumber(value).
        let v = self.to_element_value(t.ty, value)?;
        // 3. If IsValidIntegerIndex(O, index) is true, SetValueInBuffer.
        let Some(t) = self.typed_array(o) else { return Ok(()) };
        if let Some(at) = self.typed_array_element_offset(&t, index) {
            self.set_value_in_buffer(t.buffer, at, t.ty, v, true);
        }
        Ok(())
    }

    /// [[GetOwnProperty]] (§10.4.5.1).
    pub(crate) fn typed_array_get_own_property(&mut self, o: Obj, key: PropertyKey) -> Option<Property> {
        // 1. A numeric key: the element, writable, enumerable, configurable.
        let Some(index) = self.typed_array_numeric_key(key) else {
            // 2. Return OrdinaryGetOwnProperty(O, P).
            return self.heap.get_own_raw(o, key);
        };
        match self.typed_array_get_element(o, index) {
            Value::Undefined => None,
            value => Some(Property::data(value, Attributes::ALL)),
        }
    }

    /// [[HasProperty]] for one object of the chain: `Some(answer)` when the
    /// key is numeric (the chain is not consulted), `None` otherwise.
    pub(crate) fn typed_array_has_numeric(&self, o: Obj, key: PropertyKey) -> Option<bool> {
        let index = self.typed_array_numeric_key(key)?;
        Some(self.is_valid_integer_index(o, index))
    }

    /// [[DefineOwnProperty]] (§10.4.5.3).
    pub(crate) fn typed_array_define_own_property(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
        let Some(index) = self.typed_array_numeric_key(key) else {
            // 2. Return ! OrdinaryDefineOwnProperty(O, P, Desc).
            return Ok(self.ordinary_define_own_property(o, key, desc));
        };
        // 1.b.i. If IsValidIntegerIndex(O, numericIndex) is false, return false.
        if !self.is_valid_integer_index(o, index) {
            return Ok(false);
        }
        // ii-v. Only a writable, enumerable, configurable data property.
        if desc.configurable == Some(false) || desc.enumerable == Some(false) || desc.is_accessor() || desc.writable == Some(false) {
            return Ok(false);
        }
        // vi. If Desc has a [[Value]] field, perform ? TypedArraySetElement(O, numericIndex, Desc.[[Value]]).
        if let Some(value) = desc.value {
            self.typed_array_set_element(o, index, value)?;
        }
        // vii. Return true.
        Ok(true)
    }

    /// [[Delete]] (§10.4.5.6).
    pub(crate) fn typed_array_delete(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        match self.typed_array_numeric_key(key) {
            // 1.b. Return false if the element exists, true otherwise.
            Some(index) => Ok(!self.is_valid_integer_index(o, index)),
            // 2. Return ! OrdinaryDelete(O, P).
            None => self.ordinary_delete(o, key),
        }
    }

    /// [[OwnPropertyKeys]] (§10.4.5.7): the indices (unless out of
    /// bounds), then the string keys and the symbols in creation order.
    pub(crate) fn typed_array_own_keys(&mut self, o: Obj) -> Vec<PropertyKey> {
        let len = self.typed_array(o).and_then(|t| self.typed_array_length(&t)).unwrap_or(0);
        let mut keys: Vec<PropertyKey> = (0..len as u32).map(PropertyKey::Index).collect();
        keys.extend(self.heap.own_keys_raw(o));
        keys
    }

    /// [[PreventExtensions]] (§10.4.5.2): a view whose length can still
    /// change cannot be made non-extensible.
    pub(crate) fn typed_array_prevent_extensions(&mut self, o: Obj) -> bool {
        if self.typed_array(o).is_some_and(|t| !self.is_typed_array_fixed_length(&t)) {
            return false;
        }
        self.heap.object_mut(o).extensible = false;
        true
    }
}
