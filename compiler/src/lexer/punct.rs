//! Punctuators (ECMAScript 2025 §12.8), longest match first. `/`, `/=` and
//! `}` are always `Slash`, `SlashEq` and `RBrace`: the parser re-scans them
//! as a regular expression or a template continuation where one is meant.
//! `?.` followed by a decimal digit is `?` (so `a?.5:b` is a conditional).

use super::{Lexer, TokenKind};

impl Lexer<'_> {
    /// Scans the punctuator at `start`, advancing `pos` past it, or returns
    /// `None` (and leaves `pos`) if no punctuator starts there.
    pub(crate) fn scan_punctuator(&mut self, start: usize) -> Option<TokenKind> {
        use TokenKind::*;
        let at = |k: usize| self.byte_at(start + k);
        let (kind, len) = match self.byte_at(start) {
            b'{' => (LBrace, 1),
            b'}' => (RBrace, 1),
            b'(' => (LParen, 1),
            b')' => (RParen, 1),
            b'[' => (LBracket, 1),
            b']' => (RBracket, 1),
            b';' => (Semicolon, 1),
            b',' => (Comma, 1),
            b':' => (Colon, 1),
            b'~' => (Tilde, 1),
            b'.' if at(1) == b'.' && at(2) == b'.' => (Ellipsis, 3),
            b'.' => (Dot, 1),
            b'?' => match at(1) {
                b'.' if !at(2).is_ascii_digit() => (QuestionDot, 2),
                b'?' if at(2) == b'=' => (QuestionQuestionEq, 3),
                b'?' => (QuestionQuestion, 2),
                _ => (Question, 1),
            },
            b'<' => match (at(1), at(2)) {
                (b'<', b'=') => (ShlEq, 3),
                (b'<', _) => (Shl, 2),
                (b'=', _) => (LtEq, 2),
                _ => (Lt, 1),
            },
            b'>' => match (at(1), at(2), at(3)) {
                (b'>', b'>', b'=') => (UShrEq, 4),
                (b'>', b'>', _) => (UShr, 3),
                (b'>', b'=', _) => (ShrEq, 3),
                (b'>', _, _) => (Shr, 2),
                (b'=', _, _) => (GtEq, 2),
                _ => (Gt, 1),
            },
            b'=' => match (at(1), at(2)) {
                (b'=', b'=') => (EqEqEq, 3),
                (b'=', _) => (EqEq, 2),
                (b'>', _) => (Arrow, 2),
                _ => (Eq, 1),
            },
            b'!' => match (at(1), at(2)) {
                (b'=', b'=') => (NotEqEq, 3),
                (b'=', _) => (NotEq, 2),
                _ => (Bang, 1),
            },
            b'+' => pick(at(1), &[(b'+', PlusPlus), (b'=', PlusEq)], Plus),
            b'-' => pick(at(1), &[(b'-', MinusMinus), (b'=', MinusEq)], Minus),
            b'*' => match (at(1), at(2)) {
                (b'*', b'=') => (StarStarEq, 3),
                (b'*', _) => (StarStar, 2),
                (b'=', _) => (StarEq, 2),
                _ => (Star, 1),
            },
            b'/' => pick(at(1), &[(b'=', SlashEq)], Slash),
            b'%' => pick(at(1), &[(b'=', PercentEq)], Percent),
            b'^' => pick(at(1), &[(b'=', CaretEq)], Caret),
            b'&' => match (at(1), at(2)) {
                (b'&', b'=') => (AmpAmpEq, 3),
                (b'&', _) => (AmpAmp, 2),
                (b'=', _) => (AmpEq, 2),
                _ => (Amp, 1),
            },
            b'|' => match (at(1), at(2)) {
                (b'|', b'=') => (PipePipeEq, 3),
                (b'|', _) => (PipePipe, 2),
                (b'=', _) => (PipeEq, 2),
                _ => (Pipe, 1),
            },
            _ => return None,
        };
        self.pos = start + len;
        Some(kind)
    }
}

/// The two-byte punctuator whose second byte is `next`, from `pairs`, or
/// the one-byte `single`.
#[inline]
fn pick(next: u8, pairs: &[(u8, TokenKind)], single: TokenKind) -> (TokenKind, usize) {
    pairs
        .iter()
        .find(|&&(b, _)| b == next)
        .map_or((single, 1), |&(_, kind)| (kind, 2))
}

#[cfg(test)]
mod tests {
    use crate::lexer::tests::{kinds, lex_err};
    use crate::lexer::TokenKind::*;

    #[test]
    fn every_punctuator() {
        let cases = [
            ("{", LBrace),
            ("}", RBrace),
            ("(", LParen),
            (")", RParen),
            ("[", LBracket),
            ("]", RBracket),
            (".", Dot),
            ("...", Ellipsis),
            (";", Semicolon),
            (",", Comma),
            ("?", Question),
            ("?.", QuestionDot),
            (":", Colon),
            ("=>", Arrow),
            ("<", Lt),
            (">", Gt),
            ("<=", LtEq),
            (">=", GtEq),
            ("==", EqEq),
            ("!=", NotEq),
            ("===", EqEqEq),
            ("!==", NotEqEq),
            ("+", Plus),
            ("-", Minus),
            ("*", Star),
            ("/", Slash),
            ("%", Percent),
            ("**", StarStar),
            ("++", PlusPlus),
            ("--", MinusMinus),
            ("<<", Shl),
            (">>", Shr),
            (">>>", UShr),
            ("&", Amp),
            ("|", Pipe),
            ("^", Caret),
            ("!", Bang),
            ("~", Tilde),
            ("&&", AmpAmp),
            ("||", PipePipe),
            ("??", QuestionQuestion),
            ("=", Eq),
            ("+=", PlusEq),
            ("-=", MinusEq),
            ("*=", StarEq),
            ("/=", SlashEq),
            ("%=", PercentEq),
            ("**=", StarStarEq),
            ("<<=", ShlEq),
            (">>=", ShrEq),
            (">>>=", UShrEq),
            ("&=", AmpEq),
            ("|=", PipeEq),
            ("^=", CaretEq),
            ("&&=", AmpAmpEq),
            ("||=", PipePipeEq),
            ("??=", QuestionQuestionEq),
        ];
        for (src, kind) in cases {
            assert_eq!(kinds(src), [kind], "{src}");
        }
    }

    #[test]
    fn longest_match_and_splits() {
        assert_eq!(
            kinds("a?.5:b"),
            [Identifier, Question, Number, Colon, Identifier]
        );
        assert_eq!(kinds("a?.b"), [Identifier, QuestionDot, Identifier]);
        assert_eq!(
            kinds("a?.[0]"),
            [Identifier, QuestionDot, LBracket, Number, RBracket]
        );
        assert_eq!(kinds(".."), [Dot, Dot]);
        assert_eq!(kinds("...."), [Ellipsis, Dot]);
        assert_eq!(kinds(">>>>="), [UShr, GtEq]);
        assert_eq!(kinds("a+++b"), [Identifier, PlusPlus, Plus, Identifier]);
        assert_eq!(kinds("===="), [EqEqEq, Eq]);
        assert_eq!(kinds("=>="), [Arrow, Eq]);
        assert_eq!(
            kinds("a/b/=c"),
            [Identifier, Slash, Identifier, SlashEq, Identifier]
        );
        assert_eq!(lex_err("@").message, "Invalid or unexpected token");
    }
}
