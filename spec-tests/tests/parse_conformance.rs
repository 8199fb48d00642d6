//! Parse-only conformance: the syntax checker must judge at least 99% of
//! the in-scope (not skipped) files of test262's `test/language` and
//! `test/built-ins` right — rejecting exactly the files whose `negative`
//! phase is `parse`.

use spindle_spec_tests::engine::EngineKind;
use spindle_spec_tests::outcome::Outcome;
use spindle_spec_tests::report::Tally;
use spindle_spec_tests::suite::{self, Config};

/// The share of in-scope files that must be judged right.
const TARGET_PERCENT: f64 = 99.0;

#[test]
fn parse_conformance() {
    let config = Config {
        engine: EngineKind::Parse,
        ..Config::new()
    };
    let results = match suite::run(&config) {
        Ok(results) => results,
        Err(e) => panic!("cannot run test262 from {}: {e}", config.test262.display()),
    };
    let tally = Tally::of(&results);
    let in_scope = tally.passed + tally.failed;
    assert!(
        in_scope > 0,
        "no in-scope test262 files under {}",
        config.test262.display()
    );
    let percent = tally.percent().unwrap_or(0.0);
    println!(
        "parse conformance: {}/{in_scope} = {percent:.1}%",
        tally.passed
    );
    println!("{}", tally.summary_line());
    for result in results.iter().filter(|r| r.outcome.is_fail()).take(20) {
        if let Outcome::Fail(message) = &result.outcome {
            println!("  FAIL {}: {message}", result.name);
        }
    }
    assert!(
        percent >= TARGET_PERCENT,
        "parse conformance {percent:.1}% is below the {TARGET_PERCENT}% target ({} files judged wrong)",
        tally.failed
    );
}
