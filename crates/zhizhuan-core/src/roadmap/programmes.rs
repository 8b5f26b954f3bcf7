//! Which programmes a level qualifies for.
//!
//! The framework files name programmes but carry no minimum level, so the gates live here as
//! a small table, each with its source and how sure it is. A programme the framework declares
//! takes its title from the framework; otherwise the table's title is used.

use serde::Serialize;
use ts_rs::TS;

use crate::framework::{Framework, Text};

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

/// One gate: programme `programme` needs level rank `min_rank` of framework `framework`.
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    pub framework: &'static str,
    pub programme: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub min_rank: u8,
    pub status: GateStatus,
    pub source: &'static str,
}

/// The gates known to the app.
pub const GATES: &[Gate] = &[
    Gate {
        framework: "cmmm-2020",
        programme: "gradient-basic",
        zh: "智能工厂梯度培育·基础级智能工厂",
        en: "Smart-factory tiers: basic level",
        min_rank: 2,
        status: GateStatus::Confirmed,
        source: "工业和信息化部等六部门智能工厂梯度培育（2024 年起）：基础级、先进级需智能制造能力成熟度自评估二级及以上",
    },
    Gate {
        framework: "cmmm-2020",
        programme: "gradient-advanced",
        zh: "智能工厂梯度培育·先进级智能工厂",
        en: "Smart-factory tiers: advanced level",
        min_rank: 2,
        status: GateStatus::Confirmed,
        source: "工业和信息化部等六部门智能工厂梯度培育（2024 年起）：基础级、先进级需智能制造能力成熟度自评估二级及以上",
    },
    Gate {
        framework: "cmmm-2020",
        programme: "jiangsu-advanced",
        zh: "江苏省先进级智能工厂",
        en: "Jiangsu advanced-level smart factory",
        min_rank: 2,
        status: GateStatus::Confirmed,
        source: "江苏省工信厅 2025 年先进级智能工厂申报通知：智能制造能力成熟度自评估二级及以上（另需《江苏省企业数字化转型通用评估指标体系(2025年版)》自测 60 分及以上等条件）",
    },
    Gate {
        framework: "cmmm-2020",
        programme: "gradient-excellent",
        zh: "智能工厂梯度培育·卓越级智能工厂",
        en: "Smart-factory tiers: excellent level",
        min_rank: 3,
        status: GateStatus::SingleSource,
        source: "二手资料：卓越级对应成熟度三级及以上（待与官方文件核实）",
    },
    Gate {
        framework: "cmmm-2020",
        programme: "gradient-leading",
        zh: "智能工厂梯度培育·领航级智能工厂",
        en: "Smart-factory tiers: leading level",
        min_rank: 4,
        status: GateStatus::SingleSource,
        source: "二手资料：领航级对应成熟度四级及以上（待与官方文件核实）",
    },
    Gate {
        framework: "miit-2024",
        programme: "zjtx",
        zh: "专精特新中小企业认定（数字化水平指标）",
        en: "Specialised-and-innovative SME recognition (digital-level criterion)",
        min_rank: 2,
        status: GateStatus::SingleSource,
        source: "工信部企业〔2022〕63号认定标准以数字化水平评测结果为依据；二级及以上为常用门槛（待核实）",
    },
    Gate {
        framework: "miit-2024",
        programme: "city-pilot",
        zh: "中小企业数字化转型城市试点（试点企业改造后评定）",
        en: "SME digital-transformation city pilot (pilot firms rated after retrofit)",
        min_rank: 2,
        status: GateStatus::Unconfirmed,
        source: "工信厅企业〔2024〕56号：试点企业按 2024 年版现场评定；改造后应达到的最低等级（常说二级）未见官方文本 [待核实]",
    },
];

/// A programme and whether a level qualifies for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeStatus {
    pub id: String,
    pub title: Text,
    pub min_level: u8,
    pub qualified: bool,
    pub status: GateStatus,
    pub source: String,
}

/// Every gate of `fw`, against level rank `rank`.
pub fn programmes(fw: &Framework, rank: u8) -> Vec<ProgrammeStatus> {
    GATES
        .iter()
        .filter(|g| g.framework == fw.id)
        .map(|g| ProgrammeStatus {
            id: g.programme.to_owned(),
            title: fw
                .programme(g.programme)
                .map(|p| p.title.clone())
                .unwrap_or_else(|| Text {
                    zh: g.zh.to_owned(),
                    en: g.en.to_owned(),
                }),
            min_level: g.min_rank,
            qualified: rank >= g.min_rank,
            status: g.status,
            source: g.source.to_owned(),
        })
        .collect()
}
