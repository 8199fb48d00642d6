//! Golden tests: every program in `../shared/seed-programs` (`*.js`,
//! `*.mjs`) runs through the `spindle` command line and its stdout must
//! equal its `.expected` file (what Node prints) byte for byte.
//!
//! The command line is this test binary itself: run with
//! `SPINDLE_GOLDEN_CLI=1` it is `spindle` (it calls
//! [`spindle_runtime::cli::main`]), so the programs run through exactly the
//! code of `target/<profile>/spindle` built from the same sources, in the
//! same profile, with nothing to build first. `SPINDLE_BIN=path` runs
//! another binary instead.
//!
//! Programs that cannot pass yet are listed in [`EXPECTED_TO_FAIL`] with
//! the reason; the test fails when an unlisted program fails (a
//! regression) and when a listed one passes (so the list only shrinks).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Programs that are known to fail, with the reason.
const EXPECTED_TO_FAIL: &[(&str, &str)] = &[];

/// The handler program run with `spindle invoke`, and its event.
const INVOKED: (&str, &str) = ("cloud_function_sum.js", r#"{"a":1,"b":2}"#);

/// How long one program may run (some wait on real timers for seconds).
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The environment variable that makes this binary act as `spindle`.
const CLI_MODE: &str = "SPINDLE_GOLDEN_CLI";

fn main() -> ExitCode {
    if std::env::var_os(CLI_MODE).is_some() {
        return spindle_runtime::cli::main();
    }
    match golden() {
        Ok(summary) => {
            println!("golden: {summary}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("golden tests failed:\n{problems}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every program and compares; `Err` lists every problem.
fn golden() -> Result<String, String> {
    let dir = seed_dir();
    let programs = programs(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut problems = Vec::new();
    for (listed, _) in EXPECTED_TO_FAIL {
        if !programs.iter().any(|p| file_name(p) == *listed) {
            problems.push(format!(
                "{listed} is listed in EXPECTED_TO_FAIL but is not in {}",
                dir.display()
            ));
        }
    }
    let verdicts: Vec<(String, Result<(), String>)> = thread::scope(|scope| {
        let handles: Vec<_> = programs
            .iter()
            .map(|path| scope.spawn(move || (file_name(path).to_string(), check_program(path))))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| ("?".into(), Err("checker thread panicked".into())))
            })
            .collect()
    });
    let (mut passed, mut known) = (0, 0);
    for (name, verdict) in verdicts {
        let listed = EXPECTED_TO_FAIL.iter().find(|(n, _)| *n == name);
        match (verdict, listed) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => problems.push(format!(
                "{name} now passes: remove it from EXPECTED_TO_FAIL in {}",
                file!()
            )),
            (Err(why), Some((_, reason))) => {
                known += 1;
                let first = why.lines().next().unwrap_or("");
                println!("known failure {name} ({reason}): {first}");
            }
            (Err(why), None) => problems.push(format!("{name} fails: {why}")),
        }
    }
    if problems.is_empty() {
        Ok(format!(
            "{passed} programs match their .expected output, {known} known to fail"
        ))
    } else {
        Err(problems.join("\n"))
    }
}

/// `../shared/seed-programs` from the workspace root.
fn seed_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.join("../../shared/seed-programs")
}

/// The programs in `dir`, sorted.
fn programs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs")
        ) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// The file name of `path` as text.
fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// Runs one program, once on real timers and once with `--virtual-time`,
/// and compares its stdout with its `.expected` file each time.
fn check_program(path: &Path) -> Result<(), String> {
    let expected_path = path.with_extension("expected");
    let expected = std::fs::read(&expected_path)
        .map_err(|e| format!("cannot read {}: {e}", expected_path.display()))?;
    for virtual_time in [false, true] {
        let mut args = arguments(path);
        if virtual_time {
            args.push("--virtual-time".into());
        }
        let run = run_spindle(&args)?;
        if run.stdout != expected {
            let clock = if virtual_time { "with --virtual-time" } else { "on real timers" };
            return Err(format!(
                "{clock}: {}\n--- stderr (last lines):\n{}",
                first_difference(&expected, &run.stdout),
                tail(&run.stderr, 5)
            ));
        }
    }
    Ok(())
}

/// The `spindle` arguments that run `path`.
fn arguments(path: &Path) -> Vec<String> {
    let file = path.display().to_string();
    if file_name(path) == INVOKED.0 {
        return vec![
            "invoke".into(),
            file,
            "--event".into(),
            INVOKED.1.to_string(),
        ];
    }
    if path.extension().is_some_and(|e| e == "mjs") {
        return vec!["run".into(), "--module".into(), file];
    }
    vec!["run".into(), file]
}

/// What a program wrote.
struct Run {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs `spindle args…` with a time limit and collects its output.
fn run_spindle(args: &[String]) -> Result<Run, String> {
    let mut command = match std::env::var_os("SPINDLE_BIN") {
        Some(bin) => Command::new(bin),
        None => {
            let me = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
            let mut command = Command::new(me);
            command.env(CLI_MODE, "1");
            command
        }
    };
    let mut child = command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start spindle: {e}"))?;
    let stdout = child.stdout.take().map(reader);
    let stderr = child.stderr.take().map(reader);
    let started = Instant::now();
    let timed_out = loop {
        match child.try_wait() {
            Ok(Some(_)) => break false,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                break true;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for spindle: {e}")),
        }
    };
    let collect =
        |h: Option<thread::JoinHandle<Vec<u8>>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
    let run = Run {
        stdout: collect(stdout),
        stderr: collect(stderr),
    };
    if timed_out {
        return Err(format!(
            "timed out after {} s; stderr:\n{}",
            TIME_LIMIT.as_secs(),
            tail(&run.stderr, 5)
        ));
    }
    Ok(run)
}

/// Reads `source` to its end on a thread of its own.
fn reader(mut source: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = source.read_to_end(&mut bytes);
        bytes
    })
}

/// Where `actual` first departs from `expected`, by line.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let mut want = expected.split_inclusive('\n');
    let mut got = actual.split_inclusive('\n');
    for line in 1.. {
        match (want.next(), got.next()) {
            (Some(w), Some(g)) if w == g => continue,
            (w, g) => {
                return format!(
                    "stdout differs at line {line}: expected {:?}, got {:?}",
                    w.unwrap_or("<end of output>"),
                    g.unwrap_or("<end of output>")
                )
            }
        }
    }
    String::from("stdout differs")
}

/// The last `n` lines of `bytes`.
fn tail(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
