//! `zhizhuan frameworks …`: the shipped framework definitions, and a checker for definition
//! files (the same loader the app uses, so a file that passes here loads in the app).

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;
use zhizhuan_core::framework::{self, Framework, ItemKind};

use crate::{Context, Failure, Outcome};

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// List the frameworks built into this program.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one built-in framework: every dimension, indicator, item, option and its points.
    Show {
        /// Framework id, e.g. miit-2024.
        id: String,
        /// Print the whole validated model as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Where a level sits among self-diagnosed firms in the published distributions (CMMM),
    /// each year on its own with its sample and source: what the app's results page shows.
    Peers {
        /// Framework id, e.g. cmmm-2020.
        id: String,
        /// The level's rank (0 below level 1, 1–5).
        #[arg(long)]
        rank: u8,
        #[arg(long)]
        json: bool,
    },
    /// Check definition files; prints every located error, exits non-zero if any file fails.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// One line of `frameworks list`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a framework::Text,
    file: &'a str,
    method: &'static str,
    estimate: bool,
    variants: Vec<&'a str>,
    dimensions: usize,
    items: usize,
    scenarios: usize,
    actions: usize,
    levels: usize,
    notes: usize,
}

fn summary(f: &Framework) -> Summary<'_> {
    Summary {
        id: &f.id,
        version: &f.version,
        title: &f.title,
        file: &f.file,
        method: match f.scoring.method {
            framework::Method::Points { .. } => "points",
            framework::Method::Maturity { .. } => "maturity",
        },
        estimate: f.scoring.estimate,
        variants: f.variants.iter().map(|v| v.id.as_str()).collect(),
        dimensions: f.dimensions.len(),
        items: f.items().count(),
        scenarios: f.scenarios().count(),
        actions: f.actions().count(),
        levels: f.levels.len(),
        notes: f.notes.len(),
    }
}

/// The built-in frameworks; a broken built-in file is a bug in this build, reported as such.
fn builtins() -> Result<Vec<Framework>, Failure> {
    framework::load_all_builtin()
        .into_iter()
        .map(|r| {
            r.map_err(|e| {
                Failure::new(format!(
                    "内置框架文件无效 (built-in definition is invalid):\n{e}"
                ))
            })
        })
        .collect()
}

pub fn run(cmd: Cmd, _ctx: &Context) -> Outcome {
    match cmd {
        Cmd::Peers { id, rank, json } => peers(&id, rank, json),
        Cmd::List { json } => {
            let all = builtins()?;
            if json {
                let list: Vec<_> = all.iter().map(summary).collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for f in &all {
                    let s = summary(f);
                    println!(
                        "{}\t{}\t{} items\t{} scenarios\t{}",
                        s.id, s.version, s.items, s.scenarios, f.title.zh
                    );
                }
            }
            Ok(())
        }
        Cmd::Show { id, json } => {
            let all = builtins()?;
            let Some(f) = all.iter().find(|f| f.id == id) else {
                let ids: Vec<_> = all.iter().map(|f| f.id.as_str()).collect();
                return Err(Failure::new(format!(
                    "没有框架「{id}」(no framework \"{id}\"); built-in: {}",
                    ids.join(", ")
                )));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(f)?);
            } else {
                print_tree(f);
            }
            Ok(())
        }
        Cmd::Validate { files } => validate(&files),
    }
}

fn print_tree(f: &Framework) {
    println!("{} {} — {}", f.id, f.version, f.title.zh);
    for d in &f.dimensions {
        println!("{}  {} ({})", d.id, d.title.zh, d.points);
        for n in &d.indicators {
            println!("  {}  {} ({})", n.id, n.title.zh, n.points);
            for it in &n.items {
                println!(
                    "    {}  {} [{}] ({})",
                    it.id,
                    it.title.zh,
                    it.kind.name(),
                    it.points
                );
                match &it.kind {
                    ItemKind::Single { options, .. } | ItemKind::Multiple { options, .. } => {
                        for o in options {
                            println!("      {} = {}  {}", o.id, o.points, o.label.zh);
                        }
                    }
                    ItemKind::Band { bands, .. } => {
                        for b in bands {
                            let (l, r) = (
                                if b.lower_closed { '[' } else { '(' },
                                if b.upper_closed { ']' } else { ')' },
                            );
                            println!(
                                "      {} = {}  {l}{}, {}{r}",
                                b.id, b.points, b.lower, b.upper
                            );
                        }
                    }
                    ItemKind::Ladder { rungs, constraint } => {
                        let tag = if *constraint {
                            "约束性"
                        } else {
                            "指导性"
                        };
                        println!("      {tag}, {} rungs", rungs.len());
                    }
                    ItemKind::Requirements { requirements } => {
                        println!("      {} requirements", requirements.len());
                    }
                    ItemKind::Kpi { targets, .. } => println!("      {} targets", targets.len()),
                }
            }
        }
    }
}

fn validate(files: &[PathBuf]) -> Outcome {
    let mut failed = 0;
    let mut unreadable = false;
    for path in files {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{name}: 无法读取 (cannot read): {e}");
                failed += 1;
                unreadable = true;
                continue;
            }
        };
        match framework::load(&name, &text) {
            Ok(f) => println!(
                "OK {name}: {} {} ({} items, {} actions)",
                f.id,
                f.version,
                f.items().count(),
                f.actions().count()
            ),
            Err(errors) => {
                eprintln!("{errors}");
                failed += 1;
            }
        }
    }
    if failed == 0 {
        return Ok(());
    }
    Err(Failure {
        message: format!("{failed} of {} file(s) failed validation", files.len()),
        code: if unreadable { 2 } else { 1 },
    })
}

fn peers(id: &str, rank: u8, json: bool) -> Outcome {
    let Some(view) = zhizhuan_commands::framework::peers(id, rank) else {
        return Err(Failure::new(format!(
            "框架「{id}」没有公开的等级分布 (no published distribution for \"{id}\")"
        )));
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    let name = |b: &str| {
        view.bands
            .iter()
            .find(|x| x.id == b)
            .map_or(b.to_owned(), |x| x.name.zh.clone())
    };
    println!("{}", view.title.zh);
    for row in &view.rows {
        let d = &row.distribution;
        let shares: Vec<_> = d
            .shares
            .iter()
            .map(|s| format!("{} {}%", name(&s.band), s.percent))
            .collect();
        println!("{}（{}）：{}", d.as_of.zh, d.sample.zh, shares.join("，"));
        match &row.placement {
            Some(p) => println!(
                "  本级所在段「{}」{}%{}",
                name(&p.band),
                p.percent,
                p.at_or_above
                    .map(|a| format!("；此段及以上共 {a}%"))
                    .unwrap_or_default()
            ),
            None => println!("  本级所在段当年未公布"),
        }
        println!("  来源 source: {}", d.source);
    }
    println!("{}", view.caveat.zh);
    Ok(())
}
