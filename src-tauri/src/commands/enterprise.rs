use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::enterprise::{Enterprise, EnterpriseOverview};

use crate::error::{Error, Result};
use crate::state::AppState;

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The enterprise list: each enterprise with its copy mark and latest assessment
/// (`zhizhuan enterprises list --json` prints the same).
#[tauri::command]
pub fn list_enterprises(state: tauri::State<'_, AppState>) -> Result<Vec<EnterpriseOverview>> {
    let store = state
        .store
        .lock()
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(store.enterprise_overview()?)
}

#[tauri::command]
pub fn create_enterprise(
    state: tauri::State<'_, AppState>,
    input: EnterpriseInput,
) -> Result<Enterprise> {
    let store = state
        .store
        .lock()
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(store.create_enterprise(&input, &now())?)
}

#[tauri::command]
pub fn get_enterprise(state: tauri::State<'_, AppState>, id: i64) -> Result<Enterprise> {
    let store = state
        .store
        .lock()
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(store.enterprise(id)?)
}
