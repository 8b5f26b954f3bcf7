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
                    for r in t
                        .rows
                        .iter()
                        .filter(|r| r.kind != RowKind::Normal || m.sections.iter().any(|_| false))
                    {
                        let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                        let _ = writeln!(o, "    {:?} {}", r.kind, cells.join(" | "));
                    }
                }
                Block::Chart(Chart::Bars(b)) => {
                    let bars: Vec<String> = b
                        .bars
                        .iter()
                        .map(|x| format!("{} {}/{}", x.label, x.value, x.max))
                        .collect();
                    let _ = writeln!(o, "  bars {}: {}", b.title, bars.join("; "));
                }
                Block::Chart(Chart::Radar(r)) => {
                    let v: Vec<String> = r.series[0].values.iter().map(|x| x.to_string()).collect();
                    let _ = writeln!(o, "  radar {} axes, {}", r.axes.len(), v.join(" "));
                }
                Block::Chart(Chart::LevelGrid(g)) => {
                    let rows: Vec<String> = g
                        .rows
                        .iter()
                        .map(|r| format!("{} {:?}→{:?}", r.label, r.current, r.target))
                        .collect();
                    let _ = writeln!(o, "  grid {}: {}", g.levels.join("/"), rows.join("; "));
                }
                Block::Chart(Chart::Timeline(t)) => {
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
                Block::Declaration(d) => {
                    let _ = writeln!(o, "  declaration {} signatories", d.signatories.len());
                }
                Block::PageBreak => {}
            }
        }
    }
    o
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
    let total: Decimal = plan
        .phases
        .iter()
        .flat_map(|p| &p.actions)
        .map(|a| a.cost_wan_yuan)
        .sum();
    assert_eq!(total, r.cost_wan.max);
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
