//! Unhandled promise rejections, reported the way Node 20 does.
//!
//! After each microtask checkpoint the loop asks the VM for the promises
//! rejected without a handler since the last one and keeps those still
//! rejected and unhandled. The report depends on the mode (Node's
//! `--unhandled-rejections`):
//!
//! - `throw` (default) and `strict`: like an uncaught exception: the
//!   source line of the error's first frame with a caret, then the error
//!   as `util.inspect` shows it (its stack); a value that is not an Error
//!   becomes Node's `UnhandledPromiseRejection` message. The process exits
//!   with code 1.
//! - `warn`: an `UnhandledPromiseRejectionWarning` per rejection, and the
//!   program keeps running; `warn-with-error-code` also makes the exit code 1.
//! - `none`: silence.

use spindle_vm::object::ObjectKind;
use spindle_vm::promise::PromiseState;
use spindle_vm::value::{Obj, Value};
use spindle_vm::Vm;
use std::str::FromStr;

/// What to do with a promise rejected with no handler by the end of a
/// microtask checkpoint (Node's `--unhandled-rejections=MODE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UnhandledRejections {
    /// Report it as an uncaught exception and exit with code 1 (Node's default).
    #[default]
    Throw,
    /// The same as `Throw` (Node also ignores `unhandledRejection` hooks).
    Strict,
    /// Print a warning and keep running.
    Warn,
    /// Print a warning, keep running, and exit with code 1 at the end.
    WarnWithErrorCode,
    /// Say nothing.
    None,
}

impl FromStr for UnhandledRejections {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "throw" => UnhandledRejections::Throw,
            "strict" => UnhandledRejections::Strict,
            "warn" => UnhandledRejections::Warn,
            "warn-with-error-code" => UnhandledRejections::WarnWithErrorCode,
            "none" => UnhandledRejections::None,
            _ => return Err(format!("invalid value for --unhandled-rejections: {s} (throw, strict, warn, warn-with-error-code, none)")),
        })
    }
}

/// The promises rejected since the last checkpoint that are still
/// rejected with no handler, and their reasons.
pub(crate) fn take_unhandled(vm: &mut Vm) -> Vec<(Obj, Value)> {
    let promises = vm.take_unhandled_rejections();
    promises
        .into_iter()
        .filter_map(|p| match &vm.heap.object(p).kind {
            ObjectKind::Promise(d) if !d.handled => match d.state() {
                PromiseState::Rejected(reason) => Some((p, reason)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Whether `v` is an Error instance.
fn is_error(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::Error))
}

/// The fatal report (`throw` mode): source line and caret when the
/// error's first frame is in `source`, then the error.
pub(crate) fn fatal_report(vm: &mut Vm, reason: Value, source: Option<(&str, &str)>) -> String {
    if !is_error(vm, reason) {
        let shown = crate::builtins::console::inspect(vm, reason);
        return format!(
            "UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch \
             block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \
             \"{shown}\". {{\n  code: 'ERR_UNHANDLED_REJECTION'\n}}"
        );
    }
    let shown = crate::builtins::console::inspect(vm, reason);
    match source.and_then(|(file, text)| source_arrow(&shown, file, text)) {
        Some(arrow) => format!("{arrow}\n\n{shown}"),
        None => shown,
    }
}

/// Node's warning lines for rejection number `id` (`warn` modes).
pub(crate) fn warning(vm: &mut Vm, reason: Value, id: u32) -> String {
    let pid = std::process::id();
    let shown = crate::builtins::console::inspect(vm, reason);
    format!(
        "(spindle:{pid}) UnhandledPromiseRejectionWarning: {shown}\n\
         (spindle:{pid}) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by \
         throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with \
         .catch(). To terminate the spindle process on unhandled promise rejection, use the CLI flag \
         `--unhandled-rejections=strict`. (rejection id: {id})"
    )
}

/// `file:line`, the source line and a caret under the column of the first
/// stack frame of `stack`, if that frame is in `file`.
fn source_arrow(stack: &str, file: &str, text: &str) -> Option<String> {
    let frame = stack.lines().find_map(|l| l.trim_start().strip_prefix("at "))?;
    let location = match frame.rfind(" (") {
        Some(i) => frame.get(i + 2..)?.strip_suffix(')')?,
        None => frame,
    };
    let rest = location.strip_prefix(file)?.strip_prefix(':')?;
    let (line, column) = rest.split_once(':')?;
    let (line, column): (usize, usize) = (line.parse().ok()?, column.parse().ok()?);
    let source_line = text.lines().nth(line.checked_sub(1)?)?;
    let caret = " ".repeat(column.saturating_sub(1));
    Some(format!("{file}:{line}\n{source_line}\n{caret}^"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse() {
        assert_eq!("warn".parse::<UnhandledRejections>(), Ok(UnhandledRejections::Warn));
        assert_eq!("none".parse::<UnhandledRejections>(), Ok(UnhandledRejections::None));
        assert!("bogus".parse::<UnhandledRejections>().is_err());
    }

    #[test]
    fn arrow_under_first_frame() {
        let stack = "Error: x\n    at f (a.js:2:5)\n    at a.js:3:1";
        assert_eq!(source_arrow(stack, "a.js", "one\ntwo three\n"), Some("a.js:2\ntwo three\n    ^".to_string()));
        assert_eq!(source_arrow("Error: x\n    at b.js:1:1", "a.js", "x"), None);
    }
}
