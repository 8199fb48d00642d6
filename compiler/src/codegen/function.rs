//! Functions: compiling a nested function into its own proto (prologue:
//! parameters, environment, `arguments`, hoisted declarations; body), and
//! the closure instruction that instantiates it.

use super::pattern::BindMode;
use super::{CResult, Compiler, FunctionState};
use crate::ast::*;
use crate::scope::{BindingKind, ScopeKind};
use spindle_vm::bytecode::{Constant, FunctionKind, Instr, ProtoFlags, Reg};
use std::rc::Rc;

impl<'a> Compiler<'a, '_> {
    /// A closure of `f` into `dst`; `name` names an anonymous function.
    pub(crate) fn closure(&mut self, f: &Function<'a>, dst: Reg, name: Option<Name<'a>>) -> CResult<()> {
        let name = f.id.map(|i| i.name).or(name.map(|n| n.name)).unwrap_or("");
        self.closure_named(f, dst, name)
    }

    /// A closure of `f` into `dst` whose name is `name`.
    pub(crate) fn closure_named(&mut self, f: &Function<'a>, dst: Reg, name: &str) -> CResult<()> {
        let kind = function_kind(f);
        let proto = self.function(f, kind, name)?;
        let k = self.f.b.constant(Constant::Function(proto));
        self.emit(Instr::NewClosure { dst, k });
        Ok(())
    }

    /// Compiles `f` into a proto.
    pub(crate) fn function(&mut self, f: &Function<'a>, kind: FunctionKind, name: &str) -> CResult<Rc<spindle_vm::bytecode::FunctionProto>> {
        self.function_with_source(f, kind, name, f.span)
    }

    /// Compiles `f` into a proto whose `toString` is the text at `source`
    /// (a class constructor shows the whole class).
    pub(crate) fn function_with_source(&mut self, f: &Function<'a>, kind: FunctionKind, name: &str, source: crate::Span) -> CResult<Rc<spindle_vm::bytecode::FunctionProto>> {
        let outer_scope = self.f.scope;
        self.fn_flags.insert(f.scope, f.flags);
        let state = FunctionState::new(f.scope, f.flags.strict);
        let saved = std::mem::replace(&mut self.f, state);
        self.f.scope = outer_scope;
        let result = self.function_body(f, kind);
        let state = std::mem::replace(&mut self.f, saved);
        result?;
        let s = self.scopes.scope(f.scope);
        let needs_args = s.uses_arguments || f.params.iter().any(|p| p.is_rest) || kind == FunctionKind::DerivedConstructor;
        let param_count = if is_field_initializer(self.scopes, f) { 1 } else { f.params.iter().filter(|p| !p.is_rest).count() as u16 };
        let length = f.params.iter().take_while(|p| !p.is_rest && !matches!(p.pattern, Pattern::Assign(_))).count() as u16;
        let info = super::ProtoInfo {
            name: Rc::from(name),
            kind,
            flags: ProtoFlags { strict: f.flags.strict, needs_args },
            param_count,
            length,
            file: self.file.clone(),
            source_text: Rc::from(self.text(source)),
            span: f.span,
        };
        state.b.finish(info)
    }

    fn function_body(&mut self, f: &Function<'a>, kind: FunctionKind) -> CResult<()> {
        if is_field_initializer(self.scopes, f) {
            // Its one (hidden) parameter: the field's key.
            self.f.field_key = Some(self.f.b.alloc());
        }
        let param_count = f.params.iter().filter(|p| !p.is_rest).count() as u32;
        let params = self.f.b.alloc_many(param_count);
        let simple = f.params.iter().all(|p| !p.is_rest && matches!(p.pattern, Pattern::Ident(_)));
        if !simple {
            self.f.param_tdz_end = f.params.iter().map(|p| p.pattern.span().end).max();
        }
        for (i, p) in f.params.iter().enumerate() {
            if let (Pattern::Ident(id), false, true) = (p.pattern, p.is_rest, simple) {
                if let crate::scope::Resolution::Local { scope, binding, .. } = self.scopes.resolution(id.id) {
                    self.f.regs.insert((scope, binding), Reg(params.0 + i as u16));
                }
            }
        }
        if kind == FunctionKind::DerivedConstructor {
            let callee = self.f.b.alloc();
            self.emit(Instr::LoadCallee { dst: callee });
            let nt = self.f.b.alloc();
            self.emit(Instr::LoadNewTarget { dst: nt });
            self.f.callee_reg = Some(callee);
            self.f.new_target_reg = Some(nt);
        }
        self.load_fixed_this(f.scope, kind);
        if kind == FunctionKind::Async {
            // The coroutine and its promise exist before the parameters are
            // bound, so a throwing default rejects the promise.
            let (resume, mode) = self.f.b.coroutine_registers();
            self.emit(Instr::AsyncStart { resume, mode });
            self.f.generator = Some((resume, mode));
        }
        self.enter_scope(f.scope)?;
        self.bind_self_name(f)?;
        self.save_captured_this(f.scope, kind)?;
        self.bind_params(f, params)?;
        self.hoist_functions(f.body)?;
        if matches!(kind, FunctionKind::Generator | FunctionKind::AsyncGenerator) {
            let (resume, mode) = self.f.b.coroutine_registers();
            self.emit(Instr::GeneratorStart { resume, mode });
            self.f.generator = Some((resume, mode));
            self.f.async_generator = kind == FunctionKind::AsyncGenerator;
        }
        for s in f.body {
            self.stmt(s)?;
        }
        let r = self.f.b.alloc();
        self.emit(Instr::LoadUndefined { dst: r });
        self.emit_return(r);
        Ok(())
    }

    /// A function whose `this` is bound before its first instruction and
    /// never changes reads it once into a register (`this.x` is then one
    /// instruction).
    fn load_fixed_this(&mut self, scope: ScopeId, kind: FunctionKind) {
        let s = self.scopes.scope(scope);
        if !s.uses_this || s.kind == crate::scope::ScopeKind::Arrow || kind == FunctionKind::DerivedConstructor {
            return;
        }
        let r = self.f.b.alloc();
        self.emit(Instr::LoadThis { dst: r });
        self.f.this_reg = Some(r);
    }

    /// A named function expression sees itself under its name.
    fn bind_self_name(&mut self, f: &Function<'a>) -> CResult<()> {
        let Some(id) = f.id else { return Ok(()) };
        let Some(index) = self.scopes.lookup_local(f.scope, id.name) else { return Ok(()) };
        if self.scopes.binding(f.scope, index).kind != BindingKind::SelfName {
            return Ok(());
        }
        let r = self.f.b.alloc();
        self.emit(Instr::LoadCallee { dst: r });
        self.store_binding(f.scope, index, r);
        Ok(())
    }

    /// A function whose `this` or `new.target` arrows capture keeps it in
    /// its environment (a derived constructor's `this` once `super()`
    /// returns).
    fn save_captured_this(&mut self, scope: ScopeId, kind: FunctionKind) -> CResult<()> {
        let layout = self.layout(scope);
        let (new_target, callee, this) = (layout.new_target_slot, layout.callee_slot, layout.this_slot);
        if let Some(slot) = new_target {
            let r = self.f.b.alloc();
            self.load_new_target(r)?;
            self.store_in_env(slot, r);
        }
        if let Some(slot) = callee {
            let r = self.f.b.alloc();
            self.emit(Instr::LoadCallee { dst: r });
            self.store_in_env(slot, r);
        }
        if let (Some(slot), false) = (this, kind == FunctionKind::DerivedConstructor) {
            let r = self.f.b.alloc();
            self.emit(Instr::LoadThis { dst: r });
            self.store_in_env(slot, r);
        }
        Ok(())
    }

    /// Slot `slot` of the function's own environment := the temporary `r`
    /// (the last register allocated, released).
    fn store_in_env(&mut self, slot: u16, r: Reg) {
        self.emit(Instr::SetEnv { depth: 0, slot, src: r });
        self.f.b.release(self.f.b.mark() - 1);
    }

    /// Parameters: copy captured ones into the environment, apply defaults,
    /// destructure patterns, collect the rest, make `arguments`.
    fn bind_params(&mut self, f: &Function<'a>, params: Reg) -> CResult<()> {
        let scope = f.scope;
        let s = self.scopes.scope(scope);
        if s.uses_arguments && self.scopes.lookup_local(scope, "arguments").is_none_or(|i| self.scopes.binding(scope, i).kind != BindingKind::Param) {
            self.make_arguments(f)?;
        }
        for (i, p) in f.params.iter().enumerate() {
            let reg = Reg(params.0 + i as u16);
            if p.is_rest {
                let mark = self.f.b.mark();
                let r = self.f.b.alloc();
                self.emit(Instr::CreateRest { dst: r, start: i as u16 });
                self.destructure(p.pattern, r, BindMode::Init)?;
                self.f.b.release(mark);
                continue;
            }
            match p.pattern {
                Pattern::Ident(id) => {
                    if !matches!(self.ident_loc(id).0, super::scopes::Loc::Reg(r) if r == reg) {
                        self.store_var(id, reg, true);
                    }
                }
                other => self.destructure(other, reg, BindMode::Init)?,
            }
        }
        Ok(())
    }

    /// The `arguments` object into the function's implicit `arguments` binding.
    fn make_arguments(&mut self, f: &Function<'a>) -> CResult<()> {
        let Some(index) = self.scopes.lookup_local(f.scope, "arguments") else { return Ok(()) };
        if self.scopes.binding(f.scope, index).kind != BindingKind::Var {
            return Ok(());
        }
        let mark = self.f.b.mark();
        let r = self.f.b.alloc();
        let mapped = if self.scopes.scope(f.scope).mapped_arguments { f.params.len() as u16 } else { 0 };
        self.emit(Instr::CreateArguments { dst: r, mapped });
        self.store_binding(f.scope, index, r);
        self.f.b.release(mark);
        Ok(())
    }

    /// Instantiates the function declarations directly in `body` (hoisting).
    pub(crate) fn hoist_functions(&mut self, body: &[Stmt<'a>]) -> CResult<()> {
        for s in body {
            let f = match s {
                Stmt::Function(f) => f,
                Stmt::Labeled(l) => match l.body {
                    Stmt::Function(f) => f,
                    _ => continue,
                },
                _ => continue,
            };
            let Some(id) = f.id else { continue };
            let mark = self.f.b.mark();
            let r = self.f.b.alloc();
            self.closure(f, r, None)?;
            let eval_var = self.scopes.lookup_local(self.f.scope, id.name).is_some_and(|i| self.declare_eval_var(self.f.scope, i, Some(r)));
            if eval_var {
            } else if self.scopes.scope(self.f.scope).kind == ScopeKind::Script {
                let a = self.atom(id.name);
                self.emit(Instr::DeclareGlobalVar { a, func: r, has_func: 1 });
            } else {
                self.store_var(id, r, true);
            }
            self.f.b.release(mark);
        }
        Ok(())
    }
}

/// `f` is a class field's initializer (`return` of its expression, called
/// with the field's key).
fn is_field_initializer(scopes: &crate::scope::ScopeTree<'_>, f: &Function<'_>) -> bool {
    scopes.scope(f.scope).kind == ScopeKind::ClassInit && f.flags.is_expression_body
}

/// What kind of proto a function node becomes.
pub(crate) fn function_kind(f: &Function<'_>) -> FunctionKind {
    if f.flags.is_async && f.flags.is_generator {
        FunctionKind::AsyncGenerator
    } else if f.flags.is_async {
        FunctionKind::Async
    } else if f.flags.is_generator {
        FunctionKind::Generator
    } else if f.flags.is_arrow {
        FunctionKind::Arrow
    } else if f.flags.is_derived_constructor {
        FunctionKind::DerivedConstructor
    } else if f.flags.is_class_constructor {
        FunctionKind::ClassConstructor
    } else if f.flags.is_method {
        FunctionKind::Method
    } else {
        FunctionKind::Normal
    }
}
