//! IsLessThan (§7.2.13) and the relational operators `<`, `>`, `<=`, `>=`
//! (§13.10.1) built on it.

use super::bigint::compare_bigint_number;
use super::string_to_number::string_to_bigint;
use super::{Hint, Numeric};
use crate::value::{Str, Value};
use crate::vm::{JsResult, Vm};
use std::cmp::Ordering;

impl Vm {
    /// IsLessThan(x, y, LeftFirst): `Some(x < y)`, or `None` (the spec's
    /// *undefined*) when a NaN or an unparsable string is involved.
    /// `left_first` orders the two ToPrimitive calls.
    pub fn is_less_than(&mut self, x: Value, y: Value, left_first: bool) -> JsResult<Option<bool>> {
        // 1-2. ToPrimitive both, in the order LeftFirst says.
        let (px, py) = if left_first {
            let px = self.to_primitive(x, Hint::Number)?;
            (px, self.to_primitive(y, Hint::Number)?)
        } else {
            let py = self.to_primitive(y, Hint::Number)?;
            (self.to_primitive(x, Hint::Number)?, py)
        };
        match (px, py) {
            // 3. Two strings: compare code units lexicographically.
            (Value::String(a), Value::String(b)) => Ok(Some(self.compare_strings(a, b) == Ordering::Less)),
            // 4. BigInt and String: StringToBigInt the string.
            (Value::BigInt(a), Value::String(b)) => {
                let Some(nb) = string_to_bigint(self.heap.units(b)) else { return Ok(None) };
                Ok(Some(self.heap.bigint(a) < &nb))
            }
            // 5. String and BigInt.
            (Value::String(a), Value::BigInt(b)) => {
                let Some(na) = string_to_bigint(self.heap.units(a)) else { return Ok(None) };
                Ok(Some(&na < self.heap.bigint(b)))
            }
            _ => self.numeric_less_than(px, py),
        }
    }

    /// IsLessThan steps 6-13 on two primitives.
    fn numeric_less_than(&mut self, px: Value, py: Value) -> JsResult<Option<bool>> {
        // 6-7. nx = ? ToNumeric(px), ny = ? ToNumeric(py).
        let nx = self.to_numeric(px)?;
        let ny = self.to_numeric(py)?;
        let heap = &self.heap;
        Ok(match (nx, ny) {
            // 8. Same type: Number::lessThan or BigInt::lessThan.
            (Numeric::Number(a), Numeric::Number(b)) => super::arithmetic::less_than(a, b),
            (Numeric::BigInt(a), Numeric::BigInt(b)) => Some(heap.bigint(a) < heap.bigint(b)),
            // 9-13. Mixed: compare mathematical values; NaN is undefined.
            (Numeric::BigInt(a), Numeric::Number(b)) => {
                compare_bigint_number(heap.bigint(a), b).map(|o| o == Ordering::Less)
            }
            (Numeric::Number(a), Numeric::BigInt(b)) => {
                compare_bigint_number(heap.bigint(b), a).map(|o| o == Ordering::Greater)
            }
        })
    }

    /// Compares two strings by UTF-16 code units (not code points).
    pub fn compare_strings(&self, a: Str, b: Str) -> Ordering {
        if a == b {
            return Ordering::Equal;
        }
        self.heap.units(a).cmp(self.heap.units(b))
    }

    /// The `<` operator.
    #[inline]
    pub fn op_lt(&mut self, a: Value, b: Value) -> JsResult<bool> {
        if let (Value::Number(x), Value::Number(y)) = (a, b) {
            return Ok(x < y);
        }
        // 5-7. r = IsLessThan(lval, rval, true); undefined is false.
        Ok(self.is_less_than(a, b, true)? == Some(true))
    }

    /// The `>` operator.
    #[inline]
    pub fn op_gt(&mut self, a: Value, b: Value) -> JsResult<bool> {
        if let (Value::Number(x), Value::Number(y)) = (a, b) {
            return Ok(x > y);
        }
        // 5-7. r = IsLessThan(rval, lval, false); undefined is false.
        Ok(self.is_less_than(b, a, false)? == Some(true))
    }

    /// The `<=` operator.
    #[inline]
    pub fn op_le(&mut self, a: Value, b: Value) -> JsResult<bool> {
        if let (Value::Number(x), Value::Number(y)) = (a, b) {
            return Ok(x <= y);
        }
        // 5-7. r = IsLessThan(rval, lval, false); true or undefined is false.
        Ok(self.is_less_than(b, a, false)? == Some(false))
    }

    /// The `>=` operator.
    #[inline]
    pub fn op_ge(&mut self, a: Value, b: Value) -> JsResult<bool> {
        if let (Value::Number(x), Value::Number(y)) = (a, b) {
            return Ok(x >= y);
        }
        // 5-7. r = IsLessThan(lval, rval, true); true or undefined is false.
        Ok(self.is_less_than(a, b, true)? == Some(false))
    }
}
