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
        std::fs::create_dir_all(&data_dir)?;
        let store = Store::open(&data_dir.join(zhizhuan_store::DB_FILE))?;
        Ok(AppState {
            store: Mutex::new(store),
            data_dir,
        })
    }
}
