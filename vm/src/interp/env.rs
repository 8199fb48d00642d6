//! Environments of captured variables: pushing, popping and copying them,
//! and reading and writing their slots by (depth, slot).

use crate::object::{Env, ObjectKind};
use crate::value::{Obj, Value};
use crate::vm::Vm;

impl Vm {
    /// The environment `depth` steps out from the current one.
    fn env_at(&self, depth: u16) -> Option<Obj> {
        let mut env = self.interp.env;
        for _ in 0..depth {
            env = match &self.heap.object(env?).kind {
                ObjectKind::Env(e) => e.parent,
                _ => None,
            };
        }
        env
    }

    /// `env(depth).slots[slot]`; `Undefined` for a malformed access.
    pub(crate) fn env_slot(&self, depth: u16, slot: u16) -> Value {
        let Some(env) = self.env_at(depth) else { return Value::Undefined };
        match &self.heap.object(env).kind {
            ObjectKind::Env(e) => e.slots.get(slot as usize).copied().unwrap_or(Value::Undefined),
            _ => Value::Undefined,
        }
    }

    /// `env(depth).slots[slot] := value`.
    pub(crate) fn set_env_slot(&mut self, depth: u16, slot: u16, value: Value) {
        let Some(env) = self.env_at(depth) else { return };
        if let ObjectKind::Env(e) = &mut self.heap.object_mut(env).kind {
            if let Some(s) = e.slots.get_mut(slot as usize) {
                *s = value;
            }
        }
    }

    /// Opens a scope whose captured bindings live in a new environment.
    pub(crate) fn push_env(&mut self, size: u16) {
        let env = Env { parent: self.interp.env, slots: vec![Value::Empty; size as usize].into_boxed_slice() };
        let obj = self.heap.alloc_object(None, ObjectKind::Env(env));
        self.interp.env = Some(obj);
        if let Some(f) = self.interp.frames.last_mut() {
            f.env_depth += 1;
        }
    }

    /// Closes the innermost scope's environment.
    pub(crate) fn pop_env(&mut self) {
        if let Some(env) = self.interp.env {
            if let ObjectKind::Env(e) = &self.heap.object(env).kind {
                self.interp.env = e.parent;
            }
        }
        if let Some(f) = self.interp.frames.last_mut() {
            f.env_depth = f.env_depth.saturating_sub(1);
        }
    }

    /// Replaces the innermost environment by a copy: the fresh bindings of
    /// each iteration of a `for (let ...)` loop (CreatePerIterationEnvironment).
    pub(crate) fn copy_env(&mut self) {
        let Some(env) = self.interp.env else { return };
        let copy = match &self.heap.object(env).kind {
            ObjectKind::Env(e) => e.clone(),
            _ => return,
        };
        let obj = self.heap.alloc_object(None, ObjectKind::Env(copy));
        self.interp.env = Some(obj);
    }
}
