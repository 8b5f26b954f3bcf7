//! Enterprises: one-line adapters over `zhizhuan_commands::enterprise`.

use tauri::State;
use zhizhuan_commands::enterprise;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::enterprise::{Enterprise, EnterpriseOverview};

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub fn list_enterprises(state: State<'_, AppState>) -> Result<Vec<EnterpriseOverview>> {
    enterprise::list(&*state.lock()?)
}

#[tauri::command]
pub fn create_enterprise(state: State<'_, AppState>, input: EnterpriseInput) -> Result<Enterprise> {
    enterprise::create(&*state.lock()?, &input)
}

#[tauri::command]
pub fn get_enterprise(state: State<'_, AppState>, id: i64) -> Result<Enterprise> {
    enterprise::get(&*state.lock()?, id)
}
