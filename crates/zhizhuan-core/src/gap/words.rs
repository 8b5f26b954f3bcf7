//! What the gap says in words, in both languages: answers, amounts in the firm's own units,
//! the requirements an action meets, expected effects, and what is out of reach.

use serde::Serialize;
use ts_rs::TS;

use super::model::{Model, scale_of};
use super::{ExpectedEffect, RequirementGap};
use crate::decimal::Decimal;
use crate::framework::{ItemKind, Span, Text};
use crate::score::explain::condition_head;
use crate::score::{Rational, State, rank_zh};

fn text(zh: String, en: String) -> Text {
    Text { zh, en }
}

/// An exact value as it is, a rounded one with `≈` (the score's own display).
pub(crate) fn shown(r: Rational) -> String {
    r.to_string()
}

/// What a band action takes, in the firm's own units: the numerator's figure before and
/// after, against the same denominator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    pub field: Text,
    pub unit: Text,
    pub from: Decimal,
    pub to: Decimal,
    /// The denominator's figure and name (kept as answered).
    pub of: Decimal,
    pub of_field: Text,
    /// The band's lower edge, and whether the ratio must lie strictly above it.
    pub edge: Decimal,
    pub edge_open: bool,
    pub percent: bool,
    /// 万元 per unit of increase, when the framework declares one.
    pub unit_cost_wan: Option<Span<Decimal>>,
    pub text: Text,
}

impl Amount {
    /// The declared cost plus the increase at the unit cost.
    pub(crate) fn cost(&self, fixed: Span<Decimal>) -> Span<Decimal> {
        let Some(u) = self.unit_cost_wan else {
            return fixed;
        };
        let more = |per: Decimal| {
            let r = Rational::from_decimal(per) * Rational::from_decimal(self.to - self.from);
            r.to_decimal_ceil()
        };
        Span {
            min: fixed.min + more(u.min),
            max: fixed.max + more(u.max),
        }
    }
}

/// The amount of band candidate `c`, from the figure its same-item needs leave.
pub(crate) fn amount(m: &Model<'_, '_>, c: usize) -> Option<Amount> {
    let cand = &m.cands[c];
    let slot = &m.sheet.slots[cand.slot];
    let ItemKind::Band {
        fields,
        ratio,
        bands,
    } = &slot.loc.item.kind
    else {
        return None;
    };
    let mut before = vec![];
    let mut stack: Vec<usize> = cand.needs.iter().flatten().copied().collect();
    while let Some(x) = stack.pop() {
        if m.cands[x].slot == cand.slot && !before.contains(&x) {
            before.push(x);
            stack.extend(m.cands[x].needs.iter().flatten().copied());
        }
    }
    let mut state = slot.state.clone();
    for x in before {
        state = m.apply(cand.slot, &state, m.cands[x].reaches());
    }
    let (State::Band { num: from, .. }, State::Band { num: to, den, band }) =
        (&state, m.apply(cand.slot, &state, cand.reaches()))
    else {
        return None; // unanswered: there is no figure to start from
    };
    let field = fields.iter().find(|f| f.id == ratio.numerator)?;
    let of = fields.iter().find(|f| f.id == ratio.denominator)?;
    let mut amount = Amount {
        field: field.label.clone(),
        unit: field.unit.clone(),
        from: *from,
        to,
        of: den,
        of_field: of.label.clone(),
        edge: bands[band].lower,
        edge_open: !bands[band].lower_closed,
        percent: ratio.percent,
        unit_cost_wan: field.unit_cost_wan,
        text: text(String::new(), String::new()),
    };
    amount.text = amount.words(&of.unit);
    Some(amount)
}

impl Amount {
    /// 「联网设备数由 15 增至 21 台（+6 台；占设备总数 50 台的 30% → 42%，须高于 40%）」
    fn words(&self, of_unit: &Text) -> Text {
        let pct = if self.percent { "%" } else { "" };
        let share = |n: Decimal| {
            let hundred = Rational::from_int(if self.percent { 100 } else { 1 });
            shown(Rational::from_decimal(n) * hundred / Rational::from_decimal(self.of))
        };
        let (s0, s1, (from, to, of)) = (
            share(self.from),
            share(self.to),
            (self.from, self.to, self.of),
        );
        let (above_zh, above_en) = match self.edge_open {
            true => (
                format!("，须高于 {}{pct}", self.edge),
                format!("; must exceed {}{pct}", self.edge),
            ),
            false => (String::new(), String::new()),
        };
        let (f, u) = (&self.field, &self.unit);
        text(
            format!(
                "{}由 {from} 增至 {to} {}（+{} {}；占{} {of} {} 的 {s0}{pct} → {s1}{pct}{above_zh}）",
                f.zh,
                u.zh,
                to - from,
                u.zh,
                self.of_field.zh,
                of_unit.zh
            ),
            format!(
                "{} from {from} to {to} {} (+{}; of {of} {} {}, {s0}{pct} → {s1}{pct}{above_en})",
                f.en,
                u.en,
                to - from,
                of_unit.en,
                self.of_field.en.to_lowercase()
            ),
        )
    }
}

/// The requirements candidate `c` satisfies that `state` leaves unmet.
pub(crate) fn requirements(m: &Model<'_, '_>, c: usize, state: &State) -> Vec<RequirementGap> {
    let cand = &m.cands[c];
    let slot = &m.sheet.slots[cand.slot];
    let (ItemKind::Requirements { requirements }, State::Requirements(values)) =
        (&slot.loc.item.kind, state)
    else {
        return Vec::new();
    };
    let after = m.apply(cand.slot, state, cand.reaches());
    let State::Requirements(after) = after else {
        return Vec::new();
    };
    let scale = scale_of(m.sheet);
    let label = |v: Option<u8>| match v {
        Some(x) => scale[usize::from(x)].label.clone(),
        None => text("未作答".into(), "not answered".into()),
    };
    slot.requirements
        .iter()
        .enumerate()
        .filter(|(k, _)| values[*k] != after[*k])
        .map(|(k, &ri)| RequirementGap {
            id: requirements[ri].id.clone(),
            level: requirements[ri].level,
            text: requirements[ri].text.clone(),
            now: label(values[k]),
        })
        .collect()
}

/// Every expected effect, marking those whose drivers the plan holds.
pub(crate) fn effects(m: &Model<'_, '_>, driven: &[usize]) -> Vec<ExpectedEffect> {
    let effects = (0..m.cands.len()).filter_map(|c| Some((c, m.cands[c].effect()?)));
    effects
        .map(|(c, effect)| {
            let cand = &m.cands[c];
            let slot = &m.sheet.slots[cand.slot];
            let after = m.apply(cand.slot, &slot.state, cand.reaches());
            ExpectedEffect {
                item: slot.loc.item.id.clone(),
                item_title: slot.loc.item.title.clone(),
                text: effect.text.clone(),
                from: describe(m, cand.slot, &slot.state),
                to: describe(m, cand.slot, &after),
                drivers: effect.drivers.clone(),
                driven: driven.contains(&c),
                reaches: m
                    .to_answer(cand.slot, &after, None)
                    .unwrap_or(crate::answer::AnswerValue::NotApplicable),
            }
        })
        .collect()
}

/// What still fails at level rank `target` with every candidate in `all` done: each
/// condition with the most it can reach.
pub(crate) fn missing(m: &Model<'_, '_>, all: &[usize], target: u8) -> Vec<Text> {
    let cs = m.contributions(&m.states_with(all));
    let e = m.plan.evaluate(&cs);
    let li = usize::from(target) - 1;
    let conds = m.plan.conditions(&cs, &e, li);
    let failing = conds.iter().filter(|c| !c.holds());
    failing
        .map(|c| {
            let (head, (uz, ue)) = condition_head(m.plan, li, c, e.max != m.plan.total);
            let (actual, required) = c.values();
            // a space only between Latin and Chinese text (「总分 S 最多」, 「一级加权得分最多」)
            let gap = if head.zh.ends_with(|c: char| c.is_ascii()) {
                " "
            } else {
                ""
            };
            text(
                format!("{}{gap}最多 {actual}{uz}，需 ≥ {required}{uz}", head.zh),
                format!("{} at most {actual}{ue}, needs ≥ {required}{ue}", head.en),
            )
        })
        .collect()
}

/// An answer in words, in both languages.
pub(crate) fn describe(m: &Model<'_, '_>, slot: usize, state: &State) -> Text {
    let s = &m.sheet.slots[slot];
    let join = |labels: Vec<&Text>| {
        let zh: Vec<&str> = labels.iter().map(|t| t.zh.as_str()).collect();
        let en: Vec<&str> = labels.iter().map(|t| t.en.as_str()).collect();
        text(zh.join("、"), en.join("; "))
    };
    match (&s.loc.item.kind, state) {
        (_, State::Unanswered) => text("未作答".into(), "Not answered".into()),
        (_, State::Na) => text("不适用".into(), "Not applicable".into()),
        (ItemKind::Single { options, .. }, State::Option(i)) => text(
            format!("「{}」", options[*i].label.zh),
            format!("\u{201c}{}\u{201d}", options[*i].label.en),
        ),
        (ItemKind::Multiple { options, .. }, State::Options(mask)) => {
            let chosen: Vec<&Text> = (0..options.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| &options[i].label)
                .collect();
            if chosen.is_empty() {
                text("未选".into(), "None chosen".into())
            } else {
                join(chosen)
            }
        }
        (ItemKind::Band { bands, ratio, .. }, State::Band { num, den, band }) => {
            let u = if ratio.percent { "%" } else { "" };
            let b = &bands[*band];
            let (lo, hi) = (
                if b.lower_closed { "[" } else { "(" },
                if b.upper_closed { "]" } else { ")" },
            );
            let range = format!("{lo}{}{u}, {}{u}{hi}", b.lower, b.upper);
            text(
                format!("{num} / {den}（{range} 档）"),
                format!("{num} / {den} (band {range})"),
            )
        }
        (ItemKind::Ladder { .. }, State::Level(0)) => {
            text("未达一级".into(), "Below level 1".into())
        }
        (ItemKind::Ladder { .. }, State::Level(n)) => text(rank_zh(*n), format!("Level {n}")),
        (ItemKind::Requirements { .. }, State::Requirements(_)) => {
            let (Some(mp), c) = (&m.plan.maturity, m.plan.contribution(s, state)) else {
                return text(String::new(), String::new());
            };
            let levels = c
                .sums
                .iter()
                .enumerate()
                .filter(|(l, _)| mp.counts[slot][*l] > 0);
            let parts: Vec<(String, String)> = levels
                .map(|(l, sum)| {
                    let mean = shown(Rational::new(
                        i128::from(*sum),
                        i128::from(mp.counts[slot][l]) * 10_000,
                    ));
                    (
                        format!("{} {mean}", rank_zh(l as u8 + 1)),
                        format!("L{} {mean}", l + 1),
                    )
                })
                .collect();
            let (zh, en): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
            text(zh.join("，"), en.join(", "))
        }
        _ => text(String::new(), String::new()),
    }
}
