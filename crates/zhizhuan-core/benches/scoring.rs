//! Scoring, explanation and roadmap timings.
//!
//! `cargo bench -p zhizhuan-core --bench scoring`
//! Goals: score + roadmap from an empty assessment to the top level of the largest framework
//! p95 ≤ 50 ms (criterion reports the mean and its spread; the script in BENCHMARKS.md reads
//! the p95 from `target/criterion/*/new/sample.json`); scoring 10,000 stored-shape assessments
//! ≤ 1 s.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use zhizhuan_core::answer::{AnswerValue, AnswersFile};
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::{self, Framework};
use zhizhuan_core::{roadmap, score};

fn example(rel: &str) -> AnswersFile {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers")
        .join(rel);
    AnswersFile::from_json(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn fw(id: &str) -> Framework {
    framework::load_builtin(id).unwrap()
}

/// 10,000 MIIT answer sets as they come out of the store: the worked examples with the
/// scenario rungs and one band varied per copy.
fn stored(miit: &Framework) -> Vec<AnswersFile> {
    let seeds = [
        "miit/m01-exact-40-level2.json",
        "miit/m07-full-marks-level4.json",
        "miit/m09-level3-sixty-one.json",
        "miit/m12-partial-provisional.json",
    ]
    .map(example);
    let ladders: Vec<String> = miit.scenarios().map(|i| i.id.clone()).collect();
    (0..10_000)
        .map(|n: usize| {
            let mut a = seeds[n % seeds.len()].clone();
            let l = &ladders[n % ladders.len()];
            a.answers
                .insert(l.clone(), AnswerValue::Level((n % 5) as u8));
            if let Some(AnswerValue::Numbers(m)) = a.answers.get_mut("jichu.equip-net") {
                m.insert("networked".into(), Decimal::from_int((n % 101) as i64));
                m.insert("total".into(), Decimal::from_int(100));
            }
            a
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let frameworks = [fw("miit-2024"), fw("cmmm-2020"), fw("lianghua-23020")];
    plans(c, &frameworks);
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    let all = stored(&frameworks[0]);
    g.bench_function("miit: score 10,000 stored assessments", |b| {
        b.iter(|| {
            let mut levels = 0_u32;
            for a in &all {
                levels += u32::from(score::score(&frameworks[0], a).unwrap().level.rank);
            }
            black_box(levels)
        })
    });
    g.finish();
}

/// Score and roadmap, checked once as the report does: first the goal, from nothing to
/// the top level (the largest plans there are), then worked examples to level 3.
fn plans(c: &mut Criterion, [miit, cmmm, lianghua]: &[Framework; 3]) {
    let cases = [
        (
            miit,
            "miit/m06-empty.json",
            4,
            "miit: score + roadmap, empty → 四级",
        ),
        (
            cmmm,
            "cmmm/c05-empty.json",
            5,
            "cmmm: score + roadmap, empty → 五级",
        ),
        (
            lianghua,
            "lianghua/l04-empty.json",
            4,
            "lianghua: score + roadmap, empty → 创新突破",
        ),
        (
            miit,
            "miit/m02-exact-40-five-scenarios.json",
            3,
            "miit: score + explanation + roadmap to 三级",
        ),
        (
            cmmm,
            "cmmm/c03-level1-boundary.json",
            3,
            "cmmm: score + explanation + roadmap to 三级",
        ),
        (
            lianghua,
            "lianghua/l01-single-coverage-kpis.json",
            3,
            "lianghua: score + explanation + roadmap to 集成提升",
        ),
    ];
    for (f, file, target, name) in cases {
        let answers = example(file);
        c.bench_function(name, |b| {
            b.iter(|| {
                let checked = score::check(f, black_box(&answers)).unwrap();
                black_box((checked.score(), checked.roadmap(target).unwrap()))
            })
        });
    }
    // the app's results page: two commands, each checking the stored answers
    let cm = example("cmmm/c03-level1-boundary.json");
    c.bench_function("cmmm: score, then roadmap from a second check", |b| {
        b.iter(|| {
            let s = score::score(cmmm, black_box(&cm)).unwrap();
            let r = roadmap::roadmap(cmmm, black_box(&cm), 3).unwrap();
            black_box((s, r))
        })
    });
}

criterion_group!(scoring, benches);
criterion_main!(scoring);
