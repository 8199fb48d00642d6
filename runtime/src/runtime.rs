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
        crate::modules::install_hooks(&mut vm);
        Runtime { vm }
    }

    /// Compiles and runs `source` as a script named `file`; returns its completion value.
    pub fn eval(&mut self, source: &str, file: &str) -> Result<Value, RunError> {
        let proto = self.compile(source, file)?;
        let value = self.vm.run_script(proto).map_err(RunError::Exception)?;
        self.vm.run_jobs_holding(value).map_err(RunError::Exception)?;
        Ok(value)
    }

    /// Parses and compiles `source` as a script named `file`.
    pub(crate) fn compile(&mut self, source: &str, file: &str) -> Result<std::rc::Rc<spindle_vm::bytecode::FunctionProto>, RunError> {
        let arena = bumpalo::Bump::new();
        let parsed = parse(&arena, source, Goal::Script).map_err(|e| RunError::Syntax(e.render(file, source)))?;
        compile_script(&parsed.program, &parsed.scopes, &mut self.vm.heap, file, source).map_err(|e| RunError::Syntax(e.render(file, source)))
    }

    /// Loads the module file `path` and every module it imports, links
    /// them and evaluates them, then runs the jobs queued. Returns the
    /// evaluation's promise (pending while a top-level `await` waits); a
    /// module that does not parse is `RunError::Syntax`; a module that
    /// fails to load or link, or whose evaluation has already failed, is
    /// `RunError::Exception`.
    pub fn run_module(&mut self, path: &std::path::Path) -> Result<Value, RunError> {
        let promise = self.start_module(path, None)?;
        self.vm.run_jobs_holding(Value::Object(promise)).map_err(RunError::Exception)?;
        match self.vm.promise_state(promise) {
            Some(spindle_vm::promise::PromiseState::Rejected(e)) => {
                // Reported here as an exception, not again as an unhandled rejection.
                let none = spindle_vm::promise::Handler::Default;
                self.vm.perform_promise_then(promise, none, none, None);
                Err(RunError::Exception(e))
            }
            _ => Ok(Value::Object(promise)),
        }
    }

    /// Loads, links and starts evaluating the module at `path` (with the
    /// text `source`, if given, instead of the file's): the promise of its
    /// evaluation. No job is run. `RunError::Exception` here is a module
    /// that did not load or link (test262's `resolution` phase); an
    /// evaluation error rejects the promise.
    pub fn start_module(&mut self, path: &std::path::Path, source: Option<&str>) -> Result<spindle_vm::value::Obj, RunError> {
        let id = crate::modules::load_root(&mut self.vm, path, source).map_err(|e| match e {
            crate::modules::LoadError::Syntax(d) => RunError::Syntax(d),
            crate::modules::LoadError::Thrown(v) => RunError::Exception(v),
        })?;
        crate::modules::link(&mut self.vm, id).map_err(RunError::Exception)?;
        Ok(crate::modules::evaluate(&mut self.vm, id))
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
