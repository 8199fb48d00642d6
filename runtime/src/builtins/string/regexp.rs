//! The `String.prototype` methods that take patterns: match, matchAll,
//! replace, replaceAll, search, split (§22.1.3), and GetSubstitution
//! (§22.1.3.19.1), shared with RegExp.
//!
//! Each first dispatches to the argument's `@@match` / `@@matchAll` /
//! `@@replace` / `@@search` / `@@split` method when it has one; string
//! patterns are handled here, and match / matchAll / search make a RegExp
//! through %RegExp% (a TypeError while no RegExp is installed).

use super::methods::{is_regexp, string_index_of};
use super::{make_string, MAX_STRING_LENGTH};
use crate::builtins::builder::Builder;
use crate::builtins::support::arg;
use spindle_vm::value::{Obj, PropertyKey, Str, Sym, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the pattern methods.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("match", 1, match_)
        .method("matchAll", 1, match_all)
        .method("replace", 2, replace)
        .method("replaceAll", 2, replace_all)
        .method("search", 1, search)
        .method("split", 2, split);
}

/// Step 2 of the pattern methods: `Some(result)` of
/// `Call(method, pattern, args)` when the pattern is an Object with the
/// `symbol` method (primitives are never asked).
fn dispatch(vm: &mut Vm, pattern: Value, symbol: Sym, args: &[Value]) -> JsResult<Option<Value>> {
    if !matches!(pattern, Value::Object(_)) {
        return Ok(None);
    }
    let Some(method) = vm.get_method(pattern, PropertyKey::Symbol(symbol))? else { return Ok(None) };
    Ok(Some(vm.call(method, pattern, args)?))
}

/// RegExpCreate(P, F) then Invoke(rx, symbol, « S »).
fn regexp_create_and_invoke(vm: &mut Vm, pattern: Value, flags: Option<&str>, symbol: Sym, s: Str) -> JsResult<Value> {
    let p = match pattern {
        Value::Undefined => Value::String(vm.heap.empty_string()),
        p => Value::String(vm.to_string(p)?),
    };
    let Some(ctor) = vm.realm.intrinsic("%RegExp%") else {
        return vm.type_error("RegExp is not supported yet");
    };
    let f = match flags {
        Some(f) => vm.string(f),
        None => Value::Undefined,
    };
    let rx = vm.construct(Value::Object(ctor), &[p, f], None)?;
    vm.invoke(rx, PropertyKey::Symbol(symbol), &[Value::String(s)])
}

/// `String.prototype.match(regexp)` (§22.1.3.13).
fn match_(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let O be ? RequireObjectCoercible(this value).
    let o = vm.require_object_coercible(this)?;
    // 2. Dispatch to regexp[@@match].
    let sym = vm.heap.well_known.match_;
    if let Some(r) = dispatch(vm, arg(args, 0), sym, &[o])? {
        return Ok(r);
    }
    // 3-5. Let S be ? ToString(O); rx = RegExpCreate(regexp, undefined); Invoke(rx, @@match, « S »).
    let s = vm.to_string(o)?;
    regexp_create_and_invoke(vm, arg(args, 0), None, sym, s)
}

/// `String.prototype.matchAll(regexp)` (§22.1.3.14).
fn match_all(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = vm.require_object_coercible(this)?;
    let regexp = arg(args, 0);
    // 2.a-b. A RegExp must have the g flag.
    if !regexp.is_nullish() && is_regexp(vm, regexp)? {
        require_global_flag(vm, regexp, "matchAll")?;
    }
    let sym = vm.heap.well_known.match_all;
    if let Some(r) = dispatch(vm, regexp, sym, &[o])? {
        return Ok(r);
    }
    // 3-5. RegExpCreate(regexp, "g") and Invoke(rx, @@matchAll, « S »).
    let s = vm.to_string(o)?;
    regexp_create_and_invoke(vm, regexp, Some("g"), sym, s)
}

/// `String.prototype.search(regexp)` (§22.1.3.23).
fn search(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = vm.require_object_coercible(this)?;
    let sym = vm.heap.well_known.search;
    if let Some(r) = dispatch(vm, arg(args, 0), sym, &[o])? {
        return Ok(r);
    }
    let s = vm.to_string(o)?;
    regexp_create_and_invoke(vm, arg(args, 0), None, sym, s)
}

/// The flags of a RegExp argument must contain "g" (matchAll, replaceAll).
fn require_global_flag(vm: &mut Vm, regexp: Value, method: &str) -> JsResult<()> {
    let Value::Object(r) = regexp else { return Ok(()) };
    // i. Let flags be ? Get(searchValue, "flags").
    let flags_key = vm.heap.key_from_str("flags");
    let flags = vm.get_property(r, flags_key)?;
    // ii. Perform ? RequireObjectCoercible(flags).
    vm.require_object_coercible(flags)?;
    // iii. If ? ToString(flags) does not contain "g", throw a TypeError exception.
    let flags = vm.to_string(flags)?;
    if !vm.heap.units(flags).contains(&u16::from(b'g')) {
        return vm.type_error(&format!("{method} must be called with a global RegExp"));
    }
    Ok(())
}

/// The replacement for one match of a string pattern: the replacer's
/// result, or GetSubstitution of the template.
fn replacement_for(vm: &mut Vm, replace: Replacer, search: Str, position: usize, string: Str) -> JsResult<Vec<u16>> {
    match replace {
        Replacer::Function(f) => {
            let args = [Value::String(search), Value::Number(position as f64), Value::String(string)];
            let r = vm.call(f, Value::Undefined, &args)?;
            let r = vm.to_string(r)?;
            Ok(vm.heap.units(r).to_vec())
        }
        Replacer::Template(t) => {
            let matched = vm.heap.units(search).to_vec();
            get_substitution(vm, &matched, string, position, &[], Value::Undefined, t)
        }
    }
}

/// replaceValue: a function, or a template string.
#[derive(Clone, Copy)]
enum Replacer {
    Function(Value),
    Template(Str),
}

fn replacer(vm: &mut Vm, v: Value) -> JsResult<Replacer> {
    if vm.is_callable(v) {
        Ok(Replacer::Function(v))
    } else {
        Ok(Replacer::Template(vm.to_string(v)?))
    }
}

/// `String.prototype.replace(searchValue, replaceValue)` (§22.1.3.19).
fn replace(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = vm.require_object_coercible(this)?;
    let (search_value, replace_value) = (arg(args, 0), arg(args, 1));
    // 2. Dispatch to searchValue[@@replace].
    let sym = vm.heap.well_known.replace;
    if let Some(r) = dispatch(vm, search_value, sym, &[o, replace_value])? {
        return Ok(r);
    }
    // 3-6. string, searchString, replaceValue.
    let string = vm.to_string(o)?;
    let search = vm.to_string(search_value)?;
    let rep = replacer(vm, replace_value)?;
    // 7-9. The first occurrence, or the string unchanged.
    let search_units = vm.heap.units(search).to_vec();
    let Some(position) = string_index_of(vm.heap.units(string), &search_units, 0) else {
        return Ok(Value::String(string));
    };
    // 10-14. preceding + replacement + following.
    let replacement = replacement_for(vm, rep, search, position, string)?;
    let units = vm.heap.units(string);
    let following = units.get(position + search_units.len()..).unwrap_or(&[]);
    let out = [units.get(..position).unwrap_or(&[]), &replacement, following].concat();
    make_string(vm, out)
}

/// `String.prototype.replaceAll(searchValue, replaceValue)` (§22.1.3.20).
fn replace_all(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = vm.require_object_coercible(this)?;
    let (search_value, replace_value) = (arg(args, 0), arg(args, 1));
    // 2.a-b. A RegExp must be global.
    if !search_value.is_nullish() && is_regexp(vm, search_value)? {
        require_global_flag(vm, search_value, "replaceAll")?;
    }
    // 2.c-d. Dispatch to searchValue[@@replace].
    let sym = vm.heap.well_known.replace;
    if let Some(r) = dispatch(vm, search_value, sym, &[o, replace_value])? {
        return Ok(r);
    }
    // 3-6. string, searchString, replaceValue.
    let string = vm.to_string(o)?;
    let search = vm.to_string(search_value)?;
    let rep = replacer(vm, replace_value)?;
    // 7-11. Every match position, advancing by max(1, searchLength).
    let search_units = vm.heap.units(search).to_vec();
    let advance = search_units.len().max(1);
    let mut positions = Vec::new();
    let mut next = string_index_of(vm.heap.units(string), &search_units, 0);
    while let Some(p) = next {
        positions.push(p);
        next = string_index_of(vm.heap.units(string), &search_units, p + advance);
    }
    // 12-16. Preserved text and replacements in order.
    let mut out: Vec<u16> = Vec::new();
    let mut end_of_last = 0;
    for p in positions {
        let replacement = replacement_for(vm, rep, search, p, string)?;
        out.extend_from_slice(vm.heap.units(string).get(end_of_last..p).unwrap_or(&[]));
        out.extend_from_slice(&replacement);
        end_of_last = p + search_units.len();
        if out.len() > MAX_STRING_LENGTH {
            return vm.range_error("Invalid string length");
        }
    }
    out.extend_from_slice(vm.heap.units(string).get(end_of_last..).unwrap_or(&[]));
    make_string(vm, out)
}

/// GetSubstitution(matched, str, position, captures, namedCaptures,
/// replacementTemplate) (§22.1.3.19.1). `captures` holds strings or
/// undefined.
pub(crate) fn get_substitution(
    vm: &mut Vm,
    matched: &[u16],
    string: Str,
    position: usize,
    captures: &[Value],
    named_captures: Value,
    template: Str,
) -> JsResult<Vec<u16>> {
    let template: Vec<u16> = vm.heap.units(template).to_vec();
    // No `$`: the template is the replacement.
    if !template.contains(&u16::from(b'$')) {
        return Ok(template);
    }
    let mut result: Vec<u16> = Vec::with_capacity(template.len());
    let mut rest: &[u16] = &template;
    while let Some(&first) = rest.first() {
        if first != u16::from(b'$') {
            result.push(first);
            rest = rest.get(1..).unwrap_or(&[]);
            continue;
        }
        let m = Match { matched, string, position, captures, named_captures };
        let (consumed, replacement) = dollar_reference(vm, rest, &m)?;
        result.extend_from_slice(&replacement);
        rest = rest.get(consumed..).unwrap_or(&[]);
    }
    Ok(result)
}

/// What a `$` reference may refer to.
struct Match<'a> {
    matched: &'a [u16],
    string: Str,
    position: usize,
    captures: &'a [Value],
    named_captures: Value,
}

fn is_digit(u: Option<&u16>) -> Option<u32> {
    u.and_then(|&u| (u16::from(b'0')..=u16::from(b'9')).contains(&u).then(|| u32::from(u - u16::from(b'0'))))
}

/// One `$` reference at the start of `rest`: (code units consumed, replacement).
fn dollar_reference(vm: &mut Vm, rest: &[u16], m: &Match) -> JsResult<(usize, Vec<u16>)> {
    let second = rest.get(1).copied().unwrap_or(0);
    let str_units = vm.heap.units(m.string);
    match second {
        // $$ → $
        0x24 => Ok((2, vec![0x24])),
        // $& → matched
        0x26 => Ok((2, m.matched.to_vec())),
        // $` → the part before the match
        0x60 => Ok((2, str_units.get(..m.position.min(str_units.len())).unwrap_or(&[]).to_vec())),
        // $' → the part after the match
        0x27 => {
            let tail = (m.position + m.matched.len()).min(str_units.len());
            Ok((2, str_units.get(tail..).unwrap_or(&[]).to_vec()))
        }
        // $<name>
        0x3C => named_reference(vm, rest, m.named_captures),
        _ => Ok(numbered_reference(vm, rest, m.captures)),
    }
}

/// `$n` / `$nn`: a capture if 1 ≤ index ≤ captures, else the text itself.
fn numbered_reference(vm: &Vm, rest: &[u16], captures: &[Value]) -> (usize, Vec<u16>) {
    let literal = |n: usize| (n, rest.get(..n).unwrap_or(&[]).to_vec());
    let Some(d1) = is_digit(rest.get(1)) else { return literal(1) };
    let count = captures.len() as u32;
    let (mut digits, mut index) = (1, d1);
    if let Some(d2) = is_digit(rest.get(2)) {
        let two = d1 * 10 + d2;
        if (1..=count).contains(&two) {
            digits = 2;
            index = two;
        }
    }
    if index < 1 || index > count {
        return literal(1 + digits);
    }
    let text = match captures.get(index as usize - 1) {
        Some(Value::String(c)) => vm.heap.units(*c).to_vec(),
        _ => Vec::new(),
    };
    (1 + digits, text)
}

/// `$<name>`: the named capture converted to a string ("" if undefined).
fn named_reference(vm: &mut Vm, rest: &[u16], named_captures: Value) -> JsResult<(usize, Vec<u16>)> {
    let gt = rest.iter().position(|&u| u == u16::from(b'>'));
    let (Some(gt), Value::Object(groups)) = (gt, named_captures) else {
        return Ok((2, rest.get(..2).unwrap_or(&[]).to_vec()));
    };
    let name = rest.get(2..gt).unwrap_or(&[]).to_vec();
    let key = vm.heap.property_key(&name);
    let capture = vm.get_property(groups, key)?;
    if capture == Value::Undefined {
        return Ok((gt + 1, Vec::new()));
    }
    let s = vm.to_string(capture)?;
    Ok((gt + 1, vm.heap.units(s).to_vec()))
}

/// `String.prototype.split(separator, limit)` (§22.1.3.23).
fn split(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let o = vm.require_object_coercible(this)?;
    let (separator, limit) = (arg(args, 0), arg(args, 1));
    // 2. Dispatch to separator[@@split].
    let sym = vm.heap.well_known.split;
    if let Some(r) = dispatch(vm, separator, sym, &[o, limit])? {
        return Ok(r);
    }
    // 3-5. S, lim and R.
    let s = vm.to_string(o)?;
    let lim = match limit {
        Value::Undefined => u32::MAX,
        l => vm.to_uint32(l)?,
    };
    let r = vm.to_string(separator)?;
    // 6. If lim = 0, return an empty array.
    if lim == 0 {
        return Ok(Value::Object(vm.create_array(&[])));
    }
    // 7. If separator is undefined, return « S ».
    if separator == Value::Undefined {
        return Ok(Value::Object(vm.create_array(&[Value::String(s)])));
    }
    let parts = split_units(vm, s, r, lim as usize);
    Ok(Value::Object(vm.create_array(&parts)))
}

/// split steps 8-17 for a string separator.
fn split_units(vm: &mut Vm, s: Str, r: Str, lim: usize) -> Vec<Value> {
    let units = vm.heap.units(s).to_vec();
    let sep = vm.heap.units(r).to_vec();
    // 9. An empty separator: the first lim code units, each alone.
    if sep.is_empty() {
        let n = units.len().min(lim);
        return (0..n).map(|i| Value::String(vm.heap.substring(s, i, i + 1))).collect();
    }
    // 10. An empty S: « S ».
    if units.is_empty() {
        return vec![Value::String(s)];
    }
    // 11-16. The pieces between separators, at most lim of them.
    let mut parts = Vec::new();
    let mut i = 0;
    let mut j = string_index_of(&units, &sep, 0);
    while let Some(jj) = j {
        parts.push(Value::String(vm.heap.substring(s, i, jj)));
        if parts.len() >= lim {
            return parts;
        }
        i = jj + sep.len();
        j = string_index_of(&units, &sep, i);
    }
    parts.push(Value::String(vm.heap.substring(s, i, units.len())));
    parts
}
