//! The enterprise profile: what a user types in, and the validated value the store keeps.
//!
//! Validation collects *every* problem at once, each tied to its field, because the form shows
//! each message beside the field it concerns; stopping at the first error would make the user
//! submit once per mistake.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{self, INDUSTRIES, PROVINCES, SIZES};
use crate::credit_code::CreditCode;

/// Longest enterprise name accepted. Registered names are far shorter; the limit exists so a
/// pasted paragraph is caught instead of breaking the report's cover page.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest free-text city / district / contact field.
pub const TEXT_MAX_CHARS: usize = 50;

/// The profile as entered in the form (all strings, nothing trusted yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseInput {
    pub name: String,
    pub credit_code: String,
    /// GB/T 2260 province code, e.g. "320000".
    pub province: String,
    pub city: String,
    pub district: String,
    /// GB/T 4754-2017 division code, e.g. "C34".
    pub industry: String,
    /// "large" | "medium" | "small" | "micro".
    pub size: String,
}

/// A profile whose every field passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseProfile {
    pub name: String,
    pub credit_code: CreditCode,
    pub province: String,
    pub city: String,
    pub district: String,
    pub industry: String,
    pub size: String,
}

/// One problem with one field, in words the user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The input field's name as in [`EnterpriseInput`] (camelCase).
    pub field: String,
    pub message: String,
}

/// Every field problem of one submission.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("企业信息有 {} 处需要修改：{}", .0.len(), summary(.0))]
pub struct InvalidEnterprise(pub Vec<FieldError>);

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}：{}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("；")
}

impl EnterpriseInput {
    /// Checks every field and returns the profile, or all field errors at once.
    pub fn validate(&self) -> Result<EnterpriseProfile, InvalidEnterprise> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.to_owned(),
                message,
            })
        };

        let name = self.name.trim();
        if name.is_empty() {
            err("name", "请填写企业名称".into());
        } else if name.chars().count() > NAME_MAX_CHARS {
            err(
                "name",
                format!(
                    "企业名称最多 {NAME_MAX_CHARS} 个字，现在是 {} 个",
                    name.chars().count()
                ),
            );
        }

        let credit_code = match CreditCode::parse(&self.credit_code) {
            Ok(code) => Some(code),
            Err(_) if self.credit_code.trim().is_empty() => {
                err(
                    "creditCode",
                    "请填写统一社会信用代码（营业执照上的 18 位代码）".into(),
                );
                None
            }
            Err(e) => {
                err("creditCode", e.to_string());
                None
            }
        };

        if catalog::label(PROVINCES, &self.province).is_none() {
            err("province", "请选择所在省份".into());
        }
        for (field, value, label) in [
            ("city", &self.city, "城市"),
            ("district", &self.district, "区县"),
        ] {
            if value.trim().chars().count() > TEXT_MAX_CHARS {
                err(field, format!("{label}最多 {TEXT_MAX_CHARS} 个字"));
            }
        }
        if self.city.trim().is_empty() {
            err("city", "请填写所在城市".into());
        }
        if catalog::label(INDUSTRIES, &self.industry).is_none() {
            err(
                "industry",
                "请选择所属行业（国民经济行业分类 制造业大类）".into(),
            );
        }
        if catalog::label(SIZES, &self.size).is_none() {
            err("size", "请选择企业规模".into());
        }

        match credit_code {
            Some(credit_code) if errors.is_empty() => Ok(EnterpriseProfile {
                name: name.to_owned(),
                credit_code,
                province: self.province.clone(),
                city: self.city.trim().to_owned(),
                district: self.district.trim().to_owned(),
                industry: self.industry.clone(),
                size: self.size.clone(),
            }),
            _ => Err(InvalidEnterprise(errors)),
        }
    }

    /// What may be a typing mistake but need not be, shown beside the field and not refused:
    /// the credit code registered in another province than the one chosen (positions 3–4 of
    /// the code are the registering authority's province). A firm that moved keeps its code,
    /// and a code registered nationally (`10`) names no province, so neither is an error.
    pub fn warnings(&self) -> Vec<FieldError> {
        let Ok(code) = CreditCode::parse(&self.credit_code) else {
            return Vec::new();
        };
        let registered = format!("{}0000", &code.as_str()[2..4]);
        let (Some(there), Some(chosen)) = (
            catalog::label(PROVINCES, &registered),
            catalog::label(PROVINCES, &self.province),
        ) else {
            return Vec::new();
        };
        if registered == self.province {
            return Vec::new();
        }
        vec![FieldError {
            field: "creditCode".into(),
            message: format!(
                "信用代码第 3–4 位表示在{there}登记，所选省份是{chosen}：请核对代码或省份（企业迁址的可忽略）"
            ),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Guangdong code under 江苏省 is flagged (not refused); a matching, a national and an
    /// invalid code are not (the last is an error of its own).
    #[test]
    fn a_code_registered_in_another_province_is_a_warning() {
        let input = |code: &str, province: &str| EnterpriseInput {
            credit_code: code.into(),
            province: province.into(),
            ..EnterpriseInput::default()
        };
        let guangdong = "914403001922038216";
        let w = input(guangdong, "320000").warnings();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].field, "creditCode");
        assert!(
            w[0].message.contains("广东") && w[0].message.contains("江苏"),
            "{}",
            w[0].message
        );
        assert!(input(guangdong, "440000").warnings().is_empty());
        let national = format!("9110{}", &guangdong[4..17]);
        let national = format!(
            "{national}{}",
            crate::credit_code::check_character(&national).unwrap()
        );
        assert!(input(&national, "320000").warnings().is_empty());
        assert!(input("91440300192203821X", "320000").warnings().is_empty());
    }

    fn good() -> EnterpriseInput {
        EnterpriseInput {
            name: "常州市喆堃精密机械有限公司".into(),
            credit_code: "914403001922038216".into(),
            province: "320000".into(),
            city: "常州市".into(),
            district: "武进区".into(),
            industry: "C34".into(),
            size: "small".into(),
        }
    }

    #[test]
    fn a_complete_profile_validates() {
        let p = good().validate().unwrap();
        assert_eq!(p.name, "常州市喆堃精密机械有限公司");
        assert_eq!(p.credit_code.as_str(), "914403001922038216");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = EnterpriseInput {
            name: "  ".into(),
            credit_code: "914403001922038217".into(),
            province: "".into(),
            city: "".into(),
            district: "区".repeat(51),
            industry: "A01".into(),
            size: "huge".into(),
        };
        let InvalidEnterprise(errors) = input.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "creditCode",
                "province",
                "district",
                "city",
                "industry",
                "size"
            ]
        );
        assert!(
            errors[1].message.contains("校验位"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn over_long_name_is_rejected_with_its_length() {
        let input = EnterpriseInput {
            name: "测".repeat(101),
            ..good()
        };
        let InvalidEnterprise(errors) = input.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("101"));
    }
}
