//! Template literals: the literal pieces (cooked and raw) and the
//! substitutions between them.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::{TokenKind as T, TokenValue};

impl<'a> Parser<'a> {
    /// A template at the current token. Untagged templates may not hold
    /// invalid escapes (their cooked value would be undefined).
    pub(super) fn parse_template(&mut self, tagged: bool) -> PResult<&'a Template<'a>> {
        let start = self.tok.span.start;
        let mut quasis = self.new_vec();
        let mut exprs = self.new_vec();
        loop {
            let kind = self.tok.kind;
            quasis.push(self.template_quasi(tagged)?);
            if matches!(kind, T::NoSubstitutionTemplate | T::TemplateTail) {
                self.next()?;
                break;
            }
            self.next()?;
            exprs.push(self.parse_expression(false)?);
            if !self.at(T::RBrace) {
                return Err(self.unexpected());
            }
            let rbrace = self.tok;
            self.tok = self.lexer.rescan_template_continuation(&rbrace)?;
        }
        Ok(self.alloc(Template { quasis: quasis.into_bump_slice(), exprs: exprs.into_bump_slice(), span: self.span_from(start) }))
    }

    fn template_quasi(&self, tagged: bool) -> PResult<TemplateQuasi<'a>> {
        let TokenValue::Template { cooked, raw } = self.tok.value else { return Err(self.unexpected()) };
        if cooked.is_none() && !tagged {
            return self.error("Invalid escape sequence in template", self.tok.span);
        }
        Ok(TemplateQuasi { cooked, raw, span: self.tok.span })
    }
}
