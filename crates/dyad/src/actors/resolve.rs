//! From dictionary matches to coded actor mentions: noun-phrase chunks, titles,
//! appositives, `X of Y`, shared roles in coordination, and document-level
//! coreference (surnames, role descriptions, pronouns, `the two leaders`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use dyad_doc::{Actor, ActorKind, ActorVia, Doc, Span, Token};

use super::dictionary::{ActorDictionary, Form, Sense, SenseKind};
use crate::dict::date_key;

/// Function words that upper-case acronym entries spell in all-capital headlines.
const HEADLINE_WORDS: &[&str] = &[
    "us", "it", "who", "is", "in", "am", "an", "as", "at", "be", "do", "so", "no", "or", "un",
];

/// One accepted dictionary match.
#[derive(Clone, Debug)]
struct Match {
    tokens: Range<usize>,
    sense: u32,
}

/// A noun-phrase chunk with what it contains.
#[derive(Clone, Debug)]
struct Chunk {
    tokens: Range<usize>,
    /// The article before the chunk was `the` (a definite description).
    definite: bool,
    matches: Vec<Match>,
    /// Capitalised tokens outside any match (an unknown name), as a range at the end.
    name: Option<Range<usize>>,
    plural: bool,
}

/// A mention on its way to the output.
#[derive(Clone, Debug)]
struct Mention {
    tokens: Range<usize>,
    code: Option<String>,
    kind: ActorKind,
    via: ActorVia,
    antecedent: Option<Range<usize>>,
    plural: bool,
    rule: String,
    gender: Option<char>,
    /// A role alone, with no country or organisation yet (`---GOV`).
    role_only: Option<String>,
    /// Country (or organisation) part only, no role (`Chinese` in `Chinese and Russian troops`).
    bare: bool,
    definite: bool,
    /// Name keys by which later text may refer to this person (full name, surname).
    names: Vec<String>,
}

struct Ctx<'a> {
    doc: &'a Doc,
    dict: &'a ActorDictionary,
    date: Option<u32>,
    keys: Vec<&'a str>,
    texts: Vec<&'a str>,
    tags: Vec<&'static str>,
    has_syntax: bool,
}

impl<'a> Ctx<'a> {
    fn tag(&self, i: usize) -> &'static str {
        self.tags.get(i).copied().unwrap_or("")
    }

    /// Was token `i` tagged and parsed? (Sentences may be skipped for speed.)
    fn parsed(&self, i: usize) -> bool {
        self.has_syntax && !self.tag(i).is_empty()
    }

    /// Did the tagger read token `i` as a proper noun, whatever its case?
    fn proper_tag(&self, i: usize) -> bool {
        self.parsed(i) && self.tag(i).starts_with("NNP")
    }

    fn capitalised(&self, i: usize) -> bool {
        self.texts[i].chars().next().is_some_and(char::is_uppercase)
    }

    fn sense(&self, m: &Match) -> &'a Sense {
        self.dict.sense(m.sense)
    }
}

/// Find and code every actor mention of `doc`.
pub fn resolve(doc: &Doc, dict: &ActorDictionary) -> Vec<Actor> {
    let token_keys = super::dictionary::TokenKeys::of(doc);
    let texts: Vec<&str> = doc.tokens().map(|t| t.text()).collect();
    let has_syntax = doc.has_syntax() && !texts.is_empty();
    let ctx = Ctx {
        doc,
        dict,
        date: doc.meta.date.as_deref().and_then(date_key),
        keys: (0..token_keys.len()).map(|i| token_keys.get(i)).collect(),
        tags: if has_syntax {
            doc.tokens().map(|t| t.tag()).collect()
        } else {
            Vec::new()
        },
        texts,
        has_syntax,
    };
    let raw = find_matches(&ctx);
    let matches = disambiguate(&ctx, raw);
    let mut mentions = Vec::new();
    for s in doc.sentences() {
        let range = s.token_range();
        let in_sentence: Vec<Match> = matches
            .iter()
            .filter(|m| range.contains(&m.tokens.start))
            .cloned()
            .collect();
        let chunks = chunk(&ctx, range, &in_sentence);
        let mut sentence_mentions: Vec<Mention> =
            chunks.iter().filter_map(|c| compose(&ctx, c)).collect();
        link_within_sentence(&ctx, &mut sentence_mentions);
        mentions.extend(sentence_mentions);
    }
    coreference(&ctx, &mut mentions);
    to_actors(&ctx, mentions)
}

/// The prepositions (lower-cased `case` words) of `t`'s phrase when `t` is a
/// prepositional object (`obl`, `nmod`); none otherwise.
fn prepositions(t: Token<'_>) -> impl Iterator<Item = String> + '_ {
    let phrase = matches!(t.deprel(), "obl" | "nmod");
    t.children()
        .filter(move |c| phrase && c.deprel() == "case")
        .map(|c| c.lemma().to_lowercase())
}

/// Is token `i` where something happens: an object, or a prepositional phrase other
/// than `of` (or a conjunct of one)?
fn locative(ctx: &Ctx, i: usize) -> bool {
    if !ctx.parsed(i) {
        return false;
    }
    let mut t = ctx.doc.token(i);
    if t.deprel() == "conj" {
        match t.head() {
            Some(h) => t = h,
            None => return false,
        }
    }
    t.deprel() == "obj" || prepositions(t).next().is_some_and(|p| p != "of")
}

/// Is token `i` the object of a locative preposition (`in`, `at`, `near` ...)?
fn at_location(ctx: &Ctx, i: usize) -> bool {
    ctx.parsed(i)
        && prepositions(ctx.doc.token(i)).any(|p| {
            matches!(
                p.as_str(),
                "in" | "at" | "near" | "inside" | "outside" | "around" | "across"
            )
        })
}

/// All-capital sentence (a headline): compare case-insensitively.
fn is_headline(ctx: &Ctx, range: Range<usize>) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for i in range {
        for c in ctx.texts[i].chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += c.is_uppercase() as usize;
        }
    }
    letters >= 8 && upper * 10 >= letters * 9
}

fn sense_fits(ctx: &Ctx, sense: &Sense, tokens: Range<usize>, headline: bool) -> bool {
    if !sense.in_force(ctx.date) {
        return false;
    }
    if let Some(exact) = &sense.exact {
        // In an all-capital headline case cannot tell `WHO` from `who`: accept a
        // caseless match unless it spells a function word.
        let caseless_ok =
            headline && !(exact.len() == 1 && HEADLINE_WORDS.contains(&ctx.keys[tokens.start]));
        if !caseless_ok
            && !sense.written_as(
                tokens.start,
                |i| ctx.texts[i],
                |i| ctx.keys[i],
                |i| ctx.proper_tag(i),
            )
        {
            return false;
        }
    }
    if sense.proper && !headline && !ctx.capitalised(tokens.start) && !ctx.proper_tag(tokens.start)
    {
        return false;
    }
    if sense.kind == SenseKind::Country && names_a_water_body(ctx, &tokens) {
        return false;
    }
    true
}

/// Does a country's name or adjective at `tokens` belong to the name of a sea or
/// strait ("the South China Sea", "the Indian Ocean", "the Taiwan Strait", "the Gulf
/// of Mexico", "the Sea of Japan")? Then it names a place, not the country.
fn names_a_water_body(ctx: &Ctx, tokens: &Range<usize>) -> bool {
    const AFTER: &[&str] = &["Sea", "Ocean", "Strait", "Straits"];
    const BEFORE: &[&str] = &["Sea", "Gulf", "Strait", "Straits", "Bay"];
    let word = |i: usize| ctx.texts.get(i).copied().unwrap_or("");
    let same_sentence = |i: usize| ctx.doc.sentence_of(i) == ctx.doc.sentence_of(tokens.start);
    (AFTER.contains(&word(tokens.end)) && same_sentence(tokens.end))
        || (tokens.start >= 2
            && word(tokens.start - 1) == "of"
            && BEFORE.contains(&word(tokens.start - 2))
            && same_sentence(tokens.start - 2))
}

/// Longest dictionary matches, left to right, that fit case, capitalisation and date.
fn find_matches(ctx: &Ctx) -> Vec<(Range<usize>, Vec<u32>)> {
    let mut out = Vec::new();
    for s in ctx.doc.sentences() {
        let range = s.token_range();
        let headline = is_headline(ctx, range.clone());
        let mut i = range.start;
        while i < range.end {
            let mut advanced = false;
            for (len, senses) in ctx.dict.matches(range.end - i, |k| ctx.keys[i + k]) {
                let tokens = i..i + len;
                let fitting: Vec<u32> = senses
                    .iter()
                    .copied()
                    .filter(|&s| sense_fits(ctx, ctx.dict.sense(s), tokens.clone(), headline))
                    .collect();
                if !fitting.is_empty() {
                    out.push((tokens, fitting));
                    i += len;
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                i += 1;
            }
        }
    }
    out
}

fn kind_rank(kind: SenseKind) -> u8 {
    match kind {
        SenseKind::Person => 0,
        SenseKind::Igo | SenseKind::Group => 1,
        SenseKind::Seat => 2,
        SenseKind::Country => 3,
        SenseKind::Role => 4,
    }
}

fn country_of(sense: &Sense, date: Option<u32>) -> Option<&str> {
    sense.code_at(date).and_then(|c| c.get(..3))
}

/// Pick one sense per match: historical states by date, `?` entries only with
/// supporting context, context-bound phrases only when their countries are named.
fn disambiguate(ctx: &Ctx, raw: Vec<(Range<usize>, Vec<u32>)>) -> Vec<Match> {
    // Entities and countries the document names without ambiguity.
    let mut named: HashSet<u32> = HashSet::new();
    let mut countries: HashSet<String> = HashSet::new();
    for (_, senses) in &raw {
        let clear: Vec<&Sense> = senses
            .iter()
            .map(|&s| ctx.dict.sense(s))
            .filter(|s| !s.ambiguous && s.form != Form::Context)
            .collect();
        if let [only] = clear.as_slice() {
            named.insert(only.entity);
            if only.kind != SenseKind::Role {
                if let Some(c) = country_of(only, ctx.date) {
                    countries.insert(c.to_string());
                }
            }
        }
    }
    let country_ranges: HashSet<Range<usize>> = raw
        .iter()
        .filter(|(_, s)| {
            s.iter().any(|&x| {
                let x = ctx.dict.sense(x);
                x.kind == SenseKind::Country && !x.ambiguous && x.form != Form::Context
            })
        })
        .map(|(t, _)| t.clone())
        .collect();
    let is_country = |r: &Range<usize>| country_ranges.contains(r);
    let mut out = Vec::new();
    for (idx, (tokens, senses)) in raw.iter().enumerate() {
        let mut keep: Vec<u32> = senses
            .iter()
            .copied()
            .filter(|&s| {
                let sense = ctx.dict.sense(s);
                if sense.form == Form::Context {
                    return sense.context.iter().any(|c| countries.contains(c));
                }
                if !sense.ambiguous || named.contains(&sense.entity) {
                    return true;
                }
                // "Georgian demonstrators": a nationality adjective on a role noun.
                let role_next = raw.get(idx + 1).is_some_and(|(n, s)| {
                    n.start == tokens.end
                        && s.iter().any(|&x| ctx.dict.sense(x).kind == SenseKind::Role)
                });
                if sense.form == Form::Adjective && role_next {
                    return true;
                }
                match sense.kind {
                    SenseKind::Person => title_role(ctx, &raw, idx).is_some(),
                    SenseKind::Role => true,
                    _ => coordinated_with_country(ctx, &raw, idx, &is_country),
                }
            })
            .collect();
        // A historical state in force wins over the modern one that shares the name.
        // (and a dated group code over the group's undated one).
        let ranged: HashSet<SenseKind> = keep
            .iter()
            .map(|&s| ctx.dict.sense(s))
            .filter(|s| s.valid.is_some())
            .map(|s| s.kind)
            .collect();
        keep.retain(|&s| {
            ctx.dict.sense(s).valid.is_some() || !ranged.contains(&ctx.dict.sense(s).kind)
        });
        keep.sort_by_key(|&s| kind_rank(ctx.dict.sense(s).kind));
        let Some(&first) = keep.first() else { continue };
        let best = ctx.dict.sense(first);
        if best.kind == SenseKind::Person {
            // Several people share the name: prefer one named in full elsewhere,
            // else the only one holding a code of the title's role; else leave it.
            let people: Vec<u32> = keep
                .iter()
                .copied()
                .filter(|&s| ctx.dict.sense(s).kind == SenseKind::Person)
                .collect();
            if distinct_codes(ctx, &people) > 1 {
                let named_people: Vec<u32> = people
                    .iter()
                    .copied()
                    .filter(|&s| named.contains(&ctx.dict.sense(s).entity))
                    .collect();
                let by_title: Vec<u32> = people
                    .iter()
                    .copied()
                    .filter(|&s| {
                        let code = ctx.dict.sense(s).code_at(ctx.date).unwrap_or("");
                        title_role(ctx, &raw, idx).is_some_and(|r| code.ends_with(r.as_str()))
                    })
                    .collect();
                let pick = if distinct_codes(ctx, &named_people) == 1 {
                    named_people[0]
                } else if distinct_codes(ctx, &by_title) == 1 {
                    by_title[0]
                } else {
                    continue;
                };
                out.push(Match {
                    tokens: tokens.clone(),
                    sense: pick,
                });
                continue;
            }
        }
        out.push(Match {
            tokens: tokens.clone(),
            sense: first,
        });
    }
    out
}

/// How many different codes `senses` yield at the story date (two dictionaries
/// listing the same person agree; two people sharing a surname usually do not).
fn distinct_codes(ctx: &Ctx, senses: &[u32]) -> usize {
    senses
        .iter()
        .map(|&s| ctx.dict.sense(s).code_at(ctx.date))
        .collect::<HashSet<_>>()
        .len()
}

/// The role code of a title match right before match `idx` (`President Bush`).
fn title_role(ctx: &Ctx, raw: &[(Range<usize>, Vec<u32>)], idx: usize) -> Option<String> {
    let (prev, senses) = raw.get(idx.checked_sub(1)?)?;
    (prev.end == raw[idx].0.start).then_some(())?;
    senses
        .iter()
        .map(|&s| ctx.dict.sense(s))
        .find(|s| s.kind == SenseKind::Role)
        .and_then(|s| s.codes.first())
        .map(|c| c.code.clone())
}

/// `Russia and Georgia`, `Georgia, Armenia`: an ambiguous country name coordinated
/// with an unambiguous one.
fn coordinated_with_country(
    ctx: &Ctx,
    raw: &[(Range<usize>, Vec<u32>)],
    idx: usize,
    is_country: &dyn Fn(&Range<usize>) -> bool,
) -> bool {
    let me = &raw[idx].0;
    let joiner = |a: usize, b: usize| {
        (a..b).all(|i| matches!(ctx.keys[i], "and" | "," | "or" | "&" | "the"))
    };
    let before = idx.checked_sub(1).map(|p| &raw[p].0).is_some_and(|p| {
        me.start - p.end <= 2 && p.end < me.start && joiner(p.end, me.start) && is_country(p)
    });
    let after = raw.get(idx + 1).map(|(n, _)| n).is_some_and(|n| {
        n.start - me.end <= 2 && me.end < n.start && joiner(me.end, n.start) && is_country(n)
    });
    before || after
}

fn is_noun_tag(tag: &str) -> bool {
    matches!(tag, "NN" | "NNS" | "NNP" | "NNPS")
}

/// Can token `i` continue a noun-phrase chunk?
fn is_glue(ctx: &Ctx, i: usize) -> bool {
    // A time expression beside a name ("the ministry last July", "Last week
    // Nakasone") is no part of the mention.
    if is_time_word(ctx.keys[i])
        || (TIME_MODIFIERS.contains(&ctx.keys[i])
            && ctx.keys.get(i + 1).is_some_and(|k| is_time_word(k)))
    {
        return false;
    }
    let text = ctx.texts[i];
    if text == "-" || ctx.keys[i] == "'s" || text == "'" || text == "\u{2019}" {
        return true;
    }
    if !ctx.parsed(i) {
        return ctx.capitalised(i);
    }
    let tag = ctx.tag(i);
    is_noun_tag(tag)
        || matches!(tag, "JJ" | "JJR" | "JJS" | "CD" | "POS" | "HYPH" | "NNPS")
        || (ctx.capitalised(i) && tag == "VBN")
}

/// Words that modify a following time word (`last week`, `early March`).
const TIME_MODIFIERS: &[&str] = &[
    "last", "next", "early", "late", "mid", "past", "previous", "coming",
];

/// A calendar or time-of-day word (lower case): a full month name (not `may`, a
/// modal verb and a surname), a weekday, or `week`, `year`, `morning` ....
fn is_time_word(key: &str) -> bool {
    (key.len() > 3 && key != "may" && crate::ingest::date::month_number(key).is_some())
        || matches!(
            key,
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
        )
}

/// Group the sentence's tokens into chunks around dictionary matches and unknown names.
fn chunk(ctx: &Ctx, range: Range<usize>, matches: &[Match]) -> Vec<Chunk> {
    let mut by_start: HashMap<usize, &Match> = HashMap::new();
    for m in matches {
        by_start.insert(m.tokens.start, m);
    }
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let start = i;
        let mut found = Vec::new();
        let mut name: Option<Range<usize>> = None;
        while i < range.end {
            if let Some(m) = by_start.get(&i) {
                found.push((*m).clone());
                name = None;
                i = m.tokens.end;
                continue;
            }
            if !is_glue(ctx, i) {
                break;
            }
            // A capitalised word that is not sentence-initial extends an unknown name.
            let cap = ctx.capitalised(i)
                && (i > range.start || !ctx.parsed(i) || ctx.tag(i).starts_with("NNP"));
            let proper =
                cap && (!ctx.parsed(i) || ctx.tag(i).starts_with("NNP") || ctx.tag(i) == "JJ");
            if proper && ctx.keys[i] != "'s" {
                name = Some(match name {
                    Some(r) if r.end == i => r.start..i + 1,
                    _ => i..i + 1,
                });
            } else if ctx.keys[i] == "'s" || ctx.texts[i] == "-" {
                // Possessives and hyphens do not end a name run's position at the end.
            } else {
                name = None;
            }
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        // Leading hyphens, numbers and possessives ("2024 - Brazil") are not part of
        // the mention; nor is a trailing possessive or hyphen.
        let mut start = start;
        while start < i
            && found
                .first()
                .is_none_or(|m: &Match| m.tokens.start != start)
            && (ctx.texts[start] == "-"
                || ctx.keys[start] == "'s"
                || ctx.tag(start) == "CD"
                || ctx.texts[start].chars().all(|c| c.is_ascii_digit()))
        {
            start += 1;
        }
        let mut end = i;
        while end > start
            && (ctx.keys[end - 1] == "'s" || ctx.texts[end - 1] == "-" || ctx.texts[end - 1] == "'")
        {
            end -= 1;
        }
        if end == start || (found.is_empty() && name.is_none()) {
            continue;
        }
        if name.as_ref().is_some_and(|n| n.end != end) {
            name = None;
        }
        let definite = start > range.start && ctx.keys[start - 1] == "the";
        let last = end - 1;
        let plural = if ctx.parsed(last) {
            matches!(ctx.tag(last), "NNS" | "NNPS")
        } else {
            ctx.keys[last].ends_with('s')
        };
        out.push(Chunk {
            tokens: start..end,
            definite,
            matches: found,
            name,
            plural,
        });
    }
    out
}

fn mention(
    tokens: Range<usize>,
    code: Option<String>,
    kind: ActorKind,
    via: ActorVia,
    rule: String,
) -> Mention {
    Mention {
        tokens,
        code,
        kind,
        via,
        antecedent: None,
        plural: false,
        rule,
        gender: None,
        role_only: None,
        bare: false,
        definite: false,
        names: Vec::new(),
    }
}

/// The code of a role held in an actor of `kind`: a group's leaders, fighters or
/// spokesmen act as the group ("leaders of the Muslim Brotherhood", "Hamas
/// officials" keep the group's code); elsewhere [`compose_code`].
fn member_code(base: &str, kind: ActorKind, role: &str) -> String {
    if kind == ActorKind::Group && !role.ends_with('~') {
        base.to_string()
    } else {
        compose_code(base, role)
    }
}

/// Append `role` to an actor code, the way CAMEO composes codes.
pub fn compose_code(base: &str, role: &str) -> String {
    if let Some(prefix) = role.strip_suffix('~') {
        // A PETRARCH prefix agent (`[NGO~]`): `NGO` + `ARN`.
        return if base.starts_with(prefix) {
            base.to_string()
        } else {
            format!("{prefix}{base}")
        };
    }
    // A complete country+role code meets another role: the head noun decides. (A
    // PETRARCH file's code need not be ASCII: no slicing inside a character.)
    let country = base
        .get(..3)
        .filter(|_| base.len() > 3 && !["IGO", "NGO", "IMG"].iter().any(|p| base.starts_with(p)));
    if base.ends_with(role)
        || (role == "GOV" && (base.starts_with("IGO") || base.starts_with("NGO")))
    {
        base.to_string()
    } else if let Some(country) = country {
        format!("{country}{role}")
    } else {
        format!("{base}{role}")
    }
}

fn name_keys(ctx: &Ctx, name: &Range<usize>) -> Vec<String> {
    let full: Vec<&str> = name.clone().map(|i| ctx.keys[i]).collect();
    let mut keys = vec![full.join(" ")];
    if full.len() > 1 {
        keys.push(full[full.len() - 1].to_string());
    }
    keys
}

/// The code a chunk yields on its own.
/// "TOKYO, March 3 (Reuters) -": an all-capital place name opening a sentence and
/// followed by a comma or bracket is a dateline, not an actor.
fn is_dateline(ctx: &Ctx, chunk: &Chunk) -> bool {
    let r = &chunk.tokens;
    let first_in_sentence = ctx
        .doc
        .sentence(ctx.doc.sentence_of(r.start))
        .token_range()
        .start
        == r.start;
    let all_caps = r.clone().all(|i| {
        let t = ctx.texts[i];
        t.chars().count() > 1 && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    });
    let next = ctx.texts.get(r.end).copied().unwrap_or("");
    first_in_sentence && all_caps && matches!(next, "," | "(" | "-" | "\u{2013}" | "\u{2014}")
}

fn compose(ctx: &Ctx, chunk: &Chunk) -> Option<Mention> {
    if is_dateline(ctx, chunk) {
        return None;
    }
    let ends_in_match = chunk
        .matches
        .last()
        .is_some_and(|m| m.tokens.end == chunk.tokens.end);
    let head_match = chunk.matches.last().filter(|_| ends_in_match);
    // A chunk ending in an unmatched common noun ("Russian gas supplies", "Israeli
    // shelling") is not an actor itself; its dictionary part is ("Russian").
    if head_match.is_none() && chunk.name.is_none() {
        let end = chunk.matches.last()?.tokens.end;
        let trimmed = Chunk {
            tokens: chunk.tokens.start..end,
            plural: ctx.parsed(end - 1) && matches!(ctx.tag(end - 1), "NNS" | "NNPS"),
            ..chunk.clone()
        };
        return compose(ctx, &trimmed);
    }
    let mut base: Option<(String, ActorKind, String)> = None; // code, kind, rule
    for m in &chunk.matches {
        let s = ctx.sense(m);
        if s.form == Form::Place && chunk.name.is_some() {
            // Part of a longer name ("Manchester United", "Texas Instruments").
            continue;
        }
        let code = match s.kind {
            SenseKind::Role => continue,
            SenseKind::Seat => s
                .code_at(ctx.date)
                .map(|c| format!("{c}{}", s.role.as_deref().unwrap_or(""))),
            _ => s.code_at(ctx.date).map(str::to_string),
        };
        if let Some(code) = code {
            if base.is_none() {
                let kind = match s.kind {
                    SenseKind::Igo => ActorKind::Igo,
                    SenseKind::Group => ActorKind::Group,
                    SenseKind::Person => ActorKind::Person,
                    _ => ActorKind::Country,
                };
                base = Some((code, kind, s.origin.to_string()));
            }
        }
    }
    let roles: Vec<&Match> = chunk
        .matches
        .iter()
        .filter(|m| ctx.sense(m).kind == SenseKind::Role)
        .collect();
    let head_sense = head_match.map(|m| ctx.sense(m));
    // "Egypt's Muslim Brotherhood", "Iraq's Islamic State": a named group at the head
    // is the actor, not the country before it.
    if let Some(s) = head_sense.filter(|s| s.kind == SenseKind::Group) {
        if let Some(code) = s.code_at(ctx.date) {
            base = Some((code.to_string(), ActorKind::Group, s.origin.to_string()));
        }
    }
    // A city or region is a place, not an actor: it codes its country where an event
    // happens ("exercises in Alaska", "shelled Aleppo"), or lends it to a role
    // ("Texas police"); as a subject, a modifier or inside a longer name
    // ("Manchester United", "the Bank of New Jersey") it is none.
    if head_sense.is_some_and(|s| s.form == Form::Place)
        && (chunk.name.is_some() || (roles.is_empty() && !locative(ctx, chunk.tokens.end - 1)))
    {
        // What comes before the place may still be an actor ("Syria's second city
        // Aleppo").
        let before = &chunk.matches[..chunk.matches.len() - 1];
        let end = before.last()?.tokens.end;
        let trimmed = Chunk {
            tokens: chunk.tokens.start..end,
            matches: before.to_vec(),
            name: None,
            plural: ctx.parsed(end - 1) && matches!(ctx.tag(end - 1), "NNS" | "NNPS"),
            ..chunk.clone()
        };
        return compose(ctx, &trimmed);
    }
    let mut out = match (head_sense, &chunk.name) {
        // A known person at the head: their own code.
        (Some(s), _) if s.kind == SenseKind::Person => {
            let m = head_match.expect("head sense comes from a match");
            let mut x = mention(
                chunk.tokens.clone(),
                s.code_at(ctx.date).map(str::to_string),
                ActorKind::Person,
                ActorVia::Dictionary,
                s.origin.to_string(),
            );
            x.gender = s.gender;
            x.names = name_keys(ctx, &m.tokens);
            x
        }
        // An unknown name after a title: the title's code, via title.
        (_, Some(name)) => {
            let title = roles.last().filter(|r| r.tokens.end <= name.start);
            let mut x = match (title, &base) {
                (Some(t), _) => {
                    let role = ctx.sense(t).codes[0].code.clone();
                    let code = base.as_ref().map_or_else(
                        || format!("---{role}"),
                        |(b, k, _)| member_code(b, *k, &role),
                    );
                    let mut x = mention(
                        chunk.tokens.clone(),
                        Some(code),
                        ActorKind::Person,
                        ActorVia::Title,
                        ctx.sense(t).origin.to_string(),
                    );
                    x.role_only = base.is_none().then_some(role);
                    x
                }
                // A name inside a country or organisation ("Beijing Olympics",
                // "Malaysia Airlines"): the country's code.
                (None, Some((b, kind, rule))) if *kind != ActorKind::Person => mention(
                    chunk.tokens.clone(),
                    Some(b.clone()),
                    *kind,
                    ActorVia::Dictionary,
                    rule.clone(),
                ),
                // No title: a name we cannot code (yet): coreference may still help.
                (None, _) => mention(
                    chunk.tokens.clone(),
                    None,
                    ActorKind::Person,
                    ActorVia::Dictionary,
                    String::new(),
                ),
            };
            x.names = name_keys(ctx, name);
            x
        }
        (Some(s), None) if s.kind == SenseKind::Role => {
            let role = s.codes[0].code.clone();
            match &base {
                Some((b, kind, rule)) => {
                    let kind = if *kind == ActorKind::Person {
                        ActorKind::Country
                    } else {
                        *kind
                    };
                    mention(
                        chunk.tokens.clone(),
                        Some(member_code(b, kind, &role)),
                        kind,
                        ActorVia::Dictionary,
                        format!("{rule}; {}", s.origin),
                    )
                }
                None => {
                    let mut x = mention(
                        chunk.tokens.clone(),
                        Some(format!("---{role}")),
                        ActorKind::Role,
                        ActorVia::Dictionary,
                        s.origin.to_string(),
                    );
                    x.role_only = Some(role);
                    x
                }
            }
        }
        (Some(s), None) => {
            let (code, kind, rule) = base.clone()?;
            // A role word before a coded name lends its role: "Bree President
            // Romendacil" when the dictionary codes Romendacil as BRE.
            let code = match roles.last() {
                Some(r) if s.kind != SenseKind::Seat => {
                    compose_code(&code, &ctx.sense(r).codes[0].code)
                }
                _ => code,
            };
            let mut x = mention(
                chunk.tokens.clone(),
                Some(code),
                kind,
                ActorVia::Dictionary,
                rule,
            );
            x.bare = s.kind == SenseKind::Country && matches!(s.form, Form::Adjective | Form::Name);
            // A capital after a locative preposition is where something happens
            // ("talks in Geneva", "remarks in Doha"), not the government acting.
            if s.form == Form::Place
                || (s.form == Form::Capital && at_location(ctx, chunk.tokens.end - 1))
            {
                x.kind = ActorKind::Place;
            }
            x
        }
        (None, None) => return None,
    };
    finish_roles(ctx, chunk, &roles, &mut out);
    out.plural = chunk.plural;
    out.definite = chunk.definite;
    if out.kind == ActorKind::Person && out.gender.is_none() {
        out.gender = chunk
            .matches
            .iter()
            .rev()
            .find_map(|m| gender_of_title(&ctx.keys[m.tokens.clone()]));
    }
    Some(out)
}

/// Prefix agents (`[NGO~]`) anywhere in the chunk go before the code ("An MSF Arnor
/// diplomat": `NGOARNGOV`); a role after "former" is an elite (`ELI`, CAMEO's code
/// for former officials: "former Gondor prosecutors": `GONELI`).
fn finish_roles(ctx: &Ctx, chunk: &Chunk, roles: &[&Match], out: &mut Mention) {
    let Some(code) = out.code.as_mut() else {
        return;
    };
    let last_role = roles.last().map(|r| ctx.sense(r).codes[0].code.clone());
    if let Some(role) = last_role.filter(|r| !r.ends_with('~')) {
        let r = roles.last().expect("a last role");
        let former = (chunk.tokens.start..r.tokens.start).any(|i| ctx.keys[i] == "former");
        if former && code.ends_with(role.as_str()) {
            code.truncate(code.len() - role.len());
            code.push_str("ELI");
            if out.role_only.is_some() {
                out.role_only = Some("ELI".to_string());
            }
        }
    }
    for r in roles {
        let role = &ctx.sense(r).codes[0].code;
        if let Some(prefix) = role.strip_suffix('~') {
            if !code.starts_with(prefix) {
                code.insert_str(0, prefix);
            }
        }
    }
    if code.contains('~') {
        code.retain(|c| c != '~');
    }
    if let Some(r) = out.role_only.as_mut() {
        r.retain(|c| c != '~');
    }
}

/// Gendered titles: `Mrs`, `Queen`, `King` ...
fn gender_of_title(keys: &[&str]) -> Option<char> {
    match *keys.last()? {
        "mr" | "mr." | "king" | "prince" | "sir" | "lord" | "sheikh" | "emir" | "sultan" => {
            Some('m')
        }
        "mrs" | "mrs." | "ms" | "ms." | "queen" | "princess" | "lady" | "dame" | "chairwoman"
        | "spokeswoman" => Some('f'),
        _ => None,
    }
}

/// `X of Y`, appositives, and roles shared across a coordination, inside a sentence.
fn link_within_sentence(ctx: &Ctx, ms: &mut Vec<Mention>) {
    let mut extra = Vec::new();
    for i in 0..ms.len() {
        for j in i + 1..ms.len().min(i + 3) {
            let gap: Vec<&str> = (ms[i].tokens.end..ms[j].tokens.start)
                .map(|k| ctx.keys[k])
                .collect();
            // "dissidents from military-ruled Myanmar": the adjectives before `b` are
            // part of its phrase, not of the link.
            let adjectives = (ms[i].tokens.end..ms[j].tokens.start)
                .rev()
                .take_while(|&k| matches!(ctx.tag(k), "JJ" | "JJR" | "JJS" | "VBN" | "HYPH"))
                .count();
            let link = &gap[..gap.len() - adjectives];
            let (a, rest) = ms.split_at_mut(j);
            let (b, b_rest) = rest.split_first_mut().expect("j < len");
            let a = &mut a[i];
            match gap.as_slice() {
                // "the president of France", "Telemar of Dagolath", "dissidents from Egypt"
                _ if matches!(link, ["of" | "from" | "in"] | ["of" | "from" | "in", "the"])
                    && b.role_only.is_none()
                    && b.kind != ActorKind::Person
                    && b.code.is_some() =>
                {
                    let Some(code) = b.code.clone() else { continue };
                    // "ministers from the Georgian government": the country part.
                    let base = if b.bare || matches!(b.kind, ActorKind::Igo | ActorKind::Group) {
                        code
                    } else {
                        code[..3.min(code.len())].to_string()
                    };
                    if let Some(role) = a.role_only.clone() {
                        // "Lawmakers in Fornost and Gondor": one mention per country.
                        let mut prev_end = b.tokens.end;
                        for next in b_rest.iter() {
                            let gap: Vec<&str> =
                                (prev_end..next.tokens.start).map(|x| ctx.keys[x]).collect();
                            if !(matches!(gap.as_slice(), ["and"] | [","] | [",", "and"] | ["or"])
                                && next.bare)
                            {
                                break;
                            }
                            let mut copy = a.clone();
                            copy.code = next.code.as_ref().map(|c| compose_code(c, &role));
                            copy.role_only = None;
                            copy.kind = ActorKind::Country;
                            extra.push(copy);
                            prev_end = next.tokens.end;
                        }
                        a.role_only = None;
                        a.code = Some(member_code(&base, b.kind, &role));
                        a.kind = match (a.kind, b.kind) {
                            (ActorKind::Person, _) => ActorKind::Person,
                            (_, ActorKind::Group) => ActorKind::Group,
                            _ => ActorKind::Country,
                        };
                        a.rule = format!("{}; {}", a.rule, b.rule);
                    } else if a.code.is_none() && a.kind == ActorKind::Person {
                        a.code = Some(base);
                        a.via = ActorVia::Appositive;
                        a.antecedent = Some(b.tokens.clone());
                    }
                }
                // "Telemar, the Dagolathi minister," and "the Dagolathi minister, Telemar,"
                [","] | [",", "the"] | [",", "a"] | [",", "an"] => {
                    let closes = |m: &Mention| {
                        let k = m.tokens.end;
                        k >= ctx.keys.len()
                            || matches!(ctx.keys[k], "," | "." | ";" | ")" | "said" | "says")
                    };
                    if a.code.is_none()
                        && a.kind == ActorKind::Person
                        && b.code.is_some()
                        && b.role_only.is_none()
                        && closes(b)
                    {
                        a.code = b.code.clone();
                        a.via = ActorVia::Appositive;
                        a.antecedent = Some(b.tokens.clone());
                        a.rule = b.rule.clone();
                    } else if b.code.is_none()
                        && b.kind == ActorKind::Person
                        && a.code.is_some()
                        && a.role_only.is_none()
                        && a.kind != ActorKind::Person
                        && closes(b)
                    {
                        b.code = a.code.clone();
                        b.via = ActorVia::Appositive;
                        b.antecedent = Some(a.tokens.clone());
                        b.rule = a.rule.clone();
                    }
                }
                // "Chinese and Russian troops": the first country shares the role.
                ["and"] | ["or"] | [",", "and"]
                    if a.bare && b.code.as_ref().is_some_and(|c| c.len() > 3) && !b.bare =>
                {
                    if let (Some(ac), Some(bc)) = (a.code.clone(), b.code.clone()) {
                        if ac.len() == 3 && bc.len() == 6 && !bc.starts_with("IGO") {
                            a.code = Some(format!("{ac}{}", &bc[3..]));
                            a.plural = b.plural;
                            a.bare = false;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    ms.extend(extra);
    ms.sort_by_key(|m| (m.tokens.start, m.tokens.end));
}

/// How many sentences back a description or pronoun looks for its antecedent.
const LOOKBACK: usize = 30;

const MALE: &[&str] = &["he", "him", "his", "himself"];
const FEMALE: &[&str] = &["she", "her", "hers", "herself"];
const PLURAL: &[&str] = &["they", "them", "their", "theirs", "themselves"];
const NEUTER: &[&str] = &["it", "its", "itself"];

/// Surnames, role descriptions, pronouns and `the two leaders`, across the document.
fn coreference(ctx: &Ctx, ms: &mut Vec<Mention>) {
    // Surnames and full names of titled or known people.
    let mut people: HashMap<String, usize> = HashMap::new();
    let partners: HashSet<Range<usize>> = ms.iter().filter_map(|m| m.antecedent.clone()).collect();
    let sentence_of = |m: &Mention| ctx.doc.sentence_of(m.tokens.start);
    for i in 0..ms.len() {
        if ms[i].code.is_none() && ms[i].kind == ActorKind::Person {
            let found = ms[i].names.iter().find_map(|k| people.get(k).copied());
            if let Some(j) = found {
                if ms[j].code.is_some() {
                    ms[i].code = ms[j].code.clone();
                    ms[i].via = ActorVia::Coref;
                    ms[i].antecedent = Some(ms[j].tokens.clone());
                    ms[i].gender = ms[j].gender;
                    ms[i].rule = ms[j].rule.clone();
                }
            }
        }
        if ms[i].kind == ActorKind::Person && ms[i].code.is_some() {
            for k in ms[i].names.clone() {
                people.entry(k).or_insert(i);
            }
        }
        // "the president", "the North Korean leader": the nearest person with that code.
        let is_partner = partners.contains(&ms[i].tokens);
        if ms[i].definite && !ms[i].plural && ms[i].kind != ActorKind::Person && !is_partner {
            let code = ms[i].code.clone().unwrap_or_default();
            let role = ms[i].role_only.clone();
            let head = ctx.keys[ms[i].tokens.end - 1];
            // "the president" needs an antecedent introduced with that word; "the US
            // president" any person holding exactly that code.
            let here = sentence_of(&ms[i]);
            let ante = (0..i)
                .rev()
                .take_while(|&j| here - sentence_of(&ms[j]) <= LOOKBACK)
                .find(|&j| {
                    let m = &ms[j];
                    m.kind == ActorKind::Person
                        && m.code.as_deref().is_some_and(|c| match &role {
                            Some(r) => {
                                c.ends_with(r.as_str())
                                    && m.tokens.clone().any(|k| ctx.keys[k] == head)
                            }
                            None => c == code,
                        })
                });
            if let Some(j) = ante {
                ms[i].code = ms[j].code.clone();
                ms[i].via = ActorVia::Coref;
                ms[i].antecedent = Some(ms[j].tokens.clone());
                ms[i].kind = ActorKind::Person;
                ms[i].gender = ms[j].gender;
                ms[i].role_only = None;
            }
        }
    }
    pair_descriptions(ctx, ms);
    // Pronouns, in text order, against the mentions before them.
    let mut extra: Vec<Mention> = Vec::new();
    for (i, &key) in ctx.keys.iter().enumerate() {
        if ![MALE, FEMALE, NEUTER, PLURAL]
            .iter()
            .any(|list| list.contains(&key))
        {
            continue;
        }
        let sent = ctx.doc.sentence_of(i);
        let before = ms.partition_point(|m| m.tokens.start < i);
        if ms.get(before).is_some_and(|m| m.tokens.start == i) {
            continue;
        }
        let prior = &ms[..before];
        // An object pronoun does not refer to the subject of its own verb
        // ("Moscow denied it": `it` is not Moscow).
        // (nor to anything with that subject's code: "Tehran defended it" is not Iran).
        let is_own_subject = |m: &Mention| {
            ctx.parsed(i) && {
                let p = ctx.doc.token(i);
                let h = ctx.doc.token(m.tokens.end - 1);
                matches!(p.deprel(), "obj" | "iobj" | "obl")
                    && h.deprel().starts_with("nsubj")
                    && h.head().map(|x| x.index()) == p.head().map(|x| x.index())
            }
        };
        let near = |m: &Mention, span: usize| sent - ctx.doc.sentence_of(m.tokens.start) <= span;
        let subject_codes: Vec<&str> = prior
            .iter()
            .rev()
            .take_while(|m| near(m, 0))
            .filter(|m| is_own_subject(m))
            .filter_map(|m| m.code.as_deref())
            .collect();
        let own_subject = |m: &Mention| {
            is_own_subject(m)
                || m.code
                    .as_deref()
                    .is_some_and(|c| subject_codes.contains(&c))
        };
        // "Mordor shelled itself": a reflexive object is its own verb's subject.
        let reflexive = ctx.parsed(i)
            && crate::syntax::query::is_reflexive(ctx.doc.token(i))
            && matches!(ctx.doc.token(i).deprel(), "obj" | "iobj" | "obl");
        let ante = if reflexive {
            prior
                .iter()
                .rev()
                .take_while(|m| near(m, 0))
                .find(|m| is_own_subject(m) && m.code.is_some())
                .cloned()
        } else if MALE.contains(&key) || FEMALE.contains(&key) {
            let g = if MALE.contains(&key) { 'm' } else { 'f' };
            // The nearest person whose gender fits; an uncoded person blocks (unresolved).
            prior
                .iter()
                .rev()
                .take_while(|m| near(m, LOOKBACK))
                .filter(|m| !own_subject(m))
                .find(|m| m.kind == ActorKind::Person && m.gender.is_none_or(|x| x == g))
                .filter(|m| m.code.is_some())
                .cloned()
        } else if NEUTER.contains(&key) && (!ctx.parsed(i) || ctx.doc.token(i).deprel() != "expl") {
            prior
                .iter()
                .rev()
                .take_while(|m| near(m, 1))
                .filter(|m| !own_subject(m))
                .find(|m| {
                    !matches!(m.kind, ActorKind::Person | ActorKind::Place)
                        && !m.plural
                        && m.code.is_some()
                })
                .filter(|m| m.kind != ActorKind::Role)
                .cloned()
        } else if PLURAL.contains(&key) {
            prior
                .iter()
                .rev()
                .take_while(|m| near(m, 1))
                .filter(|m| !own_subject(m))
                .find(|m| m.plural && m.code.is_some())
                .cloned()
        } else {
            None
        };
        if let Some(a) = ante {
            let mut x = mention(
                i..i + 1,
                a.code.clone(),
                a.kind,
                ActorVia::Coref,
                a.rule.clone(),
            );
            x.antecedent = Some(a.tokens.clone());
            x.gender = a.gender;
            x.plural = a.plural;
            extra.push(x);
        }
    }
    ms.extend(extra);
    ms.sort_by_key(|m| (m.tokens.start, m.tokens.end));
}

/// "the two leaders", "both countries": a plural description without a country
/// stands for the last two distinct actors of that sort (one mention each).
fn pair_descriptions(ctx: &Ctx, ms: &mut Vec<Mention>) {
    let mut i = 0;
    while i < ms.len() {
        let m = &ms[i];
        let start = m.tokens.start;
        let keys = |r: Range<usize>| r.map(|k| ctx.keys[k]).collect::<Vec<_>>();
        let head = ctx.keys[m.tokens.end - 1];
        let counted = keys(m.tokens.clone()).first() == Some(&"two")
            || (start > 0 && matches!(ctx.keys[start - 1], "both" | "two"));
        let want_person = matches!(head, "leaders" | "presidents" | "ministers" | "premiers");
        let want_state = matches!(
            head,
            "countries"
                | "nations"
                | "governments"
                | "states"
                | "sides"
                | "neighbours"
                | "neighbors"
        );
        if !(counted && m.role_only.is_some() && (want_person || want_state)) {
            i += 1;
            continue;
        }
        let sent = ctx.doc.sentence_of(start);
        let mut seen: Vec<Mention> = Vec::new();
        for p in ms[..i].iter().rev() {
            if sent - ctx.doc.sentence_of(p.tokens.start) > 3 {
                break;
            }
            let fits = if want_person {
                p.kind == ActorKind::Person
            } else {
                p.kind == ActorKind::Country
            };
            let country = p.code.as_deref().and_then(|c| c.get(..3));
            if fits
                && country.is_some()
                && country != Some("---")
                && !seen
                    .iter()
                    .any(|s| s.code.as_deref().and_then(|c| c.get(..3)) == country)
            {
                seen.push(p.clone());
            }
            if seen.len() == 2 {
                break;
            }
        }
        if seen.len() < 2 {
            i += 1;
            continue;
        }
        // The mention spans the number word too ("two leaders", "both countries").
        let mut tokens = ms[i].tokens.clone();
        if tokens.start > 0 && matches!(ctx.keys[tokens.start - 1], "both" | "two") {
            tokens.start -= 1;
        }
        let replaced: Vec<Mention> = seen
            .into_iter()
            .rev()
            .map(|a| {
                let mut x = mention(
                    tokens.clone(),
                    a.code.clone(),
                    a.kind,
                    ActorVia::Coref,
                    a.rule.clone(),
                );
                x.antecedent = Some(a.tokens.clone());
                x.plural = true;
                x
            })
            .collect();
        ms.splice(i..i + 1, replaced);
        i += 2;
    }
}

fn span_of(ctx: &Ctx, r: &Range<usize>) -> Span {
    let data = ctx.doc.token_data();
    Span::new(data[r.start].span.start, data[r.end - 1].span.end)
}

/// Coded mentions become `Actor`s; a pair mention (`both leaders`) yields two.
fn to_actors(ctx: &Ctx, ms: Vec<Mention>) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    for m in ms {
        let Some(code) = m.code else { continue };
        // Within an overlapping pair mention, drop inner duplicates ("two" is not an actor).
        if out
            .iter()
            .rev()
            .take_while(|a| a.tokens.start == m.tokens.start)
            .any(|a| a.tokens == m.tokens && a.code == code)
        {
            continue;
        }
        out.push(Actor {
            span: span_of(ctx, &m.tokens),
            head: m.tokens.end - 1,
            tokens: m.tokens.clone(),
            code,
            kind: m.kind,
            via: m.via,
            antecedent: m.antecedent.as_ref().map(|r| span_of(ctx, r)),
            plural: m.plural,
            rule: m.rule,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::compose_code;

    #[test]
    fn codes_compose_by_the_head_role() {
        assert_eq!(compose_code("GBR", "GOV"), "GBRGOV");
        assert_eq!(compose_code("GBRGOV", "MIL"), "GBRMIL");
        assert_eq!(compose_code("IGOUNO", "MIL"), "IGOUNOMIL");
        assert_eq!(compose_code("IGOUNO", "GOV"), "IGOUNO");
        // A code from a PETRARCH file need not be ASCII: no slicing inside a character.
        assert_eq!(compose_code("ÄÖXY", "GOV"), "ÄÖXYGOV");
    }
}
