//! `BigInt` (ECMAScript 2025 §21.2): the function (not a constructor:
//! `new BigInt` is a TypeError), `BigInt.asIntN` / `asUintN`, and
//! `BigInt.prototype` (toString(radix), toLocaleString, valueOf,
//! @@toStringTag).

use super::builder::{native_function, Builder};
use super::support::{arg, install_constructor, to_string_tag};
use spindle_vm::object::ObjectKind;
use spindle_vm::ops::bigint::{as_int_n, as_uint_n, number_to_bigint, to_string_radix};
use spindle_vm::ops::Hint;
use spindle_vm::value::{BigIntRef, Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `BigInt` and `BigInt.prototype`.
pub(crate) fn install(vm: &mut Vm) {
    let proto = vm.realm.intrinsics.bigint_prototype;
    // A constructor for `extends` and IsConstructor, whose [[Construct]] throws.
    let ctor = native_function(vm, "BigInt", 1, bigint_function, true);
    Builder::new(vm, ctor).method("asIntN", 2, as_int_n_method).method("asUintN", 2, as_uint_n_method);
    install_constructor(vm, "BigInt", ctor, proto, "%BigInt%");
    Builder::new(vm, proto)
        .method("toLocaleString", 0, to_locale_string)
        .method("toString", 0, to_string)
        .method("valueOf", 0, value_of);
    to_string_tag(vm, proto, "BigInt");
}

/// `BigInt(value)` (§21.2.1.1).
fn bigint_function(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is not undefined, throw a TypeError exception.
    if new_target.is_some() {
        return vm.type_error("BigInt is not a constructor");
    }
    // 2. Let prim be ? ToPrimitive(value, number).
    let prim = vm.to_primitive(arg(args, 0), Hint::Number)?;
    // 3. If prim is a Number, return ? NumberToBigInt(prim).
    if let Value::Number(n) = prim {
        return match number_to_bigint(n) {
            Some(b) => Ok(Value::BigInt(vm.heap.alloc_bigint(b))),
            None => {
                let text = spindle_vm::ops::number_to_string::number_to_string(n);
                vm.range_error(&format!("The number {text} cannot be converted to a BigInt because it is not an integer"))
            }
        };
    }
    // 4. Otherwise, return ? ToBigInt(prim).
    Ok(Value::BigInt(vm.to_bigint(prim)?))
}

/// `BigInt.asIntN(bits, bigint)` (§21.2.2.1).
fn as_int_n_method(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Set bits to ? ToIndex(bits).
    let bits = vm.to_index(arg(args, 0))?;
    // 2. Set bigint to ? ToBigInt(bigint).
    let b = vm.to_bigint(arg(args, 1))?;
    // 3-5. The value modulo 2^bits, as a signed number.
    let r = as_int_n(bits, vm.heap.bigint(b));
    Ok(Value::BigInt(vm.heap.alloc_bigint(r)))
}

/// `BigInt.asUintN(bits, bigint)` (§21.2.2.2).
fn as_uint_n_method(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let bits = vm.to_index(arg(args, 0))?;
    let b = vm.to_bigint(arg(args, 1))?;
    match as_uint_n(bits, vm.heap.bigint(b)) {
        Ok(r) => Ok(Value::BigInt(vm.heap.alloc_bigint(r))),
        Err(e) => vm.range_error(e.message()),
    }
}

/// thisBigIntValue(value) (§21.2.3.4.1).
fn this_bigint_value(vm: &mut Vm, this: Value, method: &str) -> JsResult<BigIntRef> {
    match this {
        Value::BigInt(b) => Ok(b),
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::BigInt(b) => Ok(b),
            _ => vm.type_error(&format!("BigInt.prototype.{method} requires that 'this' be a BigInt")),
        },
        _ => vm.type_error(&format!("BigInt.prototype.{method} requires that 'this' be a BigInt")),
    }
}

/// `BigInt.prototype.toLocaleString()` (§21.2.3.2).
fn to_locale_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let b = this_bigint_value(vm, this, "toLocaleString")?;
    let text = vm.heap.bigint(b).to_string();
    Ok(vm.string(&text))
}

/// `BigInt.prototype.toString([radix])` (§21.2.3.3).
fn to_string(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let x be ? thisBigIntValue(this value).
    let b = this_bigint_value(vm, this, "toString")?;
    // 2-4. radixMV is 10 or ToIntegerOrInfinity(radix), in 2..=36.
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => vm.to_integer_or_infinity(r)?,
    };
    if !(2.0..=36.0).contains(&radix) {
        return vm.range_error("toString() radix must be between 2 and 36");
    }
    // 5. Return BigInt::toString(x, radixMV).
    let text = to_string_radix(vm.heap.bigint(b), radix as u32);
    Ok(vm.string(&text))
}

/// `BigInt.prototype.valueOf()` (§21.2.3.4).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::BigInt(this_bigint_value(vm, this, "valueOf")?))
}

#[cfg(test)]
mod tests {
    use crate::builtins::support::eval;

    fn check(src: &str, expected: &str) {
        assert_eq!(eval(src), expected, "{src}");
    }

    #[test]
    fn bigint_function_and_methods() {
        check("BigInt(10) + BigInt('0x10') + BigInt(true)", "27n");
        check("var r; try { new BigInt(1) } catch (e) { r = e.message } r", "BigInt is not a constructor");
        check("var r; try { BigInt(1.5) } catch (e) { r = e.message } r", "The number 1.5 cannot be converted to a BigInt because it is not an integer");
        check("BigInt.asIntN(8, 255n) + ',' + BigInt.asUintN(8, -1n)", "-1,255");
        check("(255n).toString(16) + (-10n).toString(2)", "ff-1010");
        check("(5n).valueOf()", "5n");
    }
}
