//! Parser benchmark inputs: several megabytes of real-world-like JavaScript,
//! built deterministically from the test262 checkout that every machine and
//! CI has (`../shared/test262` from the workspace root).
//!
//! Two variants:
//!
//! - [`test262_corpus`]: the harness files (`harness/*.js`, real library
//!   code) followed by test files of `test/built-ins` and `test/language`,
//!   sampled evenly over the sorted list of paths, each wrapped as
//!   `function __t262_<n>() {\n<file text>\n}\n`. Files whose frontmatter
//!   marks them `negative:`, `module` or `raw` are skipped, and so is every
//!   chunk that is not a valid script on its own, so the whole corpus is
//!   one valid script.
//! - [`synthetic_corpus`]: the same harness files followed by a synthetic
//!   "application" (classes, closures, object literals, template strings,
//!   async functions, destructuring) from a small deterministic generator.
//!
//! Both stop adding chunks once the text reaches the target size
//! ([`DEFAULT_TARGET_BYTES`] unless told otherwise).

use spindle_compiler::{check_syntax, Goal};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The default corpus size: 8 MB (8,000,000 bytes).
pub const DEFAULT_TARGET_BYTES: usize = 8_000_000;

/// The test262 checkout used when none is given: `../shared/test262` from
/// the workspace root (the parent of this crate's directory at compile
/// time). The `SPINDLE_TEST262` environment variable overrides it.
pub fn default_test262_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SPINDLE_TEST262") {
        return PathBuf::from(dir);
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_dir.parent().unwrap_or(crate_dir);
    root.join("../shared/test262")
}

/// The test262 corpus: the harness files, then wrapped test files of
/// `test/built-ins` and `test/language` (see the module docs) until the
/// text is at least `target_bytes` long (or the tests run out).
///
/// Deterministic: the same checkout and target give the same string on any
/// machine. Fails only if the checkout cannot be read.
pub fn test262_corpus(test262: &Path, target_bytes: usize) -> io::Result<String> {
    let mut out = harness_prelude(test262)?;
    let mut files = Vec::new();
    for dir in ["test/built-ins", "test/language"] {
        collect_js_files(&test262.join(dir), &mut files)?;
    }
    files.sort();
    let mut n = 0usize;
    for path in sample_order(&files, target_bytes) {
        if out.len() >= target_bytes {
            break;
        }
        // A file that is not UTF-8 or cannot be read is skipped like any
        // other file that does not fit.
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        if !is_plain_script(&text) {
            continue;
        }
        let chunk = format!("function __t262_{n}() {{\n{text}\n}}\n");
        if check_syntax(&chunk, Goal::Script).is_ok() {
            out.push_str(&chunk);
            n += 1;
        }
    }
    Ok(out)
}

/// The order in which the sorted `files` are tried: every `stride`-th file
/// from the first, then every `stride`-th from the second, and so on, where
/// `stride` is about the suite's size over twice the target. The corpus
/// thus samples the whole suite (`built-ins/Array` to `language/white-space`)
/// instead of being the first few directories in alphabetical order.
fn sample_order(files: &[PathBuf], target_bytes: usize) -> impl Iterator<Item = &PathBuf> {
    let total: u64 = files
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let stride =
        (total / (2 * target_bytes.max(1) as u64)).clamp(1, files.len().max(1) as u64) as usize;
    (0..stride).flat_map(move |offset| files.iter().skip(offset).step_by(stride))
}

/// The synthetic corpus: the harness files, then generated "application"
/// modules (written as scripts) until the text is at least `target_bytes`
/// long. Deterministic.
pub fn synthetic_corpus(test262: &Path, target_bytes: usize) -> io::Result<String> {
    let mut out = harness_prelude(test262)?;
    let mut generator = AppGenerator::new(0x5eed_1e55_u64);
    while out.len() < target_bytes {
        generator.component(&mut out);
    }
    Ok(out)
}

/// The harness files (`harness/*.js`) in sorted order, each followed by a
/// newline, keeping only those that still form a valid script together
/// with the ones before (a few declare the same `let` twice across files).
pub fn harness_prelude(test262: &Path) -> io::Result<String> {
    let dir = test262.join("harness");
    let mut files = Vec::new();
    for entry in fs::read_dir(&dir).map_err(|e| with_path(e, &dir))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "js") {
            files.push(path);
        }
    }
    files.sort();
    let mut out = String::new();
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let before = out.len();
        out.push_str(&text);
        out.push('\n');
        if check_syntax(&out, Goal::Script).is_err() {
            out.truncate(before);
        }
    }
    Ok(out)
}

/// Whether the test file's frontmatter (`/*--- … ---*/`) exists and marks
/// it neither `negative:` nor with the `module` or `raw` flag. Files
/// without frontmatter (module fixtures) are not plain scripts.
pub fn is_plain_script(text: &str) -> bool {
    let Some(start) = text.find("/*---") else {
        return false;
    };
    let Some(len) = text[start..].find("---*/") else {
        return false;
    };
    let frontmatter = &text[start + 5..start + len];
    let mut lines = frontmatter.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("negative:") {
            return false;
        }
        if let Some(rest) = line.strip_prefix("flags:") {
            let mut flags: Vec<String> = Vec::new();
            let rest = rest.trim();
            if let Some(list) = rest.strip_prefix('[') {
                let list = list.split(']').next().unwrap_or("");
                flags.extend(list.split(',').map(|f| f.trim().to_string()));
            } else {
                // A block list: `flags:` then `  - name` lines.
                while let Some(item) = lines.peek().and_then(|l| l.trim().strip_prefix("- ")) {
                    flags.push(item.trim().to_string());
                    lines.next();
                }
            }
            if flags.iter().any(|f| f == "module" || f == "raw") {
                return false;
            }
        }
    }
    true
}

/// Adds every `.js` file under `dir` (recursively) to `out`, skipping
/// `_FIXTURE` files, which are imported by tests rather than run.
fn collect_js_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| with_path(e, dir))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_js_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "js")
            && !path.to_string_lossy().contains("_FIXTURE")
        {
            out.push(path);
        }
    }
    Ok(())
}

/// `err` with the path that caused it in its message.
fn with_path(err: io::Error, path: &Path) -> io::Error {
    io::Error::new(
        err.kind(),
        format!("{}: {err} (is the test262 checkout there?)", path.display()),
    )
}

/// A deterministic generator of application-like JavaScript: each
/// "component" is an IIFE holding a class hierarchy, closures, object
/// literals, template strings, async functions and destructuring.
struct AppGenerator {
    /// xorshift64* state; never zero.
    state: u64,
    /// The number of components generated so far, for unique names.
    count: usize,
}

/// Words that names are made of.
const WORDS: &[&str] = &[
    "user", "order", "item", "cart", "price", "total", "account", "session", "token", "cache",
    "request", "response", "handler", "event", "queue", "config", "render", "state", "store",
    "view", "model", "route", "filter", "sort", "page", "index", "count", "value", "result",
    "error", "status", "payload", "record",
];

impl AppGenerator {
    /// A generator seeded with `seed` (zero is replaced by a constant).
    fn new(seed: u64) -> AppGenerator {
        AppGenerator {
            state: if seed == 0 {
                0x9e37_79b9_7f4a_7c15
            } else {
                seed
            },
            count: 0,
        }
    }

    /// The next pseudo-random number.
    fn next(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A random word.
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    /// A camelCase name of two words.
    fn name(&mut self) -> String {
        let first = self.word();
        let second = self.word();
        let mut cap = second.chars();
        let head = cap.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
        format!("{first}{head}{}", cap.as_str())
    }

    /// A PascalCase class name.
    fn class_name(&mut self) -> String {
        let name = self.name();
        let mut chars = name.chars();
        let head = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
        format!("{head}{}", chars.as_str())
    }

    /// A small expression over `vars`.
    fn expr(&mut self, vars: &[String], depth: u32) -> String {
        let v = &vars[self.below(vars.len())];
        if depth == 0 {
            return match self.below(5) {
                0 => format!("{}", self.below(1000)),
                1 => format!("'{}'", self.word()),
                2 => format!("{v}.{}", self.word()),
                _ => v.clone(),
            };
        }
        let a = self.expr(vars, depth - 1);
        let b = self.expr(vars, depth - 1);
        match self.below(9) {
            0 => format!("{a} + {b}"),
            1 => format!("({a}) * {}", self.below(100) + 1),
            2 => format!("{a} ?? {b}"),
            3 => format!("`${{{a}}}-{}-${{{b}}}`", self.word()),
            4 => format!("{v}?.{}({a})", self.name()),
            5 => format!("{a} === {b} ? {a} : {b}"),
            6 => format!("[{a}, ...{v}.{}]", self.word()),
            7 => format!("{{ {}: {a}, {}: {b} }}", self.word(), self.name()),
            _ => format!("Math.max({a}, {b})"),
        }
    }

    /// Appends one component to `out`.
    fn component(&mut self, out: &mut String) {
        self.count += 1;
        let n = self.count;
        let base = format!("{}Base", self.class_name());
        let derived = format!("{}Controller", self.class_name());
        let field = self.name();
        let method = self.name();
        let other = self.name();
        let vars = vec!["this".to_string(), "options".to_string(), field.clone()];
        // `write!` into a String cannot fail; the results are ignored.
        let _ = writeln!(out, "var component{n} = (function () {{\n  'use strict';");
        let _ = writeln!(out, "  const DEFAULTS = {{ {}: {}, {}: '{}', nested: {{ depth: {}, tags: ['{}', '{}'] }} }};",
            self.word(), self.below(100), self.name(), self.word(), self.below(9), self.word(), self.word());
        let _ = writeln!(
            out,
            "  class {base} {{\n    #{field} = null;\n    static instances = 0;"
        );
        let _ = writeln!(out, "    constructor(options = {{}}) {{\n      const {{ {field} = DEFAULTS.nested, ...rest }} = options;");
        let _ = writeln!(out, "      this.#{field} = {field};\n      this.rest = rest;\n      {base}.instances++;\n    }}");
        let _ = writeln!(out, "    get {field}() {{ return this.#{field}; }}");
        let _ = writeln!(out, "    {method}(options, {field}) {{");
        for i in 0..self.below(4) + 2 {
            let name = format!("{}{i}", self.name());
            let e = self.expr(&vars, 2);
            let _ = writeln!(out, "      let {name}_{n} = {e};");
            let _ = writeln!(out, "      if ({name}_{n} != null && typeof {name}_{n} === 'object') {{ {field} = {{ ...{field}, {name}_{n} }}; }}");
        }
        let _ = writeln!(out, "      return {field};\n    }}\n  }}");
        let _ = writeln!(out, "  class {derived} extends {base} {{");
        let _ = writeln!(
            out,
            "    constructor(...args) {{ super(...args); this.listeners = new Map(); }}"
        );
        let _ = writeln!(out, "    on(type, fn) {{ (this.listeners.get(type) ?? this.listeners.set(type, []).get(type)).push(fn); return () => this.off(type, fn); }}");
        let _ = writeln!(out, "    off(type, fn) {{ const list = this.listeners.get(type) || []; const i = list.indexOf(fn); if (i >= 0) list.splice(i, 1); }}");
        let _ = writeln!(
            out,
            "    async {other}(items) {{\n      const results = [];"
        );
        let _ = writeln!(
            out,
            "      for (const [index, {{ id, {field} }}] of items.entries()) {{"
        );
        let _ = writeln!(out, "        try {{\n          const value = await Promise.resolve({field}).then((x) => x * {} + index);", self.below(10) + 1);
        let _ = writeln!(out, "          results.push(`${{id}}:${{value.toFixed(2)}} (${{index + 1}}/${{items.length}})`);");
        let _ = writeln!(out, "        }} catch (error) {{\n          console.error(`failed {other} ${{id}}`, error);\n          continue;\n        }} finally {{\n          this.listeners.get('done')?.forEach((fn) => fn(index));\n        }}\n      }}");
        let _ = writeln!(out, "      return results.filter(Boolean).map((line, i) => ({{ line, i, even: i % 2 === 0 }}));\n    }}");
        let _ = writeln!(out, "    *[Symbol.iterator]() {{ for (const key of Object.keys(this.rest)) yield [key, this.rest[key]]; }}\n  }}");
        let closure = format!("{}Memo", self.name());
        let _ = writeln!(out, "  function {closure}(limit) {{\n    let calls = 0;\n    const memo = Object.create(null);");
        let _ = writeln!(out, "    return function inner(key, compute = (k) => k.length * limit) {{\n      calls += 1;");
        let _ = writeln!(out, "      if (key in memo) return memo[key];\n      switch (typeof key) {{\n        case 'string': memo[key] = compute(key); break;\n        case 'number': memo[key] = key > limit ? limit : key; break;\n        default: throw new TypeError(`bad key ${{String(key)}} after ${{calls}} calls`);\n      }}\n      return memo[key];\n    }};\n  }}");
        let table = format!("{}Table", self.name());
        let _ = write!(out, "  const {table} = [");
        for i in 0..self.below(6) + 3 {
            let _ = write!(
                out,
                "\n    {{ id: {i}, name: '{}', score: {}.{}, active: {}, tags: ['{}'] }},",
                self.word(),
                self.below(100),
                self.below(100),
                self.below(2) == 0,
                self.word()
            );
        }
        let _ = writeln!(out, "\n  ];");
        let _ = writeln!(out, "  const byScore = {table}.slice().sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));");
        let _ = writeln!(out, "  const summary = byScore.reduce((acc, {{ name, score }}) => ({{ ...acc, [name]: (acc[name] || 0) + score }}), {{}});");
        let _ = writeln!(out, "  return {{ {base}, {derived}, {closure}, {table}, summary, version: '{n}.{}.{}' }};\n}})();\n",
            self.below(10), self.below(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontmatter_flags() {
        assert!(is_plain_script("/*---\nflags: [onlyStrict]\n---*/\nx;"));
        assert!(is_plain_script("/*---\ndescription: x\n---*/\nx;"));
        assert!(!is_plain_script(
            "/*---\nflags: [generated, module]\n---*/\nx;"
        ));
        assert!(!is_plain_script("/*---\nflags: [raw]\n---*/\nx;"));
        assert!(!is_plain_script("/*---\nflags:\n  - module\n---*/\nx;"));
        assert!(!is_plain_script(
            "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\nx;"
        ));
        assert!(!is_plain_script("export default 1;"));
    }

    #[test]
    fn synthetic_generator_is_valid_and_deterministic() {
        let mut a = String::new();
        let mut b = String::new();
        let (mut ga, mut gb) = (AppGenerator::new(7), AppGenerator::new(7));
        for _ in 0..50 {
            ga.component(&mut a);
            gb.component(&mut b);
        }
        assert_eq!(a, b);
        if let Err(e) = check_syntax(&a, Goal::Script) {
            panic!("synthetic corpus does not parse: {e:?}");
        }
    }

    #[test]
    fn small_test262_corpus_is_one_valid_script() {
        let dir = default_test262_dir();
        if !dir.join("harness").is_dir() {
            eprintln!("skipped: no test262 checkout at {}", dir.display());
            return;
        }
        let corpus = test262_corpus(&dir, 300_000).expect("reading the test262 checkout");
        assert!(corpus.len() >= 300_000);
        assert_eq!(
            corpus,
            test262_corpus(&dir, 300_000).expect("reading it again")
        );
        if let Err(e) = check_syntax(&corpus, Goal::Script) {
            panic!("test262 corpus does not parse: {e:?}");
        }
        let synthetic = synthetic_corpus(&dir, 200_000).expect("reading the harness");
        if let Err(e) = check_syntax(&synthetic, Goal::Script) {
            panic!("synthetic corpus does not parse: {e:?}");
        }
    }
}
