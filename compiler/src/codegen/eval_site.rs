//! What a direct `eval(...)` call site tells the eval code about its
//! caller: the [`EvalSite`] constant of each `CallEval`.
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
use spindle_vm::bytecode::{Constant, EvalSite};
use std::rc::Rc;

impl<'a> Compiler<'a, '_> {
    /// The constant index of the [`EvalSite`] of a direct eval at `span`.
    pub(crate) fn eval_site(&mut self, span: Span) -> u32 {
        let names: Vec<&'a str> = self.eval_lexical_names(span);
        let lexical_names = names.iter().map(|n| self.heap.intern_str(n)).collect();
        let site = EvalSite { strict: self.f.strict, lexical_names };
        self.f.b.constant(Constant::EvalSite(Rc::new(site)))
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
