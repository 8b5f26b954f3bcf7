//! Test fixtures shared by the command modules' tests.

use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;

/// Creates a small enterprise in Wuxi (C34) and returns its id.
pub fn enterprise(store: &Store, name: &str, code: &str) -> i64 {
    store
        .create_enterprise(
            &EnterpriseInput {
                name: name.into(),
                credit_code: code.into(),
                province: "320000".into(),
                city: "无锡市".into(),
                district: String::new(),
                industry: "C34".into(),
                size: "small".into(),
            },
            "t0",
        )
        .unwrap()
        .id
}
