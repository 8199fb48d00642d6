//! Parser tests: programs that must parse, programs that must be rejected
//! with a SyntaxError, and the scope analysis the parser records.

use crate::ast::{Goal, Stmt};
use crate::scope::Resolution;
use crate::{check_syntax, parse};

fn accepts(src: &str) {
    if let Err(e) = check_syntax(src, Goal::Script) {
        panic!("rejected {src:?}: {}", e.message);
    }
}

fn rejects(src: &str) {
    assert!(check_syntax(src, Goal::Script).is_err(), "accepted {src:?}");
}

fn module_accepts(src: &str) {
    if let Err(e) = check_syntax(src, Goal::Module) {
        panic!("rejected module {src:?}: {}", e.message);
    }
}

fn module_rejects(src: &str) {
    assert!(check_syntax(src, Goal::Module).is_err(), "accepted module {src:?}");
}

#[test]
fn valid_programs() {
    for src in [
        "let x = 1; x + 1",
        "var a = (b, c) => b + c, d = async x => await x;",
        "({a, b: [c = 1, ...d], ...e} = f);",
        "for (const [k, v] of m) { if (k) continue; else break; }",
        "label: for (;;) { continue label; }",
        "class A extends B { #x = 1; static #y; get z() { return this.#x; } static { this.#y = 1; } constructor() { super(); } m() { return #x in this; } }",
        "a?.b?.[c]?.(d)",
        "x ??= y; x ||= z; x &&= w",
        "tag`a${b}c\\unicode`",
        "/(?<year>\\d{4})/u.exec(s)",
        "1_000n + 0x1Fn",
        "function* g() { yield* g(); yield; }",
        "async function* ag() { for await (const x of y) yield await x; }",
        "if (a) function f() {}",
        "yield => 1; let async = 1; async;",
        "var let = 1; let\nfoo",
        "a = b\n++c",
        "import('m').then(m => m)",
        "function f() { return new.target === undefined ? 1 : 2 }",
    ] {
        accepts(src);
    }
}

#[test]
fn early_errors() {
    for src in [
        "a + b => c",
        "let let = 1",
        "let a; var a;",
        "{ let a; { var a; } }",
        "const a;",
        "({a:1} = 1)",
        "({a = 1})",
        "function f(a, a) { 'use strict' }",
        "(a, a) => 1",
        "function f(a = 1) { 'use strict' }",
        "'use strict'; with (a) {}",
        "'use strict'; delete x",
        "'use strict'; var eval",
        "'use strict'; 010",
        "function f() { '\\01'; 'use strict' }",
        "break",
        "x: x: ;",
        "while (1) { continue y; }",
        "class A { constructor() {} constructor() {} }",
        "class A { #x; #x; }",
        "this.#x",
        "class A { m() { super(); } }",
        "function f() { super.x }",
        "new.target",
        "a ?? b || c",
        "-a ** 2",
        "`\\unicode`",
        "/(?<a>x)(?<a>y)/",
        "for (let of x);",
        "for (let x = 1 of y);",
        "async function f() { var await; }",
        "function* g() { var yield; }",
        "x = {__proto__: 1, __proto__: 2}",
        "a?.b = 1",
        "new a?.b()",
        "import x from 'm'",
        "return",
        "if (a) class C {}",
        "while (1) function f() {}",
        "try {} catch (e) { let e; }",
        "label: function* g() {}",
        "({ get a(x) {} })",
        "({ set a() {} })",
    ] {
        rejects(src);
    }
}

#[test]
fn modules() {
    module_accepts("import a, * as b from 'm'; export { a as default, b }; export * as c from 'n'; await 1;");
    module_accepts("export default class {} export const x = 1;");
    module_rejects("export { x }");
    module_rejects("let a; export { a, a };");
    module_rejects("import { if } from 'm'");
    module_rejects("var await;");
    module_rejects("with (a) {}");
    assert!(check_syntax("import.meta", Goal::Script).is_err());
    module_accepts("import.meta.url");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for open in ["(", "[", "{a:", "!", "a=", "if(1)"] {
        let src = open.repeat(100_000);
        assert!(check_syntax(&src, Goal::Script).is_err());
    }
}

#[test]
fn scope_analysis_resolves_and_marks_captures() {
    let arena = bumpalo::Bump::new();
    let parsed = parse(&arena, "let a = 1; function f(b) { return () => a + b + c; }", Goal::Script).expect("valid");
    let Stmt::Function(f) = parsed.program.body[1] else { panic!("not a function") };
    let b = parsed.scopes.lookup_local(f.scope, "b").expect("param b");
    assert!(parsed.scopes.binding(f.scope, b).captured);
    let top = parsed.program.scope;
    let a = parsed.scopes.lookup_local(top, "a").expect("a");
    assert!(parsed.scopes.binding(top, a).captured);
    let globals = (0..parsed.scopes.ref_count())
        .map(|i| parsed.scopes.resolution(crate::ast::RefId::from_u32(i as u32)))
        .filter(|r| *r == Resolution::Global)
        .count();
    assert_eq!(globals, 1, "only c is global");
}

#[test]
fn syntax_error_rendering_points_at_the_spot() {
    let src = "let x = 1;\nlet y = );";
    let e = check_syntax(src, Goal::Script).expect_err("invalid");
    let text = e.render("t.js", src);
    assert!(text.starts_with("t.js:2:9\nlet y = );\n        ^"), "{text}");
    assert!(text.ends_with("SyntaxError: Unexpected token ')'"), "{text}");
}
