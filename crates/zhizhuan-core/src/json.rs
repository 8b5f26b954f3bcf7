//! Strict JSON for files a person or another program wrote (answers files, bundles): a UTF-8
//! byte-order mark is accepted, a key given twice in one object is refused (serde would keep
//! the last silently: 45 points instead of 40), and every number with a fraction or exponent
//! is read from its own text, so `10.0000000000000001` is refused as too precise instead of
//! passing through a binary float as exactly 10.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::decimal::Decimal;

/// A located problem: `line:column: message` (1-based, as editors count).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> JsonError {
        JsonError {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }
}

/// Parses `bytes` as `T` with the rules above.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_numbers(bytes)?;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    <Unique as de::Deserialize>::deserialize(&mut de)?;
    de.end()?;
    Ok(serde_json::from_slice(bytes)?)
}

/// Walks every value and refuses an object with a repeated key.
struct Unique;

impl<'de> de::Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        d.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "duplicate key \"{key}\" (键「{key}」重复)"
                )));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

/// Finds every number literal outside strings; one with a fraction or an exponent must be an
/// exact [`Decimal`] (at most four places, no exponent).
fn check_numbers(bytes: &[u8]) -> Result<(), JsonError> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            // Skip the string, escapes included, to its closing quote.
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
        } else if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i + 1 < bytes.len()
                && matches!(bytes[i + 1], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
            {
                i += 1;
            }
            let text = String::from_utf8_lossy(&bytes[start..=i]);
            let fractional = text.contains(['.', 'e', 'E']);
            if fractional && text.parse::<Decimal>().is_err() {
                let (line, column) = position(bytes, start);
                return Err(JsonError {
                    line,
                    column,
                    message: format!(
                        "number {text} cannot be read exactly: at most four decimal places, no exponent (数字 {text} 无法精确读取：最多四位小数，不用指数)"
                    ),
                });
            }
        }
        i += 1;
    }
    Ok(())
}

/// The 1-based line and column (in characters, as editors count) of byte `at`.
fn position(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    (
        line,
        1 + String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    type Map = BTreeMap<String, serde_json::Value>;
    /// The keys read, or where the refusal points (line, column) and a word of its message.
    type Expected = Result<usize, (usize, usize, &'static str)>;

    #[test]
    fn strict_rules_each_case() {
        // (input, Ok(keys) or Err(line:column and a word of the message)). A duplicate key is
        // located where serde_json stops reading it: its closing quote (`{"a": 1, "a"` puts the
        // second key's quotes at columns 10 and 12; line 2 ` "n"` at columns 2 and 4).
        let cases: [(&str, Expected); 9] = [
            (r#"{"a": 1, "b": 2}"#, Ok(2)),
            ("\u{FEFF}{\"a\": 1}", Ok(1)),
            (r#"{"a": 1, "a": 2}"#, Err((1, 12, "duplicate key \"a\""))),
            (
                "{\"x\": {\"n\": 1,\n \"n\": 1}}",
                Err((2, 4, "duplicate key \"n\"")),
            ),
            (
                r#"{"a": 10.0000000000000001}"#,
                Err((1, 7, "cannot be read exactly")),
            ),
            (r#"{"a": 1e2}"#, Err((1, 7, "cannot be read exactly"))),
            // Columns count characters, not bytes: the number is the 19th character
            // ({ " 备 注 " : _ " \ " " , _ " b " : _ 0).
            (
                "{\"备注\": \"\\\"\", \"b\": 0.12345}",
                Err((1, 19, "cannot be read exactly")),
            ),
            (
                r#"{"a": "10.0000000000000001 in a string is text here", "b": 2.5}"#,
                Ok(2),
            ),
            (
                r#"{"a": "quote \" and 1.00000001 inside", "b": -0.25}"#,
                Ok(2),
            ),
        ];
        for (text, expected) in cases {
            let got = parse::<Map>(text.as_bytes());
            match (got, expected) {
                (Ok(m), Ok(n)) => assert_eq!(m.len(), n, "{text}"),
                (Err(e), Err((line, column, word))) => {
                    assert_eq!((e.line, e.column), (line, column), "{text}: {e}");
                    assert!(e.message.contains(word), "{text}: {e}");
                }
                (got, _) => panic!("{text}: got {got:?}"),
            }
        }
    }
}
