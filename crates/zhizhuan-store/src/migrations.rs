//! The schema, as an append-only list of embedded migrations.
//!
//! Never edit a migration that has shipped: add a new one. `PRAGMA user_version` records how
//! many have run (rusqlite_migration's convention), which also lets an older app recognise a
//! database written by a newer one ([`crate::StoreError::NewerDatabase`]).
//!
//! Migration 1 is the enterprise table the first app build created; migration 2 adds
//! everything an assessment needs. Keeping them apart means a database made by the first build
//! is upgraded (after a backup) instead of being a special case, and the upgrade path is tested.
//!
//! Why the triggers: durability promises ("an answer is never lost", "a finalised assessment is
//! read-only") are enforced by the database itself, so no code path — a future command, a bug,
//! a hand-run SQL statement — can break them silently. The Rust API checks first to give a
//! typed error; the triggers are the backstop.

use rusqlite_migration::{M, Migrations};

const V1_ENTERPRISE: &str = "CREATE TABLE enterprise (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        credit_code TEXT NOT NULL UNIQUE,
        province    TEXT NOT NULL,
        city        TEXT NOT NULL,
        district    TEXT NOT NULL DEFAULT '',
        industry    TEXT NOT NULL,
        size        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT;";

const V2_ASSESSMENTS: &str = "
    -- The enterprise table is rebuilt because its credit code must become unique only among
    -- primary rows: an imported enterprise kept apart from an existing one with the same code
    -- is stored as a copy (duplicate_of) instead of being merged or dropped.
    CREATE TABLE enterprise_v2 (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        credit_code  TEXT NOT NULL,
        province     TEXT NOT NULL,
        city         TEXT NOT NULL,
        district     TEXT NOT NULL DEFAULT '',
        industry     TEXT NOT NULL,
        size         TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        employees    INTEGER CHECK (employees >= 0),
        revenue      TEXT,                       -- 万元, exact decimal text (never a float)
        contacts     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
        duplicate_of INTEGER REFERENCES enterprise_v2(id)
    ) STRICT;
    INSERT INTO enterprise_v2 (id, name, credit_code, province, city, district, industry, size,
                               created_at, updated_at)
        SELECT id, name, credit_code, province, city, district, industry, size, created_at,
               updated_at FROM enterprise;
    DROP TABLE enterprise;
    ALTER TABLE enterprise_v2 RENAME TO enterprise;
    CREATE UNIQUE INDEX enterprise_credit_code ON enterprise(credit_code)
        WHERE duplicate_of IS NULL;

    CREATE TABLE assessment (
        id                INTEGER PRIMARY KEY,
        uid               TEXT NOT NULL,        -- identity across machines (bundles)
        enterprise_id     INTEGER NOT NULL REFERENCES enterprise(id),
        framework_id      TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        framework_hash    TEXT NOT NULL DEFAULT '',
        variant           TEXT,
        assessor          TEXT NOT NULL DEFAULT '',
        status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
        previous_id       INTEGER REFERENCES assessment(id),   -- revision chain
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        finalised_at      TEXT,
        score             TEXT,                 -- cached summary written by the scorer
        level             TEXT,
        UNIQUE (enterprise_id, uid),
        CHECK ((status = 'final') = (finalised_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX assessment_by_enterprise ON assessment(enterprise_id, framework_id, id);
    CREATE INDEX assessment_by_previous ON assessment(previous_id);
    CREATE TRIGGER assessment_final_is_read_only BEFORE UPDATE ON assessment
        WHEN OLD.status = 'final'
        BEGIN SELECT RAISE(ABORT, 'assessment is final (read-only)'); END;
    CREATE TRIGGER assessment_is_never_deleted BEFORE DELETE ON assessment
        BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;

    -- Every answer ever given, append-only. value NULL records that an answer was cleared.
    CREATE TABLE answer_revision (
        id            INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id),
        item          TEXT NOT NULL CHECK (item <> ''),
        value         TEXT CHECK (value IS NULL OR json_valid(value)),
        note          TEXT NOT NULL DEFAULT '',
        author        TEXT NOT NULL DEFAULT '',
        at            TEXT NOT NULL,
        carried       INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1)) -- copied into a new revision
    ) STRICT;
    CREATE INDEX answer_revision_by_item ON answer_revision(assessment_id, item, id);
    CREATE TRIGGER answer_revision_no_update BEFORE UPDATE ON answer_revision
        BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;
    CREATE TRIGGER answer_revision_no_delete BEFORE DELETE ON answer_revision
        BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;
    CREATE TRIGGER answer_revision_not_on_final BEFORE INSERT ON answer_revision
        WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'assessment is final (read-only)'); END;

    -- The current answer of each item: its latest revision, unless that cleared it.
    CREATE VIEW answer AS
        SELECT r.assessment_id, r.item, r.value, r.value = '\"na\"' AS not_applicable, r.note,
               r.author, r.at, r.id AS revision_id
        FROM answer_revision r
        WHERE r.id = (SELECT MAX(x.id) FROM answer_revision x
                      WHERE x.assessment_id = r.assessment_id AND x.item = r.item)
          AND r.value IS NOT NULL;

    -- Attachments; the bytes live once in evidence/ab/cdef… named by their SHA-256.
    CREATE TABLE evidence (
        id            INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id),
        item          TEXT NOT NULL CHECK (item <> ''),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        original_name TEXT NOT NULL,
        media_type    TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        added_by      TEXT NOT NULL DEFAULT '',
        added_at      TEXT NOT NULL,
        removed_at    TEXT                      -- detached, kept for the record
    ) STRICT;
    CREATE INDEX evidence_by_item ON evidence(assessment_id, item);
    CREATE INDEX evidence_by_hash ON evidence(sha256);
    CREATE TRIGGER evidence_not_on_final BEFORE INSERT ON evidence
        WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'assessment is final (read-only)'); END;
    CREATE TRIGGER evidence_frozen_when_final BEFORE UPDATE ON evidence
        WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'assessment is final (read-only)'); END;
    CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
        BEGIN SELECT RAISE(ABORT, 'evidence records are never deleted'); END;

    -- The user's edits of generated roadmap actions (one row per action).
    CREATE TABLE roadmap_edit (
        id            INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id),
        action        TEXT NOT NULL CHECK (action <> ''),
        owner         TEXT NOT NULL DEFAULT '',
        start_date    TEXT,
        due_date      TEXT,
        cost          TEXT,                     -- 万元, exact decimal text
        status        TEXT NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
        note          TEXT NOT NULL DEFAULT '',
        updated_by    TEXT NOT NULL DEFAULT '',
        updated_at    TEXT NOT NULL,
        UNIQUE (assessment_id, action)
    ) STRICT;
    CREATE TRIGGER roadmap_edit_not_on_final BEFORE INSERT ON roadmap_edit
        WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'assessment is final (read-only)'); END;
    CREATE TRIGGER roadmap_edit_frozen_when_final BEFORE UPDATE ON roadmap_edit
        WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
        BEGIN SELECT RAISE(ABORT, 'assessment is final (read-only)'); END;
";

/// What a diagnosis report needs beyond the score: the enterprise's products, process, lines,
/// IT systems and legal representative; who assessed, how (mode, documents, site visit,
/// interviews), on which date, under which report number; and the most projects the
/// assessment's roadmap runs at once (NULL = the engine's default). Columns are added, not
/// tables, so the read-only trigger of a final assessment covers them too.
const V3_REPORT_FIELDS: &str = "
    ALTER TABLE enterprise ADD COLUMN legal_representative TEXT NOT NULL DEFAULT '';
    ALTER TABLE enterprise ADD COLUMN main_products TEXT NOT NULL DEFAULT '';
    ALTER TABLE enterprise ADD COLUMN process_type TEXT NOT NULL DEFAULT ''
        CHECK (process_type IN ('', 'discrete', 'process', 'mixed'));
    ALTER TABLE enterprise ADD COLUMN production_lines TEXT NOT NULL DEFAULT '';
    ALTER TABLE enterprise ADD COLUMN it_systems TEXT NOT NULL DEFAULT '';

    ALTER TABLE assessment ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
    ALTER TABLE assessment ADD COLUMN mode TEXT NOT NULL DEFAULT 'self'
        CHECK (mode IN ('self', 'provider', 'third_party'));
    -- `IS`, not `=`: date() of a malformed text is NULL, and a NULL check passes
    ALTER TABLE assessment ADD COLUMN assessed_on TEXT
        CHECK (assessed_on IS NULL OR date(assessed_on) IS assessed_on);
    ALTER TABLE assessment ADD COLUMN report_no TEXT NOT NULL DEFAULT '';
    ALTER TABLE assessment ADD COLUMN documents_reviewed TEXT NOT NULL DEFAULT '';
    ALTER TABLE assessment ADD COLUMN site_visit INTEGER NOT NULL DEFAULT 0
        CHECK (site_visit IN (0, 1));
    ALTER TABLE assessment ADD COLUMN site_visit_on TEXT
        CHECK (site_visit_on IS NULL OR date(site_visit_on) IS site_visit_on);
    ALTER TABLE assessment ADD COLUMN interviews TEXT NOT NULL DEFAULT '';
    ALTER TABLE assessment ADD COLUMN max_parallel INTEGER
        CHECK (max_parallel IS NULL OR max_parallel BETWEEN 1 AND 20);
";

/// A draft opened by mistake can be discarded, and an enterprise removed with its assessments:
/// hidden from every list and refused by every read by id, their rows kept. History stays
/// append-only (the `-wal` check at open relies on it); a final assessment cannot be discarded
/// on its own (its read-only trigger refuses the update), only with its enterprise. A removed
/// enterprise's credit code is free again.
const V4_DISCARDED_DRAFTS: &str = "
    ALTER TABLE enterprise ADD COLUMN discarded_at TEXT;
    DROP INDEX enterprise_credit_code;
    CREATE UNIQUE INDEX enterprise_credit_code ON enterprise(credit_code)
        WHERE duplicate_of IS NULL AND discarded_at IS NULL;
    ALTER TABLE assessment ADD COLUMN discarded_at TEXT;
    CREATE TRIGGER assessment_discarded_is_read_only BEFORE UPDATE ON assessment
        WHEN OLD.discarded_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'assessment was discarded'); END;
    CREATE TRIGGER answer_revision_not_on_discarded BEFORE INSERT ON answer_revision
        WHEN (SELECT discarded_at FROM assessment WHERE id = NEW.assessment_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'assessment was discarded'); END;
";

const MIGRATIONS: &[M<'static>] = &[
    M::up(V1_ENTERPRISE),
    M::up(V2_ASSESSMENTS),
    M::up(V3_REPORT_FIELDS),
    M::up(V4_DISCARDED_DRAFTS),
];

/// How many migrations this build knows: the highest `user_version` it can open.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// All migrations in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema (`sqlite_master`) our migrations make at `version`: what a database of that
/// version must contain, no more and no less (see [`crate::recovery`]).
pub fn schema_at(version: u32) -> crate::Result<Vec<(String, String, Option<String>)>> {
    let mut conn = rusqlite::Connection::open_in_memory()?;
    migrations().to_version(&mut conn, version as usize)?;
    Ok(crate::recovery::schema(&conn)?)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use rusqlite_migration::SchemaVersion;

    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn latest_matches_the_schema_version_after_migrating() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version = migrations().current_version(&conn).unwrap();
        assert_eq!(
            version,
            SchemaVersion::Inside(std::num::NonZeroUsize::new(LATEST as usize).unwrap())
        );
    }
}
