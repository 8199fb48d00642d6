//! The test262 harness (`harness/*.js`): which files a test needs —
//! `assert.js` and `sta.js` unless it is raw, `doneprintHandle.js` if it is
//! async, then its `includes` — and their text, read once and cached.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::frontmatter::Frontmatter;

/// The harness directory and a cache of the files read from it.
#[derive(Debug)]
pub struct Harness {
    dir: PathBuf,
    cache: Mutex<HashMap<String, Arc<str>>>,
}

impl Harness {
    /// The harness in `dir` (usually `<test262>/harness`).
    pub fn new(dir: PathBuf) -> Harness {
        Harness {
            dir,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The text to put before a test with frontmatter `fm`: the files it
    /// needs, in order, each ending in a newline. An error names a harness
    /// file that could not be read.
    pub fn prelude_for(&self, fm: &Frontmatter) -> Result<String, String> {
        let mut text = String::new();
        for name in files_for(fm) {
            let file = self.file(name)?;
            text.push_str(&file);
            if !file.ends_with('\n') {
                text.push('\n');
            }
        }
        Ok(text)
    }

    /// The text of the harness file `name`.
    fn file(&self, name: &str) -> Result<Arc<str>, String> {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(text) = cache.get(name) {
            return Ok(Arc::clone(text));
        }
        let path = self.dir.join(name);
        let text: Arc<str> = std::fs::read_to_string(&path)
            .map_err(|e| format!("harness file {}: {e}", path.display()))?
            .into();
        cache.insert(name.to_string(), Arc::clone(&text));
        Ok(text)
    }
}

/// The harness files a test with frontmatter `fm` needs, in order.
pub fn files_for(fm: &Frontmatter) -> Vec<&str> {
    let mut files = Vec::new();
    if !fm.flags.raw {
        files.extend(["assert.js", "sta.js"]);
        if fm.flags.is_async {
            files.push("doneprintHandle.js");
        }
    }
    for include in &fm.includes {
        if !files.contains(&include.as_str()) {
            files.push(include);
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files() {
        let mut fm = Frontmatter::default();
        assert_eq!(files_for(&fm), ["assert.js", "sta.js"]);
        fm.flags.is_async = true;
        fm.includes = vec!["asyncHelpers.js".into(), "sta.js".into()];
        assert_eq!(
            files_for(&fm),
            [
                "assert.js",
                "sta.js",
                "doneprintHandle.js",
                "asyncHelpers.js"
            ]
        );
        let mut raw = Frontmatter::default();
        raw.flags.raw = true;
        assert!(files_for(&raw).is_empty());
    }

    #[test]
    fn prelude_reads_and_reports() {
        let dir = std::env::temp_dir().join(format!("spindle-harness-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("assert.js"), "a()").unwrap();
        std::fs::write(dir.join("sta.js"), "s()\n").unwrap();
        let harness = Harness::new(dir.clone());
        assert_eq!(
            harness.prelude_for(&Frontmatter::default()).unwrap(),
            "a()\ns()\n"
        );
        let fm = Frontmatter {
            includes: vec!["missing.js".into()],
            ..Frontmatter::default()
        };
        assert!(harness.prelude_for(&fm).unwrap_err().contains("missing.js"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
