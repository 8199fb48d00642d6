//! Which registers a coroutine must keep while suspended: a backward
//! liveness analysis over its finished code, with the instruction facts of
//! `spindle_vm::bytecode` (reads, sure writes, successors) and the handler
//! table's exception edges.
//!
//! A register is live at a pc if some path from there reads it before
//! surely writing it. What a suspension keeps is the registers live where
//! it resumes, but the resume and mode registers (every resumption writes
//! them). The result is one window of registers covering every suspension
//! point's set, so that saving and restoring stay one copy each, and
//! whether the frame's `this` is live across one (it counts as one more
//! register, read by the instructions that read it, never written).

use spindle_vm::bytecode::{Handler, Instr};

/// Most bits of live sets the analysis may hold (a bit per register per
/// instruction); a larger function keeps the stack-order bound instead.
const BUDGET_BITS: usize = 1 << 24;

/// What a suspension must keep: registers `start .. end` (`start == end`
/// if none) and whether the frame's `this`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Saved {
    pub(crate) start: u16,
    pub(crate) end: u16,
    pub(crate) this: bool,
}

/// What a suspension of `code`, with `registers` registers, must keep,
/// registers `resume` and `resume + 1` left out; `None` if the function is
/// too large to analyse.
pub(crate) fn saved(code: &[Instr], handlers: &[Handler], registers: u16, resume: u16) -> Option<Saved> {
    let this = registers;
    let words = (usize::from(registers) + 1).div_ceil(64);
    if code.len().saturating_mul(words * 64) > BUDGET_BITS {
        return None;
    }
    let live = live_in(code, handlers, words, this);
    let mut window: Option<(u16, u16)> = None;
    let mut keeps_this = false;
    for (pc, instr) in code.iter().enumerate() {
        if !instr.suspends() {
            continue;
        }
        let Some(after) = live.get((pc + 1) * words..(pc + 2) * words) else { continue };
        keeps_this |= contains(after, this);
        for r in members(after).filter(|&r| r != resume && r != resume.wrapping_add(1) && r != this) {
            window = Some(window.map_or((r, r + 1), |(lo, hi)| (lo.min(r), hi.max(r + 1))));
        }
    }
    let (start, end) = window.unwrap_or((0, 0));
    Some(Saved { start, end, this: keeps_this })
}

/// The live-in set of every instruction, `words` words each (bit `this`
/// for the frame's `this`), iterated to the fixed point (backwards, so
/// straight-line code settles in one pass).
fn live_in(code: &[Instr], handlers: &[Handler], words: usize, this: u16) -> Vec<u64> {
    let mut live = vec![0u64; code.len() * words];
    let mut next = vec![0u64; words];
    loop {
        let mut changed = false;
        for pc in (0..code.len()).rev() {
            next.fill(0);
            let instr = &code[pc];
            instr.for_each_successor(pc as u32, |s| union(&mut next, &live, s as usize, words));
            if let Some(w) = instr.surely_writes() {
                remove(&mut next, w.0);
            }
            instr.for_each_read(|r| insert(&mut next, r.0));
            if instr.reads_frame_this() {
                insert(&mut next, this);
            }
            for h in handlers.iter().filter(|h| h.start as usize <= pc && pc < h.end as usize) {
                // The unwinder writes the exception into the handler's register.
                let caught = h.reg;
                let had = contains(&next, caught);
                union(&mut next, &live, h.target as usize, words);
                if !had {
                    remove(&mut next, caught);
                }
            }
            let slot = &mut live[pc * words..(pc + 1) * words];
            if slot != next.as_slice() {
                slot.copy_from_slice(&next);
                changed = true;
            }
        }
        if !changed {
            return live;
        }
    }
}

/// `set |= live[pc]` (nothing for a pc past the code).
fn union(set: &mut [u64], live: &[u64], pc: usize, words: usize) {
    if let Some(other) = live.get(pc * words..(pc + 1) * words) {
        for (a, b) in set.iter_mut().zip(other) {
            *a |= b;
        }
    }
}

fn insert(set: &mut [u64], r: u16) {
    if let Some(w) = set.get_mut(usize::from(r) / 64) {
        *w |= 1 << (r % 64);
    }
}

fn remove(set: &mut [u64], r: u16) {
    if let Some(w) = set.get_mut(usize::from(r) / 64) {
        *w &= !(1 << (r % 64));
    }
}

fn contains(set: &[u64], r: u16) -> bool {
    set.get(usize::from(r) / 64).is_some_and(|w| w & (1 << (r % 64)) != 0)
}

/// The registers in `set`.
fn members(set: &[u64]) -> impl Iterator<Item = u16> + '_ {
    set.iter().enumerate().flat_map(|(i, &w)| (0..64).filter(move |b| w & (1 << b) != 0).map(move |b| (i * 64 + b) as u16))
}

#[cfg(test)]
mod tests {
    use super::*;
    use spindle_vm::bytecode::Reg;

    #[test]
    fn keeps_only_what_is_read_after_resuming() {
        // r0 dead after its last read, r1 read after the await, r2 written
        // before it is read, r3 (the awaited value) never read again.
        let code = [
            Instr::AddI { dst: Reg(1), a: Reg(0), imm: 1 },
            Instr::LoadInt { dst: Reg(3), imm: 0 },
            Instr::Await { value: Reg(3) },
            Instr::Move { dst: Reg(2), src: Reg(4) },
            Instr::Move { dst: Reg(2), src: Reg(1) },
            Instr::Return { src: Reg(2) },
        ];
        assert_eq!(saved(&code, &[], 6, 4), Some(Saved { start: 1, end: 2, this: false }));
    }

    #[test]
    fn a_loop_keeps_what_its_next_iteration_reads() {
        // The next iteration reads r0 and r1; r2 it writes first.
        let code = [
            Instr::AddI { dst: Reg(2), a: Reg(1), imm: 1 },
            Instr::Await { value: Reg(2) },
            Instr::AddI { dst: Reg(0), a: Reg(0), imm: 1 },
            Instr::Jump { target: 0 },
        ];
        assert_eq!(saved(&code, &[], 5, 3), Some(Saved { start: 0, end: 2, this: false }));
    }

    #[test]
    fn a_handler_keeps_what_the_catch_reads_but_the_caught_register() {
        let code = [
            Instr::Await { value: Reg(0) },
            Instr::LoadInt { dst: Reg(1), imm: 0 },
            Instr::Return { src: Reg(1) },
            Instr::Add { dst: Reg(1), a: Reg(2), b: Reg(3) },
            Instr::Return { src: Reg(1) },
        ];
        let handler = Handler { start: 0, end: 3, target: 3, reg: 2, env_depth: 0 };
        assert_eq!(saved(&code, &[handler], 6, 4), Some(Saved { start: 3, end: 4, this: false }));
    }

    #[test]
    fn this_is_kept_when_read_after_resuming() {
        let code = [Instr::Yield { value: Reg(0), raw: 0 }, Instr::LoadThis { dst: Reg(0) }, Instr::Return { src: Reg(0) }];
        assert_eq!(saved(&code, &[], 3, 1), Some(Saved { start: 0, end: 0, this: true }));
        let code = [Instr::LoadThis { dst: Reg(0) }, Instr::Yield { value: Reg(0), raw: 0 }, Instr::Return { src: Reg(0) }];
        assert_eq!(saved(&code, &[], 3, 1), Some(Saved { start: 0, end: 1, this: false }));
    }
}
