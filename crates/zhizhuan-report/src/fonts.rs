//! The embedded Noto Sans SC faces, their metrics, and the glyph-coverage check.
//!
//! The fonts are compiled into the binary (`include_bytes!`) because the app runs offline on
//! machines whose system fonts we cannot rely on, and because the PDF must embed the exact
//! face whose widths the layout measured. They are stored brotli-compressed (10.5 MB → 4.8 MB
//! a face; `fonts/README.md`), which keeps the installers small, and expanded in memory the
//! first time a report needs them. Expanding and parsing a 10 MB CJK face takes tens of
//! milliseconds, so each face is expanded and parsed once per process and shared.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{RenderWarning, ReportError};

static REGULAR_TTF_BR: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Regular.ttf.br");
static BOLD_TTF_BR: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Bold.ttf.br");

/// The TTF inside a brotli stream (a corrupt stream is a broken build, reported as such).
fn expand(compressed: &[u8], name: &'static str) -> Result<Vec<u8>, ReportError> {
    let mut ttf = Vec::with_capacity(compressed.len() * 3);
    brotli_decompressor::BrotliDecompress(&mut &compressed[..], &mut ttf)
        .map_err(|_| ReportError::FontParse { font: name })?;
    Ok(ttf)
}

/// The two expanded TTFs (regular, bold), expanded once per process.
fn ttfs() -> Result<&'static [Vec<u8>; 2], ReportError> {
    static TTFS: OnceLock<Result<[Vec<u8>; 2], ReportError>> = OnceLock::new();
    TTFS.get_or_init(|| {
        Ok([
            expand(REGULAR_TTF_BR, "NotoSansSC-Regular")?,
            expand(BOLD_TTF_BR, "NotoSansSC-Bold")?,
        ])
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The font files themselves, for the chart images of the Word edition (drawn with the same
/// glyphs as the PDF).
pub(crate) fn font_bytes(bold: bool) -> Result<&'static [u8], ReportError> {
    Ok(&ttfs()?[usize::from(bold)])
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
            let [regular, bold] = ttfs()?;
            Ok(Faces {
                regular: Face::parse(regular, "NotoSansSC-Regular")?,
                bold: Face::parse(bold, "NotoSansSC-Bold")?,
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

/// English text with straight quotes: the one embedded face (Noto Sans SC) draws U+2018–201D
/// full-width, as Chinese typesetting sets them, which leaves an em of space beside every
/// quoted English word. Chinese text keeps them.
pub(crate) fn straight_quotes(text: &mut String) {
    if text.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']) {
        *text = (text.chars())
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201c}' | '\u{201d}' => '"',
                c => c,
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored streams expand to the exact fonts fonts/README.md names (SHA-256 there).
    #[test]
    fn compressed_faces_expand_to_the_documented_fonts() {
        use sha2::{Digest, Sha256};
        let cases = [
            (
                REGULAR_TTF_BR,
                "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
            ),
            (
                BOLD_TTF_BR,
                "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
            ),
        ];
        for (compressed, sha) in cases {
            let ttf = expand(compressed, "test").unwrap();
            let hex: String = Sha256::digest(&ttf)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(hex, sha);
        }
    }

    #[test]
    fn a_corrupt_stream_is_a_font_error() {
        let broken = &REGULAR_TTF_BR[..1000];
        assert!(matches!(
            expand(broken, "x"),
            Err(ReportError::FontParse { font: "x" })
        ));
    }

    #[test]
    fn curly_quotes_are_full_width_in_the_face_so_english_gets_straight_ones() {
        let f = faces().unwrap();
        assert!(f.regular.advance_em('\u{201c}') > 2.0 * f.regular.advance_em('"'));
        let mut s = "from \u{201c}Flat\u{201d} to the firm\u{2019}s \u{2018}Up\u{2019}".to_string();
        straight_quotes(&mut s);
        assert_eq!(s, "from \"Flat\" to the firm's 'Up'");
    }

    #[test]
    fn rare_name_characters_have_glyphs_in_both_faces() {
        let f = faces().unwrap();
        for c in "喆堃镕昇".chars() {
            assert!(f.regular.has_glyph(c) && f.bold.has_glyph(c), "{c}");
        }
    }
}
