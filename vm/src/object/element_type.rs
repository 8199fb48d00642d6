//! The element types of typed arrays and DataViews (§23.2, Table 71) and
//! the conversions between an element's raw bytes and its value:
//! NumericToRawBytes and RawBytesToNumeric (§25.1.3.16-17), including the
//! IEEE 754 binary16 rounding of Float16.
//!
//! Invariants: these functions are pure (no heap, no JavaScript); the
//! caller has already applied ToNumber or ToBigInt64/ToBigUint64 to the
//! value, and hands over a byte slice exactly [`ElementType::size`] long.
//! Byte order is explicit (typed arrays use little-endian, the platform
//! order Spindle picks for them everywhere).

/// An element type: [[TypedArrayName]] / a DataView accessor's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementType {
    /// `Int8Array`
    Int8,
    /// `Uint8Array`
    Uint8,
    /// `Uint8ClampedArray`
    Uint8Clamped,
    /// `Int16Array`
    Int16,
    /// `Uint16Array`
    Uint16,
    /// `Int32Array`
    Int32,
    /// `Uint32Array`
    Uint32,
    /// `Float16Array`
    Float16,
    /// `Float32Array`
    Float32,
    /// `Float64Array`
    Float64,
    /// `BigInt64Array`
    BigInt64,
    /// `BigUint64Array`
    BigUint64,
}

/// An element value ready to be stored: a Number (after ToNumber) or the
/// 64 bits of a BigInt (after ToBigInt64 / ToBigUint64, the same bits).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ElementValue {
    /// For the Number types.
    Number(f64),
    /// For BigInt64 and BigUint64.
    Bits64(u64),
}

/// An element value read back: a Number, or a BigInt's mathematical value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decoded {
    /// From a Number type.
    Number(f64),
    /// From BigInt64 (signed) or BigUint64 (unsigned).
    BigInt(i128),
}

impl ElementType {
    /// The eleven constructors' element types in the order of Table 71
    /// (Float16 placed before Float32).
    pub const ALL: [ElementType; 12] = [
        ElementType::Int8,
        ElementType::Uint8,
        ElementType::Uint8Clamped,
        ElementType::Int16,
        ElementType::Uint16,
        ElementType::Int32,
        ElementType::Uint32,
        ElementType::Float16,
        ElementType::Float32,
        ElementType::Float64,
        ElementType::BigInt64,
        ElementType::BigUint64,
    ];

    /// The Element Size in bytes.
    pub fn size(self) -> usize {
        match self {
            ElementType::Int8 | ElementType::Uint8 | ElementType::Uint8Clamped => 1,
            ElementType::Int16 | ElementType::Uint16 | ElementType::Float16 => 2,
            ElementType::Int32 | ElementType::Uint32 | ElementType::Float32 => 4,
            ElementType::Float64 | ElementType::BigInt64 | ElementType::BigUint64 => 8,
        }
    }

    /// The constructor name ([[TypedArrayName]]).
    pub fn name(self) -> &'static str {
        match self {
            ElementType::Int8 => "Int8Array",
            ElementType::Uint8 => "Uint8Array",
            ElementType::Uint8Clamped => "Uint8ClampedArray",
            ElementType::Int16 => "Int16Array",
            ElementType::Uint16 => "Uint16Array",
            ElementType::Int32 => "Int32Array",
            ElementType::Uint32 => "Uint32Array",
            ElementType::Float16 => "Float16Array",
            ElementType::Float32 => "Float32Array",
            ElementType::Float64 => "Float64Array",
            ElementType::BigInt64 => "BigInt64Array",
            ElementType::BigUint64 => "BigUint64Array",
        }
    }

    /// IsBigIntElementType(type).
    pub fn is_bigint(self) -> bool {
        matches!(self, ElementType::BigInt64 | ElementType::BigUint64)
    }

    /// NumericToRawBytes(type, value, isLittleEndian) into `out`.
    pub fn encode(self, value: ElementValue, little_endian: bool, out: &mut [u8]) {
        use crate::ops::int_conversions as int;
        let n = match value {
            ElementValue::Number(n) => n,
            ElementValue::Bits64(b) => {
                put(out, &b.to_le_bytes(), little_endian);
                return;
            }
        };
        match self {
            ElementType::Int8 => put(out, &int::to_int8(n).to_le_bytes(), little_endian),
            ElementType::Uint8 => put(out, &int::to_uint8(n).to_le_bytes(), little_endian),
            ElementType::Uint8Clamped => put(out, &int::to_uint8_clamp(n).to_le_bytes(), little_endian),
            ElementType::Int16 => put(out, &int::to_int16(n).to_le_bytes(), little_endian),
            ElementType::Uint16 => put(out, &int::to_uint16(n).to_le_bytes(), little_endian),
            ElementType::Int32 => put(out, &int::to_int32(n).to_le_bytes(), little_endian),
            ElementType::Uint32 => put(out, &int::to_uint32(n).to_le_bytes(), little_endian),
            ElementType::Float16 => put(out, &f64_to_f16_bits(n).to_le_bytes(), little_endian),
            ElementType::Float32 => put(out, &(n as f32).to_le_bytes(), little_endian),
            ElementType::Float64 => put(out, &n.to_le_bytes(), little_endian),
            // A Number never reaches a BigInt type (ToBigInt came first).
            ElementType::BigInt64 | ElementType::BigUint64 => put(out, &0u64.to_le_bytes(), little_endian),
        }
    }

    /// RawBytesToNumeric(type, rawBytes, isLittleEndian).
    pub fn decode(self, bytes: &[u8], little_endian: bool) -> Decoded {
        let mut le = [0u8; 8];
        let size = self.size();
        le[..size].copy_from_slice(&bytes[..size]);
        if !little_endian {
            le[..size].reverse();
        }
        let [b0, b1, b2, b3, ..] = le;
        let n = match self {
            ElementType::Int8 => f64::from(b0 as i8),
            ElementType::Uint8 | ElementType::Uint8Clamped => f64::from(b0),
            ElementType::Int16 => f64::from(i16::from_le_bytes([b0, b1])),
            ElementType::Uint16 => f64::from(u16::from_le_bytes([b0, b1])),
            ElementType::Int32 => f64::from(i32::from_le_bytes([b0, b1, b2, b3])),
            ElementType::Uint32 => f64::from(u32::from_le_bytes([b0, b1, b2, b3])),
            ElementType::Float16 => f16_bits_to_f64(u16::from_le_bytes([b0, b1])),
            ElementType::Float32 => f64::from(f32::from_le_bytes([b0, b1, b2, b3])),
            ElementType::Float64 => f64::from_le_bytes(le),
            ElementType::BigInt64 => return Decoded::BigInt(i128::from(i64::from_le_bytes(le))),
            ElementType::BigUint64 => return Decoded::BigInt(i128::from(u64::from_le_bytes(le))),
        };
        Decoded::Number(n)
    }
}

/// Writes little-endian `le` into `out` in the requested order.
fn put(out: &mut [u8], le: &[u8], little_endian: bool) {
    out[..le.len()].copy_from_slice(le);
    if !little_endian {
        out[..le.len()].reverse();
    }
}

/// The binary16 bits of `x` rounded to nearest, ties to even (the
/// conversion of NumericToRawBytes for Float16 and of `Math.f16round`),
/// straight from binary64 so that there is no double rounding.
pub fn f64_to_f16_bits(x: f64) -> u16 {
    let sign = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return 0x7E00;
    }
    let a = x.abs();
    // Half-way between the largest finite (65504) and 2^16 rounds up to ∞.
    if a >= 65520.0 {
        return sign | 0x7C00;
    }
    if a < 2f64.powi(-14) {
        // Subnormal (or zero): multiples of 2^-24; 1024 × 2^-24 is the
        // smallest normal, whose bits are the same 0x400.
        return sign | (a * 2f64.powi(24)).round_ties_even() as u16;
    }
    let exponent = ((a.to_bits() >> 52) & 0x7FF) as i32 - 1023;
    let fraction = a / 2f64.powi(exponent) - 1.0;
    let mut mantissa = (fraction * 1024.0).round_ties_even() as u16;
    let mut biased = (exponent + 15) as u16;
    if mantissa == 1024 {
        mantissa = 0;
        biased += 1;
    }
    sign | biased << 10 | mantissa
}

/// The Number a binary16 bit pattern stands for.
pub fn f16_bits_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1F);
    let mantissa = f64::from(bits & 0x3FF);
    let magnitude = match exponent {
        0 => mantissa * 2f64.powi(-24),
        0x1F if mantissa == 0.0 => f64::INFINITY,
        0x1F => return f64::NAN,
        _ => (1.0 + mantissa / 1024.0) * 2f64.powi(exponent - 15),
    };
    sign * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f16(x: f64) -> f64 {
        f16_bits_to_f64(f64_to_f16_bits(x))
    }

    #[test]
    fn float16_rounding() {
        assert_eq!(f16(1.0), 1.0);
        assert_eq!(f16(65504.0), 65504.0);
        assert_eq!(f16(65519.99), 65504.0);
        assert_eq!(f16(65520.0), f64::INFINITY);
        assert_eq!(f16(-1e9), f64::NEG_INFINITY);
        assert_eq!(f16(5.960464477539063e-8), 5.960464477539063e-8);
        assert_eq!(f16(2.9802322387695312e-8), 0.0); // half of the smallest subnormal: ties to even (0)
        assert_eq!(f16(2.980232238769532e-8), 5.960464477539063e-8);
        assert_eq!(f16(1.0009765625), 1.0009765625);
        assert_eq!(f16(1.00048828125), 1.0); // a tie between 1 and 1+2^-10 goes to even
        assert_eq!(f16(1.00146484375), 1.001953125); // a tie goes to the even mantissa 2
        assert!(f16(-0.0).is_sign_negative());
        assert!(f16(f64::NAN).is_nan());
        // No double rounding through binary32.
        assert_eq!(f16(1.0004882812500002), 1.0009765625);
    }

    #[test]
    fn integer_types_wrap_and_clamp() {
        let mut b = [0u8; 8];
        ElementType::Int8.encode(ElementValue::Number(200.0), true, &mut b);
        assert_eq!(ElementType::Int8.decode(&b, true), Decoded::Number(-56.0));
        ElementType::Uint8Clamped.encode(ElementValue::Number(300.0), true, &mut b);
        assert_eq!(ElementType::Uint8Clamped.decode(&b, true), Decoded::Number(255.0));
        ElementType::Uint8Clamped.encode(ElementValue::Number(2.5), true, &mut b);
        assert_eq!(b[0], 2);
        ElementType::Uint32.encode(ElementValue::Number(-1.0), true, &mut b);
        assert_eq!(ElementType::Uint32.decode(&b, true), Decoded::Number(4294967295.0));
    }

    #[test]
    fn byte_order() {
        let mut b = [0u8; 8];
        ElementType::Uint16.encode(ElementValue::Number(0x0102 as f64), false, &mut b);
        assert_eq!(&b[..2], &[1, 2]);
        assert_eq!(ElementType::Uint16.decode(&b, true), Decoded::Number(0x0201 as f64));
        ElementType::BigInt64.encode(ElementValue::Bits64(u64::MAX), true, &mut b);
        assert_eq!(ElementType::BigInt64.decode(&b, true), Decoded::BigInt(-1));
        assert_eq!(ElementType::BigUint64.decode(&b, false), Decoded::BigInt(i128::from(u64::MAX)));
        ElementType::Float64.encode(ElementValue::Number(1.5), false, &mut b);
        assert_eq!(ElementType::Float64.decode(&b, false), Decoded::Number(1.5));
    }
}
