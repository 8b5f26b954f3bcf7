use serde::Serialize;
use ts_rs::TS;

use crate::state::AppState;

/// Facts about the running app shown in the footer (and useful in bug reports).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Where the database and evidence files live.
    pub data_dir: String,
}

#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir().display().to_string(),
    }
}

/// Called once by the UI when the first screen has its data and is interactive. Logs the time
/// since the process started (scripts/bench-app.sh reads this line to measure cold start).
#[tauri::command]
pub fn ui_ready() {
    let ms = crate::STARTED
        .get()
        .map(|t| t.elapsed().as_millis())
        .unwrap_or_default();
    eprintln!("zhizhuan: ui ready after {ms} ms");
}
