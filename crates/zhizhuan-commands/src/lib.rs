//! # zhizhuan-commands
//!
//! What a user can do, one function per action: create and edit an enterprise, start an
//! assessment, save an answer, score, plan, finalise and revise, attach evidence, import and
//! export bundles, export the report and the plan, make backups. Each works on a [`Context`]
//! (the open [`Store`], the framework [`Registry`] parsed once, a [`Clock`]) and checks its
//! input against the framework before the store writes a byte. The desktop shell
//! (`src-tauri`) and the CLI are one-line adapters over these functions, so no write path
//! skips a check. No tauri here (checked by `tests/journeys/invariants.rs`).

pub mod assessment;
pub mod backups;
pub mod compare;
pub mod data_folder;
pub mod enterprise;
pub mod error;
pub mod evidence;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod framework;
pub mod input;
pub mod roadmap;
pub mod sample;

use std::sync::OnceLock;

use zhizhuan_core::framework::{Framework, Registry};
use zhizhuan_store::Store;

pub use error::{CommandError, Error, ErrorKind, Result};

/// The time every write records. `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) fixes it, so a
/// scripted session and its exports are reproducible; otherwise it is the system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    fixed: Option<chrono::DateTime<chrono::Utc>>,
}

impl Clock {
    /// The system clock, unless `SOURCE_DATE_EPOCH` holds a valid epoch.
    pub fn from_env() -> Clock {
        let fixed = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
        Clock { fixed }
    }

    /// A clock stopped at `at` (tests).
    pub fn fixed(at: chrono::DateTime<chrono::Utc>) -> Clock {
        Clock { fixed: Some(at) }
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.fixed.unwrap_or_else(chrono::Utc::now)
    }

    /// RFC 3339 with milliseconds, UTC: the form every `*_at` column holds.
    pub fn stamp(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    /// The local time of day for documents (their dates carry the local offset).
    pub fn local(&self) -> chrono::DateTime<chrono::FixedOffset> {
        self.now().with_timezone(&chrono::Local).fixed_offset()
    }
}

/// The shipped frameworks, parsed once per process.
pub fn builtin_registry() -> Result<&'static Registry> {
    static REGISTRY: OnceLock<std::result::Result<Registry, String>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| Registry::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Internal(e.clone()))
}

/// What every action works on.
#[derive(Debug)]
pub struct Context {
    pub store: Store,
    pub registry: &'static Registry,
    pub clock: Clock,
}

impl Context {
    /// A context over `store` with the shipped frameworks and the clock of [`Clock::from_env`].
    pub fn new(store: Store) -> Result<Context> {
        Ok(Context {
            store,
            registry: builtin_registry()?,
            clock: Clock::from_env(),
        })
    }

    pub fn now(&self) -> String {
        self.clock.stamp()
    }

    /// The framework with this id and version (any version when `None`).
    pub fn framework(&self, id: &str, version: Option<&str>) -> Result<&'static Framework> {
        self.registry
            .find(id, version)
            .ok_or_else(|| Error::UnknownFramework {
                id: id.to_owned(),
                version: version.unwrap_or_default().to_owned(),
            })
    }
}
