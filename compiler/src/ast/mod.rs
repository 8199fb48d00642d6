//! The abstract syntax tree.
//!
//! Every node lives in a `bumpalo` arena and borrows it for `'a`; lists are
//! arena slices and children are arena references, so an enum of nodes is two
//! words. Every node carries its [`Span`]. Each occurrence of an identifier,
//! binding or reference, is an [`Ident`] with a [`RefId`] that scope analysis
//! resolves; each node that opens a scope holds its [`ScopeId`].
//!
//! Invariants: the tree is exactly what the source says (no desugaring here;
//! the async lowering is a later stage), and it passed every early error.

pub mod dump;
mod expr;
mod stmt;

pub use expr::*;
pub use stmt::*;

use crate::span::Span;
use cranelift_entity::entity_impl;

/// A JavaScript string value: UTF-16 code units, possibly unpaired surrogates.
pub type JsStr<'a> = &'a [u16];

/// Index of an identifier occurrence in the scope analysis tables.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RefId(u32);
entity_impl!(RefId, "ref");

/// Index of a scope in the scope tree.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(u32);
entity_impl!(ScopeId, "scope");

/// An identifier occurrence: a binding (`let x`) or a reference (`x + 1`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ident<'a> {
    /// The name, escapes decoded.
    pub name: &'a str,
    /// Where it is written.
    pub span: Span,
    /// Its entry in the scope analysis tables.
    pub id: RefId,
}

/// A name that is not resolved: property names, labels, export names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Name<'a> {
    /// The name, escapes decoded.
    pub name: &'a str,
    /// Where it is written.
    pub span: Span,
}

/// Whether a program is a script or a module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// A classic script (sloppy unless it says `"use strict"`).
    Script,
    /// An ECMAScript module (always strict).
    Module,
}

/// A whole script or module.
#[derive(Debug)]
pub struct Program<'a> {
    /// Script or module.
    pub goal: Goal,
    /// The body is strict-mode code.
    pub strict: bool,
    /// The statements (and module items).
    pub body: &'a [Stmt<'a>],
    /// The top-level scope.
    pub scope: ScopeId,
    /// The whole source.
    pub span: Span,
}
