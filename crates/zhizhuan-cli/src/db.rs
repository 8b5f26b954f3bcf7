//! `zhizhuan db …`: check, back up, restore and (re)create the database file.

use std::path::PathBuf;

use clap::Subcommand;
use zhizhuan_commands::data_folder;
use zhizhuan_store::{Store, StoreError, backup, health, marker};

use crate::{Context, Failure, Outcome};

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Full check of a copy (header, -wal frames, integrity_check, foreign keys, every evidence
    /// file's hash); the database, -wal and -shm are never written.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Take a backup now into backups/ beside the database (keeps the newest --keep).
    Backup {
        #[arg(long, default_value_t = backup::DEFAULT_KEEP)]
        keep: usize,
    },
    /// List the backups, oldest first (works while the database is damaged or missing).
    Backups,
    /// Replace the database with a backup (checked first; the current file is kept aside).
    Restore {
        /// The backup file (e.g. from `zhizhuan db backups`).
        backup: PathBuf,
    },
    /// Print the data folder in use (where it was moved, or the default one).
    Where,
    /// Move the data folder (database, evidence, backups) to an existing empty folder: copied,
    /// every file checked, switched, then the originals deleted. `--home`: back to the default.
    Move {
        /// The target folder (absolute, existing, without a ZhiZhuan database).
        #[arg(required_unless_present = "home", conflicts_with = "home")]
        folder: Option<PathBuf>,
        #[arg(long)]
        home: bool,
    },
    /// Record that the moved data folder is now at FOLDER (a USB stick under another drive
    /// letter); nothing is copied. FOLDER must hold a ZhiZhuan database.
    Locate { folder: PathBuf },
    /// Give up a moved data folder that is gone: location.txt is renamed (kept, still naming
    /// it) and the default folder holds the data from now on.
    StartAfresh,
    /// Create a new, empty database where there is none, also where one used to be (after
    /// `zhizhuan` reported it missing and no backup should be restored).
    Init,
}

pub fn run(cmd: Cmd, ctx: &Context) -> Outcome {
    match cmd {
        Cmd::Check { json } => check(ctx, json),
        Cmd::Backup { keep } => {
            let path = ctx.store()?.backup_now_keeping(keep)?;
            println!("{}", path.display());
            Ok(())
        }
        Cmd::Backups => {
            for p in backup::list(&ctx.db_path()?)? {
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
        Cmd::Where => {
            let home = ctx.home()?;
            let shown = data_folder::show(&ctx.commands()?, &home)?;
            let note = if shown.moved {
                format!("（已从默认位置 {} 移出 moved from the default)", shown.home)
            } else {
                "（默认位置 default)".to_owned()
            };
            println!("{} {note}", shown.path);
            Ok(())
        }
        Cmd::Move { folder, home: back } => {
            let home = ctx.home()?;
            let to = folder.filter(|_| !back).unwrap_or_else(|| home.clone());
            let (_ctx, moved) = data_folder::move_to(ctx.commands()?, &home, &to);
            let moved = moved?;
            println!(
                "已移到 moved to {}：{} 个文件 files，{} 字节 bytes，逐一校验一致 each verified",
                moved.folder.path, moved.files, moved.bytes
            );
            for p in moved.left_behind {
                println!("未能删除的原件 original left behind (a copy): {p}");
            }
            Ok(())
        }
        Cmd::Locate { folder } => {
            let found = data_folder::locate(&ctx.home()?, &folder)?;
            println!(
                "数据文件夹已指向 now using {}（未复制任何文件 nothing copied）",
                found.path
            );
            Ok(())
        }
        Cmd::StartAfresh => {
            match data_folder::start_afresh(&ctx.home()?)? {
                Some(aside) => println!(
                    "已改用默认数据文件夹 now using the default folder；原记录另存为 location kept as {aside}"
                ),
                None => println!("数据本就在默认文件夹 the data is already in the default folder"),
            }
            Ok(())
        }
        Cmd::Init => {
            let db = ctx.db_path()?;
            Store::create(&db)?.close()?;
            println!("已新建空数据库 created an empty database: {}", db.display());
            Ok(())
        }
    }
}

fn check(ctx: &Context, json: bool) -> Outcome {
    let db = ctx.db_path()?;
    if !db.exists() && marker::exists(&db) {
        return Err(StoreError::Missing { path: db }.into());
    }
    let report = health::check_file(&db)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("数据库版本 schema version: {}", report.schema_version);
        if let Some(wal) = &report.wal {
            println!(
                "-wal: {} 字节 bytes，{} 个已提交的事务 committed transactions，{}{}",
                wal.bytes,
                wal.transactions,
                wal.state,
                wal.detail
                    .as_deref()
                    .map(|d| format!("：{d}"))
                    .unwrap_or_default()
            );
        }
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
        match report.files_unchanged {
            Some(true) => println!(
                "检查在副本上进行；数据库、-wal、-shm 检查前后哈希一致，未作任何修改 (checked on a copy; files verified unchanged by SHA-256)"
            ),
            Some(false) => println!(
                "注意：检查期间数据库文件有变化（另一个智转正在写入？）；结果可能不完整 (the files changed during the check)"
            ),
            None => {}
        }
    }
    if !report.is_healthy() {
        return Err(Failure::new(
            "数据库检查发现问题（见上）；可用 `zhizhuan db restore` 从备份恢复",
        ));
    }
    println!("正常 ok");
    Ok(())
}
