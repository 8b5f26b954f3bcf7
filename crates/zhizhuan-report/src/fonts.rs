//! The embedded Noto Sans SC faces, their metrics, and the glyph-coverage check.
//!
//! The fonts are compiled into the binary (`include_bytes!`) because the app runs offline on
//! machines whose system fonts we cannot rely on, and because the PDF must embed the exact
//! face whose widths the layout measured. Parsing a 10 MB CJK face takes tens of
//! milliseconds, so each face is parsed once per process and shared.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{RenderWarning, ReportError};

static REGULAR_TTF: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Bold.ttf");

/// The font files themselves, for the chart images of the Word edition (drawn with the same
/// glyphs as the PDF).
pub(crate) fn font_bytes(bold: bool) -> &'static [u8] {
    if bold { BOLD_TTF } else { REGULAR_TTF }
}

/// One parsed face with the numbers layout needs.
pub(crate) struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Face, ReportError> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or(ReportError::FontParse { font: name })?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Ok(Face {
            parsed,
            units_per_em,
        })
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(c as u32).is_some()
    }

    /// Advance width of `c` in ems (0 for characters the face lacks; they are replaced
    /// before layout, see [`Faces::check_text`]).
    pub fn advance_em(&self, c: char) -> f32 {
        match self.parsed.lookup_glyph_index(c as u32) {
            Some(gid) => f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em,
            None => 0.0,
        }
    }
}

/// The regular and bold faces.
pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
}

static FACES: OnceLock<Result<Faces, ReportError>> = OnceLock::new();

/// The process-wide parsed faces (parsed on first use).
pub(crate) fn faces() -> Result<&'static Faces, ReportError> {
    FACES
        .get_or_init(|| {
            Ok(Faces {
                regular: Face::parse(REGULAR_TTF, "NotoSansSC-Regular")?,
                bold: Face::parse(BOLD_TTF, "NotoSansSC-Bold")?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Characters with no visible form that are dropped silently (joiners, variation selectors,
/// BOM); they would otherwise be reported as missing glyphs after e.g. an emoji.
fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF)
}

impl Faces {
    /// Makes `text` printable with our faces: each character either has a glyph in both faces
    /// or is replaced by a visible `[U+XXXX]` and reported, so nothing prints as a silent box.
    /// Tabs become spaces; other control characters (except `\n`) are dropped.
    pub fn check_text(&self, location: &str, text: &mut String, warnings: &mut Vec<RenderWarning>) {
        let fine = |c: char| c == '\n' || (!c.is_control() && !is_invisible(c) && self.covers(c));
        if text.chars().all(fine) {
            return;
        }
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            if fine(c) {
                out.push(c);
            } else if c == '\t' {
                out.push(' ');
            } else if c.is_control() || is_invisible(c) {
                // No ink either way; not worth a warning.
            } else {
                out.push_str(&format!("[U+{:04X}]", c as u32));
                warnings.push(RenderWarning::MissingGlyph {
                    character: c,
                    location: location.to_string(),
                });
            }
        }
        *text = out;
    }

    fn covers(&self, c: char) -> bool {
        self.regular.has_glyph(c) && self.bold.has_glyph(c)
    }
}
