//! Quotations with speakers: direct quotes, scare-quoted terms and indirect speech.
//!
//! [`marks`] pairs quotation marks (straight and curly, quotes over several
//! paragraphs, unbalanced marks). Each quoted stretch of one to three words that
//! is neither punctuated nor attributed like a speech is a **term** (`called him a
//! "maniac"`); the others are **direct** quotes. **Indirect** speech is the clause a
//! speech verb governs in the parse (`ccomp`: `He said the talks had failed`),
//! unless a direct quote covers most of it.
//!
//! Speakers, in order of trust:
//! 1. after the quote: `"...," Trump said`, `"...," said Trump`, `"...," he told the
//!    newspaper`, `"...," according to X`;
//! 2. before it in its sentence: `Trump said: "..."`, `He told reporters "..."`;
//! 3. a quote with neither continues the previous speaker (the last attributed
//!    quote, or the subject of a speech verb in the sentence before), within three
//!    sentences.
//!
//! For a term, the subject of the naming or speech verb it hangs on. The speaker is
//! the subject of the speech verb (or the noun phrase after it). Its `name` comes
//! from the actor layer's coreference chain (`he` → `Trump` → `President Donald
//! Trump` → "Donald Trump"), else from Dyad's own resolution: a surname to an
//! earlier full name, `he`/`she` to the nearest earlier person-like name (a
//! subject first), with titles stripped (`data/lang/en/person_titles.txt`). Speech
//! and naming verbs are listed in `data/lang/en/speech_verbs.txt`.
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//! use dyad::doc::QuoteKind;
//!
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let text = "\"We are ready to talk,\" Mary Kowalczyk said on Monday.";
//! let doc = pipeline.process(RawArticle::from_text("d", text));
//! let q = &doc.quotes()[0];
//! assert_eq!(q.kind, QuoteKind::Direct);
//! assert_eq!(q.span.slice(doc.text()), "We are ready to talk,");
//! assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("Mary Kowalczyk"));
//! ```

pub mod marks;

use std::collections::HashSet;
use std::ops::Range;

use dyad_doc::{ActorKind, Doc, Quote, QuoteKind, Span, Speaker, TokenKind};

use crate::pipeline::Component;
pub use crate::segment::lexicon::SpeechLexicon;
use crate::syntax::query;

const MALE: &[&str] = &["he", "him", "his", "himself"];
const FEMALE: &[&str] = &["she", "her", "hers", "herself"];
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me",
];
const MALE_TITLES: &[&str] = &["mr", "sir", "lord", "king", "prince", "father", "brother"];
const FEMALE_TITLES: &[&str] = &[
    "mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister",
];
/// Words that make a capitalised name an organisation or place, not a person.
const NON_PERSON_WORDS: &[&str] = &[
    "ministry",
    "party",
    "department",
    "council",
    "agency",
    "university",
    "bank",
    "company",
    "corp",
    "inc",
    "ltd",
    "plc",
    "group",
    "news",
    "times",
    "post",
    "press",
    "association",
    "house",
    "office",
    "court",
    "commission",
    "committee",
    "union",
    "institute",
    "center",
    "centre",
    "school",
    "college",
    "hospital",
    "police",
    "army",
    "force",
    "forces",
    "fund",
    "foundation",
    "network",
    "tv",
    "radio",
    "club",
    "united",
    "city",
    "league",
    "airlines",
    "service",
    "services",
    "organisation",
    "organization",
    "republic",
    "kingdom",
    "states",
    "street",
    "journal",
    "daily",
    "federation",
    "bureau",
    "authority",
    "board",
    "congress",
    "senate",
    "parliament",
    "assembly",
    "government",
    "church",
    "museum",
    "airport",
    "international",
    "national",
    "federal",
    "reuters",
    "ap",
    "afp",
    "cnn",
    "bbc",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "twitter",
    "facebook",
    "square",
    "park",
    "hall",
    "bridge",
    "road",
    "avenue",
    "river",
    "island",
    "islands",
    "online",
    "world",
    "awards",
    "festival",
    "games",
    "cup",
    "day",
    "week",
    "street",
    "centre",
    "stadium",
];

/// A person-like name seen in the document, for resolving pronouns and surnames.
#[derive(Clone, Debug)]
struct Person {
    /// First token of the mention.
    at: usize,
    name: String,
    /// Lower-cased last word of the name (the surname).
    surname: String,
    code: Option<String>,
    actor: Option<usize>,
    female: Option<bool>,
    /// Subject of a clause (a better antecedent for `he` than an object).
    subject: bool,
    /// Subject of a speech verb (the best antecedent for a speaker's `he`).
    speaker: bool,
}

struct Ctx<'a> {
    doc: &'a Doc,
    lex: &'a SpeechLexicon,
    keys: Vec<String>,
    parsed: bool,
    /// Actor index per token.
    actor_at: Vec<Option<usize>>,
    persons: Vec<Person>,
    /// Per token: inside a direct quote's content.
    quoted: Vec<bool>,
    /// The speaker of the last attributed direct quote (token of the mention),
    /// the fallback for an unresolved `he`/`she`.
    last_speaker: Option<(usize, Person)>,
}

impl<'a> Ctx<'a> {
    fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", String::as_str)
    }

    fn tag(&self, i: usize) -> &'static str {
        if self.parsed {
            self.doc.token(i).tag()
        } else {
            ""
        }
    }

    fn capitalised(&self, i: usize) -> bool {
        self.doc
            .token(i)
            .text()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// A finite verb, infinitive or gerund by its tag (anything when untagged); a
    /// past participle only with an auxiliary (`has said`, not `the continued X`).
    fn is_verb_tag(&self, i: usize) -> bool {
        let t = self.tag(i);
        match t {
            "" | "VB" | "VBD" | "VBZ" | "VBP" | "VBG" => true,
            "VBN" => self
                .doc
                .token(i)
                .children()
                .any(|c| c.deprel() == "aux" && matches!(c.lemma(), "have" | "be")),
            _ => false,
        }
    }

    /// A speech verb at `i` (by form; a verb by tag when tagged).
    fn speech_verb(&self, i: usize) -> bool {
        self.lex.speech_lemma(self.key(i)).is_some() && self.is_verb_tag(i)
    }

    fn naming_verb(&self, i: usize) -> bool {
        self.lex.naming_lemma(self.key(i)).is_some() && self.is_verb_tag(i)
    }

    fn sentence_range(&self, i: usize) -> Range<usize> {
        self.doc.sentence_data()[self.doc.sentence_of(i)]
            .tokens
            .clone()
    }

    fn span(&self, r: Range<usize>) -> Span {
        let d = self.doc.token_data();
        Span::new(d[r.start].span.start, d[r.end - 1].span.end)
    }

    fn text(&self, r: Range<usize>) -> &'a str {
        self.span(r).slice(self.doc.text())
    }

    fn is_pronoun(&self, i: usize) -> bool {
        PRONOUNS.contains(&self.key(i))
    }

    fn is_punct(&self, i: usize) -> bool {
        self.doc.token(i).kind() == TokenKind::Punct
    }
}

/// Tokens fully inside `span`.
fn tokens_in(doc: &Doc, span: Span) -> Range<usize> {
    let d = doc.token_data();
    let a = d.partition_point(|t| t.span.start < span.start);
    let b = d.partition_point(|t| t.span.end <= span.end);
    a..b.max(a)
}

/// The noun phrase around `head`: its compound, flat-name, title, modifier,
/// determiner and possessive dependents, as a contiguous range.
fn np_extent(ctx: &Ctx, head: usize) -> Range<usize> {
    if !ctx.parsed {
        // Capitalised run around the head.
        let s = ctx.sentence_range(head);
        let (mut a, mut b) = (head, head + 1);
        while a > s.start && ctx.capitalised(a - 1) && !ctx.is_punct(a - 1) {
            a -= 1;
        }
        while b < s.end && ctx.capitalised(b) && !ctx.is_punct(b) {
            b += 1;
        }
        return a..b;
    }
    let mut members = vec![head];
    let common = !matches!(ctx.tag(head), "NNP" | "NNPS" | "PRP");
    let mut k = 0;
    while k < members.len() {
        let t = ctx.doc.token(members[k]);
        for c in t.children() {
            // `a spokesman for the ministry`, `one of his friends`.
            if common
                && k == 0
                && c.index() > head
                && c.deprel().starts_with("nmod")
                && c.children().any(|x| {
                    x.deprel() == "case" && matches!(x.lemma(), "for" | "of" | "at" | "from")
                })
            {
                let sub = subtree(ctx, c.index());
                members.extend(sub);
                continue;
            }
            if matches!(
                c.deprel(),
                "compound"
                    | "flat"
                    | "flat:name"
                    | "nmod:desc"
                    | "amod"
                    | "det"
                    | "nmod:poss"
                    | "case"
                    | "nummod"
            ) || (c.deprel() == "punct" && c.text() == "-")
            {
                members.push(c.index());
            }
        }
        k += 1;
    }
    members.sort_unstable();
    members.dedup();
    let mut a = *members.first().unwrap_or(&head);
    let b = *members.last().unwrap_or(&head) + 1;
    if b - a != members.len() {
        return head..head + 1;
    }
    // `one of his friends` when the parse made `friends` the subject.
    let s = ctx.sentence_range(head);
    // `Mr Murray` when the parse made the title the subject.
    let mut b = b;
    if ctx.lex.is_title(ctx.key(b - 1)) {
        while b < s.end && ctx.tag(b) == "NNP" && ctx.capitalised(b) {
            b += 1;
        }
    }
    if a > s.start
        && ctx.key(a) == "of"
        && (ctx.tag(a - 1) == "CD"
            || matches!(ctx.key(a - 1), "one" | "some" | "many" | "none" | "each"))
    {
        a -= 1;
    }
    a..b
}

/// A hyphen with no space on either side (`Jong-un`).
fn glued_hyphen(ctx: &Ctx, k: usize) -> bool {
    let d = ctx.doc.token_data();
    ctx.key(k) == "-"
        && k > 0
        && k + 1 < d.len()
        && d[k - 1].span.end == d[k].span.start
        && d[k].span.end == d[k + 1].span.start
}

/// The person's name inside tokens `r`: the longest capitalised run, without the
/// titles before it (`US President Donald Trump` → `Donald Trump`).
fn proper_name(ctx: &Ctx, r: Range<usize>) -> Option<(Range<usize>, Option<bool>)> {
    let mut best: Option<Range<usize>> = None;
    let mut i = r.start;
    let name_word = |k: usize| {
        ctx.capitalised(k)
            && !ctx.is_punct(k)
            && !ctx.is_pronoun(k)
            && !matches!(
                ctx.tag(k),
                "DT" | "PRP" | "PRP$" | "IN" | "CC" | "WP" | "WDT"
            )
    };
    while i < r.end {
        if name_word(i) {
            let mut j = i + 1;
            while j < r.end
                && (name_word(j)
                    || (j > i && glued_hyphen(ctx, j) && j + 1 < r.end)
                    || (j > i && ctx.key(j - 1) == "-" && glued_hyphen(ctx, j - 1))
                    || (matches!(
                        ctx.key(j),
                        "de" | "van"
                            | "von"
                            | "bin"
                            | "al"
                            | "da"
                            | "der"
                            | "le"
                            | "la"
                            | "del"
                            | "-"
                    ) && j + 1 < r.end
                        && ctx.capitalised(j + 1)))
            {
                j += 1;
            }
            if best.as_ref().is_none_or(|b| j - i > b.len()) {
                best = Some(i..j);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let run = best?;
    let mut female = None;
    let mut start = run.start;
    for k in run.clone() {
        let key = ctx.key(k).trim_end_matches('.');
        if ctx.lex.is_title(key) || key == "us" || key == "u.s" || key == "uk" {
            start = k + 1;
            if MALE_TITLES.contains(&key) {
                female = Some(false);
            } else if FEMALE_TITLES.contains(&key) {
                female = Some(true);
            }
        }
    }
    let mut end = run.end;
    while end > start && matches!(ctx.key(end - 1), "'s" | "\u{2019}s" | "'") {
        end -= 1;
    }
    (start < end).then_some((start..end, female))
}

/// The mention text without a leading article.
fn bare_text<'a>(ctx: &Ctx<'a>, r: Range<usize>) -> &'a str {
    let mut a = r.start;
    if r.len() > 1 && matches!(ctx.key(a), "the" | "a" | "an") {
        a += 1;
    }
    ctx.text(a..r.end)
}

/// Follow an actor's antecedents to the best name: a person's proper name, else
/// the first non-pronoun mention.
fn actor_chain_name(ctx: &Ctx, ai: usize) -> Option<(String, Option<bool>)> {
    let actors = ctx.doc.actors();
    let mut cur = ai;
    let mut seen = HashSet::new();
    let mut fallback: Option<String> = None;
    // The mention's own person name: the chain may only lengthen it (`Mr Levy` →
    // `Alain Levy`), not replace it with another name.
    let own = (actors[ai].kind == ActorKind::Person)
        .then(|| proper_name(ctx, actors[ai].tokens.clone()))
        .flatten();
    if let Some((r, female)) = own.clone() {
        let surname = ctx.key(r.end - 1).to_string();
        let mut best = (ctx.text(r.clone()).to_string(), female);
        let mut cur = ai;
        let mut seen = HashSet::new();
        while seen.insert(cur) {
            let Some(ante) = actors[cur].antecedent else {
                break;
            };
            let Some(next) = actors.iter().position(|b| b.span == ante) else {
                break;
            };
            cur = next;
            if let Some((r2, f2)) = proper_name(ctx, actors[cur].tokens.clone()) {
                if ctx.key(r2.end - 1) == surname && r2.len() > best.0.split(' ').count() {
                    best = (ctx.text(r2).to_string(), f2.or(best.1));
                }
            }
        }
        return Some(best);
    }
    loop {
        if !seen.insert(cur) {
            break;
        }
        let a = &actors[cur];
        if !ctx.is_pronoun(a.tokens.start) || a.tokens.len() > 1 {
            if a.kind == ActorKind::Person {
                if let Some((r, female)) = proper_name(ctx, a.tokens.clone()) {
                    // A surname alone: look further back for the full name.
                    if r.len() > 1 || a.antecedent.is_none() {
                        return Some((ctx.text(r).to_string(), female));
                    }
                    fallback.get_or_insert_with(|| ctx.text(r).to_string());
                }
            } else {
                fallback.get_or_insert_with(|| bare_text(ctx, a.tokens.clone()).to_string());
            }
        }
        let Some(ante) = a.antecedent else { break };
        match actors.iter().position(|b| b.span == ante).or_else(|| {
            actors
                .iter()
                .position(|b| b.span.start <= ante.start && ante.end <= b.span.end)
        }) {
            Some(next) => cur = next,
            None => {
                // The antecedent is not itself an actor mention: read its words.
                let r = tokens_in(ctx.doc, ante);
                if !r.is_empty() {
                    if let Some((n, female)) = proper_name(ctx, r.clone()) {
                        return Some((ctx.text(n).to_string(), female));
                    }
                    fallback.get_or_insert_with(|| bare_text(ctx, r).to_string());
                }
                break;
            }
        }
    }
    fallback.map(|f| (f, None))
}

/// Person-like names in the document, in text order.
fn collect_persons(ctx: &Ctx) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    let actors = ctx.doc.actors();
    for (ai, a) in actors.iter().enumerate() {
        if a.kind != ActorKind::Person || (ctx.is_pronoun(a.tokens.start) && a.tokens.len() == 1) {
            continue;
        }
        if let Some((name, female)) = actor_chain_name(ctx, ai) {
            let surname = name.rsplit(' ').next().unwrap_or("").to_lowercase();
            out.push(Person {
                at: a.tokens.start,
                name,
                surname,
                code: Some(a.code.clone()),
                actor: Some(ai),
                female,
                subject: ctx.parsed && ctx.doc.token(a.head).deprel().starts_with("nsubj"),
                speaker: ctx.parsed
                    && ctx.doc.token(a.head).deprel().starts_with("nsubj")
                    && ctx
                        .doc
                        .token(a.head)
                        .head()
                        .is_some_and(|h| ctx.speech_verb(h.index())),
            });
        }
    }
    // Capitalised names outside non-person actors.
    for s in ctx.doc.sentences() {
        let r = s.token_range();
        let mut i = r.start;
        while i < r.end {
            let proper = |k: usize| {
                ctx.capitalised(k)
                    && !ctx.is_punct(k)
                    && (ctx.tag(k).is_empty() || matches!(ctx.tag(k), "NNP" | "NNPS"))
            };
            if !proper(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < r.end && proper(j) {
                j += 1;
            }
            let run = i..j;
            i = j;
            if run
                .clone()
                .any(|k| ctx.actor_at[k].is_some_and(|a| actors[a].kind == ActorKind::Person))
            {
                continue;
            }
            if run
                .clone()
                .any(|k| ctx.actor_at[k].is_some_and(|a| actors[a].kind != ActorKind::Person))
                || run
                    .clone()
                    .any(|k| NON_PERSON_WORDS.contains(&ctx.key(k).trim_end_matches('.')))
            {
                continue;
            }
            let Some((name, female)) = proper_name(ctx, run.clone()) else {
                continue;
            };
            let titled = name.start > run.start;
            let head = name.end - 1;
            let subject = ctx.parsed && {
                let d = ctx.doc.token(head).deprel();
                d.starts_with("nsubj")
                    || run
                        .clone()
                        .any(|k| ctx.doc.token(k).deprel().starts_with("nsubj"))
            };
            let speaker_like = subject
                && run.clone().any(|k| {
                    ctx.doc
                        .token(k)
                        .head()
                        .is_some_and(|h| ctx.speech_verb(h.index()))
                });
            if name.len() < 2 && !titled && !speaker_like {
                continue;
            }
            if run.start == r.start && name.len() < 2 && !titled {
                continue;
            }
            let text = ctx.text(name.clone()).to_string();
            out.push(Person {
                at: run.start,
                surname: ctx.key(head).to_string(),
                name: text,
                code: None,
                actor: None,
                female,
                subject,
                speaker: speaker_like,
            });
        }
    }
    out.sort_by_key(|p| p.at);
    out
}

/// Resolve the mention whose head is token `head` to a speaker.
fn speaker_at(ctx: &Ctx, head: usize) -> Speaker {
    let actors = ctx.doc.actors();
    if let Some(ai) = ctx.actor_at[head] {
        let a = &actors[ai];
        let pronoun = a.tokens.len() == 1 && ctx.is_pronoun(a.tokens.start);
        let chained = actor_chain_name(ctx, ai);
        let name = match chained {
            Some((n, _)) => {
                // A surname the actor layer left unexpanded: an earlier full name.
                if !n.contains(' ') && a.kind == ActorKind::Person {
                    full_name(ctx, a.tokens.start, &n.to_lowercase()).map_or(n, |p| p.name)
                } else {
                    n
                }
            }
            None if pronoun => resolve_pronoun(ctx, head)
                .map_or_else(|| ctx.text(a.tokens.clone()).to_string(), |p| p.name),
            None => bare_text(ctx, a.tokens.clone()).to_string(),
        };
        return Speaker {
            span: a.span,
            name,
            code: Some(a.code.clone()),
            actor: Some(ai),
        };
    }
    if ctx.is_pronoun(head) {
        let p = resolve_pronoun(ctx, head);
        return Speaker {
            span: ctx.span(head..head + 1),
            name: p.as_ref().map_or_else(
                || ctx.doc.token(head).text().to_string(),
                |p| p.name.clone(),
            ),
            code: p.as_ref().and_then(|p| p.code.clone()),
            actor: p.as_ref().and_then(|p| p.actor),
        };
    }
    let np = np_extent(ctx, head);
    // A name with an actor inside the phrase (`Russia's Foreign Minister Lavrov`).
    if let Some(ai) = np.clone().find_map(|k| ctx.actor_at[k]) {
        if actors[ai].kind == ActorKind::Person && actors[ai].tokens.contains(&head) {
            return speaker_at_actor(ctx, ai, np);
        }
    }
    let ends_in_name = np.len() > 2
        && matches!(ctx.tag(np.end - 1), "NNP" | "NNPS")
        && matches!(ctx.tag(np.end - 2), "NNP" | "NNPS");
    let proper_head = !ctx.parsed || matches!(ctx.tag(head), "NNP" | "NNPS") || ends_in_name;
    let (name, person) = match proper_name(ctx, np.clone()).filter(|_| proper_head) {
        Some((r, _)) if r.len() == 1 => {
            let surname = ctx.key(r.start).to_string();
            match full_name(ctx, r.start, &surname) {
                Some(p) => (p.name.clone(), Some(p)),
                None => (ctx.text(r).to_string(), None),
            }
        }
        Some((r, _)) => (ctx.text(r).to_string(), None),
        None => (bare_text(ctx, np.clone()).to_string(), None),
    };
    Speaker {
        span: ctx.span(np),
        name,
        code: person.as_ref().and_then(|p| p.code.clone()),
        actor: None,
    }
}

fn speaker_at_actor(ctx: &Ctx, ai: usize, _np: Range<usize>) -> Speaker {
    let a = &ctx.doc.actors()[ai];
    let name = actor_chain_name(ctx, ai)
        .map_or_else(|| bare_text(ctx, a.tokens.clone()).to_string(), |n| n.0);
    Speaker {
        span: a.span,
        name,
        code: Some(a.code.clone()),
        actor: Some(ai),
    }
}

/// An earlier full name whose last word is `surname`.
fn full_name(ctx: &Ctx, before: usize, surname: &str) -> Option<Person> {
    ctx.persons
        .iter()
        .rfind(|p| p.at < before && p.surname == surname && p.name.contains(' '))
        .cloned()
}

/// `he`/`she` at token `i`: the nearest earlier person of fitting gender (a subject
/// first), within a few sentences, outside quotes.
fn resolve_pronoun(ctx: &Ctx, i: usize) -> Option<Person> {
    let key = ctx.key(i);
    let want_female = if MALE.contains(&key) {
        Some(false)
    } else if FEMALE.contains(&key) {
        Some(true)
    } else {
        return None;
    };
    let here = ctx.doc.sentence_of(i);
    let near = |p: &&Person| here - ctx.doc.sentence_of(p.at) <= 4 && !ctx.quoted[p.at];
    let fits = |p: &&Person| p.female.is_none() || p.female == want_female;
    let prior: Vec<&Person> = ctx
        .persons
        .iter()
        .filter(|p| p.at < i)
        .rev()
        .take_while(|p| near(p) || ctx.quoted[p.at])
        .filter(near)
        .filter(fits)
        .collect();
    prior
        .iter()
        .find(|p| p.speaker)
        .or(prior.iter().find(|p| p.subject))
        .or(prior.first())
        .map(|p| (*p).clone())
        .or_else(|| {
            ctx.last_speaker
                .as_ref()
                .filter(|(at, p)| *at < i && here - ctx.doc.sentence_of(*at) <= 8 && fits(&p))
                .map(|(_, p)| p.clone())
        })
}

/// The subject of speech verb `v`: its `nsubj` in the parse, else the noun phrase
/// after it (`said Trump`), else the words between `from` and `v`.
fn subject_of(ctx: &Ctx, v: usize, before: Option<usize>) -> Option<usize> {
    if ctx.parsed {
        let subj = query::subjects(ctx.doc.token(v))
            .into_iter()
            .find(|s| s.deprel() != "nsubj:pass" && !ctx.quoted[s.index()])
            .map(|s| {
                // `Quincy Jones, who described ...`: the noun the clause modifies.
                let verb = ctx.doc.token(v);
                if matches!(ctx.key(s.index()), "who" | "which" | "that")
                    && verb.deprel() == "acl:relcl"
                {
                    verb.head().map_or(s.index(), |h| h.index())
                } else {
                    s.index()
                }
            });
        if subj.is_some() {
            return subj;
        }
    }
    let s = ctx.sentence_range(v);
    // `said Trump`, `said a spokesman`: the first noun or name after the verb.
    let mut j = v + 1;
    let mut last_noun = None;
    while j < s.end && j < v + 6 {
        let t = ctx.tag(j);
        let noun = if t.is_empty() {
            ctx.capitalised(j) && !ctx.is_punct(j)
        } else {
            t.starts_with("NN") || t == "PRP"
        };
        if noun {
            last_noun = Some(j);
        } else if last_noun.is_some() || ctx.is_punct(j) || ctx.key(j) == "on" {
            break;
        }
        j += 1;
    }
    if last_noun.is_some() {
        return last_noun;
    }
    let from = before?;
    (from..v).rev().find(|&k| {
        let t = ctx.tag(k);
        (t.is_empty() && ctx.capitalised(k)) || t.starts_with("NN") || t == "PRP" || t == "CD"
    })
}

/// When the parse gives no subject: `X, a farmer, said:` → the first noun phrase
/// of the sentence; otherwise the nearest noun before the verb.
fn subject_before(ctx: &Ctx, start: usize, v: usize) -> Option<usize> {
    let nounish = |k: usize| {
        let t = ctx.tag(k);
        if t.is_empty() {
            ctx.capitalised(k) && !ctx.is_punct(k)
        } else {
            t.starts_with("NN") || t == "PRP"
        }
    };
    if v > start && ctx.key(v - 1) == "," {
        let first = (start..v).find(|&k| nounish(k))?;
        let mut last = first;
        while last + 1 < v && nounish(last + 1) {
            last += 1;
        }
        return Some(last);
    }
    (start..v).rev().find(|&k| nounish(k))
}

/// An attribution found for a quote.
#[derive(Clone, Debug)]
struct Attribution {
    speaker: Option<Speaker>,
    verb: Option<Span>,
}

/// After the closing mark: `, he said`, `, said Trump`, `, according to X`.
fn attribution_after(ctx: &Ctx, close: usize) -> Option<Attribution> {
    let n = ctx.doc.token_data().len();
    let mut j = close + 1;
    while j < n && matches!(ctx.key(j), "," | "\u{2014}" | "\u{2013}" | "-" | "--") {
        j += 1;
    }
    let start = j;
    if start >= n {
        return None;
    }
    // Not across a paragraph, and not into a new sentence after a full stop:
    // `"We are done." He said ...` starts a sentence of its own.
    let between = &ctx.doc.text()
        [ctx.doc.token_data()[close].span.end..ctx.doc.token_data()[start].span.start];
    if between.contains('\n') {
        return None;
    }
    let ended = close > 0 && matches!(ctx.key(close - 1), "." | "\u{2026}" | "...");
    if ended && start == close + 1 && ctx.doc.sentence_of(start) != ctx.doc.sentence_of(close) {
        return None;
    }
    let limit = (start + 18).min(n);
    let mut k = start;
    while k < limit {
        let key = ctx.key(k);
        if matches!(key, "." | "!" | "?" | ";" | "\"" | "\u{201C}" | "\u{201D}") || ctx.quoted[k] {
            return None;
        }
        if key == "according" && ctx.key(k + 1) == "to" && k + 2 < n {
            let head = subject_of(ctx, k + 1, None).filter(|&h| h > k + 1)?;
            return Some(Attribution {
                speaker: Some(speaker_at(ctx, head)),
                verb: Some(ctx.span(k..k + 2)),
            });
        }
        // Right after the quote, or after a pronoun or name, a speech verb's form
        // is enough (taggers read `insists` after a quote as a noun).
        let by_form = ctx.lex.speech_lemma(key).is_some()
            && (k == start || (k == start + 1 && matches!(ctx.tag(start), "PRP" | "NNP")));
        if ctx.speech_verb(k) || by_form {
            // The words between the quote and the verb must be a short subject.
            // `Sergio Gera, the programme's chief co-ordinator, told`: a name with
            // an appositive between commas may be longer.
            let appositive = ctx.tag(start) == "NNP"
                && k > start + 1
                && ctx.key(k - 1) == ","
                && (start..k).filter(|&x| ctx.key(x) == ",").count() == 2;
            let max = if appositive { 16 } else { 7 };
            if (start..k).any(|x| {
                let t = ctx.tag(x);
                t.starts_with("VB") && !ctx.speech_verb(x) || t == "MD" && k - start > 3
            }) || k - start > max
            {
                return None;
            }
            // The subject lies between the quote and the verb, or right after an
            // inverted verb; a parse subject elsewhere is a parse error.
            let head = if k > start {
                subject_of(ctx, k, Some(start))
                    .filter(|h| (start..k).contains(h))
                    .or_else(|| subject_before(ctx, start, k))?
            } else {
                subject_of(ctx, k, None).filter(|&h| h > k)?
            };
            return Some(Attribution {
                speaker: Some(speaker_at(ctx, head)),
                verb: Some(ctx.span(k..k + 1)),
            });
        }
        k += 1;
    }
    None
}

/// Before the opening mark in its sentence: `Trump said: "..."`.
fn attribution_before(ctx: &Ctx, open: usize) -> Option<Attribution> {
    let s = ctx.sentence_range(open);
    let from = s.start.max(open.saturating_sub(25));
    let v = (from..open)
        .rev()
        .find(|&k| !ctx.quoted[k] && ctx.speech_verb(k))?;
    let head = subject_of(ctx, v, None)
        .filter(|&h| h < open)
        .or_else(|| subject_before(ctx, s.start, v))?;
    if head >= open || ctx.quoted[head] {
        return None;
    }
    Some(Attribution {
        speaker: Some(speaker_at(ctx, head)),
        verb: Some(ctx.span(v..v + 1)),
    })
}

/// Where a speech verb with a subject reported something: `(sentence, attribution)`.
fn speech_clauses(ctx: &Ctx) -> Vec<(usize, usize, usize)> {
    // (verb, subject head, sentence)
    let mut out = Vec::new();
    if !ctx.parsed {
        return out;
    }
    for i in 0..ctx.keys.len() {
        if ctx.quoted[i] || !ctx.speech_verb(i) {
            continue;
        }
        if let Some(s) = subject_of(ctx, i, None).filter(|&s| s < i || ctx.parsed) {
            out.push((i, s, ctx.doc.sentence_of(i)));
        }
    }
    out
}

/// Whether speech verb `v` is its sentence's main verb (or coordinated with it).
fn main_clause(ctx: &Ctx, v: usize) -> bool {
    let t = ctx.doc.token(v);
    t.deprel() == "root" || (t.deprel() == "conj" && t.head().is_some_and(|h| h.deprel() == "root"))
}

/// A subject that can be a speaker carried over to the next quote: a name, a
/// pronoun, or a person or role actor.
fn person_like(ctx: &Ctx, h: usize) -> bool {
    matches!(ctx.tag(h), "NNP" | "NNPS" | "PRP")
        || ctx.actor_at[h].is_some_and(|a| {
            matches!(
                ctx.doc.actors()[a].kind,
                ActorKind::Person | ActorKind::Role
            )
        })
}

/// Tokens of the subtree of `root`, as a contiguous range when it is one.
fn subtree(ctx: &Ctx, root: usize) -> Range<usize> {
    let s = ctx.sentence_range(root);
    let mut inside = vec![false; s.len()];
    inside[root - s.start] = true;
    // Heads come before or after; iterate until stable (trees are shallow).
    let mut changed = true;
    while changed {
        changed = false;
        for k in s.clone() {
            if inside[k - s.start] {
                continue;
            }
            if let Some(h) = ctx.doc.token(k).head() {
                if inside[h.index() - s.start] {
                    inside[k - s.start] = true;
                    changed = true;
                }
            }
        }
    }
    let a = s.start + inside.iter().position(|&x| x).unwrap_or(0);
    let b = s.start + inside.iter().rposition(|&x| x).unwrap_or(0) + 1;
    a..b
}

/// Find every quotation of `doc`.
pub fn find(doc: &Doc, lex: &SpeechLexicon) -> Vec<Quote> {
    let n = doc.token_data().len();
    let mut actor_at = vec![None; n];
    for (ai, a) in doc.actors().iter().enumerate() {
        for k in a.tokens.clone() {
            if k < n && actor_at[k].is_none() {
                actor_at[k] = Some(ai);
            }
        }
    }
    let marks = marks::find(doc.text());
    let mut ctx = Ctx {
        doc,
        lex,
        keys: doc
            .tokens()
            .map(|t| t.text().to_lowercase().replace('\u{2019}', "'"))
            .collect(),
        parsed: doc.has_syntax() && n > 0 && doc.tokens().any(|t| !t.tag().is_empty()),
        actor_at,
        persons: Vec::new(),
        quoted: vec![false; n],
        last_speaker: None,
    };
    // Token ranges of each quoted stretch, and which are speech-like.
    struct Seg {
        m: marks::Quoted,
        open_tok: Option<usize>,
        close_tok: Option<usize>,
        inner: Range<usize>,
        direct: bool,
    }
    let mut segs: Vec<Seg> = Vec::new();
    for m in marks {
        let inner = tokens_in(doc, m.content);
        let open_tok = doc.token_at(m.open);
        let close_tok = m.close.and_then(|c| doc.token_at(c));
        let words = inner
            .clone()
            .filter(|&k| matches!(doc.token(k).kind(), TokenKind::Word | TokenKind::Number))
            .count();
        let _last_punct = inner
            .clone()
            .last()
            .is_some_and(|k| matches!(ctx.key(k), "," | "." | "!" | "?" | "\u{2026}" | "..."));
        let sentence_start = open_tok.is_some_and(|o| ctx.sentence_range(o).start == o);
        let comma_after = close_tok.is_some_and(|c| ctx.key(c + 1) == "," && c + 1 < n);
        let verb_after = close_tok.is_some_and(|c| {
            (c + 1..(c + 5).min(n)).any(|k| ctx.speech_verb(k))
                && (ctx.key(c + 1) == "," || ctx.speech_verb(c + 1))
        });
        let sentence_punct = inner
            .clone()
            .last()
            .is_some_and(|k| matches!(ctx.key(k), "." | "!" | "?" | "\u{2026}" | "..."));
        // One to three words are a term unless punctuated or attributed like a
        // speech: `"No," he said`, `"Never!"` at a sentence start.
        let direct = words >= 4
            || verb_after
            || (sentence_start && (sentence_punct || !comma_after))
            || (_last_punct && sentence_punct && words >= 2);
        if words == 0 && inner.is_empty() {
            continue;
        }
        if direct {
            for k in inner.clone() {
                ctx.quoted[k] = true;
            }
        }
        segs.push(Seg {
            m,
            open_tok,
            close_tok,
            inner,
            direct,
        });
    }
    ctx.persons = collect_persons(&ctx);
    let clauses = speech_clauses(&ctx);
    let paragraphs = marks::paragraph_starts(doc.text());
    let para_of = |byte: usize| paragraphs.partition_point(|&p| p <= byte).saturating_sub(1);

    let mut out = Vec::new();
    // The last attributed direct quote: (sentence, paragraph, attribution).
    let mut last: Option<(usize, usize, Attribution)> = None;
    for seg in &segs {
        let kind = if seg.direct {
            QuoteKind::Direct
        } else {
            QuoteKind::Term
        };
        let first_inner = seg.inner.start;
        let sentence = if seg.inner.is_empty() {
            seg.open_tok.map(|o| doc.sentence_of(o))
        } else {
            Some(doc.sentence_of(first_inner))
        };
        let mut attr = None;
        if seg.direct {
            let open_at_start = seg
                .open_tok
                .is_some_and(|o| ctx.sentence_range(o).start == o);
            let after = seg.close_tok.and_then(|c| attribution_after(&ctx, c));
            let before = seg.open_tok.and_then(|o| attribution_before(&ctx, o));
            attr = if open_at_start {
                after.or(before)
            } else {
                before.or(after)
            };
            if attr.is_none() {
                // Continue the previous speaker: the last attributed quote or the
                // subject of a speech verb shortly before.
                let here = sentence.unwrap_or(0);
                let para = para_of(seg.m.open);
                let prev_quote = last
                    .as_ref()
                    .filter(|(s, p, _)| here - s <= 3 && para - p <= 2)
                    .map(|(s, _, a)| (*s, a.clone()));
                let prev_clause = clauses
                    .iter()
                    .filter(|(v, _, s)| *s < here && here - s <= 1 && *v < seg.inner.start)
                    .rfind(|&&(v, h, _)| main_clause(&ctx, v) && person_like(&ctx, h))
                    .map(|&(v, h, s)| {
                        (
                            s,
                            Attribution {
                                speaker: Some(speaker_at(&ctx, h)),
                                verb: Some(ctx.span(v..v + 1)),
                            },
                        )
                    });
                attr = match (prev_quote, prev_clause) {
                    (Some(q), Some(c)) => Some(if c.0 > q.0 { c.1 } else { q.1 }),
                    (q, c) => q.or(c).map(|x| x.1),
                };
            }
            if let Some(sp) = attr.as_ref().and_then(|a| a.speaker.as_ref()) {
                let at = doc.token_at(sp.span.start).unwrap_or(0);
                let resolved = sp.name.contains(char::is_uppercase)
                    && !PRONOUNS.contains(&sp.name.to_lowercase().as_str());
                if resolved {
                    let female = if FEMALE.contains(&ctx.key(at)) {
                        Some(true)
                    } else if MALE.contains(&ctx.key(at)) {
                        Some(false)
                    } else {
                        None
                    };
                    ctx.last_speaker = Some((
                        at,
                        Person {
                            at,
                            surname: sp.name.rsplit(' ').next().unwrap_or("").to_lowercase(),
                            name: sp.name.clone(),
                            code: sp.code.clone(),
                            actor: sp.actor,
                            female,
                            subject: true,
                            speaker: true,
                        },
                    ));
                }
            }
            if let (Some(a), Some(s)) = (&attr, sentence) {
                if a.speaker.is_some() {
                    let end_sentence = seg.close_tok.map_or(s, |c| doc.sentence_of(c));
                    last = Some((end_sentence, para_of(seg.m.open), a.clone()));
                }
            }
        } else if ctx.parsed && !seg.inner.is_empty() {
            // A term: the subject of the naming or speech verb it hangs on.
            let mut t = doc.token(seg.inner.end - 1);
            for _ in 0..8 {
                let Some(h) = t.head() else { break };
                t = h;
                let k = t.index();
                if ctx.naming_verb(k) || ctx.speech_verb(k) {
                    if let Some(head) =
                        subject_of(&ctx, k, None).filter(|&x| !seg.inner.contains(&x))
                    {
                        attr = Some(Attribution {
                            speaker: Some(speaker_at(&ctx, head)),
                            verb: Some(ctx.span(k..k + 1)),
                        });
                    }
                    break;
                }
            }
        }
        let attr = attr.unwrap_or(Attribution {
            speaker: None,
            verb: None,
        });
        out.push(Quote {
            span: seg.m.content,
            kind,
            speaker: attr.speaker,
            verb: attr.verb,
        });
    }
    // Indirect speech: the clause a speech verb governs.
    for &(v, subj, _) in &clauses {
        let verb = doc.token(v);
        for c in verb.children() {
            if c.deprel() != "ccomp" {
                continue;
            }
            let mut r = subtree(&ctx, c.index());
            while r.start < r.end
                && (doc.token(r.start).deprel() == "mark" || ctx.is_punct(r.start))
            {
                r.start += 1;
            }
            while r.end > r.start && ctx.is_punct(r.end - 1) {
                r.end -= 1;
            }
            if r.len() < 2 || r.contains(&v) {
                continue;
            }
            let quoted = r.clone().filter(|&k| ctx.quoted[k]).count();
            if quoted * 2 >= r.len() {
                continue;
            }
            if r.clone()
                .any(|k| matches!(ctx.key(k), "\"" | "\u{201C}" | "\u{201D}"))
                && quoted > 0
            {
                continue;
            }
            out.push(Quote {
                span: ctx.span(r),
                kind: QuoteKind::Indirect,
                speaker: Some(speaker_at(&ctx, subj)),
                verb: Some(ctx.span(v..v + 1)),
            });
        }
    }
    out
}

/// The quotation stage.
pub struct Quotes {
    lex: &'static SpeechLexicon,
}

impl Quotes {
    /// A quotation stage over the built-in lists.
    pub fn new() -> Quotes {
        Quotes {
            lex: SpeechLexicon::builtin(),
        }
    }
}

impl Default for Quotes {
    fn default() -> Quotes {
        Quotes::new()
    }
}

impl Component for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Doc) {
        let quotes = find(doc, self.lex);
        if let Err(e) = doc.set_quotes(quotes) {
            doc.diagnostics.push(format!("quotes: {e}"));
        }
    }
}
