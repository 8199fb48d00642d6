//! Classes: heritage, methods, accessors, fields, static blocks, private
//! names and their early errors.

use super::context::{ClassPrivate, PrivateKind};
use super::function::FnShape;
use super::{FnCtx, PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::scope::{BindingKind, ScopeKind};
use crate::span::Span;

impl<'a> Parser<'a> {
    /// `class [name] [extends e] { body }`. A declaration's name is declared
    /// by the caller; `declaration && !anonymous_ok` requires a name.
    pub(super) fn parse_class(&mut self, declaration: bool) -> PResult<&'a Class<'a>> {
        self.parse_class_with(declaration, false)
    }

    pub(super) fn parse_class_with(&mut self, declaration: bool, anonymous_ok: bool) -> PResult<&'a Class<'a>> {
        self.nested(|p| p.parse_class_inner(declaration, anonymous_ok))
    }

    fn parse_class_inner(&mut self, declaration: bool, anonymous_ok: bool) -> PResult<&'a Class<'a>> {
        let start = self.tok.span.start;
        self.expect(T::Class)?;
        let outer_strict = self.ctx.strict;
        self.ctx.strict = true;
        let mut id = None;
        let mut inner_name = None;
        if matches!(self.tok.kind, T::Identifier | T::Yield | T::Await) && !(self.at_word("extends")) {
            let span = self.tok.span;
            let name = match self.tok.kind {
                T::Yield => "yield",
                T::Await => "await",
                _ => self.tok.name().unwrap_or(""),
            };
            self.check_identifier(name, span, self.tok.escaped)?;
            if name == "eval" || name == "arguments" {
                return self.error("Unexpected eval or arguments in strict mode", span);
            }
            if name == "let" {
                return self.error("let is disallowed as a lexically bound name", span);
            }
            self.next()?;
            let ref_scope = if declaration { self.scope } else { self.scopes.next_scope_id() };
            id = Some(Ident { name, span, id: self.scopes.add_ref(name, ref_scope) });
            inner_name = Some((name, span));
        } else if declaration && !anonymous_ok {
            return Err(self.unexpected());
        }
        let scope = self.enter_scope(ScopeKind::Class);
        if let Some((name, span)) = inner_name {
            // Immutable (class code is strict: assigning throws) and in its
            // TDZ until the class is defined.
            self.scopes.bind(scope, name, BindingKind::Const, span);
        }
        let super_class = if self.eat(T::Extends)? {
            self.potential_arrow_at = None;
            Some(self.parse_lhs_expression()?)
        } else {
            None
        };
        self.classes.push(ClassPrivate::default());
        let (constructor, members) = self.parse_class_body(super_class.is_some())?;
        self.finish_private_names()?;
        self.exit_scope();
        self.ctx.strict = outer_strict;
        Ok(self.alloc(Class { id, super_class, constructor, members, scope, span: self.span_from(start) }))
    }

    fn parse_class_body(&mut self, derived: bool) -> PResult<(Option<&'a Function<'a>>, &'a [ClassMember<'a>])> {
        self.expect(T::LBrace)?;
        let mut constructor = None;
        let mut members = self.new_vec();
        while !self.eat(T::RBrace)? {
            if self.eat(T::Semicolon)? {
                continue;
            }
            if self.at(T::Eof) {
                return Err(self.unexpected());
            }
            match self.parse_class_member(derived)? {
                Member::Constructor(f, span) => {
                    if constructor.is_some() {
                        return self.error("A class may only have one constructor", span);
                    }
                    constructor = Some(f);
                }
                Member::Other(m) => members.push(m),
            }
        }
        Ok((constructor, members.into_bump_slice()))
    }

    fn parse_class_member(&mut self, derived: bool) -> PResult<Member<'a>> {
        let start = self.tok.span.start;
        let is_static = self.at_word("static") && {
            let next = self.peek()?;
            !matches!(next.kind, T::LParen | T::Eq | T::Semicolon | T::RBrace) && !(next.newline_before && !self.is_member_key_start(next.kind))
        };
        if is_static {
            self.next()?;
            if self.at(T::LBrace) {
                return Ok(Member::Other(ClassMember::StaticBlock(self.parse_static_block(start)?)));
            }
        }
        // A method's source text is its MethodDefinition: without `static`.
        let method_start = self.tok.span.start;
        let (shape, kind) = self.parse_class_modifiers()?;
        let key_span = self.tok.span;
        let key = self.parse_property_key()?;
        let is_constructor_name = !is_static && key_is(key, "constructor");
        if let PropKey::Private(n) = key {
            if n.name == "constructor" {
                return self.error("Classes may not have a private field named '#constructor'", n.span);
            }
        }
        if self.at(T::LParen) || shape.is_async || shape.is_generator || kind != MethodKind::Method {
            if is_static && key_is(key, "prototype") {
                return self.error("Classes may not have a static property named 'prototype'", key_span);
            }
            if is_constructor_name && !matches!(key, PropKey::Computed(..)) {
                if shape.is_async || shape.is_generator || kind != MethodKind::Method {
                    return self.error("Class constructor may not be an accessor, generator or async method", key_span);
                }
                let shape = FnShape { method: Some(MethodKind::Constructor), derived, class_constructor: true, ..shape };
                let f = self.parse_method(method_start, shape)?;
                return Ok(Member::Constructor(f, key_span));
            }
            self.declare_private(key, kind, is_static)?;
            let f = self.parse_method(method_start, FnShape { method: Some(kind), ..shape })?;
            return Ok(Member::Other(ClassMember::Method { is_static, kind, key, value: f }));
        }
        if key_is(key, "constructor") || (is_static && key_is(key, "prototype")) {
            return self.error("Classes may not have a field named 'constructor' or a static field named 'prototype'", key_span);
        }
        self.declare_private(key, MethodKind::Method, is_static)?;
        let value = if self.eat(T::Eq)? { Some(self.parse_field_initializer()?) } else { None };
        self.semicolon()?;
        Ok(Member::Other(ClassMember::Field { is_static, key, value, span: self.span_from(start) }))
    }

    /// A token after `static` that makes `static` a modifier even after a line break.
    fn is_member_key_start(&self, kind: T) -> bool {
        matches!(kind, T::Identifier | T::String | T::Number | T::BigInt | T::LBracket | T::PrivateName | T::Star)
            || kind.is_keyword()
    }

    /// `async`, `*`, `get`, `set` modifiers of a class element.
    fn parse_class_modifiers(&mut self) -> PResult<(FnShape, MethodKind)> {
        if self.at_word("async") || self.at_word("get") || self.at_word("set") {
            let next = self.peek()?;
            if matches!(next.kind, T::LParen | T::Eq | T::Semicolon | T::RBrace) || (next.newline_before && self.at_word("async")) {
                return Ok((FnShape::default(), MethodKind::Method));
            }
            if next.newline_before && !self.is_member_key_start(next.kind) {
                return Ok((FnShape::default(), MethodKind::Method));
            }
        }
        self.parse_method_modifiers()
    }

    /// A field initializer: a function-like scope where `arguments` is an error.
    fn parse_field_initializer(&mut self) -> PResult<&'a Function<'a>> {
        let start = self.tok.span.start;
        self.class_init_body(start, false, |p| {
            let e = p.parse_assign(false, None)?;
            let span = e.span();
            Ok(&*p.arena.alloc_slice_copy(&[Stmt::Return(Some(e), span)]))
        })
    }

    /// `static { ... }` after `static`.
    fn parse_static_block(&mut self, start: u32) -> PResult<&'a Function<'a>> {
        self.class_init_body(start, true, |p| {
            p.expect(T::LBrace)?;
            let mut body = p.new_vec();
            while !p.eat(T::RBrace)? {
                if p.at(T::Eof) {
                    return Err(p.unexpected());
                }
                body.push(p.parse_statement_list_item()?);
            }
            Ok(body.into_bump_slice())
        })
    }

    fn class_init_body(
        &mut self,
        start: u32,
        static_block: bool,
        body: impl FnOnce(&mut Self) -> PResult<&'a [Stmt<'a>]>,
    ) -> PResult<&'a Function<'a>> {
        let saved_ctx = self.ctx;
        let saved_labels = std::mem::take(&mut self.labels);
        let saved_pos = (self.yield_pos, self.await_pos, self.await_ident_pos);
        self.ctx = FnCtx {
            strict: true,
            super_prop: true,
            new_target: true,
            in_class_init: true,
            in_static_block: static_block,
            ..FnCtx::default()
        };
        let scope = self.enter_scope(ScopeKind::ClassInit);
        let stmts = body(self)?;
        self.exit_scope();
        self.ctx = saved_ctx;
        self.labels = saved_labels;
        (self.yield_pos, self.await_pos, self.await_ident_pos) = saved_pos;
        let flags = FunctionFlags { is_method: true, is_expression_body: !static_block, strict: true, simple_params: true, ..FunctionFlags::default() };
        Ok(self.alloc(Function { id: None, params: &[], body: stmts, flags, scope, span: self.span_from(start) }))
    }

    // ----- private names -----

    fn declare_private(&mut self, key: PropKey<'a>, kind: MethodKind, is_static: bool) -> PResult<()> {
        let PropKey::Private(name) = key else { return Ok(()) };
        let pk = match kind {
            MethodKind::Get => PrivateKind::Getter,
            MethodKind::Set => PrivateKind::Setter,
            _ => PrivateKind::Other,
        };
        let Some(class) = self.classes.last_mut() else { return Ok(()) };
        if let Some(entry) = class.declared.iter_mut().find(|d| d.0 == name.name) {
            let pair = matches!((entry.1, pk), (PrivateKind::Getter, PrivateKind::Setter) | (PrivateKind::Setter, PrivateKind::Getter));
            if pair && entry.2 == is_static {
                entry.1 = PrivateKind::Accessor;
                return Ok(());
            }
            return Err(crate::SyntaxError::new(format!("Identifier '#{}' has already been declared", name.name), name.span));
        }
        class.declared.push((name.name, pk, is_static));
        Ok(())
    }

    /// A reference `o.#x` / `#x in o`: must be declared by an enclosing class.
    pub(super) fn use_private_name(&mut self, name: Name<'a>) -> PResult<()> {
        match self.classes.last_mut() {
            Some(class) => {
                class.used.push((name.name, name.span));
                Ok(())
            }
            None => self.error(format!("Private field '#{}' must be declared in an enclosing class", name.name), name.span),
        }
    }

    /// At the end of a class body: names used but not declared go to the
    /// enclosing class, or are an error.
    pub(super) fn finish_private_names(&mut self) -> PResult<()> {
        let Some(class) = self.classes.pop() else { return Ok(()) };
        for (name, span) in class.used {
            if class.declared.iter().any(|d| d.0 == name) {
                continue;
            }
            match self.classes.last_mut() {
                Some(outer) => outer.used.push((name, span)),
                None => {
                    return self.error(format!("Private field '#{name}' must be declared in an enclosing class"), span);
                }
            }
        }
        Ok(())
    }
}

/// A parsed class element: the constructor is kept apart.
enum Member<'a> {
    Constructor(&'a Function<'a>, Span),
    Other(ClassMember<'a>),
}

/// The key is the non-computed name `name` (identifier or string).
fn key_is(key: PropKey<'_>, name: &str) -> bool {
    match key {
        PropKey::Ident(n) => n.name == name,
        PropKey::String(s, _) => s.iter().copied().eq(name.encode_utf16()),
        _ => false,
    }
}
