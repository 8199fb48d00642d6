//! %AsyncIteratorPrototype% (§27.1.3), %AsyncGeneratorFunction% and its
//! prototype (§27.4), and %AsyncGeneratorPrototype% (§27.6.1), whose
//! `next`, `return` and `throw` hand a request to the VM's queue.

use crate::builtins::builder::Builder;
use crate::builtins::dynamic_function::{create_dynamic_function, install_kind, DynamicKind};
use crate::builtins::support::{arg, method_sym};
use spindle_vm::interp::{REQUEST_NEXT, REQUEST_RETURN, REQUEST_THROW};
use spindle_vm::object::Attributes;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

pub(super) fn install(vm: &mut Vm) {
    let aip = vm.realm.intrinsics.async_iterator_prototype;
    let agp = vm.realm.intrinsics.async_generator_prototype;
    let agfp = vm.realm.intrinsics.async_generator_function_prototype;
    // §27.1.3.1 %AsyncIteratorPrototype% [ @@asyncIterator ] ( )
    let sym = vm.heap.well_known.async_iterator;
    method_sym(vm, aip, sym, "[Symbol.asyncIterator]", 0, return_this);
    vm.realm.named.insert("%AsyncIteratorPrototype%", aip);
    // §27.6.1 %AsyncGeneratorPrototype%
    Builder::new(vm, agp).method("next", 1, next).method("return", 1, return_).method("throw", 1, throw);
    let tag = PropertyKey::Symbol(vm.heap.well_known.to_string_tag);
    let v = vm.string("AsyncGenerator");
    vm.heap.define_raw(agp, tag, v, Attributes::CONFIGURABLE);
    let constructor_key = PropertyKey::Atom(vm.heap.names.constructor);
    vm.heap.define_raw(agp, constructor_key, Value::Object(agfp), Attributes::CONFIGURABLE);
    vm.realm.named.insert("%AsyncGeneratorPrototype%", agp);
    // §27.4.3 %AsyncGeneratorFunction.prototype%
    let prototype_key = PropertyKey::Atom(vm.heap.names.prototype);
    vm.heap.define_raw(agfp, prototype_key, Value::Object(agp), Attributes::CONFIGURABLE);
    let v = vm.string("AsyncGeneratorFunction");
    vm.heap.define_raw(agfp, tag, v, Attributes::CONFIGURABLE);
    // §27.4.1 %AsyncGeneratorFunction%
    let names = ("AsyncGeneratorFunction", "%AsyncGeneratorFunction%", "%AsyncGeneratorFunction.prototype%");
    install_kind(vm, names, async_generator_function_constructor, agfp);
}

/// %AsyncIteratorPrototype% [ @@asyncIterator ] (): `this`.
fn return_this(_vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(this)
}

/// AsyncGeneratorFunction(...parameterArgs, bodyArg) (§27.4.1.1).
fn async_generator_function_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    create_dynamic_function(vm, DynamicKind::AsyncGenerator, new_target, args).map(Value::Object)
}

/// %AsyncGeneratorPrototype%.next(value) (§27.6.1.2).
fn next(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    vm.async_generator_request(this, REQUEST_NEXT, arg(args, 0))
}

/// %AsyncGeneratorPrototype%.return(value) (§27.6.1.3).
fn return_(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    vm.async_generator_request(this, REQUEST_RETURN, arg(args, 0))
}

/// %AsyncGeneratorPrototype%.throw(exception) (§27.6.1.4).
fn throw(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    vm.async_generator_request(this, REQUEST_THROW, arg(args, 0))
}
