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

/// The time this thread has spent on a CPU, from Linux's
/// `/proc/thread-self/schedstat`; `None` elsewhere. On a busy machine the
/// wall-clock rate understates the parser's speed, the on-CPU rate does not.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall-clock and on-CPU times of each run of one stage.
#[derive(Default)]
struct Timings {
    /// Wall-clock time of each run.
    wall: Vec<Duration>,
    /// On-CPU time of each run, if the platform tells.
    cpu: Vec<Duration>,
}

impl Timings {
    /// Times one run of `f`.
    fn run<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let cpu = thread_cpu_time();
        let wall = Instant::now();
        let result = f();
        self.wall.push(wall.elapsed());
        if let (Some(before), Some(after)) = (cpu, thread_cpu_time()) {
            self.cpu.push(after.saturating_sub(before));
        }
        result
    }

    /// Prints `stage: best, median over N runs of M MB`, plus the on-CPU
    /// rates when the wall-clock ones are more than 10% lower.
    fn report(&mut self, stage: &str, bytes: usize, extra: &str) {
        let mb = bytes as f64 / 1e6;
        let (best, median) = rates(mb, &mut self.wall);
        let runs = self.wall.len();
        println!("{stage:<6} {best:.1} MB/s best, {median:.1} MB/s median over {runs} runs of {mb:.1} MB{extra}");
        if self.cpu.len() == runs {
            let (cpu_best, cpu_median) = rates(mb, &mut self.cpu);
            if cpu_median > median * 1.1 {
                println!(
                    "       (machine busy: on-CPU time gives {cpu_best:.1} MB/s best, {cpu_median:.1} MB/s median)"
                );
            }
        }
    }
}

/// Best and median of `times`, as MB/s for `mb` megabytes.
fn rates(mb: f64, times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    let rate = |d: Duration| mb / d.as_secs_f64().max(1e-9);
    (rate(times[0]), rate(times[times.len() / 2]))
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

    let mut parsing = Timings::default();
    let mut arena_bytes = 0;
    for _ in 0..opts.runs {
        let parsed = parsing.run(|| {
            let arena = Bump::new();
            let result = parse(&arena, black_box(&src), Goal::Script).map(|parsed| {
                black_box(&parsed.program);
            });
            arena_bytes = arena.allocated_bytes();
            result
        });
        if let Err(e) = parsed {
            eprintln!("the corpus does not parse: {e:?}");
            return ExitCode::FAILURE;
        }
    }
    let arena_mb = arena_bytes as f64 / 1e6;
    parsing.report(
        "parse:",
        src.len(),
        &format!(" (AST arena {arena_mb:.0} MB)"),
    );

    if opts.parse_only {
        return ExitCode::SUCCESS;
    }
    let mut lexing = Timings::default();
    let mut tokens = 0;
    for _ in 0..opts.runs {
        match lexing.run(|| lex_all(black_box(&src), &Bump::new())) {
            Ok(n) => tokens = n,
            Err(e) => {
                eprintln!("the corpus does not lex: {e:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    lexing.report("lex:", src.len(), &format!(" ({tokens} tokens)"));
    ExitCode::SUCCESS
}
