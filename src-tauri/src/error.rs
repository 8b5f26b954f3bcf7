//! The one error type every command returns: the command layer's
//! ([`zhizhuan_commands::error`]), serialised as `{kind, message, fields}` so the UI can branch
//! on `kind` (never on the message text) and put each field message beside its input.

pub use zhizhuan_commands::error::*;
