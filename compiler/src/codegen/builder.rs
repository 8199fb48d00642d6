//! `FunctionBuilder`: the instruction buffer of one function being
//! compiled, with its registers, constants, atoms, inline caches, jump
//! patching, exception handlers and line table.
//!
//! Invariants: registers are allocated in stack order (`alloc_temp` /
//! `release`), so a register above `next_reg` is free; every emitted jump
//! is patched before `finish`.

use super::liveness::Saved;
use crate::SyntaxError;
use spindle_vm::bytecode::{Code, Constant, FunctionKind, FunctionProto, Handler, Instr, LineEntry, ProtoFlags, Reg};
use spindle_vm::object::PropertyCache;
use spindle_vm::value::Atom;
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Registers a frame may use (the encoding's wide operands are 16 bits).
const MAX_REGISTERS: u32 = 65_000;

/// A forward jump to patch once its target is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JumpSite(usize);

#[derive(Debug, Default)]
pub(crate) struct FunctionBuilder {
    pub(crate) code: Vec<Instr>,
    constants: Vec<Constant>,
    atoms: Vec<Atom>,
    atom_index: FxHashMap<Atom, u32>,
    number_index: FxHashMap<u64, u32>,
    handlers: Vec<Handler>,
    lines: Vec<LineEntry>,
    caches: u32,
    /// First free register.
    next_reg: u32,
    /// Most registers ever in use.
    max_reg: u32,
    /// Most registers in use at a suspension point (`Yield`, `Await`, or
    /// the coroutine's start): the only ones a suspended activation keeps.
    suspend_reg: u32,
    /// A coroutine's resume register (its mode register is the next) and
    /// the pc where they were allocated: `finish` moves the pair above
    /// every other register.
    resume_reg: Option<(u16, usize)>,
    /// Environments pushed at this point of the code (for handlers).
    pub(crate) env_depth: u16,
    too_many_registers: bool,
}

impl FunctionBuilder {
    pub(crate) fn new() -> FunctionBuilder {
        FunctionBuilder::default()
    }

    // ----- instructions -----

    /// Appends `instr`; returns its pc.
    pub(crate) fn emit(&mut self, instr: Instr) -> usize {
        if matches!(instr, Instr::Yield { .. } | Instr::Await { .. } | Instr::GeneratorStart { .. } | Instr::AsyncStart { .. }) {
            // Registers are allocated in stack order, so every register
            // live across this suspension is below `next_reg`.
            self.suspend_reg = self.suspend_reg.max(self.next_reg);
        }
        self.code.push(instr);
        self.code.len() - 1
    }

    /// The pc the next instruction will have.
    pub(crate) fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    /// Emits a jump-like instruction whose target is patched later.
    pub(crate) fn emit_jump(&mut self, instr: Instr) -> JumpSite {
        JumpSite(self.emit(instr))
    }

    /// Points the jump at `site` to the next instruction.
    pub(crate) fn patch_here(&mut self, site: JumpSite) {
        let here = self.pc();
        self.patch(site, here);
    }

    /// Points the jump at `site` to `target`.
    pub(crate) fn patch(&mut self, site: JumpSite, target: u32) {
        if let Some(i) = self.code.get_mut(site.0) {
            match i {
                Instr::Jump { target: t }
                | Instr::JumpIfTrue { target: t, .. }
                | Instr::JumpIfFalse { target: t, .. }
                | Instr::JumpIfNullish { target: t, .. }
                | Instr::JumpIfNotNullish { target: t, .. }
                | Instr::JumpIfUndefined { target: t, .. }
                | Instr::JumpIfNotUndefined { target: t, .. }
                | Instr::JumpIfLt { target: t, .. }
                | Instr::JumpIfLtEq { target: t, .. }
                | Instr::JumpIfGt { target: t, .. }
                | Instr::JumpIfGtEq { target: t, .. }
                | Instr::JumpIfLtI { target: t, .. }
                | Instr::JumpIfLtEqI { target: t, .. }
                | Instr::JumpIfGtI { target: t, .. }
                | Instr::JumpIfGtEqI { target: t, .. }
                | Instr::IteratorStep { target: t, .. }
                | Instr::ForInNext { target: t, .. }
                | Instr::GetName { target: t, .. }
                | Instr::SetName { target: t, .. }
                | Instr::GetNameRef { target: t, .. }
                | Instr::SetNameRef { target: t, .. } => *t = target,
                _ => debug_assert!(false, "patching a non-jump"),
            }
        }
    }

    /// Records that the code from here on comes from `line:column`.
    pub(crate) fn mark_position(&mut self, line: u32, column: u32) {
        let pc = self.pc();
        if let Some(last) = self.lines.last_mut() {
            if last.pc == pc {
                last.line = line;
                last.column = column;
                return;
            }
            if last.line == line && last.column == column {
                return;
            }
        }
        self.lines.push(LineEntry { pc, line, column });
    }

    /// Adds an exception handler for `[start, end)`.
    pub(crate) fn add_handler(&mut self, start: u32, end: u32, target: u32, reg: Reg, env_depth: u16) {
        if start < end {
            self.handlers.push(Handler { start, end, target, reg: reg.0, env_depth });
        }
    }

    // ----- registers -----

    /// A fresh register above every register in use.
    pub(crate) fn alloc(&mut self) -> Reg {
        let r = self.next_reg;
        self.next_reg += 1;
        self.max_reg = self.max_reg.max(self.next_reg);
        if self.next_reg > MAX_REGISTERS {
            self.too_many_registers = true;
            return Reg(0);
        }
        Reg(r as u16)
    }

    /// A coroutine's resume and mode registers (the value and the kind of
    /// each resumption, written by every resumption before the code goes
    /// on, so dead at every suspension point). `finish` renumbers them to
    /// the top of the frame, out of the registers a suspension saves.
    pub(crate) fn coroutine_registers(&mut self) -> (Reg, Reg) {
        let resume = self.alloc();
        let mode = self.alloc();
        self.resume_reg = Some((resume.0, self.code.len()));
        (resume, mode)
    }

    /// `n` consecutive fresh registers; returns the first.
    pub(crate) fn alloc_many(&mut self, n: u32) -> Reg {
        let first = self.next_reg;
        for _ in 0..n {
            self.alloc();
        }
        if n == 0 {
            self.max_reg = self.max_reg.max(first + 1);
        }
        Reg(first.min(MAX_REGISTERS) as u16)
    }

    /// A mark to release registers back to.
    pub(crate) fn mark(&self) -> u32 {
        self.next_reg
    }

    /// Frees every register allocated since `mark`.
    pub(crate) fn release(&mut self, mark: u32) {
        self.next_reg = mark;
    }

    // ----- pools -----

    /// The atom operand for `atom`.
    pub(crate) fn atom(&mut self, atom: Atom) -> u32 {
        if let Some(&i) = self.atom_index.get(&atom) {
            return i;
        }
        let i = self.atoms.len() as u32;
        self.atoms.push(atom);
        self.atom_index.insert(atom, i);
        i
    }

    /// The constant operand for `k` (numbers are shared).
    pub(crate) fn constant(&mut self, k: Constant) -> u32 {
        if let Constant::Number(n) = k {
            if let Some(&i) = self.number_index.get(&n.to_bits()) {
                return i;
            }
            self.number_index.insert(n.to_bits(), self.constants.len() as u32);
        }
        self.constants.push(k);
        self.constants.len() as u32 - 1
    }

    /// A new inline-cache slot.
    pub(crate) fn cache(&mut self) -> u16 {
        self.caches += 1;
        (self.caches - 1).min(u32::from(u16::MAX)) as u16
    }

    /// The finished function.
    pub(crate) fn finish(mut self, info: ProtoInfo) -> Result<Rc<FunctionProto>, SyntaxError> {
        if self.too_many_registers || self.caches > u32::from(u16::MAX) {
            return Err(SyntaxError::new("Function is too large to compile", info.span));
        }
        let register_count = self.max_reg.max(info.param_count as u32) as u16;
        let saved = self.saved(register_count, info.param_count);
        let code = Code::new(self.code.into_boxed_slice(), register_count)
            .map_err(|e| SyntaxError::new(format!("internal compiler error: {e}"), info.span))?;
        Ok(Rc::new(FunctionProto {
            name: info.name,
            kind: info.kind,
            flags: info.flags,
            code,
            param_count: info.param_count,
            saved_start: saved.start,
            saved_registers: saved.end - saved.start,
            saved_this: saved.this,
            length: info.length,
            constants: self.constants.into_boxed_slice(),
            atoms: self.atoms.into_boxed_slice(),
            handlers: self.handlers.into_boxed_slice(),
            lines: self.lines.into_boxed_slice(),
            caches: (0..self.caches).map(|_| PropertyCache::default()).collect(),
            global_slots: (0..self.caches).map(|_| std::cell::Cell::new(0)).collect(),
            file: info.file,
            source_text: info.source_text,
            name_atom: Default::default(),
            realm: Default::default(),
        }))
    }
}

impl FunctionBuilder {
    /// What a suspension keeps: the registers live across some suspension
    /// point and whether `this` is (`liveness`), or, in a function too
    /// large to analyse, `this` and every register in use at one. A
    /// coroutine's resume and mode registers are first renumbered out of
    /// the way, to the top.
    fn saved(&mut self, register_count: u16, param_count: u16) -> Saved {
        let Some((lo, from)) = self.resume_reg else { return Saved { start: 0, end: 0, this: false } };
        self.move_to_top(lo, from, register_count);
        let resume = register_count - 2;
        if let Some(saved) = super::liveness::saved(&self.code, &self.handlers, register_count, resume) {
            return saved;
        }
        let in_use = self.suspend_reg.saturating_sub(2).max(u32::from(param_count)).min(u32::from(register_count));
        Saved { start: 0, end: in_use as u16, this: true }
    }

    /// Renumbers registers `lo` and `lo + 1`, allocated at pc `from`, to
    /// the top two of the `count`, and each register between them and the
    /// top two lower, in the code from `from` on. Every register range of
    /// that code (call arguments, an iterator and its `next`) was allocated
    /// after the pair, so each stays contiguous; the code before `from`
    /// keeps its numbers (its registers from `lo` up are temporaries it
    /// released before the pair was allocated).
    fn move_to_top(&mut self, lo: u16, from: usize, count: u16) {
        let renumber = |r: &mut Reg| {
            r.0 = match r.0 {
                r if r < lo || r >= count => r,
                r if r < lo + 2 => count - 2 + (r - lo),
                r => r - 2,
            }
        };
        for instr in self.code.iter_mut().skip(from) {
            instr.for_each_register_mut(renumber);
        }
        for handler in self.handlers.iter_mut().filter(|h| h.target as usize >= from) {
            let mut reg = Reg(handler.reg);
            renumber(&mut reg);
            handler.reg = reg.0;
        }
    }
}

/// What `finish` needs besides the code.
pub(crate) struct ProtoInfo {
    pub(crate) name: Rc<str>,
    pub(crate) kind: FunctionKind,
    pub(crate) flags: ProtoFlags,
    pub(crate) param_count: u16,
    pub(crate) length: u16,
    pub(crate) file: Rc<str>,
    pub(crate) source_text: Rc<str>,
    pub(crate) span: crate::Span,
}
