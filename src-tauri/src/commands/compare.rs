//! Comparing two assessments: a one-line adapter over `zhizhuan_commands::compare`.

use tauri::State;
use zhizhuan_commands::compare::{self, Comparison};

use crate::error::Result;
use crate::state::AppState;

#[tauri::command(async)]
pub fn compare_assessments(
    state: State<'_, AppState>,
    earlier: i64,
    later: i64,
) -> Result<Comparison> {
    compare::compare_pair(&*state.lock()?, earlier, later)
}
