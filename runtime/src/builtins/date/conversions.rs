//! The conversions of %Date.prototype% (ECMAScript 2025 §21.4.4):
//! `valueOf`, `toString`, `toDateString`, `toTimeString`, `toISOString`,
//! `toUTCString`, `toJSON`, the `toLocale…String` methods and
//! `@@toPrimitive`.
//!
//! Without Intl the `toLocale…String` methods return what `toString`,
//! `toDateString` and `toTimeString` do, as V8 built without ICU does
//! (§21.4.4.38-40 leave the form to the implementation).

use crate::builtins::builder::Builder;
use crate::builtins::core_support::symbol_method;
use crate::builtins::support::arg;
use super::format::{date_string, iso_string, time_string, time_zone_string, to_date_string, utc_string};
use super::local_tz::local_time;
use super::this_time_value;
use spindle_vm::object::Attributes;
use spindle_vm::ops::Hint;
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the conversions on %Date.prototype%.
pub(crate) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("toDateString", 0, to_date_string_method)
        .method("toISOString", 0, to_iso_string)
        .method("toJSON", 1, to_json)
        .method("toLocaleDateString", 0, to_date_string_method)
        .method("toLocaleString", 0, to_string)
        .method("toLocaleTimeString", 0, to_time_string)
        .method("toString", 0, to_string)
        .method("toTimeString", 0, to_time_string)
        .method("toUTCString", 0, to_utc_string)
        .method("valueOf", 0, value_of);
    let sym = vm.heap.well_known.to_primitive;
    symbol_method(vm, proto, sym, "[Symbol.toPrimitive]", 1, to_primitive, Attributes::CONFIGURABLE);
}

/// Date.prototype.valueOf() (§21.4.4.44).
fn value_of(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(this_time_value(vm, this)?))
}

/// Date.prototype.toString() (§21.4.4.41).
fn to_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4. Return ToDateString(tv).
    let tv = this_time_value(vm, this)?;
    Ok(vm.string(&to_date_string(tv)))
}

/// Date.prototype.toDateString() (§21.4.4.35).
fn to_date_string_method(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-5. "Invalid Date", or DateString(LocalTime(tv)).
    let tv = this_time_value(vm, this)?;
    let text = if tv.is_nan() { to_date_string(tv) } else { date_string(local_time(tv)) };
    Ok(vm.string(&text))
}

/// Date.prototype.toTimeString() (§21.4.4.42).
fn to_time_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-6. "Invalid Date", or TimeString(LocalTime(tv)) and TimeZoneString(tv).
    let tv = this_time_value(vm, this)?;
    let text = if tv.is_nan() { to_date_string(tv) } else { format!("{}{}", time_string(local_time(tv)), time_zone_string(tv)) };
    Ok(vm.string(&text))
}

/// Date.prototype.toUTCString() (§21.4.4.43).
fn to_utc_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4. "Invalid Date" for NaN; 5-10. "Www, DD Mmm YYYY HH:mm:ss GMT".
    let tv = this_time_value(vm, this)?;
    let text = if tv.is_nan() { to_date_string(tv) } else { utc_string(tv) };
    Ok(vm.string(&text))
}

/// Date.prototype.toISOString() (§21.4.4.36).
fn to_iso_string(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. Let tv be dateObject.[[DateValue]].
    let tv = this_time_value(vm, this)?;
    // 4. If tv is not finite, throw a RangeError exception.
    if !tv.is_finite() {
        return vm.range_error("Invalid time value");
    }
    // 5-6. The Date Time String Format, in UTC.
    Ok(vm.string(&iso_string(tv)))
}

/// Date.prototype.toJSON(key) (§21.4.4.37).
fn to_json(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = Value::Object(vm.to_object(this)?);
    // 2-3. Let tv be ? ToPrimitive(O, number); a non-finite Number is null.
    if let Value::Number(n) = vm.to_primitive(o, Hint::Number)? {
        if !n.is_finite() {
            return Ok(Value::Null);
        }
    }
    // 4. Return ? Invoke(O, "toISOString").
    let key = PropertyKey::Atom(vm.heap.intern_str("toISOString"));
    vm.invoke(o, key, &[])
}

/// Date.prototype[@@toPrimitive](hint) (§21.4.4.45).
fn to_primitive(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. If O is not an Object, throw a TypeError exception.
    let Value::Object(o) = this else {
        return vm.type_error("Date.prototype[Symbol.toPrimitive] called on a non-object");
    };
    // 3-5. "string" or "default" try toString first, "number" valueOf.
    let hint = match arg(args, 0) {
        Value::String(s) => vm.heap.to_rust_string(s),
        _ => String::new(),
    };
    let prefer_string = match hint.as_str() {
        "string" | "default" => true,
        "number" => false,
        _ => return vm.type_error("Invalid hint"),
    };
    // 6. Return ? OrdinaryToPrimitive(O, tryFirst).
    vm.ordinary_to_primitive(o, prefer_string)
}
