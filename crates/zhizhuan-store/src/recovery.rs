//! What [`crate::Store::open`] does with a `-wal` found beside the database before SQLite
//! may touch it, and with leftovers of killed imports.
//!
//! A clean close checkpoints and truncates the `-wal`, so a non-empty one at open (with no
//! other store holding the marker lock) was left by an unclean exit, or copied from another
//! machine beside a database it may not belong to. In that order:
//! 1. database and `-wal` are copied as they are into `backups/wal-<time>/`;
//! 2. the `-wal` is read frame by frame ([`crate::wal::scan`]); damage SQLite would silently
//!    skip is refused with [`StoreError::WalDamaged`];
//! 3. database and `-wal` are copied into a temporary folder and SQLite replays them there
//!    ([`replay`]); the result must pass `integrity_check`, carry exactly our schema for its
//!    version, and keep every answer revision, assessment and evidence record the database
//!    already holds (history is append-only, so a `-wal` that removes any belongs to another
//!    copy), otherwise [`StoreError::WalForeign`];
//! 4. only then is the real file opened, SQLite replays the same bytes, and the open returns
//!    a [`Notice`] saying what was applied and where the copy is.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::wal::{self, Verdict};
use crate::{Result, StoreError, backup, health, migrations, sibling};

/// Something the open did that the user must hear about (the CLI prints it; the app can show
/// it from [`crate::Store::notices`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A `-wal` left by an unclean exit (or copied from elsewhere) was checked and applied.
    WalApplied {
        /// Where the database and `-wal` were copied before anything was applied.
        copy: PathBuf,
        transactions: usize,
        /// What of an unfinished last write was dropped (never acknowledged).
        unfinished: Option<String>,
        /// Answer revisions in the database before and after applying it.
        answers_before: Option<i64>,
        answers_after: i64,
    },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::WalApplied {
                copy,
                transactions,
                unfinished,
                answers_before,
                answers_after,
            } => {
                write!(
                    f,
                    "发现上次未正常关闭（或从别处复制来）的 -wal 文件，含 {transactions} 个已提交的事务：已先把数据库和 -wal 原样复制到 {}，检查无误后写回数据库",
                    copy.display()
                )?;
                if let Some(before) = answers_before {
                    write!(f, "；答案记录 {before} → {answers_after} 条")?;
                }
                if let Some(what) = unfinished {
                    write!(f, "；末尾一次未完成的写入（从未确认保存）已丢弃：{what}")?;
                }
                f.write_str(" (an unclean exit's -wal was backed up, checked and applied)")
            }
        }
    }
}

/// A database (and `-wal`) copied into a temporary folder and opened there.
pub(crate) struct Replay {
    pub conn: Connection,
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

/// Copies `db` and `wal` (the `-wal`'s bytes; empty for none) into a temporary folder and opens
/// the copy, so SQLite replays there whatever it would replay into the real file.
pub(crate) fn replay(db: &Path, wal: &[u8]) -> Result<Replay> {
    let dir = tempfile::tempdir().map_err(StoreError::io(&std::env::temp_dir()))?;
    let path = dir.path().join("replay.db");
    std::fs::copy(db, &path).map_err(StoreError::io(&path))?;
    if !wal.is_empty() {
        let wal_path = sibling(&path, "-wal");
        std::fs::write(&wal_path, wal).map_err(StoreError::io(&wal_path))?;
    }
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(
        |source| StoreError::Open {
            path: db.to_owned(),
            source,
        },
    )?;
    Ok(Replay {
        conn,
        path,
        _dir: dir,
    })
}

pub(crate) fn read_wal(db: &Path) -> Result<Vec<u8>> {
    let path = sibling(db, "-wal");
    match std::fs::read(&path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(vec![]),
        Err(e) => Err(StoreError::io(&path)(e)),
    }
}

/// Step 1: `backups/wal-<time>/` holding the database and the `-wal` bytes that were read.
fn copy_aside(db: &Path, wal: &[u8]) -> Result<PathBuf> {
    let backups = crate::data_dir_of(db).join(backup::BACKUP_DIR);
    let mut dir = backups.join(format!("wal-{}", backup::stamp()));
    let mut n = 1;
    while dir.exists() {
        dir = backups.join(format!("wal-{}-{n:03}", backup::stamp()));
        n += 1;
    }
    std::fs::create_dir_all(&dir).map_err(StoreError::io(&dir))?;
    let name = db.file_name().unwrap_or_default();
    let copy = dir.join(name);
    std::fs::copy(db, &copy).map_err(StoreError::io(&copy))?;
    let wal_copy = sibling(&copy, "-wal");
    std::fs::write(&wal_copy, wal).map_err(StoreError::io(&wal_copy))?;
    for f in [&copy, &wal_copy] {
        std::fs::File::open(f)
            .and_then(|f| f.sync_all())
            .map_err(StoreError::io(f))?;
    }
    crate::sync_dir(&copy);
    Ok(dir)
}

/// Steps 1–3 for the database at `db` (page size from its header); `None` when there is no
/// `-wal` to apply. Nothing at `db` or its `-wal` is written.
pub(crate) fn settle_wal(db: &Path, page_size: u32) -> Result<Option<Notice>> {
    let bytes = read_wal(db)?;
    if bytes.is_empty() {
        return Ok(None);
    }
    let copy = copy_aside(db, &bytes)?;
    let scan = wal::scan(&bytes, page_size);
    let unfinished = match scan.verdict {
        Verdict::Intact => None,
        Verdict::Unfinished(what) => Some(what),
        Verdict::Damaged(problem) => {
            let recovered = save_recovered(db, &bytes, scan.transactions);
            return Err(StoreError::WalDamaged {
                db: db.to_owned(),
                problem,
                copy,
                recovered,
            });
        }
        Verdict::Foreign(problem) => {
            return Err(StoreError::WalForeign {
                db: db.to_owned(),
                problem,
                copy,
            });
        }
    };
    let replayed = replay(db, &bytes)?;
    let before = base_counts(db)?;
    let answers_after = match judge(db, &replayed.conn, before.as_ref())? {
        Ok(count) => count,
        Err(problem) => {
            return Err(StoreError::WalForeign {
                db: db.to_owned(),
                problem,
                copy,
            });
        }
    };
    Ok(Some(Notice::WalApplied {
        copy,
        transactions: scan.transactions,
        unfinished,
        answers_before: before.map(|b| b.answers),
        answers_after,
    }))
}

/// For a damaged `-wal`: what SQLite would keep of it (the transactions before the damage),
/// saved as a self-contained backup `backups/recovered-<time>.db` that `zhizhuan db restore`
/// accepts. `None` when nothing usable comes out.
fn save_recovered(db: &Path, wal: &[u8], transactions: usize) -> Option<PathBuf> {
    if transactions == 0 {
        return None;
    }
    let replayed = replay(db, wal).ok()?;
    judge(db, &replayed.conn, None).ok()?.ok()?;
    let dest = crate::data_dir_of(db)
        .join(backup::BACKUP_DIR)
        .join(format!("recovered-{}.db", backup::stamp()));
    replayed
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .ok()?;
    replayed
        .conn
        .pragma_update(None, "journal_mode", "DELETE")
        .ok()?;
    let Replay { conn, path, _dir } = replayed;
    conn.close().ok()?;
    std::fs::copy(&path, &dest).ok()?;
    Some(dest)
}

/// What the database file holds on its own, without the `-wal` (`None` if it cannot be read
/// alone, e.g. after a crash in the middle of a checkpoint, which the `-wal` completes).
struct Base {
    answers: i64,
    version: u32,
    path: PathBuf,
    _replay: Replay,
}

fn base_counts(db: &Path) -> Result<Option<Base>> {
    let alone = replay(db, &[])?;
    if health::quick_check(&alone.conn, db).is_err() {
        return Ok(None);
    }
    let version = health::schema_version(&alone.conn, db)?;
    let answers = count_answers(&alone.conn).unwrap_or(0);
    Ok(Some(Base {
        answers,
        version,
        path: alone.path.clone(),
        _replay: alone,
    }))
}

fn count_answers(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM answer_revision", [], |r| r.get(0))
}

/// Step 3: is the replayed database ours and a continuation of `base`? `Ok(Ok(answers))` if
/// so, `Ok(Err(problem))` if not; `Err` for a newer schema (a newer app's database).
fn judge(db: &Path, replayed: &Connection, base: Option<&Base>) -> Result<Result<i64, String>> {
    let integrity = health::pragma_lines(replayed, "integrity_check")?;
    if integrity != ["ok"] {
        return Ok(Err(format!(
            "写回后的数据库未通过 integrity_check：{}",
            health::first_lines(&integrity)
        )));
    }
    let version = health::schema_version(replayed, db)?;
    if version > migrations::LATEST {
        return Err(StoreError::NewerDatabase {
            path: db.to_owned(),
            found: version,
            supported: migrations::LATEST,
        });
    }
    if version == 0 || schema(replayed)? != migrations::schema_at(version)? {
        return Ok(Err(
            "写回后的数据库结构不是智转的（这个 -wal 属于另一个数据库）".into(),
        ));
    }
    let Some(base) = base.filter(|b| b.version == version) else {
        return Ok(Ok(count_answers(replayed)?));
    };
    replayed.execute("ATTACH DATABASE ?1 AS base", [base.path.to_string_lossy()])?;
    let lost: i64 = replayed.query_row(
        "SELECT (SELECT count(*) FROM (SELECT * FROM base.answer_revision
                                       EXCEPT SELECT * FROM main.answer_revision))
              + (SELECT count(*) FROM (SELECT id FROM base.assessment
                                       EXCEPT SELECT id FROM main.assessment))
              + (SELECT count(*) FROM (SELECT id FROM base.evidence
                                       EXCEPT SELECT id FROM main.evidence))",
        [],
        |r| r.get(0),
    )?;
    replayed.execute("DETACH DATABASE base", [])?;
    if lost > 0 {
        return Ok(Err(format!(
            "写回它会删除或改变数据库中已有的 {lost} 条答案、评估或证据记录（历史只增不改）：这个 -wal 来自另一份数据库副本"
        )));
    }
    Ok(Ok(count_answers(replayed)?))
}

/// For `db check`: the problem [`settle_wal`] would refuse the `-wal` replayed on `replayed`
/// for (another database's, another copy's that removes records), if any.
pub(crate) fn foreign_problem(db: &Path, replayed: &Connection) -> Result<Option<String>> {
    let base = base_counts(db)?;
    match judge(db, replayed, base.as_ref()) {
        Ok(Ok(_)) | Err(StoreError::NewerDatabase { .. }) => Ok(None),
        Ok(Err(problem)) => Ok(Some(problem)),
        Err(e) => Err(e),
    }
}

/// The schema as `sqlite_master` lists it (statistics tables aside).
pub(crate) fn schema(conn: &Connection) -> rusqlite::Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// Removes `.import-*` staging folders a killed import left in `data_dir`. A live import
/// holds an exclusive lock on its folder's `.lock`; a folder without one is removed only once
/// it is a minute old (an import creates the lock right after the folder).
pub(crate) fn remove_stale_staging(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_staging = entry.file_name().to_string_lossy().starts_with(".import-");
        if is_staging && path.is_dir() && is_abandoned(&path) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

fn is_abandoned(staging: &Path) -> bool {
    match std::fs::File::open(staging.join(STAGING_LOCK)) {
        Ok(f) => f.try_lock().is_ok(),
        Err(_) => std::fs::metadata(staging)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= 60),
    }
}

/// The lock file inside an import's staging folder.
pub(crate) const STAGING_LOCK: &str = ".lock";
