//! Evidence files: one-line adapters over `zhizhuan_commands::evidence` (`path` is a grant
//! from [`crate::paths`], the file the user chose in the open dialog).

use tauri::State;
use zhizhuan_commands::evidence;
use zhizhuan_store::evidence::Evidence;

use crate::error::Result;
use crate::paths::{PathPurpose, granted};
use crate::state::AppState;

#[tauri::command(async)]
pub fn attach_evidence(
    state: State<'_, AppState>,
    assessment_id: i64,
    item: String,
    path: String,
) -> Result<Evidence> {
    let file = granted(&state, &path, PathPurpose::Open)?;
    evidence::attach(&*state.lock()?, assessment_id, &item, &file)
}

#[tauri::command(async)]
pub fn list_evidence(state: State<'_, AppState>, assessment_id: i64) -> Result<Vec<Evidence>> {
    evidence::list(&*state.lock()?, assessment_id)
}

/// Detaches an attachment from a draft (the record and the file stay, marked removed).
#[tauri::command(async)]
pub fn remove_evidence(state: State<'_, AppState>, id: i64) -> Result<()> {
    evidence::remove(&*state.lock()?, id)
}
