//! Backups of the open database: take one now, list them. (Restoring replaces the database
//! file and so works on a path with no store open: `zhizhuan_store::backup::restore`.)

use std::path::PathBuf;

use crate::Context;
use crate::error::Result;

/// Takes a backup now (the oldest scheduled ones beyond the store's limit are rotated away).
pub fn backup_now(ctx: &Context) -> Result<PathBuf> {
    Ok(ctx.store.backup_now()?)
}

/// Every backup file, oldest first.
pub fn list(ctx: &Context) -> Result<Vec<PathBuf>> {
    Ok(ctx.store.backups()?)
}
