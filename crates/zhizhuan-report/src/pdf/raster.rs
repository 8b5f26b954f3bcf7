//! A chart as a PNG image, for the Word edition: the PDF's own chart geometry (the same
//! [`Item`]s the PDF draws, from the same chart model) painted on a pixmap with tiny-skia,
//! the text drawn from the embedded font's glyph outlines (ttf-parser), so the picture in
//! Word is the picture in the PDF.

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform};

use super::charts;
use super::layout::{BODY_W, Color, Fragment, Item, MARGIN_X, Typesetter};
use crate::error::ReportError;
use crate::fonts::{faces, font_bytes};
use crate::labels::Labels;
use crate::model::Chart;

/// Pixels per PDF point: 2 gives 144 dpi, sharp in print preview and small as a file.
const SCALE: f32 = 2.0;

/// A chart drawn as PNG, with its size in points (as laid out in the PDF).
pub(crate) struct ChartImage {
    pub png: Vec<u8>,
    pub width_pt: f32,
    pub height_pt: f32,
}

/// Draws `chart` as the PDF lays it out, in one piece (a long chart is not split into pages).
pub(crate) fn chart_image(
    terms: &[String],
    l: &Labels,
    chart: &Chart,
) -> Result<ChartImage, ReportError> {
    let ty = Typesetter {
        faces: faces()?,
        terms,
    };
    let flow = charts::chart(&ty, l, chart, "chart", &mut Vec::new());
    let whole = flow
        .lead
        .into_iter()
        .chain(flow.header)
        .chain(flow.parts)
        .fold(Fragment::default(), Fragment::stacked);
    let (w, h) = (BODY_W, whole.h.max(1.0));
    let mut pixmap = Pixmap::new((w * SCALE).ceil() as u32, (h * SCALE).ceil() as u32)
        .ok_or(ReportError::Image("chart size".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    // layout x runs from the page margin; the image starts at the text column
    let at = Transform::from_translate(-MARGIN_X, 0.0).post_scale(SCALE, SCALE);
    let glyphs = Glyphs::new()?;
    for item in &whole.items {
        draw(&mut pixmap, at, &glyphs, item);
    }
    let png = pixmap
        .encode_png()
        .map_err(|e| ReportError::Image(e.to_string()))?;
    Ok(ChartImage {
        png,
        width_pt: w,
        height_pt: h,
    })
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.0, c.1, c.2, 255);
    p.anti_alias = true;
    p
}

fn draw(pixmap: &mut Pixmap, at: Transform, glyphs: &Glyphs, item: &Item) {
    match item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let Some(r) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) else {
                return;
            };
            let path = PathBuilder::from_rect(r);
            if let Some(c) = fill {
                pixmap.fill_path(&path, &paint(*c), FillRule::Winding, at, None);
            }
            if let Some((c, width)) = stroke {
                let s = Stroke {
                    width: *width,
                    ..Stroke::default()
                };
                pixmap.stroke_path(&path, &paint(*c), &s, at, None);
            }
        }
        Item::Path {
            points,
            closed,
            fill,
            stroke,
            dashed,
        } => {
            let mut pb = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    pb.move_to(*x, *y);
                } else {
                    pb.line_to(*x, *y);
                }
            }
            if *closed {
                pb.close();
            }
            let Some(path) = pb.finish() else { return };
            if let Some(c) = fill {
                pixmap.fill_path(&path, &paint(*c), FillRule::Winding, at, None);
            }
            if let Some((c, width)) = stroke {
                let s = Stroke {
                    width: *width,
                    dash: if *dashed {
                        StrokeDash::new(vec![3.0, 2.0], 0.0)
                    } else {
                        None
                    },
                    ..Stroke::default()
                };
                pixmap.stroke_path(&path, &paint(*c), &s, at, None);
            }
        }
        Item::Text {
            x,
            y,
            size,
            bold,
            color,
            text,
        } => glyphs.draw(pixmap, at, (*x, *y), *size, *bold, *color, text),
    }
}

/// The two faces parsed for outlines.
struct Glyphs {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

/// Collects a glyph outline (font units, y up) into a path placed at the pen (y down).
struct Outline {
    pb: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.pb.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.pb.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.pb.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.pb.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.pb.close();
    }
}

impl Glyphs {
    fn new() -> Result<Glyphs, ReportError> {
        let parse = |bold| {
            ttf_parser::Face::parse(font_bytes(bold)?, 0)
                .map_err(|e| ReportError::Image(format!("font: {e}")))
        };
        Ok(Glyphs {
            regular: parse(false)?,
            bold: parse(true)?,
        })
    }

    /// One line of text from its baseline start, glyph by glyph with the font's advances (the
    /// widths layout measured with).
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        pixmap: &mut Pixmap,
        at: Transform,
        (x, y): (f32, f32),
        size: f32,
        bold: bool,
        color: Color,
        text: &str,
    ) {
        let face = if bold { &self.bold } else { &self.regular };
        let scale = size / f32::from(face.units_per_em());
        let mut out = Outline {
            pb: PathBuilder::new(),
            x,
            y,
            scale,
        };
        for c in text.chars() {
            let Some(g) = face.glyph_index(c) else {
                continue;
            };
            face.outline_glyph(g, &mut out);
            out.x += f32::from(face.glyph_hor_advance(g).unwrap_or(0)) * scale;
        }
        if let Some(path) = out.pb.finish() {
            pixmap.fill_path(&path, &paint(color), FillRule::Winding, at, None);
        }
    }
}
