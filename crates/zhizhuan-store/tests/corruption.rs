//! Damaged files are detected at open, reported with their path, and never modified.

mod common;

use std::path::Path;

use zhizhuan_store::{Store, StoreError, migrations};

/// Opens `path`, expects [`StoreError::Damaged`] naming it, and checks that no file in its
/// folder changed (no migration, no WAL left behind, nothing overwritten).
fn assert_refused(path: &Path, expect_in_message: &str) -> String {
    let dir = path.parent().unwrap();
    let before = common::snapshot_files(dir);
    let err = Store::open(path).unwrap_err();
    let message = err.to_string();
    match &err {
        StoreError::Damaged { path: p, problem } => {
            assert_eq!(p, path);
            assert!(problem.contains(expect_in_message), "{problem}");
        }
        other => panic!("expected Damaged, got {other:?}"),
    }
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert_eq!(
        common::snapshot_files(dir),
        before,
        "files changed after refusing {message}"
    );
    message
}

fn with_bytes(edit: impl FnOnce(&mut Vec<u8>)) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::populated_db(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    edit(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    (dir, path)
}

#[test]
fn a_zero_length_file_is_refused() {
    let (_d, path) = with_bytes(Vec::clear);
    assert_refused(&path, "长度为 0");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("text.db", &b"name,credit_code\n\xe7\x94\xb2,9144\n"[..]),
        ("zip.db", &b"PK\x03\x04\x14\x00\x00\x00"[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        assert_refused(&path, "不是 SQLite");
    }
}

#[test]
fn another_programs_sqlite_file_is_refused_not_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    drop(conn);
    assert_refused(&path, "其他程序");
}

#[test]
fn truncated_files_are_refused() {
    for cut in [|n: usize| n / 2, |n: usize| n - 100, |_| 50] {
        let (_d, path) = with_bytes(|b| b.truncate(cut(b.len())));
        let message = assert_refused(&path, "");
        assert!(
            message.contains("截断") || message.contains("整数倍"),
            "{message}"
        );
    }
}

#[test]
fn flipped_header_bytes_are_refused() {
    for (offset, expect) in [
        (0, "不是 SQLite"),
        (5, "不是 SQLite"),
        (16, "页大小"),
        (21, "固定字段"),
        (28, "截断"),
    ] {
        let (_d, path) = with_bytes(|b| b[offset] ^= 0x5a);
        assert_refused(&path, expect);
    }
}

#[test]
fn a_damaged_page_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::populated_db(dir.path());
    // The answer history's root page: certainly a b-tree page that quick_check walks.
    let (root, page_size): (i64, i64) = {
        let c = rusqlite::Connection::open(&path).unwrap();
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'answer_revision'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = c
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(&path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    for b in &mut bytes[start..start + 12] {
        *b ^= 0xa5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused(&path, "");
}

#[test]
fn a_database_from_a_newer_app_is_refused_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::populated_db(dir.path());
    let newer = migrations::LATEST + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let before = common::snapshot_files(dir.path());
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(&err, StoreError::NewerDatabase { found, supported, path: p } if *found == newer && *supported == migrations::LATEST && p == &path),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains(&format!("版本 {newer}"))
            && message.contains(&format!("版本 {}", migrations::LATEST)),
        "{message}"
    );
    assert_eq!(common::snapshot_files(dir.path()), before);
}

#[test]
fn a_healthy_file_still_opens_after_all_that() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::populated_db(dir.path());
    let s = Store::open(&path).unwrap();
    assert!(s.check().unwrap().is_healthy());
}
