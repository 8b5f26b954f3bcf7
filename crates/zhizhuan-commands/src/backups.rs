//! Backups of the open database: what the app's 「备份」 panel and `zhizhuan db` do. Take one
//! now, list them with their kind, time and size, and restore one: the page names a backup
//! by its file name as listed (never a path), and restoring closes the store, puts the backup
//! back through `zhizhuan_store::backup::restore` (which validates it first and keeps the
//! replaced file aside) and opens the result.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_store::Store;

use crate::Context;
use crate::error::{Error, Result};

/// How often the app takes a backup by itself (at start, when the newest is older).
pub const SCHEDULE: Duration = Duration::from_secs(24 * 60 * 60);

/// Why a backup file exists, read from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// `auto-…`: the daily one, or one taken with 「立即备份」 (the newest ten are kept).
    Scheduled,
    /// `pre-migration-…`: taken before this version upgraded the database.
    BeforeUpgrade,
    /// `replaced-…`: the database a restore replaced.
    Replaced,
    /// Anything else in the folder (e.g. copied there by hand).
    Other,
}

impl BackupKind {
    fn of(name: &str) -> BackupKind {
        [
            ("auto-", BackupKind::Scheduled),
            ("pre-migration-", BackupKind::BeforeUpgrade),
            ("replaced-", BackupKind::Replaced),
        ]
        .into_iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map_or(BackupKind::Other, |(_, kind)| kind)
    }
}

/// One backup file as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file name in the backup folder: what `restore` takes.
    pub name: String,
    pub kind: BackupKind,
    /// When it was written (the file's modification time), RFC 3339 UTC.
    pub taken_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

fn info(path: &Path) -> Result<BackupInfo> {
    let meta = std::fs::metadata(path).map_err(|source| zhizhuan_store::StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let taken_at = meta
        .modified()
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339())
        .unwrap_or_default();
    Ok(BackupInfo {
        kind: BackupKind::of(&name),
        name,
        taken_at,
        bytes: meta.len(),
    })
}

/// Takes a backup now (the oldest scheduled ones beyond the store's limit are rotated away).
pub fn backup_now(ctx: &Context) -> Result<BackupInfo> {
    info(&ctx.store.backup_now()?)
}

/// A backup when the newest scheduled one is older than [`SCHEDULE`]; what the app does at
/// start, so a laptop used once a week still has one per day of use.
pub fn backup_if_due(ctx: &Context) -> Result<Option<PathBuf>> {
    Ok(ctx.store.backup_if_due(SCHEDULE)?)
}

/// Every backup, newest first.
pub fn list(ctx: &Context) -> Result<Vec<BackupInfo>> {
    newest_first(ctx.store.backups()?)
}

/// The backups of the database that the home folder `home` points at, newest first, without
/// opening it: what the start-up screen offers when that database cannot be opened (damaged,
/// or written by a newer version).
pub fn list_at_start(home: &Path) -> Result<Vec<BackupInfo>> {
    newest_first(zhizhuan_store::backup::list(&db_at(home)?)?)
}

fn newest_first(paths: Vec<PathBuf>) -> Result<Vec<BackupInfo>> {
    let mut all = paths.iter().map(|p| info(p)).collect::<Result<Vec<_>>>()?;
    all.reverse();
    Ok(all)
}

fn db_at(home: &Path) -> Result<PathBuf> {
    Ok(zhizhuan_store::location::data_dir_for(home)?.join(zhizhuan_store::DB_FILE))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupRestored {
    /// The backup now in use.
    pub restored: String,
    /// Where the database it replaced was kept (file names in the backup folder).
    pub kept_aside: Vec<String>,
}

/// Puts backup `name` (as [`list`] gives it) back as the database: the store is closed, the
/// backup validated and swapped in, the replaced file kept aside, and a new context opened on
/// the result. When the restore is refused the returned context is the old database, opened
/// again, with the error.
pub fn restore(ctx: Context, name: &str) -> (Context, Result<BackupRestored>) {
    let Some(db) = ctx.store.path().map(Path::to_owned) else {
        return (
            ctx,
            Err(Error::Internal("no database file to restore".into())),
        );
    };
    let backup = match find(&db, name) {
        Ok(path) => path,
        Err(e) => return (ctx, Err(e)),
    };
    drop(ctx);
    let done = swap_in(&db, &backup, name);
    // Whatever happened, the database file is whole (the swap is one rename): open it.
    match Store::open(&db).map_err(Error::from).and_then(Context::new) {
        Ok(ctx) => (ctx, done),
        Err(e) => unopenable(&db, e),
    }
}

/// Puts backup `name` (as [`list_at_start`] gives it) back as the database of the home
/// folder `home`, which is not open: the start-up screen's way out of a damaged database or
/// one from a newer version. The replaced file is kept aside in the backup folder, so a
/// wrong choice loses nothing; the caller opens the result.
pub fn restore_at_start(home: &Path, name: &str) -> Result<BackupRestored> {
    let db = db_at(home)?;
    swap_in(&db, &find(&db, name)?, name)
}

/// The backup of database `db` named `name`: only a name as listed, never a path.
fn find(db: &Path, name: &str) -> Result<PathBuf> {
    zhizhuan_store::backup::list(db)?
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == name))
        .ok_or_else(|| Error::UnknownBackup {
            name: name.to_owned(),
        })
}

/// Validates `backup` and swaps it in as `db` (the store must be closed).
fn swap_in(db: &Path, backup: &Path, name: &str) -> Result<BackupRestored> {
    let restored = zhizhuan_store::backup::restore(db, backup)?;
    Ok(BackupRestored {
        restored: name.to_owned(),
        kept_aside: (restored.kept_aside.iter())
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
    })
}

/// The database did not open after a restore or a move (the file was validated, so only the
/// disk can be at fault): nothing may be written until the app starts again, so the context holds an
/// empty in-memory store and the error says to restart.
pub(crate) fn unopenable<T>(db: &Path, e: Error) -> (Context, Result<T>) {
    let error = Error::Internal(format!(
        "无法再次打开数据库 {}：{e}。请关闭并重新启动智转（在此之前不会保存任何内容）。",
        db.display()
    ));
    match Store::open_in_memory()
        .map_err(Error::from)
        .and_then(Context::new)
    {
        Ok(ctx) => (ctx, Err(error)),
        Err(e2) => unreachable!("an in-memory store always opens: {e2}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::{context_over, enterprise};

    fn names(ctx: &Context) -> Vec<String> {
        let all = crate::enterprise::list(ctx).unwrap();
        all.into_iter().map(|o| o.enterprise.name).collect()
    }

    /// A restore puts the chosen backup back and keeps the replaced database aside; a name not
    /// in the list is refused and the open database is untouched.
    #[test]
    fn restore_puts_the_chosen_backup_back_and_refuses_an_unknown_name() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context_over(Store::open(&dir.path().join("zhizhuan.db")).unwrap());
        enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let taken = backup_now(&ctx).unwrap();
        assert_eq!(taken.kind, BackupKind::Scheduled);
        assert!(taken.bytes > 0);
        enterprise(&ctx, "常州喆堃", "914403001922038216");
        assert_eq!(list(&ctx).unwrap()[0], taken, "newest first");

        let (ctx, refused) = restore(ctx, "../zhizhuan.db");
        assert_eq!(refused.unwrap_err().payload().kind, ErrorKind::NotFound);
        assert_eq!(names(&ctx).len(), 2, "nothing changed");

        let (ctx, done) = restore(ctx, &taken.name);
        let done = done.unwrap();
        assert_eq!(names(&ctx), ["无锡镕昇"]);
        assert!(!done.kept_aside.is_empty());
        let kinds: Vec<BackupKind> = list(&ctx).unwrap().iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&BackupKind::Replaced), "{kinds:?}");
    }

    /// A home folder whose database (closed again) holds one enterprise and has one backup.
    fn home_with_a_backup() -> (tempfile::TempDir, PathBuf, BackupInfo) {
        let home = tempfile::tempdir().unwrap();
        let db = home.path().join(zhizhuan_store::DB_FILE);
        let ctx = context_over(Store::open(&db).unwrap());
        enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let taken = backup_now(&ctx).unwrap();
        (home, db, taken)
    }

    /// At start, with the database damaged (so nothing can be opened): its backups are listed
    /// from the home folder, one is put back, the app opens, and the damaged file is kept.
    #[test]
    fn a_damaged_database_is_restored_from_the_start_up_screen() {
        let (home, db, taken) = home_with_a_backup();
        std::fs::write(&db, b"not a database, the disk failed here").unwrap();
        assert!(crate::data_folder::open_at_start(home.path()).is_err());

        let offered = list_at_start(home.path()).unwrap();
        assert_eq!(offered, std::slice::from_ref(&taken));
        let refused = restore_at_start(home.path(), "zhizhuan.db").unwrap_err();
        assert_eq!(refused.payload().kind, ErrorKind::NotFound);

        let done = restore_at_start(home.path(), &taken.name).unwrap();
        let ctx = crate::data_folder::open_at_start(home.path()).unwrap();
        assert_eq!(names(&ctx), ["无锡镕昇"]);
        let aside = home.path().join("backups").join(&done.kept_aside[0]);
        assert_eq!(
            std::fs::read(aside).unwrap(),
            b"not a database, the disk failed here"
        );
    }

    /// At start, with a database a newer version upgraded: a backup that version took is
    /// refused as newer too (the database untouched), the one taken before the upgrade puts
    /// this version's data back and keeps the newer database aside.
    #[test]
    fn a_database_from_a_newer_version_is_replaced_by_an_older_backup() {
        let (home, db, before_upgrade) = home_with_a_backup();
        let newer = zhizhuan_store::migrations::LATEST + 1;
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        let newer_backup = home
            .path()
            .join("backups")
            .join("auto-20991231T000000.000Z.db");
        conn.execute("VACUUM INTO ?1", [newer_backup.to_str().unwrap()])
            .unwrap();
        drop(conn);
        assert!(crate::data_folder::open_at_start(home.path()).is_err());

        let offered: Vec<String> = list_at_start(home.path())
            .unwrap()
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(
            offered,
            ["auto-20991231T000000.000Z.db", before_upgrade.name.as_str()]
        );
        let refused = restore_at_start(home.path(), &offered[0]).unwrap_err();
        assert!(
            refused.to_string().contains(&newer.to_string()),
            "{refused}"
        );
        assert!(
            crate::data_folder::open_at_start(home.path()).is_err(),
            "untouched"
        );

        let done = restore_at_start(home.path(), &before_upgrade.name).unwrap();
        let ctx = crate::data_folder::open_at_start(home.path()).unwrap();
        assert_eq!(names(&ctx), ["无锡镕昇"]);
        assert!(done.kept_aside[0].starts_with("replaced-"), "{done:?}");
    }

    #[test]
    fn a_backup_kind_is_read_from_its_name() {
        for (name, kind) in [
            ("auto-20261206T010203.004Z.db", BackupKind::Scheduled),
            (
                "pre-migration-v3-to-v4-20261206T010203.004Z.db",
                BackupKind::BeforeUpgrade,
            ),
            ("replaced-20261206T010203.004Z.db", BackupKind::Replaced),
            ("copy.db", BackupKind::Other),
        ] {
            assert_eq!(BackupKind::of(name), kind, "{name}");
        }
    }
}
