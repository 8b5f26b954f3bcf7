//! Reading a bundle: check everything, then write everything in one transaction.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use zhizhuan_core::enterprise::{EnterpriseInput, EnterpriseProfile};
use zhizhuan_core::framework::Registry;
use zip::ZipArchive;

use super::{
    BundleAssessment, BundleData, BundleError, BundleEvidence, BundleLimits, DATA_ENTRY,
    EVIDENCE_PREFIX, FORMAT_NAME, MANIFEST_ENTRY, Manifest, OnExisting, READABLE_VERSIONS,
    check_entry_name,
};
use crate::answer::{ITEM_MAX_CHARS, NOTE_MAX_CHARS, value_json};
use crate::assessment::{AssessmentStatus, new_uid};
use crate::evidence::{EvidenceDir, copy_hashing, is_sha256_hex};
use crate::roadmap::RoadmapEditInput;
use crate::{Result, Store, StoreError};

/// What happened to the bundle's enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum EnterpriseOutcome {
    Created,
    /// Merged into the existing enterprise (its profile kept).
    Merged,
    /// Stored as a copy of `original`.
    KeptApart {
        original: i64,
    },
}

/// What happened to one assessment of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum AssessmentOutcome {
    Created,
    /// Already present with the same content.
    Unchanged,
    /// Present as an earlier state (a draft whose history the bundle continues): the newer
    /// answers, evidence and roadmap edits were added.
    Extended {
        answers_added: usize,
    },
    /// Present, but both copies changed since they parted: imported as a separate assessment
    /// (new uid) so neither side's answers are lost.
    Copied,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedAssessment {
    pub uid: String,
    pub id: i64,
    pub outcome: AssessmentOutcome,
}

/// What [`Store::import_bundle`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub enterprise_id: i64,
    pub enterprise: EnterpriseOutcome,
    pub assessments: Vec<ImportedAssessment>,
    pub evidence_files_added: usize,
}

/// The evidence of a bundle, hashed and staged before the first write.
struct Staged {
    /// The data folder's evidence store (none when the bundle has no evidence).
    dir: Option<EvidenceDir>,
    /// Staged files by hash, to adopt once the rows are written.
    staged: Vec<(String, PathBuf)>,
    /// Removes the staging folder when dropped.
    guard: Option<Staging>,
}

type Archive = ZipArchive<BufReader<File>>;
/// Entry name → (index in the zip, declared uncompressed size).
type EntryIndex = BTreeMap<String, (usize, u64)>;

/// A bundle whose structure, manifest, hashes and data all passed.
struct Checked {
    archive: Archive,
    entries: EntryIndex,
    manifest: Manifest,
    data: BundleData,
    profile: EnterpriseProfile,
}

fn read_err(name: &str, e: impl std::fmt::Display) -> BundleError {
    BundleError::Read {
        name: name.to_owned(),
        message: e.to_string(),
    }
}

fn invalid(location: impl Into<String>, message: impl Into<String>) -> BundleError {
    BundleError::Invalid {
        location: location.into(),
        message: message.into(),
    }
}

fn json_err(entry: &str, e: &serde_json::Error) -> BundleError {
    BundleError::Json {
        entry: entry.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}

/// The archive opened as a zip, refused when it names an entry twice or holds too many.
fn open_zip(file: &Path, limits: &BundleLimits) -> Result<Archive, BundleError> {
    let f = File::open(file).map_err(|e| not_zip(file, e))?;
    let archive = ZipArchive::new(BufReader::new(f)).map_err(|e| not_zip(file, e))?;
    // The reader keeps one entry per name: a second "data.json" would be merged away
    // unseen, so a zip that names an entry twice is refused outright.
    if archive.has_duplicate_names() {
        return Err(BundleError::UnsafePath {
            name: file.display().to_string(),
            reason: "含重名条目（同一条目名出现两次）",
        });
    }
    if archive.len() > limits.max_entries {
        return Err(BundleError::TooManyEntries {
            count: archive.len(),
            limit: limits.max_entries,
        });
    }
    Ok(archive)
}

fn not_zip(file: &Path, e: impl std::fmt::Display) -> BundleError {
    BundleError::NotAZip {
        path: file.display().to_string(),
        message: e.to_string(),
    }
}

/// Lists the archive and checks every entry's name, kind and declared sizes.
fn scan(file: &Path, limits: &BundleLimits) -> Result<(Archive, EntryIndex), BundleError> {
    let mut archive = open_zip(file, limits)?;
    let mut entries = BTreeMap::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| not_zip(file, e))?;
        let name = match entry.name() {
            Ok(n) => n.into_owned(),
            Err(_) => {
                let shown = String::from_utf8_lossy(entry.name_raw()).into_owned();
                return Err(BundleError::UnsafePath {
                    name: shown,
                    reason: "文件名不是 UTF-8",
                });
            }
        };
        if entry.is_dir() || entry.is_symlink() {
            // Report an unsafe path as such even on a folder or link entry.
            if let Err(e @ BundleError::UnsafePath { .. }) =
                check_entry_name(name.trim_end_matches('/'))
            {
                return Err(e);
            }
            let kind = if entry.is_dir() {
                "文件夹"
            } else {
                "符号链接"
            };
            return Err(BundleError::NotAFile { name, kind });
        }
        check_entry_name(&name)?;
        if entry.encrypted() {
            return Err(BundleError::NotAFile {
                name,
                kind: "加密条目",
            });
        }
        let size = entry.size();
        if size > limits.max_entry_bytes {
            return Err(BundleError::EntryTooLarge {
                name,
                size,
                limit: limits.max_entry_bytes,
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(BundleError::TooLargeInTotal {
                total,
                limit: limits.max_total_bytes,
            });
        }
        let ratio = size / entry.compressed_size().max(1);
        if size > limits.ratio_floor_bytes && ratio > limits.max_ratio {
            return Err(BundleError::CompressionRatio {
                name,
                ratio,
                limit: limits.max_ratio,
            });
        }
        if entries.insert(name.clone(), (index, size)).is_some() {
            return Err(BundleError::UnsafePath {
                name,
                reason: "重复的条目名",
            });
        }
    }
    Ok((archive, entries))
}

/// Reads a whole (small) entry, never more than its declared size.
fn read_small(
    archive: &mut Archive,
    name: &str,
    (index, size): (usize, u64),
    limit: u64,
) -> Result<Vec<u8>, BundleError> {
    if size > limit {
        return Err(BundleError::EntryTooLarge {
            name: name.into(),
            size,
            limit,
        });
    }
    let entry = archive.by_index(index).map_err(|e| read_err(name, e))?;
    let mut buf = Vec::with_capacity(size as usize);
    entry
        .take(size + 1)
        .read_to_end(&mut buf)
        .map_err(|e| read_err(name, e))?;
    if buf.len() as u64 != size {
        return Err(BundleError::SizeMismatch {
            name: name.into(),
            expected: size,
            actual: buf.len() as u64,
        });
    }
    Ok(buf)
}

fn check_hash(name: &str, bytes: &[u8], expected: &str) -> Result<(), BundleError> {
    let actual = crate::evidence::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
    if actual != expected {
        return Err(BundleError::HashMismatch {
            name: name.into(),
            expected: expected.into(),
            actual,
        });
    }
    Ok(())
}

/// Structure, manifest, data.json and its meaning; evidence bytes are checked while staging.
fn check(file: &Path, limits: &BundleLimits, registry: &Registry) -> Result<Checked, BundleError> {
    let (mut archive, entries) = scan(file, limits)?;
    let at = |name: &str| {
        entries
            .get(name)
            .copied()
            .ok_or_else(|| BundleError::MissingEntry { name: name.into() })
    };

    let raw = read_small(
        &mut archive,
        MANIFEST_ENTRY,
        at(MANIFEST_ENTRY)?,
        limits.max_json_bytes.min(16 * 1024 * 1024),
    )?;
    let manifest = manifest_of(&raw)?;
    check_listing(&manifest, &entries)?;

    let data_entry = manifest
        .entries
        .iter()
        .find(|m| m.path == DATA_ENTRY)
        .ok_or_else(|| BundleError::MissingEntry {
            name: DATA_ENTRY.into(),
        })?;
    let raw = read_small(
        &mut archive,
        DATA_ENTRY,
        at(DATA_ENTRY)?,
        limits.max_json_bytes,
    )?;
    check_hash(DATA_ENTRY, &raw, &data_entry.sha256)?;
    let mut data: BundleData = super::input::parse_json(DATA_ENTRY, &raw)?;
    let evidence_sizes: HashMap<&str, u64> = manifest
        .entries
        .iter()
        .filter_map(|m| m.path.strip_prefix(EVIDENCE_PREFIX).map(|h| (h, m.size)))
        .collect();
    let profile = check_data(&data, &evidence_sizes)?;
    super::meaning::check_meaning(&mut data, registry)?;
    Ok(Checked {
        archive,
        entries,
        manifest,
        data,
        profile,
    })
}

/// The manifest: its format and version read loosely first (a newer manifest may have fields
/// this build does not know), then the whole of it.
fn manifest_of(raw: &[u8]) -> Result<Manifest, BundleError> {
    let unmarked = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    let loose: serde_json::Value =
        serde_json::from_slice(unmarked).map_err(|e| json_err(MANIFEST_ENTRY, &e))?;
    match loose.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT_NAME) => {}
        other => {
            return Err(BundleError::WrongFormat {
                found: other.unwrap_or("（缺失）").into(),
            });
        }
    }
    match loose.get("formatVersion") {
        Some(v)
            if READABLE_VERSIONS
                .iter()
                .any(|r| v.as_u64() == Some(u64::from(*r))) => {}
        other => {
            return Err(BundleError::UnknownVersion {
                found: other.map_or("（缺失）".into(), |v| v.to_string()),
            });
        }
    }
    super::input::parse_json(MANIFEST_ENTRY, raw)
}

/// Every archive entry listed once in the manifest, with its size and (for evidence) its name's
/// hash; nothing in the archive unlisted.
fn check_listing(manifest: &Manifest, entries: &EntryIndex) -> Result<(), BundleError> {
    let at = |name: &str| {
        entries
            .get(name)
            .copied()
            .ok_or_else(|| BundleError::MissingEntry { name: name.into() })
    };
    let mut listed = BTreeSet::new();
    for (i, m) in manifest.entries.iter().enumerate() {
        check_entry_name(&m.path)?;
        if m.path == MANIFEST_ENTRY || !listed.insert(m.path.as_str()) {
            return Err(invalid(
                format!("manifest.json entries[{i}]"),
                format!("条目「{}」重复", m.path),
            ));
        }
        if !is_sha256_hex(&m.sha256) {
            return Err(invalid(
                format!("manifest.json entries[{i}].sha256"),
                format!("「{}」不是 64 位小写十六进制", m.sha256),
            ));
        }
        let (_, size) = at(&m.path)?;
        if size != m.size {
            return Err(BundleError::SizeMismatch {
                name: m.path.clone(),
                expected: m.size,
                actual: size,
            });
        }
        if let Some(hash) = m.path.strip_prefix(EVIDENCE_PREFIX)
            && hash != m.sha256
        {
            return Err(BundleError::HashMismatch {
                name: m.path.clone(),
                expected: hash.into(),
                actual: m.sha256.clone(),
            });
        }
    }
    if let Some(name) = entries
        .keys()
        .find(|n| *n != MANIFEST_ENTRY && !listed.contains(n.as_str()))
    {
        return Err(BundleError::Unlisted { name: name.clone() });
    }
    Ok(())
}

/// The meaning of data.json: every value valid, every reference resolvable.
fn check_data(
    data: &BundleData,
    evidence_sizes: &HashMap<&str, u64>,
) -> Result<EnterpriseProfile, BundleError> {
    let e = &data.enterprise;
    let profile = EnterpriseInput {
        name: e.name.clone(),
        credit_code: e.credit_code.clone(),
        province: e.province.clone(),
        city: e.city.clone(),
        district: e.district.clone(),
        industry: e.industry.clone(),
        size: e.size.clone(),
    }
    .validate()
    .map_err(|err| invalid("data.json enterprise", err.to_string()))?;
    e.details
        .validate()
        .map_err(|err| invalid("data.json enterprise.details", err.to_string()))?;

    let mut seen = HashSet::new();
    for (i, a) in data.assessments.iter().enumerate() {
        check_assessment(i, a, &mut seen)?;
        check_rows(i, a, evidence_sizes)?;
    }
    Ok(profile)
}

/// One assessment's own fields: a valid and unique uid, its record, an earlier version that
/// comes before it, its framework, and a finalisation time exactly when final.
fn check_assessment<'a>(
    i: usize,
    a: &'a BundleAssessment,
    seen: &mut HashSet<&'a str>,
) -> Result<(), BundleError> {
    let at = |field: String| format!("data.json assessments[{i}].{field}");
    let uid_ok = (1..=64).contains(&a.uid.len())
        && a.uid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !uid_ok {
        return Err(invalid(
            at("uid".into()),
            format!("「{}」不是有效的评估标识", a.uid),
        ));
    }
    if let Some(m) = &a.meta {
        m.validate()
            .map_err(|err| invalid(at("meta".into()), err.to_string()))?;
    }
    if let Some(prev) = &a.previous_uid
        && !seen.contains(prev.as_str())
    {
        return Err(invalid(
            at("previousUid".into()),
            format!("前一版本「{prev}」不在此数据包中它之前的位置"),
        ));
    }
    if !seen.insert(a.uid.as_str()) {
        return Err(invalid(at("uid".into()), format!("「{}」重复", a.uid)));
    }
    for (field, value) in [
        ("frameworkId", &a.framework_id),
        ("frameworkVersion", &a.framework_version),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(at(field.into()), "不能为空"));
        }
    }
    if (a.status == AssessmentStatus::Final) != a.finalised_at.is_some() {
        return Err(invalid(
            at("finalisedAt".into()),
            "定稿的评估须有定稿时间，草稿不能有",
        ));
    }
    Ok(())
}

/// One assessment's rows: answers, evidence (each file in the bundle, of its size) and plan
/// edits (one per action, each valid).
fn check_rows(
    i: usize,
    a: &BundleAssessment,
    evidence_sizes: &HashMap<&str, u64>,
) -> Result<(), BundleError> {
    let at = |field: String| format!("data.json assessments[{i}].{field}");
    for (j, r) in a.answers.iter().enumerate() {
        if r.item.trim().is_empty() || r.item.chars().count() > ITEM_MAX_CHARS {
            return Err(invalid(
                at(format!("answers[{j}].item")),
                format!("题目编号「{}」无效", r.item),
            ));
        }
        if r.note.chars().count() > NOTE_MAX_CHARS {
            return Err(invalid(
                at(format!("answers[{j}].note")),
                format!("备注超过 {NOTE_MAX_CHARS} 字"),
            ));
        }
    }
    for (j, ev) in a.evidence.iter().enumerate() {
        let loc = |f: &str| at(format!("evidence[{j}].{f}"));
        if ev.item.trim().is_empty() {
            return Err(invalid(loc("item"), "题目编号不能为空"));
        }
        if !is_sha256_hex(&ev.sha256) {
            return Err(invalid(
                loc("sha256"),
                format!("「{}」不是 64 位小写十六进制", ev.sha256),
            ));
        }
        match evidence_sizes.get(ev.sha256.as_str()) {
            None => {
                return Err(BundleError::MissingEntry {
                    name: format!("{EVIDENCE_PREFIX}{}", ev.sha256),
                });
            }
            Some(&size) if size != ev.size => {
                return Err(invalid(
                    loc("size"),
                    format!("{} 字节，而文件是 {size} 字节", ev.size),
                ));
            }
            Some(_) => {}
        }
    }
    let mut actions = HashSet::new();
    for (j, r) in a.roadmap.iter().enumerate() {
        if !actions.insert(r.action.as_str()) {
            return Err(invalid(
                at(format!("roadmap[{j}].action")),
                format!("措施「{}」重复", r.action),
            ));
        }
        roadmap_input(r)
            .validate()
            .map_err(|err| invalid(at(format!("roadmap[{j}]")), err.to_string()))?;
    }
    Ok(())
}

fn roadmap_input(r: &super::BundleRoadmapEdit) -> RoadmapEditInput {
    RoadmapEditInput {
        action: r.action.clone(),
        owner: r.owner.clone(),
        start_date: r.start_date.clone(),
        due_date: r.due_date.clone(),
        cost: r.cost,
        status: r.status,
        note: r.note.clone(),
    }
}

/// A staging folder beside the database, removed however the import ends. A killed import
/// cannot remove it, so it holds a locked `.lock` while it lives: the next open removes
/// `.import-*` folders whose lock nobody holds ([`crate::recovery::remove_stale_staging`]).
struct Staging(PathBuf, Option<File>);

impl Staging {
    fn create(path: PathBuf) -> Result<Staging> {
        std::fs::create_dir_all(&path).map_err(StoreError::io(&path))?;
        let lock_path = path.join(crate::recovery::STAGING_LOCK);
        let lock = File::create(&lock_path).map_err(StoreError::io(&lock_path))?;
        lock.lock().map_err(StoreError::io(&lock_path))?;
        Ok(Staging(path, Some(lock)))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        drop(self.1.take());
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Store {
    /// Imports a bundle with the default [`BundleLimits`].
    pub fn import_bundle(
        &self,
        file: &Path,
        on_existing: OnExisting,
        registry: &Registry,
    ) -> Result<ImportReport> {
        self.import_bundle_with_limits(file, on_existing, &BundleLimits::default(), registry)
    }

    /// Checks the whole bundle (structure, limits, paths, manifest, every hash, every value,
    /// every answer against its framework in `registry`),
    /// then writes it in one transaction. On any error nothing is written: the database and
    /// the evidence folder are as before.
    pub fn import_bundle_with_limits(
        &self,
        file: &Path,
        on_existing: OnExisting,
        limits: &BundleLimits,
        registry: &Registry,
    ) -> Result<ImportReport> {
        let Checked {
            mut archive,
            entries,
            manifest,
            data,
            profile,
        } = check(file, limits, registry)?;

        let existing = self.enterprise_by_credit_code(profile.credit_code.as_str())?;
        if let (Some(e), OnExisting::Refuse) = (&existing, on_existing) {
            return Err(BundleError::EnterpriseExists {
                name: e.name.clone(),
                credit_code: e.credit_code.clone(),
                existing: e.id,
            }
            .into());
        }

        // Every evidence entry is hashed (and the new ones staged) before the first write.
        let Staged {
            dir,
            staged,
            guard: staging_guard,
        } = self.stage_evidence(&mut archive, &entries, &manifest, &data)?;

        let tx = self.conn().unchecked_transaction()?;
        let mut added = Vec::new();
        let written = (|| {
            let report = self.write_bundle(&data, &profile, existing.map(|e| e.id), on_existing)?;
            for (hash, path) in &staged {
                if let Some(dir) = &dir
                    && dir.adopt(path, hash)?
                {
                    added.push(dir.path_for(hash));
                }
            }
            Ok(ImportReport {
                evidence_files_added: added.len(),
                ..report
            })
        })();
        let committed = written.and_then(|r| tx.commit().map(|()| r).map_err(StoreError::from));
        if committed.is_err() {
            // The transaction rolled back (dropped uncommitted); take back the files too.
            for f in &added {
                let _ = std::fs::remove_file(f);
            }
        }
        drop(staging_guard);
        committed
    }

    /// Hashes every evidence entry of the bundle and stages the files the data folder does not
    /// hold yet; a size or hash that differs from the manifest refuses the bundle.
    fn stage_evidence(
        &self,
        archive: &mut Archive,
        entries: &EntryIndex,
        manifest: &Manifest,
        data: &BundleData,
    ) -> Result<Staged> {
        let evidence_entries: Vec<_> = manifest
            .entries
            .iter()
            .filter(|m| m.path.starts_with(EVIDENCE_PREFIX))
            .collect();
        let referenced: HashSet<&str> = data
            .assessments
            .iter()
            .flat_map(|a| a.evidence.iter().map(|e| e.sha256.as_str()))
            .collect();
        let mut staged = Vec::new();
        let mut staging_guard = None;
        let dir = if evidence_entries.is_empty() {
            None
        } else {
            Some(EvidenceDir::of(self)?)
        };
        for m in &evidence_entries {
            let Some(dir) = &dir else { break };
            let (index, size) = entries[&m.path];
            let mut reader = archive.by_index(index).map_err(|e| read_err(&m.path, e))?;
            let keep = referenced.contains(m.sha256.as_str()) && !dir.contains(&m.sha256);
            let (got, actual) = if keep {
                if staging_guard.is_none() {
                    staging_guard = Some(Staging::create(
                        self.data_dir()?.join(format!(".import-{}", new_uid())),
                    )?);
                }
                let staging = staging_guard.as_ref().expect("created above");
                let path = staging.0.join(&m.sha256);
                let mut out = File::create(&path).map_err(StoreError::io(&path))?;
                let r = copy_hashing(&mut reader, Some(&mut out), size)
                    .map_err(|e| read_err(&m.path, e))?;
                out.sync_all().map_err(StoreError::io(&path))?;
                staged.push((m.sha256.clone(), path));
                r
            } else {
                copy_hashing(&mut reader, None, size).map_err(|e| read_err(&m.path, e))?
            };
            if actual != size {
                return Err(BundleError::SizeMismatch {
                    name: m.path.clone(),
                    expected: size,
                    actual,
                }
                .into());
            }
            if got != m.sha256 {
                return Err(BundleError::HashMismatch {
                    name: m.path.clone(),
                    expected: m.sha256.clone(),
                    actual: got,
                }
                .into());
            }
        }
        Ok(Staged {
            dir,
            staged,
            guard: staging_guard,
        })
    }

    fn write_bundle(
        &self,
        data: &BundleData,
        profile: &EnterpriseProfile,
        existing: Option<i64>,
        on_existing: OnExisting,
    ) -> Result<ImportReport> {
        let e = &data.enterprise;
        let (enterprise_id, enterprise) = match (existing, on_existing) {
            (None, _) => (
                self.insert_enterprise_row(
                    profile,
                    &e.details,
                    &e.created_at,
                    &e.updated_at,
                    None,
                )?,
                EnterpriseOutcome::Created,
            ),
            (Some(id), OnExisting::Merge) => (id, EnterpriseOutcome::Merged),
            (Some(id), _) => (
                self.insert_enterprise_row(
                    profile,
                    &e.details,
                    &e.created_at,
                    &e.updated_at,
                    Some(id),
                )?,
                EnterpriseOutcome::KeptApart { original: id },
            ),
        };
        let mut ids: HashMap<&str, i64> = HashMap::new();
        let mut assessments = Vec::new();
        for b in &data.assessments {
            let previous_id = b.previous_uid.as_deref().map(|u| ids[u]);
            let (id, outcome) = self.write_bundle_assessment(enterprise_id, b, previous_id)?;
            ids.insert(&b.uid, id);
            assessments.push(ImportedAssessment {
                uid: b.uid.clone(),
                id,
                outcome,
            });
        }
        Ok(ImportReport {
            enterprise_id,
            enterprise,
            assessments,
            evidence_files_added: 0,
        })
    }

    /// One assessment of a bundle: created when the enterprise has no assessment of its uid,
    /// unchanged when the same, extended when the bundle continues it, a copy otherwise.
    fn write_bundle_assessment(
        &self,
        enterprise_id: i64,
        b: &BundleAssessment,
        previous_id: Option<i64>,
    ) -> Result<(i64, AssessmentOutcome)> {
        let present = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {} FROM assessment WHERE enterprise_id = ?1 AND uid = ?2",
                    crate::assessment::COLUMNS
                ),
                params![enterprise_id, b.uid],
                crate::assessment::from_row,
            )
            .optional()?;
        let written = match present {
            None => (
                self.insert_bundle_assessment(enterprise_id, b, &b.uid, previous_id)?,
                AssessmentOutcome::Created,
            ),
            Some(a) => {
                let mut current = self.bundle_assessment(&a, b.previous_uid.clone())?;
                current.previous_uid = b.previous_uid.clone();
                if current == *b {
                    (a.id, AssessmentOutcome::Unchanged)
                } else if continues(&current, b) {
                    let answers_added = self.extend_assessment(a.id, &current, b)?;
                    (a.id, AssessmentOutcome::Extended { answers_added })
                } else {
                    (
                        self.insert_bundle_assessment(enterprise_id, b, &new_uid(), previous_id)?,
                        AssessmentOutcome::Copied,
                    )
                }
            }
        };
        Ok(written)
    }

    fn insert_bundle_assessment(
        &self,
        enterprise_id: i64,
        b: &BundleAssessment,
        uid: &str,
        previous_id: Option<i64>,
    ) -> Result<i64> {
        // Inserted as a draft, filled, then finalised: the read-only triggers allow no other order.
        self.conn().execute(
            "INSERT INTO assessment (uid, enterprise_id, framework_id, framework_version, framework_hash, variant,
                                     assessor, status, previous_id, created_at, updated_at, score, level)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8, ?9, ?10, ?11, ?12)",
            params![
                uid,
                enterprise_id,
                b.framework_id,
                b.framework_version,
                b.framework_hash,
                b.variant,
                b.assessor,
                previous_id,
                b.created_at,
                b.updated_at,
                b.score.map(|s| s.to_string()),
                b.level
            ],
        )?;
        let id = self.conn().last_insert_rowid();
        self.write_bundle_meta(id, b)?;
        self.insert_answers(id, &b.answers)?;
        for ev in &b.evidence {
            self.insert_evidence_row(id, ev)?;
        }
        self.upsert_roadmap(id, b)?;
        if let Some(at) = &b.finalised_at {
            self.conn().execute(
                "UPDATE assessment SET status = 'final', finalised_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
        }
        Ok(id)
    }

    fn insert_answers(&self, id: i64, answers: &[super::BundleAnswer]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO answer_revision (assessment_id, item, value, note, author, at, carried) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in answers {
            stmt.execute(params![
                id,
                r.item,
                value_json(r.value.as_ref()),
                r.note,
                r.author,
                r.at,
                r.carried
            ])?;
        }
        Ok(())
    }

    fn insert_evidence_row(&self, id: i64, ev: &BundleEvidence) -> Result<()> {
        self.conn().execute(
            "INSERT INTO evidence (assessment_id, item, sha256, original_name, media_type, size, added_by, added_at, removed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![id, ev.item, ev.sha256, ev.original_name, ev.media_type, ev.size as i64, ev.added_by, ev.added_at, ev.removed_at],
        )?;
        Ok(())
    }

    /// The bundle's record of how the assessment was made (a version-1 bundle has none: the
    /// columns keep their defaults). Written while the row is still a draft.
    fn write_bundle_meta(&self, id: i64, b: &BundleAssessment) -> Result<()> {
        match &b.meta {
            Some(m) => self.set_assessment_meta(id, m, &b.updated_at),
            None => Ok(()),
        }
    }

    fn upsert_roadmap(&self, id: i64, b: &BundleAssessment) -> Result<()> {
        for r in &b.roadmap {
            self.conn().execute(
                "INSERT INTO roadmap_edit (assessment_id, action, owner, start_date, due_date, cost, status, note, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (assessment_id, action) DO UPDATE SET owner = excluded.owner,
                     start_date = excluded.start_date, due_date = excluded.due_date, cost = excluded.cost,
                     status = excluded.status, note = excluded.note, updated_by = excluded.updated_by,
                     updated_at = excluded.updated_at",
                params![
                    id,
                    r.action,
                    r.owner,
                    r.start_date,
                    r.due_date,
                    r.cost.map(|c| c.to_string()),
                    r.status.as_sql(),
                    r.note,
                    r.updated_by,
                    r.updated_at
                ],
            )?;
        }
        Ok(())
    }

    /// Adds what `b` has beyond `current` (see [`continues`]); returns the answers added.
    fn extend_assessment(
        &self,
        id: i64,
        current: &BundleAssessment,
        b: &BundleAssessment,
    ) -> Result<usize> {
        let new_answers = &b.answers[current.answers.len()..];
        self.insert_answers(id, new_answers)?;
        for ev in &b.evidence {
            match current.evidence.iter().find(|c| same_attachment(c, ev)) {
                None => self.insert_evidence_row(id, ev)?,
                Some(c) if c.removed_at.is_none() && ev.removed_at.is_some() => {
                    self.conn().execute(
                        "UPDATE evidence SET removed_at = ?3 WHERE assessment_id = ?1 AND sha256 = ?2 AND item = ?4
                             AND added_at = ?5 AND removed_at IS NULL",
                        params![id, ev.sha256, ev.removed_at, ev.item, ev.added_at],
                    )?;
                }
                Some(_) => {}
            }
        }
        self.upsert_roadmap(id, b)?;
        self.write_bundle_meta(id, b)?;
        self.conn().execute(
            "UPDATE assessment SET assessor = ?2, updated_at = ?3, score = ?4, level = ?5 WHERE id = ?1",
            params![id, b.assessor, b.updated_at, b.score.map(|s| s.to_string()), b.level],
        )?;
        if let Some(at) = &b.finalised_at {
            self.conn().execute(
                "UPDATE assessment SET status = 'final', finalised_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
        }
        Ok(new_answers.len())
    }
}

fn same_attachment(a: &BundleEvidence, b: &BundleEvidence) -> bool {
    (
        &a.item,
        &a.sha256,
        &a.original_name,
        &a.media_type,
        a.size,
        &a.added_by,
        &a.added_at,
    ) == (
        &b.item,
        &b.sha256,
        &b.original_name,
        &b.media_type,
        b.size,
        &b.added_by,
        &b.added_at,
    )
}

/// Whether `b` is a later state of the stored draft `current`: same framework, the stored
/// answer history is the start of the bundle's, and every stored attachment is in the bundle.
fn continues(current: &BundleAssessment, b: &BundleAssessment) -> bool {
    current.status == AssessmentStatus::Draft
        && (
            &current.framework_id,
            &current.framework_version,
            &current.framework_hash,
            &current.variant,
        ) == (
            &b.framework_id,
            &b.framework_version,
            &b.framework_hash,
            &b.variant,
        )
        && b.answers.starts_with(&current.answers)
        && current
            .evidence
            .iter()
            .all(|c| b.evidence.iter().any(|e| same_attachment(c, e)))
}
