//! Model blocks → Word paragraphs and tables.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, IndentLevel, Level, LevelJc, LevelText,
    LineSpacing, NumberFormat, NumberingId, Paragraph, Pic, Run, Shading, ShdType,
    SpecialIndentType, Start, Table as WTable, TableCell, TableLayoutType, TableRow, VAlignType,
    WidthType,
};

use crate::labels::{Labels, Lang};
use crate::model::{
    Align, Block, Cell, Chart, Declaration, KeyValue, Row, RowKind, SignatoryRole, Table, Tag, Tone,
};

use super::colour;

/// Id of the one bullet list definition (abstract and concrete). Not 1: docx-rs's default
/// numbering part already defines a decimal list with id 1, and Word and LibreOffice take
/// the first definition of an id, which numbered every bullet 1., 2., … across the report.
pub(crate) const BULLETS: usize = 7;

/// A top-level element of the document body, in order.
pub(crate) enum Child {
    // Boxed: a docx-rs paragraph is a few kilobytes, a table far less.
    Paragraph(Box<Paragraph>),
    Table(Box<WTable>),
}

/// The document body being written.
pub(crate) struct Body {
    l: &'static Labels,
    children: Vec<Child>,
    /// The phrases kept on one line, for the chart images' labels (as in the PDF).
    terms: Vec<String>,
    /// Charts drawn so far: numbers each image's relationship id, so the same report always
    /// gets the same ids (docx-rs would count across the whole process).
    charts: usize,
    /// The first chart image that could not be drawn (the render fails with it).
    pub error: Option<crate::ReportError>,
}

/// Text as Word may hold it: tabs become spaces, other control characters (invalid in XML
/// 1.0, or meaningless on the page) are dropped; `\n` is kept for the caller to break on.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => None,
            c => Some(c),
        })
        .collect()
}

/// One run per line of `text`, joined by line breaks, so a `\n` in the model stays a line
/// break inside the same paragraph (as the PDF prints it).
fn runs(text: &str, style: impl Fn(Run) -> Run) -> Vec<Run> {
    let cleaned = clean(text);
    let mut out = Vec::new();
    for (i, line) in cleaned.split('\n').enumerate() {
        let mut r = Run::new();
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        out.push(style(r.add_text(line)));
    }
    out
}

fn with_runs(mut p: Paragraph, text: &str, style: impl Fn(Run) -> Run) -> Paragraph {
    for r in runs(text, style) {
        p = p.add_run(r);
    }
    p
}

fn tone_colour(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Normal => None,
        Tone::Good => Some(colour::GOOD),
        Tone::Warning => Some(colour::WARNING),
        Tone::Bad => Some(colour::BAD),
        Tone::Muted => Some(colour::MUTED),
    }
}

fn shade(fill: &str) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(fill)
}

/// The bullet list: a real Word list (「•」 at level 0), so a consultant adds items with Enter.
pub(crate) fn bullet_numbering() -> AbstractNumbering {
    AbstractNumbering::new(BULLETS).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(Some(420), Some(SpecialIndentType::Hanging(280)), None, None),
    )
}

impl Body {
    pub fn new(l: &'static Labels) -> Body {
        Body {
            l,
            children: Vec::new(),
            terms: Vec::new(),
            charts: 0,
            error: None,
        }
    }

    pub fn with_terms(mut self, terms: &[String]) -> Body {
        self.terms = terms.to_vec();
        self
    }

    pub fn labels(&self) -> &'static Labels {
        self.l
    }

    pub fn into_children(self) -> Vec<Child> {
        self.children
    }

    pub fn push(&mut self, p: Paragraph) {
        self.children.push(Child::Paragraph(Box::new(p)));
    }

    fn push_table(&mut self, t: WTable) {
        self.children.push(Child::Table(Box::new(t)));
        // Word joins two tables that touch; a small paragraph keeps them apart.
        self.push(Paragraph::new().line_spacing(LineSpacing::new().after(60)));
    }

    /// A heading of `level` 1–3 in the `HeadingN` style.
    pub fn heading(&mut self, level: usize, text: &str, new_page: bool) {
        let p = Paragraph::new()
            .style(&format!("Heading{level}"))
            .keep_next(true)
            .page_break_before(new_page)
            .line_spacing(LineSpacing::new().before(240).after(120));
        self.push(with_runs(p, text, |r| r));
    }

    pub fn paragraph(&mut self, text: &str, colour: Option<&str>) {
        let p = Paragraph::new().line_spacing(LineSpacing::new().after(120));
        self.push(with_runs(p, text, |r| match colour {
            Some(c) => r.color(c),
            None => r,
        }));
    }

    pub fn muted(&mut self, text: &str) {
        self.paragraph(text, Some(colour::MUTED));
    }

    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(t) => self.heading(2, t, false),
            Block::Paragraph(t) => self.paragraph(t, None),
            Block::Bullets(items) => {
                for item in items {
                    let p = Paragraph::new()
                        .style("ListBullet")
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
                    self.push(with_runs(p, item, |r| r));
                }
            }
            Block::KeyValues(kvs) => self.key_values(kvs),
            Block::Note { tone, text } => {
                let p = Paragraph::new()
                    .style("Note")
                    .line_spacing(LineSpacing::new().before(60).after(120));
                let c = tone_colour(*tone);
                self.push(with_runs(p, text, |r| match c {
                    Some(c) => r.color(c),
                    None => r,
                }));
            }
            Block::Table(t) => self.table(t),
            Block::Chart(c) => self.chart(c),
            Block::Declaration(d) => self.declaration(d),
            Block::PageBreak => {
                self.push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
        }
    }

    /// Label/value pairs as a two-column table: labels shaded, values as given.
    fn key_values(&mut self, kvs: &[KeyValue]) {
        let rows: Vec<(String, String, Option<&Tag>)> = kvs
            .iter()
            .map(|kv| (kv.key.clone(), kv.value.clone(), kv.tag.as_ref()))
            .collect();
        self.pair_table(&rows);
    }

    /// The cover's fields, as [`Self::key_values`] prints them.
    pub fn pairs(&mut self, fields: &[(&str, &str)]) {
        let rows: Vec<(String, String, Option<&Tag>)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string(), None))
            .collect();
        self.pair_table(&rows);
    }

    fn pair_table(&mut self, rows: &[(String, String, Option<&Tag>)]) {
        let widths = [
            super::TEXT_W * 3 / 10,
            super::TEXT_W - super::TEXT_W * 3 / 10,
        ];
        let rows = rows
            .iter()
            .map(|(k, v, tag)| {
                let key = cell_paragraph(k, Align::Left, |r| r.bold());
                let mut value = cell_paragraph(v, Align::Left, |r| r);
                if let Some(tag) = tag {
                    value = value.add_run(tag_run(self.l, tag));
                }
                TableRow::new(vec![
                    table_cell(key, widths[0]).shading(shade(colour::PRIMARY_PALE)),
                    table_cell(value, widths[1]),
                ])
                .cant_split()
            })
            .collect();
        self.push_table(fixed_table(rows, &widths));
    }

    /// A model table: caption, a header row that repeats on every page, group rows spanning
    /// the table, total rows in bold.
    pub fn table(&mut self, t: &Table) {
        if let Some(c) = &t.caption {
            let p = Paragraph::new().style("Caption").keep_next(true);
            self.push(with_runs(p, c, |r| r));
        }
        let widths = column_widths(t);
        let header: Vec<TableCell> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let p = cell_paragraph(&c.header, c.align, |r| r.bold().color("FFFFFF"));
                table_cell(p, *w).shading(shade(colour::PRIMARY))
            })
            .collect();
        let mut rows = vec![header_row(header)];
        for row in &t.rows {
            rows.push(self.body_row(t, row, &widths));
        }
        self.push_table(fixed_table(rows, &widths));
    }

    fn body_row(&self, t: &Table, row: &Row, widths: &[usize]) -> TableRow {
        if row.kind == RowKind::Group {
            let label: Vec<&str> = row
                .cells
                .iter()
                .map(|c| c.text.as_str())
                .filter(|s| !s.is_empty())
                .collect();
            let p = cell_paragraph(&label.join(" "), Align::Left, |r| r.bold());
            let cell = table_cell(p, widths.iter().sum())
                .grid_span(widths.len())
                .shading(shade(colour::PRIMARY_LIGHT));
            return TableRow::new(vec![cell]).cant_split();
        }
        let bold = row.kind == RowKind::Total;
        let blank = Cell::default();
        let cells = t
            .columns
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (col, w))| {
                let c = row.cells.get(i).unwrap_or(&blank);
                let colour = tone_colour(c.tone);
                let mut p = cell_paragraph(&c.text, col.align, |r| {
                    let r = if bold { r.bold() } else { r };
                    match colour {
                        Some(c) => r.color(c),
                        None => r,
                    }
                });
                if let Some(tag) = &c.tag {
                    p = p.add_run(tag_run(self.l, tag));
                }
                let cell = table_cell(p, *w);
                if bold {
                    cell.shading(shade(colour::PRIMARY_PALE))
                } else {
                    cell
                }
            })
            .collect();
        TableRow::new(cells).cant_split()
    }

    /// The chart as the PDF draws it (a PNG picture), then its figures as an editable table.
    fn chart(&mut self, chart: &Chart) {
        let (title, table) = super::charts::figures(self.l, chart);
        match crate::pdf::chart_image(&self.terms, self.l, chart) {
            Ok(img) => {
                self.charts += 1;
                // points → EMU (12 700 per point)
                let pic = Pic::new_with_dimensions(
                    img.png,
                    (img.width_pt * 2.0) as u32,
                    (img.height_pt * 2.0) as u32,
                )
                .id(format!("rIdChart{}", self.charts))
                .size(
                    (img.width_pt * 12_700.0) as u32,
                    (img.height_pt * 12_700.0) as u32,
                );
                self.push(
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(Run::new().add_image(pic)),
                );
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        let p = Paragraph::new().style("Caption").keep_next(true);
        self.push(with_runs(p, &title, |r| r));
        self.table(&table);
        let note = match self.l.lang {
            Lang::Zh => "注：上表列出图中数据，可直接编辑。",
            Lang::En => "Note: the table lists the chart's figures, ready to edit.",
        };
        self.push(
            Paragraph::new()
                .style("Note")
                .line_spacing(LineSpacing::new().after(120))
                .add_run(Run::new().add_text(note).color(colour::MUTED)),
        );
    }

    /// The statement, then per signatory its role, name and lines to sign, seal and date.
    fn declaration(&mut self, d: &Declaration) {
        let l = self.l;
        let statement = d.statement.as_deref().unwrap_or(l.declaration_statement);
        self.paragraph(statement, None);
        let colon = if l.lang == Lang::Zh { "：" } else { ": " };
        for s in &d.signatories {
            let p = Paragraph::new()
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(240).after(60));
            self.push(with_runs(p, &l.signatory_role(&s.role), |r| {
                r.bold().color(colour::PRIMARY)
            }));
            let p = Paragraph::new().keep_next(true);
            self.push(with_runs(p, &s.name, |r| r));
            let sign = match s.role {
                SignatoryRole::Enterprise => l.legal_representative_signature,
                _ => l.signature,
            };
            let lines = vec![
                format!("{sign}{colon}________________________"),
                format!("{}{colon}________________________", l.seal),
                l.date_line.to_string(),
            ];
            for line in lines {
                let p = Paragraph::new()
                    .keep_next(true)
                    .line_spacing(LineSpacing::new().before(200));
                self.push(with_runs(p, &line, |r| r.color(colour::MUTED)));
            }
        }
    }
}

fn tag_run(l: &Labels, tag: &Tag) -> Run {
    let text = match l.lang {
        Lang::Zh => format!("（{}）", l.tag(tag)),
        Lang::En => format!(" ({})", l.tag(tag)),
    };
    Run::new()
        .add_text(clean(&text))
        .size(16)
        .color(colour::WARNING)
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

fn cell_paragraph(text: &str, align: Align, style: impl Fn(Run) -> Run) -> Paragraph {
    let p = Paragraph::new().style("TableText").align(alignment(align));
    with_runs(p, text, style)
}

fn table_cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

/// Marked for the packager, which adds `w:tblHeader` (repeat on every page): docx-rs has no
/// builder for it. A header row is the only row that also carries `w:cantSplit` *first* —
/// see `package::mark_header_rows`.
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
        .cant_split()
        .row_height(super::package::HEADER_ROW_MARK)
}

fn column_widths(t: &Table) -> Vec<usize> {
    let total: usize = t.columns.iter().map(|c| usize::from(c.weight.max(1))).sum();
    let mut widths: Vec<usize> = t
        .columns
        .iter()
        .map(|c| super::TEXT_W * usize::from(c.weight.max(1)) / total.max(1))
        .collect();
    // Rounding leftovers go to the last column so the table spans the text width exactly.
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += super::TEXT_W.saturating_sub(used);
    }
    widths
}

fn fixed_table(rows: Vec<TableRow>, widths: &[usize]) -> WTable {
    WTable::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
