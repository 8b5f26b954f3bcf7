//! Tauri commands, one module per area. Each is a thin adapter over the engines; names are the
//! snake_case IPC names and unique across modules.

pub mod app;
pub mod assessment;
pub mod catalog;
pub mod compare;
pub mod enterprise;
pub mod evidence;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod framework;
