//! Calls: entering a compiled function from Rust, pushing and popping
//! frames, binding `this` and the arguments, and finishing a `new`.

use super::Frame;
use crate::bytecode::{FunctionKind, FunctionProto};
use crate::object::ObjectKind;
use crate::realm::RealmId;
use crate::value::{Obj, Value};
use crate::vm::{JsResult, Vm};
use std::rc::Rc;

impl Vm {
    /// Calls (or, with `new_target`, constructs) the closure `f` from Rust
    /// and runs it to completion.
    pub(crate) fn call_closure(&mut self, f: Obj, this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
        self.run_from_native(f, |vm| vm.push_frame(f, this, args, new_target, None))
    }

    /// Runs, from Rust, the frame that `push` pushes for closure `f`: the
    /// native depth bounded, room on the Rust stack ensured, the caller's
    /// machine registers saved and restored.
    #[inline(always)]
    pub(crate) fn run_from_native(&mut self, f: Obj, push: impl FnOnce(&mut Self) -> JsResult<()>) -> JsResult<Value> {
        if self.interp.enter_native(f).is_err() {
            return self.range_error("Maximum call stack size exceeded");
        }
        let result = stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            self.interp.save_top();
            let entry = self.interp.frames.len();
            push(self)?;
            self.run_frames(entry)
        });
        self.interp.leave_native();
        // The caller's machine registers were saved by save_top.
        self.interp.load_top();
        result
    }

    /// Runs a script's top-level code (a proto of kind `Script`) in the
    /// current realm. Code that already ran in another realm runs as a
    /// fresh copy, so that no inline cache of one realm's global scope is
    /// used with another's.
    pub fn run_script(&mut self, proto: Rc<FunctionProto>) -> JsResult<Value> {
        let proto = match proto.realm.get() {
            None => {
                proto.realm.set(Some(self.realm.id));
                proto
            }
            Some(r) if r == self.realm.id => proto,
            Some(_) => {
                let copy = proto.fresh_copy();
                copy.realm.set(Some(self.realm.id));
                Rc::new(copy)
            }
        };
        let global = Value::Object(self.realm.global);
        self.run_entry_frame(None, proto, None, global, None)
    }

    /// Runs direct eval code (a proto of kind `Script`) in the context of
    /// the calling frame (PerformEval steps 16-30, §19.2.1.1): on its current
    /// environment, with its `this` (`this_slot`: read from that
    /// environment slot instead, for an arrow function), its new.target,
    /// and its function (whose home object `super` uses).
    pub fn run_eval(&mut self, proto: Rc<FunctionProto>, this_slot: Option<(u16, u16)>) -> JsResult<Value> {
        let global = Value::Object(self.realm.global);
        let (function, new_target, frame_this) = self.interp.frames.last().map_or((None, None, global), |f| (f.function, f.new_target, f.this));
        let this = match this_slot {
            Some((depth, slot)) => self.env_slot(depth, slot),
            None => frame_this,
        };
        let env = self.interp.env;
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            if self.interp.frames.len() >= self.interp.limits.max_frames {
                return self.range_error("Maximum call stack size exceeded");
            }
            self.run_entry_frame(function, proto, env, this, new_target)
        })
    }

    /// Pushes a frame for script or eval code `proto` (no arguments, not a
    /// construct call) and runs it to completion.
    fn run_entry_frame(&mut self, function: Option<Obj>, proto: Rc<FunctionProto>, env: Option<Obj>, this: Value, new_target: Option<Obj>) -> JsResult<Value> {
        let Some(base) = self.interp.stack.push_registers(proto.code.register_count() as usize) else {
            return self.range_error("Maximum call stack size exceeded");
        };
        self.interp.save_top();
        let entry = self.interp.frames.len();
        let frame = Frame {
            function,
            proto,
            pc: 0,
            base,
            env,
            env_depth: 0,
            this,
            new_target,
            args: None,
            return_to: None,
            construct: false,
            generator: None,
            caller_realm: self.realm.id,
        };
        self.interp.frames.push(frame);
        self.interp.load_top();
        let result = self.run_frames(entry);
        self.interp.load_top();
        result
    }

    /// Pushes a frame for closure `f` and makes it the top frame. The
    /// caller's machine registers must already be saved.
    pub(crate) fn push_frame(
        &mut self,
        f: Obj,
        this: Value,
        args: &[Value],
        new_target: Option<Obj>,
        return_to: Option<u16>,
    ) -> JsResult<()> {
        self.push_frame_with(f, this, Args::Slice(args), new_target, return_to)
    }

    /// Pushes a frame whose arguments are `count` registers of the calling
    /// frame from absolute stack index `start` (no copy to a temporary).
    pub(crate) fn push_frame_from_registers(
        &mut self,
        f: Obj,
        this: Value,
        start: usize,
        count: usize,
        new_target: Option<Obj>,
        return_to: u16,
    ) -> JsResult<()> {
        self.push_frame_with(f, this, Args::Stack { start, count }, new_target, Some(return_to))
    }

    fn push_frame_with(&mut self, f: Obj, this: Value, args: Args<'_>, new_target: Option<Obj>, return_to: Option<u16>) -> JsResult<()> {
        self.check_frame_room()?;
        let ObjectKind::Closure(c) = &self.heap.object(f).kind else {
            return self.type_error("not a function");
        };
        // PrepareForOrdinaryCall steps 4-6: the callee's realm is current.
        if c.realm != self.realm.id {
            return self.push_frame_across_realms(f, this, args, new_target, return_to, c.realm);
        }
        let (proto, env) = (c.proto.clone(), c.env);
        let this = self.bind_this(&proto, f, this, new_target)?;
        self.push_activation(f, proto, env, this, args, new_target, return_to)
    }

    /// RangeError when one more frame would pass the frame limit.
    #[inline(always)]
    pub(crate) fn check_frame_room(&mut self) -> JsResult<()> {
        if self.interp.frames.len() >= self.interp.limits.max_frames {
            return self.range_error("Maximum call stack size exceeded");
        }
        Ok(())
    }

    /// Pushes the frame of closure `f` (code `proto` over environment
    /// `env`, of the current realm) with its `this` already bound, and
    /// makes it the top frame.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(crate) fn push_activation(
        &mut self,
        f: Obj,
        proto: Rc<FunctionProto>,
        env: Option<Obj>,
        this: Value,
        args: Args<'_>,
        new_target: Option<Obj>,
        return_to: Option<u16>,
    ) -> JsResult<()> {
        let Some(base) = self.interp.stack.push_registers(proto.code.register_count() as usize) else {
            return self.range_error("Maximum call stack size exceeded");
        };
        let params = proto.param_count as usize;
        let kept: Option<Box<[Value]>> = match args {
            Args::Slice(a) => {
                let n = params.min(a.len());
                self.interp.stack[base..base + n].copy_from_slice(&a[..n]);
                proto.flags.needs_args.then(|| a.into())
            }
            Args::Stack { start, count } => {
                let n = params.min(count);
                self.interp.stack.copy_within(start..start + n, base);
                proto.flags.needs_args.then(|| self.interp.stack[start..start + count].into())
            }
        };
        // Written in place: a Frame built on the stack and copied into the
        // vector is read back with wide loads before its narrow stores have
        // drained (a store-forwarding stall on every call).
        let frames = &mut self.interp.frames;
        frames.reserve(1);
        let end = frames.len();
        if let Some(slot) = frames.spare_capacity_mut().first_mut() {
            slot.write(Frame {
                function: Some(f),
                args: kept,
                proto,
                pc: 0,
                base,
                env,
                env_depth: 0,
                // Read by fields: the general case returned it in memory.
                this: this.fieldwise_any(),
                new_target,
                return_to,
                construct: new_target.is_some(),
                generator: None,
                caller_realm: self.realm.id,
            });
            // SAFETY: the slot at `end` (within the capacity) was just
            // initialised.
            #[allow(unsafe_code)]
            unsafe {
                frames.set_len(end + 1)
            };
        }
        // The new top frame's machine registers, from the locals rather
        // than read back from the frame just written (that read would wait
        // for the stores to drain).
        (self.interp.pc, self.interp.base, self.interp.env) = (0, base, env);
        Ok(())
    }

    /// `push_frame_with` for a closure of realm `realm`, not the current
    /// one: the frame runs in `realm` (so do its `this` binding and the
    /// errors that throws) and gives the current realm back when popped.
    #[cold]
    #[inline(never)]
    fn push_frame_across_realms(
        &mut self,
        f: Obj,
        this: Value,
        args: Args<'_>,
        new_target: Option<Obj>,
        return_to: Option<u16>,
        realm: RealmId,
    ) -> JsResult<()> {
        let caller_realm = self.enter_realm(realm);
        if let Err(e) = self.push_frame_with(f, this, args, new_target, return_to) {
            self.enter_realm(caller_realm);
            return Err(e);
        }
        if let Some(frame) = self.interp.frames.last_mut() {
            frame.caller_realm = caller_realm;
        }
        Ok(())
    }

    /// The `this` of a new activation: OrdinaryCallBindThis, or the new
    /// object of a base constructor, or ~empty~ for a derived constructor.
    /// The common calls (an arrow, a strict function) are decided inline,
    /// so their `this` stays in machine registers: a value returned from
    /// the general case comes back through memory, and the frame's copy of
    /// it then waits for those stores (a store-forwarding stall per call).
    #[inline(always)]
    fn bind_this(&mut self, proto: &FunctionProto, f: Obj, this: Value, new_target: Option<Obj>) -> JsResult<Value> {
        match new_target {
            None => match self.plain_this(proto, this) {
                Some(this) => Ok(this),
                None => self.bind_this_general(proto, f, this, new_target),
            },
            Some(_) => self.bind_this_general(proto, f, this, new_target),
        }
    }

    /// OrdinaryCallBindThis for a call (not a construct) where it makes no
    /// object and throws nothing: an arrow's (none), a strict function's
    /// (`this` itself), a sloppy function's of an object, undefined or null.
    /// `None` for the rest (a class constructor, which throws; a sloppy
    /// function's primitive `this`, boxed anew by each call).
    #[inline(always)]
    pub(crate) fn plain_this(&self, proto: &FunctionProto, this: Value) -> Option<Value> {
        match proto.kind {
            FunctionKind::Arrow => Some(Value::Undefined),
            FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor => None,
            _ => match this {
                _ if proto.flags.strict => Some(this),
                Value::Undefined | Value::Null => Some(Value::Object(self.realm.global)),
                Value::Object(_) => Some(this),
                _ => None,
            },
        }
    }

    /// [`Vm::bind_this`] for constructors, class constructors called
    /// without `new`, and a sloppy function's primitive `this`.
    #[inline(never)]
    fn bind_this_general(&mut self, proto: &FunctionProto, f: Obj, this: Value, new_target: Option<Obj>) -> JsResult<Value> {
        match (proto.kind, new_target) {
            (FunctionKind::DerivedConstructor, Some(_)) => Ok(Value::Empty),
            (FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor, None) => {
                let name = proto.name.to_string();
                self.type_error(&format!("Class constructor {name} cannot be invoked without 'new'"))
            }
            (_, Some(nt)) => {
                let fallback = self.realm.intrinsics.object_prototype;
                let obj = self.ordinary_create_from_constructor(nt, fallback, ObjectKind::Ordinary)?;
                self.init_class_fields(f, obj)?;
                Ok(Value::Object(obj))
            }
            // OrdinaryCallBindThis 6.b: ToObject of a sloppy function's
            // primitive `this` (the other cases are `bind_this`'s).
            (_, None) => Ok(Value::Object(self.to_object(this)?)),
        }
    }

    /// Pops the top frame with completion value `value`; returns the value
    /// the caller sees (a constructor's `this` for non-object results).
    /// Inlined into the dispatch loop so that a plain return keeps the
    /// value in machine registers; generators and the errors of derived
    /// constructors take [`Vm::finish_special_return`].
    #[inline(always)]
    pub(crate) fn pop_frame(&mut self, value: Value) -> JsResult<Value> {
        // The fields needed, then the frame dropped in place (not moved out
        // whole: see `push_frame_with`).
        let Some(frame) = self.interp.frames.last() else { return Ok(value) };
        let (base, generator, construct, this, caller_realm) = (frame.base, frame.generator, frame.construct, frame.this, frame.caller_realm);
        let derived = frame.proto.kind == FunctionKind::DerivedConstructor;
        // Popped as one frame (its drop inlined: the proto's count and the
        // kept arguments), not truncated as a slice (a call of the slice's
        // generic drop loop on every return).
        drop(self.interp.frames.pop());
        self.interp.stack.truncate(base);
        self.interp.load_top();
        self.enter_realm(caller_realm);
        // Only the plain return is decided here: a choice between `value`
        // and a constructor's `this` would be made on their addresses, and
        // the chosen one read back whole right after `value` was stored in
        // pieces (a store-forwarding stall on every return).
        if generator.is_none() && !construct {
            return Ok(value);
        }
        self.finish_special_return(generator, derived, this, value)
    }

    /// The rest of `pop_frame`: a generator's frame, or a constructor's
    /// result (its `this` unless it returned an object).
    #[inline(never)]
    fn finish_special_return(&mut self, generator: Option<Obj>, derived: bool, this: Value, value: Value) -> JsResult<Value> {
        if generator.is_none() {
            if matches!(value, Value::Object(_)) {
                return Ok(value);
            }
            // A base constructor's `this` is its new object.
            if !derived {
                return Ok(this);
            }
        }
        if let Some(g) = generator {
            if self.is_async_generator(g) {
                self.async_generator_body_done(g, Ok(value))?;
                return Ok(Value::Undefined);
            }
            self.set_generator_state(g, crate::object::GeneratorState::Completed);
            if let Some(p) = self.async_promise_of(g) {
                self.resolve_promise(p, value)?;
                return Ok(Value::Object(p));
            }
            return Ok(value);
        }
        if derived && value != Value::Undefined {
            return self.type_error("Derived constructors may only return object or undefined");
        }
        if this == Value::Empty {
            return self.reference_error(
                "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
            );
        }
        Ok(this)
    }
}

/// Where a new frame's arguments come from.
#[derive(Clone, Copy)]
pub(crate) enum Args<'s> {
    /// A slice held by the caller (calls from Rust).
    Slice(&'s [Value]),
    /// Registers of the calling frame (calls from the dispatch loop).
    Stack { start: usize, count: usize },
}
