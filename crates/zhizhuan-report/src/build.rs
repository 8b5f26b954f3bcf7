//! Builds the report model from core's results: a framework, its [`Score`] and, when a target
//! level was chosen, the [`Roadmap`]. Everything printed comes from those values — this module
//! only chooses wording and order, it never computes a score of its own (apart from display
//! percentages for the radar, which are rounded and labelled as such).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::{Effort, Framework, Method, NoteStatus, Reaches, Text};
use zhizhuan_core::roadmap::{self, GateStatus, ProgrammeStatus, Roadmap};
use zhizhuan_core::score::{self, Basis, ItemStatus, NodeScore, Score};

use crate::assessment::{ActionEdit, Evidence};
use crate::labels::Lang;
use crate::model::*;
use crate::xlsx::{ActionPlan, ActionStatus, PlanAction, PlanPhase};
pub use diagnosis::{mode_text, report_number};
use zhizhuan_store::meta::AssessmentMode;

/// Who was assessed, and by whom: the cover fields that do not come from the score.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportEnterprise {
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    pub industry: String,
    pub region: String,
    pub assessor: String,
    /// Printed as given (e.g. 「2025年3月18日」); empty prints 「未记录」.
    pub assessment_date: String,
    /// 报告编号: the assessing body's own, else a stable derived one ([`report_number`]).
    #[serde(default)]
    pub report_no: String,
    /// 评估机构.
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub mode: AssessmentMode,
    /// 资料审核.
    #[serde(default)]
    pub documents_reviewed: String,
    /// `None`: no site visit; `Some(date)` (possibly empty) when there was one.
    #[serde(default)]
    pub site_visit: Option<String>,
    #[serde(default)]
    pub interviews: String,
    /// 企业规模, as printed (e.g. 「中型」).
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub employees: Option<u32>,
    #[serde(default)]
    pub revenue_wan: Option<Decimal>,
    #[serde(default)]
    pub legal_representative: String,
    #[serde(default)]
    pub main_products: String,
    /// 离散型 / 流程型 / 混合型, as printed.
    #[serde(default)]
    pub process_type: String,
    #[serde(default)]
    pub production_lines: String,
    #[serde(default)]
    pub it_systems: String,
}

fn t(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

fn tx(lang: Lang, text: &Text) -> String {
    match lang {
        Lang::Zh => text.zh.clone(),
        Lang::En if text.en.is_empty() => text.zh.clone(),
        Lang::En => text.en.clone(),
    }
}

/// A projected result: 「80.5 分，四级」 / `80.5 points, Level 4`; under the maturity method the
/// score is S, not points: 「S = 3，三级」 / `S = 3, Level 3`.
fn projection_text(fw: &Framework, lang: Lang, p: &zhizhuan_core::gap::Projection) -> String {
    let a = approx(p.score_exact);
    let points = matches!(fw.scoring.method, Method::Points { .. });
    match (lang, points) {
        (Lang::Zh, true) => format!("{a}{} 分，{}", p.score, p.level.name.zh),
        (Lang::Zh, false) => format!("S = {a}{}，{}", p.score, p.level.name.zh),
        (Lang::En, true) => format!("{a}{} points, {}", p.score, tx(lang, &p.level.name)),
        (Lang::En, false) => format!("S = {a}{}, {}", p.score, tx(lang, &p.level.name)),
    }
}

fn approx(exact: bool) -> &'static str {
    if exact { "" } else { "≈" }
}

fn level_text(lang: Lang, level: &score::LevelOutcome) -> String {
    match &level.alias {
        Some(a) => match lang {
            Lang::Zh => format!("{}（{}）", level.name.zh, a.zh),
            Lang::En => format!("{} ({})", tx(lang, &level.name), tx(lang, a)),
        },
        None => tx(lang, &level.name),
    }
}

/// Dimensions that carry points (MIIT's scenario dimension has none: it sets level gates).
fn scored_dimensions(s: &Score) -> Vec<&NodeScore> {
    s.dimensions
        .iter()
        .filter(|d| !d.max.is_zero() || d.maturity_score.is_some())
        .collect()
}

/// A dimension's value and full scale as charted: points, or the maturity score S.
fn dimension_value(fw: &Framework, d: &NodeScore) -> (Decimal, Decimal) {
    match (&fw.scoring.method, d.maturity_score) {
        (Method::Maturity { max_score, .. }, Some(m)) => (m, *max_score),
        _ => (d.earned, d.max),
    }
}

/// The areas the summary ranks and the radar draws: the dimensions' children (indicators,
/// 能力域). MIIT has only three scored dimensions, so ranking dimensions would name the same
/// three as both strongest and weakest; the children are fine enough to tell apart. Falls back
/// to the dimensions when there are fewer than three children with a scale.
fn areas<'s>(fw: &Framework, s: &'s Score) -> Vec<&'s NodeScore> {
    let dims = scored_dimensions(s);
    let has_scale = |n: &&NodeScore| dimension_value(fw, n).1 > Decimal::ZERO;
    let children: Vec<&NodeScore> = dims
        .iter()
        .flat_map(|d| &d.children)
        .filter(has_scale)
        .collect();
    if children.len() >= 3 {
        children
    } else {
        dims.into_iter().filter(has_scale).collect()
    }
}

/// Compares two nodes' shares of their full scale exactly (greater share = `Greater`).
fn share_cmp(fw: &Framework, a: &NodeScore, b: &NodeScore) -> std::cmp::Ordering {
    let (av, am) = dimension_value(fw, a);
    let (bv, bm) = dimension_value(fw, b);
    av.ratio_cmp(am, bv, bm)
}

fn percent(fw: &Framework, n: &NodeScore) -> Decimal {
    let (v, m) = dimension_value(fw, n);
    (v * 100).div_rounded(m).unwrap_or(Decimal::ZERO)
}

/// A non-negative display value rounded to a whole number (half up).
fn whole(d: Decimal) -> i64 {
    (d.units() + 5_000).div_euclid(10_000)
}

fn area_line(fw: &Framework, lang: Lang, n: &NodeScore) -> String {
    let (v, m) = dimension_value(fw, n);
    let p = whole(percent(fw, n));
    match lang {
        Lang::Zh => format!("{} {v} / {m}（{p}%）", n.title.zh),
        Lang::En => format!("{} {v} / {m} ({p}%)", tx(lang, &n.title)),
    }
}

/// Each ladder (scenario) item's target rung: the highest rung a roadmap action reaches on it.
fn ladder_target(r: Option<&Roadmap>, item: &str) -> Option<u8> {
    r?.phases
        .iter()
        .flat_map(|p| &p.actions)
        .filter(|a| a.action.item == item)
        .filter_map(|a| match a.action.target {
            Reaches::Level(l) => Some(l),
            _ => None,
        })
        .max()
}

fn note_prefix(lang: Lang, status: NoteStatus) -> String {
    match status {
        NoteStatus::Estimate => t(lang, "【估算】", "[Estimate] "),
        NoteStatus::Unconfirmed => t(lang, "【待核实】", "[Unconfirmed] "),
        NoteStatus::Doubt => t(lang, "【存疑】", "[Doubt] "),
        NoteStatus::Info => String::new(),
    }
}

fn effort_text(lang: Lang, e: Effort) -> String {
    match e {
        Effort::Low => t(lang, "低", "low"),
        Effort::Medium => t(lang, "中", "medium"),
        Effort::High => t(lang, "高", "high"),
    }
}

/// `min–max`, or one value when the ends are equal (a cost `0.5`, a one-month action's `2`).
fn range_text<T: PartialEq + std::fmt::Display>(min: T, max: T) -> String {
    if min == max {
        format!("{min}")
    } else {
        format!("{min}–{max}")
    }
}

/// "1 action", "12 actions".
fn actions_en(n: usize) -> String {
    if n == 1 {
        "1 action".to_string()
    } else {
        format!("{n} actions")
    }
}

/// A 万元 band in whole yuan with thousands separators, for English readers who do not count
/// in 万: 25–130 万元 → `250,000–1,300,000`.
fn yuan_range_text(min: Decimal, max: Decimal) -> String {
    // A Decimal's units are ten-thousandths, so the units of a 万元 amount are yuan.
    let yuan = |d: Decimal| {
        let digits = d.units().unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if d.units() < 0 {
            format!("-{out}")
        } else {
            out
        }
    };
    range_text(yuan(min), yuan(max))
}

fn status_text(lang: Lang, s: ItemStatus) -> String {
    match s {
        ItemStatus::Answered => t(lang, "已答", "answered"),
        ItemStatus::Partial => t(lang, "部分作答", "partial"),
        ItemStatus::Unanswered => t(lang, "未作答", "unanswered"),
        ItemStatus::NotApplicable => t(lang, "不适用", "N/A"),
    }
}

/// The answer itself, as short as possible (the appendix lists every item).
fn answer_text(
    fw: &Framework,
    kpis: &[zhizhuan_core::kpi::KpiResult],
    lang: Lang,
    it: &score::ItemScore,
) -> String {
    match (&it.basis, it.status) {
        (_, ItemStatus::Unanswered) => t(lang, "（未作答）", "(unanswered)"),
        (_, ItemStatus::NotApplicable) => t(lang, "不适用", "N/A"),
        (Basis::Option { label, .. }, _) => tx(lang, label),
        (Basis::Options { options, .. }, _) if options.is_empty() => t(lang, "均无", "none"),
        (Basis::Options { options, .. }, _) => {
            let labels = fw.item(&it.id).map(|i| i.options()).unwrap_or_default();
            options
                .iter()
                .map(|id| {
                    labels
                        .iter()
                        .find(|c| &c.id == id)
                        .map_or_else(|| id.clone(), |c| tx(lang, &c.label))
                })
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "、" } else { "; " })
        }
        (
            Basis::Band {
                numerator,
                denominator,
                ..
            },
            _,
        ) => format!("{numerator} / {denominator}"),
        (Basis::Ladder { level: 0, .. }, _) => t(lang, "未达一级", "below level 1"),
        (Basis::Ladder { level, .. }, _) => match lang {
            Lang::Zh => score::rank_zh(*level),
            Lang::En => format!("level {level}"),
        },
        (Basis::Requirements { levels, .. }, _) => levels
            .iter()
            .map(|l| format!("L{} {}/{}", l.level, l.answered, l.count))
            .collect::<Vec<_>>()
            .join("; "),
        // A KPI's answer is its figures: the computed line (e.g. 「… = 13 ÷ 20 = 65%」).
        (Basis::Kpi, _) => kpis
            .iter()
            .find(|k| k.item == it.id)
            .map_or_else(|| tx(lang, &it.text), |k| tx(lang, &k.text)),
        (Basis::None, _) => tx(lang, &it.text),
    }
}

/// The report model for one scored assessment, with the roadmap when a target was chosen
/// (no evidence notes, attachments or action edits: see [`crate::assessment_report`]).
pub fn report_model(
    fw: &Framework,
    s: &Score,
    roadmap: Option<&Roadmap>,
    enterprise: &ReportEnterprise,
    lang: Lang,
) -> ReportModel {
    report_model_with(fw, s, roadmap, enterprise, &Evidence::default(), &[], lang)
}

/// The report model with the stored evidence (appendix) and action edits (owners).
pub fn report_model_with(
    fw: &Framework,
    s: &Score,
    roadmap: Option<&Roadmap>,
    enterprise: &ReportEnterprise,
    evidence: &Evidence,
    edits: &[ActionEdit],
    lang: Lang,
) -> ReportModel {
    // the order a reviewer expects of a diagnosis report (research: diagnosis-report.md)
    let mut sections = vec![
        summary(fw, s, roadmap, lang),
        diagnosis::profile(enterprise, lang),
        basis_and_method(fw, s, lang),
        diagnosis::process(enterprise, lang),
        results(fw, s, roadmap, lang),
        item_detail(fw, s, lang),
        diagnosis::diagnosis(fw, s, roadmap, evidence, lang),
    ];
    if let Some(r) = roadmap {
        sections.push(gaps(fw, r, lang));
        sections.push(roadmap_section(fw, r, edits, lang));
        sections.push(diagnosis::investment(fw, r, lang));
        sections.push(diagnosis::benefits(fw, r, lang));
    }
    sections.push(programmes(fw, s, roadmap, lang));
    if !s.kpis.is_empty() {
        sections.push(kpis(s, lang));
    }
    sections.push(appendix(fw, s, evidence, lang));
    sections.push(declaration(fw, enterprise, lang));

    ReportModel {
        lang,
        cover: cover(fw, s, enterprise, lang),
        sections,
        keep_together: keep_together(fw),
    }
}

/// The cover: the report's title, the enterprise and the assessment, and notes on estimated
/// or provisional results. Without an enterprise name the report is a draft.
fn cover(fw: &Framework, s: &Score, enterprise: &ReportEnterprise, lang: Lang) -> Cover {
    let notes = cover_notes(s, lang);
    let variant = fw
        .variant(&s.variant)
        .map(|v| tx(lang, &v.title))
        .unwrap_or_else(|| s.variant.clone());
    Cover {
        title: report_title(fw, lang),
        subtitle: Some(variant),
        enterprise: enterprise.name.clone(),
        credit_code: enterprise.credit_code.clone(),
        industry: enterprise.industry.clone(),
        region: enterprise.region.clone(),
        framework: tx(lang, &fw.title),
        framework_version: fw.version.clone(),
        assessor: enterprise.assessor.clone(),
        organisation: enterprise.organisation.clone(),
        mode: mode_text(lang, enterprise.mode),
        assessment_date: if enterprise.assessment_date.trim().is_empty() {
            t(lang, "未记录", "not recorded")
        } else {
            enterprise.assessment_date.clone()
        },
        report_no: Some(enterprise.report_no.clone()).filter(|n| !n.trim().is_empty()),
        notes,
        draft: enterprise.name.trim().is_empty(),
    }
}

/// The cover's notes: results that are estimates, and a provisional score's unanswered items.
fn cover_notes(s: &Score, lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    if s.estimate {
        notes.push(t(
            lang,
            "标注「估算」的结果按声明的方法计算，该方法的官方计分文本未公开。",
            "Results marked \"estimate\" follow a declared method; the official scoring text is not public.",
        ));
    }
    if s.provisional {
        notes.push(match lang {
            Lang::Zh => format!("暂定结果：{} 项未作答，按 0 计。", s.unanswered.len()),
            Lang::En => format!(
                "Provisional: {} items unanswered, counted as 0.",
                s.unanswered.len()
            ),
        });
    }
    notes
}

/// The report's title, by the framework's kind of scoring (MIIT points, other points, maturity).
fn report_title(fw: &Framework, lang: Lang) -> String {
    match &fw.scoring.method {
        Method::Points { .. } if fw.id.starts_with("miit") => t(
            lang,
            "数字化水平评测报告",
            "Digital Level Assessment Report",
        ),
        Method::Points { .. } => t(
            lang,
            "数字化转型评估报告",
            "Digital Transformation Assessment Report",
        ),
        Method::Maturity { .. } => t(
            lang,
            "智能制造能力成熟度评估报告",
            "Maturity Assessment Report",
        ),
    }
}

/// The framework's level names and aliases in both languages (and its below-first-level
/// label): the renderer keeps each on one line (「四级」, 「集成提升」, `Level 4`).
fn keep_together(fw: &Framework) -> Vec<String> {
    let mut terms: Vec<String> = fw
        .levels
        .iter()
        .flat_map(|l| std::iter::once(&l.name).chain(l.alias.as_ref()))
        .chain(std::iter::once(&fw.scoring.below_level))
        .flat_map(|t| [t.zh.clone(), t.en.clone()])
        .filter(|t| !t.trim().is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// Human numbers for the framework's nodes, in file order: dimension `2`, indicator `2.1`,
/// item `2.1.3`. Tables print these beside the titles instead of the file's ids
/// (`jichu.network`), which mean nothing to a reader.
fn node_numbers(fw: &Framework) -> std::collections::HashMap<&str, String> {
    let mut out = std::collections::HashMap::new();
    for (d, dim) in fw.dimensions.iter().enumerate() {
        out.insert(dim.id.as_str(), format!("{}", d + 1));
        for (i, ind) in dim.indicators.iter().enumerate() {
            out.insert(ind.id.as_str(), format!("{}.{}", d + 1, i + 1));
            for (k, item) in ind.items.iter().enumerate() {
                out.insert(item.id.as_str(), format!("{}.{}.{}", d + 1, i + 1, k + 1));
            }
        }
    }
    out
}

/// The number of node `id` (see [`node_numbers`]); `—` for an id the framework does not have.
fn number_of(numbers: &std::collections::HashMap<&str, String>, id: &str) -> String {
    numbers.get(id).cloned().unwrap_or_else(|| "—".to_string())
}

fn score_kv(lang: Lang, s: &Score) -> Vec<KeyValue> {
    let mut score_kv = KeyValue::new(
        t(lang, "总分", "Score"),
        format!("{}{} / {}", approx(s.score_exact), s.score, s.max),
    );
    if s.estimate {
        score_kv = score_kv.tagged(Tag::Estimate);
    }
    let mut level_kv = KeyValue::new(t(lang, "等级", "Level"), level_text(lang, &s.level));
    if s.level.estimate {
        level_kv = level_kv.tagged(Tag::Estimate);
    }
    vec![score_kv, level_kv]
}

fn summary(fw: &Framework, s: &Score, r: Option<&Roadmap>, lang: Lang) -> Section {
    let mut sec = Section::new(SectionKind::Summary).key_values(score_kv(lang, s));
    if s.provisional {
        sec = sec.note(
            Tone::Warning,
            match lang {
                Lang::Zh => format!(
                    "有 {} 项未作答，按 0 计；完成全部题目后结果才可作为正式自评。",
                    s.unanswered.len()
                ),
                Lang::En => format!(
                    "{} items are unanswered and count as 0; the result is provisional.",
                    s.unanswered.len()
                ),
            },
        );
    }
    sec = areas_summary(sec, fw, s, lang);
    if let Some(r) = r {
        sec = roadmap_headline(sec, fw, r, lang);
    }
    sec
}

/// Adds the strongest and the weakest areas to the summary, or says that none stands out.
fn areas_summary(mut sec: Section, fw: &Framework, s: &Score, lang: Lang) -> Section {
    let mut ranked = areas(fw, s);
    // Strongest first; a stable sort keeps framework order among equals.
    ranked.sort_by(|a, b| share_cmp(fw, b, a));
    if let (Some(first), Some(last)) = (ranked.first(), ranked.last()) {
        if share_cmp(fw, first, last).is_eq() {
            // Nothing stands out; listing the same areas as strongest and weakest would mislead.
            sec = sec
                .heading(t(lang, "各领域水平", "Areas"))
                .paragraph(match lang {
                    Lang::Zh => format!(
                        "全部 {} 个领域的得分率相同（{}%），没有相对突出的强项或短板。",
                        ranked.len(),
                        whole(percent(fw, first))
                    ),
                    Lang::En => format!(
                        "All {} areas have the same share of their full score ({}%): none stands out.",
                        ranked.len(),
                        whole(percent(fw, first))
                    ),
                });
        } else {
            // At most three each; an area tied with the other end is not listed, so no area
            // appears in both lists.
            let strongest: Vec<&NodeScore> = ranked
                .iter()
                .take(3)
                .filter(|n| share_cmp(fw, n, last).is_gt())
                .copied()
                .collect();
            let weakest: Vec<String> = ranked
                .iter()
                .rev()
                .take(3)
                .filter(|n| share_cmp(fw, n, first).is_lt())
                .filter(|n| !strongest.iter().any(|x| std::ptr::eq(*x, **n)))
                .map(|n| area_line(fw, lang, n))
                .collect();
            sec = sec
                .heading(t(lang, "相对较强的领域", "Strongest areas"))
                .bullets(strongest.iter().map(|n| area_line(fw, lang, n)))
                .heading(t(lang, "相对较弱的领域", "Weakest areas"))
                .bullets(weakest);
        }
    }
    sec
}

/// Adds the roadmap's headline to the summary: the roadmap's own summary (actions, phases
/// used, months to the last finish, any overrun) with cost and projected result, or why there
/// is no plan.
fn roadmap_headline(mut sec: Section, fw: &Framework, r: &Roadmap, lang: Lang) -> Section {
    let (name, summary) = (tx(lang, &r.target.name), tx(lang, &r.summary));
    let headline = match (lang, r.already_met, r.reachable) {
        (Lang::Zh, true, _) => format!("已达到目标等级「{name}」，无需改进行动。"),
        (Lang::En, true, _) => format!("Target level {name} is already met."),
        // the summary says what stays short with every action done
        (Lang::Zh, _, false) => format!("{summary}。"),
        (Lang::En, _, false) => format!("{summary}."),
        (Lang::Zh, _, true) => format!(
            "目标「{name}」：{summary}，费用 {} 万元；完成后预计 {}。",
            range_text(r.cost_wan.min, r.cost_wan.max),
            projection_text(fw, lang, &r.projected)
        ),
        (Lang::En, _, true) => format!(
            "Target {name}: {summary}, CNY {}; projected {}.",
            yuan_range_text(r.cost_wan.min, r.cost_wan.max),
            projection_text(fw, lang, &r.projected)
        ),
    };
    sec = sec
        .heading(t(lang, "改进路线图要点", "Roadmap headline"))
        .paragraph(headline);
    if !r.reachable && !r.already_met {
        sec = sec.note(
            Tone::Bad,
            t(
                lang,
                "即使完成框架中的全部改进行动也达不到目标等级，因此路线图不列行动。",
                "Even all declared actions do not reach the target, so the roadmap lists none.",
            ),
        );
    }
    sec
}

/// The source document as named: a Chinese document number (「工信厅企业〔2024〕56号」) is a
/// name, so English gives it in brackets after what it is.
fn document_text(document: &str, lang: Lang) -> String {
    let chinese = document
        .chars()
        .any(|c| matches!(c as u32, 0x3400..=0x9FFF));
    match lang {
        Lang::En if chinese => format!("Official notice ({document})"),
        _ => document.to_string(),
    }
}

fn basis_and_method(fw: &Framework, s: &Score, lang: Lang) -> Section {
    let src = &fw.source;
    let mut sec = Section::new(SectionKind::BasisAndMethod)
        .key_values(vec![
            KeyValue::new(t(lang, "评估框架", "Framework"), tx(lang, &fw.title)),
            KeyValue::new(t(lang, "发布机构", "Issuer"), tx(lang, &src.issuer)),
            KeyValue::new(
                t(lang, "文件", "Document"),
                document_text(&src.document, lang),
            ),
            KeyValue::new(
                t(lang, "发布日期", "Date"),
                provenance::source_date_text(fw, lang),
            ),
        ])
        .heading(t(lang, "计分规则", "Scoring rule"));
    sec = sec.paragraph(scoring_rule(fw, lang));
    if fw.scoring.estimate {
        sec = sec.note(
            Tone::Warning,
            t(
                lang,
                "【估算】本框架的官方计分文本未公开，以上方法为声明的估算方法。",
                "[Estimate] The official scoring text is not public; the method above is a declared estimate.",
            ),
        );
    }
    sec = sec.table(level_conditions(s, lang));
    let open: Vec<_> = fw
        .notes
        .iter()
        .filter(|n| n.status != NoteStatus::Info)
        .collect();
    if !open.is_empty() {
        sec = sec.heading(t(lang, "估算与待核实事项", "Estimates and open points"));
        for n in open {
            sec = sec.note(
                Tone::Warning,
                format!("{}{}", note_prefix(lang, n.status), tx(lang, &n.text)),
            );
        }
    }
    sec
}

/// The scoring rule in words: summed points with their level thresholds, or maturity levels
/// achieved by weighted score.
fn scoring_rule(fw: &Framework, lang: Lang) -> String {
    match &fw.scoring.method {
        Method::Points { total } => {
            let levels: Vec<String> = fw
                .levels
                .iter()
                .map(|l| format!("{} ≥ {}", tx(lang, &l.name), l.min_score))
                .collect();
            match lang {
                Lang::Zh => format!(
                    "按各题的公布分值累加，满分 {total} 分；总分门槛：{}。部分等级另有场景条件，见下表。",
                    levels.join("，")
                ),
                Lang::En => format!(
                    "Item points are summed to at most {total}; score thresholds: {}. Some levels add scenario conditions (below).",
                    levels.join(", ")
                ),
            }
        }
        Method::Maturity {
            max_score,
            achieve_threshold,
            ..
        } => match lang {
            Lang::Zh => format!(
                "按各级要求的满足程度计分：某级在某子域的加权得分 ≥ {achieve_threshold} 即视为达到；总分 S 取值 0 至 {max_score}。"
            ),
            Lang::En => format!(
                "Requirements are rated per level; a level counts as achieved at a sub-domain when its weighted score ≥ {achieve_threshold}; S runs from 0 to {max_score}."
            ),
        },
    }
}

/// The level conditions check: each level (reached or not) and each of its conditions.
fn level_conditions(s: &Score, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        Column::new(t(lang, "等级", "Level"), 2),
        Column::new(t(lang, "条件", "Condition"), 8),
        Column::new(t(lang, "是否满足", "Met"), 2).center(),
    ]);
    for l in &s.levels {
        table.push(
            Row::new(vec![
                Cell::from(tx(lang, &l.name)),
                Cell::from(""),
                Cell::from(if l.reached { "✓" } else { "×" }),
            ])
            .kind(RowKind::Group),
        );
        for c in &l.conditions {
            table.push(Row::new(vec![
                Cell::from(""),
                Cell::from(tx(lang, &c.text)),
                Cell::from(if c.holds { "✓" } else { "×" }).tone(if c.holds {
                    Tone::Good
                } else {
                    Tone::Bad
                }),
            ]));
        }
    }
    table.captioned(t(lang, "等级条件核对", "Level conditions"))
}

fn results(fw: &Framework, s: &Score, r: Option<&Roadmap>, lang: Lang) -> Section {
    let dims = scored_dimensions(s);
    let unit = match fw.scoring.method {
        Method::Points { .. } => t(lang, "分", "pts"),
        Method::Maturity { .. } => String::new(),
    };
    let bars = BarChart {
        title: t(lang, "各维度得分", "Score by dimension"),
        unit,
        bars: dims
            .iter()
            .map(|d| {
                let (value, max) = dimension_value(fw, d);
                Bar {
                    label: tx(lang, &d.title),
                    value,
                    max,
                    target: None,
                }
            })
            .collect(),
        value_label: t(lang, "当前", "Current"),
        target_label: None,
    };
    let mut sec = Section::new(SectionKind::Results)
        .key_values(score_kv(lang, s))
        .chart(Chart::Bars(bars));
    let radar = areas(fw, s);
    if (3..=16).contains(&radar.len()) {
        // Shares of each area's full scale, so unequal maxima share one rim.
        let hundred = Decimal::from_int(100);
        let values = radar.iter().map(|n| percent(fw, n)).collect();
        sec = sec.chart(Chart::Radar(RadarChart {
            title: t(lang, "各领域得分率（%）", "Share of full score by area (%)"),
            axes: radar.iter().map(|n| tx(lang, &n.title)).collect(),
            max: hundred,
            series: vec![Series {
                name: t(lang, "当前", "Current"),
                values,
            }],
        }));
    }
    let ladder: Vec<(&score::ItemScore, u8, u8)> = s
        .items
        .iter()
        .filter_map(|it| match it.basis {
            Basis::Ladder { level, top, .. } => Some((it, level, top)),
            _ => None,
        })
        .collect();
    if let Some(top) = ladder.iter().map(|x| x.2).max() {
        let grid = LevelGrid {
            title: t(lang, "业务场景等级", "Scenario levels"),
            levels: (1..=top)
                .map(|l| match lang {
                    Lang::Zh => score::rank_zh(l),
                    Lang::En => format!("L{l}"),
                })
                .collect(),
            rows: ladder
                .iter()
                .map(|(it, level, _)| LevelRow {
                    label: tx(lang, &it.title),
                    current: (*level > 0).then_some(*level),
                    target: ladder_target(r, &it.id),
                })
                .collect(),
        };
        sec = sec.chart(Chart::LevelGrid(grid));
    }
    sec
}

fn item_detail(fw: &Framework, s: &Score, lang: Lang) -> Section {
    let numbers = node_numbers(fw);
    let mut table = Table::new(vec![
        Column::new(t(lang, "序号", "No."), 2),
        Column::new(t(lang, "题目", "Item"), 7),
        Column::new(t(lang, "计分依据", "Basis"), 11),
        Column::new(
            match fw.scoring.method {
                Method::Points { .. } => t(lang, "得分", "Points"),
                Method::Maturity { .. } => t(lang, "得分 / 等级", "Score / level"),
            },
            3,
        )
        .right(),
    ]);
    for d in &s.dimensions {
        let (v, m) = dimension_value(fw, d);
        let total = if m.is_zero() {
            String::new()
        } else {
            format!("{v} / {m}")
        };
        table.push(
            Row::new(vec![
                Cell::from(number_of(&numbers, &d.id)),
                Cell::from(tx(lang, &d.title)),
                Cell::from(""),
                Cell::from(total),
            ])
            .kind(RowKind::Group),
        );
        for it in s.items.iter().filter(|it| it.dimension == d.id) {
            let mut basis = Cell::from(tx(lang, &it.text));
            if it.status == ItemStatus::NotApplicable {
                basis = basis.tagged(Tag::NotApplicable);
            }
            let points = match (&it.basis, it.status) {
                // Maturity items earn no points: what they contribute is the level reached.
                (Basis::Requirements { achieved, .. }, s) if s != ItemStatus::Unanswered => {
                    match (achieved, lang) {
                        (0, Lang::Zh) => "未达一级".to_string(),
                        (0, Lang::En) => "below L1".to_string(),
                        (l, Lang::Zh) => score::rank_zh(*l),
                        (l, Lang::En) => format!("L{l}"),
                    }
                }
                _ if it.max.is_zero() => String::from("—"),
                _ => format!("{} / {}", it.earned, it.max),
            };
            table.push(Row::new(vec![
                Cell::from(number_of(&numbers, &it.id)),
                Cell::from(tx(lang, &it.title)),
                basis,
                Cell::from(points),
            ]));
        }
    }
    Section::new(SectionKind::ItemDetail).table(table)
}

fn gaps(fw: &Framework, r: &Roadmap, lang: Lang) -> Section {
    let mut sec = Section::new(SectionKind::Gaps).key_values(vec![
        KeyValue::new(
            t(lang, "当前", "Current"),
            format!(
                "{}{} · {}",
                approx(r.current.score_exact),
                r.current.score,
                level_text(lang, &r.current.level)
            ),
        ),
        KeyValue::new(
            t(lang, "目标等级", "Target level"),
            level_text(lang, &r.target),
        ),
        KeyValue::new(
            t(lang, "完成路线图后", "After the roadmap"),
            format!(
                "{}{} · {}",
                approx(r.projected.score_exact),
                r.projected.score,
                level_text(lang, &r.projected.level)
            ),
        ),
    ]);
    if r.already_met {
        return sec.paragraph(t(
            lang,
            "已达到目标等级，没有差距。",
            "The target is already met: no gap.",
        ));
    }
    let numbers = node_numbers(fw);
    let mut table = Table::new(vec![
        Column::new(t(lang, "序号", "No."), 2),
        Column::new(t(lang, "题目", "Item"), 6),
        Column::new(t(lang, "现状", "Now"), 6),
        Column::new(t(lang, "目标", "Target"), 6),
        // wide enough for an estimated gain on one line (`+≈0.1083`)
        Column::new(t(lang, "增分", "Gain"), 3).right(),
    ]);
    for c in &r.changes {
        table.push(Row::new(vec![
            Cell::from(number_of(&numbers, &c.item)),
            Cell::from(tx(lang, &c.title)),
            Cell::from(tx(lang, &c.from)),
            Cell::from(tx(lang, &c.to)),
            // The sum of the item's actions' gains, as the roadmap prints them (a scenario
            // upgrade that adds no points shows 「—」; its level is in the target column).
            Cell::from(if c.gain.is_zero() {
                "—".to_string()
            } else {
                format!("+{}{}", approx(c.gain_exact), c.gain)
            }),
        ]));
    }
    sec = sec.table(table);
    match requirements_table(&numbers, r, lang) {
        Some(requirements) => sec.table(requirements),
        None => sec,
    }
}

/// Maturity frameworks: each unmet requirement the plan meets, by sub-domain in gap-table
/// order, with its answer now and the action that meets it, so a reviewer reads what a level
/// asks rather than a mean. `None` when no action names a requirement (points methods).
fn requirements_table(
    numbers: &std::collections::HashMap<&str, String>,
    r: &Roadmap,
    lang: Lang,
) -> Option<Table> {
    let actions: Vec<&roadmap::RoadmapAction> = (r.phases.iter().flat_map(|p| &p.actions))
        .filter(|a| !a.action.requirements.is_empty())
        .collect();
    if actions.is_empty() {
        return None;
    }
    let mut table = Table::new(vec![
        Column::new(t(lang, "要求", "Requirement"), 3),
        Column::new(t(lang, "内容", "What it asks"), 10),
        Column::new(t(lang, "现状", "Now"), 3),
        Column::new(t(lang, "由哪项行动满足", "Met by"), 5),
    ])
    .captioned(t(lang, "须满足的要求", "Requirements to meet"));
    for c in &r.changes {
        let on_item = actions.iter().filter(|a| a.action.item == c.item);
        let mut met: Vec<_> = on_item
            .flat_map(|a| a.action.requirements.iter().map(move |q| (q, a)))
            .collect();
        if met.is_empty() {
            continue;
        }
        // stable: within a level the framework's order, as each action lists them
        met.sort_by_key(|(q, _)| q.level);
        let head = format!("{} {}", number_of(numbers, &c.item), tx(lang, &c.title));
        table.push(Row::new(vec![Cell::from(head)]).kind(RowKind::Group));
        for (q, a) in met {
            let level = t(lang, &score::rank_zh(q.level), &format!("L{}", q.level));
            table.push(Row::new(vec![
                Cell::from(format!("{level} {}", q.id)),
                Cell::from(tx(lang, &q.text)),
                Cell::from(tx(lang, &q.now)),
                Cell::from(tx(lang, &a.action.title)),
            ]));
        }
    }
    Some(table)
}

fn roadmap_section(fw: &Framework, r: &Roadmap, edits: &[ActionEdit], lang: Lang) -> Section {
    let timeline = roadmap_timeline(r, lang);
    let table = actions_table(fw, r, edits, lang);
    let mut section = Section::new(SectionKind::Roadmap).paragraph(plan_text(r, lang));
    if r.outcomes.target_depends_on_them {
        section = section.note(Tone::Warning, outcome_text(fw, r, lang));
    }
    section
        .chart(Chart::Timeline(timeline))
        .table(table)
        .table(reasons_table(r, lang))
}

/// The roadmap as a timeline chart: each phase's window and its actions' months.
fn roadmap_timeline(r: &Roadmap, lang: Lang) -> Timeline {
    Timeline {
        title: t(lang, "分阶段实施时间表", "Phased timeline"),
        phases: r
            .phases
            .iter()
            .map(|p| TimelinePhase {
                name: tx(lang, &p.name),
                start_month: p.window.min,
                duration_months: p.window.max.saturating_sub(p.window.min).max(1),
                actions: p
                    .actions
                    .iter()
                    .map(|a| TimelineAction {
                        label: tx(lang, &a.action.title),
                        start_month: a.start_month,
                        duration_months: a.finish_month.saturating_sub(a.start_month).max(1),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The actions table: per phase a group row, its actions and a subtotal, then the plan's
/// total.
fn actions_table(fw: &Framework, r: &Roadmap, edits: &[ActionEdit], lang: Lang) -> Table {
    let mut table = Table::new(vec![
        Column::new(t(lang, "行动", "Action"), 8),
        Column::new(t(lang, "负责人", "Owner"), 3),
        Column::new(t(lang, "月份", "Months"), 3).center(),
        Column::new(t(lang, "工期", "Duration"), 4).center(),
        Column::new(t(lang, "投入", "Effort"), 3).center(),
        // wide enough for a plan's total range on one line (`282.1–1019.1`)
        Column::new(t(lang, "费用（万元）", "Cost (万元 = CNY 10,000)"), 5).right(),
        // wide enough for an estimated gain on one line (`+≈0.1083`)
        Column::new(t(lang, "增分", "Gain"), 4).right(),
    ]);
    for p in &r.phases {
        // A group row is one cell spanning the table (see `RowKind::Group`).
        table.push(Row::new(vec![Cell::from(tx(lang, &p.name))]).kind(RowKind::Group));
        if p.actions.is_empty() {
            // Said, like on the timeline, so the phase does not read as missing rows; a zero
            // subtotal would add nothing.
            let mut note = vec![Cell::from(lang.labels().no_actions_in_phase).tone(Tone::Muted)];
            note.extend((1..7).map(|_| blank()));
            table.push(Row::new(note));
            continue;
        }
        for a in &p.actions {
            table.push(action_row(a, edits, lang));
        }
        let subtotal = match lang {
            Lang::Zh => format!(
                "小计 {} 项；完成后 {}",
                p.actions.len(),
                projection_text(fw, lang, &p.projected)
            ),
            Lang::En => format!(
                "Subtotal {}; then {}",
                actions_en(p.actions.len()),
                projection_text(fw, lang, &p.projected)
            ),
        };
        table.push(cost_total_row(
            subtotal,
            range_text(p.cost_wan.min, p.cost_wan.max),
        ));
    }
    let total = match lang {
        Lang::Zh => format!("合计；预计 {}", projection_text(fw, lang, &r.projected)),
        Lang::En => format!(
            "Total; projected {}",
            projection_text(fw, lang, &r.projected)
        ),
    };
    table.push(cost_total_row(
        total,
        range_text(r.cost_wan.min, r.cost_wan.max),
    ));
    table
}

/// An empty cell of the actions table.
fn blank() -> Cell {
    Cell::from("")
}

/// A subtotal or total row of the actions table: its label and cost range, the rest blank.
fn cost_total_row(label: String, cost: String) -> Row {
    Row::new(vec![
        Cell::from(label),
        blank(),
        blank(),
        blank(),
        blank(),
        Cell::from(cost),
        blank(),
    ])
    .kind(RowKind::Total)
}

/// One action's row: title (and its item), owner (from the edits, else to be decided),
/// months, duration, effort, cost and score gain.
fn action_row(a: &roadmap::RoadmapAction, edits: &[ActionEdit], lang: Lang) -> Row {
    let owner = edits
        .iter()
        .find(|e| e.action == a.action.action)
        .map(|e| e.owner.trim())
        .filter(|o| !o.is_empty());
    let months = a.finish_month.saturating_sub(a.start_month).max(1);
    Row::new(vec![
        Cell::from(match lang {
            Lang::Zh => format!("{}（{}）", a.action.title.zh, a.action.item_title.zh),
            Lang::En => format!(
                "{} ({})",
                tx(lang, &a.action.title),
                tx(lang, &a.action.item_title)
            ),
        }),
        match owner {
            Some(o) => Cell::from(o),
            None => Cell::from(t(lang, "待定", "TBD")).tone(Tone::Muted),
        },
        Cell::from(range_text(
            a.start_month + 1,
            a.finish_month.max(a.start_month + 1),
        )),
        Cell::from(match lang {
            Lang::Zh => format!("{months} 个月"),
            Lang::En => format!("{months} mo."),
        }),
        Cell::from(effort_text(lang, a.action.effort)),
        Cell::from(range_text(a.action.cost_wan.min, a.action.cost_wan.max)),
        // Scenario (ladder) actions raise a level, not the score.
        Cell::from(if a.score_gain.is_zero() {
            "—".to_string()
        } else {
            format!("+{}{}", approx(a.score_gain_exact), a.score_gain)
        }),
    ])
}

/// The plan in one paragraph: size, duration, the limits it was scheduled within.
fn plan_text(r: &Roadmap, lang: Lang) -> String {
    let budget = r.limits.yearly_budget_wan;
    match lang {
        Lang::Zh => format!(
            "{}。排程时最多同时进行 {} 个项目（中、高投入行动；低投入行动不占名额）{}；每项行动在其前提行动完成后开始，工期按上限计。",
            r.summary.zh,
            r.limits.max_parallel,
            budget
                .map(|b| format!("，每年新开工行动费用不超过 {b} 万元"))
                .unwrap_or_default()
        ),
        Lang::En => format!(
            "{}. Scheduled with at most {} projects at once (medium or high effort; low-effort actions take no slot){}; each action starts once its prerequisites are done and lasts its longest declared duration.",
            r.summary.en,
            r.limits.max_parallel,
            budget
                .map(|b| format!(", and actions started in one year costing at most {b} 万元"))
                .unwrap_or_default()
        ),
    }
}

/// Said plainly when the target depends on expected results rather than on actions alone.
fn outcome_text(fw: &Framework, r: &Roadmap, lang: Lang) -> String {
    let (without, with) = (
        projection_text(fw, lang, &r.outcomes.without),
        projection_text(fw, lang, &r.outcomes.with),
    );
    t(
        lang,
        &format!(
            "仅靠行动达不到目标，须计入预期成效（结果并不确定）：仅行动 {without}；计入预期成效 {with}。"
        ),
        &format!(
            "The actions alone do not reach the target; it depends on expected results, which are not certain: actions only {without}; with expected results {with}."
        ),
    )
}

/// Why each action is in the plan: the condition it serves and by how much, in plan order.
fn reasons_table(r: &Roadmap, lang: Lang) -> Table {
    let mut table = Table::new(vec![
        Column::new(t(lang, "行动", "Action"), 5),
        Column::new(t(lang, "为何列入", "Why it is in the plan"), 11),
    ])
    .captioned(t(
        lang,
        "行动理由与所需数量",
        "Why each action, and what it takes",
    ));
    for a in r.phases.iter().flat_map(|p| &p.actions) {
        let mut why = what_it_takes(a, lang);
        why.push(tx(lang, &a.why));
        table.push(Row::new(vec![
            Cell::from(tx(lang, &a.action.title)),
            Cell::from(why.join(t(lang, "；", "; ").as_str())),
        ]));
    }
    table
}

fn programme_cell(fw: &Framework, lang: Lang, p: Option<&ProgrammeStatus>) -> Cell {
    match p {
        Some(p) if p.qualified => {
            Cell::from(provenance::qualified_text(fw, p, lang)).tone(Tone::Good)
        }
        Some(_) => Cell::from("×").tone(Tone::Muted),
        None => Cell::from(t(lang, "—", "—")),
    }
}

fn programmes(fw: &Framework, s: &Score, r: Option<&Roadmap>, lang: Lang) -> Section {
    let now: Vec<ProgrammeStatus> = match r {
        Some(r) => r.current_programmes.clone(),
        None => roadmap::programmes(fw, s.level.rank),
    };
    let after: Option<&Vec<ProgrammeStatus>> =
        r.and_then(|r| r.phases.last()).map(|p| &p.programmes);
    // The status columns hold 「预估符合，以官方评定为准」, not a tick: wide enough for it on
    // one line in Chinese (English takes two or three).
    let mut cols = vec![
        Column::new(t(lang, "政策项目", "Programme"), 6),
        Column::new(t(lang, "最低等级", "Min. level"), 2).center(),
        Column::new(t(lang, "当前", "Now"), 5).center(),
    ];
    if after.is_some() {
        cols.push(Column::new(t(lang, "路线图后", "After"), 5).center());
    }
    let mut table = Table::new(cols);
    for p in &now {
        let mut title = Cell::from(tx(lang, &p.title));
        if p.status == GateStatus::Unconfirmed {
            title = title.tagged(Tag::Custom(t(lang, "待核实", "unconfirmed")));
        }
        let mut cells = vec![
            title,
            Cell::from(match lang {
                Lang::Zh => score::rank_zh(p.min_level),
                Lang::En => format!("L{}", p.min_level),
            }),
            programme_cell(fw, lang, Some(p)),
        ];
        if let Some(after) = after {
            cells.push(programme_cell(
                fw,
                lang,
                after.iter().find(|a| a.id == p.id),
            ));
        }
        table.push(Row::new(cells));
    }
    let mut sec = Section::new(SectionKind::Programmes).continued();
    if now.is_empty() {
        sec = sec.paragraph(t(
            lang,
            "本框架未关联政策项目。",
            "No programmes are linked to this framework.",
        ));
    } else {
        sec = sec.table(table).note(
            Tone::Muted,
            t(
                lang,
                "「待核实」的门槛未见于官方文件，申报前请向主管部门确认。",
                "Thresholds marked \"unconfirmed\" were not found in an official text; check before applying.",
            ),
        );
    }
    // A self-assessment is never the official result: say where that comes from.
    if let Some(route) = provenance::official_route(fw, lang) {
        sec = sec.note(Tone::Warning, route);
    }
    sec
}

fn kpis(s: &Score, lang: Lang) -> Section {
    let mut table = Table::new(vec![
        Column::new(t(lang, "指标", "KPI"), 6),
        Column::new(t(lang, "当前值", "Value"), 3).right(),
        Column::new(t(lang, "目标", "Target"), 6),
        Column::new(t(lang, "达标", "Met"), 2).center(),
    ]);
    for k in &s.kpis {
        let value = match k.value {
            Some(v) => format!("{}{v} {}", approx(k.exact), tx(lang, &k.unit)),
            None => t(lang, "未填", "not entered"),
        };
        if k.targets.is_empty() {
            table.push(Row::new(vec![
                Cell::from(tx(lang, &k.title)),
                Cell::from(value),
                Cell::from(t(lang, "无规划目标", "no plan target")).tone(Tone::Muted),
                Cell::from("—"),
            ]));
            continue;
        }
        for (i, tc) in k.targets.iter().enumerate() {
            let met = match tc.met {
                Some(true) => Cell::from("✓").tone(Tone::Good),
                Some(false) => Cell::from("×").tone(Tone::Bad),
                None => Cell::from("—"),
            };
            table.push(Row::new(vec![
                Cell::from(if i == 0 {
                    tx(lang, &k.title)
                } else {
                    String::new()
                }),
                Cell::from(if i == 0 { value.clone() } else { String::new() }),
                Cell::from({
                    let goal =
                        format!("{} {}{}", tx(lang, &tc.label), tc.target, tx(lang, &k.unit));
                    match (tc.year, lang) {
                        // Most labels already name their year (「2025年全国目标」).
                        (Some(y), _) if tc.label.zh.contains(&y.to_string()) => goal,
                        (Some(y), Lang::Zh) => format!("{goal}（{y} 年）"),
                        (Some(y), Lang::En) => format!("{goal} ({y})"),
                        (None, _) => goal,
                    }
                }),
                met,
            ]));
        }
    }
    Section::new(SectionKind::Kpis).table(table)
}

fn appendix(fw: &Framework, s: &Score, evidence: &Evidence, lang: Lang) -> Section {
    let numbers = node_numbers(fw);
    let table = answers_table(fw, s, evidence, &numbers, lang);
    let mut sec = Section::new(SectionKind::Appendix).table(table);
    if s.items.is_empty() {
        sec = sec.paragraph(t(lang, "本评估没有题目。", "This assessment has no items."));
    }
    let files = attachments_table(fw, evidence, &numbers, lang);
    if evidence.attachments.is_empty() {
        sec.heading(t(lang, "佐证附件清单", "Attachments"))
            .paragraph(t(lang, "未附佐证文件。", "No evidence files are attached."))
    } else {
        sec.table(files).note(
            Tone::Muted,
            t(
                lang,
                "附件未嵌入本报告；可按 SHA-256 校验值核对收到的文件是否与评估时一致。",
                "Files are listed, not embedded; their SHA-256 lets a reader check a received file is the one assessed.",
            ),
        )
    }
}

/// Table 「全部答案」: every item with its number, status, answer and evidence note.
fn answers_table(
    fw: &Framework,
    s: &Score,
    evidence: &Evidence,
    numbers: &std::collections::HashMap<&str, String>,
    lang: Lang,
) -> Table {
    // Without any evidence the note column stays (the appendix promises it) but narrow, and
    // the answers get the width: long answers otherwise wrap into tall, half-empty rows.
    let any_evidence = !evidence.attachments.is_empty()
        || s.items.iter().any(|it| {
            evidence
                .notes
                .get(&it.id)
                .is_some_and(|n| !n.trim().is_empty())
        });
    let (answer_w, note_w) = if any_evidence { (8, 7) } else { (11, 4) };
    let mut table = Table::new(vec![
        Column::new(t(lang, "序号", "No."), 2),
        Column::new(t(lang, "题目", "Item"), 9),
        Column::new(t(lang, "状态", "Status"), 4).center(),
        Column::new(t(lang, "答案", "Answer"), answer_w),
        Column::new(t(lang, "佐证说明", "Evidence note"), note_w),
    ]);
    for it in &s.items {
        let note = evidence_note(evidence, &it.id, lang);
        table.push(Row::new(vec![
            Cell::from(number_of(numbers, &it.id)),
            Cell::from(tx(lang, &it.title)),
            Cell::from(status_text(lang, it.status)),
            Cell::from(answer_text(fw, &s.kpis, lang, it)),
            Cell::from(note),
        ]));
    }
    table.captioned(t(lang, "全部答案", "All answers"))
}

/// An item's evidence note as printed: the stored note and the number of its attachments.
fn evidence_note(evidence: &Evidence, item: &str, lang: Lang) -> String {
    let note = evidence
        .notes
        .get(item)
        .map(|n| n.trim())
        .unwrap_or_default();
    let files = evidence
        .attachments
        .iter()
        .filter(|a| a.item == item)
        .count();
    let en_files = if files == 1 {
        "attachment"
    } else {
        "attachments"
    };
    match (note.is_empty(), files, lang) {
        (_, 0, _) => note.to_string(),
        (true, n, Lang::Zh) => format!("附件 {n} 个"),
        (true, n, Lang::En) => format!("{n} {en_files}"),
        (false, n, Lang::Zh) => format!("{note}（附件 {n} 个）"),
        (false, n, Lang::En) => format!("{note} ({n} {en_files})"),
    }
}

/// The attachments: item, file name, size, SHA-256 and when each was added.
fn attachments_table(
    fw: &Framework,
    evidence: &Evidence,
    numbers: &std::collections::HashMap<&str, String>,
    lang: Lang,
) -> Table {
    let mut files = Table::new(vec![
        Column::new(t(lang, "题目", "Item"), 5),
        Column::new(t(lang, "文件名", "File"), 6),
        Column::new(t(lang, "大小", "Size"), 2).right(),
        Column::new(t(lang, "SHA-256 校验值", "SHA-256"), 8),
        Column::new(t(lang, "添加时间", "Added"), 4),
    ])
    .captioned(t(lang, "佐证附件清单", "Attachments"));
    for a in &evidence.attachments {
        // The item's number and title; the file's id only when the framework lacks the item.
        let item = match fw.item(&a.item) {
            Some(i) => format!("{} {}", number_of(numbers, &a.item), tx(lang, &i.title)),
            None => a.item.clone(),
        };
        files.push(Row::new(vec![
            Cell::from(item),
            Cell::from(a.name.clone()),
            Cell::from(size_text(a.size)),
            Cell::from(a.sha256.clone()),
            Cell::from(a.added_at.get(..10).unwrap_or(&a.added_at).to_string()),
        ]));
    }
    files
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

fn declaration(fw: &Framework, e: &ReportEnterprise, lang: Lang) -> Section {
    // the enterprise signs through its legal representative and seals; the assessor signs
    // for the assessing body (a self-assessment has none: its line stays to be filled)
    let name = match (lang, e.legal_representative.trim()) {
        (_, "") => e.name.clone(),
        (Lang::Zh, n) => format!("{}（法定代表人：{n}）", e.name),
        (Lang::En, n) => format!("{} (legal representative: {n})", e.name),
    };
    let mut signatories = vec![Signatory {
        role: SignatoryRole::Enterprise,
        name,
    }];
    let assessor = [e.organisation.trim(), e.assessor.trim()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if !assessor.is_empty() || e.mode != AssessmentMode::SelfAssessed {
        signatories.push(Signatory {
            role: SignatoryRole::Assessor,
            name: assessor,
        });
    }
    // The standard pledge, then what in this report is an estimate, so it is signed knowingly.
    let statement = format!(
        "{}{}{}",
        lang.labels().declaration_statement,
        if lang == Lang::En { " " } else { "" },
        provenance::estimates_statement(fw, lang)
    );
    Section::new(SectionKind::Declaration).block(Block::Declaration(Declaration {
        statement: Some(statement),
        signatories,
    }))
}

/// The roadmap as an editable action plan. Core gives durations in months from the plan start
/// and costs as a band; the plan keeps both ends in two columns, each with its own total. The
/// effort class (低/中/高) comes from the framework, with the gap engine's units for it
/// ([`Effort::units`](zhizhuan_core::framework::Effort::units)); frameworks give no
/// person-days, so the plan states none.
pub fn action_plan(r: &Roadmap, lang: Lang, enterprise: &str, start: NaiveDate) -> ActionPlan {
    action_plan_with(r, lang, enterprise, start, &[])
}

/// The action plan with the user's edits: an edit's owner, dates, budget, status and note
/// replace the computed ones (the computed note is kept after the user's).
pub fn action_plan_with(
    r: &Roadmap,
    lang: Lang,
    enterprise: &str,
    start: NaiveDate,
    edits: &[ActionEdit],
) -> ActionPlan {
    let month = |m: u16| {
        start
            .checked_add_months(Months::new(u32::from(m)))
            .unwrap_or(start)
    };
    ActionPlan {
        lang,
        enterprise: enterprise.to_string(),
        created: start,
        phases: r
            .phases
            .iter()
            .map(|p| PlanPhase {
                name: tx(lang, &p.name),
                actions: p
                    .actions
                    .iter()
                    .map(|a| {
                        let end = month(a.finish_month.max(a.start_month + 1))
                            .pred_opt()
                            .unwrap_or(start);
                        let edit = edits.iter().find(|e| e.action == a.action.action);
                        let mut action = PlanAction {
                            id: a.action.action.clone(),
                            title: tx(lang, &a.action.title),
                            owner: String::new(),
                            start: month(a.start_month),
                            end,
                            effort: effort_text(lang, a.action.effort),
                            effort_units: a.action.effort.units(),
                            cost_low_wan: a.action.cost_wan.min,
                            cost_high_wan: a.action.cost_wan.max,
                            status: ActionStatus::Planned,
                            note: plan_note(a, lang),
                        };
                        if let Some(e) = edit {
                            action.owner = e.owner.clone();
                            action.start = e.start.unwrap_or(action.start);
                            action.end = e.due.unwrap_or(action.end).max(action.start);
                            if let Some(budget) = e.cost_wan {
                                // A budget the user set is one figure, not a band.
                                action.cost_low_wan = budget;
                                action.cost_high_wan = budget;
                            }
                            action.status = e.status;
                            if !e.note.trim().is_empty() {
                                action.note = format!("{}\n{}", e.note.trim(), action.note);
                            }
                        }
                        action
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// An action's note in the plan: its item, effort and cost, and what it takes, so the sheet
/// stands on its own.
fn plan_note(a: &roadmap::RoadmapAction, lang: Lang) -> String {
    let (item, effort) = (
        tx(lang, &a.action.item_title),
        effort_text(lang, a.action.effort),
    );
    let (low, high) = (a.action.cost_wan.min, a.action.cost_wan.max);
    let mut parts = vec![match lang {
        Lang::Zh => format!("{item}；投入{effort}；费用 {} 万元", range_text(low, high)),
        Lang::En => format!(
            "{item}; effort {effort}; cost CNY {}",
            yuan_range_text(low, high)
        ),
    }];
    parts.extend(what_it_takes(a, lang));
    parts.join(t(lang, "；", "; ").as_str())
}

/// What an action takes, for the reasons table and the plan's note alike: the requirements it
/// meets (「满足要求 l3.1、l3.2」) and the amount in the firm's own units, each when it has one.
fn what_it_takes(a: &roadmap::RoadmapAction, lang: Lang) -> Vec<String> {
    let ids: Vec<&str> = a
        .action
        .requirements
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    let met = (!ids.is_empty()).then(|| {
        let sep = t(lang, "、", ", ");
        format!(
            "{}{}",
            t(lang, "满足要求 ", "meets requirements "),
            ids.join(&sep)
        )
    });
    let amount = a.action.amount.as_ref().map(|x| tx(lang, &x.text));
    met.into_iter().chain(amount).collect()
}

mod diagnosis;
mod provenance;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod text_tests;
