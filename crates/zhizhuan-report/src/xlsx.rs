//! The action plan as an Excel workbook: one row per action, grouped by phase, with live
//! `SUBTOTAL` formulas per phase and overall so the enterprise can edit costs and see totals
//! update. `SUBTOTAL(9, …)` skips other subtotals in its range (so the grand total does not
//! double-count phases) and follows the header's autofilter.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
};
use serde::{Deserialize, Serialize};
use zhizhuan_core::decimal::Decimal;

use crate::error::ReportError;
use crate::labels::Lang;

/// The roadmap's actions as the enterprise will track them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionPlan {
    pub lang: Lang,
    pub enterprise: String,
    /// Written as the workbook's creation date (passed in for reproducible output).
    pub created: NaiveDate,
    pub phases: Vec<PlanPhase>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPhase {
    pub name: String,
    pub actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The framework's effort class for the action (低 / 中 / 高), as printed.
    pub effort: String,
    /// The gap engine's weight for that class (低 1, 中 3, 高 9): what the roadmap minimises,
    /// so a phase's sum is the roadmap's `effort_units` for it. Frameworks declare only the
    /// class, never person-days, so the plan shows no days figure it could not back.
    pub effort_units: u32,
    /// The low end of the cost band, in 万元 (CNY 10,000).
    pub cost_low_wan: Decimal,
    /// The high end of the cost band, in 万元 (equal to the low end for a budget the user set).
    pub cost_high_wan: Decimal,
    pub status: ActionStatus,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Deferred,
    /// Decided against; kept in the plan so the record is complete.
    Dropped,
}

impl ActionStatus {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, ActionStatus::Planned) => "计划中",
            (Lang::Zh, ActionStatus::InProgress) => "进行中",
            (Lang::Zh, ActionStatus::Done) => "已完成",
            (Lang::Zh, ActionStatus::Deferred) => "已推迟",
            (Lang::Zh, ActionStatus::Dropped) => "已取消",
            (Lang::En, ActionStatus::Planned) => "Planned",
            (Lang::En, ActionStatus::InProgress) => "In progress",
            (Lang::En, ActionStatus::Done) => "Done",
            (Lang::En, ActionStatus::Deferred) => "Deferred",
            (Lang::En, ActionStatus::Dropped) => "Dropped",
        }
    }
}

struct Texts {
    sheet: &'static str,
    headers: [&'static str; 12],
    /// Tall enough for the longest header wrapped in its column.
    header_height: f64,
    subtotal: &'static str,
    total: &'static str,
}

fn texts(lang: Lang) -> Texts {
    match lang {
        Lang::Zh => Texts {
            sheet: "行动计划",
            headers: [
                "阶段",
                "编号",
                "行动项",
                "负责人",
                "开始日期",
                "完成日期",
                "投入",
                "工作量单位（低1/中3/高9）",
                "费用下限（万元）",
                "费用上限（万元）",
                "状态",
                "备注",
            ],
            header_height: 30.0,
            subtotal: "小计",
            total: "合计",
        },
        Lang::En => Texts {
            sheet: "Action plan",
            headers: [
                "Phase",
                "No.",
                "Action",
                "Owner",
                "Start",
                "End",
                "Effort",
                "Effort units (low 1, medium 3, high 9)",
                "Cost, low (万元 = CNY 10,000)",
                "Cost, high (万元 = CNY 10,000)",
                "Status",
                "Notes",
            ],
            header_height: 44.0,
            subtotal: "Subtotal",
            total: "Total",
        },
    }
}

const WIDTHS: [f64; 12] = [
    16.0, 8.0, 40.0, 12.0, 12.0, 12.0, 8.0, 16.0, 13.0, 13.0, 10.0, 30.0,
];
/// Columns of the summed quantities (H = effort units, I and J = the cost band's ends).
const EFFORT_COL: u16 = 7;
const COST_LOW_COL: u16 = 8;
const COST_HIGH_COL: u16 = 9;
const STATUS_COL: u16 = 10;
const NOTE_COL: u16 = 11;
/// Whether column `c` carries a subtotal.
fn summed(c: u16) -> bool {
    matches!(c, EFFORT_COL | COST_LOW_COL | COST_HIGH_COL)
}

/// Exact running sums of one phase or of the plan: effort units, cost low, cost high.
#[derive(Clone, Copy)]
struct Sums(u32, Decimal, Decimal);

impl Sums {
    const ZERO: Sums = Sums(0, Decimal::ZERO, Decimal::ZERO);

    fn add(self, o: Sums) -> Sums {
        Sums(self.0 + o.0, self.1 + o.1, self.2 + o.2)
    }

    /// (column, cached result) per summed column.
    fn cells(self) -> [(u16, String); 3] {
        [
            (EFFORT_COL, self.0.to_string()),
            (COST_LOW_COL, self.1.to_string()),
            (COST_HIGH_COL, self.2.to_string()),
        ]
    }
}
const LAST_COL: u16 = NOTE_COL;

pub(crate) fn xerr(e: rust_xlsxwriter::XlsxError) -> ReportError {
    ReportError::Xlsx(e.to_string())
}

pub(crate) fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, ReportError> {
    let year =
        u16::try_from(d.year()).map_err(|_| ReportError::Xlsx(format!("日期超出范围 {d}")))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).map_err(xerr)
}

pub(crate) fn num(d: Decimal) -> f64 {
    // Excel stores IEEE doubles anyway; the exact sums go into the formulas' cached results.
    d.to_string().parse().unwrap_or(0.0)
}

fn col_letter(col: u16) -> char {
    (b'A' + col as u8) as char
}

/// Renders the action plan workbook. Pure: returns the .xlsx bytes.
pub fn render_xlsx(plan: &ActionPlan) -> Result<Vec<u8>, ReportError> {
    let t = texts(plan.lang);
    let mut wb = Workbook::new();
    let created = excel_date(plan.created)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — {}", t.sheet, plan.enterprise))
            .set_company(plan.enterprise.as_str())
            .set_creation_datetime(&created),
    );
    let f = Formats::new();

    let ws = wb.add_worksheet();
    write_header(ws, &t, &f)?;

    let mut row: u32 = 1;
    // Exact sums, written as the formulas' cached results.
    let mut grand = Sums::ZERO;
    for phase in &plan.phases {
        if phase.actions.is_empty() {
            write_empty_phase(ws, row, phase, plan.lang, &f)?;
            row += 1;
            continue;
        }
        let first = row;
        let mut sums = Sums::ZERO;
        for a in &phase.actions {
            write_action(ws, row, phase, a, plan.lang, &f)?;
            sums = sums.add(Sums(a.effort_units, a.cost_low_wan, a.cost_high_wan));
            row += 1;
        }
        write_phase_subtotal(ws, row, first, &t, phase, sums, &f)?;
        grand = grand.add(sums);
        row += 1;
    }
    write_grand_total(ws, row, &t, grand, &f)?;
    if row > 1 {
        ws.autofilter(0, 0, row - 1, LAST_COL).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// The cell formats of the action plan sheet: plain cells, phase subtotals and the grand total.
struct Formats {
    header: Format,
    cell: Format,
    wrap: Format,
    muted: Format,
    date: Format,
    number: Format,
    units: Format,
    sub_label: Format,
    sub_number: Format,
    sub_units: Format,
    total_label: Format,
    total_number: Format,
    total_units: Format,
}

impl Formats {
    /// All formats, built on one base font (Microsoft YaHei 10 pt).
    fn new() -> Formats {
        let font = "Microsoft YaHei";
        let base = Format::new().set_font_name(font).set_font_size(10);
        let header = base
            .clone()
            .set_bold()
            .set_font_color(0xFFFFFF)
            .set_background_color(0x1F4E79)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_border(FormatBorder::Thin);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_border_color(0xBFBFBF)
            .set_align(FormatAlign::VerticalCenter);
        let wrap = cell.clone().set_text_wrap();
        let muted = wrap.clone().set_italic().set_font_color(0x6B7280);
        let date = cell.clone().set_num_format("yyyy-mm-dd");
        let number = cell.clone().set_num_format("#,##0.0###");
        let units = cell.clone().set_num_format("#,##0");
        let sub_label = cell.clone().set_bold().set_background_color(0xEEF3F8);
        let sub_number = number.clone().set_bold().set_background_color(0xEEF3F8);
        let sub_units = units.clone().set_bold().set_background_color(0xEEF3F8);
        let total_label = cell
            .clone()
            .set_bold()
            .set_background_color(0xDCE6F1)
            .set_border_top(FormatBorder::Medium);
        let total_number = number
            .clone()
            .set_bold()
            .set_background_color(0xDCE6F1)
            .set_border_top(FormatBorder::Medium);
        let total_units = units
            .clone()
            .set_bold()
            .set_background_color(0xDCE6F1)
            .set_border_top(FormatBorder::Medium);
        Formats {
            header,
            cell,
            wrap,
            muted,
            date,
            number,
            units,
            sub_label,
            sub_number,
            sub_units,
            total_label,
            total_number,
            total_units,
        }
    }
}

/// Names the sheet and writes the header row, the column widths and the page set-up.
fn write_header(ws: &mut Worksheet, t: &Texts, f: &Formats) -> Result<(), ReportError> {
    ws.set_name(t.sheet).map_err(xerr)?;
    for (c, h) in t.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)
            .map_err(xerr)?;
        ws.set_column_width(c as u16, WIDTHS[c]).map_err(xerr)?;
    }
    ws.set_row_height(0, t.header_height).map_err(xerr)?;
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    ws.set_landscape();
    ws.set_repeat_rows(0, 0).map_err(xerr)?;
    Ok(())
}

/// One row that says a phase has no actions, in place of an action list and a zero subtotal
/// (as in the PDF's timeline and phase table).
fn write_empty_phase(
    ws: &mut Worksheet,
    row: u32,
    phase: &PlanPhase,
    lang: Lang,
    f: &Formats,
) -> Result<(), ReportError> {
    ws.write_string_with_format(row, 0, &phase.name, &f.wrap)
        .map_err(xerr)?;
    for c in 1..=LAST_COL {
        if c == 2 {
            ws.write_string_with_format(row, c, lang.labels().no_actions_in_phase, &f.muted)
                .map_err(xerr)?;
        } else {
            ws.write_blank(row, c, &f.cell).map_err(xerr)?;
        }
    }
    Ok(())
}

/// The row of one action of `phase`.
fn write_action(
    ws: &mut Worksheet,
    row: u32,
    phase: &PlanPhase,
    a: &PlanAction,
    lang: Lang,
    f: &Formats,
) -> Result<(), ReportError> {
    ws.write_string_with_format(row, 0, &phase.name, &f.wrap)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 1, &a.id, &f.cell)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 2, &a.title, &f.wrap)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 3, &a.owner, &f.cell)
        .map_err(xerr)?;
    ws.write_datetime_with_format(row, 4, excel_date(a.start)?, &f.date)
        .map_err(xerr)?;
    ws.write_datetime_with_format(row, 5, excel_date(a.end)?, &f.date)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 6, &a.effort, &f.cell)
        .map_err(xerr)?;
    ws.write_number_with_format(row, EFFORT_COL, f64::from(a.effort_units), &f.units)
        .map_err(xerr)?;
    ws.write_number_with_format(row, COST_LOW_COL, num(a.cost_low_wan), &f.number)
        .map_err(xerr)?;
    ws.write_number_with_format(row, COST_HIGH_COL, num(a.cost_high_wan), &f.number)
        .map_err(xerr)?;
    ws.write_string_with_format(row, STATUS_COL, a.status.label(lang), &f.cell)
        .map_err(xerr)?;
    ws.write_string_with_format(row, NOTE_COL, &a.note, &f.wrap)
        .map_err(xerr)?;
    Ok(())
}

/// A phase's subtotal row: `SUBTOTAL` over its actions (rows `first` to `row - 1`), with the
/// exact `sums` as cached results.
fn write_phase_subtotal(
    ws: &mut Worksheet,
    row: u32,
    first: u32,
    t: &Texts,
    phase: &PlanPhase,
    sums: Sums,
    f: &Formats,
) -> Result<(), ReportError> {
    ws.write_string_with_format(
        row,
        0,
        format!("{}：{}", t.subtotal, phase.name),
        &f.sub_label,
    )
    .map_err(xerr)?;
    for c in (1..=LAST_COL).filter(|&c| !summed(c)) {
        ws.write_blank(row, c, &f.sub_label).map_err(xerr)?;
    }
    for (c, v) in sums.cells() {
        let format = if c == EFFORT_COL {
            &f.sub_units
        } else {
            &f.sub_number
        };
        // The phase has actions (an empty one has no subtotal), so the range is real.
        let l = col_letter(c);
        let formula =
            Formula::new(format!("=SUBTOTAL(9,{l}{}:{l}{})", first + 1, row)).set_result(v);
        ws.write_formula_with_format(row, c, formula, format)
            .map_err(xerr)?;
    }
    Ok(())
}

/// The grand total row over everything above it (`SUBTOTAL` ignores the phase subtotals
/// inside), with the exact `grand` sums as cached results.
fn write_grand_total(
    ws: &mut Worksheet,
    row: u32,
    t: &Texts,
    grand: Sums,
    f: &Formats,
) -> Result<(), ReportError> {
    ws.write_string_with_format(row, 0, t.total, &f.total_label)
        .map_err(xerr)?;
    for c in (1..=LAST_COL).filter(|&c| !summed(c)) {
        ws.write_blank(row, c, &f.total_label).map_err(xerr)?;
    }
    for (c, v) in grand.cells() {
        let format = if c == EFFORT_COL {
            &f.total_units
        } else {
            &f.total_number
        };
        let l = col_letter(c);
        let formula = if row > 1 {
            Formula::new(format!("=SUBTOTAL(9,{l}2:{l}{row})"))
        } else {
            Formula::new("=0")
        }
        .set_result(v);
        ws.write_formula_with_format(row, c, formula, format)
            .map_err(xerr)?;
    }
    Ok(())
}
