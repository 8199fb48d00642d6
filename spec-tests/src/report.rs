//! Reporting a run: the table per directory (passed, failed, skipped,
//! percent), the closing `N passed, N failed, N skipped` line, the list of
//! failures with their messages, and the JSON file of every outcome.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::discovery::group_of;
use crate::outcome::{FileResult, Outcome};

/// Counts of outcomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Files that passed.
    pub passed: usize,
    /// Files that failed.
    pub failed: usize,
    /// Files that were skipped.
    pub skipped: usize,
}

impl Tally {
    /// Counts `outcome`.
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Pass => self.passed += 1,
            Outcome::Fail(_) => self.failed += 1,
            Outcome::Skip(_) => self.skipped += 1,
        }
    }

    /// The tally of all `results`.
    pub fn of(results: &[FileResult]) -> Tally {
        let mut tally = Tally::default();
        for result in results {
            tally.add(&result.outcome);
        }
        tally
    }

    /// Passed as a percentage of the files run (not skipped), if any ran.
    pub fn percent(&self) -> Option<f64> {
        let run = self.passed + self.failed;
        (run > 0).then(|| 100.0 * self.passed as f64 / run as f64)
    }

    /// `N passed, N failed, N skipped`.
    pub fn summary_line(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }
}

/// The tally of each directory two levels below `test/`.
pub fn tally_by_group(results: &[FileResult]) -> BTreeMap<String, Tally> {
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    for result in results {
        groups
            .entry(group_of(&result.name))
            .or_default()
            .add(&result.outcome);
    }
    groups
}

/// The table of tallies per directory.
pub fn render_table(results: &[FileResult]) -> String {
    let groups = tally_by_group(results);
    let width = groups
        .keys()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max("directory".len());
    let mut text = format!(
        "{:<width$}  {:>7}  {:>7}  {:>7}  {:>7}\n",
        "directory", "passed", "failed", "skipped", "percent"
    );
    for (group, tally) in &groups {
        let percent = tally
            .percent()
            .map_or_else(|| "-".to_string(), |p| format!("{p:.1}%"));
        text.push_str(&format!(
            "{group:<width$}  {:>7}  {:>7}  {:>7}  {percent:>7}\n",
            tally.passed, tally.failed, tally.skipped
        ));
    }
    text
}

/// Every failure with its message, one file per line.
pub fn render_failures(results: &[FileResult]) -> String {
    let mut text = String::new();
    for result in results {
        if let Outcome::Fail(message) = &result.outcome {
            text.push_str(&format!(
                "FAIL {}: {}\n",
                result.name,
                message.replace('\n', "\n    ")
            ));
        }
    }
    text
}

/// The JSON report: `{ name: { "outcome": …, "message": … } }`, keys sorted.
pub fn to_json(results: &[FileResult]) -> Value {
    let mut map = Map::new();
    for result in results {
        let entry =
            json!({ "outcome": result.outcome.label(), "message": result.outcome.message() });
        map.insert(result.name.clone(), entry);
    }
    Value::Object(map)
}

/// Writes the JSON report to `path`.
pub fn write_json(path: &Path, results: &[FileResult]) -> std::io::Result<()> {
    let mut text =
        serde_json::to_string_pretty(&to_json(results)).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results() -> Vec<FileResult> {
        let r = |name: &str, outcome| FileResult {
            name: name.into(),
            outcome,
        };
        vec![
            r(
                "test/built-ins/Promise/all/b.js",
                Outcome::Fail("why".into()),
            ),
            r("test/built-ins/Promise/a.js", Outcome::Pass),
            r(
                "test/language/expressions/x.js",
                Outcome::Skip("feature".into()),
            ),
        ]
    }

    #[test]
    fn tallies_and_table() {
        let results = results();
        assert_eq!(
            Tally::of(&results).summary_line(),
            "1 passed, 1 failed, 1 skipped"
        );
        let table = render_table(&results);
        let lines: Vec<_> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].starts_with("built-ins/Promise") && lines[1].ends_with("50.0%"),
            "{table}"
        );
        assert!(
            lines[2].starts_with("language/expressions") && lines[2].ends_with('-'),
            "{table}"
        );
    }

    #[test]
    fn json_sorted() {
        let text = serde_json::to_string(&to_json(&results())).unwrap();
        assert!(
            text.starts_with(r#"{"test/built-ins/Promise/a.js":{"message":"","outcome":"pass"}"#),
            "{text}"
        );
        assert!(text
            .contains(r#""test/built-ins/Promise/all/b.js":{"message":"why","outcome":"fail"}"#));
    }

    #[test]
    fn failures() {
        assert_eq!(
            render_failures(&results()),
            "FAIL test/built-ins/Promise/all/b.js: why\n"
        );
    }
}
