//! The host event loop, in Node's order: after the script, a microtask
//! checkpoint; then, turn after turn, the timers that are due (by due
//! time, then creation order), then the `setImmediate` callbacks queued
//! before the turn, with a checkpoint after every callback; when nothing
//! is ready, sleep until the next timer (or, with virtual time, move the
//! clock straight to it). The loop ends when no timer or immediate is
//! pending.
//!
//! A checkpoint drains the VM's job queue and then reports the promises
//! rejected with no handler ([`UnhandledRejections`]).
//!
//! Timer state lives in the VM (`host` submodule): the JavaScript globals
//! (`builtins::timers`) schedule into it, this loop runs it. Callbacks are
//! called with `Vm::call_from_host`, so the collector may run inside them;
//! pending timers' values are rooted through the `%TimerList%` intrinsic.
//!
//! ```
//! use spindle_runtime::event_loop::{EventLoop, LoopOptions};
//! use spindle_runtime::Runtime;
//! let mut rt = Runtime::new();
//! let mut el = EventLoop::new(LoopOptions { virtual_time: true, ..LoopOptions::default() });
//! el.attach(&mut rt);
//! rt.eval("var out = []; setTimeout(() => out.push('late'), 5000); out.push('now')", "demo.js").unwrap();
//! el.run(&mut rt).unwrap();
//! let v = rt.eval("out.join()", "read.js").unwrap();
//! assert_eq!(rt.display(v), "now,late");
//! ```

mod host;
mod rejections;
#[cfg(test)]
mod tests;

pub(crate) use host::{add_immediate, add_timer, clear, date_now, with_state};
pub use rejections::UnhandledRejections;

use crate::Runtime;
use host::{values_of, DueTimer, Micros};
use spindle_vm::value::Value;
use spindle_vm::Vm;
use std::io::Write;

/// How the event loop behaves.
#[derive(Clone, Debug, Default)]
pub struct LoopOptions {
    /// Run timers in order without sleeping, with a virtual clock that
    /// `Date.now()` follows.
    pub virtual_time: bool,
    /// What to do with unhandled rejections.
    pub unhandled_rejections: UnhandledRejections,
    /// The main script's file name and text, to show the source line of
    /// an unhandled rejection.
    pub source: Option<(String, String)>,
}

/// Why the loop stopped early.
#[derive(Debug)]
pub enum Stop {
    /// An exception escaped a callback or a job: the thrown value.
    Exception(Value),
    /// An unhandled rejection ended the program (already reported).
    UnhandledRejection,
}

/// The event loop of one runtime.
#[derive(Debug)]
pub struct EventLoop {
    options: LoopOptions,
    /// Rejections warned about so far (Node's rejection ids).
    warned: u32,
    /// The exit code once the loop is done.
    exit_code: u8,
}

impl EventLoop {
    /// A loop with these options.
    pub fn new(options: LoopOptions) -> EventLoop {
        EventLoop { options, warned: 0, exit_code: 0 }
    }

    /// Prepares `rt` before its script runs (the virtual clock).
    pub fn attach(&self, rt: &mut Runtime) {
        if self.options.virtual_time {
            with_state(&mut rt.vm, |s| s.use_virtual_time());
        }
    }

    /// The exit code the program should end with (1 after an unhandled
    /// rejection in `warn-with-error-code` mode).
    pub fn exit_code(&self) -> u8 {
        self.exit_code
    }

    /// A microtask checkpoint: runs every queued job, then reports the
    /// promises left rejected without a handler.
    pub fn checkpoint(&mut self, rt: &mut Runtime) -> Result<(), Stop> {
        rt.vm.run_jobs().map_err(Stop::Exception)?;
        self.report_rejections(&mut rt.vm)
    }

    /// Runs timers and immediates, each followed by a checkpoint, until
    /// none is pending. Call [`EventLoop::checkpoint`] after the script first.
    pub fn run(&mut self, rt: &mut Runtime) -> Result<(), Stop> {
        loop {
            let now = with_state(&mut rt.vm, |s| s.clock.now());
            // Timers phase: every timer due by now, in order.
            while let Some(t) = with_state(&mut rt.vm, |s| s.pop_due(now)) {
                self.run_timer(rt, t, now)?;
            }
            // Check phase: the immediates queued before it started.
            for id in with_state(&mut rt.vm, |s| s.take_immediates()) {
                self.run_callback(rt, id)?;
                host::drop_values(&mut rt.vm, id);
            }
            if !self.wait(&mut rt.vm) {
                return Ok(());
            }
        }
    }

    /// Runs one due timer, then reschedules it if it is an interval.
    fn run_timer(&mut self, rt: &mut Runtime, t: DueTimer, now: Micros) -> Result<(), Stop> {
        let r = self.run_callback(rt, t.id);
        if t.repeat.is_some() {
            host::reschedule(&mut rt.vm, t, now);
        } else {
            host::drop_values(&mut rt.vm, t.id);
        }
        r
    }

    /// Calls the callback of timer or immediate `id` (unless it was
    /// cleared), then runs a checkpoint.
    fn run_callback(&mut self, rt: &mut Runtime, id: u32) -> Result<(), Stop> {
        let Some((callback, args)) = values_of(&mut rt.vm, id) else { return Ok(()) };
        rt.vm.call_from_host(callback, Value::Undefined, &args).map_err(Stop::Exception)?;
        self.checkpoint(rt)
    }

    /// Waits until something can run: false when nothing is pending.
    fn wait(&self, vm: &mut Vm) -> bool {
        let (idle, immediates, next, now, virtual_time) =
            with_state(vm, |s| (s.is_idle(), s.has_immediates(), s.next_due(), s.clock.now(), s.is_virtual()));
        if idle {
            return false;
        }
        let Some(due) = next else { return true };
        if immediates || due <= now {
            return true;
        }
        if virtual_time {
            with_state(vm, |s| s.advance_to(due));
        } else {
            std::thread::sleep(std::time::Duration::from_micros(due - now));
        }
        true
    }

    /// Reports the rejections nobody handled by this checkpoint.
    fn report_rejections(&mut self, vm: &mut Vm) -> Result<(), Stop> {
        for (_promise, reason) in rejections::take_unhandled(vm) {
            match self.options.unhandled_rejections {
                UnhandledRejections::None => {}
                UnhandledRejections::Throw | UnhandledRejections::Strict => {
                    let source = self.options.source.as_ref().map(|(f, t)| (f.as_str(), t.as_str()));
                    let text = rejections::fatal_report(vm, reason, source);
                    let _ = writeln!(std::io::stderr().lock(), "{text}");
                    return Err(Stop::UnhandledRejection);
                }
                mode @ (UnhandledRejections::Warn | UnhandledRejections::WarnWithErrorCode) => {
                    self.warned += 1;
                    let text = rejections::warning(vm, reason, self.warned);
                    let _ = writeln!(std::io::stderr().lock(), "{text}");
                    if mode == UnhandledRejections::WarnWithErrorCode {
                        self.exit_code = 1;
                    }
                }
            }
        }
        Ok(())
    }
}
