//! Destructuring assignment: a member-expression target is evaluated
//! before its value is fetched (§13.15.5.5-6), and a generator returned
//! while suspended inside a pattern closes the pattern's iterator once;
//! an iterator whose step threw (`next`, or its result's `done` or
//! `value`) is done and is not closed, while a throw from storing into a
//! target closes it.

use spindle_runtime::{RunError, Runtime};

fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "dstr.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

const LOGGING_ITERABLE: &str = "var log = [];
var iterable = { [Symbol.iterator]() { return { next() { log.push('next'); return { done: false, value: 1 }; }, return() { log.push('return'); return {}; } }; } };
var target = { get o() { log.push('target'); return {}; } };";

#[test]
fn targets_are_evaluated_before_values() {
    let element = format!("{LOGGING_ITERABLE} [target.o.x] = iterable; log.join()");
    assert_eq!(run(&element), "target,next,return");
    let rest = format!("{LOGGING_ITERABLE} var it = iterable[Symbol.iterator](); it.next = () => {{ log.push('next'); return {{ done: true }}; }}; [...target.o.x] = {{ [Symbol.iterator]: () => it }}; log.join()");
    assert_eq!(run(&rest), "target,next");
    assert_eq!(run("var log = []; var src = { get a() { log.push('get'); return 1; } }; ({ a: (log.push('ref'), {}).x } = src); log.join()"), "ref,get");
}

#[test]
fn generator_return_inside_a_pattern_closes_its_iterator() {
    let source = format!("{LOGGING_ITERABLE} function* g() {{ [{{}}[yield]] = iterable; }} var it = g(); it.next(); var r = it.return(7); log.join() + ':' + r.value + ':' + r.done");
    assert_eq!(run(&source), "return:7:true", "the target's yield comes before the first step");
    let null_return = "var calls = 0; var iterable = { [Symbol.iterator]() { return { next() { return { done: false }; }, return() { calls++; return null; } }; } };
        function* g() { [ {} = yield ] = iterable; } var it = g(); it.next(); var caught; try { it.return(); } catch (e) { caught = e.constructor.name; } caught + ':' + calls";
    assert_eq!(run(null_return), "TypeError:1");
}

/// `log` after destructuring `pattern` from an iterator whose step
/// `throwing` (`next`, `done` or `value`) throws on the first step.
fn after_throwing_step(pattern: &str, throwing: &str) -> String {
    let source = format!(
        "var log = [], x, y; var result = {{ get done() {{ if ('{throwing}' === 'done') throw 1; return false; }}, get value() {{ if ('{throwing}' === 'value') throw 1; return 5; }} }};
         var it = {{ next() {{ log.push('next'); if ('{throwing}' === 'next') throw 1; return result; }}, return() {{ log.push('return'); return {{}}; }} }};
         try {{ {pattern} = {{ [Symbol.iterator]: () => it }}; }} catch (e) {{ log.push('caught'); }} log.join()"
    );
    run(&source)
}

#[test]
fn a_step_that_throws_leaves_the_iterator_unclosed() {
    for throwing in ["next", "done", "value"] {
        for pattern in ["[x]", "[, ]", "[...x]", "[x, ...y]", "var [z]", "let [w]"] {
            assert_eq!(after_throwing_step(pattern, throwing), "next,caught", "{pattern} with {throwing} throwing");
        }
    }
    // A throw from storing into the target, after a step that succeeded, closes it.
    assert_eq!(after_throwing_step("[{}.__proto__.x.y]", "none"), "next,return,caught");
    assert_eq!(after_throwing_step("[{ set p(v) { throw 1; } }.p]", "none"), "next,return,caught");
    assert_eq!(after_throwing_step("[x]", "none"), "next,return", "a pattern that completes closes the iterator it did not exhaust");
}
