//! Discarding a draft opened by mistake (migration 4): gone from every list and every read or
//! write by id, its rows kept; a final assessment cannot be discarded, and once a revision
//! draft is discarded the final can be revised again.

mod common;

use zhizhuan_core::answer::AnswerValue;
use zhizhuan_store::{Store, StoreError};

#[test]
fn a_discarded_draft_is_gone_from_lists_and_reads_but_its_rows_stay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhizhuan.db");
    let s = Store::open(&path).unwrap();
    let (e, a) = common::enterprise_with_draft(&s, common::CODE_A);
    s.set_answer(
        a,
        "jichu.network",
        Some(&AnswerValue::Level(1)),
        "",
        "",
        "t1",
    )
    .unwrap();
    s.discard_assessment(a, "t2").unwrap();

    assert!(s.assessments(Some(e)).unwrap().is_empty());
    assert!(s.portfolio().unwrap().is_empty());
    let overview = s.enterprise_overview().unwrap();
    assert_eq!(
        (overview[0].assessments, overview[0].latest.is_none()),
        (0, true)
    );
    assert!(matches!(s.assessment(a), Err(StoreError::AssessmentNotFound(id)) if id == a));
    assert!(matches!(
        s.set_answer(
            a,
            "jichu.network",
            Some(&AnswerValue::Level(2)),
            "",
            "",
            "t3"
        ),
        Err(StoreError::AssessmentNotFound(_))
    ));
    assert!(matches!(
        s.discard_assessment(a, "t4"),
        Err(StoreError::AssessmentNotFound(_))
    ));
    // history is never deleted: the answer given before is still in the file
    let kept: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM answer_revision WHERE assessment_id = ?1",
            [a],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1);
}

#[test]
fn a_final_cannot_be_discarded_and_a_discarded_revision_frees_it() {
    let s = Store::open_in_memory().unwrap();
    let (_, a) = common::enterprise_with_draft(&s, common::CODE_A);
    s.finalise_assessment(a, "t1").unwrap();
    assert!(
        matches!(s.discard_assessment(a, "t2"), Err(StoreError::AssessmentFinal(id)) if id == a)
    );

    let r = s.revise_assessment(a, "", "t3").unwrap();
    assert!(matches!(
        s.revise_assessment(a, "", "t4"),
        Err(StoreError::AlreadyRevised { .. })
    ));
    s.discard_assessment(r.id, "t5").unwrap();
    assert_eq!(s.successor(a).unwrap(), None);
    let again = s.revise_assessment(a, "", "t6").unwrap();
    assert_ne!(again.id, r.id);
}

#[test]
fn a_removed_enterprise_takes_its_assessments_along_and_frees_its_code() {
    let s = Store::open_in_memory().unwrap();
    let (e, a) = common::enterprise_with_draft(&s, common::CODE_A);
    s.finalise_assessment(a, "t1").unwrap();
    let (other, _) = common::enterprise_with_draft(&s, common::CODE_B);
    s.discard_enterprise(e, "t2").unwrap();

    let listed: Vec<i64> = s
        .enterprise_overview()
        .unwrap()
        .iter()
        .map(|o| o.enterprise.id)
        .collect();
    assert_eq!(listed, [other]);
    assert!(matches!(
        s.enterprise(e),
        Err(StoreError::EnterpriseNotFound(_))
    ));
    assert!(matches!(
        s.assessment(a),
        Err(StoreError::AssessmentNotFound(_))
    ));
    assert!(
        s.assessments(None)
            .unwrap()
            .iter()
            .all(|x| x.enterprise_id == other)
    );
    assert!(
        s.portfolio()
            .unwrap()
            .iter()
            .all(|x| x.enterprise_id == other)
    );
    // the code is free again for a new profile
    s.create_enterprise(&common::enterprise_input("新的甲", common::CODE_A), "t3")
        .unwrap();
}

#[test]
fn a_profile_edit_is_checked_as_a_new_one_and_cannot_take_another_code() {
    let s = Store::open_in_memory().unwrap();
    let (e, _) = common::enterprise_with_draft(&s, common::CODE_A);
    common::enterprise_with_draft(&s, common::CODE_B);
    let mut input = common::enterprise_input("甲（更名）", common::CODE_A);
    input.city = "无锡市".into();
    let edited = s.update_enterprise(e, &input, "t1").unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.city.as_str()),
        ("甲（更名）", "无锡市")
    );

    input.credit_code = common::CODE_B.into();
    assert!(matches!(
        s.update_enterprise(e, &input, "t2"),
        Err(StoreError::DuplicateCreditCode(_))
    ));
    input.credit_code = "91330100799655058C".into();
    assert!(matches!(
        s.update_enterprise(e, &input, "t3"),
        Err(StoreError::InvalidEnterprise(_))
    ));
    assert_eq!(
        s.enterprise(e).unwrap().credit_code,
        common::CODE_A,
        "nothing written"
    );
}
