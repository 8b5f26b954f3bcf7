//! The exact search: the cheapest admissible set as a small integer program.
//!
//! One binary `x` per candidate. Needs: `x_c ≤ Σ x_alternative` for each of `c`'s needs.
//! An item's gain is modelled from the distinct answers its candidates lead to:
//! - single choice, band and ladder (the best answer counts): `z_j ≤ Σ x over candidates
//!   reaching at least answer j`, gain `Σ z_j · (value_j − value_{j−1})`;
//! - multiple choice: `w_o ≤ Σ x over candidates adding option o`, gain `g ≤ Σ w_o · points_o`
//!   and `g ≤ cap − points now`;
//! - requirements: `u_l ≤ Σ x over candidates meeting level l`, the level score rising by
//!   `u_l` times what meeting level l adds.
//!
//! The target level's conditions are rows over those gains. The objective is minimised in
//! two stages — effort units, then cost midpoint (`min + max`) with action-months as a
//! fraction below its smallest step — the second keeping the first at its optimum, so ties
//! are broken exactly as ARCHITECTURE.md says. Points rows have integer coefficients (units
//! of 10⁻⁴), so their optimum is exact; a maturity row compares weighted means in floating
//! point, so every answer is re-checked by the exact evaluator, and re-solved with a small
//! margin in the rare case it falls short.
//! Presolve is off: with it HiGHS returned plans that were not the cheapest.

use good_lp::solvers::highs::{HighsPresolveType, highs};
use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, WithInitialSolution, variable,
};

use super::model::{Model, Step};
use crate::decimal::Decimal;
use crate::framework::{ItemKind, Overall};
use crate::score::eval::Cond;
use crate::score::{Rational, State};

/// `Σ coef · var ≥ rhs` over the program's variables (candidates first, then the rest).
type Row = (Vec<(usize, f64)>, f64);

/// The program for one target: its variables' upper bounds, its rows, and the gains the
/// target's conditions are measured with.
#[derive(Default)]
struct Program {
    upper: Vec<f64>,
    rows: Vec<Row>,
    /// Points, in units of 10⁻⁴.
    points: Vec<(usize, f64)>,
    /// Per rule of the target level: `(variable, 1)` per item that may come to count.
    rules: Vec<Vec<(usize, f64)>>,
    /// Per maturity level: the weighted level score each variable adds.
    levels: Vec<Vec<(usize, f64)>>,
}

impl Program {
    fn var(&mut self, upper: f64) -> usize {
        self.upper.push(upper);
        self.upper.len() - 1
    }

    /// A 0–1 variable that may be 1 only when one of `cands` is chosen.
    fn any_of(&mut self, cands: impl Iterator<Item = usize>) -> usize {
        let z = self.var(1.0);
        self.rows
            .push((cands.map(|c| (c, 1.0)).chain([(z, -1.0)]).collect(), 0.0));
        z
    }
}

/// The cheapest admissible set of candidates reaching level rank `target` (effects only when
/// `effects`). The caller has checked that the set of all of them reaches it.
pub(crate) fn cheapest(m: &Model<'_, '_>, target: u8, effects: bool) -> Vec<usize> {
    // whether `set` holds, for each member, one of each of its needs
    let admissible = |set: &[usize]| {
        let has_one = |alts: &Vec<usize>| alts.iter().any(|a| set.contains(a));
        (set.iter()).all(|&c| m.cands[c].needs.iter().all(has_one))
    };
    for margin in [0.0, 1e-9, 1e-6] {
        if let Some(set) = solve(m, &program(m, target, effects, margin))
            && admissible(&set)
            && m.step(&set).eval.rank >= target
        {
            return set;
        }
    }
    m.all(effects) // never seen: the program's answer failed the exact check three times
}

fn program(m: &Model<'_, '_>, target: u8, effects: bool, margin: f64) -> Program {
    let li = usize::from(target) - 1;
    let allowed = |c: &super::model::Cand<'_>| f64::from(u8::from(effects || c.action.is_some()));
    let mut p = Program {
        upper: m.cands.iter().map(allowed).collect(),
        rules: vec![Vec::new(); m.plan.rules[li].len()],
        levels: vec![Vec::new(); m.sheet.fw.levels.len()],
        ..Program::default()
    };
    for (c, cand) in m.cands.iter().enumerate() {
        for alts in &cand.needs {
            let terms = alts.iter().map(|&a| (a, 1.0)).chain([(c, -1.0)]);
            p.rows.push((terms.collect(), 0.0));
        }
    }
    for slot in 0..m.sheet.slots.len() {
        let cands: Vec<usize> = (0..m.cands.len())
            .filter(|&c| m.cands[c].slot == slot)
            .collect();
        match &m.sheet.slots[slot].loc.item.kind {
            _ if cands.is_empty() => {}
            ItemKind::Multiple { .. } => multiple_gain(m, &mut p, slot, &cands),
            ItemKind::Requirements { .. } => level_gains(m, &mut p, slot, &cands),
            _ => best_answer_gains(m, &mut p, slot, li, &cands),
        }
    }
    conditions(m, &mut p, li, margin);
    p
}

/// Multiple choice: each option not ticked yet may come from one of its candidates.
fn multiple_gain(m: &Model<'_, '_>, p: &mut Program, slot: usize, cands: &[usize]) {
    let s = &m.sheet.slots[slot];
    let ItemKind::Multiple { options, cap } = &s.loc.item.kind else {
        return;
    };
    let now = if let State::Options(mask) = s.state {
        mask
    } else {
        0
    };
    let base = m.plan.contribution(s, &s.state).points;
    let gain = p.var((*cap - base).units().max(0) as f64);
    let mut terms = vec![(gain, -1.0)];
    for (o, opt) in (options.iter().enumerate()).filter(|(o, _)| now & (1 << o) == 0) {
        let adds = cands.iter().copied().filter(|&c| {
            matches!(m.apply(slot, &s.state, m.cands[c].reaches), State::Options(x) if x & (1 << o) != 0)
        });
        terms.push((p.any_of(adds), opt.points.units() as f64));
    }
    p.rows.push((terms, 0.0));
    p.points.push((gain, 1.0));
}

/// Requirements: per level, meeting its requirements adds a fixed share to the level score.
fn level_gains(m: &Model<'_, '_>, p: &mut Program, slot: usize, cands: &[usize]) {
    let Some(mp) = &m.plan.maturity else { return };
    let s = &m.sheet.slots[slot];
    let sums = |st: &State| m.plan.contribution(s, st).sums;
    let (base, after): (Vec<i64>, Vec<Vec<i64>>) = (
        sums(&s.state),
        (cands.iter())
            .map(|&c| sums(&m.apply(slot, &s.state, m.cands[c].reaches)))
            .collect(),
    );
    for l in 0..m.sheet.fw.levels.len() {
        let meets = (0..cands.len()).filter(|&i| after[i][l] > base[l]);
        let Some(best) = meets.clone().map(|i| after[i][l]).max() else {
            continue;
        };
        let u = p.any_of(meets.map(|i| cands[i]));
        let k = mp.coef[slot][l];
        let added = (best - base[l]) as f64;
        p.levels[l].push((u, k.numer() as f64 / k.denom() as f64 * added));
    }
}

/// Single choice, band, ladder: the best answer reached counts.
fn best_answer_gains(m: &Model<'_, '_>, p: &mut Program, slot: usize, li: usize, cands: &[usize]) {
    let s = &m.sheet.slots[slot];
    let value = |st: &State| {
        let c = m.plan.contribution(s, st);
        c.points.units() + i64::from(c.ladder)
    };
    let base = value(&s.state);
    let reached: Vec<(usize, i64)> = (cands.iter())
        .map(|&c| (c, value(&m.apply(slot, &s.state, m.cands[c].reaches))))
        .collect();
    let mut values: Vec<i64> = reached.iter().map(|r| r.1).filter(|v| *v > base).collect();
    values.sort_unstable();
    values.dedup();
    let mut prev = base;
    for v in values {
        let z = p.any_of(reached.iter().filter(|r| r.1 >= v).map(|r| r.0));
        if s.loc.item.is_ladder() {
            // the first rung value at or above each rule's level makes the item count
            for (ri, rule) in m.plan.rules[li].iter().enumerate() {
                let min = i64::from(rule.min_level);
                if rule.slots.contains(&slot) && prev < min && v >= min {
                    p.rules[ri].push((z, 1.0));
                }
            }
        } else {
            p.points.push((z, (v - prev) as f64));
        }
        prev = v;
    }
}

/// The target level's conditions as rows over the gains: each rule and each level to
/// achieve, then the score.
fn conditions(m: &Model<'_, '_>, p: &mut Program, li: usize, margin: f64) {
    let Step { cs, eval: e, .. } = m.step(&[]);
    let float = |r: Rational| r.numer() as f64 / r.denom() as f64;
    for cond in m.plan.conditions(&cs, &e, li) {
        let (actual, required) = cond.values();
        let short = float(required - actual);
        match cond {
            Cond::Rule { rule, .. } => p.rows.push((p.rules[rule].clone(), short)),
            Cond::Achieved { level, .. } => {
                let terms = p.levels[usize::from(level) - 1].clone();
                p.rows.push((terms, short + margin));
            }
            Cond::Score { .. } => {}
        }
    }
    let min = Rational::from_decimal(m.sheet.fw.levels[li].min_score);
    let Some(mp) = &m.plan.maturity else {
        // earned · total ≥ min_score · max, in units of 10⁻⁴ (whole units, so the ceiling)
        let need = min * Rational::from_decimal(e.max)
            / Rational::from_decimal(m.plan.total.max(Decimal::ONE))
            - Rational::from_decimal(e.earned);
        let row = (
            std::mem::take(&mut p.points),
            need.to_decimal_ceil().units() as f64,
        );
        p.rows.push(row);
        return;
    };
    // S ≥ min_score: level-sum adds every level; achieved-plus-next is k + the next level's
    // score, which the achieved rows already lift to ≥ rank unless min_score exceeds it
    let (rank, min) = ((li + 1) as f64, float(min));
    match mp.overall {
        Overall::LevelSum => {
            let terms = p.levels.iter().flatten().copied().collect();
            p.rows.push((terms, min - float(e.score) + margin));
        }
        Overall::AchievedPlusNext if min > rank && li + 1 < p.levels.len() => {
            let next = float(e.level_scores[li + 1]);
            p.rows
                .push((p.levels[li + 1].clone(), min - rank - next + margin));
        }
        Overall::AchievedPlusNext => {}
    }
}

/// Solves the program's two stages — effort units; cost midpoint, then action-months — and
/// returns the chosen candidates, or `None` if the solver fails.
fn solve(m: &Model<'_, '_>, p: &Program) -> Option<Vec<usize>> {
    let n = m.cands.len();
    // Cost and months in one stage: cost in multiples of the candidates' common divisor
    // (so two costs differ by at least 1) plus months over one more than all months
    // together (so months add less than 1): ordered exactly as cost, then months.
    let cost = |c: &super::model::Cand<'_>| (c.cost.min + c.cost.max).units();
    let unit = m.cands.iter().map(cost).fold(0, gcd).max(1);
    let months = m.cands.iter().map(|c| f64::from(c.months())).sum::<f64>() + 1.0;
    let objectives: [(Vec<f64>, f64); 2] = [
        (m.cands.iter().map(|c| f64::from(c.units())).collect(), 0.5),
        (
            (m.cands.iter())
                .map(|c| (cost(c) / unit) as f64 + f64::from(c.months()) / months)
                .collect(),
            0.5 / months,
        ),
    ];
    let (mut bounds, mut x, mut values): (Vec<Row>, Vec<usize>, Vec<f64>) = Default::default();
    for (objective, gap) in &objectives {
        let mut vars = ProblemVariables::new();
        let kind = |i: usize| {
            if i < n {
                variable().integer()
            } else {
                variable()
            }
        };
        let v: Vec<Variable> = (p.upper.iter().enumerate())
            .map(|(i, &u)| vars.add(kind(i).min(0).max(u)))
            .collect();
        let lin = |terms: &[(usize, f64)]| {
            (terms.iter()).fold(Expression::from(0), |e, &(i, k)| e + k * v[i])
        };
        let goal: Vec<(usize, f64)> = objective.iter().copied().enumerate().collect();
        let mut model = vars.minimise(lin(&goal)).using(highs).set_threads(1);
        // HiGHS's presolve maps a warm start into its reduced problem, finds it optimal there,
        // and hands back the start unchanged (a 10 万元 plan beside a free one of the same
        // effort, tests/optimal.rs); without a start it lost cheaper CMMM plans
        model = model.set_presolve(HighsPresolveType::Off);
        // two values of a stage's objective differ by at least twice its gap: it proves the
        // optimum
        model = model
            .set_mip_rel_gap(0.0)
            .ok()?
            .set_mip_abs_gap(*gap as f32)
            .ok()?;
        for (terms, rhs) in p.rows.iter().chain(&bounds) {
            model = model.with(lin(terms).geq(*rhs));
        }
        if !values.is_empty() {
            // the stage before found a point that is feasible here too: start from it
            model = model.with_initial_solution(v.iter().copied().zip(values.iter().copied()));
        }
        let solution = model.solve().ok()?;
        x = (0..n).filter(|&i| solution.value(v[i]) > 0.5).collect();
        values = v.iter().map(|&var| solution.value(var)).collect();
        // keep this stage's optimum while the next one minimises
        let best: f64 = x.iter().map(|&i| objective[i]).sum();
        bounds.push((goal.iter().map(|&(i, k)| (i, -k)).collect(), -(best + gap)));
    }
    Some(x)
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}
