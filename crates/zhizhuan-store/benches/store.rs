//! Store benchmarks: answer save round trip (p50/p99 with `synchronous=FULL`), the portfolio
//! listing over 10,000 scored assessments, the enterprise list over the same 1,000 enterprises,
//! and bundle export / import with 50 MB of evidence.
//!
//! Run: `cargo bench -p zhizhuan-store --bench store` (the p50/p99 line is printed first).
//! The database lives in the system temp folder; put TMPDIR on the disk you care about, since
//! the save time is dominated by that disk's fsync.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group};
use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;
use zhizhuan_store::assessment::NewAssessment;
use zhizhuan_store::bundle::{BundleScope, OnExisting};

fn store_with_draft(dir: &std::path::Path) -> (Store, i64) {
    let s = Store::open(&dir.join("zhizhuan.db")).unwrap();
    let e = s
        .create_enterprise(
            &EnterpriseInput {
                name: "常州市喆堃精密机械有限公司".into(),
                credit_code: "914403001922038216".into(),
                province: "320000".into(),
                city: "常州市".into(),
                district: "武进区".into(),
                industry: "C34".into(),
                size: "small".into(),
            },
            "2026-01-05T10:00:00Z",
        )
        .unwrap();
    let new = NewAssessment {
        enterprise_id: e.id,
        framework_id: "miit-2024".into(),
        framework_version: "2024".into(),
        ..Default::default()
    };
    let a = s
        .create_assessment(&new, "2026-01-05T10:00:00Z")
        .unwrap()
        .id;
    (s, a)
}

fn answer(i: u64) -> AnswerValue {
    AnswerValue::Options(vec![format!("opt-{}", i % 7), "control-net".into()])
}

/// Individually timed saves, for the percentiles criterion does not report.
fn print_save_percentiles() {
    let dir = tempfile::tempdir().unwrap();
    let (s, a) = store_with_draft(dir.path());
    let mut times: Vec<Duration> = (0..2000u64)
        .map(|i| {
            let t = Instant::now();
            s.set_answer(
                a,
                &format!("item.{:03}", i % 120),
                Some(&answer(i)),
                "",
                "王工",
                "2026-01-01T00:00:00Z",
            )
            .unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    println!(
        "answer save round trip (synchronous=FULL, {} saves): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        pct(50).as_secs_f64() * 1e3,
        pct(99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

fn answer_save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (s, a) = store_with_draft(dir.path());
    let mut i = 0u64;
    c.bench_function("answer_save_full_sync", |b| {
        b.iter(|| {
            i += 1;
            s.set_answer(
                a,
                &format!("item.{:03}", i % 120),
                Some(&answer(i)),
                "",
                "王工",
                "2026-01-05T10:00:00Z",
            )
            .unwrap()
        })
    });
}

fn portfolio(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhizhuan.db");
    drop(Store::open(&path).unwrap());
    {
        // Bulk fixture through SQL in one transaction: 10,000 API calls with FULL sync each
        // would take minutes and measure nothing of interest here.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for e in 0..1000 {
            tx.execute(
                "INSERT INTO enterprise (name, credit_code, province, city, district, industry, size, created_at, updated_at)
                 VALUES (?1, ?2, '320000', '苏州市', '', 'C34', 'small', 't', 't')",
                (format!("企业{e:04}"), format!("91320500{e:010}")),
            )
            .unwrap();
            let eid = tx.last_insert_rowid();
            for k in 0..10 {
                tx.execute(
                    "INSERT INTO assessment (uid, enterprise_id, framework_id, framework_version, created_at, updated_at, score, level)
                     VALUES (?1, ?2, 'miit-2024', '2024', 't', ?3, ?4, '二级')",
                    (format!("u{e}-{k}"), eid, format!("2026-01-{:02}T00:00:00Z", k + 1), format!("{}.{}", 40 + k * 3, e % 10)),
                )
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.portfolio().unwrap().len(), 10_000);
    c.bench_function("portfolio_10k_assessments", |b| {
        b.iter(|| black_box(s.portfolio().unwrap()))
    });
    // The enterprise list the app opens with: each of the 1,000 enterprises with its latest
    // of 10 assessments.
    assert_eq!(s.enterprise_overview().unwrap().len(), 1000);
    c.bench_function("enterprise_list_1k_enterprises_10k_assessments", |b| {
        b.iter(|| black_box(s.enterprise_overview().unwrap()))
    });
}

fn bundles(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (s, a) = store_with_draft(dir.path());
    // Imports check every assessment against its framework: real items only.
    let registry = zhizhuan_core::framework::Registry::builtin().unwrap();
    // 50 attachments of 1 MiB of incompressible bytes = 50 MiB of evidence.
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for n in 0..50 {
        let bytes: Vec<u8> = (0..1024 * 1024)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        s.attach_evidence(
            a,
            "jichu.info-sys",
            &format!("photo-{n}.jpg"),
            "image/jpeg",
            &mut bytes.as_slice(),
            "王工",
            "2026-01-05T10:00:00Z",
        )
        .unwrap();
        s.set_answer(
            a,
            "jingying.design",
            Some(&AnswerValue::Level(n % 3)),
            "",
            "王工",
            "2026-01-05T10:00:00Z",
        )
        .unwrap();
    }
    let out = dir.path().join("bundle.zip");
    let mut group = c.benchmark_group("bundle_50mb");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("export", |b| {
        b.iter(|| {
            s.export_bundle(BundleScope::Assessment(a), &out, "2026-01-05T10:00:00Z")
                .unwrap()
        })
    });
    group.bench_function("import_into_empty_store", |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                let s = Store::open(&d.path().join("zhizhuan.db")).unwrap();
                (d, s)
            },
            |(d, s)| {
                s.import_bundle(&out, OnExisting::Refuse, &registry)
                    .unwrap();
                (d, s)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, answer_save, portfolio, bundles);

fn main() {
    print_save_percentiles();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
