//! The expectations file: the test files known to fail, each with a short
//! reason (`test/path/file.js  # reason`, blank lines and `#` lines
//! ignored); checking a run against it (regressions, files that now pass)
//! and rewriting it from a run.
//!
//! A reason starting with [`CRASH_PREFIX`] marks a file that takes the
//! whole runner down (a stack overflow, an abort, memory growing without
//! bound): the runner does not run it ([`Expectations::crashers`]) and it
//! counts as a listed failure, until someone runs it on purpose
//! (`--run-crashers`) and finds it fixed.

use std::collections::BTreeMap;
use std::path::Path;

use crate::outcome::{FileResult, Outcome};

/// The longest reason taken from a failure message.
const MAX_REASON: usize = 120;

/// The start of the reason of a file that must not be run because it
/// crashes the runner (`test/x.js  # crash: stack overflow in …`).
pub const CRASH_PREFIX: &str = "crash:";

/// Known failures: file name → reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    entries: BTreeMap<String, String>,
}

impl Expectations {
    /// Reads the file at `path`; a missing file lists nothing.
    pub fn load(path: &Path) -> std::io::Result<Expectations> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Expectations::parse(&text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Expectations::default()),
            Err(e) => Err(e),
        }
    }

    /// Parses the text of an expectations file.
    pub fn parse(text: &str) -> Expectations {
        let mut entries = BTreeMap::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, reason) = line.split_once('#').unwrap_or((line, ""));
            entries.insert(name.trim().to_string(), reason.trim().to_string());
        }
        Expectations { entries }
    }

    /// Whether `name` is listed as failing.
    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The reason given for `name`, if it is listed.
    pub fn reason(&self, name: &str) -> Option<&str> {
        self.entries.get(name).map(String::as_str)
    }

    /// How many files are listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file is listed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The listed files whose reason marks them as crashing the runner
    /// (starting with [`CRASH_PREFIX`]), with their reasons.
    pub fn crashers(&self) -> BTreeMap<String, String> {
        self.iter()
            .filter(|(_, reason)| reason.starts_with(CRASH_PREFIX))
            .map(|(name, reason)| (name.to_string(), reason.to_string()))
            .collect()
    }

    /// The listed files with their reasons, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(n, r)| (n.as_str(), r.as_str()))
    }

    /// The file's text, with a header saying what it is.
    pub fn render(&self, header: &str) -> String {
        let mut text = String::new();
        for line in header.lines() {
            text.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
        }
        text.push('\n');
        for (name, reason) in &self.entries {
            if reason.is_empty() {
                text.push_str(&format!("{name}\n"));
            } else {
                text.push_str(&format!("{name}  # {reason}\n"));
            }
        }
        text
    }

    /// The expectations after `results`: files run and failing are listed
    /// with a reason from this run's message (a crash note is kept), files
    /// run and not failing leave, files not run keep their entries.
    pub fn updated(&self, results: &[FileResult]) -> Expectations {
        let mut entries = self.entries.clone();
        for result in results {
            match &result.outcome {
                Outcome::Fail(message) => {
                    let crash = self
                        .entries
                        .get(&result.name)
                        .filter(|reason| reason.starts_with(CRASH_PREFIX));
                    let reason = crash.cloned().unwrap_or_else(|| reason_from(message));
                    entries.insert(result.name.clone(), reason);
                }
                Outcome::Pass | Outcome::Skip(_) => {
                    entries.remove(&result.name);
                }
            }
        }
        Expectations { entries }
    }
}

/// A one-line reason of at most [`MAX_REASON`] characters from a failure message.
fn reason_from(message: &str) -> String {
    let line = message.lines().next().unwrap_or("").trim();
    if line.chars().count() <= MAX_REASON {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX_REASON - 1).collect();
    format!("{cut}…")
}

/// How a run compares with the expectations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Files that failed and are not listed, with their messages.
    pub regressions: Vec<(String, String)>,
    /// Listed files that passed in this run.
    pub now_passing: Vec<String>,
}

impl CheckReport {
    /// Whether the run is acceptable: no unlisted failure.
    pub fn ok(&self) -> bool {
        self.regressions.is_empty()
    }
}

/// Compares `results` with `expected`. Skipped files and listed files that
/// were not run count neither way.
pub fn check(expected: &Expectations, results: &[FileResult]) -> CheckReport {
    let mut report = CheckReport::default();
    for result in results {
        match &result.outcome {
            Outcome::Fail(message) if !expected.contains(&result.name) => {
                report
                    .regressions
                    .push((result.name.clone(), message.clone()));
            }
            Outcome::Pass if expected.contains(&result.name) => {
                report.now_passing.push(result.name.clone())
            }
            _ => {}
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(name: &str, outcome: Outcome) -> FileResult {
        FileResult {
            name: name.into(),
            outcome,
        }
    }

    const TEXT: &str = "# known failures\n\ntest/a.js  # no regexp flags\n  test/b.js\n\
         test/c.js #x # y\ntest/f.js  # crash: stack overflow\n";

    #[test]
    fn parsing() {
        let e = Expectations::parse(TEXT);
        assert_eq!(e.len(), 4);
        assert_eq!(e.reason("test/a.js"), Some("no regexp flags"));
        assert_eq!(e.reason("test/b.js"), Some(""));
        assert_eq!(e.reason("test/c.js"), Some("x # y"));
        assert!(!e.contains("# known failures"));
        let crashers: Vec<_> = e.crashers().into_iter().collect();
        assert_eq!(
            crashers,
            [("test/f.js".to_string(), "crash: stack overflow".to_string())]
        );
    }

    #[test]
    fn checking() {
        let e = Expectations::parse(TEXT);
        let results = [
            result("test/a.js", Outcome::Fail("still".into())),
            result("test/b.js", Outcome::Pass),
            result("test/c.js", Outcome::Skip("feature".into())),
            result("test/d.js", Outcome::Fail("new".into())),
            result("test/e.js", Outcome::Pass),
        ];
        let report = check(&e, &results);
        assert_eq!(
            report.regressions,
            [("test/d.js".to_string(), "new".to_string())]
        );
        assert_eq!(report.now_passing, ["test/b.js"]);
        assert!(!report.ok());
        assert!(check(&e, &results[..3]).ok());
    }

    #[test]
    fn updating() {
        let e = Expectations::parse(TEXT);
        let long = "x".repeat(300);
        let results = [
            result("test/a.js", Outcome::Fail("other message".into())),
            result("test/b.js", Outcome::Pass),
            result("test/d.js", Outcome::Fail("first line\nsecond".into())),
            result("test/e.js", Outcome::Fail(long)),
            result("test/f.js", Outcome::Fail("not run".into())),
        ];
        let u = e.updated(&results);
        assert_eq!(u.reason("test/a.js"), Some("other message"));
        assert_eq!(u.reason("test/f.js"), Some("crash: stack overflow"));
        assert!(!u.contains("test/b.js"));
        assert_eq!(u.reason("test/c.js"), Some("x # y"));
        assert_eq!(u.reason("test/d.js"), Some("first line"));
        assert_eq!(
            u.reason("test/e.js").map(|r| r.chars().count()),
            Some(MAX_REASON)
        );
        let text = u.render("Known failures.\n\nRegenerate with --update-expectations.");
        assert!(text.starts_with("# Known failures.\n#\n# Regenerate"));
        assert_eq!(Expectations::parse(&text), u);
    }
}
