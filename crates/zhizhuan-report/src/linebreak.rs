//! Line breaking for mixed Chinese/Latin text by character width, with kinsoku (禁则) rules.
//!
//! Chinese may break between any two characters, but closing punctuation must not start a line
//! (「，。、；：？！）》」」) and opening punctuation must not end one (「（《「」). Latin words
//! break only at spaces; a word is split mid-word only when it alone is wider than the line,
//! since the alternative would be ink outside the page.
//!
//! The breaker is independent of fonts: it takes a per-character width function, which keeps
//! it testable with simple fixed widths (see the data-driven tests in `tests/linebreak.rs`).

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
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        break_paragraph(hard, max_width.max(0.0), width_of, &mut lines);
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

fn tokenize(text: &str, width_of: &dyn Fn(char) -> f32) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    // Whether the next non-space atom must join the previous cluster.
    let mut glue_next = false;
    let mut word = String::new();

    // Atoms: a single CJK character, or a run of word characters.
    let mut atoms: Vec<Option<String>> = Vec::new(); // None = whitespace
    for c in text.chars() {
        if c.is_whitespace() {
            if !word.is_empty() {
                atoms.push(Some(std::mem::take(&mut word)));
            }
            if !matches!(atoms.last(), Some(None)) {
                atoms.push(None);
            }
        } else if is_cjk(c) || is_no_start(c) || is_no_end(c) {
            // Latin punctuation stays inside its word ("word," "(2024)"); CJK punctuation and
            // ideographs are atoms of their own.
            if !c.is_ascii() || word.is_empty() {
                if !word.is_empty() {
                    atoms.push(Some(std::mem::take(&mut word)));
                }
                if c.is_ascii() {
                    word.push(c);
                } else {
                    atoms.push(Some(c.to_string()));
                }
            } else {
                word.push(c);
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        atoms.push(Some(word));
    }

    for atom in atoms {
        match atom {
            None => {
                glue_next = false;
                tokens.push(Token::Space);
            }
            Some(a) => {
                let first = a.chars().next().unwrap_or(' ');
                let last = a.chars().last().unwrap_or(' ');
                let width: f32 = a.chars().map(width_of).sum();
                let joins = glue_next || is_no_start(first);
                match tokens.last_mut() {
                    Some(Token::Cluster(prev)) if joins => {
                        prev.text.push_str(&a);
                        prev.width += width;
                    }
                    _ => tokens.push(Token::Cluster(Cluster { text: a, width })),
                }
                glue_next = is_no_end(last);
            }
        }
    }
    tokens
}

fn break_paragraph(
    text: &str,
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

    for token in tokenize(text, width_of) {
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
}
