//! The BigInt operations of §6.1.6.2 (BigInt::add, ::leftShift, ::bitwiseAnd
//! ...), `BigInt.asIntN`/`asUintN`, and the exact conversions between BigInt
//! and Number, as pure functions on `num_bigint::BigInt`.
//!
//! num-bigint's operators already have the semantics the spec asks for:
//! `/` and `%` truncate toward zero (so the remainder takes the dividend's
//! sign), `>>` rounds toward negative infinity, and `&`, `|`, `^` act on
//! the infinite two's complement representation of negative values.
//!
//! Results are limited to [`MAX_BIGINT_BITS`] bits, as in V8, so that
//! `1n << 10n ** 10n` is a RangeError instead of an out-of-memory abort.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// The largest BigInt, in bits (V8's `BigInt::kMaxLengthBits`).
pub const MAX_BIGINT_BITS: u64 = 1 << 30;

/// Why a BigInt operation throws a RangeError.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BigIntError {
    /// Division or remainder by `0n`.
    DivisionByZero,
    /// `x ** y` with `y < 0n`.
    NegativeExponent,
    /// The result would exceed [`MAX_BIGINT_BITS`].
    TooBig,
}

impl BigIntError {
    /// The RangeError's message (V8's wording).
    pub fn message(self) -> &'static str {
        match self {
            BigIntError::DivisionByZero => "Division by zero",
            BigIntError::NegativeExponent => "Exponent must be non-negative",
            BigIntError::TooBig => "Maximum BigInt size exceeded",
        }
    }
}

/// The result of a BigInt operation that may throw a RangeError.
pub type BigIntResult = Result<BigInt, BigIntError>;

/// BigInt::unaryMinus(x).
pub fn unary_minus(x: &BigInt) -> BigInt {
    -x
}

/// BigInt::bitwiseNOT(x): `-x - 1n`.
pub fn bitwise_not(x: &BigInt) -> BigInt {
    -x - 1
}

/// BigInt::add(x, y).
pub fn add(x: &BigInt, y: &BigInt) -> BigInt {
    x + y
}

/// BigInt::subtract(x, y).
pub fn subtract(x: &BigInt, y: &BigInt) -> BigInt {
    x - y
}

/// BigInt::multiply(x, y).
pub fn multiply(x: &BigInt, y: &BigInt) -> BigIntResult {
    if x.bits() + y.bits() > MAX_BIGINT_BITS + 1 {
        return Err(BigIntError::TooBig);
    }
    Ok(x * y)
}

/// BigInt::divide(x, y): truncates toward zero.
pub fn divide(x: &BigInt, y: &BigInt) -> BigIntResult {
    // 1. If y is 0ℤ, throw a RangeError exception.
    if y.is_zero() {
        return Err(BigIntError::DivisionByZero);
    }
    // 2-3. Let quotient be ℝ(x) / ℝ(y); return truncate(quotient).
    Ok(x / y)
}

/// BigInt::remainder(n, d): the sign of the dividend.
pub fn remainder(n: &BigInt, d: &BigInt) -> BigIntResult {
    // 1. If d is 0ℤ, throw a RangeError exception.
    if d.is_zero() {
        return Err(BigIntError::DivisionByZero);
    }
    // 2-5. n - d × truncate(n / d).
    Ok(n % d)
}

/// BigInt::exponentiate(base, exponent).
pub fn exponentiate(base: &BigInt, exponent: &BigInt) -> BigIntResult {
    // 1. If exponent < 0, throw a RangeError exception.
    if exponent.is_negative() {
        return Err(BigIntError::NegativeExponent);
    }
    // 2. If base is 0 and exponent is 0, return 1 (and 0, ±1 stay small).
    if exponent.is_zero() {
        return Ok(BigInt::one());
    }
    if base.is_zero() || base.magnitude().is_one() {
        let odd = exponent.is_odd();
        return Ok(if base.is_negative() && !odd { BigInt::one() } else { base.clone() });
    }
    // 3. Return base raised to the power exponent, if it fits.
    let e = exponent.to_u64().filter(|&e| (base.bits() - 1).saturating_mul(e) < MAX_BIGINT_BITS);
    match e.and_then(|e| u32::try_from(e).ok()) {
        Some(e) => Ok(num_traits::pow::Pow::pow(base, e)),
        None => Err(BigIntError::TooBig),
    }
}

/// BigInt::leftShift(x, y): a negative `y` shifts right, rounding toward
/// negative infinity.
pub fn left_shift(x: &BigInt, y: &BigInt) -> BigIntResult {
    if x.is_zero() {
        return Ok(BigInt::zero());
    }
    if y.is_negative() {
        let n = y.magnitude().to_u64().filter(|&n| n < x.bits());
        return Ok(match n {
            Some(n) => x >> n,
            None if x.is_negative() => BigInt::from(-1),
            None => BigInt::zero(),
        });
    }
    match y.to_u64().filter(|&n| x.bits().saturating_add(n) <= MAX_BIGINT_BITS) {
        Some(n) => Ok(x << n),
        None => Err(BigIntError::TooBig),
    }
}

/// BigInt::signedRightShift(x, y): BigInt::leftShift(x, -y).
pub fn signed_right_shift(x: &BigInt, y: &BigInt) -> BigIntResult {
    left_shift(x, &-y)
}

/// BigInt::bitwiseAND(x, y) on two's complement.
pub fn bitwise_and(x: &BigInt, y: &BigInt) -> BigInt {
    x & y
}

/// BigInt::bitwiseOR(x, y) on two's complement.
pub fn bitwise_or(x: &BigInt, y: &BigInt) -> BigInt {
    x | y
}

/// BigInt::bitwiseXOR(x, y) on two's complement.
pub fn bitwise_xor(x: &BigInt, y: &BigInt) -> BigInt {
    x ^ y
}

/// BigInt::equal(x, y).
pub fn equal(x: &BigInt, y: &BigInt) -> bool {
    x == y
}

/// BigInt::lessThan(x, y).
pub fn less_than(x: &BigInt, y: &BigInt) -> bool {
    x < y
}

/// BigInt::toString(x, radix) for `radix` in 2..=36: lowercase digits
/// with a leading `-` for negatives.
pub fn to_string_radix(x: &BigInt, radix: u32) -> String {
    x.to_str_radix(radix.clamp(2, 36))
}

/// `2^bits` as a BigInt (callers keep `bits` within the size limit).
fn pow2(bits: u64) -> BigInt {
    BigInt::one() << bits
}

/// BigInt.asUintN(bits, x): `x` modulo 2^bits. A RangeError when a
/// negative `x` would need more than [`MAX_BIGINT_BITS`] bits.
pub fn as_uint_n(bits: u64, x: &BigInt) -> BigIntResult {
    if bits == 0 {
        return Ok(BigInt::zero());
    }
    if !x.is_negative() && x.bits() <= bits {
        return Ok(x.clone());
    }
    if bits > MAX_BIGINT_BITS {
        return Err(BigIntError::TooBig);
    }
    Ok(x.mod_floor(&pow2(bits)))
}

/// BigInt.asIntN(bits, x): `x` wrapped into [-2^(bits-1), 2^(bits-1)).
pub fn as_int_n(bits: u64, x: &BigInt) -> BigInt {
    if bits == 0 {
        return BigInt::zero();
    }
    // Already in range: nothing to wrap (and no 2^bits to build).
    let magnitude_bits = if x.is_negative() { (-x - 1u8).bits() } else { x.bits() };
    if magnitude_bits < bits {
        return x.clone();
    }
    // Here bits <= x.bits(), so 2^bits is no bigger than x.
    let m = x.mod_floor(&pow2(bits));
    if m.bits() == bits {
        m - pow2(bits)
    } else {
        m
    }
}

/// ToBigInt64's last steps: `x` modulo 2^64 as a signed 64-bit integer.
pub fn to_big_int64(x: &BigInt) -> i64 {
    to_big_uint64(x) as i64
}

/// ToBigUint64's last steps: `x` modulo 2^64.
pub fn to_big_uint64(x: &BigInt) -> u64 {
    let low = x.magnitude().iter_u64_digits().next().unwrap_or(0);
    if x.is_negative() {
        low.wrapping_neg()
    } else {
        low
    }
}

/// NumberToBigInt(number): `None` when it is not an integral Number (the
/// caller's RangeError).
pub fn number_to_bigint(x: f64) -> Option<BigInt> {
    (x.is_finite() && x.trunc() == x).then(|| integral_f64_to_bigint(x))
}

/// The exact value of a finite integral double.
fn integral_f64_to_bigint(x: f64) -> BigInt {
    if x.abs() < 9.2e18 {
        return BigInt::from(x as i64);
    }
    let bits = x.to_bits();
    let exponent = (bits >> 52) & 0x7FF;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    // |x| >= 2^63, so exponent - 1075 > 0: value = mantissa × 2^(exponent - 1075).
    let magnitude = BigUint::from(mantissa) << (exponent.saturating_sub(1075));
    let sign = if x < 0.0 { Sign::Minus } else { Sign::Plus };
    BigInt::from_biguint(sign, magnitude)
}

/// 𝔽(ℝ(x)): the Number nearest to `x`, ties to even; ±Infinity beyond
/// the largest finite double.
pub fn bigint_to_f64(x: &BigInt) -> f64 {
    let magnitude = biguint_to_f64(x.magnitude());
    if x.is_negative() {
        -magnitude
    } else {
        magnitude
    }
}

/// The Number nearest to `n`, ties to even.
pub fn biguint_to_f64(n: &BigUint) -> f64 {
    let bits = n.bits();
    if bits <= 64 {
        return n.to_u64().unwrap_or(0) as f64;
    }
    if bits > 1024 {
        return f64::INFINITY;
    }
    // Keep the top 64 bits and fold every lower bit into a sticky bit:
    // rounding those 64 bits to 53 then rounds exactly as the full value.
    let shift = bits - 64;
    let top = (n >> shift).to_u64().unwrap_or(u64::MAX);
    let sticky = n.trailing_zeros().is_some_and(|tz| tz < shift);
    (top | u64::from(sticky)) as f64 * 2f64.powi(shift as i32)
}

/// The exact comparison of a BigInt with a Number; `None` when `y` is NaN.
pub fn compare_bigint_number(x: &BigInt, y: f64) -> Option<Ordering> {
    if y.is_nan() {
        return None;
    }
    if y.is_infinite() {
        return Some(if y > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let floor = y.floor();
    match x.cmp(&integral_f64_to_bigint(floor)) {
        Ordering::Equal if y > floor => Some(Ordering::Less),
        ordering => Some(ordering),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> BigInt {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn arithmetic() {
        assert_eq!(add(&b("9007199254740993"), &b("1")), b("9007199254740994"));
        assert_eq!(subtract(&b("1"), &b("3")), b("-2"));
        assert_eq!(multiply(&b("-4"), &b("5")), Ok(b("-20")));
        assert_eq!(divide(&b("-7"), &b("2")), Ok(b("-3")));
        assert_eq!(divide(&b("7"), &b("-2")), Ok(b("-3")));
        assert_eq!(divide(&b("1"), &b("0")), Err(BigIntError::DivisionByZero));
        assert_eq!(remainder(&b("-7"), &b("2")), Ok(b("-1")));
        assert_eq!(remainder(&b("7"), &b("-2")), Ok(b("1")));
        assert_eq!(remainder(&b("7"), &b("0")), Err(BigIntError::DivisionByZero));
        assert_eq!(unary_minus(&b("0")), b("0"));
        assert_eq!(bitwise_not(&b("5")), b("-6"));
        assert_eq!(bitwise_not(&b("-1")), b("0"));
    }

    #[test]
    fn exponentiation() {
        assert_eq!(exponentiate(&b("2"), &b("100")), Ok(b("1267650600228229401496703205376")));
        assert_eq!(exponentiate(&b("0"), &b("0")), Ok(b("1")));
        assert_eq!(exponentiate(&b("-3"), &b("3")), Ok(b("-27")));
        assert_eq!(exponentiate(&b("-1"), &b("1000000000000000000000")), Ok(b("1")));
        assert_eq!(exponentiate(&b("-1"), &b("1000000000000000000001")), Ok(b("-1")));
        assert_eq!(exponentiate(&b("0"), &b("1000000000000000000001")), Ok(b("0")));
        assert_eq!(exponentiate(&b("2"), &b("-1")), Err(BigIntError::NegativeExponent));
        assert_eq!(exponentiate(&b("2"), &b("10000000000")), Err(BigIntError::TooBig));
    }

    #[test]
    fn shifts() {
        assert_eq!(left_shift(&b("1"), &b("70")), Ok(b("1180591620717411303424")));
        assert_eq!(left_shift(&b("-5"), &b("2")), Ok(b("-20")));
        assert_eq!(left_shift(&b("-5"), &b("-1")), Ok(b("-3")));
        assert_eq!(left_shift(&b("5"), &b("-1")), Ok(b("2")));
        assert_eq!(signed_right_shift(&b("-9"), &b("2")), Ok(b("-3")));
        assert_eq!(signed_right_shift(&b("-1"), &b("1000")), Ok(b("-1")));
        assert_eq!(signed_right_shift(&b("-1"), &b("100000000000000000000000")), Ok(b("-1")));
        assert_eq!(signed_right_shift(&b("7"), &b("100000000000000000000000")), Ok(b("0")));
        assert_eq!(signed_right_shift(&b("8"), &b("-2")), Ok(b("32")));
        assert_eq!(left_shift(&b("0"), &b("100000000000000000000000")), Ok(b("0")));
        assert_eq!(left_shift(&b("1"), &b("100000000000000000000000")), Err(BigIntError::TooBig));
    }

    #[test]
    fn bitwise_on_negatives() {
        assert_eq!(bitwise_and(&b("-1"), &b("255")), b("255"));
        assert_eq!(bitwise_and(&b("-256"), &b("1023")), b("768"));
        assert_eq!(bitwise_or(&b("-8"), &b("3")), b("-5"));
        assert_eq!(bitwise_xor(&b("-1"), &b("5")), b("-6"));
        assert_eq!(bitwise_xor(&b("-12"), &b("-7")), b("13"));
        assert_eq!(bitwise_and(&b("-18446744073709551617"), &b("-1")), b("-18446744073709551617"));
    }

    #[test]
    fn as_int_n_and_as_uint_n() {
        assert_eq!(as_uint_n(8, &b("257")), Ok(b("1")));
        assert_eq!(as_uint_n(8, &b("-1")), Ok(b("255")));
        assert_eq!(as_uint_n(0, &b("-1")), Ok(b("0")));
        assert_eq!(as_uint_n(64, &b("-1")), Ok(b("18446744073709551615")));
        assert_eq!(as_uint_n(1 << 40, &b("5")), Ok(b("5")));
        assert_eq!(as_uint_n(1 << 40, &b("-5")), Err(BigIntError::TooBig));
        assert_eq!(as_int_n(8, &b("255")), b("-1"));
        assert_eq!(as_int_n(8, &b("127")), b("127"));
        assert_eq!(as_int_n(8, &b("128")), b("-128"));
        assert_eq!(as_int_n(8, &b("-128")), b("-128"));
        assert_eq!(as_int_n(8, &b("-129")), b("127"));
        assert_eq!(as_int_n(1, &b("1")), b("-1"));
        assert_eq!(as_int_n(64, &b("18446744073709551615")), b("-1"));
        assert_eq!(as_int_n(1 << 50, &b("-5")), b("-5"));
        assert_eq!(to_big_int64(&b("9223372036854775808")), i64::MIN);
        assert_eq!(to_big_uint64(&b("-1")), u64::MAX);
        assert_eq!(to_big_uint64(&b("18446744073709551617")), 1);
    }

    #[test]
    fn number_conversions() {
        assert_eq!(number_to_bigint(1e21), Some(b("1000000000000000000000")));
        assert_eq!(number_to_bigint(-1e300).map(|x| x.bits()), Some(997));
        assert_eq!(number_to_bigint(-0.0), Some(b("0")));
        assert_eq!(number_to_bigint(1.5), None);
        assert_eq!(number_to_bigint(f64::NAN), None);
        assert_eq!(number_to_bigint(f64::INFINITY), None);
        assert_eq!(bigint_to_f64(&b("9007199254740993")), 9007199254740992.0);
        assert_eq!(bigint_to_f64(&b("9007199254740995")), 9007199254740996.0);
        assert_eq!(bigint_to_f64(&b("-123")), -123.0);
        assert_eq!(bigint_to_f64(&(BigInt::one() << 1024u32)), f64::INFINITY);
        assert_eq!(bigint_to_f64(&((BigInt::one() << 1024u32) - 1)), f64::INFINITY);
        let max = integral_f64_to_bigint(f64::MAX);
        assert_eq!(bigint_to_f64(&max), f64::MAX);
        assert_eq!(bigint_to_f64(&(&max + (BigInt::one() << 970u32) - 1)), f64::MAX);
        assert_eq!(bigint_to_f64(&(&max + (BigInt::one() << 970u32))), f64::INFINITY);
        // A tie above 2^64 broken by a far-away sticky bit.
        let tie = (BigInt::one() << 100u32) + (BigInt::one() << 47u32);
        assert_eq!(bigint_to_f64(&tie), 2f64.powi(100));
        assert_eq!(bigint_to_f64(&(tie + 1)), 2f64.powi(100) + 2f64.powi(48));
    }

    #[test]
    fn mixed_comparison() {
        assert_eq!(compare_bigint_number(&b("1"), 1.5), Some(Ordering::Less));
        assert_eq!(compare_bigint_number(&b("2"), 1.5), Some(Ordering::Greater));
        assert_eq!(compare_bigint_number(&b("-2"), -1.5), Some(Ordering::Less));
        assert_eq!(compare_bigint_number(&b("-1"), -1.5), Some(Ordering::Greater));
        assert_eq!(compare_bigint_number(&b("0"), -0.0), Some(Ordering::Equal));
        assert_eq!(compare_bigint_number(&b("9007199254740993"), 9007199254740992.0), Some(Ordering::Greater));
        assert_eq!(compare_bigint_number(&b("1"), f64::NAN), None);
        assert_eq!(compare_bigint_number(&b("1"), f64::INFINITY), Some(Ordering::Less));
        assert_eq!(compare_bigint_number(&b("1"), f64::NEG_INFINITY), Some(Ordering::Greater));
        assert_eq!(to_string_radix(&b("-255"), 16), "-ff");
        assert_eq!(to_string_radix(&b("35"), 36), "z");
    }
}
