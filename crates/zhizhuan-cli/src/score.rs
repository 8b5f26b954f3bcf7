//! `zhizhuan score --answers FILE [--json]`: score an answers file by the built-in framework
//! it names, with the same engine and explanations as the app.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;
use zhizhuan_commands::input;
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::{self, Framework};
use zhizhuan_core::score::{self, Score};

use crate::{Context, Failure, Outcome};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Answers file (JSON, see assessments/ANSWERS.md).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Print the full result as JSON (the same shape the app uses).
    #[arg(long)]
    pub json: bool,
}

/// Reads and parses an answers file strictly (at most 4 MB; a UTF-8 BOM accepted, a repeated
/// key or a number that would pass through a float refused); errors carry the file name and
/// the JSON line/column.
pub fn read_answers(path: &Path) -> Result<AnswersFile, Failure> {
    let cannot_read = |e: std::io::Error| Failure {
        message: format!("无法读取答案文件 {}：{e}", path.display()),
        code: 2,
    };
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > input::JSON_MAX_BYTES as u64 {
        return Err(Failure::new(format!(
            "{}：答案文件有 {size} 字节，超过上限 {} 字节 (answers file too large)",
            path.display(),
            input::JSON_MAX_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    input::parse_json(&path.display().to_string(), &bytes).map_err(Failure::from)
}

/// The built-in framework the answers name, at the answers' version.
pub fn builtin_for(answers: &AnswersFile) -> Result<Framework, Failure> {
    let all: Vec<Framework> = framework::load_all_builtin()
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let Some(fw) = all.iter().find(|f| f.id == answers.framework) else {
        let ids: Vec<String> = all
            .iter()
            .map(|f| format!("{} ({})", f.id, f.version))
            .collect();
        return Err(Failure::new(format!(
            "没有内置框架「{}」；可用：{} (unknown framework)",
            answers.framework,
            ids.join("、")
        )));
    };
    if fw.version != answers.version {
        return Err(Failure::new(format!(
            "框架 {} 的内置版本是「{}」，答案文件写的是「{}」；请按该版本重新作答或更新答案文件 (version mismatch)",
            fw.id, fw.version, answers.version
        )));
    }
    Ok(fw.clone())
}

pub fn answer_failure(path: &Path, e: &score::AnswerErrors) -> Failure {
    let lines: Vec<String> =
        e.0.iter()
            .map(|x| format!("{}: {x}", path.display()))
            .collect();
    // At most 50 listed (58 MB of answers once printed 613 MB of errors), with the total.
    Failure::new(format!(
        "答案有 {} 处问题，未计算结果：\n{}",
        e.0.len(),
        input::capped(&lines)
    ))
}

pub fn run(args: Args, _ctx: &Context) -> Outcome {
    let answers = read_answers(&args.answers)?;
    let fw = builtin_for(&answers)?;
    let result = score::score(&fw, &answers).map_err(|e| answer_failure(&args.answers, &e))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print!("{}", render(&fw, &result));
    }
    Ok(())
}

/// The human report in Chinese.
pub fn render(fw: &Framework, s: &Score) -> String {
    let mut o = String::new();
    headline(&mut o, fw, s);
    let _ = writeln!(o, "\n各维度：");
    for d in &s.dimensions {
        let _ = writeln!(o, "  {}", node_line(s, d, true));
        for c in &d.children {
            let _ = writeln!(o, "    {}", node_line(s, c, false));
        }
    }
    let _ = writeln!(o, "\n等级条件：");
    for l in &s.levels {
        let _ = writeln!(
            o,
            "  {} {}",
            l.name.zh,
            if l.reached {
                "✓ 达到"
            } else {
                "✗ 未达到"
            }
        );
        for c in &l.conditions {
            let _ = writeln!(o, "    {} {}", if c.holds { "✓" } else { "✗" }, c.text.zh);
        }
    }
    let _ = writeln!(o, "\n各题：");
    for it in &s.items {
        let _ = writeln!(o, "  {} {}：{}", it.id, it.title.zh, it.text.zh);
    }
    kpis_and_gaps(&mut o, fw, s);
    o
}

/// The framework, the estimate and provisional warnings, the total and the level.
fn headline(o: &mut String, fw: &Framework, s: &Score) {
    let variant = fw
        .variant(&s.variant)
        .map_or(s.variant.clone(), |v| v.title.zh.clone());
    let _ = writeln!(
        o,
        "{}（{} 版本 {}，{}）",
        fw.title.zh, fw.id, fw.version, variant
    );
    if s.estimate {
        let _ = writeln!(
            o,
            "【估算】计分方法中有未经官方文本核实的部分，结果仅供参考。"
        );
    }
    if s.provisional {
        let _ = writeln!(
            o,
            "【暂定】有 {} 项未作答，按 0 计；完成全部题目后结果才可作为正式自评。",
            s.unanswered.len()
        );
    }
    let approx = if s.score_exact { "" } else { "≈" };
    let _ = writeln!(o, "总分：{approx}{} / {}", s.score, s.max);
    if s.earned != s.score && s.method == score::MethodKind::Points {
        let _ = writeln!(o, "（实得 {} 分，按适用满分 {} 折算）", s.earned, s.max);
    }
    let alias = s
        .level
        .alias
        .as_ref()
        .map(|a| format!("（{}）", a.zh))
        .unwrap_or_default();
    let _ = writeln!(o, "等级：{}{alias}", s.level.name.zh);
    if let Some(m) = &s.maturity {
        let _ = writeln!(o, "{}", m.text.zh);
    }
}

/// The KPIs with their targets, the items not answered yet and the framework's notes.
fn kpis_and_gaps(o: &mut String, fw: &Framework, s: &Score) {
    if !s.kpis.is_empty() {
        let _ = writeln!(o, "\n关键指标：");
        for k in &s.kpis {
            let _ = writeln!(o, "  {}", k.text.zh);
            for t in &k.targets {
                let _ = writeln!(
                    o,
                    "    {} {}",
                    if t.met == Some(true) { "✓" } else { "✗" },
                    t.text.zh
                );
            }
        }
    }
    if !s.unanswered.is_empty() {
        let _ = writeln!(o, "\n未作答：");
        for u in &s.unanswered {
            if u.requirements.is_empty() {
                let _ = writeln!(o, "  {} {}", u.item, u.title.zh);
            } else {
                let _ = writeln!(
                    o,
                    "  {} {}：要求 {}",
                    u.item,
                    u.title.zh,
                    u.requirements.join("、")
                );
            }
        }
    }
    let notes: Vec<_> = fw
        .notes
        .iter()
        .filter(|n| s.notes.contains(&n.id))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(o, "\n说明：");
        for n in notes {
            let _ = writeln!(o, "  - {}", n.text.zh);
        }
    }
}

fn ladder_counts(s: &Score, node: &str, dimension: bool) -> Option<String> {
    let mut counts = std::collections::BTreeMap::<u8, usize>::new();
    for it in &s.items {
        let under = if dimension {
            it.dimension == node
        } else {
            it.indicator == node
        };
        if let (true, score::Basis::Ladder { level, .. }) = (under, &it.basis) {
            *counts.entry(*level).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return None;
    }
    let parts: Vec<String> = counts
        .iter()
        .rev()
        .map(|(l, n)| {
            if *l == 0 {
                format!("未达一级 {n} 个")
            } else {
                format!("{} {n} 个", score::rank_zh(*l))
            }
        })
        .collect();
    Some(parts.join("、"))
}

fn node_line(s: &Score, n: &score::NodeScore, dimension: bool) -> String {
    match s.method {
        score::MethodKind::Points if n.max.is_zero() => match ladder_counts(s, &n.id, dimension) {
            Some(c) => format!("{} 场景：{c}", n.title.zh),
            None => format!("{} {} / {}", n.title.zh, n.earned, n.max),
        },
        score::MethodKind::Points => format!("{} {} / {}", n.title.zh, n.earned, n.max),
        score::MethodKind::Maturity => {
            let ls: Vec<String> = n.level_scores.iter().map(|x| x.to_string()).collect();
            format!(
                "{} S≈{} 达成{}级（各级 {}）",
                n.title.zh,
                n.maturity_score.map(|x| x.to_string()).unwrap_or_default(),
                n.achieved,
                ls.join(" / ")
            )
        }
    }
}
