//! Text pieces of `util.inspect`: quoting and escaping strings
//! (`strEscape`), numbers and bigints, property-key names, and the
//! display width and JavaScript length of output fragments.
//!
//! Lengths that Node takes with `str.length` are UTF-16 code unit counts
//! ([`js_len`]); widths that Node takes with `getStringWidth` are terminal
//! columns ([`display_width`]).

use spindle_vm::ops::number_to_string::number_to_string;

/// The escape Node's `meta` table gives code unit `u`, if any (control
/// characters, C1 controls, the backslash and, when it is the quote, `'`).
fn meta(u: u16) -> Option<String> {
    let text = match u {
        0x08 => "\\b".to_string(),
        0x09 => "\\t".to_string(),
        0x0a => "\\n".to_string(),
        0x0c => "\\f".to_string(),
        0x0d => "\\r".to_string(),
        0x27 => "\\'".to_string(),
        0x5c => "\\\\".to_string(),
        0x00..=0x1f | 0x7f..=0x9f => format!("\\x{u:02X}"),
        _ => return None,
    };
    Some(text)
}

/// Which quote `strEscape` picks for a string.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Single,
    Double,
    Backtick,
}

fn contains(units: &[u16], needle: &str) -> bool {
    let needle: Vec<u16> = needle.encode_utf16().collect();
    units.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn pick_quote(units: &[u16]) -> Quote {
    if !units.contains(&0x27) {
        Quote::Single
    } else if !units.contains(&0x22) {
        Quote::Double
    } else if !units.contains(&0x60) && !contains(units, "${") {
        Quote::Backtick
    } else {
        Quote::Single
    }
}

/// Escapes control characters, the backslash, lone surrogates and (when
/// `escape_single` is set) single quotes, as Node's `strEscape` does.
pub(super) fn escape_units(units: &[u16], escape_single: bool) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let is_high = (0xd800..=0xdbff).contains(&u);
        let paired = is_high && units.get(i + 1).is_some_and(|n| (0xdc00..=0xdfff).contains(n));
        if paired {
            out.extend_from_slice(&units[i..i + 2]);
            i += 2;
            continue;
        }
        let escape = match u {
            0x27 if !escape_single => None,
            0xd800..=0xdfff => Some(format!("\\u{u:x}")),
            _ => meta(u),
        };
        match escape {
            Some(e) => out.extend(e.encode_utf16()),
            None => out.push(u),
        }
        i += 1;
    }
    String::from_utf16_lossy(&out)
}

/// `strEscape`: the string quoted the way `util.inspect` shows it:
/// `'a'`, `"it's"`, `` `it's "x"` ``, with escapes.
pub(super) fn quote_units(units: &[u16]) -> String {
    let quote = pick_quote(units);
    let body = escape_units(units, quote == Quote::Single);
    match quote {
        Quote::Single => format!("'{body}'"),
        Quote::Double => format!("\"{body}\""),
        Quote::Backtick => format!("`{body}`"),
    }
}

/// `formatNumber` without numeric separators: `-0` for negative zero,
/// otherwise Number::toString.
pub(super) fn format_number(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        return "-0".into();
    }
    number_to_string(n)
}

/// A property name as `formatProperty` writes it for a string key:
/// bare when it matches `^[a-zA-Z_][a-zA-Z_0-9]*$`, quoted otherwise,
/// `['__proto__']`, or `[name]` for a non-enumerable key.
pub(super) fn key_name(units: &[u16], enumerable: bool) -> String {
    if units == "__proto__".encode_utf16().collect::<Vec<u16>>().as_slice() {
        return "['__proto__']".into();
    }
    if !enumerable {
        return format!("[{}]", escape_units(units, true));
    }
    if is_plain_key(units) {
        return String::from_utf16_lossy(units);
    }
    quote_units(units)
}

/// Matches `^[a-zA-Z_][a-zA-Z_0-9]*$`.
fn is_plain_key(units: &[u16]) -> bool {
    let word = |u: u16, first: bool| {
        u < 128 && {
            let c = u as u8;
            c.is_ascii_alphabetic() || c == b'_' || (!first && c.is_ascii_digit())
        }
    };
    match units.split_first() {
        Some((&f, rest)) => word(f, true) && rest.iter().all(|&u| word(u, false)),
        None => false,
    }
}

/// `str.length` of JavaScript: the UTF-16 length.
pub(super) fn js_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

/// `String.prototype.padStart(n)` with spaces (`end`: `padEnd`).
pub(super) fn pad(s: &str, n: usize, end: bool) -> String {
    let len = js_len(s);
    if len >= n {
        return s.to_string();
    }
    let fill = " ".repeat(n - len);
    if end {
        format!("{s}{fill}")
    } else {
        format!("{fill}{s}")
    }
}

/// Node's `getStringWidth` (colors off): ASCII printable characters count
/// one column, controls none; wide East Asian characters and emoji two.
pub(super) fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|&b| b >= 32).count();
    }
    let mut width = 0;
    let mut ascii = true;
    for c in s.chars() {
        let code = c as u32;
        if ascii && code < 127 {
            width += usize::from(code >= 32);
            continue;
        }
        ascii = false;
        width += char_width(code);
    }
    width
}

fn char_width(code: u32) -> usize {
    if is_zero_width(code) {
        0
    } else if is_full_width(code) {
        2
    } else {
        1
    }
}

fn is_zero_width(code: u32) -> bool {
    code <= 0x1f
        || (0x7f..=0x9f).contains(&code)
        || (0x300..=0x36f).contains(&code)
        || (0x200b..=0x200f).contains(&code)
        || (0x20d0..=0x20ff).contains(&code)
        || (0xfe00..=0xfe0f).contains(&code)
        || (0xfe20..=0xfe2f).contains(&code)
        || (0xe0100..=0xe01ef).contains(&code)
        || (0x1f3fb..=0x1f3ff).contains(&code)
}

fn is_full_width(code: u32) -> bool {
    const RANGES: [(u32, u32); 19] = [
        (0x1100, 0x115f),
        (0x2329, 0x232a),
        (0x2e80, 0x303e),
        (0x3040, 0x3247),
        (0x3250, 0x4dbf),
        (0x4e00, 0xa4c6),
        (0xa960, 0xa97c),
        (0xac00, 0xd7a3),
        (0xf900, 0xfaff),
        (0xfe10, 0xfe19),
        (0xfe30, 0xfe6b),
        (0xff01, 0xff60),
        (0xffe0, 0xffe6),
        (0x1b000, 0x1b001),
        (0x1f200, 0x1f251),
        (0x1f300, 0x1f64f),
        (0x1f680, 0x1f6ff),
        (0x1f900, 0x1f9ff),
        (0x20000, 0x3fffd),
    ];
    RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&code))
}
