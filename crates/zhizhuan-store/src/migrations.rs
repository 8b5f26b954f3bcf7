//! The schema, as an append-only list of embedded migrations.
//!
//! Never edit a migration that has shipped: add a new one. `PRAGMA user_version` records how
//! many have run (rusqlite_migration's convention), which also lets an older app recognise a
//! database written by a newer one.

use rusqlite_migration::{M, Migrations};

const MIGRATIONS: &[M<'static>] = &[M::up(
    "CREATE TABLE enterprise (
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
    ) STRICT;",
)];

/// All migrations in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
