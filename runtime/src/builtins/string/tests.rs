//! Tests of `String` and `String.prototype`, run as JavaScript.

use crate::builtins::support::eval;

fn check(src: &str, expected: &str) {
    assert_eq!(eval(src), expected, "{src}");
}

/// `expr` throws an error with this message.
fn throws(expr: &str, message: &str) {
    let src = format!("(function () {{ try {{ {expr}; return 'no exception' }} catch (e) {{ return e.message }} }})()");
    assert_eq!(eval(&src), message, "{expr}");
}

#[test]
fn constructor_and_statics() {
    check("String(12)", "12");
    check("String()", "");
    check("typeof new String('ab')", "object");
    check("new String('ab').length", "2");
    check("new String('ab')[1]", "b");
    check("String.fromCharCode(104, 105)", "hi");
    check("String.fromCodePoint(0x1F600).length", "2");
    throws("String.fromCodePoint(-1)", "Invalid code point -1");
    check("String.raw({raw: ['a', 'b', 'c']}, 1, 2)", "a1b2c");
    check("String.raw`x\\ny${1}`", "x\\ny1");
}

#[test]
fn reading_methods() {
    check("'abc'.at(-1) + 'abc'.charAt(1) + 'abc'.charCodeAt(0)", "cb97");
    check("'\\u{1F600}'.codePointAt(0)", "128512");
    check("'a'.concat(1, null)", "a1null");
    check("'hello'.endsWith('lo') + ',' + 'hello'.startsWith('he', 0) + ',' + 'hello'.includes('ll')", "true,true,true");
    check("'abcabc'.indexOf('c', 3) + ',' + 'abcabc'.lastIndexOf('a') + ',' + 'abc'.lastIndexOf('c', -5)", "5,3,-1");
    check("'abcdef'.slice(-3, -1) + 'abcdef'.substring(4, 1) + 'abcdef'.substr(-2)", "debcdef");
    check("'ab'.repeat(3)", "ababab");
    throws("'ab'.repeat(-1)", "Invalid count value: -1");
    check("'a\\uD800'.isWellFormed() + ',' + 'a\\uD800'.toWellFormed().charCodeAt(1)", "false,65533");
    check("'\\u0041\\u030A'.normalize('NFC').length", "1");
    check("'a'.localeCompare('b')", "-1");
    check("'abc'.padStart(6, '12') + 'abc'.padEnd(5)", "121abcabc  ");
    check("'  x \\n'.trim() + '|' + '  x'.trimStart() + '|' + 'x  '.trimEnd() + '|'", "x|x|x|");
    check("String.prototype.trimLeft === String.prototype.trimStart", "true");
}

#[test]
fn case_mapping() {
    check("'Straße'.toUpperCase()", "STRASSE");
    check("'ΑΣ'.toLowerCase()", "ας");
    check("'ABC'.toLowerCase() + 'def'.toUpperCase()", "abcDEF");
    check("'İ'.toLowerCase().length", "2");
}

#[test]
fn patterns_with_strings() {
    check("'a-b-c'.split('-').join('|')", "a|b|c");
    check("'abc'.split('').length + ',' + 'a,b'.split(',', 1).length + ',' + ''.split(',').length", "3,1,1");
    check("'aXbXc'.replace('X', '_')", "a_bXc");
    check("'aXbXc'.replaceAll('X', (m, p) => p)", "a1b3c");
    check("'abc'.replace('b', '[$&|$`|$\\'|$$|$1]')", "a[b|a|c|$|$1]c");
    check("'xxx'.replaceAll('', '-')", "-x-x-x-");
    check("var o = { [Symbol.replace](s, r) { return s + r } }; 'q'.replace(o, '!')", "q!");
    check("var o = { [Symbol.split](s, l) { return l } }; 'q'.split(o, 7)", "7");
    check("Object.defineProperty(Number.prototype, Symbol.split, { get() { throw 1 } }); 'a1b'.split(1).length", "2");
}

#[test]
fn html_and_iteration() {
    check("'x'.anchor('a\"b')", "<a name=\"a&quot;b\">x</a>");
    check("'x'.bold() + 'x'.sup()", "<b>x</b><sup>x</sup>");
    check("var r = []; for (var c of 'a\\u{1F600}b') r.push(c.length); r.join()", "1,2,1");
    check("[...'héllo'].length", "5");
}

#[test]
fn value_of_checks() {
    check("'abc'.toString() + new String('d').valueOf()", "abcd");
    throws("({ f: String.prototype.toString }).f()", "String.prototype.valueOf requires that 'this' be a String");
}
