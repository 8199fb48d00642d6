//! Tests of the event loop: scripts push to `log`; the test runs the loop
//! (virtual time unless said otherwise) and reads `log.join(" ")`.

use super::{EventLoop, LoopOptions, Stop, UnhandledRejections};
use crate::Runtime;

/// Runs `src` and the loop; returns the log and how the loop ended.
fn run_with(src: &str, options: LoopOptions) -> (String, Result<(), Stop>) {
    let mut rt = Runtime::new();
    let mut el = EventLoop::new(options);
    el.attach(&mut rt);
    let full = format!("var log = []; {src}");
    if let Err(e) = rt.eval(&full, "test.js") {
        return (format!("script failed: {e:?}"), Ok(()));
    }
    let end = el.checkpoint(&mut rt).and_then(|()| el.run(&mut rt));
    let log = match rt.eval("log.join(' ')", "read.js") {
        Ok(v) => rt.display(v),
        Err(e) => format!("read failed: {e:?}"),
    };
    (log, end)
}

fn virtual_options() -> LoopOptions {
    LoopOptions { virtual_time: true, ..LoopOptions::default() }
}

fn check(src: &str, expected: &str) {
    let (log, end) = run_with(src, virtual_options());
    assert!(end.is_ok(), "{src}: {end:?}");
    assert_eq!(log, expected, "{src}");
}

#[test]
fn timers_by_due_time_then_creation_with_microtasks_between() {
    check(
        "setTimeout(() => { log.push('a'); Promise.resolve().then(() => log.push('a-micro')) }, 10); \
         setTimeout(() => log.push('b'), 10); \
         setTimeout(() => log.push('c'), 5); \
         Promise.resolve().then(() => log.push('micro')); log.push('sync')",
        "sync micro c a a-micro b",
    );
}

#[test]
fn zero_and_bad_delays_are_one_millisecond() {
    check(
        "setTimeout(() => log.push('x'), 1); setTimeout(() => log.push('nan'), 'abc'); \
         setTimeout(() => log.push('zero'), 0); setTimeout(() => log.push('neg'), -5); setTimeout(() => log.push('two'), 2)",
        "x nan zero neg two",
    );
}

#[test]
fn arguments_and_clearing() {
    check(
        "const t = setTimeout(() => log.push('cleared'), 5); clearTimeout(t); \
         setTimeout((a, b) => log.push(a + b), 5, 'x', 'y'); clearTimeout(undefined); clearTimeout({})",
        "xy",
    );
}

#[test]
fn intervals_repeat_until_cleared() {
    check(
        "let n = 0; const i = setInterval(() => { log.push('i' + (++n)); if (n === 3) clearInterval(i) }, 10); \
         setTimeout(() => log.push('t25'), 25)",
        "i1 i2 t25 i3",
    );
}

/// Under virtual time the clock stands still while immediates are
/// pending (Node, in real time, may run `t2` before or after `i3`).
#[test]
fn immediates_run_after_due_timers_and_in_turns() {
    check(
        "setTimeout(() => { log.push('t'); setImmediate(() => { log.push('i2'); setImmediate(() => log.push('i3')) }); \
           setTimeout(() => log.push('t2'), 0) }, 5); \
         const c = setImmediate(() => log.push('never')); clearImmediate(c)",
        "t i2 i3 t2",
    );
}

#[test]
fn virtual_clock_drives_date_now() {
    check(
        "const t0 = Date.now(); setTimeout(() => log.push(Date.now() - t0), 2000); \
         setTimeout(() => setTimeout(() => log.push(Date.now() - t0), 1500), 1000)",
        "2000 2500",
    );
}

#[test]
fn queue_microtask_is_fifo_with_promise_jobs() {
    check(
        "queueMicrotask(() => log.push('m1')); Promise.resolve().then(() => log.push('p')); \
         queueMicrotask(() => { log.push('m2'); queueMicrotask(() => log.push('m3')) })",
        "m1 p m2 m3",
    );
    let (log, _) = run_with("try { queueMicrotask(5) } catch (e) { log.push(e.code) }", virtual_options());
    assert_eq!(log, "ERR_INVALID_ARG_TYPE");
}

#[test]
fn real_time_sleeps() {
    let start = std::time::Instant::now();
    let (log, end) = run_with("setTimeout(() => log.push('late'), 30); log.push('now')", LoopOptions::default());
    assert!(end.is_ok());
    assert_eq!(log, "now late");
    assert!(start.elapsed() >= std::time::Duration::from_millis(30));
}

#[test]
fn unhandled_rejection_stops_the_loop() {
    let src = "Promise.reject(new Error('boom')); setTimeout(() => log.push('timer'), 5)";
    let (log, end) = run_with(src, LoopOptions { virtual_time: true, ..LoopOptions::default() });
    assert!(matches!(end, Err(Stop::UnhandledRejection)));
    assert_eq!(log, "");
    let warn = LoopOptions { virtual_time: true, unhandled_rejections: UnhandledRejections::None, ..LoopOptions::default() };
    let (log, end) = run_with(src, warn);
    assert!(end.is_ok());
    assert_eq!(log, "timer");
}

#[test]
fn rejections_handled_within_the_checkpoint_are_not_reported() {
    check(
        "const p = Promise.reject(1); Promise.resolve().then(() => p.catch(e => log.push('caught ' + e))); \
         (async () => { try { await Promise.reject(2) } catch (e) { log.push('async ' + e) } })()",
        "async 2 caught 1",
    );
}

#[test]
fn exceptions_in_callbacks_stop_the_loop() {
    let (log, end) = run_with("setTimeout(() => { throw 7 }, 1); setTimeout(() => log.push('after'), 2)", virtual_options());
    assert!(matches!(end, Err(Stop::Exception(_))));
    assert_eq!(log, "");
}

#[test]
fn pending_timer_values_survive_collection() {
    let mut rt = Runtime::new();
    let mut el = EventLoop::new(virtual_options());
    el.attach(&mut rt);
    let src = "var log = []; (function () { const o = { v: 'kept' }; \
               setTimeout(x => log.push(o.v + x.w), 10, { w: '!' }); })(); \
               for (let i = 0; i < 1000; i++) ({ i });";
    assert!(rt.eval(src, "gc.js").is_ok());
    rt.vm.collect_garbage();
    assert!(el.checkpoint(&mut rt).and_then(|()| el.run(&mut rt)).is_ok());
    let v = rt.eval("log.join()", "read.js").ok();
    let text = v.map(|v| rt.display(v));
    assert_eq!(text.as_deref(), Some("kept!"));
}
