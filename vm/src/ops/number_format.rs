//! The digit generation of `Number.prototype.toFixed`, `toExponential` and
//! `toPrecision` (§21.1.3.3, .2, .5), as pure functions from a Number and
//! an already validated digit count to the result string.
//!
//! Rounding is exact: the double is expanded to its exact rational value
//! with num-bigint and rounded half up (the spec's "if there are two such
//! n, pick the larger n"), so `(1.005).toFixed(2)` is `"1.00"` (the double
//! is just below 1.005) and `(2.5).toFixed(0)` is `"3"`, as in V8.

use super::number_to_string::{number_to_string, shortest_digits};
use num_bigint::BigUint;
use num_traits::{One, Pow};

/// Splits a positive finite double into `(m, e)` with `x = m × 2^e`.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `x × 10^k` rounded to the nearest integer, ties up, exactly
/// (`x` positive and finite).
fn round_scaled(x: f64, k: i32) -> BigUint {
    let (m, e) = decompose(x);
    let mut num = BigUint::from(m);
    let mut den = BigUint::one();
    if e > 0 {
        num <<= e as u32;
    } else {
        den <<= e.unsigned_abs();
    }
    let power: BigUint = Pow::pow(BigUint::from(10u32), k.unsigned_abs());
    if k >= 0 {
        num *= power;
    } else {
        den *= power;
    }
    (num * 2u32 + &den) / (den * 2u32)
}

/// The `p` significant digits of positive finite `x`, correctly rounded
/// (ties up), and the decimal exponent `e` of the first one:
/// `x ≈ d1.d2...dp × 10^e`.
fn significant_digits(x: f64, p: u32) -> (String, i32) {
    let p = p.max(1);
    let low: BigUint = Pow::pow(BigUint::from(10u32), p - 1);
    let high = &low * 10u32;
    let mut e = x.log10().floor() as i32;
    // The estimate of e can be one off; at most two corrections settle it.
    for _ in 0..4 {
        let n = round_scaled(x, p as i32 - 1 - e);
        if n >= high {
            e += 1;
        } else if n < low {
            e -= 1;
        } else {
            return (n.to_string(), e);
        }
    }
    let n = round_scaled(x, p as i32 - 1 - e);
    (n.to_string(), e)
}

/// The sign prefix and the absolute value.
fn split_sign(x: f64) -> (&'static str, f64) {
    if x < 0.0 {
        ("-", -x)
    } else {
        ("", x.abs())
    }
}

/// `Number.prototype.toFixed` steps 6-12 for `fraction_digits` in 0..=100
/// (the caller has thrown the RangeError for anything else).
pub fn to_fixed(x: f64, fraction_digits: u32) -> String {
    // 6. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return number_to_string(x);
    }
    // 9. If x < 0, then set s to "-" and x to -x.
    let (sign, x) = split_sign(x);
    let f = fraction_digits as usize;
    // 10. If x ≥ 10^21, let m be ! ToString(𝔽(x)).
    if x >= 1e21 {
        return format!("{sign}{}", number_to_string(x));
    }
    // 11.a. Let n be an integer for which n / 10^f - x is as close to zero as possible.
    let mut m = if x == 0.0 { "0".to_owned() } else { round_scaled(x, f as i32).to_string() };
    if f != 0 {
        // 11.d.i-iii. Pad with zeros so there is a digit before the point.
        if m.len() <= f {
            m = format!("{}{m}", "0".repeat(f + 1 - m.len()));
        }
        m.insert(m.len() - f, '.');
    }
    format!("{sign}{m}")
}

/// `Number.prototype.toExponential` steps 4-15 for `fraction_digits` in
/// 0..=100, or `None` for as many digits as it takes to be exact.
pub fn to_exponential(x: f64, fraction_digits: Option<u32>) -> String {
    // 4. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return number_to_string(x);
    }
    let (sign, x) = split_sign(x);
    let (digits, e) = if x == 0.0 {
        // 9. If x = 0: m is f + 1 zeros and e = 0.
        ("0".repeat(fraction_digits.unwrap_or(0) as usize + 1), 0)
    } else if let Some(f) = fraction_digits {
        significant_digits(x, f + 1)
    } else {
        // 10.a. The shortest n that round-trips.
        let (d, point) = shortest_digits(x);
        (d.iter().map(|&d| char::from(b'0' + d)).collect(), point - 1)
    };
    format!("{sign}{}", exponential_form(&digits, e))
}

/// `d1.d2...dn` followed by `e+E` or `e-E`.
fn exponential_form(digits: &str, e: i32) -> String {
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    let exp_sign = if e >= 0 { '+' } else { '-' };
    format!("{first}{point}{rest}e{exp_sign}{}", e.unsigned_abs())
}

/// `Number.prototype.toPrecision` steps 4-13 for `precision` in 1..=100
/// (an undefined precision is plain ToString, the caller's business).
pub fn to_precision(x: f64, precision: u32) -> String {
    // 4. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return number_to_string(x);
    }
    let p = precision.max(1);
    let (sign, x) = split_sign(x);
    // 9-10. The p significant digits and the exponent e.
    let (m, e) = if x == 0.0 { ("0".repeat(p as usize), 0) } else { significant_digits(x, p) };
    // 10.c. Exponential notation when e < -6 or e ≥ p.
    if e < -6 || e >= p as i32 {
        return format!("{sign}{}", exponential_form(&m, e));
    }
    // 11. If e = p - 1, return s + m.
    if e == p as i32 - 1 {
        return format!("{sign}{m}");
    }
    // 12. If e ≥ 0: m with a point after e + 1 digits; else "0." and zeros.
    if e >= 0 {
        let (int, frac) = m.split_at(e as usize + 1);
        format!("{sign}{int}.{frac}")
    } else {
        format!("{sign}0.{}{m}", "0".repeat((-(e + 1)) as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_fixed_known_values() {
        // Expected values are Node 20's output.
        let table: &[(f64, u32, &str)] = &[
            (0.0, 2, "0.00"),
            (-0.0, 2, "0.00"),
            (1.005, 2, "1.00"),
            (1.45, 1, "1.4"),
            (1.55, 1, "1.6"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (0.5, 0, "1"),
            (1.5, 0, "2"),
            (-1.5, 0, "-2"),
            (123.456, 0, "123"),
            (123.456, 5, "123.45600"),
            (0.000001, 2, "0.00"),
            (-0.0000001, 2, "-0.00"),
            (0.1, 20, "0.10000000000000000555"),
            (1e21, 2, "1e+21"),
            (-1e21, 2, "-1e+21"),
            (999999999999999900000.0, 2, "999999999999999868928.00"),
            (f64::NAN, 2, "NaN"),
            (f64::NEG_INFINITY, 2, "-Infinity"),
            (5e-324, 2, "0.00"),
            (0.05, 1, "0.1"),
            (0.045, 2, "0.04"),
            (10.235, 2, "10.23"),
            (1.0, 100, "1.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (3.0, 1, "3.0"),
            (0.5, 1, "0.5"),
        ];
        for &(x, f, s) in table {
            assert_eq!(to_fixed(x, f), s, "({x}).toFixed({f})");
        }
    }

    #[test]
    fn to_exponential_known_values() {
        let table: &[(f64, Option<u32>, &str)] = &[
            (0.0, None, "0e+0"),
            (0.0, Some(2), "0.00e+0"),
            (-0.0, Some(1), "0.0e+0"),
            (123456.0, None, "1.23456e+5"),
            (123456.0, Some(2), "1.23e+5"),
            (123456.0, Some(0), "1e+5"),
            (0.00015, None, "1.5e-4"),
            (0.00015, Some(0), "1e-4"),
            (-1.5, Some(3), "-1.500e+0"),
            (9.96, Some(1), "1.0e+1"),
            (1e21, None, "1e+21"),
            (5e-324, None, "5e-324"),
            (5e-324, Some(3), "4.941e-324"),
            (f64::MAX, Some(20), "1.79769313486231570815e+308"),
            (1.25, Some(1), "1.3e+0"),
            (1.35, Some(1), "1.4e+0"),
            (f64::INFINITY, Some(2), "Infinity"),
            (f64::NAN, None, "NaN"),
        ];
        for &(x, f, s) in table {
            assert_eq!(to_exponential(x, f), s, "({x}).toExponential({f:?})");
        }
    }

    #[test]
    fn to_precision_known_values() {
        let table: &[(f64, u32, &str)] = &[
            (0.0, 1, "0"),
            (0.0, 3, "0.00"),
            (-0.0, 3, "0.00"),
            (123.456, 1, "1e+2"),
            (123.456, 2, "1.2e+2"),
            (123.456, 3, "123"),
            (123.456, 4, "123.5"),
            (123.456, 10, "123.4560000"),
            (0.000123, 2, "0.00012"),
            (0.0000001, 2, "1.0e-7"),
            (0.000001, 1, "0.000001"),
            (1e21, 3, "1.00e+21"),
            (99.99, 3, "100"),
            (99.99, 2, "1.0e+2"),
            (-1.5, 1, "-2"),
            (2.5, 1, "3"),
            (1.0, 100, "1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (f64::NAN, 5, "NaN"),
            (123456789.0, 9, "123456789"),
        ];
        for &(x, p, s) in table {
            assert_eq!(to_precision(x, p), s, "({x}).toPrecision({p})");
        }
    }
}
