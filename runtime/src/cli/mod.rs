//! The `spindle` command line: argument parsing and one module per
//! subcommand. Each subcommand returns the process exit code.

mod disasm;
mod invoke;
mod lower;
mod parse;
mod run;
mod source;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Spindle: a JavaScript engine whose async functions are compiled state machines.
#[derive(Parser, Debug)]
#[command(name = "spindle", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse FILE and print its syntax tree, or the first syntax error.
    Parse {
        /// The JavaScript file (`.mjs` files are modules).
        file: std::path::PathBuf,
        /// Parse as an ECMAScript module.
        #[arg(long)]
        module: bool,
        /// Print the tree as ESTree-shaped JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run FILE as a script (a module if `.mjs` or `--module`), then the event loop.
    Run {
        /// The JavaScript file.
        file: std::path::PathBuf,
        #[command(flatten)]
        event_loop: run::LoopArgs,
    },
    /// Call `exports.HANDLER(event, context)` of the CommonJS module FILE, await it,
    /// run the event loop, and print the result as JSON.
    Invoke {
        /// The CommonJS module.
        file: std::path::PathBuf,
        /// The event, as JSON text.
        #[arg(long, default_value = "{}")]
        event: String,
        /// The exported function to call.
        #[arg(long, default_value = "main")]
        handler: String,
        #[command(flatten)]
        event_loop: run::LoopArgs,
    },
    /// Evaluate CODE and print its completion value, then run the event loop.
    Eval {
        /// The JavaScript source text.
        code: String,
        #[command(flatten)]
        event_loop: run::LoopArgs,
    },
    /// Print FILE with every async function lowered to a generator run by `spawn`.
    Lower {
        /// The JavaScript file (`.mjs` files are modules).
        file: std::path::PathBuf,
        /// Parse as an ECMAScript module.
        #[arg(long)]
        module: bool,
    },
    /// Print the bytecode of each function of FILE.
    Disasm {
        /// The JavaScript file.
        file: std::path::PathBuf,
    },
}

/// Runs the command line in `args` and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { file, module, json } => parse::run(&file, module, json),
        Command::Run { file, event_loop } => run::run_file(&file, &event_loop),
        Command::Invoke { file, event, handler, event_loop } => invoke::run(&file, &event, &handler, &event_loop),
        Command::Eval { code, event_loop } => run::eval(&code, &event_loop),
        Command::Lower { file, module } => lower::run(&file, module),
        Command::Disasm { file } => disasm::run(&file),
    }
}
