//! Built-ins that call a function for each element (map, filter, forEach,
//! every, some, reduce, find, sort's comparator, Array.from's mapper) call
//! it through a prepared callback (`Vm::callback`); each call must still be
//! exactly Call(F, thisArg, args): the `this` binding of every kind of
//! function, the arguments, exceptions, other realms, built-ins, bound
//! functions and proxies as callbacks, and the call-depth limit.

use spindle_runtime::{RunError, Runtime};
use spindle_vm::{PropertyKey, Value};

fn run_in(rt: &mut Runtime, source: &str) -> String {
    match rt.eval(source, "callbacks.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

fn run(source: &str) -> String {
    run_in(&mut Runtime::new(), source)
}

#[test]
fn this_is_bound_per_function_kind() {
    // Sloppy: undefined becomes the global object, a primitive is boxed
    // anew by every call; strict: as given; arrow: lexical.
    assert_eq!(run("[1].map(function () { return this === globalThis; })[0]"), "true");
    assert_eq!(run("var seen = []; [1, 2].forEach(function () { seen.push(this); }, 7); [typeof seen[0], seen[0] == 7, seen[0] !== seen[1]].join()"), "object,true,true");
    assert_eq!(run("[1].map(function () { 'use strict'; return this; }, 7)[0]"), "7");
    assert_eq!(run("[1].map(function () { 'use strict'; return this; })[0]"), "undefined");
    assert_eq!(run("var o = { f() { return [1].map(() => this)[0]; } }; o.f() === o"), "true");
    assert_eq!(run("var t = {}; [1].filter(function () { return this === t; }, t).length"), "1");
    assert_eq!(run("[1].map(function () { return this; }, null)[0] === globalThis"), "true");
}

#[test]
fn arguments_are_value_index_and_object() {
    assert_eq!(run("var a = [5, 6]; a.map(function (v, i, o) { return [v, i, o === a, arguments.length].join(':'); }).join()"), "5:0:true:3,6:1:true:3");
    assert_eq!(run("[1, 2, 3].reduce(function (p, x, i, o) { return p + x * i + arguments.length; }, 0)"), "20");
    assert_eq!(run("[3, 1, 2].sort(function (a, b) { return arguments.length === 2 ? a - b : NaN; }).join()"), "1,2,3");
    assert_eq!(run("Array.from({ length: 3 }, function (v, i) { return i * this.k; }, { k: 2 }).join()"), "0,2,4");
    assert_eq!(run("Array.from(new Set([4, 5]), (v, i) => v + i).join()"), "4,6");
    assert_eq!(run("[4, 5, 6].find((v, i) => i === 1)"), "5");
}

#[test]
fn callbacks_that_are_not_plain_closures() {
    assert_eq!(run("['1', '2'].map(Number).join()"), "1,2");
    assert_eq!(run("var f = function (x) { return this.k + x; }.bind({ k: 10 }); [1, 2].map(f).join()"), "11,12");
    assert_eq!(run("var p = new Proxy(function (x) { return x * 3; }, {}); [1, 2].map(p).join()"), "3,6");
    assert_eq!(run("function* g() {} typeof [1].map(g)[0].next"), "function");
    assert_eq!(run("async function f(x) { return x; } [1].map(f)[0] instanceof Promise"), "true");
    assert!(run("class C {} [1].map(C)").contains("TypeError"), "a class constructor called without new throws");
    assert!(run("[1].map(class {}, {})").contains("TypeError"));
}

#[test]
fn exceptions_and_depth() {
    assert_eq!(run("var n = 0; try { [1, 2, 3].forEach(x => { n++; if (x === 2) throw new Error('stop'); }); } catch (e) { n + e.message }"), "2stop");
    assert_eq!(run("function deep(n) { return n === 0 ? 0 : [n].map(x => deep(x - 1))[0] + 1; } deep(200)"), "200");
    assert!(run("function deep() { return [1].map(deep); } deep()").contains("RangeError"), "unbounded recursion through map is a RangeError");
}

#[test]
fn a_callback_of_another_realm_runs_in_its_realm() {
    let mut rt = Runtime::new();
    let other = rt.create_realm();
    let f = rt.eval_in(other, "(function () { return [this === globalThis, Array]; })", "other.js").unwrap();
    let global = rt.vm.realm.global;
    let key = PropertyKey::Atom(rt.vm.heap.intern_str("otherF"));
    rt.vm.set(global, key, f, Value::Object(global)).unwrap();
    // A sloppy function of the other realm binds that realm's global.
    assert_eq!(run_in(&mut rt, "var r = [1].map(otherF)[0]; [r[0], r[1] === Array].join()"), "true,false");
    assert_eq!(run_in(&mut rt, "[1, 2].filter(otherF).length"), "2");
}
