//! Proxy exotic objects (§10.5), part one: creation, revocation, the trap
//! look-up, and the traps that concern the object as a whole or one
//! property's descriptor (getPrototypeOf, setPrototypeOf, isExtensible,
//! preventExtensions, getOwnPropertyDescriptor, defineProperty, has). The
//! rest are in `proxy_traps.rs`.
//!
//! Every trap result is checked against the target's invariants exactly as
//! the specification orders it. Invariant: a revoked proxy has neither
//! target nor handler; each trap first throws a TypeError for it. Proxy
//! methods count as a native re-entry, so a long chain of proxies ends in a
//! RangeError rather than a Rust stack overflow.

use super::{ObjectKind, Property, PropertyDescriptor, Proxy};
use crate::value::{Atom, Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};

/// What a trap look-up found.
pub(crate) struct Trap {
    /// [[ProxyHandler]]
    pub(crate) handler: Obj,
    /// [[ProxyTarget]]
    pub(crate) target: Obj,
    /// The trap function, or `None` to forward to the target.
    pub(crate) trap: Option<Value>,
}

impl Vm {
    /// ProxyCreate(target, handler) (§10.5.14).
    pub fn proxy_create(&mut self, target: Value, handler: Value) -> JsResult<Obj> {
        // 1-2. Both must be objects.
        let (Value::Object(t), Value::Object(h)) = (target, handler) else {
            return self.type_error("Cannot create proxy with a non-object as target or handler");
        };
        // 3-7. A new proxy, callable and constructible like its target.
        let kind = ObjectKind::Proxy(Proxy {
            target: Some(t),
            handler: Some(h),
            callable: self.is_callable(target),
            constructor: self.is_constructor(target),
        });
        Ok(self.heap.alloc_object(None, kind))
    }

    /// Revokes proxy `p` (the revoke function of `Proxy.revocable`).
    pub fn proxy_revoke(&mut self, p: Obj) {
        if let ObjectKind::Proxy(proxy) = &mut self.heap.object_mut(p).kind {
            proxy.target = None;
            proxy.handler = None;
        }
    }

    /// Steps 1-5 of every proxy method: the handler (TypeError if revoked),
    /// the target, and GetMethod(handler, name).
    pub(crate) fn proxy_trap(&mut self, o: Obj, name: Atom) -> JsResult<Trap> {
        let (handler, target) = match &self.heap.object(o).kind {
            ObjectKind::Proxy(p) => (p.handler, p.target),
            _ => (None, None),
        };
        let (Some(handler), Some(target)) = (handler, target) else {
            let op = String::from_utf16_lossy(self.heap.atom_units(name));
            return self.type_error(&format!("Cannot perform '{op}' on a proxy that has been revoked"));
        };
        let trap = self.get_method(Value::Object(handler), PropertyKey::Atom(name))?;
        Ok(Trap { handler, target, trap })
    }

    /// Runs a proxy method with the re-entry depth bounded.
    pub(crate) fn proxy_guard<T>(&mut self, o: Obj, f: impl FnOnce(&mut Vm) -> JsResult<T>) -> JsResult<T> {
        if self.interp.enter_native(o).is_err() {
            return self.range_error("Maximum call stack size exceeded");
        }
        let r = f(self);
        self.interp.leave_native();
        r
    }

    /// A TypeError "'trap' on proxy: message".
    pub(crate) fn proxy_error<T>(&mut self, name: Atom, message: &str) -> JsResult<T> {
        let op = String::from_utf16_lossy(self.heap.atom_units(name));
        self.type_error(&format!("'{op}' on proxy: {message}"))
    }

    /// ToBoolean(? Call(trap, handler, args)).
    pub(crate) fn call_trap_bool(&mut self, trap: Value, handler: Obj, args: &[Value]) -> JsResult<bool> {
        let r = self.call(trap, Value::Object(handler), args)?;
        Ok(self.to_boolean(r))
    }

    /// [[GetPrototypeOf]] (§10.5.1).
    pub(crate) fn proxy_get_prototype_of(&mut self, o: Obj) -> JsResult<Option<Obj>> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.get_prototype_of;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[GetPrototypeOf]]().
            let Some(trap) = trap else { return vm.get_prototype_of(target) };
            // 7. Let handlerProto be ? Call(trap, handler, « target »).
            let handler_proto = match vm.call(trap, Value::Object(handler), &[Value::Object(target)])? {
                Value::Object(p) => Some(p),
                Value::Null => None,
                // 8. If handlerProto is neither an Object nor null, throw a TypeError exception.
                _ => return vm.proxy_error(name, "trap returned neither object nor null"),
            };
            // 9-10. If extensibleTarget is true, return handlerProto.
            if vm.is_extensible(target)? {
                return Ok(handler_proto);
            }
            // 11-12. SameValue(handlerProto, targetProto) must hold.
            if vm.get_prototype_of(target)? != handler_proto {
                return vm.proxy_error(name, "proxy target is non-extensible but the trap did not return its actual prototype");
            }
            // 13. Return handlerProto.
            Ok(handler_proto)
        })
    }

    /// [[SetPrototypeOf]] (§10.5.2).
    pub(crate) fn proxy_set_prototype_of(&mut self, o: Obj, v: Option<Obj>) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.set_prototype_of;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[SetPrototypeOf]](V).
            let Some(trap) = trap else { return vm.set_prototype_of(target, v) };
            // 7-8. If booleanTrapResult is false, return false.
            let proto = v.map_or(Value::Null, Value::Object);
            if !vm.call_trap_bool(trap, handler, &[Value::Object(target), proto])? {
                return Ok(false);
            }
            // 9-10. If extensibleTarget is true, return true.
            if vm.is_extensible(target)? {
                return Ok(true);
            }
            // 11-12. SameValue(V, targetProto) must hold.
            if vm.get_prototype_of(target)? != v {
                return vm.proxy_error(name, "trap returned truish for setting a new prototype on the non-extensible proxy target");
            }
            // 13. Return true.
            Ok(true)
        })
    }

    /// [[IsExtensible]] (§10.5.3).
    pub(crate) fn proxy_is_extensible(&mut self, o: Obj) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.is_extensible;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? IsExtensible(target).
            let Some(trap) = trap else { return vm.is_extensible(target) };
            // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target »)).
            let result = vm.call_trap_bool(trap, handler, &[Value::Object(target)])?;
            // 8-9. It must equal IsExtensible(target).
            if result != vm.is_extensible(target)? {
                let want = if result { "false" } else { "true" };
                return vm.proxy_error(name, &format!("trap result does not reflect extensibility of proxy target (which is '{want}')"));
            }
            // 10. Return booleanTrapResult.
            Ok(result)
        })
    }

    /// [[PreventExtensions]] (§10.5.4).
    pub(crate) fn proxy_prevent_extensions(&mut self, o: Obj) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.prevent_extensions;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[PreventExtensions]]().
            let Some(trap) = trap else { return vm.prevent_extensions(target) };
            // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target »)).
            let result = vm.call_trap_bool(trap, handler, &[Value::Object(target)])?;
            // 8. If true, the target must now be non-extensible.
            if result && vm.is_extensible(target)? {
                return vm.proxy_error(name, "trap returned truish but the proxy target is extensible");
            }
            // 9. Return booleanTrapResult.
            Ok(result)
        })
    }

    /// [[GetOwnProperty]] (§10.5.5).
    pub(crate) fn proxy_get_own_property(&mut self, o: Obj, key: PropertyKey) -> JsResult<Option<Property>> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.get_own_property_descriptor;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[GetOwnProperty]](P).
            let Some(trap) = trap else { return vm.get_own_property(target, key) };
            // 7. Let trapResultObj be ? Call(trap, handler, « target, P »).
            let p = vm.heap.key_to_value(key);
            let result = vm.call(trap, Value::Object(handler), &[Value::Object(target), p])?;
            // 8. If trapResultObj is neither an Object nor undefined, throw a TypeError exception.
            if !matches!(result, Value::Object(_) | Value::Undefined) {
                let k = vm.heap.key_display(key);
                return vm.proxy_error(name, &format!("trap returned neither object nor undefined for property '{k}'"));
            }
            // 9. Let targetDesc be ? target.[[GetOwnProperty]](P).
            let target_desc = vm.get_own_property(target, key)?;
            // 10. If trapResultObj is undefined, then
            if result == Value::Undefined {
                return vm.proxy_gopd_undefined(name, target, key, target_desc);
            }
            // 11. Let extensibleTarget be ? IsExtensible(target).
            let extensible = vm.is_extensible(target)?;
            // 12-13. resultDesc: ToPropertyDescriptor, then completed.
            let mut desc = vm.to_property_descriptor(result)?;
            desc.complete();
            // 14-15. IsCompatiblePropertyDescriptor(extensibleTarget, resultDesc, targetDesc).
            if !vm.heap.validate_and_apply(None, key, extensible, &desc, target_desc) {
                let k = vm.heap.key_display(key);
                return vm.proxy_error(name, &format!("trap returned descriptor for property '{k}' that is incompatible with the existing property in the proxy target"));
            }
            // 16. A non-configurable result needs a non-configurable target property.
            if desc.configurable == Some(false) {
                vm.proxy_check_non_configurable(name, key, &desc, target_desc)?;
            }
            // 17. Return resultDesc.
            Ok(Some(desc.to_property()))
        })
    }

    /// §10.5.5 step 10: the trap reported no property.
    fn proxy_gopd_undefined(&mut self, name: Atom, target: Obj, key: PropertyKey, target_desc: Option<Property>) -> JsResult<Option<Property>> {
        // a. If targetDesc is undefined, return undefined.
        let Some(td) = target_desc else { return Ok(None) };
        // b. If targetDesc.[[Configurable]] is false, throw a TypeError exception.
        if !td.configurable() {
            let k = self.heap.key_display(key);
            return self.proxy_error(name, &format!("trap returned undefined for property '{k}' which is non-configurable in the proxy target"));
        }
        // c-d. If the target is not extensible, throw a TypeError exception.
        if !self.is_extensible(target)? {
            let k = self.heap.key_display(key);
            return self.proxy_error(name, &format!("trap returned undefined for property '{k}' which exists in the non-extensible proxy target"));
        }
        // e. Return undefined.
        Ok(None)
    }

    /// §10.5.5 step 16.
    fn proxy_check_non_configurable(&mut self, name: Atom, key: PropertyKey, desc: &PropertyDescriptor, target_desc: Option<Property>) -> JsResult<()> {
        let k = self.heap.key_display(key);
        // a. targetDesc undefined or configurable → TypeError.
        match target_desc {
            Some(td) if !td.configurable() => {
                // b. A non-writable result needs a non-writable target property.
                if desc.writable == Some(false) && matches!(td, Property::Data { attrs, .. } if attrs.writable()) {
                    return self.proxy_error(name, &format!("trap reported non-configurable and writable for property '{k}' which is non-configurable, non-writable in the proxy target"));
                }
                Ok(())
            }
            _ => self.proxy_error(name, &format!("trap reported non-configurability for property '{k}' which is either non-existent or configurable in the proxy target")),
        }
    }

    /// [[DefineOwnProperty]] (§10.5.6).
    pub(crate) fn proxy_define_own_property(&mut self, o: Obj, key: PropertyKey, desc: PropertyDescriptor) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.define_property;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[DefineOwnProperty]](P, Desc).
            let Some(trap) = trap else { return vm.define_own_property(target, key, desc) };
            // 7-9. Call the trap with FromPropertyDescriptor(Desc); false → false.
            let desc_obj = Value::Object(vm.from_property_descriptor(&desc));
            let p = vm.heap.key_to_value(key);
            if !vm.call_trap_bool(trap, handler, &[Value::Object(target), p, desc_obj])? {
                return Ok(false);
            }
            // 10-11. targetDesc, extensibleTarget.
            let target_desc = vm.get_own_property(target, key)?;
            let extensible = vm.is_extensible(target)?;
            // 12. settingConfigFalse.
            let setting_config_false = desc.configurable == Some(false);
            let k = vm.heap.key_display(key);
            let Some(td) = target_desc else {
                // 13. No target property: the target must be extensible, and the
                // property must not be reported non-configurable.
                if !extensible {
                    return vm.proxy_error(name, &format!("trap returned truish for adding property '{k}' to the non-extensible proxy target"));
                }
                if setting_config_false {
                    return vm.proxy_error(name, &format!("trap returned truish for defining non-configurable property '{k}' which is either non-existent or configurable in the proxy target"));
                }
                return Ok(true);
            };
            // 14.a. IsCompatiblePropertyDescriptor(extensibleTarget, Desc, targetDesc).
            if !vm.heap.validate_and_apply(None, key, extensible, &desc, Some(td)) {
                return vm.proxy_error(name, &format!("trap returned truish for adding property '{k}'  that is incompatible with the existing property in the proxy target"));
            }
            // 14.b. settingConfigFalse and a configurable target property.
            if setting_config_false && td.configurable() {
                return vm.proxy_error(name, &format!("trap returned truish for defining non-configurable property '{k}' which is either non-existent or configurable in the proxy target"));
            }
            // 14.c. A non-configurable writable data property cannot be reported made read-only.
            if let Property::Data { attrs, .. } = td {
                if !attrs.configurable() && attrs.writable() && desc.writable == Some(false) {
                    return vm.proxy_error(name, &format!("trap returned truish for defining non-configurable property '{k}' which cannot be non-writable, unless there exists a corresponding non-configurable, non-writable own property of the target object."));
                }
            }
            // 15. Return true.
            Ok(true)
        })
    }

    /// [[HasProperty]] (§10.5.7).
    pub(crate) fn proxy_has(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.has;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[HasProperty]](P).
            let Some(trap) = trap else { return vm.has_property(target, key) };
            // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target, P »)).
            let p = vm.heap.key_to_value(key);
            let result = vm.call_trap_bool(trap, handler, &[Value::Object(target), p])?;
            // 8. If false, a non-configurable property or a non-extensible target forbids hiding.
            if !result {
                if let Some(td) = vm.get_own_property(target, key)? {
                    let k = vm.heap.key_display(key);
                    if !td.configurable() {
                        return vm.proxy_error(name, &format!("trap returned falsish for property '{k}' which exists in the proxy target as non-configurable"));
                    }
                    if !vm.is_extensible(target)? {
                        return vm.proxy_error(name, &format!("trap returned falsish for property '{k}' but the proxy target is not extensible"));
                    }
                }
            }
            // 9. Return booleanTrapResult.
            Ok(result)
        })
    }
}
