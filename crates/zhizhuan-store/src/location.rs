//! Where the data folder is, and moving it (the app's 「移动数据文件夹」, `zhizhuan db move`).
//!
//! The *home* folder is the OS app-data folder (or `$ZHIZHUAN_DATA_DIR`): the one place every
//! host looks first. Data moved elsewhere (a bigger disk, a synced folder, a USB stick) leaves
//! one file there, [`LOCATION_FILE`], naming the folder in use; no registry, no config file
//! elsewhere, so the CLI and the app always agree.
//!
//! A move copies, verifies, switches, and only then deletes:
//! 1. the database (closed, checkpointed, exclusively locked, so no program writes it
//!    meanwhile), `evidence/` and `backups/` are copied with every file hashed on both sides;
//! 2. the copied database passes the backup checks (header, `quick_check`, schema version);
//! 3. the location file is written (or removed, when moving back home) in one rename;
//! 4. the originals are deleted. A failure before 3 deletes what was copied and leaves the
//!    data where it was; a failure in 4 leaves a duplicate, named in [`Moved::left_behind`].
//!
//! Log files stay where the running app writes them; the next start logs in the new folder.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::backup::{BACKUP_DIR, validate_backup};
use crate::evidence::{EVIDENCE_DIR, copy_hashing};
use crate::{DB_FILE, Result, StoreError, marker, sibling, sync_dir};

/// The file in the home folder naming the data folder in use, when it is elsewhere.
pub const LOCATION_FILE: &str = "location.txt";

const LOCATION_HEADER: &str = "# 智转 ZhiZhuan：数据已移到下面这一行的文件夹。删除本文件即回到本文件夹（其中已没有数据）。\n\
# ZhiZhuan: the data lives in the folder on the next line. Deleting this file points back here (where no data is left).\n";

/// The folders a move carries besides the database, relative to the data folder.
const CARRIED_DIRS: [&str; 2] = [EVIDENCE_DIR, BACKUP_DIR];

/// The data folder named in `home`'s location file, if the data was moved away from `home`.
pub fn read_location(home: &Path) -> Result<Option<PathBuf>> {
    let file = home.join(LOCATION_FILE);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(&file)(e)),
    };
    parse_location(&text).map(Some).ok_or(StoreError::Damaged {
        path: file,
        problem: "没有写明数据文件夹（应是一行绝对路径）".into(),
    })
}

/// The first line that is neither blank nor a `#` comment, if it is an absolute path.
fn parse_location(text: &str) -> Option<PathBuf> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    Some(PathBuf::from(line)).filter(|p| p.is_absolute())
}

/// The data folder in use for `home`: `home` itself (created on first use, see
/// [`crate::prepare_data_dir`]) or the folder its location file names, which must exist: a
/// moved data folder is never recreated empty (a USB stick not plugged in is an error).
pub fn data_dir_for(home: &Path) -> Result<PathBuf> {
    crate::prepare_data_dir(home)?;
    match read_location(home)? {
        None => Ok(home.to_owned()),
        Some(dir) if dir.is_dir() => Ok(dir),
        Some(dir) => Err(StoreError::MovedDataDirMissing {
            dir,
            pointer: home.join(LOCATION_FILE),
        }),
    }
}

/// Points `home` at a data folder found elsewhere: the USB stick mounted under another drive
/// letter, the synced folder under another user name. Nothing is copied; `dir` must already
/// hold a ZhiZhuan database (its header is checked here, the rest by the next open). Choosing
/// `home` itself forgets the location file.
pub fn locate(home: &Path, dir: &Path) -> Result<()> {
    let not_ours = |reason: &str| StoreError::LocateRefused {
        dir: dir.to_owned(),
        reason: reason.to_owned(),
    };
    if !dir.is_absolute() {
        return Err(not_ours("不是绝对路径"));
    }
    if !dir.is_dir() {
        return Err(not_ours("文件夹不存在"));
    }
    let db = dir.join(DB_FILE);
    if !db.is_file() {
        return Err(not_ours("里面没有智转数据库 zhizhuan.db"));
    }
    crate::health::check_header(&db)?;
    point_home_to(home, dir)
}

/// Sets `home`'s location file aside (renamed, never deleted: it names where the data was),
/// so that `home` is the data folder again: the user gave up on a folder that is gone. Returns
/// the file's new name, or `None` when there was no location file.
pub fn set_aside(home: &Path) -> Result<Option<PathBuf>> {
    let file = home.join(LOCATION_FILE);
    if !file.exists() {
        return Ok(None);
    }
    let aside = (1..)
        .map(|n| home.join(format!("location-{n}.old.txt")))
        .find(|p| !p.exists())
        .expect("an unused name among unboundedly many");
    std::fs::rename(&file, &aside).map_err(StoreError::io(&file))?;
    sync_dir(&aside);
    Ok(Some(aside))
}

/// What [`move_data`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub to: PathBuf,
    /// Files copied and verified (the database included) and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// Originals that could not be deleted after the switch (duplicates, not data loss).
    pub left_behind: Vec<PathBuf>,
}

fn refused(dir: &Path, reason: &str) -> StoreError {
    StoreError::MoveRefused {
        dir: dir.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Refuses a target that is missing, not absolute, the same as or nested with `from`, or
/// already holds a database.
fn check_target(from: &Path, to: &Path) -> Result<()> {
    if !to.is_absolute() {
        return Err(refused(to, "不是绝对路径"));
    }
    if !to.is_dir() {
        return Err(refused(to, "文件夹不存在"));
    }
    let canon = |p: &Path| std::fs::canonicalize(p).map_err(StoreError::io(p));
    let (f, t) = (canon(from)?, canon(to)?);
    if f == t {
        return Err(refused(to, "就是当前的数据文件夹"));
    }
    if t.starts_with(&f) || f.starts_with(&t) {
        return Err(refused(to, "与当前数据文件夹互相包含"));
    }
    if to.join(DB_FILE).exists() || marker::exists(&to.join(DB_FILE)) {
        return Err(refused(to, "里面已有智转数据库；请选一个空文件夹"));
    }
    Ok(())
}

/// Moves the closed database in `from` (with `evidence/` and `backups/`) to the existing
/// folder `to` and records `to` in `home`'s location file. Refuses with
/// [`StoreError::InUse`] while any store has the database open.
pub fn move_data(home: &Path, from: &Path, to: &Path) -> Result<Moved> {
    check_target(from, to)?;
    let from_db = from.join(DB_FILE);
    let lock = marker::Lock::take_sole(&from_db)?;
    if std::fs::metadata(sibling(&from_db, "-wal")).is_ok_and(|m| m.len() > 0) {
        // A clean close leaves an empty -wal; a full one belongs to a crash the next open
        // checks (recovery), which a copy must not skip.
        return Err(refused(
            from,
            "数据库有未写回的 -wal；请重新启动智转后再移动",
        ));
    }
    let mut copied = Vec::new();
    let done = copy_all(from, to, &mut copied).and_then(|bytes| {
        validate_backup(&to.join(DB_FILE))?;
        // The new folder says "a database lives here" before anything opens it (the marker is
        // written new, not copied: the old one is locked, unreadable on Windows).
        drop(marker::Lock::take(&to.join(DB_FILE))?);
        copied.push(marker::path(Path::new(DB_FILE)));
        point_home_to(home, to)?;
        Ok(bytes)
    });
    let bytes = match done {
        Ok(bytes) => bytes,
        Err(e) => {
            for f in copied.iter().rev() {
                let _ = std::fs::remove_file(to.join(f));
            }
            remove_empty_dirs(to);
            return Err(e);
        }
    };
    drop(lock);
    let left_behind = delete_originals(from, &copied);
    Ok(Moved {
        to: to.to_owned(),
        files: copied.len(),
        bytes,
        left_behind,
    })
}

/// Copies the database file and every file under the carried folders, recording each
/// relative path in `copied` as soon as it exists in `to`; returns the bytes copied.
fn copy_all(from: &Path, to: &Path, copied: &mut Vec<PathBuf>) -> Result<u64> {
    let mut files = vec![PathBuf::from(DB_FILE)];
    for dir in CARRIED_DIRS {
        files_under(from, Path::new(dir), &mut files)?;
    }
    let mut bytes = 0;
    for rel in files {
        if let Some(parent) = to.join(&rel).parent() {
            std::fs::create_dir_all(parent).map_err(StoreError::io(parent))?;
        }
        bytes += copy_verified(&from.join(&rel), &to.join(&rel))?;
        copied.push(rel);
    }
    Ok(bytes)
}

/// The files under `from/rel`, recursively, as paths relative to `from`.
fn files_under(from: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let dir = from.join(rel);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(&dir)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(StoreError::io(&dir))?;
        let kind = entry.file_type().map_err(StoreError::io(&entry.path()))?;
        let child = rel.join(entry.file_name());
        if kind.is_dir() {
            files_under(from, &child, out)?;
        } else if kind.is_file() {
            out.push(child);
        }
    }
    Ok(())
}

/// Copies one file, synced, and reads the copy back: its SHA-256 must equal the original's.
/// Never replaces a file already at `dst`; removes its own copy when it fails.
fn copy_verified(src: &Path, dst: &Path) -> Result<u64> {
    let mut input = File::open(src).map_err(StoreError::io(src))?;
    let output = File::create_new(dst).map_err(StoreError::io(dst))?;
    copy_into(&mut input, output, src, dst).inspect_err(|_| {
        let _ = std::fs::remove_file(dst);
    })
}

fn copy_into(input: &mut File, mut output: File, src: &Path, dst: &Path) -> Result<u64> {
    let (sent, bytes) =
        copy_hashing(input, Some(&mut output), u64::MAX).map_err(StoreError::io(src))?;
    output.sync_all().map_err(StoreError::io(dst))?;
    drop(output);
    let mut back = File::open(dst).map_err(StoreError::io(dst))?;
    let (got, _) = copy_hashing(&mut back, None, u64::MAX).map_err(StoreError::io(dst))?;
    if got != sent {
        return Err(StoreError::Damaged {
            path: dst.to_owned(),
            problem: "复制后读回的内容与原文件不同".into(),
        });
    }
    Ok(bytes)
}

/// Records `to` as the data folder (atomically), or removes the record when `to` is home.
fn point_home_to(home: &Path, to: &Path) -> Result<()> {
    let file = home.join(LOCATION_FILE);
    let is_home = std::fs::canonicalize(home).ok() == std::fs::canonicalize(to).ok();
    if is_home {
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(StoreError::io(&file)(e));
            }
            _ => sync_dir(&file),
        }
        Ok(())
    } else {
        let text = format!("{LOCATION_HEADER}{}\n", to.display());
        crate::files::write_atomically(&file, text.as_bytes()).map(|_| ())
    }
}

/// Deletes the moved originals, then the database's `-wal`, `-shm` and marker (last: it
/// says a database lived here), then the carried folders if empty. Returns what stayed.
fn delete_originals(from: &Path, copied: &[PathBuf]) -> Vec<PathBuf> {
    let db = from.join(DB_FILE);
    let extra = ["-wal", "-shm", "-marker"].map(|s| sibling(&db, s));
    let mut left = Vec::new();
    for path in copied.iter().map(|rel| from.join(rel)).chain(extra) {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => left.push(path),
            _ => {}
        }
    }
    remove_empty_dirs(from);
    sync_dir(&db);
    left
}

/// Removes the carried folders under `root` where they are empty (deepest first).
fn remove_empty_dirs(root: &Path) {
    fn prune(dir: &Path) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    prune(&e.path());
                }
            }
        }
        let _ = std::fs::remove_dir(dir); // fails, as it should, when not empty
    }
    for dir in CARRIED_DIRS {
        prune(&root.join(dir));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// A data folder with one enterprise, one evidence file and one backup.
    fn data_folder(dir: &Path) {
        let s = Store::open(&dir.join(DB_FILE)).unwrap();
        let (a, _) = crate::test_support::draft_in(&s);
        let mut sheet: &[u8] = b"point-check sheet";
        s.attach_evidence(a, "M1", "记录.txt", "text/plain", &mut sheet, "t", "t1")
            .unwrap();
        s.backup_now().unwrap();
        s.close().unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut all = Vec::new();
        files_under(dir, Path::new(""), &mut all).unwrap();
        let mut all: Vec<_> = all.iter().map(|p| p.display().to_string()).collect();
        all.sort();
        all
    }

    #[test]
    fn location_file_names_one_absolute_folder() {
        let abs = if cfg!(windows) {
            r"D:\智转数据"
        } else {
            "/media/u/智转数据"
        };
        let text = format!("{LOCATION_HEADER}\n  {abs}  \n");
        assert_eq!(parse_location(&text), Some(PathBuf::from(abs)));
        assert_eq!(parse_location("# only a comment\n"), None);
        assert_eq!(parse_location("relative/folder\n"), None);
    }

    /// The move carries database, evidence and backups, verified; the store opens there with
    /// the same data; home names the new folder; the old folder keeps nothing but what was
    /// not ours. Moving back home removes the location file.
    #[test]
    fn move_carries_everything_and_back_home_forgets_the_location() {
        let (home, away) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        data_folder(home.path());
        std::fs::write(home.path().join("notes.txt"), "not ours").unwrap();
        let before = names(home.path());

        let moved = move_data(home.path(), home.path(), away.path()).unwrap();
        assert!(moved.left_behind.is_empty(), "{:?}", moved.left_behind);
        assert_eq!(moved.files, 4, "database, marker, evidence file, backup");
        assert_eq!(data_dir_for(home.path()).unwrap(), away.path());
        assert_eq!(names(home.path()), ["location.txt", "notes.txt"]);
        let s = Store::open(&away.path().join(DB_FILE)).unwrap();
        assert_eq!(s.enterprises().unwrap().len(), 1);
        s.close().unwrap();

        move_data(home.path(), away.path(), home.path()).unwrap();
        assert_eq!(data_dir_for(home.path()).unwrap(), home.path());
        assert_eq!(names(home.path()), before);
        assert!(names(away.path()).is_empty(), "{:?}", names(away.path()));
    }

    #[test]
    fn a_target_that_holds_a_database_or_the_source_is_refused_and_nothing_moves() {
        let (home, other) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        data_folder(home.path());
        data_folder(other.path());
        let inside = home.path().join("sub");
        std::fs::create_dir(&inside).unwrap();
        let before = names(home.path());
        for to in [
            other.path(),
            home.path(),
            &inside,
            &home.path().join("absent"),
        ] {
            let err = move_data(home.path(), home.path(), to).unwrap_err();
            assert!(
                matches!(err, StoreError::MoveRefused { .. }),
                "{to:?}: {err}"
            );
            assert!(err.to_string().contains(&to.display().to_string()), "{err}");
        }
        assert_eq!(names(home.path()), before);
    }

    #[test]
    fn an_open_database_is_not_moved() {
        let (home, away) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        data_folder(home.path());
        let open = Store::open(&home.path().join(DB_FILE)).unwrap();
        let err = move_data(home.path(), home.path(), away.path()).unwrap_err();
        assert!(matches!(err, StoreError::InUse { .. }), "{err}");
        assert!(names(away.path()).is_empty());
        drop(open);
    }

    #[test]
    fn a_moved_folder_that_is_gone_is_an_error_not_a_new_database() {
        let (home, away) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        data_folder(home.path());
        move_data(home.path(), home.path(), away.path()).unwrap();
        let gone = away.path().to_owned();
        drop(away);
        let err = data_dir_for(home.path()).unwrap_err();
        assert!(
            matches!(err, StoreError::MovedDataDirMissing { ref dir, .. } if *dir == gone),
            "{err}"
        );
        // the message names the folder and the file that leads back home
        assert!(
            err.to_string().contains(&gone.display().to_string()),
            "{err}"
        );
        assert!(err.to_string().contains(LOCATION_FILE), "{err}");
        assert!(!gone.exists());
    }

    /// The stick comes back under another letter: pointing home at it finds the data; a
    /// folder without a database is refused and the location stays as it was.
    #[test]
    fn a_data_folder_found_elsewhere_is_located_and_a_folder_without_one_refused() {
        let (home, away, empty) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        data_folder(home.path());
        move_data(home.path(), home.path(), away.path()).unwrap();
        let elsewhere = empty.path().join("E盘");
        std::fs::rename(away.path(), &elsewhere).unwrap();
        assert!(data_dir_for(home.path()).is_err());

        let err = locate(home.path(), empty.path()).unwrap_err();
        assert!(matches!(err, StoreError::LocateRefused { .. }), "{err}");
        assert!(err.to_string().contains("zhizhuan.db"), "{err}");
        assert_eq!(
            read_location(home.path()).unwrap().as_deref(),
            Some(away.path())
        );

        locate(home.path(), &elsewhere).unwrap();
        assert_eq!(data_dir_for(home.path()).unwrap(), elsewhere);
        let s = Store::open(&elsewhere.join(DB_FILE)).unwrap();
        assert_eq!(s.enterprises().unwrap().len(), 1);
        s.close().unwrap();
    }

    /// Giving up on a folder that is gone: the location file is renamed, still naming it, and
    /// home is the data folder again; a second time there is nothing to set aside.
    #[test]
    fn setting_the_location_aside_keeps_the_file_and_leads_home() {
        let (home, away) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        data_folder(home.path());
        move_data(home.path(), home.path(), away.path()).unwrap();
        let gone = away.path().to_owned();
        drop(away);

        let aside = set_aside(home.path()).unwrap().unwrap();
        assert_eq!(aside.file_name().unwrap(), "location-1.old.txt");
        assert_eq!(
            parse_location(&std::fs::read_to_string(&aside).unwrap()),
            Some(gone)
        );
        assert_eq!(data_dir_for(home.path()).unwrap(), home.path());
        assert_eq!(set_aside(home.path()).unwrap(), None);
    }
}
