//! Async iteration built-ins (ECMAScript 2025 §27.1.3, §27.1.6, §27.4,
//! §27.6): %AsyncIteratorPrototype%, %AsyncFromSyncIteratorPrototype%,
//! %AsyncGeneratorFunction% with its prototype, and
//! %AsyncGeneratorPrototype%.
//!
//! The VM owns the algorithms that touch coroutines (the request queue of
//! an async generator, GetIterator(obj, async)); these modules only define
//! the objects user code sees and the steps that are plain calls.

mod async_from_sync;
mod async_generator;
#[cfg(test)]
mod tests;

use spindle_vm::Vm;

/// Installs the async iteration intrinsics (after `Function` and `Promise`).
pub(crate) fn install(vm: &mut Vm) {
    async_generator::install(vm);
    async_from_sync::install(vm);
}
