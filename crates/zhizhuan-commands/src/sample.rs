//! 「打开示例企业」: the shipped sample (`assessments/samples/`, a fictional Changzhou machinery
//! maker) as a real enterprise in the database, so a first-time user can explore a finished
//! MIIT assessment, its plan and evidence before entering their own. Everything is written
//! through the same commands a user's clicks go through, so the sample is checked as any
//! other data; its name carries 「（示例）」 on every screen and report, and opening it again
//! finds the one already there.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::enterprise::EnterpriseDetails;
use zhizhuan_store::meta::{AssessmentMeta, AssessmentMode};
use zhizhuan_store::roadmap::{ActionStatus, RoadmapEditInput};

use crate::Context;
use crate::assessment::{self, AnswerInput, Start};
use crate::error::{Error, Result};

const ENTERPRISE: &str = include_str!("../../../assessments/samples/miit-sample.enterprise.json");
const ANSWERS: &str = include_str!("../../../assessments/samples/miit-sample.json");

/// Added to the sample's name, so no screen or report passes it off as a real firm.
pub const MARK: &str = "（示例）";

/// The sample profile as shipped (the CLI's `report --sample` reads the same file).
#[derive(Deserialize)]
struct Profile {
    name: String,
    credit_code: String,
    industry_code: String,
    province: String,
    city: String,
    district: String,
    assessor: String,
    organisation: String,
    assessment_date: chrono::NaiveDate,
    size: String,
    details: EnterpriseDetails,
}

/// Where the sample is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SampleOpened {
    #[ts(type = "number")]
    pub enterprise_id: i64,
    /// `false`: it was already there and is only shown.
    pub created: bool,
}

fn shipped() -> Result<(Profile, AnswersFile)> {
    let bad = |e: String| Error::Internal(format!("the shipped sample does not parse: {e}"));
    let profile = serde_json::from_str(ENTERPRISE).map_err(|e| bad(e.to_string()))?;
    let answers = AnswersFile::from_json(ANSWERS).map_err(|e| bad(e.to_string()))?;
    Ok((profile, answers))
}

/// Opens the sample: creates it the first time (enterprise, a final MIIT assessment with its
/// record, two plan edits and one evidence note), finds it afterwards.
pub fn open(ctx: &Context) -> Result<SampleOpened> {
    let (p, answers) = shipped()?;
    let name = format!("{}{MARK}", p.name);
    let existing = ctx
        .store
        .enterprise_overview()?
        .into_iter()
        .find(|o| o.enterprise.name == name && o.enterprise.credit_code == p.credit_code);
    if let Some(o) = existing {
        return Ok(SampleOpened {
            enterprise_id: o.enterprise.id,
            created: false,
        });
    }
    let input = EnterpriseInput {
        name,
        credit_code: p.credit_code.clone(),
        province: p.province.clone(),
        city: p.city.clone(),
        district: p.district.clone(),
        industry: p.industry_code.clone(),
        size: p.size.clone(),
    };
    let e = crate::enterprise::create(ctx, &input)?;
    crate::enterprise::edit_details(ctx, e.id, &p.details)?;
    let a = assessment::create(
        ctx,
        &Start {
            enterprise_id: e.id,
            framework_id: &answers.framework,
            version: Some(&answers.version),
            variant: answers.variant.clone(),
            assessor: &p.assessor,
        },
    )?;
    fill(ctx, a.id, &p, &answers)?;
    assessment::finalise(ctx, a.id)?;
    Ok(SampleOpened {
        enterprise_id: e.id,
        created: true,
    })
}

/// The sample's answers, record and plan edits, written as a user would.
fn fill(ctx: &Context, id: i64, p: &Profile, answers: &AnswersFile) -> Result<()> {
    for (item, value) in &answers.answers {
        let note = if item == "jichu.network" {
            "示例：查看了车间交换机台账和网络拓扑图（虚构）"
        } else {
            ""
        };
        let input = AnswerInput {
            item,
            value: Some(value.clone()),
            note,
            author: &p.assessor,
        };
        assessment::save(ctx, id, &input)?;
    }
    let meta = AssessmentMeta {
        organisation: p.organisation.clone(),
        assessor: p.assessor.clone(),
        mode: AssessmentMode::Provider,
        assessed_on: Some(p.assessment_date),
        documents_reviewed: "设备台账、网络拓扑图、ERP 模块清单（示例）".into(),
        site_visit: true,
        site_visit_on: Some(p.assessment_date),
        interviews: "厂长、信息化主管（示例）".into(),
        ..AssessmentMeta::default()
    };
    assessment::set_meta(ctx, id, &meta)?;
    // One evidence file, so the evidence list and the report's 佐证材料清单 are not empty.
    let mut note: &[u8] = "示例佐证：车间网络拓扑图的文字说明（虚构，仅供演示）。\n".as_bytes();
    ctx.store.attach_evidence(
        id,
        "jichu.network",
        "网络拓扑图说明（示例）.txt",
        "text/plain",
        &mut note,
        &p.assessor,
        &ctx.now(),
    )?;
    let score = assessment::score_of(ctx, id)?;
    let plan = assessment::roadmap_of(ctx, id, score.level.rank + 1)?;
    let firsts = plan.phases.iter().flat_map(|ph| &ph.actions).take(2);
    for (a, (owner, status)) in firsts.zip([
        ("信息化主管（示例）", ActionStatus::InProgress),
        ("设备科（示例）", ActionStatus::Planned),
    ]) {
        let edit = RoadmapEditInput {
            action: a.action.action.clone(),
            owner: owner.into(),
            start_date: None,
            due_date: None,
            cost: None,
            status,
            note: String::new(),
        };
        crate::roadmap::edit_action(ctx, id, &edit, &p.assessor)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::context_over;
    use zhizhuan_store::Store;

    /// The sample is a finished, marked, consistent assessment: final, every answer of the
    /// shipped file stored, its score the file's, its record and plan edits in place; opening
    /// it again adds nothing.
    #[test]
    fn the_sample_opens_once_as_a_finished_marked_assessment() {
        // evidence files live in the data folder: a database file, not an in-memory one
        let dir = tempfile::tempdir().unwrap();
        let ctx = context_over(Store::open(&dir.path().join("zhizhuan.db")).unwrap());
        let first = open(&ctx).unwrap();
        assert!(first.created);
        let e = ctx.store.enterprise(first.enterprise_id).unwrap();
        assert!(e.name.ends_with(MARK), "{}", e.name);
        let list = assessment::list(&ctx, e.id).unwrap();
        assert_eq!(list.len(), 1);
        let a = &list[0];
        assert_eq!(
            a.status,
            zhizhuan_store::assessment::AssessmentStatus::Final
        );

        let (_, shipped) = shipped().unwrap();
        assert_eq!(
            assessment::answers(&ctx, a.id).unwrap().len(),
            shipped.answers.len()
        );
        let fw = ctx.framework("miit-2024", None).unwrap();
        let want = zhizhuan_core::score::score(fw, &shipped).unwrap();
        let got = assessment::score_of(&ctx, a.id).unwrap();
        assert_eq!((got.score, got.level.rank), (want.score, want.level.rank));
        assert_eq!(
            assessment::meta(&ctx, a.id).unwrap().mode,
            AssessmentMode::Provider
        );
        assert_eq!(crate::roadmap::edits(&ctx, a.id).unwrap().len(), 2);
        assert_eq!(ctx.store.evidence(a.id, false).unwrap().len(), 1);

        let again = open(&ctx).unwrap();
        assert_eq!(
            (again.enterprise_id, again.created),
            (first.enterprise_id, false)
        );
        assert_eq!(ctx.store.enterprise_overview().unwrap().len(), 1);
    }
}
