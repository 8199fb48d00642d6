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
        let (shown, caret_at) = excerpt(index.line_text(source, line), column as usize - 1);
        let caret_pad: String = shown
            .encode_utf16()
            .take(caret_at)
            .map(|u| if u == u16::from(b'\t') { '\t' } else { ' ' })
            .collect();
        format!("{file}:{line}:{column}\n{shown}\n{caret_pad}^\n\nSyntaxError: {}", self.message)
    }
}

/// How many UTF-16 units of a long source line are shown on each side of
/// the error's column.
const EXCERPT_RADIUS: usize = 80;

/// The part of source line `text` to print around UTF-16 offset `at`, and
/// the offset of `at` in it: the whole line when it is short, else a window
/// of [`EXCERPT_RADIUS`] units each side, with `…` where it was cut (so a
/// minified or generated line does not flood the terminal).
fn excerpt(text: &str, at: usize) -> (String, usize) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let at = at.min(units.len());
    if units.len() <= 2 * EXCERPT_RADIUS {
        return (text.to_string(), at);
    }
    let is_low = |i: usize| units.get(i).is_some_and(|u| (0xDC00..0xE000).contains(u));
    let mut start = at.saturating_sub(EXCERPT_RADIUS);
    if is_low(start) {
        start += 1;
    }
    let mut end = (at + EXCERPT_RADIUS).min(units.len());
    if is_low(end) {
        end -= 1;
    }
    let mut shown = String::from_utf16_lossy(&units[start..end.max(start)]);
    let mut caret_at = at - start;
    if start > 0 {
        shown.insert(0, '…');
        caret_at += 1;
    }
    if end < units.len() {
        shown.push('…');
    }
    (shown, caret_at)
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SyntaxError: {}", self.message)
    }
}

impl std::error::Error for SyntaxError {}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(excerpt("let x = ;", 8), ("let x = ;".to_string(), 8));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}@{}", "a".repeat(1000), "b".repeat(1000));
        let (shown, caret) = excerpt(&line, 1000);
        assert_eq!(shown, format!("…{}@{}…", "a".repeat(80), "b".repeat(79)));
        assert_eq!(shown.chars().nth(caret), Some('@'));
        let (shown, caret) = excerpt(&line, 2001);
        assert!(shown.starts_with('…') && !shown.ends_with('…'));
        assert_eq!(caret, 81);
    }

    #[test]
    fn cuts_never_split_a_surrogate_pair() {
        let line = "😀".repeat(200);
        let (shown, _) = excerpt(&line, 201);
        assert!(!shown.contains('\u{FFFD}'), "{shown}");
    }
}
