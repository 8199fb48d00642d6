//! Judging one run of a test: comparing the engine's [`Completion`] with
//! what the file expects — the `negative` error (when the engine reaches
//! its phase), normal completion otherwise, and for async tests the
//! `Test262:AsyncTestComplete` line printed through `$DONE`.

use crate::engine::{Completion, Depth, RaisedError};
use crate::frontmatter::Negative;

/// The line `$DONE()` prints when an async test succeeds.
pub const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
/// The start of the line `$DONE(error)` prints when an async test fails.
pub const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure:";

/// What a test expects of one run.
#[derive(Debug, Clone, Copy)]
pub struct Expectation<'a> {
    /// The expected error, if the test is negative.
    pub negative: Option<&'a Negative>,
    /// Whether completion is signalled through `$DONE`.
    pub is_async: bool,
    /// How far the engine takes the test.
    pub depth: Depth,
}

/// `Ok` if `completion` is what `expected` asks for, else why not.
pub fn judge(expected: Expectation<'_>, completion: &Completion) -> Result<(), String> {
    if let Some(failure) = &completion.failure {
        return Err(failure.clone());
    }
    let negative = expected
        .negative
        .filter(|n| expected.depth.reaches(n.phase));
    match (negative, &completion.error) {
        (Some(n), Some(e)) if e.phase == n.phase && e.error_type == n.error_type => Ok(()),
        (Some(n), Some(e)) => Err(format!(
            "expected {}, got {}",
            describe_expected(n),
            describe(e)
        )),
        (Some(n), None) => Err(format!(
            "expected {}, but it completed normally",
            describe_expected(n)
        )),
        (None, Some(e)) => Err(format!("unexpected {}", describe(e))),
        (None, None) if expected.is_async && expected.depth == Depth::Run => {
            judge_async(&completion.printed)
        }
        (None, None) => Ok(()),
    }
}

/// Judges the printed output of an async test.
fn judge_async(printed: &str) -> Result<(), String> {
    for line in printed.lines() {
        if let Some(failure) = line.strip_prefix(ASYNC_FAILURE) {
            return Err(format!("async failure: {failure}"));
        }
        if line == ASYNC_COMPLETE {
            return Ok(());
        }
    }
    Err("async test did not report completion through $DONE".to_string())
}

/// `SyntaxError in phase parse`.
fn describe_expected(n: &Negative) -> String {
    format!("{} in phase {}", n.error_type, n.phase)
}

/// `SyntaxError in phase parse: message`.
fn describe(e: &RaisedError) -> String {
    format!("{} in phase {}: {}", e.error_type, e.phase, e.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::Phase;

    fn error(phase: Phase, error_type: &str) -> Completion {
        let error_type = error_type.to_string();
        Completion {
            error: Some(RaisedError {
                phase,
                error_type,
                message: "m".into(),
            }),
            ..Completion::default()
        }
    }

    fn negative(phase: Phase) -> Negative {
        Negative {
            phase,
            error_type: "SyntaxError".into(),
        }
    }

    fn expect(negative: Option<&Negative>, depth: Depth) -> Expectation<'_> {
        Expectation {
            negative,
            is_async: false,
            depth,
        }
    }

    #[test]
    fn parse_only() {
        let parse = negative(Phase::Parse);
        let runtime = negative(Phase::Runtime);
        let ok = Completion::default();
        let syntax = error(Phase::Parse, "SyntaxError");
        assert!(judge(expect(Some(&parse), Depth::Parse), &syntax).is_ok());
        assert!(judge(expect(Some(&parse), Depth::Parse), &ok).is_err());
        assert!(judge(expect(Some(&runtime), Depth::Parse), &ok).is_ok());
        assert!(judge(expect(Some(&runtime), Depth::Parse), &syntax).is_err());
        assert!(judge(expect(None, Depth::Parse), &ok).is_ok());
        assert!(judge(expect(None, Depth::Parse), &syntax).is_err());
    }

    #[test]
    fn run_negative() {
        let runtime = Negative {
            phase: Phase::Runtime,
            error_type: "TypeError".into(),
        };
        assert!(judge(
            expect(Some(&runtime), Depth::Run),
            &error(Phase::Runtime, "TypeError")
        )
        .is_ok());
        let wrong = judge(
            expect(Some(&runtime), Depth::Run),
            &error(Phase::Runtime, "RangeError"),
        );
        assert!(wrong.unwrap_err().contains("RangeError"));
        assert!(judge(
            expect(Some(&runtime), Depth::Run),
            &error(Phase::Parse, "TypeError")
        )
        .is_err());
        assert!(judge(expect(Some(&runtime), Depth::Run), &Completion::default()).is_err());
    }

    #[test]
    fn async_completion() {
        let expected = Expectation {
            negative: None,
            is_async: true,
            depth: Depth::Run,
        };
        let printed = |p: &str| Completion {
            printed: p.into(),
            ..Completion::default()
        };
        assert!(judge(expected, &printed("x\nTest262:AsyncTestComplete\n")).is_ok());
        let failure = judge(
            expected,
            &printed("Test262:AsyncTestFailure:Test262Error: no\n"),
        );
        assert_eq!(failure.unwrap_err(), "async failure: Test262Error: no");
        assert!(judge(expected, &printed("")).is_err());
        let parse_only = Expectation {
            depth: Depth::Parse,
            ..expected
        };
        assert!(judge(parse_only, &printed("")).is_ok());
    }

    #[test]
    fn engine_failures_fail_whatever_is_expected() {
        let parse = negative(Phase::Parse);
        let unsupported = Completion::unsupported("modules not supported yet");
        let why = judge(expect(Some(&parse), Depth::Run), &unsupported).unwrap_err();
        assert_eq!(why, "modules not supported yet");
        assert!(judge(expect(None, Depth::Run), &unsupported).is_err());
    }
}
