//! The Number operations of §6.1.6.1 (Number::exponentiate, ::remainder,
//! ::leftShift, ::bitwiseAND, ::sameValue ...) as pure functions on `f64`.
//!
//! Most are one IEEE-754 instruction; the ones written out are those where
//! the spec and Rust's `f64` differ: exponentiation (`powf` follows C's
//! `pow`, which says `1 ** Infinity` and `1 ** NaN` are 1) and the integer
//! operations, which go through ToInt32/ToUint32.

use super::int_conversions::{to_int32, to_uint32};

/// Number::unaryMinus(x).
#[inline]
pub fn unary_minus(x: f64) -> f64 {
    -x
}

/// Number::bitwiseNOT(x).
#[inline]
pub fn bitwise_not(x: f64) -> f64 {
    f64::from(!to_int32(x))
}

/// Number::exponentiate(base, exponent).
pub fn exponentiate(base: f64, exponent: f64) -> f64 {
    // 1. If exponent is NaN, return NaN.
    if exponent.is_nan() {
        return f64::NAN;
    }
    // 2. If exponent is either +0𝔽 or -0𝔽, return 1𝔽 (even for a NaN base).
    if exponent == 0.0 {
        return 1.0;
    }
    // 9-10. If exponent is ±∞ and abs(ℝ(base)) = 1, return NaN.
    if exponent.is_infinite() && base.abs() == 1.0 {
        return f64::NAN;
    }
    // 3-8, 9-13: everything else is exactly C's pow: NaN bases, the signed
    // zeros and infinities, odd integer exponents, NaN for a negative base
    // and a non-integral exponent.
    base.powf(exponent)
}

/// Number::multiply(x, y).
#[inline]
pub fn multiply(x: f64, y: f64) -> f64 {
    x * y
}

/// Number::divide(x, y).
#[inline]
pub fn divide(x: f64, y: f64) -> f64 {
    x / y
}

/// Number::remainder(n, d): truncating division, the sign of the dividend.
/// NaN for a NaN operand, an infinite dividend or a zero divisor; `n` for
/// an infinite divisor or a zero dividend. IEEE `fmod` (Rust's `%`) is
/// exactly that, with no rounding.
#[inline]
pub fn remainder(n: f64, d: f64) -> f64 {
    n % d
}

/// Number::add(x, y).
#[inline]
pub fn add(x: f64, y: f64) -> f64 {
    x + y
}

/// Number::subtract(x, y).
#[inline]
pub fn subtract(x: f64, y: f64) -> f64 {
    x - y
}

/// Number::leftShift(x, y).
#[inline]
pub fn left_shift(x: f64, y: f64) -> f64 {
    f64::from(to_int32(x).wrapping_shl(to_uint32(y) & 31))
}

/// Number::signedRightShift(x, y).
#[inline]
pub fn signed_right_shift(x: f64, y: f64) -> f64 {
    f64::from(to_int32(x) >> (to_uint32(y) & 31))
}

/// Number::unsignedRightShift(x, y).
#[inline]
pub fn unsigned_right_shift(x: f64, y: f64) -> f64 {
    f64::from(to_uint32(x) >> (to_uint32(y) & 31))
}

/// Number::bitwiseAND(x, y).
#[inline]
pub fn bitwise_and(x: f64, y: f64) -> f64 {
    f64::from(to_int32(x) & to_int32(y))
}

/// Number::bitwiseOR(x, y).
#[inline]
pub fn bitwise_or(x: f64, y: f64) -> f64 {
    f64::from(to_int32(x) | to_int32(y))
}

/// Number::bitwiseXOR(x, y).
#[inline]
pub fn bitwise_xor(x: f64, y: f64) -> f64 {
    f64::from(to_int32(x) ^ to_int32(y))
}

/// Number::lessThan(x, y): `None` (the spec's *undefined*) if either is NaN.
#[inline]
pub fn less_than(x: f64, y: f64) -> Option<bool> {
    if x.is_nan() || y.is_nan() {
        None
    } else {
        Some(x < y)
    }
}

/// Number::equal(x, y): NaN is unequal to everything, +0 equals -0.
#[inline]
pub fn equal(x: f64, y: f64) -> bool {
    x == y
}

/// Number::sameValue(x, y): NaN is itself, +0 and -0 differ.
#[inline]
pub fn same_value(x: f64, y: f64) -> bool {
    if x.is_nan() {
        return y.is_nan();
    }
    x == y && x.is_sign_negative() == y.is_sign_negative()
}

/// Number::sameValueZero(x, y): NaN is itself, +0 equals -0.
#[inline]
pub fn same_value_zero(x: f64, y: f64) -> bool {
    (x.is_nan() && y.is_nan()) || x == y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: f64, b: f64) -> bool {
        same_value(a, b)
    }

    #[test]
    fn exponent_special_cases() {
        let inf = f64::INFINITY;
        let nan = f64::NAN;
        let table: &[(f64, f64, f64)] = &[
            (1.0, inf, nan),
            (-1.0, inf, nan),
            (1.0, -inf, nan),
            (-1.0, -inf, nan),
            (1.0, nan, nan),
            (nan, 0.0, 1.0),
            (nan, -0.0, 1.0),
            (nan, 1.0, nan),
            (2.0, 10.0, 1024.0),
            (inf, 1.0, inf),
            (inf, -1.0, 0.0),
            (-inf, 3.0, -inf),
            (-inf, 2.0, inf),
            (-inf, -3.0, -0.0),
            (-inf, -2.0, 0.0),
            (0.0, 3.0, 0.0),
            (0.0, -3.0, inf),
            (-0.0, 3.0, -0.0),
            (-0.0, 2.0, 0.0),
            (-0.0, -3.0, -inf),
            (-0.0, -2.0, inf),
            (0.5, inf, 0.0),
            (2.0, inf, inf),
            (0.5, -inf, inf),
            (2.0, -inf, 0.0),
            (-2.0, 0.5, nan),
            (-8.0, 1.0 / 3.0, nan),
            (-2.0, 3.0, -8.0),
            (4.0, 0.5, 2.0),
        ];
        for &(b, e, r) in table {
            assert!(same(exponentiate(b, e), r), "{b} ** {e} = {} not {r}", exponentiate(b, e));
        }
    }

    #[test]
    fn remainder_with_negatives_and_infinities() {
        let inf = f64::INFINITY;
        let nan = f64::NAN;
        let table: &[(f64, f64, f64)] = &[
            (5.5, 2.0, 1.5),
            (-5.5, 2.0, -1.5),
            (5.5, -2.0, 1.5),
            (-5.5, -2.0, -1.5),
            (-4.0, 2.0, -0.0),
            (4.0, -2.0, 0.0),
            (nan, 1.0, nan),
            (1.0, nan, nan),
            (inf, 2.0, nan),
            (-inf, 2.0, nan),
            (2.0, 0.0, nan),
            (2.0, -0.0, nan),
            (3.0, inf, 3.0),
            (-3.0, -inf, -3.0),
            (0.0, 5.0, 0.0),
            (-0.0, 5.0, -0.0),
            (-0.0, inf, -0.0),
            (1e300, 3.0, 0.0),
            (1e17, 7.0, 5.0),
            (0.3, 0.1, 0.09999999999999998),
        ];
        for &(n, d, r) in table {
            assert!(same(remainder(n, d), r), "{n} % {d} = {} not {r}", remainder(n, d));
        }
    }

    #[test]
    fn shifts_and_bitwise() {
        assert_eq!(left_shift(1.0, 31.0), -2147483648.0);
        assert_eq!(left_shift(1.0, 32.0), 1.0);
        assert_eq!(left_shift(5.0, -1.0), -2147483648.0);
        assert_eq!(signed_right_shift(-8.0, 1.0), -4.0);
        assert_eq!(signed_right_shift(-1.0, 100.0), -1.0);
        assert_eq!(unsigned_right_shift(-1.0, 0.0), 4294967295.0);
        assert_eq!(unsigned_right_shift(-8.0, 1.0), 2147483644.0);
        assert_eq!(bitwise_and(-1.0, 4294967296.0 + 5.0), 5.0);
        assert_eq!(bitwise_or(f64::NAN, 3.5), 3.0);
        assert_eq!(bitwise_xor(-1.0, 0.0), -1.0);
        assert_eq!(bitwise_not(0.0), -1.0);
        assert_eq!(bitwise_not(2147483648.0), 2147483647.0);
    }

    #[test]
    fn comparisons() {
        assert_eq!(less_than(f64::NAN, 1.0), None);
        assert_eq!(less_than(-0.0, 0.0), Some(false));
        assert!(equal(-0.0, 0.0));
        assert!(!equal(f64::NAN, f64::NAN));
        assert!(same_value(f64::NAN, f64::NAN));
        assert!(!same_value(-0.0, 0.0));
        assert!(same_value_zero(-0.0, 0.0));
        assert!(same_value_zero(f64::NAN, f64::NAN));
        assert!(same(unary_minus(0.0), -0.0));
    }
}
