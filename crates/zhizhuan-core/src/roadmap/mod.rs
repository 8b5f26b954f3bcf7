//! The roadmap: a [`crate::gap`]'s actions in three phases, with exact cost totals, the
//! projected score and level after each phase, and the programmes each level qualifies for.
//!
//! Phasing. Each action starts when everything it needs (declared prerequisites, lower rungs)
//! has finished and takes its declared maximum duration (`months[1]`, the cautious end).
//! By finish month it falls in 快速见效 (≤ 6), 中期 (≤ 18) or 长期 (beyond 18; the phase runs to
//! 36 months and later finishes are flagged by `finishMonth`). High-effort actions are never
//! quick wins, and no action is in an earlier phase than something it needs.
//!
//! Order within a phase: prerequisites first (topological); among the actions that are ready,
//! the one with the largest reduction of the distance to the target per effort unit (see
//! [`crate::gap`]) comes first, then the larger score gain, then file order. Each action's
//! `scoreGain` is the change of the score when it is applied after everything before it.

mod programmes;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::AnswersFile;
use crate::decimal::Decimal;
use crate::framework::{Effort, Framework, Span, Text};
use crate::gap::{GapAction, GapError, ItemChange, Projection, Search, SearchKind};
use crate::score::rational::cmp_products;
use crate::score::{Checked, LevelOutcome};
use std::cmp::Ordering;

pub use programmes::{GATES, Gate, GateStatus, ProgrammeStatus, programmes};

/// One action in the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapAction {
    #[serde(flatten)]
    pub action: GapAction,
    pub start_month: u16,
    pub finish_month: u16,
    /// Score change when applied after the actions before it (points, or S for maturity).
    pub score_gain: Decimal,
    pub score_gain_exact: bool,
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
    /// 1, 2, 3.
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
    pub search: SearchKind,
    pub phases: Vec<Phase>,
    pub changes: Vec<ItemChange>,
    pub projected: Projection,
    pub cost_wan: Span<Decimal>,
    pub effort_units: u32,
}

const PHASES: [(&str, &str, u16, u16); 3] = [
    ("快速见效（0–6 个月）", "Quick wins (0–6 months)", 0, 6),
    ("中期（6–18 个月）", "Medium term (6–18 months)", 6, 18),
    ("长期（18–36 个月）", "Long term (18–36 months)", 18, 36),
];

/// The roadmap from `answers` to level rank `target`.
pub fn roadmap(fw: &Framework, answers: &AnswersFile, target: u8) -> Result<Roadmap, GapError> {
    crate::score::check(fw, answers)?.roadmap(target)
}

impl Checked<'_> {
    /// The roadmap to level rank `target`, as [`roadmap`] gives it.
    pub fn roadmap(&self, target: u8) -> Result<Roadmap, GapError> {
        crate::gap::check_target(self.sheet.fw, target)?;
        let search = Search::new(self);
        let (chosen, kind, reachable) = search.choose(target);
        Ok(build(&search, target, chosen, kind, reachable))
    }
}

fn build(
    search: &Search<'_, '_>,
    target: u8,
    chosen: Vec<usize>,
    kind: SearchKind,
    reachable: bool,
) -> Roadmap {
    let fw = search.sheet.fw;
    // schedule in topological order
    let topo = search.ordered(chosen.clone());
    let mut finish = vec![0_u16; search.cands.len()];
    let mut start = vec![0_u16; search.cands.len()];
    let mut phase = vec![0_usize; search.cands.len()];
    let flags = {
        let mut f = vec![false; search.cands.len()];
        for &c in &chosen {
            f[c] = true;
        }
        f
    };
    for &c in &topo {
        let needs: Vec<usize> = search.needs_in(c, &flags);
        let s = needs.iter().map(|&n| finish[n]).max().unwrap_or(0);
        start[c] = s;
        finish[c] = s.saturating_add(search.cands[c].action.months.max);
        let mut p = match finish[c] {
            0..=6 => 0,
            7..=18 => 1,
            _ => 2,
        };
        if search.cands[c].action.effort == Effort::High {
            p = p.max(1);
        }
        phase[c] = needs.iter().map(|&n| phase[n]).fold(p, usize::max);
    }
    let mut done: Vec<usize> = Vec::new();
    let mut placed = vec![false; search.cands.len()];
    let mut phases = Vec::new();
    let mut states = search.states_with(&[]);
    let mut cs = search.base_cs.clone();
    let mut tally = search.base_tally.clone();
    let mut prev_score = search.plan.score_of(&tally);
    for (pi, (zh, en, from, to)) in PHASES.iter().enumerate() {
        let members: Vec<usize> = topo.iter().copied().filter(|&c| phase[c] == pi).collect();
        let mut actions = Vec::new();
        let mut remaining = members.clone();
        while !remaining.is_empty() {
            let ready: Vec<usize> = remaining
                .iter()
                .copied()
                .filter(|&c| search.needs_in(c, &flags).iter().all(|&n| placed[n]))
                .collect();
            let ready = if ready.is_empty() {
                vec![remaining[0]]
            } else {
                ready
            };
            // Evaluate each ready action against the current state by swapping its item's
            // contribution in and out of the tally (no full re-evaluation per comparison).
            // what every measurement of this pick shares (see `Plan::step_memo`)
            let memo = search.plan.step_memo(&tally, target);
            let d0 = memo.deficit();
            let mut best: Option<(i128, u32, (i128, i128), usize)> = None;
            for &c in &ready {
                let delta = search.measure(c, &[], &states, &cs);
                search.plan.shift(&mut tally, &delta, 1);
                let gain = d0 - search.plan.deficit_after(&tally, target, &memo, &delta);
                let score = search.plan.score_fraction(&tally).unwrap_or_else(|| {
                    let s = search.plan.score_of(&tally);
                    (s.numer(), s.denom())
                });
                search.plan.shift(&mut tally, &delta, -1);
                let units = search.cands[c].units;
                let better = match &best {
                    None => true,
                    Some((bg, bu, bs, _)) => {
                        let l = gain * i128::from(*bu);
                        let r = *bg * i128::from(units);
                        l > r
                            || (l == r
                                && cmp_products(score.0, bs.1, bs.0, score.1) == Ordering::Greater)
                    }
                };
                if better {
                    best = Some((gain, units, score, c));
                }
            }
            let pick = best.map_or(ready[0], |b| b.3);
            let slot = search.cands[pick].slot;
            states[slot] = search.apply(slot, &states[slot], search.cands[pick].action);
            let new =
                search
                    .plan
                    .contribution(search.sheet, &search.sheet.slots[slot], &states[slot]);
            search.plan.replace(&mut tally, slot, &cs[slot], &new);
            cs[slot] = new;
            remaining.retain(|&c| c != pick);
            placed[pick] = true;
            done.push(pick);
            let s = search.plan.score_of(&tally);
            let gain = s - prev_score;
            prev_score = s;
            actions.push(RoadmapAction {
                action: search.gap_action(pick),
                start_month: start[pick],
                finish_month: finish[pick],
                score_gain: gain.to_decimal(),
                score_gain_exact: gain.is_decimal(),
            });
        }
        let mut effort = EffortCounts::default();
        for a in &actions {
            match a.action.effort {
                Effort::Low => effort.low += 1,
                Effort::Medium => effort.medium += 1,
                Effort::High => effort.high += 1,
            }
        }
        let projected = search.projection_of(&cs);
        phases.push(Phase {
            index: pi as u8 + 1,
            name: Text {
                zh: (*zh).to_owned(),
                en: (*en).to_owned(),
            },
            window: Span {
                min: *from,
                max: *to,
            },
            cost_wan: Span {
                min: actions.iter().map(|a| a.action.cost_wan.min).sum(),
                max: actions.iter().map(|a| a.action.cost_wan.max).sum(),
            },
            effort_units: members.iter().map(|&c| search.cands[c].units).sum(),
            effort,
            programmes: programmes(fw, projected.level.rank),
            projected,
            actions,
        });
    }
    let current = search.projection(&[]);
    let projected = search.projection(&done);
    Roadmap {
        framework: fw.id.clone(),
        variant: search.sheet.variant.clone(),
        target: crate::score::level_outcome(fw, target),
        current_programmes: programmes(fw, current.level.rank),
        current,
        already_met: kind == SearchKind::None,
        reachable,
        search: kind,
        changes: search.changes(&done),
        cost_wan: Span {
            min: phases.iter().map(|p| p.cost_wan.min).sum(),
            max: phases.iter().map(|p| p.cost_wan.max).sum(),
        },
        effort_units: phases.iter().map(|p| p.effort_units).sum(),
        projected,
        phases,
    }
}
