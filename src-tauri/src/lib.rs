//! # zhizhuan-app (the desktop shell)
//!
//! The only crate that links Tauri. It opens the store in the OS app-data folder, registers the
//! commands in [`commands`] (each declared once in [`command_list`]) and starts the window.
//! Every command is a one-line adapter over `zhizhuan_commands`, which checks and writes; its
//! [`error::Error`] crosses IPC as `{kind, message, fields}`. Anything the app can do, the
//! `zhizhuan` CLI can reproduce through the same functions.

pub mod command_list;
pub mod commands;
pub mod error;
pub mod paths;
pub mod shell;
pub mod state;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod command_list_test;

use std::sync::OnceLock;
use std::time::Instant;

use tauri::{Manager, Runtime};

/// When the process started, for the start-up time logged by `ui_ready`.
pub static STARTED: OnceLock<Instant> = OnceLock::new();

/// Starts the app, with the WebKit settings `main` gave its environment.
pub fn run(engine: shell::engine::Engine) {
    STARTED.get_or_init(Instant::now);
    shell::plugins(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            shell::setup(app);
            if engine.cpu_painting {
                log::info!(
                    "WebKit paints on the CPU (WEBKIT_SKIA_ENABLE_CPU_RENDERING, shell::painting)"
                );
            }
            if engine.full_gc {
                log::info!(
                    "WebKit collects the page's JavaScript in full (JSC_useGenerationalGC=0, shell::engine)"
                );
            }
            // Never fails on the data: a folder that cannot be opened is the start-up
            // screen's to explain (`startup_problem`), with a way out.
            app.manage(state::AppState::start()?);
            Ok(())
        })
        .invoke_handler(handler())
        .run(tauri::generate_context!())
        .expect("error while running the ZhiZhuan window");
}

/// Every command the page may call, for any runtime: the window's, and the mock runtime of
/// `examples/browser_bridge.rs`, which serves the same commands to a browser for the bench.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::catalog::catalog,
        commands::enterprise::list_enterprises,
        commands::enterprise::create_enterprise,
        commands::enterprise::enterprise_warnings,
        commands::enterprise::update_enterprise,
        commands::enterprise::discard_enterprise,
        commands::app::app_info,
        commands::app::ui_ready,
        commands::startup::startup_problem,
        commands::startup::retry_start,
        commands::startup::locate_data_folder,
        commands::startup::start_afresh,
        commands::startup::restore_at_start,
        commands::framework::list_frameworks,
        commands::framework::get_framework,
        commands::framework::peer_context,
        commands::enterprise::get_enterprise,
        commands::assessment::list_assessments,
        commands::assessment::get_assessment,
        commands::assessment::create_assessment,
        commands::assessment::list_answers,
        commands::assessment::save_answer,
        commands::assessment::score_assessment,
        commands::assessment::assessment_roadmap,
        commands::assessment::set_max_parallel,
        commands::assessment::assessment_meta,
        commands::assessment::set_assessment_meta,
        commands::assessment::list_roadmap_edits,
        commands::assessment::edit_roadmap_action,
        commands::assessment::finalise_assessment,
        commands::assessment::revise_assessment,
        commands::assessment::discard_assessment,
        commands::assessment::reassess,
        commands::assessment::portfolio,
        commands::export::export_report_pdf,
        commands::export::export_report_docx,
        commands::export::export_action_plan,
        commands::export::export_portfolio,
        commands::export::export_enterprise_bundle,
        commands::export::import_bundle,
        commands::evidence::attach_evidence,
        commands::evidence::list_evidence,
        commands::evidence::remove_evidence,
        commands::compare::compare_assessments,
        commands::sample::open_sample,
        commands::backups::list_backups,
        commands::backups::backup_now,
        commands::backups::restore_backup,
        commands::backups::data_folder,
        commands::backups::move_data_folder,
        commands::backups::open_data_folder,
        paths::choose_save_path,
        paths::choose_open_path,
        paths::choose_folder,
        paths::e2e_grant_path,
        shell::about::about,
        shell::diagnostics::export_diagnostics,
        shell::open_files::take_opened_files,
    ]
}
