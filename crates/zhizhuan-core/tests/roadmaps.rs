//! Every worked example's roadmap to every level: what a plan must be, checked with the full
//! scorer (never with the engine's own arithmetic), and a digest of each plan pinned in
//! `roadmaps.expected` (regenerate with `UPDATE_EXPECT=1` only for an intended change; the
//! hand-reviewed plans are in `roadmaps.reviewed`).

use std::fmt::Write;
use std::path::Path;

use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::framework::{self, Effort, Framework, Reaches};
use zhizhuan_core::roadmap::{self, Options, Roadmap, RoadmapAction};
use zhizhuan_core::score;

/// Every worked example that checks, with its framework.
fn examples() -> Vec<(String, Framework, AnswersFile)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
    let mut out = Vec::new();
    for (dir, id) in [
        ("miit", "miit-2024"),
        ("cmmm", "cmmm-2020"),
        ("lianghua", "lianghua-23020"),
    ] {
        let fw = framework::load_builtin(id).unwrap();
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let name = format!("{dir}/{}", f.file_stem().unwrap().to_string_lossy());
            let Ok(answers) = AnswersFile::from_json(&std::fs::read_to_string(&f).unwrap()) else {
                continue;
            };
            if score::validate(&fw, &answers).is_ok() {
                out.push((name, fw.clone(), answers));
            }
        }
    }
    out
}

fn actions(r: &Roadmap) -> Vec<&RoadmapAction> {
    r.phases.iter().flat_map(|p| &p.actions).collect()
}

/// The answers with each listed action's `reaches` (and, when the plan counts on them, each
/// driven effect's) written in: what anyone can re-score with `zhizhuan score`.
fn rescored(fw: &Framework, answers: &AnswersFile, r: &Roadmap, skip: &[String]) -> u8 {
    let mut a = answers.clone();
    for x in actions(r)
        .into_iter()
        .filter(|x| !skip.contains(&x.action.action))
    {
        a.answers
            .insert(x.action.item.clone(), x.action.reaches.clone());
    }
    if r.outcomes.target_depends_on_them {
        for e in r.outcomes.effects.iter().filter(|e| e.driven) {
            a.answers.insert(e.item.clone(), e.reaches.clone());
        }
    }
    score::score(fw, &a).unwrap().level.rank
}

/// Re-scores with the declared effects of all but `skip` applied from scratch (a dropped
/// action's item then keeps the best answer of the actions left on it).
fn rescored_without(fw: &Framework, answers: &AnswersFile, r: &Roadmap, skip: &[String]) -> u8 {
    let ids: Vec<String> = actions(r)
        .iter()
        .map(|x| x.action.action.clone())
        .filter(|x| !skip.contains(x))
        .collect();
    let mut a = zhizhuan_core::gap::apply_actions(fw, answers, &ids).unwrap();
    if r.outcomes.target_depends_on_them {
        for e in r
            .outcomes
            .effects
            .iter()
            .filter(|e| e.driven && e.drivers.iter().all(|d| !skip.contains(d)))
        {
            a.answers.insert(e.item.clone(), e.reaches.clone());
        }
    }
    score::score(fw, &a).unwrap().level.rank
}

/// What a plan must be, for every example and target and two project limits.
#[test]
fn every_plan_reaches_its_target_on_a_schedule_that_keeps_the_limits() {
    let mut plans = 0;
    for (name, fw, answers) in examples() {
        for target in 1..=fw.levels.len() as u8 {
            for k in [3, 1] {
                let options = Options {
                    max_parallel: k,
                    ..Options::default()
                };
                let r = roadmap::roadmap_with(&fw, &answers, target, &options).unwrap();
                let at = format!("{name} → {target} (K={k})");
                check_plan(&fw, &answers, &r, target, k, &at);
                plans += 1;
            }
        }
    }
    assert!(plans > 200, "only {plans} plans");
}

fn check_plan(fw: &Framework, answers: &AnswersFile, r: &Roadmap, target: u8, k: i64, at: &str) {
    let acts = actions(r);
    if r.already_met || !r.reachable {
        assert!(
            acts.is_empty(),
            "{at}: an empty plan says why, not a partial one"
        );
        assert!(
            r.already_met || !r.missing.is_empty(),
            "{at}: unreachable without saying what is missing"
        );
        return;
    }
    // an outcome is expected only from the plan: every effect counted has a driver in it
    for e in r.outcomes.effects.iter().filter(|e| e.driven) {
        let planned = |d: &String| acts.iter().any(|a| a.action.action == *d);
        assert!(
            e.drivers.iter().any(planned),
            "{at}: the effect on {} is counted with none of its drivers in the plan",
            e.item
        );
    }
    // reaches the target, re-scored from the answers each action leads to
    assert!(
        rescored(fw, answers, r, &[]) >= target,
        "{at}: the plan does not reach the target"
    );
    check_minimal(fw, answers, r, &acts, target, at);
    check_schedule(fw, r, &acts, at);
    check_months(r, &acts, k, at);
    check_gains(r, &acts, at);
    check_requirements(answers, &acts, at);
}

/// A requirements action names exactly the requirements whose answer it changes: those its
/// `reaches` holds at another value than the item had before it (an unanswered one too).
fn check_requirements(answers: &AnswersFile, acts: &[&RoadmapAction], at: &str) {
    let mut now = answers.answers.clone();
    for a in acts {
        let AnswerValue::Requirements(after) = &a.action.reaches else {
            assert!(
                a.action.requirements.is_empty(),
                "{at}: {}",
                a.action.action
            );
            continue;
        };
        let before = match now.get(&a.action.item) {
            Some(AnswerValue::Requirements(b)) => b.clone(),
            _ => Default::default(),
        };
        let changed: Vec<&String> = (after.iter())
            .filter(|(id, v)| before.get(*id) != Some(*v))
            .map(|(id, _)| id)
            .collect();
        let mut named: Vec<&String> = a.action.requirements.iter().map(|q| &q.id).collect();
        named.sort();
        assert!(
            !named.is_empty(),
            "{at}: {} names no requirement",
            a.action.action
        );
        assert_eq!(named, changed, "{at}: {}", a.action.action);
        now.insert(a.action.item.clone(), a.action.reaches.clone());
    }
}

/// No action can be dropped (with everything that waits on it) and the target still reached.
fn check_minimal(
    fw: &Framework,
    answers: &AnswersFile,
    r: &Roadmap,
    acts: &[&RoadmapAction],
    target: u8,
    at: &str,
) {
    // minimal: no action can be dropped with everything that waits on it
    for x in acts {
        // everything that waits on it: declared prerequisites, and higher rungs of a ladder
        let mut drop = vec![x.action.action.clone()];
        for y in acts {
            let prereqs = &fw.action(&y.action.action).unwrap().prerequisites;
            let higher_rung = y.action.item == x.action.item
                && matches!((&y.action.target, &x.action.target), (Reaches::Level(a), Reaches::Level(b)) if a > b)
                && fw.item(&x.action.item).unwrap().is_ladder();
            if drop.iter().any(|d| prereqs.contains(d)) || higher_rung {
                drop.push(y.action.action.clone());
            }
        }
        assert!(
            rescored_without(fw, answers, r, &drop) < target,
            "{at}: {} can be dropped",
            x.action.action
        );
    }
}

/// Each action starts in its phase's window and after its prerequisites finish.
fn check_schedule(fw: &Framework, r: &Roadmap, acts: &[&RoadmapAction], at: &str) {
    // each action starts in its phase's window and after its prerequisites finish
    for p in &r.phases {
        for x in &p.actions {
            assert!(
                x.start_month >= p.window.min && x.start_month < p.window.max,
                "{at}: {} starts outside {:?}",
                x.action.action,
                p.window
            );
            assert_eq!(x.phase, p.index);
            for pre in &fw.action(&x.action.action).unwrap().prerequisites {
                if let Some(before) = acts.iter().find(|y| &y.action.action == pre) {
                    assert!(
                        before.finish_month <= x.start_month,
                        "{at}: {} starts before {pre} ends",
                        x.action.action
                    );
                }
            }
        }
    }
}

/// At no month do more than K projects run, and the plan lasts until the last one ends.
fn check_months(r: &Roadmap, acts: &[&RoadmapAction], k: i64, at: &str) {
    // at no month do more than K projects run
    let last = acts.iter().map(|x| x.finish_month).max().unwrap_or(0);
    for month in 0..last {
        let running = acts
            .iter()
            .filter(|x| {
                x.action.effort != Effort::Low && x.start_month <= month && month < x.finish_month
            })
            .count();
        assert!(
            running as i64 <= k,
            "{at}: {running} projects in month {month}"
        );
    }
    assert_eq!(r.duration_months, last, "{at}: duration is the last finish");
    assert!(
        r.summary.zh.contains(&format!("约 {last} 个月")),
        "{at}: {}",
        r.summary.zh
    );
}

/// The gap table's gains are the roadmap's, item by item.
fn check_gains(r: &Roadmap, acts: &[&RoadmapAction], at: &str) {
    // the gap table's gains are the roadmap's, item by item
    for c in r
        .changes
        .iter()
        .filter(|c| acts.iter().any(|x| x.action.item == c.item))
    {
        let sum: score::Rational = acts
            .iter()
            .filter(|x| x.action.item == c.item)
            .fold(score::Rational::ZERO, |s, x| {
                s + score::Rational::from_decimal(x.score_gain)
            });
        if c.gain_exact
            && acts
                .iter()
                .filter(|x| x.action.item == c.item)
                .all(|x| x.score_gain_exact)
        {
            assert_eq!(sum.to_decimal(), c.gain, "{at}: {}", c.item);
        }
    }
}

#[test]
fn roadmaps_of_the_worked_examples() {
    let mut out = String::new();
    for (name, fw, answers) in examples() {
        for target in 1..=fw.levels.len() as u8 {
            let r = roadmap::roadmap(&fw, &answers, target).unwrap();
            let _ = writeln!(
                out,
                "{name} → {target}: {} | now {} L{} → {} L{}, cost {}–{} 万元, {} units",
                r.summary.zh,
                r.current.score,
                r.current.level.rank,
                r.projected.score,
                r.projected.level.rank,
                r.cost_wan.min,
                r.cost_wan.max,
                r.effort_units
            );
            for p in r.phases.iter().filter(|p| !p.actions.is_empty()) {
                let acts: Vec<String> = p
                    .actions
                    .iter()
                    .map(|a| {
                        format!(
                            "{} [{}–{}] +{}",
                            a.action.action, a.start_month, a.finish_month, a.score_gain
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "  {}: {} L{}; {}",
                    p.index,
                    p.projected.score,
                    p.projected.level.rank,
                    acts.join(", ")
                );
            }
        }
    }
    expect_test::expect_file!["roadmaps.expected"].assert_eq(&out);
}

/// Limits that no plan can keep are refused, naming the value.
#[test]
fn bad_limits_and_targets_are_named() {
    let (_, fw, answers) = examples()
        .into_iter()
        .find(|(n, ..)| n.ends_with("m06-empty"))
        .unwrap();
    let err = |o: Options| {
        roadmap::roadmap_with(&fw, &answers, 2, &o)
            .unwrap_err()
            .to_string()
    };
    assert!(
        err(Options {
            max_parallel: 0,
            ..Options::default()
        })
        .contains("「0」")
    );
    assert!(
        err(Options {
            max_parallel: -2,
            ..Options::default()
        })
        .contains("「-2」")
    );
    let negative = Options {
        yearly_budget_wan: Some("-1".parse().unwrap()),
        ..Options::default()
    };
    assert!(err(negative).contains("「-1」"));
    // a budget below an action's cost: no year can start it
    let tiny = Options {
        yearly_budget_wan: Some("0.1".parse().unwrap()),
        ..Options::default()
    };
    let message = err(tiny);
    assert!(message.contains("budget"), "{message}");
    let unknown = zhizhuan_core::gap::resolve_target(&fw, "九级")
        .unwrap_err()
        .to_string();
    assert!(
        unknown.contains("九级") && unknown.contains("四级"),
        "{unknown}"
    );
    assert!(roadmap::roadmap(&fw, &answers, 9).is_err());
}

/// A yearly budget spreads the starts over the years and still reaches the target.
#[test]
fn a_yearly_budget_spreads_the_plan() {
    let (_, fw, answers) = examples()
        .into_iter()
        .find(|(n, ..)| n.ends_with("m06-empty"))
        .unwrap();
    let free = roadmap::roadmap(&fw, &answers, 2).unwrap();
    let options = Options {
        yearly_budget_wan: Some("60".parse().unwrap()),
        ..Options::default()
    };
    let r = roadmap::roadmap_with(&fw, &answers, 2, &options).unwrap();
    let mut per_year = std::collections::BTreeMap::new();
    for a in actions(&r) {
        let spent = per_year
            .entry(a.start_month / 12)
            .or_insert(zhizhuan_core::decimal::Decimal::ZERO);
        *spent = *spent + a.action.cost_wan.max;
    }
    assert!(
        per_year.values().all(|v| *v <= "60".parse().unwrap()),
        "{per_year:?}"
    );
    assert!(
        r.duration_months > free.duration_months,
        "the budget must lengthen the plan"
    );
    assert_eq!(r.effort_units, free.effort_units, "the same actions, later");
}

/// One plan as the reviewed file writes it: the summary, then each action with its months,
/// effort and gain.
fn digest(name: &str, r: &Roadmap, target: u8) -> String {
    let mut out = format!("== {name} → {target}: {}\n", r.summary.zh);
    for a in actions(r) {
        let _ = writeln!(
            out,
            "P{} [{}–{}] {} {:?} +{}",
            a.phase, a.start_month, a.finish_month, a.action.action, a.action.effort, a.score_gain
        );
    }
    out
}

/// Three plans read by hand (`roadmaps.reviewed`: a `#` comment under each action says why it
/// is there and why in that month). The test strips the comments and compares the rest, so a
/// change to any of these plans fails until someone reviews it again.
#[test]
fn the_reviewed_plans_are_unchanged() {
    let reviewed = include_str!("roadmaps.reviewed");
    let expected: String = reviewed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let mut actual = String::new();
    for (name, target) in [
        ("miit/m01-exact-40-level2", 3),
        ("cmmm/c01-level2-discrete", 3),
        ("lianghua/l01-single-coverage-kpis", 3),
    ] {
        let (_, fw, answers) = examples().into_iter().find(|(n, ..)| n == name).unwrap();
        actual.push_str(&digest(
            name,
            &roadmap::roadmap(&fw, &answers, target).unwrap(),
            target,
        ));
    }
    assert_eq!(actual, expected);
}

/// An outcome is expected only from the plan (`effects.toml`: 一级 needs 3 points, 二级 all
/// 10; the 3-point outcome's effect is driven by the 7-point ERP action). An effect whose
/// driver was done before the plan, or does not apply, is never counted.
#[test]
fn an_effect_is_expected_only_from_the_plan() {
    let fw = framework::load("effects.toml", include_str!("effects.toml")).unwrap();
    let plan = |erp: &str, target: u8| {
        let json = format!(
            r#"{{"framework": "example", "version": "1", "answers": {{"base.it.erp": {erp},
            "base.scene.sales": {{"level": 1}}, "base.it.productivity": {{"option": "flat"}}}}}}"#
        );
        let answers = AnswersFile::from_json(&json).unwrap();
        roadmap::roadmap(&fw, &answers, target).unwrap()
    };
    // ERP not in use: adopting it gives 7 points, and 二级 (10) counts on the effect it drives
    let r = plan(r#"{"option": "no"}"#, 2);
    let ids: Vec<&str> = actions(&r)
        .iter()
        .map(|a| a.action.action.as_str())
        .collect();
    assert_eq!(ids, ["act.erp"]);
    assert!(r.outcomes.target_depends_on_them && r.outcomes.effects[0].driven);
    assert_eq!(r.projected.level.rank, 2);
    // ERP in use already and the outcome still flat: the effect is not expected from a plan
    let r = plan(r#"{"option": "yes"}"#, 2);
    assert!(
        !r.reachable,
        "二级 counted on an effect the plan does not bring"
    );
    assert!(r.outcomes.effects.is_empty());
    // ERP not applicable: neither is the effect it drives, and 一级's 3 points are out of reach
    let r = plan(r#""na""#, 1);
    assert!(
        !r.reachable,
        "一级 counted on an effect whose driver does not apply"
    );
    assert!(r.outcomes.effects.is_empty());
}

#[test]
fn a_maturity_change_shows_the_levels_that_move() {
    // c01 is at 二级; to 三级 each sub-domain moves its level-3 mean alone, up to 1 (the lower
    // levels and 四级, 五级 read the same before and after, so the gap table leaves them out)
    let (_, fw, answers) = (examples().into_iter())
        .find(|(name, ..)| name == "cmmm/c01-level2-discrete")
        .unwrap();
    let r = roadmap::roadmap(&fw, &answers, 3).unwrap();
    assert_eq!(r.changes.len(), 12);
    for c in &r.changes {
        assert!(
            c.from.zh.starts_with("三级 0.") && !c.from.zh.contains('，'),
            "{}",
            c.from.zh
        );
        assert_eq!((c.to.zh.as_str(), c.to.en.as_str()), ("三级 1", "L3 1"));
    }
}
