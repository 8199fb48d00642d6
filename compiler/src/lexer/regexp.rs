//! Regular-expression literals: `/body/flags`, scanned when the parser
//! asks for it (a `/` where an expression may begin).
//!
//! Lexically the body is a run of characters up to an unescaped `/` outside
//! a class `[...]`, with no line terminator; the flags are identifier
//! characters. Then the early errors: the flags must be distinct members of
//! `dgimsuvy` without both `u` and `v`, and the body must match the pattern
//! grammar for those flags (checked by `regexp_syntax`).

use super::chars::{is_ascii_id_part, is_id_part, is_ls_ps_at};
use super::{Lexer, Token, TokenKind, TokenValue};
use crate::diagnostic::SyntaxError;

impl<'a> Lexer<'a> {
    /// Re-scans from `slash.span.start` (a `Slash` or `SlashEq` token just
    /// returned) as a regular-expression literal and continues after it.
    /// Errors: an unterminated literal or one with a line terminator
    /// inside, invalid flags, and a pattern that is not valid for its flags.
    pub fn rescan_regexp(&mut self, slash: &Token<'a>) -> Result<Token<'a>, SyntaxError> {
        let start = slash.span.start as usize;
        if self.bytes.get(start) != Some(&b'/') {
            return Err(self.error(
                "Unexpected token: expected '/' to start a regular expression",
                start,
                start + 1,
            ));
        }
        let body_end = self.regexp_body_end(start)?;
        let flags_end = self.regexp_flags_end(body_end + 1);
        let pattern = &self.source[start + 1..body_end];
        let flags = &self.source[body_end + 1..flags_end];
        if !flags_are_valid(flags) || self.byte_at(flags_end) == b'\\' {
            let end = flags_end + usize::from(self.byte_at(flags_end) == b'\\');
            return Err(self.error("Invalid regular expression flags", start, end));
        }
        if let Err(message) = super::regexp_syntax::validate(pattern, flags) {
            let text = format!("Invalid regular expression: /{pattern}/{flags}: {message}");
            return Err(self.error(text, start, flags_end));
        }
        self.pos = flags_end;
        self.newline_before = slash.newline_before;
        let mut token = self.token(TokenKind::RegExp, start);
        token.value = TokenValue::RegExp { pattern, flags };
        Ok(token)
    }

    /// The offset of the `/` that closes the body of the literal at `start`.
    fn regexp_body_end(&self, start: usize) -> Result<usize, SyntaxError> {
        let bytes = self.bytes;
        let mut i = start + 1;
        let mut in_class = false;
        let missing = |i: usize| self.error("Invalid regular expression: missing /", start, i);
        loop {
            match bytes.get(i) {
                None | Some(b'\n' | b'\r') => return Err(missing(i)),
                Some(0xE2) if is_ls_ps_at(bytes, i) => return Err(missing(i)),
                Some(b'\\') => {
                    // A backslash escapes any character but a line terminator;
                    // a multi-byte character is skipped byte by byte, which
                    // is safe as its continuation bytes are never ASCII.
                    match bytes.get(i + 1) {
                        None | Some(b'\n' | b'\r') => return Err(missing(i + 1)),
                        Some(0xE2) if is_ls_ps_at(bytes, i + 1) => return Err(missing(i + 1)),
                        Some(_) => i += 2,
                    }
                }
                Some(b'[') => {
                    in_class = true;
                    i += 1;
                }
                Some(b']') => {
                    in_class = false;
                    i += 1;
                }
                Some(b'/') if !in_class => return Ok(i),
                Some(_) => i += 1,
            }
        }
    }

    /// The offset past the flags (identifier characters) starting at `from`.
    fn regexp_flags_end(&self, from: usize) -> usize {
        let mut i = from;
        loop {
            let b = self.byte_at(i);
            if b < 0x80 {
                if !is_ascii_id_part(b) {
                    return i;
                }
                i += 1;
            } else {
                match self.char_at(i) {
                    Some(c) if is_id_part(c) => i += c.len_utf8(),
                    _ => return i,
                }
            }
        }
    }
}

/// The flags are distinct members of `dgimsuvy`, not both `u` and `v`.
pub(crate) fn flags_are_valid(flags: &str) -> bool {
    let mut seen = 0u32;
    for b in flags.bytes() {
        let bit = match b {
            b'd' => 1,
            b'g' => 2,
            b'i' => 4,
            b'm' => 8,
            b's' => 16,
            b'u' => 32,
            b'v' => 64,
            b'y' => 128,
            _ => return false,
        };
        if seen & bit != 0 {
            return false;
        }
        seen |= bit;
    }
    seen & (32 | 64) != (32 | 64)
}
