//! Backslash escape sequences shared by string literals, templates and
//! identifiers: classifies one escape (after the `\`) and decodes its value,
//! leaving it to the caller whether a legacy or malformed escape is an
//! error (strings), a cooked value of `None` (templates), or an error
//! unless it is a `\u` (identifiers).
//!
//! Invariant: every offset returned is on a `char` boundary.

use super::chars::{hex_value, is_ls_ps_at};
use bumpalo::collections::Vec as BVec;

/// A malformed `\u` escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EscapeError {
    /// Not `\uXXXX` nor `\u{X...}`; the error spans up to this offset.
    Malformed(usize),
    /// `\u{...}` above U+10FFFF; the error spans up to this offset.
    OutOfRange(usize),
}

/// One escape sequence in a string or template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// A character escape, `\x`, `\u` or a NonEscapeCharacter: this code
    /// point (or lone surrogate) is the value.
    CodePoint(u32),
    /// `\` followed by a line terminator sequence: no value.
    LineContinuation,
    /// A LegacyOctalEscapeSequence (`\01`, `\7`, `\377`, `\0` before `8`/`9`)
    /// with this value.
    LegacyOctal(u32),
    /// `\8` or `\9` (NonOctalDecimalEscapeSequence): the digit itself.
    NonOctalDecimal(u32),
    /// `\x` not followed by two hex digits; the error spans up to here.
    BadHex(usize),
    /// A malformed `\u` escape.
    BadUnicode(EscapeError),
}

/// Reads the escape whose `\` is at `at`. Returns it and the offset to
/// continue scanning from: past the escape when it is well formed, just past
/// the character after the `\` when it is not (`Bad*`). A template goes on
/// from there, since a NotEscapeSequence is followed by ordinary template
/// characters. `at + 1` must be inside the source.
pub(crate) fn read_escape(source: &str, at: usize) -> (Escape, usize) {
    let bytes = source.as_bytes();
    let i = at + 1;
    let b = bytes.get(i).copied().unwrap_or(0);
    let simple = |value: u8| (Escape::CodePoint(u32::from(value)), i + 1);
    match b {
        b'n' => simple(b'\n'),
        b't' => simple(b'\t'),
        b'r' => simple(b'\r'),
        b'b' => simple(0x08),
        b'f' => simple(0x0C),
        b'v' => simple(0x0B),
        b'0'..=b'7' => read_octal(bytes, i),
        b'8' | b'9' => (Escape::NonOctalDecimal(u32::from(b)), i + 1),
        b'x' => match (hex_at(bytes, i + 1), hex_at(bytes, i + 2)) {
            (Some(h), Some(l)) => (Escape::CodePoint(h * 16 + l), i + 3),
            (Some(_), None) => (Escape::BadHex(i + 2), i + 1),
            _ => (Escape::BadHex(i + 1), i + 1),
        },
        b'u' => match read_unicode_escape(bytes, i + 1) {
            Ok((cp, end)) => (Escape::CodePoint(cp), end),
            Err(e) => (Escape::BadUnicode(e), i + 1),
        },
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => (Escape::LineContinuation, i + 2),
        b'\r' | b'\n' => (Escape::LineContinuation, i + 1),
        _ if is_ls_ps_at(bytes, i) => (Escape::LineContinuation, i + 3),
        _ => {
            let c = source
                .get(i..)
                .and_then(|s| s.chars().next())
                .unwrap_or('\0');
            (Escape::CodePoint(u32::from(c)), i + c.len_utf8())
        }
    }
}

/// Reads an escape starting with an octal digit at `i` (just after `\`):
/// `\0` alone is NUL; anything else is a LegacyOctalEscapeSequence of up to
/// three digits with a value of at most 0o377.
fn read_octal(bytes: &[u8], i: usize) -> (Escape, usize) {
    let octal = |j: usize| {
        bytes
            .get(j)
            .filter(|b| matches!(b, b'0'..=b'7'))
            .map(|&b| u32::from(b - b'0'))
    };
    let first = octal(i).unwrap_or(0);
    let next_is_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    if first == 0 && !next_is_digit {
        return (Escape::CodePoint(0), i + 1);
    }
    let mut value = first;
    let mut end = i + 1;
    let max_len = if first <= 3 { 3 } else { 2 };
    while end - i < max_len {
        match octal(end) {
            Some(d) => {
                value = value * 8 + d;
                end += 1;
            }
            None => break,
        }
    }
    (Escape::LegacyOctal(value), end)
}

/// The value of the hex digit at `i`, if there is one.
fn hex_at(bytes: &[u8], i: usize) -> Option<u32> {
    bytes.get(i).and_then(|&b| hex_value(b))
}

/// Reads the body of a `\u` escape starting at `i` (just after `u`):
/// `XXXX` or `{X...}` with a value of at most U+10FFFF. Returns the code
/// point (possibly a lone surrogate) and the offset past the escape.
pub(crate) fn read_unicode_escape(bytes: &[u8], i: usize) -> Result<(u32, usize), EscapeError> {
    if bytes.get(i) == Some(&b'{') {
        let mut j = i + 1;
        let mut value: u32 = 0;
        let mut too_big = false;
        while let Some(d) = hex_at(bytes, j) {
            value = value.saturating_mul(16).saturating_add(d);
            too_big |= value > 0x10FFFF;
            j += 1;
        }
        if j == i + 1 {
            return Err(EscapeError::Malformed(j));
        }
        if too_big {
            return Err(EscapeError::OutOfRange(j));
        }
        if bytes.get(j) != Some(&b'}') {
            return Err(EscapeError::Malformed(j));
        }
        return Ok((value, j + 1));
    }
    let mut value = 0;
    for k in 0..4 {
        match hex_at(bytes, i + k) {
            Some(d) => value = value * 16 + d,
            None => return Err(EscapeError::Malformed(i + k)),
        }
    }
    Ok((value, i + 4))
}

/// Appends code point (or lone surrogate) `cp` to a UTF-16 buffer.
pub(crate) fn push_code_point(buf: &mut BVec<'_, u16>, cp: u32) {
    if cp > 0xFFFF {
        let c = cp - 0x10000;
        buf.push(0xD800 | (c >> 10) as u16);
        buf.push(0xDC00 | (c & 0x3FF) as u16);
    } else {
        buf.push(cp as u16);
    }
}

/// Appends the UTF-16 encoding of `text` to `buf`.
pub(crate) fn push_str(buf: &mut BVec<'_, u16>, text: &str) {
    if text.is_ascii() {
        buf.extend(text.bytes().map(u16::from));
    } else {
        buf.extend(text.encode_utf16());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> (Escape, usize) {
        read_escape(s, 0)
    }

    #[test]
    fn character_escapes() {
        assert_eq!(esc("\\n"), (Escape::CodePoint(10), 2));
        assert_eq!(esc("\\v"), (Escape::CodePoint(11), 2));
        assert_eq!(esc("\\q"), (Escape::CodePoint('q' as u32), 2));
        assert_eq!(esc("\\é"), (Escape::CodePoint('é' as u32), 3));
        assert_eq!(esc("\\x4A"), (Escape::CodePoint(0x4A), 4));
        assert_eq!(esc("\\x4"), (Escape::BadHex(3), 2));
        assert_eq!(esc("\\u{1F600}"), (Escape::CodePoint(0x1F600), 9));
        assert_eq!(esc("\\u{0000000041}"), (Escape::CodePoint(0x41), 14));
        assert_eq!(esc("\\uD800"), (Escape::CodePoint(0xD800), 6));
        assert_eq!(
            esc("\\u{110000}"),
            (Escape::BadUnicode(EscapeError::OutOfRange(9)), 2)
        );
        assert_eq!(
            esc("\\u{FFFFFFFFFFFF}"),
            (Escape::BadUnicode(EscapeError::OutOfRange(15)), 2)
        );
        assert_eq!(
            esc("\\u12"),
            (Escape::BadUnicode(EscapeError::Malformed(4)), 2)
        );
        assert_eq!(
            esc("\\u{12"),
            (Escape::BadUnicode(EscapeError::Malformed(5)), 2)
        );
    }

    #[test]
    fn octal_and_continuations() {
        assert_eq!(esc("\\0"), (Escape::CodePoint(0), 2));
        assert_eq!(esc("\\0a"), (Escape::CodePoint(0), 2));
        assert_eq!(esc("\\08"), (Escape::LegacyOctal(0), 2));
        assert_eq!(esc("\\00"), (Escape::LegacyOctal(0), 3));
        assert_eq!(esc("\\377"), (Escape::LegacyOctal(255), 4));
        assert_eq!(esc("\\400"), (Escape::LegacyOctal(32), 3));
        assert_eq!(esc("\\7"), (Escape::LegacyOctal(7), 2));
        assert_eq!(esc("\\18"), (Escape::LegacyOctal(1), 2));
        assert_eq!(esc("\\9"), (Escape::NonOctalDecimal('9' as u32), 2));
        assert_eq!(esc("\\\r\n"), (Escape::LineContinuation, 3));
        assert_eq!(esc("\\\r"), (Escape::LineContinuation, 2));
        assert_eq!(esc("\\\u{2029}"), (Escape::LineContinuation, 4));
    }
}
