//! Tests of `Array` and `Array.prototype`, run as JavaScript.

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
    check("Array(3).length", "3");
    check("new Array(1, 2, 3).join('-')", "1-2-3");
    check("Array('3').length", "1");
    throws("new Array(-1)", "Invalid array length");
    check("Array.of(7, 8).join()", "7,8");
    check("Array.from('abc').join()", "a,b,c");
    check("Array.from({length: 3, 0: 'x'}, (v, i) => v + i).join()", "x0,NaN,NaN");
    check("Array.isArray([]) + ',' + Array.isArray({})", "true,false");
    check("Array.from([1,2].values()).length", "2");
    check("typeof Array.fromAsync + Array.fromAsync.length + Array.fromAsync.name", "function1fromAsync");
}

#[test]
fn access_methods() {
    check("[1,2,3].at(-1)", "3");
    check("[1,[2,3]].concat(4,[5,[6]]).length", "5");
    check("[1,2,3,4,5].slice(1,-1).join()", "2,3,4");
    check("[1,null,undefined,'a'].join()", "1,,,a");
    check("[1,2].toString()", "1,2");
    check("[1,2,3].with(1, 9).join()", "1,9,3");
    check("[1,2,3].toReversed().join()", "3,2,1");
    check("[1,2,3,4].toSpliced(1, 2, 'a').join()", "1,a,4");
    check("'' + [1,[2,[3]]]", "1,2,3");
}

#[test]
fn searching() {
    check("[1,2,0/0].includes(0/0)", "true");
    check("[1,2,0/0].indexOf(0/0)", "-1");
    check("[1,2,1].lastIndexOf(1)", "2");
    check("[1,2,3].find(x => x > 1)", "2");
    check("[1,2,3].findIndex(x => x > 5)", "-1");
    check("[1,2,3].findLast(x => x < 3)", "2");
    check("[1,2,3].findLastIndex(x => x < 3)", "1");
}

#[test]
fn iteration_methods() {
    check("[1,2,3].map(x => x * 2).join()", "2,4,6");
    check("[1,2,3,4].filter(x => x % 2).join()", "1,3");
    check("[1,2,3].reduce((a, b) => a + b)", "6");
    check("[1,2,3].reduceRight((a, b) => a + b, '')", "321");
    throws("[].reduce((a, b) => a)", "Reduce of empty array with no initial value");
    check("[1,2,3].every(x => x > 0) + ',' + [1,2,3].some(x => x > 2)", "true,true");
    check("var s = 0; [1,,3].forEach(x => s += x); s", "4");
    check("[1,[2,[3,[4]]]].flat(1 / 0).join()", "1,2,3,4");
    check("[1,2].flatMap(x => [x, x * 10]).join()", "1,10,2,20");
}

#[test]
fn mutation() {
    check("var a = [1]; a.push(2, 3) + ':' + a.join()", "3:1,2,3");
    check("var a = [1,2]; a.pop() + ':' + a.length", "2:1");
    check("var a = [1,2,3]; a.shift() + ':' + a.join()", "1:2,3");
    check("var a = [3]; a.unshift(1, 2) + ':' + a.join()", "3:1,2,3");
    check("var a = [1,2,3,4]; a.splice(1, 2, 'x').join() + ':' + a.join()", "2,3:1,x,4");
    check("var a = [1,2,3,4]; a.splice(1, 1, 'x', 'y'); a.join()", "1,x,y,3,4");
    check("[1,2,3].reverse().join()", "3,2,1");
    check("[1,2,3,4].fill(0, 1, 3).join()", "1,0,0,4");
    check("[1,2,3,4,5].copyWithin(0, 3).join()", "4,5,3,4,5");
    check("var o = {length: 2, 0: 'a', 1: 'b', push: Array.prototype.push}; o.push('c'); o.length + o[2]", "3c");
}

#[test]
fn sorting() {
    check("[3,1,10,2].sort().join()", "1,10,2,3");
    check("[3,1,10,2].sort((a, b) => a - b).join()", "1,2,3,10");
    check("[3,undefined,1,,2].sort().length", "5");
    check("'' + [3,undefined,1,,2].sort()", "1,2,3,,");
    check("var r; try { [2,1].sort(() => { throw 'x' }) } catch (e) { r = e } r", "x");
    check("[2,1].toSorted().join()", "1,2");
    check("var a = [{k:1,v:'a'},{k:0,v:'b'},{k:1,v:'c'},{k:0,v:'d'}]; a.sort((x, y) => x.k - y.k).map(x => x.v).join('')", "bdac");
}

#[test]
fn iterators() {
    check("var r = []; for (var x of [1,2]) r.push(x); r.join()", "1,2");
    check("var r = []; for (var [k, v] of ['a','b'].entries()) r.push(k + v); r.join()", "0a,1b");
    check("[...[5,6].keys()].join()", "0,1");
}

#[test]
fn property_attributes() {
    check("var d = Object.getOwnPropertyDescriptor(Array.prototype, 'map'); d.writable + ',' + d.enumerable + ',' + d.configurable", "true,false,true");
    check("var d = Object.getOwnPropertyDescriptor(Array, 'prototype'); d.writable + ',' + d.configurable", "false,false");
    check("Array.prototype[Symbol.iterator] === Array.prototype.values", "true");
    check("Object.getOwnPropertyDescriptor(Array, Symbol.species).get.name", "get [Symbol.species]");
    check("Object.getPrototypeOf(Array.prototype[Symbol.unscopables])", "null");
    check("Object.getPrototypeOf(Array.fromAsync) === Function.prototype", "true");
    check("[].values()[Symbol.toStringTag]", "Array Iterator");
}

#[test]
fn species() {
    check("class A extends Array {}; var a = new A(1,2,3); a.map(x => x).constructor === A", "true");
    check("var a = [1, 2]; a.constructor = { [Symbol.species]: function (n) { this.n = n } }; a.map(x => x).n", "2");
    check("var r; try { var a = []; a.constructor = { [Symbol.species]: 1 }; a.map(x => x) } catch (e) { r = e instanceof TypeError } r", "true");
    check("var a = [1]; a.constructor = undefined; Array.isArray(a.map(x => x))", "true");
}

/// The callback loops read each element as it is when reached, whether the
/// array stays plain and dense or stops being so during the loop.
#[test]
fn callbacks_see_the_array_as_it_changes() {
    // Elements changed, deleted and appended by the callback.
    check("var a = [1, 2, 3, 4]; a.map((x, i) => { if (i === 0) { a[2] = 30; delete a[3]; a.push(5); } return x; }).join()", "1,2,30,");
    // A hole becomes visible through Array.prototype once it has an index.
    check("var a = [1, , 3]; var r = a.map((x, i) => { if (i === 0) Array.prototype[1] = 'p'; return x; }); delete Array.prototype[1]; r.join()", "1,p,3");
    // The array turns sparse mid-loop (a far index): later reads take the general path.
    check("var a = [1, 2, 3]; a.filter((x, i) => { if (i === 0) a[1e6] = 9; return true; }).join()", "1,2,3");
    check("var a = [1, 2, 3]; a.reduce((s, x, i) => { if (i === 1) a[2] = 10; return s + x; })", "13");
    check("var a = [1, 2, 3]; a.reduceRight((s, x, i) => { if (i === 1) a.length = 1; return s + x; })", "6");
    check("var seen = []; [1, , 3].forEach((x, i) => seen.push(i)); seen.join()", "0,2");
    check("[1, 2, 3].some((x, i, o) => { o[2] = 0; return x === 0; })", "true");
}
