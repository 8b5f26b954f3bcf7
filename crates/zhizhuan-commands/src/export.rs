//! Files that leave the app: the PDF report and the xlsx action plan of an assessment, and the
//! one-file bundle of an enterprise (export and import).
//!
//! The path is the one the user chose in a native save/open dialog; these functions never
//! choose a location themselves. The app only reads the stored assessment into
//! the report crate's plain values ([`stored_assessment`]); scoring, the roadmap and the
//! documents come from `zhizhuan_report::assessment_report` / `assessment_plan`, the same calls
//! the CLI makes, and files are
//! written through `zhizhuan_store::files::write_atomically` (temp file + rename), so an
//! interrupted export never leaves half a document where a good one was.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhizhuan_report::{Lang, RenderOptions};
use zhizhuan_store::bundle::{AssessmentOutcome, BundleScope, EnterpriseOutcome, OnExisting};
use zhizhuan_store::files::write_atomically;

use crate::Context;
use crate::assessment::{framework_of, score_of};
use crate::error::{Error, Result};

/// The language of an exported document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ReportLang")]
pub enum ReportLang {
    Zh,
    En,
}

impl From<ReportLang> for Lang {
    fn from(l: ReportLang) -> Lang {
        match l {
            ReportLang::Zh => Lang::Zh,
            ReportLang::En => Lang::En,
        }
    }
}

/// A document written where the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Things the reader should know (e.g. a character the font cannot print); the file is
    /// complete regardless.
    pub warnings: Vec<String>,
}

/// A bundle written where the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleExported {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub assessments: usize,
    pub evidence_files: usize,
}

/// What to do when the bundle's enterprise is already here (same 统一社会信用代码).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportMode {
    /// Import nothing; the error says which enterprise exists so the user can choose.
    Refuse,
    /// Add the bundle's assessments to the existing enterprise.
    Merge,
    /// Keep the bundle's enterprise as a separate copy.
    KeepApart,
}

/// What happened to the bundle's enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EnterpriseImported {
    Created,
    /// Its assessments were added to the enterprise already here.
    Merged,
    /// Stored as a separate copy marked as a duplicate.
    KeptApart,
}

/// What happened to one assessment of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AssessmentImported {
    Created,
    /// Already here with the same content.
    Unchanged,
    /// Already here as an earlier state; the newer answers were added.
    Extended,
    /// Both copies changed since they parted: imported as a separate assessment.
    Copied,
}

/// What an import did, for the UI to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleImported {
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub enterprise_outcome: EnterpriseImported,
    pub assessments: Vec<ImportedAssessmentSummary>,
    pub evidence_files_added: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedAssessmentSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub framework_id: String,
    pub outcome: AssessmentImported,
    /// Answers added to an assessment that was already here (extended only).
    pub answers_added: usize,
}

/// The path the dialog returned. Only absolute paths: a relative one would land in whatever
/// folder the app happened to start in.
fn destination(path: &Path) -> Result<&Path> {
    if path.as_os_str().is_empty() || !path.is_absolute() || path.file_name().is_none() {
        return Err(Error::InvalidPath {
            path: path.display().to_string(),
        });
    }
    Ok(path)
}

fn saved(path: &Path, bytes: u64, warnings: Vec<String>) -> SavedFile {
    SavedFile {
        path: path.display().to_string(),
        bytes,
        warnings,
    }
}

/// The report model of an assessment with the gaps and roadmap to level rank `target`: what
/// the PDF and the Word document both render.
fn report_model(
    ctx: &Context,
    assessment_id: i64,
    lang: Lang,
    target: u8,
) -> Result<zhizhuan_report::ReportModel> {
    let a = ctx.store.assessment(assessment_id)?;
    let fw = framework_of(ctx, &a)?;
    // Keeps the cached score on the enterprise page in step with what the report prints.
    score_of(ctx, assessment_id)?;
    let stored = zhizhuan_report::stored_assessment(&ctx.store, assessment_id, lang)?;
    let report = zhizhuan_report::assessment_report(fw, &stored, Some(&target.to_string()), lang)?;
    Ok(report.model)
}

/// The PDF report of an assessment with the gaps and roadmap to level rank `target`.
pub fn report_pdf(
    ctx: &Context,
    assessment_id: i64,
    lang: Lang,
    target: u8,
) -> Result<zhizhuan_report::RenderedPdf> {
    let model = report_model(ctx, assessment_id, lang, target)?;
    let options = RenderOptions {
        created: ctx.clock.local(),
    };
    zhizhuan_report::render_pdf(&model, &options).map_err(Error::Report)
}

/// The same report as an editable Word document (the consultant's copy to rework).
pub fn report_docx(ctx: &Context, assessment_id: i64, lang: Lang, target: u8) -> Result<Vec<u8>> {
    let model = report_model(ctx, assessment_id, lang, target)?;
    let options = RenderOptions {
        created: ctx.clock.local(),
    };
    zhizhuan_report::render_docx(&model, &options).map_err(Error::Report)
}

/// The xlsx action plan of the roadmap to level rank `target`.
pub fn action_plan_xlsx(
    ctx: &Context,
    assessment_id: i64,
    lang: Lang,
    target: u8,
) -> Result<Vec<u8>> {
    let a = ctx.store.assessment(assessment_id)?;
    let fw = framework_of(ctx, &a)?;
    let stored = zhizhuan_report::stored_assessment(&ctx.store, assessment_id, lang)?;
    let plan = zhizhuan_report::assessment_plan(
        fw,
        &stored,
        Some(&target.to_string()),
        lang,
        // Dated from the assessment's own date, as the report's schedule is.
        stored.plan_start,
    )?;
    zhizhuan_report::render_xlsx(&plan).map_err(Error::Report)
}

/// Writes the PDF report to `path`.
pub fn export_pdf_to(
    ctx: &Context,
    assessment_id: i64,
    lang: ReportLang,
    target: u8,
    path: &Path,
) -> Result<SavedFile> {
    let out = destination(path)?;
    let pdf = report_pdf(ctx, assessment_id, lang.into(), target)?;
    let bytes = write_atomically(out, &pdf.bytes)?;
    Ok(saved(
        out,
        bytes,
        pdf.warnings.iter().map(|w| w.to_string()).collect(),
    ))
}

/// Writes the report as a Word document to `path`.
pub fn export_docx_to(
    ctx: &Context,
    assessment_id: i64,
    lang: ReportLang,
    target: u8,
    path: &Path,
) -> Result<SavedFile> {
    let out = destination(path)?;
    written(out, &report_docx(ctx, assessment_id, lang.into(), target)?)
}

/// Writes the xlsx action plan to `path`.
pub fn export_plan_to(
    ctx: &Context,
    assessment_id: i64,
    lang: ReportLang,
    target: u8,
    path: &Path,
) -> Result<SavedFile> {
    let out = destination(path)?;
    written(
        out,
        &action_plan_xlsx(ctx, assessment_id, lang.into(), target)?,
    )
}

/// Writes the portfolio rows of `assessment_ids` (as the 「评估总览」 lists them, in that
/// order; an id not in the portfolio is left out) as a workbook to `path`.
pub fn export_portfolio_to(
    ctx: &Context,
    assessment_ids: &[i64],
    lang: ReportLang,
    path: &Path,
) -> Result<SavedFile> {
    let out = destination(path)?;
    let lang: Lang = lang.into();
    let all = ctx.store.portfolio()?;
    let rows = assessment_ids
        .iter()
        .filter_map(|id| all.iter().find(|e| e.assessment_id == *id))
        .map(|e| portfolio_row(ctx, e, lang))
        .collect();
    let sheet = zhizhuan_report::PortfolioSheet {
        lang,
        created: ctx.clock.local().date_naive(),
        rows,
    };
    written(out, &zhizhuan_report::render_portfolio_xlsx(&sheet)?)
}

/// One portfolio entry in the sheet's language (catalog labels, framework title).
fn portfolio_row(
    ctx: &Context,
    e: &zhizhuan_store::assessment::PortfolioEntry,
    lang: Lang,
) -> zhizhuan_report::PortfolioRow {
    use zhizhuan_core::catalog::{INDUSTRIES, PROVINCES, choice};
    let en = lang == Lang::En;
    let pick = |t: &zhizhuan_core::framework::Text| match lang {
        Lang::En if !t.en.is_empty() => t.en.clone(),
        _ => t.zh.clone(),
    };
    let shipped = ctx
        .framework(&e.framework_id, Some(&e.framework_version))
        .ok();
    let framework = shipped.map_or_else(|| e.framework_id.clone(), |f| pick(&f.title));
    // The cached level is the Chinese name the score had; named again in the sheet's language.
    let cached = e.level.clone().unwrap_or_default();
    let level = shipped
        .and_then(|f| {
            let mut names = f.levels.iter().map(|l| &l.name);
            std::iter::once(&f.scoring.below_level)
                .chain(&mut names)
                .find(|n| n.zh == cached)
        })
        .map_or(cached.clone(), pick);
    let province = choice(PROVINCES, &e.province).map_or(e.province.as_str(), |c| c.name(en));
    let final_ = e.status == zhizhuan_store::assessment::AssessmentStatus::Final;
    zhizhuan_report::PortfolioRow {
        enterprise: e.enterprise_name.clone(),
        credit_code: e.credit_code.clone(),
        region: format!("{province} {}", e.city),
        industry: format!(
            "{} {}",
            e.industry,
            choice(INDUSTRIES, &e.industry).map_or("", |c| c.name(en))
        ),
        framework,
        status: match (lang, final_) {
            (Lang::Zh, true) => "定稿",
            (Lang::Zh, false) => "草稿",
            (Lang::En, true) => "final",
            (Lang::En, false) => "draft",
        }
        .to_owned(),
        updated: e.updated_at.chars().take(10).collect(),
        score: e.score,
        level,
    }
}

/// Writes `bytes` to `out` atomically and says where and how much.
fn written(out: &Path, bytes: &[u8]) -> Result<SavedFile> {
    let n = write_atomically(out, bytes)?;
    Ok(saved(out, n, vec![]))
}

/// Writes the bundle of an enterprise (or of one assessment) to `path`.
pub fn export_bundle_to(ctx: &Context, scope: BundleScope, path: &Path) -> Result<BundleExported> {
    let out = destination(path)?;
    let now = ctx
        .clock
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let r = ctx.store.export_bundle(scope, out, &now)?;
    Ok(BundleExported {
        path: r.path.display().to_string(),
        bytes: r.bytes,
        assessments: r.assessments,
        evidence_files: r.evidence_files,
    })
}

/// The store's import, every assessment checked against the context's frameworks.
pub fn import_bundle(
    ctx: &Context,
    path: &Path,
    on_existing: OnExisting,
) -> Result<zhizhuan_store::bundle::ImportReport> {
    Ok(ctx.store.import_bundle(path, on_existing, ctx.registry)?)
}

/// Imports the bundle at `path` (see [`import_bundle`]) and says what happened, for the UI.
pub fn import_bundle_from(ctx: &Context, path: &Path, mode: ImportMode) -> Result<BundleImported> {
    let file = destination(path)?;
    let on_existing = match mode {
        ImportMode::Refuse => OnExisting::Refuse,
        ImportMode::Merge => OnExisting::Merge,
        ImportMode::KeepApart => OnExisting::KeepApart,
    };
    let r = import_bundle(ctx, file, on_existing)?;
    let enterprise = ctx.store.enterprise(r.enterprise_id)?;
    let assessments = r
        .assessments
        .iter()
        .map(|x| {
            let (outcome, answers_added) = match x.outcome {
                AssessmentOutcome::Created => (AssessmentImported::Created, 0),
                AssessmentOutcome::Unchanged => (AssessmentImported::Unchanged, 0),
                AssessmentOutcome::Extended { answers_added } => {
                    (AssessmentImported::Extended, answers_added)
                }
                AssessmentOutcome::Copied => (AssessmentImported::Copied, 0),
            };
            Ok(ImportedAssessmentSummary {
                id: x.id,
                framework_id: ctx.store.assessment(x.id)?.framework_id,
                outcome,
                answers_added,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(BundleImported {
        enterprise_id: r.enterprise_id,
        enterprise_name: enterprise.name,
        enterprise_outcome: match r.enterprise {
            EnterpriseOutcome::Created => EnterpriseImported::Created,
            EnterpriseOutcome::Merged => EnterpriseImported::Merged,
            EnterpriseOutcome::KeptApart { .. } => EnterpriseImported::KeptApart,
        },
        assessments,
        evidence_files_added: r.evidence_files_added,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AnswerInput, Start, create, save};
    use crate::error::ErrorKind;
    use crate::fixtures::{context_over, enterprise};
    use std::path::PathBuf;
    use zhizhuan_core::answer::AnswerValue;
    use zhizhuan_store::Store;

    /// A file-backed store (bundles need a data folder) with one answered MIIT draft.
    fn answered(dir: &Path) -> (Context, i64, i64) {
        let ctx = context_over(Store::open(&dir.join("z.db")).unwrap());
        let e = enterprise(&ctx, "无锡镕昇智能装备有限公司", "91330100799655058B");
        let a = create(
            &ctx,
            &Start {
                enterprise_id: e,
                framework_id: "miit-2024",
                ..Start::default()
            },
        )
        .unwrap();
        let value: AnswerValue =
            serde_json::from_str(r#"{"numbers":{"total":"100","digital":"30"}}"#).unwrap();
        let input = AnswerInput {
            item: "jichu.equip-dig",
            value: Some(value),
            note: "台账",
            author: "",
        };
        save(&ctx, a.id, &input).unwrap();
        (ctx, e, a.id)
    }

    fn path_in(dir: &Path, name: &str) -> PathBuf {
        dir.join(name)
    }

    #[test]
    fn the_pdf_report_is_written_where_asked_in_either_language() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, _, a) = answered(dir.path());
        for (lang, name) in [(ReportLang::Zh, "报告.pdf"), (ReportLang::En, "report.pdf")] {
            let out = path_in(dir.path(), name);
            let saved = export_pdf_to(&ctx, a, lang, 2, &out).unwrap();
            let bytes = std::fs::read(&out).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "{name}");
            assert_eq!(
                (saved.path, saved.bytes),
                (out.display().to_string(), bytes.len() as u64)
            );
        }
    }

    #[test]
    fn the_action_plan_is_an_xlsx_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, _, a) = answered(dir.path());
        let out = path_in(dir.path(), "行动计划.xlsx");
        let saved = export_plan_to(&ctx, a, ReportLang::Zh, 2, &out).unwrap();
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "an xlsx is a zip");
        assert_eq!(saved.bytes, bytes.len() as u64);
    }

    #[test]
    fn an_unwritable_path_is_a_file_error_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, _, a) = answered(dir.path());
        let out = path_in(dir.path(), "missing-folder/报告.pdf");
        let p = export_pdf_to(&ctx, a, ReportLang::Zh, 2, &out)
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::File);
        assert!(p.message.contains("missing-folder"), "{}", p.message);
        assert_eq!(p.fields[0].field, "path");
    }

    #[test]
    fn a_relative_path_and_an_unknown_target_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, _, a) = answered(dir.path());
        let p = export_plan_to(&ctx, a, ReportLang::Zh, 2, Path::new("plan.xlsx"))
            .unwrap_err()
            .payload();
        assert_eq!(
            (p.kind, p.fields[0].field.as_str()),
            (ErrorKind::InvalidInput, "path")
        );
        let out = path_in(dir.path(), "plan.xlsx");
        let p = export_plan_to(&ctx, a, ReportLang::Zh, 9, &out)
            .unwrap_err()
            .payload();
        assert_eq!(
            (p.kind, p.fields[0].field.as_str()),
            (ErrorKind::InvalidInput, "target")
        );
        assert!(!out.exists());
    }

    #[test]
    fn an_exported_bundle_imports_into_another_database_and_a_second_import_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, e, _) = answered(dir.path());
        let out = path_in(dir.path(), "镕昇.zip");
        let exported = export_bundle_to(&ctx, BundleScope::Enterprise(e), &out).unwrap();
        assert_eq!(exported.assessments, 1);
        assert_eq!(exported.bytes, std::fs::metadata(&out).unwrap().len());

        let other = tempfile::tempdir().unwrap();
        let target = context_over(Store::open(&other.path().join("z.db")).unwrap());
        let imported = import_bundle_from(&target, &out, ImportMode::Refuse).unwrap();
        assert_eq!(imported.enterprise_name, "无锡镕昇智能装备有限公司");
        assert_eq!(imported.enterprise_outcome, EnterpriseImported::Created);
        assert_eq!(imported.assessments.len(), 1);
        assert_eq!(imported.assessments[0].framework_id, "miit-2024");
        assert_eq!(
            target
                .store
                .answers(imported.assessments[0].id)
                .unwrap()
                .len(),
            1
        );

        let p = import_bundle_from(&target, &out, ImportMode::Refuse)
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::Conflict);
        let merged = import_bundle_from(&target, &out, ImportMode::Merge).unwrap();
        assert_eq!(merged.enterprise_outcome, EnterpriseImported::Merged);
        assert_eq!(merged.assessments[0].outcome, AssessmentImported::Unchanged);
    }

    #[test]
    fn a_file_that_is_not_a_bundle_is_refused_with_the_stores_message() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, _, _) = answered(dir.path());
        let bad = path_in(dir.path(), "not-a-bundle.zip");
        std::fs::write(&bad, b"hello").unwrap();
        let before = ctx.store.enterprises().unwrap().len();
        let p = import_bundle_from(&ctx, &bad, ImportMode::Refuse)
            .unwrap_err()
            .payload();
        assert_eq!(p.kind, ErrorKind::InvalidInput);
        assert!(p.message.contains("not-a-bundle.zip"), "{}", p.message);
        assert_eq!(ctx.store.enterprises().unwrap().len(), before);
    }

    /// The portfolio workbook holds the listed assessments in the listed order, with their
    /// enterprise, region label and framework title; an id not in the portfolio is left out.
    #[test]
    fn the_portfolio_workbook_holds_the_listed_rows_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, _, first) = answered(dir.path());
        let other = enterprise(&ctx, "常州喆堃精密机械有限公司", "914403001922038216");
        let second = crate::fixtures::draft(&ctx, other, "miit-2024", None)
            .unwrap()
            .id;
        let out = dir.path().join("总览.xlsx");
        let saved =
            export_portfolio_to(&ctx, &[second, 9999, first], ReportLang::Zh, &out).unwrap();
        assert_eq!(saved.bytes, std::fs::metadata(&out).unwrap().len());
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut strings = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
            &mut strings,
        )
        .unwrap();
        let at = |s: &str| {
            strings
                .find(s)
                .unwrap_or_else(|| panic!("{s} missing:\n{strings}"))
        };
        assert!(
            at("常州喆堃精密机械有限公司") < at("无锡镕昇智能装备有限公司"),
            "listed order"
        );
        at("江苏省");
        at("中小企业数字化水平评测指标（2024年版）");
        at("草稿");
    }
}
