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

/// `unsafe` is denied across the workspace, and allowed in one place only: the app's `main`
/// setting WebKit's environment before any thread exists (`src-tauri/src/shell/engine.rs`).
/// The lint refuses `unsafe` elsewhere; this refuses a new exemption from the lint.
#[test]
fn unsafe_is_allowed_only_where_webkit_environment_is_set() {
    let root = workspace_root();
    let exemption = concat!("allow(", "unsafe_code)");
    let mut found = Vec::new();
    for dir in ["crates", "src-tauri/src", "tests", "benches"] {
        rust_files(&root.join(dir), &mut found);
    }
    assert!(
        found.len() > 20,
        "expected the workspace's sources, found {}",
        found.len()
    );
    let mut exempt: Vec<String> = found
        .iter()
        .filter(|p| std::fs::read_to_string(p).unwrap().contains(exemption))
        .map(|p| {
            p.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    exempt.sort();
    assert_eq!(
        exempt,
        ["src-tauri/src/main.rs", "src-tauri/src/shell/engine.rs"]
    );
}

/// Every `.rs` file under `dir`, build output left out.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "target" && name != "node_modules" {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
