//! The report model as an editable Word file (.docx), for the consultant who finishes the text
//! by hand. Same model as the PDF, different promise: the PDF is the fixed record, the DOCX is a
//! starting point that must behave like a document a person wrote in Word — real heading styles
//! (so the navigation pane and an inserted table of contents list the sections), real tables
//! with a repeating header row, real bullets, page numbers as fields.
//!
//! Charts are given as tables of the same figures the PDF draws, each with a note saying the
//! drawing is in the PDF: a table stays editable and cannot disagree with its numbers.
//!
//! docx-rs writes every part uncompressed, with the process-wide counters it uses for some
//! ids; [`package`] re-packs the parts deflated with a fixed timestamp and adds what docx-rs
//! has no builder for (`w:tblHeader`, the document language), so the same model and options
//! give the same bytes.

mod blocks;
mod charts;
mod package;

use docx_rs::{
    AlignmentType, Docx, Footer, Header, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Style, StyleType, Tab, TabValueType,
};

use crate::error::ReportError;
use crate::labels::{Labels, Lang};
use crate::model::{Cover, ReportModel, SectionKind};
use crate::pdf::RenderOptions;

use blocks::Body;

/// The face the PDF embeds; named for every script so Word and LibreOffice use it for Chinese
/// (`w:eastAsia`) as well as for Latin text when it is installed.
pub(crate) const FONT: &str = "Noto Sans SC";
/// A4 in twentieths of a point.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
/// 2 cm side margins, 2.5 cm top and bottom.
const MARGIN_X: i32 = 1_134;
const MARGIN_Y: i32 = 1_418;
/// Text width in twips, shared by the tables.
pub(crate) const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN_X as usize);

/// Colours of the PDF's palette (hex, as Word writes them).
pub(crate) mod colour {
    pub const TEXT: &str = "222222";
    pub const MUTED: &str = "6B7280";
    pub const PRIMARY: &str = "1F4E79";
    pub const PRIMARY_LIGHT: &str = "DCE6F1";
    pub const PRIMARY_PALE: &str = "EEF3F8";
    pub const GOOD: &str = "2E7D32";
    pub const WARNING: &str = "B26A00";
    pub const BAD: &str = "C62828";
}

/// Renders the report as a .docx. Pure: no file or clock access; `options.created` is written
/// as the document's creation and modification date.
pub fn render_docx(model: &ReportModel, options: &RenderOptions) -> Result<Vec<u8>, ReportError> {
    let l = model.lang.labels();
    let mut body = Body::new(l).with_terms(&model.keep_together);
    cover(&mut body, &model.cover);
    for (i, section) in model.sections.iter().enumerate() {
        let title = section
            .title
            .clone()
            .unwrap_or_else(|| l.section_title(section.kind).to_string());
        let number = l.section_number(i + 1);
        let heading = match model.lang {
            Lang::Zh => format!("{number}{title}"),
            Lang::En => format!("{number} {title}"),
        };
        // Word cannot know how full a page is, so a section opening a page (as the PDF's do
        // when the page before is more than half full) left pages mostly blank: the body
        // flows, headings kept with what follows; only the body's start and the signature
        // page open a page.
        body.heading(
            1,
            &heading,
            i == 0 || section.kind == SectionKind::Declaration,
        );
        if section.blocks.is_empty() {
            body.muted(l.empty_section);
        }
        for block in &section.blocks {
            body.block(block);
        }
    }
    let mut docx = styled(Docx::new())
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_Y)
                .bottom(MARGIN_Y)
                .left(MARGIN_X)
                .right(MARGIN_X)
                .header(709)
                .footer(709),
        )
        .header(running_header(model.lang.labels(), &model.cover))
        .footer(page_footer(l))
        .add_abstract_numbering(blocks::bullet_numbering())
        .add_numbering(docx_rs::Numbering::new(blocks::BULLETS, blocks::BULLETS));
    if let Some(e) = body.error.take() {
        return Err(e);
    }
    for child in body.into_children() {
        docx = match child {
            blocks::Child::Paragraph(p) => docx.add_paragraph(*p),
            blocks::Child::Table(t) => docx.add_table(*t),
        };
    }
    let date = options
        .created
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    docx = docx.created_at(&date).updated_at(&date);
    package::pack(docx, &package::Meta::of(model), &options.created)
}

/// The cover: title, enterprise, the identity fields as a table, the notes; then a page break.
fn cover(body: &mut Body, c: &Cover) {
    let l = body.labels();
    body.push(
        Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_text(blocks::clean(&c.title))),
    );
    if let Some(s) = &c.subtitle {
        body.push(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(blocks::clean(s))),
        );
    }
    body.push(
        Paragraph::new()
            .style("Subtitle")
            .add_run(Run::new().add_text(l.product_line).color(colour::MUTED)),
    );
    if c.draft {
        body.push(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(l.draft).bold().color(colour::BAD)),
        );
    }
    let fields: Vec<(&str, &str)> = [
        (l.enterprise, c.enterprise.as_str()),
        (l.credit_code, c.credit_code.as_str()),
        (l.industry, c.industry.as_str()),
        (l.region, c.region.as_str()),
        (l.framework, c.framework.as_str()),
        (l.framework_version, c.framework_version.as_str()),
        (l.mode, c.mode.as_str()),
        (l.organisation, c.organisation.as_str()),
        (l.assessor, c.assessor.as_str()),
        (l.assessment_date, c.assessment_date.as_str()),
        (l.report_no, c.report_no.as_deref().unwrap_or("")),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    body.pairs(&fields);
    for n in &c.notes {
        body.muted(n);
    }
}

/// Enterprise on the left, framework on the right of every page's header; a draft names
/// itself where the enterprise would be, as in the PDF.
fn running_header(l: &Labels, c: &Cover) -> Header {
    let left = if c.draft {
        Run::new().add_text(l.draft).bold().color(colour::BAD)
    } else {
        Run::new().add_text(blocks::clean(&c.enterprise))
    };
    Header::new().add_paragraph(
        Paragraph::new()
            .style("HeaderText")
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_W))
            .add_run(left)
            .add_run(Run::new().add_tab())
            .add_run(Run::new().add_text(running_right(c))),
    )
}

/// The header's right side: the framework, then the report number (as in the PDF).
fn running_right(c: &Cover) -> String {
    match &c.report_no {
        Some(no) => format!("{}  {}", blocks::clean(&c.framework), blocks::clean(no)),
        None => blocks::clean(&c.framework),
    }
}

/// 「第 x 页 / 共 y 页」 / "Page x of y" with live PAGE and NUMPAGES fields.
fn page_footer(l: &Labels) -> Footer {
    let (a, b, c) = match l.lang {
        Lang::Zh => ("第 ", " 页 / 共 ", " 页"),
        Lang::En => ("Page ", " of ", ""),
    };
    let mut p = Paragraph::new()
        .style("HeaderText")
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(a))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(b))
        .add_num_pages(NumPages::new());
    if !c.is_empty() {
        p = p.add_run(Run::new().add_text(c));
    }
    Footer::new().add_paragraph(p)
}

/// Document defaults and the paragraph styles the body uses. Headings are the built-in
/// `heading 1..3` (by name and outline level), which Word's navigation pane and its table of
/// contents pick up.
fn styled(docx: Docx) -> Docx {
    let fonts = || {
        RunFonts::new()
            .ascii(FONT)
            .hi_ansi(FONT)
            .east_asia(FONT)
            .cs(FONT)
    };
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level - 1)
            .fonts(fonts())
            .size(size)
            .bold()
            .color(colour::PRIMARY)
    };
    let para = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .q_format(true)
    };
    docx.default_fonts(fonts())
        .default_size(21)
        .add_style(heading(1, 32))
        .add_style(heading(2, 26))
        .add_style(heading(3, 22))
        .add_style(
            para("Title", "Title")
                .size(44)
                .bold()
                .color(colour::PRIMARY),
        )
        .add_style(para("Subtitle", "Subtitle").size(26).color(colour::TEXT))
        .add_style(
            para("Caption", "caption")
                .size(19)
                .bold()
                .color(colour::PRIMARY),
        )
        .add_style(para("Note", "Note").size(19).italic())
        .add_style(para("HeaderText", "header").size(16).color(colour::MUTED))
        .add_style(para("ListBullet", "List Bullet"))
        .add_style(para("TableText", "Table Text").size(19))
}
