//! Test fixtures: the report of one of the worked examples under `tests/data/answers` (the
//! files core's tests compute by hand), so tests of the model and of the layout start from the
//! same realistic assessments.

use crate::{Lang, ReportEnterprise, ReportModel, report_model};
use zhizhuan_core::answer::AnswersFile;
use zhizhuan_core::roadmap::{self, Roadmap};
use zhizhuan_core::{framework, score};

/// The model of `file` (relative to tests/data/answers) for `enterprise`, with its roadmap to
/// level `target`.
pub(crate) fn report_to(
    file: &str,
    target: u8,
    enterprise: &ReportEnterprise,
    lang: Lang,
) -> (ReportModel, Roadmap) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/answers")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let answers = AnswersFile::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let fw = framework::load_builtin(&answers.framework).expect("built-in framework");
    let s = score::score(&fw, &answers).expect("worked example scores");
    let r = roadmap::roadmap(&fw, &answers, target).expect("roadmap builds");
    (report_model(&fw, &s, Some(&r), enterprise, lang), r)
}
