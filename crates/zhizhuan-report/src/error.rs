//! Errors (the document could not be produced) and warnings (it was produced, but something
//! in the model could not be shown as given).

use std::fmt;

use serde::Serialize;

/// Why no document came out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// An embedded font failed to parse: the build shipped a broken font file.
    #[error("内置字体 {font} 无法解析 (embedded font {font} could not be parsed)")]
    FontParse { font: &'static str },
    /// The PDF writer produced no bytes.
    #[error("PDF 生成失败：{0} (PDF serialisation failed)")]
    Pdf(String),
    /// The Word document could not be assembled.
    #[error("Word 文档生成失败：{0} (docx export failed)")]
    Docx(String),
    /// A chart image for the Word edition could not be drawn.
    #[error("图表图片生成失败：{0} (chart image failed)")]
    Image(String),
    /// rust_xlsxwriter refused the workbook.
    #[error("Excel 行动计划生成失败：{0} (xlsx export failed)")]
    Xlsx(String),
}

/// Something the reader of the report should know about, located in the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RenderWarning {
    /// The character has no glyph in Noto Sans SC; it is printed as `[U+XXXX]`.
    MissingGlyph { character: char, location: String },
    /// A table row had a different number of cells than the table has columns.
    CellCountMismatch {
        location: String,
        expected: usize,
        found: usize,
    },
    /// A chart could not be drawn as given (e.g. a radar with fewer than three axes).
    ChartFallback { location: String, reason: String },
    /// A value was outside the chart's scale and was clamped for drawing.
    ValueClamped { location: String, value: String },
}

impl fmt::Display for RenderWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderWarning::MissingGlyph {
                character,
                location,
            } => write!(
                f,
                "{location}: 字体缺少字符「{character}」(U+{:04X})，已显示为 [U+{:04X}] \
                 (no glyph for U+{:04X}; printed as its code)",
                *character as u32, *character as u32, *character as u32
            ),
            RenderWarning::CellCountMismatch {
                location,
                expected,
                found,
            } => write!(
                f,
                "{location}: 表格行有 {found} 个单元格，应为 {expected} 个 \
                 (row has {found} cells, table has {expected} columns)"
            ),
            RenderWarning::ChartFallback { location, reason } => {
                write!(f, "{location}: {reason}")
            }
            RenderWarning::ValueClamped { location, value } => write!(
                f,
                "{location}: 数值 {value} 超出图表刻度，已截断绘制 (value outside the chart scale, clamped)"
            ),
        }
    }
}
