//! `RegExp.prototype[@@matchAll]` (§22.2.6.9) and
//! %RegExpStringIteratorPrototype% (§22.2.9): an iterator over the matches
//! of a clone of the RegExp made through its species constructor.

use super::exec::{get_index, regexp_exec};
use super::matching::{flags_of, has, set_last_index, step_past_empty_match};
use super::prototype::this_object;
use super::last_index_key;
use crate::builtins::builder::Builder;
use crate::builtins::support::{arg, iter_result, method_sym, to_string_tag};
use spindle_vm::object::{ObjectKind, RegExpStringIterator};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `@@matchAll` on `proto` and %RegExpStringIteratorPrototype%.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    let sym = vm.heap.well_known.match_all;
    method_sym(vm, proto, sym, "[Symbol.matchAll]", 1, symbol_match_all);
    let iterator_prototype = vm.realm.intrinsics.iterator_prototype;
    let iter_proto = vm.heap.alloc_object(Some(iterator_prototype), ObjectKind::Ordinary);
    Builder::new(vm, iter_proto).method("next", 0, next);
    to_string_tag(vm, iter_proto, "RegExp String Iterator");
    vm.realm.named.insert("%RegExpStringIteratorPrototype%", iter_proto);
}

/// `RegExp.prototype[@@matchAll](string)`.
fn symbol_match_all(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let R be the this value; it must be an Object.
    let r = this_object(vm, this, "[Symbol.matchAll]")?;
    // 3. Let S be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 4. Let C be ? SpeciesConstructor(R, %RegExp%).
    let default = vm.realm.intrinsic("%RegExp%").map_or(Value::Undefined, Value::Object);
    let c = vm.species_constructor(r, default)?;
    // 5-6. Let flags be ? ToString(? Get(R, "flags")); matcher = ? Construct(C, « R, flags »).
    let flags = flags_of(vm, r)?;
    let flags_value = Value::String(vm.heap.alloc_string(flags.clone()));
    let matcher = vm.construct(c, &[Value::Object(r), flags_value], None)?;
    // 7-8. Copy lastIndex: ToLength(? Get(R, "lastIndex")), then Set on the matcher.
    let key = last_index_key(vm);
    let last_index = vm.get_property(r, key)?;
    let last_index = vm.to_length(last_index)?;
    let Value::Object(m) = matcher else { return vm.type_error("RegExp species constructor returned a non-object") };
    set_last_index(vm, m, Value::Number(last_index as f64))?;
    // 9-13. CreateRegExpStringIterator(matcher, S, global, fullUnicode).
    let state = RegExpStringIterator {
        matcher,
        string: s,
        global: has(&flags, b'g'),
        unicode: has(&flags, b'u') || has(&flags, b'v'),
        done: false,
    };
    let proto = vm.realm.intrinsic("%RegExpStringIteratorPrototype%").unwrap_or(vm.realm.intrinsics.iterator_prototype);
    Ok(Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::RegExpStringIterator(Box::new(state)))))
}

/// `%RegExpStringIteratorPrototype%.next()` (§22.2.9.2.1).
fn next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. O must be a RegExp String Iterator.
    let state = match this {
        Value::Object(o) => match &vm.heap.object(o).kind {
            ObjectKind::RegExpStringIterator(it) => Some((o, it.matcher, it.string, it.global, it.unicode, it.done)),
            _ => None,
        },
        _ => None,
    };
    let Some((o, matcher, s, global, unicode, done)) = state else {
        return vm.type_error("next method called on an incompatible receiver (not a RegExp String Iterator)");
    };
    // 4. If O.[[Done]] is true, the iteration is over.
    let Value::Object(r) = matcher else { return Ok(iter_result(vm, Value::Undefined, true)) };
    if done {
        return Ok(iter_result(vm, Value::Undefined, true));
    }
    // 9. Let match be ? RegExpExec(R, S).
    let m = regexp_exec(vm, r, s)?;
    // 10. No match: done.
    let Value::Object(match_obj) = m else {
        set_done(vm, o);
        return Ok(iter_result(vm, Value::Undefined, true));
    };
    // 11. Not global: this match, then done.
    if !global {
        set_done(vm, o);
        return Ok(iter_result(vm, m, false));
    }
    // 12. Global: step past an empty match.
    let matched = get_index(vm, match_obj, 0)?;
    let matched = vm.to_string(matched)?;
    if vm.heap.string_len(matched) == 0 {
        step_past_empty_match(vm, r, s, unicode)?;
    }
    Ok(iter_result(vm, m, false))
}

fn set_done(vm: &mut Vm, o: Obj) {
    if let ObjectKind::RegExpStringIterator(it) = &mut vm.heap.object_mut(o).kind {
        it.done = true;
    }
}
