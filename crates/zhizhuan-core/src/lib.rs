//! # zhizhuan-core
//!
//! The pure domain of ZhiZhuan (智转): everything that decides *what is true* about an
//! enterprise's digital-transformation self-assessment, with no IO, no database and no UI.
//!
//! - [`credit_code`]: the 统一社会信用代码 (GB 32100-2015) and its check character.
//! - [`enterprise`]: the enterprise profile a user enters, validated field by field so the UI
//!   can show each message beside its field.
//! - [`decimal`]: exact fixed-point numbers; scores are compared with thresholds, so no floats.
//! - [`answer`]: what a user answered for one item, and the documented answers-file format.
//! - [`framework`]: assessment frameworks as data (`assessments/*.toml`): the format, the
//!   strict raw → validated loader with located errors, and the shipped definitions.
//! - [`score`]: answers checked against a framework and scored by its declared method (MIIT
//!   points, CMMM maturity, 两化融合), exactly, with an explanation for every item and level.
//! - [`gap`]: the least-effort set of improvement actions that reaches a target level, found
//!   exactly (a small integer program, re-checked by the exact evaluator).
//! - [`roadmap`]: those actions scheduled month by month under the plant's limits, in the
//!   framework's phase windows, each with why it is there, with exact cost totals, projected
//!   score and level per phase, and the programmes the projected level qualifies for.
//! - [`compare`]: two scored assessments of one framework side by side: score, level, each
//!   dimension, the items that improved or worsened.
//! - [`kpi`]: 智改数转 / 两化融合 key indicators from the answers, against the plans' targets.
//! - [`peers`]: published level distributions of self-diagnosed firms (CMMM), each year on its
//!   own with source and caveat, and where a level sits in them.
//! - [`catalog`]: fixed reference lists (provinces, GB/T 4754-2017 manufacturing divisions,
//!   enterprise size classes).
//!
//! Callers (the store, the CLI, the desktop shell) hand this crate bytes and values; it hands
//! back validated values or located errors. Because nothing here touches the outside world,
//! every rule can be tested with plain data.

pub mod answer;
pub mod catalog;
pub mod compare;
pub mod credit_code;
pub mod decimal;
pub mod enterprise;
pub mod framework;
pub mod gap;
pub mod json;
pub mod kpi;
pub mod peers;
pub mod roadmap;
pub mod score;
