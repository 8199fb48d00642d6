//! Array exotic objects (§10.4.2): [[DefineOwnProperty]] with the `length`
//! and index rules, ArraySetLength, ArrayCreate, IsArray, and raw helpers
//! for building arrays quickly.
//!
//! Invariant: an array's `length` is its elements' length (see
//! `elements.rs`); every index present is below it.

use super::elements::Elements;
use super::{ObjectKind, PropertyDescriptor};
use crate::heap::Heap;
use crate::ops::int_conversions::to_uint32;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

impl Heap {
    /// A new array with prototype `proto` and these elements
    /// (`Value::Empty` makes a hole).
    pub fn create_array(&mut self, proto: Obj, values: &[Value]) -> Obj {
        let o = self.alloc_object(Some(proto), ObjectKind::Array);
        self.note_growth(std::mem::size_of_val(values));
        self.object_mut(o).elements = Elements::from_values(values.to_vec());
        o
    }

    /// An array's `length` (0 for other objects' elements).
    pub fn array_length(&self, o: Obj) -> u32 {
        self.object(o).elements.length()
    }

    /// Appends `value` at index `length` of array `o` (array literals,
    /// built-ins that made the array themselves). Does nothing if the
    /// length is not writable or at its maximum.
    pub fn array_push_raw(&mut self, o: Obj, value: Value) {
        self.note_growth(std::mem::size_of::<Value>());
        let pushed = self.object_mut(o).elements.push(value);
        debug_assert!(pushed, "array_push_raw on a full or frozen array");
    }

    /// The elements of `o` when stored densely (holes are `Value::Empty`):
    /// a fast path for spreading and copying arrays.
    pub fn dense_elements(&self, o: Obj) -> Option<&[Value]> {
        self.object(o).elements.dense_values()
    }
}

impl Vm {
    /// CreateArrayFromList: a new array of the realm with these elements.
    pub fn create_array(&mut self, values: &[Value]) -> Obj {
        let proto = self.realm.intrinsics.array_prototype;
        self.heap.create_array(proto, values)
    }

    /// ArrayCreate(length, proto) (§10.4.2.2).
    pub fn array_create(&mut self, length: u64, proto: Option<Obj>) -> JsResult<Obj> {
        // 1. If length > 2^32 - 1, throw a RangeError exception.
        if length > u64::from(u32::MAX) {
            return self.range_error("Invalid array length");
        }
        // 2-5. A new Array with that prototype and length.
        let proto = proto.unwrap_or(self.realm.intrinsics.array_prototype);
        let a = self.heap.create_array(proto, &[]);
        self.heap.object_mut(a).elements.set_length(length as u32);
        Ok(a)
    }

    /// IsArray(argument) (§7.2.2): sees through proxies.
    pub fn is_array(&mut self, value: Value) -> JsResult<bool> {
        let mut v = value;
        loop {
            let Value::Object(o) = v else { return Ok(false) };
            match &self.heap.object(o).kind {
                ObjectKind::Array => return Ok(true),
                ObjectKind::Proxy(p) => match (p.handler, p.target) {
                    (Some(_), Some(t)) => v = Value::Object(t),
                    _ => return self.type_error("Cannot perform 'IsArray' on a proxy that has been revoked"),
                },
                _ => return Ok(false),
            }
        }
    }

    /// [[DefineOwnProperty]] of an Array (§10.4.2.1).
    pub(crate) fn array_define_own_property(&mut self, a: Obj, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
        match key {
            // 1. If P is "length", return ? ArraySetLength(A, Desc).
            PropertyKey::Atom(name) if name == self.heap.names.length => self.array_set_length(a, desc),
            // 2. Else if P is an array index, then
            PropertyKey::Index(index) => {
                let e = &self.heap.object(a).elements;
                // f. If index ≥ length and lengthDesc.[[Writable]] is false, return false.
                if index >= e.length() && !e.length_writable() {
                    return Ok(false);
                }
                // g-j. OrdinaryDefineOwnProperty; the length follows the index.
                Ok(self.ordinary_define_own_property(a, key, desc))
            }
            // 3. Return ? OrdinaryDefineOwnProperty(A, P, Desc).
            _ => Ok(self.ordinary_define_own_property(a, key, desc)),
        }
    }

    /// ArraySetLength(A, Desc) (§10.4.2.4).
    fn array_set_length(&mut self, a: Obj, desc: PropertyDescriptor) -> JsResult<bool> {
        let length = PropertyKey::Atom(self.heap.names.length);
        // 1. If Desc does not have a [[Value]] field, return OrdinaryDefineOwnProperty(A, "length", Desc).
        let Some(value) = desc.value else {
            return Ok(self.ordinary_define_own_property(a, length, desc));
        };
        // 2-5. newLen = ToUint32(Desc.[[Value]]), which must equal ToNumber(Desc.[[Value]]).
        let new_len = to_uint32(self.to_number(value)?);
        let number_len = self.to_number(value)?;
        if f64::from(new_len) != number_len {
            return self.range_error("Invalid array length");
        }
        // 6. Set newLenDesc.[[Value]] to newLen.
        let mut new_desc = desc;
        new_desc.value = Some(Value::Number(f64::from(new_len)));
        // 7-10. oldLen.
        let e = &self.heap.object(a).elements;
        let (old_len, old_writable) = (e.length(), e.length_writable());
        // 11. If newLen ≥ oldLen, return OrdinaryDefineOwnProperty(A, "length", newLenDesc).
        if new_len >= old_len {
            return Ok(self.ordinary_define_own_property(a, length, new_desc));
        }
        // 12. If oldLenDesc.[[Writable]] is false, return false.
        if !old_writable {
            return Ok(false);
        }
        // 13-14. Making it non-writable is deferred until the deletions are done.
        let new_writable = new_desc.writable != Some(false);
        if !new_writable {
            new_desc.writable = Some(true);
        }
        // 15-16. Define the new length (which deletes the elements from the
        // end down, stopping at a non-configurable one: step 17).
        if !self.ordinary_define_own_property(a, length, new_desc) {
            return Ok(false);
        }
        let deleted_all = self.heap.object(a).elements.length() == new_len;
        // 17.b.ii / 18. Now make it non-writable if asked.
        if !new_writable {
            self.heap.object_mut(a).elements.set_length_writable(false);
        }
        // 17.b.iv / 19.
        Ok(deleted_all)
    }
}
