//! The candidates of one checked assessment and what they do to its answers. Every
//! evaluation here is a full one ([`Plan::evaluate`] of all items): the search asks for a
//! handful, so there is nothing to gain from anything incremental.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::words::{self, Amount};
use super::{ItemChange, Outcomes, Projection};
use crate::answer::{AnswerValue, AnswersFile};
use crate::decimal::Decimal;
use crate::framework::{Action, Band, Choice, Effect, ItemKind, Reaches, Span, Text};

use crate::score::eval::{Contribution, Eval, Plan};
use crate::score::{Checked, Rational, Sheet, Slot, State, level_outcome};

/// One thing the plan may include: a declared action, or an expected effect on an outcome
/// item (free, and never planned for its own sake).
#[derive(Debug, Clone)]
pub(crate) struct Cand<'f> {
    pub slot: usize,
    pub action: Option<&'f Action>,
    pub effect: Option<&'f Effect>,
    pub reaches: &'f Reaches,
    /// Groups of alternatives: one member of each must be in a set with this candidate.
    pub needs: Vec<Vec<usize>>,
    /// The declared cost plus the amount's unit cost (zero for an effect).
    pub cost: Span<Decimal>,
    pub amount: Option<Amount>,
}

impl Cand<'_> {
    pub fn units(&self) -> u32 {
        self.action.map_or(0, |a| a.effort.units())
    }
    pub fn months(&self) -> u16 {
        self.action.map_or(0, |a| a.months.max)
    }
    /// Whether `c` is one of its needs (a prerequisite, a lower rung, a driver).
    pub fn waits_on(&self, c: usize) -> bool {
        self.needs.iter().flatten().any(|&n| n == c)
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

/// Every item's state, their contributions and the evaluation once some set is done.
pub(crate) struct Step {
    pub states: Vec<State>,
    pub cs: Vec<Contribution>,
    pub eval: Eval,
}

pub(crate) struct Model<'s, 'f> {
    pub sheet: &'s Sheet<'f>,
    pub plan: &'s Plan<'f>,
    pub cands: Vec<Cand<'f>>,
    /// Index of the top scale value (value 1), for requirements.
    top_scale: u8,
}

impl<'s, 'f> Model<'s, 'f> {
    pub fn new(checked: &'s Checked<'f>) -> Model<'s, 'f> {
        let (sheet, plan) = (&checked.sheet, &checked.plan);
        let top_scale = (plan.scale.iter().enumerate())
            .filter(|(_, s)| s.value.is_some())
            .max_by_key(|(i, s)| (s.value, Reverse(*i)))
            .map_or(0, |(i, _)| i as u8);
        let mut m = Model {
            sheet,
            plan,
            cands: Vec::new(),
            top_scale,
        };
        for (slot, s) in sheet.slots.iter().enumerate() {
            if !plannable(s) {
                continue;
            }
            let actions = (s.loc.item.actions.iter()).map(|a| (Some(a), None, &a.reaches));
            let effects = (s.loc.item.effects.iter()).map(|e| (None, Some(e), &e.reaches));
            for (action, effect, reaches) in actions.chain(effects) {
                if m.apply(slot, &s.state, reaches) != s.state {
                    let free = Span {
                        min: Decimal::ZERO,
                        max: Decimal::ZERO,
                    };
                    m.cands.push(Cand {
                        slot,
                        action,
                        effect,
                        reaches,
                        needs: Vec::new(),
                        cost: action.map_or(free, |a| a.cost_wan),
                        amount: None,
                    });
                }
            }
        }
        // effects are never needed by others, so dropping them keeps every index that matters
        let keep: Vec<bool> = (m.cands.iter())
            .map(|c| c.effect.is_none_or(|e| m.drivable(e)))
            .collect();
        let mut kept = keep.into_iter();
        m.cands.retain(|_| kept.next().unwrap_or(false));
        // in candidate order: an amount reads the needs of the candidates before it
        for c in 0..m.cands.len() {
            m.cands[c].needs = m.needs(c);
            m.cands[c].amount = words::amount(&m, c);
            if let Some(a) = &m.cands[c].amount {
                m.cands[c].cost = a.cost(m.cands[c].cost);
            }
        }
        m
    }

    /// Whether the plan can bring effect `e` about: every driver is an action on a scored
    /// item that applies to the firm, and one at least is still to do. An effect whose
    /// drivers are all done already is not expected from the plan: the outcome as answered
    /// is the evidence of what they brought.
    ///
    /// Still to do means what [`Model::needs`] counts: a candidate not already achieved.
    fn drivable(&self, e: &Effect) -> bool {
        let applies = |id: &String| {
            (self.sheet.slots.iter())
                .any(|s| plannable(s) && s.loc.item.actions.iter().any(|a| a.id == *id))
        };
        let to_do = |id: &String| self.index(id).is_some_and(|c| !self.achieved(c));
        e.drivers.iter().all(applies) && e.drivers.iter().any(to_do)
    }

    pub fn index(&self, action_id: &str) -> Option<usize> {
        (self.cands.iter()).position(|c| c.action.is_some_and(|a| a.id == action_id))
    }

    /// What candidate `c` needs: its prerequisites (drivers, for an effect) that are still to
    /// do, and on a ladder one action for every rung between the answer and its own.
    fn needs(&self, c: usize) -> Vec<Vec<usize>> {
        let cand = &self.cands[c];
        let pre = match (cand.action, cand.effect) {
            (Some(a), _) => &a.prerequisites,
            (_, Some(e)) => &e.drivers,
            _ => return Vec::new(),
        };
        let mut out: Vec<Vec<usize>> = (pre.iter().filter_map(|p| self.index(p)))
            .filter(|&p| !self.achieved(p))
            .map(|p| vec![p])
            .collect();
        let s = &self.sheet.slots[cand.slot];
        if let (ItemKind::Ladder { .. }, Reaches::Level(n)) = (&s.loc.item.kind, cand.reaches) {
            let now = if let State::Level(x) = s.state { x } else { 0 };
            for rung in (now + 1)..*n {
                let on_rung = (0..self.cands.len()).filter(|&x| {
                    self.cands[x].slot == cand.slot
                        && *self.cands[x].reaches == Reaches::Level(rung)
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
        let slot = &self.sheet.slots[cand.slot];
        let (Some(m), Reaches::Level(n), ItemKind::Requirements { .. }) =
            (&self.plan.maturity, cand.reaches, &slot.loc.item.kind)
        else {
            return false;
        };
        let l = usize::from(*n) - 1;
        let count = m.counts[cand.slot][l];
        let sum = self.plan.contribution(slot, &slot.state).sums[l];
        count == 0 || Rational::new(i128::from(sum), i128::from(count) * 10_000) >= m.threshold
    }

    /// `state` of item `slot` after something that `reaches`.
    pub fn apply(&self, slot: usize, state: &State, reaches: &Reaches) -> State {
        let s = &self.sheet.slots[slot];
        let level = if let Reaches::Level(n) = reaches {
            Some(*n)
        } else {
            None
        };
        let next = match &s.loc.item.kind {
            ItemKind::Single { options, .. } => {
                let j = match reaches {
                    Reaches::Option(o) => options.iter().position(|x| x.id == *o),
                    _ => (0..options.len()).max_by_key(|&i| (options[i].points, Reverse(i))),
                };
                let now = self.plan.contribution(s, state).points;
                j.filter(|&j| *state == State::Unanswered || options[j].points > now)
                    .map(State::Option)
            }
            ItemKind::Multiple { options, .. } => with_options(options, state, reaches),
            kind @ ItemKind::Band { .. } => in_band(kind, state, reaches),
            ItemKind::Ladder { rungs, .. } => {
                let n = level.unwrap_or(rungs.len() as u8);
                (!matches!(state, State::Level(cur) if *cur >= n)).then_some(State::Level(n))
            }
            ItemKind::Requirements { requirements } => {
                let mut values = state.requirement_values(s);
                for (v, &ri) in values.iter_mut().zip(&s.requirements) {
                    let valueless =
                        v.is_some_and(|x| self.plan.scale[usize::from(x)].value.is_none());
                    if level.is_none_or(|l| requirements[ri].level == l) && !valueless {
                        *v = Some(self.top_scale);
                    }
                }
                Some(State::Requirements(values))
            }
            ItemKind::Kpi { .. } => None,
        };
        next.unwrap_or_else(|| state.clone())
    }

    /// Every item's state, and the evaluation, once the candidates in `set` are done.
    pub fn step(&self, set: &[usize]) -> Step {
        let mut states: Vec<State> = self.sheet.slots.iter().map(|s| s.state.clone()).collect();
        for &c in set {
            let x = &self.cands[c];
            states[x.slot] = self.apply(x.slot, &states[x.slot], x.reaches);
        }
        let cs: Vec<Contribution> = (self.sheet.slots.iter().zip(&states))
            .map(|(s, st)| self.plan.contribution(s, st))
            .collect();
        let eval = self.plan.evaluate(&cs);
        Step { states, cs, eval }
    }

    /// The step after each prefix of `order`: `[0]` with nothing done, `[k]` with its first
    /// `k` members done. The gains, the reasons and the phases' projections all read these.
    pub fn steps(&self, order: &[usize]) -> Vec<Step> {
        (0..=order.len()).map(|k| self.step(&order[..k])).collect()
    }

    /// The cheapest admissible set reaching `target`: first by actions alone, then (only if
    /// that cannot reach it) counting the expected effects of outcome items.
    pub fn choose(&self, target: u8) -> Chosen {
        if self.step(&[]).eval.rank >= target {
            return Chosen {
                met: true,
                reachable: true,
                ..Chosen::default()
            };
        }
        for effects in [false, true] {
            if self.step(&self.all(effects)).eval.rank >= target {
                return Chosen {
                    order: self.ordered(super::solve::cheapest(self, target, effects)),
                    reachable: true,
                    needs_effects: effects,
                    ..Chosen::default()
                };
            }
        }
        Chosen {
            missing: words::missing(self, &self.all(true), target),
            ..Chosen::default()
        }
    }

    pub fn projection(&self, e: &Eval) -> Projection {
        Projection {
            score: e.score.to_decimal(),
            score_exact: e.score.is_decimal(),
            level: level_outcome(self.sheet.fw, e.rank),
        }
    }

    /// Every candidate (the actions only, unless `effects`).
    pub fn all(&self, effects: bool) -> Vec<usize> {
        let keep = |c: &usize| effects || self.cands[*c].action.is_some();
        (0..self.cands.len()).filter(keep).collect()
    }

    /// `set` in an order where everything comes after what it needs (file order otherwise).
    fn ordered(&self, mut set: Vec<usize>) -> Vec<usize> {
        set.sort_unstable();
        let mut out: Vec<usize> = Vec::with_capacity(set.len());
        while out.len() < set.len() {
            let waiting: Vec<usize> = set.iter().copied().filter(|c| !out.contains(c)).collect();
            let ready = waiting.iter().copied().find(|&c| {
                (self.cands[c].needs.iter().flatten()).all(|a| !set.contains(a) || out.contains(a))
            });
            // needs form no cycle (the loader refuses one), so something is always ready
            out.push(ready.unwrap_or(waiting[0]));
        }
        out
    }

    /// The answers file with `set` done.
    pub fn answers_with(&self, answers: &AnswersFile, set: &[usize]) -> AnswersFile {
        let mut out = answers.clone();
        for (slot, state) in self.step(set).states.iter().enumerate() {
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
                let answered = s.requirements.iter().zip(values).filter_map(|(&ri, v)| {
                    let scale = &self.plan.scale[usize::from((*v)?)];
                    Some((requirements[ri].id.clone(), scale.id.clone()))
                });
                AnswerValue::Requirements(answered.collect())
            }
            (State::Kpi(n), _) => AnswerValue::Numbers(n.clone()),
            _ => return None,
        })
    }

    /// Each changed item: before, after (`steps` of `order`), and the sum of its actions'
    /// gains in `order`.
    pub fn changes(&self, order: &[usize], steps: &[Step]) -> Vec<ItemChange> {
        let after = &steps[order.len()].states;
        let mut gains = vec![Rational::ZERO; self.sheet.slots.len()];
        for (&c, g) in order.iter().zip(gains_of(steps)) {
            gains[self.cands[c].slot] = gains[self.cands[c].slot] + g;
        }
        let changed = (self.sheet.slots.iter().enumerate()).filter(|(i, s)| after[*i] != s.state);
        changed
            .map(|(i, slot)| {
                let points = |st: &State| self.plan.contribution(slot, st).points;
                let (from, to) = words::describe_change(self, i, &slot.state, &after[i]);
                ItemChange {
                    item: slot.loc.item.id.clone(),
                    title: slot.loc.item.title.clone(),
                    from,
                    to,
                    points: points(&after[i]) - points(&slot.state),
                    gain: gains[i].to_decimal(),
                    gain_exact: gains[i].is_decimal(),
                }
            })
            .collect()
    }

    /// Projections without and with the expected effects the plan's actions drive.
    pub fn outcomes(&self, order: &[usize], needs_effects: bool) -> Outcomes {
        let actions: Vec<usize> = (order.iter().copied())
            .filter(|&c| self.cands[c].action.is_some())
            .collect();
        let drives = |c: &Cand<'_>| {
            c.needs
                .iter()
                .all(|alts| alts.iter().any(|a| actions.contains(a)))
        };
        let driven: Vec<usize> = (0..self.cands.len())
            .filter(|&c| self.cands[c].action.is_none() && drives(&self.cands[c]))
            .collect();
        let with: Vec<usize> = actions.iter().chain(&driven).copied().collect();
        Outcomes {
            target_depends_on_them: needs_effects,
            without: self.projection(&self.step(&actions).eval),
            with: self.projection(&self.step(&with).eval),
            effects: words::effects(self, &driven),
        }
    }
}

/// Whether an item's actions can be planned: it applies to the firm and scores (a KPI does not).
fn plannable(s: &Slot<'_>) -> bool {
    s.state != State::Na && !matches!(s.loc.item.kind, ItemKind::Kpi { .. })
}

/// The score change of each member of a plan when done after those before it.
pub(crate) fn gains_of(steps: &[Step]) -> impl Iterator<Item = Rational> + '_ {
    steps.windows(2).map(|w| w[1].eval.score - w[0].eval.score)
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
    let hundred = Rational::from_int(if percent { 100 } else { 1 });
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
    let mask = |keep: &dyn Fn(&Choice) -> bool| {
        (options.iter().enumerate()).fold(0_u128, |m, (i, o)| if keep(o) { m | 1 << i } else { m })
    };
    let exclusive = mask(&|o| o.exclusive);
    let add = match r {
        Reaches::Option(id) => mask(&|o| o.id == *id),
        _ => mask(&|o| !o.exclusive),
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
    let step = (fields.iter().find(|f| f.id == ratio.numerator))
        .map_or(Decimal::from_units(1), |f| f.step);
    let num = least_numerator(&bands[j], den, ratio.percent, step)?;
    now.is_none_or(|p| p < bands[j].points)
        .then_some(State::Band { num, den, band: j })
}
