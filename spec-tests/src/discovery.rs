//! Finding the test files: walking the path prefixes under the test262 root,
//! leaving out fixtures (`*_FIXTURE.js`), and naming each file by its path
//! relative to the root (`test/built-ins/Promise/all/resolves.js`), which is
//! also how reports and expectations name it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The prefixes run when none are given.
pub const DEFAULT_PREFIXES: [&str; 2] = ["test/language", "test/built-ins"];

/// One test file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TestFile {
    /// The path relative to the test262 root, with `/` separators.
    pub name: String,
    /// The path on disk.
    pub path: PathBuf,
}

/// A prefix that names nothing, or a directory that could not be read.
#[derive(Debug)]
pub struct DiscoveryError(pub String);

impl fmt::Display for DiscoveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DiscoveryError {}

/// All test files under `prefixes` (paths relative to `root`, or paths that
/// exist as given and lie under it), sorted by name, each once.
pub fn discover(root: &Path, prefixes: &[String]) -> Result<Vec<TestFile>, DiscoveryError> {
    let mut found = BTreeMap::new();
    for prefix in prefixes {
        let (path, name) = resolve_prefix(root, prefix)?;
        walk(&path, name, &mut found)?;
    }
    Ok(found
        .into_iter()
        .map(|(name, path)| TestFile { name, path })
        .collect())
}

/// The path on disk that `prefix` names, and its name relative to `root`.
fn resolve_prefix(root: &Path, prefix: &str) -> Result<(PathBuf, String), DiscoveryError> {
    let missing = || {
        DiscoveryError(format!(
            "no test file or directory `{prefix}` under {}",
            root.display()
        ))
    };
    for candidate in [root.join(prefix), PathBuf::from(prefix)] {
        if candidate.exists() {
            let name = relative_name(root, &candidate).ok_or_else(missing)?;
            return Ok((candidate, name));
        }
    }
    Err(missing())
}

/// Adds the test files at or below `path`, which is named `name`, to `found`.
fn walk(
    path: &Path,
    name: String,
    found: &mut BTreeMap<String, PathBuf>,
) -> Result<(), DiscoveryError> {
    let read_err = |e: std::io::Error| DiscoveryError(format!("{}: {e}", path.display()));
    if path.is_dir() {
        for entry in std::fs::read_dir(path).map_err(read_err)? {
            let entry = entry.map_err(read_err)?;
            let file = entry.file_name().to_string_lossy().into_owned();
            let child = if name.is_empty() {
                file
            } else {
                format!("{name}/{file}")
            };
            walk(&entry.path(), child, found)?;
        }
    } else if is_test_file(path) {
        found.insert(name, path.to_path_buf());
    }
    Ok(())
}

/// Whether `path` is a test: a `.js` file that is not a fixture.
pub fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".js") && !name.ends_with("_FIXTURE.js")
}

/// `path` relative to `root` with `/` separators, if it lies under it.
fn relative_name(root: &Path, path: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    let rel = path.strip_prefix(&root).ok()?;
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}

/// The directory a file is reported under: the one two levels below
/// `test/` (`language/expressions`, `built-ins/Array`), or less if the file
/// sits higher.
pub fn group_of(name: &str) -> String {
    let rest = name.strip_prefix("test/").unwrap_or(name);
    let dirs: Vec<&str> = rest.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    dirs.iter().take(2).copied().collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        assert_eq!(
            group_of("test/built-ins/Promise/all/resolves.js"),
            "built-ins/Promise"
        );
        assert_eq!(
            group_of("test/language/expressions/a.js"),
            "language/expressions"
        );
        assert_eq!(group_of("test/language/a.js"), "language");
    }

    #[test]
    fn test_files() {
        assert!(is_test_file(Path::new("a/b.js")));
        assert!(!is_test_file(Path::new("a/b_FIXTURE.js")));
        assert!(!is_test_file(Path::new("a/b.json")));
    }

    #[test]
    fn walks_a_tree() {
        let dir = std::env::temp_dir().join(format!("spindle-discovery-{}", std::process::id()));
        let sub = dir.join("test/language/x");
        std::fs::create_dir_all(&sub).unwrap();
        for f in ["b.js", "a.js", "c_FIXTURE.js", "d.txt"] {
            std::fs::write(sub.join(f), "").unwrap();
        }
        let files = discover(
            &dir,
            &["test/language".into(), "test/language/x/a.js".into()],
        )
        .unwrap();
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["test/language/x/a.js", "test/language/x/b.js"]);
        assert!(discover(&dir, &["test/nothing".into()]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
