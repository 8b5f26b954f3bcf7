//! `zhizhuan roadmap --answers FILE --target LEVEL [--json]`: the gap to a target level and the
//! phased roadmap, with exact cost totals and the programmes each phase's level qualifies for.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use zhizhuan_core::framework::{Effort, Framework};
use zhizhuan_core::gap::{self, GapError};
use zhizhuan_core::roadmap::{self, GateStatus, Roadmap};

use crate::score::{answer_failure, builtin_for, read_answers};
use crate::{Context, Failure, Outcome};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Answers file (JSON, see assessments/ANSWERS.md).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Target level: its rank (2), id (l2) or name (二级).
    #[arg(long, value_name = "LEVEL")]
    pub target: String,
    /// Print the roadmap as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, _ctx: &Context) -> Outcome {
    let answers = read_answers(&args.answers)?;
    let fw = builtin_for(&answers)?;
    let fail = |e: GapError| match e {
        GapError::Answers(a) => answer_failure(&args.answers, &a),
        other => Failure::new(other.to_string()),
    };
    let target = gap::resolve_target(&fw, &args.target).map_err(fail)?;
    let r = roadmap::roadmap(&fw, &answers, target).map_err(fail)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        print!("{}", render(&fw, &r));
    }
    Ok(())
}

fn effort_zh(e: Effort) -> &'static str {
    match e {
        Effort::Low => "低",
        Effort::Medium => "中",
        Effort::High => "高",
    }
}

fn approx(exact: bool) -> &'static str {
    if exact { "" } else { "≈" }
}

/// The human roadmap in Chinese.
pub fn render(fw: &Framework, r: &Roadmap) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}（{} 版本 {}）改进路线图",
        fw.title.zh, fw.id, fw.version
    );
    let _ = writeln!(
        o,
        "当前：{}{} 分，{}",
        approx(r.current.score_exact),
        r.current.score,
        r.current.level.name.zh
    );
    let _ = writeln!(o, "目标：{}", r.target.name.zh);
    if r.already_met {
        let _ = writeln!(o, "已达到目标等级，无需改进行动。");
    } else if !r.reachable {
        let _ = writeln!(
            o,
            "【注意】即使完成框架中的全部改进行动也达不到目标等级；以下为能做到的最好结果。"
        );
    }
    for p in &r.phases {
        let _ = writeln!(o, "\n{}", p.name.zh);
        if p.actions.is_empty() {
            let _ = writeln!(o, "  （无）");
        }
        for a in &p.actions {
            let _ = writeln!(
                o,
                "  - {}（{}）[{}] 投入{} 费用 {}–{} 万元 {}–{} 个月 第 {}–{} 月 得分 +{}{}",
                a.action.title.zh,
                a.action.item_title.zh,
                a.action.action,
                effort_zh(a.action.effort),
                a.action.cost_wan.min,
                a.action.cost_wan.max,
                a.action.months.min,
                a.action.months.max,
                a.start_month,
                a.finish_month,
                approx(a.score_gain_exact),
                a.score_gain
            );
        }
        let _ = writeln!(
            o,
            "  小计：{} 项，费用 {}–{} 万元；完成后 {}{} 分，{}",
            p.actions.len(),
            p.cost_wan.min,
            p.cost_wan.max,
            approx(p.projected.score_exact),
            p.projected.score,
            p.projected.level.name.zh
        );
        let q: Vec<String> = p
            .programmes
            .iter()
            .filter(|g| g.qualified)
            .map(|g| {
                format!(
                    "{}{}",
                    g.title.zh,
                    if g.status == GateStatus::Unconfirmed {
                        " [待核实]"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        if !q.is_empty() {
            let _ = writeln!(o, "  可支撑：{}", q.join("；"));
        }
    }
    let _ = writeln!(
        o,
        "\n合计：费用 {}–{} 万元；预计达到 {}{} 分，{}",
        r.cost_wan.min,
        r.cost_wan.max,
        approx(r.projected.score_exact),
        r.projected.score,
        r.projected.level.name.zh
    );
    if !r.changes.is_empty() {
        let _ = writeln!(o, "\n答案变化：");
        for c in &r.changes {
            let _ = writeln!(
                o,
                "  {} {}：{} → {}",
                c.item, c.title.zh, c.from.zh, c.to.zh
            );
        }
    }
    o
}
