//! Reports built from real frameworks and worked answers (MIIT 2024, CMMM, 两化融合) through
//! `assessment_report`, as the app and the CLI build them, in both languages; read back with
//! poppler and qpdf.

use chrono::NaiveDate;
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::{self, Framework};
use zhizhuan_report::model::SectionKind;
use zhizhuan_report::{
    ActionEdit, ActionStatus, Attachment, Evidence, Lang, RenderOptions, ReportEnterprise,
    StoredAssessment, assessment_plan, assessment_report, render_pdf,
};

use crate::support::*;

/// Rare characters on purpose: 镕 昇 喆 堃 are outside the common-character lists.
const NAME: &str = "无锡市镕昇喆堃智能装备有限公司";
const OWNER: &str = "王昇";
const NOTE: &str = "现场查看交换机台账与网络拓扑图";
const FILE: &str = "网络拓扑图-2025.pdf";

pub(crate) fn answers(rel: &str) -> AnswersFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers")
        .join(rel);
    AnswersFile::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A stored assessment with a note and an attachment on the first item and an owner on the
/// first action of the default roadmap.
pub(crate) fn stored(fw: &Framework, answers: AnswersFile, lang: Lang) -> StoredAssessment {
    let first_item = fw.items().next().unwrap().item.id.clone();
    let mut s = StoredAssessment {
        answers,
        enterprise: ReportEnterprise {
            name: NAME.into(),
            credit_code: "91320214MA1Y8K2X5Q".into(),
            industry: zhizhuan_report::industry_text("C35", Lang::Zh),
            region: zhizhuan_report::region_text("320000", "无锡市", "新吴区", Lang::Zh),
            assessor: "陈镕".into(),
            assessment_date: zhizhuan_report::date_text(
                lang,
                NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(),
            ),
            report_no: zhizhuan_report::report_number("built-test", 2),
            organisation: "无锡数转服务中心".into(),
            mode: zhizhuan_store::meta::AssessmentMode::ThirdParty,
            legal_representative: "周堃".into(),
            main_products: "汽车零部件".into(),
            ..ReportEnterprise::default()
        },
        evidence: Evidence {
            notes: [(first_item.clone(), NOTE.to_string())].into(),
            attachments: vec![Attachment {
                item: first_item,
                name: FILE.into(),
                size: 48_213,
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
                added_at: "2025-03-17T09:30:00+08:00".into(),
            }],
        },
        edits: Vec::new(),
        plan_start: NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(),
        max_parallel: 3,
    };
    let first_action = assessment_report(fw, &s, None, lang)
        .unwrap()
        .roadmap
        .and_then(|r| r.phases.iter().flat_map(|p| &p.actions).next().cloned());
    if let Some(a) = first_action {
        s.edits.push(ActionEdit {
            action: a.action.action.clone(),
            owner: OWNER.into(),
            start: None,
            due: None,
            cost_wan: None,
            status: ActionStatus::InProgress,
            note: String::new(),
        });
    }
    s
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Telltales of the Chinese explanations core used to write into every report.
const CHINESE_EXPLANATIONS: [&str; 8] = [
    "选「",
    "未作答",
    "个百分点",
    "各级平均满足度",
    "场景，",
    "，差",
    "加权得分",
    "分，",
];

#[test]
fn miit_cmmm_and_lianghua_reports_read_back_in_both_languages() {
    let tools = have("pdftotext") && have("pdffonts") && have("qpdf");
    for (file, estimate) in [
        ("miit/m09-level3-sixty-one.json", false),
        ("cmmm/c01-level2-discrete.json", true),
        ("lianghua/l01-single-coverage-kpis.json", true),
    ] {
        let a = answers(file);
        let fw = framework::load_builtin(&a.framework).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let input = stored(&fw, a.clone(), lang);
            let built = assessment_report(&fw, &input, None, lang).unwrap();
            let pdf = render(&built.model);
            assert!(
                pdf.warnings.is_empty(),
                "{file} {lang:?}: {:?}",
                pdf.warnings
            );
            if !tools {
                continue;
            }
            let f = write(&pdf);
            qpdf_check(&f);
            assert_fonts_embedded_and_subset(&f);
            let text = pdftotext(&f, None);
            let squeezed = flat(&text);
            let l = lang.labels();
            for section in &built.model.sections {
                let title = flat(l.section_title(section.kind));
                // Once in the contents, once as the heading.
                assert!(
                    squeezed.matches(&title).count() >= 2,
                    "{file} {lang:?}: section {title} missing"
                );
            }
            let level = match lang {
                Lang::Zh => built.score.level.name.zh.clone(),
                Lang::En => built.score.level.name.en.clone(),
            };
            assert_identity_printed(file, lang, &input.enterprise, &squeezed);
            assert!(
                squeezed.contains(&flat(&level)),
                "{file} {lang:?}: level {level} missing"
            );
            if !input.edits.is_empty() {
                assert!(squeezed.contains(OWNER), "{file} {lang:?}: owner missing");
            }
            // The basis section says a declared method is an estimate (CMMM, 两化融合).
            let tag = match lang {
                Lang::Zh => "【估算】本框架的官方计分文本未公开",
                Lang::En => "[Estimate]Theofficialscoringtextisnotpublic",
            };
            assert_eq!(
                squeezed.contains(tag),
                estimate,
                "{file} {lang:?}: estimate label"
            );
            if lang == Lang::En {
                for zh in CHINESE_EXPLANATIONS {
                    assert!(
                        !squeezed.contains(zh),
                        "{file}: English report contains 「{zh}」:\n{text}"
                    );
                }
            }
        }
    }
}

/// The enterprise's identity, the assessment date and number, the assessing body, the signer
/// of the declaration, the evidence note and the attachment are all in the report's text
/// (`squeezed`: without whitespace).
fn assert_identity_printed(file: &str, lang: Lang, e: &ReportEnterprise, squeezed: &str) {
    for must in [
        NAME,
        "91320214MA1Y8K2X5Q",
        "江苏省无锡市新吴区",
        NOTE,
        FILE,
        &e.assessment_date,
        &e.report_no,
        &e.organisation,
        &e.legal_representative,
        &e.main_products,
    ] {
        assert!(
            squeezed.contains(&flat(must)),
            "{file} {lang:?}: {must} missing"
        );
    }
}

#[test]
fn an_assessment_without_answers_gives_a_provisional_report() {
    let fw = framework::load_builtin("miit-2024").unwrap();
    let mut a = answers("miit/m09-level3-sixty-one.json");
    a.answers.clear();
    let input = stored(&fw, a, Lang::Zh);
    let built = assessment_report(&fw, &input, None, Lang::Zh).unwrap();
    assert!(built.score.provisional);
    assert!(
        built.model.cover.notes.iter().any(|n| n.contains("暂定")),
        "{:?}",
        built.model.cover.notes
    );
    assert!(
        built
            .model
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Roadmap),
        "a roadmap from nothing to the first level"
    );
    let pdf = render(&built.model);
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    if have("pdftotext") && have("qpdf") {
        let f = write(&pdf);
        qpdf_check(&f);
        let text = flat(&pdftotext(&f, None));
        assert!(text.contains("暂定结果"), "provisional note missing");
        assert!(text.contains("未作答"), "unanswered items not shown");
    }
}

/// The same model and options always give the same bytes (printpdf's random /ID is replaced
/// by a digest of the content); a different creation date gives a different document.
#[test]
fn rendering_is_reproducible_and_the_id_follows_the_content() {
    let fw = framework::load_builtin("cmmm-2020").unwrap();
    let input = stored(&fw, answers("cmmm/c01-level2-discrete.json"), Lang::Zh);
    let model = assessment_report(&fw, &input, None, Lang::Zh)
        .unwrap()
        .model;
    let a = render(&model);
    let b = render(&model);
    assert!(a.bytes == b.bytes, "two renders differ");
    let id = |bytes: &[u8]| {
        let s = String::from_utf8_lossy(bytes);
        let at = s.rfind("/ID[(").expect("trailer /ID");
        s[at..at + 72].to_string()
    };
    let later = render_pdf(
        &model,
        &RenderOptions {
            created: chrono::DateTime::parse_from_rfc3339("2025-03-19T10:00:00+08:00").unwrap(),
        },
    )
    .unwrap();
    assert_ne!(id(&a.bytes), id(&later.bytes));
    let first = id(&a.bytes);
    assert!(
        first[5..37].chars().all(|c| c.is_ascii_hexdigit()),
        "{first}"
    );
}

/// The creation date keeps the caller's time zone (printpdf alone writes +00'00').
#[test]
fn creation_date_keeps_its_offset() {
    let pdf = render(&zhizhuan_report::sample::sample_report(Lang::Zh));
    let raw = String::from_utf8_lossy(&pdf.bytes);
    assert!(
        raw.contains("/CreationDate(D:20250318100000+08'00')"),
        "creation date not in local time with offset"
    );
    assert!(raw.contains("/ModDate(D:20250318100000+08'00')"));
    if have("pdfinfo") {
        let f = write(&pdf);
        let (ok, out) = {
            let o = std::process::Command::new("pdfinfo")
                .arg("-isodates")
                .arg(&f.path)
                .output()
                .unwrap();
            (
                o.status.success(),
                String::from_utf8_lossy(&o.stdout).to_string(),
            )
        };
        assert!(ok, "{out}");
        assert!(
            out.contains("CreationDate:    2025-03-18T10:00:00+08"),
            "{out}"
        );
    }
}

/// The plan of a stored assessment carries the user's owner, status and budget.
#[test]
fn stored_edits_reach_the_action_plan() {
    let fw = framework::load_builtin("miit-2024").unwrap();
    let mut input = stored(&fw, answers("miit/m09-level3-sixty-one.json"), Lang::Zh);
    let edited = input.edits[0].action.clone();
    input.edits[0].cost_wan = Some("12.5".parse().unwrap());
    input.edits[0].due = NaiveDate::from_ymd_opt(2025, 9, 30);
    let start = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let plan = assessment_plan(&fw, &input, None, Lang::Zh, start).unwrap();
    let all: Vec<_> = plan.phases.iter().flat_map(|p| &p.actions).collect();
    let a = all.iter().find(|a| a.id == edited).expect("edited action");
    assert_eq!(a.owner, OWNER);
    assert_eq!(a.status, ActionStatus::InProgress);
    // A budget the user set is one figure: both ends of the band.
    assert_eq!(a.cost_low_wan.to_string(), "12.5");
    assert_eq!(a.cost_high_wan.to_string(), "12.5");
    assert_eq!(a.end, NaiveDate::from_ymd_opt(2025, 9, 30).unwrap());
    assert!(
        all.iter()
            .filter(|a| a.id != edited)
            .all(|a| a.owner.is_empty() && a.status == ActionStatus::Planned),
        "only the edited action changes"
    );
    // The workbook: one row per action (header + actions + a subtotal per phase + total),
    // with the owner, status and effort class written out.
    let bytes = zhizhuan_report::render_xlsx(&plan).unwrap();
    let xml = crate::xlsx::sheet_xml(&bytes);
    let strings = crate::xlsx::shared_strings(&bytes);
    let rows = 1 + all.len() + plan.phases.len() + 1;
    assert!(xml.contains(&format!(r#"<row r="{rows}""#)), "{rows} rows");
    assert!(!xml.contains(&format!(r#"<row r="{}""#, rows + 1)));
    for must in [OWNER, "进行中", "计划中", "中", "快速见效"] {
        assert!(strings.contains(must), "{must} missing from the workbook");
    }
    assert!(xml.contains("<f>SUBTOTAL(9,I2:I"), "cost total formula");
}

/// The workbook's effort column holds the gap engine's units (low 1, medium 3, high 9), not a
/// 0 placeholder: each phase's subtotal and the total are the roadmap's `effort_units`, in
/// both languages, under a header that says what they are, and no header speaks of days. A
/// phase without actions gets one row saying so instead of an empty block and a 0 subtotal.
#[test]
fn action_plan_effort_units_are_the_roadmaps() {
    let start = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let mut empty_phases = 0;
    for (file, lang) in [
        ("miit/m02-exact-40-five-scenarios.json", Lang::Zh),
        ("miit/m02-exact-40-five-scenarios.json", Lang::En),
        ("cmmm/c01-level2-discrete.json", Lang::Zh),
        ("cmmm/c01-level2-discrete.json", Lang::En),
    ] {
        let a = answers(file);
        let fw = framework::load_builtin(&a.framework).unwrap();
        let input = stored(&fw, a, lang);
        let roadmap = assessment_report(&fw, &input, None, lang)
            .unwrap()
            .roadmap
            .expect("a next level");
        let plan = assessment_plan(&fw, &input, None, lang, start).unwrap();
        let bytes = zhizhuan_report::render_xlsx(&plan).unwrap();
        let xml = crate::xlsx::sheet_xml(&bytes);
        let strings = crate::xlsx::shared_strings(&bytes);
        let header = match lang {
            Lang::Zh => "工作量单位（低1/中3/高9）",
            Lang::En => "Effort units (low 1, medium 3, high 9)",
        };
        assert!(strings.contains(header), "{file} {lang:?}: header");
        for days in ["人天", "person-day"] {
            assert!(!strings.contains(days), "{file} {lang:?}: {days}");
        }
        // Rows: header, then per phase its actions and a subtotal (or, for a phase without
        // actions, one row saying so and no subtotal), then the total.
        let mut row = 2;
        for (pp, rp) in plan.phases.iter().zip(&roadmap.phases) {
            if pp.actions.is_empty() {
                assert_eq!(
                    crate::xlsx::cell_string(&xml, &strings, &format!("A{row}")).as_deref(),
                    Some(pp.name.as_str()),
                    "{file} {lang:?}: phase {}",
                    rp.index
                );
                assert_eq!(
                    crate::xlsx::cell_string(&xml, &strings, &format!("C{row}")).as_deref(),
                    Some(lang.labels().no_actions_in_phase),
                    "{file} {lang:?}: empty phase {}",
                    rp.index
                );
                assert_eq!(
                    crate::xlsx::cell_value(&xml, &format!("H{row}")),
                    None,
                    "{file} {lang:?}: a subtotal for empty phase {}",
                    rp.index
                );
                empty_phases += 1;
                row += 1;
                continue;
            }
            row += pp.actions.len();
            let subtotal = crate::xlsx::cell_value(&xml, &format!("H{row}"));
            assert_eq!(
                subtotal,
                Some(rp.effort_units.to_string()),
                "{file} {lang:?}: subtotal of phase {}",
                rp.index
            );
            row += 1;
        }
        assert!(roadmap.effort_units > 0, "{file}: no work at all?");
        assert_eq!(
            crate::xlsx::cell_value(&xml, &format!("H{row}")),
            Some(roadmap.effort_units.to_string()),
            "{file} {lang:?}: total"
        );
    }
    // m02 → 二级 leaves the medium and the long term empty, in both languages.
    assert!(empty_phases >= 2, "{empty_phases} empty phases");
}

/// The workbook's grand totals are the roadmap's cost span: the low end under 「费用下限」,
/// the high end under 「费用上限」 (a plan of 255–1,310 万元 must not read as 1,310 alone).
#[test]
fn workbook_totals_are_the_roadmaps_cost_span() {
    let fw = framework::load_builtin("miit-2024").unwrap();
    let mut input = stored(&fw, answers("miit/m09-level3-sixty-one.json"), Lang::Zh);
    input.edits.clear();
    let r = assessment_report(&fw, &input, Some("4"), Lang::Zh)
        .unwrap()
        .roadmap
        .expect("a roadmap to level 4");
    assert!(
        r.cost_wan.min < r.cost_wan.max,
        "the fixture's cost is a band"
    );
    let start = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let plan = assessment_plan(&fw, &input, Some("4"), Lang::Zh, start).unwrap();
    let bytes = zhizhuan_report::render_xlsx(&plan).unwrap();
    let xml = crate::xlsx::sheet_xml(&bytes);
    let strings = crate::xlsx::shared_strings(&bytes);
    assert_eq!(
        crate::xlsx::cell_string(&xml, &strings, "I1").as_deref(),
        Some("费用下限（万元）")
    );
    assert_eq!(
        crate::xlsx::cell_string(&xml, &strings, "J1").as_deref(),
        Some("费用上限（万元）")
    );
    let rows = 1
        + plan
            .phases
            .iter()
            .map(|p| p.actions.len() + 1)
            .sum::<usize>()
        + 1;
    let total = |col: &str| crate::xlsx::cell_value(&xml, &format!("{col}{rows}")).unwrap();
    assert_eq!(
        crate::xlsx::cell_string(&xml, &strings, &format!("A{rows}")).as_deref(),
        Some("合计")
    );
    assert_eq!(total("I"), r.cost_wan.min.to_string());
    assert_eq!(total("J"), r.cost_wan.max.to_string());
}
