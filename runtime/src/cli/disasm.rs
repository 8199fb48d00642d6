//! `spindle disasm FILE`: each function's bytecode, one instruction a line
//! with its operands and meaning.

use super::source;
use spindle_compiler::{compile_script, parse, Goal};
use std::path::Path;
use std::process::ExitCode;

/// Runs `spindle disasm`.
pub(crate) fn run(path: &Path) -> ExitCode {
    let text = match source::read(path) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let file = path.display().to_string();
    let arena = bumpalo::Bump::new();
    let mut vm = spindle_vm::Vm::new();
    let compiled = parse(&arena, &text, Goal::Script)
        .and_then(|p| compile_script(&p.program, &p.scopes, &mut vm.heap, &file, &text));
    match compiled {
        Ok(proto) => {
            let heap = &vm.heap;
            let listing = spindle_vm::bytecode::disassemble(&proto, &|a| String::from_utf16_lossy(heap.atom_units(a)));
            print!("{listing}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.render(&file, &text));
            ExitCode::FAILURE
        }
    }
}
