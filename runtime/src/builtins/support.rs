//! Helpers shared by the Array, String, Number, BigInt, Math and JSON
//! built-ins: argument access, property keys of integers, relative
//! indices, installing constructors / getters / symbol-keyed methods, the
//! iteration protocol (§7.4), and fast paths for dense arrays whose
//! prototype chain is the default one.

use super::builder::native_function;
use spindle_vm::object::{Attributes, NativeFn, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Sym, Value};
use spindle_vm::{JsResult, Vm};

/// The `i`-th argument, or undefined.
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// The property key of Rust text.
pub(crate) fn key(vm: &mut Vm, name: &str) -> PropertyKey {
    vm.heap.key_from_str(name)
}

/// The property key of the integer `i` (an index below 2^32 - 1, else its
/// decimal string).
pub(crate) fn index_key(vm: &mut Vm, i: u64) -> PropertyKey {
    if i < u64::from(u32::MAX) {
        PropertyKey::Index(i as u32)
    } else {
        vm.heap.key_from_str(&i.to_string())
    }
}

/// A relative index argument resolved against `len` (the shared steps of
/// slice, splice, fill, copyWithin, ...): ToIntegerOrInfinity, negative
/// counts from the end, clamped to 0 ..= len. `undefined` gives `default`.
pub(crate) fn relative_index(vm: &mut Vm, v: Value, len: u64, default: u64) -> JsResult<u64> {
    if v == Value::Undefined {
        return Ok(default);
    }
    let rel = vm.to_integer_or_infinity(v)?;
    Ok(clamp_relative(rel, len))
}

/// `rel < 0 ? max(len + rel, 0) : min(rel, len)`.
pub(crate) fn clamp_relative(rel: f64, len: u64) -> u64 {
    let len_f = len as f64;
    if rel < 0.0 {
        (len_f + rel).max(0.0) as u64
    } else {
        rel.min(len_f) as u64
    }
}

/// Defines a symbol-keyed method (`[Symbol.iterator]() {}` and friends),
/// named `[description]`.
pub(crate) fn method_sym(vm: &mut Vm, target: Obj, sym: Sym, name: &str, length: u32, f: NativeFn) -> Obj {
    let func = native_function(vm, name, length, f, false);
    vm.heap.define_raw(target, PropertyKey::Symbol(sym), Value::Object(func), Attributes::WRITABLE_CONFIGURABLE);
    func
}

/// Defines an accessor with only a getter (`get name`), configurable and
/// not enumerable.
pub(crate) fn getter(vm: &mut Vm, target: Obj, key: PropertyKey, name: &str, f: NativeFn) -> Obj {
    let func = native_function(vm, &format!("get {name}"), 0, f, false);
    vm.heap.define_accessor_raw(target, key, Some(func), None, Attributes::CONFIGURABLE);
    func
}

/// Links a constructor and its prototype (`C.prototype` fixed,
/// `prototype.constructor` writable and configurable), puts `C` on the
/// global object and registers it as `%name%`.
pub(crate) fn install_constructor(vm: &mut Vm, name: &'static str, ctor: Obj, proto: Obj, spec_name: &'static str) {
    let proto_key = PropertyKey::Atom(vm.heap.names.prototype);
    vm.heap.define_raw(ctor, proto_key, Value::Object(proto), Attributes::NONE);
    let ctor_key = PropertyKey::Atom(vm.heap.names.constructor);
    vm.heap.define_raw(proto, ctor_key, Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE);
    install_global(vm, name, Value::Object(ctor));
    vm.realm.named.insert(spec_name, ctor);
}

/// A global binding: writable, configurable, not enumerable.
pub(crate) fn install_global(vm: &mut Vm, name: &str, value: Value) {
    let global = vm.realm.global;
    let k = key(vm, name);
    vm.heap.define_raw(global, k, value, Attributes::WRITABLE_CONFIGURABLE);
}

/// A string value of `@@toStringTag` (not writable, configurable).
pub(crate) fn to_string_tag(vm: &mut Vm, target: Obj, tag: &str) {
    let v = vm.string(tag);
    let k = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    vm.heap.define_raw(target, k, v, Attributes::CONFIGURABLE);
}

/// CreateIterResultObject(value, done) (§7.4.14).
pub(crate) fn iter_result(vm: &mut Vm, value: Value, done: bool) -> Value {
    let o = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let value_key = PropertyKey::Atom(vm.heap.names.value);
    let done_key = PropertyKey::Atom(vm.heap.names.done);
    vm.heap.define_raw(o, value_key, value, Attributes::ALL);
    vm.heap.define_raw(o, done_key, Value::Bool(done), Attributes::ALL);
    Value::Object(o)
}

/// An Iterator Record (§7.4.1).
#[derive(Clone, Copy, Debug)]
pub(crate) struct IteratorRecord {
    /// [[Iterator]]
    pub(crate) iterator: Value,
    /// [[NextMethod]]
    pub(crate) next: Value,
}

/// GetIteratorFromMethod(obj, method) (§7.4.2).
pub(crate) fn get_iterator_from_method(vm: &mut Vm, obj: Value, method: Value) -> JsResult<IteratorRecord> {
    // 1. Let iterator be ? Call(method, obj).
    let iterator = vm.call(method, obj, &[])?;
    // 2. If iterator is not an Object, throw a TypeError exception.
    let Value::Object(it) = iterator else {
        return vm.type_error("Result of the Symbol.iterator method is not an object");
    };
    // 3. Let nextMethod be ? Get(iterator, "next").
    let next = vm.get_property(it, PropertyKey::Atom(vm.heap.names.next))?;
    Ok(IteratorRecord { iterator, next })
}

/// IteratorStepValue(iteratorRecord) (§7.4.8): `None` when done (with the
/// VM's fast paths for generators and Map/Set iterators).
pub(crate) fn iterator_step_value(vm: &mut Vm, rec: IteratorRecord) -> JsResult<Option<Value>> {
    vm.iterator_step(rec.iterator, rec.next)
}

/// IteratorClose(iteratorRecord, completion) (§7.4.11) for a throw
/// completion: calls `return` (its errors are dropped) and gives back
/// the original error.
pub(crate) fn iterator_close_throw<T>(vm: &mut Vm, rec: IteratorRecord, error: Value) -> JsResult<T> {
    let return_key = vm.heap.key_from_str("return");
    if let Ok(Some(ret)) = vm.get_method(rec.iterator, return_key) {
        let _ = vm.call(ret, rec.iterator, &[]);
    }
    Err(error)
}

/// The dense elements of array `o` when reading them is unobservable: an
/// Array exotic object with dense storage whose prototype chain is
/// %Array.prototype% → %Object.prototype% with no indexed properties (so
/// holes read `undefined` and `HasProperty` is plain presence).
#[inline(always)]
pub(crate) fn plain_dense(vm: &Vm, o: Obj) -> Option<&[Value]> {
    let obj = vm.heap.object(o);
    if !obj.is_array() || !default_chain(vm, obj.proto) {
        return None;
    }
    vm.heap.dense_elements(o)
}

/// `proto` is %Array.prototype% and neither it nor %Object.prototype% has
/// indexed properties.
#[inline(always)]
pub(crate) fn default_chain(vm: &Vm, proto: Option<Obj>) -> bool {
    let i = &vm.realm.intrinsics;
    if proto != Some(i.array_prototype) {
        return false;
    }
    let ap = vm.heap.object(i.array_prototype);
    if ap.proto != Some(i.object_prototype) {
        return false;
    }
    let empty = |o: Obj| vm.heap.dense_elements(o).is_some_and(|e| e.is_empty());
    empty(i.array_prototype) && empty(i.object_prototype)
}

/// Get(O, k) for an index with the dense-array fast path.
pub(crate) fn get_index(vm: &mut Vm, o: Obj, k: u64) -> JsResult<Value> {
    if let Some(e) = vm.heap.dense_elements(o) {
        if let Some(&v) = e.get(k as usize) {
            if v != Value::Empty && vm.heap.object(o).is_array() {
                return Ok(v);
            }
        }
    }
    let key = index_key(vm, k);
    vm.get_property(o, key)
}

/// `HasProperty(O, k)` then `Get(O, k)` if present (the loop body of most
/// array methods), with the dense fast path (inlined into those loops, so
/// the element stays in machine registers).
#[inline(always)]
pub(crate) fn get_if_present(vm: &mut Vm, o: Obj, k: u64) -> JsResult<Option<Value>> {
    if let Some(e) = plain_dense(vm, o) {
        return Ok(dense_present(e, k));
    }
    get_if_present_slow(vm, o, k)
}

/// Runs `body(vm, k, kValue)` for each index `k` of `indices` present in
/// `o` (HasProperty(O, k), then Get(O, k): the loop of the array methods
/// that call back), in order, until `body` returns `Some`. The dense path
/// and the general one each call `body`, so an element of a plain dense
/// array reaches it in machine registers (a value joined from both paths
/// would pass through memory, and be read back before its stores drain).
#[inline(always)]
pub(crate) fn visit_present<T>(
    vm: &mut Vm,
    o: Obj,
    indices: impl Iterator<Item = u64>,
    mut body: impl FnMut(&mut Vm, u64, Value) -> JsResult<Option<T>>,
) -> JsResult<Option<T>> {
    for k in indices {
        let found = match plain_dense(vm, o) {
            Some(e) => match dense_present(e, k) {
                Some(v) => body(vm, k, v)?,
                None => None,
            },
            None => match get_if_present_slow(vm, o, k)? {
                Some(v) => body(vm, k, v)?,
                None => None,
            },
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Element `k` of plain dense elements `e`, if present (not a hole).
#[inline(always)]
fn dense_present(e: &[Value], k: u64) -> Option<Value> {
    match e.get(k as usize) {
        Some(&v) if v != Value::Empty => Some(v),
        _ => None,
    }
}

/// `get_if_present` off the fast path: HasProperty, then Get.
#[inline(never)]
fn get_if_present_slow(vm: &mut Vm, o: Obj, k: u64) -> JsResult<Option<Value>> {
    let key = index_key(vm, k);
    if !vm.has_property(o, key)? {
        return Ok(None);
    }
    Ok(Some(vm.get_property(o, key)?))
}

/// CreateDataPropertyOrThrow(A, k, v), with a fast path for extensible
/// dense arrays (where it always succeeds as a plain element write).
pub(crate) fn create_index(vm: &mut Vm, a: Obj, k: u64, v: Value) -> JsResult<()> {
    let obj = vm.heap.object(a);
    if obj.is_array() && obj.extensible && k < u64::from(u32::MAX) && vm.heap.dense_elements(a).is_some() {
        if k == u64::from(vm.heap.array_length(a)) {
            vm.heap.array_push_raw(a, v);
        } else {
            vm.heap.define_raw(a, PropertyKey::Index(k as u32), v, Attributes::ALL);
        }
        return Ok(());
    }
    let key = index_key(vm, k);
    vm.create_data_property_or_throw(a, key, v)
}

/// Set(O, k, v, true) for an index.
pub(crate) fn set_index(vm: &mut Vm, o: Obj, k: u64, v: Value) -> JsResult<()> {
    let key = index_key(vm, k);
    vm.set_or_throw(o, key, v)
}

/// Set(O, "length", len, true).
pub(crate) fn set_length(vm: &mut Vm, o: Obj, len: u64) -> JsResult<()> {
    let key = PropertyKey::Atom(vm.heap.names.length);
    vm.set_or_throw(o, key, Value::Number(len as f64))
}

/// Call a callback function argument, checking it first (the TypeError of
/// `IsCallable(callbackfn) is false`).
pub(crate) fn require_callable(vm: &mut Vm, f: Value, what: &str) -> JsResult<Value> {
    if !vm.is_callable(f) {
        return vm.type_error(&format!("{what} is not a function"));
    }
    Ok(f)
}

/// Test helper: evaluates `source` in a fresh runtime and returns the
/// completion value as `console.log` shows it, or `"throws: <text>"`.
#[cfg(test)]
pub(crate) fn eval(source: &str) -> String {
    let mut rt = crate::Runtime::new();
    match rt.eval(source, "test.js") {
        Ok(v) => rt.display(v),
        Err(crate::RunError::Exception(e)) => {
            let text = rt.display(e);
            format!("throws: {text}")
        }
        Err(crate::RunError::Syntax(s)) => format!("syntax: {s}"),
    }
}
