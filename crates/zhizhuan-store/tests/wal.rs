//! A `-wal` found beside the database at open: every kind of damage or foreign file is
//! detected or recovered, no acknowledged answer disappears without a message, the copy in
//! `backups/` holds what was found, and `db check` changes no byte.
//!
//! Each case starts from files copied while a store that had acknowledged answers was still
//! open (so its `-wal` was not yet checkpointed), then edits or swaps the `-wal`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zhizhuan_core::answer::AnswerValue;
use zhizhuan_store::{Notice, Store, StoreError, health};

const BASE: usize = 10;
const IN_WAL: usize = 25;
const IN_OTHER_WAL: usize = 20;
const DIVERGED: usize = 5;
const WAL_HEADER: usize = 32;
const FRAME: usize = 24 + 4096;

fn answer(s: &Store, a: i64, item: String, level: u8) {
    s.set_answer(a, &item, Some(&AnswerValue::Level(level)), "", "王工", "t")
        .unwrap();
}

/// Database and `-wal` bytes, read while the store that wrote them is still open.
fn copy_while_open(db: &Path, write: impl FnOnce(&Store)) -> (Vec<u8>, Vec<u8>) {
    let s = Store::open(db).unwrap();
    write(&s);
    let files = (
        std::fs::read(db).unwrap(),
        std::fs::read(db.with_extension("db-wal")).unwrap(),
    );
    drop(s);
    files
}

/// The `-wal` of another program's database, with the given page size.
fn unrelated_wal(dir: &Path, page_size: u32) -> Vec<u8> {
    let path = dir.join(format!("other-{page_size}.db"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA page_size={page_size}; PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;
         CREATE TABLE contacts (name TEXT, phone TEXT);"
    ))
    .unwrap();
    for i in 0..200 {
        conn.execute(
            "INSERT INTO contacts VALUES (?1, '138')",
            [format!("联系人 {i}")],
        )
        .unwrap();
    }
    std::fs::read(path.with_extension("db-wal")).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    /// The database file while its `-wal` (holding IN_WAL answers) was live.
    db: Vec<u8>,
    wal: Vec<u8>,
    /// Another copy of the same database: its `-wal` holds IN_OTHER_WAL other answers.
    other_wal: Vec<u8>,
    /// This database after DIVERGED more answers were checkpointed into it.
    diverged_db: Vec<u8>,
    unrelated_wal: Vec<u8>,
    unrelated_wal_1k: Vec<u8>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base").join("zhizhuan.db");
    std::fs::create_dir_all(base.parent().unwrap()).unwrap();
    let s = Store::open(&base).unwrap();
    let (_, a) = common::enterprise_with_draft(&s, common::CODE_A);
    assert_eq!(a, 1);
    for i in 0..BASE {
        answer(&s, a, format!("base.{i}"), 1);
    }
    drop(s);
    let copy_of_base = |name: &str| {
        let p = dir.path().join(name).join("zhizhuan.db");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::copy(&base, &p).unwrap();
        p
    };
    let (db, wal) = copy_while_open(&copy_of_base("a"), |s| {
        (0..IN_WAL).for_each(|i| answer(s, 1, format!("a.{i}"), 2));
    });
    let (_, other_wal) = copy_while_open(&copy_of_base("b"), |s| {
        (0..IN_OTHER_WAL).for_each(|i| answer(s, 1, format!("b.{i}"), 3));
    });
    let diverged = copy_of_base("c");
    let s = Store::open(&diverged).unwrap();
    (0..DIVERGED).for_each(|i| answer(&s, 1, format!("c.{i}"), 4));
    drop(s);
    Fixture {
        db,
        wal,
        other_wal,
        diverged_db: std::fs::read(&diverged).unwrap(),
        unrelated_wal: unrelated_wal(dir.path(), 4096),
        unrelated_wal_1k: unrelated_wal(dir.path(), 1024),
        _dir: dir,
    }
}

/// What opening must do.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Opens with a notice; this many answer revisions are there.
    Applied(usize),
    Damaged,
    Foreign,
}

fn flip(mut b: Vec<u8>, at: usize) -> Vec<u8> {
    b[at] ^= 0x40;
    b
}

fn cases(f: &Fixture) -> Vec<(&'static str, Vec<u8>, Vec<u8>, Expect)> {
    let db = || f.db.clone();
    let wal = || f.wal.clone();
    let last = f.wal.len() - FRAME;
    let frames = (f.wal.len() - WAL_HEADER) / FRAME;
    let mid = WAL_HEADER + frames / 2 * FRAME + 24 + 1000;
    let mut random = vec![0u8; f.wal.len()];
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for b in &mut random {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let mut truncated = wal();
    truncated.truncate(last + 24 + 100);
    vec![
        ("intact", db(), wal(), Expect::Applied(BASE + IN_WAL)),
        ("header magic", db(), flip(wal(), 2), Expect::Damaged),
        ("header salt", db(), flip(wal(), 18), Expect::Damaged),
        ("header checksum", db(), flip(wal(), 27), Expect::Damaged),
        ("frame mid-file", db(), flip(wal(), mid), Expect::Damaged),
        (
            "last frame",
            db(),
            flip(wal(), last + 24 + 2000),
            Expect::Damaged,
        ),
        (
            "last frame's salt",
            db(),
            flip(wal(), last + 9),
            Expect::Damaged,
        ),
        (
            "truncated mid-frame",
            db(),
            truncated,
            Expect::Applied(BASE + IN_WAL - 1),
        ),
        ("random bytes", db(), random, Expect::Damaged),
        (
            "another copy's",
            db(),
            f.other_wal.clone(),
            Expect::Applied(BASE + IN_OTHER_WAL),
        ),
        (
            "another copy's, over a diverged file",
            f.diverged_db.clone(),
            f.other_wal.clone(),
            Expect::Foreign,
        ),
        (
            "unrelated database's",
            db(),
            f.unrelated_wal.clone(),
            Expect::Foreign,
        ),
        (
            "unrelated database's, other page size",
            db(),
            f.unrelated_wal_1k.clone(),
            Expect::Foreign,
        ),
    ]
}

/// Answer revisions in a database file and its `-wal`, counted on a copy.
fn count_answers(db: &Path) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("count.db");
    std::fs::copy(db, &copy).unwrap();
    let wal = db.with_extension("db-wal");
    if wal.exists() {
        std::fs::copy(&wal, copy.with_extension("db-wal")).unwrap();
    }
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.query_row("SELECT count(*) FROM answer_revision", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap() as usize
}

fn the_wal_copy(dir: &Path) -> PathBuf {
    let copies: Vec<PathBuf> = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("wal-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    copies[0].clone()
}

fn db_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::snapshot_files(dir)
        .into_iter()
        .filter(|(name, _)| name.starts_with("zhizhuan.db") && !name.ends_with("-marker"))
        .collect()
}

#[test]
fn every_wal_case_is_detected_or_recovered_and_backed_up() {
    let f = fixture();
    for (name, db_bytes, wal_bytes, expect) in cases(&f) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("zhizhuan.db");
        std::fs::write(&db, &db_bytes).unwrap();
        std::fs::write(db.with_extension("db-wal"), &wal_bytes).unwrap();

        // db check first: it must leave every file as it was and see the problem.
        let before = common::snapshot_files(dir.path());
        let report = health::check_file(&db).unwrap();
        assert_eq!(
            common::snapshot_files(dir.path()),
            before,
            "{name}: db check"
        );
        assert_eq!(report.files_unchanged, Some(true), "{name}");
        let wal_state = report.wal.as_ref().unwrap().state;
        match expect {
            Expect::Damaged => assert_eq!(wal_state, "damaged", "{name}"),
            Expect::Applied(_) => assert!(report.is_healthy(), "{name}: {report:?}"),
            Expect::Foreign => assert!(!report.is_healthy(), "{name}: {report:?}"),
        }

        let found = db_files(dir.path());
        let opened = Store::open(&db);
        // The copy in backups/ is what was found, byte for byte.
        let copy = the_wal_copy(dir.path());
        assert_eq!(
            std::fs::read(copy.join("zhizhuan.db")).unwrap(),
            db_bytes,
            "{name}"
        );
        assert_eq!(
            std::fs::read(copy.join("zhizhuan.db-wal")).unwrap(),
            wal_bytes,
            "{name}"
        );
        match (expect, opened) {
            (Expect::Applied(n), Ok(s)) => {
                let revisions = s.answer_history(1, None).unwrap().len();
                assert_eq!(revisions, n, "{name}");
                assert_eq!(count_answers(&copy.join("zhizhuan.db")), n, "{name}: copy");
                let [Notice::WalApplied { copy: said, .. }] = s.notices() else {
                    panic!("{name}: one notice expected, got {:?}", s.notices());
                };
                assert_eq!(said, &copy, "{name}");
                assert!(
                    s.notices()[0]
                        .to_string()
                        .contains(&copy.display().to_string())
                );
                drop(s);
                let again = Store::open(&db).unwrap();
                assert!(again.notices().is_empty(), "{name}: applied once");
                assert_eq!(again.answer_history(1, None).unwrap().len(), n);
            }
            (Expect::Damaged, Err(e @ StoreError::WalDamaged { .. }))
            | (Expect::Foreign, Err(e @ StoreError::WalForeign { .. })) => {
                let message = e.to_string();
                assert!(
                    message.contains(&copy.display().to_string())
                        && message.contains("zhizhuan db restore"),
                    "{name}: {message}"
                );
                assert_eq!(db_files(dir.path()), found, "{name}: files changed");
                if let StoreError::WalDamaged {
                    recovered: Some(r), ..
                } = &e
                {
                    // What was kept is a restorable backup with the answers before the damage.
                    zhizhuan_store::backup::validate_backup(r).unwrap();
                    let kept = count_answers(r);
                    assert!((BASE..BASE + IN_WAL).contains(&kept), "{name}: {kept}");
                }
            }
            (expect, got) => panic!("{name}: expected {expect:?}, got {got:?}"),
        }
    }
}

#[test]
fn a_wal_another_store_is_writing_is_left_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zhizhuan.db");
    let first = Store::open(&db).unwrap();
    let (_, a) = common::enterprise_with_draft(&first, common::CODE_A);
    answer(&first, a, "x".into(), 1);
    assert!(
        std::fs::metadata(db.with_extension("db-wal"))
            .unwrap()
            .len()
            > 0
    );
    let second = Store::open(&db).unwrap();
    assert!(second.notices().is_empty());
    assert!(
        !dir.path().join("backups").exists(),
        "no copy of a live -wal"
    );
    assert_eq!(second.answer_history(a, None).unwrap().len(), 1);
    // Only the last store to close checkpoints.
    drop(second);
    assert!(
        std::fs::metadata(db.with_extension("db-wal"))
            .unwrap()
            .len()
            > 0
    );
    first.close().unwrap();
    let left = std::fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
    assert_eq!(left, 0, "a clean close leaves no -wal to replay");
}
