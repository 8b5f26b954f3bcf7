//! Comparing two assessments of one enterprise (a re-assessment with last year's, a revision
//! with its predecessor): each is scored by core as it stands, `zhizhuan_core::compare` diffs
//! the two scores (score, level, dimensions, items improved / worsened), and the store's
//! `compare_assessments` adds the raw answer changes and whether the framework version or its
//! definition changed in between — the same store call `zhizhuan assessments compare` prints.

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_core::compare::{self, ScoreComparison};
use zhizhuan_store::Store;
use zhizhuan_store::assessment::AssessmentComparison;

use super::assessment::score_of;
use crate::error::{Error, Result};
use crate::state::AppState;

/// Both views of what changed between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub scores: ScoreComparison,
    pub answers: AssessmentComparison,
}

/// Compares `earlier` with `later`; both must belong to the same enterprise and framework.
pub fn compare_pair(store: &Store, earlier: i64, later: i64) -> Result<Comparison> {
    let answers = store.compare_assessments(earlier, later)?;
    if !answers.same_enterprise {
        return Err(Error::NotComparable(
            "只能比较同一家企业的两次评估".to_owned(),
        ));
    }
    let scores = compare::compare(&score_of(store, earlier)?, &score_of(store, later)?)
        .map_err(|e| Error::NotComparable(e.to_string()))?;
    Ok(Comparison { scores, answers })
}

#[tauri::command]
pub fn compare_assessments(
    state: tauri::State<'_, AppState>,
    earlier: i64,
    later: i64,
) -> Result<Comparison> {
    let store = state
        .store
        .lock()
        .map_err(|e| Error::Internal(e.to_string()))?;
    compare_pair(&store, earlier, later)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::assessment::{create, save};
    use crate::commands::fixtures::enterprise;
    use crate::error::ErrorKind;
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
        let store = Store::open_in_memory().unwrap();
        let e = enterprise(&store, "无锡镕昇", "91330100799655058B");
        let first = create(&store, e, "miit-2024", None).unwrap();
        save(&store, first.id, "jichu.equip-dig", band("100", "10"), "").unwrap();
        store.finalise_assessment(first.id, "t1").unwrap();
        let second = create(&store, e, "miit-2024", None).unwrap();
        save(&store, second.id, "jichu.equip-dig", band("100", "60"), "").unwrap();

        let c = compare_pair(&store, first.id, second.id).unwrap();
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
        let store = Store::open_in_memory().unwrap();
        let e = enterprise(&store, "无锡镕昇", "91330100799655058B");
        let miit = create(&store, e, "miit-2024", None).unwrap();
        let cmmm = create(&store, e, "cmmm-2020", Some("process".into())).unwrap();
        let p = compare_pair(&store, miit.id, cmmm.id)
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::InvalidInput);
        assert!(p.message.contains("同一评估框架"), "{}", p.message);

        let other = enterprise(&store, "常州恒远", "91320412MA1X8Y123W");
        let theirs = create(&store, other, "miit-2024", None).unwrap();
        let p = compare_pair(&store, miit.id, theirs.id)
            .unwrap_err()
            .payload();
        assert!(p.message.contains("同一家企业"), "{}", p.message);
    }
}
