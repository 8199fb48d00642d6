//! Trivia: white space, line terminators and comments between tokens —
//! `//` and `/* */` comments, the hashbang comment `#!` (only at offset 0),
//! and in scripts the Annex B.1.1 HTML-like comments `<!--` (anywhere) and
//! `-->` (only first on a line, after white space and one-line `/* */`
//! comments, or at the start of the input).
//!
//! Invariant: after [`Lexer::skip_trivia`], `pos` is at the first byte of a
//! token or at the end of the input.

use super::chars::{is_line_terminator, is_ls_ps_at, is_whitespace};
use super::Lexer;
use crate::diagnostic::SyntaxError;

impl<'a> Lexer<'a> {
    /// Skips trivia; returns whether a line terminator was among it.
    pub(crate) fn skip_trivia(&mut self) -> Result<bool, SyntaxError> {
        let mut newline = false;
        let at_input_start = self.pos == 0;
        if at_input_start && self.bytes.starts_with(b"#!") {
            self.pos = self.line_comment_end(2);
        }
        // Fast path: a token follows the previous one directly.
        if !matches!(
            self.byte_at(self.pos),
            b' ' | b'\t' | 0x0B | 0x0C | b'\n' | b'\r' | b'/' | b'<' | b'-' | 0x80..
        ) {
            return Ok(false);
        }
        loop {
            let i = self.pos;
            match self.byte_at(i) {
                b' ' | b'\t' | 0x0B | 0x0C => self.pos = self.blank_run_end(i + 1),
                b'\n' | b'\r' => {
                    newline = true;
                    self.pos = self.blank_run_end(i + 1);
                }
                b'/' => match self.byte_at(i + 1) {
                    b'/' => self.pos = self.line_comment_end(i + 2),
                    b'*' => newline |= self.skip_block_comment(i)?,
                    _ => break,
                },
                b'<' if !self.module && self.bytes[i..].starts_with(b"<!--") => {
                    self.pos = self.line_comment_end(i + 4);
                }
                b'-' if !self.module
                    && (newline || at_input_start)
                    && self.bytes[i..].starts_with(b"-->") =>
                {
                    self.pos = self.line_comment_end(i + 3);
                }
                0x80.. => match self.char_at(i) {
                    Some(c) if is_whitespace(c) => self.pos += c.len_utf8(),
                    Some(c) if is_line_terminator(c) => {
                        newline = true;
                        self.pos += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        Ok(newline)
    }

    /// The offset past the spaces and tabs starting at `from`.
    #[inline]
    fn blank_run_end(&self, from: usize) -> usize {
        let rest = self.bytes.get(from..).unwrap_or_default();
        from + rest
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    }

    /// The offset of the first byte at or after `from` that `stop` accepts
    /// and that is not the first byte of a character other than LS or PS
    /// (`stop` accepts 0xE2 to find those), or the end of the input.
    #[inline]
    fn find_byte(&self, from: usize, stop: impl Fn(u8) -> bool) -> usize {
        let bytes = self.bytes;
        let mut i = from;
        loop {
            let rest = bytes.get(i..).unwrap_or_default();
            match rest.iter().position(|&b| stop(b)) {
                None => return bytes.len(),
                Some(k) if bytes[i + k] != 0xE2 || is_ls_ps_at(bytes, i + k) => return i + k,
                Some(k) => i += k + 1,
            }
        }
    }

    /// The offset of the line terminator (or end of input) that ends a
    /// single-line comment whose text starts at `from`.
    fn line_comment_end(&self, from: usize) -> usize {
        self.find_byte(from, |b| matches!(b, b'\n' | b'\r' | 0xE2))
    }

    /// Skips the `/* ... */` comment starting at `start`; returns whether it
    /// holds a line terminator.
    fn skip_block_comment(&mut self, start: usize) -> Result<bool, SyntaxError> {
        let bytes = self.bytes;
        let mut i = start + 2;
        let mut newline = false;
        loop {
            i = if newline {
                self.find_byte(i, |b| b == b'*')
            } else {
                self.find_byte(i, |b| matches!(b, b'*' | b'\n' | b'\r' | 0xE2))
            };
            match bytes.get(i) {
                None => return Err(self.error("Unterminated comment", start, bytes.len())),
                Some(b'*') if bytes.get(i + 1) == Some(&b'/') => {
                    self.pos = i + 2;
                    return Ok(newline);
                }
                Some(b'*') => {}
                Some(_) => newline = true,
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lexer::tests::{kinds, lex_err};
    use crate::lexer::TokenKind::*;

    #[test]
    fn comments_and_whitespace() {
        assert_eq!(
            kinds("a // x\n b /* y */ c"),
            [Identifier, Identifier, Identifier]
        );
        assert_eq!(
            kinds("\u{FEFF}\u{A0}\u{3000}\u{2009}\u{0B}\u{0C}\ta"),
            [Identifier]
        );
        assert_eq!(kinds("/**/ /***/ /* * / */"), []);
        assert_eq!(lex_err("/* x").message, "Unterminated comment");
        assert_eq!(lex_err("/* \n *").message, "Unterminated comment");
        // U+2026 starts with 0xE2 like LS and PS but is not a line terminator.
        let tokens =
            crate::lexer::tests::lex("a /* \u{2026} */ b // \u{2026}\u{2029}c /* \u{2028} */ d")
                .unwrap();
        let newlines: Vec<bool> = tokens.iter().map(|t| t.newline_before).collect();
        assert_eq!(newlines, [false, false, true, true]);
        assert_eq!(lex_err("\u{180E}").message, "Invalid or unexpected token");
    }

    #[test]
    fn hashbang_only_at_start() {
        assert_eq!(kinds("#!/usr/bin/env node\nx"), [Identifier]);
        assert_eq!(kinds("#!"), []);
        assert!(crate::lexer::tests::lex(" #!x").is_err());
        assert!(crate::lexer::tests::lex("\n#!x").is_err());
    }

    #[test]
    fn html_comments_in_scripts() {
        assert_eq!(kinds("a <!-- b\nc"), [Identifier, Identifier]);
        assert_eq!(kinds("a\n--> b\nc"), [Identifier, Identifier]);
        assert_eq!(
            kinds("a\n  /* x */ /* y */ --> b\nc"),
            [Identifier, Identifier]
        );
        assert_eq!(kinds("a /*\n*/ --> b\nc"), [Identifier, Identifier]);
        assert_eq!(kinds("--> b\nc"), [Identifier]);
        assert_eq!(kinds("a --> b"), [Identifier, MinusMinus, Gt, Identifier]);
        assert_eq!(kinds("a\u{2028}--> b"), [Identifier]);
    }

    #[test]
    fn html_comments_not_in_modules() {
        let module = crate::lexer::tests::module_kinds;
        assert_eq!(
            module("a <!-- b"),
            [Identifier, Lt, Bang, MinusMinus, Identifier]
        );
        assert_eq!(module("a\n--> b"), [Identifier, MinusMinus, Gt, Identifier]);
    }
}
