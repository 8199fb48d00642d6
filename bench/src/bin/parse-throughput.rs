//! `parse-throughput [RUNS] [--synthetic] [--size BYTES] [--parse-only]`:
//! builds the parser benchmark corpus, parses and lexes it RUNS times
//! (default 10) and prints the best and median throughput, in MB/s
//! (1 MB = 1,000,000 bytes). A quick alternative to the criterion benchmark;
//! run it in release mode:
//! `cargo run --release -p spindle-bench --bin parse-throughput`.
//! `--parse-only` skips the lexing runs (handy under `perf record`).

use bumpalo::Bump;
use spindle_bench::corpus::{
    default_test262_dir, synthetic_corpus, test262_corpus, DEFAULT_TARGET_BYTES,
};
use spindle_bench::lex_all;
use spindle_compiler::{parse, Goal};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Command-line options.
struct Options {
    /// How many times to parse (and lex) the corpus.
    runs: usize,
    /// Use the synthetic corpus instead of the test262 one.
    synthetic: bool,
    /// The corpus's target size in bytes.
    size: usize,
    /// Skip the lexing runs.
    parse_only: bool,
}

/// Parses the command line.
fn options() -> Result<Options, String> {
    let mut opts = Options {
        runs: 10,
        synthetic: false,
        size: DEFAULT_TARGET_BYTES,
        parse_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--synthetic" => opts.synthetic = true,
            "--parse-only" => opts.parse_only = true,
            "--size" => {
                let v = args.next().ok_or("--size needs a number of bytes")?;
                opts.size = v.parse().map_err(|_| format!("bad size {v:?}"))?;
            }
            "-h" | "--help" => {
                return Err(
                    "usage: parse-throughput [RUNS] [--synthetic] [--size BYTES] [--parse-only]"
                        .into(),
                );
            }
            _ => {
                opts.runs = arg
                    .parse()
                    .map_err(|_| format!("bad argument {arg:?} (try --help)"))?
            }
        }
    }
    opts.runs = opts.runs.max(1);
    Ok(opts)
}

/// Best and median of `times`, as MB/s for `bytes` bytes.
fn rates(bytes: usize, times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    let mb = bytes as f64 / 1e6;
    (
        mb / times[0].as_secs_f64(),
        mb / times[times.len() / 2].as_secs_f64(),
    )
}

fn main() -> ExitCode {
    let opts = match options() {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let dir = default_test262_dir();
    let started = Instant::now();
    let built = if opts.synthetic {
        synthetic_corpus(&dir, opts.size)
    } else {
        test262_corpus(&dir, opts.size)
    };
    let src = match built {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot build the corpus: {e}");
            return ExitCode::FAILURE;
        }
    };
    let kind = if opts.synthetic {
        "synthetic"
    } else {
        "test262"
    };
    let functions = src.matches("function __t262_").count();
    eprintln!(
        "{kind} corpus: {} bytes ({functions} wrapped test files), built in {:.1?}",
        src.len(),
        started.elapsed()
    );
    let mb = src.len() as f64 / 1e6;

    let mut parse_times = Vec::with_capacity(opts.runs);
    for _ in 0..opts.runs {
        let t = Instant::now();
        let arena = Bump::new();
        match parse(&arena, black_box(&src), Goal::Script) {
            Ok(parsed) => {
                black_box(&parsed.program);
            }
            Err(e) => {
                eprintln!("the corpus does not parse: {e:?}");
                return ExitCode::FAILURE;
            }
        }
        drop(arena);
        parse_times.push(t.elapsed());
    }
    let (best, median) = rates(src.len(), &mut parse_times);
    println!(
        "parse: {best:.1} MB/s best, {median:.1} MB/s median over {} runs of {mb:.1} MB",
        opts.runs
    );

    if opts.parse_only {
        return ExitCode::SUCCESS;
    }
    let mut lex_times = Vec::with_capacity(opts.runs);
    let mut tokens = 0;
    for _ in 0..opts.runs {
        let t = Instant::now();
        let arena = Bump::new();
        match lex_all(black_box(&src), &arena) {
            Ok(n) => tokens = n,
            Err(e) => {
                eprintln!("the corpus does not lex: {e:?}");
                return ExitCode::FAILURE;
            }
        }
        drop(arena);
        lex_times.push(t.elapsed());
    }
    let (best, median) = rates(src.len(), &mut lex_times);
    println!("lex:   {best:.1} MB/s best, {median:.1} MB/s median over {} runs of {mb:.1} MB ({tokens} tokens)", opts.runs);
    ExitCode::SUCCESS
}
