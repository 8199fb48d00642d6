//! Number::toString (ECMAScript 2025 §6.1.6.1.20) in radix 10 and in the
//! radices 2 to 36 of `Number.prototype.toString`.
//!
//! Radix 10 is exactly the specification's algorithm: the shortest digit
//! string that round-trips, formatted with the spec's rules for exponents
//! (`ryu-js` implements precisely that). Other radices follow V8's
//! `DoubleToRadixCString`, so that output matches Node byte for byte: exact
//! for integers below 2^53 (larger ones keep their 53 significant bits and
//! pad with zeros) and, for fractions, digits generated until the value is
//! pinned down to within half an ulp, rounded to even.

/// Number::toString(x, 10): `"NaN"`, `"Infinity"`, `"0"` for ±0,
/// `"1e+21"`, `"1.5e-7"`, `"123"` ...
pub fn number_to_string(x: f64) -> String {
    if x == 0.0 {
        // Step 2: both zeros are "0".
        return "0".to_owned();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // Fast path: integers print as themselves.
        return (x as i64).to_string();
    }
    ryu_js::Buffer::new().format(x).to_owned()
}

/// The shortest round-trip decimal digits of a finite, non-zero `x` (its
/// absolute value) and the exponent `n` such that `|x| = 0.d1d2... × 10^n`:
/// the `s`, `k` and `n` of Number::toString's step 5.
pub fn shortest_digits(x: f64) -> (Vec<u8>, i32) {
    let mut buf = ryu_js::Buffer::new();
    let text = buf.format_finite(x.abs());
    let (mantissa, exp) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).map(|b| b - b'0').collect();
    // The decimal point sits after `int_part`; leading zeros move it left.
    let mut point = int_part.len() as i32 + exp;
    let lead = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..lead);
    point -= lead as i32;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Number::prototype.toString(radix) for `radix` in 2..=36 (10 included,
/// which is [`number_to_string`]). A radix outside that range is the
/// caller's RangeError; here it is treated as 10.
pub fn number_to_string_radix(x: f64, radix: u32) -> String {
    if radix == 10 || !(2..=36).contains(&radix) {
        return number_to_string(x);
    }
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let value = x.abs();
    let integer = value.floor();
    let (fraction, carry) = radix_fraction(value, value - integer, radix);
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    out.push_str(&radix_integer(integer + carry, radix));
    out.push_str(&fraction);
    out
}

/// The next representable double above a finite non-negative `x`.
fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

/// The fraction digits (with their ".") of V8's algorithm, and the carry
/// (0 or 1) that rounding them up propagates into the integer part.
fn radix_fraction(value: f64, mut fraction: f64, radix: u32) -> (String, f64) {
    let r = f64::from(radix);
    // Only as many digits as the double's precision justifies.
    let mut delta = (0.5 * (next_up(value) - value)).max(next_up(0.0));
    let mut digits: Vec<u32> = Vec::new();
    if fraction < delta {
        return (String::new(), 0.0);
    }
    loop {
        fraction *= r;
        delta *= r;
        let digit = fraction as u32;
        digits.push(digit);
        fraction -= f64::from(digit);
        let round_up = fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1);
        if round_up && fraction + delta > 1.0 {
            // Round up, carrying through digits equal to radix - 1.
            loop {
                match digits.pop() {
                    None => return (String::new(), 1.0),
                    Some(d) if d + 1 < radix => {
                        digits.push(d + 1);
                        break;
                    }
                    Some(_) => {}
                }
            }
            break;
        }
        if fraction < delta {
            break;
        }
    }
    let mut s = String::with_capacity(digits.len() + 1);
    s.push('.');
    s.extend(digits.iter().map(|&d| DIGITS[d as usize] as char));
    (s, 0.0)
}

/// The digits of the non-negative integral `integer` in `radix`: digits
/// beyond the double's 53 bits of precision are written as zeros.
fn radix_integer(mut integer: f64, radix: u32) -> String {
    let r = f64::from(radix);
    let mut rev: Vec<u8> = Vec::new();
    // V8: `while (Double(integer / radix).Exponent() > 0)`, i.e. while the
    // quotient is at least 2^53 and so has no fractional bits.
    while integer / r >= 9_007_199_254_740_992.0 {
        integer /= r;
        rev.push(b'0');
    }
    loop {
        let remainder = integer % r;
        rev.push(DIGITS[remainder as usize]);
        integer = (integer - remainder) / r;
        if integer <= 0.0 {
            break;
        }
    }
    rev.reverse();
    String::from_utf8_lossy(&rev).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_10_table() {
        let table: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (123.456, "123.456"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1.2345e-6, "0.0000012345"),
            (5e-324, "5e-324"),
            (-5e-324, "-5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (1e15, "1000000000000000"),
            (-1e15, "-1000000000000000"),
            (4294967295.0, "4294967295"),
            (9007199254740993.0, "9007199254740992"),
            (1.7976931348623156e300, "1.7976931348623156e+300"),
            (2.5e25, "2.5e+25"),
        ];
        for &(x, s) in table {
            assert_eq!(number_to_string(x), s, "{x:e}");
        }
    }

    #[test]
    fn shortest_digits_and_exponent() {
        assert_eq!(shortest_digits(123.456), (vec![1, 2, 3, 4, 5, 6], 3));
        assert_eq!(shortest_digits(0.00015), (vec![1, 5], -3));
        assert_eq!(shortest_digits(1e21), (vec![1], 22));
        assert_eq!(shortest_digits(-5e-324), (vec![5], -323));
        assert_eq!(shortest_digits(100.0), (vec![1], 3));
    }

    #[test]
    fn other_radices_match_v8() {
        // Expected values are Node 20's output.
        let table: &[(f64, u32, &str)] = &[
            (255.0, 16, "ff"),
            (-255.0, 16, "-ff"),
            (255.0, 2, "11111111"),
            (35.0, 36, "z"),
            (0.5, 2, "0.1"),
            (0.1, 2, "0.0001100110011001100110011001100110011001100110011001101"),
            (0.1, 16, "0.1999999999999a"),
            (3.25159, 16, "3.406833c6002a"),
            (-0.0, 2, "0"),
            (f64::NAN, 16, "NaN"),
            (f64::NEG_INFINITY, 36, "-Infinity"),
            (1e21, 16, "3635c9adc5dea00000"),
            (1e21, 36, "5v1j4f4ds7c000"),
            (2f64.powi(60), 2, "1000000000000000000000000000000000000000000000000000000000000"),
            (123.456, 36, "3f.gez4w97ry"),
            (0.5, 36, "0.i"),
            (-1.25, 8, "-1.2"),
            (1e300, 7, "6562255533065302131000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (9007199254740994.0, 3, "1121202011211211122211100012101111"),
            (0.3, 3, "0.0220022002200220022002200220022002"),
            (1.0 / 3.0, 3, "0.1"),
            (12345.6789, 5, "343340.31441240124012402"),
            (0.999999999999999, 2, "0.11111111111111111111111111111111111111111111111110111"),
            (1.9999999999999998, 16, "1.fffffffffffff"),
        ];
        for &(x, radix, s) in table {
            assert_eq!(number_to_string_radix(x, radix), s, "{x:e} radix {radix}");
        }
        let tiny = format!("0.{}1", "0".repeat(1073));
        assert_eq!(number_to_string_radix(5e-324, 2), tiny);
    }
}
