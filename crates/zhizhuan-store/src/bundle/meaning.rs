//! What a bundle's assessments mean: each one checked against its framework before the first
//! write, and its cached score and level recomputed from its answers (a bundle that says
//! 「四级 100 分」 of answers worth 9.5 does not get to say so).

use std::collections::BTreeMap;

use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::framework::{Framework, Registry};
use zhizhuan_core::score;

use super::{BundleAssessment, BundleData, BundleError};
use crate::answer::value_json;

fn invalid(location: String, message: impl Into<String>) -> BundleError {
    BundleError::Invalid {
        location,
        message: message.into(),
    }
}

/// Whether `text` is an RFC 3339 timestamp (what every stored `*_at` holds).
pub fn is_timestamp(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

fn check_time(location: String, text: &str) -> Result<(), BundleError> {
    if is_timestamp(text) {
        return Ok(());
    }
    Err(invalid(
        location,
        format!(
            "「{}」不是有效的时间（应为 RFC 3339，如 2026-01-05T09:00:00Z）",
            shorten(text)
        ),
    ))
}

/// At most 80 characters of a hostile value in a message.
fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        s.push('…');
    }
    s
}

/// Checks every assessment of `data` against `registry` and replaces each cached score and
/// level with the one its answers give. Nothing is written here; an error names the entry,
/// the field, the item and the value.
pub(super) fn check_meaning(data: &mut BundleData, registry: &Registry) -> Result<(), BundleError> {
    let e = &data.enterprise;
    check_time("data.json enterprise.createdAt".into(), &e.created_at)?;
    check_time("data.json enterprise.updatedAt".into(), &e.updated_at)?;
    for (i, a) in data.assessments.iter_mut().enumerate() {
        let at = |field: &str| format!("data.json assessments[{i}].{field}");
        let Some(fw) = registry.find(&a.framework_id, Some(&a.framework_version)) else {
            return Err(invalid(
                at("frameworkId"),
                format!(
                    "没有评估框架「{}」版本「{}」",
                    shorten(&a.framework_id),
                    shorten(&a.framework_version)
                ),
            ));
        };
        check_times(a, &at)?;
        check_answers(fw, a, &at)?;
        for (j, ev) in a.evidence.iter().enumerate() {
            if fw.item(&ev.item).is_none() {
                return Err(invalid(
                    at(&format!("evidence[{j}].item")),
                    format!("框架中没有题目「{}」", shorten(&ev.item)),
                ));
            }
        }
        for (j, r) in a.roadmap.iter().enumerate() {
            if fw.action(&r.action).is_none() {
                return Err(invalid(
                    at(&format!("roadmap[{j}].action")),
                    format!("框架中没有措施「{}」", shorten(&r.action)),
                ));
            }
        }
        recompute(fw, a);
    }
    Ok(())
}

fn check_times(a: &BundleAssessment, at: &impl Fn(&str) -> String) -> Result<(), BundleError> {
    check_time(at("createdAt"), &a.created_at)?;
    check_time(at("updatedAt"), &a.updated_at)?;
    if let Some(t) = &a.finalised_at {
        check_time(at("finalisedAt"), t)?;
    }
    for (j, r) in a.answers.iter().enumerate() {
        check_time(at(&format!("answers[{j}].at")), &r.at)?;
    }
    for (j, ev) in a.evidence.iter().enumerate() {
        check_time(at(&format!("evidence[{j}].addedAt")), &ev.added_at)?;
        if let Some(t) = &ev.removed_at {
            check_time(at(&format!("evidence[{j}].removedAt")), t)?;
        }
    }
    for (j, r) in a.roadmap.iter().enumerate() {
        check_time(at(&format!("roadmap[{j}].updatedAt")), &r.updated_at)?;
    }
    Ok(())
}

/// The variant, then every revision of every answer, each against its item alone.
fn check_answers(
    fw: &Framework,
    a: &BundleAssessment,
    at: &impl Fn(&str) -> String,
) -> Result<(), BundleError> {
    let file = |answers: BTreeMap<String, AnswerValue>| AnswersFile {
        framework: a.framework_id.clone(),
        version: a.framework_version.clone(),
        variant: a.variant.clone(),
        answers,
    };
    score::validate(fw, &file(BTreeMap::new()))
        .map_err(|e| invalid(at("variant"), e.to_string()))?;
    for (j, r) in a.answers.iter().enumerate() {
        let refused = match &r.value {
            None if fw.item(&r.item).is_none() => {
                Some(format!("框架中没有题目「{}」", shorten(&r.item)))
            }
            None => None,
            Some(v) => score::validate(fw, &file(BTreeMap::from([(r.item.clone(), v.clone())])))
                .err()
                .map(|e| {
                    format!(
                        "{e}（值 {}）",
                        shorten(&value_json(Some(v)).unwrap_or_default())
                    )
                }),
        };
        if let Some(message) = refused {
            return Err(invalid(at(&format!("answers[{j}].value")), message));
        }
    }
    Ok(())
}

/// The assessment's current answers (each item's last revision) scored: the cached summary a
/// list shows. A bundle that carries no summary keeps none.
fn recompute(fw: &Framework, a: &mut BundleAssessment) {
    if a.score.is_none() && a.level.is_none() {
        return;
    }
    let mut answers = BTreeMap::new();
    for r in &a.answers {
        match &r.value {
            Some(v) => answers.insert(r.item.clone(), v.clone()),
            None => answers.remove(&r.item),
        };
    }
    let file = AnswersFile {
        framework: a.framework_id.clone(),
        version: a.framework_version.clone(),
        variant: a.variant.clone(),
        answers,
    };
    match score::score(fw, &file) {
        Ok(s) => {
            a.score = Some(s.score);
            a.level = Some(s.level.name.zh);
        }
        Err(_) => {
            a.score = None;
            a.level = None;
        }
    }
}
