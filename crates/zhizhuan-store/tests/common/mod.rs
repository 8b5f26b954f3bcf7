//! Shared fixtures of the store's integration tests.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zhizhuan_core::answer::AnswerValue;
use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_core::framework::Registry;
use zhizhuan_store::Store;
use zhizhuan_store::assessment::NewAssessment;

pub fn enterprise_input(name: &str, code: &str) -> EnterpriseInput {
    EnterpriseInput {
        name: name.into(),
        credit_code: code.into(),
        province: "320000".into(),
        city: "常州市".into(),
        district: "武进区".into(),
        industry: "C34".into(),
        size: "small".into(),
    }
}

/// Valid credit codes (check digit correct).
pub const CODE_A: &str = "914403001922038216";
pub const CODE_B: &str = "91330100799655058B";

/// An enterprise with one draft assessment: (enterprise id, assessment id).
pub fn enterprise_with_draft(s: &Store, code: &str) -> (i64, i64) {
    let e = s
        .create_enterprise(
            &enterprise_input("常州市喆堃精密机械有限公司", code),
            "2026-01-05T09:00:00Z",
        )
        .unwrap();
    let a = s
        .create_assessment(
            &NewAssessment {
                enterprise_id: e.id,
                framework_id: "miit-2024".into(),
                framework_version: "2024".into(),
                framework_hash: "sha256:0f1e".into(),
                variant: Some("manufacturing".into()),
                assessor: "王工".into(),
            },
            "2026-01-05T09:01:00Z",
        )
        .unwrap();
    (e.id, a.id)
}

/// A database file with real content spread over several pages.
pub fn populated_db(dir: &Path) -> PathBuf {
    let path = dir.join("zhizhuan.db");
    let s = Store::open(&path).unwrap();
    let (_, a) = enterprise_with_draft(&s, CODE_A);
    for i in 0..300 {
        let value = AnswerValue::Numbers(BTreeMap::from([(
            "total".into(),
            zhizhuan_core::decimal::Decimal::from_int(i),
        )]));
        s.set_answer(
            a,
            &format!("item.{i:03}"),
            Some(&value),
            "现场核实：设备台账与 MES 一致",
            "王工",
            "2026-01-05T10:00:00Z",
        )
        .unwrap();
    }
    drop(s);
    path
}

/// Every file under `dir` with its bytes (names relative to `dir`).
pub fn snapshot_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The shipped frameworks, parsed once per test binary (what imports are checked against).
pub fn registry() -> &'static Registry {
    static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().unwrap())
}
