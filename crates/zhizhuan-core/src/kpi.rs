//! Key indicators (智改数转 / 两化融合 KPIs) computed from the answers and set against the
//! plans' targets.
//!
//! Two sources:
//! * items of kind `kpi` declared by a framework (e.g. 关键工序数控化率 from two counts, with
//!   the 十四五 and Jiangsu targets as data);
//! * ratio bands measured in percent (MIIT 设备数字化 / 设备联网), reported as the firm's
//!   设备数字化率 / 设备联网率 from the same counts; they have no plan target.
//!
//! Values are exact fractions: "met" is decided by exact comparison with the target (a firm
//! at exactly 65 % meets a 65 % target); only the displayed value and difference are rounded.

use serde::Serialize;
use ts_rs::TS;

use crate::decimal::Decimal;
use crate::framework::{Better, Field, Item, ItemKind, Measure, Text};
use crate::score::{Rational, Sheet, State};

/// One KPI for one enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KpiResult {
    /// The item it comes from.
    pub item: String,
    pub title: Text,
    /// True for a value derived from a scored ratio item (not a declared KPI).
    pub derived: bool,
    pub unit: Text,
    pub better: Better,
    /// Rounded to four places; `None` when not (fully) entered or the denominator is 0.
    pub value: Option<Decimal>,
    pub exact: bool,
    pub targets: Vec<TargetCheck>,
    /// e.g. `关键工序数控化率 = 13 ÷ 20 = 65%`, in both languages.
    pub text: Text,
}

/// The KPI against one plan target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TargetCheck {
    pub id: String,
    pub label: Text,
    pub target: Decimal,
    pub year: Option<u16>,
    pub programme: Option<String>,
    /// `None` when the KPI has no value.
    pub met: Option<bool>,
    /// value − target, rounded to four places.
    pub difference: Option<Decimal>,
    pub text: Text,
}

fn empty() -> Text {
    Text {
        zh: String::new(),
        en: String::new(),
    }
}

fn ratio_of(num: Decimal, den: Decimal, percent: bool) -> Option<Rational> {
    (den > Decimal::ZERO).then(|| {
        Rational::from_decimal(if percent { num * 100 } else { num }) / Rational::from_decimal(den)
    })
}

/// Every KPI of the sheet's framework, in item order.
pub(crate) fn compute(sheet: &Sheet<'_>) -> Vec<KpiResult> {
    let mut out = Vec::new();
    for slot in &sheet.slots {
        let item = slot.loc.item;
        match &item.kind {
            ItemKind::Kpi {
                fields,
                measure,
                unit,
                better,
                targets,
            } => {
                let (value, formula) = kpi_value(fields, measure, &slot.state);
                out.push(result(
                    &item.id,
                    &item.title,
                    false,
                    unit,
                    *better,
                    value,
                    &formula,
                    targets,
                ));
            }
            ItemKind::Band { ratio, .. } if ratio.percent => {
                out.push(derived_rate(item, &slot.state));
            }
            _ => {}
        }
    }
    out
}

/// A declared KPI's value and the formula it comes from, once its figures are entered.
fn kpi_value(fields: &[Field], measure: &Measure, state: &State) -> (Option<Rational>, Text) {
    let numbers = match state {
        State::Kpi(n) => Some(n),
        _ => None,
    };
    let label = |id: &str| {
        fields.iter().find(|f| f.id == id).map_or_else(
            || Text {
                zh: id.to_owned(),
                en: id.to_owned(),
            },
            |f| f.label.clone(),
        )
    };
    match (measure, numbers) {
        (Measure::Ratio(r), Some(n)) => match (n.get(&r.numerator), n.get(&r.denominator)) {
            (Some(&a), Some(&b)) => {
                let (nl, dl) = (label(&r.numerator), label(&r.denominator));
                (
                    ratio_of(a, b, r.percent),
                    Text {
                        zh: format!("{} {a} ÷ {} {b}", nl.zh, dl.zh),
                        en: format!("{} {a} ÷ {} {b}", nl.en, dl.en),
                    },
                )
            }
            _ => (None, empty()),
        },
        (Measure::Value(f), Some(n)) => (n.get(f).map(|v| Rational::from_decimal(*v)), label(f)),
        _ => (None, empty()),
    }
}

/// The rate a percent band item measures (设备数字化率, …), reported as a KPI without
/// targets.
fn derived_rate(item: &Item, state: &State) -> KpiResult {
    let (value, formula) = match state {
        State::Band { num, den, .. } => {
            let f = format!("{num} ÷ {den}");
            (
                ratio_of(*num, *den, true),
                Text {
                    zh: f.clone(),
                    en: f,
                },
            )
        }
        _ => (None, empty()),
    };
    let title = Text {
        zh: if item.title.zh.ends_with('率') {
            item.title.zh.clone()
        } else {
            format!("{}率", item.title.zh)
        },
        en: format!("{} rate", item.title.en),
    };
    let unit = Text {
        zh: "%".to_owned(),
        en: "%".to_owned(),
    };
    result(
        &item.id,
        &title,
        true,
        &unit,
        Better::Higher,
        value,
        &formula,
        &[],
    )
}

#[allow(clippy::too_many_arguments)]
fn result(
    id: &str,
    title: &Text,
    derived: bool,
    unit: &Text,
    better: Better,
    value: Option<Rational>,
    formula: &Text,
    targets: &[crate::framework::Target],
) -> KpiResult {
    let gap_unit = if unit.zh == "%" {
        (" 个百分点".to_owned(), " percentage points".to_owned())
    } else {
        (format!(" {}", unit.zh), format!(" {}", unit.en))
    };
    let text = match value {
        Some(v) => Text {
            zh: format!("{} = {} = {v}{}", title.zh, formula.zh, unit.zh),
            en: format!("{} = {} = {v}{}", title.en, formula.en, unit.en),
        },
        None => Text {
            zh: format!("{}：未填写或无法计算", title.zh),
            en: format!("{}: not entered or not computable", title.en),
        },
    };
    let targets = (targets.iter())
        .map(|t| target_check(t, value, better, unit, &gap_unit))
        .collect();
    KpiResult {
        item: id.to_owned(),
        title: title.clone(),
        derived,
        unit: unit.clone(),
        better,
        value: value.map(Rational::to_decimal),
        exact: value.is_none_or(Rational::is_decimal),
        targets,
        text,
    }
}

/// One target of a KPI: met or by how much it falls short, in the KPI's unit (percentage
/// points for a percentage).
fn target_check(
    t: &crate::framework::Target,
    value: Option<Rational>,
    better: Better,
    unit: &Text,
    gap_unit: &(String, String),
) -> TargetCheck {
    let goal = Rational::from_decimal(t.value);
    let met = value.map(|v| match better {
        Better::Higher => v >= goal,
        Better::Lower => v <= goal,
    });
    let difference = value.map(|v| (v - goal).to_decimal());
    let year = t.year.map(|y| format!("{y} 年")).unwrap_or_default();
    let year_en = t.year.map(|y| format!("{y} ")).unwrap_or_default();
    let head = (
        format!("{}（{year}目标 {}{}）", t.label.zh, t.value, unit.zh),
        format!("{} ({year_en}target {}{})", t.label.en, t.value, unit.en),
    );
    let text = match (value, met) {
        (Some(v), Some(true)) => Text {
            zh: format!("{}：已达到，{v} {}", head.0, unit.zh),
            en: format!("{}: met, {v} {}", head.1, unit.en),
        },
        (Some(v), _) => {
            let short = match better {
                Better::Higher => goal - v,
                Better::Lower => v - goal,
            }
            .to_decimal_ceil();
            Text {
                zh: format!("{}：未达到，差 {short}{}", head.0, gap_unit.0),
                en: format!("{}: not met, short by {short}{}", head.1, gap_unit.1),
            }
        }
        (None, _) => Text {
            zh: format!("{}：无法比较（未填写）", head.0),
            en: format!("{}: cannot compare (not entered)", head.1),
        },
    };
    TargetCheck {
        id: t.id.clone(),
        label: t.label.clone(),
        target: t.value,
        year: t.year,
        programme: t.programme.clone(),
        met,
        difference,
        text,
    }
}
