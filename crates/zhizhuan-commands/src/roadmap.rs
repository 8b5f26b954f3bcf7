//! The user's edits of a roadmap's actions (owner, dates, cost, status, note), each checked
//! against the assessment's framework: an action the framework does not declare is refused.

use zhizhuan_store::roadmap::{RoadmapEdit, RoadmapEditInput};

use crate::Context;
use crate::assessment::framework_of;
use crate::error::{Error, Result};
use crate::input::{PERSON_MAX_CHARS, check_len};

/// Stores the edit of one action of a draft's roadmap.
pub fn edit_action(
    ctx: &Context,
    assessment_id: i64,
    edit: &RoadmapEditInput,
    author: &str,
) -> Result<RoadmapEdit> {
    let a = ctx.store.assessment(assessment_id)?;
    let fw = framework_of(ctx, &a)?;
    if fw.action(&edit.action).is_none() {
        return Err(Error::UnknownAction {
            action: edit.action.clone(),
        });
    }
    check_len("author", author, PERSON_MAX_CHARS)?;
    Ok(ctx
        .store
        .set_roadmap_edit(assessment_id, edit, author, &ctx.now())?)
}

/// The stored edits of an assessment's roadmap.
pub fn edits(ctx: &Context, assessment_id: i64) -> Result<Vec<RoadmapEdit>> {
    ctx.store.assessment(assessment_id)?;
    Ok(ctx.store.roadmap_edits(assessment_id)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::{context, draft, enterprise};

    #[test]
    fn only_an_action_the_framework_declares_can_be_edited() {
        let ctx = context();
        let e = enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        let fw = ctx.framework("miit-2024", None).unwrap();
        let real = fw.actions().next().unwrap().1.id.clone();
        for (action, ok) in [(real.as_str(), true), ("no-such-action", false)] {
            let edit = RoadmapEditInput {
                action: action.to_owned(),
                owner: "信息化主管".into(),
                start_date: None,
                due_date: None,
                cost: None,
                status: zhizhuan_store::roadmap::ActionStatus::Planned,
                note: String::new(),
            };
            match edit_action(&ctx, a.id, &edit, "王工") {
                Ok(saved) => assert!(ok, "{action} stored: {saved:?}"),
                Err(err) => {
                    assert!(!ok, "{action}: {err}");
                    assert_eq!(err.payload().kind, ErrorKind::InvalidInput);
                }
            }
        }
        assert_eq!(edits(&ctx, a.id).unwrap().len(), 1);
    }
}
