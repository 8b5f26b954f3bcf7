//! The panic hook: a panic anywhere in the app writes `crash-<time>.txt` into the log folder
//! (message, place, thread, backtrace, version) before the default hook runs, so a user who
//! saw the window vanish can still send something useful (see [`super::diagnostics`]).

use std::backtrace::Backtrace;
use std::path::{Path, PathBuf};

/// Prefix of crash file names (the diagnostics zip collects every file starting with it).
pub const CRASH_PREFIX: &str = "crash-";

/// Installs the hook; the previous (default) hook still prints to stderr afterwards.
pub fn install_hook(log_dir: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let text = crash_text(&message, &place, &Backtrace::force_capture().to_string());
        match write_crash(&log_dir, &chrono::Utc::now(), &text) {
            Ok(path) => log::error!("panic: {message} at {place}; crash file {}", path.display()),
            Err(e) => log::error!("panic: {message} at {place}; no crash file: {e}"),
        }
        previous(info);
    }));
}

/// The crash file's content.
pub fn crash_text(message: &str, place: &str, backtrace: &str) -> String {
    let thread = std::thread::current();
    format!(
        "ZhiZhuan {version} crashed\nos: {os} {arch}\nthread: {thread}\nmessage: {message}\nat: {place}\n\nbacktrace:\n{backtrace}\n",
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        arch = std::env::consts::ARCH,
        thread = thread.name().unwrap_or("(unnamed)"),
    )
}

/// Writes `text` to a new crash file named by the UTC time (and process id, so two crashes
/// in one second from two processes do not overwrite each other).
pub fn write_crash(
    log_dir: &Path,
    when: &chrono::DateTime<chrono::Utc>,
    text: &str,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(log_dir)?;
    let name = format!(
        "{CRASH_PREFIX}{}-{}.txt",
        when.format("%Y%m%dT%H%M%SZ"),
        std::process::id()
    );
    let path = log_dir.join(name);
    std::fs::write(&path, text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_crash_file_names_the_time_and_says_what_and_where() {
        let dir = tempfile::tempdir().unwrap();
        let when = chrono::Utc.with_ymd_and_hms(2026, 3, 1, 8, 5, 9).unwrap();
        let text = crash_text("index out of bounds", "src/x.rs:7", "0: main");
        let path = write_crash(&dir.path().join("logs"), &when, &text).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("crash-20260301T080509Z-"), "{name}");
        let written = std::fs::read_to_string(&path).unwrap();
        for part in [
            "index out of bounds",
            "at: src/x.rs:7",
            "0: main",
            env!("CARGO_PKG_VERSION"),
        ] {
            assert!(written.contains(part), "{part} missing from:\n{written}");
        }
    }
}
