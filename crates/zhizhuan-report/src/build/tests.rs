//! Snapshot of the model built from a worked MIIT answers file: section titles and the rows
//! that carry results (not PDF bytes).

use expect_test::expect_file;
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::{framework, gap, roadmap, score};

use super::*;

const ANSWERS: &str = include_str!("../../../../tests/data/answers/miit/m09-level3-sixty-one.json");

fn enterprise() -> ReportEnterprise {
    ReportEnterprise {
        name: "常州市喆堃精密机械有限公司".into(),
        credit_code: "91320400MA1XXXXXXX".into(),
        industry: "C34 通用设备制造业".into(),
        region: "江苏省常州市".into(),
        assessor: "测试评估员".into(),
        assessment_date: "2025年3月18日".into(),
        ..ReportEnterprise::default()
    }
}

/// Section titles, key/values, bullets, notes, chart summaries and the first cell(s) of
/// every table row: enough to see every figure without the layout.
fn outline(m: &ReportModel) -> String {
    use std::fmt::Write;
    let labels = m.lang.labels();
    let mut o = String::new();
    let c = &m.cover;
    let _ = writeln!(
        o,
        "COVER {} | {} | {} {}",
        c.title, c.enterprise, c.framework, c.framework_version
    );
    for n in &c.notes {
        let _ = writeln!(o, "  note {n}");
    }
    for s in &m.sections {
        let title = s
            .title
            .clone()
            .unwrap_or_else(|| labels.section_title(s.kind).to_string());
        let _ = writeln!(o, "# {title}");
        for b in &s.blocks {
            outline_block(&mut o, labels, b);
        }
    }
    o
}

/// The outline lines of one block (a table: its header and its group and total rows).
fn outline_block(o: &mut String, labels: &crate::labels::Labels, b: &Block) {
    use std::fmt::Write;
    match b {
        Block::Heading(h) => {
            let _ = writeln!(o, "  ## {h}");
        }
        Block::Paragraph(p) => {
            let _ = writeln!(o, "  p {p}");
        }
        Block::Bullets(items) => {
            for i in items {
                let _ = writeln!(o, "  - {i}");
            }
        }
        Block::KeyValues(kvs) => {
            for kv in kvs {
                let _ = writeln!(
                    o,
                    "  {}: {}{}",
                    kv.key,
                    kv.value,
                    kv.tag
                        .as_ref()
                        .map(|t| labels.tag(t))
                        .map(|t| format!(" [{t}]"))
                        .unwrap_or_default()
                );
            }
        }
        Block::Note { text, .. } => {
            let _ = writeln!(o, "  note {text}");
        }
        Block::Table(t) => {
            let heads: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
            let _ = writeln!(o, "  table [{}] {} rows", heads.join(" | "), t.rows.len());
            // the outline keeps a table's subtotal and total rows, not its body
            for r in t.rows.iter().filter(|r| r.kind != RowKind::Normal) {
                let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                let _ = writeln!(o, "    {:?} {}", r.kind, cells.join(" | "));
            }
        }
        Block::Chart(chart) => outline_chart(o, chart),
        Block::Declaration(d) => {
            let _ = writeln!(o, "  declaration {} signatories", d.signatories.len());
        }
        Block::PageBreak => {}
    }
}

/// The outline line(s) of a chart: its values in short.
fn outline_chart(o: &mut String, chart: &Chart) {
    use std::fmt::Write;
    match chart {
        Chart::Bars(b) => {
            let bars: Vec<String> = b
                .bars
                .iter()
                .map(|x| format!("{} {}/{}", x.label, x.value, x.max))
                .collect();
            let _ = writeln!(o, "  bars {}: {}", b.title, bars.join("; "));
        }
        Chart::Radar(r) => {
            let v: Vec<String> = r.series[0].values.iter().map(|x| x.to_string()).collect();
            let _ = writeln!(o, "  radar {} axes, {}", r.axes.len(), v.join(" "));
        }
        Chart::LevelGrid(g) => {
            let rows: Vec<String> = g
                .rows
                .iter()
                .map(|r| format!("{} {:?}→{:?}", r.label, r.current, r.target))
                .collect();
            let _ = writeln!(o, "  grid {}: {}", g.levels.join("/"), rows.join("; "));
        }
        Chart::Timeline(t) => {
            for p in &t.phases {
                let _ = writeln!(
                    o,
                    "  timeline {} @{}+{} ({} actions)",
                    p.name,
                    p.start_month,
                    p.duration_months,
                    p.actions.len()
                );
            }
        }
    }
}

fn built(target: &str) -> (ReportModel, Roadmap) {
    let answers = AnswersFile::from_json(ANSWERS).expect("fixture parses");
    let fw = framework::load_builtin(&answers.framework).expect("built-in MIIT framework");
    let s = score::score(&fw, &answers).expect("fixture scores");
    let target = gap::resolve_target(&fw, target).expect("target resolves");
    let r = roadmap::roadmap(&fw, &answers, target).expect("roadmap builds");
    (report_model(&fw, &s, Some(&r), &enterprise(), Lang::Zh), r)
}

#[test]
fn miit_level3_report_outline() {
    let (m, _) = built("4");
    expect_file!["m09-outline.expected"].assert_eq(&outline(&m));
}

#[test]
fn action_plan_keeps_every_roadmap_action_and_its_cost() {
    let (_, r) = built("4");
    let start = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let plan = action_plan(&r, Lang::Zh, "常州市喆堃精密机械有限公司", start);
    let ids: Vec<&str> = plan
        .phases
        .iter()
        .flat_map(|p| &p.actions)
        .map(|a| a.id.as_str())
        .collect();
    let want: Vec<&str> = r
        .phases
        .iter()
        .flat_map(|p| &p.actions)
        .map(|a| a.action.action.as_str())
        .collect();
    assert_eq!(ids, want);
    assert!(!ids.is_empty(), "level 3 → 4 needs actions");
    let actions = || plan.phases.iter().flat_map(|p| &p.actions);
    let low: Decimal = actions().map(|a| a.cost_low_wan).sum();
    let high: Decimal = actions().map(|a| a.cost_high_wan).sum();
    assert_eq!((low, high), (r.cost_wan.min, r.cost_wan.max));
    for a in plan.phases.iter().flat_map(|p| &p.actions) {
        assert!(
            a.start >= start && a.end >= a.start,
            "{} {}..{}",
            a.id,
            a.start,
            a.end
        );
    }
}

/// The report of a worked example, to the next level up (also laid out by the PDF tests).
pub(crate) fn built_from(answers: &str, lang: Lang) -> ReportModel {
    let answers = AnswersFile::from_json(answers).expect("fixture parses");
    let fw = framework::load_builtin(&answers.framework).expect("built-in framework");
    let s = score::score(&fw, &answers).expect("fixture scores");
    let rank = fw
        .levels
        .iter()
        .find(|l| l.rank > s.level.rank)
        .map(|l| l.rank);
    let r = rank.map(|t| roadmap::roadmap(&fw, &answers, t).expect("roadmap builds"));
    report_model(&fw, &s, r.as_ref(), &enterprise(), lang)
}

/// The English CMMM report: every explanation (conditions, per-level means, S) in English.
#[test]
fn cmmm_english_report_outline() {
    let m = built_from(
        include_str!("../../../../tests/data/answers/cmmm/c01-level2-discrete.json"),
        Lang::En,
    );
    expect_file!["c01-outline-en.expected"].assert_eq(&outline(&m));
}

/// Every worked example (MIIT, CMMM, 两化融合): the summary never names an area as both one
/// of the strongest and one of the weakest, and says so when nothing stands out.
#[test]
fn strongest_and_weakest_areas_never_overlap() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
    let mut checked = 0;
    for dir in ["miit", "cmmm", "lianghua"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let answers = AnswersFile::from_json(&text).unwrap();
            let fw = framework::load_builtin(&answers.framework).unwrap();
            let Ok(s) = score::score(&fw, &answers) else {
                continue; // the e* files are deliberately invalid
            };
            let m = report_model(&fw, &s, None, &enterprise(), Lang::Zh);
            let summary = &m.sections[0];
            let lists: Vec<&Vec<String>> = summary
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Bullets(items) => Some(items),
                    _ => None,
                })
                .collect();
            let said_equal = summary.blocks.iter().any(
                |b| matches!(b, Block::Paragraph(p) if p.contains("没有相对突出的强项或短板")),
            );
            match lists.as_slice() {
                [strong, weak] => {
                    assert!(!strong.is_empty(), "{}: no strongest area", path.display());
                    assert!(strong.len() <= 3 && weak.len() <= 3);
                    for w in weak.iter() {
                        assert!(
                            !strong.contains(w),
                            "{}: {w} is both strongest and weakest",
                            path.display()
                        );
                    }
                }
                [] => assert!(
                    said_equal,
                    "{}: neither lists nor the equal note",
                    path.display()
                ),
                other => panic!("{}: {} bullet lists", path.display(), other.len()),
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} examples scored");
}

/// The plan's effort units are the gap engine's: for every worked answers file and every
/// target above its level, each phase's units add up to the roadmap's `effort_units` for that
/// phase (and the plan's to the roadmap's total). Low, medium and high actions all occur, so a
/// wrong weight for any class fails here.
#[test]
fn plan_effort_units_add_up_to_the_roadmaps() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
    let start = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let mut classes = roadmap::EffortCounts::default();
    let mut plans = 0;
    for dir in ["miit", "cmmm", "lianghua"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let Ok(answers) = AnswersFile::from_json(&std::fs::read_to_string(&path).unwrap())
            else {
                continue;
            };
            let fw = framework::load_builtin(&answers.framework).expect("built-in framework");
            let Ok(s) = score::score(&fw, &answers) else {
                continue; // the e0x files are rejected answers
            };
            for level in fw.levels.iter().filter(|l| l.rank > s.level.rank) {
                let r = roadmap::roadmap(&fw, &answers, level.rank).expect("roadmap builds");
                let plan = action_plan(&r, Lang::En, "", start);
                let at = format!("{} → {}", path.display(), level.rank);
                assert_eq!(plan.phases.len(), r.phases.len(), "{at}");
                for (pp, rp) in plan.phases.iter().zip(&r.phases) {
                    let units: u32 = pp.actions.iter().map(|a| a.effort_units).sum();
                    assert_eq!(units, rp.effort_units, "{at}: phase {}", rp.index);
                    classes.low += rp.effort.low;
                    classes.medium += rp.effort.medium;
                    classes.high += rp.effort.high;
                }
                let total: u32 = plan
                    .phases
                    .iter()
                    .flat_map(|p| &p.actions)
                    .map(|a| a.effort_units)
                    .sum();
                assert_eq!(total, r.effort_units, "{at}");
                plans += 1;
            }
        }
    }
    assert!(plans > 10, "only {plans} roadmaps");
    assert!(
        classes.low > 0 && classes.medium > 0 && classes.high > 0,
        "{classes:?}"
    );
}

/// The model of `file` (under tests/data/answers) with a roadmap to level `target`.
fn built_to(file: &str, target: u8, lang: Lang) -> (ReportModel, Roadmap) {
    crate::worked::report_to(file, target, &enterprise(), lang)
}

/// A phase without actions (m02 → 二级: one two-month action, so nothing after month 6) is
/// kept on the timeline and in the phase table, and the table says 「本阶段无行动」 under its
/// heading instead of leaving it bare or adding a zero subtotal; phases with actions keep
/// their actions and subtotal. In both languages.
#[test]
fn empty_phases_say_so_in_the_timeline_and_the_phase_table() {
    let mut empty_seen = 0;
    for (file, target) in [("miit/m02-exact-40-five-scenarios.json", 2)] {
        for lang in [Lang::Zh, Lang::En] {
            let (m, r) = built_to(file, target, lang);
            let at = format!("{file} → {target} {lang:?}");
            let note = lang.labels().no_actions_in_phase;
            let roadmap = m
                .sections
                .iter()
                .find(|s| s.kind == SectionKind::Roadmap)
                .expect("a roadmap section");
            let timeline = roadmap
                .blocks
                .iter()
                .find_map(|b| match b {
                    Block::Chart(Chart::Timeline(t)) => Some(t),
                    _ => None,
                })
                .expect("a timeline");
            let counts: Vec<usize> = timeline.phases.iter().map(|p| p.actions.len()).collect();
            let want: Vec<usize> = r.phases.iter().map(|p| p.actions.len()).collect();
            assert_eq!(counts, want, "{at}: timeline phases");
            assert!(counts.contains(&0), "{at}: the fixture has no empty phase");
            let table = roadmap
                .blocks
                .iter()
                .find_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
                .expect("a phase table");
            for p in &r.phases {
                let name = tx(lang, &p.name);
                let g = table
                    .rows
                    .iter()
                    .position(|row| row.kind == RowKind::Group && row.cells[0].text == name)
                    .unwrap_or_else(|| panic!("{at}: no heading for {name}"));
                let next = &table.rows[g + 1];
                if p.actions.is_empty() {
                    assert_eq!(next.kind, RowKind::Normal, "{at}: {name}");
                    assert_eq!(next.cells[0].text, note, "{at}: {name}");
                    assert_eq!(next.cells[0].tone, Tone::Muted, "{at}: {name}");
                    // Then the next phase, or the plan's total: no rows, no subtotal.
                    assert!(
                        table.rows[g + 2].kind == RowKind::Group || g + 2 == table.rows.len() - 1,
                        "{at}: {name} is followed by {:?}",
                        table.rows[g + 2]
                    );
                    empty_seen += 1;
                } else {
                    assert_ne!(next.cells[0].text, note, "{at}: {name}");
                    let rows = &table.rows[g + 1..=g + p.actions.len() + 1];
                    assert!(
                        rows[..p.actions.len()]
                            .iter()
                            .all(|row| row.kind == RowKind::Normal)
                    );
                    assert_eq!(rows[p.actions.len()].kind, RowKind::Total, "{at}: {name}");
                }
            }
            let notes = table
                .rows
                .iter()
                .filter(|row| row.cells[0].text == note)
                .count();
            assert_eq!(notes, counts.iter().filter(|&&n| n == 0).count(), "{at}");
        }
    }
    // the medium and the long term, in two languages
    assert_eq!(empty_seen, 4);
}

/// The phase table's month column says a one-month action's month once (`2`, not `2–2`), and
/// a longer one's first and last month.
#[test]
fn one_month_actions_show_one_month() {
    let (m, r) = built_to("miit/m02-exact-40-five-scenarios.json", 3, Lang::Zh);
    let table = m
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.columns.iter().any(|c| c.header == "月份") => Some(t),
            _ => None,
        })
        .expect("the phase table");
    let months: Vec<&str> = table
        .rows
        .iter()
        // action rows (not an empty phase's note)
        .filter(|row| {
            row.kind == RowKind::Normal
                && row.cells[0].text != Lang::Zh.labels().no_actions_in_phase
        })
        .map(|row| row.cells[2].text.as_str())
        .collect();
    let actions: Vec<_> = r.phases.iter().flat_map(|p| &p.actions).collect();
    assert_eq!(months.len(), actions.len());
    let mut single = 0;
    for (text, a) in months.iter().zip(&actions) {
        let (from, to) = (a.start_month + 1, a.finish_month.max(a.start_month + 1));
        if from == to {
            assert_eq!(*text, from.to_string(), "{}", a.action.action);
            single += 1;
        } else {
            assert_eq!(*text, format!("{from}–{to}"), "{}", a.action.action);
        }
    }
    assert!(
        single > 0 && single < actions.len(),
        "{single} one-month actions"
    );
}

/// English money is whole yuan with separators (no "10k CNY"); counts are singular or plural.
#[test]
fn english_amounts_and_counts_read_as_english() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    for (min, max, want) in [
        ("25", "130", "250,000–1,300,000"),
        ("255", "1310", "2,550,000–13,100,000"),
        ("0.5", "0.5", "5,000"),
        ("0.1", "2", "1,000–20,000"),
        ("100", "999.9", "1,000,000–9,999,000"),
    ] {
        assert_eq!(super::yuan_range_text(d(min), d(max)), want, "{min}–{max}");
    }
    let counts: Vec<String> = [0, 1, 2, 12].into_iter().map(super::actions_en).collect();
    assert_eq!(counts, ["0 actions", "1 action", "2 actions", "12 actions"]);
}

/// The sections come in the order a reviewer reads a diagnosis report (cover and contents are
/// the renderer's): the enterprise before the basis, the process before the results, the
/// findings before the plan, the money and the benefits after it, the pledge last.
#[test]
fn sections_follow_a_diagnosis_report() {
    use SectionKind::*;
    let (m, _) = built("4");
    let kinds: Vec<SectionKind> = m.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            Summary,
            Profile,
            BasisAndMethod,
            Process,
            Results,
            ItemDetail,
            Diagnosis,
            Gaps,
            Roadmap,
            Investment,
            Benefits,
            Programmes,
            Kpis,
            Appendix,
            Declaration
        ]
    );
}

/// The investment section's year rows add up to the plan's cost band at both ends, and every
/// action is counted in exactly one year (the year its start month falls in).
#[test]
fn investment_by_year_adds_up_to_the_plan() {
    let (m, r) = built("4");
    let actions: Vec<_> = r.phases.iter().flat_map(|p| &p.actions).collect();
    let years = diagnosis_sums(&actions);
    let lo: Decimal = years.values().map(|(lo, _)| *lo).sum();
    let hi: Decimal = years.values().map(|(_, hi)| *hi).sum();
    assert_eq!((lo, hi), (r.cost_wan.min, r.cost_wan.max));
    let section = m
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Investment)
        .expect("an investment section");
    let year_rows = section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t)
                if t.caption
                    .as_deref()
                    .is_some_and(|c| c.starts_with("按年度")) =>
            {
                Some(t.rows.len())
            }
            _ => None,
        })
        .expect("a table by year");
    assert_eq!(year_rows, years.len());
}

fn diagnosis_sums(
    actions: &[&roadmap::RoadmapAction],
) -> std::collections::BTreeMap<u16, (Decimal, Decimal)> {
    let mut out = std::collections::BTreeMap::new();
    for a in actions {
        let e = out
            .entry(a.start_month / 12 + 1)
            .or_insert((Decimal::ZERO, Decimal::ZERO));
        *e = (e.0 + a.action.cost_wan.min, e.1 + a.action.cost_wan.max);
    }
    out
}

/// 问题诊断 lists, per business area, at most three items and only items below their full
/// points, each with the evidence it expects; a missing note and file reads 「缺失」.
#[test]
fn findings_are_weak_items_with_their_evidence() {
    let answers = AnswersFile::from_json(ANSWERS).expect("fixture parses");
    let fw = framework::load_builtin(&answers.framework).expect("built-in MIIT framework");
    let s = score::score(&fw, &answers).expect("fixture scores");
    let m = report_model(&fw, &s, None, &enterprise(), Lang::Zh);
    let section = m
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Diagnosis)
        .expect("a findings section");
    let table = section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("m09 has items below full points");
    let numbers = node_numbers(&fw);
    let mut in_area = 0;
    for row in &table.rows {
        if row.kind == RowKind::Group {
            in_area = 0;
            continue;
        }
        in_area += 1;
        assert!(in_area <= 3, "more than three findings in one area");
        let item = s
            .items
            .iter()
            .find(|i| numbers.get(i.id.as_str()) == Some(&row.cells[0].text))
            .expect("a finding names a real item by its number");
        assert!(item.earned < item.max, "{}: at full points", item.id);
        // no evidence was given in this model, so every finding says so
        assert_eq!(row.cells[3].text, "缺失");
    }
}

/// The gap table's 增分 of an item is what its actions gain in the roadmap (a CMMM sub-domain
/// once showed 「—」 beside a roadmap's +≈0.025): summed from the roadmap's own actions here,
/// with 「≈」 where a gain is not an exact decimal.
#[test]
fn the_gap_table_gains_what_the_roadmap_actions_gain() {
    for (file, target) in [
        ("cmmm/c01-level2-discrete.json", 3),
        ("miit/m09-level3-sixty-one.json", 4),
    ] {
        let (m, r) = built_to(file, target, Lang::Zh);
        let gaps = m.sections.iter().find(|s| s.kind == SectionKind::Gaps);
        let table = gaps
            .and_then(|s| {
                s.blocks.iter().find_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
            })
            .expect("a gap table");
        let actions: Vec<_> = r.phases.iter().flat_map(|p| &p.actions).collect();
        let mut nonzero = 0;
        for (row, change) in table.rows.iter().zip(&r.changes) {
            let mine = actions.iter().filter(|a| a.action.item == change.item);
            let sum: Decimal = mine.clone().map(|a| a.score_gain).sum();
            let exact = mine.clone().all(|a| a.score_gain_exact);
            let want = if sum.is_zero() {
                "—".to_string()
            } else {
                nonzero += 1;
                format!("+{}{sum}", if exact { "" } else { "≈" })
            };
            assert_eq!(row.cells[4].text, want, "{file}: {}", change.item);
        }
        assert_eq!(table.rows.len(), r.changes.len(), "{file}");
        assert!(nonzero > 0, "{file}: no item gains anything");
    }
}

/// Every text of an English report (MIIT, CMMM, 两化融合) gives a Chinese term only as a name
/// in brackets after its English rendering; the enterprise's own data (name, industry,
/// region, assessor) is printed as entered and is the one exception.
#[test]
fn english_reports_give_chinese_only_in_brackets() {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            // the line breaker's no-break terms (both languages' level names), not printed
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| *k != "keep_together")
                .for_each(|(_, v)| strings(v, out)),
            _ => {}
        }
    }
    let own = enterprise();
    let own = [
        own.name,
        own.industry,
        own.region,
        own.assessor,
        own.assessment_date,
    ];
    for file in [
        "miit/m09-level3-sixty-one.json",
        "cmmm/c01-level2-discrete.json",
        "lianghua/l01-single-coverage-kpis.json",
    ] {
        let answers = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/data/answers")
                .join(file),
        )
        .unwrap();
        let m = built_from(&answers, Lang::En);
        let mut all = Vec::new();
        strings(&serde_json::to_value(&m).unwrap(), &mut all);
        let bad: Vec<&String> = all
            .iter()
            .filter(|s| {
                let mut rest = s.to_string();
                for o in &own {
                    rest = rest.replace(o.as_str(), "");
                }
                let mut depth = 0i32;
                rest.chars().any(|c| match c {
                    '(' | '（' => {
                        depth += 1;
                        false
                    }
                    ')' | '）' => {
                        depth -= 1;
                        false
                    }
                    c => depth <= 0 && matches!(c as u32, 0x3400..=0x9FFF),
                })
            })
            .collect();
        assert!(bad.is_empty(), "{file}: {bad:#?}");
    }
}
