//! The `enterprise` table: one row per client enterprise, unique by 统一社会信用代码.
//!
//! Beside the profile the form validates ([`EnterpriseInput`]), an enterprise has optional
//! [`EnterpriseDetails`] (employees, revenue, contacts), kept in their own struct so the
//! existing form and its bindings keep working unchanged.
//!
//! The credit code is unique among primary rows. An imported enterprise that the user chose to
//! keep apart from an existing one with the same code is stored as a copy whose
//! `duplicate_of` names the original ([`crate::bundle::OnExisting::KeepApart`]).

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::enterprise::{
    EnterpriseInput, EnterpriseProfile, FieldError, InvalidEnterprise, TEXT_MAX_CHARS,
};

use crate::assessment::{self, Assessment};
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
            .query_row(
                "SELECT id FROM enterprise WHERE credit_code = ?1",
                [code],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::DuplicateCreditCode(code.to_owned()));
        }
        self.conn().execute(
            "INSERT INTO enterprise (name, credit_code, province, city, district, industry, size,
                                     created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                p.name, code, p.province, p.city, p.district, p.industry, p.size, now
            ],
        )?;
        self.enterprise(self.conn().last_insert_rowid())
    }

    /// One enterprise by id.
    pub fn enterprise(&self, id: i64) -> Result<Enterprise> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM enterprise WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::EnterpriseNotFound(id))
    }

    /// All enterprises, most recently changed first (the consultant's current client on top).
    pub fn enterprises(&self) -> Result<Vec<Enterprise>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM enterprise ORDER BY updated_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The enterprise list as the app and `zhizhuan enterprises list` show it, in the order of
    /// [`Store::enterprises`]: each enterprise with its copy mark, how many others share its
    /// credit code, its number of assessments and its latest one. Each enterprise's assessments
    /// are found through the `assessment_by_enterprise` index and its latest read by id (one
    /// window-function pass over all assessments measured 3× slower, see BENCHMARKS.md).
    pub fn enterprise_overview(&self) -> Result<Vec<EnterpriseOverview>> {
        // Unqualified columns are the outer row's; the subqueries name theirs. Codes are
        // counted once per code (a join), not once per row, so the list stays linear.
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS}, duplicate_of, same_code.n - 1,
                    (SELECT COUNT(*) FROM assessment a WHERE a.enterprise_id = enterprise.id),
                    (SELECT a.id FROM assessment a WHERE a.enterprise_id = enterprise.id
                      ORDER BY a.updated_at DESC, a.id DESC LIMIT 1)
             FROM enterprise
             JOIN (SELECT credit_code AS code, COUNT(*) AS n FROM enterprise GROUP BY credit_code)
               AS same_code ON same_code.code = enterprise.credit_code
             ORDER BY updated_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    from_row(r)?,
                    r.get::<_, Option<i64>>(10)?,
                    r.get::<_, u32>(11)?,
                    r.get::<_, u32>(12)?,
                    r.get::<_, Option<i64>>(13)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut latest = self.conn().prepare_cached(&format!(
            "SELECT {} FROM assessment WHERE id = ?1",
            assessment::COLUMNS
        ))?;
        let mut out = Vec::with_capacity(rows.len());
        for (enterprise, duplicate_of, shared_credit_code, assessments, latest_id) in rows {
            let latest = match latest_id {
                Some(id) => Some(latest.query_row([id], assessment::from_row)?),
                None => None,
            };
            out.push(EnterpriseOverview {
                enterprise,
                duplicate_of,
                shared_credit_code,
                assessments,
                latest,
            });
        }
        Ok(out)
    }
}

/// One row of the enterprise list: what a consultant with many clients needs to tell them
/// apart and see where each stands, without opening it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseOverview {
    pub enterprise: Enterprise,
    /// The original this enterprise is a copy of (kept apart on import), if it is one.
    #[ts(type = "number | null")]
    pub duplicate_of: Option<i64>,
    /// How many other enterprises use the same credit code (an original and its copies).
    pub shared_credit_code: u32,
    /// How many assessments it has.
    pub assessments: u32,
    /// Its most recently changed assessment, with the cached score and level if scored.
    pub latest: Option<Assessment>,
}

/// Optional facts about an enterprise, shown in the report's profile section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnterpriseDetails {
    /// 从业人员数.
    #[serde(default)]
    pub employees: Option<u32>,
    /// 营业收入, in 万元 (exact decimal, serialised as a string).
    #[serde(default)]
    pub revenue: Option<Decimal>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// A person to talk to at the enterprise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// Most contacts kept per enterprise (a form list, not an address book).
pub const CONTACTS_MAX: usize = 20;

impl EnterpriseDetails {
    /// Every problem at once, with the field path the form uses (`contacts[1].phone`).
    pub fn validate(&self) -> Result<(), InvalidEnterprise> {
        let mut errors = Vec::new();
        let mut err = |field: String, message: String| errors.push(FieldError { field, message });
        if let Some(r) = self.revenue
            && r < Decimal::ZERO
        {
            err("revenue".into(), format!("营业收入不能为负数（{r} 万元）"));
        }
        if self.contacts.len() > CONTACTS_MAX {
            err(
                "contacts".into(),
                format!(
                    "联系人最多 {CONTACTS_MAX} 位，现在是 {} 位",
                    self.contacts.len()
                ),
            );
        }
        for (i, c) in self.contacts.iter().enumerate() {
            if c.name.trim().is_empty() {
                err(format!("contacts[{i}].name"), "请填写联系人姓名".into());
            }
            for (field, value) in [
                ("name", &c.name),
                ("role", &c.role),
                ("phone", &c.phone),
                ("email", &c.email),
            ] {
                if value.chars().count() > TEXT_MAX_CHARS {
                    err(
                        format!("contacts[{i}].{field}"),
                        format!("最多 {TEXT_MAX_CHARS} 个字"),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(InvalidEnterprise(errors))
        }
    }
}

impl Store {
    /// Replaces the enterprise's optional details (validated; nothing written when invalid).
    pub fn set_enterprise_details(
        &self,
        id: i64,
        details: &EnterpriseDetails,
        now: &str,
    ) -> Result<()> {
        details.validate()?;
        self.enterprise(id)?;
        let contacts =
            serde_json::to_string(&details.contacts).map_err(|e| StoreError::InvalidValue {
                field: "contacts".into(),
                value: String::new(),
                message: e.to_string(),
            })?;
        self.conn().execute(
            "UPDATE enterprise SET employees = ?2, revenue = ?3, contacts = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, details.employees, details.revenue.map(|r| r.to_string()), contacts, now],
        )?;
        Ok(())
    }

    /// The enterprise's optional details (all empty when never set).
    pub fn enterprise_details(&self, id: i64) -> Result<EnterpriseDetails> {
        let (employees, revenue, contacts): (Option<u32>, Option<String>, String) = self
            .conn()
            .query_row(
                "SELECT employees, revenue, contacts FROM enterprise WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::EnterpriseNotFound(id))?;
        let bad = |message: String| StoreError::BadStoredValue {
            table: "enterprise",
            id,
            message,
        };
        Ok(EnterpriseDetails {
            employees,
            revenue: revenue
                .map(|r| r.parse())
                .transpose()
                .map_err(|e: zhizhuan_core::decimal::DecimalError| bad(e.to_string()))?,
            contacts: serde_json::from_str(&contacts).map_err(|e| bad(e.to_string()))?,
        })
    }

    /// The primary enterprise with this credit code (not a kept-apart copy).
    pub fn enterprise_by_credit_code(&self, code: &str) -> Result<Option<Enterprise>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM enterprise WHERE credit_code = ?1 AND duplicate_of IS NULL"),
                [code],
                from_row,
            )
            .optional()?)
    }

    /// The original an imported copy was kept apart from, if this enterprise is such a copy.
    pub fn enterprise_duplicate_of(&self, id: i64) -> Result<Option<i64>> {
        self.conn()
            .query_row(
                "SELECT duplicate_of FROM enterprise WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::EnterpriseNotFound(id))
    }

    /// Inserts a validated enterprise with the given timestamps (bundle import); `duplicate_of`
    /// marks a copy kept apart from an existing enterprise with the same credit code.
    pub(crate) fn insert_enterprise_row(
        &self,
        p: &EnterpriseProfile,
        details: &EnterpriseDetails,
        created_at: &str,
        updated_at: &str,
        duplicate_of: Option<i64>,
    ) -> Result<i64> {
        let contacts = serde_json::to_string(&details.contacts).unwrap_or_else(|_| "[]".into());
        self.conn().execute(
            "INSERT INTO enterprise (name, credit_code, province, city, district, industry, size,
                                     created_at, updated_at, employees, revenue, contacts, duplicate_of)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                p.name,
                p.credit_code.as_str(),
                p.province,
                p.city,
                p.district,
                p.industry,
                p.size,
                created_at,
                updated_at,
                details.employees,
                details.revenue.map(|r| r.to_string()),
                contacts,
                duplicate_of
            ],
        )?;
        Ok(self.conn().last_insert_rowid())
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
            s.create_enterprise(
                &input("昇镕电气", "914403001922038216"),
                "2026-01-01T00:00:00Z",
            )
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
        s.create_enterprise(&input("甲", "914403001922038216"), "t")
            .unwrap();
        let dup = s.create_enterprise(&input("乙", "914403001922038216"), "t");
        assert!(matches!(dup, Err(StoreError::DuplicateCreditCode(_))));
        assert_eq!(s.enterprises().unwrap().len(), 1);
    }

    /// The list row of each enterprise: copies are marked and counted on both sides, the
    /// latest assessment is the most recently changed one (not the newest id), and an
    /// enterprise without assessments has none.
    #[test]
    fn the_overview_marks_copies_and_finds_the_latest_assessment() {
        use crate::assessment::NewAssessment;
        let s = Store::open_in_memory().unwrap();
        let original = s
            .create_enterprise(
                &input("汇铖液压", "91320505MA1Q7K4R2F"),
                "2026-01-01T00:00:00Z",
            )
            .unwrap();
        let other = s
            .create_enterprise(
                &input("昇镕电气", "914403001922038216"),
                "2026-01-02T00:00:00Z",
            )
            .unwrap();
        let profile = input("汇铖液压", "91320505MA1Q7K4R2F").validate().unwrap();
        let copy = s
            .insert_enterprise_row(
                &profile,
                &EnterpriseDetails::default(),
                "2026-01-03T00:00:00Z",
                "2026-01-03T00:00:00Z",
                Some(original.id),
            )
            .unwrap();
        let start = |framework: &str, at: &str| {
            s.create_assessment(
                &NewAssessment {
                    enterprise_id: original.id,
                    framework_id: framework.into(),
                    framework_version: "v".into(),
                    ..NewAssessment::default()
                },
                at,
            )
            .unwrap()
        };
        let first = start("miit-2024", "2026-02-01T00:00:00Z");
        let second = start("cmmm-2020", "2026-03-01T00:00:00Z");
        // the older assessment is scored later, so it is the latest change
        s.set_score_summary(
            first.id,
            "57.875".parse().unwrap(),
            "二级",
            "2026-04-01T00:00:00Z",
        )
        .unwrap();

        let rows = s.enterprise_overview().unwrap();
        let row = |id: i64| rows.iter().find(|r| r.enterprise.id == id).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.enterprise.id).collect::<Vec<_>>(),
            s.enterprises()
                .unwrap()
                .iter()
                .map(|e| e.id)
                .collect::<Vec<_>>()
        );
        let o = row(original.id);
        assert_eq!(
            (o.duplicate_of, o.shared_credit_code, o.assessments),
            (None, 1, 2)
        );
        let latest = o.latest.as_ref().unwrap();
        assert_eq!(latest.id, first.id, "not {}", second.id);
        assert_eq!(latest.level.as_deref(), Some("二级"));
        assert_eq!(
            latest.score.map(|d| d.to_string()).as_deref(),
            Some("57.875")
        );
        let c = row(copy);
        assert_eq!(
            (c.duplicate_of, c.shared_credit_code, c.assessments),
            (Some(original.id), 1, 0)
        );
        assert_eq!(c.latest, None);
        let x = row(other.id);
        assert_eq!(
            (x.duplicate_of, x.shared_credit_code, x.latest.is_none()),
            (None, 0, true)
        );
    }
}

#[cfg(test)]
mod details_tests {
    use super::*;

    #[test]
    fn details_round_trip_exactly_and_bad_ones_are_located() {
        let s = Store::open_in_memory().unwrap();
        let input = EnterpriseInput {
            name: "甲".into(),
            credit_code: "914403001922038216".into(),
            province: "320000".into(),
            city: "苏州市".into(),
            district: "".into(),
            industry: "C38".into(),
            size: "medium".into(),
        };
        let e = s.create_enterprise(&input, "t").unwrap();
        assert_eq!(
            s.enterprise_details(e.id).unwrap(),
            EnterpriseDetails::default()
        );
        let details = EnterpriseDetails {
            employees: Some(230),
            revenue: Some("12345.6789".parse().unwrap()),
            contacts: vec![Contact {
                name: "王工".into(),
                role: "信息化主管".into(),
                ..Contact::default()
            }],
        };
        s.set_enterprise_details(e.id, &details, "t2").unwrap();
        assert_eq!(s.enterprise_details(e.id).unwrap(), details);

        let bad = EnterpriseDetails {
            revenue: Some("-1".parse().unwrap()),
            contacts: vec![Contact::default()],
            ..details.clone()
        };
        let Err(StoreError::InvalidEnterprise(InvalidEnterprise(errors))) =
            s.set_enterprise_details(e.id, &bad, "t3")
        else {
            panic!("expected field errors")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["revenue", "contacts[0].name"]);
        assert_eq!(
            s.enterprise_details(e.id).unwrap(),
            details,
            "nothing written"
        );
    }
}
