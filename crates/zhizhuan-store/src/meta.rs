//! What a diagnosis report says about the assessment itself: who assessed (body and person),
//! how (self-assessment, a service provider's diagnosis, a third party's evaluation), on which
//! date, under which report number, what was reviewed, whether the site was visited, who was
//! interviewed — and how many projects its roadmap may run at once.
//!
//! Every text is capped where it is entered: a report prints these fields on its cover and in
//! its process section, and a 6 MB field once made a 17.9 MB PDF.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Result, Store, StoreError};

/// How the assessment was made; a report prints it on its cover (评估方式).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentMode {
    /// 企业自评: the enterprise answered for itself.
    #[default]
    #[serde(rename = "self")]
    SelfAssessed,
    /// 服务商诊断: a service provider diagnosed the enterprise.
    Provider,
    /// 第三方评测: an independent evaluator.
    ThirdParty,
}

impl AssessmentMode {
    pub fn as_sql(self) -> &'static str {
        match self {
            AssessmentMode::SelfAssessed => "self",
            AssessmentMode::Provider => "provider",
            AssessmentMode::ThirdParty => "third_party",
        }
    }

    pub fn from_sql(s: &str) -> Option<Self> {
        Some(match s {
            "self" => AssessmentMode::SelfAssessed,
            "provider" => AssessmentMode::Provider,
            "third_party" => AssessmentMode::ThirdParty,
            _ => return None,
        })
    }
}

/// The assessment's record for its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessmentMeta {
    /// The assessing body (评估机构); empty for a self-assessment without one.
    #[serde(default)]
    pub organisation: String,
    /// The person who assessed (评估人).
    #[serde(default)]
    pub assessor: String,
    #[serde(default)]
    pub mode: AssessmentMode,
    /// 评估日期 as recorded; `None` = the report uses the finalised (else last-answer) date.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub assessed_on: Option<NaiveDate>,
    /// The assessing body's own number; empty = the report derives one from the assessment.
    #[serde(default)]
    pub report_no: String,
    /// 资料审核: what documents were read.
    #[serde(default)]
    pub documents_reviewed: String,
    #[serde(default)]
    pub site_visit: bool,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub site_visit_on: Option<NaiveDate>,
    /// 访谈: who was interviewed.
    #[serde(default)]
    pub interviews: String,
    /// At most this many projects at once in the roadmap; `None` = the default (3).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub max_parallel: Option<i64>,
}

/// Caps in characters: a name, a number, and the free texts of the process section.
pub const NAME_MAX_CHARS: usize = 100;
pub const REPORT_NO_MAX_CHARS: usize = 40;
pub const PROCESS_TEXT_MAX_CHARS: usize = 2000;
/// The allowed range of [`AssessmentMeta::max_parallel`] (the column's CHECK says the same).
pub const MAX_PARALLEL_RANGE: std::ops::RangeInclusive<i64> = 1..=20;

/// `field` must be at most `max` characters; the error names the field and (a prefix of) the value.
pub(crate) fn cap(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(StoreError::InvalidMeta {
            field: field.into(),
            value: value.chars().take(20).collect::<String>() + "…",
            message: format!("最多 {max} 个字，现在是 {n} 个字"),
        });
    }
    Ok(())
}

fn check_parallel(k: Option<i64>) -> Result<()> {
    match k {
        Some(k) if !MAX_PARALLEL_RANGE.contains(&k) => Err(StoreError::InvalidMeta {
            field: "maxParallel".into(),
            value: k.to_string(),
            message: format!(
                "同时进行的项目数应为 {}–{}",
                MAX_PARALLEL_RANGE.start(),
                MAX_PARALLEL_RANGE.end()
            ),
        }),
        _ => Ok(()),
    }
}

impl AssessmentMeta {
    /// Every field checked; the first problem is returned with its field and value.
    pub fn validate(&self) -> Result<()> {
        cap("organisation", &self.organisation, NAME_MAX_CHARS)?;
        cap("assessor", &self.assessor, NAME_MAX_CHARS)?;
        cap("reportNo", &self.report_no, REPORT_NO_MAX_CHARS)?;
        for (field, value) in [
            ("documentsReviewed", &self.documents_reviewed),
            ("interviews", &self.interviews),
        ] {
            cap(field, value, PROCESS_TEXT_MAX_CHARS)?;
        }
        if self.site_visit_on.is_some() && !self.site_visit {
            return Err(StoreError::InvalidMeta {
                field: "siteVisitOn".into(),
                value: self
                    .site_visit_on
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                message: "没有现场评测，就不应有现场评测日期".into(),
            });
        }
        check_parallel(self.max_parallel)
    }
}

fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

impl Store {
    /// The assessment's record for its report (defaults for an assessment never described).
    pub fn assessment_meta(&self, id: i64) -> Result<AssessmentMeta> {
        let row = self
            .conn()
            .query_row(
                "SELECT organisation, assessor, mode, assessed_on, report_no, documents_reviewed,
                        site_visit, site_visit_on, interviews, max_parallel
                 FROM assessment WHERE id = ?1",
                [id],
                |r| {
                    let mode: String = r.get(2)?;
                    Ok((
                        mode,
                        AssessmentMeta {
                            organisation: r.get(0)?,
                            assessor: r.get(1)?,
                            mode: AssessmentMode::SelfAssessed,
                            assessed_on: day(r.get(3)?),
                            report_no: r.get(4)?,
                            documents_reviewed: r.get(5)?,
                            site_visit: r.get(6)?,
                            site_visit_on: day(r.get(7)?),
                            interviews: r.get(8)?,
                            max_parallel: r.get(9)?,
                        },
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::AssessmentNotFound(id))?;
        let (mode, mut meta) = row;
        meta.mode = AssessmentMode::from_sql(&mode).ok_or(StoreError::BadStoredValue {
            table: "assessment",
            id,
            message: format!("mode {mode}"),
        })?;
        Ok(meta)
    }

    /// Records how the assessment was made. A final assessment is read-only
    /// ([`StoreError::AssessmentFinal`]).
    pub fn set_assessment_meta(&self, id: i64, meta: &AssessmentMeta, now: &str) -> Result<()> {
        meta.validate()?;
        self.writable_assessment(id)?;
        self.conn().execute(
            "UPDATE assessment SET organisation = ?2, assessor = ?3, mode = ?4, assessed_on = ?5,
                    report_no = ?6, documents_reviewed = ?7, site_visit = ?8, site_visit_on = ?9,
                    interviews = ?10, max_parallel = ?11, updated_at = ?12
             WHERE id = ?1",
            params![
                id,
                meta.organisation.trim(),
                meta.assessor.trim(),
                meta.mode.as_sql(),
                meta.assessed_on.map(|d| d.to_string()),
                meta.report_no.trim(),
                meta.documents_reviewed.trim(),
                meta.site_visit,
                meta.site_visit_on.map(|d| d.to_string()),
                meta.interviews.trim(),
                meta.max_parallel,
                now
            ],
        )?;
        Ok(())
    }

    /// At most this many projects at once in the assessment's roadmap; `None` = the default.
    pub fn assessment_max_parallel(&self, id: i64) -> Result<Option<i64>> {
        Ok(self.assessment_meta(id)?.max_parallel)
    }

    /// Sets (or, with `None`, resets to the default) the roadmap's limit of parallel projects.
    pub fn set_assessment_max_parallel(&self, id: i64, k: Option<i64>, now: &str) -> Result<()> {
        check_parallel(k)?;
        self.writable_assessment(id)?;
        self.conn().execute(
            "UPDATE assessment SET max_parallel = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, k, now],
        )?;
        Ok(())
    }

    fn writable_assessment(&self, id: i64) -> Result<()> {
        let a = self.assessment(id)?;
        if a.status == crate::assessment::AssessmentStatus::Final {
            return Err(StoreError::AssessmentFinal(id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> AssessmentMeta {
        AssessmentMeta {
            organisation: "常州智造咨询有限公司".into(),
            assessor: "陈镕".into(),
            mode: AssessmentMode::Provider,
            assessed_on: NaiveDate::from_ymd_opt(2026, 3, 18),
            site_visit: true,
            site_visit_on: NaiveDate::from_ymd_opt(2026, 3, 17),
            max_parallel: Some(2),
            ..AssessmentMeta::default()
        }
    }

    type Breaker = Box<dyn Fn(&mut AssessmentMeta)>;

    /// Each case breaks one rule; the error names that field.
    #[test]
    fn each_cap_names_its_field() {
        let long = |n: usize| "字".repeat(n);
        let cases: Vec<(&str, Breaker)> = vec![
            (
                "organisation",
                Box::new(move |m| m.organisation = long(101)),
            ),
            ("assessor", Box::new(move |m| m.assessor = long(101))),
            ("reportNo", Box::new(move |m| m.report_no = long(41))),
            (
                "documentsReviewed",
                Box::new(move |m| m.documents_reviewed = long(2001)),
            ),
            ("interviews", Box::new(move |m| m.interviews = long(2001))),
            ("maxParallel", Box::new(|m| m.max_parallel = Some(0))),
            ("maxParallel", Box::new(|m| m.max_parallel = Some(21))),
            ("siteVisitOn", Box::new(|m| m.site_visit = false)),
        ];
        assert!(meta().validate().is_ok());
        for (field, break_it) in cases {
            let mut m = meta();
            break_it(&mut m);
            match m.validate() {
                Err(StoreError::InvalidMeta { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_limits_themselves_are_accepted() {
        let mut m = meta();
        m.organisation = "字".repeat(NAME_MAX_CHARS);
        m.report_no = "A".repeat(REPORT_NO_MAX_CHARS);
        for k in [1, 20] {
            m.max_parallel = Some(k);
            assert!(m.validate().is_ok(), "{k}");
        }
    }

    #[test]
    fn modes_round_trip_through_sql_and_json() {
        for m in [
            AssessmentMode::SelfAssessed,
            AssessmentMode::Provider,
            AssessmentMode::ThirdParty,
        ] {
            assert_eq!(AssessmentMode::from_sql(m.as_sql()), Some(m));
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.as_sql()));
        }
    }
}
