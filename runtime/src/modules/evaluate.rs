//! Evaluation (§16.2.1.5.3 Evaluate, InnerModuleEvaluation,
//! ExecuteAsyncModule, GatherAvailableAncestors,
//! AsyncModuleExecutionFulfilled and AsyncModuleExecutionRejected).
//!
//! A module without top-level await runs its body closure as a call; one
//! with it calls its async body closure and reacts to the promise that
//! returns, through native functions whose capture is the module's id.
//! Those reactions run on the VM's microtask queue.
//!
//! Invariant: the [[TopLevelCapability]] of a cycle root is a %Promise%
//! promise settled only here.

use super::{root, with_registry, AsyncOrder, ModuleId, Status};
use crate::builtins::builder::native_function;
use spindle_vm::object::{NativeFunction, ObjectKind};
use spindle_vm::promise::Handler;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// module.Evaluate() (§16.2.1.5.3): the promise of the module's
/// evaluation (of its cycle root's, for a module of a cycle).
pub(crate) fn evaluate(vm: &mut Vm, module: ModuleId) -> Obj {
    // 2-3. A module evaluated already stands for its cycle root.
    let module = with_registry(vm, |r| {
        let m = &r.modules[module];
        match (m.status, m.cycle_root) {
            (Status::EvaluatingAsync | Status::Evaluated, Some(root)) => root,
            _ => module,
        }
    });
    // 4. The same promise each time.
    if let Some(p) = with_registry(vm, |r| r.modules[module].capability) {
        return p;
    }
    // 5-8. A new capability; run the graph.
    let promise = vm.new_promise();
    root(vm, Value::Object(promise));
    with_registry(vm, |r| r.modules[module].capability = Some(promise));
    let mut stack = Vec::new();
    match inner_evaluate(vm, module, &mut stack, 0) {
        Err(error) => {
            // 9. Every module on the stack is evaluated with that error.
            root(vm, error);
            with_registry(vm, |r| {
                for &m in &stack {
                    r.modules[m].status = Status::Evaluated;
                    r.modules[m].error = Some(error);
                }
            });
            vm.reject_promise(promise, error);
        }
        Ok(_) => {
            // 10. Done unless it waits for async work.
            if !matches!(with_registry(vm, |r| r.modules[module].async_order), AsyncOrder::Order(_)) {
                let _ = vm.resolve_promise(promise, Value::Undefined);
            }
        }
    }
    promise
}

/// InnerModuleEvaluation(module, stack, index) (§16.2.1.5.3.1).
fn inner_evaluate(vm: &mut Vm, module: ModuleId, stack: &mut Vec<ModuleId>, index: usize) -> JsResult<usize> {
    let (cyclic, status, error) = with_registry(vm, |r| {
        let m = &r.modules[module];
        (m.is_cyclic(), m.status, m.error)
    });
    // 1. A JSON module is evaluated when loaded.
    if !cyclic {
        return Ok(index);
    }
    // 2-3. Evaluated (with its error, if any) or being evaluated.
    match status {
        Status::EvaluatingAsync | Status::Evaluated => return error.map_or(Ok(index), Err),
        Status::Evaluating => return Ok(index),
        _ => {}
    }
    // 5-8. Evaluating, with its DFS indices, on the stack.
    let deps = with_registry(vm, |r| {
        let m = &mut r.modules[module];
        m.status = Status::Evaluating;
        m.dfs_index = index;
        m.dfs_ancestor = index;
        m.pending_deps = 0;
        m.loaded.clone()
    });
    let mut index = index + 1;
    stack.push(module);
    // 9. Each requested module first.
    for dep in deps.into_iter().flatten() {
        index = stacker::maybe_grow(64 * 1024, 1024 * 1024, || inner_evaluate(vm, dep, stack, index))?;
        let dep_error = with_registry(vm, |r| {
            if !r.modules[dep].is_cyclic() {
                return None;
            }
            let mut required = dep;
            if r.modules[dep].status == Status::Evaluating {
                let a = r.modules[dep].dfs_ancestor;
                let m = &mut r.modules[module];
                m.dfs_ancestor = m.dfs_ancestor.min(a);
            } else {
                required = r.modules[dep].cycle_root.unwrap_or(dep);
                if let Some(e) = r.modules[required].error {
                    return Some(e);
                }
            }
            if let AsyncOrder::Order(_) = r.modules[required].async_order {
                r.modules[module].pending_deps += 1;
                r.modules[required].async_parents.push(module);
            }
            None
        });
        if let Some(e) = dep_error {
            return Err(e);
        }
    }
    // 10-11. Async (top-level await or async dependencies), or run now.
    let (pending, has_tla) = with_registry(vm, |r| (r.modules[module].pending_deps, r.modules[module].has_tla));
    if pending > 0 || has_tla {
        with_registry(vm, |r| {
            r.modules[module].async_order = AsyncOrder::Order(r.next_async_order);
            r.next_async_order += 1;
        });
        if pending == 0 {
            execute_async(vm, module)?;
        }
    } else {
        execute_sync(vm, module)?;
    }
    // 14. The root of a strongly connected component.
    with_registry(vm, |r| {
        if r.modules[module].dfs_ancestor == r.modules[module].dfs_index {
            while let Some(m) = stack.pop() {
                let rm = &mut r.modules[m];
                rm.status = if let AsyncOrder::Order(_) = rm.async_order { Status::EvaluatingAsync } else { Status::Evaluated };
                rm.cycle_root = Some(module);
                if m == module {
                    break;
                }
            }
        }
    });
    Ok(index)
}

/// ExecuteModule() of a module without top-level await.
fn execute_sync(vm: &mut Vm, module: ModuleId) -> JsResult<()> {
    let Some(code) = with_registry(vm, |r| r.modules[module].code) else { return Ok(()) };
    vm.call(code.body, Value::Undefined, &[]).map(|_| ())
}

/// A native reaction function whose capture is `module`.
fn reaction(vm: &mut Vm, module: ModuleId, f: spindle_vm::object::NativeFn) -> Obj {
    let func = native_function(vm, "", 1, f, false);
    if let ObjectKind::Native(n) = &mut vm.heap.object_mut(func).kind {
        *n = NativeFunction { call: n.call, construct: false, captures: Box::new([Value::Number(module as f64)]), realm: n.realm };
    }
    func
}

/// The module id a reaction function captured.
fn captured_module(vm: &mut Vm) -> Option<ModuleId> {
    let f = vm.current_native()?;
    match &vm.heap.object(f).kind {
        ObjectKind::Native(n) => match n.captures.first() {
            Some(Value::Number(id)) => Some(*id as ModuleId),
            _ => None,
        },
        _ => None,
    }
}

/// ExecuteAsyncModule(module) (§16.2.1.5.3.3): run the async body and
/// react to its promise.
fn execute_async(vm: &mut Vm, module: ModuleId) -> JsResult<()> {
    let Some(code) = with_registry(vm, |r| r.modules[module].code) else { return Ok(()) };
    let promise = vm.call(code.body, Value::Undefined, &[])?;
    if let Value::Object(p) = promise {
        let on_fulfilled = reaction(vm, module, on_async_fulfilled);
        let on_rejected = reaction(vm, module, on_async_rejected);
        vm.perform_promise_then(p, Handler::Function(on_fulfilled), Handler::Function(on_rejected), None);
    }
    Ok(())
}

fn on_async_fulfilled(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    if let Some(m) = captured_module(vm) {
        async_fulfilled(vm, m);
    }
    Ok(Value::Undefined)
}

fn on_async_rejected(vm: &mut Vm, _: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
    if let Some(m) = captured_module(vm) {
        async_rejected(vm, m, args.first().copied().unwrap_or(Value::Undefined));
    }
    Ok(Value::Undefined)
}

/// AsyncModuleExecutionFulfilled(module) (§16.2.1.5.3.5).
fn async_fulfilled(vm: &mut Vm, module: ModuleId) {
    // 1. Already evaluated (with an error): nothing to do.
    if with_registry(vm, |r| r.modules[module].status == Status::Evaluated) {
        return;
    }
    // 3-5. Evaluated; its own capability resolved.
    let capability = with_registry(vm, |r| {
        let m = &mut r.modules[module];
        m.async_order = AsyncOrder::Done;
        m.status = Status::Evaluated;
        m.capability
    });
    if let Some(p) = capability {
        let _ = vm.resolve_promise(p, Value::Undefined);
    }
    // 6-8. The ancestors that have nothing left to wait for, in order.
    let sorted = with_registry(vm, |r| {
        let mut list = Vec::new();
        gather_available_ancestors(r, module, &mut list);
        list.sort_by_key(|&m| match r.modules[m].async_order {
            AsyncOrder::Order(n) => n,
            _ => u64::MAX,
        });
        list
    });
    // 10. Run them.
    for m in sorted {
        let (status, has_tla) = with_registry(vm, |r| (r.modules[m].status, r.modules[m].has_tla));
        if status == Status::Evaluated {
            continue;
        }
        if has_tla {
            if let Err(e) = execute_async(vm, m) {
                async_rejected(vm, m, e);
            }
            continue;
        }
        match execute_sync(vm, m) {
            Err(e) => async_rejected(vm, m, e),
            Ok(()) => {
                let capability = with_registry(vm, |r| {
                    let rm = &mut r.modules[m];
                    rm.async_order = AsyncOrder::Done;
                    rm.status = Status::Evaluated;
                    rm.capability
                });
                if let Some(p) = capability {
                    let _ = vm.resolve_promise(p, Value::Undefined);
                }
            }
        }
    }
}

/// GatherAvailableAncestors(module, execList) (§16.2.1.5.3.4).
fn gather_available_ancestors(r: &mut super::Registry, module: ModuleId, list: &mut Vec<ModuleId>) {
    for m in r.modules[module].async_parents.clone() {
        let root_error = r.modules[m].cycle_root.and_then(|c| r.modules[c].error);
        if list.contains(&m) || root_error.is_some() {
            continue;
        }
        let parent = &mut r.modules[m];
        parent.pending_deps = parent.pending_deps.saturating_sub(1);
        if parent.pending_deps == 0 {
            list.push(m);
            if !parent.has_tla {
                gather_available_ancestors(r, m, list);
            }
        }
    }
}

/// AsyncModuleExecutionRejected(module, error) (§16.2.1.5.3.6).
fn async_rejected(vm: &mut Vm, module: ModuleId, error: Value) {
    // 1. Already evaluated: nothing to do.
    if with_registry(vm, |r| r.modules[module].status == Status::Evaluated) {
        return;
    }
    root(vm, error);
    // 5-7. Evaluated with the error.
    let (parents, capability) = with_registry(vm, |r| {
        let m = &mut r.modules[module];
        m.error = Some(error);
        m.status = Status::Evaluated;
        m.async_order = AsyncOrder::Done;
        (m.async_parents.clone(), m.capability)
    });
    // 9. Its capability rejects (leaf to root).
    if let Some(p) = capability {
        vm.reject_promise(p, error);
    }
    // 10. So do the modules waiting for it.
    for p in parents {
        async_rejected(vm, p, error);
    }
}
