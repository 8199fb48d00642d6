//! Front-end throughput: parsing (`parse`, with scope analysis) and lexing
//! (`lex`) of the test262 corpus and the synthetic application corpus (see
//! `spindle_bench::corpus`). Criterion reports the throughput in MiB/s.
//!
//! Run with `cargo bench -p spindle-bench --bench parse`. Set
//! `SPINDLE_TEST262` to use another test262 checkout.

use bumpalo::Bump;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use spindle_bench::corpus::{
    default_test262_dir, synthetic_corpus, test262_corpus, DEFAULT_TARGET_BYTES,
};
use spindle_bench::lex_all;
use spindle_compiler::{parse, Goal};
use std::hint::black_box;

/// The corpora: (name, text).
fn corpora() -> Vec<(&'static str, String)> {
    let dir = default_test262_dir();
    let test262 = test262_corpus(&dir, DEFAULT_TARGET_BYTES).expect("building the test262 corpus");
    let synthetic =
        synthetic_corpus(&dir, DEFAULT_TARGET_BYTES).expect("building the synthetic corpus");
    vec![("test262", test262), ("synthetic", synthetic)]
}

/// `parse` and `lex` of each corpus.
fn front_end(c: &mut Criterion) {
    let corpora = corpora();
    let mut group = c.benchmark_group("front-end");
    group.sample_size(10);
    for (name, src) in &corpora {
        group.throughput(Throughput::Bytes(src.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", name), src.as_str(), |b, src| {
            b.iter(|| {
                let arena = Bump::new();
                let parsed =
                    parse(&arena, black_box(src), Goal::Script).expect("the corpus parses");
                black_box(&parsed.program);
            })
        });
        group.bench_with_input(BenchmarkId::new("lex", name), src.as_str(), |b, src| {
            b.iter(|| {
                let arena = Bump::new();
                black_box(lex_all(black_box(src), &arena).expect("the corpus lexes"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, front_end);
criterion_main!(benches);
