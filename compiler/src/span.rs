//! Source positions: byte-offset spans and the line index that turns an
//! offset into a 1-based `line:column`.
//!
//! Invariant: a [`Span`] is a half-open byte range `start..end` into the
//! UTF-8 source it was made from, on `char` boundaries. Columns are counted
//! in UTF-16 code units, as JavaScript engines report them.

/// A half-open byte range `start..end` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Maps byte offsets to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `source`. Line terminators are those of ECMAScript: LF, CR
    /// (CRLF counts once), U+2028 and U+2029.
    pub fn new(source: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => {
                    i += 2;
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// The 1-based line and 1-based UTF-16 column of byte `offset` in `source`.
    pub fn line_col(&self, source: &str, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(source.len());
        let column = source.get(start..end).map_or(0, |s| s.encode_utf16().count());
        (line as u32 + 1, column as u32 + 1)
    }

    /// The text of 1-based line `line`, without its terminator.
    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> &'s str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(i) else { return "" };
        let end = self.line_starts.get(i + 1).map_or(source.len(), |&e| e as usize);
        let text = source.get(start as usize..end).unwrap_or("");
        text.trim_end_matches(['\n', '\r', '\u{2028}', '\u{2029}'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_utf16_columns() {
        let src = "a\nb\r\nc\u{2028}😀d";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), (1, 1));
        assert_eq!(idx.line_col(src, 2), (2, 1));
        assert_eq!(idx.line_col(src, 5), (3, 1));
        let d = src.find('d').unwrap() as u32;
        assert_eq!(idx.line_col(src, d), (4, 3));
        assert_eq!(idx.line_text(src, 2), "b");
    }
}
