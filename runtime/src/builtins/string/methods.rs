//! `String.prototype` methods that read code units: at, charAt,
//! charCodeAt, codePointAt, concat, endsWith, includes, indexOf,
//! lastIndexOf, startsWith, slice, substring, substr, repeat,
//! isWellFormed, toWellFormed, localeCompare, normalize, toString, valueOf.

use super::{code_point_at, make_string, this_str, MAX_STRING_LENGTH};
use crate::builtins::builder::Builder;
use crate::builtins::support::{arg, clamp_relative};
use spindle_vm::value::{Obj, Str, Value};
use spindle_vm::{JsResult, Vm};
use unicode_normalization::UnicodeNormalization;

/// Installs these methods on `String.prototype`.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("at", 1, at)
        .method("charAt", 1, char_at)
        .method("charCodeAt", 1, char_code_at)
        .method("codePointAt", 1, code_point_at_method)
        .method("concat", 1, concat)
        .method("endsWith", 1, ends_with)
        .method("includes", 1, includes)
        .method("indexOf", 1, index_of)
        .method("isWellFormed", 0, is_well_formed)
        .method("lastIndexOf", 1, last_index_of)
        .method("localeCompare", 1, locale_compare)
        .method("normalize", 0, normalize)
        .method("repeat", 1, repeat)
        .method("slice", 2, slice)
        .method("startsWith", 1, starts_with)
        .method("substr", 2, substr)
        .method("substring", 2, substring)
        .method("toWellFormed", 0, to_well_formed);
    super::install_value_of(vm, proto);
}

/// StringIndexOf(string, searchValue, fromIndex) (§6.1.4.1).
pub(crate) fn string_index_of(s: &[u16], search: &[u16], from: usize) -> Option<usize> {
    if search.is_empty() {
        return (from <= s.len()).then_some(from);
    }
    if search.len() > s.len() {
        return None;
    }
    let last = s.len() - search.len();
    (from..=last).find(|&i| s.get(i..i + search.len()) == Some(search))
}

fn substring_value(vm: &mut Vm, s: Str, from: usize, to: usize) -> Value {
    Value::String(vm.heap.substring(s, from, to))
}

/// The position argument as an index into `len` code units, if inside.
fn position_in(vm: &mut Vm, pos: Value, len: usize) -> JsResult<Option<usize>> {
    let p = vm.to_integer_or_infinity(pos)?;
    Ok((p >= 0.0 && p < len as f64).then_some(p as usize))
}

/// `String.prototype.at(index)` (§22.1.3.1).
fn at(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. S and len.
    let s = this_str(vm, this)?;
    let len = vm.heap.string_len(s) as f64;
    // 4-6. k from the relative index.
    let rel = vm.to_integer_or_infinity(arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    // 7. If k < 0 or k ≥ len, return undefined.
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    // 8. Return the substring of S from k to k + 1.
    Ok(substring_value(vm, s, k as usize, k as usize + 1))
}

/// `String.prototype.charAt(pos)` (§22.1.3.2).
fn char_at(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let len = vm.heap.string_len(s);
    Ok(match position_in(vm, arg(args, 0), len)? {
        Some(p) => substring_value(vm, s, p, p + 1),
        None => Value::String(vm.heap.empty_string()),
    })
}

/// `String.prototype.charCodeAt(pos)` (§22.1.3.3).
fn char_code_at(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let len = vm.heap.string_len(s);
    let p = position_in(vm, arg(args, 0), len)?;
    let unit = p.and_then(|p| vm.heap.units(s).get(p).copied());
    Ok(Value::Number(unit.map_or(f64::NAN, f64::from)))
}

/// `String.prototype.codePointAt(pos)` (§22.1.3.4).
fn code_point_at_method(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let len = vm.heap.string_len(s);
    Ok(match position_in(vm, arg(args, 0), len)? {
        Some(p) => Value::Number(f64::from(code_point_at(vm.heap.units(s), p).0)),
        None => Value::Undefined,
    })
}

/// `String.prototype.concat(...args)` (§22.1.3.5).
fn concat(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let mut out = vm.heap.units(s).to_vec();
    for &a in args {
        let next = vm.to_string(a)?;
        out.extend_from_slice(vm.heap.units(next));
        if out.len() > MAX_STRING_LENGTH {
            return vm.range_error("Invalid string length");
        }
    }
    make_string(vm, out)
}

/// IsRegExp(argument) (§7.2.8).
pub(crate) fn is_regexp(vm: &mut Vm, v: Value) -> JsResult<bool> {
    // 1. If argument is not an Object, return false.
    let Value::Object(o) = v else { return Ok(false) };
    // 2-3. Let matcher be ? Get(argument, @@match); if not undefined, ToBoolean(matcher).
    let matcher = vm.get_property(o, spindle_vm::value::PropertyKey::Symbol(vm.heap.well_known.match_))?;
    if matcher != Value::Undefined {
        return Ok(vm.to_boolean(matcher));
    }
    // 4. If argument has a [[RegExpMatcher]] internal slot, return true.
    Ok(is_regexp_object(vm, o))
}

/// The object is a RegExp instance.
fn is_regexp_object(vm: &Vm, o: Obj) -> bool {
    crate::builtins::regexp::is_regexp_object(vm, o)
}

/// The search string argument of startsWith / endsWith / includes: a
/// TypeError for a RegExp, else ToString.
fn search_string(vm: &mut Vm, v: Value, method: &str) -> JsResult<Vec<u16>> {
    if is_regexp(vm, v)? {
        return vm.type_error(&format!("First argument to String.prototype.{method} must not be a regular expression"));
    }
    let s = vm.to_string(v)?;
    Ok(vm.heap.units(s).to_vec())
}

/// `String.prototype.endsWith(searchString [, endPosition])` (§22.1.3.7).
fn ends_with(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    // 3-5. searchStr (no RegExp).
    let search = search_string(vm, arg(args, 0), "endsWith")?;
    // 6-8. end = clamp(pos, 0, len).
    let len = vm.heap.string_len(s);
    let end = match arg(args, 1) {
        Value::Undefined => len,
        p => clamp_relative(vm.to_integer_or_infinity(p)?.max(0.0), len as u64) as usize,
    };
    // 9-13. The code units before end are searchStr.
    if search.len() > end {
        return Ok(Value::Bool(search.is_empty()));
    }
    Ok(Value::Bool(vm.heap.units(s).get(end - search.len()..end) == Some(&search[..])))
}

/// `String.prototype.startsWith(searchString [, position])` (§22.1.3.24).
fn starts_with(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let search = search_string(vm, arg(args, 0), "startsWith")?;
    let len = vm.heap.string_len(s);
    let start = clamp_relative(vm.to_integer_or_infinity(arg(args, 1))?.max(0.0), len as u64) as usize;
    if search.is_empty() {
        return Ok(Value::Bool(true));
    }
    Ok(Value::Bool(vm.heap.units(s).get(start..start + search.len()) == Some(&search[..])))
}

/// `String.prototype.includes(searchString [, position])` (§22.1.3.8).
fn includes(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let search = search_string(vm, arg(args, 0), "includes")?;
    let len = vm.heap.string_len(s);
    let start = clamp_relative(vm.to_integer_or_infinity(arg(args, 1))?.max(0.0), len as u64) as usize;
    Ok(Value::Bool(string_index_of(vm.heap.units(s), &search, start).is_some()))
}

/// `String.prototype.indexOf(searchString [, position])` (§22.1.3.9).
fn index_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let search = vm.to_string(arg(args, 0))?;
    let search = vm.heap.units(search).to_vec();
    let len = vm.heap.string_len(s);
    let start = clamp_relative(vm.to_integer_or_infinity(arg(args, 1))?.max(0.0), len as u64) as usize;
    let found = string_index_of(vm.heap.units(s), &search, start);
    Ok(Value::Number(found.map_or(-1.0, |i| i as f64)))
}

/// `String.prototype.lastIndexOf(searchString [, position])` (§22.1.3.11).
fn last_index_of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let search = vm.to_string(arg(args, 0))?;
    let search = vm.heap.units(search).to_vec();
    // 4-5. numPos = ToNumber(position); NaN means +∞.
    let num_pos = vm.to_number(arg(args, 1))?;
    let pos = if num_pos.is_nan() { f64::INFINITY } else { spindle_vm::ops::int_conversions::to_integer_or_infinity(num_pos) };
    let units = vm.heap.units(s);
    // 6-8. start = clamp(pos, 0, len - searchLen).
    if search.len() > units.len() {
        return Ok(Value::Number(-1.0));
    }
    let start = pos.clamp(0.0, (units.len() - search.len()) as f64) as usize;
    // 9-11. The last match at or before start.
    let found = (0..=start).rev().find(|&i| units.get(i..i + search.len()) == Some(&search[..]));
    Ok(Value::Number(found.map_or(-1.0, |i| i as f64)))
}

/// `String.prototype.slice(start, end)` (§22.1.3.22).
fn slice(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let len = vm.heap.string_len(s) as u64;
    let from = clamp_relative(vm.to_integer_or_infinity(arg(args, 0))?, len);
    let to = match arg(args, 1) {
        Value::Undefined => len,
        e => clamp_relative(vm.to_integer_or_infinity(e)?, len),
    };
    if from >= to {
        return Ok(Value::String(vm.heap.empty_string()));
    }
    Ok(substring_value(vm, s, from as usize, to as usize))
}

/// `String.prototype.substring(start, end)` (§22.1.3.25).
fn substring(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let len = vm.heap.string_len(s) as f64;
    let start = vm.to_integer_or_infinity(arg(args, 0))?.clamp(0.0, len);
    let end = match arg(args, 1) {
        Value::Undefined => len,
        e => vm.to_integer_or_infinity(e)?.clamp(0.0, len),
    };
    let (from, to) = (start.min(end) as usize, start.max(end) as usize);
    Ok(substring_value(vm, s, from, to))
}

/// `String.prototype.substr(start, length)` (§B.2.2.1).
fn substr(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let size = vm.heap.string_len(s) as f64;
    // 4-7. intStart.
    let int_start = vm.to_integer_or_infinity(arg(args, 0))?;
    let start = if int_start < 0.0 { (size + int_start).max(0.0) } else { int_start.min(size) };
    // 8-9. intLength clamped to 0 ..= size.
    let length = match arg(args, 1) {
        Value::Undefined => size,
        l => vm.to_integer_or_infinity(l)?.clamp(0.0, size),
    };
    // 10-12. The code units from intStart to min(intStart + intLength, size).
    let end = (start + length).min(size);
    if start >= end {
        return Ok(Value::String(vm.heap.empty_string()));
    }
    Ok(substring_value(vm, s, start as usize, end as usize))
}

/// `String.prototype.repeat(count)` (§22.1.3.18).
fn repeat(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    // 3-5. n must be finite and non-negative.
    let n = vm.to_integer_or_infinity(arg(args, 0))?;
    if !(0.0..f64::INFINITY).contains(&n) {
        return vm.range_error(&format!("Invalid count value: {}", spindle_vm::ops::number_to_string::number_to_string(n)));
    }
    // 6-7. "" for 0 (or an empty S), else n copies.
    let len = vm.heap.string_len(s);
    if n == 0.0 || len == 0 {
        return Ok(Value::String(vm.heap.empty_string()));
    }
    if n * len as f64 > MAX_STRING_LENGTH as f64 {
        return vm.range_error("Invalid string length");
    }
    let units = vm.heap.units(s).repeat(n as usize);
    make_string(vm, units)
}

fn is_lone_surrogate_at(units: &[u16], i: usize) -> bool {
    let Some(&u) = units.get(i) else { return false };
    match u {
        0xD800..=0xDBFF => !matches!(units.get(i + 1), Some(0xDC00..=0xDFFF)),
        0xDC00..=0xDFFF => i == 0 || !matches!(units.get(i - 1), Some(0xD800..=0xDBFF)),
        _ => false,
    }
}

/// `String.prototype.isWellFormed()` (§22.1.3.10).
fn is_well_formed(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let units = vm.heap.units(s);
    Ok(Value::Bool(!(0..units.len()).any(|i| is_lone_surrogate_at(units, i))))
}

/// `String.prototype.toWellFormed()` (§22.1.3.31): lone surrogates become U+FFFD.
fn to_well_formed(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let units = vm.heap.units(s);
    let out: Vec<u16> =
        (0..units.len()).map(|i| if is_lone_surrogate_at(units, i) { 0xFFFD } else { units.get(i).copied().unwrap_or(0) }).collect();
    make_string(vm, out)
}

/// Applies `f` to the well-formed runs of `units`, keeping lone surrogates.
pub(super) fn map_well_formed(units: &[u16], f: impl Fn(&str) -> String) -> Vec<u16> {
    let mut out = Vec::with_capacity(units.len());
    let mut run = String::new();
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok(c) => run.push(c),
            Err(e) => {
                out.extend(f(&run).encode_utf16());
                run.clear();
                out.push(e.unpaired_surrogate());
            }
        }
    }
    out.extend(f(&run).encode_utf16());
    out
}

/// `String.prototype.normalize([form])` (§22.1.3.15).
fn normalize(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    // 3-4. f is "NFC" or ToString(form); anything else is a RangeError.
    let form = match arg(args, 0) {
        Value::Undefined => "NFC".to_owned(),
        f => vm.to_rust_string(f)?,
    };
    let units = vm.heap.units(s).to_vec();
    let out = match form.as_str() {
        "NFC" => map_well_formed(&units, |t| t.nfc().collect()),
        "NFD" => map_well_formed(&units, |t| t.nfd().collect()),
        "NFKC" => map_well_formed(&units, |t| t.nfkc().collect()),
        "NFKD" => map_well_formed(&units, |t| t.nfkd().collect()),
        _ => return vm.range_error("The normalization form should be one of NFC, NFD, NFKC, NFKD."),
    };
    make_string(vm, out)
}

/// `String.prototype.localeCompare(that)` (§22.1.3.12): canonically
/// equivalent strings compare equal (both are NFC-normalized), then code
/// unit order.
fn locale_compare(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let s = this_str(vm, this)?;
    let that = vm.to_string(arg(args, 0))?;
    let a = map_well_formed(vm.heap.units(s), |t| t.nfc().collect());
    let b = map_well_formed(vm.heap.units(that), |t| t.nfc().collect());
    Ok(Value::Number(match a.cmp(&b) {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}
