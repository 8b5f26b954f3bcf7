//! Assessments: one-line adapters over `zhizhuan_commands::assessment` (every answer checked
//! against its item there, before the store writes).

use tauri::State;
use zhizhuan_commands::assessment::{self, AnswerInput, SavedAnswer, Start};
use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::roadmap::Roadmap;
use zhizhuan_core::score::Score;
use zhizhuan_store::answer::Answer;
use zhizhuan_store::assessment::Assessment;
use zhizhuan_store::meta::AssessmentMeta;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub fn list_assessments(state: State<'_, AppState>, enterprise_id: i64) -> Result<Vec<Assessment>> {
    assessment::list(&*state.lock()?, enterprise_id)
}

#[tauri::command]
pub fn get_assessment(state: State<'_, AppState>, id: i64) -> Result<Assessment> {
    assessment::get(&*state.lock()?, id)
}

#[tauri::command]
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

#[tauri::command]
pub fn list_answers(state: State<'_, AppState>, assessment_id: i64) -> Result<Vec<Answer>> {
    assessment::answers(&*state.lock()?, assessment_id)
}

#[tauri::command]
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

#[tauri::command]
pub fn score_assessment(state: State<'_, AppState>, id: i64) -> Result<Score> {
    assessment::score_of(&*state.lock()?, id)
}

#[tauri::command]
pub fn assessment_roadmap(state: State<'_, AppState>, id: i64, target: u8) -> Result<Roadmap> {
    assessment::roadmap_of(&*state.lock()?, id, target)
}

#[tauri::command]
pub fn set_max_parallel(
    state: State<'_, AppState>,
    id: i64,
    max_parallel: Option<i64>,
) -> Result<AssessmentMeta> {
    assessment::set_max_parallel(&*state.lock()?, id, max_parallel)
}

#[tauri::command]
pub fn finalise_assessment(state: State<'_, AppState>, id: i64) -> Result<Assessment> {
    assessment::finalise(&*state.lock()?, id)
}

#[tauri::command]
pub fn revise_assessment(state: State<'_, AppState>, id: i64) -> Result<Assessment> {
    assessment::revise(&*state.lock()?, id, "")
}
