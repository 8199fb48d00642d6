//! What a direct `eval(...)` call site tells the eval code about its
//! caller: the [`EvalSite`] constant of each `CallEval`.
//!
//! The site describes every run-time environment visible from the call,
//! innermost first (a function with a direct eval keeps every binding
//! visible from it in environment slots, see `ScopeTree::resolve`): the
//! names, slots and binding kinds, a class body's private names, whether a
//! function's variable environment takes sloppy eval `var`s; and where the
//! caller's `this` is and which of `new.target`, `super` and `arguments`
//! the code may use. The eval code is compiled against synthetic copies of
//! those scopes (`parse_eval`, `compile_eval`).
//!
//! EvalDeclarationInstantiation (§19.2.1.3 step 3) makes a `var` of sloppy
//! eval code a SyntaxError when a lexical binding between the call and its
//! variable environment has the same name. Those bindings are known
//! statically, so the site lists them: the `let`, `const`, `class` and
//! block-level function declarations of the enclosing blocks and of the
//! function body, or, in a parameter list (whose bindings live in their
//! own environment, §10.2.11 step 20), the parameters and `arguments`.
//! Simple `catch` parameters are left out (Annex B.3.4 lets a `var`
//! redeclare them); top-level script bindings are global and checked at
//! run time.

use super::Compiler;
use crate::scope::{BindingKind, ScopeKind};
use crate::span::Span;
use crate::ast::ScopeId;
use spindle_vm::bytecode::{Constant, EvalScope, EvalScopeKind, EvalSite};
use std::rc::Rc;

impl<'a> Compiler<'a, '_> {
    /// The constant index of the [`EvalSite`] of a direct eval at `span`.
    pub(crate) fn eval_site(&mut self, span: Span) -> u32 {
        let names: Vec<&'a str> = self.eval_lexical_names(span);
        let lexical_names = names.iter().map(|n| self.heap.intern_str(n)).collect();
        let scopes = self.eval_scopes();
        let this_slot = self.captured_this_slot();
        let this_scope = self.scopes.this_scope(self.f.scope);
        let this_kind = self.scopes.scope(this_scope).kind;
        let flags = self.fn_flags.get(&this_scope).copied().unwrap_or_default();
        let in_function = matches!(this_kind, ScopeKind::Function | ScopeKind::ClassInit);
        // Eval code outside any function of its own inherits its caller's context.
        let outer = self.eval_outer.filter(|_| this_kind == ScopeKind::Eval);
        let inherited = |f: fn(&EvalSite) -> bool| outer.is_some_and(f);
        let site = EvalSite {
            strict: self.f.strict,
            lexical_names,
            scopes,
            this_slot,
            in_function: in_function || inherited(|s| s.in_function),
            in_method: (in_function && flags.is_method) || inherited(|s| s.in_method),
            in_derived_constructor: (in_function && flags.is_derived_constructor) || inherited(|s| s.in_derived_constructor),
            in_class_field_initializer: this_kind == ScopeKind::ClassInit || inherited(|s| s.in_class_field_initializer),
        };
        self.f.b.constant(Constant::EvalSite(Rc::new(site)))
    }

    /// The environments visible from the current scope, innermost first.
    fn eval_scopes(&mut self) -> Box<[EvalScope]> {
        let mut out = Vec::new();
        let mut id = Some(self.f.scope);
        while let Some(scope) = id {
            if self.has_env(scope) {
                out.push(self.eval_scope(scope));
            }
            id = self.scopes.scope(scope).parent;
        }
        out.into_boxed_slice()
    }

    fn eval_scope(&mut self, id: ScopeId) -> EvalScope {
        let s = self.scopes.scope(id);
        let (kind, strict) = (s.kind, s.strict);
        let sloppy_eval = s.has_direct_eval && !s.strict;
        let names: Vec<(&'a str, u8)> = s.bindings.iter().map(|b| (b.name, b.kind.code())).collect();
        let slots = self.layout(id).slots.clone();
        let bindings = names
            .iter()
            .zip(slots)
            .filter_map(|(&(name, code), slot)| Some((self.heap.intern_str(name), slot?, code)))
            .collect();
        let privates: Vec<(&'a str, u16)> = self.private_scopes.iter().filter(|p| p.scope == id).flat_map(|p| p.names.clone()).collect();
        let private_names = privates.iter().map(|&(n, slot)| (self.heap.intern_str(n), slot)).collect();
        let kind = match kind {
            ScopeKind::With => EvalScopeKind::With,
            // Sloppy eval code's vars are its caller's: it is only a lexical scope.
            ScopeKind::Eval if !strict => EvalScopeKind::Declarative,
            k if k.is_var_scope() => EvalScopeKind::Function { sloppy_eval },
            _ => EvalScopeKind::Declarative,
        };
        let layout = self.layout(id);
        let constructor_slots = match (layout.callee_slot, layout.new_target_slot, layout.this_slot) {
            (Some(callee), Some(new_target), Some(this)) => Some([callee, new_target, this]),
            _ => None,
        };
        EvalScope { kind, strict, bindings, private_names, constructor_slots }
    }

    fn eval_lexical_names(&self, span: Span) -> Vec<&'a str> {
        let var_scope = self.scopes.var_scope(self.f.scope);
        let in_params = var_scope == self.f.function_scope && self.f.param_tdz_end.is_some_and(|end| span.start < end);
        let mut names = Vec::new();
        let mut id = self.f.scope;
        loop {
            let scope = self.scopes.scope(id);
            if id == var_scope {
                if in_params {
                    names.extend(scope.bindings.iter().filter(|b| b.kind == BindingKind::Param).map(|b| b.name));
                    if scope.kind == ScopeKind::Function {
                        names.push("arguments");
                    }
                } else if !matches!(scope.kind, ScopeKind::Script | ScopeKind::Module) {
                    names.extend(scope.bindings.iter().filter(|b| b.kind.has_tdz()).map(|b| b.name));
                }
                return names;
            }
            let lexical = |k: BindingKind| k.has_tdz() || k == BindingKind::Function;
            names.extend(scope.bindings.iter().filter(|b| lexical(b.kind)).map(|b| b.name));
            match scope.parent {
                Some(p) => id = p,
                None => return names,
            }
        }
    }
}
