//! `zhizhuan frameworks …` against the shipped and the malformed definition files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn zhizhuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
}

fn assessments() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assessments")
}

#[test]
fn validate_accepts_every_shipped_file() {
    let files: Vec<PathBuf> = ["miit-2024.toml", "cmmm-2020.toml", "lianghua-23020.toml"]
        .iter()
        .map(|f| assessments().join(f))
        .collect();
    let out = zhizhuan()
        .args(["frameworks", "validate"])
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("OK ")).count(),
        3,
        "{stdout}"
    );
    assert!(stdout.contains("miit-2024 2024"), "{stdout}");
}

#[test]
fn validate_rejects_each_malformed_file_with_a_located_error() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(assessments().join("malformed"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 15);
    for file in files {
        let out = zhizhuan()
            .args(["frameworks", "validate"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", file.display());
        assert!(out.stdout.is_empty(), "{}", file.display());
        // `path:line:column: field: message`
        let prefix = format!("{}:", file.display());
        let first = stderr.lines().next().unwrap_or("");
        let rest = first
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{first}"));
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{first}"));
        let column: usize = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{first}"));
        assert!(line >= 1 && column >= 1, "{first}");
        assert!(parts.next().is_some_and(|m| m.len() > 3), "{first}");
    }
}

#[test]
fn validate_reports_good_and_bad_files_together() {
    let good = assessments().join("miit-2024.toml");
    let bad = assessments().join("malformed/duplicate-id.toml");
    let out = zhizhuan()
        .args(["frameworks", "validate"])
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("OK "));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("duplicate id \"base.it.erp\""), "{stderr}");
    assert!(
        stderr.contains("1 of 2 file(s) failed validation"),
        "{stderr}"
    );
}

#[test]
fn list_and_show_json_expose_the_validated_tree() {
    let out = zhizhuan()
        .args(["frameworks", "list", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["miit-2024", "cmmm-2020", "lianghua-23020"]);
    assert_eq!(list[0]["scenarios"], 16);

    let out = zhizhuan()
        .args(["frameworks", "show", "miit-2024", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fw: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fw["scoring"]["method"]["method"], "points");
    assert_eq!(fw["scoring"]["method"]["total"], "100");
    let items: Vec<&serde_json::Value> = fw["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["indicators"].as_array().unwrap())
        .flat_map(|n| n["items"].as_array().unwrap())
        .collect();
    let capture = items
        .iter()
        .find(|i| i["id"] == "jichu.data-capture")
        .unwrap();
    assert_eq!(capture["kind"]["kind"], "multiple");
    assert_eq!(capture["kind"]["cap"], "10");
    assert_eq!(capture["kind"]["options"][14]["points"], "0.9");

    let out = zhizhuan()
        .args(["frameworks", "show", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("miit-2024"));
}

/// `frameworks peers` prints each published year on its own, the level's band and the share
/// at or above it (2022: 21 + 12 + 4 = 37 at 二级), the source and the caveat; MIIT has none.
#[test]
fn peers_prints_each_year_with_its_source_and_the_caveat() {
    let out = zhizhuan()
        .args(["frameworks", "peers", "cmmm-2020", "--rank", "2"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("2022 年指数报告"), "{text}");
    assert!(
        text.contains("本级所在段「二级」21%；此段及以上共 37%"),
        "{text}"
    );
    assert!(text.contains("自我选择"), "{text}");
    assert_eq!(text.matches("来源 source").count(), 4, "{text}");
    let none = zhizhuan()
        .args(["frameworks", "peers", "miit-2024", "--rank", "2"])
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
}
