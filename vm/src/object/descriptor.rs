//! Property descriptors (§6.2.6): the partial records of
//! `Object.defineProperty`, ValidateAndApplyPropertyDescriptor (§10.1.6.3),
//! and the conversions to and from descriptor objects.
//!
//! Invariant: a descriptor is never both a data and an accessor descriptor
//! (ToPropertyDescriptor rejects that); `get`/`set` are `Some(None)` for an
//! explicit `undefined`.

use super::{Attributes, ObjectKind, Property};
use crate::heap::Heap;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// A Property Descriptor: every field optional.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PropertyDescriptor {
    /// [[Value]]
    pub value: Option<Value>,
    /// [[Writable]]
    pub writable: Option<bool>,
    /// [[Get]]: `Some(None)` is an explicit undefined.
    pub get: Option<Option<Obj>>,
    /// [[Set]]: `Some(None)` is an explicit undefined.
    pub set: Option<Option<Obj>>,
    /// [[Enumerable]]
    pub enumerable: Option<bool>,
    /// [[Configurable]]
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    /// A complete data descriptor.
    pub fn data(value: Value, attrs: Attributes) -> PropertyDescriptor {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(attrs.writable()),
            enumerable: Some(attrs.enumerable()),
            configurable: Some(attrs.configurable()),
            ..Default::default()
        }
    }

    /// A complete accessor descriptor.
    pub fn accessor(get: Option<Obj>, set: Option<Obj>, attrs: Attributes) -> PropertyDescriptor {
        PropertyDescriptor {
            get: Some(get),
            set: Some(set),
            enumerable: Some(attrs.enumerable()),
            configurable: Some(attrs.configurable()),
            ..Default::default()
        }
    }

    /// Just `{ value }`.
    pub fn value_only(value: Value) -> PropertyDescriptor {
        PropertyDescriptor { value: Some(value), ..Default::default() }
    }

    /// The complete descriptor of a stored property.
    pub fn from_property(p: Property) -> PropertyDescriptor {
        match p {
            Property::Data { value, attrs } => PropertyDescriptor::data(value, attrs),
            Property::Accessor { get, set, attrs } => PropertyDescriptor::accessor(get, set, attrs),
        }
    }

    /// IsAccessorDescriptor.
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    /// IsDataDescriptor.
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }

    /// IsGenericDescriptor.
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }

    /// Has no field at all.
    pub fn is_empty(&self) -> bool {
        self.is_generic() && self.enumerable.is_none() && self.configurable.is_none()
    }

    /// CompletePropertyDescriptor (§6.2.6.6).
    pub fn complete(&mut self) {
        if self.is_generic() || self.is_data() {
            self.value.get_or_insert(Value::Undefined);
            self.writable.get_or_insert(false);
        } else {
            self.get.get_or_insert(None);
            self.set.get_or_insert(None);
        }
        self.enumerable.get_or_insert(false);
        self.configurable.get_or_insert(false);
    }

    /// The property this descriptor creates on a fresh key (absent fields
    /// take their defaults).
    pub fn to_property(&self) -> Property {
        let attrs = Attributes::new(
            self.writable.unwrap_or(false),
            self.enumerable.unwrap_or(false),
            self.configurable.unwrap_or(false),
        );
        if self.is_accessor() {
            Property::accessor(self.get.flatten(), self.set.flatten(), attrs)
        } else {
            Property::data(self.value.unwrap_or(Value::Undefined), attrs)
        }
    }
}

/// SameValue (§7.2.10), on the heap's representations.
pub(crate) fn same_value(heap: &Heap, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.is_nan() && y.is_nan()) || (x == y && x.is_sign_negative() == y.is_sign_negative())
        }
        (Value::String(x), Value::String(y)) => heap.string_eq(x, y),
        (Value::BigInt(x), Value::BigInt(y)) => x == y || heap.bigint(x) == heap.bigint(y),
        _ => a == b,
    }
}

/// Steps 5-6 of ValidateAndApplyPropertyDescriptor for an existing
/// property: `Some(new)` to apply, `None` to refuse; `Some(current)`
/// when nothing changes.
fn validate_existing(heap: &Heap, desc: &PropertyDescriptor, current: Property) -> Option<Property> {
    let cur_attrs = current.attrs();
    // 5. If current.[[Configurable]] is false, then
    if !cur_attrs.configurable() {
        // a. Desc.[[Configurable]] true → false.
        if desc.configurable == Some(true) {
            return None;
        }
        // b. Desc.[[Enumerable]] differs → false.
        if desc.enumerable.is_some_and(|e| e != cur_attrs.enumerable()) {
            return None;
        }
        // c. Changing between data and accessor → false.
        if !desc.is_generic() && desc.is_accessor() != current.is_accessor() {
            return None;
        }
        match current {
            // d. Accessor: [[Get]] and [[Set]] must be the same.
            Property::Accessor { get, set, .. } => {
                if desc.get.is_some_and(|g| g != get) || desc.set.is_some_and(|s| s != set) {
                    return None;
                }
            }
            // e. Non-writable data: no writable, value only if the same.
            Property::Data { value, .. } if !cur_attrs.writable() => {
                if desc.writable == Some(true) {
                    return None;
                }
                if desc.value.is_some_and(|v| !same_value(heap, v, value)) {
                    return None;
                }
                return Some(current);
            }
            Property::Data { .. } => {}
        }
    }
    // 6. Apply.
    let configurable = desc.configurable.unwrap_or(cur_attrs.configurable());
    let enumerable = desc.enumerable.unwrap_or(cur_attrs.enumerable());
    Some(match current {
        // 6.a data → accessor.
        Property::Data { .. } if desc.is_accessor() => Property::accessor(
            desc.get.flatten(),
            desc.set.flatten(),
            Attributes::new(false, enumerable, configurable),
        ),
        // 6.b accessor → data.
        Property::Accessor { .. } if desc.is_data() => Property::data(
            desc.value.unwrap_or(Value::Undefined),
            Attributes::new(desc.writable.unwrap_or(false), enumerable, configurable),
        ),
        // 6.c each field of Desc.
        Property::Data { value, attrs } => Property::data(
            desc.value.unwrap_or(value),
            Attributes::new(desc.writable.unwrap_or(attrs.writable()), enumerable, configurable),
        ),
        Property::Accessor { get, set, .. } => Property::accessor(
            desc.get.unwrap_or(get),
            desc.set.unwrap_or(set),
            Attributes::new(false, enumerable, configurable),
        ),
    })
}

impl Heap {
    /// ValidateAndApplyPropertyDescriptor (§10.1.6.3) on raw storage. With
    /// `o == None` it only validates (IsCompatiblePropertyDescriptor).
    pub fn validate_and_apply(
        &mut self,
        o: Option<Obj>,
        key: PropertyKey,
        extensible: bool,
        desc: &PropertyDescriptor,
        current: Option<Property>,
    ) -> bool {
        // 2. If current is undefined, then
        let Some(current) = current else {
            // a. If extensible is false, return false.
            if !extensible {
                return false;
            }
            // b-e. Create the property from Desc with defaults.
            if let Some(o) = o {
                self.set_property_raw(o, key, desc.to_property());
            }
            return true;
        };
        // 4. If Desc does not have any fields, return true.
        if desc.is_empty() {
            return true;
        }
        match validate_existing(self, desc, current) {
            None => false,
            Some(new) => {
                if let Some(o) = o {
                    if new != current {
                        self.set_property_raw(o, key, new);
                    }
                }
                true
            }
        }
    }
}

impl Vm {
    /// FromPropertyDescriptor (§6.2.6.4): a plain object with the fields.
    pub fn from_property_descriptor(&mut self, desc: &PropertyDescriptor) -> Obj {
        let proto = self.realm.intrinsics.object_prototype;
        let o = self.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
        let n = self.heap.names;
        let put = |heap: &mut Heap, name, v| heap.define_raw(o, PropertyKey::Atom(name), v, Attributes::ALL);
        let opt = |f: Option<Obj>| f.map_or(Value::Undefined, Value::Object);
        if let Some(v) = desc.value {
            put(&mut self.heap, n.value, v);
        }
        if let Some(w) = desc.writable {
            put(&mut self.heap, n.writable, Value::Bool(w));
        }
        if let Some(g) = desc.get {
            put(&mut self.heap, n.get, opt(g));
        }
        if let Some(s) = desc.set {
            put(&mut self.heap, n.set, opt(s));
        }
        if let Some(e) = desc.enumerable {
            put(&mut self.heap, n.enumerable, Value::Bool(e));
        }
        if let Some(c) = desc.configurable {
            put(&mut self.heap, n.configurable, Value::Bool(c));
        }
        o
    }

    /// ToPropertyDescriptor (§6.2.6.5).
    pub fn to_property_descriptor(&mut self, obj: Value) -> JsResult<PropertyDescriptor> {
        // 1. If Obj is not an Object, throw a TypeError exception.
        let Value::Object(o) = obj else {
            let s = self.describe(obj);
            return self.type_error(&format!("Property description must be an object: {s}"));
        };
        let n = self.heap.names;
        let mut desc = PropertyDescriptor::default();
        // 3-14. Each field, in order: enumerable, configurable, value,
        // writable, get, set.
        if let Some(v) = self.get_field(o, n.enumerable)? {
            desc.enumerable = Some(self.to_boolean(v));
        }
        if let Some(v) = self.get_field(o, n.configurable)? {
            desc.configurable = Some(self.to_boolean(v));
        }
        desc.value = self.get_field(o, n.value)?;
        if let Some(v) = self.get_field(o, n.writable)? {
            desc.writable = Some(self.to_boolean(v));
        }
        if let Some(g) = self.get_field(o, n.get)? {
            desc.get = Some(self.accessor_function(g, "Getter")?);
        }
        if let Some(s) = self.get_field(o, n.set)? {
            desc.set = Some(self.accessor_function(s, "Setter")?);
        }
        // 15. Both accessor and data fields → TypeError.
        if desc.is_accessor() && desc.is_data() {
            return self.type_error(
                "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute",
            );
        }
        Ok(desc)
    }

    /// `HasProperty(o, name) ? Get(o, name)`.
    fn get_field(&mut self, o: Obj, name: crate::value::Atom) -> JsResult<Option<Value>> {
        let key = PropertyKey::Atom(name);
        if !self.has_property(o, key)? {
            return Ok(None);
        }
        self.get(o, key, Value::Object(o)).map(Some)
    }

    /// A getter or setter field: callable or undefined.
    fn accessor_function(&mut self, f: Value, what: &str) -> JsResult<Option<Obj>> {
        match f {
            Value::Undefined => Ok(None),
            Value::Object(o) if self.is_callable(f) => Ok(Some(o)),
            _ => {
                let s = self.describe(f);
                self.type_error(&format!("{what} must be a function: {s}"))
            }
        }
    }
}
