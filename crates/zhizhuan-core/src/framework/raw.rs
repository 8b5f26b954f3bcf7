//! Phase 1: the file exactly as written. Serde structs that reject unknown keys and keep the
//! byte span of every value that a later check may need to point at.
//!
//! Nothing here decides whether the data makes sense; [`super::validate`] does that. Item
//! kinds are one flat struct rather than a tagged enum because serde's internally tagged
//! enums buffer their content and lose the spans (every error would point at the table).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

pub(crate) type S<T> = Spanned<T>;

/// A number as written: integers and strings are taken as they are; a float keeps only its
/// span, and its exact decimal is re-read from the source text (never through `f64`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawNum {
    Int(i64),
    Float,
    Str(String),
}

impl<'de> Deserialize<'de> for RawNum {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawNum, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawNum;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number (e.g. 6, 1.875 or \"1.875\")")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawNum, E> {
                Ok(RawNum::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawNum, E> {
                i64::try_from(v)
                    .map(RawNum::Int)
                    .map_err(|_| E::custom("number out of range"))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<RawNum, E> {
                Ok(RawNum::Float)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawNum, E> {
                Ok(RawNum::Str(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawText {
    pub zh: S<String>,
    pub en: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFramework {
    pub format: S<i64>,
    pub id: S<String>,
    pub version: S<String>,
    pub title: S<RawText>,
    pub summary: Option<S<RawText>>,
    pub source: S<RawSource>,
    #[serde(default)]
    pub variants: Vec<S<RawVariant>>,
    #[serde(default)]
    pub programmes: Vec<S<RawProgramme>>,
    #[serde(default)]
    pub notes: Vec<S<RawNote>>,
    pub scoring: S<RawScoring>,
    #[serde(default)]
    pub levels: Vec<S<RawLevel>>,
    #[serde(default)]
    pub dimensions: Vec<S<RawNode>>,
    #[serde(default)]
    pub indicators: Vec<S<RawNode>>,
    #[serde(default)]
    pub items: Vec<S<RawItem>>,
    #[serde(default)]
    pub phases: Vec<S<RawPhase>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPhase {
    pub name: S<RawText>,
    pub from: S<i64>,
    pub to: S<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEffect {
    pub text: S<RawText>,
    pub drivers: S<Vec<S<String>>>,
    pub option: Option<S<String>>,
    pub band: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub issuer: S<RawText>,
    pub document: S<String>,
    pub date: S<String>,
    pub url: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVariant {
    pub id: S<String>,
    pub title: S<RawText>,
    pub description: Option<S<RawText>>,
    #[serde(default)]
    pub industries: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProgramme {
    pub id: S<String>,
    pub title: S<RawText>,
    pub description: Option<S<RawText>>,
    pub gate: Option<S<RawGate>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGate {
    pub min_level: S<u8>,
    pub status: S<RawGateStatus>,
    pub source: S<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RawGateStatus {
    Confirmed,
    SingleSource,
    Unconfirmed,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawNoteStatus {
    Unconfirmed,
    Estimate,
    Doubt,
    Info,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNote {
    pub id: S<String>,
    pub status: S<RawNoteStatus>,
    pub text: S<RawText>,
    #[serde(default)]
    pub about: Vec<S<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawMethod {
    Points,
    Maturity,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RawAggregation {
    Mean,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RawOverall {
    LevelSum,
    AchievedPlusNext,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScoring {
    pub method: S<RawMethod>,
    #[serde(default)]
    pub estimate: bool,
    pub below_level: S<RawText>,
    // points
    pub total: Option<S<RawNum>>,
    // maturity
    pub max_score: Option<S<RawNum>>,
    pub achieve_threshold: Option<S<RawNum>>,
    pub aggregation: Option<S<RawAggregation>>,
    pub overall: Option<S<RawOverall>>,
    #[serde(default)]
    pub scale: Vec<S<RawScaleValue>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScaleValue {
    pub id: S<String>,
    pub label: S<RawText>,
    pub value: Option<S<RawNum>>,
    #[serde(default)]
    pub excluded: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLevel {
    pub id: S<String>,
    pub rank: S<i64>,
    pub name: S<RawText>,
    pub alias: Option<S<RawText>>,
    pub description: Option<S<RawText>>,
    pub min_score: S<RawNum>,
    #[serde(default)]
    pub estimate: bool,
    #[serde(default)]
    pub scenario_rules: Vec<S<RawScenarioRule>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawAmong {
    All,
    Constraint,
    Listed,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScenarioRule {
    pub min_level: S<i64>,
    pub min_count: S<i64>,
    pub among: S<RawAmong>,
    pub scenarios: Option<S<Vec<S<String>>>>,
}

/// A dimension or an indicator (an indicator names its `dimension`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNode {
    pub id: S<String>,
    pub dimension: Option<S<String>>,
    pub title: S<RawText>,
    pub description: Option<S<RawText>>,
    pub points: Option<S<RawNum>>,
    pub weight: Option<S<RawNum>>,
    pub weights: Option<S<BTreeMap<S<String>, S<RawNum>>>>,
    pub variants: Option<S<Vec<S<String>>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawKind {
    Single,
    Multiple,
    Band,
    Ladder,
    Requirements,
    Kpi,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawNa {
    No,
    Zero,
    Exclude,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawBetter {
    Higher,
    Lower,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawItem {
    pub id: S<String>,
    pub indicator: S<String>,
    pub kind: S<RawKind>,
    pub title: S<RawText>,
    pub question: S<RawText>,
    pub help: S<RawText>,
    pub evidence: S<RawText>,
    pub points: Option<S<RawNum>>,
    pub weight: Option<S<RawNum>>,
    pub weights: Option<S<BTreeMap<S<String>, S<RawNum>>>>,
    pub na: Option<S<RawNa>>,
    pub variants: Option<S<Vec<S<String>>>>,
    // kind-specific; which ones a kind uses is checked in validation
    pub constraint: Option<S<bool>>,
    #[serde(default)]
    pub options: Vec<S<RawChoice>>,
    #[serde(default)]
    pub fields: Vec<S<RawField>>,
    pub ratio: Option<S<RawRatio>>,
    #[serde(default)]
    pub bands: Vec<S<RawBand>>,
    #[serde(default)]
    pub rungs: Vec<S<RawRung>>,
    #[serde(default)]
    pub requirements: Vec<S<RawRequirement>>,
    pub value: Option<S<String>>,
    pub unit: Option<S<RawText>>,
    pub better: Option<S<RawBetter>>,
    #[serde(default)]
    pub targets: Vec<S<RawTarget>>,
    #[serde(default)]
    pub actions: Vec<S<RawAction>>,
    pub outcome: Option<S<bool>>,
    #[serde(default)]
    pub effects: Vec<S<RawEffect>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoice {
    pub id: S<String>,
    pub label: S<RawText>,
    pub description: Option<S<RawText>>,
    pub points: S<RawNum>,
    #[serde(default)]
    pub exclusive: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawField {
    pub id: S<String>,
    pub label: S<RawText>,
    pub unit: S<RawText>,
    pub step: Option<S<RawNum>>,
    pub unit_cost_wan: Option<S<Vec<S<RawNum>>>>,
    pub shared: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRatio {
    pub numerator: S<String>,
    pub denominator: S<String>,
    #[serde(default)]
    pub percent: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBand {
    pub id: S<String>,
    pub label: Option<S<RawText>>,
    pub lower: S<RawNum>,
    pub upper: S<RawNum>,
    #[serde(default)]
    pub lower_closed: bool,
    #[serde(default)]
    pub upper_closed: bool,
    pub points: S<RawNum>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRung {
    pub level: S<i64>,
    pub description: S<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRequirement {
    pub id: S<String>,
    pub level: S<i64>,
    pub text: S<RawText>,
    pub variants: Option<S<Vec<S<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTarget {
    pub id: S<String>,
    pub label: S<RawText>,
    pub value: S<RawNum>,
    pub year: Option<S<i64>>,
    pub programme: Option<S<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawEffort {
    Low,
    Medium,
    High,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAction {
    pub id: S<String>,
    pub title: S<RawText>,
    pub detail: S<RawText>,
    pub effort: S<RawEffort>,
    pub cost_wan: S<Vec<S<RawNum>>>,
    pub months: S<Vec<S<i64>>>,
    #[serde(default)]
    pub prerequisites: Vec<S<String>>,
    #[serde(default)]
    pub programmes: Vec<S<String>>,
    pub option: Option<S<String>>,
    pub band: Option<S<String>>,
    pub level: Option<S<i64>>,
}
