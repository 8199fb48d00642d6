//! Promise internals (ECMAScript §27.2.1–27.2.2): promise state and
//! reactions, the resolving functions, PerformPromiseThen, the job
//! (microtask) queue, and the executor that drives async functions (whose
//! coroutine state a result promise keeps while the body runs).
//!
//! Jobs are queued by value (`Job` is a small enum, no closure), in FIFO
//! order. A reaction's handler is a JavaScript function, the default
//! pass-through, or `Resume(coroutine)`: the job resumes the suspended
//! async function directly, with no JavaScript closure in between.
//!
//! Memory: the specification's two reaction lists always grow together
//! (PerformPromiseThen appends to both, with the same capability), so a
//! promise keeps one list of [`Reaction`] records, each holding both
//! handlers; a promise with a single reaction (the common case: an await,
//! one `then`) keeps it inline, and a longer list behind one pointer, so
//! the list costs 24 bytes in every promise. A reaction is 24 bytes: handlers are object
//! handles, and the derived promise of an internal capability is a handle
//! too (a capability with resolving functions lives in a small record
//! object, see [`Derived`]).
//!
//! Invariant: every `Value` held by a queued job, a reaction or the
//! unhandled-rejection list is a garbage-collection root (see `trace`).

use crate::object::{Env, GeneratorState, NativeFunction, ObjectKind};
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use std::collections::VecDeque;

/// A promise's [[PromiseState]] and [[PromiseResult]].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PromiseState {
    /// Not settled.
    Pending,
    /// Fulfilled with the value.
    Fulfilled(Value),
    /// Rejected with the reason.
    Rejected(Value),
}

/// What a reaction does with the settled value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    /// No handler: pass the value through (fulfil) or rethrow (reject).
    Default,
    /// A callable object.
    Function(Obj),
    /// Resume the suspended async function (a coroutine object).
    Resume(Obj),
    /// A Promise combinator's element step, run through the host's
    /// `combinator_element` hook on the combinator's shared record (the
    /// element's index is the reaction's [`Derived::Index`]): the element
    /// function the specification makes, left unmade where nothing could
    /// reach it.
    Element(Obj),
}

/// A PromiseCapability record.
#[derive(Debug, Clone, Copy)]
pub struct Capability {
    /// The derived promise.
    pub promise: Value,
    /// Its resolve function.
    pub resolve: Value,
    /// Its reject function.
    pub reject: Value,
}

impl Capability {
    /// The capability of a promise that only its reaction job will settle
    /// (the derived promise of `then` when the species is %Promise%): no
    /// resolving functions are made, since no code could ever see them;
    /// the job resolves or rejects `promise` directly, with the same steps.
    pub fn internal(promise: Obj) -> Capability {
        Capability { promise: Value::Object(promise), resolve: Value::Undefined, reject: Value::Undefined }
    }
}

/// The [[Capability]] of a reaction: what the handler's result settles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// Nothing (an await, or a capability-less PerformPromiseThen).
    None,
    /// An internal capability: the job settles this promise directly.
    Promise(Obj),
    /// A capability with resolving functions, kept in a record object
    /// (an `Env` whose slots are promise, resolve, reject).
    Capability(Obj),
    /// No capability; the element index of a [`Handler::Element`] reaction.
    Index(u32),
}

/// One entry of both of a promise's reaction lists: the PromiseReaction
/// records PerformPromiseThen appends to [[PromiseFulfillReactions]] and
/// [[PromiseRejectReactions]], which share their capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reaction {
    /// The fulfil reaction's handler.
    pub on_fulfilled: Handler,
    /// The reject reaction's handler.
    pub on_rejected: Handler,
    /// The capability both settle.
    pub derived: Derived,
}

/// A pending promise's reactions, in registration order.
#[derive(Debug, Clone, Default)]
pub enum Reactions {
    /// None yet.
    #[default]
    None,
    /// Exactly one (kept inline).
    One(Reaction),
    /// Two or more (boxed, so the inline case sets the size).
    Many(Box<Vec<Reaction>>),
}

impl Reactions {
    /// Appends `r`.
    fn push(&mut self, r: Reaction) {
        *self = match std::mem::take(self) {
            Reactions::None => Reactions::One(r),
            Reactions::One(first) => Reactions::Many(Box::new(vec![first, r])),
            Reactions::Many(mut v) => {
                v.push(r);
                Reactions::Many(v)
            }
        };
    }

    /// The reactions, oldest first.
    pub fn as_slice(&self) -> &[Reaction] {
        match self {
            Reactions::None => &[],
            Reactions::One(r) => std::slice::from_ref(r),
            Reactions::Many(v) => v,
        }
    }
}

/// The internal slots of a promise. [[PromiseState]] and
/// [[PromiseResult]] are kept as a value and a one-byte tag beside
/// [[PromiseIsHandled]] (not as a [`PromiseState`], whose tag would take
/// a word of its own): read them with [`PromiseData::state`].
#[derive(Debug, Clone)]
pub struct PromiseData {
    /// [[PromiseResult]] (undefined while pending).
    result: Value,
    /// [[PromiseFulfillReactions]] and [[PromiseRejectReactions]], pairwise.
    pub reactions: Reactions,
    /// An async function's result promise: the function's coroutine, until
    /// its body completes (see [`crate::object::Generator`]).
    pub coroutine: Option<Box<crate::object::Generator>>,
    /// [[PromiseState]].
    status: Status,
    /// [[PromiseIsHandled]].
    pub handled: bool,
}

/// [[PromiseState]] alone (the result is beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Pending,
    Fulfilled,
    Rejected,
}

/// A job of the microtask queue.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    /// NewPromiseReactionJob.
    Reaction {
        /// The reaction's handler (of the fulfil or the reject list).
        handler: Handler,
        /// Its capability.
        derived: Derived,
        /// Fulfilled (else rejected).
        fulfilled: bool,
        /// The settled value.
        argument: Value,
    },
    /// NewPromiseResolveThenableJob.
    Thenable {
        /// The promise to resolve.
        promise: Obj,
        /// The thenable.
        thenable: Value,
        /// Its `then` method.
        then: Value,
    },
    /// `queueMicrotask(callback)`.
    Callback(Value),
}

/// The job queue and the rejected promises nobody handled yet.
#[derive(Debug, Default)]
pub struct JobQueue {
    /// Pending jobs, oldest first.
    pub jobs: VecDeque<Job>,
    /// Promises rejected without a handler since the last checkpoint.
    pub unhandled: Vec<Obj>,
    /// Jobs being run (kept alive for the collector).
    pub running: Vec<Job>,
    /// Values the host holds while it drains the queue (a script's
    /// completion value): roots, since a collection may run between jobs.
    pub held: Vec<Value>,
    /// The inline cache of the `constructor` lookup every `await` of a
    /// promise does (PromiseResolve's step 1.a).
    pub(crate) constructor_cache: crate::object::PropertyCache,
    /// State the embedder keeps beside the queue (the runtime's timers and
    /// clock). It must hold no `Value`: the collector does not look inside;
    /// the embedder roots its values elsewhere (e.g. in `realm.named`).
    pub host: Option<Box<dyn std::any::Any>>,
}

impl Handler {
    fn trace(self, mark: &mut impl FnMut(Value)) {
        if let Handler::Function(o) | Handler::Resume(o) | Handler::Element(o) = self {
            mark(Value::Object(o));
        }
    }
}

impl Derived {
    fn trace(self, mark: &mut impl FnMut(Value)) {
        if let Derived::Promise(o) | Derived::Capability(o) = self {
            mark(Value::Object(o));
        }
    }
}

impl Reaction {
    fn trace(&self, mark: &mut impl FnMut(Value)) {
        self.on_fulfilled.trace(mark);
        self.on_rejected.trace(mark);
        self.derived.trace(mark);
    }
}

impl PromiseData {
    /// A pending promise's slots.
    fn pending() -> PromiseData {
        PromiseData { result: Value::Undefined, reactions: Reactions::None, coroutine: None, status: Status::Pending, handled: false }
    }

    /// [[PromiseState]] with [[PromiseResult]].
    pub fn state(&self) -> PromiseState {
        match self.status {
            Status::Pending => PromiseState::Pending,
            Status::Fulfilled => PromiseState::Fulfilled(self.result),
            Status::Rejected => PromiseState::Rejected(self.result),
        }
    }

    /// Settles a pending promise's slots with `state`.
    fn set_state(&mut self, state: PromiseState) {
        (self.status, self.result) = match state {
            PromiseState::Pending => (Status::Pending, Value::Undefined),
            PromiseState::Fulfilled(v) => (Status::Fulfilled, v),
            PromiseState::Rejected(v) => (Status::Rejected, v),
        };
    }

    /// Marks every value the promise holds.
    pub fn trace(&self, mut mark: impl FnMut(Value)) {
        mark(self.result);
        for r in self.reactions.as_slice() {
            r.trace(&mut mark);
        }
        if let Some(co) = &self.coroutine {
            co.trace(mark);
        }
    }
}

impl Job {
    /// Marks every value the job holds.
    pub fn trace(&self, mut mark: impl FnMut(Value)) {
        match *self {
            Job::Reaction { handler, derived, argument, .. } => {
                handler.trace(&mut mark);
                derived.trace(&mut mark);
                mark(argument);
            }
            Job::Thenable { promise, thenable, then } => {
                mark(Value::Object(promise));
                mark(thenable);
                mark(then);
            }
            Job::Callback(f) => mark(f),
        }
    }
}

impl Reaction {
    /// The job of this reaction for a promise settled with `argument`.
    fn job(&self, fulfilled: bool, argument: Value) -> Job {
        let handler = if fulfilled { self.on_fulfilled } else { self.on_rejected };
        Job::Reaction { handler, derived: self.derived, fulfilled, argument }
    }
}

impl Vm {
    /// A new pending promise with %Promise.prototype%.
    pub fn new_promise(&mut self) -> Obj {
        let proto = self.realm.intrinsics.promise_prototype;
        self.new_promise_with_proto(proto)
    }

    /// A new pending promise with prototype `proto`.
    pub fn new_promise_with_proto(&mut self, proto: Obj) -> Obj {
        let data = PromiseData::pending();
        self.heap.note_allocation(std::mem::size_of::<PromiseData>());
        self.heap.alloc_object(Some(proto), ObjectKind::Promise(Box::new(data)))
    }

    /// The promise's state, if `o` is a promise.
    pub fn promise_state(&self, o: Obj) -> Option<PromiseState> {
        match &self.heap.object(o).kind {
            ObjectKind::Promise(p) => Some(p.state()),
            _ => None,
        }
    }

    /// CreateResolvingFunctions(promise): `(resolve, reject)`.
    pub fn create_resolving_functions(&mut self, promise: Obj) -> (Obj, Obj) {
        let flag = Env { parent: None, slots: Box::new([Value::Bool(false)]), object: None };
        let flag = self.heap.alloc_object(None, ObjectKind::Env(flag));
        let captures: Box<[Value]> = Box::new([Value::Object(promise), Value::Object(flag)]);
        let resolve = self.resolving_function("", resolve_function, captures.clone());
        let reject = self.resolving_function("", reject_function, captures);
        (resolve, reject)
    }

    fn resolving_function(&mut self, name: &str, f: crate::object::NativeFn, captures: Box<[Value]>) -> Obj {
        let func = self.native_function(name, 1, f);
        if let ObjectKind::Native(n) = &mut self.heap.object_mut(func).kind {
            *n = NativeFunction { call: n.call, construct: false, captures, realm: n.realm };
        }
        func
    }

    /// The resolve function's steps: resolve `promise` with `resolution`.
    pub fn resolve_promise(&mut self, promise: Obj, resolution: Value) -> JsResult<()> {
        if resolution == Value::Object(promise) {
            let e = self.error(crate::realm::ErrorKind::TypeError, "Chaining cycle detected for promise");
            self.reject_promise(promise, e);
            return Ok(());
        }
        let Value::Object(r) = resolution else {
            self.fulfill_promise(promise, resolution);
            return Ok(());
        };
        let then_key = PropertyKey::Atom(self.heap.names.then);
        let then = match self.get(r, then_key, resolution) {
            Ok(t) => t,
            Err(e) => {
                self.reject_promise(promise, e);
                return Ok(());
            }
        };
        if !self.is_callable(then) {
            self.fulfill_promise(promise, resolution);
            return Ok(());
        }
        self.jobs.jobs.push_back(Job::Thenable { promise, thenable: resolution, then });
        Ok(())
    }

    /// FulfillPromise.
    pub fn fulfill_promise(&mut self, promise: Obj, value: Value) {
        self.settle(promise, PromiseState::Fulfilled(value));
    }

    /// RejectPromise (tracked as unhandled until a handler is attached).
    pub fn reject_promise(&mut self, promise: Obj, reason: Value) {
        let handled = matches!(&self.heap.object(promise).kind, ObjectKind::Promise(p) if p.handled);
        self.settle(promise, PromiseState::Rejected(reason));
        if !handled {
            self.jobs.unhandled.push(promise);
        }
    }

    fn settle(&mut self, promise: Obj, state: PromiseState) {
        let ObjectKind::Promise(p) = &mut self.heap.object_mut(promise).kind else { return };
        if p.status != Status::Pending {
            return;
        }
        p.set_state(state);
        let reactions = std::mem::take(&mut p.reactions);
        let (fulfilled, argument) = match state {
            PromiseState::Fulfilled(v) => (true, v),
            PromiseState::Rejected(v) => (false, v),
            PromiseState::Pending => return,
        };
        for r in reactions.as_slice() {
            self.jobs.jobs.push_back(r.job(fulfilled, argument));
        }
    }

    /// PerformPromiseThen(promise, onFulfilled, onRejected, capability).
    pub fn perform_promise_then(&mut self, promise: Obj, on_fulfilled: Handler, on_rejected: Handler, capability: Option<Capability>) {
        let derived = match capability {
            None => Derived::None,
            Some(Capability { promise: Value::Object(p), resolve: Value::Undefined, .. }) => Derived::Promise(p),
            Some(c) => Derived::Capability(self.capability_record(c)),
        };
        self.perform_promise_then_derived(promise, on_fulfilled, on_rejected, derived);
    }

    /// PerformPromiseThen with the reaction's capability already made.
    pub fn perform_promise_then_derived(&mut self, promise: Obj, on_fulfilled: Handler, on_rejected: Handler, derived: Derived) {
        let reaction = Reaction { on_fulfilled, on_rejected, derived };
        let ObjectKind::Promise(p) = &mut self.heap.object_mut(promise).kind else { return };
        let was_handled = p.handled;
        p.handled = true;
        match p.state() {
            PromiseState::Pending => p.reactions.push(reaction),
            PromiseState::Fulfilled(v) => self.jobs.jobs.push_back(reaction.job(true, v)),
            PromiseState::Rejected(v) => {
                if !was_handled {
                    self.jobs.unhandled.retain(|&u| u != promise);
                }
                self.jobs.jobs.push_back(reaction.job(false, v));
            }
        }
    }

    /// A capability with resolving functions, as a record object.
    fn capability_record(&mut self, c: Capability) -> Obj {
        let record = Env { parent: None, slots: Box::new([c.promise, c.resolve, c.reject]), object: None };
        self.heap.alloc_object(None, ObjectKind::Env(record))
    }

    /// The capability a record object holds.
    fn capability_of_record(&self, record: Obj) -> Option<Capability> {
        match &self.heap.object(record).kind {
            ObjectKind::Env(e) => match *e.slots {
                [promise, resolve, reject] => Some(Capability { promise, resolve, reject }),
                _ => None,
            },
            _ => None,
        }
    }

    /// [`Vm::run_jobs`] with `value` kept alive (the host holds it across
    /// the run, where collections may happen).
    pub fn run_jobs_holding(&mut self, value: Value) -> JsResult<()> {
        self.jobs.held.push(value);
        let r = self.run_jobs();
        self.jobs.held.pop();
        r
    }

    /// Runs queued jobs until the queue is empty. An exception escaping a
    /// `queueMicrotask` callback stops the run and is returned.
    pub fn run_jobs(&mut self) -> JsResult<()> {
        loop {
            // Between jobs no native code holds a value: a collection due
            // here keeps the garbage of finished jobs (settled promises,
            // completed coroutines) from piling up while the queue drains.
            if self.interp.at_safe_point() && self.heap.should_collect() {
                self.collect_garbage();
            }
            let Some(job) = self.jobs.jobs.pop_front() else { break };
            if let Err(e) = self.check_interrupt() {
                self.jobs.jobs.push_front(job);
                return Err(e);
            }
            self.jobs.running.push(job);
            let r = self.run_job(job);
            self.jobs.running.pop();
            r?;
        }
        Ok(())
    }

    fn run_job(&mut self, job: Job) -> JsResult<()> {
        match job {
            Job::Reaction { handler, derived, fulfilled, argument } => self.run_reaction(handler, derived, fulfilled, argument),
            Job::Thenable { promise, thenable, then } => {
                let (resolve, reject) = self.create_resolving_functions(promise);
                if let Err(e) = self.call_from_host(then, thenable, &[Value::Object(resolve), Value::Object(reject)]) {
                    self.call_from_host(Value::Object(reject), Value::Undefined, &[e])?;
                }
                Ok(())
            }
            Job::Callback(f) => self.call_from_host(f, Value::Undefined, &[]).map(|_| ()),
        }
    }

    /// NewPromiseReactionJob's steps.
    fn run_reaction(&mut self, handler: Handler, derived: Derived, fulfilled: bool, argument: Value) -> JsResult<()> {
        let result = match handler {
            Handler::Resume(co) => return self.resume_async(co, argument, fulfilled),
            Handler::Default if fulfilled => Ok(argument),
            Handler::Default => Err(argument),
            Handler::Function(f) => self.call_from_host(Value::Object(f), Value::Undefined, &[argument]),
            Handler::Element(record) => match (self.host.combinator_element, derived) {
                (Some(step), Derived::Index(i)) => self.host_call(|vm| step(vm, record, i, argument, fulfilled)),
                _ => Ok(Value::Undefined),
            },
        };
        let cap = match derived {
            Derived::None | Derived::Index(_) => return Ok(()),
            Derived::Promise(promise) => {
                // An internal capability: settle the promise directly.
                match result {
                    Ok(v) => self.resolve_promise(promise, v)?,
                    Err(e) => self.reject_promise(promise, e),
                }
                return Ok(());
            }
            Derived::Capability(record) => match self.capability_of_record(record) {
                Some(cap) => cap,
                None => return Ok(()),
            },
        };
        match result {
            Ok(v) => self.call_from_host(cap.resolve, Value::Undefined, &[v])?,
            Err(e) => self.call_from_host(cap.reject, Value::Undefined, &[e])?,
        };
        Ok(())
    }

    /// A call made by the host (job queue, timers): the caller holds no
    /// unrooted values, so garbage may be collected while it runs.
    pub fn call_from_host(&mut self, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        self.host_call(|vm| vm.call(f, this, args))
    }

    /// Takes the promises rejected without a handler since the last call.
    pub fn take_unhandled_rejections(&mut self) -> Vec<Obj> {
        std::mem::take(&mut self.jobs.unhandled)
    }

    // ----- async functions -----

    /// Resumes async coroutine `co` from a job: with the value (fulfilled)
    /// or throwing the reason (rejected).
    fn resume_async(&mut self, co: Obj, argument: Value, fulfilled: bool) -> JsResult<()> {
        let Some(state) = self.heap.object(co).kind.coroutine().map(|g| g.state) else { return Ok(()) };
        if state == GeneratorState::DrainingQueue {
            return self.async_generator_return_settled(co, argument, fulfilled);
        }
        if state != GeneratorState::SuspendedAwait {
            return Ok(());
        }
        let how = if fulfilled { crate::interp::Resume::Next } else { crate::interp::Resume::Throw };
        self.host_call(|vm| vm.run_coroutine(co, argument, how).map(|_| ()))
    }
}

/// A promise resolve function (captures: promise, already-resolved cell).
fn resolve_function(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Some((promise, cell)) = vm.resolving_captures() else { return Ok(Value::Undefined) };
    if vm.mark_resolved(cell) {
        vm.resolve_promise(promise, args.first().copied().unwrap_or_default())?;
    }
    Ok(Value::Undefined)
}

/// A promise reject function.
fn reject_function(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let Some((promise, cell)) = vm.resolving_captures() else { return Ok(Value::Undefined) };
    if vm.mark_resolved(cell) {
        vm.reject_promise(promise, args.first().copied().unwrap_or_default());
    }
    Ok(Value::Undefined)
}

impl Vm {
    /// The captures of the running native resolving function.
    fn resolving_captures(&self) -> Option<(Obj, Obj)> {
        let f = self.interp.current_native?;
        match &self.heap.object(f).kind {
            ObjectKind::Native(n) => match (n.captures.first(), n.captures.get(1)) {
                (Some(Value::Object(p)), Some(Value::Object(c))) => Some((*p, *c)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Sets the already-resolved flag; false if it was set.
    fn mark_resolved(&mut self, cell: Obj) -> bool {
        if let ObjectKind::Env(e) = &mut self.heap.object_mut(cell).kind {
            if let Some(slot) = e.slots.first_mut() {
                if *slot == Value::Bool(true) {
                    return false;
                }
                *slot = Value::Bool(true);
            }
        }
        true
    }
}
