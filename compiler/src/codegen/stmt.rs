//! Statements: declarations, blocks, control flow, loops, `switch`,
//! `try`/`catch`/`finally`, and the top level of a script.

use super::control::{Control, Exit};
use super::pattern::BindMode;
use super::{CResult, Compiler};
use crate::ast::*;
use crate::scope::BindingKind;
use spindle_vm::bytecode::{Instr, Reg};

impl<'a> Compiler<'a, '_> {
    /// The top level of a script: global declarations, then the body; the
    /// completion value is returned.
    pub(crate) fn script_body(&mut self, program: &Program<'a>) -> CResult<()> {
        self.declare_globals(program)?;
        self.hoist_functions(program.body)?;
        let completion = self.f.b.alloc();
        self.emit(Instr::LoadUndefined { dst: completion });
        self.f.completion = Some(completion);
        for s in program.body {
            self.stmt(s)?;
        }
        self.emit_return(completion);
        Ok(())
    }

    /// GlobalDeclarationInstantiation: every name is checked (steps 5-12:
    /// lexical names, then functions, then vars) before any binding is made,
    /// so a script that fails creates none; then the lexical bindings and
    /// vars (functions are hoisted next).
    fn declare_globals(&mut self, program: &Program<'a>) -> CResult<()> {
        let scope = self.scopes.scope(program.scope);
        let bindings = scope.bindings.clone();
        let lexical = |k: BindingKind| matches!(k, BindingKind::Let | BindingKind::Class | BindingKind::Const);
        for b in bindings.iter().filter(|b| lexical(b.kind)) {
            let a = self.atom(b.name);
            self.emit(Instr::CheckGlobalLexical { a });
        }
        for kind in [BindingKind::Function, BindingKind::Var] {
            for b in bindings.iter().filter(|b| b.kind == kind) {
                let a = self.atom(b.name);
                self.emit(Instr::CanDeclareGlobal { a, func: u16::from(kind == BindingKind::Function) });
            }
        }
        for b in &bindings {
            let a = self.atom(b.name);
            match b.kind {
                BindingKind::Let | BindingKind::Class => {
                    self.emit(Instr::DeclareGlobalLexical { a, constant: 0 });
                }
                BindingKind::Const => {
                    self.emit(Instr::DeclareGlobalLexical { a, constant: 1 });
                }
                BindingKind::Var => {
                    self.emit(Instr::DeclareGlobalVar { a, func: Reg(0), has_func: 0 });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Compiles one statement.
    pub(crate) fn stmt(&mut self, s: &Stmt<'a>) -> CResult<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s, Vec::new()))
    }

    fn stmt_inner(&mut self, s: &Stmt<'a>, labels: Vec<&'a str>) -> CResult<()> {
        if let (Some(c), true) = (self.f.completion, produces_undefined_if_empty(s)) {
            // UpdateEmpty(stmtCompletion, undefined): the statement's value
            // replaces the previous one even when its body produces none.
            self.emit(Instr::LoadUndefined { dst: c });
        }
        match *s {
            Stmt::Expr(e, span) => {
                self.position(span);
                match self.f.completion {
                    Some(c) => self.expr(&e, c),
                    None => self.effect(&e),
                }
            }
            Stmt::Var(v) => self.var_decl(v),
            Stmt::Function(_) | Stmt::Empty(_) | Stmt::Debugger(_) => Ok(()),
            Stmt::Class(c) => {
                let mark = self.f.b.mark();
                let r = self.f.b.alloc();
                self.class(c, r, None)?;
                if let Some(id) = c.id {
                    self.store_var(id, r, true);
                }
                self.f.b.release(mark);
                Ok(())
            }
            Stmt::Block(b) => self.block(b, labels),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::For(f) => self.for_stmt(f, labels),
            Stmt::ForIn(f) => self.for_in_of(f, labels, false),
            Stmt::ForOf(f) => self.for_in_of(f, labels, true),
            Stmt::While(w) => self.while_stmt(w, labels),
            Stmt::DoWhile(w) => self.do_while(w, labels),
            Stmt::Return(arg, span) => {
                let mark = self.f.b.mark();
                let r = self.f.b.alloc();
                match arg {
                    Some(e) => {
                        match self.f.field_key {
                            Some(key) => self.expr_keyed(&e, r, key)?,
                            None => self.expr(&e, r)?,
                        }
                        if self.f.async_generator {
                            // An async generator's `return e` awaits e.
                            self.position(span);
                            self.emit_await(r, r);
                        }
                    }
                    None => {
                        self.emit(Instr::LoadUndefined { dst: r });
                    }
                }
                self.position(span);
                let from = self.f.control.len();
                self.emit_exit(Exit::Return, from, Some(r))?;
                self.f.b.release(mark);
                Ok(())
            }
            Stmt::Break(label, span) | Stmt::Continue(label, span) => {
                let is_continue = matches!(s, Stmt::Continue(..));
                let target = self.find_target(label.map(|l| l.name), is_continue, span)?;
                let exit = if is_continue { Exit::Continue(target) } else { Exit::Break(target) };
                let from = self.f.control.len();
                self.emit_exit(exit, from, None)
            }
            Stmt::Throw(e, span) => {
                let mark = self.f.b.mark();
                let r = self.expr_reg(&e)?;
                self.position(span);
                self.emit(Instr::Throw { src: r });
                self.f.b.release(mark);
                Ok(())
            }
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::Switch(sw) => self.switch(sw, labels),
            Stmt::Labeled(l) => {
                let mut labels = labels;
                labels.push(l.label.name);
                match l.body {
                    Stmt::For(_) | Stmt::ForIn(_) | Stmt::ForOf(_) | Stmt::While(_) | Stmt::DoWhile(_) | Stmt::Labeled(_) => {
                        self.stmt_inner(&l.body, labels)
                    }
                    body => self.labeled_block(&body, labels),
                }
            }
            Stmt::With(w) => self.with_stmt(w),
            Stmt::Import(_) => Ok(()),
            Stmt::Export(e) => self.export_decl(e),
        }
    }

    fn var_decl(&mut self, v: &VarDecl<'a>) -> CResult<()> {
        for d in v.decls {
            let mark = self.f.b.mark();
            match (d.target, d.init) {
                (Pattern::Ident(id), Some(init)) => {
                    let binding = self.ident_loc(id).1.filter(|_| v.kind != VarKind::Var);
                    self.f.initializing.extend(binding);
                    let result = self.init_ident(id, &init, v.kind);
                    if binding.is_some() {
                        self.f.initializing.pop();
                    }
                    result?;
                }
                (Pattern::Ident(id), None) if v.kind != VarKind::Var => {
                    let r = self.f.b.alloc();
                    self.emit(Instr::LoadUndefined { dst: r });
                    self.store_var(id, r, true);
                }
                (Pattern::Ident(_), None) => {}
                (pattern, init) => {
                    let r = self.f.b.alloc();
                    match init {
                        Some(e) => self.expr(&e, r)?,
                        None => {
                            self.emit(Instr::LoadUndefined { dst: r });
                        }
                    }
                    let mode = if v.kind == VarKind::Var { BindMode::Assign } else { BindMode::Init };
                    self.destructure(pattern, r, mode)?;
                }
            }
            self.f.b.release(mark);
        }
        Ok(())
    }

    /// `id = init` of a declaration of `kind`.
    fn init_ident(&mut self, id: Ident<'a>, init: &Expr<'a>, kind: VarKind) -> CResult<()> {
        self.position(init.span());
        if self.init_in_place(id, init)? {
            return Ok(());
        }
        let r = self.named_value(init, id.name)?;
        self.position(id.span);
        self.store_var(id, r, kind != VarKind::Var);
        Ok(())
    }

    /// A block: its own scope, hoisted functions, statements.
    fn block(&mut self, b: &Block<'a>, labels: Vec<&'a str>) -> CResult<()> {
        let mark = self.f.b.mark();
        let labeled = !labels.is_empty();
        if labeled {
            self.f.control.push(Control::breakable(labels, false, None));
        }
        self.enter_scope(b.scope)?;
        self.hoist_functions(b.body)?;
        for s in b.body {
            self.stmt(s)?;
        }
        self.leave_scope(b.scope);
        if labeled {
            self.pop_breakable(None);
        }
        self.f.b.release(mark);
        Ok(())
    }

    /// `label: statement` for a statement that is not a loop.
    fn labeled_block(&mut self, body: &Stmt<'a>, labels: Vec<&'a str>) -> CResult<()> {
        if let Stmt::Block(b) = body {
            return self.block(b, labels);
        }
        self.f.control.push(Control::breakable(labels, false, None));
        self.stmt(body)?;
        self.pop_breakable(None);
        Ok(())
    }

    fn if_stmt(&mut self, i: &If<'a>) -> CResult<()> {
        let else_jump = self.jump_if_false(&i.test)?;
        self.stmt(&i.then)?;
        match &i.otherwise {
            Some(other) => {
                let end = self.f.b.emit_jump(Instr::Jump { target: 0 });
                self.f.b.patch_here(else_jump);
                self.stmt(other)?;
                self.f.b.patch_here(end);
            }
            None => self.f.b.patch_here(else_jump),
        }
        Ok(())
    }

    /// Pushes a loop's control entry.
    fn push_loop(&mut self, labels: Vec<&'a str>) {
        self.f.control.push(Control::breakable(labels, true, None));
    }

    /// Pops a loop's control entry, pointing its continues at `continue_at`
    /// and its breaks here.
    fn pop_loop(&mut self, continue_at: u32) {
        self.pop_breakable(Some(continue_at));
    }

    /// Pops the innermost breakable: breaks go here, continues to `continue_at`.
    fn pop_breakable(&mut self, continue_at: Option<u32>) {
        if let Some(Control::Breakable { breaks, continues, .. }) = self.f.control.pop() {
            if let Some(target) = continue_at {
                for site in continues {
                    self.f.b.patch(site, target);
                }
            }
            for site in breaks {
                self.f.b.patch_here(site);
            }
        }
    }

    fn while_stmt(&mut self, w: &While<'a>, labels: Vec<&'a str>) -> CResult<()> {
        let top = self.f.b.pc();
        let exit = self.jump_if_false(&w.test)?;
        let body = self.f.b.pc();
        self.push_loop(labels);
        self.stmt(&w.body)?;
        let cont = self.loop_back(Some(&w.test), top, body)?;
        self.f.b.patch_here(exit);
        self.pop_loop(cont);
        Ok(())
    }

    /// The end of a loop body whose test starts at `top` and body at
    /// `body`; returns where `continue` goes. A test that can be compiled
    /// twice without a difference anyone could see is repeated here as a
    /// jump back into the body when true (one jump per iteration instead
    /// of two); otherwise the loop jumps back to the test.
    fn loop_back(&mut self, test: Option<&Expr<'a>>, top: u32, body: u32) -> CResult<u32> {
        let cont = self.f.b.pc();
        let mut budget = REPEATABLE_BUDGET;
        match test {
            Some(t) if repeatable(t, &mut budget) => {
                let back = self.jump_if(t, true)?;
                self.f.b.patch(back, body);
            }
            _ => {
                self.emit(Instr::Jump { target: top });
            }
        }
        Ok(cont)
    }

    fn do_while(&mut self, w: &While<'a>, labels: Vec<&'a str>) -> CResult<()> {
        let top = self.f.b.pc();
        self.push_loop(labels);
        self.stmt(&w.body)?;
        let cont = self.f.b.pc();
        let mark = self.f.b.mark();
        let test = self.expr_reg(&w.test)?;
        self.emit(Instr::JumpIfTrue { cond: test, target: top });
        self.f.b.release(mark);
        self.pop_loop(cont);
        Ok(())
    }

    fn for_stmt(&mut self, f: &For<'a>, labels: Vec<&'a str>) -> CResult<()> {
        let mark = self.f.b.mark();
        self.enter_scope(f.scope)?;
        let per_iteration = matches!(f.init, Some(ForInit::Var(v)) if v.kind != VarKind::Var) && self.has_env(f.scope);
        match f.init {
            Some(ForInit::Var(v)) => self.var_decl(v)?,
            Some(ForInit::Expr(e)) => self.effect(&e)?,
            None => {}
        }
        if per_iteration {
            self.emit(Instr::CopyEnv {});
        }
        let top = self.f.b.pc();
        let exit = match &f.test {
            Some(t) => Some(self.jump_if_false(t)?),
            None => None,
        };
        let body = self.f.b.pc();
        self.push_loop(labels);
        self.stmt(&f.body)?;
        let cont = self.f.b.pc();
        if per_iteration {
            self.emit(Instr::CopyEnv {});
        }
        if let Some(u) = &f.update {
            self.effect(u)?;
        }
        self.loop_back(f.test.as_ref(), top, body)?;
        if let Some(site) = exit {
            self.f.b.patch_here(site);
        }
        self.pop_loop(cont);
        self.leave_scope(f.scope);
        self.f.b.release(mark);
        Ok(())
    }

    fn for_in_of(&mut self, f: &ForInOf<'a>, labels: Vec<&'a str>, of: bool) -> CResult<()> {
        if f.is_await && self.f.generator.is_none() {
            return self.await_outside_coroutine("for await outside an async function", f.span);
        }
        let mark = self.f.b.mark();
        // The right side is evaluated with the head's lexical names in TDZ.
        let iter = self.f.b.alloc_many(2);
        let lexical_head = matches!(f.left, ForHead::Var(v) if v.kind != VarKind::Var);
        if lexical_head {
            self.enter_scope(f.scope)?;
            // Every use of the head's names here precedes their binding,
            // whatever its position in the source (`for (let x of [x])`).
            let names = self.scopes.scope(f.scope).bindings.len() as u32;
            let before = self.f.initializing.len();
            self.f.initializing.extend((0..names).map(|i| (f.scope, i)));
            let right = self.expr(&f.right, iter);
            self.f.initializing.truncate(before);
            right?;
            self.leave_scope(f.scope);
        } else {
            if let ForHead::Var(v) = f.left {
                if let Some(Declarator { target: Pattern::Ident(id), init: Some(init) }) = v.decls.first() {
                    let r = self.named_value(init, id.name)?;
                    self.store_var(*id, r, false);
                }
            }
            self.expr(&f.right, iter)?;
        }
        if f.is_await {
            self.emit(Instr::GetAsyncIterator { iter, src: iter });
        } else if of {
            self.emit(Instr::GetIterator { iter, src: iter });
        } else {
            self.emit(Instr::ForInStart { iter, src: iter });
        }
        let value = self.f.b.alloc();
        self.f.control.push(Control::breakable(labels, true, None));
        if of {
            if let Some(Control::Breakable { iterator, async_iterator, .. }) = self.f.control.last_mut() {
                *iterator = Some(iter);
                *async_iterator = f.is_await;
            }
        }
        let top = self.f.b.pc();
        let exit = if f.is_await {
            // Stack traces place the step's await at the loop's target, as V8 does.
            let target = match f.left {
                ForHead::Var(v) => v.decls.first().map_or(v.span, |d| d.target.span()),
                ForHead::Pattern(p) => p.span(),
            };
            self.position(target);
            self.emit_async_iterator_step(iter, value)
        } else if of {
            self.f.b.emit_jump(Instr::IteratorStep { dst: value, iter, target: 0 })
        } else {
            self.f.b.emit_jump(Instr::ForInNext { dst: value, iter, target: 0 })
        };
        let body_start = self.f.b.pc();
        self.enter_scope(f.scope)?;
        match f.left {
            ForHead::Var(v) => {
                let mode = if v.kind == VarKind::Var { BindMode::Assign } else { BindMode::Init };
                if let Some(d) = v.decls.first() {
                    self.destructure(d.target, value, mode)?;
                }
            }
            ForHead::Pattern(p) => self.destructure(p, value, BindMode::Assign)?,
        }
        self.stmt(&f.body)?;
        self.leave_scope(f.scope);
        let cont = self.f.b.pc();
        self.emit(Instr::Jump { target: top });
        let body_end = self.f.b.pc();
        if of {
            // An exception in the body closes the iterator, then propagates.
            let exc = self.f.b.alloc();
            let skip = self.f.b.emit_jump(Instr::Jump { target: 0 });
            let handler = self.f.b.pc();
            if f.is_await {
                self.emit_async_iterator_close_throw(iter, exc);
            } else {
                self.emit(Instr::IteratorCloseQuiet { iter });
                self.emit(Instr::Throw { src: exc });
            }
            self.f.b.patch_here(skip);
            let depth = self.f.b.env_depth;
            self.f.b.add_handler(body_start, body_end, handler, exc, depth);
        }
        self.pop_loop(cont);
        self.f.b.patch_here(exit);
        self.f.b.release(mark);
        Ok(())
    }

    fn switch(&mut self, sw: &Switch<'a>, labels: Vec<&'a str>) -> CResult<()> {
        let mark = self.f.b.mark();
        let d = self.f.b.alloc();
        self.expr(&sw.discriminant, d)?;
        self.enter_scope(sw.scope)?;
        self.f.control.push(Control::breakable(labels, false, Some(sw.scope)));
        for case in sw.cases {
            self.hoist_functions(case.body)?;
        }
        let t = self.f.b.alloc();
        let mut jumps = Vec::new();
        for case in sw.cases {
            if let Some(test) = &case.test {
                self.expr(test, t)?;
                self.emit(Instr::StrictEq { dst: t, a: d, b: t });
                jumps.push(Some(self.f.b.emit_jump(Instr::JumpIfTrue { cond: t, target: 0 })));
            } else {
                jumps.push(None);
            }
        }
        let default = self.f.b.emit_jump(Instr::Jump { target: 0 });
        let mut default_target = None;
        for (case, jump) in sw.cases.iter().zip(jumps) {
            match jump {
                Some(site) => self.f.b.patch_here(site),
                None => default_target = Some(self.f.b.pc()),
            }
            for s in case.body {
                self.stmt(s)?;
            }
        }
        let end = self.f.b.pc();
        self.f.b.patch(default, default_target.unwrap_or(end));
        self.pop_breakable(None);
        self.leave_scope(sw.scope);
        self.f.b.release(mark);
        Ok(())
    }

    fn try_stmt(&mut self, t: &Try<'a>) -> CResult<()> {
        let mark = self.f.b.mark();
        let finally = t.finalizer.map(|_| (self.f.b.alloc(), self.f.b.alloc()));
        if let Some((kind, value)) = finally {
            self.f.control.push(Control::Finally { kind, value, entries: Vec::new(), pending: Vec::new() });
        }
        let finally_index = self.f.control.len();
        let depth = self.f.b.env_depth;
        let start = self.f.b.pc();
        self.block(t.block, Vec::new())?;
        let mut to_finally = vec![self.f.b.emit_jump(Instr::Jump { target: 0 })];
        let try_end = self.f.b.pc();
        if let Some(c) = &t.handler {
            let exc = self.f.b.alloc();
            let handler = self.f.b.pc();
            self.f.b.add_handler(start, try_end, handler, exc, depth);
            self.catch_clause(c, exc)?;
            to_finally.push(self.f.b.emit_jump(Instr::Jump { target: 0 }));
        }
        let protected_end = self.f.b.pc();
        match (t.finalizer, finally) {
            (Some(body), Some((kind, value))) => {
                let Some(Control::Finally { entries, pending, .. }) = self.f.control.pop() else { return Ok(()) };
                let throw_entry = self.f.b.pc();
                self.f.b.add_handler(start, protected_end, throw_entry, value, depth);
                self.emit(Instr::LoadInt { dst: kind, imm: 1 });
                let skip_normal = self.f.b.emit_jump(Instr::Jump { target: 0 });
                for site in to_finally {
                    self.f.b.patch_here(site);
                }
                self.emit(Instr::LoadInt { dst: kind, imm: 0 });
                self.f.b.patch_here(skip_normal);
                for site in entries {
                    self.f.b.patch_here(site);
                }
                // The finally block's own completion value (from undefined)
                // stays only when it ends with a break or continue; when it
                // completes normally, the try or catch block's is restored.
                match self.f.completion {
                    Some(c) => {
                        let saved = self.f.b.alloc();
                        self.emit(Instr::Move { dst: saved, src: c });
                        self.emit(Instr::LoadUndefined { dst: c });
                        self.block(body, Vec::new())?;
                        self.emit(Instr::Move { dst: c, src: saved });
                    }
                    None => self.block(body, Vec::new())?,
                }
                self.emit_finally_dispatch(finally_index - 1, kind, value, pending)?;
            }
            _ => {
                for site in to_finally {
                    self.f.b.patch_here(site);
                }
            }
        }
        self.f.b.release(mark);
        Ok(())
    }

    /// `with (object) body`: an object environment around the body.
    fn with_stmt(&mut self, w: &With<'a>) -> CResult<()> {
        let mark = self.f.b.mark();
        let obj = self.expr_reg(&w.object)?;
        self.position(w.span);
        self.emit(Instr::PushWith { obj });
        self.f.b.release(mark);
        self.f.b.env_depth += 1;
        self.f.control.push(Control::Env);
        self.f.scope = w.scope;
        self.stmt(&w.body)?;
        self.leave_scope(w.scope);
        Ok(())
    }

    fn catch_clause(&mut self, c: &Catch<'a>, exc: Reg) -> CResult<()> {
        self.enter_scope(c.scope)?;
        if let Some(p) = c.param {
            self.destructure(p, exc, BindMode::Init)?;
        }
        self.hoist_functions(c.body.body)?;
        for s in c.body.body {
            self.stmt(s)?;
        }
        self.leave_scope(c.scope);
        Ok(())
    }
}

/// The statement's completion value is `undefined` rather than empty when
/// its body produces no value (`if`, loops, `switch`, `try`, `with`).
fn produces_undefined_if_empty(s: &Stmt<'_>) -> bool {
    matches!(
        s,
        Stmt::If(_) | Stmt::For(_) | Stmt::ForIn(_) | Stmt::ForOf(_) | Stmt::While(_) | Stmt::DoWhile(_) | Stmt::Try(_) | Stmt::Switch(_) | Stmt::With(_)
    )
}

/// How many expression nodes [`repeatable`] looks at before it declines.
const REPEATABLE_BUDGET: u32 = 16;

/// `e` may be compiled a second time (a rotated loop test): it holds no
/// function, class, template site or other thing with an identity per
/// occurrence, no assignment, and no direct `eval`.
fn repeatable(e: &Expr<'_>, budget: &mut u32) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match e {
        Expr::This(_) | Expr::Ident(_) | Expr::Null(_) | Expr::Bool(..) | Expr::Number(..) | Expr::String(..) => true,
        Expr::Unary(u) => repeatable(&u.arg, budget),
        Expr::Binary(b) => repeatable(&b.left, budget) && repeatable(&b.right, budget),
        Expr::Logical(l) => repeatable(&l.left, budget) && repeatable(&l.right, budget),
        Expr::Paren(inner, _) => repeatable(inner, budget),
        Expr::Member(m) if !m.optional => match &m.property {
            MemberProp::Name(_) => repeatable(&m.object, budget),
            MemberProp::Computed(k) => repeatable(&m.object, budget) && repeatable(k, budget),
            MemberProp::Private(_) => false,
        },
        Expr::Call(c) if !c.optional && !matches!(c.callee, Expr::Ident(id) if id.name == "eval") => {
            repeatable(&c.callee, budget)
                && c.args.iter().all(|a| matches!(a, ArrayElement::Expr(e) if repeatable(e, budget)))
        }
        _ => false,
    }
}

