//! The integer conversions of §7.1 on any value (ToIntegerOrInfinity,
//! ToInt32 and family, ToLength, ToIndex) and the BigInt ones (ToBigInt,
//! ToBigInt64, ToBigUint64): ToNumber or ToPrimitive, then the pure
//! functions of `int_conversions` and `bigint`.

use super::bigint::{to_big_int64, to_big_uint64};
use super::int_conversions as int;
use super::string_to_number::string_to_bigint;
use super::Hint;
use crate::value::{BigIntRef, Value};
use crate::vm::{JsResult, Vm};
use num_bigint::BigInt;

impl Vm {
    /// ToIntegerOrInfinity(argument).
    pub fn to_integer_or_infinity(&mut self, argument: Value) -> JsResult<f64> {
        Ok(int::to_integer_or_infinity(self.to_number(argument)?))
    }

    /// ToInt32(argument).
    pub fn to_int32(&mut self, argument: Value) -> JsResult<i32> {
        Ok(int::to_int32(self.to_number(argument)?))
    }

    /// ToUint32(argument).
    pub fn to_uint32(&mut self, argument: Value) -> JsResult<u32> {
        Ok(int::to_uint32(self.to_number(argument)?))
    }

    /// ToInt16(argument).
    pub fn to_int16(&mut self, argument: Value) -> JsResult<i16> {
        Ok(int::to_int16(self.to_number(argument)?))
    }

    /// ToUint16(argument).
    pub fn to_uint16(&mut self, argument: Value) -> JsResult<u16> {
        Ok(int::to_uint16(self.to_number(argument)?))
    }

    /// ToInt8(argument).
    pub fn to_int8(&mut self, argument: Value) -> JsResult<i8> {
        Ok(int::to_int8(self.to_number(argument)?))
    }

    /// ToUint8(argument).
    pub fn to_uint8(&mut self, argument: Value) -> JsResult<u8> {
        Ok(int::to_uint8(self.to_number(argument)?))
    }

    /// ToUint8Clamp(argument).
    pub fn to_uint8_clamp(&mut self, argument: Value) -> JsResult<u8> {
        Ok(int::to_uint8_clamp(self.to_number(argument)?))
    }

    /// ToLength(argument): an integer in 0 ..= 2^53 - 1.
    pub fn to_length(&mut self, argument: Value) -> JsResult<u64> {
        Ok(int::to_length(self.to_number(argument)?) as u64)
    }

    /// ToIndex(value): a RangeError outside 0 ..= 2^53 - 1.
    pub fn to_index(&mut self, value: Value) -> JsResult<u64> {
        // 1. Let integer be ? ToIntegerOrInfinity(value).
        let n = self.to_number(value)?;
        // 2-3. If integer is not in the inclusive interval from 0 to 2^53 - 1, throw a RangeError.
        match int::to_index(n) {
            Some(i) => Ok(i),
            None => self.range_error("Invalid index: must be an integer between 0 and 2^53 - 1"),
        }
    }

    /// ToBigInt(argument): Booleans, BigInts and strings convert; Numbers,
    /// Symbols, `undefined` and `null` are TypeErrors, and a string that is
    /// no integer a SyntaxError.
    pub fn to_bigint(&mut self, argument: Value) -> JsResult<BigIntRef> {
        // 1. Let prim be ? ToPrimitive(argument, number).
        let prim = self.to_primitive(argument, Hint::Number)?;
        // 2. Return the value that prim corresponds to in Table 12.
        let value = match prim {
            Value::BigInt(b) => return Ok(b),
            Value::Bool(b) => BigInt::from(u8::from(b)),
            Value::String(s) => match string_to_bigint(self.heap.units(s)) {
                Some(n) => n,
                None => {
                    let msg = format!("Cannot convert {} to a BigInt", self.describe(prim));
                    return self.syntax_error(&msg);
                }
            },
            _ => {
                let msg = format!("Cannot convert {} to a BigInt", self.describe(prim));
                return self.type_error(&msg);
            }
        };
        Ok(self.heap.alloc_bigint(value))
    }

    /// ToBigInt64(argument): ToBigInt, then modulo 2^64 as signed.
    pub fn to_bigint64(&mut self, argument: Value) -> JsResult<i64> {
        let b = self.to_bigint(argument)?;
        Ok(to_big_int64(self.heap.bigint(b)))
    }

    /// ToBigUint64(argument): ToBigInt, then modulo 2^64.
    pub fn to_big_uint64(&mut self, argument: Value) -> JsResult<u64> {
        let b = self.to_bigint(argument)?;
        Ok(to_big_uint64(self.heap.bigint(b)))
    }
}
