//! Every database an earlier build could have written opens, after a backup.

mod common;

use rusqlite::Connection;
use zhizhuan_store::{Store, migrations};

#[test]
fn migrations_validate() {
    migrations::migrations().validate().unwrap();
}

/// For every earlier schema version N (1 ≤ N < latest): build a database at N with data in it,
/// open it with the store, and check the data survived, the schema is current, and a backup of
/// the version-N file was taken first.
#[test]
fn a_database_from_every_earlier_version_opens_after_a_backup() {
    for version in 1..migrations::LATEST {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("zhizhuan.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "journal_mode", "WAL").unwrap();
            migrations::migrations()
                .to_version(&mut conn, version as usize)
                .unwrap();
            // Migration 1's enterprise table is in every version.
            conn.execute(
                "INSERT INTO enterprise (name, credit_code, province, city, district, industry, size, created_at, updated_at)
                 VALUES ('老数据', ?1, '320000', '苏州市', '', 'C38', 'medium', 't', 't')",
                [common::CODE_A],
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let all = s.enterprises().unwrap();
        assert_eq!(all.len(), 1, "v{version}");
        assert_eq!(all[0].name, "老数据");
        // The new tables work on the upgraded file.
        let (_, a) = {
            let a = s
                .create_assessment(
                    &zhizhuan_store::assessment::NewAssessment {
                        enterprise_id: all[0].id,
                        framework_id: "miit-2024".into(),
                        framework_version: "2024".into(),
                        ..Default::default()
                    },
                    "t",
                )
                .unwrap();
            ((), a.id)
        };
        s.set_answer(
            a,
            "x",
            Some(&zhizhuan_core::answer::AnswerValue::Level(1)),
            "",
            "",
            "t",
        )
        .unwrap();

        let backups = s.backups().unwrap();
        assert_eq!(backups.len(), 1, "v{version}: {backups:?}");
        let name = backups[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!(
                "pre-migration-v{version}-to-v{}-",
                migrations::LATEST
            )),
            "{name}"
        );
        let old = Connection::open(&backups[0]).unwrap();
        let v: u32 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let n: i64 = old
            .query_row("SELECT count(*) FROM enterprise", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            (v, n),
            (version, 1),
            "the backup is the untouched version-{version} database"
        );
        drop(s);
        // Opening again migrates nothing and backs up nothing.
        let s = Store::open(&path).unwrap();
        assert_eq!(s.backups().unwrap().len(), 1);
    }
}

#[test]
fn a_fresh_database_is_created_at_the_latest_version_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("zhizhuan.db")).unwrap();
    assert_eq!(s.check().unwrap().schema_version, migrations::LATEST);
    assert!(s.backups().unwrap().is_empty());
}
