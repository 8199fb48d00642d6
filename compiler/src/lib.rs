//! # spindle-compiler
//!
//! Spindle's JavaScript front end and code generator. It owns the lexer,
//! the parser (the AST lives in a `bumpalo` arena), early errors, scope
//! analysis, the async→generator lowering, register allocation and bytecode
//! emission. Each stage is one module with one entry function.

pub mod diagnostic;
pub mod lexer;
pub mod span;

pub use diagnostic::SyntaxError;
pub use span::{LineIndex, Span};
