//! The register stack: the registers of every active frame, end to end.
//!
//! Invariant: the stack is one allocation of [`RegisterStack::CAPACITY`]
//! values reserved when the interpreter is made, and it never grows past it,
//! so its storage never moves while the VM lives. The dispatch loop relies on
//! that to keep a pointer to the top frame's registers across instructions
//! that call back into JavaScript (see `Vm::execute`). A frame that would
//! not fit raises `RangeError` like a too-deep recursion.
//!
//! Untouched capacity costs address space only: the operating system gives
//! memory pages to the stack as frames first reach them.

use crate::value::Value;
use std::ops::{Deref, DerefMut};

/// The registers of all active frames (see the module invariant).
#[derive(Debug)]
pub(crate) struct RegisterStack {
    values: Vec<Value>,
}

impl Default for RegisterStack {
    fn default() -> Self {
        RegisterStack { values: Vec::with_capacity(Self::CAPACITY) }
    }
}

impl RegisterStack {
    /// Most registers of all frames together (16 MiB of address space):
    /// 10,000 frames of 100 registers each.
    pub(crate) const CAPACITY: usize = 1 << 20;

    /// Appends `count` registers set to `undefined`; returns the index of
    /// the first, or `None` when they would not fit.
    pub(crate) fn push_registers(&mut self, count: usize) -> Option<usize> {
        let base = self.values.len();
        if count > Self::CAPACITY - base {
            return None;
        }
        self.values.resize(base + count, Value::Undefined);
        Some(base)
    }

    /// Appends `count` registers: undefined but for a copy of `saved` (the
    /// registers a suspended frame kept) from the `start`-th on; returns
    /// the index of the first, or `None` when they would not fit.
    pub(crate) fn push_saved(&mut self, start: usize, saved: &[Value], count: usize) -> Option<usize> {
        let base = self.values.len();
        let count = count.max(start + saved.len());
        if count > Self::CAPACITY - base {
            return None;
        }
        if start > 0 {
            self.values.resize(base + start, Value::Undefined);
        }
        self.values.extend_from_slice(saved);
        self.values.resize(base + count, Value::Undefined);
        Some(base)
    }

    /// Drops the registers from index `len` on.
    pub(crate) fn truncate(&mut self, len: usize) {
        self.values.truncate(len);
    }

    /// A pointer to register `index`, valid for reads and writes of the
    /// registers below `len()` while the VM lives (the storage never moves).
    pub(crate) fn as_mut_ptr(&mut self) -> *mut Value {
        debug_assert!(self.values.capacity() == Self::CAPACITY);
        self.values.as_mut_ptr()
    }
}

impl Deref for RegisterStack {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.values
    }
}

impl DerefMut for RegisterStack {
    fn deref_mut(&mut self) -> &mut [Value] {
        &mut self.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_never_moves_and_overflow_is_refused() {
        let mut s = RegisterStack::default();
        let p = s.as_mut_ptr();
        assert_eq!(s.push_registers(10), Some(0));
        assert_eq!(s.push_saved(1, &[Value::Null; 4], 5), Some(10));
        assert_eq!(s.len(), 15);
        assert_eq!(s[10], Value::Undefined);
        assert_eq!(s[12], Value::Null);
        assert_eq!(s.push_registers(RegisterStack::CAPACITY - 15), Some(15));
        assert_eq!(s.push_registers(1), None);
        assert_eq!(s.push_saved(0, &[Value::Null], 1), None);
        assert_eq!(s.as_mut_ptr(), p);
        s.truncate(3);
        assert_eq!(s.len(), 3);
        assert_eq!(s.as_mut_ptr(), p);
    }
}
