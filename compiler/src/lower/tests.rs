//! Unit tests of the printer (exact text for the tricky spots: parentheses,
//! statement starts, `for` heads, literals, dangling `else`) and of the
//! lowering (the shapes of wrappers, thunks and helper objects). The
//! printer's test262 fixpoint and the run-with-node equivalence of the
//! lowering are integration tests (`tests/lower_fixpoint.rs`,
//! `tests/lower_equivalence.rs`).

use super::{lower_program, print_program};
use crate::ast::Goal;
use crate::parse;

/// The printed program of `src` (a script), checked to be a fixpoint.
fn print(src: &str) -> String {
    print_as(src, Goal::Script)
}

fn print_as(src: &str, goal: Goal) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = parse(&arena, src, goal).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    let first = print_program(&parsed.program, src);
    let arena2 = bumpalo::Bump::new();
    let again = parse(&arena2, &first, goal).unwrap_or_else(|e| panic!("reparse of {first}: {e:?}"));
    assert_eq!(print_program(&again.program, &first), first, "not a fixpoint");
    first
}

/// The lowered program of `src` without the header and `spawn`, checked to parse.
fn lower(src: &str) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = parse(&arena, src, Goal::Script).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    let out = lower_program(&parsed, src);
    let arena2 = bumpalo::Bump::new();
    if let Err(e) = parse(&arena2, &out, Goal::Script) {
        panic!("lowered program does not parse: {e:?}\n{out}");
    }
    let body = match out.split_once("function spawn") {
        Some((_, spawn)) => spawn.split_once("\n}\n\n").map_or(out.as_str(), |(_, rest)| rest),
        None => out.as_str(),
    };
    body.lines().filter(|l| !l.starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn lower_print_precedence_and_parentheses() {
    assert_eq!(print("(a + b) * c - d / (e - f);"), "(a + b) * c - d / (e - f);\n");
    assert_eq!(print("a ** b ** c; (-a) ** b; (a ** b) ** c;"), "a ** b ** c;\n(-a) ** b;\n(a ** b) ** c;\n");
    assert_eq!(print("a ?? (b || c); (a && b) ?? c;"), "a ?? (b || c);\n(a && b) ?? c;\n");
    assert_eq!(print("new (f())(); new (a.b().c)(); new a.b.c(); new new X()();"), "new (f())();\nnew (a.b().c)();\nnew a.b.c();\nnew new X()();\n");
    assert_eq!(print("new X; (new X).y;"), "new X();\n(new X()).y;\n");
    assert_eq!(print("(a?.b).c; a?.b.c; (a?.b)();"), "(a?.b).c;\na?.b.c;\n(a?.b)();\n");
    assert_eq!(print("(1).toString(); 1.5.toFixed(); x = - -y + +(+z) - --w;"), "(1).toString();\n1.5.toFixed();\nx = - -y + +(+z) - --w;\n");
    assert_eq!(print("a = (b, c); f((a, b), c); x = y ? z : w;"), "a = (b, c);\nf((a, b), c);\nx = y ? z : w;\n");
}

#[test]
fn lower_print_statement_starts() {
    assert_eq!(print("({}).x; (function () {})(); (class {}); ({a} = b);"), "({}).x;\n(function () {})();\n(class {});\n({ a } = b);\n");
    assert_eq!(print("(let)[0] = 1; f = () => ({});"), "(let)[0] = 1;\nf = () => ({});\n");
    assert_eq!(print("for ((let) of x); for ((async) of y); for (let.x in z);"), "for ((let) of x)\n  ;\nfor ((async) of y)\n  ;\nfor ((let).x in z)\n  ;\n");
    assert_eq!(print_as("export default (function () {});", Goal::Module), "export default (function () {});\n");
    assert_eq!(print_as("export default (class {});", Goal::Module), "export default (class {});\n");
}

#[test]
fn lower_print_for_in_initializers() {
    assert_eq!(print("for (var x = (a in b); ;) ; for (var y = [a in b]; ;) ;"), "for (var x = (a in b);;)\n  ;\nfor (var y = [a in b];;)\n  ;\n");
    assert_eq!(print("for (x = (a in b) ? 1 : 2; ;) break;"), "for (x = (a in b) ? 1 : 2;;)\n  break;\n");
}

#[test]
fn lower_print_literals() {
    assert_eq!(print("x; 'a\\'b\"'; '\\u{1F600}'; '\\uD800'; 0x10; 1e400; 1n; 0b11n;"), "x;\n\"a'b\\\"\";\n\"😀\";\n\"\\uD800\";\n16;\n1e999;\n1n;\n3n;\n");
    assert_eq!(print("/a\\/b[/]/giu; `a${b}\\n${`c`}`;"), "/a\\/b[/]/giu;\n`a${b}\\n${`c`}`;\n");
    assert_eq!(print("x = [, a, , ...b]; y = [a, ,]; [,] = z;"), "x = [, a, , ...b];\ny = [a, ,];\n[,] = z;\n");
}

#[test]
fn lower_print_directives_keep_their_source() {
    assert_eq!(print("'use\\x20strict'; with (a) b;"), "'use\\x20strict';\nwith (a)\n  b;\n");
    assert_eq!(print("function f() { 'use strict'; return 1; }"), "function f() {\n  'use strict';\n  return 1;\n}\n");
}

#[test]
fn lower_print_dangling_else() {
    let src = "if (a) { if (b) c(); } else d();";
    assert_eq!(print(src), "if (a) {\n  if (b)\n    c();\n} else\n  d();\n");
    let src = "if (a) while (x) if (b) c(); else d(); else e();";
    assert_eq!(print(src), "if (a)\n  while (x)\n    if (b)\n      c();\n    else\n      d();\nelse\n  e();\n");
    assert_eq!(print("if (a) for (;;) { if (b) c(); } else d();"), "if (a)\n  for (;;) {\n    if (b)\n      c();\n  }\nelse\n  d();\n");
}

#[test]
fn lower_print_classes_and_objects() {
    let src = "class A extends (B, C) { static #x = 1; y; 'constructor'(a) { super(a); } static { this.z = 2; } get [k]() {} async *g() {} static async m() {} }";
    assert_eq!(
        print(src),
        "class A extends (B, C) {\n  constructor(a) {\n    super(a);\n  }\n  static #x = 1;\n  y;\n  static {\n    this.z = 2;\n  }\n  get [k]() {}\n  async *g() {}\n  static async m() {}\n}\n"
    );
    assert_eq!(print("o = { a, b: 1, [c]: 2, ...d, __proto__: e };"), "o = { a, b: 1, [c]: 2, ...d, __proto__: e };\n");
    assert_eq!(print("o = { m() {}, get x() { return 1; } };"), "o = {\n  m() {},\n  get x() {\n    return 1;\n  }\n};\n");
    assert_eq!(print("({ a = 1, b: [c], ...d } = e);"), "({ a = 1, b: [c], ...d } = e);\n");
}

#[test]
fn lower_print_modules() {
    let src = "import a, * as b from 'm'; import { c as d, 'e f' as g } from 'n' with { type: 'json' }; export { d as e, g }; export * as h from 'o'; export default async function () {}";
    assert_eq!(
        print_as(src, Goal::Module),
        "import a, * as b from \"m\";\nimport { c as d, \"e f\" as g } from \"n\" with { type: \"json\" };\nexport { d as e, g };\nexport * as h from \"o\";\nexport default async function () {}\n"
    );
}

#[test]
fn lower_print_survives_deep_nesting() {
    let depth = 900;
    let src = format!("x = {}1{};", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(print(&src).len(), src.len() + 1);
    // Left-nested operators are as deep as they are long (the parser takes
    // chains up to 20,000 operators).
    let src = format!("x = a{};", " + a".repeat(19_000));
    assert_eq!(print(&src).len(), src.len() + 1);
    let src = format!("{}x;{}", "{".repeat(depth), "}".repeat(depth));
    assert!(print(&src).contains('x'));
}

#[test]
fn lower_async_function_shapes() {
    assert_eq!(
        lower("async function f(a, b = g()) { return await a + b; }"),
        "function f(a) {\n  return spawn(function* (a, b = g()) {\n    return (yield a) + b;\n  }, this, arguments);\n}"
    );
    assert_eq!(lower("async function f({ a }, ...r) { await a; }").lines().next(), Some("function f($0) {"));
    assert_eq!(lower("o = { async m(x) { await x; } };"), "o = {\n  m(x) {\n    return spawn(function* (x) {\n      yield x;\n    }, this, arguments);\n  }\n};");
    assert_eq!(lower("f = async (x) => x;"), "f = (x) => spawn(function* (x) {\n  return x;\n}, this, [x]);");
    assert_eq!(lower("f = async ({ a }, b = 1) => a;").lines().next(), Some("f = ($0, ...$args) => spawn(function* ({ a }, b = 1) {"));
}

#[test]
fn lower_arrow_thunks() {
    let out = lower("function g() { return async (x) => arguments[x] + await new.target; }");
    assert!(out.contains("const $arguments = () => arguments, $newTarget = () => new.target;"), "{out}");
    assert!(out.contains("return $arguments()[x] + (yield $newTarget());"), "{out}");
    // An `arguments` declared inside the arrow is its own.
    let out = lower("function g() { return async () => { var arguments = 1; return arguments; }; }");
    assert!(!out.contains("$arguments"), "{out}");
    // Nested lowered arrows share the outermost thunk.
    let out = lower("function g() { return async () => async () => arguments; }");
    assert_eq!(out.matches("() => arguments").count(), 1, "{out}");
    assert!(out.contains("return $arguments();"), "{out}");
}

#[test]
fn lower_derived_constructor_arrows() {
    let out = lower("class B extends A { constructor() { const f = async () => { super(await 1); return this.x; }; f(); } }");
    assert!(out.contains("const $this = () => this, $superCall = (...args) => super(...args);"), "{out}");
    assert!(out.contains("$superCall(yield 1);") && out.contains("return $this().x;"), "{out}");
    assert!(out.contains("}, void 0, []);"), "{out}");
}

#[test]
fn lower_super_property_uses_a_home_object() {
    let out = lower("class B extends A { async m(x) { return super.m(await x); } }");
    let expected = "    return spawn({\n      __proto__: new Proxy({}, { get: (_, key) => super[key], set: (_, key, value) => (super[key] = value, true) }),\n      *m(x) {\n        return super.m(yield x);\n      }\n    }.m, this, arguments);";
    assert!(out.contains(expected), "{out}");
    // An arrow using super inside a lowered method: both get a home object.
    let out = lower("o = { async m() { return async () => super.x; } };");
    assert_eq!(out.matches("__proto__: new Proxy").count(), 2, "{out}");
}

#[test]
fn lower_leaves_for_await_and_async_generators() {
    let out = lower("async function f(xs) { for await (const x of xs) await x; } async function* g() { await 1; }");
    assert!(out.contains("async function f(xs) {") && out.contains("await x;"), "{out}");
    assert!(out.contains("async function* g() {"), "{out}");
}

#[test]
fn lower_sloppy_block_declarations_stay_block_scoped() {
    assert_eq!(lower("{ f(); async function f() {} }"), "{\n  let f = function () {\n    return spawn(function* () {}, this, arguments);\n  };\n  f();\n}");
    assert!(lower("'use strict'; { async function f() {} }").contains("  function f() {"));
}

#[test]
fn lower_fresh_names_avoid_the_program_names() {
    let arena = bumpalo::Bump::new();
    let src = "var spawn = 1, $args = 2; f = async (...r) => r;";
    let parsed = parse(&arena, src, Goal::Script).unwrap_or_else(|e| panic!("{e:?}"));
    let out = lower_program(&parsed, src);
    assert!(out.contains("function spawn$(") && out.contains("(...$$args) => spawn$("), "{out}");
}

#[test]
fn lower_renames_yield_identifiers_inside_generators() {
    let out = lower("var yield = 1; async function f() { yield: for (;;) break yield; return { yield }; }");
    assert!(out.contains("var $yield = 1;") && out.contains("$yield: for (;;)") && out.contains("break $yield;"), "{out}");
    assert!(out.contains("return { yield: $yield };"), "{out}");
    assert_eq!(lower("var yield = 1; function* g() {}"), "var yield = 1;\nfunction* g() {}");
}
