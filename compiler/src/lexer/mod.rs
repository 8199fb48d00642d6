//! The lexer: turns source text into [`Token`]s on demand.
//!
//! The parser drives it one token at a time, because JavaScript's lexical
//! grammar depends on syntactic context: a `/` starts a regular expression
//! only where an expression may begin (the parser then calls
//! [`Lexer::rescan_regexp`]), and a `}` continues a template only inside a
//! substitution (the parser calls [`Lexer::rescan_template_continuation`]).
//!
//! Invariant: `pos` is always on a `char` boundary of `source`, just past the
//! last token handed out.

mod token;

pub use token::{Token, TokenKind, TokenValue};
