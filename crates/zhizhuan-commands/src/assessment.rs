//! Assessments of one enterprise: start one against a known framework, answer it item by
//! item (each answer checked against its item, then committed by the store before the
//! function returns), score it, plan the roadmap to a target level, finalise and revise.
//!
//! Every step is the engines' own function: `score::validate` / `score::score` /
//! `roadmap::roadmap` from core, `set_answer_scored` / `finalise_assessment` /
//! `revise_assessment` from the store.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::framework::Framework;
use zhizhuan_core::roadmap::{self, Roadmap};
use zhizhuan_core::score::{self, ItemScore, Score};
use zhizhuan_store::answer::{Answer, AnswerRevision, NOTE_MAX_CHARS};
use zhizhuan_store::assessment::{Assessment, AssessmentStatus, NewAssessment};
use zhizhuan_store::meta::AssessmentMeta;

use crate::Context;
use crate::error::{Error, Result};

/// The framework an assessment was started against.
pub fn framework_of(ctx: &Context, a: &Assessment) -> Result<&'static Framework> {
    ctx.framework(&a.framework_id, Some(&a.framework_version))
}

/// The assessments of an enterprise, newest first.
pub fn list(ctx: &Context, enterprise_id: i64) -> Result<Vec<Assessment>> {
    ctx.store.enterprise(enterprise_id)?;
    let mut list = ctx.store.assessments(Some(enterprise_id))?;
    list.reverse();
    Ok(list)
}

/// Every assessment of every enterprise with its cached score and level, most recently
/// changed first: the consultant's portfolio.
pub fn portfolio(ctx: &Context) -> Result<Vec<zhizhuan_store::assessment::PortfolioEntry>> {
    Ok(ctx.store.portfolio()?)
}

pub fn get(ctx: &Context, id: i64) -> Result<Assessment> {
    Ok(ctx.store.assessment(id)?)
}

/// What a new assessment is started against.
#[derive(Debug, Clone, Default)]
pub struct Start<'a> {
    pub enterprise_id: i64,
    pub framework_id: &'a str,
    /// `None`: the version the registry holds.
    pub version: Option<&'a str>,
    /// May be omitted when the framework has only one.
    pub variant: Option<String>,
    pub assessor: &'a str,
}

/// Starts a draft against a known framework, version and variant (the definition's hash is
/// recorded, so a later comparison can tell whether both were answered against one text).
pub fn create(ctx: &Context, start: &Start<'_>) -> Result<Assessment> {
    let fw = ctx.framework(start.framework_id, start.version)?;
    let variant = match &start.variant {
        Some(v) if fw.variant(v).is_some() => v.clone(),
        None if fw.variants.len() == 1 => fw.variants[0].id.clone(),
        other => {
            return Err(Error::UnknownVariant {
                found: other.clone().unwrap_or_default(),
                expected: fw
                    .variants
                    .iter()
                    .map(|v| format!("{}（{}）", v.title.zh, v.id))
                    .collect(),
            });
        }
    };
    crate::input::check_len("assessor", start.assessor, crate::input::PERSON_MAX_CHARS)?;
    ctx.store.enterprise(start.enterprise_id)?;
    Ok(ctx.store.create_assessment(
        &NewAssessment {
            enterprise_id: start.enterprise_id,
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            framework_hash: fw.content_hash.clone(),
            variant: Some(variant),
            assessor: start.assessor.to_owned(),
        },
        &ctx.now(),
    )?)
}

/// What 「基于此评估新建」 started.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reassessed {
    pub assessment: Assessment,
    /// Answers taken over, each to be confirmed.
    pub carried: usize,
    /// Items whose earlier answer no longer fits the framework as shipped now (an item gone
    /// or changed in a newer version): left unanswered.
    pub dropped: Vec<String>,
}

/// Starts a re-assessment of `from`'s enterprise against the shipped version of its
/// framework, with `from`'s answers (and notes) as a starting point, each marked to confirm.
/// An answer that no longer fits its item is left out and named; evidence, the plan's edits
/// and the assessment record belong to the earlier assessment's own period and stay there.
pub fn reassess(ctx: &Context, from: i64, assessor: &str) -> Result<Reassessed> {
    let earlier = ctx.store.assessment(from)?;
    let fw = ctx.framework(&earlier.framework_id, None)?;
    let variant = earlier
        .variant
        .clone()
        .filter(|v| fw.variant(v).is_some())
        .ok_or_else(|| Error::UnknownVariant {
            found: earlier.variant.clone().unwrap_or_default(),
            expected: fw.variants.iter().map(|v| v.id.clone()).collect(),
        })?;
    crate::input::check_len("assessor", assessor, crate::input::PERSON_MAX_CHARS)?;
    let now_version = Assessment {
        framework_version: fw.version.clone(),
        ..earlier.clone()
    };
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for a in ctx.store.answers(from)? {
        match check_answer(fw, &now_version, &a.item, Some(&a.value)) {
            Ok(()) => kept.push((a.item, a.value, a.note)),
            Err(_) => dropped.push(a.item),
        }
    }
    let new = NewAssessment {
        enterprise_id: earlier.enterprise_id,
        framework_id: fw.id.clone(),
        framework_version: fw.version.clone(),
        framework_hash: fw.content_hash.clone(),
        variant: Some(variant),
        assessor: assessor.to_owned(),
    };
    let assessment = ctx.store.create_assessment_from(&new, &kept, &ctx.now())?;
    Ok(Reassessed {
        assessment,
        carried: kept.len(),
        dropped,
    })
}

pub fn answers(ctx: &Context, assessment_id: i64) -> Result<Vec<Answer>> {
    ctx.store.assessment(assessment_id)?;
    Ok(ctx.store.answers(assessment_id)?)
}

/// What `save` returns once the answer is durable.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedAnswer {
    pub revision: AnswerRevision,
    /// The item as core now scores it (ratio, band, points), for live feedback.
    pub score: Option<ItemScore>,
}

/// One answer as the user gives it: `value` `None` clears the item.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput<'a> {
    pub item: &'a str,
    pub value: Option<AnswerValue>,
    pub note: &'a str,
    pub author: &'a str,
}

/// Checks one answer against its item (unknown item, wrong shape, option, field, level above
/// the ladder… each error names the item and the value), stores it committed before
/// returning, and scores it. A refused answer writes nothing.
pub fn save(ctx: &Context, assessment_id: i64, input: &AnswerInput<'_>) -> Result<SavedAnswer> {
    let store = &ctx.store;
    let a = store.assessment(assessment_id)?;
    if a.status == AssessmentStatus::Final {
        return Err(zhizhuan_store::StoreError::AssessmentFinal(assessment_id).into());
    }
    let fw = framework_of(ctx, &a)?;
    check_answer(fw, &a, input.item, input.value.as_ref())?;
    crate::input::check_len("note", input.note, NOTE_MAX_CHARS)?;
    crate::input::check_len("author", input.author, crate::input::PERSON_MAX_CHARS)?;
    // Score the answers as they will be with this one, so the summary the lists show is
    // written in the answer's own transaction. Every stored answer passed the same check, so
    // scoring can only fail on data changed behind the app's back; then the answer is still
    // saved, the cached summary is dropped and only the feedback is missing.
    let mut answers = store.answers_file(assessment_id)?;
    match &input.value {
        Some(v) => answers.answers.insert(input.item.to_owned(), v.clone()),
        None => answers.answers.remove(input.item),
    };
    let scored = score::score(fw, &answers).ok();
    let summary = scored.as_ref().map(|s| (s.score, s.level.name.zh.as_str()));
    let revision = store.set_answer_scored(
        assessment_id,
        input.item,
        input.value.as_ref(),
        input.note,
        input.author,
        &ctx.now(),
        summary,
    )?;
    let score = scored.and_then(|s| s.items.into_iter().find(|i| i.id == input.item));
    Ok(SavedAnswer { revision, score })
}

/// One answer against its item alone: an error names it, and other items cannot block it.
fn check_answer(
    fw: &Framework,
    a: &Assessment,
    item: &str,
    value: Option<&AnswerValue>,
) -> Result<()> {
    let Some(v) = value else {
        if fw.item(item).is_none() {
            return Err(score::AnswerErrors(vec![score::AnswerError::UnknownItem {
                item: item.to_owned(),
            }])
            .into());
        }
        return Ok(());
    };
    let one = AnswersFile {
        answers: BTreeMap::from([(item.to_owned(), v.clone())]),
        framework: a.framework_id.clone(),
        version: a.framework_version.clone(),
        variant: a.variant.clone(),
    };
    score::validate(fw, &one).map_err(|errors| Error::Answer {
        value: serde_json::to_string(v).unwrap_or_default(),
        errors,
    })
}

/// Scores the assessment and caches the summary on a draft (for the enterprise page).
pub fn score_of(ctx: &Context, assessment_id: i64) -> Result<Score> {
    let store = &ctx.store;
    let a = store.assessment(assessment_id)?;
    let fw = framework_of(ctx, &a)?;
    let s = score::score(fw, &store.answers_file(assessment_id)?)?;
    // Written only when it changed: viewing results must not touch `updated_at` each time.
    let cached = a.score == Some(s.score) && a.level.as_deref() == Some(s.level.name.zh.as_str());
    if a.status == AssessmentStatus::Draft && !cached {
        store.set_score_summary(assessment_id, s.score, &s.level.name.zh, &ctx.now())?;
    }
    Ok(s)
}

/// The roadmap from the current answers to level rank `target`, scheduled with the
/// assessment's own limit of parallel projects and the user's edits of its actions: exactly
/// what its exports print, so the screen and the report cannot disagree.
pub fn roadmap_of(ctx: &Context, assessment_id: i64, target: u8) -> Result<Roadmap> {
    let a = ctx.store.assessment(assessment_id)?;
    let fw = framework_of(ctx, &a)?;
    let stored =
        zhizhuan_report::stored_assessment(&ctx.store, assessment_id, zhizhuan_report::Lang::Zh)?;
    let options =
        zhizhuan_report::schedule_options(&stored.edits, stored.plan_start, stored.max_parallel);
    Ok(roadmap::roadmap_with(
        fw,
        &stored.answers,
        target,
        &options,
    )?)
}

/// Makes a draft final (read-only). Its answers are checked as a whole first (a draft whose
/// answers no longer fit together is not frozen) and the score summary cached.
pub fn finalise(ctx: &Context, id: i64) -> Result<Assessment> {
    score_of(ctx, id)?;
    Ok(ctx.store.finalise_assessment(id, &ctx.now())?)
}

/// Opens a new draft revision of a final assessment, starting from its answers.
pub fn revise(ctx: &Context, id: i64, assessor: &str) -> Result<Assessment> {
    crate::input::check_len("assessor", assessor, crate::input::PERSON_MAX_CHARS)?;
    Ok(ctx.store.revise_assessment(id, assessor, &ctx.now())?)
}

/// Discards a draft opened by mistake: no list shows it again and nothing can open it; its
/// answers stay in the database's history. A final assessment is refused (its report may
/// have been filed); revise it instead.
pub fn discard(ctx: &Context, id: i64) -> Result<()> {
    Ok(ctx.store.discard_assessment(id, &ctx.now())?)
}

/// How an assessment was made (body, assessor, mode, date, report number, process) and its
/// roadmap's limit of parallel projects.
pub fn meta(ctx: &Context, id: i64) -> Result<AssessmentMeta> {
    Ok(ctx.store.assessment_meta(id)?)
}

/// Records `meta` for draft `id` and returns what is stored. The store checks every field
/// (text lengths, K in 1–20) and refuses a final assessment: its report is what was filed.
pub fn set_meta(ctx: &Context, id: i64, meta: &AssessmentMeta) -> Result<AssessmentMeta> {
    ctx.store.set_assessment_meta(id, meta, &ctx.now())?;
    Ok(ctx.store.assessment_meta(id)?)
}

/// Records how many projects the plant can run at once (`None`: the default); the roadmap
/// and every export of the draft use it from then on.
pub fn set_max_parallel(ctx: &Context, id: i64, k: Option<i64>) -> Result<AssessmentMeta> {
    let meta = AssessmentMeta {
        max_parallel: k,
        ..meta(ctx, id)?
    };
    set_meta(ctx, id, &meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::{answer, draft, enterprise};

    fn store_with_enterprise() -> (Context, i64) {
        let ctx = crate::fixtures::context();
        let e = enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        (ctx, e)
    }

    /// The app shows a bad record as the field's own message, not as a storage failure.
    #[test]
    fn a_bad_record_is_invalid_input_naming_its_field_and_keeps_the_stored_one() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let good = AssessmentMeta {
            assessor: "陈镕".into(),
            ..AssessmentMeta::default()
        };
        set_meta(&ctx, a.id, &good).unwrap();
        for (bad, field) in [
            (
                AssessmentMeta {
                    report_no: "号".repeat(41),
                    ..good.clone()
                },
                "reportNo",
            ),
            (
                AssessmentMeta {
                    max_parallel: Some(0),
                    ..good.clone()
                },
                "maxParallel",
            ),
        ] {
            let payload = set_meta(&ctx, a.id, &bad).unwrap_err().payload();
            assert_eq!(payload.kind, ErrorKind::InvalidInput, "{field}");
            assert_eq!(payload.fields[0].field, field);
        }
        assert_eq!(meta(&ctx, a.id).unwrap(), good);
    }

    /// 「基于此评估新建」: last year's answers and notes become this year's starting point, each
    /// to confirm until answered again; one that no longer fits is left out and named; last
    /// year's assessment is untouched; a revision's carried answers need no confirming.
    #[test]
    fn a_reassessment_starts_from_the_earlier_answers_each_to_confirm() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let network = AnswerValue::Options(vec!["control-net".into()]);
        answer(
            &ctx,
            a.id,
            "jichu.network",
            Some(network.clone()),
            "交换机台账",
        )
        .unwrap();
        // an item a newer framework version dropped, stored behind the checks' back
        ctx.store
            .set_answer(a.id, "gone.item", Some(&AnswerValue::Level(1)), "", "", "t")
            .unwrap();
        ctx.store.finalise_assessment(a.id, "t").unwrap();

        let r = reassess(&ctx, a.id, "陈镕").unwrap();
        assert_eq!(r.dropped, ["gone.item"]);
        let now = answers(&ctx, r.assessment.id).unwrap();
        assert_eq!(now.len(), r.carried);
        let net = now.iter().find(|x| x.item == "jichu.network").unwrap();
        assert_eq!(
            (&net.value, net.note.as_str(), net.to_confirm),
            (&network, "交换机台账", true)
        );
        assert_eq!(
            r.assessment.previous_id, None,
            "a new assessment, not a revision"
        );

        answer(
            &ctx,
            r.assessment.id,
            "jichu.network",
            Some(network.clone()),
            "",
        )
        .unwrap();
        let net = ctx
            .store
            .answer(r.assessment.id, "jichu.network")
            .unwrap()
            .unwrap();
        assert!(!net.to_confirm, "answered again: confirmed");
        assert!(answers(&ctx, a.id).unwrap().iter().all(|x| !x.to_confirm));

        let revision = revise(&ctx, a.id, "").unwrap();
        assert!(
            answers(&ctx, revision.id)
                .unwrap()
                .iter()
                .all(|x| !x.to_confirm)
        );
    }

    #[test]
    fn a_single_variant_framework_needs_no_variant_but_cmmm_does() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        assert_eq!(a.variant.as_deref(), Some("manufacturing"));
        let err = draft(&ctx, e, "cmmm-2020", None).unwrap_err();
        assert_eq!(err.payload().kind, ErrorKind::InvalidInput);
        let c = draft(&ctx, e, "cmmm-2020", Some("process".into())).unwrap();
        assert_eq!(c.variant.as_deref(), Some("process"));
        // The definition's hash is recorded, so a later comparison can tell whether both
        // assessments were answered against the same text.
        assert_eq!(
            c.framework_hash,
            ctx.framework("cmmm-2020", None).unwrap().content_hash
        );
        assert_eq!(c.framework_hash.len(), 64);
    }

    #[test]
    fn a_saved_band_answer_comes_back_with_its_band_and_reloads() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let value: AnswerValue =
            serde_json::from_str(r#"{"numbers":{"total":"100","digital":"30"}}"#).unwrap();
        let saved = answer(&ctx, a.id, "jichu.equip-dig", Some(value.clone()), "台账").unwrap();
        let item = saved.score.unwrap();
        assert_eq!(item.earned.to_string(), "3");
        let answers = ctx.store.answers(a.id).unwrap();
        assert_eq!(
            (answers[0].value.clone(), answers[0].note.as_str()),
            (value, "台账")
        );
        // the lists' cached summary is the score with this answer, written with it
        let cached = ctx.store.assessment(a.id).unwrap();
        let now = score_of(&ctx, a.id).unwrap();
        assert_eq!(cached.score, Some(now.score));
        assert_eq!(now.score.to_string(), "3");
        assert_eq!(cached.level.as_deref(), Some(now.level.name.zh.as_str()));
        // clearing the item scores without it
        answer(&ctx, a.id, "jichu.equip-dig", None, "").unwrap();
        assert_eq!(
            ctx.store
                .assessment(a.id)
                .unwrap()
                .score
                .map(|d| d.to_string()),
            Some("0".to_owned())
        );
    }

    #[test]
    fn an_answer_that_does_not_fit_its_item_is_refused_naming_the_item_and_nothing_is_stored() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let value: AnswerValue =
            serde_json::from_str(r#"{"numbers":{"total":"10","digital":"30"}}"#).unwrap();
        let err = answer(&ctx, a.id, "jichu.equip-dig", Some(value), "").unwrap_err();
        let p = err.payload();
        assert_eq!(p.kind, ErrorKind::InvalidInput);
        assert_eq!(p.fields[0].field, "jichu.equip-dig");
        assert!(ctx.store.answers(a.id).unwrap().is_empty());
    }

    #[test]
    fn every_answer_that_does_not_fit_its_item_is_refused_and_nothing_changes() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        // (item, value; None clears, what the message must quote)
        let cases = [
            ("no.such.item", Some(r#"{"level":1}"#), "no.such.item"),
            ("no.such.item", None, "no.such.item"),
            ("jichu.info-sys", Some(r#"{"level":2}"#), r#"{"level":2}"#),
            ("jingying.design", Some(r#"{"level":9}"#), r#"{"level":9}"#),
            ("jichu.info-sys", Some(r#"{"option":"nope"}"#), "nope"),
            (
                "jichu.equip-dig",
                Some(r#"{"numbers":{"total":"10","digital":"30"}}"#),
                "30",
            ),
            (
                "jichu.equip-dig",
                Some(r#"{"numbers":{"total":"0","digital":"0"}}"#),
                "0",
            ),
            (
                "jichu.equip-dig",
                Some(r#"{"numbers":{"total":"-1","digital":"0"}}"#),
                "-1",
            ),
        ];
        let before = ctx.store.assessment(a.id).unwrap();
        for (item, value, quoted) in cases {
            let value = value.map(|v| serde_json::from_str::<AnswerValue>(v).unwrap());
            let err = answer(&ctx, a.id, item, value, "").unwrap_err();
            let p = err.payload();
            assert_eq!(
                (p.kind, p.fields[0].field.as_str()),
                (ErrorKind::InvalidInput, item)
            );
            assert!(p.message.contains(quoted), "{item}: {}", p.message);
        }
        assert!(ctx.store.answers(a.id).unwrap().is_empty());
        assert_eq!(ctx.store.assessment(a.id).unwrap(), before);
    }

    #[test]
    fn kpi_figures_are_checked_like_band_figures() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "lianghua-23020", None).unwrap();
        let kpi = "jichu.equipment-digital-rate";
        // (total, digital, accepted)
        for (total, digital, accepted) in [
            ("0", "0", false),   // 0 / 0 is no rate
            ("0", "3", false),   // nor is 3 / 0
            ("10", "15", false), // 150 %
            ("10", "10", true),  // exactly 100 %
            ("10", "5", true),
        ] {
            let value = serde_json::from_str::<AnswerValue>(&format!(
                r#"{{"numbers":{{"total":"{total}","digital":"{digital}"}}}}"#
            ))
            .unwrap();
            let saved = answer(&ctx, a.id, kpi, Some(value), "");
            assert_eq!(saved.is_ok(), accepted, "{digital}/{total}: {saved:?}");
        }
    }

    #[test]
    fn an_unknown_framework_version_or_variant_starts_nothing() {
        let (ctx, e) = store_with_enterprise();
        for (framework, version, variant, kind) in [
            ("miit-2099", None, None, ErrorKind::NotFound),
            ("miit-2024", Some("2031"), None, ErrorKind::NotFound),
            ("cmmm-2020", None, Some("bakery"), ErrorKind::InvalidInput),
        ] {
            let start = Start {
                enterprise_id: e,
                framework_id: framework,
                version,
                variant: variant.map(str::to_owned),
                assessor: "",
            };
            assert_eq!(create(&ctx, &start).unwrap_err().payload().kind, kind);
        }
        assert!(ctx.store.assessments(Some(e)).unwrap().is_empty());
    }

    #[test]
    fn scoring_caches_the_summary_and_a_final_assessment_refuses_answers() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let s = score_of(&ctx, a.id).unwrap();
        assert!(s.provisional);
        assert_eq!(ctx.store.assessment(a.id).unwrap().score, Some(s.score));
        ctx.store.finalise_assessment(a.id, "t1").unwrap();
        let err = answer(
            &ctx,
            a.id,
            "jichu.network",
            Some(AnswerValue::Options(vec![])),
            "",
        )
        .unwrap_err();
        assert_eq!(err.payload().kind, ErrorKind::Conflict);
        let r = roadmap_of(&ctx, a.id, 1).unwrap();
        assert!(!r.phases.is_empty() || r.already_met);
    }

    #[test]
    fn the_roadmap_uses_the_recorded_limit_of_parallel_projects() {
        let (ctx, e) = store_with_enterprise();
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let default = roadmap_of(&ctx, a.id, 3).unwrap().limits.max_parallel;
        assert_eq!(
            i64::from(default),
            zhizhuan_core::roadmap::Options::default().max_parallel
        );
        set_max_parallel(&ctx, a.id, Some(1)).unwrap();
        assert_eq!(roadmap_of(&ctx, a.id, 3).unwrap().limits.max_parallel, 1);
        // Out of range: refused, the recorded 1 stays.
        assert!(set_max_parallel(&ctx, a.id, Some(0)).is_err());
        assert_eq!(meta(&ctx, a.id).unwrap().max_parallel, Some(1));
        set_max_parallel(&ctx, a.id, None).unwrap();
        assert_eq!(
            roadmap_of(&ctx, a.id, 3).unwrap().limits.max_parallel,
            default
        );
        // A final assessment's plan is the one filed: its limit cannot change.
        ctx.store.finalise_assessment(a.id, "t1").unwrap();
        assert!(set_max_parallel(&ctx, a.id, Some(2)).is_err());
    }
}
