//! Binary data (ECMAScript 2025 §25.1, §23.2, §25.3): ArrayBuffer, the
//! TypedArray constructors with %TypedArray% and its prototype, and
//! DataView.
//!
//! - `array_buffer`: AllocateArrayBuffer, the `ArrayBuffer` constructor
//!   and `ArrayBuffer.prototype` (slice, resize, transfer, ...);
//! - `typed_array`: %TypedArray%, the twelve concrete constructors and
//!   every `%TypedArray%.prototype` method;
//! - `data_view`: the `DataView` constructor and its get/set methods.
//!
//! The byte storage, the element types and the TypedArray exotic object
//! are the VM's (`spindle_vm::object::{ArrayBufferData, ElementType,
//! TypedArrayData}`); what is here are the built-in functions.

mod array_buffer;
mod data_view;
mod typed_array;
#[cfg(test)]
mod tests;


use spindle_vm::Vm;

/// Installs ArrayBuffer, %TypedArray% and its subclasses, and DataView.
pub(crate) fn install(vm: &mut Vm) {
    array_buffer::install(vm);
    typed_array::install(vm);
    data_view::install(vm);
}
