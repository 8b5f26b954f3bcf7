//! Gaps: the smallest-effort set of improvement actions that reaches a target level.
//!
//! The candidates are the framework's declared actions ([`crate::framework::Action`]) on the
//! items asked for the variant (N/A items and KPI items are not improved). An action's effect
//! on its item is declared by `reaches`: an option becomes chosen, the ratio moves into a band
//! (the numerator is raised to the least value that lands in it, the denominator kept), a
//! ladder reaches a rung, or a level's requirements become fully met; with no target the item
//! is taken to its maximum. Effects only ever raise an item, so any set of actions can be
//! applied in any order.
//!
//! A set is admissible when it is closed under prerequisites (a prerequisite already achieved
//! by the current answers needs no action) and, on ladders, under the rung order (reaching
//! rung 3 from rung 1 needs an action for rung 2 as well). Effort per action: low 1, medium 3,
//! high 9 effort units; sets compare by total effort units, then total maximum cost, then
//! number of actions.
//!
//! Search: when at most [`EXACT_LIMIT`] actions could change anything, every admissible
//! subset is tried and the cheapest that reaches the target is returned (`exact`). Otherwise
//! a greedy picks, step by step, the action (with the prerequisites and lower rungs it needs)
//! with the largest reduction of the distance to the target per effort unit, where the
//! distance is the sum of the target level's condition shortfalls, each as a share of its
//! requirement (score points, scenario counts, maturity level scores); then a repair pass
//! drops every action whose removal keeps the set admissible and the target reached, most
//! expensive first (`greedy`). A target already met yields an empty gap.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::{AnswerValue, AnswersFile};
use crate::decimal::Decimal;
use crate::framework::{Action, Effort, Framework, ItemKind, Method, Reaches, Span, Text};
use crate::score::eval::{Contribution, Delta, Plan, Tally};
use crate::score::{AnswerErrors, Checked, LevelOutcome, Rational, Sheet, State};

/// Exhaustive search is used when at most this many actions could change an answer.
pub const EXACT_LIMIT: usize = 12;

/// Why a gap or roadmap could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GapError {
    #[error("{0}")]
    Answers(#[from] AnswerErrors),
    #[error("目标等级「{target}」不存在，可选：{} (unknown target level)", levels.join("、"))]
    UnknownTarget { target: String, levels: Vec<String> },
}

/// How the action set was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SearchKind {
    /// Nothing to do: the target is already met.
    None,
    Exact,
    Greedy,
}

/// A score and level, current or projected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub score: Decimal,
    pub score_exact: bool,
    pub level: LevelOutcome,
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
    pub cost_wan: Span<Decimal>,
    pub months: Span<u16>,
    pub prerequisites: Vec<String>,
    pub programmes: Vec<String>,
    pub reaches: Reaches,
}

/// An item's answer before and after the gap's actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    pub item: String,
    pub title: Text,
    pub from: Text,
    pub to: Text,
    /// Points gained (points method; 0 for ladders and maturity items).
    pub points: Decimal,
}

/// The gap between the current answers and a target level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub framework: String,
    pub variant: String,
    pub target: LevelOutcome,
    pub current: Projection,
    pub already_met: bool,
    /// False when even every declared action together does not reach the target.
    pub reachable: bool,
    pub search: SearchKind,
    /// In an order that respects prerequisites.
    pub actions: Vec<GapAction>,
    pub changes: Vec<ItemChange>,
    pub projected: Projection,
    pub cost_wan: Span<Decimal>,
    pub effort_units: u32,
}

/// Resolves a target level written as a rank (`2`), a level id (`l2`) or a name (`二级`,
/// `Level 2`, or the alias).
pub fn resolve_target(fw: &Framework, text: &str) -> Result<u8, GapError> {
    let t = text.trim();
    let found = fw.levels.iter().find(|l| {
        t == l.rank.to_string()
            || t == l.id
            || t == l.name.zh
            || t.eq_ignore_ascii_case(&l.name.en)
            || l.alias
                .as_ref()
                .is_some_and(|a| t == a.zh || t.eq_ignore_ascii_case(&a.en))
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

/// The smallest-effort set of actions from `answers` to level rank `target`.
pub fn gap(fw: &Framework, answers: &AnswersFile, target: u8) -> Result<Gap, GapError> {
    let checked = crate::score::check(fw, answers)?;
    check_target(fw, target)?;
    let search = Search::new(&checked);
    Ok(search.gap(target))
}

/// Applies actions (by id) to the answers, as the gap and the roadmap project them: the
/// returned answers score what their projections say. Unknown ids are ignored.
pub fn apply_actions(
    fw: &Framework,
    answers: &AnswersFile,
    action_ids: &[String],
) -> Result<AnswersFile, GapError> {
    let checked = crate::score::check(fw, answers)?;
    let search = Search::new(&checked);
    let chosen: Vec<usize> = action_ids
        .iter()
        .filter_map(|id| search.by_id.get(id.as_str()).copied())
        .collect();
    let states = search.states_with(&chosen);
    let mut out = answers.clone();
    let sheet = &checked.sheet;
    for (i, (slot, state)) in sheet.slots.iter().zip(&states).enumerate() {
        if let Some(v) = to_answer(sheet, i, state, answers.answers.get(&slot.loc.item.id)) {
            out.answers.insert(slot.loc.item.id.clone(), v);
        }
    }
    Ok(out)
}

/// The answer that represents `state` (`None` for an unanswered item).
fn to_answer(
    sheet: &Sheet<'_>,
    slot: usize,
    state: &State,
    original: Option<&AnswerValue>,
) -> Option<AnswerValue> {
    let s = &sheet.slots[slot];
    let item = s.loc.item;
    let opts = item.options();
    Some(match (state, &item.kind) {
        (State::Unanswered, _) => return None,
        (State::Na, _) => AnswerValue::NotApplicable,
        (State::Option(i), _) => AnswerValue::Option(opts[*i].id.clone()),
        (State::Options(mask), _) => AnswerValue::Options(
            opts.iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, o)| o.id.clone())
                .collect(),
        ),
        (State::Band { num, den, .. }, ItemKind::Band { ratio, .. }) => {
            let mut n = match original {
                Some(AnswerValue::Numbers(n)) => n.clone(),
                _ => BTreeMap::new(),
            };
            n.insert(ratio.numerator.clone(), *num);
            n.insert(ratio.denominator.clone(), *den);
            AnswerValue::Numbers(n)
        }
        (State::Level(n), _) => AnswerValue::Level(*n),
        (State::Requirements(values), ItemKind::Requirements { requirements }) => {
            let scale = match &sheet.fw.scoring.method {
                Method::Maturity { scale, .. } => scale.as_slice(),
                Method::Points { .. } => &[],
            };
            AnswerValue::Requirements(
                s.requirements
                    .iter()
                    .zip(values)
                    .filter_map(|(&ri, v)| {
                        v.map(|x| {
                            (
                                requirements[ri].id.clone(),
                                scale[usize::from(x)].id.clone(),
                            )
                        })
                    })
                    .collect(),
            )
        }
        (State::Kpi(n), _) => AnswerValue::Numbers(n.clone()),
        _ => return None,
    })
}

/// One declared action on an item asked for the variant.
#[derive(Debug, Clone)]
pub(crate) struct Cand<'f> {
    pub slot: usize,
    pub action: &'f Action,
    pub units: u32,
}

/// One candidate tried in the greedy search (see [`Search::trial`]).
struct Trial {
    /// What the candidate needs that the set lacks (usually nothing).
    needs: Vec<usize>,
    step: Option<(Delta, u32, Decimal)>,
}

/// The gap and roadmap engine over one checked sheet.
pub(crate) struct Search<'s, 'f> {
    pub sheet: &'s Sheet<'f>,
    pub plan: &'s Plan<'f>,
    pub cands: Vec<Cand<'f>>,
    /// Index of the top scale value (value 1) for requirements.
    top_scale: u8,
    /// Per candidate: groups of alternatives, one of each must be in a set with it.
    needs: Vec<Vec<Vec<usize>>>,
    /// Per candidate: everything that must come before it when both are in a set (declared
    /// prerequisites, even those the answers already achieve, and lower rungs).
    before: Vec<Vec<usize>>,
    /// The current answers' contributions and their tally, which trial sets are measured from.
    pub base_cs: Vec<Contribution>,
    pub base_tally: Tally,
    /// Candidate index by action id.
    by_id: std::collections::HashMap<&'f str, usize>,
}

impl<'s, 'f> Search<'s, 'f> {
    pub fn new(checked: &'s Checked<'f>) -> Search<'s, 'f> {
        let (sheet, plan) = (&checked.sheet, &checked.plan);
        let mut cands = Vec::new();
        for (i, slot) in sheet.slots.iter().enumerate() {
            if slot.state == State::Na || matches!(slot.loc.item.kind, ItemKind::Kpi { .. }) {
                continue;
            }
            for a in &slot.loc.item.actions {
                cands.push(Cand {
                    slot: i,
                    action: a,
                    units: a.effort.units(),
                });
            }
        }
        let top_scale = match &sheet.fw.scoring.method {
            Method::Maturity { scale, .. } => scale
                .iter()
                .enumerate()
                .filter(|(_, s)| s.value.is_some())
                .max_by_key(|(i, s)| (s.value, std::cmp::Reverse(*i)))
                .map_or(0, |(i, _)| i as u8),
            Method::Points { .. } => 0,
        };
        let base_cs = plan.contributions(sheet);
        let base_tally = plan.tally(&base_cs);
        let mut search = Search {
            sheet,
            plan,
            cands,
            top_scale,
            needs: Vec::new(),
            before: Vec::new(),
            base_cs,
            base_tally,
            by_id: std::collections::HashMap::new(),
        };
        search.by_id = search
            .cands
            .iter()
            .enumerate()
            .map(|(i, c)| (c.action.id.as_str(), i))
            .collect();
        search.needs = (0..search.cands.len())
            .map(|c| search.compute_needs(c))
            .collect();
        search.before = (0..search.cands.len())
            .map(|c| {
                let mut b: Vec<usize> = search.cands[c]
                    .action
                    .prerequisites
                    .iter()
                    .filter_map(|p| search.by_id.get(p.as_str()).copied())
                    .collect();
                b.extend(search.needs[c].iter().flatten().copied());
                b.sort_unstable();
                b.dedup();
                b
            })
            .collect();
        search
    }

    fn base(&self, slot: usize) -> &State {
        &self.sheet.slots[slot].state
    }

    /// `state` after action `a` of slot `slot`.
    pub fn apply(&self, slot: usize, state: &State, a: &Action) -> State {
        let s = &self.sheet.slots[slot];
        let item = s.loc.item;
        let points_of = |st: &State| self.plan.contribution(self.sheet, s, st).points;
        match (&item.kind, &a.reaches) {
            (ItemKind::Single { options, .. }, r) => {
                let target = match r {
                    Reaches::Option(o) => options.iter().position(|x| x.id == *o),
                    _ => options
                        .iter()
                        .enumerate()
                        .max_by_key(|(i, o)| (o.points, std::cmp::Reverse(*i)))
                        .map(|(i, _)| i),
                };
                match target {
                    Some(j)
                        if *state == State::Unanswered || options[j].points > points_of(state) =>
                    {
                        State::Option(j)
                    }
                    _ => state.clone(),
                }
            }
            (ItemKind::Multiple { options, .. }, r) => {
                let exclusive: u128 = options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.exclusive)
                    .fold(0, |m, (i, _)| m | 1 << i);
                let add: u128 = match r {
                    Reaches::Option(o) => options
                        .iter()
                        .position(|x| x.id == *o)
                        .map_or(0, |i| 1 << i),
                    _ => options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| !o.exclusive)
                        .fold(0, |m, (i, _)| m | 1 << i),
                };
                let cur = match state {
                    State::Options(m) => *m,
                    _ => 0,
                };
                let next = (cur & !exclusive) | add;
                if matches!(state, State::Options(_)) && next == cur {
                    state.clone()
                } else {
                    State::Options(next)
                }
            }
            (ItemKind::Band { ratio, bands, .. }, r) => {
                let j = match r {
                    Reaches::Band(b) => bands.iter().position(|x| x.id == *b),
                    _ => Some(bands.len() - 1),
                };
                let Some(j) = j else { return state.clone() };
                let (cur_points, den) = match state {
                    State::Band { den, band, .. } => (Some(bands[*band].points), *den),
                    _ => (None, Decimal::from_int(100)),
                };
                if cur_points.is_some_and(|p| p >= bands[j].points) {
                    return state.clone();
                }
                match least_numerator(&bands[j], den, ratio.percent) {
                    Some(num) => State::Band { num, den, band: j },
                    None => state.clone(),
                }
            }
            (ItemKind::Ladder { rungs, .. }, r) => {
                let n = match r {
                    Reaches::Level(n) => *n,
                    _ => rungs.len() as u8,
                };
                match state {
                    State::Level(cur) if *cur >= n => state.clone(),
                    _ => State::Level(n),
                }
            }
            (ItemKind::Requirements { requirements }, r) => {
                let level = match r {
                    Reaches::Level(n) => Some(*n),
                    _ => None,
                };
                let scale = self.scale();
                let mut values = match state {
                    State::Requirements(v) => v.clone(),
                    _ => vec![None; s.requirements.len()],
                };
                for (k, &ri) in s.requirements.iter().enumerate() {
                    if level.is_some_and(|l| requirements[ri].level != l) {
                        continue;
                    }
                    let excluded = values[k].is_some_and(|x| scale[usize::from(x)].value.is_none());
                    if !excluded {
                        values[k] = Some(self.top_scale);
                    }
                }
                State::Requirements(values)
            }
            (ItemKind::Kpi { .. }, _) => state.clone(),
        }
    }

    /// Whether applying `a` to `state` changes it ([`Search::apply`] compared with `state`,
    /// without building the new state: the search asks this of every candidate).
    fn would_change(&self, slot: usize, state: &State, a: &Action) -> bool {
        let s = &self.sheet.slots[slot];
        let (ItemKind::Requirements { requirements }, State::Requirements(values)) =
            (&s.loc.item.kind, state)
        else {
            return self.apply(slot, state, a) != *state;
        };
        let level = match a.reaches {
            Reaches::Level(n) => Some(n),
            _ => None,
        };
        let scale = self.scale();
        s.requirements.iter().zip(values).any(|(&ri, v)| {
            level.is_none_or(|l| requirements[ri].level == l)
                && v.is_none_or(|x| scale[usize::from(x)].value.is_some())
                && *v != Some(self.top_scale)
        })
    }

    /// When `c` and its `needs` are all actions reaching one level of answered requirements
    /// items: adds to `d` the tally change of applying them to `states` ([`Plan::delta`] of the
    /// contributions before and after [`Search::apply`]) without building the new states, and
    /// says `true`. `false` (and `d` untouched) otherwise. The greedy search measures most
    /// candidates this way.
    fn requirements_delta(
        &self,
        d: &mut Delta,
        c: usize,
        needs: &[usize],
        states: &[State],
    ) -> bool {
        let members = || std::iter::once(c).chain(needs.iter().copied());
        let level_of = |x: usize| {
            let cand = &self.cands[x];
            match (
                &self.sheet.slots[cand.slot].loc.item.kind,
                &states[cand.slot],
                &cand.action.reaches,
            ) {
                (ItemKind::Requirements { .. }, State::Requirements(_), Reaches::Level(n)) => {
                    Some(*n)
                }
                _ => None,
            }
        };
        if !members().all(|x| level_of(x).is_some()) {
            return false;
        }
        for (i, x) in members().enumerate() {
            let (slot, n) = (self.cands[x].slot, level_of(x));
            // an action and a need raising the same level of the same item raise it once
            if members()
                .take(i)
                .any(|y| self.cands[y].slot == slot && level_of(y) == n)
            {
                continue;
            }
            let n = n.unwrap_or_default();
            let change = self.level_change(slot, &states[slot], n);
            self.plan.delta_level(d, slot, usize::from(n) - 1, change);
        }
        true
    }

    /// The change of requirements item `slot`'s sum of scale values at level `n` (units of
    /// 10⁻⁴) when every applicable requirement there is raised to the top of the scale.
    fn level_change(&self, slot: usize, state: &State, n: u8) -> i64 {
        let s = &self.sheet.slots[slot];
        let (ItemKind::Requirements { requirements }, State::Requirements(values)) =
            (&s.loc.item.kind, state)
        else {
            return 0;
        };
        let scale = self.scale();
        let value = |x: u8| scale[usize::from(x)].value.map_or(0, |v| v.units());
        let top = value(self.top_scale);
        s.requirements
            .iter()
            .zip(values)
            .filter(|(ri, v)| {
                requirements[**ri].level == n
                    && v.is_none_or(|x| scale[usize::from(x)].value.is_some())
            })
            .map(|(_, v)| top - v.map_or(0, value))
            .sum()
    }

    fn scale(&self) -> &'f [crate::framework::ScaleValue] {
        match &self.sheet.fw.scoring.method {
            Method::Maturity { scale, .. } => scale,
            Method::Points { .. } => &[],
        }
    }

    /// Whether action `c` needs no doing in `state`: for requirements, the item already
    /// achieves that level (mean at or above the threshold); otherwise applying it changes
    /// nothing.
    fn done(&self, c: usize, state: &State) -> bool {
        let cand = &self.cands[c];
        if let (Some(m), Reaches::Level(n), ItemKind::Requirements { .. }) = (
            &self.plan.maturity,
            &cand.action.reaches,
            &self.sheet.slots[cand.slot].loc.item.kind,
        ) {
            let l = usize::from(*n) - 1;
            let count = m.counts[cand.slot][l];
            if count == 0 {
                return true;
            }
            let sum = self
                .plan
                .contribution(self.sheet, &self.sheet.slots[cand.slot], state)
                .sums[l];
            return Rational::new(i128::from(sum), i128::from(count) * 10_000) >= m.threshold;
        }
        !self.would_change(cand.slot, state, cand.action)
    }

    /// The states after applying the chosen candidates to the current answers.
    pub fn states_with(&self, chosen: &[usize]) -> Vec<State> {
        let mut states: Vec<State> = self.sheet.slots.iter().map(|s| s.state.clone()).collect();
        for (slot, state) in self.touched_states(chosen.iter().copied(), None) {
            states[slot] = state;
        }
        states
    }

    pub fn contributions_of(&self, states: &[State]) -> Vec<Contribution> {
        self.sheet
            .slots
            .iter()
            .zip(states)
            .map(|(s, st)| self.plan.contribution(self.sheet, s, st))
            .collect()
    }

    fn ladder_level(&self, slot: usize) -> u8 {
        match self.base(slot) {
            State::Level(n) => *n,
            _ => 0,
        }
    }

    /// Candidates `c` directly depends on: unsatisfied declared prerequisites and, on a ladder,
    /// one action for every lower rung above the current one (the cheapest, unless `set`
    /// already holds one).
    fn compute_needs(&self, c: usize) -> Vec<Vec<usize>> {
        let cand = &self.cands[c];
        let mut out = Vec::new();
        for p in &cand.action.prerequisites {
            if let Some(&pi) = self.by_id.get(p.as_str())
                && !self.done(pi, self.base(self.cands[pi].slot))
            {
                out.push(vec![pi]);
            }
        }
        if let (ItemKind::Ladder { .. }, Reaches::Level(n)) = (
            &self.sheet.slots[cand.slot].loc.item.kind,
            &cand.action.reaches,
        ) {
            for m in (self.ladder_level(cand.slot) + 1)..*n {
                let options: Vec<usize> = (0..self.cands.len())
                    .filter(|&x| {
                        self.cands[x].slot == cand.slot
                            && self.cands[x].action.reaches == Reaches::Level(m)
                    })
                    .collect();
                if !options.is_empty() {
                    out.push(options);
                }
            }
        }
        out
    }

    /// What candidate `c` needs (precomputed: it depends only on the current answers).
    fn needs(&self, c: usize, _set: &[bool]) -> &[Vec<usize>] {
        &self.needs[c]
    }

    /// Whether the set is closed under [`Search::needs`] (each need met by some member).
    fn admissible(&self, set: &[bool]) -> bool {
        (0..self.cands.len()).filter(|&c| set[c]).all(|c| {
            self.needs(c, set)
                .iter()
                .all(|alts| alts.iter().any(|&a| set[a]))
        })
    }

    /// Everything `c` needs (transitively) that `set` lacks, in the order it is added after `c`.
    fn closure(&self, c: usize, set: &[bool]) -> Vec<usize> {
        // most actions need nothing the set lacks: no allocation then
        if self.needs[c]
            .iter()
            .all(|alts| alts.iter().any(|&a| set[a]))
        {
            return Vec::new();
        }
        // the additions are few: membership is the set's flag or a scan of them
        let mut add = vec![c];
        let mut i = 0;
        while i < add.len() {
            for alts in &self.needs[add[i]] {
                if alts.iter().any(|a| set[*a] || add.contains(a)) {
                    continue;
                }
                let pick = *alts
                    .iter()
                    .min_by_key(|&&a| (self.cands[a].units, self.cands[a].action.cost_wan.max, a))
                    .unwrap_or(&alts[0]);
                add.push(pick);
            }
            i += 1;
        }
        add.remove(0);
        add
    }

    /// The states of the items the chosen candidates change, applied in order starting from
    /// `from` (the current answers when `None`), without copying the untouched items.
    fn touched_states(
        &self,
        chosen: impl IntoIterator<Item = usize>,
        from: Option<&[State]>,
    ) -> Vec<(usize, State)> {
        let mut out: Vec<(usize, State)> = Vec::new();
        for c in chosen {
            let cand = &self.cands[c];
            match out.iter_mut().find(|(s, _)| *s == cand.slot) {
                Some((_, st)) => *st = self.apply(cand.slot, st, cand.action),
                None => {
                    let start = from.map_or(self.base(cand.slot), |f| &f[cand.slot]);
                    out.push((cand.slot, self.apply(cand.slot, start, cand.action)));
                }
            }
        }
        out
    }

    fn reached(&self, chosen: &[usize], target: u8) -> bool {
        let mut t = self.base_tally.clone();
        for (slot, state) in self.touched_states(chosen.iter().copied(), None) {
            let new = self
                .plan
                .contribution(self.sheet, &self.sheet.slots[slot], &state);
            self.plan.replace(&mut t, slot, &self.base_cs[slot], &new);
        }
        self.plan.rank_of(&t) >= target
    }

    /// The chosen candidates for `target`, and how they were found.
    pub fn choose(&self, target: u8) -> (Vec<usize>, SearchKind, bool) {
        if self.plan.rank_of(&self.base_tally) >= target {
            return (Vec::new(), SearchKind::None, true);
        }
        let useful: Vec<usize> = (0..self.cands.len())
            .filter(|&c| {
                let slot = self.cands[c].slot;
                self.would_change(slot, self.base(slot), self.cands[c].action)
            })
            .collect();
        if useful.len() <= EXACT_LIMIT {
            // Effects only raise items and the level never falls when an item rises, so when
            // every useful action together falls short, so does every subset.
            if !self.reached(&useful, target) {
                return (self.ordered(useful), SearchKind::Exact, false);
            }
            // Every subset by cost key, cheapest first, ties in mask order: the first one that
            // is admissible and reaches the target is the answer.
            let mut masks: Vec<(u32, i64, u32, u32)> = (1_u32..(1 << useful.len()))
                .map(|mask| {
                    let set = (0..useful.len())
                        .filter(|b| mask & (1 << b) != 0)
                        .map(|b| useful[b]);
                    let (units, cost) = set.fold((0, Decimal::ZERO), |(u, c), x| {
                        (
                            u + self.cands[x].units,
                            c + self.cands[x].action.cost_wan.max,
                        )
                    });
                    (units, cost.units(), mask.count_ones(), mask)
                })
                .collect();
            masks.sort_unstable();
            let mut flags = vec![false; self.cands.len()];
            for &(_, _, _, mask) in &masks {
                let set: Vec<usize> = (0..useful.len())
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| useful[b])
                    .collect();
                flags.iter_mut().for_each(|f| *f = false);
                for &c in &set {
                    flags[c] = true;
                }
                if self.admissible(&flags) && self.reached(&set, target) {
                    return (self.ordered(set), SearchKind::Exact, true);
                }
            }
            return (self.ordered(useful), SearchKind::Exact, false);
        }
        self.greedy(target)
    }

    fn greedy(&self, target: u8) -> (Vec<usize>, SearchKind, bool) {
        let mut flags = vec![false; self.cands.len()];
        let mut chosen: Vec<usize> = Vec::new();
        let mut states: Vec<State> = self.sheet.slots.iter().map(|s| s.state.clone()).collect();
        let mut cs = self.base_cs.clone();
        let mut tally = self.base_tally.clone();
        let mut reachable = true;
        // Per candidate, its trial from the last step it was measured in: most candidates'
        // items and closures are untouched by a step, so only the distance is re-measured.
        let mut trials: Vec<Option<Trial>> = (0..self.cands.len()).map(|_| None).collect();
        loop {
            let memo = self.plan.step_memo(&tally, target);
            let d0 = memo.deficit();
            if d0 == 0 {
                break;
            }
            // (gain, units, cost, candidate)
            let mut best: Option<(i128, u32, Decimal, usize)> = None;
            for c in 0..self.cands.len() {
                if flags[c] {
                    continue;
                }
                let trial = trials[c].get_or_insert_with(|| self.trial(c, &flags, &states, &cs));
                let Some((delta, units, cost)) = &trial.step else {
                    continue;
                };
                // skip what cannot beat the best (or gain anything) without measuring it
                let bound = self.plan.gain_bound(target, &memo, delta);
                if bound <= 0
                    || best.as_ref().is_some_and(|(bg, bu, _, _)| {
                        bound * i128::from(*bu) < *bg * i128::from(*units)
                    })
                {
                    continue;
                }
                self.plan.shift(&mut tally, delta, 1);
                let d1 = self.plan.deficit_after(&tally, target, &memo, delta);
                self.plan.shift(&mut tally, delta, -1);
                let gain = d0 - d1;
                if gain <= 0 {
                    continue;
                }
                let better = match &best {
                    None => true,
                    Some((bg, bu, bc, _)) => {
                        let l = gain * i128::from(*bu);
                        let r = *bg * i128::from(*units);
                        l > r || (l == r && *cost < *bc)
                    }
                };
                if better {
                    best = Some((gain, *units, *cost, c));
                }
            }
            let Some((_, _, _, pick)) = best else {
                reachable = false;
                break;
            };
            let needs = trials[pick].take().map(|t| t.needs).unwrap_or_default();
            let add: Vec<usize> = std::iter::once(pick).chain(needs).collect();
            for &a in &add {
                flags[a] = true;
                chosen.push(a);
                let s = self.cands[a].slot;
                states[s] = self.apply(s, &states[s], self.cands[a].action);
                let new = self
                    .plan
                    .contribution(self.sheet, &self.sheet.slots[s], &states[s]);
                self.plan.replace(&mut tally, s, &cs[s], &new);
                cs[s] = new;
            }
            // A trial stays valid unless one of its items changed or the set now holds
            // something its closure contains or needs.
            let changed: Vec<usize> = add.iter().map(|&a| self.cands[a].slot).collect();
            for (c, t) in trials.iter_mut().enumerate() {
                let stale = t.as_ref().is_some_and(|t| {
                    std::iter::once(c).chain(t.needs.iter().copied()).any(|x| {
                        changed.contains(&self.cands[x].slot)
                            || add.contains(&x)
                            || self.needs[x].iter().flatten().any(|n| add.contains(n))
                    })
                });
                if stale {
                    *t = None;
                }
            }
        }
        if reachable {
            // repair: drop what is not needed, most expensive first
            let mut order = chosen.clone();
            order.sort_by_key(|&c| {
                std::cmp::Reverse((self.cands[c].units, self.cands[c].action.cost_wan.max))
            });
            for c in order {
                flags[c] = false;
                if !self.admissible(&flags) {
                    flags[c] = true;
                    continue;
                }
                // without `c` only its item changes: re-apply the rest of that item's actions
                let slot = self.cands[c].slot;
                let rest = chosen
                    .iter()
                    .copied()
                    .filter(|&x| x != c && self.cands[x].slot == slot);
                let st = self
                    .touched_states(rest, None)
                    .pop()
                    .map_or_else(|| self.base(slot).clone(), |(_, st)| st);
                let new = self
                    .plan
                    .contribution(self.sheet, &self.sheet.slots[slot], &st);
                self.plan.replace(&mut tally, slot, &cs[slot], &new);
                if self.plan.rank_of(&tally) >= target {
                    chosen.retain(|&x| x != c);
                    cs[slot] = new;
                } else {
                    self.plan.replace(&mut tally, slot, &new, &cs[slot]);
                    flags[c] = true;
                }
            }
        }
        (self.ordered(chosen), SearchKind::Greedy, reachable)
    }

    /// Candidate `c` tried on `states`: what it needs that the set lacks and, unless `c`
    /// itself changes nothing, the tally change of `c` with those, their effort and cost.
    fn trial(&self, c: usize, flags: &[bool], states: &[State], cs: &[Contribution]) -> Trial {
        let needs = self.closure(c, flags);
        let cand = &self.cands[c];
        if !self.would_change(cand.slot, &states[cand.slot], cand.action) {
            return Trial { needs, step: None };
        }
        let delta = self.measure(c, &needs, states, cs);
        let units = cand.units + needs.iter().map(|&a| self.cands[a].units).sum::<u32>();
        let cost = cand.action.cost_wan.max
            + needs
                .iter()
                .map(|&a| self.cands[a].action.cost_wan.max)
                .sum::<Decimal>();
        Trial {
            needs,
            step: Some((delta, units, cost)),
        }
    }

    /// The tally change of applying `c` with its `needs` to `states` (whose contributions are
    /// `cs`): by [`Search::requirements_delta`] where that applies, else from the contributions
    /// before and after. The greedy search and the roadmap's ordering measure candidates so.
    pub fn measure(
        &self,
        c: usize,
        needs: &[usize],
        states: &[State],
        cs: &[Contribution],
    ) -> Delta {
        let mut d = Delta::default();
        if self.requirements_delta(&mut d, c, needs, states) {
            return d;
        }
        let mut put = |s: usize, st: &State| {
            let new = self.plan.contribution(self.sheet, &self.sheet.slots[s], st);
            self.plan.delta(&mut d, s, &cs[s], &new);
        };
        if needs.is_empty() {
            // one item changes: no map of touched states
            let (slot, action) = (self.cands[c].slot, self.cands[c].action);
            put(slot, &self.apply(slot, &states[slot], action));
        } else {
            let add = std::iter::once(c).chain(needs.iter().copied());
            for (s, st) in self.touched_states(add, Some(states)) {
                put(s, &st);
            }
        }
        d
    }

    /// Topological order (needs first), then file order.
    pub fn ordered(&self, set: Vec<usize>) -> Vec<usize> {
        let mut flags = vec![false; self.cands.len()];
        for &c in &set {
            flags[c] = true;
        }
        let mut sorted = set.clone();
        sorted.sort_unstable();
        let mut out = Vec::with_capacity(set.len());
        let mut placed = vec![false; self.cands.len()];
        while out.len() < sorted.len() {
            let before = out.len();
            for &c in &sorted {
                if placed[c] {
                    continue;
                }
                let ready = self.before[c].iter().all(|&a| !flags[a] || placed[a]);
                if ready {
                    placed[c] = true;
                    out.push(c);
                }
            }
            if out.len() == before {
                // cannot happen for validated (acyclic) prerequisites; keep the rest in file order
                out.extend(sorted.iter().copied().filter(|&c| !placed[c]));
                break;
            }
        }
        out
    }

    /// The needs of `c` met inside `set` (the members it waits for).
    pub fn needs_in(&self, c: usize, set: &[bool]) -> Vec<usize> {
        self.before[c].iter().copied().filter(|&a| set[a]).collect()
    }

    pub fn projection(&self, chosen: &[usize]) -> Projection {
        self.projection_of(&self.contributions_of(&self.states_with(chosen)))
    }

    pub fn projection_of(&self, cs: &[Contribution]) -> Projection {
        let e = self.plan.evaluate(cs);
        Projection {
            score: e.score.to_decimal(),
            score_exact: e.score.is_decimal(),
            level: crate::score::level_outcome(self.sheet.fw, e.rank),
        }
    }

    pub fn gap_action(&self, c: usize) -> GapAction {
        let cand = &self.cands[c];
        let item = self.sheet.slots[cand.slot].loc.item;
        let a = cand.action;
        GapAction {
            action: a.id.clone(),
            item: item.id.clone(),
            item_title: item.title.clone(),
            title: a.title.clone(),
            detail: a.detail.clone(),
            effort: a.effort,
            cost_wan: a.cost_wan,
            months: a.months,
            prerequisites: a.prerequisites.clone(),
            programmes: a.programmes.clone(),
            reaches: a.reaches.clone(),
        }
    }

    /// An answer in words, in both languages (for the gap's before/after table).
    fn describe(&self, slot: usize, state: &State) -> Text {
        let s = &self.sheet.slots[slot];
        let item = s.loc.item;
        let text = |zh: String, en: String| Text { zh, en };
        match (&item.kind, state) {
            (_, State::Unanswered) => text("未作答".into(), "Not answered".into()),
            (_, State::Na) => text("不适用".into(), "Not applicable".into()),
            (ItemKind::Single { options, .. }, State::Option(i)) => text(
                format!("「{}」", options[*i].label.zh),
                format!("\u{201c}{}\u{201d}", options[*i].label.en),
            ),
            (ItemKind::Multiple { options, .. }, State::Options(m)) => {
                let chosen: Vec<&Text> = options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| m & (1 << i) != 0)
                    .map(|(_, o)| &o.label)
                    .collect();
                if chosen.is_empty() {
                    text("未选".into(), "None chosen".into())
                } else {
                    text(
                        chosen
                            .iter()
                            .map(|t| t.zh.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                        chosen
                            .iter()
                            .map(|t| t.en.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                }
            }
            (ItemKind::Band { bands, ratio, .. }, State::Band { num, den, band }) => {
                let u = if ratio.percent { "%" } else { "" };
                let b = &bands[*band];
                let range = format!(
                    "{}{}{u}, {}{u}{}",
                    if b.lower_closed { "[" } else { "(" },
                    b.lower,
                    b.upper,
                    if b.upper_closed { "]" } else { ")" }
                );
                text(
                    format!("{num} / {den}（{range} 档）"),
                    format!("{num} / {den} (band {range})"),
                )
            }
            (ItemKind::Ladder { .. }, State::Level(n)) => {
                if *n == 0 {
                    text("未达一级".into(), "Below level 1".into())
                } else {
                    text(crate::score::rank_zh(*n), format!("Level {n}"))
                }
            }
            (ItemKind::Requirements { .. }, State::Requirements(_)) => {
                use std::fmt::Write as _;
                let c = self.plan.contribution(self.sheet, s, state);
                let (mut zh, mut en) = (String::new(), String::new());
                if let Some(m) = self.plan.maturity.as_ref() {
                    for (l, sum) in c.sums.iter().enumerate() {
                        let n = m.counts[slot][l];
                        if n == 0 {
                            continue;
                        }
                        let mean = Rational::new(i128::from(*sum), i128::from(n) * 10_000);
                        if !zh.is_empty() {
                            zh.push('，');
                            en.push_str(", ");
                        }
                        let rank = l as u8 + 1;
                        // the mean is formatted once, then copied into the English text
                        let _ = write!(zh, "{} ", crate::score::rank_zh(rank));
                        let at = zh.len();
                        let _ = write!(zh, "{mean}");
                        let _ = write!(en, "L{rank} ");
                        en.push_str(&zh[at..]);
                    }
                }
                text(zh, en)
            }
            _ => text(String::new(), String::new()),
        }
    }

    pub fn changes(&self, chosen: &[usize]) -> Vec<ItemChange> {
        let after = self.states_with(chosen);
        let mut out = Vec::new();
        for (i, slot) in self.sheet.slots.iter().enumerate() {
            if after[i] == slot.state {
                continue;
            }
            let p0 = self.plan.contribution(self.sheet, slot, &slot.state).points;
            let p1 = self.plan.contribution(self.sheet, slot, &after[i]).points;
            out.push(ItemChange {
                item: slot.loc.item.id.clone(),
                title: slot.loc.item.title.clone(),
                from: self.describe(i, &slot.state),
                to: self.describe(i, &after[i]),
                points: p1 - p0,
            });
        }
        out
    }

    pub fn gap(&self, target: u8) -> Gap {
        let (chosen, search, reachable) = self.choose(target);
        let fw = self.sheet.fw;
        let current = self.projection(&[]);
        Gap {
            framework: fw.id.clone(),
            variant: self.sheet.variant.clone(),
            target: crate::score::level_outcome(fw, target),
            already_met: search == SearchKind::None,
            reachable,
            search,
            actions: chosen.iter().map(|&c| self.gap_action(c)).collect(),
            changes: self.changes(&chosen),
            projected: self.projection(&chosen),
            current,
            cost_wan: Span {
                min: chosen
                    .iter()
                    .map(|&c| self.cands[c].action.cost_wan.min)
                    .sum(),
                max: chosen
                    .iter()
                    .map(|&c| self.cands[c].action.cost_wan.max)
                    .sum(),
            },
            effort_units: chosen.iter().map(|&c| self.cands[c].units).sum(),
        }
    }
}

/// The least numerator (a whole number if one fits, else to four decimal places) that puts
/// `num / den` (× 100 when `percent`) into `band`.
fn least_numerator(band: &crate::framework::Band, den: Decimal, percent: bool) -> Option<Decimal> {
    if den <= Decimal::ZERO {
        return None;
    }
    // the lower edge as a numerator: lower · den / 100
    let scale = if percent {
        Rational::from_int(100)
    } else {
        Rational::ONE
    };
    let edge = Rational::from_decimal(band.lower) * Rational::from_decimal(den) / scale;
    for step in [Rational::ONE, Rational::new(1, 10_000)] {
        // least multiple of `step` at or above the edge (strictly above when the edge is open)
        let q = edge / step;
        let mut k = q.numer().div_euclid(q.denom());
        if Rational::new(k, 1) < q || (!band.lower_closed && Rational::new(k, 1) == q) {
            k += 1;
        }
        k = k.max(0);
        let candidate = Rational::new(k, 1) * step;
        if candidate.is_decimal() {
            let n = candidate.to_decimal();
            if band.contains(n, den, percent) {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Search;
    use crate::answer::AnswersFile;
    use crate::framework::{ItemKind, Reaches};
    use crate::score::State;
    use crate::score::eval::Delta;

    /// `would_change` is `apply` compared with the state, and `requirements_delta` the delta of
    /// the contributions before and after `apply`, on every candidate of every worked example,
    /// from the answers and from every state the item's other actions lead to.
    #[test]
    fn shortcuts_agree_with_apply() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
        let (mut checked_states, mut changing, mut deltas, mut with_needs) = (0, 0, 0, 0);
        let mut with_excluded = 0;
        for (dir, id) in [
            ("miit", "miit-2024"),
            ("cmmm", "cmmm-2020"),
            ("lianghua", "lianghua-23020"),
        ] {
            let fw = crate::framework::load_builtin(id).unwrap();
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let Ok(answers) = AnswersFile::from_json(&std::fs::read_to_string(&path).unwrap())
                else {
                    continue;
                };
                let Ok(checked) = crate::score::check(&fw, &answers) else {
                    continue; // the bad-answer examples
                };
                let search = Search::new(&checked);
                for (c, cand) in search.cands.iter().enumerate() {
                    let mut states = vec![search.base(cand.slot).clone()];
                    for other in search.cands.iter().filter(|o| o.slot == cand.slot) {
                        let next = search.apply(cand.slot, states.last().unwrap(), other.action);
                        states.push(next);
                    }
                    // and with the first requirement at the action's level answered with the
                    // excluded scale value (which no action raises)
                    let excluded = search.scale().iter().position(|v| v.value.is_none());
                    let slot = &search.sheet.slots[cand.slot];
                    if let (
                        Some(x),
                        State::Requirements(values),
                        ItemKind::Requirements { requirements },
                        Reaches::Level(n),
                    ) = (
                        excluded,
                        search.base(cand.slot),
                        &slot.loc.item.kind,
                        &cand.action.reaches,
                    ) && let Some(k) = slot
                        .requirements
                        .iter()
                        .position(|&ri| requirements[ri].level == *n)
                    {
                        let mut values = values.clone();
                        values[k] = Some(x as u8);
                        states.push(State::Requirements(values));
                        with_excluded += 1;
                    }
                    for st in &states {
                        let next = search.apply(cand.slot, st, cand.action);
                        let applied = next != *st;
                        // the candidate with what it needs from an empty set, measured both
                        // ways from these answers with the item at `st`
                        let mut all = search.states_with(&[]);
                        all[cand.slot] = st.clone();
                        let needs = search.closure(c, &vec![false; search.cands.len()]);
                        let mut fast = Delta::default();
                        if search.requirements_delta(&mut fast, c, &needs, &all) {
                            let plan = search.plan;
                            let contribution = |s: usize, x: &State| {
                                plan.contribution(search.sheet, &search.sheet.slots[s], x)
                            };
                            let mut full = Delta::default();
                            let add = std::iter::once(c).chain(needs.iter().copied());
                            for (s, x) in search.touched_states(add, Some(&all)) {
                                plan.delta(
                                    &mut full,
                                    s,
                                    &contribution(s, &all[s]),
                                    &contribution(s, &x),
                                );
                            }
                            assert_eq!(
                                fast,
                                full,
                                "{}: delta of candidate {c} and {needs:?} on {st:?}",
                                path.display()
                            );
                            deltas += 1;
                            with_needs += usize::from(!needs.is_empty());
                            // a level raised twice in one closure is raised once
                            let mut twice = Delta::default();
                            let again: Vec<usize> = needs.iter().copied().chain([c]).collect();
                            assert!(search.requirements_delta(&mut twice, c, &again, &all));
                            assert_eq!(twice, fast, "{}: {c} twice", path.display());
                        }
                        assert_eq!(
                            search.would_change(cand.slot, st, cand.action),
                            applied,
                            "{}: candidate {c} on {st:?}",
                            path.display()
                        );
                        checked_states += 1;
                        changing += usize::from(applied);
                    }
                }
            }
        }
        assert!(checked_states > 1000 && changing > 100 && changing < checked_states);
        assert!(
            deltas > 500 && with_needs > 100 && with_excluded > 100,
            "only {deltas} requirement deltas compared, {with_needs} with needs"
        );
    }
}
