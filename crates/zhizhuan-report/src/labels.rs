//! Every fixed text the renderer prints, in Chinese and English.
//!
//! The builder writes the content; these are the words that are the same in every report
//! (section names, cover field names, page footer, signature lines). Keeping them in one table
//! is what makes the English report complete: a label missing here is a compile error.

use serde::{Deserialize, Serialize};

use crate::model::{SectionKind, SignatoryRole, Tag};

/// Language of the fixed labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The fixed texts of one language.
#[derive(Debug)]
pub struct Labels {
    pub lang: Lang,
    pub contents: &'static str,
    pub credit_code: &'static str,
    pub industry: &'static str,
    pub region: &'static str,
    pub framework: &'static str,
    pub framework_version: &'static str,
    pub assessor: &'static str,
    pub organisation: &'static str,
    pub mode: &'static str,
    pub legal_representative_signature: &'static str,
    pub assessment_date: &'static str,
    pub report_no: &'static str,
    pub enterprise: &'static str,
    pub product_line: &'static str,
    pub legend_current: &'static str,
    pub legend_target: &'static str,
    pub below_first_level: &'static str,
    pub month_abbrev: &'static str,
    pub declaration_statement: &'static str,
    pub signature: &'static str,
    pub seal: &'static str,
    pub date_line: &'static str,
    pub continued: &'static str,
    pub empty_section: &'static str,
    /// Said under a roadmap phase that holds no action (timeline, phase table and workbook), so
    /// the empty phase does not read as something missing.
    pub no_actions_in_phase: &'static str,
    pub chart_needs_three_axes: &'static str,
    /// Printed on the cover and in every page's running header of a report that is not linked
    /// to an enterprise ([`crate::model::Cover::draft`]).
    pub draft: &'static str,
}

static ZH: Labels = Labels {
    lang: Lang::Zh,
    contents: "目录",
    credit_code: "统一社会信用代码",
    industry: "所属行业",
    region: "所在地区",
    framework: "评测依据",
    framework_version: "版本",
    assessor: "评估人",
    organisation: "评估机构",
    mode: "评估方式",
    legal_representative_signature: "法定代表人签字",
    assessment_date: "评估日期",
    report_no: "报告编号",
    enterprise: "企业名称",
    product_line: "智转 ZhiZhuan · 制造业数字化转型自评估",
    legend_current: "现状",
    legend_target: "目标",
    below_first_level: "未达一级",
    month_abbrev: "月",
    declaration_statement: "本单位承诺：本报告所依据的填报信息及佐证材料真实、准确、完整；\
        如有不实，本单位愿承担相应责任。本报告是自评估工具生成的诊断材料，不是官方评定结果。",
    signature: "签字",
    seal: "盖章",
    date_line: "日期：　　　　年　　月　　日",
    continued: "（续）",
    empty_section: "（本节无内容）",
    no_actions_in_phase: "本阶段无行动",
    chart_needs_three_axes: "雷达图至少需要三个维度，此处改为列表显示。",
    draft: "样稿（未关联企业）",
};

static EN: Labels = Labels {
    lang: Lang::En,
    contents: "Contents",
    credit_code: "Unified social credit code",
    industry: "Industry",
    region: "Region",
    framework: "Framework",
    framework_version: "Version",
    assessor: "Assessor",
    organisation: "Assessing body",
    mode: "Assessment mode",
    legal_representative_signature: "Legal representative's signature",
    assessment_date: "Assessment date",
    report_no: "Report no.",
    enterprise: "Enterprise",
    product_line: "ZhiZhuan · Digital-transformation self-assessment for manufacturers",
    legend_current: "Current",
    legend_target: "Target",
    below_first_level: "Below level 1",
    month_abbrev: "M",
    declaration_statement: "We declare that the information and evidence on which this report \
        is based are true, accurate and complete, and accept responsibility for any \
        misstatement. This report is diagnostic material made with a self-assessment tool, \
        not an official rating.",
    signature: "Signature",
    seal: "Company seal",
    date_line: "Date: ____________________",
    continued: " (continued)",
    empty_section: "(This section has no content.)",
    no_actions_in_phase: "No actions in this phase",
    chart_needs_three_axes: "A radar chart needs at least three axes; shown as a list instead.",
    draft: "DRAFT — not linked to an enterprise",
};

impl Lang {
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

impl Labels {
    /// The fixed title of a section kind.
    pub fn section_title(&self, kind: SectionKind) -> &'static str {
        use SectionKind::*;
        match (self.lang, kind) {
            (Lang::Zh, Summary) => "评估摘要",
            (Lang::Zh, Profile) => "企业基本情况",
            (Lang::Zh, Process) => "评估过程",
            (Lang::Zh, Diagnosis) => "问题诊断",
            (Lang::Zh, Investment) => "投资估算与资金来源",
            (Lang::Zh, Benefits) => "预期效益",
            (Lang::Zh, BasisAndMethod) => "评估依据与方法",
            (Lang::Zh, Results) => "评估结果",
            (Lang::Zh, ItemDetail) => "分项得分明细",
            (Lang::Zh, Gaps) => "差距分析",
            (Lang::Zh, Roadmap) => "分阶段改进路线图",
            (Lang::Zh, Programmes) => "政策对接",
            (Lang::Zh, Kpis) => "江苏省智改数转关键指标对照",
            (Lang::Zh, Appendix) => "佐证材料清单",
            (Lang::Zh, Declaration) => "真实性承诺与签章",
            (Lang::Zh, Other) => "其他",
            (Lang::En, Summary) => "Summary",
            (Lang::En, Profile) => "Enterprise profile",
            (Lang::En, Process) => "Assessment process",
            (Lang::En, Diagnosis) => "Findings by business area",
            (Lang::En, Investment) => "Investment estimate and funding",
            (Lang::En, Benefits) => "Expected benefits",
            (Lang::En, BasisAndMethod) => "Basis and method",
            (Lang::En, Results) => "Results",
            (Lang::En, ItemDetail) => "Item detail",
            (Lang::En, Gaps) => "Gap analysis",
            (Lang::En, Roadmap) => "Phased roadmap",
            (Lang::En, Programmes) => "Programmes",
            (Lang::En, Kpis) => "Jiangsu KPIs against plan targets",
            (Lang::En, Appendix) => "Evidence list",
            (Lang::En, Declaration) => "Declaration of truthfulness and signatures",
            (Lang::En, Other) => "Other",
        }
    }

    /// Section number as printed before the title: 「一、」 or "1.".
    pub fn section_number(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{}、", chinese_numeral(n)),
            Lang::En => format!("{n}."),
        }
    }

    pub fn tag(&self, tag: &Tag) -> String {
        match (self.lang, tag) {
            (Lang::Zh, Tag::Estimate) => "估算".into(),
            (Lang::En, Tag::Estimate) => "estimate".into(),
            (Lang::Zh, Tag::NotApplicable) => "不适用".into(),
            (Lang::En, Tag::NotApplicable) => "N/A".into(),
            (_, Tag::Custom(s)) => s.clone(),
        }
    }

    pub fn signatory_role(&self, role: &SignatoryRole) -> String {
        match (self.lang, role) {
            (Lang::Zh, SignatoryRole::Enterprise) => "企业（申报单位）".into(),
            (Lang::En, SignatoryRole::Enterprise) => "Enterprise (applicant)".into(),
            (Lang::Zh, SignatoryRole::Assessor) => "评估人 / 评估机构".into(),
            (Lang::En, SignatoryRole::Assessor) => "Assessor".into(),
            (_, SignatoryRole::Other(s)) => s.clone(),
        }
    }

    /// Footer: 「第 x 页 / 共 y 页」 or "Page x of y".
    pub fn page_footer(&self, page: usize, total: usize) -> String {
        match self.lang {
            Lang::Zh => format!("第 {page} 页 / 共 {total} 页"),
            Lang::En => format!("Page {page} of {total}"),
        }
    }

    /// Label of month `m` (1-based) on the timeline axis.
    pub fn month(&self, m: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{m}{}", self.month_abbrev),
            Lang::En => format!("{}{m}", self.month_abbrev),
        }
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十; beyond 99 falls back to digits.
fn chinese_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_read_as_written() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100]
            .into_iter()
            .map(chinese_numeral)
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }
}
