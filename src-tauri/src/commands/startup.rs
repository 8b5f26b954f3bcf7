//! The start-up screen: why the data could not be opened, and the ways out (wait for the
//! stick and retry, find the folder under another name, give it up for an empty default
//! folder, or put a backup back over a damaged database). One-line adapters over
//! `zhizhuan_commands::data_folder` and `backups`.

use tauri::State;
use zhizhuan_commands::backups::{self, BackupRestored};
use zhizhuan_commands::data_folder::{self, DataFolder, StartupProblem};

use crate::error::Result;
use crate::paths::{PathPurpose, granted};
use crate::state::AppState;

/// Why the data is not open, or `None` when it is.
#[tauri::command(async)]
pub fn startup_problem(state: State<'_, AppState>) -> Option<StartupProblem> {
    state.problem()
}

#[tauri::command(async)]
pub fn retry_start(state: State<'_, AppState>) -> Result<()> {
    state.retry()
}

/// Points the home folder at the folder the user chose (`folder` is its grant) and opens it.
#[tauri::command(async)]
pub fn locate_data_folder(state: State<'_, AppState>, folder: String) -> Result<DataFolder> {
    let dir = granted(&state, &folder, PathPurpose::Folder)?;
    let found = data_folder::locate(&state.home, &dir)?;
    log::info!("data folder located at {}", found.path);
    state.retry()?;
    Ok(found)
}

/// Sets `location.txt` aside and opens the default folder; returns the file's new name.
#[tauri::command(async)]
pub fn start_afresh(state: State<'_, AppState>) -> Result<Option<String>> {
    let aside = data_folder::start_afresh(&state.home)?;
    log::warn!("moved data folder given up; location kept as {aside:?}");
    state.retry()?;
    Ok(aside)
}

/// Puts backup `name` (one the start-up problem lists) back over the database that would not
/// open, then opens the result; the replaced file is kept aside in the backup folder.
#[tauri::command(async)]
pub fn restore_at_start(state: State<'_, AppState>, name: String) -> Result<BackupRestored> {
    let restored = backups::restore_at_start(&state.home, &name)?;
    log::warn!("database restored at start from {name}");
    state.retry()?;
    Ok(restored)
}
