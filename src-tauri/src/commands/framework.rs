//! The built-in frameworks: a summary for the "新建评估" cards and the full model for the
//! questionnaire. They are the same embedded definitions the CLI loads
//! (`zhizhuan_core::framework::load_all_builtin`), parsed once per process.

use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::{self, Framework, Source, Text, Variant};

use crate::error::{Error, Result};

/// The shipped frameworks, loaded once. A definition that fails to load is a build defect
/// (each is loaded by a test in core), reported as an internal error naming the file.
fn all() -> &'static std::result::Result<Vec<Framework>, String> {
    static ALL: OnceLock<std::result::Result<Vec<Framework>, String>> = OnceLock::new();
    ALL.get_or_init(|| {
        framework::load_all_builtin()
            .into_iter()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())
    })
}

/// The built-in framework with this id and version (or any version when `version` is None).
pub fn builtin(id: &str, version: Option<&str>) -> Result<&'static Framework> {
    let all = all().as_ref().map_err(|e| Error::Internal(e.clone()))?;
    all.iter()
        .find(|f| f.id == id && version.is_none_or(|v| v == f.version))
        .ok_or_else(|| Error::UnknownFramework {
            id: id.to_owned(),
            version: version.unwrap_or_default().to_owned(),
        })
}

/// What the framework cards show.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkSummary {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub summary: Option<Text>,
    pub source: Source,
    /// The scoring method is our estimate, not the official text (badge 「估算」).
    pub estimate: bool,
    pub variants: Vec<Variant>,
    /// Level names, lowest first.
    pub levels: Vec<Text>,
    /// Number of questions (all variants).
    pub items: u32,
    /// Scored in points (分) out of this total; `null`: a maturity score from 0 to the top
    /// level, shown without 分.
    pub total_points: Option<Decimal>,
}

impl FrameworkSummary {
    fn of(f: &Framework) -> FrameworkSummary {
        FrameworkSummary {
            id: f.id.clone(),
            version: f.version.clone(),
            title: f.title.clone(),
            summary: f.summary.clone(),
            source: f.source.clone(),
            estimate: f.scoring.estimate || f.levels.iter().any(|l| l.estimate),
            variants: f.variants.clone(),
            levels: f.levels.iter().map(|l| l.name.clone()).collect(),
            items: u32::try_from(f.items().count()).unwrap_or(u32::MAX),
            total_points: f.total_points(),
        }
    }
}

#[tauri::command]
pub fn list_frameworks() -> Result<Vec<FrameworkSummary>> {
    let all = all().as_ref().map_err(|e| Error::Internal(e.clone()))?;
    Ok(all.iter().map(FrameworkSummary::of).collect())
}

/// The full definition (questions, options, bands, ladders, requirements, notes).
#[tauri::command]
pub fn get_framework(id: String, version: String) -> Result<Framework> {
    Ok(builtin(&id, Some(&version))?.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_builtin_frameworks_are_listed_with_cmmm_marked_estimate() {
        let list = list_frameworks().unwrap();
        let ids: Vec<&str> = list.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["miit-2024", "cmmm-2020", "lianghua-23020"]);
        let cmmm = &list[1];
        assert!(cmmm.estimate);
        assert!(!list[0].estimate);
        assert!(cmmm.variants.len() >= 2, "离散型 / 流程型");
    }

    #[test]
    fn an_unknown_framework_is_not_found() {
        let err = get_framework("nope".into(), "1".into()).unwrap_err();
        assert_eq!(err.payload().kind, crate::error::ErrorKind::NotFound);
    }
}
