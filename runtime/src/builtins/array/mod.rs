//! `Array` (ECMAScript 2025 §23.1): the constructor, `Array.from`,
//! `Array.of`, `Array.isArray`, `Array[@@species]`, ArraySpeciesCreate,
//! and the installation of every `Array.prototype` method (implemented in
//! the submodules by theme) and of %ArrayIteratorPrototype%.
//!
//! Fast paths (see [`super::support::plain_dense`]) apply only when they
//! cannot be observed: Array exotic objects with dense storage whose
//! prototype chain is the default one without indexed properties.

mod access;
mod from_async;
mod iteration;
pub(crate) mod iterator;
mod mutate;
pub(crate) mod search;
pub(crate) mod sort;

use super::builder::{native_function, Builder};
use super::support::{
    arg, create_index, get_index, get_iterator_from_method, getter, install_constructor, iterator_close_throw,
    iterator_step_value, set_length,
};
use spindle_vm::interp::Callback;
use spindle_vm::object::{Attributes, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// 2^53 - 1, the largest length of an array-like.
pub(crate) const MAX_SAFE: u64 = (1 << 53) - 1;

/// Installs `Array`, `Array.prototype` and the array iterators.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.array_prototype;
    let ctor = native_function(vm, "Array", 1, array_constructor, true);
    Builder::new(vm, ctor).method("from", 1, from).method("isArray", 1, is_array).method("of", 0, of);
    let species = PropertyKey::Symbol(vm.heap.well_known.species);
    getter(vm, ctor, species, "[Symbol.species]", species_getter);
    install_constructor(vm, "Array", ctor, proto, "%Array%");
    from_async::install(vm, ctor);
    install_prototype(vm, proto);
    iterator::install(vm, proto);
    install_unscopables(vm, proto);
}

fn install_prototype(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("at", 1, access::at)
        .method("concat", 1, access::concat)
        .method("copyWithin", 2, mutate::copy_within)
        .method("every", 1, iteration::every)
        .method("fill", 1, mutate::fill)
        .method("filter", 1, iteration::filter)
        .method("find", 1, search::find)
        .method("findIndex", 1, search::find_index)
        .method("findLast", 1, search::find_last)
        .method("findLastIndex", 1, search::find_last_index)
        .method("flat", 0, iteration::flat)
        .method("flatMap", 1, iteration::flat_map)
        .method("forEach", 1, iteration::for_each)
        .method("includes", 1, search::includes)
        .method("indexOf", 1, search::index_of)
        .method("join", 1, access::join)
        .method("lastIndexOf", 1, search::last_index_of)
        .method("map", 1, iteration::map)
        .method("pop", 0, mutate::pop)
        .method("push", 1, mutate::push)
        .method("reduce", 1, iteration::reduce)
        .method("reduceRight", 1, iteration::reduce_right)
        .method("reverse", 0, mutate::reverse)
        .method("shift", 0, mutate::shift)
        .method("slice", 2, access::slice)
        .method("some", 1, iteration::some)
        .method("sort", 1, sort::sort)
        .method("splice", 2, mutate::splice)
        .method("toLocaleString", 0, access::to_locale_string)
        .method("toReversed", 0, access::to_reversed)
        .method("toSorted", 1, sort::to_sorted)
        .method("toSpliced", 2, access::to_spliced)
        .method("unshift", 1, mutate::unshift)
        .method("with", 2, access::with);
    let to_string = native_function(vm, "toString", 0, access::to_string, false);
    let k = PropertyKey::Atom(vm.heap.names.to_string);
    vm.heap.define_raw(proto, k, Value::Object(to_string), Attributes::WRITABLE_CONFIGURABLE);
    vm.realm.named.insert("%Array.prototype.toString%", to_string);
}

/// `Array.prototype[@@unscopables]` (§23.1.3.41): a null-prototype object
/// naming the methods added since ES5.
fn install_unscopables(vm: &mut Vm, proto: Obj) {
    let list = vm.heap.alloc_object(None, ObjectKind::Ordinary);
    for name in [
        "at",
        "copyWithin",
        "entries",
        "fill",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flat",
        "flatMap",
        "includes",
        "keys",
        "toReversed",
        "toSorted",
        "toSpliced",
        "values",
    ] {
        let k = vm.heap.key_from_str(name);
        vm.heap.define_raw(list, k, Value::Bool(true), Attributes::ALL);
    }
    let k = PropertyKey::Symbol(vm.heap.well_known.unscopables);
    vm.heap.define_raw(proto, k, Value::Object(list), Attributes::CONFIGURABLE);
}

/// The %Array% intrinsic.
fn array_ctor(vm: &Vm) -> Option<Obj> {
    vm.realm.intrinsic("%Array%")
}

/// `Array(...values)` (§23.1.1.1).
fn array_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, let newTarget be the active function object.
    let default_proto = vm.realm.intrinsics.array_prototype;
    // 2. Let proto be ? GetPrototypeFromConstructor(newTarget, "%Array.prototype%").
    let proto = match new_target.or_else(|| array_ctor(vm)) {
        Some(nt) => vm.get_prototype_from_constructor(nt, default_proto)?,
        None => default_proto,
    };
    match args {
        // 4. If numberOfArgs = 0, return ! ArrayCreate(0, proto).
        [] => Ok(Value::Object(vm.array_create(0, Some(proto))?)),
        // 5. Else if numberOfArgs = 1, then
        [len] => {
            let array = vm.array_create(0, Some(proto))?;
            let int_len = match *len {
                // c. If len is not a Number, CreateDataPropertyOrThrow(array, "0", len); intLen = 1.
                Value::Number(n) => {
                    // d. Else: intLen = ! ToUint32(len); RangeError unless SameValueZero(intLen, len).
                    let int_len = spindle_vm::ops::int_conversions::to_uint32(n);
                    if f64::from(int_len) != n {
                        return vm.range_error("Invalid array length");
                    }
                    int_len
                }
                other => {
                    vm.create_data_property_or_throw(array, PropertyKey::Index(0), other)?;
                    1
                }
            };
            // e. Perform ! Set(array, "length", intLen, true).
            set_length(vm, array, u64::from(int_len))?;
            Ok(Value::Object(array))
        }
        // 6. Else: ArrayCreate(numberOfArgs, proto) and each value in order.
        values => {
            let array = vm.heap.create_array(proto, values);
            Ok(Value::Object(array))
        }
    }
}

/// `Array.isArray(arg)` (§23.1.2.2).
fn is_array(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(vm.is_array(arg(args, 0))?))
}

/// `get Array[@@species]` (§23.1.2.5): returns the this value.
fn species_getter(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}

/// `new C(len)` if C is a constructor, else ArrayCreate(len) (the shared
/// step of Array.from and Array.of).
fn construct_or_create(vm: &mut Vm, c: Value, len: Option<u64>) -> JsResult<Obj> {
    if vm.is_constructor(c) {
        let args: Vec<Value> = len.map(|l| Value::Number(l as f64)).into_iter().collect();
        let v = vm.construct(c, &args, None)?;
        return match v {
            Value::Object(o) => Ok(o),
            _ => vm.type_error("constructor did not return an object"),
        };
    }
    vm.array_create(len.unwrap_or(0), None)
}

/// `Array.from(items [, mapfn [, thisArg]])` (§23.1.2.1).
fn from(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (items, mapfn, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    // 2-3. If mapfn is undefined, mapping is false; else it must be callable.
    let mapping = if mapfn == Value::Undefined {
        None
    } else if vm.is_callable(mapfn) {
        Some(vm.callback(mapfn, this_arg))
    } else {
        return vm.type_error("Array.from: when provided, the second argument must be a function");
    };
    // 4. Let usingIterator be ? GetMethod(items, @@iterator).
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    if let Some(method) = vm.get_method(items, iter_key)? {
        return from_iterable(vm, this, items, method, mapping);
    }
    // 5-6. NOTE: items is not an Iterable so assume it is an array-like object.
    let array_like = vm.to_object(items)?;
    // 7. Let len be ? LengthOfArrayLike(arrayLike).
    let len = vm.length_of_array_like(array_like)?;
    // 8-9. A = Construct(C, « len ») or ArrayCreate(len).
    let a = construct_or_create(vm, this, Some(len))?;
    // 10-11. Repeat, while k < len.
    for k in 0..len {
        let k_value = get_index(vm, array_like, k)?;
        let mapped = match &mapping {
            Some(m) => vm.call_callback(m, &[k_value, Value::Number(k as f64)])?,
            None => k_value,
        };
        create_index(vm, a, k, mapped)?;
    }
    // 12-13. Perform ? Set(A, "length", 𝔽(len), true); return A.
    set_length(vm, a, len)?;
    Ok(Value::Object(a))
}

/// Array.from step 5 (the items have an @@iterator method).
fn from_iterable(vm: &mut Vm, c: Value, items: Value, method: Value, mapping: Option<Callback>) -> JsResult<Value> {
    // a-b. A = Construct(C) or ArrayCreate(0).
    let a = construct_or_create(vm, c, None)?;
    if let (Value::Object(array), true) = (items, iterator::is_plain_array_iteration(vm, items, method)) {
        return from_array_by_index(vm, a, array, mapping);
    }
    // c. Let iteratorRecord be ? GetIteratorFromMethod(items, usingIterator).
    let rec = get_iterator_from_method(vm, items, method)?;
    // d-e. Repeat.
    let mut k: u64 = 0;
    loop {
        // i. If k ≥ 2^53 - 1, close the iterator with a TypeError.
        if k >= MAX_SAFE {
            let err = vm.error(spindle_vm::realm::ErrorKind::TypeError, "Array.from: too many elements");
            return iterator_close_throw(vm, rec, err);
        }
        // iii-iv. Let next be ? IteratorStepValue(iteratorRecord); done → set length, return A.
        let Some(next) = iterator_step_value(vm, rec)? else {
            set_length(vm, a, k)?;
            return Ok(Value::Object(a));
        };
        // v-vi. mappedValue = Call(mapfn, thisArg, « next, 𝔽(k) »), closing on abrupt.
        let mapped = match &mapping {
            Some(m) => match vm.call_callback(m, &[next, Value::Number(k as f64)]) {
                Ok(v) => v,
                Err(e) => return iterator_close_throw(vm, rec, e),
            },
            None => next,
        };
        // vii-viii. CreateDataPropertyOrThrow(A, Pk, mappedValue), closing on abrupt.
        if let Err(e) = create_index(vm, a, k, mapped) {
            return iterator_close_throw(vm, rec, e);
        }
        k += 1;
    }
}

/// Array.from step 5 for an Array iterated by the built-in array
/// iterator: the same reads (`length`, then the element, at each step)
/// without the iterator and result objects.
fn from_array_by_index(vm: &mut Vm, a: Obj, array: Obj, mapping: Option<Callback>) -> JsResult<Value> {
    let mut k: u64 = 0;
    loop {
        // %ArrayIteratorPrototype%.next: done once index ≥ LengthOfArrayLike(array).
        if k >= vm.length_of_array_like(array)? {
            set_length(vm, a, k)?;
            return Ok(Value::Object(a));
        }
        let next = get_index(vm, array, k)?;
        let mapped = match &mapping {
            Some(m) => vm.call_callback(m, &[next, Value::Number(k as f64)]),
            None => Ok(next),
        };
        // An abrupt completion closes the iterator (made now: nobody saw it before).
        if let Err(e) = mapped.and_then(|v| create_index(vm, a, k, v)) {
            let iterator = iterator::create_array_iterator_at(vm, array, k + 1);
            let rec = super::support::IteratorRecord { iterator, next: Value::Undefined };
            return iterator_close_throw(vm, rec, e);
        }
        k += 1;
    }
}

/// `Array.of(...items)` (§23.1.2.3).
fn of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-5. A = Construct(C, « len ») or ArrayCreate(len).
    let len = args.len() as u64;
    let a = construct_or_create(vm, this, Some(len))?;
    // 6-7. CreateDataPropertyOrThrow for each item.
    for (k, &v) in args.iter().enumerate() {
        create_index(vm, a, k as u64, v)?;
    }
    // 8-9. Perform ? Set(A, "length", lenNumber, true); return A.
    set_length(vm, a, len)?;
    Ok(Value::Object(a))
}

/// Where an array method puts its results: the array ArraySpeciesCreate
/// made, or (when that would be a new %Array% that no code can see until
/// the method returns) a vector turned into a dense array at the end.
pub(crate) enum Target {
    /// A fresh %Array% still being built: its elements (`Value::Empty`
    /// for holes) and the length it was created with.
    Fresh(Vec<Value>, u64),
    /// The species constructor's result.
    Object(Obj),
}

impl Target {
    /// ArraySpeciesCreate(originalArray, length) (§10.4.2.3), deferring a
    /// default %Array%.
    pub(crate) fn species(vm: &mut Vm, original: Obj, length: u64) -> JsResult<Target> {
        match species_constructor_of(vm, original)? {
            None => {
                if length > u64::from(u32::MAX) {
                    return vm.range_error("Invalid array length");
                }
                Ok(Target::Fresh(Vec::new(), length))
            }
            Some(c) => construct_species(vm, c, length).map(Target::Object),
        }
    }

    /// CreateDataPropertyOrThrow(A, k, v). Inlined into the loops that
    /// fill a new array; `v` (most often a callback's result, just stored
    /// in pieces) is stored with one whole store made from its fields, as
    /// a plain copy would read it whole and wait for those stores.
    #[inline(always)]
    pub(crate) fn put(&mut self, vm: &mut Vm, k: u64, v: Value) -> JsResult<()> {
        match self {
            Target::Object(a) => create_index(vm, *a, k, v),
            Target::Fresh(values, _) => {
                let k = k as usize;
                if k >= values.len() {
                    values.resize(k + 1, Value::Empty);
                }
                if let Some(slot) = values.get_mut(k) {
                    v.store_whole(slot);
                }
                Ok(())
            }
        }
    }

    /// The finished array; `length` is the length the method then sets
    /// with Set(A, "length", length, true), if it does.
    pub(crate) fn finish(self, vm: &mut Vm, length: Option<u64>) -> JsResult<Value> {
        match self {
            Target::Object(a) => {
                if let Some(len) = length {
                    set_length(vm, a, len)?;
                }
                Ok(Value::Object(a))
            }
            Target::Fresh(mut values, created) => {
                let len = length.unwrap_or(created.max(values.len() as u64));
                if len > u64::from(u32::MAX) {
                    return vm.range_error("Invalid array length");
                }
                values.resize(len as usize, Value::Empty);
                Ok(Value::Object(vm.create_array(&values)))
            }
        }
    }
}

/// ArraySpeciesCreate steps 1-7: the constructor to use, or `None` for a
/// plain ArrayCreate.
fn species_constructor_of(vm: &mut Vm, original: Obj) -> JsResult<Option<Value>> {
    // 1-2. If IsArray(originalArray) is false, return ? ArrayCreate(length).
    if !vm.is_array(Value::Object(original))? {
        return Ok(None);
    }
    // 3. Let C be ? Get(originalArray, "constructor").
    let mut c = vm.get_property(original, PropertyKey::Atom(vm.heap.names.constructor))?;
    // 4. If C is a constructor of another realm and that realm's %Array%,
    // set C to undefined (an array of this realm is made instead).
    if let Value::Object(co) = c {
        if vm.is_constructor(c) {
            let realm_c = vm.function_realm(co)?;
            let other_array = vm.realm_record(realm_c).and_then(|r| r.intrinsic("%Array%"));
            if realm_c != vm.current_realm() && other_array == Some(co) {
                c = Value::Undefined;
            }
        }
    }
    // 5. If C is an Object, set C to ? Get(C, @@species); null → undefined.
    if let Value::Object(co) = c {
        c = vm.get_property(co, PropertyKey::Symbol(vm.heap.well_known.species))?;
        if c == Value::Null {
            c = Value::Undefined;
        }
    }
    // 6. If C is undefined, return ? ArrayCreate(length).
    if c == Value::Undefined {
        return Ok(None);
    }
    // 7. If IsConstructor(C) is false, throw a TypeError exception.
    if !vm.is_constructor(c) {
        return vm.type_error("object.constructor[Symbol.species] is not a constructor");
    }
    // %Array% itself makes a plain array of the realm.
    if Some(c) == array_ctor(vm).map(Value::Object) {
        return Ok(None);
    }
    Ok(Some(c))
}

/// ArraySpeciesCreate step 8: Construct(C, « 𝔽(length) »).
fn construct_species(vm: &mut Vm, c: Value, length: u64) -> JsResult<Obj> {
    match vm.construct(c, &[Value::Number(length as f64)], None)? {
        Value::Object(o) => Ok(o),
        _ => vm.type_error("species constructor did not return an object"),
    }
}

/// ToObject(this) and LengthOfArrayLike: the first two steps of nearly
/// every `Array.prototype` method.
pub(crate) fn this_array_like(vm: &mut Vm, this: Value) -> JsResult<(Obj, u64)> {
    let o = vm.to_object(this)?;
    let len = vm.length_of_array_like(o)?;
    Ok((o, len))
}

#[cfg(test)]
mod tests;
