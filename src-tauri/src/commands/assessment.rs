//! Assessments: one-line adapters over `zhizhuan_commands::assessment` (every answer checked
//! against its item there, before the store writes).

use tauri::State;
use zhizhuan_commands::assessment::{self, AnswerInput, SavedAnswer, Start};
use zhizhuan_commands::roadmap;
use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::roadmap::Roadmap;
use zhizhuan_core::score::Score;
use zhizhuan_store::answer::Answer;
use zhizhuan_store::assessment::Assessment;
use zhizhuan_store::meta::AssessmentMeta;
use zhizhuan_store::roadmap::{RoadmapEdit, RoadmapEditInput};

use crate::error::Result;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_assessments(state: State<'_, AppState>, enterprise_id: i64) -> Result<Vec<Assessment>> {
    assessment::list(&*state.lock()?, enterprise_id)
}

#[tauri::command(async)]
pub fn get_assessment(state: State<'_, AppState>, id: i64) -> Result<Assessment> {
    assessment::get(&*state.lock()?, id)
}

#[tauri::command(async)]
pub fn create_assessment(
    state: State<'_, AppState>,
    enterprise_id: i64,
    framework_id: String,
    variant: Option<String>,
) -> Result<Assessment> {
    let start = Start {
        enterprise_id,
        framework_id: &framework_id,
        variant,
        ..Start::default()
    };
    assessment::create(&*state.lock()?, &start)
}

#[tauri::command(async)]
pub fn list_answers(state: State<'_, AppState>, assessment_id: i64) -> Result<Vec<Answer>> {
    assessment::answers(&*state.lock()?, assessment_id)
}

#[tauri::command(async)]
pub fn save_answer(
    state: State<'_, AppState>,
    assessment_id: i64,
    item: String,
    value: Option<AnswerValue>,
    note: String,
) -> Result<SavedAnswer> {
    let input = AnswerInput {
        item: &item,
        value,
        note: &note,
        author: "",
    };
    assessment::save(&*state.lock()?, assessment_id, &input)
}

#[tauri::command(async)]
pub fn score_assessment(state: State<'_, AppState>, id: i64) -> Result<Score> {
    assessment::score_of(&*state.lock()?, id)
}

#[tauri::command(async)]
pub fn assessment_roadmap(state: State<'_, AppState>, id: i64, target: u8) -> Result<Roadmap> {
    assessment::roadmap_of(&*state.lock()?, id, target)
}

#[tauri::command(async)]
pub fn set_max_parallel(
    state: State<'_, AppState>,
    id: i64,
    max_parallel: Option<i64>,
) -> Result<AssessmentMeta> {
    assessment::set_max_parallel(&*state.lock()?, id, max_parallel)
}

#[tauri::command(async)]
pub fn finalise_assessment(state: State<'_, AppState>, id: i64) -> Result<Assessment> {
    assessment::finalise(&*state.lock()?, id)
}

#[tauri::command(async)]
pub fn discard_assessment(state: State<'_, AppState>, id: i64) -> Result<()> {
    assessment::discard(&*state.lock()?, id)
}

#[tauri::command(async)]
pub fn revise_assessment(state: State<'_, AppState>, id: i64) -> Result<Assessment> {
    assessment::revise(&*state.lock()?, id, "")
}

/// How the assessment was made (body, assessor, mode, date, report number, process).
#[tauri::command(async)]
pub fn assessment_meta(state: State<'_, AppState>, id: i64) -> Result<AssessmentMeta> {
    assessment::meta(&*state.lock()?, id)
}

#[tauri::command(async)]
pub fn set_assessment_meta(
    state: State<'_, AppState>,
    id: i64,
    meta: AssessmentMeta,
) -> Result<AssessmentMeta> {
    assessment::set_meta(&*state.lock()?, id, &meta)
}

/// The user's edits of the roadmap's actions (owner, dates, budget, status, note).
#[tauri::command(async)]
pub fn list_roadmap_edits(
    state: State<'_, AppState>,
    assessment_id: i64,
) -> Result<Vec<RoadmapEdit>> {
    roadmap::edits(&*state.lock()?, assessment_id)
}

#[tauri::command(async)]
pub fn edit_roadmap_action(
    state: State<'_, AppState>,
    assessment_id: i64,
    edit: RoadmapEditInput,
) -> Result<RoadmapEdit> {
    roadmap::edit_action(&*state.lock()?, assessment_id, &edit, "")
}

/// 「基于此评估新建」: a new draft starting from an earlier assessment's answers, to confirm.
#[tauri::command(async)]
pub fn reassess(state: State<'_, AppState>, from: i64) -> Result<assessment::Reassessed> {
    assessment::reassess(&*state.lock()?, from, "")
}

/// Every assessment with its enterprise, cached score and level: the portfolio screen.
#[tauri::command(async)]
pub fn portfolio(
    state: State<'_, AppState>,
) -> Result<Vec<zhizhuan_store::assessment::PortfolioEntry>> {
    assessment::portfolio(&*state.lock()?)
}
