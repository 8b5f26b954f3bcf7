//! A database that goes missing is reported, not silently recreated empty; leftovers of
//! killed imports are removed at open.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use zhizhuan_store::{Store, StoreError, backup, marker};

#[test]
fn a_fresh_folder_gets_a_database_and_a_marker() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zhizhuan.db");
    drop(Store::open(&db).unwrap());
    assert!(db.is_file() && marker::exists(&db));
}

#[test]
fn a_database_gone_from_its_folder_is_reported_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::populated_db(dir.path());
    let backup = Store::open(&db).unwrap().backup_now().unwrap();
    // How it goes missing: deleted, a folder copied without it, a crash mid-restore.
    std::fs::remove_file(&db).unwrap();
    let before = common::snapshot_files(dir.path());
    for _ in 0..2 {
        let err = Store::open(&db).unwrap_err();
        assert!(
            matches!(&err, StoreError::Missing { path } if path == &db),
            "{err:?}"
        );
        let message = err.to_string();
        for part in [
            &db.display().to_string(),
            "zhizhuan db restore",
            "zhizhuan db init",
        ] {
            assert!(message.contains(part), "{message} lacks {part}");
        }
        assert_eq!(
            common::snapshot_files(dir.path()),
            before,
            "nothing created"
        );
    }
    // Either way out is explicit: restore a backup…
    backup::restore(&db, &backup).unwrap();
    assert_eq!(Store::open(&db).unwrap().enterprises().unwrap().len(), 1);
    // …or ask for a new, empty database.
    std::fs::remove_file(&db).unwrap();
    let fresh = Store::create(&db).unwrap();
    assert!(fresh.enterprises().unwrap().is_empty());
    assert!(matches!(
        Store::create(&db),
        Err(StoreError::AlreadyExists { .. })
    ));
}

#[test]
fn a_database_from_before_markers_gets_one_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::populated_db(dir.path());
    std::fs::remove_file(marker::path(&db)).unwrap();
    drop(Store::open(&db).unwrap());
    assert!(marker::exists(&db));
}

#[test]
fn a_refused_file_gets_no_marker() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, b"not a database").unwrap();
    assert!(Store::open(&db).is_err());
    assert!(!marker::exists(&db));
}

#[test]
fn restore_refuses_while_the_database_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::populated_db(dir.path());
    let s = Store::open(&db).unwrap();
    let b = s.backup_now().unwrap();
    assert!(matches!(
        backup::restore(&db, &b),
        Err(StoreError::InUse { .. })
    ));
    drop(s);
    backup::restore(&db, &b).unwrap();
}

fn staging(dir: &Path, name: &str, lock: bool, age: Duration) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("0123abcd"), b"half an evidence file").unwrap();
    if lock {
        std::fs::write(path.join(".lock"), b"").unwrap();
    }
    std::fs::File::open(&path)
        .unwrap()
        .set_modified(SystemTime::now() - age)
        .unwrap();
    path
}

#[test]
fn abandoned_import_staging_is_removed_at_open_and_a_live_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::populated_db(dir.path());
    let hour = Duration::from_secs(3600);
    let killed = staging(dir.path(), ".import-killed", true, Duration::ZERO);
    let old_style = staging(dir.path(), ".import-old", false, hour);
    let just_made = staging(dir.path(), ".import-new", false, Duration::ZERO);
    let live = staging(dir.path(), ".import-live", true, hour);
    let held = std::fs::File::open(live.join(".lock")).unwrap();
    held.lock().unwrap();
    let other = staging(dir.path(), ".imported-notes", false, hour);

    drop(Store::open(&db).unwrap());
    for (path, kept) in [
        (&killed, false),
        (&old_style, false),
        (&just_made, true),
        (&live, true),
        (&other, true),
    ] {
        assert_eq!(path.exists(), kept, "{}", path.display());
    }
}
