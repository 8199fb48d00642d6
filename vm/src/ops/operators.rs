//! The arithmetic, shift and bitwise operators as the interpreter applies
//! them: ApplyStringOrNumericBinaryOperator (§13.15.3), unary `-` and `~`,
//! `++`/`--` and ToNumeric. Each entry point tries both-Numbers first; the
//! general path converts with ToNumeric, refuses to mix BigInt and Number,
//! and dispatches to Number::* or BigInt::*.

use super::bigint::{self, BigIntError};
use super::{arithmetic as num, Hint, Numeric};
use crate::value::{BigIntRef, Value};
use crate::vm::{JsResult, Vm};
use num_bigint::BigInt;

/// The operators ApplyStringOrNumericBinaryOperator dispatches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Exp,
    Shl,
    Shr,
    UShr,
    BitAnd,
    BitOr,
    BitXor,
}

/// Why a BigInt operation threw.
enum BigIntFailure {
    /// A RangeError (division by zero, negative exponent, too big).
    Range(BigIntError),
    /// `>>>` on BigInts is a TypeError.
    UnsignedShift,
}

const MIXED_TYPES: &str = "Cannot mix BigInt and other types, use explicit conversions";

/// The Number operation for `op`.
#[inline]
fn number_op(op: BinaryOp, x: f64, y: f64) -> f64 {
    match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::Div => x / y,
        BinaryOp::Rem => num::remainder(x, y),
        BinaryOp::Exp => num::exponentiate(x, y),
        BinaryOp::Shl => num::left_shift(x, y),
        BinaryOp::Shr => num::signed_right_shift(x, y),
        BinaryOp::UShr => num::unsigned_right_shift(x, y),
        BinaryOp::BitAnd => num::bitwise_and(x, y),
        BinaryOp::BitOr => num::bitwise_or(x, y),
        BinaryOp::BitXor => num::bitwise_xor(x, y),
    }
}

/// The BigInt operation for `op`.
fn bigint_op(op: BinaryOp, x: &BigInt, y: &BigInt) -> Result<BigInt, BigIntFailure> {
    let range = BigIntFailure::Range;
    match op {
        BinaryOp::Add => Ok(bigint::add(x, y)),
        BinaryOp::Sub => Ok(bigint::subtract(x, y)),
        BinaryOp::Mul => bigint::multiply(x, y).map_err(range),
        BinaryOp::Div => bigint::divide(x, y).map_err(range),
        BinaryOp::Rem => bigint::remainder(x, y).map_err(range),
        BinaryOp::Exp => bigint::exponentiate(x, y).map_err(range),
        BinaryOp::Shl => bigint::left_shift(x, y).map_err(range),
        BinaryOp::Shr => bigint::signed_right_shift(x, y).map_err(range),
        BinaryOp::UShr => Err(BigIntFailure::UnsignedShift),
        BinaryOp::BitAnd => Ok(bigint::bitwise_and(x, y)),
        BinaryOp::BitOr => Ok(bigint::bitwise_or(x, y)),
        BinaryOp::BitXor => Ok(bigint::bitwise_xor(x, y)),
    }
}

/// Defines `op_*` methods: a both-Numbers fast path, then the general path.
macro_rules! numeric_operators {
    ($($(#[$doc:meta])* $name:ident => $op:ident, |$x:ident, $y:ident| $fast:expr;)*) => {
        impl Vm {
            $(
                $(#[$doc])*
                #[inline]
                pub fn $name(&mut self, a: Value, b: Value) -> JsResult<Value> {
                    if let (Value::Number($x), Value::Number($y)) = (a, b) {
                        return Ok(Value::Number($fast));
                    }
                    self.numeric_binary(BinaryOp::$op, a, b)
                }
            )*
        }
    };
}

numeric_operators! {
    /// The `-` operator.
    op_sub => Sub, |x, y| x - y;
    /// The `*` operator.
    op_mul => Mul, |x, y| x * y;
    /// The `/` operator.
    op_div => Div, |x, y| x / y;
    /// The `%` operator.
    op_rem => Rem, |x, y| num::remainder(x, y);
    /// The `**` operator.
    op_exp => Exp, |x, y| num::exponentiate(x, y);
    /// The `<<` operator.
    op_shl => Shl, |x, y| num::left_shift(x, y);
    /// The `>>` operator.
    op_shr => Shr, |x, y| num::signed_right_shift(x, y);
    /// The `>>>` operator (a TypeError for BigInts).
    op_ushr => UShr, |x, y| num::unsigned_right_shift(x, y);
    /// The `&` operator.
    op_bitand => BitAnd, |x, y| num::bitwise_and(x, y);
    /// The `|` operator.
    op_bitor => BitOr, |x, y| num::bitwise_or(x, y);
    /// The `^` operator.
    op_bitxor => BitXor, |x, y| num::bitwise_xor(x, y);
}

impl Vm {
    /// The `+` operator: string concatenation if either primitive is a
    /// string, else numeric addition.
    #[inline]
    pub fn op_add(&mut self, a: Value, b: Value) -> JsResult<Value> {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => Ok(Value::Number(x + y)),
            (Value::String(x), Value::String(y)) => Ok(Value::String(self.heap.concat(x, y))),
            _ => self.add_slow(a, b),
        }
    }

    /// ApplyStringOrNumericBinaryOperator(lval, +, rval) in general.
    fn add_slow(&mut self, a: Value, b: Value) -> JsResult<Value> {
        // 1.a-b. lprim = ? ToPrimitive(lval), rprim = ? ToPrimitive(rval).
        let lprim = self.to_primitive(a, Hint::Default)?;
        let rprim = self.to_primitive(b, Hint::Default)?;
        // 1.c. If either is a String, return the concatenation.
        if matches!(lprim, Value::String(_)) || matches!(rprim, Value::String(_)) {
            let l = self.to_string(lprim)?;
            let r = self.to_string(rprim)?;
            return Ok(Value::String(self.heap.concat(l, r)));
        }
        // 1.d-2. Continue with the primitives as the numeric operands.
        self.numeric_binary(BinaryOp::Add, lprim, rprim)
    }

    /// ApplyStringOrNumericBinaryOperator steps 3-8 for a numeric `op`.
    fn numeric_binary(&mut self, op: BinaryOp, a: Value, b: Value) -> JsResult<Value> {
        // 3-4. lnum = ? ToNumeric(lval), rnum = ? ToNumeric(rval).
        let l = self.to_numeric(a)?;
        let r = self.to_numeric(b)?;
        match (l, r) {
            // 7-8. Number::op or BigInt::op.
            (Numeric::Number(x), Numeric::Number(y)) => Ok(Value::Number(number_op(op, x, y))),
            (Numeric::BigInt(x), Numeric::BigInt(y)) => self.bigint_binary(op, x, y),
            // 5. If Type(lnum) is not Type(rnum), throw a TypeError exception.
            _ => self.type_error(MIXED_TYPES),
        }
    }

    /// BigInt::op on two heap BigInts, allocating the result.
    fn bigint_binary(&mut self, op: BinaryOp, x: BigIntRef, y: BigIntRef) -> JsResult<Value> {
        match bigint_op(op, self.heap.bigint(x), self.heap.bigint(y)) {
            Ok(v) => Ok(Value::BigInt(self.heap.alloc_bigint(v))),
            Err(BigIntFailure::Range(e)) => self.range_error(e.message()),
            Err(BigIntFailure::UnsignedShift) => {
                self.type_error("BigInts have no unsigned right shift, use >> instead")
            }
        }
    }

    /// Unary `-`: Number::unaryMinus or BigInt::unaryMinus.
    pub fn op_neg(&mut self, v: Value) -> JsResult<Value> {
        match self.to_numeric(v)? {
            Numeric::Number(x) => Ok(Value::Number(-x)),
            Numeric::BigInt(b) => {
                let r = bigint::unary_minus(self.heap.bigint(b));
                Ok(Value::BigInt(self.heap.alloc_bigint(r)))
            }
        }
    }

    /// Unary `~`: Number::bitwiseNOT or BigInt::bitwiseNOT.
    pub fn op_bitnot(&mut self, v: Value) -> JsResult<Value> {
        match self.to_numeric(v)? {
            Numeric::Number(x) => Ok(Value::Number(num::bitwise_not(x))),
            Numeric::BigInt(b) => {
                let r = bigint::bitwise_not(self.heap.bigint(b));
                Ok(Value::BigInt(self.heap.alloc_bigint(r)))
            }
        }
    }

    /// `++`: ToNumeric, then add one (1 or 1n). The old value, for postfix
    /// `x++`, is [`Vm::op_to_numeric`] of the operand.
    pub fn op_inc(&mut self, v: Value) -> JsResult<Value> {
        self.step(v, 1)
    }

    /// `--`: ToNumeric, then subtract one (1 or 1n).
    pub fn op_dec(&mut self, v: Value) -> JsResult<Value> {
        self.step(v, -1)
    }

    /// ToNumeric(v) + delta.
    fn step(&mut self, v: Value, delta: i8) -> JsResult<Value> {
        match self.to_numeric(v)? {
            Numeric::Number(x) => Ok(Value::Number(x + f64::from(delta))),
            Numeric::BigInt(b) => {
                let r = self.heap.bigint(b) + BigInt::from(delta);
                Ok(Value::BigInt(self.heap.alloc_bigint(r)))
            }
        }
    }

    /// ToNumeric(v) as a value (unary `+` on BigInts throws; this does not).
    #[inline]
    pub fn op_to_numeric(&mut self, v: Value) -> JsResult<Value> {
        match v {
            Value::Number(_) | Value::BigInt(_) => Ok(v),
            _ => self.to_numeric(v).map(Numeric::to_value),
        }
    }
}
