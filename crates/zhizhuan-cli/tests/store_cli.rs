//! The store commands of `zhizhuan` end to end: assessments, answer, export / import, db.

use std::path::Path;
use std::process::{Command, Output};

use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;

fn zhizhuan<S: AsRef<std::ffi::OsStr>>(db: &Path, args: &[S]) -> Output {
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

/// The enterprise these tests create.
fn enterprise_input() -> EnterpriseInput {
    EnterpriseInput {
        name: "无锡市镕昇智能装备有限公司".into(),
        credit_code: "91330100799655058B".into(),
        province: "320000".into(),
        city: "无锡市".into(),
        district: "新吴区".into(),
        industry: "C35".into(),
        size: "small".into(),
    }
}

fn new_enterprise(db: &Path) -> i64 {
    let s = Store::open(db).unwrap();
    let input = enterprise_input();
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

    answers_are_saved_refused_and_listed(&db, a);
    // Carry it to another machine.
    the_bundle_imports_once_then_by_choice(dir.path(), &db, a);
    // Backups and restore.
    a_restored_backup_brings_the_answer_back(&db, a);
}

/// Two answers are saved, a misspelt value is refused by name, and both lists show the draft.
fn answers_are_saved_refused_and_listed(db: &Path, a: &str) {
    let saved = ok(zhizhuan(
        db,
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
        db,
        &[
            "answer",
            "--assessment",
            a,
            "--item",
            "chengxiao.energy",
            "--value",
            r#"{"option":"flat"}"#,
            "--note",
            "能耗统计口径不变",
        ],
    ));
    let bad = refused(zhizhuan(
        db,
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
        serde_json::from_str(&ok(zhizhuan(db, &["assessments", "answers", a]))).unwrap();
    assert_eq!(answers.as_array().unwrap().len(), 2);
    assert_eq!(answers[0]["value"]["option"], "flat");

    let list: serde_json::Value =
        serde_json::from_str(&ok(zhizhuan(db, &["assessments", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["frameworkId"], "miit-2024");
    assert_eq!(list[0]["status"], "draft");
}

/// An exported assessment imports into a new database once; again only with --merge or
/// --keep-apart, which the refusal names.
fn the_bundle_imports_once_then_by_choice(dir: &Path, db: &Path, a: &str) {
    let bundle = dir.join("visit.zip");
    ok(zhizhuan(
        db,
        &[
            "export",
            "--assessment",
            a,
            "--out",
            bundle.to_str().unwrap(),
        ],
    ));
    let office = dir.join("office.db");
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
    assert!(merged.contains("已存在（未变） unchanged"), "{merged}");
    let apart = ok(zhizhuan(
        &office,
        &["import", bundle.to_str().unwrap(), "--keep-apart", "--json"],
    ));
    assert!(apart.contains("keptApart"), "{apart}");
}

/// A backup taken before a change and a finalise, once restored, holds the earlier answer and
/// keeps the replaced file aside.
fn a_restored_backup_brings_the_answer_back(db: &Path, a: &str) {
    assert!(ok(zhizhuan(db, &["db", "check"])).contains("正常 ok"));
    let backup = ok(zhizhuan(db, &["db", "backup"])).trim().to_owned();
    assert!(Path::new(&backup).is_file(), "{backup}");
    ok(zhizhuan(
        db,
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
    ok(zhizhuan(db, &["assessments", "finalise", a]));
    let restored = ok(zhizhuan(db, &["db", "restore", &backup]));
    assert!(restored.contains("kept aside"), "{restored}");
    let answers: serde_json::Value =
        serde_json::from_str(&ok(zhizhuan(db, &["assessments", "answers", a]))).unwrap();
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
        ok(zhizhuan(&db, &answer_args(a, item, value)));
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

/// Every file directly in `dir` with its bytes.
fn files_in(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// `dir/z.db` and its `-wal`, copied while the store that wrote an enterprise into them is
/// still open (so the enterprise is only in the `-wal`).
fn db_with_live_wal(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("src").join("z.db");
    std::fs::create_dir_all(src.parent().unwrap()).unwrap();
    drop(Store::open(&src).unwrap());
    let s = Store::open(&src).unwrap();
    let input = enterprise_input();
    s.create_enterprise(&input, "t").unwrap();
    let db = dir.join("z.db");
    std::fs::copy(&src, &db).unwrap();
    std::fs::copy(src.with_extension("db-wal"), db.with_extension("db-wal")).unwrap();
    drop(s);
    db
}

#[test]
fn a_damaged_wal_is_refused_and_db_check_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_live_wal(dir.path());
    let wal = db.with_extension("db-wal");
    let mut bytes = std::fs::read(&wal).unwrap();
    let at = bytes.len() - 1000; // inside the last frame
    bytes[at] ^= 1;
    std::fs::write(&wal, &bytes).unwrap();

    let before = files_in(dir.path());
    let out = zhizhuan(&db, &["db", "check"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    refused(out);
    assert!(stdout.contains("damaged"), "{stdout}");
    assert_eq!(files_in(dir.path()), before, "db check changed a file");

    let err = refused(zhizhuan(&db, &["enterprises", "list"]));
    assert!(
        err.contains("-wal") && err.contains("zhizhuan db restore") && err.contains("backups"),
        "{err}"
    );
    let after = files_in(dir.path());
    assert_eq!(
        (after.get("z.db"), after.get("z.db-wal")),
        (before.get("z.db"), before.get("z.db-wal"))
    );
}

#[test]
fn an_intact_wal_is_applied_with_a_notice_and_db_check_says_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_live_wal(dir.path());
    let before = files_in(dir.path());
    let checked = ok(zhizhuan(&db, &["db", "check"]));
    assert!(
        checked.contains("未作任何修改") && checked.contains("intact"),
        "{checked}"
    );
    assert_eq!(files_in(dir.path()), before);

    let out = zhizhuan(&db, &["enterprises", "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(ok(out).contains("镕昇"));
    assert!(
        stderr.contains("notice") && stderr.contains("backups"),
        "{stderr}"
    );
    let again = zhizhuan(&db, &["enterprises", "list"]);
    assert!(again.stderr.is_empty(), "applied once");
}

#[test]
fn a_missing_database_is_reported_until_restored_or_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    new_enterprise(&db);
    let backup = ok(zhizhuan(&db, &["db", "backup"])).trim().to_owned();
    std::fs::remove_file(&db).unwrap();
    for args in [&["enterprises", "list"][..], &["db", "check"]] {
        let err = refused(zhizhuan(&db, args));
        assert!(
            err.contains("db init") && err.contains("db restore"),
            "{err}"
        );
    }
    assert!(!db.exists());
    assert!(ok(zhizhuan(&db, &["db", "backups"])).contains(&backup));
    ok(zhizhuan(&db, &["db", "init"]));
    assert_eq!(
        ok(zhizhuan(&db, &["enterprises", "list", "--json"])).trim(),
        "[]"
    );
    refused(zhizhuan(&db, &["db", "init"]));
    ok(zhizhuan(&db, &["db", "restore", &backup]));
    assert!(ok(zhizhuan(&db, &["enterprises", "list"])).contains("镕昇"));
}

/// The database file and its -wal, byte for byte.
fn files_of(db: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal"]
        .iter()
        .map(|suffix| std::fs::read(format!("{}{suffix}", db.display())).ok())
        .collect()
}

#[test]
fn every_cli_write_is_checked_like_the_apps_and_a_refusal_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let (e, a) = enterprise_and_assessment_by_cli(&db);
    let (e, a) = (e.as_str(), a.as_str());
    // (arguments, a word the message must contain)
    let mut cases = refused_answers(a);
    cases.extend(refused_creations(e));
    let before = files_of(&db);
    for (args, word) in &cases {
        let message = refused(zhizhuan(&db, args));
        assert!(message.contains(word), "{:?}: {message}", &args[..2]);
        assert_eq!(
            files_of(&db),
            before,
            "{:?} changed the database",
            &args[..2]
        );
    }
    let answers: serde_json::Value =
        serde_json::from_str(&ok(zhizhuan(&db, &["assessments", "answers", a]))).unwrap();
    assert_eq!(answers, serde_json::json!([]));
    // A value with a UTF-8 byte-order mark (Windows Notepad) is read.
    ok(zhizhuan(
        &db,
        &answer_args(a, "jingying.design", "\u{FEFF}{\"level\":2}"),
    ));
}

/// An enterprise and a draft assessment made through the CLI; returns their ids.
fn enterprise_and_assessment_by_cli(db: &Path) -> (String, String) {
    let args = enterprise_args("无锡市镕昇智能装备有限公司", "91330100799655058B");
    let e = ok(zhizhuan(db, &args));
    let e = e.trim();
    let a = ok(zhizhuan(
        db,
        &[
            "assessments",
            "create",
            "--enterprise",
            e,
            "--framework",
            "miit-2024",
        ],
    ));
    let a = a.trim();
    (e.to_owned(), a.to_owned())
}

/// The arguments of `answer` for one item of assessment `a`.
fn answer_args(a: &str, item: &str, value: &str) -> Vec<String> {
    [
        "answer",
        "--assessment",
        a,
        "--item",
        item,
        "--value",
        value,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The arguments of `enterprises create` with `name` and `code`, the rest valid.
fn enterprise_args(name: &str, code: &str) -> Vec<String> {
    [
        "enterprises",
        "create",
        "--name",
        name,
        "--credit-code",
        code,
        "--province",
        "320000",
        "--city",
        "无锡市",
        "--industry",
        "C35",
        "--size",
        "small",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Answers the framework or the JSON reader refuses, each with a word the message must contain.
fn refused_answers(a: &str) -> Vec<(Vec<String>, &'static str)> {
    let long_note = "备".repeat(2001);
    let answer = |item: &str, value: &str| answer_args(a, item, value);
    vec![
        (answer("no.such.item", r#"{"level":1}"#), "no.such.item"),
        (answer("no.such.item", "null"), "no.such.item"),
        (
            answer("jingying.design", r#"{"level":9}"#),
            r#"{"level":9}"#,
        ),
        (answer("jichu.info-sys", r#"{"level":2}"#), "jichu.info-sys"),
        (answer("jichu.info-sys", r#"{"option":"nope"}"#), "nope"),
        (
            answer(
                "jichu.equip-dig",
                r#"{"numbers":{"total":"0","digital":"0"}}"#,
            ),
            "jichu.equip-dig",
        ),
        (
            answer(
                "jichu.equip-dig",
                r#"{"numbers":{"total":"40","total":"100","digital":"1"}}"#,
            ),
            "duplicate key",
        ),
        (
            answer(
                "jichu.equip-dig",
                r#"{"numbers":{"total":10.0000000000000001,"digital":"1"}}"#,
            ),
            "10.0000000000000001",
        ),
        (
            [
                "answer",
                "--assessment",
                a,
                "--item",
                "chengxiao.energy",
                "--value",
                r#"{"option":"flat"}"#,
                "--note",
                &long_note,
            ]
            .map(str::to_owned)
            .to_vec(),
            "2001",
        ),
    ]
}

/// Creations refused for an unknown framework, version, variant, a wrong credit code, or an
/// over-long name, each with a word the message must contain.
fn refused_creations(e: &str) -> Vec<(Vec<String>, &'static str)> {
    let long_name = "厂".repeat(101);
    vec![
        (
            [
                "assessments",
                "create",
                "--enterprise",
                e,
                "--framework",
                "miit-2099",
            ]
            .map(str::to_owned)
            .to_vec(),
            "miit-2099",
        ),
        (
            [
                "assessments",
                "create",
                "--enterprise",
                e,
                "--framework",
                "miit-2024",
                "--version",
                "2031",
            ]
            .map(str::to_owned)
            .to_vec(),
            "2031",
        ),
        (
            [
                "assessments",
                "create",
                "--enterprise",
                e,
                "--framework",
                "cmmm-2020",
                "--variant",
                "bakery",
            ]
            .map(str::to_owned)
            .to_vec(),
            "bakery",
        ),
        (
            enterprise_args("另一家公司", "91330100799655058C"),
            "creditCode",
        ),
        (enterprise_args(&long_name, "914403001922038216"), "name"),
    ]
}

/// `zhizhuan` with the home folder `home` (as the app finds it), no `--db`.
fn in_home(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
        .env("ZHIZHUAN_DATA_DIR", home)
        .args(args)
        .output()
        .unwrap()
}

/// `db move` carries the data, every later command finds it there (`db where`, the
/// enterprise list), a second move onto a folder holding a database is refused, and
/// `db move --home` brings it back.
#[test]
fn db_move_carries_the_data_and_every_command_follows_it() {
    let (home, away) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    new_enterprise(&home.path().join("zhizhuan.db"));
    let away_s = away.path().display().to_string();

    let out = ok(in_home(home.path(), &["db", "move", &away_s]));
    assert!(out.contains(&away_s), "{out}");
    assert!(ok(in_home(home.path(), &["db", "where"])).starts_with(&away_s));
    let list = ok(in_home(home.path(), &["enterprises", "list"]));
    assert!(list.contains("镕昇"), "{list}");
    assert!(!home.path().join("zhizhuan.db").exists());

    let other = tempfile::tempdir().unwrap();
    new_enterprise(&other.path().join("zhizhuan.db"));
    let err = refused(in_home(
        home.path(),
        &["db", "move", &other.path().display().to_string()],
    ));
    assert!(err.contains("已有智转数据库"), "{err}");

    // the stick unplugged: every command says where the data went and how to go back
    let unplugged = away.path().with_extension("unplugged");
    std::fs::rename(away.path(), &unplugged).unwrap();
    let err = refused(in_home(home.path(), &["enterprises", "list"]));
    assert!(
        err.contains(&away_s) && err.contains("location.txt"),
        "{err}"
    );
    assert!(!away.path().exists(), "nothing was created in its place");
    std::fs::rename(&unplugged, away.path()).unwrap();

    ok(in_home(home.path(), &["db", "move", "--home"]));
    let shown = ok(in_home(home.path(), &["db", "where"]));
    assert!(shown.contains("默认位置"), "{shown}");
    assert!(home.path().join("zhizhuan.db").exists());
    assert!(!away.path().join("zhizhuan.db").exists());
}

/// The stick back under another drive letter: `db locate` points home at it (nothing
/// copied) and every command finds the data; a folder without a database is refused.
/// `db start-afresh` gives a lost stick up: the default folder is used, location.txt kept.
#[test]
fn db_locate_finds_a_moved_folder_and_start_afresh_gives_it_up() {
    let (home, away, other) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    new_enterprise(&home.path().join("zhizhuan.db"));
    ok(in_home(
        home.path(),
        &["db", "move", &away.path().display().to_string()],
    ));
    let renamed = other.path().join("F盘");
    std::fs::rename(away.path(), &renamed).unwrap();

    let err = refused(in_home(
        home.path(),
        &["db", "locate", &other.path().display().to_string()],
    ));
    assert!(err.contains("zhizhuan.db"), "{err}");
    ok(in_home(
        home.path(),
        &["db", "locate", &renamed.display().to_string()],
    ));
    assert!(ok(in_home(home.path(), &["db", "where"])).starts_with(&renamed.display().to_string()));
    assert!(ok(in_home(home.path(), &["enterprises", "list"])).contains("镕昇"));

    std::fs::remove_dir_all(&renamed).unwrap();
    let out = ok(in_home(home.path(), &["db", "start-afresh"]));
    assert!(out.contains("location-1.old.txt"), "{out}");
    assert!(ok(in_home(home.path(), &["db", "where"])).contains("默认位置"));
    assert!(!ok(in_home(home.path(), &["enterprises", "list"])).contains("镕昇"));
    assert!(home.path().join("location-1.old.txt").exists());
}
