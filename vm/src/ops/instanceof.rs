//! The `in` operator (§13.10.1, HasProperty on an object) and
//! `instanceof`: InstanceofOperator (§13.10.2) with `@@hasInstance`, and
//! OrdinaryHasInstance (§7.3.21) with bound functions.

use crate::object::ObjectKind;
use crate::value::{PropertyKey, Value};
use crate::vm::{JsResult, Vm};

impl Vm {
    /// `key in obj`: a TypeError unless `obj` is an object.
    pub fn op_in(&mut self, key: Value, obj: Value) -> JsResult<bool> {
        // 5. If rval is not an Object, throw a TypeError exception.
        let Value::Object(o) = obj else {
            let msg = format!(
                "Cannot use 'in' operator to search for '{}' in {}",
                self.describe(key),
                self.describe(obj)
            );
            return self.type_error(&msg);
        };
        // 6. Return ? HasProperty(rval, ? ToPropertyKey(lval)).
        let key = self.to_property_key(key)?;
        self.has_property(o, key)
    }

    /// `v instanceof target`.
    pub fn op_instanceof(&mut self, v: Value, target: Value) -> JsResult<bool> {
        self.instanceof_operator(v, target)
    }

    /// InstanceofOperator(V, target).
    pub fn instanceof_operator(&mut self, v: Value, target: Value) -> JsResult<bool> {
        // 1. If target is not an Object, throw a TypeError exception.
        if target.as_object().is_none() {
            return self.type_error("Right-hand side of 'instanceof' is not an object");
        }
        // 2. Let instOfHandler be ? GetMethod(target, @@hasInstance).
        let key = PropertyKey::Symbol(self.heap.well_known.has_instance);
        if let Some(handler) = self.get_method(target, key)? {
            // 3.a. Return ToBoolean(? Call(instOfHandler, target, « V »)).
            let result = self.call(handler, target, &[v])?;
            return Ok(self.to_boolean(result));
        }
        // 4. If IsCallable(target) is false, throw a TypeError exception.
        if !self.is_callable(target) {
            return self.type_error("Right-hand side of 'instanceof' is not callable");
        }
        // 5. Return ? OrdinaryHasInstance(target, V).
        self.ordinary_has_instance(target, v)
    }

    /// OrdinaryHasInstance(C, O): is `C.prototype` on `O`'s prototype chain?
    pub fn ordinary_has_instance(&mut self, c: Value, o: Value) -> JsResult<bool> {
        // 1. If IsCallable(C) is false, return false.
        let Value::Object(cobj) = c else { return Ok(false) };
        if !self.is_callable(c) {
            return Ok(false);
        }
        // 2. If C has a [[BoundTargetFunction]], return ? InstanceofOperator(O, BC).
        if let ObjectKind::Bound(b) = &self.heap.object(cobj).kind {
            let target = Value::Object(b.target);
            return self.instanceof_operator(o, target);
        }
        // 3. If O is not an Object, return false.
        let Value::Object(mut obj) = o else { return Ok(false) };
        // 4. Let P be ? Get(C, "prototype").
        let p = self.get(cobj, PropertyKey::Atom(self.heap.names.prototype), c)?;
        // 5. If P is not an Object, throw a TypeError exception.
        let Value::Object(p) = p else {
            let msg = format!("Function has non-object prototype '{}' in instanceof check", self.describe(p));
            return self.type_error(&msg);
        };
        // 6. Repeat: walk O's prototype chain looking for P.
        loop {
            match self.get_prototype_of(obj)? {
                None => return Ok(false),
                Some(proto) if proto == p => return Ok(true),
                Some(proto) => obj = proto,
            }
        }
    }
}
