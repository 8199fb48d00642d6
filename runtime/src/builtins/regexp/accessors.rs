//! The accessors of `RegExp.prototype`: `flags` (§22.2.6.4), `source`
//! (§22.2.6.13, with EscapeRegExpPattern §22.2.6.13.1) and the single-flag
//! getters through RegExpHasFlag (§22.2.6.4.1), which answer `undefined`
//! (and `source` `"(?:)"`) for %RegExp.prototype% itself.

use super::regexp_prototype;
use crate::builtins::support::getter;
use spindle_vm::object::{NativeFn, ObjectKind};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the accessors on `proto`.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    let getters: [(&str, NativeFn); 10] = [
        ("dotAll", dot_all),
        ("flags", flags),
        ("global", global),
        ("hasIndices", has_indices),
        ("ignoreCase", ignore_case),
        ("multiline", multiline),
        ("source", source),
        ("sticky", sticky),
        ("unicode", unicode),
        ("unicodeSets", unicode_sets),
    ];
    for (name, f) in getters {
        let key = vm.heap.key_from_str(name);
        getter(vm, proto, key, name, f);
    }
}

/// `get RegExp.prototype.flags` (§22.2.6.4).
fn flags(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. If R is not an Object, throw a TypeError exception.
    let Value::Object(r) = this else {
        return vm.type_error("RegExp.prototype.flags getter called on non-object");
    };
    // 3-19. Each flag property in order, read with Get and ToBoolean.
    let order: [(&str, char); 8] = [
        ("hasIndices", 'd'),
        ("global", 'g'),
        ("ignoreCase", 'i'),
        ("multiline", 'm'),
        ("dotAll", 's'),
        ("unicode", 'u'),
        ("unicodeSets", 'v'),
        ("sticky", 'y'),
    ];
    let mut text = String::new();
    for (name, c) in order {
        let key = vm.heap.key_from_str(name);
        let v = vm.get_property(r, key)?;
        if vm.to_boolean(v) {
            text.push(c);
        }
    }
    Ok(vm.string(&text))
}

/// RegExpHasFlag(R, codeUnit) (§22.2.6.4.1).
fn has_flag(vm: &mut Vm, this: Value, flag: u8, name: &str) -> JsResult<Value> {
    // 1. If R is not an Object, throw a TypeError exception.
    let Value::Object(r) = this else {
        return vm.type_error(&format!("RegExp.prototype.{name} getter called on non-object"));
    };
    // 2. Without [[OriginalFlags]]: undefined for %RegExp.prototype%, else a TypeError.
    let ObjectKind::RegExp(data) = &vm.heap.object(r).kind else {
        if r == regexp_prototype(vm) {
            return Ok(Value::Undefined);
        }
        return vm.type_error(&format!("RegExp.prototype.{name} getter called on non-RegExp object"));
    };
    // 3-5. Whether [[OriginalFlags]] contains codeUnit.
    Ok(Value::Bool(vm.heap.units(data.flags).contains(&u16::from(flag))))
}

macro_rules! flag_getter {
    ($fn_name:ident, $flag:literal, $name:literal) => {
        #[doc = concat!("`get RegExp.prototype.", $name, "`.")]
        fn $fn_name(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
            has_flag(vm, this, $flag, $name)
        }
    };
}

flag_getter!(dot_all, b's', "dotAll");
flag_getter!(global, b'g', "global");
flag_getter!(has_indices, b'd', "hasIndices");
flag_getter!(ignore_case, b'i', "ignoreCase");
flag_getter!(multiline, b'm', "multiline");
flag_getter!(sticky, b'y', "sticky");
flag_getter!(unicode, b'u', "unicode");
flag_getter!(unicode_sets, b'v', "unicodeSets");

/// `get RegExp.prototype.source` (§22.2.6.13).
fn source(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Value::Object(r) = this else {
        return vm.type_error("RegExp.prototype.source getter called on non-object");
    };
    let ObjectKind::RegExp(data) = &vm.heap.object(r).kind else {
        if r == regexp_prototype(vm) {
            return Ok(vm.string("(?:)"));
        }
        return vm.type_error("RegExp.prototype.source getter called on non-RegExp object");
    };
    let escaped = escape_pattern(vm.heap.units(data.source));
    Ok(Value::String(vm.heap.alloc_string(escaped)))
}

/// EscapeRegExpPattern(P, F) (§22.2.6.13.1): `/` outside classes and line
/// terminators escaped, so that `/${source}/${flags}` reads back as the
/// same pattern; the empty pattern is `(?:)`.
pub(crate) fn escape_pattern(units: &[u16]) -> Vec<u16> {
    if units.is_empty() {
        return "(?:)".encode_utf16().collect();
    }
    let mut out = Vec::with_capacity(units.len() + 4);
    let (mut in_class, mut escaped) = (false, false);
    for &u in units {
        let terminator = match u {
            0x0A => Some("n"),
            0x0D => Some("r"),
            0x2028 => Some("u2028"),
            0x2029 => Some("u2029"),
            _ => None,
        };
        if let Some(name) = terminator {
            if !escaped {
                out.push(u16::from(b'\\'));
            }
            out.extend(name.encode_utf16());
            escaped = false;
            continue;
        }
        if escaped {
            out.push(u);
            escaped = false;
            continue;
        }
        match u {
            0x5C => escaped = true,
            0x5B => in_class = true,
            0x5D => in_class = false,
            0x2F if !in_class => out.push(u16::from(b'\\')),
            _ => {}
        }
        out.push(u);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_pattern;

    fn esc(s: &str) -> String {
        String::from_utf16_lossy(&escape_pattern(&s.encode_utf16().collect::<Vec<_>>()))
    }

    #[test]
    fn escapes_slashes_and_line_terminators() {
        assert_eq!(esc(""), "(?:)");
        assert_eq!(esc("a/b"), "a\\/b");
        assert_eq!(esc("\\/"), "\\/");
        assert_eq!(esc("[/]"), "[/]");
        assert_eq!(esc("\n"), "\\n");
        assert_eq!(esc("\\\n"), "\\n");
        assert_eq!(esc("\u{2028}"), "\\u2028");
    }
}
