//! Tokenizer for English news, following Universal Dependencies English conventions.
//!
//! The text is cut at whitespace into chunks; each chunk is then peeled:
//!
//! 1. opening quotes and brackets come off the front, one token each;
//! 2. closing quotes and brackets, `, ; : ! ?`, ellipses and a final period come off
//!    the back — the period stays when the word is an abbreviation (`Gen.`, `Inc.`),
//!    has internal periods (`U.S.`, `a.m.`), is a capital initial (`J.`), or is a
//!    number abbreviation before a number (`No. 10`);
//! 3. what is left is a URL, e-mail address, `#hashtag` or `@handle` kept whole, or is
//!    split inside: currency signs and `%` from numbers (`$`, `5`, `%`), dashes,
//!    hyphens between words (`long - term`, but `anti-government` after a listed
//!    prefix), slashes and commas between words (but `9/11`, `1,800`, `3.5`), and
//!    clitics (`do n't`, `it 's`, `they 're`, `can not`, `gon na`).
//!
//! Every token is a byte span of the input; nothing is rewritten.

use dyad_doc::{Span, TokenData, TokenKind};

use super::lexicon::{AbbrevClass, Lexicon};

/// Tokenize `text` (already cleaned) into byte-span tokens.
pub fn tokenize(text: &str, lex: &Lexicon) -> Vec<TokenData> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunks = chunks(text).peekable();
    while let Some((start, end)) = chunks.next() {
        let next_first = chunks.peek().and_then(|&(s, _)| text[s..].chars().next());
        Chunk {
            text,
            lex,
            out: &mut out,
        }
        .split(start, end, next_first);
    }
    out
}

/// Whitespace-separated chunks as byte ranges.
fn chunks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let skip = rest.find(|c: char| !c.is_whitespace())?;
        let start = pos + skip;
        let len = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        pos = start + len;
        Some((start, start + len))
    })
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{201E}' | '\u{AB}' | '(' | '[' | '{' | '<' | '`'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{BB}' | ')' | ']' | '}' | '>' | '`'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '\u{A3}' | '\u{20AC}' | '\u{A5}' | '\u{20B9}' | '\u{20BD}'
    )
}

/// The kind of a token from its text.
pub fn kind_of(s: &str) -> TokenKind {
    let first = s.chars().next().unwrap_or(' ');
    let digits_first = first.is_ascii_digit()
        || (matches!(first, '.' | '-' | '+') && s[1..].starts_with(|c: char| c.is_ascii_digit()));
    if digits_first {
        TokenKind::Number
    } else if s.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if s.chars().all(|c| {
        is_currency(c)
            || matches!(
                c,
                '%' | '&'
                    | '+'
                    | '='
                    | '*'
                    | '#'
                    | '@'
                    | '\u{A7}'
                    | '\u{B0}'
                    | '\u{A9}'
                    | '\u{AE}'
                    | '|'
                    | '~'
                    | '^'
            )
    }) {
        TokenKind::Symbol
    } else {
        TokenKind::Punct
    }
}

/// Smileys kept as one token: `:)`, `:-(`, `;-)`, `:D`.
fn is_emoticon(s: &str) -> bool {
    let mut it = s.chars();
    let (Some(eyes), Some(second)) = (it.next(), it.next()) else {
        return false;
    };
    let rest = it.as_str();
    let mouth = |c: char| matches!(c, ')' | '(' | 'D' | 'P' | 'p' | '/');
    matches!(eyes, ':' | ';' | '=')
        && ((mouth(second) && rest.is_empty())
            || (second == '-' && rest.len() == 1 && rest.chars().all(mouth)))
}

/// Words with internal periods made of short letter groups: `U.S`, `a.m`, `Ph.D`.
fn is_dotted_abbreviation(core: &str) -> bool {
    core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic))
}

/// Clitics split off the end of a word (lower case; `'` stands for either apostrophe).
const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Words written as one that Universal Dependencies splits in two.
const FUSED: [(&str, usize); 5] = [
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dunno", 2),
];

struct Chunk<'a, 'o> {
    text: &'a str,
    lex: &'a Lexicon,
    out: &'o mut Vec<TokenData>,
}

impl Chunk<'_, '_> {
    fn push(&mut self, start: usize, end: usize) {
        if start < end {
            let kind = kind_of(&self.text[start..end]);
            self.out.push(TokenData {
                span: Span::new(start, end),
                kind,
            });
        }
    }

    fn push_kind(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(TokenData {
            span: Span::new(start, end),
            kind,
        });
    }

    fn split(&mut self, start: usize, end: usize, next_first: Option<char>) {
        let text = self.text;
        if is_emoticon(&text[start..end]) {
            return self.push_kind(start, end, TokenKind::Symbol);
        }
        let mut a = start;
        let mut b = end;
        // 1. Openers off the front.
        while a < b {
            let rest = &text[a..b];
            let c = rest.chars().next().unwrap_or(' ');
            let n = if c == '<' {
                rest.len() - rest.trim_start_matches('<').len()
            } else {
                c.len_utf8()
            };
            let after = &rest[n..];
            let peel = if is_apostrophe(c) {
                // Keep `'90s`, `'em`, and a bare clitic chunk such as `'s`.
                !(after.starts_with(|d: char| d.is_ascii_digit())
                    || after.eq_ignore_ascii_case("em")
                    || CLITICS.iter().any(|cl| cl[1..].eq_ignore_ascii_case(after)))
                    && rest.len() > n
            } else {
                (is_opener(c) || is_dash(c)) && rest.len() > n
            };
            if !peel {
                break;
            }
            self.push(a, a + n);
            a += n;
        }
        // Leading runs: `--`, `...`, `<<`, and a hyphen before a word or number.
        if a < b && !is_emoticon(&text[a..b]) {
            let rest = &text[a..b];
            let run = rest.len() - rest.trim_start_matches(['-', '.', '*', '=', '_']).len();
            let first = rest.as_bytes()[0];
            let same = rest.bytes().take_while(|&x| x == first).count();
            let n = match first {
                b'-' if run < rest.len() => same,
                b'.' | b'*' | b'=' | b'_' if same >= 2 && run < rest.len() => same,
                _ => 0,
            };
            if n > 0 {
                self.push(a, a + n);
                a += n;
            }
        }
        // 2. Closers, punctuation and periods off the back (collected in reverse).
        let mut trail: Vec<(usize, usize)> = Vec::new();
        while a < b {
            let core = &text[a..b];
            let c = core.chars().next_back().unwrap_or(' ');
            let n = c.len_utf8();
            let body = &core[..core.len() - n];
            if body.is_empty() {
                break;
            }
            if matches!(c, ')' | ']' | '}') {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if body.matches(open).count() > body.matches(c).count() {
                    break; // balanced inside the word: `wiki/Foo_(bar)`
                }
            }
            if c == '.' || c == '!' || c == '?' {
                // A run of the same terminal marks is one token: `...`, `!!`, `?!`.
                let run = core.len()
                    - core
                        .trim_end_matches(|d: char| d == c || (c != '.' && matches!(d, '!' | '?')))
                        .len();
                if c == '.' && run == 1 && self.keeps_period(body, next_first, trail.is_empty()) {
                    break;
                }
                if run == core.len() {
                    break;
                }
                trail.push((b - run, b));
                b -= run;
                continue;
            }
            if is_closer(c) || matches!(c, ',' | ';' | ':' | '\u{2026}') || is_dash(c) {
                let n = if c == '>' {
                    core.len() - core.trim_end_matches('>').len()
                } else {
                    n
                };
                if n < core.len() {
                    trail.push((b - n, b));
                    b -= n;
                    continue;
                }
            }
            if c == '-' && body.ends_with('-') {
                let run = core.len() - core.trim_end_matches('-').len();
                if run < core.len() {
                    trail.push((b - run, b));
                    b -= run;
                    continue;
                }
            }
            break;
        }
        // 3. The core.
        if a < b {
            self.core(a, b);
        }
        for &(s, e) in trail.iter().rev() {
            self.push(s, e);
        }
    }

    /// Whether the final period of `body.` belongs to the word.
    fn keeps_period(&self, body: &str, next_first: Option<char>, chunk_final: bool) -> bool {
        let word = body.trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            return false;
        }
        if is_dotted_abbreviation(word) {
            return true;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_uppercase();
        }
        match self.lex.abbreviation(word) {
            Some(AbbrevClass::Number) => {
                chunk_final && next_first.is_some_and(|c| c.is_ascii_digit())
            }
            Some(_) => true,
            None => false,
        }
    }

    /// Split the inside of a chunk.
    fn core(&mut self, a: usize, b: usize) {
        let s = &self.text[a..b];
        if s.bytes().all(|c| c.is_ascii_alphanumeric()) {
            // Nothing below applies to a plain word (no sigil, no split point).
            return self.word(a, b);
        }
        if ["http://", "https://", "ftp://", "www."].iter().any(|p| {
            s.as_bytes()
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        }) {
            return self.push_kind(a, b, TokenKind::Url);
        }
        if let Some((local, domain)) = s.split_once('@') {
            if !local.is_empty()
                && domain.contains('.')
                && !domain.ends_with('.')
                && s.chars()
                    .all(|c| c.is_alphanumeric() || "@._-+".contains(c))
            {
                return self.push_kind(a, b, TokenKind::Email);
            }
        }
        for (sigil, kind) in [('#', TokenKind::Hashtag), ('@', TokenKind::Mention)] {
            if let Some(rest) = s.strip_prefix(sigil) {
                if !rest.is_empty() && rest.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    return self.push_kind(a, b, kind);
                }
            }
        }
        // Split points inside the word.
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut piece_start = 0;
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|&(_, d)| d);
            let alpha = |x: Option<char>| x.is_some_and(char::is_alphabetic);
            let digit = |x: Option<char>| x.is_some_and(|d| d.is_ascii_digit());
            let alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
            let separate = if is_currency(c) {
                k == 0 && digit(next)
            } else if c == '%' {
                digit(prev)
            } else if is_dash(c)
                || matches!(
                    c,
                    '\u{2026}' | '"' | '\u{201C}' | '\u{201D}' | ';' | '[' | ']' | '(' | ')'
                )
            {
                true
            } else if c == '.' {
                // An ellipsis inside a word: `past...and`.
                next == Some('.') && alnum(prev) && !s[i..].contains('@')
            } else if c == '-' {
                if next == Some('-') || prev == Some('-') {
                    true
                } else if digit(prev) && digit(next) {
                    // `3-5` and `1990-1995` split; phone-like `555-1234` does not.
                    let left = s[piece_start..i]
                        .chars()
                        .filter(char::is_ascii_digit)
                        .count();
                    let right = s[i + 1..].chars().take_while(char::is_ascii_digit).count();
                    !(left <= 3 && right >= 4)
                } else {
                    alnum(prev) && alnum(next) && !self.lex.is_hyphen_prefix(&s[piece_start..i])
                }
            } else if matches!(c, '/' | ',' | ':') {
                !(digit(prev) && digit(next)) && (alpha(prev) || alpha(next))
            } else {
                false
            };
            if separate {
                // Runs of hyphens or periods are one token.
                let mut k2 = k + 1;
                while matches!(c, '-' | '.') && k2 < chars.len() && chars[k2].1 == c {
                    k2 += 1;
                }
                let end = chars.get(k2).map_or(s.len(), |&(j, _)| j);
                self.word(a + piece_start, a + i);
                self.push(a + i, a + end);
                piece_start = end;
                k = k2;
            } else {
                k += 1;
            }
        }
        self.word(a + piece_start, b);
    }

    /// Push a word, splitting off a final clitic or a fused pair.
    fn word(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let s = &self.text[a..b];
        // Compared with the lower-case lists ignoring ASCII case: ASCII words need no
        // lower-cased copy.
        let owned;
        let lower = if s.is_ascii() {
            s
        } else {
            owned = s.to_lowercase().replace('\u{2019}', "'");
            owned.as_str()
        };
        for (fused, cut) in FUSED {
            if lower.eq_ignore_ascii_case(fused) {
                self.push(a, a + cut);
                self.push(a + cut, b);
                return;
            }
        }
        for clitic in CLITICS {
            if lower.len() > clitic.len()
                && lower.as_bytes()[lower.len() - clitic.len()..]
                    .eq_ignore_ascii_case(clitic.as_bytes())
            {
                // Byte length of the clitic in the original (the apostrophe may be `’`).
                let apostrophe_len = if s.contains('\u{2019}') { 3 } else { 1 };
                let clen = clitic.len() - 1 + apostrophe_len;
                if s.len() > clen && s.is_char_boundary(s.len() - clen) {
                    let cut = b - clen;
                    if self.text[a..cut]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    {
                        self.push(a, cut);
                        self.push(cut, b);
                        return;
                    }
                }
            }
        }
        self.push(a, b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, Lexicon::english())
            .iter()
            .map(|t| &s[t.span.range()])
            .collect()
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            toks("\"Stop,\" he said."),
            ["\"", "Stop", ",", "\"", "he", "said", "."]
        );
        assert_eq!(
            toks("\u{201C}No!\u{201D} (really)"),
            ["\u{201C}", "No", "!", "\u{201D}", "(", "really", ")"]
        );
        assert_eq!(toks("Wait... what?!"), ["Wait", "...", "what", "?!"]);
        assert_eq!(toks("north\u{2014}and"), ["north", "\u{2014}", "and"]);
        assert_eq!(toks("yes -- no"), ["yes", "--", "no"]);
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            toks("Gen. J. Smith of the U.S. Army"),
            ["Gen.", "J.", "Smith", "of", "the", "U.S.", "Army"]
        );
        assert_eq!(
            toks("at 9 a.m. on Jan. 5"),
            ["at", "9", "a.m.", "on", "Jan.", "5"]
        );
        assert_eq!(toks("No. 10 Downing"), ["No.", "10", "Downing"]);
        assert_eq!(toks("He said no. Then"), ["He", "said", "no", ".", "Then"]);
        assert_eq!(
            toks("Acme Inc., a firm"),
            ["Acme", "Inc.", ",", "a", "firm"]
        );
        assert_eq!(toks("in the U.S."), ["in", "the", "U.S."]);
    }

    #[test]
    fn numbers_currency_percent() {
        assert_eq!(
            toks("a range of 1,800 km"),
            ["a", "range", "of", "1,800", "km"]
        );
        assert_eq!(
            toks("$2.5 billion, 90% of"),
            ["$", "2.5", "billion", ",", "90", "%", "of"]
        );
        assert_eq!(toks("on 9/11 at 7:30"), ["on", "9/11", "at", "7:30"]);
        assert_eq!(toks("the 1980s."), ["the", "1980s", "."]);
    }

    #[test]
    fn contractions_and_possessives() {
        assert_eq!(
            toks("don't can't won't"),
            ["do", "n't", "ca", "n't", "wo", "n't"]
        );
        assert_eq!(
            toks("It\u{2019}s Russia's"),
            ["It", "\u{2019}s", "Russia", "'s"]
        );
        assert_eq!(
            toks("they're I'm cannot"),
            ["they", "'re", "I", "'m", "can", "not"]
        );
        assert_eq!(
            toks("the countries' leaders"),
            ["the", "countries", "'", "leaders"]
        );
        assert_eq!(toks("'90s rock"), ["'90s", "rock"]);
        assert_eq!(toks("'Yes'"), ["'", "Yes", "'"]);
    }

    #[test]
    fn hyphens_slashes_urls() {
        assert_eq!(
            toks("long-term anti-government e-mail"),
            ["long", "-", "term", "anti-government", "e-mail"]
        );
        assert_eq!(toks("and/or"), ["and", "/", "or"]);
        assert_eq!(
            toks("see https://example.org/a_(b) or mail@example.com #Vote @UN."),
            [
                "see",
                "https://example.org/a_(b)",
                "or",
                "mail@example.com",
                "#Vote",
                "@UN",
                "."
            ]
        );
        let kinds: Vec<_> = tokenize("www.x.org a@b.co #t", Lexicon::english())
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            kinds,
            [TokenKind::Url, TokenKind::Email, TokenKind::Hashtag]
        );
    }

    #[test]
    fn web_text_runs() {
        assert_eq!(
            toks("past...and :-) <<File>>"),
            ["past", "...", "and", ":-)", "<<", "File", ">>"]
        );
        assert_eq!(toks("...Now -M"), ["...", "Now", "-", "M"]);
        assert_eq!(
            toks("3-5 years, call 555-1234"),
            ["3", "-", "5", "years", ",", "call", "555-1234"]
        );
        assert_eq!(
            toks("[1]\u{2013}[11]."),
            ["[", "1", "]", "\u{2013}", "[", "11", "]", "."]
        );
        assert_eq!(
            toks("ARGUMENT OF GEN. SMITH"),
            ["ARGUMENT", "OF", "GEN.", "SMITH"]
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("1,800"), TokenKind::Number);
        assert_eq!(kind_of("-5"), TokenKind::Number);
        assert_eq!(kind_of("U.S."), TokenKind::Word);
        assert_eq!(kind_of("$"), TokenKind::Symbol);
        assert_eq!(kind_of("\u{201C}"), TokenKind::Punct);
    }
}
