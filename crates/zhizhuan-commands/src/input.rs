//! Limits on what a user or a file hands in: sizes, text lengths, strict JSON.

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Largest answers file, answer or bundle JSON read into memory: a whole assessment's answers
/// are some kilobytes; 58 MB of answers once produced 5 M errors and 3.5 GB of memory.
pub const JSON_MAX_BYTES: usize = 4 * 1024 * 1024;
/// Most errors listed for one file; the total is still counted.
pub const ERRORS_SHOWN: usize = 50;
/// Who answered, assessed or edited: a person's name and role.
pub const PERSON_MAX_CHARS: usize = 100;

/// Refuses `value` longer than `max` characters, naming the field.
pub fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(Error::TooLong {
            field: field.to_owned(),
            length: n,
            max,
        });
    }
    Ok(())
}

/// Parses JSON a user handed in (`what` names it in messages): at most [`JSON_MAX_BYTES`],
/// then strictly (BOM accepted, repeated keys and inexact numbers refused, located).
pub fn parse_json<T: DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T> {
    if bytes.len() > JSON_MAX_BYTES {
        return Err(Error::TooLarge {
            what: what.to_owned(),
            size: bytes.len(),
            max: JSON_MAX_BYTES,
        });
    }
    zhizhuan_core::json::parse(bytes).map_err(|source| Error::Json {
        what: what.to_owned(),
        source,
    })
}

/// The first [`ERRORS_SHOWN`] of `messages`, then how many more there were.
pub fn capped(messages: &[String]) -> String {
    let mut out: Vec<String> = messages.iter().take(ERRORS_SHOWN).cloned().collect();
    if messages.len() > ERRORS_SHOWN {
        out.push(format!(
            "……共 {} 个问题，仅列出前 {ERRORS_SHOWN} 个 ({} problems in all)",
            messages.len(),
            messages.len()
        ));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhizhuan_core::answer::AnswerValue;

    #[test]
    fn limits_each_refuse_with_their_reason() {
        assert!(check_len("name", &"厂".repeat(100), 100).is_ok());
        let err = check_len("name", &"厂".repeat(101), 100).unwrap_err();
        assert!(err.to_string().contains("101"), "{err}");
        let big = vec![b' '; JSON_MAX_BYTES + 1];
        assert!(matches!(
            parse_json::<AnswerValue>("--value", &big),
            Err(Error::TooLarge { .. })
        ));
        let v: AnswerValue = parse_json("--value", "\u{FEFF}{\"level\":2}".as_bytes()).unwrap();
        assert_eq!(v, AnswerValue::Level(2));
        let many: Vec<String> = (0..120).map(|i| format!("e{i}")).collect();
        let text = capped(&many);
        assert_eq!(text.lines().count(), ERRORS_SHOWN + 1);
        assert!(text.contains("120"));
    }
}
