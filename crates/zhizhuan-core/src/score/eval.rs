//! The arithmetic of both methods over per-item [`Contribution`]s.
//!
//! Scoring, the gap and the roadmap all evaluate through here, always from scratch: a
//! [`Plan`] fixes what does not change when answers improve (which items count, maturity
//! weights after N/A re-normalisation, requirement counts), and [`Plan::evaluate`] reads every
//! item's [`Contribution`]. There is no incremental path to keep in step with it.

use std::ptr;

use crate::decimal::Decimal;
use crate::framework::{
    Among, ItemKind, Level, Located, Method, NaPolicy, Overall, ScaleValue, ScenarioRule, Weights,
};

use super::check::{Sheet, Slot, State};
use super::rational::Rational;

/// What one item adds to the result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Contribution {
    /// Points earned (points method).
    pub points: Decimal,
    /// Points the item can earn; zero when it left the denominator (N/A with `exclude`).
    pub max: Decimal,
    /// Rung reached (ladder items).
    pub ladder: u8,
    /// Maturity: per level (index = level − 1), the sum of the scale values (in units of
    /// 10⁻⁴) of the applicable requirements; unanswered ones add 0.
    pub sums: Vec<i64>,
}

#[derive(Debug, Clone)]
pub(crate) struct MaturityPlan {
    pub threshold: Rational,
    pub max_score: Decimal,
    pub overall: Overall,
    /// Per level: whether any item has an applicable requirement there.
    pub any: Vec<bool>,
    /// Per slot and level: what one unit (10⁻⁴) of scale value adds to the level score,
    /// weight ÷ (count · 10⁴); zero where the item is not present.
    pub coef: Vec<Vec<Rational>>,
    /// Per slot and level: applicable requirement count (0 = not present at that level).
    pub counts: Vec<Vec<u32>>,
    /// Per slot and level: effective weight in the whole framework (for explanations).
    pub weights: Vec<Vec<Rational>>,
}

/// A scenario rule with the slots it counts.
#[derive(Debug, Clone)]
pub(crate) struct RulePlan {
    pub min_level: u8,
    pub min_count: u32,
    pub among: Among,
    pub slots: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan<'f> {
    pub levels: &'f [Level],
    /// Points method: the declared total (thresholds are on this scale).
    pub total: Decimal,
    /// Maturity method: the answer scale (empty for points).
    pub scale: &'f [ScaleValue],
    /// Per level: its scenario rules.
    pub rules: Vec<Vec<RulePlan>>,
    pub maturity: Option<MaturityPlan>,
}

/// The result of one evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Eval {
    /// The score compared with the levels' `min_score` (points: normalised when items left the
    /// denominator; maturity: S).
    pub score: Rational,
    pub earned: Decimal,
    pub max: Decimal,
    /// Maturity: per level, the weighted level score.
    pub level_scores: Vec<Rational>,
    /// Maturity: the highest level achieved together with every level below it.
    pub achieved: u8,
    /// Highest level whose conditions all hold (0 = below level 1).
    pub rank: u8,
}

/// What a condition of a level measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    Score,
    /// Scenario rule `n` of the level: how many of its items count.
    Rule(usize),
    /// Maturity: the weighted score of level rank `n`.
    Achieved(u8),
}

/// One condition of one level, evaluated.
#[derive(Debug, Clone)]
pub(crate) struct Cond {
    pub measure: Measure,
    pub actual: Rational,
    pub required: Rational,
}

impl Cond {
    pub fn holds(&self) -> bool {
        self.actual >= self.required
    }
}

impl<'f> Plan<'f> {
    /// Builds the plan for a sheet. Maturity weights and requirement counts are fixed here from
    /// the sheet's N/A answers; improving answers never changes them.
    pub fn new(sheet: &Sheet<'f>) -> Plan<'f> {
        let fw = sheet.fw;
        let index = |id: &String| sheet.slots.iter().position(|s| s.loc.item.id == *id);
        let rule = |r: &ScenarioRule| RulePlan {
            min_level: r.min_level,
            min_count: r.min_count,
            among: r.among,
            slots: r.scenarios.iter().filter_map(index).collect(),
        };
        let mut plan = Plan {
            levels: &fw.levels,
            total: fw.total_points().unwrap_or_default(),
            scale: &[],
            rules: (fw.levels.iter())
                .map(|l| l.scenario_rules.iter().map(rule).collect())
                .collect(),
            maturity: None,
        };
        if let Method::Maturity {
            max_score,
            achieve_threshold,
            overall,
            scale,
            ..
        } = &fw.scoring.method
        {
            plan.scale = scale;
            let counts = requirement_counts(sheet, scale);
            let weights = effective_weights(sheet, &counts);
            let per_unit = |w: &Rational, n: &u32| match *n {
                0 => Rational::ZERO,
                n => *w / Rational::from_int(i64::from(n) * 10_000),
            };
            plan.maturity = Some(MaturityPlan {
                threshold: Rational::from_decimal(*achieve_threshold),
                max_score: *max_score,
                overall: *overall,
                any: (0..fw.levels.len())
                    .map(|l| counts.iter().any(|c| c[l] > 0))
                    .collect(),
                coef: (weights.iter().zip(&counts))
                    .map(|(ws, ns)| ws.iter().zip(ns).map(|(w, n)| per_unit(w, n)).collect())
                    .collect(),
                counts,
                weights,
            });
        }
        plan
    }

    /// An item's contribution in a given state.
    pub fn contribution(&self, slot: &Slot<'_>, state: &State) -> Contribution {
        let item = slot.loc.item;
        let excluded = *state == State::Na && item.na == NaPolicy::Exclude;
        let mut c = Contribution {
            max: if excluded { Decimal::ZERO } else { item.points },
            ..Contribution::default()
        };
        match (&item.kind, state) {
            (ItemKind::Single { options, .. }, State::Option(i)) => c.points = options[*i].points,
            (ItemKind::Multiple { options, cap }, State::Options(mask)) => {
                let chosen = (options.iter().enumerate()).filter(|(i, _)| mask & (1 << i) != 0);
                c.points = chosen.map(|(_, o)| o.points).sum::<Decimal>().min(*cap);
            }
            (ItemKind::Band { bands, .. }, State::Band { band, .. }) => {
                c.points = bands[*band].points
            }
            (ItemKind::Ladder { .. }, State::Level(n)) => c.ladder = *n,
            (ItemKind::Requirements { requirements }, _) => {
                c.sums = vec![0; self.levels.len()];
                if let State::Requirements(values) = state {
                    for (&ri, v) in slot.requirements.iter().zip(values) {
                        if let Some(v) = v.and_then(|s| self.scale[usize::from(s)].value) {
                            c.sums[usize::from(requirements[ri].level) - 1] += v.units();
                        }
                    }
                }
            }
            _ => {}
        }
        c
    }

    pub fn contributions(&self, sheet: &Sheet<'_>) -> Vec<Contribution> {
        (sheet.slots.iter())
            .map(|s| self.contribution(s, &s.state))
            .collect()
    }

    /// Evaluates a full set of contributions.
    pub fn evaluate(&self, cs: &[Contribution]) -> Eval {
        let earned: Decimal = cs.iter().map(|c| c.points).sum();
        let mut e = Eval {
            score: Rational::ZERO,
            earned,
            max: cs.iter().map(|c| c.max).sum(),
            level_scores: Vec::new(),
            achieved: 0,
            rank: 0,
        };
        match &self.maturity {
            None if e.max == self.total => e.score = Rational::from_decimal(earned),
            None if e.max.is_zero() => {}
            None => {
                e.score = Rational::from_decimal(earned) * Rational::from_decimal(self.total)
                    / Rational::from_decimal(e.max)
            }
            Some(m) => {
                let level = |l: usize| {
                    let terms = cs.iter().zip(&m.coef).map(|(c, k)| match c.sums.get(l) {
                        Some(&sum) if !k[l].is_zero() => k[l] * Rational::new(sum.into(), 1),
                        _ => Rational::ZERO,
                    });
                    terms.fold(Rational::ZERO, |a, b| a + b)
                };
                let ls: Vec<Rational> = (0..self.levels.len()).map(level).collect();
                let achieved = (ls.iter().zip(&m.any))
                    .take_while(|(s, any)| **any && **s >= m.threshold)
                    .count();
                e.score = match m.overall {
                    Overall::LevelSum => ls.iter().fold(Rational::ZERO, |a, b| a + *b),
                    Overall::AchievedPlusNext => {
                        Rational::from_int(achieved as i64)
                            + ls.get(achieved).copied().unwrap_or(Rational::ZERO)
                    }
                };
                (e.max, e.level_scores, e.achieved) = (m.max_score, ls, achieved as u8);
            }
        }
        e.rank = (0..self.levels.len())
            .rev()
            .find(|&i| self.conditions(cs, &e, i).iter().all(Cond::holds))
            .map_or(0, |i| i as u8 + 1);
        e
    }

    /// The conditions of level index `li` (rank − 1).
    pub fn conditions(&self, cs: &[Contribution], e: &Eval, li: usize) -> Vec<Cond> {
        let score = Cond {
            measure: Measure::Score,
            actual: e.score,
            required: Rational::from_decimal(self.levels[li].min_score),
        };
        let rules = self.rules[li].iter().enumerate().map(|(rule, r)| {
            let counted = r.slots.iter().filter(|&&s| cs[s].ladder >= r.min_level);
            Cond {
                measure: Measure::Rule(rule),
                actual: Rational::from_int(counted.count() as i64),
                required: Rational::from_int(i64::from(r.min_count)),
            }
        });
        let achieved = self.maturity.iter().flat_map(|m| {
            (0..=li).map(|l| Cond {
                measure: Measure::Achieved(l as u8 + 1),
                actual: e.level_scores[l],
                required: m.threshold,
            })
        });
        std::iter::once(score)
            .chain(rules)
            .chain(achieved)
            .collect()
    }
}

/// Per slot and level: how many of its requirements apply (N/A ones and those answered
/// with a scale value that has no value, such as 不适用, are left out).
fn requirement_counts(sheet: &Sheet<'_>, scale: &[ScaleValue]) -> Vec<Vec<u32>> {
    let count = |slot: &Slot<'_>| {
        let mut c = vec![0_u32; sheet.fw.levels.len()];
        let excluded = slot.state == State::Na && slot.loc.item.na == NaPolicy::Exclude;
        if let (ItemKind::Requirements { requirements }, false) = (&slot.loc.item.kind, excluded) {
            for (k, &ri) in slot.requirements.iter().enumerate() {
                let valueless = matches!(&slot.state, State::Requirements(v)
                    if v[k].is_some_and(|s| scale[usize::from(s)].value.is_none()));
                if !valueless {
                    c[usize::from(requirements[ri].level) - 1] += 1;
                }
            }
        }
        c
    };
    sheet.slots.iter().map(count).collect()
}

/// Per slot and level: the item's weight in the whole framework, each node's weight divided
/// by the sum of its siblings present at that level, multiplied down the tree. Slots are in
/// framework order, so the items of one indicator (and of one dimension) are adjacent.
fn effective_weights(sheet: &Sheet<'_>, counts: &[Vec<u32>]) -> Vec<Vec<Rational>> {
    let variant = sheet.variant.as_str();
    let w = |ws: &Weights| i128::from(ws.get(variant).copied().unwrap_or_default().units());
    let share = |x: i128, sum: i128| match sum {
        1.. => Rational::new(x, sum),
        _ => Rational::ZERO,
    };
    let n_levels = sheet.fw.levels.len();
    let mut weights = vec![vec![Rational::ZERO; n_levels]; sheet.slots.len()];
    for l in 0..n_levels {
        let present: Vec<(usize, &Located<'_>)> = (sheet.slots.iter().enumerate())
            .filter(|(i, _)| counts[*i][l] > 0)
            .map(|(i, s)| (i, &s.loc))
            .collect();
        let dims: Vec<_> =
            (present.chunk_by(|a, b| ptr::eq(a.1.dimension, b.1.dimension))).collect();
        let d_sum = dims.iter().map(|d| w(&d[0].1.dimension.weights)).sum();
        for d in dims {
            let inds: Vec<_> = d
                .chunk_by(|a, b| ptr::eq(a.1.indicator, b.1.indicator))
                .collect();
            let i_sum = inds.iter().map(|i| w(&i[0].1.indicator.weights)).sum();
            for ind in inds {
                let sum = ind.iter().map(|(_, loc)| w(&loc.item.weights)).sum();
                for &(i, loc) in ind {
                    weights[i][l] = share(w(&loc.dimension.weights), d_sum)
                        * share(w(&loc.indicator.weights), i_sum)
                        * share(w(&loc.item.weights), sum);
                }
            }
        }
    }
    weights
}
