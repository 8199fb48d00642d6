//! The Annex B methods of %Date.prototype% (ECMAScript 2025 §B.2.3):
//! `getYear`, `setYear` and `toGMTString`, which is the same function
//! object as `toUTCString` (so this installs after `conversions`).

use crate::builtins::builder::Builder;
use crate::builtins::support::{arg, key};
use super::local_tz::{local_time, utc};
use super::time_math::{date_from_time, make_date, make_day, make_full_year, month_from_time, time_clip, time_within_day, year_from_time};
use super::{set_time_value, this_time_value};
use spindle_vm::object::{Attributes, Property};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs `getYear`, `setYear` and `toGMTString` on %Date.prototype%.
pub(crate) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto).method("getYear", 0, get_year).method("setYear", 1, set_year);
    let utc_key = key(vm, "toUTCString");
    if let Some(Property::Data { value, .. }) = vm.heap.get_own_raw(proto, utc_key) {
        Builder::new(vm, proto).value("toGMTString", value, Attributes::WRITABLE_CONFIGURABLE);
    }
}

/// Date.prototype.getYear() (§B.2.3.1).
fn get_year(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4. NaN stays NaN.
    let t = this_time_value(vm, this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    // 5. Return YearFromTime(LocalTime(t)) − 1900.
    Ok(Value::Number(year_from_time(local_time(t)) - 1900.0))
}

/// Date.prototype.setYear(year) (§B.2.3.2).
fn set_year(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-3. Let t be dateObject.[[DateValue]].
    let t = this_time_value(vm, this)?;
    // 4. Let y be ? ToNumber(year).
    let y = vm.to_number(arg(args, 0))?;
    // 5. If t is NaN, set t to +0; otherwise, set t to LocalTime(t).
    let t = if t.is_nan() { 0.0 } else { local_time(t) };
    // 6-8. MakeFullYear(y), with t's month, date and time within the day.
    let d = make_day(make_full_year(y), month_from_time(t), date_from_time(t));
    let date = make_date(d, time_within_day(t));
    // 9-10. Store and return TimeClip(UTC(date)).
    let u = time_clip(utc(date));
    set_time_value(vm, this, u);
    Ok(Value::Number(u))
}
