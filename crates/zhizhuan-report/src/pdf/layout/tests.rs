//! Widow and orphan control, on the layout model (page breaks and positioned items, not PDF
//! bytes): first the planner with plain heights, then whole reports laid out with the fonts.

use super::*;
use crate::model::{Column, ReportModel, Section, SectionKind};

/// A table of `n` rows of 20 pt under a 20 pt header, without a caption.
fn rows(n: usize) -> Shape {
    Shape {
        lead: 0.0,
        header: 20.0,
        parts: vec![20.0; n],
        keep_together: false,
        keep: Keep::PAIRS,
    }
}

fn breaks(new_page: bool, before: &[usize]) -> Breaks {
    Breaks {
        new_page,
        before: before.to_vec(),
    }
}

/// (case, shape, room left on the page, page still empty, expected breaks)
fn cases() -> Vec<(&'static str, Shape, f32, bool, Breaks)> {
    let captioned = Shape {
        lead: 30.0,
        ..rows(4)
    };
    let huge = Shape {
        parts: vec![400.0; 2],
        ..rows(2)
    };
    let small_kept = Shape {
        keep_together: true,
        ..rows(5)
    };
    let tall_three = Shape {
        parts: vec![BODY_H * 0.4, BODY_H * 0.2, BODY_H * 0.2],
        keep_together: true,
        ..rows(3)
    };
    vec![
        // Header and one row fit, two do not: the whole start moves on.
        ("header + 1 of 5", rows(5), 45.0, false, breaks(true, &[])),
        ("header + 1 of 2", rows(2), 45.0, false, breaks(true, &[])),
        // A single row needs only itself.
        ("header + 1 of 1", rows(1), 45.0, false, breaks(false, &[])),
        // Two rows fit: start here, continue on the next page.
        ("header + 2 of 5", rows(5), 60.0, false, breaks(false, &[2])),
        ("header + 2 of 2", rows(2), 60.0, false, breaks(false, &[])),
        // Four of five fit: the fifth would be alone, so the fourth goes with it.
        (
            "header + 4 of 5",
            rows(5),
            100.0,
            false,
            breaks(false, &[3]),
        ),
        // Two of three fit: carrying one over would orphan the first; all three move on.
        ("header + 2 of 3", rows(3), 60.0, false, breaks(true, &[])),
        // A caption counts with the header: caption + header + 2 rows = 90.
        (
            "caption + header + 1",
            captioned,
            85.0,
            false,
            breaks(true, &[]),
        ),
        // On an empty page a full page holds 34 rows under the header.
        ("fresh 36", rows(36), BODY_H, true, breaks(false, &[34])),
        ("fresh 35", rows(35), BODY_H, true, breaks(false, &[33])),
        // Three pages: only the last break moves.
        ("fresh 69", rows(69), BODY_H, true, breaks(false, &[34, 67])),
        // Starting mid-page: 10 rows here, 34 on the next, then one alone → carried.
        (
            "mid-page 45",
            rows(45),
            220.0,
            false,
            breaks(false, &[10, 43]),
        ),
        // Rows too tall for two on any page: start with one where it fits.
        ("two huge rows", huge, 500.0, false, breaks(false, &[1])),
        // A small table kept together moves whole when it does not fit.
        ("kept together", small_kept, 90.0, false, breaks(true, &[])),
        // Three tall rows, the first two too tall for the room: moving them on would leave
        // this page more than half empty, so the first starts here alone and the last two
        // keep together on the next page.
        (
            "three tall rows, half a page left",
            tall_three,
            BODY_H * 0.55,
            false,
            breaks(false, &[1]),
        ),
    ]
}

#[test]
fn tables_keep_two_rows_at_the_start_and_the_end() {
    let mut failures = Vec::new();
    for (case, shape, room, fresh, want) in cases() {
        let got = shape.breaks(room, fresh);
        if got != want {
            failures.push(format!("{case}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Without control (signature boxes and the like) the greedy fill is unchanged: header and one
/// row at the foot of the page, a last row alone on the next.
#[test]
fn without_keep_the_fill_is_greedy() {
    let loose = |n| Shape {
        keep: Keep::NONE,
        ..rows(n)
    };
    assert_eq!(loose(5).breaks(45.0, false), breaks(false, &[1]));
    assert_eq!(loose(5).breaks(100.0, false), breaks(false, &[4]));
    assert_eq!(loose(3).breaks(60.0, false), breaks(false, &[2]));
}

/// Every break the planner makes obeys both rules, for every room from a sliver to a page
/// and tables of 1 to 80 rows: no page starts the table with fewer than two rows (unless it
/// has one), and no last page holds a single row of a table of three or more.
#[test]
fn the_rules_hold_for_every_room_and_length() {
    for n in 1..=80 {
        for tenth in 0..=80 {
            let room = BODY_H * tenth as f32 / 80.0;
            let shape = rows(n);
            let b = shape.breaks(room, false);
            let pages: Vec<usize> = {
                let mut edges = vec![0];
                edges.extend(&b.before);
                edges.push(n);
                edges.windows(2).map(|w| w[1] - w[0]).collect()
            };
            assert_eq!(pages.iter().sum::<usize>(), n, "{n} rows, room {room}");
            assert!(pages[0] >= n.min(2), "{n} rows, room {room}: {b:?}");
            if n >= 3 && pages.len() > 1 {
                assert!(pages[pages.len() - 1] >= 2, "{n} rows, room {room}: {b:?}");
            }
            // Nothing overflows: the first page's rows fit the room (or a fresh page).
            let first_room = if b.new_page { BODY_H } else { room };
            let first_h = shape.header + 20.0 * pages[0] as f32;
            assert!(first_h <= first_room + EPS, "{n} rows, room {room}: {b:?}");
            for &k in &pages[1..] {
                assert!(shape.header + 20.0 * k as f32 <= BODY_H + EPS);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Whole sections laid out with the embedded fonts.

/// Where each text was placed: (page index, y) of its first occurrence per page.
fn positions(laid: &Laid, s: &str) -> Vec<(usize, f32)> {
    let mut out = Vec::new();
    for (p, page) in laid.pages.iter().enumerate() {
        if let Some(y) = page.items.iter().find_map(|i| match i {
            Item::Text { text, y, .. } if text == s => Some(*y),
            _ => None,
        }) {
            out.push((p, y));
        }
    }
    out
}

/// `filler` one-line paragraphs, then an optional sub-heading, then a table of `n` rows.
fn report(filler: usize, heading: bool, n: usize) -> ReportModel {
    let mut section = Section::new(SectionKind::Other).titled("分页测试");
    for i in 0..filler {
        section = section.paragraph(format!("填充段落 {i}"));
    }
    if heading {
        section = section.heading("表前小标题");
    }
    let mut table = Table::new(vec![Column::new("编号", 1), Column::new("内容", 3)]);
    for r in 1..=n {
        table = table.row([format!("R{r:02}"), "一行内容".to_string()]);
    }
    ReportModel {
        lang: crate::Lang::Zh,
        cover: Cover::default(),
        sections: vec![section.table(table)],
        keep_together: Vec::new(),
    }
}

/// Tables after every amount of filler, so each one meets the foot of a page at every row:
/// its first two rows share a page, its last two share a page, every page with rows has
/// the header above them, and a sub-heading stays on the page where the table starts.
#[test]
fn laid_out_tables_never_leave_a_header_or_a_last_row_alone() {
    let faces = crate::fonts::faces().unwrap();
    let (mut moved, mut split) = (0, 0);
    // Up to 11 rows a table is kept whole (under a third of a page); longer ones split.
    for n in [2, 3, 6, 14, 33] {
        for heading in [false, true] {
            for filler in 0..36 {
                let case = format!("{n} rows, heading {heading}, {filler} paragraphs");
                let mut warnings = Vec::new();
                let laid = lay_out(&report(filler, heading, n), faces, &mut warnings);
                assert!(warnings.is_empty(), "{case}: {warnings:?}");
                let row = |r: usize| {
                    let at = positions(&laid, &format!("R{r:02}"));
                    assert_eq!(at.len(), 1, "{case}: R{r:02} at {at:?}");
                    at[0]
                };
                let pages: Vec<usize> = (1..=n).map(|r| row(r).0).collect();
                assert_eq!(pages[0], pages[1], "{case}: first row alone {pages:?}");
                if n >= 3 {
                    assert_eq!(
                        pages[n - 1],
                        pages[n - 2],
                        "{case}: last row alone {pages:?}"
                    );
                }
                let headers = positions(&laid, "编号");
                for r in 1..=n {
                    let (p, y) = row(r);
                    assert!(
                        headers.iter().any(|&(hp, hy)| hp == p && hy < y),
                        "{case}: no header above R{r:02} on page {p}"
                    );
                }
                if heading {
                    let h = positions(&laid, "表前小标题");
                    assert_eq!(h.len(), 1, "{case}");
                    assert_eq!(h[0].0, pages[0], "{case}: heading left behind");
                }
                let last_filler = positions(&laid, &format!("填充段落 {}", filler.max(1) - 1));
                if filler > 0 && last_filler[0].0 < pages[0] {
                    moved += 1;
                }
                if pages[0] != pages[n - 1] {
                    split += 1;
                }
            }
        }
    }
    // The filler reached the foot of the page in both ways the rules act on.
    assert!(moved > 0 && split > 0, "moved {moved}, split {split}");
}

// ---------------------------------------------------------------------------------------------
// The roadmap timeline, laid out from a built report.

/// Every text of the laid-out pages, in drawing order.
fn texts(laid: &Laid) -> Vec<&str> {
    laid.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The timeline alone of a built report (m02 → 二级: one two-month action leaves the medium
/// and the long term empty): the row under an empty phase's bar says 「本阶段无行动」, and
/// under every other phase comes its first action.
#[test]
fn an_empty_phase_on_the_timeline_says_it_has_no_actions() {
    use crate::model::{Block, Chart};
    let faces = crate::fonts::faces().unwrap();
    let mut empty = 0;
    for (file, target, lang) in [
        ("miit/m02-exact-40-five-scenarios.json", 2, crate::Lang::Zh),
        ("miit/m02-exact-40-five-scenarios.json", 2, crate::Lang::En),
    ] {
        let (built, _) =
            crate::worked::report_to(file, target, &crate::ReportEnterprise::default(), lang);
        let timeline = built
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Chart(c @ Chart::Timeline(_)) => Some(c.clone()),
                _ => None,
            })
            .expect("a timeline");
        let Chart::Timeline(t) = &timeline else {
            unreachable!()
        };
        let phases = t.phases.clone();
        let model = ReportModel {
            lang,
            cover: Cover::default(),
            sections: vec![Section::new(SectionKind::Roadmap).chart(timeline)],
            keep_together: Vec::new(),
        };
        let mut warnings = Vec::new();
        let laid = lay_out(&model, faces, &mut warnings);
        assert!(warnings.is_empty(), "{file}: {warnings:?}");
        let all = texts(&laid);
        let note = lang.labels().no_actions_in_phase;
        for p in &phases {
            // The last occurrence is the phase's row (the first is its legend entry).
            let row = all.iter().rposition(|x| *x == p.name).expect("phase row");
            let under = all[row + 1];
            match p.actions.first() {
                None => {
                    assert_eq!(under, note, "{file}: {}", p.name);
                    empty += 1;
                }
                Some(a) => assert!(a.label.starts_with(under), "{file}: {under}"),
            }
        }
        // the phase rows' window bars: solid for phases with actions, hollow for empty ones
        let phase_colour = |f: Color| {
            pal::PHASES
                .iter()
                .any(|c| *c == f || crate::pdf::charts::tint(*c, 0.85) == f)
        };
        let bars: Vec<bool> = laid
            .pages
            .iter()
            .flat_map(|page| &page.items)
            .filter_map(|item| match item {
                Item::Rect {
                    h, fill, stroke, ..
                } if *h == 5.0 && fill.is_some_and(phase_colour) => Some(stroke.is_some()),
                _ => None,
            })
            .collect();
        let expected: Vec<bool> = phases.iter().map(|p| p.actions.is_empty()).collect();
        assert_eq!(bars, expected, "{file}: hollow bars");
        let notes = all.iter().filter(|x| **x == note).count();
        assert_eq!(
            notes,
            phases.iter().filter(|p| p.actions.is_empty()).count(),
            "{file}"
        );
    }
    assert_eq!(empty, 4, "two empty phases in each language");
}

/// An estimated gain (`+≈0.1083`, CMMM c07 → 五级) stays on one line in the phase table: a
/// number broken after its decimal point reads as two numbers.
#[test]
fn estimated_gains_stay_on_one_line() {
    let faces = crate::fonts::faces().unwrap();
    for lang in [crate::Lang::Zh, crate::Lang::En] {
        let (model, _) = crate::worked::report_to(
            "cmmm/c07-level4-with-na-subdomains.json",
            5,
            &crate::ReportEnterprise::default(),
            lang,
        );
        let mut warnings = Vec::new();
        let laid = lay_out(&model, faces, &mut warnings);
        let all = texts(&laid);
        let gains = all.iter().filter(|t| t.starts_with("+≈")).count();
        assert!(gains > 5, "{lang:?}: only {gains} estimated gains");
        // every estimated gain of the model's phase table is one laid-out text, whole
        let cells: Vec<&str> = model
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                crate::model::Block::Table(t) => t
                    .columns
                    .iter()
                    .position(|c| c.header == "增分" || c.header == "Gain")
                    .map(|i| (t, i)),
                _ => None,
            })
            .flat_map(|(t, i)| t.rows.iter().filter_map(move |r| r.cells.get(i)))
            .map(|c| c.text.as_str())
            .filter(|t| t.starts_with("+≈"))
            .collect();
        assert!(cells.len() > 5, "{lang:?}: only {} gain cells", cells.len());
        for g in &cells {
            assert!(all.contains(g), "{lang:?}: {g} is not on one line");
        }
        let broken: Vec<&&str> = all
            .iter()
            .filter(|t| {
                let mut c = t.chars().rev();
                t.starts_with(['+', '−'])
                    && c.next() == Some('.')
                    && c.next().is_some_and(|d| d.is_ascii_digit())
            })
            .collect();
        assert!(
            broken.is_empty(),
            "{lang:?}: numbers broken at the point: {broken:?}"
        );
    }
}

/// How far down the body of `page` its lowest item reaches, as a share of the body height.
fn filled(page: &Page) -> f32 {
    let bottom = page.items.iter().fold(BODY_TOP, |m, i| match i {
        Item::Text { y, .. } => m.max(*y),
        Item::Rect { y, h, .. } => m.max(y + h),
        Item::Path { points, .. } => points.iter().fold(m, |m, p| m.max(p.1)),
    });
    (bottom - BODY_TOP) / BODY_H
}

/// Every body page but the last is more than mostly empty (the sample, a CMMM and a 两化融合
/// report, both languages): a section that would open a page after a table's last rows or a
/// short section follows them instead.
#[test]
fn no_body_page_but_the_last_is_mostly_empty() {
    let faces = crate::fonts::faces().unwrap();
    let worked = [
        include_str!("../../../../../tests/data/answers/cmmm/c01-level2-discrete.json"),
        include_str!("../../../../../tests/data/answers/lianghua/l01-single-coverage-kpis.json"),
    ];
    for lang in [crate::Lang::Zh, crate::Lang::En] {
        let models = [crate::sample::sample_report(lang)]
            .into_iter()
            .chain(worked.map(|a| crate::build::tests::built_from(a, lang)));
        for (m, model) in models.enumerate() {
            let laid = lay_out(&model, faces, &mut Vec::new());
            let first_body = laid.toc[0].page - 1;
            let body = &laid.pages[first_body..laid.pages.len() - 1];
            for (i, page) in body.iter().enumerate() {
                let f = filled(page);
                assert!(
                    f > MOSTLY_EMPTY,
                    "{lang:?} report {m}: page {} is {:.0} % full",
                    first_body + i + 1,
                    f * 100.0
                );
            }
        }
    }
}
