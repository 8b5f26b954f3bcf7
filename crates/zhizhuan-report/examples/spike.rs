use printpdf::*;
static REG: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Regular.ttf");
fn main() {
    let t = std::time::Instant::now();
    let f = ParsedFont::from_bytes(REG, 0, &mut Vec::new()).unwrap();
    eprintln!("parse {:?}", t.elapsed());
    let upm = f.pdf_font_metrics.units_per_em;
    let g = f.lookup_glyph_index('喆' as u32);
    eprintln!("upm {upm} gid {:?} adv {:?} A adv {}", g, g.map(|g| f.get_horizontal_advance(g)), f.get_horizontal_advance(f.lookup_glyph_index('A' as u32).unwrap()));
    let t = std::time::Instant::now();
    let mut doc = PdfDocument::new("测试 title");
    doc.metadata.info.author = "作者".into();
    let id = doc.add_font(&f);
    let mut ops = vec![
        Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.2, g: 0.4, b: 0.8, icc_profile: None }) },
        Op::DrawRectangle { rectangle: Rect::from_xywh(Mm(20.0).into(), Mm(200.0).into(), Mm(50.0).into(), Mm(10.0).into()) },
        Op::StartTextSection,
        Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(12.0) },
        Op::SetTextCursor { pos: Point { x: Mm(20.0).into(), y: Mm(250.0).into() } },
        Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) },
        Op::ShowText { items: vec![TextItem::Text("常州喆堃精密机械有限公司 镕昇 Page 1 of 2".into())] },
        Op::EndTextSection,
    ];
    ops.push(Op::StartTextSection);
    ops.push(Op::SetTextCursor { pos: Point { x: Mm(20.0).into(), y: Mm(240.0).into() } });
    ops.push(Op::ShowText { items: vec![TextItem::Text("第二行 second line".into())] });
    ops.push(Op::EndTextSection);
    let bytes = doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]).save(&PdfSaveOptions::default(), &mut Vec::new());
    eprintln!("render {:?} size {}", t.elapsed(), bytes.len());
    std::fs::write("/tmp/spike.pdf", bytes).unwrap();
}
