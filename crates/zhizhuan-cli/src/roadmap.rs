//! `zhizhuan roadmap --answers FILE --target LEVEL [--max-parallel K] [--budget 万元] [--json]`:
//! the least-effort plan to a target level, scheduled month by month within the limits, with
//! why each action is there, exact cost totals and the programmes each phase's level
//! qualifies for.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::{Effort, Framework};
use zhizhuan_core::gap::{self, GapError};
use zhizhuan_core::roadmap::{self, GateStatus, Phase, Roadmap, RoadmapAction};

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
    /// At most this many projects (medium or high effort) at once.
    #[arg(
        long,
        value_name = "K",
        default_value_t = 3,
        allow_negative_numbers = true
    )]
    pub max_parallel: i64,
    /// Yearly budget in 万元: actions start only when their cost fits the year's budget.
    #[arg(long, value_name = "万元", allow_negative_numbers = true)]
    pub budget: Option<String>,
    /// Print the roadmap as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The scheduling options from the flags; a budget that is not a number is named.
pub fn options(max_parallel: i64, budget: Option<&str>) -> Result<roadmap::Options, Failure> {
    let yearly_budget_wan = match budget {
        None => None,
        Some(b) => Some(
            b.trim()
                .parse::<Decimal>()
                .map_err(|e| Failure::new(format!("--budget 的值「{b}」不是金额（万元）：{e}")))?,
        ),
    };
    Ok(roadmap::Options {
        max_parallel,
        yearly_budget_wan,
        ..roadmap::Options::default()
    })
}

pub fn run(args: Args, _ctx: &Context) -> Outcome {
    let answers = read_answers(&args.answers)?;
    let fw = builtin_for(&answers)?;
    let fail = |e: GapError| match e {
        GapError::Answers(a) => answer_failure(&args.answers, &a),
        other => Failure::new(other.to_string()),
    };
    let target = gap::resolve_target(&fw, &args.target).map_err(fail)?;
    let options = options(args.max_parallel, args.budget.as_deref())?;
    let r = roadmap::roadmap_with(&fw, &answers, target, &options).map_err(fail)?;
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

/// 「第 3–8 月」 for an action starting after month 2 and finishing at the end of month 8; a
/// one-month action names its month once, as the report and the app do.
fn months_zh(start: u16, finish: u16) -> String {
    if finish <= start + 1 {
        format!("第 {finish} 月")
    } else {
        format!("第 {}–{finish} 月", start + 1)
    }
}

fn approx(exact: bool) -> &'static str {
    if exact { "" } else { "≈" }
}

/// The human roadmap in Chinese.
pub fn render(fw: &Framework, r: &Roadmap) -> String {
    let mut o = header(fw, r);
    if r.phases.iter().all(|p| p.actions.is_empty()) {
        return o;
    }
    limits(&mut o, r);
    for p in &r.phases {
        phase(&mut o, p);
    }
    totals(&mut o, r);
    o
}

/// Where the plan starts and ends, and its one-sentence summary.
fn header(fw: &Framework, r: &Roadmap) -> String {
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
    let _ = writeln!(o, "概要：{}", r.summary.zh);
    o
}

/// The limits the plan was scheduled within, and whether the target counts on outcomes.
fn limits(o: &mut String, r: &Roadmap) {
    let budget = r
        .limits
        .yearly_budget_wan
        .map(|b| format!("，年度预算 {b} 万元"))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "限制：最多同时 {} 个项目（中、高投入行动）{budget}",
        r.limits.max_parallel
    );
    if r.outcomes.target_depends_on_them {
        let _ = writeln!(
            o,
            "【注意】仅靠行动达不到目标，需计入预期成效：仅行动 {}{} 分，{}；计入预期成效 {}{} 分，{}",
            approx(r.outcomes.without.score_exact),
            r.outcomes.without.score,
            r.outcomes.without.level.name.zh,
            approx(r.outcomes.with.score_exact),
            r.outcomes.with.score,
            r.outcomes.with.level.name.zh
        );
    }
}

/// One phase: its actions, its subtotal and the programmes it qualifies for.
fn phase(o: &mut String, p: &Phase) {
    let _ = writeln!(o, "\n{}", p.name.zh);
    if p.actions.is_empty() {
        let _ = writeln!(o, "  （无）");
    }
    for a in &p.actions {
        action(o, a);
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

/// One action: months, cost, gain, the amount or requirements it stands for, and why.
fn action(o: &mut String, a: &RoadmapAction) {
    let _ = writeln!(
        o,
        "  - {} {}（{}）[{}] 投入{} 费用 {}–{} 万元 得分 +{}{}",
        months_zh(a.start_month, a.finish_month),
        a.action.title.zh,
        a.action.item_title.zh,
        a.action.action,
        effort_zh(a.action.effort),
        a.action.cost_wan.min,
        a.action.cost_wan.max,
        approx(a.score_gain_exact),
        a.score_gain
    );
    if let Some(amount) = &a.action.amount {
        let _ = writeln!(o, "      数量：{}", amount.text.zh);
    }
    for q in &a.action.requirements {
        let _ = writeln!(
            o,
            "      满足要求 {}：{}（现：{}）",
            q.id, q.text.zh, q.now.zh
        );
    }
    let _ = writeln!(o, "      原因：{}", a.why.zh);
}

/// The plan's totals, the outcomes it is expected to drive and every answer it changes.
fn totals(o: &mut String, r: &Roadmap) {
    let _ = writeln!(
        o,
        "\n合计：费用 {}–{} 万元；预计达到 {}{} 分，{}",
        r.cost_wan.min,
        r.cost_wan.max,
        approx(r.projected.score_exact),
        r.projected.score,
        r.projected.level.name.zh
    );
    for e in r.outcomes.effects.iter().filter(|e| e.driven) {
        let _ = writeln!(
            o,
            "预期成效（不计为行动）：{} {} → {}：{}",
            e.item_title.zh, e.from.zh, e.to.zh, e.text.zh
        );
    }
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
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_count_from_one_and_a_single_month_is_named_once() {
        for (start, finish, want) in [
            (0, 1, "第 1 月"),
            (0, 2, "第 1–2 月"),
            (6, 18, "第 7–18 月"),
        ] {
            assert_eq!(super::months_zh(start, finish), want, "{start}–{finish}");
        }
    }
}
