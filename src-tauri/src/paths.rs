//! Paths only from the user. The page never names a file: a native dialog opened here, on the
//! Rust side, returns what the user chose, and the page receives an opaque grant for it. The
//! commands that write or read a file take that grant and look the path up, so a script in
//! the page can neither overwrite nor read any file the user did not pick. A grant stays valid
//! for the session (the import screen retries the same file with "merge" after a refusal) and
//! only for its purpose: a file chosen to open cannot be written through, and back.
//!
//! The e2e suite cannot operate OS dialogs; with the cargo feature `e2e-dialog` (never in a
//! release build) `e2e_grant_path` grants a path the test names, as a dialog answer would.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;

use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::state::AppState;

/// What a chosen path may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PathPurpose {
    /// Chosen in a save dialog: may be written.
    Save,
    /// Chosen in an open dialog: may be read.
    Open,
    /// Chosen in a folder dialog: the data folder may be moved there.
    Folder,
}

/// The file-type filter a dialog shows.
#[derive(Debug, Clone, Deserialize)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// The paths the user chose this session, by grant.
#[derive(Debug)]
pub struct Grants {
    salt: u64,
    granted: HashMap<String, (PathBuf, PathPurpose)>,
}

impl Default for Grants {
    fn default() -> Self {
        // Unguessable per process, so a grant cannot be forged from its shape.
        let salt = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Grants {
            salt,
            granted: HashMap::new(),
        }
    }
}

impl Grants {
    /// Grants `path` for `purpose` and returns the grant the page will hand back.
    pub fn grant(&mut self, path: PathBuf, purpose: PathPurpose) -> String {
        let token = format!("grant:{:016x}-{}", self.salt, self.granted.len() + 1);
        self.granted.insert(token.clone(), (path, purpose));
        token
    }

    /// The path behind `token`, if it was granted for `purpose`.
    pub fn path(&self, token: &str, purpose: PathPurpose) -> Result<PathBuf> {
        match self.granted.get(token) {
            Some((path, p)) if *p == purpose => Ok(path.clone()),
            _ => Err(Error::InvalidPath {
                path: token.to_owned(),
            }),
        }
    }
}

/// The grants of the running app.
pub type GrantsState = Mutex<Grants>;

fn lock(grants: &GrantsState) -> Result<std::sync::MutexGuard<'_, Grants>> {
    grants.lock().map_err(|e| Error::Internal(e.to_string()))
}

/// Grants `path`, which the user chose outside a dialog (a double-clicked bundle file).
pub fn grant(state: &AppState, path: PathBuf, purpose: PathPurpose) -> Result<String> {
    Ok(lock(&state.grants)?.grant(path, purpose))
}

/// The path behind a grant the page sent.
pub fn granted(state: &AppState, token: &str, purpose: PathPurpose) -> Result<PathBuf> {
    lock(&state.grants)?.path(token, purpose)
}

fn chosen(
    state: &AppState,
    picked: Option<tauri_plugin_dialog::FilePath>,
    purpose: PathPurpose,
) -> Result<Option<String>> {
    let Some(picked) = picked else {
        return Ok(None); // cancelled
    };
    let path = picked
        .into_path()
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Some(lock(&state.grants)?.grant(path, purpose)))
}

/// Opens the native save dialog (off the main thread: the command is async) suggesting
/// `default_name` (its file name only); returns a grant, or null when cancelled.
#[tauri::command]
pub async fn choose_save_path<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    default_name: String,
    filter: FileFilter,
) -> Result<Option<String>> {
    let name = std::path::Path::new(&default_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extensions: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
    let picked = app
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter(filter.name.clone(), &extensions)
        .blocking_save_file();
    chosen(&state, picked, PathPurpose::Save)
}

/// Opens the native open dialog; returns a grant, or null when cancelled.
#[tauri::command]
pub async fn choose_open_path<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    filter: Option<FileFilter>,
) -> Result<Option<String>> {
    let mut dialog = app.dialog().file();
    if let Some(f) = &filter {
        let extensions: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(f.name.clone(), &extensions);
    }
    chosen(&state, dialog.blocking_pick_file(), PathPurpose::Open)
}

/// Opens the native folder dialog; returns a grant, or null when cancelled.
#[tauri::command]
pub async fn choose_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<String>> {
    let picked = app.dialog().file().blocking_pick_folder();
    chosen(&state, picked, PathPurpose::Folder)
}

/// The e2e seam: grants `path` as if the user had chosen it (null: cancelled).
#[cfg(feature = "e2e-dialog")]
#[tauri::command]
pub fn e2e_grant_path(
    state: State<'_, AppState>,
    path: Option<String>,
    purpose: PathPurpose,
) -> Result<Option<String>> {
    Ok(match path {
        None => None,
        Some(p) => Some(lock(&state.grants)?.grant(PathBuf::from(p), purpose)),
    })
}

/// Without the `e2e-dialog` feature the seam refuses: a release build grants only what the
/// user chose in a dialog.
#[cfg(not(feature = "e2e-dialog"))]
#[tauri::command]
pub fn e2e_grant_path(path: Option<String>, purpose: PathPurpose) -> Result<Option<String>> {
    let _ = (path, purpose);
    Err(Error::Internal(
        "e2e_grant_path exists only in a build with the e2e-dialog feature".to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_opens_only_its_own_path_for_its_own_purpose() {
        let mut g = Grants::default();
        let save = g.grant(PathBuf::from("/home/u/报告.pdf"), PathPurpose::Save);
        let open = g.grant(PathBuf::from("/home/u/visit.zip"), PathPurpose::Open);
        assert_ne!(save, open);
        assert_eq!(
            g.path(&save, PathPurpose::Save).unwrap(),
            PathBuf::from("/home/u/报告.pdf")
        );
        // Still valid: the import retries the same file with another mode.
        assert!(g.path(&open, PathPurpose::Open).is_ok());
        assert!(g.path(&open, PathPurpose::Open).is_ok());
        for (token, purpose) in [
            (save.as_str(), PathPurpose::Open),
            (open.as_str(), PathPurpose::Save),
            ("/etc/passwd", PathPurpose::Open),
            ("/home/u/.bashrc", PathPurpose::Save),
        ] {
            assert!(g.path(token, purpose).is_err(), "{token} {purpose:?}");
        }
    }
}
