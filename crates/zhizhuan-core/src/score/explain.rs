//! Builds the explained [`Score`] from a checked sheet.

use std::fmt::Write as _;

use crate::decimal::Decimal;
use crate::framework::{
    Among, Band, Choice, Field, Framework, ItemKind, Method, NaPolicy, Overall, Ratio, Rung,
};

use super::eval::{Cond, Contribution, Eval, MaturityPlan, Measure, Plan};
use super::rational::Rational;
use super::*;

/// `x` for display: exact when it has ≤ 4 places, else `≈x.xxxx`.
pub(crate) fn shown(x: Rational) -> String {
    x.to_string()
}

/// A text in both languages (every explanation is written twice, so neither report mixes them).
fn both(zh: String, en: String) -> Text {
    Text { zh, en }
}

/// The outcome for level rank `rank` (0 = below level 1).
pub(crate) fn level_outcome(fw: &Framework, rank: u8) -> LevelOutcome {
    match rank
        .checked_sub(1)
        .and_then(|i| fw.levels.get(usize::from(i)))
    {
        Some(l) => LevelOutcome {
            rank,
            id: Some(l.id.clone()),
            name: l.name.clone(),
            alias: l.alias.clone(),
            estimate: l.estimate || fw.scoring.estimate,
        },
        None => LevelOutcome {
            rank: 0,
            id: None,
            name: fw.scoring.below_level.clone(),
            alias: None,
            estimate: fw.scoring.estimate,
        },
    }
}

pub(crate) fn explain(sheet: &Sheet<'_>, plan: &Plan<'_>) -> Score {
    let fw = sheet.fw;
    let cs = plan.contributions(sheet);
    let e = plan.evaluate(&cs);
    let method = match fw.scoring.method {
        Method::Points { .. } => MethodKind::Points,
        Method::Maturity { .. } => MethodKind::Maturity,
    };
    let normalised = plan.maturity.is_none() && e.max != plan.total;
    let levels = level_checks(fw, plan, &cs, &e, normalised);
    let items: Vec<ItemScore> = sheet
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| item_score(plan, i, s, &cs[i]))
        .collect();
    let unanswered = unanswered_items(sheet, &items);
    let maturity = plan.maturity.as_ref().map(|m| maturity_outcome(m, &e));
    Score {
        framework: fw.id.clone(),
        version: fw.version.clone(),
        variant: sheet.variant.clone(),
        method,
        estimate: fw.scoring.estimate || fw.levels.iter().any(|l| l.estimate),
        score: e.score.to_decimal(),
        score_exact: e.score.is_decimal(),
        earned: if plan.maturity.is_some() {
            e.score.to_decimal()
        } else {
            e.earned
        },
        max: e.max,
        level: level_outcome(fw, e.rank),
        levels,
        dimensions: dimensions(sheet, plan, &cs),
        items,
        maturity,
        provisional: !unanswered.is_empty(),
        unanswered,
        kpis: crate::kpi::compute(sheet),
        notes: fw
            .notes
            .iter()
            .filter(|n| n.about.iter().any(|a| a == "scoring" || a == "levels"))
            .map(|n| n.id.clone())
            .collect(),
    }
}

/// Each level with its conditions and whether all of them hold.
fn level_checks(
    fw: &Framework,
    plan: &Plan<'_>,
    cs: &[Contribution],
    e: &Eval,
    normalised: bool,
) -> Vec<LevelCheck> {
    fw.levels
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let conds = plan.conditions(cs, e, li);
            LevelCheck {
                rank: l.rank,
                id: l.id.clone(),
                name: l.name.clone(),
                reached: conds.iter().all(Cond::holds),
                conditions: conds
                    .iter()
                    .map(|c| condition(plan, li, c, normalised))
                    .collect(),
            }
        })
        .collect()
}

/// The items still to be answered (KPIs aside), with a requirements item's open
/// requirements.
fn unanswered_items(sheet: &Sheet<'_>, items: &[ItemScore]) -> Vec<Unanswered> {
    let mut unanswered = Vec::new();
    for (slot, it) in sheet.slots.iter().zip(items) {
        if matches!(slot.loc.item.kind, ItemKind::Kpi { .. }) {
            continue;
        }
        match (&slot.state, &slot.loc.item.kind) {
            (State::Unanswered, _) => unanswered.push(Unanswered {
                item: it.id.clone(),
                title: it.title.clone(),
                requirements: Vec::new(),
            }),
            (State::Requirements(values), ItemKind::Requirements { requirements })
                if values.iter().any(Option::is_none) =>
            {
                unanswered.push(Unanswered {
                    item: it.id.clone(),
                    title: it.title.clone(),
                    requirements: slot
                        .requirements
                        .iter()
                        .zip(values)
                        .filter(|(_, v)| v.is_none())
                        .map(|(&ri, _)| requirements[ri].id.clone())
                        .collect(),
                })
            }
            _ => {}
        }
    }
    unanswered
}

/// Method "maturity": the overall score S and how it is made up.
fn maturity_outcome(m: &MaturityPlan, e: &Eval) -> MaturityOutcome {
    let k = e.achieved;
    let text = match m.overall {
        Overall::AchievedPlusNext if usize::from(k) < e.level_scores.len() => {
            let next = shown(e.level_scores[usize::from(k)]);
            let s = shown(e.score);
            both(
                format!(
                    "S = 已连续达成的最高级 {k} + {}加权得分 {next} = {s}",
                    rank_zh(k + 1)
                ),
                format!(
                    "S = highest level achieved in a row {k} + {} weighted score {next} = {s}",
                    rank_en(k + 1)
                ),
            )
        }
        Overall::AchievedPlusNext => both(
            format!("S = 已达成全部 {k} 级 = {}", shown(e.score)),
            format!("S = all {k} levels achieved = {}", shown(e.score)),
        ),
        Overall::LevelSum => {
            let sum = e
                .level_scores
                .iter()
                .map(|x| shown(*x))
                .collect::<Vec<_>>()
                .join(" + ");
            let s = shown(e.score);
            both(
                format!("S = 各级加权得分之和 {sum} = {s}"),
                format!("S = sum of the levels' weighted scores {sum} = {s}"),
            )
        }
    };
    MaturityOutcome {
        overall: m.overall,
        threshold: m.threshold.to_decimal(),
        achieved: k,
        level_scores: e.level_scores.iter().map(|x| x.to_decimal()).collect(),
        text,
    }
}

/// What a condition of level index `li` measures, and its unit (zh, en): 「总分」 (分),
/// 「达到三级及以上的场景」 (个), 「二级加权得分」.
pub(crate) fn condition_head(
    plan: &Plan<'_>,
    li: usize,
    c: &Cond,
    normalised: bool,
) -> (Text, (&'static str, &'static str)) {
    match c.measure {
        Measure::Score => match (plan.maturity.is_some(), normalised) {
            (true, _) => (both("总分 S".into(), "Score S".into()), ("", "")),
            (false, true) => (
                both("折算总分".into(), "Normalised score".into()),
                (" 分", " pts"),
            ),
            (false, false) => (both("总分".into(), "Score".into()), (" 分", " pts")),
        },
        Measure::Rule(rule) => {
            let r = &plan.rules[li][rule];
            let (zh, en) = (rank_zh(r.min_level), rank_en(r.min_level));
            let head = match r.among {
                Among::All => both(
                    format!("达到{zh}及以上的场景"),
                    format!("Scenarios at {en} or above"),
                ),
                Among::Constraint => both(
                    format!("达到{zh}及以上的约束性场景"),
                    format!("Binding scenarios at {en} or above"),
                ),
                Among::Listed => both(
                    format!("指定场景中达到{zh}及以上的"),
                    format!("Listed scenarios at {en} or above"),
                ),
            };
            (head, (" 个", ""))
        }
        Measure::Achieved(level) => (
            both(
                format!("{}加权得分", rank_zh(level)),
                format!("{} weighted score", capitalised(&rank_en(level))),
            ),
            ("", ""),
        ),
    }
}

fn condition(plan: &Plan<'_>, li: usize, c: &Cond, normalised: bool) -> Condition {
    let holds = c.holds();
    let (actual, required) = (c.actual, c.required);
    let kind = match c.measure {
        Measure::Score => ConditionKind::Score,
        Measure::Rule(rule) => {
            let r = &plan.rules[li][rule];
            ConditionKind::Scenarios {
                min_level: r.min_level,
                among: r.among,
            }
        }
        Measure::Achieved(level) => ConditionKind::LevelAchieved { level },
    };
    let (head, unit) = condition_head(plan, li, c, normalised);
    let shortfall = if holds {
        Decimal::ZERO
    } else {
        (required - actual).to_decimal_ceil()
    };
    let (a, r) = (shown(actual), shown(required));
    let ((hz, he), (uz, ue)) = ((&head.zh, &head.en), unit);
    let text = if holds {
        both(
            format!("{hz} {a}{uz} ≥ {r}{uz}"),
            format!("{he} {a}{ue} ≥ {r}{ue}"),
        )
    } else {
        both(
            format!("{hz} {a}{uz} < {r}{uz}，差 {shortfall}{uz}"),
            format!("{he} {a}{ue} < {r}{ue}, short by {shortfall}{ue}"),
        )
    };
    Condition {
        kind,
        holds,
        actual: actual.to_decimal(),
        required: required.to_decimal(),
        shortfall,
        exact: actual.is_decimal() && required.is_decimal(),
        text,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn band_range(b: &crate::framework::Band, percent: bool) -> String {
    let u = if percent { "%" } else { "" };
    format!(
        "{}{}{u}, {}{u}{}",
        if b.lower_closed { "[" } else { "(" },
        b.lower,
        b.upper,
        if b.upper_closed { "]" } else { ")" }
    )
}

fn item_score(plan: &Plan<'_>, index: usize, slot: &Slot<'_>, c: &Contribution) -> ItemScore {
    let item = slot.loc.item;
    let mut status = match slot.state {
        State::Unanswered => ItemStatus::Unanswered,
        State::Na => ItemStatus::NotApplicable,
        _ => ItemStatus::Answered,
    };
    let pts = (
        format!("{} / {} 分", c.points, c.max),
        format!("{} / {} pts", c.points, c.max),
    );
    let (basis, text) = match (&item.kind, &slot.state) {
        (_, State::Unanswered) => unanswered_basis(plan, index, slot, c),
        (_, State::Na) => (Basis::None, na_text(&item.na)),
        (ItemKind::Single { options, .. }, State::Option(i)) => {
            let o = &options[*i];
            (
                Basis::Option {
                    option: o.id.clone(),
                    label: o.label.clone(),
                },
                chose(&o.label, &pts),
            )
        }
        (ItemKind::Multiple { options, cap }, State::Options(mask)) => {
            multiple_basis(options, *cap, *mask, &pts)
        }
        (
            ItemKind::Band {
                fields,
                ratio,
                bands,
            },
            State::Band { num, den, band },
        ) => band_basis(fields, ratio, bands, *num, *den, *band, &pts),
        (ItemKind::Ladder { rungs, constraint }, State::Level(n)) => {
            ladder_basis(rungs, *constraint, *n)
        }
        (ItemKind::Requirements { .. }, State::Requirements(values)) => {
            if values.iter().any(Option::is_none) {
                status = ItemStatus::Partial;
            }
            requirements_basis(plan, index, slot, c)
        }
        (ItemKind::Kpi { .. }, State::Kpi(_)) => (
            Basis::Kpi,
            fixed(
                "关键指标（不计分），见指标对照",
                "Key indicator (not scored), see the KPI comparison",
            ),
        ),
        _ => (Basis::None, fixed("", "")),
    };
    ItemScore {
        id: item.id.clone(),
        title: item.title.clone(),
        dimension: slot.loc.dimension.id.clone(),
        indicator: slot.loc.indicator.id.clone(),
        status,
        earned: c.points,
        max: c.max,
        basis,
        text,
    }
}

/// A text that is the same whatever the answer.
fn fixed(zh: &str, en: &str) -> Text {
    both(zh.to_owned(), en.to_owned())
}

/// "Chose 「label」 → points".
fn chose(label: &Text, pts: &(String, String)) -> Text {
    both(
        format!("选「{}」→ {}", label.zh, pts.0),
        format!("Chose \u{201c}{}\u{201d} → {}", label.en, pts.1),
    )
}

/// An unanswered item: how it counts for now.
fn unanswered_basis(
    plan: &Plan<'_>,
    index: usize,
    slot: &Slot<'_>,
    c: &Contribution,
) -> (Basis, Text) {
    match &slot.loc.item.kind {
        ItemKind::Kpi { .. } => (
            Basis::Kpi,
            fixed("未填写（不计分）", "Not entered (not scored)"),
        ),
        ItemKind::Ladder { .. } => (
            Basis::None,
            fixed(
                "未作答（暂按未达一级计）",
                "Unanswered (counted as below level 1 for now)",
            ),
        ),
        ItemKind::Requirements { .. } => (
            requirements_basis(plan, index, slot, c).0,
            fixed(
                "未作答（各项要求暂按 0 计）",
                "Unanswered (each requirement counted as 0 for now)",
            ),
        ),
        _ => (
            Basis::None,
            both(
                format!("未作答（暂按 0 分计）→ 0 / {} 分", c.max),
                format!("Unanswered (counted as 0 for now) → 0 / {} pts", c.max),
            ),
        ),
    }
}

/// A not-applicable item: left out of the maximum, or counted as 0.
fn na_text(na: &NaPolicy) -> Text {
    match na {
        NaPolicy::Exclude => fixed(
            "不适用（不计入满分）",
            "Not applicable (left out of the maximum)",
        ),
        _ => fixed("不适用（按 0 分计）", "Not applicable (counted as 0)"),
    }
}

/// A multiple choice answer: the chosen options' points, added up and capped.
fn multiple_basis(
    options: &[Choice],
    cap: Decimal,
    mask: u128,
    pts: &(String, String),
) -> (Basis, Text) {
    let chosen: Vec<_> = options
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, o)| o)
        .collect();
    let sum: Decimal = chosen.iter().map(|o| o.points).sum();
    let capped = sum > cap;
    let text = if chosen.is_empty() {
        both(
            format!("未选任何一项 → {}", pts.0),
            format!("Nothing chosen → {}", pts.1),
        )
    } else if chosen.len() == 1 && chosen[0].exclusive {
        chose(&chosen[0].label, pts)
    } else {
        let parts = |en: bool| {
            chosen
                .iter()
                .map(|o| {
                    let l = if en { &o.label.en } else { &o.label.zh };
                    format!("{l} {}", o.points)
                })
                .collect::<Vec<_>>()
        };
        let (cap_zh, cap_en) = if capped {
            (
                format!("，超过上限按 {cap} 计"),
                format!(", capped at {cap}"),
            )
        } else {
            (String::new(), String::new())
        };
        both(
            format!(
                "选 {} 项（{}）合计 {sum}{cap_zh} → {}",
                chosen.len(),
                parts(false).join("、"),
                pts.0
            ),
            format!(
                "Chose {} ({}), total {sum}{cap_en} → {}",
                chosen.len(),
                parts(true).join("; "),
                pts.1
            ),
        )
    };
    (
        Basis::Options {
            options: chosen.iter().map(|o| o.id.clone()).collect(),
            sum,
            capped,
        },
        text,
    )
}

/// A band answer: the ratio of the entered figures and the band it falls in.
fn band_basis(
    fields: &[Field],
    ratio: &Ratio,
    bands: &[Band],
    num: Decimal,
    den: Decimal,
    band: usize,
    pts: &(String, String),
) -> (Basis, Text) {
    let label = |id: &str| {
        fields
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| both(id.to_owned(), id.to_owned()), |f| f.label.clone())
    };
    let r = Rational::from_decimal(if ratio.percent { num * 100 } else { num })
        / Rational::from_decimal(den);
    let b = &bands[band];
    let u = if ratio.percent { "%" } else { "" };
    let range = band_range(b, ratio.percent);
    let (n, d, r_shown) = (label(&ratio.numerator), label(&ratio.denominator), shown(r));
    let text = both(
        format!(
            "{} {num} ÷ {} {den} = {r_shown}{u}，在 {range} 档 → {}",
            n.zh, d.zh, pts.0
        ),
        format!(
            "{} {num} ÷ {} {den} = {r_shown}{u}, in band {range} → {}",
            n.en, d.en, pts.1
        ),
    );
    (
        Basis::Band {
            band: b.id.clone(),
            numerator: num,
            denominator: den,
            ratio: r.to_decimal(),
            ratio_exact: r.is_decimal(),
            percent: ratio.percent,
            range,
        },
        text,
    )
}

/// A ladder answer: the rung reached in a binding or guiding scenario.
fn ladder_basis(rungs: &[Rung], constraint: bool, n: u8) -> (Basis, Text) {
    let kind = if constraint {
        ("约束性", "Binding")
    } else {
        ("指导性", "Guiding")
    };
    let text = if n == 0 {
        both(
            format!("{}场景，未达一级", kind.0),
            format!("{} scenario, below level 1", kind.1),
        )
    } else {
        both(
            format!("{}场景，达到{}", kind.0, rank_zh(n)),
            format!("{} scenario at {}", kind.1, rank_en(n)),
        )
    };
    (
        Basis::Ladder {
            level: n,
            top: rungs.len() as u8,
            constraint,
        },
        text,
    )
}

/// Per-level means of one requirements item and the level it achieves.
fn requirements_basis(
    plan: &Plan<'_>,
    index: usize,
    slot: &Slot<'_>,
    c: &Contribution,
) -> (Basis, Text) {
    let Some(m) = &plan.maturity else {
        return (Basis::None, both(String::new(), String::new()));
    };
    let answered_at = |l: usize| -> u32 {
        let ItemKind::Requirements { requirements } = &slot.loc.item.kind else {
            return 0;
        };
        match &slot.state {
            State::Requirements(v) => slot
                .requirements
                .iter()
                .zip(v)
                .filter(|(ri, x)| usize::from(requirements[**ri].level) == l + 1 && x.is_some())
                .count() as u32,
            _ => 0,
        }
    };
    let mut levels = Vec::new();
    let mut achieved = 0_u8;
    let mut still = true;
    // both sentences written straight into one buffer each (this runs for every requirement
    // item of every score)
    let (mut zh, mut en) = (String::with_capacity(160), String::with_capacity(120));
    for l in 0..m.counts[index].len() {
        let count = m.counts[index][l];
        let sum = Decimal::from_units(c.sums.get(l).copied().unwrap_or(0));
        // sum is in units of 10⁻⁴: one fraction, reduced once
        let mean =
            (count > 0).then(|| Rational::new(i128::from(sum.units()), i128::from(count) * 10_000));
        let ok = mean.is_none_or(|x| x >= m.threshold);
        if still && ok {
            achieved = l as u8 + 1;
        } else {
            still = false;
        }
        // × rather than ✗: the report font (Noto Sans SC) has no ✗ glyph.
        let mark = if ok { "✓" } else { "×" };
        let rank = l as u8 + 1;
        if l > 0 {
            zh.push('，');
            en.push_str(", ");
        }
        let _ = match mean {
            Some(x) => {
                // the mean is formatted once, then copied into the English sentence
                write!(zh, "{} ", rank_zh(rank)).and_then(|()| {
                    let at = zh.len();
                    write!(zh, "{x}{mark}")?;
                    write!(en, "L{rank} ")?;
                    en.push_str(&zh[at..]);
                    Ok(())
                })
            }
            None => write!(zh, "{} 不适用", rank_zh(rank)).and_then(|()| write!(en, "L{rank} n/a")),
        };
        levels.push(LevelMean {
            level: l as u8 + 1,
            count,
            answered: answered_at(l),
            sum,
            mean: mean.map(Rational::to_decimal),
            exact: mean.is_none_or(Rational::is_decimal),
            achieved: ok,
            weight: (m.weights[index][l] * Rational::from_int(100)).to_decimal(),
        });
    }
    if m.counts[index].iter().all(|&n| n == 0) {
        achieved = 0;
    }
    let text = requirements_text(&zh, &en, m.threshold, achieved);
    (Basis::Requirements { levels, achieved }, text)
}

/// The sentence under a requirements item: its per-level means and the level it reaches.
fn requirements_text(zh: &str, en: &str, threshold: Rational, achieved: u8) -> Text {
    let threshold = shown(threshold);
    both(
        format!(
            "各级平均满足度：{zh}（达标线 {threshold}）→ 本子域达到{}",
            if achieved == 0 {
                "未达一级".to_owned()
            } else {
                rank_zh(achieved)
            }
        ),
        format!(
            "Mean fulfilment per level: {en} (threshold {threshold}) → this sub-domain {}",
            if achieved == 0 {
                "is below level 1".to_owned()
            } else {
                format!("reaches {}", rank_en(achieved))
            }
        ),
    )
}

fn dimensions(sheet: &Sheet<'_>, plan: &Plan<'_>, cs: &[Contribution]) -> Vec<NodeScore> {
    let fw = sheet.fw;
    fw.dimensions
        .iter()
        .filter_map(|d| {
            let dslots: Vec<usize> = (0..sheet.slots.len())
                .filter(|&i| std::ptr::eq(sheet.slots[i].loc.dimension, d))
                .collect();
            if dslots.is_empty() {
                return None;
            }
            let children = d
                .indicators
                .iter()
                .filter_map(|ind| {
                    let islots: Vec<usize> = dslots
                        .iter()
                        .copied()
                        .filter(|&i| std::ptr::eq(sheet.slots[i].loc.indicator, ind))
                        .collect();
                    (!islots.is_empty())
                        .then(|| node_score(plan, cs, &ind.id, &ind.title, &islots, Vec::new()))
                })
                .collect();
            Some(node_score(plan, cs, &d.id, &d.title, &dslots, children))
        })
        .collect()
}

/// A dimension's or indicator's score, from the contributions of its items (`slots`).
fn node_score(
    plan: &Plan<'_>,
    cs: &[Contribution],
    id: &str,
    title: &crate::framework::Text,
    slots: &[usize],
    children: Vec<NodeScore>,
) -> NodeScore {
    let earned: Decimal = slots.iter().map(|&i| cs[i].points).sum();
    let max: Decimal = slots.iter().map(|&i| cs[i].max).sum();
    let (maturity_score, level_scores, achieved) = match &plan.maturity {
        None => (None, Vec::new(), 0),
        Some(m) => node_maturity(m, cs, slots),
    };
    NodeScore {
        id: id.to_owned(),
        title: title.clone(),
        earned,
        max,
        maturity_score,
        level_scores,
        achieved,
        children,
    }
}

/// Method "maturity": a node's score, its weighted score per level and how many levels
/// in a row it achieves.
fn node_maturity(
    m: &MaturityPlan,
    cs: &[Contribution],
    slots: &[usize],
) -> (Option<Decimal>, Vec<Decimal>, u8) {
    let n = m.any.len();
    let mut ls = Vec::with_capacity(n);
    for l in 0..n {
        // Σ wᵢ·meanᵢ / Σ wᵢ over the node's items, exactly
        let mut wsum = Rational::ZERO;
        let mut acc = Rational::ZERO;
        for &i in slots {
            if m.counts[i][l] > 0 {
                let mean = Rational::from_decimal(Decimal::from_units(cs[i].sums[l]))
                    / Rational::from_int(i64::from(m.counts[i][l]));
                acc = acc + m.weights[i][l] * mean;
                wsum = wsum + m.weights[i][l];
            }
        }
        ls.push((!wsum.is_zero()).then(|| acc / wsum));
    }
    let present = ls.iter().any(Option::is_some);
    let k = if present {
        ls.iter()
            .take_while(|x| x.is_none_or(|v| v >= m.threshold))
            .count()
    } else {
        0
    };
    let val = |x: &Option<Rational>| x.unwrap_or(Rational::ONE);
    let s = match m.overall {
        Overall::LevelSum => ls.iter().fold(Rational::ZERO, |a, x| {
            a + if present { val(x) } else { Rational::ZERO }
        }),
        Overall::AchievedPlusNext => {
            Rational::from_int(k as i64)
                + ls.get(k).map_or(Rational::ZERO, |x| {
                    if present { val(x) } else { Rational::ZERO }
                })
        }
    };
    (
        Some(s.to_decimal()),
        ls.iter()
            .map(|x| x.map_or(Decimal::ZERO, Rational::to_decimal))
            .collect(),
        k as u8,
    )
}
