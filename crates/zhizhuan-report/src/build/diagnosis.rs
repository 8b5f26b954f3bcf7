//! The sections a real diagnosis report holds beyond the score (see the research notes on
//! what a reviewer expects): 企业基本情况, 评估过程, 问题诊断 by business area, 投资估算与资金来源
//! and 预期效益. Each is built only from what was recorded or computed; a field never filled is
//! printed as 「未填写」, never invented. Each continues on the page before it when room is
//! left: a short section on a page of its own would leave that page mostly empty.

use std::collections::BTreeMap;

use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::Framework;
use zhizhuan_core::roadmap::{Roadmap, RoadmapAction};
use zhizhuan_core::score::Score;
use zhizhuan_store::meta::AssessmentMode;

use super::{ReportEnterprise, node_numbers, number_of, range_text, t, tx, yuan_range_text};
use crate::assessment::Evidence;
use crate::labels::Lang;
use crate::model::*;

fn or_blank(lang: Lang, v: &str) -> String {
    if v.trim().is_empty() {
        t(lang, "未填写", "not given")
    } else {
        v.trim().to_string()
    }
}

/// 企业自评 / 服务商诊断 / 第三方评测.
pub fn mode_text(lang: Lang, m: AssessmentMode) -> String {
    match m {
        AssessmentMode::SelfAssessed => t(lang, "企业自评", "Self-assessment"),
        AssessmentMode::Provider => t(lang, "服务商诊断", "Service provider's diagnosis"),
        AssessmentMode::ThirdParty => t(lang, "第三方评测", "Third-party evaluation"),
    }
}

/// 企业基本情况: size, people, revenue, products, process, lines and IT systems.
pub fn profile(e: &ReportEnterprise, lang: Lang) -> Section {
    let kv = |k: String, v: &str| KeyValue::new(k, or_blank(lang, v));
    let employees = e.employees.map(|n| match lang {
        Lang::Zh => format!("{n} 人"),
        Lang::En => format!("{n}"),
    });
    let revenue = e.revenue_wan.map(|r| match lang {
        Lang::Zh => format!("{r} 万元"),
        Lang::En => format!("CNY {}", yuan_range_text(r, r)),
    });
    let pairs = vec![
        kv(lang.labels().enterprise.to_string(), &e.name),
        kv(lang.labels().credit_code.to_string(), &e.credit_code),
        kv(
            t(lang, "法定代表人", "Legal representative"),
            &e.legal_representative,
        ),
        kv(lang.labels().region.to_string(), &e.region),
        kv(lang.labels().industry.to_string(), &e.industry),
        kv(t(lang, "企业规模", "Size class"), &e.size),
        kv(
            t(lang, "从业人员", "Employees"),
            employees.as_deref().unwrap_or(""),
        ),
        kv(
            t(lang, "营业收入", "Revenue"),
            revenue.as_deref().unwrap_or(""),
        ),
        kv(t(lang, "主要产品", "Main products"), &e.main_products),
        kv(t(lang, "生产类型", "Process type"), &e.process_type),
        kv(
            t(lang, "主要产线和设备", "Main lines and equipment"),
            &e.production_lines,
        ),
        kv(t(lang, "在用信息系统", "IT systems in use"), &e.it_systems),
    ];
    Section::new(SectionKind::Profile)
        .continued()
        .key_values(pairs)
}

/// 评估过程: who assessed, how, when, what was reviewed, whether the site was visited.
pub fn process(e: &ReportEnterprise, lang: Lang) -> Section {
    let kv = |k: String, v: &str| KeyValue::new(k, or_blank(lang, v));
    let visit = match (&e.site_visit, lang) {
        (None, Lang::Zh) => "否".to_string(),
        (None, Lang::En) => "No".to_string(),
        (Some(d), Lang::Zh) if d.is_empty() => "是".to_string(),
        (Some(d), Lang::En) if d.is_empty() => "Yes".to_string(),
        (Some(d), Lang::Zh) => format!("是（{d}）"),
        (Some(d), Lang::En) => format!("Yes ({d})"),
    };
    let pairs = vec![
        kv(lang.labels().mode.to_string(), &mode_text(lang, e.mode)),
        kv(lang.labels().organisation.to_string(), &e.organisation),
        kv(lang.labels().assessor.to_string(), &e.assessor),
        kv(
            lang.labels().assessment_date.to_string(),
            &e.assessment_date,
        ),
        kv(
            t(lang, "资料审核", "Documents reviewed"),
            &e.documents_reviewed,
        ),
        KeyValue::new(t(lang, "现场评测", "Site visit"), visit),
        kv(t(lang, "访谈对象", "Interviews"), &e.interviews),
    ];
    let how = match e.mode {
        AssessmentMode::SelfAssessed => t(
            lang,
            "本评估为企业自评：答案由企业填报，本报告未经第三方核实。",
            "This is a self-assessment: the enterprise gave the answers; no third party verified them.",
        ),
        _ => t(
            lang,
            "评估按「资料审核 → 现场评测（如有） → 编制报告」进行；各项答案以所列佐证为依据。",
            "The assessment went from document review to a site visit (where held) to this report; each answer rests on the evidence listed.",
        ),
    };
    Section::new(SectionKind::Process)
        .continued()
        .key_values(pairs)
        .paragraph(how)
}

/// Items of one dimension, weakest first: by share of the item's points (points method), or,
/// where items carry no points (maturity), those the roadmap must change.
fn weak_items<'s>(
    s: &'s Score,
    r: Option<&Roadmap>,
    dimension: &str,
) -> Vec<&'s zhizhuan_core::score::ItemScore> {
    let changed = |id: &str| r.is_some_and(|r| r.changes.iter().any(|c| c.item == id));
    let mut items: Vec<_> = s
        .items
        .iter()
        .filter(|i| i.dimension == dimension)
        .filter(|i| {
            if i.max > Decimal::ZERO {
                i.earned < i.max
            } else {
                changed(&i.id)
            }
        })
        .collect();
    // share = earned / max, compared by cross-multiplication (exact); stable among equals
    items.sort_by(|a, b| {
        if a.max > Decimal::ZERO && b.max > Decimal::ZERO {
            a.earned.ratio_cmp(a.max, b.earned, b.max)
        } else {
            std::cmp::Ordering::Equal
        }
    });
    items.truncate(3);
    items
}

/// What evidence is held for an item: its note and attached files, or 「缺失」.
fn held(evidence: &Evidence, item: &str, lang: Lang) -> (String, bool) {
    let note = evidence.notes.get(item).map(|n| n.trim()).unwrap_or("");
    let files = evidence
        .attachments
        .iter()
        .filter(|a| a.item == item)
        .count();
    let text = match (note.is_empty(), files, lang) {
        (true, 0, _) => return (t(lang, "缺失", "missing"), false),
        (false, 0, _) => note.to_string(),
        (true, n, Lang::Zh) => format!("附件 {n} 个"),
        (true, n, Lang::En) => format!("{n} file{}", if n == 1 { "" } else { "s" }),
        (false, n, Lang::Zh) => format!("{note}（附件 {n} 个）"),
        (false, n, Lang::En) => format!("{note} ({n} file{})", if n == 1 { "" } else { "s" }),
    };
    (text, true)
}

/// 问题诊断: per business area (the framework's dimensions), its weakest items with the
/// answer found and the evidence behind it or missing.
pub fn diagnosis(
    fw: &Framework,
    s: &Score,
    r: Option<&Roadmap>,
    evidence: &Evidence,
    lang: Lang,
) -> Section {
    let numbers = node_numbers(fw);
    let mut table = Table::new(vec![
        Column::new(t(lang, "序号", "No."), 2),
        Column::new(t(lang, "问题", "Finding"), 10),
        Column::new(t(lang, "应有佐证", "Evidence expected"), 7),
        Column::new(t(lang, "已有佐证", "Evidence held"), 6),
    ]);
    let mut found = 0;
    for d in &fw.dimensions {
        let weak = weak_items(s, r, &d.id);
        if weak.is_empty() {
            continue;
        }
        table.push(Row::new(vec![Cell::from(tx(lang, &d.title))]).kind(RowKind::Group));
        for it in weak {
            found += 1;
            let (held_text, ok) = held(evidence, &it.id, lang);
            let expected = fw.item(&it.id).map(|i| tx(lang, &i.evidence));
            table.push(Row::new(vec![
                Cell::from(number_of(&numbers, &it.id)),
                Cell::from(format!(
                    "{}{}{}",
                    tx(lang, &it.title),
                    t(lang, "：", ": "),
                    tx(lang, &it.text)
                )),
                Cell::from(expected.filter(|x| !x.is_empty()).unwrap_or_default()),
                Cell::from(held_text).tone(if ok { Tone::Normal } else { Tone::Bad }),
            ]));
        }
    }
    let sec = Section::new(SectionKind::Diagnosis)
        .continued().paragraph(t(
        lang,
        "按业务领域列出得分最低的事项（每个领域至多三项）、现状及其佐证；「缺失」表示该项没有佐证说明或附件。",
        "Per business area, its weakest items (three at most), what was found and the evidence behind it; \"missing\" means no note and no file.",
    ));
    if found == 0 {
        sec.paragraph(t(
            lang,
            "各领域没有失分事项。",
            "No area has an item below its full score.",
        ))
    } else {
        sec.table(table)
    }
}

/// Sums of cost bands keyed by `key`, in key order.
fn sums<K: Ord>(
    parts: impl Iterator<Item = (K, Decimal, Decimal)>,
) -> BTreeMap<K, (Decimal, Decimal)> {
    let mut out = BTreeMap::new();
    for (k, lo, hi) in parts {
        let e = out.entry(k).or_insert((Decimal::ZERO, Decimal::ZERO));
        e.0 = e.0 + lo;
        e.1 = e.1 + hi;
    }
    out
}

fn wan(lang: Lang, lo: Decimal, hi: Decimal) -> String {
    match lang {
        Lang::Zh => format!("{} 万元", range_text(lo, hi)),
        Lang::En => format!("CNY {}", yuan_range_text(lo, hi)),
    }
}

/// 投资估算与资金来源: the plan's cost band by phase and by year (each action counted in the
/// year it starts), and which programmes the framework links to which actions.
pub fn investment(fw: &Framework, r: &Roadmap, lang: Lang) -> Section {
    let by_phase = cost_by_phase(r, lang);
    let by_year = cost_by_year(r, lang);
    let funding = funding_table(fw, r, lang);
    let sec = Section::new(SectionKind::Investment)
        .continued()
        .paragraph(t(
            lang,
            "投资估算取框架为各行动声明的费用区间（低值–高值），按阶段和年度汇总；实际投资以企业的项目预算和合同为准。企业自筹以外的资金来源列出框架关联的政策与项目，是否获得支持以主管部门审核为准。",
            "Estimates are the cost bands the framework declares per action (low–high), summed by phase and year; actual investment follows the enterprise's budgets and contracts. Programmes are those the framework links to the actions; support depends on the authority's review.",
        ))
        .table(by_phase)
        .table(by_year);
    if funding.rows.is_empty() {
        sec.paragraph(t(
            lang,
            "框架未将本计划的行动关联到政策或项目：资金来源为企业自筹。",
            "The framework links no programme to this plan's actions: the enterprise funds them itself.",
        ))
    } else {
        sec.table(funding)
    }
}

/// Every action of the plan, phase by phase.
fn plan_actions(r: &Roadmap) -> impl Iterator<Item = &RoadmapAction> {
    r.phases.iter().flat_map(|p| p.actions.iter())
}

/// The cost band of each phase, with the plan's total.
fn cost_by_phase(r: &Roadmap, lang: Lang) -> Table {
    let mut by_phase = Table::new(vec![
        Column::new(t(lang, "阶段", "Phase"), 6),
        Column::new(t(lang, "行动数", "Actions"), 2).right(),
        Column::new(t(lang, "投资估算", "Estimate"), 5).right(),
    ])
    .captioned(t(lang, "按阶段", "By phase"));
    for p in &r.phases {
        by_phase = by_phase.row([
            tx(lang, &p.name),
            p.actions.len().to_string(),
            wan(lang, p.cost_wan.min, p.cost_wan.max),
        ]);
    }
    let n: usize = r.phases.iter().map(|p| p.actions.len()).sum();
    by_phase.push(
        Row::new(vec![
            Cell::from(t(lang, "合计", "Total")),
            Cell::from(n.to_string()),
            Cell::from(wan(lang, r.cost_wan.min, r.cost_wan.max)),
        ])
        .kind(RowKind::Total),
    );
    by_phase
}

/// The cost band of each year of the plan, an action counted in the year it starts.
fn cost_by_year(r: &Roadmap, lang: Lang) -> Table {
    let years = sums(plan_actions(r).map(|a| {
        (
            a.start_month / 12 + 1,
            a.action.cost_wan.min,
            a.action.cost_wan.max,
        )
    }));
    let mut by_year = Table::new(vec![
        Column::new(t(lang, "年度", "Year"), 6),
        Column::new(t(lang, "投资估算", "Estimate"), 5).right(),
    ])
    .captioned(t(
        lang,
        "按年度（以行动开始的月份计）",
        "By year (counted in the year an action starts)",
    ));
    for (y, (lo, hi)) in &years {
        let label = match lang {
            Lang::Zh => format!("第 {y} 年（第 {}–{} 月）", (y - 1) * 12 + 1, y * 12),
            Lang::En => format!("Year {y} (months {}–{})", (y - 1) * 12 + 1, y * 12),
        };
        by_year = by_year.row([label, wan(lang, *lo, *hi)]);
    }
    by_year
}

/// The programmes the framework links to the plan's actions: which actions each may fund and
/// their cost band (none listed when no programme is linked).
fn funding_table(fw: &Framework, r: &Roadmap, lang: Lang) -> Table {
    let mut funding = Table::new(vec![
        Column::new(t(lang, "可申请的政策与项目", "Programme"), 5),
        Column::new(t(lang, "可支持的行动", "Actions it may fund"), 8),
        // wide enough for 「CNY 2,400,000–8,221,000」 on one line (a unit never leaves its number)
        Column::new(t(lang, "涉及投资", "Their estimate"), 5).right(),
    ])
    .captioned(t(lang, "资金来源", "Funding"));
    for p in &fw.programmes {
        let linked: Vec<_> = plan_actions(r)
            .filter(|a| a.action.programmes.contains(&p.id))
            .collect();
        if linked.is_empty() {
            continue;
        }
        let (lo, hi) = linked
            .iter()
            .fold((Decimal::ZERO, Decimal::ZERO), |(lo, hi), a| {
                (lo + a.action.cost_wan.min, hi + a.action.cost_wan.max)
            });
        let names: Vec<String> = linked.iter().map(|a| tx(lang, &a.action.title)).collect();
        funding = funding.row([
            tx(lang, &p.title),
            names.join(if lang == Lang::Zh { "、" } else { "; " }),
            wan(lang, lo, hi),
        ]);
    }
    funding
}

/// An English answer as words inside a sentence: 「Not answered」 and 「Level 2」 stand alone in a
/// table cell, but read "from not answered to level 2" mid-sentence (quoted options keep theirs).
fn in_sentence(answer: &str) -> String {
    let mut c = answer.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// 预期效益: the effects the framework declares for the plan's actions (expected, never
/// certain), and the level the plan is projected to reach.
pub fn benefits(fw: &Framework, r: &Roadmap, lang: Lang) -> Section {
    let effects: Vec<String> = r
        .outcomes
        .effects
        .iter()
        .filter(|e| e.driven)
        .map(|e| match lang {
            Lang::Zh => format!(
                // the answers come worded and quoted as the gap table gives them
                "{}：{}（预期由{}变为{}）",
                e.item_title.zh, e.text.zh, e.from.zh, e.to.zh
            ),
            Lang::En => format!(
                "{}: {} (expected from {} to {})",
                tx(lang, &e.item_title),
                tx(lang, &e.text),
                in_sentence(&tx(lang, &e.from)),
                in_sentence(&tx(lang, &e.to))
            ),
        })
        .collect();
    let mut sec = Section::new(SectionKind::Benefits)
        .continued().note(
        Tone::Muted,
        t(
            lang,
            "以下效益是框架为这些行动声明的预期效果，不是测算结果，也不作保证。",
            "The benefits below are the effects the framework declares for these actions: expected, not measured, and not guaranteed.",
        ),
    );
    sec = sec.paragraph(match lang {
        Lang::Zh => format!(
            "完成全部行动后，预计达到：{}。",
            super::projection_text(fw, lang, &r.projected)
        ),
        Lang::En => format!(
            "With every action done, the projected result is {}.",
            super::projection_text(fw, lang, &r.projected)
        ),
    });
    if effects.is_empty() {
        sec.paragraph(t(
            lang,
            "框架没有为本计划的行动声明业务效益（如能耗、合格率）。",
            "The framework declares no business effect (energy, pass rate) for this plan's actions.",
        ))
    } else {
        sec.heading(t(lang, "预期业务效益", "Expected business effects"))
            .bullets(effects)
    }
}

/// A stable report number: 「ZZ-」, eight hex digits of the assessment's identity (its uid, or
/// the answers themselves) and the revision — the same assessment always gets the same number,
/// a revision a new one.
pub fn report_number(identity: &str, revision: u32) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(identity.as_bytes());
    let hex: String = h[..4].iter().map(|b| format!("{b:02X}")).collect();
    format!("ZZ-{hex}-R{revision}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_numbers_are_stable_per_identity_and_revision() {
        let a = report_number("4f1c0e", 1);
        assert_eq!(a, report_number("4f1c0e", 1), "same input, same number");
        assert_ne!(a, report_number("4f1c0e", 2), "a revision gets its own");
        assert_ne!(a, report_number("4f1c0f", 1));
        // 「ZZ-」 + 8 hex + 「-R1」
        assert_eq!(a.len(), 3 + 8 + 3, "{a}");
        assert!(a.starts_with("ZZ-") && a.ends_with("-R1"));
    }

    #[test]
    fn sums_add_both_ends_per_key() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let got = sums(
            [
                (2, d("1"), d("3")),
                (1, d("0.5"), d("2")),
                (2, d("4"), d("10")),
            ]
            .into_iter(),
        );
        // year 1: one action 0.5–2; year 2: 1+4 – 3+10
        let want: Vec<_> = vec![(1, (d("0.5"), d("2"))), (2, (d("5"), d("13")))];
        assert_eq!(got.into_iter().collect::<Vec<_>>(), want);
    }

    #[test]
    fn answers_read_as_words_inside_a_sentence() {
        for (cell, words) in [
            ("Not answered", "not answered"),
            ("Level 2", "level 2"),
            ("\u{201c}Down\u{201d}", "\u{201c}Down\u{201d}"),
            ("", ""),
        ] {
            assert_eq!(in_sentence(cell), words);
        }
    }
}
