//! The `enterprise` table: one row per client enterprise, unique by 统一社会信用代码.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_core::enterprise::{EnterpriseInput, EnterpriseProfile};

use crate::{Result, Store, StoreError};

/// A stored enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Enterprise {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub industry: String,
    pub size: String,
    /// RFC 3339 timestamps.
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str =
    "id, name, credit_code, province, city, district, industry, size, created_at, updated_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Enterprise> {
    Ok(Enterprise {
        id: r.get(0)?,
        name: r.get(1)?,
        credit_code: r.get(2)?,
        province: r.get(3)?,
        city: r.get(4)?,
        district: r.get(5)?,
        industry: r.get(6)?,
        size: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

impl Store {
    /// Validates `input` and stores it as a new enterprise. Nothing is written when any field
    /// is invalid or the credit code already belongs to another enterprise.
    pub fn create_enterprise(&self, input: &EnterpriseInput, now: &str) -> Result<Enterprise> {
        let p: EnterpriseProfile = input.validate()?;
        let code = p.credit_code.as_str();
        let taken: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM enterprise WHERE credit_code = ?1", [code], |r| r.get(0))
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::DuplicateCreditCode(code.to_owned()));
        }
        self.conn().execute(
            "INSERT INTO enterprise (name, credit_code, province, city, district, industry, size,
                                     created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![p.name, code, p.province, p.city, p.district, p.industry, p.size, now],
        )?;
        self.enterprise(self.conn().last_insert_rowid())
    }

    /// One enterprise by id.
    pub fn enterprise(&self, id: i64) -> Result<Enterprise> {
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM enterprise WHERE id = ?1"), [id], from_row)
            .optional()?
            .ok_or(StoreError::EnterpriseNotFound(id))
    }

    /// All enterprises, most recently changed first (the consultant's current client on top).
    pub fn enterprises(&self) -> Result<Vec<Enterprise>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM enterprise ORDER BY updated_at DESC, id DESC"))?;
        let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, code: &str) -> EnterpriseInput {
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

    #[test]
    fn create_then_list_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("z.db");
        {
            let s = Store::open(&path).unwrap();
            s.create_enterprise(&input("昇镕电气", "914403001922038216"), "2026-01-01T00:00:00Z")
                .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let all = s.enterprises().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "昇镕电气");
    }

    #[test]
    fn invalid_or_duplicate_input_writes_nothing() {
        let s = Store::open_in_memory().unwrap();
        let bad = s.create_enterprise(&input("", "914403001922038217"), "t");
        assert!(matches!(bad, Err(StoreError::InvalidEnterprise(_))));
        s.create_enterprise(&input("甲", "914403001922038216"), "t").unwrap();
        let dup = s.create_enterprise(&input("乙", "914403001922038216"), "t");
        assert!(matches!(dup, Err(StoreError::DuplicateCreditCode(_))));
        assert_eq!(s.enterprises().unwrap().len(), 1);
    }
}
