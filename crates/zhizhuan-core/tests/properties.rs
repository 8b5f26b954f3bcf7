//! Properties of scoring, gaps and roadmaps over random answers to the shipped frameworks.

use std::collections::BTreeMap;

use proptest::prelude::*;
use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::{self, Framework, Item, ItemKind, Measure, Method, NaPolicy};
use zhizhuan_core::{gap, roadmap, score};

fn fw(id: &str) -> Framework {
    framework::load_builtin(id).unwrap_or_else(|| panic!("{id} does not load"))
}

/// Deterministic answers from a list of seeds: every item asked for the variant gets a valid
/// answer of its kind, or none (about one in eight), or N/A where the item allows it.
fn answers_from(fw: &Framework, variant: &str, seeds: &[u64]) -> AnswersFile {
    let mut answers = BTreeMap::new();
    let scale: Vec<String> = match &fw.scoring.method {
        Method::Maturity { scale, .. } => scale.iter().map(|s| s.id.clone()).collect(),
        Method::Points { .. } => Vec::new(),
    };
    for (i, loc) in fw
        .items()
        .filter(|l| l.item.applies_to(variant))
        .enumerate()
    {
        let item = loc.item;
        let s = seeds[i % seeds.len()]
            .wrapping_mul(i as u64 * 2 + 1)
            .rotate_left(i as u32 % 64);
        if s.is_multiple_of(8) {
            continue;
        }
        if item.na != NaPolicy::No && s % 8 == 1 {
            answers.insert(item.id.clone(), AnswerValue::NotApplicable);
            continue;
        }
        answers.insert(item.id.clone(), answer_from(item, variant, &scale, s));
    }
    AnswersFile {
        framework: fw.id.clone(),
        version: fw.version.clone(),
        variant: Some(variant.to_owned()),
        answers,
    }
}

/// A generated answer to `item` from the seed bits `s`.
fn answer_from(item: &Item, variant: &str, scale: &[String], s: u64) -> AnswerValue {
    match &item.kind {
        ItemKind::Single { options, .. } => {
            AnswerValue::Option(options[(s >> 3) as usize % options.len()].id.clone())
        }
        ItemKind::Multiple { options, .. } => {
            let chosen: Vec<String> = options
                .iter()
                .enumerate()
                .filter(|(k, o)| !o.exclusive && (s >> (3 + k)) & 1 == 1)
                .map(|(_, o)| o.id.clone())
                .collect();
            AnswerValue::Options(chosen)
        }
        ItemKind::Band { ratio, .. } => {
            let total = (s >> 3) % 200 + 1;
            let part = (s >> 12) % (total + 1);
            AnswerValue::Numbers(BTreeMap::from([
                (ratio.denominator.clone(), Decimal::from_int(total as i64)),
                (ratio.numerator.clone(), Decimal::from_int(part as i64)),
            ]))
        }
        ItemKind::Ladder { rungs, .. } => {
            AnswerValue::Level(((s >> 3) % (rungs.len() as u64 + 1)) as u8)
        }
        ItemKind::Requirements { requirements } => AnswerValue::Requirements(
            requirements
                .iter()
                .enumerate()
                .filter(|(_, r)| r.variants.iter().any(|x| x == variant))
                .filter(|(k, _)| !(s >> (k % 50)).is_multiple_of(11))
                .map(|(k, r)| {
                    (
                        r.id.clone(),
                        scale[((s >> (k % 60)) as usize + k) % scale.len()].clone(),
                    )
                })
                .collect(),
        ),
        ItemKind::Kpi {
            fields, measure, ..
        } => {
            let mut n: BTreeMap<String, Decimal> = fields
                .iter()
                .map(|f| (f.id.clone(), Decimal::from_int(((s >> 3) % 100) as i64)))
                .collect();
            if let Measure::Ratio(r) = measure {
                n.insert(r.denominator.clone(), Decimal::from_int(100));
            }
            AnswerValue::Numbers(n)
        }
    }
}

fn cases() -> Vec<(Framework, String)> {
    let mut out = Vec::new();
    for id in ["miit-2024", "cmmm-2020", "lianghua-23020"] {
        let f = fw(id);
        for v in f.variants.clone() {
            out.push((f.clone(), v.id));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// Scores stay within [0, max] and a level implies its threshold.
    #[test]
    fn scores_stay_in_range(seeds in prop::collection::vec(any::<u64>(), 1..8), which in 0usize..4) {
        let all = cases();
        let (f, variant) = &all[which % all.len()];
        let a = answers_from(f, variant, &seeds);
        let s = score::score(f, &a).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(s.score >= Decimal::ZERO, "{}", s.score);
        let top = match &f.scoring.method { Method::Points { total } => *total, Method::Maturity { max_score, .. } => *max_score };
        prop_assert!(s.score <= top, "{} > {}", s.score, top);
        prop_assert!(s.earned <= s.max || s.method == score::MethodKind::Maturity);
        if s.level.rank > 0 {
            prop_assert!(s.score >= f.levels[usize::from(s.level.rank) - 1].min_score);
        }
        prop_assert_eq!(s.provisional, !s.unanswered.is_empty());
    }

    /// Doing any one declared improvement action never lowers the score or the level.
    #[test]
    fn improving_an_answer_never_lowers_score_or_level(seeds in prop::collection::vec(any::<u64>(), 1..8), which in 0usize..4, pick in any::<prop::sample::Index>()) {
        let all = cases();
        let (f, variant) = &all[which % all.len()];
        let a = answers_from(f, variant, &seeds);
        let before = score::score(f, &a).unwrap();
        let actions: Vec<String> = f.actions().filter(|(i, _)| i.applies_to(variant)).map(|(_, x)| x.id.clone()).collect();
        let chosen = actions[pick.index(actions.len())].clone();
        let improved = gap::apply_actions(f, &a, std::slice::from_ref(&chosen)).unwrap();
        let after = score::score(f, &improved).unwrap_or_else(|e| panic!("{chosen}: {e}"));
        prop_assert!(after.score >= before.score, "{chosen}: {} → {}", before.score, after.score);
        prop_assert!(after.level.rank >= before.level.rank, "{chosen}: level {} → {}", before.level.rank, after.level.rank);
    }

    /// Applying a roadmap's actions to the answers gives exactly its projected score and level,
    /// and reaches the target when the roadmap says it is reachable.
    #[test]
    fn roadmap_projection_is_reached(seeds in prop::collection::vec(any::<u64>(), 1..8), which in 0usize..4, target in 1u8..6) {
        let all = cases();
        let (f, variant) = &all[which % all.len()];
        let target = target.min(f.levels.len() as u8);
        let a = answers_from(f, variant, &seeds);
        let r = roadmap::roadmap(f, &a, target).unwrap();
        let ids: Vec<String> = r.phases.iter().flat_map(|p| &p.actions).map(|x| x.action.action.clone()).collect();
        let mut improved = gap::apply_actions(f, &a, &ids).unwrap();
        if r.outcomes.target_depends_on_them {
            // the plan counts on the expected effects its actions drive: apply those too
            for e in r.outcomes.effects.iter().filter(|e| e.driven) {
                improved.answers.insert(e.item.clone(), e.reaches.clone());
            }
        }
        let applied = score::score(f, &improved).unwrap();
        prop_assert_eq!(applied.score, r.projected.score);
        prop_assert_eq!(applied.level.rank, r.projected.level.rank);
        if r.reachable {
            prop_assert!(applied.level.rank >= target, "target {target}, reached {}", applied.level.rank);
        }
        // every action comes after the actions it needs
        for (k, x) in ids.iter().enumerate() {
            let action = f.action(x).unwrap();
            for p in &action.prerequisites {
                if let Some(j) = ids.iter().position(|y| y == p) {
                    prop_assert!(j < k, "{p} must come before {x}");
                }
            }
        }
        // phase totals add up exactly
        let min: Decimal = r.phases.iter().flat_map(|p| &p.actions).map(|x| x.action.cost_wan.min).sum();
        prop_assert_eq!(min, r.cost_wan.min);
    }

    /// A target already met yields an empty gap.
    #[test]
    fn a_met_target_has_an_empty_gap(seeds in prop::collection::vec(any::<u64>(), 1..8), which in 0usize..4) {
        let all = cases();
        let (f, variant) = &all[which % all.len()];
        let a = answers_from(f, variant, &seeds);
        let s = score::score(f, &a).unwrap();
        for target in 1..=s.level.rank {
            let r = roadmap::roadmap(f, &a, target).unwrap();
            prop_assert!(r.already_met && r.phases.iter().all(|p| p.actions.is_empty()) && r.changes.is_empty(), "target {target}");
        }
    }
}

#[test]
fn gap_to_level2_from_m02_adds_one_scenario_and_nothing_else() {
    // m02 has 40 points and 5 scenarios at 二级: one more scenario at 二级 (a single rung, since the
    // others needed are at 一级 already) is the cheapest way to 二级.
    let f = fw("miit-2024");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/answers/miit/m02-exact-40-five-scenarios.json"),
    )
    .unwrap();
    let a = AnswersFile::from_json(&text).unwrap();
    let g = roadmap::roadmap(&f, &a, 2).unwrap();
    assert!(!g.already_met && g.reachable);
    let actions: Vec<_> = g.phases.iter().flat_map(|p| &p.actions).collect();
    assert_eq!(
        actions.len(),
        1,
        "{:?}",
        actions.iter().map(|x| &x.action.action).collect::<Vec<_>>()
    );
    assert_eq!(g.projected.level.rank, 2);
    assert_eq!(
        g.projected.score, g.current.score,
        "a ladder rung carries no points"
    );
}
