//! The `typeof` operator (§13.5.3).

use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// `typeof value`: `"function"` for anything callable, `"object"` for
    /// other objects and `null`.
    pub fn type_of(&self, value: Value) -> &'static str {
        match value {
            Value::Undefined | Value::Empty => "undefined",
            Value::Null => "object",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Symbol(_) => "symbol",
            Value::BigInt(_) => "bigint",
            Value::Object(_) if self.is_callable(value) => "function",
            Value::Object(_) => "object",
        }
    }
}
