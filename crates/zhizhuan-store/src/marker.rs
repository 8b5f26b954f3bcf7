//! The marker file beside a database (`zhizhuan.db-marker`), with two jobs:
//!
//! - it says "this folder held a database": when the database is gone but the marker is
//!   there (a deleted file, a data folder copied without it, a crash in the middle of a
//!   restore, a USB stick that is not plugged in), [`crate::Store::open`] reports
//!   [`crate::StoreError::Missing`] instead of silently starting an empty database;
//! - it is the lock that tells a live `-wal` from an orphaned one. Every open [`crate::Store`]
//!   holds a shared lock on it; a store that gets the exclusive lock at open knows no other
//!   program has the database open, so a `-wal` lying there was left by an unclean exit (or
//!   copied from elsewhere) and must be checked before SQLite replays it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Result, StoreError, sibling};

/// The marker of the database at `db`.
pub fn path(db: &Path) -> PathBuf {
    sibling(db, "-marker")
}

/// Whether a database was ever created or opened at `db`.
pub fn exists(db: &Path) -> bool {
    path(db).is_file()
}

/// A lock on the marker; released when dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    file: File,
    path: PathBuf,
    /// This lock's open created the marker (so a refused open can take it back).
    created: bool,
    /// Held exclusively: no other store has the database open.
    pub sole: bool,
}

fn marker_text(db: &Path) -> String {
    let name = db.file_name().unwrap_or_default().to_string_lossy();
    format!(
        "智转 ZhiZhuan：这个文件夹存放过数据库 {name}。请勿删除本文件：数据库不见时，智转据此报错，而不是悄悄新建一个空数据库。\n\
         This folder held the ZhiZhuan database {name}. Keep this file: it lets ZhiZhuan report a missing database instead of silently starting an empty one.\n"
    )
}

impl Lock {
    /// Creates the marker if needed and locks it: exclusively if no other store holds it,
    /// shared otherwise (waiting only while another store is in the middle of opening).
    pub fn take(db: &Path) -> Result<Lock> {
        let path = path(db);
        let created = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(marker_text(db).as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(StoreError::io(&path))?;
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) => return Err(StoreError::io(&path)(e)),
        };
        let file = File::open(&path).map_err(StoreError::io(&path))?;
        let sole = match file.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) => {
                file.lock_shared().map_err(StoreError::io(&path))?;
                false
            }
            // A file system without locks: assume we are alone, as SQLite's users mostly are.
            Err(TryLockError::Error(_)) => true,
        };
        Ok(Lock {
            file,
            path,
            created,
            sole,
        })
    }

    /// Takes the lock exclusively or fails with [`StoreError::InUse`] (for restore).
    pub fn take_sole(db: &Path) -> Result<Lock> {
        let lock = Lock::take(db)?;
        if !lock.sole {
            return Err(StoreError::InUse {
                path: db.to_owned(),
            });
        }
        Ok(lock)
    }

    /// From exclusive to shared, once the open is done. Another opener may take the
    /// exclusive lock in between; it then finds the `-wal` already settled.
    pub fn share(&mut self) -> Result<()> {
        if self.sole {
            let _ = self.file.unlock();
            self.file
                .lock_shared()
                .map_err(StoreError::io(&self.path))?;
            self.sole = false;
        }
        Ok(())
    }

    /// From shared to exclusive if no other store holds the lock (at close: only the last
    /// store checkpoints). Returns whether it is now exclusive.
    pub fn try_sole(&mut self) -> bool {
        if !self.sole {
            let _ = self.file.unlock();
            self.sole = match self.file.try_lock() {
                Ok(()) => true,
                Err(TryLockError::WouldBlock) => {
                    let _ = self.file.lock_shared();
                    false
                }
                Err(TryLockError::Error(_)) => true,
            };
        }
        self.sole
    }

    /// After a refused open of an existing file: removes the marker if this open made it,
    /// so a refusal leaves the folder as it was.
    pub fn abandon(self) {
        if self.created {
            let Lock { file, path, .. } = self;
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}
