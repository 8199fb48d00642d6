//! Cost checks for async generators, through the heap's allocation
//! statistics (never timings), as `await_cost.rs` does for async
//! functions: an `await` inside an async generator allocates nothing, a
//! step of `for await` over an async generator allocates only what the
//! specification makes (the request's promise and the iterator result
//! object), and a long loop runs in constant memory.

use spindle_runtime::Runtime;

/// Bytes allocated on the heap while `setup` then `run(n)` execute.
fn bytes_for(setup: &str, n: u32) -> u64 {
    let mut rt = Runtime::new();
    rt.eval(setup, "setup.js").expect("setup runs");
    let before = rt.vm.heap.stats().bytes_allocated_total;
    rt.eval(&format!("run({n});"), "run.js").expect("run runs");
    rt.vm.heap.stats().bytes_allocated_total - before
}

/// Bytes one extra iteration of `setup`'s `run` allocates.
fn bytes_per_iteration(setup: &str) -> f64 {
    let (small, large) = (1_000, 21_000);
    let a = bytes_for(setup, small);
    let b = bytes_for(setup, large);
    (b.saturating_sub(a)) as f64 / f64::from(large - small)
}

#[test]
fn await_inside_an_async_generator_allocates_nothing() {
    let setup = "const p = Promise.resolve(1);\n\
                 async function* g(n) { let s = 0; for (let i = 0; i < n; i++) s += await i + await p; yield s; }\n\
                 function run(n) { g(n).next(); }";
    assert_eq!(bytes_per_iteration(setup), 0.0);
}

#[test]
fn a_for_await_step_costs_the_request_promise_and_the_result() {
    // One step: next() makes the request's promise, the yield settles it
    // with a new iterator result; compare with making exactly those two
    // objects per iteration of a plain async loop.
    let stepping = "async function* g(n) { for (let i = 0; i < n; i++) yield i; }\n\
                    async function run(n) { let s = 0; for await (const v of g(n)) s += v; return s; }";
    let making = "async function run(n) { let s = 0; for (let i = 0; i < n; i++) { \
                    const p = Promise.resolve({ value: i, done: false }); s += (await p).value; } return s; }";
    let step = bytes_per_iteration(stepping);
    let floor = bytes_per_iteration(making);
    assert!(step <= floor, "a for-await step allocated {step} bytes, a promise and an iterator result {floor}");
}

#[test]
fn a_long_for_await_loop_runs_in_constant_memory() {
    let mut rt = Runtime::new();
    rt.eval(
        "async function* g(n) { for (let i = 0; i < n; i++) yield { i }; }\n\
         async function run(n) { for await (const v of g(n)); }",
        "setup.js",
    )
    .expect("setup runs");
    rt.eval("run(200000);", "run.js").expect("run runs");
    let stats = rt.vm.heap.stats();
    assert!(stats.collections > 0, "200,000 steps should have triggered a collection");
    assert!(stats.objects_live < 50_000, "garbage piles up: {} objects live", stats.objects_live);
}
