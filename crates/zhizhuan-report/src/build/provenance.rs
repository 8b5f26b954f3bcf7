//! What in a report is an estimate, and where the official result comes from.
//!
//! A reviewer rejects a file that marks a programme as met on a level that is itself an
//! estimate with no official result behind it (see the diagnosis-report research). So the
//! declaration names every estimate the framework declares, each programme met on such a level
//! reads 「预估符合，以官方评定为准」, and the programme section names the official route. What
//! is an estimate comes from the framework's own flags and notes; only the official route is
//! a table here, because the framework files do not carry it.

use zhizhuan_core::framework::{Framework, NoteStatus};
use zhizhuan_core::roadmap::{GateStatus, ProgrammeStatus};

use super::t;
use crate::labels::Lang;

/// How a framework's official result is obtained, and whether its indicators are the app's own.
struct Route {
    /// Framework ids starting with this.
    prefix: &'static str,
    zh: &'static str,
    en: &'static str,
    /// The indicators, items and points were designed for this app (not the standard's text).
    designed_here: bool,
}

const ROUTES: &[Route] = &[
    Route {
        prefix: "miit",
        zh: "官方等级途径：企业在工业和信息化部平台（zjtx.miit.gov.cn）按工信厅企业〔2024〕56号自评填报并作真实性承诺；城市试点企业另经现场评定。本报告的等级不是官方评定结果。",
        en: "Official route: self-filing on the MIIT platform (zjtx.miit.gov.cn) under the 2024 MIIT notice (工信厅企业〔2024〕56号), with a truthfulness pledge; firms in the city pilots are also rated on site. The level in this report is not the official result.",
        designed_here: false,
    },
    Route {
        prefix: "cmmm",
        zh: "官方等级途径：在智能制造评估评价公共服务平台（www.c3mep.cn，中国电子技术标准化研究院运营）自评估，并由第三方评估机构按 GB/T 39117-2020 评估。本报告的等级不是官方评定结果。",
        en: "Official route: self-assessment on the CESI platform (智能制造评估评价公共服务平台, www.c3mep.cn) and an assessment by a third-party body under GB/T 39117-2020. The level in this report is not the official result.",
        designed_here: false,
    },
    Route {
        prefix: "lianghua",
        zh: "两化融合的指标、题目和分值由本软件设计（只沿用 GB/T 23020-2013 的六个评估方面），结果仅供企业内部对照，不是官方评定；申报前请向主管部门确认评定途径。",
        en: "The integration (两化融合) indicators, questions and points were designed by this app (only the six aspects of GB/T 23020-2013 are the standard's); the result is for internal comparison, not an official assessment; check the official route with the authority before applying.",
        designed_here: true,
    },
];

fn route(fw: &Framework) -> Option<&'static Route> {
    ROUTES.iter().find(|r| fw.id.starts_with(r.prefix))
}

/// The official route for `fw`'s result, when the app knows it.
pub(super) fn official_route(fw: &Framework, lang: Lang) -> Option<String> {
    route(fw).map(|r| t(lang, r.zh, r.en))
}

/// Whether the level rule is not the official text: the whole scoring is an estimate, a level
/// is marked as one, or an open note (unconfirmed, estimate, doubt) is about the levels.
pub(super) fn level_is_estimate(fw: &Framework) -> bool {
    fw.scoring.estimate
        || fw.levels.iter().any(|l| l.estimate)
        || fw
            .notes
            .iter()
            .any(|n| n.status != NoteStatus::Info && n.about.iter().any(|a| a == "levels"))
}

/// A programme cell: met on an estimated level, or on a gate that is not confirmed, is 「预估
/// 符合」; met otherwise is still a self-assessment. Never a bare tick.
pub(super) fn qualified_text(fw: &Framework, p: &ProgrammeStatus, lang: Lang) -> String {
    if level_is_estimate(fw) || p.status != GateStatus::Confirmed {
        t(
            lang,
            "预估符合，以官方评定为准",
            "Estimated to qualify; the official assessment decides",
        )
    } else {
        t(
            lang,
            "自评符合，以官方评定为准",
            "Self-assessed as qualifying; the official assessment decides",
        )
    }
}

/// The sentence the declaration adds to its standard statement: what in this report is an
/// estimate, named, so the signatory signs knowing it.
pub(super) fn estimates_statement(fw: &Framework, lang: Lang) -> String {
    let mut parts = Vec::new();
    if route(fw).is_some_and(|r| r.designed_here) {
        parts.push(match lang {
            Lang::Zh => format!(
                "评估指标、题目和分值由本软件设计，不是{}的原文",
                fw.source.document
            ),
            Lang::En => format!(
                "the indicators, questions and points were designed by this app and are not the text of {}",
                fw.source.document
            ),
        });
    }
    if fw.scoring.estimate {
        parts.push(t(
            lang,
            "计分方法整体为本软件声明的估算方法（官方计分文本未公开），得分与等级均为估算",
            "the scoring method as a whole is a declared estimate (the official scoring text is not public), so the score and the level are estimates",
        ));
    } else if level_is_estimate(fw) {
        parts.push(t(
            lang,
            "等级判定规则尚未与官方文本核对，等级为预估",
            "the level rule has not been checked against the official text, so the level is an estimate",
        ));
    }
    parts.push(t(
        lang,
        "政策项目的符合情况为预估，以官方评定为准",
        "whether a programme is met is an estimate; the official assessment decides",
    ));
    match lang {
        Lang::Zh => format!("本报告中的估算内容：{}。", parts.join("；")),
        Lang::En => format!("Estimates in this report: {}.", parts.join("; ")),
    }
}

/// The source's date as printed: the date, or only its year when an open note says the day
/// is not known (the file then holds a placeholder such as `2013-01-01`).
pub(super) fn source_date_text(fw: &Framework, lang: Lang) -> String {
    let date = &fw.source.date;
    let placeholder = fw
        .notes
        .iter()
        .any(|n| n.id == "source-date" && n.status != NoteStatus::Info);
    match (placeholder, date.get(..4)) {
        (true, Some(year)) => t(
            lang,
            &format!("{year} 年（具体日期未给出）"),
            &format!("{year} (date not given)"),
        ),
        (true, None) => t(lang, "未给出", "date not given"),
        (false, _) => date.clone(),
    }
}
