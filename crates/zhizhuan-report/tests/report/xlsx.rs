//! The action-plan workbook: read back its sheet XML and check rows, formulas and layout.

use std::io::Read;

use chrono::NaiveDate;
use zhizhuan_report::{ActionPlan, Lang, render_xlsx, sample};

pub fn sheet_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsx is a zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("one worksheet")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

pub fn shared_strings(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// Cell `at`'s XML: up to its `</c>`, or its own `/>` when it is blank (not into the next).
fn cell_xml<'a>(xml: &'a str, at: &str) -> Option<&'a str> {
    let start = xml.find(&format!(r#"<c r="{at}""#))?;
    let cell = &xml[start..];
    let open = &cell[..cell.find('>')? + 1];
    if open.ends_with("/>") {
        return Some(open);
    }
    Some(&cell[..cell.find("</c>").unwrap_or(cell.len())])
}

/// The `<v>` of cell `at` (e.g. `H2`): a number, or a formula's cached result.
pub fn cell_value(xml: &str, at: &str) -> Option<String> {
    let cell = cell_xml(xml, at)?;
    let v = cell.split("<v>").nth(1)?;
    Some(v.split("</v>").next()?.to_string())
}

/// The text of the shared-string cell `at` (e.g. `C5`), looked up in `strings`.
pub fn cell_string(xml: &str, strings: &str, at: &str) -> Option<String> {
    let cell = cell_xml(xml, at)?;
    if !cell.contains(r#"t="s""#) {
        return None;
    }
    let index: usize = cell_value(xml, at)?.parse().ok()?;
    let si = strings.split("<si>").nth(index + 1)?;
    let t = si.split("<t").nth(1)?;
    let t = &t[t.find('>')? + 1..];
    Some(t.split("</t>").next()?.to_string())
}

#[test]
fn sample_plan_has_rows_subtotals_and_total() {
    let plan = sample::sample_action_plan(Lang::Zh);
    let bytes = render_xlsx(&plan).unwrap();
    let xml = sheet_xml(&bytes);
    let strings = shared_strings(&bytes);

    // Header row frozen, Chinese headers, one row per action.
    assert!(
        xml.contains(r#"<pane ySplit="1" topLeftCell="A2""#),
        "frozen header"
    );
    for h in [
        "阶段",
        "行动项",
        "负责人",
        "开始日期",
        "完成日期",
        "投入",
        "工作量单位（低1/中3/高9）",
        "费用下限（万元）",
        "费用上限（万元）",
        "状态",
    ] {
        assert!(strings.contains(h), "header {h}");
    }
    let actions: usize = plan.phases.iter().map(|p| p.actions.len()).sum();
    assert_eq!(actions, 12);
    // Rows: header + 12 actions + 3 subtotals + total = 17.
    assert!(xml.contains(r#"<row r="17""#) && !xml.contains(r#"<row r="18""#));

    // Phase 1 is rows 2–5 (subtotal row 6); phase 2 rows 7–10 (11); phase 3 rows 12–15 (16).
    let formulas: Vec<&str> = xml
        .split("<f>")
        .skip(1)
        .map(|s| s.split("</f>").next().unwrap())
        .collect();
    assert_eq!(
        formulas,
        [
            "SUBTOTAL(9,H2:H5)",
            "SUBTOTAL(9,I2:I5)",
            "SUBTOTAL(9,J2:J5)",
            "SUBTOTAL(9,H7:H10)",
            "SUBTOTAL(9,I7:I10)",
            "SUBTOTAL(9,J7:J10)",
            "SUBTOTAL(9,H12:H15)",
            "SUBTOTAL(9,I12:I15)",
            "SUBTOTAL(9,J12:J15)",
            "SUBTOTAL(9,H2:H16)",
            "SUBTOTAL(9,I2:I16)",
            "SUBTOTAL(9,J2:J16)",
        ]
    );
    // Cached results are the exact decimal sums (so viewers that do not recalculate agree).
    let total_cost: String = plan
        .phases
        .iter()
        .flat_map(|p| &p.actions)
        .map(|a| a.cost_high_wan)
        .sum::<zhizhuan_core::decimal::Decimal>()
        .to_string();
    assert_eq!(total_cost, "186");
    assert!(xml.contains("<f>SUBTOTAL(9,J2:J16)</f><v>186</v>"), "{xml}");
    check_effort_units(&plan, &xml, [8, 24, 8]);
    assert!(xml.contains("<f>SUBTOTAL(9,H2:H16)</f><v>40</v>"), "{xml}");
    // Column widths are set.
    assert!(xml.contains("<cols>"), "column widths");
    assert!(xml.contains(r#"<autoFilter ref="A1:L16"/>"#), "{xml}");
}

/// Effort units: each action's class weight (never a 0 placeholder), and each phase's
/// subtotal row the sum `want`.
fn check_effort_units(plan: &ActionPlan, xml: &str, want: [u32; 3]) {
    let mut row = 2;
    for (phase, want) in plan.phases.iter().zip(want) {
        for a in &phase.actions {
            let v = cell_value(xml, &format!("H{row}")).expect("units cell");
            assert_eq!(v, a.effort_units.to_string(), "H{row}");
            assert!(matches!(v.as_str(), "1" | "3" | "9"), "H{row} = {v}");
            row += 1;
        }
        assert_eq!(
            cell_value(xml, &format!("H{row}")).as_deref(),
            Some(want.to_string().as_str()),
            "subtotal H{row}"
        );
        row += 1;
    }
}

#[test]
fn empty_plan_is_a_valid_workbook_with_a_zero_total() {
    let plan = ActionPlan {
        lang: Lang::En,
        enterprise: String::new(),
        created: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        phases: vec![zhizhuan_report::PlanPhase {
            name: "Empty".into(),
            actions: vec![],
        }],
    };
    let bytes = render_xlsx(&plan).unwrap();
    let xml = sheet_xml(&bytes);
    let strings = shared_strings(&bytes);
    assert!(strings.contains("Effort units (low 1, medium 3, high 9)"));
    assert!(!strings.contains("person-days"));
    assert!(xml.contains("<f>SUBTOTAL(9,H2:H2)</f><v>0</v>"), "{xml}");
}
