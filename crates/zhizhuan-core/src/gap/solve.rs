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
//! The target level's conditions are rows over those gains. The objectives order plans by
//! effort units, then cost midpoint (`min + max`), then action-months, exactly as
//! ARCHITECTURE.md says: one stage or two, see [`stages`].
//! Points rows have integer coefficients (units of 10⁻⁴), so their optimum is exact; a
//! maturity row compares weighted means in floating point, so every answer is re-checked by
//! the exact evaluator, and a set that falls short is excluded before solving again.
//! Presolve is off: with it HiGHS returned plans that were not the cheapest.

use good_lp::solvers::highs::{HighsPresolveType, HighsProblem, highs};
use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, WithInitialSolution, variable,
};

use super::model::{Model, Step};
use crate::decimal::Decimal;
use crate::framework::{ItemKind, Overall};
use crate::score::eval::Measure;
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
    let mut p = program(m, target, effects);
    // A maturity row compares weighted means in floating point, and HiGHS accepts a row
    // short by its tolerance. A set that passes for the target that way fails the exact
    // evaluator; as gains only rise with more candidates, no subset of it reaches the target
    // either, so the next solve must take a candidate outside it. The program stays a
    // relaxation of the exact problem, so the first set that passes is the cheapest.
    for _ in 0..NEAR_MISSES {
        let Some(set) = solve(m, &p) else { break };
        if m.step(&set).eval.rank >= target {
            return set;
        }
        let outside = (0..m.cands.len()).filter(|c| p.upper[*c] > 0.0 && !set.contains(c));
        p.rows.push((outside.map(|c| (c, 1.0)).collect(), 1.0));
    }
    m.all(effects) // never seen: the solver failed, or near misses went on and on
}

/// How many sets that reach the target only within the solver's tolerance are excluded
/// before giving up (none of the worked examples needs one at [`TOLERANCE`]).
const NEAR_MISSES: usize = 20;

/// HiGHS's feasibility tolerances, rows and integrality alike.
const TOLERANCE: f64 = 1e-9;

fn program(m: &Model<'_, '_>, target: u8, effects: bool) -> Program {
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
    conditions(m, &mut p, li);
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
fn conditions(m: &Model<'_, '_>, p: &mut Program, li: usize) {
    let Step { cs, eval: e, .. } = m.step(&[]);
    let float = |r: Rational| r.numer() as f64 / r.denom() as f64;
    for cond in m.plan.conditions(&cs, &e, li) {
        let short = float(cond.required - cond.actual);
        match cond.measure {
            Measure::Rule(rule) => p.rows.push((p.rules[rule].clone(), short)),
            Measure::Achieved(level) => {
                let terms = p.levels[usize::from(level) - 1].clone();
                p.rows.push((terms, short));
            }
            Measure::Score => {}
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
            p.rows.push((terms, min - float(e.score)));
        }
        Overall::AchievedPlusNext if min > rank && li + 1 < p.levels.len() => {
            let next = float(e.level_scores[li + 1]);
            p.rows.push((p.levels[li + 1].clone(), min - rank - next));
        }
        Overall::AchievedPlusNext => {}
    }
}

/// Solves the program stage by stage (see [`stages`]), each stage keeping the optimum of the
/// ones before, and returns the chosen candidates, or `None` if the solver fails.
fn solve(m: &Model<'_, '_>, p: &Program) -> Option<Vec<usize>> {
    let n = m.cands.len();
    let (mut rows, mut x, mut start) = (p.rows.clone(), Vec::new(), Vec::new());
    for (objective, gap) in stages(m) {
        let mut vars = ProblemVariables::new();
        let v: Vec<Variable> = (p.upper.iter().enumerate())
            .map(|(i, &u)| {
                let kind = if i < n {
                    variable().integer()
                } else {
                    variable()
                };
                vars.add(kind.min(0).max(u))
            })
            .collect();
        let lin = |terms: &[(usize, f64)]| {
            (terms.iter()).fold(Expression::from(0), |e, &(i, k)| e + k * v[i])
        };
        let goal: Vec<(usize, f64)> = objective.iter().copied().enumerate().collect();
        let mut model = highs_model(vars.minimise(lin(&goal)), gap)?;
        for (terms, rhs) in &rows {
            model = model.with(lin(terms).geq(*rhs));
        }
        if !start.is_empty() {
            // the stage before found a point that is feasible here too: start from it
            model = model.with_initial_solution(v.iter().copied().zip(start.iter().copied()));
        }
        let solution = model.solve().ok()?;
        x = (0..n).filter(|&i| solution.value(v[i]) > 0.5).collect();
        start = v.iter().map(|&var| solution.value(var)).collect();
        // keep this stage's optimum while the next one minimises
        let best: f64 = x.iter().map(|&i| objective[i]).sum();
        rows.push((goal.iter().map(|&(i, k)| (i, -k)).collect(), -(best + gap)));
    }
    Some(x)
}

/// HiGHS set up for one stage: exact to within `gap`, on one thread, without presolve (it
/// lost cheaper plans: CMMM c03 → 二级 at 562 万元 where 507 exists, and it handed a warm start
/// back as optimal, tests/optimal.rs), and without the primal heuristics, which only look for
/// a first plan and cost more on these small programs than the search itself.
fn highs_model(problem: good_lp::variable::UnsolvedProblem, gap: f64) -> Option<HighsProblem> {
    let mut model = (problem.using(highs))
        .set_threads(1)
        .set_presolve(HighsPresolveType::Off)
        // a CMMM level mean of 0.79999998 (weights rounded to four decimals) passes for 0.8 at
        // the default 10⁻⁶; at 10⁻⁹ HiGHS itself refuses it (cmmm/c04 → 一级 in
        // roadmaps.expected: 12 units with it, 13 without)
        .set_option("mip_feasibility_tolerance", TOLERANCE)
        .set_option("primal_feasibility_tolerance", TOLERANCE)
        .set_mip_rel_gap(0.0)
        .ok()?
        // two plans' objectives differ by at least twice the gap: it proves the optimum
        .set_mip_abs_gap(gap as f32)
        .ok()?;
    for heuristic in [
        "rins",
        "rens",
        "feasibility_jump",
        "root_reduced_cost",
        "zi_round",
        "shifting",
    ] {
        model = model.set_option(format!("mip_heuristic_run_{heuristic}"), false);
    }
    Some(model)
}

/// The objectives, minimised one after the other, that order plans exactly as effort units,
/// then cost midpoint, then action-months, with the gap that proves each optimum. Cost is
/// counted in multiples of the candidates' common divisor (two plans' costs differ by at
/// least 1) and months are divided by one more than all months together (they add less than
/// 1), so cost and months make one stage. Points frameworks fold effort in as well, an
/// effort unit weighing more than all costs together: one stage, a third of the time of two
/// on MIIT. On maturity frameworks that single stage took HiGHS seconds (cmmm/c04 → 一级:
/// 1.5 s against 14 ms in two stages), so effort is a stage of its own there.
fn stages(m: &Model<'_, '_>) -> Vec<(Vec<f64>, f64)> {
    let cost = |c: &super::model::Cand<'_>| (c.cost.min + c.cost.max).units();
    let unit = m.cands.iter().map(cost).fold(0, gcd).max(1);
    let big = m.cands.iter().map(|c| cost(c) / unit).sum::<i64>() as f64 + 1.0;
    let months = m.cands.iter().map(|c| f64::from(c.months())).sum::<f64>() + 1.0;
    let rest =
        |c: &super::model::Cand<'_>| (cost(c) / unit) as f64 + f64::from(c.months()) / months;
    let effort = |c: &super::model::Cand<'_>| f64::from(c.units());
    let gap = 0.5 / months;
    if m.plan.maturity.is_none() {
        let all = m.cands.iter().map(|c| effort(c) * big + rest(c));
        return vec![(all.collect(), gap)];
    }
    vec![
        (m.cands.iter().map(effort).collect(), 0.5),
        (m.cands.iter().map(rest).collect(), gap),
    ]
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}
