//! The standard library: every built-in object, installed into a realm
//! through one [`Builder`] so that each property gets its exact attributes,
//! `length` and `name`.
//!
//! One module per built-in (or family); each has an `install` function
//! called from [`install`].

pub(crate) mod builder;
pub(crate) mod json;
pub(crate) mod number;
pub(crate) mod bigint;
pub(crate) mod math;
pub(crate) mod string;
pub(crate) mod array;
pub(crate) mod support;
pub(crate) mod timers;
pub(crate) mod console;

use spindle_vm::Vm;

/// Installs the standard library into `vm`'s realm.
pub fn install(vm: &mut Vm) {
    console::install(vm);
    array::install(vm);
    string::install(vm);
    number::install(vm);
    bigint::install(vm);
    math::install(vm);
    json::install(vm);
    timers::install(vm);
}
