//! Desktop manners: what a well-behaved installed app does around its window, kept apart from
//! the domain commands in `commands/`.
//!
//! - one running copy per user (`tauri-plugin-single-instance`): a second launch focuses the
//!   first window and hands it the bundle files it was asked to open ([`open_files`]);
//! - the window's size, position and maximised state remembered (`tauri-plugin-window-state`);
//! - rotated log files and a crash file written by a panic hook ([`logs`], [`crash`]);
//! - an About payload with version, data folder and licence notices ([`about`]);
//! - on Linux, WebKit's settings for its web process ([`engine`]): the CPU painter instead of
//!   emulated OpenGL without a GPU driver ([`painting`]), and full garbage collections;
//! - a diagnostics zip the user can send to support by hand ([`diagnostics`]); nothing is
//!   uploaded: the app opens no socket.

pub mod about;
pub mod crash;
pub mod diagnostics;
pub mod engine;
pub mod logs;
pub mod open_files;
pub mod painting;

use tauri::{Manager, Runtime};

/// Adds the shell's plugins to the builder. Single-instance goes first, as its docs require:
/// a second copy must exit before any other plugin touches the data folder or the window.
pub fn plugins<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            open_files::second_launch(app, &argv, &cwd);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(logs::plugin())
}

/// Work done once the app exists: the crash hook (it needs the log folder), the files this
/// first launch was asked to open, and a log line saying where things are.
pub fn setup<R: Runtime>(app: &tauri::App<R>) {
    let log_dir = logs::log_dir();
    crash::install_hook(log_dir.clone());
    let cwd = std::env::current_dir().unwrap_or_default();
    let argv: Vec<String> = std::env::args().collect();
    app.manage(open_files::OpenedFiles::from_args(&argv, &cwd));
    log::info!(
        "ZhiZhuan {} started; logs in {}",
        env!("CARGO_PKG_VERSION"),
        log_dir.display()
    );
}
