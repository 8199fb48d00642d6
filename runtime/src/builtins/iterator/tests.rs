//! Tests of `Iterator`, `Iterator.from` and the iterator helpers, run as JavaScript.

use crate::builtins::support::eval;

fn check(src: &str, expected: &str) {
    assert_eq!(eval(src), expected, "{src}");
}

/// A counting iterator over 1..=n that records whether it was closed.
const COUNTER: &str = "var closed = 0; function counter(n) { var i = 0; return Iterator.from({ next() { return i < n ? { value: ++i, done: false } : { value: undefined, done: true } }, return() { closed++; return {} } }) }";

#[test]
fn constructor_is_abstract() {
    check("var r; try { new Iterator() } catch (e) { r = e.constructor.name } r", "TypeError");
    check("var r; try { Iterator() } catch (e) { r = e.constructor.name } r", "TypeError");
    check("class I extends Iterator {} new I() instanceof Iterator", "true");
    check("Iterator.prototype[Symbol.toStringTag] + ',' + (Iterator.prototype.constructor === Iterator)", "Iterator,true");
    check("var o = Object.create(Iterator.prototype); o[Symbol.toStringTag] = 'x'; Object.getOwnPropertyDescriptor(o, Symbol.toStringTag).value", "x");
}

#[test]
fn lazy_helpers() {
    check(&format!("{COUNTER}; counter(5).map(x => x * 2).filter(x => x > 4).toArray().join()"), "6,8,10");
    check(&format!("{COUNTER}; counter(10).drop(2).take(3).toArray().join() + ':' + closed"), "3,4,5:1");
    check("[1, 2].values().flatMap(x => [x, x * 10]).toArray().join()", "1,10,2,20");
    check(&format!("{COUNTER}; var it = counter(3).map(x => x); it.next(); it.return(); closed + ',' + it.next().done"), "1,true");
    check("var it = [1].values().map(x => it.next()); var r; try { it.next() } catch (e) { r = e.constructor.name } r", "TypeError");
    check("var r; try { [].values().take(-1) } catch (e) { r = e.constructor.name } r", "RangeError");
    check("Object.prototype.toString.call([].values().map(x => x))", "[object Iterator Helper]");
}

#[test]
fn consumers() {
    check("[1, 2, 3].values().reduce((a, b) => a + b)", "6");
    check(&format!("{COUNTER}; counter(5).some(x => x === 2) + ',' + closed"), "true,1");
    check("[1, 2, 3].values().every(x => x > 0) + ',' + [1, 2, 3].values().find(x => x > 1)", "true,2");
    check("var s = 0; [1, 2].values().forEach(x => s += x); s", "3");
    check("var r; try { [].values().reduce((a, b) => a) } catch (e) { r = e.constructor.name } r", "TypeError");
}

#[test]
fn from_wraps_foreign_iterators() {
    check("var it = { next() { return { done: true } } }; Object.getPrototypeOf(Iterator.from(it)) === Iterator.prototype", "false");
    check("var a = [1].values(); Iterator.from(a) === a", "true");
    check("Iterator.from('ab').toArray().join()", "a,b");
}

#[test]
fn proposals_covered_by_test262() {
    check("[1, 2, 3, 4, 5].values().chunks(2).toArray().map(c => c.join('')).join()", "12,34,5");
    check("[1, 2, 3, 4].values().windows(3).toArray().map(c => c.join('')).join()", "123,234");
    check("[1, 2].values().windows(3, 'allow-partial').toArray().map(c => c.join('')).join()", "12");
    check("[1, 2].values().windows(3).toArray().length", "0");
    check("[1, NaN].values().includes(NaN) + ',' + [1, 2].values().includes(1, 1)", "true,false");
    check("['a', null, 1].values().join() + '|' + [1, 2].values().join('-')", "a,,1|1-2");
    check("var r; try { [].values().chunks(Infinity) } catch (e) { r = e.constructor.name } r", "TypeError");
}
