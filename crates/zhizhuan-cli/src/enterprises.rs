//! `zhizhuan enterprises …`

use std::collections::HashMap;

use clap::Subcommand;
use zhizhuan_store::enterprise::Enterprise;

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
                let shared = shared_credit_codes(&list);
                for e in &list {
                    print!("{}\t{}\t{}\t{}", e.id, e.credit_code, e.industry, e.name);
                    match shared.get(&e.id) {
                        // The same mark the app's list shows, so copies kept apart on import
                        // can be told from their original here too.
                        Some(others) => println!(
                            "\t[重复信用代码：另有 {others} 家企业使用同一统一社会信用代码（导入时保留为副本）]"
                        ),
                        None => println!(),
                    }
                }
            }
            Ok(())
        }
    }
}

/// For each enterprise whose credit code another listed enterprise also uses (a copy kept apart
/// on import): how many others use it. Mirrors `sharedCreditCodes` in the UI.
fn shared_credit_codes(list: &[Enterprise]) -> HashMap<i64, usize> {
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for e in list {
        *by_code.entry(e.credit_code.as_str()).or_default() += 1;
    }
    list.iter()
        .filter_map(|e| {
            let others = by_code[e.credit_code.as_str()] - 1;
            (others > 0).then_some((e.id, others))
        })
        .collect()
}
