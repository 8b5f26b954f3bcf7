//! Comparing two scored assessments of the same framework: last year's and this year's, or a
//! draft and its finalised predecessor. Pure: takes two [`Score`]s, returns what changed —
//! the score and level, each dimension, and which items improved or worsened.
//!
//! What "improved" means depends on the item: points earned for a points item; the rung for a
//! scenario ladder; for a maturity requirements item the achieved level first, then the sum of
//! its scale values (answers that moved up without yet reaching the next level still count).
//! KPI items carry no points and are not judged here (their values are in each score).
//! Items are matched by id, so a framework version that renamed or dropped items is reported
//! as `unmatched` instead of guessed.

use serde::Serialize;
use ts_rs::TS;

use crate::decimal::Decimal;
use crate::framework::Text;
use crate::score::{Basis, ItemScore, ItemStatus, LevelOutcome, MethodKind, NodeScore, Score};

/// The two assessments are not comparable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    #[error("只能比较同一评估框架的两次评估（分别是「{before}」和「{after}」）")]
    DifferentFrameworks { before: String, after: String },
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreSide {
    pub version: String,
    pub score: Decimal,
    pub score_exact: bool,
    pub max: Decimal,
    pub level: LevelOutcome,
    pub provisional: bool,
}

/// How one dimension moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DimensionDelta {
    pub id: String,
    pub title: Text,
    /// Points earned (points method) or the dimension's maturity score.
    pub before: Decimal,
    pub after: Decimal,
    /// The full scale of `after` (points maximum or the maturity scale's top).
    pub max: Decimal,
    pub change: Decimal,
}

/// One item whose standing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemDelta {
    pub id: String,
    pub title: Text,
    pub dimension: String,
    pub before_status: ItemStatus,
    pub after_status: ItemStatus,
    /// Points earned before / after (0 for ladders and requirements items).
    pub before_points: Decimal,
    pub after_points: Decimal,
    /// after − before in points (0 for ladders and requirements items).
    pub points_change: Decimal,
    /// Each side's explanation line, so the change can be read without the questionnaire.
    pub before_text: Text,
    pub after_text: Text,
}

/// What changed between two scored assessments of one framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreComparison {
    pub framework: String,
    pub method: MethodKind,
    pub before: ScoreSide,
    pub after: ScoreSide,
    /// after − before. Exact only when both scores are (maturity S may be rounded).
    pub score_change: Decimal,
    pub score_change_exact: bool,
    /// Levels gained (negative: lost).
    pub level_change: i16,
    pub dimensions: Vec<DimensionDelta>,
    pub improved: Vec<ItemDelta>,
    pub worsened: Vec<ItemDelta>,
    /// Items judged on both sides whose standing did not change.
    pub unchanged: usize,
    /// Item ids present on only one side (a different framework version).
    pub unmatched: Vec<String>,
}

/// An item's standing, ordered: higher is better. `None`: not judged (KPIs, info items).
fn standing(it: &ItemScore) -> Option<(Decimal, Decimal)> {
    match &it.basis {
        Basis::Kpi => None,
        Basis::Ladder { level, .. } => Some((Decimal::from_int(i64::from(*level)), Decimal::ZERO)),
        Basis::Requirements { levels, achieved } => Some((
            Decimal::from_int(i64::from(*achieved)),
            levels.iter().map(|l| l.sum).sum(),
        )),
        // Unanswered and N/A items of every kind land here or above with their points.
        _ if it.max.is_zero() && it.status == ItemStatus::Answered => None,
        _ => Some((it.earned, Decimal::ZERO)),
    }
}

fn side(s: &Score) -> ScoreSide {
    ScoreSide {
        version: s.version.clone(),
        score: s.score,
        score_exact: s.score_exact,
        max: s.max,
        level: s.level.clone(),
        provisional: s.provisional,
    }
}

fn dimension_value(method: MethodKind, d: &NodeScore) -> Decimal {
    match (method, d.maturity_score) {
        (MethodKind::Maturity, Some(m)) => m,
        _ => d.earned,
    }
}

/// Compares `before` with `after` (both scored against the same framework id).
pub fn compare(before: &Score, after: &Score) -> Result<ScoreComparison, CompareError> {
    if before.framework != after.framework {
        return Err(CompareError::DifferentFrameworks {
            before: before.framework.clone(),
            after: after.framework.clone(),
        });
    }
    let method = after.method;
    let dimensions = after
        .dimensions
        .iter()
        .filter_map(|d| {
            let b = before.dimensions.iter().find(|x| x.id == d.id)?;
            let (bv, av) = (dimension_value(method, b), dimension_value(method, d));
            Some(DimensionDelta {
                id: d.id.clone(),
                title: d.title.clone(),
                before: bv,
                after: av,
                max: match method {
                    MethodKind::Maturity => after.max,
                    MethodKind::Points => d.max,
                },
                change: av - bv,
            })
        })
        .collect();

    let (mut improved, mut worsened, mut unchanged) = (Vec::new(), Vec::new(), 0);
    let mut unmatched: Vec<String> = before
        .items
        .iter()
        .filter(|b| !after.items.iter().any(|a| a.id == b.id))
        .map(|b| b.id.clone())
        .collect();
    for a in &after.items {
        let Some(b) = before.items.iter().find(|x| x.id == a.id) else {
            unmatched.push(a.id.clone());
            continue;
        };
        let (Some(sb), Some(sa)) = (standing(b), standing(a)) else {
            continue;
        };
        let delta = || ItemDelta {
            id: a.id.clone(),
            title: a.title.clone(),
            dimension: a.dimension.clone(),
            before_status: b.status,
            after_status: a.status,
            before_points: b.earned,
            after_points: a.earned,
            points_change: a.earned - b.earned,
            before_text: b.text.clone(),
            after_text: a.text.clone(),
        };
        match sa.cmp(&sb) {
            std::cmp::Ordering::Greater => improved.push(delta()),
            std::cmp::Ordering::Less => worsened.push(delta()),
            std::cmp::Ordering::Equal => unchanged += 1,
        }
    }
    unmatched.sort();

    Ok(ScoreComparison {
        framework: after.framework.clone(),
        method,
        before: side(before),
        after: side(after),
        score_change: after.score - before.score,
        score_change_exact: before.score_exact && after.score_exact,
        level_change: i16::from(after.level.rank) - i16::from(before.level.rank),
        dimensions,
        improved,
        worsened,
        unchanged,
        unmatched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::AnswersFile;
    use crate::framework::load_builtin;

    fn scored(id: &str, variant: &str, answers: &str) -> Score {
        let fw = load_builtin(id).expect("built-in framework");
        let file = AnswersFile::from_json(&format!(
            r#"{{"framework":"{id}","version":"{}","variant":"{variant}","answers":{answers}}}"#,
            fw.version
        ))
        .unwrap();
        crate::score::score(&fw, &file).unwrap()
    }

    #[test]
    fn a_better_second_assessment_lists_what_improved_and_what_worsened() {
        let before = scored(
            "miit-2024",
            "manufacturing",
            r#"{"jichu.equip-dig":{"numbers":{"total":"100","digital":"10"}},
                "jichu.network":{"options":["control-net","app-net"]},
                "jingying.design":{"level":1}}"#,
        );
        let after = scored(
            "miit-2024",
            "manufacturing",
            r#"{"jichu.equip-dig":{"numbers":{"total":"100","digital":"50"}},
                "jichu.network":{"options":["control-net"]},
                "jingying.design":{"level":2}}"#,
        );
        let c = compare(&before, &after).unwrap();
        assert_eq!(c.score_change, after.score - before.score);
        assert!(c.score_change_exact);
        let ids = |v: &[ItemDelta]| v.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.improved), ["jichu.equip-dig", "jingying.design"]);
        assert_eq!(ids(&c.worsened), ["jichu.network"]);
        let equip = &c.improved[0];
        assert_eq!(
            equip.points_change,
            equip.after_points - equip.before_points
        );
        assert!(equip.points_change > Decimal::ZERO);
        let jichu = c.dimensions.iter().find(|d| d.id == "jichu").unwrap();
        assert_eq!(jichu.change, jichu.after - jichu.before);
        assert!(c.unmatched.is_empty());
        // Comparing the other way round mirrors every list.
        let back = compare(&after, &before).unwrap();
        assert_eq!(ids(&back.improved), ["jichu.network"]);
        assert_eq!(back.score_change, -c.score_change);
        assert_eq!(back.level_change, -c.level_change);
    }

    #[test]
    fn the_same_answers_compare_as_unchanged() {
        let a = scored(
            "miit-2024",
            "manufacturing",
            r#"{"jichu.network":{"options":["control-net"]}}"#,
        );
        let c = compare(&a, &a).unwrap();
        assert!(c.improved.is_empty() && c.worsened.is_empty());
        assert!(c.unchanged > 0);
        assert_eq!((c.score_change, c.level_change), (Decimal::ZERO, 0));
        assert!(c.dimensions.iter().all(|d| d.change.is_zero()));
    }

    #[test]
    fn different_frameworks_are_refused() {
        let a = scored("miit-2024", "manufacturing", "{}");
        let fw = load_builtin("cmmm-2020").unwrap();
        let b = scored("cmmm-2020", &fw.variants[0].id, "{}");
        assert!(matches!(
            compare(&a, &b),
            Err(CompareError::DifferentFrameworks { .. })
        ));
    }
}
