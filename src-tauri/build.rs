// The one list of the app's commands (src/command_list.rs).
include!("src/command_list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    // Declaring the app's commands makes Tauri generate an `allow-<command>` permission for
    // each, so capabilities/default.json can grant exactly these and nothing else.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
