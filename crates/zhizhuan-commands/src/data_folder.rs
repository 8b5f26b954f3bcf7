//! The data folder: where it is, and moving it (the app's 「数据文件夹」 card, `zhizhuan db
//! where` / `db move`). The *home* folder is the host's starting point (the OS app-data folder
//! or `$ZHIZHUAN_DATA_DIR`); the store's [`zhizhuan_store::location`] does the copying,
//! verifying and switching, and this layer closes the store around it, as a restore does.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_store::{DB_FILE, Store, location};

use crate::Context;
use crate::error::{Error, Result};

/// The data folder as the settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DataFolder {
    /// The folder holding the database, evidence and backups.
    pub path: String,
    /// Whether it was moved away from the home folder (which then holds only `location.txt`).
    pub moved: bool,
    /// The home folder (the OS app-data folder), where 「移回默认位置」 goes.
    pub home: String,
}

/// What a move did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DataFolderMoved {
    pub folder: DataFolder,
    /// Files copied and verified (the database included).
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Originals the move could not delete afterwards: duplicates of the moved data.
    pub left_behind: Vec<String>,
}

/// The open store's data folder, for the home folder `home`.
pub fn show(ctx: &Context, home: &Path) -> Result<DataFolder> {
    folder(ctx.store.data_dir()?, home)
}

fn folder(path: &Path, home: &Path) -> Result<DataFolder> {
    Ok(DataFolder {
        path: path.display().to_string(),
        moved: location::read_location(home)?.is_some(),
        home: home.display().to_string(),
    })
}

/// Moves the data (database, evidence, backups) to the existing folder `to`: the store is
/// closed, the data copied and verified, `home` pointed at `to`, the originals deleted, and
/// a context opened there. When the move is refused the returned context is the old
/// database, opened again, with the error.
pub fn move_to(ctx: Context, home: &Path, to: &Path) -> (Context, Result<DataFolderMoved>) {
    let from = match ctx.store.data_dir() {
        Ok(dir) => dir.to_owned(),
        Err(e) => return (ctx, Err(e.into())),
    };
    drop(ctx);
    let done = location::move_data(home, &from, to);
    let now_in = if done.is_ok() { to } else { &from };
    let reopened = Store::open(&now_in.join(DB_FILE))
        .map_err(Error::from)
        .and_then(Context::new);
    let ctx = match reopened {
        Ok(ctx) => ctx,
        Err(e) => return crate::backups::unopenable(&now_in.join(DB_FILE), e),
    };
    let result = done.map_err(Error::from).and_then(|m| {
        Ok(DataFolderMoved {
            folder: folder(&m.to, home)?,
            files: u32::try_from(m.files).unwrap_or(u32::MAX),
            bytes: m.bytes,
            left_behind: m
                .left_behind
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        })
    });
    (ctx, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::fixtures::{context_over, enterprise};

    /// Moving away and back through the command layer: the context follows the data, the
    /// enterprise is there after each move, and a refused move keeps the old context usable.
    #[test]
    fn the_context_follows_the_data_and_a_refusal_keeps_it() {
        let (home, away) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let ctx = context_over(Store::open(&home.path().join(DB_FILE)).unwrap());
        enterprise(&ctx, "无锡镕昇", "91330100799655058B");

        let (ctx, refused) = move_to(ctx, home.path(), home.path());
        let e = refused.unwrap_err().payload();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert_eq!(crate::enterprise::list(&ctx).unwrap().len(), 1);

        let (ctx, moved) = move_to(ctx, home.path(), away.path());
        let moved = moved.unwrap();
        assert!(moved.folder.moved);
        assert_eq!(moved.folder.path, away.path().display().to_string());
        assert_eq!(show(&ctx, home.path()).unwrap(), moved.folder);
        enterprise(&ctx, "常州喆堃", "914403001922038216");

        let (ctx, back) = move_to(
            ctx,
            home.path(),
            home.path().canonicalize().unwrap().as_path(),
        );
        assert!(!back.unwrap().folder.moved);
        let names: Vec<_> = crate::enterprise::list(&ctx).unwrap();
        assert_eq!(names.len(), 2, "both enterprises came back home");
    }
}
