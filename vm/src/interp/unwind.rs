//! Exceptions and stack traces: unwinding to the innermost handler,
//! capturing `stack` strings, and the garbage collector's view of the
//! interpreter's roots.

use crate::object::Attributes;
use crate::value::{Atom, Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use std::fmt::Write;

impl Vm {
    /// Unwinds `exception` to the innermost handler in the frames at or
    /// above `entry`: `Ok(None)` when one takes it (execution continues
    /// there), `Err(exception)` when none does (the frames above `entry` are
    /// gone). An async function the exception leaves rejects its promise
    /// instead, and the promise is its result: `Ok(Some(promise))` when that
    /// frame was entered from Rust.
    pub(crate) fn unwind(&mut self, exception: Value, entry: usize) -> JsResult<Option<Value>> {
        if self.interp.terminating {
            return self.unwind_termination(exception, entry);
        }
        loop {
            let Some(frame) = self.interp.frames.last() else { return Err(exception) };
            let pc = self.interp.pc.saturating_sub(1);
            if let Some(h) = frame.proto.handler_at(pc) {
                while self.interp.frames.last().is_some_and(|f| f.env_depth > h.env_depth) {
                    self.pop_env();
                }
                self.interp.pc = h.target as usize;
                let i = self.interp.base + h.reg as usize;
                if let Some(slot) = self.interp.stack.get_mut(i) {
                    *slot = exception;
                }
                return Ok(None);
            }
            let return_to = frame.return_to;
            let popped = self.interp.frames.pop();
            let mut async_promise = None;
            let mut async_generator = None;
            if let Some(f) = popped {
                self.interp.stack.truncate(f.base);
                self.enter_realm(f.caller_realm);
                match f.generator {
                    Some(g) if self.is_async_generator(g) => async_generator = Some(g),
                    Some(g) => {
                        self.set_generator_state(g, crate::object::GeneratorState::Completed);
                        async_promise = self.async_promise_of(g);
                    }
                    None => {}
                }
            }
            self.interp.load_top();
            if let Some(g) = async_generator {
                // The body threw: AsyncGeneratorStart settles the request queue.
                self.async_generator_body_done(g, Err(exception))?;
                return Ok(Some(Value::Undefined));
            }
            if let Some(p) = async_promise {
                self.reject_promise(p, exception);
                match return_to {
                    Some(r) if self.interp.frames.len() > entry => {
                        let i = self.interp.base + r as usize;
                        if let Some(slot) = self.interp.stack.get_mut(i) {
                            *slot = Value::Object(p);
                        }
                        return Ok(None);
                    }
                    _ => return Ok(Some(Value::Object(p))),
                }
            }
            if self.interp.frames.len() <= entry || return_to.is_none() {
                return Err(exception);
            }
        }
    }

    /// A termination (see [`Vm::interrupt_handle`]) leaves every frame above
    /// `entry` without running handlers or settling async functions'
    /// promises.
    fn unwind_termination(&mut self, exception: Value, entry: usize) -> JsResult<Option<Value>> {
        while self.interp.frames.len() > entry {
            if let Some(f) = self.interp.frames.pop() {
                self.interp.stack.truncate(f.base);
                self.enter_realm(f.caller_realm);
                if let Some(g) = f.generator {
                    self.set_generator_state(g, crate::object::GeneratorState::Completed);
                }
            }
        }
        self.interp.load_top();
        Err(exception)
    }

    /// The text of atom `a`.
    pub(crate) fn atom_text(&self, a: Atom) -> String {
        String::from_utf16_lossy(self.heap.atom_units(a))
    }

    /// The current call stack as `    at name (file:line:column)` lines, innermost first.
    pub fn stack_trace(&self) -> String {
        let mut out = String::new();
        let top = self.interp.frames.len();
        for (i, f) in self.interp.frames.iter().enumerate().rev() {
            let pc = if i + 1 == top { self.interp.pc.saturating_sub(1) } else { f.pc.saturating_sub(1) };
            let (line, column) = f.proto.position(pc).unwrap_or((0, 0));
            let file = &f.proto.file;
            if f.proto.name.is_empty() || f.function.is_none() {
                let _ = write!(out, "\n    at {file}:{line}:{column}");
            } else {
                let _ = write!(out, "\n    at {} ({file}:{line}:{column})", f.proto.name);
            }
        }
        if let Some(co) = self.interp.frames.first().and_then(|f| f.generator) {
            self.write_async_frames(co, &mut out);
        }
        out
    }

    /// `at async name` for each async function awaiting, directly, the
    /// promise of coroutine `co` (for an async generator, the promise of
    /// the request it is working on) (found through its promise's reactions:
    /// an awaiting coroutine is a `Resume` reaction), as V8 prints them.
    fn write_async_frames(&self, mut co: Obj, out: &mut String) {
        for _ in 0..64 {
            let Some(p) = self.async_promise_of(co).or_else(|| self.async_generator_current_promise(co)) else { return };
            let crate::object::ObjectKind::Promise(data) = &self.heap.object(p).kind else { return };
            let awaiter = data.reactions.as_slice().iter().find_map(|r| match r.on_fulfilled {
                crate::promise::Handler::Resume(c) => Some(c),
                _ => None,
            });
            let Some(next) = awaiter else { return };
            if let Some(g) = self.heap.object(next).kind.coroutine() {
                let (line, column) = g.proto.position((g.pc as usize).saturating_sub(1)).unwrap_or((0, 0));
                let _ = write!(out, "\n    at async {} ({}:{line}:{column})", g.proto.name, g.proto.file);
            }
            co = next;
        }
    }

    /// Gives error object `obj` its `stack`: `Name: message` and the frames.
    pub fn attach_stack(&mut self, obj: Obj) {
        let header = self.error_header(obj);
        let text = format!("{header}{}", self.stack_trace());
        let s = self.heap.string_from_str(&text);
        let key = PropertyKey::Atom(self.heap.intern_str("stack"));
        self.heap.define_raw(obj, key, Value::String(s), Attributes::WRITABLE_CONFIGURABLE);
    }

    /// `Name: message` of an error object, read without running JavaScript.
    fn error_header(&mut self, obj: Obj) -> String {
        let name_key = PropertyKey::Atom(self.heap.intern_str("name"));
        let message_key = PropertyKey::Atom(self.heap.intern_str("message"));
        let name = self.raw_string_property(obj, name_key).unwrap_or_else(|| "Error".to_string());
        match self.raw_string_property(obj, message_key) {
            Some(m) if !m.is_empty() => format!("{name}: {m}"),
            _ => name,
        }
    }

    /// A string data property found on `obj` or its prototypes, without calling getters.
    fn raw_string_property(&self, obj: Obj, key: PropertyKey) -> Option<String> {
        let mut o = Some(obj);
        for _ in 0..64 {
            let cur = o?;
            if let Some(crate::object::Property::Data { value, .. }) = self.heap.get_own_raw(cur, key) {
                return match value {
                    Value::String(s) => Some(self.heap.to_rust_string(s)),
                    _ => None,
                };
            }
            o = self.heap.object(cur).proto;
        }
        None
    }

    /// Collects garbage with the interpreter's registers, frames and every
    /// realm (intrinsics, global object and bindings, templates) as roots.
    pub fn collect_garbage(&mut self) {
        let interp = &self.interp;
        let (realm, realms) = (&self.realm, &self.realms);
        let top_env = interp.env;
        let jobs = &self.jobs;
        self.heap.collect(|m| {
            for v in interp.stack.iter() {
                m.mark(*v);
            }
            for f in &interp.frames {
                if let Some(o) = f.function {
                    m.mark_object(o);
                }
                if let Some(o) = f.env {
                    m.mark_object(o);
                }
                if let Some(o) = f.new_target {
                    m.mark_object(o);
                }
                m.mark(f.this);
                if let Some(g) = f.generator {
                    m.mark_object(g);
                }
                for v in f.args.iter().flat_map(|a| a.iter()) {
                    m.mark(*v);
                }
            }
            if let Some(e) = top_env {
                m.mark_object(e);
            }
            for job in jobs.jobs.iter().chain(&jobs.running) {
                job.trace(|v| m.mark(v));
            }
            for p in &jobs.unhandled {
                m.mark_object(*p);
            }
            for v in &jobs.held {
                m.mark(*v);
            }
            for realm in std::iter::once(realm).chain(realms.parked()) {
                for v in realm.root_values() {
                    m.mark(v);
                }
                for o in realm.roots() {
                    m.mark_object(o);
                }
            }
        });
    }
}
