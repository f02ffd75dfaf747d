//! Sentence splitter over tokens.
//!
//! A sentence ends:
//!
//! - at a paragraph break (a blank line), always;
//! - after `.`, `!`, `?`, `…` or `...` — together with any closing quotes or brackets
//!   attached to it (`."`, `?)`) — when the next token does not begin in lower case
//!   (`"Why?" he asked` stays one sentence);
//! - after an abbreviation that may end a sentence (`Inc.`, `U.S.`, an initial) only
//!   when the next word is a typical sentence opener (`... in the U.S. The ...`);
//!   titles (`Gen.`) and months (`Jan.`) never end one.

use dyad_doc::{SentenceData, Span, TokenData};

use super::lexicon::{AbbrevClass, Lexicon};

/// Group `tokens` of `text` into sentences.
pub fn split(text: &str, tokens: &[TokenData], lex: &Lexicon) -> Vec<SentenceData> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let last = sentence_end(text, tokens, i, lex);
        if let Some(last) = last {
            out.push(SentenceData {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                tokens: first..last + 1,
            });
            first = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// If a sentence ends at token `i` (or at the closing quotes and brackets stuck to
/// it), the index of its last token.
fn sentence_end(text: &str, tokens: &[TokenData], i: usize, lex: &Lexicon) -> Option<usize> {
    let tok = |j: usize| &text[tokens[j].span.range()];
    let gap = |j: usize| &text[tokens[j].span.end..tokens[j + 1].span.start];
    if i + 1 == tokens.len() || gap(i).contains("\n\n") {
        return Some(i);
    }
    let strength = terminal(tok(i), lex);
    if matches!(strength, Terminal::No) {
        return None;
    }
    let mut last = i;
    while last + 1 < tokens.len() && gap(last).is_empty() && is_closing(tok(last + 1)) {
        last += 1;
    }
    // A citation mark after the stop belongs to the sentence it cites: `... 1805. [6]`.
    if last + 3 < tokens.len()
        && tok(last + 1) == "["
        && tok(last + 3) == "]"
        && !gap(last).contains('\n')
        && tok(last + 2).chars().all(|c| c.is_ascii_digit())
    {
        last += 3;
    }
    if last + 1 == tokens.len() || gap(last).contains("\n\n") {
        return Some(last);
    }
    let follower = tok(last + 1);
    if follower.starts_with([',', ';', ':', ')', ']', '}', '%']) {
        return None;
    }
    let next = next_word(text, tokens, last + 1);
    let lower_next = next.starts_with(char::is_lowercase);
    let ends = match strength {
        Terminal::Period => true,
        Terminal::Question => !(lower_next && last > i),
        Terminal::Ellipsis => !lower_next,
        Terminal::Abbreviation => next.is_empty() || lex.is_sentence_starter(next),
        Terminal::No => false,
    };
    ends.then_some(last)
}

enum Terminal {
    No,
    /// A full stop split off its word: ends the sentence whatever follows.
    Period,
    /// `!` or `?`: ends it unless a closing quote and a lower-case word follow
    /// (`"Why?" he asked`).
    Question,
    /// `...` or `…`: ends it unless a lower-case word continues.
    Ellipsis,
    /// A word ending in a period that may or may not end the sentence.
    Abbreviation,
}

fn terminal(t: &str, lex: &Lexicon) -> Terminal {
    if t == "." {
        return Terminal::Period;
    }
    if t == "\u{2026}" || t.starts_with("..") {
        return Terminal::Ellipsis;
    }
    if !t.is_empty() && t.chars().all(|c| c == '!' || c == '?') {
        return Terminal::Question;
    }
    let Some(word) = t.strip_suffix('.') else {
        return Terminal::No;
    };
    match lex.abbreviation(word) {
        Some(AbbrevClass::Title | AbbrevClass::Month | AbbrevClass::Number) => Terminal::No,
        Some(AbbrevClass::Other) | None => Terminal::Abbreviation,
    }
}

fn is_closing(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "\u{201D}" | "\u{2019}" | ")" | "]" | "}" | "\u{BB}"
    )
}

/// The first word-like token at or after `i` (skipping opening quotes and brackets),
/// or "" when there is none.
fn next_word<'t>(text: &'t str, tokens: &[TokenData], i: usize) -> &'t str {
    tokens[i..]
        .iter()
        .take(3)
        .map(|t| &text[t.span.range()])
        .find(|t| t.chars().any(char::is_alphanumeric))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use crate::segment::segment;

    fn sents(s: &str) -> Vec<&str> {
        segment(s)
            .sentences
            .iter()
            .map(|x| &s[x.span.range()])
            .collect()
    }

    #[test]
    fn basic_and_abbreviations() {
        assert_eq!(
            sents("Gen. Smith met Sen. Jones on Jan. 5. They talked."),
            ["Gen. Smith met Sen. Jones on Jan. 5.", "They talked."]
        );
        assert_eq!(
            sents("He moved to the U.S. The move was quick. The U.S. Army agreed."),
            [
                "He moved to the U.S.",
                "The move was quick.",
                "The U.S. Army agreed."
            ]
        );
        assert_eq!(
            sents("It is No. 10 on the list. Done."),
            ["It is No. 10 on the list.", "Done."]
        );
        assert_eq!(
            sents("Shares of Acme Inc. rose 3.5% at 9 a.m. on Monday."),
            ["Shares of Acme Inc. rose 3.5% at 9 a.m. on Monday."]
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            sents("\"We will fight,\" he said. \"We will win.\" Then he left."),
            [
                "\"We will fight,\" he said.",
                "\"We will win.\"",
                "Then he left."
            ]
        );
        assert_eq!(sents("\"Why?\" he asked."), ["\"Why?\" he asked."]);
        assert_eq!(
            sents("\u{201C}It is over.\u{201D} She left\u{2026} Nobody followed."),
            [
                "\u{201C}It is over.\u{201D}",
                "She left\u{2026}",
                "Nobody followed."
            ]
        );
    }

    #[test]
    fn citations_and_lower_case_starts() {
        assert_eq!(
            sents("He stayed until 1805. [6] He then left. see you. Why? he asked."),
            [
                "He stayed until 1805. [6]",
                "He then left.",
                "see you.",
                "Why?",
                "he asked."
            ]
        );
        assert_eq!(
            sents("Use a pen (e.g. The Pilot) here."),
            ["Use a pen (e.g. The Pilot) here."]
        );
    }

    #[test]
    fn paragraphs_always_break() {
        assert_eq!(
            sents("A headline without a stop\n\nThe body starts"),
            ["A headline without a stop", "The body starts"]
        );
        assert_eq!(sents(""), Vec::<&str>::new());
    }
}
