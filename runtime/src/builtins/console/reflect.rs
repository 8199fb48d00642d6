//! Reading objects for `util.inspect` without running JavaScript: own
//! properties straight from storage (String and arguments exotics
//! included), lookups along the prototype chain that stop at accessors
//! and proxies, proxy targets, and `instanceof` by prototype chain.
//!
//! Node calls getters for a few internal reads (`err.name`, `fn.name`);
//! here an accessor reads as `undefined`, so these reads never run user
//! code (and so never collect garbage). The one getter the formatter does
//! call, as Node does, is a `Symbol.toStringTag` getter (`naming.rs`).

use spindle_vm::object::{ObjectKind, Property};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::Vm;

/// How long a prototype chain is followed before giving up (chains are
/// acyclic, so this only bounds pathological ones).
const MAX_CHAIN: usize = 100_000;

/// The own property `key` of `o` (never a proxy trap: a proxy has none).
pub(super) fn own(vm: &mut Vm, o: Obj, key: PropertyKey) -> Option<Property> {
    match vm.heap.object(o).kind {
        ObjectKind::Proxy(_) => None,
        ObjectKind::String(_) | ObjectKind::Arguments(_) => vm.get_own_property(o, key).ok().flatten(),
        _ => vm.heap.get_own_raw(o, key),
    }
}

/// The property `key` found on `o` or its prototypes; `None` when absent
/// or when a proxy is reached first.
pub(super) fn lookup(vm: &mut Vm, o: Obj, key: PropertyKey) -> Option<Property> {
    let mut cur = o;
    for _ in 0..MAX_CHAIN {
        if vm.heap.object(cur).is_proxy() {
            return None;
        }
        if let Some(p) = own(vm, cur, key) {
            return Some(p);
        }
        cur = vm.heap.object(cur).proto?;
    }
    None
}

/// `o[key]` when it is a data property (undefined for accessors).
pub(super) fn get(vm: &mut Vm, o: Obj, key: PropertyKey) -> Value {
    match lookup(vm, o, key) {
        Some(Property::Data { value, .. }) => value,
        _ => Value::Undefined,
    }
}

/// `o[name]` when it is a data property.
pub(super) fn get_named(vm: &mut Vm, o: Obj, name: &str) -> Value {
    let key = PropertyKey::Atom(vm.heap.intern_str(name));
    get(vm, o, key)
}

/// `key in o`, without proxy traps.
pub(super) fn has(vm: &mut Vm, o: Obj, key: PropertyKey) -> bool {
    lookup(vm, o, key).is_some()
}

/// The proxy target of `o`: `None` if `o` is not a proxy, `Some(None)` if
/// revoked. Nested proxies are unwrapped to the innermost target.
pub(super) fn proxy_target(vm: &Vm, o: Obj) -> Option<Option<Obj>> {
    let mut cur = o;
    let mut found = false;
    for _ in 0..MAX_CHAIN {
        match &vm.heap.object(cur).kind {
            ObjectKind::Proxy(p) => match (p.target, p.handler) {
                (Some(t), Some(_)) => {
                    found = true;
                    cur = t;
                }
                _ => return Some(None),
            },
            _ => break,
        }
    }
    found.then_some(Some(cur))
}

/// `typeof o === 'function'`.
pub(super) fn is_callable(vm: &Vm, o: Obj) -> bool {
    match &vm.heap.object(o).kind {
        ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => true,
        ObjectKind::Proxy(p) => p.callable,
        _ => false,
    }
}

/// `typeof value === 'function'`.
pub(super) fn is_function(vm: &Vm, value: Value) -> bool {
    matches!(value, Value::Object(o) if is_callable(vm, o))
}

/// Is `proto` on the prototype chain of `o` (strictly above it).
pub(super) fn inherits_from(vm: &Vm, o: Obj, proto: Obj) -> bool {
    let mut cur = vm.heap.object(o).proto;
    for _ in 0..MAX_CHAIN {
        match cur {
            Some(p) if p == proto => return true,
            Some(p) if !vm.heap.object(p).is_proxy() => cur = vm.heap.object(p).proto,
            _ => return false,
        }
    }
    false
}

/// `o instanceof f` by OrdinaryHasInstance (bound functions followed,
/// `Symbol.hasInstance` not consulted); false where it would throw.
pub(super) fn instance_of(vm: &mut Vm, o: Obj, f: Obj) -> bool {
    let mut f = f;
    for _ in 0..MAX_CHAIN {
        match &vm.heap.object(f).kind {
            ObjectKind::Bound(b) => f = b.target,
            _ => break,
        }
    }
    let key = PropertyKey::Atom(vm.heap.names.prototype);
    match get(vm, f, key) {
        Value::Object(p) => inherits_from(vm, o, p),
        _ => false,
    }
}

/// The text of a primitive as `String(value)` gives it (objects: `None`).
pub(super) fn primitive_string(vm: &Vm, value: Value) -> Option<String> {
    Some(match value {
        Value::Undefined | Value::Empty => "undefined".into(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => spindle_vm::ops::number_to_string::number_to_string(n),
        Value::String(s) => vm.heap.to_rust_string(s),
        Value::Symbol(s) => symbol_string(vm, s),
        Value::BigInt(b) => vm.heap.bigint(b).to_string(),
        Value::Object(_) => return None,
    })
}

/// `Symbol.prototype.toString`: `Symbol(description)`.
pub(super) fn symbol_string(vm: &Vm, s: spindle_vm::value::Sym) -> String {
    String::from_utf16_lossy(&symbol_units(vm, s))
}

/// [`symbol_string`] as UTF-16 code units (lone surrogates kept).
pub(super) fn symbol_units(vm: &Vm, s: spindle_vm::value::Sym) -> Vec<u16> {
    let mut units: Vec<u16> = "Symbol(".encode_utf16().collect();
    if let Some(d) = vm.heap.symbol_description(s) {
        units.extend_from_slice(vm.heap.units(d));
    }
    units.push(u16::from(b')'));
    units
}

/// JavaScript truthiness of a primitive (objects are truthy).
pub(super) fn truthy(vm: &Vm, value: Value) -> bool {
    match value {
        Value::Undefined | Value::Null | Value::Empty => false,
        Value::Bool(b) => b,
        Value::Number(n) => n != 0.0 && !n.is_nan(),
        Value::String(s) => vm.heap.string_len(s) != 0,
        Value::BigInt(b) => spindle_vm::ops::bigint::bigint_to_f64(vm.heap.bigint(b)) != 0.0,
        Value::Symbol(_) | Value::Object(_) => true,
    }
}
