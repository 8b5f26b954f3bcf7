//! The TypeScript bindings in `ui/src/bindings/` are generated from the Rust types that cross
//! IPC. This test regenerates them in memory and fails when the committed files differ, so a
//! changed Rust type can never silently disagree with the UI.
//!
//! To update them: `UPDATE_BINDINGS=1 cargo test -p zhizhuan-app bindings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Every type a command takes or returns (their dependencies follow automatically).
fn export_all(cfg: &Config) {
    zhizhuan_core::catalog::Catalog::export_all(cfg).unwrap();
    zhizhuan_core::enterprise::EnterpriseInput::export_all(cfg).unwrap();
    zhizhuan_store::enterprise::Enterprise::export_all(cfg).unwrap();
    crate::error::CommandError::export_all(cfg).unwrap();
    crate::commands::app::AppInfo::export_all(cfg).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ts"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn bindings_are_fresh() {
    let committed_dir: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"].iter().collect();
    let fresh_dir = tempfile::tempdir().unwrap();
    export_all(&Config::new().with_out_dir(fresh_dir.path()));
    let fresh = read_dir(fresh_dir.path());
    assert!(fresh.len() >= 5, "expected bindings for every command type, got {:?}", fresh.keys());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for name in read_dir(&committed_dir).keys() {
            std::fs::remove_file(committed_dir.join(name)).unwrap();
        }
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }

    let committed = read_dir(&committed_dir);
    let stale: Vec<&String> = fresh
        .keys()
        .chain(committed.keys())
        .filter(|name| fresh.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is stale in {stale:?}; run `UPDATE_BINDINGS=1 cargo test -p zhizhuan-app bindings` and commit"
    );
}
