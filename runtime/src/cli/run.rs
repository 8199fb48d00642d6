//! `spindle run FILE` and `spindle eval CODE`: run a script; an uncaught
//! exception prints `Uncaught <Name>: <message>` and the stack on stderr
//! and exits 1.

use super::source;
use crate::{RunError, Runtime};
use std::path::Path;
use std::process::ExitCode;

/// Runs `spindle run`.
pub(crate) fn run_file(path: &Path) -> ExitCode {
    let text = match source::read(path) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let mut rt = Runtime::new();
    match rt.eval(&text, &path.display().to_string()) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => report(&mut rt, e),
    }
}

/// Runs `spindle eval`.
pub(crate) fn eval(code: &str) -> ExitCode {
    let mut rt = Runtime::new();
    match rt.eval(code, "<eval>") {
        Ok(v) => {
            let text = rt.display(v);
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => report(&mut rt, e),
    }
}

fn report(rt: &mut Runtime, e: RunError) -> ExitCode {
    match e {
        RunError::Syntax(diagnostic) => eprintln!("{diagnostic}"),
        RunError::Exception(v) => {
            let text = rt.describe_exception(v);
            eprintln!("{text}");
        }
    }
    ExitCode::FAILURE
}
