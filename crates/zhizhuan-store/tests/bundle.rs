//! Bundles: round trips are byte-identical; merges never drop an answer; hostile or broken
//! bundles are refused with a reason and change nothing.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zhizhuan_core::answer::AnswerValue;
use zhizhuan_store::bundle::{
    AssessmentOutcome, BundleError, BundleLimits, BundleScope, EnterpriseOutcome, OnExisting,
};
use zhizhuan_store::enterprise::{Contact, EnterpriseDetails};
use zhizhuan_store::roadmap::{ActionStatus, RoadmapEditInput};
use zhizhuan_store::{Store, StoreError};

const CREATED: &str = "2026-02-01T08:00:00Z";

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A store with an enterprise whose final assessment was revised: several revisions per item,
/// N/A, a cleared answer, shared and detached evidence, roadmap edits, details.
fn rich_store(dir: &Path) -> (Store, i64, i64) {
    let s = Store::open(&dir.join("zhizhuan.db")).unwrap();
    let (e, a) = common::enterprise_with_draft(&s, common::CODE_A);
    set_rich_details(&s, e);
    answer_with_revisions_na_and_a_clear(&s, a);
    attach_shared_and_detached_evidence(&s, a);
    plan_one_action_and_cache_the_score(&s, a);
    set_provider_meta(&s, a);
    s.finalise_assessment(a, "2026-01-05T11:00:00Z").unwrap();
    let r = s
        .revise_assessment(a, "李顾问", "2026-01-06T09:00:00Z")
        .unwrap();
    s.set_answer(
        r.id,
        "jingying.design",
        Some(&AnswerValue::Level(3)),
        "",
        "李顾问",
        "2026-01-06T09:10:00Z",
    )
    .unwrap();
    (s, a, r.id)
}

/// The enterprise's details: size, revenue, a contact and every report text.
fn set_rich_details(s: &Store, e: i64) {
    s.set_enterprise_details(
        e,
        &EnterpriseDetails {
            employees: Some(180),
            revenue: Some("8650.25".parse().unwrap()),
            contacts: vec![Contact {
                name: "陈厂长".into(),
                role: "厂长".into(),
                phone: "0519-8888".into(),
                email: String::new(),
            }],
            legal_representative: "陈镕".into(),
            main_products: "减速机齿轮".into(),
            process_type: Some(zhizhuan_store::enterprise::ProcessType::Mixed),
            production_lines: "滚齿线 3 条".into(),
            it_systems: "ERP、MES".into(),
        },
        "2026-01-05T09:00:30Z",
    )
    .unwrap();
}

/// Two revisions of one item, an N/A answer, and an answer later cleared.
fn answer_with_revisions_na_and_a_clear(s: &Store, a: i64) {
    let opt = |s: &str| AnswerValue::Option(s.into());
    s.set_answer(
        a,
        "jichu.info-sys",
        Some(&opt("one")),
        "",
        "王工",
        "2026-01-05T10:00:00Z",
    )
    .unwrap();
    s.set_answer(
        a,
        "jichu.info-sys",
        Some(&opt("two-plus")),
        "看了 ERP 后台",
        "王工",
        "2026-01-05T10:05:00Z",
    )
    .unwrap();
    s.set_answer(
        a,
        "jichu.network",
        Some(&AnswerValue::Options(vec![])),
        "无排放工序",
        "王工",
        "2026-01-05T10:06:00Z",
    )
    .unwrap();
    s.set_answer(
        a,
        "jingying.design",
        Some(&AnswerValue::Level(2)),
        "",
        "王工",
        "2026-01-05T10:07:00Z",
    )
    .unwrap();
    s.set_answer(
        a,
        "jingying.design",
        None,
        "待复核",
        "王工",
        "2026-01-05T10:08:00Z",
    )
    .unwrap();
}

/// One photo attached to two items (shared bytes) and a PDF attached then removed.
fn attach_shared_and_detached_evidence(s: &Store, a: i64) {
    let photo: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let pdf = b"%PDF-1.7 contract of the ERP system".to_vec();
    s.attach_evidence(
        a,
        "jichu.info-sys",
        "ERP截图.png",
        "image/png",
        &mut photo.as_slice(),
        "王工",
        "2026-01-05T10:10:00Z",
    )
    .unwrap();
    s.attach_evidence(
        a,
        "jingying.design",
        "同一张.png",
        "image/png",
        &mut photo.as_slice(),
        "王工",
        "2026-01-05T10:11:00Z",
    )
    .unwrap();
    let gone = s
        .attach_evidence(
            a,
            "jichu.info-sys",
            "合同.pdf",
            "application/pdf",
            &mut pdf.as_slice(),
            "王工",
            "2026-01-05T10:12:00Z",
        )
        .unwrap();
    s.remove_evidence(gone.id, "2026-01-05T10:13:00Z").unwrap();
}

/// A roadmap edit of one action, then the score summary the answers give.
fn plan_one_action_and_cache_the_score(s: &Store, a: i64) {
    s.set_roadmap_edit(
        a,
        &RoadmapEditInput {
            action: "act.network.control-net".into(),
            owner: "信息化主管".into(),
            start_date: Some("2026-03-01".into()),
            due_date: Some("2026-12-31".into()),
            cost: Some("120.5".parse().unwrap()),
            status: ActionStatus::Planned,
            note: "申请专项资金".into(),
        },
        "王工",
        "2026-01-05T10:20:00Z",
    )
    .unwrap();
    // The summary the app caches is what the answers score (an import recomputes it).
    let fw = common::registry().find("miit-2024", Some("2024")).unwrap();
    let scored = zhizhuan_core::score::score(fw, &s.answers_file(a).unwrap()).unwrap();
    s.set_score_summary(
        a,
        scored.score,
        &scored.level.name.zh,
        "2026-01-05T10:30:00Z",
    )
    .unwrap();
}

/// The assessment's report details as a provider fills them in.
fn set_provider_meta(s: &Store, a: i64) {
    s.set_assessment_meta(
        a,
        &zhizhuan_store::meta::AssessmentMeta {
            organisation: "常州智造咨询有限公司".into(),
            assessor: "王工".into(),
            mode: zhizhuan_store::meta::AssessmentMode::Provider,
            assessed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5),
            report_no: "CZ-2026-017".into(),
            documents_reviewed: "ERP 后台、设备台账".into(),
            site_visit: true,
            site_visit_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 4),
            interviews: "厂长、信息化主管".into(),
            max_parallel: Some(2),
        },
        "2026-01-05T10:40:00Z",
    )
    .unwrap();
}

/// Rows of every table plus every evidence/backup file: what "nothing written" compares.
fn state(s: &Store) -> (Vec<String>, std::collections::BTreeMap<String, Vec<u8>>) {
    let path = s.path().unwrap();
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = Vec::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            rows.push(format!("{t}: {}", cells.join(" | ")));
        }
    }
    let mut files = common::snapshot_files(path.parent().unwrap());
    files.retain(|name, _| !name.starts_with("zhizhuan.db"));
    (rows, files)
}

fn entries_of(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

/// Writes a zip of `files` (deflated) with a correct manifest of all of them unless one is given.
fn write_bundle(
    path: &Path,
    mut files: Vec<(String, Vec<u8>)>,
    edit_manifest: impl FnOnce(&mut serde_json::Value),
) {
    files.retain(|(n, _)| n != "manifest.json");
    let entries: Vec<serde_json::Value> = files
        .iter()
        .map(|(n, b)| serde_json::json!({"path": n, "size": b.len(), "sha256": hex(&Sha256::digest(b))}))
        .collect();
    let mut manifest = serde_json::json!({
        "format": "zhizhuan-bundle", "formatVersion": 1, "appVersion": "0.1.0", "createdAt": CREATED, "entries": entries
    });
    edit_manifest(&mut manifest);
    files.push((
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap(),
    ));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, b) in files {
        zip.start_file(n, opts).unwrap();
        zip.write_all(&b).unwrap();
    }
    zip.finish().unwrap();
}

/// Manifest entries describing `files` as they are (before a test tampers with them).
fn listing(files: &[(String, Vec<u8>)]) -> Vec<serde_json::Value> {
    files
        .iter()
        .filter(|(n, _)| n != "manifest.json")
        .map(|(n, b)| serde_json::json!({"path": n, "size": b.len(), "sha256": hex(&Sha256::digest(b))}))
        .collect()
}

fn data_json(files: &[(String, Vec<u8>)]) -> serde_json::Value {
    serde_json::from_slice(&files.iter().find(|(n, _)| n == "data.json").unwrap().1).unwrap()
}

fn set_data(files: &mut [(String, Vec<u8>)], data: &serde_json::Value) {
    files.iter_mut().find(|(n, _)| n == "data.json").unwrap().1 =
        serde_json::to_vec_pretty(data).unwrap();
}

#[test]
fn export_import_export_is_byte_identical() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (s1, a, r) = rich_store(d1.path());
    let e1 = s1.assessment(a).unwrap().enterprise_id;
    let first = d1.path().join("out.zip");
    let report = s1
        .export_bundle(BundleScope::Enterprise(e1), &first, CREATED)
        .unwrap();
    assert_eq!((report.assessments, report.evidence_files), (2, 2));

    let s2 = Store::open(&d2.path().join("zhizhuan.db")).unwrap();
    let imported = s2
        .import_bundle(&first, OnExisting::Refuse, common::registry())
        .unwrap();
    assert_eq!(imported.enterprise, EnterpriseOutcome::Created);
    assert_eq!(imported.evidence_files_added, 2);
    assert!(
        imported
            .assessments
            .iter()
            .all(|x| x.outcome == AssessmentOutcome::Created)
    );
    let second = d2.path().join("again.zip");
    s2.export_bundle(
        BundleScope::Enterprise(imported.enterprise_id),
        &second,
        CREATED,
    )
    .unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
        "bundles differ"
    );

    // Attachments are the same bytes under the same hash-derived paths.
    let ev = |d: &Path| {
        let mut f = common::snapshot_files(d);
        f.retain(|n, _| n.starts_with("evidence/"));
        f
    };
    assert_eq!(ev(d1.path()), ev(d2.path()));
    // And the imported revision behaves: history across revisions, final predecessor read-only.
    let r2 = imported.assessments[1].id;
    assert_eq!(
        s2.answer_history_across_revisions(r2, "jingying.design")
            .unwrap()
            .len(),
        s1.answer_history_across_revisions(r, "jingying.design")
            .unwrap()
            .len()
    );
    assert!(matches!(
        s2.set_answer(imported.assessments[0].id, "x", None, "", "", "t"),
        Err(StoreError::AssessmentFinal(_))
    ));
    assert_eq!(
        s2.enterprise_details(imported.enterprise_id).unwrap(),
        s1.enterprise_details(e1).unwrap()
    );
    let meta = s2.assessment_meta(imported.assessments[0].id).unwrap();
    assert_eq!(meta, s1.assessment_meta(a).unwrap());
    assert_eq!(
        meta.report_no, "CZ-2026-017",
        "the meta was carried, not defaulted"
    );
    // An assessment's bundle carries the chain it builds on.
    let one = d1.path().join("one.zip");
    assert_eq!(
        s1.export_bundle(BundleScope::Assessment(r), &one, CREATED)
            .unwrap()
            .assessments,
        2
    );
}

/// A bundle written before format 2 (no `meta`, no report texts in the profile) still imports:
/// the new fields take their defaults, everything else arrives.
#[test]
fn a_version_1_bundle_imports_with_default_report_fields() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (s1, a, _) = rich_store(d1.path());
    let e1 = s1.assessment(a).unwrap().enterprise_id;
    let v2 = d1.path().join("v2.zip");
    s1.export_bundle(BundleScope::Enterprise(e1), &v2, CREATED)
        .unwrap();
    let mut files = entries_of(&v2);
    let mut data = data_json(&files);
    for x in data["assessments"].as_array_mut().unwrap() {
        assert!(x.as_object_mut().unwrap().remove("meta").is_some());
    }
    let details = data["enterprise"]["details"].as_object_mut().unwrap();
    for k in [
        "legalRepresentative",
        "mainProducts",
        "processType",
        "productionLines",
        "itSystems",
    ] {
        assert!(details.remove(k).is_some(), "{k}");
    }
    set_data(&mut files, &data);
    let v1 = d1.path().join("v1.zip");
    write_bundle(&v1, files, |m| assert_eq!(m["formatVersion"], 1));

    let s2 = Store::open(&d2.path().join("zhizhuan.db")).unwrap();
    let imported = s2
        .import_bundle(&v1, OnExisting::Refuse, common::registry())
        .unwrap();
    let first = imported.assessments[0].id;
    let meta = s2.assessment_meta(first).unwrap();
    assert_eq!(
        meta,
        zhizhuan_store::meta::AssessmentMeta {
            assessor: s1.assessment(a).unwrap().assessor,
            ..Default::default()
        }
    );
    let got = s2.enterprise_details(imported.enterprise_id).unwrap();
    let mut want = s1.enterprise_details(e1).unwrap();
    (want.legal_representative, want.main_products) = (String::new(), String::new());
    (want.production_lines, want.it_systems) = (String::new(), String::new());
    want.process_type = None;
    assert_eq!(got, want);
}

#[test]
fn an_existing_enterprise_is_merged_or_kept_apart_by_choice_and_no_answer_is_lost() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let s1 = Store::open(&d1.path().join("zhizhuan.db")).unwrap();
    let (_, a) = common::enterprise_with_draft(&s1, common::CODE_A);
    s1.set_answer(
        a,
        "jingying.design",
        Some(&AnswerValue::Level(1)),
        "",
        "王",
        "2026-01-01T10:00:00Z",
    )
    .unwrap();
    let v1 = d1.path().join("v1.zip");
    s1.export_bundle(BundleScope::Assessment(a), &v1, CREATED)
        .unwrap();

    let s2 = Store::open(&d2.path().join("zhizhuan.db")).unwrap();
    let first = s2
        .import_bundle(&v1, OnExisting::Refuse, common::registry())
        .unwrap();
    let a2 = first.assessments[0].id;

    the_same_bundle_again_is_refused_or_merged_unchanged(&s2, &v1);
    a_continued_draft_merges_as_an_extension(&s1, a, &s2, a2, d1.path());
    let v3 = changes_on_both_sides_come_in_as_a_copy(&s1, a, &s2, a2, d1.path());
    kept_apart_is_a_second_enterprise_marked_as_a_copy(&s2, &v3, first.enterprise_id);
}

/// Same bundle again: the caller must choose; refusing writes nothing, merging changes nothing.
fn the_same_bundle_again_is_refused_or_merged_unchanged(s2: &Store, v1: &Path) {
    let before = state(s2);
    let err = s2
        .import_bundle(v1, OnExisting::Refuse, common::registry())
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Bundle(BundleError::EnterpriseExists { .. })
        ),
        "{err}"
    );
    assert_eq!(state(s2), before);
    let again = s2
        .import_bundle(v1, OnExisting::Merge, common::registry())
        .unwrap();
    assert_eq!(
        (again.enterprise, &again.assessments[0].outcome),
        (EnterpriseOutcome::Merged, &AssessmentOutcome::Unchanged)
    );
}

/// The laptop continued the draft: merging its new bundle extends the imported assessment.
fn a_continued_draft_merges_as_an_extension(s1: &Store, a: i64, s2: &Store, a2: i64, d1: &Path) {
    s1.set_answer(
        a,
        "jingying.design",
        Some(&AnswerValue::Level(2)),
        "",
        "王",
        "2026-01-02T10:00:00Z",
    )
    .unwrap();
    s1.set_answer(
        a,
        "jichu.network",
        Some(&AnswerValue::Options(vec![])),
        "",
        "王",
        "2026-01-03T10:00:00Z",
    )
    .unwrap();
    let v2 = d1.join("v2.zip");
    s1.export_bundle(BundleScope::Assessment(a), &v2, CREATED)
        .unwrap();
    let merged = s2
        .import_bundle(&v2, OnExisting::Merge, common::registry())
        .unwrap();
    assert_eq!(
        merged.assessments[0].outcome,
        AssessmentOutcome::Extended { answers_added: 2 }
    );
    assert_eq!(merged.assessments[0].id, a2);
    assert_eq!(s2.answer_history(a2, None).unwrap().len(), 3);
}

/// Both sides changed: the bundle's version comes in as a separate copy and both survive.
/// Returns the bundle with the laptop's latest version.
fn changes_on_both_sides_come_in_as_a_copy(
    s1: &Store,
    a: i64,
    s2: &Store,
    a2: i64,
    d1: &Path,
) -> PathBuf {
    s2.set_answer(
        a2,
        "jingying.process",
        Some(&AnswerValue::Level(1)),
        "",
        "客户",
        "2026-01-04T10:00:00Z",
    )
    .unwrap();
    s1.set_answer(
        a,
        "jingying.design",
        Some(&AnswerValue::Level(3)),
        "",
        "王",
        "2026-01-05T10:00:00Z",
    )
    .unwrap();
    let v3 = d1.join("v3.zip");
    s1.export_bundle(BundleScope::Assessment(a), &v3, CREATED)
        .unwrap();
    let diverged = s2
        .import_bundle(&v3, OnExisting::Merge, common::registry())
        .unwrap();
    assert_eq!(diverged.assessments[0].outcome, AssessmentOutcome::Copied);
    let copy = diverged.assessments[0].id;
    assert_ne!(copy, a2);
    assert_eq!(
        s2.answer(a2, "jingying.process").unwrap().unwrap().value,
        AnswerValue::Level(1)
    );
    assert_eq!(
        s2.answer(copy, "jingying.design").unwrap().unwrap().value,
        AnswerValue::Level(3)
    );
    v3
}

/// Kept apart: a second enterprise row marked as a copy of the first, with the bundle's answers.
fn kept_apart_is_a_second_enterprise_marked_as_a_copy(s2: &Store, v3: &Path, original: i64) {
    let apart = s2
        .import_bundle(v3, OnExisting::KeepApart, common::registry())
        .unwrap();
    assert_eq!(apart.enterprise, EnterpriseOutcome::KeptApart { original });
    assert_eq!(
        s2.enterprise_duplicate_of(apart.enterprise_id).unwrap(),
        Some(original)
    );
    assert_eq!(s2.enterprises().unwrap().len(), 2);
    assert_eq!(s2.answers(apart.assessments[0].id).unwrap().len(), 2);
}

/// Builds a bundle file from the good bundle's entries.
type Maker = Box<dyn Fn(&Path, Vec<(String, Vec<u8>)>)>;

/// One malformed or hostile bundle: how it is made and what the refusal must say.
struct Case {
    name: &'static str,
    limits: BundleLimits,
    make: Maker,
    expect: fn(&BundleError) -> bool,
}

fn case(
    name: &'static str,
    make: impl Fn(&Path, Vec<(String, Vec<u8>)>) + 'static,
    expect: fn(&BundleError) -> bool,
) -> Case {
    Case {
        name,
        limits: BundleLimits::default(),
        make: Box::new(make),
        expect,
    }
}

#[test]
fn malicious_and_malformed_bundles_are_refused_and_nothing_is_written() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (s1, a, _) = rich_store(d1.path());
    let good_entries = good_bundle_entries(&s1, a, d1.path());
    let s2 = store_holding_another_enterprise(d2.path());
    let cases = refusal_cases(&good_entries);

    let before = state(&s2);
    for c in &cases {
        let path = d1
            .path()
            .join(format!("case-{}.zip", c.name.replace(' ', "-")));
        (c.make)(&path, good_entries.clone());
        let result =
            s2.import_bundle_with_limits(&path, OnExisting::Merge, &c.limits, common::registry());
        if c.name.starts_with("control") {
            // the valid bundle merges beside the other enterprise, and imports into an empty store
            result.unwrap_or_else(|e| panic!("{}: {e}", c.name));
            let d3 = tempfile::tempdir().unwrap();
            let s3 = Store::open(&d3.path().join("zhizhuan.db")).unwrap();
            s3.import_bundle_with_limits(&path, OnExisting::Refuse, &c.limits, common::registry())
                .unwrap();
            continue;
        }
        match result {
            Err(StoreError::Bundle(e)) => {
                assert!((c.expect)(&e), "{}: unexpected refusal {e:?}", c.name);
                assert!(!e.to_string().is_empty());
                println!("{:<45} → {e}", c.name);
            }
            other => panic!("{}: expected a refusal, got {other:?}", c.name),
        }
        assert_eq!(state(&s2), before, "{}: something was written", c.name);
        let leftovers: Vec<_> = std::fs::read_dir(d2.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with(".import"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{}: staging left behind {leftovers:?}",
            c.name
        );
    }
    assert!(cases.len() > 40, "{} cases", cases.len());
}

/// Exports the rich store's enterprise to good.zip and reads back its entries.
fn good_bundle_entries(s1: &Store, a: i64, dir: &Path) -> Vec<(String, Vec<u8>)> {
    let good = dir.join("good.zip");
    s1.export_bundle(
        BundleScope::Enterprise(s1.assessment(a).unwrap().enterprise_id),
        &good,
        CREATED,
    )
    .unwrap();
    entries_of(&good)
}

/// The target already holds another enterprise with an assessment and evidence.
fn store_holding_another_enterprise(dir: &Path) -> Store {
    let s2 = Store::open(&dir.join("zhizhuan.db")).unwrap();
    let (_, b) = common::enterprise_with_draft(&s2, common::CODE_B);
    s2.set_answer(b, "x", Some(&AnswerValue::Level(1)), "", "", "t")
        .unwrap();
    s2.attach_evidence(
        b,
        "x",
        "a.txt",
        "text/plain",
        &mut &b"existing"[..],
        "",
        "t",
    )
    .unwrap();
    s2
}

/// Every refusal case in the order they are tried, the valid control last.
fn refusal_cases(good_entries: &[(String, Vec<u8>)]) -> Vec<Case> {
    let evidence_names: Vec<String> = good_entries
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n.starts_with("evidence/"))
        .collect();
    let mut cases = path_cases();
    cases.extend(manifest_cases(&evidence_names));
    cases.extend(size_cases());
    cases.extend(not_a_zip_cases());
    cases.extend(data_file_cases());
    cases.extend(entry_kind_cases());
    // What data.json means: each refused before the first write, located, naming the value.
    cases.extend(meaning_cases());
    cases.extend(text_cases());
    // Sanity: the untouched entries rebuilt the same way import fine (checked last, in a copy).
    cases.push(case(
        "control: a valid rebuilt bundle",
        |p, f| write_bundle(p, f, |_| {}),
        |_| false,
    ));
    cases
}

/// Entry names that would write outside the store.
fn path_cases() -> Vec<Case> {
    vec![
        case(
            "path traversal",
            |p, mut f| {
                f.push(("../evil.txt".into(), b"x".to_vec()));
                write_bundle(p, f, |_| {})
            },
            |e| matches!(e, BundleError::UnsafePath { name, .. } if name == "../evil.txt"),
        ),
        case(
            "nested traversal",
            |p, mut f| {
                f.push(("evidence/../../evil".into(), b"x".to_vec()));
                write_bundle(p, f, |_| {})
            },
            |e| matches!(e, BundleError::UnsafePath { .. }),
        ),
        case(
            "absolute path",
            |p, mut f| {
                f.push(("/tmp/evil".into(), b"x".to_vec()));
                write_bundle(p, f, |_| {})
            },
            |e| matches!(e, BundleError::UnsafePath { .. }),
        ),
        case(
            "backslashes",
            |p, mut f| {
                f.push(("evidence\\..\\evil".into(), b"x".to_vec()));
                write_bundle(p, f, |_| {})
            },
            |e| matches!(e, BundleError::UnsafePath { .. }),
        ),
    ]
}

/// Manifests that are not ours, or that disagree with the entries.
fn manifest_cases(evidence_names: &[String]) -> Vec<Case> {
    let ev0 = evidence_names[0].clone();
    let ev1 = evidence_names[1].clone();
    vec![
        case(
            "unknown manifest version (one past the newest this build reads)",
            |p, f| write_bundle(p, f, |m| m["formatVersion"] = 3.into()),
            |e| matches!(e, BundleError::UnknownVersion { found } if found == "3"),
        ),
        case(
            "not our format",
            |p, f| write_bundle(p, f, |m| m["format"] = "other-app".into()),
            |e| matches!(e, BundleError::WrongFormat { .. }),
        ),
        case(
            "data.json hash mismatch",
            |p, f| {
                write_bundle(p, f, |m| {
                    let entries = m["entries"].as_array_mut().unwrap();
                    let d = entries
                        .iter_mut()
                        .find(|x| x["path"] == "data.json")
                        .unwrap();
                    d["sha256"] = "0".repeat(64).into();
                })
            },
            |e| matches!(e, BundleError::HashMismatch { name, .. } if name == "data.json"),
        ),
        case(
            "evidence bytes swapped (name and manifest say another hash)",
            {
                let ev1 = ev1.clone();
                move |p, mut f| {
                    let real = listing(&f);
                    let i = f.iter().position(|(n, _)| *n == ev1).unwrap();
                    let len = f[i].1.len();
                    f[i].1 = vec![0x42; len]; // same size, different content
                    write_bundle(p, f, |m| m["entries"] = real.into());
                }
            },
            |e| matches!(e, BundleError::HashMismatch { .. }),
        ),
        case(
            "missing evidence entry",
            {
                let ev0 = ev0.clone();
                move |p, f| {
                    let listed = listing(&f);
                    let f = f.into_iter().filter(|(n, _)| *n != ev0).collect();
                    write_bundle(p, f, |m| m["entries"] = listed.into());
                }
            },
            |e| matches!(e, BundleError::MissingEntry { .. }),
        ),
        case(
            "entry not in the manifest",
            |p, f| {
                let listed = listing(&f);
                let mut f = f;
                let extra = b"smuggled".to_vec();
                f.push((format!("evidence/{}", hex(&Sha256::digest(&extra))), extra));
                write_bundle(p, f, |m| m["entries"] = listed.into());
            },
            |e| matches!(e, BundleError::Unlisted { .. }),
        ),
    ]
}

/// A zip bomb, and bundles over the entry-count and size limits.
fn size_cases() -> Vec<Case> {
    let bomb: Vec<u8> = vec![0; 8 * 1024 * 1024];
    let bomb_name = format!("evidence/{}", hex(&Sha256::digest(&bomb)));
    vec![
        case(
            "zip bomb (compression ratio)",
            {
                let (bomb, bomb_name) = (bomb.clone(), bomb_name.clone());
                move |p, mut f| {
                    f.push((bomb_name.clone(), bomb.clone()));
                    write_bundle(p, f, |_| {})
                }
            },
            |e| matches!(e, BundleError::CompressionRatio { .. }),
        ),
        Case {
            limits: BundleLimits {
                max_entries: 3,
                ..BundleLimits::default()
            },
            ..case(
                "too many entries",
                |p, f| write_bundle(p, f, |_| {}),
                |e| matches!(e, BundleError::TooManyEntries { count: 4, limit: 3 }),
            )
        },
        Case {
            limits: BundleLimits {
                max_entry_bytes: 60_000,
                ..BundleLimits::default()
            },
            ..case(
                "oversized entry",
                |p, f| write_bundle(p, f, |_| {}),
                |e| matches!(e, BundleError::EntryTooLarge { .. }),
            )
        },
        Case {
            limits: BundleLimits {
                max_total_bytes: 70_000,
                ..BundleLimits::default()
            },
            ..case(
                "too large in total",
                |p, f| write_bundle(p, f, |_| {}),
                |e| matches!(e, BundleError::TooLargeInTotal { .. }),
            )
        },
    ]
}

/// Files that are not a zip, or only half of one.
fn not_a_zip_cases() -> Vec<Case> {
    vec![
        case(
            "not a zip",
            |p, _| std::fs::write(p, b"MZ\x90\x00 this is an exe, not a bundle").unwrap(),
            |e| matches!(e, BundleError::NotAZip { .. }),
        ),
        case(
            "truncated zip",
            |p, f| {
                write_bundle(p, f, |_| {});
                let b = std::fs::read(p).unwrap();
                std::fs::write(p, &b[..b.len() / 2]).unwrap()
            },
            |e| matches!(e, BundleError::NotAZip { .. }),
        ),
    ]
}

/// data.json that is broken or contradicts itself or the entries.
fn data_file_cases() -> Vec<Case> {
    vec![
        case(
            "invalid credit code in data.json",
            |p, mut f| {
                let mut d = data_json(&f);
                d["enterprise"]["creditCode"] = "914403001922038217".into();
                set_data(&mut f, &d);
                write_bundle(p, f, |_| {});
            },
            |e| matches!(e, BundleError::Invalid { location, message } if location == "data.json enterprise" && message.contains("creditCode")),
        ),
        case(
            "malformed JSON, located",
            |p, mut f| {
                let i = f.iter().position(|(n, _)| n == "data.json").unwrap();
                f[i].1 = b"{\n  \"enterprise\": {\n    \"name\": oops\n".to_vec();
                write_bundle(p, f, |_| {});
            },
            |e| matches!(e, BundleError::Json { entry, line: 3, .. } if entry == "data.json"),
        ),
        case(
            "unknown answer shape",
            |p, mut f| {
                let mut d = data_json(&f);
                d["assessments"][0]["answers"][0]["value"] = serde_json::json!({"optoin": "x"});
                set_data(&mut f, &d);
                write_bundle(p, f, |_| {});
            },
            |e| matches!(e, BundleError::Json { message, .. } if message.contains("optoin")),
        ),
        case(
            "evidence record without its file",
            |p, mut f| {
                let mut d = data_json(&f);
                d["assessments"][0]["evidence"][0]["sha256"] = "ab".repeat(32).into();
                set_data(&mut f, &d);
                write_bundle(p, f, |_| {});
            },
            |e| matches!(e, BundleError::MissingEntry { name } if name.ends_with(&"ab".repeat(32))),
        ),
        case(
            "revision before its predecessor",
            |p, mut f| {
                let mut d = data_json(&f);
                d["assessments"].as_array_mut().unwrap().reverse();
                set_data(&mut f, &d);
                write_bundle(p, f, |_| {});
            },
            |e| matches!(e, BundleError::Invalid { location, .. } if location.ends_with("previousUid")),
        ),
        case(
            "a report number one character over its cap",
            |p, mut f| {
                let mut d = data_json(&f);
                d["assessments"][0]["meta"]["reportNo"] = "号"
                    .repeat(zhizhuan_store::meta::REPORT_NO_MAX_CHARS + 1)
                    .into();
                set_data(&mut f, &d);
                write_bundle(p, f, |_| {});
            },
            |e| matches!(e, BundleError::Invalid { location, .. } if location.ends_with("assessments[0].meta")),
        ),
    ]
}

/// Entries that are folders or symlinks rather than files.
fn entry_kind_cases() -> Vec<Case> {
    vec![
        case(
            "folder entry",
            |p, f| {
                write_bundle(p, f, |_| {});
                let mut z = zip::ZipWriter::new_append(
                    std::fs::OpenOptions::new()
                        .read(true)
                        .write(true)
                        .open(p)
                        .unwrap(),
                )
                .unwrap();
                z.add_directory("evidence/", zip::write::SimpleFileOptions::default())
                    .unwrap();
                z.finish().unwrap();
            },
            |e| matches!(e, BundleError::NotAFile { .. }),
        ),
        case(
            "symlink entry",
            |p, f| {
                write_bundle(p, f, |_| {});
                let mut z = zip::ZipWriter::new_append(
                    std::fs::OpenOptions::new()
                        .read(true)
                        .write(true)
                        .open(p)
                        .unwrap(),
                )
                .unwrap();
                z.add_symlink(
                    format!("evidence/{}", "cd".repeat(32)),
                    "/etc/passwd",
                    zip::write::SimpleFileOptions::default(),
                )
                .unwrap();
                z.finish().unwrap();
            },
            |e| matches!(e, BundleError::NotAFile { .. }),
        ),
    ]
}

#[test]
fn a_store_without_the_file_is_reported_by_path() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(&d.path().join("zhizhuan.db")).unwrap();
    let missing: PathBuf = d.path().join("nope.zip");
    let err = s
        .import_bundle(&missing, OnExisting::Refuse, common::registry())
        .unwrap_err();
    assert!(err.to_string().contains("nope.zip"), "{err}");
}

/// A change to data.json.
type Edit = fn(&mut serde_json::Value);

fn data_case(name: &'static str, edit: Edit) -> Case {
    case(
        name,
        move |p, mut f| {
            let mut d = data_json(&f);
            edit(&mut d);
            set_data(&mut f, &d);
            write_bundle(p, f, |_| {});
        },
        |e| matches!(e, BundleError::Invalid { location, .. } if location.starts_with("data.json")),
    )
}

/// Answers, frameworks, variants and timestamps that the framework or the format refuses.
fn meaning_cases() -> Vec<Case> {
    let mut cases = answer_cases();
    cases.extend(record_cases());
    cases
}

/// Answers that do not fit their framework's items.
fn answer_cases() -> Vec<Case> {
    vec![
        data_case("unknown item", |d| {
            d["assessments"][0]["answers"][0]["item"] = "no.such.item".into()
        }),
        data_case("unknown item cleared", |d| {
            let a = &mut d["assessments"][0]["answers"][0];
            a["item"] = "no.such.item".into();
            a["value"] = serde_json::Value::Null;
        }),
        data_case("level 9 on a 4-rung ladder", |d| {
            let a = &mut d["assessments"][0]["answers"][0];
            a["item"] = "jingying.design".into();
            a["value"] = serde_json::json!({"level": 9});
        }),
        data_case("wrong shape for the item", |d| {
            d["assessments"][0]["answers"][0]["value"] = serde_json::json!({"level": 2})
        }),
        data_case("unknown option", |d| {
            d["assessments"][0]["answers"][0]["value"] = serde_json::json!({"option": "nope"})
        }),
        data_case("numerator above denominator", |d| {
            let a = &mut d["assessments"][0]["answers"][0];
            a["item"] = "jichu.equip-dig".into();
            a["value"] = serde_json::json!({"numbers": {"total": "10", "digital": "30"}});
        }),
        data_case("zero over zero", |d| {
            let a = &mut d["assessments"][0]["answers"][0];
            a["item"] = "jichu.equip-dig".into();
            a["value"] = serde_json::json!({"numbers": {"total": "0", "digital": "0"}});
        }),
        data_case("negative count", |d| {
            let a = &mut d["assessments"][0]["answers"][0];
            a["item"] = "jichu.equip-dig".into();
            a["value"] = serde_json::json!({"numbers": {"total": "-5", "digital": "0"}});
        }),
        data_case("not applicable where the item does not allow it", |d| {
            d["assessments"][0]["answers"][0]["value"] = "na".into()
        }),
        data_case("a revision's answer does not fit", |d| {
            let last = d["assessments"].as_array().unwrap().len() - 1;
            d["assessments"][last]["answers"][0]["value"] = serde_json::json!({"options": ["x"]});
        }),
    ]
}

/// Records that name what does not exist (framework, variant, item, action) or carry times
/// that are not dates.
fn record_cases() -> Vec<Case> {
    vec![
        data_case("unknown framework", |d| {
            d["assessments"][0]["frameworkId"] = "miit-2099".into()
        }),
        data_case("unknown framework version", |d| {
            d["assessments"][0]["frameworkVersion"] = "2031".into()
        }),
        data_case("unknown variant", |d| {
            d["assessments"][0]["variant"] = "bakery".into()
        }),
        data_case("evidence on an unknown item", |d| {
            d["assessments"][0]["evidence"][0]["item"] = "no.such.item".into()
        }),
        data_case("createdAt not a date", |d| {
            d["assessments"][0]["createdAt"] = "not a date".into()
        }),
        data_case("updatedAt not a date", |d| {
            d["assessments"][0]["updatedAt"] = "2026-13-45T99:00:00Z".into()
        }),
        data_case("finalisedAt not a date", |d| {
            d["assessments"][0]["finalisedAt"] = "yesterday".into()
        }),
        data_case("answer time not a date", |d| {
            d["assessments"][0]["answers"][0]["at"] = "t".into()
        }),
        data_case("evidence time not a date", |d| {
            d["assessments"][0]["evidence"][0]["addedAt"] = "".into()
        }),
        data_case("roadmap time not a date", |d| {
            d["assessments"][0]["roadmap"][0]["updatedAt"] = "soon".into()
        }),
        data_case("enterprise time not a date", |d| {
            d["enterprise"]["createdAt"] = "2026/01/05".into()
        }),
        data_case("roadmap edit of an unknown action", |d| {
            d["assessments"][0]["roadmap"][0]["action"] = "mes-rollout".into()
        }),
    ]
}

/// Replaces `from` by `to` in data.json's text (and lists the result in the manifest).
fn text_case(
    name: &'static str,
    from: &'static str,
    to: &'static str,
    expect: fn(&BundleError) -> bool,
) -> Case {
    case(
        name,
        move |p, mut f| {
            let i = f.iter().position(|(n, _)| n == "data.json").unwrap();
            let text = String::from_utf8(f[i].1.clone()).unwrap();
            assert!(text.contains(from), "{name}: data.json has no {from}");
            f[i].1 = text.replacen(from, to, 1).into_bytes();
            write_bundle(p, f, |_| {});
        },
        expect,
    )
}

/// What the JSON text itself may not do, and a zip naming one entry twice.
fn text_cases() -> Vec<Case> {
    vec![
        text_case(
            "duplicate key",
            "\"enterprise\": {",
            "\"enterprise\": {\n    \"name\": \"第一个\",",
            |e| matches!(e, BundleError::Json { message, .. } if message.contains("duplicate key")),
        ),
        text_case(
            "number read through a float",
            "\"revenue\": \"8650.25\"",
            "\"revenue\": 8650.2500000000000001",
            |e| matches!(e, BundleError::Json { message, .. } if message.contains("exactly")),
        ),
        case(
            "duplicate entry names",
            |p, mut f| {
                // Same length as data.json, renamed in the written bytes afterwards.
                let data = f.iter().find(|(n, _)| n == "data.json").unwrap().1.clone();
                f.push(("data.jsoX".into(), data));
                write_bundle(p, f, |m| {
                    let entries = m["entries"].as_array_mut().unwrap();
                    entries.retain(|x| x["path"] != "data.jsoX");
                });
                let bytes = std::fs::read(p).unwrap();
                let renamed = replace_all(&bytes, b"data.jsoX", b"data.json");
                std::fs::write(p, renamed).unwrap();
            },
            |e| matches!(e, BundleError::UnsafePath { reason, .. } if reason.contains("重名")),
        ),
    ]
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn a_cached_score_is_recomputed_and_a_bom_is_accepted() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (s1, a, _) = rich_store(d1.path());
    let good = d1.path().join("good.zip");
    let e = s1.assessment(a).unwrap().enterprise_id;
    s1.export_bundle(BundleScope::Enterprise(e), &good, CREATED)
        .unwrap();
    let mut files = entries_of(&good);
    let mut d = data_json(&files);
    // The final assessment claims the top level and full marks.
    d["assessments"][0]["level"] = "四级".into();
    d["assessments"][0]["score"] = "100".into();
    set_data(&mut files, &d);
    let i = files.iter().position(|(n, _)| n == "data.json").unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&files[i].1);
    files[i].1 = with_bom;
    let path = d1.path().join("boasting.zip");
    write_bundle(&path, files, |_| {});
    let s2 = Store::open(&d2.path().join("zhizhuan.db")).unwrap();
    let r = s2
        .import_bundle(&path, OnExisting::Refuse, common::registry())
        .unwrap();
    let stored = s2.assessment(r.assessments[0].id).unwrap();
    let fw = common::registry().find("miit-2024", Some("2024")).unwrap();
    let truth = zhizhuan_core::score::score(fw, &s2.answers_file(stored.id).unwrap()).unwrap();
    assert_eq!(
        (stored.score, stored.level.as_deref()),
        (Some(truth.score), Some(truth.level.name.zh.as_str()))
    );
    assert_ne!(stored.level.as_deref(), Some("四级"));
}
