//! Enterprises: the list, one profile, create and edit. The profile is validated field by
//! field by core (`EnterpriseInput::validate`, name ≤ 100 characters, other fields ≤ 50), the
//! details (employees, revenue, contacts) by the store.

use zhizhuan_core::enterprise::EnterpriseInput;
use zhizhuan_store::enterprise::{Enterprise, EnterpriseDetails, EnterpriseOverview};

use crate::Context;
use crate::error::Result;

/// The enterprise list: each enterprise with its copy mark and latest assessment
/// (`zhizhuan enterprises list --json` prints the same).
pub fn list(ctx: &Context) -> Result<Vec<EnterpriseOverview>> {
    Ok(ctx.store.enterprise_overview()?)
}

pub fn get(ctx: &Context, id: i64) -> Result<Enterprise> {
    Ok(ctx.store.enterprise(id)?)
}

/// Creates an enterprise from the profile form (checked, credit code unique).
pub fn create(ctx: &Context, input: &EnterpriseInput) -> Result<Enterprise> {
    Ok(ctx.store.create_enterprise(input, &ctx.now())?)
}

/// Replaces the profile (name, code, region, industry, size), checked as on creation.
pub fn update(ctx: &Context, id: i64, input: &EnterpriseInput) -> Result<Enterprise> {
    Ok(ctx.store.update_enterprise(id, input, &ctx.now())?)
}

/// Removes an enterprise with its assessments from every list, after a backup of the whole
/// database (returned, so the user is told where it is); the rows stay in the file too.
pub fn discard(ctx: &Context, id: i64) -> Result<std::path::PathBuf> {
    ctx.store.enterprise(id)?;
    let backup = ctx.store.backup_now()?;
    ctx.store.discard_enterprise(id, &ctx.now())?;
    Ok(backup)
}

/// What the form shows beside a field without refusing it (e.g. a credit code registered in
/// another province than the one chosen).
pub fn warnings(input: &EnterpriseInput) -> Vec<zhizhuan_core::enterprise::FieldError> {
    input.warnings()
}

/// Replaces the details of an enterprise (checked by the store before writing).
pub fn edit_details(ctx: &Context, id: i64, details: &EnterpriseDetails) -> Result<()> {
    ctx.store.enterprise(id)?;
    Ok(ctx.store.set_enterprise_details(id, details, &ctx.now())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::{context, input};

    #[test]
    fn a_profile_is_checked_field_by_field_and_nothing_is_stored_when_refused() {
        let ctx = context();
        let too_long = EnterpriseInput {
            name: "厂".repeat(101),
            ..input("", "91330100799655058B")
        };
        let bad_code = input("无锡镕昇", "91330100799655058C");
        for bad in [too_long, bad_code] {
            let err = create(&ctx, &bad).unwrap_err();
            assert_eq!(err.payload().kind, ErrorKind::InvalidInput, "{err}");
        }
        assert!(list(&ctx).unwrap().is_empty());
        let e = create(&ctx, &input("无锡镕昇", "91330100799655058B")).unwrap();
        assert_eq!(get(&ctx, e.id).unwrap().name, "无锡镕昇");
    }

    /// Removing an enterprise writes a backup first (so 「备份」 can bring it back) and then
    /// hides it with its assessments.
    #[test]
    fn removing_an_enterprise_backs_up_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = zhizhuan_store::Store::open(&dir.path().join("zhizhuan.db")).unwrap();
        let ctx = crate::fixtures::context_over(store);
        let e = create(&ctx, &input("无锡镕昇", "91330100799655058B")).unwrap();
        let backup = discard(&ctx, e.id).unwrap();
        assert!(list(&ctx).unwrap().is_empty());
        let kept = zhizhuan_store::Store::open(&backup).unwrap();
        assert_eq!(kept.enterprise(e.id).unwrap().name, "无锡镕昇");
        assert_eq!(
            discard(&ctx, e.id).unwrap_err().payload().kind,
            ErrorKind::NotFound
        );
    }
}
