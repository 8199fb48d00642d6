//! Date (ECMAScript 2025 §21.4): the constructor (a string when called,
//! a Date object when constructed), `Date.now`, `Date.parse`, `Date.UTC`
//! and the installation of %Date.prototype%.
//!
//! The submodules are by concern:
//!
//! - `time_math`: the time-value arithmetic (Day, MakeDay, TimeClip, ...);
//! - `local_tz`: the host zone, LocalTime and UTC;
//! - `parse` (the Date Time String Format) and `legacy_parse` (the forms
//!   outside it that Node reads);
//! - `format`: the string forms (toString, toISOString, toUTCString);
//! - `getters`, `setters`, `conversions` (valueOf, the string methods,
//!   toJSON, @@toPrimitive) and `annex_b` (getYear, setYear, toGMTString):
//!   the methods of %Date.prototype%.
//!
//! Invariant: an object of kind `ObjectKind::Date(tv)` holds a time value
//! `tv` that TimeClip leaves unchanged (NaN or an integral Number within
//! ±8.64e15, never −0); %Date.prototype% is an ordinary object. The
//! current time is the event loop's clock (`event_loop::date_now`), so
//! `new Date()` follows `--virtual-time` as `Date.now()` does.

mod annex_b;
mod conversions;
mod format;
mod getters;
mod legacy_parse;
mod local_tz;
mod parse;
mod setters;
mod time_math;
#[cfg(test)]
mod tests;

use super::builder::{native_function, Builder};
use super::support::{arg, install_constructor};
use crate::event_loop;
use spindle_vm::object::ObjectKind;
use spindle_vm::ops::Hint;
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};
use time_math::{make_date, make_day, make_full_year, make_time, time_clip};

/// Installs `Date` and %Date.prototype%.
pub(crate) fn install(vm: &mut Vm) {
    let ctor = native_function(vm, "Date", 7, date_constructor, true);
    let object_prototype = vm.realm.intrinsics.object_prototype;
    let proto = vm.heap.alloc_object(Some(object_prototype), ObjectKind::Ordinary);
    vm.realm.named.insert("%Date.prototype%", proto);
    Builder::new(vm, ctor).method("now", 0, date_now).method("parse", 1, date_parse).method("UTC", 7, date_utc);
    install_constructor(vm, "Date", ctor, proto, "%Date%");
    getters::install(vm, proto);
    setters::install(vm, proto);
    conversions::install(vm, proto);
    annex_b::install(vm, proto);
}

/// %Date.prototype%.
fn date_prototype(vm: &Vm) -> Obj {
    vm.realm.intrinsic("%Date.prototype%").unwrap_or(vm.realm.intrinsics.object_prototype)
}

/// The [[DateValue]] of `v`, if it is a Date object.
pub(crate) fn date_value(vm: &Vm, v: Value) -> Option<f64> {
    match v {
        Value::Object(o) => match vm.heap.object(o).kind {
            ObjectKind::Date(tv) => Some(tv),
            _ => None,
        },
        _ => None,
    }
}

/// RequireInternalSlot(this, [[DateValue]]), then the value.
fn this_time_value(vm: &mut Vm, this: Value) -> JsResult<f64> {
    match date_value(vm, this) {
        Some(tv) => Ok(tv),
        None => vm.type_error("this is not a Date object."),
    }
}

/// Stores time value `tv` in Date object `this` (already checked).
fn set_time_value(vm: &mut Vm, this: Value, tv: f64) {
    if let Value::Object(o) = this {
        vm.heap.object_mut(o).kind = ObjectKind::Date(tv);
    }
}

/// The text `console.log` shows for Date object `o` (Node's
/// `formatValue`: the ISO form, or "Invalid Date").
pub(crate) fn inspect_text(vm: &Vm, o: Obj) -> Option<String> {
    let tv = date_value(vm, Value::Object(o))?;
    Some(if tv.is_nan() { format::to_date_string(tv) } else { format::iso_string(tv) })
}

/// Date ( ...values ) (§21.4.2.1).
fn date_constructor(vm: &mut Vm, _this: Value, args: &[Value], new_target: Option<Obj>) -> JsResult<Value> {
    // 1. If NewTarget is undefined, return ToDateString(now).
    let Some(nt) = new_target else {
        let now = event_loop::date_now(vm);
        return Ok(vm.string(&format::to_date_string(now)));
    };
    let tv = match args.len() {
        // 3. No arguments: the current time.
        0 => event_loop::date_now(vm),
        // 4. One argument: a Date's value, a parsed string or a number.
        1 => single_value_time(vm, args[0])?,
        // 5. The calendar fields, in local time.
        _ => local_time_from_fields(vm, args)?,
    };
    // 6-8. Let O be ? OrdinaryCreateFromConstructor(NewTarget, "%Date.prototype%", « [[DateValue]] »).
    let fallback = date_prototype(vm);
    Ok(Value::Object(vm.ordinary_create_from_constructor(nt, fallback, ObjectKind::Date(time_clip(tv)))?))
}

/// Step 4 of the constructor: the time value of one argument.
fn single_value_time(vm: &mut Vm, value: Value) -> JsResult<f64> {
    // 4.a. A Date object: its [[DateValue]].
    if let Some(tv) = date_value(vm, value) {
        return Ok(tv);
    }
    // 4.b. Let v be ? ToPrimitive(value); a String is parsed, else ToNumber.
    match vm.to_primitive(value, Hint::Default)? {
        Value::String(s) => Ok(parse::parse(&vm.heap.to_rust_string(s))),
        v => vm.to_number(v),
    }
}

/// The arguments year, month[, date, hours, minutes, seconds, ms] as
/// Numbers (absent ones defaulting to 1 for date, 0 for the rest), in
/// order, then MakeFullYear, MakeDay, MakeTime and MakeDate.
fn date_from_fields(vm: &mut Vm, args: &[Value]) -> JsResult<f64> {
    let mut fields = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, field) in fields.iter_mut().enumerate() {
        if i == 0 || i < args.len() {
            *field = vm.to_number(arg(args, i))?;
        }
    }
    let [y, m, dt, h, min, s, milli] = fields;
    Ok(make_date(make_day(make_full_year(y), m, dt), make_time(h, min, s, milli)))
}

/// Step 5 of the constructor: the fields read as local time.
fn local_time_from_fields(vm: &mut Vm, args: &[Value]) -> JsResult<f64> {
    let date = date_from_fields(vm, args)?;
    Ok(time_clip(local_tz::utc(date)))
}

/// Date.now() (§21.4.3.1): the loop's clock.
fn date_now(vm: &mut Vm, _this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    Ok(Value::Number(event_loop::date_now(vm)))
}

/// Date.parse(string) (§21.4.3.2).
fn date_parse(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    let text = vm.to_rust_string(arg(args, 0))?;
    Ok(Value::Number(parse::parse(&text)))
}

/// Date.UTC(year[, month[, date[, hours[, minutes[, seconds[, ms]]]]]]) (§21.4.3.4).
fn date_utc(vm: &mut Vm, _this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-9. The fields as Numbers; 10. TimeClip(MakeDate(...)).
    let date = date_from_fields(vm, args)?;
    Ok(Value::Number(time_clip(date)))
}
