//! `spindle parse FILE`: print the syntax tree, or the first syntax error
//! as a `file:line:column` diagnostic with the source line and a caret.

use super::source;
use spindle_compiler::ast::dump;
use std::path::Path;
use std::process::ExitCode;

/// Runs `spindle parse`.
pub(crate) fn run(path: &Path, module: bool, json: bool) -> ExitCode {
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
            if json {
                let value = dump::to_json(&parsed.program, &text);
                println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
            } else {
                print!("{}", dump::to_text(&parsed.program, &text));
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", error.render(&path.display().to_string(), &text));
            ExitCode::FAILURE
        }
    }
}
