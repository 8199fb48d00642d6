//! `FunctionProto`: one compiled function — its instructions, constants,
//! exception handlers, line table and inline caches.
//!
//! Invariants: every jump target and handler target is an index into
//! `code`; every register operand is below the code's register count
//! (checked when [`Code`] is made); `lines` is sorted by pc.

use super::Instr;
use crate::object::PropertyCache;
use crate::value::Atom;
use std::rc::Rc;

/// A constant of the constant pool.
#[derive(Debug, Clone)]
pub enum Constant {
    /// A Number.
    Number(f64),
    /// A BigInt, as decimal digits.
    BigInt(Rc<str>),
    /// A nested function.
    Function(Rc<FunctionProto>),
    /// The strings of a template literal site.
    Template(Rc<TemplateSite>),
    /// What a direct `eval` call site knows of its caller.
    EvalSite(Rc<EvalSite>),
}

/// The static context of a direct `eval(...)` call, for PerformEval and
/// EvalDeclarationInstantiation (§19.2.1.1, §19.2.1.3).
#[derive(Debug, Default)]
pub struct EvalSite {
    /// The calling code is strict.
    pub strict: bool,
    /// The names bound between the call and its variable environment
    /// (lexical declarations of enclosing blocks and of the function body;
    /// in a parameter list, the parameters and `arguments`): a `var` of
    /// sloppy eval code with one of these names is a SyntaxError.
    pub lexical_names: Box<[crate::value::Atom]>,
    /// The environments the call site sees, innermost first, out to (not
    /// including) the global one; empty for indirect eval.
    pub scopes: Box<[EvalScope]>,
    /// Where the caller's `this` is: `None` for its frame's, else
    /// `(depth, slot)` of an environment (an arrow function's lexical `this`).
    pub this_slot: Option<(u16, u16)>,
    /// What the eval code may contain (§19.2.1.1 steps 5-8): the caller is
    /// in a non-arrow function (`new.target`), in a method (`super.x`), in a
    /// derived constructor (`super()`), in a class field initialiser or
    /// static block (`arguments` is an early error).
    pub in_function: bool,
    /// See `in_function`.
    pub in_method: bool,
    /// See `in_function`.
    pub in_derived_constructor: bool,
    /// See `in_function`.
    pub in_class_field_initializer: bool,
}

/// One run-time environment seen by a direct eval call site.
#[derive(Debug)]
pub struct EvalScope {
    /// What kind of scope made it.
    pub kind: EvalScopeKind,
    /// Its code is strict.
    pub strict: bool,
    /// Its bindings: name, slot, and the compiler's code of the binding kind
    /// (for TDZ and immutability).
    pub bindings: Box<[(crate::value::Atom, u16, u8)]>,
    /// A class body's private names and the slots holding them.
    pub private_names: Box<[(crate::value::Atom, u16)]>,
    /// A derived constructor's function environment that holds the
    /// constructor, its `new.target` and its `this` binding (it contains a
    /// direct eval, which may call `super()`): their slots.
    pub constructor_slots: Option<[u16; 3]>,
}

/// The kind of scope an [`EvalScope`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalScopeKind {
    /// A block, `catch`, class body or other declarative scope.
    Declarative,
    /// A function's variable environment; `sloppy_eval`: it contains a
    /// sloppy direct eval, so it may hold an object of eval-declared vars.
    Function {
        /// See above.
        sloppy_eval: bool,
    },
    /// A `with` statement's object environment.
    With,
}

/// The literal pieces of a tagged template call site.
#[derive(Debug)]
pub struct TemplateSite {
    /// Cooked strings (`None` for an invalid escape), as UTF-16.
    pub cooked: Vec<Option<Vec<u16>>>,
    /// Raw strings, as UTF-16.
    pub raw: Vec<Vec<u16>>,
}

/// An exception handler: a throw while `start <= pc < end` jumps to
/// `target` with the exception in `reg`, after popping environments down to
/// `env_depth`.
#[derive(Debug, Clone, Copy)]
pub struct Handler {
    /// First covered instruction.
    pub start: u32,
    /// One past the last covered instruction.
    pub end: u32,
    /// Where to continue.
    pub target: u32,
    /// Register that receives the exception.
    pub reg: u16,
    /// Environment depth (pushes since function entry) at the `try`.
    pub env_depth: u16,
}

/// Source position of the instructions from `pc` on.
#[derive(Debug, Clone, Copy)]
pub struct LineEntry {
    /// First instruction at this position.
    pub pc: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// What kind of function, for calling and constructing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    /// Top-level script or eval code.
    Script,
    /// `function` (callable and constructible).
    Normal,
    /// Arrow function (lexical this; not constructible).
    Arrow,
    /// Method, getter, setter, field initializer (not constructible).
    Method,
    /// Class constructor (constructible only).
    ClassConstructor,
    /// Class constructor of a class with `extends`.
    DerivedConstructor,
    /// `function*` (callable, not constructible; returns a generator).
    Generator,
    /// `async function`, async arrow or method (returns a promise).
    Async,
    /// `async function*` (callable, not constructible; returns an async generator).
    AsyncGenerator,
}

/// Flags of a compiled function.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProtoFlags {
    /// Strict-mode code.
    pub strict: bool,
    /// Needs the actual argument list (uses `arguments` or a rest parameter).
    pub needs_args: bool,
}

/// The instructions of a function and the number of registers its frame
/// needs. Invariant, checked when made and relied on by the interpreter's
/// unchecked register access: every register operand of every instruction
/// is below `register_count`.
#[derive(Debug, Default, Clone)]
pub struct Code {
    instrs: Box<[Instr]>,
    register_count: u16,
}

/// Code that breaks the invariant of [`Code`]: instruction `pc` names
/// register `register`, but the frame has only `register_count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct InvalidCode {
    pub pc: usize,
    pub register: u16,
    pub register_count: u16,
}

impl std::fmt::Display for InvalidCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "instruction {} uses register r{} of a frame of {} registers", self.pc, self.register, self.register_count)
    }
}

impl Code {
    /// Verifies `instrs` against `register_count` (the invariant of [`Code`]).
    pub fn new(instrs: Box<[Instr]>, register_count: u16) -> Result<Code, InvalidCode> {
        for (pc, instr) in instrs.iter().enumerate() {
            let mut bad = None;
            instr.for_each_register(|r| {
                if r.0 >= register_count {
                    bad.get_or_insert(r.0);
                }
            });
            if let Some(register) = bad {
                return Err(InvalidCode { pc, register, register_count });
            }
        }
        Ok(Code { instrs, register_count })
    }

    /// The number of registers a frame of this code needs.
    pub fn register_count(&self) -> u16 {
        self.register_count
    }
}

impl std::ops::Deref for Code {
    type Target = [Instr];
    fn deref(&self) -> &[Instr] {
        &self.instrs
    }
}

/// A compiled function.
#[derive(Debug)]
pub struct FunctionProto {
    /// The function's name (for stack traces and `name`).
    pub name: Rc<str>,
    /// What kind.
    pub kind: FunctionKind,
    /// Flags.
    pub flags: ProtoFlags,
    /// The instructions and the number of registers the frame needs.
    pub code: Code,
    /// Number of formal parameters that receive arguments (registers 0..).
    pub param_count: u16,
    /// Coroutines: the first register a suspended activation keeps.
    pub saved_start: u16,
    /// Coroutines: how many registers a suspended activation keeps, from
    /// `saved_start` on (the compiler's liveness analysis: every register
    /// live across some suspension point, the resume and mode registers,
    /// which every resumption writes, left out). The window ends at most
    /// at the register count.
    pub saved_registers: u16,
    /// Coroutines: a suspended activation keeps its `this` (some
    /// instruction reading it may run after a suspension).
    pub saved_this: bool,
    /// The `length` property: parameters before the first default or rest.
    pub length: u16,
    /// Constant pool.
    pub constants: Box<[Constant]>,
    /// Atoms used by name operands.
    pub atoms: Box<[Atom]>,
    /// Exception handlers, innermost first.
    pub handlers: Box<[Handler]>,
    /// pc → source position.
    pub lines: Box<[LineEntry]>,
    /// Inline caches of property instructions.
    pub caches: Box<[PropertyCache]>,
    /// Global-lexical slot caches of `GetGlobal` (slot + 1; 0 = unknown;
    /// with the top bit: not lexical while there are that many bindings),
    /// indexed like `caches`. Valid for one realm's global lexical record:
    /// see `realm`.
    pub global_slots: Box<[std::cell::Cell<u32>]>,
    /// The source file name.
    pub file: Rc<str>,
    /// The source text of the function (for `Function.prototype.toString`).
    pub source_text: Rc<str>,
    /// `name` as an atom, interned when the first closure is made.
    pub name_atom: std::cell::Cell<Option<Atom>>,
    /// Script code: the realm it first ran in. Its functions (and theirs)
    /// only ever run in that realm, so its inline caches of the global
    /// scope are that realm's; running it in another realm runs a copy
    /// with fresh caches ([`FunctionProto::fresh_copy`]).
    pub realm: std::cell::Cell<Option<crate::realm::RealmId>>,
}

impl FunctionProto {
    /// A function with no code (the placeholder when no frame is active).
    pub fn empty() -> FunctionProto {
        FunctionProto {
            name: Rc::from(""),
            kind: FunctionKind::Script,
            flags: ProtoFlags::default(),
            code: Code::default(),
            param_count: 0,
            saved_start: 0,
            saved_registers: 0,
            saved_this: false,
            length: 0,
            constants: Box::new([]),
            atoms: Box::new([]),
            handlers: Box::new([]),
            lines: Box::new([]),
            caches: Box::new([]),
            global_slots: Box::new([]),
            file: Rc::from(""),
            source_text: Rc::from(""),
            name_atom: Default::default(),
            realm: Default::default(),
        }
    }

    /// A copy of this function and of the functions nested in it, with
    /// empty inline caches and no realm yet.
    pub fn fresh_copy(&self) -> FunctionProto {
        let constants = self.constants.iter().map(|k| match k {
            Constant::Function(p) => Constant::Function(Rc::new(p.fresh_copy())),
            other => other.clone(),
        });
        FunctionProto {
            name: self.name.clone(),
            kind: self.kind,
            flags: self.flags,
            code: self.code.clone(),
            param_count: self.param_count,
            saved_start: self.saved_start,
            saved_registers: self.saved_registers,
            saved_this: self.saved_this,
            length: self.length,
            constants: constants.collect(),
            atoms: self.atoms.clone(),
            handlers: self.handlers.clone(),
            lines: self.lines.clone(),
            caches: self.caches.iter().map(|_| PropertyCache::default()).collect(),
            global_slots: self.global_slots.iter().map(|_| std::cell::Cell::new(0)).collect(),
            file: self.file.clone(),
            source_text: self.source_text.clone(),
            name_atom: self.name_atom.clone(),
            realm: Default::default(),
        }
    }

    /// Can be constructed with `new`.
    pub fn is_constructor(&self) -> bool {
        matches!(self.kind, FunctionKind::Normal | FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor)
    }

    /// The source position of instruction `pc`.
    pub fn position(&self, pc: usize) -> Option<(u32, u32)> {
        let i = self.lines.partition_point(|e| e.pc as usize <= pc);
        let e = self.lines.get(i.checked_sub(1)?)?;
        Some((e.line, e.column))
    }

    /// The handler covering `pc`, if any (innermost first).
    pub fn handler_at(&self, pc: usize) -> Option<Handler> {
        self.handlers.iter().copied().find(|h| (h.start as usize) <= pc && pc < h.end as usize)
    }

    /// The compact byte encoding of the code.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for i in self.code.iter() {
            i.encode(&mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Reg;

    #[test]
    fn code_with_a_register_outside_the_frame_is_refused() {
        let ok = [Instr::LoadInt { dst: Reg(1), imm: 3 }, Instr::Add { dst: Reg(0), a: Reg(1), b: Reg(1) }];
        let code = Code::new(Box::new(ok), 2).expect("every register is below 2");
        assert_eq!((code.len(), code.register_count()), (2, 2));
        let bad = [Instr::LoadInt { dst: Reg(0), imm: 3 }, Instr::Move { dst: Reg(0), src: Reg(2) }];
        let err = Code::new(Box::new(bad), 2).unwrap_err();
        assert_eq!(err, InvalidCode { pc: 1, register: 2, register_count: 2 });
        assert_eq!(err.to_string(), "instruction 1 uses register r2 of a frame of 2 registers");
    }
}
