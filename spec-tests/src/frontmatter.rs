//! The YAML frontmatter of a test262 file (the `/*--- … ---*/` comment):
//! reading the fields the runner acts on — `includes`, `flags`, `features`
//! and `negative` — with a small parser for the subset of YAML test262 uses.
//!
//! Lists may be written inline (`flags: [module, async]`) or as `- item`
//! lines below the key; `negative` is a mapping with `phase` and `type`.
//! Every other key (`description`, `info`, `esid`, …), including block
//! scalars, is skipped.

use std::fmt;

/// The fields of a test's frontmatter that decide how it is run and judged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontmatter {
    /// Harness files (in `harness/`) the test needs besides the defaults.
    pub includes: Vec<String>,
    /// The `flags` list.
    pub flags: Flags,
    /// Language features the test depends on.
    pub features: Vec<String>,
    /// The expected error, for tests that must fail.
    pub negative: Option<Negative>,
}

/// The `flags` of a test, one boolean per flag test262 defines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Run in strict mode only.
    pub only_strict: bool,
    /// Run in sloppy mode only.
    pub no_strict: bool,
    /// Run exactly as written: sloppy, no harness, no prefix.
    pub raw: bool,
    /// Run as module code.
    pub module: bool,
    /// The test reports completion through `$DONE` (asynchronously).
    pub is_async: bool,
    /// The host's `[[CanBlock]]` must be false.
    pub can_block_is_false: bool,
    /// The host's `[[CanBlock]]` must be true.
    pub can_block_is_true: bool,
}

impl Flags {
    /// Sets the flag named `name`; unknown names (`generated`,
    /// `non-deterministic`) change nothing.
    fn set(&mut self, name: &str) {
        match name {
            "onlyStrict" => self.only_strict = true,
            "noStrict" => self.no_strict = true,
            "raw" => self.raw = true,
            "module" => self.module = true,
            "async" => self.is_async = true,
            "CanBlockIsFalse" => self.can_block_is_false = true,
            "CanBlockIsTrue" => self.can_block_is_true = true,
            _ => {}
        }
    }
}

/// When a negative test's error must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// While parsing (early errors included).
    Parse,
    /// While resolving and linking module imports.
    Resolution,
    /// While evaluating.
    Runtime,
}

impl Phase {
    /// The phase named as in test262 (`parse`, `resolution`, `runtime`).
    pub fn from_name(name: &str) -> Option<Phase> {
        match name {
            "parse" => Some(Phase::Parse),
            "resolution" => Some(Phase::Resolution),
            "runtime" => Some(Phase::Runtime),
            _ => None,
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Parse => "parse",
            Phase::Resolution => "resolution",
            Phase::Runtime => "runtime",
        })
    }
}

/// The `negative` field: the test must throw an error of `error_type` in `phase`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    /// When the error must happen.
    pub phase: Phase,
    /// The error constructor's name, e.g. `SyntaxError`.
    pub error_type: String,
}

/// Why a frontmatter could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontmatterError(pub String);

impl fmt::Display for FrontmatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad frontmatter: {}", self.0)
    }
}

impl std::error::Error for FrontmatterError {}

/// The key whose value the parser is reading.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Includes,
    Flags,
    Features,
    Negative,
    Other,
}

/// Reads the frontmatter of a test file's `source`. A file without one
/// yields the default (no flags, no includes).
pub fn parse(source: &str) -> Result<Frontmatter, FrontmatterError> {
    match yaml_text(source)? {
        Some(text) => parse_yaml(text),
        None => Ok(Frontmatter::default()),
    }
}

/// The text between `/*---` and `---*/`, if the file has a frontmatter.
fn yaml_text(source: &str) -> Result<Option<&str>, FrontmatterError> {
    let Some(start) = source.find("/*---") else {
        return Ok(None);
    };
    let body = &source[start + 5..];
    match body.find("---*/") {
        Some(end) => Ok(Some(&body[..end])),
        None => Err(FrontmatterError("`/*---` without a closing `---*/`".into())),
    }
}

/// Parses the YAML subset of a frontmatter.
fn parse_yaml(text: &str) -> Result<Frontmatter, FrontmatterError> {
    let mut fm = Frontmatter::default();
    let mut section = Section::Other;
    let mut phase: Option<String> = None;
    let mut error_type: Option<String> = None;
    for raw_line in text.split(['\n', '\r']) {
        let line = strip_comment(raw_line).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if !indented && !line.starts_with('-') {
            let (key, value) = split_key(line);
            section = section_of(key);
            match section {
                Section::Negative | Section::Other => {}
                list => push_inline(&mut fm, list, value)?,
            }
            continue;
        }
        let item = line.trim_start();
        match section {
            Section::Other => {}
            Section::Negative => {
                let (key, value) = split_key(item);
                match key {
                    "phase" => phase = Some(unquote(value).to_string()),
                    "type" => error_type = Some(unquote(value).to_string()),
                    _ => {}
                }
            }
            list => {
                if let Some(value) = item.strip_prefix('-') {
                    push_item(&mut fm, list, value);
                }
            }
        }
    }
    fm.negative = negative_from(phase, error_type)?;
    Ok(fm)
}

/// Removes a YAML comment (`# …` after whitespace) from a line.
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Splits `key: value` into its trimmed parts (`value` empty if absent).
fn split_key(line: &str) -> (&str, &str) {
    match line.split_once(':') {
        Some((key, value)) => (key.trim(), value.trim()),
        None => (line.trim(), ""),
    }
}

/// The section a top-level key opens.
fn section_of(key: &str) -> Section {
    match key {
        "includes" => Section::Includes,
        "flags" => Section::Flags,
        "features" => Section::Features,
        "negative" => Section::Negative,
        _ => Section::Other,
    }
}

/// Adds the items of an inline list value (`[a, b]`) to `section`; an empty
/// value means the items follow as `- item` lines.
fn push_inline(
    fm: &mut Frontmatter,
    section: Section,
    value: &str,
) -> Result<(), FrontmatterError> {
    if value.is_empty() {
        return Ok(());
    }
    let inner = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .ok_or_else(|| FrontmatterError(format!("expected a list, found `{value}`")))?;
    for item in inner.split(',') {
        push_item(fm, section, item);
    }
    Ok(())
}

/// Adds one list item to the list of `section`.
fn push_item(fm: &mut Frontmatter, section: Section, item: &str) {
    let item = unquote(item.trim());
    if item.is_empty() {
        return;
    }
    match section {
        Section::Includes => fm.includes.push(item.to_string()),
        Section::Features => fm.features.push(item.to_string()),
        Section::Flags => fm.flags.set(item),
        Section::Negative | Section::Other => {}
    }
}

/// Removes matching single or double quotes around a scalar.
fn unquote(value: &str) -> &str {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

/// Builds the `negative` field from its parts, which must come together.
fn negative_from(
    phase: Option<String>,
    error_type: Option<String>,
) -> Result<Option<Negative>, FrontmatterError> {
    match (phase, error_type) {
        (None, None) => Ok(None),
        (Some(phase), Some(error_type)) => {
            let phase = Phase::from_name(&phase)
                .ok_or_else(|| FrontmatterError(format!("unknown negative phase `{phase}`")))?;
            Ok(Some(Negative { phase, error_type }))
        }
        _ => Err(FrontmatterError(
            "`negative` needs both `phase` and `type`".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(yaml: &str) -> Frontmatter {
        parse(&format!("// header\n/*---\n{yaml}\n---*/\nbody();\n")).unwrap()
    }

    #[test]
    fn inline_lists() {
        let f = fm("includes: [compareArray.js, propertyHelper.js]\nfeatures: [Symbol, BigInt]");
        assert_eq!(f.includes, ["compareArray.js", "propertyHelper.js"]);
        assert_eq!(f.features, ["Symbol", "BigInt"]);
    }

    #[test]
    fn dash_lists_indented_or_not() {
        let f =
            fm("features:\n  - Symbol\n  - Symbol.iterator\nincludes:\n- a.js\n- 'b.js'\nesid: x");
        assert_eq!(f.features, ["Symbol", "Symbol.iterator"]);
        assert_eq!(f.includes, ["a.js", "b.js"]);
    }

    #[test]
    fn flags() {
        let f = fm("flags: [generated, module, async, onlyStrict, noStrict, raw]");
        assert!(f.flags.module && f.flags.is_async && f.flags.only_strict);
        assert!(f.flags.no_strict && f.flags.raw);
        assert!(!f.flags.can_block_is_false && !f.flags.can_block_is_true);
        let f = fm("flags:\n  - CanBlockIsFalse\n  - CanBlockIsTrue");
        assert!(f.flags.can_block_is_false && f.flags.can_block_is_true);
        assert_eq!(fm("flags: []").flags, Flags::default());
    }

    #[test]
    fn negative() {
        let f = fm("negative:\n  phase: parse\n  type: SyntaxError\nflags: [raw]");
        assert_eq!(
            f.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".into()
            })
        );
        assert!(f.flags.raw);
        let f = fm("negative:\n    type: ReferenceError\n    phase: runtime");
        assert_eq!(f.negative.map(|n| n.phase), Some(Phase::Runtime));
        let f = fm("negative:\n  phase: resolution\n  type: SyntaxError");
        assert_eq!(f.negative.map(|n| n.phase), Some(Phase::Resolution));
    }

    #[test]
    fn block_scalars_are_skipped() {
        let f = fm("description: |\n  flags: [module]\n  - not an item\ninfo: >\n  negative:\n    phase: parse\nflags: [noStrict]");
        assert_eq!(f.negative, None);
        assert!(f.flags.no_strict && !f.flags.module);
    }

    #[test]
    fn cr_line_endings_and_comments() {
        let f = parse("/*---\rflags: [raw] # why\r# note\rincludes: [a.js]\r---*/\r").unwrap();
        assert!(f.flags.raw);
        assert_eq!(f.includes, ["a.js"]);
    }

    #[test]
    fn missing_and_malformed() {
        assert_eq!(parse("x = 1;").unwrap(), Frontmatter::default());
        assert!(parse("/*---\nflags: [raw]\n").is_err());
        assert!(parse("/*---\nnegative:\n  phase: parse\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  phase: later\n  type: E\n---*/").is_err());
        assert!(parse("/*---\nflags: raw\n---*/").is_err());
    }
}
