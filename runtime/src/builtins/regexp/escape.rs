//! `RegExp.escape(S)` (§22.2.5.1) with EncodeForRegExpEscape
//! (§22.2.5.1.1): text made safe to embed in a pattern, whatever the
//! flags or the surrounding pattern.

use crate::builtins::string::{code_point_at, make_string, push_code_point};
use crate::builtins::support::arg;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// `RegExp.escape(S)`.
pub(super) fn escape(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. If S is not a String, throw a TypeError exception.
    let Value::String(s) = arg(args, 0) else {
        return vm.type_error("RegExp.escape requires a string");
    };
    let escaped = escape_units(vm.heap.units(s));
    make_string(vm, escaped)
}

/// Steps 2-5 over the code points of `units`.
fn escape_units(units: &[u16]) -> Vec<u16> {
    let mut out = Vec::with_capacity(units.len() * 2);
    let mut i = 0;
    while i < units.len() {
        let (c, len) = code_point_at(units, i);
        // 4.a. A leading digit or ASCII letter becomes \xHH.
        let leading_alnum = i == 0 && char::from_u32(c).is_some_and(|ch| ch.is_ascii_alphanumeric());
        if leading_alnum {
            push_str(&mut out, &format!("\\x{c:02x}"));
        } else {
            encode(&mut out, c);
        }
        i += len;
    }
    out
}

/// EncodeForRegExpEscape(c), appended to `out`.
fn encode(out: &mut Vec<u16>, c: u32) {
    // 1. SyntaxCharacter or "/": a backslash before it.
    if let Some(ch) = char::from_u32(c).filter(|ch| "^$\\.*+?()[]{}|/".contains(*ch)) {
        push_str(out, &format!("\\{ch}"));
        return;
    }
    // 2. ControlEscape characters.
    let control = match c {
        0x09 => Some('t'),
        0x0A => Some('n'),
        0x0B => Some('v'),
        0x0C => Some('f'),
        0x0D => Some('r'),
        _ => None,
    };
    if let Some(letter) = control {
        push_str(out, &format!("\\{letter}"));
        return;
    }
    // 3-5. Other punctuators, white space, line terminators, surrogates: hex escapes.
    let punctuator = char::from_u32(c).is_some_and(|ch| ",-=<>#&!%:;@~'`\"".contains(ch));
    if punctuator || is_white_space_or_line_terminator(c) || (0xD800..=0xDFFF).contains(&c) {
        if c <= 0xFF {
            push_str(out, &format!("\\x{c:02x}"));
        } else {
            let mut units = Vec::new();
            push_code_point(&mut units, c);
            for u in units {
                push_str(out, &format!("\\u{u:04x}"));
            }
        }
        return;
    }
    // 6. Otherwise the code point itself.
    push_code_point(out, c);
}

/// WhiteSpace (§12.2) or LineTerminator (§12.3).
fn is_white_space_or_line_terminator(c: u32) -> bool {
    matches!(
        c,
        0x09 | 0x0B | 0x0C | 0x20 | 0xA0 | 0xFEFF | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000
            | 0x0A | 0x0D | 0x2028 | 0x2029
    )
}

fn push_str(out: &mut Vec<u16>, s: &str) {
    out.extend(s.encode_utf16());
}

#[cfg(test)]
mod tests {
    use super::escape_units;

    fn esc(s: &str) -> String {
        String::from_utf16_lossy(&escape_units(&s.encode_utf16().collect::<Vec<_>>()))
    }

    #[test]
    fn escapes_like_the_specification() {
        assert_eq!(esc("foo.bar"), "\\x66oo\\.bar");
        assert_eq!(esc("1+1"), "\\x31\\+1");
        assert_eq!(esc("a b"), "\\x61\\x20b");
        assert_eq!(esc("\n/"), "\\n\\/");
        assert_eq!(esc("\u{2028}-"), "\\u2028\\x2d");
        assert_eq!(esc("_é"), "_é");
    }
}
