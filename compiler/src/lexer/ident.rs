//! Identifier names, reserved words and private names (`#name`).
//!
//! An all-ASCII name without escapes takes the fast path: one byte loop and
//! a keyword lookup by length. Names with `\uXXXX` / `\u{X}` escapes are
//! decoded into the arena (each escaped code point must itself be a valid
//! identifier character there); names without escapes borrow the source.
//! Only unescaped names become reserved-word tokens: an escaped reserved
//! word is an `Identifier` with `escaped == true`.

use super::chars::{is_ascii_id_part, is_id_part, is_id_start};
use super::escape::{read_unicode_escape, EscapeError};
use super::{Lexer, Token, TokenKind, TokenValue, UNEXPECTED};
use crate::diagnostic::SyntaxError;
use bumpalo::collections::String as BString;

impl<'a> Lexer<'a> {
    /// Scans an identifier name or reserved word starting at `start` (the
    /// first character is known to be an identifier start or `\`).
    pub(crate) fn scan_identifier(&mut self, start: usize) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.bytes;
        let mut i = start;
        if bytes[start] != b'\\' && bytes[start] < 0x80 {
            i += 1;
            while let Some(&b) = bytes.get(i) {
                if !is_ascii_id_part(b) {
                    break;
                }
                i += 1;
            }
            if !matches!(bytes.get(i), Some(&b) if b == b'\\' || b >= 0x80) {
                self.pos = i;
                let text = &self.source[start..i];
                return Ok(match keyword(text.as_bytes()) {
                    Some(kind) => self.token(kind, start),
                    None => self.name_token(TokenKind::Identifier, start, text, false),
                });
            }
        }
        let (name, escaped) = self.scan_name_slow(start, i)?;
        let kind = if escaped {
            None
        } else {
            keyword(name.as_bytes())
        };
        Ok(match kind {
            Some(kind) => self.token(kind, start),
            None => self.name_token(TokenKind::Identifier, start, name, escaped),
        })
    }

    /// Scans `#name` starting at `start` (the `#`).
    pub(crate) fn scan_private_name(&mut self, start: usize) -> Result<Token<'a>, SyntaxError> {
        let begins_name = match self.byte_at(start + 1) {
            b'\\' => true,
            b if b < 0x80 => super::chars::is_ascii_id_start(b),
            _ => self.char_at(start + 1).is_some_and(is_id_start),
        };
        if !begins_name {
            return Err(self.unexpected_char(start));
        }
        let (name, escaped) = self.scan_name_slow(start + 1, start + 1)?;
        Ok(self.name_token(TokenKind::PrivateName, start, name, escaped))
    }

    /// A token of `kind` from `start` to `pos` carrying `name`.
    fn name_token(&self, kind: TokenKind, start: usize, name: &'a str, escaped: bool) -> Token<'a> {
        let mut token = self.token(kind, start);
        token.value = TokenValue::Name(name);
        token.escaped = escaped;
        token
    }

    /// Scans an identifier name that starts at `start`, whose bytes up to
    /// `from` are already known to be plain ASCII identifier characters.
    /// Returns the decoded name and whether it held an escape; sets `pos`.
    fn scan_name_slow(
        &mut self,
        start: usize,
        from: usize,
    ) -> Result<(&'a str, bool), SyntaxError> {
        let mut i = from;
        let mut cooked: Option<BString<'a>> = None;
        loop {
            let first = i == start;
            match self.byte_at(i) {
                b'\\' => {
                    let (c, end) = self.identifier_escape(i, first)?;
                    let buf = cooked.get_or_insert_with(|| {
                        BString::from_str_in(&self.source[start..i], self.arena)
                    });
                    buf.push(c);
                    i = end;
                }
                b if b < 0x80
                    && (if first {
                        super::chars::is_ascii_id_start(b)
                    } else {
                        is_ascii_id_part(b)
                    }) =>
                {
                    if let Some(buf) = &mut cooked {
                        buf.push(b as char);
                    }
                    i += 1;
                }
                b if b >= 0x80 => match self.char_at(i) {
                    Some(c) if (if first { is_id_start(c) } else { is_id_part(c) }) => {
                        if let Some(buf) = &mut cooked {
                            buf.push(c);
                        }
                        i += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        self.pos = i;
        Ok(match cooked {
            Some(buf) => (buf.into_bump_str(), true),
            None => (&self.source[start..i], false),
        })
    }

    /// Decodes the `\u` escape at `at` inside an identifier; the code point
    /// must be an identifier start (`first`) or part. Returns it and the
    /// offset past the escape.
    fn identifier_escape(&self, at: usize, first: bool) -> Result<(char, usize), SyntaxError> {
        if self.byte_at(at + 1) != b'u' {
            return Err(self.error(UNEXPECTED, at, at + 1));
        }
        let (cp, end) = match read_unicode_escape(self.bytes, at + 2) {
            Ok(ok) => ok,
            Err(EscapeError::Malformed(end)) => {
                return Err(self.error("Invalid Unicode escape sequence", at, end))
            }
            Err(EscapeError::OutOfRange(end)) => {
                return Err(self.error("Undefined Unicode code-point", at, end))
            }
        };
        match char::from_u32(cp) {
            Some(c) if (if first { is_id_start(c) } else { is_id_part(c) }) => Ok((c, end)),
            _ => Err(self.error("Invalid Unicode escape sequence", at, end)),
        }
    }
}

/// The reserved word spelt `text`, if it is one: dispatch on length, then
/// compare bytes.
#[inline]
pub(crate) fn keyword(text: &[u8]) -> Option<TokenKind> {
    use TokenKind::*;
    let kind = match text.len() {
        2 => match text {
            b"if" => If,
            b"in" => In,
            b"do" => Do,
            _ => return None,
        },
        3 => match text {
            b"var" => Var,
            b"for" => For,
            b"new" => New,
            b"try" => Try,
            _ => return None,
        },
        4 => match text {
            b"this" => This,
            b"else" => Else,
            b"case" => Case,
            b"void" => Void,
            b"with" => With,
            b"enum" => Enum,
            b"true" => True,
            b"null" => Null,
            _ => return None,
        },
        5 => match text {
            b"while" => While,
            b"break" => Break,
            b"catch" => Catch,
            b"throw" => Throw,
            b"const" => Const,
            b"yield" => Yield,
            b"class" => Class,
            b"super" => Super,
            b"false" => False,
            b"await" => Await,
            _ => return None,
        },
        6 => match text {
            b"return" => Return,
            b"typeof" => Typeof,
            b"delete" => Delete,
            b"switch" => Switch,
            b"export" => Export,
            b"import" => Import,
            _ => return None,
        },
        7 => match text {
            b"default" => Default,
            b"finally" => Finally,
            b"extends" => Extends,
            _ => return None,
        },
        8 => match text {
            b"function" => Function,
            b"continue" => Continue,
            b"debugger" => Debugger,
            _ => return None,
        },
        10 => match text {
            b"instanceof" => Instanceof,
            _ => return None,
        },
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::keyword;
    use crate::lexer::tests::{kinds, lex_err, lex_one};
    use crate::lexer::{TokenKind, TokenValue};

    #[test]
    fn keyword_table_matches_token_kind() {
        for word in [
            "await",
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "yield",
        ] {
            assert_eq!(keyword(word.as_bytes()), TokenKind::keyword(word), "{word}");
            assert!(keyword(word.as_bytes()).is_some_and(TokenKind::is_keyword));
        }
        for word in [
            "let",
            "static",
            "async",
            "of",
            "implements",
            "iff",
            "i",
            "Function",
            "undefined",
        ] {
            assert_eq!(keyword(word.as_bytes()), None);
        }
    }

    #[test]
    fn identifiers() {
        let t = lex_one("foo$_1");
        assert_eq!(
            (t.kind, t.value, t.escaped),
            (TokenKind::Identifier, TokenValue::Name("foo$_1"), false)
        );
        assert_eq!(lex_one("_").value, TokenValue::Name("_"));
        assert_eq!(lex_one("ünïcödé").value, TokenValue::Name("ünïcödé"));
        assert_eq!(
            lex_one("a\u{200C}b\u{200D}").value,
            TokenValue::Name("a\u{200C}b\u{200D}")
        );
        assert_eq!(lex_one("𐐀x").value, TokenValue::Name("𐐀x"));
        assert_eq!(lex_one("if").kind, TokenKind::If);
        assert_eq!(lex_one("let").value, TokenValue::Name("let"));
        assert_eq!(
            kinds("a.b"),
            [TokenKind::Identifier, TokenKind::Dot, TokenKind::Identifier]
        );
    }

    #[test]
    fn escaped_identifiers() {
        let t = lex_one("\\u0061b\\u{63}");
        assert_eq!(
            (t.kind, t.value, t.escaped),
            (TokenKind::Identifier, TokenValue::Name("abc"), true)
        );
        assert_eq!(t.span.end, 13);
        let t = lex_one("\\u0069f");
        assert_eq!(
            (t.kind, t.value, t.escaped),
            (TokenKind::Identifier, TokenValue::Name("if"), true)
        );
        assert_eq!(lex_one("a\\u{1d4d0}").value, TokenValue::Name("a𝓐"));
        assert_eq!(lex_one("ä\\u00e4").value, TokenValue::Name("ää"));
        assert_eq!(lex_one("$\\u200C").value, TokenValue::Name("$\u{200C}"));
        assert_eq!(
            lex_err("\\u0030x").message,
            "Invalid Unicode escape sequence"
        );
        assert_eq!(
            lex_err("a\\u002D").message,
            "Invalid Unicode escape sequence"
        );
        assert_eq!(
            lex_err("\\u{110000}").message,
            "Undefined Unicode code-point"
        );
        assert_eq!(lex_err("a\\x41").message, "Invalid or unexpected token");
        assert_eq!(lex_err("a\\u00").message, "Invalid Unicode escape sequence");
        assert_eq!(lex_err("\\u{}").message, "Invalid Unicode escape sequence");
        assert_eq!(
            lex_err("\\uD800").message,
            "Invalid Unicode escape sequence"
        );
    }

    #[test]
    fn private_names() {
        let t = lex_one("#foo");
        assert_eq!(
            (t.kind, t.value, t.span.end),
            (TokenKind::PrivateName, TokenValue::Name("foo"), 4)
        );
        assert_eq!(lex_one("#if").value, TokenValue::Name("if"));
        let t = lex_one("#\\u{61}b");
        assert_eq!(
            (t.kind, t.value, t.escaped),
            (TokenKind::PrivateName, TokenValue::Name("ab"), true)
        );
        assert_eq!(lex_one("#ä").value, TokenValue::Name("ä"));
        assert_eq!(lex_err("#").message, "Invalid or unexpected token");
        assert_eq!(lex_err("# a").message, "Invalid or unexpected token");
        assert_eq!(lex_err("#1").message, "Invalid or unexpected token");
    }
}
