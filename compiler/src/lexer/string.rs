//! String literals: `'...'` and `"..."` with every escape sequence.
//!
//! The value is UTF-16 in the arena (lone surrogates are kept). A literal
//! without escapes is converted in one go; otherwise runs of plain text are
//! copied between escapes. Legacy octal escapes and `\8`/`\9` set
//! `legacy_octal` (the parser rejects them in strict code). A raw LF or CR
//! ends the line and so is an error; LS and PS are allowed.

use super::escape::{push_code_point, push_str, read_escape, Escape, EscapeError};
use super::{Lexer, Token, TokenKind, TokenValue};
use crate::diagnostic::SyntaxError;
use bumpalo::collections::Vec as BVec;

impl<'a> Lexer<'a> {
    /// Scans the string literal whose opening quote is at `start`.
    pub(crate) fn scan_string(&mut self, start: usize) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.bytes;
        let quote = bytes[start];
        let mut i = start + 1;
        while let Some(&b) = bytes.get(i) {
            if b == quote || b == b'\\' || b == b'\n' || b == b'\r' {
                break;
            }
            i += 1;
        }
        if bytes.get(i) == Some(&quote) {
            let text = &self.source[start + 1..i];
            let value: &'a [u16] = if text.is_ascii() {
                self.arena
                    .alloc_slice_fill_iter(text.bytes().map(u16::from))
            } else {
                let mut buf = BVec::with_capacity_in(text.len(), self.arena);
                push_str(&mut buf, text);
                buf.into_bump_slice()
            };
            self.pos = i + 1;
            return Ok(self.string_token(start, value, false));
        }
        self.scan_string_escapes(start, i)
    }

    /// Continues a string literal at `from`, where the first escape or line
    /// terminator (or the end of input) was found.
    fn scan_string_escapes(&mut self, start: usize, from: usize) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.bytes;
        let quote = bytes[start];
        let mut buf = BVec::with_capacity_in(from - start + 16, self.arena);
        push_str(&mut buf, &self.source[start + 1..from]);
        let mut legacy_octal = false;
        let mut run = from;
        let mut i = from;
        loop {
            match bytes.get(i) {
                Some(&b) if b == quote => break,
                None | Some(b'\n' | b'\r') => {
                    return Err(self.error("Unterminated string constant", start, i));
                }
                Some(b'\\') if i + 1 < bytes.len() => {
                    push_str(&mut buf, &self.source[run..i]);
                    let (escape, next) = read_escape(self.source, i);
                    match escape {
                        Escape::CodePoint(cp) => push_code_point(&mut buf, cp),
                        Escape::LineContinuation => {}
                        Escape::LegacyOctal(cp) | Escape::NonOctalDecimal(cp) => {
                            legacy_octal = true;
                            push_code_point(&mut buf, cp);
                        }
                        Escape::BadHex(end) => {
                            return Err(self.error("Invalid hexadecimal escape sequence", i, end))
                        }
                        Escape::BadUnicode(EscapeError::Malformed(end)) => {
                            return Err(self.error("Invalid Unicode escape sequence", i, end));
                        }
                        Escape::BadUnicode(EscapeError::OutOfRange(end)) => {
                            return Err(self.error("Undefined Unicode code-point", i, end));
                        }
                    }
                    i = next;
                    run = i;
                }
                Some(b'\\') => {
                    return Err(self.error("Unterminated string constant", start, bytes.len()))
                }
                Some(_) => i += 1,
            }
        }
        push_str(&mut buf, &self.source[run..i]);
        self.pos = i + 1;
        Ok(self.string_token(start, buf.into_bump_slice(), legacy_octal))
    }

    /// A String token from `start` to `pos`.
    fn string_token(&self, start: usize, value: &'a [u16], legacy_octal: bool) -> Token<'a> {
        let mut token = self.token(TokenKind::String, start);
        token.value = TokenValue::String(value);
        token.legacy_octal = legacy_octal;
        token
    }
}

#[cfg(test)]
mod tests {
    use crate::lexer::tests::{lex_err, lex_one, utf16};
    use crate::lexer::{TokenKind, TokenValue};

    fn string(src: &str) -> (Vec<u16>, bool) {
        let t = lex_one(src);
        assert_eq!(t.kind, TokenKind::String, "{src}");
        assert_eq!(t.span.end as usize, src.len(), "{src}");
        match t.value {
            TokenValue::String(s) => (s.to_vec(), t.legacy_octal),
            v => panic!("{v:?}"),
        }
    }

    fn value(src: &str) -> Vec<u16> {
        let (v, legacy) = string(src);
        assert!(!legacy, "{src}");
        v
    }

    #[test]
    fn plain_strings() {
        assert_eq!(value("'abc'"), utf16("abc"));
        assert_eq!(value("\"it's\""), utf16("it's"));
        assert_eq!(value("''"), utf16(""));
        assert_eq!(value("'ä😀'"), utf16("ä😀"));
        assert_eq!(value("'a\u{2028}b\u{2029}'"), utf16("a\u{2028}b\u{2029}"));
    }

    #[test]
    fn escapes() {
        assert_eq!(value(r"'\n\t\b\f\v\r\0'"), utf16("\n\t\u{8}\u{c}\u{b}\r\0"));
        assert_eq!(value(r#"'\'\"\\'"#), utf16("'\"\\"));
        assert_eq!(value(r"'\a\c\d\é'"), utf16("acdé"));
        assert_eq!(value(r"'\x41\xfF'"), utf16("A\u{ff}"));
        assert_eq!(value(r"'\u0041\u{1F600}\u{0}'"), utf16("A😀\0"));
        assert_eq!(value(r"'\uD800'"), vec![0xD800]);
        assert_eq!(value(r"'\uD83D\uDE00'"), utf16("😀"));
        assert_eq!(
            value("'a\\\nb\\\r\nc\\\rd\\\u{2028}e\\\u{2029}f'"),
            utf16("abcdef")
        );
        assert_eq!(value("'x😀\\x41ä'"), utf16("x😀Aä"));
    }

    #[test]
    fn legacy_octal_escapes() {
        assert_eq!(string(r"'\1'"), (vec![1], true));
        assert_eq!(string(r"'\00'"), (vec![0], true));
        assert_eq!(string(r"'\08'"), (vec![0, u16::from(b'8')], true));
        assert_eq!(string(r"'\377'"), (vec![255], true));
        assert_eq!(string(r"'\400'"), (vec![32, u16::from(b'0')], true));
        assert_eq!(string(r"'\8'"), (utf16("8"), true));
        assert_eq!(string(r"'\9'"), (utf16("9"), true));
        assert_eq!(string(r"'\0a'"), (vec![0, u16::from(b'a')], false));
    }

    #[test]
    fn errors() {
        let e = lex_err("'abc");
        assert_eq!(
            (e.message.as_str(), e.span.start, e.span.end),
            ("Unterminated string constant", 0, 4)
        );
        assert_eq!(lex_err("'a\nb'").message, "Unterminated string constant");
        assert_eq!(lex_err("'a\rb'").message, "Unterminated string constant");
        assert_eq!(lex_err("'a\\").message, "Unterminated string constant");
        assert_eq!(
            lex_err("'\\x'").message,
            "Invalid hexadecimal escape sequence"
        );
        let e = lex_err("'a\\x4g'");
        assert_eq!(
            (e.message.as_str(), e.span.start, e.span.end),
            ("Invalid hexadecimal escape sequence", 2, 5)
        );
        assert_eq!(
            lex_err("'\\u12'").message,
            "Invalid Unicode escape sequence"
        );
        assert_eq!(
            lex_err("'\\u{}'").message,
            "Invalid Unicode escape sequence"
        );
        assert_eq!(
            lex_err("'\\u{110000}'").message,
            "Undefined Unicode code-point"
        );
        assert_eq!(lex_err("\"abc'").message, "Unterminated string constant");
    }
}
