//! Tauri commands, one module per area. Each is a one-line adapter over `zhizhuan_commands`
//! (which checks and writes); names are the snake_case IPC names, declared once in
//! [`crate::command_list`].
//!
//! Every command that touches the store is `#[tauri::command(async)]`: it runs on Tauri's
//! worker threads, not on the main thread, which also presents the window's frames. A save is
//! committed with `synchronous=FULL` (an fsync); on the main thread that wait held the next
//! frame back, so every answer was followed by a 50–160 ms frame (scripts/bench-memory.sh).
//! Commands still run one at a time on the store (its mutex); the page sends one item's saves
//! one after another (ui/src/questionnaire/autosave.ts), so they cannot commit out of order.

pub mod app;
pub mod assessment;
pub mod backups;
pub mod catalog;
pub mod compare;
pub mod enterprise;
pub mod evidence;
pub mod export;
pub mod framework;
pub mod sample;
pub mod startup;
