//! Template literal parts: `` `...` ``, `` `...${ ``, `}...${` and `` }...` ``.
//!
//! Each part carries its cooked value (the spec's TV, `None` when the part
//! holds a NotEscapeSequence such as `\u{g}` or `\1`, which only tagged
//! templates allow) and its raw value (TRV: the source text with CR and
//! CRLF turned into LF). The raw value borrows the source when it has no CR.
//! The cooked value turns CR and CRLF into LF as well.

use super::escape::{push_code_point, push_str, read_escape, Escape};
use super::{Lexer, Token, TokenKind, TokenValue};
use crate::diagnostic::SyntaxError;
use bumpalo::collections::{String as BString, Vec as BVec};

/// Where a template part's text ends.
struct PartEnd {
    /// Offset of the closing `` ` `` or `${`.
    text_end: usize,
    /// The part ends with `${` (a substitution follows).
    substitution: bool,
}

impl<'a> Lexer<'a> {
    /// Scans a template part whose opening `` ` `` (`head`) or `}` is at `start`.
    pub(crate) fn scan_template(
        &mut self,
        start: usize,
        head: bool,
    ) -> Result<Token<'a>, SyntaxError> {
        let text_start = start + 1;
        let mut buf = BVec::new_in(self.arena);
        let mut cooked_ok = true;
        let mut has_cr = false;
        let mut run = text_start;
        let mut i = text_start;
        let bytes = self.bytes;
        let end = loop {
            match bytes.get(i) {
                None => return Err(self.error("Unterminated template literal", start, i)),
                Some(b'`') => {
                    break PartEnd {
                        text_end: i,
                        substitution: false,
                    }
                }
                Some(b'$') if bytes.get(i + 1) == Some(&b'{') => {
                    break PartEnd {
                        text_end: i,
                        substitution: true,
                    }
                }
                Some(b'\r') => {
                    push_str(&mut buf, &self.source[run..i]);
                    buf.push(u16::from(b'\n'));
                    has_cr = true;
                    i += if bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    run = i;
                }
                Some(b'\\') if i + 1 < bytes.len() => {
                    push_str(&mut buf, &self.source[run..i]);
                    let (escape, next) = read_escape(self.source, i);
                    match escape {
                        Escape::CodePoint(cp) => push_code_point(&mut buf, cp),
                        Escape::LineContinuation => has_cr |= bytes[i + 1] == b'\r',
                        _ => cooked_ok = false,
                    }
                    i = next;
                    run = i;
                }
                Some(b'\\') => {
                    return Err(self.error("Unterminated template literal", start, bytes.len()))
                }
                Some(_) => i += 1,
            }
        };
        push_str(&mut buf, &self.source[run..end.text_end]);
        self.pos = end.text_end + if end.substitution { 2 } else { 1 };
        let kind = match (head, end.substitution) {
            (true, false) => TokenKind::NoSubstitutionTemplate,
            (true, true) => TokenKind::TemplateHead,
            (false, true) => TokenKind::TemplateMiddle,
            (false, false) => TokenKind::TemplateTail,
        };
        let raw = self.raw_text(text_start, end.text_end, has_cr);
        let mut token = self.token(kind, start);
        token.value = TokenValue::Template {
            cooked: cooked_ok.then(|| buf.into_bump_slice()),
            raw,
        };
        Ok(token)
    }

    /// Re-scans from `rbrace.span.start` (a `}` just returned as `RBrace`)
    /// as the continuation of a template: returns a `TemplateMiddle` (ending
    /// in `${`) or a `TemplateTail` (ending in a backtick).
    pub fn rescan_template_continuation(
        &mut self,
        rbrace: &Token<'a>,
    ) -> Result<Token<'a>, SyntaxError> {
        let start = rbrace.span.start as usize;
        if self.bytes.get(start) != Some(&b'}') {
            return Err(self.error(
                "Unexpected token: expected '}' to continue a template",
                start,
                start + 1,
            ));
        }
        self.newline_before = rbrace.newline_before;
        self.scan_template(start, false)
    }

    /// The TRV of the text `start..end`: borrowed unless it holds a CR.
    fn raw_text(&self, start: usize, end: usize, has_cr: bool) -> &'a str {
        let text = &self.source[start..end];
        if !has_cr {
            return text;
        }
        let mut raw = BString::with_capacity_in(text.len(), self.arena);
        let mut rest = text;
        while let Some(cr) = rest.find('\r') {
            raw.push_str(&rest[..cr]);
            raw.push('\n');
            rest = rest[cr + 1..].strip_prefix('\n').unwrap_or(&rest[cr + 1..]);
        }
        raw.push_str(rest);
        raw.into_bump_str()
    }
}

#[cfg(test)]
mod tests {
    use crate::lexer::tests::{lex_err, lex_one, utf16};
    use crate::lexer::{Lexer, TokenKind, TokenValue};
    use bumpalo::Bump;

    fn part(value: TokenValue<'_>) -> (Option<Vec<u16>>, String) {
        match value {
            TokenValue::Template { cooked, raw } => (cooked.map(<[u16]>::to_vec), raw.to_string()),
            v => panic!("{v:?}"),
        }
    }

    fn cooked(src: &str) -> Option<Vec<u16>> {
        let t = lex_one(src);
        assert_eq!(t.kind, TokenKind::NoSubstitutionTemplate, "{src}");
        part(t.value).0
    }

    fn raw(src: &str) -> String {
        part(lex_one(src).value).1
    }

    #[test]
    fn cooked_values() {
        assert_eq!(cooked("`abc`"), Some(utf16("abc")));
        assert_eq!(cooked("``"), Some(utf16("")));
        assert_eq!(cooked("`a$b{c}$`"), Some(utf16("a$b{c}$")));
        assert_eq!(cooked(r"`\n\x41\u0042\u{43}\0\``"), Some(utf16("\nABC\0`")));
        assert_eq!(
            cooked("`a\r\nb\rc\nd\u{2028}`"),
            Some(utf16("a\nb\nc\nd\u{2028}"))
        );
        assert_eq!(cooked("`a\\\r\nb`"), Some(utf16("ab")));
        assert_eq!(cooked(r"`\$\{`"), Some(utf16("${")));
    }

    #[test]
    fn not_escape_sequences() {
        for src in [
            r"`\1`", r"`\01`", r"`\08`", r"`\8`", r"`\x`", r"`\x4`", r"`\u`", r"`\u12`", r"`\u{`",
        ] {
            assert_eq!(cooked(src), None, "{src}");
        }
        for src in [r"`\u{g}`", r"`\u{110000}`", r"`\u{12`", r"`\xg`"] {
            assert_eq!(cooked(src), None, "{src}");
        }
        assert_eq!(raw(r"`\u{g}`"), r"\u{g}");
        let t = lex_one(r"`\unicode${");
        assert_eq!((t.kind, part(t.value).0), (TokenKind::TemplateHead, None));
    }

    #[test]
    fn raw_values() {
        assert_eq!(raw("`a\r\nb\rc\n`"), "a\nb\nc\n");
        assert_eq!(raw(r"`\n\u0041`"), r"\n\u0041");
        assert_eq!(raw("`a\\\r\nb`"), "a\\\nb");
        assert_eq!(raw("`\r\r\n\n`"), "\n\n\n");
    }

    #[test]
    fn parts_and_continuations() {
        let arena = Bump::new();
        let src = "`a${x}b${y}c` }";
        let mut lexer = Lexer::new(src, &arena, false);
        let head = lexer.next_token().unwrap();
        assert_eq!((head.kind, head.span.end), (TokenKind::TemplateHead, 4));
        assert_eq!(part(head.value), (Some(utf16("a")), "a".into()));
        assert_eq!(lexer.next_token().unwrap().kind, TokenKind::Identifier);
        let rbrace = lexer.next_token().unwrap();
        assert_eq!(rbrace.kind, TokenKind::RBrace);
        let middle = lexer.rescan_template_continuation(&rbrace).unwrap();
        assert_eq!(
            (middle.kind, middle.span.start, middle.span.end),
            (TokenKind::TemplateMiddle, 5, 9)
        );
        assert_eq!(part(middle.value), (Some(utf16("b")), "b".into()));
        lexer.next_token().unwrap();
        let rbrace = lexer.next_token().unwrap();
        let tail = lexer.rescan_template_continuation(&rbrace).unwrap();
        assert_eq!((tail.kind, tail.span.end), (TokenKind::TemplateTail, 13));
        assert_eq!(part(tail.value), (Some(utf16("c")), "c".into()));
        let rbrace = lexer.next_token().unwrap();
        assert_eq!(
            lexer
                .rescan_template_continuation(&rbrace)
                .unwrap_err()
                .message,
            "Unterminated template literal"
        );
    }

    #[test]
    fn errors() {
        let e = lex_err("`abc");
        assert_eq!(
            (e.message.as_str(), e.span.start, e.span.end),
            ("Unterminated template literal", 0, 4)
        );
        assert_eq!(lex_err("`a\\").message, "Unterminated template literal");
        assert_eq!(lex_err("`a\\`").message, "Unterminated template literal");
    }
}
