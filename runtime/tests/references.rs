//! References (§6.2.5): an identifier inside `with` is resolved once,
//! before the right-hand side of its assignment runs; a computed member
//! key is converted after the base is checked, once; `delete` of an
//! identifier reaches `with` objects; class constructors are callable
//! objects (`typeof` is "function") whose [[Call]] throws; a super
//! reference (§13.3.7.1) reads `this` first, then its key, then the super
//! base, then converts the key once, and arrows see the `super`, `this`
//! and `new.target` of the code around them (an arrow in a derived
//! constructor may call `super()`, binding the constructor's `this`, and so
//! may its direct eval code); a script whose global declarations cannot
//! all be made makes none of them; a parenthesized optional chain called
//! keeps its base as `this`; the names a `for (let/const
//! ... of/in ...)` head declares are in their TDZ while its right side runs.

use spindle_runtime::{RunError, Runtime};

fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "references.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn with_binding_is_resolved_before_the_value() {
    assert_eq!(run("var x = 0; var scope = { x: 1 }; with (scope) { x = (delete scope.x, 2); } scope.x + ':' + x"), "2:0");
    assert_eq!(run("var x = 0; var scope = {}; with (scope) { x = (scope.x = 2, 1); } scope.x + ':' + x"), "2:1");
    let getter_deletes = "var x = 0; var scope = { get x() { delete this.x; return 2; } }; with (scope) { x ^= 3; } scope.x + ':' + x";
    assert_eq!(run(getter_deletes), "1:0");
    assert_eq!(run("var x = 0; var scope = { get x() { delete this.x; return 2; } }; with (scope) { x++; } scope.x + ':' + x"), "3:0");
}

#[test]
fn vanished_with_binding_in_strict_code() {
    let source = "var env = { binding: 0, get [Symbol.unscopables]() { delete env.binding; return null; } }; var r;
        with (env) { try { (function () { 'use strict'; binding; })(); r = 'no error'; } catch (e) { r = e.constructor.name; } } r";
    assert_eq!(run(source), "ReferenceError");
}

#[test]
fn computed_key_conversion_order() {
    let simple = "var log = []; var key = { toString() { log.push('key'); return 'k'; } }; var o = {}; o[key] = (log.push('value'), 1); log.join()";
    assert_eq!(run(simple), "value,key");
    let compound = "var log = []; var key = { toString() { log.push('key'); return 'k'; } }; var o = { k: 1 }; o[key] += (log.push('value'), 1); log.join() + ':' + o.k";
    assert_eq!(run(compound), "key,value:2");
    let null_base = "var base = null; var key = { toString() { throw new Error('key converted'); } }; var r; try { base[key] ^= 1; } catch (e) { r = e.constructor.name; } r";
    assert_eq!(run(null_base), "TypeError");
}

#[test]
fn delete_reaches_with_objects() {
    assert_eq!(run("this.p = 1; var o = { p: 2 }; var d; with (o) { d = delete p; } d + ':' + ('p' in o) + ':' + p"), "true:false:1");
    assert_eq!(run("var v = 1; delete v"), "false");
    assert_eq!(run("g = 1; (delete g) + ':' + typeof g"), "true:undefined");
}

#[test]
fn class_constructors_are_callable_objects() {
    assert_eq!(run("class C {} typeof C + ':' + typeof class {}"), "function:function");
    assert_eq!(run("class C {} var r; try { C(); } catch (e) { r = e.constructor.name; } r"), "TypeError");
}

#[test]
fn statement_completion_values() {
    assert_eq!(run("eval('1; if (true) {}')"), "undefined");
    assert_eq!(run("eval('1; var x = 5;')"), "1");
    assert_eq!(run("eval('1; do { 2; break; } while (false)')"), "2");
    assert_eq!(run("eval('6; switch (\"a\") { case \"a\": 7; case \"b\": break; default: }')"), "7");
    assert_eq!(run("eval('6; try { throw null; } catch (err) { 7; } finally { 8; }')"), "7");
    assert_eq!(run("eval('1; with ({}) {}')"), "undefined");
    // A finally block that breaks or continues gives its own value (from undefined).
    assert_eq!(run("eval('do { 1; try { 2 } finally { 3; break; } } while (false)')"), "3");
    assert_eq!(run("eval('do { try { 2 } finally { break; } } while (false)')"), "undefined");
    assert_eq!(run("eval('1; try { 2 } finally { l: { 3; break l; } }')"), "2");
    assert_eq!(run("eval('for (var i = 0; i < 2; i++) { try { i } finally { if (i) continue; 9 } }')"), "undefined");
}

#[test]
fn sloppy_eval_var_may_not_hoist_over_a_lexical_binding() {
    let caught = |body: &str| format!("var r = 'none'; try {{ {body} }} catch (e) {{ r = e.constructor.name; }} r");
    assert_eq!(run(&caught("(function () { let x; eval('var x;'); })();")), "SyntaxError");
    assert_eq!(run(&caught("(function () { { const y = 1; eval('function y() {}'); } })();")), "SyntaxError");
    assert_eq!(run(&caught("(function (a = eval('var a = 1')) {})();")), "SyntaxError");
    assert_eq!(run(&caught("(function (p = eval('var arguments')) {})();")), "SyntaxError");
    assert_eq!(run(&caught("(function () { let x; eval('\"use strict\"; var x;'); })();")), "none");
    assert_eq!(run(&caught("(function () { try { throw 1; } catch (e) { eval('var e;'); } })();")), "none");
}

#[test]
fn super_references_evaluate_in_order() {
    let key = "var log = []; var key = { toString() { log.push('key'); Object.setPrototypeOf(obj, other); return 'p'; } };\n\
               var other = { p: -10, set p(v) { log.push('other'); } };";
    // The base is taken before the key converts, and the key converts once.
    let compound = format!("{key} var obj = {{ __proto__: {{ p: 1 }}, m() {{ return super[key] += 1; }} }}; [obj.m(), log.join()].join()");
    assert_eq!(run(&compound), "2,key");
    let put = format!("{key} var seen; var obj = {{ __proto__: {{ set p(v) {{ seen = v; }} }}, m() {{ super[key] = 7; }} }}; obj.m(); [seen, log.join()].join()");
    assert_eq!(run(&put), "7,key");
    // A null base throws before the key converts.
    let null_base = format!("{key} var obj = {{ m() {{ super[key]; }} }}; Object.setPrototypeOf(obj, null); try {{ obj.m(); }} catch (e) {{ log.push(e.constructor.name); }} log.join()");
    assert_eq!(run(&null_base), "TypeError");
    // `this` before super() is a ReferenceError, before the key is evaluated.
    assert_eq!(run("class B {} class D extends B { constructor() { try { super[(() => { throw 1; })()]; } catch (e) { this_error = e; } super(); } } var this_error; new D(); this_error.constructor.name"), "ReferenceError");
}

#[test]
fn arrows_see_the_enclosing_super_this_and_new_target() {
    assert_eq!(run("class A { get g() { return this.t; } } class B extends A { constructor() { super(); this.t = 'b'; } m() { return (() => (() => super.g)())(); } } new B().m()"), "b");
    assert_eq!(run("class A {} A.prototype.x = 'a'; class B extends A {} class C extends B { m() { return [1].map(() => super.x)[0]; } } C.prototype.m()"), "a");
    assert_eq!(run("var o = { __proto__: { v: 2 }, m() { var f = () => { super.v = 5; return this.v; }; return f(); } }; o.m()"), "5");
    assert_eq!(run("class F { x = () => super.constructor === Object; } new F().x()"), "true");
    assert_eq!(run("function F() { return (() => (() => new.target)())(); } [F() === undefined, new F() === F].join()"), "true,true");
    assert_eq!(run("class A { constructor() { this.nt = (() => new.target)(); } } class B extends A {} new B().nt === B"), "true");
    assert!(run("class A { m() { function f() { return eval('super.x'); } return f(); } } new A().m()").contains("SyntaxError"), "super stays a syntax error in a nested plain function");
}

#[test]
fn a_lexical_for_head_is_in_its_tdz_while_the_right_side_runs() {
    assert_eq!(run("let x = 1; try { for (let x of [x]) {} } catch (e) { e.constructor.name }"), "ReferenceError");
    assert_eq!(run("let x = 1; try { for (const x in { x }) {} } catch (e) { e.constructor.name }"), "ReferenceError");
    assert_eq!(run("let x = 1; var r = []; for (let y of [x, x + 1]) r.push(y); r.join()"), "1,2");
}

#[test]
fn parenthesized_update_targets() {
    assert_eq!(run("var y = 1; (y)++; ((y))++; --(((y))); y"), "2");
    assert_eq!(run("var o = { p: 1 }; ((o.p))++; ((o)).p++; o.p"), "3");
}

#[test]
fn super_calls_from_arrows_bind_the_constructors_this() {
    let base = "class B { constructor(x) { this.b = x; } }";
    let run_with = |body: &str| run(&format!("{base} {body}"));
    assert_eq!(run_with("class D extends B { constructor() { const f = () => super(7); f(); this.d = 1; } } var d = new D(); [d.b, d.d].join()"), "7,1");
    assert_eq!(run_with("class E extends B { constructor() { (() => super(1))(); try { super(2); } catch (e) { this.e = e.constructor.name; } } } var e = new E(); [e.b, e.e].join()"), "1,ReferenceError");
    assert_eq!(run_with("class F extends B { constructor() { try { this.x = 1; } catch (e) { var before = e.constructor.name; } const g = () => { super(3); return this; }; const same = g() === this; this.same = same; this.before = before; } } var f = new F(); [f.b, f.same, f.before].join()"), "3,true,ReferenceError");
    assert_eq!(run_with("class G extends B { x = 5; constructor() { (() => () => super(4))()(); } } var g = new G(); [g.b, g.x].join()"), "4,5");
    assert!(run_with("class H extends B { constructor() { const f = () => super(); } } new H()").contains("ReferenceError"), "returning without super() is a ReferenceError");
    assert_eq!(run_with("class I extends B { constructor() { const f = () => super(); return { o: 1 }; } } new I().o"), "1");
    assert_eq!(run_with("class J extends B { constructor() { for (const x of [1]) { let y = x; (() => super(y))(); return undefined; } } } new J().b"), "1");
    assert!(run_with("class K extends B { constructor() { (() => super())(); return 1; } } new K()").contains("TypeError"));
    assert_eq!(run_with("class L extends B { constructor(a = (() => super(9))()) { this.seen = this.b; } } new L().seen"), "9");
    assert_eq!(run_with("class M extends B { constructor() { try { (() => super(2))(); return; } finally { this.f = 1; } } } var m = new M(); [m.b, m.f].join()"), "2,1");
}

#[test]
fn super_calls_from_direct_eval_bind_the_constructors_this() {
    let base = "class B { constructor() { this.b = 1; } }";
    let run_with = |body: &str| run(&format!("{base} {body}"));
    assert_eq!(run_with("class D extends B { constructor() { eval('super()'); this.d = 2; } } var d = new D(); [d.b, d.d].join()"), "1,2");
    assert_eq!(run_with("class E extends B { constructor() { eval('super(); this.e = 3'); this.d = this.e + 1; } } new E().d"), "4");
    assert_eq!(run_with("class F extends B { constructor() { const f = () => eval('super()'); f(); this.f = 1; } } var f = new F(); [f.b, f.f].join()"), "1,1");
    assert_eq!(run_with("class G extends B { constructor() { eval('super()'); try { eval('super()'); } catch (e) { this.e = e.constructor.name; } } } new G().e"), "ReferenceError");
    assert_eq!(run_with("class H extends B { constructor() { try { eval('this'); } catch (e) { var before = e.constructor.name; } super(); this.seen = [before, eval('this.b')].join(); } } new H().seen"), "ReferenceError,1");
    assert!(run("class C { constructor() { eval('super()'); } } new C()").contains("SyntaxError"), "only a derived constructor's eval may call super()");
}

/// Runs `first`, then `second` as a separate script of the same runtime
/// (the error it throws, if any), then `probe`.
fn two_scripts(first: &str, second: &str, probe: &str) -> String {
    let mut rt = Runtime::new();
    rt.eval(first, "first.js").expect("the first script runs");
    let error = match rt.eval(second, "second.js") {
        Ok(_) => "ok".to_string(),
        Err(RunError::Exception(e)) => rt.describe_exception(e).lines().next().unwrap_or_default().to_string(),
        Err(other) => panic!("{other:?}"),
    };
    let probed = match rt.eval(probe, "probe.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e).lines().next().unwrap_or_default().to_string(),
        Err(other) => panic!("{other:?}"),
    };
    format!("{error} | {probed}")
}

#[test]
fn a_script_whose_declarations_fail_declares_nothing() {
    let result = two_scripts("let taken;", "var x; function f() {} let taken;", "[typeof x, typeof f].join()");
    assert!(result.starts_with("Uncaught SyntaxError") && result.ends_with("| undefined,undefined"), "{result}");
    let result = two_scripts("Object.defineProperty(globalThis, 'fixed', { value: 1 });", "var y; let fixed;", "typeof y");
    assert!(result.starts_with("Uncaught SyntaxError") && result.ends_with("| undefined"), "{result}");
    let result = two_scripts("Object.preventExtensions(globalThis);", "var ran = true; var z;", "typeof ran");
    assert!(result.starts_with("Uncaught TypeError") && result.ends_with("| undefined"), "{result}");
    assert_eq!(two_scripts("var a = 1;", "let b = a + 1;", "b"), "ok | 2");
}

#[test]
fn a_parenthesized_optional_chain_keeps_its_this_when_called() {
    assert_eq!(run("const a = { b() { return this._b; }, _b: { c: 42 } }; [(a?.b)().c, (a?.b)?.().c, (a.b)?.().c].join()"), "42,42,42");
    assert_eq!(run("const o = { p: { q() { return this === o.p; } } }; (o?.p.q)()"), "true");
    assert_eq!(run("let n = null; try { (n?.b)(); } catch (e) { [e.constructor.name, n].join() }"), "TypeError,");
}
