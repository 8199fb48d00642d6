//! `yield` and `yield*`: suspension points of generator bodies, and the
//! dispatch on how the generator was resumed (next, throw or return, the
//! last running `finally` blocks on the way out).

use super::control::Exit;
use super::{CResult, Compiler};
use crate::ast::*;
use spindle_vm::bytecode::{Instr, Reg};

impl<'a> Compiler<'a, '_> {
    pub(crate) fn yield_expr(&mut self, y: &Yield<'a>, dst: Reg) -> CResult<()> {
        let Some((resume, mode)) = self.f.generator else { return self.unsupported("yield outside a generator", y.span) };
        if self.f.async_generator {
            return if y.delegate { self.yield_star(y, dst, resume, mode, true) } else { self.async_yield(y, dst) };
        }
        if y.delegate {
            return self.yield_star(y, dst, resume, mode, false);
        }
        let mark = self.f.b.mark();
        let value = self.f.b.alloc();
        match &y.arg {
            Some(e) => self.expr(e, value)?,
            None => {
                self.emit(Instr::LoadUndefined { dst: value });
            }
        }
        self.position(y.span);
        self.emit(Instr::Yield { value, raw: 0 });
        self.resume_dispatch(resume, mode)?;
        self.emit(Instr::Move { dst, src: resume });
        self.f.b.release(mark);
        Ok(())
    }

    /// `await arg`: suspend until it settles; a rejection throws here.
    pub(crate) fn await_expr(&mut self, arg: &Expr<'a>, span: crate::Span, dst: Reg) -> CResult<()> {
        let Some((resume, mode)) = self.f.generator else { return self.await_outside_coroutine("await outside an async function", span) };
        let mark = self.f.b.mark();
        let value = self.f.b.alloc();
        self.expr(arg, value)?;
        self.position(span);
        self.emit(Instr::Await { value });
        self.resume_dispatch(resume, mode)?;
        self.emit(Instr::Move { dst, src: resume });
        self.f.b.release(mark);
        Ok(())
    }

    /// After a suspension: throw the sent value for `throw`, return it for
    /// `return` (through the enclosing `finally` blocks), else go on. The
    /// mode is the Number 0, 1 or 2, so `next`, the common case, costs one
    /// compare-and-jump.
    fn resume_dispatch(&mut self, resume: Reg, mode: Reg) -> CResult<()> {
        let next = self.f.b.emit_jump(Instr::JumpIfLtI { a: mode, imm: 1, sense: 1, target: 0 });
        let to_return = self.f.b.emit_jump(Instr::JumpIfLtI { a: mode, imm: 2, sense: 0, target: 0 });
        self.emit(Instr::Throw { src: resume });
        self.f.b.patch_here(to_return);
        let from = self.f.control.len();
        self.emit_exit(Exit::Return, from, Some(resume))?;
        self.f.b.patch_here(next);
        Ok(())
    }

    /// `yield* iterable` (§15.5.5): forwards next/throw/return to the inner
    /// iterator and its results out, until it is done. In an async
    /// generator (`is_async`) the iterator is an async one, every inner
    /// result is awaited, the value is yielded through AsyncGeneratorYield,
    /// and a return request's value is awaited first.
    fn yield_star(&mut self, y: &Yield<'a>, dst: Reg, resume: Reg, mode: Reg, is_async: bool) -> CResult<()> {
        let mark = self.f.b.mark();
        let iter = self.f.b.alloc_many(2);
        let received = self.f.b.alloc();
        let how = self.f.b.alloc();
        let result = self.f.b.alloc();
        let method = self.f.b.alloc();
        let t = self.f.b.alloc();
        let k = self.f.b.alloc();
        if let Some(e) = &y.arg {
            self.expr(e, iter)?;
        }
        self.position(y.span);
        self.emit(if is_async { Instr::GetAsyncIterator { iter, src: iter } } else { Instr::GetIterator { iter, src: iter } });
        self.emit(Instr::LoadUndefined { dst: received });
        self.emit(Instr::LoadInt { dst: how, imm: 0 });
        let top = self.f.b.pc();
        self.emit(Instr::LoadInt { dst: k, imm: 1 });
        self.emit(Instr::StrictEq { dst: t, a: how, b: k });
        let to_throw = self.f.b.emit_jump(Instr::JumpIfTrue { cond: t, target: 0 });
        self.emit(Instr::LoadInt { dst: k, imm: 2 });
        self.emit(Instr::StrictEq { dst: t, a: how, b: k });
        let to_return = self.f.b.emit_jump(Instr::JumpIfTrue { cond: t, target: 0 });
        // a. next: innerResult = ? Call(next, iterator, « received ») (awaited when async).
        self.emit(Instr::Call { dst: result, callee: Reg(iter.0 + 1), this: iter, args: received, argc: 1 });
        self.await_if(is_async, result);
        let to_check = self.f.b.emit_jump(Instr::Jump { target: 0 });
        // b. throw
        self.f.b.patch_here(to_throw);
        let a = self.atom("throw");
        self.emit(Instr::GetMethod { dst: method, obj: iter, a });
        let no_throw = self.f.b.emit_jump(Instr::JumpIfUndefined { cond: method, target: 0 });
        self.emit(Instr::Call { dst: result, callee: method, this: iter, args: received, argc: 1 });
        self.await_if(is_async, result);
        let to_check2 = self.f.b.emit_jump(Instr::Jump { target: 0 });
        // b.iii. No throw method: close the iterator, then a TypeError.
        self.f.b.patch_here(no_throw);
        if is_async {
            self.emit_async_iterator_close(iter);
        } else {
            self.emit(Instr::IteratorClose { iter });
        }
        let msg = self.atom("The iterator does not provide a 'throw' method");
        self.emit(Instr::ThrowError { kind: 1, a: msg });
        // c. return
        self.f.b.patch_here(to_return);
        let a = self.atom("return");
        self.emit(Instr::GetMethod { dst: method, obj: iter, a });
        let has_return = self.f.b.emit_jump(Instr::JumpIfNotUndefined { cond: method, target: 0 });
        let from = self.f.control.len();
        self.await_if(is_async, received);
        self.emit_exit(Exit::Return, from, Some(received))?;
        self.f.b.patch_here(has_return);
        self.emit(Instr::Call { dst: result, callee: method, this: iter, args: received, argc: 1 });
        self.await_if(is_async, result);
        let msg = self.atom("iterator result is not an object");
        self.emit(Instr::RequireObject { src: result, a: msg });
        let done_key = self.atom("done");
        let ic = self.f.b.cache();
        self.emit(Instr::GetField { dst: t, obj: result, a: done_key, ic });
        let not_done = self.f.b.emit_jump(Instr::JumpIfFalse { cond: t, target: 0 });
        let value_key = self.atom("value");
        let ic = self.f.b.cache();
        self.emit(Instr::GetField { dst: t, obj: result, a: value_key, ic });
        self.await_if(is_async, t);
        self.emit_exit(Exit::Return, from, Some(t))?;
        // The result of next/throw: done ends the loop with its value.
        self.f.b.patch_here(to_check);
        self.f.b.patch_here(to_check2);
        self.emit(Instr::RequireObject { src: result, a: msg });
        let ic = self.f.b.cache();
        self.emit(Instr::GetField { dst: t, obj: result, a: done_key, ic });
        let finished = self.f.b.emit_jump(Instr::JumpIfTrue { cond: t, target: 0 });
        self.f.b.patch_here(not_done);
        if is_async {
            // received = AsyncGeneratorYield(? IteratorValue(innerResult)) (not awaited).
            let ic = self.f.b.cache();
            self.emit(Instr::GetField { dst: t, obj: result, a: value_key, ic });
            self.emit(Instr::AsyncGeneratorYield { value: t });
        } else {
            self.emit(Instr::Yield { value: result, raw: 1 });
        }
        self.emit(Instr::Move { dst: received, src: resume });
        self.emit(Instr::Move { dst: how, src: mode });
        if is_async {
            self.emit(Instr::LoadInt { dst: k, imm: 2 });
            self.emit(Instr::StrictEq { dst: t, a: how, b: k });
            self.emit(Instr::JumpIfFalse { cond: t, target: top });
            // A return request: its value is awaited; a rejection becomes a throw.
            self.emit(Instr::Await { value: received });
            self.emit(Instr::Move { dst: received, src: resume });
            self.emit(Instr::LoadInt { dst: k, imm: 1 });
            self.emit(Instr::StrictEq { dst: t, a: mode, b: k });
            self.emit(Instr::JumpIfFalse { cond: t, target: top });
            self.emit(Instr::LoadInt { dst: how, imm: 1 });
        }
        self.emit(Instr::Jump { target: top });
        self.f.b.patch_here(finished);
        let ic = self.f.b.cache();
        self.emit(Instr::GetField { dst, obj: result, a: value_key, ic });
        self.f.b.release(mark);
        Ok(())
    }

    /// `r := Await(r)` in an async generator; nothing otherwise.
    fn await_if(&mut self, is_async: bool, r: Reg) {
        if is_async {
            self.emit_await(r, r);
        }
    }
}
