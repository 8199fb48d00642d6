//! The test262 host for the run engine: what INTERPRETING.md asks a host
//! to define in every realm a test runs in.
//!
//! - `print(...)`: appends its arguments (converted to strings, joined by
//!   spaces) and a newline to a per-thread buffer the runner reads after
//!   the test ([`take_output`]), instead of writing to the process's
//!   stdout. `console.log`, `info`, `debug`, `warn` and `error` are
//!   replaced the same way, so a test run never writes to the terminal.
//! - `$262`: `global` (the global object), `evalScript(source)` (parse and
//!   run `source` as a new script in the realm of this `$262`; a syntax
//!   error is thrown as a `SyntaxError`), `gc()` (a full collection),
//!   `detachArrayBuffer(buffer)` (DetachArrayBuffer; a TypeError for
//!   anything but an ArrayBuffer) and `createRealm()` (a new realm in the
//!   same VM, with the standard library and this host installed: its
//!   `$262`). `agent` and `IsHTMLDDA` are left out: they belong to
//!   excluded features, and tests probe for them by `typeof`, so leaving
//!   them out is the honest answer.
//!
//! Invariant: one worker thread runs one test at a time, so a thread-local
//! buffer holds exactly the current test's output once the runner has
//! cleared it at the test's start ([`take_output`]).

use std::cell::RefCell;

use spindle_vm::object::{Attributes, NativeFn, NativeFunction, ObjectKind, Property};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

use crate::script::{eval_script, ScriptError};

thread_local! {
    /// What the current test printed on this thread.
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The file name scripts run by `$262.evalScript` report in stack traces.
const EVAL_SCRIPT_FILE: &str = "<evalScript>";

/// Takes (and clears) what `print` and `console` wrote on this thread.
pub fn take_output() -> String {
    OUTPUT.with(|out| std::mem::take(&mut *out.borrow_mut()))
}

/// Installs the host into `vm`'s realm: `print` and the `console` methods
/// writing to this thread's buffer, and `$262`.
pub fn install(vm: &mut Vm) {
    install_host(vm);
}

/// Installs the host into the current realm; returns its `$262`.
fn install_host(vm: &mut Vm) -> Obj {
    let global = vm.realm.global;
    let print = native_function(vm, "print", 1, capture);
    define(vm, global, "print", Value::Object(print));
    let console = match own_data(vm, global, "console") {
        Some(Value::Object(console)) => console,
        _ => {
            let proto = vm.realm.intrinsics.object_prototype;
            let console = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
            define(vm, global, "console", Value::Object(console));
            console
        }
    };
    for name in ["log", "info", "debug", "warn", "error"] {
        let f = native_function(vm, name, 0, capture);
        define(vm, console, name, Value::Object(f));
    }
    let test262 = make_262(vm);
    define(vm, global, "$262", Value::Object(test262));
    test262
}

/// The `$262` object.
fn make_262(vm: &mut Vm) -> Obj {
    let proto = vm.realm.intrinsics.object_prototype;
    let object = vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary);
    let global = vm.realm.global;
    define(vm, object, "global", Value::Object(global));
    let eval = native_function(vm, "evalScript", 1, eval_script_native);
    define(vm, object, "evalScript", Value::Object(eval));
    let gc = native_function(vm, "gc", 0, gc_native);
    define(vm, object, "gc", Value::Object(gc));
    let detach = native_function(vm, "detachArrayBuffer", 1, detach_array_buffer_native);
    define(vm, object, "detachArrayBuffer", Value::Object(detach));
    let create_realm = native_function(vm, "createRealm", 0, create_realm_native);
    define(vm, object, "createRealm", Value::Object(create_realm));
    object
}

/// `$262.createRealm()`: a new realm (fresh intrinsics and global object,
/// the standard library, this host's `print` and `$262`) in this VM; its
/// `$262`.
fn create_realm_native(
    vm: &mut Vm,
    _this: Value,
    _args: &[Value],
    _new_target: Option<Obj>,
) -> JsResult<Value> {
    let realm = spindle_runtime::create_realm(vm);
    let test262 = vm.with_realm(realm, install_host);
    Ok(Value::Object(test262))
}

/// `print(...args)` and the `console` methods: one line into the buffer.
fn capture(vm: &mut Vm, _this: Value, args: &[Value], _new_target: Option<Obj>) -> JsResult<Value> {
    let mut line = String::new();
    for (i, &arg) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&text_of(vm, arg));
    }
    line.push('\n');
    OUTPUT.with(|out| out.borrow_mut().push_str(&line));
    Ok(Value::Undefined)
}

/// `arg` as printed: its string value, or a placeholder for a value whose
/// conversion throws (a symbol, an object with a throwing `toString`).
fn text_of(vm: &mut Vm, arg: Value) -> String {
    match vm.to_rust_string(arg) {
        Ok(text) => text,
        Err(_) => match arg {
            Value::Symbol(s) => {
                let description = vm.heap.symbol_description(s);
                let text = description.map(|d| vm.heap.to_rust_string(d));
                format!("Symbol({})", text.unwrap_or_default())
            }
            _ => "[value not convertible to a string]".to_string(),
        },
    }
}

/// `$262.evalScript(source)`: ParseScript and ScriptEvaluation in this
/// realm; a parse (or compile) error is thrown as a `SyntaxError`.
fn eval_script_native(
    vm: &mut Vm,
    _this: Value,
    args: &[Value],
    _new_target: Option<Obj>,
) -> JsResult<Value> {
    let source = vm.to_rust_string(args.first().copied().unwrap_or(Value::Undefined))?;
    match eval_script(vm, &source, EVAL_SCRIPT_FILE) {
        Ok(value) => Ok(value),
        Err(ScriptError::Syntax(message) | ScriptError::Compile(message)) => {
            Err(vm.error(ErrorKind::SyntaxError, &message))
        }
        Err(ScriptError::Thrown(value)) => Err(value),
    }
}

/// `$262.gc()`: a full collection.
///
/// The VM's roots are its registers, frames and realm, so this is sound
/// when called from script code (as test262 does); a built-in that calls
/// back into JavaScript holds values on the Rust stack the collector cannot
/// see, and the VM does not expose whether one is running.
fn gc_native(
    vm: &mut Vm,
    _this: Value,
    _args: &[Value],
    _new_target: Option<Obj>,
) -> JsResult<Value> {
    vm.collect_garbage();
    Ok(Value::Undefined)
}

/// `$262.detachArrayBuffer(buffer)`: DetachArrayBuffer(buffer).
fn detach_array_buffer_native(
    vm: &mut Vm,
    _this: Value,
    args: &[Value],
    _new_target: Option<Obj>,
) -> JsResult<Value> {
    match args.first() {
        Some(&Value::Object(buffer)) if vm.array_buffer(buffer).is_some() => {
            vm.detach_array_buffer(buffer);
            Ok(Value::Null)
        }
        _ => vm.type_error("detachArrayBuffer: not an ArrayBuffer"),
    }
}

/// A native function object named `name` with `length`, as built-ins are
/// made (not a constructor; `length` and `name` configurable only).
fn native_function(vm: &mut Vm, name: &str, length: u32, call: NativeFn) -> Obj {
    let native = NativeFunction {
        call,
        construct: false,
        captures: Box::new([]),
        realm: vm.current_realm(),
    };
    let proto = vm.realm.intrinsics.function_prototype;
    let f = vm
        .heap
        .alloc_object(Some(proto), ObjectKind::Native(native));
    let length_key = key(vm, "length");
    let length = Value::Number(f64::from(length));
    vm.heap
        .define_raw(f, length_key, length, Attributes::CONFIGURABLE);
    let name_key = key(vm, "name");
    let name = vm.string(name);
    vm.heap
        .define_raw(f, name_key, name, Attributes::CONFIGURABLE);
    f
}

/// Defines `name` on `target` as built-in properties are: writable and
/// configurable, not enumerable.
fn define(vm: &mut Vm, target: Obj, name: &str, value: Value) {
    let key = key(vm, name);
    vm.heap
        .define_raw(target, key, value, Attributes::WRITABLE_CONFIGURABLE);
}

/// The value of `target`'s own data property `name`, read without running code.
fn own_data(vm: &mut Vm, target: Obj, name: &str) -> Option<Value> {
    let key = key(vm, name);
    match vm.heap.get_own_raw(target, key) {
        Some(Property::Data { value, .. }) => Some(value),
        _ => None,
    }
}

/// The property key of `name`.
fn key(vm: &mut Vm, name: &str) -> PropertyKey {
    PropertyKey::Atom(vm.heap.intern_str(name))
}
