//! What the app holds while it runs: the open store.

use std::path::PathBuf;
use std::sync::Mutex;

use zhizhuan_store::Store;

/// Shared state behind every command. One connection guarded by a mutex is enough: commands
/// are short and SQLite serialises writers anyway.
pub struct AppState {
    pub store: Mutex<Store>,
    pub data_dir: PathBuf,
}

impl AppState {
    /// Opens the database in `$ZHIZHUAN_DATA_DIR` or the OS app-data folder (the same place the
    /// CLI looks, so both see one database).
    pub fn open(_app: &tauri::AppHandle) -> Result<Self, Box<dyn std::error::Error>> {
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
        Ok(AppState {
            store: Mutex::new(store),
            data_dir,
        })
    }
}
