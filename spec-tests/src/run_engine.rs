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
//! A module test runs its harness as a global script first, then the test
//! file as the root of a module graph whose imports resolve against the
//! test's folder: a syntax error of the test itself is phase `parse`; a
//! module that does not load (a syntax error in an imported file, a
//! missing file) or link (an import that does not resolve) is phase
//! `resolution`; an evaluation that throws, or whose promise rejects
//! once the jobs are drained, is phase `runtime`. Scripts are compiled
//! under the test's path, so `import()` in them resolves the same way.
//!
//! Limits: the VM has no interrupt hook, so a test that never ends is
//! abandoned by the [`pool`](crate::pool) at its time limit and keeps its
//! thread (and a core) busy until the process exits; a panic in the
//! compiler or the VM is caught by the pool and fails that file.

use spindle_runtime::{RunError, Runtime};
use spindle_vm::promise::PromiseState;

use crate::engine::{Completion, Depth, Engine, Interrupt, PreparedTest, RaisedError};
use crate::frontmatter::Phase;
use crate::host;
use crate::modes::Mode;
use crate::script::{error_message, error_type, eval_script, ScriptError};

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
        // Whatever an abandoned earlier test on this thread left behind.
        drop(host::take_output());
        let mut rt = Runtime::new();
        rt.vm.set_interrupt(std::sync::Arc::clone(interrupt));
        rt.vm.heap.set_gc_stress(self.gc_stress);
        host::install(&mut rt.vm);
        let mut completion = Completion::default();
        let file = test.path.display().to_string();
        for (i, source) in [&test.setup, &test.source].into_iter().enumerate() {
            if source.is_empty() {
                continue;
            }
            // A script (or the module), then the jobs it queued, as the host's event loop does.
            let result = if i == 1 && test.mode == Mode::Module {
                run_module(&mut rt, test, &mut completion)
            } else {
                eval_script(&mut rt.vm, source, &file).and_then(|_| rt.vm.run_jobs().map_err(ScriptError::Thrown))
            };
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

/// Runs the test as a module graph. A load or link failure is recorded in
/// `completion` (phase `resolution`) and ends the run as `Ok`.
fn run_module(rt: &mut Runtime, test: &PreparedTest, completion: &mut Completion) -> Result<(), ScriptError> {
    if let Err(e) = spindle_compiler::check_syntax(&test.source, spindle_compiler::Goal::Module) {
        return Err(ScriptError::Syntax(e.message));
    }
    let promise = match rt.start_module(&test.path, Some(&test.source)) {
        Ok(p) => p,
        Err(RunError::Syntax(message)) => return Err(ScriptError::Compile(message)),
        Err(RunError::Exception(v)) => {
            completion.error = Some(RaisedError { phase: Phase::Resolution, error_type: error_type(&mut rt.vm, v), message: error_message(&mut rt.vm, v) });
            return Ok(());
        }
    };
    rt.vm.run_jobs().map_err(ScriptError::Thrown)?;
    match rt.vm.promise_state(promise) {
        Some(PromiseState::Rejected(e)) => Err(ScriptError::Thrown(e)),
        _ => Ok(()),
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
        assert_eq!(c.printed, "true\n6 5\nfunction function\ntrue 0\nTypeError\n");
        let c = run(Mode::Sloppy, "$262.evalScript('let let');");
        assert_eq!(raised(&c), (Phase::Runtime, "SyntaxError"));
    }

    #[test]
    fn create_realm_gives_the_new_realms_262() {
        let c = run(
            Mode::Sloppy,
            "var r = $262.createRealm();\n\
             print(r.global === this, r.global.Array === Array, typeof r.global.print);\n\
             print(r.evalScript('let inOther = 1; var v = 2; this === $262.global'), typeof inOther, r.global.v);\n\
             print(r.evalScript('typeof inOther'), r.createRealm().global === r.global);\n\
             try { r.evalScript('let let'); } catch (e) { print(e instanceof r.global.SyntaxError, e instanceof SyntaxError); }\n\
             r.gc(); print(r.global.Array.of(1, 2).length);",
        );
        assert_eq!(c.error, None, "{:?}", c.failure);
        assert_eq!(c.printed, "false false function\ntrue undefined 2\nnumber false\ntrue false\n2\n");
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
    fn modules_run_and_report_their_phase() {
        let c = run(Mode::Module, "export let x = 1; print(x, this, typeof import.meta);");
        assert_eq!(c.error, None, "{:?}", c.failure);
        assert_eq!(c.printed, "1 undefined object\n");
        let c = run(Mode::Module, "import { nothing } from './no-such-file.js';");
        assert_eq!(raised(&c), (Phase::Resolution, "Error"));
        let c = run(Mode::Module, "await null; throw new TypeError('late');");
        assert_eq!(raised(&c), (Phase::Runtime, "TypeError"));
        let c = run(Mode::Module, "let let = 1;");
        assert_eq!(raised(&c), (Phase::Parse, "SyntaxError"));
    }
}
