//! Environments of captured variables: pushing, popping and copying them,
//! and reading and writing their slots by (depth, slot).
//!
//! An environment has slots, an object, or both: a `with` environment has
//! only its object; a function's variable environment that sloppy direct
//! eval declared vars into has its slots and an eval-vars object (a
//! null-prototype object of deletable bindings), searched by name like a
//! `with` object but without @@unscopables and without being `this`.

use crate::object::{Env, ObjectKind};
use crate::value::{Obj, Value};
use crate::vm::Vm;

impl Vm {
    /// The environment `depth` steps out from the current one.
    fn env_at(&self, depth: u16) -> Option<Obj> {
        let mut env = self.interp.env;
        for _ in 0..depth {
            env = match &self.heap.object(env?).kind {
                ObjectKind::Env(e) => e.parent,
                _ => None,
            };
        }
        env
    }

    /// `env(depth).slots[slot]`; `Undefined` for a malformed access.
    pub(crate) fn env_slot(&self, depth: u16, slot: u16) -> Value {
        let Some(env) = self.env_at(depth) else { return Value::Undefined };
        match &self.heap.object(env).kind {
            ObjectKind::Env(e) => e.slots.get(slot as usize).copied().unwrap_or(Value::Undefined),
            _ => Value::Undefined,
        }
    }

    /// `env(depth).slots[slot] := value`.
    pub(crate) fn set_env_slot(&mut self, depth: u16, slot: u16, value: Value) {
        let Some(env) = self.env_at(depth) else { return };
        if let ObjectKind::Env(e) = &mut self.heap.object_mut(env).kind {
            if let Some(s) = e.slots.get_mut(slot as usize) {
                *s = value;
            }
        }
    }

    /// Opens a scope whose captured bindings live in a new environment.
    pub(crate) fn push_env(&mut self, size: u16) {
        let env = Env { parent: self.interp.env, slots: vec![Value::Empty; size as usize].into_boxed_slice(), object: None };
        let obj = self.heap.alloc_object(None, ObjectKind::Env(env));
        self.interp.env = Some(obj);
        if let Some(f) = self.interp.frames.last_mut() {
            f.env_depth += 1;
        }
    }

    /// Closes the innermost scope's environment.
    pub(crate) fn pop_env(&mut self) {
        if let Some(env) = self.interp.env {
            if let ObjectKind::Env(e) = &self.heap.object(env).kind {
                self.interp.env = e.parent;
            }
        }
        if let Some(f) = self.interp.frames.last_mut() {
            f.env_depth = f.env_depth.saturating_sub(1);
        }
    }

    /// Replaces the innermost environment by a copy: the fresh bindings of
    /// each iteration of a `for (let ...)` loop (CreatePerIterationEnvironment).
    pub(crate) fn copy_env(&mut self) {
        let Some(env) = self.interp.env else { return };
        let copy = match &self.heap.object(env).kind {
            ObjectKind::Env(e) => e.clone(),
            _ => return,
        };
        let obj = self.heap.alloc_object(None, ObjectKind::Env(copy));
        self.interp.env = Some(obj);
    }

    /// `with (obj)`: an object environment for ToObject(obj).
    pub(crate) fn push_with(&mut self, value: crate::value::Value) -> crate::vm::JsResult<()> {
        let object = self.to_object(value)?;
        let env = Env { parent: self.interp.env, slots: Box::new([]), object: Some(object) };
        let obj = self.heap.alloc_object(None, ObjectKind::Env(env));
        self.interp.env = Some(obj);
        if let Some(f) = self.interp.frames.last_mut() {
            f.env_depth += 1;
        }
        Ok(())
    }

    /// The innermost `with` object or eval-vars object among the next
    /// `depth` environments that has binding `name`.
    pub(crate) fn find_with_binding(&mut self, name: crate::value::Atom, depth: u16) -> crate::vm::JsResult<Option<Obj>> {
        Ok(self.find_name_binding(name, depth)?.map(|(o, _)| o))
    }

    /// [`Vm::find_with_binding`], also telling whether the object is a
    /// `with` object (whose calls get it as `this`; @@unscopables applies)
    /// or a function's eval-vars object (an environment with slots too).
    pub(crate) fn find_name_binding(&mut self, name: crate::value::Atom, depth: u16) -> crate::vm::JsResult<Option<(Obj, bool)>> {
        let mut env = self.interp.env;
        let key = crate::value::PropertyKey::Atom(name);
        for _ in 0..depth {
            let Some(e) = env else { break };
            let (parent, object, is_with) = match &self.heap.object(e).kind {
                ObjectKind::Env(x) => (x.parent, x.object, x.slots.is_empty()),
                _ => (None, None, false),
            };
            if let Some(o) = object {
                if self.has_property(o, key)? && !(is_with && self.blocked_by_unscopables(o, key)?) {
                    return Ok(Some((o, is_with)));
                }
            }
            env = parent;
        }
        Ok(None)
    }

    /// EvalDeclarationInstantiation (§19.2.1.3 steps 17-18) for a function's
    /// variable environment `depth` environments out: the var `name` of
    /// sloppy eval code becomes a deletable property of the environment's
    /// eval-vars object (made on first use), set to `func` for a function.
    pub(crate) fn declare_eval_var(&mut self, name: crate::value::Atom, func: Option<Value>, depth: u16) -> crate::vm::JsResult<()> {
        let Some(env) = self.env_at(depth) else { return Ok(()) };
        let ObjectKind::Env(e) = &self.heap.object(env).kind else { return Ok(()) };
        let vars = match e.object {
            Some(o) => o,
            None => {
                let o = self.heap.alloc_object(None, ObjectKind::Ordinary);
                if let ObjectKind::Env(e) = &mut self.heap.object_mut(env).kind {
                    e.object = Some(o);
                }
                o
            }
        };
        let key = crate::value::PropertyKey::Atom(name);
        // 17.a.iv / 18.a.i.3: CreateMutableBinding(fn, true), then initialise.
        if self.heap.get_own_raw(vars, key).is_none() {
            self.heap.define_raw(vars, key, func.unwrap_or(Value::Undefined), crate::object::Attributes::ALL);
        } else if let Some(f) = func {
            // 17.a.v: SetMutableBinding(fn, fo, false).
            self.set(vars, key, f, Value::Object(vars))?;
        }
        Ok(())
    }

    /// GetBindingValue(N, S) of the object environment of `o` (§9.1.1.2.6):
    /// the binding may have vanished since it was resolved.
    pub(crate) fn object_binding_value(&mut self, o: Obj, name: crate::value::Atom, strict: bool) -> crate::vm::JsResult<Value> {
        let key = crate::value::PropertyKey::Atom(name);
        // 1-2. Let value be ? HasProperty(bindingObject, N).
        if !self.has_property(o, key)? {
            // 3. If value is false: a ReferenceError if S is true, else undefined.
            return if strict { self.not_defined_error(name) } else { Ok(Value::Undefined) };
        }
        // 4. Return ? Get(bindingObject, N).
        self.get(o, key, Value::Object(o))
    }

    /// SetMutableBinding(N, V, S) of the object environment of `o` (§9.1.1.2.5).
    pub(crate) fn set_object_binding(&mut self, o: Obj, name: crate::value::Atom, value: Value, strict: bool) -> crate::vm::JsResult<()> {
        let key = crate::value::PropertyKey::Atom(name);
        // 1-2. Let stillExists be ? HasProperty(bindingObject, N); a
        //      ReferenceError if it is gone and S is true.
        if !self.has_property(o, key)? && strict {
            return self.not_defined_error(name);
        }
        // 3. Perform ? Set(bindingObject, N, V, S).
        let ok = self.set(o, key, value, Value::Object(o))?;
        if !ok && strict {
            return self.type_error("Cannot assign to read only property");
        }
        Ok(())
    }

    /// `delete name` in sloppy code (§13.5.1.2 with an identifier
    /// reference): a `with` object's property among the next `depth`
    /// environments; else, if the name is not declared in the code, the
    /// global object's (a global lexical binding or a declared local is
    /// not deletable).
    pub(crate) fn delete_name(&mut self, name: crate::value::Atom, depth: u16, global: bool) -> crate::vm::JsResult<bool> {
        let key = crate::value::PropertyKey::Atom(name);
        if let Some(o) = self.find_with_binding(name, depth)? {
            return self.delete(o, key);
        }
        if !global || self.realm.globals.index.contains_key(&name) {
            return Ok(false);
        }
        let g = self.realm.global;
        self.delete(g, key)
    }

    fn not_defined_error<T>(&mut self, name: crate::value::Atom) -> crate::vm::JsResult<T> {
        let text = self.atom_text(name);
        self.reference_error(&format!("{text} is not defined"))
    }

    fn blocked_by_unscopables(&mut self, o: Obj, key: crate::value::PropertyKey) -> crate::vm::JsResult<bool> {
        let sym = crate::value::PropertyKey::Symbol(self.heap.well_known.unscopables);
        let unscopables = self.get(o, sym, Value::Object(o))?;
        match unscopables {
            Value::Object(u) => {
                let v = self.get(u, key, unscopables)?;
                Ok(self.to_boolean(v))
            }
            _ => Ok(false),
        }
    }
}
