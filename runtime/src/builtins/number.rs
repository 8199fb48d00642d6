//! `Number` (ECMAScript 2025 §21.1): the constructor (ToNumeric, BigInt
//! → Number), the constants, `isFinite` / `isInteger` / `isNaN` /
//! `isSafeInteger`, `parseFloat` / `parseInt` (the same function objects
//! as the globals: whoever installs first registers `%parseInt%` /
//! `%parseFloat%`, the other reuses them), and `Number.prototype`
//! (toExponential, toFixed, toLocaleString, toPrecision, toString(radix),
//! valueOf).

use super::builder::{native_function, Builder};
use super::support::{arg, install_constructor};
use spindle_vm::object::{Attributes, NativeFn, ObjectKind};
use spindle_vm::ops::number_format::{to_exponential, to_fixed, to_precision};
use spindle_vm::ops::number_to_string::{number_to_string, number_to_string_radix};
use spindle_vm::ops::parse_int_float;
use spindle_vm::ops::Numeric;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// 2^53 - 1.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Installs `Number` and `Number.prototype`.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.number_prototype;
    let ctor = native_function(vm, "Number", 1, number_constructor, true);
    let constants = [
        ("EPSILON", f64::EPSILON),
        ("MAX_SAFE_INTEGER", MAX_SAFE_INTEGER),
        ("MAX_VALUE", f64::MAX),
        ("MIN_SAFE_INTEGER", -MAX_SAFE_INTEGER),
        ("MIN_VALUE", 5e-324),
        ("NaN", f64::NAN),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("POSITIVE_INFINITY", f64::INFINITY),
    ];
    let mut b = Builder::new(vm, ctor);
    for (name, value) in constants {
        b.value(name, Value::Number(value), Attributes::NONE);
    }
    b.method("isFinite", 1, is_finite)
        .method("isInteger", 1, is_integer)
        .method("isNaN", 1, is_nan)
        .method("isSafeInteger", 1, is_safe_integer);
    let parse_float = shared_function(vm, "parseFloat", "%parseFloat%", 1, parse_float);
    let parse_int = shared_function(vm, "parseInt", "%parseInt%", 2, parse_int);
    Builder::new(vm, ctor)
        .value("parseFloat", Value::Object(parse_float), Attributes::WRITABLE_CONFIGURABLE)
        .value("parseInt", Value::Object(parse_int), Attributes::WRITABLE_CONFIGURABLE);
    install_constructor(vm, "Number", ctor, proto, "%Number%");
    Builder::new(vm, proto)
        .method("toExponential", 1, to_exponential_method)
        .method("toFixed", 1, to_fixed_method)
        .method("toLocaleString", 0, to_locale_string)
        .method("toPrecision", 1, to_precision_method)
        .method("toString", 1, to_string)
        .method("valueOf", 0, value_of);
}

/// The function registered as `spec_name`, or a new one registered now.
fn shared_function(vm: &mut Vm, name: &str, spec_name: &'static str, length: u32, f: NativeFn) -> Obj {
    if let Some(existing) = vm.realm.intrinsic(spec_name) {
        return existing;
    }
    let func = native_function(vm, name, length, f, false);
    vm.realm.named.insert(spec_name, func);
    func
}

/// `Number(value)` and `new Number(value)` (§21.1.1.1).
fn number_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1-2. n = ToNumeric(value), a BigInt converted; +0 without an argument.
    let n = match args.first() {
        None => 0.0,
        Some(&v) => match vm.to_numeric(v)? {
            Numeric::Number(n) => n,
            Numeric::BigInt(b) => vm.bigint_to_number(b),
        },
    };
    // 3. If NewTarget is undefined, return n.
    let Some(nt) = new_target else { return Ok(Value::Number(n)) };
    // 4-6. A Number wrapper from NewTarget's prototype.
    let fallback = vm.realm.intrinsics.number_prototype;
    let o = vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Number(n))?;
    Ok(Value::Object(o))
}

fn number_arg(args: &[Value]) -> Option<f64> {
    match arg(args, 0) {
        Value::Number(n) => Some(n),
        _ => None,
    }
}

/// `Number.isFinite(number)` (§21.1.2.2).
fn is_finite(_vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(f64::is_finite)))
}

/// `Number.isInteger(number)` (§21.1.2.3): IsIntegralNumber.
fn is_integer(_vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(|n| n.is_finite() && n.trunc() == n)))
}

/// `Number.isNaN(number)` (§21.1.2.4).
fn is_nan(_vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(f64::is_nan)))
}

/// `Number.isSafeInteger(number)` (§21.1.2.5).
fn is_safe_integer(_vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let safe = number_arg(args).is_some_and(|n| n.is_finite() && n.trunc() == n && n.abs() <= MAX_SAFE_INTEGER);
    Ok(Value::Bool(safe))
}

/// parseInt(string, radix) (§19.2.5).
fn parse_int(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let inputString be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 6. Let R be ℝ(? ToInt32(radix)).
    let radix = vm.to_int32(arg(args, 1))?;
    // 2-5, 7-16. The numeric prefix in that radix.
    Ok(Value::Number(parse_int_float::parse_int(vm.heap.units(s), radix)))
}

/// parseFloat(string) (§19.2.4).
fn parse_float(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = vm.to_string(arg(args, 0))?;
    Ok(Value::Number(parse_int_float::parse_float(vm.heap.units(s))))
}

/// thisNumberValue(value) (§21.1.3.7.1).
fn this_number_value(vm: &mut Vm, this: Value, method: &str) -> JsResult<f64> {
    match this {
        Value::Number(n) => Ok(n),
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::Number(n) => Ok(n),
            _ => vm.type_error(&format!("Number.prototype.{method} requires that 'this' be a Number")),
        },
        _ => vm.type_error(&format!("Number.prototype.{method} requires that 'this' be a Number")),
    }
}

fn text(vm: &mut Vm, s: &str) -> JsResult<Value> {
    Ok(vm.string(s))
}

/// `Number.prototype.toExponential(fractionDigits)` (§21.1.3.2).
fn to_exponential_method(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let x be ? thisNumberValue(this value).
    let x = this_number_value(vm, this, "toExponential")?;
    // 2. Let f be ? ToIntegerOrInfinity(fractionDigits).
    let f = vm.to_integer_or_infinity(arg(args, 0))?;
    // 4. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return text(vm, &number_to_string(x));
    }
    // 5. If f < 0 or f > 100, throw a RangeError exception.
    if !(0.0..=100.0).contains(&f) {
        return vm.range_error("toExponential() argument must be between 0 and 100");
    }
    let digits = (arg(args, 0) != Value::Undefined).then_some(f as u32);
    text(vm, &to_exponential(x, digits))
}

/// `Number.prototype.toFixed(fractionDigits)` (§21.1.3.3).
fn to_fixed_method(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let x be ? thisNumberValue(this value).
    let x = this_number_value(vm, this, "toFixed")?;
    // 2-5. f = ToIntegerOrInfinity(fractionDigits), finite and in 0..=100.
    let f = vm.to_integer_or_infinity(arg(args, 0))?;
    if !(0.0..=100.0).contains(&f) {
        return vm.range_error("toFixed() digits argument must be between 0 and 100");
    }
    // 6-12.
    text(vm, &to_fixed(x, f as u32))
}

/// `Number.prototype.toLocaleString()` (§21.1.3.4): as toString().
fn to_locale_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let x = this_number_value(vm, this, "toLocaleString")?;
    text(vm, &number_to_string(x))
}

/// `Number.prototype.toPrecision(precision)` (§21.1.3.5).
fn to_precision_method(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let x be ? thisNumberValue(this value).
    let x = this_number_value(vm, this, "toPrecision")?;
    // 2. If precision is undefined, return ! ToString(x).
    if arg(args, 0) == Value::Undefined {
        return text(vm, &number_to_string(x));
    }
    // 3. Let p be ? ToIntegerOrInfinity(precision).
    let p = vm.to_integer_or_infinity(arg(args, 0))?;
    // 4. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return text(vm, &number_to_string(x));
    }
    // 5. If p < 1 or p > 100, throw a RangeError exception.
    if !(1.0..=100.0).contains(&p) {
        return vm.range_error("toPrecision() argument must be between 1 and 100");
    }
    text(vm, &to_precision(x, p as u32))
}

/// `Number.prototype.toString([radix])` (§21.1.3.6).
fn to_string(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let x be ? thisNumberValue(this value).
    let x = this_number_value(vm, this, "toString")?;
    // 2-3. radixMV is 10, or ToIntegerOrInfinity(radix).
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => vm.to_integer_or_infinity(r)?,
    };
    // 4. If radixMV is not in the inclusive interval from 2 to 36, throw a RangeError.
    if !(2.0..=36.0).contains(&radix) {
        return vm.range_error("toString() radix must be between 2 and 36");
    }
    // 5. Return Number::toString(x, radixMV).
    if radix == 10.0 {
        return Ok(Value::String(vm.number_to_str(x)));
    }
    text(vm, &number_to_string_radix(x, radix as u32))
}

/// `Number.prototype.valueOf()` (§21.1.3.7).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(this_number_value(vm, this, "valueOf")?))
}

#[cfg(test)]
mod tests {
    use crate::builtins::support::eval;

    fn check(src: &str, expected: &str) {
        assert_eq!(eval(src), expected, "{src}");
    }

    #[test]
    fn constructor_and_constants() {
        check("Number('0x10') + Number(10n) + Number()", "26");
        check("typeof new Number(1)", "object");
        check("Number.MAX_SAFE_INTEGER + ',' + Number.EPSILON", "9007199254740991,2.220446049250313e-16");
        check("Number.MIN_VALUE", "5e-324");
        check("Number.isInteger(5) + ',' + Number.isSafeInteger(2 ** 53) + ',' + Number.isNaN('x')", "true,false,false");
        check("Number.parseFloat('1.5e3x') + Number.parseInt('ff', 16)", "1755");
    }

    #[test]
    fn prototype_methods() {
        check("(255).toString(16) + ',' + (0.5).toString(2) + ',' + (-255).toString(36)", "ff,0.1,-73");
        check("(1.005).toFixed(2) + ',' + (1e21).toFixed(2) + ',' + (123.456).toFixed(1)", "1.00,1e+21,123.5");
        check("(123456).toExponential(2) + ',' + (0).toExponential()", "1.23e+5,0e+0");
        check("(123.456).toPrecision(4) + ',' + (0.000123).toPrecision(2)", "123.5,0.00012");
        check("new Number(5).valueOf() + 1", "6");
        check("var r; try { (1).toFixed(101) } catch (e) { r = e.message } r", "toFixed() digits argument must be between 0 and 100");
        check("var r; try { ({f: Number.prototype.valueOf}).f() } catch (e) { r = e.message } r", "Number.prototype.valueOf requires that 'this' be a Number");
    }
}
