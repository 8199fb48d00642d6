//! Module namespace exotic objects (§10.4.6): the object `import * as ns`
//! binds. Its string-keyed properties are the module's exports, each a live
//! view of the exported binding; its only other property is the ordinary
//! `@@toStringTag` the host defines when it makes the object.
//!
//! Invariants: `exports` is sorted by the code units of the names (the
//! order of [[OwnPropertyKeys]]) and holds each name once; the object has
//! a null prototype and is not extensible, so the ordinary
//! [[GetPrototypeOf]], [[SetPrototypeOf]] (SetImmutablePrototype),
//! [[IsExtensible]] and [[PreventExtensions]] are the right ones. A target
//! is a [`ModuleBinding`](super::ModuleBinding) object (read through), or
//! the value itself (a namespace object, for `export * as ns`).

use super::{descriptor::same_value, Attributes, ObjectKind, Property, PropertyDescriptor};
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// [[Exports]] with the binding each name resolves to.
#[derive(Debug, Clone, Default)]
pub struct Namespace {
    /// The exports, sorted by name.
    pub exports: Vec<NamespaceExport>,
}

/// One export of a namespace.
#[derive(Debug, Clone, Copy)]
pub struct NamespaceExport {
    /// The export name as a property key.
    pub key: PropertyKey,
    /// A `ModuleBinding` object, or the value itself.
    pub target: Value,
}

impl Vm {
    /// The namespace's target for `key`, if `key` is one of its exports.
    fn namespace_target(&self, o: Obj, key: PropertyKey) -> Option<Value> {
        match &self.heap.object(o).kind {
            ObjectKind::ModuleNamespace(n) => n.exports.iter().find(|e| e.key == key).map(|e| e.target),
            _ => None,
        }
    }

    /// The current value of an import target: the exporter's binding
    /// (`Value::Empty` while in its temporal dead zone), or the value itself.
    pub fn module_binding_value(&self, target: Value) -> Value {
        let Value::Object(t) = target else { return target };
        let ObjectKind::ModuleBinding(b) = self.heap.object(t).kind else { return target };
        match &self.heap.object(b.env).kind {
            ObjectKind::Env(e) => e.slots.get(b.slot as usize).copied().unwrap_or(Value::Undefined),
            _ => Value::Undefined,
        }
    }

    /// [[Get]] of a string key (§10.4.6.8 steps 2-10): the binding's value,
    /// a ReferenceError while it is uninitialized.
    fn namespace_value(&mut self, target: Value, key: PropertyKey) -> JsResult<Value> {
        let v = self.module_binding_value(target);
        if v == Value::Empty {
            let name = self.key_text(key);
            return self.reference_error(&format!("Cannot access '{name}' before initialization"));
        }
        Ok(v)
    }

    fn key_text(&mut self, key: PropertyKey) -> String {
        match key {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::Atom(a) => self.atom_text(a),
            PropertyKey::Symbol(_) => String::new(),
        }
    }

    /// [[GetOwnProperty]] (§10.4.6.5).
    pub(crate) fn namespace_get_own_property(&mut self, o: Obj, key: PropertyKey) -> JsResult<Option<Property>> {
        // 1. If P is a Symbol, return OrdinaryGetOwnProperty(O, P).
        if let PropertyKey::Symbol(_) = key {
            return Ok(self.heap.get_own_raw(o, key));
        }
        // 2-4. Not an export: undefined.
        let Some(target) = self.namespace_target(o, key) else { return Ok(None) };
        // 5. Let value be ? O.[[Get]](P, O).
        let value = self.namespace_value(target, key)?;
        // 6. { [[Value]]: value, [[Writable]]: true, [[Enumerable]]: true, [[Configurable]]: false }.
        Ok(Some(Property::data(value, Attributes::WRITABLE.union(Attributes::ENUMERABLE))))
    }

    /// [[DefineOwnProperty]] (§10.4.6.6).
    pub(crate) fn namespace_define_own_property(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
        // 1. If P is a Symbol, return ! OrdinaryDefineOwnProperty(O, P, Desc).
        if let PropertyKey::Symbol(_) = key {
            return Ok(self.ordinary_define_own_property(o, key, desc));
        }
        // 2-3. Let current be ? O.[[GetOwnProperty]](P); undefined: false.
        let Some(Property::Data { value, .. }) = self.namespace_get_own_property(o, key)? else { return Ok(false) };
        // 4-7. Only a compatible data descriptor.
        if desc.configurable == Some(true) || desc.enumerable == Some(false) || desc.is_accessor() || desc.writable == Some(false) {
            return Ok(false);
        }
        // 8-9. A [[Value]] must be the same.
        Ok(desc.value.is_none_or(|v| same_value(&self.heap, v, value)))
    }

    /// [[HasProperty]] (§10.4.6.7): no binding is read.
    pub(crate) fn namespace_has(&mut self, o: Obj, key: PropertyKey) -> bool {
        match key {
            PropertyKey::Symbol(_) => self.heap.get_own_raw(o, key).is_some(),
            _ => self.namespace_target(o, key).is_some(),
        }
    }

    /// [[Delete]] (§10.4.6.10): an export is not deletable.
    pub(crate) fn namespace_delete(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        match key {
            PropertyKey::Symbol(_) => self.ordinary_delete(o, key),
            _ => Ok(self.namespace_target(o, key).is_none()),
        }
    }

    /// [[OwnPropertyKeys]] (§10.4.6.11): the exports, then the symbols.
    pub(crate) fn namespace_own_keys(&mut self, o: Obj) -> Vec<PropertyKey> {
        let mut keys: Vec<PropertyKey> = match &self.heap.object(o).kind {
            ObjectKind::ModuleNamespace(n) => n.exports.iter().map(|e| e.key).collect(),
            _ => Vec::new(),
        };
        keys.extend(self.heap.own_keys_raw(o).into_iter().filter(|k| matches!(k, PropertyKey::Symbol(_))));
        keys
    }

    /// A new namespace object over `exports` (sorted by the caller), with
    /// `@@toStringTag` "Module" (§28.3.1), not extensible.
    pub fn new_namespace(&mut self, exports: Vec<NamespaceExport>) -> Obj {
        let ns = self.heap.alloc_object(None, ObjectKind::ModuleNamespace(Box::new(Namespace { exports })));
        let tag = PropertyKey::Symbol(self.heap.well_known.to_string_tag);
        let module = self.string("Module");
        self.heap.define_raw(ns, tag, module, Attributes::NONE);
        self.heap.object_mut(ns).extensible = false;
        ns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(vm: &mut Vm, value: Value) -> Value {
        let env = vm.heap.alloc_object(None, ObjectKind::Env(super::super::Env { parent: None, slots: Box::new([value]), object: None }));
        Value::Object(vm.heap.alloc_object(None, ObjectKind::ModuleBinding(super::super::ModuleBinding { env, slot: 0 })))
    }

    #[test]
    fn exports_read_live_and_throw_in_their_tdz() {
        let mut vm = Vm::new();
        let a = binding(&mut vm, Value::Number(1.0));
        let b = binding(&mut vm, Value::Empty);
        let ka = PropertyKey::Atom(vm.heap.intern_str("a"));
        let kb = PropertyKey::Atom(vm.heap.intern_str("b"));
        let ns = vm.new_namespace(vec![NamespaceExport { key: ka, target: a }, NamespaceExport { key: kb, target: b }]);
        assert_eq!(vm.get(ns, ka, Value::Object(ns)).ok(), Some(Value::Number(1.0)));
        assert!(vm.get(ns, kb, Value::Object(ns)).is_err());
        assert!(vm.has_property(ns, kb).unwrap());
        assert!(!vm.set(ns, ka, Value::Number(2.0), Value::Object(ns)).unwrap());
        assert!(!vm.delete(ns, ka).unwrap());
        let kc = PropertyKey::Atom(vm.heap.intern_str("c"));
        assert!(vm.delete(ns, kc).unwrap());
        assert!(!vm.is_extensible(ns).unwrap());
        let keys = vm.own_property_keys(ns).unwrap();
        assert_eq!(keys.len(), 3);
        assert_eq!(keys[0], ka);
    }
}
