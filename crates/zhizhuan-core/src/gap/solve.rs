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
//! three stages — effort units, then cost midpoint (`min + max`), then action-months — each
//! stage keeping the optimum of the one before, so ties are broken exactly as ARCHITECTURE.md
//! says. Points rows have integer coefficients (units of 10⁻⁴), so their optimum is exact; a
//! maturity row compares weighted means in floating point, so every answer is re-checked by
//! the exact evaluator, and re-solved with a small margin in the rare case it falls short.

use good_lp::solvers::highs::highs;
use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, WithInitialSolution, variable,
};

use super::model::{Model, Step};
use crate::framework::{ItemKind, Overall};
use crate::score::{Rational, State};

/// `Σ coef · var ≥ rhs` over the program's variables (candidates first, then the rest).
struct Row {
    terms: Vec<(usize, f64)>,
    rhs: f64,
}

/// The program for one target: variables, their upper bounds, rows, objectives.
struct Program {
    upper: Vec<f64>,
    binaries: usize,
    rows: Vec<Row>,
    /// Per stage, a coefficient per candidate.
    objectives: [Vec<f64>; 3],
}

impl Program {
    fn var(&mut self, upper: f64) -> usize {
        self.upper.push(upper);
        self.upper.len() - 1
    }

    /// A 0–1 variable that may be 1 only when one of `cands` is chosen.
    fn any_of(&mut self, cands: impl Iterator<Item = usize>) -> usize {
        let z = self.var(1.0);
        let mut terms: Vec<(usize, f64)> = cands.map(|c| (c, 1.0)).collect();
        terms.push((z, -1.0));
        self.rows.push(Row { terms, rhs: 0.0 });
        z
    }
}

/// The gains the program measures the target's conditions with.
#[derive(Default)]
struct Gains {
    /// Points, in units of 10⁻⁴.
    points: Vec<(usize, f64)>,
    /// Per rule of the target level: `(variable, 1)` per item that may come to count.
    rules: Vec<Vec<(usize, f64)>>,
    /// Per maturity level: the weighted level score each variable adds.
    levels: Vec<Vec<(usize, f64)>>,
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
        if let Some(set) = solve(&program(m, target, effects, margin))
            && admissible(&set)
            && m.step(&set).eval.rank >= target
        {
            return set;
        }
    }
    m.all(effects) // never seen: the program's answer failed the exact check three times
}

fn program(m: &Model<'_, '_>, target: u8, effects: bool, margin: f64) -> Program {
    let n = m.cands.len();
    let upper = (0..n)
        .map(|c| {
            if effects || m.cands[c].action.is_some() {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let mut p = Program {
        upper,
        binaries: n,
        rows: Vec::new(),
        objectives: [vec![], vec![], vec![]],
    };
    for (c, cand) in m.cands.iter().enumerate() {
        for alts in &cand.needs {
            let mut terms: Vec<(usize, f64)> = alts.iter().map(|&a| (a, 1.0)).collect();
            terms.push((c, -1.0));
            p.rows.push(Row { terms, rhs: 0.0 });
        }
    }
    p.objectives[0] = m.cands.iter().map(|c| f64::from(c.units())).collect();
    p.objectives[1] = m
        .cands
        .iter()
        .map(|c| (c.cost.min + c.cost.max).units() as f64)
        .collect();
    p.objectives[2] = m.cands.iter().map(|c| f64::from(c.months())).collect();
    let li = usize::from(target) - 1;
    let mut g = Gains {
        rules: vec![Vec::new(); m.plan.rules[li].len()],
        levels: vec![Vec::new(); m.sheet.fw.levels.len()],
        ..Gains::default()
    };
    for slot in 0..m.sheet.slots.len() {
        item_gains(m, &mut p, &mut g, slot, li);
    }
    conditions(m, &mut p, g, li, margin);
    p
}

/// Adds item `slot`'s gain variables and their rows.
fn item_gains(m: &Model<'_, '_>, p: &mut Program, g: &mut Gains, slot: usize, li: usize) {
    let cands: Vec<usize> = (0..m.cands.len())
        .filter(|&c| m.cands[c].slot == slot)
        .collect();
    if cands.is_empty() {
        return;
    }
    let s = &m.sheet.slots[slot];
    let contribution = |st: &State| m.plan.contribution(s, st);
    let base = contribution(&s.state);
    let after = |c: usize| m.apply(slot, &s.state, m.cands[c].reaches);
    match &s.loc.item.kind {
        ItemKind::Multiple { options, cap } => {
            let now = if let State::Options(mask) = s.state {
                mask
            } else {
                0
            };
            let gain = p.var((*cap - base.points).units().max(0) as f64);
            let mut terms = vec![(gain, -1.0)];
            for (o, opt) in options
                .iter()
                .enumerate()
                .filter(|(o, _)| now & (1 << o) == 0)
            {
                let adds = cands
                    .iter()
                    .copied()
                    .filter(|&c| matches!(after(c), State::Options(x) if x & (1 << o) != 0));
                let w = p.any_of(adds);
                terms.push((w, opt.points.units() as f64));
            }
            p.rows.push(Row { terms, rhs: 0.0 });
            g.points.push((gain, 1.0));
        }
        ItemKind::Requirements { .. } => {
            let Some(mp) = &m.plan.maturity else { return };
            for l in 0..m.sheet.fw.levels.len() {
                let meets: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&c| contribution(&after(c)).sums[l] > base.sums[l])
                    .collect();
                let Some(&best) = meets
                    .iter()
                    .max_by_key(|&&c| contribution(&after(c)).sums[l])
                else {
                    continue;
                };
                let u = p.any_of(meets.iter().copied());
                let k = mp.coef[slot][l];
                let added = (contribution(&after(best)).sums[l] - base.sums[l]) as f64;
                g.levels[l].push((u, k.numer() as f64 / k.denom() as f64 * added));
            }
        }
        _ => best_answer_gains(m, p, g, slot, li, &cands),
    }
}

/// Single choice, band, ladder: the best answer reached counts.
fn best_answer_gains(
    m: &Model<'_, '_>,
    p: &mut Program,
    g: &mut Gains,
    slot: usize,
    li: usize,
    cands: &[usize],
) {
    let s = &m.sheet.slots[slot];
    let value = |st: &State| {
        let c = m.plan.contribution(s, st);
        c.points.units() + i64::from(c.ladder)
    };
    let base = value(&s.state);
    let reached: Vec<(usize, i64)> = cands
        .iter()
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
                    g.rules[ri].push((z, 1.0));
                }
            }
        } else {
            g.points.push((z, (v - prev) as f64));
        }
        prev = v;
    }
}

/// The target level's conditions as rows over the gains.
fn conditions(m: &Model<'_, '_>, p: &mut Program, g: Gains, li: usize, margin: f64) {
    let Step { cs, eval: e, .. } = m.step(&[]);
    let level = &m.sheet.fw.levels[li];
    for (ri, rule) in m.plan.rules[li].iter().enumerate() {
        let now = rule
            .slots
            .iter()
            .filter(|&&s| cs[s].ladder >= rule.min_level)
            .count();
        let rhs = f64::from(rule.min_count) - now as f64;
        p.rows.push(Row {
            terms: g.rules[ri].clone(),
            rhs,
        });
    }
    let Some(mp) = &m.plan.maturity else {
        // earned · total ≥ min_score · max, in units of 10⁻⁴ (whole units, so the ceiling)
        let need = Rational::from_decimal(level.min_score) * Rational::from_decimal(e.max)
            / Rational::from_decimal(m.plan.total.max(crate::decimal::Decimal::ONE))
            - Rational::from_decimal(e.earned);
        let units = need * Rational::from_int(10_000);
        let ceil = units.numer().div_euclid(units.denom())
            + i128::from(units.numer().rem_euclid(units.denom()) != 0);
        p.rows.push(Row {
            terms: g.points,
            rhs: ceil as f64,
        });
        return;
    };
    let float = |r: Rational| r.numer() as f64 / r.denom() as f64;
    for l in 0..=li {
        let rhs = float(mp.threshold - e.level_scores[l]) + margin;
        p.rows.push(Row {
            terms: g.levels[l].clone(),
            rhs,
        });
    }
    // S ≥ min_score: level-sum adds every level; achieved-plus-next is k + the next level's
    // score, which the achieved rows already lift to ≥ rank unless min_score exceeds it
    let rank = (li + 1) as f64;
    let min = float(Rational::from_decimal(level.min_score));
    match mp.overall {
        Overall::LevelSum => {
            let terms = g.levels.iter().flatten().copied().collect();
            p.rows.push(Row {
                terms,
                rhs: min - float(e.score) + margin,
            });
        }
        Overall::AchievedPlusNext if min > rank && li + 1 < g.levels.len() => {
            let next = float(e.level_scores[li + 1]);
            p.rows.push(Row {
                terms: g.levels[li + 1].clone(),
                rhs: min - rank - next + margin,
            });
        }
        Overall::AchievedPlusNext => {}
    }
}

/// Solves the program's three stages; the chosen candidates, or `None` if the solver fails.
fn solve(p: &Program) -> Option<Vec<usize>> {
    let mut bounds: Vec<Row> = Vec::new();
    let mut x = Vec::new();
    let mut values: Vec<f64> = Vec::new();
    for objective in &p.objectives {
        let mut vars = ProblemVariables::new();
        let v: Vec<Variable> = p
            .upper
            .iter()
            .enumerate()
            .map(|(i, &u)| {
                vars.add(if i < p.binaries {
                    variable().integer().min(0).max(u)
                } else {
                    variable().min(0).max(u)
                })
            })
            .collect();
        let lin = |terms: &[(usize, f64)]| {
            terms
                .iter()
                .fold(Expression::from(0), |e, &(i, k)| e + k * v[i])
        };
        let goal: Vec<(usize, f64)> = objective.iter().copied().enumerate().collect();
        let mut model = vars.minimise(lin(&goal)).using(highs).set_threads(1);
        // every stage's objective takes whole values: a gap under 1 proves the optimum
        model = model.set_mip_rel_gap(0.0).ok()?.set_mip_abs_gap(0.5).ok()?;
        for r in p.rows.iter().chain(&bounds) {
            model = model.with(lin(&r.terms).geq(r.rhs));
        }
        if !values.is_empty() {
            // the stage before found a point that is feasible here too: start from it
            model = model.with_initial_solution(v.iter().copied().zip(values.iter().copied()));
        }
        let solution = model.solve().ok()?;
        x = (0..p.binaries)
            .filter(|&i| solution.value(v[i]) > 0.5)
            .collect::<Vec<usize>>();
        values = v.iter().map(|&var| solution.value(var)).collect();
        // keep this stage's optimum (its values are whole numbers) while the next one minimises
        let best: f64 = x.iter().map(|&i| objective[i]).sum();
        bounds.push(Row {
            terms: goal.iter().map(|&(i, k)| (i, -k)).collect(),
            rhs: -(best + 0.5),
        });
    }
    Some(x)
}
