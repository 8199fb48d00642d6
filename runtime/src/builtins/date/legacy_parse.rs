//! The implementation-specific fallback of Date.parse (§21.4.3.2 lets
//! an implementation read strings outside the Date Time String Format):
//! V8's legacy date parser, so that what Node accepts is accepted here.
//! It reads the forms `toString` and `toUTCString` produce, the
//! US-style `M/D/YYYY`, month names, `AM`/`PM`, `GMT±hhmm`/`UTC±h` and the
//! US zone abbreviations.
//!
//! The text is split into tokens (numbers, words, signs, symbols; spaces
//! and parenthesized comments are skipped) and three composers collect
//! the day, the time and the zone. Words before the first number are
//! ignored (weekday names); an unknown word after one makes the string
//! invalid. Two departures from V8 keep `Date.parse(d.toString())` and
//! `Date.parse(d.toUTCString())` equal to `d` for every year, as the
//! specification asks: a year written with three or more digits is taken
//! as written (not as 19xx/20xx), and after a month name `-N` is a
//! negative year.
//!
//! Without a zone the time is local. The result is not yet TimeClipped.

use super::local_tz;
use super::time_math::{make_date, make_day, make_time};

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    /// A run of digits: its value (saturated), its length, and its first
    /// three digits as milliseconds.
    Number { value: i64, len: usize, ms: i64 },
    /// A run of letters, looked up.
    Word(Keyword),
    /// `+` or `-`.
    Sign(i64),
    /// Any other character.
    Symbol(char),
    /// White space or a parenthesized comment.
    Space,
}

/// What a word means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Keyword {
    /// A month name (its first three letters), 1-12.
    Month(i64),
    /// `am` (0) or `pm` (12): hours to add.
    AmPm(i64),
    /// A zone name: its offset in hours.
    Zone(i64),
    /// `z`, the zone of offset zero, which may also end a time.
    Z,
    /// Anything else (weekday names included).
    Other,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ZONES: [(&str, i64); 12] = [
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("cdt", -5),
    ("cst", -6),
    ("edt", -4),
    ("est", -5),
    ("mdt", -6),
    ("mst", -7),
    ("pdt", -7),
    ("pst", -8),
    ("z", 0),
];

/// Looks a word up: a month by its first three letters (any longer word
/// starting with them), the others by their exact spelling.
fn keyword(word: &str) -> Keyword {
    let lower = word.to_ascii_lowercase();
    if lower.len() >= 3 {
        if let Some(m) = MONTHS.iter().position(|&m| lower.starts_with(m)) {
            return Keyword::Month(m as i64 + 1);
        }
    }
    match lower.as_str() {
        "am" => Keyword::AmPm(0),
        "pm" => Keyword::AmPm(12),
        "z" => Keyword::Z,
        _ => ZONES.iter().find(|(name, _)| *name == lower).map_or(Keyword::Other, |&(_, h)| Keyword::Zone(h)),
    }
}

/// Splits `text` into tokens.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let c = chars[i];
        i += 1;
        if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            out.push(number(&chars[start..i]));
        } else if c.is_ascii_alphabetic() {
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token::Word(keyword(&chars[start..i].iter().collect::<String>())));
        } else if c == '(' {
            i = skip_comment(&chars, i);
            out.push(Token::Space);
        } else if c.is_whitespace() {
            out.push(Token::Space);
        } else if c == '+' || c == '-' {
            out.push(Token::Sign(if c == '-' { -1 } else { 1 }));
        } else {
            out.push(Token::Symbol(c));
        }
    }
    out
}

/// The index past the `)` closing a comment whose `(` is before `i`.
fn skip_comment(chars: &[char], mut i: usize) -> usize {
    let mut depth = 1;
    while i < chars.len() && depth > 0 {
        match chars[i] {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// A number token from its digits.
fn number(digits: &[char]) -> Token {
    let digit = |c: &char| i64::from(c.to_digit(10).unwrap_or(0) as u8);
    let value = digits.iter().fold(0i64, |acc, c| acc.saturating_mul(10).saturating_add(digit(c))).min(i64::from(i32::MAX));
    let ms = (0..3).map(|i| digits.get(i).map_or(0, digit)).fold(0, |acc, d| acc * 10 + d);
    Token::Number { value, len: digits.len(), ms }
}

fn is_day(n: i64) -> bool {
    (1..=31).contains(&n)
}
fn is_month(n: i64) -> bool {
    (1..=12).contains(&n)
}
fn is_minute(n: i64) -> bool {
    (0..60).contains(&n)
}
fn is_ms(n: i64) -> bool {
    (0..1000).contains(&n)
}

/// The day's numbers and month name.
#[derive(Default)]
struct DayComposer {
    /// Up to three numbers, each with its digit count.
    comps: Vec<(i64, usize)>,
    named_month: Option<i64>,
    /// The text began `YYYY-`: year, month, day in that order, as written.
    iso: bool,
}

impl DayComposer {
    fn add(&mut self, n: i64, len: usize) -> bool {
        self.comps.len() < 3 && {
            self.comps.push((n, len));
            true
        }
    }

    /// Year, month (0-11) and day, if they make a date; `timeless`: no
    /// time was given (a lone number is then a year, as in Node).
    fn write(&self, timeless: bool) -> Option<(f64, f64, f64)> {
        let mut c = self.comps.clone();
        if c.is_empty() {
            return None;
        }
        let lone = c.len() == 1;
        let lone_year = lone && timeless;
        c.resize(3, (1, 1));
        let not_day = |(n, len): (i64, usize)| len > 2 || !is_day(n);
        let (year, month, day) = match self.named_month {
            // A lone number is a year, at the start of it.
            None if lone_year => (c[0], 1, 1),
            None if self.iso || not_day(c[0]) => (c[0], c[1].0, c[2].0),
            None => (c[2], c[0].0, c[1].0),
            Some(m) if lone => ((1, 1), m, c[0].0),
            Some(m) if not_day(c[0]) => (c[0], m, c[1].0),
            Some(m) => (c[1], m, c[0].0),
        };
        let (mut y, year_len) = year;
        if !self.iso && year_len <= 2 {
            y += match y {
                0..=49 => 2000,
                50..=99 => 1900,
                _ => 0,
            };
        }
        (is_month(month) && is_day(day)).then(|| (y as f64, (month - 1) as f64, day as f64))
    }
}

/// Hour, minute, second and millisecond, and an AM/PM adjustment.
#[derive(Default)]
struct TimeComposer {
    comps: Vec<i64>,
    hour_offset: Option<i64>,
}

impl TimeComposer {
    fn add(&mut self, n: i64) -> bool {
        self.comps.len() < 4 && {
            self.comps.push(n);
            true
        }
    }

    /// Adds the last component: the rest are zero.
    fn add_final(&mut self, n: i64) -> bool {
        let added = self.add(n);
        self.comps.resize(4, 0);
        added
    }

    fn is_expecting(&self, n: i64) -> bool {
        match self.comps.len() {
            1 | 2 => is_minute(n),
            3 => is_ms(n),
            _ => false,
        }
    }

    /// The time within the day, if the components make one.
    fn write(&self) -> Option<f64> {
        let mut c = self.comps.clone();
        c.resize(4, 0);
        let (mut hour, min, sec, ms) = (c[0], c[1], c[2], c[3]);
        if let Some(offset) = self.hour_offset {
            if !(0..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + offset;
        }
        let valid = (0..24).contains(&hour) && is_minute(min) && is_minute(sec) && is_ms(ms);
        let end_of_day = hour == 24 && min == 0 && sec == 0 && ms == 0;
        (valid || end_of_day).then(|| make_time(hour as f64, min as f64, sec as f64, ms as f64))
    }
}

/// The zone: a sign, hours and minutes.
#[derive(Default)]
struct ZoneComposer {
    sign: Option<i64>,
    hour: Option<i64>,
    minute: Option<i64>,
}

impl ZoneComposer {
    fn set(&mut self, hours: i64) {
        self.sign = Some(if hours < 0 { -1 } else { 1 });
        self.hour = Some(hours.abs());
        self.minute = Some(0);
    }

    fn is_expecting(&self, n: i64) -> bool {
        self.hour.is_some() && self.minute.is_none() && is_minute(n)
    }

    fn is_utc(&self) -> bool {
        self.hour == Some(0) && self.minute == Some(0)
    }

    /// The offset in milliseconds, if a zone was given.
    fn write(&self) -> Option<f64> {
        let sign = self.sign?;
        let minutes = self.hour.unwrap_or(0) * 60 + self.minute.unwrap_or(0);
        Some((sign * minutes * 60_000) as f64)
    }
}

/// The parser's state over the token list.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
    day: DayComposer,
    time: TimeComposer,
    zone: ZoneComposer,
    has_read_number: bool,
}

impl Parser {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.at).copied()
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.peek();
        self.at += 1;
        t
    }

    /// Consumes the symbol `c` if it is next.
    fn skip_symbol(&mut self, c: char) -> bool {
        let found = self.peek() == Some(Token::Symbol(c)) || (c == '-' && self.peek() == Some(Token::Sign(-1)));
        self.at += usize::from(found);
        found
    }

    /// A number token (`n`, `len` digits); `None` if the text is invalid.
    fn number(&mut self, n: i64, len: usize) -> Option<()> {
        self.has_read_number = true;
        if self.skip_symbol(':') {
            if self.skip_symbol(':') {
                // "n::": hours, no minutes.
                if !self.time.comps.is_empty() {
                    return None;
                }
                self.time.add(n);
                self.time.add(0);
            } else {
                self.time.add(n).then_some(())?;
                self.skip_symbol('.');
            }
        } else if self.skip_symbol('.') && self.time.is_expecting(n) {
            self.time.add(n);
            let Some(Token::Number { ms, .. }) = self.next() else { return None };
            self.time.add_final(ms);
        } else if self.zone.is_expecting(n) {
            self.zone.minute = Some(n);
        } else if self.time.is_expecting(n) {
            self.time.add_final(n);
            // The time must end here.
            let ends = matches!(self.peek(), None | Some(Token::Space | Token::Sign(_) | Token::Word(Keyword::Z)));
            ends.then_some(())?;
        } else {
            self.day.add(n, len).then_some(())?;
            self.skip_symbol('-');
        }
        Some(())
    }

    /// A word token.
    fn word(&mut self, k: Keyword) -> Option<()> {
        match k {
            Keyword::AmPm(h) if !self.time.comps.is_empty() => self.time.hour_offset = Some(h),
            Keyword::Month(m) => {
                self.day.named_month = Some(m);
                self.skip_symbol('-');
            }
            Keyword::Zone(h) if self.has_read_number => self.zone.set(h),
            Keyword::Z if self.has_read_number => self.zone.set(0),
            // Words are ignored before the first number, if apart from it.
            _ if self.has_read_number || matches!(self.peek(), Some(Token::Number { .. })) => return None,
            _ => {}
        }
        Some(())
    }

    /// A sign token: a zone offset after a time or `GMT`, a negative year
    /// after a month name.
    fn sign(&mut self, sign: i64) -> Option<()> {
        let negative_year = sign < 0 && self.day.named_month.is_some() && self.time.comps.is_empty() && self.zone.sign.is_none();
        if let (true, Some(Token::Number { value, len, .. })) = (negative_year, self.peek()) {
            self.at += 1;
            self.has_read_number = true;
            return self.day.add(-value, len.max(3)).then_some(());
        }
        if self.zone.is_utc() || !self.time.comps.is_empty() {
            return self.offset(sign);
        }
        // A sign after a number is invalid; before one, ignored.
        (!self.has_read_number).then_some(())
    }

    /// The offset after a sign: `hh`, `hhmm`, or `hh:` then minutes.
    fn offset(&mut self, sign: i64) -> Option<()> {
        self.zone.sign = Some(sign);
        let (n, len) = match self.peek() {
            Some(Token::Number { value, len, .. }) => {
                self.at += 1;
                (value, len)
            }
            _ => (0, 0),
        };
        self.has_read_number = true;
        if self.peek() == Some(Token::Symbol(':')) {
            self.zone.hour = Some(n);
            self.zone.minute = None;
        } else if matches!(len, 1 | 2) {
            self.zone.hour = Some(n);
            self.zone.minute = Some(0);
        } else if matches!(len, 3 | 4) {
            self.zone.hour = Some(n / 100);
            self.zone.minute = Some(n % 100);
        } else {
            return None;
        }
        Some(())
    }

    /// Reads every token; `None` if the text is invalid.
    fn run(&mut self) -> Option<()> {
        while let Some(token) = self.next() {
            match token {
                Token::Number { value, len, .. } => self.number(value, len)?,
                Token::Word(k) => self.word(k)?,
                Token::Sign(s) => self.sign(s)?,
                Token::Symbol(')') if self.has_read_number => return None,
                Token::Symbol(_) | Token::Space => {}
            }
        }
        Some(())
    }
}

/// The time value `text` denotes, if the fallback grammar reads it.
pub(crate) fn parse(text: &str) -> Option<f64> {
    let tokens = tokens(text);
    let iso = matches!(tokens.as_slice(), [Token::Number { len: 4, .. }, Token::Sign(-1), ..]);
    let day = DayComposer { iso, ..DayComposer::default() };
    let mut p = Parser { tokens, at: 0, day, time: TimeComposer::default(), zone: ZoneComposer::default(), has_read_number: false };
    p.run()?;
    let (year, month, date) = p.day.write(p.time.comps.is_empty())?;
    let t = make_date(make_day(year, month, date), p.time.write()?);
    Some(match p.zone.write() {
        Some(offset) => t - offset,
        None => local_tz::utc(t),
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn utc(text: &str) -> Option<f64> {
        parse(text)
    }

    #[test]
    fn the_forms_to_string_and_to_utc_string_produce() {
        assert_eq!(utc("Thu Jan 01 1970 00:00:00 GMT+0100 (CET)"), Some(-3_600_000.0));
        assert_eq!(utc("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(utc("Fri, 01 Jan -0001 00:00:00 GMT"), Some(-62_198_755_200_000.0));
        assert_eq!(utc("Fri Jan 01 -0001 00:00:00 GMT+0000 (Coordinated Universal Time)"), Some(-62_198_755_200_000.0));
        assert_eq!(utc("Mon Jan 01 0001 00:00:00 GMT"), Some(-62_135_596_800_000.0));
    }

    #[test]
    fn what_node_accepts() {
        assert_eq!(utc("Sat, 01 Jan 2000 10:00:00 -01:30"), Some(946_726_200_000.0));
        assert_eq!(utc("Jan 1 2000 GMT-8"), Some(946_713_600_000.0));
        assert_eq!(utc("Jan 1 2000 UTC+1"), Some(946_681_200_000.0));
        assert_eq!(utc("Jan 1 2000 EST"), Some(946_702_800_000.0));
        assert_eq!(utc("Jan 1, 2000 10:00 PM Z"), Some(946_764_000_000.0));
        assert_eq!(utc("12/31/99 Z"), Some(946_598_400_000.0));
        assert_eq!(utc("1/2/2000 10:00:00.5 GMT"), Some(946_807_200_500.0));
        assert_eq!(utc("2000-01-01T10:00:00+0100"), None);
        assert_eq!(utc("99 Z"), Some(915_148_800_000.0));
        assert_eq!(utc("1:2:3:4:5 Z"), Some(988_678_923_004.0));
    }

    #[test]
    fn what_node_rejects() {
        for bad in ["2000 foo", "Jan 1 2000 13:00 pm", "Jan 32 2000", "", "10:00", "T10:00", "2020-01-01T10:00:00+01"] {
            assert_eq!(utc(bad), None, "{bad}");
        }
    }
}
