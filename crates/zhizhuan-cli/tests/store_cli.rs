//! The store commands of `zhizhuan` end to end: assessments, answer, export / import, db.

use std::path::Path;
use std::process::{Command, Output};

use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;

fn zhizhuan(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(out: Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

fn new_enterprise(db: &Path) -> i64 {
    let s = Store::open(db).unwrap();
    let input = EnterpriseInput {
        name: "无锡市镕昇智能装备有限公司".into(),
        credit_code: "91330100799655058B".into(),
        province: "320000".into(),
        city: "无锡市".into(),
        district: "新吴区".into(),
        industry: "C35".into(),
        size: "small".into(),
    };
    s.create_enterprise(&input, "2026-11-23T08:00:00Z")
        .unwrap()
        .id
}

#[test]
fn answer_export_import_and_db_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop.db");
    let e = new_enterprise(&db).to_string();
    let a = ok(zhizhuan(
        &db,
        &[
            "assessments",
            "create",
            "--enterprise",
            &e,
            "--framework",
            "miit-2024",
            "--version",
            "2024",
        ],
    ));
    let a = a.trim();

    let saved = ok(zhizhuan(
        &db,
        &[
            "answer",
            "--assessment",
            a,
            "--item",
            "jichu.network",
            "--value",
            r#"{"options":["control-net"]}"#,
        ],
    ));
    assert!(
        saved.starts_with(&format!(
            "saved assessment={a} item=jichu.network revision="
        )),
        "{saved}"
    );
    ok(zhizhuan(
        &db,
        &[
            "answer",
            "--assessment",
            a,
            "--item",
            "chengxiao.green",
            "--value",
            r#""na""#,
            "--note",
            "无排放",
        ],
    ));
    let bad = refused(zhizhuan(
        &db,
        &[
            "answer",
            "--assessment",
            a,
            "--item",
            "x",
            "--value",
            r#"{"optoin":"y"}"#,
        ],
    ));
    assert!(bad.contains("optoin"), "{bad}");
    let answers: serde_json::Value =
        serde_json::from_str(&ok(zhizhuan(&db, &["assessments", "answers", a]))).unwrap();
    assert_eq!(answers.as_array().unwrap().len(), 2);
    assert_eq!(answers[0]["value"], "na");

    let list: serde_json::Value =
        serde_json::from_str(&ok(zhizhuan(&db, &["assessments", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["frameworkId"], "miit-2024");
    assert_eq!(list[0]["status"], "draft");

    // Carry it to another machine.
    let bundle = dir.path().join("visit.zip");
    ok(zhizhuan(
        &db,
        &[
            "export",
            "--assessment",
            a,
            "--out",
            bundle.to_str().unwrap(),
        ],
    ));
    let office = dir.path().join("office.db");
    let report: serde_json::Value = serde_json::from_str(&ok(zhizhuan(
        &office,
        &["import", bundle.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    assert_eq!(report["enterprise"]["kind"], "created");
    let again = refused(zhizhuan(&office, &["import", bundle.to_str().unwrap()]));
    assert!(
        again.contains("--merge") && again.contains("--keep-apart"),
        "{again}"
    );
    let merged = ok(zhizhuan(
        &office,
        &["import", bundle.to_str().unwrap(), "--merge"],
    ));
    assert!(merged.contains("Unchanged"), "{merged}");
    let apart = ok(zhizhuan(
        &office,
        &["import", bundle.to_str().unwrap(), "--keep-apart", "--json"],
    ));
    assert!(apart.contains("keptApart"), "{apart}");

    // Backups and restore.
    assert!(ok(zhizhuan(&db, &["db", "check"])).contains("正常 ok"));
    let backup = ok(zhizhuan(&db, &["db", "backup"])).trim().to_owned();
    assert!(Path::new(&backup).is_file(), "{backup}");
    ok(zhizhuan(
        &db,
        &[
            "answer",
            "--assessment",
            a,
            "--item",
            "jichu.network",
            "--value",
            r#"{"options":[]}"#,
        ],
    ));
    ok(zhizhuan(&db, &["assessments", "finalise", a]));
    let restored = ok(zhizhuan(&db, &["db", "restore", &backup]));
    assert!(restored.contains("kept aside"), "{restored}");
    let answers: serde_json::Value =
        serde_json::from_str(&ok(zhizhuan(&db, &["assessments", "answers", a]))).unwrap();
    assert_eq!(
        answers[1]["value"],
        serde_json::json!({"options": ["control-net"]}),
        "the backup's answer is back"
    );
}

#[test]
fn a_damaged_database_is_reported_by_path_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    new_enterprise(&db);
    let mut bytes = std::fs::read(&db).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&db, &bytes).unwrap();
    let err = refused(zhizhuan(&db, &["db", "check"]));
    assert!(
        err.contains(db.to_str().unwrap()) && err.contains("截断"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

#[test]
fn compare_reports_the_score_change_and_the_items_that_moved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let e = new_enterprise(&db).to_string();
    let create = || {
        ok(zhizhuan(
            &db,
            &[
                "assessments",
                "create",
                "--enterprise",
                &e,
                "--framework",
                "miit-2024",
                "--version",
                "2024",
            ],
        ))
        .trim()
        .to_owned()
    };
    let answer = |a: &str, item: &str, value: &str| {
        ok(zhizhuan(
            &db,
            &[
                "answer",
                "--assessment",
                a,
                "--item",
                item,
                "--value",
                value,
            ],
        ));
    };
    let (first, second) = (create(), create());
    answer(
        &first,
        "jichu.network",
        r#"{"options":["control-net","app-net"]}"#,
    );
    answer(
        &first,
        "jichu.equip-dig",
        r#"{"numbers":{"total":"100","digital":"10"}}"#,
    );
    answer(&second, "jichu.network", r#"{"options":["control-net"]}"#);
    answer(
        &second,
        "jichu.equip-dig",
        r#"{"numbers":{"total":"100","digital":"90"}}"#,
    );

    let c: serde_json::Value = serde_json::from_str(&ok(zhizhuan(
        &db,
        &["assessments", "compare", &first, &second],
    )))
    .unwrap();
    let ids = |key: &str| -> Vec<String> {
        c["scores"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("improved"), ["jichu.equip-dig"]);
    assert_eq!(ids("worsened"), ["jichu.network"]);
    let dec = |v: &serde_json::Value| -> Decimal { v.as_str().unwrap().parse().unwrap() };
    let s = &c["scores"];
    assert_eq!(
        dec(&s["after"]["score"]) - dec(&s["before"]["score"]),
        dec(&s["scoreChange"])
    );
    assert_eq!(c["answers"]["changes"].as_array().unwrap().len(), 2);
}
