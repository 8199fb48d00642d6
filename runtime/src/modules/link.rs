//! Linking (§16.2.1.5.1 Link, §16.2.1.6.3 ResolveExport,
//! §16.2.1.6.2 GetExportedNames, §16.2.1.6.4 InitializeEnvironment).
//!
//! The recursions go through `stacker::maybe_grow`, so a deep graph cannot
//! overflow the Rust stack.
//!
//! Invariants: ResolveExport and GetExportedNames only read records (they
//! need every module of the graph loaded, not linked); an import binding
//! is written into the importer's environment once, at
//! InitializeEnvironment, as a `ModuleBinding` (the exporter's
//! environment and slot) or a namespace object.

use super::namespace::get_module_namespace;
use super::{syntax_error, text, with_registry, ModuleId, Registry, Status};
use spindle_compiler::codegen::ExportEntry;
use spindle_vm::object::{ModuleBinding, ObjectKind};
use spindle_vm::value::Value;
use spindle_vm::{JsResult, Vm};

/// [[BindingName]] of a ResolvedBinding Record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BindingName {
    /// The binding in this slot of the module's environment.
    Slot(u16),
    /// ~namespace~: the module's namespace object.
    Namespace,
}

/// What ResolveExport returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A ResolvedBinding Record.
    Resolved(ModuleId, BindingName),
    /// null: not found, or a circular request.
    NotFound,
    /// ~ambiguous~
    Ambiguous,
}

/// The module request `request` of `module` was loaded as.
fn imported(reg: &Registry, module: ModuleId, request: usize) -> Option<ModuleId> {
    reg.modules[module].loaded.get(request).copied().flatten()
}

/// module.ResolveExport(exportName, resolveSet) (§16.2.1.6.3).
pub(crate) fn resolve_export(reg: &Registry, module: ModuleId, name: &[u16], set: &mut Vec<(ModuleId, Vec<u16>)>) -> Resolution {
    // 2-3. A circular import request: null.
    if set.iter().any(|(m, n)| *m == module && n == name) {
        return Resolution::NotFound;
    }
    set.push((module, name.to_vec()));
    let exports = &reg.modules[module].exports;
    // 4. A local export of that name.
    for e in exports {
        if let ExportEntry::Local { export_name, slot } = e {
            if export_name == name {
                return Resolution::Resolved(module, BindingName::Slot(*slot));
            }
        }
    }
    // 5. An indirect export: the imported module's binding or namespace.
    for e in exports {
        if let ExportEntry::Indirect { export_name, request, import_name } = e {
            if export_name == name {
                let Some(m) = imported(reg, module, *request) else { return Resolution::NotFound };
                return match import_name {
                    None => Resolution::Resolved(m, BindingName::Namespace),
                    Some(n) => stacker::maybe_grow(64 * 1024, 1024 * 1024, || resolve_export(reg, m, n, set)),
                };
            }
        }
    }
    // 6. `export *` never provides `default`.
    if name == "default".encode_utf16().collect::<Vec<u16>>() {
        return Resolution::NotFound;
    }
    // 7-9. The star exports: one binding, or ambiguous.
    let mut star = Resolution::NotFound;
    for e in exports {
        let ExportEntry::Star { request } = e else { continue };
        let Some(m) = imported(reg, module, *request) else { continue };
        match stacker::maybe_grow(64 * 1024, 1024 * 1024, || resolve_export(reg, m, name, set)) {
            Resolution::Ambiguous => return Resolution::Ambiguous,
            Resolution::NotFound => {}
            r if star == Resolution::NotFound => star = r,
            r if r != star => return Resolution::Ambiguous,
            _ => {}
        }
    }
    star
}

/// module.GetExportedNames(exportStarSet) (§16.2.1.6.2).
pub(crate) fn exported_names(reg: &Registry, module: ModuleId, star_set: &mut Vec<ModuleId>) -> Vec<Vec<u16>> {
    // 2-3. A module already visited (an `export *` cycle) adds nothing.
    if star_set.contains(&module) {
        return Vec::new();
    }
    star_set.push(module);
    let mut names: Vec<Vec<u16>> = Vec::new();
    let exports = &reg.modules[module].exports;
    // 5-6. Local and indirect exports.
    for e in exports {
        if let ExportEntry::Local { export_name, .. } | ExportEntry::Indirect { export_name, .. } = e {
            names.push(export_name.clone());
        }
    }
    // 7. Star exports, except `default` and names already there.
    let default: Vec<u16> = "default".encode_utf16().collect();
    for e in exports {
        let ExportEntry::Star { request } = e else { continue };
        let Some(m) = imported(reg, module, *request) else { continue };
        for n in stacker::maybe_grow(64 * 1024, 1024 * 1024, || exported_names(reg, m, star_set)) {
            if n != default && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// module.Link() (§16.2.1.5.1): a SyntaxError for an import or indirect
/// export that does not resolve, with the graph left unlinked.
pub(crate) fn link(vm: &mut Vm, module: ModuleId) -> JsResult<()> {
    let mut stack = Vec::new();
    let result = inner_link(vm, module, &mut stack, 0);
    if result.is_err() {
        // 4.a. Every module on the stack goes back to unlinked.
        with_registry(vm, |r| stack.iter().for_each(|&m| r.modules[m].status = Status::Unlinked));
    }
    result.map(|_| ())
}

/// InnerModuleLinking(module, stack, index) (§16.2.1.5.1.1).
fn inner_link(vm: &mut Vm, module: ModuleId, stack: &mut Vec<ModuleId>, index: usize) -> JsResult<usize> {
    let (cyclic, status) = with_registry(vm, |r| (r.modules[module].is_cyclic(), r.modules[module].status));
    // 1-2. Not a cyclic module, or already (being) linked.
    if !cyclic || status != Status::Unlinked {
        return Ok(index);
    }
    // 4-8. Linking, with its DFS indices, on the stack.
    let deps = with_registry(vm, |r| {
        let m = &mut r.modules[module];
        m.status = Status::Linking;
        m.dfs_index = index;
        m.dfs_ancestor = index;
        m.loaded.clone()
    });
    let mut index = index + 1;
    stack.push(module);
    // 9. Each requested module, then the lowest ancestor index of the cycle.
    for dep in deps.into_iter().flatten() {
        index = stacker::maybe_grow(64 * 1024, 1024 * 1024, || inner_link(vm, dep, stack, index))?;
        with_registry(vm, |r| {
            let (status, ancestor) = (r.modules[dep].status, r.modules[dep].dfs_ancestor);
            if r.modules[dep].is_cyclic() && status == Status::Linking {
                let m = &mut r.modules[module];
                m.dfs_ancestor = m.dfs_ancestor.min(ancestor);
            }
        });
    }
    // 10. InitializeEnvironment.
    initialize_environment(vm, module)?;
    // 13. The root of a strongly connected component: all of it is linked.
    with_registry(vm, |r| {
        if r.modules[module].dfs_ancestor == r.modules[module].dfs_index {
            while let Some(m) = stack.pop() {
                r.modules[m].status = Status::Linked;
                if m == module {
                    break;
                }
            }
        }
    });
    Ok(index)
}

/// The SyntaxError of an import or re-export that does not resolve.
fn unresolvable(vm: &mut Vm, module: ModuleId, request: usize, name: &[u16], r: Resolution) -> Value {
    let specifier = with_registry(vm, |reg| text(&reg.modules[module].requests[request].specifier));
    let name = text(name);
    let message = if r == Resolution::Ambiguous {
        format!("The requested module '{specifier}' contains conflicting star exports for name '{name}'")
    } else {
        format!("The requested module '{specifier}' does not provide an export named '{name}'")
    };
    syntax_error(vm, &message)
}

/// InitializeEnvironment (§16.2.1.6.4): checks the indirect exports,
/// binds the imports, then runs the code instantiating vars and functions.
fn initialize_environment(vm: &mut Vm, module: ModuleId) -> JsResult<()> {
    // 1. Every indirect export must resolve.
    let (exports, imports, env, code) = with_registry(vm, |r| {
        let m = &r.modules[module];
        (m.exports.clone(), m.imports.clone(), m.env, m.code)
    });
    for e in &exports {
        let ExportEntry::Indirect { export_name, request, .. } = e else { continue };
        let r = with_registry(vm, |reg| resolve_export(reg, module, export_name, &mut Vec::new()));
        if !matches!(r, Resolution::Resolved(..)) {
            return Err(unresolvable(vm, module, *request, export_name, r));
        }
    }
    // 7. Each import: the namespace, or an indirect binding to the export.
    for ie in &imports {
        let Some(dep) = with_registry(vm, |r| imported(r, module, ie.request)) else { continue };
        let value = match &ie.import_name {
            None => Value::Object(get_module_namespace(vm, dep)),
            Some(name) => match with_registry(vm, |r| resolve_export(r, dep, name, &mut Vec::new())) {
                Resolution::Resolved(m, BindingName::Namespace) => Value::Object(get_module_namespace(vm, m)),
                Resolution::Resolved(m, BindingName::Slot(slot)) => binding_object(vm, m, slot),
                r => return Err(unresolvable(vm, module, ie.request, name, r)),
            },
        };
        if let ObjectKind::Env(e) = &mut vm.heap.object_mut(env).kind {
            if let Some(s) = e.slots.get_mut(ie.slot as usize) {
                *s = value;
            }
        }
    }
    // 21-24. Vars := undefined; function declarations instantiated.
    if let Some(code) = code {
        vm.call(code.init, Value::Undefined, &[])?;
    }
    Ok(())
}

/// A `ModuleBinding` object for slot `slot` of `module`'s environment.
pub(crate) fn binding_object(vm: &mut Vm, module: ModuleId, slot: u16) -> Value {
    let env = with_registry(vm, |r| r.modules[module].env);
    Value::Object(vm.heap.alloc_object(None, ObjectKind::ModuleBinding(ModuleBinding { env, slot })))
}
