//! `zhizhuan db …`: check, back up and restore the database file.

use std::path::PathBuf;

use clap::Subcommand;
use zhizhuan_store::backup;

use crate::{Context, Failure, Outcome};

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Full check: file header, integrity_check, foreign keys, every evidence file's hash.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Take a backup now into backups/ beside the database (keeps the newest --keep).
    Backup {
        #[arg(long, default_value_t = backup::DEFAULT_KEEP)]
        keep: usize,
    },
    /// List the backups, oldest first.
    Backups,
    /// Replace the database with a backup (checked first; the current file is kept aside).
    Restore {
        /// The backup file (e.g. from `zhizhuan db backups`).
        backup: PathBuf,
    },
}

pub fn run(cmd: Cmd, ctx: &Context) -> Outcome {
    match cmd {
        Cmd::Check { json } => {
            let report = ctx.store()?.check()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("数据库版本 schema version: {}", report.schema_version);
                println!("integrity_check: {}", report.integrity.join("; "));
                println!(
                    "外键问题 foreign key problems: {}",
                    report.foreign_key_problems
                );
                println!(
                    "证据文件 evidence files: {} 个已核对，{} 个缺失，{} 个内容不符",
                    report.evidence_files_checked,
                    report.evidence_missing.len(),
                    report.evidence_damaged.len()
                );
            }
            if !report.is_healthy() {
                return Err(Failure::new(
                    "数据库检查发现问题（见上）；可用 `zhizhuan db restore` 从备份恢复",
                ));
            }
            println!("正常 ok");
            Ok(())
        }
        Cmd::Backup { keep } => {
            let path = ctx.store()?.backup_now_keeping(keep)?;
            println!("{}", path.display());
            Ok(())
        }
        Cmd::Backups => {
            for p in ctx.store()?.backups()? {
                println!("{}", p.display());
            }
            Ok(())
        }
        Cmd::Restore { backup: file } => {
            // No Store is opened: the current file may be the damaged one being replaced.
            let db = ctx.db_path()?;
            let restored = backup::restore(&db, &file)?;
            println!("已从 {} 恢复 restored {}", file.display(), db.display());
            for p in restored.kept_aside {
                println!("原文件保留在 kept aside: {}", p.display());
            }
            Ok(())
        }
    }
}
