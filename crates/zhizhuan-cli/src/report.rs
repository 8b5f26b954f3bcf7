//! `zhizhuan report` (answers → PDF) and `zhizhuan plan` (answers + target → xlsx action
//! plan). Both score with the same engine as `score`/`roadmap`, build the documents with
//! `zhizhuan_report`, and write the file atomically (temp file + rename) so an interrupted
//! run never leaves half a PDF where a good one was.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Local};
use clap::Args as ClapArgs;
use serde::Deserialize;
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::Framework;
use zhizhuan_core::gap::{self, GapError};
use zhizhuan_core::roadmap::{self, Roadmap};
use zhizhuan_core::score;
use zhizhuan_report::{Lang, RenderOptions, ReportEnterprise};

use crate::score::{answer_failure, builtin_for, read_answers};
use crate::{Context, Failure, Outcome};

/// The shipped sample, embedded so `--sample` works from any directory.
const SAMPLE_ANSWERS: &str = include_str!("../../../assessments/samples/miit-sample.json");
const SAMPLE_ENTERPRISE: &str =
    include_str!("../../../assessments/samples/miit-sample.enterprise.json");
const SAMPLE_PATH: &str = "assessments/samples/miit-sample.json";

#[derive(ClapArgs, Debug)]
pub struct ReportArgs {
    /// Answers file (JSON, see assessments/ANSWERS.md).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "sample",
        conflicts_with = "sample"
    )]
    pub answers: Option<PathBuf>,
    /// Use the shipped sample (a fictional Changzhou machinery maker, MIIT 2024).
    #[arg(long)]
    pub sample: bool,
    /// Output PDF file.
    #[arg(long, value_name = "FILE.pdf")]
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
    /// Answers file (JSON, see assessments/ANSWERS.md).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Target level: its rank (2), id (l2) or name (二级).
    #[arg(long, value_name = "LEVEL")]
    pub target: String,
    /// Output workbook.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: PathBuf,
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    pub lang: String,
    #[arg(long, value_name = "NAME", default_value = "")]
    pub enterprise_name: String,
}

#[derive(Deserialize)]
struct SampleEnterprise {
    name: String,
    credit_code: String,
    industry: String,
    region: String,
    assessor: String,
}

fn lang_of(s: &str) -> Lang {
    if s == "en" { Lang::En } else { Lang::Zh }
}

fn gap_failure(path: &Path, e: GapError) -> Failure {
    match e {
        GapError::Answers(a) => answer_failure(path, &a),
        other => Failure::new(other.to_string()),
    }
}

/// The roadmap to `target`, or to the next level up when none is given (none above: `None`).
fn roadmap_for(
    fw: &Framework,
    answers: &AnswersFile,
    path: &Path,
    target: Option<&str>,
    current_rank: u8,
) -> Result<Option<Roadmap>, Failure> {
    let rank = match target {
        Some(t) => gap::resolve_target(fw, t).map_err(|e| gap_failure(path, e))?,
        None => match fw.levels.iter().find(|l| l.rank > current_rank) {
            Some(l) => l.rank,
            None => return Ok(None),
        },
    };
    roadmap::roadmap(fw, answers, rank)
        .map(Some)
        .map_err(|e| gap_failure(path, e))
}

pub fn report(args: ReportArgs, _ctx: &Context) -> Outcome {
    let lang = lang_of(&args.lang);
    let (answers, path, mut enterprise) = if args.sample {
        let answers = AnswersFile::from_json(SAMPLE_ANSWERS)?;
        let e: SampleEnterprise = serde_json::from_str(SAMPLE_ENTERPRISE)?;
        let enterprise = ReportEnterprise {
            name: e.name,
            credit_code: e.credit_code,
            industry: e.industry,
            region: e.region,
            assessor: e.assessor,
            assessment_date: String::new(),
        };
        (answers, PathBuf::from(SAMPLE_PATH), enterprise)
    } else {
        let path = args
            .answers
            .clone()
            .expect("clap requires --answers without --sample");
        (read_answers(&path)?, path, ReportEnterprise::default())
    };
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
    let now = Local::now();
    enterprise.assessment_date = match lang {
        Lang::Zh => format!("{}年{}月{}日", now.year(), now.month(), now.day()),
        Lang::En => now.format("%Y-%m-%d").to_string(),
    };
    let fw = builtin_for(&answers)?;
    let s = score::score(&fw, &answers).map_err(|e| answer_failure(&path, &e))?;
    let r = roadmap_for(&fw, &answers, &path, args.target.as_deref(), s.level.rank)?;
    let model = zhizhuan_report::report_model(&fw, &s, r.as_ref(), &enterprise, lang);
    let pdf = zhizhuan_report::render_pdf(
        &model,
        &RenderOptions {
            created: now.fixed_offset(),
        },
    )
    .map_err(|e| Failure::new(format!("无法生成 PDF：{e}")))?;
    for w in &pdf.warnings {
        eprintln!("注意 warning: {w}");
    }
    write_atomically(&args.out, &pdf.bytes)?;
    println!(
        "已写入 {}（{} 页）：{} 分，{}",
        args.out.display(),
        pdf.pages,
        s.score,
        s.level.name.zh
    );
    Ok(())
}

pub fn plan(args: PlanArgs, _ctx: &Context) -> Outcome {
    let lang = lang_of(&args.lang);
    let answers = read_answers(&args.answers)?;
    let fw = builtin_for(&answers)?;
    let s = score::score(&fw, &answers).map_err(|e| answer_failure(&args.answers, &e))?;
    let r = roadmap_for(
        &fw,
        &answers,
        &args.answers,
        Some(&args.target),
        s.level.rank,
    )?
    .expect("an explicit target always gives a roadmap");
    let plan =
        zhizhuan_report::action_plan(&r, lang, &args.enterprise_name, Local::now().date_naive());
    let bytes = zhizhuan_report::render_xlsx(&plan)
        .map_err(|e| Failure::new(format!("无法生成 xlsx：{e}")))?;
    write_atomically(&args.out, &bytes)?;
    let n: usize = plan.phases.iter().map(|p| p.actions.len()).sum();
    println!(
        "已写入 {}：{} 个阶段，{} 项行动",
        args.out.display(),
        plan.phases.len(),
        n
    );
    Ok(())
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over `out`, so readers see
/// either the old file or the complete new one. Any failure is reported with the path (exit 1).
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |what: &str, e: std::io::Error| {
        Failure::new(format!("无法写入 {}（{what}）：{e}", out.display()))
    };
    let name = out
        .file_name()
        .ok_or_else(|| Failure::new(format!("输出路径 {} 不是文件名", out.display())))?;
    let tmp = out.with_file_name(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(|e| fail("创建临时文件", e))?;
        f.write_all(bytes).map_err(|e| fail("写入", e))?;
        f.sync_all().map_err(|e| fail("同步到磁盘", e))?;
        std::fs::rename(&tmp, out).map_err(|e| fail("重命名", e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
