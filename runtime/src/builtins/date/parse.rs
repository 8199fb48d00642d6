//! Date.parse (ECMAScript 2025 §21.4.3.2): the Date Time String Format
//! of §21.4.1.32 (with expanded years, §21.4.1.32.2), then, for any other
//! string, the implementation-specific fallback of `legacy_parse`, which
//! reads the forms `toString` and `toUTCString` produce and what Node
//! accepts besides.
//!
//! As in Node, the format is read with two extensions: any number of
//! fraction digits after the seconds (those past the milliseconds are
//! dropped) and an offset written `±HHmm`; a day of the month is checked
//! against 1-31 only (the 30th of February is the 1st or 2nd of March).
//! Date-only forms are UTC, date-time forms without an offset local time.

use super::legacy_parse;
use super::local_tz;
use super::time_math::{make_date, make_day, make_time, time_clip, MS_PER_MINUTE};

/// Date.parse(string) on the string's text: a time value, or NaN.
pub(crate) fn parse(text: &str) -> f64 {
    let parsed = parse_iso(text.trim_start()).or_else(|| legacy_parse::parse(text));
    parsed.map_or(f64::NAN, time_clip)
}

/// A position in the ASCII text being parsed.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    /// Exactly `n` decimal digits, as a number.
    fn digits(&mut self, n: usize) -> Option<f64> {
        let run = self.bytes.get(self.at..self.at + n)?;
        if !run.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.at += n;
        Some(run.iter().fold(0.0, |acc, d| acc * 10.0 + f64::from(d - b'0')))
    }

    /// One or more fraction digits, as milliseconds (the first three).
    fn fraction(&mut self) -> Option<f64> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let run = &self.bytes[start..self.at];
        if run.is_empty() {
            return None;
        }
        let ms = (0..3).map(|i| run.get(i).map_or(0.0, |d| f64::from(d - b'0')));
        Some(ms.fold(0.0, |acc, d| acc * 10.0 + d))
    }
}

/// The date part: `YYYY`, `±YYYYYY`, then `-MM` and `-DD` if present, as a
/// day number.
fn iso_date(c: &mut Cursor<'_>) -> Option<f64> {
    let year = match c.peek()? {
        sign @ (b'+' | b'-') => {
            c.at += 1;
            let y = c.digits(6)?;
            // §21.4.1.32.2: -000000 is not a valid year.
            if sign == b'-' && y == 0.0 {
                return None;
            }
            if sign == b'-' { -y } else { y }
        }
        _ => c.digits(4)?,
    };
    let (mut month, mut day) = (1.0, 1.0);
    if c.eat(b'-') {
        month = c.digits(2)?;
        if c.eat(b'-') {
            day = c.digits(2)?;
        }
    }
    ((1.0..=12.0).contains(&month) && (1.0..=31.0).contains(&day)).then(|| make_day(year, month - 1.0, day))
}

/// The time part after `T`: `HH:mm`, then `:ss` and `.sss` if present.
fn iso_time(c: &mut Cursor<'_>) -> Option<f64> {
    let hour = c.digits(2)?;
    if !c.eat(b':') {
        return None;
    }
    let min = c.digits(2)?;
    let (mut sec, mut ms) = (0.0, 0.0);
    if c.eat(b':') {
        sec = c.digits(2)?;
        if c.eat(b'.') {
            ms = c.fraction()?;
        }
    }
    // 24:00 is the end of the day; nothing past it is.
    let end_of_day = hour == 24.0 && min == 0.0 && sec == 0.0 && ms == 0.0;
    (end_of_day || (hour < 24.0 && min < 60.0 && sec < 60.0)).then(|| make_time(hour, min, sec, ms))
}

/// The offset after the time: `Z`, `±HH:mm` or `±HHmm`, in milliseconds
/// to subtract; `None` when malformed.
fn iso_offset(c: &mut Cursor<'_>) -> Option<f64> {
    let sign = match c.peek()? {
        b'Z' | b'z' => {
            c.at += 1;
            return Some(0.0);
        }
        b'+' => 1.0,
        b'-' => -1.0,
        _ => return None,
    };
    c.at += 1;
    let hours = c.digits(2)?;
    c.eat(b':');
    let minutes = c.digits(2)?;
    (hours < 24.0 && minutes < 60.0).then_some(sign * (hours * 60.0 + minutes) * MS_PER_MINUTE)
}

/// The Date Time String Format (§21.4.1.32) of the whole of `text`.
fn parse_iso(text: &str) -> Option<f64> {
    let mut c = Cursor { bytes: text.as_bytes(), at: 0 };
    let day = iso_date(&mut c)?;
    // A date-only form is UTC.
    if c.at_end() {
        return Some(make_date(day, 0.0));
    }
    if !c.eat(b'T') {
        return None;
    }
    let t = make_date(day, iso_time(&mut c)?);
    // A date-time form without an offset is local time.
    if c.at_end() {
        return Some(local_tz::utc(t));
    }
    let offset = iso_offset(&mut c)?;
    c.at_end().then_some(t - offset)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn date_time_string_format() {
        assert_eq!(parse("1970-01-01T00:00:00.000Z"), 0.0);
        assert_eq!(parse("1970"), 0.0);
        assert_eq!(parse("1970-02"), 2_678_400_000.0);
        assert_eq!(parse("2020-01-01T10:00+01:00"), 1_577_869_200_000.0);
        assert_eq!(parse("2020-01-01T10:00-0130"), 1_577_878_200_000.0);
        assert_eq!(parse("2020-01-01T00:00:00.12345Z"), 1_577_836_800_123.0);
        assert_eq!(parse("2020-01-01T24:00Z"), 1_577_923_200_000.0);
        assert_eq!(parse("+275760-09-13T00:00:00.000Z"), 8.64e15);
        assert_eq!(parse("-271821-04-20T00:00:00.000Z"), -8.64e15);
        assert_eq!(parse("-000001-01-01T00:00:00Z"), -62_198_755_200_000.0);
    }

    #[test]
    fn invalid_instances_of_the_format() {
        for bad in [
            "-000000-01-01T00:00Z",
            "2020-13-01",
            "2020-01-32",
            "2020-01-01T24:00:01Z",
            "2020-01-01T10:60Z",
            "2020-01-01T",
            "2020-01-01T10:00:00.Z",
            "2020-01-01T10:00:00.000Z ",
            "+275760-09-13T00:00:00.001Z",
            "",
        ] {
            assert!(parse(bad).is_nan(), "{bad}");
        }
    }
}
