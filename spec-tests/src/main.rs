//! `spindle-test262`: runs test262 in-process on every core, prints a table
//! per directory and the line `N passed, N failed, N skipped`, and with
//! `--check` compares the failures with the expectations file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use spindle_spec_tests::engine::EngineKind;
use spindle_spec_tests::expectations::{check, CheckReport, Expectations};
use spindle_spec_tests::outcome::FileResult;
use spindle_spec_tests::report::{render_failures, render_table, write_json, Tally};
use spindle_spec_tests::suite::{self, Config};

/// Runs test262 against Spindle.
#[derive(Parser, Debug)]
#[command(name = "spindle-test262", version)]
struct Cli {
    /// The test262 checkout [default: ../shared/test262 from the workspace root].
    #[arg(long, value_name = "DIR")]
    test262: Option<PathBuf>,
    /// Write every file's outcome to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Fail (exit 1) if a file not in the expectations file fails; list
    /// listed files that now pass.
    #[arg(long)]
    check: bool,
    /// Only parse (test262's phase `parse`); no harness, no evaluation
    /// [default: run each test in a fresh runtime].
    #[arg(long)]
    parse_only: bool,
    /// The expectations file [default: spec-tests/expectations/<mode>.txt].
    #[arg(long, value_name = "FILE")]
    expectations: Option<PathBuf>,
    /// Rewrite the expectations file from this run.
    #[arg(long)]
    update_expectations: bool,
    /// Also run the files the expectations file marks as crashing the
    /// runner (reason `crash: …`), which are otherwise not run.
    #[arg(long)]
    run_crashers: bool,
    /// Worker threads [default: number of cores].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<usize>,
    /// Time limit per test file, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    timeout: f64,
    /// Collect garbage at every safe point of every test (slow; finds
    /// values the collector misses). Judged by the same expectations file.
    #[arg(long)]
    gc_stress: bool,
    /// Print every failure with its message.
    #[arg(short, long)]
    verbose: bool,
    /// Directories or files to run, relative to the checkout
    /// [default: test/language test/built-ins].
    #[arg(value_name = "PATH-PREFIX")]
    prefixes: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("spindle-test262: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the suite as `cli` asks and reports; `Err` for a run that could not happen.
fn run(cli: &Cli) -> Result<ExitCode, String> {
    let config = config_from(cli)?;
    let results = suite::run(&config).map_err(|e| e.to_string())?;
    if cli.verbose {
        print!("{}", render_failures(&results));
    }
    print!("{}", render_table(&results));
    if let Some(path) = &cli.json {
        write_json(path, &results).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut ok = true;
    if cli.check || cli.update_expectations {
        ok = handle_expectations(cli, config.engine, &results)?;
    }
    println!("{}", Tally::of(&results).summary_line());
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The run's configuration from the command line.
fn config_from(cli: &Cli) -> Result<Config, String> {
    let mut config = Config::new();
    config.engine = if cli.parse_only {
        EngineKind::Parse
    } else {
        EngineKind::best_available()
    };
    if let Some(dir) = &cli.test262 {
        config.test262 = dir.clone();
    }
    if !cli.prefixes.is_empty() {
        config.prefixes = cli.prefixes.clone();
    }
    if let Some(jobs) = cli.jobs {
        config.jobs = jobs.max(1);
    }
    if !(cli.timeout.is_finite() && cli.timeout > 0.0) {
        return Err(format!(
            "--timeout must be a positive number of seconds, not {}",
            cli.timeout
        ));
    }
    config.timeout = Duration::from_secs_f64(cli.timeout);
    config.progress = true;
    config.gc_stress = cli.gc_stress;
    if !cli.run_crashers {
        let path = expectations_path(cli, config.engine);
        let expected = Expectations::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        config.not_run = expected.crashers();
    }
    Ok(config)
}

/// The expectations file of this run: `--expectations` or the engine's own.
fn expectations_path(cli: &Cli, engine: EngineKind) -> PathBuf {
    cli.expectations
        .clone()
        .unwrap_or_else(|| suite::default_expectations_file(engine))
}

/// `--check` and `--update-expectations`; returns whether the check passed.
fn handle_expectations(
    cli: &Cli,
    engine: EngineKind,
    results: &[FileResult],
) -> Result<bool, String> {
    let path = expectations_path(cli, engine);
    let expected = Expectations::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut ok = true;
    if cli.check {
        let report = check(&expected, results);
        print_check(&report, &path);
        ok = report.ok();
    }
    if cli.update_expectations {
        let updated = expected.updated(results);
        std::fs::write(&path, updated.render(&header(engine)))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "wrote {} ({} known failures)",
            path.display(),
            updated.len()
        );
    }
    Ok(ok)
}

/// Prints the regressions and the listed files that now pass.
fn print_check(report: &CheckReport, path: &std::path::Path) {
    for name in &report.now_passing {
        println!("now passing (remove from {}): {name}", path.display());
    }
    for (name, message) in &report.regressions {
        println!("REGRESSION {name}: {message}");
    }
    if report.ok() {
        println!(
            "check: no regressions ({} listed files now pass)",
            report.now_passing.len()
        );
    } else {
        println!(
            "check: {} regressions (files failing that {} does not list)",
            report.regressions.len(),
            path.display()
        );
    }
}

/// The comment at the top of a rewritten expectations file.
fn header(engine: EngineKind) -> String {
    let flag = if engine.is_parse_only() {
        " --parse-only"
    } else {
        ""
    };
    format!(
        "test262 files known to fail in spindle-test262{flag}, each with a short reason.\n\
         Format: `test/path/file.js  # reason`; blank lines and `#` lines are ignored.\n\
         `spindle-test262{flag} --check` fails on any failure not listed here.\n\
         A reason starting `crash:` marks a file that takes the runner down: it is not run\n\
         (`--run-crashers` runs it) and its note is kept when the file is regenerated.\n\
         Regenerate with `spindle-test262{flag} --update-expectations`."
    )
}
