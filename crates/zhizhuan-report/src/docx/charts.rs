//! Charts as tables of the figures the PDF draws: the same numbers, editable, and a reader of
//! the Word file sees every value without estimating it from a drawing.

use crate::labels::{Labels, Lang};
use crate::model::{BarChart, Chart, Column, LevelGrid, RadarChart, Row, Table, Timeline};

/// The chart's title and its figures as a table.
pub(crate) fn figures(l: &Labels, chart: &Chart) -> (String, Table) {
    match chart {
        Chart::Radar(r) => (r.title.clone(), radar(l, r)),
        Chart::Bars(b) => (b.title.clone(), bars(l, b)),
        Chart::LevelGrid(g) => (g.title.clone(), level_grid(l, g)),
        Chart::Timeline(t) => (t.title.clone(), timeline(l, t)),
    }
}

fn word(l: &Labels, zh: &str, en: &str) -> String {
    match l.lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// One row per axis, one column per series, with the rim value in the header.
fn radar(l: &Labels, r: &RadarChart) -> Table {
    let mut columns = vec![Column::new(word(l, "维度", "Axis"), 3)];
    for s in &r.series {
        columns.push(Column::new(format!("{} / {}", s.name, r.max), 2).right());
    }
    let mut t = Table::new(columns);
    for (i, axis) in r.axes.iter().enumerate() {
        let mut cells = vec![axis.clone()];
        for s in &r.series {
            cells.push(s.values.get(i).map(|v| v.to_string()).unwrap_or_default());
        }
        t = t.row(cells);
    }
    t
}

fn bars(l: &Labels, b: &BarChart) -> Table {
    let mut columns = vec![
        Column::new(word(l, "项目", "Item"), 4),
        Column::new(format!("{}（{}）", b.value_label, b.unit), 2).right(),
        Column::new(word(l, "满分", "Full scale"), 2).right(),
    ];
    if let Some(t) = &b.target_label {
        columns.push(Column::new(t.clone(), 2).right());
    }
    let with_target = b.target_label.is_some();
    let mut t = Table::new(columns);
    for bar in &b.bars {
        let mut cells = vec![
            bar.label.clone(),
            bar.value.to_string(),
            bar.max.to_string(),
        ];
        if with_target {
            cells.push(bar.target.map(|v| v.to_string()).unwrap_or_default());
        }
        t = t.row(cells);
    }
    t
}

fn level_name(l: &Labels, g: &LevelGrid, rank: Option<u8>) -> String {
    match rank {
        None | Some(0) => l.below_first_level.to_string(),
        Some(r) => g
            .levels
            .get(usize::from(r) - 1)
            .cloned()
            .unwrap_or_else(|| r.to_string()),
    }
}

fn level_grid(l: &Labels, g: &LevelGrid) -> Table {
    let mut t = Table::new(vec![
        Column::new(word(l, "场景", "Scenario"), 4),
        Column::new(l.legend_current, 2).center(),
        Column::new(l.legend_target, 2).center(),
    ]);
    for row in &g.rows {
        let target = match row.target {
            Some(_) => level_name(l, g, row.target),
            None => "—".to_string(),
        };
        t = t.row([row.label.clone(), level_name(l, g, row.current), target]);
    }
    t
}

/// Months are printed 1-based and inclusive, as the roadmap table prints them.
fn months(l: &Labels, start: u16, duration: u16) -> String {
    let first = u32::from(start) + 1;
    let last = u32::from(start) + u32::from(duration.max(1));
    let range = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    match l.lang {
        Lang::Zh => format!("第 {range} 月"),
        Lang::En => format!("Month {range}"),
    }
}

fn timeline(l: &Labels, tl: &Timeline) -> Table {
    let mut t = Table::new(vec![
        Column::new(word(l, "阶段 / 行动", "Phase / action"), 6),
        Column::new(word(l, "时间", "When"), 2).center(),
    ]);
    for p in &tl.phases {
        t.push(
            Row::new(vec![
                p.name.clone().into(),
                months(l, p.start_month, p.duration_months).into(),
            ])
            .kind(crate::model::RowKind::Total),
        );
        if p.actions.is_empty() {
            t = t.row([l.no_actions_in_phase.to_string(), String::new()]);
        }
        for a in &p.actions {
            t = t.row([a.label.clone(), months(l, a.start_month, a.duration_months)]);
        }
    }
    t
}
