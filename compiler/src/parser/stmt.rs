//! Statements and declarations: blocks, variable declarations, control
//! flow, labels, `try`, `switch`, and the placement rules of declarations.

use super::context::Label;
use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::scope::{BindingKind, DeclKind, ScopeKind};
use crate::span::Span;

/// Where a statement appears, for the rules on what may appear there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StmtCtx {
    /// A statement list (declarations allowed).
    List,
    /// The body of `if`/`else` (sloppy function declarations allowed, Annex B).
    If,
    /// The body of a label outside any loop body (sloppy functions allowed).
    Label,
    /// Any other single-statement position.
    Other,
}

impl<'a> Parser<'a> {
    /// StatementListItem: a statement or a declaration.
    pub(super) fn parse_statement_list_item(&mut self) -> PResult<Stmt<'a>> {
        self.parse_statement(StmtCtx::List)
    }

    pub(super) fn parse_statement(&mut self, ctx: StmtCtx) -> PResult<Stmt<'a>> {
        self.nested(|p| p.parse_statement_inner(ctx))
    }

    fn parse_statement_inner(&mut self, ctx: StmtCtx) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        let label_chain = std::mem::take(&mut self.label_chain);
        let kind = self.tok.kind;
        match kind {
            T::LBrace => Ok(Stmt::Block(self.parse_block()?)),
            T::Var => {
                self.next()?;
                let decl = self.parse_var_decl(VarKind::Var, start, false)?;
                self.semicolon()?;
                Ok(Stmt::Var(self.finish_var(decl, start)))
            }
            T::Const => {
                if ctx != StmtCtx::List {
                    return self.error("Lexical declaration cannot appear in a single-statement context", self.tok.span);
                }
                self.next()?;
                let decl = self.parse_var_decl(VarKind::Const, start, false)?;
                self.semicolon()?;
                Ok(Stmt::Var(self.finish_var(decl, start)))
            }
            T::Semicolon => {
                self.next()?;
                Ok(Stmt::Empty(self.span_from(start)))
            }
            T::If => self.parse_if(),
            T::For => self.parse_for(label_chain),
            T::While => self.parse_while(label_chain),
            T::Do => self.parse_do_while(label_chain),
            T::Continue | T::Break => self.parse_break_continue(),
            T::Return => self.parse_return(),
            T::With => self.parse_with(),
            T::Switch => self.parse_switch(),
            T::Throw => self.parse_throw(),
            T::Try => self.parse_try(),
            T::Debugger => {
                self.next()?;
                self.semicolon()?;
                Ok(Stmt::Debugger(self.span_from(start)))
            }
            T::Function => {
                let sloppy_ok = !self.ctx.strict && matches!(ctx, StmtCtx::If | StmtCtx::Label);
                if ctx != StmtCtx::List && !sloppy_ok {
                    return self.error("In strict mode code, functions can only be declared at top level or inside a block.", self.tok.span);
                }
                self.next()?;
                self.parse_function_declaration(start, false, ctx)
            }
            T::Class => {
                if ctx != StmtCtx::List {
                    return Err(self.unexpected());
                }
                self.parse_class_declaration(false)
            }
            T::Import if self.is_import_declaration()? => {
                let message = if self.goal == Goal::Module {
                    "Cannot use import statement outside the top level of a module"
                } else {
                    "Cannot use import statement outside a module"
                };
                self.error(message, self.tok.span)
            }
            T::Export => self.error("Unexpected token 'export'", self.tok.span),
            T::Identifier => self.parse_identifier_statement(ctx, label_chain),
            T::Yield | T::Await => self.parse_maybe_labeled(ctx, label_chain),
            _ => self.parse_expression_statement(),
        }
    }

    /// A statement beginning with an identifier: `let`, `async function`, a label, or an expression.
    fn parse_identifier_statement(&mut self, ctx: StmtCtx, label_chain: usize) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        if self.at_word("let") {
            let next = self.peek()?;
            let is_decl = match next.kind {
                T::LBracket => true,
                T::LBrace | T::Identifier | T::Yield | T::Await => ctx == StmtCtx::List && !(next.newline_before && ctx != StmtCtx::List),
                _ => false,
            };
            if is_decl {
                if ctx != StmtCtx::List {
                    return self.error("Lexical declaration cannot appear in a single-statement context", self.tok.span);
                }
                self.next()?;
                let decl = self.parse_var_decl(VarKind::Let, start, false)?;
                self.semicolon()?;
                return Ok(Stmt::Var(self.finish_var(decl, start)));
            }
        }
        if self.at_word("async") {
            let next = self.peek()?;
            if next.kind == T::Function && !next.newline_before {
                if ctx != StmtCtx::List {
                    return self.error("Async functions can only be declared at the top level or inside a block.", self.tok.span);
                }
                self.next()?;
                self.next()?;
                return self.parse_function_declaration(start, true, ctx);
            }
        }
        self.parse_maybe_labeled(ctx, label_chain)
    }

    fn parse_maybe_labeled(&mut self, ctx: StmtCtx, label_chain: usize) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        if self.peek()?.kind == T::Colon {
            let span = self.tok.span;
            let name = match self.tok.kind {
                T::Yield => "yield",
                T::Await => "await",
                _ => self.tok.name().unwrap_or(""),
            };
            self.check_identifier(name, span, self.tok.escaped)?;
            self.next()?;
            self.next()?;
            if self.labels.iter().any(|l| l.name == Some(name)) {
                return self.error(format!("Label '{name}' has already been declared"), span);
            }
            self.labels.push(Label { name: Some(name), is_loop: false, is_switch: false });
            self.label_chain = label_chain + 1;
            let body_ctx = if matches!(ctx, StmtCtx::List | StmtCtx::Label) { StmtCtx::Label } else { StmtCtx::Other };
            let body = self.parse_statement(body_ctx)?;
            self.labels.pop();
            let label = Name { name, span };
            if let Stmt::Function(f) = body {
                if f.flags.is_async || f.flags.is_generator {
                    return self.error("Generators and async functions cannot be labelled", f.span);
                }
            }
            return Ok(Stmt::Labeled(self.alloc(Labeled { label, body, span: self.span_from(start) })));
        }
        self.parse_expression_statement()
    }

    fn parse_expression_statement(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        let e = self.parse_expression(false)?;
        self.semicolon()?;
        Ok(Stmt::Expr(e, self.span_from(start)))
    }

    /// `import` here begins an import declaration (not `import(` or `import.`).
    fn is_import_declaration(&mut self) -> PResult<bool> {
        let next = self.peek()?;
        Ok(!matches!(next.kind, T::LParen | T::Dot))
    }

    /// `{ statements }` with a new lexical scope.
    pub(super) fn parse_block(&mut self) -> PResult<&'a Block<'a>> {
        let scope = self.enter_scope(ScopeKind::Block);
        let block = self.parse_block_in(scope)?;
        self.exit_scope();
        Ok(block)
    }

    /// `{ statements }` in the already-open scope `scope`.
    fn parse_block_in(&mut self, scope: ScopeId) -> PResult<&'a Block<'a>> {
        let start = self.tok.span.start;
        self.expect(T::LBrace)?;
        let mut body = self.new_vec();
        while !self.eat(T::RBrace)? {
            if self.at(T::Eof) {
                return Err(self.unexpected());
            }
            body.push(self.parse_statement_list_item()?);
        }
        Ok(self.alloc(Block { body: body.into_bump_slice(), scope, span: self.span_from(start) }))
    }

    // ----- declarations -----

    /// The declarators after `var`/`let`/`const`. `in_for_head`: in a `for`
    /// head, where `in` is not an operator and initializers are checked by the caller.
    pub(super) fn parse_var_decl(&mut self, kind: VarKind, start: u32, in_for_head: bool) -> PResult<VarDecl<'a>> {
        let mut decls = self.new_vec();
        loop {
            let target = self.parse_binding_target()?;
            let decl_kind = match kind {
                VarKind::Var => DeclKind::Var,
                VarKind::Let => DeclKind::Lexical(BindingKind::Let),
                VarKind::Const => DeclKind::Lexical(BindingKind::Const),
            };
            self.declare_pattern(target, decl_kind, self.scope)?;
            let init = if self.eat(T::Eq)? { Some(self.parse_assign(in_for_head, None)?) } else { None };
            if init.is_none() && !(in_for_head && (self.at(T::In) || self.at_word("of"))) {
                if kind == VarKind::Const {
                    return self.error("Missing initializer in const declaration", target.span());
                }
                if !matches!(target, Pattern::Ident(_)) {
                    return self.error("Missing initializer in destructuring declaration", target.span());
                }
            }
            decls.push(Declarator { target, init });
            if !self.eat(T::Comma)? {
                break;
            }
        }
        Ok(VarDecl { kind, decls: decls.into_bump_slice(), span: self.span_from(start) })
    }

    fn finish_var(&self, mut decl: VarDecl<'a>, start: u32) -> &'a VarDecl<'a> {
        decl.span = self.span_from(start);
        self.alloc(decl)
    }

    /// After `function` (and `async`): a function declaration, declared in the current scope.
    fn parse_function_declaration(&mut self, start: u32, is_async: bool, ctx: StmtCtx) -> PResult<Stmt<'a>> {
        let wrap = ctx == StmtCtx::If;
        let block_scope = if wrap { Some(self.enter_scope(ScopeKind::Block)) } else { None };
        let f = self.parse_function_rest(start, is_async, true, false)?;
        if wrap && f.flags.is_generator {
            return self.error("Generators can only be declared at the top level or inside a block.", f.span);
        }
        self.declare_function(f)?;
        let stmt = Stmt::Function(f);
        if let Some(scope) = block_scope {
            self.exit_scope();
            let body = self.arena.alloc_slice_copy(&[stmt]);
            return Ok(Stmt::Block(self.alloc(Block { body, scope, span: f.span })));
        }
        Ok(stmt)
    }

    /// Declares a function declaration's name by the rules of where it is.
    pub(super) fn declare_function(&mut self, f: &'a Function<'a>) -> PResult<()> {
        let Some(id) = f.id else { return Ok(()) };
        let kind = if self.scopes.functions_are_vars(self.scope) {
            DeclKind::TopFunction
        } else if !self.ctx.strict && !f.flags.is_async && !f.flags.is_generator {
            DeclKind::BlockFunction
        } else {
            DeclKind::Lexical(BindingKind::Function)
        };
        self.scopes.declare(self.scope, id.name, kind, id.span)
    }

    pub(super) fn parse_class_declaration(&mut self, anonymous_ok: bool) -> PResult<Stmt<'a>> {
        let c = self.parse_class_with(true, anonymous_ok)?;
        if let Some(id) = c.id {
            self.scopes.declare(self.scope, id.name, DeclKind::Lexical(BindingKind::Class), id.span)?;
        }
        Ok(Stmt::Class(c))
    }

    // ----- control flow -----

    fn parse_paren_expression(&mut self) -> PResult<Expr<'a>> {
        self.expect(T::LParen)?;
        let e = self.parse_expression(false)?;
        self.expect(T::RParen)?;
        Ok(e)
    }

    fn parse_if(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let test = self.parse_paren_expression()?;
        let then = self.parse_statement(StmtCtx::If)?;
        let otherwise = if self.eat(T::Else)? { Some(self.parse_statement(StmtCtx::If)?) } else { None };
        Ok(Stmt::If(self.alloc(If { test, then, otherwise, span: self.span_from(start) })))
    }

    /// Parses a loop body with an unlabelled loop entry (and marks the
    /// labels directly on this loop as loop labels).
    fn parse_loop_body(&mut self, label_chain: usize) -> PResult<Stmt<'a>> {
        let n = self.labels.len();
        for l in &mut self.labels[n - label_chain.min(n)..] {
            l.is_loop = true;
        }
        self.labels.push(Label { name: None, is_loop: true, is_switch: false });
        let body = self.parse_statement(StmtCtx::Other);
        self.labels.pop();
        body
    }

    fn parse_while(&mut self, label_chain: usize) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let test = self.parse_paren_expression()?;
        let body = self.parse_loop_body(label_chain)?;
        Ok(Stmt::While(self.alloc(While { test, body, span: self.span_from(start) })))
    }

    fn parse_do_while(&mut self, label_chain: usize) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let body = self.parse_loop_body(label_chain)?;
        self.expect(T::While)?;
        let test = self.parse_paren_expression()?;
        self.eat(T::Semicolon)?;
        Ok(Stmt::DoWhile(self.alloc(While { test, body, span: self.span_from(start) })))
    }

    fn parse_for(&mut self, label_chain: usize) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let await_span = self.tok.span;
        let is_await = self.at(T::Await) && self.ctx.can_await;
        if is_await {
            if self.ctx.in_params {
                return self.error("Illegal await-expression in formal parameters of async function", await_span);
            }
            self.next()?;
            if self.await_pos.is_none() {
                self.await_pos = Some(await_span);
            }
        }
        self.expect(T::LParen)?;
        let scope = self.enter_scope(ScopeKind::Block);
        let result = self.parse_for_rest(start, is_await, scope, label_chain);
        self.exit_scope();
        let stmt = result?;
        if is_await && !matches!(stmt, Stmt::ForOf(_)) {
            return self.error("Unexpected token: for await requires 'of'", await_span);
        }
        Ok(stmt)
    }

    fn parse_for_rest(&mut self, start: u32, is_await: bool, scope: ScopeId, label_chain: usize) -> PResult<Stmt<'a>> {
        if self.at(T::Semicolon) {
            return self.parse_for_classic(start, None, scope, label_chain);
        }
        let head_start = self.tok.span.start;
        let decl_kind = if self.at(T::Var) {
            Some(VarKind::Var)
        } else if self.at(T::Const) {
            Some(VarKind::Const)
        } else if self.at_word("let") {
            let next = self.peek()?;
            matches!(next.kind, T::Identifier | T::LBracket | T::LBrace | T::Yield | T::Await).then_some(VarKind::Let)
        } else {
            None
        };
        if let Some(kind) = decl_kind {
            self.next()?;
            let decl = self.parse_var_decl(kind, head_start, true)?;
            let decl = self.finish_var(decl, head_start);
            if self.at(T::In) || self.at_word("of") {
                return self.parse_for_in_of_decl(start, decl, is_await, scope, label_chain);
            }
            return self.parse_for_classic(start, Some(ForInit::Var(decl)), scope, label_chain);
        }
        let starts_with_let = self.at_word("let");
        let starts_with_async = self.at_word("async") && !self.tok.escaped;
        let saved_for_await = self.for_await_head;
        self.for_await_head = is_await;
        let mut cover = super::CoverErrors::default();
        let init = self.parse_assign_cover_for_head(&mut cover);
        self.for_await_head = saved_for_await;
        let init = init?;
        let is_of = self.at_word("of");
        if is_of || self.at(T::In) {
            if is_of && starts_with_let {
                return self.error("The left-hand side of a for-of loop may not be 'let'.", Span::new(head_start, head_start + 3));
            }
            if is_of && starts_with_async && !is_await && matches!(init, Expr::Ident(i) if i.name == "async") {
                return self.error("The left-hand side of a for-of loop may not be 'async'.", init.span());
            }
            cover.check_pattern()?;
            let target = self.to_assign_target(init)?;
            return self.parse_for_in_of_tail(start, ForHead::Pattern(target), is_of, is_await, scope, label_chain);
        }
        cover.check_expression()?;
        let init = self.finish_for_init_expression(init, head_start)?;
        self.parse_for_classic(start, Some(ForInit::Expr(init)), scope, label_chain)
    }

    /// The first expression of a `for` head, `in` not allowed as an operator.
    fn parse_assign_cover_for_head(&mut self, cover: &mut super::CoverErrors) -> PResult<Expr<'a>> {
        self.parse_assign(true, Some(cover))
    }

    /// `a, b` continuing a classic `for` head's first expression.
    fn finish_for_init_expression(&mut self, first: Expr<'a>, start: u32) -> PResult<Expr<'a>> {
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut list = self.new_vec();
        list.push(first);
        while self.eat(T::Comma)? {
            list.push(self.parse_assign(true, None)?);
        }
        Ok(Expr::Sequence(list.into_bump_slice(), self.span_from(start)))
    }

    fn parse_for_in_of_decl(
        &mut self,
        start: u32,
        decl: &'a VarDecl<'a>,
        is_await: bool,
        scope: ScopeId,
        label_chain: usize,
    ) -> PResult<Stmt<'a>> {
        let is_of = self.at_word("of");
        if decl.decls.len() != 1 {
            return self.error("Invalid left-hand side in for-in loop: Must have a single binding.", decl.span);
        }
        let d = decl.decls[0];
        if let Some(init) = d.init {
            let annex_b = !is_of && !self.ctx.strict && decl.kind == VarKind::Var && matches!(d.target, Pattern::Ident(_));
            if !annex_b {
                let which = if is_of { "for-of" } else { "for-in" };
                return self.error(format!("{which} loop variable declaration may not have an initializer."), init.span());
            }
        }
        if is_of && decl.kind == VarKind::Var {
            // `var` in for-of is not excused by a simple catch parameter of the same name.
            let mut names = Vec::new();
            super::pattern::collect_bound_names(d.target, &mut names);
            for id in names {
                self.scopes.declare(self.scope, id.name, DeclKind::VarForOf, id.span)?;
            }
        }
        self.parse_for_in_of_tail(start, ForHead::Var(decl), is_of, is_await, scope, label_chain)
    }

    fn parse_for_in_of_tail(
        &mut self,
        start: u32,
        left: ForHead<'a>,
        is_of: bool,
        is_await: bool,
        scope: ScopeId,
        label_chain: usize,
    ) -> PResult<Stmt<'a>> {
        self.next()?;
        let right = if is_of { self.parse_assign(false, None)? } else { self.parse_expression(false)? };
        self.expect(T::RParen)?;
        let body = self.parse_loop_body(label_chain)?;
        let node = self.alloc(ForInOf { left, right, body, is_await, scope, span: self.span_from(start) });
        Ok(if is_of { Stmt::ForOf(node) } else { Stmt::ForIn(node) })
    }

    fn parse_for_classic(&mut self, start: u32, init: Option<ForInit<'a>>, scope: ScopeId, label_chain: usize) -> PResult<Stmt<'a>> {
        self.expect(T::Semicolon)?;
        let test = if self.at(T::Semicolon) { None } else { Some(self.parse_expression(false)?) };
        self.expect(T::Semicolon)?;
        let update = if self.at(T::RParen) { None } else { Some(self.parse_expression(false)?) };
        self.expect(T::RParen)?;
        let body = self.parse_loop_body(label_chain)?;
        Ok(Stmt::For(self.alloc(For { init, test, update, body, scope, span: self.span_from(start) })))
    }

    fn parse_break_continue(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        let is_break = self.at(T::Break);
        self.next()?;
        let mut label = None;
        if !self.can_insert_semicolon() && matches!(self.tok.kind, T::Identifier | T::Yield | T::Await) {
            let span = self.tok.span;
            let name = match self.tok.kind {
                T::Yield => "yield",
                T::Await => "await",
                _ => self.tok.name().unwrap_or(""),
            };
            self.check_identifier(name, span, self.tok.escaped)?;
            self.next()?;
            label = Some(Name { name, span });
        }
        self.semicolon()?;
        let span = self.span_from(start);
        let ok = match label {
            Some(l) => self.labels.iter().any(|x| x.name == Some(l.name) && (is_break || x.is_loop)),
            None => self.labels.iter().any(|x| x.name.is_none() && (x.is_loop || (is_break && x.is_switch))),
        };
        if !ok {
            let message = match (label, is_break) {
                (Some(l), _) if !self.labels.iter().any(|x| x.name == Some(l.name)) => format!("Undefined label '{}'", l.name),
                (Some(l), _) => format!("Illegal continue statement: '{}' does not denote an iteration statement", l.name),
                (None, true) => "Illegal break statement".to_string(),
                (None, false) => "Illegal continue statement: no surrounding iteration statement".to_string(),
            };
            return self.error(message, span);
        }
        Ok(if is_break { Stmt::Break(label, span) } else { Stmt::Continue(label, span) })
    }

    fn parse_return(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        if !self.ctx.in_function {
            return self.error("Illegal return statement", self.tok.span);
        }
        self.next()?;
        let arg = if self.at(T::Semicolon) || self.can_insert_semicolon() { None } else { Some(self.parse_expression(false)?) };
        self.semicolon()?;
        Ok(Stmt::Return(arg, self.span_from(start)))
    }

    fn parse_with(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        if self.ctx.strict {
            return self.error("Strict mode code may not include a with statement", self.tok.span);
        }
        self.next()?;
        let object = self.parse_paren_expression()?;
        let scope = self.enter_scope(ScopeKind::With);
        let body = self.parse_statement(StmtCtx::Other);
        self.exit_scope();
        let body = body?;
        Ok(Stmt::With(self.alloc(With { object, body, scope, span: self.span_from(start) })))
    }

    fn parse_switch(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let discriminant = self.parse_paren_expression()?;
        self.expect(T::LBrace)?;
        let scope = self.enter_scope(ScopeKind::Block);
        self.labels.push(Label { name: None, is_loop: false, is_switch: true });
        let cases = self.parse_switch_cases();
        self.labels.pop();
        self.exit_scope();
        let cases = cases?;
        Ok(Stmt::Switch(self.alloc(Switch { discriminant, cases, scope, span: self.span_from(start) })))
    }

    fn parse_switch_cases(&mut self) -> PResult<&'a [SwitchCase<'a>]> {
        let mut cases = self.new_vec();
        let mut seen_default = false;
        while !self.eat(T::RBrace)? {
            let start = self.tok.span.start;
            let test = if self.eat(T::Case)? {
                Some(self.parse_expression(false)?)
            } else if self.at(T::Default) {
                if seen_default {
                    return self.error("More than one default clause in switch statement", self.tok.span);
                }
                seen_default = true;
                self.next()?;
                None
            } else {
                return Err(self.unexpected());
            };
            self.expect(T::Colon)?;
            let mut body = self.new_vec();
            while !matches!(self.tok.kind, T::Case | T::Default | T::RBrace | T::Eof) {
                body.push(self.parse_statement_list_item()?);
            }
            cases.push(SwitchCase { test, body: body.into_bump_slice(), span: self.span_from(start) });
        }
        Ok(cases.into_bump_slice())
    }

    fn parse_throw(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        if self.tok.newline_before {
            return self.error("Illegal newline after throw", self.tok.span);
        }
        let arg = self.parse_expression(false)?;
        self.semicolon()?;
        Ok(Stmt::Throw(arg, self.span_from(start)))
    }

    fn parse_try(&mut self) -> PResult<Stmt<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let block = self.parse_block()?;
        let handler = if self.at(T::Catch) { Some(self.parse_catch()?) } else { None };
        let finalizer = if self.eat(T::Finally)? { Some(self.parse_block()?) } else { None };
        if handler.is_none() && finalizer.is_none() {
            return self.error("Missing catch or finally after try", self.tok.span);
        }
        Ok(Stmt::Try(self.alloc(Try { block, handler, finalizer, span: self.span_from(start) })))
    }

    fn parse_catch(&mut self) -> PResult<Catch<'a>> {
        let start = self.tok.span.start;
        self.next()?;
        let scope = self.enter_scope(ScopeKind::Catch);
        let result = self.parse_catch_rest(scope);
        self.exit_scope();
        let (param, body) = result?;
        Ok(Catch { param, body, scope, span: self.span_from(start) })
    }

    fn parse_catch_rest(&mut self, scope: ScopeId) -> PResult<(Option<Pattern<'a>>, &'a Block<'a>)> {
        let mut param = None;
        if self.eat(T::LParen)? {
            let p = self.parse_binding_target()?;
            let kind = if matches!(p, Pattern::Ident(_)) { DeclKind::SimpleCatch } else { DeclKind::CatchPattern };
            self.declare_pattern(p, kind, scope)?;
            self.expect(T::RParen)?;
            param = Some(p);
        }
        let body = self.parse_block_in(scope)?;
        Ok((param, body))
    }
}
