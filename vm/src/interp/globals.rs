//! The global scope: the global object's properties (`var` and function
//! declarations of scripts, built-ins) and the declarative record of the
//! scripts' top-level `let`, `const` and `class` bindings.

use crate::object::{Attributes, PropertyCache, PropertyDescriptor};
use crate::value::{Atom, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use rustc_hash::FxHashMap;

/// One global lexical binding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlobalLexical {
    pub(crate) value: Value,
    pub(crate) constant: bool,
}

/// The global declarative environment record.
#[derive(Debug, Default)]
pub(crate) struct GlobalLexicals {
    pub(crate) bindings: FxHashMap<Atom, GlobalLexical>,
}

impl Vm {
    /// The value of global `name`; with `must_exist`, a ReferenceError when
    /// it does not exist (else `undefined`, for `typeof`).
    pub(crate) fn get_global(&mut self, name: Atom, cache: &PropertyCache, must_exist: bool) -> JsResult<Value> {
        if let Some(b) = self.interp.globals.bindings.get(&name) {
            if b.value == Value::Empty {
                return self.tdz_name_error(name);
            }
            return Ok(b.value);
        }
        let global = self.realm.global;
        let key = PropertyKey::Atom(name);
        if !self.has_property(global, key)? {
            if must_exist {
                let text = self.atom_text(name);
                return self.reference_error(&format!("{text} is not defined"));
            }
            return Ok(Value::Undefined);
        }
        self.get_cached(global, name, cache)
    }

    /// Assigns global `name`.
    pub(crate) fn set_global(&mut self, name: Atom, value: Value, strict: bool) -> JsResult<()> {
        if let Some(b) = self.interp.globals.bindings.get_mut(&name) {
            if b.value == Value::Empty {
                return self.tdz_name_error(name);
            }
            if b.constant {
                return self.type_error("Assignment to constant variable.");
            }
            b.value = value;
            return Ok(());
        }
        let global = self.realm.global;
        let key = PropertyKey::Atom(name);
        if strict && !self.has_property(global, key)? {
            let text = self.atom_text(name);
            return self.reference_error(&format!("{text} is not defined"));
        }
        let ok = self.set(global, key, value, Value::Object(global))?;
        if !ok && strict {
            let text = self.atom_text(name);
            return self.type_error(&format!("Cannot assign to read only property '{text}' of object"));
        }
        Ok(())
    }

    /// A script's top-level `let`/`const`/`class`: in its TDZ until initialised.
    pub(crate) fn declare_global_lexical(&mut self, name: Atom, constant: bool) -> JsResult<()> {
        let restricted = match self.heap.get_own_raw(self.realm.global, PropertyKey::Atom(name)) {
            Some(p) => !p.attributes().configurable(),
            None => false,
        };
        if self.interp.globals.bindings.contains_key(&name) || restricted {
            let text = self.atom_text(name);
            return self.syntax_error(&format!("Identifier '{text}' has already been declared"));
        }
        self.interp.globals.bindings.insert(name, GlobalLexical { value: Value::Empty, constant });
        Ok(())
    }

    /// Initialises a global lexical binding.
    pub(crate) fn init_global_lexical(&mut self, name: Atom, value: Value) {
        if let Some(b) = self.interp.globals.bindings.get_mut(&name) {
            b.value = value;
        }
    }

    /// A script's top-level `var` (CreateGlobalVarBinding) or function
    /// declaration (CreateGlobalFunctionBinding, with `func`).
    pub(crate) fn declare_global_var(&mut self, name: Atom, func: Option<Value>) -> JsResult<()> {
        if self.interp.globals.bindings.contains_key(&name) {
            let text = self.atom_text(name);
            return self.syntax_error(&format!("Identifier '{text}' has already been declared"));
        }
        let global = self.realm.global;
        let key = PropertyKey::Atom(name);
        let existing = self.get_own_property(global, key)?;
        match func {
            Some(f) => {
                let desc = match existing {
                    Some(p) if !p.attributes().configurable() => PropertyDescriptor { value: Some(f), ..PropertyDescriptor::default() },
                    _ => PropertyDescriptor::data(f, Attributes::WRITABLE | Attributes::ENUMERABLE),
                };
                self.define_property_or_throw(global, key, desc)?;
                self.set(global, key, f, Value::Object(global))?;
            }
            None if existing.is_none() && self.is_extensible(global)? => {
                let desc = PropertyDescriptor::data(Value::Undefined, Attributes::WRITABLE | Attributes::ENUMERABLE);
                self.define_property_or_throw(global, key, desc)?;
            }
            None => {}
        }
        Ok(())
    }

    fn tdz_name_error<T>(&mut self, name: Atom) -> JsResult<T> {
        let text = self.atom_text(name);
        self.reference_error(&format!("Cannot access '{text}' before initialization"))
    }
}
