//! The Proxy constructor and `Proxy.revocable` (ECMAScript 2025 §28.2).
//! The Proxy exotic object itself lives in the VM (`vm/src/object/proxy.rs`).
//!
//! A revoke function must reach its proxy ([[RevocableProxy]]), but a
//! native function cannot see its own object; so the revoker is a bound
//! function over one shared native whose bound `this` is the proxy.
//! Revoking twice is harmless, as the specification's null slot makes it.

use super::builder::{native_function, Builder};
use super::core_support::new_object;
use super::support::{arg, install_global};
use spindle_vm::object::{Attributes, BoundFunction, ObjectKind};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `Proxy` (a constructor without a `prototype` property).
pub(crate) fn install(vm: &mut Vm) {
    let ctor = native_function(vm, "Proxy", 2, proxy_constructor, true);
    Builder::new(vm, ctor).method("revocable", 2, revocable);
    let revoke = native_function(vm, "", 0, revoke_proxy, false);
    vm.realm.named.insert("%Proxy%", ctor);
    vm.realm.named.insert("%ProxyRevoke%", revoke);
    install_global(vm, "Proxy", Value::Object(ctor));
}

/// Proxy(target, handler) (§28.2.1.1).
fn proxy_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    if new_target.is_none() {
        return vm.type_error("Constructor Proxy requires 'new'");
    }
    // 2. Return ? ProxyCreate(target, handler).
    Ok(Value::Object(vm.proxy_create(arg(args, 0), arg(args, 1))?))
}

/// Proxy.revocable(target, handler) (§28.2.2.1).
fn revocable(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let proxy be ? ProxyCreate(target, handler).
    let proxy = vm.proxy_create(arg(args, 0), arg(args, 1))?;
    // 2-4. Let revoker be a built-in function of length 0 named "" holding the proxy.
    let revoker = make_revoker(vm, proxy)?;
    // 5. Let result be OrdinaryObjectCreate(%Object.prototype%).
    let result = new_object(vm);
    // 6-7. CreateDataPropertyOrThrow(result, "proxy", proxy) and (result, "revoke", revoker).
    let proxy_key = vm.heap.key_from_str("proxy");
    vm.create_data_property_or_throw(result, proxy_key, Value::Object(proxy))?;
    let revoke_key = vm.heap.key_from_str("revoke");
    vm.create_data_property_or_throw(result, revoke_key, Value::Object(revoker))?;
    // 8. Return result.
    Ok(Value::Object(result))
}

/// The revoke function of one revocable proxy.
fn make_revoker(vm: &mut Vm, proxy: Obj) -> JsResult<Obj> {
    let Some(revoke) = vm.realm.intrinsic("%ProxyRevoke%") else {
        return vm.type_error("internal error: %ProxyRevoke% is missing");
    };
    let fp = vm.realm.intrinsics.function_prototype;
    let bound = BoundFunction { target: revoke, this: Value::Object(proxy), args: Box::new([]) };
    let f = vm.heap.alloc_object(Some(fp), ObjectKind::Bound(bound));
    let length = PropertyKey::Atom(vm.heap.names.length);
    vm.heap.define_raw(f, length, Value::Number(0.0), Attributes::CONFIGURABLE);
    let name = PropertyKey::Atom(vm.heap.names.name);
    let empty = vm.string("");
    vm.heap.define_raw(f, name, empty, Attributes::CONFIGURABLE);
    Ok(f)
}

/// The shared body of revoke functions (§28.2.2.1.1): `this` is the proxy.
fn revoke_proxy(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-5. If [[RevocableProxy]] is not null: revoke it (set its target and handler to null).
    if let Value::Object(p) = this {
        vm.proxy_revoke(p);
    }
    // 6. Return undefined.
    Ok(Value::Undefined)
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn proxies() {
        assert_eq!(run("new Proxy({}, { get: function(t, k){ return k + '!' } }).hi"), "hi!");
        assert_eq!(run("Proxy({}, {})"), "TypeError: Constructor Proxy requires 'new'");
        assert_eq!(run("Proxy.hasOwnProperty('prototype')"), "false");
        assert_eq!(run("var r = Proxy.revocable({a: 1}, {}); var x = r.proxy.a; r.revoke(); r.revoke(); x"), "1");
        assert_eq!(run("var r = Proxy.revocable({}, {}); r.revoke(); r.proxy.a"), "TypeError: Cannot perform 'get' on a proxy that has been revoked");
        assert_eq!(run("var r = Proxy.revocable({}, {}); r.revoke.length + ':' + r.revoke.name + ':' + r.revoke.hasOwnProperty('prototype')"), "0::false");
        assert_eq!(run("typeof new Proxy(function(){ return 3 }, {})"), "function");
        assert_eq!(run("new Proxy(function(){ return 3 }, {})()"), "3");
    }
}
