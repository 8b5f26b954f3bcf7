//! The arithmetic of both methods over per-item [`Contribution`]s.
//!
//! Scoring, the gap search and the roadmap all evaluate through here. A [`Plan`] fixes what
//! does not change when answers improve (which items count, maturity weights after N/A
//! re-normalisation, requirement counts), so re-evaluating after a candidate improvement is
//! integer arithmetic over a slice, with no allocation beyond the level-score vector.

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
    /// The least numerator (over `den`) that reaches the threshold, when it fits in `i128`:
    /// reaching is then one integer comparison.
    pub reach: Option<i128>,
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
    /// Per slot: the (level index, rule index) pairs whose rules count it.
    pub slot_rules: Vec<Vec<(usize, usize)>>,
    pub maturity: Option<MaturityPlan>,
}

/// Running totals of a set of contributions: everything the level depends on, as integers.
///
/// The gap search and the roadmap try thousands of candidate improvements; each changes one or
/// two items. A tally lets them swap those items' contributions in and out
/// ([`Plan::replace`]) and read the level ([`Plan::rank_of`]) or the distance to a target
/// ([`Plan::deficit_of`]) without re-reading every item and without reducing fractions
/// (reducing 100-bit fractions by Euclid's algorithm was most of the search's time). The
/// results are exactly those of [`Plan::evaluate`]: a test compares the two on random answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tally {
    earned: Decimal,
    max: Decimal,
    /// Maturity: per level, Σ coef · sums (the level score is this over the level's `den`).
    level_num: Vec<i128>,
    /// Per level, per scenario rule: how many of the rule's slots reach its rung.
    rule_counts: Vec<Vec<u32>>,
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

    /// Shortfall in millionths of the requirement (0 when it holds): the gap search's measure
    /// of distance, comparable across conditions of different units.
    pub fn deficit_ppm(&self) -> i128 {
        match self {
            Cond::Score { actual, required }
            | Cond::Achieved {
                actual, required, ..
            } => {
                if actual >= required || required.is_zero() {
                    0
                } else {
                    // rounded up: a condition that fails is never at distance 0
                    let r = (*required - *actual) / *required;
                    (r.numer() * 1_000_000).div_euclid(r.denom()).max(1)
                }
            }
            Cond::Rule {
                actual, required, ..
            } => {
                if actual >= required || *required == 0 {
                    0
                } else {
                    i128::from(required - actual) * 1_000_000 / i128::from(*required)
                }
            }
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
        let mut slot_rules = vec![Vec::new(); sheet.slots.len()];
        for (li, level) in rules.iter().enumerate() {
            for (ri, r) in level.iter().enumerate() {
                for &s in &r.slots {
                    slot_rules[s].push((li, ri));
                }
            }
        }
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
            slot_rules,
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

    /// Distance from reaching level rank `target` (0 when reached): the definition that
    /// [`Plan::deficit_of`] computes faster, kept to test it against.
    #[cfg(test)]
    pub fn deficit(&self, cs: &[Contribution], target: u8) -> i128 {
        if target == 0 {
            return 0;
        }
        let e = self.evaluate(cs);
        if e.rank >= target {
            return 0;
        }
        self.conditions(cs, &e, usize::from(target) - 1)
            .iter()
            .map(Cond::deficit_ppm)
            .sum()
    }
}

/// The change of a [`Tally`] when some items change: a trial improvement, applied and taken
/// back with [`Plan::shift`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Delta {
    earned: Decimal,
    max: Decimal,
    level_num: Vec<i128>,
    /// (level index, rule index, change of the count).
    rules: Vec<(usize, usize, i32)>,
}

/// `floor(a · 10⁶ / b)` for `0 ≤ a ≤ b`, `b > 0`, by long division (no overflow for any `b`).
fn ppm_floor(a: i128, b: i128) -> i128 {
    if let Some(x) = a.checked_mul(1_000_000) {
        // 64-bit division is one instruction, 128-bit division a long library routine
        if let (Ok(x), Ok(b)) = (i64::try_from(x), i64::try_from(b)) {
            return i128::from(x / b);
        }
        // Maturity denominators are wider than 64 bits, but the quotient is at most 10⁶. Divide
        // the top bits (b's top 43, so x's shifted value stays below 2⁶³): since
        // ⌊q·b / 2ˢ⌋ ≥ q·⌊b / 2ˢ⌋ the estimate is never low, and since ⌊b / 2ˢ⌋ ≥ 2⁴² it is at
        // most one high.
        let s = (128 - b.leading_zeros()).saturating_sub(43);
        let q = i128::from(((x >> s) as u64) / ((b >> s) as u64));
        let q = if q * b > x { q - 1 } else { q };
        debug_assert!(q * b <= x && x - q * b < b);
        return q;
    }
    let (mut q, mut r) = (a / b, a % b);
    for _ in 0..6 {
        r *= 10;
        q = q * 10 + r / b;
        r %= b;
    }
    q
}

impl Plan<'_> {
    /// The tally of a full set of contributions.
    pub fn tally(&self, cs: &[Contribution]) -> Tally {
        let mut t = Tally {
            earned: Decimal::ZERO,
            max: Decimal::ZERO,
            level_num: vec![0; self.maturity.as_ref().map_or(0, |m| m.levels.len())],
            rule_counts: self.rules.iter().map(|r| vec![0; r.len()]).collect(),
        };
        for (slot, c) in cs.iter().enumerate() {
            self.add(&mut t, slot, c, 1);
        }
        t
    }

    /// Adds (`sign` 1) or removes (`sign` −1) one slot's contribution.
    fn add(&self, t: &mut Tally, slot: usize, c: &Contribution, sign: i8) {
        let signed = |x: Decimal| if sign > 0 { x } else { -x };
        t.earned = t.earned + signed(c.points);
        t.max = t.max + signed(c.max);
        if let Some(m) = &self.maturity {
            for ((num, lp), sum) in t.level_num.iter_mut().zip(&m.levels).zip(&c.sums) {
                *num += i128::from(sign) * lp.coef[slot] * i128::from(*sum);
            }
        }
        for &(li, ri) in &self.slot_rules[slot] {
            if c.ladder >= self.rules[li][ri].min_level {
                let n = &mut t.rule_counts[li][ri];
                *n = n.wrapping_add_signed(i32::from(sign));
            }
        }
    }

    /// Adds to `d` the change of the tally when slot `slot` goes from `old` to `new`.
    pub fn delta(&self, d: &mut Delta, slot: usize, old: &Contribution, new: &Contribution) {
        d.earned = d.earned + new.points - old.points;
        d.max = d.max + new.max - old.max;
        if let Some(m) = &self.maturity {
            d.level_num.resize(m.levels.len(), 0);
            for (l, lp) in m.levels.iter().enumerate() {
                let (a, b) = (
                    old.sums.get(l).copied().unwrap_or(0),
                    new.sums.get(l).copied().unwrap_or(0),
                );
                if a != b {
                    d.level_num[l] += lp.coef[slot] * i128::from(b - a);
                }
            }
        }
        for &(li, ri) in &self.slot_rules[slot] {
            let min = self.rules[li][ri].min_level;
            let change = i32::from(new.ladder >= min) - i32::from(old.ladder >= min);
            if change != 0 {
                d.rules.push((li, ri, change));
            }
        }
    }

    /// Adds to `d` the change of the tally when slot `slot`'s sum of scale values at maturity
    /// level index `l` changes by `change` (units of 10⁻⁴), nothing else changing: what
    /// [`Plan::delta`] adds for that change.
    pub fn delta_level(&self, d: &mut Delta, slot: usize, l: usize, change: i64) {
        let Some(m) = &self.maturity else { return };
        d.level_num.resize(m.levels.len(), 0);
        if change != 0 {
            d.level_num[l] += m.levels[l].coef[slot] * i128::from(change);
        }
    }

    /// Applies (`sign` 1) or takes back (`sign` −1) a [`Delta`].
    pub fn shift(&self, t: &mut Tally, d: &Delta, sign: i8) {
        let signed = |x: Decimal| if sign > 0 { x } else { -x };
        t.earned = t.earned + signed(d.earned);
        t.max = t.max + signed(d.max);
        for (num, x) in t.level_num.iter_mut().zip(&d.level_num) {
            *num += i128::from(sign) * x;
        }
        for &(li, ri, change) in &d.rules {
            let n = &mut t.rule_counts[li][ri];
            *n = n.wrapping_add_signed(i32::from(sign) * change);
        }
    }

    /// Replaces one slot's contribution `old` by `new` in the tally.
    pub fn replace(&self, t: &mut Tally, slot: usize, old: &Contribution, new: &Contribution) {
        self.add(t, slot, old, -1);
        self.add(t, slot, new, 1);
    }

    /// Maturity level index `l`: whether its score (0 when no item has requirements there)
    /// reaches the threshold — the [`Cond::Achieved`] condition.
    fn level_reaches(&self, m: &MaturityPlan, t: &Tally, l: usize) -> bool {
        let lp = &m.levels[l];
        if !lp.any {
            return m.threshold <= Rational::ZERO;
        }
        if let Some(r) = lp.reach {
            return t.level_num[l] >= r;
        }
        super::rational::cmp_products(
            t.level_num[l],
            m.threshold.denom(),
            m.threshold.numer(),
            lp.den,
        ) != std::cmp::Ordering::Less
    }

    /// Whether level index `l` counts as achieved: present, and reaching the threshold.
    fn level_achieved(&self, m: &MaturityPlan, t: &Tally, l: usize) -> bool {
        m.levels[l].any && self.level_reaches(m, t, l)
    }

    fn achieved(&self, m: &MaturityPlan, t: &Tally) -> usize {
        (0..m.levels.len())
            .take_while(|&l| self.level_achieved(m, t, l))
            .count()
    }

    /// The score as an unreduced fraction `(num, den)`, `den > 0`: for comparisons only.
    /// `None` for the level-sum rule, whose levels have unrelated denominators.
    pub fn score_fraction(&self, t: &Tally) -> Option<(i128, i128)> {
        self.score_fraction_with(t, |m, l| self.level_reaches(m, t, l))
    }

    /// [`Plan::score_fraction`], with whether each maturity level reaches the threshold given.
    fn score_fraction_with(
        &self,
        t: &Tally,
        reaches: impl Fn(&MaturityPlan, usize) -> bool,
    ) -> Option<(i128, i128)> {
        match &self.maturity {
            None => {
                let (e, mx, total) = (
                    i128::from(t.earned.units()),
                    i128::from(t.max.units()),
                    i128::from(self.total.units()),
                );
                Some(if t.max == self.total {
                    (e, 10_000)
                } else if mx == 0 {
                    (0, 1)
                } else {
                    (e * total, mx * 10_000)
                })
            }
            Some(m) => match m.overall {
                Overall::LevelSum => None,
                Overall::AchievedPlusNext => {
                    let k = (0..m.levels.len())
                        .take_while(|&l| m.levels[l].any && reaches(m, l))
                        .count();
                    match m.levels.get(k) {
                        Some(lp) if lp.any => Some((
                            i128::try_from(k)
                                .ok()?
                                .checked_mul(lp.den)?
                                .checked_add(t.level_num[k])?,
                            lp.den,
                        )),
                        _ => Some((k as i128, 1)),
                    }
                }
            },
        }
    }

    /// The score, as [`Plan::evaluate`] gives it.
    pub fn score_of(&self, t: &Tally) -> Rational {
        match self.score_fraction(t) {
            Some((n, d)) if self.maturity.is_none() => Rational::new(n, d),
            Some((n, d)) => {
                let r = Rational::new(n, d);
                let inexact = self.maturity.as_ref().is_some_and(|m| {
                    m.levels
                        .get(self.achieved(m, t))
                        .is_some_and(|lp| lp.inexact && lp.any)
                });
                if inexact { r.mark_inexact() } else { r }
            }
            None => self.evaluate_tally_slow(t).score,
        }
    }

    /// The full evaluation rebuilt from a tally (the level-sum rule's path).
    fn evaluate_tally_slow(&self, t: &Tally) -> Eval {
        let m = self.maturity.as_ref();
        let ls: Vec<Rational> = m.map_or_else(Vec::new, |m| {
            m.levels
                .iter()
                .enumerate()
                .map(|(l, lp)| {
                    if !lp.any {
                        return Rational::ZERO;
                    }
                    let r = Rational::new(t.level_num[l], lp.den);
                    if lp.inexact { r.mark_inexact() } else { r }
                })
                .collect()
        });
        let achieved = m.map_or(0, |m| self.achieved(m, t));
        let score = match m.map(|m| m.overall) {
            Some(Overall::LevelSum) => ls.iter().fold(Rational::ZERO, |a, b| a + *b),
            Some(Overall::AchievedPlusNext) => {
                Rational::from_int(achieved as i64)
                    + ls.get(achieved).copied().unwrap_or(Rational::ZERO)
            }
            None => self.score_of(t),
        };
        Eval {
            score,
            earned: t.earned,
            max: m.map_or(t.max, |m| m.max_score),
            level_scores: ls,
            achieved: achieved as u8,
            rank: 0,
        }
    }

    /// Level index `li`'s score condition: `None` when it holds, else the shortfall in ppm.
    /// `score` is [`Plan::score_fraction`] of `t`.
    fn score_shortfall(&self, t: &Tally, li: usize, score: Option<(i128, i128)>) -> Option<i128> {
        let required = self.levels[li].min_score;
        let r = i128::from(required.units());
        let Some((n, d)) = score else {
            let e = self.evaluate_tally_slow(t);
            let c = Cond::Score {
                actual: e.score,
                required: Rational::from_decimal(required),
            };
            return (!c.holds()).then(|| c.deficit_ppm());
        };
        // actual n/d against r/10⁴: shortfall (r·d − n·10⁴) / (r·d)
        let lhs = n.checked_mul(10_000);
        let rhs = r.checked_mul(d);
        match (lhs, rhs) {
            (Some(a), Some(b)) if a >= b => None,
            (Some(a), Some(b)) => Some(if b == 0 {
                0
            } else {
                ppm_floor(b - a, b).max(1)
            }),
            _ => {
                let c = Cond::Score {
                    actual: Rational::new(n, d),
                    required: Rational::from_decimal(required),
                };
                (!c.holds()).then(|| c.deficit_ppm())
            }
        }
    }

    /// Level index `li`'s score condition holds (the comparison alone, no shortfall).
    fn score_holds(&self, t: &Tally, li: usize, score: Option<(i128, i128)>) -> bool {
        let r = i128::from(self.levels[li].min_score.units());
        match score {
            Some((n, d)) => match (n.checked_mul(10_000), r.checked_mul(d)) {
                (Some(a), Some(b)) => a >= b,
                _ => Rational::new(n, d) >= Rational::from_decimal(self.levels[li].min_score),
            },
            None => self.score_shortfall(t, li, None).is_none(),
        }
    }

    /// The level rank, as [`Plan::evaluate`] gives it.
    pub fn rank_of(&self, t: &Tally) -> u8 {
        let holds = self.level_test(t, self.score_fraction(t), |m, l| {
            self.level_reaches(m, t, l)
        });
        (0..self.levels.len())
            .rev()
            .find(|&li| holds(li))
            .map_or(0, |li| li as u8 + 1)
    }

    /// Whether a level index's conditions hold, with what all levels share computed once.
    /// `score` is [`Plan::score_fraction`] of `t`; `reaches` says whether each maturity level
    /// reaches the threshold (computed, or read from a [`StepMemo`]).
    fn level_test<'a>(
        &'a self,
        t: &'a Tally,
        score: Option<(i128, i128)>,
        reaches: impl Fn(&MaturityPlan, usize) -> bool,
    ) -> impl Fn(usize) -> bool + 'a {
        // maturity: how many levels from the first reach the threshold (a level's conditions
        // include every level below it)
        let reaching = self.maturity.as_ref().map_or(usize::MAX, |m| {
            (0..m.levels.len()).take_while(|&l| reaches(m, l)).count()
        });
        move |li| {
            (self.maturity.is_none() || li < reaching)
                && self.rules[li]
                    .iter()
                    .zip(&t.rule_counts[li])
                    .all(|(r, n)| *n >= r.min_count)
                && self.score_holds(t, li, score)
        }
    }

    /// The distance to level rank `target`, as [`Plan::deficit`] gives it.
    pub fn deficit_of(&self, t: &Tally, target: u8) -> i128 {
        self.deficit_with(
            t,
            target,
            |m, l| self.level_reaches(m, t, l),
            |m, l| self.level_shortfall(m, t, l),
        )
    }

    /// What the distance measurements of one greedy step share: each maturity level's reach
    /// and shortfall for the step's tally, and the distance to `target` itself.
    pub fn step_memo(&self, t: &Tally, target: u8) -> StepMemo {
        let deficit = self.deficit_of(t, target);
        let Some(m) = &self.maturity else {
            return StepMemo {
                deficit,
                ..StepMemo::default()
            };
        };
        let reach: Vec<bool> = (0..m.levels.len())
            .map(|l| self.level_reaches(m, t, l))
            .collect();
        let short = (0..m.levels.len())
            .map(|l| {
                if reach[l] {
                    0
                } else {
                    self.level_shortfall(m, t, l)
                }
            })
            .collect();
        let first_short = (0..m.levels.len())
            .take_while(|&l| m.levels[l].any && reach[l])
            .count();
        let score_short = match target {
            0 => 0,
            _ => {
                let score = self.score_fraction_with(t, |_, l| reach[l]);
                self.score_shortfall(t, usize::from(target) - 1, score)
                    .unwrap_or(0)
            }
        };
        StepMemo {
            reach,
            short,
            first_short,
            score_short,
            deficit,
        }
    }

    /// [`Plan::deficit_of`] of `t` to `target`, where `t` is the tally `memo` was made from
    /// (for the same target) with `d` applied: the levels `d` leaves alone are read from the
    /// memo (a maturity action changes one level's total, so one level is recomputed instead
    /// of all).
    pub fn deficit_after(&self, t: &Tally, target: u8, memo: &StepMemo, d: &Delta) -> i128 {
        if let Some(x) = self.deficit_after_levels(t, target, memo, d) {
            return x;
        }
        let touched = |l: usize| d.level_num.get(l).is_some_and(|x| *x != 0);
        self.deficit_with(
            t,
            target,
            |m, l| {
                if touched(l) {
                    self.level_reaches(m, t, l)
                } else {
                    memo.reach[l]
                }
            },
            |m, l| {
                if touched(l) {
                    self.level_shortfall(m, t, l)
                } else {
                    memo.short[l]
                }
            },
        )
    }

    /// [`Plan::deficit_after`] for the common maturity case, where `d` changes level totals but
    /// no scenario rule and no level's reaching of the threshold. The distance is then the
    /// memo's with the changed levels' shortfalls and, when the first level short of the
    /// threshold changed, the score's shortfall replaced. `None` when `d` is not of that kind.
    fn deficit_after_levels(
        &self,
        t: &Tally,
        target: u8,
        memo: &StepMemo,
        d: &Delta,
    ) -> Option<i128> {
        let m = self.levels_only(target, d)?;
        let li = usize::from(target) - 1;
        let k = memo.first_short;
        let mut deficit = memo.deficit;
        for (l, x) in d.level_num.iter().enumerate() {
            if *x == 0 {
                continue;
            }
            if self.level_reaches(m, t, l) != memo.reach[l] {
                return None;
            }
            if l <= li && !memo.reach[l] {
                deficit += self.level_shortfall(m, t, l) - memo.short[l];
            }
            if l == k {
                // The score is k + level k's score. While level k (at or below the target's)
                // is short, no level from the target up can hold, so the distance is the sum
                // of the score's, the rules' and the short levels' shortfalls (see
                // `deficit_with`); above the target, leave it to the general path.
                if k > li || !m.levels[k].any {
                    return None;
                }
                let den = m.levels[k].den;
                let score = i128::try_from(k)
                    .ok()?
                    .checked_mul(den)?
                    .checked_add(t.level_num[k])
                    .map(|n| (n, den));
                deficit += self.score_shortfall(t, li, score).unwrap_or(0) - memo.score_short;
            }
        }
        // Otherwise the score and every other condition are as in the memo (when the target
        // holds, every level up to it reaches and nothing was added).
        Some(deficit)
    }

    /// The maturity plan when `d` changes level totals only (no scenario rule) under the
    /// achieved-plus-next score toward a target above 0: the case the step memo's per-level
    /// figures answer without measuring ([`Plan::deficit_after_levels`], [`Plan::gain_bound`]).
    fn levels_only(&self, target: u8, d: &Delta) -> Option<&MaturityPlan> {
        self.maturity
            .as_ref()
            .filter(|m| target > 0 && m.overall == Overall::AchievedPlusNext && d.rules.is_empty())
    }

    /// An upper bound of the distance `d` can remove from the memo's tally, from the memo alone
    /// (no tally is changed or measured): levels `d` leaves alone keep their shortfall and, when
    /// it leaves the first short level alone, the score keeps its own. The greedy search and the
    /// roadmap skip measuring candidates whose bound cannot beat the best so far.
    pub fn gain_bound(&self, target: u8, memo: &StepMemo, d: &Delta) -> i128 {
        if self.levels_only(target, d).is_none() {
            return memo.deficit;
        }
        let li = usize::from(target) - 1;
        let mut bound = 0;
        for (l, x) in d.level_num.iter().enumerate() {
            if *x == 0 {
                continue;
            }
            if l <= li {
                bound += memo.short[l];
            }
            if l == memo.first_short {
                bound += memo.score_short;
            }
        }
        bound
    }

    /// Maturity level index `l`'s shortfall in ppm when it does not reach the threshold.
    fn level_shortfall(&self, m: &MaturityPlan, t: &Tally, l: usize) -> i128 {
        let lp = &m.levels[l];
        let (tn, td) = (m.threshold.numer(), m.threshold.denom());
        let num = if lp.any { t.level_num[l] } else { 0 };
        // (t − num/den) / t = (tn·den − num·td) / (tn·den)
        match (tn.checked_mul(lp.den), num.checked_mul(td)) {
            (Some(b), Some(a)) if b > 0 => ppm_floor(b - a, b).max(1),
            _ => Cond::Achieved {
                level: l as u8 + 1,
                actual: Rational::new(num, lp.den),
                required: m.threshold,
            }
            .deficit_ppm(),
        }
    }

    /// The distance, with each maturity level's reach and shortfall given.
    fn deficit_with(
        &self,
        t: &Tally,
        target: u8,
        reaches: impl Fn(&MaturityPlan, usize) -> bool,
        shortfall: impl Fn(&MaturityPlan, usize) -> i128,
    ) -> i128 {
        if target == 0 {
            return 0;
        }
        let score = self.score_fraction_with(t, &reaches);
        // reached when the target level or any above it holds (a maturity level's conditions
        // include every level below it reaching the threshold)
        let holds = self.level_test(t, score, &reaches);
        if (usize::from(target) - 1..self.levels.len()).any(holds) {
            return 0;
        }
        let li = usize::from(target) - 1;
        let mut d = self.score_shortfall(t, li, score).unwrap_or(0);
        for (r, &n) in self.rules[li].iter().zip(&t.rule_counts[li]) {
            if n < r.min_count {
                d += i128::from(r.min_count - n) * 1_000_000 / i128::from(r.min_count);
            }
        }
        if let Some(m) = &self.maturity {
            for l in 0..m.levels.len().min(li + 1) {
                if !reaches(m, l) {
                    d += shortfall(m, l);
                }
            }
        }
        d
    }
}

impl StepMemo {
    /// The distance to the memo's target from the tally it was made from.
    pub fn deficit(&self) -> i128 {
        self.deficit
    }
}

/// See [`Plan::step_memo`].
#[derive(Debug, Clone, Default)]
pub(crate) struct StepMemo {
    reach: Vec<bool>,
    short: Vec<i128>,
    /// How many levels from the first are present and reach the threshold (the `k` of the
    /// achieved-plus-next score).
    first_short: usize,
    /// The score condition's shortfall at the target level.
    score_short: i128,
    /// The distance to the memo's target.
    deficit: i128,
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
            reach: None,
        });
    }
    let threshold = Rational::from_decimal(threshold);
    for lp in &mut levels {
        // num / den ≥ tn / td ⟺ num ≥ ⌈tn · den / td⌉ (den, td > 0)
        lp.reach = threshold.numer().checked_mul(lp.den).map(|x| {
            x.div_euclid(threshold.denom()) + i128::from(x.rem_euclid(threshold.denom()) != 0)
        });
    }
    MaturityPlan {
        threshold,
        max_score,
        overall,
        levels,
        counts,
        weights,
    }
}

#[cfg(test)]
mod tests {
    //! The tally must give exactly what a full evaluation gives: level, distance to every
    //! target and score, for the worked examples with random sets of improvements applied.
    use std::path::Path;

    use crate::answer::AnswersFile;
    use crate::gap::Search;

    /// xorshift64*: a fixed, dependency-free sequence so a failure can be replayed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    #[test]
    fn ppm_floor_is_exact_at_every_width() {
        // The reference is a different algorithm: the largest q ≤ 10⁶ with q·b ≤ a·10⁶, found
        // by bisection with the exact 256-bit comparison, so it also covers the long-division
        // path taken when a·10⁶ does not fit in 128 bits.
        let reference = |a: i128, b: i128| {
            let fits = |q: i128| {
                crate::score::rational::cmp_products(q, b, a, 1_000_000)
                    != std::cmp::Ordering::Greater
            };
            let (mut lo, mut hi) = (0_i128, 1_000_000_i128);
            while lo < hi {
                let mid = (lo + hi + 1) / 2;
                if fits(mid) { lo = mid } else { hi = mid - 1 }
            }
            lo
        };
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let (mut wide, mut high) = (0, 0);
        for i in 0..20_000_u32 {
            // denominators from a few bits to 120 bits, numerators up to the denominator
            let b = (i128::from(rng.next()) << 56 | i128::from(rng.next() >> 8)) >> (i % 118);
            let b = b.max(1);
            let a = (i128::from(rng.next()) << 56 | i128::from(rng.next() >> 8)) % (b + 1);
            wide += usize::from(a.checked_mul(1_000_000).is_none());
            assert_eq!(
                super::ppm_floor(a, b),
                reference(a, b),
                "ppm_floor({a}, {b})"
            );
            // exact multiples of 10⁻⁶
            let c = b / 1_000_000 * 1_000_000;
            if c > 0 {
                let k = i128::from(rng.next() % 1_000_000);
                assert_eq!(
                    super::ppm_floor(c / 1_000_000 * k, c),
                    k,
                    "ppm_floor at {k}/10⁶"
                );
            }
            // just below a multiple of 10⁻⁶ with a denominator wider than 64 bits: where the
            // estimate from the top bits is one too high
            if b >> 70 > 0 && b >> 100 == 0 && b % 1_000_000 != 0 {
                let k = i128::from(rng.next() % 1_000_000) + 1;
                let a = (k * b - 1) / 1_000_000;
                let s = 128 - b.leading_zeros() - 43;
                high += usize::from(((a * 1_000_000) >> s) / (b >> s) == k);
                assert_eq!(super::ppm_floor(a, b), k - 1, "ppm_floor({a}, {b})");
            }
        }
        assert!(wide > 1000, "only {wide} cases took the long-division path");
        assert!(high > 100, "only {high} cases corrected a high estimate");
    }

    #[test]
    fn tally_agrees_with_full_evaluation() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut compared, mut singles, mut bounded) = (0, 0, 0);
        for (dir, id) in [
            ("miit", "miit-2024"),
            ("cmmm", "cmmm-2020"),
            ("lianghua", "lianghua-23020"),
        ] {
            let fw = crate::framework::load_builtin(id).unwrap();
            let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for f in files {
                let answers = AnswersFile::from_json(&std::fs::read_to_string(&f).unwrap());
                let Ok(checked) = answers
                    .map_err(|_| ())
                    .and_then(|a| crate::score::check(&fw, &a).map_err(|_| ()))
                else {
                    continue; // the bad-answer examples
                };
                let search = Search::new(&checked);
                let plan = search.plan;
                // Random sets, then one candidate at a time as the greedy and the roadmap
                // measure them.
                let random: Vec<Vec<usize>> = (0..60)
                    .map(|_| {
                        (0..search.cands.len())
                            .filter(|_| rng.next().is_multiple_of(4))
                            .collect()
                    })
                    .collect();
                let single = (0..search.cands.len()).map(|c| vec![c]);
                for chosen in random.into_iter().chain(single) {
                    let cs = search.contributions_of(&search.states_with(&chosen));
                    let full = plan.evaluate(&cs);
                    // the tally reached by swapping from the base, as the search does
                    let mut t = search.base_tally.clone();
                    for (slot, c) in cs.iter().enumerate() {
                        plan.replace(&mut t, slot, &search.base_cs[slot], c);
                    }
                    assert_eq!(t, plan.tally(&cs), "{}: swapped tally", f.display());
                    // the same change as one delta from the base, measured with the base's memo
                    let mut d = super::Delta::default();
                    for (slot, c) in cs.iter().enumerate() {
                        if *c != search.base_cs[slot] {
                            plan.delta(&mut d, slot, &search.base_cs[slot], c);
                        }
                    }
                    let mut shifted = search.base_tally.clone();
                    plan.shift(&mut shifted, &d, 1);
                    assert_eq!(shifted, t, "{}: shifted tally", f.display());
                    for target in 0..=fw.levels.len() as u8 {
                        let memo = plan.step_memo(&search.base_tally, target);
                        assert_eq!(
                            plan.deficit_after(&shifted, target, &memo, &d),
                            plan.deficit(&cs, target),
                            "{}: deficit after {chosen:?}, to {target}",
                            f.display()
                        );
                        // what the search skips by: the bound is never below the gain
                        let gain = memo.deficit() - plan.deficit(&cs, target);
                        assert!(
                            gain <= plan.gain_bound(target, &memo, &d),
                            "{}: gain {gain} above its bound, {chosen:?} to {target}",
                            f.display()
                        );
                        bounded += usize::from(gain > 0);
                    }
                    assert_eq!(plan.rank_of(&t), full.rank, "{}: rank", f.display());
                    assert_eq!(plan.score_of(&t), full.score, "{}: score", f.display());
                    assert_eq!(
                        plan.score_of(&t).is_decimal(),
                        full.score.is_decimal(),
                        "{}: exactness",
                        f.display()
                    );
                    for target in 0..=fw.levels.len() as u8 {
                        assert_eq!(
                            plan.deficit_of(&t, target),
                            plan.deficit(&cs, target),
                            "{}: deficit to {target}",
                            f.display()
                        );
                    }
                    compared += 1;
                    singles += usize::from(chosen.len() == 1);
                }
            }
        }
        assert!(compared > 1000, "only {compared} comparisons");
        assert!(bounded > 1000, "only {bounded} gains bounded");
        assert!(
            singles > 1000,
            "only {singles} single-candidate comparisons"
        );
    }
}
