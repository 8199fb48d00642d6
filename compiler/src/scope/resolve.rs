//! Resolving identifier occurrences to bindings, after parsing.
//!
//! Each occurrence walks out from its scope to the first scope declaring its
//! name. Crossing a function boundary on the way marks the binding
//! captured. A `with` scope, or a sloppy-mode scope containing a direct
//! `eval` (which may add `var`s at run time), on the way makes the
//! resolution dynamic: the code generator must look the name up at run time,
//! with the static answer as the fallback.

use super::{BindingIndex, ScopeKind, ScopeTree};
use crate::ast::ScopeId;

/// What an identifier occurrence refers to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Resolution {
    /// Not declared anywhere in the program: a global object property or
    /// a global lexical binding of another script.
    #[default]
    Global,
    /// A binding of an enclosing scope, known statically.
    Local {
        /// The declaring scope.
        scope: ScopeId,
        /// The binding in it.
        binding: BindingIndex,
        /// Reached through at least one function boundary.
        captured: bool,
    },
    /// Must be looked up by name at run time (a `with` or a sloppy direct
    /// `eval` intervenes); `fallback` is what the lookup finds when the
    /// dynamic scopes do not have the name.
    Dynamic {
        /// The static answer, when the name is declared in an outer scope.
        fallback: Option<(ScopeId, BindingIndex)>,
    },
}

impl<'a> ScopeTree<'a> {
    /// Resolves every occurrence and marks captured bindings. Also makes
    /// scopes that contain a direct `eval` capture everything visible, since
    /// the evaluated code may refer to any of it.
    pub fn resolve(&mut self) {
        let ids: Vec<_> = self.refs.keys().collect();
        let mut ranges = std::mem::take(&mut self.param_ranges);
        ranges.sort_by_key(|&(_, start, end)| (start, std::cmp::Reverse(end)));
        let mut next_range = 0;
        // The parameter lists the current occurrence is in, innermost last.
        let mut open: Vec<(ScopeId, crate::ast::RefId)> = Vec::new();
        for id in ids {
            open.retain(|&(_, end)| id < end);
            while let Some(&(scope, start, end)) = ranges.get(next_range) {
                if start > id {
                    break;
                }
                if id < end {
                    open.push((scope, end));
                }
                next_range += 1;
            }
            let r = self.refs[id];
            let res = self.resolve_name(r.name, r.scope, &open);
            self.resolutions[id] = res;
        }
        self.param_ranges = ranges;
        self.capture_for_eval();
    }

    /// `params`: functions in whose parameter list the occurrence is written;
    /// there, only parameters (and the function's own name and `arguments`)
    /// are visible of the function's bindings.
    fn resolve_name(&mut self, name: &str, from: ScopeId, params: &[(ScopeId, crate::ast::RefId)]) -> Resolution {
        let mut scope = from;
        let mut crossed_function = false;
        let mut dynamic = false;
        loop {
            let found = self.lookup_local(scope, name).filter(|&binding| {
                !params.iter().any(|&(s, _)| s == scope)
                    || name == "arguments"
                    || matches!(self.scopes[scope].bindings[binding as usize].kind, super::BindingKind::Param | super::BindingKind::SelfName)
            });
            if let Some(binding) = found {
                let b = &mut self.scopes[scope].bindings[binding as usize];
                b.captured |= crossed_function || dynamic;
                if dynamic {
                    return Resolution::Dynamic { fallback: Some((scope, binding)) };
                }
                return Resolution::Local { scope, binding, captured: crossed_function };
            }
            let s = &self.scopes[scope];
            if s.kind == ScopeKind::With || (s.has_direct_eval && !s.strict && s.kind.is_var_scope()) {
                dynamic = true;
            }
            if s.kind.is_function_boundary() {
                crossed_function = true;
            }
            match s.parent {
                Some(p) => scope = p,
                None => break,
            }
        }
        if dynamic {
            Resolution::Dynamic { fallback: None }
        } else {
            Resolution::Global
        }
    }

    /// Every binding visible from a scope with a direct `eval` is captured.
    fn capture_for_eval(&mut self) {
        let evals: Vec<ScopeId> = self.scopes.iter().filter(|(_, s)| s.has_direct_eval).map(|(id, _)| id).collect();
        for start in evals {
            let mut scope = Some(start);
            while let Some(id) = scope {
                for b in &mut self.scopes[id].bindings {
                    b.captured = true;
                }
                scope = self.scopes[id].parent;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::declare::DeclKind;
    use super::super::BindingKind;
    use super::*;
    use crate::span::Span;

    #[test]
    fn resolves_locals_captures_and_globals() {
        let mut t = ScopeTree::new();
        let top = t.push_scope(ScopeKind::Script, None, false);
        t.declare(top, "x", DeclKind::Lexical(BindingKind::Let), Span::default()).unwrap();
        let f = t.push_scope(ScopeKind::Function, Some(top), false);
        t.declare(f, "y", DeclKind::Var, Span::default()).unwrap();
        let rx = t.add_ref("x", f);
        let ry = t.add_ref("y", f);
        let rz = t.add_ref("z", f);
        t.resolve();
        assert_eq!(t.resolution(rx), Resolution::Local { scope: top, binding: 0, captured: true });
        assert_eq!(t.resolution(ry), Resolution::Local { scope: f, binding: 0, captured: false });
        assert_eq!(t.resolution(rz), Resolution::Global);
        assert!(t.binding(top, 0).captured);
    }

    #[test]
    fn redeclarations() {
        let mut t = ScopeTree::new();
        let top = t.push_scope(ScopeKind::Script, None, false);
        let block = t.push_scope(ScopeKind::Block, Some(top), false);
        t.declare(block, "a", DeclKind::Var, Span::default()).unwrap();
        assert!(t.declare(block, "a", DeclKind::Lexical(BindingKind::Let), Span::default()).is_err());
        t.declare(top, "b", DeclKind::Lexical(BindingKind::Let), Span::default()).unwrap();
        assert!(t.declare(block, "b", DeclKind::Var, Span::default()).is_err());
        let catch = t.push_scope(ScopeKind::Catch, Some(top), false);
        t.declare(catch, "e", DeclKind::SimpleCatch, Span::default()).unwrap();
        assert!(t.declare(catch, "e", DeclKind::Var, Span::default()).is_ok());
        assert!(t.declare(catch, "e", DeclKind::VarForOf, Span::default()).is_err());
    }
}
