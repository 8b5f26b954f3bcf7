//! The data folder: where it is, and moving it (the app's 「数据文件夹」 card, `zhizhuan db
//! where` / `db move`). The *home* folder is the host's starting point (the OS app-data folder
//! or `$ZHIZHUAN_DATA_DIR`); the store's [`zhizhuan_store::location`] does the copying,
//! verifying and switching, and this layer closes the store around it, as a restore does.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;
use zhizhuan_store::{DB_FILE, Store, location};

use crate::Context;
use crate::error::{CommandError, Error, Result};

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

/// Why the data could not be opened at start, as a host's start-up screen shows it: the app
/// keeps running on that screen instead of closing without a word.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartupProblem {
    pub error: CommandError,
    /// The moved data folder that is not there, when that is the problem: the screen offers
    /// to wait for it (retry), to find it elsewhere ([`locate`]) or to give it up
    /// ([`start_afresh`]).
    pub missing_folder: Option<String>,
    /// The home folder (the OS app-data folder).
    pub home: String,
    /// The database's backups, newest first (none when its folder is missing): the screen
    /// offers to put one back ([`crate::backups::restore_at_start`]).
    pub backups: Vec<crate::backups::BackupInfo>,
}

impl StartupProblem {
    pub fn new(home: &Path, error: &Error) -> Self {
        let missing_folder = match error {
            Error::Store(zhizhuan_store::StoreError::MovedDataDirMissing { dir, .. }) => {
                Some(dir.display().to_string())
            }
            _ => None,
        };
        StartupProblem {
            error: error.payload(),
            missing_folder,
            home: home.display().to_string(),
            backups: crate::backups::list_at_start(home).unwrap_or_default(),
        }
    }
}

/// Opens the data for the home folder `home`: there, or where its location file says it was
/// moved (which must exist: a stick not plugged in is an error, not a new empty database).
pub fn open_at_start(home: &Path) -> Result<Context> {
    let dir = location::data_dir_for(home)?;
    Context::new(Store::open(&dir.join(DB_FILE))?)
}

/// Records that the data is in `dir` (the stick under another drive letter); nothing is
/// copied. Refused unless `dir` holds a ZhiZhuan database.
pub fn locate(home: &Path, dir: &Path) -> Result<DataFolder> {
    location::locate(home, dir)?;
    folder(dir, home)
}

/// Gives up a moved data folder that is gone: its location file is renamed (still naming
/// it) and the home folder holds the data from now on, a new database if it has none.
/// Returns the renamed file.
pub fn start_afresh(home: &Path) -> Result<Option<String>> {
    let aside = location::set_aside(home)?;
    Ok(aside.map(|p| p.display().to_string()))
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

    /// A start with the stick unplugged: the problem names the missing folder; locating it
    /// under its new name opens the same data; giving it up opens an empty home instead and
    /// keeps the location file aside.
    #[test]
    fn a_start_without_the_moved_folder_can_find_it_or_start_afresh() {
        let (home, away, other) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let ctx = context_over(Store::open(&home.path().join(DB_FILE)).unwrap());
        enterprise(&ctx, "无锡镕昇", "91330100799655058B");
        let (ctx, moved) = move_to(ctx, home.path(), away.path());
        moved.unwrap();
        drop(ctx);
        let renamed = other.path().join("F盘");
        std::fs::rename(away.path(), &renamed).unwrap();

        let Err(err) = open_at_start(home.path()) else {
            panic!("the folder is gone")
        };
        let problem = StartupProblem::new(home.path(), &err);
        assert_eq!(
            problem.missing_folder,
            Some(away.path().display().to_string())
        );
        assert_eq!(problem.error.kind, ErrorKind::Storage);

        let refused = locate(home.path(), other.path()).unwrap_err().payload();
        assert_eq!(refused.kind, ErrorKind::InvalidInput);
        assert!(
            StartupProblem::new(home.path(), &Error::Internal("x".into()))
                .missing_folder
                .is_none()
        );

        assert!(locate(home.path(), &renamed).unwrap().moved);
        let ctx = open_at_start(home.path()).unwrap();
        assert_eq!(crate::enterprise::list(&ctx).unwrap().len(), 1);
        drop(ctx);

        std::fs::rename(&renamed, other.path().join("gone")).unwrap();
        let aside = start_afresh(home.path()).unwrap().unwrap();
        assert!(aside.ends_with("location-1.old.txt"), "{aside}");
        let ctx = open_at_start(home.path()).unwrap();
        assert!(crate::enterprise::list(&ctx).unwrap().is_empty());
    }
}
