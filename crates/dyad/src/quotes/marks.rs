//! Pairing quotation marks into quoted stretches of text.
//!
//! Curly marks say which way they face; a straight `"` is read from its context
//! (space or punctuation on one side, a word on the other) and from whether a quote
//! is open. A quote still open at the end of a paragraph continues into the next
//! one when that paragraph starts with an opening mark (the news convention for
//! long quotes); otherwise it ends with its paragraph. A stray closing mark is
//! ignored. Nothing panics on unbalanced marks, and no quoted text is lost.

use dyad_doc::Span;

/// One quoted stretch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The text between the marks, trimmed of spaces.
    pub content: Span,
    /// Byte offset of the closing mark; `None` when the quote was never closed
    /// (it then ends with its paragraph or the text).
    pub close: Option<usize>,
    /// Runs over more than one paragraph.
    pub paragraphs: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Facing {
    Open,
    Close,
    Either,
}

fn facing(c: char) -> Option<Facing> {
    match c {
        '\u{201C}' | '\u{201E}' | '\u{AB}' => Some(Facing::Open),
        '\u{201D}' | '\u{BB}' => Some(Facing::Close),
        '"' => Some(Facing::Either),
        _ => None,
    }
}

fn is_opening_side(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/' | ':'
            )
            || facing(c).is_some()
    })
}

fn is_closing_side(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '\u{2026}'
                    | '\''
                    | '\u{2019}'
            )
            || facing(c).is_some()
    })
}

/// Byte offsets where paragraphs start: after each blank line, or after each line
/// break in a text that has no blank lines.
pub fn paragraph_starts(text: &str) -> Vec<usize> {
    let sep = if text.contains("\n\n") { "\n\n" } else { "\n" };
    let mut out = vec![0];
    out.extend(text.match_indices(sep).map(|(i, s)| i + s.len()));
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let s = text.get(start..end)?;
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (a, b) = (start + lead, end - trail);
    (a < b).then(|| Span::new(a, b))
}

/// Every quoted stretch of `text`, in order.
pub fn find(text: &str) -> Vec<Quoted> {
    let paras = paragraph_starts(text);
    // Where each paragraph's text ends (before its separator).
    let para_end = |p: usize| -> usize {
        match paras.get(p + 1) {
            Some(&next) => text[..next].trim_end().len(),
            None => text.len(),
        }
    };
    let marks: Vec<(usize, char, Facing)> = text
        .char_indices()
        .filter_map(|(i, c)| facing(c).map(|f| (i, c, f)))
        .collect();
    let mut out = Vec::new();
    // (opening mark, content start, paragraphs so far)
    let mut open: Option<(usize, usize, usize)> = None;
    let mut para = 0;
    let mut skip_mark: Option<usize> = None;
    let mut k = 0;
    let push =
        |out: &mut Vec<Quoted>, o: (usize, usize, usize), end: usize, close: Option<usize>| {
            if let Some(content) = trimmed(text, o.1, end) {
                out.push(Quoted {
                    open: o.0,
                    content,
                    close,
                    paragraphs: o.2,
                });
            }
        };
    loop {
        let next_mark = marks.get(k).map(|m| m.0);
        let next_para = paras.get(para + 1).copied();
        // A paragraph break comes first.
        if let Some(np) = next_para {
            if next_mark.is_none_or(|m| m >= np) {
                if let Some(o) = open {
                    let first = text[np..].trim_start();
                    let first_pos = np + (text.len() - np - first.len());
                    let opens = first.chars().next().and_then(facing).is_some_and(|f| {
                        f != Facing::Close
                            && !is_closing_side(
                                first[first.chars().next().map_or(1, char::len_utf8)..]
                                    .chars()
                                    .next(),
                            )
                    });
                    if opens {
                        open = Some((o.0, o.1, o.2 + 1));
                        skip_mark = Some(first_pos);
                    } else {
                        push(&mut out, o, para_end(para), None);
                        open = None;
                    }
                }
                para += 1;
                continue;
            }
        }
        let Some(&(pos, c, f)) = marks.get(k) else {
            break;
        };
        k += 1;
        if skip_mark == Some(pos) {
            skip_mark = None;
            continue;
        }
        let before = text[..pos].chars().next_back();
        let after = text[pos + c.len_utf8()..].chars().next();
        let opening_context = is_opening_side(before) && !after.is_some_and(char::is_whitespace);
        let closing_context = is_closing_side(after) && !before.is_some_and(char::is_whitespace);
        let content_start = pos + c.len_utf8();
        match (open, f) {
            (None, Facing::Open) => open = Some((pos, content_start, 1)),
            (None, Facing::Either) => {
                if opening_context || !closing_context {
                    open = Some((pos, content_start, 1));
                }
            }
            (None, Facing::Close) => {
                // A closing mark used as an opener (bad conversion): `”Yes”`.
                if opening_context && !closing_context {
                    open = Some((pos, content_start, 1));
                }
            }
            (Some(o), Facing::Open) => {
                // An opening mark inside a quote: the previous one lost its closing
                // mark. End it here and start again.
                push(&mut out, o, pos, None);
                open = Some((pos, content_start, 1));
            }
            (Some(o), Facing::Either) => {
                if opening_context && !closing_context && pos > o.1 {
                    push(&mut out, o, pos, None);
                    open = Some((pos, content_start, 1));
                } else {
                    push(&mut out, o, pos, Some(pos));
                    open = None;
                }
            }
            (Some(o), Facing::Close) => {
                push(&mut out, o, pos, Some(pos));
                open = None;
            }
        }
    }
    if let Some(o) = open {
        push(&mut out, o, para_end(paras.len() - 1), None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| q.content.slice(text)).collect()
    }

    #[test]
    fn straight_and_curly() {
        let t = "\"We will win,\" she said. He called it a \u{201C}farce\u{201D}.";
        assert_eq!(contents(t), ["We will win,", "farce"]);
        let q = &find(t)[0];
        assert_eq!((q.open, q.close), (0, Some(13)));
    }

    #[test]
    fn quote_continues_into_a_paragraph_that_opens_with_a_mark() {
        let t = "\"First part.\n\n\"Second part,\" he said.\n\nNext.";
        let q = find(t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].content.slice(t), "First part.\n\n\"Second part,");
        assert_eq!(q[0].paragraphs, 2);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let t = "He said \"this never ends\n\nA new paragraph. \"Closed,\" she said.";
        assert_eq!(contents(t), ["this never ends", "Closed,"]);
        assert_eq!(find(t)[0].close, None);
        // Unbalanced marks at the very end: no panic, text kept.
        assert_eq!(contents("Odd \u{201C}mark"), ["mark"]);
        assert_eq!(contents("\u{201D} stray \u{201D}"), Vec::<&str>::new());
        assert_eq!(contents("\"\""), Vec::<&str>::new());
        assert_eq!(contents("\u{201C}\u{201C}a"), ["a"]);
    }

    #[test]
    fn opening_mark_inside_a_quote_restarts() {
        let t = "\u{201C}One two \u{201C}Three four\u{201D} end";
        assert_eq!(contents(t), ["One two", "Three four"]);
    }

    #[test]
    fn single_line_breaks_are_paragraphs_only_without_blank_lines() {
        assert_eq!(paragraph_starts("a\nb\n\nc"), [0, 5]);
        assert_eq!(paragraph_starts("a\nb"), [0, 2]);
    }
}
