//! When each action runs: a month-by-month schedule under the plant's limits.
//!
//! Serial list scheduling. Actions are taken one at a time, each once everything it waits
//! for is placed, the one with the longest chain of work still behind it first (ties: the
//! plan's order); each starts in the earliest month at which
//! - everything it waits for has finished, and not before a start the user fixed,
//! - fewer than `max_parallel` projects are running in every month it runs (a project is an
//!   action of medium or high effort; a low-effort one — a rule, a ledger, a training day —
//!   runs beside them and takes no project slot), and
//! - its cost (the upper end, the cautious figure) still fits the yearly budget of the
//!   year (months 0–11, 12–23 …) it starts in, when one is set.
//!
//! An action the user marked done takes no capacity, no budget and no time (it finished
//! before month 0). Durations are the declared maximum months (the cautious end).

use std::cmp::Reverse;

use super::PlanLimits;
use crate::decimal::Decimal;

/// One action to place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub months: u16,
    /// 万元 counted against the budget of the year it starts in.
    pub cost_wan: Decimal,
    /// Indices of the tasks that must finish first.
    pub after: Vec<usize>,
    /// A start the user fixed: not earlier than this month.
    pub not_before: u16,
    pub done: bool,
    /// Takes one of the `max_parallel` slots while it runs (medium or high effort).
    pub project: bool,
}

/// The limits a plant plans within: the ones the roadmap reports.
pub type Limits = PlanLimits;

/// Start and finish months per task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slot {
    pub start: u16,
    pub finish: u16,
}

/// Places every task, or names the first one no year can hold (its cost is above the budget).
pub fn schedule(tasks: &[Task], limits: &PlanLimits) -> Result<Vec<Slot>, usize> {
    if let Some(b) = limits.yearly_budget_wan
        && let Some(t) = tasks.iter().position(|t| !t.done && t.cost_wan > b)
    {
        return Err(t);
    }
    let tail = tails(tasks);
    let mut slots: Vec<Option<Slot>> = vec![None; tasks.len()];
    // the unplaced task whose predecessors are all placed, with the longest tail (then the
    // lowest index)
    let next = |slots: &[Option<Slot>]| {
        let ready =
            |&t: &usize| slots[t].is_none() && tasks[t].after.iter().all(|&a| slots[a].is_some());
        (0..tasks.len())
            .filter(ready)
            .max_by_key(|&t| (tail[t], Reverse(t)))
    };
    while let Some(t) = next(&slots) {
        let slot = match tasks[t].done {
            true => Slot::default(),
            false => place(tasks, &slots, &tasks[t], limits).ok_or(t)?,
        };
        slots[t] = Some(slot);
    }
    Ok(slots.into_iter().map(Option::unwrap_or_default).collect())
}

/// The earliest start for `task` after what it waits for and any start the user fixed, with
/// a project slot free in every month it runs and room in its start year's budget.
fn place(tasks: &[Task], slots: &[Option<Slot>], task: &Task, limits: &PlanLimits) -> Option<Slot> {
    // a task marked done finished before month 0: it takes no capacity and no budget
    let placed =
        || (tasks.iter().zip(slots)).filter_map(|(o, s)| Some((o, (*s)?)).filter(|_| !o.done));
    let free = |x: u16| {
        let running = placed().filter(|(o, s)| o.project && s.start <= x && x < s.finish);
        running.count() < usize::from(limits.max_parallel)
    };
    let affordable = |m: u16| {
        let that_year = placed().filter(|(_, s)| s.start / 12 == m / 12);
        let spent: Decimal = that_year.map(|(o, _)| o.cost_wan).sum();
        (limits.yearly_budget_wan).is_none_or(|b| spent + task.cost_wan <= b)
    };
    let ready = task
        .after
        .iter()
        .filter_map(|&a| slots[a])
        .map(|s| s.finish)
        .max();
    let start = (ready.unwrap_or(0).max(task.not_before)..u16::MAX - task.months)
        .find(|&m| (!task.project || (m..m + task.months).all(free)) && affordable(m))?;
    Some(Slot {
        start,
        finish: start + task.months,
    })
}

/// Per task: its months plus the longest chain of tasks that wait on it.
fn tails(tasks: &[Task]) -> Vec<u32> {
    fn tail(t: usize, tasks: &[Task], memo: &mut [Option<u32>]) -> u32 {
        if let Some(x) = memo[t] {
            return x;
        }
        memo[t] = Some(0); // the loader refuses cycles; this only guards the recursion
        let own = if tasks[t].done {
            0
        } else {
            u32::from(tasks[t].months)
        };
        let waiting = (0..tasks.len()).filter(|&o| tasks[o].after.contains(&t));
        let x = own + waiting.map(|o| tail(o, tasks, memo)).max().unwrap_or(0);
        memo[t] = Some(x);
        x
    }
    let mut memo = vec![None; tasks.len()];
    (0..tasks.len())
        .map(|t| tail(t, tasks, &mut memo))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(months: u16, after: &[usize]) -> Task {
        Task {
            months,
            cost_wan: Decimal::from_int(10),
            after: after.to_vec(),
            not_before: 0,
            done: false,
            project: true,
        }
    }

    fn starts(tasks: &[Task], k: u8, budget: Option<i64>) -> Vec<(u16, u16)> {
        let limits = PlanLimits {
            max_parallel: k,
            yearly_budget_wan: budget.map(Decimal::from_int),
        };
        schedule(tasks, &limits)
            .unwrap()
            .iter()
            .map(|s| (s.start, s.finish))
            .collect()
    }

    #[test]
    fn capacity_holds_and_the_longest_chain_goes_first() {
        // 0 → 1 is a 6-month chain; 2 and 3 are single 4-month jobs. With one at a time the
        // chain's head starts first, then its tail, then the others in the plan's order.
        let tasks = [task(2, &[]), task(4, &[0]), task(4, &[]), task(4, &[])];
        assert_eq!(starts(&tasks, 1, None), [(0, 2), (2, 6), (6, 10), (10, 14)]);
        // two at a time: the chain beside the first job, the second job once that one ends
        assert_eq!(starts(&tasks, 2, None), [(0, 2), (2, 6), (0, 4), (4, 8)]);
        assert_eq!(starts(&tasks, 9, None), [(0, 2), (2, 6), (0, 4), (0, 4)]);
    }

    #[test]
    fn a_low_effort_action_takes_no_project_slot() {
        let mut tasks = [task(4, &[]), task(4, &[]), task(1, &[])];
        tasks[2].project = false;
        assert_eq!(starts(&tasks, 1, None), [(0, 4), (4, 8), (0, 1)]);
    }

    #[test]
    fn a_fixed_start_and_a_done_action_reflow_what_waits() {
        let mut tasks = [task(3, &[]), task(2, &[0])];
        tasks[0].not_before = 5;
        assert_eq!(starts(&tasks, 3, None), [(5, 8), (8, 10)]);
        tasks[0].done = true;
        assert_eq!(starts(&tasks, 3, None), [(0, 0), (0, 2)]);
    }

    #[test]
    fn the_yearly_budget_pushes_starts_into_the_next_year() {
        // 10 万元 each, 25 per year: two start in year one, the third waits for month 12
        let tasks = [task(1, &[]), task(1, &[]), task(1, &[])];
        assert_eq!(starts(&tasks, 3, Some(25)), [(0, 1), (0, 1), (12, 13)]);
        let limits = PlanLimits {
            max_parallel: 3,
            yearly_budget_wan: Some(Decimal::from_int(5)),
        };
        assert_eq!(
            schedule(&tasks, &limits),
            Err(0),
            "no year can hold a 10 万元 action"
        );
    }
}
