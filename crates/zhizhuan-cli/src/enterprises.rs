//! `zhizhuan enterprises …`

use clap::Subcommand;

use crate::{Context, Outcome};

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// List all enterprises, most recently changed first.
    List {
        /// Print JSON (the same fields the app shows) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: Cmd, ctx: &Context) -> Outcome {
    match cmd {
        Cmd::List { json } => {
            let list = ctx.store()?.enterprises()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                println!("（还没有企业）");
            } else {
                for e in list {
                    println!("{}\t{}\t{}\t{}", e.id, e.credit_code, e.industry, e.name);
                }
            }
            Ok(())
        }
    }
}
