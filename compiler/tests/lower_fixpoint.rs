//! The source printer's fixpoint over test262: for every file under
//! `test/language` that parses, printing, re-parsing and printing again must
//! succeed and give the identical text.
//!
//! Each file is parsed as a module when its frontmatter flags say `module`
//! (or its name says `_FIXTURE`), with a `"use strict";` prefix for
//! `onlyStrict`, and as written otherwise. The test prints the pass rate and
//! the first failures, and requires at least 99.9%. It also checks that
//! the printed program means the same as the original: their ESTree JSON
//! dumps are equal once positions, raw literal text and parentheses are
//! taken out.
//!
//! A second test lowers every such file (`lower_program`) and requires the
//! lowered program to parse too (its rate is printed; the files it may fail
//! on are those the lowering documents as not rewritten, such as `yield` as
//! an identifier in a sloppy-mode async function). Set
//! `LOWER_FIXPOINT_FILTER` to a path substring to run a subset, and
//! `LOWER_FIXPOINT_SHOW` to the number of failures to print in full.

use serde_json::Value;
use spindle_compiler::ast::dump::to_json;
use spindle_compiler::lower::{lower_program, print_program};
use spindle_compiler::{parse, Goal};
use std::path::{Path, PathBuf};

/// Where test262 is: `shared/test262` beside the work tree.
fn test262_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared/test262"), PathBuf::from("/work/shared/test262")]
        .into_iter()
        .find(|p| p.join("test/language").is_dir())
}

/// Every `.js` file under `dir`, sorted.
fn js_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "js") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The text of the `flags:` entry of the frontmatter (empty if none).
fn flags(source: &str) -> &str {
    let Some(start) = source.find("/*---") else { return "" };
    let end = source[start..].find("---*/").map_or(source.len(), |e| start + e);
    let front = &source[start..end];
    let Some(at) = front.find("\nflags:") else { return "" };
    let rest = &front[at + 7..];
    let stop = rest.match_indices('\n').map(|(i, _)| i).find(|&i| rest[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()));
    &rest[..stop.unwrap_or(rest.len())]
}

/// The outcome for one file.
enum Outcome {
    /// The file does not parse: not counted.
    Skipped,
    Pass,
    Fail(String),
}

/// The source of a test262 file as it is run, and its goal.
fn load(path: &Path) -> Option<(String, Goal)> {
    let text = std::fs::read_to_string(path).ok()?;
    let flags = flags(&text);
    let module = flags.contains("module") || path.to_string_lossy().contains("_FIXTURE");
    let goal = if module { Goal::Module } else { Goal::Script };
    let source = if flags.contains("onlyStrict") { format!("\"use strict\";\n{text}") } else { text };
    Some((source, goal))
}

/// Print, re-parse, print again; compare texts and trees.
fn check_print(path: &Path) -> Outcome {
    let Some((source, goal)) = load(path) else { return Outcome::Skipped };
    let arena = bumpalo::Bump::new();
    let Ok(parsed) = parse(&arena, &source, goal) else { return Outcome::Skipped };
    let first = print_program(&parsed.program, &source);
    let arena2 = bumpalo::Bump::new();
    let reparsed = match parse(&arena2, &first, goal) {
        Ok(p) => p,
        Err(e) => return Outcome::Fail(format!("reparse: {}\n--- printed ---\n{first}", e.render("printed", &first))),
    };
    let second = print_program(&reparsed.program, &first);
    if second != first {
        return Outcome::Fail(format!("not a fixpoint\n--- first ---\n{first}\n--- second ---\n{second}"));
    }
    let before = normalize(to_json(&parsed.program, &source));
    let after = normalize(to_json(&reparsed.program, &first));
    if before != after {
        return Outcome::Fail(format!("different tree\n--- printed ---\n{first}"));
    }
    Outcome::Pass
}

/// An ESTree dump without positions, raw text and parentheses, with each
/// class constructor first in its class body (the AST keeps it apart, so
/// the printer puts it first).
fn normalize(value: Value) -> Value {
    let mut value = value;
    loop {
        match value {
            Value::Object(mut map) => {
                if map.get("type").and_then(Value::as_str) == Some("ParenthesizedExpression") {
                    if let Some(inner) = map.remove("expression") {
                        value = inner;
                        continue;
                    }
                }
                for key in ["start", "end", "loc", "raw"] {
                    map.remove(key);
                }
                if map.get("type").and_then(Value::as_str) == Some("ClassBody") {
                    if let Some(Value::Array(members)) = map.get_mut("body") {
                        members.sort_by_key(|m| m.get("kind").and_then(Value::as_str) != Some("constructor"));
                    }
                }
                return Value::Object(map.into_iter().map(|(k, v)| (k, normalize(v))).collect());
            }
            Value::Array(items) => return Value::Array(items.into_iter().map(normalize).collect()),
            other => return other,
        }
    }
}

/// Lower, then parse the lowered program.
fn check_lower(path: &Path) -> Outcome {
    let Some((source, goal)) = load(path) else { return Outcome::Skipped };
    let arena = bumpalo::Bump::new();
    let Ok(parsed) = parse(&arena, &source, goal) else { return Outcome::Skipped };
    let lowered = lower_program(&parsed, &source);
    let arena2 = bumpalo::Bump::new();
    match parse(&arena2, &lowered, goal) {
        Ok(_) => Outcome::Pass,
        Err(e) => Outcome::Fail(format!("lowered program does not parse: {}\n--- lowered ---\n{lowered}", e.render("lowered", &lowered))),
    }
}

#[test]
fn lower_printer_fixpoint_over_test262() {
    sweep("printer fixpoint", check_print, 99.9);
}

#[test]
fn lower_output_parses_over_test262() {
    sweep("lowered program parses", check_lower, 99.9);
}

/// Runs `check` over test262's `test/language`, prints the rate and the
/// failures, and requires at least `required` percent.
fn sweep(what: &str, check: fn(&Path) -> Outcome, required: f64) {
    let Some(root) = test262_dir() else {
        eprintln!("test262 not found: skipped");
        return;
    };
    let filter = std::env::var("LOWER_FIXPOINT_FILTER").unwrap_or_default();
    let show: usize = std::env::var("LOWER_FIXPOINT_SHOW").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let (mut passed, mut skipped, mut failed) = (0usize, 0usize, Vec::new());
    for path in js_files(&root.join("test/language")) {
        if !path.to_string_lossy().contains(&filter) {
            continue;
        }
        match std::panic::catch_unwind(|| check(&path)) {
            Ok(Outcome::Skipped) => skipped += 1,
            Ok(Outcome::Pass) => passed += 1,
            Ok(Outcome::Fail(why)) => failed.push((path, why)),
            Err(_) => failed.push((path, "panicked".to_string())),
        }
    }
    for (path, why) in failed.iter().take(show) {
        eprintln!("FAIL {}: {why}\n", path.display());
    }
    for (path, why) in failed.iter().skip(show) {
        eprintln!("FAIL {}: {}", path.display(), why.lines().next().unwrap_or(""));
    }
    let total = passed + failed.len();
    let rate = if total == 0 { 100.0 } else { passed as f64 * 100.0 / total as f64 };
    eprintln!("{what}: {passed}/{total} passed ({rate:.3}%), {} failed, {skipped} skipped (do not parse)", failed.len());
    assert!(rate >= required, "{what}: pass rate {rate:.3}% is below {required}%");
}
