//! Scope analysis: the scope tree, the bindings each scope declares, and
//! what every identifier occurrence resolves to.
//!
//! The parser builds the tree as it goes ([`ScopeTree::push_scope`],
//! [`ScopeTree::declare`], [`ScopeTree::add_ref`]) and the declaration early
//! errors (duplicate lexical names, `let x; var x;`, parameter/body clashes)
//! are raised by `declare`. After parsing, [`ScopeTree::resolve`] resolves
//! every reference and marks captured bindings, which is what the code
//! generator needs: a binding not captured by a closure can live in a
//! register.
//!
//! Invariants: a scope's parent was created before it; every [`RefId`]
//! handed out has a record; after `resolve`, every record has a resolution.

mod declare;
pub use declare::DeclKind;
mod resolve;

pub use resolve::Resolution;

use crate::ast::{RefId, ScopeId};
use crate::span::Span;
use cranelift_entity::{EntityRef, PrimaryMap, SecondaryMap};
use rustc_hash::FxHashMap;

/// What kind of region of code a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The top level of a script.
    Script,
    /// The top level of a module.
    Module,
    /// A non-arrow function (parameters and body).
    Function,
    /// An arrow function: no own `this`, `arguments`, `super`, `new.target`.
    Arrow,
    /// A class field initializer or static block: function-like, own `this`.
    ClassInit,
    /// A block, `for` head, `switch` case block.
    Block,
    /// A `catch` clause (parameter and body).
    Catch,
    /// A class body: the inner class name binding and private names.
    Class,
    /// A `with` statement body: names resolve dynamically.
    With,
    /// The top level of eval code: its own lexical environment, and in
    /// strict code its variable environment; the `var`s and functions of
    /// sloppy eval code belong to the caller's variable environment. Its
    /// outer scopes are synthetic copies of the call site's
    /// ([`crate::parser::parse_eval`]).
    Eval,
}

impl ScopeKind {
    /// This scope is where `var` declarations land.
    pub fn is_var_scope(self) -> bool {
        matches!(self, ScopeKind::Script | ScopeKind::Module | ScopeKind::Function | ScopeKind::Arrow | ScopeKind::ClassInit | ScopeKind::Eval)
    }

    /// This scope binds its own `this` (and, except in class initialisers, `arguments`).
    pub fn is_function_boundary(self) -> bool {
        matches!(self, ScopeKind::Function | ScopeKind::Arrow | ScopeKind::ClassInit)
    }
}

/// How a name was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `var`, also sloppy-mode function declarations hoisted out of blocks (Annex B).
    Var,
    /// `let`
    Let,
    /// `const`
    Const,
    /// `class C` (outer binding)
    Class,
    /// A function declaration.
    Function,
    /// A formal parameter.
    Param,
    /// A `catch` parameter.
    CatchParam,
    /// An import binding (immutable, live).
    Import,
    /// The name of a named function expression, or a class's inner name:
    /// visible only inside, immutable.
    SelfName,
}

impl BindingKind {
    /// The binding is in a temporal dead zone until its declaration runs.
    pub fn has_tdz(self) -> bool {
        matches!(self, BindingKind::Let | BindingKind::Const | BindingKind::Class)
    }

    /// Assigning to it is a TypeError (or silently ignored, for a sloppy SelfName).
    pub fn is_immutable(self) -> bool {
        matches!(self, BindingKind::Const | BindingKind::Import | BindingKind::SelfName)
    }

    const ALL: [BindingKind; 9] = [
        BindingKind::Var,
        BindingKind::Let,
        BindingKind::Const,
        BindingKind::Class,
        BindingKind::Function,
        BindingKind::Param,
        BindingKind::CatchParam,
        BindingKind::Import,
        BindingKind::SelfName,
    ];

    /// A number for the kind, to describe bindings to direct eval code.
    pub fn code(self) -> u8 {
        BindingKind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u8
    }

    /// The kind of [`BindingKind::code`] `code` (`Var` for an unknown code).
    pub fn from_code(code: u8) -> BindingKind {
        BindingKind::ALL.get(code as usize).copied().unwrap_or(BindingKind::Var)
    }
}

/// One declared name.
#[derive(Clone, Copy, Debug)]
pub struct Binding<'a> {
    /// The name.
    pub name: &'a str,
    /// How it was declared (the first declaration wins for `var`s).
    pub kind: BindingKind,
    /// Where it was first declared.
    pub span: Span,
    /// A closure (an inner function scope) refers to it: it cannot live in
    /// a register of its own frame.
    pub captured: bool,
}

/// Index of a binding within its scope.
pub type BindingIndex = u32;

/// One scope.
#[derive(Clone, Debug)]
pub struct Scope<'a> {
    /// What region of code.
    pub kind: ScopeKind,
    /// The enclosing scope.
    pub parent: Option<ScopeId>,
    /// The declared names, in declaration order.
    pub bindings: Vec<Binding<'a>>,
    /// The code in this scope is strict.
    pub strict: bool,
    /// Contains a direct call to `eval` (in this scope, not a nested function).
    pub has_direct_eval: bool,
    /// Function scopes: the body refers to `this` (also through arrows).
    pub uses_this: bool,
    /// Function scopes: the body refers to `arguments` (also through arrows).
    pub uses_arguments: bool,
    /// Function scopes: `arguments` is a mapped arguments object (sloppy
    /// code, simple parameters without duplicates): the parameters live in
    /// environment slots `0..n` so the object can alias them.
    pub mapped_arguments: bool,
    /// Function scopes: an arrow function inside refers to this function's
    /// `this`, `new.target`, `super` or `arguments`, so they must be kept
    /// in its environment.
    pub arrow_captures: bool,
    /// Function scopes: an arrow function inside refers to this function's
    /// `new.target`, kept in its environment.
    pub arrow_new_target: bool,
    /// Derived constructor scopes: an arrow function or direct eval inside
    /// may call `super()`, so the constructor keeps itself in its
    /// environment and its `this` binding only there.
    pub arrow_super_call: bool,
}

/// One identifier occurrence.
#[derive(Clone, Copy, Debug)]
pub struct RefRecord<'a> {
    /// The name.
    pub name: &'a str,
    /// The innermost scope the occurrence is in.
    pub scope: ScopeId,
}

/// The whole scope analysis of one program.
#[derive(Debug, Default)]
pub struct ScopeTree<'a> {
    scopes: PrimaryMap<ScopeId, Scope<'a>>,
    refs: PrimaryMap<RefId, RefRecord<'a>>,
    resolutions: SecondaryMap<RefId, Resolution>,
    /// (scope, name) → index of its binding in that scope.
    binding_index: FxHashMap<(ScopeId, &'a str), BindingIndex>,
    /// (scope, name) → what kinds of declaration of the name the scope has
    /// seen, for the redeclaration early errors.
    declared: FxHashMap<(ScopeId, &'a str), declare::NameFlags>,
    /// Functions with parameter expressions: (function scope, the range of
    /// occurrences written in its parameter list). Ranges nest or are
    /// disjoint, in order of their start.
    param_ranges: Vec<(ScopeId, RefId, RefId)>,
}

impl<'a> ScopeTree<'a> {
    /// An empty tree.
    pub fn new() -> ScopeTree<'a> {
        ScopeTree::default()
    }

    /// Opens a new scope inside `parent`.
    pub fn push_scope(&mut self, kind: ScopeKind, parent: Option<ScopeId>, strict: bool) -> ScopeId {
        self.scopes.push(Scope {
            kind,
            parent,
            bindings: Vec::new(),
            strict,
            has_direct_eval: false,
            uses_this: false,
            uses_arguments: false,
            arrow_captures: false,
            arrow_new_target: false,
            arrow_super_call: false,
            mapped_arguments: false,
        })
    }

    /// The scope `id`.
    pub fn scope(&self, id: ScopeId) -> &Scope<'a> {
        &self.scopes[id]
    }

    /// The scope `id`, to update its flags.
    pub fn scope_mut(&mut self, id: ScopeId) -> &mut Scope<'a> {
        &mut self.scopes[id]
    }

    /// Number of scopes.
    pub fn scope_count(&self) -> usize {
        self.scopes.len()
    }

    /// Records an identifier occurrence in `scope`.
    pub fn add_ref(&mut self, name: &'a str, scope: ScopeId) -> RefId {
        self.refs.push(RefRecord { name, scope })
    }

    /// Records that the occurrences `start..end` are in the parameter list
    /// of the function `scope`, whose list has expressions: they do not see
    /// the body's declarations (§10.2.11 step 28 gives the body its own
    /// variable environment), only the parameters and the outer scopes.
    pub fn add_param_range(&mut self, scope: ScopeId, start: RefId, end: RefId) {
        if start != end {
            self.param_ranges.push((scope, start, end));
        }
    }

    /// The record of occurrence `id`.
    pub fn reference(&self, id: RefId) -> RefRecord<'a> {
        self.refs[id]
    }

    /// Number of identifier occurrences.
    pub fn ref_count(&self) -> usize {
        self.refs.len()
    }

    /// Moves occurrence `id` to `scope` (a cover grammar turned out to be
    /// arrow parameters).
    pub fn move_ref(&mut self, id: RefId, scope: ScopeId) {
        self.refs[id].scope = scope;
    }

    /// Re-parents every scope created at or after `first` whose parent is
    /// `from` to `to`, and moves the occurrences from `first_ref` on that are
    /// directly in `from` to `to` (cover grammar → arrow parameters), with
    /// the direct `eval` among them.
    ///
    /// Costs only the scopes and occurrences made since the checkpoint (the
    /// entity maps' iterators have no O(1) `skip`, so the ranges are indexed).
    pub fn adopt(&mut self, first: ScopeId, first_ref: RefId, from: ScopeId, to: ScopeId) {
        for index in first.index()..self.scopes.len() {
            let id = ScopeId::new(index);
            let scope = &mut self.scopes[id];
            if id != to && scope.parent == Some(from) {
                scope.parent = Some(to);
            }
        }
        let mut eval_moved = false;
        for index in first_ref.index()..self.refs.len() {
            let r = &mut self.refs[RefId::new(index)];
            if r.scope == from {
                r.scope = to;
                eval_moved |= r.name == "eval";
            }
        }
        // A direct eval in the parameters belongs to the arrow (taking an
        // `eval` reference for one only makes more names dynamic).
        if eval_moved {
            self.scopes[to].has_direct_eval = true;
        }
    }

    /// The id the next scope will get.
    pub fn next_scope_id(&self) -> ScopeId {
        self.scopes.next_key()
    }

    /// The id the next reference will get.
    pub fn next_ref_id(&self) -> RefId {
        self.refs.next_key()
    }

    /// What occurrence `id` resolved to (after [`ScopeTree::resolve`]).
    pub fn resolution(&self, id: RefId) -> Resolution {
        self.resolutions[id]
    }

    /// The binding `index` of `scope`.
    pub fn binding(&self, scope: ScopeId, index: BindingIndex) -> &Binding<'a> {
        &self.scopes[scope].bindings[index as usize]
    }

    /// The binding of `name` declared in `scope` itself, if any.
    pub fn lookup_local(&self, scope: ScopeId, name: &str) -> Option<BindingIndex> {
        self.binding_index.get(&(scope, name)).copied()
    }

    /// The nearest enclosing scope (or `scope` itself) that is a var scope.
    pub fn var_scope(&self, mut scope: ScopeId) -> ScopeId {
        while !self.scopes[scope].kind.is_var_scope() {
            match self.scopes[scope].parent {
                Some(p) => scope = p,
                None => break,
            }
        }
        scope
    }

    /// Marks that the code in `scope` uses the `this` (and friends) of its
    /// nearest non-arrow function; if an arrow lies between, that function
    /// must keep them in its environment.
    pub fn note_this_use(&mut self, scope: ScopeId, arguments: bool) {
        let target = self.this_scope(scope);
        let through_arrow = self.crosses_arrow(scope, target);
        let s = &mut self.scopes[target];
        if arguments {
            s.uses_arguments = true;
        } else {
            s.uses_this = true;
        }
        s.arrow_captures |= through_arrow;
    }

    /// Marks that the code in `scope` uses `new.target`: through an arrow,
    /// the nearest non-arrow function keeps it in its environment.
    pub fn note_new_target_use(&mut self, scope: ScopeId) {
        let target = self.this_scope(scope);
        if self.crosses_arrow(scope, target) {
            self.scopes[target].arrow_new_target = true;
        }
    }

    /// Marks a `super()` call in `scope`: through an arrow, the constructor
    /// keeps itself, its `new.target` and its `this` in its environment.
    pub fn note_super_call(&mut self, scope: ScopeId) {
        self.note_this_use(scope, false);
        let target = self.this_scope(scope);
        if self.crosses_arrow(scope, target) {
            self.keep_constructor_in_env(target);
        }
    }

    /// Marks a direct eval in `scope` of a derived constructor (or an arrow
    /// inside one): the eval code may call `super()`, so the constructor
    /// keeps itself, its `new.target` and its `this` in its environment.
    pub fn note_eval_in_derived_constructor(&mut self, scope: ScopeId) {
        let target = self.this_scope(scope);
        self.keep_constructor_in_env(target);
    }

    fn keep_constructor_in_env(&mut self, target: ScopeId) {
        let s = &mut self.scopes[target];
        s.arrow_captures = true;
        s.arrow_super_call = true;
        s.arrow_new_target = true;
    }

    fn crosses_arrow(&self, mut scope: ScopeId, target: ScopeId) -> bool {
        while scope != target {
            let s = &self.scopes[scope];
            if s.kind == ScopeKind::Arrow {
                return true;
            }
            match s.parent {
                Some(p) => scope = p,
                None => return false,
            }
        }
        false
    }

    /// The nearest enclosing scope (or `scope` itself) with its own `this`,
    /// skipping arrows (eval code counts: its arrows keep the `this` it
    /// got from its caller); the top-level scope if none.
    pub fn this_scope(&self, mut scope: ScopeId) -> ScopeId {
        loop {
            let s = &self.scopes[scope];
            if matches!(s.kind, ScopeKind::Function | ScopeKind::ClassInit | ScopeKind::Eval) {
                return scope;
            }
            match s.parent {
                Some(p) => scope = p,
                None => return scope,
            }
        }
    }
}
