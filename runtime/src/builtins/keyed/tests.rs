//! Tests of Map, Set, WeakMap, WeakSet and their iterators, run as JavaScript.

use crate::builtins::support::eval;

fn check(src: &str, expected: &str) {
    assert_eq!(eval(src), expected, "{src}");
}

#[test]
fn map_basics_and_same_value_zero() {
    check("var m = new Map([['a', 1], ['b', 2]]); m.get('a') + m.get('b') + m.size", "5");
    check("var m = new Map(); m.set(-0, 'z'); Object.is([...m.keys()][0], 0) + ',' + m.get(0)", "true,z");
    check("var m = new Map([[NaN, 1]]); m.has(NaN)", "true");
    check("var m = new Map([[1, 1]]); m.delete(1) + ',' + m.delete(1) + ',' + m.size", "true,false,0");
    check("Map.prototype[Symbol.iterator] === Map.prototype.entries", "true");
    check("var r; try { Map() } catch (e) { r = e instanceof TypeError } r", "true");
}

#[test]
fn live_iteration() {
    check("var m = new Map([[1,1],[2,2],[3,3]]); var out = []; for (var [k] of m) { out.push(k); if (k === 1) { m.delete(2); m.set(4, 4) } } out.join()", "1,3,4");
    check("var s = new Set([1,2,3]); var it = s.values(); it.next(); s.clear(); s.add(9); it.next().value", "9");
    check("var s = new Set([1]); var out = []; s.forEach(v => { out.push(v); if (v < 5) s.add(v + 1) }); out.join()", "1,2,3,4,5");
    check("var s = new Set(); for (var i = 0; i < 100; i++) s.add(i); var it = s.values(); for (var i = 0; i < 99; i++) s.delete(i); it.next().value", "99");
}

#[test]
fn group_by() {
    check("var g = Map.groupBy([1,2,3,4], x => x % 2 ? 'odd' : 'even'); [...g.keys()].join() + ':' + g.get('odd').join()", "odd,even:1,3");
    check("Map.groupBy([1], () => -0).has(0)", "true");
}

#[test]
fn set_algebra() {
    check("[...new Set([1,2]).union(new Set([2,3]))].join()", "1,2,3");
    check("[...new Set([1,2,3]).intersection(new Set([3,2]))].join()", "3,2");
    check("[...new Set([1,2]).intersection(new Set([3,2,1]))].join()", "1,2");
    check("[...new Set([1,2,3]).difference(new Set([2]))].join()", "1,3");
    check("[...new Set([1,2]).symmetricDifference(new Set([2,3]))].join()", "1,3");
    check("new Set([1]).isSubsetOf(new Set([1,2])) + ',' + new Set([1,2]).isSupersetOf(new Set([2]))", "true,true");
    check("new Set([1]).isDisjointFrom(new Map([[2, 0]]))", "true");
    check("var r; try { new Set().union({size: NaN, has() {}, keys() {}}) } catch (e) { r = e.constructor.name } r", "TypeError");
    check("var r; try { new Set().union({size: -1, has() {}, keys() {}}) } catch (e) { r = e.constructor.name } r", "RangeError");
}

#[test]
fn weak_collections() {
    check("var k = {}; var w = new WeakMap([[k, 1]]); w.get(k) + ',' + w.has({}) + ',' + w.delete(k) + ',' + w.has(k)", "1,false,true,false");
    check("var r; try { new WeakMap().set(1, 1) } catch (e) { r = e.constructor.name } r", "TypeError");
    check("var r; try { new WeakSet().add(Symbol.for('x')) } catch (e) { r = e.constructor.name } r", "TypeError");
    check("var s = Symbol('x'); new WeakSet([s]).has(s)", "true");
}
