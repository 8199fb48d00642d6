//! The modes a test runs in — sloppy script, strict script, module — chosen
//! from its flags, and the sources each mode hands to the engine (for a
//! script: the strict prefix, then the harness, then the test; for a module:
//! the harness as a separate setup script, then the test).

use std::fmt;

use crate::frontmatter::Flags;

/// The directive that makes a script strict.
pub const STRICT_PREFIX: &str = "\"use strict\";\n";

/// One way of running a test file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// A script in sloppy mode.
    Sloppy,
    /// A script in strict mode (the source begins with `"use strict";`).
    Strict,
    /// A module (strict by definition).
    Module,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Module => "module",
        })
    }
}

/// The modes a test with `flags` runs in: module only for `module`, strict
/// only for `onlyStrict`, sloppy only for `noStrict` and `raw`, else both
/// sloppy and strict.
pub fn modes_for(flags: &Flags) -> Vec<Mode> {
    if flags.module {
        vec![Mode::Module]
    } else if flags.only_strict {
        vec![Mode::Strict]
    } else if flags.no_strict || flags.raw {
        vec![Mode::Sloppy]
    } else {
        vec![Mode::Sloppy, Mode::Strict]
    }
}

/// The sources a mode evaluates: `(setup, main)`.
///
/// For a script, `main` is the strict prefix (strict mode, never for a raw
/// file), then `prelude` (the harness; empty for raw files and in parse-only
/// runs), then the test's `source`, and `setup` is empty. For a module,
/// `main` is the test's `source` alone and `setup` is the prelude, to be
/// evaluated first as a global script (so that modules the test imports see
/// the harness too).
pub fn sources_for(mode: Mode, flags: &Flags, prelude: &str, source: &str) -> (String, String) {
    if mode == Mode::Module {
        return (prelude.to_string(), source.to_string());
    }
    let prefix = if mode == Mode::Strict && !flags.raw {
        STRICT_PREFIX
    } else {
        ""
    };
    let mut text = String::with_capacity(prefix.len() + prelude.len() + source.len() + 1);
    text.push_str(prefix);
    text.push_str(prelude);
    if !prelude.is_empty() && !prelude.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(source);
    (String::new(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(f: impl FnOnce(&mut Flags)) -> Flags {
        let mut flags = Flags::default();
        f(&mut flags);
        flags
    }

    #[test]
    fn mode_selection() {
        assert_eq!(modes_for(&Flags::default()), [Mode::Sloppy, Mode::Strict]);
        assert_eq!(modes_for(&flags(|f| f.module = true)), [Mode::Module]);
        assert_eq!(modes_for(&flags(|f| f.only_strict = true)), [Mode::Strict]);
        assert_eq!(modes_for(&flags(|f| f.no_strict = true)), [Mode::Sloppy]);
        assert_eq!(modes_for(&flags(|f| f.raw = true)), [Mode::Sloppy]);
        let module_raw = flags(|f| {
            f.module = true;
            f.raw = true;
        });
        assert_eq!(modes_for(&module_raw), [Mode::Module]);
        assert_eq!(
            modes_for(&flags(|f| f.is_async = true)),
            [Mode::Sloppy, Mode::Strict]
        );
    }

    #[test]
    fn sources() {
        let none = Flags::default();
        let main = |mode, flags: &Flags, prelude| sources_for(mode, flags, prelude, "x;").1;
        assert_eq!(main(Mode::Sloppy, &none, ""), "x;");
        assert_eq!(main(Mode::Strict, &none, ""), "\"use strict\";\nx;");
        assert_eq!(main(Mode::Strict, &none, "h()"), "\"use strict\";\nh()\nx;");
        assert_eq!(sources_for(Mode::Sloppy, &none, "h()", "x;").0, "");
        assert_eq!(
            sources_for(Mode::Module, &none, "h()\n", "x;"),
            ("h()\n".into(), "x;".into())
        );
        let raw = flags(|f| f.raw = true);
        assert_eq!(main(Mode::Strict, &raw, ""), "x;");
    }
}
