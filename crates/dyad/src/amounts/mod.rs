//! Amounts: the numbers a story reports, with unit, the thing counted or measured,
//! and an approximation (`some 90% of the budget`, `$2.5 billion in aid`, `three
//! soldiers`, `a range of 1,800 km`, `several hundred protesters`).
//!
//! Numbers in digits (`1,800`, `2.5`, `1.13bn`, `600m`) and in words (`twenty-five`,
//! `two million`, `a hundred`) are read with their scale words; units and
//! currencies come from `data/lang/en/units.txt` (compiled in). The object is the
//! noun the number counts (`three soldiers`), the noun after `of` (`90% of the
//! budget`) or after `in` for money (`$5m in aid`), or the noun before `of` when
//! the amount measures it (`a range of 1,800 km`). Qualifiers (`about`, `more
//! than`, `up to`, `several`, `hundreds of`) are kept; for a vague amount the
//! value is its lower bound (`several hundred` → 100, `tens of thousands` → 10,000).
//!
//! Deliberately **not** amounts: years (`in 2019`, `the 2016 election`, but `2000
//! troops` is one), dates (`5 March`), times (`10:30`, `5 pm`), ordinals (`1st`),
//! decades (`1990s`), numbers with hyphens or slashes (scores, ranges, phone numbers),
//! labels (`page 3`, `Flight 370`, a number after a capitalised name), the word
//! `one` without a noun after it (`one of them`, `no one`), and spelled-out
//! numbers with neither unit nor object.
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//!
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let doc = pipeline.process(RawArticle::from_text("d", "The missile has a range of 1,800 km."));
//! let a = &doc.amounts()[0];
//! assert_eq!((a.value, a.unit.as_deref()), (1800.0, Some("km")));
//! assert_eq!(a.object.map(|s| s.slice(doc.text())), Some("range"));
//! ```

pub mod numbers;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dyad_doc::{Amount, Doc, Span, TokenKind};

use crate::pipeline::Component;
use crate::segment::lexicon::{parse_list, ListError};

use numbers::{parse_digits, plural_scale, scale_value, word_value};

const FILE: &str = "units.txt";

/// Units, currencies and label words for amounts.
#[derive(Debug, Default)]
pub struct UnitLexicon {
    /// Forms written after the number, as lower-case tokens joined by spaces.
    suffix: HashMap<String, String>,
    max_tokens: usize,
    /// Currency signs written before the number (`$`, `us$`, `£`).
    prefix: HashMap<String, String>,
    labels: HashSet<String>,
}

/// Currencies are written as ISO 4217 codes (`USD`) in `units.txt`.
fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase())
}

fn is_currency_sign(c: char) -> bool {
    matches!(c, '$' | '\u{A3}' | '\u{20AC}' | '\u{A5}')
}

impl UnitLexicon {
    /// Parse the `units.txt` format (see the file's header); errors name the line.
    pub fn parse(file: &str, text: &str) -> Result<UnitLexicon, ListError> {
        let err = |line: usize, message: String| ListError {
            file: file.to_string(),
            line,
            message,
        };
        let mut lex = UnitLexicon::default();
        let mut section = "";
        for (line, fields) in parse_list(file, text)? {
            match fields.as_slice() {
                ["[units]"] => section = "units",
                ["[labels]"] => section = "labels",
                [head] if head.starts_with('[') => {
                    return Err(err(line, format!("unknown section `{head}`")))
                }
                _ if section == "labels" => {
                    lex.labels.extend(fields.iter().map(|f| f.to_string()));
                }
                [unit, forms @ ..] if section == "units" && !forms.is_empty() => {
                    for form in forms {
                        if form.chars().any(char::is_uppercase) {
                            return Err(err(line, format!("`{form}`: write forms in lower case")));
                        }
                        if form.ends_with(is_currency_sign) {
                            lex.prefix.insert(form.to_string(), unit.to_string());
                        } else {
                            let key = form.replace('_', " ");
                            lex.max_tokens = lex.max_tokens.max(key.split(' ').count());
                            if lex.suffix.insert(key, unit.to_string()).is_some() {
                                return Err(err(line, format!("`{form}` is listed twice")));
                            }
                        }
                    }
                }
                _ if section.is_empty() => {
                    return Err(err(
                        line,
                        "entry before any [units]/[labels] section".into(),
                    ))
                }
                _ => return Err(err(line, "expected `UNIT FORM...`".into())),
            }
        }
        Ok(lex)
    }

    /// The compiled-in English units (`data/lang/en/units.txt`).
    pub fn builtin() -> &'static UnitLexicon {
        static LEX: OnceLock<UnitLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            UnitLexicon::parse(FILE, include_str!("../../../../data/lang/en/units.txt"))
                .expect("the built-in unit list is checked by its tests")
        })
    }

    /// The unit a form written after a number names (`km`, `per cent`).
    pub fn suffix_unit(&self, form: &str) -> Option<&str> {
        self.suffix.get(form).map(String::as_str)
    }

    /// The currency a sign written before a number names (`$`, `us$`).
    pub fn prefix_unit(&self, sign: &str) -> Option<&str> {
        self.prefix.get(sign).map(String::as_str)
    }

    /// Whether `word` (lower case) labels a following number (`page`, `flight`).
    pub fn is_label(&self, word: &str) -> bool {
        self.labels.contains(word)
    }
}

/// Approximations and bounds written before a number, longest first.
const QUALIFIERS: &[&[&str]] = &[
    &["no", "more", "than"],
    &["no", "fewer", "than"],
    &["no", "less", "than"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["as", "little", "as"],
    &["in", "excess", "of"],
    &["upwards", "of"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["close", "to"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["an", "estimated"],
    &["about"],
    &["around"],
    &["some"],
    &["nearly"],
    &["almost"],
    &["roughly"],
    &["approximately"],
    &["approx"],
    &["over"],
    &["under"],
    &["estimated"],
    &["several"],
    &["only"],
    &["just"],
    &["barely"],
    &["a", "few"],
    &["few"],
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const TIME_WORDS: &[&str] = &[
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "bst",
    "utc",
    "est",
    "edt",
    "pst",
    "pdt",
    "cet",
    "et",
    "o'clock",
    "hrs",
    "hours-gmt",
];

/// Words that end an object search without being nouns (used when there are no tags).
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "which",
    "who", "it", "they", "he", "she", "we", "as", "than", "more", "less", "per", "each", "over",
    "under", "about", "into", "after", "before", "since", "while", "year",
];

struct Ctx<'a> {
    doc: &'a Doc,
    lex: &'a UnitLexicon,
    keys: Vec<String>,
    tags: Vec<&'static str>,
}

impl Ctx<'_> {
    fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", String::as_str)
    }

    fn text(&self, i: usize) -> &str {
        self.doc.token(i).text()
    }

    fn tag(&self, i: usize) -> &'static str {
        self.tags.get(i).copied().unwrap_or("")
    }

    fn is_noun(&self, i: usize) -> bool {
        let tag = self.tag(i);
        if tag.is_empty() {
            let k = self.key(i);
            k.chars().all(char::is_alphabetic)
                && !k.is_empty()
                && !FUNCTION_WORDS.contains(&k)
                && word_value(k).is_none()
        } else {
            tag.starts_with("NN") && self.doc.token(i).kind() == TokenKind::Word
        }
    }

    /// A modifier that may stand between a number and its noun (`three *wounded*
    /// soldiers`, `2,000 *-strong* force`).
    fn is_modifier(&self, i: usize) -> bool {
        let tag = self.tag(i);
        if tag.is_empty() {
            return false;
        }
        matches!(
            tag,
            "JJ" | "JJR" | "JJS" | "VBN" | "HYPH" | "NNP" | "NNPS" | "RBS"
        ) || (tag == "VBG" && self.key(i) != "including")
    }

    fn span(&self, tokens: std::ops::Range<usize>) -> Span {
        let d = self.doc.token_data();
        Span::new(d[tokens.start].span.start, d[tokens.end - 1].span.end)
    }
}

/// The number at token `i`: its value, the last token it uses, a unit written
/// inside the token (`1,800km`, `5%`) and whether it was spelled out.
struct Number {
    value: f64,
    last: usize,
    unit: Option<String>,
    spelled: bool,
    scaled: bool,
}

fn digit_number(ctx: &Ctx, i: usize, text: &str) -> Option<Number> {
    let (value, rest) = parse_digits(text)?;
    let rest_l = rest.to_lowercase();
    let mut n = Number {
        value,
        last: i,
        unit: None,
        spelled: false,
        scaled: false,
    };
    if rest_l.is_empty() {
        return Some(n);
    }
    if let Some(s) = scale_value(&rest_l) {
        n.value *= s;
        n.scaled = true;
        return Some(n);
    }
    if let Some(u) = ctx.lex.suffix_unit(&rest_l) {
        n.unit = Some(u.to_string());
        return Some(n);
    }
    None
}

fn spelled_number(ctx: &Ctx, i: usize, end: usize) -> Option<Number> {
    let (mut total, mut current, mut any, mut last) = (0.0f64, 0.0f64, false, i);
    let mut j = i;
    // `a hundred`, `a million`, `a dozen`.
    if matches!(ctx.key(i), "a" | "an")
        && ctx
            .keys
            .get(i + 1)
            .and_then(|k| word_value(k))
            .is_some_and(|(_, scale)| scale)
    {
        current = 1.0;
        j = i + 1;
    }
    while j < end {
        let k = ctx.key(j);
        if any && (k == "-" || k == "and") {
            let next_is_number = ctx
                .keys
                .get(j + 1)
                .is_some_and(|n| j + 1 < end && word_value(n).is_some_and(|(_, s)| !s));
            if next_is_number {
                j += 1;
                continue;
            }
            break;
        }
        let mut parts = Vec::new();
        for part in k.split('-') {
            match word_value(part) {
                Some(v) => parts.push(v),
                None => {
                    parts.clear();
                    break;
                }
            }
        }
        if parts.is_empty() {
            break;
        }
        for (v, scale) in parts {
            if !scale {
                current += v;
            } else if v < 1000.0 {
                current = current.max(1.0) * v;
            } else {
                total += current.max(1.0) * v;
                current = 0.0;
            }
        }
        any = true;
        last = j;
        j += 1;
    }
    if !any {
        return None;
    }
    Some(Number {
        value: total + current,
        last,
        unit: None,
        spelled: true,
        scaled: false,
    })
}

/// The head noun of the noun phrase starting at `i`: the last noun of a run of
/// determiners, possessives, modifiers and nouns (`NATO's military capabilities`).
fn noun_phrase_head(ctx: &Ctx, i: usize, end: usize, allow_det: bool) -> Option<usize> {
    let mut head = None;
    let mut j = i;
    while j < end && j < i + 7 {
        let k = ctx.key(j);
        let det = allow_det
            && (matches!(ctx.tag(j), "DT" | "PRP$" | "POS" | "CD")
                || matches!(
                    k,
                    "the" | "its" | "their" | "his" | "her" | "'s" | "\u{2019}s"
                ));
        if ctx.is_noun(j) {
            head = Some(j);
        } else if (head.is_some() && !matches!(ctx.tag(j), "POS") && k != "'s")
            || !(det || ctx.is_modifier(j))
        {
            break;
        }
        j += 1;
    }
    head
}

fn read_amount(ctx: &Ctx, i: usize, end: usize) -> Option<(Amount, usize)> {
    let tok = ctx.doc.token(i);
    let text = tok.text();
    let lower = ctx.key(i);
    let mut unit: Option<String> = None;
    let mut first = i;
    let mut n: Option<Number> = None;
    let mut vague: Option<std::ops::Range<usize>> = None;

    // `$5`, `US$5` in one token; `$` `5` as two.
    if let Some(u) = ctx.lex.prefix_unit(lower) {
        if i + 1 < end {
            let next = ctx.doc.token(i + 1);
            if next.kind() == TokenKind::Number {
                n = digit_number(ctx, i + 1, next.text());
                if n.is_some() {
                    unit = Some(u.to_string());
                }
            }
        }
        n.as_ref()?;
    } else if let Some(pos) = lower.find(is_currency_sign) {
        let sign_end = pos + lower[pos..].chars().next().map_or(1, char::len_utf8);
        let u = ctx.lex.prefix_unit(&lower[..sign_end])?;
        n = Some(digit_number(ctx, i, text.get(sign_end..)?)?);
        unit = Some(u.to_string());
    } else if tok.kind() == TokenKind::Number {
        n = Some(digit_number(ctx, i, text)?);
    } else if let Some(ps) = plural_scale(lower) {
        // `hundreds of`, `tens of thousands of`.
        if ctx.key(i + 1) != "of" || i + 2 >= end {
            return None;
        }
        let mut value = ps;
        let mut last = i;
        if let Some(ps2) = plural_scale(ctx.key(i + 2)) {
            if ctx.key(i + 3) == "of" && ps2 > ps {
                value *= ps2;
                last = i + 2;
            }
        }
        if lower == "tens" && last == i {
            return None;
        }
        vague = Some(i..last + 1);
        n = Some(Number {
            value,
            last,
            unit: None,
            spelled: true,
            scaled: true,
        });
    } else {
        n = Some(spelled_number(ctx, i, end)?);
    }
    let mut n = n?;
    let num_tok = if unit.is_some() && ctx.lex.prefix_unit(lower).is_some() {
        i + 1
    } else {
        i
    };
    if unit.is_none() {
        unit = n.unit.take();
    }
    let mut last = n.last;
    // Scale words after digits: `2.5 billion`, `300 million`.
    if !n.spelled {
        if let Some(s) = ctx.keys.get(last + 1).and_then(|k| scale_value(k)) {
            if last + 1 < end && ctx.doc.token(last + 1).kind() == TokenKind::Word {
                let k = ctx.key(last + 1);
                if k.len() > 2 {
                    n.value *= s;
                    n.scaled = true;
                    last += 1;
                }
            }
        }
    }
    // Unit after the number (longest form).
    if unit.as_deref().is_none_or(is_currency) {
        let mut best = None;
        let mut key = String::new();
        for len in 1..=ctx.lex.max_tokens {
            let j = last + len;
            if j >= end {
                break;
            }
            if len > 1 {
                key.push(' ');
            }
            key.push_str(ctx.key(j));
            if let Some(u) = ctx.lex.suffix_unit(&key) {
                best = Some((j, u));
            }
        }
        if let Some((j, u)) = best {
            // A currency written before the number is not repeated after it.
            let same_currency = unit.as_deref() == Some(u);
            if unit.is_none() || same_currency {
                unit = Some(u.to_string());
                last = j;
            }
        }
        // `16-foot crater`: the unit after a hyphen.
        if unit.is_none() && ctx.key(last + 1) == "-" && last + 2 < end {
            if let Some(u) = ctx.lex.suffix_unit(ctx.key(last + 2)) {
                unit = Some(u.to_string());
                last += 2;
            }
        }
    }

    let prev = num_tok
        .checked_sub(1)
        .filter(|&p| p >= ctx.doc.sentence_data()[ctx.doc.sentence_of(i)].tokens.start);
    let sentence_start = ctx.doc.sentence_data()[ctx.doc.sentence_of(i)].tokens.start;
    let first_is_number = first == num_tok;
    if unit.is_none() && !n.scaled && vague.is_none() {
        // Not an amount: labels, dates, times, years, ordinals.
        let prev_key = prev.map_or("", |p| ctx.key(p));
        let next_key = ctx.key(last + 1);
        if prev.is_some_and(|p| {
            ctx.lex.is_label(prev_key.trim_end_matches('.'))
                || (p > sentence_start
                    && ctx.text(p).starts_with(char::is_uppercase)
                    && matches!(ctx.tag(p), "NNP" | "NNPS")
                    && !ctx.lex.is_label(prev_key))
        }) && first_is_number
        {
            return None;
        }
        if MONTHS.contains(&prev_key.trim_end_matches('.'))
            || MONTHS.contains(&next_key.trim_end_matches('.'))
            || TIME_WORDS.contains(&next_key)
        {
            return None;
        }
        let t = ctx.text(num_tok);
        let year_like = !n.spelled
            && t.len() == 4
            && t.chars().all(|c| c.is_ascii_digit())
            && (1800.0..=2100.0).contains(&n.value);
        if year_like {
            let plural_noun_next = last + 1 < end && ctx.tag(last + 1) == "NNS";
            let det_before = matches!(
                prev_key,
                "the"
                    | "a"
                    | "in"
                    | "since"
                    | "of"
                    | "by"
                    | "from"
                    | "until"
                    | "to"
                    | "and"
                    | "or"
                    | "its"
                    | "their"
                    | "'s"
                    | "before"
                    | "after"
                    | "during"
                    | "for"
                    | "between"
            );
            if !plural_noun_next || det_before {
                return None;
            }
        }
    }

    // Qualifier before the number (or its currency sign).
    let mut qualifier: Option<std::ops::Range<usize>> = vague.clone();
    if qualifier.is_none() {
        for q in QUALIFIERS {
            let len = q.len();
            if first < sentence_start + len {
                continue;
            }
            let at = first - len;
            if (0..len).all(|k| ctx.key(at + k) == q[k]) {
                qualifier = Some(at..first);
                break;
            }
        }
    }
    if let Some(q) = &qualifier {
        first = first.min(q.start);
    }

    // Object.
    let mut object = None;
    let after = last + 1;
    let currency = unit.as_deref().is_some_and(is_currency);
    if after < end {
        let k = ctx.key(after);
        if k == "of" {
            object = noun_phrase_head(ctx, after + 1, end, true);
        } else if k == "in" && currency {
            object = noun_phrase_head(ctx, after + 1, end, false);
        } else if !(unit.is_some() && n.spelled && n.value == 1.0) {
            object = noun_phrase_head(ctx, after, end, false);
        }
        // Plain counts take the noun right after them; a unit word is not an object.
        if let Some(o) = object {
            if ctx.lex.suffix_unit(ctx.key(o)).is_some() && unit.is_none() {
                object = None;
            }
        }
    }
    if object.is_none() && unit.is_some() && first >= sentence_start + 2 {
        // `a range of 1,800 km`, `a profit of $3.36bn`.
        if ctx.key(first - 1) == "of" && ctx.is_noun(first - 2) {
            object = Some(first - 2);
        }
    }
    if n.spelled && unit.is_none() && object.is_none() && !n.scaled {
        return None;
    }
    if n.spelled && n.value == 1.0 && vague.is_none() && object != Some(last + 1) {
        return None;
    }
    let amount = Amount {
        span: ctx.span(first..last + 1),
        value: n.value,
        unit,
        object: object.map(|o| ctx.span(o..o + 1)),
        qualifier: qualifier.map(|q| ctx.span(q)),
    };
    Some((amount, last + 1))
}

/// Every amount of `doc`, in text order.
pub fn find(doc: &Doc, lex: &UnitLexicon) -> Vec<Amount> {
    let has_syntax = doc.has_syntax();
    let ctx = Ctx {
        doc,
        lex,
        keys: doc
            .tokens()
            .map(|t| t.text().to_lowercase().replace('\u{2019}', "'"))
            .collect(),
        tags: if has_syntax {
            doc.tokens().map(|t| t.tag()).collect()
        } else {
            Vec::new()
        },
    };
    let mut out = Vec::new();
    for s in doc.sentences() {
        let range = s.token_range();
        let mut i = range.start;
        while i < range.end {
            match read_amount(&ctx, i, range.end) {
                Some((a, next)) => {
                    out.push(a);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
    out
}

/// The amount stage.
pub struct Amounts {
    lex: &'static UnitLexicon,
}

impl Amounts {
    /// An amount stage over the built-in units.
    pub fn new() -> Amounts {
        Amounts {
            lex: UnitLexicon::builtin(),
        }
    }
}

impl Default for Amounts {
    fn default() -> Amounts {
        Amounts::new()
    }
}

impl Component for Amounts {
    fn name(&self) -> &'static str {
        "amounts"
    }

    fn process(&self, doc: &mut Doc) {
        let amounts = find(doc, self.lex);
        if let Err(e) = doc.set_amounts(amounts) {
            doc.diagnostics.push(format!("amounts: {e}"));
        }
    }
}
