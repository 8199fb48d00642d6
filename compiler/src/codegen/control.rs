//! Non-local control flow: `break`, `continue` and `return` out of loops,
//! labels, `switch`, environments, `for-of` and destructuring iterators and
//! `finally` blocks.
//!
//! The control stack records what a jump crosses. A jump out of a `try`
//! with `finally` sets the finally's completion register to a code and
//! jumps into the finally; the dispatch after the finally body continues
//! the jump from there (so a finally body is compiled once).

use super::builder::JumpSite;
use super::{CResult, Compiler};
use crate::ast::ScopeId;
use crate::span::Span;
use spindle_vm::bytecode::{Instr, Reg};

/// One entry of the control stack.
#[derive(Debug)]
pub(crate) enum Control<'a> {
    /// An environment pushed by a scope (a jump out pops it).
    Env,
    /// A breakable statement: loop, `switch` or labelled statement.
    Breakable {
        /// Labels naming it.
        labels: Vec<&'a str>,
        /// A loop (`continue` may target it).
        is_loop: bool,
        /// For `switch`: its scope (for TDZ analysis).
        switch_scope: Option<ScopeId>,
        /// Jumps to the end.
        breaks: Vec<JumpSite>,
        /// Jumps to the continue point.
        continues: Vec<JumpSite>,
        /// A `for-of` loop's iterator, closed by a jump out of the loop.
        iterator: Option<Reg>,
        /// The iterator is a `for await` loop's (closed with AsyncIteratorClose).
        async_iterator: bool,
    },
    /// An array destructuring's iterator: a jump out (a generator's
    /// `return` at a `yield` in the pattern) closes it unless it is done.
    Destructuring {
        /// The iterator record (two registers).
        iter: Reg,
        /// Holds `true` once the iterator is exhausted.
        done: Reg,
    },
    /// A `try` with `finally`: jumps out go through it.
    Finally {
        /// Completion kind register: 0 normal, 1 throw, 2 return, 3.. pending jumps.
        kind: Reg,
        /// Completion value register.
        value: Reg,
        /// Jumps into the finally body.
        entries: Vec<JumpSite>,
        /// Jumps that go on after the finally: (code, destination).
        pending: Vec<(i32, Exit)>,
    },
}

/// Where a jump out is going.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Exit {
    /// `break` to the breakable at control index i.
    Break(usize),
    /// `continue` to the loop at control index i.
    Continue(usize),
    /// `return` with the value in the given register.
    Return,
}

impl<'a> Control<'a> {
    /// A breakable entry.
    pub(crate) fn breakable(labels: Vec<&'a str>, is_loop: bool, switch_scope: Option<ScopeId>) -> Control<'a> {
        Control::Breakable { labels, is_loop, switch_scope, breaks: Vec::new(), continues: Vec::new(), iterator: None, async_iterator: false }
    }

    /// This is the `switch` whose scope is `scope`.
    pub(crate) fn is_switch_scope(&self, scope: ScopeId) -> bool {
        matches!(self, Control::Breakable { switch_scope: Some(s), .. } if *s == scope)
    }
}

impl<'a> Compiler<'a, '_> {
    /// Index of the breakable `break label` or `continue label` targets.
    pub(crate) fn find_target(&self, label: Option<&str>, is_continue: bool, span: Span) -> CResult<usize> {
        for (i, c) in self.f.control.iter().enumerate().rev() {
            if let Control::Breakable { labels, is_loop, switch_scope, .. } = c {
                let matches = match label {
                    Some(l) => labels.contains(&l),
                    None => *is_loop || (!is_continue && switch_scope.is_some()),
                };
                if matches && (!is_continue || *is_loop) {
                    return Ok(i);
                }
            }
        }
        Err(crate::SyntaxError::new("Illegal break or continue target", span))
    }

    /// Emits a jump out to `exit`, through every environment, iterator and
    /// finally between here and its target. `from` is the control depth the
    /// jump starts at; `value` holds the return value for `Exit::Return`.
    pub(crate) fn emit_exit(&mut self, exit: Exit, from: usize, value: Option<Reg>) -> CResult<()> {
        let stop = match exit {
            Exit::Break(i) | Exit::Continue(i) => i + 1,
            Exit::Return => 0,
        };
        // A return that leaves the function without running a `finally`
        // keeps its environments: they go with the frame, and the return
        // itself may still read them (a derived constructor's `this`).
        let leaves_frame = matches!(exit, Exit::Return) && !self.f.control[..from].iter().any(|c| matches!(c, Control::Finally { .. }));
        let mut i = from;
        while i > stop {
            i -= 1;
            match &self.f.control[i] {
                Control::Env if leaves_frame => {}
                Control::Env => {
                    self.emit(Instr::PopEnv {});
                }
                Control::Finally { kind, value: v, .. } => {
                    let (kind, v) = (*kind, *v);
                    let code = self.pending_code(i, exit);
                    self.emit(Instr::LoadInt { dst: kind, imm: code });
                    if let (Exit::Return, Some(val)) = (exit, value) {
                        self.emit(Instr::Move { dst: v, src: val });
                    }
                    let site = self.f.b.emit_jump(Instr::Jump { target: 0 });
                    if let Control::Finally { entries, .. } = &mut self.f.control[i] {
                        entries.push(site);
                    }
                    return Ok(());
                }
                Control::Breakable { iterator: Some(r), async_iterator, .. } => {
                    let (r, is_async) = (*r, *async_iterator);
                    self.emit_iterator_close(r, is_async);
                }
                Control::Breakable { .. } => {}
                Control::Destructuring { iter, done } => {
                    let (iter, done) = (*iter, *done);
                    let skip = self.f.b.emit_jump(Instr::JumpIfTrue { cond: done, target: 0 });
                    // Done first: a throw from `return()` must not close it again.
                    self.emit(Instr::LoadTrue { dst: done });
                    self.emit(Instr::IteratorClose { iter });
                    self.f.b.patch_here(skip);
                }
            }
        }
        if let (Exit::Break(_), Some(Control::Breakable { iterator: Some(r), async_iterator, .. })) = (exit, self.f.control.get(stop.wrapping_sub(1))) {
            let (r, is_async) = (*r, *async_iterator);
            self.emit_iterator_close(r, is_async);
        }
        match exit {
            Exit::Break(t) | Exit::Continue(t) => {
                let site = self.f.b.emit_jump(Instr::Jump { target: 0 });
                if let Control::Breakable { breaks, continues, .. } = &mut self.f.control[t] {
                    if matches!(exit, Exit::Break(_)) {
                        breaks.push(site);
                    } else {
                        continues.push(site);
                    }
                }
            }
            Exit::Return => {
                let r = value.unwrap_or(Reg(0));
                self.emit_return(r);
            }
        }
        Ok(())
    }

    /// IteratorClose (or AsyncIteratorClose) of a loop's iterator on a jump out.
    fn emit_iterator_close(&mut self, iter: Reg, is_async: bool) {
        if is_async {
            self.emit_async_iterator_close(iter);
        } else {
            self.emit(Instr::IteratorClose { iter });
        }
    }

    /// The completion code the finally at control index `i` uses for `exit`.
    fn pending_code(&mut self, i: usize, exit: Exit) -> i32 {
        let Control::Finally { pending, .. } = &mut self.f.control[i] else { return 0 };
        if let Exit::Return = exit {
            return 2;
        }
        let code = 3 + pending.len() as i32;
        pending.push((code, exit));
        code
    }

    /// `return r`, finishing a derived constructor's `this` check in the VM.
    pub(crate) fn emit_return(&mut self, r: Reg) {
        // A derived constructor whose `this` arrows may bind returns it
        // from the environment for `undefined` (a ReferenceError while
        // unbound); other results are judged by the return itself.
        if let Some((depth, slot)) = self.env_bound_this() {
            let keep = self.f.b.emit_jump(Instr::JumpIfNotUndefined { cond: r, target: 0 });
            let a = self.atom("this");
            self.emit(Instr::GetEnv { dst: r, depth, slot, a });
            self.f.b.patch_here(keep);
        }
        self.emit(Instr::Return { src: r });
    }

    /// After a finally body: rethrow, return, or continue a pending jump.
    pub(crate) fn emit_finally_dispatch(&mut self, index: usize, kind: Reg, value: Reg, pending: Vec<(i32, Exit)>) -> CResult<()> {
        let mark = self.f.b.mark();
        let code = self.f.b.alloc();
        let test = self.f.b.alloc();
        for (c, exit) in [(1, None), (2, Some(Exit::Return))].into_iter().chain(pending.into_iter().map(|(c, e)| (c, Some(e)))) {
            self.emit(Instr::LoadInt { dst: code, imm: c });
            self.emit(Instr::StrictEq { dst: test, a: kind, b: code });
            let skip = self.f.b.emit_jump(Instr::JumpIfFalse { cond: test, target: 0 });
            match exit {
                None => {
                    self.emit(Instr::Throw { src: value });
                }
                Some(e) => self.emit_exit(e, index, Some(value))?,
            }
            self.f.b.patch_here(skip);
        }
        self.f.b.release(mark);
        Ok(())
    }
}
