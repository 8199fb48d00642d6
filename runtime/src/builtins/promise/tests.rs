//! Tests of `Promise`, run as JavaScript: each script pushes to `log`,
//! and the test reads `log.join(" ")` once the microtask queue is empty.

use crate::Runtime;

/// Runs `src` (then drains the microtasks) and returns `log.join(" ")`.
fn logged(src: &str) -> String {
    let mut rt = Runtime::new();
    let full = format!("var log = []; {src}");
    if let Err(e) = rt.eval(&full, "test.js") {
        return match e {
            crate::RunError::Exception(v) => format!("throws: {}", rt.display(v)),
            crate::RunError::Syntax(s) => format!("syntax: {s}"),
        };
    }
    match rt.eval("log.join(' ')", "read.js") {
        Ok(v) => rt.display(v),
        Err(_) => "error reading log".to_string(),
    }
}

fn check(src: &str, expected: &str) {
    assert_eq!(logged(src), expected, "{src}");
}

#[test]
fn properties() {
    check(
        "for (const k of ['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try', 'withResolvers']) \
         log.push(k + Promise[k].length);",
        "all1 allSettled1 any1 race1 reject1 resolve1 try1 withResolvers0",
    );
    check(
        "const d = Object.getOwnPropertyDescriptor(Promise, Symbol.species); \
         log.push(d.get.name, d.set, d.configurable, Promise[Symbol.species] === Promise)",
        "get [Symbol.species]  true true",
    );
    check(
        "log.push(Promise.prototype.then.length, Promise.prototype.finally.length, Promise.prototype[Symbol.toStringTag])",
        "2 1 Promise",
    );
}

#[test]
fn then_order_and_chaining() {
    check(
        "Promise.resolve(1).then(v => { log.push('a' + v); return v + 1 }).then(v => log.push('b' + v)); \
         Promise.resolve().then(() => log.push('c')); log.push('sync')",
        "sync a1 c b2",
    );
    check("Promise.reject(new Error('x')).catch(e => log.push(e.message))", "x");
}

#[test]
fn finally_passes_values_through() {
    check(
        "Promise.resolve(3).finally(() => { log.push('f'); return 9 }).then(v => log.push(v)); \
         Promise.reject(4).finally(() => log.push('g')).catch(e => log.push('e' + e)); \
         Promise.resolve(1).finally(() => { throw 7 }).catch(e => log.push('t' + e))",
        "f g t7 3 e4",
    );
}

#[test]
fn combinators() {
    check("Promise.all([1, Promise.resolve(2), 3]).then(v => log.push(v.join()))", "1,2,3");
    check("Promise.all([]).then(v => log.push('empty', v.length))", "empty 0");
    check("Promise.all([1, Promise.reject('no')]).catch(e => log.push(e))", "no");
    check(
        "Promise.allSettled([1, Promise.reject(2)]).then(r => log.push(r.map(x => x.status + ':' + (x.value ?? x.reason)).join()))",
        "fulfilled:1,rejected:2",
    );
    check(
        "Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => log.push(e.constructor.name, e.errors.join(), e.message))",
        "AggregateError 1,2 All promises were rejected",
    );
    check("Promise.any([Promise.reject(1), 5]).then(v => log.push(v))", "5");
    check("Promise.race([new Promise(() => {}), Promise.resolve('r')]).then(v => log.push(v))", "r");
    check("Promise.all(5).catch(e => log.push(e.constructor.name))", "TypeError");
}

#[test]
fn subclassing_and_species() {
    check(
        "class P extends Promise {} const p = P.resolve(1); const is = x => Object.getPrototypeOf(x) === P.prototype; \
         log.push(is(p), is(p.then(x => x)), is(P.all([])), is(p.finally(() => {})))",
        "true true true true",
    );
    check(
        "class P extends Promise { static get [Symbol.species]() { return Promise } } \
         log.push(Object.getPrototypeOf(new P(r => r()).then()) === P.prototype)",
        "false",
    );
    check(
        "function NotPromise(ex) { ex(() => log.push('res'), () => {}) } \
         Promise.resolve.call(NotPromise, 1)",
        "res",
    );
    check("try { Promise.resolve.call(function(ex) { ex(1, 2) }) } catch (e) { log.push(e.constructor.name) }", "TypeError");
}

#[test]
fn with_resolvers_and_try() {
    check("const { promise, resolve } = Promise.withResolvers(); promise.then(v => log.push(v)); resolve('w')", "w");
    check(
        "Promise.try((a, b) => a + b, 1, 2).then(v => log.push(v)); \
         Promise.try(() => { throw 'e' }).catch(e => log.push(e))",
        "3 e",
    );
}

#[test]
fn thenable_takes_two_ticks() {
    check(
        "const t = { then(r) { log.push('then'); r('t') } }; \
         Promise.resolve(t).then(v => log.push(v)); Promise.resolve().then(() => log.push('a')).then(() => log.push('b'))",
        "then a t b",
    );
}

#[test]
fn all_without_derived_promises_still_does_every_observable_step() {
    // The combinators skip the promise `then` would derive for %Promise%;
    // the Gets of `then` and `constructor` still happen, in order.
    check(
        "const p = Promise.resolve(1); \
         Object.defineProperty(p, 'then', { get() { log.push('then'); return Promise.prototype.then; } }); \
         Object.defineProperty(p, 'constructor', { get() { log.push('ctor'); return Promise; } }); \
         Promise.all([p, 2]).then((v) => log.push(v.join(',')));",
        "ctor then ctor 1,2",
    );
    // A species other than %Promise% still gets its derived promise made.
    check(
        "class Q extends Promise { constructor(e) { log.push('Q'); super(e); } } \
         const p = Promise.resolve(1); p.constructor = Q; \
         Promise.all([p]).then((v) => log.push(v[0]));",
        "Q 1",
    );
}

#[test]
fn all_over_an_array_steps_its_iterator_directly() {
    // Stepping the array iterator without result objects keeps its
    // semantics: holes read through the prototype, length read each step.
    check(
        "Array.prototype[1] = 'proto'; const a = [1, , 3]; \
         Promise.all(a).then((v) => { log.push(v.join(',')); delete Array.prototype[1]; });",
        "1,proto,3",
    );
}

#[test]
fn combinators_settle_through_element_reactions() {
    check(
        "Promise.allSettled([Promise.resolve(1), Promise.reject(2), 3]).then((r) => \
           log.push(r.map((x) => x.status + ':' + (x.value ?? x.reason)).join(','))); \
         Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => log.push(e.constructor.name, e.errors.join(','))); \
         Promise.all([Promise.resolve(1), Promise.reject('no')]).catch((e) => log.push(e));",
        "fulfilled:1,rejected:2,fulfilled:3 AggregateError 1,2 no",
    );
}
