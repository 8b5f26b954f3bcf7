//! The bundle's JSON entries are read strictly (see [`zhizhuan_core::json`]): a repeated key,
//! a number that would pass through a float, are refused with entry, line and column.

use serde::de::DeserializeOwned;

use super::BundleError;

pub(super) fn parse_json<T: DeserializeOwned>(entry: &str, raw: &[u8]) -> Result<T, BundleError> {
    zhizhuan_core::json::parse(raw).map_err(|e| BundleError::Json {
        entry: entry.to_owned(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}
