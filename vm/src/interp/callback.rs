//! Callbacks: a function that a built-in calls again and again with the
//! same `this` (the callbackfn of `Array.prototype.map` and its kin, a sort
//! comparator). [`Vm::callback`] decides once what cannot change from one
//! call to the next — the callee's kind, realm, code and environment, and
//! its `this` binding when OrdinaryCallBindThis makes no object — and
//! [`Vm::call_callback`] then only pushes the frame and runs it. Every other
//! callee (a built-in, a bound function, a Proxy, a closure of another
//! realm, a sloppy function given a primitive `this`) is called through
//! [`Vm::call`], so the result is always that of `Call(F, thisArg, args)`.
//!
//! Invariant: a prepared closure belongs to the realm current when it was
//! prepared; a call made while another realm is current takes the general
//! path.

use super::call::Args;
use crate::bytecode::FunctionProto;
use crate::object::ObjectKind;
use crate::realm::RealmId;
use crate::value::{Obj, Value};
use crate::vm::{JsResult, Vm};
use std::rc::Rc;

/// A callee and `this` to call with varying arguments.
pub struct Callback {
    callee: Value,
    this: Value,
    closure: Option<PreparedClosure>,
}

/// What a call of a same-realm closure needs, decided once.
struct PreparedClosure {
    f: Obj,
    proto: Rc<FunctionProto>,
    env: Option<Obj>,
    /// The bound `this` (OrdinaryCallBindThis already applied).
    this: Value,
    realm: RealmId,
}

impl Vm {
    /// Prepares `callee` to be called with `this` (no check that it is
    /// callable: a call of a non-callable throws the TypeError of Call).
    pub fn callback(&self, callee: Value, this: Value) -> Callback {
        let closure = match callee {
            Value::Object(f) => match &self.heap.object(f).kind {
                ObjectKind::Closure(c) if c.realm == self.realm.id => {
                    self.plain_this(&c.proto, this).map(|bound| PreparedClosure {
                        f,
                        proto: c.proto.clone(),
                        env: c.env,
                        this: bound,
                        realm: c.realm,
                    })
                }
                _ => None,
            },
            _ => None,
        };
        Callback { callee, this, closure }
    }

    /// Call(callback's F, its thisArg, `args`).
    pub fn call_callback(&mut self, callback: &Callback, args: &[Value]) -> JsResult<Value> {
        match &callback.closure {
            Some(c) if c.realm == self.realm.id => self.run_from_native(c.f, |vm| {
                vm.check_frame_room()?;
                vm.push_activation(c.f, c.proto.clone(), c.env, c.this, Args::Slice(args), None, None)
            }),
            _ => self.call(callback.callee, callback.this, args),
        }
    }
}
