//! Full MIIT 2024 and CMMM reports, generated as the app and the CLI generate them
//! (`assessment_report` + `render_pdf`: scoring, roadmap, model, layout, subset fonts), with an
//! evidence note on every item and a list of attachments, plus the xlsx action plan and the
//! Word edition of the report.
//!
//! `cargo bench -p zhizhuan-report --bench render`
//! Prints each report's page count and PDF size once; criterion reports the time per report
//! (fonts are parsed once per process, before measuring — the first report in a process pays
//! for that once).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::framework::{self, Framework};
use zhizhuan_report::{
    Attachment, Evidence, Lang, RenderOptions, ReportEnterprise, StoredAssessment, assessment_plan,
    assessment_report, render_docx, render_pdf, render_xlsx,
};

const MIIT: &str = include_str!("../../../assessments/samples/miit-sample.json");
const CMMM: &str = include_str!("../../../tests/data/answers/cmmm/c01-level2-discrete.json");

/// A fully documented assessment: a note on every item, one attachment per indicator.
fn stored(answers: &str) -> (Framework, StoredAssessment) {
    let answers = AnswersFile::from_json(answers).unwrap();
    let fw = framework::load_builtin(&answers.framework).unwrap();
    let items: Vec<String> = fw.items().map(|l| l.item.id.clone()).collect();
    let evidence = Evidence {
        notes: items
            .iter()
            .map(|id| {
                (
                    id.clone(),
                    "现场核查系统界面与台账，抽查近三个月记录；负责人已签字确认。".to_string(),
                )
            })
            .collect(),
        attachments: items
            .iter()
            .step_by(3)
            .enumerate()
            .map(|(i, id)| Attachment {
                item: id.clone(),
                name: format!("佐证材料-{i:02}-系统截图与台账.pdf"),
                size: 150_000 + 7_919 * i as u64,
                sha256: format!("{:064x}", i * 2_654_435_761),
                added_at: "2025-03-17T09:30:00+08:00".into(),
            })
            .collect(),
    };
    let enterprise = ReportEnterprise {
        name: "常州市喆堃精密机械有限公司".into(),
        credit_code: "91320412MA1QXK7P3T".into(),
        industry: "C34 通用设备制造业".into(),
        region: "江苏省常州市武进区".into(),
        assessor: "陈镕昇".into(),
        assessment_date: "2025年3月18日".into(),
        ..ReportEnterprise::default()
    };
    (
        fw,
        StoredAssessment {
            answers,
            enterprise,
            evidence,
            edits: Vec::new(),
            plan_start: chrono::NaiveDate::default(),
            max_parallel: 3,
        },
    )
}

fn bench(c: &mut Criterion) {
    let options = RenderOptions {
        created: chrono::DateTime::parse_from_rfc3339("2025-03-18T10:00:00+08:00").unwrap(),
    };
    for (name, answers) in [("miit-2024", MIIT), ("cmmm-2020", CMMM)] {
        let (fw, input) = stored(answers);
        let report = || {
            let built = assessment_report(&fw, &input, None, Lang::Zh).unwrap();
            render_pdf(&built.model, &options).unwrap()
        };
        let first = report();
        println!(
            "{name} full report: {} pages, {} KB ({} bytes), {} warnings",
            first.pages,
            first.bytes.len() / 1024,
            first.bytes.len(),
            first.warnings.len()
        );
        c.bench_function(
            &format!("report {name} (score + roadmap + model + pdf)"),
            |b| b.iter(|| std::hint::black_box(report())),
        );
        // The Word edition of the same model (goal: ≤ 200 ms, ≤ 1 MB).
        let model = assessment_report(&fw, &input, None, Lang::Zh)
            .unwrap()
            .model;
        let docx = render_docx(&model, &options).unwrap();
        println!(
            "{name} docx: {} KB ({} bytes)",
            docx.len() / 1024,
            docx.len()
        );
        c.bench_function(&format!("docx {name} (model → docx)"), |b| {
            b.iter(|| render_docx(std::hint::black_box(&model), &options).unwrap())
        });
        let start = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
        let plan = assessment_plan(&fw, &input, None, Lang::Zh, start).unwrap();
        c.bench_function(&format!("plan {name} (xlsx)"), |b| {
            b.iter(|| render_xlsx(std::hint::black_box(&plan)).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
