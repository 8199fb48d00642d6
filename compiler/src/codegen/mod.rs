//! Code generation: the resolved AST to [`FunctionProto`]s for the VM.
//!
//! One [`Compiler`] walks a whole program; it keeps a [`FunctionState`] per
//! function being compiled (nested functions are compiled when reached and
//! become constants of their parent). Bindings live in registers unless a
//! closure captures them (then in a slot of their scope's environment) or
//! they are top-level bindings of a script (then global).
//!
//! Invariants: `FunctionState::scope` is the innermost scope whose code is
//! being emitted, and the environments the VM holds at that point are
//! exactly the env-bearing scopes from there out; every register holding a
//! binding is allocated when its scope is entered and released when left.

mod builder;
mod class;
mod control;
mod eval_code;
mod eval_site;
mod expr;
mod function;
mod generator;
mod liveness;
mod module;
mod async_iteration;
mod pattern;
mod scopes;
mod stmt;

use crate::ast::{Program, ScopeId};
use crate::scope::ScopeTree;
use crate::span::{LineIndex, Span};
use crate::SyntaxError;
use builder::{FunctionBuilder, ProtoInfo};
use control::Control;
use rustc_hash::FxHashMap;
use spindle_vm::bytecode::{FunctionKind, FunctionProto, Instr, ProtoFlags, Reg};
use spindle_vm::heap::Heap;
use std::rc::Rc;

pub use module::{compile_module, CompiledModule, ExportEntry, ImportEntry, ModuleRequest};

type CResult<T> = Result<T, SyntaxError>;

pub use eval_code::compile_eval;

/// Compiles a parsed script into the proto of its top-level code. Atoms
/// (names and string constants) are interned in `heap`, so the result runs
/// on the VM owning that heap.
pub fn compile_script(program: &Program<'_>, scopes: &ScopeTree<'_>, heap: &mut Heap, file: &str, source: &str) -> Result<Rc<FunctionProto>, SyntaxError> {
    let mut c = Compiler {
        scopes,
        heap,
        file: Rc::from(file),
        source,
        lines: LineIndex::new(source),
        f: FunctionState::new(program.scope, program.strict),
        env_slots: FxHashMap::default(),
        private_scopes: Vec::new(),
        fn_flags: FxHashMap::default(),
        eval_outer: None,
        module_await: false,
    };
    c.script_body(program)?;
    let f = std::mem::replace(&mut c.f, FunctionState::new(program.scope, false));
    let info = ProtoInfo {
        name: Rc::from(""),
        kind: FunctionKind::Script,
        flags: ProtoFlags { strict: program.strict, needs_args: false },
        param_count: 0,
        length: 0,
        file: c.file.clone(),
        source_text: Rc::from(""),
        span: program.span,
    };
    f.b.finish(info)
}

/// Per-function compilation state.
pub(crate) struct FunctionState<'a> {
    pub(crate) b: FunctionBuilder,
    /// The function's own scope.
    pub(crate) function_scope: ScopeId,
    /// The innermost scope at this point of the code.
    pub(crate) scope: ScopeId,
    pub(crate) strict: bool,
    /// Register of each register-resident binding: (scope, binding index).
    pub(crate) regs: FxHashMap<(ScopeId, u32), Reg>,
    /// Loops, labels, `finally` blocks and environments, innermost last.
    pub(crate) control: Vec<Control<'a>>,
    /// Jumps to the end of the innermost optional chain.
    pub(crate) optional_exits: Vec<Vec<builder::JumpSite>>,
    /// Registers holding the function object and new.target (class constructors).
    pub(crate) callee_reg: Option<Reg>,
    pub(crate) new_target_reg: Option<Reg>,
    /// The register holding `this`, loaded once on entry, in functions
    /// whose `this` is fixed from the start (not arrows, not derived
    /// constructors) and used.
    pub(crate) this_reg: Option<Reg>,
    /// Generators: the registers receiving the sent value and the resumption kind.
    pub(crate) generator: Option<(Reg, Reg)>,
    /// The function is an async generator (`yield` and `return` await).
    pub(crate) async_generator: bool,
    /// A non-simple parameter list: where it ends. Its parameters start in
    /// their TDZ and are initialised in order, so a use before this offset
    /// (in a default or pattern) is checked.
    pub(crate) param_tdz_end: Option<u32>,
    /// Lexical bindings whose initialiser is being compiled: still in
    /// their TDZ though the use comes after the name.
    pub(crate) initializing: Vec<(ScopeId, u32)>,
    /// A class field's initializer: the register of the field's key, which
    /// names an anonymous function its expression makes.
    pub(crate) field_key: Option<Reg>,
    /// Script and eval code: the register holding the completion value of
    /// the statements run so far (`None` in functions and `finally` blocks).
    pub(crate) completion: Option<Reg>,
}

impl FunctionState<'_> {
    fn new(scope: ScopeId, strict: bool) -> Self {
        FunctionState {
            b: FunctionBuilder::new(),
            function_scope: scope,
            scope,
            strict,
            regs: FxHashMap::default(),
            control: Vec::new(),
            optional_exits: Vec::new(),
            callee_reg: None,
            new_target_reg: None,
            this_reg: None,
            generator: None,
            async_generator: false,
            param_tdz_end: None,
            initializing: Vec::new(),
            field_key: None,
            completion: None,
        }
    }
}

/// The code generator for one program.
pub(crate) struct Compiler<'a, 'h> {
    pub(crate) scopes: &'h ScopeTree<'a>,
    pub(crate) heap: &'h mut Heap,
    pub(crate) file: Rc<str>,
    pub(crate) source: &'a str,
    pub(crate) lines: LineIndex,
    pub(crate) f: FunctionState<'a>,
    /// Environment slot of each captured binding, and each scope's env size.
    pub(crate) env_slots: FxHashMap<ScopeId, scopes::EnvLayout>,
    /// Private names of the classes being compiled, innermost last.
    pub(crate) private_scopes: Vec<class::PrivateScope<'a>>,
    /// The flags of each function compiled, by its scope (what a direct
    /// eval inside may contain).
    pub(crate) fn_flags: FxHashMap<ScopeId, crate::ast::FunctionFlags>,
    /// Eval code: the site of the call that runs it.
    pub(crate) eval_outer: Option<&'h spindle_vm::bytecode::EvalSite>,
    /// A module's top level used `await` while compiled as a plain body.
    pub(crate) module_await: bool,
}

impl<'a> Compiler<'a, '_> {
    /// Emits an instruction.
    pub(crate) fn emit(&mut self, instr: Instr) -> usize {
        self.f.b.emit(instr)
    }

    /// The error for a construct this code generator does not handle.
    pub(crate) fn unsupported<T>(&self, what: &str, span: Span) -> CResult<T> {
        Err(SyntaxError::new(format!("{what} is not supported by Spindle's compiler yet"), span))
    }

    /// Records the source position of the code emitted next.
    pub(crate) fn position(&mut self, span: Span) {
        let (line, column) = self.lines.line_col(self.source, span.start);
        self.f.b.mark_position(line, column);
    }

    /// The atom operand for `name`.
    pub(crate) fn atom(&mut self, name: &str) -> u32 {
        let a = self.heap.intern_str(name);
        self.f.b.atom(a)
    }

    /// The atom operand for a UTF-16 string.
    pub(crate) fn atom_units(&mut self, units: &[u16]) -> u32 {
        let a = self.heap.intern(units);
        self.f.b.atom(a)
    }

    /// The source text of `span`.
    pub(crate) fn text(&self, span: Span) -> &'a str {
        self.source.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}
