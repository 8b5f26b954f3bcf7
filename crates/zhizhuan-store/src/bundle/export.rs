//! Writing a bundle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{
    BundleAnswer, BundleAssessment, BundleData, BundleEnterprise, BundleEvidence,
    BundleRoadmapEdit, DATA_ENTRY, EVIDENCE_PREFIX, FORMAT_NAME, FORMAT_VERSION, MANIFEST_ENTRY,
    Manifest, ManifestEntry,
};
use crate::assessment::Assessment;
use crate::evidence::{EvidenceDir, copy_hashing, hex};
use crate::{Result, Store, StoreError, sibling, sync_dir};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleScope {
    /// One assessment, with the revisions it builds on.
    Assessment(i64),
    /// An enterprise with all its assessments.
    Enterprise(i64),
}

/// What [`Store::export_bundle`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub path: PathBuf,
    pub assessments: usize,
    pub evidence_files: usize,
    pub bytes: u64,
}

fn zip_err(path: &Path) -> impl FnOnce(zip::result::ZipError) -> StoreError + '_ {
    move |e| StoreError::Io {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    }
}

impl Store {
    /// The bundle's data for `scope` (also used on import to compare with what is stored).
    pub fn bundle_data(&self, scope: BundleScope) -> Result<BundleData> {
        let (enterprise_id, assessments) = match scope {
            BundleScope::Assessment(id) => {
                let chain = self.revision_chain(id)?;
                (chain[0].enterprise_id, chain)
            }
            BundleScope::Enterprise(id) => (id, self.assessments(Some(id))?),
        };
        let e = self.enterprise(enterprise_id)?;
        let enterprise = BundleEnterprise {
            name: e.name,
            credit_code: e.credit_code,
            province: e.province,
            city: e.city,
            district: e.district,
            industry: e.industry,
            size: e.size,
            created_at: e.created_at,
            updated_at: e.updated_at,
            details: self.enterprise_details(enterprise_id)?,
        };
        let uids: BTreeMap<i64, String> =
            assessments.iter().map(|a| (a.id, a.uid.clone())).collect();
        let assessments = assessments
            .iter()
            .map(|a| self.bundle_assessment(a, a.previous_id.and_then(|p| uids.get(&p).cloned())))
            .collect::<Result<Vec<_>>>()?;
        Ok(BundleData {
            enterprise,
            assessments,
        })
    }

    pub(crate) fn bundle_assessment(
        &self,
        a: &Assessment,
        previous_uid: Option<String>,
    ) -> Result<BundleAssessment> {
        let answers = self
            .answer_history(a.id, None)?
            .into_iter()
            .map(|r| BundleAnswer {
                item: r.item,
                value: r.value,
                note: r.note,
                author: r.author,
                at: r.at,
                carried: r.carried,
            })
            .collect();
        let evidence = self
            .evidence(a.id, true)?
            .into_iter()
            .map(|e| BundleEvidence {
                item: e.item,
                sha256: e.sha256,
                original_name: e.original_name,
                media_type: e.media_type,
                size: e.size,
                added_by: e.added_by,
                added_at: e.added_at,
                removed_at: e.removed_at,
            })
            .collect();
        let roadmap = self
            .roadmap_edits(a.id)?
            .into_iter()
            .map(|r| BundleRoadmapEdit {
                action: r.edit.action,
                owner: r.edit.owner,
                start_date: r.edit.start_date,
                due_date: r.edit.due_date,
                cost: r.edit.cost,
                status: r.edit.status,
                note: r.edit.note,
                updated_by: r.updated_by,
                updated_at: r.updated_at,
            })
            .collect();
        Ok(BundleAssessment {
            uid: a.uid.clone(),
            framework_id: a.framework_id.clone(),
            framework_version: a.framework_version.clone(),
            framework_hash: a.framework_hash.clone(),
            variant: a.variant.clone(),
            assessor: a.assessor.clone(),
            status: a.status,
            previous_uid,
            created_at: a.created_at.clone(),
            updated_at: a.updated_at.clone(),
            finalised_at: a.finalised_at.clone(),
            score: a.score,
            level: a.level.clone(),
            answers,
            evidence,
            roadmap,
            meta: Some(self.assessment_meta(a.id)?),
        })
    }

    /// Writes the bundle of `scope` to `out` (via a temporary name: `out` is complete or
    /// absent). `created_at` goes into the manifest; the rest of the file depends only on the
    /// data, so exporting the same data twice gives identical bytes.
    pub fn export_bundle(
        &self,
        scope: BundleScope,
        out: &Path,
        created_at: &str,
    ) -> Result<ExportReport> {
        let data = self.bundle_data(scope)?;
        let json = serde_json::to_vec_pretty(&data).map_err(|e| StoreError::Io {
            path: out.to_owned(),
            source: e.into(),
        })?;
        let hashes: BTreeSet<&str> = data
            .assessments
            .iter()
            .flat_map(|a| a.evidence.iter().map(|e| e.sha256.as_str()))
            .collect();
        let dir = if hashes.is_empty() {
            None
        } else {
            Some(EvidenceDir::of(self)?)
        };

        let tmp = sibling(out, ".partial");
        let result =
            write_bundle(&tmp, &json, &hashes, dir.as_ref(), created_at).and_then(|bytes| {
                std::fs::rename(&tmp, out).map_err(StoreError::io(out))?;
                sync_dir(out);
                Ok(ExportReport {
                    path: out.to_owned(),
                    assessments: data.assessments.len(),
                    evidence_files: hashes.len(),
                    bytes,
                })
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

/// Writes the zip (data, evidence files, manifest last) to `tmp` and syncs it; its size.
fn write_bundle(
    tmp: &Path,
    json: &[u8],
    hashes: &BTreeSet<&str>,
    dir: Option<&EvidenceDir>,
    created_at: &str,
) -> Result<u64> {
    let file = File::create(tmp).map_err(StoreError::io(tmp))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let deflate = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut entries = Vec::new();

    zip.start_file(DATA_ENTRY, deflate).map_err(zip_err(tmp))?;
    zip.write_all(json).map_err(StoreError::io(tmp))?;
    entries.push(ManifestEntry {
        path: DATA_ENTRY.into(),
        size: json.len() as u64,
        sha256: hex(&Sha256::digest(json)),
    });

    for hash in hashes {
        let Some(dir) = dir else { break };
        entries.push(evidence_entry(&mut zip, tmp, dir, hash)?);
    }

    let manifest = Manifest {
        format: FORMAT_NAME.into(),
        format_version: FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").into(),
        created_at: created_at.into(),
        entries,
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| StoreError::Io {
        path: tmp.to_owned(),
        source: e.into(),
    })?;
    zip.start_file(MANIFEST_ENTRY, deflate)
        .map_err(zip_err(tmp))?;
    zip.write_all(&manifest).map_err(StoreError::io(tmp))?;
    let file = zip
        .finish()
        .map_err(zip_err(tmp))?
        .into_inner()
        .map_err(|e| StoreError::Io {
            path: tmp.to_owned(),
            source: e.into_error(),
        })?;
    file.sync_all().map_err(StoreError::io(tmp))?;
    Ok(file.metadata().map_err(StoreError::io(tmp))?.len())
}

/// One evidence file written into the zip as stored (photos and PDFs are compressed already:
/// storing them is as small and much faster), re-hashed on the way: a file that no longer
/// matches its name is reported as damaged, not exported.
fn evidence_entry(
    zip: &mut ZipWriter<BufWriter<File>>,
    tmp: &Path,
    dir: &EvidenceDir,
    hash: &str,
) -> Result<ManifestEntry> {
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let src = dir.path_for(hash);
    let mut f = File::open(&src).map_err(StoreError::io(&src))?;
    let name = format!("{EVIDENCE_PREFIX}{hash}");
    let large = f.metadata().map(|m| m.len()).unwrap_or(0) >= u32::MAX as u64;
    zip.start_file(name.as_str(), stored.large_file(large))
        .map_err(zip_err(tmp))?;
    let (got, size) = copy_hashing(&mut f, Some(zip), u64::MAX).map_err(StoreError::io(&src))?;
    if got != hash {
        return Err(StoreError::Damaged {
            path: src,
            problem: format!("证据文件内容与其 SHA-256 不符（实际 {got}）"),
        });
    }
    Ok(ManifestEntry {
        path: name,
        size,
        sha256: got,
    })
}
