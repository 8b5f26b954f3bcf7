//! The validated framework model: what scoring, gap analysis, the roadmap, the UI and the PDF
//! read. Every value here has passed [`super::validate`]; invariants are listed on each type so
//! consumers can rely on them instead of re-checking.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::decimal::Decimal;

/// A text in Chinese and English; both are non-blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// One assessment framework, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Framework {
    /// The file it was loaded from, e.g. `assessments/miit-2024.toml`.
    pub file: String,
    /// SHA-256 of the definition's text (hex): an assessment records it so that a later
    /// comparison can tell whether both were answered against the same definition.
    pub content_hash: String,
    /// Definition-format version (see `assessments/README.md`).
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: Text,
    pub summary: Option<Text>,
    pub source: Source,
    /// At least one.
    pub variants: Vec<Variant>,
    pub programmes: Vec<Programme>,
    /// Open points (unconfirmed rules, estimates, wording doubts) to show beside results.
    pub notes: Vec<Note>,
    pub scoring: Scoring,
    /// Lowest first; `rank` is 1, 2, …; `min_score` strictly increases.
    pub levels: Vec<Level>,
    /// The tree, in file order.
    pub dimensions: Vec<Dimension>,
    /// The roadmap's phase windows in months from the plan's start, contiguous from 0.
    pub phases: Vec<PhaseWindow>,
}

/// One phase window of the roadmap (快速见效 0–6 months …): an action belongs to the phase
/// whose window holds its start month (`from <= start < to`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhaseWindow {
    pub name: Text,
    pub from: u16,
    pub to: u16,
}

/// Who issued the framework and where it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Source {
    pub issuer: Text,
    /// Document or standard number, e.g. `工信厅企业〔2024〕56号`, `GB/T 39117-2020`.
    pub document: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub url: Option<String>,
}

/// A variant of the questionnaire (e.g. 离散型 / 流程型, or the 制造业 table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Variant {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    /// GB/T 4754-2017 division codes (all in [`crate::catalog::INDUSTRIES`]) it typically fits.
    pub industries: Vec<String>,
}

/// A policy or funding programme an action relates to (专精特新, 城市试点, 贷款贴息 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Programme {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    /// The level this framework's assessment must reach to qualify, when a rule says so.
    pub gate: Option<Gate>,
}

/// A programme's entry condition on this framework's level, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Gate {
    pub min_level: u8,
    pub status: GateStatus,
    pub source: String,
}

/// How well a gate is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GateStatus {
    /// Stated in an official notice.
    Confirmed,
    /// From a single secondary source.
    SingleSource,
    /// Commonly said, not found in an official text: shown with [待核实].
    Unconfirmed,
}

/// How sure a note's subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NoteStatus {
    /// Commonly asserted but not found in the official text.
    Unconfirmed,
    /// Our own estimate, where the official method is not public.
    Estimate,
    /// Sources disagree (e.g. the wording of one option).
    Doubt,
    /// Plain information.
    Info,
}

/// An open point kept visible in the UI and the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Note {
    pub id: String,
    pub status: NoteStatus,
    pub text: Text,
    /// Node ids (dimension / indicator / item), or `scoring` / `levels`.
    pub about: Vec<String>,
}

/// The scoring method with all its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Scoring {
    pub method: Method,
    /// True when the method is not from the official text (show "估算 estimate").
    pub estimate: bool,
    /// The result label when no level is reached (e.g. 未达一级).
    pub below_level: Text,
}

/// Method-specific parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "method", rename_all = "camelCase")]
pub enum Method {
    /// Sum of item points (MIIT). The dimensions' points add up exactly to `total`.
    #[serde(rename_all = "camelCase")]
    Points { total: Decimal },
    /// Requirement satisfaction per level (CMMM).
    #[serde(rename_all = "camelCase")]
    Maturity {
        /// The overall score S runs from 0 to this.
        max_score: Decimal,
        /// A level counts as achieved at a sub-domain when its score is `>=` this.
        achieve_threshold: Decimal,
        aggregation: Aggregation,
        overall: Overall,
        /// The answer scale; values in [0, 1]; contains 1 and 0.
        scale: Vec<ScaleValue>,
    },
}

/// How requirement scores of one sub-domain and level combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregation {
    /// The arithmetic mean of the applicable requirements' scale values.
    Mean,
}

/// How per-level scores combine into the overall score S.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Overall {
    /// S = Σ over levels of the weighted level score (each in [0, 1]).
    LevelSum,
    /// S = k + weighted score of level k+1, k the highest level achieved with all below it.
    AchievedPlusNext,
}

/// One value of a requirement-satisfaction scale (全部满足 = 1 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScaleValue {
    pub id: String,
    pub label: Text,
    /// `None` when the answer removes the requirement from the mean (不适用).
    pub value: Option<Decimal>,
}

/// A result level (or stage): reached when the score is `>= min_score` and every scenario
/// rule holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Level {
    pub id: String,
    pub rank: u8,
    pub name: Text,
    pub alias: Option<Text>,
    pub description: Option<Text>,
    /// Inclusive lower bound on the framework score.
    pub min_score: Decimal,
    pub estimate: bool,
    pub scenario_rules: Vec<ScenarioRule>,
}

/// "At least `min_count` of `among` are at rung `min_level` or higher."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioRule {
    pub min_level: u8,
    pub min_count: u32,
    pub among: Among,
    /// The ladder items the rule counts, resolved from `among` (never empty, at least
    /// `min_count` long).
    pub scenarios: Vec<String>,
}

/// Which ladder items a scenario rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Among {
    All,
    /// Ladder items with `constraint = true` (约束性).
    Constraint,
    /// The ids listed in the file.
    Listed,
}

/// Weight of a node in percent of its parent, per variant id (maturity method only; empty
/// under the points method). For every variant the applicable siblings add up to 100.
pub type Weights = BTreeMap<String, Decimal>;

/// A first-level group (维度 / 能力要素 / 评估方面).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    /// Points method: the indicators' points add up to this. Zero under maturity.
    pub points: Decimal,
    pub weights: Weights,
    /// Variant ids it applies to (all variants when the file names none).
    pub variants: Vec<String>,
    pub indicators: Vec<Indicator>,
}

/// A second-level group (指标 / 能力域).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Indicator {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    /// Points method: the items' points add up to this.
    pub points: Decimal,
    pub weights: Weights,
    pub variants: Vec<String>,
    pub items: Vec<Item>,
}

/// Whether "not applicable" may be answered and what it does to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NaPolicy {
    /// N/A may not be answered.
    No,
    /// N/A scores zero; the item stays in the denominator.
    Zero,
    /// N/A removes the item from the denominator.
    Exclude,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Item {
    pub id: String,
    pub title: Text,
    pub question: Text,
    pub help: Text,
    /// What an assessor wants to see.
    pub evidence: Text,
    /// The most the item can contribute (points method); zero for ladders, KPIs and maturity.
    pub points: Decimal,
    pub weights: Weights,
    pub na: NaPolicy,
    pub variants: Vec<String>,
    pub kind: ItemKind,
    /// Improvement actions, in file order (none on an outcome item).
    pub actions: Vec<Action>,
    /// A result (能耗, 合格率, 人均营收 …) rather than something a firm does: never an action
    /// of its own; it moves through [`Item::effects`] of the actions that drive it.
    pub outcome: bool,
    /// Outcome items: the answer expected once all of an effect's drivers are done.
    pub effects: Vec<Effect>,
}

/// The expected effect of interventions on an outcome item (e.g. energy use falls once
/// energy management reaches rung 2): it costs nothing of its own and is never certain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Effect {
    pub text: Text,
    /// Action ids (on other items) whose completion is expected to bring the effect.
    pub drivers: Vec<String>,
    pub reaches: Reaches,
}

/// The answer shape an item takes (see [`crate::answer::AnswerValue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AnswerShape {
    Option,
    Options,
    Numbers,
    Level,
    Requirements,
}

/// What kind of question an item is, with everything needed to score it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ItemKind {
    /// Exactly one option; its points are the score. The top option's points = item points.
    Single {
        options: Vec<Choice>,
        /// Figures recorded as evidence (not scored).
        fields: Vec<Field>,
    },
    /// Any options; score = min(sum of chosen, `cap`). An exclusive option (「无」) scores 0
    /// and may not be combined with others.
    Multiple { options: Vec<Choice>, cap: Decimal },
    /// A ratio of two entered figures, placed in a band; the band's points are the score.
    Band {
        fields: Vec<Field>,
        ratio: Ratio,
        bands: Vec<Band>,
    },
    /// A level ladder (数字化经营 scenario): rungs 1..=n; answer 0 = not reached.
    Ladder {
        /// 约束性 (true) or 指导性 scenario.
        constraint: bool,
        rungs: Vec<Rung>,
    },
    /// Requirements per level, each answered on the framework's scale (maturity method).
    Requirements { requirements: Vec<Requirement> },
    /// A key performance indicator compared with plan targets (not scored).
    Kpi {
        fields: Vec<Field>,
        measure: Measure,
        unit: Text,
        better: Better,
        targets: Vec<Target>,
    },
}

/// An answer option with its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Choice {
    pub id: String,
    pub label: Text,
    pub description: Option<Text>,
    pub points: Decimal,
    /// Multiple choice only: excludes every other option (「无」).
    pub exclusive: bool,
}

/// A figure the user enters (a count, an amount).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Field {
    pub id: String,
    pub label: Text,
    pub unit: Text,
    /// The smallest change that makes sense (1 for machines, 0.1 for 万元): a planned amount
    /// is a whole number of steps. 0.0001 when the file gives none.
    pub step: Decimal,
    /// 万元 per step-free unit of increase of this field, when the framework declares one: a
    /// band action's cost then grows with the amount it asks for.
    #[serde(rename = "unitCostWan")]
    pub unit_cost_wan: Option<Span<Decimal>>,
    /// The same figure asked by several items (生产设备总数): typed once, the questionnaire
    /// offers it to every field with this id that is still empty.
    pub shared: Option<String>,
}

/// numerator ÷ denominator (× 100 when `percent`), compared exactly with band edges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Ratio {
    pub numerator: String,
    pub denominator: String,
    pub percent: bool,
}

/// One band of a ratio: from `lower` to `upper`, each edge open or closed. Bands of an item are
/// ordered, contiguous and non-overlapping; the last band's points = item points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub id: String,
    pub label: Option<Text>,
    pub lower: Decimal,
    pub upper: Decimal,
    pub lower_closed: bool,
    pub upper_closed: bool,
    pub points: Decimal,
}

impl Band {
    /// Whether `num / den` (× 100 when `percent`) lies in this band, compared exactly.
    /// `den` must be positive.
    pub fn contains(&self, num: Decimal, den: Decimal, percent: bool) -> bool {
        use std::cmp::Ordering::*;
        let num = if percent { num * 100 } else { num };
        let lo = num.ratio_cmp(den, self.lower, Decimal::ONE);
        let hi = num.ratio_cmp(den, self.upper, Decimal::ONE);
        let above_lower = matches!(lo, Greater) || (lo == Equal && self.lower_closed);
        let below_upper = matches!(hi, Less) || (hi == Equal && self.upper_closed);
        above_lower && below_upper
    }
}

/// One rung of a ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rung {
    pub level: u8,
    pub description: Text,
}

/// One requirement of a maturity item at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Requirement {
    pub id: String,
    pub level: u8,
    pub text: Text,
    pub variants: Vec<String>,
}

/// What a KPI item measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Measure {
    Ratio(Ratio),
    /// One entered field (its id) taken as is.
    Value(String),
}

/// Which direction of a KPI is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Better {
    Higher,
    Lower,
}

/// A plan target for a KPI (e.g. 关键工序数控化率 68 % by 2025).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Target {
    pub id: String,
    pub label: Text,
    pub value: Decimal,
    pub year: Option<u16>,
    pub programme: Option<String>,
}

/// Rough effort of an action for a small manufacturer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Effort {
    Low,
    Medium,
    High,
}

impl Effort {
    /// The effort units the gap search minimises: low 1, medium 3, high 9. Frameworks give no
    /// person-days, so these are the only effort figure a plan can state.
    pub fn units(self) -> u32 {
        match self {
            Effort::Low => 1,
            Effort::Medium => 3,
            Effort::High => 9,
        }
    }
}

/// A range `min..=max` (cost in 万元, duration in months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Span<T> {
    pub min: T,
    pub max: T,
}

/// What an action achieves on its item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum Reaches {
    /// Improves the item as a whole.
    Item,
    /// Makes this option true (single / multiple).
    Option(String),
    /// Brings the ratio into this band.
    Band(String),
    /// Reaches this rung (ladder) or this level's requirements (requirements).
    Level(u8),
}

/// An improvement action for the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// Framework-wide unique.
    pub id: String,
    pub title: Text,
    /// What to do.
    pub detail: Text,
    pub effort: Effort,
    /// Cost band in 万元.
    pub cost_wan: Span<Decimal>,
    /// Typical duration in months.
    pub months: Span<u16>,
    /// Action ids to do first; they exist and form no cycle.
    pub prerequisites: Vec<String>,
    /// Programme ids.
    pub programmes: Vec<String>,
    pub reaches: Reaches,
}

impl ItemKind {
    /// The answer shape this kind takes.
    pub fn answer_shape(&self) -> AnswerShape {
        match self {
            ItemKind::Single { .. } => AnswerShape::Option,
            ItemKind::Multiple { .. } => AnswerShape::Options,
            ItemKind::Band { .. } | ItemKind::Kpi { .. } => AnswerShape::Numbers,
            ItemKind::Ladder { .. } => AnswerShape::Level,
            ItemKind::Requirements { .. } => AnswerShape::Requirements,
        }
    }

    /// The kind's name as written in files (`single`, `multiple`, …).
    pub fn name(&self) -> &'static str {
        match self {
            ItemKind::Single { .. } => "single",
            ItemKind::Multiple { .. } => "multiple",
            ItemKind::Band { .. } => "band",
            ItemKind::Ladder { .. } => "ladder",
            ItemKind::Requirements { .. } => "requirements",
            ItemKind::Kpi { .. } => "kpi",
        }
    }
}

impl Item {
    /// Whether the item is asked for `variant`.
    pub fn applies_to(&self, variant: &str) -> bool {
        self.variants.iter().any(|v| v == variant)
    }

    /// The options of a single or multiple choice item (empty otherwise).
    pub fn options(&self) -> &[Choice] {
        match &self.kind {
            ItemKind::Single { options, .. } | ItemKind::Multiple { options, .. } => options,
            _ => &[],
        }
    }

    /// Whether this is a ladder (数字化经营 scenario) item.
    pub fn is_ladder(&self) -> bool {
        matches!(self.kind, ItemKind::Ladder { .. })
    }
}

/// Where an item sits in the tree.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub dimension: &'a Dimension,
    pub indicator: &'a Indicator,
    pub item: &'a Item,
}

impl Framework {
    /// Every item with its dimension and indicator, in file order.
    pub fn items(&self) -> impl Iterator<Item = Located<'_>> {
        self.dimensions.iter().flat_map(|dimension| {
            dimension.indicators.iter().flat_map(move |indicator| {
                indicator.items.iter().map(move |item| Located {
                    dimension,
                    indicator,
                    item,
                })
            })
        })
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().map(|l| l.item).find(|i| i.id == id)
    }

    /// Every action with the item it belongs to, in file order.
    pub fn actions(&self) -> impl Iterator<Item = (&Item, &Action)> {
        self.items()
            .flat_map(|l| l.item.actions.iter().map(move |a| (l.item, a)))
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions().map(|(_, a)| a).find(|a| a.id == id)
    }

    /// The ladder (scenario) items, in file order.
    pub fn scenarios(&self) -> impl Iterator<Item = &Item> {
        self.items().map(|l| l.item).filter(|i| i.is_ladder())
    }

    /// The variant with this id.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// The programme with this id.
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.id == id)
    }

    /// The points method's declared total, if that is the method.
    pub fn total_points(&self) -> Option<Decimal> {
        match self.scoring.method {
            Method::Points { total } => Some(total),
            Method::Maturity { .. } => None,
        }
    }

    /// The notes about a node id (or `scoring` / `levels`).
    pub fn notes_about<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Note> + 'a {
        self.notes
            .iter()
            .filter(move |n| n.about.iter().any(|a| a == id))
    }
}
