//! The code generator's shortcuts keep the language's semantics:
//! instructions with a literal integer operand (`AddI`, `RemI`,
//! `JumpIfNotLtI`, ...) convert the other operand exactly as the general
//! ones do, and an assignment computed straight into a variable's register
//! still reads every operand first and leaves the variable alone on a throw;
//! an object literal's named properties, defined through the instruction's
//! inline cache, are defined exactly as CreateDataProperty defines them;
//! `o[k] = v` read from registers evaluates its operands in order; and the
//! dense-element fast paths of `GetElem`/`SetElem` keep every exotic and
//! inherited behaviour.

use spindle_runtime::{RunError, Runtime};

fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "shortcuts.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn immediate_operands_convert_like_registers() {
    assert_eq!(run("function f(x) { return [x + 1, x - 1, x * 3, x % 4].join(); } f('7')"), "71,6,21,3");
    assert_eq!(run("var o = { valueOf() { return 10; } }; [o + 1, o % 3, o * 2].join()"), "11,1,20");
    assert_eq!(run("function f(n) { return 1n + n; } String(f(2n))"), "3");
    assert!(run("2n * 3").contains("TypeError"), "mixing BigInt and Number throws");
    assert_eq!(run("(-7) % 2 === -1 && Object.is(-4 % 2, -0)"), "true");
    assert_eq!(run("var c = 0; for (var s = '1'; s < 3; s++) c++; c"), "2", "'1' < 3 compares numerically");
    assert_eq!(run("var n = 0; var o = { valueOf() { n++; return 1; } }; if (o >= 1) n += 10; n"), "11");
}

#[test]
fn in_place_assignment_reads_before_it_writes() {
    assert_eq!(run("function f() { let s = 2; s = s * s + s; return s; } f()"), "6");
    assert_eq!(run("function f() { let x = 1; x = [x, x].length + x; return x; } f()"), "3");
    assert_eq!(run("function f() { let a = 5; a += 2; a -= 1; a %= 4; return a; } f()"), "2");
    assert_eq!(run("function f() { let t = 'a'; t += 1; return t; } f()"), "a1");
    assert_eq!(run("function g(v) { return v + 1; } function f() { let x = 1; x = g(x); x = g(x) * g(x); return x; } f()"), "9");
    assert!(run("function f() { let x = x + 1; } f()").contains("ReferenceError"), "the TDZ holds");
    let keeps = "function f() { let x = 1; try { x = x + 1n; } catch (e) {} return x; } f()";
    assert_eq!(run(keeps), "1", "a throwing right side leaves the variable unchanged");
}

#[test]
fn object_literals_defined_through_the_inline_cache_are_exact() {
    // Repeated literals (cache hits) get every property, in order.
    let src = "function mk(i) { return { a: i, b: i + 1, c: 'x' }; } \
               var xs = []; for (var i = 0; i < 5; i++) xs.push(mk(i)); \
               [JSON.stringify(xs[4]), Object.keys(xs[2]).join()].join(' ')";
    assert_eq!(run(src), r#"{"a":4,"b":5,"c":"x"} a,b,c"#);
    // Defining never calls a setter of the prototype chain.
    let src = "Object.defineProperty(Object.prototype, 'p', { set(v) { throw 1; }, configurable: true }); \
               function mk(v) { return { p: v }; } var r = mk(1).p + mk(2).p; delete Object.prototype.p; r";
    assert_eq!(run(src), "3");
    // A repeated key redefines in place; shapes from other literals do not mix.
    let src = "function mk(v) { return { a: 1, a: v }; } function other(v) { return { b: v, a: 0 }; } \
               [mk(2).a, mk(3).a, Object.keys(mk(4)).length, other(5).b, Object.keys(other(6)).join()].join()";
    assert_eq!(run(src), "2,3,1,5,b,a");
    // `__proto__: v` sets the prototype; a later named property is still own.
    let src = "function mk(p) { return { __proto__: p, x: 1 }; } var p = { y: 2 }; var o = mk(p); mk(p); \
               [Object.getPrototypeOf(o) === p, o.y, Object.keys(o).join()].join()";
    assert_eq!(run(src), "true,2,x");
}

#[test]
fn element_assignment_reads_operands_in_order() {
    // `o[k] = v` with every operand in a variable's register: a right side
    // that reassigns the object or key variables does not change the
    // reference already evaluated.
    let src = "function f() { let a = [0, 0], b = [9, 9], i = 0; a[i] = (a = b, i = 1, 7); return [a.join(), b.join()].join(' '); } f()";
    assert_eq!(run(src), "9,9 9,9", "the old `a` and `i` are written: a was [7,0]");
    let src = "function f() { let a = [0, 0], i = 0; const old = a; a[i] = (a = null, 5); return old.join(); } f()";
    assert_eq!(run(src), "5,0");
    let src = "function f() { let a = [0, 0], i = 0; a[i++] = i; return a.join(); } f()";
    assert_eq!(run(src), "1,0", "the key is evaluated before the right side");
    assert!(run("function f() { let a; a[0] = 1; } f()").contains("TypeError"));
}

#[test]
fn dense_element_fast_paths_keep_exotic_and_inherited_behaviour() {
    // An index setter on Array.prototype sees appends (a new index), by
    // assignment and by push.
    let src = "var seen = []; Object.defineProperty(Array.prototype, 2, { set(v) { seen.push(v); }, configurable: true }); \
               function f() { const a = [0, 1]; a[2] = 'x'; a.push('y'); return [a.length, seen.join()].join(' '); } \
               var r = f(); delete Array.prototype[2]; r";
    assert_eq!(run(src), "3 x,y", "push still sets the length it computed");
    // Frozen and non-extensible arrays refuse writes and appends.
    assert!(run("'use strict'; var a = Object.freeze([1]); a[0] = 2;").contains("TypeError"));
    assert_eq!(run("var a = Object.preventExtensions([1]); a[1] = 2; a[0] = 3; a.join()"), "3");
    // Strings, typed arrays, arguments and proxies keep their own [[Get]]/[[Set]].
    assert_eq!(run("var s = new String('ab'); s[0] = 'z'; s[0] + s[1]"), "ab");
    assert_eq!(run("var t = new Uint8Array(2); t[0] = 300; t[5] = 1; [t[0], t[5]].join()"), "44,");
    assert_eq!(run("function f(x) { arguments[0] = 9; return x; } f(1)"), "9");
    assert_eq!(run("var p = new Proxy([1], { get: () => 'trap' }); p[0]"), "trap");
    // Index-like Numbers only: -0 is "0", 1.5 and 2^32 - 1 are named keys.
    assert_eq!(run("var a = [5]; [a[-0], a[1.5], a.length].join()"), "5,,1");
    assert_eq!(run("var a = []; a[4294967295] = 1; [a.length, a[4294967295]].join()"), "0,1");
}
