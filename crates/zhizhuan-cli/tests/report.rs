//! `zhizhuan report` and `zhizhuan plan` end to end: the sample PDF's text read back with
//! `pdftotext`, and failures on unwritable output paths.

use std::path::Path;
use std::process::Command;

const SAMPLE_ENTERPRISE: &str = "常州市喆堃精密机械有限公司";

fn zhizhuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
}

/// The PDF's text, or `None` when pdftotext is not installed (a failure under CI).
fn pdf_text(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(o) => {
            assert!(
                o.status.success(),
                "pdftotext failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            Some(String::from_utf8(o.stdout).expect("pdftotext -enc UTF-8 prints UTF-8"))
        }
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext is required in CI: {e}"
            );
            eprintln!("pdftotext not found ({e}); skipping the text check");
            None
        }
    }
}

#[test]
fn sample_report_runs_from_any_directory_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.pdf");
    let o = zhizhuan()
        .current_dir(dir.path())
        .args(["report", "--sample", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    // No temp file is left beside the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("sample.pdf")]);
    if let Some(text) = pdf_text(&out) {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains(SAMPLE_ENTERPRISE),
            "enterprise name missing:\n{text}"
        );
        // The sample scores 61.475 of 100 points: level 三级 by the MIIT 2024 rule.
        assert!(squeezed.contains("三级"), "level missing:\n{text}");
        assert!(squeezed.contains("61.475"), "score missing:\n{text}");
    }
}

#[test]
fn unwritable_output_fails_cleanly_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file used as a directory: unwritable even for root.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let out = blocker.join("sample.pdf");
    let o = zhizhuan()
        .args(["report", "--sample", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("无法写入") && err.contains("sample.pdf"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn plan_writes_a_workbook_and_rejects_unknown_targets() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers/miit/m09-level3-sixty-one.json");
    let out = dir.path().join("plan.xlsx");
    let o = zhizhuan()
        .args(["plan", "--target", "4", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        std::fs::read(&out).unwrap().starts_with(b"PK"),
        "not a zip/xlsx"
    );

    let o = zhizhuan()
        .args(["plan", "--target", "九级", "--answers"])
        .arg(&answers)
        .arg("--out")
        .arg(dir.path().join("bad.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("bad.xlsx").exists());
}
