//! What a user answered, item by item, and the answers-file format the CLI reads.
//!
//! An answer is stored and exchanged as tagged JSON so that a file written by hand, by the app
//! or by a script reads the same way:
//!
//! ```json
//! {
//!   "framework": "miit-2024",
//!   "version": "2024",
//!   "variant": "manufacturing",
//!   "answers": {
//!     "jichu.network":   { "options": ["control-net", "app-net"] },
//!     "jichu.info-sys":  { "option": "two-plus" },
//!     "jichu.equip-dig": { "numbers": { "total": 120, "digital": "54" } },
//!     "jingying.design": { "level": 2 },
//!     "cmmm.data":       { "requirements": { "L1.1": "full", "L2.3": "most" } },
//!     "chengxiao.green": "na"
//!   }
//! }
//! ```
//!
//! Which form an item takes is decided by the item's kind in the framework definition; this
//! module only knows the shapes. Checking an answer against its item (unknown option, number
//! out of range, …) happens when the framework scores it, with the item named in the error.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::decimal::Decimal;

/// One item's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum AnswerValue {
    /// Single choice: the chosen option's id.
    Option(String),
    /// Multiple choice: the chosen options' ids (an empty list means "none of these").
    Options(Vec<String>),
    /// Entered figures by field id (counts, amounts), from which a ratio or a trend is derived.
    Numbers(BTreeMap<String, Decimal>),
    /// A rung of a level ladder (0 = not reached).
    Level(u8),
    /// Requirement id → scale value id (e.g. CMMM 全部满足 / 大部分满足 / 部分满足 / 不满足).
    Requirements(BTreeMap<String, String>),
    /// Not applicable; allowed only where the item declares it.
    #[serde(rename = "na")]
    NotApplicable,
}

/// A whole assessment's answers as exchanged in files (`zhizhuan score --answers FILE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswersFile {
    /// Framework id, e.g. `miit-2024`.
    pub framework: String,
    /// Framework version the answers were given against.
    pub version: String,
    /// Variant id where the framework has several (e.g. `discrete` / `process`).
    #[serde(default)]
    pub variant: Option<String>,
    /// Item id → answer. Items not listed are unanswered.
    pub answers: BTreeMap<String, AnswerValue>,
}

impl AnswersFile {
    /// Parses an answers file, with the JSON line and column of any error.
    pub fn from_json(text: &str) -> Result<AnswersFile, serde_json::Error> {
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_parses() {
        let text = r#"{
          "framework": "miit-2024", "version": "2024", "variant": "manufacturing",
          "answers": {
            "a": { "options": ["x", "y"] }, "b": { "option": "z" },
            "c": { "numbers": { "total": 120, "digital": "54.5" } },
            "d": { "level": 2 }, "e": { "requirements": { "r1": "full" } }, "f": "na"
          }
        }"#;
        let f = AnswersFile::from_json(text).unwrap();
        assert_eq!(f.answers.len(), 6);
        assert_eq!(f.answers["f"], AnswerValue::NotApplicable);
        let AnswerValue::Numbers(n) = &f.answers["c"] else {
            panic!("numbers expected")
        };
        assert_eq!(n["digital"].to_string(), "54.5");
        // Round trip keeps the same shapes.
        let again = AnswersFile::from_json(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(again, f);
    }

    #[test]
    fn a_typo_in_the_shape_is_located() {
        let err = AnswersFile::from_json(
            "{\"framework\":\"m\",\"version\":\"1\",\n\"answers\":{\"a\":{\"optoin\":\"x\"}}}",
        )
        .unwrap_err();
        assert_eq!(err.line(), 2, "{err}");
        assert!(err.to_string().contains("optoin"), "{err}");
    }
}
