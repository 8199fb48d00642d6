//! Generators as suspended frames: `GeneratorStart` turns the running
//! activation into a generator object; `Yield` saves the frame's registers
//! into the object's buffer (allocated once; only the window of registers
//! the compiler found live across some suspension point, which leaves out
//! the resume and mode registers every resumption writes, and `this` only
//! if code after a suspension reads it) and returns to the resumer;
//! `next`/`throw`/`return` push the frame back and continue in the same
//! dispatch loop, with the sent value and the resumption kind in the
//! registers the compiler chose. `throw` and `return` therefore act at the
//! suspension point, and `finally` blocks run as written. `AsyncStart`
//! keeps an async function's coroutine inside its result promise instead
//! of a generator object, and drops it when the body completes.

use crate::object::{Attributes, CoroutineExtra, Generator, GeneratorState, NativeFunction, ObjectKind};
use crate::bytecode::Reg;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use super::Frame;

/// What a resumption produced.
pub(crate) enum Step {
    /// A value and whether the generator is done.
    Value(Value, bool),
    /// An iterator result object passed through by `yield*`.
    Result(Value),
}

/// How a generator is resumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resume {
    Next = 0,
    Throw = 1,
    Return = 2,
}

impl Vm {
    /// `GeneratorStart`: the generator object owning the current frame.
    pub(crate) fn generator_start(&mut self, resume: Reg, mode: Reg) -> Value {
        let Some(frame) = self.interp.frames.last() else { return Value::Undefined };
        let function = frame.function;
        let is_async = frame.proto.kind == crate::bytecode::FunctionKind::AsyncGenerator;
        let fallback = if is_async { self.realm.intrinsics.async_generator_prototype } else { self.realm.intrinsics.generator_prototype };
        let proto_obj = function.map_or(Ok(fallback), |f| {
            let key = PropertyKey::Atom(self.heap.intern_str("prototype"));
            match self.heap.get_own_raw(f, key) {
                Some(crate::object::Property::Data { value: Value::Object(p), .. }) => Ok(p),
                _ => Err(()),
            }
        });
        let prototype = proto_obj.unwrap_or(fallback);
        let Some(mut state) = self.coroutine_of_top_frame(resume, mode) else { return Value::Undefined };
        if is_async {
            if state.extra.is_none() {
                self.heap.note_allocation(std::mem::size_of::<CoroutineExtra>());
            }
            state.extra.get_or_insert_with(Box::default).requests = Some(std::collections::VecDeque::new());
        }
        let g = self.heap.alloc_object(Some(prototype), ObjectKind::Generator(Box::new(state)));
        Value::Object(g)
    }

    /// The coroutine state of the running activation, not yet started (its
    /// register buffer allocated once, counted by the heap).
    fn coroutine_of_top_frame(&mut self, resume: Reg, mode: Reg) -> Option<Generator> {
        let frame = self.interp.frames.last()?;
        let mut registers: Box<[Value]> = vec![Value::Undefined; kept_len(&frame.proto)].into();
        keep(&mut registers, frame, &self.interp.stack);
        let extra = frame.args.clone().map(|args| Box::new(CoroutineExtra { args: Some(args), requests: None }));
        let extra_bytes = if extra.is_some() { std::mem::size_of::<CoroutineExtra>() } else { 0 };
        self.heap.note_allocation(std::mem::size_of::<Generator>() + std::mem::size_of_val(&*registers) + extra_bytes);
        Some(Generator {
            state: GeneratorState::SuspendedStart,
            function: frame.function.unwrap_or(self.realm.global),
            proto: frame.proto.clone(),
            pc: self.interp.pc as u32,
            env: self.interp.env,
            env_depth: frame.env_depth,
            registers,
            resume_reg: resume.0,
            mode_reg: mode.0,
            raw: false,
            extra,
        })
    }

    /// `Yield` and `Await`: saves the top frame into its generator, in
    /// life-cycle state `state`, and pops it.
    pub(crate) fn generator_suspend(&mut self, raw: bool, state: GeneratorState) {
        let Some(frame) = self.interp.frames.pop() else { return };
        let (pc, env) = (self.interp.pc, self.interp.env);
        if let Some(g) = frame.generator {
            let stack = &self.interp.stack;
            if let Some(gen) = self.heap.object_mut(g).kind.coroutine_mut() {
                keep(&mut gen.registers, &frame, stack);
                gen.pc = pc as u32;
                gen.env = env;
                gen.env_depth = frame.env_depth;
                gen.state = state;
                gen.raw = raw;
            }
        }
        self.interp.stack.truncate(frame.base);
        self.interp.load_top();
        self.enter_realm(frame.caller_realm);
    }

    /// Sets the life-cycle state of coroutine `g`. An async function's
    /// coroutine is dropped once completed: nothing resumes it again.
    pub(crate) fn set_generator_state(&mut self, g: Obj, state: GeneratorState) {
        match &mut self.heap.object_mut(g).kind {
            ObjectKind::Promise(p) if state == GeneratorState::Completed => p.coroutine = None,
            kind => {
                if let Some(gen) = kind.coroutine_mut() {
                    gen.state = state;
                }
            }
        }
    }

    /// GeneratorResume / GeneratorResumeAbrupt: runs generator `this` with
    /// `value` sent as `how`; returns the iterator result object.
    pub(crate) fn generator_resume(&mut self, this: Value, value: Value, how: Resume) -> JsResult<Value> {
        match self.generator_resume_raw(this, value, how)? {
            Step::Result(r) => Ok(r),
            Step::Value(v, done) => self.iter_result(v, done),
        }
    }

    /// `for-of`'s step over a generator whose `next` is the intrinsic one:
    /// the value and done flag without making the result object (which
    /// nothing else could observe).
    pub(crate) fn generator_step_fast(&mut self, iterator: Value) -> JsResult<Option<Value>> {
        match self.generator_resume_raw(iterator, Value::Undefined, Resume::Next)? {
            Step::Value(_, true) => Ok(None),
            Step::Value(v, false) => Ok(Some(v)),
            Step::Result(r) => self.unwrap_iter_result(r),
        }
    }

    fn generator_resume_raw(&mut self, this: Value, value: Value, how: Resume) -> JsResult<Step> {
        let Value::Object(g) = this else { return self.type_error("next method called on incompatible receiver") };
        let state = match &self.heap.object(g).kind {
            ObjectKind::Generator(gen) if gen.requests().is_none() => gen.state,
            _ => return self.type_error("next method called on incompatible receiver"),
        };
        match (state, how) {
            (GeneratorState::Executing, _) => return self.type_error("Generator is already running"),
            (GeneratorState::Completed, Resume::Next) => return Ok(Step::Value(Value::Undefined, true)),
            (GeneratorState::Completed, Resume::Return) => return Ok(Step::Value(value, true)),
            (GeneratorState::Completed, Resume::Throw) => return Err(value),
            (GeneratorState::SuspendedStart, Resume::Return) => {
                self.set_generator_state(g, GeneratorState::Completed);
                return Ok(Step::Value(value, true));
            }
            (GeneratorState::SuspendedStart, Resume::Throw) => {
                self.set_generator_state(g, GeneratorState::Completed);
                return Err(value);
            }
            _ => {}
        }
        if self.interp.enter_native(g).is_err() {
            return self.range_error("Maximum call stack size exceeded");
        }
        let result = stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || self.run_coroutine(g, value, how));
        self.interp.leave_native();
        self.interp.load_top();
        let (done, raw) = match &self.heap.object(g).kind {
            ObjectKind::Generator(gen) => (gen.state == GeneratorState::Completed, gen.raw),
            _ => (true, false),
        };
        match result {
            Ok(v) if raw && !done => Ok(Step::Result(v)),
            Ok(v) => Ok(Step::Value(v, done)),
            Err(e) => {
                self.set_generator_state(g, GeneratorState::Completed);
                Err(e)
            }
        }
    }

    /// Pushes the coroutine's frame back and runs it until it suspends or ends.
    pub(crate) fn run_coroutine(&mut self, g: Obj, value: Value, how: Resume) -> JsResult<Value> {
        if self.interp.frames.len() >= self.interp.limits.max_frames {
            return self.range_error("Maximum call stack size exceeded");
        }
        self.interp.save_top();
        let entry = self.interp.frames.len();
        let realm = self.coroutine_realm(g);
        let Some(gen) = self.heap.object_mut(g).kind.coroutine_mut() else { return Ok(Value::Undefined) };
        let (start, count) = (usize::from(gen.proto.saved_start), usize::from(gen.proto.code.register_count()));
        let window = &gen.registers[..usize::from(gen.proto.saved_registers)];
        let Some(base) = self.interp.stack.push_saved(start, window, count) else {
            return self.range_error("Maximum call stack size exceeded");
        };
        gen.state = GeneratorState::Executing;
        let frame = Frame {
            function: Some(gen.function),
            proto: gen.proto.clone(),
            pc: gen.pc as usize,
            base,
            env: gen.env,
            env_depth: gen.env_depth,
            this: gen.this(),
            new_target: None,
            args: gen.args().map(Box::from),
            return_to: None,
            construct: false,
            generator: Some(g),
            caller_realm: self.realm.id,
        };
        let (resume, mode) = (gen.resume_reg as usize, gen.mode_reg as usize);
        self.interp.stack[base + resume] = value;
        self.interp.stack[base + mode] = Value::Number(f64::from(how as u8));
        self.interp.frames.push(frame);
        self.interp.load_top();
        self.enter_realm(realm);
        self.run_frames(entry)
    }

    /// The realm a coroutine runs in: its function's (the current realm for
    /// a module body's).
    fn coroutine_realm(&self, g: Obj) -> crate::realm::RealmId {
        let Some(function) = self.heap.object(g).kind.coroutine().map(|gen| gen.function) else { return self.realm.id };
        match &self.heap.object(function).kind {
            ObjectKind::Closure(c) => c.realm,
            _ => self.realm.id,
        }
    }

    /// CreateIterResultObject(value, done).
    pub fn iter_result(&mut self, value: Value, done: bool) -> JsResult<Value> {
        let props = [(self.heap.names.value, value, Attributes::ALL), (self.heap.names.done, Value::Bool(done), Attributes::ALL)];
        let proto = Some(self.realm.intrinsics.object_prototype);
        Ok(Value::Object(self.heap.alloc_preset(proto, ObjectKind::Ordinary, crate::object::Preset::IterResult, &props)))
    }

    /// Installs %GeneratorPrototype%.next/return/throw and the
    /// %GeneratorFunction.prototype% links.
    pub fn install_generator_intrinsics(&mut self) {
        fn next(vm: &mut Vm, this: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
            vm.generator_resume(this, args.first().copied().unwrap_or_default(), Resume::Next)
        }
        fn ret(vm: &mut Vm, this: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
            vm.generator_resume(this, args.first().copied().unwrap_or_default(), Resume::Return)
        }
        fn throw(vm: &mut Vm, this: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
            vm.generator_resume(this, args.first().copied().unwrap_or_default(), Resume::Throw)
        }
        let gp = self.realm.intrinsics.generator_prototype;
        for (name, f) in [("next", next as crate::object::NativeFn), ("return", ret), ("throw", throw)] {
            let func = self.native_function(name, 1, f);
            if name == "next" {
                self.realm.named.insert("%GeneratorPrototype.next%", func);
            }
            let key = PropertyKey::Atom(self.heap.intern_str(name));
            self.heap.define_raw(gp, key, Value::Object(func), Attributes::WRITABLE_CONFIGURABLE);
        }
        let gfp = self.realm.intrinsics.generator_function_prototype;
        let key = PropertyKey::Atom(self.heap.intern_str("prototype"));
        self.heap.define_raw(gfp, key, Value::Object(gp), Attributes::CONFIGURABLE);
        let key = PropertyKey::Atom(self.heap.intern_str("constructor"));
        self.heap.define_raw(gp, key, Value::Object(gfp), Attributes::CONFIGURABLE);
        let tag = PropertyKey::Symbol(self.heap.well_known.to_string_tag);
        let v = self.string("Generator");
        self.heap.define_raw(gp, tag, v, Attributes::CONFIGURABLE);
        let v = self.string("GeneratorFunction");
        self.heap.define_raw(gfp, tag, v, Attributes::CONFIGURABLE);
    }

    /// A native function object with `length` and `name`.
    pub fn native_function(&mut self, name: &str, length: u32, f: crate::object::NativeFn) -> Obj {
        let native = NativeFunction { call: f, construct: false, captures: Box::new([]), realm: self.realm.id };
        let func = self.heap.alloc_object(Some(self.realm.intrinsics.function_prototype), ObjectKind::Native(native));
        let lk = PropertyKey::Atom(self.heap.intern_str("length"));
        self.heap.define_raw(func, lk, Value::Number(f64::from(length)), Attributes::CONFIGURABLE);
        let nk = PropertyKey::Atom(self.heap.intern_str("name"));
        let nv = self.string(name);
        self.heap.define_raw(func, nk, nv, Attributes::CONFIGURABLE);
        func
    }
}

impl Vm {
    /// `AsyncStart`: the running activation becomes a coroutine, kept in
    /// its result promise; the body goes on running.
    pub(crate) fn async_start(&mut self, resume: Reg, mode: Reg) {
        let Some(mut state) = self.coroutine_of_top_frame(resume, mode) else { return };
        state.state = GeneratorState::Executing;
        let promise = self.new_promise();
        if let ObjectKind::Promise(p) = &mut self.heap.object_mut(promise).kind {
            p.coroutine = Some(Box::new(state));
        }
        if let Some(f) = self.interp.frames.last_mut() {
            f.generator = Some(promise);
        }
    }

    /// The result promise of async coroutine `co`: the promise that holds
    /// it (or held it: the body completed).
    pub(crate) fn async_promise_of(&self, co: Obj) -> Option<Obj> {
        matches!(self.heap.object(co).kind, ObjectKind::Promise(_)).then_some(co)
    }

    /// The result promise as a value (undefined for a plain generator).
    pub(crate) fn coroutine_promise(&self, co: Obj) -> Value {
        self.async_promise_of(co).map_or(Value::Undefined, Value::Object)
    }

    /// Await's PromiseResolve step, done before suspending so that its
    /// errors are thrown at the `await`: the promise to wait on, or `None`
    /// for a primitive (resumed by one job, no promise made).
    pub(crate) fn prepare_await(&mut self, value: Value) -> JsResult<Option<Obj>> {
        let Value::Object(o) = value else { return Ok(None) };
        if matches!(self.heap.object(o).kind, ObjectKind::Promise(_)) {
            let cache = std::mem::take(&mut self.jobs.constructor_cache);
            let ctor = self.get_cached(o, self.heap.names.constructor, &cache);
            self.jobs.constructor_cache = cache;
            if self.realm.promise_constructor.map(Value::Object) == Some(ctor?) {
                return Ok(Some(o));
            }
        }
        let p = self.new_promise();
        self.resolve_promise(p, value)?;
        Ok(Some(p))
    }

    /// After suspending at an await: resume `co` when `promise` settles.
    pub(crate) fn finish_await(&mut self, co: Obj, value: Value, promise: Option<Obj>) {
        use crate::promise::{Derived, Handler, Job};
        match promise {
            Some(p) => self.perform_promise_then(p, Handler::Resume(co), Handler::Resume(co), None),
            None => {
                let job = Job::Reaction { handler: Handler::Resume(co), derived: Derived::None, fulfilled: true, argument: value };
                self.jobs.jobs.push_back(job);
            }
        }
    }
}

/// How many values a suspension of `proto`'s code keeps: its register
/// window, then `this` if the code reads it again.
fn kept_len(proto: &crate::bytecode::FunctionProto) -> usize {
    usize::from(proto.saved_registers) + usize::from(proto.saved_this)
}

/// Copies what a suspension keeps of `frame` (registers in `stack`) into
/// `saved`, [`kept_len`] values.
fn keep(saved: &mut [Value], frame: &Frame, stack: &[Value]) {
    let start = frame.base + usize::from(frame.proto.saved_start);
    let n = usize::from(frame.proto.saved_registers);
    saved[..n].copy_from_slice(&stack[start..start + n]);
    if let Some(this) = saved.get_mut(n) {
        *this = frame.this;
    }
}

#[cfg(test)]
mod tests {
    use crate::object::Generator;
    use crate::promise::PromiseData;

    #[test]
    fn per_task_records_stay_small() {
        // A suspended async function is its promise (an Object holding a
        // boxed PromiseData) and the boxed Generator that promise keeps.
        assert!(std::mem::size_of::<Generator>() <= 56, "Generator is {} bytes", std::mem::size_of::<Generator>());
        assert!(std::mem::size_of::<PromiseData>() <= 56, "PromiseData is {} bytes", std::mem::size_of::<PromiseData>());
    }
}
