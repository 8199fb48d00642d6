//! # spindle-runtime
//!
//! The host side of Spindle: the standard library, the event loop, module
//! loading, the embedding API and the `spindle` command-line program
//! ([`cli::main`]).

pub mod cli;
