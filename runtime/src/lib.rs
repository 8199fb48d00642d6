//! # spindle-runtime
//!
//! The host side of Spindle: the standard library ([`builtins`]), the
//! embedding API ([`Runtime`]), the host event loop with timers and
//! unhandled-rejection reports ([`event_loop`]), ES modules (`Runtime::run_module`,
//! `import()`), CommonJS modules (for `spindle invoke`), several realms in
//! one runtime ([`Runtime::create_realm`], [`Runtime::eval_in`],
//! [`Runtime::global`]) and the `spindle` command-line program
//! ([`cli::main`]).

pub mod builtins;
pub mod cli;
mod commonjs;
pub mod event_loop;
mod modules;
mod realms;
mod runtime;

pub use realms::create_realm;
pub use runtime::{RunError, Runtime};
