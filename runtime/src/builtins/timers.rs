//! The host's scheduling globals, as Node has them: `setTimeout`,
//! `setInterval`, `setImmediate`, their `clear…` functions and
//! `queueMicrotask`.
//!
//! Timers are numbered (Node returns `Timeout` objects; the ids here are
//! numbers, accepted by every `clear…` function, as Node accepts a
//! timer's numeric id). Delays follow Node: `ToNumber(delay)`, and any
//! value outside 1 ..= 2^31 - 1 (NaN included) becomes 1 ms. The event
//! loop that runs them is `crate::event_loop`.

use super::builder::Builder;
use super::support::arg;
use crate::event_loop;
use spindle_vm::object::Attributes;
use spindle_vm::promise::Job;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Node's TIMEOUT_MAX: the largest delay, 2^31 - 1 ms.
const TIMEOUT_MAX: f64 = 2_147_483_647.0;

/// Installs the timer globals and `queueMicrotask`.
pub(crate) fn install(vm: &mut Vm) {
    let global = vm.realm.global;
    Builder::new(vm, global)
        .method("clearImmediate", 1, clear_timer)
        .method("clearInterval", 1, clear_timer)
        .method("clearTimeout", 1, clear_timer)
        .method("queueMicrotask", 1, queue_microtask)
        .method("setImmediate", 1, set_immediate)
        .method("setInterval", 2, set_interval)
        .method("setTimeout", 2, set_timeout);
}

/// Node's validateFunction: a TypeError with code ERR_INVALID_ARG_TYPE.
fn check_callback(vm: &mut Vm, callback: Value) -> JsResult<()> {
    if vm.is_callable(callback) {
        return Ok(());
    }
    let received = match callback {
        Value::Undefined => "undefined".to_string(),
        Value::Null => "null".to_string(),
        Value::Object(_) => "an instance of Object".to_string(),
        Value::String(s) => format!("type string ('{}')", vm.heap.to_rust_string(s)),
        Value::Number(n) => format!("type number ({})", spindle_vm::ops::number_to_string::number_to_string(n)),
        Value::Bool(b) => format!("type boolean ({b})"),
        Value::Symbol(_) => "type symbol".to_string(),
        Value::BigInt(_) | Value::Empty => "type bigint".to_string(),
    };
    let message = format!("The \"callback\" argument must be of type function. Received {received}");
    let error = vm.error(spindle_vm::realm::ErrorKind::TypeError, &message);
    if let Value::Object(o) = error {
        let code = vm.string("ERR_INVALID_ARG_TYPE");
        let key = vm.heap.key_from_str("code");
        vm.heap.define_raw(o, key, code, Attributes::WRITABLE_CONFIGURABLE);
    }
    Err(error)
}

/// The delay argument as Node reads it (`after *= 1`, then clamped).
fn delay_of(vm: &mut Vm, delay: Value) -> JsResult<f64> {
    let after = vm.to_number(delay)?;
    Ok(if (1.0..=TIMEOUT_MAX).contains(&after) { after } else { 1.0 })
}

/// `setTimeout(callback, delay, ...args)`.
fn set_timeout(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    schedule(vm, args, false)
}

/// `setInterval(callback, delay, ...args)`.
fn set_interval(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    schedule(vm, args, true)
}

fn schedule(vm: &mut Vm, args: &[Value], repeat: bool) -> JsResult<Value> {
    let callback = arg(args, 0);
    check_callback(vm, callback)?;
    let delay = delay_of(vm, arg(args, 1))?;
    let rest = args.get(2..).unwrap_or(&[]);
    let id = event_loop::add_timer(vm, callback, rest, delay, repeat);
    Ok(Value::Number(f64::from(id)))
}

/// `setImmediate(callback, ...args)`.
fn set_immediate(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let callback = arg(args, 0);
    check_callback(vm, callback)?;
    let rest = args.get(1..).unwrap_or(&[]);
    let id = event_loop::add_immediate(vm, callback, rest);
    Ok(Value::Number(f64::from(id)))
}

/// `clearTimeout(id)`, `clearInterval(id)`, `clearImmediate(id)`: a
/// number or numeric string; anything else is ignored.
fn clear_timer(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let id = match arg(args, 0) {
        Value::Number(n) => n,
        s @ Value::String(_) => vm.to_number(s)?,
        _ => return Ok(Value::Undefined),
    };
    if id >= 1.0 && id <= f64::from(u32::MAX) && id.fract() == 0.0 {
        event_loop::clear(vm, id as u32);
    }
    Ok(Value::Undefined)
}

/// `queueMicrotask(callback)`: a job at the end of the microtask queue.
fn queue_microtask(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let callback = arg(args, 0);
    check_callback(vm, callback)?;
    vm.jobs.jobs.push_back(Job::Callback(callback));
    Ok(Value::Undefined)
}
