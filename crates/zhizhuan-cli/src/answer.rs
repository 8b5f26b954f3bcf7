//! `zhizhuan answer …`: set answers of a draft assessment, for scripts and tests.
//!
//! Each answer is acknowledged on stdout only after its transaction committed with
//! `synchronous=FULL`: a script (or the crash test) may treat every `saved` line as durable.

use std::io::{BufRead, Write};

use clap::Args as ClapArgs;
use serde::Deserialize;
use zhizhuan_commands::assessment::{self, AnswerInput};
use zhizhuan_commands::input;
use zhizhuan_core::answer::AnswerValue;

use crate::{Context, Failure, Outcome};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Assessment id (see `zhizhuan assessments list`).
    #[arg(long)]
    assessment: i64,
    /// Item id, e.g. `jichu.info-sys`.
    #[arg(long, required_unless_present = "stdin")]
    item: Option<String>,
    /// The answer as JSON: `{"option":"x"}`, `{"level":2}`, `"na"`, …; `null` clears the item.
    #[arg(long, required_unless_present = "stdin")]
    value: Option<String>,
    #[arg(long, default_value = "")]
    note: String,
    /// Who answered (recorded in the history).
    #[arg(long, default_value = "")]
    author: String,
    /// Read answers from stdin instead, one JSON object per line:
    /// `{"item": "…", "value": …, "note": "…"}`; each line is acknowledged after its commit.
    #[arg(long, conflicts_with_all = ["item", "value"])]
    stdin: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    item: String,
    value: Option<AnswerValue>,
    #[serde(default)]
    note: String,
}

pub fn run(args: Args, ctx: &Context) -> Outcome {
    let ctx = ctx.commands()?;
    let mut out = std::io::stdout().lock();
    let mut save = |item: &str, value: Option<AnswerValue>, note: &str| -> Outcome {
        let input = AnswerInput {
            item,
            value,
            note,
            author: &args.author,
        };
        // Checked against its item first (the app's check): a refused answer writes nothing.
        let r = assessment::save(&ctx, args.assessment, &input)?.revision;
        // Printed only now that the commit returned: this line means "durable".
        writeln!(
            out,
            "saved assessment={} item={} revision={}",
            r.assessment_id, r.item, r.id
        )?;
        out.flush()?;
        Ok(())
    };
    if args.stdin {
        for (n, line) in std::io::stdin().lock().lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = input::parse_json(&format!("stdin:{}", n + 1), line.as_bytes())?;
            save(&parsed.item, parsed.value, &parsed.note)?;
        }
        return Ok(());
    }
    let (Some(item), Some(text)) = (&args.item, &args.value) else {
        return Err(Failure::new("需要 --item 和 --value（或 --stdin）"));
    };
    let value: Option<AnswerValue> = input::parse_json("--value", text.as_bytes())?;
    save(item, value, &args.note)
}
