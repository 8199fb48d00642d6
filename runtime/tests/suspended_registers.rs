//! A suspended coroutine keeps only the registers live across its
//! suspension points (and `this` only when code after one reads it): every
//! value the code reads after resuming survives, whatever reads it (call
//! argument ranges, an iterator's `next`, a catch or finally block, the
//! next loop iteration, `super`, direct eval), and a function too large to
//! analyse keeps every register in use.

use spindle_runtime::{RunError, Runtime};

/// The value of `out` after `source` ran and the job queue drained.
fn out(source: &str) -> String {
    let mut rt = Runtime::new();
    if let Err(RunError::Exception(e)) = rt.eval(source, "suspended.js") {
        return rt.describe_exception(e);
    }
    match rt.eval("out", "out.js") {
        Ok(v) => rt.display(v),
        Err(e) => format!("{e:?}"),
    }
}

#[test]
fn values_read_after_an_await_survive_it() {
    let call = "var out; function f(...a) { return a.join(); } (async () => { const k = 1; out = f(k, 2, await 3, k); })();";
    assert_eq!(out(call), "1,2,3,1");
    let object = "var out; (async () => { const o = { a: 1, ...(await { b: 2 }), c: 3 }; out = JSON.stringify(o); })();";
    assert_eq!(out(object), r#"{"a":1,"b":2,"c":3}"#);
    let each = "var out = ''; (async () => { for (const x of [1, 2, 3]) { await 0; out += x; } })();";
    assert_eq!(out(each), "123");
    let looped = "var out; (async () => { let s = 0; for (let i = 0; i < 5; i++) s += await i; out = s; })();";
    assert_eq!(out(looped), "10");
}

#[test]
fn handlers_see_what_they_read() {
    let caught = "var out; (async () => { let x = 'before'; try { x = 'set'; await Promise.reject(1); x = 'after'; } catch (e) { out = x + e; } })();";
    assert_eq!(out(caught), "set1");
    let finally = "var out; (async () => { const k = 'k'; try { await 0; return; } finally { out = k; } })();";
    assert_eq!(out(finally), "k");
    let thrown_in = "var out; function* g() { const v = 'v'; try { yield 1; } catch (e) { out = v + e; } } const it = g(); it.next(); it.throw('e');";
    assert_eq!(out(thrown_in), "ve");
}

#[test]
fn this_super_and_eval_after_resuming() {
    let source = "var out; class A { m() { return 'A'; } }\n\
                  class B extends A { async f() { await 0; return this.v + super.m() + eval('this.v'); } }\n\
                  const b = new B(); b.v = 1; b.f().then((r) => { out = r; });";
    assert_eq!(out(source), "1A1");
    let generator = "var out; function* g() { yield 0; yield this.w; } out = [...g.call({ w: 5 })].join();";
    assert_eq!(out(generator), "0,5");
    // A super reference made before the suspension: its this, key and base.
    let reference = "var out = []; class A { set p(v) { out.push(v + this.tag); } }\n\
                     class B extends A { constructor() { super(); this.tag = 'b'; } async m(k) { super[k] = await 5; } *g() { super.p = yield 1; } }\n\
                     new B().m('p'); const it = new B().g(); it.next(); it.next(9);";
    assert_eq!(out(reference), "[ '9b', '5b' ]");
}

#[test]
fn a_function_too_large_to_analyse_keeps_its_registers() {
    let names: Vec<String> = (0..3000).map(|i| format!("v{i}")).collect();
    let decls: Vec<String> = names.iter().enumerate().map(|(i, n)| format!("{n} = {i}")).collect();
    let source = format!("var out; (async () => {{ let {}; await 0; out = {}; }})();", decls.join(", "), names.join(" + "));
    assert_eq!(out(&source), (0..3000).sum::<u32>().to_string());
}
