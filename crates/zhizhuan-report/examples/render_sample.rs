//! Renders the sample report and action plan to files and prints size, time and peak memory.
//!
//! `cargo run --release -p zhizhuan-report --example render_sample -- OUT_DIR [zh|en]`
//! Peak memory is the process high-water mark (VmHWM from /proc/self/status, Linux only).

use std::time::Instant;

use zhizhuan_report::{Lang, RenderOptions, render_docx, render_pdf, render_xlsx, sample};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let lang = match args.next().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let created = chrono::DateTime::parse_from_rfc3339("2025-03-18T10:00:00+08:00").unwrap();
    let model = sample::sample_report(lang);
    let t = Instant::now();
    let pdf = render_pdf(&model, &RenderOptions { created }).expect("render");
    let first = t.elapsed();
    let t = Instant::now();
    let again = render_pdf(&model, &RenderOptions { created }).expect("render");
    let warm = t.elapsed();
    assert_eq!(pdf.pages, again.pages);
    let t = Instant::now();
    let docx = render_docx(&model, &RenderOptions { created }).expect("docx");
    let docx_time = t.elapsed();
    let xlsx = render_xlsx(&sample::sample_action_plan(lang)).expect("xlsx");
    let tag = if lang == Lang::En { "en" } else { "zh" };
    std::fs::write(out.join(format!("sample-{tag}.pdf")), &pdf.bytes).unwrap();
    std::fs::write(out.join(format!("sample-{tag}.xlsx")), &xlsx).unwrap();
    std::fs::write(out.join(format!("sample-{tag}.docx")), &docx).unwrap();
    println!("docx {} KB · render {:?}", docx.len() / 1024, docx_time);
    println!(
        "pages {} · size {} KB · first render (incl. font parse) {:?} · warm render {:?} · warnings {}",
        pdf.pages,
        pdf.bytes.len() / 1024,
        first,
        warm,
        pdf.warnings.len()
    );
    for w in &pdf.warnings {
        println!("warning: {w}");
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("{line}");
        }
    }
}
