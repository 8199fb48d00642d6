//! The `Math` object (ECMAScript 2025 §21.3): its constants, every
//! function with the specification's special cases (signed zeros, NaN and
//! infinities), `@@toStringTag`, and `Math.random` from a xorshift128+
//! generator seeded from the clock.

use super::builder::Builder;
use super::support::{arg, install_global, to_string_tag};
use spindle_vm::object::{f16_bits_to_f64, f64_to_f16_bits, Attributes, NativeFn, ObjectKind};
use spindle_vm::ops::arithmetic::exponentiate;
use spindle_vm::ops::int_conversions::{to_int32, to_uint32};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};
use std::cell::Cell;

/// Installs `Math`.
pub(crate) fn install(vm: &mut Vm) {
    let math = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let constants = [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ];
    let mut b = Builder::new(vm, math);
    for (name, value) in constants {
        b.value(name, Value::Number(value), Attributes::NONE);
    }
    let functions: [(&str, u32, NativeFn); 36] = [
        ("abs", 1, abs),
        ("acos", 1, acos),
        ("acosh", 1, acosh),
        ("asin", 1, asin),
        ("asinh", 1, asinh),
        ("atan", 1, atan),
        ("atanh", 1, atanh),
        ("atan2", 2, atan2),
        ("cbrt", 1, cbrt),
        ("ceil", 1, ceil),
        ("clz32", 1, clz32),
        ("cos", 1, cos),
        ("cosh", 1, cosh),
        ("exp", 1, exp),
        ("expm1", 1, expm1),
        ("floor", 1, floor),
        ("fround", 1, fround),
        ("f16round", 1, f16round),
        ("hypot", 2, hypot),
        ("imul", 2, imul),
        ("log", 1, log),
        ("log1p", 1, log1p),
        ("log10", 1, log10),
        ("log2", 1, log2),
        ("max", 2, max),
        ("min", 2, min),
        ("pow", 2, pow),
        ("random", 0, random),
        ("round", 1, round),
        ("sign", 1, sign),
        ("sin", 1, sin),
        ("sinh", 1, sinh),
        ("sqrt", 1, sqrt),
        ("tan", 1, tan),
        ("tanh", 1, tanh),
        ("trunc", 1, trunc),
    ];
    for (name, length, f) in functions {
        b.method(name, length, f);
    }
    to_string_tag(vm, math, "Math");
    install_global(vm, "Math", Value::Object(math));
    vm.realm.named.insert("%Math%", math);
}

/// ToNumber of the first argument.
fn x(vm: &mut Vm, args: &[Value]) -> JsResult<f64> {
    vm.to_number(arg(args, 0))
}

macro_rules! unary {
    ($($name:ident => $f:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
                let f: fn(f64) -> f64 = $f;
                Ok(Value::Number(f(x(vm, args)?)))
            }
        )*
    };
}

unary! {
    abs => f64::abs;
    acos => f64::acos;
    acosh => f64::acosh;
    asin => f64::asin;
    asinh => |v| if v == 0.0 { v } else { v.asinh() };
    atan => f64::atan;
    atanh => |v| if v == 0.0 { v } else { v.atanh() };
    cbrt => f64::cbrt;
    ceil => f64::ceil;
    cos => f64::cos;
    cosh => f64::cosh;
    exp => f64::exp;
    expm1 => f64::exp_m1;
    floor => f64::floor;
    fround => |v| f64::from(v as f32);
    f16round => f16_round;
    log => f64::ln;
    log1p => f64::ln_1p;
    log10 => f64::log10;
    log2 => f64::log2;
    round => round_half_up;
    sign => |v| if v.is_nan() || v == 0.0 { v } else { v.signum() };
    sin => f64::sin;
    sinh => |v| if v == 0.0 { v } else { v.sinh() };
    sqrt => f64::sqrt;
    tan => f64::tan;
    tanh => |v| if v == 0.0 { v } else { v.tanh() };
    trunc => f64::trunc;
}

/// `Math.round(x)` (§21.3.2.28): halves round up, -0.5 ≤ x < 0 gives -0.
fn round_half_up(v: f64) -> f64 {
    if !v.is_finite() || v.trunc() == v {
        return v;
    }
    if v > 0.0 && v < 0.5 {
        return 0.0;
    }
    if (-0.5..0.0).contains(&v) {
        return -0.0;
    }
    let r = v.floor();
    if v - r >= 0.5 {
        r + 1.0
    } else {
        r
    }
}

/// `Math.f16round(x)` (§21.3.2.17): the nearest binary16 value, ties to
/// even, computed directly from the double (the VM's Float16 conversion).
fn f16_round(v: f64) -> f64 {
    f16_bits_to_f64(f64_to_f16_bits(v))
}

/// `Math.atan2(y, x)` (§21.3.2.8).
fn atan2(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let y = vm.to_number(arg(args, 0))?;
    let xv = vm.to_number(arg(args, 1))?;
    Ok(Value::Number(y.atan2(xv)))
}

/// `Math.clz32(x)` (§21.3.2.11).
fn clz32(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let n = to_uint32(x(vm, args)?);
    Ok(Value::Number(f64::from(n.leading_zeros())))
}

/// `Math.imul(x, y)` (§21.3.2.19).
fn imul(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let a = to_int32(vm.to_number(arg(args, 0))?);
    let b = to_int32(vm.to_number(arg(args, 1))?);
    Ok(Value::Number(f64::from(a.wrapping_mul(b))))
}

/// `Math.pow(base, exponent)` (§21.3.2.26): Number::exponentiate.
fn pow(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let base = vm.to_number(arg(args, 0))?;
    let exponent = vm.to_number(arg(args, 1))?;
    Ok(Value::Number(exponentiate(base, exponent)))
}

/// ToNumber of every argument, in order (before any is looked at).
fn coerce_all(vm: &mut Vm, args: &[Value]) -> JsResult<Vec<f64>> {
    args.iter().map(|&v| vm.to_number(v)).collect()
}

/// `Math.max(...args)` (§21.3.2.24): NaN wins; +0 is larger than -0.
fn max(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let mut best = f64::NEG_INFINITY;
    for n in coerce_all(vm, args)? {
        if n.is_nan() || best.is_nan() {
            best = f64::NAN;
        } else if n > best || (n == 0.0 && best == 0.0 && best.is_sign_negative()) {
            best = n;
        }
    }
    Ok(Value::Number(best))
}

/// `Math.min(...args)` (§21.3.2.25): NaN wins; -0 is smaller than +0.
fn min(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let mut best = f64::INFINITY;
    for n in coerce_all(vm, args)? {
        if n.is_nan() || best.is_nan() {
            best = f64::NAN;
        } else if n < best || (n == 0.0 && best == 0.0 && n.is_sign_negative()) {
            best = n;
        }
    }
    Ok(Value::Number(best))
}

/// `Math.hypot(...args)` (§21.3.2.18): ∞ beats NaN; scaled to avoid
/// overflow and underflow.
fn hypot(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let numbers = coerce_all(vm, args)?;
    if numbers.iter().any(|n| n.is_infinite()) {
        return Ok(Value::Number(f64::INFINITY));
    }
    if numbers.iter().any(|n| n.is_nan()) {
        return Ok(Value::Number(f64::NAN));
    }
    let largest = numbers.iter().fold(0.0f64, |m, n| m.max(n.abs()));
    if largest == 0.0 {
        return Ok(Value::Number(0.0));
    }
    // Kahan-compensated sum of the scaled squares.
    let (mut sum, mut compensation) = (0.0f64, 0.0f64);
    for n in &numbers {
        let scaled = n / largest;
        let y = scaled * scaled - compensation;
        let t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }
    Ok(Value::Number(sum.sqrt() * largest))
}

thread_local! {
    static RANDOM_STATE: Cell<(u64, u64)> = Cell::new(seed());
}

/// Seeds from the clock and the thread, never all zero.
fn seed() -> (u64, u64) {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mix = |mut z: u64| {
        // splitmix64
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let a = mix(nanos);
    let b = mix(a ^ 0x2545_F491_4F6C_DD1D);
    (a | 1, b)
}

/// `Math.random()` (§21.3.2.27): xorshift128+, 53 random bits in [0, 1).
fn random(_vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let bits = RANDOM_STATE.with(|state| {
        let (mut s1, s0) = state.get();
        let result = s0.wrapping_add(s1);
        s1 ^= s1 << 23;
        s1 = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
        state.set((s0, s1));
        result
    });
    Ok(Value::Number((bits >> 11) as f64 / (1u64 << 53) as f64))
}

#[cfg(test)]
mod tests {
    use crate::builtins::support::eval;

    fn check(src: &str, expected: &str) {
        assert_eq!(eval(src), expected, "{src}");
    }

    #[test]
    fn special_cases() {
        check("1 / Math.round(-0.5) + ',' + Math.round(2.5) + ',' + Math.round(-2.5)", "-Infinity,3,-2");
        check("Math.max() + ',' + Math.min() + ',' + Math.max(1, 0/0, 3)", "-Infinity,Infinity,NaN");
        check("1 / Math.max(-0, 0) + ',' + 1 / Math.min(0, -0)", "Infinity,-Infinity");
        check("Math.hypot(3, 4) + ',' + Math.hypot(1/0, 0/0) + ',' + Math.hypot()", "5,Infinity,0");
        check("Math.fround(5.5) + ',' + Math.fround(5.05) + ',' + Math.f16round(5.05)", "5.5,5.050000190734863,5.05078125");
        check("Math.clz32(1) + ',' + Math.imul(0xffffffff, 5) + ',' + Math.sign(-3)", "31,-5,-1");
        check("Math.atan2(0, -0) === Math.PI", "true");
        check("Math.cbrt(27) + ',' + Math.trunc(-4.7) + ',' + Math.expm1(0) + ',' + Math.log1p(0)", "3,-4,0,0");
        check("Math.pow(2, 10) + ',' + Math.pow(1, 1/0)", "1024,NaN");
        check("var r = Math.random(); r >= 0 && r < 1 && Math.random() !== r", "true");
        check("Math.f16round(65520) + ',' + Math.f16round(65519.99)", "Infinity,65504");
    }
}
