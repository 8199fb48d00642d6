//! TypedArray objects (§23.2): %TypedArray% (an abstract constructor with
//! `from`, `of` and `@@species`), the twelve concrete constructors (one
//! native function whose capture is its element type), and the abstract
//! operations the methods share: ValidateTypedArray,
//! TypedArraySpeciesCreate, TypedArrayCreateFromConstructor,
//! TypedArrayCreateSameType.
//!
//! - `construct`: the constructor forms (§23.2.5.1) and AllocateTypedArray;
//! - `statics`: `%TypedArray%.from` and `.of`;
//! - `prototype`: installation of %TypedArray.prototype% and its accessors;
//! - `access`, `search`, `iteration`, `mutate`: its methods by theme.

mod access;
mod construct;
mod iteration;
mod mutate;
mod prototype;
mod search;
mod statics;

use crate::builtins::builder::{native_function, Builder};
use crate::builtins::core_support::describe;
use crate::builtins::support::{get_iterator_from_method, getter, install_global, iterator_step_value};
use spindle_vm::object::{Attributes, ElementType, NativeFunction, ObjectKind, TypedArrayData};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs %TypedArray%, %TypedArray.prototype% and the concrete
/// constructors with their prototypes.
pub(super) fn install(vm: &mut Vm) {
    let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.object_prototype), ObjectKind::Ordinary);
    let ctor = native_function(vm, "TypedArray", 0, abstract_constructor, true);
    let proto_key = PropertyKey::Atom(vm.heap.names.prototype);
    vm.heap.define_raw(ctor, proto_key, Value::Object(proto), Attributes::NONE);
    let ctor_key = PropertyKey::Atom(vm.heap.names.constructor);
    vm.heap.define_raw(proto, ctor_key, Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%TypedArray%", ctor);
    vm.realm.named.insert("%TypedArray.prototype%", proto);
    Builder::new(vm, ctor).method("from", 1, statics::from).method("of", 0, statics::of);
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    prototype::install(vm, proto);
    for ty in ElementType::ALL {
        install_concrete(vm, ty, ctor, proto);
    }
}

/// One concrete constructor (§23.2.6-7): `[[Prototype]]` %TypedArray%,
/// `length` 3, `BYTES_PER_ELEMENT` on it and on its prototype.
fn install_concrete(vm: &mut Vm, ty: ElementType, parent: Obj, parent_proto: Obj) {
    let proto = vm.heap.alloc_object(Some(parent_proto), ObjectKind::Ordinary);
    let ctor = native_function(vm, ty.name(), 3, construct::constructor, true);
    if let ObjectKind::Native(NativeFunction { captures, .. }) = &mut vm.heap.object_mut(ctor).kind {
        *captures = Box::new([Value::Number(type_index(ty) as f64)]);
    }
    vm.heap.object_mut(ctor).proto = Some(parent);
    let bytes = Value::Number(ty.size() as f64);
    Builder::new(vm, ctor).value("BYTES_PER_ELEMENT", bytes, Attributes::NONE);
    Builder::new(vm, proto).value("BYTES_PER_ELEMENT", bytes, Attributes::NONE);
    let proto_key = PropertyKey::Atom(vm.heap.names.prototype);
    vm.heap.define_raw(ctor, proto_key, Value::Object(proto), Attributes::NONE);
    let ctor_key = PropertyKey::Atom(vm.heap.names.constructor);
    vm.heap.define_raw(proto, ctor_key, Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE);
    install_global(vm, ty.name(), Value::Object(ctor));
    let (c, p) = spec_names(ty);
    vm.realm.named.insert(c, ctor);
    vm.realm.named.insert(p, proto);
}

/// The position of `ty` in [`ElementType::ALL`].
fn type_index(ty: ElementType) -> usize {
    ElementType::ALL.iter().position(|&t| t == ty).unwrap_or(0)
}

/// The intrinsic names of a concrete constructor and its prototype.
fn spec_names(ty: ElementType) -> (&'static str, &'static str) {
    match ty {
        ElementType::Int8 => ("%Int8Array%", "%Int8Array.prototype%"),
        ElementType::Uint8 => ("%Uint8Array%", "%Uint8Array.prototype%"),
        ElementType::Uint8Clamped => ("%Uint8ClampedArray%", "%Uint8ClampedArray.prototype%"),
        ElementType::Int16 => ("%Int16Array%", "%Int16Array.prototype%"),
        ElementType::Uint16 => ("%Uint16Array%", "%Uint16Array.prototype%"),
        ElementType::Int32 => ("%Int32Array%", "%Int32Array.prototype%"),
        ElementType::Uint32 => ("%Uint32Array%", "%Uint32Array.prototype%"),
        ElementType::Float16 => ("%Float16Array%", "%Float16Array.prototype%"),
        ElementType::Float32 => ("%Float32Array%", "%Float32Array.prototype%"),
        ElementType::Float64 => ("%Float64Array%", "%Float64Array.prototype%"),
        ElementType::BigInt64 => ("%BigInt64Array%", "%BigInt64Array.prototype%"),
        ElementType::BigUint64 => ("%BigUint64Array%", "%BigUint64Array.prototype%"),
    }
}

/// The concrete constructor of `ty` (%Int8Array%, ...).
fn constructor_of(vm: &Vm, ty: ElementType) -> Value {
    vm.realm.intrinsic(spec_names(ty).0).map_or(Value::Undefined, Value::Object)
}

/// `%TypedArray%()` (§23.2.1.1): always a TypeError.
fn abstract_constructor(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    vm.type_error("Abstract class TypedArray not directly constructable")
}

/// `get %TypedArray%[@@species]` (§23.2.2.4): the this value.
fn species_getter(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}

/// A typed array as the methods see it after ValidateTypedArray: the
/// object, its slots and its current length.
#[derive(Clone, Copy)]
pub(crate) struct Validated {
    pub(crate) o: Obj,
    pub(crate) t: TypedArrayData,
    pub(crate) len: usize,
}

/// RequireInternalSlot(O, [[TypedArrayName]]).
fn this_typed_array(vm: &mut Vm, this: Value, method: &str) -> JsResult<(Obj, TypedArrayData)> {
    if let Value::Object(o) = this {
        if let Some(t) = vm.typed_array(o) {
            return Ok((o, t));
        }
    }
    let d = describe(vm, this);
    vm.type_error(&format!("Method %TypedArray%.prototype.{method} called on incompatible receiver {d}"))
}

/// ValidateTypedArray(O, order) (§23.2.4.4): a typed array whose view is
/// not out of bounds (detached buffers included).
pub(crate) fn validate(vm: &mut Vm, this: Value, method: &str) -> JsResult<Validated> {
    let (o, t) = this_typed_array(vm, this, method)?;
    match vm.typed_array_length(&t) {
        Some(len) => Ok(Validated { o, t, len }),
        None => out_of_bounds(vm, method),
    }
}

/// The TypeError of a detached or out-of-bounds view.
fn out_of_bounds<T>(vm: &mut Vm, method: &str) -> JsResult<T> {
    vm.type_error(&format!("Cannot perform %TypedArray%.prototype.{method} on a detached or out-of-bounds ArrayBuffer"))
}

/// The current length of `o` (0 when out of bounds): TypedArrayLength of
/// a fresh witness record, for re-reads after user code ran.
fn current_length(vm: &Vm, o: Obj) -> usize {
    vm.typed_array(o).and_then(|t| vm.typed_array_length(&t)).unwrap_or(0)
}

/// TypedArrayCreateFromConstructor(constructor, argumentList) (§23.2.4.2).
fn create_from_constructor(vm: &mut Vm, constructor: Value, args: &[Value]) -> JsResult<Validated> {
    // 1. Let newTypedArray be ? Construct(constructor, argumentList).
    let new = vm.construct(constructor, args, None)?;
    // 2. Let taRecord be ? ValidateTypedArray(newTypedArray, seq-cst).
    let v = validate(vm, new, "constructor")?;
    // 3. A single Number argument: the new array must be at least that long.
    if let [Value::Number(n)] = args {
        if (v.len as f64) < *n {
            return vm.type_error("TypedArray species constructor returned a too short array");
        }
    }
    Ok(v)
}

/// TypedArraySpeciesCreate(exemplar, argumentList) (§23.2.4.1).
fn species_create(vm: &mut Vm, exemplar: &Validated, args: &[Value]) -> JsResult<Validated> {
    // 1-2. Let constructor be ? SpeciesConstructor(exemplar, defaultConstructor).
    let default = constructor_of(vm, exemplar.t.ty);
    let ctor = vm.species_constructor(exemplar.o, default)?;
    // 3. Let result be ? TypedArrayCreateFromConstructor(constructor, argumentList).
    let result = create_from_constructor(vm, ctor, args)?;
    // 4. If result.[[ContentType]] is not exemplar.[[ContentType]], throw a TypeError exception.
    if result.t.ty.is_bigint() != exemplar.t.ty.is_bigint() {
        return vm.type_error("TypedArray species constructor returned an array of another content type");
    }
    Ok(result)
}

/// TypedArrayCreateSameType(exemplar, length) (§23.2.4.3).
fn create_same_type(vm: &mut Vm, exemplar: &Validated, len: usize) -> JsResult<Validated> {
    let ctor = constructor_of(vm, exemplar.t.ty);
    create_from_constructor(vm, ctor, &[Value::Number(len as f64)])
}

/// IteratorToList(? GetIteratorFromMethod(obj, method)) (§7.4.13, §7.4.2).
fn iterator_to_list(vm: &mut Vm, obj: Value, method: Value) -> JsResult<Vec<Value>> {
    let rec = get_iterator_from_method(vm, obj, method)?;
    let mut values = Vec::new();
    while let Some(v) = iterator_step_value(vm, rec)? {
        values.push(v);
    }
    Ok(values)
}
