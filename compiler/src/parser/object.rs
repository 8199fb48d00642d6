//! Object literals (which may be cover grammar for object patterns) and
//! property keys.

use super::function::FnShape;
use super::{CoverErrors, PResult, Parser};
use crate::ast::*;
use crate::lexer::{TokenKind as T, TokenValue};

impl<'a> Parser<'a> {
    /// `{ ... }` in expression position.
    pub(super) fn parse_object_literal(&mut self, cover: Option<&mut CoverErrors>) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let mut own = CoverErrors::default();
        let cover = match cover {
            Some(c) => c,
            None => &mut own,
        };
        self.next()?;
        let mut props = self.new_vec();
        let mut has_proto = false;
        while !self.at(T::RBrace) {
            let prop = self.parse_object_member(cover)?;
            if let Property::KeyValue(key, _) = prop {
                if self.is_proto_key(key) {
                    if has_proto && cover.double_proto.is_none() {
                        cover.double_proto = Some(key.span());
                    }
                    has_proto = true;
                }
            }
            props.push(prop);
            if !self.at(T::RBrace) {
                self.expect(T::Comma)?;
            }
        }
        self.next()?;
        Ok(Expr::Object(self.alloc(ObjectLit { props: props.into_bump_slice(), span: self.span_from(start) })))
    }

    /// `__proto__: v` (not computed, not shorthand, not a method).
    fn is_proto_key(&self, key: PropKey<'a>) -> bool {
        match key {
            PropKey::Ident(n) => n.name == "__proto__",
            PropKey::String(s, _) => s.iter().copied().eq("__proto__".encode_utf16()),
            _ => false,
        }
    }

    fn parse_object_member(&mut self, cover: &mut CoverErrors) -> PResult<Property<'a>> {
        let start = self.tok.span.start;
        if self.eat(T::Ellipsis)? {
            let e = self.parse_assign(false, Some(cover))?;
            if self.at(T::Comma) && cover.trailing_comma.is_none() {
                cover.trailing_comma = Some(self.tok.span);
            }
            return Ok(Property::Spread(e, self.span_from(start)));
        }
        let (shape, kind) = self.parse_method_modifiers()?;
        let key_tok = self.tok;
        let key = self.parse_property_key()?;
        if let PropKey::Private(n) = key {
            return self.error("Unexpected identifier", n.span);
        }
        if shape.is_async || shape.is_generator || kind != MethodKind::Method || self.at(T::LParen) {
            let f = self.parse_method(start, FnShape { method: Some(kind), ..shape })?;
            return Ok(Property::Method(kind, key, f));
        }
        if self.eat(T::Colon)? {
            let value = self.parse_assign(false, Some(cover))?;
            return Ok(Property::KeyValue(key, value));
        }
        // Shorthand `a` or CoverInitializedName `a = 1`.
        let is_name = matches!(key_tok.kind, T::Identifier | T::Yield | T::Await);
        let PropKey::Ident(name) = key else { return Err(self.unexpected()) };
        if !is_name {
            return self.error(format!("Unexpected token '{}'", name.name), name.span);
        }
        self.check_identifier(name.name, name.span, key_tok.escaped)?;
        let id = Ident { name: name.name, span: name.span, id: self.scopes.add_ref(name.name, self.scope) };
        if self.at(T::Eq) {
            if cover.shorthand_assign.is_none() {
                cover.shorthand_assign = Some(self.tok.span);
            }
            self.next()?;
            let default = self.parse_assign(false, None)?;
            let target = Pattern::Ident(id);
            let assign = Assign { op: AssignOp::Assign, target, value: default, span: self.span_from(start) };
            return Ok(Property::KeyValue(key, Expr::Assign(self.alloc(assign))));
        }
        Ok(Property::Shorthand(id))
    }

    /// `async`, `*`, `get`, `set` before a method name, when they are
    /// modifiers rather than the name itself.
    pub(super) fn parse_method_modifiers(&mut self) -> PResult<(FnShape, MethodKind)> {
        let mut shape = FnShape::default();
        let mut kind = MethodKind::Method;
        if self.at_word("async") {
            let next = self.peek()?;
            if !next.newline_before && self.is_key_start(next.kind) {
                self.next()?;
                shape.is_async = true;
            }
        }
        if self.eat(T::Star)? {
            shape.is_generator = true;
            return Ok((shape, kind));
        }
        if !shape.is_async && (self.at_word("get") || self.at_word("set")) {
            let next = self.peek()?;
            if self.is_key_start(next.kind) && next.kind != T::Star {
                kind = if self.at_word("get") { MethodKind::Get } else { MethodKind::Set };
                self.next()?;
            }
        }
        Ok((shape, kind))
    }

    /// A token that can begin a property key (or `*` of a generator method).
    fn is_key_start(&self, kind: T) -> bool {
        matches!(kind, T::Identifier | T::String | T::Number | T::BigInt | T::LBracket | T::PrivateName | T::Star)
            || kind.is_keyword()
    }

    /// PropertyName or PrivateName.
    pub(super) fn parse_property_key(&mut self) -> PResult<PropKey<'a>> {
        let span = self.tok.span;
        let key = match self.tok.kind {
            T::String => {
                self.check_legacy_octal()?;
                PropKey::String(self.string_value(), span)
            }
            T::Number => {
                self.check_legacy_octal()?;
                let TokenValue::Number(n) = self.tok.value else { return Err(self.unexpected()) };
                PropKey::Number(n, span)
            }
            T::BigInt => {
                let TokenValue::BigInt(b) = self.tok.value else { return Err(self.unexpected()) };
                PropKey::BigInt(b, span)
            }
            T::LBracket => {
                self.next()?;
                let e = self.parse_assign(false, None)?;
                self.expect(T::RBracket)?;
                return Ok(PropKey::Computed(e, self.span_from(span.start)));
            }
            T::PrivateName => return Ok(PropKey::Private(self.private_name_token()?)),
            _ => return Ok(PropKey::Ident(self.parse_identifier_name()?)),
        };
        self.next()?;
        Ok(key)
    }
}
