//! Page layout: turns the model into positioned items on A4 pages.
//!
//! Coordinates here are points from the page's *top-left* corner (y grows downwards), which
//! is how layout thinks; [`super::emit`] flips them into PDF space. Content is produced as
//! [`Fragment`]s — small, self-contained stacks of items with a height — and placed by one
//! flow routine that starts a new page when a fragment does not fit and repeats a header
//! fragment (table header, chart axis) at the top of each continuation page. Where the pages
//! break is planned from the heights alone ([`Shape::breaks`]) with widow and orphan control:
//! a table never starts with fewer than two rows at the foot of a page, nor ends with one
//! row alone on a new page.

use crate::error::RenderWarning;
use crate::fonts::Faces;
use crate::labels::Labels;
use crate::linebreak::break_lines_keeping;
use crate::model::{
    Align, Block, Cell, Cover, Declaration, KeyValue, ReportModel, Row, RowKind, Section,
    SectionStart, SignatoryRole, Table, Tag, Tone,
};

use super::charts;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 56.7; // 20 mm
pub const BODY_TOP: f32 = 72.0;
pub const BODY_BOTTOM: f32 = PAGE_H - 62.0;
pub const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;
pub const BODY_H: f32 = BODY_BOTTOM - BODY_TOP;
/// A body page filled to at most this share of its height counts as mostly empty (more than
/// half of it blank).
pub const MOSTLY_EMPTY: f32 = 0.5;

/// An sRGB colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub u8, pub u8, pub u8);

/// The report palette: one blue for "current", one orange for "target", neutral greys.
pub mod palette {
    use super::Color;
    pub const TEXT: Color = Color(0x22, 0x22, 0x22);
    pub const MUTED: Color = Color(0x6B, 0x72, 0x80);
    pub const PRIMARY: Color = Color(0x1F, 0x4E, 0x79);
    pub const PRIMARY_LIGHT: Color = Color(0xDC, 0xE6, 0xF1);
    pub const PRIMARY_PALE: Color = Color(0xEE, 0xF3, 0xF8);
    pub const TARGET: Color = Color(0xE0, 0x7A, 0x1F);
    pub const TARGET_LIGHT: Color = Color(0xFB, 0xE6, 0xD2);
    pub const GOOD: Color = Color(0x2E, 0x7D, 0x32);
    pub const WARNING: Color = Color(0xB2, 0x6A, 0x00);
    pub const BAD: Color = Color(0xC6, 0x28, 0x28);
    pub const RULE: Color = Color(0xD5, 0xD9, 0xE0);
    pub const GRID: Color = Color(0xE6, 0xE9, 0xEE);
    pub const ZEBRA: Color = Color(0xF7, 0xF9, 0xFC);
    pub const WHITE: Color = Color(0xFF, 0xFF, 0xFF);
    /// Phase colours of the roadmap, in order.
    pub const PHASES: [Color; 4] = [
        Color(0x1F, 0x4E, 0x79),
        Color(0x2A, 0x9D, 0x8F),
        Color(0xE0, 0x7A, 0x1F),
        Color(0x6D, 0x59, 0xC9),
    ];
}
use palette as pal;

/// Something to draw.
#[derive(Debug, Clone)]
pub enum Item {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Color,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
    },
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
        dashed: bool,
    },
}

impl Item {
    fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. } | Item::Rect { y, .. } => *y += dy,
            Item::Path { points, .. } => points.iter_mut().for_each(|p| p.1 += dy),
        }
    }

    pub fn line(x1: f32, y1: f32, x2: f32, y2: f32, color: Color, width: f32) -> Item {
        Item::Path {
            points: vec![(x1, y1), (x2, y2)],
            closed: false,
            fill: None,
            stroke: Some((color, width)),
            dashed: false,
        }
    }

    pub fn fill_rect(x: f32, y: f32, w: f32, h: f32, color: Color) -> Item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill: Some(color),
            stroke: None,
        }
    }
}

/// A stack of items in local coordinates (top at y = 0) with its height.
#[derive(Debug, Clone, Default)]
pub struct Fragment {
    pub h: f32,
    pub items: Vec<Item>,
}

impl Fragment {
    /// `self` with `below` placed under it, as one unbreakable fragment.
    pub(crate) fn stacked(mut self, below: Fragment) -> Fragment {
        for mut item in below.items {
            item.shift(self.h);
            self.items.push(item);
        }
        self.h += below.h;
        self
    }
}

/// A block ready to flow: an optional lead (caption, placed once), an optional header
/// repeated at the top of every page the block spans, then the parts.
#[derive(Debug, Default)]
pub struct Flow {
    /// Move the whole block to a new page rather than split it, if it fits on one.
    pub keep_together: bool,
    /// How many parts must stay together at the block's start and end.
    pub keep: Keep,
    pub lead: Option<Fragment>,
    pub header: Option<Fragment>,
    pub parts: Vec<Fragment>,
}

impl Flow {
    fn shape(&self) -> Shape {
        Shape {
            lead: self.lead.as_ref().map_or(0.0, |f| f.h),
            header: self.header.as_ref().map_or(0.0, |f| f.h),
            parts: self.parts.iter().map(|p| p.h).collect(),
            keep_together: self.keep_together,
            keep: self.keep,
        }
    }
}

/// Widow and orphan control, counted in parts (table rows, chart rows, lines of text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// A block starts on a page only if this many parts (all of them, if it has fewer) fit
    /// there under its lead and header; otherwise the whole start moves to the next page.
    pub first: usize,
    /// A block of more than this many parts never ends with fewer than this many on a page
    /// of their own: parts are carried over from the page before.
    pub last: usize,
}

impl Keep {
    /// No control: any part may stand alone.
    pub const NONE: Keep = Keep { first: 1, last: 1 };
    /// Tables, key/value lists, row charts and text: a header (or heading) never sits at the foot of a page
    /// with one row under it, and a last row never stands alone on a new page.
    pub const PAIRS: Keep = Keep { first: 2, last: 2 };
}

impl Default for Keep {
    fn default() -> Self {
        Keep::NONE
    }
}

/// The heights a flow is planned from (see [`Shape::breaks`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub lead: f32,
    pub header: f32,
    pub parts: Vec<f32>,
    pub keep_together: bool,
    pub keep: Keep,
}

/// Where a flow's parts go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breaks {
    /// The flow starts at the top of a new page; nothing of it goes on the current one.
    pub new_page: bool,
    /// Indices of the parts that begin a continuation page (the header repeats above each).
    pub before: Vec<usize>,
}

/// Tolerance so content that fits exactly is not pushed over by rounding.
const EPS: f32 = 0.01;

impl Shape {
    /// The page breaks of this flow placed with `room` points left on the current page, on
    /// pages of [`BODY_H`]. `fresh` says the current page is still empty, so moving to the
    /// next page would gain nothing. Pure, so the rules are tested without fonts or PDFs.
    pub fn breaks(&self, room: f32, fresh: bool) -> Breaks {
        let planned = self.planned(room, fresh);
        // Moving the whole start on would leave this page mostly empty: the rules for a
        // block's start give way (a tall first row may stand alone here), the end keeps its.
        if planned.new_page && room >= (1.0 - MOSTLY_EMPTY) * BODY_H {
            let loose = Shape {
                keep_together: false,
                keep: Keep {
                    first: 1,
                    ..self.keep
                },
                ..self.clone()
            };
            return loose.planned(room, fresh);
        }
        planned
    }

    /// [`Shape::breaks`] by the block's own rules.
    fn planned(&self, room: f32, fresh: bool) -> Breaks {
        let n = self.parts.len();
        let head = self.lead + self.header;
        let total = head + self.parts.iter().sum::<f32>();
        let start = head + self.parts[..self.keep.first.min(n)].iter().sum::<f32>();
        // When even a whole page cannot hold the kept start, ask only for the first part.
        let start = if start <= BODY_H + EPS {
            start
        } else {
            head + self.parts.first().copied().unwrap_or(0.0)
        };
        let mut new_page = !fresh
            && (start > room + EPS
                || (self.keep_together && total <= BODY_H + EPS && total > room + EPS));
        loop {
            let mut before = self.fill(if new_page { BODY_H } else { room });
            let Some(&last) = before.last() else {
                return Breaks { new_page, before };
            };
            let want = self.keep.last;
            if n <= want || n - last >= want {
                return Breaks { new_page, before };
            }
            // The last page is short of `want` parts: move the break back so it has them,
            // if the page before keeps enough and the carried parts fit under the header.
            let carried_to = n - want;
            let (prev, prev_min) = match before.len() {
                1 if new_page || fresh => (0, 1),
                1 => (0, self.keep.first.min(n)),
                k => (before[k - 2], 1),
            };
            let tail = self.header + self.parts[carried_to..].iter().sum::<f32>();
            if carried_to >= prev + prev_min && tail <= BODY_H + EPS {
                *before.last_mut().expect("checked above") = carried_to;
                return Breaks { new_page, before };
            }
            if before.len() == 1 && !new_page && !fresh {
                // Two pages with too few parts for both rules: start on the next page.
                new_page = true;
                continue;
            }
            return Breaks { new_page, before };
        }
    }

    /// Greedy fill: as many parts per page as fit, the header repeated on each new page. A
    /// part that does not fit even on an empty continuation page is placed there anyway.
    fn fill(&self, first_room: f32) -> Vec<usize> {
        let mut before = Vec::new();
        let mut left = first_room - self.lead - self.header;
        let mut on_page = 0;
        for (i, &h) in self.parts.iter().enumerate() {
            if h > left + EPS && (on_page > 0 || before.is_empty()) {
                before.push(i);
                left = BODY_H - self.header;
                on_page = 0;
            }
            left -= h;
            on_page += 1;
        }
        before
    }
}

/// Text measuring and wrapping with the embedded faces.
pub struct Typesetter<'f> {
    pub faces: &'f Faces,
    /// Phrases never broken across lines (the framework's level names: [`ReportModel::keep_together`]).
    pub terms: &'f [String],
}

impl Typesetter<'_> {
    pub fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        let face = if bold {
            &self.faces.bold
        } else {
            &self.faces.regular
        };
        s.chars().map(|c| face.advance_em(c)).sum::<f32>() * size
    }

    pub fn wrap(&self, s: &str, max_w: f32, size: f32, bold: bool) -> Vec<String> {
        let face = if bold {
            &self.faces.bold
        } else {
            &self.faces.regular
        };
        break_lines_keeping(s, max_w, &|c| face.advance_em(c) * size, self.terms)
    }

    /// `s` shortened with 「…」 so it fits `max_w`.
    pub fn truncate(&self, s: &str, max_w: f32, size: f32, bold: bool) -> String {
        if self.width(s, size, bold) <= max_w {
            return s.to_string();
        }
        let ell = self.width("…", size, bold);
        let mut out = String::new();
        let mut w = 0.0;
        for c in s.chars().filter(|c| *c != '\n') {
            let cw = self.width(&c.to_string(), size, bold);
            if w + cw + ell > max_w {
                break;
            }
            out.push(c);
            w += cw;
        }
        out.push('…');
        out
    }
}

/// Baseline offset of text of `size` centred in a line box of height `lh`.
pub fn baseline(lh: f32, size: f32) -> f32 {
    (lh - size) / 2.0 + size * 0.86
}

pub fn text(x: f32, y: f32, size: f32, bold: bool, color: Color, s: impl Into<String>) -> Item {
    Item::Text {
        x,
        y,
        size,
        bold,
        color,
        text: s.into(),
    }
}

/// A laid-out page.
#[derive(Debug, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// One contents entry.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub number: String,
    pub title: String,
    /// 1-based physical page number.
    pub page: usize,
}

/// The result of layout: pages plus what the emitter needs for headers and outline.
pub struct Laid {
    pub pages: Vec<Page>,
    pub toc: Vec<TocEntry>,
}

const BODY_SIZE: f32 = 10.0;
const BODY_LH: f32 = 16.5;
const SMALL_SIZE: f32 = 9.0;
const SMALL_LH: f32 = 13.5;
const CONTENTS_ENTRY_H: f32 = 26.0;
const CONTENTS_TITLE_H: f32 = 60.0;

struct Doc<'a> {
    ty: Typesetter<'a>,
    l: &'static Labels,
    pages: Vec<Page>,
    y: f32,
    toc: Vec<TocEntry>,
    warnings: &'a mut Vec<RenderWarning>,
}

/// Lays out the whole report: cover, contents (filled in after the body, so page numbers are
/// real), body sections. Headers and footers are added by the emitter once the total is known.
pub fn lay_out(model: &ReportModel, faces: &Faces, warnings: &mut Vec<RenderWarning>) -> Laid {
    let l = model.lang.labels();
    let ty = Typesetter {
        faces,
        terms: &model.keep_together,
    };
    let per_contents_page = ((BODY_H - CONTENTS_TITLE_H) / CONTENTS_ENTRY_H).floor() as usize;
    let contents_pages = model
        .sections
        .len()
        .div_ceil(per_contents_page.max(1))
        .max(1);

    let mut doc = Doc {
        ty,
        l,
        pages: Vec::new(),
        y: BODY_TOP,
        toc: Vec::new(),
        warnings,
    };
    // Pass 1: cover, blank contents pages, body (records where each section starts).
    let cover = cover_page(&doc.ty, l, &model.cover);
    doc.pages.push(cover);
    for _ in 0..contents_pages {
        doc.pages.push(Page::default());
    }
    if !model.sections.is_empty() {
        doc.new_page();
    }
    for (i, section) in model.sections.iter().enumerate() {
        doc.section(i, section);
    }
    // Pass 2: the contents, now that every section's page is known.
    let contents = contents_pages_items(&doc.ty, l, &doc.toc, per_contents_page);
    for (i, items) in contents.into_iter().enumerate().take(contents_pages) {
        doc.pages[1 + i].items = items;
    }
    Laid {
        pages: doc.pages,
        toc: doc.toc,
    }
}

impl Doc<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP;
    }

    fn fresh(&self) -> bool {
        self.y <= BODY_TOP + 0.01
    }

    fn fits(&self, h: f32) -> bool {
        self.y + h <= BODY_BOTTOM + 0.01
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if !self.fits(h) && !self.fresh() {
            self.new_page();
        }
    }

    fn place(&mut self, frag: Fragment) {
        self.ensure(frag.h);
        self.put(frag);
    }

    fn gap(&mut self, h: f32) {
        if !self.fresh() {
            self.y = (self.y + h).min(BODY_BOTTOM);
        }
    }

    /// Places `frag` at the current position, wherever that is (the caller decided the page).
    fn put(&mut self, frag: Fragment) {
        let dy = self.y;
        let page = self.pages.last_mut().expect("layout always has a page");
        for mut item in frag.items {
            item.shift(dy);
            page.items.push(item);
        }
        self.y += frag.h;
    }

    /// Places a flow on the page breaks [`Shape::breaks`] plans for it.
    fn flow(&mut self, flow: Flow) {
        let breaks = flow.shape().breaks(BODY_BOTTOM - self.y, self.fresh());
        if breaks.new_page {
            self.new_page();
        }
        if let Some(lead) = flow.lead {
            self.put(lead);
        }
        if let Some(h) = &flow.header {
            self.put(h.clone());
        }
        let mut next_break = breaks.before.iter().peekable();
        for (i, part) in flow.parts.into_iter().enumerate() {
            if next_break.next_if(|&&b| b == i).is_some() {
                self.new_page();
                if let Some(h) = &flow.header {
                    self.put(h.clone());
                }
            }
            self.put(part);
        }
    }

    fn section(&mut self, index: usize, section: &Section) {
        let at = format!("sections[{index}]");
        self.section_start(section.start);
        self.section_heading(index, section);
        if section.blocks.is_empty() {
            self.paragraph(self.l.empty_section, pal::MUTED);
        }
        self.section_blocks(&at, &section.blocks);
    }

    /// Where a section starts: on a new page, or after a gap on this one.
    fn section_start(&mut self, start: SectionStart) {
        match start {
            // A major section opens a page, unless this one holds only the last rows of the
            // previous section: then it follows them, so no page stands nearly blank.
            SectionStart::NewPage => {
                if self.y - BODY_TOP > MOSTLY_EMPTY * BODY_H {
                    self.new_page();
                } else {
                    self.gap(18.0);
                }
            }
            SectionStart::Continue => {
                if !self.fits(BODY_H / 3.0) {
                    self.new_page();
                } else {
                    self.gap(18.0);
                }
            }
        }
    }

    /// The numbered section heading with its rule, recorded in the table of contents.
    fn section_heading(&mut self, index: usize, section: &Section) {
        let title = section
            .title
            .clone()
            .unwrap_or_else(|| self.l.section_title(section.kind).to_string());
        let number = self.l.section_number(index + 1);
        // Title plus room for the first lines of content.
        self.ensure(40.0 + 3.0 * BODY_LH);
        self.toc.push(TocEntry {
            number: number.clone(),
            title: title.clone(),
            page: self.pages.len(),
        });
        let heading = if self.l.lang == crate::Lang::Zh {
            format!("{number}{title}")
        } else {
            format!("{number} {title}")
        };
        let size = 16.0;
        let lines = self.ty.wrap(&heading, BODY_W, size, true);
        let mut frag = Fragment::default();
        for line in lines {
            frag.items.push(text(
                MARGIN_X,
                frag.h + baseline(24.0, size),
                size,
                true,
                pal::PRIMARY,
                line,
            ));
            frag.h += 24.0;
        }
        frag.h += 4.0;
        frag.items.push(Item::line(
            MARGIN_X,
            frag.h,
            MARGIN_X + BODY_W,
            frag.h,
            pal::PRIMARY,
            1.2,
        ));
        frag.h += 12.0;
        self.place(frag);
    }

    /// A section's blocks, each sub-heading kept with the start of the block under it.
    fn section_blocks(&mut self, at: &str, blocks: &[Block]) {
        let mut bi = 0;
        while bi < blocks.len() {
            let block = &blocks[bi];
            // A sub-heading goes with the start of the block under it: it becomes that
            // block's lead, so the block's own rule (e.g. a table's header and two rows)
            // decides whether both fit here or both move on.
            if let Block::Heading(t) = block
                && let Some(next) = blocks.get(bi + 1)
                && let Some((mut flow, after)) =
                    self.block_flow(next, &format!("{at}.blocks[{}]", bi + 1))
            {
                let heading = heading_fragment(&self.ty, t);
                flow.lead = Some(match flow.lead.take() {
                    Some(lead) => heading.stacked(lead),
                    None => heading,
                });
                self.flow(flow);
                self.gap(after);
                bi += 2;
                continue;
            }
            self.block(block, &format!("{at}.blocks[{bi}]"));
            bi += 1;
        }
    }

    /// The blocks that flow by parts, with the gap that follows each.
    fn block_flow(&mut self, block: &Block, at: &str) -> Option<(Flow, f32)> {
        let parts_h = |f: &Flow| f.parts.iter().map(|p| p.h).sum::<f32>();
        Some(match block {
            Block::Paragraph(t) => (self.paragraph_flow(t, pal::TEXT), 6.0),
            Block::KeyValues(kvs) => {
                let mut flow = key_values(&self.ty, self.l, kvs);
                flow.keep_together = parts_h(&flow) < BODY_H / 4.0;
                (flow, 8.0)
            }
            Block::Note { tone, text } => (self.note_flow(*tone, text), 10.0),
            Block::Table(t) => {
                let mut flow = table(&self.ty, self.l, t, at, self.warnings);
                flow.keep_together = parts_h(&flow) < BODY_H / 3.0;
                flow.keep = Keep::PAIRS;
                (flow, 10.0)
            }
            Block::Chart(c) => {
                let mut flow = charts::chart(&self.ty, self.l, c, at, self.warnings);
                // Moving a long chart whole would leave half a page empty; it splits by rows
                // with its header repeated instead, and its rows keep like a table's.
                flow.keep_together = parts_h(&flow) < BODY_H * 0.45;
                flow.keep = Keep::PAIRS;
                (flow, 12.0)
            }
            _ => return None,
        })
    }

    fn block(&mut self, block: &Block, at: &str) {
        if let Some((flow, after)) = self.block_flow(block, at) {
            self.flow(flow);
            self.gap(after);
            return;
        }
        match block {
            Block::Heading(t) => self.heading(t),
            Block::Bullets(items) => self.bullets(items),
            Block::Paragraph(_)
            | Block::KeyValues(_)
            | Block::Note { .. }
            | Block::Table(_)
            | Block::Chart(_) => unreachable!("flows are placed above"),
            Block::Declaration(d) => self.declaration(d),
            Block::PageBreak => {
                if !self.fresh() {
                    self.new_page();
                }
            }
        }
    }

    fn heading(&mut self, t: &str) {
        let frag = heading_fragment(&self.ty, t);
        // Keep the heading with at least three lines of what follows.
        self.ensure(frag.h + 3.0 * BODY_LH);
        self.place(frag);
    }

    fn paragraph(&mut self, t: &str, color: Color) {
        let flow = self.paragraph_flow(t, color);
        self.flow(flow);
        self.gap(6.0);
    }

    /// A paragraph's lines as parts: its first and last line never stand alone on a page.
    fn paragraph_flow(&self, t: &str, color: Color) -> Flow {
        Flow {
            keep: Keep::PAIRS,
            parts: self
                .ty
                .wrap(t, BODY_W, BODY_SIZE, false)
                .iter()
                .map(|line| line_fragment(MARGIN_X, line, BODY_SIZE, BODY_LH, false, color))
                .collect(),
            ..Flow::default()
        }
    }

    fn bullets(&mut self, items: &[String]) {
        let indent = 14.0;
        for item in items {
            let lines = self.ty.wrap(item, BODY_W - indent, BODY_SIZE, false);
            for (i, line) in lines.iter().enumerate() {
                let mut frag = line_fragment(
                    MARGIN_X + indent,
                    line,
                    BODY_SIZE,
                    BODY_LH,
                    false,
                    pal::TEXT,
                );
                if i == 0 {
                    let cy = BODY_LH / 2.0;
                    frag.items.push(Item::fill_rect(
                        MARGIN_X + 3.0,
                        cy - 2.0,
                        4.0,
                        4.0,
                        pal::PRIMARY,
                    ));
                }
                self.place(frag);
            }
            self.gap(2.0);
        }
        self.gap(6.0);
    }

    /// A shaded note, one part per line. A short note moves whole rather than leave a line
    /// of it on another page; a long one splits like a paragraph.
    fn note_flow(&self, tone: Tone, t: &str) -> Flow {
        let accent = tone_color(tone, pal::PRIMARY);
        let bg = match tone {
            Tone::Warning | Tone::Bad => pal::TARGET_LIGHT,
            _ => pal::PRIMARY_PALE,
        };
        let lines = self.ty.wrap(t, BODY_W - 24.0, SMALL_SIZE + 0.5, false);
        let n = lines.len();
        let mut flow = Flow {
            keep: Keep::PAIRS,
            ..Flow::default()
        };
        for (i, line) in lines.into_iter().enumerate() {
            let top_pad = if i == 0 { 6.0 } else { 0.0 };
            let bottom_pad = if i + 1 == n { 6.0 } else { 0.0 };
            let h = top_pad + SMALL_LH + 1.0 + bottom_pad;
            let mut frag = Fragment {
                h,
                items: vec![
                    Item::fill_rect(MARGIN_X, 0.0, BODY_W, h, bg),
                    Item::fill_rect(MARGIN_X, 0.0, 3.0, h, accent),
                ],
            };
            frag.items.push(text(
                MARGIN_X + 14.0,
                top_pad + baseline(SMALL_LH + 1.0, SMALL_SIZE + 0.5),
                SMALL_SIZE + 0.5,
                false,
                pal::TEXT,
                line,
            ));
            flow.parts.push(frag);
        }
        flow.keep_together = flow.parts.iter().map(|p| p.h).sum::<f32>() < BODY_H / 4.0;
        flow
    }

    fn declaration(&mut self, d: &Declaration) {
        let statement = d
            .statement
            .clone()
            .unwrap_or_else(|| self.l.declaration_statement.to_string());
        self.paragraph(&statement, pal::TEXT);
        self.gap(14.0);
        let per_row = 2usize;
        let gutter = 18.0;
        let box_w = (BODY_W - gutter) / per_row as f32;
        for pair in d.signatories.chunks(per_row) {
            let mut frag = Fragment::default();
            let boxes: Vec<(Vec<Item>, f32)> = pair
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let x = MARGIN_X + i as f32 * (box_w + gutter);
                    signature_box(&self.ty, self.l, s.role.clone(), &s.name, x, box_w)
                })
                .collect();
            let max_h = boxes.iter().map(|b| b.1).fold(0.0f32, f32::max);
            for (mut items, _) in boxes {
                // Same height for boxes side by side (the frame is the first item).
                if let Some(Item::Rect { h, .. }) = items.first_mut() {
                    *h = max_h;
                }
                frag.items.extend(items);
            }
            frag.h = max_h + 14.0;
            self.place(frag);
        }
    }
}

/// A sub-heading: bold, with an accent bar.
fn heading_fragment(ty: &Typesetter, t: &str) -> Fragment {
    let size = 12.0;
    let lines = ty.wrap(t, BODY_W - 10.0, size, true);
    let mut frag = Fragment {
        h: 6.0,
        ..Default::default()
    };
    let top = frag.h;
    for line in lines {
        frag.items.push(text(
            MARGIN_X + 10.0,
            frag.h + baseline(19.0, size),
            size,
            true,
            pal::PRIMARY,
            line,
        ));
        frag.h += 19.0;
    }
    frag.items.push(Item::fill_rect(
        MARGIN_X,
        top + 3.5,
        3.0,
        frag.h - top - 7.0,
        pal::TARGET,
    ));
    frag.h += 4.0;
    frag
}

fn tone_color(tone: Tone, normal: Color) -> Color {
    match tone {
        Tone::Normal => normal,
        Tone::Good => pal::GOOD,
        Tone::Warning => pal::WARNING,
        Tone::Bad => pal::BAD,
        Tone::Muted => pal::MUTED,
    }
}

fn line_fragment(x: f32, s: &str, size: f32, lh: f32, bold: bool, color: Color) -> Fragment {
    Fragment {
        h: lh,
        items: vec![text(x, baseline(lh, size), size, bold, color, s)],
    }
}

fn signature_box(
    ty: &Typesetter,
    l: &Labels,
    role: SignatoryRole,
    name: &str,
    x: f32,
    w: f32,
) -> (Vec<Item>, f32) {
    let mut items = Vec::new();
    let mut y = 10.0;
    let pad = 12.0;
    let role_text = l.signatory_role(&role);
    items.push(text(x + pad, y + 11.0, 10.5, true, pal::PRIMARY, role_text));
    y += 22.0;
    for line in ty.wrap(name, w - 2.0 * pad, BODY_SIZE, false) {
        items.push(text(x + pad, y + 11.0, BODY_SIZE, false, pal::TEXT, line));
        y += 15.0;
    }
    y += 14.0;
    // the enterprise signs through its legal representative, and seals
    let mut sign_lines = match role {
        SignatoryRole::Enterprise => vec![format!("{}：", l.legal_representative_signature)],
        _ => vec![format!("{}：", l.signature)],
    };
    sign_lines.push(format!("{}：", l.seal));
    for label in sign_lines {
        let label = if l.lang == crate::Lang::En {
            label.replace('：', ":")
        } else {
            label
        };
        items.push(text(
            x + pad,
            y + 11.0,
            BODY_SIZE,
            false,
            pal::MUTED,
            label.clone(),
        ));
        let lx = x + pad + ty.width(&label, BODY_SIZE, false) + 6.0;
        items.push(Item::line(
            lx,
            y + 13.0,
            x + w - pad,
            y + 13.0,
            pal::MUTED,
            0.6,
        ));
        y += 30.0;
    }
    items.push(text(
        x + pad,
        y + 11.0,
        BODY_SIZE,
        false,
        pal::MUTED,
        l.date_line,
    ));
    y += 26.0;
    items.insert(
        0,
        Item::Rect {
            x,
            y: 0.0,
            w,
            h: y,
            fill: Some(pal::ZEBRA),
            stroke: Some((pal::RULE, 0.8)),
        },
    );
    (items, y)
}

// ---------------------------------------------------------------------------------------------
// Key-value lists and tables.

/// A tag pill: returns its items at (x, top) and its width.
pub fn tag_pill(ty: &Typesetter, l: &Labels, tag: &Tag, x: f32, top: f32) -> (Vec<Item>, f32) {
    let label = l.tag(tag);
    let size = 7.5;
    let w = ty.width(&label, size, false) + 8.0;
    let (bg, fg) = match tag {
        Tag::Estimate => (pal::TARGET_LIGHT, pal::WARNING),
        Tag::NotApplicable => (pal::GRID, pal::MUTED),
        Tag::Custom(_) => (pal::PRIMARY_LIGHT, pal::PRIMARY),
    };
    (
        vec![
            Item::fill_rect(x, top, w, 11.0, bg),
            text(x + 4.0, top + 8.4, size, false, fg, label),
        ],
        w,
    )
}

fn key_values(ty: &Typesetter, l: &Labels, kvs: &[KeyValue]) -> Flow {
    let max_key = kvs
        .iter()
        .map(|kv| ty.width(&kv.key, BODY_SIZE, true))
        .fold(0.0f32, f32::max);
    let key_w = (max_key + 16.0).clamp(60.0, BODY_W * 0.4);
    let val_w = BODY_W - key_w;
    let mut parts = Vec::new();
    for kv in kvs {
        let keys = ty.wrap(&kv.key, key_w - 10.0, BODY_SIZE, true);
        let mut vals = ty.wrap(&kv.value, val_w - 8.0, BODY_SIZE, false);
        let mut frag = Fragment::default();
        let pad = 4.0;
        for (i, k) in keys.iter().enumerate() {
            frag.items.push(text(
                MARGIN_X + 2.0,
                pad + i as f32 * BODY_LH + baseline(BODY_LH, BODY_SIZE),
                BODY_SIZE,
                true,
                pal::MUTED,
                k.clone(),
            ));
        }
        let mut tag_line = None;
        if let Some(tag) = &kv.tag {
            let last = vals.last().map_or(0.0, |v| ty.width(v, BODY_SIZE, false));
            let pill_w = ty.width(&l.tag(tag), 7.5, false) + 14.0;
            if last + pill_w > val_w - 8.0 {
                vals.push(String::new());
                tag_line = Some((vals.len() - 1, 0.0));
            } else {
                tag_line = Some((vals.len() - 1, last + 6.0));
            }
        }
        for (i, v) in vals.iter().enumerate() {
            frag.items.push(text(
                MARGIN_X + key_w,
                pad + i as f32 * BODY_LH + baseline(BODY_LH, BODY_SIZE),
                BODY_SIZE,
                false,
                pal::TEXT,
                v.clone(),
            ));
        }
        if let (Some(tag), Some((line, dx))) = (&kv.tag, tag_line) {
            let (items, _) = tag_pill(
                ty,
                l,
                tag,
                MARGIN_X + key_w + dx,
                pad + line as f32 * BODY_LH + 3.0,
            );
            frag.items.extend(items);
        }
        frag.h = keys.len().max(vals.len()) as f32 * BODY_LH + 2.0 * pad;
        frag.items.push(Item::line(
            MARGIN_X,
            frag.h,
            MARGIN_X + BODY_W,
            frag.h,
            pal::GRID,
            0.5,
        ));
        parts.push(frag);
    }
    // A profile's last field alone on a new page reads as a stray line: keep pairs.
    Flow {
        parts,
        keep: Keep::PAIRS,
        ..Flow::default()
    }
}

const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 4.0;

/// Lines of one cell: wrapped text plus where the tag pill goes (line index, x offset).
struct CellLines {
    lines: Vec<String>,
    tag: Option<(usize, f32)>,
}

fn cell_lines(ty: &Typesetter, l: &Labels, cell: &Cell, w: f32, bold: bool) -> CellLines {
    let inner = (w - 2.0 * CELL_PAD_X).max(4.0);
    let mut lines = ty.wrap(&cell.text, inner, SMALL_SIZE, bold);
    let mut tag = None;
    if let Some(t) = &cell.tag {
        let pill_w = ty.width(&l.tag(t), 7.5, false) + 8.0;
        let last_w = lines.last().map_or(0.0, |s| ty.width(s, SMALL_SIZE, bold));
        let last_empty = lines.last().is_none_or(|s| s.is_empty());
        if last_empty {
            tag = Some((lines.len() - 1, 0.0));
        } else if last_w + 4.0 + pill_w <= inner {
            tag = Some((lines.len() - 1, last_w + 4.0));
        } else {
            lines.push(String::new());
            tag = Some((lines.len() - 1, 0.0));
        }
    }
    CellLines { lines, tag }
}

fn table(
    ty: &Typesetter,
    l: &Labels,
    t: &Table,
    at: &str,
    warnings: &mut Vec<RenderWarning>,
) -> Flow {
    let mut flow = Flow::default();
    if t.columns.is_empty() {
        flow.lead = t.caption.as_deref().map(|c| caption_fragment(ty, c));
        return flow;
    }
    let (widths, xs) = column_widths(t);
    let header = table_header(ty, l, t, &widths, &xs);
    flow.lead = t.caption.as_deref().map(|c| caption_fragment(ty, c));

    // Body rows; a row taller than a page is cut into chunks of lines.
    // Room is left for a group heading kept with the chunk (about three lines).
    let max_lines = (((BODY_H - header.h - 2.0 * CELL_PAD_Y - 3.0 * SMALL_LH) / SMALL_LH).floor()
        as usize)
        .max(1);
    let mut zebra = false;
    let mut pending_group: Option<Fragment> = None;
    for (ri, row) in t.rows.iter().enumerate() {
        // A group row is one label spanning the table: any number of cells is fine.
        if row.kind != RowKind::Group && row.cells.len() != t.columns.len() {
            warnings.push(RenderWarning::CellCountMismatch {
                location: format!("{at}.rows[{ri}]"),
                expected: t.columns.len(),
                found: row.cells.len(),
            });
        }
        let bold = row.kind != RowKind::Normal;
        if row.kind == RowKind::Group {
            // Kept with the row after it: a group heading alone at the foot of a page says
            // nothing, and its rows would start the next page without it.
            let g = group_row(ty, l, row);
            pending_group = Some(match pending_group.take() {
                Some(prev) => prev.stacked(g),
                None => g,
            });
            continue;
        }
        let cells: Vec<CellLines> = (0..t.columns.len())
            .map(|ci| {
                let empty = Cell::default();
                let cell = row.cells.get(ci).unwrap_or(&empty);
                cell_lines(ty, l, cell, widths[ci], bold)
            })
            .collect();
        let n = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
        let fill = match row.kind {
            RowKind::Group => Some(pal::PRIMARY_PALE),
            RowKind::Total => None,
            RowKind::Normal => {
                zebra = !zebra;
                (!zebra).then_some(pal::ZEBRA)
            }
        };
        let mut start = 0;
        while start < n {
            let end = (start + max_lines).min(n);
            let chunk = row_chunk(ty, l, row, &cells, &xs, &widths, t, start, end, fill, bold);
            flow.parts.push(match pending_group.take() {
                Some(g) => g.stacked(chunk),
                None => chunk,
            });
            start = end;
        }
    }
    flow.parts.extend(pending_group);
    flow.header = Some(header);
    flow
}

/// The columns' widths, shared out by weight, and their left edges.
fn column_widths(t: &Table) -> (Vec<f32>, Vec<f32>) {
    let total: f32 = t.columns.iter().map(|c| f32::from(c.weight.max(1))).sum();
    let widths: Vec<f32> = t
        .columns
        .iter()
        .map(|c| BODY_W * f32::from(c.weight.max(1)) / total)
        .collect();
    let xs: Vec<f32> = widths
        .iter()
        .scan(MARGIN_X, |x, w| {
            let here = *x;
            *x += w;
            Some(here)
        })
        .collect();
    (widths, xs)
}

/// The column header, repeated on every page the table spans (the caption goes with the
/// first one).
fn table_header(ty: &Typesetter, l: &Labels, t: &Table, widths: &[f32], xs: &[f32]) -> Fragment {
    let mut header = Fragment::default();
    let head_cells: Vec<CellLines> = t
        .columns
        .iter()
        .zip(widths)
        .map(|(c, w)| cell_lines(ty, l, &Cell::from(c.header.as_str()), *w, true))
        .collect();
    let n_head = head_cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
    header.h = n_head as f32 * SMALL_LH + 2.0 * CELL_PAD_Y;
    header.items.push(Item::fill_rect(
        MARGIN_X,
        0.0,
        BODY_W,
        header.h,
        pal::PRIMARY_LIGHT,
    ));
    for (ci, cl) in head_cells.iter().enumerate() {
        draw_cell_text(
            ty,
            &mut header.items,
            cl,
            xs[ci],
            widths[ci],
            0.0,
            t.columns[ci].align,
            true,
            pal::PRIMARY,
        );
    }
    header.items.push(Item::line(
        MARGIN_X,
        header.h,
        MARGIN_X + BODY_W,
        header.h,
        pal::PRIMARY,
        0.9,
    ));
    header
}

/// A group heading row: one shaded cell across the whole table.
fn group_row(ty: &Typesetter, l: &Labels, row: &Row) -> Fragment {
    let label = row
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("  ");
    let cl = cell_lines(ty, l, &Cell::from(label), BODY_W, true);
    let h = cl.lines.len() as f32 * SMALL_LH + 2.0 * CELL_PAD_Y;
    let mut frag = Fragment {
        h,
        items: vec![Item::fill_rect(MARGIN_X, 0.0, BODY_W, h, pal::PRIMARY_PALE)],
    };
    draw_cell_text(
        ty,
        &mut frag.items,
        &cl,
        MARGIN_X,
        BODY_W,
        0.0,
        Align::Left,
        true,
        pal::PRIMARY,
    );
    frag.items.push(Item::line(
        MARGIN_X,
        h,
        MARGIN_X + BODY_W,
        h,
        pal::RULE,
        0.4,
    ));
    frag
}

fn caption_fragment(ty: &Typesetter, c: &str) -> Fragment {
    let mut frag = Fragment::default();
    for line in ty.wrap(c, BODY_W, BODY_SIZE, true) {
        frag.items.push(text(
            MARGIN_X,
            frag.h + baseline(BODY_LH, BODY_SIZE),
            BODY_SIZE,
            true,
            pal::TEXT,
            line,
        ));
        frag.h += BODY_LH;
    }
    frag.h += 3.0;
    frag
}

#[allow(clippy::too_many_arguments)]
fn draw_cell_text(
    ty: &Typesetter,
    items: &mut Vec<Item>,
    cl: &CellLines,
    x: f32,
    w: f32,
    top: f32,
    align: Align,
    bold: bool,
    color: Color,
) {
    draw_cell_range(
        ty,
        items,
        cl,
        x,
        w,
        top,
        align,
        bold,
        color,
        0,
        cl.lines.len(),
        None,
    );
}

#[allow(clippy::too_many_arguments)]
fn draw_cell_range(
    ty: &Typesetter,
    items: &mut Vec<Item>,
    cl: &CellLines,
    x: f32,
    w: f32,
    top: f32,
    align: Align,
    bold: bool,
    color: Color,
    start: usize,
    end: usize,
    tag: Option<(&Labels, &Tag)>,
) {
    let end = end.min(cl.lines.len());
    for (k, i) in (start..end).enumerate() {
        let line = &cl.lines[i];
        let lw = ty.width(line, SMALL_SIZE, bold);
        // A pill on this line takes room from right- and centre-aligned text.
        let pill_room = match (tag, cl.tag) {
            (Some((l, t)), Some((tl, _))) if tl == i && !line.is_empty() => {
                ty.width(&l.tag(t), 7.5, false) + 12.0
            }
            _ => 0.0,
        };
        let lx = match align {
            Align::Left => x + CELL_PAD_X,
            Align::Center => x + (w - lw - pill_room) / 2.0,
            Align::Right => x + w - CELL_PAD_X - lw - pill_room,
        };
        let ly = top + CELL_PAD_Y + k as f32 * SMALL_LH;
        if !line.is_empty() {
            items.push(text(
                lx,
                ly + baseline(SMALL_LH, SMALL_SIZE),
                SMALL_SIZE,
                bold,
                color,
                line.clone(),
            ));
        }
        if let (Some((l, t)), Some((tl, dx))) = (tag, cl.tag)
            && tl == i
        {
            let px = if line.is_empty() {
                x + CELL_PAD_X
            } else {
                match align {
                    Align::Left => x + CELL_PAD_X + dx,
                    _ => lx + lw + 4.0,
                }
            };
            let (pill, _) = tag_pill(ty, l, t, px, ly + 1.3);
            items.extend(pill);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn row_chunk(
    ty: &Typesetter,
    l: &Labels,
    row: &Row,
    cells: &[CellLines],
    xs: &[f32],
    widths: &[f32],
    t: &Table,
    start: usize,
    end: usize,
    fill: Option<Color>,
    bold: bool,
) -> Fragment {
    let h = (end - start) as f32 * SMALL_LH + 2.0 * CELL_PAD_Y;
    let mut frag = Fragment {
        h,
        items: Vec::new(),
    };
    if let Some(f) = fill {
        frag.items
            .push(Item::fill_rect(MARGIN_X, 0.0, BODY_W, h, f));
    }
    if row.kind == RowKind::Total && start == 0 {
        frag.items.push(Item::line(
            MARGIN_X,
            0.0,
            MARGIN_X + BODY_W,
            0.0,
            pal::PRIMARY,
            0.8,
        ));
    }
    for (ci, cl) in cells.iter().enumerate() {
        let cell = row.cells.get(ci);
        let color = cell.map_or(pal::TEXT, |c| tone_color(c.tone, pal::TEXT));
        let tag = cell.and_then(|c| c.tag.as_ref());
        draw_cell_range(
            ty,
            &mut frag.items,
            cl,
            xs[ci],
            widths[ci],
            0.0,
            t.columns[ci].align,
            bold,
            color,
            start,
            end,
            tag.map(|t| (l, t)),
        );
    }
    frag.items.push(Item::line(
        MARGIN_X,
        h,
        MARGIN_X + BODY_W,
        h,
        pal::RULE,
        0.4,
    ));
    frag
}

// ---------------------------------------------------------------------------------------------
// Cover and contents.

fn cover_page(ty: &Typesetter, l: &Labels, c: &Cover) -> Page {
    let mut items = Vec::new();
    // Top band and product line.
    items.push(Item::fill_rect(0.0, 0.0, PAGE_W, 10.0, pal::PRIMARY));
    items.push(text(
        MARGIN_X,
        64.0,
        9.0,
        false,
        pal::MUTED,
        ty.truncate(l.product_line, BODY_W, 9.0, false),
    ));
    items.push(Item::fill_rect(MARGIN_X, 150.0, 48.0, 4.0, pal::TARGET));

    let mut y = cover_title(ty, c, &mut items, 170.0);
    y += 40.0;
    y = cover_enterprise(ty, l, c, &mut items, y);
    let notes_top = PAGE_H - 60.0 - notes_height(ty, &c.notes);
    cover_fields(ty, &cover_field_list(l, c), &mut items, y, notes_top);
    cover_foot(ty, l, c, &mut items, notes_top);
    Page { items }
}

/// The report's title and subtitle from `y` down; returns the y below them.
fn cover_title(ty: &Typesetter, c: &Cover, items: &mut Vec<Item>, mut y: f32) -> f32 {
    for line in ty.wrap(&c.title, BODY_W, 26.0, true) {
        items.push(text(MARGIN_X, y + 30.0, 26.0, true, pal::PRIMARY, line));
        y += 38.0;
    }
    if let Some(sub) = &c.subtitle {
        y += 4.0;
        for line in ty.wrap(sub, BODY_W, 13.0, false) {
            items.push(text(MARGIN_X, y + 16.0, 13.0, false, pal::MUTED, line));
            y += 21.0;
        }
    }
    y
}

/// The draft mark (if any), the enterprise's name and the rule under it, from `y` down;
/// returns the y below them.
fn cover_enterprise(
    ty: &Typesetter,
    l: &Labels,
    c: &Cover,
    items: &mut Vec<Item>,
    mut y: f32,
) -> f32 {
    if c.draft {
        // In place of the enterprise name: a draft must not pass for an enterprise's report.
        items.push(text(MARGIN_X, y + 24.0, 20.0, true, pal::BAD, l.draft));
        y += 29.0;
    }
    // Enterprise name: shrink a long name rather than letting it run off the cover.
    let mut name_size = 20.0;
    let mut name_lines = ty.wrap(&c.enterprise, BODY_W, name_size, true);
    for size in [17.0, 14.0, 11.0] {
        if name_lines.len() <= 3 {
            break;
        }
        name_size = size;
        name_lines = ty.wrap(&c.enterprise, BODY_W, name_size, true);
    }
    let name_lh = name_size * 1.45;
    for line in name_lines {
        items.push(text(
            MARGIN_X,
            y + baseline(name_lh, name_size),
            name_size,
            true,
            pal::TEXT,
            line,
        ));
        y += name_lh;
    }
    y += 16.0;
    items.push(Item::line(
        MARGIN_X,
        y,
        MARGIN_X + BODY_W,
        y,
        pal::RULE,
        0.8,
    ));
    y + 14.0
}

/// The cover's fields (key, value): empty ones left out, except the assessor's.
fn cover_field_list(l: &Labels, c: &Cover) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&str, String)> = vec![
        (l.credit_code, c.credit_code.clone()),
        (l.industry, c.industry.clone()),
        (l.region, c.region.clone()),
        (l.framework, c.framework.clone()),
        (l.framework_version, c.framework_version.clone()),
        (l.mode, c.mode.clone()),
        (l.organisation, c.organisation.clone()),
        (l.assessor, c.assessor.clone()),
        (l.assessment_date, c.assessment_date.clone()),
    ];
    fields.retain(|(k, v)| !v.is_empty() || *k == l.assessor);
    if let Some(no) = &c.report_no {
        fields.push((l.report_no, no.clone()));
    }
    fields
}

/// The fields as key and value columns from `y` down, stopping before the notes at
/// `notes_top`.
fn cover_fields(
    ty: &Typesetter,
    fields: &[(&str, String)],
    items: &mut Vec<Item>,
    mut y: f32,
    notes_top: f32,
) {
    let key_w = fields
        .iter()
        .map(|(k, _)| ty.width(k, 10.5, false))
        .fold(0.0f32, f32::max)
        + 18.0;
    for (k, v) in fields {
        let lines = ty.wrap(v, BODY_W - key_w, 11.0, false);
        if y + lines.len() as f32 * 20.0 > notes_top {
            break;
        }
        items.push(text(MARGIN_X, y + 14.0, 10.5, false, pal::MUTED, *k));
        for line in lines {
            items.push(text(
                MARGIN_X + key_w,
                y + 14.0,
                11.0,
                false,
                pal::TEXT,
                line,
            ));
            y += 18.0;
        }
        y += 6.0;
    }
}

/// The notes near the foot from `notes_top`, then the bottom band (with the draft mark again).
fn cover_foot(ty: &Typesetter, l: &Labels, c: &Cover, items: &mut Vec<Item>, notes_top: f32) {
    let mut ny = notes_top;
    for note in &c.notes {
        for line in ty.wrap(note, BODY_W, 8.5, false) {
            items.push(text(MARGIN_X, ny + 10.0, 8.5, false, pal::MUTED, line));
            ny += 13.0;
        }
    }
    items.push(Item::fill_rect(
        0.0,
        PAGE_H - 28.0,
        PAGE_W,
        28.0,
        pal::PRIMARY,
    ));
    if c.draft {
        // Again in the bottom band, so a cover torn off its body still says it.
        items.push(text(
            MARGIN_X,
            PAGE_H - 10.0,
            9.0,
            true,
            pal::WHITE,
            l.draft,
        ));
    }
}

fn notes_height(ty: &Typesetter, notes: &[String]) -> f32 {
    notes
        .iter()
        .map(|n| ty.wrap(n, BODY_W, 8.5, false).len() as f32 * 13.0)
        .sum::<f32>()
        .min(200.0)
}

fn contents_pages_items(
    ty: &Typesetter,
    l: &Labels,
    toc: &[TocEntry],
    per_page: usize,
) -> Vec<Vec<Item>> {
    let mut pages = Vec::new();
    let chunks: Vec<&[TocEntry]> = if toc.is_empty() {
        vec![&[]]
    } else {
        toc.chunks(per_page.max(1)).collect()
    };
    for (pi, chunk) in chunks.into_iter().enumerate() {
        let mut items = Vec::new();
        let title = if pi == 0 {
            l.contents.to_string()
        } else {
            format!("{}{}", l.contents, l.continued)
        };
        items.push(text(
            MARGIN_X,
            BODY_TOP + 24.0,
            18.0,
            true,
            pal::PRIMARY,
            title,
        ));
        items.push(Item::line(
            MARGIN_X,
            BODY_TOP + 36.0,
            MARGIN_X + BODY_W,
            BODY_TOP + 36.0,
            pal::PRIMARY,
            1.2,
        ));
        let mut y = BODY_TOP + CONTENTS_TITLE_H;
        for e in chunk {
            items.extend(contents_entry(ty, l, e, y));
            y += CONTENTS_ENTRY_H;
        }
        pages.push(items);
    }
    pages
}

/// One line of the contents at `y`: number, title (cut to fit), dotted leader, page.
fn contents_entry(ty: &Typesetter, l: &Labels, e: &TocEntry, y: f32) -> Vec<Item> {
    let mut out = Vec::new();
    let size = 11.0;
    let num_w = if l.lang == crate::Lang::Zh {
        34.0
    } else {
        22.0
    };
    let page = e.page.to_string();
    let pw = ty.width(&page, size, false);
    let title_max = BODY_W - num_w - pw - 40.0;
    let title = ty.truncate(&e.title, title_max, size, false);
    let tw = ty.width(&title, size, false);
    let base = y + baseline(CONTENTS_ENTRY_H, size);
    out.push(text(
        MARGIN_X,
        base,
        size,
        true,
        pal::PRIMARY,
        e.number.clone(),
    ));
    out.push(text(MARGIN_X + num_w, base, size, false, pal::TEXT, title));
    out.push(text(
        MARGIN_X + BODY_W - pw,
        base,
        size,
        false,
        pal::TEXT,
        page,
    ));
    out.push(Item::Path {
        points: vec![
            (MARGIN_X + num_w + tw + 8.0, base - 1.0),
            (MARGIN_X + BODY_W - pw - 8.0, base - 1.0),
        ],
        closed: false,
        fill: None,
        stroke: Some((pal::MUTED, 0.8)),
        dashed: true,
    });
    out
}

#[cfg(test)]
mod tests;
