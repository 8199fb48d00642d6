//! Parsing the source of a direct eval against its call site: the
//! synthetic outer scopes that mirror the caller's environments, and the
//! early-error context PerformEval gives the code (§19.2.1.1 steps 5-8).
//!
//! Invariants: the root scope is the global one (a Script scope with no
//! bindings); above it, one scope per [`EvalScope`] of the site, outermost
//! first, holding the site's bindings in the site's order; the eval code's
//! own top-level scope (kind [`ScopeKind::Eval`]) is innermost. The code
//! generator pairs the synthetic scopes with the site's by walking out from
//! the eval scope.

use super::context::{ClassPrivate, FnCtx, PrivateKind};
use super::{Parsed, Parser};
use crate::ast::Goal;
use crate::diagnostic::SyntaxError;
use crate::scope::{BindingKind, ScopeKind};
use crate::span::Span;
use bumpalo::Bump;
use spindle_vm::bytecode::{EvalScopeKind, EvalSite};
use spindle_vm::heap::Heap;

/// Parses `source` as the eval code of a call at `site` (the default site
/// for an indirect eval) and runs scope analysis over it and the site's
/// scopes. Atom names are read from `heap`.
pub fn parse_eval<'a>(arena: &'a Bump, source: &'a str, site: &EvalSite, heap: &Heap) -> Result<Parsed<'a>, SyntaxError> {
    let mut parser = Parser::new(arena, source, Goal::Script)?;
    let private_classes = parser.enter_call_site(site, heap);
    let program = parser.parse_program()?;
    for _ in 0..private_classes {
        parser.finish_private_names()?;
    }
    let mut scopes = parser.scopes;
    scopes.resolve();
    Ok(Parsed { program, scopes })
}

impl<'a> Parser<'a> {
    /// Opens the site's scopes and the eval scope; returns how many private
    /// name lists of enclosing classes were pushed.
    fn enter_call_site(&mut self, site: &EvalSite, heap: &Heap) -> usize {
        let mut private_classes = 0;
        for outer in site.scopes.iter().rev() {
            let kind = match outer.kind {
                EvalScopeKind::Declarative => ScopeKind::Block,
                EvalScopeKind::Function { .. } => ScopeKind::Function,
                EvalScopeKind::With => ScopeKind::With,
            };
            let id = self.scopes.push_scope(kind, Some(self.scope), outer.strict);
            self.scopes.scope_mut(id).has_direct_eval = matches!(outer.kind, EvalScopeKind::Function { sloppy_eval: true });
            for &(name, _, code) in outer.bindings.iter() {
                let name = self.arena.alloc_str(&String::from_utf16_lossy(heap.atom_units(name)));
                self.scopes.bind(id, name, BindingKind::from_code(code), Span::default());
            }
            if !outer.private_names.is_empty() {
                let declared = outer
                    .private_names
                    .iter()
                    .map(|&(name, _)| {
                        let text = String::from_utf16_lossy(heap.atom_units(name));
                        (&*self.arena.alloc_str(text.trim_start_matches('#')), PrivateKind::Other, false)
                    })
                    .collect();
                self.classes.push(ClassPrivate { declared, used: Vec::new() });
                private_classes += 1;
            }
            self.scope = id;
        }
        self.ctx = FnCtx {
            strict: site.strict,
            new_target: site.in_function,
            super_prop: site.in_method,
            super_call: site.in_derived_constructor,
            in_class_init: site.in_class_field_initializer,
            ..FnCtx::default()
        };
        let eval_scope = self.scopes.push_scope(ScopeKind::Eval, Some(self.scope), site.strict);
        self.scope = eval_scope;
        private_classes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::Resolution;
    use cranelift_entity::EntityRef;
    use spindle_vm::bytecode::EvalScope;

    fn site(heap: &mut Heap, names: &[(&str, BindingKind)]) -> EvalSite {
        let bindings = names.iter().enumerate().map(|(i, &(n, k))| (heap.intern_str(n), i as u16, k.code())).collect();
        let scope = EvalScope { kind: EvalScopeKind::Function { sloppy_eval: true }, strict: false, bindings, private_names: Box::new([]), constructor_slots: None };
        EvalSite { scopes: Box::new([scope]), in_function: true, ..EvalSite::default() }
    }

    #[test]
    fn names_resolve_to_the_call_sites_bindings() {
        let mut heap = Heap::new();
        let site = site(&mut heap, &[("a", BindingKind::Param), ("c", BindingKind::Const)]);
        let arena = Bump::new();
        let parsed = parse_eval(&arena, "a + c + z; let own = 1; own", &site, &heap).unwrap();
        let eval_scope = parsed.program.scope;
        assert_eq!(parsed.scopes.scope(eval_scope).kind, ScopeKind::Eval);
        let outer = parsed.scopes.scope(eval_scope).parent.unwrap();
        let found: Vec<_> = (0..parsed.scopes.ref_count())
            .map(|i| parsed.scopes.resolution(crate::ast::RefId::new(i)))
            .collect();
        assert_eq!(found[0], Resolution::Local { scope: outer, binding: 0, captured: false });
        assert_eq!(parsed.scopes.binding(outer, 1).kind, BindingKind::Const);
        // `z` may be a var an earlier eval put in the function's environment.
        assert_eq!(found[2], Resolution::Dynamic { fallback: None });
        assert!(matches!(found[3], Resolution::Local { scope, .. } if scope == eval_scope));
    }

    #[test]
    fn the_callers_context_decides_the_early_errors() {
        let mut heap = Heap::new();
        let arena = Bump::new();
        let in_function = site(&mut heap, &[]);
        assert!(parse_eval(&arena, "new.target", &in_function, &heap).is_ok());
        assert!(parse_eval(&arena, "new.target", &EvalSite::default(), &heap).is_err());
        assert!(parse_eval(&arena, "super.x", &in_function, &heap).is_err());
        assert!(parse_eval(&arena, "return 1", &in_function, &heap).is_err());
        let field = EvalSite { in_class_field_initializer: true, ..site(&mut heap, &[]) };
        assert!(parse_eval(&arena, "arguments", &field, &heap).is_err());
    }
}
