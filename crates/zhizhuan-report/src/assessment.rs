//! One stored assessment → its report model and action plan, for the two hosts (the app and the
//! CLI). The hosts read the database and hand over plain values ([`StoredAssessment`]); this
//! module scores, plans and builds, so both hosts print the same document from the same data
//! and neither repeats the choice of default target or how edits enter the plan.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::catalog;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::Framework;
use zhizhuan_core::gap::{self, GapError};
use zhizhuan_core::roadmap::{self, Roadmap};
use zhizhuan_core::score::{self, Score};

use zhizhuan_store::enterprise::{EnterpriseDetails, ProcessType};
use zhizhuan_store::meta::AssessmentMeta;

use crate::build::{ReportEnterprise, action_plan_with, report_model_with};
use crate::labels::Lang;
use crate::model::ReportModel;
use crate::xlsx::{ActionPlan, ActionStatus};

/// What the store keeps about one assessment, as plain values.
#[derive(Debug, Clone)]
pub struct StoredAssessment {
    /// The current answers, in the answers-file shape core scores.
    pub answers: AnswersFile,
    pub enterprise: ReportEnterprise,
    pub evidence: Evidence,
    /// The user's edits of roadmap actions (owner, dates, budget, status).
    pub edits: Vec<ActionEdit>,
    /// The plan's first day: edited start dates are counted in months from it.
    pub plan_start: NaiveDate,
    /// At most this many projects at once (see [`roadmap::Options`]).
    pub max_parallel: i64,
}

/// Evidence for the appendix: the note given with each answer and the attached files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// Item id → the note stored with its answer (what was seen, where). Blank notes are
    /// left out of the report.
    pub notes: BTreeMap<String, String>,
    /// Attached files that were not removed, in the order they should be listed.
    pub attachments: Vec<Attachment>,
}

/// One attached evidence file, listed (not embedded) in the appendix.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attachment {
    pub item: String,
    /// The file's name as the user gave it.
    pub name: String,
    /// Bytes.
    pub size: u64,
    /// SHA-256 in hex: lets a reader check that the file they receive is the one assessed.
    pub sha256: String,
    /// When it was attached, as stored (RFC 3339).
    pub added_at: String,
}

/// The user's edit of one roadmap action (the store's `RoadmapEditInput`, dates parsed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEdit {
    /// The action id from core's roadmap.
    pub action: String,
    pub owner: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Budget in 万元.
    pub cost_wan: Option<Decimal>,
    pub status: ActionStatus,
    pub note: String,
}

impl ReportEnterprise {
    /// The cover fields from a stored profile: codes (province GB/T 2260, industry GB/T 4754)
    /// are printed with their names, so the cover never shows a bare code.
    pub fn from_profile(profile: &Profile<'_>, lang: Lang) -> ReportEnterprise {
        ReportEnterprise {
            name: profile.name.to_string(),
            credit_code: profile.credit_code.to_string(),
            industry: industry_text(profile.industry, lang),
            region: region_text(profile.province, profile.city, profile.district, lang),
            assessor: profile.assessor.to_string(),
            assessment_date: profile.date.map(|d| date_text(lang, d)).unwrap_or_default(),
            ..ReportEnterprise::default()
        }
    }
}

impl ReportEnterprise {
    /// The profile's report facts (size, people, revenue, products, process, lines, systems,
    /// legal representative); `size` is the profile's size code (`medium`) or name.
    pub fn with_details(mut self, size: &str, d: &EnterpriseDetails, lang: Lang) -> Self {
        self.size = catalog::choice(catalog::SIZES, size)
            .map_or(size, |c| c.name(lang == Lang::En))
            .to_string();
        self.employees = d.employees;
        self.revenue_wan = d.revenue;
        self.legal_representative = d.legal_representative.clone();
        self.main_products = d.main_products.clone();
        self.process_type = d
            .process_type
            .map(|p| process_text(lang, p))
            .unwrap_or_default();
        self.production_lines = d.production_lines.clone();
        self.it_systems = d.it_systems.clone();
        self
    }

    /// How the assessment was made. A recorded date replaces the one derived from the
    /// record's timestamps; a recorded report number replaces the derived one.
    pub fn with_meta(mut self, m: &AssessmentMeta, lang: Lang) -> Self {
        self.organisation = m.organisation.clone();
        if !m.assessor.trim().is_empty() {
            self.assessor = m.assessor.clone();
        }
        self.mode = m.mode;
        if let Some(d) = m.assessed_on {
            self.assessment_date = date_text(lang, d);
        }
        if !m.report_no.trim().is_empty() {
            self.report_no = m.report_no.clone();
        }
        self.documents_reviewed = m.documents_reviewed.clone();
        self.site_visit = m.site_visit.then(|| {
            m.site_visit_on
                .map(|d| date_text(lang, d))
                .unwrap_or_default()
        });
        self.interviews = m.interviews.clone();
        self
    }
}

/// 离散型 / 流程型 / 混合型.
fn process_text(lang: Lang, p: ProcessType) -> String {
    let (zh, en) = match p {
        ProcessType::Discrete => ("离散型", "Discrete"),
        ProcessType::Process => ("流程型", "Process"),
        ProcessType::Mixed => ("混合型", "Mixed"),
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The stored enterprise profile fields the cover prints (borrowed from the host's record).
#[derive(Debug, Clone, Copy, Default)]
pub struct Profile<'a> {
    pub name: &'a str,
    pub credit_code: &'a str,
    /// Province code (GB/T 2260) or name.
    pub province: &'a str,
    pub city: &'a str,
    pub district: &'a str,
    /// Industry division code (GB/T 4754, e.g. `C34`) or name.
    pub industry: &'a str,
    pub assessor: &'a str,
    /// The assessment date (finalised, or last changed for a draft).
    pub date: Option<NaiveDate>,
}

/// 「C34 通用设备制造业」 (`C34 General-purpose equipment`) for a known division code, else
/// the text as stored.
pub fn industry_text(code: &str, lang: Lang) -> String {
    match catalog::choice(catalog::INDUSTRIES, code) {
        Some(c) => format!("{code} {}", c.name(lang == Lang::En)),
        None => code.to_string(),
    }
}

/// 「江苏省常州市武进区」: the province's name for its code, then city and district as typed
/// (in English `Jiangsu 常州市武进区`: the city is the user's own text).
pub fn region_text(province: &str, city: &str, district: &str, lang: Lang) -> String {
    let named = catalog::choice(catalog::PROVINCES, province);
    let head = named.map_or(province, |c| c.label);
    let mut zh = head.to_string();
    for part in [city, district] {
        // Municipalities repeat their name as the city (北京市 北京市): print it once.
        if !part.is_empty() && !zh.ends_with(part) {
            zh.push_str(part);
        }
    }
    let rest = &zh[head.len()..];
    match (lang, named) {
        (Lang::En, Some(c)) if rest.is_empty() => c.label_en.to_string(),
        (Lang::En, Some(c)) => format!("{} {rest}", c.label_en),
        _ => zh,
    }
}

/// A date as the report prints it: 「2025年3月18日」 or `2025-03-18`.
pub fn date_text(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A built report with the results it was built from (the host may show them too).
#[derive(Debug, Clone)]
pub struct AssessmentReport {
    pub model: ReportModel,
    pub score: Score,
    /// `None` when no target was given and no level lies above the current one.
    pub roadmap: Option<Roadmap>,
}

/// The roadmap to `target` (a rank, level id or name, as [`gap::resolve_target`] reads it),
/// or to the next level up from `current_rank` when none is given (`None` when there is none
/// above), planned from answers already checked for the score.
pub fn roadmap_to(
    checked: &score::Checked<'_>,
    fw: &Framework,
    target: Option<&str>,
    current_rank: u8,
    options: &roadmap::Options,
) -> Result<Option<Roadmap>, GapError> {
    let rank = match target {
        Some(t) => gap::resolve_target(fw, t)?,
        None => match fw.levels.iter().find(|l| l.rank > current_rank) {
            Some(l) => l.rank,
            None => return Ok(None),
        },
    };
    checked.roadmap_with(rank, options).map(Some)
}

/// The user's edits as scheduling decisions: a start date fixes the earliest start month
/// (counted from `start`, the plan's first day), 完成 marks the action done, a budget
/// replaces its cost band; everything that waits on an edited action re-flows.
pub fn schedule_options(
    edits: &[ActionEdit],
    start: NaiveDate,
    max_parallel: i64,
) -> roadmap::Options {
    let fixed = edits
        .iter()
        .map(|e| {
            let start_month = e.start.filter(|d| *d > start).map(|d| {
                let months =
                    (d.year() - start.year()) * 12 + d.month() as i32 - start.month() as i32;
                u16::try_from(months.max(0)).unwrap_or(u16::MAX)
            });
            let fixed = roadmap::Fixed {
                start_month,
                done: e.status == ActionStatus::Done,
                cost_wan: e.cost_wan,
            };
            (e.action.clone(), fixed)
        })
        .collect();
    roadmap::Options {
        max_parallel,
        fixed,
        ..roadmap::Options::default()
    }
}

/// Scores the stored answers, plans the roadmap to `target` (default: the next level up) and
/// builds the report model. An assessment with no answers gives a provisional report.
pub fn assessment_report(
    fw: &Framework,
    stored: &StoredAssessment,
    target: Option<&str>,
    lang: Lang,
) -> Result<AssessmentReport, GapError> {
    let checked = score::check(fw, &stored.answers)?;
    let s = checked.score();
    let options = schedule_options(&stored.edits, stored.plan_start, stored.max_parallel);
    let r = roadmap_to(&checked, fw, target, s.level.rank, &options)?;
    let model = report_model_with(
        fw,
        &s,
        r.as_ref(),
        &stored.enterprise,
        &stored.evidence,
        &stored.edits,
        lang,
    );
    Ok(AssessmentReport {
        model,
        score: s,
        roadmap: r,
    })
}

/// The action plan of the roadmap to `target` (default: the next level up), with the user's
/// edits applied; actions are dated from `start` unless an edit gives dates.
pub fn assessment_plan(
    fw: &Framework,
    stored: &StoredAssessment,
    target: Option<&str>,
    lang: Lang,
    start: NaiveDate,
) -> Result<ActionPlan, GapError> {
    let checked = score::check(fw, &stored.answers)?;
    let s = checked.score();
    let options = schedule_options(&stored.edits, start, stored.max_parallel);
    let r = roadmap_to(&checked, fw, target, s.level.rank, &options)?;
    Ok(match r {
        Some(r) => action_plan_with(&r, lang, &stored.enterprise.name, start, &stored.edits),
        None => ActionPlan {
            lang,
            enterprise: stored.enterprise.name.clone(),
            created: start,
            phases: Vec::new(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes print as names in the report's language; what the user typed stays as typed; a
    /// municipality's repeated name is printed once.
    #[test]
    fn region_and_industry_name_their_codes_in_the_reports_language() {
        for (args, lang, want) in [
            (
                ("320000", "无锡市", "新吴区"),
                Lang::Zh,
                "江苏省无锡市新吴区",
            ),
            (
                ("320000", "无锡市", "新吴区"),
                Lang::En,
                "Jiangsu 无锡市新吴区",
            ),
            (("110000", "北京市", ""), Lang::Zh, "北京市"),
            (("110000", "北京市", ""), Lang::En, "Beijing"),
            (("江苏省", "苏州市", ""), Lang::En, "江苏省苏州市"),
        ] {
            assert_eq!(region_text(args.0, args.1, args.2, lang), want, "{args:?}");
        }
        assert_eq!(industry_text("C34", Lang::Zh), "C34 通用设备制造业");
        assert_eq!(
            industry_text("C34", Lang::En),
            "C34 General-purpose equipment"
        );
        assert_eq!(industry_text("机械", Lang::En), "机械");
    }
}
