//! The `Vm`: one heap, its realms, and the interpreter state; the entry
//! points to call and construct functions of every kind, and to throw the
//! VM's own errors.
//!
//! Invariant: a `JsResult` error is the thrown JavaScript value (never
//! `Value::Empty`).

use crate::heap::Heap;
use crate::interp::Interpreter;
use crate::object::ObjectKind;
use crate::realm::{ErrorKind, Realm, RealmId};
use crate::value::{Obj, PropertyKey, Value};

/// The result of anything that may throw: `Err` holds the thrown value.
pub type JsResult<T> = Result<T, Value>;

/// A JavaScript virtual machine: heap, realm and interpreter.
#[derive(Debug)]
pub struct Vm {
    /// All heap things.
    pub heap: Heap,
    /// The current realm: its intrinsics, global object and global scope.
    pub realm: Realm,
    /// The other realms.
    pub(crate) realms: crate::realms::RealmTable,
    /// Registers, frames and limits of the interpreter.
    pub(crate) interp: Interpreter,
    /// Services of the embedder (regular expressions, eval).
    pub host: crate::interp::HostHooks,
    /// The microtask queue and unhandled rejections.
    pub jobs: crate::promise::JobQueue,
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

impl Vm {
    /// A fresh VM with a bare realm (the runtime adds the standard library).
    pub fn new() -> Vm {
        let mut heap = Heap::new();
        let realm = Realm::new(&mut heap, RealmId::FIRST);
        let realms = crate::realms::RealmTable::new();
        let mut vm = Vm { heap, realm, realms, interp: Interpreter::new(), host: crate::interp::HostHooks::default(), jobs: Default::default() };
        vm.install_generator_intrinsics();
        vm
    }

    /// Makes an error object of `kind` with `message`, to be thrown:
    /// `return Err(vm.error(ErrorKind::TypeError, "x is not a function"))`.
    pub fn error(&mut self, kind: ErrorKind, message: &str) -> Value {
        let proto = self.realm.error_prototype(kind);
        let obj = self.heap.alloc_object(Some(proto), ObjectKind::Error);
        let msg = self.heap.string_from_str(message);
        let key = PropertyKey::Atom(self.heap.intern_str("message"));
        self.heap.define_raw(obj, key, Value::String(msg), crate::object::Attributes::WRITABLE_CONFIGURABLE);
        self.attach_stack(obj);
        Value::Object(obj)
    }

    /// `Err` of a new TypeError.
    pub fn type_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.error(ErrorKind::TypeError, message))
    }

    /// `Err` of a new RangeError.
    pub fn range_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.error(ErrorKind::RangeError, message))
    }

    /// `Err` of a new ReferenceError.
    pub fn reference_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.error(ErrorKind::ReferenceError, message))
    }

    /// `Err` of a new SyntaxError.
    pub fn syntax_error<T>(&mut self, message: &str) -> JsResult<T> {
        Err(self.error(ErrorKind::SyntaxError, message))
    }

    /// The native function currently running (its captures are its state).
    pub fn current_native(&self) -> Option<Obj> {
        self.interp.current_native
    }

    /// A string value made from Rust text.
    pub fn string(&mut self, text: &str) -> Value {
        Value::String(self.heap.string_from_str(text))
    }

    /// IsCallable.
    pub fn is_callable(&self, value: Value) -> bool {
        let Value::Object(o) = value else { return false };
        match &self.heap.object(o).kind {
            // A class constructor is callable too: its [[Call]] throws.
            ObjectKind::Closure(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => true,
            ObjectKind::Proxy(p) => p.callable,
            _ => false,
        }
    }

    /// IsConstructor.
    pub fn is_constructor(&self, value: Value) -> bool {
        let Value::Object(o) = value else { return false };
        match &self.heap.object(o).kind {
            ObjectKind::Closure(c) => c.proto.is_constructor(),
            ObjectKind::Native(n) => n.construct,
            ObjectKind::Bound(b) => self.is_constructor(Value::Object(b.target)),
            ObjectKind::Proxy(p) => p.constructor,
            _ => false,
        }
    }

    /// Call(F, thisArgument, args).
    pub fn call(&mut self, callee: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let Value::Object(f) = callee else {
            return self.type_error("value is not a function");
        };
        match &self.heap.object(f).kind {
            ObjectKind::Native(n) => {
                let (call, realm) = (n.call, n.realm);
                self.call_native(f, call, realm, this, args, None)
            }
            ObjectKind::Bound(b) => {
                let (target, bound_this) = (b.target, b.this);
                let full: Vec<Value> = b.args.iter().chain(args).copied().collect();
                self.call(Value::Object(target), bound_this, &full)
            }
            ObjectKind::Closure(_) => self.call_closure(f, this, args, None),
            ObjectKind::Proxy(_) => self.proxy_call(f, this, args),
            _ => self.type_error("value is not a function"),
        }
    }

    /// Construct(F, args, newTarget).
    pub fn construct(&mut self, callee: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
        let Value::Object(f) = callee else {
            return self.type_error("value is not a constructor");
        };
        let new_target = new_target.unwrap_or(f);
        match &self.heap.object(f).kind {
            ObjectKind::Native(n) if n.construct => {
                let (call, realm) = (n.call, n.realm);
                self.call_native(f, call, realm, Value::Undefined, args, Some(new_target))
            }
            ObjectKind::Bound(b) => {
                let target = b.target;
                let full: Vec<Value> = b.args.iter().chain(args).copied().collect();
                let nt = if new_target == f { target } else { new_target };
                self.construct(Value::Object(target), &full, Some(nt))
            }
            ObjectKind::Closure(c) if c.proto.is_constructor() => {
                self.call_closure(f, Value::Undefined, args, Some(new_target))
            }
            ObjectKind::Proxy(p) if p.constructor => self.proxy_construct(f, args, new_target),
            _ => self.type_error("value is not a constructor"),
        }
    }

    /// Runs native function `f` (whose behaviour is `call`) with its realm
    /// current (§10.3.1 steps 4-6) and the native depth bounded.
    #[inline]
    pub(crate) fn call_native(
        &mut self,
        f: Obj,
        call: crate::object::NativeFn,
        realm: RealmId,
        this: Value,
        args: &[Value],
        new_target: Option<Obj>,
    ) -> JsResult<Value> {
        if self.interp.enter_native(f).is_err() {
            return self.range_error("Maximum call stack size exceeded");
        }
        let caller_realm = self.enter_realm(realm);
        let saved = self.interp.current_native.replace(f);
        let r = call(self, this, args, new_target);
        self.interp.current_native = saved;
        self.enter_realm(caller_realm);
        self.interp.leave_native();
        r
    }
}
