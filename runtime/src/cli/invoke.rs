//! `spindle invoke FILE --event JSON [--handler NAME]`: loads FILE as a
//! CommonJS module (see `commonjs`), calls `exports[NAME](event, context)`
//! with the event parsed from JSON and a context object
//! (`{ functionName, file }`), runs the event loop until it is idle, and
//! prints the settled result as JSON on stdout (`null` when it has no JSON
//! form, such as `undefined`). A rejection or a throw prints the error as
//! an uncaught exception on stderr and exits 1; so does a result promise
//! that never settles.
//!
//! The driver is a small async function compiled once: it awaits the
//! handler's result (so a plain value, a promise or a thenable all work, as
//! for `await`) and hands the outcome to a native that records it as text
//! at once, so no JavaScript value has to outlive the loop.

use super::run::LoopArgs;
use super::source;
use crate::builtins::builder::native_function;
use crate::event_loop::{EventLoop, Stop};
use crate::{RunError, Runtime};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};
use std::cell::RefCell;
use std::path::Path;
use std::process::ExitCode;

/// The driver: `(exports, name, eventText, context, report) => …`.
const DRIVER: &str = "(async function invoke(exports, name, eventText, context, report) {
  try {
    const handler = exports[name];
    if (typeof handler !== 'function') throw new TypeError(`exports.${name} is not a function`);
    let event;
    try { event = JSON.parse(eventText); } catch (e) { throw new SyntaxError(`--event is not valid JSON: ${e.message}`); }
    const result = await handler(event, context);
    report(true, JSON.stringify(result) ?? 'null');
  } catch (error) {
    report(false, error);
  }
})";

thread_local! {
    /// The outcome `report` recorded: the JSON text, or the error's report.
    static OUTCOME: RefCell<Option<Result<String, String>>> = const { RefCell::new(None) };
}

/// Runs `spindle invoke`.
pub(crate) fn run(path: &Path, event: &str, handler: &str, args: &LoopArgs) -> ExitCode {
    if let Err(message) = source::read(path) {
        eprintln!("{message}");
        return ExitCode::FAILURE;
    }
    let mut rt = args.runtime();
    let mut el = EventLoop::new(args.options(None));
    el.attach(&mut rt);
    OUTCOME.with(|o| o.borrow_mut().take());
    if let Err(e) = start(&mut rt, path, event, handler) {
        return super::run::report(&mut rt, RunError::Exception(e));
    }
    match el.checkpoint(&mut rt).and_then(|()| el.run(&mut rt)) {
        Ok(()) => {}
        Err(Stop::Exception(v)) => return super::run::report(&mut rt, RunError::Exception(v)),
        Err(Stop::UnhandledRejection) => return ExitCode::FAILURE,
    }
    match OUTCOME.with(|o| o.borrow_mut().take()) {
        Some(Ok(json)) => {
            println!("{json}");
            ExitCode::from(el.exit_code())
        }
        Some(Err(report)) => {
            eprintln!("{report}");
            ExitCode::FAILURE
        }
        None => {
            eprintln!("Error: the handler's result never settled (nothing was left to run)");
            ExitCode::FAILURE
        }
    }
}

/// Loads the module and starts the driver.
fn start(rt: &mut Runtime, path: &Path, event: &str, handler: &str) -> JsResult<()> {
    let exports = crate::commonjs::load_main(&mut rt.vm, path)?;
    let driver = rt.eval(DRIVER, "<invoke>").map_err(|e| match e {
        RunError::Exception(v) => v,
        RunError::Syntax(s) => rt.vm.error(spindle_vm::realm::ErrorKind::SyntaxError, &s),
    })?;
    let vm = &mut rt.vm;
    let context = context(vm, handler, path)?;
    let report = native_function(vm, "report", 2, report, false);
    let (name, event) = (vm.string(handler), vm.string(event));
    vm.call_from_host(driver, Value::Undefined, &[exports, name, event, context, Value::Object(report)])?;
    Ok(())
}

/// The context object: `{ functionName, file }`.
fn context(vm: &mut Vm, handler: &str, path: &Path) -> JsResult<Value> {
    let proto = vm.realm.intrinsics.object_prototype;
    let o = vm.heap.alloc_object(Some(proto), spindle_vm::object::ObjectKind::Ordinary);
    for (key, text) in [("functionName", handler.to_string()), ("file", path.display().to_string())] {
        let k = vm.heap.key_from_str(key);
        let v = vm.string(&text);
        vm.create_data_property_or_throw(o, k, v)?;
    }
    Ok(Value::Object(o))
}

/// `report(ok, value)`: records the JSON text, or the thrown value's report.
fn report(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let value = args.get(1).copied().unwrap_or(Value::Undefined);
    let outcome = match (args.first(), value) {
        (Some(Value::Bool(true)), Value::String(s)) => Ok(vm.heap.to_rust_string(s)),
        _ => Err(crate::builtins::console::describe_uncaught(vm, value)),
    };
    OUTCOME.with(|o| *o.borrow_mut() = Some(outcome));
    Ok(Value::Undefined)
}
