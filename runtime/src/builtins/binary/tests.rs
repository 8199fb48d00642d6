//! Behaviour of ArrayBuffer, the typed arrays and DataView, checked
//! against what Node prints.

use crate::builtins::support::eval;

fn check(source: &str, expected: &str) {
    assert_eq!(eval(source), expected, "{source}");
}

#[test]
fn array_buffer_slice_resize_transfer() {
    check("var b = new ArrayBuffer(4); new Uint8Array(b).set([1,2,3,4]); String(new Uint8Array(b.slice(1, 3)))", "2,3");
    check("var b = new ArrayBuffer(2, {maxByteLength: 8}); b.resize(6); [b.byteLength, b.maxByteLength, b.resizable].join()", "6,8,true");
    check("var b = new ArrayBuffer(3); var c = b.transfer(5); [b.detached, b.byteLength, c.byteLength, c.resizable].join()", "true,0,5,false");
    check("try { new ArrayBuffer(4, {maxByteLength: 2}) } catch (e) { e.name }", "RangeError");
}

#[test]
fn typed_array_elements_convert_and_wrap() {
    check("String(new Uint8Array([257, -1, 1.5]))", "1,255,1");
    check("String(new Uint8ClampedArray([300, -5, 2.5, 3.5]))", "255,0,2,4");
    check("String(new Int16Array(new Uint8Array([200, 1])))", "200,1");
    check("String(new Float16Array([1.00048828125, 65520]))", "1,Infinity");
    check("var a = new BigInt64Array(1); a[0] = 2n ** 63n; String(a[0])", "-9223372036854775808");
}

#[test]
fn canonical_numeric_keys_are_elements() {
    check("var a = new Int8Array(2); a['-0'] = 5; a[2] = 1; a['1.5'] = 1; [a['-0'], a[2], Object.keys(a).join(), '1.5' in a].join()", ",,0,1,false");
    check("var a = new Int8Array([7]); [delete a[0], delete a[1], Object.getOwnPropertyDescriptor(a, 0).writable].join()", "false,true,true");
    check("try { Object.freeze(new Uint8Array(1)) } catch (e) { e.name }", "TypeError");
}

#[test]
fn length_tracking_views_follow_resizes() {
    check("var b = new ArrayBuffer(4, {maxByteLength: 8}); var a = new Uint8Array(b, 2); b.resize(8); var l = a.length; b.resize(1); [l, a.length, a.byteOffset].join()", "6,0,0");
    check("var b = new ArrayBuffer(4); var a = new Uint8Array(b); b.transfer(); try { a.fill(0) } catch (e) { [e.name, a.length].join() }", "TypeError,0");
}

#[test]
fn prototype_methods() {
    check("var a = new Float64Array([3, NaN, -0, 0, -1]); String(Array.from(a.sort(), x => Object.is(x, -0) ? '-0' : x))", "-1,-0,0,3,NaN");
    check("String(new Int8Array([1,2,3,4,5]).copyWithin(0, 3))", "4,5,3,4,5");
    check("var a = new Uint8Array([1,2,3,4]); String(a.subarray(1, 3).map(x => x * 10))", "20,30");
    check("String(new Int32Array([5,1,4]).toSorted()) + ' ' + new Int32Array([1,2]).with(-1, 9)", "1,4,5 1,9");
    check("var a = new Uint8Array(4); a.set([1, 2], 1); a.set(new Uint8Array([9]), 3); String(a)", "0,1,2,9");
    check("[...new Uint16Array([1, 2]).entries()].join(';')", "0,1;1,2");
}

#[test]
fn data_view_get_set() {
    check("var v = new DataView(new ArrayBuffer(8)); v.setUint16(0, 0x0102); [v.getUint8(0), v.getUint16(0, true)].join()", "1,513");
    check("var v = new DataView(new ArrayBuffer(8)); v.setFloat16(2, 1.5); v.setBigInt64(0, -1n, true); [v.getBigUint64(0), v.getInt8(7)].join()", "18446744073709551615,-1");
    check("try { new DataView(new ArrayBuffer(2)).getInt32(0) } catch (e) { e.name }", "RangeError");
}

#[test]
fn console_shows_binary_data_like_node() {
    check("new Uint8Array([1, 2, 3])", "Uint8Array(3) [ 1, 2, 3 ]");
    check("new BigInt64Array([1n, -2n])", "BigInt64Array(2) [ 1n, -2n ]");
    check("[new Int8Array(0)]", "[ Int8Array(0) [] ]");
    check("new Uint8Array([1, 255]).buffer", "ArrayBuffer { [Uint8Contents]: <01 ff>, byteLength: 2 }");
    check("var b = new ArrayBuffer(1); b.transfer(); b", "ArrayBuffer { (detached), byteLength: 0 }");
}
