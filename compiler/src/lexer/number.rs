//! Numeric and BigInt literals (ECMAScript 2025 §12.9.3 and Annex B.1.1):
//! decimal literals with fraction and exponent, `0x`/`0o`/`0b` literals,
//! numeric separators, legacy octal (`017`) and leading-zero decimal
//! (`08`, `09.5`) literals, and the BigInt suffix `n`.
//!
//! Values are correctly rounded: decimal text goes through `str::parse`
//! (which rounds correctly) and power-of-two radixes are rounded here,
//! half to even. A BigInt's value is its decimal digits. The character
//! after a literal must be neither an identifier start nor a digit.

use super::chars::{is_ascii_id_start, is_id_start};
use super::{Lexer, Token, TokenKind, TokenValue, UNEXPECTED};
use crate::diagnostic::SyntaxError;
use bumpalo::collections::String as BString;
use std::fmt::Write as _;

/// A separator right after a leading `0` (`0_1`, `07_1`, `08_1`).
const LEADING_ZERO_SEPARATOR: &str = "Numeric separator can not be used after leading 0.";

impl<'a> Lexer<'a> {
    /// Scans the numeric literal at `start` (a digit, or `.` and a digit).
    pub(crate) fn scan_number(&mut self, start: usize) -> Result<Token<'a>, SyntaxError> {
        if self.bytes[start] == b'0' {
            match self.byte_at(start + 1) {
                b'x' | b'X' => return self.scan_radix(start, 16),
                b'o' | b'O' => return self.scan_radix(start, 8),
                b'b' | b'B' => return self.scan_radix(start, 2),
                b'0'..=b'9' => return self.scan_leading_zero(start),
                b'_' => return Err(self.error(LEADING_ZERO_SEPARATOR, start + 1, start + 2)),
                _ => {}
            }
        }
        self.scan_decimal(start, false)
    }

    /// Scans digits of `radix` with numeric separators from `i`; returns
    /// the offset past them and whether a separator was seen. Zero digits is
    /// not an error here.
    fn scan_digits(&self, from: usize, radix: u32) -> Result<(usize, bool), SyntaxError> {
        let mut i = from;
        let mut separators = false;
        loop {
            let b = self.byte_at(i);
            if (b as char).is_digit(radix) {
                i += 1;
                continue;
            }
            if b != b'_' {
                return Ok((i, separators));
            }
            if i == from {
                return Err(self.error("Numeric separators are not allowed here", i, i + 1));
            }
            let next = self.byte_at(i + 1);
            if next == b'_' {
                return Err(self.error(
                    "Only one underscore is allowed as numeric separator",
                    i,
                    i + 2,
                ));
            }
            if !(next as char).is_digit(radix) {
                return Err(self.error(
                    "Numeric separators are not allowed at the end of numeric literals",
                    i,
                    i + 1,
                ));
            }
            separators = true;
            i += 1;
        }
    }

    /// Scans a decimal literal from `start`; `leading_zero`: it is a
    /// NonOctalDecimalIntegerLiteral like `08` (no separators in the integer
    /// part, no BigInt suffix, `legacy_octal` set).
    fn scan_decimal(&mut self, start: usize, leading_zero: bool) -> Result<Token<'a>, SyntaxError> {
        let mut i = start;
        let mut separators = false;
        let mut integer = true;
        if leading_zero {
            while self.byte_at(i).is_ascii_digit() {
                i += 1;
            }
        } else if self.bytes[start] == b'0' {
            i += 1;
        } else if self.bytes[start] != b'.' {
            (i, separators) = self.scan_digits(start, 10)?;
        }
        if self.byte_at(i) == b'.' {
            integer = false;
            let (end, seps) = self.scan_digits(i + 1, 10)?;
            (i, separators) = (end, separators | seps);
        }
        if matches!(self.byte_at(i), b'e' | b'E') {
            integer = false;
            let sign = usize::from(matches!(self.byte_at(i + 1), b'+' | b'-'));
            let (end, seps) = self.scan_digits(i + 1 + sign, 10)?;
            if end == i + 1 + sign {
                return Err(self.error(UNEXPECTED, start, end));
            }
            (i, separators) = (end, separators | seps);
        }
        if self.byte_at(i) == b'n' {
            if !integer || leading_zero {
                return Err(self.error("Invalid BigInt literal", start, i + 1));
            }
            return self.finish_bigint(
                start,
                i,
                self.decimal_digits(&self.source[start..i], separators),
            );
        }
        self.check_after_number(i)?;
        let value = parse_decimal(&self.source[start..i], separators)
            .ok_or_else(|| self.error(UNEXPECTED, start, i))?;
        self.pos = i;
        Ok(self.number_token(start, value, leading_zero))
    }

    /// Scans a literal starting `0` and a digit: legacy octal (`017`) or,
    /// if any digit is 8 or 9, a leading-zero decimal (`019`, `08.5`).
    fn scan_leading_zero(&mut self, start: usize) -> Result<Token<'a>, SyntaxError> {
        let mut i = start + 1;
        let mut octal = true;
        while let b @ b'0'..=b'9' = self.byte_at(i) {
            octal &= b < b'8';
            i += 1;
        }
        if self.byte_at(i) == b'_' {
            return Err(self.error(LEADING_ZERO_SEPARATOR, i, i + 1));
        }
        if !octal {
            return self.scan_decimal(start, true);
        }
        if self.byte_at(i) == b'n' {
            return Err(self.error("Invalid BigInt literal", start, i + 1));
        }
        self.check_after_number(i)?;
        self.pos = i;
        let value = radix_to_f64(&self.bytes[start + 1..i], 8);
        Ok(self.number_token(start, value, true))
    }

    /// Scans a `0x`, `0o` or `0b` literal (the prefix is at `start`).
    fn scan_radix(&mut self, start: usize, radix: u32) -> Result<Token<'a>, SyntaxError> {
        let from = start + 2;
        let (end, _) = self.scan_digits(from, radix)?;
        if end == from {
            let bad = self.char_at(end).map_or(0, char::len_utf8);
            return Err(self.error(UNEXPECTED, start, end + bad));
        }
        let digits = &self.bytes[from..end];
        if self.byte_at(end) == b'n' {
            let decimal = radix_to_decimal(digits, radix, self.arena);
            return self.finish_bigint(start, end, decimal);
        }
        self.check_after_number(end)?;
        self.pos = end;
        Ok(self.number_token(start, radix_to_f64(digits, radix), false))
    }

    /// Makes the BigInt token whose `n` is at `n_at`.
    fn finish_bigint(
        &mut self,
        start: usize,
        n_at: usize,
        decimal: &'a str,
    ) -> Result<Token<'a>, SyntaxError> {
        self.check_after_number(n_at + 1)?;
        self.pos = n_at + 1;
        let mut token = self.token(TokenKind::BigInt, start);
        token.value = TokenValue::BigInt(decimal);
        Ok(token)
    }

    /// The digits of a decimal BigInt literal: borrowed unless they hold
    /// separators.
    fn decimal_digits(&self, text: &'a str, separators: bool) -> &'a str {
        if !separators {
            return text;
        }
        let mut digits = BString::with_capacity_in(text.len(), self.arena);
        digits.extend(text.chars().filter(|&c| c != '_'));
        digits.into_bump_str()
    }

    /// A Number token from `start` to `pos`.
    fn number_token(&self, start: usize, value: f64, legacy_octal: bool) -> Token<'a> {
        let mut token = self.token(TokenKind::Number, start);
        token.value = TokenValue::Number(value);
        token.legacy_octal = legacy_octal;
        token
    }

    /// Rejects an identifier start or a digit right after a literal ending
    /// at `i` (`3in`, `0b12`, `5n5`).
    fn check_after_number(&self, i: usize) -> Result<(), SyntaxError> {
        let b = self.byte_at(i);
        let bad = if b < 0x80 {
            b.is_ascii_digit() || is_ascii_id_start(b) || b == b'\\'
        } else {
            self.char_at(i).is_some_and(is_id_start)
        };
        if bad {
            return Err(self.unexpected_char(i));
        }
        Ok(())
    }
}

/// The correctly rounded value of decimal literal `text`.
fn parse_decimal(text: &str, separators: bool) -> Option<f64> {
    if separators {
        text.chars()
            .filter(|&c| c != '_')
            .collect::<String>()
            .parse()
            .ok()
    } else {
        text.parse().ok()
    }
}

/// The value of `digits` (separators allowed) in `radix` (2, 8 or 16),
/// rounded half to even to the nearest double.
pub(crate) fn radix_to_f64(digits: &[u8], radix: u32) -> f64 {
    let bits_per_digit = radix.trailing_zeros();
    // The first 64 significant bits, then how many bits were cut off and
    // whether any of them was set.
    let mut mantissa: u64 = 0;
    let mut dropped: u64 = 0;
    let mut sticky = false;
    for d in digits.iter().filter_map(|&b| (b as char).to_digit(radix)) {
        for k in (0..bits_per_digit).rev() {
            let bit = u64::from((d >> k) & 1);
            if mantissa >> 63 == 0 {
                mantissa = (mantissa << 1) | bit;
            } else {
                dropped = dropped.saturating_add(1);
                sticky |= bit != 0;
            }
        }
    }
    let len = 64 - mantissa.leading_zeros();
    if len <= 53 {
        return mantissa as f64;
    }
    let shift = len - 53;
    let mut m = mantissa >> shift;
    let rest = mantissa & ((1u64 << shift) - 1);
    let half = 1u64 << (shift - 1);
    if rest > half || (rest == half && (sticky || m & 1 == 1)) {
        m += 1;
    }
    let exponent = dropped.saturating_add(u64::from(shift));
    if exponent > 1100 {
        return f64::INFINITY;
    }
    m as f64 * 2f64.powi(exponent as i32)
}

/// The decimal digits of `digits` (separators allowed) read in `radix`.
pub(crate) fn radix_to_decimal<'a>(digits: &[u8], radix: u32, arena: &'a bumpalo::Bump) -> &'a str {
    const BASE: u64 = 1_000_000_000;
    // Little-endian limbs of nine decimal digits each.
    let mut limbs: Vec<u32> = Vec::new();
    for d in digits.iter().filter_map(|&b| (b as char).to_digit(radix)) {
        let mut carry = u64::from(d);
        for limb in &mut limbs {
            let v = u64::from(*limb) * u64::from(radix) + carry;
            *limb = (v % BASE) as u32;
            carry = v / BASE;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let mut out = BString::new_in(arena);
    match limbs.split_last() {
        None => out.push('0'),
        Some((top, rest)) => {
            let _ = write!(out, "{top}");
            for limb in rest.iter().rev() {
                let _ = write!(out, "{limb:09}");
            }
        }
    }
    out.into_bump_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::tests::{kinds, lex_err, lex_one};

    fn number(src: &str) -> (f64, bool) {
        let t = lex_one(src);
        assert_eq!(
            (t.kind, t.span.end as usize),
            (TokenKind::Number, src.len()),
            "{src}"
        );
        match t.value {
            TokenValue::Number(v) => (v, t.legacy_octal),
            v => panic!("{v:?}"),
        }
    }

    fn num(src: &str) -> f64 {
        let (v, legacy) = number(src);
        assert!(!legacy, "{src}");
        v
    }

    fn bigint(src: &str) -> &'static str {
        let t = lex_one(src);
        assert_eq!(t.kind, TokenKind::BigInt, "{src}");
        match t.value {
            TokenValue::BigInt(v) => v.to_string().leak(),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(num("0"), 0.0);
        assert_eq!(num("123"), 123.0);
        assert_eq!(num("1.5"), 1.5);
        assert_eq!(num(".5"), 0.5);
        assert_eq!(num("5."), 5.0);
        assert_eq!(num("0.0"), 0.0);
        assert_eq!(num("1e3"), 1000.0);
        assert_eq!(num("1E+3"), 1000.0);
        assert_eq!(num("1.e-3"), 0.001);
        assert_eq!(num(".5e1"), 5.0);
        assert_eq!(num("1e400"), f64::INFINITY);
        assert_eq!(num("0.1"), 0.1);
        assert_eq!(num("9007199254740993"), 9007199254740992.0);
        assert_eq!(num("2.2250738585072011e-308"), 2.225073858507201e-308);
        assert_eq!(num("1_000_000.000_1e1_0"), 1_000_000.000_1e10);
    }

    #[test]
    fn radix_literals() {
        assert_eq!(num("0xFf"), 255.0);
        assert_eq!(num("0XA_b"), 171.0);
        assert_eq!(num("0o17"), 15.0);
        assert_eq!(num("0O7_7"), 63.0);
        assert_eq!(num("0b101"), 5.0);
        assert_eq!(num("0B1_0"), 2.0);
        assert_eq!(num("0x0"), 0.0);
        assert_eq!(num("0x20000000000001"), 9007199254740992.0);
        assert_eq!(num("0x20000000000003"), 9007199254740996.0);
        assert_eq!(num("0x20000000000002"), 9007199254740994.0);
        assert_eq!(num("0x200000000000011"), 144115188075855904.0);
        assert_eq!(num("0x200000000000030"), 144115188075855936.0);
        assert_eq!(num("0x200000000000010"), 144115188075855872.0);
        assert_eq!(num("0x200000000000018"), 144115188075855904.0);
        assert_eq!(num("0xFFFFFFFFFFFFFFFF"), 18446744073709551616.0);
        assert_eq!(num("0x1000000000000081"), 1152921504606847232.0);
        assert_eq!(num(&format!("0x1{}", "0".repeat(256))), f64::INFINITY);
        assert_eq!(num(&format!("0x1{}", "0".repeat(255))), 2f64.powi(1020));
        assert_eq!(num(&format!("0x1{}", "0".repeat(200))), 2f64.powi(800));
        assert_eq!(
            num(&format!("0xFFFFFFFFFFFFF8{}", "0".repeat(242))),
            f64::MAX
        );
        assert_eq!(
            num(&format!("0xFFFFFFFFFFFFFB{}", "F".repeat(242))),
            f64::MAX
        );
        assert_eq!(
            num(&format!("0xFFFFFFFFFFFFFC{}", "0".repeat(242))),
            f64::INFINITY
        );
        assert_eq!(num(&format!("0b{}", "1".repeat(1100))), f64::INFINITY);
    }

    #[test]
    fn legacy_and_leading_zero() {
        assert_eq!(number("017"), (15.0, true));
        assert_eq!(number("00"), (0.0, true));
        assert_eq!(number("08"), (8.0, true));
        assert_eq!(number("019"), (19.0, true));
        assert_eq!(number("08.5"), (8.5, true));
        assert_eq!(number("09e1"), (90.0, true));
        assert_eq!(number("08.1_1"), (8.11, true));
        assert_eq!(kinds("07.5"), [TokenKind::Number, TokenKind::Number]);
        assert_eq!(
            kinds("07.toString"),
            [TokenKind::Number, TokenKind::Dot, TokenKind::Identifier]
        );
        assert_eq!(
            number("0777777777777777777777"),
            (9223372036854775808.0, true)
        );
    }

    #[test]
    fn bigints() {
        assert_eq!(bigint("0n"), "0");
        assert_eq!(bigint("123n"), "123");
        assert_eq!(bigint("1_000n"), "1000");
        assert_eq!(bigint("0x1Fn"), "31");
        assert_eq!(bigint("0o777n"), "511");
        assert_eq!(bigint("0b1_1n"), "3");
        assert_eq!(bigint("0x0n"), "0");
        assert_eq!(
            bigint("0xFFFFFFFFFFFFFFFFFFFFFFFFn"),
            "79228162514264337593543950335"
        );
        assert_eq!(bigint("0x3B9ACA00n"), "1000000000");
    }

    #[test]
    fn separator_errors() {
        let trailing = "Numeric separators are not allowed at the end of numeric literals";
        let double = "Only one underscore is allowed as numeric separator";
        let here = "Numeric separators are not allowed here";
        for (src, message) in [
            ("1_", trailing),
            ("1__0", double),
            ("1_.5", trailing),
            ("1._5", here),
            ("1_e5", trailing),
            ("1e_5", here),
            ("1e+_5", here),
            (".5_", trailing),
            ("0x_1", here),
            ("0x1_", trailing),
            ("0b1__1", double),
            ("0_1", LEADING_ZERO_SEPARATOR),
            ("07_1", LEADING_ZERO_SEPARATOR),
            ("08_1", LEADING_ZERO_SEPARATOR),
            ("0_", LEADING_ZERO_SEPARATOR),
            ("1n_", UNEXPECTED),
        ] {
            assert_eq!(lex_err(src).message, message, "{src}");
        }
        let e = lex_err("1__0");
        assert_eq!((e.span.start, e.span.end), (1, 3));
    }

    #[test]
    fn literal_errors() {
        for src in [
            "3in", "0x", "0xg", "0b2", "0b12", "0o8", "0o18", "5n5", "1e", "1e+", "3\\u0061", "1ä",
            "07e1", "1.5$",
        ] {
            assert_eq!(lex_err(src).message, UNEXPECTED, "{src}");
        }
        for src in ["1.5n", "1e3n", "07n", "08n", ".5n", "1.n"] {
            assert_eq!(lex_err(src).message, "Invalid BigInt literal", "{src}");
        }
        let e = lex_err("3in");
        assert_eq!((e.span.start, e.span.end), (1, 2));
    }
}
