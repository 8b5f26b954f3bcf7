//! docx-rs parts → the .docx archive: adds what docx-rs has no builder for (repeating table
//! header rows, the document's languages, title and author) and re-packs every part deflated
//! with the document's own date as the entry time, so the same input gives the same bytes and
//! a sample report stays a few hundred kilobytes (docx-rs stores parts uncompressed).

use std::io::{Cursor, Read, Write};

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use docx_rs::Docx;
use zip::write::SimpleFileOptions;

use crate::error::ReportError;
use crate::labels::Lang;
use crate::model::ReportModel;

/// Row height given to header rows only, so [`mark_header_rows`] can find them in the XML.
/// An odd value no other row uses (other rows have no height).
pub(crate) const HEADER_ROW_MARK: f32 = 7.0;
/// How docx-rs writes that height (whatever attributes follow, up to the element's end).
const HEADER_ROW_XML: &str = r#"<w:trHeight w:val="7""#;

/// Core properties docx-rs leaves at "unknown" or does not write.
pub(crate) struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub lang: Lang,
}

impl Meta {
    pub fn of(model: &ReportModel) -> Meta {
        let c = &model.cover;
        let title = if c.enterprise.is_empty() {
            c.title.clone()
        } else {
            format!("{} — {}", c.title, c.enterprise)
        };
        Meta {
            title,
            author: c.assessor.clone(),
            subject: [c.framework.as_str(), c.framework_version.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            lang: model.lang,
        }
    }
}

fn zerr(e: impl std::fmt::Display) -> ReportError {
    ReportError::Docx(e.to_string())
}

fn xml_escape(s: &str) -> String {
    super::blocks::clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The language tag of the report's own text (Latin and East Asian runs).
fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    }
}

/// `w:tblHeader` on the marked rows: Word and LibreOffice repeat them on every page.
fn mark_header_rows(document: &[u8]) -> Result<Vec<u8>, ReportError> {
    let mut text = std::str::from_utf8(document).map_err(zerr)?;
    let mut out = String::with_capacity(text.len() + 1024);
    while let Some(at) = text.find(HEADER_ROW_XML) {
        let end = text[at..]
            .find("/>")
            .ok_or_else(|| ReportError::Docx("unterminated w:trHeight".into()))?;
        out.push_str(&text[..at]);
        out.push_str("<w:tblHeader />");
        text = &text[at + end + 2..];
    }
    out.push_str(text);
    Ok(out.into_bytes())
}

/// Languages in the document defaults: spell checking and line breaking follow them.
fn set_languages(styles: &[u8], lang: Lang) -> Result<Vec<u8>, ReportError> {
    let text = std::str::from_utf8(styles).map_err(zerr)?;
    let at = "<w:rPrDefault><w:rPr>";
    if !text.contains(at) {
        return Err(ReportError::Docx("no run defaults in styles.xml".into()));
    }
    let tag = format!(
        r#"{at}<w:lang w:val="{}" w:eastAsia="zh-CN" />"#,
        lang_tag(lang)
    );
    Ok(text.replacen(at, &tag, 1).into_bytes())
}

/// Title, author, subject and language in `docProps/core.xml`.
fn core_properties(core: &[u8], meta: &Meta) -> Result<Vec<u8>, ReportError> {
    let text = std::str::from_utf8(core).map_err(zerr)?;
    let author = xml_escape(if meta.author.is_empty() {
        "ZhiZhuan"
    } else {
        &meta.author
    });
    let extra = format!(
        "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:language>{}</dc:language>",
        xml_escape(&meta.title),
        xml_escape(&meta.subject),
        lang_tag(meta.lang)
    );
    let close = "</cp:coreProperties>";
    if !text.contains(close) {
        return Err(ReportError::Docx("unexpected core.xml".into()));
    }
    Ok(text
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{author}</dc:creator>"),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
        )
        .replacen(close, &format!("{extra}{close}"), 1)
        .into_bytes())
}

fn zip_time(d: &DateTime<FixedOffset>) -> zip::DateTime {
    // ZIP times are local wall-clock times without a zone: the report's own local time.
    zip::DateTime::from_date_and_time(
        u16::try_from(d.year().clamp(1980, 2107)).unwrap_or(1980),
        d.month() as u8,
        d.day() as u8,
        d.hour() as u8,
        d.minute() as u8,
        d.second() as u8,
    )
    .unwrap_or_default()
}

/// Builds the parts, adds the missing properties, and writes the archive.
pub(crate) fn pack(
    docx: Docx,
    meta: &Meta,
    created: &DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document)?;
    xml.styles = set_languages(&xml.styles, meta.lang)?;
    xml.doc_props.core = core_properties(&xml.doc_props.core, meta)?;
    let mut stored = Cursor::new(Vec::new());
    xml.pack(&mut stored).map_err(zerr)?;
    repack(stored.get_ref(), zip_time(created))
}

/// Copies every entry of `stored` into a new archive, deflated, with `time` on every entry.
fn repack(stored: &[u8], time: zip::DateTime) -> Result<Vec<u8>, ReportError> {
    let mut input = zip::ZipArchive::new(Cursor::new(stored)).map_err(zerr)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut buf = Vec::new();
    for i in 0..input.len() {
        let mut entry = input.by_index(i).map_err(zerr)?;
        let name = entry.name().map_err(zerr)?.to_string();
        if entry.is_dir() {
            // Directory entries are optional in OPC; leaving them out is what Word does.
            continue;
        }
        buf.clear();
        entry.read_to_end(&mut buf).map_err(zerr)?;
        out.start_file(name, options).map_err(zerr)?;
        out.write_all(&buf).map_err(zerr)?;
    }
    Ok(out.finish().map_err(zerr)?.into_inner())
}
