//! # spindle-spec-tests
//!
//! Spindle's test262 conformance runner, as a library (so integration tests
//! can call it) behind the `spindle-test262` command. It owns:
//!
//! - [`frontmatter`]: reading `includes`, `flags`, `features`, `negative`;
//! - [`discovery`]: finding test files under path prefixes;
//! - [`scope`]: the excluded features, whose tests are skipped;
//! - [`modes`]: sloppy / strict / module, and the source each mode runs;
//! - [`harness`]: the harness files a test needs;
//! - [`engine`]: the [`Engine`](engine::Engine) trait and the parse-only engine;
//! - [`run_engine`], [`script`] and [`host`]: the run engine, evaluating each
//!   test in a fresh runtime with test262's `print` and `$262`;
//! - [`verdict`]: judging a completion (negative tests, async tests);
//! - [`file`]: one file through all its modes;
//! - [`pool`] and [`panics`]: parallel workers with time limits and panic isolation;
//! - [`suite`]: a whole run; [`report`]: tables, summary line and JSON;
//! - [`expectations`]: the list of known failures and `--check`.
//!
//! ```no_run
//! use spindle_spec_tests::{engine::EngineKind, report::Tally, suite};
//!
//! let config = suite::Config { engine: EngineKind::Run, ..suite::Config::new() };
//! let results = suite::run(&config).expect("a test262 checkout");
//! println!("{}", Tally::of(&results).summary_line());
//! ```

pub mod discovery;
pub mod engine;
pub mod expectations;
pub mod file;
pub mod frontmatter;
pub mod harness;
pub mod host;
pub mod modes;
pub mod outcome;
pub mod panics;
pub mod pool;
pub mod report;
pub mod run_engine;
pub mod scope;
pub mod script;
pub mod suite;
pub mod verdict;
