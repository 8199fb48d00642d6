//! Tests of `console` formatting against Node 20: every expected string
//! below is what `util.inspect` printed in Node 20 for the same source
//! (the completion value of the script), so these compare byte for byte.

use super::{describe_uncaught, format, inspect_with, InspectOptions};
use crate::Runtime;

/// Evaluates `src`. `None` when it throws because a built-in it uses is
/// missing (the standard library is being written alongside); any other
/// exception is a failure.
fn eval(rt: &mut Runtime, src: &str) -> Option<spindle_vm::Value> {
    match rt.eval(src, "test.js") {
        Ok(v) => Some(v),
        Err(crate::RunError::Exception(e)) => {
            let report = describe_uncaught(&mut rt.vm, e);
            assert!(report.contains(" is not defined") || report.contains(" is not a function"), "{src} threw {report}");
            eprintln!("skipped, a built-in is missing: {src}: {report}");
            None
        }
        Err(e) => panic!("{src}: {e:?}"),
    }
}

/// Runs `src` and inspects its completion value with Node's defaults.
fn inspect_src(src: &str) -> Option<String> {
    let mut rt = Runtime::new();
    let v = eval(&mut rt, src)?;
    Some(inspect_with(&mut rt.vm, v, InspectOptions::default()))
}

/// Checks every case, reporting all mismatches at once.
fn check(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (src, expected) in cases {
        let Some(got) = inspect_src(src) else { continue };
        if got != *expected {
            failures.push(format!("source: {src}\n--- expected (Node)\n{expected}\n--- got\n{got}\n"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// The line `console.log(...)` prints for the arguments `args_src` (a
/// JavaScript array expression).
fn log_line(args_src: &str) -> Option<String> {
    let mut rt = Runtime::new();
    let args = match eval(&mut rt, args_src)? {
        spindle_vm::Value::Object(o) => rt.vm.heap.dense_elements(o).map(<[_]>::to_vec).unwrap_or_default(),
        _ => return None,
    };
    Some(format::format_args(&mut rt.vm, &args).unwrap_or_else(|e| format!("<threw {e:?}>")))
}

/// Checks `console.log` lines.
fn check_log(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (src, expected) in cases {
        let Some(got) = log_line(src) else { continue };
        if got != *expected {
            failures.push(format!("arguments: {src}\n--- expected (Node)\n{expected}\n--- got\n{got}\n"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
#[test]
fn primitives() {
    check(&[
        (r#"-0"#, r#"-0"#),
        (r#"1n"#, r#"1n"#),
        (r#"Symbol('x')"#, r#"Symbol(x)"#),
        (r#"Symbol()"#, r#"Symbol()"#),
        (r#"undefined"#, r#"undefined"#),
        (r#"null"#, r#"null"#),
        (r#"'plain'"#, r#"'plain'"#),
        (r#""it's""#, r#""it's""#),
        (r#"'it\'s "q"'"#, r#"`it's "q"`"#),
        (r#"'it\'s "q" `b`'"#, r#"'it\'s "q" `b`'"#),
        (r#"'a\nb\t\x00\x7f\u0085\\'"#, r#"'a\nb\t\x00\x7F\x85\\'"#),
        (r#"'\ud800x'"#, r#"'\ud800x'"#),
        (r#"[1.5, -0, NaN, Infinity, 1e21, 1e-7]"#, r#"[ 1.5, -0, NaN, Infinity, 1e+21, 1e-7 ]"#),
    ]);
}

#[test]
fn objects() {
    check(&[
        (r#"({a: 1, 'b-c': 2, [Symbol('x')]: 3})"#, r#"{ a: 1, 'b-c': 2, [Symbol(x)]: 3 }"#),
        (r#"({ 'a b': 1, $x: 2, _y: 3, '0': 4, 1: 5, 'é': 6, [Symbol()]: 7, [Symbol("it's")]: 8, __proto__x: 9, ['__proto__']: 10 })"#, r#"{
  '0': 4,
  '1': 5,
  'a b': 1,
  '$x': 2,
  _y: 3,
  'é': 6,
  __proto__x: 9,
  ['__proto__']: 10,
  [Symbol()]: 7,
  [Symbol(it\'s)]: 8
}"#),
        (r#"({})"#, r#"{}"#),
        (r#"({__proto__: null})"#, r#"[Object: null prototype] {}"#),
        (r#"({__proto__: null, a: 1})"#, r#"[Object: null prototype] { a: 1 }"#),
        (r#"({a: {b: {c: {d: 1}}}})"#, r#"{ a: { b: { c: [Object] } } }"#),
        (r#"({a: [{b: {c: {d: 1}}}]})"#, r#"{ a: [ { b: [Object] } ] }"#),
        (r#"[[[[[1]]]]]"#, r#"[ [ [ [Array] ] ] ]"#),
        (r#"(() => { class Foo { constructor() { this.x = 1; } } return new Foo(); })()"#, r#"Foo { x: 1 }"#),
        (r#"(() => { class Foo {} return [new Foo(), {f: new Foo()}]; })()"#, r#"[ Foo {}, { f: Foo {} } ]"#),
        (r#"(() => { class Foo { constructor() { this.a = {b: {c: {}}}; this.n = { d: { e: { f: 1 } } }; } } return new Foo(); })()"#, r#"Foo { a: { b: { c: {} } }, n: { d: { e: [Object] } } }"#),
        (r#"(() => { class Foo {} return {a: {b: {c: new Foo()}}}; })()"#, r#"{ a: { b: { c: Foo {} } } }"#),
        (r#"(() => { class Foo { constructor() { this.x = 1; } } return {a: {b: {c: new Foo()}}}; })()"#, r#"{ a: { b: { c: [Foo] } } }"#),
        (r#"({a: {b: {c: {__proto__: null, x: 1}}}})"#, r#"{ a: { b: { c: [Object: null prototype] } } }"#),
    ]);
}

#[test]
fn circular() {
    check(&[
        (r#"(() => { const o = {}; o.self = o; return o; })()"#, r#"<ref *1> { self: [Circular *1] }"#),
        (r#"(() => { const o = {a: {b: {}}}; o.a.b.c = o.a; o.d = o; return o; })()"#, r#"<ref *2> { a: <ref *1> { b: { c: [Circular *1] } }, d: [Circular *2] }"#),
        (r#"(() => { const a = [1]; a[a.length] = a; return {a}; })()"#, r#"{ a: <ref *1> [ 1, [Circular *1] ] }"#),
    ]);
}

#[test]
fn getters_and_setters() {
    check(&[
        (r#"({ get x() { return 1 }, set y(v) {}, get z() { return 1 }, set z(v) {} })"#, r#"{ x: [Getter], y: [Setter], z: [Getter/Setter] }"#),
        (r#"(() => { class A { get g() { return 1 } } return new A(); })()"#, r#"A {}"#),
    ]);
}

#[test]
fn arrays() {
    check(&[
        (r#"[1, 2, , 4]"#, r#"[ 1, 2, <1 empty item>, 4 ]"#),
        (r#"[ , , 1, , ]"#, r#"[ <2 empty items>, 1, <1 empty item> ]"#),
        (r#"new Array(5)"#, r#"[ <5 empty items> ]"#),
        (r#"[1, , 3, , , 6]"#, r#"[ 1, <1 empty item>, 3, <2 empty items>, 6 ]"#),
        (r#"(() => { const a = [1, 2, 3]; a.extra = 'x'; a[Symbol('s')] = 2; return a; })()"#, r#"[ 1, 2, 3, extra: 'x', [Symbol(s)]: 2 ]"#),
        (r#"(() => { const a = []; a.x = 1; return a; })()"#, r#"[ x: 1 ]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 101; i++) a[a.length] = i; return a; })()"#, r#"[
   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,
  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
  96, 97, 98, 99,
  ... 1 more item
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 200; i++) a[a.length] = 1; return a; })()"#, r#"[
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1,
  ... 100 more items
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 120; i++) a[a.length] = i; return a; })()"#, r#"[
   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,
  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
  96, 97, 98, 99,
  ... 20 more items
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 30; i++) a[a.length] = 'item' + i; return a; })()"#, r#"[
  'item0',  'item1',  'item2',
  'item3',  'item4',  'item5',
  'item6',  'item7',  'item8',
  'item9',  'item10', 'item11',
  'item12', 'item13', 'item14',
  'item15', 'item16', 'item17',
  'item18', 'item19', 'item20',
  'item21', 'item22', 'item23',
  'item24', 'item25', 'item26',
  'item27', 'item28', 'item29'
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 10; i++) a[a.length] = {i}; return a; })()"#, r#"[
  { i: 0 }, { i: 1 },
  { i: 2 }, { i: 3 },
  { i: 4 }, { i: 5 },
  { i: 6 }, { i: 7 },
  { i: 8 }, { i: 9 }
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 26; i++) a[a.length] = i * 1000003 % 977; return a; })()"#, r#"[
    0, 532,  87, 619, 174, 706,
  261, 793, 348, 880, 435, 967,
  522,  77, 609, 164, 696, 251,
  783, 338, 870, 425, 957, 512,
   67, 599
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 8; i++) a[a.length] = i % 2 ? 'x' : 1; return a; })()"#, r#"[
  1, 'x', 1, 'x',
  1, 'x', 1, 'x'
]"#),
        (r#"(() => { const a = []; for (let i = 0; i < 7; i++) a[a.length] = 'a-much-longer-string-entry-' + i; return a; })()"#, r#"[
  'a-much-longer-string-entry-0',
  'a-much-longer-string-entry-1',
  'a-much-longer-string-entry-2',
  'a-much-longer-string-entry-3',
  'a-much-longer-string-entry-4',
  'a-much-longer-string-entry-5',
  'a-much-longer-string-entry-6'
]"#),
        (r#"(() => { const a = []; a[150] = 1; a[2] = 3; return a; })()"#, r#"[ <2 empty items>, 3, <147 empty items>, 1 ]"#),
        (r#"(() => { const a = [1, 2, 3, 4, 5, 6, 7, 8]; a.k = 'v'; return a; })()"#, r#"[
  1, 2, 3,
  4, 5, 6,
  7, 8, k: 'v'
]"#),
        (r#"[1n, 2n, 3n, 4n, 5n, 6n, 7n, 88n]"#, r#"[
  1n, 2n, 3n,  4n,
  5n, 6n, 7n, 88n
]"#),
        (r#"['a', 'b', 'c', 'd', 'e', 'f', 'g']"#, r#"[
  'a', 'b', 'c',
  'd', 'e', 'f',
  'g'
]"#),
        (r#"[[1, 2, [3, 4, [5, [6]]]]]"#, r#"[ [ 1, 2, [ 3, 4, [Array] ] ] ]"#),
    ]);
}

#[test]
fn functions() {
    check(&[
        (r#"(function f() {})"#, r#"[Function: f]"#),
        (r#"(() => {})"#, r#"[Function (anonymous)]"#),
        (r#"(class A {})"#, r#"[class A]"#),
        (r#"(class {})"#, r#"[class (anonymous)]"#),
        (r#"(() => { class A {} return class B extends A {}; })()"#, r#"[class B extends A]"#),
        (r#"(() => { function f() {} f.a = 1; return f; })()"#, r#"[Function: f] { a: 1 }"#),
        (r#"(() => { function f() {} f.a = 1; return [f, {f}]; })()"#, r#"[ [Function: f] { a: 1 }, { f: [Function: f] { a: 1 } } ]"#),
        (r#"(() => { const o = { m() {} }; return o.m; })()"#, r#"[Function: m]"#),
        (r#"(() => { class A { static x = 1 } return A; })()"#, r#"[class A] { x: 1 }"#),
        (r#"[function* gen() {}, async function af() {}, async () => {}, function () {}.bind(null)]"#, r#"[
  [GeneratorFunction: gen],
  [AsyncFunction: af],
  [AsyncFunction (anonymous)],
  [Function: bound ]
]"#),
        (r#"({ async m() {}, *g() {} })"#, r#"{ m: [AsyncFunction: m], g: [GeneratorFunction: g] }"#),
    ]);
}

#[test]
fn line_breaking() {
    check(&[
        (r#"({ longPropertyNameNumberOne: 'some string value', longPropertyNameNumberTwo: 'another string value' })"#, r#"{
  longPropertyNameNumberOne: 'some string value',
  longPropertyNameNumberTwo: 'another string value'
}"#),
        (r#"({ a: 'line1\nline2\nline3 long long long long long long long long long long long long long' })"#, r#"{
  a: 'line1\n' +
    'line2\n' +
    'line3 long long long long long long long long long long long long long'
}"#),
        (r#"({ a: 'short\nlines' })"#, r#"{ a: 'short\nlines' }"#),
        (r#"({ a: 1, b: { c: 2, d: { e: 3, f: { g: 4 } } } })"#, r#"{ a: 1, b: { c: 2, d: { e: 3, f: [Object] } } }"#),
        (r#"({ a: { b: { c: 1 } }, x: 1 })"#, r#"{ a: { b: { c: 1 } }, x: 1 }"#),
        (r#"({ alpha: [1, 2, 3], beta: { gamma: 'delta', epsilon: [4, 5, 6] }, zeta: 'eta theta iota kappa' })"#, r#"{
  alpha: [ 1, 2, 3 ],
  beta: { gamma: 'delta', epsilon: [ 4, 5, 6 ] },
  zeta: 'eta theta iota kappa'
}"#),
        (r#"[{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }, { a: 7, b: 8 }, { a: 9, b: 10 }, { a: 11, b: 12 }, { a: 13, b: 14 }]"#, r#"[
  { a: 1, b: 2 },
  { a: 3, b: 4 },
  { a: 5, b: 6 },
  { a: 7, b: 8 },
  { a: 9, b: 10 },
  { a: 11, b: 12 },
  { a: 13, b: 14 }
]"#),
        (r#"['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']"#, r#"[
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
]"#),
    ]);
}

#[test]
fn errors() {
    check(&[
        (r#"(() => { const e = new TypeError('bad'); e.stack = 'TypeError: bad\n    at f (x.js:1:1)'; e.code = 1; return e; })()"#, r#"TypeError: bad
    at f (x.js:1:1) {
  code: 1
}"#),
        (r#"(() => { const e = new Error('msg'); e.stack = 'nothing'; return e; })()"#, r#"[nothing]"#),
        (r#"(() => { const e = new Error('msg'); delete e.stack; return [e]; })()"#, r#"[ [Error: msg] ]"#),
        (r#"(() => { const e = new Error('msg'); e.stack = 'Error: msg\n    at foo (x.js:1:1)'; e.code = 'E'; return {e}; })()"#, r#"{
  e: Error: msg
      at foo (x.js:1:1) {
    code: 'E'
  }
}"#),
        (r#"(() => { class MyError extends Error {} const e = new MyError('m'); e.stack = 'Error: m\n    at foo (x.js:1:1)'; return e; })()"#, r#"MyError: m
    at foo (x.js:1:1)"#),
        (r#"(() => { class Foo extends TypeError {} const e = new Foo('m'); e.stack = 'TypeError: m\n    at foo (x.js:1:1)'; return e; })()"#, r#"Foo [TypeError]: m
    at foo (x.js:1:1)"#),
        (r#"(() => { const e = new Error('a', {cause: 'str'}); e.stack = 'Error: a\n    at foo (x.js:1:1)'; return e; })()"#, r#"Error: a
    at foo (x.js:1:1) {
  [cause]: 'str'
}"#),
        (r#"(() => { const c = new Error('x'); c.stack = 'Error: x\n    at a (x.js:1:1)\n    at b (x.js:2:1)\n    at c (x.js:3:1)\n    at d (x.js:4:1)\n    at e (x.js:5:1)'; const e = new Error('y', {cause: c}); e.stack = 'Error: y\n    at z (x.js:9:1)\n    at b (x.js:2:1)\n    at c (x.js:3:1)\n    at d (x.js:4:1)\n    at e (x.js:5:1)'; return e; })()"#, r#"Error: y
    at z (x.js:9:1)
    at b (x.js:2:1)
    ... 2 lines matching cause stack trace ...
    at e (x.js:5:1) {
  [cause]: Error: x
      at a (x.js:1:1)
      at b (x.js:2:1)
      at c (x.js:3:1)
      at d (x.js:4:1)
      at e (x.js:5:1)
}"#),
        (r#"(() => { const e = new Error('x'); e.name = 'Oops'; e.stack = 'Error: x\n    at w (f.js:5:5)'; return e; })()"#, r#"Error: x
    at w (f.js:5:5) {
  name: 'Oops'
}"#),
        (r#"(() => { const e = new TypeError('x'); Object.setPrototypeOf(e, null); e.stack = 'TypeError: x\n    at w (f.js:5:5)'; return e; })()"#, r#"[TypeError: null prototype]: x
    at w (f.js:5:5)"#),
        (r#"(() => { const e = new Error(''); e.stack = 'Error\n    at w (f.js:5:5)'; return e; })()"#, r#"Error
    at w (f.js:5:5)"#),
        (r#"(() => { const e = new AggregateError([new Error('a')], 'multi'); e.stack = 'AggregateError: multi\n    at z (f.js:3:3)'; e.errors[0].stack = 'Error: a\n    at q (f.js:4:4)'; return e; })()"#, r#"AggregateError: multi
    at z (f.js:3:3) {
  [errors]: [
    Error: a
        at q (f.js:4:4)
  ]
}"#),
        (r#"(() => { const e = new Error('deep'); e.stack = 'Error: deep\n    at q (f.js:4:4)'; return {a: {b: {c: {e}}}}; })()"#, r#"{ a: { b: { c: [Object] } } }"#),
    ]);
}

#[test]
fn boxed_primitives() {
    check(&[
        (r#"[new Number(3), new String('ab'), new Boolean(false), Object(10n), new Number(-0), Object(Symbol('s'))]"#, r#"[
  [Number: 3],
  [String: 'ab'],
  [Boolean: false],
  [BigInt: 10n],
  [Number: -0],
  [Symbol: Symbol(s)]
]"#),
        (r#"(() => { const s = new String('ab'); s.x = 1; return s; })()"#, r#"[String: 'ab'] { x: 1 }"#),
        (r#"(() => { class N extends Number {} return new N(5); })()"#, r#"[Number (N): 5]"#),
    ]);
}

#[test]
fn tags_and_prototypes() {
    check(&[
        (r#"(() => { class Foo { get [Symbol.toStringTag]() { return 'Tag'; } } return [new Foo(), {f: new Foo()}]; })()"#, r#"[ Foo [Tag] {}, { f: Foo [Tag] {} } ]"#),
        (r#"(() => { class Foo {} Foo.prototype[Symbol.toStringTag] = 'T'; return new Foo(); })()"#, r#"Foo [T] {}"#),
        (r#"({ [Symbol.toStringTag]: 'own' })"#, r#"{ [Symbol(Symbol.toStringTag)]: 'own' }"#),
        (r#"(() => { const o = { a: 1 }; Object.defineProperty(o, Symbol.toStringTag, { value: 'Hidden' }); return o; })()"#, r#"Object [Hidden] { a: 1 }"#),
        (r#"[Object.create(Object.create(null)), Object.create(Object.create({}))]"#, r#"[ Object <[Object: null prototype] {}> {}, {} ]"#),
        (r#"(() => { function F() { this.x = 1 } return [new F(), Object.create(F.prototype), F]; })()"#, r#"[ F { x: 1 }, F {}, [Function: F] ]"#),
        (r#"(() => { const o = Object.create(null); o.x = {y: Object.create(null)}; return o; })()"#, r#"[Object: null prototype] { x: { y: [Object: null prototype] {} } }"#),
        (r#"[JSON, Math]"#, r#"[ Object [JSON] {}, Object [Math] {} ]"#),
        (r#"[[1, 2].values(), 'ab'[Symbol.iterator]()]"#, r#"[ Object [Array Iterator] {}, Object [String Iterator] {} ]"#),
        (r#"(function () { return arguments; })(1, 'two')"#, r#"[Arguments] { '0': 1, '1': 'two' }"#),
        (r#"(() => { const o = { a: 1 }; Object.defineProperty(o, 'hidden', { value: 2 }); return [o, Object.defineProperty([1], 'h', { value: 1 })]; })()"#, r#"[ { a: 1 }, [ 1 ] ]"#),
    ]);
}

#[test]
fn promises() {
    check(&[
        (r#"[Promise.resolve(1), new Promise(() => {}), Promise.resolve({a: {b: {c: {d: 1}}}})]"#, r#"[ Promise { 1 }, Promise { <pending> }, Promise { { a: [Object] } } ]"#),
        (r#"(() => { const p = Promise.reject(3); p.catch(() => {}); return {p}; })()"#, r#"{ p: Promise { <rejected> 3 } }"#),
        (r#"(() => { const e = new Error('r'); e.stack = 'Error: r\n    at q (f.js:4:4)'; const p = Promise.reject(e); p.catch(() => {}); return p; })()"#, r#"Promise {
  <rejected> Error: r
      at q (f.js:4:4)
}"#),
    ]);
}

#[test]
fn format_strings() {
    check_log(&[
        (r#"['%s is %d', 'x', 42]"#, r#"x is 42"#),
        (r#"['%s %s %s %s', {a: 1}, [1, 2], 'str', 5n, 'extra', {b: 2}]"#, r#"{ a: 1 } [ 1, 2 ] str 5n extra { b: 2 }"#),
        (r#"['%d %i %f %%', '42.5', 42.9, '1.5x']"#, r#"42.5 42 1.5 %"#),
        (r#"['%c styled', 'color: red', 'x']"#, r#" styled x"#),
        (r#"['%s', null, undefined, Symbol('q')]"#, r#"null undefined Symbol(q)"#),
        (r#"['a%', 1]"#, r#"a% 1"#),
        (r#"['100%%']"#, r#"100%%"#),
        (r#"['%%', 1]"#, r#"% 1"#),
        (r#"['%s']"#, r#"%s"#),
        (r#"['%z %s', 1]"#, r#"%z 1"#),
        (r#"['%d', -0, '%i', 5n]"#, r#"-0 %i 5n"#),
        (r#"['%s', 1.5, -0, 10n]"#, r#"1.5 -0 10n"#),
        (r#"['%i %d %f', 10n, 11n, Symbol()]"#, r#"10n 11n NaN"#),
        (r#"['%s', (() => { class P { toString() { return 'custom!' } } return new P(); })(), '%s']"#, r#"custom! %s"#),
        (r#"['%s', {a: {b: {c: 1}}}, [[1, [2]]]]"#, r#"{ a: [Object] } [ [ 1, [ 2 ] ] ]"#),
        (r#"['%O', {a: {b: {c: {d: {}}}}}]"#, r#"{ a: { b: { c: [Object] } } }"#),
        (r#"['%o', [1, [2]]]"#, r#"[ 1, [ 2, [length]: 1 ], [length]: 2 ]"#),
        (r#"['%o', {a: [1, 2], f() {}}]"#, r#"{
  a: [ 1, 2, [length]: 2 ],
  f: [Function: f] { [length]: 0, [name]: 'f' }
}"#),
        (r#"['%o', {a: {b: {c: {d: {e: {}}}}}}]"#, r#"{
  a: {
    b: { c: { d: { e: {} } } }
  }
}"#),
        (r#"['a', 'b', 1, 'c']"#, r#"a b 1 c"#),
        (r#"[1, "it's", 'x\ny']"#, r#"1 it's x
y"#),
        (r#"[{a: 'x'}, 'x']"#, r#"{ a: 'x' } x"#),
        (r#"['%s:%s', 'a']"#, r#"a:%s"#),
        (r#"['%j', 1]"#, r#"1"#),
        (r#"['', 1]"#, r#" 1"#),
        (r#"['%', 1]"#, r#"% 1"#),
        (r#"['%%%s', 1]"#, r#"%1"#),
        (r#"['%o', (() => { class A { get g() { return 1 } m() {} } A.prototype.v = 5; class B extends A { constructor() { super(); this.x = 1 } } return new B(); })()]"#, r#"B { x: 1, [g]: [Getter], v: 5 }"#),
        (r#"['%o', (() => { class A { get g() { return 1 } } return [new A()]; })()]"#, r#"[ A { [g]: [Getter] }, [length]: 1 ]"#),
        (r#"['%o', class Q {}]"#, r#"<ref *1> [class Q] {
  [length]: 0,
  [name]: 'Q',
  [prototype]: { [constructor]: [Circular *1] }
}"#),
        (r#"['%o', {}]"#, r#"{}"#),
    ]);
}


#[test]
fn uncaught_reports() {
    let mut rt = Runtime::new();
    for (src, expected) in [("throw {a: 1}", "Uncaught { a: 1 }"), ("throw 'x'", "Uncaught 'x'"), ("throw 1n", "Uncaught 1n")] {
        let Err(crate::RunError::Exception(v)) = rt.eval(src, "test.js") else { panic!("{src} did not throw") };
        assert_eq!(describe_uncaught(&mut rt.vm, v), expected);
    }
    let Err(crate::RunError::Exception(v)) = rt.eval("null.x", "t.js") else { panic!("no throw") };
    let text = describe_uncaught(&mut rt.vm, v);
    assert!(text.starts_with("Uncaught ") && text.contains("Error: Cannot read properties of null"), "{text}");
    assert!(text.contains("\n    at t.js:1:"), "{text}");
}

#[test]
fn deep_and_huge_values_stay_bounded() {
    let started = std::time::Instant::now();
    check(&[
        ("let a = []; for (let i = 0; i < 1000000; i++) a = [a]; a", "[ [ [ [Array] ] ] ]"),
        ("let o = {}; for (let i = 0; i < 1000000; i++) o = {o}; o", "{ o: { o: { o: [Object] } } }"),
        ("let p = {x: 1}; for (let i = 0; i < 10000; i++) p = {__proto__: p}; p", "{}"),
        ("let a = [1]; a[4294967294] = 2; a", "[ 1, <4294967293 empty items>, 2 ]"),
    ]);
    let mut rt = Runtime::new();
    let v = rt.eval("let a = []; for (let i = 0; i < 1000000; i++) a[i] = i; a", "t.js").map_err(|e| format!("{e:?}"));
    let text = inspect_with(&mut rt.vm, v.unwrap_or_default(), InspectOptions::default());
    assert!(text.ends_with(" 97, 98, 99,\n  ... 999900 more items\n]"), "{text}");
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn proxies_show_their_target() {
    let mut rt = Runtime::new();
    let target = rt.eval("({a: 1, get g() { return 1 }})", "t.js").unwrap_or_default();
    let handler = rt.eval("({ get() { throw new Error('trap ran') }, ownKeys() { throw 1 } })", "t.js").unwrap_or_default();
    let proxy = rt.vm.proxy_create(target, handler).map(spindle_vm::Value::Object).unwrap_or_default();
    // Node 20: util.inspect(new Proxy({a: 1, get g() {}}, handler))
    assert_eq!(inspect_with(&mut rt.vm, proxy, InspectOptions::default()), "{ a: 1, g: [Getter] }");
    let opts = InspectOptions { show_proxy: true, ..InspectOptions::default() };
    // Node 20: util.inspect(proxy, { showProxy: true }) with a handler { get, ownKeys }
    assert_eq!(inspect_with(&mut rt.vm, proxy, opts), "Proxy [\n  { a: 1, g: [Getter] },\n  { get: [Function: get], ownKeys: [Function: ownKeys] }\n]");
    if let spindle_vm::Value::Object(p) = proxy {
        rt.vm.proxy_revoke(p);
    }
    assert_eq!(inspect_with(&mut rt.vm, proxy, InspectOptions::default()), "<Revoked Proxy>");
}

#[test]
fn random_values_match_node() {
    // fixtures/inspect_fuzz.js builds random nested values (classes,
    // getters, symbols, errors, promises, cycles, long and multi-line
    // strings, sparse and numeric arrays) and format-string calls; the
    // .expected file is Node 20's util.format of each, one after another.
    let mut rt = Runtime::new();
    let Some(spindle_vm::Value::Object(pair)) = eval(&mut rt, include_str!("fixtures/inspect_fuzz.js")) else { return };
    let part = |rt: &mut Runtime, i: u32| match rt.vm.get(pair, spindle_vm::PropertyKey::Index(i), spindle_vm::Value::Object(pair)) {
        Ok(spindle_vm::Value::Object(a)) => rt.vm.heap.dense_elements(a).map(<[_]>::to_vec).unwrap_or_default(),
        other => panic!("{other:?}"),
    };
    let (values, calls) = (part(&mut rt, 0), part(&mut rt, 1));
    let mut lines: Vec<String> = values.iter().map(|&v| super::inspect(&mut rt.vm, v)).collect();
    for call in calls {
        let spindle_vm::Value::Object(a) = call else { panic!("{call:?}") };
        let args = rt.vm.heap.dense_elements(a).map(<[_]>::to_vec).unwrap_or_default();
        lines.push(format::format_args(&mut rt.vm, &args).unwrap_or_else(|e| format!("<threw {e:?}>")));
    }
    let got = lines.join("\n") + "\n";
    let expected = include_str!("fixtures/inspect_fuzz.expected");
    for (n, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
        assert_eq!(g, e, "line {} differs", n + 1);
    }
    assert_eq!(got, expected);
}

#[test]
fn console_methods_run_and_keep_state() {
    let mut rt = Runtime::new();
    let src = "console.group('g'); console.groupCollapsed(); console.groupEnd(); console.count(); console.count('x'); \
               console.countReset('x'); console.assert(1); console.dir({a: {b: {c: {d: 1}}}}, {depth: null}); console.groupEnd(); 1";
    assert!(matches!(rt.eval(src, "t.js"), Ok(spindle_vm::Value::Number(n)) if n == 1.0));
    let opts = rt.eval("({depth: null, showHidden: true, maxArrayLength: 2, breakLength: Infinity, compact: 1})", "t.js");
    let Ok(spindle_vm::Value::Object(o)) = opts else { panic!("{opts:?}") };
    let opts = super::methods::read_options(&mut rt.vm, o);
    assert_eq!((opts.depth, opts.show_hidden, opts.max_array_length, opts.break_length, opts.compact), (None, true, 2, usize::MAX, 1));
}

#[test]
fn unlimited_depth_stops_before_the_stack_runs_out() {
    let mut rt = Runtime::new();
    let v = rt.eval("let a = [1]; for (let i = 0; i < 100000; i++) a = [a]; a", "t.js").unwrap_or_default();
    let opts = InspectOptions { depth: None, ..InspectOptions::default() };
    let text = inspect_with(&mut rt.vm, v, opts);
    // Node 20 (util.inspect(a, { depth: null })) ends its output the same way, at a depth set by V8's stack size.
    assert!(text.contains("[Array: Inspection interrupted prematurely. Maximum call stack size exceeded.]"), "{}", &text[..200]);
}
