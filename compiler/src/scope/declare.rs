//! Declaring names, with the redeclaration early errors of the
//! specification (and the Annex B relaxations for sloppy-mode code).
//!
//! Each scope remembers, per name, which kinds of declaration it has seen
//! ([`NameFlags`]); `var` declarations mark every scope they hoist through,
//! so that `{ var x; let x; }` and `{ let x; { var x; } }` are both caught.

use super::{Binding, BindingKind, ScopeKind, ScopeTree};
use crate::ast::ScopeId;
use crate::diagnostic::SyntaxError;
use crate::span::Span;

/// Which kinds of declaration a scope has seen for one name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameFlags(u8);

impl NameFlags {
    const LEXICAL: u8 = 1;
    const VAR: u8 = 2;
    const FUNCTION: u8 = 4;
    const SIMPLE_CATCH: u8 = 8;
    const PARAM: u8 = 16;

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// How a declaration binds its name, for the early-error rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// `let`, `const`, `class`, and function declarations that are lexical
    /// (in blocks in strict code, async/generator ones in blocks, at module top level).
    Lexical(BindingKind),
    /// `var`.
    Var,
    /// `var` in the head of `for-of`: not excused by a simple catch parameter.
    VarForOf,
    /// A function declaration that is var-like (top level of a script or function).
    TopFunction,
    /// A sloppy-mode plain function declaration in a block (Annex B.3.2.4:
    /// duplicates among themselves allowed).
    BlockFunction,
    /// A `catch (e)` parameter that is a plain identifier.
    SimpleCatch,
    /// A pattern `catch ({e})` parameter.
    CatchPattern,
    /// A formal parameter.
    Param,
}

impl<'a> ScopeTree<'a> {
    /// Declares `name` in `scope`, raising the redeclaration early errors.
    pub fn declare(&mut self, scope: ScopeId, name: &'a str, kind: DeclKind, span: Span) -> Result<(), SyntaxError> {
        match kind {
            DeclKind::Lexical(binding) => {
                let f = self.flags(scope, name);
                if f.0 != 0 {
                    return Err(redeclared(name, span));
                }
                self.mark(scope, name, NameFlags::LEXICAL);
                self.bind(scope, name, binding, span);
            }
            DeclKind::CatchPattern => {
                if self.flags(scope, name).0 != 0 {
                    return Err(redeclared(name, span));
                }
                self.mark(scope, name, NameFlags::LEXICAL);
                self.bind(scope, name, BindingKind::CatchParam, span);
            }
            DeclKind::SimpleCatch => {
                self.mark(scope, name, NameFlags::LEXICAL | NameFlags::SIMPLE_CATCH);
                self.bind(scope, name, BindingKind::CatchParam, span);
            }
            DeclKind::Var | DeclKind::VarForOf => self.declare_var(scope, name, kind == DeclKind::VarForOf, span)?,
            DeclKind::TopFunction => {
                if self.flags(scope, name).has(NameFlags::LEXICAL) {
                    return Err(redeclared(name, span));
                }
                self.mark(scope, name, NameFlags::FUNCTION);
                self.bind(scope, name, BindingKind::Function, span);
            }
            DeclKind::BlockFunction => {
                let f = self.flags(scope, name);
                if f.has(NameFlags::LEXICAL) || f.has(NameFlags::VAR) {
                    return Err(redeclared(name, span));
                }
                self.mark(scope, name, NameFlags::FUNCTION);
                self.bind(scope, name, BindingKind::Function, span);
            }
            DeclKind::Param => {
                self.mark(scope, name, NameFlags::VAR | NameFlags::PARAM);
                self.bind(scope, name, BindingKind::Param, span);
            }
        }
        Ok(())
    }

    /// A `var`: hoists through blocks to the nearest var scope, clashing with
    /// any lexical declaration of the name on the way.
    fn declare_var(&mut self, scope: ScopeId, name: &'a str, for_of: bool, span: Span) -> Result<(), SyntaxError> {
        let mut current = scope;
        loop {
            let f = self.flags(current, name);
            let (kind, parent) = (self.scopes[current].kind, self.scopes[current].parent);
            let catch_excuse = kind == ScopeKind::Catch && f.has(NameFlags::SIMPLE_CATCH) && !for_of;
            let lexical_clash = f.has(NameFlags::LEXICAL) && !catch_excuse;
            let function_clash = f.has(NameFlags::FUNCTION) && !self.functions_are_vars(current);
            if lexical_clash || function_clash {
                return Err(redeclared(name, span));
            }
            self.mark(current, name, NameFlags::VAR);
            if kind.is_var_scope() {
                self.bind(current, name, BindingKind::Var, span);
                return Ok(());
            }
            match parent {
                Some(p) => current = p,
                None => {
                    self.bind(current, name, BindingKind::Var, span);
                    return Ok(());
                }
            }
        }
    }

    /// Function declarations directly in this scope are var-like: the top
    /// level of a function or of a script (not of a module).
    pub fn functions_are_vars(&self, scope: ScopeId) -> bool {
        matches!(self.scopes[scope].kind, ScopeKind::Script | ScopeKind::Function | ScopeKind::Arrow | ScopeKind::ClassInit | ScopeKind::Eval)
    }

    /// The name is declared as a parameter in `scope`.
    pub fn is_param(&self, scope: ScopeId, name: &str) -> bool {
        self.declared.get(&(scope, name)).is_some_and(|f| f.has(NameFlags::PARAM))
    }

    /// A lexical declaration of `name` exists in `scope` itself.
    pub fn is_lexically_declared(&self, scope: ScopeId, name: &str) -> bool {
        self.declared.get(&(scope, name)).is_some_and(|f| f.has(NameFlags::LEXICAL))
    }

    fn flags(&self, scope: ScopeId, name: &str) -> NameFlags {
        self.declared.get(&(scope, name)).copied().unwrap_or_default()
    }

    fn mark(&mut self, scope: ScopeId, name: &'a str, bits: u8) {
        self.declared.entry((scope, name)).or_default().0 |= bits;
    }

    /// Adds the binding unless the scope already has one of that name.
    pub(crate) fn bind(&mut self, scope: ScopeId, name: &'a str, kind: BindingKind, span: Span) {
        if self.binding_index.contains_key(&(scope, name)) {
            return;
        }
        let bindings = &mut self.scopes[scope].bindings;
        self.binding_index.insert((scope, name), bindings.len() as u32);
        bindings.push(Binding { name, kind, span, captured: false });
    }
}

fn redeclared(name: &str, span: Span) -> SyntaxError {
    SyntaxError::new(format!("Identifier '{name}' has already been declared"), span)
}
