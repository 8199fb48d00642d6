//! The global scope: the global object's properties (`var` and function
//! declarations of scripts, built-ins) and the declarative record of the
//! scripts' top-level `let`, `const` and `class` bindings.

use crate::object::{Attributes, Property, PropertyCache, PropertyDescriptor};
use crate::value::{Atom, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use rustc_hash::FxHashMap;
use std::cell::Cell;

/// The flag of a `GetGlobal` slot cache that says "not a lexical binding".
const NOT_LEXICAL: u32 = 1 << 31;

/// One global lexical binding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlobalLexical {
    pub(crate) value: Value,
    pub(crate) constant: bool,
}

/// The global declarative environment record of one realm. Bindings are
/// never removed, so a slot index, once found, stays valid (the inline
/// caches of `GetGlobal` keep it; they are only ever used with one realm's
/// record, as the code that holds them only runs in one realm: see
/// `Vm::run_script`).
#[derive(Debug, Default)]
pub(crate) struct GlobalLexicals {
    pub(crate) slots: Vec<GlobalLexical>,
    pub(crate) index: FxHashMap<Atom, u32>,
}

impl GlobalLexicals {
    fn get_mut(&mut self, name: &Atom) -> Option<&mut GlobalLexical> {
        let i = *self.index.get(name)?;
        self.slots.get_mut(i as usize)
    }

    fn contains(&self, name: &Atom) -> bool {
        self.index.contains_key(name)
    }
}

impl Vm {
    /// The value of global `name`; with `must_exist`, a ReferenceError when
    /// it does not exist (else `undefined`, for `typeof`).
    pub(crate) fn get_global(&mut self, name: Atom, cache: &PropertyCache, slot_cache: &Cell<u32>, must_exist: bool) -> JsResult<Value> {
        if let Some(i) = self.global_lexical_slot(name, slot_cache) {
            let v = self.realm.globals.slots.get(i as usize).map_or(Value::Undefined, |b| b.value);
            if v == Value::Empty {
                return self.tdz_name_error(name);
            }
            return Ok(v);
        }
        let global = self.realm.global;
        if let Some(v) = self.cached_data(global, cache) {
            return Ok(v);
        }
        let key = PropertyKey::Atom(name);
        // An own data property: its value is what [[Get]] returns (the
        // global object is ordinary).
        if let Some(Property::Data { value, .. }) = self.heap.get_own_raw(global, key) {
            self.fill_cache(global, name, cache);
            return Ok(value);
        }
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
    pub(crate) fn set_global(&mut self, name: Atom, value: Value, strict: bool, cache: &PropertyCache, slot_cache: &Cell<u32>) -> JsResult<()> {
        let slot = self.global_lexical_slot(name, slot_cache);
        if let Some(b) = slot.and_then(|i| self.realm.globals.slots.get_mut(i as usize)) {
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
        if self.set_cached_own(global, value, cache) {
            return Ok(());
        }
        if strict && !self.has_property(global, key)? {
            let text = self.atom_text(name);
            return self.reference_error(&format!("{text} is not defined"));
        }
        let before = self.heap.object(global).shape();
        let ok = self.set(global, key, value, Value::Object(global))?;
        if ok {
            self.fill_set_cache(global, name, before, cache);
        }
        if !ok && strict {
            let text = self.atom_text(name);
            return self.type_error(&format!("Cannot assign to read only property '{text}' of object"));
        }
        Ok(())
    }

    /// The slot of the global lexical binding `name`, through the
    /// instruction's `slot_cache`: `slot + 1` once found (bindings are never
    /// removed), or `NOT_LEXICAL | n` when there was none among the first
    /// `n` bindings (still true while no binding was added since).
    fn global_lexical_slot(&self, name: Atom, slot_cache: &Cell<u32>) -> Option<u32> {
        let cached = slot_cache.get();
        let count = self.realm.globals.slots.len() as u32;
        if cached & NOT_LEXICAL != 0 {
            if cached & !NOT_LEXICAL == count {
                return None;
            }
        } else if cached != 0 {
            return Some(cached - 1);
        }
        match self.realm.globals.index.get(&name).copied() {
            Some(i) => {
                slot_cache.set(i + 1);
                Some(i)
            }
            None => {
                if count < NOT_LEXICAL {
                    slot_cache.set(NOT_LEXICAL | count);
                }
                None
            }
        }
    }

    /// GlobalDeclarationInstantiation step 5 for a lexical name: no global
    /// lexical binding `name` (HasLexicalDeclaration), and no
    /// non-configurable global property (HasVarDeclaration and
    /// HasRestrictedGlobalProperty), else a SyntaxError.
    pub(crate) fn check_global_lexical(&mut self, name: Atom) -> JsResult<()> {
        let restricted = match self.heap.get_own_raw(self.realm.global, PropertyKey::Atom(name)) {
            Some(p) => !p.attributes().configurable(),
            None => false,
        };
        if self.realm.globals.contains(&name) || restricted {
            let text = self.atom_text(name);
            return self.syntax_error(&format!("Identifier '{text}' has already been declared"));
        }
        Ok(())
    }

    /// A script's top-level `let`/`const`/`class`: in its TDZ until initialised.
    pub(crate) fn declare_global_lexical(&mut self, name: Atom, constant: bool) -> JsResult<()> {
        self.check_global_lexical(name)?;
        let globals = &mut self.realm.globals;
        globals.index.insert(name, globals.slots.len() as u32);
        globals.slots.push(GlobalLexical { value: Value::Empty, constant });
        Ok(())
    }

    /// Initialises a global lexical binding.
    pub(crate) fn init_global_lexical(&mut self, name: Atom, value: Value) {
        if let Some(b) = self.realm.globals.get_mut(&name) {
            b.value = value;
        }
    }

    /// A script's top-level `var` (CreateGlobalVarBinding) or function
    /// declaration (CreateGlobalFunctionBinding, with `func`).
    pub(crate) fn declare_global_var(&mut self, name: Atom, func: Option<Value>, deletable: bool) -> JsResult<()> {
        if self.realm.globals.contains(&name) {
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
                    _ => PropertyDescriptor::data(f, var_attributes(deletable)),
                };
                self.define_property_or_throw(global, key, desc)?;
                self.set(global, key, f, Value::Object(global))?;
            }
            None if existing.is_none() && self.is_extensible(global)? => {
                let desc = PropertyDescriptor::data(Value::Undefined, var_attributes(deletable));
                self.define_property_or_throw(global, key, desc)?;
            }
            None => {}
        }
        Ok(())
    }

    /// EvalDeclarationInstantiation steps 3.a, 8 and 10 (§19.2.1.3) for a
    /// global variable environment: `name` may not be a global lexical
    /// binding (SyntaxError), and CanDeclareGlobalFunction (`func`) or
    /// CanDeclareGlobalVar must hold (TypeError).
    pub(crate) fn can_declare_global(&mut self, name: Atom, func: bool) -> JsResult<()> {
        let text = self.atom_text(name);
        if self.realm.globals.contains(&name) {
            return self.syntax_error(&format!("Identifier '{text}' has already been declared"));
        }
        let global = self.realm.global;
        let existing = self.get_own_property(global, PropertyKey::Atom(name))?;
        let definable = match existing {
            None => self.is_extensible(global)?,
            Some(_) if !func => true,
            Some(p) => p.configurable() || (!p.is_accessor() && p.attributes().writable() && p.enumerable()),
        };
        if !definable {
            return self.type_error(&format!("Cannot declare global {} '{text}'", if func { "function" } else { "variable" }));
        }
        Ok(())
    }

    fn tdz_name_error<T>(&mut self, name: Atom) -> JsResult<T> {
        let text = self.atom_text(name);
        self.reference_error(&format!("Cannot access '{text}' before initialization"))
    }
}

/// A global var's attributes: configurable only when eval code declared it
/// (CreateGlobalVarBinding(N, D) and CreateGlobalFunctionBinding(N, V, D)).
fn var_attributes(deletable: bool) -> Attributes {
    let base = Attributes::WRITABLE | Attributes::ENUMERABLE;
    if deletable {
        base | Attributes::CONFIGURABLE
    } else {
        base
    }
}
