//! GetModuleNamespace (§16.2.1.11): a module's namespace object, made once
//! from its unambiguous exported names.
//!
//! Invariant: the object is recorded before its exports are resolved, so
//! a module whose exports include its own namespace (`export * as ns`
//! from itself, or through a cycle) gets the one object.

use super::link::{binding_object, exported_names, resolve_export, BindingName, Resolution};
use super::{root, with_registry, ModuleId};
use spindle_vm::object::{NamespaceExport, ObjectKind};
use spindle_vm::value::{Obj, Value};
use spindle_vm::Vm;

/// GetModuleNamespace(module).
pub(crate) fn get_module_namespace(vm: &mut Vm, module: ModuleId) -> Obj {
    // 3. Made already: the same object.
    if let Some(ns) = with_registry(vm, |r| r.modules[module].namespace) {
        return ns;
    }
    // 3.a-c. The names that resolve to one binding.
    let ns = vm.new_namespace(Vec::new());
    root(vm, Value::Object(ns));
    with_registry(vm, |r| r.modules[module].namespace = Some(ns));
    let resolved: Vec<(Vec<u16>, Resolution)> = with_registry(vm, |r| {
        exported_names(r, module, &mut Vec::new()).into_iter().map(|n| {
            let res = resolve_export(r, module, &n, &mut Vec::new());
            (n, res)
        }).collect()
    });
    let mut exports: Vec<(Vec<u16>, Value)> = Vec::new();
    for (name, res) in resolved {
        let target = match res {
            Resolution::Resolved(m, BindingName::Slot(slot)) => binding_object(vm, m, slot),
            Resolution::Resolved(m, BindingName::Namespace) => Value::Object(get_module_namespace(vm, m)),
            _ => continue,
        };
        exports.push((name, target));
    }
    // ModuleNamespaceCreate step 7: sorted by code units.
    exports.sort_by(|a, b| a.0.cmp(&b.0));
    let exports: Vec<NamespaceExport> = exports.into_iter().map(|(n, target)| NamespaceExport { key: vm.heap.property_key(&n), target }).collect();
    if let ObjectKind::ModuleNamespace(n) = &mut vm.heap.object_mut(ns).kind {
        n.exports = exports;
    }
    ns
}
