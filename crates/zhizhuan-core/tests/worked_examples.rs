//! Worked examples: answers files under `tests/data/answers/<framework>/*.json`, each with a
//! sibling `.expected` holding the hand arithmetic (as `#` comments) and the expected results:
//!
//! ```text
//! # 4 + 3 + 1.5 + … = 40
//! total = 40              # the score compared with thresholds; "≈1.7667" when not exact
//! level = 2               # level rank, 0 = below level 1
//! provisional = false
//! unanswered = 4          # number of unanswered entries (optional)
//! achieved = 2            # maturity: highest consecutively achieved level (optional)
//! condition = 总分 37 分 < 40 分，差 3 分      # a failing condition's exact text (optional, repeatable)
//! kpi.danxiang.nc-rate = 65                    # a KPI's value (optional)
//! target.danxiang.nc-rate.jiangsu-2024 = met   # met | unmet (optional)
//! error = jichu.network                        # the answers must be rejected, naming this item
//! ```
//!
//! The numbers in `.expected` files were worked out by hand from the published points, never
//! produced by this engine.

use std::path::{Path, PathBuf};

use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::{self, Framework};
use zhizhuan_core::score;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers")
}

fn frameworks() -> Vec<Framework> {
    framework::load_all_builtin()
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn cases() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(data_dir()).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "json") {
                out.push(f);
            }
        }
    }
    out.sort();
    out
}

fn expectations(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path.with_extension("expected"))
        .unwrap_or_else(|e| panic!("{}: missing .expected: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l
                .split_once('=')
                .unwrap_or_else(|| panic!("{}: bad line {l}", path.display()));
            (k.trim().to_owned(), v.trim().to_owned())
        })
        .collect()
}

#[test]
fn every_worked_example_matches_its_hand_arithmetic() {
    let fws = frameworks();
    let cases = cases();
    assert!(
        cases.len() >= 25,
        "expected at least 25 worked examples, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for path in &cases {
        let name = path.strip_prefix(data_dir()).unwrap().display().to_string();
        let answers = AnswersFile::from_json(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let fw = fws
            .iter()
            .find(|f| f.id == answers.framework)
            .unwrap_or_else(|| panic!("{name}: no framework"));
        let exp = expectations(path);
        let result = score::score(fw, &answers);
        let mut check = |ok: bool, what: String| {
            if !ok {
                failures.push(format!("{name}: {what}"));
            }
        };
        if let Some((_, item)) = exp.iter().find(|(k, _)| k == "error") {
            match &result {
                Ok(_) => check(false, "expected the answers to be rejected".into()),
                Err(e) => check(
                    e.to_string().contains(item.as_str()),
                    format!("error should name {item}: {e}"),
                ),
            }
            continue;
        }
        let s = match result {
            Ok(s) => s,
            Err(e) => {
                check(false, format!("rejected: {e}"));
                continue;
            }
        };
        check_score(&s, &exp, &mut check);
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Checks a score against a worked example's expected values, reporting each mismatch.
fn check_score(s: &score::Score, exp: &[(String, String)], check: &mut impl FnMut(bool, String)) {
    for (k, v) in exp {
        match k.as_str() {
            "total" => {
                let shown = if s.score_exact {
                    s.score.to_string()
                } else {
                    format!("≈{}", s.score)
                };
                check(shown == *v, format!("total {shown}, expected {v}"));
            }
            "level" => check(
                s.level.rank.to_string() == *v,
                format!("level {}, expected {v}", s.level.rank),
            ),
            "provisional" => check(
                s.provisional.to_string() == *v,
                format!("provisional {}, expected {v}", s.provisional),
            ),
            "unanswered" => check(
                s.unanswered.len().to_string() == *v,
                format!("unanswered {}, expected {v}", s.unanswered.len()),
            ),
            "achieved" => {
                let a = s.maturity.as_ref().map_or(0, |m| m.achieved);
                check(a.to_string() == *v, format!("achieved {a}, expected {v}"))
            }
            "condition" => {
                let texts: Vec<&str> = s
                    .levels
                    .iter()
                    .flat_map(|l| &l.conditions)
                    .filter(|c| !c.holds)
                    .map(|c| c.text.zh.as_str())
                    .collect();
                check(
                    texts.contains(&v.as_str()),
                    format!("no failing condition `{v}` among {texts:?}"),
                )
            }
            k if k.starts_with("kpi.") => {
                let item = &k[4..];
                let got = s
                    .kpis
                    .iter()
                    .find(|x| x.item == item)
                    .and_then(|x| x.value)
                    .map(|x| x.to_string());
                check(
                    got.as_deref() == Some(v.as_str()),
                    format!("{k} = {got:?}, expected {v}"),
                )
            }
            k if k.starts_with("target.") => {
                let rest = &k[7..];
                let (item, target) = rest.rsplit_once('.').unwrap();
                let met = s
                    .kpis
                    .iter()
                    .find(|x| x.item == item)
                    .and_then(|x| x.targets.iter().find(|t| t.id == target))
                    .and_then(|t| t.met);
                let want = Some(v == "met");
                check(met == want, format!("{k}: met = {met:?}, expected {v}"))
            }
            other => check(false, format!("unknown key {other}")),
        }
    }
}
