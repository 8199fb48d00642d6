//! `String.prototype.padStart`, `padEnd` (StringPad) and `trim`,
//! `trimStart`, `trimEnd` (TrimString), with Annex B's `trimLeft` /
//! `trimRight` as the same function objects as `trimStart` / `trimEnd`.

use super::{make_string, this_str, MAX_STRING_LENGTH};
use crate::builtins::builder::{native_function, Builder};
use crate::builtins::support::arg;
use spindle_vm::object::Attributes;
use spindle_vm::ops::string_to_number::is_js_whitespace;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the padding and trimming methods.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto).method("padEnd", 1, pad_end).method("padStart", 1, pad_start).method("trim", 0, trim);
    for (name, alias, f) in [
        ("trimEnd", "trimRight", trim_end as spindle_vm::object::NativeFn),
        ("trimStart", "trimLeft", trim_start),
    ] {
        let func = native_function(vm, name, 0, f, false);
        for key in [name, alias] {
            let k = vm.heap.key_from_str(key);
            vm.heap.define_raw(proto, k, Value::Object(func), Attributes::WRITABLE_CONFIGURABLE);
        }
    }
}

/// StringPaddingBuiltinsImpl / StringPad (§22.1.3.17.1-2).
fn pad(vm: &mut Vm, this: Value, args: &[Value], at_start: bool) -> JsResult<Value> {
    // 1-2. S = ToString(RequireObjectCoercible(this)).
    let s = this_str(vm, this)?;
    // 3. Let intMaxLength be ℝ(? ToLength(maxLength)).
    let max_length = vm.to_length(arg(args, 0))?;
    let len = vm.heap.string_len(s) as u64;
    // 4. If intMaxLength ≤ stringLength, return S.
    if max_length <= len {
        return Ok(Value::String(s));
    }
    // 5-6. fillString is " " if undefined, else ToString(fillString); empty → S.
    let filler: Vec<u16> = match arg(args, 1) {
        Value::Undefined => vec![u16::from(b' ')],
        f => {
            let f = vm.to_string(f)?;
            vm.heap.units(f).to_vec()
        }
    };
    if filler.is_empty() {
        return Ok(Value::String(s));
    }
    if max_length > MAX_STRING_LENGTH as u64 {
        return vm.range_error("Invalid string length");
    }
    // 7-9. The filler repeated and truncated to fillLen, on the chosen side.
    let fill_len = (max_length - len) as usize;
    let pad: Vec<u16> = filler.iter().copied().cycle().take(fill_len).collect();
    let units = vm.heap.units(s);
    let out = if at_start { [&pad[..], units].concat() } else { [units, &pad[..]].concat() };
    make_string(vm, out)
}

/// `String.prototype.padEnd(maxLength [, fillString])` (§22.1.3.16).
fn pad_end(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    pad(vm, this, args, false)
}

/// `String.prototype.padStart(maxLength [, fillString])` (§22.1.3.17).
fn pad_start(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    pad(vm, this, args, true)
}

/// TrimString(string, where) (§22.1.3.32.1).
fn trim_string(vm: &mut Vm, this: Value, start: bool, end: bool) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let units = vm.heap.units(s);
    let from = if start { units.iter().position(|&u| !is_js_whitespace(u)).unwrap_or(units.len()) } else { 0 };
    let to = if end { units.iter().rposition(|&u| !is_js_whitespace(u)).map_or(from, |i| i + 1) } else { units.len() };
    let to = to.max(from);
    Ok(Value::String(vm.heap.substring(s, from, to)))
}

/// `String.prototype.trim()` (§22.1.3.32).
fn trim(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    trim_string(vm, this, true, true)
}

/// `String.prototype.trimEnd()` (§22.1.3.33).
fn trim_end(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    trim_string(vm, this, false, true)
}

/// `String.prototype.trimStart()` (§22.1.3.34).
fn trim_start(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    trim_string(vm, this, true, false)
}
