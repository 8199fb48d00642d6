//! `RegExp.prototype[@@replace]` (§22.2.6.11): every match is collected
//! first (one for a non-global RegExp), then each is replaced by the
//! replacer function's result or by GetSubstitution of the template
//! (`$&`, `` $` ``, `$'`, `$n`, `$<name>`), shared with String.prototype.replace.
//!
//! When `exec` is the built-in one its result arrays are never made: the
//! values the specification reads from them (own data properties) are
//! taken from the match itself.

use super::exec::{get_index, get_named, groups_object, match_values, regexp_exec_raw, Exec, MatchRecord};
use super::matching::{flags_of, has, set_last_index, step_past_empty_match};
use super::prototype::this_object;
use crate::builtins::string::regexp::get_substitution;
use crate::builtins::string::{make_string, MAX_STRING_LENGTH};
use crate::builtins::support::{arg, method_sym};
use spindle_vm::value::{Obj, Str, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `@@replace` on `proto`.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    let sym = vm.heap.well_known.replace;
    method_sym(vm, proto, sym, "[Symbol.replace]", 2, symbol_replace);
}

/// `RegExp.prototype[@@replace](string, replaceValue)`.
fn symbol_replace(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let rx be the this value; it must be an Object.
    let rx = this_object(vm, this, "[Symbol.replace]")?;
    // 3. Let S be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 5-6. A replacer function, else the template ToString(replaceValue).
    let replace_value = arg(args, 1);
    let replacer = if vm.is_callable(replace_value) {
        Replacer::Function(replace_value)
    } else {
        Replacer::Template(vm.to_string(replace_value)?)
    };
    // 7-11. The matches.
    let results = collect_results(vm, rx, s)?;
    // 12-16. The string with each match replaced.
    let length_s = vm.heap.string_len(s);
    let mut accumulated: Vec<u16> = Vec::new();
    let mut next_source_position = 0usize;
    for result in results {
        let (position, match_length, replacement) = replacement_for(vm, result, s, replacer)?;
        // 14.p. Matches that overlap an earlier one are ignored.
        if position >= next_source_position {
            let units = vm.heap.units(s);
            accumulated.extend_from_slice(units.get(next_source_position..position).unwrap_or(&[]));
            accumulated.extend_from_slice(&replacement);
            next_source_position = position + match_length;
            if accumulated.len() > MAX_STRING_LENGTH {
                return vm.range_error("Invalid string length");
            }
        }
    }
    // 15-16. The rest of S.
    if next_source_position < length_s {
        accumulated.extend_from_slice(vm.heap.units(s).get(next_source_position..).unwrap_or(&[]));
    }
    make_string(vm, accumulated)
}

/// replaceValue: a function, or a template string.
#[derive(Clone, Copy)]
enum Replacer {
    Function(Value),
    Template(Str),
}

/// One result of RegExpExec: the built-in's match, or an object.
enum Found {
    Builtin(MatchRecord),
    Object(Obj),
}

/// Steps 7-13: RegExpExec until null (once if not global), stepping
/// past empty matches.
fn collect_results(vm: &mut Vm, rx: Obj, s: Str) -> JsResult<Vec<Found>> {
    // 7-9. flags; a global RegExp starts from lastIndex 0.
    let flags = flags_of(vm, rx)?;
    let global = has(&flags, b'g');
    let full_unicode = has(&flags, b'u') || has(&flags, b'v');
    if global {
        set_last_index(vm, rx, Value::Number(0.0))?;
    }
    let mut results = Vec::new();
    loop {
        let found = match regexp_exec_raw(vm, rx, s)? {
            Exec::Builtin(Some(m)) => Found::Builtin(m),
            Exec::Object(Value::Object(result)) => Found::Object(result),
            _ => break,
        };
        let empty = match &found {
            Found::Builtin(m) => m.range.is_empty(),
            Found::Object(result) => {
                let matched = get_index(vm, *result, 0)?;
                let matched = vm.to_string(matched)?;
                vm.heap.string_len(matched) == 0
            }
        };
        results.push(found);
        if !global {
            break;
        }
        if empty {
            step_past_empty_match(vm, rx, s, full_unicode)?;
        }
    }
    Ok(results)
}

/// The parts of a result that step 14 reads.
struct Parts {
    matched: Str,
    position: usize,
    captures: Vec<Value>,
    named_captures: Value,
}

/// Step 14.a-j for a built-in match: the values its array would hold.
fn builtin_parts(vm: &mut Vm, m: &MatchRecord, s: Str) -> Parts {
    let values = match_values(vm, s, m);
    let named_captures = groups_object(vm, m, &values);
    let matched = vm.heap.substring(s, m.range.start, m.range.end);
    Parts { matched, position: m.range.start, captures: values.get(1..).unwrap_or(&[]).to_vec(), named_captures }
}

/// Step 14.a-o for one result: (position, matchLength, replacement).
fn replacement_for(vm: &mut Vm, found: Found, s: Str, replacer: Replacer) -> JsResult<(usize, usize, Vec<u16>)> {
    let parts = match found {
        Found::Builtin(m) => builtin_parts(vm, &m, s),
        Found::Object(result) => object_parts(vm, result, s)?,
    };
    let (position, match_length) = (parts.position, vm.heap.string_len(parts.matched));
    let replacement = replacement_text(vm, replacer, parts, s)?;
    Ok((position, match_length, replacement))
}

/// Step 14.a-j for a result object, read with Get.
fn object_parts(vm: &mut Vm, result: Obj, s: Str) -> JsResult<Parts> {
    // a-b. nCaptures = max(LengthOfArrayLike(result) - 1, 0).
    let n_captures = vm.length_of_array_like(result)?.saturating_sub(1);
    // c-d. matched = ToString(? Get(result, "0")).
    let matched = get_index(vm, result, 0)?;
    let matched = vm.to_string(matched)?;
    // e-f. position = clamp(ToIntegerOrInfinity(? Get(result, "index")), 0, lengthS).
    let position = get_named(vm, result, "index")?;
    let position = vm.to_integer_or_infinity(position)?;
    let position = position.clamp(0.0, vm.heap.string_len(s) as f64) as usize;
    // g-i. captures: strings or undefined.
    let mut captures = Vec::new();
    for n in 1..=n_captures {
        let cap = get_index(vm, result, n)?;
        captures.push(match cap {
            Value::Undefined => Value::Undefined,
            c => Value::String(vm.to_string(c)?),
        });
    }
    // j. namedCaptures = ? Get(result, "groups").
    let named_captures = get_named(vm, result, "groups")?;
    Ok(Parts { matched, position, captures, named_captures })
}

/// Step 14.k-l: the replacement text.
fn replacement_text(vm: &mut Vm, replacer: Replacer, parts: Parts, s: Str) -> JsResult<Vec<u16>> {
    let Parts { matched, position, captures, named_captures } = parts;
    let replacement = match replacer {
        // k. The replacer's result for (matched, ...captures, position, S[, groups]).
        Replacer::Function(f) => {
            let mut replacer_args = vec![Value::String(matched)];
            replacer_args.extend_from_slice(&captures);
            replacer_args.push(Value::Number(position as f64));
            replacer_args.push(Value::String(s));
            if named_captures != Value::Undefined {
                replacer_args.push(named_captures);
            }
            let v = vm.call(f, Value::Undefined, &replacer_args)?;
            let v = vm.to_string(v)?;
            vm.heap.units(v).to_vec()
        }
        // l. GetSubstitution, groups made an object.
        Replacer::Template(t) => {
            let named = match named_captures {
                Value::Undefined => Value::Undefined,
                g => Value::Object(vm.to_object(g)?),
            };
            let matched_units = vm.heap.units(matched).to_vec();
            get_substitution(vm, &matched_units, s, position, &captures, named, t)?
        }
    };
    Ok(replacement)
}
