//! Turning a pattern and flags (UTF-16 strings) into a matcher: the flag
//! rules of RegExpInitialize (§22.2.3.1), the pattern's early errors (the
//! compiler's validator, shared with regular-expression literals), the
//! compilation by `regress`, and the name of each capture group.
//!
//! Without `u`/`v` a pattern is a sequence of UTF-16 code units, so regress
//! is given the units one by one (except inside group names, where it wants
//! code points); with `u`/`v` it is given code points (a lone surrogate is
//! itself).
//!
//! Compiled patterns are cached per thread by (pattern, flags), so a
//! literal in a loop, which makes a fresh RegExp object each evaluation,
//! compiles once. A matcher holds no heap references, so runtimes on the
//! same thread may share it.

use regress::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

/// Most patterns the cache keeps (it is emptied when full).
const CACHE_CAPACITY: usize = 256;

/// Compiled patterns by (pattern, flags).
type Cache = HashMap<(Box<[u16]>, Flags), Compiled>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
}

/// The parsed flags of a RegExp.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Flags {
    pub(crate) has_indices: bool,
    pub(crate) global: bool,
    pub(crate) ignore_case: bool,
    pub(crate) multiline: bool,
    pub(crate) dot_all: bool,
    pub(crate) unicode: bool,
    pub(crate) unicode_sets: bool,
    pub(crate) sticky: bool,
}

impl Flags {
    /// Parses flags: each of `dgimsuvy` at most once, not both `u` and `v`.
    pub(crate) fn parse(units: &[u16]) -> Option<Flags> {
        let mut f = Flags::default();
        for &u in units {
            let slot = match u8::try_from(u).ok()? {
                b'd' => &mut f.has_indices,
                b'g' => &mut f.global,
                b'i' => &mut f.ignore_case,
                b'm' => &mut f.multiline,
                b's' => &mut f.dot_all,
                b'u' => &mut f.unicode,
                b'v' => &mut f.unicode_sets,
                b'y' => &mut f.sticky,
                _ => return None,
            };
            if *slot {
                return None;
            }
            *slot = true;
        }
        if f.unicode && f.unicode_sets {
            return None;
        }
        Some(f)
    }

    /// Matching is by code points (`u` or `v`).
    pub(crate) fn full_unicode(self) -> bool {
        self.unicode || self.unicode_sets
    }

    /// The flags as text, in the order of the `flags` getter.
    pub(crate) fn text(self) -> String {
        let pairs = [
            (self.has_indices, 'd'),
            (self.global, 'g'),
            (self.ignore_case, 'i'),
            (self.multiline, 'm'),
            (self.dot_all, 's'),
            (self.unicode, 'u'),
            (self.unicode_sets, 'v'),
            (self.sticky, 'y'),
        ];
        pairs.iter().filter(|(on, _)| *on).map(|(_, c)| *c).collect()
    }

    fn regress(self) -> regress::Flags {
        regress::Flags {
            icase: self.ignore_case,
            multiline: self.multiline,
            dot_all: self.dot_all,
            no_opt: false,
            unicode: self.full_unicode(),
            unicode_sets: self.unicode_sets,
        }
    }
}

/// A compiled pattern.
#[derive(Clone)]
pub(crate) struct Compiled {
    pub(crate) matcher: Rc<Regex>,
    pub(crate) group_names: Rc<[Option<Box<[u16]>>]>,
}

/// Compiles `pattern` for `flags` (or finds it in the cache); the error
/// is the SyntaxError's message.
pub(crate) fn compile(pattern: &[u16], flags: Flags) -> Result<Compiled, String> {
    let key = (Box::<[u16]>::from(pattern), flags);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let compiled = compile_uncached(pattern, flags)?;
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_CAPACITY {
            cache.clear();
        }
        cache.insert(key, compiled.clone());
    });
    Ok(compiled)
}

fn compile_uncached(pattern: &[u16], flags: Flags) -> Result<Compiled, String> {
    // The early errors, where the pattern is well-formed UTF-16 (the
    // validator reads Rust text; regress alone judges lone surrogates).
    if let Ok(text) = String::from_utf16(pattern) {
        spindle_compiler::lexer::validate_regexp_pattern(&text, &flags.text())?;
    }
    let input = if flags.full_unicode() { code_points(pattern) } else { legacy_units(pattern) };
    let options = flags.regress();
    let build = || Regex::from_unicode(input.iter().copied(), options);
    // regress recurses over the pattern's structure: give long patterns a
    // stack sized to them, and report its rare panics as errors.
    let red_zone = 64 * 1024 + input.len() * 2048;
    let matcher = match catch_unwind(AssertUnwindSafe(|| stacker::maybe_grow(red_zone, red_zone, build))) {
        Ok(Ok(re)) => re,
        Ok(Err(e)) => return Err(e.text),
        Err(_) => return Err("Unsupported regular expression".to_string()),
    };
    let group_names = group_names(pattern, flags.unicode_sets).into();
    Ok(Compiled { matcher: Rc::new(matcher), group_names })
}

/// The code points of UTF-16 text (a lone surrogate stands for itself).
fn code_points(units: &[u16]) -> Vec<u32> {
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let (cp, len) = crate::builtins::string::code_point_at(units, i);
        out.push(cp);
        i += len;
    }
    out
}

/// The pattern as regress should see it without `u`/`v`: code units, but
/// code points inside `(?<name>` and `\k<name>`.
fn legacy_units(units: &[u16]) -> Vec<u32> {
    let mut out = Vec::with_capacity(units.len());
    let (mut i, mut in_class) = (0, false);
    while i < units.len() {
        let u = units[i];
        out.push(u32::from(u));
        i += 1;
        let name_follows = match u {
            0x5C => {
                // An escape: the next unit is literal; `\k<` starts a name.
                let Some(&next) = units.get(i) else { break };
                out.push(u32::from(next));
                i += 1;
                next == u16::from(b'k') && !in_class && units.get(i) == Some(&u16::from(b'<'))
            }
            0x5B => {
                in_class = true;
                false
            }
            0x5D => {
                in_class = false;
                false
            }
            0x28 if !in_class => is_group_name_start(units, i),
            _ => false,
        };
        if name_follows {
            i = push_name_as_code_points(units, i, &mut out);
        }
    }
    out
}

/// `units[i..]` starts `?<` of a named group (not a lookbehind).
fn is_group_name_start(units: &[u16], i: usize) -> bool {
    units.get(i) == Some(&u16::from(b'?'))
        && units.get(i + 1) == Some(&u16::from(b'<'))
        && !matches!(units.get(i + 2), Some(&u) if u == u16::from(b'=') || u == u16::from(b'!'))
}

/// Copies a group name (from `units[i]`, through its `>`) as code points;
/// returns the index after it.
fn push_name_as_code_points(units: &[u16], mut i: usize, out: &mut Vec<u32>) -> usize {
    while i < units.len() {
        let (cp, len) = crate::builtins::string::code_point_at(units, i);
        out.push(cp);
        i += len;
        if cp == u32::from(b'>') {
            break;
        }
    }
    i
}

/// The name of each capture group, in order (`None` for unnamed ones), of
/// a valid pattern. Classes nest only with the `v` flag.
fn group_names(units: &[u16], nested_classes: bool) -> Vec<Option<Box<[u16]>>> {
    let mut names = Vec::new();
    let (mut i, mut depth) = (0, 0u32);
    while i < units.len() {
        let u = units[i];
        i += 1;
        match u {
            0x5C => i += 1,
            0x5B if nested_classes || depth == 0 => depth += 1,
            0x5D => depth = depth.saturating_sub(1),
            0x28 if depth == 0 => {
                if units.get(i) != Some(&u16::from(b'?')) {
                    names.push(None);
                } else if is_group_name_start(units, i) {
                    let (name, after) = decode_group_name(units, i + 2);
                    names.push(Some(name));
                    i = after;
                }
            }
            _ => {}
        }
    }
    names
}

/// The CapturingGroupName of the name starting at `units[i]`: escapes
/// (`\uXXXX`, `\u{X}`) decoded; returns it and the index after its `>`.
fn decode_group_name(units: &[u16], mut i: usize) -> (Box<[u16]>, usize) {
    let mut name = Vec::new();
    while let Some(&u) = units.get(i) {
        i += 1;
        match u {
            0x3E => break,
            0x5C => {
                // `\u` then four hex digits or `{hex}`.
                i += 1;
                let (cp, after) = unicode_escape(units, i);
                crate::builtins::string::push_code_point(&mut name, cp);
                i = after;
            }
            _ => name.push(u),
        }
    }
    (name.into_boxed_slice(), i)
}

/// The value of the hex digits of a `\u` escape at `units[i..]` (after
/// the `u`) and the index after them.
fn unicode_escape(units: &[u16], i: usize) -> (u32, usize) {
    let hex = |u: u16| char::from_u32(u32::from(u)).and_then(|c| c.to_digit(16));
    if units.get(i) == Some(&u16::from(b'{')) {
        let mut j = i + 1;
        let mut value = 0u32;
        while let Some(d) = units.get(j).and_then(|&u| hex(u)) {
            value = value.saturating_mul(16).saturating_add(d);
            j += 1;
        }
        return (value.min(0x10FFFF), j + 1);
    }
    let digits = units.get(i..i + 4).unwrap_or(&[]);
    let value = digits.iter().try_fold(0u32, |acc, &u| hex(u).map(|d| acc * 16 + d)).unwrap_or(0);
    (value, i + digits.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn flags_parse_and_order() {
        let f = Flags::parse(&units("ygd")).expect("valid");
        assert!(f.sticky && f.global && f.has_indices && !f.unicode);
        assert_eq!(f.text(), "dgy");
        assert_eq!(Flags::parse(&units("gg")), None);
        assert_eq!(Flags::parse(&units("uv")), None);
        assert_eq!(Flags::parse(&units("x")), None);
    }

    #[test]
    fn group_names_in_order() {
        let names = group_names(&units(r"(a)(?<x>b)(?:c)(?<=d)[(](?<\u0079>e)\(f"), false);
        let expected: Vec<Option<Box<[u16]>>> =
            vec![None, Some(units("x").into()), Some(units("y").into())];
        assert_eq!(names, expected);
    }

    #[test]
    fn nested_classes_only_with_v() {
        assert_eq!(group_names(&units(r"[[a](b)]"), true).len(), 0);
        assert_eq!(group_names(&units(r"[[a](b)]"), false).len(), 1);
    }

    #[test]
    fn compile_errors_are_messages() {
        let f = Flags::default();
        assert!(compile(&units("(?<a>x)(?<a>y)"), f).is_err());
        assert!(compile(&units("a**"), f).is_err());
        assert!(compile(&units("[b-a]"), f).is_err());
        assert!(compile(&units("a|b"), f).is_ok());
    }
}
