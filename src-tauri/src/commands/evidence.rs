//! Evidence files attached to the items of a draft assessment: the UI picks a file with the
//! native open dialog and passes its path; the store copies it into the data folder named by
//! its SHA-256 (stored once however often it is attached) and records the original name.
//! Detaching keeps the record and the file (the store marks it removed), so a finalised
//! report's evidence list can always be reproduced.

use std::path::Path;

use zhizhuan_store::Store;
use zhizhuan_store::evidence::Evidence;

use super::assessment::{framework_of, now};
use crate::error::{Error, Result};
use crate::state::AppState;

fn lock(state: &AppState) -> Result<std::sync::MutexGuard<'_, Store>> {
    state
        .store
        .lock()
        .map_err(|e| Error::Internal(e.to_string()))
}

/// The media type recorded with a file, from its extension (informational only: the bytes are
/// kept as they are and never opened by the app).
pub fn media_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Attaches the file at `path` to `item` of a draft assessment.
pub fn attach(store: &Store, assessment_id: i64, item: &str, path: &str) -> Result<Evidence> {
    let a = store.assessment(assessment_id)?;
    let fw = framework_of(&a)?;
    if fw.item(item).is_none() {
        return Err(zhizhuan_core::score::AnswerErrors(vec![
            zhizhuan_core::score::AnswerError::UnknownItem {
                item: item.to_owned(),
            },
        ])
        .into());
    }
    let file = Path::new(path);
    if !file.is_absolute() {
        return Err(Error::InvalidPath {
            path: path.to_owned(),
        });
    }
    Ok(store.attach_evidence_file(assessment_id, item, file, media_type(file), "", &now())?)
}

/// The attachments of an assessment that were not removed, in the order they were added.
pub fn list(store: &Store, assessment_id: i64) -> Result<Vec<Evidence>> {
    store.assessment(assessment_id)?;
    Ok(store.evidence(assessment_id, false)?)
}

#[tauri::command]
pub fn attach_evidence(
    state: tauri::State<'_, AppState>,
    assessment_id: i64,
    item: String,
    path: String,
) -> Result<Evidence> {
    attach(&*lock(&state)?, assessment_id, &item, &path)
}

#[tauri::command]
pub fn list_evidence(
    state: tauri::State<'_, AppState>,
    assessment_id: i64,
) -> Result<Vec<Evidence>> {
    list(&*lock(&state)?, assessment_id)
}

/// Detaches an attachment from a draft (the record and the file stay, marked removed).
#[tauri::command]
pub fn remove_evidence(state: tauri::State<'_, AppState>, id: i64) -> Result<()> {
    Ok(lock(&state)?.remove_evidence(id, &now())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::assessment::create;
    use crate::commands::fixtures::enterprise;
    use crate::error::ErrorKind;

    fn draft(dir: &Path) -> (Store, i64) {
        let store = Store::open(&dir.join("z.db")).unwrap();
        let e = enterprise(&store, "无锡镕昇", "91330100799655058B");
        let a = create(&store, e, "miit-2024", None).unwrap();
        (store, a.id)
    }

    #[test]
    fn an_attached_file_is_listed_with_its_name_and_size_and_removal_hides_it() {
        let dir = tempfile::tempdir().unwrap();
        let (store, a) = draft(dir.path());
        let file = dir.path().join("设备台账.xlsx");
        std::fs::write(&file, b"ledger bytes").unwrap();
        let e = attach(&store, a, "jichu.equip-dig", file.to_str().unwrap()).unwrap();
        assert_eq!(
            (e.original_name.as_str(), e.size, e.item.as_str()),
            ("设备台账.xlsx", 12, "jichu.equip-dig")
        );
        assert!(e.media_type.ends_with("spreadsheetml.sheet"));
        assert_eq!(list(&store, a).unwrap(), std::slice::from_ref(&e));
        store.remove_evidence(e.id, "t1").unwrap();
        assert!(list(&store, a).unwrap().is_empty());
    }

    #[test]
    fn an_unknown_item_a_missing_file_and_a_final_assessment_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (store, a) = draft(dir.path());
        let file = dir.path().join("photo.jpg");
        std::fs::write(&file, b"jpeg").unwrap();
        let p = attach(&store, a, "no.such.item", file.to_str().unwrap())
            .unwrap_err()
            .payload();
        assert_eq!(
            (p.kind, p.fields[0].field.as_str()),
            (ErrorKind::InvalidInput, "no.such.item")
        );
        let missing = dir.path().join("gone.pdf");
        let p = attach(&store, a, "jichu.network", missing.to_str().unwrap())
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::File);
        assert!(p.message.contains("gone.pdf"), "{}", p.message);
        store.finalise_assessment(a, "t2").unwrap();
        let p = attach(&store, a, "jichu.network", file.to_str().unwrap())
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::Conflict);
        assert!(list(&store, a).unwrap().is_empty());
    }
}
