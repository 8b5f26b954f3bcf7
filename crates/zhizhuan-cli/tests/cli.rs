//! The `zhizhuan` binary against real database files.

use std::process::Command;

use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;

fn zhizhuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhizhuan"))
}

#[test]
fn enterprises_list_json_reads_what_the_store_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let store = Store::open(&db).unwrap();
    let input = EnterpriseInput {
        name: "无锡市镕昇智能装备有限公司".into(),
        credit_code: "91330100799655058B".into(),
        province: "320000".into(),
        city: "无锡市".into(),
        district: "新吴区".into(),
        industry: "C35".into(),
        size: "small".into(),
    };
    store
        .create_enterprise(&input, "2026-11-23T08:00:00Z")
        .unwrap();
    drop(store);

    let out = zhizhuan()
        .args(["enterprises", "list", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["name"], "无锡市镕昇智能装备有限公司");
    assert_eq!(list[0]["creditCode"], "91330100799655058B");
}
