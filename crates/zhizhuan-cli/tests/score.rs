//! `zhizhuan score` and `zhizhuan roadmap` against answers files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zhizhuan(args: &[&str], file: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhizhuan"));
    let dir = tempfile::tempdir().unwrap();
    // no command here touches the database; point it at a scratch folder anyway
    c.env("ZHIZHUAN_DATA_DIR", dir.path());
    c.args(args).arg("--answers").arg(file).output().unwrap()
}

fn example(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers")
        .join(rel)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn score_prints_total_level_conditions_and_items_in_chinese() {
    let out = zhizhuan(
        &["score"],
        &example("miit/m02-exact-40-five-scenarios.json"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    for want in [
        "总分：40 / 100",
        "等级：一级",
        "✗ 达到二级及以上的场景 5 个 < 6 个，差 1 个",
        "数字化基础 23.25 / 50",
        "jichu.equip-dig 设备数字化：数字化生产设备数 30 ÷ 生产设备总数 100 = 30%",
    ] {
        assert!(s.contains(want), "missing `{want}` in\n{s}");
    }
}

#[test]
fn score_json_is_the_core_result() {
    let out = zhizhuan(
        &["score", "--json"],
        &example("cmmm/c10-weighted-organisation-strategy.json"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["score"], "1.76");
    assert_eq!(v["level"]["rank"], 1);
    assert_eq!(v["estimate"], true);
    assert_eq!(v["maturity"]["achieved"], 1);
}

#[test]
fn provisional_results_list_what_is_unanswered() {
    let out = zhizhuan(&["score"], &example("miit/m12-partial-provisional.json"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("【暂定】有 4 项未作答"), "{s}");
    assert!(
        s.contains("未作答：") && s.contains("chengxiao.energy"),
        "{s}"
    );
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn bad_answers_are_rejected_with_the_item_named_and_no_result() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.json",
        r#"{"framework":"miit-2024","version":"2024","answers":{
            "jichu.network":{"options":["wifi7"]},
            "jichu.equip-dig":{"numbers":{"total":10,"digital":-1}},
            "jingying.design":{"level":5},
            "no.such.item":{"option":"x"}}}"#,
    );
    let out = zhizhuan(&["score"], &f);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "no partial result: {}",
        text(&out.stdout)
    );
    let e = text(&out.stderr);
    for want in [
        "答案有 4 处问题",
        "jichu.network",
        "wifi7",
        "jichu.equip-dig",
        "-1",
        "jingying.design",
        "5",
        "no.such.item",
    ] {
        assert!(e.contains(want), "missing `{want}` in\n{e}");
    }
}

#[test]
fn wrong_version_and_unknown_framework_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "v.json",
        r#"{"framework":"miit-2024","version":"2022","answers":{}}"#,
    );
    let out = zhizhuan(&["score"], &f);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(
        e.contains("内置版本是「2024」") && e.contains("「2022」"),
        "{e}"
    );

    let f = write(
        dir.path(),
        "u.json",
        r#"{"framework":"dcmm","version":"2018","answers":{}}"#,
    );
    let e = text(&zhizhuan(&["score"], &f).stderr);
    assert!(
        e.contains("没有内置框架「dcmm」") && e.contains("miit-2024"),
        "{e}"
    );

    let f = write(
        dir.path(),
        "j.json",
        "{\"framework\":\"miit-2024\",\n\"version\":2024}",
    );
    let e = text(&zhizhuan(&["score"], &f).stderr);
    assert!(e.contains("j.json:2:"), "located JSON error: {e}");
}

#[test]
fn roadmap_reaches_the_target_in_phases_with_costs() {
    let out = zhizhuan(
        &["roadmap", "--target", "二级"],
        &example("miit/m02-exact-40-five-scenarios.json"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    for want in [
        "快速见效（0–6 个月）",
        "中期（6–18 个月）",
        "长期（18–36 个月）",
        "预计达到",
        "二级",
        "万元",
    ] {
        assert!(s.contains(want), "missing `{want}` in\n{s}");
    }

    let out = zhizhuan(
        &["roadmap", "--target", "3", "--json"],
        &example("cmmm/c01-level2-discrete.json"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["projected"]["level"]["rank"], 3);
    assert_eq!(v["phases"].as_array().unwrap().len(), 3);
    let quals: Vec<&str> = v["phases"][2]["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["qualified"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        quals.contains(&"gradient-excellent") && !quals.contains(&"gradient-leading"),
        "{quals:?}"
    );
}

#[test]
fn roadmap_for_a_met_target_is_empty_and_unknown_targets_are_named() {
    let out = zhizhuan(
        &["roadmap", "--target", "2", "--json"],
        &example("miit/m01-exact-40-level2.json"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["alreadyMet"], true);
    assert!(
        v["phases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["actions"].as_array().unwrap().is_empty())
    );

    let out = zhizhuan(
        &["roadmap", "--target", "九级"],
        &example("miit/m01-exact-40-level2.json"),
    );
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(
        e.contains("目标等级「九级」不存在") && e.contains("四级"),
        "{e}"
    );
}
