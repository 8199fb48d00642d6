//! Map and Set iterators (§24.1.5, §24.2.6): CreateMapIterator,
//! CreateSetIterator and the `next` of %MapIteratorPrototype% and
//! %SetIteratorPrototype%.
//!
//! The specification's generator closure is a position in the table,
//! stepped by `Vm::collection_iterator_next` (which `for-of` also uses
//! directly when `next` is the intrinsic one).

use crate::builtins::builder::native_function;
use crate::builtins::core_support::describe;
use crate::builtins::support::{iter_result, to_string_tag};
use spindle_vm::object::{Attributes, CollectionIterator, IterationKind, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs %MapIteratorPrototype% and %SetIteratorPrototype%.
pub(super) fn install(vm: &mut Vm) {
    for (name, next_name, tag, next) in [
        ("%MapIteratorPrototype%", "%MapIteratorPrototype.next%", "Map Iterator", map_next as spindle_vm::object::NativeFn),
        ("%SetIteratorPrototype%", "%SetIteratorPrototype.next%", "Set Iterator", set_next),
    ] {
        let proto = vm.heap.alloc_object(Some(vm.realm.intrinsics.iterator_prototype), ObjectKind::Ordinary);
        let f = native_function(vm, "next", 0, next, false);
        let next_key = PropertyKey::Atom(vm.heap.names.next);
        vm.heap.define_raw(proto, next_key, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
        to_string_tag(vm, proto, tag);
        vm.realm.named.insert(name, proto);
        vm.realm.named.insert(next_name, f);
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
            ObjectKind::MapIterator(_) => Some(o),
            _ => None,
        },
        _ => None,
    };
    let Some(it) = state else {
        let d = describe(vm, this);
        return vm.type_error(&format!("Method Map Iterator.prototype.next called on incompatible receiver {d}"));
    };
    step(vm, it)
}

/// `%SetIteratorPrototype%.next()` (§24.2.6.2.1).
fn set_next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let state = match this {
        Value::Object(o) => match &vm.heap.object(o).kind {
            ObjectKind::SetIterator(_) => Some(o),
            _ => None,
        },
        _ => None,
    };
    let Some(it) = state else {
        let d = describe(vm, this);
        return vm.type_error(&format!("Method Set Iterator.prototype.next called on incompatible receiver {d}"));
    };
    step(vm, it)
}

/// One resumption of the iterator's closure (`Vm::collection_iterator_next`).
fn step(vm: &mut Vm, it: Obj) -> JsResult<Value> {
    match vm.collection_iterator_next(it) {
        Some(v) => Ok(iter_result(vm, v, false)),
        None => Ok(iter_result(vm, Value::Undefined, true)),
    }
}
