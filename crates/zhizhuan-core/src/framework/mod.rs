//! Assessment frameworks as data: the definition format, a strict two-phase loader, and the
//! frameworks that ship with the app.
//!
//! The format is specified in `assessments/README.md`. Loading is two phases, in the style of
//! rust-analyzer: [`raw`] deserializes the TOML exactly as written (unknown keys rejected,
//! spans kept), then [`validate`] checks every rule and builds the [`model`]. Nothing here
//! reads files: callers pass a file name (used only in messages) and the text.
//!
//! ```
//! use zhizhuan_core::framework;
//!
//! let miit = framework::load_builtin("miit-2024").unwrap();
//! assert_eq!(miit.total_points().unwrap().to_string(), "100");
//! assert_eq!(miit.scenarios().count(), 16);
//!
//! let err = framework::load("x.toml", "format = 1\nid = \"Bad Id\"\n").unwrap_err();
//! assert!(err.to_string().starts_with("x.toml:"));
//! ```
//!
//! Public API:
//! - [`load`] `(file, text) -> Result<Framework, LoadErrors>`: every problem, each a
//!   [`LoadError`] displayed as `file:line:column: field.path: expected …, found …`.
//! - [`builtin`]: the shipped definitions, embedded in the binary (the app and the CLI work
//!   without the source tree); [`load_builtin`] and [`load_all_builtin`] load them.
//! - The model ([`Framework`] → [`Dimension`] → [`Indicator`] → [`Item`] with its
//!   [`ItemKind`], [`Choice`]s, [`Band`]s, [`Rung`]s, [`Requirement`]s and [`Action`]s; the
//!   [`Scoring`] method with its parameters, the [`Level`]s and their [`ScenarioRule`]s, and
//!   the [`Note`]s that keep open points visible). All of it is `Serialize` + `TS` for the UI.
//!
//! Numbers are exact [`crate::decimal::Decimal`]s. TOML floats are accepted, but their value
//! is re-read from the literal text in the file, never through `f64`: `0.7` is exactly 0.7.

mod error;
pub mod model;
mod raw;
mod registry;
mod validate;

pub use error::{LoadError, LoadErrors};
pub use model::*;
pub use registry::Registry;
pub use validate::FORMATS;

/// Parses and validates one definition. `file` names the source in messages only.
pub fn load(file: &str, text: &str) -> Result<Framework, LoadErrors> {
    let raw: raw::RawFramework =
        toml::from_str(text).map_err(|e| LoadErrors(vec![error::from_toml(file, text, &e)]))?;
    use sha2::Digest;
    let mut fw = validate::validate(file, text, raw)?;
    fw.content_hash = sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(fw)
}

/// The shipped definitions as `(file name, text)`, embedded at build time.
pub fn builtin() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "assessments/miit-2024.toml",
            include_str!("../../../../assessments/miit-2024.toml"),
        ),
        (
            "assessments/cmmm-2020.toml",
            include_str!("../../../../assessments/cmmm-2020.toml"),
        ),
        (
            "assessments/lianghua-23020.toml",
            include_str!("../../../../assessments/lianghua-23020.toml"),
        ),
    ]
}

/// Loads every shipped definition (in [`builtin`] order).
pub fn load_all_builtin() -> Vec<Result<Framework, LoadErrors>> {
    builtin()
        .into_iter()
        .map(|(file, text)| load(file, text))
        .collect()
}

/// Loads the shipped framework with this id, if there is one and it is valid.
pub fn load_builtin(id: &str) -> Option<Framework> {
    load_all_builtin()
        .into_iter()
        .filter_map(Result::ok)
        .find(|f| f.id == id)
}

#[cfg(test)]
mod tests;
