//! # spindle-runtime
//!
//! The host side of Spindle: the standard library ([`builtins`]), the
//! embedding API ([`Runtime`]) and the `spindle` command-line program
//! ([`cli::main`]).

pub mod builtins;
pub mod cli;
mod runtime;

pub use runtime::{RunError, Runtime};
