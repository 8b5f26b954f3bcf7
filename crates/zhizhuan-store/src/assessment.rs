//! The `assessment` table: one questionnaire session of one enterprise against one framework
//! version.
//!
//! Lifecycle: a **draft** takes answers; [`Store::finalise_assessment`] makes it **final**
//! (read-only, enforced by triggers). Changing a final assessment means
//! [`Store::revise_assessment`]: a new draft row linked by `previous_id`, starting from the
//! final answers, so the finalised record stays exactly as it was reported.
//!
//! A later assessment of the same enterprise and framework that is *not* a revision is a
//! **re-assessment** (the consultant's visit a year later); [`Store::compare_assessments`]
//! reports how two of them differ, including whether the framework version or its content
//! hash changed in between (in which case scores are not directly comparable).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::decimal::Decimal;

use crate::{Result, Store, StoreError};

/// Draft or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AssessmentStatus {
    Draft,
    Final,
}

impl AssessmentStatus {
    fn from_sql(s: &str) -> Option<AssessmentStatus> {
        match s {
            "draft" => Some(AssessmentStatus::Draft),
            "final" => Some(AssessmentStatus::Final),
            _ => None,
        }
    }

    /// The word the app and the CLI show: 草稿 or 定稿.
    pub fn zh(self) -> &'static str {
        match self {
            AssessmentStatus::Draft => "草稿",
            AssessmentStatus::Final => "定稿",
        }
    }
}

/// A stored assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    #[ts(type = "number")]
    pub id: i64,
    /// Identity across machines: bundles match assessments by it.
    pub uid: String,
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub framework_id: String,
    pub framework_version: String,
    /// Content hash of the framework definition the answers were given against ("" = unknown).
    pub framework_hash: String,
    pub variant: Option<String>,
    pub assessor: String,
    pub status: AssessmentStatus,
    /// The final assessment this one revises.
    #[ts(type = "number | null")]
    pub previous_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    pub finalised_at: Option<String>,
    /// Cached score summary written by the scorer (None until scored, or after a save that did not score).
    pub score: Option<Decimal>,
    pub level: Option<String>,
}

/// What is needed to start an assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAssessment {
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub framework_id: String,
    pub framework_version: String,
    #[serde(default)]
    pub framework_hash: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub assessor: String,
}

/// One line of the consultant's portfolio: an assessment with its enterprise and cached score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioEntry {
    #[ts(type = "number")]
    pub assessment_id: i64,
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub credit_code: String,
    pub framework_id: String,
    pub framework_version: String,
    pub status: AssessmentStatus,
    pub updated_at: String,
    pub score: Option<Decimal>,
    pub level: Option<String>,
    /// The enterprise's province code (GB/T 2260), city and industry division, to filter by.
    pub province: String,
    pub city: String,
    pub industry: String,
}

pub(crate) const COLUMNS: &str =
    "id, uid, enterprise_id, framework_id, framework_version, framework_hash, variant,
     assessor, status, previous_id, created_at, updated_at, finalised_at, score, level";

pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Assessment> {
    let bad = |col: usize, msg: String| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, msg.into())
    };
    let status: String = r.get(8)?;
    let score: Option<String> = r.get(13)?;
    Ok(Assessment {
        id: r.get(0)?,
        uid: r.get(1)?,
        enterprise_id: r.get(2)?,
        framework_id: r.get(3)?,
        framework_version: r.get(4)?,
        framework_hash: r.get(5)?,
        variant: r.get(6)?,
        assessor: r.get(7)?,
        status: AssessmentStatus::from_sql(&status)
            .ok_or_else(|| bad(8, format!("status {status}")))?,
        previous_id: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        finalised_at: r.get(12)?,
        score: score
            .map(|s| s.parse::<Decimal>())
            .transpose()
            .map_err(|e| bad(13, e.to_string()))?,
        level: r.get(14)?,
    })
}

/// A new identity for an assessment: unique across machines without coordination. It needs
/// no secrecy, only uniqueness, so time, process, a counter and a stack address suffice.
pub(crate) fn new_uid() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = Sha256::new();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let local = 0u8;
    h.update((&local as *const u8 as usize).to_le_bytes());
    crate::evidence::hex(&h.finalize()[..16])
}

fn require_text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::InvalidValue {
            field: field.into(),
            value: value.into(),
            message: "不能为空".into(),
        });
    }
    Ok(())
}

impl Store {
    /// Starts a draft assessment. Framework id, version and hash are stored as given (the
    /// store does not know frameworks; core validates answers against them).
    pub fn create_assessment(&self, new: &NewAssessment, now: &str) -> Result<Assessment> {
        require_text("frameworkId", &new.framework_id)?;
        require_text("frameworkVersion", &new.framework_version)?;
        self.enterprise(new.enterprise_id)?;
        self.conn().execute(
            "INSERT INTO assessment (uid, enterprise_id, framework_id, framework_version, framework_hash,
                                     variant, assessor, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                new_uid(),
                new.enterprise_id,
                new.framework_id,
                new.framework_version,
                new.framework_hash,
                new.variant,
                new.assessor,
                now
            ],
        )?;
        self.assessment(self.conn().last_insert_rowid())
    }

    /// Starts a re-assessment: a new draft (not a revision: no `previous_id`) whose answers
    /// are `answers` (item, value, note) taken over from an earlier assessment, each stored
    /// as carried so that it reads 「待确认」 until the user answers it again. One transaction.
    pub fn create_assessment_from(
        &self,
        new: &NewAssessment,
        answers: &[(String, AnswerValue, String)],
        now: &str,
    ) -> Result<Assessment> {
        let tx = self.conn().unchecked_transaction()?;
        let a = self.create_assessment(new, now)?;
        for (item, value, note) in answers {
            tx.execute(
                "INSERT INTO answer_revision (assessment_id, item, value, note, author, at, carried)
                 VALUES (?1, ?2, ?3, ?4, '', ?5, 1)",
                params![a.id, item, crate::answer::value_json(Some(value)), note, now],
            )?;
        }
        tx.commit()?;
        Ok(a)
    }

    /// One assessment by id.
    pub fn assessment(&self, id: i64) -> Result<Assessment> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM assessment WHERE id = ?1 AND discarded_at IS NULL
                       AND enterprise_id IN (SELECT id FROM enterprise WHERE discarded_at IS NULL)"
                ),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::AssessmentNotFound(id))
    }

    /// Assessments of one enterprise (or all), oldest first.
    pub fn assessments(&self, enterprise_id: Option<i64>) -> Result<Vec<Assessment>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM assessment
             WHERE (?1 IS NULL OR enterprise_id = ?1) AND discarded_at IS NULL
               AND enterprise_id IN (SELECT id FROM enterprise WHERE discarded_at IS NULL)
             ORDER BY id"
        ))?;
        Ok(stmt
            .query_map([enterprise_id], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every assessment with its enterprise and cached score, most recently changed first.
    /// Reads only the cached summary columns, so it stays fast for thousands of assessments.
    pub fn portfolio(&self) -> Result<Vec<PortfolioEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.enterprise_id, e.name, e.credit_code, a.framework_id, a.framework_version,
                    a.status, a.updated_at, a.score, a.level, e.province, e.city, e.industry
             FROM assessment a JOIN enterprise e ON e.id = a.enterprise_id
             WHERE a.discarded_at IS NULL AND e.discarded_at IS NULL
             ORDER BY a.updated_at DESC, a.id DESC",
        )?;
        // Status and score are parsed after the row is read, so a damaged one is named.
        let rows = stmt.query_map([], |r| {
            let entry = PortfolioEntry {
                assessment_id: r.get(0)?,
                enterprise_id: r.get(1)?,
                enterprise_name: r.get(2)?,
                credit_code: r.get(3)?,
                framework_id: r.get(4)?,
                framework_version: r.get(5)?,
                status: AssessmentStatus::Draft,
                updated_at: r.get(7)?,
                score: None,
                level: r.get(9)?,
                province: r.get(10)?,
                city: r.get(11)?,
                industry: r.get(12)?,
            };
            Ok((
                entry,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut entry, status, score) = row?;
            let bad = |message: String| StoreError::BadStoredValue {
                table: "assessment",
                id: entry.assessment_id,
                message,
            };
            entry.status = AssessmentStatus::from_sql(&status)
                .ok_or_else(|| bad(format!("status {status}")))?;
            entry.score = score
                .map(|s: String| s.parse())
                .transpose()
                .map_err(|e: zhizhuan_core::decimal::DecimalError| bad(e.to_string()))?;
            out.push(entry);
        }
        Ok(out)
    }

    /// The assessment if it exists and is a draft; [`StoreError::AssessmentFinal`] otherwise.
    pub(crate) fn draft(&self, id: i64) -> Result<Assessment> {
        let a = self.assessment(id)?;
        if a.status == AssessmentStatus::Final {
            return Err(StoreError::AssessmentFinal(id));
        }
        Ok(a)
    }

    /// Caches the scorer's result on a draft, for the portfolio listing.
    pub fn set_score_summary(&self, id: i64, score: Decimal, level: &str, now: &str) -> Result<()> {
        self.draft(id)?;
        self.conn().execute(
            "UPDATE assessment SET score = ?2, level = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, score.to_string(), level, now],
        )?;
        Ok(())
    }

    /// Makes a draft final (read-only from now on).
    pub fn finalise_assessment(&self, id: i64, now: &str) -> Result<Assessment> {
        self.draft(id)?;
        self.conn().execute(
            "UPDATE assessment SET status = 'final', finalised_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        self.assessment(id)
    }

    /// Discards draft `id` (opened by mistake): from now on no list shows it and no read or
    /// write by id finds it. Its rows stay in the database (history is never deleted); a
    /// final assessment is refused, as the report filed from it is.
    pub fn discard_assessment(&self, id: i64, now: &str) -> Result<()> {
        self.draft(id)?;
        self.conn().execute(
            "UPDATE assessment SET discarded_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }

    /// The revision that replaced `id`, if any.
    pub fn successor(&self, id: i64) -> Result<Option<Assessment>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM assessment WHERE previous_id = ?1 AND discarded_at IS NULL
                     ORDER BY id LIMIT 1"
                ),
                [id],
                from_row,
            )
            .optional()?)
    }

    /// Opens a new draft revision of a final assessment: same enterprise and framework, linked
    /// by `previous_id`, starting with the final answers (marked as carried over), its active
    /// evidence and its roadmap edits. All in one transaction.
    pub fn revise_assessment(&self, id: i64, assessor: &str, now: &str) -> Result<Assessment> {
        let old = self.assessment(id)?;
        if old.status == AssessmentStatus::Draft {
            return Err(StoreError::AssessmentNotFinal(id));
        }
        if let Some(next) = self.successor(id)? {
            return Err(StoreError::AlreadyRevised {
                id,
                successor: next.id,
            });
        }
        let tx = self.conn().unchecked_transaction()?;
        tx.execute(
            // who assesses and the plan's limit carry over; the date, report number and the
            // process (documents, visit, interviews) belong to the revision's own work
            "INSERT INTO assessment (uid, enterprise_id, framework_id, framework_version, framework_hash,
                                     variant, assessor, previous_id, created_at, updated_at,
                                     organisation, mode, max_parallel)
             SELECT ?2, enterprise_id, framework_id, framework_version, framework_hash, variant, ?3, id, ?4, ?4,
                    organisation, mode, max_parallel
             FROM assessment WHERE id = ?1",
            params![id, new_uid(), assessor, now],
        )?;
        let new_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO answer_revision (assessment_id, item, value, note, author, at, carried)
             SELECT ?2, item, value, note, author, at, 1 FROM answer WHERE assessment_id = ?1 ORDER BY revision_id",
            params![id, new_id],
        )?;
        tx.execute(
            "INSERT INTO evidence (assessment_id, item, sha256, original_name, media_type, size, added_by, added_at)
             SELECT ?2, item, sha256, original_name, media_type, size, added_by, added_at
             FROM evidence WHERE assessment_id = ?1 AND removed_at IS NULL ORDER BY id",
            params![id, new_id],
        )?;
        tx.execute(
            "INSERT INTO roadmap_edit (assessment_id, action, owner, start_date, due_date, cost, status, note,
                                       updated_by, updated_at)
             SELECT ?2, action, owner, start_date, due_date, cost, status, note, updated_by, updated_at
             FROM roadmap_edit WHERE assessment_id = ?1 ORDER BY id",
            params![id, new_id],
        )?;
        tx.commit()?;
        self.assessment(new_id)
    }

    /// The revision chain `id` belongs to, oldest first, up to `id` itself.
    pub fn revision_chain(&self, id: i64) -> Result<Vec<Assessment>> {
        let mut chain = vec![self.assessment(id)?];
        while let Some(prev) = chain.last().and_then(|a| a.previous_id) {
            if chain.iter().any(|a| a.id == prev) {
                break; // a cycle can only come from hand-edited data; stop rather than loop
            }
            chain.push(self.assessment(prev)?);
        }
        chain.reverse();
        Ok(chain)
    }

    /// The latest assessment of the same enterprise and framework started before `id` that is
    /// not in `id`'s revision chain: what a re-assessment is compared with.
    pub fn reassessment_baseline(&self, id: i64) -> Result<Option<Assessment>> {
        let a = self.assessment(id)?;
        let chain: Vec<i64> = self.revision_chain(id)?.iter().map(|x| x.id).collect();
        let candidates = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM assessment x
             WHERE enterprise_id = ?1 AND framework_id = ?2 AND id < ?3 AND discarded_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM assessment s
                               WHERE s.previous_id = x.id AND s.discarded_at IS NULL)
             ORDER BY id DESC"
            ))?
            .query_map(params![a.enterprise_id, a.framework_id, chain[0]], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(candidates.into_iter().find(|c| !chain.contains(&c.id)))
    }

    /// How two assessments differ: framework version / hash and every changed answer.
    pub fn compare_assessments(&self, earlier: i64, later: i64) -> Result<AssessmentComparison> {
        let (a, b) = (self.assessment(earlier)?, self.assessment(later)?);
        let before: BTreeMap<String, AnswerValue> = self
            .answers(earlier)?
            .into_iter()
            .map(|x| (x.item, x.value))
            .collect();
        let mut after: BTreeMap<String, AnswerValue> = self
            .answers(later)?
            .into_iter()
            .map(|x| (x.item, x.value))
            .collect();
        let mut changes = Vec::new();
        for (item, old) in before {
            match after.remove(&item) {
                Some(new) if new == old => {}
                new => changes.push(AnswerChange {
                    item,
                    before: Some(old),
                    after: new,
                }),
            }
        }
        changes.extend(after.into_iter().map(|(item, new)| AnswerChange {
            item,
            before: None,
            after: Some(new),
        }));
        changes.sort_by(|x, y| x.item.cmp(&y.item));
        let hash_differs = (!a.framework_hash.is_empty() && !b.framework_hash.is_empty())
            .then(|| a.framework_hash != b.framework_hash);
        Ok(AssessmentComparison {
            earlier,
            later,
            same_enterprise: a.enterprise_id == b.enterprise_id,
            same_framework: a.framework_id == b.framework_id,
            framework_versions: (a.framework_version.clone(), b.framework_version.clone()),
            version_differs: a.framework_version != b.framework_version,
            hash_differs,
            score_change: a.score.zip(b.score).map(|(x, y)| y - x),
            changes,
        })
    }
}

/// The answer to "what changed between these two assessments?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentComparison {
    #[ts(type = "number")]
    pub earlier: i64,
    #[ts(type = "number")]
    pub later: i64,
    pub same_enterprise: bool,
    pub same_framework: bool,
    /// (earlier, later) framework versions.
    pub framework_versions: (String, String),
    /// Scores against different framework versions are not directly comparable.
    pub version_differs: bool,
    /// Whether the framework definitions' content hashes differ; `None` when either is unknown.
    pub hash_differs: Option<bool>,
    /// later − earlier, when both have a cached score.
    pub score_change: Option<Decimal>,
    /// Items answered differently (or only in one of the two), by item id.
    pub changes: Vec<AnswerChange>,
}

/// One item's answer in both assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerChange {
    pub item: String,
    pub before: Option<AnswerValue>,
    pub after: Option<AnswerValue>,
}
