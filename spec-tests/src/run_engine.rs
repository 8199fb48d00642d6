//! The run engine: each test in a fresh [`Runtime`] (a VM with the standard
//! library), in-process, with the test262 [`host`](crate::host) installed.
//!
//! A script test is parsed, compiled and evaluated as one script (the
//! strict prefix, the harness and the test, as [`modes`](crate::modes)
//! joins them). The outcome, in test262's terms:
//!
//! - the parser rejects the source: a `SyntaxError` in phase `parse`, and
//!   no code ran (not even the harness);
//! - the compiler cannot compile valid source (a construct it does not
//!   support yet): the test fails with the compiler's message, whatever it
//!   expects;
//! - the script throws, or a job it queued does (the job queue is drained
//!   after the script, as the host's event loop does): an error in phase
//!   `runtime` named by the thrown value's `constructor.name`
//!   ([`script::error_type`]);
//! - everything `print` and `console` wrote is the completion's output,
//!   where async tests report `Test262:AsyncTestComplete`.
//!
//! Module tests fail with "modules not supported yet" until the runtime
//! has a module loader.
//!
//! Limits: the VM has no interrupt hook, so a test that never ends is
//! abandoned by the [`pool`](crate::pool) at its time limit and keeps its
//! thread (and a core) busy until the process exits; a panic in the
//! compiler or the VM is caught by the pool and fails that file.

use spindle_runtime::Runtime;

use crate::engine::{Completion, Depth, Engine, Interrupt, PreparedTest, RaisedError};
use crate::frontmatter::Phase;
use crate::host;
use crate::modes::Mode;
use crate::script::{error_message, error_type, eval_script, ScriptError};

/// The message of every module test until modules are supported.
pub const MODULES_UNSUPPORTED: &str = "modules not supported yet";

/// Evaluates tests in a fresh runtime each.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunEngine {
    /// Collect garbage at every safe point (finds values the collector
    /// does not see as roots: a test then fails where it passes without).
    pub gc_stress: bool,
}

impl Engine for RunEngine {
    fn name(&self) -> &'static str {
        "run"
    }

    fn depth(&self) -> Depth {
        Depth::Run
    }

    fn evaluate(&self, test: &PreparedTest, interrupt: &Interrupt) -> Completion {
        if test.mode == Mode::Module {
            return Completion::unsupported(MODULES_UNSUPPORTED);
        }
        // Whatever an abandoned earlier test on this thread left behind.
        drop(host::take_output());
        let mut rt = Runtime::new();
        rt.vm.set_interrupt(std::sync::Arc::clone(interrupt));
        rt.vm.heap.set_gc_stress(self.gc_stress);
        host::install(&mut rt.vm);
        let mut completion = Completion::default();
        for source in [&test.setup, &test.source] {
            if source.is_empty() {
                continue;
            }
            // A script, then the jobs it queued, as the host's event loop does.
            let result = eval_script(&mut rt.vm, source, &test.name)
                .and_then(|_| rt.vm.run_jobs().map_err(ScriptError::Thrown));
            match result {
                Ok(()) => {}
                Err(ScriptError::Syntax(message)) => {
                    completion.error = Some(RaisedError {
                        phase: Phase::Parse,
                        error_type: "SyntaxError".to_string(),
                        message,
                    });
                    break;
                }
                Err(ScriptError::Compile(message)) => {
                    completion.failure = Some(format!("cannot compile: {message}"));
                    break;
                }
                Err(ScriptError::Thrown(value)) => {
                    completion.error = Some(RaisedError {
                        phase: Phase::Runtime,
                        error_type: error_type(&mut rt.vm, value),
                        message: error_message(&mut rt.vm, value),
                    });
                    break;
                }
            }
        }
        completion.printed = host::take_output();
        completion
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::AtomicBool;

    fn run(mode: Mode, source: &str) -> Completion {
        let test = PreparedTest {
            name: "test/unit.js".into(),
            path: PathBuf::from("unit.js"),
            mode,
            setup: String::new(),
            source: source.into(),
            is_async: false,
        };
        RunEngine::default().evaluate(&test, &std::sync::Arc::new(AtomicBool::new(false)))
    }

    fn raised(c: &Completion) -> (Phase, &str) {
        let e = c.error.as_ref().expect("an error");
        (e.phase, e.error_type.as_str())
    }

    #[test]
    fn print_is_captured() {
        let c = run(
            Mode::Sloppy,
            "print('a', 1); console.log('b'); print(Symbol('s'))",
        );
        assert_eq!(c.error, None);
        assert_eq!(c.printed, "a 1\nb\nSymbol(s)\n");
        assert_eq!(host::take_output(), "");
    }

    #[test]
    fn syntax_errors_are_parse_phase_and_run_nothing() {
        let c = run(Mode::Sloppy, "print('ran');\nlet let = 1;");
        assert_eq!(raised(&c), (Phase::Parse, "SyntaxError"));
        assert_eq!(c.printed, "");
    }

    #[test]
    fn thrown_values_are_named_by_constructor() {
        let c = run(
            Mode::Sloppy,
            "function Test262Error(m) { this.message = m; }\nthrow new Test262Error('no');",
        );
        assert_eq!(raised(&c), (Phase::Runtime, "Test262Error"));
        assert_eq!(c.error.as_ref().map(|e| e.message.as_str()), Some("no"));
        let c = run(Mode::Sloppy, "null.x");
        assert_eq!(raised(&c), (Phase::Runtime, "TypeError"));
        let c = run(Mode::Sloppy, "throw 3");
        assert_eq!(raised(&c), (Phase::Runtime, "<number>"));
        assert_eq!(c.error.as_ref().map(|e| e.message.as_str()), Some("3"));
    }

    #[test]
    fn strict_prefix_makes_strict_code() {
        let c = run(Mode::Strict, "\"use strict\";\nundeclared = 1;");
        assert_eq!(raised(&c), (Phase::Runtime, "ReferenceError"));
        assert_eq!(run(Mode::Sloppy, "undeclared = 1;").error, None);
    }

    #[test]
    fn host_262() {
        let c = run(
            Mode::Sloppy,
            "print($262.global === this);\n\
             print($262.evalScript('var fromEval = 5; fromEval + 1'), fromEval);\n\
             $262.gc();\n\
             print(typeof $262.createRealm, typeof $262.detachArrayBuffer);\n\
             var b = new ArrayBuffer(4); $262.detachArrayBuffer(b);\n\
             print(b.detached, b.byteLength);\n\
             try { $262.detachArrayBuffer({}); } catch (e) { print(e.name); }",
        );
        assert_eq!(c.error, None, "{:?}", c.failure);
        assert_eq!(c.printed, "true\n6 5\nundefined function\ntrue 0\nTypeError\n");
        let c = run(Mode::Sloppy, "$262.evalScript('let let');");
        assert_eq!(raised(&c), (Phase::Runtime, "SyntaxError"));
    }

    #[test]
    fn jobs_run_after_the_script() {
        let c = run(
            Mode::Sloppy,
            "(async function () { await null; print('job', 1); })(); print('script');",
        );
        assert_eq!(c.error, None, "{:?}", c.failure);
        assert_eq!(c.printed, "script\njob 1\n");
    }

    #[test]
    fn modules_are_unsupported() {
        let c = run(Mode::Module, "export {};");
        assert_eq!(c.failure.as_deref(), Some(MODULES_UNSUPPORTED));
    }
}
