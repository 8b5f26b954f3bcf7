//! `zhizhuan assessments edit-action ID --action X …`: records the user's edit of one roadmap
//! action (owner, start and due dates, budget, status, note), as the app's plan editor does;
//! options not given keep their stored values. `assessments edits ID` prints them all. The
//! write is the command layer's `roadmap::edit_action`, which refuses an action the
//! framework does not declare and a final assessment.

use clap::Args as ClapArgs;
use zhizhuan_commands::roadmap;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_store::roadmap::{ActionStatus, RoadmapEditInput};

use crate::{Context, Failure, Outcome};

#[derive(ClapArgs, Debug)]
pub struct EditArgs {
    pub id: i64,
    /// The action id, as `roadmap --json` or `edits` prints it.
    #[arg(long)]
    pub action: String,
    /// 负责人: a name or a role.
    #[arg(long)]
    pub owner: Option<String>,
    /// Planned start, YYYY-MM-DD, or `none`; the schedule starts the action that month.
    #[arg(long, value_name = "YYYY-MM-DD|none")]
    pub start: Option<String>,
    /// Planned completion, YYYY-MM-DD, or `none`.
    #[arg(long, value_name = "YYYY-MM-DD|none")]
    pub due: Option<String>,
    /// Budget in 万元 (exact decimal), or `none` for the framework's estimate.
    #[arg(long, value_name = "万元|none")]
    pub cost: Option<String>,
    #[arg(long, value_parser = ["planned", "in_progress", "done", "dropped"])]
    pub status: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long, default_value = "")]
    pub author: String,
}

/// `none` clears an optional value; anything else replaces it.
fn optional(v: Option<String>, stored: Option<String>) -> Option<String> {
    match v.as_deref() {
        None => stored,
        Some("none") => None,
        Some(_) => v,
    }
}

/// The stored edit of the action (or a blank one) with the given options applied.
fn apply(stored: Option<RoadmapEditInput>, a: EditArgs) -> Result<RoadmapEditInput, Failure> {
    let mut e = stored.unwrap_or(RoadmapEditInput {
        action: a.action.clone(),
        owner: String::new(),
        start_date: None,
        due_date: None,
        cost: None,
        status: ActionStatus::Planned,
        note: String::new(),
    });
    e.owner = a.owner.unwrap_or(e.owner);
    e.note = a.note.unwrap_or(e.note);
    e.start_date = optional(a.start, e.start_date);
    e.due_date = optional(a.due, e.due_date);
    e.cost = match optional(a.cost, e.cost.map(|c| c.to_string())) {
        None => None,
        Some(c) => Some(c.parse::<Decimal>().map_err(|_| {
            Failure::new(format!(
                "--cost「{c}」应为万元数（如 35.5）或 none (expected an amount in 10k CNY)"
            ))
        })?),
    };
    if let Some(s) = a.status {
        e.status = ActionStatus::from_sql(&s).unwrap_or(ActionStatus::Planned);
    }
    Ok(e)
}

pub fn run(args: EditArgs, ctx: &Context) -> Outcome {
    let commands = ctx.commands()?;
    let id = args.id;
    let stored = roadmap::edits(&commands, id)?
        .into_iter()
        .find(|e| e.edit.action == args.action)
        .map(|e| e.edit);
    let author = args.author.clone();
    let edit = apply(stored, args)?;
    let saved = roadmap::edit_action(&commands, id, &edit, &author)?;
    println!("{}", serde_json::to_string_pretty(&saved)?);
    Ok(())
}

/// `assessments edits ID`: every stored edit, as JSON.
pub fn list(ctx: &Context, id: i64) -> Outcome {
    let edits = roadmap::edits(&ctx.commands()?, id)?;
    println!("{}", serde_json::to_string_pretty(&edits)?);
    Ok(())
}
