//! Equality: IsLooselyEqual (`==`, §7.2.14), IsStrictlyEqual (`===`,
//! §7.2.15), SameValue, SameValueZero and SameValueNonNumber (§7.2.9-11).

use super::arithmetic;
use super::bigint::compare_bigint_number;
use super::string_to_number::{string_to_bigint, string_to_number};
use super::Hint;
use crate::value::Value;
use crate::vm::{JsResult, Vm};
use std::cmp::Ordering;

impl Vm {
    /// SameValueNonNumber(x, y) for two values of the same non-Number type
    /// (false for values of different types).
    pub fn same_value_non_number(&self, x: Value, y: Value) -> bool {
        match (x, y) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Empty, Value::Empty) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b || self.heap.string_eq(a, b),
            (Value::Symbol(a), Value::Symbol(b)) => a == b,
            (Value::BigInt(a), Value::BigInt(b)) => a == b || self.heap.bigint(a) == self.heap.bigint(b),
            (Value::Object(a), Value::Object(b)) => a == b,
            _ => false,
        }
    }

    /// IsStrictlyEqual(x, y): `===`.
    pub fn is_strictly_equal(&self, x: Value, y: Value) -> bool {
        match (x, y) {
            (Value::Number(a), Value::Number(b)) => arithmetic::equal(a, b),
            _ => self.same_value_non_number(x, y),
        }
    }

    /// SameValue(x, y): `Object.is`.
    pub fn same_value(&self, x: Value, y: Value) -> bool {
        match (x, y) {
            (Value::Number(a), Value::Number(b)) => arithmetic::same_value(a, b),
            _ => self.same_value_non_number(x, y),
        }
    }

    /// SameValueZero(x, y): `Array.prototype.includes`, Map and Set keys.
    pub fn same_value_zero(&self, x: Value, y: Value) -> bool {
        match (x, y) {
            (Value::Number(a), Value::Number(b)) => arithmetic::same_value_zero(a, b),
            _ => self.same_value_non_number(x, y),
        }
    }

    /// The `===` operator.
    #[inline]
    pub fn op_strict_eq(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x == y,
            _ => self.is_strictly_equal(a, b),
        }
    }

    /// The `==` operator.
    #[inline]
    pub fn op_loose_eq(&mut self, a: Value, b: Value) -> JsResult<bool> {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => Ok(x == y),
            _ => self.is_loosely_equal(a, b),
        }
    }

    /// IsLooselyEqual(x, y).
    pub fn is_loosely_equal(&mut self, x: Value, y: Value) -> JsResult<bool> {
        // 1. If Type(x) is Type(y), return IsStrictlyEqual(x, y).
        if std::mem::discriminant(&x) == std::mem::discriminant(&y) {
            return Ok(self.is_strictly_equal(x, y));
        }
        match (x, y) {
            // 2-3. null == undefined.
            (Value::Undefined | Value::Null, Value::Undefined | Value::Null) => Ok(true),
            // 5-6. Number and String: compare as Numbers.
            (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => {
                Ok(n == string_to_number(self.heap.units(s)))
            }
            // 7-8. BigInt and String: StringToBigInt, unequal if it fails.
            (Value::BigInt(b), Value::String(s)) | (Value::String(s), Value::BigInt(b)) => {
                let parsed = string_to_bigint(self.heap.units(s));
                Ok(parsed.is_some_and(|n| &n == self.heap.bigint(b)))
            }
            // 9-10. A Boolean compares as a Number.
            (Value::Bool(b), other) | (other, Value::Bool(b)) => {
                let n = Value::Number(if b { 1.0 } else { 0.0 });
                self.is_loosely_equal(n, other)
            }
            // 11-12. An object against a primitive: ToPrimitive the object.
            (Value::Object(_), Value::Number(_) | Value::String(_) | Value::BigInt(_) | Value::Symbol(_)) => {
                let px = self.to_primitive(x, Hint::Default)?;
                self.is_loosely_equal(px, y)
            }
            (Value::Number(_) | Value::String(_) | Value::BigInt(_) | Value::Symbol(_), Value::Object(_)) => {
                let py = self.to_primitive(y, Hint::Default)?;
                self.is_loosely_equal(x, py)
            }
            // 13. BigInt and Number: equal mathematical values.
            (Value::BigInt(b), Value::Number(n)) | (Value::Number(n), Value::BigInt(b)) => {
                Ok(compare_bigint_number(self.heap.bigint(b), n) == Some(Ordering::Equal))
            }
            // 14. Return false.
            _ => Ok(false),
        }
    }
}
