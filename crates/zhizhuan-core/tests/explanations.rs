//! Every explanation core writes (conditions, item lines, the maturity S, KPI lines) comes in
//! both languages: the English report must not fall back to Chinese sentences, and neither
//! language uses ✗, which the report font (Noto Sans SC) cannot print.

use std::path::Path;

use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::{self, Text};
use zhizhuan_core::score;

/// Words only the Chinese explanations use (framework labels are data and may quote Chinese
/// terms, so the check looks for the sentence glue, not for any CJK character).
const CHINESE_GLUE: [&str; 12] = [
    "选「",
    "未作答",
    "不适用",
    "个百分点",
    "平均满足度",
    "场景，",
    "，差",
    "加权得分",
    "分计",
    "达到",
    "目标",
    "总分",
];

fn check(where_: &str, t: &Text, failures: &mut Vec<String>) {
    if t.zh.is_empty() != t.en.is_empty() {
        failures.push(format!("{where_}: one language empty: {t:?}"));
    }
    for glue in CHINESE_GLUE {
        if t.en.contains(glue) {
            failures.push(format!("{where_}: English contains 「{glue}」: {}", t.en));
        }
    }
    if t.zh.contains('✗') || t.en.contains('✗') {
        failures.push(format!("{where_}: ✗ is not in the report font: {t:?}"));
    }
}

#[test]
fn every_explanation_is_written_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/answers");
    let mut failures = Vec::new();
    let mut texts = 0;
    for dir in ["miit", "cmmm", "lianghua"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let answers = AnswersFile::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let fw = framework::load_builtin(&answers.framework).unwrap();
            let Ok(s) = score::score(&fw, &answers) else {
                continue; // deliberately invalid examples
            };
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            for l in &s.levels {
                for c in &l.conditions {
                    check(&format!("{name} level {}", l.rank), &c.text, &mut failures);
                    texts += 1;
                }
            }
            for it in &s.items {
                check(&format!("{name} {}", it.id), &it.text, &mut failures);
                texts += 1;
            }
            if let Some(m) = &s.maturity {
                check(&format!("{name} S"), &m.text, &mut failures);
                texts += 1;
            }
            for k in &s.kpis {
                check(&format!("{name} kpi {}", k.item), &k.text, &mut failures);
                for t in &k.targets {
                    check(&format!("{name} target {}", t.id), &t.text, &mut failures);
                }
                texts += 1 + k.targets.len();
            }
        }
    }
    assert!(texts > 500, "only {texts} explanations checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where the Chinese characters of an English text stand outside brackets (byte offsets).
/// A Chinese name or document number may follow its English rendering in brackets,
/// 「SME recognition (专精特新)」; anything else is an untranslated term.
fn cjk_outside_brackets(en: &str) -> Vec<usize> {
    let mut depth = 0i32;
    let mut out = Vec::new();
    for (i, c) in en.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            c if depth <= 0 && matches!(c as u32, 0x3400..=0x9FFF) => out.push(i),
            _ => {}
        }
    }
    out
}

#[test]
fn cjk_outside_brackets_is_found() {
    assert_eq!(
        cjk_outside_brackets("SME recognition (专精特新)"),
        Vec::<usize>::new()
    );
    assert_eq!(
        cjk_outside_brackets("grading (两化融合, A/AA/AAA)"),
        Vec::<usize>::new()
    );
    assert_eq!(
        cjk_outside_brackets("the 数字工信 system"),
        vec![4, 7, 10, 13]
    );
    assert_eq!(cjk_outside_brackets("(a) 单"), vec![4]);
}

/// Every `en` half of the shipped frameworks' texts: a reader of the English report meets a
/// Chinese term only as a name given in brackets after its English rendering.
#[test]
fn framework_english_texts_give_chinese_terms_only_in_brackets() {
    fn walk(v: &toml::Value, at: &str, failures: &mut Vec<String>) {
        match v {
            toml::Value::Table(t) => {
                if let (Some(toml::Value::String(_)), Some(toml::Value::String(en))) =
                    (t.get("zh"), t.get("en"))
                    && !cjk_outside_brackets(en).is_empty()
                {
                    failures.push(format!("{at}: {en}"));
                }
                for (k, v) in t {
                    walk(v, &format!("{at}.{k}"), failures);
                }
            }
            toml::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(v, &format!("{at}[{i}]"), failures);
                }
            }
            _ => {}
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assessments");
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let doc = toml::Value::Table(text.parse::<toml::Table>().unwrap());
            walk(&doc, &name, &mut failures);
            files += 1;
        }
    }
    assert!(files >= 3, "the three frameworks are in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
