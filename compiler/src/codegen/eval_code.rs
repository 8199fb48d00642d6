//! Eval code: compiling the body of an eval (PerformEval steps 16-30,
//! §19.2.1.1) against the synthetic scopes of its call site, and
//! EvalDeclarationInstantiation (§19.2.1.3).
//!
//! The code runs in the caller's environment (`Vm::run_eval`), so a
//! synthetic scope's bindings are the caller's environment slots, named by
//! the [`EvalSite`]. The eval code's own top-level scope (an
//! [`ScopeKind::Eval`] scope) is a new declarative environment for its
//! lexical declarations, and, in strict code, for its `var`s and
//! functions. In sloppy code those are *eval vars*, bindings of the
//! caller's variable environment: a global var (deletable) when that is
//! the global environment; the caller's own binding when the function
//! already declares the name; otherwise a deletable property of the
//! function environment's eval-vars object, reached by name lookup.

use super::scopes::EnvLayout;
use super::{class::PrivateScope, CResult, Compiler, FunctionState, ProtoInfo};
use crate::ast::{Program, ScopeId};
use crate::scope::{BindingKind, ScopeKind, ScopeTree};
use crate::span::LineIndex;
use crate::SyntaxError;
use bumpalo::Bump;
use rustc_hash::FxHashMap;
use spindle_vm::bytecode::{EvalSite, FunctionKind, FunctionProto, Instr, ProtoFlags, Reg};
use spindle_vm::heap::Heap;
use std::rc::Rc;

/// Where an eval var of sloppy eval code lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EvalVar {
    /// The caller's variable environment is the global one.
    Global,
    /// The caller's function declares the name: that binding.
    Static(ScopeId, u32),
    /// A property of the eval-vars object of the function's variable
    /// environment, the synthetic scope `var_scope`.
    Dynamic {
        /// The synthetic scope of the caller's variable environment.
        var_scope: ScopeId,
    },
}

/// Compiles parsed eval code (from [`crate::parse_eval`] with the same
/// `site`) into a proto of kind `Script` for `Vm::run_eval` (or, for an
/// indirect eval and its default site, `Vm::run_script`).
pub fn compile_eval<'a>(
    program: &Program<'a>,
    scopes: &ScopeTree<'a>,
    site: &EvalSite,
    arena: &'a Bump,
    heap: &mut Heap,
    file: &str,
    source: &'a str,
) -> Result<Rc<FunctionProto>, SyntaxError> {
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
        eval_outer: Some(site),
        module_await: false,
    };
    c.adopt_call_site(program.scope, site, arena);
    c.eval_body(program)?;
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

impl<'a> Compiler<'a, '_> {
    /// Gives each synthetic scope the layout of the caller's environment it
    /// stands for, and its private names.
    fn adopt_call_site(&mut self, eval_scope: ScopeId, site: &EvalSite, arena: &'a Bump) {
        let mut privates = Vec::new();
        let mut id = self.scopes.scope(eval_scope).parent;
        for outer in site.scopes.iter() {
            let Some(scope) = id else { break };
            let slots: Vec<Option<u16>> = outer.bindings.iter().map(|&(_, slot, _)| Some(slot)).collect();
            let used = outer.bindings.iter().map(|b| b.1 + 1).chain(outer.private_names.iter().map(|p| p.1 + 1));
            let kept = outer.constructor_slots.map_or(0, |s| s.iter().max().map_or(0, |m| m + 1));
            let size = used.max().unwrap_or(0).max(kept).max(1);
            let [callee_slot, new_target_slot, this_slot] = outer.constructor_slots.map_or([None; 3], |s| s.map(Some));
            self.env_slots.insert(scope, EnvLayout { size, slots, this_slot, new_target_slot, callee_slot });
            if !outer.private_names.is_empty() {
                let names = outer
                    .private_names
                    .iter()
                    .map(|&(name, slot)| (&*arena.alloc_str(&String::from_utf16_lossy(self.heap.atom_units(name))), slot))
                    .collect();
                privates.push(PrivateScope { scope, names });
            }
            id = self.scopes.scope(scope).parent;
        }
        privates.reverse();
        self.private_scopes = privates;
    }

    /// The eval body: its declarations, then its statements, returning the
    /// completion value.
    fn eval_body(&mut self, program: &Program<'a>) -> CResult<()> {
        self.enter_scope(program.scope)?;
        if let Some(slot) = self.layout(program.scope).this_slot {
            let r = self.f.b.alloc();
            self.emit(Instr::LoadThis { dst: r });
            self.emit(Instr::SetEnv { depth: 0, slot, src: r });
        }
        self.check_global_declarations(program.scope);
        // 17. The functions first, then (18) the vars not declared yet.
        self.hoist_functions(program.body)?;
        self.declare_eval_vars(program.scope);
        let completion = self.f.b.alloc();
        self.emit(Instr::LoadUndefined { dst: completion });
        self.f.completion = Some(completion);
        for s in program.body {
            self.stmt(s)?;
        }
        self.emit_return(completion);
        Ok(())
    }

    /// EvalDeclarationInstantiation steps 3.a, 8 and 10: before anything
    /// is declared, each global eval var must be declarable.
    fn check_global_declarations(&mut self, scope: ScopeId) {
        let bindings = self.scopes.scope(scope).bindings.clone();
        for (i, b) in bindings.iter().enumerate() {
            if self.eval_var(scope, i as u32) == Some(EvalVar::Global) {
                let a = self.atom(b.name);
                self.emit(Instr::CanDeclareGlobal { a, func: u16::from(b.kind == BindingKind::Function) });
            }
        }
    }

    /// EvalDeclarationInstantiation step 18: the eval vars that are not
    /// functions become bindings of the caller's variable environment.
    fn declare_eval_vars(&mut self, scope: ScopeId) {
        let bindings = self.scopes.scope(scope).bindings.clone();
        for (i, b) in bindings.iter().enumerate() {
            if b.kind != BindingKind::Var {
                continue;
            }
            self.declare_eval_var(scope, i as u32, None);
        }
    }

    /// Declares eval var `index` of the eval scope `scope` in the caller's
    /// variable environment, with the function in `func` if any; false when
    /// it is not an eval var.
    pub(crate) fn declare_eval_var(&mut self, scope: ScopeId, index: u32, func: Option<Reg>) -> bool {
        let Some(target) = self.eval_var(scope, index) else { return false };
        let a = self.atom(self.scopes.binding(scope, index).name);
        let (has_func, func) = (u16::from(func.is_some()), func.unwrap_or(Reg(0)));
        match target {
            EvalVar::Global => {
                self.emit(Instr::DeclareEvalVar { a, func, has_func, depth: 0, global: 1 });
            }
            EvalVar::Static(s, i) => {
                if has_func != 0 {
                    self.store_binding(s, i, func);
                }
            }
            EvalVar::Dynamic { var_scope } => {
                let depth = self.env_depth(var_scope);
                self.emit(Instr::DeclareEvalVar { a, func, has_func, depth, global: 0 });
            }
        }
        true
    }

    /// Where binding `index` of `scope` lives if it is an eval var (a `var`
    /// or function of sloppy eval code's top level).
    pub(crate) fn eval_var(&self, scope: ScopeId, index: u32) -> Option<EvalVar> {
        let s = self.scopes.scope(scope);
        if s.kind != ScopeKind::Eval || s.strict {
            return None;
        }
        let b = self.scopes.binding(scope, index);
        if !matches!(b.kind, BindingKind::Var | BindingKind::Function) {
            return None;
        }
        let mut id = s.parent;
        while let Some(p) = id {
            let outer = self.scopes.scope(p);
            if outer.kind == ScopeKind::Function {
                let own = self.scopes.lookup_local(p, b.name).filter(|&i| self.slot_of(p, i).is_some());
                return Some(match own {
                    Some(i) => EvalVar::Static(p, i),
                    None => EvalVar::Dynamic { var_scope: p },
                });
            }
            id = outer.parent;
        }
        Some(EvalVar::Global)
    }

    /// The slot of binding `index` of a scope whose layout is known.
    fn slot_of(&self, scope: ScopeId, index: u32) -> Option<u16> {
        self.env_slots.get(&scope)?.slots.get(index as usize).copied().flatten()
    }

    /// For an eval var reached by name: how many environments out a name
    /// lookup must search to find it (its function environment included).
    pub(crate) fn eval_var_depth(&mut self, binding: Option<(ScopeId, u32)>) -> Option<u16> {
        let (scope, index) = binding?;
        match self.eval_var(scope, index)? {
            EvalVar::Dynamic { var_scope } => Some(self.env_depth(var_scope) + 1),
            _ => None,
        }
    }
}
