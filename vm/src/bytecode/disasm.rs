//! The disassembler: a readable listing of a function and its nested
//! functions, one instruction per line with its operands and meaning.

use super::{Constant, FunctionProto, Instr};
use std::fmt::Write;

/// Lists `proto` and, after it, every nested function.
pub fn disassemble(proto: &FunctionProto, atom_name: &dyn Fn(crate::value::Atom) -> String) -> String {
    let mut out = String::new();
    let mut queue = vec![proto];
    while let Some(p) = queue.pop() {
        list_one(p, atom_name, &mut out);
        for c in p.constants.iter().rev() {
            if let Constant::Function(f) = c {
                queue.push(f);
            }
        }
    }
    out
}

fn list_one(p: &FunctionProto, atom_name: &dyn Fn(crate::value::Atom) -> String, out: &mut String) {
    let name = if p.name.is_empty() { "<anonymous>" } else { &p.name };
    let bytes = p.encode().len();
    let _ = writeln!(
        out,
        "function {name} ({:?}, {} params, {} registers, {} instructions, {bytes} bytes)",
        p.kind,
        p.param_count,
        p.code.register_count(),
        p.code.len()
    );
    for (pc, instr) in p.code.iter().enumerate() {
        let mut line = format!("  {pc:5}  {:<22}", instr.name());
        for (kind, value) in instr.operands() {
            let _ = write!(line, " {}", operand_text(p, kind, value, atom_name));
        }
        let _ = writeln!(out, "{line:<60} ; {}", instr.meaning());
    }
    for h in p.handlers.iter() {
        let _ = writeln!(out, "  handler [{}, {}) -> {} (r{})", h.start, h.end, h.target, h.reg);
    }
    if p.saved_registers > 0 {
        let _ = write!(out, "  a suspension keeps r{} .. r{}", p.saved_start, p.saved_start + p.saved_registers - 1);
    }
    match (p.saved_registers > 0, p.saved_this) {
        (true, true) => out.push_str(" and this\n"),
        (true, false) => out.push('\n'),
        (false, true) => out.push_str("  a suspension keeps this\n"),
        (false, false) => {}
    }
    out.push('\n');
}

fn operand_text(p: &FunctionProto, kind: char, value: i64, atom_name: &dyn Fn(crate::value::Atom) -> String) -> String {
    match kind {
        'R' => format!("r{value}"),
        'J' => format!("->{value}"),
        'A' => match p.atoms.get(value as usize) {
            Some(a) => format!("{:?}", atom_name(*a)),
            None => format!("atom?{value}"),
        },
        'K' => match p.constants.get(value as usize) {
            Some(Constant::Number(n)) => format!("{n}"),
            Some(Constant::BigInt(b)) => format!("{b}n"),
            Some(Constant::Function(f)) => format!("<function {}>", f.name),
            Some(Constant::Template(_)) => format!("<template #{value}>"),
            Some(Constant::EvalSite(_)) => format!("<eval site #{value}>"),
            None => format!("k?{value}"),
        },
        'C' => format!("ic{value}"),
        _ => format!("{value}"),
    }
}

impl Instr {
    /// The opcode byte of this instruction (the first byte of its encoding
    /// when no `Wide` prefix is needed).
    pub fn opcode_byte(&self) -> u8 {
        let mut v = Vec::new();
        self.encode(&mut v);
        if v.len() > 1 && v[0] == 0 { v[1] } else { v[0] }
    }
}
