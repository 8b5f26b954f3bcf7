//! Fixed reference lists shown as choices in the enterprise profile.
//!
//! They are code, not framework data, because they change only with a new national standard
//! (GB/T 4754, the administrative divisions) and the store keeps their codes.

use serde::Serialize;
use ts_rs::TS;

/// One choice in a list: a stable code and its Chinese label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "CatalogChoice")]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
}

const fn c(code: &'static str, label: &'static str) -> Choice {
    Choice { code, label }
}

/// The 34 provincial-level divisions, by GB/T 2260 code.
pub const PROVINCES: &[Choice] = &[
    c("110000", "北京市"),
    c("120000", "天津市"),
    c("130000", "河北省"),
    c("140000", "山西省"),
    c("150000", "内蒙古自治区"),
    c("210000", "辽宁省"),
    c("220000", "吉林省"),
    c("230000", "黑龙江省"),
    c("310000", "上海市"),
    c("320000", "江苏省"),
    c("330000", "浙江省"),
    c("340000", "安徽省"),
    c("350000", "福建省"),
    c("360000", "江西省"),
    c("370000", "山东省"),
    c("410000", "河南省"),
    c("420000", "湖北省"),
    c("430000", "湖南省"),
    c("440000", "广东省"),
    c("450000", "广西壮族自治区"),
    c("460000", "海南省"),
    c("500000", "重庆市"),
    c("510000", "四川省"),
    c("520000", "贵州省"),
    c("530000", "云南省"),
    c("540000", "西藏自治区"),
    c("610000", "陕西省"),
    c("620000", "甘肃省"),
    c("630000", "青海省"),
    c("640000", "宁夏回族自治区"),
    c("650000", "新疆维吾尔自治区"),
    c("710000", "台湾省"),
    c("810000", "香港特别行政区"),
    c("820000", "澳门特别行政区"),
];

/// Manufacturing (门类 C) divisions of GB/T 4754-2017 《国民经济行业分类》.
pub const INDUSTRIES: &[Choice] = &[
    c("C13", "农副食品加工业"),
    c("C14", "食品制造业"),
    c("C15", "酒、饮料和精制茶制造业"),
    c("C16", "烟草制品业"),
    c("C17", "纺织业"),
    c("C18", "纺织服装、服饰业"),
    c("C19", "皮革、毛皮、羽毛及其制品和制鞋业"),
    c("C20", "木材加工和木、竹、藤、棕、草制品业"),
    c("C21", "家具制造业"),
    c("C22", "造纸和纸制品业"),
    c("C23", "印刷和记录媒介复制业"),
    c("C24", "文教、工美、体育和娱乐用品制造业"),
    c("C25", "石油、煤炭及其他燃料加工业"),
    c("C26", "化学原料和化学制品制造业"),
    c("C27", "医药制造业"),
    c("C28", "化学纤维制造业"),
    c("C29", "橡胶和塑料制品业"),
    c("C30", "非金属矿物制品业"),
    c("C31", "黑色金属冶炼和压延加工业"),
    c("C32", "有色金属冶炼和压延加工业"),
    c("C33", "金属制品业"),
    c("C34", "通用设备制造业"),
    c("C35", "专用设备制造业"),
    c("C36", "汽车制造业"),
    c("C37", "铁路、船舶、航空航天和其他运输设备制造业"),
    c("C38", "电气机械和器材制造业"),
    c("C39", "计算机、通信和其他电子设备制造业"),
    c("C40", "仪器仪表制造业"),
    c("C41", "其他制造业"),
    c("C42", "废弃资源综合利用业"),
    c("C43", "金属制品、机械和设备修理业"),
];

/// Enterprise size classes of 《统计上大中小微型企业划分办法》.
pub const SIZES: &[Choice] = &[
    c("large", "大型"),
    c("medium", "中型"),
    c("small", "小型"),
    c("micro", "微型"),
];

/// The label for `code` in `list`, if the code is one of its choices.
pub fn label(list: &[Choice], code: &str) -> Option<&'static str> {
    list.iter().find(|ch| ch.code == code).map(|ch| ch.label)
}

/// All lists at once, as the UI loads them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Catalog {
    pub provinces: Vec<Choice>,
    pub industries: Vec<Choice>,
    pub sizes: Vec<Choice>,
}

impl Catalog {
    pub fn get() -> Self {
        Catalog {
            provinces: PROVINCES.to_vec(),
            industries: INDUSTRIES.to_vec(),
            sizes: SIZES.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_unique_codes_and_expected_lengths() {
        for (list, n) in [(PROVINCES, 34), (INDUSTRIES, 31), (SIZES, 4)] {
            let mut codes: Vec<_> = list.iter().map(|c| c.code).collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), n);
        }
        assert_eq!(label(INDUSTRIES, "C34"), Some("通用设备制造业"));
        assert_eq!(label(PROVINCES, "999999"), None);
    }
}
