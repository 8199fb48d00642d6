//! The getters of %Date.prototype% (ECMAScript 2025 §21.4.4.2-20):
//! `getTime`, `getTimezoneOffset` and each calendar field in local time
//! (`getFullYear`, ...) and in UTC (`getUTCFullYear`, ...).
//!
//! Each field getter is: RequireInternalSlot(this, [[DateValue]]); NaN
//! stays NaN; else the field of LocalTime(t) (or of t for the UTC ones).

use crate::builtins::builder::Builder;
use super::local_tz::local_time;
use super::this_time_value;
use super::time_math::{Fields, MS_PER_MINUTE};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the getters on %Date.prototype%.
pub(crate) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("getDate", 0, get_date)
        .method("getDay", 0, get_day)
        .method("getFullYear", 0, get_full_year)
        .method("getHours", 0, get_hours)
        .method("getMilliseconds", 0, get_milliseconds)
        .method("getMinutes", 0, get_minutes)
        .method("getMonth", 0, get_month)
        .method("getSeconds", 0, get_seconds)
        .method("getTime", 0, get_time)
        .method("getTimezoneOffset", 0, get_timezone_offset)
        .method("getUTCDate", 0, get_utc_date)
        .method("getUTCDay", 0, get_utc_day)
        .method("getUTCFullYear", 0, get_utc_full_year)
        .method("getUTCHours", 0, get_utc_hours)
        .method("getUTCMilliseconds", 0, get_utc_milliseconds)
        .method("getUTCMinutes", 0, get_utc_minutes)
        .method("getUTCMonth", 0, get_utc_month)
        .method("getUTCSeconds", 0, get_utc_seconds);
}

/// One field of this Date's time value, local or UTC.
fn field(vm: &mut Vm, this: Value, local: bool, pick: fn(&Fields) -> f64) -> JsResult<Value> {
    // 1-3. Let t be dateObject.[[DateValue]].
    let t = this_time_value(vm, this)?;
    // 4. If t is NaN, return NaN.
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    // 5. Return the field of LocalTime(t) (or of t).
    let t = if local { local_time(t) } else { t };
    Ok(Value::Number(pick(&Fields::of(t))))
}

/// Defines a native getter of one field.
macro_rules! field_getters {
    ($($(#[$doc:meta])* $name:ident: $local:expr, $field:ident;)*) => {$(
        $(#[$doc])*
        fn $name(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
            field(vm, this, $local, |f| f.$field)
        }
    )*};
}

field_getters! {
    /// Date.prototype.getDate() (§21.4.4.2).
    get_date: true, date;
    /// Date.prototype.getDay() (§21.4.4.3).
    get_day: true, week_day;
    /// Date.prototype.getFullYear() (§21.4.4.4).
    get_full_year: true, year;
    /// Date.prototype.getHours() (§21.4.4.5).
    get_hours: true, hour;
    /// Date.prototype.getMilliseconds() (§21.4.4.6).
    get_milliseconds: true, ms;
    /// Date.prototype.getMinutes() (§21.4.4.7).
    get_minutes: true, min;
    /// Date.prototype.getMonth() (§21.4.4.8).
    get_month: true, month;
    /// Date.prototype.getSeconds() (§21.4.4.9).
    get_seconds: true, sec;
    /// Date.prototype.getUTCDate() (§21.4.4.12).
    get_utc_date: false, date;
    /// Date.prototype.getUTCDay() (§21.4.4.13).
    get_utc_day: false, week_day;
    /// Date.prototype.getUTCFullYear() (§21.4.4.14).
    get_utc_full_year: false, year;
    /// Date.prototype.getUTCHours() (§21.4.4.15).
    get_utc_hours: false, hour;
    /// Date.prototype.getUTCMilliseconds() (§21.4.4.16).
    get_utc_milliseconds: false, ms;
    /// Date.prototype.getUTCMinutes() (§21.4.4.17).
    get_utc_minutes: false, min;
    /// Date.prototype.getUTCMonth() (§21.4.4.18).
    get_utc_month: false, month;
    /// Date.prototype.getUTCSeconds() (§21.4.4.19).
    get_utc_seconds: false, sec;
}

/// Date.prototype.getTime() (§21.4.4.10).
fn get_time(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4. Return dateObject.[[DateValue]].
    Ok(Value::Number(this_time_value(vm, this)?))
}

/// Date.prototype.getTimezoneOffset() (§21.4.4.11).
fn get_timezone_offset(vm: &mut Vm, this: Value, _args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-4. NaN stays NaN.
    let t = this_time_value(vm, this)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    // 5. Return (t − LocalTime(t)) / msPerMinute.
    Ok(Value::Number((t - local_time(t)) / MS_PER_MINUTE))
}
