//! What an instruction does to the registers and where control may go
//! after it, for analyses over finished code (the compiler's liveness of a
//! coroutine's registers at its suspension points).
//!
//! The facts err on the safe side for a liveness analysis: every register
//! operand counts as read, except the `dst` of an instruction that surely
//! writes it and reads nothing through it ([`Instr::surely_writes`]); the
//! ranges `args .. args + argc` and the `next` method an iterator keeps in
//! the register above it count as read too. A jump-like instruction's
//! successors are its targets and, unless it never falls through, the next
//! instruction; a suspension's successor is the instruction it resumes at.
//! The instructions that read the frame's `this` binding are named too.
//! Exception edges come from the handler table, not from here.

use super::{Instr, Reg};

impl Instr {
    /// Calls `f` with every register this instruction may read.
    pub fn for_each_read(&self, mut f: impl FnMut(Reg)) {
        self.for_each_source_register(&mut f);
        if let (Some(dst), None) = (self.dst(), self.surely_writes()) {
            f(dst);
        }
        match *self {
            Instr::Call { args, argc, .. }
            | Instr::New { args, argc, .. }
            | Instr::SuperCall { args, argc, .. }
            | Instr::CallEval { args, argc, .. } => {
                for i in 0..argc {
                    f(Reg(args.0.saturating_add(i)));
                }
            }
            Instr::GetIterator { iter, .. }
            | Instr::GetAsyncIterator { iter, .. }
            | Instr::IteratorStep { iter, .. }
            | Instr::IteratorClose { iter }
            | Instr::IteratorCloseQuiet { iter }
            | Instr::ForInStart { iter, .. }
            | Instr::ForInNext { iter, .. } => f(Reg(iter.0.saturating_add(1))),
            // A super reference keeps its base in the register above `this`.
            Instr::GetSuper { this, .. } | Instr::SetSuper { this, .. } => f(Reg(this.0.saturating_add(1))),
            _ => {}
        }
    }

    /// The register this instruction writes whenever it completes
    /// normally, without reading its old value: its `dst`, for the
    /// instructions that only compute a value into it and never jump.
    pub fn surely_writes(&self) -> Option<Reg> {
        match self {
            Instr::LoadUndefined { .. }
            | Instr::LoadNull { .. }
            | Instr::LoadTrue { .. }
            | Instr::LoadFalse { .. }
            | Instr::LoadEmpty { .. }
            | Instr::LoadInt { .. }
            | Instr::LoadConst { .. }
            | Instr::LoadString { .. }
            | Instr::Move { .. }
            | Instr::LoadThis { .. }
            | Instr::LoadNewTarget { .. }
            | Instr::LoadCallee { .. }
            | Instr::SuperBase { .. }
            | Instr::GetEnv { .. }
            | Instr::GetGlobal { .. }
            | Instr::GetGlobalOrUndefined { .. }
            | Instr::GetImport { .. }
            | Instr::Add { .. }
            | Instr::Sub { .. }
            | Instr::Mul { .. }
            | Instr::Div { .. }
            | Instr::Rem { .. }
            | Instr::Exp { .. }
            | Instr::AddI { .. }
            | Instr::SubI { .. }
            | Instr::MulI { .. }
            | Instr::RemI { .. }
            | Instr::Shl { .. }
            | Instr::Shr { .. }
            | Instr::UShr { .. }
            | Instr::BitAnd { .. }
            | Instr::BitOr { .. }
            | Instr::BitXor { .. }
            | Instr::Eq { .. }
            | Instr::NotEq { .. }
            | Instr::StrictEq { .. }
            | Instr::StrictNotEq { .. }
            | Instr::Lt { .. }
            | Instr::LtEq { .. }
            | Instr::Gt { .. }
            | Instr::GtEq { .. }
            | Instr::In { .. }
            | Instr::InstanceOf { .. }
            | Instr::Neg { .. }
            | Instr::ToNumber { .. }
            | Instr::ToNumeric { .. }
            | Instr::Not { .. }
            | Instr::BitNot { .. }
            | Instr::TypeOf { .. }
            | Instr::Inc { .. }
            | Instr::Dec { .. }
            | Instr::ToString { .. }
            | Instr::ToPropertyKey { .. }
            | Instr::GetField { .. }
            | Instr::GetElem { .. }
            | Instr::GetMethod { .. }
            | Instr::NewObject { .. }
            | Instr::NewArray { .. }
            | Instr::NewClosure { .. }
            | Instr::NewRegExp { .. }
            | Instr::TemplateObject { .. }
            | Instr::CreateArguments { .. }
            | Instr::CreateRest { .. }
            | Instr::Call { .. }
            | Instr::CallSpread { .. }
            | Instr::New { .. }
            | Instr::NewSpread { .. } => self.dst(),
            _ => None,
        }
    }

    /// Calls `f` with each pc control may reach next from this
    /// instruction at `pc` (exceptions aside).
    pub fn for_each_successor(&self, pc: u32, mut f: impl FnMut(u32)) {
        if !matches!(self, Instr::Jump { .. } | Instr::Return { .. } | Instr::Throw { .. } | Instr::ThrowError { .. }) {
            f(pc + 1);
        }
        self.for_each_target(f);
    }

    /// Reads the frame's `this` binding (not a register: a coroutine
    /// keeps it only when some such instruction may run after a
    /// suspension).
    pub fn reads_frame_this(&self) -> bool {
        matches!(self, Instr::LoadThis { .. } | Instr::StoreThis { .. } | Instr::CallEval { .. })
    }

    /// A suspension point: the activation may stop here and resume at the
    /// next instruction, with only its saved registers.
    pub fn suspends(&self) -> bool {
        matches!(self, Instr::GeneratorStart { .. } | Instr::Yield { .. } | Instr::Await { .. } | Instr::AsyncGeneratorYield { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(i: Instr) -> Vec<u16> {
        let mut v = Vec::new();
        i.for_each_read(|r| v.push(r.0));
        v
    }

    #[test]
    fn reads_cover_ranges_and_the_iterator_next() {
        assert_eq!(reads(Instr::Call { dst: Reg(9), callee: Reg(1), this: Reg(2), args: Reg(5), argc: 3 }), [1, 2, 5, 5, 6, 7]);
        assert_eq!(reads(Instr::IteratorStep { dst: Reg(0), iter: Reg(3), target: 0 }), [3, 0, 4]);
        // A super reference's base is in the register above its `this`.
        assert!(reads(Instr::SetSuper { this: Reg(2), key: Reg(6), src: Reg(7) }).contains(&3));
        assert!(reads(Instr::GetSuper { dst: Reg(0), this: Reg(2), key: Reg(6) }).contains(&3));
    }

    #[test]
    fn only_pure_writers_kill_their_dst() {
        assert_eq!(Instr::Move { dst: Reg(1), src: Reg(1) }.surely_writes(), Some(Reg(1)));
        assert_eq!(reads(Instr::Move { dst: Reg(1), src: Reg(1) }), [1]);
        // Copies into the object in dst: reads it.
        assert_eq!(Instr::CopyDataProperties { dst: Reg(4), src: Reg(5) }.surely_writes(), None);
        assert_eq!(reads(Instr::CopyDataProperties { dst: Reg(4), src: Reg(5) }), [5, 4]);
    }

    #[test]
    fn successors_follow_jumps() {
        let mut s = Vec::new();
        Instr::JumpIfFalse { cond: Reg(0), target: 7 }.for_each_successor(3, |p| s.push(p));
        Instr::Jump { target: 1 }.for_each_successor(5, |p| s.push(p));
        Instr::Return { src: Reg(0) }.for_each_successor(6, |p| s.push(p));
        assert_eq!(s, [4, 7, 1]);
    }
}
