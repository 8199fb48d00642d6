//! Boolean (ECMAScript 2025 §20.3): the constructor (a conversion when
//! called, a wrapper when constructed) and `Boolean.prototype`
//! (`toString`, `valueOf`), itself a Boolean object whose value is false.

use super::builder::Builder;
use super::core_support::make_constructor;
use super::support::arg;
use spindle_vm::object::ObjectKind;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs Boolean and Boolean.prototype.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.boolean_prototype;
    make_constructor(vm, "Boolean", 1, boolean_constructor, proto, ("%Boolean%", "%Boolean.prototype%"));
    Builder::new(vm, proto).method("toString", 0, to_string).method("valueOf", 0, value_of);
}

/// Boolean(value) (§20.3.1.1).
fn boolean_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. Let b be ToBoolean(value).
    let b = vm.to_boolean(arg(args, 0));
    // 2. If NewTarget is undefined, return b.
    let Some(nt) = new_target else { return Ok(Value::Bool(b)) };
    // 3-5. Let O be ? OrdinaryCreateFromConstructor(NewTarget, "%Boolean.prototype%", « [[BooleanData]] »).
    let fallback = vm.realm.intrinsics.boolean_prototype;
    Ok(Value::Object(vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Boolean(b))?))
}

/// ThisBooleanValue(value) (§20.3.3.3.1).
fn this_boolean_value(vm: &mut Vm, value: Value, method: &str) -> JsResult<bool> {
    match value {
        // 1. If value is a Boolean, return value.
        Value::Bool(b) => Ok(b),
        // 2. If value has a [[BooleanData]] internal slot, return it.
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::Boolean(b) => Ok(b),
            _ => vm.type_error(&format!("Boolean.prototype.{method} requires that 'this' be a Boolean")),
        },
        // 3. Throw a TypeError exception.
        _ => vm.type_error(&format!("Boolean.prototype.{method} requires that 'this' be a Boolean")),
    }
}

/// Boolean.prototype.toString() (§20.3.3.2).
fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. Let b be ? ThisBooleanValue(this value); "true" or "false".
    let b = this_boolean_value(vm, this, "toString")?;
    Ok(vm.string(if b { "true" } else { "false" }))
}

/// Boolean.prototype.valueOf() (§20.3.3.3).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Bool(this_boolean_value(vm, this, "valueOf")?))
}

#[cfg(test)]
mod tests {
    use crate::builtins::core_test_support::run;

    #[test]
    fn booleans() {
        assert_eq!(run("Boolean('')"), "false");
        assert_eq!(run("typeof new Boolean(1)"), "object");
        assert_eq!(run("new Boolean(1).valueOf()"), "true");
        assert_eq!(run("Boolean.prototype.valueOf()"), "false");
        assert_eq!(run("true.toString()"), "true");
        assert_eq!(run("Boolean.prototype.toString.call(1)"), "TypeError: Boolean.prototype.toString requires that 'this' be a Boolean");
        assert_eq!(run("class B extends Boolean {}; new B(true) instanceof B"), "true");
    }
}
