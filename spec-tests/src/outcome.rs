//! The result of one test file: passed, failed (with why) or skipped (with
//! why), and the file's name beside it.

/// How one test file fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every mode it runs in passed.
    Pass,
    /// Some mode failed, timed out or panicked; the message says how.
    Fail(String),
    /// Not run, for the reason given (an excluded feature, say).
    Skip(String),
}

impl Outcome {
    /// `pass`, `fail` or `skip`, as the JSON report spells it.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail(_) => "fail",
            Outcome::Skip(_) => "skip",
        }
    }

    /// The failure or skip message; empty for a pass.
    pub fn message(&self) -> &str {
        match self {
            Outcome::Pass => "",
            Outcome::Fail(message) | Outcome::Skip(message) => message,
        }
    }

    /// Whether this is a failure.
    pub fn is_fail(&self) -> bool {
        matches!(self, Outcome::Fail(_))
    }
}

/// A test file's name (relative to the test262 root) and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileResult {
    /// The file, e.g. `test/built-ins/Promise/all/resolves.js`.
    pub name: String,
    /// How it fared.
    pub outcome: Outcome,
}
