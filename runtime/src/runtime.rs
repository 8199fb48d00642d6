//! The embedding API: a [`Runtime`] owns a VM with the standard library
//! installed, compiles and runs scripts, and reports uncaught exceptions.
//!
//! ```
//! use spindle_runtime::Runtime;
//! let mut rt = Runtime::new();
//! let v = rt.eval("1 + 2", "example.js").unwrap();
//! assert_eq!(rt.display(v), "3");
//! ```

use spindle_compiler::{compile_script, parse, Goal};
use spindle_vm::value::Value;
use spindle_vm::Vm;

/// Why running code failed.
#[derive(Debug)]
pub enum RunError {
    /// The source is not valid JavaScript: the rendered diagnostic.
    Syntax(String),
    /// An exception escaped: the thrown value.
    Exception(Value),
}

/// A JavaScript runtime: a VM and its standard library.
#[derive(Debug)]
pub struct Runtime {
    /// The virtual machine (public for embedders that need the heap).
    pub vm: Vm,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Runtime {
    /// A runtime with the standard library installed.
    pub fn new() -> Runtime {
        let mut vm = Vm::new();
        crate::builtins::install(&mut vm);
        Runtime { vm }
    }

    /// Compiles and runs `source` as a script named `file`; returns its completion value.
    pub fn eval(&mut self, source: &str, file: &str) -> Result<Value, RunError> {
        let proto = {
            let arena = bumpalo::Bump::new();
            let parsed = parse(&arena, source, Goal::Script).map_err(|e| RunError::Syntax(e.render(file, source)))?;
            compile_script(&parsed.program, &parsed.scopes, &mut self.vm.heap, file, source)
                .map_err(|e| RunError::Syntax(e.render(file, source)))?
        };
        let value = self.vm.run_script(proto).map_err(RunError::Exception)?;
        self.vm.run_jobs().map_err(RunError::Exception)?;
        Ok(value)
    }

    /// The text `console.log` would print for `value`.
    pub fn display(&mut self, value: Value) -> String {
        crate::builtins::console::inspect(&mut self.vm, value)
    }

    /// The report of an uncaught exception, as Node prints it:
    /// `Uncaught TypeError: message` and the stack.
    pub fn describe_exception(&mut self, value: Value) -> String {
        crate::builtins::console::describe_uncaught(&mut self.vm, value)
    }
}
