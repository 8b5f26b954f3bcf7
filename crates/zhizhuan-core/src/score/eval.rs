//! The arithmetic of both methods over per-item [`Contribution`]s.
//!
//! Scoring, the gap and the roadmap all evaluate through here, always from scratch: a
//! [`Plan`] fixes what does not change when answers improve (which items count, maturity
//! weights after N/A re-normalisation, requirement counts), and [`Plan::evaluate`] reads every
//! item's [`Contribution`]. There is no incremental path to keep in step with it.

use std::collections::{HashMap, HashSet};

use crate::decimal::Decimal;
use crate::framework::{Among, ItemKind, Level, Method, NaPolicy, Overall};

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

/// One condition of one level, evaluated.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    Score {
        actual: Rational,
        required: Rational,
    },
    Rule {
        rule: usize,
        actual: u32,
        required: u32,
    },
    Achieved {
        level: u8,
        actual: Rational,
        required: Rational,
    },
}

impl Cond {
    /// The measured and the required value.
    pub fn values(&self) -> (Rational, Rational) {
        match self {
            Cond::Score { actual, required }
            | Cond::Achieved {
                actual, required, ..
            } => (*actual, *required),
            Cond::Rule {
                actual, required, ..
            } => (
                Rational::from_int(i64::from(*actual)),
                Rational::from_int(i64::from(*required)),
            ),
        }
    }

    pub fn holds(&self) -> bool {
        let (actual, required) = self.values();
        actual >= required
    }
}

impl<'f> Plan<'f> {
    /// Builds the plan for a sheet. Maturity weights and requirement counts are fixed here from
    /// the sheet's N/A answers; improving answers never changes them.
    pub fn new(sheet: &Sheet<'f>) -> Plan<'f> {
        let fw = sheet.fw;
        let index = |id: &str| sheet.slots.iter().position(|s| s.loc.item.id == id);
        let rules: Vec<Vec<RulePlan>> = fw
            .levels
            .iter()
            .map(|l| {
                l.scenario_rules
                    .iter()
                    .map(|r| RulePlan {
                        min_level: r.min_level,
                        min_count: r.min_count,
                        among: r.among,
                        slots: r.scenarios.iter().filter_map(|s| index(s)).collect(),
                    })
                    .collect()
            })
            .collect();
        let maturity = match &fw.scoring.method {
            Method::Points { .. } => None,
            Method::Maturity {
                max_score,
                achieve_threshold,
                overall,
                ..
            } => Some(maturity_plan(
                sheet,
                *max_score,
                *achieve_threshold,
                *overall,
            )),
        };
        Plan {
            levels: &fw.levels,
            total: fw.total_points().unwrap_or_default(),
            rules,
            maturity,
        }
    }

    /// An item's contribution in a given state.
    pub fn contribution(&self, sheet: &Sheet<'_>, slot: &Slot<'_>, state: &State) -> Contribution {
        let item = slot.loc.item;
        let mut c = Contribution {
            max: item.points,
            ..Contribution::default()
        };
        if *state == State::Na && item.na == NaPolicy::Exclude {
            c.max = Decimal::ZERO;
        }
        match (&item.kind, state) {
            (ItemKind::Single { options, .. }, State::Option(i)) => c.points = options[*i].points,
            (ItemKind::Multiple { options, cap }, State::Options(mask)) => {
                let sum: Decimal = options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, o)| o.points)
                    .sum();
                c.points = sum.min(*cap);
            }
            (ItemKind::Band { bands, .. }, State::Band { band, .. }) => {
                c.points = bands[*band].points
            }
            (ItemKind::Ladder { .. }, State::Level(n)) => c.ladder = *n,
            (ItemKind::Requirements { requirements }, _) => {
                let scale = match &sheet.fw.scoring.method {
                    Method::Maturity { scale, .. } => scale.as_slice(),
                    Method::Points { .. } => &[],
                };
                c.sums = vec![0; self.levels.len()];
                if let State::Requirements(values) = state {
                    for (k, &ri) in slot.requirements.iter().enumerate() {
                        let level = usize::from(requirements[ri].level);
                        if let Some(v) = values[k].and_then(|s| scale[usize::from(s)].value) {
                            c.sums[level - 1] += v.units();
                        }
                    }
                }
            }
            _ => {}
        }
        c
    }

    pub fn contributions(&self, sheet: &Sheet<'_>) -> Vec<Contribution> {
        sheet
            .slots
            .iter()
            .map(|s| self.contribution(sheet, s, &s.state))
            .collect()
    }

    /// Evaluates a full set of contributions.
    pub fn evaluate(&self, cs: &[Contribution]) -> Eval {
        let earned: Decimal = cs.iter().map(|c| c.points).sum();
        let (score, max, level_scores, achieved) = match &self.maturity {
            None => {
                let max: Decimal = cs.iter().map(|c| c.max).sum();
                let score = if max == self.total {
                    Rational::from_decimal(earned)
                } else if max.is_zero() {
                    Rational::ZERO
                } else {
                    Rational::from_decimal(earned) * Rational::from_decimal(self.total)
                        / Rational::from_decimal(max)
                };
                (score, max, Vec::new(), 0)
            }
            Some(m) => {
                let ls: Vec<Rational> = (0..self.levels.len())
                    .map(|l| {
                        let terms = cs.iter().zip(&m.coef).map(|(c, k)| match c.sums.get(l) {
                            Some(&sum) if !k[l].is_zero() => k[l] * Rational::new(sum.into(), 1),
                            _ => Rational::ZERO,
                        });
                        terms.fold(Rational::ZERO, |a, b| a + b)
                    })
                    .collect();
                let achieved = ls
                    .iter()
                    .zip(&m.any)
                    .take_while(|(s, any)| **any && **s >= m.threshold)
                    .count();
                let s = match m.overall {
                    Overall::LevelSum => ls.iter().fold(Rational::ZERO, |a, b| a + *b),
                    Overall::AchievedPlusNext => {
                        Rational::from_int(achieved as i64)
                            + ls.get(achieved).copied().unwrap_or(Rational::ZERO)
                    }
                };
                (s, m.max_score, ls, achieved as u8)
            }
        };
        let mut e = Eval {
            score,
            earned,
            max,
            level_scores,
            achieved,
            rank: 0,
        };
        e.rank = (0..self.levels.len())
            .rev()
            .find(|&i| self.conditions(cs, &e, i).iter().all(Cond::holds))
            .map_or(0, |i| i as u8 + 1);
        e
    }

    /// The conditions of level index `li` (rank − 1).
    pub fn conditions(&self, cs: &[Contribution], e: &Eval, li: usize) -> Vec<Cond> {
        let level = &self.levels[li];
        let mut out = vec![Cond::Score {
            actual: e.score,
            required: Rational::from_decimal(level.min_score),
        }];
        for (ri, r) in self.rules[li].iter().enumerate() {
            let actual = r
                .slots
                .iter()
                .filter(|&&s| cs[s].ladder >= r.min_level)
                .count() as u32;
            out.push(Cond::Rule {
                rule: ri,
                actual,
                required: r.min_count,
            });
        }
        if let Some(m) = &self.maturity {
            for l in 0..=li {
                out.push(Cond::Achieved {
                    level: l as u8 + 1,
                    actual: e.level_scores[l],
                    required: m.threshold,
                });
            }
        }
        out
    }
}

/// A tree node's identity: its address in the framework.
fn node<T>(x: &T) -> *const () {
    std::ptr::from_ref(x).cast()
}

/// The maturity plan: per level, which items are present (at least one applicable,
/// non-excluded requirement there), their effective weights and coefficients.
fn maturity_plan(
    sheet: &Sheet<'_>,
    max_score: Decimal,
    threshold: Decimal,
    overall: Overall,
) -> MaturityPlan {
    let fw = sheet.fw;
    let n_levels = fw.levels.len();
    let scale = match &fw.scoring.method {
        Method::Maturity { scale, .. } => scale.as_slice(),
        Method::Points { .. } => &[],
    };
    let counts = requirement_counts(sheet, scale);
    let weights = effective_weights(sheet, &counts);
    let coef = (weights.iter().zip(&counts))
        .map(|(ws, cs)| {
            let per_unit = |(w, n): (&Rational, &u32)| match *n {
                0 => Rational::ZERO,
                n => *w / Rational::from_int(i64::from(n) * 10_000),
            };
            ws.iter().zip(cs).map(per_unit).collect()
        })
        .collect();
    MaturityPlan {
        threshold: Rational::from_decimal(threshold),
        max_score,
        overall,
        any: (0..n_levels)
            .map(|l| counts.iter().any(|c| c[l] > 0))
            .collect(),
        coef,
        counts,
        weights,
    }
}

/// Per slot and level: how many of its requirements apply (N/A ones and those answered
/// with a scale value that has no value, such as 不适用, are left out).
fn requirement_counts(sheet: &Sheet<'_>, scale: &[crate::framework::ScaleValue]) -> Vec<Vec<u32>> {
    let n_levels = sheet.fw.levels.len();
    sheet
        .slots
        .iter()
        .map(|slot| {
            let mut c = vec![0_u32; n_levels];
            let ItemKind::Requirements { requirements } = &slot.loc.item.kind else {
                return c;
            };
            if slot.state == State::Na && slot.loc.item.na == NaPolicy::Exclude {
                return c;
            }
            for (k, &ri) in slot.requirements.iter().enumerate() {
                let excluded = match &slot.state {
                    State::Requirements(v) => {
                        v[k].is_some_and(|s| scale[usize::from(s)].value.is_none())
                    }
                    _ => false,
                };
                if !excluded {
                    c[usize::from(requirements[ri].level) - 1] += 1;
                }
            }
            c
        })
        .collect()
}

/// Per slot and level: the item's weight in the whole framework, each node's weight divided
/// by the sum of its siblings present at that level, multiplied down the tree.
fn effective_weights(sheet: &Sheet<'_>, counts: &[Vec<u32>]) -> Vec<Vec<Rational>> {
    let n_levels = sheet.fw.levels.len();
    let variant = sheet.variant.as_str();
    let w = |ws: &crate::framework::Weights| {
        i128::from(ws.get(variant).copied().unwrap_or_default().units())
    };
    let mut weights = vec![vec![Rational::ZERO; n_levels]; sheet.slots.len()];
    for l in 0..n_levels {
        let present: Vec<&Slot<'_>> = (sheet.slots.iter().enumerate())
            .filter(|(i, _)| counts[*i][l] > 0)
            .map(|(_, s)| s)
            .collect();
        // the sum of the present siblings' weights at each node: dimensions, then the
        // indicators of each dimension, then the items of each indicator (by address)
        let mut sums: HashMap<*const (), i128> = HashMap::new();
        let mut seen: HashSet<*const ()> = HashSet::new();
        for s in &present {
            let (d, ind) = (node(s.loc.dimension), node(s.loc.indicator));
            if seen.insert(d) {
                *sums.entry(std::ptr::null()).or_default() += w(&s.loc.dimension.weights);
            }
            if seen.insert(ind) {
                *sums.entry(d).or_default() += w(&s.loc.indicator.weights);
            }
            *sums.entry(ind).or_default() += w(&s.loc.item.weights);
        }
        let share = |x: i128, parent: *const ()| match sums.get(&parent) {
            Some(&sum) if sum > 0 => Rational::new(x, sum),
            _ => Rational::ZERO,
        };
        for (i, s) in sheet.slots.iter().enumerate() {
            if counts[i][l] > 0 {
                let (d, ind) = (node(s.loc.dimension), node(s.loc.indicator));
                weights[i][l] = share(w(&s.loc.dimension.weights), std::ptr::null())
                    * share(w(&s.loc.indicator.weights), d)
                    * share(w(&s.loc.item.weights), ind);
            }
        }
    }
    weights
}
