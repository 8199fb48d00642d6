//! Taking one test file through every mode it needs: read it, read its
//! frontmatter, skip it if it is out of scope, prepare the source of each
//! mode, hand it to the engine and judge the completion. A file passes only
//! if every mode passes.

use std::path::Path;

use crate::discovery::TestFile;
use crate::engine::{Depth, Engine, Interrupt, PreparedTest};
use crate::frontmatter::{self, Frontmatter};
use crate::harness::Harness;
use crate::modes::{modes_for, sources_for};
use crate::outcome::Outcome;
use crate::scope::ExcludedFeatures;
use crate::verdict::{judge, Expectation};

/// What running any file needs: the engine, the harness and the scope.
pub struct FileRunner {
    /// The engine tests are handed to.
    pub engine: Box<dyn Engine>,
    /// The harness files (used when the engine runs code).
    pub harness: Harness,
    /// Features whose tests are skipped.
    pub excluded: ExcludedFeatures,
}

impl FileRunner {
    /// Runs `file` in every mode it needs and says how it fared.
    pub fn run(&self, file: &TestFile, interrupt: &Interrupt) -> Outcome {
        match self.try_run(file, interrupt) {
            Ok(outcome) => outcome,
            Err(message) => Outcome::Fail(message),
        }
    }

    /// [`FileRunner::run`], with problems before judging (an unreadable
    /// file, a bad frontmatter, a missing harness file) as `Err`.
    fn try_run(&self, file: &TestFile, interrupt: &Interrupt) -> Result<Outcome, String> {
        let source = read_source(&file.path)?;
        let fm = frontmatter::parse(&source).map_err(|e| e.to_string())?;
        if let Some(reason) = self.skip_reason(&fm) {
            return Ok(Outcome::Skip(reason));
        }
        let depth = self.engine.depth();
        let prelude = match depth {
            Depth::Run => self.harness.prelude_for(&fm)?,
            Depth::Parse => String::new(),
        };
        let expected = Expectation {
            negative: fm.negative.as_ref(),
            is_async: fm.flags.is_async,
            depth,
        };
        for mode in modes_for(&fm.flags) {
            let (setup, main) = sources_for(mode, &fm.flags, &prelude, &source);
            let test = PreparedTest {
                name: file.name.clone(),
                path: file.path.clone(),
                mode,
                setup,
                source: main,
                is_async: fm.flags.is_async,
            };
            let completion = self.engine.evaluate(&test, interrupt);
            if let Err(why) = judge(expected, &completion) {
                return Ok(Outcome::Fail(format!("[{mode}] {why}")));
            }
        }
        Ok(Outcome::Pass)
    }

    /// Why a test with frontmatter `fm` is not run, if it is not.
    fn skip_reason(&self, fm: &Frontmatter) -> Option<String> {
        if let Some(feature) = self.excluded.first_excluded(&fm.features) {
            return Some(format!("excluded feature {feature}"));
        }
        if self.engine.depth() == Depth::Run {
            let can_block = self.engine.can_block();
            if (fm.flags.can_block_is_true && !can_block)
                || (fm.flags.can_block_is_false && can_block)
            {
                return Some(format!("needs [[CanBlock]] = {}", !can_block));
            }
        }
        None
    }
}

/// The text of the file at `path`, which must be UTF-8.
fn read_source(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Completion, RaisedError};
    use crate::frontmatter::Phase;
    use crate::modes::Mode;
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<(Mode, String)>>>;

    /// Rejects sources containing `bad`, and records what it was given.
    struct FakeEngine {
        depth: Depth,
        seen: Seen,
    }

    impl Engine for FakeEngine {
        fn name(&self) -> &'static str {
            "fake"
        }
        fn depth(&self) -> Depth {
            self.depth
        }
        fn evaluate(&self, test: &PreparedTest, _: &Interrupt) -> Completion {
            self.seen
                .lock()
                .unwrap()
                .push((test.mode, test.source.clone()));
            let error = test.source.contains("bad").then(|| RaisedError {
                phase: Phase::Parse,
                error_type: "SyntaxError".into(),
                message: "bad".into(),
            });
            let printed = if test.source.contains("$DONE") || test.setup.contains("$DONE") {
                "Test262:AsyncTestComplete\n"
            } else {
                ""
            };
            Completion {
                error,
                printed: printed.into(),
                failure: None,
            }
        }
    }

    struct Fixture {
        dir: std::path::PathBuf,
    }

    impl Fixture {
        fn new(tag: &str) -> Fixture {
            static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let dir =
                std::env::temp_dir().join(format!("spindle-file-{tag}-{}-{n}", std::process::id()));
            std::fs::create_dir_all(dir.join("harness")).unwrap();
            std::fs::write(dir.join("harness/assert.js"), "assert();\n").unwrap();
            std::fs::write(dir.join("harness/sta.js"), "sta();\n").unwrap();
            std::fs::write(dir.join("harness/doneprintHandle.js"), "$DONE;\n").unwrap();
            Fixture { dir }
        }

        fn runner(&self, depth: Depth) -> FileRunner {
            self.runner_seeing(depth, Seen::default())
        }

        fn runner_seeing(&self, depth: Depth, seen: Seen) -> FileRunner {
            FileRunner {
                engine: Box::new(FakeEngine { depth, seen }),
                harness: Harness::new(self.dir.join("harness")),
                excluded: ExcludedFeatures::parse("Temporal\n"),
            }
        }

        fn run(&self, runner: &FileRunner, source: &str) -> Outcome {
            let path = self.dir.join("t.js");
            std::fs::write(&path, source).unwrap();
            runner.run(
                &TestFile {
                    name: "test/t.js".into(),
                    path,
                },
                &std::sync::Arc::new(AtomicBool::new(false)),
            )
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    const NEG_PARSE: &str = "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n";

    #[test]
    fn parse_depth() {
        let fx = Fixture::new("parse");
        let runner = fx.runner(Depth::Parse);
        assert_eq!(fx.run(&runner, "ok();"), Outcome::Pass);
        assert!(fx.run(&runner, "bad();").is_fail());
        assert_eq!(
            fx.run(&runner, &format!("{NEG_PARSE}bad();")),
            Outcome::Pass
        );
        assert!(fx.run(&runner, &format!("{NEG_PARSE}ok();")).is_fail());
        let skipped = fx.run(&runner, "/*---\nfeatures: [Temporal]\n---*/\nbad();");
        assert_eq!(skipped, Outcome::Skip("excluded feature Temporal".into()));
    }

    fn sources_seen(depth: Depth, source: &str) -> Vec<(Mode, String)> {
        let fx = Fixture::new("modes");
        let seen = Seen::default();
        let runner = fx.runner_seeing(depth, Arc::clone(&seen));
        assert_eq!(fx.run(&runner, source), Outcome::Pass);
        let seen = seen.lock().unwrap().clone();
        seen
    }

    #[test]
    fn modes_and_sources() {
        let strict = |s: &str| format!("\"use strict\";\n{s}");
        let seen = sources_seen(Depth::Parse, "x;");
        assert_eq!(
            seen,
            [(Mode::Sloppy, "x;".into()), (Mode::Strict, strict("x;"))]
        );
        let module = "/*---\nflags: [module]\n---*/\nx;";
        assert_eq!(
            sources_seen(Depth::Parse, module),
            [(Mode::Module, module.into())]
        );
        let only_strict = "/*---\nflags: [onlyStrict]\n---*/\nx;";
        assert_eq!(
            sources_seen(Depth::Parse, only_strict),
            [(Mode::Strict, strict(only_strict))]
        );
        let raw = "/*---\nflags: [raw]\n---*/\nx;";
        assert_eq!(sources_seen(Depth::Run, raw), [(Mode::Sloppy, raw.into())]);
        let with_harness = format!("assert();\nsta();\n{only_strict}");
        assert_eq!(
            sources_seen(Depth::Run, only_strict),
            [(Mode::Strict, strict(&with_harness))]
        );
        assert_eq!(
            sources_seen(Depth::Run, module),
            [(Mode::Module, module.into())]
        );
    }

    #[test]
    fn run_depth_prepends_harness_and_checks_async() {
        let fx = Fixture::new("run");
        let runner = fx.runner(Depth::Run);
        assert_eq!(
            fx.run(&runner, "/*---\nflags: [async]\n---*/\nx;"),
            Outcome::Pass
        );
        assert_eq!(
            fx.run(&runner, "/*---\nflags: [raw]\n---*/\nx;"),
            Outcome::Pass
        );
        let missing = fx.run(&runner, "/*---\nincludes: [nope.js]\n---*/\nx;");
        assert!(missing.message().contains("nope.js"), "{missing:?}");
        let blocking = fx.run(&runner, "/*---\nflags: [CanBlockIsFalse]\n---*/\nx;");
        assert!(matches!(blocking, Outcome::Skip(_)));
    }

    #[test]
    fn unreadable_file_is_a_failure() {
        let fx = Fixture::new("unreadable");
        let runner = fx.runner(Depth::Parse);
        let file = TestFile {
            name: "test/none.js".into(),
            path: fx.dir.join("none.js"),
        };
        assert!(runner
            .run(&file, &std::sync::Arc::new(AtomicBool::new(false)))
            .message()
            .contains("cannot read"));
        std::fs::write(fx.dir.join("latin1.js"), [0x78, 0xe9]).unwrap();
        let file = TestFile {
            name: "test/latin1.js".into(),
            path: fx.dir.join("latin1.js"),
        };
        assert!(runner
            .run(&file, &std::sync::Arc::new(AtomicBool::new(false)))
            .message()
            .contains("UTF-8"));
    }
}
