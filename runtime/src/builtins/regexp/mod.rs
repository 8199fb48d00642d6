//! RegExp (ECMAScript 2025 §22.2): the constructor, `RegExp[@@species]`,
//! `RegExp.escape`, regular-expression literals (the VM's `new_regexp`
//! host hook) and the installation of `RegExp.prototype`.
//!
//! Matching is done by the `regress` crate over the UTF-16 code units of
//! the string (code points with `u`/`v`); the submodules are by concern:
//!
//! - `compile`: flags, early errors, compilation, capture group names;
//! - `exec`: RegExpBuiltinExec (lastIndex for `g`/`y`), RegExpExec and the
//!   match result arrays (`index`, `input`, `groups`, `indices`);
//! - `accessors`: `flags`, `source` and the single-flag getters;
//! - `prototype`: `exec`, `test`, `toString`, `compile` (Annex B);
//! - `matching`: `@@match` and `@@search`; `match_all`: `@@matchAll` and
//!   %RegExpStringIteratorPrototype%; `replace`: `@@replace`; `split`:
//!   `@@split`; `escape`: `RegExp.escape`.
//!
//! Invariant: every object of kind `ObjectKind::RegExp` has an own
//! `lastIndex` data property (writable, not enumerable, not configurable)
//! and a compiled matcher; %RegExp.prototype% is an ordinary object.

mod accessors;
mod compile;
mod escape;
mod exec;
mod match_all;
mod matching;
mod prototype;
mod replace;
mod split;
#[cfg(test)]
mod tests;

use super::builder::{native_function, Builder};
use super::string::methods::is_regexp;
use super::support::{arg, getter, install_constructor};
use compile::{compile, Flags};
use spindle_vm::object::{Attributes, ObjectKind, RegExpData};
use spindle_vm::value::{Obj, PropertyKey, Str, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `RegExp`, %RegExp.prototype% and the literal hook.
pub(crate) fn install(vm: &mut Vm) {
    let ctor = native_function(vm, "RegExp", 2, regexp_constructor, true);
    let object_prototype = vm.realm.intrinsics.object_prototype;
    let proto = vm.heap.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    vm.realm.named.insert("%RegExp.prototype%", proto);
    Builder::new(vm, ctor).method("escape", 1, escape::escape);
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    install_constructor(vm, "RegExp", ctor, proto, "%RegExp%");
    prototype::install(vm, proto);
    accessors::install(vm, proto);
    matching::install(vm, proto);
    match_all::install(vm, proto);
    replace::install(vm, proto);
    split::install(vm, proto);
    vm.host.new_regexp = Some(literal);
}

/// %RegExp.prototype%.
fn regexp_prototype(vm: &Vm) -> Obj {
    vm.realm.intrinsic("%RegExp.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype)
}

/// The `lastIndex` property key.
fn last_index_key(vm: &mut Vm) -> PropertyKey {
    PropertyKey::Atom(vm.heap.names.last_index)
}

/// The RegExp internal slots of `v`, if it is a RegExp instance.
fn regexp_data(vm: &Vm, v: Value) -> Option<&RegExpData> {
    match v {
        Value::Object(o) => match &vm.heap.object(o).kind {
            ObjectKind::RegExp(data) => Some(data),
            _ => None,
        },
        _ => None,
    }
}

/// The object has a [[RegExpMatcher]] internal slot.
pub(crate) fn is_regexp_object(vm: &Vm, o: Obj) -> bool {
    matches!(vm.heap.object(o).kind, ObjectKind::RegExp(_))
}

/// A RegExp instance as its literal, `/source/flags`, read from its
/// internal slots (what `util.inspect` shows).
pub(crate) fn literal_text(vm: &Vm, o: Obj) -> Option<String> {
    let data = regexp_data(vm, Value::Object(o))?;
    let source = accessors::escape_pattern(vm.heap.units(data.source));
    let flags = vm.heap.to_rust_string(data.flags);
    Some(format!("/{}/{flags}", String::from_utf16_lossy(&source)))
}

/// `get RegExp[@@species]` (§22.2.5.2).
fn species_getter(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}

/// A regular-expression literal (§13.2.7.3): a fresh RegExp each evaluation.
fn literal(vm: &mut Vm, pattern: Value, flags: Value) -> JsResult<Value> {
    let proto = regexp_prototype(vm);
    let data = initialize(vm, pattern, flags)?;
    Ok(Value::Object(alloc(vm, proto, data)))
}

/// `RegExp(pattern, flags)` and `new RegExp(pattern, flags)` (§22.2.4.1).
fn regexp_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    // 1. Let patternIsRegExp be ? IsRegExp(pattern).
    let pattern_is_regexp = is_regexp(vm, pattern)?;
    // 2-3. newTarget: NewTarget, else the active function object.
    let new_target = match new_target {
        Some(nt) => nt,
        None => {
            let active = vm.current_native().or_else(|| vm.realm.intrinsic("%RegExp%"));
            let Some(active) = active else { return vm.type_error("RegExp is not available") };
            // 2.b. RegExp(re) with no flags returns re when re.constructor is RegExp.
            if pattern_is_regexp && flags == Value::Undefined {
                let ctor_key = PropertyKey::Atom(vm.heap.names.constructor);
                let pattern_constructor = vm.get_v(pattern, ctor_key)?;
                if pattern_constructor == Value::Object(active) {
                    return Ok(pattern);
                }
            }
            active
        }
    };
    // 4-6. P and F from a RegExp, a RegExp-like object, or the arguments.
    let (p, f) = if let Some(data) = regexp_data(vm, pattern) {
        let f = if flags == Value::Undefined { Value::String(data.flags) } else { flags };
        (Value::String(data.source), f)
    } else if pattern_is_regexp {
        let source_key = vm.heap.key_from_str("source");
        let p = vm.get_v(pattern, source_key)?;
        let f = if flags == Value::Undefined {
            let flags_key = vm.heap.key_from_str("flags");
            vm.get_v(pattern, flags_key)?
        } else {
            flags
        };
        (p, f)
    } else {
        (pattern, flags)
    };
    // 7. Let O be ? RegExpAlloc(newTarget).
    let fallback = regexp_prototype(vm);
    let proto = vm.get_prototype_from_constructor(new_target, fallback)?;
    // 8. Return ? RegExpInitialize(O, P, F).
    let data = initialize(vm, p, f)?;
    Ok(Value::Object(alloc(vm, proto, data)))
}

/// RegExpAlloc then the final steps of RegExpInitialize for a fresh
/// object: the slots set and `lastIndex` defined as 0.
fn alloc(vm: &mut Vm, proto: Obj, data: RegExpData) -> Obj {
    let o = vm.heap.alloc_object(Some(proto), ObjectKind::RegExp(Box::new(data)));
    let key = last_index_key(vm);
    vm.heap.define_raw(o, key, Value::Number(0.0), Attributes::WRITABLE);
    o
}

/// RegExpInitialize(obj, pattern, flags) (§22.2.3.1) steps 1-13: the
/// pattern and flags as strings, validated and compiled.
fn initialize(vm: &mut Vm, pattern: Value, flags: Value) -> JsResult<RegExpData> {
    // 1-2. P and F: ToString, undefined is "".
    let p = string_or_empty(vm, pattern)?;
    let f = string_or_empty(vm, flags)?;
    // 3-4. Invalid or repeated flags are a SyntaxError.
    let Some(parsed) = Flags::parse(vm.heap.units(f)) else {
        let text = vm.heap.to_rust_string(f);
        return vm.syntax_error(&format!("Invalid flags supplied to RegExp constructor '{text}'"));
    };
    // 5-12. Parse the pattern (a SyntaxError if it is not valid) and compile it.
    match compile(vm.heap.units(p), parsed) {
        Ok(c) => Ok(RegExpData { source: p, flags: f, matcher: c.matcher, group_names: c.group_names }),
        Err(message) => {
            let text = vm.heap.to_rust_string(p);
            vm.syntax_error(&format!("Invalid regular expression: /{text}/{}: {message}", parsed.text()))
        }
    }
}

fn string_or_empty(vm: &mut Vm, v: Value) -> JsResult<Str> {
    match v {
        Value::Undefined => Ok(vm.heap.empty_string()),
        v => vm.to_string(v),
    }
}

/// RegExpInitialize on an existing RegExp (Annex B `compile`): the new
/// slots, then `Set(obj, "lastIndex", 0, true)`.
fn reinitialize(vm: &mut Vm, o: Obj, pattern: Value, flags: Value) -> JsResult<()> {
    let data = initialize(vm, pattern, flags)?;
    vm.heap.object_mut(o).kind = ObjectKind::RegExp(Box::new(data));
    let key = last_index_key(vm);
    vm.set_or_throw(o, key, Value::Number(0.0))
}
