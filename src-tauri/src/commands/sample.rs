//! 「打开示例企业」: a one-line adapter over `zhizhuan_commands::sample`.

use tauri::State;
use zhizhuan_commands::sample::{self, SampleOpened};

use crate::error::Result;
use crate::state::AppState;

#[tauri::command(async)]
pub fn open_sample(state: State<'_, AppState>) -> Result<SampleOpened> {
    sample::open(&*state.lock()?)
}
