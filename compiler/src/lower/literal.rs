//! Literal text: numbers printed so that they re-parse to the same value,
//! and string literals re-escaped from their UTF-16 code units.
//!
//! Invariants: [`number`] of a finite non-negative `f64` is the shortest
//! decimal that reads back as the same value (an exponent outside
//! `1e-6..1e21`, as `Number.prototype.toString` does); [`string`] is a
//! double-quoted literal whose value is exactly the given code units, with
//! unpaired surrogates, control characters and line separators escaped.

use std::fmt::Write as _;

/// The source text of a number literal's value (non-negative, as literals are).
pub(super) fn number(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        // A literal too large for a double, such as `1e400`.
        return "1e999".to_string();
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Whether a printed number is a plain integer, which needs parentheses
/// before a `.` member access (`(1).toString()`).
pub(super) fn is_plain_integer(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// A double-quoted string literal with the value `units`.
pub(super) fn string(units: &[u16]) -> String {
    let mut out = String::with_capacity(units.len() + 2);
    out.push('"');
    for item in char::decode_utf16(units.iter().copied()) {
        match item {
            Ok(c) => escape_char(c, &mut out),
            Err(e) => {
                let _ = write!(out, "\\u{:04X}", e.unpaired_surrogate());
            }
        }
    }
    out.push('"');
    out
}

/// Appends `c` as it appears inside a double-quoted literal.
fn escape_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{8}' => out.push_str("\\b"),
        '\u{b}' => out.push_str("\\v"),
        '\u{c}' => out.push_str("\\f"),
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
            let _ = write!(out, "\\x{:02X}", c as u32);
        }
        '\u{2028}' | '\u{2029}' | '\u{feff}' => {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_literal_numbers_round_trip() {
        for v in [0.0, 1.0, 0.1, 1e21, 1e-7, 123456789012345680000.0, 5e-324, f64::MAX, 0.000001, 2.5e-6, 9007199254740993.0] {
            let text = number(v);
            assert_eq!(text.parse::<f64>().ok(), Some(v), "{text}");
        }
        assert_eq!(number(1e21), "1e21");
        assert_eq!(number(1.5e-7), "1.5e-7");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(f64::INFINITY), "1e999");
        assert!(is_plain_integer("100") && !is_plain_integer("1e21") && !is_plain_integer("1.5"));
    }

    #[test]
    fn lower_literal_strings_escape() {
        let units: Vec<u16> = "a\"b\\c\n\u{0}\u{2028}é😀".encode_utf16().chain([0xD800, 0x41]).collect();
        assert_eq!(string(&units), "\"a\\\"b\\\\c\\n\\x00\\u2028é😀\\uD800A\"");
    }
}
