//! # spindle-vm
//!
//! The register virtual machine of Spindle: the instruction set (one
//! table), `Value`, the garbage-collected heap, objects and shapes, the
//! interpreter loop, coroutines, promise internals and the job queue.
//!
//! This crate is being built under issue 3; today it holds no code yet.
