//! Tauri commands, one module per area. Each is a one-line adapter over `zhizhuan_commands`
//! (which checks and writes); names are the snake_case IPC names, declared once in
//! [`crate::command_list`].

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
