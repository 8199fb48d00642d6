//! The interrupt flag (`Vm::interrupt_handle`): another thread stops
//! runaway code at its next loop iteration or call, and no `catch`,
//! `finally` or later job keeps it going; and every loop back edge is a
//! safe point, so a `do … while` loop that makes garbage collects it.

use spindle_runtime::{RunError, Runtime};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Runs `source` with the interrupt raised after 50 ms; the thrown message.
fn interrupted(source: &str) -> String {
    let mut rt = Runtime::new();
    let flag = rt.vm.interrupt_handle();
    let raiser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        flag.store(true, Ordering::Relaxed);
    });
    let result = rt.eval(source, "runaway.js");
    raiser.join().expect("raiser thread");
    match result {
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        other => panic!("not interrupted: {other:?}"),
    }
}

#[test]
fn loops_stop() {
    for source in ["for (;;) {}", "while (true) {}", "do {} while (true);", "for (const x of (function* () { for (;;) yield 1; })()) {}"] {
        assert!(interrupted(source).contains("Execution interrupted"), "{source}");
    }
}

#[test]
fn catch_and_finally_do_not_resume_the_code() {
    let source = "for (;;) { try { for (;;) {} } catch (e) {} finally { continue; } }";
    assert!(interrupted(source).contains("Execution interrupted"));
}

#[test]
fn recursion_through_natives_stops() {
    let source = "function f() { [1].forEach(() => {}); return f(); } for (;;) { try { f(); } catch (e) {} }";
    assert!(interrupted(source).contains("Execution interrupted"));
}

#[test]
fn endless_microtasks_stop() {
    let source = "function again() { queueMicrotask(again); } again();";
    assert!(interrupted(source).contains("Execution interrupted"));
}

#[test]
fn the_vm_runs_again_after_clear_interrupt() {
    let mut rt = Runtime::new();
    rt.vm.interrupt_handle().store(true, Ordering::Relaxed);
    assert!(rt.eval("for (let i = 0; i < 10; i++) {}", "a.js").is_err());
    rt.vm.clear_interrupt();
    let v = rt.eval("let s = 0; for (let i = 0; i < 10; i++) s += i; s", "b.js").expect("runs");
    assert_eq!(rt.display(v), "45");
}

#[test]
fn do_while_loops_collect_garbage() {
    let mut rt = Runtime::new();
    rt.eval("let i = 0; do { ({ i }); } while (++i < 300000);", "garbage.js").expect("runs");
    let stats = rt.vm.heap.stats();
    assert!(stats.collections > 0 && stats.objects_live < 100_000, "{stats:?}");
}
