//! Line breaking for mixed Chinese/Latin text by character width, with kinsoku (禁则) rules.
//!
//! Chinese may break between any two characters, but closing punctuation must not start a line
//! (「，。、；：？！）》」」) and opening punctuation must not end one (「（《「」). Latin words
//! break only at spaces; a word is split mid-word only when it alone is wider than the line,
//! since the alternative would be ink outside the page.
//!
//! Some runs must also stay on one line because a reader (or a reviewer checking a subsidy
//! file) reads them as one value: a number with its unit (「12.5 万元」, 「18 个月」), a score over
//! its scale (「9.1 / 10 分」), a standard or document number (`GB/T 39116-2020`,
//! 「工信厅企业〔2024〕56号」) and a level name (「四级」, 「集成提升」). The breaker finds such
//! no-break spans ([`no_break_spans`]) and never breaks inside one unless the span alone is
//! wider than the line. Level names differ per framework, so the caller passes them
//! ([`break_lines_keeping`]).
//!
//! The breaker is independent of fonts: it takes a per-character width function, which keeps
//! it testable with simple fixed widths (see the data-driven tests in `tests/linebreak.rs` and
//! beside each span rule below).

use std::ops::Range;

/// Characters that must not begin a line.
const NO_START: &str = "，。、；：？！）》」』】〕〉］｝〗”’·…—～％‰℃,.;:?!)]}%»›・ー々ゝゞぁぃぅぇぉっゃゅょァィゥェォッャュョ";
/// Characters that must not end a line.
const NO_END: &str = "（《「『【〔〈［｛〖“‘([{«‹";

pub fn is_no_start(c: char) -> bool {
    NO_START.contains(c)
}

pub fn is_no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Characters that form a break opportunity on both sides (CJK ideographs, kana, CJK and
/// full-width punctuation). Everything else that is not whitespace belongs to a word.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF      // radicals, Kangxi
        | 0x3000..=0x30FF    // CJK punctuation, kana
        | 0x3100..=0x31FF    // bopomofo, CJK strokes, kana ext
        | 0x3200..=0x9FFF    // enclosed, compatibility, ext A, unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // supplementary ideographs
        || matches!(c, '…' | '—' | '“' | '”' | '‘' | '’' | '·')
}

/// An unbreakable run: its text and width.
#[derive(Debug)]
struct Cluster {
    text: String,
    width: f32,
}

/// Breaks `text` into lines no wider than `max_width` (as measured by `width_of`).
///
/// `\n` forces a break; runs of spaces collapse to one and vanish at line ends. Always returns
/// at least one line (possibly empty), so callers can rely on a non-zero height.
pub fn break_lines(text: &str, max_width: f32, width_of: &dyn Fn(char) -> f32) -> Vec<String> {
    break_lines_keeping(text, max_width, width_of, &[])
}

/// [`break_lines`], also keeping each of `terms` (level names and their aliases, in every
/// language the report uses) on one line wherever it occurs.
pub fn break_lines_keeping(
    text: &str,
    max_width: f32,
    width_of: &dyn Fn(char) -> f32,
    terms: &[String],
) -> Vec<String> {
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        // A span wider than the whole line breaks where its text would without it (at a
        // space, between ideographs), not at the margin.
        let mut spans = no_break_spans(hard, terms);
        spans.retain(|s| hard[s.clone()].chars().map(width_of).sum::<f32>() <= max_width + 0.01);
        break_paragraph(hard, &spans, max_width.max(0.0), width_of, &mut lines);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// One token of the input: a space (break opportunity) or an unbreakable cluster.
enum Token {
    Space,
    Cluster(Cluster),
}

/// An atom of the input: a single CJK character, a run of word characters or a run of
/// whitespace (`None`), with the byte offset it starts at.
struct Atom {
    text: Option<String>,
    start: usize,
}

fn atoms(text: &str) -> Vec<Atom> {
    let mut atoms: Vec<Atom> = Vec::new();
    let mut word = String::new();
    let mut word_start = 0;
    fn flush(word: &mut String, start: usize, atoms: &mut Vec<Atom>) {
        if !word.is_empty() {
            atoms.push(Atom {
                text: Some(std::mem::take(word)),
                start,
            });
        }
    }
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            flush(&mut word, word_start, &mut atoms);
            if !matches!(atoms.last(), Some(Atom { text: None, .. })) {
                atoms.push(Atom {
                    text: None,
                    start: i,
                });
            }
        } else if (is_cjk(c) || is_no_start(c) || is_no_end(c))
            && (!c.is_ascii() || word.is_empty())
        {
            // Latin punctuation stays inside its word ("word," "(2024)"); CJK punctuation and
            // ideographs are atoms of their own.
            flush(&mut word, word_start, &mut atoms);
            if c.is_ascii() {
                word_start = i;
                word.push(c);
            } else {
                atoms.push(Atom {
                    text: Some(c.to_string()),
                    start: i,
                });
            }
        } else {
            if word.is_empty() {
                word_start = i;
            }
            word.push(c);
        }
    }
    flush(&mut word, word_start, &mut atoms);
    atoms
}

fn tokenize(text: &str, spans: &[Range<usize>], width_of: &dyn Fn(char) -> f32) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    // Whether the next non-space atom must join the previous cluster.
    let mut glue_next = false;
    for atom in atoms(text) {
        let inside = spans
            .iter()
            .any(|s| s.start < atom.start && atom.start < s.end);
        match (atom.text, tokens.last_mut()) {
            // A space inside a no-break span is kept, as one space, in the cluster.
            (None, Some(Token::Cluster(prev))) if inside => {
                prev.text.push(' ');
                prev.width += width_of(' ');
                glue_next = true;
            }
            (None, _) => {
                glue_next = false;
                tokens.push(Token::Space);
            }
            (Some(a), last) => {
                let first = a.chars().next().unwrap_or(' ');
                let width: f32 = a.chars().map(width_of).sum();
                let joins = glue_next || inside || is_no_start(first);
                glue_next = a.chars().last().is_some_and(is_no_end);
                match last {
                    Some(Token::Cluster(prev)) if joins => {
                        prev.text.push_str(&a);
                        prev.width += width;
                    }
                    _ => tokens.push(Token::Cluster(Cluster { text: a, width })),
                }
            }
        }
    }
    tokens
}

fn break_paragraph(
    text: &str,
    spans: &[Range<usize>],
    max_width: f32,
    width_of: &dyn Fn(char) -> f32,
    lines: &mut Vec<String>,
) {
    let space_w = width_of(' ');
    let mut line = String::new();
    let mut line_w = 0.0f32;
    let mut pending_space = false;
    // Small tolerance so a line that fits exactly is not pushed over by rounding.
    let limit = max_width + 0.01;

    for token in tokenize(text, spans, width_of) {
        match token {
            Token::Space => pending_space = !line.is_empty(),
            Token::Cluster(c) => {
                let gap = if pending_space { space_w } else { 0.0 };
                if line_w + gap + c.width <= limit {
                    if pending_space {
                        line.push(' ');
                    }
                    line.push_str(&c.text);
                    line_w += gap + c.width;
                } else {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    if c.width <= limit {
                        line = c.text;
                        line_w = c.width;
                    } else {
                        // Wider than a whole line: the only case where a word is cut. It is
                        // cut after a hyphen, dot, slash or underscore where one fits, so an
                        // identifier reads `jingying.production-` / `control`, and at the
                        // margin only within a piece that is itself too wide.
                        for piece in pieces(&c.text) {
                            let piece_w: f32 = piece.chars().map(width_of).sum();
                            if line_w + piece_w <= limit {
                                line.push_str(piece);
                                line_w += piece_w;
                                continue;
                            }
                            if piece_w <= limit && !line.is_empty() {
                                lines.push(std::mem::take(&mut line));
                                line = piece.to_string();
                                line_w = piece_w;
                                continue;
                            }
                            cut(piece, limit, width_of, &mut line, &mut line_w, lines);
                        }
                    }
                }
                pending_space = false;
            }
        }
    }
    lines.push(line);
}

/// Characters after which an over-wide word may be cut (identifiers, paths, file names).
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '/' | '_')
}

/// `word` in pieces that each end after a joiner (the last piece may not). A joiner followed
/// by a mark that may not start a line stays with it.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if is_joiner(c) && next.is_some_and(|n| !is_no_start(n)) {
            let to = i + c.len_utf8();
            out.push(&word[from..to]);
            from = to;
        }
    }
    if from < word.len() {
        out.push(&word[from..]);
    }
    out
}

/// Cuts `text` at the margin, character by character, continuing `line`.
fn cut(
    text: &str,
    limit: f32,
    width_of: &dyn Fn(char) -> f32,
    line: &mut String,
    line_w: &mut f32,
    lines: &mut Vec<String>,
) {
    for ch in text.chars() {
        let w = width_of(ch);
        // Closing punctuation hangs past the margin rather than start a line (标点悬挂);
        // only text wider than a whole line gets here.
        if *line_w + w > limit && !line.is_empty() && !is_no_start(ch) {
            // An opening mark may not end the line: carry it down.
            let mut carried = String::new();
            if line.chars().count() > 1
                && line.chars().last().is_some_and(is_no_end)
                && let Some(last) = line.pop()
            {
                carried.push(last);
            }
            lines.push(std::mem::take(line));
            *line_w = carried.chars().map(width_of).sum();
            *line = carried;
        }
        line.push(ch);
        *line_w += w;
    }
}

// ---------------------------------------------------------------------------------------------
// No-break spans: runs a reader takes as one value. Each rule returns byte ranges of `text`;
// the breaker may not break strictly inside a range (its ends stay break opportunities).

/// Units that stay with the number before them (「12.5 万元」, 「18 个月」, `80.5 points`).
/// Longest first, so 「万元」 wins over 「元」 and `months` over `mo.`.
const UNITS: &[&str] = &[
    "万元", "个月", "points", "months", "actions", "action", "month", "point", "years", "year",
    "days", "pts", "mo.", "KB", "MB", "分", "%", "％", "‰", "元", "月", "年", "天", "周", "台",
    "套", "项", "个", "人", "家", "次", "页", "倍",
];

/// All no-break spans of `text` (one paragraph): the rules' ranges, overlapping ones merged
/// (「9.1 / 10」 and 「10 分」 become 「9.1 / 10 分」), in order.
pub fn no_break_spans(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    let mut spans = number_with_unit(text);
    spans.extend(fraction(text));
    spans.extend(designation(text));
    spans.extend(document_number(text));
    spans.extend(term_spans(text, terms));
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

/// Characters of a figure once it has started: digits and the marks inside numbers and ranges
/// (`1,300,000`, `0.5–2`, `39116-2020`).
fn is_figure_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '–' | '~' | '～' | ':')
}

/// The figure starting at byte `i` (a digit not preceded by a letter or digit): its end, after
/// the last digit.
fn figure_at(text: &str, i: usize) -> Option<usize> {
    let before = text[..i].chars().next_back();
    if !text[i..].starts_with(|c: char| c.is_ascii_digit())
        || before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return None;
    }
    // End after the last digit, so a figure never takes a trailing 「.」 or 「,」.
    text[i..]
        .char_indices()
        .take_while(|&(_, c)| is_figure_char(c))
        .filter(|&(_, c)| c.is_ascii_digit())
        .last()
        .map(|(j, c)| i + j + c.len_utf8())
}

/// After byte `i`: at most one space, then `pattern`; the byte after the match.
fn after_space(text: &str, i: usize, pattern: impl Fn(&str) -> Option<usize>) -> Option<usize> {
    let rest = &text[i..];
    let skip = if rest.starts_with(' ') { 1 } else { 0 };
    pattern(&rest[skip..]).map(|n| i + skip + n)
}

/// Rule: a number and the unit after it, with or without a space: 「12.5 万元」, 「60%」,
/// 「18 个月」, `80.5 points`. An English unit must end its word (`2 monthsx` is no unit).
fn number_with_unit(text: &str) -> Vec<Range<usize>> {
    let unit = |rest: &str| {
        UNITS.iter().find_map(|u| {
            let after = rest.strip_prefix(u)?;
            let word_goes_on = u.is_ascii()
                && u.ends_with(|c: char| c.is_ascii_alphabetic())
                && after.starts_with(|c: char| c.is_ascii_alphanumeric());
            (!word_goes_on).then_some(u.len())
        })
    };
    text.char_indices()
        .filter_map(|(i, _)| {
            let end = figure_at(text, i)?;
            after_space(text, end, unit).map(|u| i..u)
        })
        .collect()
}

/// Rule: a fraction `a / b` (a score over its scale, 「9.1 / 10」, `3/4`).
fn fraction(text: &str) -> Vec<Range<usize>> {
    text.char_indices()
        .filter_map(|(i, _)| {
            let a = figure_at(text, i)?;
            let slash = after_space(text, a, |r| r.starts_with('/').then_some(1))?;
            let b = after_space(text, slash, |r| {
                let start = text.len() - r.len();
                figure_at(text, start).map(|e| e - start)
            })?;
            Some(i..b)
        })
        .collect()
}

/// Rule: a designation and its number, `GB/T 39116-2020`, `ISO 9001`, `CNY 250,000`: a Latin
/// token with at least two capitals (or a slash), one space, a token starting with a digit.
fn designation(text: &str) -> Vec<Range<usize>> {
    let is_code = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.');
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        if is_code(c) {
            continue;
        }
        let token = &text[from..i];
        let capitals = token.chars().filter(char::is_ascii_uppercase).count();
        let starts_word = token.starts_with(|c: char| c.is_ascii_alphabetic());
        if c == ' ' && starts_word && (capitals >= 2 || token.contains('/')) {
            let rest = &text[i + 1..];
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                let n: usize = rest
                    .chars()
                    .take_while(|&c| is_code(c) || is_figure_char(c))
                    .map(char::len_utf8)
                    .sum();
                out.push(from..i + 1 + n);
            }
        }
        from = i + c.len_utf8();
    }
    out
}

/// Rule: a Chinese document number, 「工信厅企业〔2024〕56号」: 〔year〕number号 with the issuer's
/// abbreviation before it (up to five ideographs; the abbreviation has no separator of its own,
/// so five is a bound, not a parse).
fn document_number(text: &str) -> Vec<Range<usize>> {
    let ideograph = |c: char| matches!(c as u32, 0x3400..=0x9FFF);
    let mut out = Vec::new();
    for (i, _) in text.match_indices('〔') {
        let rest = &text[i + '〔'.len_utf8()..];
        let year: usize = rest.chars().take_while(char::is_ascii_digit).count();
        let Some(after_year) = rest[year..].strip_prefix('〕') else {
            continue;
        };
        let no: usize = after_year.chars().take_while(char::is_ascii_digit).count();
        if year == 0 || no == 0 || !after_year[no..].starts_with('号') {
            continue;
        }
        let end = text.len() - after_year.len() + no + '号'.len_utf8();
        let start = text[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| ideograph(c))
            .take(5)
            .last()
            .map_or(i, |(j, _)| j);
        out.push(start..end);
    }
    out
}

/// Rule: every occurrence of a caller's term (a level name or alias: 「四级」, 「集成提升」,
/// `Level 4`).
fn term_spans(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    terms
        .iter()
        .filter(|t| t.chars().count() > 1)
        .flat_map(|t| text.match_indices(t.as_str()).map(|(i, m)| i..i + m.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(c: char) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        assert_eq!(break_lines("", 10.0, &w), vec![String::new()]);
    }

    #[test]
    fn zero_width_does_not_loop_forever() {
        let lines = break_lines("中文abc", 0.0, &w);
        assert_eq!(lines.concat(), "中文abc");
    }
    /// (input, line width, expected lines joined with " | "), with the caller's terms.
    type Case = (&'static str, f32, &'static str);

    fn check(cases: &[Case], terms: &[&str]) {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|(input, width, want)| {
                let got = break_lines_keeping(input, *width, &w, &terms).join(" | ");
                (got != *want).then(|| format!("{input:?} @ {width}: got {got:?}, want {want:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn a_number_keeps_its_unit() {
        check(
            &[
                ("费用 12.5 万元", 5.0, "费用 | 12.5 万元"),
                ("合计18个月完成", 3.0, "合计 | 18个月 | 完成"),
                ("约 25–130 万元", 6.0, "约 | 25–130 万元"),
                ("about 18 months", 5.0, "about | 18 months"),
                ("scored 80.5 points", 6.0, "scored | 80.5 points"),
                // A unit must end its word: `pointsx` is no unit, so the number may part.
                ("scored 80.5 pointsx", 6.0, "scored 80.5 | pointsx"),
                // A span wider than the line is still cut, at the margin.
                ("12.5 万元", 3.0, "12.5 | 万元"),
            ],
            &[],
        );
    }

    #[test]
    fn a_fraction_stays_whole() {
        check(
            &[
                ("得分 9.1 / 10", 4.0, "得分 | 9.1 / 10"),
                // With its unit, the fraction and 「10 分」 merge into one span.
                ("总分 9.1 / 10 分", 6.0, "总分 | 9.1 / 10 分"),
                ("比值 13 / 20 达标", 4.5, "比值 | 13 / 20 | 达标"),
            ],
            &[],
        );
    }

    #[test]
    fn a_designation_keeps_its_number() {
        check(
            &[
                (
                    "依据 GB/T 39116-2020 评估",
                    8.0,
                    "依据 | GB/T 39116-2020 | 评估",
                ),
                ("amount CNY 250,000", 6.0, "amount | CNY 250,000"),
                // One capital is a word, not a designation.
                ("In 2024 we", 2.5, "In | 2024 | we"),
            ],
            &[],
        );
    }

    #[test]
    fn a_document_number_stays_whole() {
        check(
            &[
                (
                    "依据工信厅企业〔2024〕56号执行",
                    12.0,
                    "依据 | 工信厅企业〔2024〕56号执 | 行",
                ),
                // No 号: not a document number, the usual rules apply.
                (
                    "依据工信厅企业〔2024〕56执行",
                    12.0,
                    "依据工信厅企业〔2024〕56 | 执行",
                ),
            ],
            &[],
        );
    }

    #[test]
    fn a_level_name_from_the_callers_list_stays_whole() {
        check(
            &[
                ("当前等级为四级", 6.0, "当前等级为 | 四级"),
                ("达到集成提升阶段", 5.0, "达到 | 集成提升阶 | 段"),
                ("reaches Level 4 soon", 7.0, "reaches | Level 4 soon"),
                ("仍未达一级", 4.0, "仍 | 未达一级"),
                // Wider than the line: cut rather than overflow.
                ("未达一级", 1.0, "未 | 达 | 一 | 级"),
            ],
            &["四级", "集成提升", "Level 4", "未达一级"],
        );
        // Without the list the same names may break.
        check(&[("当前等级为四级", 6.0, "当前等级为四 | 级")], &[]);
    }

    #[test]
    fn overlapping_spans_merge_and_touching_ones_do_not() {
        let text = "9.1 / 10 分";
        assert_eq!(no_break_spans(text, &[]), vec![0..text.len()]);
        let text = "四级60%";
        let terms = ["四级".to_string()];
        assert_eq!(no_break_spans(text, &terms), vec![0..6, 6..9]);
    }
}
