//! Helpers shared by the core built-ins (Object, Function, Error, Symbol,
//! Boolean, Reflect, Proxy and the global functions), beyond those of
//! `support.rs`: constructor wiring (`prototype`, `constructor`, the realm's named
//! intrinsics, the global binding), accessor and symbol-keyed methods, error-message
//! descriptions of values, and GetIterator / IteratorToList.

use super::builder::native_function;
use super::support::{get_iterator_from_method, install_global, iterator_step_value, IteratorRecord};
use spindle_vm::object::{Attributes, NativeFn, ObjectKind, Property};
use spindle_vm::value::{Obj, PropertyKey, Sym, Value};
use spindle_vm::{JsResult, Vm};

/// Makes constructor `name` of `length` with prototype object `prototype`:
/// `C.prototype` (non-writable, non-enumerable, non-configurable),
/// `prototype.constructor` (writable, configurable), registered as
/// `%name%` and `%name.prototype%` (with `spec_name` and `proto_name`)
/// and bound on the global object.
pub(crate) fn make_constructor(
    vm: &mut Vm,
    name: &str,
    length: u32,
    f: NativeFn,
    prototype: Obj,
    spec_names: (&'static str, &'static str),
) -> Obj {
    let ctor = native_function(vm, name, length, f, true);
    let proto_key = PropertyKey::Atom(vm.heap.names.prototype);
    vm.heap.define_raw(ctor, proto_key, Value::Object(prototype), Attributes::NONE);
    let ctor_key = PropertyKey::Atom(vm.heap.names.constructor);
    vm.heap.define_raw(prototype, ctor_key, Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert(spec_names.0, ctor);
    vm.realm.named.insert(spec_names.1, prototype);
    install_global(vm, name, Value::Object(ctor));
    ctor
}

/// A method keyed by well-known symbol `sym`, named `[Symbol.x]`.
pub(crate) fn symbol_method(vm: &mut Vm, target: Obj, sym: Sym, name: &str, length: u32, f: NativeFn, attrs: Attributes) -> Obj {
    let func = native_function(vm, name, length, f, false);
    vm.heap.define_raw(target, PropertyKey::Symbol(sym), Value::Object(func), attrs);
    func
}

/// An accessor property `key` of `target` with native getter and setter
/// (named `get name` / `set name`), configurable and not enumerable.
pub(crate) fn accessor(vm: &mut Vm, target: Obj, key: PropertyKey, name: &str, get: Option<NativeFn>, set: Option<NativeFn>) {
    let getter = get.map(|g| native_function(vm, &format!("get {name}"), 0, g, false));
    let setter = set.map(|s| native_function(vm, &format!("set {name}"), 1, s, false));
    vm.heap.define_accessor_raw(target, key, getter, setter, Attributes::CONFIGURABLE);
}

/// IsCallable(value) (§7.2.3), counting class constructors, which have a
/// [[Call]] that throws (`Vm::is_callable` leaves them out).
pub(crate) fn is_callable(vm: &Vm, value: Value) -> bool {
    match value {
        Value::Object(o) => matches!(vm.heap.object(o).kind, ObjectKind::Closure(_)) || vm.is_callable(value),
        _ => false,
    }
}

/// A new ordinary object inheriting from %Object.prototype%.
pub(crate) fn new_object(vm: &mut Vm) -> Obj {
    let proto = vm.realm.intrinsics.object_prototype;
    vm.heap.alloc_object(Some(proto), ObjectKind::Ordinary)
}

/// A short rendering of `v` for error messages (never runs JavaScript).
pub(crate) fn describe(vm: &Vm, v: Value) -> String {
    match v {
        Value::String(s) => {
            let text = vm.heap.to_rust_string(s);
            if text.chars().count() > 40 {
                format!("{}...", text.chars().take(40).collect::<String>())
            } else {
                text
            }
        }
        Value::Symbol(s) => {
            let d = vm.heap.symbol_description(s).map(|d| vm.heap.to_rust_string(d));
            format!("Symbol({})", d.unwrap_or_default())
        }
        Value::Object(o) if is_callable(vm, v) => match vm.heap.get_own_raw(o, PropertyKey::Atom(vm.heap.names.name)) {
            Some(Property::Data { value: Value::String(n), .. }) if vm.heap.string_len(n) > 0 => {
                format!("function {}", vm.heap.to_rust_string(n))
            }
            _ => "function".to_owned(),
        },
        Value::Object(o) if vm.heap.object(o).is_array() => "#<Array>".to_owned(),
        Value::Object(_) => "#<Object>".to_owned(),
        Value::Undefined | Value::Empty => "undefined".to_owned(),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => spindle_vm::ops::number_to_string::number_to_string(n),
        Value::BigInt(b) => format!("{}n", vm.heap.bigint(b)),
    }
}

/// GetIterator(obj, sync) (§7.4.3).
pub(crate) fn get_iterator(vm: &mut Vm, obj: Value) -> JsResult<IteratorRecord> {
    // 1-2. Let method be ? GetMethod(obj, @@iterator).
    let k = PropertyKey::Symbol(vm.heap.well_known.iterator);
    let Some(method) = vm.get_method(obj, k)? else {
        // 3. If method is undefined, throw a TypeError exception.
        let d = describe(vm, obj);
        return vm.type_error(&format!("{d} is not iterable"));
    };
    // 4. Return ? GetIteratorFromMethod(obj, method).
    get_iterator_from_method(vm, obj, method)
}

/// IteratorToList(? GetIterator(items, sync)) (§7.4.13).
pub(crate) fn iterable_to_list(vm: &mut Vm, items: Value) -> JsResult<Vec<Value>> {
    let rec = get_iterator(vm, items)?;
    let mut values = Vec::new();
    while let Some(v) = iterator_step_value(vm, rec)? {
        values.push(v);
    }
    Ok(values)
}
