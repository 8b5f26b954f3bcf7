//! # zhizhuan-store
//!
//! The one place ZhiZhuan keeps data: a single SQLite file in the OS app-data folder.
//!
//! - [`open`] / [`Store::open`]: opens (or creates) the database with the PRAGMAs every
//!   connection needs (WAL, `synchronous=FULL`, foreign keys, busy timeout) and brings the
//!   schema up to date with the embedded, append-only [`migrations`].
//! - one module per table ([`enterprise`], …), each with the SQL that reads and writes it.
//!
//! Durability is the point of this crate: a value is acknowledged only after its transaction
//! committed with `synchronous=FULL`, so an answer the UI shows as saved survives a power cut.

pub mod enterprise;
pub mod migrations;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// Errors of the store, each saying what failed and with which file or value.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("无法打开数据库 {path}：{source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("数据库升级失败：{0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("数据库操作失败：{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    InvalidEnterprise(#[from] zhizhuan_core::enterprise::InvalidEnterprise),
    #[error("统一社会信用代码 {0} 已属于另一家企业")]
    DuplicateCreditCode(String),
    #[error("找不到编号为 {0} 的企业")]
    EnterpriseNotFound(i64),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
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
    /// Opens (or creates) the database at `path`, sets the connection PRAGMAs and migrates.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)
            .map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
        Self::prepare(conn, Some(path.to_owned()))
    }

    /// An in-memory database with the full schema, for tests and the CLI's dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        // WAL lets the UI read while an answer is being written; FULL makes every commit
        // durable (an acknowledged answer survives a crash); the busy timeout covers the CLI
        // and the app touching the same file.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::migrations().to_latest(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// The file this store was opened from (`None` for in-memory stores).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying connection, for table modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_sets_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("z.db")).unwrap();
        let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        let sync: i64 = store.conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        let fk: i64 = store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
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
