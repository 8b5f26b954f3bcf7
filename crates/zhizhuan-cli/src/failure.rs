//! How a command fails: a message for the person at the terminal and an exit code for scripts.

use std::fmt;

/// A failed command. The message already says what and where (file:line, field, value).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    /// 1 for invalid input or a failed check, 2 for environment problems (unreadable files…).
    pub code: u8,
}

pub type Outcome = Result<(), Failure>;

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<zhizhuan_store::StoreError> for Failure {
    fn from(e: zhizhuan_store::StoreError) -> Failure {
        Failure::new(e.to_string())
    }
}

impl From<zhizhuan_commands::Error> for Failure {
    fn from(e: zhizhuan_commands::Error) -> Failure {
        let code = match e.payload().kind {
            zhizhuan_commands::ErrorKind::File | zhizhuan_commands::ErrorKind::Storage => 2,
            _ => 1,
        };
        Failure {
            message: e.to_string(),
            code,
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Failure {
        Failure::new(format!("JSON: {e}"))
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure {
            message: e.to_string(),
            code: 2,
        }
    }
}
