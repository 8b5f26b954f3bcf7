//! Answers: the append-only `answer_revision` table and the `answer` view of current values.
//!
//! [`Store::set_answer`] inserts one revision and returns only after the transaction committed
//! (WAL, `synchronous=FULL`): when it returns `Ok`, the answer survives a crash or power cut,
//! so the caller may show "已保存". Nothing is ever updated or deleted in the history (triggers
//! refuse it); clearing an answer is a revision whose value is `None`.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::decimal::Decimal;

use crate::{Result, Store, StoreError};

/// An item's current answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub item: String,
    pub value: AnswerValue,
    pub note: String,
    pub author: String,
    pub at: String,
    /// The history row this answer comes from.
    #[ts(type = "number")]
    pub revision_id: i64,
    /// Taken over from the earlier assessment a re-assessment started from, and not answered
    /// again since: the questionnaire asks to confirm it. (A revision's carried answers are
    /// the same assessment's, so they need no confirmation.)
    #[serde(default)]
    pub to_confirm: bool,
}

/// [`Answer::to_confirm`] as SQL over the `answer` view: its revision was carried, into an
/// assessment that is not a revision (so a re-assessment).
const TO_CONFIRM: &str =
    "(SELECT r.carried FROM answer_revision r WHERE r.id = answer.revision_id) = 1
     AND (SELECT s.previous_id FROM assessment s WHERE s.id = answer.assessment_id) IS NULL";

impl Answer {
    /// Answered "not applicable" (不适用).
    pub fn is_not_applicable(&self) -> bool {
        self.value == AnswerValue::NotApplicable
    }
}

/// One entry of an item's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerRevision {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub item: String,
    /// `None`: the answer was cleared.
    pub value: Option<AnswerValue>,
    pub note: String,
    pub author: String,
    pub at: String,
    /// Copied from the finalised predecessor when this revision was opened.
    pub carried: bool,
}

/// Longest item id / note accepted; both are shown in reports, and a limit keeps a pasted
/// document out of a table cell.
pub const ITEM_MAX_CHARS: usize = 200;
pub const NOTE_MAX_CHARS: usize = 2000;

pub(crate) fn parse_value(id: i64, json: Option<String>) -> Result<Option<AnswerValue>> {
    json.map(|j| serde_json::from_str(&j))
        .transpose()
        .map_err(|e| StoreError::BadStoredValue {
            table: "answer_revision",
            id,
            message: e.to_string(),
        })
}

pub(crate) fn value_json(value: Option<&AnswerValue>) -> Option<String> {
    // AnswerValue holds strings, integers and BTreeMaps only: serialising cannot fail.
    value.map(|v| serde_json::to_string(v).unwrap_or_default())
}

pub(crate) fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(StoreError::InvalidValue {
            field: field.into(),
            value: value.chars().take(20).collect::<String>() + "…",
            message: format!("最多 {max} 个字符，现在是 {n} 个"),
        });
    }
    Ok(())
}

impl Store {
    /// Records `value` (or clears the item with `None`) for `item` of a draft assessment and
    /// returns the committed revision. Also drops the cached score, which no longer matches.
    pub fn set_answer(
        &self,
        assessment_id: i64,
        item: &str,
        value: Option<&AnswerValue>,
        note: &str,
        author: &str,
        now: &str,
    ) -> Result<AnswerRevision> {
        self.set_answer_scored(assessment_id, item, value, note, author, now, None)
    }

    /// [`Store::set_answer`] for a host that scored the answers with this one included: the
    /// cached score and level (`summary`) are written in the same transaction, so the lists
    /// show a draft's current level without a second write (each costs an fsync).
    #[allow(clippy::too_many_arguments)] // the answer's fields plus the summary, all distinct
    pub fn set_answer_scored(
        &self,
        assessment_id: i64,
        item: &str,
        value: Option<&AnswerValue>,
        note: &str,
        author: &str,
        now: &str,
        summary: Option<(Decimal, &str)>,
    ) -> Result<AnswerRevision> {
        if item.trim().is_empty() {
            return Err(StoreError::InvalidValue {
                field: "item".into(),
                value: item.into(),
                message: "题目编号不能为空".into(),
            });
        }
        check_len("item", item, ITEM_MAX_CHARS)?;
        check_len("note", note, NOTE_MAX_CHARS)?;
        self.draft(assessment_id)?;
        let tx = self.conn().unchecked_transaction()?;
        tx.prepare_cached(
            "INSERT INTO answer_revision (assessment_id, item, value, note, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![assessment_id, item, value_json(value), note, author, now])?;
        let id = tx.last_insert_rowid();
        let (score, level) = summary.map(|(s, l)| (s.to_string(), l)).unzip();
        tx.prepare_cached(
            "UPDATE assessment SET updated_at = ?2, score = ?3, level = ?4 WHERE id = ?1",
        )?
        .execute(params![assessment_id, now, score, level])?;
        tx.commit()?;
        Ok(AnswerRevision {
            id,
            assessment_id,
            item: item.to_owned(),
            value: value.cloned(),
            note: note.to_owned(),
            author: author.to_owned(),
            at: now.to_owned(),
            carried: false,
        })
    }

    /// The current answers of an assessment in the answers-file shape core scores (the same
    /// JSON `zhizhuan score --answers` reads), so every host scores a stored assessment the
    /// same way.
    pub fn answers_file(&self, assessment_id: i64) -> Result<AnswersFile> {
        let a = self.assessment(assessment_id)?;
        Ok(AnswersFile {
            framework: a.framework_id,
            version: a.framework_version,
            variant: a.variant,
            answers: self
                .answers(assessment_id)?
                .into_iter()
                .map(|x| (x.item, x.value))
                .collect(),
        })
    }

    /// The current answers of an assessment, by item id.
    pub fn answers(&self, assessment_id: i64) -> Result<Vec<Answer>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT item, value, note, author, at, revision_id, {TO_CONFIRM}
             FROM answer WHERE assessment_id = ?1 ORDER BY item"
        ))?;
        let rows = stmt.query_map([assessment_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, bool>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (item, value, note, author, at, revision_id, to_confirm) = row?;
            let value =
                parse_value(revision_id, Some(value))?.unwrap_or(AnswerValue::NotApplicable);
            out.push(Answer {
                assessment_id,
                item,
                value,
                note,
                author,
                at,
                revision_id,
                to_confirm,
            });
        }
        Ok(out)
    }

    /// One item's current answer.
    pub fn answer(&self, assessment_id: i64, item: &str) -> Result<Option<Answer>> {
        let row: Option<(String, String, String, String, i64, bool)> = self
            .conn()
            .query_row(
                &format!(
                    "SELECT value, note, author, at, revision_id, {TO_CONFIRM}
                     FROM answer WHERE assessment_id = ?1 AND item = ?2"
                ),
                params![assessment_id, item],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(value, note, author, at, revision_id, to_confirm)| {
            let value =
                parse_value(revision_id, Some(value))?.unwrap_or(AnswerValue::NotApplicable);
            Ok(Answer {
                assessment_id,
                item: item.to_owned(),
                value,
                note,
                author,
                at,
                revision_id,
                to_confirm,
            })
        })
        .transpose()
    }

    /// Every revision of this assessment (optionally of one item), oldest first.
    pub fn answer_history(
        &self,
        assessment_id: i64,
        item: Option<&str>,
    ) -> Result<Vec<AnswerRevision>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, item, value, note, author, at, carried FROM answer_revision
             WHERE assessment_id = ?1 AND (?2 IS NULL OR item = ?2) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![assessment_id, item], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, item, value, note, author, at, carried) = row?;
            out.push(AnswerRevision {
                id,
                assessment_id,
                item,
                value: parse_value(id, value)?,
                note,
                author,
                at,
                carried,
            });
        }
        Ok(out)
    }

    /// An item's whole story across the revision chain: the predecessors' revisions, then this
    /// assessment's own (rows carried over into a revision are skipped, they repeat the
    /// predecessor's final answer).
    pub fn answer_history_across_revisions(
        &self,
        assessment_id: i64,
        item: &str,
    ) -> Result<Vec<AnswerRevision>> {
        let mut out = Vec::new();
        for a in self.revision_chain(assessment_id)? {
            out.extend(
                self.answer_history(a.id, Some(item))?
                    .into_iter()
                    .filter(|r| !r.carried),
            );
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AssessmentStatus, NewAssessment};

    fn store_with_draft() -> (Store, i64) {
        let s = Store::open_in_memory().unwrap();
        let (a, _) = crate::test_support::draft_in(&s);
        (s, a)
    }

    #[test]
    fn every_revision_is_kept_and_the_view_shows_the_latest() {
        let (s, a) = store_with_draft();
        s.set_answer(a, "x", Some(&AnswerValue::Level(1)), "", "王", "t1")
            .unwrap();
        s.set_answer(a, "x", Some(&AnswerValue::Level(3)), "复核后", "李", "t2")
            .unwrap();
        s.set_answer(
            a,
            "y",
            Some(&AnswerValue::NotApplicable),
            "无此工序",
            "王",
            "t3",
        )
        .unwrap();
        s.set_answer(
            a,
            "z",
            Some(&AnswerValue::Option("o".into())),
            "",
            "王",
            "t4",
        )
        .unwrap();
        s.set_answer(a, "z", None, "", "王", "t5").unwrap();

        let now = s.answers(a).unwrap();
        let got: Vec<(&str, &AnswerValue)> =
            now.iter().map(|x| (x.item.as_str(), &x.value)).collect();
        assert_eq!(
            got,
            [
                ("x", &AnswerValue::Level(3)),
                ("y", &AnswerValue::NotApplicable)
            ]
        );
        assert!(now[1].is_not_applicable());
        assert_eq!(now[0].note, "复核后");
        let history = s.answer_history(a, Some("x")).unwrap();
        assert_eq!(
            history.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
            [Some(AnswerValue::Level(1)), Some(AnswerValue::Level(3))]
        );
        assert_eq!(s.answer_history(a, None).unwrap().len(), 5);
    }

    #[test]
    fn history_cannot_be_rewritten_even_by_sql() {
        let (s, a) = store_with_draft();
        s.set_answer(a, "x", Some(&AnswerValue::Level(1)), "", "", "t1")
            .unwrap();
        for sql in [
            "UPDATE answer_revision SET value = '\"na\"'",
            "DELETE FROM answer_revision",
        ] {
            let err = s.conn().execute(sql, []).unwrap_err();
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
    }

    #[test]
    fn a_final_assessment_is_read_only_and_a_revision_carries_its_answers() {
        let (s, a) = store_with_draft();
        s.set_answer(a, "x", Some(&AnswerValue::Level(1)), "", "王", "t1")
            .unwrap();
        s.set_answer(a, "x", Some(&AnswerValue::Level(2)), "", "王", "t2")
            .unwrap();
        s.finalise_assessment(a, "t3").unwrap();
        assert!(
            matches!(s.set_answer(a, "x", Some(&AnswerValue::Level(3)), "", "", "t4"), Err(StoreError::AssessmentFinal(id)) if id == a)
        );
        // The database refuses too, whatever the code path.
        let err = s
            .conn()
            .execute("INSERT INTO answer_revision (assessment_id, item, value, at) VALUES (?1, 'x', '1', 't')", [a])
            .unwrap_err();
        assert!(err.to_string().contains("final"), "{err}");

        let r = s.revise_assessment(a, "李", "t5").unwrap();
        assert_eq!(
            (r.previous_id, r.status),
            (Some(a), AssessmentStatus::Draft)
        );
        assert!(
            matches!(s.revise_assessment(a, "", "t6"), Err(StoreError::AlreadyRevised { successor, .. }) if successor == r.id)
        );
        assert_eq!(
            s.answer(r.id, "x").unwrap().unwrap().value,
            AnswerValue::Level(2)
        );
        s.set_answer(r.id, "x", Some(&AnswerValue::Level(3)), "", "李", "t6")
            .unwrap();
        let story: Vec<_> = s
            .answer_history_across_revisions(r.id, "x")
            .unwrap()
            .into_iter()
            .map(|r| r.value)
            .collect();
        assert_eq!(
            story,
            [
                Some(AnswerValue::Level(1)),
                Some(AnswerValue::Level(2)),
                Some(AnswerValue::Level(3))
            ]
        );
        assert_eq!(
            s.answer(a, "x").unwrap().unwrap().value,
            AnswerValue::Level(2),
            "the final record is unchanged"
        );
        assert_eq!(
            s.revision_chain(r.id)
                .unwrap()
                .iter()
                .map(|x| x.id)
                .collect::<Vec<_>>(),
            [a, r.id]
        );
    }

    #[test]
    fn the_answers_file_holds_the_current_answers_only() {
        let (s, a) = store_with_draft();
        s.set_answer(a, "x", Some(&AnswerValue::Level(1)), "", "", "t1")
            .unwrap();
        s.set_answer(a, "x", Some(&AnswerValue::Level(3)), "", "", "t2")
            .unwrap();
        s.set_answer(a, "y", Some(&AnswerValue::Level(1)), "", "", "t2")
            .unwrap();
        s.set_answer(a, "y", None, "", "", "t3").unwrap();
        let f = s.answers_file(a).unwrap();
        assert_eq!(
            (f.framework.as_str(), f.version.as_str()),
            ("miit-2024", "2024")
        );
        assert_eq!(
            f.answers.into_iter().collect::<Vec<_>>(),
            [("x".to_owned(), AnswerValue::Level(3))]
        );
    }

    #[test]
    fn a_reassessment_is_compared_with_its_baseline() {
        let (s, a) = store_with_draft();
        s.set_answer(a, "x", Some(&AnswerValue::Level(1)), "", "", "t1")
            .unwrap();
        s.set_answer(a, "y", Some(&AnswerValue::Level(1)), "", "", "t1")
            .unwrap();
        s.set_score_summary(a, "59.3".parse().unwrap(), "二级", "t1")
            .unwrap();
        s.finalise_assessment(a, "t2").unwrap();
        let e = s.assessment(a).unwrap().enterprise_id;
        let b = s
            .create_assessment(
                &NewAssessment {
                    enterprise_id: e,
                    framework_id: "miit-2024".into(),
                    framework_version: "2025".into(),
                    framework_hash: "h2".into(),
                    ..NewAssessment::default()
                },
                "t3",
            )
            .unwrap();
        s.set_answer(b.id, "x", Some(&AnswerValue::Level(2)), "", "", "t4")
            .unwrap();
        s.set_answer(b.id, "y", Some(&AnswerValue::Level(1)), "", "", "t4")
            .unwrap();
        s.set_answer(b.id, "z", Some(&AnswerValue::NotApplicable), "", "", "t4")
            .unwrap();
        s.set_score_summary(b.id, "60".parse().unwrap(), "三级", "t4")
            .unwrap();
        assert_eq!(
            s.reassessment_baseline(b.id).unwrap().map(|x| x.id),
            Some(a)
        );
        assert_eq!(s.reassessment_baseline(a).unwrap(), None);
        let c = s.compare_assessments(a, b.id).unwrap();
        assert!(c.same_enterprise && c.same_framework && c.version_differs);
        assert_eq!(c.hash_differs, Some(true));
        assert_eq!(c.score_change.unwrap().to_string(), "0.7");
        assert_eq!(
            c.changes
                .iter()
                .map(|x| x.item.as_str())
                .collect::<Vec<_>>(),
            ["x", "z"]
        );
    }
}
