//! Running a script in a VM the way the run engine and `$262.evalScript`
//! need it: parsing (test262's phase `parse`), compiling and evaluating
//! kept apart, so that a syntax error, a construct the compiler cannot
//! compile yet and a thrown exception are told apart; and describing a
//! thrown value by its constructor's name and its message.

use spindle_compiler::{compile_script, parse, Goal};
use spindle_vm::object::ObjectKind;
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{PropertyKey, Value};
use spindle_vm::Vm;

/// How evaluating a script ended, when it did not complete normally.
#[derive(Debug, Clone, PartialEq)]
pub enum ScriptError {
    /// The parser (with its early errors) rejected the source: no code ran.
    Syntax(String),
    /// The source is valid but the compiler cannot compile it (a construct
    /// not implemented yet, a size limit): no code ran.
    Compile(String),
    /// Evaluation threw this value.
    Thrown(Value),
}

/// Parses, compiles and runs `source` as a script named `file` in `vm`'s
/// realm, returning its completion value.
pub fn eval_script(vm: &mut Vm, source: &str, file: &str) -> Result<Value, ScriptError> {
    let proto = {
        let arena = bumpalo::Bump::new();
        let parsed =
            parse(&arena, source, Goal::Script).map_err(|e| ScriptError::Syntax(e.message))?;
        compile_script(&parsed.program, &parsed.scopes, &mut vm.heap, file, source)
            .map_err(|e| ScriptError::Compile(e.message))?
    };
    vm.run_script(proto).map_err(ScriptError::Thrown)
}

/// The name test262 matches a runtime `negative.type` against: the thrown
/// object's `constructor.name`. When that cannot be read (no
/// `constructor`, a throwing getter), an error object made by the VM is
/// named by the error prototype on its chain; anything else gets a
/// description in angle brackets (`<number>`, `<object>`), which no
/// `negative.type` matches.
pub fn error_type(vm: &mut Vm, thrown: Value) -> String {
    if let Some(name) = constructor_name(vm, thrown) {
        return name;
    }
    if let Some(kind) = error_kind_by_prototype(vm, thrown) {
        return kind.name().to_string();
    }
    match thrown {
        Value::Object(_) => "<object>".to_string(),
        Value::Undefined | Value::Empty => "<undefined>".to_string(),
        Value::Null => "<null>".to_string(),
        Value::Bool(_) => "<boolean>".to_string(),
        Value::Number(_) => "<number>".to_string(),
        Value::String(_) => "<string>".to_string(),
        Value::Symbol(_) => "<symbol>".to_string(),
        Value::BigInt(_) => "<bigint>".to_string(),
    }
}

/// The thrown value's message: `thrown.message` for an object that has a
/// string one, else the value as a string (objects described without
/// running their code).
pub fn error_message(vm: &mut Vm, thrown: Value) -> String {
    match thrown {
        Value::Object(o) => {
            let key = key(vm, "message");
            match vm.get(o, key, thrown) {
                Ok(Value::String(s)) => vm.heap.to_rust_string(s),
                _ => String::new(),
            }
        }
        Value::Symbol(_) => "a symbol".to_string(),
        primitive => vm.to_rust_string(primitive).unwrap_or_default(),
    }
}

/// `thrown.constructor.name`, if both reads succeed and give a non-empty string.
fn constructor_name(vm: &mut Vm, thrown: Value) -> Option<String> {
    let Value::Object(o) = thrown else {
        return None;
    };
    let constructor_key = key(vm, "constructor");
    let constructor = vm.get(o, constructor_key, thrown).ok()?;
    let Value::Object(c) = constructor else {
        return None;
    };
    let name_key = key(vm, "name");
    match vm.get(c, name_key, constructor).ok()? {
        Value::String(s) => Some(vm.heap.to_rust_string(s)).filter(|n| !n.is_empty()),
        _ => None,
    }
}

/// The kind of native error whose prototype is on the chain of an error
/// object (the nearest one), without running code.
fn error_kind_by_prototype(vm: &Vm, thrown: Value) -> Option<ErrorKind> {
    let Value::Object(o) = thrown else {
        return None;
    };
    if !matches!(vm.heap.object(o).kind, ObjectKind::Error) {
        return None;
    }
    let mut current = vm.heap.object(o).proto;
    // A prototype chain is finite, but a proxy-free cycle guard costs nothing.
    for _ in 0..10_000 {
        let p = current?;
        if let Some(kind) = ErrorKind::ALL
            .into_iter()
            .find(|&k| vm.realm.error_prototype(k) == p)
        {
            return Some(kind);
        }
        current = vm.heap.object(p).proto;
    }
    None
}

/// The property key of `name`.
fn key(vm: &mut Vm, name: &str) -> PropertyKey {
    PropertyKey::Atom(vm.heap.intern_str(name))
}
