//! Fuzz target `parse`: any input that is UTF-8 goes through the whole
//! front end — `check_syntax` as a script and as a module, then the full
//! `parse` (with scope analysis) as a script and, when it succeeds, the AST
//! dumpers (`ast::dump::to_json` and `to_text`). Errors are fine; a panic,
//! a stack overflow, a hang or runaway memory is a bug.

#![no_main]

use bumpalo::Bump;
use libfuzzer_sys::fuzz_target;
use spindle_compiler::ast::dump;
use spindle_compiler::{check_syntax, parse, Goal};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = check_syntax(src, Goal::Script);
    let _ = check_syntax(src, Goal::Module);
    let arena = Bump::new();
    if let Ok(parsed) = parse(&arena, src, Goal::Script) {
        std::hint::black_box(dump::to_json(&parsed.program, src));
        std::hint::black_box(dump::to_text(&parsed.program, src));
    }
});
