//! Error objects (ECMAScript 2025 §20.5): the Error constructor, the
//! native errors (EvalError, RangeError, ReferenceError, SyntaxError,
//! TypeError, URIError), AggregateError, their prototypes (`name`,
//! `message`, `constructor`) and `Error.prototype.toString`.
//!
//! Every error gets a `stack` own property when constructed
//! (`Name: message` and the frames, from [`Vm::attach_stack`]). The VM's
//! own errors (`vm.error(kind, ...)`) use the same prototypes.

use super::builder::{native_function, Builder};
use super::core_support::iterable_to_list;
use super::support::{arg, install_global, key};
use spindle_vm::object::{Attributes, NativeFn, ObjectKind, PropertyDescriptor};
use spindle_vm::realm::ErrorKind;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// The specification names of each kind's constructor and prototype.
fn spec_names(kind: ErrorKind) -> (&'static str, &'static str) {
    match kind {
        ErrorKind::Error => ("%Error%", "%Error.prototype%"),
        ErrorKind::TypeError => ("%TypeError%", "%TypeError.prototype%"),
        ErrorKind::RangeError => ("%RangeError%", "%RangeError.prototype%"),
        ErrorKind::ReferenceError => ("%ReferenceError%", "%ReferenceError.prototype%"),
        ErrorKind::SyntaxError => ("%SyntaxError%", "%SyntaxError.prototype%"),
        ErrorKind::EvalError => ("%EvalError%", "%EvalError.prototype%"),
        ErrorKind::UriError => ("%URIError%", "%URIError.prototype%"),
        ErrorKind::AggregateError => ("%AggregateError%", "%AggregateError.prototype%"),
    }
}

/// The constructor function of each kind.
fn constructor_fn(kind: ErrorKind) -> NativeFn {
    match kind {
        ErrorKind::Error => error_constructor::<0>,
        ErrorKind::TypeError => error_constructor::<1>,
        ErrorKind::RangeError => error_constructor::<2>,
        ErrorKind::ReferenceError => error_constructor::<3>,
        ErrorKind::SyntaxError => error_constructor::<4>,
        ErrorKind::EvalError => error_constructor::<5>,
        ErrorKind::UriError => error_constructor::<6>,
        ErrorKind::AggregateError => aggregate_error_constructor,
    }
}

/// Installs Error, the native errors and AggregateError.
pub(crate) fn install(vm: &mut Vm) {
    let mut error_ctor = None;
    for kind in ErrorKind::ALL {
        let proto = vm.realm.error_prototype(kind);
        let length = if kind == ErrorKind::AggregateError { 2 } else { 1 };
        let ctor = native_function(vm, kind.name(), length, constructor_fn(kind), true);
        if let Some(parent) = error_ctor {
            // §20.5.6.2, §20.5.7.2: the [[Prototype]] of a native error constructor is %Error%.
            vm.heap.object_mut(ctor).proto = Some(parent);
        } else {
            error_ctor = Some(ctor);
        }
        let prototype_key = PropertyKey::Atom(vm.heap.names.prototype);
        vm.heap.define_raw(ctor, prototype_key, Value::Object(proto), Attributes::NONE);
        let (ctor_name, proto_name) = spec_names(kind);
        vm.realm.named.insert(ctor_name, ctor);
        vm.realm.named.insert(proto_name, proto);
        install_global(vm, kind.name(), Value::Object(ctor));
        let name = vm.string(kind.name());
        let empty = vm.string("");
        Builder::new(vm, proto)
            .value("constructor", Value::Object(ctor), Attributes::WRITABLE_CONFIGURABLE)
            .value("message", empty, Attributes::WRITABLE_CONFIGURABLE)
            .value("name", name, Attributes::WRITABLE_CONFIGURABLE);
    }
    let error_proto = vm.realm.error_prototype(ErrorKind::Error);
    Builder::new(vm, error_proto).method("toString", 0, error_to_string);
}

/// Error(message, options) and NativeError(message, options) (§20.5.1.1,
/// §20.5.6.1.1); `K` indexes [`ErrorKind::ALL`].
fn error_constructor<const K: usize>(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    let kind = ErrorKind::ALL.get(K).copied().unwrap_or(ErrorKind::Error);
    let o = create_error(vm, kind, new_target, arg(args, 0), arg(args, 1))?;
    vm.attach_stack(o);
    Ok(Value::Object(o))
}

/// Steps 1-4 shared by every error constructor: the object from
/// newTarget, its `message` and its `cause`.
fn create_error(vm: &mut Vm, kind: ErrorKind, new_target: Option<Obj>, message: Value, options: Value) -> JsResult<Obj> {
    // 1. If NewTarget is undefined, let newTarget be the active function object.
    let fallback = vm.realm.error_prototype(kind);
    let new_target = new_target.or_else(|| vm.realm.intrinsic(spec_names(kind).0));
    // 2. Let O be ? OrdinaryCreateFromConstructor(newTarget, "%NativeError.prototype%", « [[ErrorData]] »).
    let o = match new_target {
        Some(nt) => vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Error)?,
        None => vm.heap.alloc_object(Some(fallback), ObjectKind::Error),
    };
    // 3. If message is not undefined, then
    if message != Value::Undefined {
        // a. Let msg be ? ToString(message).
        let msg = vm.to_string(message)?;
        // b. Perform CreateNonEnumerableDataPropertyOrThrow(O, "message", msg).
        let k = PropertyKey::Atom(vm.heap.names.message);
        vm.heap.define_raw(o, k, Value::String(msg), Attributes::WRITABLE_CONFIGURABLE);
    }
    // 4. Perform ? InstallErrorCause(O, options).
    install_error_cause(vm, o, options)?;
    Ok(o)
}

/// InstallErrorCause(O, options) (§20.5.8.1).
fn install_error_cause(vm: &mut Vm, o: Obj, options: Value) -> JsResult<()> {
    // 1. If options is an Object and ? HasProperty(options, "cause") is true, then
    let Value::Object(opts) = options else { return Ok(()) };
    let cause_key = key(vm, "cause");
    if vm.has_property(opts, cause_key)? {
        // a. Let cause be ? Get(options, "cause").
        let cause = vm.get(opts, cause_key, options)?;
        // b. Perform CreateNonEnumerableDataPropertyOrThrow(O, "cause", cause).
        vm.heap.define_raw(o, cause_key, cause, Attributes::WRITABLE_CONFIGURABLE);
    }
    Ok(())
}

/// AggregateError(errors, message, options) (§20.5.7.1.1).
fn aggregate_error_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1-4. The object, its message and its cause.
    let o = create_error(vm, ErrorKind::AggregateError, new_target, arg(args, 1), arg(args, 2))?;
    // 5. Let errorsList be ? IteratorToList(? GetIterator(errors, sync)).
    let errors = iterable_to_list(vm, arg(args, 0))?;
    // 6. Perform ! DefinePropertyOrThrow(O, "errors", { [[Configurable]]: true,
    //    [[Enumerable]]: false, [[Writable]]: true, [[Value]]: CreateArrayFromList(errorsList) }).
    let list = vm.create_array(&errors);
    let errors_key = key(vm, "errors");
    let desc = PropertyDescriptor::data(Value::Object(list), Attributes::WRITABLE_CONFIGURABLE);
    vm.define_property_or_throw(o, errors_key, desc)?;
    vm.attach_stack(o);
    // 7. Return O.
    Ok(Value::Object(o))
}

/// Error.prototype.toString() (§20.5.3.4).
fn error_to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let O be the this value; if O is not an Object, throw a TypeError.
    let Value::Object(o) = this else {
        return vm.type_error("Error.prototype.toString called on non-object");
    };
    // 3-4. Let name be ? Get(O, "name"); undefined → "Error", else ? ToString(name).
    let name_key = PropertyKey::Atom(vm.heap.names.name);
    let name = match vm.get(o, name_key, this)? {
        Value::Undefined => vm.string("Error"),
        v => Value::String(vm.to_string(v)?),
    };
    // 5-6. Let msg be ? Get(O, "message"); undefined → "", else ? ToString(msg).
    let message_key = PropertyKey::Atom(vm.heap.names.message);
    let msg = match vm.get(o, message_key, this)? {
        Value::Undefined => vm.string(""),
        v => Value::String(vm.to_string(v)?),
    };
    let (Value::String(name), Value::String(msg)) = (name, msg) else { return Ok(Value::Undefined) };
    // 7. If name is the empty String, return msg.
    if vm.heap.string_len(name) == 0 {
        return Ok(Value::String(msg));
    }
    // 8. If msg is the empty String, return name.
    if vm.heap.string_len(msg) == 0 {
        return Ok(Value::String(name));
    }
    // 9. Return name + ": " + msg.
    let sep = vm.heap.string_from_str(": ");
    let head = vm.heap.concat(name, sep);
    Ok(Value::String(vm.heap.concat(head, msg)))
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn constructors() {
        assert_eq!(run("new Error('boom').message"), "boom");
        assert_eq!(run("Error('x') instanceof Error"), "true");
        assert_eq!(run("new TypeError('t') instanceof Error"), "true");
        assert_eq!(run("Object.getPrototypeOf(RangeError) === Error"), "true");
        assert_eq!(run("new Error().hasOwnProperty('message')"), "false");
        assert_eq!(run("new Error('m', {cause: 5}).cause"), "5");
        assert_eq!(run("new Error('m', {}).hasOwnProperty('cause')"), "false");
        assert_eq!(run("URIError.prototype.name + SyntaxError.name + EvalError.length"), "URIErrorSyntaxError1");
        assert_eq!(run("var e = new AggregateError([1, 2], 'agg'); e.errors.length + e.message"), "2agg");
        assert_eq!(run("AggregateError.length"), "2");
        assert_eq!(run("class E extends Error {}; var e = new E('q'); (e instanceof E) + e.message"), "trueq");
    }

    #[test]
    fn to_string_and_vm_errors() {
        assert_eq!(run("new TypeError('bad').toString()"), "TypeError: bad");
        assert_eq!(run("Error.prototype.toString.call({name: '', message: 'm'})"), "m");
        assert_eq!(run("Error.prototype.toString.call({})"), "Error");
        assert_eq!(run("var r; try { null.x } catch (e) { r = e instanceof TypeError && e.constructor === TypeError } r"), "true");
        assert_eq!(run("var r; try { undefinedVariable } catch (e) { r = e.name } r"), "ReferenceError");
        assert_eq!(run("typeof new Error('s').stack"), "string");
    }
}
