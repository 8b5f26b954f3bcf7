//! Files that leave the app (the PDF report, the xlsx plan, bundles) and bundles coming in:
//! one-line adapters over `zhizhuan_commands::export`. `path` is a grant from
//! [`crate::paths`]: the file the user chose in the native dialog, never a path the page names.

use tauri::State;
use zhizhuan_commands::export::{
    self, BundleExported, BundleImported, ImportMode, ReportLang, SavedFile,
};
use zhizhuan_store::bundle::BundleScope;

use crate::error::Result;
use crate::paths::{PathPurpose, granted};
use crate::state::AppState;

#[tauri::command(async)]
pub fn export_report_pdf(
    state: State<'_, AppState>,
    assessment_id: i64,
    lang: ReportLang,
    target: u8,
    path: String,
) -> Result<SavedFile> {
    let out = granted(&state, &path, PathPurpose::Save)?;
    export::export_pdf_to(&*state.lock()?, assessment_id, lang, target, &out)
}

#[tauri::command(async)]
pub fn export_report_docx(
    state: State<'_, AppState>,
    assessment_id: i64,
    lang: ReportLang,
    target: u8,
    path: String,
) -> Result<SavedFile> {
    let out = granted(&state, &path, PathPurpose::Save)?;
    export::export_docx_to(&*state.lock()?, assessment_id, lang, target, &out)
}

#[tauri::command(async)]
pub fn export_action_plan(
    state: State<'_, AppState>,
    assessment_id: i64,
    lang: ReportLang,
    target: u8,
    path: String,
) -> Result<SavedFile> {
    let out = granted(&state, &path, PathPurpose::Save)?;
    export::export_plan_to(&*state.lock()?, assessment_id, lang, target, &out)
}

/// The portfolio rows the page lists (by assessment id, in its order) as a workbook.
#[tauri::command(async)]
pub fn export_portfolio(
    state: State<'_, AppState>,
    assessment_ids: Vec<i64>,
    lang: ReportLang,
    path: String,
) -> Result<SavedFile> {
    let out = granted(&state, &path, PathPurpose::Save)?;
    export::export_portfolio_to(&*state.lock()?, &assessment_ids, lang, &out)
}

#[tauri::command(async)]
pub fn export_enterprise_bundle(
    state: State<'_, AppState>,
    enterprise_id: i64,
    path: String,
) -> Result<BundleExported> {
    let scope = BundleScope::Enterprise(enterprise_id);
    let out = granted(&state, &path, PathPurpose::Save)?;
    export::export_bundle_to(&*state.lock()?, scope, &out)
}

#[tauri::command(async)]
pub fn import_bundle(
    state: State<'_, AppState>,
    path: String,
    mode: ImportMode,
) -> Result<BundleImported> {
    let file = granted(&state, &path, PathPurpose::Open)?;
    export::import_bundle_from(&*state.lock()?, &file, mode)
}
