//! What the app holds while it runs: the command context (the open store, the frameworks, the
//! clock), or, when the data could not be opened at start, why not.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use zhizhuan_commands::Context;
use zhizhuan_commands::data_folder::{self, StartupProblem};

use crate::error::{Error, Result};

/// Shared state behind every command. One connection guarded by a mutex is enough: commands
/// are short and SQLite serialises writers anyway.
pub struct AppState {
    /// `None` while the data cannot be opened: the window stays up on the start-up screen
    /// ([`AppState::problem`]) instead of the app closing without a word.
    ctx: Mutex<Option<Context>>,
    problem: Mutex<Option<StartupProblem>>,
    /// The OS app-data folder (or `$ZHIZHUAN_DATA_DIR`): the data, or `location.txt` naming
    /// where it was moved, and the logs.
    pub home: PathBuf,
    /// The paths the user chose in a dialog this session ([`crate::paths`]).
    pub grants: crate::paths::GrantsState,
}

/// The open context, for one command (held while it runs).
pub struct Opened<'a>(MutexGuard<'a, Option<Context>>);

impl Deref for Opened<'_> {
    type Target = Context;
    fn deref(&self) -> &Context {
        self.0
            .as_ref()
            .expect("Opened is made only over an open context")
    }
}

impl DerefMut for Opened<'_> {
    fn deref_mut(&mut self) -> &mut Context {
        self.0
            .as_mut()
            .expect("Opened is made only over an open context")
    }
}

impl AppState {
    /// Opens the database in `$ZHIZHUAN_DATA_DIR` or the OS app-data folder, or where its
    /// `location.txt` says the data was moved (the same place the CLI looks, so both see one
    /// database). A failure is kept as the start-up problem, not returned: the page shows it.
    pub fn start() -> std::result::Result<Self, Box<dyn std::error::Error>> {
        let home = zhizhuan_store::default_data_dir()
            .ok_or("the OS has no app-data folder; set ZHIZHUAN_DATA_DIR")?;
        let state = AppState {
            ctx: Mutex::new(None),
            problem: Mutex::new(None),
            home,
            grants: Default::default(),
        };
        let _ = state.retry();
        Ok(state)
    }

    /// Tries to open the data again (the stick plugged in, the folder located); on success
    /// the start-up problem is gone.
    pub fn retry(&self) -> Result<()> {
        let mut ctx = self.ctx.lock().map_err(internal)?;
        if ctx.is_some() {
            return Ok(());
        }
        let opened = open(&self.home);
        let mut problem = self.problem.lock().map_err(internal)?;
        match opened {
            Ok(c) => {
                *ctx = Some(c);
                *problem = None;
                Ok(())
            }
            Err(e) => {
                log::error!("the data folder could not be opened: {e}");
                *problem = Some(StartupProblem::new(&self.home, &e));
                Err(e)
            }
        }
    }

    /// Why the data could not be opened, while it cannot.
    pub fn problem(&self) -> Option<StartupProblem> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }

    /// The folder holding the database now (it changes when the user moves it).
    pub fn data_dir(&self) -> PathBuf {
        self.lock()
            .ok()
            .and_then(|ctx| ctx.store.data_dir().ok().map(ToOwned::to_owned))
            .unwrap_or_else(|| self.home.clone())
    }

    /// The context, for one command; an error while the data is not open.
    pub fn lock(&self) -> Result<Opened<'_>> {
        let guard = self.ctx.lock().map_err(internal)?;
        if guard.is_none() {
            return Err(Error::Internal("数据尚未打开（见启动页）".into()));
        }
        Ok(Opened(guard))
    }
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

/// Opens the data and takes the daily backup when one is due.
fn open(home: &Path) -> Result<Context> {
    let ctx = data_folder::open_at_start(home)?;
    // A -wal left by an unclean exit was backed up, checked and applied; say so where the CLI
    // would (the UI has no place for it yet).
    for notice in ctx.store.notices() {
        eprintln!("zhizhuan: {notice}");
    }
    // A failure is logged, not fatal: the user's data is untouched by it.
    match zhizhuan_commands::backups::backup_if_due(&ctx) {
        Ok(Some(path)) => log::info!("scheduled backup written: {}", path.display()),
        Ok(None) => {}
        Err(e) => log::warn!("scheduled backup failed: {e}"),
    }
    Ok(ctx)
}
