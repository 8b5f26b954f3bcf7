//! Log files: `<home folder>/logs/zhizhuan.log`, rotated at 1 MB, the last five kept.
//!
//! They live in the home folder (the OS app-data folder, not the OS log folder) so that
//! uninstalling keeps them with the data, `ZHIZHUAN_DATA_DIR` moves them with the database
//! (tests, USB sticks), and the diagnostics zip finds them next to the crash files. They stay
//! there when the user moves the data elsewhere: they describe this PC, not the data.

use std::path::PathBuf;

use tauri::Runtime;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};

/// The log file's name without `.log` (the plugin adds it, and dates rotated copies).
pub const LOG_FILE_STEM: &str = "zhizhuan";
const MAX_FILE_BYTES: u128 = 1_000_000;
const KEPT_FILES: usize = 5;

/// The folder for logs and crash files. When the data folder is unavailable (a USB stick not
/// plugged in) the app will refuse to start; that refusal is logged to the temp folder
/// instead of creating the data folder on an empty mount point.
pub fn log_dir() -> PathBuf {
    match zhizhuan_store::default_data_dir() {
        Some(dir) if zhizhuan_store::prepare_data_dir(&dir).is_ok() => dir.join("logs"),
        _ => std::env::temp_dir().join(format!("{}-logs", zhizhuan_store::APP_IDENTIFIER)),
    }
}

pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::Folder {
                path: log_dir(),
                file_name: Some(LOG_FILE_STEM.into()),
            }),
            Target::new(TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Info)
        // Dependencies' chatter (WebKit bridges, D-Bus) would push the app's own lines out
        // of the few rotated files a support case gets.
        .level_for("zbus", log::LevelFilter::Warn)
        .level_for("tracing", log::LevelFilter::Warn)
        .max_file_size(MAX_FILE_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(KEPT_FILES))
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .build()
}
