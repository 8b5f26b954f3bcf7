//! # zhizhuan (CLI)
//!
//! The headless face of ZhiZhuan. Every result the desktop app shows can be reproduced here
//! from the same database or files, which is what makes a report checkable by a third party
//! and lets the test suite drive the engines without a window.
//!
//! One module per command group; each exposes a clap `Cmd` and a `run` function.

mod answer;
mod assessments;
mod bundle;
mod db;
mod enterprises;
mod failure;
mod frameworks;
mod meta;
mod plan_edit;
mod report;
mod roadmap;
mod score;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use failure::{Failure, Outcome};

#[derive(Parser, Debug)]
#[command(
    name = "zhizhuan",
    version,
    about = "智转 ZhiZhuan — 制造业数字化转型自评估（命令行）\nOffline digital-transformation self-assessment for manufacturers (command line)."
)]
struct Cli {
    /// Database file (default: zhizhuan.db in the OS app-data folder, or in $ZHIZHUAN_DATA_DIR).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Enterprises (企业) in the database.
    #[command(subcommand)]
    Enterprises(enterprises::Cmd),
    /// Score an answers file (总分、等级、各维度、条件、未作答).
    Score(score::Args),
    /// Gap and phased roadmap from an answers file to a target level.
    Roadmap(roadmap::Args),
    /// PDF report (评估报告) from an answers file, or the shipped sample.
    Report(report::ReportArgs),
    /// xlsx action plan (行动计划) for a target level.
    Plan(report::PlanArgs),
    /// Framework definitions (评估框架): list, show, validate files.
    #[command(subcommand)]
    Frameworks(frameworks::Cmd),
    /// Assessments (评估): create, list, finalise, revise, compare.
    #[command(subcommand)]
    Assessments(assessments::Cmd),
    /// Set an answer of a draft assessment (acknowledged only after it is durable).
    Answer(answer::Args),
    /// Export an assessment or enterprise as a bundle (.zip).
    Export(bundle::ExportArgs),
    /// Import a bundle (.zip); everything is checked before anything is written.
    Import(bundle::ImportArgs),
    /// Database maintenance: check, backup, backups, restore, init.
    #[command(subcommand)]
    Db(db::Cmd),
}

/// What every command may need from the global options.
#[derive(Debug)]
pub struct Context {
    db: Option<PathBuf>,
}

impl Context {
    /// The database file: `--db`, else the app's database in the data folder (the home folder
    /// is created on first use; a moved data folder never is, so a USB stick not plugged in
    /// is an error).
    pub fn db_path(&self) -> Result<PathBuf, Failure> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dir = zhizhuan_store::location::data_dir_for(&self.home()?)?;
        Ok(dir.join(zhizhuan_store::DB_FILE))
    }

    /// The home folder (OS app-data folder or `$ZHIZHUAN_DATA_DIR`): the data, or the
    /// `location.txt` naming where it was moved. `--db` has no home: it names one file.
    pub fn home(&self) -> Result<PathBuf, Failure> {
        if self.db.is_some() {
            return Err(Failure::new(
                "--db 指定的是单个数据库文件，没有数据文件夹可移动或显示；请去掉 --db",
            ));
        }
        zhizhuan_store::default_data_dir()
            .ok_or_else(|| Failure::new("找不到系统的应用数据目录；请用 --db 指定数据库文件"))
    }

    /// Opens the store at [`Context::db_path`]; what the open did that the user must know
    /// (a `-wal` checked and applied after an unclean exit) goes to stderr.
    pub fn store(&self) -> Result<zhizhuan_store::Store, Failure> {
        let store = zhizhuan_store::Store::open(&self.db_path()?)?;
        for notice in store.notices() {
            eprintln!("注意 notice: {notice}");
        }
        Ok(store)
    }

    /// The store with the shipped frameworks and the clock: every command that writes goes
    /// through `zhizhuan_commands` with it, so the CLI checks what the app checks.
    pub fn commands(&self) -> Result<zhizhuan_commands::Context, Failure> {
        Ok(zhizhuan_commands::Context::new(self.store()?)?)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context { db: cli.db };
    let outcome = match cli.command {
        Command::Enterprises(cmd) => enterprises::run(cmd, &ctx),
        Command::Score(args) => score::run(args, &ctx),
        Command::Roadmap(args) => roadmap::run(args, &ctx),
        Command::Report(args) => report::report(args, &ctx),
        Command::Plan(args) => report::plan(args, &ctx),
        Command::Frameworks(cmd) => frameworks::run(cmd, &ctx),
        Command::Assessments(cmd) => assessments::run(cmd, &ctx),
        Command::Answer(args) => answer::run(args, &ctx),
        Command::Export(args) => bundle::export(args, &ctx),
        Command::Import(args) => bundle::import(args, &ctx),
        Command::Db(cmd) => db::run(cmd, &ctx),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("错误 error: {failure}");
            ExitCode::from(failure.code)
        }
    }
}
