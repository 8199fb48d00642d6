//! Formal parameters (FunctionDeclarationInstantiation): a non-simple
//! parameter list initialises its bindings left to right, each in its TDZ
//! until then, so a default that reads a later parameter (or its own)
//! throws a ReferenceError; earlier ones and closures called later see the
//! values.

use spindle_runtime::{RunError, Runtime};

/// The completion value of `source` as text, or the thrown error's description.
fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "params.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn a_default_reading_a_later_parameter_throws() {
    assert!(run("function f(x = y, y) {} f()").contains("ReferenceError: Cannot access 'y' before initialization"));
    assert!(run("(function (x = x) {})()").contains("ReferenceError"));
    assert!(run("((a = b, b) => 0)(1)") == "0", "a passed argument skips the default");
}

#[test]
fn captured_parameters_have_the_same_tdz() {
    assert!(run("function f(x = y, y) { return () => y; } f()").contains("ReferenceError"));
    assert_eq!(run("function h(a = () => b, b = 2) { return a(); } h()"), "2");
}

#[test]
fn earlier_parameters_are_visible() {
    assert_eq!(run("function g(a, b = a + 1, [c] = [b]) { return [a, b, c].join(); } g(1)"), "1,2,2");
    assert_eq!(run("function* g(a, b = a) { yield b; } g(3).next().value"), "3");
}

#[test]
fn async_functions_reject_instead_of_throwing() {
    let mut rt = Runtime::new();
    let source = "var out = 'pending'; (async function (x = y, y) { out = 'body ran'; })().catch(e => { out = e.constructor.name; }); out";
    let v = rt.eval(source, "async.js").expect("no synchronous throw");
    assert_eq!(rt.display(v), "pending");
    let v = rt.eval("out", "after.js").expect("out");
    assert_eq!(rt.display(v), "ReferenceError");
}

#[test]
fn parameter_expressions_do_not_see_the_body_declarations() {
    let source = "var x = 'outside'; var p, b; function f(_ = p = () => x) { var x = 'inside'; b = () => x; } f(); p() + ':' + b()";
    assert_eq!(run(source), "outside:inside");
    assert_eq!(run("function f(a, g = () => a) { var a; return [a, g()].join(); } f(1)"), "1,1", "a body var named like a parameter starts with its value");
    assert_eq!(run("var y = 'global'; function k(a = () => y) { let y = 2; return a(); } k()"), "global");
}
