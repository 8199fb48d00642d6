//! `String.prototype[@@iterator]` (§22.1.3.36) and
//! %StringIteratorPrototype% (§22.1.5): iteration by code points.

use super::{code_point_at, this_str};
use crate::builtins::builder::Builder;
use crate::builtins::support::{iter_result, method_sym, to_string_tag};
use spindle_vm::object::{ObjectKind, StringIterator};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `@@iterator` and %StringIteratorPrototype%.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    let sym = vm.heap.well_known.iterator;
    method_sym(vm, proto, sym, "[Symbol.iterator]", 0, iterator);
    let iter_proto = vm.realm.intrinsics.string_iterator_prototype;
    Builder::new(vm, iter_proto).method("next", 0, next);
    to_string_tag(vm, iter_proto, "String Iterator");
    vm.realm.named.insert("%StringIteratorPrototype%", iter_proto);
}

/// `String.prototype[@@iterator]()`.
fn iterator(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. s = ToString(RequireObjectCoercible(this)).
    let s = this_str(vm, this)?;
    // 3-5. A string iterator over s.
    let proto = vm.realm.intrinsics.string_iterator_prototype;
    let state = StringIterator { string: Some(s), index: 0 };
    Ok(Value::Object(vm.heap.alloc_object(Some(proto), ObjectKind::StringIterator(state))))
}

/// `%StringIteratorPrototype%.next()` (§22.1.5.1.1).
fn next(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let state = match this {
        Value::Object(o) => match &vm.heap.object(o).kind {
            ObjectKind::StringIterator(it) => Some((o, it.string, it.index)),
            _ => None,
        },
        _ => None,
    };
    let Some((it, string, index)) = state else {
        return vm.type_error("next method called on an incompatible receiver (not a String Iterator)");
    };
    let Some(s) = string else { return Ok(iter_result(vm, Value::Undefined, true)) };
    let units = vm.heap.units(s);
    if index as usize >= units.len() {
        set_state(vm, it, None, index);
        return Ok(iter_result(vm, Value::Undefined, true));
    }
    // The code point at index (a surrogate pair, or one code unit).
    let (_, size) = code_point_at(units, index as usize);
    let end = index as usize + size;
    let result = vm.heap.substring(s, index as usize, end);
    set_state(vm, it, Some(s), end as u32);
    Ok(iter_result(vm, Value::String(result), false))
}

fn set_state(vm: &mut Vm, it: Obj, string: Option<spindle_vm::value::Str>, index: u32) {
    if let ObjectKind::StringIterator(state) = &mut vm.heap.object_mut(it).kind {
        state.string = string;
        state.index = index;
    }
}
