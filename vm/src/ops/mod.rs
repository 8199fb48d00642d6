//! The abstract operations of ECMAScript 2025 §7 (type conversion, testing
//! and comparison), the Number and BigInt operations of §6.1.6, and the
//! operators the interpreter applies (`+`, `<`, `==`, `instanceof`, ...).
//!
//! Pure numeric algorithms are free functions on `f64` and
//! `num_bigint::BigInt` (so the standard library can reuse them); anything
//! that may call into JavaScript or allocate is a method on [`Vm`].
//!
//! ```
//! use spindle_vm::{ops, Vm};
//! let mut vm = Vm::new();
//! let s = vm.string("0x10");
//! assert_eq!(vm.to_number(s), Ok(16.0));
//! assert_eq!(ops::number_to_string::number_to_string(1e21), "1e+21");
//! ```
//!
//! [`Vm`]: crate::vm::Vm

pub mod arithmetic;
pub mod bigint;
pub mod int_conversions;
pub mod number_format;
pub mod number_to_string;
pub mod parse_int_float;
pub mod string_to_number;

mod conversions;
mod describe;
mod equality;
mod instanceof;
mod numeric_conversions;
mod operators;
mod relational;
mod to_primitive;
mod type_of;

#[cfg(test)]
mod tests;

use crate::value::{BigIntRef, Value};

/// The result of ToNumeric: a Number or a BigInt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Numeric {
    /// A Number.
    Number(f64),
    /// A BigInt.
    BigInt(BigIntRef),
}

impl Numeric {
    /// The value itself.
    pub fn to_value(self) -> Value {
        match self {
            Numeric::Number(n) => Value::Number(n),
            Numeric::BigInt(b) => Value::BigInt(b),
        }
    }
}

/// The preferred type of ToPrimitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// No preference (`+`, `==`, the Date constructor): `"default"`.
    Default,
    /// `"number"`.
    Number,
    /// `"string"`.
    String,
}

impl Hint {
    /// The hint string passed to a `@@toPrimitive` method.
    pub fn name(self) -> &'static str {
        match self {
            Hint::Default => "default",
            Hint::Number => "number",
            Hint::String => "string",
        }
    }
}
