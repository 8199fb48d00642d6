//! `util.format` as `console.log` applies it (Node's
//! `formatWithOptionsInternal`): when the first argument is a string, its
//! `%s %d %i %f %j %o %O %c %%` take the next arguments; the arguments
//! left over follow, separated by spaces, strings as they are and anything
//! else inspected.
//!
//! Like Node, `%s` calls a user-defined `toString`, `%d`/`%i`/`%f` convert
//! with `Number`/`parseInt`/`parseFloat` and `%j` calls `JSON.stringify`;
//! an exception they throw propagates out of `console.log`.

use super::inspect::{Ctx, InspectOptions};
use super::reflect;
use super::text::format_number;
use spindle_vm::ops::parse_int_float::{parse_float, parse_int};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The line `console.log(...args)` writes.
pub(super) fn format_args(vm: &mut Vm, args: &[Value]) -> JsResult<String> {
    let mut a = 0;
    let mut out = String::new();
    let mut join = "";
    if let Some(&Value::String(first)) = args.first() {
        if args.len() == 1 {
            return Ok(vm.heap.to_rust_string(first));
        }
        let units = vm.heap.units(first).to_vec();
        let slice = |from: usize, to: usize| String::from_utf16_lossy(&units[from..to]);
        let mut last_pos = 0;
        let mut i = 0;
        while i + 1 < units.len() {
            if units[i] != u16::from(b'%') {
                i += 1;
                continue;
            }
            i += 1;
            let next = units[i];
            if a + 1 != args.len() {
                if next == u16::from(b'%') {
                    out.push_str(&slice(last_pos, i));
                    last_pos = i + 1;
                } else if let Some(text) = substitute(vm, next, args, &mut a)? {
                    if last_pos != i - 1 {
                        out.push_str(&slice(last_pos, i - 1));
                    }
                    out.push_str(&text);
                    last_pos = i + 1;
                }
            } else if next == u16::from(b'%') {
                out.push_str(&slice(last_pos, i));
                last_pos = i + 1;
            }
            i += 1;
        }
        if last_pos != 0 {
            a += 1;
            join = " ";
            if last_pos < units.len() {
                out.push_str(&slice(last_pos, units.len()));
            }
        }
    }
    while a < args.len() {
        out.push_str(join);
        out.push_str(&super::inspect(vm, args[a]));
        join = " ";
        a += 1;
    }
    Ok(out)
}

/// The text of one `%x` directive (taking the next argument), or `None`
/// when `x` is not a directive.
fn substitute(vm: &mut Vm, directive: u16, args: &[Value], a: &mut usize) -> JsResult<Option<String>> {
    let Ok(d) = u8::try_from(directive) else { return Ok(None) };
    if !b"sjdOoifc".contains(&d) {
        return Ok(None);
    }
    *a += 1;
    let arg = args.get(*a).copied().unwrap_or(Value::Undefined);
    let text = match d {
        b's' => percent_s(vm, arg)?,
        b'j' => percent_j(vm, arg)?,
        b'd' => numeric(vm, arg, |vm, v| vm.to_number(v))?,
        b'i' => numeric(vm, arg, |vm, v| Ok(parse_int(&string_units(vm, v)?, 0)))?,
        b'f' => numeric(vm, arg, |vm, v| Ok(parse_float(&string_units(vm, v)?)))?,
        b'O' => super::inspect_with(vm, arg, InspectOptions::default()),
        b'o' => {
            let opts = InspectOptions { show_hidden: true, show_proxy: true, depth: Some(4), ..InspectOptions::default() };
            super::inspect_with(vm, arg, opts)
        }
        _ => String::new(),
    };
    Ok(Some(text))
}

/// ToString(value) as code units (may run user code).
fn string_units(vm: &mut Vm, value: Value) -> JsResult<Vec<u16>> {
    let s = vm.to_string(value)?;
    Ok(vm.heap.units(s).to_vec())
}

/// `%d`, `%i`, `%f`: bigints as `1n`, symbols as `NaN`, else `convert`.
fn numeric(vm: &mut Vm, arg: Value, convert: fn(&mut Vm, Value) -> JsResult<f64>) -> JsResult<String> {
    Ok(match arg {
        Value::BigInt(b) => format!("{}n", vm.heap.bigint(b)),
        Value::Symbol(_) => "NaN".into(),
        // %f never sees a BigInt as such: parseFloat reads its digits.
        other => format_number(convert(vm, other)?),
    })
}

/// `%s`: numbers and bigints as inspect writes them, objects without a
/// user-defined `toString` inspected at depth 0, the rest by `String()`.
fn percent_s(vm: &mut Vm, arg: Value) -> JsResult<String> {
    match arg {
        Value::Number(n) => Ok(format_number(n)),
        Value::BigInt(b) => Ok(format!("{}n", vm.heap.bigint(b))),
        Value::Object(o) if !reflect::is_callable(vm, o) && has_builtin_to_string(vm, o) => {
            let opts = InspectOptions { depth: Some(0), ..InspectOptions::default() };
            Ok(Ctx::new(vm, opts).format_value(arg, 0))
        }
        Value::Object(_) => vm.to_rust_string(arg),
        other => Ok(reflect::primitive_string(vm, other).unwrap_or_default()),
    }
}

/// `%j`: `JSON.stringify(arg)`, `[Circular]` for circular structures.
fn percent_j(vm: &mut Vm, arg: Value) -> JsResult<String> {
    let global = vm.realm.global;
    let stringify = match reflect::get_named(vm, global, "JSON") {
        Value::Object(json) => reflect::get_named(vm, json, "stringify"),
        _ => Value::Undefined,
    };
    if !reflect::is_function(vm, stringify) {
        return Ok(super::inspect_with(vm, arg, InspectOptions::default()));
    }
    match vm.call(stringify, Value::Undefined, &[arg]) {
        Ok(Value::String(s)) => Ok(vm.heap.to_rust_string(s)),
        Ok(_) => Ok("undefined".into()),
        Err(e) if is_circular_error(vm, e) => Ok("[Circular]".into()),
        Err(e) => Err(e),
    }
}

/// A TypeError about a circular structure (what `JSON.stringify` throws).
fn is_circular_error(vm: &mut Vm, e: Value) -> bool {
    let Value::Object(o) = e else { return false };
    let type_error = vm.realm.error_prototype(spindle_vm::realm::ErrorKind::TypeError);
    if !reflect::inherits_from(vm, o, type_error) {
        return false;
    }
    match reflect::get_named(vm, o, "message") {
        Value::String(m) => vm.heap.to_rust_string(m).to_lowercase().contains("circular"),
        _ => false,
    }
}

/// Node's `hasBuiltInToString`: the `toString` (or `Symbol.toPrimitive`)
/// `o` would use comes from a built-in prototype.
fn has_builtin_to_string(vm: &mut Vm, o: Obj) -> bool {
    let o = match reflect::proxy_target(vm, o) {
        Some(None) => return true,
        Some(Some(t)) => t,
        None => o,
    };
    let to_string = PropertyKey::Atom(vm.heap.names.to_string);
    let to_primitive = PropertyKey::Symbol(vm.heap.well_known.to_primitive);
    let has_fn = |vm: &mut Vm, key| {
        let v = reflect::get(vm, o, key);
        reflect::is_function(vm, v)
    };
    let own = |vm: &mut Vm, at: Obj, key| reflect::own(vm, at, key).is_some();
    let (mut check_string, mut check_primitive) = (true, true);
    if !has_fn(vm, to_string) {
        if !has_fn(vm, to_primitive) {
            return true;
        }
        if own(vm, o, to_primitive) {
            return false;
        }
        check_string = false;
    } else if own(vm, o, to_string) {
        return false;
    } else if !has_fn(vm, to_primitive) {
        check_primitive = false;
    } else if own(vm, o, to_primitive) {
        return false;
    }
    let mut pointer = o;
    loop {
        let Some(p) = vm.heap.object(pointer).proto else { return true };
        pointer = p;
        if (check_string && own(vm, p, to_string)) || (check_primitive && own(vm, p, to_primitive)) {
            break;
        }
    }
    let ctor = PropertyKey::Atom(vm.heap.names.constructor);
    match reflect::own(vm, pointer, ctor).and_then(|p| p.value()) {
        Some(Value::Object(f)) if reflect::is_callable(vm, f) => {
            let name = reflect::get(vm, f, PropertyKey::Atom(vm.heap.names.name));
            match name {
                Value::String(s) => is_builtin_name(vm, &vm.heap.to_rust_string(s)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Node's `builtInObjects`: a global property whose name matches
/// `^([A-Z][a-z]+)+$` (`Object`, `Array`, `Error`, `BigInt`, ...).
pub(super) fn is_builtin_name(vm: &mut Vm, name: &str) -> bool {
    let b = name.as_bytes();
    let shaped = b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(u8::is_ascii_alphabetic)
        && b.windows(2).all(|w| !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()))
        && !b.last().is_some_and(u8::is_ascii_uppercase);
    if !shaped {
        return false;
    }
    let global = vm.realm.global;
    let key = PropertyKey::Atom(vm.heap.intern_str(name));
    reflect::own(vm, global, key).is_some()
}
