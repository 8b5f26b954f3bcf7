//! The known frameworks: one-line adapters over `zhizhuan_commands::framework`.

use tauri::State;
use zhizhuan_commands::framework::{self, FrameworkSummary};
use zhizhuan_core::framework::Framework;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_frameworks(state: State<'_, AppState>) -> Result<Vec<FrameworkSummary>> {
    Ok(framework::list(&*state.lock()?))
}

#[tauri::command(async)]
pub fn get_framework(state: State<'_, AppState>, id: String, version: String) -> Result<Framework> {
    framework::get(&*state.lock()?, &id, &version)
}

/// The published level distributions for the results page (CMMM), with the level placed.
#[tauri::command]
pub fn peer_context(framework_id: String, rank: u8) -> Option<zhizhuan_core::peers::PeerView> {
    framework::peers(&framework_id, rank)
}
