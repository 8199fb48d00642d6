//! Date through JavaScript: the constructor's forms, the methods and
//! their receivers. Local-time results are checked against
//! `getTimezoneOffset`, so the tests hold in any host zone.

use crate::builtins::core_test_support::run;

#[test]
fn constructor_forms() {
    assert_eq!(run("new Date(0).getTime()"), "0");
    assert_eq!(run("new Date(8.64e15 + 1).getTime()"), "NaN");
    assert_eq!(run("Object.is(new Date(-0).getTime(), 0)"), "true");
    assert_eq!(run("new Date(new Date(5)).getTime()"), "5");
    assert_eq!(run("new Date('1970-01-01T00:00:00.001Z').getTime()"), "1");
    assert_eq!(run("new Date({ valueOf() { return 7; } }).getTime()"), "7");
    assert_eq!(run("new Date(2000, 0).getTime() === Date.UTC(2000, 0) + new Date(2000, 0).getTimezoneOffset() * 60000"), "true");
    assert_eq!(run("new Date(99, 11, 31).getFullYear()"), "1999");
    assert_eq!(run("typeof Date()"), "string");
    assert_eq!(run("typeof Date.now()"), "number");
    assert_eq!(run("class D extends Date {}; new D(0) instanceof D && new D(0).getTime()"), "0");
    assert_eq!(run("Object.prototype.toString.call(new Date(0))"), "[object Date]");
    assert_eq!(run("Object.getPrototypeOf(Date.prototype) === Object.prototype && Date.length"), "7");
}

#[test]
fn utc_and_parse() {
    assert_eq!(run("Date.UTC(2000)"), "946684800000");
    assert_eq!(run("Date.UTC()"), "NaN");
    assert_eq!(run("Date.UTC(1970, 0, 1, 0, 0, 0, 1.9)"), "1");
    assert_eq!(run("Date.parse('Thu, 01 Jan 1970 00:00:00 GMT')"), "0");
    assert_eq!(run("var d = new Date(-1e14); Date.parse(d.toString()) === d.getTime() && Date.parse(d.toUTCString()) === d.getTime()"), "true");
    assert_eq!(run("Date.parse('x')"), "NaN");
}

#[test]
fn getters_and_setters() {
    assert_eq!(run("var d = new Date(Date.UTC(2016, 6, 15, 10, 20, 30, 400)); [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()].join()"), "2016,6,15,5,10,20,30,400");
    assert_eq!(run("var d = new Date(0); d.setUTCMonth(13); d.toISOString()"), "1971-02-01T00:00:00.000Z");
    assert_eq!(run("var d = new Date(0); d.setUTCHours(25, 61, 61, 1001)"), "93722001");
    assert_eq!(run("var d = new Date(NaN); d.setUTCFullYear(2000)"), "946684800000");
    assert_eq!(run("var d = new Date(NaN); d.setUTCHours(1)"), "NaN");
    assert_eq!(run("var d = new Date(2000, 5, 15); d.setDate(1); [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()].join()"), "2000,5,1,0");
    assert_eq!(run("var d = new Date(0); d.setMinutes(); d.getTime()"), "NaN");
    assert_eq!(run("new Date(0).getTimezoneOffset() * 0"), "0");
    assert_eq!(run("Date.prototype.getTime.call({})"), "TypeError: this is not a Date object.");
    assert_eq!(run("Date.prototype.setTime.call(Date.prototype, 1)"), "TypeError: this is not a Date object.");
}

#[test]
fn string_forms() {
    assert_eq!(run("new Date(0).toISOString()"), "1970-01-01T00:00:00.000Z");
    assert_eq!(run("new Date(0).toUTCString()"), "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_eq!(run("Date.prototype.toGMTString === Date.prototype.toUTCString"), "true");
    assert_eq!(run("new Date(NaN).toString()"), "Invalid Date");
    assert_eq!(run("new Date(NaN).toISOString()"), "RangeError: Invalid time value");
    assert_eq!(run("/^\\w{3} \\w{3} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT[+-]\\d{4} \\(.+\\)$/.test(new Date(0).toString())"), "true");
    assert_eq!(run("JSON.stringify([new Date(0), new Date(NaN)])"), "[\"1970-01-01T00:00:00.000Z\",null]");
    assert_eq!(run("new Date(0)[Symbol.toPrimitive]('number')"), "0");
    assert_eq!(run("typeof (new Date(0) + 1)"), "string");
    assert_eq!(run("new Date(0)[Symbol.toPrimitive]('x')"), "TypeError: Invalid hint");
}

#[test]
fn annex_b() {
    assert_eq!(run("var d = new Date(2000, 0, 1); d.getYear()"), "100");
    assert_eq!(run("var d = new Date(2000, 0, 1); d.setYear(99); d.getFullYear()"), "1999");
}
