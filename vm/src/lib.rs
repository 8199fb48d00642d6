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

pub mod bytecode;
pub mod heap;
pub mod interp;
pub mod object;
pub mod ops;
pub mod promise;
pub mod realm;
pub mod value;
pub mod vm;

pub use value::{PropertyKey, Value};
pub use vm::{JsResult, Vm};
