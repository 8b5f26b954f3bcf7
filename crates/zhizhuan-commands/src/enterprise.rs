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
}
