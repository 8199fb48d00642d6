//! Tests of `RegExp`, run as JavaScript in a fresh runtime.

use crate::builtins::support::eval;

fn check(src: &str, expected: &str) {
    assert_eq!(eval(src), expected, "{src}");
}

#[test]
fn literals_are_fresh_regexps() {
    check("var f = () => /a/g; f() !== f() && f() instanceof RegExp", "true");
    check("Object.prototype.toString.call(/x/)", "[object RegExp]");
    check("/a+/.exec('baaa')[0]", "aaa");
}

#[test]
fn exec_result_shape() {
    check("var m = /(a)(?<n>b)?/.exec('xa'); [m.index, m.input, m[1], m[2], m.groups.n, m.length].join()", "1,xa,a,,,3");
    check("var m = /a(b)/d.exec('xab'); JSON.stringify(m.indices)", "[[1,3],[2,3]]");
    check("Object.keys(/a/d.exec('a')).join()", "0,index,input,groups,indices");
}

#[test]
fn last_index_for_global_and_sticky() {
    check("var r = /a/g; r.exec('aa'); r.lastIndex", "1");
    check("var r = /a/y; r.lastIndex = 1; [r.test('ba'), r.lastIndex, r.test('ba'), r.lastIndex].join()", "true,2,false,0");
    check("var r = /./gu; r.lastIndex = 1; var m = r.exec('\\u{1F600}'); [m.index, r.lastIndex].join()", "0,2");
}

#[test]
fn constructor_forms() {
    check("var r = /a/g; RegExp(r) === r", "true");
    check("new RegExp(/a/g, 'i').flags", "i");
    check("new RegExp('a', 'gimsuyd').flags", "dgimsuy");
    check("(() => { try { new RegExp('a', 'gg') } catch (e) { return e.name } })()", "SyntaxError");
    check("(() => { try { new RegExp('(') } catch (e) { return e.name } })()", "SyntaxError");
    check("String(new RegExp('a/b'))", "/a\\/b/");
    check("RegExp.prototype.source + RegExp.prototype.global", "(?:)undefined");
}

#[test]
fn string_methods_through_symbols() {
    check("'a1b2'.replace(/\\d/g, d => d * 2)", "a2b4");
    check("'John Smith'.replace(/(?<f>\\w+) (?<l>\\w+)/, '$<l>, $<f> ($&)')", "Smith, John (John Smith)");
    check("'a,b;c'.split(/[,;]/).join('|')", "a|b|c");
    check("'abc'.search(/c/)", "2");
    check("'aXbX'.match(/X/g).length", "2");
    check("[...'a1b2'.matchAll(/\\d/g)].map(m => m.index).join()", "1,3");
}

#[test]
fn escape_and_compile() {
    check("RegExp.escape('a.b')", "\\x61\\.b");
    check("var r = /a/g; r.compile('b', 'i'); [r.source, r.flags, r.lastIndex].join()", "b,i,0");
}

#[test]
fn replace_fast_and_observable_paths_agree() {
    let src = "var out = []; class R extends RegExp { exec(s) { return super.exec(s) } }; \
               for (const [re, rep] of [[/(?<a>x)(y)?/g, '[$<a>|$2|$1$&]'], [/(?:)/g, '-'], [/b/, (m, i, s) => m + i], \
               [/(?<n>\\d)/g, (...args) => JSON.stringify(args[args.length - 1])], [/\\u{1F600}|(?:)/gu, '.']]) { \
               out.push('axyxb\\u{1F600}'.replace(re, rep)); out.push('axyxb\\u{1F600}'.replace(new R(re.source, re.flags), rep)); } \
               out.join(' ')";
    let out = eval(src);
    let pieces: Vec<&str> = out.split(' ').collect();
    for pair in pieces.chunks(2) {
        assert_eq!(pair[0], pair[1], "{out}");
    }
    assert!(out.starts_with("a[x|y|xxy][x||xx]b"), "{out}");
}

#[test]
fn global_match_with_builtin_and_user_exec() {
    check("JSON.stringify('a1bb22\\u{1F600}'.match(/\\d*/gu))", "[\"\",\"1\",\"\",\"\",\"22\",\"\",\"\"]");
    check(
        "class R extends RegExp { exec(s) { return super.exec(s) } }; JSON.stringify('a1bb22'.match(new R('\\\\d+', 'g')))",
        "[\"1\",\"22\"]",
    );
}
