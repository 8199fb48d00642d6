//! The host's local time zone (ECMAScript 2025 §21.4.1.25-26 LocalTime
//! and UTC, §21.4.1.20 GetNamedTimeZoneOffsetNanoseconds for the system
//! zone).
//!
//! The zone is read once per process with the `tz-rs` crate (no libc):
//! the `TZ` environment variable when it is set and not empty (a zone
//! name such as `Europe/Berlin`, a `:path`, or a POSIX rule such as
//! `EST5EDT`), else `/etc/localtime`. When neither can be read or parsed
//! the zone is UTC. Offsets are whole seconds, as the tz database has
//! them, and the zone's abbreviation (`CET`, `EST`) names it in
//! `toString`; UTC is named "Coordinated Universal Time" as Node prints.

use super::time_math::MS_PER_DAY;
use std::sync::OnceLock;
use tz::TimeZone;

/// The process's local time zone.
fn zone() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| {
        let configured = std::env::var("TZ").ok().filter(|tz| !tz.is_empty());
        let parsed = match configured {
            Some(tz) => TimeZone::from_posix_tz(&tz),
            None => TimeZone::local(),
        };
        parsed.unwrap_or_else(|_| TimeZone::utc())
    })
}

/// The Unix second that contains time value `t` (finite).
fn unix_second(t: f64) -> i64 {
    (t / 1000.0).floor() as i64
}

/// The local time zone's offset from UTC at instant `t` (a finite time
/// value), in milliseconds.
pub(crate) fn offset_ms(t: f64) -> f64 {
    offset_in(zone(), t)
}

/// Zone `tz`'s offset from UTC at instant `t`, in milliseconds.
fn offset_in(tz: &TimeZone, t: f64) -> f64 {
    tz.find_local_time_type(unix_second(t)).map_or(0.0, |lt| f64::from(lt.ut_offset()) * 1000.0)
}

/// The zone's name at instant `t`, for `toString` (`"CET"`, `"EST"`).
pub(crate) fn zone_name(t: f64) -> String {
    let name = zone().find_local_time_type(unix_second(t)).map_or("UTC", |lt| lt.time_zone_designation());
    match name {
        "UTC" | "" => "Coordinated Universal Time".to_owned(),
        other => other.to_owned(),
    }
}

/// LocalTime(t) (§21.4.1.25).
pub(crate) fn local_time(t: f64) -> f64 {
    // 1-4. t + the offset at t.
    if t.is_finite() {
        t + offset_ms(t)
    } else {
        t
    }
}

/// UTC(t) (§21.4.1.26): the instant whose local time is `t`. A local time
/// that occurs twice (clocks set back) is taken at its earlier instant; one
/// that never occurs (clocks set forward) uses the offset in effect before
/// the transition.
pub(crate) fn utc(t: f64) -> f64 {
    utc_in(zone(), t)
}

/// UTC(t) in zone `tz`.
fn utc_in(tz: &TimeZone, t: f64) -> f64 {
    // 1. If t is not finite, return NaN.
    if !t.is_finite() {
        return f64::NAN;
    }
    // 2-5. The offsets a day either side bound those that can apply.
    let before = offset_in(tz, t - MS_PER_DAY);
    let after = offset_in(tz, t + MS_PER_DAY);
    let candidates = [t - before, t - after];
    let possible = candidates.iter().zip([before, after]).filter(|&(&u, o)| offset_in(tz, u) == o).map(|(&u, _)| u);
    // 6-8. The earliest possible instant, else the offset before the gap.
    possible.reduce(f64::min).unwrap_or(t - before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_utc_are_inverse_away_from_transitions() {
        for t in [0.0, 1.6e12, -1e13, 8.64e15 - MS_PER_DAY] {
            assert_eq!(utc(local_time(t)), t);
        }
        assert!(utc(f64::NAN).is_nan());
        assert!(local_time(f64::NAN).is_nan());
    }

    /// Central European time: +1, +2 from the last Sunday of March at
    /// 02:00 to the last Sunday of October at 03:00.
    fn cet() -> TimeZone {
        TimeZone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    /// The time value of 2021-`month`-`day` `hour`:`min` read as UTC.
    fn at(month: u8, day: u8, hour: u8, min: u8) -> f64 {
        use super::super::time_math::{make_date, make_day, make_time};
        make_date(make_day(2021.0, f64::from(month) - 1.0, f64::from(day)), make_time(f64::from(hour), f64::from(min), 0.0, 0.0))
    }

    #[test]
    fn offsets_follow_the_zone_rules() {
        let tz = cet();
        assert_eq!(offset_in(&tz, at(1, 15, 12, 0)), 3_600_000.0);
        assert_eq!(offset_in(&tz, at(7, 15, 12, 0)), 7_200_000.0);
        assert_eq!(utc_in(&tz, at(1, 15, 12, 0)), at(1, 15, 11, 0));
    }

    #[test]
    fn a_skipped_local_time_uses_the_offset_before_the_gap() {
        // 2021-03-28 02:30 does not exist: read at +1, it is 01:30 UTC.
        assert_eq!(utc_in(&cet(), at(3, 28, 2, 30)), at(3, 28, 1, 30));
    }

    #[test]
    fn a_repeated_local_time_is_its_earlier_instant() {
        // 2021-10-31 02:30 happens at +2 (00:30 UTC) and at +1 (01:30 UTC).
        assert_eq!(utc_in(&cet(), at(10, 31, 2, 30)), at(10, 31, 0, 30));
    }
}
