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

/// The limits a plant plans within.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// At most this many projects run in any month (≥ 1).
    pub max_parallel: u8,
    /// At most this much (万元) started per year, when set.
    pub yearly_budget_wan: Option<Decimal>,
}

/// Start and finish months per task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: u16,
    pub finish: u16,
}

/// How far out the schedule looks for a month that fits (50 years).
const HORIZON: u16 = 600;

/// Places every task, or names the first one no month can hold (its cost is above the budget).
pub fn schedule(tasks: &[Task], limits: &Limits) -> Result<Vec<Slot>, usize> {
    let tail = tails(tasks);
    let mut slots: Vec<Option<Slot>> = vec![None; tasks.len()];
    let mut running = vec![0_u8; usize::from(HORIZON) + 121];
    let mut spent: Vec<Decimal> = vec![Decimal::ZERO; usize::from(HORIZON / 12) + 12];
    while let Some(t) = next(tasks, &slots, &tail) {
        let task = &tasks[t];
        if task.done {
            slots[t] = Some(Slot {
                start: 0,
                finish: 0,
            });
            continue;
        }
        let ready = task
            .after
            .iter()
            .filter_map(|&a| slots[a])
            .map(|s| s.finish)
            .max()
            .unwrap_or(0);
        let fits = |m: u16| {
            let months = usize::from(m)..usize::from(m + task.months);
            let year = usize::from(m / 12);
            (!task.project || running[months].iter().all(|&n| n < limits.max_parallel))
                && limits
                    .yearly_budget_wan
                    .is_none_or(|b| spent[year] + task.cost_wan <= b)
        };
        let start = (ready.max(task.not_before)..HORIZON)
            .find(|&m| fits(m))
            .ok_or(t)?;
        if task.project {
            for n in &mut running[usize::from(start)..usize::from(start + task.months)] {
                *n += 1;
            }
        }
        spent[usize::from(start / 12)] = spent[usize::from(start / 12)] + task.cost_wan;
        slots[t] = Some(Slot {
            start,
            finish: start + task.months,
        });
    }
    Ok(slots
        .into_iter()
        .map(|s| {
            s.unwrap_or(Slot {
                start: 0,
                finish: 0,
            })
        })
        .collect())
}

/// The unplaced task whose predecessors are all placed with the longest tail (then lowest
/// index).
fn next(tasks: &[Task], slots: &[Option<Slot>], tail: &[u32]) -> Option<usize> {
    (0..tasks.len())
        .filter(|&t| slots[t].is_none() && tasks[t].after.iter().all(|&a| slots[a].is_some()))
        .max_by_key(|&t| (tail[t], std::cmp::Reverse(t)))
}

/// Per task: its months plus the longest chain of tasks that wait on it.
fn tails(tasks: &[Task]) -> Vec<u32> {
    let mut tail: Vec<Option<u32>> = vec![None; tasks.len()];
    fn visit(t: usize, tasks: &[Task], tail: &mut Vec<Option<u32>>) -> u32 {
        if let Some(x) = tail[t] {
            return x;
        }
        tail[t] = Some(0); // the loader refuses cycles; this only guards the recursion
        let after: Vec<usize> = (0..tasks.len())
            .filter(|&o| tasks[o].after.contains(&t))
            .collect();
        let own = if tasks[t].done {
            0
        } else {
            u32::from(tasks[t].months)
        };
        let x = own
            + after
                .into_iter()
                .map(|o| visit(o, tasks, tail))
                .max()
                .unwrap_or(0);
        tail[t] = Some(x);
        x
    }
    (0..tasks.len())
        .map(|t| visit(t, tasks, &mut tail))
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
        let limits = Limits {
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
        let limits = Limits {
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
