//! The TypeScript bindings in `ui/src/bindings/` are generated from the Rust types that cross
//! IPC. This test regenerates them in memory and fails when the committed files differ, so a
//! changed Rust type can never silently disagree with the UI.
//!
//! To update them: `UPDATE_BINDINGS=1 cargo test -p zhizhuan-app bindings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

type Export = fn(&Config) -> Result<(), ts_rs::ExportError>;

/// Every type a command takes or returns (their dependencies follow automatically).
const ROOTS: &[Export] = &[
    <zhizhuan_core::catalog::Catalog as TS>::export_all,
    <zhizhuan_core::peers::PeerView as TS>::export_all,
    <zhizhuan_core::enterprise::EnterpriseInput as TS>::export_all,
    <zhizhuan_store::enterprise::Enterprise as TS>::export_all,
    <zhizhuan_store::enterprise::EnterpriseOverview as TS>::export_all,
    <crate::error::CommandError as TS>::export_all,
    <crate::commands::app::AppInfo as TS>::export_all,
    <zhizhuan_commands::framework::FrameworkSummary as TS>::export_all,
    <zhizhuan_core::framework::Framework as TS>::export_all,
    <zhizhuan_core::answer::AnswerValue as TS>::export_all,
    <zhizhuan_core::score::Score as TS>::export_all,
    <zhizhuan_core::roadmap::Roadmap as TS>::export_all,
    <zhizhuan_store::assessment::Assessment as TS>::export_all,
    <zhizhuan_store::answer::Answer as TS>::export_all,
    <zhizhuan_commands::assessment::SavedAnswer as TS>::export_all,
    <zhizhuan_commands::assessment::Reassessed as TS>::export_all,
    <zhizhuan_store::assessment::PortfolioEntry as TS>::export_all,
    <zhizhuan_commands::export::ReportLang as TS>::export_all,
    <zhizhuan_commands::export::SavedFile as TS>::export_all,
    <zhizhuan_commands::export::BundleExported as TS>::export_all,
    <zhizhuan_commands::export::ImportMode as TS>::export_all,
    <zhizhuan_commands::export::BundleImported as TS>::export_all,
    <zhizhuan_store::evidence::Evidence as TS>::export_all,
    <zhizhuan_commands::compare::Comparison as TS>::export_all,
    <zhizhuan_store::meta::AssessmentMeta as TS>::export_all,
    <zhizhuan_commands::backups::BackupInfo as TS>::export_all,
    <zhizhuan_commands::sample::SampleOpened as TS>::export_all,
    <zhizhuan_commands::backups::BackupRestored as TS>::export_all,
    <zhizhuan_commands::data_folder::DataFolder as TS>::export_all,
    <zhizhuan_commands::data_folder::DataFolderMoved as TS>::export_all,
    <zhizhuan_commands::data_folder::StartupProblem as TS>::export_all,
    <zhizhuan_store::roadmap::RoadmapEdit as TS>::export_all,
    <zhizhuan_store::roadmap::RoadmapEditInput as TS>::export_all,
    <crate::shell::about::About as TS>::export_all,
    <crate::shell::diagnostics::DiagnosticsSaved as TS>::export_all,
    <crate::shell::open_files::OpenedFile as TS>::export_all,
];

fn export_all(cfg: &Config) {
    for export in ROOTS {
        export(cfg).unwrap();
    }
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
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
    let committed_dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"]
        .iter()
        .collect();
    let fresh_dir = tempfile::tempdir().unwrap();
    export_all(&Config::new().with_out_dir(fresh_dir.path()));
    let fresh = read_dir(fresh_dir.path());
    assert!(
        fresh.len() >= 5,
        "expected bindings for every command type, got {:?}",
        fresh.keys()
    );

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

/// Two Rust types with the same name would be written to the same `.ts` file, the second
/// silently replacing the first (it happened with `catalog::Choice` and `framework::Choice`).
/// Each root is exported on its own; a file name with two different contents is a collision.
#[test]
fn no_two_types_share_a_binding_name() {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut clashes = Vec::new();
    for export in ROOTS {
        let dir = tempfile::tempdir().unwrap();
        export(&Config::new().with_out_dir(dir.path())).unwrap();
        for (name, text) in read_dir(dir.path()) {
            match seen.get(&name) {
                Some(before) if *before != text => clashes.push(name),
                Some(_) => {}
                None => {
                    seen.insert(name, text);
                }
            }
        }
    }
    assert!(
        clashes.is_empty(),
        "two Rust types export as {clashes:?}: give one a #[ts(rename)]"
    );
}
