//! A realistic, made-up report: 「常州喆堃精密机械有限公司」 assessed against the MIIT 2024
//! SME digital-level indicators. Used by the tests and the benchmark; every figure in it is
//! invented for demonstration. (`zhizhuan report --sample` renders
//! `assessments/samples/miit-sample.json` through the real engines instead.)

use chrono::NaiveDate;
use zhizhuan_core::decimal::Decimal;
use zhizhuan_core::framework::Effort;

use crate::labels::Lang;
use crate::model::*;
use crate::xlsx::{ActionPlan, ActionStatus, PlanAction, PlanPhase};

/// The demo enterprise's registered name (rare characters 喆 and 堃 on purpose).
pub const ENTERPRISE: &str = "常州喆堃精密机械有限公司";

fn d(s: &str) -> Decimal {
    s.parse().expect("sample decimals are literals")
}

fn t(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// (zh, en, ★ constraint, current level, target level)
const SCENARIOS: [(&str, &str, bool, u8, u8); 16] = [
    ("产品设计", "Product design", true, 2, 3),
    ("工艺设计", "Process design", false, 2, 2),
    ("营销管理", "Marketing", true, 2, 3),
    ("售后服务", "After-sales service", false, 1, 2),
    ("计划排程", "Planning and scheduling", false, 1, 3),
    ("生产管控", "Production control", true, 2, 3),
    ("质量管理", "Quality management", true, 2, 3),
    ("设备管理", "Equipment management", true, 1, 3),
    ("安全生产", "Work safety", true, 2, 2),
    ("能耗管理", "Energy management", true, 0, 2),
    ("采购管理", "Purchasing", true, 2, 3),
    ("仓储物流", "Warehousing and logistics", true, 2, 3),
    ("财务管理", "Finance", true, 3, 3),
    ("人力资源", "Human resources", false, 2, 2),
    ("协同办公", "Collaborative office", false, 3, 3),
    ("决策支持", "Decision support", false, 1, 2),
];

/// (zh, en, max points, score, target score, option text zh, evidence zh)
const ITEMS: [(&str, &str, &str, &str, &str, &str, &str); 13] = [
    (
        "网络建设",
        "Network",
        "8",
        "6",
        "8",
        "工控网络、应用系统网络、全厂覆盖",
        "网络拓扑图（2024-11）",
    ),
    (
        "设备数字化",
        "Equipment digitalisation",
        "6",
        "3",
        "4.5",
        "（20%，40%]：112 台中 38 台",
        "设备台账（标注数字化设备）",
    ),
    (
        "设备联网",
        "Equipment networking",
        "6",
        "1.5",
        "4.5",
        "（10%，20%]：112 台中 19 台",
        "设备联网清单",
    ),
    (
        "数据采集",
        "Data capture",
        "10",
        "4.9",
        "7.7",
        "7 个业务环节自动采集",
        "MES、ERP 截图",
    ),
    (
        "信息系统",
        "Information systems",
        "10",
        "7.5",
        "7.5",
        "大部分环节（>80%）",
        "系统清单",
    ),
    (
        "网络安全",
        "Network security",
        "5",
        "3.75",
        "5",
        "制度、防火墙、边界防护",
        "安全制度、防火墙配置截图",
    ),
    (
        "数据安全",
        "Data security",
        "5",
        "2.5",
        "3.75",
        "制度、备份恢复",
        "备份策略、恢复演练记录",
    ),
    (
        "规划实施",
        "Planning and execution",
        "7.5",
        "4.5",
        "6",
        "已开展单点或多点改造",
        "智改数转实施方案",
    ),
    (
        "管理机制",
        "Management rules",
        "7.5",
        "3.75",
        "5.625",
        "实施流程、IT 运维制度",
        "制度文件汇编",
    ),
    (
        "人才建设",
        "Digital talent",
        "7.5",
        "3",
        "4.5",
        "专兼职人员、定期培训",
        "组织架构图、培训记录",
    ),
    (
        "资金保障",
        "Funding",
        "7.5",
        "1.875",
        "1.875",
        "（10%，20%]",
        "近三年投入测算表",
    ),
    (
        "绿色低碳",
        "Green and low-carbon",
        "7",
        "7",
        "7",
        "单位营收能耗下降",
        "205-1 表（2023、2024）",
    ),
    (
        "产品质量",
        "Product quality",
        "7",
        "3.5",
        "7",
        "合格率持平",
        "质量月报",
    ),
];

/// The sample report in `lang`.
pub fn sample_report(lang: Lang) -> ReportModel {
    let l = lang;
    ReportModel {
        lang,
        cover: cover(l),
        sections: vec![
            summary(l),
            basis_and_method(l).continued(),
            results(l),
            item_detail(l),
            gaps(l),
            roadmap_section(l),
            programmes(l),
            kpis(l).continued(),
            appendix(l),
            declaration(l),
        ],
        keep_together: keep_together(),
    }
}

/// The cover: the demo enterprise, its assessor and the framework used.
fn cover(l: Lang) -> Cover {
    Cover {
        title: t(
            l,
            "中小企业数字化水平评测报告",
            "SME Digital Level Assessment Report",
        ),
        subtitle: Some(t(
            l,
            "制造业 · 自评估及分阶段改进路线图",
            "Manufacturing · self-assessment and phased improvement roadmap",
        )),
        enterprise: ENTERPRISE.to_string(),
        credit_code: "91320412MA1XK7QW39".to_string(),
        industry: t(
            l,
            "通用设备制造业（C34）",
            "General equipment manufacturing (C34)",
        ),
        region: t(
            l,
            "江苏省常州市武进区",
            "Wujin District, Changzhou, Jiangsu",
        ),
        framework: t(
            l,
            "中小企业数字化水平评测指标（2024年版）",
            "MIIT SME digital level indicators (2024 edition)",
        ),
        framework_version: "2024".to_string(),
        assessor: "陈镕昇".to_string(),
        organisation: t(
            l,
            "常州智造诊断服务中心（虚构）",
            "Changzhou smart-manufacturing diagnosis centre (fictional)",
        ),
        mode: t(l, "服务商诊断", "Service provider's diagnosis"),
        assessment_date: t(l, "2025年3月18日", "18 March 2025"),
        report_no: Some("ZZ-2025-0318-001".to_string()),
        notes: vec![t(
            l,
            "本报告由智转（ZhiZhuan）离线生成。得分按所选评测依据的公开规则精确计算；标注「估算」的数值依据声明的方法推算，仅供参考。",
            "Generated offline by ZhiZhuan. Scores follow the published rules of the chosen framework exactly; values marked \"estimate\" follow a declared method and are indicative only.",
        )],
        draft: false,
    }
}

/// Section 1: the summary figures and what they mean.
fn summary(l: Lang) -> Section {
    Section::new(SectionKind::Summary)
        .key_values(vec![
            KeyValue::new(t(l, "总分", "Total score"), t(l, "52.775 分（满分 100）", "52.775 of 100")),
            KeyValue::new(t(l, "数字化水平", "Digital level"), t(l, "二级", "Level 2")),
            KeyValue::new(t(l, "达到二级及以上的场景", "Scenarios at level 2 or above"), t(l, "12 个，其中约束性场景 9 个", "12, of which 9 constraint scenarios")),
            KeyValue::new(t(l, "目标等级", "Target level"), t(l, "三级（24 个月内）", "Level 3 (within 24 months)")),
            KeyValue::new(t(l, "预计投入", "Estimated investment"), t(l, "约 186 万元", "about 1.86 million CNY")).tagged(Tag::Estimate),
        ])
        .paragraph(t(l,
            "常州喆堃精密机械有限公司已完成主要业务环节的信息化覆盖，财务管理与协同办公达到三级；设备联网、能耗管理和计划排程是当前的主要短板。按照评测规则，企业总分 52.775 分，16 个数字化经营场景中有 12 个达到二级及以上（其中约束性场景 9 个），综合判定为二级。",
            "The enterprise runs most business steps on information systems; finance and collaborative office reach level 3. Equipment networking, energy management and scheduling are the main gaps. Under the framework's rules the total is 52.775 points and 12 of 16 scenarios reach level 2 or above (9 of them constraint scenarios), giving level 2 overall.",
        ))
        .paragraph(t(l,
            "要在 24 个月内达到三级，总分需提高到 60 分以上，并使至少 8 个场景（其中约束性场景不少于 5 个）达到三级。本报告第六节给出了分三个阶段、共 12 项行动的改进路线图。",
            "Reaching level 3 within 24 months needs a total of at least 60 and at least 8 scenarios (5 of them constraint scenarios) at level 3. Section 6 sets out a roadmap of 12 actions in three phases.",
        ))
        .note(Tone::Warning, t(l,
            "说明：2024年版等级判定规则中「场景数量」条件来自公开的第三方整理，尚未与官方文本逐字核对，相关结论标注为估算。",
            "Note: the scenario-count condition of the 2024 level rule comes from a public third-party summary and has not been checked word for word against the official text; conclusions that depend on it are marked as estimates.",
        ))
}

/// Section 2: the framework, scoring and level rules and the data used.
fn basis_and_method(l: Lang) -> Section {
    Section::new(SectionKind::BasisAndMethod)
        .bullets([
            t(l, "评测依据：《中小企业数字化水平评测指标（2024年版）》（工信厅企业〔2024〕56号）。", "Framework: MIIT SME digital level indicators, 2024 edition (notice 工信厅企业〔2024〕56号)."),
            t(l, "评分方法：数字化基础 50 分、数字化管理 30 分、数字化成效 20 分，按选项分值精确累加，不做四舍五入。", "Scoring: foundations 50, management 30, results 20; option points are added exactly, without rounding."),
            t(l, "等级判定：总分门槛（20 / 40 / 60 / 80 分）与数字化经营场景等级条件同时满足时取最高等级。", "Level rule: the highest level whose score threshold (20 / 40 / 60 / 80) and scenario condition both hold."),
            t(l, "数据来源：企业填报的答案及佐证材料，评估人现场核查（2025年3月）。", "Data: the enterprise's answers and evidence, checked on site by the assessor (March 2025)."),
        ])
        .paragraph(t(l,
            "所有答案、佐证说明及附件清单见附录。报告中的每个分值都可以由附录中的答案按公开规则重新计算得到。",
            "All answers, evidence notes and attachments are listed in the appendix; every score in this report can be recomputed from them by the published rules.",
        ))
}

/// Section 3: the scores by part and the three charts of results.
fn results(l: Lang) -> Section {
    Section::new(SectionKind::Results)
        .key_values(vec![
            KeyValue::new(
                t(l, "数字化基础", "Foundations"),
                t(l, "29.15 / 50 分", "29.15 / 50"),
            ),
            KeyValue::new(
                t(l, "数字化管理", "Management"),
                t(l, "13.125 / 30 分", "13.125 / 30"),
            ),
            KeyValue::new(
                t(l, "数字化成效", "Results"),
                t(l, "10.5 / 20 分", "10.5 / 20"),
            ),
            KeyValue::new(t(l, "综合等级", "Overall level"), t(l, "二级", "Level 2")),
        ])
        .chart(domain_radar(l))
        .chart(indicator_bars(l))
        .chart(scenario_grid(l))
}

/// Figure 1: score rate by domain, current against target.
fn domain_radar(l: Lang) -> Chart {
    let radar_axes = [
        ("设备系统", "Equipment"),
        ("数据采集", "Data capture"),
        ("信息系统", "Information systems"),
        ("信息安全", "Security"),
        ("规划管理", "Planning"),
        ("要素保障", "Resources"),
        ("绿色低碳", "Green"),
        ("产品质量", "Quality"),
        ("市场效益", "Market results"),
    ];
    let current = ["52.5", "49", "75", "62.5", "55", "32.5", "100", "50", "50"];
    let target = [
        "85", "77", "75", "87.5", "77.5", "42.5", "100", "100", "100",
    ];
    Chart::Radar(RadarChart {
        title: t(
            l,
            "图 1　各领域得分率（%）：现状与目标",
            "Figure 1  Score rate by domain (%): current and target",
        ),
        axes: radar_axes.iter().map(|(z, e)| t(l, z, e)).collect(),
        max: d("100"),
        series: vec![
            Series {
                name: t(l, "现状", "Current"),
                values: current.iter().map(|v| d(v)).collect(),
            },
            Series {
                name: t(l, "目标", "Target"),
                values: target.iter().map(|v| d(v)).collect(),
            },
        ],
    })
}

/// Figure 2: points by indicator, with the target points.
fn indicator_bars(l: Lang) -> Chart {
    Chart::Bars(BarChart {
        title: t(l, "图 2　分项得分", "Figure 2  Points by indicator"),
        unit: t(l, "分", "pts"),
        value_label: t(l, "现状得分", "Current points"),
        target_label: Some(t(l, "目标得分", "Target points")),
        bars: ITEMS
            .iter()
            .map(|(z, e, max, score, target, _, _)| Bar {
                label: t(l, z, e),
                value: d(score),
                max: d(max),
                target: Some(d(target)),
            })
            .collect(),
    })
}

/// Figure 3: the level of each scenario, current and target.
fn scenario_grid(l: Lang) -> Chart {
    Chart::LevelGrid(LevelGrid {
        title: t(
            l,
            "图 3　数字化经营场景等级（★ 为约束性场景）",
            "Figure 3  Scenario levels (★ = constraint scenario)",
        ),
        levels: ["一级", "二级", "三级", "四级"]
            .iter()
            .zip(["Level 1", "Level 2", "Level 3", "Level 4"])
            .map(|(z, e)| t(l, z, e))
            .collect(),
        rows: SCENARIOS
            .iter()
            .map(|(z, e, star, cur, tgt)| LevelRow {
                label: format!("{}{}", t(l, z, e), if *star { " ★" } else { "" }),
                current: (*cur > 0).then_some(*cur),
                target: Some(*tgt),
            })
            .collect(),
    })
}

/// Section 4: Table 1, the points of every indicator.
fn item_detail(l: Lang) -> Section {
    let mut detail = Table::new(vec![
        Column::new(t(l, "指标", "Indicator"), 3),
        Column::new(t(l, "满分", "Max"), 1).right(),
        Column::new(t(l, "得分", "Score"), 1).right(),
        Column::new(t(l, "所选答案", "Answer"), 5),
        Column::new(t(l, "贡献", "Share"), 1).right(),
    ])
    .captioned(t(l, "表 1　分项得分明细", "Table 1  Points by indicator"));
    let groups = [
        (0, "数字化基础", "Foundations"),
        (7, "数字化管理", "Management"),
        (11, "数字化成效", "Results"),
    ];
    for (i, (z, e, max, score, _, opt, _)) in ITEMS.iter().enumerate() {
        if let Some((_, gz, ge)) = groups.iter().find(|(at, _, _)| *at == i) {
            detail.push(
                Row::new(vec![
                    Cell::from(t(l, gz, ge)),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                ])
                .kind(RowKind::Group),
            );
        }
        let share = d(score).units() * 1000 / d("52.775").units();
        let tone = if d(score) == d(max) {
            Tone::Good
        } else if d(score).units() * 2 < d(max).units() {
            Tone::Bad
        } else {
            Tone::Normal
        };
        detail.push(Row::new(vec![
            Cell::from(t(l, z, e)),
            Cell::from(*max),
            Cell::from(*score).tone(tone),
            Cell::from(*opt),
            Cell::from(format!("{}.{}%", share / 10, share % 10)),
        ]));
    }
    detail.push(Row::new(vec![
        Cell::from(t(l, "市场效益", "Market results")),
        Cell::from("6"),
        Cell::from("3"),
        Cell::from(t(
            l,
            "人均营收上升；百元营收成本持平",
            "Revenue per employee up; cost per 100 yuan flat",
        )),
        Cell::from("5.6%"),
    ]));
    detail.push(
        Row::new(vec![
            t(l, "合计", "Total").into(),
            "100".into(),
            "52.775".into(),
            "".into(),
            "100%".into(),
        ])
        .kind(RowKind::Total),
    );
    Section::new(SectionKind::ItemDetail).table(detail)
}

/// (zh, en, current, target, attainable points, priority zh)
const GAPS: [(&str, &str, &str, &str, &str, &str); 10] = [
    (
        "设备联网",
        "Equipment networking",
        "17%（19/112 台）",
        "≥ 40%",
        "3",
        "高",
    ),
    (
        "设备数字化",
        "Equipment digitalisation",
        "34%（38/112 台）",
        "≥ 40%",
        "1.5",
        "中",
    ),
    (
        "数据采集",
        "Data capture",
        "7 个环节",
        "11 个环节",
        "2.8",
        "高",
    ),
    (
        "产品质量",
        "Product quality",
        "合格率持平",
        "合格率上升",
        "3.5",
        "高",
    ),
    (
        "能耗管理（场景）",
        "Energy management (scenario)",
        "未达一级",
        "二级",
        "—",
        "高",
    ),
    (
        "设备管理（场景）",
        "Equipment management (scenario)",
        "一级",
        "三级",
        "—",
        "高",
    ),
    (
        "计划排程（场景）",
        "Scheduling (scenario)",
        "一级",
        "三级",
        "—",
        "中",
    ),
    (
        "管理机制",
        "Management rules",
        "2 项制度",
        "3 项制度",
        "1.875",
        "中",
    ),
    (
        "人才建设",
        "Digital talent",
        "2 项措施",
        "3 项措施",
        "1.5",
        "中",
    ),
    (
        "网络安全",
        "Network security",
        "3 项措施",
        "4 项措施",
        "1.25",
        "低",
    ),
];

/// Section 5: the main gaps, ranked, in Table 2.
fn gaps(l: Lang) -> Section {
    let mut gaps = Table::new(vec![
        Column::new(t(l, "差距项", "Gap"), 3),
        Column::new(t(l, "现状", "Current"), 2),
        Column::new(t(l, "目标", "Target"), 2),
        Column::new(t(l, "可增分", "Gain"), 1).right(),
        Column::new(t(l, "优先级", "Priority"), 1).center(),
    ])
    .captioned(t(
        l,
        "表 2　主要差距与可增分值",
        "Table 2  Main gaps and attainable points",
    ));
    for (z, e, cur, tgt, gain, prio) in GAPS {
        let tone = match prio {
            "高" => Tone::Bad,
            "中" => Tone::Warning,
            _ => Tone::Muted,
        };
        let prio = match (l, prio) {
            (Lang::En, "高") => "High",
            (Lang::En, "中") => "Medium",
            (Lang::En, _) => "Low",
            (_, p) => p,
        };
        gaps.push(Row::new(vec![
            t(l, z, e).into(),
            cur.into(),
            tgt.into(),
            gain.into(),
            Cell::from(prio).tone(tone),
        ]));
    }
    Section::new(SectionKind::Gaps)
        .paragraph(t(l,
            "差距按「可增分值 × 实施难度」排序。场景等级不直接计分，但决定能否达到三级，因此能耗管理、设备管理和计划排程三个场景列为高优先级。",
            "Gaps are ranked by attainable points against effort. Scenario levels carry no points but gate level 3, so energy management, equipment management and scheduling are high priority.",
        ))
        .table(gaps)
}

/// Section 6: the roadmap chart and Table 3, the actions by phase.
fn roadmap_section(l: Lang) -> Section {
    let (timeline, plan) = roadmap(l);
    let mut actions_table = Table::new(vec![
        Column::new(t(l, "编号", "No."), 1),
        Column::new(t(l, "行动", "Action"), 5),
        Column::new(t(l, "负责人", "Owner"), 2),
        Column::new(t(l, "周期", "Period"), 2),
        Column::new(t(l, "投入（万元）", "Cost (万元 = CNY 10,000)"), 2).right(),
    ])
    .captioned(t(l, "表 3　行动清单", "Table 3  Actions"));
    for phase in &plan.phases {
        actions_table.push(
            Row::new(vec![
                Cell::from(phase.name.clone()),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ])
            .kind(RowKind::Group),
        );
        for a in &phase.actions {
            actions_table.push(Row::new(vec![
                a.id.clone().into(),
                a.title.clone().into(),
                a.owner.clone().into(),
                format!("{} – {}", a.start.format("%Y-%m"), a.end.format("%Y-%m")).into(),
                Cell::from(a.cost_high_wan.to_string()).tagged(Tag::Estimate),
            ]));
        }
    }
    Section::new(SectionKind::Roadmap)
        .paragraph(t(l,
            "路线图分三个阶段：先补齐设备联网和数据采集的基础，再打通计划、生产与设备管理的系统集成，最后以数据模型支撑质量与能耗优化。各项投入为估算值，实际以采购合同为准。",
            "The roadmap has three phases: first close the equipment-networking and data-capture gaps, then integrate planning, production and equipment systems, and finally use data models for quality and energy optimisation. Costs are estimates; contracts govern.",
        ))
        .chart(Chart::Timeline(timeline))
        .table(actions_table)
}

/// Section 7: the support programmes this report can be used for.
fn programmes(l: Lang) -> Section {
    Section::new(SectionKind::Programmes).table(
        Table::new(vec![
            Column::new(t(l, "政策 / 项目", "Programme"), 3),
            Column::new(t(l, "适用条件（摘要）", "Fit (summary)"), 5),
            Column::new(t(l, "本报告的用途", "Use of this report"), 3),
        ])
        .row([
            t(
                l,
                "江苏省智改数转专项资金（贷款贴息、有效投入补助）",
                "Jiangsu smart-manufacturing and digital-transformation (智改数转) special funds: loan-interest subsidy, investment subsidy",
            ),
            t(
                l,
                "实施智能化改造和数字化转型项目的规上工业企业",
                "Industrial enterprises above scale carrying out retrofit projects",
            ),
            t(
                l,
                "作为项目必要性与现状诊断附件",
                "Attach as diagnosis of need and current state",
            ),
        ])
        .row([
            t(l, "免费智能制造诊断", "Free smart-manufacturing diagnosis"),
            t(
                l,
                "规上中小企业，由省、市、县政府购买服务",
                "SMEs above scale; paid by province, city and county",
            ),
            t(
                l,
                "诊断前自评、诊断后复评对照",
                "Self-assessment before, comparison after",
            ),
        ])
        .row([
            t(
                l,
                "专精特新中小企业认定",
                "Specialised and innovative SME recognition",
            ),
            t(
                l,
                "数字化水平为认定条件之一",
                "Digital level is one of the criteria",
            ),
            t(l, "提供数字化水平等级依据", "Evidence of digital level"),
        ])
        .row([
            t(l, "星级上云", "Star-rated cloud adoption"),
            t(l, "每年 1,000 家企业", "1,000 enterprises a year"),
            t(l, "说明上云现状与计划", "Shows cloud status and plans"),
        ]),
    )
}

/// Section 8: Table 4, the KPIs against provincial and national targets.
fn kpis(l: Lang) -> Section {
    Section::new(SectionKind::Kpis)
        .table(
            Table::new(vec![
                Column::new(t(l, "指标", "KPI"), 3),
                Column::new(t(l, "本企业", "This enterprise"), 2).right(),
                Column::new(t(l, "江苏重点企业目标（2024）", "Jiangsu key-firm target (2024)"), 2).right(),
                Column::new(t(l, "全国目标（2025）", "National target (2025)"), 2).right(),
                Column::new(t(l, "对照", "Status"), 1).center(),
            ])
            .captioned(t(l, "表 4　关键指标对照", "Table 4  KPIs against plan targets"))
            .row([t(l, "关键工序数控化率", "CNC rate of key processes"), "58%".into(), "65%".into(), "68%".into(), t(l, "未达", "Below")])
            .row([t(l, "经营管理数字化普及率", "Digital management coverage"), "86%".into(), "> 80%".into(), "80%".into(), t(l, "达到", "Met")])
            .row([t(l, "数字化研发设计工具普及率", "Digital R&D tool adoption"), t(l, "已使用", "In use"), "≈ 90%".into(), "85%".into(), t(l, "达到", "Met")])
            .row([t(l, "工业互联网平台普及率", "Industrial-internet platform use"), t(l, "未使用", "Not used"), "≈ 40%".into(), "45%".into(), t(l, "未达", "Below")])
            .row([t(l, "设备联网率", "Equipment networking rate"), "17%".into(), "—".into(), "—".into(), "—".into()]),
        )
        .note(Tone::Normal, t(l,
            "省、国家目标为企业群体的普及率，本企业数值按企业层面的常用口径计算，仅作对照参考。",
            "Provincial and national targets are shares of enterprises; this enterprise's values use the common firm-level definitions and are for comparison only.",
        ))
}

/// The appendix: Table 5 with every answer, then the attachments.
fn appendix(l: Lang) -> Section {
    let mut answers = Table::new(vec![
        Column::new(t(l, "题目", "Item"), 3),
        Column::new(t(l, "答案", "Answer"), 4),
        Column::new(t(l, "佐证说明", "Evidence note"), 4),
    ])
    .captioned(t(l, "表 5　全部填报答案", "Table 5  All answers"));
    for (z, e, _, _, _, opt, ev) in ITEMS {
        answers.push(Row::new(vec![t(l, z, e).into(), opt.into(), ev.into()]));
    }
    for (z, e, _, cur, _) in SCENARIOS {
        let level = match cur {
            0 => t(l, "未达一级", "Below level 1"),
            n => t(
                l,
                &format!("{}级", ["", "一", "二", "三", "四"][usize::from(n)]),
                &format!("Level {n}"),
            ),
        };
        answers.push(Row::new(vec![
            format!("{}（{}）", t(l, z, e), t(l, "场景", "scenario")).into(),
            level.into(),
            t(
                l,
                "系统截图及数据流转记录，评估人现场核查。",
                "System screenshots and data-flow records, checked on site.",
            )
            .into(),
        ]));
    }
    answers.push(Row::new(vec![
        Cell::from(t(l, "工业互联网平台", "Industrial-internet platform")),
        Cell::from(t(l, "不适用", "N/A")).tagged(Tag::NotApplicable),
        "".into(),
    ]));
    Section::new(SectionKind::Appendix)
        .table(answers)
        .heading(t(l, "附件清单", "Attachments"))
        .table(
            Table::new(vec![
                Column::new(t(l, "序号", "No."), 1).center(),
                Column::new(t(l, "附件名称", "Attachment"), 6),
                Column::new(t(l, "页数", "Pages"), 1).right(),
            ])
            .row(["1", "网络拓扑图（2024-11）", "2"])
            .row(["2", "设备台账及联网清单", "6"])
            .row(["3", "信息系统清单及截图", "14"])
            .row(["4", "信息安全与数据安全制度", "9"])
            .row(["5", "智改数转实施方案（2025—2026）", "22"])
            .row(["6", "能源统计报表（205-1，2023、2024）", "4"]),
        )
}

/// The declaration, signed by the enterprise and the assessor.
fn declaration(l: Lang) -> Section {
    Section::new(SectionKind::Declaration).block(Block::Declaration(Declaration {
        statement: None,
        signatories: vec![
            Signatory {
                role: SignatoryRole::Enterprise,
                name: format!(
                    "{ENTERPRISE}\n{}",
                    t(l, "法定代表人：李喆", "Legal representative: 李喆")
                ),
            },
            Signatory {
                role: SignatoryRole::Assessor,
                name: t(
                    l,
                    "陈镕昇\n常州智造诊断服务中心",
                    "陈镕昇\nChangzhou smart-manufacturing diagnosis centre",
                ),
            },
        ],
    }))
}

/// Words kept on one line: the MIIT levels and their aliases, as the builder passes them for a
/// real report.
fn keep_together() -> Vec<String> {
    [
        "一级",
        "二级",
        "三级",
        "四级",
        "未达一级",
        "初始级",
        "规范级",
        "集成级",
        "协同级",
    ]
    .into_iter()
    .chain(["Level 1", "Level 2", "Level 3", "Level 4", "Below level 1"])
    .map(String::from)
    .collect()
}

/// (phase index, zh, en, owner zh, owner en, start month, months, effort class, cost 万元)
type ActionRow = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u16,
    u16,
    Effort,
    &'static str,
);

const ACTIONS: [ActionRow; 12] = [
    (
        0,
        "车间工业网络改造，覆盖全部加工单元",
        "Rebuild the shop-floor network to cover all machining cells",
        "信息部",
        "IT",
        0,
        3,
        Effort::Medium,
        "28",
    ),
    (
        0,
        "数控设备联网与数据采集网关部署",
        "Network CNC machines and deploy data-capture gateways",
        "设备部",
        "Equipment",
        1,
        4,
        Effort::Medium,
        "35",
    ),
    (
        0,
        "能源计量表具加装与能耗数据采集",
        "Fit energy meters and capture energy data",
        "动力科",
        "Utilities",
        2,
        3,
        Effort::Low,
        "12",
    ),
    (
        0,
        "数据安全制度与备份恢复演练",
        "Data-security rules and backup-restore drills",
        "信息部",
        "IT",
        3,
        2,
        Effort::Low,
        "3",
    ),
    (
        1,
        "MES 与 ERP 集成，打通计划、工单与物料",
        "Integrate MES and ERP: plans, work orders and materials",
        "生产部",
        "Production",
        6,
        5,
        Effort::High,
        "42",
    ),
    (
        1,
        "高级计划排程（APS）试点",
        "Pilot advanced planning and scheduling (APS)",
        "计划科",
        "Planning",
        8,
        4,
        Effort::Medium,
        "18",
    ),
    (
        1,
        "设备点检与维保数字化，计算 OEE",
        "Digital inspection and maintenance; compute OEE",
        "设备部",
        "Equipment",
        7,
        4,
        Effort::Medium,
        "9",
    ),
    (
        1,
        "关键工序在线检测与质量追溯",
        "In-line inspection and traceability at key operations",
        "质量部",
        "Quality",
        9,
        5,
        Effort::High,
        "24",
    ),
    (
        2,
        "能耗监测看板与峰谷用能优化",
        "Energy dashboard and peak/off-peak optimisation",
        "动力科",
        "Utilities",
        14,
        4,
        Effort::Low,
        "6",
    ),
    (
        2,
        "设备故障预警模型",
        "Equipment fault-warning model",
        "设备部",
        "Equipment",
        15,
        6,
        Effort::Medium,
        "5",
    ),
    (
        2,
        "质量影响因素分析与缺陷预测",
        "Quality factor analysis and defect prediction",
        "质量部",
        "Quality",
        16,
        6,
        Effort::Medium,
        "4",
    ),
    (
        2,
        "复评估与下一轮改进计划",
        "Re-assessment and next improvement plan",
        "总经办",
        "Management",
        22,
        2,
        Effort::Low,
        "0",
    ),
];

/// (zh, en, start month, months) of the roadmap's three phases.
const PHASES: [(&str, &str, u16, u16); 3] = [
    (
        "第一阶段：夯实基础（0–6 个月）",
        "Phase 1: foundations (months 0–6)",
        0,
        6,
    ),
    (
        "第二阶段：系统集成（6–14 个月）",
        "Phase 2: integration (months 6–14)",
        6,
        8,
    ),
    (
        "第三阶段：数据驱动（14–24 个月）",
        "Phase 3: data-driven (months 14–24)",
        14,
        10,
    ),
];

/// The sample's roadmap twice: as the timeline chart and as the action plan.
fn roadmap(l: Lang) -> (Timeline, ActionPlan) {
    let start = NaiveDate::from_ymd_opt(2025, 4, 1).expect("valid date");
    let mut timeline = Timeline {
        title: t(
            l,
            "图 4　改进路线图（月）",
            "Figure 4  Improvement roadmap (months)",
        ),
        phases: Vec::new(),
    };
    let mut plan = ActionPlan {
        lang: l,
        enterprise: ENTERPRISE.to_string(),
        created: NaiveDate::from_ymd_opt(2025, 3, 18).expect("valid date"),
        phases: Vec::new(),
    };
    for (pi, (pz, pe, ps, pd)) in PHASES.iter().enumerate() {
        let name = t(l, pz, pe);
        let mut tp = TimelinePhase {
            name: name.clone(),
            start_month: *ps,
            duration_months: *pd,
            actions: Vec::new(),
        };
        let mut pp = PlanPhase {
            name,
            actions: Vec::new(),
        };
        for (i, a) in ACTIONS.iter().enumerate().filter(|(_, a)| a.0 == pi) {
            tp.actions.push(timeline_action(l, a));
            pp.actions.push(plan_action(l, i, a, start));
        }
        timeline.phases.push(tp);
        plan.phases.push(pp);
    }
    (timeline, plan)
}

/// One action as a bar of the roadmap chart.
fn timeline_action(l: Lang, a: &ActionRow) -> TimelineAction {
    let (_, z, e, _, _, s, dur, _, _) = *a;
    TimelineAction {
        label: t(l, z, e),
        start_month: s,
        duration_months: dur,
    }
}

/// One action as a line of the action plan (the `i`-th action, months counted from `start`).
fn plan_action(l: Lang, i: usize, a: &ActionRow, start: NaiveDate) -> PlanAction {
    let month = |m: u16| {
        start
            .checked_add_months(chrono::Months::new(u32::from(m)))
            .unwrap_or(start)
    };
    let (_, z, e, oz, oe, s, dur, effort, cost) = *a;
    let (effort_zh, effort_en) = match effort {
        Effort::Low => ("低", "low"),
        Effort::Medium => ("中", "medium"),
        Effort::High => ("高", "high"),
    };
    PlanAction {
        id: format!("A{:02}", i + 1),
        title: t(l, z, e),
        owner: t(l, oz, oe),
        start: month(s),
        end: month(s + dur).pred_opt().unwrap_or(start),
        effort: t(l, effort_zh, effort_en),
        effort_units: effort.units(),
        cost_low_wan: d(cost),
        cost_high_wan: d(cost),
        status: if s == 0 {
            ActionStatus::InProgress
        } else {
            ActionStatus::Planned
        },
        note: String::new(),
    }
}

/// The sample's action plan (same actions as the report's roadmap).
pub fn sample_action_plan(lang: Lang) -> ActionPlan {
    roadmap(lang).1
}
