//! Bundle files the app was asked to open: by a double click on a `.zhizhuan` file (the
//! installers associate the extension), on the command line, or forwarded by a second launch.
//!
//! The UI asks at start and whenever the window gains focus (a second launch focuses it)
//! with `take_opened_files`; it gets each file once, as a name and an open grant (the file
//! was chosen by the user's double click, as a dialog would choose it), and offers the import
//! (the shell never imports on its own: the user chooses how to merge). Focus rather than an
//! event: listening would need the event plugin's permission for the page, and a second
//! launch focuses the window anyway.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{Manager, Runtime};

/// The extension the installers associate with the app (bundle files).
pub const BUNDLE_EXTENSION: &str = "zhizhuan";

/// Paths received but not yet taken by the UI.
#[derive(Debug, Default)]
pub struct OpenedFiles(Mutex<Vec<PathBuf>>);

impl OpenedFiles {
    pub fn from_args(argv: &[String], cwd: &Path) -> Self {
        OpenedFiles(Mutex::new(bundle_paths(argv, cwd)))
    }

    fn push(&self, paths: &[PathBuf]) {
        if let Ok(mut pending) = self.0.lock() {
            pending.extend_from_slice(paths);
        }
    }

    fn take(&self) -> Vec<PathBuf> {
        self.0
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default()
    }
}

/// The bundle files among a launch's arguments (`argv[0]` is the program), made absolute
/// against the launching process's working folder: a second launch runs elsewhere.
pub fn bundle_paths(argv: &[String], cwd: &Path) -> Vec<PathBuf> {
    argv.iter()
        .skip(1)
        .map(|arg| arg.strip_prefix("file://").unwrap_or(arg))
        .map(Path::new)
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(BUNDLE_EXTENSION))
        })
        .map(|p| cwd.join(p))
        .collect()
}

/// The single-instance callback: bring the first window forward and hand it the files.
pub fn second_launch<R: Runtime>(app: &tauri::AppHandle<R>, argv: &[String], cwd: &str) {
    log::info!("second launch forwarded to the running window");
    if let Some(window) = app.get_webview_window("main") {
        // A minimised window would otherwise stay minimised behind the focus request.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let paths = bundle_paths(argv, Path::new(cwd));
    if paths.is_empty() {
        return;
    }
    if let Some(opened) = app.try_state::<OpenedFiles>() {
        opened.push(&paths);
    }
}

/// A bundle file the app was asked to open: its name to show, and the grant to import it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenedFile {
    pub name: String,
    pub grant: String,
}

/// The files received since the last call, each granted for reading once.
#[tauri::command]
pub fn take_opened_files(
    opened: tauri::State<'_, OpenedFiles>,
    state: tauri::State<'_, crate::state::AppState>,
) -> crate::error::Result<Vec<OpenedFile>> {
    opened
        .take()
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let grant = crate::paths::grant(&state, path, crate::paths::PathPurpose::Open)?;
            Ok(OpenedFile { name, grant })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_bundle_files_are_taken_and_made_absolute() {
        let cwd = Path::new("/home/li");
        let cases: &[(&[&str], &[&str])] = &[
            // the program itself is never a file to open, even if named like one
            (&["/opt/x.zhizhuan"], &[]),
            (&["app", "a.zhizhuan"], &["/home/li/a.zhizhuan"]),
            // already absolute stays as it is; the extension is matched case-insensitively
            (&["app", "/tmp/B.ZHIZHUAN"], &["/tmp/B.ZHIZHUAN"]),
            // flags and other files are ignored (a .zip bundle is opened from the menu)
            (&["app", "--verbose", "x.zip", "x.zhizhuan.txt"], &[]),
            (&["app", "file:///tmp/c.zhizhuan"], &["/tmp/c.zhizhuan"]),
        ];
        for (argv, expected) in cases {
            let got = bundle_paths(&args(argv), cwd);
            let expected: Vec<PathBuf> = expected.iter().map(PathBuf::from).collect();
            assert_eq!(got, expected, "argv {argv:?}");
        }
    }

    #[test]
    fn each_path_is_taken_once() {
        let opened = OpenedFiles::from_args(&args(&["app", "a.zhizhuan"]), Path::new("/w"));
        opened.push(&[PathBuf::from("/w/b.zhizhuan")]);
        assert_eq!(opened.take().len(), 2);
        assert!(opened.take().is_empty());
    }
}
