//! Hostile and degenerate models: always a well-formed PDF, with warnings where content could
//! not be shown as given, never a panic.

use zhizhuan_core::decimal::Decimal;
use zhizhuan_report::model::*;
use zhizhuan_report::{Lang, RenderWarning, sample};

use crate::support::*;

fn check_pdf(pdf: &zhizhuan_report::RenderedPdf) -> Option<String> {
    assert!(pdf.bytes.starts_with(b"%PDF-"), "not a PDF");
    if !(have("qpdf") && have("pdftotext") && have("pdffonts")) {
        return None;
    }
    let f = write(pdf);
    qpdf_check(&f);
    assert_fonts_embedded_and_subset(&f);
    Some(
        pdftotext(&f, None)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(""),
    )
}

#[test]
fn very_long_company_name_wraps_on_cover_and_is_cut_in_header() {
    let mut model = sample::sample_report(Lang::Zh);
    let name: String = "喆堃镕昇精密机械制造".chars().cycle().take(300).collect();
    model.cover.enterprise = name.clone();
    let pdf = render(&model);
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    if let Some(text) = check_pdf(&pdf) {
        // The whole name is on the cover (wrapped), the header carries a shortened form.
        assert!(text.contains(&name), "full name not on the cover");
        assert!(text.contains('…'), "running header not shortened");
    }
}

#[test]
fn five_hundred_roadmap_actions_flow_over_many_pages() {
    let mut model = sample::sample_report(Lang::Zh);
    let actions: Vec<TimelineAction> = (0..500)
        .map(|i| TimelineAction {
            label: format!("行动 {i}：设备联网与数据采集第 {i} 批"),
            start_month: (i % 24) as u16,
            duration_months: 1 + (i % 5) as u16,
        })
        .collect();
    let mut table = Table::new(vec![Column::new("编号", 1), Column::new("行动", 6)]);
    for i in 0..500 {
        table.push(Row::new(vec![
            Cell::from(format!("A{i:03}")),
            Cell::from(format!("行动 {i}")),
        ]));
    }
    model.sections.push(
        Section::new(SectionKind::Roadmap)
            .chart(Chart::Timeline(Timeline {
                title: "超长路线图".into(),
                phases: vec![TimelinePhase {
                    name: "唯一阶段".into(),
                    start_month: 0,
                    duration_months: 28,
                    actions,
                }],
            }))
            .table(table),
    );
    let small = render(&sample::sample_report(Lang::Zh)).pages;
    let pdf = render(&model);
    assert!(pdf.pages > small + 20, "{} pages vs {small}", pdf.pages);
    if let Some(text) = check_pdf(&pdf) {
        assert!(text.contains("行动499"), "last action missing");
        assert!(text.contains("A499"), "last table row missing");
        // The table header repeats on continuation pages.
        assert!(
            text.matches("编号行动").count() > 5,
            "table header not repeated"
        );
    }
}

#[test]
fn empty_sections_and_empty_model_still_render() {
    let mut model = sample::sample_report(Lang::Zh);
    model.sections = vec![
        Section::new(SectionKind::Summary),
        Section::new(SectionKind::Gaps).table(Table::new(vec![])),
        Section::new(SectionKind::Results)
            .chart(Chart::Bars(BarChart {
                title: String::new(),
                unit: String::new(),
                bars: vec![],
                value_label: String::new(),
                target_label: None,
            }))
            .chart(Chart::Timeline(Timeline {
                title: String::new(),
                phases: vec![],
            }))
            .chart(Chart::LevelGrid(LevelGrid {
                title: String::new(),
                levels: vec![],
                rows: vec![LevelRow {
                    label: "x".into(),
                    current: Some(9),
                    target: Some(200),
                }],
            })),
        Section::new(SectionKind::Declaration).block(Block::Declaration(Declaration {
            statement: None,
            signatories: vec![],
        })),
    ];
    let pdf = render(&model);
    if let Some(text) = check_pdf(&pdf) {
        assert!(text.contains("（本节无内容）"));
        assert!(text.contains("本单位承诺"), "standard declaration missing");
    }

    let blank = ReportModel {
        lang: Lang::En,
        cover: Cover::default(),
        sections: vec![],
        keep_together: Vec::new(),
    };
    let pdf = render(&blank);
    assert_eq!(pdf.pages, 2, "cover and contents");
    check_pdf(&pdf);
}

#[test]
fn missing_glyphs_are_reported_and_shown_as_codes() {
    let mut model = sample::sample_report(Lang::Zh);
    model.cover.enterprise = "常州𠀀精密😀机械有限公司".into();
    model.sections[0]
        .blocks
        .push(Block::Paragraph("笑脸 😀\u{FE0F} 结束".into()));
    let pdf = render(&model);
    let missing: Vec<(char, &str)> = pdf
        .warnings
        .iter()
        .filter_map(|w| match w {
            RenderWarning::MissingGlyph {
                character,
                location,
            } => Some((*character, location.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        missing,
        vec![
            ('𠀀', "cover.enterprise"),
            ('😀', "cover.enterprise"),
            ('😀', "sections[0].blocks[4]"),
        ],
        "the variation selector is dropped silently, each missing glyph reported once"
    );
    let msg = pdf.warnings[0].to_string();
    assert!(
        msg.contains("U+20000") && msg.contains("cover.enterprise"),
        "{msg}"
    );
    if let Some(text) = check_pdf(&pdf) {
        assert!(
            text.contains("常州[U+20000]精密[U+1F600]机械有限公司"),
            "{text}"
        );
    }
}

#[test]
fn malformed_rows_and_charts_warn_instead_of_failing() {
    let mut model = sample::sample_report(Lang::Zh);
    let table = Table::new(vec![Column::new("甲", 1), Column::new("乙", 1)])
        .row(["只有一格"])
        .row(["一", "二", "三"]);
    model.sections.push(
        Section::new(SectionKind::Other)
            .titled("异常数据")
            .table(table)
            .chart(Chart::Radar(RadarChart {
                title: "两轴雷达".into(),
                axes: vec!["甲".into(), "乙".into()],
                max: Decimal::from_int(10),
                series: vec![Series {
                    name: "现状".into(),
                    values: vec![Decimal::from_int(3)],
                }],
            }))
            .chart(Chart::Radar(RadarChart {
                title: "越界雷达".into(),
                axes: vec!["甲".into(), "乙".into(), "丙".into()],
                max: Decimal::ZERO,
                series: vec![Series {
                    name: "现状".into(),
                    values: vec![Decimal::from_int(-1), Decimal::from_int(5)],
                }],
            })),
    );
    let pdf = render(&model);
    let kinds: Vec<String> = pdf
        .warnings
        .iter()
        .map(|w| match w {
            RenderWarning::CellCountMismatch { found, .. } => format!("cells {found}"),
            RenderWarning::ChartFallback { .. } => "fallback".into(),
            RenderWarning::ValueClamped { value, .. } => format!("clamped {value}"),
            RenderWarning::MissingGlyph { .. } => "glyph".into(),
        })
        .collect();
    assert_eq!(
        kinds,
        ["cells 1", "cells 3", "fallback", "clamped -1", "clamped 5"],
    );
    if let Some(text) = check_pdf(&pdf) {
        assert!(text.contains("甲：现状3"), "fallback list missing: {text}");
    }
}
