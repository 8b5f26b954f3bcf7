//! Fixed reference lists shown as choices in the enterprise profile.
//!
//! They are code, not framework data, because they change only with a new national standard
//! (GB/T 4754, the administrative divisions) and the store keeps their codes.

use serde::Serialize;
use ts_rs::TS;

/// One choice in a list: a stable code, its Chinese label (the official name) and an English
/// one for the English UI and report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "CatalogChoice")]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
}

const fn c(code: &'static str, label: &'static str, label_en: &'static str) -> Choice {
    Choice {
        code,
        label,
        label_en,
    }
}

/// The 34 provincial-level divisions, by GB/T 2260 code.
pub const PROVINCES: &[Choice] = &[
    c("110000", "北京市", "Beijing"),
    c("120000", "天津市", "Tianjin"),
    c("130000", "河北省", "Hebei"),
    c("140000", "山西省", "Shanxi"),
    c("150000", "内蒙古自治区", "Inner Mongolia"),
    c("210000", "辽宁省", "Liaoning"),
    c("220000", "吉林省", "Jilin"),
    c("230000", "黑龙江省", "Heilongjiang"),
    c("310000", "上海市", "Shanghai"),
    c("320000", "江苏省", "Jiangsu"),
    c("330000", "浙江省", "Zhejiang"),
    c("340000", "安徽省", "Anhui"),
    c("350000", "福建省", "Fujian"),
    c("360000", "江西省", "Jiangxi"),
    c("370000", "山东省", "Shandong"),
    c("410000", "河南省", "Henan"),
    c("420000", "湖北省", "Hubei"),
    c("430000", "湖南省", "Hunan"),
    c("440000", "广东省", "Guangdong"),
    c("450000", "广西壮族自治区", "Guangxi"),
    c("460000", "海南省", "Hainan"),
    c("500000", "重庆市", "Chongqing"),
    c("510000", "四川省", "Sichuan"),
    c("520000", "贵州省", "Guizhou"),
    c("530000", "云南省", "Yunnan"),
    c("540000", "西藏自治区", "Tibet"),
    c("610000", "陕西省", "Shaanxi"),
    c("620000", "甘肃省", "Gansu"),
    c("630000", "青海省", "Qinghai"),
    c("640000", "宁夏回族自治区", "Ningxia"),
    c("650000", "新疆维吾尔自治区", "Xinjiang"),
    c("710000", "台湾省", "Taiwan"),
    c("810000", "香港特别行政区", "Hong Kong"),
    c("820000", "澳门特别行政区", "Macao"),
];

/// Manufacturing (门类 C) divisions of GB/T 4754-2017 《国民经济行业分类》.
pub const INDUSTRIES: &[Choice] = &[
    c(
        "C13",
        "农副食品加工业",
        "Agricultural and sideline food processing",
    ),
    c("C14", "食品制造业", "Food manufacturing"),
    c(
        "C15",
        "酒、饮料和精制茶制造业",
        "Liquor, beverages and refined tea",
    ),
    c("C16", "烟草制品业", "Tobacco products"),
    c("C17", "纺织业", "Textiles"),
    c("C18", "纺织服装、服饰业", "Textile garments and apparel"),
    c(
        "C19",
        "皮革、毛皮、羽毛及其制品和制鞋业",
        "Leather, fur, feathers and footwear",
    ),
    c(
        "C20",
        "木材加工和木、竹、藤、棕、草制品业",
        "Wood, bamboo, rattan, palm and straw products",
    ),
    c("C21", "家具制造业", "Furniture"),
    c("C22", "造纸和纸制品业", "Paper and paper products"),
    c(
        "C23",
        "印刷和记录媒介复制业",
        "Printing and reproduction of recorded media",
    ),
    c(
        "C24",
        "文教、工美、体育和娱乐用品制造业",
        "Articles for culture, education, arts, sports and entertainment",
    ),
    c(
        "C25",
        "石油、煤炭及其他燃料加工业",
        "Petroleum, coal and other fuel processing",
    ),
    c(
        "C26",
        "化学原料和化学制品制造业",
        "Chemical raw materials and chemical products",
    ),
    c("C27", "医药制造业", "Medicines"),
    c("C28", "化学纤维制造业", "Chemical fibres"),
    c("C29", "橡胶和塑料制品业", "Rubber and plastic products"),
    c("C30", "非金属矿物制品业", "Non-metallic mineral products"),
    c(
        "C31",
        "黑色金属冶炼和压延加工业",
        "Ferrous metal smelting and rolling",
    ),
    c(
        "C32",
        "有色金属冶炼和压延加工业",
        "Non-ferrous metal smelting and rolling",
    ),
    c("C33", "金属制品业", "Metal products"),
    c("C34", "通用设备制造业", "General-purpose equipment"),
    c("C35", "专用设备制造业", "Special-purpose equipment"),
    c("C36", "汽车制造业", "Automobiles"),
    c(
        "C37",
        "铁路、船舶、航空航天和其他运输设备制造业",
        "Railway, ship, aerospace and other transport equipment",
    ),
    c(
        "C38",
        "电气机械和器材制造业",
        "Electrical machinery and equipment",
    ),
    c(
        "C39",
        "计算机、通信和其他电子设备制造业",
        "Computers, communication and other electronic equipment",
    ),
    c("C40", "仪器仪表制造业", "Instruments and meters"),
    c("C41", "其他制造业", "Other manufacturing"),
    c(
        "C42",
        "废弃资源综合利用业",
        "Comprehensive use of waste resources",
    ),
    c(
        "C43",
        "金属制品、机械和设备修理业",
        "Repair of metal products, machinery and equipment",
    ),
];

/// Enterprise size classes of 《统计上大中小微型企业划分办法》.
pub const SIZES: &[Choice] = &[
    c("large", "大型", "Large"),
    c("medium", "中型", "Medium"),
    c("small", "小型", "Small"),
    c("micro", "微型", "Micro"),
];

impl Choice {
    /// The label in the report's or UI's language.
    pub fn name(&self, english: bool) -> &'static str {
        if english { self.label_en } else { self.label }
    }
}

/// The (Chinese) label for `code` in `list`, if the code is one of its choices.
pub fn label(list: &'static [Choice], code: &str) -> Option<&'static str> {
    choice(list, code).map(|ch| ch.label)
}

/// The choice with `code` in `list`.
pub fn choice(list: &'static [Choice], code: &str) -> Option<&'static Choice> {
    list.iter().find(|ch| ch.code == code)
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

    /// English labels are whole English (no CJK), one per choice, distinct within a list.
    #[test]
    fn english_labels_are_english_and_distinct() {
        for list in [PROVINCES, INDUSTRIES, SIZES] {
            let mut seen = std::collections::HashSet::new();
            for ch in list {
                assert!(ch.label_en.is_ascii() && !ch.label_en.is_empty(), "{ch:?}");
                assert!(seen.insert(ch.label_en), "duplicate {ch:?}");
            }
        }
        assert_eq!(choice(PROVINCES, "320000").unwrap().label_en, "Jiangsu");
    }
}
