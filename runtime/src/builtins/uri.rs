//! URI handling functions (ECMAScript 2025 §19.2.6): `encodeURI`,
//! `encodeURIComponent`, `decodeURI` and `decodeURIComponent`, with the
//! URIError of malformed input (lone surrogates, bad escapes, invalid
//! UTF-8).

use super::builder::native_function;
use super::support::{arg, install_global};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// The reserved characters `encodeURI` leaves and `decodeURI` keeps escaped.
const URI_RESERVED_AND_HASH: &str = ";/?:@&=+$,#";

/// Installs the four URI functions.
pub(crate) fn install(vm: &mut Vm) {
    let functions: [(&str, &'static str, spindle_vm::object::NativeFn); 4] = [
        ("decodeURI", "%decodeURI%", decode_uri),
        ("decodeURIComponent", "%decodeURIComponent%", decode_uri_component),
        ("encodeURI", "%encodeURI%", encode_uri),
        ("encodeURIComponent", "%encodeURIComponent%", encode_uri_component),
    ];
    for (name, spec_name, f) in functions {
        let func = native_function(vm, name, 1, f, false);
        vm.realm.named.insert(spec_name, func);
        install_global(vm, name, Value::Object(func));
    }
}

/// decodeURI(encodedURI) (§19.2.6.1).
fn decode_uri(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    decode_with(vm, arg(args, 0), URI_RESERVED_AND_HASH)
}

/// decodeURIComponent(encodedURIComponent) (§19.2.6.2).
fn decode_uri_component(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    decode_with(vm, arg(args, 0), "")
}

/// encodeURI(uri) (§19.2.6.3).
fn encode_uri(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    encode_with(vm, arg(args, 0), URI_RESERVED_AND_HASH)
}

/// encodeURIComponent(uriComponent) (§19.2.6.4).
fn encode_uri_component(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    encode_with(vm, arg(args, 0), "")
}

/// ToString of the argument, then Encode or Decode; a URIError on failure.
fn encode_with(vm: &mut Vm, v: Value, extra: &str) -> JsResult<Value> {
    let s = vm.to_string(v)?;
    match encode(vm.heap.units(s), extra) {
        Some(out) => Ok(vm.string(&out)),
        None => Err(vm.error(ErrorKind::UriError, "URI malformed")),
    }
}

fn decode_with(vm: &mut Vm, v: Value, preserve: &str) -> JsResult<Value> {
    let s = vm.to_string(v)?;
    // Without a '%' there is nothing to decode: the string itself.
    if !vm.heap.units(s).contains(&u16::from(b'%')) {
        return Ok(Value::String(s));
    }
    match decode(vm.heap.units(s), preserve) {
        Some(out) => Ok(Value::String(vm.heap.alloc_string(out))),
        None => Err(vm.error(ErrorKind::UriError, "URI malformed")),
    }
}

/// Encode(string, extraUnescaped) (§19.2.6.5); `None` for a lone surrogate.
fn encode(units: &[u16], extra: &str) -> Option<String> {
    // 3-4. The ASCII word characters, "-.!~*'()" and the extra set stay.
    let unescaped = |c: u16| {
        u8::try_from(c).is_ok_and(|b| b.is_ascii_alphanumeric() || b"_-.!~*'()".contains(&b) || extra.as_bytes().contains(&b))
    };
    let mut out = String::with_capacity(units.len());
    // 5-6. For each code unit (or surrogate pair):
    for ch in char::decode_utf16(units.iter().copied()) {
        // 6.c.ii. An unpaired surrogate is a URIError.
        let ch = ch.ok()?;
        let mut buf = [0u8; 4];
        let single = u16::try_from(u32::from(ch)).ok().filter(|&c| unescaped(c));
        match single {
            // 6.b. Unescaped characters are copied.
            Some(_) => out.push(ch),
            // 6.c.iv-v. Otherwise each UTF-8 octet as %XX.
            None => ch.encode_utf8(&mut buf).bytes().for_each(|b| push_escape(&mut out, b)),
        }
    }
    Some(out)
}

/// Appends `%XX` (upper-case hex) for octet `b`.
fn push_escape(out: &mut String, b: u8) {
    let hex = |n: u8| char::from_digit(u32::from(n), 16).map_or('0', |c| c.to_ascii_uppercase());
    out.push('%');
    out.push(hex(b >> 4));
    out.push(hex(b & 0xF));
}

/// The value of the two hex digits at `units[i..i + 2]`.
fn hex_octet(units: &[u16], i: usize) -> Option<u8> {
    let digit = |u: &u16| char::from_u32(u32::from(*u)).and_then(|c| c.to_digit(16));
    let hi = digit(units.get(i)?)?;
    let lo = digit(units.get(i + 1)?)?;
    u8::try_from(hi * 16 + lo).ok()
}

/// Decode(string, preserveEscapeSet) (§19.2.6.6); `None` for a malformed escape.
fn decode(units: &[u16], preserve: &str) -> Option<Vec<u16>> {
    let mut out = Vec::with_capacity(units.len());
    let mut k = 0;
    // 4. Repeat, while k < len,
    while let Some(&c) = units.get(k) {
        // c. If C is not %, copy it.
        if c != u16::from(b'%') {
            out.push(c);
            k += 1;
            continue;
        }
        // c.i-iv. Let B be ParseHexOctet(string, k + 1); errors are URIErrors.
        let b = hex_octet(units, k + 1)?;
        // c.vi. Let n be the number of leading 1 bits in B.
        let n = b.leading_ones() as usize;
        if n == 0 {
            // c.vii. One ASCII character, kept escaped when in the preserve set.
            if preserve.as_bytes().contains(&b) {
                out.extend_from_slice(units.get(k..k + 3)?);
            } else {
                out.push(u16::from(b));
            }
            k += 3;
            continue;
        }
        // c.viii.1. n = 1 or n > 4 is a URIError.
        if n == 1 || n > 4 {
            return None;
        }
        // c.viii.2-4. Gather the n - 1 continuation octets, each "%XX".
        let mut octets = vec![b];
        for j in 1..n {
            let at = k + 3 * j;
            if units.get(at) != Some(&u16::from(b'%')) {
                return None;
            }
            octets.push(hex_octet(units, at + 1)?);
        }
        // c.viii.6-8. They must be the UTF-8 encoding of one code point.
        let s = std::str::from_utf8(&octets).ok()?;
        out.extend(s.encode_utf16());
        k += 3 * n;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn encoding() {
        assert_eq!(run("encodeURIComponent('a b&c/é')"), "a%20b%26c%2F%C3%A9");
        assert_eq!(run("encodeURI('http://x.y/a b?q=1#f')"), "http://x.y/a%20b?q=1#f");
        assert_eq!(run("encodeURIComponent('\\uD83D\\uDE00')"), "%F0%9F%98%80");
        assert_eq!(run("var r; try { encodeURI('\\uD800') } catch (e) { r = e instanceof URIError } r"), "true");
    }

    #[test]
    fn decoding() {
        assert_eq!(run("decodeURIComponent('a%20b%26c%2F%C3%A9')"), "a b&c/é");
        assert_eq!(run("decodeURI('%2F%20')"), "%2F ");
        assert_eq!(run("decodeURIComponent('%F0%9F%98%80') === '\\uD83D\\uDE00'"), "true");
        assert_eq!(run("var r; try { decodeURI('%') } catch (e) { r = e.name } r"), "URIError");
        assert_eq!(run("var r; try { decodeURI('%C0%80') } catch (e) { r = e.name } r"), "URIError");
        assert_eq!(run("var r; try { decodeURI('%ED%A0%80') } catch (e) { r = e.name } r"), "URIError");
        assert_eq!(run("var r; try { decodeURI('%E0%A4%A') } catch (e) { r = e.name } r"), "URIError");
    }
}
