// Every command the window may call, declared once. build.rs includes this file to declare
// the commands to Tauri (which generates an `allow-<command>` permission for each); the test
// `command_list_is_the_one_list` checks the handler in lib.rs, capabilities/default.json and
// ui/src/lib/api.ts (the one module that calls `invoke`) against it. (Plain comments only:
// build.rs `include!`s this file, where inner doc comments are not allowed.)

/// The IPC names, in the order the handler registers them.
pub const COMMANDS: &[&str] = &[
    "catalog",
    "list_enterprises",
    "create_enterprise",
    "enterprise_warnings",
    "update_enterprise",
    "discard_enterprise",
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
    "set_max_parallel",
    "assessment_meta",
    "set_assessment_meta",
    "list_roadmap_edits",
    "edit_roadmap_action",
    "finalise_assessment",
    "revise_assessment",
    "discard_assessment",
    "reassess",
    "portfolio",
    "export_report_pdf",
    "export_report_docx",
    "export_action_plan",
    "export_portfolio",
    "export_enterprise_bundle",
    "import_bundle",
    "attach_evidence",
    "list_evidence",
    "remove_evidence",
    "compare_assessments",
    "open_sample",
    "list_backups",
    "backup_now",
    "restore_backup",
    "choose_save_path",
    "choose_open_path",
    // Refuses unless built with the `e2e-dialog` feature (see src/paths.rs).
    "e2e_grant_path",
    // src/shell/: about, the diagnostics zip, files a second launch forwarded.
    "about",
    "export_diagnostics",
    "take_opened_files",
];
