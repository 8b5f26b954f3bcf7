//! Rendering a full-size report (the sample with a long appendix, ≈ 20 pages).
//!
//! `CARGO_TARGET_DIR=… cargo bench -p zhizhuan-report --bench render`
//! Prints the page count and PDF size once; criterion reports the time per render (fonts are
//! parsed once per process, before measuring — the first render in a process pays ≈ 0.1 s
//! more for that, see the `render_sample` example).

use criterion::{Criterion, criterion_group, criterion_main};
use zhizhuan_report::model::{Block, Cell, Column, Row, Table};
use zhizhuan_report::{Lang, RenderOptions, ReportModel, render_pdf, render_xlsx, sample};

/// The sample plus a realistic appendix: 120 answer rows with evidence notes.
fn full_size() -> ReportModel {
    let mut model = sample::sample_report(Lang::Zh);
    let mut table = Table::new(vec![
        Column::new("题目", 3),
        Column::new("答案", 4),
        Column::new("佐证说明", 4),
    ])
    .captioned("表 6　补充填报记录");
    for i in 0..120 {
        table.push(Row::new(vec![
            Cell::from(format!("补充题目 {i}：设备与系统情况")),
            Cell::from("已部署并在生产中使用，覆盖主要车间与工序"),
            Cell::from(format!("附件 {}：系统截图、台账及现场核查记录", i % 17 + 1)),
        ]));
    }
    let appendix = model
        .sections
        .iter_mut()
        .find(|s| s.kind == zhizhuan_report::model::SectionKind::Appendix)
        .expect("sample has an appendix");
    appendix.blocks.push(Block::Table(table));
    model
}

fn bench(c: &mut Criterion) {
    let model = full_size();
    let options = RenderOptions {
        created: chrono::DateTime::parse_from_rfc3339("2025-03-18T10:00:00+08:00").unwrap(),
    };
    let first = render_pdf(&model, &options).unwrap();
    println!(
        "full-size report: {} pages, {} KB ({} bytes)",
        first.pages,
        first.bytes.len() / 1024,
        first.bytes.len()
    );
    c.bench_function("render_pdf full-size report", |b| {
        b.iter(|| render_pdf(std::hint::black_box(&model), &options).unwrap())
    });
    let plan = sample::sample_action_plan(Lang::Zh);
    c.bench_function("render_xlsx sample action plan", |b| {
        b.iter(|| render_xlsx(std::hint::black_box(&plan)).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
