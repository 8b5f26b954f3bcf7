//! The Word edition: its XML is a real document (heading styles with outline levels, tables
//! with a repeating header row, East Asian font, A4), it holds every section of the model, and
//! a real client (LibreOffice) opens it and prints the same words.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use zhizhuan_report::{Lang, ReportModel, render_docx, sample};

use crate::support::{have, options};

/// The named part of the .docx archive as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Every section heading as the document prints it (number and title).
fn section_headings(model: &ReportModel) -> Vec<String> {
    let l = model.lang.labels();
    model
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let title = s
                .title
                .clone()
                .unwrap_or_else(|| l.section_title(s.kind).to_string());
            match model.lang {
                Lang::Zh => format!("{}{title}", l.section_number(i + 1)),
                Lang::En => format!("{} {title}", l.section_number(i + 1)),
            }
        })
        .collect()
}

/// The text of each paragraph styled `style`, in order.
fn paragraphs_styled(document: &str, style: &str) -> Vec<String> {
    let marker = format!(r#"<w:pStyle w:val="{style}" />"#);
    document
        .replace("<w:p>", "<w:p ")
        .split("<w:p ")
        .skip(1)
        .filter(|p| p.contains(&marker))
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or("");
            p.split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| t.split("</w:t>").next().unwrap_or(""))
                .collect::<String>()
        })
        .collect()
}

#[test]
fn docx_holds_every_section_as_a_heading_1() {
    for lang in [Lang::Zh, Lang::En] {
        let model = sample::sample_report(lang);
        let docx = render_docx(&model, &options()).unwrap();
        let document = part(&docx, "word/document.xml");
        assert!(document.contains(&model.cover.enterprise));
        let headings = paragraphs_styled(&document, "Heading1");
        assert_eq!(headings, section_headings(&model), "{lang:?}");
        // Sub-headings of the model are level 2.
        let subs: Vec<&String> = model
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                zhizhuan_report::model::Block::Heading(h) => Some(h),
                _ => None,
            })
            .collect();
        assert_eq!(paragraphs_styled(&document, "Heading2").len(), subs.len());
    }
}

/// The body flows in Word: only the first section (after the contents) and the signature
/// page open a page, so no page is left holding a short section alone.
#[test]
fn docx_opens_a_page_only_for_the_body_and_the_signatures() {
    let model = sample::sample_report(Lang::Zh);
    let document = part(
        &render_docx(&model, &options()).unwrap(),
        "word/document.xml",
    );
    let breaks: Vec<usize> = document
        .match_indices("<w:pageBreakBefore")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(breaks.len(), 2, "page-opening headings: {}", breaks.len());
    let first_heading = &document[breaks[0]..];
    let last_heading = &document[breaks[1]..];
    let titles = section_headings(&model);
    assert!(first_heading.contains(&titles[0]));
    assert!(last_heading.contains(titles.last().unwrap()));
    assert!(!last_heading.contains(&titles[titles.len() - 2]));
}

#[test]
fn docx_styles_are_real_headings_in_noto_sans_sc_on_a4() {
    let docx = render_docx(&sample::sample_report(Lang::Zh), &options()).unwrap();
    let styles = part(&docx, "word/styles.xml");
    for level in 1..=3 {
        let start = styles
            .find(&format!(r#"w:styleId="Heading{level}""#))
            .unwrap_or_else(|| panic!("no Heading{level} style"));
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!(r#"<w:name w:val="heading {level}" />"#)),
            "{style}"
        );
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{}" />"#, level - 1)),
            "{style}"
        );
    }
    assert!(styles.contains(r#"w:eastAsia="Noto Sans SC""#), "{styles}");
    assert!(styles.contains(r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN" />"#));
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
}

#[test]
fn docx_tables_have_a_repeating_header_row_per_model_table() {
    let model = sample::sample_report(Lang::Zh);
    let docx = render_docx(&model, &options()).unwrap();
    let document = part(&docx, "word/document.xml");
    // One header row per model table and per chart (charts are given as tables).
    let expected = model
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| {
            matches!(
                b,
                zhizhuan_report::model::Block::Table(_) | zhizhuan_report::model::Block::Chart(_)
            )
        })
        .count();
    assert!(expected > 0);
    assert_eq!(document.matches("<w:tblHeader />").count(), expected);
    // The header row is the table's first row (a marked row further down would repeat a
    // body row on every page).
    for table in document.split("<w:tbl>").skip(1) {
        let mut rows = table.split("</w:tr>");
        let first = rows.next().unwrap();
        if table.contains("<w:tblHeader />") {
            assert!(first.contains("<w:tblHeader />"), "{first}");
            assert!(rows.all(|r| !r.contains("<w:tblHeader />")));
        }
    }
    // The roadmap's header texts are in the document.
    for column in ["行动", "负责人", "投入（万元）"] {
        assert!(document.contains(column), "{column}");
    }
}

#[test]
fn docx_same_input_gives_same_bytes() {
    let model = sample::sample_report(Lang::Zh);
    let a = render_docx(&model, &options()).unwrap();
    let b = render_docx(&model, &options()).unwrap();
    assert!(a == b, "two renders of one model differ");
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains("2025-03-18T02:00:00Z"), "{core}");
    let mut later = options();
    later.created += chrono::Duration::days(1);
    assert!(
        render_docx(&model, &later).unwrap() != a,
        "date not written"
    );
}

/// A fontconfig file that adds the repository's Noto Sans SC (a fresh machine has no CJK
/// font; without it LibreOffice prints boxes and the text check would say nothing about
/// glyphs). The repository stores the faces brotli-compressed: they are expanded into `dir`.
fn fontconfig(dir: &Path) -> std::path::PathBuf {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fonts");
    let expanded = dir.join("fonts");
    std::fs::create_dir_all(&expanded).unwrap();
    for face in ["NotoSansSC-Regular", "NotoSansSC-Bold"] {
        let compressed = std::fs::read(fonts.join(format!("{face}.ttf.br"))).unwrap();
        let mut ttf = Vec::new();
        brotli_decompressor::BrotliDecompress(&mut &compressed[..], &mut ttf).unwrap();
        std::fs::write(expanded.join(format!("{face}.ttf")), ttf).unwrap();
    }
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n\
             <dir>{}</dir>\n<cachedir>{}</cachedir>\n</fontconfig>\n",
            expanded.display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    conf
}

/// LibreOffice converts the .docx to PDF; returns the PDF's text.
fn through_libreoffice(docx: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.docx");
    std::fs::write(&input, docx).unwrap();
    let profile = format!("file://{}", dir.path().join("profile").display());
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", fontconfig(dir.path()))
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("soffice");
    let pdf = dir.path().join("report.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the document: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    assert!(
        fonts.contains("NotoSansSC"),
        "not set in Noto Sans SC:\n{fonts}"
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&text.stdout).to_string()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn libreoffice_opens_the_docx_and_prints_every_section() {
    if !have("pdftotext") || !soffice() {
        return;
    }
    // the hand-made sample in both languages, and a report built from worked answers (every
    // section of a diagnosis report: profile, process, findings, investment, benefits)
    let fw = zhizhuan_core::framework::load_builtin("miit-2024").unwrap();
    let input = crate::built::stored(
        &fw,
        crate::built::answers("miit/m09-level3-sixty-one.json"),
        Lang::Zh,
    );
    let built = zhizhuan_report::assessment_report(&fw, &input, None, Lang::Zh)
        .unwrap()
        .model;
    for model in [
        sample::sample_report(Lang::Zh),
        sample::sample_report(Lang::En),
        built,
    ] {
        let text = flat(&through_libreoffice(
            &render_docx(&model, &options()).unwrap(),
        ));
        assert!(text.contains(&flat(&model.cover.enterprise)), "{text}");
        for heading in section_headings(&model) {
            assert!(text.contains(&flat(&heading)), "{heading} missing:\n{text}");
        }
    }
}

/// Whether LibreOffice can run; fails under CI when it cannot.
fn soffice() -> bool {
    let ok = Command::new("soffice").arg("--version").output().is_ok();
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is required in CI (install libreoffice-writer-nogui)");
        }
        eprintln!("skipping: soffice is not installed");
    }
    ok
}

/// Every chart of the model is a picture in the Word file (drawn from the same chart model as
/// the PDF) and not a blank one: text and marks cover part of it.
#[test]
fn docx_draws_every_chart_as_a_png_picture() {
    let model = sample::sample_report(Lang::Zh);
    let charts = model
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, zhizhuan_report::model::Block::Chart(_)))
        .count();
    assert!(charts >= 2, "the sample has charts to draw");
    let docx = render_docx(&model, &options()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(names.len(), charts, "{names:?}");
    for name in names {
        let mut bytes = Vec::new();
        zip.by_name(&name).unwrap().read_to_end(&mut bytes).unwrap();
        let img = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        let inked = img
            .pixels()
            .iter()
            .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
            .count();
        let share = inked as f64 / img.pixels().len() as f64;
        // a chart is mostly white paper, but never all of it
        assert!((0.005..0.8).contains(&share), "{name}: {share}");
    }
    let document = part(&docx, "word/document.xml");
    assert_eq!(document.matches("<pic:pic").count(), charts);
}

/// The value of the first `attr="…"` after `from` in `xml`.
fn attr_after<'a>(xml: &'a str, from: usize, attr: &str) -> &'a str {
    let at = from + xml[from..].find(attr).unwrap_or_else(|| panic!("{attr}")) + attr.len();
    &xml[at..at + xml[at..].find('"').unwrap()]
}

/// Every list paragraph points at exactly one list definition, and that one is a bullet: the
/// report's lists are unordered, and a definition sharing its id with docx-rs's default
/// decimal list made Word and LibreOffice number them 1., 2., … across the whole report.
#[test]
fn docx_bullet_lists_are_bullets() {
    let docx = render_docx(&sample::sample_report(Lang::Zh), &options()).unwrap();
    let (document, numbering) = (
        part(&docx, "word/document.xml"),
        part(&docx, "word/numbering.xml"),
    );
    let ids: std::collections::BTreeSet<&str> = document
        .match_indices("<w:numId ")
        .map(|(i, _)| attr_after(&document, i, "w:val=\""))
        .collect();
    assert!(!ids.is_empty(), "the sample has bullet lists");
    for id in ids {
        let num = format!("<w:num w:numId=\"{id}\"");
        assert_eq!(numbering.matches(&num).count(), 1, "{num}");
        let abstract_id = attr_after(
            &numbering,
            numbering.find(&num).unwrap(),
            "<w:abstractNumId w:val=\"",
        );
        let def = format!("<w:abstractNum w:abstractNumId=\"{abstract_id}\"");
        assert_eq!(numbering.matches(&def).count(), 1, "{def}");
        let format = attr_after(
            &numbering,
            numbering.find(&def).unwrap(),
            "<w:numFmt w:val=\"",
        );
        assert_eq!(format, "bullet", "list {id}");
    }
}
