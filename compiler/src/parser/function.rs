//! Functions of every kind: declarations and expressions, arrows, methods
//! and accessors; their parameters, bodies and directive prologues, and the
//! early errors that depend on a body turning out strict.

use super::{FnCtx, PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::scope::{BindingKind, DeclKind, ScopeKind};
use crate::span::Span;

/// What is being parsed, for the context of its body.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct FnShape {
    pub(super) is_async: bool,
    pub(super) is_generator: bool,
    pub(super) method: Option<MethodKind>,
    /// A class constructor of a class with `extends`.
    pub(super) derived: bool,
    /// A class constructor.
    pub(super) class_constructor: bool,
}

/// Saved parser state around a nested function.
struct Saved<'a> {
    ctx: FnCtx,
    scope: ScopeId,
    labels: Vec<super::context::Label<'a>>,
    positions: (Option<Span>, Option<Span>, Option<Span>),
}

impl<'a> Parser<'a> {
    fn save_for_function(&mut self) -> Saved<'a> {
        let saved = Saved {
            ctx: self.ctx,
            scope: self.scope,
            labels: std::mem::take(&mut self.labels),
            positions: (self.yield_pos, self.await_pos, self.await_ident_pos),
        };
        self.yield_pos = None;
        self.await_pos = None;
        self.await_ident_pos = None;
        saved
    }

    fn restore_after_function(&mut self, saved: Saved<'a>) {
        self.ctx = saved.ctx;
        self.scope = saved.scope;
        self.labels = saved.labels;
        (self.yield_pos, self.await_pos, self.await_ident_pos) = saved.positions;
    }

    /// After `function` (and `async` before it): `[*] [name] (params) { body }`.
    /// `declaration`: a function declaration (its name is checked in the
    /// enclosing context and declared by the caller); `anonymous_ok`: the
    /// name may be missing (`export default function () {}`).
    pub(super) fn parse_function_rest(
        &mut self,
        start: u32,
        is_async: bool,
        declaration: bool,
        anonymous_ok: bool,
    ) -> PResult<&'a Function<'a>> {
        let is_generator = self.eat(T::Star)?;
        let shape = FnShape { is_async, is_generator, ..FnShape::default() };
        let saved_ctx = self.ctx;
        let mut id = None;
        if matches!(self.tok.kind, T::Identifier | T::Yield | T::Await) {
            if !declaration {
                // A function expression's name is checked in its own context.
                self.ctx = self.function_ctx(shape);
            }
            let span = self.tok.span;
            let name = match self.tok.kind {
                T::Yield => "yield",
                T::Await => "await",
                _ => self.tok.name().unwrap_or(""),
            };
            let escaped = self.tok.escaped;
            self.check_identifier(name, span, escaped)?;
            if self.ctx.strict && (name == "eval" || name == "arguments") {
                return self.error("Unexpected eval or arguments in strict mode", span);
            }
            self.ctx = saved_ctx;
            self.next()?;
            let scope = if declaration { self.scope } else { self.scopes.next_scope_id() };
            id = Some(Ident { name, span, id: self.scopes.add_ref(name, scope) });
        } else if declaration && !anonymous_ok {
            return Err(self.unexpected());
        }
        let f = self.parse_function_body_and_params(start, id, shape, !declaration)?;
        Ok(f)
    }

    /// The context of a new (non-arrow) function's parameters and body.
    fn function_ctx(&self, shape: FnShape) -> FnCtx {
        let is_method = shape.method.is_some();
        FnCtx {
            strict: self.ctx.strict,
            can_await: shape.is_async,
            is_generator: shape.is_generator,
            in_function: true,
            super_call: shape.derived,
            super_prop: is_method,
            new_target: true,
            in_class_init: false,
            in_static_block: false,
            in_params: false,
        }
    }

    /// Parameters and body of a non-arrow function; `self_name`: a function
    /// expression's name, bound inside it.
    pub(super) fn parse_function_body_and_params(
        &mut self,
        start: u32,
        id: Option<Ident<'a>>,
        shape: FnShape,
        self_name: bool,
    ) -> PResult<&'a Function<'a>> {
        let saved = self.save_for_function();
        self.ctx = self.function_ctx(shape);
        let scope = self.enter_scope(ScopeKind::Function);
        let first_ref = self.scopes.next_ref_id();
        let params = self.parse_formal_params(shape.method)?;
        let simple = params.iter().all(|p| !p.is_rest && matches!(p.pattern, Pattern::Ident(_)));
        if !simple {
            self.scopes.add_param_range(scope, first_ref, self.scopes.next_ref_id());
        }
        let allow_duplicates = !self.ctx.strict && simple && shape.method.is_none();
        self.declare_params(params, scope, allow_duplicates)?;
        let (body, strict) = self.parse_function_body(simple)?;
        if strict && !saved.ctx.strict {
            self.recheck_strict(id, params)?;
        }
        if self.scopes.scope(scope).uses_arguments {
            // The implicit `arguments` binding (shadowed by a parameter, a
            // function or a lexical declaration of that name).
            self.scopes.bind(scope, "arguments", BindingKind::Var, Span::new(start, start));
            let index = self.scopes.lookup_local(scope, "arguments");
            let implicit = index.is_some_and(|i| self.scopes.binding(scope, i).kind == BindingKind::Var);
            let param_names = params.iter().filter_map(|p| match p.pattern {
                Pattern::Ident(id) => Some(id.name),
                _ => None,
            });
            let distinct = param_names.clone().enumerate().all(|(i, n)| !param_names.clone().take(i).any(|m| m == n));
            self.scopes.scope_mut(scope).mapped_arguments = implicit && !strict && simple && distinct;
        }
        if self_name {
            if let Some(id) = id {
                self.scopes.bind(scope, id.name, BindingKind::SelfName, id.span);
            }
        }
        let flags = FunctionFlags {
            is_async: shape.is_async,
            is_generator: shape.is_generator,
            is_arrow: false,
            is_method: shape.method.is_some(),
            is_class_constructor: shape.class_constructor,
            is_derived_constructor: shape.derived,
            is_expression_body: false,
            strict,
            simple_params: simple,
        };
        self.restore_after_function(saved);
        Ok(self.alloc(Function { id, params, body, flags, scope, span: self.span_from(start) }))
    }

    /// `(params)`; getters take none and setters exactly one.
    fn parse_formal_params(&mut self, method: Option<MethodKind>) -> PResult<&'a [Param<'a>]> {
        let open = self.tok.span;
        self.expect(T::LParen)?;
        self.ctx.in_params = true;
        let mut params = self.new_vec();
        while !self.at(T::RParen) {
            if self.eat(T::Ellipsis)? {
                let pattern = self.parse_binding_target()?;
                if self.at(T::Eq) {
                    return self.error("Rest parameter may not have a default initializer", self.tok.span);
                }
                params.push(Param { pattern, is_rest: true });
                if !self.at(T::RParen) {
                    return self.error("Rest parameter must be last formal parameter", self.tok.span);
                }
                break;
            }
            params.push(Param { pattern: self.parse_binding_element()?, is_rest: false });
            if !self.at(T::RParen) {
                self.expect(T::Comma)?;
            }
        }
        self.next()?;
        self.ctx.in_params = false;
        let span = self.span_from(open.start);
        match method {
            Some(MethodKind::Get) if !params.is_empty() => return self.error("Getter must not have any formal parameters.", span),
            Some(MethodKind::Set) if params.len() != 1 || params[0].is_rest => {
                return self.error("Setter must have exactly one formal parameter.", span)
            }
            _ => {}
        }
        Ok(params.into_bump_slice())
    }

    fn declare_params(&mut self, params: &'a [Param<'a>], scope: ScopeId, allow_duplicates: bool) -> PResult<()> {
        let mut names = Vec::new();
        for p in params {
            super::pattern::collect_bound_names(p.pattern, &mut names);
        }
        for (i, id) in names.iter().enumerate() {
            if !allow_duplicates && names[..i].iter().any(|o| o.name == id.name) {
                return self.error("Duplicate parameter name not allowed in this context", id.span);
            }
            if self.ctx.strict && (id.name == "eval" || id.name == "arguments") {
                return self.error("Unexpected eval or arguments in strict mode", id.span);
            }
            self.scopes.declare(scope, id.name, DeclKind::Param, id.span)?;
        }
        Ok(())
    }

    /// A body that declared `"use strict"` makes its name and parameters strict too.
    fn recheck_strict(&self, id: Option<Ident<'a>>, params: &'a [Param<'a>]) -> PResult<()> {
        if let Some(id) = id {
            self.check_strict_binding(id)?;
        }
        let mut names = Vec::new();
        for p in params {
            super::pattern::collect_bound_names(p.pattern, &mut names);
        }
        for (i, id) in names.iter().enumerate() {
            self.check_strict_binding(*id)?;
            if names[..i].iter().any(|o| o.name == id.name) {
                return self.error("Duplicate parameter name not allowed in this context", id.span);
            }
        }
        Ok(())
    }

    /// `{ directives statements }`; returns the body and whether it is strict.
    fn parse_function_body(&mut self, simple_params: bool) -> PResult<(&'a [Stmt<'a>], bool)> {
        self.expect(T::LBrace)?;
        let mut body = self.new_vec();
        let directive = self.parse_directives(&mut body, Some(simple_params))?;
        if directive {
            self.set_strict();
        }
        while !self.at(T::RBrace) {
            if self.at(T::Eof) {
                return Err(self.unexpected());
            }
            body.push(self.parse_statement_list_item()?);
        }
        self.next()?;
        Ok((body.into_bump_slice(), self.ctx.strict))
    }

    /// The directive prologue: leading string-literal statements. Returns
    /// whether it holds `"use strict"`. `simple_params`: in a function, whether
    /// its parameter list is simple (else `"use strict"` is an error).
    pub(super) fn parse_directives(
        &mut self,
        body: &mut bumpalo::collections::Vec<'a, Stmt<'a>>,
        simple_params: Option<bool>,
    ) -> PResult<bool> {
        let mut strict = false;
        let mut octal: Option<Span> = None;
        while self.at(T::String) {
            let tok = self.tok;
            let raw = self.token_text();
            let stmt = self.parse_statement_list_item()?;
            body.push(stmt);
            let is_directive = matches!(stmt, Stmt::Expr(Expr::String(_, span), _) if span == tok.span);
            if !is_directive {
                break;
            }
            if tok.legacy_octal && octal.is_none() {
                octal = Some(tok.span);
            }
            if raw == "'use strict'" || raw == "\"use strict\"" {
                if simple_params == Some(false) {
                    return self.error("Illegal 'use strict' directive in function with non-simple parameter list", tok.span);
                }
                strict = true;
                self.set_strict();
            }
            if let (true, Some(span)) = (self.ctx.strict, octal) {
                return self.error("Octal escape sequences are not allowed in strict mode.", span);
            }
        }
        Ok(strict)
    }

    /// After the parameters of an arrow: `=> body`. `checkpoint`: the first
    /// scope and reference made while parsing the parameters, which move
    /// into the arrow's scope.
    pub(super) fn parse_arrow(
        &mut self,
        start: u32,
        params: &'a [Param<'a>],
        is_async: bool,
        checkpoint: (ScopeId, RefId),
    ) -> PResult<Expr<'a>> {
        if self.tok.newline_before {
            return Err(self.unexpected());
        }
        self.expect(T::Arrow)?;
        let outer = self.scope;
        let saved = self.save_for_function();
        self.ctx = FnCtx {
            strict: saved.ctx.strict,
            can_await: is_async,
            is_generator: false,
            in_function: true,
            super_call: saved.ctx.super_call,
            super_prop: saved.ctx.super_prop,
            new_target: saved.ctx.new_target,
            in_class_init: saved.ctx.in_class_init,
            in_static_block: false,
            in_params: false,
        };
        let scope = self.enter_scope(ScopeKind::Arrow);
        self.scopes.adopt(checkpoint.0, checkpoint.1, outer, scope);
        self.declare_params(params, scope, false)?;
        let simple = params.iter().all(|p| !p.is_rest && matches!(p.pattern, Pattern::Ident(_)));
        let (body, strict, expression_body) = if self.at(T::LBrace) {
            let (body, strict) = self.parse_function_body(simple)?;
            (body, strict, false)
        } else {
            let e = self.parse_assign(false, None)?;
            let span = e.span();
            let body: &'a [Stmt<'a>] = self.arena.alloc_slice_copy(&[Stmt::Return(Some(e), span)]);
            (body, self.ctx.strict, true)
        };
        if strict && !saved.ctx.strict {
            self.recheck_strict(None, params)?;
        }
        self.restore_after_function(saved);
        let flags = FunctionFlags {
            is_async,
            is_arrow: true,
            is_expression_body: expression_body,
            strict,
            simple_params: simple,
            ..FunctionFlags::default()
        };
        let f = self.alloc(Function { id: None, params, body, flags, scope, span: self.span_from(start) });
        Ok(Expr::Arrow(f))
    }

    /// A method, accessor or constructor body after its key: `(params) { body }`.
    pub(super) fn parse_method(&mut self, start: u32, shape: FnShape) -> PResult<&'a Function<'a>> {
        self.parse_function_body_and_params(start, None, shape, false)
    }
}
