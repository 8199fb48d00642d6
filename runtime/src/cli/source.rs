//! Reading source files for the command line: bytes to UTF-8 text with a
//! clear diagnostic for unreadable files and invalid UTF-8, and the choice
//! of script or module goal.

use spindle_compiler::Goal;
use std::path::Path;

/// Reads `path` as UTF-8 source. On failure returns the message to print.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read file: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{column}: SyntaxError: Invalid UTF-8 in source text (byte offset {offset})", path.display())
    })
}

/// A `.mjs` file, or `--module`, is a module; anything else a script.
pub(crate) fn goal(path: &Path, module_flag: bool) -> Goal {
    if module_flag || path.extension().is_some_and(|e| e == "mjs") {
        Goal::Module
    } else {
        Goal::Script
    }
}
