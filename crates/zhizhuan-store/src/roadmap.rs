//! The `roadmap_edit` table: what the user changed in a generated roadmap action — owner,
//! dates, cost, status — one row per action id of an assessment's roadmap.
//!
//! Core generates the roadmap from the gaps; the store keeps only the user's edits, so
//! regenerating (e.g. after a target-level change) never loses them.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_core::decimal::Decimal;

use crate::answer::{NOTE_MAX_CHARS, check_len};
use crate::{Result, Store, StoreError};

/// The longest owner (负责人) an action may have: a name or a role, printed in a table cell.
pub const OWNER_MAX_CHARS: usize = 100;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn as_sql(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn from_sql(s: &str) -> Option<ActionStatus> {
        [
            ActionStatus::Planned,
            ActionStatus::InProgress,
            ActionStatus::Done,
            ActionStatus::Dropped,
        ]
        .into_iter()
        .find(|x| x.as_sql() == s)
    }
}

/// The user's edit of one roadmap action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoadmapEditInput {
    /// The action id from core's roadmap.
    pub action: String,
    #[serde(default)]
    pub owner: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub start_date: Option<String>,
    #[serde(default)]
    pub due_date: Option<String>,
    /// Budget in 万元 (exact).
    #[serde(default)]
    pub cost: Option<Decimal>,
    pub status: ActionStatus,
    #[serde(default)]
    pub note: String,
}

/// A stored edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapEdit {
    #[ts(type = "number")]
    pub assessment_id: i64,
    #[serde(flatten)]
    pub edit: RoadmapEditInput,
    pub updated_by: String,
    pub updated_at: String,
}

impl RoadmapEditInput {
    /// Dates are real `YYYY-MM-DD` days with start ≤ due; cost is not negative; owner and
    /// note are capped as a person's name and an answer's note are (they are printed).
    pub fn validate(&self) -> Result<()> {
        let invalid = |field: &str, value: String, message: &str| {
            Err(StoreError::InvalidValue {
                field: field.into(),
                value,
                message: message.into(),
            })
        };
        if self.action.trim().is_empty() {
            return invalid("action", self.action.clone(), "措施编号不能为空");
        }
        check_len("owner", &self.owner, OWNER_MAX_CHARS)?;
        check_len("note", &self.note, NOTE_MAX_CHARS)?;
        let mut days = [None, None];
        for (i, (field, date)) in [("startDate", &self.start_date), ("dueDate", &self.due_date)]
            .into_iter()
            .enumerate()
        {
            if let Some(d) = date {
                match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    Ok(day) => days[i] = Some(day),
                    Err(_) => return invalid(field, d.clone(), "日期格式应为 YYYY-MM-DD"),
                }
            }
        }
        if let [Some(start), Some(due)] = days
            && start > due
        {
            return invalid("dueDate", due.to_string(), "完成日期早于开始日期");
        }
        if let Some(c) = self.cost
            && c < Decimal::ZERO
        {
            return invalid("cost", c.to_string(), "费用不能为负数");
        }
        Ok(())
    }
}

impl Store {
    /// Creates or replaces the edit of `edit.action` in a draft assessment.
    pub fn set_roadmap_edit(
        &self,
        assessment_id: i64,
        edit: &RoadmapEditInput,
        author: &str,
        now: &str,
    ) -> Result<RoadmapEdit> {
        edit.validate()?;
        self.draft(assessment_id)?;
        self.conn().execute(
            "INSERT INTO roadmap_edit (assessment_id, action, owner, start_date, due_date, cost, status, note,
                                       updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (assessment_id, action) DO UPDATE SET owner = excluded.owner,
                 start_date = excluded.start_date, due_date = excluded.due_date, cost = excluded.cost,
                 status = excluded.status, note = excluded.note, updated_by = excluded.updated_by,
                 updated_at = excluded.updated_at",
            params![
                assessment_id,
                edit.action,
                edit.owner,
                edit.start_date,
                edit.due_date,
                edit.cost.map(|c| c.to_string()),
                edit.status.as_sql(),
                edit.note,
                author,
                now
            ],
        )?;
        Ok(RoadmapEdit {
            assessment_id,
            edit: edit.clone(),
            updated_by: author.into(),
            updated_at: now.into(),
        })
    }

    /// All edits of an assessment's roadmap, by action id.
    pub fn roadmap_edits(&self, assessment_id: i64) -> Result<Vec<RoadmapEdit>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, action, owner, start_date, due_date, cost, status, note, updated_by, updated_at
             FROM roadmap_edit WHERE assessment_id = ?1 ORDER BY action",
        )?;
        let rows = stmt.query_map([assessment_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                id,
                action,
                owner,
                start_date,
                due_date,
                cost,
                status,
                note,
                updated_by,
                updated_at,
            ) = row?;
            let bad = |message: String| StoreError::BadStoredValue {
                table: "roadmap_edit",
                id,
                message,
            };
            out.push(RoadmapEdit {
                assessment_id,
                edit: RoadmapEditInput {
                    action,
                    owner,
                    start_date,
                    due_date,
                    cost: cost
                        .map(|c| c.parse())
                        .transpose()
                        .map_err(|e: zhizhuan_core::decimal::DecimalError| bad(e.to_string()))?,
                    status: ActionStatus::from_sql(&status)
                        .ok_or_else(|| bad(format!("status {status}")))?,
                    note,
                },
                updated_by,
                updated_at,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(action: &str) -> RoadmapEditInput {
        RoadmapEditInput {
            action: action.into(),
            owner: "信息化主管".into(),
            start_date: Some("2026-03-01".into()),
            due_date: Some("2026-09-30".into()),
            cost: Some("35.5".parse().unwrap()),
            status: ActionStatus::Planned,
            note: String::new(),
        }
    }

    #[test]
    fn edits_upsert_per_action_and_bad_values_are_named() {
        let s = Store::open_in_memory().unwrap();
        let (a, _) = crate::test_support::draft_in(&s);
        s.set_roadmap_edit(a, &edit("mes"), "王", "t1").unwrap();
        s.set_roadmap_edit(
            a,
            &RoadmapEditInput {
                status: ActionStatus::InProgress,
                ..edit("mes")
            },
            "李",
            "t2",
        )
        .unwrap();
        s.set_roadmap_edit(a, &edit("erp"), "王", "t3").unwrap();
        let all = s.roadmap_edits(a).unwrap();
        assert_eq!(
            all.iter()
                .map(|e| (e.edit.action.as_str(), e.edit.status))
                .collect::<Vec<_>>(),
            [
                ("erp", ActionStatus::Planned),
                ("mes", ActionStatus::InProgress)
            ]
        );
        assert_eq!(all[1].edit.cost.unwrap().to_string(), "35.5");

        for (bad, field) in [
            (
                RoadmapEditInput {
                    due_date: Some("2026-02-30".into()),
                    ..edit("x")
                },
                "dueDate",
            ),
            (
                RoadmapEditInput {
                    due_date: Some("2026-01-01".into()),
                    ..edit("x")
                },
                "dueDate",
            ),
            (
                RoadmapEditInput {
                    cost: Some("-1".parse().unwrap()),
                    ..edit("x")
                },
                "cost",
            ),
            (
                RoadmapEditInput {
                    owner: "王".repeat(OWNER_MAX_CHARS + 1),
                    ..edit("x")
                },
                "owner",
            ),
            (
                RoadmapEditInput {
                    note: "注".repeat(NOTE_MAX_CHARS + 1),
                    ..edit("x")
                },
                "note",
            ),
        ] {
            let Err(StoreError::InvalidValue { field: f, .. }) =
                s.set_roadmap_edit(a, &bad, "", "t")
            else {
                panic!()
            };
            assert_eq!(f, field);
        }
        assert_eq!(s.roadmap_edits(a).unwrap().len(), 2);
        s.finalise_assessment(a, "t4").unwrap();
        assert!(matches!(
            s.set_roadmap_edit(a, &edit("y"), "", "t5"),
            Err(StoreError::AssessmentFinal(_))
        ));
    }
}
