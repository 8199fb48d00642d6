//! The `console` methods beyond `log` and `error`, as Node 20 writes them:
//! `dir` (inspect, strings quoted, with options), `group`/`groupEnd`
//! (every following line indented by two more spaces), `assert`,
//! `count`/`countReset` and `trace`.
//!
//! Each method captures the console's state object (never exposed to
//! JavaScript): its `indent` property holds the group indentation and
//! `count:<label>` properties the counters.

use super::format::format_args;
use super::inspect::InspectOptions;
use super::reflect;
use spindle_vm::object::{Attributes, NativeFn, NativeFunction, ObjectKind, Property};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};
use std::io::Write;

/// Where a line goes.
#[derive(Clone, Copy)]
pub(super) enum Stream {
    /// stdout (`log`, `info`, `debug`, `dir`).
    Out,
    /// stderr (`warn`, `error`, `trace`, failed `assert`).
    Err,
}

/// A new state object for one console.
pub(super) fn new_state(vm: &mut Vm) -> Obj {
    vm.heap.alloc_object(None, ObjectKind::Ordinary)
}

/// A console method `name` implemented by `f`, capturing `state`.
pub(super) fn method(vm: &mut Vm, name: &str, f: NativeFn, state: Obj) -> Obj {
    let func = super::super::builder::native_function(vm, name, 0, f, false);
    if let ObjectKind::Native(n) = &mut vm.heap.object_mut(func).kind {
        *n = NativeFunction { call: n.call, construct: false, captures: Box::new([Value::Object(state)]), realm: n.realm };
    }
    func
}

/// The state object of the running console method.
fn state(vm: &Vm) -> Option<Obj> {
    let f = vm.current_native()?;
    match &vm.heap.object(f).kind {
        ObjectKind::Native(n) => n.captures.first().and_then(|v| v.as_object()),
        _ => None,
    }
}

fn number_slot(vm: &mut Vm, name: &str) -> Option<(Obj, PropertyKey, f64)> {
    let st = state(vm)?;
    let key = PropertyKey::Atom(vm.heap.intern_str(name));
    let n = match vm.heap.get_own_raw(st, key) {
        Some(Property::Data { value: Value::Number(n), .. }) => n,
        _ => 0.0,
    };
    Some((st, key, n))
}

fn set_number(vm: &mut Vm, st: Obj, key: PropertyKey, n: f64) {
    vm.heap.define_raw(st, key, Value::Number(n), Attributes::ALL);
}

/// Writes `text` as one or more lines, indented by the current group.
pub(super) fn write(vm: &mut Vm, stream: Stream, text: &str) {
    let indent = number_slot(vm, "indent").map_or(0.0, |(_, _, n)| n) as usize;
    let text = if indent == 0 {
        std::borrow::Cow::Borrowed(text)
    } else {
        let pad = " ".repeat(indent);
        std::borrow::Cow::Owned(format!("{pad}{}", text.replace('\n', &format!("\n{pad}"))))
    };
    let _ = match stream {
        Stream::Out => writeln!(std::io::stdout().lock(), "{text}"),
        Stream::Err => writeln!(std::io::stderr().lock(), "{text}"),
    };
}

/// `console.dir(value, options)`: `util.inspect(value, options)`.
pub(super) fn dir(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let value = args.first().copied().unwrap_or_default();
    let opts = match args.get(1) {
        Some(&Value::Object(o)) => read_options(vm, o),
        _ => InspectOptions::default(),
    };
    let text = super::inspect_with(vm, value, opts);
    write(vm, Stream::Out, &text);
    Ok(Value::Undefined)
}

/// The supported fields of an options object (data properties only).
pub(super) fn read_options(vm: &mut Vm, o: Obj) -> InspectOptions {
    let mut opts = InspectOptions::default();
    let count = |v: Value| match v {
        Value::Number(n) if n >= 0.0 => Some(if n.is_finite() { n as usize } else { usize::MAX }),
        Value::Null => Some(usize::MAX),
        _ => None,
    };
    match reflect::get_named(vm, o, "depth") {
        Value::Null => opts.depth = None,
        Value::Number(n) if n.is_infinite() && n > 0.0 => opts.depth = None,
        Value::Number(n) if !n.is_nan() => opts.depth = Some(n as i64),
        _ => {}
    }
    if let Value::Bool(b) = reflect::get_named(vm, o, "showHidden") {
        opts.show_hidden = b;
    }
    if let Value::Bool(b) = reflect::get_named(vm, o, "showProxy") {
        opts.show_proxy = b;
    }
    if let Some(n) = count(reflect::get_named(vm, o, "maxArrayLength")) {
        opts.max_array_length = n;
    }
    if let Some(n) = count(reflect::get_named(vm, o, "maxStringLength")) {
        opts.max_string_length = n;
    }
    if let Some(n) = count(reflect::get_named(vm, o, "breakLength")) {
        opts.break_length = n;
    }
    if let Value::Number(n) = reflect::get_named(vm, o, "compact") {
        if n >= 1.0 && n.is_finite() {
            opts.compact = n as u32;
        }
    }
    opts
}

/// `console.group(...label)` and `groupCollapsed`: logs the label, then
/// indents what follows by two more spaces.
pub(super) fn group(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    if !args.is_empty() {
        let text = format_args(vm, args)?;
        write(vm, Stream::Out, &text);
    }
    if let Some((st, key, n)) = number_slot(vm, "indent") {
        set_number(vm, st, key, n + 2.0);
    }
    Ok(Value::Undefined)
}

/// `console.groupEnd()`.
pub(super) fn group_end(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    if let Some((st, key, n)) = number_slot(vm, "indent") {
        set_number(vm, st, key, (n - 2.0).max(0.0));
    }
    Ok(Value::Undefined)
}

/// `console.assert(value, ...data)`: on a falsy value, `Assertion failed`
/// (`: ` and the first datum as a string, then the rest) on stderr.
pub(super) fn assert(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let ok = args.first().is_some_and(|&v| vm.to_boolean(v));
    if ok {
        return Ok(Value::Undefined);
    }
    let rest = args.get(1..).unwrap_or(&[]);
    let text = match rest.split_first() {
        // Node: args[0] = `Assertion failed: ${args[0]}`, then console.warn(...args).
        Some((&first, more)) => {
            let first = format!("Assertion failed: {}", vm.to_rust_string(first)?);
            let mut all = vec![vm.string(&first)];
            all.extend_from_slice(more);
            format_args(vm, &all)?
        }
        None => "Assertion failed".into(),
    };
    write(vm, Stream::Err, &text);
    Ok(Value::Undefined)
}

/// The label of `count`/`countReset` (`default` when absent).
fn label(vm: &mut Vm, args: &[Value]) -> JsResult<String> {
    match args.first() {
        None | Some(Value::Undefined) => Ok("default".into()),
        Some(&v) => vm.to_rust_string(v),
    }
}

/// `console.count(label)`: `label: n` on stdout.
pub(super) fn count(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let label = label(vm, args)?;
    if let Some((st, key, n)) = number_slot(vm, &format!("count:{label}")) {
        set_number(vm, st, key, n + 1.0);
        write(vm, Stream::Out, &format!("{label}: {}", n + 1.0));
    }
    Ok(Value::Undefined)
}

/// `console.countReset(label)`.
pub(super) fn count_reset(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let label = label(vm, args)?;
    match number_slot(vm, &format!("count:{label}")) {
        Some((st, key, n)) if n > 0.0 => set_number(vm, st, key, 0.0),
        _ => write(vm, Stream::Err, &format!("Count for '{label}' does not exist")),
    }
    Ok(Value::Undefined)
}

/// `console.trace(...data)`: `Trace: message` and the stack on stderr.
pub(super) fn trace(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let message = format_args(vm, args)?;
    let frames = match vm.error(ErrorKind::Error, "") {
        Value::Object(e) => match reflect::get_named(vm, e, "stack") {
            Value::String(s) => vm.heap.to_rust_string(s).split_once('\n').map(|(_, f)| f.to_string()),
            _ => None,
        },
        _ => None,
    };
    let head = if message.is_empty() { "Trace".to_string() } else { format!("Trace: {message}") };
    let text = match frames {
        Some(f) => format!("{head}\n{f}"),
        None => head,
    };
    write(vm, Stream::Err, &text);
    Ok(Value::Undefined)
}
