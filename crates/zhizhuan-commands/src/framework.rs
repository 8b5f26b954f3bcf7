//! The known frameworks: a summary for the "新建评估" cards and the full model for the
//! questionnaire, from the context's registry (the shipped definitions, parsed once).

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::{Framework, Source, Text, Variant};

use crate::Context;
use crate::error::Result;

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
    /// The result when no level is reached (未达一级): lists show cached levels by name.
    pub below_level: Text,
    /// Number of questions (all variants).
    pub items: u32,
    /// Scored in points (分) out of this total; `null`: a maturity score from 0 to the top
    /// level, shown without 分.
    pub total_points: Option<Decimal>,
}

impl FrameworkSummary {
    pub fn of(f: &Framework) -> FrameworkSummary {
        FrameworkSummary {
            id: f.id.clone(),
            version: f.version.clone(),
            title: f.title.clone(),
            summary: f.summary.clone(),
            source: f.source.clone(),
            estimate: f.scoring.estimate || f.levels.iter().any(|l| l.estimate),
            variants: f.variants.clone(),
            levels: f.levels.iter().map(|l| l.name.clone()).collect(),
            below_level: f.scoring.below_level.clone(),
            items: u32::try_from(f.items().count()).unwrap_or(u32::MAX),
            total_points: f.total_points(),
        }
    }
}

/// The framework cards, in registry order.
pub fn list(ctx: &Context) -> Vec<FrameworkSummary> {
    ctx.registry
        .all()
        .iter()
        .map(FrameworkSummary::of)
        .collect()
}

/// The full definition (questions, options, bands, ladders, requirements, notes).
pub fn get(ctx: &Context, id: &str, version: &str) -> Result<Framework> {
    Ok(ctx.framework(id, Some(version))?.clone())
}

/// Where a level of rank `rank` sits among self-diagnosed firms in the distributions published
/// for framework `id` (none for a framework without published figures).
pub fn peers(id: &str, rank: u8) -> Option<zhizhuan_core::peers::PeerView> {
    zhizhuan_core::peers::builtin(id).map(|p| p.view(rank))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_builtin_frameworks_are_listed_with_cmmm_marked_estimate() {
        let list = list(&crate::fixtures::context());
        let ids: Vec<&str> = list.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["miit-2024", "cmmm-2020", "lianghua-23020"]);
        let cmmm = &list[1];
        assert!(cmmm.estimate);
        assert!(!list[0].estimate);
        assert!(cmmm.variants.len() >= 2, "离散型 / 流程型");
    }

    #[test]
    fn an_unknown_framework_is_not_found() {
        let err = get(&crate::fixtures::context(), "nope", "1").unwrap_err();
        assert_eq!(err.payload().kind, crate::error::ErrorKind::NotFound);
    }
}
