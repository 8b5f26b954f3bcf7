//! Writing a document the user asked for (a PDF report, an xlsx plan) to a path they chose.
//!
//! Shared by every host (app and CLI) so both give the same guarantee: the bytes go to a
//! temporary sibling, are synced, and only then renamed over the destination. A reader — or
//! the user double-clicking the file — sees the old file or the complete new one, never half a
//! PDF; a failure leaves no temporary file behind and names the destination in its error.

use std::io::Write;
use std::path::Path;

use crate::{Result, StoreError, sibling, sync_dir};

/// Writes `bytes` to `out` atomically and returns the size written.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<u64> {
    let io = |source: std::io::Error| StoreError::Io {
        path: out.to_owned(),
        source,
    };
    if out.file_name().is_none() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "不是文件名",
        )));
    }
    let tmp = sibling(out, &format!(".{}.partial", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        drop(f);
        std::fs::rename(&tmp, out).map_err(io)?;
        sync_dir(out);
        Ok(bytes.len() as u64)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("报告.pdf");
        std::fs::write(&out, b"old").unwrap();
        assert_eq!(write_atomically(&out, b"%PDF-new").unwrap(), 8);
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn an_unwritable_destination_is_named_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no-such-folder").join("plan.xlsx");
        let err = write_atomically(&out, b"x").unwrap_err();
        assert!(err.to_string().contains("no-such-folder"), "{err}");
        assert!(matches!(err, StoreError::Io { ref path, .. } if *path == out));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
