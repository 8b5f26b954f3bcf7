//! PDF rendering: check text against the font, lay out, emit.

mod charts;
mod emit;
mod layout;
mod raster;

pub(crate) use raster::chart_image;

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
    let english = model.lang == crate::Lang::En;
    model.for_each_text_mut(&mut |at, s| {
        if english {
            crate::fonts::straight_quotes(s);
        }
        faces.check_text(at, s, &mut warnings)
    });

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
    let mut bytes = emit::emit(laid, faces, l, c, meta);
    if bytes.is_empty() {
        return Err(ReportError::Pdf("empty output".into()));
    }
    stamp_local_dates(&mut bytes, &options.created);
    stamp_content_id(&mut bytes)?;
    Ok(RenderedPdf {
        bytes,
        pages,
        warnings,
    })
}

/// printpdf 0.12.8 writes every date with a `+00'00'` offset whatever it is given, so the
/// instant is handed over in UTC (always correct) and [`stamp_local_dates`] then rewrites it
/// as local time with its real offset.
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

/// `D:YYYYMMDDHHmmSS` + offset, as PDF dates are written.
fn pdf_date_text(d: &DateTime<FixedOffset>, with_offset: bool) -> String {
    let head = d.format("D:%Y%m%d%H%M%S").to_string();
    if !with_offset {
        return format!("{head}+00'00'");
    }
    let secs = d.offset().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let mins = secs.unsigned_abs() / 60;
    format!("{head}{sign}{:02}'{:02}'", mins / 60, mins % 60)
}

/// Replaces the UTC creation and modification dates printpdf wrote with the same instant in
/// the caller's time zone (e.g. `D:20250318100000+08'00'`). Both texts have the same length,
/// so no byte offset in the cross-reference table moves.
fn stamp_local_dates(bytes: &mut [u8], created: &DateTime<FixedOffset>) {
    let utc = pdf_date_text(&created.with_timezone(&chrono::Utc).fixed_offset(), false);
    let local = pdf_date_text(created, true);
    debug_assert_eq!(utc.len(), local.len());
    if utc == local || utc.len() != local.len() {
        return;
    }
    let (from, to) = (utc.as_bytes(), local.as_bytes());
    let mut i = 0;
    while let Some(at) = find(&bytes[i..], from) {
        let at = i + at;
        bytes[at..at + to.len()].copy_from_slice(to);
        i = at + to.len();
    }
}

/// printpdf writes a random trailer `/ID`, so two renders of one model differ. The ID is
/// replaced by a digest of the document itself (with the ID blanked), the same length as the
/// original so the cross-reference offsets stay valid: identical content, identical bytes.
fn stamp_content_id(bytes: &mut [u8]) -> Result<(), ReportError> {
    use sha2::{Digest, Sha256};
    const ID_LEN: usize = 32;
    let start = rfind(bytes, b"/ID[(").ok_or_else(|| ReportError::Pdf("no trailer /ID".into()))?;
    let first = start + b"/ID[(".len();
    let second = first + ID_LEN + b")(".len();
    let well_formed = bytes.len() > second + ID_LEN
        && &bytes[first + ID_LEN..second] == b")("
        && bytes[second + ID_LEN] == b')';
    if !well_formed {
        return Err(ReportError::Pdf("unexpected trailer /ID".into()));
    }
    bytes[first..first + ID_LEN].fill(b'0');
    bytes[second..second + ID_LEN].fill(b'0');
    let digest = Sha256::digest(&*bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02X}")).collect();
    // Both halves equal: the document has not been modified since it was created.
    bytes[first..first + ID_LEN].copy_from_slice(&hex.as_bytes()[..ID_LEN]);
    bytes[second..second + ID_LEN].copy_from_slice(&hex.as_bytes()[..ID_LEN]);
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
