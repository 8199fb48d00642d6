//! The cores of the global `parseInt` (§19.2.5) and `parseFloat` (§19.2.4):
//! the longest numeric prefix of a string, after its leading white space.
//! The built-ins themselves (ToString of the argument, ToInt32 of the
//! radix) live in the runtime.

use super::string_to_number::{
    decimal_literal_len, digit_value, is_js_whitespace, parse_decimal, parse_radix_digits,
};

/// `units` without its leading white space and line terminators.
fn trim_start(units: &[u16]) -> &[u16] {
    let start = units.iter().position(|&c| !is_js_whitespace(c)).unwrap_or(units.len());
    &units[start..]
}

/// parseInt(string, radix) steps 2-16, given the string's code units and
/// the radix already converted by ToInt32 (0 meaning "not given").
pub fn parse_int(units: &[u16], radix: i32) -> f64 {
    // 2-3. Trim leading white space.
    let mut s = trim_start(units);
    // 4-6. An optional sign.
    let negative = s.first() == Some(&0x2D);
    if matches!(s.first(), Some(0x2B | 0x2D)) {
        s = &s[1..];
    }
    // 7-10. The radix, and whether a 0x prefix may be stripped.
    let mut strip_prefix = true;
    let mut r = radix as u32;
    if radix != 0 {
        if !(2..=36).contains(&radix) {
            return f64::NAN;
        }
        strip_prefix = radix == 16;
    } else {
        r = 10;
    }
    // 11. Strip "0x" / "0X".
    if strip_prefix && s.len() >= 2 && s[0] == 0x30 && (s[1] | 0x20) == 0x78 {
        s = &s[2..];
        r = 16;
    }
    // 12-14. The digits up to the first non-digit; none at all is NaN.
    let end = s.iter().position(|&c| digit_value(c, r).is_none()).unwrap_or(s.len());
    let digits = &s[..end];
    // 15. The mathematical value, rounded once.
    let magnitude = if r == 10 { parse_decimal_digits(digits) } else { parse_radix_digits(digits, r) };
    let Some(magnitude) = magnitude else { return f64::NAN };
    // 16. sign × mathInt, with -0 for a negative zero.
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// A non-empty run of decimal digits, correctly rounded.
fn parse_decimal_digits(digits: &[u16]) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    Some(parse_decimal(digits))
}

/// parseFloat(string) steps 2-6, given the string's code units: the value
/// of the longest prefix (after white space) that is a StrDecimalLiteral,
/// or NaN when there is none.
pub fn parse_float(units: &[u16]) -> f64 {
    let s = trim_start(units);
    match decimal_literal_len(s) {
        Some(len) => parse_decimal(&s[..len]),
        None => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
    }

    #[test]
    fn parse_int_table() {
        let table: &[(&str, i32, f64)] = &[
            ("  42px", 0, 42.0),
            ("-42", 0, -42.0),
            ("+42", 0, 42.0),
            ("-0", 0, -0.0),
            ("0x1F", 0, 31.0),
            ("-0x1F", 0, -31.0),
            ("0x1F", 16, 31.0),
            ("0x1F", 10, 0.0),
            ("1F", 16, 31.0),
            ("0x", 0, f64::NAN),
            ("", 0, f64::NAN),
            ("-", 0, f64::NAN),
            ("z", 36, 35.0),
            ("Z", 36, 35.0),
            ("12", 1, f64::NAN),
            ("12", 37, f64::NAN),
            ("101", 2, 5.0),
            ("102", 2, 2.0),
            ("3.9", 0, 3.0),
            ("1e3", 0, 1.0),
            ("\u{FEFF}\u{2028} 7", 0, 7.0),
            ("Infinity", 0, f64::NAN),
            ("9007199254740993", 10, 9007199254740992.0),
            ("900719925474099267", 10, 900719925474099300.0),
            ("123456789012345678901234567890", 0, 1.2345678901234568e29),
            ("zzzzzzzzzzzzzzzz", 36, 7.958661109946401e24),
        ];
        for &(s, radix, v) in table {
            let got = parse_int(&utf16(s), radix);
            assert!(same(got, v), "parseInt({s:?}, {radix}) = {got}, not {v}");
        }
    }

    #[test]
    fn parse_float_table() {
        let table: &[(&str, f64)] = &[
            ("3.25abc", 3.25),
            ("  -.5e1x", -5.0),
            ("1e", 1.0),
            ("1e+", 1.0),
            ("1.e5", 100000.0),
            (".e1", f64::NAN),
            ("Infinityx", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("infinity", f64::NAN),
            ("0x10", 0.0),
            ("-0", -0.0),
            ("", f64::NAN),
            ("+", f64::NAN),
            ("\u{A0}\n12", 12.0),
            ("1_000", 1.0),
            ("5.", 5.0),
        ];
        for &(s, v) in table {
            let got = parse_float(&utf16(s));
            assert!(same(got, v), "parseFloat({s:?}) = {got}, not {v}");
        }
    }
}
