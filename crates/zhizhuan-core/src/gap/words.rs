//! What the gap says in words, in both languages: answers, amounts in the firm's own units,
//! the requirements an action meets, expected effects, and what is out of reach.

use serde::Serialize;
use ts_rs::TS;

use super::model::Model;
use super::{ExpectedEffect, GapAction, RequirementGap};
use crate::answer::AnswerValue;
use crate::decimal::Decimal;
use crate::framework::{ItemKind, Span, Text};
use crate::score::explain::{band_range, condition_head};
use crate::score::{Rational, State, rank_zh};

fn text(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
    }
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
    let state = (before.iter()).fold(slot.state.clone(), |st, &x| {
        m.apply(cand.slot, &st, m.cands[x].reaches)
    });
    let (State::Band { num: from, .. }, State::Band { num: to, den, band }) =
        (&state, m.apply(cand.slot, &state, cand.reaches))
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
        text: text("", ""),
    };
    amount.text = amount.words(&of.unit);
    Some(amount)
}

impl Amount {
    /// 「联网设备数由 15 增至 21 台（+6 台；占设备总数 50 台的 30% → 42%，须高于 40%）」
    fn words(&self, of_unit: &Text) -> Text {
        let (from, to, of, edge) = (self.from, self.to, self.of, self.edge);
        let pct = if self.percent { "%" } else { "" };
        let hundred = Rational::from_int(if self.percent { 100 } else { 1 });
        let share = |n: Decimal| Rational::from_decimal(n) * hundred / Rational::from_decimal(of);
        let (s0, s1) = (share(from), share(to));
        let (above_zh, above_en) = match self.edge_open {
            true => (
                format!("，须高于 {edge}{pct}"),
                format!("; must exceed {edge}{pct}"),
            ),
            false => (String::new(), String::new()),
        };
        let (f, u, o) = (&self.field, &self.unit, &self.of_field);
        text(
            format!(
                "{}由 {from} 增至 {to} {}（+{} {}；占{} {of} {} 的 {s0}{pct} → {s1}{pct}{above_zh}）",
                f.zh,
                u.zh,
                to - from,
                u.zh,
                o.zh,
                of_unit.zh
            ),
            format!(
                "{} from {from} to {to} {} (+{}; of {of} {} {}, {s0}{pct} → {s1}{pct}{above_en})",
                f.en,
                u.en,
                to - from,
                of_unit.en,
                o.en.to_lowercase()
            ),
        )
    }
}

/// Action candidate `c` done after those before it: its item's answer goes from `before` to
/// `after`, meeting the requirements that changed.
pub(crate) fn gap_action(m: &Model<'_, '_>, c: usize, before: &State, after: &State) -> GapAction {
    let cand = &m.cands[c];
    let slot = &m.sheet.slots[cand.slot];
    let (item, a) = (slot.loc.item, cand.action.expect("only actions are listed"));
    let mut requirements = Vec::new();
    if let (ItemKind::Requirements { requirements: rs }, State::Requirements(is)) =
        (&item.kind, after)
    {
        // an unanswered sub-domain has every requirement still to meet
        let was = before.requirement_values(slot);
        let label = |v: Option<u8>| match v {
            Some(x) => m.plan.scale[usize::from(x)].label.clone(),
            None => text("未作答", "not answered"),
        };
        let changed = slot.requirements.iter().zip(was.iter().zip(is));
        requirements = (changed.filter(|(_, (x, y))| x != y))
            .map(|(&ri, (x, _))| RequirementGap {
                id: rs[ri].id.clone(),
                level: rs[ri].level,
                text: rs[ri].text.clone(),
                now: label(*x),
            })
            .collect();
    }
    GapAction {
        action: a.id.clone(),
        item: item.id.clone(),
        item_title: item.title.clone(),
        title: a.title.clone(),
        detail: a.detail.clone(),
        effort: a.effort,
        cost_wan: cand.cost,
        months: a.months,
        prerequisites: a.prerequisites.clone(),
        programmes: a.programmes.clone(),
        target: a.reaches.clone(),
        reaches: (m.to_answer(cand.slot, after, None)).unwrap_or(AnswerValue::NotApplicable),
        amount: cand.amount.clone(),
        requirements,
    }
}

/// Every expected effect, marking those whose drivers the plan holds.
pub(crate) fn effects(m: &Model<'_, '_>, driven: &[usize]) -> Vec<ExpectedEffect> {
    let effects = (m.cands.iter().enumerate()).filter_map(|(c, x)| Some((c, x, x.effect?)));
    effects
        .map(|(c, cand, effect)| {
            let slot = &m.sheet.slots[cand.slot];
            let after = m.apply(cand.slot, &slot.state, cand.reaches);
            let (from, to) = describe_change(m, cand.slot, &slot.state, &after);
            ExpectedEffect {
                item: slot.loc.item.id.clone(),
                item_title: slot.loc.item.title.clone(),
                text: effect.text.clone(),
                from,
                to,
                drivers: effect.drivers.clone(),
                driven: driven.contains(&c),
                reaches: (m.to_answer(cand.slot, &after, None))
                    .unwrap_or(AnswerValue::NotApplicable),
            }
        })
        .collect()
}

/// What still fails at level rank `target` with every candidate in `all` done: each
/// condition with the most it can reach.
pub(crate) fn missing(m: &Model<'_, '_>, all: &[usize], target: u8) -> Vec<Text> {
    let (step, li) = (m.step(all), usize::from(target) - 1);
    let conds = m.plan.conditions(&step.cs, &step.eval, li);
    let failing = conds.iter().filter(|c| !c.holds());
    failing
        .map(|c| {
            let normalised = step.eval.max != m.plan.total;
            let (head, (uz, ue)) = condition_head(m.plan, li, c, normalised);
            let (actual, required) = (c.actual, c.required);
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

/// An item's answer before and after, in words. A requirements item shows only the levels
/// whose mean changes (the others would read the same on both sides), all when none does.
pub(crate) fn describe_change(
    m: &Model<'_, '_>,
    slot: usize,
    from: &State,
    to: &State,
) -> (Text, Text) {
    let sums = |st: &State| m.plan.contribution(&m.sheet.slots[slot], st).sums;
    let (a, b) = (sums(from), sums(to));
    let shown = |l: usize| a == b || a.get(l) != b.get(l);
    (
        describe(m, slot, from, &shown),
        describe(m, slot, to, &shown),
    )
}

/// An answer in words, in both languages; of a requirements item, the `shown` levels' means.
fn describe(m: &Model<'_, '_>, slot: usize, state: &State, shown: &dyn Fn(usize) -> bool) -> Text {
    let s = &m.sheet.slots[slot];
    let join = |parts: Vec<(String, String)>, zh_sep: &str, en_sep: &str| {
        let (zh, en): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
        text(zh.join(zh_sep), en.join(en_sep))
    };
    match (&s.loc.item.kind, state) {
        (_, State::Unanswered) => text("未作答", "Not answered"),
        (_, State::Na) => text("不适用", "Not applicable"),
        (ItemKind::Single { options, .. }, State::Option(i)) => text(
            format!("「{}」", options[*i].label.zh),
            format!("\u{201c}{}\u{201d}", options[*i].label.en),
        ),
        (ItemKind::Multiple { .. }, State::Options(0)) => text("未选", "None chosen"),
        (ItemKind::Multiple { options, .. }, State::Options(mask)) => {
            let chosen = (options.iter().enumerate()).filter(|(i, _)| mask & (1 << i) != 0);
            let labels = chosen.map(|(_, o)| (o.label.zh.clone(), o.label.en.clone()));
            join(labels.collect(), "、", "; ")
        }
        (ItemKind::Band { bands, ratio, .. }, State::Band { num, den, band }) => {
            let range = band_range(&bands[*band], ratio.percent);
            text(
                format!("{num} / {den}（{range} 档）"),
                format!("{num} / {den} (band {range})"),
            )
        }
        (ItemKind::Ladder { .. }, State::Level(0)) => text("未达一级", "Below level 1"),
        (ItemKind::Ladder { .. }, State::Level(n)) => text(rank_zh(*n), format!("Level {n}")),
        (ItemKind::Requirements { .. }, State::Requirements(_)) => {
            let Some(mp) = &m.plan.maturity else {
                return text("", "");
            };
            let sums = m.plan.contribution(s, state).sums;
            let present = (sums.iter().zip(&mp.counts[slot]).enumerate())
                .filter(|(l, (_, n))| **n > 0 && shown(*l));
            let parts = present.map(|(l, (sum, n))| {
                let mean = Rational::new(i128::from(*sum), i128::from(*n) * 10_000);
                let rank = l as u8 + 1;
                (
                    format!("{} {mean}", rank_zh(rank)),
                    format!("L{rank} {mean}"),
                )
            });
            join(parts.collect(), "，", ", ")
        }
        _ => text("", ""),
    }
}
