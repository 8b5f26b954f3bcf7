//! Bundles: one `.zip` file that carries an enterprise, its assessments (every answer
//! revision), roadmap edits and evidence files between machines — the consultant's laptop,
//! the client's PC, next year's re-assessment.
//!
//! ```text
//! data.json                 BundleData: enterprise, assessments with full answer history
//! evidence/<sha256>         each attachment once, named by its hash
//! manifest.json             format, format version, app version, created, size + SHA-256 of every entry
//! ```
//!
//! The JSON holds no database ids: assessments are identified by `uid`, revisions point to
//! their predecessor by uid, so a bundle means the same thing in any database, and exporting
//! what was imported gives the same bytes.
//!
//! Import trusts nothing: every limit (entry count, sizes, compression ratio), every path,
//! every hash and every value is checked before the first write, and the writes happen in one
//! transaction; on any failure the database and the evidence folder are as they were.

mod export;
mod import;
mod input;
mod meaning;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::decimal::Decimal;

use crate::assessment::AssessmentStatus;
use crate::enterprise::EnterpriseDetails;
use crate::meta::AssessmentMeta;
use crate::roadmap::ActionStatus;

pub use export::{BundleScope, ExportReport};
pub use import::{AssessmentOutcome, EnterpriseOutcome, ImportReport, ImportedAssessment};
pub use meaning::is_timestamp;

/// The manifest's `format`.
pub const FORMAT_NAME: &str = "zhizhuan-bundle";
/// The manifest's `formatVersion` this build writes. Version 2 adds the report fields
/// (the assessment's `meta`, the profile's products, process, lines, IT systems and legal
/// representative); a version-1 bundle lacks them and imports with their defaults.
pub const FORMAT_VERSION: u32 = 2;
/// Every `formatVersion` this build reads.
pub const READABLE_VERSIONS: [u32; 2] = [1, 2];
pub const MANIFEST_ENTRY: &str = "manifest.json";
pub const DATA_ENTRY: &str = "data.json";
pub const EVIDENCE_PREFIX: &str = "evidence/";

/// What to do when the bundle's enterprise (same 统一社会信用代码) is already in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OnExisting {
    /// Import nothing and say so, so the user can choose.
    Refuse,
    /// Add the bundle's assessments to the existing enterprise (its profile is kept).
    /// Assessments already present are skipped, extended with newer answers, or — when both
    /// sides changed — imported as a separate copy; no answer is dropped.
    Merge,
    /// Store the bundle's enterprise as a separate copy marked as a duplicate of the existing one.
    KeepApart,
}

/// Defences against hostile or broken files. The defaults fit a real assessment with
/// thousands of photos; tests use small ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundleLimits {
    pub max_entries: usize,
    /// Largest uncompressed entry.
    pub max_entry_bytes: u64,
    /// Largest uncompressed total.
    pub max_total_bytes: u64,
    /// Largest uncompressed / compressed ratio, for entries above `ratio_floor_bytes`.
    pub max_ratio: u64,
    pub ratio_floor_bytes: u64,
    /// Largest manifest.json / data.json (they are parsed in memory).
    pub max_json_bytes: u64,
}

impl Default for BundleLimits {
    fn default() -> Self {
        BundleLimits {
            max_entries: 20_000,
            max_entry_bytes: crate::evidence::EVIDENCE_MAX_BYTES,
            max_total_bytes: 4 * 1024 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor_bytes: 64 * 1024,
            // data.json holds every answer revision of the enterprise: some thousands, well
            // under 4 MB; a larger one is not ours and would be parsed in memory.
            max_json_bytes: 4 * 1024 * 1024,
        }
    }
}

/// Why a bundle was refused. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{path} 不是有效的数据包（zip）：{message}")]
    NotAZip { path: String, message: String },
    #[error("数据包条目「{name}」的路径不安全：{reason}")]
    UnsafePath { name: String, reason: &'static str },
    #[error("数据包有 {count} 个条目，超过上限 {limit}")]
    TooManyEntries { count: usize, limit: usize },
    #[error("数据包条目「{name}」解压后 {size} 字节，超过单个条目的上限 {limit} 字节")]
    EntryTooLarge { name: String, size: u64, limit: u64 },
    #[error("数据包解压后共 {total} 字节，超过上限 {limit} 字节")]
    TooLargeInTotal { total: u64, limit: u64 },
    #[error("数据包条目「{name}」的压缩比 {ratio}:1 超过上限 {limit}:1（疑似压缩炸弹）")]
    CompressionRatio {
        name: String,
        ratio: u64,
        limit: u64,
    },
    #[error("数据包条目「{name}」不是普通文件（{kind}）")]
    NotAFile { name: String, kind: &'static str },
    #[error("数据包含有不认识的条目「{name}」")]
    UnexpectedEntry { name: String },
    #[error("数据包缺少条目「{name}」")]
    MissingEntry { name: String },
    #[error("数据包条目「{name}」没有列在清单 manifest.json 中")]
    Unlisted { name: String },
    #[error("数据包条目「{name}」的 SHA-256 与清单不符（清单 {expected}，实际 {actual}）")]
    HashMismatch {
        name: String,
        expected: String,
        actual: String,
    },
    #[error("数据包条目「{name}」的大小与清单不符（清单 {expected} 字节，实际 {actual} 字节）")]
    SizeMismatch {
        name: String,
        expected: u64,
        actual: u64,
    },
    #[error("manifest.json 的格式「{found}」不是智转数据包（应为「{FORMAT_NAME}」）")]
    WrongFormat { found: String },
    #[error("数据包格式版本 {found} 不受支持（本程序支持版本 1–{FORMAT_VERSION}）；请升级智转")]
    UnknownVersion { found: String },
    #[error("{entry}:{line}:{column}：{message}")]
    Json {
        entry: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("数据包内容无效：{location}：{message}")]
    Invalid { location: String, message: String },
    #[error(
        "企业「{name}」（{credit_code}）已存在（编号 {existing}）；请选择合并（--merge）或分开保存（--keep-apart）"
    )]
    EnterpriseExists {
        name: String,
        credit_code: String,
        existing: i64,
    },
    #[error("读取数据包条目「{name}」失败：{message}")]
    Read { name: String, message: String },
}

/// manifest.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The ZhiZhuan version that wrote the bundle.
    pub app_version: String,
    pub created_at: String,
    /// Every other entry of the zip, with its uncompressed size and SHA-256.
    pub entries: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// data.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleData {
    pub enterprise: BundleEnterprise,
    /// Oldest first; a revision always comes after the assessment it revises.
    pub assessments: Vec<BundleAssessment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleEnterprise {
    pub name: String,
    pub credit_code: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub industry: String,
    pub size: String,
    pub created_at: String,
    pub updated_at: String,
    pub details: EnterpriseDetails,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleAssessment {
    pub uid: String,
    pub framework_id: String,
    pub framework_version: String,
    pub framework_hash: String,
    pub variant: Option<String>,
    pub assessor: String,
    pub status: AssessmentStatus,
    pub previous_uid: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub finalised_at: Option<String>,
    pub score: Option<Decimal>,
    pub level: Option<String>,
    /// Every revision, oldest first.
    pub answers: Vec<BundleAnswer>,
    pub evidence: Vec<BundleEvidence>,
    pub roadmap: Vec<BundleRoadmapEdit>,
    /// How the assessment was made (format 2); `None` in a version-1 bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<AssessmentMeta>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleAnswer {
    pub item: String,
    pub value: Option<AnswerValue>,
    pub note: String,
    pub author: String,
    pub at: String,
    pub carried: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleEvidence {
    pub item: String,
    pub sha256: String,
    pub original_name: String,
    pub media_type: String,
    pub size: u64,
    pub added_by: String,
    pub added_at: String,
    pub removed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleRoadmapEdit {
    pub action: String,
    pub owner: String,
    pub start_date: Option<String>,
    pub due_date: Option<String>,
    pub cost: Option<Decimal>,
    pub status: ActionStatus,
    pub note: String,
    pub updated_by: String,
    pub updated_at: String,
}

/// Checks an entry name: only `manifest.json`, `data.json` and `evidence/<64 hex>` exist in a
/// bundle, so anything else — absolute, `..`, backslashes, drive letters — is refused by name
/// before its bytes are read.
pub fn check_entry_name(name: &str) -> Result<(), BundleError> {
    let unsafe_path = |reason| {
        Err(BundleError::UnsafePath {
            name: name.to_owned(),
            reason,
        })
    };
    if name.contains('\\') {
        return unsafe_path("含反斜杠 \\");
    }
    if name.starts_with('/') || name.as_bytes().get(1) == Some(&b':') {
        return unsafe_path("是绝对路径");
    }
    if name.split('/').any(|part| part == ".." || part == ".") {
        return unsafe_path("含 .. 或 . 路径段");
    }
    if name.split('/').any(str::is_empty) {
        return unsafe_path("含空路径段");
    }
    if name.chars().any(char::is_control) {
        return unsafe_path("含控制字符");
    }
    let known = name == MANIFEST_ENTRY
        || name == DATA_ENTRY
        || name
            .strip_prefix(EVIDENCE_PREFIX)
            .is_some_and(crate::evidence::is_sha256_hex);
    if !known {
        return Err(BundleError::UnexpectedEntry {
            name: name.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_are_checked_before_reading() {
        let hash = "ab".repeat(32);
        for ok in ["manifest.json", "data.json", &format!("evidence/{hash}")] {
            check_entry_name(ok).unwrap();
        }
        for (bad, unsafe_path) in [
            ("../evil", true),
            ("evidence/../../x", true),
            ("/etc/passwd", true),
            ("C:/Windows/x", true),
            ("evidence\\x", true),
            ("evidence//x", true),
            ("./data.json", true),
            ("evidence/ABCD", false),
            ("notes.txt", false),
        ] {
            let err = check_entry_name(bad).unwrap_err();
            assert_eq!(
                matches!(err, BundleError::UnsafePath { .. }),
                unsafe_path,
                "{bad}: {err}"
            );
        }
    }
}
