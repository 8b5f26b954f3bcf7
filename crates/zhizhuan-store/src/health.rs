//! Is this file a healthy ZhiZhuan database? Checked before anything writes to it.
//!
//! SQLite itself would happily "open" a zero-length file as a new empty database, or a text
//! file until the first query fails, and a truncated file until the missing page is needed.
//! So [`crate::Store::open`] reads the 100-byte header first ([`check_header`]), then runs
//! `PRAGMA quick_check` ([`quick_check`]) and reads the schema version, all before the first
//! write. Any failure is [`StoreError::Damaged`] with the path, and the file is left as it was.
//!
//! Limits: SQLite pages carry no checksum, so a flipped bit inside a text value is not
//! detectable; damage to page structure (headers, cell pointers, b-tree links) is.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use crate::evidence::EvidenceDir;
use crate::wal::{self, Verdict};
use crate::{Result, Store, StoreError};

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

fn damaged(path: &Path, problem: impl Into<String>) -> StoreError {
    StoreError::Damaged {
        path: path.to_owned(),
        problem: problem.into(),
    }
}

/// What the header says about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub page_size: u32,
    /// Pages according to the header, when the header's count is marked valid.
    pub pages: Option<u32>,
    pub file_len: u64,
}

/// Checks the file's header and length against each other without opening it with SQLite.
pub fn check_header(path: &Path) -> Result<Header> {
    let mut file = std::fs::File::open(path).map_err(StoreError::io(path))?;
    let file_len = file.metadata().map_err(StoreError::io(path))?.len();
    if file_len == 0 {
        return Err(damaged(path, "文件长度为 0（空文件）"));
    }
    let mut head = [0u8; HEADER_LEN];
    let got = read_up_to(&mut file, &mut head).map_err(StoreError::io(path))?;
    if head[..got.min(16)] != MAGIC[..got.min(16)] || got < 16 {
        return Err(damaged(
            path,
            "不是 SQLite 数据库（文件开头不是 “SQLite format 3”）",
        ));
    }
    if got < HEADER_LEN {
        return Err(damaged(
            path,
            format!("文件只有 {file_len} 字节，不足 SQLite 文件头的 100 字节（被截断）"),
        ));
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u32::from(n),
        n => return Err(damaged(path, format!("文件头中的页大小 {n} 无效"))),
    };
    if !(1..=2).contains(&head[18]) || !(1..=2).contains(&head[19]) {
        return Err(damaged(
            path,
            format!("文件头中的读写版本 {}/{} 无效", head[18], head[19]),
        ));
    }
    if head[21..24] != [64, 32, 32] {
        return Err(damaged(path, "文件头的固定字段（偏移 21–23）被改动"));
    }
    if file_len % u64::from(page_size) != 0 {
        return Err(damaged(
            path,
            format!("文件长度 {file_len} 字节不是页大小 {page_size} 的整数倍（文件被截断？）"),
        ));
    }
    let be = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    // The page count is trustworthy only when written by a SQLite that also bumped the change
    // counter into "version-valid-for" (all versions since 3.7.0).
    let pages = (be(24) == be(92) && be(28) > 0).then(|| be(28));
    // A checkpoint interrupted by a crash may have written page 1 (with the new count) before
    // the pages that extend the file; those pages are still in the WAL and SQLite finishes the
    // job on open. So the length check applies only when no WAL or hot journal is pending;
    // otherwise `quick_check`, which reads through the WAL, decides.
    let pending = ["-wal", "-journal"]
        .iter()
        .any(|s| std::fs::metadata(crate::sibling(path, s)).is_ok_and(|m| m.len() > 0));
    if let Some(pages) = pages.filter(|_| !pending) {
        let needed = u64::from(pages) * u64::from(page_size);
        if file_len < needed {
            return Err(damaged(
                path,
                format!(
                    "文件被截断：文件头记录 {pages} 页（{needed} 字节），实际只有 {file_len} 字节"
                ),
            ));
        }
    }
    Ok(Header {
        page_size,
        pages,
        file_len,
    })
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// `PRAGMA quick_check`: b-tree structure, page links, record formats (no index contents).
pub fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let problems = pragma_lines(conn, "quick_check").map_err(|e| damaged(path, e.to_string()))?;
    if problems != ["ok"] {
        return Err(damaged(
            path,
            format!("quick_check: {}", first_lines(&problems)),
        ));
    }
    Ok(())
}

pub(crate) fn pragma_lines(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    stmt.query_map([], |r| r.get::<_, String>(0))?.collect()
}

pub(crate) fn first_lines(lines: &[String]) -> String {
    let shown: Vec<&str> = lines.iter().take(3).map(String::as_str).collect();
    let more = lines.len().saturating_sub(3);
    if more > 0 {
        format!("{}（另有 {more} 处）", shown.join("；"))
    } else {
        shown.join("；")
    }
}

/// `PRAGMA user_version`: how many migrations have run.
pub fn schema_version(conn: &Connection, path: &Path) -> Result<u32> {
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| damaged(path, e.to_string()))?;
    u32::try_from(v).map_err(|_| damaged(path, format!("数据库版本号 {v} 无效")))
}

/// Refuses another program's SQLite file (tables but no schema version): migrating it would
/// add our tables to someone else's data.
pub fn check_is_ours(conn: &Connection, path: &Path, version: u32) -> Result<()> {
    if version > 0 {
        return Ok(());
    }
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| damaged(path, e.to_string()))?;
    if tables > 0 {
        return Err(damaged(
            path,
            "这是其他程序的 SQLite 数据库（没有智转的数据库版本号）",
        ));
    }
    Ok(())
}

/// The result of a full check ([`Store::check`], [`check_file`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    pub path: Option<PathBuf>,
    pub schema_version: u32,
    /// `PRAGMA integrity_check` lines; `["ok"]` when healthy.
    pub integrity: Vec<String>,
    /// Rows whose reference points nowhere (`PRAGMA foreign_key_check`).
    pub foreign_key_problems: usize,
    pub evidence_files_checked: usize,
    /// Evidence hashes whose file is missing from `evidence/`.
    pub evidence_missing: Vec<String>,
    /// Evidence files whose content no longer matches their SHA-256 name.
    pub evidence_damaged: Vec<String>,
    /// The `-wal` beside the file, if there is a non-empty one ([`check_file`] only).
    pub wal: Option<WalReport>,
    /// Whether the database, `-wal` and `-shm` hashed the same before and after the check
    /// ([`check_file`] only; `None` when not verified).
    pub files_unchanged: Option<bool>,
}

/// What [`check_file`] found in a `-wal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WalReport {
    pub bytes: u64,
    /// Committed transactions SQLite would apply.
    pub transactions: usize,
    /// `intact`, `unfinished` (a last write cut short: recoverable), `damaged` or `foreign`.
    pub state: &'static str,
    pub detail: Option<String>,
}

impl WalReport {
    fn of(bytes: &[u8], page_size: u32) -> WalReport {
        let scan = wal::scan(bytes, page_size);
        let (state, detail) = match scan.verdict {
            Verdict::Intact => ("intact", None),
            Verdict::Unfinished(d) => ("unfinished", Some(d)),
            Verdict::Damaged(d) => ("damaged", Some(d)),
            Verdict::Foreign(d) => ("foreign", Some(d)),
        };
        WalReport {
            bytes: bytes.len() as u64,
            transactions: scan.transactions,
            state,
            detail,
        }
    }

    /// Damaged or foreign: opening would refuse it.
    pub fn is_problem(&self) -> bool {
        matches!(self.state, "damaged" | "foreign")
    }
}

impl HealthReport {
    pub fn is_healthy(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_problems == 0
            && self.evidence_missing.is_empty()
            && self.evidence_damaged.is_empty()
            && !self.wal.as_ref().is_some_and(WalReport::is_problem)
    }
}

impl Store {
    /// The full check of an open store: `integrity_check` (slower than the `quick_check` run
    /// at open), foreign keys, and every evidence file re-hashed. It only reads. For a file
    /// that is not open, [`check_file`] checks a copy without opening the file itself.
    pub fn check(&self) -> Result<HealthReport> {
        report(self.conn(), self.path())
    }
}

/// The check behind `zhizhuan db check`, on a copy: the database and its `-wal` are copied
/// into a temporary folder and checked there, so no byte of the database, `-wal` or `-shm` is
/// written (SQLite would replay and delete the `-wal` even for a read). The `-wal` is also
/// read frame by frame ([`wal::scan`]). The three files are hashed before and after, and
/// [`HealthReport::files_unchanged`] says whether they still match.
pub fn check_file(path: &Path) -> Result<HealthReport> {
    let before = hash_files(path)?;
    let header = check_header(path)?;
    let wal_bytes = crate::recovery::read_wal(path)?;
    let mut copy = crate::recovery::replay(path, &wal_bytes)?;
    let wal = match wal_bytes.is_empty() {
        true => None,
        false => Some(wal_report(path, &wal_bytes, header.page_size, &copy)?),
    };
    if wal.as_ref().is_some_and(WalReport::is_problem) {
        // What SQLite made of a damaged or foreign -wal says nothing about the database:
        // check the file as it is without it.
        copy = crate::recovery::replay(path, &[])?;
    }
    let mut report = report(&copy.conn, Some(path))?;
    report.wal = wal;
    drop(copy);
    report.files_unchanged = Some(hash_files(path)? == before);
    Ok(report)
}

/// The `-wal`'s frames, and whether its replay on `replayed` is refused as foreign.
fn wal_report(
    db: &Path,
    bytes: &[u8],
    page_size: u32,
    replayed: &crate::recovery::Replay,
) -> Result<WalReport> {
    let mut wal = WalReport::of(bytes, page_size);
    if !wal.is_problem()
        && let Some(problem) = crate::recovery::foreign_problem(db, &replayed.conn)?
    {
        wal.state = "foreign";
        wal.detail = Some(problem);
    }
    Ok(wal)
}

type FileHashes = Vec<(&'static str, Option<Vec<u8>>)>;

/// SHA-256 of the database, `-wal` and `-shm` (`None` for an absent file).
fn hash_files(db: &Path) -> Result<FileHashes> {
    use sha2::{Digest, Sha256};
    ["", "-wal", "-shm"]
        .into_iter()
        .map(|suffix| {
            let path = crate::sibling(db, suffix);
            match std::fs::read(&path) {
                Ok(bytes) => Ok((suffix, Some(Sha256::digest(&bytes).to_vec()))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((suffix, None)),
                Err(e) => Err(StoreError::io(&path)(e)),
            }
        })
        .collect()
}

/// `integrity_check`, foreign keys and evidence files of the database open on `conn`, which
/// is (a copy of) the file at `path`.
fn report(conn: &Connection, path: Option<&Path>) -> Result<HealthReport> {
    let integrity = pragma_lines(conn, "integrity_check")?;
    let foreign_key_problems = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        stmt.query_map([], |_| Ok(()))?.count()
    };
    let schema_version = schema_version(conn, path.unwrap_or(Path::new(":memory:")))?;
    let mut report = HealthReport {
        path: path.map(Path::to_owned),
        schema_version,
        integrity,
        foreign_key_problems,
        evidence_files_checked: 0,
        evidence_missing: vec![],
        evidence_damaged: vec![],
        wal: None,
        files_unchanged: None,
    };
    if let Some(path) = path {
        let dir = EvidenceDir::in_data_dir(crate::data_dir_of(path));
        let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM evidence ORDER BY sha256")?;
        let hashes = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for hash in hashes {
            report.evidence_files_checked += 1;
            match dir.verify(&hash) {
                Ok(true) => {}
                Ok(false) => report.evidence_damaged.push(hash),
                Err(_) => report.evidence_missing.push(hash),
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_file_is_truncated_unless_a_wal_may_hold_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("z.db");
        drop(Store::open(&path).unwrap());
        let mut bytes = std::fs::read(&path).unwrap();
        let pages = u32::from_be_bytes(bytes[28..32].try_into().unwrap());
        bytes[28..32].copy_from_slice(&(pages + 1).to_be_bytes());
        std::fs::write(&path, &bytes).unwrap();
        let err = check_header(&path).unwrap_err();
        assert!(err.to_string().contains("截断"), "{err}");
        std::fs::write(crate::sibling(&path, "-wal"), [0u8; 32]).unwrap();
        assert_eq!(check_header(&path).unwrap().pages, Some(pages + 1));
    }
}
