//! The type conversions of §7.1 that produce a boolean, a Number, a
//! numeric, a string, an object or a property key, and
//! RequireObjectCoercible (§7.2.1).

use super::bigint::bigint_to_f64;
use super::number_to_string::number_to_string;
use super::string_to_number::{canonical_numeric_index_string, string_to_number};
use super::{Hint, Numeric};
use crate::object::ObjectKind;
use crate::value::{Obj, PropertyKey, Str, Value};
use crate::vm::{JsResult, Vm};
use num_traits::Zero;

impl Vm {
    /// ToBoolean(argument): never throws, never calls JavaScript.
    pub fn to_boolean(&self, argument: Value) -> bool {
        match argument {
            Value::Undefined | Value::Null | Value::Empty => false,
            Value::Bool(b) => b,
            Value::Number(n) => !(n == 0.0 || n.is_nan()),
            Value::String(s) => self.heap.string_len(s) != 0,
            Value::Symbol(_) | Value::Object(_) => true,
            Value::BigInt(b) => !self.heap.bigint(b).is_zero(),
        }
    }

    /// ToNumber(argument).
    pub fn to_number(&mut self, argument: Value) -> JsResult<f64> {
        match argument {
            Value::Number(n) => Ok(n),
            Value::Undefined | Value::Empty => Ok(f64::NAN),
            Value::Null => Ok(0.0),
            Value::Bool(b) => Ok(if b { 1.0 } else { 0.0 }),
            Value::String(s) => Ok(string_to_number(self.heap.units(s))),
            Value::Symbol(_) => self.type_error("Cannot convert a Symbol value to a number"),
            Value::BigInt(_) => self.type_error("Cannot convert a BigInt value to a number"),
            Value::Object(_) => {
                // 7-8. Let primValue be ? ToPrimitive(argument, number).
                let prim = self.to_primitive(argument, Hint::Number)?;
                self.to_number(prim)
            }
        }
    }

    /// ToNumeric(value): a BigInt stays a BigInt, anything else is ToNumber.
    pub fn to_numeric(&mut self, value: Value) -> JsResult<Numeric> {
        match value {
            Value::Number(n) => Ok(Numeric::Number(n)),
            Value::BigInt(b) => Ok(Numeric::BigInt(b)),
            Value::Object(_) => {
                // 1. Let primValue be ? ToPrimitive(value, number).
                let prim = self.to_primitive(value, Hint::Number)?;
                self.to_numeric(prim)
            }
            // 3. Return ? ToNumber(primValue).
            _ => self.to_number(value).map(Numeric::Number),
        }
    }

    /// 𝔽(ℝ(x)) for a BigInt: what `Number(10n)` returns.
    pub fn bigint_to_number(&self, b: crate::value::BigIntRef) -> f64 {
        bigint_to_f64(self.heap.bigint(b))
    }

    /// ToString(argument), as a heap string.
    pub fn to_string(&mut self, argument: Value) -> JsResult<Str> {
        let fixed = match argument {
            Value::String(s) => return Ok(s),
            Value::Number(n) => return Ok(self.number_to_str(n)),
            Value::Undefined | Value::Empty => "undefined",
            Value::Null => "null",
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
            Value::Symbol(_) => return self.type_error("Cannot convert a Symbol value to a string"),
            Value::BigInt(b) => {
                let text = self.heap.bigint(b).to_string();
                return Ok(self.heap.string_from_str(&text));
            }
            Value::Object(_) => {
                // 9-10. Let primValue be ? ToPrimitive(argument, string).
                let prim = self.to_primitive(argument, Hint::String)?;
                return self.to_string(prim);
            }
        };
        let atom = self.heap.intern_str(fixed);
        Ok(self.heap.atom_string(atom))
    }

    /// Number::toString(n, 10) as a heap string.
    pub fn number_to_str(&mut self, n: f64) -> Str {
        self.heap.string_from_str(&number_to_string(n))
    }

    /// ToString(argument), as Rust text (lone surrogates become U+FFFD).
    pub fn to_rust_string(&mut self, argument: Value) -> JsResult<String> {
        let s = self.to_string(argument)?;
        Ok(self.heap.to_rust_string(s))
    }

    /// ToObject(argument): primitives are wrapped with the realm's
    /// prototypes; `undefined` and `null` throw a TypeError.
    pub fn to_object(&mut self, argument: Value) -> JsResult<Obj> {
        let i = &self.realm.intrinsics;
        let (proto, kind) = match argument {
            Value::Object(o) => return Ok(o),
            Value::Undefined | Value::Null | Value::Empty => {
                return self.type_error("Cannot convert undefined or null to object");
            }
            Value::Bool(b) => (i.boolean_prototype, ObjectKind::Boolean(b)),
            Value::Number(n) => (i.number_prototype, ObjectKind::Number(n)),
            Value::String(s) => (i.string_prototype, ObjectKind::String(s)),
            Value::Symbol(s) => (i.symbol_prototype, ObjectKind::Symbol(s)),
            Value::BigInt(b) => (i.bigint_prototype, ObjectKind::BigInt(b)),
        };
        Ok(self.heap.alloc_object(Some(proto), kind))
    }

    /// RequireObjectCoercible(argument): a TypeError for `undefined` and
    /// `null`, else the argument.
    pub fn require_object_coercible(&mut self, argument: Value) -> JsResult<Value> {
        if argument.is_nullish() || argument == Value::Empty {
            return self.type_error("Cannot convert undefined or null to object");
        }
        Ok(argument)
    }

    /// ToPropertyKey(argument): a symbol, a canonical array index, or an
    /// interned string.
    pub fn to_property_key(&mut self, argument: Value) -> JsResult<PropertyKey> {
        match argument {
            Value::String(s) => Ok(self.heap.string_key(s)),
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s)),
            // Fast path: integral Numbers that are array indices (-0 is "0").
            Value::Number(n) if crate::interp::number_index(n).is_some() => Ok(PropertyKey::Index(n as u32)),
            Value::Object(_) => {
                // 1. Let key be ? ToPrimitive(argument, string).
                let key = self.to_primitive(argument, Hint::String)?;
                self.to_property_key(key)
            }
            _ => {
                // 3. Return ! ToString(key).
                let s = self.to_string(argument)?;
                Ok(self.heap.string_key(s))
            }
        }
    }

    /// CanonicalNumericIndexString(argument) for a heap string.
    pub fn canonical_numeric_index(&self, s: Str) -> Option<f64> {
        canonical_numeric_index_string(self.heap.units(s))
    }
}
