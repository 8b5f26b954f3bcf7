//! Backups: one-line adapters over `zhizhuan_commands::backups`. A restore takes the command
//! context out of the app's state for the swap (the store must be closed while its file is
//! replaced) and puts the one it returns back. The data folder (show, move, open) lives here
//! too: the page shows both in one 「数据与备份」 panel.

use tauri::State;
use zhizhuan_commands::Context;
use zhizhuan_commands::backups::{self, BackupInfo, BackupRestored};
use zhizhuan_commands::data_folder::{self, DataFolder, DataFolderMoved};
use zhizhuan_store::Store;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    backups::list(&*state.lock()?)
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    backups::backup_now(&*state.lock()?)
}

#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, name: String) -> Result<BackupRestored> {
    let mut ctx = state.lock()?;
    // Held for the swap only; no command can run meanwhile (the lock is ours).
    let stand_in = Context::new(Store::open_in_memory()?)?;
    let open = std::mem::replace(&mut *ctx, stand_in);
    let (reopened, restored) = backups::restore(open, &name);
    *ctx = reopened;
    if let Err(e) = &restored {
        log::warn!("restore of {name} refused: {e}");
    }
    restored
}

#[tauri::command(async)]
pub fn data_folder(state: State<'_, AppState>) -> Result<DataFolder> {
    data_folder::show(&*state.lock()?, &state.home)
}

/// Moves the data to the folder the user chose (`folder` is its grant; none: back to the home
/// folder); like a restore, the context is taken out for the move and the one it returns put
/// back.
#[tauri::command(async)]
pub fn move_data_folder(
    state: State<'_, AppState>,
    folder: Option<String>,
) -> Result<DataFolderMoved> {
    let to = match folder {
        Some(grant) => crate::paths::granted(&state, &grant, crate::paths::PathPurpose::Folder)?,
        None => state.home.clone(),
    };
    let mut ctx = state.lock()?;
    let stand_in = Context::new(Store::open_in_memory()?)?;
    let open = std::mem::replace(&mut *ctx, stand_in);
    let (reopened, moved) = data_folder::move_to(open, &state.home, &to);
    *ctx = reopened;
    match &moved {
        Ok(m) => log::info!("data folder moved to {} ({} files)", m.folder.path, m.files),
        Err(e) => log::warn!("data folder move to {} refused: {e}", to.display()),
    }
    moved
}

/// Shows the data folder in the system's file manager.
#[tauri::command(async)]
pub fn open_data_folder(state: State<'_, AppState>) -> Result<()> {
    let dir = state.data_dir();
    tauri_plugin_opener::open_path(dir.display().to_string(), None::<&str>).map_err(|e| {
        zhizhuan_commands::Error::Internal(format!("无法打开文件夹 {}：{e}", dir.display()))
    })
}
