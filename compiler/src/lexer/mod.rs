//! The lexer: turns source text into [`Token`]s on demand.
//!
//! The parser drives it one token at a time, because JavaScript's lexical
//! grammar depends on syntactic context: a `/` starts a regular expression
//! only where an expression may begin (the parser then calls
//! [`Lexer::rescan_regexp`]), and a `}` continues a template only inside a
//! substitution (the parser calls [`Lexer::rescan_template_continuation`]).
//!
//! This module owns the [`Lexer`] state and the dispatch on a token's first
//! byte; each kind of token is scanned by its own submodule (`trivia`,
//! `ident`, `number`, `string`, `template`, `regexp`, `punct`), which add
//! `impl Lexer` blocks. Shared helpers live in `chars` (classification) and
//! `escape` (backslash escapes).
//!
//! Invariant: `pos` is always on a `char` boundary of `source`, just past the
//! last token handed out. Tokens that need no decoding borrow `source`;
//! decoded values are allocated in `arena`.

mod chars;
mod escape;
mod ident;
mod number;
mod punct;
mod regexp;
mod regexp_syntax;
mod string;
mod template;
mod token;
mod trivia;

#[cfg(test)]
mod tests;

pub use regexp_syntax::validate as validate_regexp_pattern;
pub use token::{Token, TokenKind, TokenValue};

use crate::diagnostic::SyntaxError;
use crate::span::Span;
use bumpalo::Bump;

/// The message for a character that cannot start or continue a token.
pub(crate) const UNEXPECTED: &str = "Invalid or unexpected token";

/// An on-demand tokenizer over one source text.
pub struct Lexer<'a> {
    /// The whole source text.
    source: &'a str,
    /// `source` as bytes, for fast scanning.
    bytes: &'a [u8],
    /// Where decoded token values are allocated.
    arena: &'a Bump,
    /// Byte offset just past the last token handed out.
    pos: usize,
    /// The source is a module: HTML-like comments are not comments.
    module: bool,
    /// A line terminator precedes the token being scanned.
    newline_before: bool,
}

/// A saved lexer position, for [`Lexer::rewind`].
#[derive(Clone, Copy, Debug)]
pub struct Checkpoint {
    /// The byte offset to resume from.
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer over `source` that allocates decoded values in `arena`.
    /// `module`: the source is a module (HTML-like comments `<!--` and `-->`
    /// are then not comments; in scripts they are, per Annex B.1.1).
    pub fn new(source: &'a str, arena: &'a Bump, module: bool) -> Lexer<'a> {
        Lexer {
            source,
            bytes: source.as_bytes(),
            arena,
            pos: 0,
            module,
            newline_before: false,
        }
    }

    /// The source text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Saves the current position.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint { pos: self.pos }
    }

    /// Goes back to a position saved by [`Lexer::checkpoint`].
    pub fn rewind(&mut self, checkpoint: Checkpoint) {
        self.pos = checkpoint.pos.min(self.bytes.len());
    }

    /// The next token. A `/` or `/=` is always returned as `Slash` /
    /// `SlashEq` and a `}` always as `RBrace`: the parser asks for a
    /// re-scan where a regular expression or a template continuation is
    /// meant. Whitespace and comments are skipped; `newline_before` is set
    /// when a line terminator (or a comment holding one) precedes the token.
    /// At the end of input it returns `Eof`, again and again.
    pub fn next_token(&mut self) -> Result<Token<'a>, SyntaxError> {
        self.newline_before = self.skip_trivia()?;
        self.scan_token()
    }

    /// Scans the token starting at `pos` (trivia already skipped).
    fn scan_token(&mut self) -> Result<Token<'a>, SyntaxError> {
        let start = self.pos;
        let Some(&b) = self.bytes.get(start) else {
            return Ok(self.token(TokenKind::Eof, start));
        };
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'$' | b'_' | b'\\' => self.scan_identifier(start),
            b'0'..=b'9' => self.scan_number(start),
            b'.' if self.byte_at(start + 1).is_ascii_digit() => self.scan_number(start),
            b'"' | b'\'' => self.scan_string(start),
            b'`' => self.scan_template(start, true),
            b'#' => self.scan_private_name(start),
            0x80.. => self.scan_non_ascii(start),
            _ => match self.scan_punctuator(start) {
                Some(kind) => Ok(self.token(kind, start)),
                None => Err(self.unexpected_char(start)),
            },
        }
    }

    /// A token starting with a non-ASCII character: only an identifier can.
    fn scan_non_ascii(&mut self, start: usize) -> Result<Token<'a>, SyntaxError> {
        match self.char_at(start) {
            Some(c) if chars::is_id_start(c) => self.scan_identifier(start),
            _ => Err(self.unexpected_char(start)),
        }
    }

    /// A token of `kind` from `start` to the current position, with no value.
    #[inline]
    fn token(&self, kind: TokenKind, start: usize) -> Token<'a> {
        Token {
            kind,
            span: self.span(start, self.pos),
            newline_before: self.newline_before,
            escaped: false,
            legacy_octal: false,
            value: TokenValue::None,
        }
    }

    /// The span `start..end` (offsets saturate at `u32::MAX`).
    fn span(&self, start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span::new(clamp(start), clamp(end))
    }

    /// A SyntaxError with `message` over `start..end`.
    fn error(&self, message: impl Into<String>, start: usize, end: usize) -> SyntaxError {
        SyntaxError::new(message, self.span(start, end))
    }

    /// "Invalid or unexpected token" over the character at `at`.
    fn unexpected_char(&self, at: usize) -> SyntaxError {
        let len = self.char_at(at).map_or(0, char::len_utf8);
        self.error(UNEXPECTED, at, at + len)
    }

    /// The byte at `i`, or 0 past the end (0 is never significant to a scan
    /// that peeks with this).
    #[inline]
    fn byte_at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    /// The character starting at byte `i`, if `i` is a char boundary inside
    /// the source.
    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        self.source.get(i..).and_then(|s| s.chars().next())
    }
}
