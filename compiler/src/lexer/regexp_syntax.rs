//! Early errors of the RegExp pattern grammar (ECMAScript 2025 §22.2.1 and
//! Annex B.1.2): is a regular-expression literal's body a valid pattern
//! for its flags?
//!
//! The `regress` crate parses the pattern, with three corrections where it
//! departs from the specification (all found by probing it):
//!
//! * Without `u`/`v` a pattern is a sequence of UTF-16 code units, so an
//!   astral character in a class range is two units (`/[😀-😏]/` is out of
//!   order, `/[😀-\uDE01]/` is fine). regress reads code points, so it is
//!   given the UTF-16 units, except inside group names where it wants code
//!   points (`(?<𝓐>.)` is valid).
//! * regress lets `\b` and `\B` take a quantifier; they are Assertions,
//!   which take none (Annex B lets only lookaheads have one).
//! * With `v`, regress is lax about escapes unless its `unicode` flag is
//!   also set (`/\-/v`, `/{/v`), and it does not check that a negated class
//!   cannot contain strings (`/[^\q{ab}]/v`); this module checks that
//!   (MayContainStrings, §22.2.1.6).
//!
//! Known remaining gap: regress refuses patterns beyond its own limits
//! (65535 capture groups or quantifiers, nesting deeper than 256).

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Checks `pattern` against the pattern grammar for `flags` (already
/// validated); returns the error message, V8's words where they differ.
/// The RegExp constructor uses it too (`spindle_compiler::lexer::validate_regexp_pattern`).
pub fn validate(pattern: &str, flags: &str) -> Result<(), String> {
    let unicode_sets = flags.contains('v');
    let unicode = unicode_sets || flags.contains('u');
    check_with_regress(pattern, flags, unicode).map_err(|message| v8_message(pattern, message))?;
    check_quantified_word_boundary(pattern, unicode_sets)?;
    if unicode_sets {
        ClassWalker {
            chars: pattern.chars().collect(),
            i: 0,
        }
        .check_pattern()?;
    }
    Ok(())
}

/// Parses the pattern with regress. A panic inside regress (it has a few
/// `unwrap`s) is reported as an error rather than taking the caller down.
fn check_with_regress(pattern: &str, flags: &str, unicode: bool) -> Result<(), String> {
    let mut options = regress::Flags::from(flags);
    options.no_opt = true;
    options.unicode = unicode;
    let compile = || {
        // A 4-byte UTF-8 sequence is an astral character: two code units.
        if unicode || !pattern.bytes().any(|b| b >= 0xF0) {
            regress::Regex::with_flags(pattern, options).map(drop)
        } else {
            // regress clones the iterator to look ahead: a slice iterator is cheap to clone.
            let units = legacy_units(pattern);
            regress::Regex::from_unicode(units.iter().copied(), options).map(drop)
        }
    };
    // regress recurses over the pattern's structure without a depth limit:
    // give long patterns a stack sized to them (about 2 KiB a pattern byte).
    let red_zone = 64 * 1024 + pattern.len() * 2048;
    let result = catch_unwind(AssertUnwindSafe(|| stacker::maybe_grow(red_zone, red_zone, compile)));
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.text),
        Err(_) => Err("Unsupported regular expression".to_string()),
    }
}

/// The pattern as regress should see it without `u`/`v`: UTF-16 code units,
/// but code points inside `(?<name>` and `\k<name>`.
fn legacy_units(pattern: &str) -> Vec<u32> {
    let mut units = Vec::with_capacity(pattern.len());
    let mut in_class = false;
    let mut in_name = false;
    let mut chars = pattern.chars().peekable();
    let push = |units: &mut Vec<u32>, c: char, as_code_point: bool| {
        if as_code_point || c <= '\u{FFFF}' {
            units.push(u32::from(c));
        } else {
            let mut buf = [0u16; 2];
            units.extend(c.encode_utf16(&mut buf).iter().map(|&u| u32::from(u)));
        }
    };
    while let Some(c) = chars.next() {
        push(&mut units, c, in_name);
        match c {
            '>' if in_name => in_name = false,
            _ if in_name => {}
            '\\' => {
                if let Some(next) = chars.next() {
                    push(&mut units, next, false);
                    if next == 'k' && !in_class && chars.peek() == Some(&'<') {
                        in_name = true;
                    }
                }
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                let mut ahead = chars.clone();
                if ahead.next() == Some('?')
                    && ahead.next() == Some('<')
                    && !matches!(ahead.next(), Some('=' | '!'))
                {
                    units.extend([u32::from('?'), u32::from('<')]);
                    chars.next();
                    chars.next();
                    in_name = true;
                }
            }
            _ => {}
        }
    }
    units
}

/// `\b` and `\B` are Assertions, which take no quantifier. Classes nest
/// only with the `v` flag (`nested`).
fn check_quantified_word_boundary(pattern: &str, nested: bool) -> Result<(), String> {
    let bytes = pattern.as_bytes();
    let mut depth = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if depth == 0
                    && matches!(bytes.get(i + 1), Some(b'b' | b'B'))
                    && starts_quantifier(&bytes[i + 2..])
                {
                    return Err("Nothing to repeat".to_string());
                }
                i += 1;
            }
            b'[' if nested || depth == 0 => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// `rest` starts with a quantifier: `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`.
fn starts_quantifier(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'*' | b'+' | b'?') => true,
        Some(b'{') => {
            let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
            let min = digits(&rest[1..]);
            if min == 0 {
                return false;
            }
            let mut j = 1 + min;
            if rest.get(j) == Some(&b',') {
                j += 1 + digits(&rest[j + 1..]);
            }
            rest.get(j) == Some(&b'}')
        }
        _ => false,
    }
}

/// Walks the classes of a `v`-mode pattern (already parsed by regress, so
/// well formed) to compute MayContainStrings and reject negated classes
/// that may contain strings.
struct ClassWalker {
    /// The pattern's code points.
    chars: Vec<char>,
    /// The index of the next code point.
    i: usize,
}

impl ClassWalker {
    /// Checks every class of the pattern.
    fn check_pattern(&mut self) -> Result<(), String> {
        while let Some(c) = self.bump() {
            match c {
                '\\' => self.skip_escape(),
                '[' => {
                    self.class()?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The next code point, consumed.
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.i).copied();
        self.i += 1;
        c
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: char) -> bool {
        let found = self.chars.get(self.i) == Some(&c);
        self.i += usize::from(found);
        found
    }

    /// Consumes `cc` (an operator like `&&`) if it is next.
    fn eat_double(&mut self, c: char) -> bool {
        let found = self.chars.get(self.i) == Some(&c) && self.chars.get(self.i + 1) == Some(&c);
        self.i += 2 * usize::from(found);
        found
    }

    /// A class after its `[`: returns its MayContainStrings.
    fn class(&mut self) -> Result<bool, String> {
        let negated = self.eat('^');
        // Union: any operand; intersection: all operands; subtraction: the first.
        let (mut any, mut all, mut first) = (false, true, None);
        let mut intersection = false;
        let mut subtraction = false;
        loop {
            if self.eat_double('&') {
                intersection = true;
                continue;
            }
            if self.eat_double('-') {
                subtraction = true;
                continue;
            }
            let operand = match self.bump() {
                None | Some(']') => break,
                Some('[') => self.class()?,
                Some('\\') => self.class_escape(),
                Some(_) => false,
            };
            any |= operand;
            all &= operand;
            first.get_or_insert(operand);
        }
        let may_contain_strings = if intersection {
            all
        } else if subtraction {
            first.unwrap_or(false)
        } else {
            any
        };
        if negated && may_contain_strings {
            return Err("Negated character class may contain strings".to_string());
        }
        Ok(may_contain_strings && !negated)
    }

    /// An escape in a class, after its `\`: returns its MayContainStrings.
    fn class_escape(&mut self) -> bool {
        match self.bump() {
            Some('q') => self.class_strings(),
            Some('p') => {
                let name = self.braced();
                is_property_of_strings(&name)
            }
            Some('P') => {
                self.braced();
                false
            }
            Some('u') => {
                self.i -= 1;
                self.skip_escape();
                false
            }
            _ => false,
        }
    }

    /// A `\q{...}` after its `q`: true if some alternative is not exactly
    /// one character long.
    fn class_strings(&mut self) -> bool {
        self.eat('{');
        let mut length = 0;
        let mut not_single = false;
        while let Some(c) = self.bump() {
            match c {
                '}' | '|' => {
                    not_single |= length != 1;
                    length = 0;
                    if c == '}' {
                        break;
                    }
                }
                '\\' => {
                    self.skip_escape();
                    length += 1;
                }
                _ => length += 1,
            }
        }
        not_single
    }

    /// The text of a `{...}` (a property name), consumed.
    fn braced(&mut self) -> String {
        self.eat('{');
        let mut name = String::new();
        while let Some(c) = self.bump() {
            if c == '}' {
                break;
            }
            name.push(c);
        }
        name
    }

    /// Skips the rest of an escape after its `\`: one character, or a
    /// whole `\u` escape (a surrogate pair of them counts as one).
    fn skip_escape(&mut self) {
        if self.bump() != Some('u') {
            return;
        }
        if self.eat('{') {
            while self.bump().is_some_and(|c| c != '}') {}
            return;
        }
        let lead = self.hex4();
        if lead.is_some_and(|u| (0xD800..0xDC00).contains(&u))
            && self.chars.get(self.i) == Some(&'\\')
            && self.chars.get(self.i + 1) == Some(&'u')
        {
            let save = self.i;
            self.i += 2;
            if !self.hex4().is_some_and(|u| (0xDC00..0xE000).contains(&u)) {
                self.i = save;
            }
        }
    }

    /// Four hex digits, consumed if present.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.chars.get(self.i..self.i + 4)?;
        let value = digits
            .iter()
            .try_fold(0, |acc, c| c.to_digit(16).map(|d| acc * 16 + d))?;
        self.i += 4;
        Some(value)
    }
}

/// The binary Unicode properties of strings (§22.2.2.9, table 69).
fn is_property_of_strings(name: &str) -> bool {
    matches!(
        name,
        "Basic_Emoji"
            | "Emoji_Keycap_Sequence"
            | "RGI_Emoji_Modifier_Sequence"
            | "RGI_Emoji_Flag_Sequence"
            | "RGI_Emoji_Tag_Sequence"
            | "RGI_Emoji_ZWJ_Sequence"
            | "RGI_Emoji"
    )
}

/// regress's message in V8's words where they differ.
fn v8_message(pattern: &str, message: String) -> String {
    let text = match message.as_str() {
        "Unbalanced parenthesis" if paren_depth(pattern) > 0 => "Unterminated group",
        "Unbalanced parenthesis" => "Unmatched ')'",
        "Unbalanced bracket" | "Unbalanced class set bracket" => "Unterminated character class",
        "Quantifier not allowed here" => "Nothing to repeat",
        "Invalid quantifier" => "numbers out of order in {} quantifier",
        "Range values reversed, start char code is greater than end char code." => {
            "Range out of order in character class"
        }
        "Invalid character range" => "Invalid character class",
        "Invalid unicode escape" => "Invalid Unicode escape",
        "Invalid character escape" | "Incomplete escape" => "Invalid escape",
        _ => return message,
    };
    text.to_string()
}

/// Unescaped `(` minus `)` outside classes.
fn paren_depth(pattern: &str) -> i64 {
    let bytes = pattern.as_bytes();
    let (mut depth, mut in_class, mut i) = (0i64, false, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'(' if !in_class => depth += 1,
            b')' if !in_class => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::validate;

    fn valid(pattern: &str, flags: &str) -> bool {
        validate(pattern, flags).is_ok()
    }

    #[test]
    fn annex_b_patterns() {
        for p in [
            "a{",
            "a{1",
            "a{1,",
            "{",
            "}",
            "]",
            "\\1",
            "\\8",
            "(a)\\2",
            "\\c",
            "[\\c_]",
            "[\\c]",
            "[\\d-a]",
            "(?=a)*",
            "(?!a){2}",
            "\\k",
            "\\k<a>",
            "\\p{L}",
            "\\u{1}",
            "\\-",
            "(a)\\10",
            "\\377",
            "\\b{",
            "[\\b]",
            "[😀]",
            "[😀-\\uDE01]",
            "(?<𝓐>.)\\k<𝓐>",
            "(?<a𝓐>.)",
            "(?<\\ud835\\udcd0>.)",
            "😀{2}",
            "[\\b*]",
            "\\\\b*",
        ] {
            assert!(valid(p, ""), "/{p}/ should be valid: {:?}", validate(p, ""));
        }
        for p in [
            "^*",
            "\\b*",
            "\\B+",
            "\\b{2}",
            "\\b?",
            "\\B{1,}",
            "$+",
            "a**",
            "+",
            "a{2,1}",
            "[b-a]",
            "(?<=a)*",
            "{1}",
            "[😀-😏]",
            "(?<a>a)(?<a>b)",
            "(?<a>.)\\k<b>",
            "(",
            ")",
            "[",
            "(?i-i:a)",
        ] {
            assert!(!valid(p, ""), "/{p}/ should be invalid");
        }
    }

    #[test]
    fn unicode_patterns() {
        for p in [
            "[\\-]",
            "\\u{10FFFF}",
            "\\p{Script=Greek}",
            "\\ud83d\\ude00",
            "[😀-😏]",
            "(?<a>.)\\k<a>",
        ] {
            assert!(
                valid(p, "u"),
                "/{p}/u should be valid: {:?}",
                validate(p, "u")
            );
        }
        for p in [
            "\\-",
            "{",
            "]",
            "\\c",
            "\\1",
            "\\k",
            "[\\d-a]",
            "(?=a)*",
            "\\u{110000}",
            "\\p{Foo}",
            "\\b*",
            "\\a",
            "\\B{2}",
        ] {
            assert!(!valid(p, "u"), "/{p}/u should be invalid");
        }
    }

    #[test]
    fn unicode_sets_patterns() {
        for p in [
            "[\\q{abc}]",
            "[a--b]",
            "[[a-z]&&[aeiou]]",
            "\\p{RGI_Emoji}",
            "[^\\q{a}]",
            "[^\\q{a|b}]",
            "[^[a]--\\q{ab}]",
            "[^\\q{ab}&&a]",
            "[[^a]]",
            "[^\\ud83d\\ude00]",
            "[^\\q{\\ud83d\\ude00}]",
            "[^\\q{\\u{1F600}}]",
            "[\\&]",
            "[[a]\\b*]",
        ] {
            assert!(
                valid(p, "v"),
                "/{p}/v should be valid: {:?}",
                validate(p, "v")
            );
        }
        for p in [
            "[^\\q{}]",
            "[^\\q{a|bc}]",
            "[^[\\q{ab}]]",
            "[^\\q{ab}--a]",
            "[^\\q{ab}&&\\q{cd}]",
            "[[^\\q{ab}]]",
            "[^\\p{RGI_Emoji}]",
            "[^\\p{Emoji_Keycap_Sequence}]",
            "\\-",
            "{",
            "]",
            "\\q{a}",
            "\\a",
            "[\\a]",
            "[a&&&b]",
            "[(]",
            "[a-z&&b]",
            "[\\q{(}]",
        ] {
            assert!(!valid(p, "v"), "/{p}/v should be invalid");
        }
        assert_eq!(
            validate("[^\\q{ab}]", "v").unwrap_err(),
            "Negated character class may contain strings"
        );
    }

    #[test]
    fn messages() {
        assert_eq!(validate("(", "").unwrap_err(), "Unterminated group");
        assert_eq!(validate(")", "").unwrap_err(), "Unmatched ')'");
        assert_eq!(
            validate("[", "").unwrap_err(),
            "Unterminated character class"
        );
        assert_eq!(validate("\\b*", "").unwrap_err(), "Nothing to repeat");
        assert_eq!(
            validate("[z-a]", "").unwrap_err(),
            "Range out of order in character class"
        );
    }
}
