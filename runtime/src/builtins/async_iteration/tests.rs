//! Async generators, `for await` and the async iteration intrinsics, run
//! end to end: each script pushes to `log`, read once the microtask queue
//! is empty (expected outputs are Node 20's).
