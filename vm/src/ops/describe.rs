//! A short, side-effect-free rendering of a value for error messages
//! (never calls into JavaScript, unlike ToString).

use super::number_to_string::number_to_string;
use crate::object::ObjectKind;
use crate::value::Value;
use crate::vm::Vm;

/// Longest string quoted verbatim in a message.
const MAX_QUOTED: usize = 40;

impl Vm {
    /// `undefined`, `1.5`, `abc`, `Symbol(desc)`, `10n`, `#<Object>`,
    /// `function`: how a value reads in "Cannot convert x to a BigInt".
    pub(crate) fn describe(&self, v: Value) -> String {
        match v {
            Value::Undefined | Value::Empty => "undefined".to_owned(),
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => number_to_string(n),
            Value::String(s) => {
                let text = self.heap.to_rust_string(s);
                match text.char_indices().nth(MAX_QUOTED) {
                    Some((i, _)) => format!("{}...", &text[..i]),
                    None => text,
                }
            }
            Value::Symbol(s) => {
                let d = self.heap.symbol_description(s).map(|d| self.heap.to_rust_string(d));
                format!("Symbol({})", d.unwrap_or_default())
            }
            Value::BigInt(b) => self.heap.bigint(b).to_string(),
            Value::Object(o) => match self.heap.object(o).kind {
                _ if self.is_callable(v) => "function".to_owned(),
                ObjectKind::Array => "#<Array>".to_owned(),
                _ => "#<Object>".to_owned(),
            },
        }
    }
}
