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
    /// The OS app-data folder (or `$ZHIZHUAN_DATA_DIR`): the data, or `location.txt` naming
    /// where it was moved, and the logs.
    pub home: PathBuf,
    /// The paths the user chose in a dialog this session ([`crate::paths`]).
    pub grants: crate::paths::GrantsState,
}

impl AppState {
    /// Opens the database in `$ZHIZHUAN_DATA_DIR` or the OS app-data folder, or where its
    /// `location.txt` says the data was moved (the same place the CLI looks, so both see one
    /// database).
    pub fn open(_app: &tauri::AppHandle) -> std::result::Result<Self, Box<dyn std::error::Error>> {
        let home = zhizhuan_store::default_data_dir()
            .ok_or("the OS has no app-data folder; set ZHIZHUAN_DATA_DIR")?;
        // A moved data folder on a USB stick that is not plugged in is an error, not a new
        // empty database on the mount point.
        let data_dir = zhizhuan_store::location::data_dir_for(&home)?;
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
            home,
            grants: Default::default(),
        })
    }

    /// The folder holding the database now (it changes when the user moves it).
    pub fn data_dir(&self) -> PathBuf {
        self.lock()
            .ok()
            .and_then(|ctx| ctx.store.data_dir().ok().map(ToOwned::to_owned))
            .unwrap_or_else(|| self.home.clone())
    }

    /// The context, for one command.
    pub fn lock(&self) -> Result<MutexGuard<'_, Context>> {
        self.ctx.lock().map_err(|e| Error::Internal(e.to_string()))
    }
}
