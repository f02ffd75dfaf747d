//! Dates found in article text: datelines (`WASHINGTON, Feb 26 -`) and written dates.
//!
//! [`find`] returns the publication date an article states about itself, or nothing.
//! It never guesses: relative words ("on Tuesday", "yesterday", "last week") are not
//! dates, a month and year without a day ("in March 2003") is not a date, and a year
//! is never invented.
//!
//! # What is recognised
//!
//! The text is cut into words, numbers and single punctuation marks. A date is one of
//!
//! - month first: `February 26, 2017`, `Feb. 26 2017`, `Sept 3rd, 2016`, `MARCH 3`;
//! - day first: `26 February 2017`, `26th of Feb, 2017`, `3 March`;
//! - ISO: `2017-02-26` (also inside a timestamp, `2017-02-26T10:00Z`).
//!
//! Month names are full or abbreviated (`Sep`, `Sept`), with or without a period,
//! capitalised or in capitals (so the verb "march" and the modal "may" are not months).
//! The day must exist in that month (no February 30; February 29 only in leap
//! years), years are four digits from 1900 to 2099, and numbers that continue into
//! more digits (`3:15`, `26.5`, `2017-18`, `1980s`) do not count as a day or a year.
//!
//! A **dateline** opens a paragraph: a place, a comma, a date, an optional agency in
//! parentheses and a dash (or a colon right after the date):
//! `SEOUL, March 3 (Reuters) -`, `PARIS, Feb. 26, 2017 (AFP) –`,
//! `NEW DELHI, 26 February:`. `LONDON (Reuters) -` is a dateline without a date and
//! gives none.
//!
//! # Which date wins
//!
//! Only the beginning of the text is looked at: lines that start within the first
//! 600 bytes, and dates that start within them.
//!
//! 1. The first dateline that carries a valid date (at the start of any line in the
//!    window, so that a byline or a `Published:` line may come first). Without a year
//!    of its own, its year comes from, in order: a full written date with the same
//!    month and day *above* it (a `Published:` header; its span is returned),
//!    or `year_hint` (the year of the user's `--date`). A year mentioned in the lead
//!    ("suspended since 2019") is body text and is not used. If none, there is no
//!    date: the dateline is trusted over an unrelated written date.
//! 2. Otherwise the first full written date (with a year) in the window, e.g.
//!    `Published: 26 Feb 2017` or `Updated 3:15 PM ET, Tue March 3, 2015`.
//!
//! Dates later in the body ("in March 2003 the war began", "on Feb. 3, 2016 the court
//! ruled", past the window) are history, not the publication date, and are ignored.
//! Known limitation: a full date mentioned in the lead paragraph of an article with no
//! dateline and no header date is taken, since nothing in the text tells it apart.

use dyad_doc::Span;

/// Only lines and dates starting within this many bytes of the text are considered.
const WINDOW: usize = 600;
/// Bytes of a line examined for a dateline (a dateline is far shorter).
const DATELINE_MAX: usize = 200;

/// A date found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    pub iso: String,
    /// Where in the text it was found.
    pub span: Span,
}

/// The article's date as the text states it, if it does. `year_hint` supplies the
/// year for datelines that give only month and day.
pub fn find(text: &str, year_hint: Option<i32>) -> Option<FoundDate> {
    let head = &text[..floor_boundary(text, WINDOW + DATELINE_MAX)];
    let written = first_written(head);

    let mut line_start = 0;
    while line_start < WINDOW && line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let full_line = &text[line_start..line_end];
        let indent = full_line.len() - full_line.trim_start().len();
        let line = full_line.trim_start();
        let cut = &line[..floor_boundary(line, DATELINE_MAX)];
        if let Some(date) = parse_dateline(cut).and_then(|d| d.date) {
            let offset = line_start + indent;
            // Without a knowable year there is no date: none is invented.
            return resolve_dateline(&date, offset, written.as_ref(), year_hint);
        }
        line_start = line_end + 1;
    }
    written.and_then(|w| found(w.year?, w.month, w.day, w.start, w.end))
}

/// Whether `line` opens with a dateline (`SEOUL, March 3 (Reuters) -`,
/// `LONDON (Reuters) -`), with or without a date. Used by the dump splitter.
pub(crate) fn is_dateline(line: &str) -> bool {
    let line = line.trim_start();
    let line = &line[..floor_boundary(line, DATELINE_MAX)];
    // Every dateline has a dash or a colon: a cheap test first.
    line.contains(|c: char| c == ':' || is_dash(c)) && parse_dateline(line).is_some()
}

/// The date of a dateline found at byte `offset` of the text.
fn resolve_dateline(
    date: &DateMatch,
    offset: usize,
    written: Option<&DateMatch>,
    year_hint: Option<i32>,
) -> Option<FoundDate> {
    let (start, end) = (offset + date.start, offset + date.end);
    if let Some(year) = date.year {
        return found(year, date.month, date.day, start, end);
    }
    // A header date above the dateline (`Published: 4 May 2018`) with the same month
    // and day; one below it is body text (an anniversary, say).
    let header = written.filter(|w| w.start < start && (w.month, w.day) == (date.month, date.day));
    if let Some(f) = header.and_then(|w| found(w.year?, w.month, w.day, w.start, w.end)) {
        return Some(f);
    }
    // A year elsewhere in the lead ("suspended since 2019") is body text, not the
    // date's year: without a header date or a hint, a yearless dateline gives nothing.
    year_hint.and_then(|year| found(year, date.month, date.day, start, end))
}

/// A [`FoundDate`] when the calendar date exists.
fn found(year: i32, month: u32, day: u32, start: usize, end: usize) -> Option<FoundDate> {
    valid(year, month, day).then(|| FoundDate {
        iso: format!("{year:04}-{month:02}-{day:02}"),
        span: Span::new(start, end),
    })
}

/// The first valid date with a year starting within the window of `head`.
fn first_written(head: &str) -> Option<DateMatch> {
    let toks = tokenize(head);
    (0..toks.len())
        .take_while(|&i| toks[i].start < WINDOW)
        .filter_map(|i| match_date(head, &toks, i))
        .find(|d| d.year.is_some_and(|y| valid(y, d.month, d.day)))
}

// ---------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A run of letters (any script).
    Word,
    /// A run of ASCII digits.
    Num,
    /// Any other single non-space character.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Words, numbers and punctuation of `s`, with byte offsets; whitespace is skipped.
fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            out.push(Tok {
                kind: Kind::Punct(c),
                start,
                end: start + c.len_utf8(),
            });
            continue;
        };
        let same = |d: char| match kind {
            Kind::Num => d.is_ascii_digit(),
            _ => d.is_alphabetic(),
        };
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if !same(d) {
                break;
            }
            end = i + d.len_utf8();
            chars.next();
        }
        out.push(Tok { kind, start, end });
    }
    out
}

fn text_of<'s>(s: &'s str, t: &Tok) -> &'s str {
    &s[t.start..t.end]
}

/// No space between `a` and the token after it.
fn adjacent(toks: &[Tok], a: usize) -> bool {
    toks.get(a + 1).is_some_and(|b| b.start == toks[a].end)
}

/// The space between token `a` and the next is short and not a paragraph break.
fn near(s: &str, toks: &[Tok], a: usize) -> bool {
    toks.get(a + 1).is_some_and(|b| {
        let gap = &s[toks[a].end..b.start];
        gap.len() <= 8 && gap.matches('\n').count() <= 1
    })
}

fn is_punct(toks: &[Tok], i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
}

fn is_num(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.kind == Kind::Num)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

// ---------------------------------------------------------------------------------
// Dates

/// A date expression at bytes `start..end` of the tokenized text; `next` is the index
/// of the token after it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct DateMatch {
    year: Option<i32>,
    month: u32,
    day: u32,
    start: usize,
    end: usize,
    /// Index of the token after the date.
    next: usize,
}

/// The number of the month named by `word` (lower case; full names and common
/// abbreviations).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(m, _)| *m == word).map(|&(_, n)| n)
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// A month name at token `i` (capitalised or in capitals): its number and the index
/// after it (past an abbreviation's period).
fn month_at(s: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i).filter(|t| t.kind == Kind::Word)?;
    let word = text_of(s, t);
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let capitalised = first.is_uppercase()
        && (rest.chars().all(char::is_lowercase) || rest.chars().all(char::is_uppercase));
    if !capitalised || word.len() > 9 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let &(name, month) = MONTHS.iter().find(|(name, _)| *name == lower)?;
    let abbreviated = name.len() < 5 && name != "may" && name != "june" && name != "july";
    let next = if abbreviated && is_punct(toks, i + 1, '.') && adjacent(toks, i) {
        i + 2
    } else {
        i + 1
    };
    Some((month, next))
}

/// A day number (1–31, optional ordinal suffix) at token `i`: the day and the index
/// after it. Rejects numbers that run on (`3:15`, `26.5`, `26km`, `12/3`).
fn day_at(s: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks
        .get(i)
        .filter(|t| t.kind == Kind::Num && t.end - t.start <= 2)?;
    let day: u32 = text_of(s, t).parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let suffix = toks
        .get(i + 1)
        .filter(|n| n.kind == Kind::Word && adjacent(toks, i))
        .map(|n| text_of(s, n).to_ascii_lowercase());
    if matches!(suffix.as_deref(), Some("st" | "nd" | "rd" | "th")) {
        // An ordinal must end there: "3rd4" is not a day.
        return (!runs_on(toks, i + 1)).then_some((day, i + 2));
    }
    (!runs_on(toks, i)).then_some((day, i + 1))
}

/// Token `i` (a number) continues into another number: `3:15`, `26.5`, `1,500`,
/// `12/3`, `2017-18`, or directly into letters or digits.
fn runs_on(toks: &[Tok], i: usize) -> bool {
    if !adjacent(toks, i) {
        return false;
    }
    match toks[i + 1].kind {
        Kind::Word | Kind::Num => true,
        Kind::Punct(c) => {
            (matches!(c, ':' | '.' | ',' | '/') || is_dash(c))
                && adjacent(toks, i + 1)
                && is_num(toks, i + 2)
        }
    }
}

/// Token `i` continues a preceding number or word (`1.26`, `A26`, `3/26`).
fn continues(toks: &[Tok], i: usize) -> bool {
    if i == 0 || !adjacent(toks, i - 1) {
        return false;
    }
    match toks[i - 1].kind {
        Kind::Word | Kind::Num => true,
        Kind::Punct(c) => {
            (matches!(c, ':' | '.' | ',' | '/') || is_dash(c))
                && i >= 2
                && adjacent(toks, i - 2)
                && is_num(toks, i - 2)
        }
    }
}

/// A year (four digits, 1900–2099, not running on) at token `i`.
fn year_at(s: &str, toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks
        .get(i)
        .filter(|t| t.kind == Kind::Num && t.end - t.start == 4)?;
    let year: i32 = text_of(s, t).parse().ok()?;
    ((1900..=2099).contains(&year) && !runs_on(toks, i) && !continues(toks, i)).then_some(year)
}

/// An optional year after a day ending before token `i`: `, 2017` or ` 2017`.
fn year_after(s: &str, toks: &[Tok], i: usize) -> Option<(i32, usize)> {
    let mut j = i;
    if is_punct(toks, j, ',') && near(s, toks, j - 1) {
        j += 1;
    }
    if j == 0 || !near(s, toks, j - 1) {
        return None;
    }
    year_at(s, toks, j).map(|y| (y, j + 1))
}

/// A date expression starting at token `i` of `s`, if there is one. Without a year,
/// February 29 passes; the caller checks the day again once the year is known.
fn match_date(s: &str, toks: &[Tok], i: usize) -> Option<DateMatch> {
    let make = |year: Option<(i32, usize)>, month, day, day_end: usize| {
        let next = year.map_or(day_end, |(_, n)| n);
        Some(DateMatch {
            year: year.map(|(y, _)| y),
            month,
            day,
            start: toks[i].start,
            end: toks[next - 1].end,
            next,
        })
        .filter(|d| d.day <= days_in_month(d.year.unwrap_or(2000), d.month))
    };
    if let Some((month, j)) = month_at(s, toks, i) {
        if continues(toks, i) || !near(s, toks, j - 1) {
            return None;
        }
        let (day, k) = day_at(s, toks, j)?;
        return make(year_after(s, toks, k), month, day, k);
    }
    if continues(toks, i) {
        return None;
    }
    if let Some(iso) = iso_at(s, toks, i) {
        return Some(iso);
    }
    let (day, mut j) = day_at(s, toks, i)?;
    if !near(s, toks, j - 1) {
        return None;
    }
    if toks.get(j).is_some_and(|t| text_of(s, t) == "of") && near(s, toks, j) {
        j += 1;
    }
    let (month, k) = month_at(s, toks, j)?;
    make(year_after(s, toks, k), month, day, k)
}

/// `YYYY-MM-DD` at token `i`.
fn iso_at(s: &str, toks: &[Tok], i: usize) -> Option<DateMatch> {
    let digits = |j: usize, n: usize| {
        toks.get(j)
            .filter(|t| t.kind == Kind::Num && t.end - t.start == n)
            .and_then(|t| text_of(s, t).parse::<u32>().ok())
    };
    let year = digits(i, 4)?;
    let joined = (i..i + 4).all(|j| adjacent(toks, j));
    if !joined || !is_punct(toks, i + 1, '-') || !is_punct(toks, i + 3, '-') {
        return None;
    }
    let (month, day) = (digits(i + 2, 2)?, digits(i + 4, 2)?);
    // A timestamp may follow (`T09:30`), but not more digits (`2017-02-261`, `-26-1`).
    let tail_ok = !adjacent(toks, i + 4)
        || match toks[i + 5].kind {
            Kind::Word => true,
            Kind::Num => false,
            Kind::Punct(_) => !runs_on(toks, i + 4),
        };
    let year = i32::try_from(year).ok()?;
    (tail_ok && (1900..=2099).contains(&year) && valid(year, month, day)).then(|| DateMatch {
        year: Some(year),
        month,
        day,
        start: toks[i].start,
        end: toks[i + 4].end,
        next: i + 5,
    })
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid(year: i32, month: u32, day: u32) -> bool {
    (1900..=2099).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
}

// ---------------------------------------------------------------------------------
// Datelines

/// A dateline at the start of a line, and its date if it gives one (byte offsets
/// relative to the line).
struct Dateline {
    date: Option<DateMatch>,
}

/// Words that open a headline in capitals (`EXCLUSIVE - ...`) rather than a place.
const KICKERS: [&str; 16] = [
    "ANALYSIS",
    "BREAKING",
    "COLUMN",
    "CORRECTED",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACTBOX",
    "FOCUS",
    "INSIGHT",
    "INTERVIEW",
    "OPINION",
    "PREVIEW",
    "REFILE",
    "TIMELINE",
    "UPDATE",
    "WRAPUP",
];

/// Parse `PLACE[, more place], DATE [(Agency)] -` or `PLACE (Agency) -` at the start
/// of `line` (already trimmed and cut short).
fn parse_dateline(line: &str) -> Option<Dateline> {
    let toks = tokenize(line);
    let first = toks
        .first()
        .filter(|t| t.kind == Kind::Word && t.start == 0)?;
    if !text_of(line, first).starts_with(char::is_uppercase) {
        return None;
    }
    let sep = separator(&toks)?;
    // An agency in parentheses right before the separator.
    let mut end = sep;
    let mut agency = false;
    if is_punct(&toks, sep - 1, ')') {
        let open = (sep.saturating_sub(8)..sep - 1)
            .rev()
            .find(|&k| is_punct(&toks, k, '('))?;
        if open == 0 || (open + 1..sep - 1).any(|k| toks[k].kind == Kind::Num) {
            return None;
        }
        agency = open + 1 < sep - 1;
        end = open;
    }
    // A date ending right there, after a comma.
    let date = (1..end)
        .filter(|&k| is_punct(&toks, k - 1, ','))
        .find_map(|k| match_date(line, &toks, k).filter(|d| d.next == end));
    let place_end = match &date {
        Some(d) => toks.iter().position(|t| t.start == d.start)? - 1,
        None => end,
    };
    if is_punct(&toks, sep, ':') && date.is_none() {
        return None;
    }
    let place = &toks[..place_end];
    let place_ok = place.iter().all(|t| match t.kind {
        Kind::Word => true,
        Kind::Num => false,
        Kind::Punct(c) => matches!(c, '.' | ',' | '\'' | '\u{2019}') || is_dash(c),
    });
    let words = place.iter().filter(|t| t.kind == Kind::Word).count();
    if !place_ok || words == 0 || words > 8 {
        return None;
    }
    if date.is_none() {
        let head = text_of(line, first);
        let capitals = head.chars().count() >= 2 && head.chars().all(char::is_uppercase);
        if !(agency || capitals && !KICKERS.contains(&head)) {
            return None;
        }
    }
    Some(Dateline { date })
}

/// The index of a dateline's separator among the first tokens: a dash (or run of
/// dashes) with space before it (or a `)`) and space or the line end after it, or a
/// colon right after a word or number (`NEW DELHI, Feb 26:`; the caller then requires
/// a date).
fn separator(toks: &[Tok]) -> Option<usize> {
    for k in 1..toks.len().min(24) {
        let Kind::Punct(c) = toks[k].kind else {
            continue;
        };
        let spaced_before = !adjacent(toks, k - 1) || is_punct(toks, k - 1, ')');
        if is_dash(c) && spaced_before {
            let mut e = k;
            while e + 1 < toks.len()
                && adjacent(toks, e)
                && matches!(toks[e + 1].kind, Kind::Punct(d) if is_dash(d))
            {
                e += 1;
            }
            if e - k < 3 && !adjacent(toks, e) {
                return Some(k);
            }
        }
        if c == ':'
            && toks[k - 1].kind != Kind::Punct(')')
            && adjacent(toks, k - 1)
            && !adjacent(toks, k)
        {
            return Some(k);
        }
    }
    None
}

/// The largest char boundary of `s` at or below `at`.
pub(crate) fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The ISO date and the text of its span.
    fn get(text: &str, hint: Option<i32>) -> Option<(String, String)> {
        find(text, hint).map(|f| (f.iso, text[f.span.range()].to_string()))
    }

    fn some(iso: &str, span: &str) -> Option<(String, String)> {
        Some((iso.to_string(), span.to_string()))
    }

    #[test]
    fn dateline_month_day_with_hint() {
        let t = "WASHINGTON, Feb 26 - The Senate approved a budget measure late on Monday.";
        assert_eq!(get(t, Some(2017)), some("2017-02-26", "Feb 26"));
    }

    #[test]
    fn dateline_with_agency() {
        let t = "SEOUL, March 3 (Reuters) - South Korea's navy said it tracked two vessels.";
        assert_eq!(get(t, Some(2015)), some("2015-03-03", "March 3"));
        let t = "SEOUL, March 3 (Yonhap) -- The navy said it tracked two vessels.";
        assert_eq!(get(t, Some(2015)), some("2015-03-03", "March 3"));
    }

    #[test]
    fn dateline_with_year_and_en_dash() {
        let t = "PARIS, Feb. 26, 2017 (AFP) \u{2013} Farmers blocked roads around the capital.";
        assert_eq!(get(t, None), some("2017-02-26", "Feb. 26, 2017"));
        // The year stated in the dateline beats the hint.
        assert_eq!(get(t, Some(2020)), some("2017-02-26", "Feb. 26, 2017"));
    }

    #[test]
    fn dateline_day_first_and_colon() {
        let t = "NEW DELHI, 26 February: The ministry announced a review of fuel prices.";
        assert_eq!(get(t, Some(2019)), some("2019-02-26", "26 February"));
        let t = "LONDON, 26 February 2017 (Reuters) - Shares fell.";
        assert_eq!(get(t, None), some("2017-02-26", "26 February 2017"));
    }

    #[test]
    fn dateline_with_long_place_and_em_dash() {
        let t = "ST. LOUIS, Mo., Sept. 14 \u{2014} Flood waters crested overnight.";
        assert_eq!(get(t, Some(2016)), some("2016-09-14", "Sept. 14"));
        let t = "KABUL, Afghanistan, Tuesday, Nov 3 (AP) - A convoy was attacked.";
        assert_eq!(get(t, Some(2009)), some("2009-11-03", "Nov 3"));
        let t = "WINSTON-SALEM, Oct 2 - Workers walked out.";
        assert_eq!(get(t, Some(2011)), some("2011-10-02", "Oct 2"));
    }

    #[test]
    fn dateline_without_date_is_not_a_date() {
        let t = "LONDON (Reuters) - Britain's finance minister said on Tuesday that talks would resume.";
        assert_eq!(get(t, Some(2017)), None);
        assert!(is_dateline(t));
        assert!(is_dateline(
            "KABUL, Afghanistan (AP) \u{2014} Gunmen attacked"
        ));
        assert!(!is_dateline("EXCLUSIVE - Ministers plan a review"));
        assert!(!is_dateline("Talks collapse - officials"));
    }

    #[test]
    fn dateline_without_year_ignores_years_in_the_lead() {
        let t = "OSLO, May 4 - Talks suspended since 2018 resumed with a walkout.";
        assert_eq!(get(t, None), None);
        assert_eq!(get(t, Some(2017)), some("2017-05-04", "May 4"));
    }

    #[test]
    fn dateline_without_any_year_gives_nothing() {
        let t =
            "OSLO, May 4 - The budget talks opened with a walkout.\n\nIn March 2003 the war began.";
        assert_eq!(get(t, None), None);
        // ... even when an unrelated written date follows.
        let t = "OSLO, May 4 - The treaty signed on January 5, 2016 was discussed.";
        assert_eq!(get(t, None), None);
    }

    #[test]
    fn dateline_year_from_matching_header_date() {
        let t = "Published: 4 May 2018\n\nOSLO, May 4 (Reuters) - Talks opened.";
        assert_eq!(get(t, Some(2024)), some("2018-05-04", "4 May 2018"));
    }

    #[test]
    fn dateline_year_not_from_an_anniversary_below() {
        let t = "OSLO, May 4 - Talks opened five years after the May 4, 2010 accord.";
        assert_eq!(get(t, Some(2015)), some("2015-05-04", "May 4"));
        assert_eq!(get(t, None), None);
        let t = "OSLO, May 4 - Talks opened.\n\nThe May 4, 2010 accord was recalled.";
        assert_eq!(get(t, None), None);
    }

    #[test]
    fn dateline_with_weekday_and_year() {
        let t = "WASHINGTON, Tuesday, March 3, 2015 - The House voted.";
        assert_eq!(get(t, None), some("2015-03-03", "March 3, 2015"));
        let t = "BEIJING, March 3 (Xinhua) -- China said on Tuesday it would cut tariffs.";
        assert_eq!(get(t, Some(2015)), some("2015-03-03", "March 3"));
    }

    #[test]
    fn dateline_in_later_paragraph_of_the_head() {
        let t = "By Tala Marsh\n\nCAIRO, Aug. 9 (Reuters) - Officials met on Sunday.";
        assert_eq!(get(t, Some(2014)), some("2014-08-09", "Aug. 9"));
    }

    #[test]
    fn leap_years() {
        let t = "ROME, Feb 29 - Rain fell.";
        assert_eq!(get(t, Some(2016)), some("2016-02-29", "Feb 29"));
        assert_eq!(get(t, Some(2017)), None);
        assert_eq!(get(t, Some(2000)), some("2000-02-29", "Feb 29"));
        assert_eq!(get("February 29, 1900 was not a day.", None), None);
        assert_eq!(
            get("It was February 29, 2024.", None),
            some("2024-02-29", "February 29, 2024")
        );
    }

    #[test]
    fn impossible_days_are_not_dates() {
        assert_eq!(get("ROME, Feb 30 - Rain fell.", Some(2016)), None);
        assert_eq!(get("Published: April 31, 2017", None), None);
        assert_eq!(get("Posted 31 June 2017", None), None);
        assert_eq!(get("2017-02-30 and 2017-13-01", None), None);
        assert_eq!(get("Published 0 March 2017 and March 32, 2017", None), None);
    }

    #[test]
    fn written_dates() {
        assert_eq!(
            get("February 26, 2017\n\nTroops moved.", None),
            some("2017-02-26", "February 26, 2017")
        );
        assert_eq!(
            get("Filed 26 February 2017 at noon.", None),
            some("2017-02-26", "26 February 2017")
        );
        assert_eq!(
            get("Dated 2017-02-26.", None),
            some("2017-02-26", "2017-02-26")
        );
        assert_eq!(
            get("2017-02-26T09:30:00Z", None),
            some("2017-02-26", "2017-02-26")
        );
        assert_eq!(
            get("Published: 26 Feb 2017", None),
            some("2017-02-26", "26 Feb 2017")
        );
        assert_eq!(
            get(
                "Updated 3:15 PM ET, Tue March 3, 2015\n\nThe vote was delayed.",
                None
            ),
            some("2015-03-03", "March 3, 2015")
        );
        assert_eq!(
            get("Sept. 11, 2001", None),
            some("2001-09-11", "Sept. 11, 2001")
        );
        assert_eq!(
            get("Sept 11 2001", None),
            some("2001-09-11", "Sept 11 2001")
        );
        assert_eq!(
            get("on the 3rd of March, 2015", None),
            some("2015-03-03", "3rd of March, 2015")
        );
        assert_eq!(get("JAN 5, 2012", None), some("2012-01-05", "JAN 5, 2012"));
        assert_eq!(
            get("Dec. 1st, 1999", None),
            some("1999-12-01", "Dec. 1st, 1999")
        );
    }

    #[test]
    fn relative_and_partial_dates_are_not_dates() {
        for t in [
            "Officials said on Tuesday that talks had failed.",
            "The minister resigned yesterday.",
            "Last week the army withdrew.",
            "In March 2003 the war began.",
            "Talks resume on March 3.",
            "The march 3 kilometres long ended at noon in 2017.",
            "They may 5 times a day.",
            "At 3:15 on 12/03/2017 nothing happened.",
            "A 1,500-strong force arrived on Feb 26, 20170.",
            "Feb 26 2017-18 season",
            "",
        ] {
            assert_eq!(get(t, None), None, "{t:?}");
        }
        // A dateline-less month-day is not a date, even with a hint.
        assert_eq!(get("Talks resume on March 3.", Some(2015)), None);
    }

    #[test]
    fn dates_late_in_the_body_are_ignored() {
        let mut t = String::from("The ministry said talks would continue. ");
        while t.len() < 700 {
            t.push_str("Delegates from both sides met again to discuss the border. ");
        }
        t.push_str("The first round was held on March 3, 2003.");
        assert_eq!(get(&t, None), None);
        let t = format!("Filed February 26, 2017.\n\n{t}");
        assert_eq!(get(&t, None), some("2017-02-26", "February 26, 2017"));
    }

    #[test]
    fn dates_near_non_ascii_text() {
        let t = "\u{201C}Quoi?\u{201D} \u{00E9}t\u{00E9} \u{2014} 26 f\u{00E9}vrier 2017, Published 26 February 2017 \u{1F600}";
        assert_eq!(get(t, None), some("2017-02-26", "26 February 2017"));
        let t = "M\u{00DC}NCHEN, March 3 (dpa) - Ein Test.";
        assert_eq!(get(t, Some(2015)), some("2015-03-03", "March 3"));
        // Cut points of the window inside multi-byte characters must not panic.
        for n in 590..610 {
            let t = format!(
                "{}March 3, 2015 \u{00E9}\u{00E9}\u{00E9}",
                "\u{00E9}".repeat(n / 2)
            );
            let _ = find(&t, None);
            let t = format!("{}\u{1F600}{}", "x".repeat(n), "\u{1F600}".repeat(100));
            assert_eq!(find(&t, Some(2017)), None);
        }
    }

    #[test]
    fn span_slices_the_date() {
        let t = "  \u{00C9}DITION\n\nOSLO, Feb 26 (NTB) - Snow.";
        let f = find(t, Some(2010)).unwrap();
        assert_eq!(&t[f.span.range()], "Feb 26");
        assert_eq!(f.iso, "2010-02-26");
    }

    #[test]
    fn months_need_capitals() {
        assert_eq!(get("march 3, 2015", None), None);
        assert_eq!(
            get("MARCH 3, 2015", None),
            some("2015-03-03", "MARCH 3, 2015")
        );
        assert_eq!(get("MArch 3, 2015", None), None);
    }

    /// Pieces of text around dates.
    fn date_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Feb".to_string()),
            Just("Feb.".to_string()),
            Just("Sept".to_string()),
            Just("March".to_string()),
            Just("MAY".to_string()),
            Just("29".to_string()),
            Just("3rd".to_string()),
            Just("2016".to_string()),
            Just("1899".to_string()),
            Just("2017-02-26".to_string()),
            Just("OSLO,".to_string()),
            Just("(Reuters)".to_string()),
            Just(" - ".to_string()),
            Just("\u{2014}".to_string()),
            Just(":".to_string()),
            Just(",".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\u{00E9}\u{1F600}".to_string()),
            "[0-9]{1,5}",
            "\\PC{1,4}",
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn spans_slice_the_text(text in date_text(), hint in prop::option::of(1890i32..2110)) {
            if let Some(f) = find(&text, hint) {
                let slice = text.get(f.span.range());
                prop_assert!(slice.is_some_and(|s| !s.is_empty()), "{:?}", f);
                prop_assert_eq!(f.iso.len(), 10);
                let (y, m, d) = (&f.iso[..4], &f.iso[5..7], &f.iso[8..]);
                prop_assert!(valid(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap()));
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "-",
            "A -",
            "A, -",
            "A (",
            "A ) -",
            "A () -",
            "X, 3 -",
            ", Feb 3 -",
            "OSLO, Feb",
            "OSLO, Feb 3",
            "OSLO, Feb 3,",
            "2017-",
            "2017-02-",
            "3rd",
            "Feb 3rd",
            "\u{FEFF}OSLO, Feb 3 - x",
            "\r\n\r\n",
        ] {
            let _ = find(t, None);
            let _ = find(t, Some(2017));
            let _ = is_dateline(t);
        }
    }
}
