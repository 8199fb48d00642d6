//! The `name` of class elements: a private method or accessor is named by
//! its Private Name's description, `#name` (SetFunctionName, §10.2.9).

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
