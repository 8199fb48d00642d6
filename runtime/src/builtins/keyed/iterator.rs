//! Map and Set iterators (§24.1.5, §24.2.6): CreateMapIterator,
//! CreateSetIterator and the `next` of %MapIteratorPrototype% and
//! %SetIteratorPrototype%.
//!
//! The specification's generator closure is a position in the table: `next`
//! walks forward from it to the next live entry, so entries added during
//! iteration are visited and deleted ones skipped. An exhausted iterator
//! drops its table and stays done.

use crate::builtins::builder::native_function;
use crate::builtins::support::{iter_result, to_string_tag};
use spindle_vm::object::{Attributes, CollectionIterator, IterationKind, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs %MapIteratorPrototype% and %SetIteratorPrototype%.
pub(super) fn install(vm: &mut Vm) {
    for (name, tag, next) in [
        ("%MapIteratorPrototype%", "Map Iterator", map_next as spindle_vm::object::NativeFn),
        ("%SetIteratorPrototype%", "Set Iterator", set_next),
    ] {
        let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.iterator_prototype), ObjectKind::Ordinary);
        let f = native_function(vm, "next", 0, next, false);
        let next_key = PropertyKey::Atom(vm.heap.names.next);
        vm.heap.define_raw(proto, next_key, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
        to_string_tag(vm, proto, tag);
        vm.realm.named.insert(name, proto);
    }
}

/// CreateMapIterator(map, kind) (§24.1.5.1), `map` already checked.
pub(super) fn create_map_iterator(vm: &mut Vm, map: Obj, kind: IterationKind) -> Value {
    create(vm, map, kind, "%MapIteratorPrototype%", ObjectKind::MapIterator)
}

/// CreateSetIterator(set, kind) (§24.2.6.1), `set` already checked.
pub(super) fn create_set_iterator(vm: &mut Vm, set: Obj, kind: IterationKind) -> Value {
    create(vm, set, kind, "%SetIteratorPrototype%", ObjectKind::SetIterator)
}

fn create(vm: &mut Vm, target: Obj, kind: IterationKind, proto: &str, make: fn(CollectionIterator) -> ObjectKind) -> Value {
    let proto = vm.realm.intrinsic(proto).unwrap_or(vm.realm.intrinsics.iterator_prototype);
    vm.heap.pin_table(target);
    let state = CollectionIterator { target: Some(target), index: 0, kind };
    Value::Object(vm.heap.alloc_object(Some(proto), make(state)))
}

/// `%MapIteratorPrototype%.next()` (§24.1.5.2.1).
fn map_next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let state = match this {
        Value::Object(o) => match &vm.heap.object(o).kind {
            ObjectKind::MapIterator(it) => Some((o, it.clone())),
            _ => None,
        },
        _ => None,
    };
    let Some((it, state)) = state else {
        return vm.type_error("next method called on an incompatible receiver (not a Map Iterator)");
    };
    step(vm, it, state)
}

/// `%SetIteratorPrototype%.next()` (§24.2.6.2.1).
fn set_next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let state = match this {
        Value::Object(o) => match &vm.heap.object(o).kind {
            ObjectKind::SetIterator(it) => Some((o, it.clone())),
            _ => None,
        },
        _ => None,
    };
    let Some((it, state)) = state else {
        return vm.type_error("next method called on an incompatible receiver (not a Set Iterator)");
    };
    step(vm, it, state)
}

/// One resumption of the iterator's closure: the next live entry from its
/// position, or done from now on.
fn step(vm: &mut Vm, it: Obj, state: CollectionIterator) -> JsResult<Value> {
    let Some(target) = state.target else { return Ok(iter_result(vm, Value::Undefined, true)) };
    let found = vm.heap.table_next(target, state.index as usize);
    let (target, index) = match found {
        Some((at, _)) => (Some(target), (at + 1) as u32),
        None => (None, state.index),
    };
    if let ObjectKind::MapIterator(s) | ObjectKind::SetIterator(s) = &mut vm.heap.object_mut(it).kind {
        s.target = target;
        s.index = index;
    }
    let Some((_, e)) = found else { return Ok(iter_result(vm, Value::Undefined, true)) };
    let is_set = matches!(vm.heap.object(it).kind, ObjectKind::SetIterator(_));
    let value = if is_set { e.key } else { e.value };
    let result = match state.kind {
        IterationKind::Keys => e.key,
        IterationKind::Values => value,
        IterationKind::Entries => Value::Object(vm.create_array(&[e.key, value])),
    };
    Ok(iter_result(vm, result, false))
}
