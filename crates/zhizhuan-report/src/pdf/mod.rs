//! PDF rendering: check text against the font, lay out, emit.

mod charts;
mod emit;
mod layout;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

use crate::error::{RenderWarning, ReportError};
use crate::fonts::faces;
use crate::model::ReportModel;

/// Caller-supplied inputs that are not part of the report's content.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Written as the PDF creation date. Passed in (never read from the clock) so the same
    /// model and options always give the same document.
    pub created: DateTime<FixedOffset>,
}

/// A rendered PDF and what the reader should be told about it.
#[derive(Debug, Clone)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Content that could not be shown as given (missing glyphs, malformed rows, …). The PDF
    /// is still complete; show these to the user before they file it.
    pub warnings: Vec<RenderWarning>,
}

/// Renders the report. Pure: no file or clock access.
pub fn render_pdf(
    model: &ReportModel,
    options: &RenderOptions,
) -> Result<RenderedPdf, ReportError> {
    let faces = faces()?;
    let mut warnings = Vec::new();

    // Every character is checked against the font before layout, so widths are measured on
    // exactly what will be printed and nothing falls through to a .notdef box.
    let mut model = model.clone();
    model.for_each_text_mut(&mut |at, s| faces.check_text(at, s, &mut warnings));

    let laid = layout::lay_out(&model, faces, &mut warnings);
    let pages = laid.pages.len();
    let l = model.lang.labels();
    let c = &model.cover;
    let title = if c.enterprise.is_empty() {
        c.title.clone()
    } else {
        format!("{} — {}", c.title, c.enterprise)
    };
    let meta = emit::Metadata {
        title,
        author: c.assessor.clone(),
        subject: [c.framework.as_str(), c.framework_version.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
        created: pdf_date(&options.created),
    };
    let bytes = emit::emit(laid, faces, l, c, meta);
    if bytes.is_empty() {
        return Err(ReportError::Pdf("empty output".into()));
    }
    Ok(RenderedPdf {
        bytes,
        pages,
        warnings,
    })
}

/// printpdf 0.12.8 writes every date with a `+00'00'` offset whatever it is given, so the
/// instant is converted to UTC first; the time zone is lost, the moment is not.
fn pdf_date(d: &DateTime<FixedOffset>) -> printpdf::OffsetDateTime {
    let d = d.with_timezone(&chrono::Utc);
    printpdf::OffsetDateTime {
        date: printpdf::Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        },
        time: printpdf::Time {
            hour: d.hour() as u8,
            minute: d.minute() as u8,
            second: d.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}
