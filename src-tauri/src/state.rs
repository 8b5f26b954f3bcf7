//! What the app holds while it runs: the command context (the open store, the frameworks, the
//! clock).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use zhizhuan_commands::Context;
use zhizhuan_store::Store;

use crate::error::{Error, Result};

/// Shared state behind every command. One connection guarded by a mutex is enough: commands
/// are short and SQLite serialises writers anyway.
pub struct AppState {
    pub ctx: Mutex<Context>,
    pub data_dir: PathBuf,
    /// The paths the user chose in a dialog this session ([`crate::paths`]).
    pub grants: crate::paths::GrantsState,
}

impl AppState {
    /// Opens the database in `$ZHIZHUAN_DATA_DIR` or the OS app-data folder (the same place the
    /// CLI looks, so both see one database).
    pub fn open(_app: &tauri::AppHandle) -> std::result::Result<Self, Box<dyn std::error::Error>> {
        let data_dir = zhizhuan_store::default_data_dir()
            .ok_or("the OS has no app-data folder; set ZHIZHUAN_DATA_DIR")?;
        // Not create_dir_all: a data folder on a USB stick that is not plugged in is an
        // error, not a new empty database on the mount point.
        zhizhuan_store::prepare_data_dir(&data_dir)?;
        let store = Store::open(&data_dir.join(zhizhuan_store::DB_FILE))?;
        // A -wal left by an unclean exit was backed up, checked and applied; say so where
        // the CLI would (the UI has no place for it yet).
        for notice in store.notices() {
            eprintln!("zhizhuan: {notice}");
        }
        let ctx = Context::new(store)?;
        // The daily backup, taken at start when the newest is a day old; a failure is logged,
        // not fatal: the user's data is untouched by it.
        match zhizhuan_commands::backups::backup_if_due(&ctx) {
            Ok(Some(path)) => log::info!("scheduled backup written: {}", path.display()),
            Ok(None) => {}
            Err(e) => log::warn!("scheduled backup failed: {e}"),
        }
        Ok(AppState {
            ctx: Mutex::new(ctx),
            data_dir,
            grants: Default::default(),
        })
    }

    /// The context, for one command.
    pub fn lock(&self) -> Result<MutexGuard<'_, Context>> {
        self.ctx.lock().map_err(|e| Error::Internal(e.to_string()))
    }
}
