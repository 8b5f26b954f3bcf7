//! Shared test support: render to a temp file and ask poppler / qpdf about it.
//!
//! The external tools are required in CI (which installs poppler-utils and qpdf): when `CI` is
//! set a missing tool fails the test; on a developer machine it is skipped with a message.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use zhizhuan_report::{RenderOptions, RenderedPdf, ReportModel, render_pdf};

pub fn options() -> RenderOptions {
    RenderOptions {
        created: chrono::DateTime::parse_from_rfc3339("2025-03-18T10:00:00+08:00").unwrap(),
    }
}

pub fn render(model: &ReportModel) -> RenderedPdf {
    render_pdf(model, &options()).expect("render_pdf")
}

/// Whether `tool` can run; fails under CI when it cannot.
pub fn have(tool: &str) -> bool {
    let ok = Command::new(tool)
        .arg("-v")
        .output()
        .map(|_| true)
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("{tool} is required in CI (install poppler-utils and qpdf)");
        }
        eprintln!("skipping: {tool} is not installed");
    }
    ok
}

/// A PDF written to a temp dir for the command-line tools.
pub struct PdfFile {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn write(pdf: &RenderedPdf) -> PdfFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    PdfFile { _dir: dir, path }
}

fn run(cmd: &str, args: &[&str], path: &Path) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .arg(path)
        .args(if cmd == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Text of the whole document (or of pages `first..=last`), `-layout` off.
pub fn pdftotext(f: &PdfFile, pages: Option<(usize, usize)>) -> String {
    let (first, last);
    let mut args: Vec<&str> = Vec::new();
    if let Some((a, b)) = pages {
        first = a.to_string();
        last = b.to_string();
        args.extend(["-f", first.as_str(), "-l", last.as_str()]);
    }
    let (ok, out) = run("pdftotext", &args, &f.path);
    assert!(ok, "pdftotext failed: {out}");
    out
}

pub fn pdffonts(f: &PdfFile) -> String {
    let (ok, out) = run("pdffonts", &[], &f.path);
    assert!(ok, "pdffonts failed: {out}");
    out
}

pub fn pdfinfo(f: &PdfFile) -> String {
    let (ok, out) = run("pdfinfo", &[], &f.path);
    assert!(ok, "pdfinfo failed: {out}");
    out
}

/// Runs `qpdf --check` and fails the test with its output unless it passes.
pub fn qpdf_check(f: &PdfFile) {
    let (ok, out) = run("qpdf", &["--check"], &f.path);
    assert!(ok, "qpdf --check failed:\n{out}");
}

/// Every font is embedded and subset (`ABCDEF+Name`), and there is at least one.
pub fn assert_fonts_embedded_and_subset(f: &PdfFile) {
    let listing = pdffonts(f);
    let rows: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let (tag, base) = name.split_once('+').unwrap_or(("", name));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "font {name} has no subset tag:\n{listing}"
        );
        assert!(base.starts_with("NotoSansSC"), "unexpected font {name}");
        // Columns from the right: object id (2), uni, sub, emb.
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 4]),
            ("yes", "yes"),
            "font {name} not embedded+subset:\n{listing}"
        );
    }
}
