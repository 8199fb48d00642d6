//! Async generators (ECMAScript 2025 §27.6.3): the request queue and the
//! steps that settle it, on top of the generator coroutine machinery.
//!
//! An async generator is a generator object (`GeneratorStart` made it, so
//! parameters were bound before it existed) whose `requests` is `Some`: its
//! [[AsyncGeneratorQueue]]. Its life-cycle states map onto
//! [`GeneratorState`]: suspended-start, suspended-yield and completed are
//! the same; *executing* is `Executing` or `SuspendedAwait` (stopped at an
//! `await`, resumed by a `Handler::Resume` reaction job like an async
//! function); *draining-queue* is `DrainingQueue`, during which the one
//! pending AsyncGeneratorAwaitReturn is also a `Handler::Resume` reaction
//! (see [`Vm::async_generator_return_settled`]).
//!
//! Invariants: a request stays at the front of the queue until its promise
//! has been settled (so the queue roots it while user code, such as a
//! `then` getter on the iterator result, runs); the coroutine is resumed
//! only from suspended-start or suspended-yield, and only by
//! [`Vm::async_generator_request`], so no two resumptions nest.

use crate::object::{AsyncGeneratorRequest, GeneratorState, ObjectKind};
use crate::realm::ErrorKind;
use crate::value::{Obj, Value};
use crate::vm::{JsResult, Vm};
use super::Resume;

/// A request's completion kind: `next(v)`.
pub const REQUEST_NEXT: u8 = Resume::Next as u8;
/// A request's completion kind: `throw(v)`.
pub const REQUEST_THROW: u8 = Resume::Throw as u8;
/// A request's completion kind: `return(v)`.
pub const REQUEST_RETURN: u8 = Resume::Return as u8;

impl Vm {
    /// `o` is an async generator (AsyncGeneratorValidate's slot check).
    fn as_async_generator(&self, value: Value) -> Option<Obj> {
        let Value::Object(o) = value else { return None };
        match &self.heap.object(o).kind {
            ObjectKind::Generator(g) if g.requests().is_some() => Some(o),
            _ => None,
        }
    }

    fn generator_state_of(&self, g: Obj) -> GeneratorState {
        match &self.heap.object(g).kind {
            ObjectKind::Generator(gen) => gen.state,
            _ => GeneratorState::Completed,
        }
    }

    fn front_request(&self, g: Obj) -> Option<AsyncGeneratorRequest> {
        match &self.heap.object(g).kind {
            ObjectKind::Generator(gen) => gen.requests()?.front().copied(),
            _ => None,
        }
    }

    fn with_requests(&mut self, g: Obj, f: impl FnOnce(&mut std::collections::VecDeque<AsyncGeneratorRequest>)) {
        if let ObjectKind::Generator(gen) = &mut self.heap.object_mut(g).kind {
            if let Some(q) = gen.requests_mut() {
                f(q);
            }
        }
    }

    /// %AsyncGeneratorPrototype%.next / return / throw (§27.6.1.2–4):
    /// `kind` is [`REQUEST_NEXT`], [`REQUEST_RETURN`] or [`REQUEST_THROW`].
    /// Returns the request's promise.
    pub fn async_generator_request(&mut self, this: Value, kind: u8, value: Value) -> JsResult<Value> {
        // 2. Let promiseCapability be ! NewPromiseCapability(%Promise%).
        let promise = self.new_promise();
        // 3-4. AsyncGeneratorValidate; IfAbruptRejectPromise.
        let Some(g) = self.as_async_generator(this) else {
            let e = self.error(ErrorKind::TypeError, "AsyncGenerator method called on incompatible receiver");
            self.reject_promise(promise, e);
            return Ok(Value::Object(promise));
        };
        let mut state = self.generator_state_of(g);
        if kind == REQUEST_THROW && state == GeneratorState::SuspendedStart {
            // throw 6: a generator that never started is completed at once.
            self.set_generator_state(g, GeneratorState::Completed);
            state = GeneratorState::Completed;
        }
        if state == GeneratorState::Completed && kind != REQUEST_RETURN {
            // next 6 / throw 7: settle at once.
            if kind == REQUEST_THROW {
                self.reject_promise(promise, value);
            } else {
                let r = self.iter_result(Value::Undefined, true)?;
                self.resolve_promise(promise, r)?;
            }
            return Ok(Value::Object(promise));
        }
        // AsyncGeneratorEnqueue(generator, completion, promiseCapability).
        self.with_requests(g, |q| q.push_back(AsyncGeneratorRequest { kind, value, promise }));
        match state {
            GeneratorState::SuspendedStart | GeneratorState::Completed if kind == REQUEST_RETURN => {
                // return 8: draining-queue, then AsyncGeneratorAwaitReturn.
                self.set_generator_state(g, GeneratorState::DrainingQueue);
                self.async_generator_await_return(g)?;
            }
            GeneratorState::SuspendedStart | GeneratorState::SuspendedYield => self.async_generator_resume(g, kind, value)?,
            // Executing (or awaiting) or draining: the request waits its turn.
            _ => {}
        }
        Ok(Value::Object(promise))
    }

    /// AsyncGeneratorResume(generator, completion): runs the body until it
    /// yields, awaits or completes (it never throws out: see `unwind`).
    fn async_generator_resume(&mut self, g: Obj, kind: u8, value: Value) -> JsResult<()> {
        let how = match kind {
            REQUEST_THROW => Resume::Throw,
            REQUEST_RETURN => Resume::Return,
            _ => Resume::Next,
        };
        if self.interp.enter_native(g).is_err() {
            let e = self.error(ErrorKind::RangeError, "Maximum call stack size exceeded");
            return self.resume_failed(g, e);
        }
        let result = stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || self.run_coroutine(g, value, how));
        self.interp.leave_native();
        self.interp.load_top();
        match result {
            Ok(_) => Ok(()),
            Err(e) => self.resume_failed(g, e),
        }
    }

    /// The body could not be entered (the frame limit): the request, the
    /// only one queued, is rejected with the error and the generator stays
    /// as it was. A termination, which leaves the body, propagates.
    fn resume_failed(&mut self, g: Obj, error: Value) -> JsResult<()> {
        let state = self.generator_state_of(g);
        if self.interp.terminating || !matches!(state, GeneratorState::SuspendedStart | GeneratorState::SuspendedYield) {
            return Err(error);
        }
        let mut request = None;
        self.with_requests(g, |q| request = q.pop_back());
        if let Some(r) = request {
            self.reject_promise(r.promise, error);
        }
        Ok(())
    }

    /// AsyncGeneratorCompleteStep(generator, completion, done): settles the
    /// oldest request's promise, then removes the request.
    fn async_generator_complete_step(&mut self, g: Obj, completion: Result<Value, Value>, done: bool) -> JsResult<()> {
        let Some(request) = self.front_request(g) else { return Ok(()) };
        match completion {
            Err(e) => self.reject_promise(request.promise, e),
            Ok(v) => {
                let r = self.iter_result(v, done)?;
                self.resolve_promise(request.promise, r)?;
            }
        }
        self.with_requests(g, |q| {
            q.pop_front();
        });
        Ok(())
    }

    /// `AsyncGeneratorYield`'s steps after the operand was awaited
    /// (§27.6.3.8): settles the oldest request with `{ value, done: false }`;
    /// returns the next request to go on with at once, or `None` (the
    /// caller suspends the body in suspended-yield).
    pub(crate) fn async_generator_yield(&mut self, g: Obj, value: Value) -> JsResult<Option<(u8, Value)>> {
        // 9. Perform AsyncGeneratorCompleteStep(generator, completion, false, previousRealm).
        self.async_generator_complete_step(g, Ok(value), false)?;
        // 10-11. If the queue is not empty, execution continues without suspending.
        Ok(self.front_request(g).map(|r| (r.kind, r.value)))
    }

    /// AsyncGeneratorStart's last steps (§27.6.3.2 step 4.f–k): the body
    /// returned `Ok(value)` or threw `Err(reason)`.
    pub(crate) fn async_generator_body_done(&mut self, g: Obj, result: Result<Value, Value>) -> JsResult<()> {
        // g. Set acGenerator.[[AsyncGeneratorState]] to draining-queue.
        self.set_generator_state(g, GeneratorState::DrainingQueue);
        // j. Perform AsyncGeneratorCompleteStep(acGenerator, result, true).
        self.async_generator_complete_step(g, result, true)?;
        // k. Perform AsyncGeneratorDrainQueue(acGenerator).
        self.async_generator_drain_queue(g)
    }

    /// The promise of the request async generator `g` is working on (the
    /// one its consumer awaits), for `at async` stack frames.
    pub(crate) fn async_generator_current_promise(&self, g: Obj) -> Option<Obj> {
        self.front_request(g).map(|r| r.promise)
    }

    /// `g` is an async generator.
    pub(crate) fn is_async_generator(&self, g: Obj) -> bool {
        self.as_async_generator(Value::Object(g)).is_some()
    }

    /// AsyncGeneratorAwaitReturn(generator) (§27.6.3.9): awaits the value
    /// of the `return` request at the front of the queue.
    fn async_generator_await_return(&mut self, g: Obj) -> JsResult<()> {
        let Some(request) = self.front_request(g) else { return Ok(()) };
        // 7. Let promiseCompletion be Completion(PromiseResolve(%Promise%, completion.[[Value]])).
        match self.prepare_await(request.value) {
            // 8. An abrupt completion settles the request and drains the queue.
            Err(e) => {
                self.async_generator_complete_step(g, Err(e), true)?;
                self.async_generator_drain_queue(g)
            }
            // 11-15. PerformPromiseThen(promise, onFulfilled, onRejected).
            Ok(promise) => {
                self.finish_await(g, request.value, promise);
                Ok(())
            }
        }
    }

    /// AsyncGeneratorAwaitReturn's fulfilled and rejected closures: the
    /// awaited return value settled.
    pub(crate) fn async_generator_return_settled(&mut self, g: Obj, value: Value, fulfilled: bool) -> JsResult<()> {
        let completion = if fulfilled { Ok(value) } else { Err(value) };
        self.async_generator_complete_step(g, completion, true)?;
        self.async_generator_drain_queue(g)
    }

    /// AsyncGeneratorDrainQueue(generator) (§27.6.3.10).
    fn async_generator_drain_queue(&mut self, g: Obj) -> JsResult<()> {
        loop {
            // 3. An empty queue: the generator is completed.
            let Some(request) = self.front_request(g) else {
                self.set_generator_state(g, GeneratorState::Completed);
                return Ok(());
            };
            // 5.c. A return completion is awaited.
            if request.kind == REQUEST_RETURN {
                return self.async_generator_await_return(g);
            }
            // 5.d. next settles with { undefined, done }; throw rejects.
            let completion = if request.kind == REQUEST_THROW { Err(request.value) } else { Ok(Value::Undefined) };
            self.async_generator_complete_step(g, completion, true)?;
        }
    }
}
