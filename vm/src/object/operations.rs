//! The operations on objects of §7.3 that the interpreter and the built-ins
//! share: GetV, GetMethod, CreateDataProperty, DefinePropertyOrThrow, Set
//! with throwing, HasOwnProperty, LengthOfArrayLike,
//! CreateListFromArrayLike, OrdinaryCreateFromConstructor,
//! SpeciesConstructor.

use super::{Attributes, ObjectKind, PropertyDescriptor};
use crate::ops::int_conversions::to_length;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

impl Vm {
    /// `Get(O, P)`: [[Get]] with the object as receiver.
    pub fn get_property(&mut self, o: Obj, key: PropertyKey) -> JsResult<Value> {
        self.get(o, key, Value::Object(o))
    }

    /// GetV(V, P) (§7.3.3): primitives read through their prototype (a
    /// string's `length` and indices directly).
    pub fn get_v(&mut self, value: Value, key: PropertyKey) -> JsResult<Value> {
        let i = &self.realm.intrinsics;
        let proto = match value {
            Value::Object(o) => return self.get(o, key, value),
            Value::String(s) => {
                match key {
                    PropertyKey::Index(n) if (n as usize) < self.heap.string_len(s) => {
                        let unit = self.heap.substring(s, n as usize, n as usize + 1);
                        return Ok(Value::String(unit));
                    }
                    PropertyKey::Atom(a) if a == self.heap.names.length => {
                        return Ok(Value::Number(self.heap.string_len(s) as f64));
                    }
                    _ => {}
                }
                i.string_prototype
            }
            Value::Number(_) => i.number_prototype,
            Value::Bool(_) => i.boolean_prototype,
            Value::Symbol(_) => i.symbol_prototype,
            Value::BigInt(_) => i.bigint_prototype,
            Value::Undefined | Value::Null | Value::Empty => {
                let what = self.describe(value);
                let k = self.heap.key_display(key);
                return self.type_error(&format!("Cannot read properties of {what} (reading '{k}')"));
            }
        };
        self.get(proto, key, value)
    }

    /// GetMethod(V, P) (§7.3.11): `None` for undefined or null, a TypeError
    /// if not callable.
    pub fn get_method(&mut self, value: Value, key: PropertyKey) -> JsResult<Option<Value>> {
        let func = self.get_v(value, key)?;
        if func.is_nullish() {
            return Ok(None);
        }
        if !self.is_callable(func) {
            let d = self.describe(func);
            return self.type_error(&format!("{d} is not a function"));
        }
        Ok(Some(func))
    }

    /// CreateDataProperty(O, P, V) (§7.3.5).
    pub fn create_data_property(&mut self, o: Obj, key: PropertyKey, value: Value) -> JsResult<bool> {
        if matches!(self.heap.object(o).kind, ObjectKind::Ordinary) && self.heap.object(o).extensible {
            // Fast path: a new key, or a configurable own property, of an
            // extensible ordinary object always succeeds.
            match self.heap.get_own_raw(o, key) {
                Some(p) if !p.configurable() => {}
                _ => {
                    self.heap.define_raw(o, key, value, Attributes::ALL);
                    return Ok(true);
                }
            }
        }
        self.define_own_property(o, key, PropertyDescriptor::data(value, Attributes::ALL))
    }

    /// CreateDataPropertyOrThrow(O, P, V) (§7.3.7).
    pub fn create_data_property_or_throw(&mut self, o: Obj, key: PropertyKey, value: Value) -> JsResult<()> {
        if !self.create_data_property(o, key, value)? {
            let k = self.heap.key_display(key);
            return self.type_error(&format!("Cannot add property {k}, object is not extensible"));
        }
        Ok(())
    }

    /// DefinePropertyOrThrow(O, P, desc) (§7.3.8).
    pub fn define_property_or_throw(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<()> {
        if !self.define_own_property(o, key, desc)? {
            let k = self.heap.key_display(key);
            return self.type_error(&format!("Cannot redefine property: {k}"));
        }
        Ok(())
    }

    /// Set(O, P, V, true) (§7.3.4): a TypeError when [[Set]] returns false.
    pub fn set_or_throw(&mut self, o: Obj, key: PropertyKey, value: Value) -> JsResult<()> {
        if !self.set(o, key, value, Value::Object(o))? {
            return self.set_failed(o, key);
        }
        Ok(())
    }

    /// The TypeError of a failed strict-mode assignment to `o[key]`.
    pub(crate) fn set_failed<T>(&mut self, o: Obj, key: PropertyKey) -> JsResult<T> {
        let k = self.heap.key_display(key);
        let d = self.describe(Value::Object(o));
        self.type_error(&format!("Cannot assign to read only property '{k}' of object '{d}'"))
    }

    /// DeletePropertyOrThrow(O, P) (§7.3.10).
    pub fn delete_property_or_throw(&mut self, o: Obj, key: PropertyKey) -> JsResult<()> {
        if !self.delete(o, key)? {
            let k = self.heap.key_display(key);
            let d = self.describe(Value::Object(o));
            return self.type_error(&format!("Cannot delete property '{k}' of {d}"));
        }
        Ok(())
    }

    /// HasOwnProperty(O, P) (§7.3.13).
    pub fn has_own_property(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        Ok(self.get_own_property(o, key)?.is_some())
    }

    /// LengthOfArrayLike(obj) (§7.3.19): ToLength(? Get(obj, "length")).
    pub fn length_of_array_like(&mut self, o: Obj) -> JsResult<u64> {
        if self.heap.object(o).is_array() {
            return Ok(u64::from(self.heap.array_length(o)));
        }
        let len = self.get_property(o, PropertyKey::Atom(self.heap.names.length))?;
        Ok(to_length(self.to_number(len)?) as u64)
    }

    /// CreateListFromArrayLike(obj) (§7.3.20), any element type (step 2,
    /// the TypeError for a non-object, is the caller's).
    pub fn create_list_from_array_like(&mut self, o: Obj) -> JsResult<Vec<Value>> {
        // 3. Let len be ? LengthOfArrayLike(obj).
        let len = self.length_of_array_like(o)?;
        if len > u64::from(u32::MAX) {
            return self.range_error("Invalid array length");
        }
        // 4-6. Get each index in order.
        let mut list = Vec::with_capacity(len.min(1 << 16) as usize);
        for i in 0..len as u32 {
            list.push(self.get_property(o, PropertyKey::Index(i))?);
        }
        Ok(list)
    }

    /// GetPrototypeFromConstructor(constructor, intrinsicDefaultProto)
    /// (§10.1.14): `constructor.prototype` if an object, else the default
    /// (`fallback`, an intrinsic of the current realm, taken from the
    /// constructor's realm).
    pub fn get_prototype_from_constructor(&mut self, constructor: Obj, fallback: Obj) -> JsResult<Obj> {
        // 1-3. Let proto be ? Get(constructor, "prototype"); if an Object,
        // return it. A cache hit is a plain data property (no getter runs).
        if let Some(Value::Object(proto)) = self.cached_data_value(constructor, &self.interp.prototype_cache) {
            return Ok(proto);
        }
        // The cache is taken out while in use; a nested look-up (a getter
        // that constructs) finds an empty one, which is merely slower.
        let cache = std::mem::take(&mut self.interp.prototype_cache);
        let proto = self.get_cached(constructor, self.heap.names.prototype, &cache);
        self.interp.prototype_cache = cache;
        if let Some(proto) = proto?.as_object() {
            return Ok(proto);
        }
        // 4.a-b. Let realm be ? GetFunctionRealm(constructor); use realm's
        // intrinsic named by intrinsicDefaultProto.
        let realm = self.function_realm(constructor)?;
        Ok(self.corresponding_intrinsic(fallback, realm))
    }

    /// OrdinaryCreateFromConstructor(constructor, intrinsicDefaultProto)
    /// (§10.1.13), with the new object's internal slots given by `kind`.
    pub fn ordinary_create_from_constructor(&mut self, new_target: Obj, fallback_proto: Obj, kind: ObjectKind) -> JsResult<Obj> {
        let proto = self.get_prototype_from_constructor(new_target, fallback_proto)?;
        Ok(self.heap.alloc_object(Some(proto), kind))
    }

    /// SpeciesConstructor(O, defaultConstructor) (§7.3.22).
    pub fn species_constructor(&mut self, o: Obj, default_constructor: Value) -> JsResult<Value> {
        // 1-2. Let C be ? Get(O, "constructor"); undefined → the default.
        let c = self.get_property(o, PropertyKey::Atom(self.heap.names.constructor))?;
        if c == Value::Undefined {
            return Ok(default_constructor);
        }
        // 3. If C is not an Object, throw a TypeError exception.
        let Value::Object(c) = c else {
            return self.type_error("object.constructor is not an object");
        };
        // 4-5. Let S be ? Get(C, @@species); undefined or null → the default.
        let s = self.get_property(c, PropertyKey::Symbol(self.heap.well_known.species))?;
        if s.is_nullish() {
            return Ok(default_constructor);
        }
        // 6. If IsConstructor(S) is true, return S.
        if self.is_constructor(s) {
            return Ok(s);
        }
        // 7. Throw a TypeError exception.
        self.type_error("object.constructor[Symbol.species] is not a constructor")
    }

    /// Invoke(V, P, args) (§7.3.12).
    pub fn invoke(&mut self, value: Value, key: PropertyKey, args: &[Value]) -> JsResult<Value> {
        let func = self.get_v(value, key)?;
        if !self.is_callable(func) {
            let k = self.heap.key_display(key);
            return self.type_error(&format!("{k} is not a function"));
        }
        self.call(func, value, args)
    }
}
