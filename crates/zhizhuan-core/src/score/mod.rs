//! Scoring: answers + framework → a [`Score`] that explains itself.
//!
//! [`score`] first checks every answer against its item ([`AnswerErrors`] lists all problems
//! and no partial result is produced), then scores by the framework's declared method:
//!
//! * **points** (MIIT 2024, 两化融合 as declared): option points; multiple choice summed and
//!   capped at the item's points, 「无」 exclusive; ratio bands placed by exact cross-
//!   multiplication ([`crate::decimal::Decimal::ratio_cmp`]), never by dividing; ladder rungs
//!   counted by the levels' scenario rules. A level is reached when the score is `>=` its
//!   `min_score` and all its scenario rules hold; the result is the highest such level.
//!   N/A with policy `exclude` removes the item's points from the maximum, and the score
//!   compared with thresholds is then earned × total ÷ applicable maximum (exact fraction).
//! * **maturity** (CMMM): per sub-domain and level, the mean of the applicable requirements'
//!   scale values; per level, the weighted sum over sub-domains (weights re-normalised over
//!   the siblings present at that level); a level is achieved when its weighted score is
//!   `>=` the threshold *and* every lower level is achieved; the overall score S follows the
//!   declared `overall` rule. Every quotient is an exact [`Rational`]; S is shown rounded to
//!   four places (marked `scoreExact = false`) but compared exactly. The framework's
//!   `estimate` flag and its notes are carried into the result.
//!
//! Unanswered items (and unanswered requirements) count as zero *and* make the result
//! `provisional`, with each one listed in `unanswered`, so a partial questionnaire never passes
//! as a finished one.
//!
//! Every item gets an [`ItemScore`] (points earned / max and what produced them: the option,
//! the options, the band with the computed ratio, the rung, the per-level means) and every
//! level a [`LevelCheck`] saying which condition holds and which fails by how much.

mod check;
pub(crate) mod eval;
pub(crate) mod explain;
pub mod rational;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::AnswersFile;
use crate::decimal::Decimal;
use crate::framework::{Framework, Text};
use crate::kpi::KpiResult;

pub use check::{AnswerError, AnswerErrors};
pub(crate) use check::{Sheet, Slot, State};
use eval::Plan;
pub use rational::Rational;

/// Which scoring method produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MethodKind {
    Points,
    Maturity,
}

/// The scored result of one assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub framework: String,
    pub version: String,
    pub variant: String,
    pub method: MethodKind,
    /// The method (or part of it) is an estimate, not the official text: label it so.
    pub estimate: bool,
    /// The score compared with the levels' thresholds (points: 0 … total; maturity: S, 0 … max).
    pub score: Decimal,
    /// False when `score` is a rounded display of an exact fraction (compare with `levels`).
    pub score_exact: bool,
    /// Points method: sum of item points earned (maturity: equals `score`).
    pub earned: Decimal,
    /// Points method: the most the applicable items can earn; maturity: the scale's maximum.
    pub max: Decimal,
    /// The level reached (rank 0 = below level 1, named by the framework's `below_level`).
    pub level: LevelOutcome,
    /// Every level with its conditions, lowest first.
    pub levels: Vec<LevelCheck>,
    /// Per dimension, with its indicators as children.
    pub dimensions: Vec<NodeScore>,
    /// Every item asked for the variant, in framework order.
    pub items: Vec<ItemScore>,
    /// Maturity method: per-level weighted scores and the achieved level.
    pub maturity: Option<MaturityOutcome>,
    /// True when something is unanswered: the result is a lower bound, not a finding.
    pub provisional: bool,
    pub unanswered: Vec<Unanswered>,
    /// Key indicators computed from the answers and set against plan targets.
    pub kpis: Vec<KpiResult>,
    /// Ids of the framework's notes about the scoring and the levels (estimates, doubts).
    pub notes: Vec<String>,
}

/// A level (or the below-level result).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelOutcome {
    /// 0 = below level 1.
    pub rank: u8,
    pub id: Option<String>,
    pub name: Text,
    pub alias: Option<Text>,
    pub estimate: bool,
}

/// One level with whether it is reached and why (not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelCheck {
    pub rank: u8,
    pub id: String,
    pub name: Text,
    pub reached: bool,
    pub conditions: Vec<Condition>,
}

/// What a condition is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ConditionKind {
    /// The score against the level's `min_score`.
    Score,
    /// Ladder items at `min_level` or above, among all / 约束性 / listed scenarios.
    Scenarios {
        min_level: u8,
        among: crate::framework::Among,
    },
    /// Maturity: the weighted score of `level` against the achievement threshold.
    LevelAchieved { level: u8 },
}

/// One condition of a level: actual vs required, and the shortfall when it fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    pub kind: ConditionKind,
    pub holds: bool,
    /// Rounded to four places when not exact (see `exact`).
    pub actual: Decimal,
    pub required: Decimal,
    /// required − actual, rounded up (never shown as 0 when failing); 0 when it holds.
    pub shortfall: Decimal,
    pub exact: bool,
    /// e.g. `总分 58.5 < 60，差 1.5 分` / `Score 58.5 < 60, short by 1.5 pts`.
    pub text: Text,
}

/// A dimension or indicator roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NodeScore {
    pub id: String,
    pub title: Text,
    /// Points method: points earned / applicable maximum.
    pub earned: Decimal,
    pub max: Decimal,
    /// Maturity: the node's own score on the 0 … max scale (rounded), its per-level scores and
    /// the level it achieves (all levels up to it at or above the threshold).
    pub maturity_score: Option<Decimal>,
    pub level_scores: Vec<Decimal>,
    pub achieved: u8,
    pub children: Vec<NodeScore>,
}

/// How an item was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ItemStatus {
    Answered,
    /// Requirements item with some requirements unanswered.
    Partial,
    Unanswered,
    NotApplicable,
}

/// What produced an item's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Basis {
    None,
    Option {
        option: String,
        label: Text,
    },
    Options {
        options: Vec<String>,
        sum: Decimal,
        capped: bool,
    },
    Band {
        band: String,
        numerator: Decimal,
        denominator: Decimal,
        ratio: Decimal,
        ratio_exact: bool,
        percent: bool,
        range: String,
    },
    Ladder {
        level: u8,
        top: u8,
        constraint: bool,
    },
    Requirements {
        levels: Vec<LevelMean>,
        achieved: u8,
    },
    Kpi,
}

/// A requirements item's mean at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelMean {
    pub level: u8,
    /// Applicable requirements (excluding 不适用 answers).
    pub count: u32,
    pub answered: u32,
    /// Sum of scale values.
    pub sum: Decimal,
    /// sum ÷ count, rounded for display; `None` when no requirement applies.
    pub mean: Option<Decimal>,
    pub exact: bool,
    pub achieved: bool,
    /// Effective weight of the item at this level in the whole framework, in percent (rounded).
    pub weight: Decimal,
}

/// One item's contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemScore {
    pub id: String,
    pub title: Text,
    pub dimension: String,
    pub indicator: String,
    pub status: ItemStatus,
    pub earned: Decimal,
    pub max: Decimal,
    pub basis: Basis,
    /// One line in each language, e.g. `数字化设备 30 ÷ 生产设备总数 100 = 30%，在 (20%, 40%] 档
    /// → 3 / 6 分`, so the English report explains the same figures in English.
    pub text: Text,
}

/// Something not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Unanswered {
    pub item: String,
    pub title: Text,
    /// Unanswered requirement ids; empty when the whole item is unanswered.
    pub requirements: Vec<String>,
}

/// Maturity details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaturityOutcome {
    pub overall: crate::framework::Overall,
    pub threshold: Decimal,
    /// Highest level achieved together with all levels below it.
    pub achieved: u8,
    /// Per level, the weighted level score (rounded to four places).
    pub level_scores: Vec<Decimal>,
    /// e.g. `S = 2 + 三级加权得分 0.65 = 2.65`.
    pub text: Text,
}

/// Scores `answers` by `fw`'s declared method, with explanations. Fails, listing every
/// problem, when an answer does not fit its item; then no result is produced at all.
pub fn score(fw: &Framework, answers: &AnswersFile) -> Result<Score, AnswerErrors> {
    Ok(check(fw, answers)?.score())
}

/// Answers checked against a framework, with the arithmetic plan both scoring and planning
/// start from: a caller that needs the score and a roadmap (the report) checks once.
pub struct Checked<'f> {
    pub(crate) sheet: Sheet<'f>,
    pub(crate) plan: Plan<'f>,
}

/// Checks `answers` against `fw` (the same errors as [`score`]).
pub fn check<'f>(fw: &'f Framework, answers: &AnswersFile) -> Result<Checked<'f>, AnswerErrors> {
    let sheet = check::check(fw, answers)?;
    let plan = Plan::new(&sheet);
    Ok(Checked { sheet, plan })
}

impl Checked<'_> {
    /// The score, as [`score`] gives it.
    pub fn score(&self) -> Score {
        explain::explain(&self.sheet, &self.plan)
    }
}

pub(crate) use explain::level_outcome;

/// Checks `answers` against `fw` without scoring (the same errors as [`score`]).
pub fn validate(fw: &Framework, answers: &AnswersFile) -> Result<(), AnswerErrors> {
    check::check(fw, answers).map(|_| ())
}

/// English name of a level rank for sentences: `level 3`.
pub fn rank_en(n: u8) -> String {
    format!("level {n}")
}

/// Chinese name of a level rank for sentences: 一级 … 十级.
pub fn rank_zh(n: u8) -> String {
    const DIGITS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match DIGITS.get(usize::from(n)) {
        Some(d) => format!("{d}级"),
        None => format!("{n}级"),
    }
}
