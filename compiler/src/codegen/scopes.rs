//! Where bindings live and how to reach them: the environment layout of
//! each scope (captured bindings get slots), registers for the rest,
//! entering and leaving scopes, and loading and storing variables.

use super::{CResult, Compiler};
use crate::ast::{Ident, ScopeId};
use crate::scope::{BindingKind, Resolution, ScopeKind};
use spindle_vm::bytecode::{Instr, Reg};

/// The environment of one scope: its size and the slot of each binding.
#[derive(Debug, Clone, Default)]
pub(crate) struct EnvLayout {
    /// Slots in the environment; 0 means the scope pushes no environment.
    pub(crate) size: u16,
    /// Slot of binding i, if captured.
    pub(crate) slots: Vec<Option<u16>>,
    /// Function scopes whose `this` arrows capture: its slot.
    pub(crate) this_slot: Option<u16>,
    /// Function scopes whose `new.target` arrows refer to: its slot.
    pub(crate) new_target_slot: Option<u16>,
    /// Derived constructors whose arrows call `super()`: the slot of the
    /// constructor itself (its `this` is then only in `this_slot`).
    pub(crate) callee_slot: Option<u16>,
}

/// Where a binding is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Loc {
    /// A register of the current frame.
    Reg(Reg),
    /// Slot of the environment `depth` steps out.
    Env { depth: u16, slot: u16 },
    /// A global binding (global object property or global lexical).
    Global,
}

impl<'a> Compiler<'a, '_> {
    /// The environment layout of `scope`.
    pub(crate) fn layout(&mut self, scope: ScopeId) -> &super::scopes::EnvLayout {
        if !self.env_slots.contains_key(&scope) {
            let layout = self.compute_layout(scope);
            self.env_slots.insert(scope, layout);
        }
        &self.env_slots[&scope]
    }

    fn compute_layout(&self, scope: ScopeId) -> EnvLayout {
        let s = self.scopes.scope(scope);
        if s.kind == ScopeKind::Script {
            return EnvLayout::default();
        }
        let mut next = 0u16;
        let mapped = s.mapped_arguments;
        // A module's bindings all live in its environment: other modules import them.
        let module = s.kind == ScopeKind::Module;
        let slots = s
            .bindings
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let in_env = module || b.captured || (mapped && b.kind == BindingKind::Param);
                (in_env && self.eval_var(scope, i as u32).is_none()).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        let own_function = s.kind.is_function_boundary() && s.kind != ScopeKind::Arrow;
        let own_this = own_function || s.kind == ScopeKind::Eval;
        // The next slot after the bindings', when `wanted`.
        let mut extra_slot = |wanted: bool| {
            wanted.then(|| {
                next += 1;
                next - 1
            })
        };
        let this_slot = extra_slot(s.arrow_captures && own_this);
        let new_target_slot = extra_slot(s.arrow_new_target && own_function);
        let callee_slot = extra_slot(s.arrow_super_call && own_function);
        // A function with a sloppy direct eval always has an environment,
        // for the eval-vars object the eval may give it.
        let eval_vars = s.has_direct_eval && !s.strict && s.kind.is_function_boundary();
        let size = if eval_vars { next.max(1) } else { next };
        EnvLayout { size, slots, this_slot, new_target_slot, callee_slot }
    }

    /// The scope has an environment at run time.
    pub(crate) fn has_env(&mut self, scope: ScopeId) -> bool {
        self.scopes.scope(scope).kind == ScopeKind::With || self.layout(scope).size > 0
    }

    /// For a name that resolves dynamically (inside `with`): how many
    /// environments out to search for `with` objects, else `None`.
    pub(crate) fn dynamic_depth(&mut self, id: Ident<'a>) -> Option<u16> {
        let fallback = match self.scopes.resolution(id.id) {
            Resolution::Local { scope, binding, .. } => return self.eval_var_depth(Some((scope, binding))),
            Resolution::Dynamic { fallback } => fallback,
            Resolution::Global => return None,
        };
        let eval_depth = self.eval_var_depth(fallback).unwrap_or(0);
        let target = match fallback {
            Some((scope, _)) => scope,
            None => {
                let mut s = self.f.scope;
                while let Some(p) = self.scopes.scope(s).parent {
                    s = p;
                }
                s
            }
        };
        let depth = self.env_depth(target).max(eval_depth);
        (depth > 0).then_some(depth)
    }

    /// Number of environments between the current scope and `target`
    /// (exclusive), which is how far out `target`'s environment is.
    pub(crate) fn env_depth(&mut self, target: ScopeId) -> u16 {
        let mut depth = 0;
        let mut s = self.f.scope;
        while s != target {
            if self.has_env(s) {
                depth += 1;
            }
            match self.scopes.scope(s).parent {
                Some(p) => s = p,
                None => break,
            }
        }
        depth
    }

    /// Enters `scope`: pushes its environment and gives its register
    /// bindings registers (holding `undefined`, or ~empty~ for TDZ bindings).
    pub(crate) fn enter_scope(&mut self, scope: ScopeId) -> CResult<()> {
        let size = self.layout(scope).size;
        self.f.scope = scope;
        if size > 0 {
            self.emit(Instr::PushEnv { size });
            self.f.b.env_depth += 1;
            self.f.control.push(super::control::Control::Env);
        }
        let bindings = self.scopes.scope(scope).bindings.clone();
        let slots = self.layout(scope).slots.clone();
        for (i, b) in bindings.iter().enumerate() {
            if self.scopes.scope(scope).kind == ScopeKind::Script || self.eval_var(scope, i as u32).is_some() {
                continue;
            }
            match slots.get(i).copied().flatten() {
                Some(slot) if !b.kind.has_tdz() && b.kind != BindingKind::Param => {
                    let r = self.f.b.alloc();
                    self.emit(Instr::LoadUndefined { dst: r });
                    self.emit(Instr::SetEnv { depth: 0, slot, src: r });
                    self.f.b.release(self.f.b.mark() - 1);
                }
                Some(_) => {}
                None if self.f.regs.contains_key(&(scope, i as u32)) => {}
                None => {
                    let r = self.f.b.alloc();
                    let tdz = b.kind.has_tdz() || (b.kind == BindingKind::Param && self.f.param_tdz_end.is_some());
                    let init = if tdz { Instr::LoadEmpty { dst: r } } else { Instr::LoadUndefined { dst: r } };
                    self.emit(init);
                    self.f.regs.insert((scope, i as u32), r);
                }
            }
        }
        Ok(())
    }

    /// Leaves `scope` (back to its parent): pops its environment.
    pub(crate) fn leave_scope(&mut self, scope: ScopeId) {
        if self.has_env(scope) {
            self.emit(Instr::PopEnv {});
            self.f.b.env_depth = self.f.b.env_depth.saturating_sub(1);
            if matches!(self.f.control.last(), Some(super::control::Control::Env)) {
                self.f.control.pop();
            }
        }
        if let Some(p) = self.scopes.scope(scope).parent {
            self.f.scope = p;
        }
    }

    /// Where the binding `index` of `scope` lives, seen from the current scope.
    pub(crate) fn binding_loc(&mut self, scope: ScopeId, index: u32) -> Loc {
        if self.scopes.scope(scope).kind == ScopeKind::Script {
            return Loc::Global;
        }
        match self.eval_var(scope, index) {
            Some(super::eval_code::EvalVar::Static(s, i)) => return self.binding_loc(s, i),
            // Global, or reached by name with the global binding as the fallback.
            Some(_) => return Loc::Global,
            None => {}
        }
        if let Some(slot) = self.layout(scope).slots.get(index as usize).copied().flatten() {
            let depth = self.env_depth(scope);
            return Loc::Env { depth, slot };
        }
        match self.f.regs.get(&(scope, index)) {
            Some(r) => Loc::Reg(*r),
            None => Loc::Global,
        }
    }

    /// Initialises binding `index` of `scope` with `src`.
    pub(crate) fn store_binding(&mut self, scope: ScopeId, index: u32, src: Reg) {
        match self.binding_loc(scope, index) {
            Loc::Reg(r) => {
                if r != src {
                    self.emit(Instr::Move { dst: r, src });
                }
            }
            Loc::Env { depth, slot } => {
                self.emit(Instr::SetEnv { depth, slot, src });
            }
            Loc::Global => {}
        }
    }

    /// Where identifier occurrence `id` lives.
    pub(crate) fn ident_loc(&mut self, id: Ident<'a>) -> (Loc, Option<(ScopeId, u32)>) {
        match self.scopes.resolution(id.id) {
            Resolution::Local { scope, binding, .. } | Resolution::Dynamic { fallback: Some((scope, binding)) } => {
                (self.binding_loc(scope, binding), Some((scope, binding)))
            }
            Resolution::Global | Resolution::Dynamic { fallback: None } => (Loc::Global, None),
        }
    }

    /// The binding's kind, if resolved locally.
    fn binding_kind(&self, b: Option<(ScopeId, u32)>) -> Option<BindingKind> {
        b.map(|(s, i)| self.scopes.binding(s, i).kind)
    }

    /// Loads variable `id` into `dst` (ReferenceError in its TDZ or if undeclared).
    pub(crate) fn load_var(&mut self, id: Ident<'a>, dst: Reg) {
        if let Some(depth) = self.dynamic_depth(id) {
            let a = self.atom(id.name);
            let this = self.f.b.alloc();
            let site = self.f.b.emit_jump(Instr::GetName { dst, this, a, depth, target: 0 });
            self.f.b.release(self.f.b.mark() - 1);
            self.load_static_var(id, dst);
            self.f.b.patch_here(site);
            return;
        }
        self.load_static_var(id, dst);
    }

    /// For an identifier that may name a `with` object's property:
    /// ResolveBinding done once, before the rest of an assignment runs, into
    /// a new register (the object, or ~empty~); `None` for a static name.
    pub(crate) fn resolve_name_ref(&mut self, id: Ident<'a>) -> Option<Reg> {
        let depth = self.dynamic_depth(id)?;
        let a = self.atom(id.name);
        let r = self.f.b.alloc();
        self.emit(Instr::ResolveName { dst: r, a, depth });
        Some(r)
    }

    /// Loads `id` through a reference from [`Compiler::resolve_name_ref`].
    pub(crate) fn load_var_ref(&mut self, id: Ident<'a>, reference: Option<Reg>, dst: Reg) {
        let Some(obj) = reference else { return self.load_var(id, dst) };
        let a = self.atom(id.name);
        let site = self.f.b.emit_jump(Instr::GetNameRef { dst, obj, a, target: 0 });
        self.load_static_var(id, dst);
        self.f.b.patch_here(site);
    }

    /// Assigns `id` through a reference from [`Compiler::resolve_name_ref`].
    pub(crate) fn store_var_ref(&mut self, id: Ident<'a>, reference: Option<Reg>, src: Reg) {
        let Some(obj) = reference else { return self.store_var(id, src, false) };
        let a = self.atom(id.name);
        let site = self.f.b.emit_jump(Instr::SetNameRef { obj, src, a, target: 0 });
        self.store_static_var(id, src, false);
        self.f.b.patch_here(site);
    }

    /// Loads `id` from its static binding (no `with` lookup).
    pub(crate) fn load_static_var(&mut self, id: Ident<'a>, dst: Reg) {
        let (loc, binding) = self.ident_loc(id);
        let a = self.atom(id.name);
        match loc {
            Loc::Reg(r) => {
                if r != dst {
                    self.emit(Instr::Move { dst, src: r });
                }
                if self.binding_has_tdz(binding) && self.needs_tdz_check(id, binding) {
                    self.emit(Instr::CheckInit { src: dst, a });
                }
            }
            Loc::Env { depth, slot } if self.binding_kind(binding) == Some(BindingKind::Import) => {
                self.emit(Instr::GetImport { dst, depth, slot, a });
            }
            Loc::Env { depth, slot } => {
                self.emit(Instr::GetEnv { dst, depth, slot, a });
            }
            Loc::Global => {
                let ic = self.f.b.cache();
                self.emit(Instr::GetGlobal { dst, a, ic });
            }
        }
    }

    /// A register already holding `id`'s value, if it lives in one and needs no check.
    pub(crate) fn var_register(&mut self, id: Ident<'a>) -> Option<Reg> {
        if self.dynamic_depth(id).is_some() {
            return None;
        }
        let (loc, binding) = self.ident_loc(id);
        match loc {
            Loc::Reg(r) if !(self.binding_has_tdz(binding) && self.needs_tdz_check(id, binding)) => Some(r),
            _ => None,
        }
    }

    /// The binding has a TDZ: a lexical declaration, or a parameter of the
    /// current function's non-simple parameter list.
    fn binding_has_tdz(&self, binding: Option<(ScopeId, u32)>) -> bool {
        match self.binding_kind(binding) {
            Some(BindingKind::Param) => self.f.param_tdz_end.is_some() && binding.is_some_and(|(s, _)| s == self.f.function_scope),
            kind => kind.is_some_and(|k| k.has_tdz()),
        }
    }

    /// A TDZ check is needed unless the use comes after the declaration in
    /// the same function, outside a `switch` (whose cases can skip it); a
    /// parameter is declared at the end of the parameter list.
    fn needs_tdz_check(&self, id: Ident<'a>, binding: Option<(ScopeId, u32)>) -> bool {
        let Some((scope, index)) = binding else { return true };
        let b = self.scopes.binding(scope, index);
        if self.f.initializing.contains(&(scope, index)) {
            return true;
        }
        if b.kind == BindingKind::Param {
            return self.f.param_tdz_end.is_some_and(|end| id.span.start < end);
        }
        let in_switch = self.scopes.scope(scope).kind == ScopeKind::Block && self.f.control.iter().any(|c| c.is_switch_scope(scope));
        id.span.start < b.span.end || in_switch
    }

    /// `id` is a binding that may not be assigned (const, import, function expression name).
    pub(crate) fn is_const_binding(&mut self, id: Ident<'a>) -> bool {
        let (_, binding) = self.ident_loc(id);
        self.binding_kind(binding).is_some_and(|k| k.is_immutable())
    }

    /// `typeof id`: no ReferenceError for an undeclared global.
    pub(crate) fn load_var_for_typeof(&mut self, id: Ident<'a>, dst: Reg) {
        let (loc, _) = self.ident_loc(id);
        if let (Loc::Global, Some(depth)) = (loc, self.dynamic_depth(id)) {
            let a = self.atom(id.name);
            let this = self.f.b.alloc();
            let site = self.f.b.emit_jump(Instr::GetName { dst, this, a, depth, target: 0 });
            self.f.b.release(self.f.b.mark() - 1);
            let ic = self.f.b.cache();
            self.emit(Instr::GetGlobalOrUndefined { dst, a, ic });
            self.f.b.patch_here(site);
            return;
        }
        if let Loc::Global = loc {
            let a = self.atom(id.name);
            let ic = self.f.b.cache();
            self.emit(Instr::GetGlobalOrUndefined { dst, a, ic });
        } else {
            self.load_var(id, dst);
        }
    }

    /// Assigns `src` to variable `id` (`init`: its declaration initialises it).
    pub(crate) fn store_var(&mut self, id: Ident<'a>, src: Reg, init: bool) {
        let binding = self.ident_loc(id).1;
        let by_name = !init || self.eval_var_depth(binding).is_some();
        if let (true, Some(depth)) = (by_name, self.dynamic_depth(id)) {
            let a = self.atom(id.name);
            let site = self.f.b.emit_jump(Instr::SetName { src, a, depth, target: 0 });
            self.store_static_var(id, src, init);
            self.f.b.patch_here(site);
            return;
        }
        self.store_static_var(id, src, init);
    }

    fn store_static_var(&mut self, id: Ident<'a>, src: Reg, init: bool) {
        let (loc, binding) = self.ident_loc(id);
        let kind = self.binding_kind(binding);
        let a = self.atom(id.name);
        if !init {
            match kind {
                Some(BindingKind::Const) | Some(BindingKind::Import) => {
                    self.check_before_const_assign(loc, a, id, binding);
                    let msg = self.atom("Assignment to constant variable.");
                    self.emit(Instr::ThrowError { kind: 1, a: msg });
                    return;
                }
                Some(BindingKind::SelfName) => {
                    if self.f.strict {
                        let msg = self.atom("Assignment to constant variable.");
                        self.emit(Instr::ThrowError { kind: 1, a: msg });
                    }
                    return;
                }
                _ => {}
            }
        }
        match loc {
            Loc::Reg(r) => {
                if !init && self.binding_has_tdz(binding) && self.needs_tdz_check(id, binding) {
                    self.emit(Instr::CheckInit { src: r, a });
                }
                if r != src {
                    self.emit(Instr::Move { dst: r, src });
                }
            }
            Loc::Env { depth, slot } => {
                if !init && self.binding_has_tdz(binding) {
                    self.emit(Instr::SetEnvChecked { depth, slot, src, a });
                } else {
                    self.emit(Instr::SetEnv { depth, slot, src });
                }
            }
            Loc::Global => {
                if init && binding.is_some() && self.binding_has_tdz(binding) {
                    self.emit(Instr::InitGlobalLexical { a, src });
                } else {
                    let strict = u16::from(self.f.strict);
                    let ic = self.f.b.cache();
                    self.emit(Instr::SetGlobal { a, src, strict, ic });
                }
            }
        }
    }

    /// Assigning a `const` first reads it, so its TDZ error wins.
    fn check_before_const_assign(&mut self, loc: Loc, a: u32, id: Ident<'a>, binding: Option<(ScopeId, u32)>) {
        let mark = self.f.b.mark();
        let tmp = self.f.b.alloc();
        match loc {
            Loc::Reg(r) if self.needs_tdz_check(id, binding) => {
                self.emit(Instr::CheckInit { src: r, a });
            }
            Loc::Env { depth, slot } if self.binding_kind(binding) == Some(BindingKind::Import) => {
                self.emit(Instr::GetImport { dst: tmp, depth, slot, a });
            }
            Loc::Env { depth, slot } => {
                self.emit(Instr::GetEnv { dst: tmp, depth, slot, a });
            }
            Loc::Global => {
                let ic = self.f.b.cache();
                self.emit(Instr::GetGlobal { dst: tmp, a, ic });
            }
            Loc::Reg(_) => {}
        }
        self.f.b.release(mark);
    }
}
