//! `RegExp.prototype[@@match]` (§22.2.6.8) and `[@@search]` (§22.2.6.12),
//! plus the small steps the symbol methods share: reading `flags` and
//! writing `lastIndex`.

use super::exec::{advance_string_index, get_index, get_named, regexp_exec, regexp_exec_raw, Exec};
use super::last_index_key;
use super::prototype::this_object;
use crate::builtins::support::{arg, create_index, method_sym};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `@@match` and `@@search` on `proto`.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    let sym = vm.heap.well_known.match_;
    method_sym(vm, proto, sym, "[Symbol.match]", 1, symbol_match);
    let sym = vm.heap.well_known.search;
    method_sym(vm, proto, sym, "[Symbol.search]", 1, symbol_search);
}

/// `ToString(? Get(rx, "flags"))` as code units.
pub(super) fn flags_of(vm: &mut Vm, rx: Obj) -> JsResult<Vec<u16>> {
    let flags = get_named(vm, rx, "flags")?;
    let flags = vm.to_string(flags)?;
    Ok(vm.heap.units(flags).to_vec())
}

/// The flags text contains `c`.
pub(super) fn has(flags: &[u16], c: u8) -> bool {
    flags.contains(&u16::from(c))
}

/// `Set(rx, "lastIndex", value, true)`.
pub(super) fn set_last_index(vm: &mut Vm, rx: Obj, value: Value) -> JsResult<()> {
    let key = last_index_key(vm);
    vm.set_or_throw(rx, key, value)
}

/// After an empty match: `lastIndex` = AdvanceStringIndex(S, ToLength(lastIndex), fullUnicode).
pub(super) fn step_past_empty_match(vm: &mut Vm, rx: Obj, s: spindle_vm::value::Str, full_unicode: bool) -> JsResult<()> {
    let key = last_index_key(vm);
    let this_index = vm.get_property(rx, key)?;
    let this_index = vm.to_length(this_index)?;
    let next_index = advance_string_index(vm, s, this_index, full_unicode);
    set_last_index(vm, rx, Value::Number(next_index as f64))
}

/// `RegExp.prototype[@@match](string)`.
fn symbol_match(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let rx be the this value; it must be an Object.
    let rx = this_object(vm, this, "[Symbol.match]")?;
    // 3. Let S be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 4. Let flags be ? ToString(? Get(rx, "flags")).
    let flags = flags_of(vm, rx)?;
    // 5. Not global: Return ? RegExpExec(rx, S).
    if !has(&flags, b'g') {
        return regexp_exec(vm, rx, s);
    }
    // 6.a-b. fullUnicode; Set(rx, "lastIndex", 0, true).
    let full_unicode = has(&flags, b'u') || has(&flags, b'v');
    set_last_index(vm, rx, Value::Number(0.0))?;
    // 6.c-e. Collect every match string.
    let a = vm.create_array(&[]);
    let mut n = 0u64;
    loop {
        // The match string, without a result array when exec is the built-in.
        let matched = match regexp_exec_raw(vm, rx, s)? {
            Exec::Builtin(Some(m)) => vm.heap.substring(s, m.range.start, m.range.end),
            Exec::Object(Value::Object(result)) => {
                let matched = get_index(vm, result, 0)?;
                vm.to_string(matched)?
            }
            _ => return Ok(if n == 0 { Value::Null } else { Value::Object(a) }),
        };
        create_index(vm, a, n, Value::String(matched))?;
        if vm.heap.string_len(matched) == 0 {
            step_past_empty_match(vm, rx, s, full_unicode)?;
        }
        n += 1;
    }
}

/// `RegExp.prototype[@@search](string)`.
fn symbol_search(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let rx = this_object(vm, this, "[Symbol.search]")?;
    let s = vm.to_string(arg(args, 0))?;
    // 4-5. previousLastIndex; lastIndex set to 0 unless already +0.
    let key = last_index_key(vm);
    let previous = vm.get_property(rx, key)?;
    if !vm.same_value(previous, Value::Number(0.0)) {
        set_last_index(vm, rx, Value::Number(0.0))?;
    }
    // 6. Let result be ? RegExpExec(rx, S).
    let result = regexp_exec_raw(vm, rx, s)?;
    // 7-8. Restore lastIndex if it changed.
    let current = vm.get_property(rx, key)?;
    if !vm.same_value(current, previous) {
        set_last_index(vm, rx, previous)?;
    }
    // 9-10. -1, or ? Get(result, "index").
    match result {
        Exec::Builtin(Some(m)) => Ok(Value::Number(m.range.start as f64)),
        Exec::Object(Value::Object(r)) => get_named(vm, r, "index"),
        _ => Ok(Value::Number(-1.0)),
    }
}
