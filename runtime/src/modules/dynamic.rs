//! `import()` (§13.3.10.2 EvaluateImportCall, §16.2.1.10
//! ContinueDynamicImport) and `import.meta` (§13.3.12.1), installed as the
//! VM's host hooks.
//!
//! `import()` converts its specifier and options at once (their errors
//! reject the promise), then loads, links and evaluates the module in a
//! job, so the caller's code runs to its end first, as with an
//! asynchronous host. Only the `type` import attribute is supported.
//!
//! Invariant: the job's native function holds everything it needs in its
//! captures (promise, specifier, referrer, type), so they stay alive.

use super::load::{load_dependencies, load_request, referrer_dir};
use super::namespace::get_module_namespace;
use super::{evaluate, link, root, syntax_error, with_registry, ModuleId};
use crate::builtins::builder::native_function;
use spindle_compiler::codegen::ModuleRequest;
use spindle_vm::object::{Attributes, NativeFunction, ObjectKind};
use spindle_vm::promise::{Handler, Job};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the `import()` and `import.meta` hooks.
pub(crate) fn install_hooks(vm: &mut Vm) {
    vm.host.import_call = Some(import_call);
    vm.host.import_meta = Some(import_meta);
}

/// A native function capturing `captures`.
fn closure(vm: &mut Vm, f: spindle_vm::object::NativeFn, captures: Vec<Value>) -> Obj {
    let func = native_function(vm, "", 1, f, false);
    if let ObjectKind::Native(n) = &mut vm.heap.object_mut(func).kind {
        *n = NativeFunction { call: n.call, construct: false, captures: captures.into_boxed_slice(), realm: n.realm };
    }
    func
}

/// The running native function's captures.
fn captures(vm: &mut Vm) -> Vec<Value> {
    let Some(f) = vm.current_native() else { return Vec::new() };
    match &vm.heap.object(f).kind {
        ObjectKind::Native(n) => n.captures.to_vec(),
        _ => Vec::new(),
    }
}

/// EvaluateImportCall steps 5-12: the promise; the rest in a job.
fn import_call(vm: &mut Vm, referrer: &str, specifier: Value, options: Value) -> JsResult<Value> {
    // The conversions may run user code (and a collection): the promise comes after them.
    let request = import_request(vm, specifier, options);
    let promise = vm.new_promise();
    match request {
        Err(e) => vm.reject_promise(promise, e),
        Ok((specifier, kind)) => {
            // GetActiveScriptOrModule: eval code imports as the code that ran it.
            let files = vm.frame_files();
            let referrer = files.iter().find(|f| f.as_ref() != crate::builtins::global::EVAL_FILE).map_or(referrer, |f| f.as_ref());
            let referrer = vm.string(referrer);
            let job = closure(vm, continue_import, vec![Value::Object(promise), specifier, referrer, kind]);
            vm.jobs.jobs.push_back(Job::Callback(Value::Object(job)));
        }
    }
    Ok(Value::Object(promise))
}

/// Steps 7-10: ToString(specifier), and the `type` of `options.with`
/// (undefined if none).
fn import_request(vm: &mut Vm, specifier: Value, options: Value) -> JsResult<(Value, Value)> {
    let specifier = Value::String(vm.to_string(specifier)?);
    let mut kind = Value::Undefined;
    if options == Value::Undefined {
        return Ok((specifier, kind));
    }
    let Value::Object(o) = options else { return vm.type_error("The second argument of import() must be an object") };
    let with_key = vm.heap.key_from_str("with");
    let with = vm.get(o, with_key, options)?;
    if with == Value::Undefined {
        return Ok((specifier, kind));
    }
    let Value::Object(w) = with else { return vm.type_error("The 'with' option of import() must be an object") };
    let type_key = vm.heap.key_from_str("type");
    let mut unsupported = None;
    for key in vm.enumerable_own_keys(w)? {
        let value = vm.get(w, key, with)?;
        if !matches!(value, Value::String(_)) {
            return vm.type_error("Import attribute values must be strings");
        }
        if key == type_key {
            kind = value;
        } else {
            unsupported.get_or_insert(key);
        }
    }
    if let Some(key) = unsupported {
        let name = vm.heap.key_to_value(key);
        let name = match name {
            Value::String(s) => vm.heap.to_rust_string(s),
            _ => String::new(),
        };
        return Err(syntax_error(vm, &format!("Import attribute '{name}' is not supported")));
    }
    Ok((specifier, kind))
}

/// The job: HostLoadImportedModule, then ContinueDynamicImport.
fn continue_import(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    let c = captures(vm);
    let [Value::Object(promise), Value::String(specifier), Value::String(referrer), kind] = c[..] else { return Ok(Value::Undefined) };
    let mut attributes = Vec::new();
    if let Value::String(t) = kind {
        attributes.push(("type".encode_utf16().collect(), vm.heap.units(t).to_vec()));
    }
    let request = ModuleRequest { specifier: vm.heap.units(specifier).to_vec(), attributes };
    let referrer = vm.heap.to_rust_string(referrer);
    let dir = referrer_dir(vm, &referrer);
    let loaded = load_request(vm, &dir, &request).and_then(|id| load_dependencies(vm, id).map(|_| id)).and_then(|id| link(vm, id).map(|_| id));
    let module = match loaded {
        Ok(id) => id,
        Err(e) => {
            vm.reject_promise(promise, e);
            return Ok(Value::Undefined);
        }
    };
    let evaluated = evaluate(vm, module);
    let on_fulfilled = closure(vm, import_fulfilled, vec![Value::Object(promise), Value::Number(module as f64)]);
    let on_rejected = closure(vm, import_rejected, vec![Value::Object(promise)]);
    vm.perform_promise_then(evaluated, Handler::Function(on_fulfilled), Handler::Function(on_rejected), None);
    Ok(Value::Undefined)
}

/// ContinueDynamicImport's onFulfilled: resolve with the namespace.
fn import_fulfilled(vm: &mut Vm, _: Value, _: &[Value], _: Option<Obj>) -> JsResult<Value> {
    if let [Value::Object(promise), Value::Number(id)] = captures(vm)[..] {
        let ns = get_module_namespace(vm, id as ModuleId);
        vm.resolve_promise(promise, Value::Object(ns))?;
    }
    Ok(Value::Undefined)
}

/// ContinueDynamicImport's onRejected: reject with the reason.
fn import_rejected(vm: &mut Vm, _: Value, args: &[Value], _: Option<Obj>) -> JsResult<Value> {
    if let [Value::Object(promise)] = captures(vm)[..] {
        vm.reject_promise(promise, args.first().copied().unwrap_or(Value::Undefined));
    }
    Ok(Value::Undefined)
}

/// `import.meta` of the module compiled from `file`: made on first use,
/// a null-prototype object with the host's `url` property.
fn import_meta(vm: &mut Vm, file: &str) -> JsResult<Value> {
    let found = with_registry(vm, |r| r.modules.iter().position(|m| m.name == file).map(|i| (i, r.modules[i].meta)));
    let Some((id, meta)) = found else { return vm.syntax_error("import.meta is only valid in module code") };
    if let Some(m) = meta {
        return Ok(Value::Object(m));
    }
    let meta = vm.heap.alloc_object(None, ObjectKind::Ordinary);
    root(vm, Value::Object(meta));
    let url = vm.string(&format!("file://{file}"));
    let key: PropertyKey = vm.heap.key_from_str("url");
    vm.heap.define_raw(meta, key, url, Attributes::ALL);
    with_registry(vm, |r| r.modules[id].meta = Some(meta));
    Ok(Value::Object(meta))
}
