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
                "SELECT id FROM enterprise WHERE credit_code = ?1 AND discarded_at IS NULL",
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

    /// Replaces the profile of enterprise `id`, validated as on creation. The credit code may
    /// change only to one no other enterprise holds (a kept-apart copy keeps its shared code).
    pub fn update_enterprise(
        &self,
        id: i64,
        input: &EnterpriseInput,
        now: &str,
    ) -> Result<Enterprise> {
        let before = self.enterprise(id)?;
        let p: EnterpriseProfile = input.validate()?;
        let code = p.credit_code.as_str();
        if code != before.credit_code && self.enterprise_by_credit_code(code)?.is_some() {
            return Err(StoreError::DuplicateCreditCode(code.to_owned()));
        }
        self.conn().execute(
            "UPDATE enterprise SET name = ?2, credit_code = ?3, province = ?4, city = ?5,
                    district = ?6, industry = ?7, size = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id, p.name, code, p.province, p.city, p.district, p.industry, p.size, now
            ],
        )?;
        self.enterprise(id)
    }

    /// Removes enterprise `id` with its assessments from every list and read: its rows stay
    /// in the file (history is never deleted), its credit code is free for a new profile.
    pub fn discard_enterprise(&self, id: i64, now: &str) -> Result<()> {
        self.enterprise(id)?;
        self.conn().execute(
            "UPDATE enterprise SET discarded_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }

    /// One enterprise by id.
    pub fn enterprise(&self, id: i64) -> Result<Enterprise> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM enterprise WHERE id = ?1 AND discarded_at IS NULL"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::EnterpriseNotFound(id))
    }

    /// All enterprises, most recently changed first (the consultant's current client on top).
    pub fn enterprises(&self) -> Result<Vec<Enterprise>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM enterprise WHERE discarded_at IS NULL ORDER BY updated_at DESC, id DESC"
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
                    (SELECT COUNT(*) FROM assessment a
                      WHERE a.enterprise_id = enterprise.id AND a.discarded_at IS NULL),
                    (SELECT a.id FROM assessment a
                      WHERE a.enterprise_id = enterprise.id AND a.discarded_at IS NULL
                      ORDER BY a.updated_at DESC, a.id DESC LIMIT 1)
             FROM enterprise
             JOIN (SELECT credit_code AS code, COUNT(*) AS n FROM enterprise
                   WHERE discarded_at IS NULL GROUP BY credit_code)
               AS same_code ON same_code.code = enterprise.credit_code
             WHERE enterprise.discarded_at IS NULL
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
    /// 法定代表人: who signs the report's 真实性承诺.
    #[serde(default)]
    pub legal_representative: String,
    /// 主要产品.
    #[serde(default)]
    pub main_products: String,
    #[serde(default)]
    pub process_type: Option<ProcessType>,
    /// 主要产线和设备.
    #[serde(default)]
    pub production_lines: String,
    /// 在用信息系统 (ERP, MES, …).
    #[serde(default)]
    pub it_systems: String,
}

/// 生产类型: discrete parts, a continuous process, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProcessType {
    /// 离散型.
    Discrete,
    /// 流程型.
    Process,
    /// 混合型.
    Mixed,
}

impl ProcessType {
    pub fn as_sql(self) -> &'static str {
        match self {
            ProcessType::Discrete => "discrete",
            ProcessType::Process => "process",
            ProcessType::Mixed => "mixed",
        }
    }

    pub fn from_sql(s: &str) -> Option<Self> {
        Some(match s {
            "discrete" => ProcessType::Discrete,
            "process" => ProcessType::Process,
            "mixed" => ProcessType::Mixed,
            _ => return None,
        })
    }
}

/// Caps of the profile's report texts, in characters: a person's name, and the descriptions
/// of products, lines and systems (a paragraph each in the report).
pub const LEGAL_REPRESENTATIVE_MAX_CHARS: usize = TEXT_MAX_CHARS;
pub const DESCRIPTION_MAX_CHARS: usize = 500;

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
        for (field, value, max) in [
            (
                "legalRepresentative",
                &self.legal_representative,
                LEGAL_REPRESENTATIVE_MAX_CHARS,
            ),
            ("mainProducts", &self.main_products, DESCRIPTION_MAX_CHARS),
            (
                "productionLines",
                &self.production_lines,
                DESCRIPTION_MAX_CHARS,
            ),
            ("itSystems", &self.it_systems, DESCRIPTION_MAX_CHARS),
        ] {
            let n = value.chars().count();
            if n > max {
                err(field.into(), format!("最多 {max} 个字，现在是 {n} 个字"));
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
        self.write_report_texts(id, details)
    }

    /// The enterprise's optional details (all empty when never set).
    pub fn enterprise_details(&self, id: i64) -> Result<EnterpriseDetails> {
        type Row = (Option<u32>, Option<String>, String, [String; 5]);
        let (employees, revenue, contacts, texts): Row = self
            .conn()
            .query_row(
                "SELECT employees, revenue, contacts, legal_representative, main_products,
                        process_type, production_lines, it_systems
                 FROM enterprise WHERE id = ?1",
                [id],
                |r| {
                    let texts = [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?];
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, texts))
                },
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
            process_type: match texts[2].as_str() {
                "" => None,
                p => {
                    Some(ProcessType::from_sql(p).ok_or_else(|| bad(format!("process_type {p}")))?)
                }
            },
            legal_representative: texts[0].clone(),
            main_products: texts[1].clone(),
            production_lines: texts[3].clone(),
            it_systems: texts[4].clone(),
        })
    }

    /// The primary enterprise with this credit code (not a kept-apart copy).
    pub fn enterprise_by_credit_code(&self, code: &str) -> Result<Option<Enterprise>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM enterprise WHERE credit_code = ?1 AND duplicate_of IS NULL AND discarded_at IS NULL"),
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
        let id = self.conn().last_insert_rowid();
        self.write_report_texts(id, details)?;
        Ok(id)
    }

    /// The profile's report texts (migration 3's columns).
    fn write_report_texts(&self, id: i64, d: &EnterpriseDetails) -> Result<()> {
        self.conn().execute(
            "UPDATE enterprise SET legal_representative = ?2, main_products = ?3,
                    process_type = ?4, production_lines = ?5, it_systems = ?6 WHERE id = ?1",
            params![
                id,
                d.legal_representative.trim(),
                d.main_products.trim(),
                d.process_type.map_or("", ProcessType::as_sql),
                d.production_lines.trim(),
                d.it_systems.trim()
            ],
        )?;
        Ok(())
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
    /// A second row for the same firm (汇铖液压), as an import keeps it: a copy of `original`.
    fn imported_copy(s: &Store, original: i64) -> i64 {
        let profile = input("汇铖液压", "91320505MA1Q7K4R2F").validate().unwrap();
        let at = "2026-01-03T00:00:00Z";
        s.insert_enterprise_row(
            &profile,
            &EnterpriseDetails::default(),
            at,
            at,
            Some(original),
        )
        .unwrap()
    }

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
        let copy = imported_copy(&s, original.id);
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
            legal_representative: "张喆".into(),
            main_products: "数控机床主轴".into(),
            process_type: Some(ProcessType::Discrete),
            production_lines: "主轴装配线 2 条".into(),
            it_systems: "ERP（用友 U8）".into(),
        };
        s.set_enterprise_details(e.id, &details, "t2").unwrap();
        assert_eq!(s.enterprise_details(e.id).unwrap(), details);

        let bad = EnterpriseDetails {
            revenue: Some("-1".parse().unwrap()),
            contacts: vec![Contact::default()],
            legal_representative: "名".repeat(LEGAL_REPRESENTATIVE_MAX_CHARS + 1),
            it_systems: "系".repeat(6 * 1024 * 1024 / 3),
            main_products: "品".repeat(DESCRIPTION_MAX_CHARS),
            ..details.clone()
        };
        let Err(StoreError::InvalidEnterprise(InvalidEnterprise(errors))) =
            s.set_enterprise_details(e.id, &bad, "t3")
        else {
            panic!("expected field errors")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        // main_products sits exactly on its cap, so it is no error
        assert_eq!(
            fields,
            [
                "revenue",
                "contacts[0].name",
                "legalRepresentative",
                "itSystems"
            ]
        );
        assert_eq!(
            s.enterprise_details(e.id).unwrap(),
            details,
            "nothing written"
        );
    }
}
