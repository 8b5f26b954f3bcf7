//! # zhizhuan-store
//!
//! The one place ZhiZhuan keeps data: a single SQLite file in the OS app-data folder, with
//! evidence files and backups beside it.
//!
//! ```text
//! <data dir>/zhizhuan.db          the database (WAL mode)
//! <data dir>/zhizhuan.db-marker   "a database lives here" and the lock of open stores
//! <data dir>/evidence/ab/cdef…    attachments, stored once by SHA-256
//! <data dir>/backups/*.db         online backups (rotating, and before every migration)
//! <data dir>/backups/wal-<time>/  database and -wal as found after an unclean exit
//! ```
//!
//! - [`open`] / [`Store::open`]: checks the file and any `-wal` before touching them
//!   ([`health`]: header, size, `PRAGMA quick_check`, schema version; [`recovery`] and [`wal`]:
//!   a `-wal` left by an unclean exit), reports a database missing from its folder
//!   ([`marker`]), sets the PRAGMAs every connection needs (WAL, `synchronous=FULL`, foreign
//!   keys, busy timeout), backs up and then migrates ([`migrations`]).
//! - one module per table: [`enterprise`], [`assessment`], [`answer`], [`evidence`], [`roadmap`].
//! - [`backup`]: online backups, rotation and restore; [`bundle`]: one-file export / import.
//! - [`location`]: which folder holds the data (home, or where it was moved) and the move.
//! - [`files`]: atomic writes of the documents a host exports (PDF, xlsx).
//!
//! Durability is the point of this crate: a value is acknowledged only after its transaction
//! committed with `synchronous=FULL`, so an answer the UI shows as saved survives a crash, and
//! history tables are append-only (enforced by triggers), so no answer is ever overwritten.

pub mod answer;
pub mod assessment;
pub mod backup;
pub mod bundle;
pub mod enterprise;
pub mod evidence;
pub mod files;
pub mod health;
pub mod location;
pub mod marker;
pub mod meta;
pub mod migrations;
pub mod recovery;
pub mod roadmap;
pub mod wal;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use recovery::Notice;

/// Errors of the store, each saying what failed and with which file or value.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("无法打开数据库 {path}：{source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// The file is not a healthy SQLite database. Nothing was written to it.
    #[error(
        "数据库文件 {path} 已损坏或不是智转数据库：{problem}。智转没有写入它；可用 `zhizhuan db restore` 从 backups/ 中的备份恢复"
    )]
    Damaged { path: PathBuf, problem: String },
    /// The `-wal` beside the database is damaged: SQLite would silently drop what follows the
    /// damage, acknowledged answers included. Database and `-wal` were copied to `copy`.
    #[error(
        "数据库 {db} 旁的 -wal 文件已损坏：{problem}。SQLite 打开时会悄悄丢弃其中的数据，所以智转没有打开它；数据库和 -wal 已原样复制到 {copy}。{hint}可用 `zhizhuan db restore 备份文件` 恢复（`zhizhuan db backups` 列出备份） [damaged -wal]",
        hint = recovered_hint(recovered.as_deref(), copy, db)
    )]
    WalDamaged {
        db: PathBuf,
        problem: String,
        copy: PathBuf,
        /// What SQLite would have kept, saved as a restorable backup.
        recovered: Option<PathBuf>,
    },
    /// The `-wal` beside the database belongs to another database or another copy of it.
    #[error(
        "数据库 {db} 旁的 -wal 文件不属于这个数据库：{problem}。智转没有写回它；数据库和 -wal 已原样复制到 {copy}。不带这个 -wal 的数据库可用 `zhizhuan db restore {}` 恢复 [foreign -wal]",
        copy.join(db.file_name().unwrap_or_default()).display()
    )]
    WalForeign {
        db: PathBuf,
        problem: String,
        copy: PathBuf,
    },
    /// The folder held a database (its marker is there) and the database is gone.
    #[error(
        "数据库 {path} 不见了：这个文件夹里曾有智转数据库（标记文件 {}），现在却没有。为免悄悄换成一个空数据库，智转没有新建。数据在 U 盘上时请插好后重试；可用 `zhizhuan db restore 备份文件` 从备份恢复（备份在 backups/ 中），或用 `zhizhuan db init` 明确新建一个空数据库 [database missing]",
        marker::path(path).display()
    )]
    Missing { path: PathBuf },
    /// The data folder chosen with `ZHIZHUAN_DATA_DIR` is on a drive or folder that is not there.
    #[error(
        "数据目录 {dir} 所在的文件夹不存在（U 盘未插好？）；智转没有新建任何东西 [data folder missing]"
    )]
    DataDirMissing { dir: PathBuf },
    /// The data was moved to `dir` (named in `pointer`) and that folder is not there.
    #[error(
        "数据已移到 {dir}（记录在 {pointer}），但这个文件夹现在不在（U 盘未插好？）；智转没有新建任何东西。插好后重试；确定不再要那里的数据时，删除 {pointer} 即回到默认数据文件夹 [moved data folder missing]",
        dir = dir.display(),
        pointer = pointer.display()
    )]
    MovedDataDirMissing { dir: PathBuf, pointer: PathBuf },
    /// Another program (the app, another command) has the database open.
    #[error("数据库 {path} 正在被智转使用；请先关闭智转（及其他命令）再试 [database in use]")]
    InUse { path: PathBuf },
    #[error("数据库 {path} 已存在；`zhizhuan db init` 只在没有数据库时新建 [database exists]")]
    AlreadyExists { path: PathBuf },
    /// Written by a newer ZhiZhuan: migrating it down is impossible, writing it could damage it.
    #[error(
        "数据库 {path} 由更新版本的智转创建（数据库版本 {found}），本程序只支持到版本 {supported}；请升级智转。智转没有写入它"
    )]
    NewerDatabase {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("数据库升级失败：{0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("数据库操作失败：{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("文件 {path}：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    InvalidEnterprise(#[from] zhizhuan_core::enterprise::InvalidEnterprise),
    #[error("统一社会信用代码 {0} 已属于另一家企业")]
    DuplicateCreditCode(String),
    #[error("找不到编号为 {0} 的企业")]
    EnterpriseNotFound(i64),
    #[error("找不到编号为 {0} 的评估")]
    AssessmentNotFound(i64),
    #[error("评估 {0} 已定稿，只读；如需修改请创建修订版（revise）")]
    AssessmentFinal(i64),
    #[error("评估 {0} 仍是草稿，可以直接修改，无需修订版")]
    AssessmentNotFinal(i64),
    #[error("评估 {id} 已有修订版 {successor}；请在最新的修订版上修改")]
    AlreadyRevised { id: i64, successor: i64 },
    #[error("找不到编号为 {0} 的证据")]
    EvidenceNotFound(i64),
    /// A value given to the store is unacceptable; `field` names it.
    #[error("{field} 的值「{value}」无效：{message}")]
    InvalidValue {
        field: String,
        value: String,
        message: String,
    },
    /// A report field of an assessment or enterprise is unacceptable (too long, out of range);
    /// `field` names it and `value` shows (the start of) what was given.
    #[error("{field} 的值「{value}」无效：{message}")]
    InvalidMeta {
        field: String,
        value: String,
        message: String,
    },
    /// A value read back from the database does not parse (hand-edited or damaged row).
    #[error("数据库中 {table} 第 {id} 行的内容无法读取：{message}")]
    BadStoredValue {
        table: &'static str,
        id: i64,
        message: String,
    },
    /// The data folder cannot be moved to `dir`; nothing was copied or changed.
    #[error("不能把数据移到 {dir}：{reason}。数据仍在原处，没有改动")]
    MoveRefused { dir: PathBuf, reason: String },
    /// `dir` was chosen as the data folder found elsewhere and holds no ZhiZhuan database.
    #[error("{dir} 不能作为智转的数据文件夹：{reason}。没有改动任何东西", dir = dir.display())]
    LocateRefused { dir: PathBuf, reason: String },
    #[error("内存数据库没有数据目录：证据文件、备份和数据包需要数据库文件")]
    NoDataDir,
    #[error(transparent)]
    Bundle(#[from] bundle::BundleError),
}

fn recovered_hint(recovered: Option<&Path>, copy: &Path, db: &Path) -> String {
    match recovered {
        Some(r) => format!(
            "损坏之前的部分已另存为 {}，可用 `zhizhuan db restore {}` 恢复；",
            r.display(),
            r.display()
        ),
        None => format!(
            "不带 -wal 的数据库（上次写回时的状态）是 {}；",
            copy.join(db.file_name().unwrap_or_default()).display()
        ),
    }
}

impl StoreError {
    pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
pub struct Store {
    // Declared before `lock`: the connection closes (and checkpoints) before the lock goes.
    conn: Connection,
    path: Option<PathBuf>,
    notices: Vec<Notice>,
    lock: Option<marker::Lock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Opens the database file at `path`, creating it if needed; see [`Store::open`].
pub fn open(path: &Path) -> Result<Store> {
    Store::open(path)
}

impl Store {
    /// Opens (or, in a folder that never held one, creates) the database at `path`.
    ///
    /// Nothing is written to the database or its `-wal` before both are checked:
    /// - a damaged, truncated, empty or foreign file gives [`StoreError::Damaged`], a newer
    ///   schema [`StoreError::NewerDatabase`];
    /// - a `-wal` left by an unclean exit is first copied into `backups/`, then checked
    ///   ([`recovery`]): damaged gives [`StoreError::WalDamaged`], another database's (or
    ///   another copy's that would remove records) [`StoreError::WalForeign`]; one that checks
    ///   out is applied and reported in [`Store::notices`];
    /// - a database that is gone from a folder that held one (its marker is there) gives
    ///   [`StoreError::Missing`] instead of a new empty database ([`Store::create`] makes one).
    ///
    /// A healthy file that needs migrating is first backed up into `backups/`. A new database
    /// is built under a temporary name and renamed into place only when complete, so a crash
    /// during creation never leaves a half-made file at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let existed = path.exists();
        if !existed {
            if marker::exists(path) {
                return Err(StoreError::Missing {
                    path: path.to_owned(),
                });
            }
            create_new(path)?;
        }
        let lock = marker::Lock::take(path)?;
        match Store::open_locked(path, lock.sole) {
            Ok(mut store) => {
                let mut lock = lock;
                lock.share()?;
                store.lock = Some(lock);
                Ok(store)
            }
            Err(e) => {
                if existed {
                    lock.abandon();
                }
                Err(e)
            }
        }
    }

    /// Creates a new, empty database at `path`, also where a database used to be
    /// (`zhizhuan db init`); refuses with [`StoreError::AlreadyExists`] if there is one.
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_owned(),
            });
        }
        create_new(path)?;
        Store::open(path)
    }

    /// The checks and migrations of [`Store::open`]; `sole` when no other store has the
    /// database open (only then is a `-wal` an unclean exit's, to be checked and applied).
    fn open_locked(path: &Path, sole: bool) -> Result<Store> {
        let header = health::check_header(path)?;
        let notices: Vec<Notice> = if sole {
            recovery::settle_wal(path, header.page_size)?
                .into_iter()
                .collect()
        } else {
            vec![]
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        health::quick_check(&conn, path)?;
        let version = health::schema_version(&conn, path)?;
        health::check_is_ours(&conn, path, version)?;
        if version > migrations::LATEST {
            return Err(StoreError::NewerDatabase {
                path: path.to_owned(),
                found: version,
                supported: migrations::LATEST,
            });
        }
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
            notices,
            lock: None,
        };
        store.set_pragmas()?;
        if !store.notices.is_empty() {
            // The checked -wal is now in the file; a -wal seen at the next start is new.
            store.checkpoint()?;
        }
        if version < migrations::LATEST && version > 0 {
            backup::before_migration(&store, version, migrations::LATEST)?;
        }
        migrations::migrations().to_latest(&mut store.conn)?;
        if sole {
            recovery::remove_stale_staging(store.data_dir()?);
        }
        Ok(store)
    }

    /// An in-memory database with the full schema, for tests and the CLI's dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            notices: vec![],
            lock: None,
        };
        store.set_pragmas()?;
        migrations::migrations().to_latest(&mut store.conn)?;
        Ok(store)
    }

    fn set_pragmas(&self) -> Result<()> {
        // WAL lets the UI read while an answer is being written; FULL makes every commit
        // durable (an acknowledged answer survives a crash); the busy timeout covers the CLI
        // and the app touching the same file.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    /// What the open did that the user must be told (a `-wal` applied, with where the copy
    /// taken before is). Empty after an ordinary open.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Writes the `-wal` into the database and truncates it to zero bytes.
    fn checkpoint(&self) -> Result<()> {
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some("wal_checkpoint(TRUNCATE) was blocked by another connection".into()),
            )));
        }
        Ok(())
    }

    /// A clean close: if no other store has the database open, checkpoints and truncates the
    /// `-wal`, so a `-wal` found at the next start means an unclean exit. Dropping a store
    /// does the same and ignores errors; call this to see them.
    pub fn close(mut self) -> Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> Result<()> {
        let last = self.lock.as_mut().is_some_and(marker::Lock::try_sole);
        if last { self.checkpoint() } else { Ok(()) }
    }

    /// The file this store was opened from (`None` for in-memory stores).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder holding the database, `evidence/` and `backups/`.
    pub fn data_dir(&self) -> Result<&Path> {
        let path = self.path.as_deref().ok_or(StoreError::NoDataDir)?;
        Ok(data_dir_of(path))
    }

    /// The underlying connection, for table modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// The folder holding the database file `db`.
pub(crate) fn data_dir_of(db: &Path) -> &Path {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Builds a new database at a temporary sibling path and moves it to `path` once complete.
fn create_new(path: &Path) -> Result<()> {
    let tmp = sibling(path, ".creating");
    for leftover in [tmp.clone(), sibling(&tmp, "-wal"), sibling(&tmp, "-shm")] {
        let _ = std::fs::remove_file(leftover);
    }
    {
        let mut conn = Connection::open(&tmp).map_err(|source| StoreError::Open {
            path: tmp.clone(),
            source,
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations::migrations().to_latest(&mut conn)?;
        // Closing the last connection checkpoints the WAL into the file and removes it, so
        // the single file renamed below is the complete database.
        conn.close().map_err(|(_, e)| e)?;
    }
    // A hard link fails instead of replacing a file another process created meanwhile.
    match std::fs::hard_link(&tmp, path) {
        Ok(()) => std::fs::remove_file(&tmp).map_err(StoreError::io(&tmp))?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(&tmp).map_err(StoreError::io(&tmp))?;
        }
        // File systems without hard links (FAT32 on a USB stick): plain rename.
        Err(_) => std::fs::rename(&tmp, path).map_err(StoreError::io(path))?,
    }
    sync_dir(path);
    Ok(())
}

/// Makes sure the data folder `dir` exists. The OS app-data folder is created with its
/// parents (first start); any other folder (`ZHIZHUAN_DATA_DIR`, a USB stick) only if its
/// parent exists, so a data folder on a stick that is not plugged in is reported
/// ([`StoreError::DataDirMissing`]) instead of being recreated empty on the mount point.
pub fn prepare_data_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let os_default = dirs::data_dir().map(|d| d.join(APP_IDENTIFIER));
    let made = if os_default.as_deref() == Some(dir) {
        std::fs::create_dir_all(dir)
    } else {
        std::fs::create_dir(dir)
    };
    match made {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::DataDirMissing {
            dir: dir.to_owned(),
        }),
        Err(e) => Err(StoreError::io(dir)(e)),
    }
}

/// `path` with `suffix` appended to its file name (`zhizhuan.db` → `zhizhuan.db-wal`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Makes a rename or new file in `path`'s folder durable (a no-op where folders cannot be
/// synced, e.g. Windows, whose NTFS journals metadata itself).
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(f) = std::fs::File::open(dir) {
            let _ = f.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The current UTC time as RFC 3339 with milliseconds, for file names and records.
pub(crate) fn now_utc() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

#[cfg(test)]
pub(crate) mod test_support {
    use zhizhuan_core::enterprise::EnterpriseInput;

    use crate::Store;
    use crate::assessment::NewAssessment;

    pub fn enterprise_input(name: &str, code: &str) -> EnterpriseInput {
        EnterpriseInput {
            name: name.into(),
            credit_code: code.into(),
            province: "320000".into(),
            city: "苏州市".into(),
            district: "".into(),
            industry: "C38".into(),
            size: "medium".into(),
        }
    }

    /// A new enterprise with one draft MIIT assessment: (assessment id, enterprise id).
    pub fn draft_in(s: &Store) -> (i64, i64) {
        let e = s
            .create_enterprise(&enterprise_input("甲", "914403001922038216"), "t0")
            .unwrap();
        let a = s
            .create_assessment(
                &NewAssessment {
                    enterprise_id: e.id,
                    framework_id: "miit-2024".into(),
                    framework_version: "2024".into(),
                    framework_hash: "h1".into(),
                    ..NewAssessment::default()
                },
                "t0",
            )
            .unwrap();
        (a.id, e.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_sets_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("z.db")).unwrap();
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let sync: i64 = store
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        let fk: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    }

    #[test]
    fn a_new_database_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("z.db");
        drop(Store::open(&path).unwrap());
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["z.db", "z.db-marker"],
            "only the database and its marker remain after a clean close"
        );
    }
}

/// The app's identifier; the data folder is named after it, as Tauri names its app-data dir.
pub const APP_IDENTIFIER: &str = "cn.zhizhuan.app";

/// Environment variable that moves the data folder (tests, portable installs, a consultant's
/// USB stick). When unset, the OS app-data folder is used.
pub const DATA_DIR_ENV: &str = "ZHIZHUAN_DATA_DIR";

/// The folder that holds the database, backups and evidence files: `$ZHIZHUAN_DATA_DIR` if set,
/// otherwise the OS app-data folder (`%APPDATA%\cn.zhizhuan.app` on Windows,
/// `~/.local/share/cn.zhizhuan.app` on Linux, `~/Library/Application Support/…` on macOS).
pub fn default_data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)),
    }
}

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "zhizhuan.db";
