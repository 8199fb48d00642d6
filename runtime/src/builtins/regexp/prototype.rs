//! `RegExp.prototype.exec` (§22.2.6.2), `test` (§22.2.6.16), `toString`
//! (§22.2.6.17) and Annex B's `compile` (§B.2.4.1).

use super::exec::{builtin_exec, regexp_exec_raw, Exec};
use super::{regexp_data, reinitialize};
use crate::builtins::builder::{native_function, Builder};
use crate::builtins::support::arg;
use spindle_vm::object::{Attributes, Property};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the methods on `proto`.
pub(super) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto).method("compile", 2, compile).method("exec", 1, exec).method("test", 1, test);
    let exec_key = vm.heap.key_from_str("exec");
    if let Some(Property::Data { value: Value::Object(f), .. }) = vm.heap.get_own_raw(proto, exec_key) {
        vm.realm.named.insert("%RegExp.prototype.exec%", f);
    }
    let f = native_function(vm, "toString", 0, to_string, false);
    let key = PropertyKey::Atom(vm.heap.names.to_string);
    vm.heap.define_raw(proto, key, Value::Object(f), Attributes::WRITABLE_CONFIGURABLE);
}

/// The `this` of a method that needs a RegExp instance.
fn this_regexp(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) if regexp_data(vm, this).is_some() => Ok(o),
        _ => vm.type_error(&format!("RegExp.prototype.{method} called on an incompatible receiver")),
    }
}

/// The `this` of a generic method: any object.
pub(super) fn this_object(vm: &mut Vm, this: Value, method: &str) -> JsResult<Obj> {
    match this {
        Value::Object(o) => Ok(o),
        _ => vm.type_error(&format!("RegExp.prototype.{method} called on a non-object")),
    }
}

/// `RegExp.prototype.exec(string)`.
fn exec(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let R be the this value; RequireInternalSlot(R, [[RegExpMatcher]]).
    let r = this_regexp(vm, this, "exec")?;
    // 3. Let S be ? ToString(string).
    let s = vm.to_string(arg(args, 0))?;
    // 4. Return ? RegExpBuiltinExec(R, S).
    builtin_exec(vm, r, s)
}

/// `RegExp.prototype.test(S)`.
fn test(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. R must be an Object.
    let r = this_object(vm, this, "test")?;
    // 3. Let string be ? ToString(S).
    let s = vm.to_string(arg(args, 0))?;
    // 4-5. Let match be ? RegExpExec(R, string); return match is not null.
    Ok(Value::Bool(match regexp_exec_raw(vm, r, s)? {
        Exec::Builtin(m) => m.is_some(),
        Exec::Object(v) => v != Value::Null,
    }))
}

/// `RegExp.prototype.toString()`.
fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let r = this_object(vm, this, "toString")?;
    // 3. Let pattern be ? ToString(? Get(R, "source")).
    let source_key = vm.heap.key_from_str("source");
    let source = vm.get_property(r, source_key)?;
    let pattern = vm.to_string(source)?;
    // 4. Let flags be ? ToString(? Get(R, "flags")).
    let flags_key = vm.heap.key_from_str("flags");
    let flags = vm.get_property(r, flags_key)?;
    let flags = vm.to_string(flags)?;
    // 5-6. "/" + pattern + "/" + flags.
    let mut out = vec![u16::from(b'/')];
    out.extend_from_slice(vm.heap.units(pattern));
    out.push(u16::from(b'/'));
    out.extend_from_slice(vm.heap.units(flags));
    crate::builtins::string::make_string(vm, out)
}

/// `RegExp.prototype.compile(pattern, flags)` (Annex B).
fn compile(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let O be the this value; RequireInternalSlot(O, [[RegExpMatcher]]).
    let o = this_regexp(vm, this, "compile")?;
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    // 3-4. A RegExp pattern lends its source and flags (then flags must be undefined).
    let (p, f) = match regexp_data(vm, pattern) {
        Some(data) => {
            let (source, original_flags) = (data.source, data.flags);
            if flags != Value::Undefined {
                return vm.type_error("Cannot supply flags when constructing one RegExp from another");
            }
            (Value::String(source), Value::String(original_flags))
        }
        None => (pattern, flags),
    };
    // 5. Return ? RegExpInitialize(O, P, F).
    reinitialize(vm, o, p, f)?;
    Ok(Value::Object(o))
}
