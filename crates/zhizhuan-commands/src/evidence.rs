//! Evidence files attached to the items of a draft assessment: the user picks a file with the
//! native open dialog; the store copies it into the data folder named by
//! its SHA-256 (stored once however often it is attached) and records the original name.
//! Detaching keeps the record and the file (the store marks it removed), so a finalised
//! report's evidence list can always be reproduced.

use std::path::Path;

use zhizhuan_store::evidence::Evidence;

use crate::Context;
use crate::assessment::framework_of;
use crate::error::{Error, Result};

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
pub fn attach(ctx: &Context, assessment_id: i64, item: &str, path: &Path) -> Result<Evidence> {
    let store = &ctx.store;
    let a = store.assessment(assessment_id)?;
    let fw = framework_of(ctx, &a)?;
    if fw.item(item).is_none() {
        return Err(zhizhuan_core::score::AnswerErrors(vec![
            zhizhuan_core::score::AnswerError::UnknownItem {
                item: item.to_owned(),
            },
        ])
        .into());
    }
    if !path.is_absolute() {
        return Err(Error::InvalidPath {
            path: path.display().to_string(),
        });
    }
    Ok(store.attach_evidence_file(assessment_id, item, path, media_type(path), "", &ctx.now())?)
}

/// The attachments of an assessment that were not removed, in the order they were added.
pub fn list(ctx: &Context, assessment_id: i64) -> Result<Vec<Evidence>> {
    ctx.store.assessment(assessment_id)?;
    Ok(ctx.store.evidence(assessment_id, false)?)
}

/// Detaches an attachment from a draft (the record and the file stay, marked removed).
pub fn remove(ctx: &Context, id: i64) -> Result<()> {
    Ok(ctx.store.remove_evidence(id, &ctx.now())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::draft;
    use crate::fixtures::enterprise;

    fn new_draft(dir: &Path) -> (Context, i64) {
        let ctx =
            crate::fixtures::context_over(zhizhuan_store::Store::open(&dir.join("z.db")).unwrap());
        let e = enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let a = draft(&ctx, e, "miit-2024", None).unwrap();
        (ctx, a.id)
    }

    #[test]
    fn an_attached_file_is_listed_with_its_name_and_size_and_removal_hides_it() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, a) = new_draft(dir.path());
        let file = dir.path().join("设备台账.xlsx");
        std::fs::write(&file, b"ledger bytes").unwrap();
        let e = attach(&ctx, a, "jichu.equip-dig", &file).unwrap();
        assert_eq!(
            (e.original_name.as_str(), e.size, e.item.as_str()),
            ("设备台账.xlsx", 12, "jichu.equip-dig")
        );
        assert!(e.media_type.ends_with("spreadsheetml.sheet"));
        assert_eq!(list(&ctx, a).unwrap(), std::slice::from_ref(&e));
        ctx.store.remove_evidence(e.id, "t1").unwrap();
        assert!(list(&ctx, a).unwrap().is_empty());
    }

    #[test]
    fn an_unknown_item_a_missing_file_and_a_final_assessment_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, a) = new_draft(dir.path());
        let file = dir.path().join("photo.jpg");
        std::fs::write(&file, b"jpeg").unwrap();
        let p = attach(&ctx, a, "no.such.item", &file)
            .unwrap_err()
            .payload();
        assert_eq!(
            (p.kind, p.fields[0].field.as_str()),
            (ErrorKind::InvalidInput, "no.such.item")
        );
        let missing = dir.path().join("gone.pdf");
        let p = attach(&ctx, a, "jichu.network", &missing)
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::File);
        assert!(p.message.contains("gone.pdf"), "{}", p.message);
        ctx.store.finalise_assessment(a, "t2").unwrap();
        let p = attach(&ctx, a, "jichu.network", &file)
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::Conflict);
        assert!(list(&ctx, a).unwrap().is_empty());
    }
}
