//! The engines a test can be handed to, behind one trait: each takes a
//! [`PreparedTest`] (the source as one mode runs it) and reports a
//! [`Completion`]: the [`ParseEngine`], which only checks syntax, and the
//! [`RunEngine`](crate::run_engine::RunEngine), which evaluates each test in
//! a fresh runtime with the test262 host (`print`, `$262`).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use spindle_compiler::{check_syntax, Goal};

use crate::frontmatter::Phase;
use crate::modes::Mode;
use crate::run_engine::RunEngine;

/// How far an engine takes a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// Parsing and early errors only.
    Parse,
    /// Parse, link and evaluate, then drain the job queue.
    Run,
}

impl Depth {
    /// Whether an engine of this depth can observe an error of `phase`.
    pub fn reaches(self, phase: Phase) -> bool {
        match self {
            Depth::Parse => phase == Phase::Parse,
            Depth::Run => true,
        }
    }
}

/// A test as one mode runs it.
#[derive(Debug, Clone)]
pub struct PreparedTest {
    /// The file's name relative to the test262 root.
    pub name: String,
    /// The file on disk (a module loader resolves imports against it).
    pub path: std::path::PathBuf,
    /// The mode: sloppy script, strict script or module.
    pub mode: Mode,
    /// A global script to evaluate first in the same realm: the harness of
    /// a module test; empty for scripts and in parse-only runs.
    pub setup: String,
    /// The program to evaluate: for a script the strict prefix, harness and
    /// test together; for a module the test alone.
    pub source: String,
    /// Whether the test signals its end through `$DONE` and the printed
    /// `Test262:AsyncTestComplete`.
    pub is_async: bool,
}

/// An error a test raised, as the engine saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaisedError {
    /// When it happened.
    pub phase: Phase,
    /// The error constructor's name (`SyntaxError`, `Test262Error`, …).
    pub error_type: String,
    /// Its message.
    pub message: String,
}

/// What happened when an engine ran a prepared test.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// The uncaught error, if any.
    pub error: Option<RaisedError>,
    /// Everything the test printed through the host's `print`, one call per line.
    pub printed: String,
    /// Set when the engine could not judge the test at all (a construct
    /// it does not support yet, modules before the module loader): the
    /// test fails with this message whatever it expects.
    pub failure: Option<String>,
}

impl Completion {
    /// A completion for a test the engine cannot run, failing with `message`.
    pub fn unsupported(message: impl Into<String>) -> Completion {
        Completion {
            failure: Some(message.into()),
            ..Completion::default()
        }
    }
}

/// Set by the runner when a test overran its time limit; an engine that can
/// be interrupted polls it and stops early (the run engine hands it to the
/// VM, which stops at its next loop iteration or call).
pub type Interrupt = Arc<AtomicBool>;

/// Something that can judge test262 files.
pub trait Engine: Send + Sync {
    /// The engine's name, for messages.
    fn name(&self) -> &'static str;

    /// How far it takes a test.
    fn depth(&self) -> Depth;

    /// The host's `[[CanBlock]]` (checked against the `CanBlockIs…` flags).
    fn can_block(&self) -> bool {
        true
    }

    /// Evaluates `test` in a fresh realm and reports how it ended.
    fn evaluate(&self, test: &PreparedTest, interrupt: &Interrupt) -> Completion;
}

/// The engines there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EngineKind {
    /// Syntax checking only (test262's phase `parse`).
    Parse,
    /// Evaluation in a fresh [`Runtime`](spindle_runtime::Runtime) per test.
    Run,
}

impl EngineKind {
    /// The most complete engine this build has: the one used when no mode
    /// is asked for.
    pub fn best_available() -> EngineKind {
        EngineKind::Run
    }

    /// Whether this engine only parses.
    pub fn is_parse_only(self) -> bool {
        matches!(self, EngineKind::Parse)
    }

    /// A new engine of this kind; `gc_stress` makes the run engine collect
    /// garbage at every safe point.
    pub fn create(self, gc_stress: bool) -> Box<dyn Engine> {
        match self {
            EngineKind::Parse => Box::new(ParseEngine),
            EngineKind::Run => Box::new(RunEngine { gc_stress }),
        }
    }

    /// The name of this engine's expectations file in `spec-tests/expectations/`.
    pub fn expectations_file(self) -> &'static str {
        match self {
            EngineKind::Parse => "parse.txt",
            EngineKind::Run => "run.txt",
        }
    }
}

/// Checks syntax with the compiler's front end and reports a parse-phase
/// `SyntaxError` for a rejected source.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseEngine;

impl Engine for ParseEngine {
    fn name(&self) -> &'static str {
        "parse"
    }

    fn depth(&self) -> Depth {
        Depth::Parse
    }

    fn evaluate(&self, test: &PreparedTest, _interrupt: &Interrupt) -> Completion {
        let goal = match test.mode {
            Mode::Module => Goal::Module,
            Mode::Sloppy | Mode::Strict => Goal::Script,
        };
        let error = check_syntax(&test.source, goal).err().map(|e| RaisedError {
            phase: Phase::Parse,
            error_type: "SyntaxError".to_string(),
            message: e.message,
        });
        Completion {
            error,
            ..Completion::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_reaches() {
        assert!(Depth::Parse.reaches(Phase::Parse));
        assert!(!Depth::Parse.reaches(Phase::Resolution));
        assert!(!Depth::Parse.reaches(Phase::Runtime));
        assert!(Depth::Run.reaches(Phase::Runtime));
    }
}
