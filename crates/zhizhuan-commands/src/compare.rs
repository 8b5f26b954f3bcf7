//! Comparing two assessments of one enterprise (a re-assessment with last year's, a revision
//! with its predecessor): each is scored by core as it stands, `zhizhuan_core::compare` diffs
//! the two scores (score, level, dimensions, items improved / worsened), and the store's
//! `compare_assessments` adds the raw answer changes and whether the framework version or its
//! definition changed in between — the same store call `zhizhuan assessments compare` prints.

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_core::compare::{self, ScoreComparison};
use zhizhuan_store::assessment::AssessmentComparison;

use crate::Context;
use crate::assessment::score_of;
use crate::error::{Error, Result};

/// Both views of what changed between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub scores: ScoreComparison,
    pub answers: AssessmentComparison,
}

/// Compares `earlier` with `later`; both must belong to the same enterprise and framework.
pub fn compare_pair(ctx: &Context, earlier: i64, later: i64) -> Result<Comparison> {
    let answers = ctx.store.compare_assessments(earlier, later)?;
    if !answers.same_enterprise {
        return Err(Error::NotComparable(
            "只能比较同一家企业的两次评估".to_owned(),
        ));
    }
    let scores = compare::compare(&score_of(ctx, earlier)?, &score_of(ctx, later)?)
        .map_err(|e| Error::NotComparable(e.to_string()))?;
    Ok(Comparison { scores, answers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::enterprise;
    use crate::fixtures::{answer, draft};
    use zhizhuan_core::answer::AnswerValue;

    fn band(total: &str, digital: &str) -> Option<AnswerValue> {
        Some(
            serde_json::from_str(&format!(
                r#"{{"numbers":{{"total":"{total}","digital":"{digital}"}}}}"#
            ))
            .unwrap(),
        )
    }

    #[test]
    fn a_reassessment_shows_the_score_change_and_the_item_that_improved() {
        let ctx = crate::fixtures::context();
        let e = enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let first = draft(&ctx, e, "miit-2024", None).unwrap();
        answer(&ctx, first.id, "jichu.equip-dig", band("100", "10"), "").unwrap();
        ctx.store.finalise_assessment(first.id, "t1").unwrap();
        let second = draft(&ctx, e, "miit-2024", None).unwrap();
        answer(&ctx, second.id, "jichu.equip-dig", band("100", "60"), "").unwrap();

        let c = compare_pair(&ctx, first.id, second.id).unwrap();
        assert_eq!(
            c.scores
                .improved
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>(),
            ["jichu.equip-dig"]
        );
        assert!(c.scores.worsened.is_empty());
        assert_eq!(
            c.scores.score_change,
            c.scores.after.score - c.scores.before.score
        );
        assert!(c.scores.score_change > zhizhuan_core::decimal::Decimal::ZERO);
        assert_eq!(c.answers.changes.len(), 1);
        assert!(!c.answers.version_differs);
    }

    #[test]
    fn different_frameworks_or_enterprises_are_not_comparable() {
        let ctx = crate::fixtures::context();
        let e = enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let miit = draft(&ctx, e, "miit-2024", None).unwrap();
        let cmmm = draft(&ctx, e, "cmmm-2020", Some("process".into())).unwrap();
        let p = compare_pair(&ctx, miit.id, cmmm.id).unwrap_err().payload();
        assert_eq!(p.kind, ErrorKind::InvalidInput);
        assert!(p.message.contains("同一评估框架"), "{}", p.message);

        let other = enterprise(&ctx, "常州恒远", "91320412MA1X8Y123W");
        let theirs = draft(&ctx, other, "miit-2024", None).unwrap();
        let p = compare_pair(&ctx, miit.id, theirs.id)
            .unwrap_err()
            .payload();
        assert!(p.message.contains("同一家企业"), "{}", p.message);
    }
}
