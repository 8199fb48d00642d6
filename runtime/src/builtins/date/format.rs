//! The string forms of a time value (ECMAScript 2025 §21.4.4.41
//! TimeString, DateString, TimeZoneString, ToDateString; §21.4.4.36
//! toISOString; §21.4.4.43 toUTCString).
//!
//! Invariant: every function here is pure text formatting of a finite
//! time value, except `to_date_string`, which maps NaN to "Invalid Date";
//! local forms read the offset and zone name from `local_tz`.

use super::local_tz;
use super::time_math::{Fields, MS_PER_MINUTE};

/// The names of the days of the week (Table 63), Sunday first.
pub(crate) const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// The names of the months (Table 64), January first.
pub(crate) const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The year as DateString writes it: a "-" if negative, at least four digits.
fn year_text(year: f64) -> String {
    let sign = if year < 0.0 { "-" } else { "" };
    format!("{sign}{:04}", year.abs() as i64)
}

/// TimeString(tv) (§21.4.4.41.1): "HH:mm:ss GMT".
pub(crate) fn time_string(t: f64) -> String {
    let f = Fields::of(t);
    format!("{:02}:{:02}:{:02} GMT", f.hour as i64, f.min as i64, f.sec as i64)
}

/// DateString(tv) (§21.4.4.41.2): "Www Mmm DD YYYY".
pub(crate) fn date_string(t: f64) -> String {
    let f = Fields::of(t);
    let (weekday, month) = (DAY_NAMES[f.week_day as usize], MONTH_NAMES[f.month as usize]);
    format!("{weekday} {month} {:02} {}", f.date as i64, year_text(f.year))
}

/// TimeZoneString(tv) (§21.4.4.41.3): "+HHMM (Zone Name)".
pub(crate) fn time_zone_string(tv: f64) -> String {
    // 1-9. The offset at tv as ±HHMM.
    let offset = local_tz::offset_ms(tv);
    let sign = if offset >= 0.0 { '+' } else { '-' };
    let minutes = (offset.abs() / MS_PER_MINUTE).floor() as i64;
    // 10-12. The implementation-defined zone name, in parentheses.
    format!("{sign}{:02}{:02} ({})", minutes / 60, minutes % 60, local_tz::zone_name(tv))
}

/// ToDateString(tv) (§21.4.4.41.4), the form of `toString`.
pub(crate) fn to_date_string(tv: f64) -> String {
    // 1. If tv is NaN, return "Invalid Date".
    if tv.is_nan() {
        return "Invalid Date".to_owned();
    }
    // 2-3. DateString, a space, TimeString of the local time, TimeZoneString.
    let t = local_tz::local_time(tv);
    format!("{} {}{}", date_string(t), time_string(t), time_zone_string(tv))
}

/// Date.prototype.toUTCString's form (§21.4.4.43 steps 4-9):
/// "Www, DD Mmm YYYY HH:mm:ss GMT".
pub(crate) fn utc_string(tv: f64) -> String {
    let f = Fields::of(tv);
    let (weekday, month) = (DAY_NAMES[f.week_day as usize], MONTH_NAMES[f.month as usize]);
    format!("{weekday}, {:02} {month} {} {}", f.date as i64, year_text(f.year), time_string(tv))
}

/// The Date Time String Format (§21.4.1.32) of finite `tv` in UTC, with
/// an expanded (±YYYYYY) year outside 0-9999.
pub(crate) fn iso_string(tv: f64) -> String {
    let f = Fields::of(tv);
    let year = if (0.0..=9999.0).contains(&f.year) {
        format!("{:04}", f.year as i64)
    } else {
        let sign = if f.year < 0.0 { '-' } else { '+' };
        format!("{sign}{:06}", f.year.abs() as i64)
    };
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        f.month as i64 + 1,
        f.date as i64,
        f.hour as i64,
        f.min as i64,
        f.sec as i64,
        f.ms as i64
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_and_iso_forms() {
        assert_eq!(utc_string(0.0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(iso_string(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_string(-1.0), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso_string(8.64e15), "+275760-09-13T00:00:00.000Z");
        assert_eq!(iso_string(-8.64e15), "-271821-04-20T00:00:00.000Z");
        assert_eq!(iso_string(-62198755200000.0), "-000001-01-01T00:00:00.000Z");
        assert_eq!(utc_string(-62198755200000.0), "Fri, 01 Jan -0001 00:00:00 GMT");
    }

    #[test]
    fn local_forms() {
        assert_eq!(to_date_string(f64::NAN), "Invalid Date");
        assert_eq!(time_string(3_723_000.0), "01:02:03 GMT");
        assert_eq!(date_string(0.0), "Thu Jan 01 1970");
        assert_eq!(date_string(-62198755200000.0), "Fri Jan 01 -0001");
    }
}
