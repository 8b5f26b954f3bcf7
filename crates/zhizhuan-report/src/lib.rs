//! # zhizhuan-report
//!
//! Turns a report model (built from core's scores, gaps and roadmap) into the documents that
//! leave the machine: the subsidy-ready PDF and the xlsx action plan. Rendering is a pure
//! function from model to bytes; writing files is the caller's job.
//!
//! - [`model`]: what a report says ([`ReportModel`]) — plain, serialisable data.
//! - [`render_pdf`]: A4 PDF with cover, contents, running header, 「第 x 页 / 共 y 页」 footer,
//!   vector charts, and the Noto Sans SC faces embedded as subsets.
//! - [`render_docx`]: the same report as an editable Word file (heading styles, real tables).
//! - [`render_xlsx`]: the action plan ([`ActionPlan`]) as a workbook with live totals.
//! - [`linebreak`]: the width-based, kinsoku-aware line breaker the layout uses.
//! - [`report_model`] / [`action_plan`]: build both from core's score and roadmap.
//! - [`assessment_report`] / [`assessment_plan`]: the same from one stored assessment
//!   ([`StoredAssessment`]: answers, enterprise, evidence notes, attachments, action edits) —
//!   what the app and `zhizhuan report --assessment` call after reading the database.
//! - [`sample`]: a realistic demo report model (tests, benchmarks).

mod assessment;
mod build;
mod docx;
mod error;
mod fonts;
mod labels;
pub mod linebreak;
pub mod model;
mod pdf;
mod portfolio_xlsx;
pub mod sample;
mod stored;
#[cfg(test)]
mod worked;
mod xlsx;

pub use assessment::{
    ActionEdit, AssessmentReport, Attachment, Evidence, Profile, StoredAssessment, assessment_plan,
    assessment_report, date_text, industry_text, region_text, roadmap_to, schedule_options,
};
pub use build::{
    ReportEnterprise, action_plan, action_plan_with, mode_text, report_model, report_model_with,
    report_number,
};
pub use docx::render_docx;
pub use error::{RenderWarning, ReportError};
pub use labels::{Labels, Lang};
pub use model::ReportModel;
pub use pdf::{RenderOptions, RenderedPdf, render_pdf};
pub use portfolio_xlsx::{PortfolioRow, PortfolioSheet, render_portfolio_xlsx};
pub use stored::stored_assessment;
pub use xlsx::{ActionPlan, ActionStatus, PlanAction, PlanPhase, render_xlsx};

/// Whether the embedded fonts have a glyph for `c` (both faces). Lets callers warn while the
/// user is still typing a name, before any report is rendered.
pub fn font_covers(c: char) -> Result<bool, ReportError> {
    let f = fonts::faces()?;
    Ok(f.regular.has_glyph(c) && f.bold.has_glyph(c))
}
