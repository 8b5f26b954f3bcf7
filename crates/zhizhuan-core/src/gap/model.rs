//! The candidates of one checked assessment and what they do to its answers. Every
//! evaluation here is a full one ([`Plan::evaluate`] of all items): the search asks for a
//! handful, so there is nothing to gain from anything incremental.

use std::collections::{BTreeMap, HashMap};

use super::words::{self, Amount};
use super::{GapAction, ItemChange, Outcomes, Projection};
use crate::answer::{AnswerValue, AnswersFile};
use crate::decimal::Decimal;
use crate::framework::{
    Action, Band, Choice, Effect, ItemKind, Method, Reaches, ScaleValue, Span, Text,
};

use crate::score::eval::{Contribution, Eval, Plan};
use crate::score::{Checked, Rational, Sheet, State, level_outcome};

/// Where a candidate comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'f> {
    Action(&'f Action),
    /// An expected effect on an outcome item: free, and never planned for its own sake.
    Effect(&'f Effect),
}

/// One thing the plan may include.
#[derive(Debug, Clone)]
pub(crate) struct Cand<'f> {
    pub slot: usize,
    pub source: Source<'f>,
    /// Groups of alternatives: one member of each must be in a set with this candidate.
    pub needs: Vec<Vec<usize>>,
    /// The declared cost plus the amount's unit cost (zero for an effect).
    pub cost: Span<Decimal>,
    pub amount: Option<Amount>,
}

impl<'f> Cand<'f> {
    pub fn reaches(&self) -> &'f Reaches {
        match self.source {
            Source::Action(a) => &a.reaches,
            Source::Effect(e) => &e.reaches,
        }
    }
    pub fn action(&self) -> Option<&'f Action> {
        match self.source {
            Source::Action(a) => Some(a),
            Source::Effect(_) => None,
        }
    }
    pub fn effect(&self) -> Option<&'f Effect> {
        match self.source {
            Source::Effect(e) => Some(e),
            Source::Action(_) => None,
        }
    }
    pub fn units(&self) -> u32 {
        self.action().map_or(0, |a| a.effort.units())
    }
    pub fn months(&self) -> u16 {
        self.action().map_or(0, |a| a.months.max)
    }
}

/// The set the search chose, and what it means.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chosen {
    /// Candidate indices in an order that respects their needs.
    pub order: Vec<usize>,
    pub met: bool,
    pub reachable: bool,
    pub needs_effects: bool,
    pub missing: Vec<Text>,
}

pub(crate) struct Model<'s, 'f> {
    pub sheet: &'s Sheet<'f>,
    pub plan: &'s Plan<'f>,
    pub cands: Vec<Cand<'f>>,
    by_id: HashMap<&'f str, usize>,
    /// Index of the top scale value (value 1), for requirements.
    top_scale: u8,
}

impl<'s, 'f> Model<'s, 'f> {
    pub fn new(checked: &'s Checked<'f>) -> Model<'s, 'f> {
        let (sheet, plan) = (&checked.sheet, &checked.plan);
        let top_scale = scale_of(sheet)
            .iter()
            .enumerate()
            .filter(|(_, s)| s.value.is_some())
            .max_by_key(|(i, s)| (s.value, std::cmp::Reverse(*i)))
            .map_or(0, |(i, _)| i as u8);
        let mut m = Model {
            sheet,
            plan,
            cands: Vec::new(),
            by_id: HashMap::new(),
            top_scale,
        };
        for (i, slot) in sheet.slots.iter().enumerate() {
            if slot.state == State::Na || matches!(slot.loc.item.kind, ItemKind::Kpi { .. }) {
                continue;
            }
            let item = slot.loc.item;
            let sources = item.actions.iter().map(Source::Action);
            for source in sources.chain(item.effects.iter().map(Source::Effect)) {
                let r = match source {
                    Source::Action(a) => &a.reaches,
                    Source::Effect(e) => &e.reaches,
                };
                if m.apply(i, &slot.state, r) != slot.state {
                    let cost = match source {
                        Source::Action(a) => a.cost_wan,
                        Source::Effect(_) => Span {
                            min: Decimal::ZERO,
                            max: Decimal::ZERO,
                        },
                    };
                    let (slot, needs, amount) = (i, Vec::new(), None);
                    m.cands.push(Cand {
                        slot,
                        source,
                        needs,
                        cost,
                        amount,
                    });
                }
            }
        }
        m.by_id = m
            .cands
            .iter()
            .enumerate()
            .filter_map(|(c, x)| Some((x.action()?.id.as_str(), c)))
            .collect();
        for c in 0..m.cands.len() {
            m.cands[c].needs = m.needs(c);
            m.cands[c].amount = words::amount(&m, c);
            if let Some(a) = &m.cands[c].amount {
                m.cands[c].cost = a.cost(m.cands[c].cost);
            }
        }
        m
    }

    pub fn index(&self, action_id: &str) -> Option<usize> {
        self.by_id.get(action_id).copied()
    }

    /// What candidate `c` needs: its prerequisites (drivers, for an effect) that are still to
    /// do, and on a ladder one action for every rung between the answer and its own.
    fn needs(&self, c: usize) -> Vec<Vec<usize>> {
        let cand = &self.cands[c];
        let pre = match cand.source {
            Source::Action(a) => &a.prerequisites,
            Source::Effect(e) => &e.drivers,
        };
        let mut out: Vec<Vec<usize>> = pre
            .iter()
            .filter_map(|p| self.index(p))
            .filter(|&p| !self.achieved(p))
            .map(|p| vec![p])
            .collect();
        let base = &self.sheet.slots[cand.slot].state;
        if let (ItemKind::Ladder { .. }, Reaches::Level(n)) =
            (&self.sheet.slots[cand.slot].loc.item.kind, cand.reaches())
        {
            let now = if let State::Level(x) = base { *x } else { 0 };
            for rung in (now + 1)..*n {
                let on_rung = (0..self.cands.len()).filter(|&x| {
                    self.cands[x].slot == cand.slot
                        && *self.cands[x].reaches() == Reaches::Level(rung)
                });
                out.push(on_rung.collect());
            }
        }
        out
    }

    /// Whether a requirements action's level is already achieved at its sub-domain (mean at
    /// or above the threshold): as a prerequisite it then needs no doing.
    fn achieved(&self, c: usize) -> bool {
        let cand = &self.cands[c];
        let (Some(m), Reaches::Level(n)) = (&self.plan.maturity, cand.reaches()) else {
            return false;
        };
        let slot = &self.sheet.slots[cand.slot];
        if !matches!(slot.loc.item.kind, ItemKind::Requirements { .. }) {
            return false;
        }
        let l = usize::from(*n) - 1;
        let count = m.counts[cand.slot][l];
        let sum = self.plan.contribution(slot, &slot.state).sums[l];
        count == 0 || Rational::new(i128::from(sum), i128::from(count) * 10_000) >= m.threshold
    }

    /// `state` of item `slot` after something that `reaches`.
    pub fn apply(&self, slot: usize, state: &State, reaches: &Reaches) -> State {
        let s = &self.sheet.slots[slot];
        let next = match (&s.loc.item.kind, reaches) {
            (ItemKind::Single { options, .. }, r) => {
                let j = match r {
                    Reaches::Option(o) => options.iter().position(|x| x.id == *o),
                    _ => (0..options.len())
                        .max_by_key(|&i| (options[i].points, std::cmp::Reverse(i))),
                };
                let now = self.plan.contribution(s, state).points;
                j.filter(|&j| *state == State::Unanswered || options[j].points > now)
                    .map(State::Option)
            }
            (ItemKind::Multiple { options, .. }, r) => with_options(options, state, r),
            (ItemKind::Band { .. }, r) => in_band(&s.loc.item.kind, state, r),
            (ItemKind::Ladder { rungs, .. }, r) => {
                let n = if let Reaches::Level(n) = r {
                    *n
                } else {
                    rungs.len() as u8
                };
                match state {
                    State::Level(cur) if *cur >= n => None,
                    _ => Some(State::Level(n)),
                }
            }
            (ItemKind::Requirements { requirements }, r) => {
                let level = if let Reaches::Level(n) = r {
                    Some(*n)
                } else {
                    None
                };
                let scale = scale_of(self.sheet);
                let mut values = match state {
                    State::Requirements(v) => v.clone(),
                    _ => vec![None; s.requirements.len()],
                };
                for (k, &ri) in s.requirements.iter().enumerate() {
                    let excluded = values[k].is_some_and(|x| scale[usize::from(x)].value.is_none());
                    if level.is_none_or(|l| requirements[ri].level == l) && !excluded {
                        values[k] = Some(self.top_scale);
                    }
                }
                Some(State::Requirements(values))
            }
            (ItemKind::Kpi { .. }, _) => None,
        };
        next.unwrap_or_else(|| state.clone())
    }

    /// Every item's state once the candidates in `set` are done.
    pub fn states_with(&self, set: &[usize]) -> Vec<State> {
        let mut states: Vec<State> = self.sheet.slots.iter().map(|s| s.state.clone()).collect();
        for &c in set {
            let cand = &self.cands[c];
            states[cand.slot] = self.apply(cand.slot, &states[cand.slot], cand.reaches());
        }
        states
    }

    pub fn contributions(&self, states: &[State]) -> Vec<Contribution> {
        let slots = self.sheet.slots.iter().zip(states);
        slots.map(|(s, st)| self.plan.contribution(s, st)).collect()
    }

    pub fn projection(&self, set: &[usize]) -> Projection {
        self.projection_of(
            &self
                .plan
                .evaluate(&self.contributions(&self.states_with(set))),
        )
    }

    pub fn projection_of(&self, e: &Eval) -> Projection {
        Projection {
            score: e.score.to_decimal(),
            score_exact: e.score.is_decimal(),
            level: level_outcome(self.sheet.fw, e.rank),
        }
    }

    /// The evaluation after each prefix of `order`: `[0]` with nothing done, `[k]` with its
    /// first `k` members done. The gains, the reasons and the phases' projections all read
    /// these, so each prefix is evaluated once.
    pub fn steps(&self, order: &[usize]) -> Vec<Step> {
        let mut states: Vec<State> = self.sheet.slots.iter().map(|s| s.state.clone()).collect();
        let step = |states: &[State]| {
            let cs = self.contributions(states);
            let eval = self.plan.evaluate(&cs);
            Step { cs, eval }
        };
        let mut out = vec![step(&states)];
        for &c in order {
            let cand = &self.cands[c];
            states[cand.slot] = self.apply(cand.slot, &states[cand.slot], cand.reaches());
            out.push(step(&states));
        }
        out
    }

    pub fn rank_with(&self, set: &[usize]) -> u8 {
        self.plan
            .evaluate(&self.contributions(&self.states_with(set)))
            .rank
    }

    /// Whether `set` holds, for each member, one of each of its needs.
    pub fn admissible(&self, set: &[usize]) -> bool {
        set.iter().all(|&c| {
            self.cands[c]
                .needs
                .iter()
                .all(|alts| alts.iter().any(|a| set.contains(a)))
        })
    }

    fn all(&self, effects: bool) -> Vec<usize> {
        let keep = |c: &usize| effects || self.cands[*c].action().is_some();
        (0..self.cands.len()).filter(keep).collect()
    }

    /// The cheapest admissible set reaching `target`: first by actions alone, then (only if
    /// that cannot reach it) counting the expected effects of outcome items.
    pub fn choose(&self, target: u8) -> Chosen {
        if self.rank_with(&[]) >= target {
            return Chosen {
                met: true,
                reachable: true,
                ..Chosen::default()
            };
        }
        for effects in [false, true] {
            if self.rank_with(&self.all(effects)) >= target {
                let set = super::solve::cheapest(self, target, effects);
                let order = self.ordered(set);
                return Chosen {
                    order,
                    reachable: true,
                    needs_effects: effects,
                    ..Chosen::default()
                };
            }
        }
        let missing = words::missing(self, &self.all(true), target);
        Chosen {
            missing,
            ..Chosen::default()
        }
    }

    /// `set` in an order where everything comes after what it needs (file order otherwise).
    pub fn ordered(&self, mut set: Vec<usize>) -> Vec<usize> {
        set.sort_unstable();
        let mut out: Vec<usize> = Vec::with_capacity(set.len());
        while out.len() < set.len() {
            let ready = set.iter().copied().find(|c| {
                !out.contains(c)
                    && self.cands[*c]
                        .needs
                        .iter()
                        .all(|alts| alts.iter().all(|a| !set.contains(a) || out.contains(a)))
            });
            // needs form no cycle (the loader refuses one), so something is always ready
            out.push(
                ready
                    .unwrap_or_else(|| set.iter().copied().find(|c| !out.contains(c)).unwrap_or(0)),
            );
        }
        out
    }

    /// The answers file with `set` done.
    pub fn answers_with(&self, answers: &AnswersFile, set: &[usize]) -> AnswersFile {
        let mut out = answers.clone();
        for (slot, state) in self.states_with(set).iter().enumerate() {
            let id = &self.sheet.slots[slot].loc.item.id;
            if let Some(v) = self.to_answer(slot, state, answers.answers.get(id)) {
                out.answers.insert(id.clone(), v);
            }
        }
        out
    }

    /// The answer that represents `state` (`None` for an unanswered item).
    pub fn to_answer(
        &self,
        slot: usize,
        state: &State,
        original: Option<&AnswerValue>,
    ) -> Option<AnswerValue> {
        let s = &self.sheet.slots[slot];
        let opts = s.loc.item.options();
        Some(match (state, &s.loc.item.kind) {
            (State::Unanswered, _) => return None,
            (State::Na, _) => AnswerValue::NotApplicable,
            (State::Option(i), _) => AnswerValue::Option(opts[*i].id.clone()),
            (State::Options(mask), _) => AnswerValue::Options(
                (0..opts.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| opts[i].id.clone())
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
                let scale = scale_of(self.sheet);
                let answered = s.requirements.iter().zip(values).filter_map(|(&ri, v)| {
                    v.map(|x| {
                        (
                            requirements[ri].id.clone(),
                            scale[usize::from(x)].id.clone(),
                        )
                    })
                });
                AnswerValue::Requirements(answered.collect())
            }
            (State::Kpi(n), _) => AnswerValue::Numbers(n.clone()),
            _ => return None,
        })
    }

    /// The actions of `order` (effects left out), each with the answer it leads to.
    pub fn gap_actions(&self, order: &[usize]) -> Vec<GapAction> {
        let mut states: Vec<State> = self.sheet.slots.iter().map(|s| s.state.clone()).collect();
        let mut out = Vec::new();
        for &c in order {
            let cand = &self.cands[c];
            let Some(a) = cand.action() else { continue };
            let item = self.sheet.slots[cand.slot].loc.item;
            let requirements = words::requirements(self, c, &states[cand.slot]);
            states[cand.slot] = self.apply(cand.slot, &states[cand.slot], cand.reaches());
            let reaches = self
                .to_answer(cand.slot, &states[cand.slot], None)
                .unwrap_or(AnswerValue::NotApplicable);
            out.push(GapAction {
                action: a.id.clone(),
                item: item.id.clone(),
                item_title: item.title.clone(),
                title: a.title.clone(),
                detail: a.detail.clone(),
                effort: a.effort,
                cost_wan: cand.cost,
                months: a.months,
                prerequisites: a.prerequisites.clone(),
                programmes: a.programmes.clone(),
                target: a.reaches.clone(),
                reaches,
                amount: cand.amount.clone(),
                requirements,
            });
        }
        out
    }

    /// Each changed item: before, after, and the sum of its actions' `gains` in `order`.
    pub fn changes(&self, order: &[usize], gains_in_order: &[Rational]) -> Vec<ItemChange> {
        let after = self.states_with(order);
        let mut gains = vec![Rational::ZERO; self.sheet.slots.len()];
        for (&c, g) in order.iter().zip(gains_in_order) {
            gains[self.cands[c].slot] = gains[self.cands[c].slot] + *g;
        }
        let slots = self
            .sheet
            .slots
            .iter()
            .enumerate()
            .filter(|(i, s)| after[*i] != s.state);
        slots
            .map(|(i, slot)| {
                let points = |st: &State| self.plan.contribution(slot, st).points;
                ItemChange {
                    item: slot.loc.item.id.clone(),
                    title: slot.loc.item.title.clone(),
                    from: words::describe(self, i, &slot.state),
                    to: words::describe(self, i, &after[i]),
                    points: points(&after[i]) - points(&slot.state),
                    gain: gains[i].to_decimal(),
                    gain_exact: gains[i].is_decimal(),
                }
            })
            .collect()
    }

    /// Projections without and with the expected effects the plan's actions drive.
    pub fn outcomes(&self, order: &[usize], needs_effects: bool) -> Outcomes {
        let actions: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&c| self.cands[c].action().is_some())
            .collect();
        let driven: Vec<usize> = (0..self.cands.len())
            .filter(|&c| self.cands[c].action().is_none())
            .filter(|&c| {
                self.cands[c]
                    .needs
                    .iter()
                    .all(|alts| alts.iter().any(|a| actions.contains(a)))
            })
            .collect();
        let mut with = actions.clone();
        with.extend(&driven);
        Outcomes {
            target_depends_on_them: needs_effects,
            without: self.projection(&actions),
            with: self.projection(&with),
            effects: words::effects(self, &driven),
        }
    }
}

/// The items' contributions and the evaluation once some prefix of a plan is done.
pub(crate) struct Step {
    pub cs: Vec<Contribution>,
    pub eval: Eval,
}

/// The score change of each member of a plan when done after those before it.
pub(crate) fn gains(steps: &[Step]) -> Vec<Rational> {
    steps
        .windows(2)
        .map(|w| w[1].eval.score - w[0].eval.score)
        .collect()
}

pub(crate) fn scale_of<'f>(sheet: &Sheet<'f>) -> &'f [ScaleValue] {
    match &sheet.fw.scoring.method {
        Method::Maturity { scale, .. } => scale,
        Method::Points { .. } => &[],
    }
}

/// The least multiple of `step` that puts `num / den` (× 100 when `percent`) into `band`.
pub(crate) fn least_numerator(
    band: &Band,
    den: Decimal,
    percent: bool,
    step: Decimal,
) -> Option<Decimal> {
    if den <= Decimal::ZERO || step <= Decimal::ZERO {
        return None;
    }
    let hundred = if percent {
        Rational::from_int(100)
    } else {
        Rational::ONE
    };
    // the lower edge as a count of steps: lower · den / (100 · step)
    let edge = Rational::from_decimal(band.lower) * Rational::from_decimal(den)
        / hundred
        / Rational::from_decimal(step);
    let mut k = edge.numer().div_euclid(edge.denom());
    if Rational::new(k, 1) < edge || (!band.lower_closed && Rational::new(k, 1) == edge) {
        k += 1;
    }
    let num = Decimal::from_units(i64::try_from(k.max(0)).ok()?.checked_mul(step.units())?);
    band.contains(num, den, percent).then_some(num)
}

/// A multiple-choice answer with the option (or every non-exclusive one) ticked, an
/// exclusive 「无」 cleared; `None` when nothing changes.
fn with_options(options: &[Choice], state: &State, r: &Reaches) -> Option<State> {
    let bit = |i: usize| 1_u128 << i;
    let exclusive = (0..options.len())
        .filter(|&i| options[i].exclusive)
        .fold(0, |m, i| m | bit(i));
    let add = match r {
        Reaches::Option(o) => options.iter().position(|x| x.id == *o).map_or(0, bit),
        _ => (0..options.len())
            .filter(|&i| !options[i].exclusive)
            .fold(0, |m, i| m | bit(i)),
    };
    let cur = if let State::Options(m) = state { *m } else { 0 };
    let next = (cur & !exclusive) | add;
    (!matches!(state, State::Options(_)) || next != cur).then_some(State::Options(next))
}

/// A band answer moved into the band `r` names (the top one otherwise): the numerator rises
/// to the least multiple of the field's step inside it, the denominator kept (100 when
/// unanswered); `None` when that band is no better or cannot be reached.
fn in_band(kind: &ItemKind, state: &State, r: &Reaches) -> Option<State> {
    let ItemKind::Band {
        ratio,
        bands,
        fields,
    } = kind
    else {
        return None;
    };
    let j = match r {
        Reaches::Band(b) => bands.iter().position(|x| x.id == *b)?,
        _ => bands.len() - 1,
    };
    let (now, den) = match state {
        State::Band { den, band, .. } => (Some(bands[*band].points), *den),
        _ => (None, Decimal::from_int(100)),
    };
    let step = fields
        .iter()
        .find(|f| f.id == ratio.numerator)
        .map_or(Decimal::from_units(1), |f| f.step);
    let num = least_numerator(&bands[j], den, ratio.percent, step)?;
    now.is_none_or(|p| p < bands[j].points)
        .then_some(State::Band { num, den, band: j })
}
