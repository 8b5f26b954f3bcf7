//! Data-driven tests of the line breaker. Widths are fixed so cases read like a grid: every
//! CJK character is 1 unit wide, every ASCII character (including space) half a unit.

use zhizhuan_report::linebreak::{break_lines, is_no_end, is_no_start};

fn w(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

/// (input, line width, expected lines joined with " | ")
const CASES: &[(&str, f32, &str)] = &[
    // Plain Chinese fills each line to the width.
    ("一二三四五六七八", 3.0, "一二三 | 四五六 | 七八"),
    // A comma may not start a line: the preceding character moves down with it.
    ("一二三，四五六", 3.0, "一二 | 三，四 | 五六"),
    ("一二三。", 3.0, "一二 | 三。"),
    // Chains of closing marks stay with their character.
    ("一二「三」。四", 4.0, "一二 | 「三」。 | 四"),
    // An opening mark may not end a line: it moves down with the next character.
    ("一二（三）四", 3.0, "一二 | （三） | 四"),
    ("一二《三》", 3.0, "一二 | 《三》"),
    // Each closing mark in the rule's list.
    ("一二，", 2.0, "一 | 二，"),
    ("一二、", 2.0, "一 | 二、"),
    ("一二；", 2.0, "一 | 二；"),
    ("一二：", 2.0, "一 | 二："),
    ("一二？", 2.0, "一 | 二？"),
    ("一二！", 2.0, "一 | 二！"),
    ("一二）", 2.0, "一 | 二）"),
    ("一二》", 2.0, "一 | 二》"),
    ("一二」", 2.0, "一 | 二」"),
    // Each opening mark in the rule's list.
    ("一（二", 2.0, "一 | （二"),
    ("一《二", 2.0, "一 | 《二"),
    ("一「二", 2.0, "一 | 「二"),
    // Latin words break at spaces only.
    (
        "digital transformation plan",
        8.0,
        "digital | transformation | plan",
    ),
    ("MES and ERP", 5.0, "MES and | ERP"),
    // Mixed text: a word never splits, CJK breaks next to it.
    ("采用MES系统", 3.0, "采用 | MES系 | 统"),
    // A number keeps its unit (see the span rules in `linebreak.rs`).
    ("达到 60 分以上", 4.0, "达到 | 60 分以 | 上"),
    // A code is one word: it moves whole to the next line.
    ("代码91320412MA1XK7QW39", 10.0, "代码 | 91320412MA1XK7QW39"),
    // A word wider than the line is the only thing that is cut.
    ("abcdefghij", 2.0, "abcd | efgh | ij"),
    // … after a hyphen, dot, slash or underscore when one fits, at the margin otherwise.
    (
        "jingying.production-control",
        10.0,
        "jingying.production- | control",
    ),
    (
        "jingying.production-control",
        6.0,
        "jingying. | production- | control",
    ),
    ("organisation-strategy", 7.0, "organisation- | strategy"),
    ("a/b_c.d-e", 1.0, "a/ | b_ | c. | d- | e"),
    ("abcdefgh-ij", 2.0, "abcd | efgh | -ij"),
    // A closing mark after a joiner stays with it.
    ("abc-)def", 2.0, "abc-) | def"),
    // Percent and full-width percent stay with their number.
    ("比例58%", 2.5, "比例 | 58%"),
    ("比例５８％", 2.0, "比例 | ５ | ８％"),
    // Hard line breaks are kept; spaces collapse and vanish at line ends.
    ("一\n二", 9.0, "一 | 二"),
    ("a    b", 9.0, "a b"),
    ("  ", 9.0, ""),
    ("", 9.0, ""),
];

#[test]
fn kinsoku_cases() {
    let mut failures = Vec::new();
    for (input, width, want) in CASES {
        let got = break_lines(input, *width, &w).join(" | ");
        if got != *want {
            failures.push(format!("{input:?} @ {width}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Over many widths and a punctuation-heavy text: no line starts with a closing mark or ends
/// with an opening one, no line is wider than allowed, and no character is lost.
#[test]
fn rules_hold_at_every_width() {
    let text = "评估结果：总分52.775分，达到二级（初步数字化）；「设备联网」「能耗管理」需改进。\
                目标《三级》，预计24个月！MES、ERP、APS (advanced planning) 已完成？是。";
    for tenths in 25..400 {
        let width = tenths as f32 / 10.0;
        let lines = break_lines(text, width, &w);
        for (i, line) in lines.iter().enumerate() {
            let first = line.chars().next();
            let last = line.chars().last();
            if i > 0 {
                assert!(
                    !first.is_some_and(is_no_start),
                    "line {i} starts with {first:?} at width {width}: {lines:?}"
                );
            }
            if i + 1 < lines.len() {
                assert!(
                    !last.is_some_and(is_no_end),
                    "line {i} ends with {last:?} at width {width}: {lines:?}"
                );
            }
            // Only closing punctuation may hang past the margin.
            let body = line.trim_end_matches(is_no_start);
            let lw: f32 = body.chars().map(w).sum();
            assert!(lw <= width + 0.01, "line {line:?} is {lw} wide at {width}");
        }
        let rejoined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
        let original: String = text.chars().filter(|c| *c != ' ').collect();
        assert_eq!(rejoined, original, "text changed at width {width}");
    }
}
