fn main() {
    // Declaring the app's commands makes Tauri generate an `allow-<command>` permission for
    // each, so capabilities/default.json can grant exactly these and nothing else.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "catalog",
            "list_enterprises",
            "create_enterprise",
            "app_info",
            "ui_ready",
        ]),
    ))
    .expect("tauri build script failed");
}
