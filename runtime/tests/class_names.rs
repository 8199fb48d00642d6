//! The `name` of class elements: a private method or accessor is named by
//! its Private Name's description, `#name` (SetFunctionName, §10.2.9); and
//! the class's own inner name binding: in its TDZ while the heritage and
//! computed keys are evaluated, immutable, initialised before static
//! elements run. Anonymous functions and classes defined under a
//! computed, string or numeric key of an object literal are named from the
//! key (NamedEvaluation), and a parenthesized assignment target names
//! nothing; so are those a class field's initializer makes (by the field's
//! key: a computed one, or a private name's `#x`).

use spindle_runtime::{RunError, Runtime};

fn run(source: &str) -> String {
    let mut rt = Runtime::new();
    match rt.eval(source, "class_names.js") {
        Ok(v) => rt.display(v),
        Err(RunError::Exception(e)) => rt.describe_exception(e),
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn private_methods_are_named_by_their_private_name() {
    let source = "class C { #m() {} get #g() { return 1; } static #s() {} static names() { return new C().#m.name + ',' + C.#s.name; } } C.names()";
    assert_eq!(run(source), "#m,#s");
}

#[test]
fn the_inner_class_name_is_in_its_tdz_until_the_class_is_made() {
    assert!(run("class C extends C {}").contains("ReferenceError"));
    assert!(run("var x = class D extends (D, Object) {};").contains("ReferenceError"));
    assert!(run("class F { [F] = 1 }").contains("ReferenceError"));
    assert_eq!(run("class G { static self = G; static { this.seen = G === this; } m() { return G; } } [G.self === G, G.seen, new G().m() === G].join()"), "true,true,true");
    assert!(run("class H { m() { H = 1; } } new H().m()").contains("TypeError"), "the inner name is immutable");
}

#[test]
fn object_literal_keys_known_at_run_time_name_anonymous_functions() {
    assert_eq!(run("var s = Symbol('d'), k = 'dyn'; var o = { [k]: () => 1, [s]: function () {}, [Symbol()]: () => 1, 'a b': function* () {}, 3: async () => {}, [k + 2]: class {} }; [o.dyn.name, o[s].name, o['a b'].name, o[3].name, o.dyn2.name].join()"), "dyn,[d],a b,3,dyn2");
    assert_eq!(run("var o = { [Symbol()]: () => 1 }; JSON.stringify(o[Object.getOwnPropertySymbols(o)[0]].name)"), "\"\"");
    // The class is named before its elements are defined: a static `name` method stays.
    assert_eq!(run("var k = 'c'; typeof { [k]: class { static name() {} } }.c.name"), "function");
    assert_eq!(run("var x = { [class {}]: 1 }; Object.keys(x)[0].startsWith('class')"), "true");
    assert_eq!(run("var f; (f) = function () {}; JSON.stringify(f.name)"), "\"\"");
    assert_eq!(run("var g; g = function () {}; g.name"), "g");
}

#[test]
fn class_field_initializers_name_anonymous_functions_by_the_key() {
    let source = "var k = 'comp'; class C { a = () => 1; static b = function () {}; #c = () => 2; static #d = class {}; [k] = () => 3; static [k + 2] = () => 4; \
                  e = function named() {}; f = (0, function () {}); \
                  names() { return [this.a.name, C.b.name, this.#c.name, C.#d.name, this.comp.name, C.comp2.name, this.e.name, JSON.stringify(this.f.name)].join(); } } new C().names()";
    assert_eq!(run(source), "a,b,#c,#d,comp,comp2,named,\"\"");
}
