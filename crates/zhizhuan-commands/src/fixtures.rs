//! Test fixtures shared by the action modules' tests.

use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::Store;

use crate::{Clock, Context, builtin_registry};

/// A context over an in-memory store with a stopped clock.
pub fn context() -> Context {
    context_over(Store::open_in_memory().unwrap())
}

pub fn context_over(store: Store) -> Context {
    Context {
        store,
        registry: builtin_registry().unwrap(),
        clock: Clock::fixed("2026-03-01T08:00:00Z".parse().unwrap()),
    }
}

pub fn input(name: &str, code: &str) -> EnterpriseInput {
    EnterpriseInput {
        name: name.into(),
        credit_code: code.into(),
        province: "320000".into(),
        city: "无锡市".into(),
        district: String::new(),
        industry: "C34".into(),
        size: "small".into(),
    }
}

/// Creates a small enterprise in Wuxi (C34) and returns its id.
pub fn enterprise(ctx: &Context, name: &str, code: &str) -> i64 {
    crate::enterprise::create(ctx, &input(name, code))
        .unwrap()
        .id
}

/// Starts a draft (what the tests of other actions start from).
pub fn draft(
    ctx: &Context,
    enterprise_id: i64,
    framework_id: &str,
    variant: Option<String>,
) -> crate::Result<zhizhuan_store::assessment::Assessment> {
    crate::assessment::create(
        ctx,
        &crate::assessment::Start {
            enterprise_id,
            framework_id,
            variant,
            ..Default::default()
        },
    )
}

/// Saves one answer without an author.
pub fn answer(
    ctx: &Context,
    assessment_id: i64,
    item: &str,
    value: Option<zhizhuan_core::answer::AnswerValue>,
    note: &str,
) -> crate::Result<crate::assessment::SavedAnswer> {
    crate::assessment::save(
        ctx,
        assessment_id,
        &crate::assessment::AnswerInput {
            item,
            value,
            note,
            author: "",
        },
    )
}
