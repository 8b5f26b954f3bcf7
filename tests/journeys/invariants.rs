//! Workspace invariants that ARCHITECTURE.md promises.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// Nothing under crates/ may depend on tauri, directly or transitively: the engines must run
/// headless (CLI, tests, a future server) and stay testable without a window.
#[test]
fn no_crate_under_crates_depends_on_tauri() {
    let root = workspace_root();
    let crates: Vec<String> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        crates.len() >= 4,
        "expected the four engine crates, found {crates:?}"
    );
    for krate in crates {
        let out = Command::new(env!("CARGO"))
            .args([
                "tree",
                "--offline",
                "-e",
                "normal,build",
                "--prefix",
                "none",
                "-p",
                &krate,
            ])
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cargo tree -p {krate} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(
            tree.lines().count() > 1,
            "cargo tree of {krate} printed nothing"
        );
        let tauri: Vec<&str> = tree.lines().filter(|l| l.starts_with("tauri")).collect();
        assert!(tauri.is_empty(), "{krate} depends on tauri: {tauri:?}");
    }
}
