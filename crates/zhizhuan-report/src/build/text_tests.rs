//! Tests over the text of built models (no PDF): every worked example's report reads without
//! machine ids, names its estimates, and never ticks a programme on an estimated level.

use std::path::Path;

use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::{self, Framework};

use super::*;
use crate::assessment::{Attachment, StoredAssessment, assessment_report};

fn enterprise() -> ReportEnterprise {
    ReportEnterprise {
        name: "常州市喆堃精密机械有限公司".into(),
        credit_code: "91320412MA1XK7QW39".into(),
        industry: "C34 通用设备制造业".into(),
        region: "江苏省常州市".into(),
        assessor: "测试评估员".into(),
        assessment_date: "2025年3月18日".into(),
        ..ReportEnterprise::default()
    }
}

/// Every worked example under tests/data/answers that scores (the `e…` files are answers that
/// must be refused), with its framework.
fn worked_examples() -> Vec<(String, Framework, AnswersFile)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
    let mut out = Vec::new();
    for dir in ["miit", "cmmm", "lianghua"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("worked examples")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("readable");
            let Ok(answers) = AnswersFile::from_json(&text) else {
                continue;
            };
            let fw = framework::load_builtin(&answers.framework).expect("built-in framework");
            if zhizhuan_core::score::score(&fw, &answers).is_ok() {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, fw, answers));
            }
        }
    }
    assert!(out.len() >= 20, "worked examples missing: {}", out.len());
    out
}

/// `answers` as a stored assessment of [`enterprise`], without evidence or edits.
fn stored(answers: &AnswersFile) -> StoredAssessment {
    StoredAssessment {
        answers: answers.clone(),
        enterprise: enterprise(),
        evidence: Evidence::default(),
        edits: Vec::new(),
        plan_start: chrono::NaiveDate::default(),
        max_parallel: 3,
    }
}

/// The report of `answers` (roadmap to the next level up) with an attachment on the first
/// item, so the attachments table is built too.
fn report_of(fw: &Framework, answers: &AnswersFile, lang: Lang) -> ReportModel {
    let first = fw.dimensions[0].indicators[0].items[0].id.clone();
    let mut stored = stored(answers);
    stored.evidence.attachments.push(Attachment {
        item: first,
        name: "网络拓扑图.pdf".into(),
        size: 2048,
        sha256: "ab".repeat(32),
        added_at: "2025-03-18T10:00:00+08:00".into(),
    });
    assessment_report(fw, &stored, None, lang)
        .expect("worked example builds")
        .model
}

/// Every text the model prints, with where it is.
fn texts(model: &ReportModel) -> Vec<(String, String)> {
    let mut out = Vec::new();
    model.clone().for_each_text_mut(&mut |at, s| {
        out.push((at.to_string(), s.clone()));
    });
    out
}

/// The framework's machine ids: nodes, actions, programmes, levels, notes.
fn machine_ids(fw: &Framework) -> Vec<String> {
    let mut ids: Vec<String> = fw.programmes.iter().map(|p| p.id.clone()).collect();
    ids.extend(fw.levels.iter().map(|l| l.id.clone()));
    ids.extend(fw.notes.iter().map(|n| n.id.clone()));
    for d in &fw.dimensions {
        ids.push(d.id.clone());
        for i in &d.indicators {
            ids.push(i.id.clone());
            for it in &i.items {
                ids.push(it.id.clone());
                ids.extend(it.actions.iter().map(|a| a.id.clone()));
            }
        }
    }
    ids
}

/// Every English text of the framework (the `en` half of each bilingual text).
fn english_texts(fw: &Framework) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("en", serde_json::Value::String(s)) => out.push(s.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(fw).expect("framework serialises"),
        &mut out,
    );
    out
}

/// Whether `id` occurs in `text` as a whole token (not inside a longer word or id).
fn has_token(text: &str, id: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    text.match_indices(id).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + id.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

#[test]
fn no_machine_id_is_printed_in_any_worked_example() {
    let mut leaks = Vec::new();
    for (name, fw, answers) in worked_examples() {
        let ids = machine_ids(&fw);
        let english = english_texts(&fw);
        for lang in [Lang::Zh, Lang::En] {
            // English prose may use a plain word that is also an id (`data`, `design`,
            // `customer-service`): in English only ids with a separator are checked, and not
            // those the framework's own English text uses as words.
            let checked: Vec<&String> = ids
                .iter()
                .filter(|id| {
                    lang == Lang::Zh
                        || (id.contains(['.', '-', '_'])
                            && !english.iter().any(|e| has_token(e, id)))
                })
                .collect();
            for (at, text) in texts(&report_of(&fw, &answers, lang)) {
                if let Some(id) = checked.iter().find(|id| has_token(&text, id)) {
                    leaks.push(format!("{name} {lang:?} {at}: `{id}` in {text:?}"));
                }
            }
        }
    }
    let shown: Vec<&String> = leaks.iter().take(20).collect();
    assert!(leaks.is_empty(), "{} leaks, first: {shown:#?}", leaks.len());
}

#[test]
fn the_id_check_finds_an_id() {
    assert!(has_token("见 jichu.network 一项", "jichu.network"));
    assert!(has_token("jichu", "jichu"));
    assert!(!has_token("jichu.network", "jichu"));
    assert!(!has_token("the database", "data"));
}

fn load(file: &str) -> (Framework, AnswersFile) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers")
        .join(file);
    let answers = AnswersFile::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let fw = framework::load_builtin(&answers.framework).unwrap();
    (fw, answers)
}

fn section(model: &ReportModel, kind: SectionKind) -> &Section {
    model
        .sections
        .iter()
        .find(|s| s.kind == kind)
        .expect("section")
}

fn section_text(model: &ReportModel, kind: SectionKind) -> String {
    let mut m = model.clone();
    m.sections.retain(|s| s.kind == kind);
    texts(&m)
        .into_iter()
        .filter(|(at, _)| at.starts_with("sections"))
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The programme table's status cells (all but the first two columns).
fn status_cells(model: &ReportModel) -> Vec<String> {
    section(model, SectionKind::Programmes)
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| &t.rows)
        .flat_map(|r| r.cells.iter().skip(2).map(|c| c.text.clone()))
        .collect()
}

/// (answers file, language, texts the programme section must hold, texts the declaration must
/// hold)
const PROVENANCE: &[(&str, Lang, &[&str], &[&str])] = &[
    (
        "miit/m09-level3-sixty-one.json",
        Lang::Zh,
        &[
            "预估符合，以官方评定为准",
            "zjtx.miit.gov.cn",
            "工信厅企业〔2024〕56号",
        ],
        &["等级判定规则尚未与官方文本核对", "政策项目的符合情况为预估"],
    ),
    (
        "miit/m09-level3-sixty-one.json",
        Lang::En,
        &[
            "Estimated to qualify; the official assessment decides",
            "MIIT platform",
            "工信厅企业〔2024〕56号",
        ],
        &["the level rule has not been checked"],
    ),
    (
        "cmmm/c01-level2-discrete.json",
        Lang::Zh,
        &[
            "预估符合，以官方评定为准",
            "智能制造评估评价公共服务平台",
            "第三方评估机构",
        ],
        &["计分方法整体为本软件声明的估算方法"],
    ),
    (
        "cmmm/c01-level2-discrete.json",
        Lang::En,
        &["Estimated to qualify", "CESI platform", "third-party body"],
        &["the scoring method as a whole is a declared estimate"],
    ),
    (
        "lianghua/l01-single-coverage-kpis.json",
        Lang::Zh,
        &["由本软件设计"],
        &["评估指标、题目和分值由本软件设计", "计分方法整体"],
    ),
    (
        "lianghua/l01-single-coverage-kpis.json",
        Lang::En,
        &["designed by this app"],
        &["designed by this app and are not the text of GB/T 23020-2013"],
    ),
];

#[test]
fn estimates_are_named_and_programmes_say_the_official_assessment_decides() {
    for (file, lang, programme_texts, declaration_texts) in PROVENANCE {
        let (fw, answers) = load(file);
        let model = report_of(&fw, &answers, *lang);
        let programmes = section_text(&model, SectionKind::Programmes);
        for want in *programme_texts {
            assert!(
                programmes.contains(want),
                "{file} {lang:?}: programmes lack {want:?}:\n{programmes}"
            );
        }
        let cells = status_cells(&model);
        assert!(
            !cells.iter().any(|c| c == "✓"),
            "{file} {lang:?}: a bare tick in {cells:?}"
        );
        let declaration = section(&model, SectionKind::Declaration);
        let Some(Block::Declaration(d)) = declaration.blocks.first() else {
            panic!("{file}: no declaration block");
        };
        let statement = d.statement.clone().unwrap_or_default();
        for want in *declaration_texts {
            assert!(
                statement.contains(want),
                "{file} {lang:?}: declaration lacks {want:?}: {statement}"
            );
        }
    }
}

#[test]
fn a_placeholder_source_date_is_not_printed() {
    let (fw, answers) = load("lianghua/l01-single-coverage-kpis.json");
    assert_eq!(fw.source.date, "2013-01-01", "the data this test is about");
    for (lang, want) in [
        (Lang::Zh, "2013 年（具体日期未给出）"),
        (Lang::En, "2013 (date not given)"),
    ] {
        let all: Vec<String> = texts(&report_of(&fw, &answers, lang))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(!all.iter().any(|t| t.contains("2013-01-01")), "{lang:?}");
        assert!(all.iter().any(|t| t == want), "{lang:?}: no {want:?}");
    }
    // A real date is printed as given.
    let (fw, answers) = load("miit/m09-level3-sixty-one.json");
    let all = texts(&report_of(&fw, &answers, Lang::Zh));
    assert!(all.iter().any(|(_, t)| t == "2024-09-04"));
}

#[test]
fn a_report_without_an_enterprise_is_a_draft_and_keeps_level_names_whole() {
    let (fw, answers) = load("miit/m09-level3-sixty-one.json");
    let s = zhizhuan_core::score::score(&fw, &answers).unwrap();
    let linked = report_model(&fw, &s, None, &enterprise(), Lang::Zh);
    let draft = report_model(&fw, &s, None, &ReportEnterprise::default(), Lang::Zh);
    assert!(!linked.cover.draft);
    assert!(draft.cover.draft);
    for name in ["四级", "协同级", "未达一级", "Level 4", "Below level 1"] {
        assert!(
            linked.keep_together.iter().any(|t| t == name),
            "{name} not kept together: {:?}",
            linked.keep_together
        );
    }
}

/// Chinese punctuation an English sentence never needs.
const CHINESE_PUNCTUATION: [char; 9] = ['：', '；', '，', '。', '「', '」', '（', '）', '、'];

#[test]
fn the_english_report_uses_english_punctuation() {
    let mut found = Vec::new();
    for (name, fw, answers) in worked_examples() {
        for (at, text) in texts(&report_of(&fw, &answers, Lang::En)) {
            if text.contains(CHINESE_PUNCTUATION) {
                found.push(format!("{name} {at}: {text:?}"));
            }
        }
    }
    let shown: Vec<&String> = found.iter().take(30).collect();
    assert!(found.is_empty(), "{} texts, first: {shown:#?}", found.len());
}

/// The gap section's table captioned `caption`, if any.
fn gap_table<'m>(model: &'m ReportModel, caption: &str) -> Option<&'m Table> {
    let blocks = section(model, SectionKind::Gaps).blocks.iter();
    blocks
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .find(|t| t.caption.as_deref() == Some(caption))
}

#[test]
fn a_maturity_gap_names_every_requirement_the_plan_meets_under_its_sub_domain() {
    let (fw, answers) = load("cmmm/c01-level2-discrete.json");
    let r = zhizhuan_core::roadmap::roadmap(&fw, &answers, 3).unwrap();
    let model = report_of_target(&fw, &answers, 3);
    let table = gap_table(&model, "须满足的要求").expect("requirements table");
    // walk the rows: a group row names the sub-domain, the rows under it its requirements
    let mut listed = Vec::new();
    let mut under = String::new();
    for row in &table.rows {
        match row.kind {
            RowKind::Group => under = row.cells[0].text.clone(),
            _ => listed.push((
                under.clone(),
                row.cells[0].text.clone(),
                row.cells[1].text.clone(),
            )),
        }
    }
    let mut expected = Vec::new();
    for a in r.phases.iter().flat_map(|p| &p.actions) {
        for q in &a.action.requirements {
            let level = zhizhuan_core::score::rank_zh(q.level);
            expected.push((
                a.action.item_title.zh.clone(),
                format!("{level} {}", q.id),
                q.text.zh.clone(),
            ));
        }
    }
    assert!(
        expected.len() >= 12,
        "c01 → 三级 meets requirements in 12 sub-domains"
    );
    assert_eq!(listed.len(), expected.len());
    for (title, id, text) in &expected {
        let found = listed
            .iter()
            .find(|(u, i, t)| u.ends_with(title.as_str()) && i == id && t == text);
        assert!(found.is_some(), "{title} {id} missing from {listed:#?}");
    }
    let (miit, answers) = load("miit/m09-level3-sixty-one.json");
    let points = report_of_target(&miit, &answers, 4);
    assert!(gap_table(&points, "须满足的要求").is_none());
}

/// As [`report_of`] (without the attachment), to level rank `target`.
fn report_of_target(fw: &Framework, answers: &AnswersFile, target: u8) -> ReportModel {
    assessment_report(fw, &stored(answers), Some(&target.to_string()), Lang::Zh)
        .expect("worked example builds")
        .model
}

#[test]
fn the_action_plan_says_what_each_action_takes() {
    for (file, target) in [
        ("miit/m03-constraint-shortfall.json", 3),
        ("cmmm/c01-level2-discrete.json", 3),
    ] {
        let (fw, answers) = load(file);
        let r = zhizhuan_core::roadmap::roadmap(&fw, &answers, target).unwrap();
        let plan = action_plan(&r, Lang::Zh, "", chrono::NaiveDate::default());
        let notes: Vec<&String> = plan
            .phases
            .iter()
            .flat_map(|p| &p.actions)
            .map(|a| &a.note)
            .collect();
        let acts: Vec<_> = r.phases.iter().flat_map(|p| &p.actions).collect();
        assert_eq!(notes.len(), acts.len());
        let mut said = 0;
        for (note, a) in notes.iter().zip(&acts) {
            if let Some(amount) = &a.action.amount {
                assert!(note.contains(&amount.text.zh), "{file}: {note}");
                said += 1;
            }
            for q in &a.action.requirements {
                assert!(
                    note.contains("满足要求") && note.contains(&q.id),
                    "{file}: {note}"
                );
                said += 1;
            }
        }
        assert!(said > 0, "{file}: no amount or requirement to say");
    }
}
