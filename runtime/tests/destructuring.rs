//! Destructuring assignment: a member-expression target is evaluated
//! before its value is fetched (§13.15.5.5-6), and a generator returned
//! while suspended inside a pattern closes the pattern's iterator once.

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
