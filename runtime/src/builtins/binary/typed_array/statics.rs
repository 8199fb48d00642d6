//! `%TypedArray%.from` (§23.2.2.1) and `%TypedArray%.of` (§23.2.2.2).

use super::{create_from_constructor, iterator_to_list};
use crate::builtins::support::{arg, index_key};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// `%TypedArray%.from(source [, mapfn [, thisArg]])`.
pub(super) fn from(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let (source, mapfn, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    // 1-2. If IsConstructor(C) is false, throw a TypeError exception.
    if !vm.is_constructor(this) {
        return vm.type_error("%TypedArray%.from: this is not a constructor");
    }
    // 3-4. mapfn must be undefined or callable.
    let mapping = mapfn != Value::Undefined;
    if mapping && !vm.is_callable(mapfn) {
        return vm.type_error("%TypedArray%.from: mapper is not a function");
    }
    // 5. Let usingIterator be ? GetMethod(source, @@iterator).
    let iter_key = PropertyKey::Symbol(vm.heap.well_known.iterator);
    let values = match vm.get_method(source, iter_key)? {
        // 6.a. Let values be ? IteratorToList(? GetIteratorFromMethod(source, usingIterator)).
        Some(method) => Some(iterator_to_list(vm, source, method)?),
        None => None,
    };
    // 8-9. Otherwise an array-like: len = ? LengthOfArrayLike(! ToObject(source)).
    let (array_like, len) = match &values {
        Some(v) => (None, v.len() as u64),
        None => {
            let o = vm.to_object(source)?;
            (Some(o), vm.length_of_array_like(o)?)
        }
    };
    // 6.c / 10. Let targetObj be ? TypedArrayCreateFromConstructor(C, « 𝔽(len) »).
    let target = create_from_constructor(vm, this, &[Value::Number(len as f64)])?.o;
    // 6.e / 12. Map each value and Set(targetObj, Pk, mappedValue, true).
    for k in 0..len {
        let key = index_key(vm, k);
        let value = match (&values, array_like) {
            (Some(list), _) => list[k as usize],
            (None, Some(o)) => vm.get_property(o, key)?,
            (None, None) => Value::Undefined,
        };
        let mapped = if mapping { vm.call(mapfn, this_arg, &[value, Value::Number(k as f64)])? } else { value };
        vm.set_or_throw(target, key, mapped)?;
    }
    Ok(Value::Object(target))
}

/// `%TypedArray%.of(...items)`.
pub(super) fn of(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 3-4. If IsConstructor(C) is false, throw a TypeError exception.
    if !vm.is_constructor(this) {
        return vm.type_error("%TypedArray%.of: this is not a constructor");
    }
    // 5. Let newObj be ? TypedArrayCreateFromConstructor(C, « 𝔽(len) »).
    let target = create_from_constructor(vm, this, &[Value::Number(args.len() as f64)])?.o;
    // 6-7. Perform ? Set(newObj, Pk, kValue, true) for each item.
    for (k, &v) in args.iter().enumerate() {
        let key = index_key(vm, k as u64);
        vm.set_or_throw(target, key, v)?;
    }
    Ok(Value::Object(target))
}
