//! `spindle lower FILE`: print the program with every async function
//! lowered to a generator run by `spawn` (the classic desugaring, as
//! runnable JavaScript), or the first syntax error as `spindle parse`
//! prints it.

use super::source;
use spindle_compiler::lower::lower_program;
use std::path::Path;
use std::process::ExitCode;

/// Runs `spindle lower`.
pub(crate) fn run(path: &Path, module: bool) -> ExitCode {
    let text = match source::read(path) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let arena = bumpalo::Bump::new();
    match spindle_compiler::parse(&arena, &text, source::goal(path, module)) {
        Ok(parsed) => {
            print!("{}", lower_program(&parsed, &text));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", error.render(&path.display().to_string(), &text));
            ExitCode::FAILURE
        }
    }
}
