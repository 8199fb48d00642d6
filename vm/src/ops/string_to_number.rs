//! StringToNumber (§7.1.4.1.1), StringToBigInt (§7.1.14) and
//! CanonicalNumericIndexString (§7.1.21): strings of UTF-16 code units read
//! as numbers by the StringNumericLiteral and StringIntegerLiteral grammars.
//!
//! Decimal literals are validated here and handed to Rust's `f64` parser,
//! which rounds correctly for any number of digits; binary, octal and hex
//! literals are accumulated exactly and rounded once.

use super::bigint::biguint_to_f64;
use super::number_to_string::number_to_string;
use num_bigint::{BigInt, BigUint, Sign};

/// JavaScript WhiteSpace or LineTerminator (the StrWhiteSpaceChar of the
/// StringNumericLiteral grammar, also what `String.prototype.trim` removes).
pub fn is_js_whitespace(c: u16) -> bool {
    matches!(
        c,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680
            | 0x2000..=0x200A
            | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

/// `units` without leading and trailing [`is_js_whitespace`] code units.
pub fn trim_js_whitespace(units: &[u16]) -> &[u16] {
    let start = units.iter().position(|&c| !is_js_whitespace(c)).unwrap_or(units.len());
    let end = units.iter().rposition(|&c| !is_js_whitespace(c)).map_or(start, |i| i + 1);
    &units[start..end]
}

/// The value of an ASCII digit in `radix` (2..=36), if it is one.
pub(crate) fn digit_value(c: u16, radix: u32) -> Option<u32> {
    let d = match c {
        0x30..=0x39 => u32::from(c) - 0x30,
        0x61..=0x7A => u32::from(c) - 0x61 + 10,
        0x41..=0x5A => u32::from(c) - 0x41 + 10,
        _ => return None,
    };
    (d < radix).then_some(d)
}

/// StringToNumber(str): NaN when `units` is not a StringNumericLiteral.
pub fn string_to_number(units: &[u16]) -> f64 {
    let s = trim_js_whitespace(units);
    // StringNumericLiteral ::: StrWhiteSpace_opt
    if s.is_empty() {
        return 0.0;
    }
    if let Some((radix, digits)) = non_decimal_prefix(s) {
        return parse_radix_digits(digits, radix).unwrap_or(f64::NAN);
    }
    match decimal_literal_len(s) {
        Some(n) if n == s.len() => parse_decimal(s),
        _ => f64::NAN,
    }
}

/// Splits `0x`/`0o`/`0b` (any case) off a NonDecimalIntegerLiteral.
fn non_decimal_prefix(s: &[u16]) -> Option<(u32, &[u16])> {
    if s.len() < 2 || s[0] != u16::from(b'0') {
        return None;
    }
    let radix = match s[1] | 0x20 {
        0x78 => 16, // x
        0x6F => 8,  // o
        0x62 => 2,  // b
        _ => return None,
    };
    Some((radix, &s[2..]))
}

/// The value of a non-empty run of digits in `radix`, correctly rounded;
/// `None` if it is empty or holds anything else.
pub(crate) fn parse_radix_digits(digits: &[u16], radix: u32) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    let mut small: u64 = 0;
    for (i, &c) in digits.iter().enumerate() {
        let d = digit_value(c, radix)?;
        match small.checked_mul(u64::from(radix)).and_then(|v| v.checked_add(u64::from(d))) {
            Some(v) => small = v,
            None => return parse_radix_big(small, &digits[i..], radix),
        }
    }
    Some(small as f64)
}

/// [`parse_radix_digits`] past 64 bits: exact, then rounded once.
fn parse_radix_big(prefix: u64, rest: &[u16], radix: u32) -> Option<f64> {
    let mut big = BigUint::from(prefix);
    for &c in rest {
        big = big * radix + digit_value(c, radix)?;
    }
    Some(biguint_to_f64(&big))
}

/// The length of the longest prefix of `s` that is a StrDecimalLiteral
/// (sign, `Infinity`, digits with optional fraction and exponent), if any.
pub(crate) fn decimal_literal_len(s: &[u16]) -> Option<usize> {
    let mut i = usize::from(matches!(s.first(), Some(0x2B | 0x2D)));
    if s[i..].starts_with(&INFINITY) {
        return Some(i + INFINITY.len());
    }
    let int_digits = count_digits(&s[i..]);
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&u16::from(b'.')) {
        frac_digits = count_digits(&s[i + 1..]);
        if int_digits + frac_digits > 0 {
            i += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    Some(i + exponent_len(&s[i..]))
}

/// "Infinity" as UTF-16.
const INFINITY: [u16; 8] = [0x49, 0x6E, 0x66, 0x69, 0x6E, 0x69, 0x74, 0x79];

/// The number of leading ASCII decimal digits.
fn count_digits(s: &[u16]) -> usize {
    s.iter().take_while(|c| (0x30..=0x39).contains(*c)).count()
}

/// The length of an ExponentPart (`e`, optional sign, digits) at the start
/// of `s`, or 0 if there is none.
fn exponent_len(s: &[u16]) -> usize {
    if !matches!(s.first(), Some(0x45 | 0x65)) {
        return 0;
    }
    let sign = usize::from(matches!(s.get(1), Some(0x2B | 0x2D)));
    match count_digits(&s[1 + sign..]) {
        0 => 0,
        n => 1 + sign + n,
    }
}

/// The value of a validated StrDecimalLiteral.
pub(crate) fn parse_decimal(s: &[u16]) -> f64 {
    let negative = s.first() == Some(&0x2D);
    let body = if matches!(s.first(), Some(0x2B | 0x2D)) { &s[1..] } else { s };
    let magnitude = if body == INFINITY {
        f64::INFINITY
    } else {
        // Validated as ASCII digits, '.', 'e', and signs: a valid Rust float.
        let text: String = body.iter().map(|&c| c as u8 as char).collect();
        text.parse::<f64>().unwrap_or(f64::NAN)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// StringToBigInt(str): `None` (the spec's *undefined*) when `units` is not
/// a StringIntegerLiteral; the empty or all-whitespace string is 0n.
pub fn string_to_bigint(units: &[u16]) -> Option<BigInt> {
    let s = trim_js_whitespace(units);
    if let Some((radix, digits)) = non_decimal_prefix(s) {
        return parse_bigint_digits(digits, radix).map(BigInt::from);
    }
    let (sign, digits) = match s.first() {
        Some(0x2D) => (Sign::Minus, &s[1..]),
        Some(0x2B) => (Sign::Plus, &s[1..]),
        _ => (Sign::Plus, s),
    };
    if s.is_empty() {
        return Some(BigInt::default());
    }
    parse_bigint_digits(digits, 10).map(|m| BigInt::from_biguint(sign, m))
}

/// A non-empty run of digits in `radix` as an exact integer.
fn parse_bigint_digits(digits: &[u16], radix: u32) -> Option<BigUint> {
    if digits.is_empty() {
        return None;
    }
    let bytes: Option<Vec<u8>> = digits.iter().map(|&c| digit_value(c, radix).map(|d| d as u8)).collect();
    BigUint::from_radix_be(&bytes?, radix)
}

/// CanonicalNumericIndexString(argument): the Number a string stands for
/// if it is the canonical spelling of that Number (`"-0"` included).
pub fn canonical_numeric_index_string(units: &[u16]) -> Option<f64> {
    // 1. If argument is "-0", return -0𝔽.
    if units == [0x2D, 0x30] {
        return Some(-0.0);
    }
    // 2. Let n be ! ToNumber(argument).
    let n = string_to_number(units);
    // 3. If ! ToString(n) is argument, return n. 4. Return undefined.
    let canonical = number_to_string(n);
    canonical.encode_utf16().eq(units.iter().copied()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> f64 {
        string_to_number(&s.encode_utf16().collect::<Vec<_>>())
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
    }

    #[test]
    fn string_to_number_table() {
        let table: &[(&str, f64)] = &[
            ("", 0.0),
            ("   ", 0.0),
            ("  12  ", 12.0),
            ("\u{FEFF}\u{A0}\u{2028}7\u{2029}\u{3000}\t\n", 7.0),
            ("\u{1680}\u{2007}1\u{202F}\u{205F}", 1.0),
            ("0x1F", 31.0),
            ("0XfF", 255.0),
            ("0b101", 5.0),
            ("0B11", 3.0),
            ("0o17", 15.0),
            ("0O7", 7.0),
            ("-0x10", f64::NAN),
            ("+0x10", f64::NAN),
            ("0x", f64::NAN),
            ("0b2", f64::NAN),
            ("0o8", f64::NAN),
            ("1_000", f64::NAN),
            (".5", 0.5),
            ("5.", 5.0),
            ("+.5e-3", 0.0005),
            ("-.5E+3", -500.0),
            (".", f64::NAN),
            ("e5", f64::NAN),
            ("1e", f64::NAN),
            ("1e+", f64::NAN),
            ("Infinity", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("+Infinity", f64::INFINITY),
            ("infinity", f64::NAN),
            ("inf", f64::NAN),
            ("NaN", f64::NAN),
            ("-0", -0.0),
            ("-", f64::NAN),
            ("1 2", f64::NAN),
            ("00012", 12.0),
            ("1e1000", f64::INFINITY),
            ("-1e-1000", -0.0),
            ("123456789012345678901234567890", 1.2345678901234568e29),
            ("0.1", 0.1),
            ("2.2250738585072011e-308", 2.225073858507201e-308),
            ("0x20000000000001", 9007199254740992.0),
            ("0x20000000000003", 9007199254740996.0),
            ("0x1fffffffffffffffffffffffffff", 6.490371073168535e32),
            ("1\u{0}", f64::NAN),
            ("\u{180E}1", f64::NAN),
        ];
        for &(s, v) in table {
            assert!(same(num(s), v), "{s:?}: {} vs {v}", num(s));
        }
    }

    #[test]
    fn number_to_string_round_trips() {
        // xorshift64: deterministic pseudo-random bit patterns.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            let back = num(&number_to_string(x));
            assert!(same(back, x) || (x == 0.0 && back == 0.0), "{x:e}");
        }
    }

    #[test]
    fn huge_hex_rounds_to_infinity() {
        let s = format!("0x{}", "f".repeat(300));
        assert_eq!(num(&s), f64::INFINITY);
        let s = format!("0x{}", "f".repeat(255));
        assert_eq!(num(&s), 2f64.powi(1020));
        // Ties round to even; a sticky bit past the tie rounds up.
        assert_eq!(num("0x1000000000000080000000000000"), 3.2451855365842673e32);
        assert_eq!(num("0x1000000000000080000000000001"), 3.245185536584268e32);
    }

    #[test]
    fn string_to_bigint_table() {
        let big = |s: &str| string_to_bigint(&s.encode_utf16().collect::<Vec<_>>()).map(|b| b.to_string());
        assert_eq!(big("").as_deref(), Some("0"));
        assert_eq!(big("  -123  ").as_deref(), Some("-123"));
        assert_eq!(big("+9").as_deref(), Some("9"));
        assert_eq!(big("0xff").as_deref(), Some("255"));
        assert_eq!(big("0b11").as_deref(), Some("3"));
        assert_eq!(big("0o10").as_deref(), Some("8"));
        assert_eq!(big("12345678901234567890123").as_deref(), Some("12345678901234567890123"));
        for bad in ["-0x1", "1.5", "1e3", "Infinity", "1n", "-", "+", "0x", "1_0", "abc"] {
            assert_eq!(big(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn canonical_numeric_strings() {
        let c = |s: &str| canonical_numeric_index_string(&s.encode_utf16().collect::<Vec<_>>());
        assert_eq!(c("1"), Some(1.0));
        assert!(c("-0").is_some_and(|z| z == 0.0 && z.is_sign_negative()));
        assert!(c("NaN").is_some_and(f64::is_nan));
        assert_eq!(c("Infinity"), Some(f64::INFINITY));
        assert_eq!(c("1.5"), Some(1.5));
        assert_eq!(c("1e+21"), Some(1e21));
        assert_eq!(c("01"), None);
        assert_eq!(c("1.0"), None);
        assert_eq!(c("+1"), None);
        assert_eq!(c(""), None);
        assert_eq!(c("foo"), None);
    }
}
