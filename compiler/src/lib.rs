//! # spindle-compiler
//!
//! Spindle's JavaScript front end and code generator. It owns the lexer,
//! the parser (the AST lives in a `bumpalo` arena), early errors, scope
//! analysis, the async→generator lowering, register allocation and bytecode
//! emission. Each stage is one module with one entry function.
//!
//! ```
//! use spindle_compiler::{parse, Goal};
//! let arena = bumpalo::Bump::new();
//! let parsed = parse(&arena, "let x = 1; x + 1", Goal::Script).unwrap();
//! assert_eq!(parsed.program.body.len(), 2);
//! assert!(spindle_compiler::check_syntax("let let = 1", Goal::Script).is_err());
//! ```

pub mod ast;
pub mod codegen;
pub mod diagnostic;
pub mod lexer;
pub mod lower;
pub mod parser;
pub mod scope;
pub mod span;

pub use ast::Goal;
pub use codegen::{compile_eval, compile_module, compile_script, CompiledModule};
pub use diagnostic::SyntaxError;
pub use parser::{check_syntax, parse, parse_eval, Parsed};
pub use span::{LineIndex, Span};
