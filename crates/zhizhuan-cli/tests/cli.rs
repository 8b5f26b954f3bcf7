//! The `zhizhuan` binary against real database files.

use std::process::Command;

use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;

fn zhizhuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
}

/// `zhizhuan --db DB ARGS…`, which must succeed: its standard output.
fn run(db: &std::path::Path, args: &[&str]) -> String {
    let out = zhizhuan().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A database in a fresh temp folder holding two enterprises, 镕昇 (91330100799655058B) and
/// 喆堃 (914403001922038216); returns the folder, the database path, the open store and 镕昇's id.
fn two_enterprises() -> (tempfile::TempDir, std::path::PathBuf, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let store = Store::open(&db).unwrap();
    let profile = |name: &str, credit_code: &str| EnterpriseInput {
        name: name.into(),
        credit_code: credit_code.into(),
        province: "320000".into(),
        city: "无锡市".into(),
        district: "新吴区".into(),
        industry: "C35".into(),
        size: "small".into(),
    };
    let first = store
        .create_enterprise(
            &profile("无锡市镕昇智能装备有限公司", "91330100799655058B"),
            "2026-11-23T08:00:00Z",
        )
        .unwrap();
    store
        .create_enterprise(
            &profile("常州市喆堃精密机械有限公司", "914403001922038216"),
            "2026-11-23T08:00:00Z",
        )
        .unwrap();
    (dir, db, store, first.id)
}

#[test]
fn enterprises_list_json_reads_what_the_store_wrote() {
    let (_dir, db, store, _) = two_enterprises();
    drop(store);

    let list: serde_json::Value =
        serde_json::from_str(&run(&db, &["enterprises", "list", "--json"])).unwrap();
    // newest first: both were written at the same moment, so the later id leads
    assert_eq!(list[1]["enterprise"]["name"], "无锡市镕昇智能装备有限公司");
    assert_eq!(list[1]["enterprise"]["creditCode"], "91330100799655058B");
    assert_eq!(list[0]["enterprise"]["creditCode"], "914403001922038216");
    assert_eq!(list[1]["assessments"], 0);
    assert_eq!(list[1]["latest"], serde_json::Value::Null);
}

#[test]
fn enterprises_list_marks_copies_kept_apart_with_the_same_credit_code() {
    let (dir, db, store, original) = two_enterprises();
    drop(store);
    let run = |args: &[&str]| run(&db, args);
    let bundle = dir.path().join("e.zip");
    let id = original.to_string();
    run(&[
        "export",
        "--enterprise",
        &id,
        "--out",
        bundle.to_str().unwrap(),
    ]);
    run(&["import", bundle.to_str().unwrap(), "--keep-apart"]);

    let table = run(&["enterprises", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    let mark = "[重复信用代码：另有 1 家企业使用同一统一社会信用代码（导入时保留为副本）]";
    for line in &lines {
        let shares = line.contains("91330100799655058B");
        assert_eq!(line.ends_with(mark), shares, "{table}");
    }
    // only the imported one is the copy, and it names its original
    let copy_mark = format!("[副本：导入时与企业 {id} 分开保存]");
    let copies: Vec<&&str> = lines.iter().filter(|l| l.contains(&copy_mark)).collect();
    assert_eq!(copies.len(), 1, "{table}");
    assert!(!copies[0].starts_with(&format!("{id}\t")), "{table}");
}

/// Each line says where the enterprise stands: its latest (most recently changed) assessment
/// with status, date, level and score, and how many it has; or that it has none yet.
#[test]
fn enterprises_list_shows_the_latest_assessment() {
    use zhizhuan_store::assessment::NewAssessment;
    let (_dir, db, store, assessed) = two_enterprises();
    for (framework, at) in [
        ("cmmm-2020", "2025-10-01T08:00:00Z"),
        ("miit-2024", "2026-10-09T08:00:00Z"),
    ] {
        let a = store
            .create_assessment(
                &NewAssessment {
                    enterprise_id: assessed,
                    framework_id: framework.into(),
                    framework_version: "2024".into(),
                    ..NewAssessment::default()
                },
                at,
            )
            .unwrap();
        if framework == "miit-2024" {
            store
                .set_score_summary(a.id, "61".parse().unwrap(), "三级", "2026-10-10T08:00:00Z")
                .unwrap();
            store
                .finalise_assessment(a.id, "2026-10-12T08:00:00Z")
                .unwrap();
        }
    }
    drop(store);
    let table = run(&db, &["enterprises", "list"]);
    let line = |name: &str| table.lines().find(|l| l.contains(name)).unwrap().to_owned();
    assert!(
        line("镕昇").ends_with("\t最近评估 miit-2024 定稿 2026-10-12 三级 61 分（共 2 次）"),
        "{table}"
    );
    assert!(line("喆堃").ends_with("\t尚无评估"), "{table}");
}
