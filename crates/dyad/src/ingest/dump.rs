//! Raw text dumps: scraped news pages saved as text, several articles per file.
//!
//! [`split`] cuts such a file into articles, takes each headline as the title, and
//! removes page furniture, recording every removed line (with a [`DropReason`] and its
//! 1-based line number) so nothing is lost silently. A text with no dump structure
//! comes back as one article.
//!
//! # Lines
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. Each non-blank line is first classified:
//!
//! - **UI debris** ([`DropReason::UiDebris`]): font-size toggles (`TT`, `A A`), share
//!   and comment counts (`20`, `1.2K`, `34 comments`), button and label words
//!   (`Share`, `Advertisement`, `Read more`, `Subscribe`, social-network rows), link
//!   teasers (`Read more: ...`, `Related: ...`), breadcrumbs (`Home › World`), reading
//!   times, "2 hours ago", cookie notices, and lines with no letter or digit.
//! - **Credit** ([`DropReason::Credit`]): a standalone agency or photo credit:
//!   `(Reuters)`, `REUTERS/Name/File Photo`, `Photo: AP`, `File photo`,
//!   `Name/AFP via Getty Images`, copyright lines (`© ...`, `Copyright 2015 ...`),
//!   `Reporting by ...; Editing by ...` and `... contributed to this report.` lines.
//!   A credit at the start of a paragraph (`SEOUL (Reuters) - North Korea
//!   said...`) is body text and is kept whole: the dateline carries the date.
//! - **Text**: everything else.
//!
//! # Paragraphs
//!
//! Normally each text line is one paragraph. A file whose paragraphs are separated by
//! blank lines *and* hard-wrapped (most text lines no longer than ~120 characters, and
//! at least a third of the line pairs inside a block break mid-sentence: a near-full
//! line not ending a sentence, or a next line starting in lower case) has its wrapped
//! lines joined with a space: a line is joined to the next one in its block when the
//! next line's first word would not have fitted on it (so the break is a wrap, not a
//! paragraph end or a headline) or it clearly continues (the next starts in lower
//! case, or it ends with a comma or dash), unless the next line is a repeat, a
//! dateline, a byline or a date line. The wrap width is the 90th percentile of line
//! lengths. Kept paragraphs are joined with `"\n\n"` in the article body.
//!
//! # Headlines and articles
//!
//! A paragraph is *headline-shaped* when it has 2–20 words, starts with a capital or a
//! digit, does not end like a sentence or a label (`.`, `,`, `;`, `:`, `…`, a dash),
//! and is not a dateline, byline, `Published ...` line or a caption with a credit.
//!
//! Its *lead* is found by looking ahead a few paragraphs, skipping debris, credits,
//! copies of the headline, captions (paragraphs repeated close by, or ending in a
//! credit), bylines and date lines: the lead is the first prose paragraph (8+ words
//! ending a sentence) or dateline paragraph. At most two other short paragraphs (a
//! deck, a kicker) may come first; a headline-shaped paragraph repeated close by
//! before any prose means a later headline is the real one, and there is no lead.
//!
//! A headline-shaped paragraph with a lead starts an article:
//!
//! - at the top of the file (no prose seen yet): always — this is also how a plain
//!   article gets its first line as title;
//! - after body text, only with evidence worth 4 points:
//!   - repeated within the next 6 text paragraphs (2), or further on (1);
//!   - a dateline lead (2); a byline or date line before the lead (2);
//!   - a wide gap before it: 2+ blank lines where one usually separates paragraphs (2);
//!   - any gap before it: blank line, debris, credit or file start (1);
//!   - a long lead of 20+ words (1).
//!
//!   So a headline repeated right below itself and followed by a dateline qualifies,
//!   and so does one with a byline and a dateline; a subheading (a gap and a long
//!   paragraph after it: 2) does not, nor does a one-off line before an ordinary
//!   paragraph. Known limits: articles in a dump with no repeats, datelines, bylines
//!   or wider gaps are not told apart from subheadings and stay together; a short
//!   caption without final period, repeated right below itself with blank lines
//!   around it and followed by a long paragraph, can be taken for a headline.
//!
//! Within an article, copies of its headline are dropped as
//! [`DropReason::RepeatedHeadline`], and a paragraph seen before in the article as
//! [`DropReason::RepeatedCaption`] (captions repeat: alt text and figure caption). Of
//! a caption's copies the one without a credit suffix is kept when it follows within
//! a few paragraphs, so the body reads `A soldier at the border.` rather than
//! `A soldier at the border. REUTERS/Name`.
//!
//! Text before the first headline is a headless article when it holds prose;
//! otherwise (navigation, labels) it is dropped as [`DropReason::Preamble`] and
//! recorded with the first article. A file in which no headline is found is one
//! article starting at line 1.
//!
//! Everything is a single pass over the lines plus bounded look-aheads, so time is
//! linear in the size of the file.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use dyad_doc::{DropReason, Dropped};

use super::date;

/// One article cut out of a dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpArticle {
    /// Headline, when the article has one.
    pub title: Option<String>,
    /// Kept body paragraphs joined by a blank line (`"\n\n"`).
    pub body: String,
    /// 1-based line in the file where the article starts.
    pub line: u64,
    /// Lines removed from this article, with reasons and line numbers.
    pub dropped: Vec<Dropped>,
}

/// Split a text file into articles. A text with no dump structure gives one article;
/// an empty or blank text gives none.
pub fn split(text: &str) -> Vec<DumpArticle> {
    let lines = split_lines(text);
    if lines.is_empty() {
        return Vec::new();
    }
    let width = wrap_width(&lines);
    let units = build_units(&lines, width);
    Splitter::new(&lines, units).run()
}

/// Paragraphs closer than this (in paragraphs) are "close by".
const NEAR: usize = 6;
/// A headline repeated within this many paragraphs counts as repeated.
const FAR: usize = 300;
/// How many paragraphs the lead search looks at.
const LOOKAHEAD: usize = 12;
/// Evidence a headline needs to start an article after body text.
const START_SCORE: u32 = 4;

// ---------------------------------------------------------------------------------
// Lines

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Debris,
    Credit,
    Text,
}

/// One non-blank line of the input (blank lines are not stored, so memory follows
/// the text, not the number of line breaks).
struct Line<'a> {
    /// 1-based line number.
    no: u64,
    /// As in the input, without the line end.
    raw: &'a str,
    /// Trimmed.
    text: &'a str,
    kind: Kind,
    /// Blank lines right before this one (counting stops at 255).
    blanks_before: u8,
}

impl Line<'_> {
    fn blank_before(&self) -> bool {
        self.blanks_before > 0
    }
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The non-blank lines of `text`, classified. Lines end at `\n`, `\r\n` or `\r`.
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let (mut no, mut blanks_before, mut start) = (0, 0u8, 0);
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |p| start + p);
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        // Cut at ASCII bytes, so always on a character boundary.
        let raw = &text[start..end];
        no += 1;
        let trimmed = raw.trim_matches(is_invisible);
        if trimmed.is_empty() {
            blanks_before = blanks_before.saturating_add(1);
        } else {
            lines.push(Line {
                no,
                raw,
                text: trimmed,
                kind: classify(trimmed),
                blanks_before,
            });
            blanks_before = 0;
        }
        start = next;
    }
    lines
}

fn classify(line: &str) -> Kind {
    if is_debris(line) {
        Kind::Debris
    } else if is_credit(line) {
        Kind::Credit
    } else {
        Kind::Text
    }
}

/// The wrap width when the file is hard-wrapped with blank lines between paragraphs
/// (see the module documentation), else `None`.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let text_lines = || lines.iter().filter(|l| l.kind == Kind::Text);
    let first = lines.iter().position(|l| l.kind == Kind::Text)?;
    let last = lines.iter().rposition(|l| l.kind == Kind::Text)?;
    if !lines[first + 1..=last].iter().any(Line::blank_before) {
        return None;
    }
    let mut lens: Vec<usize> = text_lines()
        .filter(|l| words(l.text) >= 2)
        .map(|l| char_len(l.text))
        .collect();
    if lens.len() < 3 {
        return None;
    }
    lens.sort_unstable();
    let width = lens[lens.len() * 9 / 10];
    if !(30..=120).contains(&width) {
        return None;
    }
    let (mut pairs, mut breaks) = (0, 0);
    for pair in lines.windows(2) {
        let [a, b] = pair else { continue };
        if a.kind == Kind::Text && b.kind == Kind::Text && !b.blank_before() {
            pairs += 1;
            if char_len(a.text) * 4 >= width * 3 && !ends_sentence(a.text) || starts_lower(b.text) {
                breaks += 1;
            }
        }
    }
    (breaks >= 1 && breaks * 3 >= pairs).then_some(width)
}

/// Characters in `s`, counting at most 1000.
fn char_len(s: &str) -> usize {
    s.chars().take(1000).count()
}

// ---------------------------------------------------------------------------------
// Paragraph units

/// A paragraph: one line, or in a hard-wrapped file several joined lines.
struct Unit<'a> {
    /// Indices `first..=last` into the non-blank lines.
    first: usize,
    last: usize,
    text: Cow<'a, str>,
    kind: Kind,
    /// A blank line, debris, a credit or the file start comes right before it.
    gap_before: bool,
    /// More blank lines come before it than usually separate paragraphs.
    wide_gap: bool,
    /// Paragraphs with the same normalised text (credit suffix ignored) share a group.
    group: usize,
    /// Position among the text paragraphs: distances are counted in these.
    tpos: usize,
    words: usize,
    /// Where a closing photo credit starts (`... REUTERS/Name`), if there is one.
    credit_at: Option<usize>,
    headline: bool,
    prose: bool,
    dateline: bool,
    /// A byline or a date line (`By Name`, `Published 26 Feb 2017`).
    meta: bool,
}

fn build_units<'a>(lines: &[Line<'a>], width: Option<usize>) -> Vec<Unit<'a>> {
    // Two or more blank lines mark a section when one blank line is the norm.
    let single = lines.iter().filter(|l| l.blanks_before == 1).count();
    let wider = lines.iter().filter(|l| l.blanks_before > 1).count();
    let wide_gaps_mean_something = single >= 2 * wider;
    let mut units = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = &lines[k];
        let mut last = k;
        if let (Kind::Text, Some(width)) = (line.kind, width) {
            while last + 1 < lines.len()
                && lines[last + 1].kind == Kind::Text
                && !lines[last + 1].blank_before()
                && joins(lines[last].text, lines[last + 1].text, width)
            {
                last += 1;
            }
        }
        let text = if last == k {
            Cow::Borrowed(line.text)
        } else {
            Cow::Owned(
                lines[k..=last]
                    .iter()
                    .map(|l| l.text)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        let gap_before = k == 0 || line.blank_before() || lines[k - 1].kind != Kind::Text;
        let mut unit = Unit::new(k, last, text, line.kind, gap_before);
        unit.wide_gap = wide_gaps_mean_something && line.blanks_before > 1;
        units.push(unit);
        k = last + 1;
    }
    units
}

/// In a hard-wrapped file, whether line `a` continues on line `b`.
fn joins(a: &str, b: &str, width: usize) -> bool {
    if a == b || date::is_dateline(b) || is_meta(a) || is_meta(b) {
        return false;
    }
    // Wrapping breaks a line only where the next word would not fit (a few
    // characters of slack, as the width is estimated).
    let next_word = b.split_whitespace().next().map_or(0, char_len);
    let full = char_len(a) + 1 + next_word + 4 > width;
    let continues = a.ends_with([',', ';', '-', '\u{2013}', '\u{2014}', '(']);
    full || starts_lower(b) || continues
}

impl<'a> Unit<'a> {
    fn new(
        first: usize,
        last: usize,
        text: Cow<'a, str>,
        kind: Kind,
        gap_before: bool,
    ) -> Unit<'a> {
        let mut unit = Unit {
            first,
            last,
            text,
            kind,
            gap_before,
            wide_gap: false,
            group: usize::MAX,
            tpos: 0,
            words: 0,
            credit_at: None,
            headline: false,
            prose: false,
            dateline: false,
            meta: false,
        };
        if kind == Kind::Text {
            let t: &str = &unit.text;
            unit.words = words(t);
            unit.credit_at = credit_suffix_start(t);
            unit.dateline = date::is_dateline(t);
            unit.meta = is_meta(t);
            unit.prose = unit.dateline || unit.words >= 8 && ends_sentence(t);
            unit.headline = !unit.dateline
                && !unit.meta
                && unit.credit_at.is_none()
                && headline_shaped(t, unit.words);
        }
        unit
    }
}

/// Words: whitespace-separated pieces holding a letter or digit.
fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// `s` without closing quotes and brackets at the end.
fn strip_closers(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '\u{BB}' | '*'
            )
    })
}

/// Ends like a sentence: `.`, `!`, `?`, `…` (before closing quotes).
fn ends_sentence(s: &str) -> bool {
    strip_closers(s).ends_with(['.', '!', '?', '\u{2026}', '\u{3002}'])
}

fn headline_shaped(s: &str, words: usize) -> bool {
    if !(2..=20).contains(&words) || s.len() > 250 {
        return false;
    }
    let opening = |c: char| matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{AB}');
    let starts_ok = s
        .trim_start_matches(opening)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends_ok = !strip_closers(s).ends_with([
        '.', ',', ';', ':', '\u{2026}', '-', '\u{2013}', '\u{2014}', '/', '|',
    ]);
    starts_ok && ends_ok
}

/// A byline (`By Jane Doe`) or a date line (`Published: 26 Feb 2017`, `March 3, 2015`).
fn is_meta(s: &str) -> bool {
    if s.len() > 250 {
        return false;
    }
    let n = words(s);
    if n > 20 {
        return false;
    }
    let byline = (s.starts_with("By ") || s.starts_with("BY "))
        && n <= 10
        && s[3..].trim_start().starts_with(char::is_uppercase);
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    let opening = s[..date::floor_boundary(s, 24)].to_lowercase();
    let stamp = [
        "published",
        "updated",
        "last updated",
        "posted",
        "first published",
        "last modified",
    ]
    .iter()
    .any(|p| {
        opening
            .strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    });
    byline || has_digit && (stamp || n <= 10 && date::find(s, None).is_some())
}

// ---------------------------------------------------------------------------------
// Debris and credits

/// Whole lines (lower case, inner space collapsed) that are page furniture.
const DEBRIS: &[&str] = &[
    "share",
    "shares",
    "share this",
    "share this article",
    "share this story",
    "share article",
    "share on facebook",
    "share on twitter",
    "share via email",
    "tweet",
    "email",
    "e-mail",
    "print",
    "comment",
    "comments",
    "view comments",
    "show comments",
    "leave a comment",
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "ad feedback",
    "sponsored",
    "sponsored content",
    "promoted",
    "read more",
    "read next",
    "read full article",
    "continue reading",
    "show more",
    "load more",
    "more",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "login",
    "register",
    "menu",
    "search",
    "home",
    "close",
    "skip to main content",
    "skip to content",
    "skip navigation",
    "follow us",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related coverage",
    "related topics",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "recommended",
    "recommended stories",
    "you may also like",
    "you might also like",
    "listen",
    "listen to article",
    "listen to this article",
    "play video",
    "video",
    "watch",
    "photo",
    "photos",
    "gallery",
    "next",
    "previous",
    "back to top",
    "top",
    "loading",
    "loading...",
    "save",
    "saved",
    "bookmark",
    "copy link",
    "link copied",
    "gift article",
    "newsletter",
    "accept",
    "accept all",
    "reject all",
    "got it",
    "ok",
    "cookie settings",
    "manage cookies",
    "just now",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "scroll to continue",
    "scroll to continue with content",
    "report an error",
    "topics",
    "tags",
    "explore more on these topics",
    "reuse this content",
];

/// Words that make up share-button rows (`Facebook Twitter Email`).
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "mail",
    "whatsapp",
    "linkedin",
    "reddit",
    "pinterest",
    "telegram",
    "messenger",
    "flipboard",
    "pocket",
    "sms",
    "print",
    "share",
    "tweet",
    "copy",
    "link",
    "save",
    "comments",
    "comment",
];

/// Openings of link teasers and calls to action (`Read more: ...`).
const DEBRIS_PREFIXES: &[&str] = &[
    "read more:",
    "read more about",
    "related:",
    "see also:",
    "also read:",
    "also read",
    "recommended:",
    "more:",
    "watch:",
    "sign up for",
    "sign up to",
    "subscribe to",
    "subscribe for",
    "follow us on",
    "click here",
    "download our app",
    "download the app",
    "story continues",
    "article continues",
    "continue reading",
];

/// Append `word` in lower case (fast for ASCII).
fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Lower case, inner whitespace collapsed, outer bullets and arrows removed.
fn normalise_label(s: &str) -> String {
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{BB}' | '\u{203A}' | '>' | '\u{2022}' | '\u{B7}' | '|')
    });
    let s = s.trim_end_matches(':');
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        push_lower(&mut out, word);
    }
    out
}

fn is_debris(line: &str) -> bool {
    if !line.chars().any(char::is_alphanumeric) {
        return true;
    }
    if line.len() > 600 {
        return false;
    }
    if line.len() > 150 {
        // Only a cookie notice is that long.
        return line.contains("ookie") && is_cookie_notice(&normalise_label(line));
    }
    let label = normalise_label(line);
    let tokens: Vec<&str> = label.split(' ').collect();
    if DEBRIS.contains(&label.as_str()) || is_count(&tokens) || is_cookie_notice(&label) {
        return true;
    }
    if tokens.len() > 15 {
        return false;
    }
    let font_toggle = |t: &&str| {
        matches!(
            *t,
            "a" | "aa" | "aaa" | "t" | "tt" | "a+" | "a-" | "+a" | "-a" | "a\u{2212}"
        )
    };
    let social =
        |t: &&str| SOCIAL.contains(&t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
    let crumbs = line.matches(['\u{203A}', '\u{BB}', '|', '>']).count() >= 2
        && line
            .split(['\u{203A}', '\u{BB}', '|', '>'])
            .all(|part| words(part) <= 3);
    tokens.iter().all(font_toggle)
        || tokens.iter().all(social)
        || crumbs
        || DEBRIS_PREFIXES.iter().any(|p| label.starts_with(p))
        || is_time_label(&tokens)
}

/// `20`, `1.2K`, `3,456`, `34 comments`, `Comments (12)`, `10+ shares`.
fn is_count(tokens: &[&str]) -> bool {
    const NOUNS: &[&str] = &[
        "comments", "comment", "shares", "share", "views", "likes", "replies", "reads",
    ];
    let numeric = |t: &str| {
        let t = t.trim_matches(['(', ')', '+']);
        let t = t.strip_suffix(['k', 'm', 'b']).unwrap_or(t);
        !t.is_empty()
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    match tokens {
        [n] => numeric(n),
        [a, b] => numeric(a) && NOUNS.contains(b) || NOUNS.contains(a) && numeric(b),
        _ => false,
    }
}

/// `5 min read`, `3-minute read`, `2 hours ago`, `Updated 5 minutes ago`.
fn is_time_label(tokens: &[&str]) -> bool {
    let label = tokens.join(" ");
    let reading = label.ends_with("min read")
        || label.ends_with("mins read")
        || label.ends_with("minute read");
    let ago = label.ends_with(" ago")
        && tokens.len() <= 4
        && tokens
            .iter()
            .any(|t| t.starts_with(|c: char| c.is_ascii_digit()));
    (reading && tokens.len() <= 3) || ago
}

fn is_cookie_notice(label: &str) -> bool {
    const CUES: &[&str] = &[
        "we use",
        "this site uses",
        "this website uses",
        "our use of",
        "accept",
        "consent",
        "privacy policy",
        "cookie policy",
        "cookie settings",
    ];
    label.contains("cookie") && words(label) <= 80 && CUES.iter().any(|c| label.contains(c))
}

/// News agencies and photo services, lower case.
const AGENCIES: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "associated press",
    "the associated press",
    "agence france-presse",
    "xinhua",
    "yonhap",
    "epa",
    "efe",
    "epa-efe",
    "ansa",
    "dpa",
    "kyodo",
    "upi",
    "ani",
    "pti",
    "ians",
    "tass",
    "sputnik",
    "ria novosti",
    "anadolu",
    "anadolu agency",
    "bloomberg",
    "getty",
    "getty images",
    "bernama",
    "kcna",
    "aap",
    "pa",
    "pa media",
    "pa wire",
    "the canadian press",
    "cp",
    "pool",
    "handout",
];

fn is_agency(s: &str) -> bool {
    let s = s.trim().to_lowercase();
    let s = s.strip_suffix(" photo").unwrap_or(&s);
    AGENCIES.contains(&s)
        || s == "file photo"
        || s == "file"
        || s.ends_with("via getty images")
        || s.ends_with(" via reuters")
}

/// Openings of a credit (lower case).
const CREDIT_OPENINGS: &[&str] = &[
    "photo:",
    "photos:",
    "photo by",
    "photos by",
    "photograph:",
    "photograph by",
    "picture:",
    "pictures:",
    "image:",
    "images:",
    "credit:",
    "photo credit",
    "image credit",
    "file photo",
    "file image",
    "file picture",
    "©",
    "copyright ©",
    "copyright (c)",
    "copyright 1",
    "copyright 2",
];

/// Openings of a contributor or copyright line, which may be long.
const CONTRIBUTORS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "produced by",
    "\u{A9}",
    "copyright \u{A9}",
    "copyright (c)",
    "copyright 1",
    "copyright 2",
];

/// A standalone credit line.
fn is_credit(line: &str) -> bool {
    if line.len() < 600 {
        // Cheap tests on the ends first; words are counted only when one matches.
        let opening = line[..date::floor_boundary(line, 32)].to_lowercase();
        if CONTRIBUTORS.iter().any(|p| opening.starts_with(p)) && words(line) <= 60 {
            return true;
        }
        let ending =
            line[date::floor_boundary(line, line.len().saturating_sub(40))..].to_lowercase();
        if ending.ends_with("contributed to this report.") && words(line) <= 25 {
            return true;
        }
    }
    credit_text(line, true)
}

/// Whether `s` (a whole line, or the tail of a caption) is a credit. `any_form`
/// also accepts the `Name/AGENCY` form, which as a caption tail is only recognised
/// after a sentence end.
fn credit_text(s: &str, any_form: bool) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > 160 || words(s) > 10 || has_sentence_break(s) {
        return false;
    }
    let lower = s.to_lowercase();
    if CREDIT_OPENINGS.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let inner = s.strip_prefix('(').and_then(|x| x.strip_suffix(')'));
    if inner.is_some_and(is_agency) || is_agency(s) {
        return true;
    }
    let segments: Vec<&str> = s.split('/').collect();
    if segments.len() < 2 || segments.iter().any(|g| g.trim().is_empty()) {
        return false;
    }
    // REUTERS/Name, AFP/Name/File Photo, AP Photo/Name: the agency opens the credit.
    let opens = segments[0].trim_start_matches('(').trim();
    let capitals = opens
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let agency_first = is_agency(opens) && capitals
        || opens.eq_ignore_ascii_case("ap photo")
        || opens.eq_ignore_ascii_case("afp photo");
    agency_first
        || any_form
            && segments[1..]
                .iter()
                .any(|g| is_agency(g.trim_end_matches(')')))
}

/// `s` holds a sentence end (`. ` after a word that is not an initial).
fn has_sentence_break(s: &str) -> bool {
    s.match_indices(". ").any(|(i, _)| {
        let word = s[..i]
            .rsplit(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        !(word.chars().count() == 1 && word.chars().all(char::is_uppercase))
    })
}

/// Where a caption's credit suffix starts (`A soldier. REUTERS/Name/File Photo`).
/// Only the last 160 bytes are searched, so long lines cost nothing.
fn credit_suffix_start(s: &str) -> Option<usize> {
    let from = date::floor_boundary(s, s.len().saturating_sub(160));
    let tail = &s[from..];
    if !may_hold_credit(tail) {
        return None;
    }
    // Word starts; a credit has at most 10 words, so only the last ones can open it.
    let starts: Vec<usize> = tail
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || tail[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| from + i)
        .filter(|&i| i > 0 && s[..i].ends_with(char::is_whitespace))
        .collect();
    // Left to right: the first credit found is the longest.
    for &start in &starts[starts.len().saturating_sub(10)..] {
        let before = s[..start].trim_end();
        if before.is_empty() {
            continue;
        }
        let after_sentence =
            before.ends_with(['.', ';']) || before.ends_with(" -") || before.ends_with(" |");
        if credit_text(&s[start..], after_sentence) {
            return Some(start);
        }
    }
    None
}

/// A cheap test that `tail` has something every credit form needs.
fn may_hold_credit(tail: &str) -> bool {
    if tail.contains(['/', '\u{A9}']) || tail.trim_end().ends_with(')') {
        return true;
    }
    let lower = tail.to_lowercase();
    let end = lower.trim_end();
    [
        "photo",
        "picture",
        "image",
        "credit",
        "file",
        "copyright",
        "getty",
    ]
    .iter()
    .any(|m| lower.contains(m))
        || AGENCIES.iter().any(|a| end.ends_with(a))
}

// ---------------------------------------------------------------------------------
// Grouping repeated paragraphs

/// Lower-case words of `s`, single-spaced: punctuation, case and spacing differences
/// do not matter when comparing paragraphs.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        push_lower(&mut out, word);
    }
    out
}

/// The text a paragraph is compared by: without its credit suffix (starting at
/// `credit_at`), and for short ones without a site suffix (`Headline | Site`,
/// `Headline - Reuters`).
fn comparable(s: &str, credit_at: Option<usize>, n_words: usize) -> &str {
    let s = credit_at.map_or(s, |i| s[..i].trim_end());
    if n_words <= 24 {
        for sep in [" | ", " - ", " \u{2013} ", " \u{2014} "] {
            if let Some((head, tail)) = s.rsplit_once(sep) {
                let site = sep == " | " && words(tail) <= 4 || is_agency(tail);
                if site && words(head) >= 2 {
                    return head;
                }
            }
        }
    }
    s
}

/// Fill in `group` for text units; return for each unit the next unit of its group.
fn group_units(units: &mut [Unit]) -> Vec<Option<usize>> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (tpos, u) in units
        .iter_mut()
        .filter(|u| u.kind == Kind::Text)
        .enumerate()
    {
        let k = key(comparable(&u.text, u.credit_at, u.words));
        let n = ids.len();
        u.group = *ids.entry(k).or_insert(n);
        u.tpos = tpos;
    }
    let mut next = vec![None; units.len()];
    let mut last_seen: HashMap<usize, usize> = HashMap::new();
    for i in (0..units.len()).rev() {
        if units[i].kind == Kind::Text {
            next[i] = last_seen.insert(units[i].group, i);
        }
    }
    next
}

// ---------------------------------------------------------------------------------
// Assembling articles

/// An article being built.
#[derive(Default)]
struct Draft {
    /// The headline unit.
    title: Option<usize>,
    body: Vec<usize>,
    dropped: Vec<Dropped>,
    kept_groups: HashSet<usize>,
    has_prose: bool,
}

struct Lead {
    ok: bool,
    /// The lead opens with a dateline.
    dateline: bool,
    /// A byline or date line comes before the lead.
    byline: bool,
    /// The lead has 20 words or more.
    long: bool,
}

struct Splitter<'l, 'a> {
    lines: &'l [Line<'a>],
    units: Vec<Unit<'a>>,
    next_same: Vec<Option<usize>>,
    prev_same: Vec<Option<usize>>,
}

impl<'l, 'a> Splitter<'l, 'a> {
    fn new(lines: &'l [Line<'a>], mut units: Vec<Unit<'a>>) -> Splitter<'l, 'a> {
        let next_same = group_units(&mut units);
        let mut prev_same = vec![None; units.len()];
        for (i, n) in next_same.iter().enumerate() {
            if let Some(n) = *n {
                prev_same[n] = Some(i);
            }
        }
        Splitter {
            lines,
            units,
            next_same,
            prev_same,
        }
    }

    fn run(&self) -> Vec<DumpArticle> {
        let mut articles = Vec::new();
        let mut cur = Draft::default();
        for i in 0..self.units.len() {
            let u = &self.units[i];
            match u.kind {
                Kind::Debris => self.drop(&mut cur, i, DropReason::UiDebris),
                Kind::Credit => self.drop(&mut cur, i, DropReason::Credit),
                _ if cur.title.is_some_and(|t| self.units[t].group == u.group) => {
                    self.drop(&mut cur, i, DropReason::RepeatedHeadline)
                }
                _ if self.starts_article(i, &cur) => {
                    let mut next = Draft {
                        title: Some(i),
                        ..Draft::default()
                    };
                    if cur.title.is_none() && !cur.has_prose {
                        // Nothing but labels and furniture before the first headline.
                        for b in std::mem::take(&mut cur.body) {
                            self.drop(&mut cur, b, DropReason::Preamble);
                        }
                        cur.dropped.sort_by_key(|d| d.line);
                        next.dropped = cur.dropped;
                    } else {
                        articles.push(self.finish(cur));
                    }
                    cur = next;
                }
                _ if cur.kept_groups.contains(&u.group) || self.clean_copy_follows(i) => {
                    self.drop(&mut cur, i, DropReason::RepeatedCaption)
                }
                _ => {
                    cur.body.push(i);
                    cur.kept_groups.insert(u.group);
                    cur.has_prose |= u.prose;
                }
            }
        }
        let only = articles.is_empty() && cur.title.is_none();
        let mut last = self.finish(cur);
        if only {
            last.line = 1;
        }
        articles.push(last);
        articles
    }

    /// Whether text unit `i` is a headline that starts a new article.
    fn starts_article(&self, i: usize, cur: &Draft) -> bool {
        let u = &self.units[i];
        if !u.headline || cur.kept_groups.contains(&u.group) {
            return false;
        }
        let lead = self.lead(i);
        if !lead.ok {
            return false;
        }
        if cur.title.is_none() && !cur.has_prose {
            return true;
        }
        if cur.body.is_empty() {
            return false;
        }
        let mut score = 0;
        match self.next_same[i].map(|j| self.dist(i, j)) {
            Some(d) if d <= NEAR => score += 2,
            Some(d) if d <= FAR => score += 1,
            _ => {}
        }
        score +=
            2 * u32::from(lead.dateline) + 2 * u32::from(lead.byline) + 2 * u32::from(u.wide_gap);
        score += u32::from(u.gap_before) + u32::from(lead.long);
        score >= START_SCORE
    }

    /// The lead paragraph after headline candidate `i` (see the module documentation).
    fn lead(&self, i: usize) -> Lead {
        let u = &self.units[i];
        let mut meta = false;
        let mut others = 0;
        let mut seen = 0;
        for (j, v) in self
            .units
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(4 * LOOKAHEAD)
        {
            if v.kind != Kind::Text || v.group == u.group {
                continue;
            }
            seen += 1;
            if seen > LOOKAHEAD {
                break;
            }
            if v.meta {
                meta = true;
                continue;
            }
            if v.credit_at.is_some() || !v.headline && self.repeated_nearby(j) {
                continue;
            }
            if v.prose {
                return Lead {
                    ok: true,
                    dateline: v.dateline,
                    byline: meta,
                    long: v.words >= 20,
                };
            }
            others += 1;
            // A headline repeated close by, or a longer one under a short label
            // ("Asia Pacific"), is the real headline; so is nothing after two tries.
            let better =
                v.headline && (self.repeated_nearby(j) || u.words <= 3 && v.words > u.words);
            if better || others > 2 {
                break;
            }
        }
        Lead {
            ok: false,
            dateline: false,
            byline: false,
            long: false,
        }
    }

    /// Distance in text paragraphs from unit `a` to a later unit `b`.
    fn dist(&self, a: usize, b: usize) -> usize {
        self.units[b].tpos - self.units[a].tpos
    }

    fn repeated_nearby(&self, j: usize) -> bool {
        self.next_same[j].is_some_and(|n| self.dist(j, n) <= NEAR)
            || self.prev_same[j].is_some_and(|p| self.dist(p, j) <= NEAR)
    }

    /// Unit `i` ends in a credit and a copy without one follows close by: keep that.
    fn clean_copy_follows(&self, i: usize) -> bool {
        if self.units[i].credit_at.is_none() {
            return false;
        }
        let mut j = self.next_same[i];
        while let Some(n) = j.filter(|&n| self.dist(i, n) <= NEAR) {
            if self.units[n].credit_at.is_none() {
                return true;
            }
            j = self.next_same[n];
        }
        false
    }

    /// Record every line of unit `i` as dropped for `reason`.
    fn drop(&self, draft: &mut Draft, i: usize, reason: DropReason) {
        let u = &self.units[i];
        for line in &self.lines[u.first..=u.last] {
            draft.dropped.push(Dropped {
                text: line.raw.to_string(),
                reason,
                line: Some(line.no),
            });
        }
    }

    fn finish(&self, draft: Draft) -> DumpArticle {
        let first_line = |i: usize| self.lines[self.units[i].first].no;
        let line = draft
            .title
            .or_else(|| draft.body.first().copied())
            .map(first_line)
            .or_else(|| draft.dropped.first().and_then(|d| d.line))
            .unwrap_or(1);
        let body: Vec<&str> = draft.body.iter().map(|&b| &*self.units[b].text).collect();
        DumpArticle {
            title: draft.title.map(|t| self.units[t].text.to_string()),
            body: body.join("\n\n"),
            line,
            dropped: draft.dropped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use DropReason::*;

    const HEADLINE_TWICE: &str = include_str!("../../test_data/dump/headline_twice.txt");
    const HEADLINE_TWICE_CRLF: &str = include_str!("../../test_data/dump/headline_twice_crlf.txt");
    const BACK_TO_BACK: &str = include_str!("../../test_data/dump/back_to_back.txt");
    const DEBRIS_PAGE: &str = include_str!("../../test_data/dump/debris_page.txt");
    const PLAIN: &str = include_str!("../../test_data/dump/plain.txt");
    const WRAPPED: &str = include_str!("../../test_data/dump/wrapped.txt");

    /// Line numbers and reasons of an article's dropped lines.
    fn reasons(a: &DumpArticle) -> Vec<(u64, DropReason)> {
        a.dropped
            .iter()
            .map(|d| (d.line.unwrap(), d.reason))
            .collect()
    }

    fn paragraphs(a: &DumpArticle) -> Vec<&str> {
        a.body.split("\n\n").collect()
    }

    fn titles(articles: &[DumpArticle]) -> Vec<Option<&str>> {
        articles.iter().map(|a| a.title.as_deref()).collect()
    }

    /// Every non-blank input line is in a title, in a body, or dropped (with its own
    /// text and line number); nothing is dropped twice or kept and dropped.
    fn assert_nothing_lost(text: &str, articles: &[DumpArticle]) {
        let unified = text.replace("\r\n", "\n").replace('\r', "\n");
        let raw: Vec<&str> = unified.split('\n').collect();
        let mut dropped = HashSet::new();
        for d in articles.iter().flat_map(|a| &a.dropped) {
            let n = d.line.expect("dropped line has a number") as usize;
            assert_eq!(d.text, raw[n - 1], "dropped text of line {n}");
            assert!(dropped.insert(n), "line {n} dropped twice");
        }
        for (i, line) in raw.iter().enumerate() {
            let line = line.trim_matches(is_invisible);
            if line.is_empty() || dropped.contains(&(i + 1)) {
                continue;
            }
            let kept = articles.iter().any(|a| {
                a.body.contains(line) || a.title.as_deref().is_some_and(|t| t.contains(line))
            });
            assert!(kept, "line {} lost: {line:?}", i + 1);
        }
    }

    #[test]
    fn headline_repeated_below_itself_with_debris_and_captions() {
        let arts = split(HEADLINE_TWICE);
        assert_nothing_lost(HEADLINE_TWICE, &arts);
        assert_eq!(
            titles(&arts),
            [
                Some("Marova navy seizes cargo ship near disputed Selin islands"),
                Some("Kestria recalls ambassador as ship dispute escalates"),
                Some("Aid convoy reaches flooded districts in northern Marova"),
            ]
        );
        assert_eq!(arts.iter().map(|a| a.line).collect::<Vec<_>>(), [1, 13, 20]);

        let p = paragraphs(&arts[0]);
        assert_eq!(p.len(), 5);
        // The caption copy without the credit is kept, once.
        assert_eq!(
            p[0],
            "A Marovan coast guard vessel patrols waters off the Selin islands, March 3, 2015."
        );
        // The dateline paragraph is kept whole, agency credit included.
        assert!(
            p[1].starts_with("PORT ALDEN, March 3 (Reuters) - Marova's navy seized a cargo ship")
        );
        assert!(p[1].ends_with("the third such seizure this year."));
        assert!(p[4].starts_with("\"This is an act of piracy"));
        assert_eq!(
            reasons(&arts[0]),
            [
                (2, RepeatedHeadline),
                (3, UiDebris),
                (4, UiDebris),
                (5, RepeatedCaption),
                (11, UiDebris),
                (12, Credit),
            ]
        );
        assert_eq!(
            reasons(&arts[1]),
            [(14, RepeatedHeadline), (15, UiDebris), (16, UiDebris)]
        );
        assert_eq!(paragraphs(&arts[1]).len(), 3);
        assert!(arts[1]
            .body
            .starts_with("VELLA, March 4 (Reuters) - Kestria recalled"));
        // The headline again a line later, after a font toggle.
        assert_eq!(
            reasons(&arts[2]),
            [(21, UiDebris), (22, RepeatedHeadline), (23, UiDebris)]
        );
        assert_eq!(paragraphs(&arts[2]).len(), 2);
    }

    #[test]
    fn crlf_gives_the_same_articles() {
        assert!(HEADLINE_TWICE_CRLF.contains("\r\n"));
        assert_eq!(split(HEADLINE_TWICE_CRLF), split(HEADLINE_TWICE));
        assert_nothing_lost(HEADLINE_TWICE_CRLF, &split(HEADLINE_TWICE_CRLF));
    }

    #[test]
    fn back_to_back_articles_separated_by_blank_lines() {
        let arts = split(BACK_TO_BACK);
        assert_nothing_lost(BACK_TO_BACK, &arts);
        assert_eq!(
            titles(&arts),
            [
                Some("Kestria and Marova agree to reopen Tesh border crossing"),
                Some("Drought forces water rationing in southern provinces"),
                Some("Opposition calls for early election after budget defeat"),
            ]
        );
        assert_eq!(arts.iter().map(|a| a.line).collect::<Vec<_>>(), [1, 11, 19]);
        // The headline repeated inside the body is dropped; the paragraphs around stay.
        assert_eq!(reasons(&arts[0]), [(7, RepeatedHeadline)]);
        let p = paragraphs(&arts[0]);
        assert_eq!(p.len(), 3);
        assert!(p[0].starts_with("PORT ALDEN, June 12 (AFP) - Kestria and Marova agreed"));
        assert!(p[2].starts_with("Traders welcomed the decision"));
        // A byline starts the second article's body.
        assert_eq!(paragraphs(&arts[1])[0], "By Lena Okafor");
        assert_eq!(paragraphs(&arts[1]).len(), 3);
        assert!(arts[1].dropped.is_empty());
        assert_eq!(reasons(&arts[2]), [(25, RepeatedHeadline)]);
        assert_eq!(paragraphs(&arts[2]).len(), 2);
    }

    #[test]
    fn page_with_debris_between_paragraphs() {
        let arts = split(DEBRIS_PAGE);
        assert_nothing_lost(DEBRIS_PAGE, &arts);
        assert_eq!(
            titles(&arts),
            [
                Some("Kestrian parliament approves new anti-corruption court"),
                Some("Marova jails activist for three years over protest posts"),
            ]
        );
        assert_eq!(arts[0].line, 8);
        assert_eq!(arts[1].line, 26);
        assert_eq!(
            reasons(&arts[0]),
            [
                (1, UiDebris),
                (2, UiDebris),
                (3, UiDebris),
                (4, Preamble),
                (5, UiDebris),
                (6, UiDebris),
                (9, RepeatedHeadline),
                (10, UiDebris),
                (11, UiDebris),
                (12, Credit),
                (13, RepeatedCaption),
                (15, RepeatedCaption),
                (17, UiDebris),
                (19, UiDebris),
                (20, UiDebris),
                (22, UiDebris),
                (24, UiDebris),
                (25, UiDebris),
            ]
        );
        let p = paragraphs(&arts[0]);
        assert_eq!(p.len(), 5);
        assert_eq!(
            p[0],
            "Lawmakers vote in the Kestrian parliament in Vella, Kestria, November 18, 2019."
        );
        assert!(
            p[1].starts_with("VELLA, Nov 18 (Reuters) - Kestria's parliament on Monday approved")
        );
        assert!(p[4].starts_with("Justice Minister Hana Dori said"));
        assert_eq!(
            reasons(&arts[1]),
            [
                (27, RepeatedHeadline),
                (28, UiDebris),
                (30, UiDebris),
                (32, UiDebris)
            ]
        );
        assert_eq!(
            paragraphs(&arts[1])[1],
            "The activist, Sela Vari, denied the charges and said she would appeal."
        );
    }

    #[test]
    fn plain_article_is_one_article_untouched() {
        let arts = split(PLAIN);
        assert_eq!(arts.len(), 1);
        let a = &arts[0];
        assert_eq!(a.title, None);
        assert_eq!(a.line, 1);
        assert!(a.dropped.is_empty(), "{:?}", a.dropped);
        // Paragraph structure preserved; the short question is a subheading, not a
        // new article.
        assert_eq!(a.body, PLAIN.trim_end());
        assert_eq!(paragraphs(a).len(), 6);
    }

    #[test]
    fn plain_article_with_a_headline_line() {
        let text = format!("Tesh breakwater repairs to take six months\n\n{PLAIN}");
        let arts = split(&text);
        assert_eq!(arts.len(), 1);
        assert_eq!(
            arts[0].title.as_deref(),
            Some("Tesh breakwater repairs to take six months")
        );
        assert_eq!(arts[0].line, 1);
        assert_eq!(arts[0].body, PLAIN.trim_end());
        assert!(arts[0].dropped.is_empty());
        // A first line that ends like a sentence is not a title.
        let text = "The port reopened.\n\nOfficials said ferries would run again from Monday after repairs.";
        assert_eq!(split(text)[0].title, None);
        assert_eq!(split(text)[0].body, text);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let arts = split(WRAPPED);
        assert_nothing_lost(WRAPPED, &arts);
        assert_eq!(
            titles(&arts),
            [
                Some("Marova central bank raises interest rate to curb inflation"),
                Some("Kestrian exporters brace for weaker demand"),
                Some("Kestrian ports to stay open during dockworkers' strike talks"),
            ]
        );
        assert_eq!(arts.iter().map(|a| a.line).collect::<Vec<_>>(), [1, 16, 29]);
        let p = paragraphs(&arts[0]);
        assert_eq!(
            p,
            [
                "PORT ALDEN, Aug 2 (Reuters) - Marova's central bank raised its main interest rate by \
                 half a percentage point to 7.5 percent on Thursday, its third increase this year, as \
                 inflation climbed to the highest level in more than a decade.",
                "The bank said in a statement that price pressures had spread from food and fuel to \
                 services and that it was ready to act again if needed. Analysts had expected a \
                 smaller increase of a quarter point.",
                "Governor Lia Morra told reporters that the bank would not let inflation expectations \
                 \"become unanchored\", but she declined to say how high rates might go.",
            ]
        );
        assert_eq!(reasons(&arts[1]), [(23, UiDebris)]);
        assert_eq!(paragraphs(&arts[1]).len(), 2);
        assert!(paragraphs(&arts[1])[1].starts_with("The exporters' association said members"));
        // A headline right above its first paragraph is not wrapped into it.
        assert_eq!(
            paragraphs(&arts[2]),
            [
                "The government said on Friday that ports would stay open while talks with the \
                 dockworkers' union continued, easing fears of disruption to exports ahead of the \
                 harvest.",
                "Union leaders said they would decide on Monday whether to call a strike.",
            ]
        );
    }

    #[test]
    fn bodies_keep_their_dates() {
        let found = |a: &DumpArticle| date::find(&a.body, None).map(|f| f.iso);
        let arts = split(DEBRIS_PAGE);
        // The dateline's month and day, the year from the caption kept in the body.
        assert_eq!(found(&arts[0]).as_deref(), Some("2019-11-18"));
        let arts = split(HEADLINE_TWICE);
        assert_eq!(
            date::find(&arts[1].body, Some(2015))
                .map(|f| f.iso)
                .as_deref(),
            Some("2015-03-04")
        );
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\r\n\u{FEFF}\n").is_empty());
        let one = split("No newline at all, just a sentence.");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].body, "No newline at all, just a sentence.");
        // Lone carriage returns end lines too.
        let arts =
            split("Share\rThe talks resumed on Monday after a two-week pause, officials said.\r");
        assert_eq!(reasons(&arts[0]), [(1, UiDebris)]);
        assert_eq!(
            arts[0].body,
            "The talks resumed on Monday after a two-week pause, officials said."
        );
        // Only furniture: one article holding the dropped lines, so nothing is lost.
        let arts = split("TT\n20\nShare\n");
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, "");
        assert_eq!(
            reasons(&arts[0]),
            [(1, UiDebris), (2, UiDebris), (3, UiDebris)]
        );
    }

    #[test]
    fn big_inputs() {
        // (10 MB takes about 0.2 s in an optimised build; kept smaller for debug tests.)
        let long_line = "word \u{00E9}t\u{00E9} ".repeat(200_000);
        let arts = split(&long_line);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].body, long_line.trim_end());
        let copies = 2_000_000 / HEADLINE_TWICE.len() + 1;
        let many = HEADLINE_TWICE.repeat(copies);
        let arts = split(&many);
        // Each copy's first headline also ends the previous copy's last article: a new
        // article all the same, as it is followed by a dateline.
        assert_eq!(arts.len(), 3 * copies);
        assert_nothing_lost(&many, &arts);
        assert!(split(&"\n".repeat(2_000_000)).is_empty());
    }

    #[test]
    fn unicode_is_handled() {
        let text = "\u{FEFF}Ministr\u{00E9} d\u{00E9}mission \u{2014} \u{201C}crise\u{201D}\n\
                    \u{FEFF}Ministr\u{00E9} d\u{00E9}mission \u{2014} \u{201C}crise\u{201D}\n\
                    \u{1F4F7} \u{00A0}\n\
                    PARIS, 3 mars (AFP) - Le ministre a d\u{00E9}missionn\u{00E9} mardi apr\u{00E8}s une semaine de crise politique.\n";
        let arts = split(text);
        assert_nothing_lost(text, &arts);
        assert_eq!(arts.len(), 1);
        assert_eq!(
            arts[0].title.as_deref(),
            Some("Ministr\u{00E9} d\u{00E9}mission \u{2014} \u{201C}crise\u{201D}")
        );
        assert_eq!(reasons(&arts[0]), [(2, RepeatedHeadline), (3, UiDebris)]);
    }

    #[test]
    fn debris_lines() {
        for line in [
            "TT",
            "A A",
            "A- A+",
            "20",
            "1.2K",
            "3,456",
            "34 comments",
            "Comments (12)",
            "Share",
            "SHARE THIS ARTICLE",
            "Advertisement",
            "ADVERTISEMENT",
            "Read more",
            "Read more: Talks stall again",
            "Subscribe",
            "Facebook Twitter Email",
            "Home \u{203A} World \u{203A} Asia",
            "5 min read",
            "2 hours ago",
            "\u{2022}\u{2022}\u{2022}",
            "This website uses cookies. By continuing you accept our cookie policy.",
        ] {
            assert!(is_debris(line), "{line:?}");
        }
        for line in [
            "Share prices fell sharply on Monday.",
            "Talks stall again",
            "Cookies and cakes were handed out to voters.",
            "A man was arrested.",
            "20 people were injured.",
            "Follow the money, investigators said.",
        ] {
            assert!(!is_debris(line), "{line:?}");
        }
    }

    #[test]
    fn credit_lines_and_suffixes() {
        for line in [
            "(Reuters)",
            "(AFP)",
            "REUTERS/Kim Hong-Ji/File Photo",
            "REUTERS/J. Scott",
            "Photo: AP",
            "File photo",
            "AP Photo/Lena Ruiz",
            "Ilan Maro/AFP via Getty Images",
            "\u{00A9} 2017 Reuters",
            "Reporting by Ilan Maro; Additional reporting by Dana Kell; Editing by Aro Benn",
        ] {
            assert!(is_credit(line), "{line:?}");
        }
        for line in [
            "SEOUL (Reuters) - North Korea said it had tested a new engine.",
            "Reuters reported the talks had stalled.",
            "Copyright disputes rose sharply last year.",
            "Officials said the 24/7 service would resume.",
        ] {
            assert!(!is_credit(line), "{line:?}");
        }
        let caption =
            "Soldiers patrol the border near Tesh, March 3, 2015. REUTERS/Ilan Maro/File Photo";
        let at = credit_suffix_start(caption).unwrap();
        assert_eq!(&caption[at..], "REUTERS/Ilan Maro/File Photo");
        let caption = "Soldiers patrol the border. Ilan Maro/Reuters";
        assert_eq!(
            &caption[credit_suffix_start(caption).unwrap()..],
            "Ilan Maro/Reuters"
        );
        let caption = "Soldiers patrol the border (AFP)";
        assert_eq!(&caption[credit_suffix_start(caption).unwrap()..], "(AFP)");
        assert_eq!(
            credit_suffix_start("Soldiers patrol the border near Tesh."),
            None
        );
        assert_eq!(
            credit_suffix_start("Talks with Reuters/Ipsos pollsters"),
            None
        );
    }

    #[test]
    fn subheadings_and_captions_inside_an_article_do_not_split_it() {
        let text = "\
Marova and Kestria sign fishing accord
PORT ALDEN, June 2 (Reuters) - Marova and Kestria signed an accord on Tuesday sharing fishing grounds around the Selin islands, ending a dispute that had closed their border.
Fishing quotas
Under the accord, each country's fleet may take up to half of the agreed annual catch, officials said at a signing ceremony in the capital.
Fishermen unload their catch in Tesh harbour, June 1, 2015. REUTERS/Ilan Maro
Fishermen unload their catch in Tesh harbour, June 1, 2015.
Fishermen's unions in both countries said they had not been consulted and would study the text before deciding whether to support it.
";
        let arts = split(text);
        assert_eq!(arts.len(), 1);
        assert_eq!(
            arts[0].title.as_deref(),
            Some("Marova and Kestria sign fishing accord")
        );
        assert_eq!(reasons(&arts[0]), [(5, RepeatedCaption)]);
        assert!(arts[0].body.contains("\n\nFishing quotas\n\n"));
    }

    #[test]
    fn untitled_prose_before_the_first_headline_is_an_article() {
        let text = format!(
            "The talks ended without agreement late on Sunday, both delegations said in separate statements.\n{HEADLINE_TWICE}"
        );
        let arts = split(&text);
        assert_nothing_lost(&text, &arts);
        assert_eq!(arts.len(), 4);
        assert_eq!(arts[0].title, None);
        assert_eq!(arts[0].line, 1);
        assert_eq!(arts[1].line, 2);
    }

    #[test]
    fn byline_and_dateline_start_an_article_without_a_repeated_headline() {
        let text = "\
Police clash with protesters in Marovan capital
By TALA MARSH Associated Press
PORT ALDEN, Marova (AP) \u{2014} Police fired tear gas at thousands of protesters in the capital on Saturday as anger over fuel prices spilled into a third week.
The government has blamed the price rises on global markets.
___
Associated Press writer Ivo Lenn contributed to this report.
Copyright 2015 The Associated Press. All rights reserved. This material may not be published or redistributed.
Fuel subsidies to be cut further, Marova says
By TALA MARSH Associated Press
PORT ALDEN, Marova (AP) \u{2014} Marova will cut fuel subsidies further next year, the finance ministry said on Monday.
";
        let arts = split(text);
        assert_nothing_lost(text, &arts);
        assert_eq!(
            titles(&arts),
            [
                Some("Police clash with protesters in Marovan capital"),
                Some("Fuel subsidies to be cut further, Marova says"),
            ]
        );
        assert_eq!(reasons(&arts[0]), [(5, UiDebris), (6, Credit), (7, Credit)]);
        // The byline belongs to each article.
        assert_eq!(paragraphs(&arts[1])[0], "By TALA MARSH Associated Press");
        assert!(arts[1].dropped.is_empty());
    }

    #[test]
    fn a_wide_blank_gap_separates_articles() {
        let text = "\
Kestria election: ruling party wins narrow majority

Kestria's ruling party won a narrow majority in Sunday's parliamentary election, official results showed on Monday.

Key results

The opposition alliance took 150 seats, up from 122, while smaller parties shared the rest of the seats in the chamber.


Marova floods: thousands evacuated

More than 8,000 people were evacuated from low-lying areas of northern Marova on Tuesday as rivers burst their banks after days of rain.
";
        let arts = split(text);
        assert_nothing_lost(text, &arts);
        assert_eq!(
            titles(&arts),
            [
                Some("Kestria election: ruling party wins narrow majority"),
                Some("Marova floods: thousands evacuated"),
            ]
        );
        // The subheading after a single blank line stays in the first article.
        assert_eq!(paragraphs(&arts[0])[1], "Key results");
        assert_eq!(arts[1].line, 10);
        // Without the wider gap, nothing tells the second headline from a subheading.
        let narrow = text.replace("\n\n\n", "\n\n");
        assert_eq!(split(&narrow).len(), 1);
    }

    /// Lines a scraped page is made of.
    fn dump_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Marova navy seizes cargo ship near Selin islands".to_string()),
            Just("Kestria recalls ambassador as dispute escalates".to_string()),
            Just("Why did it take so long?".to_string()),
            Just("World News".to_string()),
            Just("PORT ALDEN, March 3 (Reuters) - Marova's navy seized a cargo ship near the islands on Tuesday.".to_string()),
            Just("LONDON (Reuters) - Britain said talks would resume next week.".to_string()),
            Just("The ministry said the crew of 14 were being questioned by naval officers.".to_string()),
            Just("\"This is an act of piracy,\" a spokeswoman told reporters.".to_string()),
            Just("Farmers' unions called for emergency payments.".to_string()),
            Just("By Lena Okafor".to_string()),
            Just("Published: 26 Feb 2017".to_string()),
            Just("A coast guard vessel patrols the islands. REUTERS/Ilan Maro/File Photo".to_string()),
            Just("A coast guard vessel patrols the islands.".to_string()),
            Just("(Reuters)".to_string()),
            Just("Photo: AP".to_string()),
            Just("TT".to_string()),
            Just("A A".to_string()),
            Just("20".to_string()),
            Just("1.2K".to_string()),
            Just("Share".to_string()),
            Just("Advertisement".to_string()),
            Just("Read more".to_string()),
            Just("interest rate by half a point to 7.5 percent on Thursday, its third".to_string()),
            Just(String::new()),
            Just(String::new()),
            Just("   ".to_string()),
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn never_panics_and_never_loses_a_line(
            lines in prop::collection::vec(dump_line(), 0..40),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let arts = split(&text);
            assert_nothing_lost(&text, &arts);
            if text.trim_matches(is_invisible).is_empty() {
                prop_assert!(arts.is_empty());
            } else {
                prop_assert!(!arts.is_empty());
            }
            for a in &arts {
                prop_assert!(a.line >= 1);
                prop_assert!(!a.body.starts_with('\n') && !a.body.ends_with('\n'));
                prop_assert!(a.title.as_deref().is_none_or(|t| !t.is_empty()));
            }
        }

        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,300}|(\\PC|\r|\n){0,300}") {
            let arts = split(&text);
            assert_nothing_lost(&text, &arts);
        }
    }
}
