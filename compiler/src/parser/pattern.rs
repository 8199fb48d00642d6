//! Identifiers, binding patterns, and the conversion of cover-grammar
//! expressions into assignment and binding patterns; declaring the names a
//! pattern binds.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::scope::DeclKind;
use crate::span::Span;

/// Words reserved only in strict-mode code.
const STRICT_RESERVED: &[&str] =
    &["implements", "interface", "let", "package", "private", "protected", "public", "static", "yield"];

impl<'a> Parser<'a> {
    /// An identifier used as a reference or a binding, checked against the
    /// reserved words of the current context, and recorded for resolution.
    pub(super) fn parse_ident_ref(&mut self) -> PResult<Ident<'a>> {
        let span = self.tok.span;
        let name = match self.tok.kind {
            T::Identifier => self.tok.name().unwrap_or(""),
            T::Yield => "yield",
            T::Await => "await",
            _ => return Err(self.unexpected()),
        };
        let escaped = self.tok.escaped;
        self.check_identifier(name, span, escaped)?;
        self.next()?;
        if name == "arguments" {
            self.note_arguments();
        }
        let id = self.scopes.add_ref(name, self.scope);
        Ok(Ident { name, span, id })
    }

    /// The early errors of an IdentifierReference / BindingIdentifier in the
    /// current context.
    pub(super) fn check_identifier(&mut self, name: &str, span: Span, escaped: bool) -> PResult<()> {
        match name {
            "yield" => {
                if self.ctx.is_generator || self.ctx.strict {
                    let message = if escaped && self.ctx.is_generator {
                        "Keyword must not contain escaped characters"
                    } else if self.ctx.strict {
                        "Unexpected strict mode reserved word"
                    } else {
                        "Yield expression not allowed here"
                    };
                    return self.error(message, span);
                }
                if self.ctx.in_params && self.yield_pos.is_none() {
                    // `yield` as an identifier in parameters is fine outside generators.
                }
            }
            "await" => {
                if self.ctx.can_await || self.goal == Goal::Module {
                    let message = if escaped { "Keyword must not contain escaped characters" } else { "Unexpected reserved word" };
                    return self.error(message, span);
                }
                if self.ctx.in_static_block {
                    return self.error("Unexpected 'await' in class static block", span);
                }
                if self.await_ident_pos.is_none() {
                    self.await_ident_pos = Some(span);
                }
            }
            "arguments" if self.ctx.in_class_init => {
                return self.error("'arguments' is not allowed in class field initializer or static initialization block", span);
            }
            _ => {
                if escaped && T::keyword(name).is_some() {
                    return self.error("Keyword must not contain escaped characters", span);
                }
                if self.ctx.strict && STRICT_RESERVED.contains(&name) {
                    return self.error("Unexpected strict mode reserved word", span);
                }
            }
        }
        Ok(())
    }

    /// A binding name that strict code forbids: `eval`, `arguments` and the
    /// strict reserved words (re-checked when a body turns out strict).
    pub(super) fn check_strict_binding(&self, id: Ident<'a>) -> PResult<()> {
        if id.name == "eval" || id.name == "arguments" {
            return self.error("Unexpected eval or arguments in strict mode", id.span);
        }
        if STRICT_RESERVED.contains(&id.name) {
            return self.error("Unexpected strict mode reserved word", id.span);
        }
        Ok(())
    }

    fn note_arguments(&mut self) {
        self.scopes.note_this_use(self.scope, true);
    }

    // ----- binding patterns -----

    /// BindingIdentifier or BindingPattern (not yet declared).
    pub(super) fn parse_binding_target(&mut self) -> PResult<Pattern<'a>> {
        self.nested(|p| match p.tok.kind {
            T::LBracket => p.parse_array_binding(),
            T::LBrace => p.parse_object_binding(),
            _ => Ok(Pattern::Ident(p.parse_ident_ref()?)),
        })
    }

    /// BindingElement: a target with an optional default.
    pub(super) fn parse_binding_element(&mut self) -> PResult<Pattern<'a>> {
        let start = self.tok.span.start;
        let target = self.parse_binding_target()?;
        self.parse_binding_default(target, start)
    }

    fn parse_binding_default(&mut self, target: Pattern<'a>, start: u32) -> PResult<Pattern<'a>> {
        if !self.eat(T::Eq)? {
            return Ok(target);
        }
        let default = self.parse_assign(false, None)?;
        Ok(Pattern::Assign(self.alloc(AssignPattern { target, default, span: self.span_from(start) })))
    }

    fn parse_array_binding(&mut self) -> PResult<Pattern<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let mut elements = self.new_vec();
        let mut rest = None;
        while !self.at(T::RBracket) {
            if self.eat(T::Comma)? {
                elements.push(None);
                continue;
            }
            if self.eat(T::Ellipsis)? {
                rest = Some(self.parse_binding_target()?);
                if self.at(T::Comma) {
                    return self.error("Rest element must be last element", self.tok.span);
                }
                break;
            }
            elements.push(Some(self.parse_binding_element()?));
            if !self.at(T::RBracket) {
                self.expect(T::Comma)?;
            }
        }
        self.expect(T::RBracket)?;
        let span = self.span_from(start);
        Ok(Pattern::Array(self.alloc(ArrayPattern { elements: elements.into_bump_slice(), rest, span })))
    }

    fn parse_object_binding(&mut self) -> PResult<Pattern<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let mut props = self.new_vec();
        let mut rest = None;
        while !self.at(T::RBrace) {
            if self.eat(T::Ellipsis)? {
                rest = Some(Pattern::Ident(self.parse_ident_ref()?));
                if self.at(T::Comma) {
                    return self.error("Rest element must be last element", self.tok.span);
                }
                break;
            }
            props.push(self.parse_binding_property()?);
            if !self.at(T::RBrace) {
                self.expect(T::Comma)?;
            }
        }
        self.expect(T::RBrace)?;
        let span = self.span_from(start);
        Ok(Pattern::Object(self.alloc(ObjectPattern { props: props.into_bump_slice(), rest, span })))
    }

    fn parse_binding_property(&mut self) -> PResult<PatternProp<'a>> {
        let start = self.tok.span.start;
        let is_plain_name = matches!(self.tok.kind, T::Identifier | T::Yield | T::Await);
        if is_plain_name {
            let next = self.peek()?;
            if next.kind != T::Colon {
                let id = self.parse_ident_ref()?;
                let key = PropKey::Ident(Name { name: id.name, span: id.span });
                let value = self.parse_binding_default(Pattern::Ident(id), start)?;
                return Ok(PatternProp { key, value, shorthand: true });
            }
        }
        let key = self.parse_property_key()?;
        if let PropKey::Private(n) = key {
            return self.error("Unexpected identifier", n.span);
        }
        self.expect(T::Colon)?;
        let value = self.parse_binding_element()?;
        Ok(PatternProp { key, value, shorthand: false })
    }

    // ----- cover grammar conversion -----

    /// The target of `=`: object and array literals become patterns.
    pub(super) fn to_assign_target(&mut self, expr: Expr<'a>) -> PResult<Pattern<'a>> {
        self.nested(|p| p.to_pattern(expr, false))
    }

    /// A parameter of an arrow function, from its cover expression.
    fn to_binding(&mut self, expr: Expr<'a>) -> PResult<Pattern<'a>> {
        self.nested(|p| p.to_pattern(expr, true))
    }

    fn to_pattern(&mut self, expr: Expr<'a>, binding: bool) -> PResult<Pattern<'a>> {
        let invalid = if binding { "Invalid destructuring assignment target" } else { "Invalid left-hand side in assignment" };
        match expr {
            Expr::Ident(id) => {
                if self.ctx.strict && (id.name == "eval" || id.name == "arguments") {
                    return self.error("Unexpected eval or arguments in strict mode", id.span);
                }
                Ok(Pattern::Ident(id))
            }
            Expr::Member(m) if !binding => {
                let _ = m;
                Ok(Pattern::Expr(expr))
            }
            Expr::SuperMember(_) if !binding => Ok(Pattern::Expr(expr)),
            Expr::Paren(inner, span) if !binding => match inner {
                Expr::Ident(_) | Expr::Member(_) | Expr::SuperMember(_) | Expr::Paren(..) => {
                    match self.to_pattern(*inner, false)? {
                        p @ (Pattern::Ident(_) | Pattern::Expr(_)) => Ok(p),
                        _ => self.error(invalid, span),
                    }
                }
                _ => self.error(invalid, span),
            },
            Expr::Array(a) => self.array_to_pattern(a, binding),
            Expr::Object(o) => self.object_to_pattern(o, binding),
            Expr::Assign(a) if a.op == AssignOp::Assign => {
                match a.target {
                    Pattern::Expr(Expr::Paren(..)) => return self.error(invalid, a.span),
                    Pattern::Ident(id) if self.ctx.strict && (id.name == "eval" || id.name == "arguments") => {
                        return self.error("Unexpected eval or arguments in strict mode", id.span);
                    }
                    _ => {}
                }
                let target = if binding { self.rebind(a.target)? } else { a.target };
                Ok(Pattern::Assign(self.alloc(AssignPattern { target, default: a.value, span: a.span })))
            }
            _ => self.error(invalid, expr.span()),
        }
    }

    /// A pattern made by `to_assign_target`, re-checked as a binding pattern.
    fn rebind(&mut self, pattern: Pattern<'a>) -> PResult<Pattern<'a>> {
        match pattern {
            Pattern::Ident(_) => Ok(pattern),
            Pattern::Expr(e) => self.to_binding(e).and_then(|p| match p {
                Pattern::Expr(_) => self.error("Invalid destructuring assignment target", e.span()),
                p => Ok(p),
            }),
            Pattern::Array(a) => {
                for e in a.elements.iter().flatten() {
                    self.rebind(*e)?;
                }
                if let Some(r) = a.rest {
                    self.rebind(r)?;
                }
                Ok(pattern)
            }
            Pattern::Object(o) => {
                for p in o.props {
                    self.rebind(p.value)?;
                }
                if let Some(r) = o.rest {
                    self.rebind(r)?;
                }
                Ok(pattern)
            }
            Pattern::Assign(a) => {
                self.rebind(a.target)?;
                Ok(pattern)
            }
        }
    }

    fn array_to_pattern(&mut self, a: &'a ArrayLit<'a>, binding: bool) -> PResult<Pattern<'a>> {
        let mut elements = self.new_vec();
        let mut rest = None;
        for (i, el) in a.elements.iter().enumerate() {
            match *el {
                ArrayElement::Hole(_) => elements.push(None),
                ArrayElement::Expr(e) => elements.push(Some(self.to_pattern(e, binding)?)),
                ArrayElement::Spread(e, span) => {
                    if i + 1 != a.elements.len() || self.has_trailing_comma(a.span) {
                        return self.error("Rest element must be last element", span);
                    }
                    if matches!(e, Expr::Assign(_)) {
                        return self.error("Rest element may not have a default initializer", span);
                    }
                    rest = Some(self.to_pattern(e, binding)?);
                }
            }
        }
        Ok(Pattern::Array(self.alloc(ArrayPattern { elements: elements.into_bump_slice(), rest, span: a.span })))
    }

    /// The bracketed or braced list ending at `span.end` ends with `, ]`.
    fn has_trailing_comma(&self, span: Span) -> bool {
        let src = self.lexer.source().as_bytes();
        let mut i = span.end as usize - 1;
        while i > span.start as usize {
            i -= 1;
            match src.get(i) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => continue,
                Some(b',') => return true,
                Some(b'/') => return self.comment_then_comma(span),
                _ => return false,
            }
        }
        false
    }

    /// Slow path of `has_trailing_comma` when comments may intervene: re-lex.
    fn comment_then_comma(&self, span: Span) -> bool {
        let text = self.lexer.source().get(span.start as usize..span.end as usize).unwrap_or("");
        let arena = bumpalo::Bump::new();
        let mut lexer = crate::lexer::Lexer::new(text, &arena, false);
        let mut last = T::Eof;
        let mut prev = T::Eof;
        while let Ok(t) = lexer.next_token() {
            if t.kind == T::Eof {
                break;
            }
            prev = last;
            last = t.kind;
        }
        prev == T::Comma
    }

    fn object_to_pattern(&mut self, o: &'a ObjectLit<'a>, binding: bool) -> PResult<Pattern<'a>> {
        let mut props = self.new_vec();
        let mut rest = None;
        for (i, prop) in o.props.iter().enumerate() {
            match *prop {
                Property::KeyValue(key, value) => {
                    let shorthand = matches!((key, value), (PropKey::Ident(k), Expr::Assign(a)) if k.span == a.target.span() && a.span.start == k.span.start && !matches!(value, Expr::Paren(..)));
                    props.push(PatternProp { key, value: self.to_pattern(value, binding)?, shorthand });
                }
                Property::Shorthand(id) => {
                    let key = PropKey::Ident(Name { name: id.name, span: id.span });
                    props.push(PatternProp { key, value: self.to_pattern(Expr::Ident(id), binding)?, shorthand: true });
                }
                Property::Method(_, key, _) => return self.error("Invalid destructuring assignment target", key.span()),
                Property::Spread(e, span) => {
                    if i + 1 != o.props.len() || self.has_trailing_comma(o.span) {
                        return self.error("Rest element must be last element", span);
                    }
                    let target = self.to_pattern(e, binding)?;
                    if !matches!(target, Pattern::Ident(_) | Pattern::Expr(_)) {
                        return self.error("`...` must be followed by an assignable reference in assignment contexts", span);
                    }
                    rest = Some(target);
                }
            }
        }
        Ok(Pattern::Object(self.alloc(ObjectPattern { props: props.into_bump_slice(), rest, span: o.span })))
    }

    /// The operand of a compound assignment or update: an identifier or a
    /// member access (parentheses allowed), not a pattern.
    pub(super) fn check_simple_target(&mut self, expr: Expr<'a>, message: &str) -> PResult<Pattern<'a>> {
        match expr {
            Expr::Ident(id) => {
                if self.ctx.strict && (id.name == "eval" || id.name == "arguments") {
                    return self.error("Unexpected eval or arguments in strict mode", id.span);
                }
                Ok(Pattern::Ident(id))
            }
            Expr::Member(_) | Expr::SuperMember(_) => Ok(Pattern::Expr(expr)),
            Expr::Paren(inner, _) => self.check_simple_target(*inner, message),
            _ => self.error(message, expr.span()),
        }
    }

    /// Arrow parameters from the items of a parenthesized cover.
    pub(super) fn exprs_to_params(&mut self, items: &[Expr<'a>], rest: Option<Pattern<'a>>) -> PResult<&'a [Param<'a>]> {
        let mut params = self.new_vec();
        for &e in items {
            if let Expr::Paren(_, span) = e {
                return self.error("Invalid destructuring assignment target", span);
            }
            params.push(Param { pattern: self.to_binding(e)?, is_rest: false });
        }
        if let Some(r) = rest {
            params.push(Param { pattern: r, is_rest: true });
        }
        Ok(params.into_bump_slice())
    }

    /// Async arrow parameters from the arguments of the cover call `async(...)`.
    pub(super) fn arguments_to_params(&mut self, args: &'a [ArrayElement<'a>]) -> PResult<&'a [Param<'a>]> {
        let mut params = self.new_vec();
        for (i, arg) in args.iter().enumerate() {
            match *arg {
                ArrayElement::Expr(e) => {
                    if let Expr::Paren(_, span) = e {
                        return self.error("Invalid destructuring assignment target", span);
                    }
                    params.push(Param { pattern: self.to_binding(e)?, is_rest: false });
                }
                ArrayElement::Spread(e, span) => {
                    if i + 1 != args.len() {
                        return self.error("Rest parameter must be last formal parameter", span);
                    }
                    if matches!(e, Expr::Assign(_)) {
                        return self.error("Rest parameter may not have a default initializer", span);
                    }
                    params.push(Param { pattern: self.to_binding(e)?, is_rest: true });
                }
                ArrayElement::Hole(span) => return self.error("Unexpected token ','", span),
            }
        }
        Ok(params.into_bump_slice())
    }

    // ----- declaring -----

    /// Declares every name `pattern` binds, in `scope`, as `kind`.
    pub(super) fn declare_pattern(&mut self, pattern: Pattern<'a>, kind: DeclKind, scope: ScopeId) -> PResult<()> {
        let mut names = Vec::new();
        collect_bound_names(pattern, &mut names);
        let lexical = matches!(kind, DeclKind::Lexical(_));
        for id in names {
            if lexical && id.name == "let" {
                return self.error("let is disallowed as a lexically bound name", id.span);
            }
            if self.ctx.strict && (id.name == "eval" || id.name == "arguments") {
                return self.error("Unexpected eval or arguments in strict mode", id.span);
            }
            self.scopes.declare(scope, id.name, kind, id.span)?;
        }
        Ok(())
    }
}

/// The identifiers a pattern binds, in source order.
pub(crate) fn collect_bound_names<'a>(pattern: Pattern<'a>, out: &mut Vec<Ident<'a>>) {
    match pattern {
        Pattern::Ident(id) => out.push(id),
        Pattern::Expr(_) => {}
        Pattern::Array(a) => {
            for e in a.elements.iter().flatten() {
                collect_bound_names(*e, out);
            }
            if let Some(r) = a.rest {
                collect_bound_names(r, out);
            }
        }
        Pattern::Object(o) => {
            for p in o.props {
                collect_bound_names(p.value, out);
            }
            if let Some(r) = o.rest {
                collect_bound_names(r, out);
            }
        }
        Pattern::Assign(a) => collect_bound_names(a.target, out),
    }
}
