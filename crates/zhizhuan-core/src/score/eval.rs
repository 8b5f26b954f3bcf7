//! The arithmetic of both methods over per-item [`Contribution`]s.
//!
//! Scoring, the gap and the roadmap all evaluate through here, always from scratch: a
//! [`Plan`] fixes what does not change when answers improve (which items count, maturity
//! weights after N/A re-normalisation, requirement counts), and [`Plan::evaluate`] reads every
//! item's [`Contribution`]. There is no incremental path to keep in step with it.

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

/// Maturity level `L`: score = Σ coef[i] · sums[i][L] / den.
#[derive(Debug, Clone)]
pub(crate) struct LevelPlan {
    pub den: i128,
    pub coef: Vec<i128>,
    /// Whether any item has an applicable requirement at this level.
    pub any: bool,
    /// The coefficients were rounded (see [`super::rational`]).
    pub inexact: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct MaturityPlan {
    pub threshold: Rational,
    pub max_score: Decimal,
    pub overall: Overall,
    pub levels: Vec<LevelPlan>,
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
    pub fn holds(&self) -> bool {
        match self {
            Cond::Score { actual, required }
            | Cond::Achieved {
                actual, required, ..
            } => actual >= required,
            Cond::Rule {
                actual, required, ..
            } => actual >= required,
        }
    }
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    (a / x).checked_mul(b)
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
                let ls: Vec<Rational> = m
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(l, lp)| {
                        if !lp.any {
                            return Rational::ZERO;
                        }
                        let n: i128 = cs
                            .iter()
                            .zip(&lp.coef)
                            .map(|(c, k)| {
                                if *k == 0 {
                                    0
                                } else {
                                    k * i128::from(c.sums[l])
                                }
                            })
                            .sum();
                        let r = Rational::new(n, lp.den);
                        if lp.inexact { r.mark_inexact() } else { r }
                    })
                    .collect();
                let achieved = ls
                    .iter()
                    .zip(&m.levels)
                    .take_while(|(s, lp)| lp.any && **s >= m.threshold)
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

/// Per-level effective weights: each node's weight divided by the sum of the weights of its
/// siblings present at that level (an item is present when it has at least one applicable,
/// non-excluded requirement there), multiplied down the tree.
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
    let counts: Vec<Vec<u32>> = sheet
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
        .collect();
    let variant = sheet.variant.as_str();
    // Weights in units of 10⁻⁴ as integers: a weight over the sum of its siblings' weights is
    // a ratio of integers, so each effective weight is one fraction reduced once.
    let w = |ws: &crate::framework::Weights| {
        i128::from(ws.get(variant).copied().unwrap_or_default().units())
    };
    let mut weights = vec![vec![Rational::ZERO; n_levels]; sheet.slots.len()];
    let mut levels = Vec::with_capacity(n_levels);
    for l in 0..n_levels {
        let present = |slot: usize| counts[slot][l] > 0;
        // slot indices grouped by dimension and indicator (slots are in file order)
        let mut dim_sum = 0_i128;
        for d in &fw.dimensions {
            let any = sheet
                .slots
                .iter()
                .enumerate()
                .any(|(i, s)| std::ptr::eq(s.loc.dimension, d) && present(i));
            if any {
                dim_sum += w(&d.weights);
            }
        }
        for d in &fw.dimensions {
            let mut ind_sum = 0_i128;
            for ind in &d.indicators {
                if sheet
                    .slots
                    .iter()
                    .enumerate()
                    .any(|(i, s)| std::ptr::eq(s.loc.indicator, ind) && present(i))
                {
                    ind_sum += w(&ind.weights);
                }
            }
            for ind in &d.indicators {
                let item_sum: i128 = sheet
                    .slots
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| std::ptr::eq(s.loc.indicator, ind) && present(*i))
                    .map(|(_, s)| w(&s.loc.item.weights))
                    .sum();
                for (i, s) in sheet.slots.iter().enumerate() {
                    if !std::ptr::eq(s.loc.indicator, ind) || !present(i) {
                        continue;
                    }
                    if dim_sum == 0 || ind_sum == 0 || item_sum == 0 {
                        continue;
                    }
                    // (wd / Σd) · (wi / Σi) · (wt / Σt), as one fraction when it fits
                    let (wd, wi, wt) = (w(&d.weights), w(&ind.weights), w(&s.loc.item.weights));
                    let num = wd.checked_mul(wi).and_then(|x| x.checked_mul(wt));
                    let den = dim_sum
                        .checked_mul(ind_sum)
                        .and_then(|x| x.checked_mul(item_sum));
                    weights[i][l] = match (num, den) {
                        (Some(n), Some(d)) => Rational::new(n, d),
                        _ => {
                            Rational::new(wd, dim_sum)
                                * Rational::new(wi, ind_sum)
                                * Rational::new(wt, item_sum)
                        }
                    };
                }
            }
        }
        // coefficient per unit of scale value: weight / (count · 10⁴)
        let ks: Vec<Rational> = (0..sheet.slots.len())
            .map(|i| {
                if counts[i][l] == 0 {
                    Rational::ZERO
                } else {
                    weights[i][l] / Rational::from_int(i64::from(counts[i][l]) * 10_000)
                }
            })
            .collect();
        // One common denominator per level keeps re-evaluation integer arithmetic. It must leave
        // room for coef · sum (sums stay below 10⁶ units); if the exact one is too large (many
        // unrelated re-normalised weights), coefficients are rounded to 10⁻²⁴ and the level
        // score is marked inexact.
        let exact = ks.iter().try_fold(1_i128, |a, k| {
            lcm(a, k.denom()).filter(|d| *d < 1_i128 << 100)
        });
        let (den, coef, inexact) = match exact {
            Some(den) => (
                den,
                ks.iter().map(|k| k.numer() * (den / k.denom())).collect(),
                ks.iter().any(|k| k.is_inexact()),
            ),
            None => {
                let f = Rational::new(1_000_000_000_000_000_000_000_000, 1);
                let coef = ks
                    .iter()
                    .map(|k| (*k * f).to_decimal().units() as i128 / 10_000)
                    .collect();
                (1_000_000_000_000_000_000_000_000, coef, true)
            }
        };
        levels.push(LevelPlan {
            den,
            coef,
            any: (0..sheet.slots.len()).any(present),
            inexact,
        });
    }
    MaturityPlan {
        threshold: Rational::from_decimal(threshold),
        max_score,
        overall,
        levels,
        counts,
        weights,
    }
}
