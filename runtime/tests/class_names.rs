//! The `name` of class elements: a private method or accessor is named by
//! its Private Name's description, `#name` (SetFunctionName, §10.2.9); and
//! the class's own inner name binding: in its TDZ while the heritage and
//! computed keys are evaluated, immutable, initialised before static
//! elements run.

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
