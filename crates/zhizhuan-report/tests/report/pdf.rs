//! The sample report, rendered and read back with poppler and qpdf.

use expect_test::expect;
use zhizhuan_report::model::SectionKind;
use zhizhuan_report::{Lang, sample};

use crate::support::*;

fn tools() -> bool {
    have("pdftotext") && have("pdffonts") && have("qpdf") && have("pdfinfo")
}

/// pdftotext output with runs of whitespace collapsed, for `contains` checks that do not
/// depend on where lines happen to break.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn chinese_sample_reads_back_completely() {
    if !tools() {
        return;
    }
    let model = sample::sample_report(Lang::Zh);
    let pdf = render(&model);
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    assert!((10..=30).contains(&pdf.pages), "{} pages", pdf.pages);
    let f = write(&pdf);
    qpdf_check(&f);
    assert_fonts_embedded_and_subset(&f);

    let text = pdftotext(&f, None);
    let flat_text = flat(&text);
    let l = Lang::Zh.labels();
    for section in &model.sections {
        let title = section
            .title
            .clone()
            .unwrap_or_else(|| l.section_title(section.kind).to_string());
        // Once in the contents, once as the heading.
        assert!(
            text.matches(&title).count() >= 2,
            "section title {title} missing:\n{text}"
        );
    }
    for must in [
        sample::ENTERPRISE,
        "常州喆堃精密机械有限公司",
        "陈镕昇",
        "李喆",
        "91320412MA1XK7QW39",
        "二级",
        "四级",
        "未达一级",
        "估算",
        "不适用",
        &l.page_footer(3, pdf.pages),
        &l.page_footer(pdf.pages, pdf.pages),
    ] {
        assert!(flat_text.contains(must), "{must} missing");
    }
    // The cover has no running footer; every other page has exactly one.
    assert!(!flat_text.contains(&l.page_footer(1, pdf.pages)));
    assert_eq!(
        text.matches("页 / 共").count(),
        pdf.pages - 1,
        "one footer per page after the cover"
    );

    let info = pdfinfo(&f);
    assert!(
        info.contains("Title:           中小企业数字化水平评测报告 — 常州喆堃精密机械有限公司"),
        "{info}"
    );
    assert!(info.contains("Author:          陈镕昇"), "{info}");
    assert!(
        info.contains("Subject:         中小企业数字化水平评测指标（2024年版） 2024"),
        "{info}"
    );
    // 10:00 in Beijing is 02:00 UTC.
    assert!(
        info.contains("CreationDate:    Tue Mar 18 02:00:00 2025 UTC"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
}

#[test]
fn contents_page_lists_real_page_numbers() {
    if !tools() {
        return;
    }
    let pdf = render(&sample::sample_report(Lang::Zh));
    let f = write(&pdf);
    // Each section title must appear on the page the contents names.
    let contents = pdftotext(&f, Some((2, 2)));
    let l = Lang::Zh.labels();
    for kind in [
        SectionKind::Summary,
        SectionKind::Roadmap,
        SectionKind::Declaration,
    ] {
        let title = l.section_title(kind);
        let line = contents
            .lines()
            .find(|line| line.contains(title))
            .unwrap_or_else(|| panic!("{title} not in contents:\n{contents}"));
        let page: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .or_else(|| {
                // pdftotext may put the number on the next line.
                let mut after = contents.lines().skip_while(|x| *x != line).skip(1);
                after.find_map(|x| x.trim().parse().ok())
            })
            .unwrap_or_else(|| panic!("no page number for {title}:\n{contents}"));
        let that_page = pdftotext(&f, Some((page, page)));
        assert!(
            that_page.contains(title),
            "{title} is not on page {page}:\n{that_page}"
        );
    }
}

#[test]
fn contents_page_text_snapshot() {
    if !tools() {
        return;
    }
    let pdf = render(&sample::sample_report(Lang::Zh));
    let f = write(&pdf);
    let contents = flat(&pdftotext(&f, Some((2, 2))));
    // The running header holds the framework's whole title beside a short enterprise name;
    // 差距分析 fills less than half of page 7, so the roadmap follows it there (a page more
    // than half blank counts as mostly empty).
    expect!["常州喆堃精密机械有限公司 中小企业数字化水平评测指标（2024年版） ZZ-2025-0318-001 目录 一、 评估摘要 3 二、 评估依据与方法 3 三、 评估结果 4 四、 分项得分明细 6 五、 差距分析 7 六、 分阶段改进路线图 7 七、 政策对接 9 八、 江苏省智改数转关键指标对照 9 九、 佐证材料清单 10 十、 真实性承诺与签章 12 第 2 页 / 共 12 页"]
    .assert_eq(&contents);
}

#[test]
fn english_sample_uses_english_labels() {
    if !tools() {
        return;
    }
    let model = sample::sample_report(Lang::En);
    let pdf = render(&model);
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    let f = write(&pdf);
    qpdf_check(&f);
    assert_fonts_embedded_and_subset(&f);
    let text = flat(&pdftotext(&f, None));
    let l = Lang::En.labels();
    for kind in model.sections.iter().map(|s| s.kind) {
        assert!(
            text.contains(l.section_title(kind)),
            "{kind:?} title missing"
        );
    }
    for must in [
        "Contents",
        "Unified social credit code",
        "Level 2",
        &format!("Page 2 of {}", pdf.pages),
        "常州喆堃精密机械有限公司",
        "estimate",
    ] {
        assert!(text.contains(must), "{must} missing");
    }
    assert!(
        !text.contains("页 / 共"),
        "Chinese footer in the English report"
    );
}

#[test]
fn rare_name_characters_are_in_the_font() {
    for c in ['喆', '堃', '镕', '昇'] {
        assert!(zhizhuan_report::font_covers(c).unwrap(), "{c} not covered");
    }
    assert!(!zhizhuan_report::font_covers('𠀀').unwrap());
}

#[test]
fn fixed_labels_print_without_warnings() {
    // Every fixed label of both languages must be printable with the embedded font.
    for lang in [Lang::Zh, Lang::En] {
        let l = lang.labels();
        let labels = [
            l.contents,
            l.credit_code,
            l.declaration_statement,
            l.date_line,
            l.product_line,
            l.below_first_level,
            l.chart_needs_three_axes,
        ];
        for s in labels {
            for c in s.chars().filter(|c| !c.is_whitespace()) {
                assert!(zhizhuan_report::font_covers(c).unwrap(), "{c:?} in {s}");
            }
        }
    }
}

#[test]
fn model_serialises_for_snapshots() {
    // The builder's output is snapshot-tested as JSON; decimals stay strings.
    let model = sample::sample_report(Lang::Zh);
    let json = serde_json::to_value(&model).unwrap();
    let radar = &json["sections"][2]["blocks"][1]["Chart"]["Radar"];
    expect![[r#""100""#]].assert_eq(&radar["max"].to_string());
    expect![[r#"["52.5","49","75","62.5","55","32.5","100","50","50"]"#]]
        .assert_eq(&radar["series"][0]["values"].to_string());
    let back: zhizhuan_report::ReportModel = serde_json::from_value(json).unwrap();
    assert_eq!(back, model);
}

/// The catalog names the report's language, opens the bookmarks, and the file claims no PDF/X
/// conformance it does not meet (printpdf wrote an empty `/GTS_PDFXVersion`).
#[test]
fn catalog_names_the_language_and_claims_no_pdf_x() {
    for (lang, tag) in [(Lang::Zh, "zh-CN"), (Lang::En, "en-US")] {
        let pdf = render(&sample::sample_report(lang));
        let has = |needle: &str| {
            pdf.bytes
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
        };
        assert!(has(&format!("/Lang({tag})")), "{lang:?}: no /Lang({tag})");
        assert!(
            has("/PageMode/UseOutlines"),
            "{lang:?}: PageMode is not a name"
        );
        for absent in ["GTS_PDFX", "/Identifier()", "/Keywords()"] {
            assert!(!has(absent), "{lang:?}: {absent} is written");
        }
        if tools() {
            qpdf_check(&write(&pdf));
        }
    }
}
