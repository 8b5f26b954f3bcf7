//! `zhizhuan report` (a stored assessment, an answers file or the sample → PDF) and
//! `zhizhuan plan` (→ xlsx action plan). The assessment is read from the database here; the
//! scoring, roadmap and document model come from `zhizhuan_report::assessment_report` /
//! `assessment_plan`, the functions the app calls, so both print the same document. Files are
//! written atomically (temp file + rename) so an interrupted run never leaves half a PDF
//! where a good one was.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use clap::Args as ClapArgs;
use serde::Deserialize;
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::credit_code::CreditCode;
use zhizhuan_core::framework::Framework;
use zhizhuan_core::gap::GapError;
use zhizhuan_report::{
    Evidence, Lang, Profile, RenderOptions, ReportEnterprise, StoredAssessment, date_text,
};
use zhizhuan_store::bundle::{BundleData, BundleEnterprise};

use crate::score::{answer_failure, builtin_for, read_answers};
use crate::{Context, Failure, Outcome};

/// The shipped sample, embedded so `--sample` works from any directory.
const SAMPLE_ANSWERS: &str = include_str!("../../../assessments/samples/miit-sample.json");
const SAMPLE_ENTERPRISE: &str =
    include_str!("../../../assessments/samples/miit-sample.enterprise.json");
const SAMPLE_PATH: &str = "assessments/samples/miit-sample.json";

#[derive(ClapArgs, Debug)]
pub struct ReportArgs {
    /// A stored assessment (see `zhizhuan assessments list`), with its enterprise profile,
    /// evidence notes, attachments and roadmap edits.
    #[arg(long, value_name = "ID", conflicts_with_all = ["answers", "sample"])]
    pub assessment: Option<i64>,
    /// Answers file (JSON, see assessments/ANSWERS.md).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present_any = ["sample", "assessment"],
        conflicts_with = "sample"
    )]
    pub answers: Option<PathBuf>,
    /// Use the shipped sample (a fictional Changzhou machinery maker, MIIT 2024).
    #[arg(long)]
    pub sample: bool,
    /// The enterprise profile for an answers file: the `enterprise` object of an exported
    /// bundle's data.json (or the whole data.json). Without it the report is a draft
    /// (「样稿（未关联企业）」 on every page).
    #[arg(long, value_name = "PROFILE.json", requires = "answers")]
    pub enterprise: Option<PathBuf>,
    /// Output file: `.pdf` (the fixed report) or `.docx` (the same report as an editable Word
    /// document), chosen by the extension.
    #[arg(long, value_name = "FILE.pdf|FILE.docx")]
    pub out: PathBuf,
    /// Report language: zh or en.
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    pub lang: String,
    /// Target level for the gap and roadmap sections (default: the next level up).
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub enterprise_name: Option<String>,
    /// 统一社会信用代码.
    #[arg(long, value_name = "CODE")]
    pub credit_code: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub industry: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub region: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
}

#[derive(ClapArgs, Debug)]
pub struct PlanArgs {
    /// A stored assessment; its roadmap edits (owner, dates, budget, status) are applied.
    #[arg(long, value_name = "ID", conflicts_with = "answers")]
    pub assessment: Option<i64>,
    /// Answers file (JSON, see assessments/ANSWERS.md).
    #[arg(long, value_name = "FILE", required_unless_present = "assessment")]
    pub answers: Option<PathBuf>,
    /// Target level: its rank (2), id (l2) or name (二级). Default: the next level up.
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,
    /// Output workbook.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: PathBuf,
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    pub lang: String,
    #[arg(long, value_name = "NAME")]
    pub enterprise_name: Option<String>,
    /// The plan's first day (YYYY-MM-DD); default: the stored assessment's date, or for an
    /// answers file today (SOURCE_DATE_EPOCH when set).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<chrono::NaiveDate>,
}

#[derive(Deserialize)]
struct SampleEnterprise {
    name: String,
    credit_code: String,
    industry: String,
    region: String,
    assessor: String,
    organisation: String,
    /// YYYY-MM-DD: the sample's own assessment date (never the print date).
    assessment_date: String,
    /// The profile's size code (`small`).
    size: String,
    details: zhizhuan_store::enterprise::EnterpriseDetails,
}

fn lang_of(s: &str) -> Lang {
    if s == "en" { Lang::En } else { Lang::Zh }
}

/// `path` names where the answers came from in messages (a file, or `评估 7`).
fn gap_failure(path: &Path, e: GapError) -> Failure {
    match e {
        GapError::Answers(a) => answer_failure(path, &a),
        other => Failure::new(other.to_string()),
    }
}

/// The stored assessment `id` and the shipped framework its answers name.
fn stored_assessment(
    ctx: &Context,
    id: i64,
    lang: Lang,
) -> Result<(Framework, StoredAssessment), Failure> {
    let stored = zhizhuan_report::stored_assessment(&ctx.store()?, id, lang)?;
    let fw = builtin_for(&stored.answers)?;
    Ok((fw, stored))
}

/// Answers from a file (no profile, evidence or edits: those live in the database).
fn file_assessment(
    path: &Path,
    enterprise: ReportEnterprise,
) -> Result<(Framework, StoredAssessment), Failure> {
    let answers = read_answers(path)?;
    let fw = builtin_for(&answers)?;
    Ok((
        fw,
        StoredAssessment {
            answers,
            enterprise,
            evidence: Evidence::default(),
            edits: Vec::new(),
            plan_start: chrono::NaiveDate::default(),
            max_parallel: zhizhuan_core::roadmap::Options::default().max_parallel,
        },
    ))
}

/// The cover fields from an enterprise profile as an exported bundle holds it
/// (`BundleEnterprise`, or the whole data.json around it). The 统一社会信用代码 is checked
/// (GB 32100 check character): a report for a subsidy file must not carry a wrong one.
fn enterprise_profile(path: &Path, lang: Lang) -> Result<ReportEnterprise, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure {
        message: format!("无法读取企业信息文件 {}：{e}", path.display()),
        code: 2,
    })?;
    let profile: BundleEnterprise = serde_json::from_str::<BundleEnterprise>(&text)
        .or_else(|e| match serde_json::from_str::<BundleData>(&text) {
            Ok(data) => Ok(data.enterprise),
            Err(_) => Err(e),
        })
        .map_err(|e| {
            Failure::new(format!(
                "{}:{}:{}：不是导出包中的企业信息（enterprise）：{e} \
                 (not an enterprise profile as exported in a bundle)",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
    check_credit_code(&path.display().to_string(), &profile.credit_code)?;
    profile.details.validate().map_err(|e| {
        Failure::new(format!(
            "{}：企业信息无效 (invalid profile)：{e}",
            path.display()
        ))
    })?;
    Ok(ReportEnterprise::from_profile(
        &Profile {
            name: &profile.name,
            credit_code: &profile.credit_code,
            province: &profile.province,
            city: &profile.city,
            district: &profile.district,
            industry: &profile.industry,
            assessor: "",
            date: None,
        },
        lang,
    )
    .with_details(&profile.size, &profile.details, lang))
}

/// Refuses an invalid 统一社会信用代码, naming where it came from and the value.
fn check_credit_code(origin: &str, code: &str) -> Result<(), Failure> {
    CreditCode::parse(code).map(|_| ()).map_err(|e| {
        Failure::new(format!(
            "{origin}：统一社会信用代码「{code}」无效：{e} (invalid unified social credit code \"{code}\")"
        ))
    })
}

/// The document formats `zhizhuan report` writes, by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Docx,
}

/// `.pdf` or `.docx` (any case); anything else is refused before any work is done, naming the
/// extension that was given.
fn format_of(out: &Path) -> Result<Format, Failure> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(Format::Pdf),
        "docx" => Ok(Format::Docx),
        "" => Err(Failure::new(format!(
            "--out {}：没有扩展名，请用 .pdf 或 .docx (no file extension; use .pdf or .docx)",
            out.display()
        ))),
        other => Err(Failure::new(format!(
            "--out {}：不支持的扩展名「.{other}」，请用 .pdf 或 .docx \
             (unsupported extension \".{other}\"; use .pdf or .docx)",
            out.display()
        ))),
    }
}

/// The time written into the documents: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when
/// set, so a rebuild of the same input gives the same bytes; else the clock, in local time.
fn document_time() -> Result<DateTime<FixedOffset>, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => {
            let secs: i64 = v.trim().parse().map_err(|_| {
                Failure::new(format!(
                    "SOURCE_DATE_EPOCH「{v}」不是整数秒 (SOURCE_DATE_EPOCH is not a whole number of seconds)"
                ))
            })?;
            DateTime::from_timestamp(secs, 0)
                .map(|d| d.fixed_offset())
                .ok_or_else(|| {
                    Failure::new(format!(
                        "SOURCE_DATE_EPOCH「{v}」超出范围 (SOURCE_DATE_EPOCH out of range)"
                    ))
                })
        }
        Err(_) => Ok(Local::now().fixed_offset()),
    }
}

/// Renders `model` in `format` and writes it to `out`; the PDF's page count (Word paginates
/// when it opens the file, so a .docx has none to give).
fn write_report(
    format: Format,
    model: &zhizhuan_report::ReportModel,
    created: DateTime<FixedOffset>,
    out: &Path,
) -> Result<Option<usize>, Failure> {
    let options = RenderOptions { created };
    match format {
        Format::Pdf => {
            let pdf = zhizhuan_report::render_pdf(model, &options)
                .map_err(|e| Failure::new(format!("无法生成 PDF：{e}")))?;
            for w in &pdf.warnings {
                eprintln!("注意 warning: {w}");
            }
            write_atomically(out, &pdf.bytes)?;
            Ok(Some(pdf.pages))
        }
        Format::Docx => {
            let bytes = zhizhuan_report::render_docx(model, &options)
                .map_err(|e| Failure::new(format!("无法生成 Word 文档：{e}")))?;
            write_atomically(out, &bytes)?;
            Ok(None)
        }
    }
}

pub fn report(args: ReportArgs, ctx: &Context) -> Outcome {
    let lang = lang_of(&args.lang);
    let format = format_of(&args.out)?;
    let now = document_time()?;
    let (fw, mut stored, source) = if let Some(id) = args.assessment {
        let (fw, stored) = stored_assessment(ctx, id, lang)?;
        (fw, stored, PathBuf::from(format!("评估 {id}")))
    } else if args.sample {
        let (fw, stored) = sample_assessment(lang)?;
        (fw, stored, PathBuf::from(SAMPLE_PATH))
    } else {
        let path = args
            .answers
            .clone()
            .expect("clap requires --answers without --sample or --assessment");
        let enterprise = match &args.enterprise {
            Some(profile) => enterprise_profile(profile, lang)?,
            None => ReportEnterprise::default(),
        };
        let (fw, mut stored) = file_assessment(&path, enterprise)?;
        // a file has no stored identity: its answers are it, so the same answers keep their number
        let identity = serde_json::to_string(&stored.answers.answers)?;
        stored.enterprise.report_no = zhizhuan_report::report_number(&identity, 1);
        (fw, stored, path)
    };
    if let Some(code) = &args.credit_code {
        check_credit_code("--credit-code", code)?;
    }
    let enterprise = &mut stored.enterprise;
    for (field, value) in [
        (&mut enterprise.name, args.enterprise_name),
        (&mut enterprise.credit_code, args.credit_code),
        (&mut enterprise.industry, args.industry),
        (&mut enterprise.region, args.region),
        (&mut enterprise.assessor, args.assessor),
    ] {
        if let Some(v) = value {
            *field = v;
        }
    }
    // no date recorded prints 「未记录」: the print date is not the assessment's date

    let built = zhizhuan_report::assessment_report(&fw, &stored, args.target.as_deref(), lang)
        .map_err(|e| gap_failure(&source, e))?;
    let pages = write_report(format, &built.model, now, &args.out)?;
    let s = &built.score;
    let approx = if s.score_exact { "" } else { "≈" };
    let score = match s.method {
        zhizhuan_core::score::MethodKind::Points => format!("{approx}{} 分", s.score),
        zhizhuan_core::score::MethodKind::Maturity => format!("S = {approx}{}", s.score),
    };
    let pages = pages.map(|n| format!("（{n} 页）")).unwrap_or_default();
    println!(
        "已写入 {}{pages}：{score}，{}{}",
        args.out.display(),
        s.level.name.zh,
        if s.provisional {
            "（暂定：有未作答题目）"
        } else {
            ""
        }
    );
    Ok(())
}

/// The shipped sample, as the report of a stored assessment: its enterprise, its record
/// and its plan starting on its own assessment date.
fn sample_assessment(lang: Lang) -> Result<(Framework, StoredAssessment), Failure> {
    let answers = AnswersFile::from_json(SAMPLE_ANSWERS)?;
    let e: SampleEnterprise = serde_json::from_str(SAMPLE_ENTERPRISE)?;
    let fw = builtin_for(&answers)?;
    let date = chrono::NaiveDate::parse_from_str(&e.assessment_date, "%Y-%m-%d").ok();
    let enterprise = ReportEnterprise {
        name: e.name,
        credit_code: e.credit_code,
        industry: e.industry,
        region: e.region,
        assessor: e.assessor,
        organisation: e.organisation,
        mode: zhizhuan_store::meta::AssessmentMode::Provider,
        assessment_date: date.map(|d| date_text(lang, d)).unwrap_or_default(),
        report_no: zhizhuan_report::report_number(SAMPLE_ANSWERS, 1),
        ..ReportEnterprise::default()
    }
    .with_details(&e.size, &e.details, lang);
    let stored = StoredAssessment {
        answers,
        enterprise,
        evidence: Evidence::default(),
        edits: Vec::new(),
        // The sample's plan starts on its own assessment date, as a stored one does.
        plan_start: date.unwrap_or_default(),
        max_parallel: zhizhuan_core::roadmap::Options::default().max_parallel,
    };
    Ok((fw, stored))
}

pub fn plan(args: PlanArgs, ctx: &Context) -> Outcome {
    let lang = lang_of(&args.lang);
    let (fw, mut stored, source) = match (args.assessment, &args.answers) {
        (Some(id), _) => {
            let (fw, stored) = stored_assessment(ctx, id, lang)?;
            (fw, stored, PathBuf::from(format!("评估 {id}")))
        }
        (None, Some(path)) => {
            let (fw, stored) = file_assessment(path, ReportEnterprise::default())?;
            (fw, stored, path.clone())
        }
        (None, None) => unreachable!("clap requires --answers without --assessment"),
    };
    if let Some(name) = args.enterprise_name {
        stored.enterprise.name = name;
    }
    // a stored assessment's plan starts on its own date, so its months and dates agree
    let start = match (args.start, args.assessment) {
        (Some(d), _) => d,
        (None, Some(_)) if stored.plan_start != chrono::NaiveDate::default() => stored.plan_start,
        _ => document_time()?.date_naive(),
    };
    let plan = zhizhuan_report::assessment_plan(&fw, &stored, args.target.as_deref(), lang, start)
        .map_err(|e| gap_failure(&source, e))?;
    let bytes = zhizhuan_report::render_xlsx(&plan)
        .map_err(|e| Failure::new(format!("无法生成 xlsx：{e}")))?;
    write_atomically(&args.out, &bytes)?;
    let n: usize = plan.phases.iter().map(|p| p.actions.len()).sum();
    // the phases the plan uses, as the roadmap's summary counts them
    let used = plan.phases.iter().filter(|p| !p.actions.is_empty()).count();
    println!("已写入 {}：{n} 项行动，{used} 个阶段", args.out.display());
    Ok(())
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over `out`, so readers see
/// either the old file or the complete new one. Any failure is reported with the path (exit 1).
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Failure> {
    zhizhuan_store::files::write_atomically(out, bytes)
        .map(|_| ())
        .map_err(|e| match e {
            zhizhuan_store::StoreError::Io { path, source } => {
                Failure::new(format!("无法写入 {}：{source}", path.display()))
            }
            other => Failure::new(format!("无法写入 {}：{other}", out.display())),
        })
}
