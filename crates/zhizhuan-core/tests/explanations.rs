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
