//! Backups with SQLite's online backup API: consistent copies taken while the app runs.
//!
//! - before every migration of an existing database (`pre-migration-v1-to-v2-….db`), so an
//!   upgrade that goes wrong can be undone;
//! - [`Store::backup_now`] on the app's schedule (`auto-….db`), keeping the newest
//!   [`DEFAULT_KEEP`] of them;
//! - [`restore`] puts a backup back after validating it; the file it replaces is kept aside.
//!
//! Backups are single self-contained files (rollback-journal mode, no `-wal` beside them), so
//! they can be copied to a USB stick as they are.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::{Result, Store, StoreError, health, migrations, sibling, sync_dir};

/// Folder name beside the database.
pub const BACKUP_DIR: &str = "backups";
/// Scheduled backups kept by [`Store::backup_now`].
pub const DEFAULT_KEEP: usize = 10;
const AUTO_PREFIX: &str = "auto-";

pub(crate) fn stamp() -> String {
    crate::now_utc().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

impl Store {
    /// The backup folder beside the database.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        Ok(self.data_dir()?.join(BACKUP_DIR))
    }

    /// Takes a scheduled backup now and keeps the newest [`DEFAULT_KEEP`].
    pub fn backup_now(&self) -> Result<PathBuf> {
        self.backup_now_keeping(DEFAULT_KEEP)
    }

    /// Takes a scheduled backup now and deletes the oldest scheduled ones beyond `keep` (at
    /// least one is always kept). Pre-migration backups are never rotated away.
    pub fn backup_now_keeping(&self, keep: usize) -> Result<PathBuf> {
        let dir = self.backup_dir()?;
        let path = unused(&dir, AUTO_PREFIX);
        self.backup_to(&path)?;
        let mut autos = self.backups()?;
        autos.retain(|p| file_name(p).starts_with(AUTO_PREFIX));
        let excess = autos.len().saturating_sub(keep.max(1));
        for old in &autos[..excess] {
            std::fs::remove_file(old).map_err(StoreError::io(old))?;
        }
        Ok(path)
    }

    /// Takes a scheduled backup unless the newest one is younger than `interval` (the app
    /// calls this at start and every few minutes).
    pub fn backup_if_due(&self, interval: Duration) -> Result<Option<PathBuf>> {
        let newest = self
            .backups()?
            .into_iter()
            .filter(|p| file_name(p).starts_with(AUTO_PREFIX))
            .filter_map(|p| std::fs::metadata(&p).and_then(|m| m.modified()).ok())
            .max();
        let due = newest.is_none_or(|t| t.elapsed().map_or(true, |age| age >= interval));
        if due {
            self.backup_now().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Every backup file, oldest first (names sort by time).
    pub fn backups(&self) -> Result<Vec<PathBuf>> {
        list(self.path().ok_or(StoreError::NoDataDir)?)
    }

    /// Copies the live database to `dest` (via a temporary name, so `dest` is complete or
    /// absent) with the online backup API.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
        }
        let tmp = sibling(dest, ".partial");
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            let mut out = Connection::open(&tmp).map_err(|source| StoreError::Open {
                path: tmp.clone(),
                source,
            })?;
            {
                let backup = rusqlite::backup::Backup::new(self.conn(), &mut out)?;
                backup.run_to_completion(256, Duration::from_millis(0), None)?;
            }
            // The copied header says WAL; a backup should be one self-contained file.
            out.pragma_update(None, "journal_mode", "DELETE")?;
            out.close().map_err(|(_, e)| e)?;
            std::fs::rename(&tmp, dest).map_err(StoreError::io(dest))?;
            sync_dir(dest);
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

/// The backups of the database at `db` (files `backups/*.db`), oldest first, without opening
/// it (the database may be damaged or missing).
pub fn list(db: &Path) -> Result<Vec<PathBuf>> {
    let dir = crate::data_dir_of(db).join(BACKUP_DIR);
    let mut out: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "db"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![],
        Err(e) => {
            return Err(StoreError::Io {
                path: dir,
                source: e,
            });
        }
    };
    out.sort_by_key(|p| {
        let name = file_name(p);
        // Sort by the timestamp, whatever the prefix.
        name.rsplit('-').next().unwrap_or_default().to_owned()
    });
    Ok(out)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `dir/<prefix><timestamp>.db`, with a counter if two backups share a millisecond.
fn unused(dir: &Path, prefix: &str) -> PathBuf {
    let base = format!("{prefix}{}", stamp());
    let mut path = dir.join(format!("{base}.db"));
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("{base}{n:03}.db"));
        n += 1;
    }
    path
}

/// The backup taken by [`Store::open`] before migrating from schema `from` to `to`.
pub(crate) fn before_migration(store: &Store, from: u32, to: u32) -> Result<PathBuf> {
    let path = unused(
        &store.backup_dir()?,
        &format!("pre-migration-v{from}-to-v{to}-"),
    );
    store.backup_to(&path)?;
    Ok(path)
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the replaced database (and its `-wal` / `-shm`, if any) now is.
    pub kept_aside: Vec<PathBuf>,
}

/// Checks that `file` is a whole, healthy ZhiZhuan database this build can open, without
/// modifying it (it is copied first and the copy is opened).
pub fn validate_backup(file: &Path) -> Result<()> {
    let tmp = sibling(file, ".validating");
    let result = validate_copy(file, &tmp);
    for f in [
        tmp.clone(),
        sibling(&tmp, "-wal"),
        sibling(&tmp, "-shm"),
        sibling(&tmp, "-journal"),
    ] {
        let _ = std::fs::remove_file(f);
    }
    result
}

fn validate_copy(file: &Path, copy: &Path) -> Result<()> {
    health::check_header(file)?;
    std::fs::copy(file, copy).map_err(StoreError::io(copy))?;
    let conn =
        Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|source| {
            StoreError::Open {
                path: file.to_owned(),
                source,
            }
        })?;
    health::quick_check(&conn, file)?;
    let version = health::schema_version(&conn, file)?;
    if version > migrations::LATEST {
        return Err(StoreError::NewerDatabase {
            path: file.to_owned(),
            found: version,
            supported: migrations::LATEST,
        });
    }
    if version == 0 {
        return Err(StoreError::Damaged {
            path: file.to_owned(),
            problem: "不是智转数据库（没有数据库版本号）".into(),
        });
    }
    drop(conn);
    Ok(())
}

/// Replaces the database at `db` with `backup`, after checking the backup (header,
/// `quick_check`, schema version). The replaced database is copied to
/// `backups/replaced-<time>.db` (with its `-wal`/`-shm`), never deleted. Refuses with
/// [`StoreError::InUse`] while a [`Store`] has `db` open.
///
/// The database is replaced by one rename, so at every moment there is a database at `db`:
/// a crash can leave the old one or the new one, never none (which the next start would report
/// as [`StoreError::Missing`]). If it comes after the old `-wal` was removed and before the
/// rename, the old database opens without its last unsaved-to-file writes; they are in the
/// copy in `backups/`.
pub fn restore(db: &Path, backup: &Path) -> Result<Restored> {
    let _lock = crate::marker::Lock::take_sole(db)?;
    let staged = sibling(db, ".restoring");
    let cleanup = |staged: &Path| {
        for f in [
            staged.to_owned(),
            sibling(staged, "-wal"),
            sibling(staged, "-shm"),
            sibling(staged, "-journal"),
        ] {
            let _ = std::fs::remove_file(f);
        }
    };
    cleanup(&staged);
    let checked = (|| {
        health::check_header(backup)?;
        std::fs::copy(backup, &staged).map_err(StoreError::io(&staged))?;
        std::fs::File::open(&staged)
            .and_then(|f| f.sync_all())
            .map_err(StoreError::io(&staged))?;
        validate_copy(backup, &sibling(&staged, ".check"))
    })();
    let _ = std::fs::remove_file(sibling(&staged, ".check"));
    if let Err(e) = checked {
        cleanup(&staged);
        return Err(e);
    }
    let kept_aside = keep_aside(db)?;
    // The old -wal and -shm belong to the old file: replayed into the restored one they
    // would damage it.
    for suffix in ["-wal", "-shm"] {
        let old = sibling(db, suffix);
        match std::fs::remove_file(&old) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(StoreError::io(&old)(e));
            }
            _ => {}
        }
    }
    std::fs::rename(&staged, db).map_err(StoreError::io(db))?;
    sync_dir(db);
    Ok(Restored { kept_aside })
}

/// Copies the database at `db` and its `-wal`/`-shm` to `backups/replaced-<time>.db…`,
/// synced, leaving the originals in place.
fn keep_aside(db: &Path) -> Result<Vec<PathBuf>> {
    let dir = crate::data_dir_of(db).join(BACKUP_DIR);
    std::fs::create_dir_all(&dir).map_err(StoreError::io(&dir))?;
    let aside = unused(&dir, "replaced-");
    let mut kept_aside = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = sibling(db, suffix);
        if from.exists() {
            let to = sibling(&aside, suffix);
            std::fs::copy(&from, &to).map_err(StoreError::io(&from))?;
            std::fs::File::open(&to)
                .and_then(|f| f.sync_all())
                .map_err(StoreError::io(&to))?;
            kept_aside.push(to);
        }
    }
    sync_dir(&aside);
    Ok(kept_aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhizhuan_core::answer::AnswerValue;

    #[test]
    fn rotation_keeps_the_newest_and_restore_brings_data_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.db");
        let s = Store::open(&db).unwrap();
        let (a, _) = crate::test_support::draft_in(&s);
        s.set_answer(a, "x", Some(&AnswerValue::Level(1)), "", "", "t1")
            .unwrap();
        let first = s.backup_now_keeping(3).unwrap();
        let mut made = vec![first.clone()];
        for _ in 0..4 {
            made.push(s.backup_now_keeping(3).unwrap());
        }
        assert_eq!(
            s.backups().unwrap(),
            made[2..].to_vec(),
            "the three newest remain"
        );
        assert_eq!(
            s.backup_if_due(Duration::from_secs(3600)).unwrap(),
            None,
            "a fresh backup exists"
        );

        s.set_answer(a, "x", Some(&AnswerValue::Level(2)), "", "", "t2")
            .unwrap();
        let good = made[4].clone();
        drop(s);
        let restored = restore(&db, &good).unwrap();
        assert_eq!(restored.kept_aside.len(), 1, "{restored:?}");
        let s = Store::open(&db).unwrap();
        assert_eq!(
            s.answer(a, "x").unwrap().unwrap().value,
            AnswerValue::Level(1)
        );
        drop(s);
        let replaced = Store::open(&restored.kept_aside[0]).unwrap();
        assert_eq!(
            replaced.answer(a, "x").unwrap().unwrap().value,
            AnswerValue::Level(2),
            "kept aside, intact"
        );
    }

    #[test]
    fn a_damaged_backup_is_refused_and_nothing_moves() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.db");
        drop(Store::open(&db).unwrap());
        let before = std::fs::read(&db).unwrap();
        let bad = dir.path().join("bad.db");
        std::fs::write(&bad, b"definitely not sqlite").unwrap();
        assert!(matches!(
            restore(&db, &bad),
            Err(StoreError::Damaged { .. })
        ));
        assert_eq!(std::fs::read(&db).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.contains("restoring")),
            "no staging file left: {names:?}"
        );
    }
}
