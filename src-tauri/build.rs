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
            "list_frameworks",
            "get_framework",
            "get_enterprise",
            "list_assessments",
            "get_assessment",
            "create_assessment",
            "list_answers",
            "save_answer",
            "score_assessment",
            "assessment_roadmap",
            "finalise_assessment",
            "revise_assessment",
            "export_report_pdf",
            "export_action_plan",
            "export_enterprise_bundle",
            "import_bundle",
            "attach_evidence",
            "list_evidence",
            "remove_evidence",
            "compare_assessments",
            // src/shell/ (granted in capabilities/shell.json)
            "about",
            "export_diagnostics",
            "take_opened_files",
        ]),
    ))
    .expect("tauri build script failed");
}
