//! Keyed collections (ECMAScript 2025 §24): Map, Set, WeakMap and WeakSet,
//! and the Map and Set iterators.
//!
//! - `map`: the Map constructor, `Map.groupBy`, `Map.prototype`;
//! - `set`: the Set constructor and `Set.prototype`'s own methods;
//! - `set_algebra`: GetSetRecord and `union`, `intersection`,
//!   `difference`, `symmetricDifference`, `isSubsetOf`, `isSupersetOf`,
//!   `isDisjointFrom`;
//! - `weak`: WeakMap and WeakSet;
//! - `iterator`: %MapIteratorPrototype% and %SetIteratorPrototype%.
//!
//! The tables themselves are the VM's (`spindle_vm::object::ordered_table`,
//! `weak_table`, reached through `Heap::table_*` and `Heap::weak_*`).
//! Built-ins that walk a table by position while calling JavaScript
//! (`forEach`, the Set methods) pin it first (`Heap::pin_table`), so that
//! positions stay valid whatever the callbacks delete.

mod iterator;
mod map;
mod set;
mod set_algebra;
#[cfg(test)]
mod tests;
mod weak;

use crate::builtins::core_support::describe;
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs Map, Set, WeakMap, WeakSet and their iterator prototypes.
pub(crate) fn install(vm: &mut Vm) {
    iterator::install(vm);
    map::install(vm);
    set::install(vm);
    weak::install(vm);
}

/// RequireInternalSlot(this, [[MapData]]): the Map.
fn this_map(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::Map(_)) => Ok(o),
        _ => {
            let d = describe(vm, this);
            vm.type_error(&format!("Method Map.prototype.{method} called on incompatible receiver {d}"))
        }
    }
}

/// RequireInternalSlot(this, [[SetData]]): the Set.
fn this_set(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) if matches!(vm.heap.object(o).kind, ObjectKind::Set(_)) => Ok(o),
        _ => {
            let d = describe(vm, this);
            vm.type_error(&format!("Method Set.prototype.{method} called on incompatible receiver {d}"))
        }
    }
}

/// `get C[@@species]` (§24.1.2.3, §24.2.2.3): the this value.
fn species_getter(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}
