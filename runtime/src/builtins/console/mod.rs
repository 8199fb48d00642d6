//! `console` and `print`: writing values the way Node 20's `util.inspect`
//! formats them with its defaults (depth 2, `breakLength` 80,
//! `compact` 3), byte for byte, and `util.format`'s `%s %d %i %f %j %o %O
//! %c %%` substitutions in a leading string argument.
//!
//! `console.log`, `info`, `debug` and the global `print` write a line to
//! stdout; `console.warn` and `error` to stderr. [`describe_uncaught`] is
//! the report `spindle run` prints for an exception nobody caught.
//!
//! Modules: `format` (the format string), `inspect` (the recursive
//! formatter and its per-kind `match`), `naming` (constructor names,
//! function heads), `collections` (Map, Set, their iterators and the weak
//! collections), `binary` (typed arrays, ArrayBuffer, DataView),
//! `errors` (error stacks), `layout` (line breaking), `text` (quoting,
//! escapes, widths), `reflect` (reading objects without running
//! JavaScript).

mod binary;
mod collections;
mod errors;
mod format;
mod inspect;
mod layout;
mod methods;
mod naming;
mod reflect;
mod text;

#[cfg(test)]
mod tests;

pub(crate) use inspect::InspectOptions;

use super::builder::{native_function, Builder};
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// The console methods and their implementations.
const METHODS: [(&str, spindle_vm::object::NativeFn); 14] = [
    ("log", log),
    ("info", log),
    ("debug", log),
    ("warn", error),
    ("error", error),
    ("dir", methods::dir),
    ("group", methods::group),
    ("groupCollapsed", methods::group),
    ("groupEnd", methods::group_end),
    ("assert", methods::assert),
    ("count", methods::count),
    ("countReset", methods::count_reset),
    ("trace", methods::trace),
    ("print", log),
];

/// Installs `console` and `print`.
pub(crate) fn install(vm: &mut Vm) {
    let console = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let state = methods::new_state(vm);
    let mut print = None;
    for (name, f) in METHODS {
        let func = methods::method(vm, name, f, state);
        if name == "print" {
            print = Some(func);
        } else {
            let key = vm.heap.key_from_str(name);
            vm.heap.define_raw(console, key, Value::Object(func), Attributes::WRITABLE_CONFIGURABLE);
        }
    }
    let print = print.unwrap_or_else(|| native_function(vm, "print", 0, log, false));
    let global = vm.realm.global;
    Builder::new(vm, global)
        .value("console", Value::Object(console), Attributes::WRITABLE_CONFIGURABLE)
        .value("print", Value::Object(print), Attributes::WRITABLE_CONFIGURABLE)
        .value("globalThis", Value::Object(global), Attributes::WRITABLE_CONFIGURABLE);
}

/// `console.log`, `info`, `debug` and `print`: one line on stdout.
fn log(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let line = format::format_args(vm, args)?;
    methods::write(vm, methods::Stream::Out, &line);
    Ok(Value::Undefined)
}

/// `console.warn` and `error`: one line on stderr.
fn error(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let line = format::format_args(vm, args)?;
    methods::write(vm, methods::Stream::Err, &line);
    Ok(Value::Undefined)
}

/// The text `console.log(value)` prints: strings as they are, anything
/// else as `util.inspect` shows it.
pub(crate) fn inspect(vm: &mut Vm, value: Value) -> String {
    match value {
        Value::String(s) => vm.heap.to_rust_string(s),
        other => inspect_with(vm, other, InspectOptions::default()),
    }
}

/// `util.inspect(value, options)`: strings quoted.
pub(crate) fn inspect_with(vm: &mut Vm, value: Value, opts: InspectOptions) -> String {
    inspect::Ctx::new(vm, opts).format_value(value, 0)
}

/// The report of an uncaught exception: `Uncaught ` and the error's
/// stack, or `Uncaught ` and the inspected value for anything else.
pub(crate) fn describe_uncaught(vm: &mut Vm, value: Value) -> String {
    if let Value::Object(o) = value {
        if matches!(vm.heap.object(o).kind, ObjectKind::Error) {
            if let Value::String(s) = reflect::get_named(vm, o, "stack") {
                return format!("Uncaught {}", vm.heap.to_rust_string(s));
            }
        }
    }
    format!("Uncaught {}", inspect_with(vm, value, InspectOptions::default()))
}
