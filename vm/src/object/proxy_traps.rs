//! Proxy exotic objects (§10.5), part two: the get, set, deleteProperty,
//! ownKeys, apply and construct traps with their invariant checks.

use super::descriptor::same_value;
use super::proxy::Trap;
use super::Property;
use crate::value::{Obj, PropertyKey, Value};
use crate::vm::{JsResult, Vm};
use rustc_hash::FxHashSet;

impl Vm {
    /// [[Get]] (§10.5.8).
    pub(crate) fn proxy_get(&mut self, o: Obj, key: PropertyKey, receiver: Value) -> JsResult<Value> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.get;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[Get]](P, Receiver).
            let Some(trap) = trap else { return vm.get(target, key, receiver) };
            // 7. Let trapResult be ? Call(trap, handler, « target, P, Receiver »).
            let p = vm.heap.key_to_value(key);
            let result = vm.call(trap, Value::Object(handler), &[Value::Object(target), p, receiver])?;
            // 8-9. A non-configurable target property pins the result.
            let k = vm.heap.key_display(key);
            match vm.get_own_property(target, key)? {
                Some(Property::Data { value, attrs })
                    if !attrs.configurable() && !attrs.writable() && !same_value(&vm.heap, result, value) =>
                {
                    return vm.proxy_error(name, &format!("property '{k}' is a read-only and non-configurable data property on the proxy target but the proxy did not return its actual value"));
                }
                Some(Property::Accessor { get: None, attrs, .. }) if !attrs.configurable() && result != Value::Undefined => {
                    return vm.proxy_error(name, &format!("property '{k}' is a non-configurable accessor property on the proxy target and does not have a getter function, but the trap did not return 'undefined'"));
                }
                _ => {}
            }
            // 10. Return trapResult.
            Ok(result)
        })
    }

    /// [[Set]] (§10.5.9).
    pub(crate) fn proxy_set(&mut self, o: Obj, key: PropertyKey, value: Value, receiver: Value) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.set;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[Set]](P, V, Receiver).
            let Some(trap) = trap else { return vm.set(target, key, value, receiver) };
            // 7-8. If booleanTrapResult is false, return false.
            let p = vm.heap.key_to_value(key);
            if !vm.call_trap_bool(trap, handler, &[Value::Object(target), p, value, receiver])? {
                return Ok(false);
            }
            // 9-10. A non-configurable target property forbids the change.
            let k = vm.heap.key_display(key);
            match vm.get_own_property(target, key)? {
                Some(Property::Data { value: tv, attrs })
                    if !attrs.configurable() && !attrs.writable() && !same_value(&vm.heap, value, tv) =>
                {
                    return vm.proxy_error(name, &format!("trap returned truish for property '{k}' which exists in the proxy target as a non-configurable and non-writable data property with a different value"));
                }
                Some(Property::Accessor { set: None, attrs, .. }) if !attrs.configurable() => {
                    return vm.proxy_error(name, &format!("trap returned truish for property '{k}' which exists in the proxy target as a non-configurable and non-writable accessor property without a setter"));
                }
                _ => {}
            }
            // 11. Return true.
            Ok(true)
        })
    }

    /// [[Delete]] (§10.5.10).
    pub(crate) fn proxy_delete(&mut self, o: Obj, key: PropertyKey) -> JsResult<bool> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.delete_property;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[Delete]](P).
            let Some(trap) = trap else { return vm.delete(target, key) };
            // 7-8. If booleanTrapResult is false, return false.
            let p = vm.heap.key_to_value(key);
            if !vm.call_trap_bool(trap, handler, &[Value::Object(target), p])? {
                return Ok(false);
            }
            // 9-10. If targetDesc is undefined, return true.
            let Some(td) = vm.get_own_property(target, key)? else { return Ok(true) };
            let k = vm.heap.key_display(key);
            // 11. A non-configurable property cannot be reported deleted.
            if !td.configurable() {
                return vm.proxy_error(name, &format!("trap returned truish for property '{k}' which is non-configurable in the proxy target"));
            }
            // 12-13. Nor any property of a non-extensible target.
            if !vm.is_extensible(target)? {
                return vm.proxy_error(name, &format!("trap returned truish for property '{k}' but the proxy target is non-extensible"));
            }
            // 14. Return true.
            Ok(true)
        })
    }

    /// [[OwnPropertyKeys]] (§10.5.11).
    pub(crate) fn proxy_own_keys(&mut self, o: Obj) -> JsResult<Vec<PropertyKey>> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.own_keys;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? target.[[OwnPropertyKeys]]().
            let Some(trap) = trap else { return vm.own_property_keys(target) };
            // 7-8. CreateListFromArrayLike(trapResultArray, property-key).
            let array = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let trap_result = vm.proxy_keys_from_array_like(array)?;
            // 9. No duplicates.
            let mut unchecked: FxHashSet<PropertyKey> = FxHashSet::default();
            for k in &trap_result {
                if !unchecked.insert(*k) {
                    let k = vm.heap.key_display(*k);
                    return vm.proxy_error(name, &format!("trap returned duplicate entries ('{k}')"));
                }
            }
            // 10-15. The target's keys, split by configurability.
            let extensible = vm.is_extensible(target)?;
            let target_keys = vm.own_property_keys(target)?;
            let (mut configurable, mut non_configurable) = (Vec::new(), Vec::new());
            for k in target_keys {
                match vm.get_own_property(target, k)? {
                    Some(p) if !p.configurable() => non_configurable.push(k),
                    _ => configurable.push(k),
                }
            }
            // 16. If extensibleTarget and no non-configurable keys, return trapResult.
            if extensible && non_configurable.is_empty() {
                return Ok(trap_result);
            }
            // 17-18. Every non-configurable key must be reported.
            for k in non_configurable {
                if !unchecked.remove(&k) {
                    let k = vm.heap.key_display(k);
                    return vm.proxy_error(name, &format!("trap result did not include '{k}'"));
                }
            }
            // 19. If extensibleTarget is true, return trapResult.
            if extensible {
                return Ok(trap_result);
            }
            // 20-21. A non-extensible target: exactly its keys.
            for k in configurable {
                if !unchecked.remove(&k) {
                    let k = vm.heap.key_display(k);
                    return vm.proxy_error(name, &format!("trap result did not include '{k}'"));
                }
            }
            if !unchecked.is_empty() {
                return vm.proxy_error(name, "trap returned extra keys but proxy target is non-extensible");
            }
            // 22. Return trapResult.
            Ok(trap_result)
        })
    }

    /// CreateListFromArrayLike(obj, property-key): strings and symbols only.
    fn proxy_keys_from_array_like(&mut self, array: Value) -> JsResult<Vec<PropertyKey>> {
        let Value::Object(array) = array else {
            return self.type_error("CreateListFromArrayLike called on non-object");
        };
        let values = self.create_list_from_array_like(array)?;
        let mut keys = Vec::with_capacity(values.len());
        for v in values {
            match v {
                Value::String(s) => keys.push(self.heap.string_key(s)),
                Value::Symbol(s) => keys.push(PropertyKey::Symbol(s)),
                _ => {
                    let d = self.describe(v);
                    return self.type_error(&format!("{d} is not a valid property name"));
                }
            }
        }
        Ok(keys)
    }

    /// [[Call]] (§10.5.12).
    pub fn proxy_call(&mut self, o: Obj, this: Value, args: &[Value]) -> JsResult<Value> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.apply;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 6. If trap is undefined, return ? Call(target, thisArgument, argumentsList).
            let Some(trap) = trap else { return vm.call(Value::Object(target), this, args) };
            // 7-8. Call(trap, handler, « target, thisArgument, argArray »).
            let arg_array = Value::Object(vm.create_array(args));
            vm.call(trap, Value::Object(handler), &[Value::Object(target), this, arg_array])
        })
    }

    /// [[Construct]] (§10.5.13).
    pub fn proxy_construct(&mut self, o: Obj, args: &[Value], new_target: Obj) -> JsResult<Value> {
        self.proxy_guard(o, |vm| {
            let name = vm.heap.names.construct;
            let Trap { handler, target, trap } = vm.proxy_trap(o, name)?;
            // 7. If trap is undefined, return ? Construct(target, argumentsList, newTarget).
            let Some(trap) = trap else {
                return vm.construct(Value::Object(target), args, Some(new_target));
            };
            // 8-9. Let newObj be ? Call(trap, handler, « target, argArray, newTarget »).
            let arg_array = Value::Object(vm.create_array(args));
            let new_obj = vm.call(trap, Value::Object(handler), &[Value::Object(target), arg_array, Value::Object(new_target)])?;
            // 10. If newObj is not an Object, throw a TypeError exception.
            if !matches!(new_obj, Value::Object(_)) {
                return vm.proxy_error(name, "trap returned non-object");
            }
            // 11. Return newObj.
            Ok(new_obj)
        })
    }
}
