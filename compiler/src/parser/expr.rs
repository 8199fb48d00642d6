//! Expressions: operators by precedence, unary and update forms, calls,
//! members and optional chains, and primary expressions.

use super::{CoverErrors, PResult, Parser};
use crate::ast::*;
use crate::lexer::{TokenKind as T, TokenValue};
use crate::span::Span;

/// Longest left-nested chain (`a+b+c…`, `a.b.c…`, `f()()…`) accepted: each
/// link is one level of the tree that later passes walk recursively.
const MAX_CHAIN: u32 = 20_000;

/// Binary operator precedence (higher binds tighter); `None` if not binary.
fn binary_precedence(kind: T, no_in: bool) -> Option<u8> {
    Some(match kind {
        T::QuestionQuestion | T::PipePipe => 1,
        T::AmpAmp => 2,
        T::Pipe => 3,
        T::Caret => 4,
        T::Amp => 5,
        T::EqEq | T::NotEq | T::EqEqEq | T::NotEqEq => 6,
        T::Lt | T::Gt | T::LtEq | T::GtEq | T::Instanceof => 7,
        T::In if !no_in => 7,
        T::Shl | T::Shr | T::UShr => 8,
        T::Plus | T::Minus => 9,
        T::Star | T::Slash | T::Percent => 10,
        _ => return None,
    })
}

fn binary_op(kind: T) -> BinaryOp {
    match kind {
        T::Plus => BinaryOp::Add,
        T::Minus => BinaryOp::Sub,
        T::Star => BinaryOp::Mul,
        T::Slash => BinaryOp::Div,
        T::Percent => BinaryOp::Rem,
        T::StarStar => BinaryOp::Exp,
        T::Shl => BinaryOp::Shl,
        T::Shr => BinaryOp::Shr,
        T::UShr => BinaryOp::UShr,
        T::Amp => BinaryOp::BitAnd,
        T::Pipe => BinaryOp::BitOr,
        T::Caret => BinaryOp::BitXor,
        T::EqEq => BinaryOp::Eq,
        T::NotEq => BinaryOp::NotEq,
        T::EqEqEq => BinaryOp::StrictEq,
        T::NotEqEq => BinaryOp::StrictNotEq,
        T::Lt => BinaryOp::Lt,
        T::LtEq => BinaryOp::LtEq,
        T::Gt => BinaryOp::Gt,
        T::GtEq => BinaryOp::GtEq,
        T::In => BinaryOp::In,
        _ => BinaryOp::Instanceof,
    }
}

fn assign_op(kind: T) -> AssignOp {
    match kind {
        T::Eq => AssignOp::Assign,
        T::PlusEq => AssignOp::Binary(BinaryOp::Add),
        T::MinusEq => AssignOp::Binary(BinaryOp::Sub),
        T::StarEq => AssignOp::Binary(BinaryOp::Mul),
        T::SlashEq => AssignOp::Binary(BinaryOp::Div),
        T::PercentEq => AssignOp::Binary(BinaryOp::Rem),
        T::StarStarEq => AssignOp::Binary(BinaryOp::Exp),
        T::ShlEq => AssignOp::Binary(BinaryOp::Shl),
        T::ShrEq => AssignOp::Binary(BinaryOp::Shr),
        T::UShrEq => AssignOp::Binary(BinaryOp::UShr),
        T::AmpEq => AssignOp::Binary(BinaryOp::BitAnd),
        T::PipeEq => AssignOp::Binary(BinaryOp::BitOr),
        T::CaretEq => AssignOp::Binary(BinaryOp::BitXor),
        T::AmpAmpEq => AssignOp::Logical(LogicalOp::And),
        T::PipePipeEq => AssignOp::Logical(LogicalOp::Or),
        _ => AssignOp::Logical(LogicalOp::Coalesce),
    }
}

impl<'a> Parser<'a> {
    /// Expression (with the comma operator). `no_in`: in a `for` head.
    pub(super) fn parse_expression(&mut self, no_in: bool) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let first = self.parse_assign(no_in, None)?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut list = self.new_vec();
        list.push(first);
        while self.eat(T::Comma)? {
            list.push(self.parse_assign(no_in, None)?);
        }
        Ok(Expr::Sequence(list.into_bump_slice(), self.span_from(start)))
    }

    /// AssignmentExpression. With `cover`, errors valid only in patterns
    /// are recorded there instead of raised.
    pub(super) fn parse_assign(&mut self, no_in: bool, cover: Option<&mut CoverErrors>) -> PResult<Expr<'a>> {
        self.nested(|p| p.parse_assign_inner(no_in, cover))
    }

    fn parse_assign_inner(&mut self, no_in: bool, cover: Option<&mut CoverErrors>) -> PResult<Expr<'a>> {
        if self.at(T::Yield) && self.ctx.is_generator {
            return self.parse_yield(no_in);
        }
        let mut own = CoverErrors::default();
        let owns_cover = cover.is_none();
        let cover = match cover {
            Some(c) => c,
            None => &mut own,
        };
        let saved = *cover;
        cover.paren_assign = None;
        cover.trailing_comma = None;
        let start = self.tok.span.start;
        if matches!(self.tok.kind, T::LParen | T::Identifier | T::Yield | T::Await) {
            self.potential_arrow_at = Some(start);
        }
        let left = self.parse_conditional(no_in, cover)?;
        if self.tok.kind.is_assign_op() {
            let op = assign_op(self.tok.kind);
            let target = if op == AssignOp::Assign {
                if cover.double_proto.is_some_and(|s| s.start >= start) {
                    cover.double_proto = None;
                }
                if cover.shorthand_assign.is_some_and(|s| s.start >= start) {
                    cover.shorthand_assign = None;
                }
                self.to_assign_target(left)?
            } else {
                if owns_cover {
                    cover.check_expression()?;
                }
                self.check_simple_target(left, "Invalid left-hand side in assignment")?
            };
            self.next()?;
            let value = self.parse_assign(no_in, None)?;
            if saved.paren_assign.is_some() {
                cover.paren_assign = saved.paren_assign;
            }
            if saved.trailing_comma.is_some() {
                cover.trailing_comma = saved.trailing_comma;
            }
            return Ok(Expr::Assign(self.alloc(Assign { op, target, value, span: self.span_from(start) })));
        }
        if owns_cover {
            cover.check_expression()?;
        }
        if saved.paren_assign.is_some() {
            cover.paren_assign = saved.paren_assign;
        }
        if saved.trailing_comma.is_some() {
            cover.trailing_comma = saved.trailing_comma;
        }
        Ok(left)
    }

    fn parse_conditional(&mut self, no_in: bool, cover: &mut CoverErrors) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let test = self.parse_binary_ops(no_in, cover)?;
        if !self.at(T::Question) {
            return Ok(test);
        }
        if matches!(test, Expr::Arrow(_)) && self.potential_arrow_at == Some(start) {
            return Ok(test);
        }
        cover.check_expression()?;
        self.next()?;
        let then = self.parse_assign(false, None)?;
        self.expect(T::Colon)?;
        let otherwise = self.parse_assign(no_in, None)?;
        Ok(Expr::Conditional(self.alloc(Conditional { test, then, otherwise, span: self.span_from(start) })))
    }

    fn parse_binary_ops(&mut self, no_in: bool, cover: &mut CoverErrors) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        if self.at(T::PrivateName) {
            let left = self.parse_private_in(no_in)?;
            return self.parse_binary_rhs(left, start, 0, no_in);
        }
        let left = self.parse_unary(Some(cover), false, false)?;
        if matches!(left, Expr::Arrow(_)) && self.prev_token_is_not_paren() {
            return Ok(left);
        }
        if binary_precedence(self.tok.kind, no_in).is_some() {
            cover.check_expression()?;
        }
        self.parse_binary_rhs(left, start, 0, no_in)
    }

    /// `#x in obj` at the start of a relational expression.
    fn parse_private_in(&mut self, no_in: bool) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let name = self.private_name_token()?;
        if no_in || !self.at(T::In) {
            return Err(self.unexpected());
        }
        self.use_private_name(name)?;
        self.next()?;
        let rstart = self.tok.span.start;
        let right = self.parse_unary(None, false, false)?;
        let object = self.parse_binary_rhs(right, rstart, 7, no_in)?;
        Ok(Expr::PrivateIn(self.alloc(PrivateIn { name, object, span: self.span_from(start) })))
    }

    /// Operator-precedence parsing of the operators binding tighter than `min`.
    fn parse_binary_rhs(&mut self, mut left: Expr<'a>, start: u32, min: u8, no_in: bool) -> PResult<Expr<'a>> {
        let mut chain = 0u32;
        let mut coalesce_seen = matches!(left, Expr::Logical(l) if l.op == LogicalOp::Coalesce);
        let mut logical_seen = matches!(left, Expr::Logical(l) if l.op != LogicalOp::Coalesce);
        while let Some(prec) = binary_precedence(self.tok.kind, no_in) {
            if prec <= min {
                break;
            }
            let kind = self.tok.kind;
            let is_coalesce = kind == T::QuestionQuestion;
            let is_logical = matches!(kind, T::AmpAmp | T::PipePipe);
            chain += 1;
            if chain > MAX_CHAIN {
                return self.error("Expression chain too long: the program is nested too deeply to compile", self.tok.span);
            }
            if (is_coalesce && logical_seen) || (is_logical && coalesce_seen) {
                return self.error(
                    "Logical expressions and coalesce expressions cannot be mixed. Wrap either by parentheses",
                    self.tok.span,
                );
            }
            self.next()?;
            let rstart = self.tok.span.start;
            let operand = if self.at(T::PrivateName) {
                return Err(self.unexpected());
            } else {
                self.parse_unary(None, false, false)?
            };
            // `??` binds like `||` but right operands of `??` may not be `||`/`&&`.
            let rmin = if is_coalesce { 1 } else { prec };
            let right = self.parse_binary_rhs(operand, rstart, rmin, no_in)?;
            if is_coalesce && matches!(right, Expr::Logical(l) if l.op != LogicalOp::Coalesce) {
                return self.error("Logical expressions and coalesce expressions cannot be mixed. Wrap either by parentheses", right.span());
            }
            let span = self.span_from(start);
            left = match kind {
                T::AmpAmp => Expr::Logical(self.alloc(Logical { op: LogicalOp::And, left, right, span })),
                T::PipePipe => Expr::Logical(self.alloc(Logical { op: LogicalOp::Or, left, right, span })),
                T::QuestionQuestion => Expr::Logical(self.alloc(Logical { op: LogicalOp::Coalesce, left, right, span })),
                _ => Expr::Binary(self.alloc(Binary { op: binary_op(kind), left, right, span })),
            };
            coalesce_seen |= is_coalesce;
            logical_seen |= is_logical;
        }
        Ok(left)
    }

    /// UnaryExpression, UpdateExpression and `**`. `saw_unary`: this is the
    /// operand of a unary operator (so `**` may not follow); `in_update`:
    /// the operand of a prefix `++`/`--` (the caller handles `**`).
    fn parse_unary(&mut self, cover: Option<&mut CoverErrors>, saw_unary: bool, in_update: bool) -> PResult<Expr<'a>> {
        self.nested(|p| p.parse_unary_inner(cover, saw_unary, in_update))
    }

    fn parse_unary_inner(&mut self, cover: Option<&mut CoverErrors>, mut saw_unary: bool, in_update: bool) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let expr = if self.at(T::Await) && self.await_is_operator() {
            saw_unary = true;
            self.parse_await()?
        } else if let Some(op) = self.unary_op() {
            self.next()?;
            let arg = self.parse_unary(None, true, false)?;
            if op == UnaryOp::Delete {
                self.check_delete(arg)?;
            }
            saw_unary = true;
            Expr::Unary(self.alloc(Unary { op, arg, span: self.span_from(start) }))
        } else if matches!(self.tok.kind, T::PlusPlus | T::MinusMinus) {
            let op = if self.at(T::PlusPlus) { UpdateOp::Increment } else { UpdateOp::Decrement };
            self.next()?;
            let arg = self.parse_unary(None, true, true)?;
            let target = self.check_update_target(arg, true)?;
            Expr::Update(self.alloc(Update { op, prefix: true, target, span: self.span_from(start) }))
        } else {
            let mut expr = self.parse_subscripts_expr(cover)?;
            while matches!(self.tok.kind, T::PlusPlus | T::MinusMinus) && !self.tok.newline_before {
                let op = if self.at(T::PlusPlus) { UpdateOp::Increment } else { UpdateOp::Decrement };
                let target = self.check_update_target(expr, false)?;
                self.next()?;
                expr = Expr::Update(self.alloc(Update { op, prefix: false, target, span: self.span_from(start) }));
            }
            expr
        };
        if !in_update && self.at(T::StarStar) {
            if saw_unary {
                return self.error(
                    "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence",
                    self.tok.span,
                );
            }
            self.next()?;
            let right = self.parse_unary(None, false, false)?;
            return Ok(Expr::Binary(self.alloc(Binary { op: BinaryOp::Exp, left: expr, right, span: self.span_from(start) })));
        }
        Ok(expr)
    }

    fn unary_op(&self) -> Option<UnaryOp> {
        Some(match self.tok.kind {
            T::Minus => UnaryOp::Minus,
            T::Plus => UnaryOp::Plus,
            T::Bang => UnaryOp::Not,
            T::Tilde => UnaryOp::BitNot,
            T::Typeof => UnaryOp::Typeof,
            T::Void => UnaryOp::Void,
            T::Delete => UnaryOp::Delete,
            _ => return None,
        })
    }

    /// `delete x` is an error in strict code; `delete o.#p` always.
    fn check_delete(&self, arg: Expr<'a>) -> PResult<()> {
        let mut inner = arg;
        while let Expr::Paren(e, _) = inner {
            inner = *e;
        }
        if self.ctx.strict && matches!(inner, Expr::Ident(_)) {
            return self.error("Delete of an unqualified identifier in strict mode.", arg.span());
        }
        let mut target = inner;
        if let Expr::OptionalChain(e, _) = target {
            target = *e;
        }
        if let Expr::Member(m) = target {
            if matches!(m.property, MemberProp::Private(_)) {
                return self.error("Private fields can not be deleted", arg.span());
            }
        }
        Ok(())
    }

    /// The operand of `++`/`--` must be a simple assignment target.
    fn check_update_target(&mut self, expr: Expr<'a>, prefix: bool) -> PResult<Expr<'a>> {
        let message = if prefix {
            "Invalid left-hand side expression in prefix operation"
        } else {
            "Invalid left-hand side expression in postfix operation"
        };
        match self.check_simple_target(expr, message)? {
            Pattern::Ident(_) | Pattern::Expr(_) => Ok(expr),
            _ => self.error(message, expr.span()),
        }
    }

    /// `await` here is the AwaitExpression operator.
    fn await_is_operator(&self) -> bool {
        self.ctx.can_await
    }

    fn parse_await(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        if self.ctx.in_params {
            return self.error("Illegal await-expression in formal parameters of async function", self.tok.span);
        }
        if self.tok.escaped {
            return self.error("Keyword must not contain escaped characters", self.tok.span);
        }
        self.next()?;
        let arg = self.parse_unary(None, true, false)?;
        let span = self.span_from(start);
        if self.await_pos.is_none() {
            self.await_pos = Some(span);
        }
        Ok(Expr::Await(self.alloc(arg), span))
    }

    fn parse_yield(&mut self, no_in: bool) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        if self.ctx.in_params {
            return self.error("Yield expression not allowed in formal parameter", self.tok.span);
        }
        if self.tok.escaped {
            return self.error("Keyword must not contain escaped characters", self.tok.span);
        }
        self.next()?;
        let (arg, delegate) = if self.at(T::Semicolon) || self.can_insert_semicolon() || (!self.at(T::Star) && !self.starts_expression()) {
            (None, false)
        } else {
            let delegate = self.eat(T::Star)?;
            (Some(self.parse_assign(no_in, None)?), delegate)
        };
        let span = self.span_from(start);
        if self.yield_pos.is_none() {
            self.yield_pos = Some(span);
        }
        Ok(Expr::Yield(self.alloc(Yield { arg, delegate, span })))
    }

    /// The current token can begin an expression (for `yield`'s optional operand).
    fn starts_expression(&self) -> bool {
        matches!(
            self.tok.kind,
            T::Identifier | T::PrivateName | T::Number | T::BigInt | T::String | T::NoSubstitutionTemplate
                | T::TemplateHead | T::RegExp | T::LParen | T::LBracket | T::LBrace | T::Plus | T::Minus
                | T::Bang | T::Tilde | T::PlusPlus | T::MinusMinus | T::Slash | T::SlashEq | T::New
                | T::Function | T::Class | T::This | T::Super | T::Typeof | T::Void | T::Delete | T::Import
                | T::Null | T::True | T::False | T::Yield | T::Await
        )
    }

    // ----- calls, members, optional chains -----

    /// LeftHandSideExpression (for `extends`).
    pub(super) fn parse_lhs_expression(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let e = self.parse_subscripts_expr(None)?;
        if matches!(e, Expr::Arrow(_)) {
            return self.error("Unexpected arrow function", Span::new(start, self.prev_end));
        }
        Ok(e)
    }

    fn parse_subscripts_expr(&mut self, cover: Option<&mut CoverErrors>) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let maybe_async = self.at_word("async") && self.potential_arrow_at == Some(start);
        let checkpoint = (self.scopes.next_scope_id(), self.scopes.next_ref_id());
        let base = self.parse_primary(cover)?;
        if matches!(base, Expr::Arrow(_)) && self.prev_token_is_not_paren() {
            return Ok(base);
        }
        let async_arrow = maybe_async
            && matches!(base, Expr::Ident(i) if i.name == "async" && i.span.end == self.prev_end)
            && !self.can_insert_semicolon();
        self.parse_subscripts(base, start, false, async_arrow.then_some(checkpoint))
    }

    /// The last consumed token was not `)`: an arrow function just parsed
    /// was not parenthesized, so no operator or subscript may follow it.
    fn prev_token_is_not_paren(&self) -> bool {
        let src = self.lexer.source().as_bytes();
        self.prev_end == 0 || src.get(self.prev_end as usize - 1) != Some(&b')')
    }

    /// Member accesses, calls, optional chains and tagged templates after
    /// `base`. `no_calls`: the callee of `new`. `async_arrow`: `base` is an
    /// `async` that may begin `async (params) => body` (scope checkpoints).
    pub(super) fn parse_subscripts(
        &mut self,
        mut base: Expr<'a>,
        start: u32,
        no_calls: bool,
        async_arrow: Option<(ScopeId, RefId)>,
    ) -> PResult<Expr<'a>> {
        let mut optional_chain = false;
        let mut chain = 0u32;
        loop {
            chain += 1;
            if chain > MAX_CHAIN {
                return self.error("Expression chain too long: the program is nested too deeply to compile", self.tok.span);
            }
            let optional = self.at(T::QuestionDot);
            if optional {
                if no_calls {
                    return self.error("Invalid optional chain from new expression", self.tok.span);
                }
                optional_chain = true;
                self.next()?;
            }
            match self.tok.kind {
                T::LBracket => {
                    self.next()?;
                    let prop = self.parse_expression(false)?;
                    self.expect(T::RBracket)?;
                    base = self.member(base, MemberProp::Computed(prop), optional, start);
                }
                T::Dot if !optional => {
                    self.next()?;
                    base = self.parse_dot_member(base, false, start)?;
                }
                _ if optional && !matches!(self.tok.kind, T::LParen | T::NoSubstitutionTemplate | T::TemplateHead) => {
                    base = self.parse_dot_member(base, true, start)?;
                }
                T::LParen if !no_calls => {
                    if let (Some(cp), false) = (async_arrow, optional_chain) {
                        return self.parse_async_call_or_arrow(base, start, cp);
                    }
                    let args = self.parse_arguments()?;
                    base = self.call(base, args, optional, start);
                }
                T::NoSubstitutionTemplate | T::TemplateHead => {
                    if optional_chain {
                        return self.error("Invalid tagged template on optional chain", self.tok.span);
                    }
                    let quasi = self.parse_template(true)?;
                    base = Expr::TaggedTemplate(self.alloc(TaggedTemplate { tag: base, quasi, span: self.span_from(start) }));
                }
                _ => break,
            }
        }
        if optional_chain {
            base = Expr::OptionalChain(self.alloc(base), self.span_from(start));
        }
        Ok(base)
    }

    fn parse_dot_member(&mut self, base: Expr<'a>, optional: bool, start: u32) -> PResult<Expr<'a>> {
        let prop = if self.at(T::PrivateName) {
            let name = self.private_name_token()?;
            self.use_private_name(name)?;
            MemberProp::Private(name)
        } else {
            MemberProp::Name(self.parse_identifier_name()?)
        };
        Ok(self.member(base, prop, optional, start))
    }

    fn member(&self, object: Expr<'a>, property: MemberProp<'a>, optional: bool, start: u32) -> Expr<'a> {
        Expr::Member(self.alloc(Member { object, property, optional, span: self.span_from(start) }))
    }

    fn call(&mut self, callee: Expr<'a>, args: &'a [ArrayElement<'a>], optional: bool, start: u32) -> Expr<'a> {
        if let Expr::Ident(id) = callee {
            if id.name == "eval" && !optional {
                self.note_direct_eval();
            }
        }
        Expr::Call(self.alloc(Call { callee, args, optional, span: self.span_from(start) }))
    }

    /// A direct `eval` may use any binding in scope, `this`, `arguments`.
    fn note_direct_eval(&mut self) {
        let scope = self.scope;
        let var_scope = self.scopes.var_scope(scope);
        self.scopes.scope_mut(scope).has_direct_eval = true;
        self.scopes.scope_mut(var_scope).has_direct_eval = true;
        self.scopes.note_this_use(scope, false);
        self.scopes.note_this_use(scope, true);
        if self.ctx.super_call {
            self.scopes.note_eval_in_derived_constructor(scope);
        }
    }

    /// `(args)` of a call or `new`.
    pub(super) fn parse_arguments(&mut self) -> PResult<&'a [ArrayElement<'a>]> {
        self.expect(T::LParen)?;
        let mut args = self.new_vec();
        while !self.at(T::RParen) {
            let start = self.tok.span.start;
            if self.eat(T::Ellipsis)? {
                let e = self.parse_assign(false, None)?;
                args.push(ArrayElement::Spread(e, self.span_from(start)));
            } else {
                args.push(ArrayElement::Expr(self.parse_assign(false, None)?));
            }
            if !self.at(T::RParen) {
                self.expect(T::Comma)?;
            }
        }
        self.next()?;
        Ok(args.into_bump_slice())
    }

    /// `async(...)`: a call, or the parameters of an async arrow function.
    fn parse_async_call_or_arrow(&mut self, callee: Expr<'a>, start: u32, checkpoint: (ScopeId, RefId)) -> PResult<Expr<'a>> {
        let saved = (self.yield_pos, self.await_pos, self.await_ident_pos);
        self.yield_pos = None;
        self.await_pos = None;
        self.await_ident_pos = None;
        let mut cover = CoverErrors::default();
        self.expect(T::LParen)?;
        let mut args = self.new_vec();
        let mut trailing_comma_after_rest = None;
        while !self.at(T::RParen) {
            let s = self.tok.span.start;
            if self.eat(T::Ellipsis)? {
                let e = self.parse_assign(false, Some(&mut cover))?;
                args.push(ArrayElement::Spread(e, self.span_from(s)));
                if self.at(T::Comma) && trailing_comma_after_rest.is_none() {
                    trailing_comma_after_rest = Some(self.tok.span);
                }
            } else {
                args.push(ArrayElement::Expr(self.parse_assign(false, Some(&mut cover))?));
            }
            if !self.at(T::RParen) {
                self.expect(T::Comma)?;
            }
        }
        self.next()?;
        let args = args.into_bump_slice();
        if self.at(T::Arrow) && !self.tok.newline_before {
            cover.check_pattern()?;
            if let Some(s) = trailing_comma_after_rest {
                return self.error("A rest parameter or binding pattern may not have a trailing comma", s);
            }
            if let Some(s) = self.await_ident_pos {
                return self.error("'await' is not a valid identifier name in an async function", s);
            }
            self.check_yield_await_in_params()?;
            (self.yield_pos, self.await_pos, self.await_ident_pos) = saved;
            let params = self.arguments_to_params(args)?;
            return self.parse_arrow(start, params, true, checkpoint);
        }
        cover.check_expression()?;
        self.yield_pos = saved.0.or(self.yield_pos);
        self.await_pos = saved.1.or(self.await_pos);
        self.await_ident_pos = saved.2.or(self.await_ident_pos);
        let call = self.call(callee, args, false, start);
        self.parse_subscripts(call, start, false, None)
    }

    /// Parameters may not contain `yield` or `await` expressions.
    pub(super) fn check_yield_await_in_params(&self) -> PResult<()> {
        if let Some(y) = self.yield_pos {
            if self.await_pos.is_none_or(|a| y.start < a.start) {
                return self.error("Yield expression not allowed in formal parameter", y);
            }
        }
        if let Some(a) = self.await_pos {
            return self.error("Illegal await-expression in formal parameters of async function", a);
        }
        Ok(())
    }

    // ----- primary expressions -----

    fn parse_primary(&mut self, cover: Option<&mut CoverErrors>) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let span = self.tok.span;
        match self.tok.kind {
            T::This => {
                self.next()?;
                self.note_this();
                Ok(Expr::This(span))
            }
            T::Super => self.parse_super(),
            T::Identifier | T::Yield | T::Await => self.parse_identifier_primary(),
            T::Number => {
                self.check_legacy_octal()?;
                let v = match self.tok.value {
                    TokenValue::Number(n) => n,
                    _ => 0.0,
                };
                self.next()?;
                Ok(Expr::Number(v, span))
            }
            T::BigInt => {
                let v = match self.tok.value {
                    TokenValue::BigInt(b) => b,
                    _ => "0",
                };
                self.next()?;
                Ok(Expr::BigInt(v, span))
            }
            T::String => {
                self.check_legacy_octal()?;
                let v = self.string_value();
                self.next()?;
                Ok(Expr::String(v, span))
            }
            T::Null => {
                self.next()?;
                Ok(Expr::Null(span))
            }
            T::True | T::False => {
                let v = self.at(T::True);
                self.next()?;
                Ok(Expr::Bool(v, span))
            }
            T::LParen => self.parse_paren_or_arrow(),
            T::LBracket => self.parse_array_literal(cover),
            T::LBrace => self.parse_object_literal(cover),
            T::Function => {
                self.next()?;
                let f = self.parse_function_rest(start, false, false, false)?;
                Ok(Expr::Function(f))
            }
            T::Class => Ok(Expr::Class(self.parse_class(false)?)),
            T::New => self.parse_new(),
            T::NoSubstitutionTemplate | T::TemplateHead => Ok(Expr::Template(self.parse_template(false)?)),
            T::Slash | T::SlashEq => {
                let tok = self.tok;
                self.tok = self.lexer.rescan_regexp(&tok)?;
                let (pattern, flags) = match self.tok.value {
                    TokenValue::RegExp { pattern, flags } => (pattern, flags),
                    _ => ("", ""),
                };
                let span = self.tok.span;
                self.next()?;
                Ok(Expr::RegExp(self.alloc(RegExpLit { pattern, flags, span })))
            }
            T::Import => self.parse_import_expr(),
            _ => Err(self.unexpected()),
        }
    }

    /// The current string token's value.
    pub(super) fn string_value(&self) -> JsStr<'a> {
        match self.tok.value {
            TokenValue::String(s) => s,
            _ => &[],
        }
    }

    /// Legacy octal literals and escapes are errors in strict code.
    pub(super) fn check_legacy_octal(&self) -> PResult<()> {
        if self.ctx.strict && self.tok.legacy_octal {
            let message = if self.at(T::String) {
                "Octal escape sequences are not allowed in strict mode."
            } else {
                "Octal literals are not allowed in strict mode."
            };
            return self.error(message, self.tok.span);
        }
        Ok(())
    }

    fn note_this(&mut self) {
        self.scopes.note_this_use(self.scope, false);
    }

    fn parse_identifier_primary(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let can_be_arrow = self.potential_arrow_at == Some(start);
        let escaped = self.tok.escaped;
        let checkpoint = (self.scopes.next_scope_id(), self.scopes.next_ref_id());
        let is_async = self.at_word("async");
        let id = self.parse_ident_ref()?;
        if is_async && !self.can_insert_semicolon() && self.at(T::Function) {
            self.next()?;
            return Ok(Expr::Function(self.parse_function_rest(start, true, false, false)?));
        }
        if can_be_arrow && !self.can_insert_semicolon() {
            if self.at(T::Arrow) {
                let params = self.alloc_params(&[Pattern::Ident(id)]);
                return self.parse_arrow(start, params, false, checkpoint);
            }
            if is_async && !escaped && matches!(self.tok.kind, T::Identifier | T::Yield | T::Await) {
                if self.for_await_head && self.at_word("of") {
                    return Ok(Expr::Ident(id));
                }
                let param = self.parse_binding_ident_in_async_arrow()?;
                if self.can_insert_semicolon() || !self.at(T::Arrow) {
                    return Err(self.unexpected());
                }
                let params = self.alloc_params(&[Pattern::Ident(param)]);
                return self.parse_arrow(start, params, true, checkpoint);
            }
        }
        Ok(Expr::Ident(id))
    }

    /// `x` of `async x => ...`: `await` is not allowed there.
    fn parse_binding_ident_in_async_arrow(&mut self) -> PResult<Ident<'a>> {
        if self.at(T::Await) {
            return self.error("'await' is not a valid identifier name in an async function", self.tok.span);
        }
        self.parse_ident_ref()
    }

    fn alloc_params(&self, patterns: &[Pattern<'a>]) -> &'a [Param<'a>] {
        let mut v = self.new_vec();
        v.extend(patterns.iter().map(|&pattern| Param { pattern, is_rest: false }));
        v.into_bump_slice()
    }

    fn parse_super(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let span = self.tok.span;
        self.next()?;
        match self.tok.kind {
            T::LParen => {
                if !self.ctx.super_call {
                    return self.error("'super' keyword unexpected here", span);
                }
                let args = self.parse_arguments()?;
                self.scopes.note_super_call(self.scope);
                Ok(Expr::SuperCall(self.alloc(SuperCall { args, span: self.span_from(start) })))
            }
            T::Dot | T::LBracket => {
                if !self.ctx.super_prop {
                    return self.error("'super' keyword unexpected here", span);
                }
                let property = if self.eat(T::Dot)? {
                    if self.at(T::PrivateName) {
                        return self.error("Unexpected private field", self.tok.span);
                    }
                    MemberProp::Name(self.parse_identifier_name()?)
                } else {
                    self.next()?;
                    let e = self.parse_expression(false)?;
                    self.expect(T::RBracket)?;
                    MemberProp::Computed(e)
                };
                self.note_this();
                Ok(Expr::SuperMember(self.alloc(SuperMember { property, span: self.span_from(start) })))
            }
            _ => self.error("'super' keyword unexpected here", span),
        }
    }

    fn parse_new(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        if self.at(T::Dot) {
            self.next()?;
            if !self.at_word("target") {
                return Err(self.unexpected());
            }
            let span = self.span_from(start);
            self.next()?;
            if !self.ctx.new_target {
                return self.error("new.target expression is not allowed here", self.span_from(start));
            }
            self.scopes.note_new_target_use(self.scope);
            return Ok(Expr::NewTarget(Span::new(span.start, self.prev_end)));
        }
        if self.at(T::Import) && self.peek()?.kind != T::Dot {
            return self.error("Cannot use new with import", self.tok.span);
        }
        let cstart = self.tok.span.start;
        let callee = self.nested(|p| p.parse_new_callee())?;
        let callee = self.parse_subscripts(callee, cstart, true, None)?;
        let args = if self.at(T::LParen) { self.parse_arguments()? } else { &[] };
        Ok(Expr::New(self.alloc(New { callee, args, span: self.span_from(start) })))
    }

    fn parse_new_callee(&mut self) -> PResult<Expr<'a>> {
        if self.at(T::New) {
            return self.parse_new();
        }
        let start = self.tok.span.start;
        self.potential_arrow_at = None;
        let e = self.parse_primary(None)?;
        if matches!(e, Expr::Arrow(_)) {
            return self.error("Unexpected arrow function", Span::new(start, self.prev_end));
        }
        Ok(e)
    }

    /// `import(...)` and `import.meta`.
    fn parse_import_expr(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        if self.eat(T::Dot)? {
            if !self.at_word("meta") {
                return Err(self.unexpected());
            }
            self.next()?;
            let span = self.span_from(start);
            if self.goal != Goal::Module {
                return self.error("Cannot use 'import.meta' outside a module", span);
            }
            return Ok(Expr::ImportMeta(span));
        }
        if !self.at(T::LParen) {
            return Err(self.unexpected());
        }
        self.next()?;
        let specifier = self.parse_assign(false, None)?;
        let mut options = None;
        if self.eat(T::Comma)? && !self.at(T::RParen) {
            options = Some(self.parse_assign(false, None)?);
            self.eat(T::Comma)?;
        }
        self.expect(T::RParen)?;
        Ok(Expr::ImportCall(self.alloc(ImportCall { specifier, options, span: self.span_from(start) })))
    }

    /// `(...)`: a parenthesized expression or the parameters of an arrow.
    fn parse_paren_or_arrow(&mut self) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let can_be_arrow = self.potential_arrow_at == Some(start);
        let checkpoint = (self.scopes.next_scope_id(), self.scopes.next_ref_id());
        let saved = (self.yield_pos, self.await_pos);
        self.yield_pos = None;
        self.await_pos = None;
        self.next()?;
        let mut cover = CoverErrors::default();
        let mut items = self.new_vec();
        let mut rest: Option<(Pattern<'a>, Span)> = None;
        let mut trailing_comma = None;
        let mut first = true;
        while !self.at(T::RParen) {
            if !first {
                let comma = self.tok.span;
                self.expect(T::Comma)?;
                if self.at(T::RParen) {
                    trailing_comma = Some(comma);
                    break;
                }
            }
            first = false;
            if self.at(T::Ellipsis) {
                let s = self.tok.span.start;
                self.next()?;
                let target = self.parse_binding_target()?;
                if self.at(T::Eq) {
                    return self.error("Rest parameter may not have a default initializer", self.tok.span);
                }
                rest = Some((target, self.span_from(s)));
                if self.at(T::Comma) {
                    return self.error("Rest parameter must be last formal parameter", self.tok.span);
                }
                break;
            }
            items.push(self.parse_assign(false, Some(&mut cover))?);
        }
        let inner_end = self.tok.span.start;
        self.expect(T::RParen)?;
        if can_be_arrow && self.at(T::Arrow) && !self.tok.newline_before {
            cover.check_pattern()?;
            self.check_yield_await_in_params()?;
            (self.yield_pos, self.await_pos) = saved;
            let params = self.exprs_to_params(&items, rest.map(|r| r.0))?;
            return self.parse_arrow(start, params, false, checkpoint);
        }
        if let Some((_, s)) = rest {
            return self.error("Unexpected token '...'", s);
        }
        if items.is_empty() {
            return self.error("Unexpected token ')'", Span::new(inner_end, inner_end + 1));
        }
        if let Some(c) = trailing_comma {
            return self.error("Unexpected token ')'", Span::new(c.end, c.end + 1));
        }
        cover.check_expression()?;
        self.yield_pos = saved.0.or(self.yield_pos);
        self.await_pos = saved.1.or(self.await_pos);
        let span = self.span_from(start);
        let inner = if items.len() == 1 {
            items[0]
        } else {
            let s = Span::new(items[0].span().start, items[items.len() - 1].span().end);
            Expr::Sequence(items.into_bump_slice(), s)
        };
        Ok(Expr::Paren(self.alloc(inner), span))
    }

    fn parse_array_literal(&mut self, cover: Option<&mut CoverErrors>) -> PResult<Expr<'a>> {
        let start = self.tok.span.start;
        let mut own = CoverErrors::default();
        let cover = match cover {
            Some(c) => c,
            None => &mut own,
        };
        self.next()?;
        let mut elements = self.new_vec();
        while !self.at(T::RBracket) {
            if self.at(T::Comma) {
                elements.push(ArrayElement::Hole(self.tok.span));
                self.next()?;
                continue;
            }
            let s = self.tok.span.start;
            if self.eat(T::Ellipsis)? {
                let e = self.parse_assign(false, Some(cover))?;
                elements.push(ArrayElement::Spread(e, self.span_from(s)));
                if self.at(T::Comma) && cover.trailing_comma.is_none() {
                    cover.trailing_comma = Some(self.tok.span);
                }
            } else {
                elements.push(ArrayElement::Expr(self.parse_assign(false, Some(cover))?));
            }
            if !self.at(T::RBracket) {
                self.expect(T::Comma)?;
            }
        }
        self.next()?;
        Ok(Expr::Array(self.alloc(ArrayLit { elements: elements.into_bump_slice(), span: self.span_from(start) })))
    }

    /// An IdentifierName (reserved words allowed): property names, labels after `.`.
    pub(super) fn parse_identifier_name(&mut self) -> PResult<Name<'a>> {
        let span = self.tok.span;
        let name = match self.tok.kind {
            T::Identifier => self.tok.name().unwrap_or(""),
            k if k.is_keyword() => self.token_text(),
            _ => return Err(self.unexpected()),
        };
        self.next()?;
        Ok(Name { name, span })
    }

    /// A `#name` token as a [`Name`].
    pub(super) fn private_name_token(&mut self) -> PResult<Name<'a>> {
        let span = self.tok.span;
        let name = self.tok.name().unwrap_or("");
        if !self.at(T::PrivateName) {
            return Err(self.unexpected());
        }
        self.next()?;
        Ok(Name { name, span })
    }
}
