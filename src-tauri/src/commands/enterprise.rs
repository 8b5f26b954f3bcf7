//! Enterprises: one-line adapters over `zhizhuan_commands::enterprise`.

use tauri::State;
use zhizhuan_commands::enterprise;
use zhizhuan_core::enterprise::{EnterpriseInput, FieldError};
use zhizhuan_store::enterprise::{Enterprise, EnterpriseOverview};

use crate::error::Result;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_enterprises(state: State<'_, AppState>) -> Result<Vec<EnterpriseOverview>> {
    enterprise::list(&*state.lock()?)
}

#[tauri::command(async)]
pub fn create_enterprise(state: State<'_, AppState>, input: EnterpriseInput) -> Result<Enterprise> {
    enterprise::create(&*state.lock()?, &input)
}

#[tauri::command(async)]
pub fn get_enterprise(state: State<'_, AppState>, id: i64) -> Result<Enterprise> {
    enterprise::get(&*state.lock()?, id)
}

/// Warnings the form shows beside a field as the user types (nothing is stored).
#[tauri::command]
pub fn enterprise_warnings(input: EnterpriseInput) -> Vec<FieldError> {
    enterprise::warnings(&input)
}

#[tauri::command(async)]
pub fn update_enterprise(
    state: State<'_, AppState>,
    id: i64,
    input: EnterpriseInput,
) -> Result<Enterprise> {
    enterprise::update(&*state.lock()?, id, &input)
}

/// Removes the enterprise with its assessments after a backup; returns the backup's file name.
#[tauri::command(async)]
pub fn discard_enterprise(state: State<'_, AppState>, id: i64) -> Result<String> {
    let backup = enterprise::discard(&*state.lock()?, id)?;
    Ok(backup
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default())
}
