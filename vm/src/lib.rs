//! # spindle-vm
//!
//! The register virtual machine of Spindle: the instruction set (one
//! table, [`bytecode`]), [`Value`](value::Value), the garbage-collected
//! [`heap`], objects and shapes ([`object`]), the abstract operations
//! ([`ops`]), and the interpreter loop ([`interp`]) that runs compiled
//! functions against a [`Vm`](vm::Vm).
//!
//! A language implementer can target the VM without the JavaScript front
//! end: build [`bytecode::FunctionProto`]s and run them with
//! [`vm::Vm::run_script`].
//!
//! ## Realms
//!
//! One VM holds any number of realms (§9.3) sharing its heap: each has its
//! own intrinsics, global object and global lexical bindings. The VM starts
//! with one ([`realm::RealmId::FIRST`]); [`vm::Vm::create_realm`] adds one
//! with bare intrinsics (the runtime crate's `Runtime::create_realm`
//! installs the standard library into it), [`vm::Vm::with_realm`] runs
//! code (e.g. [`vm::Vm::run_script`]) with a realm current, and
//! [`vm::Vm::realm_global`] gives a realm's global object. Every function
//! remembers its realm; calling it makes that realm current for the call
//! (see [`realms`]).

pub mod bytecode;
pub mod heap;
pub mod interp;
pub mod object;
pub mod ops;
pub mod promise;
pub mod realm;
pub mod realms;
pub mod value;
pub mod vm;

pub use value::{PropertyKey, Value};
pub use vm::{JsResult, Vm};
