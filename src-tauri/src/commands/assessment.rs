//! Assessments of one enterprise: start one against a built-in framework, answer it item by
//! item (each answer checked by core, then committed by the store before the command returns),
//! score it, plan the roadmap to a target level, finalise and revise.
//!
//! Every step is the engines' own function: `score::validate` / `score::score` /
//! `roadmap::roadmap` from core, `set_answer` / `finalise_assessment` / `revise_assessment`
//! from the store, so the CLI reproduces each result from the same answers.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::framework::Framework;
use zhizhuan_core::roadmap::{self, Roadmap};
use zhizhuan_core::score::{self, ItemScore, Score};
use zhizhuan_store::Store;
use zhizhuan_store::answer::{Answer, AnswerRevision};
use zhizhuan_store::assessment::{Assessment, AssessmentStatus, NewAssessment};

use super::framework::builtin;
use crate::error::{Error, Result};
use crate::state::AppState;

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn lock(state: &AppState) -> Result<std::sync::MutexGuard<'_, Store>> {
    state
        .store
        .lock()
        .map_err(|e| Error::Internal(e.to_string()))
}

/// The framework an assessment was started against.
pub(crate) fn framework_of(a: &Assessment) -> Result<&'static Framework> {
    builtin(&a.framework_id, Some(&a.framework_version))
}

#[tauri::command]
pub fn list_assessments(
    state: tauri::State<'_, AppState>,
    enterprise_id: i64,
) -> Result<Vec<Assessment>> {
    let store = lock(&state)?;
    store.enterprise(enterprise_id)?;
    let mut list = store.assessments(Some(enterprise_id))?;
    list.reverse(); // newest first
    Ok(list)
}

#[tauri::command]
pub fn get_assessment(state: tauri::State<'_, AppState>, id: i64) -> Result<Assessment> {
    Ok(lock(&state)?.assessment(id)?)
}

/// Starts a draft against a built-in framework. `variant` may be omitted when the framework
/// has only one.
pub fn create(
    store: &Store,
    enterprise_id: i64,
    framework_id: &str,
    variant: Option<String>,
) -> Result<Assessment> {
    let fw = builtin(framework_id, None)?;
    let variant = match variant {
        Some(v) if fw.variant(&v).is_some() => v,
        None if fw.variants.len() == 1 => fw.variants[0].id.clone(),
        other => {
            return Err(Error::UnknownVariant {
                found: other.unwrap_or_default(),
                expected: fw.variants.iter().map(|v| v.title.zh.clone()).collect(),
            });
        }
    };
    store.enterprise(enterprise_id)?;
    Ok(store.create_assessment(
        &NewAssessment {
            enterprise_id,
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            framework_hash: fw.content_hash.clone(),
            variant: Some(variant),
            assessor: String::new(),
        },
        &now(),
    )?)
}

#[tauri::command]
pub fn create_assessment(
    state: tauri::State<'_, AppState>,
    enterprise_id: i64,
    framework_id: String,
    variant: Option<String>,
) -> Result<Assessment> {
    create(&*lock(&state)?, enterprise_id, &framework_id, variant)
}

#[tauri::command]
pub fn list_answers(state: tauri::State<'_, AppState>, assessment_id: i64) -> Result<Vec<Answer>> {
    let store = lock(&state)?;
    store.assessment(assessment_id)?;
    Ok(store.answers(assessment_id)?)
}

/// What `save_answer` returns once the answer is durable.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedAnswer {
    pub revision: AnswerRevision,
    /// The item as core now scores it (ratio, band, points), for live feedback.
    pub score: Option<ItemScore>,
}

/// Checks one answer against its item, stores it (committed before returning), and scores it.
pub fn save(
    store: &Store,
    assessment_id: i64,
    item: &str,
    value: Option<AnswerValue>,
    note: &str,
) -> Result<SavedAnswer> {
    let a = store.assessment(assessment_id)?;
    if a.status == AssessmentStatus::Final {
        return Err(zhizhuan_store::StoreError::AssessmentFinal(assessment_id).into());
    }
    let fw = framework_of(&a)?;
    if let Some(v) = &value {
        // Only this item: an error names it, and other items cannot block it.
        let one = AnswersFile {
            answers: BTreeMap::from([(item.to_owned(), v.clone())]),
            framework: a.framework_id.clone(),
            version: a.framework_version.clone(),
            variant: a.variant.clone(),
        };
        score::validate(fw, &one)?;
    } else if fw.item(item).is_none() {
        return Err(score::AnswerErrors(vec![score::AnswerError::UnknownItem {
            item: item.to_owned(),
        }])
        .into());
    }
    // Score the answers as they will be with this one, so the summary the lists show is
    // written in the answer's own transaction. Every stored answer passed the same check, so
    // scoring can only fail on data changed behind the app's back; then the answer is still
    // saved, the cached summary is dropped and only the feedback is missing.
    let mut answers = store.answers_file(assessment_id)?;
    match &value {
        Some(v) => answers.answers.insert(item.to_owned(), v.clone()),
        None => answers.answers.remove(item),
    };
    let scored = score::score(fw, &answers).ok();
    let summary = scored.as_ref().map(|s| (s.score, s.level.name.zh.as_str()));
    let revision = store.set_answer_scored(
        assessment_id,
        item,
        value.as_ref(),
        note,
        "",
        &now(),
        summary,
    )?;
    let score = scored.and_then(|s| s.items.into_iter().find(|i| i.id == item));
    Ok(SavedAnswer { revision, score })
}

#[tauri::command]
pub fn save_answer(
    state: tauri::State<'_, AppState>,
    assessment_id: i64,
    item: String,
    value: Option<AnswerValue>,
    note: String,
) -> Result<SavedAnswer> {
    save(&*lock(&state)?, assessment_id, &item, value, &note)
}

/// Scores the assessment and caches the summary on a draft (for the enterprise page).
pub fn score_of(store: &Store, assessment_id: i64) -> Result<Score> {
    let a = store.assessment(assessment_id)?;
    let fw = framework_of(&a)?;
    let s = score::score(fw, &store.answers_file(assessment_id)?)?;
    // Written only when it changed: viewing results must not touch `updated_at` each time.
    let cached = a.score == Some(s.score) && a.level.as_deref() == Some(s.level.name.zh.as_str());
    if a.status == AssessmentStatus::Draft && !cached {
        store.set_score_summary(assessment_id, s.score, &s.level.name.zh, &now())?;
    }
    Ok(s)
}

#[tauri::command]
pub fn score_assessment(state: tauri::State<'_, AppState>, id: i64) -> Result<Score> {
    score_of(&*lock(&state)?, id)
}

/// The roadmap from the current answers to level rank `target`, scheduled with at most
/// `max_parallel` projects at once and the user's edits of its actions (what the exports use).
pub fn roadmap_of(
    store: &Store,
    assessment_id: i64,
    target: u8,
    max_parallel: i64,
) -> Result<Roadmap> {
    let a = store.assessment(assessment_id)?;
    let fw = framework_of(&a)?;
    let stored =
        zhizhuan_report::stored_assessment(store, assessment_id, zhizhuan_report::Lang::Zh)?;
    let options = zhizhuan_report::schedule_options(&stored.edits, stored.plan_start, max_parallel);
    Ok(roadmap::roadmap_with(
        fw,
        &stored.answers,
        target,
        &options,
    )?)
}

#[tauri::command]
pub fn assessment_roadmap(
    state: tauri::State<'_, AppState>,
    id: i64,
    target: u8,
    max_parallel: i64,
) -> Result<Roadmap> {
    roadmap_of(&*lock(&state)?, id, target, max_parallel)
}

/// Makes a draft final (read-only); the score summary is cached first.
#[tauri::command]
pub fn finalise_assessment(state: tauri::State<'_, AppState>, id: i64) -> Result<Assessment> {
    let store = lock(&state)?;
    score_of(&store, id)?;
    Ok(store.finalise_assessment(id, &now())?)
}

/// Opens a new draft revision of a final assessment, starting from its answers.
#[tauri::command]
pub fn revise_assessment(state: tauri::State<'_, AppState>, id: i64) -> Result<Assessment> {
    Ok(lock(&state)?.revise_assessment(id, "", &now())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::fixtures::enterprise;
    use crate::error::ErrorKind;

    fn store_with_enterprise() -> (Store, i64) {
        let store = Store::open_in_memory().unwrap();
        let e = enterprise(&store, "无锡镕昇", "91330100799655058B");
        (store, e)
    }

    #[test]
    fn a_single_variant_framework_needs_no_variant_but_cmmm_does() {
        let (store, e) = store_with_enterprise();
        let a = create(&store, e, "miit-2024", None).unwrap();
        assert_eq!(a.variant.as_deref(), Some("manufacturing"));
        let err = create(&store, e, "cmmm-2020", None).unwrap_err();
        assert_eq!(err.payload().kind, ErrorKind::InvalidInput);
        let c = create(&store, e, "cmmm-2020", Some("process".into())).unwrap();
        assert_eq!(c.variant.as_deref(), Some("process"));
        // The definition's hash is recorded, so a later comparison can tell whether both
        // assessments were answered against the same text.
        assert_eq!(
            c.framework_hash,
            builtin("cmmm-2020", None).unwrap().content_hash
        );
        assert_eq!(c.framework_hash.len(), 64);
    }

    #[test]
    fn a_saved_band_answer_comes_back_with_its_band_and_reloads() {
        let (store, e) = store_with_enterprise();
        let a = create(&store, e, "miit-2024", None).unwrap();
        let value: AnswerValue =
            serde_json::from_str(r#"{"numbers":{"total":"100","digital":"30"}}"#).unwrap();
        let saved = save(&store, a.id, "jichu.equip-dig", Some(value.clone()), "台账").unwrap();
        let item = saved.score.unwrap();
        assert_eq!(item.earned.to_string(), "3");
        let answers = store.answers(a.id).unwrap();
        assert_eq!(
            (answers[0].value.clone(), answers[0].note.as_str()),
            (value, "台账")
        );
        // the lists' cached summary is the score with this answer, written with it
        let cached = store.assessment(a.id).unwrap();
        let now = score_of(&store, a.id).unwrap();
        assert_eq!(cached.score, Some(now.score));
        assert_eq!(now.score.to_string(), "3");
        assert_eq!(cached.level.as_deref(), Some(now.level.name.zh.as_str()));
        // clearing the item scores without it
        save(&store, a.id, "jichu.equip-dig", None, "").unwrap();
        assert_eq!(
            store.assessment(a.id).unwrap().score.map(|d| d.to_string()),
            Some("0".to_owned())
        );
    }

    #[test]
    fn an_answer_that_does_not_fit_its_item_is_refused_naming_the_item_and_nothing_is_stored() {
        let (store, e) = store_with_enterprise();
        let a = create(&store, e, "miit-2024", None).unwrap();
        let value: AnswerValue =
            serde_json::from_str(r#"{"numbers":{"total":"10","digital":"30"}}"#).unwrap();
        let err = save(&store, a.id, "jichu.equip-dig", Some(value), "").unwrap_err();
        let p = err.payload();
        assert_eq!(p.kind, ErrorKind::InvalidInput);
        assert_eq!(p.fields[0].field, "jichu.equip-dig");
        assert!(store.answers(a.id).unwrap().is_empty());
    }

    #[test]
    fn scoring_caches_the_summary_and_a_final_assessment_refuses_answers() {
        let (store, e) = store_with_enterprise();
        let a = create(&store, e, "miit-2024", None).unwrap();
        let s = score_of(&store, a.id).unwrap();
        assert!(s.provisional);
        assert_eq!(store.assessment(a.id).unwrap().score, Some(s.score));
        store.finalise_assessment(a.id, "t1").unwrap();
        let err = save(
            &store,
            a.id,
            "jichu.network",
            Some(AnswerValue::Options(vec![])),
            "",
        )
        .unwrap_err();
        assert_eq!(err.payload().kind, ErrorKind::Conflict);
        let r = roadmap_of(&store, a.id, 1, 3).unwrap();
        assert!(!r.phases.is_empty() || r.already_met);
    }
}
