//! Async iteration in bytecode: `yield` and `yield*` in async generators,
//! `for await`'s step, and AsyncIteratorClose (ECMAScript 2025 §15.5.5,
//! §14.7.5.7, §7.4.13).
//!
//! Every `Await` these sequences contain is a real suspension (`Await`,
//! resumed by a reaction job), so the order of ticks is the
//! specification's. After an `Await` the mode register is 0 (fulfilled)
//! or 1 (rejected, the reason in the resume register); after
//! `AsyncGeneratorYield` it is the request's kind: 0 next, 1 throw,
//! 2 return.

use super::control::Exit;
use super::{CResult, Compiler};
use crate::ast::*;
use spindle_vm::bytecode::{Instr, Reg};

impl<'a> Compiler<'a, '_> {
    /// The (resume, mode) registers of the coroutine being compiled.
    fn coroutine_regs(&self) -> (Reg, Reg) {
        self.f.generator.unwrap_or((Reg(0), Reg(0)))
    }

    /// `dst := Await(src)`: a rejection throws here.
    pub(crate) fn emit_await(&mut self, src: Reg, dst: Reg) {
        let (resume, mode) = self.coroutine_regs();
        self.emit(Instr::Await { value: src });
        self.jump_unless_mode(mode, 1, |c| {
            c.emit(Instr::Throw { src: resume });
        });
        self.emit(Instr::Move { dst, src: resume });
    }

    /// Emits `body` to run only when `mode === k` (the mode is always the
    /// Number 0, 1 or 2, so mode 0, the common case, skips `body` with one
    /// compare-and-jump).
    fn jump_unless_mode(&mut self, mode: Reg, k: i32, body: impl FnOnce(&mut Self)) {
        let below = self.f.b.emit_jump(Instr::JumpIfLtI { a: mode, imm: k, sense: 1, target: 0 });
        let above = self.f.b.emit_jump(Instr::JumpIfGtI { a: mode, imm: k, sense: 1, target: 0 });
        body(self);
        self.f.b.patch_here(below);
        self.f.b.patch_here(above);
    }

    /// `yield arg` in an async generator: `AsyncGeneratorYield(? Await(arg))`.
    pub(crate) fn async_yield(&mut self, y: &Yield<'a>, dst: Reg) -> CResult<()> {
        let (resume, mode) = self.coroutine_regs();
        let mark = self.f.b.mark();
        let value = self.f.b.alloc();
        match &y.arg {
            Some(e) => self.expr(e, value)?,
            None => {
                self.emit(Instr::LoadUndefined { dst: value });
            }
        }
        self.position(y.span);
        self.emit_await(value, value);
        self.emit(Instr::AsyncGeneratorYield { value });
        // AsyncGeneratorUnwrapYieldResumption: a return request's value is
        // awaited, then returned (through the finally blocks).
        let from = self.f.control.len();
        let mut result = Ok(());
        self.jump_unless_mode(mode, 2, |c| {
            c.emit_await(resume, resume);
            result = c.emit_exit(Exit::Return, from, Some(resume));
        });
        result?;
        self.jump_unless_mode(mode, 1, |c| {
            c.emit(Instr::Throw { src: resume });
        });
        self.emit(Instr::Move { dst, src: resume });
        self.f.b.release(mark);
        Ok(())
    }

    /// AsyncIteratorClose(iter, normal completion): `return()` is called,
    /// awaited and its result checked; every error propagates.
    pub(crate) fn emit_async_iterator_close(&mut self, iter: Reg) {
        let mark = self.f.b.mark();
        let method = self.f.b.alloc();
        let result = self.f.b.alloc();
        let a = self.atom("return");
        self.emit(Instr::GetMethod { dst: method, obj: iter, a });
        let none = self.f.b.emit_jump(Instr::JumpIfUndefined { cond: method, target: 0 });
        self.emit(Instr::Call { dst: result, callee: method, this: iter, args: result, argc: 0 });
        self.emit_await(result, result);
        let msg = self.atom("iterator result is not an object");
        self.emit(Instr::RequireObject { src: result, a: msg });
        self.f.b.patch_here(none);
        self.f.b.release(mark);
    }

    /// AsyncIteratorClose(iter, throw completion of `exc`): `return()` is
    /// called and awaited, but the original exception is what propagates.
    pub(crate) fn emit_async_iterator_close_throw(&mut self, iter: Reg, exc: Reg) {
        let mark = self.f.b.mark();
        let method = self.f.b.alloc();
        let result = self.f.b.alloc();
        let scratch = self.f.b.alloc();
        let start = self.f.b.pc();
        let a = self.atom("return");
        self.emit(Instr::GetMethod { dst: method, obj: iter, a });
        let none = self.f.b.emit_jump(Instr::JumpIfUndefined { cond: method, target: 0 });
        self.emit(Instr::Call { dst: result, callee: method, this: iter, args: result, argc: 0 });
        self.emit(Instr::Await { value: result });
        let end = self.f.b.pc();
        self.f.b.patch_here(none);
        let rethrow = self.f.b.pc();
        self.emit(Instr::Throw { src: exc });
        let depth = self.f.b.env_depth;
        self.f.b.add_handler(start, end, rethrow, scratch, depth);
        self.f.b.release(mark);
    }

    /// `for await`'s step: `value := IteratorValue(? Await(? Call(next)))`,
    /// or a jump (returned, to patch) out of the loop when done.
    pub(crate) fn emit_async_iterator_step(&mut self, iter: Reg, value: Reg) -> super::builder::JumpSite {
        let mark = self.f.b.mark();
        let result = self.f.b.alloc();
        let t = self.f.b.alloc();
        self.emit(Instr::Call { dst: result, callee: Reg(iter.0 + 1), this: iter, args: result, argc: 0 });
        self.emit_await(result, result);
        let msg = self.atom("Iterator result is not an object");
        self.emit(Instr::RequireObject { src: result, a: msg });
        let done_key = self.atom("done");
        let ic = self.f.b.cache();
        self.emit(Instr::GetField { dst: t, obj: result, a: done_key, ic });
        let exit = self.f.b.emit_jump(Instr::JumpIfTrue { cond: t, target: 0 });
        let value_key = self.atom("value");
        let ic = self.f.b.cache();
        self.emit(Instr::GetField { dst: value, obj: result, a: value_key, ic });
        self.f.b.release(mark);
        exit
    }
}
