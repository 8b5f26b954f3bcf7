//! `zhizhuan report` and `zhizhuan plan` end to end: the sample PDF's text read back with
//! `pdftotext`, and failures on unwritable output paths.

use std::path::Path;
use std::process::Command;

const SAMPLE_ENTERPRISE: &str = "常州市喆堃精密机械有限公司";

fn zhizhuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
}

/// The PDF's text in content order (`-raw`: a wrapped table cell stays together), or `None`
/// when pdftotext is not installed (a failure under CI).
fn pdf_text(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(o) => {
            assert!(
                o.status.success(),
                "pdftotext failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            Some(String::from_utf8(o.stdout).expect("pdftotext -enc UTF-8 prints UTF-8"))
        }
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext is required in CI: {e}"
            );
            eprintln!("pdftotext not found ({e}); skipping the text check");
            None
        }
    }
}

#[test]
fn sample_report_runs_from_any_directory_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.pdf");
    let o = zhizhuan()
        .current_dir(dir.path())
        .args(["report", "--sample", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    // No temp file is left beside the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("sample.pdf")]);
    if let Some(text) = pdf_text(&out) {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains(SAMPLE_ENTERPRISE),
            "enterprise name missing:\n{text}"
        );
        // The sample scores 61.475 of 100 points: level 三级 by the MIIT 2024 rule.
        assert!(squeezed.contains("三级"), "level missing:\n{text}");
        assert!(squeezed.contains("61.475"), "score missing:\n{text}");
    }
}

#[test]
fn unwritable_output_fails_cleanly_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file used as a directory: unwritable even for root.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let out = blocker.join("sample.pdf");
    let o = zhizhuan()
        .args(["report", "--sample", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("无法写入") && err.contains("sample.pdf"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // The same for the action plan.
    let answers = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers/miit/m09-level3-sixty-one.json");
    let o = zhizhuan()
        .args(["plan", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(blocker.join("plan.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("无法写入") && err.contains("plan.xlsx"),
        "{err}"
    );
}

#[test]
fn plan_writes_a_workbook_and_rejects_unknown_targets() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers/miit/m09-level3-sixty-one.json");
    let out = dir.path().join("plan.xlsx");
    let o = zhizhuan()
        .args(["plan", "--target", "4", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        std::fs::read(&out).unwrap().starts_with(b"PK"),
        "not a zip/xlsx"
    );

    let o = zhizhuan()
        .args(["plan", "--target", "九级", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(dir.path().join("bad.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("bad.xlsx").exists());
}

/// A database with one MIIT assessment of an enterprise with rare characters in its name:
/// answers from a worked example, one evidence note and file, one roadmap owner.
fn stored_assessment(dir: &Path, with_answers: bool) -> (std::path::PathBuf, i64) {
    use zhizhuan_core::answer::AnswersFile;
    use zhizhuan_core::enterprise::EnterpriseInput;
    use zhizhuan_store::Store;
    use zhizhuan_store::assessment::NewAssessment;
    use zhizhuan_store::roadmap::{ActionStatus, RoadmapEditInput};

    let db = dir.join("zhizhuan.db");
    let s = Store::open(&db).unwrap();
    let now = "2025-03-18T02:00:00Z";
    let e = s
        .create_enterprise(
            &EnterpriseInput {
                name: "无锡市镕昇喆堃智能装备有限公司".into(),
                credit_code: "91330100799655058B".into(),
                province: "320000".into(),
                city: "无锡市".into(),
                district: "新吴区".into(),
                industry: "C35".into(),
                size: "small".into(),
            },
            now,
        )
        .unwrap();
    let a = s
        .create_assessment(
            &NewAssessment {
                enterprise_id: e.id,
                framework_id: "miit-2024".into(),
                framework_version: "2024".into(),
                framework_hash: String::new(),
                variant: Some("manufacturing".into()),
                assessor: "陈镕".into(),
            },
            now,
        )
        .unwrap();
    if with_answers {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/answers/miit/m09-level3-sixty-one.json");
        let answers = AnswersFile::from_json(&std::fs::read_to_string(file).unwrap()).unwrap();
        for (item, value) in &answers.answers {
            let note = if item == "jichu.network" {
                "现场查看交换机台账与网络拓扑图"
            } else {
                ""
            };
            s.set_answer(a.id, item, Some(value), note, "陈镕", now)
                .unwrap();
        }
        s.attach_evidence(
            a.id,
            "jichu.network",
            "网络拓扑图-2025.pdf",
            "application/pdf",
            &mut &b"%PDF-1.7 topology"[..],
            "陈镕",
            now,
        )
        .unwrap();
        s.set_roadmap_edit(
            a.id,
            &RoadmapEditInput {
                action: first_action(&db, a.id),
                owner: "王昇".into(),
                start_date: None,
                due_date: None,
                cost: None,
                status: ActionStatus::InProgress,
                note: String::new(),
            },
            "陈镕",
            now,
        )
        .unwrap();
    }
    (db, a.id)
}

/// The first action of the roadmap to the next level up (the report's default target).
fn first_action(db: &Path, id: i64) -> String {
    let fw = zhizhuan_core::framework::load_builtin("miit-2024").unwrap();
    let s = zhizhuan_store::Store::open(db).unwrap();
    let answers = zhizhuan_core::answer::AnswersFile {
        framework: "miit-2024".into(),
        version: "2024".into(),
        variant: Some("manufacturing".into()),
        answers: s
            .answers(id)
            .unwrap()
            .into_iter()
            .map(|a| (a.item, a.value))
            .collect(),
    };
    let score = zhizhuan_core::score::score(&fw, &answers).unwrap();
    let r = zhizhuan_core::roadmap::roadmap(&fw, &answers, score.level.rank + 1).unwrap();
    r.phases[0].actions[0].action.action.clone()
}

#[test]
fn report_and_plan_of_a_stored_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = stored_assessment(dir.path(), true);
    for lang in ["zh", "en"] {
        let out = dir.path().join(format!("report-{lang}.pdf"));
        let o = zhizhuan()
            .arg("--db")
            .arg(&db)
            .args(["report", "--assessment", &id.to_string(), "--lang", lang])
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        if let Some(text) = pdf_text(&out) {
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            for must in [
                "无锡市镕昇喆堃智能装备有限公司",
                "91330100799655058B",
                "C35",
                // the province by name in the report's language; city and district as typed
                if lang == "zh" {
                    "江苏省无锡市新吴区"
                } else {
                    "Jiangsu无锡市新吴区"
                },
                "陈镕",
                "王昇",
                "现场查看交换机台账与网络拓扑图",
                "网络拓扑图-2025.pdf",
                if lang == "zh" { "三级" } else { "Level3" },
                "61.475",
            ] {
                assert!(squeezed.contains(must), "{lang}: {must} missing:\n{text}");
            }
        }
    }
    let plan = dir.path().join("plan.xlsx");
    let o = zhizhuan()
        .arg("--db")
        .arg(&db)
        .args(["plan", "--assessment", &id.to_string(), "--out"])
        .arg(&plan)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&plan).unwrap().starts_with(b"PK"));
    assert!(String::from_utf8_lossy(&o.stdout).contains("项行动"));
}

#[test]
fn stored_assessment_without_answers_reports_provisional() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = stored_assessment(dir.path(), false);
    let out = dir.path().join("empty.pdf");
    let o = zhizhuan()
        .arg("--db")
        .arg(&db)
        .args(["report", "--assessment", &id.to_string(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("暂定"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    if let Some(text) = pdf_text(&out) {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains("暂定结果"), "{text}");
    }
}

#[test]
fn unknown_assessment_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = stored_assessment(dir.path(), false);
    let o = zhizhuan()
        .arg("--db")
        .arg(&db)
        .args(["report", "--assessment", "999", "--out"])
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("999"), "{err}");
    assert!(!dir.path().join("x.pdf").exists());
}

/// `report --sample` to `name` in `dir` with `SOURCE_DATE_EPOCH` set on the child only.
fn sample_to(dir: &Path, name: &str, epoch: &str) -> std::process::Output {
    zhizhuan()
        .env("SOURCE_DATE_EPOCH", epoch)
        .args(["report", "--sample", "--out"])
        .arg(dir.join(name))
        .output()
        .unwrap()
}

#[test]
fn report_format_follows_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let o = sample_to(dir.path(), "Sample.DOCX", "1742263200");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(dir.path().join("Sample.DOCX")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(document.contains(SAMPLE_ENTERPRISE));

    for bad in ["sample.txt", "sample"] {
        let o = sample_to(dir.path(), bad, "1742263200");
        assert!(!o.status.success(), "{bad} was accepted");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(".pdf 或 .docx"), "{err}");
        if bad == "sample.txt" {
            assert!(err.contains("「.txt」"), "extension not named: {err}");
        }
        assert!(!dir.path().join(bad).exists(), "{bad} was written");
    }
}

#[test]
fn source_date_epoch_gives_the_same_bytes_and_is_the_date_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 2025-03-18 02:00:00 UTC; a day later.
    let (epoch, later) = ("1742263200", "1742349600");
    for ext in ["pdf", "docx"] {
        for (name, e) in [("a", epoch), ("b", epoch), ("c", later)] {
            let o = sample_to(d, &format!("{name}.{ext}"), e);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        let read = |n: &str| std::fs::read(d.join(format!("{n}.{ext}"))).unwrap();
        assert!(read("a") == read("b"), "{ext}: same epoch, different bytes");
        assert!(
            read("a") != read("c"),
            "{ext}: the epoch's date is not written"
        );
    }
    let pdf = std::fs::read(d.join("a.pdf")).unwrap();
    let created = b"/CreationDate(D:20250318020000+00'00')";
    assert!(
        pdf.windows(created.len()).any(|w| w == created),
        "creation date is not SOURCE_DATE_EPOCH"
    );
    let answers =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assessments/samples/miit-sample.json");
    for (name, e) in [("a", epoch), ("b", epoch), ("c", later)] {
        let o = zhizhuan()
            .env("SOURCE_DATE_EPOCH", e)
            .args(["plan", "--answers"])
            .arg(&answers)
            .arg("--out")
            .arg(d.join(format!("{name}.xlsx")))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let read = |n: &str| std::fs::read(d.join(format!("{n}.xlsx"))).unwrap();
    assert!(read("a") == read("b"), "xlsx: same epoch, different bytes");
    assert!(
        read("a") != read("c"),
        "xlsx: the epoch's date is not written"
    );
}

/// An enterprise profile as an exported bundle's data.json holds it (`enterprise`).
fn profile_json(credit_code: &str) -> String {
    serde_json::json!({
        "name": SAMPLE_ENTERPRISE,
        "creditCode": credit_code,
        "province": "320000",
        "city": "常州市",
        "district": "武进区",
        "industry": "C34",
        "size": "small",
        "createdAt": "2025-03-01T09:00:00+08:00",
        "updatedAt": "2025-03-01T09:00:00+08:00",
        "details": { "employees": 120 }
    })
    .to_string()
}

const ANSWERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/data/answers/miit/m09-level3-sixty-one.json"
);

/// `zhizhuan report --answers ANSWERS` with `extra` arguments, into `out`.
fn report_answers(out: &Path, extra: &[&str]) -> std::process::Output {
    zhizhuan()
        .args(["report", "--answers", ANSWERS, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_report_without_an_enterprise_is_a_draft_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, mark) in [
        ("zh", "样稿（未关联企业）"),
        ("en", "DRAFT — not linked to an enterprise"),
    ] {
        let out = dir.path().join(format!("draft-{lang}.pdf"));
        let o = report_answers(&out, &["--lang", lang]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let Some(text) = pdf_text(&out) else { return };
        // pdftotext ends every page with a form feed.
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() > 5, "{lang}: {} pages", pages.len());
        for (i, page) in pages.iter().enumerate() {
            assert!(page.contains(mark), "{lang}: page {} lacks {mark:?}", i + 1);
        }
    }
}

#[test]
fn a_report_with_an_enterprise_profile_is_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("enterprise.json");
    std::fs::write(&profile, profile_json("91320412MA1XK7QW39")).unwrap();
    // The whole data.json of a bundle is taken too.
    let data = dir.path().join("data.json");
    std::fs::write(
        &data,
        format!(
            "{{\"enterprise\": {}, \"assessments\": []}}",
            profile_json("91320412MA1XK7QW39")
        ),
    )
    .unwrap();
    for file in [&profile, &data] {
        let out = dir.path().join("linked.pdf");
        let o = report_answers(&out, &["--enterprise", file.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let Some(text) = pdf_text(&out) else { return };
        assert!(!text.contains("样稿"), "a linked report reads as a draft");
        assert!(text.contains(SAMPLE_ENTERPRISE));
        assert!(text.contains("91320412MA1XK7QW39"));
        // The profile's codes are printed with their names.
        assert!(text.contains("江苏省常州市武进区"), "region not named");
    }
}

#[test]
fn an_invalid_credit_code_is_refused_with_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("enterprise.json");
    // A valid code with a wrong check character (9 is right).
    std::fs::write(&profile, profile_json("91320412MA1XK7QW3X")).unwrap();
    let out = dir.path().join("bad.pdf");
    let o = report_answers(&out, &["--enterprise", profile.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("统一社会信用代码「91320412MA1XK7QW3X」"),
        "{err}"
    );
    assert!(
        err.contains("enterprise.json"),
        "the file is not named: {err}"
    );
    assert!(!out.exists(), "a report was written");

    // The same check on --credit-code.
    let o = report_answers(&out, &["--credit-code", "12345"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--credit-code") && err.contains("「12345」"),
        "{err}"
    );
    assert!(!out.exists(), "a report was written");

    // A file that is not a profile is named with its line and column.
    std::fs::write(&profile, "{\"name\": 3}").unwrap();
    let o = report_answers(&out, &["--enterprise", profile.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("enterprise.json:1:"), "{err}");
}

/// `assessments meta` records how the assessment was made; the report prints it (body, mode,
/// the recorded date rather than the answers' date, the body's own report number, the site
/// visit), and `--max-parallel default` clears the limit again.
/// `zhizhuan report --assessment ID --out OUT` succeeds; the PDF's text (None without
/// pdftotext outside CI).
fn stored_report_text(db: &Path, id: i64, out: &Path) -> Option<String> {
    let o = zhizhuan()
        .arg("--db")
        .arg(db)
        .args(["report", "--assessment", &id.to_string(), "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    pdf_text(out)
}

#[test]
fn assessment_meta_is_recorded_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = stored_assessment(dir.path(), true);
    let meta = |args: &[&str]| {
        let o = zhizhuan()
            .arg("--db")
            .arg(&db)
            .args(["assessments", "meta", &id.to_string(), "--json"])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let m = meta(&[
        "--org",
        "无锡数转服务中心",
        "--mode",
        "third_party",
        "--date",
        "2025-04-02",
        "--report-no",
        "WX-2025-088",
        "--site-visit",
        "2025-04-01",
        "--max-parallel",
        "2",
    ]);
    assert_eq!(m["maxParallel"], 2);
    assert_eq!(m["siteVisit"], true);
    assert_eq!(m["assessor"], "陈镕", "not given, so kept");
    if let Some(text) = stored_report_text(&db, id, &dir.path().join("meta.pdf")) {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        // the answers were given on 2025-03-18; the recorded date wins
        for must in [
            "无锡数转服务中心",
            "第三方评测",
            "2025年4月2日",
            "WX-2025-088",
            "是（2025年4月1日）",
        ] {
            assert!(squeezed.contains(must), "{must} missing:\n{text}");
        }
        assert!(
            !squeezed.contains("2025年3月18日"),
            "the answers' date printed"
        );
    }
    assert_eq!(
        meta(&["--max-parallel", "default"])["maxParallel"],
        serde_json::Value::Null
    );
    let o = zhizhuan()
        .arg("--db")
        .arg(&db)
        .args([
            "assessments",
            "meta",
            &id.to_string(),
            "--max-parallel",
            "21",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success(), "a limit of 21 was accepted");
    assert!(String::from_utf8_lossy(&o.stderr).contains("maxParallel"));
}

#[test]
fn a_plan_edit_from_the_cli_is_kept_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = stored_assessment(dir.path(), true);
    let action = first_action(&db, id);
    let id_arg = id.to_string();
    let run = |args: &[&str]| {
        zhizhuan()
            .arg("--db")
            .arg(&db)
            .arg("assessments")
            .args(args)
            .output()
            .unwrap()
    };
    let edit = |extra: &[&str]| {
        let mut args = vec!["edit-action", &id_arg, "--action", &action];
        args.extend(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let e = edit(&[
        "--owner",
        "赵喆",
        "--cost",
        "12.5",
        "--note",
        "设备供应商已报价",
    ]);
    assert_eq!(e["owner"], "赵喆");
    assert_eq!(
        e["status"], "inProgress",
        "not given, so the stored status is kept"
    );
    let e = edit(&["--status", "planned", "--cost", "none"]);
    assert_eq!(
        (&e["owner"], &e["cost"], &e["note"]),
        (
            &serde_json::json!("赵喆"),
            &serde_json::Value::Null,
            &serde_json::json!("设备供应商已报价")
        )
    );
    let listed: serde_json::Value =
        serde_json::from_slice(&run(&["edits", &id_arg]).stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    if let Some(text) = stored_report_text(&db, id, &dir.path().join("edited.pdf")) {
        assert!(text.contains("赵喆"), "the owner is not printed:\n{text}");
    }

    for (args, says) in [
        (vec!["--action", "no-such-action"], "no-such-action"),
        (vec!["--action", action.as_str(), "--cost", "十万"], "十万"),
        (
            vec!["--action", action.as_str(), "--start", "2027-02-30"],
            "2027-02-30",
        ),
    ] {
        let mut all = vec!["edit-action", &id_arg];
        all.extend(args);
        let o = run(&all);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && err.contains(says), "{all:?}: {err}");
    }
}
