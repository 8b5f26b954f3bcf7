//! Laid-out pages → printpdf operations → PDF bytes.
//!
//! This is the only module that knows printpdf's coordinate system (origin bottom-left) and
//! its op vocabulary. It also adds the running header and the 「第 x 页 / 共 y 页」 footer,
//! which need the final page count.

use printpdf::{
    Color as PdfColor, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem,
    WindingOrder,
};

use crate::fonts::Faces;
use crate::labels::Labels;
use crate::model::Cover;

use super::layout::{
    BODY_W, Color, Item, Laid, MARGIN_X, PAGE_H, Typesetter, palette as pal, text,
};

/// Document information dictionary entries.
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub created: printpdf::OffsetDateTime,
}

pub fn emit(laid: Laid, faces: &Faces, l: &Labels, cover: &Cover, meta: Metadata) -> Vec<u8> {
    // Only measures and truncates the running header and footer: no wrapping, so no terms.
    let ty = Typesetter { faces, terms: &[] };
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author;
    info.subject = meta.subject;
    info.creator = "ZhiZhuan (智转)".to_string();
    info.producer = "ZhiZhuan report renderer (printpdf)".to_string();
    info.creation_date = meta.created;
    info.modification_date = meta.created;
    info.metadata_date = meta.created;

    // Fixed resource names keep the page content deterministic (add_font picks random ids).
    // printpdf also uses the id as the subset tag, which PDF wants as six capital letters
    // (`ZHZSCR+NotoSansSC-Regular`), so readers and pdffonts recognise the subsets.
    let regular = FontId("ZHZSCR".to_string());
    let bold = FontId("ZHZSCB".to_string());
    doc.resources.fonts.map.insert(
        regular.clone(),
        printpdf::PdfFont::new(faces.regular.parsed.clone()),
    );
    doc.resources.fonts.map.insert(
        bold.clone(),
        printpdf::PdfFont::new(faces.bold.parsed.clone()),
    );

    let total = laid.pages.len();
    let running = Running::new(&ty, l, cover);
    let mut pages = Vec::with_capacity(total);
    for (i, page) in laid.pages.into_iter().enumerate() {
        let mut items = page.items;
        if i > 0 {
            items.extend(running.items(&ty, l, i + 1, total));
        }
        let ops = page_ops(&items, &regular, &bold);
        pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    for entry in &laid.toc {
        doc.add_bookmark(&format!("{} {}", entry.number, entry.title), entry.page);
    }
    doc.with_pages(pages);
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut Vec::new());
    finish_catalog(&mut lo, l.lang);
    if opts.optimize {
        lo.compress();
    }
    let mut bytes = Vec::new();
    // An empty result is reported by the caller.
    let _ = lo.save_to(&mut bytes);
    bytes
}

/// What printpdf 0.12.8 writes wrong or leaves out of the catalog and the info dictionary:
/// no `/Lang` (screen readers and text extraction guess the language), `/PageMode` as a string
/// where PDF wants a name (so the bookmarks pane did not open), and an empty
/// `/GTS_PDFXVersion` — a PDF/X conformance key this file does not meet (no output intent, RGB
/// colour) — with empty `/Identifier` and `/Keywords`.
fn finish_catalog(doc: &mut lopdf::Document, lang: crate::Lang) {
    use lopdf::Object;
    if let Ok(catalog) = doc.catalog_mut() {
        let tag = match lang {
            crate::Lang::Zh => "zh-CN",
            crate::Lang::En => "en-US",
        };
        catalog.set("Lang", Object::string_literal(tag));
        if matches!(catalog.get(b"PageMode"), Ok(Object::String(..))) {
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(Ok(Object::Dictionary(info))) = info.map(|id| doc.get_object_mut(id)) {
        for key in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Keywords"] {
            let empty = match info.get(key) {
                Ok(Object::String(s, _)) => s.is_empty(),
                Ok(Object::Array(a)) => a.is_empty(),
                _ => false,
            };
            if empty || key == b"GTS_PDFXVersion" {
                info.remove(key);
            }
        }
    }
}

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

fn paint_mode(fill: bool, stroke: bool) -> PaintMode {
    match (fill, stroke) {
        (true, true) => PaintMode::FillStroke,
        (false, true) => PaintMode::Stroke,
        _ => PaintMode::Fill,
    }
}

fn page_ops(items: &[Item], regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 4);
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                bold: is_bold,
                color,
                text,
            } => {
                let font = if *is_bold { bold } else { regular };
                push_text(&mut ops, font, pt(*x, *y), *size, *color, text);
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => push_rect(&mut ops, (*x, *y, *w, *h), *fill, *stroke),
            Item::Path {
                points,
                closed,
                fill,
                stroke,
                dashed,
            } => push_path(&mut ops, points, *closed, *fill, *stroke, *dashed),
        }
    }
    ops
}

/// The operators of one line of text at `pos` (an empty text draws nothing).
fn push_text(ops: &mut Vec<Op>, font: &FontId, pos: Point, size: f32, color: Color, text: &str) {
    if text.is_empty() {
        return;
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
        size: Pt(size),
    });
    ops.push(Op::SetFillColor { col: rgb(color) });
    ops.push(Op::SetTextCursor { pos });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    });
    ops.push(Op::EndTextSection);
}

/// The operators of a rectangle (x, y from the top, w, h), filled and/or stroked.
fn push_rect(
    ops: &mut Vec<Op>,
    (x, y, w, h): (f32, f32, f32, f32),
    fill: Option<Color>,
    stroke: Option<(Color, f32)>,
) {
    set_paint(ops, fill, stroke);
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(x),
            y: Pt(PAGE_H - y - h),
            width: Pt(w),
            height: Pt(h),
            mode: Some(paint_mode(fill.is_some(), stroke.is_some())),
            winding_order: Some(WindingOrder::NonZero),
        },
    });
}

/// The operators of a path: a polygon when filled, else a line (open or closed), dashed on
/// request. Fewer than two points draw nothing.
fn push_path(
    ops: &mut Vec<Op>,
    points: &[(f32, f32)],
    closed: bool,
    fill: Option<Color>,
    stroke: Option<(Color, f32)>,
    dashed: bool,
) {
    if points.len() < 2 {
        return;
    }
    set_paint(ops, fill, stroke);
    if dashed {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[0.8, 2.6]),
        });
    }
    let pts: Vec<LinePoint> = points
        .iter()
        .map(|(x, y)| LinePoint {
            p: pt(*x, *y),
            bezier: false,
        })
        .collect();
    if fill.is_some() {
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points: pts }],
                mode: paint_mode(true, stroke.is_some()),
                winding_order: WindingOrder::NonZero,
            },
        });
    } else {
        ops.push(Op::DrawLine {
            line: Line {
                points: pts,
                is_closed: closed,
            },
        });
    }
    if dashed {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        });
    }
}

fn set_paint(ops: &mut Vec<Op>, fill: Option<Color>, stroke: Option<(Color, f32)>) {
    if let Some(f) = fill {
        ops.push(Op::SetFillColor { col: rgb(f) });
    }
    if let Some((c, w)) = stroke {
        ops.push(Op::SetOutlineColor { col: rgb(c) });
        ops.push(Op::SetOutlineThickness { pt: Pt(w) });
    }
}

/// The running header (enterprise left, framework right, both truncated to fit) and the page
/// footer. A draft names itself where the enterprise would be, in the warning colour, so no
/// page of it reads as an enterprise's report.
struct Running {
    left: String,
    left_bold: bool,
    left_color: Color,
    right: String,
    right_w: f32,
}

impl Running {
    fn new(ty: &Typesetter, l: &Labels, cover: &Cover) -> Running {
        let (left, left_bold, left_color) = if cover.draft {
            (l.draft.to_string(), true, pal::BAD)
        } else {
            (cover.enterprise.clone(), false, pal::MUTED)
        };
        // The enterprise takes at most 55 % of the line and the framework what is left, so
        // a short name leaves a long English title whole; the report number is never cut:
        // the framework name gives way to it.
        let left = ty.truncate(&left, BODY_W * 0.55, 8.0, left_bold);
        let room = BODY_W - ty.width(&left, 8.0, left_bold) - 16.0;
        let right = match &cover.report_no {
            Some(no) => {
                let room = room - ty.width(no, 8.0, false) - 8.0;
                format!(
                    "{}  {no}",
                    ty.truncate(&cover.framework, room.max(0.0), 8.0, false)
                )
            }
            None => ty.truncate(&cover.framework, room.max(0.0), 8.0, false),
        };
        Running {
            left,
            left_bold,
            left_color,
            right_w: ty.width(&right, 8.0, false),
            right,
        }
    }

    fn items(&self, ty: &Typesetter, l: &Labels, page: usize, total: usize) -> Vec<Item> {
        let footer = l.page_footer(page, total);
        let fw = ty.width(&footer, 8.0, false);
        vec![
            text(
                MARGIN_X,
                40.0,
                8.0,
                self.left_bold,
                self.left_color,
                self.left.clone(),
            ),
            text(
                MARGIN_X + BODY_W - self.right_w,
                40.0,
                8.0,
                false,
                pal::MUTED,
                self.right.clone(),
            ),
            Item::line(MARGIN_X, 46.0, MARGIN_X + BODY_W, 46.0, pal::RULE, 0.5),
            Item::line(
                MARGIN_X,
                PAGE_H - 46.0,
                MARGIN_X + BODY_W,
                PAGE_H - 46.0,
                pal::RULE,
                0.5,
            ),
            text(
                MARGIN_X + (BODY_W - fw) / 2.0,
                PAGE_H - 32.0,
                8.0,
                false,
                pal::MUTED,
                footer,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The running header of an English CMMM report once read 「Intelligent manufacturing
    /// capabi…」 beside a short enterprise name: the title takes the room the name leaves,
    /// a long name is cut instead, and the report number is always whole.
    #[test]
    fn the_running_header_cuts_only_what_does_not_fit() {
        let faces = crate::fonts::faces().unwrap();
        let ty = Typesetter { faces, terms: &[] };
        let l = crate::Lang::En.labels();
        let title = "Intelligent manufacturing capability maturity (CMMM)";
        for (enterprise, title_whole) in [
            ("常州市喆堃精密机械有限公司", true),
            (&*"无锡市镕昇喆堃智能装备有限公司".repeat(10), false),
        ] {
            let cover = Cover {
                enterprise: enterprise.to_string(),
                framework: title.into(),
                report_no: Some("ZZ-DE71BF6F-R1".into()),
                ..Cover::default()
            };
            let r = Running::new(&ty, l, &cover);
            assert_eq!(r.right.contains(title), title_whole, "{}", r.right);
            assert!(r.right.ends_with("ZZ-DE71BF6F-R1"), "{}", r.right);
            assert_eq!(r.left == enterprise, title_whole, "{}", r.left);
            let left_w = ty.width(&r.left, 8.0, r.left_bold);
            assert!(
                left_w + r.right_w <= BODY_W - 16.0 + 0.01,
                "{left_w} + {}",
                r.right_w
            );
        }
    }
}
