//! Property instructions beyond the inline-cached fast paths: keyed
//! access (with its dense-element fast paths: a present element read or
//! overwritten, a new one added in place), access on primitives, `super` references, methods and
//! accessors in literals and classes, object spread and rest, and private
//! names.

use crate::object::{storage_of, Attributes, ObjectKind, Property, PropertyDescriptor, Storage};
use crate::bytecode::Reg;
use crate::value::{Atom, Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// The array index a Number denotes, if it is one: ToPropertyKey's fast
/// case (an integral Number in 0 ..= 2^32 - 2; -0 is index 0). The casts
/// saturate, so out-of-range and NaN inputs fail the round trip.
#[inline(always)]
pub(crate) fn number_index(n: f64) -> Option<u32> {
    let i = n as u32;
    (f64::from(i) == n && i != u32::MAX).then_some(i)
}

impl Vm {
    /// The slot of `base[key]` when `key` is an index Number and `base` an
    /// object with that element present in dense storage (a plain data
    /// property, so [[Get]] is its value); `None`: take [`Vm::get_elem`].
    #[inline(always)]
    fn dense_elem(&self, base: Value, key: Value) -> Option<&Value> {
        let (Value::Object(o), Value::Number(n)) = (base, key) else { return None };
        let i = number_index(n)?;
        let obj = self.heap.object(o);
        (storage_of(&obj.kind) == Storage::Plain).then(|| obj.elements.dense_slot(i)).flatten()
    }

    /// `base[key] = value` when `key` is an index Number and `base` an
    /// object with dense elements where that element is present (so
    /// writable: [[Set]] overwrites it) or may be added in place
    /// ([`Vm::add_element_fast`]); false: take [`Vm::set_elem`].
    #[inline(always)]
    fn set_dense_elem(&mut self, base: Value, key: Value, value: Value) -> bool {
        let (Value::Object(o), Value::Number(n)) = (base, key) else { return false };
        let Some(i) = number_index(n) else { return false };
        let obj = self.heap.object_mut(o);
        storage_of(&obj.kind) == Storage::Plain && (obj.elements.dense_set(i, value) || self.add_element_fast(o, i, value))
    }

    /// `GetElem`: `base[key]` into the register at `dst`. Out of the
    /// dispatch loop (its fast path inlined there made every other
    /// instruction slower). A dense hit copies the element's 16 bytes
    /// straight into the register: a Value moved through a local is copied
    /// in narrow pieces via the stack, whose read-back stalls on store
    /// forwarding.
    #[inline(never)]
    pub(crate) fn get_elem_into(&mut self, base: Value, key: Value, dst: *mut Value) -> JsResult<()> {
        if let Some(src) = self.dense_elem(base, key) {
            // SAFETY: `src` is a live element and `dst` a register of the
            // running frame (distinct allocations, both valid here).
            #[allow(unsafe_code)]
            unsafe { std::ptr::copy_nonoverlapping(src, dst, 1) };
            return Ok(());
        }
        let v = self.get_elem(base, key)?;
        // SAFETY: `dst` points into the register stack, whose storage never
        // moves, so it is valid after `get_elem` ran JavaScript.
        #[allow(unsafe_code)]
        unsafe { *dst = v };
        Ok(())
    }

    /// `SetElem`: `base[key] = value` (a TypeError on failure in strict
    /// code), with the dense fast path; out of the dispatch loop as
    /// [`Vm::get_elem_into`].
    #[inline(never)]
    pub(crate) fn set_elem_fast(&mut self, base: Value, key: Value, value: Value, strict: bool) -> JsResult<()> {
        if self.set_dense_elem(base, key, value) {
            return Ok(());
        }
        self.set_elem(base, key, value, strict)
    }

    /// `base[key]`.
    pub(crate) fn get_elem(&mut self, base: Value, key: Value) -> JsResult<Value> {
        if base.is_nullish() {
            return self.nullish_access_error(base, key);
        }
        let key = self.to_property_key(key)?;
        match base {
            Value::Object(o) => self.get(o, key, base),
            _ => self.get_v(base, key),
        }
    }

    /// `base.name` for a primitive base (its prototype's property).
    pub(crate) fn get_primitive_field(&mut self, base: Value, name: Atom) -> JsResult<Value> {
        if base.is_nullish() {
            let key = self.heap.atom_string(name);
            return self.nullish_access_error(base, Value::String(key));
        }
        self.get_v(base, PropertyKey::Atom(name))
    }

    fn nullish_access_error<T>(&mut self, base: Value, key: Value) -> JsResult<T> {
        let what = if base == Value::Null { "null" } else { "undefined" };
        let key = match key {
            Value::String(s) => self.heap.to_rust_string(s),
            Value::Number(n) => n.to_string(),
            _ => String::from("property"),
        };
        self.type_error(&format!("Cannot read properties of {what} (reading '{key}')"))
    }

    /// `base[key] = value`.
    pub(crate) fn set_elem(&mut self, base: Value, key: Value, value: Value, strict: bool) -> JsResult<()> {
        if base.is_nullish() {
            let what = if base == Value::Null { "null" } else { "undefined" };
            return self.type_error(&format!("Cannot set properties of {what}"));
        }
        let key = self.to_property_key(key)?;
        match base {
            Value::Object(o) => {
                let ok = self.set(o, key, value, base)?;
                if !ok && strict {
                    return self.type_error("Cannot assign to read only property");
                }
                Ok(())
            }
            _ => self.set_primitive(base, key, value, strict),
        }
    }

    /// Assignment to a property of a primitive: runs setters found on the
    /// prototype; otherwise fails (a TypeError in strict code).
    pub(crate) fn set_primitive(&mut self, base: Value, key: PropertyKey, value: Value, strict: bool) -> JsResult<()> {
        if base.is_nullish() {
            return self.type_error("Cannot set properties of undefined");
        }
        let proto = self.to_object(base)?;
        let ok = self.set(proto, key, value, base)?;
        if !ok && strict {
            return self.type_error("Cannot create property on primitive value");
        }
        Ok(())
    }

    /// `delete base[key]`.
    pub(crate) fn delete_elem(&mut self, base: Value, key: Value, strict: bool) -> JsResult<bool> {
        let o = self.to_object(base)?;
        let key = self.to_property_key(key)?;
        let ok = self.delete(o, key)?;
        if !ok && strict {
            return self.type_error("Cannot delete property");
        }
        Ok(ok)
    }

    /// The [[HomeObject]] of the running method (an arrow has its
    /// enclosing method's, copied when the arrow is made).
    pub(super) fn home_object(&self) -> Option<Obj> {
        let f = self.interp.frames.last()?.function?;
        match &self.heap.object(f).kind {
            ObjectKind::Closure(c) => c.home_object,
            _ => None,
        }
    }

    /// GetSuperBase (§9.1.1.3.5): the home object's [[Prototype]], null
    /// when it has none; undefined without a home object (code that
    /// cannot contain `super` property references).
    pub(crate) fn super_base(&mut self) -> JsResult<Value> {
        let Some(home) = self.home_object() else { return Ok(Value::Undefined) };
        Ok(self.get_prototype_of(home)?.map_or(Value::Null, Value::Object))
    }

    /// GetValue of the super reference whose `this` is register `this` (its
    /// base in the register above) and whose key is register `key`.
    pub(crate) fn get_super(&mut self, this: Reg, key: Reg) -> JsResult<Value> {
        let (base, k) = self.super_reference(this, key)?;
        self.get(base, k, self.r_checked(this))
    }

    /// PutValue of `value` into that super reference (a TypeError for a
    /// failed set in strict code).
    pub(crate) fn set_super(&mut self, this: Reg, key: Reg, value: Value, strict: bool) -> JsResult<()> {
        let (base, k) = self.super_reference(this, key)?;
        if !self.set(base, k, value, self.r_checked(this))? && strict {
            return self.type_error("Cannot assign to read only property");
        }
        Ok(())
    }

    /// The base and key of that super reference: GetValue / PutValue steps
    /// 3.a-b, ToObject of the base (a TypeError for null) and then
    /// ToPropertyKey of the key, written back so that a compound
    /// assignment converts it once.
    fn super_reference(&mut self, this: Reg, key: Reg) -> JsResult<(Obj, PropertyKey)> {
        let Value::Object(base) = self.r_checked(Reg(this.0 + 1)) else {
            return self.type_error("Cannot access properties of null (super)");
        };
        let raw = self.r_checked(key);
        let k = self.to_property_key(raw)?;
        if !matches!(raw, Value::String(_) | Value::Symbol(_)) {
            let converted = self.heap.key_to_value(k);
            self.set_r_checked(key, converted);
        }
        Ok((base, k))
    }

    /// Defines a method (kind 0), getter (1) or setter (2) on `obj`, and
    /// makes `obj` the function's home object; also names the function.
    pub(crate) fn define_method(&mut self, obj: Value, key: Value, func: Value, kind: u16, enumerable: bool) -> JsResult<()> {
        let (Value::Object(o), Value::Object(f)) = (obj, func) else { return Ok(()) };
        let key = self.to_property_key(key)?;
        if let ObjectKind::Closure(c) = &mut self.heap.object_mut(f).kind {
            c.home_object = Some(o);
        }
        let prefix = match kind {
            1 => Some("get"),
            2 => Some("set"),
            _ => None,
        };
        self.set_function_name(f, key, prefix)?;
        let mut attrs = Attributes::CONFIGURABLE;
        if enumerable {
            attrs = attrs | Attributes::ENUMERABLE;
        }
        let desc = match kind {
            1 => PropertyDescriptor { get: Some(Some(f)), enumerable: Some(enumerable), configurable: Some(true), ..PropertyDescriptor::default() },
            2 => PropertyDescriptor { set: Some(Some(f)), enumerable: Some(enumerable), configurable: Some(true), ..PropertyDescriptor::default() },
            _ => PropertyDescriptor::data(func, attrs | Attributes::WRITABLE),
        };
        self.define_property_or_throw(o, key, desc)?;
        Ok(())
    }

    /// SetFunctionName: defines `name` on function `f` from `key`.
    pub fn set_function_name(&mut self, f: Obj, key: PropertyKey, prefix: Option<&str>) -> JsResult<()> {
        let base = match key {
            // A Private Name is named by its description, `#x`.
            PropertyKey::Symbol(s) if self.heap.is_private_name(s) => {
                self.heap.symbol_description(s).map(|d| self.heap.to_rust_string(d)).unwrap_or_default()
            }
            PropertyKey::Symbol(s) => match self.heap.symbol_description(s) {
                Some(d) => format!("[{}]", self.heap.to_rust_string(d)),
                None => String::new(),
            },
            PropertyKey::Atom(a) => self.atom_text(a),
            PropertyKey::Index(i) => i.to_string(),
        };
        let name = match prefix {
            Some(p) => format!("{p} {base}"),
            None => base,
        };
        let value = self.string(&name);
        let key = PropertyKey::Atom(self.heap.intern_str("name"));
        self.heap.define_raw(f, key, value, Attributes::CONFIGURABLE);
        Ok(())
    }

    /// CopyDataProperties(target, source, excluded keys in the array `excluded`).
    pub(crate) fn copy_data_properties(&mut self, target: Value, source: Value, excluded: Option<Value>) -> JsResult<()> {
        let Value::Object(t) = target else { return Ok(()) };
        if source.is_nullish() {
            if excluded.is_some() {
                return self.type_error("Cannot destructure 'undefined' or 'null'.");
            }
            return Ok(());
        }
        let from = self.to_object(source)?;
        let mut skip = Vec::new();
        if let Some(Value::Object(list)) = excluded {
            for v in self.create_list_from_array_like(list)? {
                skip.push(self.to_property_key(v)?);
            }
        }
        for key in self.own_property_keys(from)? {
            if skip.contains(&key) {
                continue;
            }
            if let Some(p) = self.get_own_property(from, key)? {
                if p.attributes().enumerable() {
                    let v = self.get(from, key, Value::Object(from))?;
                    self.create_data_property_or_throw(t, key, v)?;
                }
            }
        }
        Ok(())
    }

    // ----- private names -----

    fn private_key(&mut self, name: Value) -> JsResult<PropertyKey> {
        match name {
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s)),
            _ => self.type_error("invalid private name"),
        }
    }

    fn private_missing<T>(&mut self, name: Value) -> JsResult<T> {
        let desc = match name {
            Value::Symbol(s) => self.heap.symbol_description(s).map(|d| self.heap.to_rust_string(d)).unwrap_or_default(),
            _ => String::new(),
        };
        self.type_error(&format!("Cannot read private member {desc} from an object whose class did not declare it"))
    }

    /// `obj.#name`.
    pub(crate) fn get_private(&mut self, obj: Value, name: Value) -> JsResult<Value> {
        let key = self.private_key(name)?;
        let Value::Object(o) = obj else { return self.private_missing(name) };
        match self.heap.get_own_raw(o, key) {
            Some(Property::Data { value, .. }) => Ok(value),
            Some(Property::Accessor { get: Some(g), .. }) => self.call(Value::Object(g), obj, &[]),
            Some(Property::Accessor { .. }) => self.type_error("'#x' was defined without a getter"),
            None => self.private_missing(name),
        }
    }

    /// `obj.#name = value`.
    pub(crate) fn set_private(&mut self, obj: Value, name: Value, value: Value) -> JsResult<()> {
        let key = self.private_key(name)?;
        let Value::Object(o) = obj else { return self.private_missing(name) };
        match self.heap.get_own_raw(o, key) {
            Some(Property::Data { attrs, .. }) if attrs.writable() => {
                self.heap.define_raw(o, key, value, attrs);
                Ok(())
            }
            Some(Property::Data { .. }) => self.type_error("Private method is not writable"),
            Some(Property::Accessor { set: Some(s), .. }) => self.call(Value::Object(s), obj, &[value]).map(|_| ()),
            Some(Property::Accessor { .. }) => self.type_error("'#x' was defined without a setter"),
            None => self.private_missing(name),
        }
    }

    /// `#name in obj`.
    pub(crate) fn has_private(&mut self, obj: Value, name: Value) -> JsResult<bool> {
        let key = self.private_key(name)?;
        let Value::Object(o) = obj else {
            return self.type_error("Cannot use 'in' operator to search for a private field in a non-object");
        };
        Ok(self.heap.get_own_raw(o, key).is_some())
    }

    /// PrivateFieldAdd.
    pub(crate) fn define_private(&mut self, obj: Value, name: Value, value: Value) -> JsResult<()> {
        let key = self.private_key(name)?;
        let Value::Object(o) = obj else { return Ok(()) };
        if self.heap.get_own_raw(o, key).is_some() {
            return self.type_error("Cannot initialize private field twice on the same object");
        }
        self.heap.define_raw(o, key, value, Attributes::WRITABLE);
        Ok(())
    }

    /// PrivateMethodOrAccessorAdd: kind 0 method, 1 getter, 2 setter.
    pub(crate) fn define_private_method(&mut self, obj: Value, name: Value, func: Value, kind: u16) -> JsResult<()> {
        let key = self.private_key(name)?;
        let (Value::Object(o), Value::Object(f)) = (obj, func) else { return Ok(()) };
        let existing = self.heap.get_own_raw(o, key);
        match (kind, existing) {
            (0, None) => self.heap.define_raw(o, key, func, Attributes::NONE),
            (1, None) => self.heap.define_accessor_raw(o, key, Some(f), None, Attributes::NONE),
            (2, None) => self.heap.define_accessor_raw(o, key, None, Some(f), Attributes::NONE),
            (1, Some(Property::Accessor { get: None, set, .. })) => self.heap.define_accessor_raw(o, key, Some(f), set, Attributes::NONE),
            (2, Some(Property::Accessor { get, set: None, .. })) => self.heap.define_accessor_raw(o, key, get, Some(f), Attributes::NONE),
            _ => return self.type_error("Cannot initialize private methods twice on the same object"),
        }
        Ok(())
    }
}
