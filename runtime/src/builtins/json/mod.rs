//! The `JSON` object (ECMAScript 2025 §25.5): `JSON.parse` (in
//! [`parse`]), `JSON.stringify` (in [`stringify`]) and `@@toStringTag`.

mod parse;
mod stringify;

use super::builder::Builder;
use super::support::{install_global, to_string_tag};
use spindle_vm::object::ObjectKind;
use spindle_vm::value::Value;
use spindle_vm::Vm;

/// Installs `JSON`.
pub(crate) fn install(vm: &mut Vm) {
    let json = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    Builder::new(vm, json).method("parse", 2, parse::parse).method("stringify", 3, stringify::stringify);
    to_string_tag(vm, json, "JSON");
    install_global(vm, "JSON", Value::Object(json));
    vm.realm.named.insert("%JSON%", json);
}

#[cfg(test)]
mod tests {
    use crate::builtins::support::eval;

    fn check(src: &str, expected: &str) {
        assert_eq!(eval(src), expected, "{src}");
    }

    fn throws(expr: &str, message: &str) {
        let src = format!("(function () {{ try {{ {expr}; return 'no exception' }} catch (e) {{ return e.message }} }})()");
        assert_eq!(eval(&src), message, "{expr}");
    }

    #[test]
    fn parse_values() {
        check("JSON.parse('[1, -2.5e1, \"a\\\\u0041\\\\n\", true, false, null, {}]').length", "7");
        check("JSON.parse('{\"a\": {\"b\": [1, 2]}, \"a\": 3}').a", "3");
        check("JSON.parse(' \"x\" ')", "x");
        check("JSON.parse('{\"__proto__\": 1}').__proto__", "1");
        throws("JSON.parse('[1,]')", "Unexpected token ']' in JSON at position 3");
        throws("JSON.parse('')", "Unexpected end of JSON input");
        throws("JSON.parse('01')", "Unexpected token '1' in JSON at position 1");
        throws("JSON.parse('\"\\t\"')", "Unexpected token '\t' in JSON at position 1");
    }

    #[test]
    fn parse_with_reviver() {
        check("JSON.stringify(JSON.parse('{\"a\": 1, \"b\": [2, 3]}', (k, v) => typeof v === 'number' ? v * 10 : v))", "{\"a\":10,\"b\":[20,30]}");
        check("JSON.stringify(JSON.parse('{\"a\": 1, \"b\": 2}', (k, v) => k === 'a' ? undefined : v))", "{\"b\":2}");
    }

    #[test]
    fn stringify_values() {
        check("JSON.stringify({a: [1, 'x', null, undefined, () => 1], b: undefined, c: 0/0})", "{\"a\":[1,\"x\",null,null,null],\"c\":null}");
        check("JSON.stringify('\\u2028\\ud800\"\\n')", "\"\u{2028}\\ud800\\\"\\n\"");
        check("JSON.stringify({a: 1, b: [1, 2], c: {}}, null, 2)", "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": {}\n}");
        check("JSON.stringify({a: 1, b: 2, c: 3}, ['c', 'a'])", "{\"c\":3,\"a\":1}");
        check("JSON.stringify({a: 1, b: 'x'}, (k, v) => typeof v === 'number' ? v + 1 : v)", "{\"a\":2,\"b\":\"x\"}");
        check("JSON.stringify({toJSON(k) { return 'key:' + k }})", "\"key:\"");
        check("JSON.stringify(new String('s')) + JSON.stringify(new Number(3))", "\"s\"3");
        check("JSON.stringify(undefined) === undefined", "true");
        check("JSON.stringify([], null, 'ab') + JSON.stringify({a: []}, null, '--')", "[]{\n--\"a\": []\n}");
        throws("JSON.stringify(1n)", "Do not know how to serialize a BigInt");
        throws("var o = {}; o.o = o; JSON.stringify(o)", "Converting circular structure to JSON");
    }
}

/// ParseJSON(text) for the host (JSON modules): `JSON.parse` without a
/// reviver, whatever the global `JSON` is now.
pub(crate) fn parse_text(vm: &mut Vm, text: &str) -> spindle_vm::JsResult<Value> {
    let text = vm.string(text);
    parse::parse(vm, Value::Undefined, &[text], None)
}
