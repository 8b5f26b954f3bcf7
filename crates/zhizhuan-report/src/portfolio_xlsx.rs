//! The consultant's portfolio as a workbook: one row per assessment as the 「评估总览」 shows it
//! (filtered there), with an autofilter, so a week of client visits can be sorted and passed on.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, FormatBorder, Workbook};
use zhizhuan_core::decimal::Decimal;

use crate::error::ReportError;
use crate::labels::Lang;
use crate::xlsx::{excel_date, num, xerr};

/// One assessment as listed, every text already in the sheet's language.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRow {
    pub enterprise: String,
    pub credit_code: String,
    pub region: String,
    pub industry: String,
    pub framework: String,
    pub status: String,
    pub updated: String,
    pub score: Option<Decimal>,
    pub level: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioSheet {
    pub lang: Lang,
    /// The workbook's creation date (passed in, so the bytes are reproducible).
    pub created: NaiveDate,
    pub rows: Vec<PortfolioRow>,
}

const HEADERS_ZH: [&str; 9] = [
    "企业名称",
    "统一社会信用代码",
    "地区",
    "行业",
    "评估框架",
    "状态",
    "最近修改",
    "得分",
    "等级",
];
const HEADERS_EN: [&str; 9] = [
    "Enterprise",
    "Unified social credit code",
    "Region",
    "Industry",
    "Framework",
    "Status",
    "Last changed",
    "Score",
    "Level",
];
const WIDTHS: [f64; 9] = [30.0, 22.0, 20.0, 24.0, 36.0, 8.0, 18.0, 9.0, 14.0];

/// The workbook's bytes.
pub fn render_portfolio_xlsx(sheet: &PortfolioSheet) -> Result<Vec<u8>, ReportError> {
    let (title, headers) = match sheet.lang {
        Lang::Zh => ("评估总览", HEADERS_ZH),
        Lang::En => ("Portfolio", HEADERS_EN),
    };
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&excel_date(sheet.created)?),
    );
    let base = Format::new()
        .set_font_name("Microsoft YaHei")
        .set_font_size(10)
        .set_border(FormatBorder::Thin)
        .set_border_color(0xBFBFBF);
    let header = base
        .clone()
        .set_bold()
        .set_font_color(0xFFFFFF)
        .set_background_color(0x1F4E79);
    let number = base.clone().set_num_format("0.0###");
    let ws = wb.add_worksheet();
    ws.set_name(title).map_err(xerr)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)
            .map_err(xerr)?;
        ws.set_column_width(c as u16, WIDTHS[c]).map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    for (i, r) in sheet.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let texts = [
            &r.enterprise,
            &r.credit_code,
            &r.region,
            &r.industry,
            &r.framework,
            &r.status,
            &r.updated,
        ];
        for (c, text) in texts.into_iter().enumerate() {
            ws.write_string_with_format(row, c as u16, text, &base)
                .map_err(xerr)?;
        }
        match r.score {
            Some(s) => ws.write_number_with_format(row, 7, num(s), &number),
            None => ws.write_string_with_format(row, 7, "—", &base),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(row, 8, &r.level, &base)
            .map_err(xerr)?;
    }
    ws.autofilter(0, 0, sheet.rows.len() as u32, 8)
        .map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}
