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
        let message = self.to_string();
        let (kind, fields) = match self {
            Error::Store(e) => store_payload(e, &message),
            Error::Answers(errors)
            | Error::Answer { errors, .. }
            | Error::Gap(GapError::Answers(errors)) => (
                ErrorKind::InvalidInput,
                errors.0.iter().map(answer_field).collect(),
            ),
            Error::Gap(GapError::UnknownTarget { .. }) => {
                (ErrorKind::InvalidInput, one_field("target", &message))
            }
            Error::Gap(GapError::InvalidLimit { field, message, .. }) => {
                (ErrorKind::InvalidInput, one_field(field, message))
            }
            Error::UnknownFramework { .. } | Error::UnknownBackup { .. } => {
                (ErrorKind::NotFound, vec![])
            }
            Error::UnknownVariant { .. } => {
                (ErrorKind::InvalidInput, one_field("variant", &message))
            }
            Error::InvalidPath { .. } => (ErrorKind::InvalidInput, one_field("path", &message)),
            Error::TooLong { field, .. } => (ErrorKind::InvalidInput, one_field(field, &message)),
            Error::UnknownAction { .. } => (ErrorKind::InvalidInput, one_field("action", &message)),
            Error::NotComparable(_) | Error::TooLarge { .. } | Error::Json { .. } => {
                (ErrorKind::InvalidInput, vec![])
            }
            Error::Report(_) | Error::Internal(_) => (ErrorKind::Internal, vec![]),
        };
        CommandError {
            kind,
            message,
            fields,
        }
    }
}

/// The kind and field messages of a store error; `message` is the whole error's text.
fn store_payload(e: &StoreError, message: &str) -> (ErrorKind, Vec<FieldError>) {
    match e {
        StoreError::InvalidEnterprise(invalid) => (ErrorKind::InvalidInput, invalid.0.clone()),
        StoreError::DuplicateCreditCode(_) => {
            (ErrorKind::Conflict, one_field("creditCode", message))
        }
        StoreError::EnterpriseNotFound(_)
        | StoreError::AssessmentNotFound(_)
        | StoreError::EvidenceNotFound(_) => (ErrorKind::NotFound, vec![]),
        StoreError::AssessmentFinal(_)
        | StoreError::AssessmentNotFinal(_)
        | StoreError::AlreadyRevised { .. } => (ErrorKind::Conflict, vec![]),
        StoreError::InvalidValue { field, message, .. }
        | StoreError::InvalidMeta { field, message, .. } => {
            (ErrorKind::InvalidInput, one_field(field, message))
        }
        StoreError::MoveRefused { dir, .. } | StoreError::LocateRefused { dir, .. } => (
            ErrorKind::InvalidInput,
            one_field("folder", &dir.display().to_string()),
        ),
        StoreError::Io { path, .. } => (
            ErrorKind::File,
            one_field("path", &format!("无法读写 {}", path.display())),
        ),
        StoreError::Bundle(BundleError::EnterpriseExists { .. }) => (ErrorKind::Conflict, vec![]),
        // A refused bundle is bad input (the file), not a broken database: the message
        // locates the problem (entry, line, field) and nothing was written.
        StoreError::Bundle(_) => (ErrorKind::InvalidInput, vec![]),
        _ => (ErrorKind::Storage, vec![]),
    }
}

/// A message for one field of the form.
fn one_field(field: &str, message: &str) -> Vec<FieldError> {
    vec![FieldError {
        field: field.into(),
        message: message.into(),
    }]
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
