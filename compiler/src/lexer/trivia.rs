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
                b' ' | b'\t' | 0x0B | 0x0C => self.pos += 1,
                b'\n' | b'\r' => {
                    newline = true;
                    self.pos += 1;
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

    /// The offset of the line terminator (or end of input) that ends a
    /// single-line comment whose text starts at `from`.
    fn line_comment_end(&self, from: usize) -> usize {
        let bytes = self.bytes;
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\n' | b'\r' => return i,
                0xE2 if is_ls_ps_at(bytes, i) => return i,
                _ => i += 1,
            }
        }
        i
    }

    /// Skips the `/* ... */` comment starting at `start`; returns whether it
    /// holds a line terminator.
    fn skip_block_comment(&mut self, start: usize) -> Result<bool, SyntaxError> {
        let bytes = self.bytes;
        let mut i = start + 2;
        let mut newline = false;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'*' if bytes.get(i + 1) == Some(&b'/') => {
                    self.pos = i + 2;
                    return Ok(newline);
                }
                b'\n' | b'\r' => newline = true,
                0xE2 if is_ls_ps_at(bytes, i) => newline = true,
                _ => {}
            }
            i += 1;
        }
        Err(self.error("Unterminated comment", start, bytes.len()))
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
