//! `spindle disasm FILE`: each function's bytecode, one instruction a line
//! with its operands and meaning. A module (`.mjs`) shows its two protos:
//! the environment's instantiation, then the body.

use super::source;
use spindle_compiler::{compile_module, compile_script, parse, Goal};
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
    let goal = source::goal(path, false);
    let compiled = parse(&arena, &text, goal).and_then(|p| match goal {
        Goal::Script => compile_script(&p.program, &p.scopes, &mut vm.heap, &file, &text).map(|proto| vec![proto]),
        Goal::Module => compile_module(&p.program, &p.scopes, &mut vm.heap, &file, &text).map(|m| vec![m.init, m.body]),
    });
    match compiled {
        Ok(protos) => {
            let heap = &vm.heap;
            for proto in protos {
                let listing = spindle_vm::bytecode::disassemble(&proto, &|a| String::from_utf16_lossy(heap.atom_units(a)));
                print!("{listing}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.render(&file, &text));
            ExitCode::FAILURE
        }
    }
}
