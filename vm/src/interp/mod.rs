//! The interpreter: frames, registers and the one dispatch loop.
//!
//! A call from JavaScript to JavaScript pushes a [`Frame`] and continues in
//! the same loop, so JavaScript recursion never recurses on the Rust stack;
//! native code calling back into JavaScript re-enters [`Vm::run_frames`],
//! bounded by `Limits::max_native_depth`.
//!
//! Invariants: the registers of frame `f` are
//! `stack[f.base .. f.base + f.proto.register_count]`; `pc`, `base` and
//! `env` in [`Interpreter`] belong to the top frame (the frame's own fields
//! are stale while it is on top); garbage is collected only at safe points
//! of the loop (calls and backward jumps) when no native frame is active, so
//! every live value is in a register, a frame, or a root.

mod call;
mod callback;
mod env;
mod function;
mod generator;
mod iterate;
mod property;
mod dispatch;
mod globals;
mod unwind;
mod async_generator;
mod async_iterate;
mod stack;

pub(crate) use globals::GlobalLexicals;
pub use function::HostHooks;
pub use callback::Callback;
pub(crate) use generator::Resume;
pub(crate) use property::number_index;
pub use async_generator::{REQUEST_NEXT, REQUEST_RETURN, REQUEST_THROW};

use crate::bytecode::FunctionProto;
use crate::value::{Obj, Value};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Resource limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most JavaScript frames at once before `RangeError`.
    pub max_frames: usize,
    /// Most nested native→JavaScript re-entries before `RangeError`.
    pub max_native_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_frames: 10_000, max_native_depth: 512 }
    }
}

/// One activation of a compiled function.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// The function object (`None` for script code).
    pub(crate) function: Option<Obj>,
    /// Its code.
    pub(crate) proto: Rc<FunctionProto>,
    /// Saved pc (valid while not on top).
    pub(crate) pc: usize,
    /// First register.
    pub(crate) base: usize,
    /// Saved environment (valid while not on top).
    pub(crate) env: Option<Obj>,
    /// Environments pushed since entry (for unwinding to a handler).
    pub(crate) env_depth: u16,
    /// `this` (`Value::Empty` before `super()` in a derived constructor).
    pub(crate) this: Value,
    /// `new.target`.
    pub(crate) new_target: Option<Obj>,
    /// The actual arguments, kept when the function needs them.
    pub(crate) args: Option<Box<[Value]>>,
    /// Where the caller wants the result; `None`: return from `run_frames`.
    pub(crate) return_to: Option<u16>,
    /// A `new` call: a non-object result is replaced by `this`.
    pub(crate) construct: bool,
    /// The generator object this activation belongs to, once started.
    pub(crate) generator: Option<Obj>,
    /// The realm current when the frame was pushed, made current again
    /// when it is popped (the frame itself runs in its function's realm).
    pub(crate) caller_realm: crate::realm::RealmId,
}

/// Interpreter state: the register stack, the frames, the machine registers
/// of the top frame, and limits.
#[derive(Debug, Default)]
pub(crate) struct Interpreter {
    pub(crate) stack: stack::RegisterStack,
    pub(crate) frames: Vec<Frame>,
    /// pc of the top frame.
    pub(crate) pc: usize,
    /// Register base of the top frame.
    pub(crate) base: usize,
    /// Environment of the top frame.
    pub(crate) env: Option<Obj>,
    native_depth: u32,
    /// Native depth at or below which garbage may be collected: raised by
    /// host calls (jobs, timers), whose caller holds no unrooted values.
    gc_floor: u32,
    /// The native function running now.
    pub(crate) current_native: Option<Obj>,
    pub(crate) limits: Limits,
    /// Set by another thread to stop the running code (see [`Vm::interrupt_handle`]).
    pub(crate) interrupt: Arc<AtomicBool>,
    /// The interrupt was seen: the exception in flight is a termination,
    /// which no `catch` or `finally` handler takes.
    pub(crate) terminating: bool,
    /// The inline cache of GetPrototypeFromConstructor's `prototype`
    /// look-up (constructors of one kind share a shape).
    pub(crate) prototype_cache: crate::object::PropertyCache,
}

impl Interpreter {
    pub(crate) fn new() -> Interpreter {
        Interpreter::default()
    }

    /// Entering a native function: bounded so native↔JS recursion cannot
    /// exhaust the Rust stack.
    pub(crate) fn enter_native(&mut self, _f: Obj) -> Result<(), ()> {
        if self.native_depth >= self.limits.max_native_depth {
            return Err(());
        }
        self.native_depth += 1;
        Ok(())
    }

    pub(crate) fn leave_native(&mut self) {
        self.native_depth = self.native_depth.saturating_sub(1);
    }

    /// No native function is running: a garbage collection is safe.
    pub(crate) fn at_safe_point(&self) -> bool {
        self.native_depth <= self.gc_floor
    }



    /// Saves the machine registers into the top frame.
    fn save_top(&mut self) {
        let (pc, env) = (self.pc, self.env);
        if let Some(f) = self.frames.last_mut() {
            f.pc = pc;
            f.env = env;
        }
    }

    /// Loads the machine registers from the top frame.
    fn load_top(&mut self) {
        if let Some(f) = self.frames.last() {
            self.pc = f.pc;
            self.base = f.base;
            self.env = f.env;
        }
    }
}

impl crate::vm::Vm {
    /// The flag that interrupts this VM: once another thread sets it, the
    /// running code stops at its next loop iteration or call with an
    /// uncatchable `RangeError` (no `catch` or `finally` runs, no job runs
    /// after it), and every later entry into JavaScript stops the same way
    /// until [`Vm::clear_interrupt`].
    pub fn interrupt_handle(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interp.interrupt)
    }

    /// Uses `flag` as this VM's interrupt flag (e.g. one shared with a watchdog).
    pub fn set_interrupt(&mut self, flag: Arc<AtomicBool>) {
        self.interp.interrupt = flag;
    }

    /// The source file names of the running JavaScript frames, innermost
    /// first (the host finds the active script or module of eval code).
    pub fn frame_files(&self) -> Vec<Rc<str>> {
        self.interp.frames.iter().rev().map(|f| f.proto.file.clone()).collect()
    }

    /// Lowers the interrupt flag, so JavaScript can run again.
    pub fn clear_interrupt(&mut self) {
        self.interp.interrupt.store(false, Ordering::Relaxed);
        self.interp.terminating = false;
    }

    /// The interrupt flag is up: the termination exception to throw.
    #[inline]
    pub(crate) fn check_interrupt(&mut self) -> crate::vm::JsResult<()> {
        if !self.interp.interrupt.load(Ordering::Relaxed) {
            return Ok(());
        }
        self.interp.terminating = true;
        self.range_error("Execution interrupted")
    }

    /// Runs `f` (a call made by the host, which holds no unrooted values)
    /// with garbage collection allowed one native level deeper.
    pub(crate) fn host_call<T>(&mut self, f: impl FnOnce(&mut crate::vm::Vm) -> T) -> T {
        let saved = self.interp.gc_floor;
        self.interp.gc_floor = self.interp.native_depth + 1;
        let r = f(self);
        self.interp.gc_floor = saved;
        r
    }
}
