//! The frameworks a process knows, parsed once: what every write is checked against.

use super::{Framework, LoadErrors, load_all_builtin};

/// Frameworks by id and version. The app and the CLI build one from the shipped definitions
/// ([`Registry::builtin`]); tests may build one from any list.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    frameworks: Vec<Framework>,
}

impl Registry {
    /// Every shipped definition; a definition that fails to load is a build defect (each is
    /// loaded by a test), returned with its located errors.
    pub fn builtin() -> Result<Registry, LoadErrors> {
        let frameworks = load_all_builtin().into_iter().collect::<Result<_, _>>()?;
        Ok(Registry { frameworks })
    }

    pub fn new(frameworks: Vec<Framework>) -> Registry {
        Registry { frameworks }
    }

    /// All frameworks, in the order given.
    pub fn all(&self) -> &[Framework] {
        &self.frameworks
    }

    /// The framework with this id and version (or the first of any version when `version` is None).
    pub fn find(&self, id: &str, version: Option<&str>) -> Option<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.id == id && version.is_none_or(|v| v == f.version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_framework_is_found_by_id_and_version_only() {
        let r = Registry::builtin().unwrap();
        for (id, version, found) in [
            ("miit-2024", Some("2024"), true),
            ("miit-2024", None, true),
            ("miit-2024", Some("2031"), false),
            ("miit-2099", None, false),
        ] {
            assert_eq!(r.find(id, version).is_some(), found, "{id} {version:?}");
        }
    }
}
