//! `zhizhuan enterprises …`

use clap::Subcommand;
use zhizhuan_commands::enterprise;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::enterprise::EnterpriseOverview;

use crate::{Context, Outcome};

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Create an enterprise, checked field by field as the app's form checks it.
    Create {
        /// 企业名称 (at most 100 characters).
        #[arg(long)]
        name: String,
        /// 统一社会信用代码 (18 characters, check character verified).
        #[arg(long)]
        credit_code: String,
        /// Province code (GB/T 2260), e.g. `320000`.
        #[arg(long)]
        province: String,
        #[arg(long)]
        city: String,
        #[arg(long, default_value = "")]
        district: String,
        /// GB/T 4754-2017 manufacturing division, e.g. `C34`.
        #[arg(long)]
        industry: String,
        /// `micro` / `small` / `medium` / `large`.
        #[arg(long)]
        size: String,
        #[arg(long)]
        json: bool,
    },
    /// List all enterprises, most recently changed first, each with its latest assessment.
    List {
        /// Print JSON (the same rows the app's list shows) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Edit a profile: options not given keep their stored values; checked as on creation.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        credit_code: Option<String>,
        #[arg(long)]
        province: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        district: Option<String>,
        #[arg(long)]
        industry: Option<String>,
        #[arg(long)]
        size: Option<String>,
    },
    /// Delete an enterprise with its assessments (the database is backed up first; the rows
    /// stay in its history). Prints the backup's path.
    Remove { id: i64 },
    /// The app's 「打开示例企业」: adds the shipped fictional sample (a final MIIT assessment
    /// with its record, plan edits and one evidence file, named 「…（示例）」) the first
    /// time; prints its enterprise id.
    Sample,
}

/// What the app's form shows beside a field without refusing it, on stderr.
fn print_warnings(input: &EnterpriseInput) {
    for w in enterprise::warnings(input) {
        eprintln!("注意 warning: {}: {}", w.field, w.message);
    }
}

pub fn run(cmd: Cmd, ctx: &Context) -> Outcome {
    match cmd {
        Cmd::Create {
            name,
            credit_code,
            province,
            city,
            district,
            industry,
            size,
            json,
        } => {
            let input = EnterpriseInput {
                name,
                credit_code,
                province,
                city,
                district,
                industry,
                size,
            };
            let e = enterprise::create(&ctx.commands()?, &input)?;
            print_warnings(&input);
            if json {
                println!("{}", serde_json::to_string_pretty(&e)?);
            } else {
                println!("{}", e.id);
            }
            Ok(())
        }
        Cmd::Edit {
            id,
            name,
            credit_code,
            province,
            city,
            district,
            industry,
            size,
        } => {
            let commands = ctx.commands()?;
            let e = enterprise::get(&commands, id)?;
            let input = EnterpriseInput {
                name: name.unwrap_or(e.name),
                credit_code: credit_code.unwrap_or(e.credit_code),
                province: province.unwrap_or(e.province),
                city: city.unwrap_or(e.city),
                district: district.unwrap_or(e.district),
                industry: industry.unwrap_or(e.industry),
                size: size.unwrap_or(e.size),
            };
            let e = enterprise::update(&commands, id, &input)?;
            print_warnings(&input);
            println!("{}", serde_json::to_string_pretty(&e)?);
            Ok(())
        }
        Cmd::Remove { id } => {
            let backup = enterprise::discard(&ctx.commands()?, id)?;
            println!(
                "企业 {id} 已删除 removed; 删除前的备份 backup: {}",
                backup.display()
            );
            Ok(())
        }
        Cmd::Sample => sample(ctx),
        Cmd::List { json } => list(ctx, json),
    }
}

/// Adds the shipped sample enterprise, or finds it when it is already there.
fn sample(ctx: &Context) -> Outcome {
    let s = zhizhuan_commands::sample::open(&ctx.commands()?)?;
    let said = if s.created {
        "已添加 added"
    } else {
        "已存在 already there"
    };
    println!("{}\t{said}", s.enterprise_id);
    Ok(())
}

/// Every enterprise with its latest assessments: JSON, or one line each.
fn list(ctx: &Context, json: bool) -> Outcome {
    let list = ctx.store()?.enterprise_overview()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else if list.is_empty() {
        println!("（还没有企业）");
    } else {
        for row in &list {
            println!("{}", line(row));
        }
    }
    Ok(())
}

/// One enterprise as a tab-separated line: id, credit code, industry, name, latest assessment,
/// then the marks the app's list shows, so copies kept apart on import can be told from their
/// original here too.
fn line(row: &EnterpriseOverview) -> String {
    let e = &row.enterprise;
    let latest = match &row.latest {
        None => "尚无评估".to_owned(),
        Some(a) => {
            let status = a.status.zh();
            let result = match (&a.level, &a.score) {
                (Some(level), Some(score)) => format!("{level} {score} 分"),
                _ => "未评分".to_owned(),
            };
            let date = a.updated_at.get(..10).unwrap_or(&a.updated_at);
            format!(
                "最近评估 {} {status} {date} {result}（共 {} 次）",
                a.framework_id, row.assessments
            )
        }
    };
    let mut out = format!(
        "{}\t{}\t{}\t{}\t{latest}",
        e.id, e.credit_code, e.industry, e.name
    );
    if let Some(original) = row.duplicate_of {
        out.push_str(&format!("\t[副本：导入时与企业 {original} 分开保存]"));
    }
    if row.shared_credit_code > 0 {
        out.push_str(&format!(
            "\t[重复信用代码：另有 {} 家企业使用同一统一社会信用代码（导入时保留为副本）]",
            row.shared_credit_code
        ));
    }
    out
}
