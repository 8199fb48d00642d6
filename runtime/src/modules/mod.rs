//! ECMAScript modules (§16.2): the host's loader and the module records it
//! keeps, linking, evaluation (the cyclic module algorithm with top-level
//! await), namespace objects, `import()` and `import.meta`.
//!
//! The loader is the host part: specifiers are resolved against the
//! importing file's folder (`./x.js`, `../y.mjs`, absolute paths), each
//! file is loaded once per realm (keyed by its canonical path and its
//! `type`: JavaScript, JSON or text), and loading is synchronous: a whole graph is
//! read, parsed and compiled before it is linked. The rest follows the
//! specification's algorithms, step by step, in `link` and `evaluate`.
//!
//! Invariants: the records live in the [`Registry`] in the VM's host
//! state and are never removed; every JavaScript value a record holds
//! (environment, closures, namespace, `import.meta`, promise, error) is
//! also an element of the `%ModuleRoots%` intrinsic, so the collector
//! keeps it. The registry is borrowed only between calls into
//! JavaScript, never across one.
//!
//! ```
//! use spindle_runtime::Runtime;
//! let dir = std::env::temp_dir().join(format!("spindle-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("dep.mjs"), "export let n = 1; export function inc() { n++; }").unwrap();
//! std::fs::write(dir.join("main.mjs"), "import { n, inc } from './dep.mjs'; inc(); globalThis.out = n;").unwrap();
//! let mut rt = Runtime::new();
//! rt.run_module(&dir.join("main.mjs")).unwrap();
//! let v = rt.eval("out", "read.js").unwrap();
//! assert_eq!(rt.display(v), "2");
//! ```

mod dynamic;
mod evaluate;
mod link;
mod load;
mod namespace;
#[cfg(test)]
mod tests;

pub(crate) use dynamic::install_hooks;
pub(crate) use evaluate::evaluate;
pub(crate) use link::link;
pub(crate) use load::{load_root, LoadError};

use spindle_compiler::codegen::{ExportEntry, ImportEntry, ModuleRequest};
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::Vm;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

/// Index of a module record in the [`Registry`].
pub(crate) type ModuleId = usize;

/// [[Status]] of a Cyclic Module Record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// new / unlinked (loading is synchronous, so the two are one).
    Unlinked,
    /// linking
    Linking,
    /// linked
    Linked,
    /// evaluating
    Evaluating,
    /// evaluating-async
    EvaluatingAsync,
    /// evaluated
    Evaluated,
}

/// [[AsyncEvaluationOrder]]: unset, an integer, or done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AsyncOrder {
    /// Not async (yet).
    Unset,
    /// Waiting, in this order.
    Order(u64),
    /// Finished.
    Done,
}

/// What a file is loaded as (its `type` import attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// A source text module.
    JavaScript,
    /// `type: "json"`: the parsed value.
    Json,
    /// `type: "text"` (import-text proposal): the text as a string.
    Text,
}

/// The code of a source text module.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Code {
    /// Instantiates vars and hoisted functions over the environment.
    pub(crate) init: Value,
    /// The module's statements (an async function's closure with TLA).
    pub(crate) body: Value,
}

/// One module record: a Source Text Module Record, or a JSON or text
/// module (a Synthetic Module Record with one export, `default`, in slot 0).
#[derive(Debug)]
pub(crate) struct Module {
    /// The file name its code was compiled with (the referrer key).
    pub(crate) name: String,
    /// The folder its specifiers resolve against.
    pub(crate) dir: PathBuf,
    /// The module environment.
    pub(crate) env: Obj,
    /// Source text modules: the code; `None` for a JSON module.
    pub(crate) code: Option<Code>,
    /// [[HasTLA]]
    pub(crate) has_tla: bool,
    /// [[RequestedModules]]
    pub(crate) requests: Vec<ModuleRequest>,
    /// [[LoadedModules]], by request.
    pub(crate) loaded: Vec<Option<ModuleId>>,
    /// [[ImportEntries]]
    pub(crate) imports: Vec<ImportEntry>,
    /// The export entries of all three kinds.
    pub(crate) exports: Vec<ExportEntry>,
    /// [[Status]]
    pub(crate) status: Status,
    /// [[DFSIndex]] and [[DFSAncestorIndex]].
    pub(crate) dfs_index: usize,
    pub(crate) dfs_ancestor: usize,
    /// [[CycleRoot]]
    pub(crate) cycle_root: Option<ModuleId>,
    /// [[AsyncEvaluationOrder]]
    pub(crate) async_order: AsyncOrder,
    /// [[PendingAsyncDependencies]]
    pub(crate) pending_deps: usize,
    /// [[AsyncParentModules]]
    pub(crate) async_parents: Vec<ModuleId>,
    /// [[TopLevelCapability]]: its promise.
    pub(crate) capability: Option<Obj>,
    /// [[EvaluationError]]
    pub(crate) error: Option<Value>,
    /// [[Namespace]]
    pub(crate) namespace: Option<Obj>,
    /// `import.meta`, once made.
    pub(crate) meta: Option<Obj>,
}

impl Module {
    /// A record in its first state.
    fn new(name: String, dir: PathBuf, env: Obj) -> Module {
        Module {
            name,
            dir,
            env,
            code: None,
            has_tla: false,
            requests: Vec::new(),
            loaded: Vec::new(),
            imports: Vec::new(),
            exports: Vec::new(),
            status: Status::Unlinked,
            dfs_index: 0,
            dfs_ancestor: 0,
            cycle_root: None,
            async_order: AsyncOrder::Unset,
            pending_deps: 0,
            async_parents: Vec::new(),
            capability: None,
            error: None,
            namespace: None,
            meta: None,
        }
    }

    /// A Cyclic Module Record (a source text module, not a JSON one).
    pub(crate) fn is_cyclic(&self) -> bool {
        self.code.is_some()
    }
}

/// The module records of one realm.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(crate) modules: Vec<Module>,
    /// (canonical path, kind) → record.
    by_path: HashMap<(PathBuf, Kind), ModuleId>,
    /// The next [[AsyncEvaluationOrder]] (the agent's counter).
    next_async_order: u64,
}

/// The realm's registry.
pub(crate) fn registry(vm: &mut Vm) -> Rc<RefCell<Registry>> {
    crate::event_loop::with_state(vm, |s| Rc::clone(&s.modules))
}

/// Runs `f` on the registry (it must not call into JavaScript).
pub(crate) fn with_registry<R>(vm: &mut Vm, f: impl FnOnce(&mut Registry) -> R) -> R {
    let r = registry(vm);
    let mut reg = r.borrow_mut();
    f(&mut reg)
}

/// Keeps `v` alive as long as the realm: `%ModuleRoots%` holds it.
pub(crate) fn root(vm: &mut Vm, v: Value) {
    const ROOTS: &str = "%ModuleRoots%";
    let list = match vm.realm.intrinsic(ROOTS) {
        Some(o) => o,
        None => {
            let o = vm.heap.alloc_object(None, ObjectKind::Array);
            vm.realm.named.insert(ROOTS, o);
            o
        }
    };
    vm.heap.array_push_raw(list, v);
}

/// A SyntaxError object with `message`.
pub(crate) fn syntax_error(vm: &mut Vm, message: &str) -> Value {
    vm.error(spindle_vm::realm::ErrorKind::SyntaxError, message)
}

/// The text of UTF-16 code units, for messages.
pub(crate) fn text(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}
