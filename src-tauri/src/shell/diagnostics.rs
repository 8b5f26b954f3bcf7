//! 「导出诊断包」: a zip the user saves where they choose and sends to support by hand. It holds
//! the log files, the crash files, the `db check` report of the database and a short summary
//! (version, OS, folders). Not the database nor any evidence file: enterprise data stays with
//! the user. Nothing is uploaded: the app has no network code.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_store::{StoreError, health};

use crate::error::{Error, Result};
use crate::state::AppState;

/// What was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticsSaved {
    pub path: String,
    /// The zip's entries, in order.
    pub entries: Vec<String>,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| {
        Error::Store(StoreError::Io {
            path: path.to_owned(),
            source,
        })
    }
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::Internal(format!("诊断包写入失败：{e}"))
}

/// The `db check` report as JSON, or why there is none (the zip is still useful then).
pub fn db_check_json(db: &Path) -> String {
    match health::check_file(db) {
        Ok(report) => serde_json::to_string_pretty(&report)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        Err(e) => serde_json::json!({ "error": e.to_string() }).to_string(),
    }
}

/// Log and crash files in `log_dir`, sorted by name (missing folder: none yet).
fn log_files(log_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(log_dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Writes the zip to `out`: `summary.txt`, `db-check.json`, then `logs/<file>` for each log
/// and crash file.
pub fn write_zip(out: &Path, summary: &str, db_check: &str, log_dir: &Path) -> Result<Vec<String>> {
    let file = std::fs::File::create(out).map_err(io_error(out))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut entries = Vec::new();
    let mut add = |name: String, bytes: &[u8]| -> Result<()> {
        zip.start_file(name.as_str(), options).map_err(zip_error)?;
        zip.write_all(bytes).map_err(io_error(out))?;
        entries.push(name);
        Ok(())
    };
    add("summary.txt".into(), summary.as_bytes())?;
    add("db-check.json".into(), db_check.as_bytes())?;
    for path in log_files(log_dir) {
        let bytes = std::fs::read(&path).map_err(io_error(&path))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        add(format!("logs/{name}"), &bytes)?;
    }
    zip.finish().map_err(zip_error)?;
    Ok(entries)
}

fn summary(data_dir: &Path, log_dir: &Path) -> String {
    format!(
        "ZhiZhuan {}\nos: {} {}\ndata folder: {}\nlog folder: {}\nwritten: {}\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        data_dir.display(),
        log_dir.display(),
        chrono::Utc::now().to_rfc3339(),
    )
}

/// Writes the diagnostics zip to the file the user chose in the save dialog (`path` is its
/// grant, as for every export: the page never names a file).
#[tauri::command(async)]
pub fn export_diagnostics(
    state: tauri::State<'_, AppState>,
    path: String,
) -> Result<DiagnosticsSaved> {
    let out = crate::paths::granted(&state, &path, crate::paths::PathPurpose::Save)?;
    let log_dir = super::logs::log_dir();
    let data_dir = state.data_dir();
    let db = data_dir.join(zhizhuan_store::DB_FILE);
    // Checked on a copy by health::check_file, so the open connection is not disturbed.
    let entries = write_zip(
        &out,
        &summary(&data_dir, &log_dir),
        &db_check_json(&db),
        &log_dir,
    )?;
    log::info!("diagnostics written to {}", out.display());
    Ok(DiagnosticsSaved {
        path: out.display().to_string(),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_holds_summary_check_logs_and_crashes_but_not_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let logs = data.join("logs");
        std::fs::create_dir_all(&logs).unwrap();
        let db = data.join(zhizhuan_store::DB_FILE);
        zhizhuan_store::Store::create(&db).unwrap().close().unwrap();
        std::fs::write(logs.join("zhizhuan.log"), "started\n").unwrap();
        std::fs::write(logs.join("crash-20260301T080509Z-7.txt"), "boom").unwrap();

        let check = db_check_json(&db);
        assert!(check.contains("\"schemaVersion\""), "{check}");
        let out = dir.path().join("diag.zip");
        let entries = write_zip(&out, "summary", &check, &logs).unwrap();
        assert_eq!(
            entries,
            [
                "summary.txt",
                "db-check.json",
                "logs/crash-20260301T080509Z-7.txt",
                "logs/zhizhuan.log"
            ]
        );
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut crash = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("logs/crash-20260301T080509Z-7.txt").unwrap(),
            &mut crash,
        )
        .unwrap();
        assert_eq!(crash, "boom");
        assert!((0..zip.len()).all(|i| !zip.by_index(i).unwrap().name().unwrap().ends_with(".db")));
    }

    #[test]
    fn a_missing_database_is_reported_inside_the_zip() {
        let dir = tempfile::tempdir().unwrap();
        let check = db_check_json(&dir.path().join("none.db"));
        assert!(check.contains("\"error\""), "{check}");
    }
}
