//! One stored assessment read for a report: the answers as core scores them, the cover fields,
//! the answers' notes and attached files for the evidence appendix, and the user's edits of
//! roadmap actions. The app's export and `zhizhuan report --assessment` both read through
//! here, so the two cannot drift apart.

use chrono::{DateTime, Local, NaiveDate};
use zhizhuan_store::Store;
use zhizhuan_store::roadmap::ActionStatus as StoredStatus;

use crate::{
    ActionEdit, ActionStatus, Attachment, Evidence, Lang, Profile, ReportEnterprise,
    StoredAssessment,
};

/// Reads assessment `id` from the store. The framework is not looked up here: callers find
/// the definition named by `answers.framework` / `answers.version` with their own messages.
pub fn stored_assessment(
    store: &Store,
    id: i64,
    lang: Lang,
) -> zhizhuan_store::Result<StoredAssessment> {
    let a = store.assessment(id)?;
    let e = store.enterprise(a.enterprise_id)?;
    let answers = store.answers(id)?;
    let meta = store.assessment_meta(id)?;
    // the assessment's date: as recorded, else when it was finalised, else its last answer
    // (never the print date), in local time
    let last_answer = answers.iter().map(|x| x.at.as_str()).max();
    let when = a.finalised_at.as_deref().or(last_answer);
    let date = meta.assessed_on.or_else(|| when.and_then(day_of));
    let revision = revision_of(store, &a)?;
    let mut enterprise = ReportEnterprise::from_profile(
        &Profile {
            name: &e.name,
            credit_code: &e.credit_code,
            province: &e.province,
            city: &e.city,
            district: &e.district,
            industry: &e.industry,
            assessor: &a.assessor,
            date,
        },
        lang,
    )
    .with_details(&e.size, &store.enterprise_details(e.id)?, lang)
    .with_meta(&meta, lang);
    if enterprise.report_no.is_empty() {
        enterprise.report_no = crate::report_number(&a.uid, revision);
    }
    let notes = answers
        .iter()
        .filter(|x| !x.note.trim().is_empty())
        .map(|x| (x.item.clone(), x.note.clone()))
        .collect();
    let attachments = store
        .evidence(id, false)?
        .into_iter()
        .map(|x| Attachment {
            item: x.item,
            name: x.original_name,
            size: x.size,
            sha256: x.sha256,
            added_at: x.added_at,
        })
        .collect();
    let edits = action_edits(store, id)?;
    Ok(StoredAssessment {
        answers: store.answers_file(id)?,
        enterprise,
        evidence: Evidence { notes, attachments },
        edits,
        // edited start dates count from the assessment's own date, so re-exporting later
        // gives the same schedule
        plan_start: date.or_else(|| day_of(&a.updated_at)).unwrap_or_default(),
        // the assessment's own limit, else the engine's default
        max_parallel: meta
            .max_parallel
            .unwrap_or(zhizhuan_core::roadmap::Options::default().max_parallel),
    })
}

/// The user's edits of the roadmap's actions (owner, dates, cost, status, note).
fn action_edits(store: &Store, id: i64) -> zhizhuan_store::Result<Vec<ActionEdit>> {
    let day = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let edits = (store.roadmap_edits(id)?.into_iter())
        .map(|r| ActionEdit {
            start: day(&r.edit.start_date),
            due: day(&r.edit.due_date),
            action: r.edit.action,
            owner: r.edit.owner,
            cost_wan: r.edit.cost,
            status: match r.edit.status {
                StoredStatus::Planned => ActionStatus::Planned,
                StoredStatus::InProgress => ActionStatus::InProgress,
                StoredStatus::Done => ActionStatus::Done,
                StoredStatus::Dropped => ActionStatus::Dropped,
            },
            note: r.edit.note,
        })
        .collect();
    Ok(edits)
}

/// The local day of an RFC 3339 time.
fn day_of(when: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(when)
        .ok()
        .map(|t| t.with_timezone(&Local).date_naive())
}

/// 1 for a first assessment, 2 for its first revision, …: the revision chain's length.
fn revision_of(
    store: &Store,
    a: &zhizhuan_store::assessment::Assessment,
) -> zhizhuan_store::Result<u32> {
    let mut n = 1;
    let mut previous = a.previous_id;
    while let Some(p) = previous {
        n += 1;
        previous = store.assessment(p)?.previous_id;
    }
    Ok(n)
}
