//! `zhizhuan assessments …`: start, list, finalise, revise and compare assessments.

use clap::Subcommand;
use zhizhuan_commands::assessment::{self, Start};
use zhizhuan_core::compare;
use zhizhuan_core::score::{self, Score};

use crate::score::builtin_for;
use crate::{Context, Failure, Outcome};

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Start a draft assessment of an enterprise against a framework version.
    Create {
        #[arg(long)]
        enterprise: i64,
        /// Framework id, e.g. `miit-2024` (must be a shipped framework).
        #[arg(long)]
        framework: String,
        /// Its version (default: the shipped one).
        #[arg(long)]
        version: Option<String>,
        /// The variant, where the framework has several (e.g. `discrete` / `process`).
        #[arg(long)]
        variant: Option<String>,
        #[arg(long, default_value = "")]
        assessor: String,
        #[arg(long)]
        json: bool,
    },
    /// List assessments (all, or of one enterprise), oldest first.
    List {
        #[arg(long)]
        enterprise: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Every assessment of every enterprise with its cached score and level, newest change
    /// first, as JSON (the app's portfolio); with `--out FILE.xlsx`, as the app's workbook.
    Portfolio {
        #[arg(long, value_name = "FILE.xlsx")]
        out: Option<std::path::PathBuf>,
        #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
        lang: String,
    },
    /// The current answers of an assessment (with `--history`: every revision).
    Answers {
        id: i64,
        #[arg(long)]
        history: bool,
    },
    /// Make a draft final (read-only).
    Finalise { id: i64 },
    /// Start a re-assessment (e.g. a year later) from an assessment's answers: a new draft
    /// against the framework as shipped now, each answer marked to confirm; prints its id
    /// and any answer that no longer fits.
    Reassess {
        id: i64,
        #[arg(long, default_value = "")]
        assessor: String,
    },
    /// Discard a draft opened by mistake: no list shows it again (its answers stay in the
    /// database's history). A final assessment is refused: revise it instead.
    Discard { id: i64 },
    /// Open a new draft revision of a final assessment.
    Revise {
        id: i64,
        #[arg(long, default_value = "")]
        assessor: String,
    },
    /// Record how an assessment was made (body, assessor, mode, date, report number,
    /// documents, site visit, interviews) and its roadmap's `--max-parallel K|default`.
    Meta(crate::meta::MetaArgs),
    /// Edit one roadmap action of a draft: owner, `--start`/`--due` dates, `--cost` 万元,
    /// `--status`, `--note` (the schedule re-flows around a fixed start).
    EditAction(crate::plan_edit::EditArgs),
    /// The roadmap edits of an assessment, as JSON.
    Edits { id: i64 },
    /// Compare two assessments of one framework (e.g. a re-assessment with last year's), as
    /// JSON: `scores` (score, level, each dimension, items improved / worsened) and `answers`
    /// (framework version / hash differences and every changed answer).
    Compare { earlier: i64, later: i64 },
}

pub fn run(cmd: Cmd, ctx: &Context) -> Outcome {
    // Writes go through `zhizhuan_commands` (checked as the app checks); reads open the store.
    match cmd {
        Cmd::Create {
            enterprise,
            framework,
            version,
            variant,
            assessor,
            json,
        } => {
            let start = Start {
                enterprise_id: enterprise,
                framework_id: &framework,
                version: version.as_deref(),
                variant,
                assessor: &assessor,
            };
            let a = assessment::create(&ctx.commands()?, &start)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&a)?);
            } else {
                println!("{}", a.id);
            }
        }
        Cmd::Finalise { id } => {
            assessment::finalise(&ctx.commands()?, id)?;
            println!("评估 {id} 已定稿 finalised");
        }
        Cmd::Reassess { id, assessor } => {
            let r = assessment::reassess(&ctx.commands()?, id, &assessor)?;
            for item in &r.dropped {
                eprintln!(
                    "未沿用 not carried: {item}（与当前框架不符 no longer fits the framework）"
                );
            }
            println!("{}", r.assessment.id);
        }
        Cmd::Portfolio { out, lang } => portfolio(ctx, out, &lang)?,
        Cmd::Discard { id } => {
            assessment::discard(&ctx.commands()?, id)?;
            println!("评估 {id} 已删除（草稿）discarded");
        }
        Cmd::Revise { id, assessor } => {
            let r = assessment::revise(&ctx.commands()?, id, &assessor)?;
            println!("{}", r.id);
        }
        Cmd::List { enterprise, json } => list(ctx, enterprise, json)?,
        Cmd::Answers { id, history } => {
            let store = ctx.store()?;
            store.assessment(id)?;
            let text = if history {
                serde_json::to_string_pretty(&store.answer_history(id, None)?)?
            } else {
                serde_json::to_string_pretty(&store.answers(id)?)?
            };
            println!("{text}");
        }
        Cmd::Meta(args) => crate::meta::run(args, ctx)?,
        Cmd::EditAction(args) => crate::plan_edit::run(args, ctx)?,
        Cmd::Edits { id } => crate::plan_edit::list(ctx, id)?,
        Cmd::Compare { earlier, later } => compare(ctx, earlier, later)?,
    }
    Ok(())
}

/// Every enterprise's latest assessments: JSON, or an xlsx workbook at `out`.
fn portfolio(ctx: &Context, out: Option<std::path::PathBuf>, lang: &str) -> Outcome {
    let commands = ctx.commands()?;
    let all = assessment::portfolio(&commands)?;
    match out {
        None => println!("{}", serde_json::to_string_pretty(&all)?),
        Some(path) => {
            let ids: Vec<i64> = all.iter().map(|e| e.assessment_id).collect();
            let lang = if lang == "en" {
                zhizhuan_commands::export::ReportLang::En
            } else {
                zhizhuan_commands::export::ReportLang::Zh
            };
            let f = zhizhuan_commands::export::export_portfolio_to(&commands, &ids, lang, &path)?;
            println!("已写入 {}（{} 行 rows）", f.path, ids.len());
        }
    }
    Ok(())
}

/// The assessments (of one enterprise, or all): JSON, or one tab-separated line each.
fn list(ctx: &Context, enterprise: Option<i64>, json: bool) -> Outcome {
    let list = ctx.store()?.assessments(enterprise)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else if list.is_empty() {
        println!("（还没有评估）");
    } else {
        for a in list {
            let score = a.score.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
            println!(
                "{}\t企业 {}\t{} {}\t{}\t{score}\t{}",
                a.id,
                a.enterprise_id,
                a.framework_id,
                a.framework_version,
                a.status.zh(),
                a.level.unwrap_or_default()
            );
        }
    }
    Ok(())
}

/// The same two views the app's comparison shows: the store's answer diff and core's score
/// diff (score, level, dimensions, items improved / worsened).
fn compare(ctx: &Context, earlier: i64, later: i64) -> Outcome {
    let store = ctx.store()?;
    let answers = store.compare_assessments(earlier, later)?;
    let scored = |id: i64| -> Result<Score, Failure> {
        let file = store.answers_file(id)?;
        let fw = builtin_for(&file)?;
        score::score(&fw, &file).map_err(|e| Failure::new(e.to_string()))
    };
    let scores = compare::compare(&scored(earlier)?, &scored(later)?)
        .map_err(|e| Failure::new(e.to_string()))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({ "scores": scores, "answers": answers }))?
    );
    Ok(())
}
