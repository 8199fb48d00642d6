//! ToPrimitive (§7.1.1) and OrdinaryToPrimitive (§7.1.1.1).

use super::Hint;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

impl Vm {
    /// ToPrimitive(input, preferredType): primitives are returned as they
    /// are; objects go through `@@toPrimitive`, else `valueOf`/`toString`.
    pub fn to_primitive(&mut self, input: Value, hint: Hint) -> JsResult<Value> {
        // 1. If input is an Object, then ...  2. Return input.
        let Value::Object(o) = input else { return Ok(input) };
        // 1.a. Let exoticToPrim be ? GetMethod(input, @@toPrimitive).
        let key = PropertyKey::Symbol(self.heap.well_known.to_primitive);
        if let Some(exotic) = self.get_method(input, key)? {
            // 1.b.i-iii. The hint string, then ? Call(exoticToPrim, input, « hint »).
            let atom = self.heap.intern_str(hint.name());
            let hint_value = Value::String(self.heap.atom_string(atom));
            let result = self.call(exotic, input, &[hint_value])?;
            // 1.b.iv-v. If result is not an Object, return it; else TypeError.
            if result.as_object().is_some() {
                return self.type_error("Cannot convert object to primitive value");
            }
            return Ok(result);
        }
        // 1.c-d. If preferredType is not present, let preferredType be number.
        let prefer_string = hint == Hint::String;
        self.ordinary_to_primitive(o, prefer_string)
    }

    /// OrdinaryToPrimitive(O, hint): `toString` then `valueOf` for the
    /// string hint, the other way round for the number hint.
    pub fn ordinary_to_primitive(&mut self, o: Obj, prefer_string: bool) -> JsResult<Value> {
        // 1-2. The method names in order.
        let (to_string, value_of) = (self.heap.names.to_string, self.heap.names.value_of);
        let names = if prefer_string { [to_string, value_of] } else { [value_of, to_string] };
        // 3. For each name: if callable, call it; a primitive result wins.
        for name in names {
            let method = self.get(o, PropertyKey::Atom(name), Value::Object(o))?;
            if self.is_callable(method) {
                let result = self.call(method, Value::Object(o), &[])?;
                if result.as_object().is_none() {
                    return Ok(result);
                }
            }
        }
        // 4. Throw a TypeError exception.
        self.type_error("Cannot convert object to primitive value")
    }
}
