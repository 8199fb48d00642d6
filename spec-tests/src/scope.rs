//! What is in scope: the features listed in test262's `EXCLUDED_FEATURES`
//! file, and the decision to skip a test that names one of them.

use std::collections::BTreeSet;
use std::path::Path;

/// The set of excluded test262 features.
#[derive(Debug, Clone, Default)]
pub struct ExcludedFeatures {
    names: BTreeSet<String>,
}

impl ExcludedFeatures {
    /// Reads the feature list at `path`: one feature per line, blank lines
    /// and `#` comments ignored. A missing file excludes nothing.
    pub fn load(path: &Path) -> std::io::Result<ExcludedFeatures> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(ExcludedFeatures::parse(&text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ExcludedFeatures::default()),
            Err(e) => Err(e),
        }
    }

    /// Parses the text of a feature list.
    pub fn parse(text: &str) -> ExcludedFeatures {
        let names = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        ExcludedFeatures { names }
    }

    /// The first of `features` that is excluded, if any.
    pub fn first_excluded<'a>(&self, features: &'a [String]) -> Option<&'a str> {
        features
            .iter()
            .find(|f| self.names.contains(f.as_str()))
            .map(String::as_str)
    }

    /// How many features are excluded.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether nothing is excluded.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches() {
        let ex = ExcludedFeatures::parse("# header\nTemporal\n\n  Intl  # comment\n");
        assert_eq!(ex.len(), 2);
        let features = vec!["Symbol".to_string(), "Intl".to_string()];
        assert_eq!(ex.first_excluded(&features), Some("Intl"));
        assert_eq!(ex.first_excluded(&["Symbol".to_string()]), None);
    }
}
