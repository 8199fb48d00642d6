//! Time-value arithmetic (ECMAScript 2025 §21.4.1): the abstract
//! operations that split a time value (milliseconds since the epoch, a
//! Number) into calendar fields and build one back.
//!
//! Invariants: every function takes and returns `f64` exactly as the
//! specification's Numbers (NaN and infinities propagate where the
//! specification lets them; `make_*` return NaN for non-finite input). The
//! field extractors (`year_from_time`, `month_from_time`, ...) are called
//! only with finite time values; for those they return integral Numbers.

/// msPerDay (§21.4.1.3).
pub(crate) const MS_PER_DAY: f64 = 86_400_000.0;
/// msPerHour (§21.4.1.13).
pub(crate) const MS_PER_HOUR: f64 = 3_600_000.0;
/// msPerMinute (§21.4.1.13).
pub(crate) const MS_PER_MINUTE: f64 = 60_000.0;
/// msPerSecond (§21.4.1.13).
pub(crate) const MS_PER_SECOND: f64 = 1_000.0;
/// The largest magnitude of a time value (§21.4.1.1): 100,000,000 days.
pub(crate) const MAX_TIME: f64 = 8.64e15;

/// Years beyond which MakeDay gives up (as V8 does): no time value in range
/// can be reached from them, whatever the month and day.
const MAX_MAKE_DAY_YEAR: f64 = 1_000_000.0;

/// Day(t) (§21.4.1.3).
pub(crate) fn day(t: f64) -> f64 {
    (t / MS_PER_DAY).floor()
}

/// TimeWithinDay(t) (§21.4.1.4).
pub(crate) fn time_within_day(t: f64) -> f64 {
    t.rem_euclid(MS_PER_DAY)
}

/// DaysInYear(y) (§21.4.1.5).
pub(crate) fn days_in_year(y: f64) -> f64 {
    if y % 4.0 != 0.0 {
        365.0
    } else if y % 100.0 != 0.0 {
        366.0
    } else if y % 400.0 != 0.0 {
        365.0
    } else {
        366.0
    }
}

/// DayFromYear(y) (§21.4.1.6).
pub(crate) fn day_from_year(y: f64) -> f64 {
    // 1-5. 365 × (y − 1970) + floor((y − 1969) / 4) − floor((y − 1901) / 100) + floor((y − 1601) / 400).
    365.0 * (y - 1970.0) + ((y - 1969.0) / 4.0).floor() - ((y - 1901.0) / 100.0).floor() + ((y - 1601.0) / 400.0).floor()
}

/// TimeFromYear(y) (§21.4.1.7).
pub(crate) fn time_from_year(y: f64) -> f64 {
    MS_PER_DAY * day_from_year(y)
}

/// YearFromTime(t) (§21.4.1.8): the largest integral y with
/// TimeFromYear(y) ≤ t.
pub(crate) fn year_from_time(t: f64) -> f64 {
    let mut y = (t / (MS_PER_DAY * 365.2425)).floor() + 1970.0;
    while time_from_year(y) > t {
        y -= 1.0;
    }
    while time_from_year(y + 1.0) <= t {
        y += 1.0;
    }
    y
}

/// DayWithinYear(t) (§21.4.1.9).
pub(crate) fn day_within_year(t: f64) -> f64 {
    day(t) - day_from_year(year_from_time(t))
}

/// InLeapYear(t) (§21.4.1.10).
pub(crate) fn in_leap_year(t: f64) -> bool {
    days_in_year(year_from_time(t)) == 366.0
}

/// The day within the year on which each month starts, in a common year.
const MONTH_STARTS: [f64; 12] = [0.0, 31.0, 59.0, 90.0, 120.0, 151.0, 181.0, 212.0, 243.0, 273.0, 304.0, 334.0];

/// The day within the year on which month `m` (0-11) starts.
fn month_start(m: usize, leap: bool) -> f64 {
    MONTH_STARTS[m] + if leap && m >= 2 { 1.0 } else { 0.0 }
}

/// MonthFromTime(t) (§21.4.1.11), 0 for January.
pub(crate) fn month_from_time(t: f64) -> f64 {
    let (dwy, leap) = (day_within_year(t), in_leap_year(t));
    let m = (1..12).rev().find(|&m| dwy >= month_start(m, leap)).unwrap_or(0);
    m as f64
}

/// DateFromTime(t) (§21.4.1.12), 1-31.
pub(crate) fn date_from_time(t: f64) -> f64 {
    let m = month_from_time(t) as usize;
    day_within_year(t) - month_start(m, in_leap_year(t)) + 1.0
}

/// WeekDay(t) (§21.4.1.13), 0 for Sunday.
pub(crate) fn week_day(t: f64) -> f64 {
    (day(t) + 4.0).rem_euclid(7.0)
}

/// HourFromTime(t) (§21.4.1.14).
pub(crate) fn hour_from_time(t: f64) -> f64 {
    (t / MS_PER_HOUR).floor().rem_euclid(24.0)
}

/// MinFromTime(t) (§21.4.1.15).
pub(crate) fn min_from_time(t: f64) -> f64 {
    (t / MS_PER_MINUTE).floor().rem_euclid(60.0)
}

/// SecFromTime(t) (§21.4.1.16).
pub(crate) fn sec_from_time(t: f64) -> f64 {
    (t / MS_PER_SECOND).floor().rem_euclid(60.0)
}

/// msFromTime(t) (§21.4.1.17).
pub(crate) fn ms_from_time(t: f64) -> f64 {
    t.rem_euclid(MS_PER_SECOND)
}

/// ToIntegerOrInfinity of a Number (§7.1.5): truncation, −0 and NaN to +0.
pub(crate) fn integer(n: f64) -> f64 {
    if n.is_nan() {
        0.0
    } else {
        n.trunc() + 0.0
    }
}

/// MakeTime(hour, min, sec, ms) (§21.4.1.27).
pub(crate) fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> f64 {
    // 1. If any argument is not finite, return NaN.
    if !(hour.is_finite() && min.is_finite() && sec.is_finite() && ms.is_finite()) {
        return f64::NAN;
    }
    // 2-6. The integral parts, combined with IEEE 754 * and +.
    let (h, m, s, milli) = (integer(hour), integer(min), integer(sec), integer(ms));
    ((h * MS_PER_HOUR + m * MS_PER_MINUTE) + s * MS_PER_SECOND) + milli
}

/// MakeDay(year, month, date) (§21.4.1.28).
pub(crate) fn make_day(year: f64, month: f64, date: f64) -> f64 {
    // 1. If any argument is not finite, return NaN.
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return f64::NAN;
    }
    // 2-4. y, m, dt: the integral parts.
    let (y, m, dt) = (integer(year), integer(month), integer(date));
    // 5. Let ym be y + floor(m / 12).
    let ym = y + (m / 12.0).floor();
    // 6. If ym is not finite, return NaN (and likewise past the years any
    // time value can be reached from).
    if !ym.is_finite() || ym.abs() > MAX_MAKE_DAY_YEAR {
        return f64::NAN;
    }
    // 7. Let mn be m modulo 12.
    let mn = m.rem_euclid(12.0) as usize;
    // 8. The day t on which month mn of year ym starts.
    let first = day_from_year(ym) + month_start(mn, days_in_year(ym) == 366.0);
    // 9. Return Day(t) + dt − 1.
    first + dt - 1.0
}

/// MakeDate(day, time) (§21.4.1.29).
pub(crate) fn make_date(day: f64, time: f64) -> f64 {
    // 1. If day or time is not finite, return NaN.
    if !(day.is_finite() && time.is_finite()) {
        return f64::NAN;
    }
    // 2-4. tv = day × msPerDay + time; NaN if not finite.
    let tv = day * MS_PER_DAY + time;
    if tv.is_finite() {
        tv
    } else {
        f64::NAN
    }
}

/// MakeFullYear(year) (§21.4.1.30): years 0-99 are 1900-1999.
pub(crate) fn make_full_year(year: f64) -> f64 {
    // 1. If year is NaN, return NaN.
    if year.is_nan() {
        return f64::NAN;
    }
    // 2-3. truncated; 1900 + truncated when in 0..=99.
    let truncated = integer(year);
    if (0.0..=99.0).contains(&truncated) {
        1900.0 + truncated
    } else {
        truncated
    }
}

/// TimeClip(time) (§21.4.1.31).
pub(crate) fn time_clip(time: f64) -> f64 {
    // 1-2. Not finite, or beyond 8.64e15 in magnitude: NaN.
    if !time.is_finite() || time.abs() > MAX_TIME {
        return f64::NAN;
    }
    // 3. Return 𝔽(! ToIntegerOrInfinity(time)).
    integer(time)
}

/// The calendar fields of a finite time value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fields {
    /// The year (astronomical: 0 is 1 BC).
    pub(crate) year: f64,
    /// The month, 0-11.
    pub(crate) month: f64,
    /// The day of the month, 1-31.
    pub(crate) date: f64,
    /// The hour, 0-23.
    pub(crate) hour: f64,
    /// The minute, 0-59.
    pub(crate) min: f64,
    /// The second, 0-59.
    pub(crate) sec: f64,
    /// The millisecond, 0-999.
    pub(crate) ms: f64,
    /// The day of the week, 0 for Sunday.
    pub(crate) week_day: f64,
}

impl Fields {
    /// The fields of finite time value `t`.
    pub(crate) fn of(t: f64) -> Fields {
        Fields {
            year: year_from_time(t),
            month: month_from_time(t),
            date: date_from_time(t),
            hour: hour_from_time(t),
            min: min_from_time(t),
            sec: sec_from_time(t),
            ms: ms_from_time(t),
            week_day: week_day(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_and_its_neighbours() {
        assert_eq!(Fields::of(0.0), Fields { year: 1970.0, month: 0.0, date: 1.0, hour: 0.0, min: 0.0, sec: 0.0, ms: 0.0, week_day: 4.0 });
        let before = Fields::of(-1.0);
        assert_eq!((before.year, before.month, before.date, before.hour, before.ms, before.week_day), (1969.0, 11.0, 31.0, 23.0, 999.0, 3.0));
    }

    #[test]
    fn leap_years() {
        assert_eq!(days_in_year(2000.0), 366.0);
        assert_eq!(days_in_year(1900.0), 365.0);
        assert_eq!(days_in_year(2024.0), 366.0);
        assert_eq!(days_in_year(-4.0), 366.0);
        assert_eq!(days_in_year(2023.0), 365.0);
        let feb29 = make_date(make_day(2024.0, 1.0, 29.0), 0.0);
        assert_eq!((month_from_time(feb29), date_from_time(feb29)), (1.0, 29.0));
        let mar1 = make_date(make_day(2023.0, 1.0, 29.0), 0.0);
        assert_eq!((month_from_time(mar1), date_from_time(mar1)), (2.0, 1.0));
    }

    #[test]
    fn the_extremes_of_the_range() {
        let min = Fields::of(-MAX_TIME);
        assert_eq!((min.year, min.month, min.date), (-271821.0, 3.0, 20.0));
        let max = Fields::of(MAX_TIME);
        assert_eq!((max.year, max.month, max.date), (275760.0, 8.0, 13.0));
        assert_eq!(year_from_time(time_from_year(-1.0)), -1.0);
        assert_eq!(year_from_time(time_from_year(-1.0) - 1.0), -2.0);
    }

    #[test]
    fn make_day_wraps_months_and_days() {
        assert_eq!(make_day(1970.0, 0.0, 1.0), 0.0);
        assert_eq!(make_day(1970.0, 12.0, 1.0), 365.0);
        assert_eq!(make_day(1971.0, -12.0, 1.0), 0.0);
        assert_eq!(make_day(1970.0, 0.0, 0.0), -1.0);
        assert_eq!(make_day(1970.5, 0.9, 1.9), 0.0);
        assert!(make_day(f64::INFINITY, 0.0, 1.0).is_nan());
        assert!(make_day(1e300, 0.0, 1.0).is_nan());
    }

    #[test]
    fn make_time_and_date() {
        assert_eq!(make_time(1.0, 2.0, 3.0, 4.0), 3_723_004.0);
        assert_eq!(make_time(-1.5, 0.0, 0.0, 0.0), -MS_PER_HOUR);
        assert!(make_time(f64::NAN, 0.0, 0.0, 0.0).is_nan());
        assert!(make_date(1e304, 0.0).is_nan());
        assert_eq!(make_date(1.0, -1.0), MS_PER_DAY - 1.0);
    }

    #[test]
    fn time_clip_bounds_and_zero() {
        assert_eq!(time_clip(MAX_TIME), MAX_TIME);
        assert!(time_clip(MAX_TIME + 1.0).is_nan());
        assert!(time_clip(f64::NEG_INFINITY).is_nan());
        assert!(time_clip(-0.0).is_sign_positive());
        assert_eq!(time_clip(1.9), 1.0);
        assert_eq!(time_clip(-1.9), -1.0);
    }

    #[test]
    fn full_years() {
        assert_eq!(make_full_year(99.0), 1999.0);
        assert_eq!(make_full_year(-0.5), 1900.0);
        assert_eq!(make_full_year(100.0), 100.0);
        assert!(make_full_year(f64::NAN).is_nan());
    }
}
