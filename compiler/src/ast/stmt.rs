//! Statement, declaration and module-item nodes.

use super::{Class, Expr, Function, Ident, JsStr, Name, Pattern, ScopeId};
use crate::span::Span;

/// A statement, declaration or module item.
#[derive(Clone, Copy, Debug)]
pub enum Stmt<'a> {
    /// `expr;`
    Expr(Expr<'a>, Span),
    /// `var`/`let`/`const` declarations.
    Var(&'a VarDecl<'a>),
    /// `function f() {}` (also generator and async forms)
    Function(&'a Function<'a>),
    /// `class C {}`
    Class(&'a Class<'a>),
    /// `{ ... }`
    Block(&'a Block<'a>),
    /// `;`
    Empty(Span),
    /// `debugger;`
    Debugger(Span),
    /// `if (test) then else otherwise`
    If(&'a If<'a>),
    /// `for (init; test; update) body`
    For(&'a For<'a>),
    /// `for (left in right) body`
    ForIn(&'a ForInOf<'a>),
    /// `for (left of right) body`, `for await (left of right) body`
    ForOf(&'a ForInOf<'a>),
    /// `while (test) body`
    While(&'a While<'a>),
    /// `do body while (test)`
    DoWhile(&'a While<'a>),
    /// `return arg;`
    Return(Option<Expr<'a>>, Span),
    /// `break label;`
    Break(Option<Name<'a>>, Span),
    /// `continue label;`
    Continue(Option<Name<'a>>, Span),
    /// `throw arg;`
    Throw(Expr<'a>, Span),
    /// `try {} catch (e) {} finally {}`
    Try(&'a Try<'a>),
    /// `switch (d) { case ...: }`
    Switch(&'a Switch<'a>),
    /// `label: body`
    Labeled(&'a Labeled<'a>),
    /// `with (object) body`
    With(&'a With<'a>),
    /// `import ... from "m";`
    Import(&'a ImportDecl<'a>),
    /// `export ...`
    Export(&'a ExportDecl<'a>),
}

/// `var`, `let` or `const`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum VarKind { Var, Let, Const }

/// One `target = init` of a declaration.
#[derive(Clone, Copy, Debug)]
pub struct Declarator<'a> {
    /// What is declared.
    pub target: Pattern<'a>,
    /// The initializer.
    pub init: Option<Expr<'a>>,
}

/// A variable declaration.
#[derive(Clone, Copy, Debug)]
pub struct VarDecl<'a> {
    /// Which keyword.
    pub kind: VarKind,
    /// The declarators.
    pub decls: &'a [Declarator<'a>],
    /// Where it is written.
    pub span: Span,
}

/// A block statement.
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    /// The statements.
    pub body: &'a [Stmt<'a>],
    /// Its lexical scope.
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// An `if` statement.
#[derive(Clone, Copy, Debug)]
pub struct If<'a> {
    /// The condition.
    pub test: Expr<'a>,
    /// The consequent.
    pub then: Stmt<'a>,
    /// The alternative.
    pub otherwise: Option<Stmt<'a>>,
    /// Where it is written.
    pub span: Span,
}

/// The first clause of a `for` statement.
#[derive(Clone, Copy, Debug)]
pub enum ForInit<'a> {
    /// `var`/`let`/`const` declarations.
    Var(&'a VarDecl<'a>),
    /// An expression.
    Expr(Expr<'a>),
}

/// `for (init; test; update) body`
#[derive(Clone, Copy, Debug)]
pub struct For<'a> {
    /// Initialisation.
    pub init: Option<ForInit<'a>>,
    /// Condition.
    pub test: Option<Expr<'a>>,
    /// Update.
    pub update: Option<Expr<'a>>,
    /// The body.
    pub body: Stmt<'a>,
    /// The scope of a lexical declaration in `init` (copied per iteration).
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// The left side of `for-in` / `for-of`.
#[derive(Clone, Copy, Debug)]
pub enum ForHead<'a> {
    /// A declaration with exactly one declarator (an initializer only for
    /// Annex B `for (var x = 1 in o)`).
    Var(&'a VarDecl<'a>),
    /// An assignment target.
    Pattern(Pattern<'a>),
}

/// `for (left in/of right) body`
#[derive(Clone, Copy, Debug)]
pub struct ForInOf<'a> {
    /// What each iteration assigns.
    pub left: ForHead<'a>,
    /// The object or iterable.
    pub right: Expr<'a>,
    /// The body.
    pub body: Stmt<'a>,
    /// `for await`
    pub is_await: bool,
    /// The per-iteration scope of a lexical declaration in `left`.
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// `while` and `do`-`while`.
#[derive(Clone, Copy, Debug)]
pub struct While<'a> {
    /// The condition.
    pub test: Expr<'a>,
    /// The body.
    pub body: Stmt<'a>,
    /// Where it is written.
    pub span: Span,
}

/// The `catch` clause.
#[derive(Clone, Copy, Debug)]
pub struct Catch<'a> {
    /// The parameter, if any.
    pub param: Option<Pattern<'a>>,
    /// The body.
    pub body: &'a Block<'a>,
    /// The scope of the parameter.
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// A `try` statement.
#[derive(Clone, Copy, Debug)]
pub struct Try<'a> {
    /// The protected block.
    pub block: &'a Block<'a>,
    /// The handler.
    pub handler: Option<Catch<'a>>,
    /// The `finally` block.
    pub finalizer: Option<&'a Block<'a>>,
    /// Where it is written.
    pub span: Span,
}

/// One `case`/`default` clause.
#[derive(Clone, Copy, Debug)]
pub struct SwitchCase<'a> {
    /// The case value; `None` for `default`.
    pub test: Option<Expr<'a>>,
    /// The statements.
    pub body: &'a [Stmt<'a>],
    /// Where it is written.
    pub span: Span,
}

/// A `switch` statement.
#[derive(Clone, Copy, Debug)]
pub struct Switch<'a> {
    /// The discriminant.
    pub discriminant: Expr<'a>,
    /// The clauses.
    pub cases: &'a [SwitchCase<'a>],
    /// The lexical scope of the case block.
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// A labelled statement.
#[derive(Clone, Copy, Debug)]
pub struct Labeled<'a> {
    /// The label.
    pub label: Name<'a>,
    /// The statement.
    pub body: Stmt<'a>,
    /// Where it is written.
    pub span: Span,
}

/// `with (object) body`
#[derive(Clone, Copy, Debug)]
pub struct With<'a> {
    /// The object.
    pub object: Expr<'a>,
    /// The body.
    pub body: Stmt<'a>,
    /// The object-environment scope.
    pub scope: ScopeId,
    /// Where it is written.
    pub span: Span,
}

/// A name in an import or export list: an identifier or a string.
#[derive(Clone, Copy, Debug)]
pub enum ModuleExportName<'a> {
    /// `a`
    Ident(Name<'a>),
    /// `"a-b"` (must be well-formed Unicode)
    String(JsStr<'a>, Span),
}

/// One import binding.
#[derive(Clone, Copy, Debug)]
pub enum ImportSpec<'a> {
    /// `import a from "m"`
    Default(Ident<'a>),
    /// `import * as a from "m"`
    Namespace(Ident<'a>),
    /// `import { b as a } from "m"`
    Named {
        /// The name exported by the module.
        imported: ModuleExportName<'a>,
        /// The local binding.
        local: Ident<'a>,
    },
}

/// `with { type: "json" }`: one import attribute.
#[derive(Clone, Copy, Debug)]
pub struct ImportAttribute<'a> {
    /// The key.
    pub key: ModuleExportName<'a>,
    /// The value.
    pub value: JsStr<'a>,
}

/// An `import` declaration.
#[derive(Clone, Copy, Debug)]
pub struct ImportDecl<'a> {
    /// The bindings (empty for `import "m"`).
    pub specifiers: &'a [ImportSpec<'a>],
    /// The module specifier.
    pub source: JsStr<'a>,
    /// Import attributes.
    pub attributes: &'a [ImportAttribute<'a>],
    /// Where it is written.
    pub span: Span,
}

/// `local as exported` in an export list.
#[derive(Clone, Copy, Debug)]
pub struct ExportSpec<'a> {
    /// The local binding (or the imported name with `from`).
    pub local: ModuleExportName<'a>,
    /// The resolved local binding, for a list without `from`.
    pub local_ref: Option<Ident<'a>>,
    /// The exported name.
    pub exported: ModuleExportName<'a>,
}

/// An `export` declaration.
#[derive(Clone, Copy, Debug)]
pub enum ExportDecl<'a> {
    /// `export { a, b as c } [from "m"];`
    Named {
        /// The list.
        specifiers: &'a [ExportSpec<'a>],
        /// `from "m"`
        source: Option<JsStr<'a>>,
        /// Import attributes of `from`.
        attributes: &'a [ImportAttribute<'a>],
        /// Where it is written.
        span: Span,
    },
    /// `export * [as name] from "m";`
    All {
        /// `as name`
        exported: Option<ModuleExportName<'a>>,
        /// The module specifier.
        source: JsStr<'a>,
        /// Import attributes.
        attributes: &'a [ImportAttribute<'a>],
        /// Where it is written.
        span: Span,
    },
    /// `export default expr;`
    DefaultExpr(Expr<'a>, Ident<'a>, Span),
    /// `export default function ...` / `export default class ...`
    DefaultDecl(Stmt<'a>, Span),
    /// `export var/let/const/function/class ...`
    Decl(Stmt<'a>, Span),
}
