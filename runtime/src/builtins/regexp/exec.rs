//! RegExpExec (§22.2.7.1), RegExpBuiltinExec (§22.2.7.2) and the match
//! result arrays, with MakeMatchIndicesIndexPairArray (§22.2.7.8) for the
//! `d` flag, and AdvanceStringIndex (§22.2.7.3).
//!
//! Indices are UTF-16 code-unit indices throughout; with `u`/`v` the
//! matcher reads code points, and a `lastIndex` inside a surrogate pair
//! starts the search at the pair (as V8 does).

use super::compile::Flags;
use super::{last_index_key, regexp_data};
use crate::builtins::support::index_key;
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Str, Value};
use spindle_vm::{JsResult, Vm};
use std::ops::Range;
use std::rc::Rc;

/// A successful match: the whole match and each capture (code units).
pub(crate) struct MatchRecord {
    pub(crate) range: Range<usize>,
    pub(crate) captures: Vec<Option<Range<usize>>>,
    /// The capture group names of the RegExp that matched.
    pub(crate) group_names: Rc<[Option<Box<[u16]>>]>,
    pub(crate) has_indices: bool,
}

/// RegExpExec(R, S) (§22.2.7.1): the user's `exec` if callable, else the
/// built-in one. The result is an Object or null.
pub(crate) fn regexp_exec(vm: &mut Vm, r: Obj, s: Str) -> JsResult<Value> {
    // 1. Let exec be ? Get(R, "exec").
    let exec_key = PropertyKey::Atom(vm.heap.names.exec);
    let exec = vm.get_property(r, exec_key)?;
    exec_with(vm, r, s, exec)
}

/// RegExpExec steps 2-4 with `exec` already read.
fn exec_with(vm: &mut Vm, r: Obj, s: Str, exec: Value) -> JsResult<Value> {
    // 2. If IsCallable(exec) is true, then
    if vm.is_callable(exec) {
        // a. Let result be ? Call(exec, R, « S »).
        let result = vm.call(exec, Value::Object(r), &[Value::String(s)])?;
        // b. If result is not an Object and result is not null, throw a TypeError exception.
        if !matches!(result, Value::Object(_) | Value::Null) {
            return vm.type_error("The result of a RegExp exec method must be an object or null");
        }
        return Ok(result);
    }
    // 3. Perform ? RequireInternalSlot(R, [[RegExpMatcher]]).
    if regexp_data(vm, Value::Object(r)).is_none() {
        return vm.type_error("RegExp exec method called on an incompatible receiver");
    }
    // 4. Return ? RegExpBuiltinExec(R, S).
    builtin_exec(vm, r, s)
}

/// What RegExpExec gave: the built-in's match (no array made, for callers
/// that need only where it matched), or the user `exec`'s object or null.
pub(crate) enum Exec {
    Builtin(Option<MatchRecord>),
    Object(Value),
}

/// RegExpExec(R, S) without the match array when `exec` is the built-in
/// one (the array would be unobservable).
pub(crate) fn regexp_exec_raw(vm: &mut Vm, r: Obj, s: Str) -> JsResult<Exec> {
    let exec_key = PropertyKey::Atom(vm.heap.names.exec);
    let exec = vm.get_property(r, exec_key)?;
    let builtin = vm.realm.intrinsic("%RegExp.prototype.exec%").map(Value::Object);
    if Some(exec) == builtin && regexp_data(vm, Value::Object(r)).is_some() {
        return Ok(Exec::Builtin(builtin_match(vm, r, s)?));
    }
    Ok(Exec::Object(exec_with(vm, r, s, exec)?))
}

/// RegExpBuiltinExec(R, S) (§22.2.7.2): a match array or null.
pub(crate) fn builtin_exec(vm: &mut Vm, r: Obj, s: Str) -> JsResult<Value> {
    match builtin_match(vm, r, s)? {
        Some(m) => Ok(Value::Object(match_array(vm, s, &m))),
        None => Ok(Value::Null),
    }
}

/// RegExpBuiltinExec steps 1-15: reads and updates `lastIndex`, runs the
/// matcher. `R` must be a RegExp instance.
pub(crate) fn builtin_match(vm: &mut Vm, r: Obj, s: Str) -> JsResult<Option<MatchRecord>> {
    // 1. Let length be the length of S.
    let length = vm.heap.string_len(s) as u64;
    // 2. Let lastIndex be ℝ(? ToLength(? Get(R, "lastIndex"))).
    let key = last_index_key(vm);
    let last_index_value = vm.get_property(r, key)?;
    let mut last_index = vm.to_length(last_index_value)?;
    // 3-8. The flags and the matcher (read after ToLength, which may run code).
    let Some(data) = regexp_data(vm, Value::Object(r)) else {
        return vm.type_error("RegExp exec method called on an incompatible receiver");
    };
    let flags = Flags::parse(vm.heap.units(data.flags)).unwrap_or_default();
    let (matcher, group_names) = (data.matcher.clone(), data.group_names.clone());
    let global_or_sticky = flags.global || flags.sticky;
    if !global_or_sticky {
        last_index = 0;
    }
    // 12.a. Past the end: no match.
    if last_index > length {
        return fail(vm, r, global_or_sticky);
    }
    let start = last_index as usize;
    let found = run(vm.heap.units(s), &matcher, flags, start);
    let Some(m) = found else { return fail(vm, r, global_or_sticky) };
    // 15. If global or sticky, Set(R, "lastIndex", 𝔽(e), true).
    if global_or_sticky {
        vm.set_or_throw(r, key, Value::Number(m.end() as f64))?;
    }
    Ok(Some(MatchRecord { range: m.range(), captures: m.captures, group_names, has_indices: flags.has_indices }))
}

/// The first match at or after `start`, by the matcher of RegExp `r`
/// alone (no `lastIndex`, no `g`/`y`): the fast path of `@@split`.
pub(crate) fn search_from(vm: &Vm, r: Obj, s: Str, start: usize) -> Option<MatchRecord> {
    let data = regexp_data(vm, Value::Object(r))?;
    let mut flags = Flags::parse(vm.heap.units(data.flags)).unwrap_or_default();
    flags.sticky = false;
    let m = run(vm.heap.units(s), &data.matcher, flags, start)?;
    Some(MatchRecord { range: m.range(), captures: m.captures, group_names: data.group_names.clone(), has_indices: false })
}

/// Runs the matcher from code unit `start` (moved back to the start of a
/// surrogate pair it splits, with `u`/`v`): the first match found, which
/// for `y` must begin at `start`.
fn run(units: &[u16], matcher: &regress::Regex, flags: Flags, start: usize) -> Option<regress::Match> {
    if flags.full_unicode() {
        let start = if inside_surrogate_pair(units, start) { start - 1 } else { start };
        let m = matcher.find_from_utf16(units, start).next()?;
        (!flags.sticky || m.start() == start).then_some(m)
    } else {
        let m = matcher.find_from_ucs2(units, start).next()?;
        (!flags.sticky || m.start() == start).then_some(m)
    }
}

/// No match: lastIndex is reset for `g` and `y`.
fn fail(vm: &mut Vm, r: Obj, global_or_sticky: bool) -> JsResult<Option<MatchRecord>> {
    if global_or_sticky {
        let key = last_index_key(vm);
        vm.set_or_throw(r, key, Value::Number(0.0))?;
    }
    Ok(None)
}

/// `index` is at the low half of a surrogate pair.
fn inside_surrogate_pair(units: &[u16], index: usize) -> bool {
    let low = units.get(index).is_some_and(|u| (0xDC00..=0xDFFF).contains(u));
    let high = index > 0 && units.get(index - 1).is_some_and(|u| (0xD800..=0xDBFF).contains(u));
    low && high
}

/// AdvanceStringIndex(S, index, unicode) (§22.2.7.3).
pub(crate) fn advance_string_index(vm: &Vm, s: Str, index: u64, unicode: bool) -> u64 {
    let units = vm.heap.units(s);
    if !unicode || index + 1 > units.len() as u64 {
        return index + 1;
    }
    let (_, size) = crate::builtins::string::code_point_at(units, index as usize);
    index + size as u64
}

/// The value of a capture: its substring, or undefined.
fn capture_value(vm: &mut Vm, s: Str, range: &Option<Range<usize>>) -> Value {
    match range {
        Some(r) => Value::String(vm.heap.substring(s, r.start, r.end)),
        None => Value::Undefined,
    }
}

/// The matched substring and each capture's value (RegExpBuiltinExec
/// steps 27-28 and 33.a-d).
pub(crate) fn match_values(vm: &mut Vm, s: Str, m: &MatchRecord) -> Vec<Value> {
    let mut values = Vec::with_capacity(m.captures.len() + 1);
    values.push(Value::String(vm.heap.substring(s, m.range.start, m.range.end)));
    for c in &m.captures {
        values.push(capture_value(vm, s, c));
    }
    values
}

/// The `groups` object (null prototype) of a match whose RegExp has named
/// groups, else undefined; `values` are from [`match_values`].
pub(crate) fn groups_object(vm: &mut Vm, m: &MatchRecord, values: &[Value]) -> Value {
    if !m.group_names.iter().any(Option::is_some) {
        return Value::Undefined;
    }
    let g = vm.heap.alloc_object(None, ObjectKind::Ordinary);
    for (i, name) in group_names_of_match(m).iter().enumerate() {
        let Some(name) = name else { continue };
        let key = vm.heap.property_key(name);
        let value = values.get(i + 1).copied().unwrap_or(Value::Undefined);
        vm.heap.define_raw(g, key, value, Attributes::ALL);
    }
    Value::Object(g)
}

/// RegExpBuiltinExec steps 16-35: the match array.
fn match_array(vm: &mut Vm, s: Str, m: &MatchRecord) -> Obj {
    // 16-20, 27-28. A with the matched substring and each capture.
    let values = match_values(vm, s, m);
    let a = vm.create_array(&values);
    // 22-23. "index" and "input".
    let names = vm.heap.names;
    vm.heap.define_raw(a, PropertyKey::Atom(names.index), Value::Number(m.range.start as f64), Attributes::ALL);
    vm.heap.define_raw(a, PropertyKey::Atom(names.input), Value::String(s), Attributes::ALL);
    // 30-33. groups, and the name each capture contributes.
    let groups = groups_object(vm, m, &values);
    vm.heap.define_raw(a, PropertyKey::Atom(names.groups), groups, Attributes::ALL);
    // 34. The "indices" array for the d flag.
    if m.has_indices {
        let has_groups = groups != Value::Undefined;
        let indices = indices_array(vm, m, &group_names_of_match(m), has_groups);
        define(vm, a, "indices", Value::Object(indices));
    }
    a
}

/// groupNames (RegExpBuiltinExec step 33.e): for each capture, its name,
/// except for a group whose name an earlier group already matched
/// (duplicate named groups in different alternatives).
fn group_names_of_match(m: &MatchRecord) -> Vec<Option<&[u16]>> {
    let mut matched: Vec<&[u16]> = Vec::new();
    let mut out = Vec::with_capacity(m.group_names.len());
    for (i, name) in m.group_names.iter().enumerate() {
        let name = name.as_deref().filter(|n| !matched.contains(n));
        if let Some(n) = name {
            if m.captures.get(i).is_some_and(Option::is_some) {
                matched.push(n);
            }
        }
        out.push(name);
    }
    out
}

/// MakeMatchIndicesIndexPairArray(S, indices, groupNames, hasGroups).
fn indices_array(vm: &mut Vm, m: &MatchRecord, names: &[Option<&[u16]>], has_groups: bool) -> Obj {
    let pair = |vm: &mut Vm, r: &Option<Range<usize>>| match r {
        Some(r) => Value::Object(vm.create_array(&[Value::Number(r.start as f64), Value::Number(r.end as f64)])),
        None => Value::Undefined,
    };
    let mut pairs = vec![pair(vm, &Some(m.range.clone()))];
    for c in &m.captures {
        pairs.push(pair(vm, c));
    }
    let a = vm.create_array(&pairs);
    let groups = has_groups.then(|| vm.heap.alloc_object(None, ObjectKind::Ordinary));
    define(vm, a, "groups", groups.map_or(Value::Undefined, Value::Object));
    if let Some(g) = groups {
        for (i, name) in names.iter().enumerate() {
            let Some(name) = name else { continue };
            let key = vm.heap.property_key(name);
            vm.heap.define_raw(g, key, pairs[i + 1], Attributes::ALL);
        }
    }
    a
}

/// CreateDataProperty on a fresh object (cannot fail).
fn define(vm: &mut Vm, o: Obj, name: &str, value: Value) {
    let key = vm.heap.key_from_str(name);
    vm.heap.define_raw(o, key, value, Attributes::ALL);
}

/// Get(O, k) for an integer `k`.
pub(crate) fn get_index(vm: &mut Vm, o: Obj, k: u64) -> JsResult<Value> {
    let key = index_key(vm, k);
    vm.get_property(o, key)
}

/// Get(O, name).
pub(crate) fn get_named(vm: &mut Vm, o: Obj, name: &str) -> JsResult<Value> {
    let key: PropertyKey = vm.heap.key_from_str(name);
    vm.get_property(o, key)
}
