//! Gaps: the set of actions of least declared effort that reaches a target level (the
//! roadmap schedules it).
//!
//! The candidates are the framework's declared actions on the items asked for the variant
//! that would change the current answer (N/A, KPI and outcome items are not improved by
//! actions of their own). An action's effect is declared by `reaches`: an option becomes
//! chosen, the ratio moves into a band (the numerator rises to the least multiple of the
//! field's `step` that lands in it, the denominator kept), a ladder reaches a rung, or a
//! level's requirements become fully met. Effects only ever raise an item, so any set of
//! actions can be applied in any order.
//!
//! A set is admissible when it is closed under prerequisites (one already achieved needs no
//! action) and, on ladders, under the rung order. Among the admissible sets that reach the
//! target, [`solve`] finds the one of least effort units (low 1, medium 3, high 9), then least
//! cost midpoint, then fewest action-months, exactly: a small integer program (HiGHS), whose
//! answer is re-checked by the exact evaluator ([`crate::score`]).
//!
//! Outcome items (数字化成效, 效益) move only through their declared effects, expected once
//! the effect's driving actions are done, and only from the plan: an effect whose drivers
//! were all done before it is no candidate (the outcome as answered is what they brought),
//! nor one with a driver on an item that does not apply. The plan is first sought without
//! them; only when the target is out of reach that way are effects counted, and the plan
//! says so ([`Outcomes::target_depends_on_them`]).

mod model;
mod solve;
mod words;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::{AnswerValue, AnswersFile};
use crate::decimal::Decimal;
use crate::framework::{Effort, Framework, Reaches, Span, Text};
use crate::score::{AnswerErrors, Checked, LevelOutcome};

pub(crate) use model::{Chosen, Model, Step, gains_of};
pub use words::Amount;
pub(crate) use words::gap_action;

/// Why a gap or roadmap could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GapError {
    #[error("{0}")]
    Answers(#[from] AnswerErrors),
    #[error("目标等级「{target}」不存在，可选：{} (unknown target level)", levels.join("、"))]
    UnknownTarget { target: String, levels: Vec<String> },
    /// A scheduling limit (`max-parallel`, `budget`) that no plan can keep.
    #[error("{field} 的值「{value}」无效：{message}")]
    InvalidLimit {
        field: String,
        value: String,
        message: String,
    },
}

/// A score and level, current or projected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub score: Decimal,
    pub score_exact: bool,
    pub level: LevelOutcome,
}

/// One requirement an action satisfies (maturity frameworks), with its current answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequirementGap {
    pub id: String,
    pub level: u8,
    pub text: Text,
    /// The scale label answered now (未作答 when unanswered).
    pub now: Text,
}

/// One action of a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GapAction {
    pub action: String,
    pub item: String,
    pub item_title: Text,
    pub title: Text,
    pub detail: Text,
    pub effort: Effort,
    /// The declared cost band, plus the amount's unit cost where the framework gives one.
    pub cost_wan: Span<Decimal>,
    pub months: Span<u16>,
    pub prerequisites: Vec<String>,
    pub programmes: Vec<String>,
    /// What the action is declared to achieve (option, band, rung, level).
    pub target: Reaches,
    /// The item's answer once this action and those before it are done: apply it to the
    /// answers file to re-score the plan by hand (`zhizhuan score`).
    pub reaches: AnswerValue,
    /// Band items: the figure it takes, in the firm's own units.
    pub amount: Option<Amount>,
    /// Requirements items: the unmet requirements it satisfies.
    pub requirements: Vec<RequirementGap>,
}

/// An item's answer before and after the plan, and the score it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    pub item: String,
    pub title: Text,
    pub from: Text,
    pub to: Text,
    /// Points gained by the item itself (points method; 0 for ladders and maturity items).
    pub points: Decimal,
    /// The sum of the roadmap's score gains of this item's actions: the same number the
    /// roadmap shows (points, or S for maturity).
    pub gain: Decimal,
    pub gain_exact: bool,
}

/// An expected effect on an outcome item, and whether the plan's actions bring it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedEffect {
    pub item: String,
    pub item_title: Text,
    pub text: Text,
    pub from: Text,
    pub to: Text,
    pub drivers: Vec<String>,
    /// All its drivers are in the plan or already done, one at least in the plan (an effect
    /// is listed only while one of its drivers is still to do).
    pub driven: bool,
    /// The outcome item's answer if the effect comes about (to re-score by hand).
    pub reaches: AnswerValue,
}

/// The plan's relation to outcome items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Outcomes {
    /// The target is out of reach by actions alone: the plan counts on expected effects.
    pub target_depends_on_them: bool,
    /// Projected with the plan's actions only, outcome items as answered now.
    pub without: Projection,
    /// Projected with the expected effects of the plan's actions as well.
    pub with: Projection,
    pub effects: Vec<ExpectedEffect>,
}

/// Resolves a target level written as a rank (`2`), a level id (`l2`) or a name (`二级`,
/// `Level 2`, or the alias).
pub fn resolve_target(fw: &Framework, text: &str) -> Result<u8, GapError> {
    let t = text.trim();
    let named = |n: &Text| t == n.zh || t.eq_ignore_ascii_case(&n.en);
    let found = fw.levels.iter().find(|l| {
        t == l.rank.to_string()
            || t == l.id
            || named(&l.name)
            || l.alias.as_ref().is_some_and(named)
    });
    found
        .map(|l| l.rank)
        .ok_or_else(|| unknown_target(fw, text))
}

/// The error for a target that names no level, listing the levels there are.
fn unknown_target(fw: &Framework, target: &str) -> GapError {
    GapError::UnknownTarget {
        target: target.to_owned(),
        levels: fw
            .levels
            .iter()
            .map(|l| format!("{}（{}）", l.rank, l.name.zh))
            .collect(),
    }
}

/// Checks that `target` is the rank of one of the framework's levels.
pub(crate) fn check_target(fw: &Framework, target: u8) -> Result<(), GapError> {
    if target == 0 || usize::from(target) > fw.levels.len() {
        return Err(unknown_target(fw, &target.to_string()));
    }
    Ok(())
}

/// Applies actions (by id) to the answers, as the gap and the roadmap project them: the
/// returned answers score what their projections say. Unknown ids are ignored.
pub fn apply_actions(
    fw: &Framework,
    answers: &AnswersFile,
    action_ids: &[String],
) -> Result<AnswersFile, GapError> {
    let checked: Checked<'_> = crate::score::check(fw, answers)?;
    let model = Model::new(&checked);
    let set: Vec<usize> = action_ids.iter().filter_map(|id| model.index(id)).collect();
    Ok(model.answers_with(answers, &set))
}
