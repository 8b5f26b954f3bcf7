//! The one error type every action returns (the app's commands return it unchanged).
//!
//! It serialises as `{kind, message, fields}` so the UI can branch on `kind` (never on the
//! message text) and put each field message beside its input.

use serde::{Serialize, Serializer};
use ts_rs::TS;
use zhizhuan_core::enterprise::FieldError;
use zhizhuan_core::gap::GapError;
use zhizhuan_core::score::{AnswerError, AnswerErrors};
use zhizhuan_store::StoreError;
use zhizhuan_store::bundle::BundleError;

/// What went wrong, as the UI needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// The user's input is invalid; `fields` says where.
    InvalidInput,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// It conflicts with stored data (e.g. a credit code already used).
    Conflict,
    /// The database could not be read or written.
    Storage,
    /// A file the user chose could not be read or written; the message names it and `fields`
    /// holds it under `path`.
    File,
    /// A bug or an unexpected state.
    Internal,
}

/// The shape of an error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldError>,
}

/// A command failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Answers that do not fit their items (each names the item).
    #[error(transparent)]
    Answers(#[from] AnswerErrors),
    #[error(transparent)]
    Gap(#[from] GapError),
    #[error("没有内置的评估框架「{id}」{version}")]
    UnknownFramework { id: String, version: String },
    #[error("请选择适用类型：{}（收到「{found}」）", expected.join("、"))]
    UnknownVariant {
        found: String,
        expected: Vec<String>,
    },
    /// Two assessments that cannot be compared (different enterprise or framework).
    #[error("{0}")]
    NotComparable(String),
    #[error("文件路径「{path}」无效：请选择一个完整的文件位置")]
    InvalidPath { path: String },
    #[error(transparent)]
    Report(#[from] zhizhuan_report::ReportError),
    #[error("内部错误：{0}")]
    Internal(String),
    /// One answer that does not fit its item, with the value as given.
    #[error("{errors}（值 {value}）")]
    Answer { value: String, errors: AnswerErrors },
    #[error("框架中没有措施「{action}」")]
    UnknownAction { action: String },
    /// A backup name that is not in the backup folder's list.
    #[error("备份文件夹中没有「{name}」")]
    UnknownBackup { name: String },
    #[error("{field} 有 {length} 个字符，超过上限 {max}")]
    TooLong {
        field: String,
        length: usize,
        max: usize,
    },
    #[error("{what} 有 {size} 字节，超过上限 {max} 字节")]
    TooLarge {
        what: String,
        size: usize,
        max: usize,
    },
    #[error("{what}:{source}")]
    Json {
        what: String,
        source: zhizhuan_core::json::JsonError,
    },
}

impl Error {
    /// The payload sent to the UI.
    pub fn payload(&self) -> CommandError {
        let (kind, fields) = match self {
            Error::Store(StoreError::InvalidEnterprise(invalid)) => {
                (ErrorKind::InvalidInput, invalid.0.clone())
            }
            Error::Store(StoreError::DuplicateCreditCode(_)) => (
                ErrorKind::Conflict,
                vec![FieldError {
                    field: "creditCode".into(),
                    message: self.to_string(),
                }],
            ),
            Error::Store(
                StoreError::EnterpriseNotFound(_)
                | StoreError::AssessmentNotFound(_)
                | StoreError::EvidenceNotFound(_),
            ) => (ErrorKind::NotFound, vec![]),
            Error::Store(
                StoreError::AssessmentFinal(_)
                | StoreError::AssessmentNotFinal(_)
                | StoreError::AlreadyRevised { .. },
            ) => (ErrorKind::Conflict, vec![]),
            Error::Store(
                StoreError::InvalidValue { field, message, .. }
                | StoreError::InvalidMeta { field, message, .. },
            ) => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: field.clone(),
                    message: message.clone(),
                }],
            ),
            Error::Store(
                StoreError::MoveRefused { dir, .. } | StoreError::LocateRefused { dir, .. },
            ) => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: "folder".into(),
                    message: dir.display().to_string(),
                }],
            ),
            Error::Store(StoreError::Io { path, .. }) => (
                ErrorKind::File,
                vec![FieldError {
                    field: "path".into(),
                    message: format!("无法读写 {}", path.display()),
                }],
            ),
            Error::Store(StoreError::Bundle(BundleError::EnterpriseExists { .. })) => {
                (ErrorKind::Conflict, vec![])
            }
            // A refused bundle is bad input (the file), not a broken database: the message
            // locates the problem (entry, line, field) and nothing was written.
            Error::Store(StoreError::Bundle(_)) => (ErrorKind::InvalidInput, vec![]),
            Error::Store(_) => (ErrorKind::Storage, vec![]),
            Error::Answers(errors)
            | Error::Answer { errors, .. }
            | Error::Gap(GapError::Answers(errors)) => (
                ErrorKind::InvalidInput,
                errors.0.iter().map(answer_field).collect(),
            ),
            Error::Gap(GapError::UnknownTarget { .. }) => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: "target".into(),
                    message: self.to_string(),
                }],
            ),
            Error::Gap(GapError::InvalidLimit { field, message, .. }) => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: field.clone(),
                    message: message.clone(),
                }],
            ),
            Error::UnknownFramework { .. } | Error::UnknownBackup { .. } => {
                (ErrorKind::NotFound, vec![])
            }
            Error::UnknownVariant { .. } => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: "variant".into(),
                    message: self.to_string(),
                }],
            ),
            Error::NotComparable(_) => (ErrorKind::InvalidInput, vec![]),
            Error::InvalidPath { .. } => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: "path".into(),
                    message: self.to_string(),
                }],
            ),
            Error::TooLong { field, .. } => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: field.clone(),
                    message: self.to_string(),
                }],
            ),
            Error::UnknownAction { .. } => (
                ErrorKind::InvalidInput,
                vec![FieldError {
                    field: "action".into(),
                    message: self.to_string(),
                }],
            ),
            Error::TooLarge { .. } | Error::Json { .. } => (ErrorKind::InvalidInput, vec![]),
            Error::Report(_) | Error::Internal(_) => (ErrorKind::Internal, vec![]),
        };
        CommandError {
            kind,
            message: self.to_string(),
            fields,
        }
    }
}

/// An answer error as a field message: the field is the item id, so the UI puts the message
/// beside that item; errors about the whole file use `answers`.
fn answer_field(e: &AnswerError) -> FieldError {
    use AnswerError::*;
    let field = match e {
        UnknownItem { item }
        | NotForVariant { item, .. }
        | WrongShape { item, .. }
        | UnknownOption { item, .. }
        | DuplicateOption { item, .. }
        | ExclusiveCombined { item, .. }
        | NaNotAllowed { item }
        | UnknownField { item, .. }
        | MissingField { item, .. }
        | Negative { item, .. }
        | ZeroDenominator { item, .. }
        | AboveDenominator { item, .. }
        | OutsideBands { item, .. }
        | LevelAboveLadder { item, .. }
        | UnknownRequirement { item, .. }
        | RequirementNotForVariant { item, .. }
        | UnknownScale { item, .. } => item.clone(),
        WrongFramework { .. }
        | WrongVersion { .. }
        | UnknownVariant { .. }
        | VariantRequired { .. } => "answers".to_owned(),
    };
    FieldError {
        field,
        message: e.to_string(),
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use zhizhuan_core::enterprise::EnterpriseInput;

    #[test]
    fn invalid_input_serialises_with_kind_and_fields() {
        let invalid = EnterpriseInput::default().validate().unwrap_err();
        let json = serde_json::to_value(Error::from(StoreError::from(invalid))).unwrap();
        assert_eq!(json["kind"], "invalidInput");
        assert_eq!(json["fields"][0]["field"], "name");
        assert!(json["message"].as_str().unwrap().contains("需要修改"));
    }

    #[test]
    fn internal_errors_have_no_fields() {
        let json = serde_json::to_value(Error::Internal("x".into())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "internal", "message": "内部错误：x", "fields": []})
        );
    }
}
