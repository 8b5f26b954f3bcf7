//! The roadmap: the gap's actions scheduled month by month under the plant's limits
//! ([`schedule`]), each in the phase whose window (framework data: 0–6, 6–18, 18–36 months)
//! holds its start, with why it is there, exact cost totals, the projected score and level
//! after each phase, and the programmes each level qualifies for.
//!
//! The plan's duration is its last finish month; every summary uses it. Actions are listed by
//! start month (then finish, then the plan's order); each one's `scoreGain` is the change of
//! the score when it is done after those listed before it, and the gap table's per-item gain
//! is the sum of the same numbers.

mod programmes;
pub mod schedule;
mod why;

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::AnswersFile;
use crate::decimal::Decimal;
use crate::framework::{Effort, Framework, Span, Text};
use crate::gap::{
    Chosen, GapAction, GapError, ItemChange, Model, Outcomes, Projection, Step, gains_of,
    gap_action,
};
use crate::score::{Checked, LevelOutcome, Rational, level_outcome};
use schedule::Task;

pub use crate::framework::GateStatus;
pub use programmes::{ProgrammeStatus, programmes};

/// One action in the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapAction {
    #[serde(flatten)]
    pub action: GapAction,
    pub start_month: u16,
    pub finish_month: u16,
    /// The phase (1, 2, …) whose window holds the start month.
    pub phase: u8,
    /// Score change when done after the actions listed before it (points, or S).
    pub score_gain: Decimal,
    pub score_gain_exact: bool,
    /// Which condition of the target it serves and by how much, or what it unlocks.
    pub why: Text,
    /// The user marked it done.
    pub done: bool,
}

/// Counts of actions by effort band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EffortCounts {
    pub low: u32,
    pub medium: u32,
    pub high: u32,
}

/// One phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    /// 1, 2, 3 (4 only for actions that cannot start within the last window).
    pub index: u8,
    pub name: Text,
    /// The phase's window in months from the start.
    pub window: Span<u16>,
    pub actions: Vec<RoadmapAction>,
    /// Exact sum of the actions' cost bands, 万元.
    pub cost_wan: Span<Decimal>,
    pub effort: EffortCounts,
    pub effort_units: u32,
    /// Score and level once this phase and all before it are done.
    pub projected: Projection,
    pub programmes: Vec<ProgrammeStatus>,
}

/// The limits the plan was scheduled within.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanLimits {
    pub max_parallel: u8,
    pub yearly_budget_wan: Option<Decimal>,
}

/// The phased plan from the current answers to a target level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Roadmap {
    pub framework: String,
    pub variant: String,
    pub target: LevelOutcome,
    pub current: Projection,
    pub current_programmes: Vec<ProgrammeStatus>,
    pub already_met: bool,
    pub reachable: bool,
    /// What still fails with everything applied (only when not reachable).
    pub missing: Vec<Text>,
    pub phases: Vec<Phase>,
    pub changes: Vec<ItemChange>,
    pub projected: Projection,
    pub outcomes: Outcomes,
    pub cost_wan: Span<Decimal>,
    pub effort_units: u32,
    pub limits: PlanLimits,
    /// The last finish month (0 for an empty plan).
    pub duration_months: u16,
    /// The end of the last phase window (36).
    pub horizon_months: u16,
    /// How many months the plan runs past the horizon (0 when it fits).
    pub overrun_months: u16,
    /// One sentence: how many actions, phases and months, or why there are none.
    pub summary: Text,
}

/// What the user decided about one action: it re-flows what waits on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixed {
    pub start_month: Option<u16>,
    pub done: bool,
    /// The user's own cost, 万元 (both ends of the band).
    pub cost_wan: Option<Decimal>,
}

/// How to schedule a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// At most this many projects (medium or high effort) at once: a 50-person plant runs
    /// about three.
    pub max_parallel: i64,
    pub yearly_budget_wan: Option<Decimal>,
    /// By action id.
    pub fixed: BTreeMap<String, Fixed>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_parallel: 3,
            yearly_budget_wan: None,
            fixed: BTreeMap::new(),
        }
    }
}

/// The roadmap from `answers` to level rank `target`, at most three actions at once.
pub fn roadmap(fw: &Framework, answers: &AnswersFile, target: u8) -> Result<Roadmap, GapError> {
    crate::score::check(fw, answers)?.roadmap_with(target, &Options::default())
}

/// The roadmap under the given limits and the user's decisions.
pub fn roadmap_with(
    fw: &Framework,
    answers: &AnswersFile,
    target: u8,
    options: &Options,
) -> Result<Roadmap, GapError> {
    crate::score::check(fw, answers)?.roadmap_with(target, options)
}

impl Checked<'_> {
    /// The roadmap to level rank `target`, as [`roadmap`] gives it.
    pub fn roadmap(&self, target: u8) -> Result<Roadmap, GapError> {
        self.roadmap_with(target, &Options::default())
    }

    /// The roadmap to level rank `target`, as [`roadmap_with`] gives it.
    pub fn roadmap_with(&self, target: u8, options: &Options) -> Result<Roadmap, GapError> {
        let fw = self.sheet.fw;
        crate::gap::check_target(fw, target)?;
        let limits = limits(options)?;
        let model = Model::new(self);
        let chosen = model.choose(target);
        let (order, slots) = scheduled(&model, &chosen, options, &limits)?;
        let steps = model.steps(&order);
        let gains: Vec<Rational> = gains_of(&steps).collect();
        let actions = slots.iter().enumerate().map(|(k, slot)| {
            let (c, f) = (order[k], fixed(&model, order[k], options));
            let item = model.cands[c].slot;
            let mut action = gap_action(
                &model,
                c,
                &steps[k].states[item],
                &steps[k + 1].states[item],
            );
            if let Some(cost) = f.cost_wan {
                action.cost_wan = Span {
                    min: cost,
                    max: cost,
                };
            }
            RoadmapAction {
                action,
                start_month: slot.start,
                finish_month: slot.finish,
                phase: 0,
                score_gain: gains[k].to_decimal(),
                score_gain_exact: gains[k].is_decimal(),
                why: why::why(&model, target, &order, &steps, k),
                done: f.done,
            }
        });
        let phases = phases(&model, actions.collect(), &steps, chosen.needs_effects);
        let duration = slots.iter().map(|s| s.finish).max().unwrap_or(0);
        let horizon = fw.phases.last().map_or(36, |w| w.to);
        let target = level_outcome(fw, target);
        let current = model.projection(&steps[0].eval);
        Ok(Roadmap {
            framework: fw.id.clone(),
            variant: self.sheet.variant.clone(),
            summary: why::summary(&target, &phases, duration, horizon, &chosen),
            target,
            current_programmes: programmes(fw, current.level.rank),
            current,
            already_met: chosen.met,
            reachable: chosen.reachable,
            missing: chosen.missing.clone(),
            changes: model.changes(&order, &steps),
            projected: model.projection(&steps[order.len()].eval),
            outcomes: model.outcomes(&order, chosen.needs_effects),
            cost_wan: total(phases.iter().map(|p| p.cost_wan)),
            effort_units: phases.iter().map(|p| p.effort_units).sum(),
            phases,
            limits,
            duration_months: duration,
            horizon_months: horizon,
            overrun_months: duration.saturating_sub(horizon),
        })
    }
}

/// The chosen actions scheduled, by start month (then finish, then the chosen order), and
/// their months; the effects the plan counts on follow them, as they follow their drivers.
fn scheduled(
    model: &Model<'_, '_>,
    chosen: &Chosen,
    options: &Options,
    limits: &PlanLimits,
) -> Result<(Vec<usize>, Vec<schedule::Slot>), GapError> {
    let (acts, effects): (Vec<usize>, Vec<usize>) =
        (chosen.order.iter()).partition(|&&c| model.cands[c].action.is_some());
    let task = |&c: &usize| {
        let (cand, f) = (&model.cands[c], fixed(model, c, options));
        // after what it needs, and after a declared prerequisite in the plan although already
        // achieved (a level met, but not fully)
        let declared = cand.action.into_iter().flat_map(|a| &a.prerequisites);
        let before =
            (cand.needs.iter().flatten().copied()).chain(declared.filter_map(|p| model.index(p)));
        Task {
            months: cand.months(),
            cost_wan: f.cost_wan.unwrap_or(cand.cost.max),
            after: before
                .filter_map(|n| acts.iter().position(|&a| a == n))
                .collect(),
            not_before: f.start_month.unwrap_or(0),
            done: f.done,
            project: cand.units() > Effort::Low.units(),
        }
    };
    let tasks: Vec<Task> = acts.iter().map(task).collect();
    let slots = schedule::schedule(&tasks, limits)
        .map_err(|t| over_budget(model, acts[t], &tasks[t], limits))?;
    let mut by_start: Vec<usize> = (0..acts.len()).collect();
    by_start.sort_by_key(|&i| (slots[i].start, slots[i].finish, i));
    let order = by_start.iter().map(|&i| acts[i]).chain(effects).collect();
    Ok((order, by_start.iter().map(|&i| slots[i]).collect()))
}

/// What the user decided about candidate `c` (nothing when it is not an action).
fn fixed(model: &Model<'_, '_>, c: usize, options: &Options) -> Fixed {
    let action = model.cands[c].action;
    let fixed = action.and_then(|a| options.fixed.get(&a.id));
    fixed.cloned().unwrap_or_default()
}

/// The exact sum of cost bands.
fn total(spans: impl Iterator<Item = Span<Decimal>> + Clone) -> Span<Decimal> {
    Span {
        min: spans.clone().map(|s| s.min).sum(),
        max: spans.map(|s| s.max).sum(),
    }
}

fn limits(options: &Options) -> Result<PlanLimits, GapError> {
    let invalid = |field: &str, value: String, message: &str| GapError::InvalidLimit {
        field: field.into(),
        value,
        message: message.into(),
    };
    let k = u8::try_from(options.max_parallel).ok().filter(|k| *k >= 1);
    let k = k.ok_or_else(|| {
        invalid(
            "max-parallel",
            options.max_parallel.to_string(),
            "须为 1 至 255 的整数 (a whole number from 1 to 255)",
        )
    })?;
    if let Some(b) = options.yearly_budget_wan.filter(|b| *b < Decimal::ZERO) {
        return Err(invalid(
            "budget",
            b.to_string(),
            "年度预算不能为负 (a yearly budget cannot be negative)",
        ));
    }
    Ok(PlanLimits {
        max_parallel: k,
        yearly_budget_wan: options.yearly_budget_wan,
    })
}

fn over_budget(model: &Model<'_, '_>, c: usize, task: &Task, limits: &PlanLimits) -> GapError {
    let id = model.cands[c]
        .action
        .map_or(String::new(), |a| a.id.clone());
    GapError::InvalidLimit {
        field: "budget".into(),
        value: limits.yearly_budget_wan.unwrap_or_default().to_string(),
        message: format!(
            "低于行动 {id} 的费用上限 {} 万元，该行动在任何一年都无法开始 (below the {} 万元 upper cost of action {id}, which then fits in no year)",
            task.cost_wan, task.cost_wan
        ),
    }
}

/// The actions (by start) grouped by the window holding their start, each phase with its
/// totals and the projection once it and all before it are done.
fn phases(
    model: &Model<'_, '_>,
    actions: Vec<RoadmapAction>,
    steps: &[Step],
    effects: bool,
) -> Vec<Phase> {
    let fw = model.sheet.fw;
    let mut windows: Vec<(Text, u16, u16)> = (fw.phases.iter())
        .map(|w| (w.name.clone(), w.from, w.to))
        .collect();
    let horizon = windows.last().map_or(36, |w| w.2);
    if actions.iter().any(|a| a.start_month >= horizon) {
        let late = Text {
            zh: format!("{horizon} 个月以后"),
            en: format!("After month {horizon}"),
        };
        let last = actions.iter().map(|a| a.finish_month).max();
        windows.push((late, horizon, last.unwrap_or(horizon)));
    }
    let mut done = 0;
    let phase = |(i, (name, from, to)): (usize, (Text, u16, u16))| {
        let inside = |a: &&RoadmapAction| a.start_month >= from && a.start_month < to;
        let acts: Vec<RoadmapAction> = (actions.iter().filter(inside))
            .map(|a| RoadmapAction {
                phase: i as u8 + 1,
                ..a.clone()
            })
            .collect();
        done += acts.len();
        // the projection counts the effects only once every action is done
        let upto = if effects && done == actions.len() {
            steps.len() - 1
        } else {
            done
        };
        let projected = model.projection(&steps[upto].eval);
        let count = |e: Effort| acts.iter().filter(|a| a.action.effort == e).count() as u32;
        Phase {
            index: i as u8 + 1,
            name: Text {
                zh: format!("{}（{from}–{to} 个月）", name.zh),
                en: format!("{} (months {from}–{to})", name.en),
            },
            window: Span { min: from, max: to },
            cost_wan: total(acts.iter().map(|a| a.action.cost_wan)),
            effort: EffortCounts {
                low: count(Effort::Low),
                medium: count(Effort::Medium),
                high: count(Effort::High),
            },
            effort_units: acts.iter().map(|a| a.action.effort.units()).sum(),
            programmes: programmes(fw, projected.level.rank),
            projected,
            actions: acts,
        }
    };
    windows.into_iter().enumerate().map(phase).collect()
}
