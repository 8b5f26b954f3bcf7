//! Answers → a [`Sheet`]: every answer checked against its item before anything is scored.
//!
//! All problems are collected (not just the first), each naming the item and the value, and
//! no partial result is produced: a score computed from half-valid answers would be a number
//! nobody can trust.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::{AnswerValue, AnswersFile};
use crate::decimal::Decimal;
use crate::framework::{
    Band, Choice, Field, Framework, Item, ItemKind, Located, NaPolicy, Ratio, Requirement,
};

/// One thing wrong with an answers file, naming the item and the value where there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum AnswerError {
    #[error(
        "答案文件属于框架「{found}」，不是「{expected}」 (answers are for framework {found}, not {expected})"
    )]
    WrongFramework { expected: String, found: String },
    #[error(
        "框架 {framework} 的版本是「{expected}」，答案文件写的是「{found}」 (version mismatch)"
    )]
    WrongVersion {
        framework: String,
        expected: String,
        found: String,
    },
    #[error("未知的适用类型「{found}」，可选：{} (unknown variant)", expected.join("、"))]
    UnknownVariant {
        found: String,
        expected: Vec<String>,
    },
    #[error("此框架有多个适用类型，请在 variant 中指定：{} (variant required)", expected.join("、"))]
    VariantRequired { expected: Vec<String> },
    #[error("题目 {item}：框架中没有这道题 (unknown item)")]
    UnknownItem { item: String },
    #[error("题目 {item}：不适用于类型「{variant}」 (item not asked for this variant)")]
    NotForVariant { item: String, variant: String },
    #[error("题目 {item}（{item_kind}）：答案应为 {expected}，实际为 {found} (wrong answer shape)")]
    WrongShape {
        item: String,
        item_kind: String,
        expected: String,
        found: String,
    },
    #[error("题目 {item}：没有选项「{option}」，可选：{} (unknown option)", expected.join("、"))]
    UnknownOption {
        item: String,
        option: String,
        expected: Vec<String>,
    },
    #[error("题目 {item}：选项「{option}」重复 (duplicate option)")]
    DuplicateOption { item: String, option: String },
    #[error("题目 {item}：「{option}」不能与其他选项同时选择 (exclusive option combined)")]
    ExclusiveCombined { item: String, option: String },
    #[error("题目 {item}：本题不允许“不适用” (N/A not allowed)")]
    NaNotAllowed { item: String },
    #[error("题目 {item}：没有数据项「{field}」，可填：{} (unknown field)", expected.join("、"))]
    UnknownField {
        item: String,
        field: String,
        expected: Vec<String>,
    },
    #[error("题目 {item}：缺少数据项「{field}」 (missing field)")]
    MissingField { item: String, field: String },
    #[error("题目 {item}：{field} = {value} 不能为负数 (negative number)")]
    Negative {
        item: String,
        field: String,
        value: Decimal,
    },
    #[error("题目 {item}：{field} = 0，比例无法计算 (zero denominator)")]
    ZeroDenominator { item: String, field: String },
    #[error(
        "题目 {item}：{numerator} = {numerator_value} 大于 {denominator} = {denominator_value} (numerator above denominator)"
    )]
    AboveDenominator {
        item: String,
        numerator: String,
        numerator_value: Decimal,
        denominator: String,
        denominator_value: Decimal,
    },
    #[error("题目 {item}：比例 {ratio} 不在任何档位内 (ratio outside every band)")]
    OutsideBands { item: String, ratio: String },
    #[error("题目 {item}：等级 {level} 超过最高级 {top} (level above the ladder)")]
    LevelAboveLadder { item: String, level: u8, top: u8 },
    #[error("题目 {item}：没有要求「{requirement}」 (unknown requirement)")]
    UnknownRequirement { item: String, requirement: String },
    #[error(
        "题目 {item}：要求「{requirement}」不适用于类型「{variant}」 (requirement not asked for this variant)"
    )]
    RequirementNotForVariant {
        item: String,
        requirement: String,
        variant: String,
    },
    #[error("题目 {item}：要求「{requirement}」的答案「{value}」不在量表中，可选：{} (unknown scale value)", expected.join("、"))]
    UnknownScale {
        item: String,
        requirement: String,
        value: String,
        expected: Vec<String>,
    },
}

/// Every problem found in one answers file (at least one), in item order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS)]
pub struct AnswerErrors(pub Vec<AnswerError>);

impl fmt::Display for AnswerErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// An item's answer, resolved against the item (indices into its options, bands, scale).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum State {
    Unanswered,
    Na,
    /// Index of the chosen option.
    Option(usize),
    /// Bit `i` set when option `i` is chosen (items have at most 128 options).
    Options(u128),
    /// The entered figures and the index of the band their ratio falls in.
    Band {
        num: Decimal,
        den: Decimal,
        band: usize,
    },
    Level(u8),
    /// Per requirement of the item that applies to the variant (see [`Slot::requirements`]):
    /// the scale index answered, `None` when not answered.
    Requirements(Vec<Option<u8>>),
    Kpi(BTreeMap<String, Decimal>),
}

impl State {
    /// A requirements item's answers, one per requirement of `slot`: `None` for each one not
    /// answered, all of them when the item is unanswered.
    pub fn requirement_values(&self, slot: &Slot<'_>) -> Vec<Option<u8>> {
        match self {
            State::Requirements(values) => values.clone(),
            _ => vec![None; slot.requirements.len()],
        }
    }
}

/// One item asked for the variant, with its resolved answer.
#[derive(Debug, Clone)]
pub(crate) struct Slot<'f> {
    pub loc: Located<'f>,
    /// Indices of the item's requirements that apply to the variant (requirements items).
    pub requirements: Vec<usize>,
    pub state: State,
}

/// The answers of one assessment, resolved: one slot per item asked for the variant.
#[derive(Debug, Clone)]
pub(crate) struct Sheet<'f> {
    pub fw: &'f Framework,
    pub variant: String,
    pub slots: Vec<Slot<'f>>,
}

fn shape_name(v: &AnswerValue) -> &'static str {
    match v {
        AnswerValue::Option(_) => "option",
        AnswerValue::Options(_) => "options",
        AnswerValue::Numbers(_) => "numbers",
        AnswerValue::Level(_) => "level",
        AnswerValue::Requirements(_) => "requirements",
        AnswerValue::NotApplicable => "\"na\"",
    }
}

/// Checks `answers` against `fw` and resolves them.
pub(crate) fn check<'f>(
    fw: &'f Framework,
    answers: &AnswersFile,
) -> Result<Sheet<'f>, AnswerErrors> {
    let mut errors = Vec::new();
    if answers.framework != fw.id {
        errors.push(AnswerError::WrongFramework {
            expected: fw.id.clone(),
            found: answers.framework.clone(),
        });
        return Err(AnswerErrors(errors));
    }
    if answers.version != fw.version {
        errors.push(AnswerError::WrongVersion {
            framework: fw.id.clone(),
            expected: fw.version.clone(),
            found: answers.version.clone(),
        });
    }
    let variant_ids = || fw.variants.iter().map(|v| v.id.clone()).collect::<Vec<_>>();
    let variant = match &answers.variant {
        Some(v) if fw.variant(v).is_some() => v.clone(),
        Some(v) => {
            errors.push(AnswerError::UnknownVariant {
                found: v.clone(),
                expected: variant_ids(),
            });
            return Err(AnswerErrors(errors));
        }
        None if fw.variants.len() == 1 => fw.variants[0].id.clone(),
        None => {
            errors.push(AnswerError::VariantRequired {
                expected: variant_ids(),
            });
            return Err(AnswerErrors(errors));
        }
    };
    for id in answers.answers.keys() {
        match fw.item(id) {
            None => errors.push(AnswerError::UnknownItem { item: id.clone() }),
            Some(item) if !item.applies_to(&variant) => errors.push(AnswerError::NotForVariant {
                item: id.clone(),
                variant: variant.clone(),
            }),
            Some(_) => {}
        }
    }
    let mut slots = Vec::new();
    for loc in fw.items() {
        if !loc.item.applies_to(&variant) {
            continue;
        }
        let requirements = match &loc.item.kind {
            ItemKind::Requirements { requirements } => requirements
                .iter()
                .enumerate()
                .filter(|(_, r)| r.variants.contains(&variant))
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        };
        let mut slot = Slot {
            loc,
            requirements,
            state: State::Unanswered,
        };
        if let Some(answer) = answers.answers.get(&loc.item.id) {
            slot.state = resolve(fw, &slot, &variant, answer, &mut errors);
        }
        slots.push(slot);
    }
    if errors.is_empty() {
        Ok(Sheet { fw, variant, slots })
    } else {
        Err(AnswerErrors(errors))
    }
}

fn resolve(
    fw: &Framework,
    slot: &Slot<'_>,
    variant: &str,
    answer: &AnswerValue,
    errors: &mut Vec<AnswerError>,
) -> State {
    let item = slot.loc.item;
    let id = || item.id.clone();
    if *answer == AnswerValue::NotApplicable {
        if item.na == NaPolicy::No {
            errors.push(AnswerError::NaNotAllowed { item: id() });
            return State::Unanswered;
        }
        return State::Na;
    }
    match (&item.kind, answer) {
        (ItemKind::Single { options, .. }, AnswerValue::Option(o)) => {
            single_state(item, options, o, errors)
        }
        (ItemKind::Multiple { options, .. }, AnswerValue::Options(chosen)) => {
            multiple_state(item, options, chosen, errors)
        }
        (
            ItemKind::Band {
                fields,
                ratio,
                bands,
            },
            AnswerValue::Numbers(numbers),
        ) => band_state(item, fields, ratio, bands, numbers, errors),
        (ItemKind::Ladder { rungs, .. }, AnswerValue::Level(n)) => {
            let top = rungs.len() as u8;
            if *n > top {
                errors.push(AnswerError::LevelAboveLadder {
                    item: id(),
                    level: *n,
                    top,
                });
                State::Unanswered
            } else {
                State::Level(*n)
            }
        }
        (ItemKind::Requirements { requirements }, AnswerValue::Requirements(given)) => {
            requirements_state(fw, slot, variant, requirements, given, errors)
        }
        (ItemKind::Kpi { fields, .. }, AnswerValue::Numbers(numbers)) => {
            let before = errors.len();
            check_numbers(&item.id, fields, numbers, errors);
            if let ItemKind::Kpi {
                measure: crate::framework::Measure::Ratio(r),
                ..
            } = &item.kind
            {
                check_kpi_ratio(&item.id, r, numbers, errors);
            }
            if errors.len() > before {
                State::Unanswered
            } else {
                State::Kpi(numbers.clone())
            }
        }
        _ => wrong_shape(item, answer, errors),
    }
}

/// Records an answer of the wrong shape for its item (an option for a ladder, …).
fn wrong_shape(item: &Item, answer: &AnswerValue, errors: &mut Vec<AnswerError>) -> State {
    let expected = match item.kind.answer_shape() {
        crate::framework::AnswerShape::Option => "option",
        crate::framework::AnswerShape::Options => "options",
        crate::framework::AnswerShape::Numbers => "numbers",
        crate::framework::AnswerShape::Level => "level",
        crate::framework::AnswerShape::Requirements => "requirements",
    };
    errors.push(AnswerError::WrongShape {
        item: item.id.clone(),
        item_kind: item.kind.name().to_owned(),
        expected: expected.to_owned(),
        found: shape_name(answer).to_owned(),
    });
    State::Unanswered
}

/// A single choice answer: the index of a known option.
fn single_state(item: &Item, options: &[Choice], o: &str, errors: &mut Vec<AnswerError>) -> State {
    let id = || item.id.clone();
    let option_ids = || {
        item.options()
            .iter()
            .map(|o| o.id.clone())
            .collect::<Vec<_>>()
    };
    match options.iter().position(|x| x.id == *o) {
        Some(i) => State::Option(i),
        None => {
            errors.push(AnswerError::UnknownOption {
                item: id(),
                option: o.to_owned(),
                expected: option_ids(),
            });
            State::Unanswered
        }
    }
}

/// A multiple choice answer: known options, none twice, an exclusive one alone.
fn multiple_state(
    item: &Item,
    options: &[Choice],
    chosen: &[String],
    errors: &mut Vec<AnswerError>,
) -> State {
    let id = || item.id.clone();
    let option_ids = || {
        item.options()
            .iter()
            .map(|o| o.id.clone())
            .collect::<Vec<_>>()
    };
    let mut mask = 0_u128;
    let before = errors.len();
    for o in chosen {
        match options.iter().position(|x| x.id == *o) {
            Some(i) if i >= 128 => errors.push(AnswerError::UnknownOption {
                item: id(),
                option: o.clone(),
                expected: option_ids(),
            }),
            Some(i) if mask & (1 << i) != 0 => errors.push(AnswerError::DuplicateOption {
                item: id(),
                option: o.clone(),
            }),
            Some(i) => mask |= 1 << i,
            None => errors.push(AnswerError::UnknownOption {
                item: id(),
                option: o.clone(),
                expected: option_ids(),
            }),
        }
    }
    if let Some((i, x)) = options.iter().enumerate().find(|(_, x)| x.exclusive)
        && mask & (1 << i) != 0
        && mask.count_ones() > 1
    {
        errors.push(AnswerError::ExclusiveCombined {
            item: id(),
            option: x.id.clone(),
        });
    }
    if errors.len() > before {
        State::Unanswered
    } else {
        State::Options(mask)
    }
}

/// A band answer: the item's figures, with a ratio that falls in one of its bands.
fn band_state(
    item: &Item,
    fields: &[Field],
    ratio: &Ratio,
    bands: &[Band],
    numbers: &BTreeMap<String, Decimal>,
    errors: &mut Vec<AnswerError>,
) -> State {
    let id = || item.id.clone();
    let before = errors.len();
    check_numbers(&item.id, fields, numbers, errors);
    let (Some(&num), Some(&den)) = (
        numbers.get(&ratio.numerator),
        numbers.get(&ratio.denominator),
    ) else {
        for f in [&ratio.numerator, &ratio.denominator] {
            if !numbers.contains_key(f) {
                errors.push(AnswerError::MissingField {
                    item: id(),
                    field: f.clone(),
                });
            }
        }
        return State::Unanswered;
    };
    if errors.len() > before {
        return State::Unanswered;
    }
    if den.is_zero() {
        errors.push(AnswerError::ZeroDenominator {
            item: id(),
            field: ratio.denominator.clone(),
        });
        return State::Unanswered;
    }
    match bands
        .iter()
        .position(|b| b.contains(num, den, ratio.percent))
    {
        Some(band) => State::Band { num, den, band },
        None if num > den && ratio.percent => {
            errors.push(AnswerError::AboveDenominator {
                item: id(),
                numerator: ratio.numerator.clone(),
                numerator_value: num,
                denominator: ratio.denominator.clone(),
                denominator_value: den,
            });
            State::Unanswered
        }
        None => {
            let shown = crate::score::rational::Rational::from_decimal(if ratio.percent {
                num * 100
            } else {
                num
            }) / crate::score::rational::Rational::from_decimal(den);
            let unit = if ratio.percent { "%" } else { "" };
            errors.push(AnswerError::OutsideBands {
                item: id(),
                ratio: format!("{shown}{unit}"),
            });
            State::Unanswered
        }
    }
}

/// A requirements answer: a known scale value for requirements that apply to the variant.
fn requirements_state(
    fw: &Framework,
    slot: &Slot<'_>,
    variant: &str,
    requirements: &[Requirement],
    given: &BTreeMap<String, String>,
    errors: &mut Vec<AnswerError>,
) -> State {
    let item = slot.loc.item;
    let id = || item.id.clone();
    let scale = match &fw.scoring.method {
        crate::framework::Method::Maturity { scale, .. } => scale.as_slice(),
        crate::framework::Method::Points { .. } => &[],
    };
    let mut values = vec![None; slot.requirements.len()];
    let before = errors.len();
    for (rid, value) in given {
        let Some(pos) = requirements.iter().position(|r| r.id == *rid) else {
            errors.push(AnswerError::UnknownRequirement {
                item: id(),
                requirement: rid.clone(),
            });
            continue;
        };
        let Some(k) = slot.requirements.iter().position(|&i| i == pos) else {
            errors.push(AnswerError::RequirementNotForVariant {
                item: id(),
                requirement: rid.clone(),
                variant: variant.to_owned(),
            });
            continue;
        };
        match scale.iter().position(|s| s.id == *value) {
            Some(s) => values[k] = Some(s as u8),
            None => errors.push(AnswerError::UnknownScale {
                item: id(),
                requirement: rid.clone(),
                value: value.clone(),
                expected: scale.iter().map(|s| s.id.clone()).collect(),
            }),
        }
    }
    if errors.len() > before {
        State::Unanswered
    } else {
        State::Requirements(values)
    }
}

/// A KPI ratio's figures, checked as a band's are: no zero denominator (0 / 0 is no rate), no
/// percentage above 100 %.
fn check_kpi_ratio(
    item: &str,
    r: &crate::framework::Ratio,
    numbers: &BTreeMap<String, Decimal>,
    errors: &mut Vec<AnswerError>,
) {
    let (Some(&n), Some(&d)) = (numbers.get(&r.numerator), numbers.get(&r.denominator)) else {
        return; // partly entered: not yet a rate
    };
    if d.is_zero() {
        errors.push(AnswerError::ZeroDenominator {
            item: item.to_owned(),
            field: r.denominator.clone(),
        });
    } else if r.percent && n > d {
        errors.push(AnswerError::AboveDenominator {
            item: item.to_owned(),
            numerator: r.numerator.clone(),
            numerator_value: n,
            denominator: r.denominator.clone(),
            denominator_value: d,
        });
    }
}

fn check_numbers(
    item: &str,
    fields: &[crate::framework::Field],
    numbers: &BTreeMap<String, Decimal>,
    errors: &mut Vec<AnswerError>,
) {
    for (k, v) in numbers {
        if !fields.iter().any(|f| f.id == *k) {
            errors.push(AnswerError::UnknownField {
                item: item.to_owned(),
                field: k.clone(),
                expected: fields.iter().map(|f| f.id.clone()).collect(),
            });
        } else if *v < Decimal::ZERO {
            errors.push(AnswerError::Negative {
                item: item.to_owned(),
                field: k.clone(),
                value: *v,
            });
        }
    }
}
