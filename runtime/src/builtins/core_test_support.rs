//! Test helper for the core built-ins' unit tests: run a script in a fresh
//! runtime and read its completion value as text.

use crate::{RunError, Runtime};
use spindle_vm::object::{ObjectKind, Property};
use spindle_vm::value::{PropertyKey, Value};

/// Runs `source` in a new runtime: the display string of the completion
/// value, `Name: message` of a thrown error, `throw <value>` of another
/// thrown value, or `SyntaxError(early): ...` for a script that does not
/// parse.
pub(crate) fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "test.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Syntax(s)) => format!("SyntaxError(early): {s}"),
        Err(RunError::Exception(v)) => exception_text(&mut rt, v),
    }
}

fn exception_text(rt: &mut Runtime, v: Value) -> String {
    let Value::Object(o) = v else { return format!("throw {}", rt.display(v)) };
    if !matches!(rt.vm.heap.object(o).kind, ObjectKind::Error) {
        return format!("throw {}", rt.display(v));
    }
    let name = lookup(rt, o, "name");
    let message = lookup(rt, o, "message");
    if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    }
}

fn lookup(rt: &mut Runtime, o: spindle_vm::value::Obj, name: &str) -> String {
    let key = PropertyKey::Atom(rt.vm.heap.intern_str(name));
    let mut cur = Some(o);
    while let Some(c) = cur {
        if let Some(Property::Data { value: Value::String(s), .. }) = rt.vm.heap.get_own_raw(c, key) {
            return rt.vm.heap.to_rust_string(s);
        }
        cur = rt.vm.heap.object(c).proto;
    }
    String::new()
}
