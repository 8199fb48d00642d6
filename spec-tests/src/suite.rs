//! A whole run: where things are (workspace root, test262 checkout,
//! expectations files), the run's configuration, and running every
//! selected file on the worker pool with a progress bar.

use std::collections::BTreeMap;
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::discovery::{discover, TestFile, DEFAULT_PREFIXES};
use crate::engine::EngineKind;
use crate::file::FileRunner;
use crate::harness::Harness;
use crate::outcome::{FileResult, Outcome};
use crate::pool::{self, PoolConfig};
use crate::scope::ExcludedFeatures;

/// The default per-test time limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The workspace root: the parent of this crate's directory as it was at
/// compile time, or the current directory if that is gone.
pub fn workspace_root() -> PathBuf {
    let compiled = Path::new(env!("CARGO_MANIFEST_DIR"));
    match compiled.parent() {
        Some(root) if root.join("Cargo.toml").is_file() => root.to_path_buf(),
        _ => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    }
}

/// The test262 checkout used when none is given: `../shared/test262` from
/// the workspace root.
pub fn default_test262_dir() -> PathBuf {
    workspace_root().join("../shared/test262")
}

/// The expectations file of `engine` in `spec-tests/expectations/`.
pub fn default_expectations_file(engine: EngineKind) -> PathBuf {
    workspace_root()
        .join("spec-tests/expectations")
        .join(engine.expectations_file())
}

/// What to run and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// The test262 checkout.
    pub test262: PathBuf,
    /// Directories or files to run, relative to the checkout.
    pub prefixes: Vec<String>,
    /// The engine to judge files with.
    pub engine: EngineKind,
    /// Worker threads.
    pub jobs: usize,
    /// Time limit per file.
    pub timeout: Duration,
    /// Whether to show a progress bar (only ever on a terminal).
    pub progress: bool,
    /// Files not to run, each with the reason (the expectations' crash
    /// notes): they fail with `not run: <reason>`.
    pub not_run: BTreeMap<String, String>,
    /// Collect garbage at every safe point of every test (run engine only).
    pub gc_stress: bool,
}

impl Config {
    /// Runs the default prefixes of the default checkout with the best
    /// engine on every core, without a progress bar.
    pub fn new() -> Config {
        Config {
            test262: default_test262_dir(),
            prefixes: DEFAULT_PREFIXES.iter().map(|p| p.to_string()).collect(),
            engine: EngineKind::best_available(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            timeout: DEFAULT_TIMEOUT,
            progress: false,
            not_run: BTreeMap::new(),
            gc_stress: false,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::new()
    }
}

/// Why a run could not start.
#[derive(Debug)]
pub struct SuiteError(pub String);

impl fmt::Display for SuiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SuiteError {}

/// Runs every selected file and returns the results sorted by name.
pub fn run(config: &Config) -> Result<Vec<FileResult>, SuiteError> {
    let root = &config.test262;
    if !root.join("test").is_dir() {
        return Err(SuiteError(format!(
            "no test262 checkout at {}",
            root.display()
        )));
    }
    let files = discover(root, &config.prefixes).map_err(|e| SuiteError(e.to_string()))?;
    let excluded_path = root.join("EXCLUDED_FEATURES");
    let excluded = ExcludedFeatures::load(&excluded_path)
        .map_err(|e| SuiteError(format!("{}: {e}", excluded_path.display())))?;
    let runner = FileRunner {
        engine: config.engine.create(config.gc_stress),
        harness: Harness::new(root.join("harness")),
        excluded,
    };
    run_files(files, runner, config)
}

/// Runs `files` with `runner` on the pool.
fn run_files(
    files: Vec<TestFile>,
    runner: FileRunner,
    config: &Config,
) -> Result<Vec<FileResult>, SuiteError> {
    let files = Arc::new(files);
    let bar = progress_bar(files.len(), config.progress);
    let mut failed = 0usize;
    let work_files = Arc::clone(&files);
    let not_run = config.not_run.clone();
    let work = move |i: usize, interrupt: &_| match work_files.get(i) {
        Some(file) => match not_run.get(&file.name) {
            Some(reason) => Outcome::Fail(format!("not run: {reason}")),
            None => runner.run(file, interrupt),
        },
        None => Outcome::Fail("no such job".into()),
    };
    let pool_config = PoolConfig {
        jobs: config.jobs,
        timeout: config.timeout,
    };
    let outcomes = pool::run(files.len(), pool_config, work, |_, outcome| {
        failed += usize::from(outcome.is_fail());
        bar.set_message(format!("{failed} failed"));
        bar.inc(1);
    })
    .map_err(|e| SuiteError(format!("cannot start worker threads: {e}")))?;
    bar.finish_and_clear();
    let results = files
        .iter()
        .zip(outcomes)
        .map(|(file, outcome)| FileResult {
            name: file.name.clone(),
            outcome,
        });
    Ok(results.collect())
}

/// A progress bar for `len` files, hidden unless wanted and stdout is a terminal.
fn progress_bar(len: usize, wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stdout());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} eta {eta} {msg}")
    {
        bar.set_style(style);
    }
    bar
}
