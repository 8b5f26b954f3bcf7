//! The assessment's report fields (migration 3): stored and read back exactly, defaulted on a
//! database written before them, read-only once final, carried (in part) into a revision.

mod common;

use chrono::NaiveDate;
use rusqlite::Connection;
use zhizhuan_store::meta::{AssessmentMeta, AssessmentMode};
use zhizhuan_store::{Store, StoreError, migrations};

fn described() -> AssessmentMeta {
    AssessmentMeta {
        organisation: "常州智造咨询有限公司".into(),
        assessor: "陈镕".into(),
        mode: AssessmentMode::ThirdParty,
        assessed_on: NaiveDate::from_ymd_opt(2026, 3, 18),
        report_no: "CZ-2026-017".into(),
        documents_reviewed: "设备台账、ERP 后台".into(),
        site_visit: true,
        site_visit_on: NaiveDate::from_ymd_opt(2026, 3, 17),
        interviews: "厂长、信息化主管".into(),
        max_parallel: Some(5),
    }
}

#[test]
fn meta_round_trips_and_a_final_assessment_refuses_changes() {
    let s = Store::open_in_memory().unwrap();
    let (_, a) = common::enterprise_with_draft(&s, common::CODE_A);
    let before = s.assessment_meta(a).unwrap();
    assert_eq!(before.mode, AssessmentMode::SelfAssessed);
    assert_eq!(before.max_parallel, None, "NULL = the engine's default");

    s.set_assessment_meta(a, &described(), "2026-03-18T10:00:00Z")
        .unwrap();
    assert_eq!(s.assessment_meta(a).unwrap(), described());
    // the assessor column is the one the assessment list shows
    assert_eq!(s.assessment(a).unwrap().assessor, "陈镕");

    s.set_assessment_max_parallel(a, None, "t").unwrap();
    assert_eq!(s.assessment_max_parallel(a).unwrap(), None);
    assert!(matches!(
        s.set_assessment_max_parallel(a, Some(21), "t"),
        Err(StoreError::InvalidMeta { field, .. }) if field == "maxParallel"
    ));
    s.set_assessment_max_parallel(a, Some(1), "t").unwrap();

    s.finalise_assessment(a, "2026-03-19T10:00:00Z").unwrap();
    assert!(matches!(
        s.set_assessment_meta(a, &AssessmentMeta::default(), "t"),
        Err(StoreError::AssessmentFinal(_))
    ));
    let r = s
        .revise_assessment(a, "王工", "2026-04-01T00:00:00Z")
        .unwrap();
    let carried = s.assessment_meta(r.id).unwrap();
    assert_eq!(
        carried,
        AssessmentMeta {
            organisation: "常州智造咨询有限公司".into(),
            assessor: "王工".into(),
            mode: AssessmentMode::ThirdParty,
            max_parallel: Some(1),
            ..AssessmentMeta::default()
        },
        "body, mode and limit carried; date, number and process are the revision's own"
    );
}

/// The column checks are the backstop behind the typed checks: SQL that bypasses the API
/// cannot store a limit of 0 or a mode the app does not know.
#[test]
fn the_columns_refuse_what_the_api_refuses() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::migrations().to_latest(&mut conn).unwrap();
    conn.execute(
        "INSERT INTO enterprise (name, credit_code, province, city, industry, size, created_at, updated_at)
         VALUES ('甲', 'x', '320000', '苏州市', 'C38', 'medium', 't', 't')",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO assessment (uid, enterprise_id, framework_id, framework_version, created_at, updated_at)
         VALUES ('u', 1, 'miit-2024', '2024', 't', 't')",
        [],
    )
    .unwrap();
    for bad in [
        "max_parallel = 0",
        "max_parallel = 21",
        "mode = 'consultant'",
        "assessed_on = '2026-3-18'",
        "site_visit = 2",
        "site_visit_on = 'yesterday'",
    ] {
        let sql = format!("UPDATE assessment SET {bad} WHERE id = 1");
        assert!(conn.execute(&sql, []).is_err(), "{bad} accepted");
    }
    conn.execute(
        "UPDATE assessment SET max_parallel = 20, assessed_on = '2026-03-18' WHERE id = 1",
        [],
    )
    .unwrap();
}

/// A version-2 database with an assessment opens at the latest version with the report fields
/// at their defaults (and the assessor it had).
#[test]
fn a_version_2_assessment_gets_default_report_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhizhuan.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        migrations::migrations().to_version(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO enterprise (name, credit_code, province, city, industry, size, created_at, updated_at)
             VALUES ('老数据', ?1, '320000', '苏州市', 'C38', 'medium', 't', 't')",
            [common::CODE_A],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO assessment (uid, enterprise_id, framework_id, framework_version, assessor, created_at, updated_at)
             VALUES ('u1', 1, 'miit-2024', '2024', '王工', 't', 't')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(
        s.assessment_meta(1).unwrap(),
        AssessmentMeta {
            assessor: "王工".into(),
            ..AssessmentMeta::default()
        }
    );
    let d = s.enterprise_details(1).unwrap();
    assert_eq!(
        (d.legal_representative.as_str(), d.process_type),
        ("", None)
    );
}
