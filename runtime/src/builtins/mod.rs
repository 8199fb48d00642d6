//! The standard library: every built-in object, installed into a realm
//! through one [`Builder`] so that each property gets its exact attributes,
//! `length` and `name`.
//!
//! One module per built-in (or family); each has an `install` function
//! called from [`install`].

pub(crate) mod builder;
pub(crate) mod string;
pub(crate) mod number;
pub(crate) mod bigint;
pub(crate) mod math;
pub(crate) mod json;
pub(crate) mod console;
pub(crate) mod array;
pub(crate) mod support;
pub(crate) mod timers;
pub(crate) mod boolean;
pub(crate) mod core_support;
#[cfg(test)]
pub(crate) mod core_test_support;
pub(crate) mod dynamic_function;
pub(crate) mod error;
pub(crate) mod function;
pub(crate) mod global;
pub(crate) mod object;
pub(crate) mod object_prototype;
pub(crate) mod promise;
pub(crate) mod proxy;
pub(crate) mod reflect;
pub(crate) mod symbol;
pub(crate) mod uri;
pub(crate) mod async_iteration;
pub(crate) mod keyed;
pub(crate) mod iterator;
pub(crate) mod regexp;
pub(crate) mod binary;
pub(crate) mod date;

use spindle_vm::Vm;

/// Installs the standard library into `vm`'s realm.
pub fn install(vm: &mut Vm) {
    function::install(vm);
    dynamic_function::install(vm);
    object::install(vm);
    object_prototype::install(vm);
    error::install(vm);
    symbol::install(vm);
    boolean::install(vm);
    reflect::install(vm);
    proxy::install(vm);
    global::install(vm);
    uri::install(vm);
    console::install(vm);
    promise::install(vm);
    array::install(vm);
    string::install(vm);
    number::install(vm);
    bigint::install(vm);
    math::install(vm);
    json::install(vm);
    timers::install(vm);
    async_iteration::install(vm);
    keyed::install(vm);
    iterator::install(vm);
    regexp::install(vm);
    binary::install(vm);
    date::install(vm);
}
