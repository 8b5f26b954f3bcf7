use super::*;

/// The small complete framework of `assessments/README.md`, the one the docs walk through.
fn readme_example() -> &'static str {
    let readme = include_str!("../../../../assessments/README.md");
    let start = readme.find("## Small complete example").unwrap();
    let body = &readme[start..];
    let b = body.find("```toml\n").unwrap() + "```toml\n".len();
    let e = body[b..].find("```").unwrap();
    &body[b..b + e]
}

#[test]
fn readme_example_loads() {
    let example = readme_example();
    let fw = load("README.md", example).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fw.total_points().unwrap().to_string(), "10");
}

#[test]
fn every_shipped_file_loads() {
    for (file, text) in builtin() {
        if let Err(e) = load(file, text) {
            panic!("{e}");
        }
    }
}

fn miit() -> Framework {
    let (file, text) = builtin()
        .into_iter()
        .find(|(f, _)| f.ends_with("miit-2024.toml"))
        .unwrap();
    load(file, text).unwrap_or_else(|e| panic!("{e}"))
}

fn d(s: &str) -> crate::decimal::Decimal {
    s.parse().unwrap()
}

/// The acceptance figures, computed from the loaded data rather than from declared totals.
#[test]
fn miit_2024_totals_100_points_with_16_scenarios() {
    let fw = miit();
    // The most each item can score, from its options or bands (not from its `points` key).
    let max_of = |item: &Item| match &item.kind {
        ItemKind::Single { options, .. } => options.iter().map(|o| o.points).max().unwrap(),
        ItemKind::Multiple { options, cap } => {
            let sum: crate::decimal::Decimal = options.iter().map(|o| o.points).sum();
            sum.min(*cap)
        }
        ItemKind::Band { bands, .. } => bands.iter().map(|b| b.points).max().unwrap(),
        _ => crate::decimal::Decimal::ZERO,
    };
    let per_dimension: Vec<(String, String)> = fw
        .dimensions
        .iter()
        .map(|dim| {
            let sum: crate::decimal::Decimal = dim
                .indicators
                .iter()
                .flat_map(|n| &n.items)
                .map(max_of)
                .sum();
            (dim.title.zh.clone(), sum.to_string())
        })
        .collect();
    let expected = [
        ("数字化基础", "50"),
        ("数字化经营", "0"),
        ("数字化管理", "30"),
        ("数字化成效", "20"),
    ];
    assert_eq!(
        per_dimension,
        expected.map(|(a, b)| (a.to_owned(), b.to_owned())).to_vec()
    );
    let total: crate::decimal::Decimal = fw.items().map(|l| max_of(l.item)).sum();
    assert_eq!(total, crate::decimal::Decimal::from_int(100));
    assert_eq!(fw.total_points(), Some(total));

    let scenarios: Vec<&Item> = fw.scenarios().collect();
    assert_eq!(scenarios.len(), 16);
    for s in &scenarios {
        let ItemKind::Ladder { rungs, .. } = &s.kind else {
            unreachable!()
        };
        assert_eq!(rungs.len(), 4, "{}", s.id);
    }
    let constraint: Vec<&str> = scenarios
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                ItemKind::Ladder {
                    constraint: true,
                    ..
                }
            )
        })
        .map(|s| s.title.zh.as_str())
        .collect();
    assert_eq!(
        constraint,
        [
            "产品设计",
            "营销管理",
            "生产管控",
            "质量管理",
            "设备管理",
            "安全生产",
            "能耗管理",
            "采购管理",
            "仓储物流",
            "财务管理"
        ]
    );
}

#[test]
fn miit_2024_exact_option_points() {
    let fw = miit();
    let points = |id: &str| -> Vec<String> {
        fw.item(id)
            .unwrap()
            .options()
            .iter()
            .map(|o| o.points.to_string())
            .collect()
    };
    assert_eq!(
        points("jichu.data-capture")
            .iter()
            .filter(|p| *p == "0.7")
            .count(),
        13
    );
    assert_eq!(
        points("jichu.data-capture")
            .iter()
            .filter(|p| *p == "0.9")
            .count(),
        1
    );
    assert_eq!(
        points("guanli.mechanism"),
        ["0", "1.875", "1.875", "1.875", "1.875"]
    );
    assert_eq!(points("jichu.info-sys"), ["0", "2.5", "5", "7.5", "10"]);
    assert_eq!(
        points("guanli.plan-exec"),
        ["0", "1.5", "3", "4.5", "6", "7.5"]
    );
    let ItemKind::Band { bands, ratio, .. } = &fw.item("guanli.funding").unwrap().kind else {
        panic!("band expected")
    };
    assert_eq!(
        bands
            .iter()
            .map(|b| b.points.to_string())
            .collect::<Vec<_>>(),
        ["0", "1.875", "3.75", "5.625", "7.5"]
    );
    assert!(ratio.percent);
    // 「无」 is exclusive and worth nothing in every multiple-choice item, and the published
    // option points add up exactly to the item's cap (the loader only requires "at least").
    for l in fw.items() {
        if let ItemKind::Multiple { options, cap } = &l.item.kind {
            let sum: crate::decimal::Decimal = options.iter().map(|o| o.points).sum();
            assert_eq!(sum, *cap, "{}", l.item.id);
            let none = options.iter().find(|o| o.exclusive).unwrap();
            assert_eq!(
                (none.id.as_str(), none.points),
                ("none", crate::decimal::Decimal::ZERO)
            );
        }
    }
}

#[test]
fn miit_2024_level_rule_is_declared_data() {
    let fw = miit();
    let rule: Vec<String> = fw
        .levels
        .iter()
        .map(|l| {
            let rules: Vec<String> = l
                .scenario_rules
                .iter()
                .map(|r| format!("{}x>={}:{:?}", r.min_count, r.min_level, r.among))
                .collect();
            format!("{} >={} {}", l.name.zh, l.min_score, rules.join(" "))
        })
        .collect();
    assert_eq!(
        rule,
        [
            "一级 >=20 6x>=1:All 3x>=1:Constraint",
            "二级 >=40 6x>=2:All 3x>=2:Constraint",
            "三级 >=60 8x>=3:All 5x>=3:Constraint",
            "四级 >=80 10x>=4:All 6x>=4:Constraint",
        ]
    );
    assert_eq!(fw.scoring.below_level.zh, "未达一级");
    // The open points stay visible.
    let notes: Vec<&str> = fw.notes.iter().map(|n| n.id.as_str()).collect();
    for id in [
        "level-rule",
        "constraint-list",
        "plan-exec-top",
        "funding-bands",
        "network-4th",
    ] {
        assert!(notes.contains(&id), "{id}");
    }
    assert_eq!(fw.notes_about("guanli.plan-exec").count(), 1);
}

#[test]
fn miit_2024_actions_cover_every_scored_item_and_rung() {
    let fw = miit();
    for l in fw.items() {
        let item = l.item;
        let planned = !item.actions.is_empty() || (item.outcome && !item.effects.is_empty());
        assert!(planned, "{}", item.id);
        if let ItemKind::Ladder { rungs, .. } = &item.kind {
            for r in rungs {
                assert!(
                    item.actions
                        .iter()
                        .any(|a| a.reaches == Reaches::Level(r.level))
                );
            }
        }
        for a in &item.actions {
            assert!(
                a.cost_wan.min <= a.cost_wan.max && a.months.min >= 1,
                "{}",
                a.id
            );
            for p in &a.prerequisites {
                assert!(fw.action(p).is_some(), "{} → {p}", a.id);
            }
        }
    }
    assert!(fw.actions().count() > 100);
}

#[test]
fn band_membership_is_exact_at_the_edges() {
    let fw = miit();
    let ItemKind::Band { bands, .. } = &fw.item("jichu.equip-dig").unwrap().kind else {
        panic!()
    };
    let band_of = |num: &str, den: &str| -> Vec<&str> {
        bands
            .iter()
            .filter(|b| b.contains(d(num), d(den), true))
            .map(|b| b.id.as_str())
            .collect()
    };
    assert_eq!(band_of("0", "7"), ["b0"]);
    assert_eq!(band_of("1", "10"), ["b0"]); // exactly 10 % is in [0, 10]
    assert_eq!(band_of("11", "100"), ["b1"]);
    assert_eq!(band_of("2", "5"), ["b2"]); // exactly 40 % is in (20, 40]
    assert_eq!(band_of("3", "3"), ["b4"]);
    assert_eq!(band_of("4", "3"), Vec::<&str>::new()); // above 100 %: no band
}

#[test]
fn floats_are_read_from_their_text() {
    // 0.1 + 0.2 is not 0.3 in binary floating point; here the sum must be exact.
    let example = readme_example();
    let text = example
        .replace("total = 10\n", "total = 0.3\n")
        .replace(
            "id = \"base\"\ntitle = { zh = \"基础\", en = \"Foundations\" }\npoints = 10",
            "id = \"base\"\ntitle = { zh = \"基础\", en = \"Foundations\" }\npoints = 0.3",
        )
        .replace(
            "title = { zh = \"信息系统\", en = \"Information systems\" }\npoints = 10",
            "title = { zh = \"信息系统\", en = \"Information systems\" }\npoints = 0.3",
        )
        .replace(
            "points = 10\n\n[[items.options]]\nid = \"no\"",
            "points = 0.3\n\n[[items.options]]\nid = \"no\"",
        )
        .replace(
            "label = { zh = \"已使用\", en = \"In use\" }\npoints = 10",
            "label = { zh = \"已使用\", en = \"In use\" }\npoints = 0.3",
        )
        .replace("min_score = 5", "min_score = 0.1");
    let fw = load("f.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fw.total_points(), Some(d("0.3")));
    let err = load(
        "f.toml",
        &text.replace("min_score = 0.1", "min_score = 1e-1"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("levels[0].min_score: expected a decimal"),
        "{err}"
    );
}

/// A multiple-choice answer is a 128-bit set: 128 options load, a 129th is refused where it
/// stands (before, an answer ticking it was refused as an unknown option).
#[test]
fn a_multiple_choice_item_has_at_most_128_options() {
    let example = readme_example();
    let with_options = |n: usize| {
        let extra: String = (2..n)
            .map(|i| format!("[[items.options]]\nid = \"o{i}\"\nlabel = {{ zh = \"选项{i}\", en = \"Option {i}\" }}\npoints = 0\n"))
            .collect();
        example
            .replacen("kind = \"single\"", "kind = \"multiple\"", 1)
            .replacen(
                "\n[[items.actions]]\nid = \"act.erp\"",
                &format!("{extra}\n[[items.actions]]\nid = \"act.erp\""),
                1,
            )
    };
    let fw = load("f.toml", &with_options(128)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fw.dimensions[0].indicators[0].items[0].options().len(), 128);
    let err = load("f.toml", &with_options(129)).unwrap_err().to_string();
    assert!(
        err.contains("items[0].options[128]: expected at most 128 options in a multiple-choice item, found 129"),
        "{err}"
    );
}

fn malformed_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assessments/malformed")
}

/// Every file in `assessments/malformed/` is rejected, each error located; the messages are
/// snapshotted so a change in wording or location is seen in review.
#[test]
fn malformed_definitions_are_rejected_with_located_messages() {
    let mut files: Vec<_> = std::fs::read_dir(malformed_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "only {} malformed files", files.len());
    let mut snapshot = String::new();
    for path in files {
        let name = format!("malformed/{}", path.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&path).unwrap();
        let errors = match load(&name, &text) {
            Ok(_) => panic!("{name} loaded, but it is meant to be malformed"),
            Err(e) => e,
        };
        for e in &errors.0 {
            let prefix = format!("{name}:{}:{}: ", e.line, e.column);
            assert!(e.to_string().starts_with(&prefix), "{e}");
            assert!(!e.field.is_empty() && !e.message.is_empty(), "{e}");
        }
        snapshot.push_str(&format!("{errors}\n"));
    }
    expect_test::expect_file!["malformed.expected"].assert_eq(&snapshot);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Applies one edit at a char boundary: delete a range, insert text, or cut the file.
    fn mutate(text: &str, at: usize, len: usize, insert: &str, op: u8) -> String {
        let chars: Vec<char> = text.chars().collect();
        let at = at % (chars.len() + 1);
        let end = (at + len).min(chars.len());
        let (head, tail): (String, String) =
            (chars[..at].iter().collect(), chars[end..].iter().collect());
        match op % 3 {
            0 => format!("{head}{tail}"),
            1 => format!("{head}{insert}{}", chars[at..].iter().collect::<String>()),
            _ => head,
        }
    }

    proptest! {
        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = load("x.toml", &text);
        }

        #[test]
        fn on_mutations_of_a_valid_file(
            at in 0usize..10_000,
            len in 0usize..40,
            insert in "[\\[\\]{}=\",.0-9a-z_\\n 中-]{0,12}",
            op in any::<u8>(),
        ) {
            let text = mutate(readme_example(), at, len, &insert, op);
            if let Err(errors) = load("x.toml", &text) {
                // Every error is located inside the text.
                let lines = text.lines().count().max(1);
                for e in &errors.0 {
                    prop_assert!(e.line >= 1 && e.line <= lines + 1, "{}", e);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn on_mutations_of_miit(
            at in 0usize..200_000,
            len in 0usize..60,
            insert in "[\\[\\]{}=\",.0-9a-z_\\n 中-]{0,12}",
            op in any::<u8>(),
        ) {
            let (_, miit) = builtin()[0];
            let _ = load("x.toml", &mutate(miit, at, len, &insert, op));
        }
    }
}

fn shipped(name: &str) -> Framework {
    let (file, text) = builtin()
        .into_iter()
        .find(|(f, _)| f.ends_with(name))
        .unwrap();
    load(file, text).unwrap_or_else(|e| panic!("{e}"))
}

/// GB/T 39116-2020: 4 elements, 12 domains, 20 sub-domains, 5 levels, and every sub-domain has
/// requirements at every level for both the discrete and the process variant.
#[test]
fn cmmm_2020_has_20_sub_domains_by_5_levels() {
    use crate::framework::model::ItemKind;
    let fw = shipped("cmmm-2020.toml");
    assert_eq!(fw.levels.len(), 5);
    assert_eq!(fw.dimensions.len(), 4, "能力要素");
    let domains: usize = fw.dimensions.iter().map(|d| d.indicators.len()).sum();
    assert_eq!(domains, 12, "能力域");
    let subs: Vec<_> = fw
        .dimensions
        .iter()
        .flat_map(|d| &d.indicators)
        .flat_map(|i| &i.items)
        .collect();
    assert_eq!(subs.len(), 20, "能力子域");
    let variants: Vec<&str> = fw.variants.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(variants.len(), 2, "discrete and process: {variants:?}");
    for sub in subs {
        let ItemKind::Requirements { requirements } = &sub.kind else {
            panic!("{} is not a requirements item", sub.id)
        };
        for variant in &variants {
            for level in 1..=5u8 {
                let n = requirements
                    .iter()
                    .filter(|r| r.level == level)
                    .filter(|r| r.variants.is_empty() || r.variants.iter().any(|v| v == variant))
                    .count();
                assert!(
                    n >= 1,
                    "{} has no {variant} requirement at level {level}",
                    sub.id
                );
            }
        }
    }
    assert!(
        fw.scoring.estimate,
        "the CMMM method is not public: it must be labelled an estimate"
    );
}

/// GB/T 23020-2013: six assessment aspects.
#[test]
fn lianghua_23020_has_six_aspects() {
    let fw = shipped("lianghua-23020.toml");
    let aspects: Vec<&str> = fw.dimensions.iter().map(|d| d.title.zh.as_str()).collect();
    assert_eq!(aspects.len(), 6, "{aspects:?}");
    for name in ["基础建设", "单项应用", "综合集成", "协同与创新", "竞争力"] {
        assert!(
            aspects.iter().any(|a| a.contains(name)),
            "{name} missing from {aspects:?}"
        );
    }
}

#[test]
fn content_hash_identifies_the_exact_text() {
    let (file, text) = super::builtin()[0];
    let a = super::load(file, text).unwrap();
    assert_eq!(a.content_hash.len(), 64);
    assert!(a.content_hash.bytes().all(|b| b.is_ascii_hexdigit()));
    // the same text hashes the same; a comment added changes the hash, not the framework
    assert_eq!(
        super::load(file, text).unwrap().content_hash,
        a.content_hash
    );
    let edited = format!("{text}\n# a comment\n");
    let b = super::load(file, &edited).unwrap();
    assert_ne!(b.content_hash, a.content_hash);
    assert_eq!(b.levels, a.levels);
}
