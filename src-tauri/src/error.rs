//! The one error type every command returns.
//!
//! It serialises as `{kind, message, fields}` so the UI can branch on `kind` (never on the
//! message text) and put each field message beside its input.

use serde::{Serialize, Serializer};
use ts_rs::TS;
use zhizhuan_core::enterprise::FieldError;
use zhizhuan_store::StoreError;

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
    #[error("内部错误：{0}")]
    Internal(String),
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
                vec![FieldError { field: "creditCode".into(), message: self.to_string() }],
            ),
            Error::Store(StoreError::EnterpriseNotFound(_)) => (ErrorKind::NotFound, vec![]),
            Error::Store(_) => (ErrorKind::Storage, vec![]),
            Error::Internal(_) => (ErrorKind::Internal, vec![]),
        };
        CommandError { kind, message: self.to_string(), fields }
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
        assert_eq!(json, serde_json::json!({"kind": "internal", "message": "内部错误：x", "fields": []}));
    }
}
