//! Syntax errors and their rendering as `file:line:column` diagnostics with
//! the source line and a caret under the offending spot.

use crate::span::{LineIndex, Span};
use std::fmt;

/// An early (parse-time) error: always a JavaScript `SyntaxError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in the words a JavaScript engine would use.
    pub message: String,
    /// Where it is wrong.
    pub span: Span,
}

impl SyntaxError {
    /// A syntax error with `message` at `span`.
    pub fn new(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { message: message.into(), span }
    }

    /// Renders the error as
    /// ```text
    /// FILE:LINE:COLUMN
    /// <source line>
    ///     ^
    /// SyntaxError: <message>
    /// ```
    pub fn render(&self, file: &str, source: &str) -> String {
        let index = LineIndex::new(source);
        let (line, column) = index.line_col(source, self.span.start);
        let text = index.line_text(source, line);
        let caret_pad: String = text
            .encode_utf16()
            .take(column as usize - 1)
            .map(|u| if u == u16::from(b'\t') { '\t' } else { ' ' })
            .collect();
        format!("{file}:{line}:{column}\n{text}\n{caret_pad}^\n\nSyntaxError: {}", self.message)
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SyntaxError: {}", self.message)
    }
}

impl std::error::Error for SyntaxError {}
