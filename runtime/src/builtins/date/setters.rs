//! The setters of %Date.prototype% (ECMAScript 2025 §21.4.4.20-34):
//! `setTime` and each calendar field in local time (`setFullYear`, ...)
//! and in UTC (`setUTCFullYear`, ...).
//!
//! Every field setter follows one pattern, written once in [`set_fields`]:
//! read [[DateValue]], convert the arguments given (in order, each with
//! ToNumber), return NaN for an invalid date (the year setters start from
//! +0 instead), replace the fields the arguments name in the broken-down
//! (local or UTC) time, rebuild it with MakeDay/MakeTime/MakeDate, then
//! UTC for the local ones, TimeClip, store and return.

use crate::builtins::builder::Builder;
use crate::builtins::support::arg;
use super::local_tz::{local_time, utc};
use super::time_math::{make_date, make_day, make_time, time_clip, Fields};
use super::{set_time_value, this_time_value};
use spindle_vm::value::{Obj, Value};
use spindle_vm::{JsResult, Vm};

/// Installs the setters on %Date.prototype%.
pub(crate) fn install(vm: &mut Vm, proto: Obj) {
    Builder::new(vm, proto)
        .method("setDate", 1, set_date)
        .method("setFullYear", 3, set_full_year)
        .method("setHours", 4, set_hours)
        .method("setMilliseconds", 1, set_milliseconds)
        .method("setMinutes", 3, set_minutes)
        .method("setMonth", 2, set_month)
        .method("setSeconds", 2, set_seconds)
        .method("setTime", 1, set_time)
        .method("setUTCDate", 1, set_utc_date)
        .method("setUTCFullYear", 3, set_utc_full_year)
        .method("setUTCHours", 4, set_utc_hours)
        .method("setUTCMilliseconds", 1, set_utc_milliseconds)
        .method("setUTCMinutes", 3, set_utc_minutes)
        .method("setUTCMonth", 2, set_utc_month)
        .method("setUTCSeconds", 2, set_utc_seconds);
}

/// The broken-down time, in the order the setters name fields.
const YEAR: usize = 0;
const MONTH: usize = 1;
const DATE: usize = 2;
const HOUR: usize = 3;
const MINUTE: usize = 4;
const SECOND: usize = 5;
const MS: usize = 6;

/// Sets up to `count` fields from `first` on from the arguments.
fn set_fields(vm: &mut Vm, this: Value, args: &[Value], local: bool, first: usize, count: usize) -> JsResult<Value> {
    // 1-3. Let t be dateObject.[[DateValue]].
    let t = this_time_value(vm, this)?;
    // 4-6. The first argument always, the others if present, with ToNumber.
    let given = args.len().clamp(1, count);
    let mut values = [0.0; 4];
    for (i, value) in values.iter_mut().enumerate().take(given) {
        *value = vm.to_number(arg(args, i))?;
    }
    // 7. If t is NaN, return NaN (setFullYear: let t be +0).
    let t = match (t.is_nan(), first == YEAR) {
        (true, false) => return Ok(Value::Number(f64::NAN)),
        (true, true) => 0.0,
        (false, _) if local => local_time(t),
        (false, _) => t,
    };
    // 8-11. The fields of t, those given replaced.
    let f = Fields::of(t);
    let mut fields = [f.year, f.month, f.date, f.hour, f.min, f.sec, f.ms];
    fields[first..first + given].copy_from_slice(&values[..given]);
    let day = make_day(fields[YEAR], fields[MONTH], fields[DATE]);
    let date = make_date(day, make_time(fields[HOUR], fields[MINUTE], fields[SECOND], fields[MS]));
    // 12-14. Let u be TimeClip(UTC(date)); store and return it.
    let u = time_clip(if local { utc(date) } else { date });
    set_time_value(vm, this, u);
    Ok(Value::Number(u))
}

/// Defines a native setter of fields `first..first + count`.
macro_rules! field_setters {
    ($($(#[$doc:meta])* $name:ident: $local:expr, $first:expr, $count:expr;)*) => {$(
        $(#[$doc])*
        fn $name(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
            set_fields(vm, this, args, $local, $first, $count)
        }
    )*};
}

field_setters! {
    /// Date.prototype.setDate(date) (§21.4.4.20).
    set_date: true, DATE, 1;
    /// Date.prototype.setFullYear(year[, month[, date]]) (§21.4.4.21).
    set_full_year: true, YEAR, 3;
    /// Date.prototype.setHours(hour[, min[, sec[, ms]]]) (§21.4.4.22).
    set_hours: true, HOUR, 4;
    /// Date.prototype.setMilliseconds(ms) (§21.4.4.23).
    set_milliseconds: true, MS, 1;
    /// Date.prototype.setMinutes(min[, sec[, ms]]) (§21.4.4.24).
    set_minutes: true, MINUTE, 3;
    /// Date.prototype.setMonth(month[, date]) (§21.4.4.25).
    set_month: true, MONTH, 2;
    /// Date.prototype.setSeconds(sec[, ms]) (§21.4.4.26).
    set_seconds: true, SECOND, 2;
    /// Date.prototype.setUTCDate(date) (§21.4.4.28).
    set_utc_date: false, DATE, 1;
    /// Date.prototype.setUTCFullYear(year[, month[, date]]) (§21.4.4.29).
    set_utc_full_year: false, YEAR, 3;
    /// Date.prototype.setUTCHours(hour[, min[, sec[, ms]]]) (§21.4.4.30).
    set_utc_hours: false, HOUR, 4;
    /// Date.prototype.setUTCMilliseconds(ms) (§21.4.4.31).
    set_utc_milliseconds: false, MS, 1;
    /// Date.prototype.setUTCMinutes(min[, sec[, ms]]) (§21.4.4.32).
    set_utc_minutes: false, MINUTE, 3;
    /// Date.prototype.setUTCMonth(month[, date]) (§21.4.4.33).
    set_utc_month: false, MONTH, 2;
    /// Date.prototype.setUTCSeconds(sec[, ms]) (§21.4.4.34).
    set_utc_seconds: false, SECOND, 2;
}

/// Date.prototype.setTime(time) (§21.4.4.27).
fn set_time(vm: &mut Vm, this: Value, args: &[Value], _nt: Option<Obj>) -> JsResult<Value> {
    // 1-2. RequireInternalSlot(dateObject, [[DateValue]]).
    this_time_value(vm, this)?;
    // 3-5. Let v be TimeClip(? ToNumber(time)); store and return it.
    let v = time_clip(vm.to_number(arg(args, 0))?);
    set_time_value(vm, this, v);
    Ok(Value::Number(v))
}
