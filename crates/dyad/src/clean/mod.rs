//! Clean: normalise an article's raw text while keeping a map back to it.
//!
//! Reads raw text; produces the cleaned text every later span points into, plus an
//! [`Alignment`] from cleaned to raw offsets. What it does:
//!
//! - line ends `\r\n`/`\r` become `\n`; a blank line (or several) becomes one `"\n\n"`
//!   paragraph break; a single line break stays `\n`;
//! - runs of spaces, tabs and Unicode spaces (NBSP, thin space, ...) become one space;
//!   lines are trimmed, and so is the whole text;
//! - soft hyphens, zero-width characters, byte-order marks and control characters
//!   are removed;
//! - HTML character references (`&amp;`, `&rsquo;`, `&#8212;`) are decoded;
//! - words not in Unicode NFC are composed.
//!
//! Curly quotes, dashes and ellipses are kept as they are: later stages recognise them.

mod entities;

use dyad_doc::{Alignment, AlignmentBuilder};
use unicode_normalization::UnicodeNormalization;

/// Text after cleaning, with its map back to the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    /// The cleaned text.
    pub text: String,
    /// Cleaned → raw offsets.
    pub alignment: Alignment,
}

/// Characters removed wherever they occur.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    ) || (c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Normalise `raw`; see the module documentation for what changes.
pub fn normalize(raw: &str) -> Cleaned {
    let mut out = String::with_capacity(raw.len());
    let mut al = AlignmentBuilder::new();
    let mut i = 0;
    while i < raw.len() {
        // A run of whitespace (and invisible characters), counting line breaks.
        let ws_start = i;
        let mut newlines = 0;
        let mut prev_cr = false;
        for c in raw[i..].chars() {
            if !is_space(c) {
                break;
            }
            match c {
                '\r' => newlines += 1,
                '\n' if !prev_cr => newlines += 1,
                _ => {}
            }
            prev_cr = c == '\r';
            i += c.len_utf8();
        }
        let chunk_start = i;
        while let Some(c) = raw[i..].chars().next() {
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        if chunk_start == i {
            // Trailing whitespace: removed.
            al.changed(ws_start, chunk_start - ws_start, 0);
            break;
        }
        let sep = match (out.is_empty(), newlines) {
            (true, _) => "",
            (false, 0) => " ",
            (false, 1) => "\n",
            _ => "\n\n",
        };
        if &raw[ws_start..chunk_start] == sep {
            al.same(ws_start, sep.len());
        } else {
            al.changed(ws_start, chunk_start - ws_start, sep.len());
        }
        out.push_str(sep);
        clean_chunk(raw, chunk_start, i, &mut out, &mut al);
    }
    debug_assert_eq!(al.clean_len(), out.len());
    Cleaned {
        text: out,
        alignment: al.finish(),
    }
}

/// Clean one whitespace-free chunk `raw[start..end]` onto `out`.
fn clean_chunk(raw: &str, start: usize, end: usize, out: &mut String, al: &mut AlignmentBuilder) {
    let out_start = out.len();
    let mut same_from = start;
    let mut j = start;
    while j < end {
        let rest = &raw[j..end];
        let c = rest.chars().next().unwrap_or(' ');
        let replacement: Option<(Option<char>, usize)> = if is_invisible(c) {
            Some((None, c.len_utf8()))
        } else if c == '&' {
            entities::decode(rest)
                .map(|(ch, n)| (Some(if ch.is_whitespace() { ' ' } else { ch }), n))
        } else {
            None
        };
        match replacement {
            Some((ch, n)) => {
                out.push_str(&raw[same_from..j]);
                al.same(same_from, j - same_from);
                let before = out.len();
                if let Some(ch) = ch.filter(|&ch| !is_invisible(ch)) {
                    out.push(ch);
                }
                al.changed(j, n, out.len() - before);
                j += n;
                same_from = j;
            }
            None => j += c.len_utf8(),
        }
    }
    out.push_str(&raw[same_from..end]);
    al.same(same_from, end - same_from);
    let chunk = &out[out_start..];
    if !chunk.is_ascii() && !unicode_normalization::is_nfc(chunk) {
        let composed: String = chunk.nfc().collect();
        out.truncate(out_start);
        out.push_str(&composed);
        al.rewrite_from(out_start, start, end - start, composed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::Span;

    fn clean(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn whitespace_and_paragraphs() {
        assert_eq!(clean("  a \t b  \r\nc\r\n\r\n\r\n d  "), "a b\nc\n\nd");
        assert_eq!(clean("a\u{A0}\u{2009}b"), "a b");
        assert_eq!(clean("a\n   \nb"), "a\n\nb");
        assert_eq!(clean(""), "");
        assert_eq!(clean(" \n\t "), "");
    }

    #[test]
    fn invisible_characters_and_entities() {
        assert_eq!(clean("\u{FEFF}dis\u{AD}cuss"), "discuss");
        assert_eq!(
            clean("AT&amp;T &lt;b&gt; it&#8217;s"),
            "AT&T <b> it\u{2019}s"
        );
        assert_eq!(clean("a&nbsp;b"), "a b");
        assert_eq!(clean("R&D & more"), "R&D & more");
        assert_eq!(clean("a\u{7}b"), "ab");
    }

    #[test]
    fn quotes_and_dashes_are_kept() {
        let s = "\u{201C}No,\u{201D} he said \u{2014} twice\u{2026}";
        assert_eq!(clean(s), s);
    }

    #[test]
    fn nfc_composition() {
        assert_eq!(clean("Pe\u{301}rez said"), "P\u{E9}rez said");
    }

    #[test]
    fn alignment_points_back_at_the_source() {
        let raw = " \u{FEFF}The  U.N.&#8217;s\r\n\r\nchief   spoke. Pe\u{301}rez left.";
        let c = normalize(raw);
        assert_eq!(c.text, "The U.N.\u{2019}s\n\nchief spoke. P\u{E9}rez left.");
        for word in ["The", "U.N.", "chief", "spoke.", "left."] {
            let at = c.text.find(word).unwrap();
            let r = c.alignment.to_raw_span(Span::new(at, at + word.len()));
            assert_eq!(&raw[r.range()], word);
        }
        let at = c.text.find("P\u{E9}rez").unwrap();
        let r = c
            .alignment
            .to_raw_span(Span::new(at, at + "P\u{E9}rez".len()));
        assert_eq!(&raw[r.range()], "Pe\u{301}rez");
    }
}
