//! PromiseCapability records (§27.2.1.1): NewPromiseCapability with its
//! GetCapabilitiesExecutor function, PromiseResolve, IfAbruptRejectPromise,
//! and the state built-in closures share.
//!
//! Built-in closures (the specification's CreateBuiltinFunction with
//! internal slots) are native functions whose `captures` hold their slots.
//! Slots shared between several closures (an [[AlreadyCalled]] record, a
//! remaining-elements counter) are one-element Lists; a List is an Array
//! object without a prototype, which no script can reach.

use crate::builtins::builder::native_function;
use spindle_vm::object::{Attributes, NativeFn, ObjectKind};
use spindle_vm::promise::Capability;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The intrinsic %Promise%, once installed.
pub(crate) fn intrinsic_promise(vm: &Vm) -> Option<Obj> {
    vm.realm.promise_constructor
}

/// NewPromiseCapability(C) (§27.2.1.5).
pub(crate) fn new_promise_capability(vm: &mut Vm, c: Value) -> JsResult<Capability> {
    // 1. If IsConstructor(C) is false, throw a TypeError exception.
    if !vm.is_constructor(c) {
        return vm.type_error("Promise capability constructor is not a constructor");
    }
    // The intrinsic %Promise% calls the executor with fresh resolving
    // functions and nothing else observable: make them directly.
    if c.as_object().is_some() && c.as_object() == intrinsic_promise(vm) {
        let promise = vm.new_promise();
        let (resolve, reject) = vm.create_resolving_functions(promise);
        return Ok(Capability { promise: Value::Object(promise), resolve: Value::Object(resolve), reject: Value::Object(reject) });
    }
    // 2. Let resolvingFunctions be the Record { [[Resolve]]: undefined, [[Reject]]: undefined }.
    // 3-4. Let executor be CreateBuiltinFunction(executorClosure, 2, "", « »).
    let executor = builtin_closure(vm, "", 2, get_capabilities_executor, Box::new([Value::Undefined, Value::Undefined]));
    // 5. Let promise be ? Construct(C, « executor »).
    let promise = vm.construct(c, &[Value::Object(executor)], None)?;
    let slots = captures_of(vm, executor);
    let (resolve, reject) = (slot(&slots, 0), slot(&slots, 1));
    // 6. If IsCallable(resolvingFunctions.[[Resolve]]) is false, throw a TypeError exception.
    // 7. If IsCallable(resolvingFunctions.[[Reject]]) is false, throw a TypeError exception.
    if !vm.is_callable(resolve) || !vm.is_callable(reject) {
        return vm.type_error("Promise resolve or reject function is not callable");
    }
    // 8. Return the PromiseCapability Record { [[Promise]]: promise, [[Resolve]], [[Reject]] }.
    Ok(Capability { promise, resolve, reject })
}

/// A GetCapabilitiesExecutor function (§27.2.1.5 step 3): records the
/// resolving functions it is given, once.
fn get_capabilities_executor(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let slots = current_captures(vm);
    // a. If resolvingFunctions.[[Resolve]] is not undefined, throw a TypeError exception.
    // b. If resolvingFunctions.[[Reject]] is not undefined, throw a TypeError exception.
    if slot(&slots, 0) != Value::Undefined || slot(&slots, 1) != Value::Undefined {
        return vm.type_error("Promise executor has already been invoked with non-undefined arguments");
    }
    // c. Set resolvingFunctions.[[Resolve]] to resolve.
    // d. Set resolvingFunctions.[[Reject]] to reject.
    set_current_capture(vm, 0, crate::builtins::support::arg(args, 0));
    set_current_capture(vm, 1, crate::builtins::support::arg(args, 1));
    // e. Return undefined.
    Ok(Value::Undefined)
}

/// PromiseResolve(C, x) (§27.2.4.7.1).
pub(crate) fn promise_resolve(vm: &mut Vm, c: Obj, x: Value) -> JsResult<Value> {
    // 1. If IsPromise(x) is true, then
    if super::as_promise(vm, x).is_some() {
        // a. Let xConstructor be ? Get(x, "constructor").
        let key = PropertyKey::Atom(vm.heap.names.constructor);
        let x_constructor = vm.get_v(x, key)?;
        // b. If SameValue(xConstructor, C) is true, return x.
        if x_constructor == Value::Object(c) {
            return Ok(x);
        }
    }
    // Fast path for %Promise%: its resolve function would do exactly this.
    if Some(c) == intrinsic_promise(vm) {
        let promise = vm.new_promise();
        vm.resolve_promise(promise, x)?;
        return Ok(Value::Object(promise));
    }
    // 2. Let promiseCapability be ? NewPromiseCapability(C).
    let cap = new_promise_capability(vm, Value::Object(c))?;
    // 3. Perform ? Call(promiseCapability.[[Resolve]], undefined, « x »).
    vm.call(cap.resolve, Value::Undefined, &[x])?;
    // 4. Return promiseCapability.[[Promise]].
    Ok(cap.promise)
}

/// IfAbruptRejectPromise(value, capability) (§27.2.1.1.1) for an abrupt
/// `value`: rejects the capability's promise and returns it.
pub(super) fn reject_capability(vm: &mut Vm, cap: Capability, error: Value) -> JsResult<Value> {
    // a. Perform ? Call(capability.[[Reject]], undefined, « value.[[Value]] »).
    vm.call(cap.reject, Value::Undefined, &[error])?;
    // b. Return capability.[[Promise]].
    Ok(cap.promise)
}

// ----- built-in closures -----

/// CreateBuiltinFunction(f, length, name, slots): a native function that
/// is not a constructor, whose captures are its internal slots.
pub(crate) fn builtin_closure(vm: &mut Vm, name: &str, length: u32, f: NativeFn, slots: Box<[Value]>) -> Obj {
    let func = native_function(vm, name, length, f, false);
    if let ObjectKind::Native(n) = &mut vm.heap.object_mut(func).kind {
        n.captures = slots;
    }
    func
}

/// The slots of built-in closure `f`.
fn captures_of(vm: &Vm, f: Obj) -> Box<[Value]> {
    match &vm.heap.object(f).kind {
        ObjectKind::Native(n) => n.captures.clone(),
        _ => Box::new([]),
    }
}

/// The slots of the running built-in closure.
pub(crate) fn current_captures(vm: &Vm) -> Box<[Value]> {
    match vm.current_native() {
        Some(f) => captures_of(vm, f),
        None => Box::new([]),
    }
}

/// Sets slot `i` of the running built-in closure.
pub(super) fn set_current_capture(vm: &mut Vm, i: usize, value: Value) {
    let Some(f) = vm.current_native() else { return };
    if let ObjectKind::Native(n) = &mut vm.heap.object_mut(f).kind {
        if let Some(s) = n.captures.get_mut(i) {
            *s = value;
        }
    }
}

/// Slot `i`, or undefined.
pub(super) fn slot(slots: &[Value], i: usize) -> Value {
    slots.get(i).copied().unwrap_or(Value::Undefined)
}

/// Slot `i` as an object (cells and lists).
pub(super) fn slot_obj(slots: &[Value], i: usize) -> Option<Obj> {
    slot(slots, i).as_object()
}

// ----- cells: Records with one mutable field -----

/// A new one-field record holding `value` (a one-element List).
pub(super) fn cell_new(vm: &mut Vm, value: Value) -> Obj {
    let cell = list_new(vm);
    list_push(vm, cell, value);
    cell
}

/// The record's field.
pub(super) fn cell_get(vm: &Vm, cell: Obj) -> Value {
    list_get(vm, cell, 0)
}

/// Sets the record's field.
pub(super) fn cell_set(vm: &mut Vm, cell: Obj, value: Value) {
    list_set(vm, cell, 0, value);
}

/// Adds `delta` to a counter record and returns the new count.
pub(super) fn cell_add(vm: &mut Vm, cell: Obj, delta: f64) -> f64 {
    let n = match cell_get(vm, cell) {
        Value::Number(n) => n + delta,
        _ => delta,
    };
    cell_set(vm, cell, Value::Number(n));
    n
}

/// The [[AlreadyCalled]] check of the running closure, whose slot `i` is
/// either its own flag (a boolean) or a record shared with another
/// closure: false if already called, else marks it called and returns true.
pub(super) fn first_call(vm: &mut Vm, slots: &[Value], i: usize) -> bool {
    match slot(slots, i) {
        Value::Bool(true) => false,
        Value::Bool(false) => {
            set_current_capture(vm, i, Value::Bool(true));
            true
        }
        Value::Object(cell) => {
            if cell_get(vm, cell) == Value::Bool(true) {
                return false;
            }
            cell_set(vm, cell, Value::Bool(true));
            true
        }
        _ => false,
    }
}

// ----- Lists -----

/// A new empty List.
pub(super) fn list_new(vm: &mut Vm) -> Obj {
    vm.heap.alloc_object(None, ObjectKind::Array)
}

/// Appends `value` to the List.
pub(super) fn list_push(vm: &mut Vm, list: Obj, value: Value) {
    vm.heap.array_push_raw(list, value);
}

/// Sets element `index` of the List.
pub(super) fn list_set(vm: &mut Vm, list: Obj, index: u32, value: Value) {
    vm.heap.define_raw(list, PropertyKey::Index(index), value, Attributes::ALL);
}

/// CreateArrayFromList(list) (§7.3.17): a new array of the realm.
pub(super) fn list_to_array(vm: &mut Vm, list: Obj) -> Value {
    let values: Vec<Value> = match vm.heap.dense_elements(list) {
        Some(v) => v.iter().map(|&x| if x == Value::Empty { Value::Undefined } else { x }).collect(),
        None => (0..vm.heap.array_length(list)).map(|i| list_get(vm, list, i)).collect(),
    };
    Value::Object(vm.create_array(&values))
}

/// Element `i` of the List.
pub(super) fn list_get(vm: &Vm, list: Obj, i: u32) -> Value {
    match vm.heap.get_own_raw(list, PropertyKey::Index(i)) {
        Some(spindle_vm::object::Property::Data { value, .. }) => value,
        _ => Value::Undefined,
    }
}
