//! `zhizhuan export …` / `zhizhuan import …`: one-file bundles between machines.

use std::path::PathBuf;

use clap::{ArgGroup, Args};
use zhizhuan_store::bundle::{AssessmentOutcome, BundleScope, EnterpriseOutcome, OnExisting};

use crate::{Context, Outcome};

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("scope").required(true).args(["assessment", "enterprise"])))]
pub struct ExportArgs {
    /// Export this assessment (with the revisions it builds on).
    #[arg(long)]
    assessment: Option<i64>,
    /// Export this enterprise with all its assessments.
    #[arg(long)]
    enterprise: Option<i64>,
    /// The bundle file to write (.zip).
    #[arg(long, value_name = "FILE.zip")]
    out: PathBuf,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The bundle file (.zip).
    file: PathBuf,
    /// If the enterprise exists (same credit code): add the bundle's assessments to it.
    #[arg(long, conflicts_with = "keep_apart")]
    merge: bool,
    /// If the enterprise exists: store the bundle's enterprise as a separate copy.
    #[arg(long)]
    keep_apart: bool,
    /// Print the import report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn export(args: ExportArgs, ctx: &Context) -> Outcome {
    let scope = match (args.assessment, args.enterprise) {
        (Some(a), _) => BundleScope::Assessment(a),
        (None, Some(e)) => BundleScope::Enterprise(e),
        (None, None) => unreachable!("clap requires one of --assessment / --enterprise"),
    };
    let out = std::path::absolute(&args.out)?;
    let r = zhizhuan_commands::export::export_bundle_to(&ctx.commands()?, scope, &out)?;
    println!(
        "已导出 exported {}：{} 个评估，{} 个证据文件，{} 字节",
        r.path, r.assessments, r.evidence_files, r.bytes
    );
    Ok(())
}

pub fn import(args: ImportArgs, ctx: &Context) -> Outcome {
    let on_existing = if args.merge {
        OnExisting::Merge
    } else if args.keep_apart {
        OnExisting::KeepApart
    } else {
        OnExisting::Refuse
    };
    let r = zhizhuan_commands::export::import_bundle(&ctx.commands()?, &args.file, on_existing)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        println!(
            "已导入 imported：企业 {}（{}），{} 个评估，新增 {} 个证据文件",
            r.enterprise_id,
            enterprise_word(&r.enterprise),
            r.assessments.len(),
            r.evidence_files_added
        );
        for a in &r.assessments {
            println!(
                "  评估 {}\t{}\t{}",
                a.id,
                a.uid,
                assessment_word(&a.outcome)
            );
        }
    }
    Ok(())
}

/// The words the app's import summary uses (ui/src/i18n/zh.ts), with the JSON name after.
fn enterprise_word(e: &EnterpriseOutcome) -> String {
    match e {
        EnterpriseOutcome::Created => "新建企业 created".into(),
        EnterpriseOutcome::Merged => "合并到已有企业 merged".into(),
        EnterpriseOutcome::KeptApart { original } => {
            format!("另存为副本，原企业 {original} keptApart")
        }
    }
}

fn assessment_word(a: &AssessmentOutcome) -> String {
    match a {
        AssessmentOutcome::Created => "新增 created".into(),
        AssessmentOutcome::Unchanged => "已存在（未变） unchanged".into(),
        AssessmentOutcome::Extended { answers_added } => {
            format!("补充了 {answers_added} 个新答案 extended")
        }
        AssessmentOutcome::Copied => "双方都有修改，另存为副本 copied".into(),
    }
}
