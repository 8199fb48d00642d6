//! The modes a test runs in — sloppy script, strict script, module — chosen
//! from its flags, and the source each mode hands to the engine (the strict
//! prefix, then the harness, then the test).

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

/// The source `mode` evaluates: the strict prefix for a strict script (never
/// for a raw file), then `prelude` (the harness; empty for raw files and in
/// parse-only runs), then the test's own `source`.
pub fn source_for(mode: Mode, flags: &Flags, prelude: &str, source: &str) -> String {
    let prefix = if mode == Mode::Strict && !flags.raw { STRICT_PREFIX } else { "" };
    let mut text = String::with_capacity(prefix.len() + prelude.len() + source.len() + 1);
    text.push_str(prefix);
    text.push_str(prelude);
    if !prelude.is_empty() && !prelude.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(source);
    text
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
        assert_eq!(modes_for(&flags(|f| f.is_async = true)), [Mode::Sloppy, Mode::Strict]);
    }

    #[test]
    fn sources() {
        let none = Flags::default();
        assert_eq!(source_for(Mode::Sloppy, &none, "", "x;"), "x;");
        assert_eq!(source_for(Mode::Strict, &none, "", "x;"), "\"use strict\";\nx;");
        assert_eq!(source_for(Mode::Module, &none, "", "x;"), "x;");
        assert_eq!(source_for(Mode::Strict, &none, "h()", "x;"), "\"use strict\";\nh()\nx;");
        let raw = flags(|f| f.raw = true);
        assert_eq!(source_for(Mode::Strict, &raw, "", "x;"), "x;");
    }
}
