//! Evidence: files attached to an item of an assessment (photos of the MES screen, a PDF of
//! the ERP contract…).
//!
//! The bytes are stored once, named by their SHA-256, under `evidence/ab/cdef…` in the data
//! folder: attaching the same photo to three items or to a revision copies nothing, and a
//! file's name proves its content (`zhizhuan db check` re-hashes them). The `evidence` table
//! keeps the original name, media type, size and who attached it when. Detaching sets
//! `removed_at`; the record stays.
//!
//! A file is written to a temporary name, synced, then renamed, and only then is the row
//! inserted: a crash leaves at worst an unreferenced file, never a row without its bytes.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{Result, Store, StoreError};

/// Folder name inside the data folder.
pub const EVIDENCE_DIR: &str = "evidence";
/// Largest attachment accepted (a scanned contract, a short video clip).
pub const EVIDENCE_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// An attachment record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub item: String,
    pub sha256: String,
    /// The file's name as the user chose it (metadata only: never used as a path).
    pub original_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    pub added_by: String,
    pub added_at: String,
    pub removed_at: Option<String>,
}

/// A size in MB with one decimal, for messages (「300.0 MB」).
fn mib(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `s` looks like a SHA-256 as we name files: 64 lower-case hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The content-addressed folder of evidence files.
#[derive(Debug, Clone)]
pub struct EvidenceDir {
    root: PathBuf,
}

/// Copies `reader` to `out` (if any) while hashing; fails past `limit` bytes.
pub(crate) fn copy_hashing(
    reader: &mut dyn Read,
    mut out: Option<&mut dyn Write>,
    limit: u64,
) -> std::io::Result<(String, u64)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("超过 {limit} 字节的上限"),
            ));
        }
        h.update(&buf[..n]);
        if let Some(w) = out.as_deref_mut() {
            w.write_all(&buf[..n])?;
        }
    }
    Ok((hex(&h.finalize()), total))
}

impl EvidenceDir {
    /// The evidence folder of a file-backed store.
    pub fn of(store: &Store) -> Result<EvidenceDir> {
        Ok(EvidenceDir::in_data_dir(store.data_dir()?))
    }

    /// The evidence folder of the data folder `dir`.
    pub fn in_data_dir(dir: &Path) -> EvidenceDir {
        EvidenceDir {
            root: dir.join(EVIDENCE_DIR),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this hash lives (`evidence/ab/cdef…`).
    pub fn path_for(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(&sha256[2..])
    }

    pub fn contains(&self, sha256: &str) -> bool {
        self.path_for(sha256).is_file()
    }

    /// Re-hashes a stored file: `Ok(true)` if intact, `Ok(false)` if its content changed.
    pub fn verify(&self, sha256: &str) -> Result<bool> {
        let path = self.path_for(sha256);
        let mut f = File::open(&path).map_err(StoreError::io(&path))?;
        let (got, _) = copy_hashing(&mut f, None, u64::MAX).map_err(StoreError::io(&path))?;
        Ok(got == sha256)
    }

    /// Stores the bytes read from `reader`, returning their hash and size. Written to a
    /// temporary file in `staging` (a folder on the same disk), synced, then renamed into place.
    pub(crate) fn put(&self, reader: &mut dyn Read, staging: &Path) -> Result<(String, u64)> {
        std::fs::create_dir_all(staging).map_err(StoreError::io(staging))?;
        let tmp = staging.join(format!("incoming-{}", crate::assessment::new_uid()));
        let result = (|| {
            let mut f = File::create(&tmp).map_err(StoreError::io(&tmp))?;
            let (hash, size) = copy_hashing(reader, Some(&mut f), EVIDENCE_MAX_BYTES)
                .map_err(StoreError::io(&tmp))?;
            f.sync_all().map_err(StoreError::io(&tmp))?;
            drop(f);
            self.adopt(&tmp, &hash)?;
            Ok((hash, size))
        })();
        let _ = std::fs::remove_file(&tmp);
        result
    }

    /// Moves a verified file (named by the caller's hash) into place; if the store already has
    /// the hash, the existing file is kept. Returns whether a new file was added.
    pub(crate) fn adopt(&self, file: &Path, sha256: &str) -> Result<bool> {
        let target = self.path_for(sha256);
        if target.is_file() {
            return Ok(false);
        }
        let dir = target.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
        std::fs::rename(file, &target).map_err(StoreError::io(&target))?;
        crate::sync_dir(&target);
        Ok(true)
    }
}

const COLUMNS: &str = "id, assessment_id, item, sha256, original_name, media_type, size, added_by, added_at, removed_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        assessment_id: r.get(1)?,
        item: r.get(2)?,
        sha256: r.get(3)?,
        original_name: r.get(4)?,
        media_type: r.get(5)?,
        size: r.get::<_, i64>(6)?.max(0) as u64,
        added_by: r.get(7)?,
        added_at: r.get(8)?,
        removed_at: r.get(9)?,
    })
}

impl Store {
    /// Attaches the bytes of `reader` to `item` of a draft assessment.
    #[allow(clippy::too_many_arguments)] // each is a distinct recorded fact
    pub fn attach_evidence(
        &self,
        assessment_id: i64,
        item: &str,
        original_name: &str,
        media_type: &str,
        reader: &mut dyn Read,
        author: &str,
        now: &str,
    ) -> Result<Evidence> {
        if item.trim().is_empty() {
            return Err(StoreError::InvalidValue {
                field: "item".into(),
                value: item.into(),
                message: "题目编号不能为空".into(),
            });
        }
        if original_name.trim().is_empty() || original_name.chars().count() > 255 {
            return Err(StoreError::InvalidValue {
                field: "originalName".into(),
                value: original_name.into(),
                message: "文件名须为 1–255 个字符".into(),
            });
        }
        self.draft(assessment_id)?;
        let dir = EvidenceDir::of(self)?;
        let (sha256, size) = dir.put(reader, &dir.root.join(".incoming"))?;
        self.conn().execute(
            "INSERT INTO evidence (assessment_id, item, sha256, original_name, media_type, size, added_by, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![assessment_id, item, sha256, original_name, media_type, size as i64, author, now],
        )?;
        self.evidence_record(self.conn().last_insert_rowid())
    }

    /// Attaches a file from disk, keeping its file name as the original name.
    pub fn attach_evidence_file(
        &self,
        assessment_id: i64,
        item: &str,
        file: &Path,
        media_type: &str,
        author: &str,
        now: &str,
    ) -> Result<Evidence> {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut f = File::open(file).map_err(StoreError::io(file))?;
        // Checked before a byte is copied, so an oversized video is refused at once with its
        // size (the copy itself still stops at the limit should the file grow meanwhile).
        let size = f.metadata().map_err(StoreError::io(file))?.len();
        if size > EVIDENCE_MAX_BYTES {
            return Err(StoreError::InvalidValue {
                field: "file".into(),
                value: name,
                message: format!(
                    "文件大小 {}，超过证据文件上限 {}；请压缩或拆分后再添加",
                    mib(size),
                    mib(EVIDENCE_MAX_BYTES)
                ),
            });
        }
        self.attach_evidence(assessment_id, item, &name, media_type, &mut f, author, now)
    }

    pub fn evidence_record(&self, id: i64) -> Result<Evidence> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::EvidenceNotFound(id))
    }

    /// Attachments of an assessment; detached ones only when `include_removed`.
    pub fn evidence(&self, assessment_id: i64, include_removed: bool) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM evidence WHERE assessment_id = ?1 AND (?2 OR removed_at IS NULL) ORDER BY id"
        ))?;
        Ok(stmt
            .query_map(params![assessment_id, include_removed], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Detaches an attachment from a draft (the record and the file stay).
    pub fn remove_evidence(&self, id: i64, now: &str) -> Result<()> {
        let e = self.evidence_record(id)?;
        self.draft(e.assessment_id)?;
        self.conn().execute(
            "UPDATE evidence SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL",
            params![id, now],
        )?;
        Ok(())
    }

    /// The bytes of an attachment, checked against its hash.
    pub fn read_evidence(&self, e: &Evidence) -> Result<Vec<u8>> {
        let path = EvidenceDir::of(self)?.path_for(&e.sha256);
        let bytes = std::fs::read(&path).map_err(StoreError::io(&path))?;
        let got = hex(&Sha256::digest(&bytes));
        if got != e.sha256 {
            return Err(StoreError::Damaged {
                path,
                problem: format!("证据文件内容与其 SHA-256 不符（实际 {got}）"),
            });
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_are_stored_once_and_read_back_verified() {
        let dir = tempfile::tempdir().unwrap();
        let (s, a) = {
            let s = Store::open(&dir.path().join("z.db")).unwrap();
            let (a, _) = crate::test_support::draft_in(&s);
            (s, a)
        };
        let bytes = b"photo of the MES dashboard".to_vec();
        let e1 = s
            .attach_evidence(
                a,
                "x",
                "mes.jpg",
                "image/jpeg",
                &mut bytes.as_slice(),
                "王",
                "t1",
            )
            .unwrap();
        let e2 = s
            .attach_evidence(
                a,
                "y",
                "同一张.jpg",
                "image/jpeg",
                &mut bytes.as_slice(),
                "王",
                "t2",
            )
            .unwrap();
        assert_eq!(e1.sha256, e2.sha256);
        assert_eq!(e1.sha256, hex(&Sha256::digest(&bytes)));
        let files: Vec<_> = walk(&dir.path().join(EVIDENCE_DIR));
        assert_eq!(files.len(), 1, "{files:?}");
        assert_eq!(s.read_evidence(&e2).unwrap(), bytes);

        s.remove_evidence(e1.id, "t3").unwrap();
        assert_eq!(s.evidence(a, false).unwrap(), std::slice::from_ref(&e2));
        assert_eq!(s.evidence(a, true).unwrap().len(), 2);

        std::fs::write(
            EvidenceDir::of(&s).unwrap().path_for(&e2.sha256),
            b"tampered",
        )
        .unwrap();
        assert!(matches!(
            s.read_evidence(&e2),
            Err(StoreError::Damaged { .. })
        ));
        assert_eq!(s.check().unwrap().evidence_damaged, [e2.sha256]);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_size_before_anything_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("z.db")).unwrap();
        let (a, _) = crate::test_support::draft_in(&s);
        let big = dir.path().join("车间视频.mp4");
        // Sparse: the size is what the check reads, no disk is used.
        File::create(&big)
            .unwrap()
            .set_len(EVIDENCE_MAX_BYTES + 1)
            .unwrap();
        let err = s
            .attach_evidence_file(a, "x", &big, "video/mp4", "", "t1")
            .unwrap_err();
        let StoreError::InvalidValue {
            field,
            value,
            message,
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!((field.as_str(), value.as_str()), ("file", "车间视频.mp4"));
        assert!(message.contains("256.0 MB"), "{message}");
        assert!(s.evidence(a, true).unwrap().is_empty());
        assert!(walk(&dir.path().join(EVIDENCE_DIR)).is_empty());
    }

    pub(crate) fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    out.extend(walk(&p))
                } else {
                    out.push(p)
                }
            }
        }
        out.sort();
        out
    }
}
