//! `console` and `print`: writing values the way Node's `util.inspect`
//! formats them (`[ 1, 'a' ]`, `{ a: 1, b: { c: [Array] } }`,
//! `[Function: f]`, errors with their stack).

use super::builder::{native_function, Builder};
use spindle_vm::object::{Attributes, ObjectKind, Property};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};
use std::io::Write;

/// Installs `console` and `print`.
pub(crate) fn install(vm: &mut Vm) {
    let console = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    Builder::new(vm, console)
        .method("log", 0, log)
        .method("info", 0, log)
        .method("debug", 0, log)
        .method("warn", 0, error)
        .method("error", 0, error);
    let global = vm.realm.global;
    let print = native_function(vm, "print", 0, log, false);
    Builder::new(vm, global)
        .value("console", Value::Object(console), Attributes::WRITABLE_CONFIGURABLE)
        .value("print", Value::Object(print), Attributes::WRITABLE_CONFIGURABLE)
        .value("globalThis", Value::Object(global), Attributes::WRITABLE_CONFIGURABLE);
}

fn format_args(vm: &mut Vm, args: &[Value]) -> String {
    let parts: Vec<String> = args
        .iter()
        .map(|v| match v {
            Value::String(s) => vm.heap.to_rust_string(*s),
            other => inspect(vm, *other),
        })
        .collect();
    parts.join(" ")
}

fn log(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let line = format_args(vm, args);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    Ok(Value::Undefined)
}

fn error(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let line = format_args(vm, args);
    let mut out = std::io::stderr().lock();
    let _ = writeln!(out, "{line}");
    Ok(Value::Undefined)
}

/// The `util.inspect` text of `value`.
pub(crate) fn inspect(vm: &mut Vm, value: Value) -> String {
    let mut seen = Vec::new();
    inspect_at(vm, value, 0, &mut seen, false)
}

fn inspect_at(vm: &mut Vm, value: Value, depth: usize, seen: &mut Vec<Obj>, nested: bool) -> String {
    match value {
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(vm, n),
        Value::String(s) if nested => quote(&vm.heap.to_rust_string(s)),
        Value::String(s) => vm.heap.to_rust_string(s),
        Value::Symbol(s) => {
            let d = vm.heap.symbol_description(s).map(|d| vm.heap.to_rust_string(d)).unwrap_or_default();
            format!("Symbol({d})")
        }
        Value::BigInt(b) => format!("{}n", vm.heap.bigint(b)),
        Value::Empty => "<empty>".into(),
        Value::Object(o) => object(vm, o, depth, seen),
    }
}

fn number(vm: &mut Vm, n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        return "-0".into();
    }
    match vm.to_string(Value::Number(n)) {
        Ok(s) => vm.heap.to_rust_string(s),
        Err(_) => n.to_string(),
    }
}

fn quote(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn get_string(vm: &mut Vm, o: Obj, name: &str) -> Option<String> {
    let key = PropertyKey::Atom(vm.heap.intern_str(name));
    let mut cur = Some(o);
    while let Some(c) = cur {
        if let Some(Property::Data { value, .. }) = vm.heap.get_own_raw(c, key) {
            return match value {
                Value::String(s) => Some(vm.heap.to_rust_string(s)),
                _ => None,
            };
        }
        cur = vm.heap.object(c).proto;
    }
    None
}

fn object(vm: &mut Vm, o: Obj, depth: usize, seen: &mut Vec<Obj>) -> String {
    if seen.contains(&o) {
        return "[Circular *1]".into();
    }
    let kind = vm.heap.object(o).kind.clone();
    match kind {
        ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => {
            let name = get_string(vm, o, "name").unwrap_or_default();
            let class = matches!(&kind, ObjectKind::Closure(c) if !c.proto.is_callable());
            return match (class, name.is_empty()) {
                (true, true) => "[class (anonymous)]".into(),
                (true, false) => format!("[class {name}]"),
                (false, true) => "[Function (anonymous)]".into(),
                (false, false) => format!("[Function: {name}]"),
            };
        }
        ObjectKind::Error => {
            return get_string(vm, o, "stack").unwrap_or_else(|| get_string(vm, o, "message").unwrap_or_default());
        }
        _ => {}
    }
    if depth > 2 {
        return if vm.heap.object(o).is_array() { "[Array]".into() } else { "[Object]".into() };
    }
    seen.push(o);
    let is_array = vm.heap.object(o).is_array();
    let keys = vm.heap.own_keys_raw(o);
    let mut parts = Vec::new();
    for key in keys {
        let Some(prop) = vm.heap.get_own_raw(o, key) else { continue };
        let (value, attrs) = match prop {
            Property::Data { value, attrs } => (Some(value), attrs),
            Property::Accessor { attrs, .. } => (None, attrs),
        };
        if !attrs.enumerable() {
            continue;
        }
        let text = match value {
            Some(v) => inspect_at(vm, v, depth + 1, seen, true),
            None => "[Getter/Setter]".into(),
        };
        match key {
            PropertyKey::Index(_) if is_array => parts.push(text),
            PropertyKey::Index(i) => parts.push(format!("'{i}': {text}")),
            PropertyKey::Atom(a) => {
                let name = String::from_utf16_lossy(vm.heap.atom_units(a));
                let shown = if is_identifier(&name) { name } else { quote(&name) };
                parts.push(format!("{shown}: {text}"));
            }
            PropertyKey::Symbol(s) => {
                let d = vm.heap.symbol_description(s).map(|d| vm.heap.to_rust_string(d)).unwrap_or_default();
                parts.push(format!("[Symbol({d})]: {text}"));
            }
        }
    }
    seen.pop();
    let (open, close) = if is_array { ("[", "]") } else { ("{", "}") };
    if parts.is_empty() {
        return format!("{open}{close}");
    }
    let one_line = format!("{open} {} {close}", parts.join(", "));
    if one_line.len() <= 72 {
        return one_line;
    }
    let indent = "  ".repeat(depth + 1);
    let inner: Vec<String> = parts.iter().map(|p| format!("{indent}{p}")).collect();
    format!("{open}\n{}\n{}{close}", inner.join(",\n"), "  ".repeat(depth))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$') && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Node's report of an uncaught exception.
pub(crate) fn describe_uncaught(vm: &mut Vm, value: Value) -> String {
    match value {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::Error) => {
            let stack = get_string(vm, o, "stack").unwrap_or_default();
            format!("Uncaught {stack}")
        }
        other => format!("Uncaught {}", inspect_at(vm, other, 0, &mut Vec::new(), true)),
    }
}
