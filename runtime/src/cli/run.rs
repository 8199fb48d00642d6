//! `spindle run FILE` and `spindle eval CODE`: run a script (or, for a
//! `.mjs` file or with `--module`, a module and its imports), then the
//! event loop (timers, immediates, a microtask checkpoint after each
//! callback). An uncaught exception prints `Uncaught <Name>: <message>`
//! and the stack on stderr and exits 1; an unhandled rejection is
//! reported as Node reports it (see `event_loop`).

use super::source;
use crate::event_loop::{EventLoop, LoopOptions, Stop, UnhandledRejections};
use crate::{RunError, Runtime};
use std::path::Path;
use std::process::ExitCode;

/// The event-loop flags of `run` and `eval`.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct LoopArgs {
    /// Run timers in order without waiting, on a virtual clock that `Date.now()` follows.
    #[arg(long)]
    virtual_time: bool,
    /// What a promise rejected with no handler does: throw (report, exit 1), strict, warn,
    /// warn-with-error-code or none.
    #[arg(long, value_name = "MODE", default_value = "throw")]
    unhandled_rejections: UnhandledRejections,
    /// Stop the program's JavaScript after SECS seconds of wall time (an uncatchable RangeError).
    #[arg(long, value_name = "SECS")]
    time_limit: Option<f64>,
    /// Run FILE as an ECMAScript module (the default for `.mjs` files).
    #[arg(long)]
    module: bool,
}

impl LoopArgs {
    pub(crate) fn options(&self, source: Option<(String, String)>) -> LoopOptions {
        LoopOptions { virtual_time: self.virtual_time, unhandled_rejections: self.unhandled_rejections, source }
    }

    /// A runtime for the program, with the `--time-limit` watchdog armed.
    pub(crate) fn runtime(&self) -> Runtime {
        let rt = Runtime::new();
        if let Some(secs) = self.time_limit.filter(|s| s.is_finite() && *s >= 0.0) {
            let flag = rt.vm.interrupt_handle();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs_f64(secs));
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
            });
        }
        rt
    }
}

/// Runs `spindle run`.
pub(crate) fn run_file(path: &Path, args: &LoopArgs) -> ExitCode {
    let text = match source::read(path) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let name = path.display().to_string();
    let mut rt = args.runtime();
    let mut el = EventLoop::new(args.options(Some((name.clone(), text.clone()))));
    el.attach(&mut rt);
    let result = if source::goal(path, args.module) == spindle_compiler::Goal::Module { rt.run_module(path).map(|_| ()) } else { rt.eval(&text, &name).map(|_| ()) };
    if let Err(e) = result {
        return report(&mut rt, e);
    }
    finish(&mut rt, &mut el)
}

/// Runs `spindle eval`: prints the completion value, then runs the loop.
pub(crate) fn eval(code: &str, args: &LoopArgs) -> ExitCode {
    let mut rt = args.runtime();
    let mut el = EventLoop::new(args.options(None));
    el.attach(&mut rt);
    match rt.eval(code, "<eval>") {
        Ok(v) => {
            let text = rt.display(v);
            println!("{text}");
        }
        Err(e) => return report(&mut rt, e),
    }
    finish(&mut rt, &mut el)
}

/// The first checkpoint after the script, then the loop.
fn finish(rt: &mut Runtime, el: &mut EventLoop) -> ExitCode {
    match el.checkpoint(rt).and_then(|()| el.run(rt)) {
        Ok(()) => ExitCode::from(el.exit_code()),
        Err(Stop::Exception(v)) => report(rt, RunError::Exception(v)),
        Err(Stop::UnhandledRejection) => ExitCode::FAILURE,
    }
}

/// Prints a syntax error or an uncaught exception; exit code 1.
pub(crate) fn report(rt: &mut Runtime, e: RunError) -> ExitCode {
    match e {
        RunError::Syntax(diagnostic) => eprintln!("{diagnostic}"),
        RunError::Exception(v) => {
            let text = rt.describe_exception(v);
            eprintln!("{text}");
        }
    }
    ExitCode::FAILURE
}
