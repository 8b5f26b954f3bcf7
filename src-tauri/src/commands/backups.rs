//! Backups: one-line adapters over `zhizhuan_commands::backups`. A restore takes the command
//! context out of the app's state for the swap (the store must be closed while its file is
//! replaced) and puts the one it returns back.

use tauri::State;
use zhizhuan_commands::Context;
use zhizhuan_commands::backups::{self, BackupInfo, BackupRestored};
use zhizhuan_store::Store;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    backups::list(&*state.lock()?)
}

#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    backups::backup_now(&*state.lock()?)
}

#[tauri::command]
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
