//! The run engine end to end on a small test262 tree made for the purpose
//! (the real harness files, hand-written tests): each frontmatter case
//! gets the verdict test262's INTERPRETING.md asks for.

use std::path::{Path, PathBuf};

use spindle_spec_tests::engine::EngineKind;
use spindle_spec_tests::outcome::Outcome;
use spindle_spec_tests::suite::{self, default_test262_dir, Config};

/// The tests: file name, source, and whether it must pass (else the
/// failure message must contain the given text).
const CASES: &[(&str, &str, Result<(), &str>)] = &[
    ("pass.js", "assert.sameValue(1 + 1, 2);", Ok(())),
    (
        "fail.js",
        "assert.sameValue(1, 2);",
        Err("unexpected Test262Error in phase runtime: Expected SameValue(«1», «2»)"),
    ),
    (
        "negative-runtime.js",
        "/*---\nnegative:\n  phase: runtime\n  type: TypeError\n---*/\nnull.x;",
        Ok(()),
    ),
    (
        "negative-runtime-wrong-type.js",
        "/*---\nnegative:\n  phase: runtime\n  type: TypeError\n---*/\nthrow new Test262Error('no');",
        Err("expected TypeError in phase runtime, got Test262Error"),
    ),
    (
        "negative-parse.js",
        "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n$DONOTEVALUATE();\nvar a = ;",
        Ok(()),
    ),
    (
        "negative-parse-accepted.js",
        "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n$DONOTEVALUATE();",
        Err("expected SyntaxError in phase parse, got <string> in phase runtime"),
    ),
    (
        "async-pass.js",
        "/*---\nflags: [async]\n---*/\n(async function () { await null; $DONE(); })();",
        Ok(()),
    ),
    (
        "async-failure.js",
        "/*---\nflags: [async]\n---*/\n(async function () { await null; $DONE(new Test262Error('late')); })();",
        // doneprintHandle.js prints String(error) for errors without `name`.
        Err("async failure: Test262Error: Test262Error: late"),
    ),
    (
        "async-never-done.js",
        "/*---\nflags: [async]\n---*/\n(async function () { await null; })();",
        Err("async test did not report completion through $DONE"),
    ),
    (
        "raw.js",
        "/*---\nflags: [raw]\n---*/\nif (typeof assert !== 'undefined') throw 'harness loaded';\n\
         if ((function () { return this; })() === undefined) throw 'strict';",
        Ok(()),
    ),
    (
        "only-strict.js",
        "/*---\nflags: [onlyStrict]\n---*/\n\
         assert.sameValue((function () { return this; })(), undefined);",
        Ok(()),
    ),
    (
        "no-strict.js",
        "/*---\nflags: [noStrict]\n---*/\nundeclared = 1;\nassert.sameValue(undeclared, 1);",
        Ok(()),
    ),
    (
        "both-modes.js",
        "var strict = (function () { return this; })() === undefined;\n\
         if (strict) { throw new Test262Error('strict run'); }",
        Err("[strict] unexpected Test262Error in phase runtime: strict run"),
    ),
    (
        "includes.js",
        "/*---\nincludes: [compareArray.js]\n---*/\nassert.compareArray([1, 2], [1, 2]);",
        Ok(()),
    ),
    (
        "eval-script.js",
        "assert.sameValue($262.evalScript('var fromScript = 2; fromScript * 3'), 6);\n\
         assert.sameValue(fromScript, 2);\nassert.sameValue($262.global, this);",
        Ok(()),
    ),
    (
        "module.js",
        "/*---\nflags: [module]\n---*/\nimport { x } from './module-dep.js';\nexport let y = x + 1;\nassert.sameValue(y, 3);",
        Ok(()),
    ),
    (
        "module-dep.js",
        "/*---\nflags: [module]\n---*/\nexport let x = 2;",
        Ok(()),
    ),
    (
        "module-resolution.js",
        "/*---\nflags: [module]\nnegative:\n  phase: resolution\n  type: SyntaxError\n---*/\nimport { missing } from './module-dep.js';",
        Ok(()),
    ),
];

/// A throwaway test262 tree: the real harness files and [`CASES`].
struct Tree {
    root: PathBuf,
}

impl Tree {
    fn new() -> Tree {
        let root = std::env::temp_dir().join(format!("spindle-run-mode-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("harness")).unwrap();
        std::fs::create_dir_all(root.join("test/cases")).unwrap();
        let harness = default_test262_dir().join("harness");
        for name in [
            "assert.js",
            "sta.js",
            "doneprintHandle.js",
            "compareArray.js",
        ] {
            copy(&harness.join(name), &root.join("harness").join(name));
        }
        std::fs::write(root.join("EXCLUDED_FEATURES"), "").unwrap();
        for (name, source, _) in CASES {
            std::fs::write(root.join("test/cases").join(name), source).unwrap();
        }
        Tree { root }
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy(from: &Path, to: &Path) {
    if let Err(e) = std::fs::copy(from, to) {
        panic!("cannot copy the harness file {}: {e}", from.display());
    }
}

#[test]
fn verdicts_follow_the_frontmatter() {
    let tree = Tree::new();
    let config = Config {
        test262: tree.root.clone(),
        prefixes: vec!["test".into()],
        engine: EngineKind::Run,
        ..Config::new()
    };
    let results = suite::run(&config).unwrap();
    assert_eq!(results.len(), CASES.len());
    let mut wrong = Vec::new();
    for (name, _, expected) in CASES {
        let full = format!("test/cases/{name}");
        let Some(result) = results.iter().find(|r| r.name == full) else {
            wrong.push(format!("{name}: not run"));
            continue;
        };
        let ok = match (expected, &result.outcome) {
            (Ok(()), Outcome::Pass) => true,
            (Err(text), Outcome::Fail(message)) => message.contains(text),
            _ => false,
        };
        if !ok {
            wrong.push(format!(
                "{name}: expected {expected:?}, got {:?}",
                result.outcome
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
