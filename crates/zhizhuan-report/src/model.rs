//! The report model: plain data that says *what* the report contains, never *where* it goes.
//!
//! A builder (outside this crate) maps core's scores, gaps and roadmap onto these types; the
//! renderer decides pages, line breaks and chart geometry. Keeping the model layout-free makes
//! it cheap to snapshot (it derives `Serialize`) and lets the Chinese and English reports share
//! one renderer: the builder writes the content text, [`crate::Lang`] supplies every fixed label.
//!
//! Numbers that come from scoring are [`Decimal`]s so the model carries exactly what core
//! computed; the renderer converts them to floating point only to place ink on the page.

use serde::{Deserialize, Serialize};
use zhizhuan_core::decimal::Decimal;

use crate::labels::Lang;

/// Everything one PDF report says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportModel {
    /// Language of the fixed labels (section names, page footer, cover field names…).
    pub lang: Lang,
    pub cover: Cover,
    /// Body sections in reading order. The contents page is generated from them.
    pub sections: Vec<Section>,
    /// Phrases the renderer never breaks across lines, beyond the numbers, units and codes the
    /// line breaker keeps by itself: the framework's level names and aliases (「四级」,
    /// 「集成提升」, `Level 4`), which only the framework knows.
    #[serde(default)]
    pub keep_together: Vec<String>,
}

/// Cover page fields; they also feed the running header and the PDF metadata.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cover {
    /// Report title, e.g. 「中小企业数字化水平评测报告」.
    pub title: String,
    pub subtitle: Option<String>,
    /// Enterprise name exactly as registered (may contain rare characters such as 喆 or 堃).
    pub enterprise: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    pub industry: String,
    pub region: String,
    /// Framework name, e.g. 「中小企业数字化水平评测指标（2024年版）」.
    pub framework: String,
    pub framework_version: String,
    pub assessor: String,
    /// 评估机构 (empty: none named).
    #[serde(default)]
    pub organisation: String,
    /// 评估方式 as printed (企业自评 / 服务商诊断 / 第三方评测).
    #[serde(default)]
    pub mode: String,
    /// Assessment date as the builder wants it printed (e.g. 「2025年3月18日」).
    pub assessment_date: String,
    pub report_no: Option<String>,
    /// Short notices printed at the foot of the cover (e.g. which figures are estimates).
    pub notes: Vec<String>,
    /// A draft not linked to an enterprise (an answers file with no profile): the cover and
    /// every page's running header say 「样稿（未关联企业）」, so it cannot pass for a report.
    #[serde(default)]
    pub draft: bool,
}

/// Whether a section starts on a fresh page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SectionStart {
    #[default]
    NewPage,
    /// Continue on the current page when at least a third of it is still free.
    Continue,
}

/// The kinds of section a ZhiZhuan report has. The kind chooses the default (fixed) title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SectionKind {
    Summary,
    /// 企业基本情况.
    Profile,
    BasisAndMethod,
    /// 评估过程.
    Process,
    Results,
    ItemDetail,
    /// 问题诊断 by business area.
    Diagnosis,
    Gaps,
    Roadmap,
    /// 投资估算与资金来源.
    Investment,
    /// 预期效益.
    Benefits,
    Programmes,
    Kpis,
    Appendix,
    Declaration,
    /// Anything else; give it a [`Section::title`].
    Other,
}

/// One numbered section of the report body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    /// Overrides the fixed title of `kind` (required in practice for [`SectionKind::Other`]).
    pub title: Option<String>,
    pub start: SectionStart,
    pub blocks: Vec<Block>,
}

/// A unit of content inside a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A sub-heading inside the section.
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
    /// Label/value pairs, e.g. the overall score and level.
    KeyValues(Vec<KeyValue>),
    /// A highlighted remark (e.g. why a figure is an estimate).
    Note {
        tone: Tone,
        text: String,
    },
    Table(Table),
    Chart(Chart),
    /// The declaration statement and signature/date lines.
    Declaration(Declaration),
    PageBreak,
}

/// A label/value pair of a [`Block::KeyValues`] list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
    pub tag: Option<Tag>,
}

/// A short marker printed next to a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tag {
    /// The value follows a declared method, not an official rule (CMMM): 「估算」/ "estimate".
    Estimate,
    /// Answered 「不适用」/ "N/A".
    NotApplicable,
    Custom(String),
}

/// Colouring intent of a note or a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Tone {
    #[default]
    Normal,
    Good,
    Warning,
    Bad,
    Muted,
}

/// A table whose header row repeats on every page it spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A table column: header text, relative width and alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// Relative width; columns share the text width in proportion to their weights.
    pub weight: u16,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// One table row; extra cells are dropped and missing ones left blank (with a warning), except
/// in group rows, which span the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub kind: RowKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RowKind {
    #[default]
    Normal,
    /// A group heading row (e.g. a phase or a domain): shaded and bold, one label spanning the
    /// whole table (its non-empty cells are joined), so it may have fewer cells than columns.
    Group,
    /// A subtotal or total row: bold with a rule above.
    Total,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    pub tag: Option<Tag>,
    pub tone: Tone,
}

/// Charts are data; the renderer draws them as vector graphics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Chart {
    Radar(RadarChart),
    Bars(BarChart),
    LevelGrid(LevelGrid),
    Timeline(Timeline),
}

/// A named series of values (one per axis or category).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<Decimal>,
}

/// Radar of domains: one or two series (typically current and target) over shared axes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RadarChart {
    pub title: String,
    pub axes: Vec<String>,
    /// Value at the rim.
    pub max: Decimal,
    pub series: Vec<Series>,
}

/// Horizontal bars per dimension, with an optional target marker per bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub title: String,
    /// Unit printed after values, e.g. 「分」.
    pub unit: String,
    pub bars: Vec<Bar>,
    /// Legend names for the bar and its marker.
    pub value_label: String,
    pub target_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: Decimal,
    /// Full scale of this bar (e.g. the dimension's maximum points).
    pub max: Decimal,
    pub target: Option<Decimal>,
}

/// Scenario × level grid: which level each scenario reaches now and which one is targeted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelGrid {
    pub title: String,
    /// Column labels, lowest level first (e.g. 一级 … 四级).
    pub levels: Vec<String>,
    pub rows: Vec<LevelRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelRow {
    pub label: String,
    /// 1-based index into [`LevelGrid::levels`]; `None` = below the first level.
    pub current: Option<u8>,
    pub target: Option<u8>,
}

/// Roadmap timeline (Gantt): every phase of the plan with its actions, in months from the plan
/// start. A phase without actions is drawn with the label `no_actions_in_phase` under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub title: String,
    pub phases: Vec<TimelinePhase>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelinePhase {
    pub name: String,
    /// 0-based month the phase starts.
    pub start_month: u16,
    pub duration_months: u16,
    pub actions: Vec<TimelineAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineAction {
    pub label: String,
    pub start_month: u16,
    pub duration_months: u16,
}

/// The declaration statement and who signs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Declaration {
    /// `None` prints the standard statement of [`crate::Labels::declaration_statement`].
    pub statement: Option<String>,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signatory {
    pub role: SignatoryRole,
    /// Printed name (enterprise name, or assessor and organisation).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignatoryRole {
    Enterprise,
    Assessor,
    Other(String),
}

// ---------------------------------------------------------------------------------------------
// Building conveniences: the builder writes `Section::new(kind).paragraph(..).table(..)`.

impl Section {
    pub fn new(kind: SectionKind) -> Self {
        Section {
            kind,
            title: None,
            start: SectionStart::NewPage,
            blocks: Vec::new(),
        }
    }

    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    pub fn continued(mut self) -> Self {
        self.start = SectionStart::Continue;
        self
    }

    pub fn block(mut self, block: Block) -> Self {
        self.blocks.push(block);
        self
    }

    pub fn heading(self, text: impl Into<String>) -> Self {
        self.block(Block::Heading(text.into()))
    }

    pub fn paragraph(self, text: impl Into<String>) -> Self {
        self.block(Block::Paragraph(text.into()))
    }

    pub fn bullets<S: Into<String>>(self, items: impl IntoIterator<Item = S>) -> Self {
        self.block(Block::Bullets(items.into_iter().map(Into::into).collect()))
    }

    pub fn note(self, tone: Tone, text: impl Into<String>) -> Self {
        self.block(Block::Note {
            tone,
            text: text.into(),
        })
    }

    pub fn key_values(self, pairs: Vec<KeyValue>) -> Self {
        self.block(Block::KeyValues(pairs))
    }

    pub fn table(self, table: Table) -> Self {
        self.block(Block::Table(table))
    }

    pub fn chart(self, chart: Chart) -> Self {
        self.block(Block::Chart(chart))
    }
}

impl KeyValue {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: key.into(),
            value: value.into(),
            tag: None,
        }
    }

    pub fn tagged(mut self, tag: Tag) -> Self {
        self.tag = Some(tag);
        self
    }
}

impl Column {
    pub fn new(header: impl Into<String>, weight: u16) -> Self {
        Column {
            header: header.into(),
            weight,
            align: Align::Left,
        }
    }

    pub fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }

    pub fn center(mut self) -> Self {
        self.align = Align::Center;
        self
    }
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            caption: None,
            columns,
            rows: Vec::new(),
        }
    }

    pub fn captioned(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }

    /// Appends a plain row from texts.
    pub fn row<S: Into<String>>(mut self, cells: impl IntoIterator<Item = S>) -> Self {
        self.rows
            .push(Row::new(cells.into_iter().map(Cell::from).collect()));
        self
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            kind: RowKind::Normal,
        }
    }

    pub fn kind(mut self, kind: RowKind) -> Self {
        self.kind = kind;
        self
    }
}

impl Cell {
    pub fn tagged(mut self, tag: Tag) -> Self {
        self.tag = Some(tag);
        self
    }

    pub fn tone(mut self, tone: Tone) -> Self {
        self.tone = tone;
        self
    }
}

impl<S: Into<String>> From<S> for Cell {
    fn from(text: S) -> Self {
        Cell {
            text: text.into(),
            tag: None,
            tone: Tone::Normal,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text walk: the renderer checks every character against the font before layout.

impl ReportModel {
    /// Calls `f(location, text)` for every piece of text the report prints from the model.
    /// `location` names the field (e.g. `sections[2].blocks[1].rows[4][0]`) for warnings.
    pub fn for_each_text_mut(&mut self, f: &mut dyn FnMut(&str, &mut String)) {
        let c = &mut self.cover;
        f("cover.title", &mut c.title);
        if let Some(s) = &mut c.subtitle {
            f("cover.subtitle", s);
        }
        f("cover.enterprise", &mut c.enterprise);
        f("cover.credit_code", &mut c.credit_code);
        f("cover.industry", &mut c.industry);
        f("cover.region", &mut c.region);
        f("cover.framework", &mut c.framework);
        f("cover.framework_version", &mut c.framework_version);
        f("cover.assessor", &mut c.assessor);
        f("cover.organisation", &mut c.organisation);
        f("cover.mode", &mut c.mode);
        f("cover.assessment_date", &mut c.assessment_date);
        if let Some(s) = &mut c.report_no {
            f("cover.report_no", s);
        }
        for (i, n) in c.notes.iter_mut().enumerate() {
            f(&format!("cover.notes[{i}]"), n);
        }
        for (si, section) in self.sections.iter_mut().enumerate() {
            if let Some(t) = &mut section.title {
                f(&format!("sections[{si}].title"), t);
            }
            for (bi, block) in section.blocks.iter_mut().enumerate() {
                let at = format!("sections[{si}].blocks[{bi}]");
                block.for_each_text_mut(&at, f);
            }
        }
    }
}

impl Block {
    fn for_each_text_mut(&mut self, at: &str, f: &mut dyn FnMut(&str, &mut String)) {
        match self {
            Block::Heading(t) | Block::Paragraph(t) | Block::Note { text: t, .. } => f(at, t),
            Block::Bullets(items) => {
                for (i, t) in items.iter_mut().enumerate() {
                    f(&format!("{at}[{i}]"), t);
                }
            }
            Block::KeyValues(kvs) => {
                for (i, kv) in kvs.iter_mut().enumerate() {
                    f(&format!("{at}[{i}].key"), &mut kv.key);
                    f(&format!("{at}[{i}].value"), &mut kv.value);
                    tag_text(&format!("{at}[{i}].tag"), &mut kv.tag, f);
                }
            }
            Block::Table(t) => {
                if let Some(c) = &mut t.caption {
                    f(&format!("{at}.caption"), c);
                }
                for (i, col) in t.columns.iter_mut().enumerate() {
                    f(&format!("{at}.columns[{i}]"), &mut col.header);
                }
                for (r, row) in t.rows.iter_mut().enumerate() {
                    for (c, cell) in row.cells.iter_mut().enumerate() {
                        f(&format!("{at}.rows[{r}][{c}]"), &mut cell.text);
                        tag_text(&format!("{at}.rows[{r}][{c}].tag"), &mut cell.tag, f);
                    }
                }
            }
            Block::Chart(chart) => chart.for_each_text_mut(at, f),
            Block::Declaration(d) => {
                if let Some(s) = &mut d.statement {
                    f(&format!("{at}.statement"), s);
                }
                for (i, s) in d.signatories.iter_mut().enumerate() {
                    f(&format!("{at}.signatories[{i}]"), &mut s.name);
                    if let SignatoryRole::Other(r) = &mut s.role {
                        f(&format!("{at}.signatories[{i}].role"), r);
                    }
                }
            }
            Block::PageBreak => {}
        }
    }
}

fn tag_text(at: &str, tag: &mut Option<Tag>, f: &mut dyn FnMut(&str, &mut String)) {
    if let Some(Tag::Custom(t)) = tag {
        f(at, t);
    }
}

impl Chart {
    fn for_each_text_mut(&mut self, at: &str, f: &mut dyn FnMut(&str, &mut String)) {
        match self {
            Chart::Radar(r) => {
                f(&format!("{at}.title"), &mut r.title);
                for (i, a) in r.axes.iter_mut().enumerate() {
                    f(&format!("{at}.axes[{i}]"), a);
                }
                for (i, s) in r.series.iter_mut().enumerate() {
                    f(&format!("{at}.series[{i}]"), &mut s.name);
                }
            }
            Chart::Bars(b) => {
                f(&format!("{at}.title"), &mut b.title);
                f(&format!("{at}.unit"), &mut b.unit);
                f(&format!("{at}.value_label"), &mut b.value_label);
                if let Some(t) = &mut b.target_label {
                    f(&format!("{at}.target_label"), t);
                }
                for (i, bar) in b.bars.iter_mut().enumerate() {
                    f(&format!("{at}.bars[{i}]"), &mut bar.label);
                }
            }
            Chart::LevelGrid(g) => {
                f(&format!("{at}.title"), &mut g.title);
                for (i, l) in g.levels.iter_mut().enumerate() {
                    f(&format!("{at}.levels[{i}]"), l);
                }
                for (i, r) in g.rows.iter_mut().enumerate() {
                    f(&format!("{at}.rows[{i}]"), &mut r.label);
                }
            }
            Chart::Timeline(t) => {
                f(&format!("{at}.title"), &mut t.title);
                for (p, phase) in t.phases.iter_mut().enumerate() {
                    f(&format!("{at}.phases[{p}]"), &mut phase.name);
                    for (a, action) in phase.actions.iter_mut().enumerate() {
                        f(&format!("{at}.phases[{p}].actions[{a}]"), &mut action.label);
                    }
                }
            }
        }
    }
}
