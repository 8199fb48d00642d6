//! The integer conversions of §7.1 applied to a Number that is already a
//! Number: ToIntegerOrInfinity, ToInt32 and its 8/16-bit siblings,
//! ToUint8Clamp, ToLength and ToIndex's range check. The `Vm` methods in
//! `conversions.rs` call ToNumber first and then these.

/// 2^53 - 1, the largest length and index.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// ToIntegerOrInfinity on a Number: NaN and ±0 are 0, ±Infinity stay,
/// everything else is truncated toward zero (and never -0).
pub fn to_integer_or_infinity(x: f64) -> f64 {
    // 2. If number is one of NaN, +0𝔽, or -0𝔽, return 0.
    if x.is_nan() || x == 0.0 {
        return 0.0;
    }
    // 3-5. Infinities stay; truncate(ℝ(number)), with +0 for -0.
    x.trunc() + 0.0
}

/// `x` truncated and taken modulo 2^32 (NaN and ±Infinity give 0): the
/// shared core of ToInt32, ToUint32 and the narrower ones.
pub fn modulo_2_32(x: f64) -> u32 {
    if x.abs() < 2_147_483_648.0 {
        // Fast path: already in i32 range (NaN fails the test).
        return x as i32 as u32;
    }
    if !x.is_finite() {
        return 0;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7FF) as i64 - 1075;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    // |x| >= 2^31 here, so x = mantissa × 2^exponent with exponent > -22.
    let low = if exponent >= 32 {
        0
    } else if exponent >= 0 {
        (mantissa << exponent) as u32
    } else {
        (mantissa >> -exponent) as u32
    };
    if x < 0.0 {
        low.wrapping_neg()
    } else {
        low
    }
}

/// ToInt32 on a Number.
#[inline]
pub fn to_int32(x: f64) -> i32 {
    modulo_2_32(x) as i32
}

/// ToUint32 on a Number.
#[inline]
pub fn to_uint32(x: f64) -> u32 {
    modulo_2_32(x)
}

/// ToInt16 on a Number.
pub fn to_int16(x: f64) -> i16 {
    modulo_2_32(x) as i16
}

/// ToUint16 on a Number.
pub fn to_uint16(x: f64) -> u16 {
    modulo_2_32(x) as u16
}

/// ToInt8 on a Number.
pub fn to_int8(x: f64) -> i8 {
    modulo_2_32(x) as i8
}

/// ToUint8 on a Number.
pub fn to_uint8(x: f64) -> u8 {
    modulo_2_32(x) as u8
}

/// ToUint8Clamp on a Number: clamp to 0..=255, round half to even.
pub fn to_uint8_clamp(x: f64) -> u8 {
    // 2. If number is NaN, return +0𝔽.
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    // 4. If mv ≥ 255, return 255𝔽.
    if x >= 255.0 {
        return 255;
    }
    // 5-9. Round to nearest, ties to even.
    let f = x.floor();
    let diff = x - f;
    let r = if diff > 0.5 || (diff == 0.5 && f % 2.0 != 0.0) { f + 1.0 } else { f };
    r as u8
}

/// ToLength on a Number: an integer in 0 ..= 2^53 - 1.
pub fn to_length(x: f64) -> f64 {
    let len = to_integer_or_infinity(x);
    if len <= 0.0 {
        0.0
    } else {
        len.min(MAX_SAFE_INTEGER)
    }
}

/// ToIndex on a Number (after ToIntegerOrInfinity): `None` when outside
/// 0 ..= 2^53 - 1, which is the caller's RangeError.
pub fn to_index(x: f64) -> Option<u64> {
    let integer = to_integer_or_infinity(x);
    (0.0..=MAX_SAFE_INTEGER).contains(&integer).then_some(integer as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int32_of_large_values() {
        let table: &[(f64, i32)] = &[
            (0.0, 0),
            (-0.0, 0),
            (f64::NAN, 0),
            (f64::INFINITY, 0),
            (f64::NEG_INFINITY, 0),
            (1.9, 1),
            (-1.9, -1),
            (2147483647.0, 2147483647),
            (2147483648.0, -2147483648),
            (-2147483648.0, -2147483648),
            (-2147483649.0, 2147483647),
            (4294967295.0, -1),
            (4294967296.0, 0),
            (4294967297.5, 1),
            (-4294967297.0, -1),
            (1e10, 1410065408),
            (-1e10, -1410065408),
            (9007199254740993.0, 0),
            (9007199254740991.0, -1),
            (2f64.powi(63) + 2f64.powi(40), 0),
            (2f64.powi(84), 0),
            (2f64.powi(52) * 3.0 + 4.0, 4),
            (1e21, -559939584),
            (f64::MAX, 0),
            (5e-324, 0),
        ];
        for &(x, v) in table {
            assert_eq!(to_int32(x), v, "{x:e}");
        }
        assert_eq!(to_uint32(-1.0), 4294967295);
        assert_eq!(to_uint32(1e21), 3735027712);
    }

    #[test]
    fn narrow_conversions() {
        assert_eq!(to_int16(32768.0), -32768);
        assert_eq!(to_uint16(-1.0), 65535);
        assert_eq!(to_uint16(65537.0), 1);
        assert_eq!(to_int8(200.0), -56);
        assert_eq!(to_uint8(-1.0), 255);
        assert_eq!(to_uint8(256.7), 0);
        assert_eq!(to_uint8_clamp(-5.0), 0);
        assert_eq!(to_uint8_clamp(f64::NAN), 0);
        assert_eq!(to_uint8_clamp(300.0), 255);
        assert_eq!(to_uint8_clamp(0.5), 0);
        assert_eq!(to_uint8_clamp(1.5), 2);
        assert_eq!(to_uint8_clamp(2.5), 2);
        assert_eq!(to_uint8_clamp(2.500001), 3);
        assert_eq!(to_uint8_clamp(254.5), 254);
        assert_eq!(to_uint8_clamp(253.5), 254);
    }

    #[test]
    fn integer_length_index() {
        assert!(to_integer_or_infinity(-0.5).is_sign_positive());
        assert_eq!(to_integer_or_infinity(-1.5), -1.0);
        assert_eq!(to_integer_or_infinity(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(to_length(-3.0), 0.0);
        assert_eq!(to_length(f64::INFINITY), MAX_SAFE_INTEGER);
        assert_eq!(to_length(3.7), 3.0);
        assert_eq!(to_index(-0.9), Some(0));
        assert_eq!(to_index(-1.0), None);
        assert_eq!(to_index(f64::NAN), Some(0));
        assert_eq!(to_index(2f64.powi(53)), None);
        assert_eq!(to_index(MAX_SAFE_INTEGER), Some(9_007_199_254_740_991));
    }
}
