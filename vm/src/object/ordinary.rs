//! The essential internal methods (§6.1.7.2) dispatched by kind, and their
//! ordinary versions (§10.1). Exotic objects override some of them in
//! `array.rs`, `string_exotic.rs`, `arguments.rs`, `typed_array.rs` and
//! `proxy.rs`.
//!
//! [[Get]], [[Set]] and [[HasProperty]] walk the prototype chain in a loop
//! (not by recursion), so long chains cannot overflow the Rust stack; only a
//! Proxy on the chain takes over by calling its own method.

use super::{Attributes, ObjectKind, Property, PropertyDescriptor};
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// How an object's own-property methods behave for one key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Storage {
    /// Raw storage is the whole truth.
    Plain,
    /// String wrapper or arguments object: the exotic [[GetOwnProperty]].
    Exotic,
    /// A Proxy: every method is a trap.
    Proxy,
    /// A typed array: numeric keys are its elements (§10.4.5).
    Typed,
}

/// The [`Storage`] of objects of `kind`.
#[inline(always)]
pub(crate) fn storage_of(kind: &ObjectKind) -> Storage {
    match kind {
        ObjectKind::Proxy(_) => Storage::Proxy,
        ObjectKind::String(_) | ObjectKind::Arguments(_) | ObjectKind::ModuleNamespace(_) => Storage::Exotic,
        ObjectKind::TypedArray(_) => Storage::Typed,
        _ => Storage::Plain,
    }
}

impl Vm {
    fn storage(&self, o: Obj) -> Storage {
        storage_of(&self.heap.object(o).kind)
    }

    /// O.[[GetPrototypeOf]]().
    pub fn get_prototype_of(&mut self, o: Obj) -> JsResult<Option<Obj>> {
        match self.storage(o) {
            Storage::Proxy => self.proxy_get_prototype_of(o),
            _ => Ok(self.heap.object(o).proto),
        }
    }

    /// O.[[SetPrototypeOf]](V).
    pub fn set_prototype_of(&mut self, o: Obj, v: Option<Obj>) -> JsResult<bool> {
        match self.storage(o) {
            Storage::Proxy => self.proxy_set_prototype_of(o, v),
            _ => Ok(self.ordinary_set_prototype_of(o, v)),
        }
    }

    /// OrdinarySetPrototypeOf (§10.1.2.1); %Object.prototype% is an
    /// immutable prototype exotic object (§10.4.7).
    pub fn ordinary_set_prototype_of(&mut self, o: Obj, v: Option<Obj>) -> bool {
        // 1-2. If SameValue(V, current) is true, return true.
        let current = self.heap.object(o).proto;
        if v == current {
            return true;
        }
        if o == self.realm.intrinsics.object_prototype {
            return false;
        }
        // 3-4. If extensible is false, return false.
        if !self.heap.object(o).extensible {
            return false;
        }
        // 5-7. Refuse a cycle; stop at a non-ordinary [[GetPrototypeOf]].
        let mut p = v;
        while let Some(q) = p {
            if q == o {
                return false;
            }
            if self.heap.object(q).is_proxy() {
                break;
            }
            p = self.heap.object(q).proto;
        }
        // 8. Set O.[[Prototype]] to V.
        self.heap.object_mut(o).proto = v;
        true
    }

    /// O.[[IsExtensible]]().
    pub fn is_extensible(&mut self, o: Obj) -> JsResult<bool> {
        match self.storage(o) {
            Storage::Proxy => self.proxy_is_extensible(o),
            _ => Ok(self.heap.object(o).extensible),
        }
    }

    /// O.[[PreventExtensions]]().
    pub fn prevent_extensions(&mut self, o: Obj) -> JsResult<bool> {
        match self.storage(o) {
            Storage::Proxy => self.proxy_prevent_extensions(o),
            Storage::Typed => Ok(self.typed_array_prevent_extensions(o)),
            _ => {
                self.heap.object_mut(o).extensible = false;
                Ok(true)
            }
        }
    }

    /// O.[[GetOwnProperty]](P).
    pub fn get_own_property(&mut self, o: Obj, key: PropertyKey) -> JsResult<Option<Property>> {
        match self.heap.object(o).kind {
            ObjectKind::Proxy(_) => self.proxy_get_own_property(o, key),
            ObjectKind::String(s) => Ok(self.string_get_own_property(o, s, key)),
            ObjectKind::Arguments(_) => Ok(self.arguments_get_own_property(o, key)),
            ObjectKind::TypedArray(_) => Ok(self.typed_array_get_own_property(o, key)),
            ObjectKind::ModuleNamespace(_) => self.namespace_get_own_property(o, key),
            _ => Ok(self.heap.get_own_raw(o, key)),
        }
    }

    /// O.[[DefineOwnProperty]](P, Desc).
    pub fn define_own_property(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
        match self.heap.object(o).kind {
            ObjectKind::Proxy(_) => self.proxy_define_own_property(o, key, desc),
            ObjectKind::Array => self.array_define_own_property(o, key, desc),
            ObjectKind::String(s) => Ok(self.string_define_own_property(o, s, key, desc)),
            ObjectKind::Arguments(_) => Ok(self.arguments_define_own_property(o, key, desc)),
            ObjectKind::TypedArray(_) => self.typed_array_define_own_property(o, key, desc),
            ObjectKind::ModuleNamespace(_) => self.namespace_define_own_property(o, key, desc),
            _ => Ok(self.ordinary_define_own_property(o, key, desc)),
        }
    }

    /// OrdinaryDefineOwnProperty (§10.1.6.1) over raw storage.
    pub(crate) fn ordinary_define_own_property(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        // 1. Let current be ? O.[[GetOwnProperty]](P).
        let current = self.heap.get_own_raw(o, key);
        // 2. Let extensible be ? IsExtensible(O).
        let extensible = self.heap.object(o).extensible;
        // 3. Return ValidateAndApplyPropertyDescriptor(O, P, extensible, Desc, current).
        self.heap.validate_and_apply(Some(o), key, extensible, &desc, current)
    }

    /// O.[[HasProperty]](P): OrdinaryHasProperty along the chain.
    pub fn has_property(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        let mut cur = o;
        loop {
            // 1. Let hasOwn be ? O.[[GetOwnProperty]](P).
            if let ObjectKind::ModuleNamespace(_) = self.heap.object(cur).kind {
                return Ok(self.namespace_has(cur, key));
            }
            let own = match self.storage(cur) {
                Storage::Proxy => return self.proxy_has(cur, key),
                Storage::Typed => match self.typed_array_has_numeric(cur, key) {
                    Some(has) => return Ok(has),
                    None => self.heap.get_own_raw(cur, key).is_some(),
                },
                Storage::Exotic => self.get_own_property(cur, key)?.is_some(),
                Storage::Plain => self.heap.get_own_raw(cur, key).is_some(),
            };
            // 2. If hasOwn is not undefined, return true.
            if own {
                return Ok(true);
            }
            // 3-5. Return ? parent.[[HasProperty]](P), or false.
            match self.heap.object(cur).proto {
                Some(p) => cur = p,
                None => return Ok(false),
            }
        }
    }

    /// O.[[Get]](P, Receiver): OrdinaryGet along the chain.
    pub fn get(&mut self, o: Obj, key: PropertyKey, receiver: Value) -> JsResult<Value> {
        if let Some(v) = self.dense_element(o, key) {
            return Ok(v);
        }
        let mut cur = o;
        loop {
            // 1. Let desc be ? O.[[GetOwnProperty]](P).
            let own = match self.storage(cur) {
                Storage::Proxy => return self.proxy_get(cur, key, receiver),
                // §10.4.5.4: a numeric key is the element (or undefined).
                Storage::Typed => match self.typed_array_numeric_key(key) {
                    Some(index) => return Ok(self.typed_array_get_element(cur, index)),
                    None => self.heap.get_own_raw(cur, key),
                },
                Storage::Exotic => self.get_own_property(cur, key)?,
                Storage::Plain => self.heap.get_own_raw(cur, key),
            };
            match own {
                // 3-8. A data value, or the getter's result.
                Some(p) => return self.property_value(p, receiver),
                // 2. If desc is undefined: parent.[[Get]](P, Receiver), or undefined.
                None => match self.heap.object(cur).proto {
                    Some(p) => cur = p,
                    None => return Ok(Value::Undefined),
                },
            }
        }
    }

    /// Fast path: a present dense element of a plain object (arguments
    /// objects excluded: their mapped elements live in the environment).
    fn dense_element(&self, o: Obj, key: PropertyKey) -> Option<Value> {
        let PropertyKey::Index(i) = key else { return None };
        let obj = self.heap.object(o);
        (storage_of(&obj.kind) == Storage::Plain).then(|| obj.elements.dense_get(i)).flatten()
    }

    /// The value a found property yields to [[Get]]: its value, or its
    /// getter called with `receiver`.
    pub(crate) fn property_value(&mut self, p: Property, receiver: Value) -> JsResult<Value> {
        match p {
            Property::Data { value, .. } => Ok(value),
            Property::Accessor { get: None, .. } => Ok(Value::Undefined),
            Property::Accessor { get: Some(g), .. } => self.call(Value::Object(g), receiver, &[]),
        }
    }

    /// O.[[Set]](P, V, Receiver): OrdinarySet (§10.1.9.2) along the chain.
    pub fn set(&mut self, o: Obj, key: PropertyKey, value: Value, receiver: Value) -> JsResult<bool> {
        let added = |vm: &mut Vm| matches!(key, PropertyKey::Index(i) if vm.add_element_fast(o, i, value));
        if receiver == Value::Object(o) && (self.set_own_fast(o, key, value) || added(self)) {
            return Ok(true);
        }
        if let ObjectKind::ModuleNamespace(_) = self.heap.object(o).kind {
            // §10.4.6.9: a namespace is never written.
            return Ok(false);
        }
        if let ObjectKind::Arguments(_) = self.heap.object(o).kind {
            // §10.4.4.4: a mapped argument is written through to its binding.
            if receiver == Value::Object(o) {
                self.arguments_write_mapped(o, key, value);
            }
        }
        let mut cur = o;
        let own_desc = loop {
            let own = match self.storage(cur) {
                Storage::Proxy => return self.proxy_set(cur, key, value, receiver),
                Storage::Typed => match self.typed_array_numeric_key(key) {
                    // §10.4.5.5 1.b.i. The receiver itself: TypedArraySetElement.
                    Some(index) if receiver == Value::Object(cur) => {
                        self.typed_array_set_element(cur, index, value)?;
                        return Ok(true);
                    }
                    // ii. Not a valid index: nothing happens, successfully.
                    Some(index) if !self.is_valid_integer_index(cur, index) => return Ok(true),
                    Some(_) => self.get_own_property(cur, key)?,
                    None => self.heap.get_own_raw(cur, key),
                },
                Storage::Exotic => self.get_own_property(cur, key)?,
                Storage::Plain => self.heap.get_own_raw(cur, key),
            };
            // OrdinarySetWithOwnDescriptor 1.a-c: go to the parent, or use
            // a default writable data descriptor at the end of the chain.
            match (own, self.heap.object(cur).proto) {
                (Some(p), _) => break p,
                (None, Some(parent)) => cur = parent,
                (None, None) => break Property::data(Value::Undefined, Attributes::ALL),
            }
        };
        self.set_with_own_descriptor(key, value, receiver, own_desc)
    }

    /// OrdinarySetWithOwnDescriptor steps 2-7.
    fn set_with_own_descriptor(&mut self, key: PropertyKey, value: Value, receiver: Value, own: Property) -> JsResult<bool> {
        match own {
            // 2. If IsDataDescriptor(ownDesc) is true, then
            Property::Data { attrs, .. } => {
                // a. If ownDesc.[[Writable]] is false, return false.
                if !attrs.writable() {
                    return Ok(false);
                }
                // b. If Receiver is not an Object, return false.
                let Value::Object(r) = receiver else { return Ok(false) };
                // c. Let existingDescriptor be ? Receiver.[[GetOwnProperty]](P).
                match self.get_own_property(r, key)? {
                    // d. If existingDescriptor is not undefined, then
                    Some(Property::Accessor { .. }) => Ok(false),
                    Some(Property::Data { attrs, .. }) if !attrs.writable() => Ok(false),
                    // d.iii-iv. Receiver.[[DefineOwnProperty]](P, { [[Value]]: V }).
                    Some(_) => self.define_own_property(r, key, PropertyDescriptor::value_only(value)),
                    // e. Return ? CreateDataProperty(Receiver, P, V).
                    None => self.create_data_property(r, key, value),
                }
            }
            // 3-7. Call the setter, or fail without one.
            Property::Accessor { set: None, .. } => Ok(false),
            Property::Accessor { set: Some(s), .. } => {
                self.call(Value::Object(s), receiver, &[value])?;
                Ok(true)
            }
        }
    }

    /// Writes an existing own writable data property of a plain object in
    /// place; false if that is not the case (take the full path).
    pub(crate) fn set_own_fast(&mut self, o: Obj, key: PropertyKey, value: Value) -> bool {
        match self.heap.object(o).kind {
            ObjectKind::Proxy(_) | ObjectKind::String(_) | ObjectKind::Arguments(_) | ObjectKind::TypedArray(_) => false,
            _ => self.heap.write_own_writable(o, key, value),
        }
    }

    /// Adds a new element `i` to a plain extensible object with dense
    /// elements when nothing on the prototype chain has that index or
    /// exotic elements (the common `a[a.length] = v`: OrdinarySet reaches
    /// the end of the chain and creates the data property); false: take
    /// the full path.
    pub(crate) fn add_element_fast(&mut self, o: Obj, i: u32, value: Value) -> bool {
        let obj = self.heap.object(o);
        if !obj.extensible || obj.elements.dense_values().is_none() || storage_of(&obj.kind) != Storage::Plain {
            return false;
        }
        let is_array = obj.is_array();
        let mut proto = obj.proto;
        while let Some(p) = proto {
            let po = self.heap.object(p);
            if storage_of(&po.kind) != Storage::Plain || po.elements.get(i).is_some() {
                return false;
            }
            proto = po.proto;
        }
        self.heap.note_growth(std::mem::size_of::<Value>());
        let elements = &mut self.heap.object_mut(o).elements;
        // The next element (the common append) is a push.
        if elements.dense_values().map(<[Value]>::len) == Some(i as usize) {
            return elements.push(value);
        }
        elements.define(i, Property::data(value, Attributes::ALL), is_array);
        true
    }

    /// O.[[Delete]](P).
    pub fn delete(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        match self.storage(o) {
            Storage::Proxy => self.proxy_delete(o, key),
            Storage::Typed => self.typed_array_delete(o, key),
            _ if matches!(self.heap.object(o).kind, ObjectKind::Arguments(_)) => Ok(self.arguments_delete(o, key)),
            _ if matches!(self.heap.object(o).kind, ObjectKind::ModuleNamespace(_)) => self.namespace_delete(o, key),
            _ => self.ordinary_delete(o, key),
        }
    }

    /// OrdinaryDelete (§10.1.10.1).
    pub(crate) fn ordinary_delete(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        // 1. Let desc be ? O.[[GetOwnProperty]](P).
        match self.get_own_property(o, key)? {
            // 2. If desc is undefined, return true.
            None => Ok(true),
            // 3. If desc.[[Configurable]] is true, remove it and return true.
            Some(p) if p.configurable() => {
                self.heap.remove_raw(o, key);
                Ok(true)
            }
            // 4. Return false.
            Some(_) => Ok(false),
        }
    }

    /// O.[[OwnPropertyKeys]]().
    pub fn own_property_keys(&mut self, o: Obj) -> JsResult<Vec<PropertyKey>> {
        match self.heap.object(o).kind {
            ObjectKind::Proxy(_) => self.proxy_own_keys(o),
            ObjectKind::String(s) => Ok(self.string_own_keys(o, s)),
            ObjectKind::TypedArray(_) => Ok(self.typed_array_own_keys(o)),
            ObjectKind::ModuleNamespace(_) => Ok(self.namespace_own_keys(o)),
            _ => Ok(self.heap.own_keys_raw(o)),
        }
    }
}
