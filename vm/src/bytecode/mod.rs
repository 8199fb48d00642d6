//! Bytecode: the instruction set ([`Instr`], generated from one table in
//! `opcodes.rs`), compiled functions ([`FunctionProto`]) and the
//! disassembler.

mod disasm;
mod effects;
mod opcodes;
mod proto;

pub use disasm::disassemble;
pub use opcodes::Instr;
pub use proto::{Code, Constant, InvalidCode, EvalScope, EvalScopeKind, EvalSite, FunctionKind, FunctionProto, Handler, LineEntry, ProtoFlags, TemplateSite};

/// A register of the current frame.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Reg(pub u16);

impl std::fmt::Debug for Reg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "r{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let program = [
            Instr::LoadInt { dst: Reg(0), imm: -5 },
            Instr::Add { dst: Reg(300), a: Reg(1), b: Reg(2) },
            Instr::JumpIfFalse { cond: Reg(3), target: 12345 },
            Instr::Call { dst: Reg(0), callee: Reg(1), this: Reg(2), args: Reg(3), argc: 2 },
            Instr::PopEnv {},
        ];
        let mut bytes = Vec::new();
        for i in &program {
            i.encode(&mut bytes);
        }
        let mut pos = 0;
        let mut decoded = Vec::new();
        while pos < bytes.len() {
            let (i, len) = Instr::decode(&bytes[pos..]).expect("valid code");
            decoded.push(i);
            pos += len;
        }
        assert_eq!(decoded, program);
        assert_eq!(bytes[0..2], [Instr::LoadInt { dst: Reg(0), imm: 0 }.opcode_byte(), 0]);
    }

    #[test]
    fn instructions_are_small() {
        assert!(std::mem::size_of::<Instr>() <= 16);
    }
}
