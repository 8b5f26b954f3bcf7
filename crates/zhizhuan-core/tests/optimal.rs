//! The roadmap's plan is the cheapest there is: on small generated frameworks (at most 12
//! actions; points frameworks with every item kind, and maturity frameworks with weighted
//! requirements items) every subset of actions is tried by brute force, with admissibility
//! and scoring written here from the framework's rules, and the cheapest admissible subset
//! that reaches the target must cost exactly what the engine's plan costs — (effort units,
//! cost low + high, action-months), compared in that order.

use std::fmt::Write;

use proptest::prelude::*;
use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::framework::{Framework, Reaches};
use zhizhuan_core::{framework, gap, roadmap, score};

/// One generated item: its kind (0 single, 1 multiple, 2 band, 3 ladder), points, and the
/// seeds of its actions and answer.
#[derive(Debug, Clone)]
struct ItemSeed {
    kind: u8,
    points: u8,
    actions: Vec<(u8, u8, u8, Option<u8>)>, // effort, cost, months, prerequisite (earlier action)
    answer: u8,
}

fn item_seed() -> impl Strategy<Value = ItemSeed> {
    (
        0u8..4,
        1u8..9,
        prop::collection::vec(
            (
                0u8..3,
                0u8..20,
                1u8..7,
                prop::option::weighted(0.3, 0u8..12),
            ),
            2..4,
        ),
        0u8..6,
    )
        .prop_map(|(kind, points, actions, answer)| ItemSeed {
            kind,
            points,
            actions,
            answer,
        })
}

/// A points framework in the shipped format from the seeds, and answers to it.
fn generate(items: &[ItemSeed], l1: u8, l2: u8) -> (Framework, AnswersFile) {
    let total: u32 = items
        .iter()
        .filter(|s| s.kind != 3)
        .map(|s| u32::from(s.points))
        .sum();
    let ladders = items.iter().any(|s| s.kind == 3);
    let mut t = String::new();
    let _ = write!(
        t,
        "format = 1\nid = \"gen\"\nversion = \"1\"\ntitle = {{ zh = \"生成\", en = \"Generated\" }}\n\
         [source]\nissuer = {{ zh = \"测试\", en = \"Test\" }}\ndocument = \"T-1\"\ndate = \"2024-01-01\"\n\
         [[variants]]\nid = \"all\"\ntitle = {{ zh = \"全部\", en = \"All\" }}\n\
         [scoring]\nmethod = \"points\"\nbelow_level = {{ zh = \"未达一级\", en = \"Below 1\" }}\ntotal = {total}\n"
    );
    let (m1, m2) = (
        u32::from(l1) * total / 20,
        u32::from(l1) * total / 20 + 1 + u32::from(l2) * total / 20,
    );
    let _ = write!(
        t,
        "[[levels]]\nid = \"l1\"\nrank = 1\nname = {{ zh = \"一级\", en = \"L1\" }}\nmin_score = {m1}\n"
    );
    let _ = write!(
        t,
        "[[levels]]\nid = \"l2\"\nrank = 2\nname = {{ zh = \"二级\", en = \"L2\" }}\nmin_score = {m2}\n"
    );
    if ladders {
        t.push_str("[[levels.scenario_rules]]\nmin_level = 2\nmin_count = 1\namong = \"all\"\n");
    }
    let _ = write!(
        t,
        "[[dimensions]]\nid = \"d\"\ntitle = {{ zh = \"维\", en = \"D\" }}\npoints = {total}\n"
    );
    let _ = write!(
        t,
        "[[indicators]]\nid = \"d.i\"\ndimension = \"d\"\ntitle = {{ zh = \"指\", en = \"I\" }}\npoints = {total}\n"
    );
    let mut answers = std::collections::BTreeMap::new();
    let mut n = 0usize;
    for (i, s) in items.iter().enumerate() {
        item(&mut t, &mut answers, &mut n, i, s);
    }
    loaded("gen", &t, answers)
}

fn item(
    t: &mut String,
    answers: &mut std::collections::BTreeMap<String, AnswerValue>,
    n: &mut usize,
    i: usize,
    s: &ItemSeed,
) {
    let p = u32::from(s.points);
    let kind = ["single", "multiple", "band", "ladder"][usize::from(s.kind)];
    let head = format!(
        "[[items]]\nid = \"it{i}\"\nindicator = \"d.i\"\nkind = \"{kind}\"\ntitle = {{ zh = \"题{i}\", en = \"Q{i}\" }}\nquestion = {{ zh = \"问\", en = \"Q\" }}\nhelp = {{ zh = \"助\", en = \"H\" }}\nevidence = {{ zh = \"证\", en = \"E\" }}\n"
    );
    t.push_str(&head);
    // what each action reaches, and the answer
    let targets: Vec<String> = match s.kind {
        0 => {
            let _ = write!(
                t,
                "points = {p}\n[[items.options]]\nid = \"o0\"\nlabel = {{ zh = \"无\", en = \"none\" }}\npoints = 0\n[[items.options]]\nid = \"o1\"\nlabel = {{ zh = \"半\", en = \"half\" }}\npoints = {}\n[[items.options]]\nid = \"o2\"\nlabel = {{ zh = \"全\", en = \"full\" }}\npoints = {p}\n",
                f64::from(p) / 2.0
            );
            answers.insert(
                format!("it{i}"),
                AnswerValue::Option(format!("o{}", s.answer % 3)),
            );
            vec!["option = \"o1\"".into(), "option = \"o2\"".into()]
        }
        1 => {
            let _ = writeln!(t, "points = {p}");
            for o in 0..3 {
                let _ = write!(
                    t,
                    "[[items.options]]\nid = \"o{o}\"\nlabel = {{ zh = \"项{o}\", en = \"o{o}\" }}\npoints = {}\n",
                    f64::from(p) / 2.0
                );
            }
            let chosen: Vec<String> = (0..3)
                .filter(|o| s.answer >> o & 1 == 1)
                .map(|o| format!("o{o}"))
                .collect();
            answers.insert(format!("it{i}"), AnswerValue::Options(chosen));
            (0..3).map(|o| format!("option = \"o{o}\"")).collect()
        }
        2 => {
            let _ = write!(
                t,
                "points = {p}\nratio = {{ numerator = \"n\", denominator = \"d\", percent = true }}\n[[items.fields]]\nid = \"n\"\nlabel = {{ zh = \"数\", en = \"n\" }}\nunit = {{ zh = \"台\", en = \"units\" }}\nstep = 1\n[[items.fields]]\nid = \"d\"\nlabel = {{ zh = \"总\", en = \"d\" }}\nunit = {{ zh = \"台\", en = \"units\" }}\nstep = 1\n"
            );
            let _ = write!(
                t,
                "[[items.bands]]\nid = \"b0\"\nlower = 0\nupper = 30\nlower_closed = true\nupper_closed = true\npoints = 0\n[[items.bands]]\nid = \"b1\"\nlower = 30\nupper = 60\nupper_closed = true\npoints = {}\n[[items.bands]]\nid = \"b2\"\nlower = 60\nupper = 100\nupper_closed = true\npoints = {p}\n",
                f64::from(p) / 2.0
            );
            let numbers = [
                ("d".to_string(), 10.into()),
                ("n".to_string(), i64::from(s.answer % 6 * 2)),
            ];
            answers.insert(
                format!("it{i}"),
                AnswerValue::Numbers(
                    numbers
                        .into_iter()
                        .map(|(k, v): (String, i64)| {
                            (k, zhizhuan_core::decimal::Decimal::from_int(v))
                        })
                        .collect(),
                ),
            );
            vec!["band = \"b1\"".into(), "band = \"b2\"".into()]
        }
        _ => {
            t.push_str("[[items.rungs]]\nlevel = 1\ndescription = { zh = \"一\", en = \"1\" }\n[[items.rungs]]\nlevel = 2\ndescription = { zh = \"二\", en = \"2\" }\n");
            answers.insert(format!("it{i}"), AnswerValue::Level(s.answer % 3));
            vec!["level = 1".into(), "level = 2".into()]
        }
    };
    item_actions(t, n, s, &targets);
}

/// The seed's actions of an item, each reaching one of `targets` in turn.
fn item_actions(t: &mut String, n: &mut usize, s: &ItemSeed, targets: &[String]) {
    for (j, (effort, cost, months, pre)) in s.actions.iter().enumerate() {
        // ladders and requirements need one action per rung; others take what the seed gives
        let reach = &targets[j % targets.len()];
        let effort = ["low", "medium", "high"][usize::from(*effort)];
        let _ = write!(
            t,
            "[[items.actions]]\nid = \"a{n}\"\ntitle = {{ zh = \"行{n}\", en = \"A{n}\" }}\ndetail = {{ zh = \"做\", en = \"do\" }}\neffort = \"{effort}\"\ncost_wan = [{}, {cost}]\nmonths = [1, {months}]\n{reach}\n",
            cost / 2
        );
        if let Some(p) = pre.filter(|p| usize::from(*p) < *n) {
            let _ = writeln!(t, "prerequisites = [\"a{p}\"]");
        }
        *n += 1;
    }
}

/// (effort units, cost low + high in 10⁻⁴ 万元, action-months) of a set of action ids.
fn cost(fw: &Framework, ids: &[String]) -> (u32, i64, u32) {
    ids.iter()
        .map(|id| fw.action(id).unwrap())
        .fold((0, 0, 0), |(u, c, m), a| {
            (
                u + a.effort.units(),
                c + (a.cost_wan.min + a.cost_wan.max).units(),
                m + u32::from(a.months.max),
            )
        })
}

/// The cheapest admissible subset reaching `target`, by trying them all; `None` if none does.
fn brute_force(fw: &Framework, answers: &AnswersFile, target: u8) -> Option<(u32, i64, u32)> {
    let ids: Vec<String> = fw.actions().map(|(_, a)| a.id.clone()).collect();
    let noop = |id: &String| {
        gap::apply_actions(fw, answers, std::slice::from_ref(id)).unwrap() == *answers
    };
    let useful: Vec<String> = ids.iter().filter(|id| !noop(id)).cloned().collect();
    let mut best: Option<(u32, i64, u32)> = None;
    for mask in 0u32..(1 << useful.len()) {
        let set: Vec<String> = (0..useful.len())
            .filter(|b| mask >> b & 1 == 1)
            .map(|b| useful[b].clone())
            .collect();
        if !admissible(fw, answers, &set, &useful) {
            continue;
        }
        let c = cost(fw, &set);
        if best.is_some_and(|b| b <= c) {
            continue;
        }
        let applied = gap::apply_actions(fw, answers, &set).unwrap();
        if score::score(fw, &applied).unwrap().level.rank >= target {
            best = Some(c);
        }
    }
    best
}

/// Closed under prerequisites (a no-op one, or one whose requirements level is already
/// achieved, needs no doing) and the rung order of ladders.
fn admissible(fw: &Framework, answers: &AnswersFile, set: &[String], useful: &[String]) -> bool {
    set.iter().all(|id| {
        let a = fw.action(id).unwrap();
        let pres = a
            .prerequisites
            .iter()
            .all(|p| set.contains(p) || !useful.contains(p) || achieved(fw, answers, p));
        let item = fw.actions().find(|(_, x)| x.id == *id).unwrap().0;
        let rungs = match (&a.reaches, answers.answers.get(&item.id), item.is_ladder()) {
            (Reaches::Level(n), now, true) => {
                let now = if let Some(AnswerValue::Level(l)) = now {
                    *l
                } else {
                    0
                };
                (now + 1..*n).all(|m| {
                    set.iter().any(|o| {
                        item.actions
                            .iter()
                            .any(|x| x.id == *o && x.reaches == Reaches::Level(m))
                    })
                })
            }
            _ => true,
        };
        pres && rungs
    })
}

/// Whether a requirements action's level is already achieved on its item: the mean of that
/// level's answered values, unanswered counting 0, at least 0.8 (the generated scale).
fn achieved(fw: &Framework, answers: &AnswersFile, action: &str) -> bool {
    let (item, a) = fw.actions().find(|(_, x)| x.id == action).unwrap();
    let (Reaches::Level(l), Some(AnswerValue::Requirements(given))) =
        (&a.reaches, answers.answers.get(&item.id))
    else {
        return false;
    };
    let ids: Vec<String> = (0..2).map(|k| format!("l{l}.{k}")).collect();
    let sum: u32 = ids
        .iter()
        .map(|id| {
            given
                .get(id)
                .map_or(0, |v| SCALE.iter().find(|s| s.0 == v).unwrap().1)
        })
        .sum();
    sum >= 80 * ids.len() as u32
}

/// The framework `id` from its TOML text, and the answers to it.
fn loaded(
    id: &str,
    toml: &str,
    answers: std::collections::BTreeMap<String, AnswerValue>,
) -> (Framework, AnswersFile) {
    let fw = framework::load(&format!("{id}.toml"), toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    let a = AnswersFile {
        framework: id.into(),
        version: "1".into(),
        variant: None,
        answers,
    };
    (fw, a)
}

/// The generated maturity scale: id and value in hundredths.
const SCALE: [(&str, u32); 4] = [("full", 100), ("most", 80), ("partly", 50), ("none", 0)];

/// One generated sub-domain: its weight, the scale index of each of its four requirements
/// (two at level 1, two at level 2), and its actions (effort, cost, months, level, and a
/// prerequisite among the actions before it).
#[derive(Debug, Clone)]
struct SubSeed {
    weight: u8,
    answers: [u8; 4],
    actions: Vec<(u8, u8, u8, u8, Option<u8>)>,
}

fn sub_seed() -> impl Strategy<Value = SubSeed> {
    (
        1u8..6,
        [0u8..4, 0u8..4, 0u8..4, 0u8..4],
        prop::collection::vec(
            (
                0u8..3,
                0u8..20,
                1u8..7,
                1u8..3,
                prop::option::weighted(0.3, 0u8..12),
            ),
            2..4,
        ),
    )
        .prop_map(|(weight, answers, mut actions)| {
            // every level needs an action: the first two are levels 1 and 2
            (actions[0].3, actions[1].3) = (1, 2);
            SubSeed {
                weight,
                answers,
                actions,
            }
        })
}

/// A maturity framework (two levels, achieved-plus-next, threshold 0.8) in the shipped
/// format from the seeds, and answers to it. A level-2 action needs a level-1 action of its
/// sub-domain when there is one, as in the shipped CMMM file.
fn generate_maturity(subs: &[SubSeed]) -> (Framework, AnswersFile) {
    let mut t = String::from(
        "format = 1\nid = \"genm\"\nversion = \"1\"\ntitle = { zh = \"生成\", en = \"Generated\" }\n\
         [source]\nissuer = { zh = \"测试\", en = \"Test\" }\ndocument = \"T-2\"\ndate = \"2024-01-01\"\n\
         [[variants]]\nid = \"all\"\ntitle = { zh = \"全部\", en = \"All\" }\n\
         [scoring]\nmethod = \"maturity\"\nbelow_level = { zh = \"未达一级\", en = \"Below 1\" }\n\
         max_score = 2\nachieve_threshold = 0.8\naggregation = \"mean\"\noverall = \"achieved-plus-next\"\n",
    );
    for (id, value) in SCALE {
        let _ = write!(
            t,
            "[[scoring.scale]]\nid = \"{id}\"\nlabel = {{ zh = \"{id}\", en = \"{id}\" }}\nvalue = {}\n",
            f64::from(value) / 100.0
        );
    }
    for (rank, min) in [(1, "0.8"), (2, "1.8")] {
        let _ = write!(
            t,
            "[[levels]]\nid = \"l{rank}\"\nrank = {rank}\nname = {{ zh = \"{rank}级\", en = \"L{rank}\" }}\nmin_score = {min}\n"
        );
    }
    t.push_str("[[dimensions]]\nid = \"d\"\ntitle = { zh = \"维\", en = \"D\" }\nweight = 100\n");
    t.push_str("[[indicators]]\nid = \"d.i\"\ndimension = \"d\"\ntitle = { zh = \"指\", en = \"I\" }\nweight = 100\n");
    let mut answers = std::collections::BTreeMap::new();
    let mut n = 0usize;
    // the items' weights add up to 100: each its share of the seeds', the last the rest
    let total: u32 = subs.iter().map(|s| u32::from(s.weight)).sum();
    let mut weights: Vec<u32> = (subs.iter())
        .map(|s| u32::from(s.weight) * 100 / total)
        .collect();
    let rest = 100 - weights.iter().sum::<u32>();
    *weights.last_mut().unwrap() += rest;
    for (i, s) in subs.iter().enumerate() {
        let _ = write!(
            t,
            "[[items]]\nid = \"s{i}\"\nindicator = \"d.i\"\nkind = \"requirements\"\ntitle = {{ zh = \"域{i}\", en = \"S{i}\" }}\nquestion = {{ zh = \"问\", en = \"Q\" }}\nhelp = {{ zh = \"助\", en = \"H\" }}\nevidence = {{ zh = \"证\", en = \"E\" }}\nweight = {}\n",
            weights[i]
        );
        let mut given = std::collections::BTreeMap::new();
        for (k, &a) in s.answers.iter().enumerate() {
            let (level, id) = (k / 2 + 1, format!("l{}.{}", k / 2 + 1, k % 2));
            let _ = write!(
                t,
                "[[items.requirements]]\nid = \"{id}\"\nlevel = {level}\ntext = {{ zh = \"要求\", en = \"R\" }}\n"
            );
            given.insert(id, SCALE[usize::from(a)].0.to_string());
        }
        answers.insert(format!("s{i}"), AnswerValue::Requirements(given));
        let first = n;
        for (effort, cost, months, level, pre) in &s.actions {
            let effort = ["low", "medium", "high"][usize::from(*effort)];
            let _ = write!(
                t,
                "[[items.actions]]\nid = \"a{n}\"\ntitle = {{ zh = \"行{n}\", en = \"A{n}\" }}\ndetail = {{ zh = \"做\", en = \"do\" }}\neffort = \"{effort}\"\ncost_wan = [{}, {cost}]\nmonths = [1, {months}]\nlevel = {level}\n",
                cost / 2
            );
            let level_one = (first..n).find(|&x| s.actions[x - first].3 == 1);
            let mut pres: Vec<String> = Vec::new();
            if let (2, Some(x)) = (*level, level_one) {
                pres.push(format!("\"a{x}\""));
            }
            if let Some(p) = pre.filter(|p| usize::from(*p) < first) {
                pres.push(format!("\"a{p}\""));
            }
            if !pres.is_empty() {
                let _ = writeln!(t, "prerequisites = [{}]", pres.join(", "));
            }
            n += 1;
        }
    }
    loaded("genm", &t, answers)
}

/// The engine's plan to `target` costs what the cheapest admissible subset costs, and it
/// reaches the target exactly when some subset does.
fn cheapest_or_fail(
    fw: &Framework,
    answers: &AnswersFile,
    target: u8,
) -> Result<(), TestCaseError> {
    let r = roadmap::roadmap(fw, answers, target).unwrap();
    let ids: Vec<String> = (r.phases.iter().flat_map(|p| &p.actions))
        .map(|a| a.action.action.clone())
        .collect();
    match brute_force(fw, answers, target) {
        None => prop_assert!(!r.reachable, "the engine reached what no subset reaches"),
        Some(best) => {
            prop_assert!(r.reachable || r.already_met, "a subset reaches the target");
            prop_assert_eq!(cost(fw, &ids), best, "plan {:?}", ids);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_maturity_plan_is_the_cheapest_admissible_set(subs in prop::collection::vec(sub_seed(), 2..5), target in 1u8..3) {
        // at most 12 actions, so that every subset can be tried
        let mut subs = subs;
        while subs.iter().map(|s| s.actions.len()).sum::<usize>() > 12 {
            subs.pop();
        }
        let (fw, answers) = generate_maturity(&subs);
        cheapest_or_fail(&fw, &answers, target)?;
    }

    #[test]
    fn the_plan_is_the_cheapest_admissible_set(items in prop::collection::vec(item_seed(), 2..5), l1 in 1u8..10, l2 in 1u8..10, target in 1u8..3) {
        // at most 12 actions, so that every subset can be tried
        let mut items = items;
        while items.iter().map(|s| s.actions.len()).sum::<usize>() > 12 {
            items.pop();
        }
        if items.iter().all(|s| s.kind == 3) {
            items[0].kind = 0; // a points framework needs points to score
        }
        let (fw, answers) = generate(&items, l1, l2);
        cheapest_or_fail(&fw, &answers, target)?;
    }
}

/// The case that showed the solver trusting its starting point: two actions reach the target
/// with the same effort (9 units each), one costs 10 万元 (low 3 + high 7) and one nothing;
/// the free one must be chosen (it was not, 1 run in 30 of the property above).
#[test]
fn of_two_plans_of_equal_effort_the_cheaper_is_chosen() {
    let seed = |kind, points, actions: Vec<(u8, u8, u8, Option<u8>)>, answer| ItemSeed {
        kind,
        points,
        actions,
        answer,
    };
    let items = [
        seed(1, 5, vec![(2, 7, 1, None), (2, 0, 1, None)], 4),
        seed(2, 2, vec![(2, 0, 1, None), (2, 0, 2, None)], 0),
    ];
    let (fw, answers) = generate(&items, 9, 1);
    cheapest_or_fail(&fw, &answers, 1).unwrap();
}
