//! Located load errors: `file:line:column: field.path: message`.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One thing wrong with a definition file, located to line and column (1-based; the column
/// counts characters, so a Chinese character is one column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {field}: {message}")]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Dotted path of the field, e.g. `items[3].options[1].points`; `(TOML syntax)` for a
    /// syntax error and `(document)` for the file as a whole.
    pub field: String,
    /// What was expected and what was found.
    pub message: String,
}

/// Every error found in one file, in file order (at least one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl LoadErrors {
    /// The first error (there is always one).
    pub fn first(&self) -> Option<&LoadError> {
        self.0.first()
    }
}

/// 1-based line and character column of byte `offset` in `src` (clamped to the text).
pub(crate) fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

pub(crate) fn located(
    file: &str,
    src: &str,
    span: &Range<usize>,
    field: impl Into<String>,
    message: impl Into<String>,
) -> LoadError {
    let (line, column) = line_column(src, span.start);
    let field = field.into();
    LoadError {
        file: file.to_owned(),
        line,
        column,
        field: if field.is_empty() {
            "(document)".to_owned()
        } else {
            field
        },
        message: message.into(),
    }
}

/// Turns a TOML syntax or shape error into a located error naming the field it is about.
pub(crate) fn from_toml(file: &str, src: &str, err: &toml::de::Error) -> LoadError {
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim().to_owned();
    let Ok(doc) = DeTable::parse(src) else {
        return located(file, src, &span, "(TOML syntax)", message);
    };
    let mut path = field_at(doc.get_ref(), span.start).unwrap_or_default();
    // serde reports a missing key at its table: name the key itself in the path.
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
        return located(file, src, &span, path, "required, but missing");
    }
    located(file, src, &span, path, message)
}

fn contains(span: &Range<usize>, offset: usize) -> bool {
    span.contains(&offset) || (span.is_empty() && span.start == offset)
}

/// The dotted path of the deepest key or value whose span holds `offset`.
fn field_at(table: &DeTable<'_>, offset: usize) -> Option<String> {
    for (key, value) in table.iter() {
        if let Some(inner) = value_at(value, offset) {
            return Some(join(key.get_ref(), &inner));
        }
        if contains(&key.span(), offset) || contains(&value.span(), offset) {
            return Some(key.get_ref().to_string());
        }
    }
    None
}

/// The path below `value` (starting with `.key` or `[i]`) holding `offset`, if it is inside.
fn value_at(value: &Spanned<DeValue<'_>>, offset: usize) -> Option<String> {
    match value.get_ref() {
        DeValue::Table(t) => field_at(t, offset).map(|p| format!(".{p}")),
        DeValue::Array(a) => a.iter().enumerate().find_map(|(i, el)| {
            value_at(el, offset)
                .map(|inner| format!("[{i}]{inner}"))
                .or_else(|| contains(&el.span(), offset).then(|| format!("[{i}]")))
        }),
        _ => None,
    }
}

fn join(key: &str, inner: &str) -> String {
    format!("{key}{inner}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = "a = 1\ntitle = \"中文\" x";
        assert_eq!(line_column(src, 0), (1, 1));
        let x = src.find('x').unwrap();
        assert_eq!(line_column(src, x), (2, 14));
        assert_eq!(line_column(src, 10_000), (2, 15));
    }
}
