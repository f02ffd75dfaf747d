//! Dyad's document model.
//!
//! A [`Doc`] owns the cleaned text of one article and its metadata. Everything a
//! pipeline stage adds — sentences, tokens, and later tags, actors, events, quotes,
//! amounts — is a [`Span`] of **byte offsets into that text**, so every output can
//! point back at the exact characters it came from: `&doc.text()[span.range()]`.
//!
//! The crate depends on nothing else in the workspace, does no I/O and knows no wire
//! format: serialisation lives at the edges (`dyad::export`).
//!
//! ```
//! use dyad_doc::{Doc, Meta, Span, TokenData, TokenKind, SentenceData};
//!
//! let mut doc = Doc::new(Meta::with_id("d1"), "Gondor protested.".to_string());
//! let tokens = vec![
//!     TokenData { span: Span::new(0, 6), kind: TokenKind::Word },
//!     TokenData { span: Span::new(7, 16), kind: TokenKind::Word },
//!     TokenData { span: Span::new(16, 17), kind: TokenKind::Punct },
//! ];
//! let sentences = vec![SentenceData { span: Span::new(0, 17), tokens: 0..3 }];
//! doc.set_segmentation(tokens, sentences).unwrap();
//! let s = doc.sentence(0);
//! assert_eq!(s.text(), "Gondor protested.");
//! assert_eq!(s.tokens().map(|t| t.text()).collect::<Vec<_>>(), ["Gondor", "protested", "."]);
//! ```
#![deny(missing_docs)]

mod align;
mod amount;
mod entity;
mod quote;
mod span;
mod tone;

pub use align::{Alignment, AlignmentBuilder};
pub use amount::Amount;
pub use entity::{Entity, EntityLabel};
pub use quote::{Quote, QuoteKind, Speaker};
pub use span::Span;
pub use tone::Tone;

use std::fmt;
use std::ops::Range;

/// Where an article came from: the input path and the 1-based line (or record) on
/// which it starts. `path` is `-` for standard input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Input path as given by the user (`-` for stdin).
    pub path: String,
    /// 1-based line where the article's record or first line is, when known.
    pub line: Option<u64>,
}

/// How a document's date was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// The input record carried the date.
    Record,
    /// Found in the article text (a dateline or a written date).
    Text,
    /// The user's `--date` default.
    Default,
}

impl DateSource {
    /// Stable lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Record => "record",
            DateSource::Text => "text",
            DateSource::Default => "default",
        }
    }
}

/// Article metadata. Everything but `id` is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Stable identifier: from the record, else derived from file name and position.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD` or a full timestamp as given).
    pub date: Option<String>,
    /// Where `date` came from.
    pub date_source: Option<DateSource>,
    /// News organisation.
    pub source: Option<String>,
    /// Original URL.
    pub url: Option<String>,
    /// Author or byline, as the record or page gives it.
    pub author: Option<String>,
    /// Language of the text (ISO 639-1, `en`), when the input states it.
    pub lang: Option<String>,
    /// Input file and line.
    pub origin: Origin,
}

impl Meta {
    /// Metadata with only an id.
    pub fn with_id(id: impl Into<String>) -> Meta {
        Meta {
            id: id.into(),
            ..Meta::default()
        }
    }
}

/// Why the cleaner removed a line from an article. Nothing is dropped without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// The headline repeated in the body (or a second time in the header block).
    RepeatedHeadline,
    /// A photo caption seen before in the same article.
    RepeatedCaption,
    /// Page furniture: font-size toggles, share counts, "Advertisement", ...
    UiDebris,
    /// Agency or photo credit lines: `(Reuters)`, `REUTERS/Name/File Photo`.
    Credit,
    /// Text before the first headline of a dump that belongs to no article.
    Preamble,
}

impl DropReason {
    /// Stable snake_case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::RepeatedHeadline => "repeated_headline",
            DropReason::RepeatedCaption => "repeated_caption",
            DropReason::UiDebris => "ui_debris",
            DropReason::Credit => "credit",
            DropReason::Preamble => "preamble",
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line removed from the article before analysis, kept so nothing is lost silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The line as it was in the input.
    pub text: String,
    /// Why it was removed.
    pub reason: DropReason,
    /// 1-based line number in the input file, when known.
    pub line: Option<u64>,
}

/// Coarse token class assigned by the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits, apostrophes, internal periods (`U.S.`) or a clitic (`n't`).
    Word,
    /// Digits with optional separators: `1,800`, `3.5`, `1980s`.
    Number,
    /// Punctuation, including quotes, dashes and ellipses.
    Punct,
    /// Other symbols: `$`, `%`, `&`, `+`.
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// `#tag`.
    Hashtag,
    /// `@handle`.
    Mention,
}

impl TokenKind {
    /// Stable lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
        }
    }
}

/// Stored token record: a span into the document text and a coarse kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenData {
    /// Byte span into [`Doc::text`].
    pub span: Span,
    /// Coarse class.
    pub kind: TokenKind,
}

/// Stored sentence record: its span and the range of token indices it contains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceData {
    /// Byte span into [`Doc::text`], from the first token's start to the last token's end.
    pub span: Span,
    /// Indices into the document's token list.
    pub tokens: Range<usize>,
}

/// Syntax of one token, added by the tagger, lemmatizer and parser.
///
/// Tag and relation names are `&'static str`: models are loaded once per process
/// and live as long as it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSyntax {
    /// Penn Treebank tag (`NNP`, `VBD`, ...).
    pub tag: &'static str,
    /// Universal POS tag (`PROPN`, `VERB`, ...).
    pub upos: &'static str,
    /// Lemma (`attacked` → `attack`).
    pub lemma: String,
    /// Document index of the head token; `None` for the sentence root.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obj`, `root`, ...).
    pub deprel: &'static str,
}

/// What kind of actor a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A state, or a part of one (`Russian troops`, `the Kremlin`).
    Country,
    /// An international organisation or NGO.
    Igo,
    /// A person.
    Person,
    /// A non-state group with its own code.
    Group,
    /// A role with no country or organisation (`police`, `rebels`).
    Role,
    /// A city or region coded as its country where something happens to it
    /// (`exercises in Alaska`, `shelled Aleppo`): a target, never a source.
    Place,
}

impl ActorKind {
    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Igo => "igo",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
            ActorKind::Role => "role",
            ActorKind::Place => "place",
        }
    }
}

/// How a mention's code was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorVia {
    /// Dictionary phrases alone (`Russia's foreign ministry`).
    Dictionary,
    /// A title before an unknown name (`Deputy Prime Minister Telemar`).
    Title,
    /// An appositive (`Telemar, the Dagolathi minister`).
    Appositive,
    /// An earlier mention: surname, role description or pronoun.
    Coref,
}

impl ActorVia {
    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorVia::Dictionary => "dictionary",
            ActorVia::Title => "title",
            ActorVia::Appositive => "appositive",
            ActorVia::Coref => "coref",
        }
    }
}

/// One mention of a political actor, coded.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Byte span of the mention (without a leading article).
    pub span: Span,
    /// Token indices of the mention.
    pub tokens: Range<usize>,
    /// The token the mention's syntax hangs on (its last noun, usually).
    pub head: usize,
    /// CAMEO actor code (`USAGOV`, `IGOUNO`, `---COP` for a role alone).
    pub code: String,
    /// What it names.
    pub kind: ActorKind,
    /// How the code was found.
    pub via: ActorVia,
    /// The earlier mention a coreferent or appositive mention took its code from.
    pub antecedent: Option<Span>,
    /// Plural mention (`rebels`, `the two leaders`).
    pub plural: bool,
    /// Where the deciding entry came from (`countries.txt:123`).
    pub rule: String,
}

/// Whether an event is asserted as fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Reported as having happened or happening.
    Asserted,
    /// Announced, planned, threatened or expected (`will meet`, `plans to impose`).
    Future,
    /// Only possible or required (`could attack`, `should talk`).
    Possible,
    /// Inside a condition (`if Arnor attacks`).
    Conditional,
    /// Asked (`Will Arnor attack?`).
    Question,
}

impl Modality {
    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Future => "future",
            Modality::Possible => "possible",
            Modality::Conditional => "conditional",
            Modality::Question => "question",
        }
    }
}

/// One side of an event: the words and, when resolved, the actor mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventArg {
    /// Byte span of the argument's words (the actor mention when resolved).
    pub span: Span,
    /// Index into [`Doc::actors`] when the argument is a coded actor.
    pub actor: Option<usize>,
}

/// One coded action of a source toward a target.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Sentence index.
    pub sentence: usize,
    /// Token index of the word that carries the event (verb or event noun).
    pub trigger: usize,
    /// Who acts.
    pub source: Option<EventArg>,
    /// Toward whom.
    pub target: Option<EventArg>,
    /// CAMEO event code (`190`, `0311`).
    pub code: String,
    /// Negated (`did not attack`); never a fact.
    pub negated: bool,
    /// Asserted, future, possible, conditional or question.
    pub modality: Modality,
    /// The dictionary file, line and pattern that fired.
    pub rule: String,
}

/// A segmentation that breaks the document invariants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanError(pub String);

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid segmentation: {}", self.0)
    }
}

impl std::error::Error for SpanError {}

/// One article: its cleaned text, metadata, and the annotation layers added by
/// pipeline stages. All spans are byte offsets into [`Doc::text`].
#[derive(Clone, Debug)]
pub struct Doc {
    /// Article metadata.
    pub meta: Meta,
    text: String,
    alignment: Alignment,
    tokens: Vec<TokenData>,
    sentences: Vec<SentenceData>,
    syntax: Vec<TokenSyntax>,
    /// Dependents of each token in text order, built with the syntax: token `i`'s
    /// are `dependents[dependent_starts[i]..dependent_starts[i + 1]]`.
    dependents: Vec<u32>,
    dependent_starts: Vec<u32>,
    actors: Vec<Actor>,
    events: Vec<Event>,
    quotes: Vec<Quote>,
    amounts: Vec<Amount>,
    tone: Option<Tone>,
    sentence_tones: Vec<Tone>,
    entities: Vec<Entity>,
    /// Lines the cleaner removed, with reasons.
    pub dropped: Vec<Dropped>,
    /// Problems noticed while building this document (not fatal).
    pub diagnostics: Vec<String>,
}

impl Doc {
    /// A document over already-clean text whose offsets equal the raw offsets.
    pub fn new(meta: Meta, text: String) -> Doc {
        let alignment = Alignment::identity(text.len());
        Doc::with_alignment(meta, text, alignment)
    }

    /// A document over cleaned text with the map back to the raw input.
    pub fn with_alignment(meta: Meta, text: String, alignment: Alignment) -> Doc {
        Doc {
            meta,
            text,
            alignment,
            tokens: Vec::new(),
            sentences: Vec::new(),
            syntax: Vec::new(),
            dependents: Vec::new(),
            dependent_starts: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            amounts: Vec::new(),
            tone: None,
            sentence_tones: Vec::new(),
            entities: Vec::new(),
            dropped: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The cleaned text every span points into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Map from cleaned-text offsets back to offsets in the raw input text.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// Install sentences and tokens, checking the invariants: every span lies inside
    /// the text on character boundaries, tokens are sorted and do not overlap, and
    /// sentences partition the token list in order with spans covering their tokens.
    pub fn set_segmentation(
        &mut self,
        tokens: Vec<TokenData>,
        sentences: Vec<SentenceData>,
    ) -> Result<(), SpanError> {
        let mut prev_end = 0;
        for (i, t) in tokens.iter().enumerate() {
            self.check_span(t.span)
                .map_err(|e| SpanError(format!("token {i}: {e}")))?;
            if t.span.is_empty() || t.span.start < prev_end {
                return Err(SpanError(format!(
                    "token {i} {:?} is empty or overlaps the previous one",
                    t.span
                )));
            }
            prev_end = t.span.end;
        }
        let mut next_token = 0;
        for (i, s) in sentences.iter().enumerate() {
            self.check_span(s.span)
                .map_err(|e| SpanError(format!("sentence {i}: {e}")))?;
            if s.tokens.start != next_token || s.tokens.end <= s.tokens.start {
                return Err(SpanError(format!(
                    "sentence {i} tokens {:?} do not follow on from token {next_token}",
                    s.tokens
                )));
            }
            let first = tokens.get(s.tokens.start).map(|t| t.span.start);
            let last = tokens.get(s.tokens.end - 1).map(|t| t.span.end);
            if first != Some(s.span.start) || last != Some(s.span.end) {
                return Err(SpanError(format!(
                    "sentence {i} span {:?} does not run from its first to its last token",
                    s.span
                )));
            }
            next_token = s.tokens.end;
        }
        if next_token != tokens.len() {
            return Err(SpanError(format!(
                "tokens {next_token}.. belong to no sentence"
            )));
        }
        self.tokens = tokens;
        self.sentences = sentences;
        self.syntax.clear();
        self.dependents.clear();
        self.dependent_starts.clear();
        Ok(())
    }

    /// Install per-token syntax: one entry per token, every head inside the token's
    /// own sentence, exactly one root per sentence.
    pub fn set_syntax(&mut self, syntax: Vec<TokenSyntax>) -> Result<(), SpanError> {
        if syntax.len() != self.tokens.len() {
            return Err(SpanError(format!(
                "{} syntax entries for {} tokens",
                syntax.len(),
                self.tokens.len()
            )));
        }
        for (si, s) in self.sentences.iter().enumerate() {
            let mut roots = 0;
            for i in s.tokens.clone() {
                match syntax[i].head {
                    None => roots += 1,
                    Some(h) if h == i || !s.tokens.contains(&h) => {
                        return Err(SpanError(format!(
                            "token {i} has head {h} outside sentence {si}"
                        )))
                    }
                    Some(_) => {}
                }
            }
            if roots != 1 {
                return Err(SpanError(format!("sentence {si} has {roots} roots")));
            }
        }
        // Dependents grouped by head (a counting sort, so text order is kept).
        let mut starts = vec![0u32; syntax.len() + 1];
        for h in syntax.iter().filter_map(|s| s.head) {
            starts[h + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut dependents = vec![0u32; starts[syntax.len()] as usize];
        for (i, s) in syntax.iter().enumerate() {
            if let Some(h) = s.head {
                dependents[next[h] as usize] = i as u32;
                next[h] += 1;
            }
        }
        self.syntax = syntax;
        self.dependents = dependents;
        self.dependent_starts = starts;
        Ok(())
    }

    /// Install the actor mentions, checking that each one's tokens lie inside one
    /// sentence, its span covers exactly those tokens, its head is one of them and
    /// an antecedent lies inside the text. Mentions are sorted by position.
    pub fn set_actors(&mut self, mut actors: Vec<Actor>) -> Result<(), SpanError> {
        for (i, a) in actors.iter().enumerate() {
            let t = &a.tokens;
            if t.start >= t.end || t.end > self.tokens.len() {
                return Err(SpanError(format!("actor {i}: bad token range {t:?}")));
            }
            if self.sentence_of(t.start) != self.sentence_of(t.end - 1) {
                return Err(SpanError(format!("actor {i} crosses a sentence boundary")));
            }
            let span = Span::new(
                self.tokens[t.start].span.start,
                self.tokens[t.end - 1].span.end,
            );
            if a.span != span || !t.contains(&a.head) {
                return Err(SpanError(format!(
                    "actor {i}: span or head disagrees with its tokens"
                )));
            }
            if let Some(ante) = a.antecedent {
                self.check_span(ante)
                    .map_err(|e| SpanError(format!("actor {i} antecedent: {e}")))?;
            }
        }
        actors.sort_by_key(|a| (a.tokens.start, a.tokens.end));
        self.actors = actors;
        Ok(())
    }

    /// Actor mentions in text order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// Install the events, checking that sentence, trigger, argument spans and actor
    /// indices are in range and the trigger lies in its sentence.
    pub fn set_events(&mut self, events: Vec<Event>) -> Result<(), SpanError> {
        for (i, e) in events.iter().enumerate() {
            if e.sentence >= self.sentences.len()
                || !self.sentences[e.sentence].tokens.contains(&e.trigger)
            {
                return Err(SpanError(format!(
                    "event {i}: trigger outside its sentence"
                )));
            }
            for arg in e.source.iter().chain(e.target.iter()) {
                self.check_span(arg.span)
                    .map_err(|m| SpanError(format!("event {i}: {m}")))?;
                if arg.actor.is_some_and(|a| a >= self.actors.len()) {
                    return Err(SpanError(format!("event {i}: actor index out of range")));
                }
            }
        }
        self.events = events;
        Ok(())
    }

    /// Events in sentence order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Install the quotations, checking that every span (quote, speaker, verb)
    /// lies inside the text on character boundaries and speaker actor indices are
    /// in range. Quotes are sorted by position.
    pub fn set_quotes(&mut self, mut quotes: Vec<Quote>) -> Result<(), SpanError> {
        for (i, q) in quotes.iter().enumerate() {
            let check = |s: Span, what: &str| {
                self.check_span(s)
                    .map_err(|e| SpanError(format!("quote {i} {what}: {e}")))
            };
            check(q.span, "span")?;
            if let Some(v) = q.verb {
                check(v, "verb")?;
            }
            if let Some(sp) = &q.speaker {
                check(sp.span, "speaker")?;
                if sp.actor.is_some_and(|a| a >= self.actors.len()) {
                    return Err(SpanError(format!("quote {i}: actor index out of range")));
                }
            }
        }
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        self.quotes = quotes;
        Ok(())
    }

    /// Quotations in text order.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// Install the amounts, checking that each span (and its object and qualifier)
    /// lies inside the text on character boundaries and the value is finite.
    /// Amounts are sorted by position.
    pub fn set_amounts(&mut self, mut amounts: Vec<Amount>) -> Result<(), SpanError> {
        for (i, a) in amounts.iter().enumerate() {
            for s in [Some(a.span), a.object, a.qualifier].into_iter().flatten() {
                self.check_span(s)
                    .map_err(|e| SpanError(format!("amount {i}: {e}")))?;
            }
            if !a.value.is_finite() {
                return Err(SpanError(format!("amount {i}: value is not finite")));
            }
        }
        amounts.sort_by_key(|a| (a.span.start, a.span.end));
        self.amounts = amounts;
        Ok(())
    }

    /// Amounts in text order.
    pub fn amounts(&self) -> &[Amount] {
        &self.amounts
    }

    /// Install the tone of the document and of each sentence (one entry per
    /// sentence, in order).
    pub fn set_tone(&mut self, doc: Tone, sentences: Vec<Tone>) -> Result<(), SpanError> {
        if sentences.len() != self.sentences.len() {
            return Err(SpanError(format!(
                "{} sentence tones for {} sentences",
                sentences.len(),
                self.sentences.len()
            )));
        }
        self.tone = Some(doc);
        self.sentence_tones = sentences;
        Ok(())
    }

    /// The document's tone, once scored.
    pub fn tone(&self) -> Option<&Tone> {
        self.tone.as_ref()
    }

    /// The tone of sentence `i`, once scored.
    pub fn sentence_tone(&self, i: usize) -> Option<&Tone> {
        self.sentence_tones.get(i)
    }

    /// Install the named entities, checking that each one's tokens lie inside one
    /// sentence, its span covers exactly those tokens, entities do not overlap and
    /// actor indices are in range. Entities are sorted by position.
    pub fn set_entities(&mut self, mut entities: Vec<Entity>) -> Result<(), SpanError> {
        entities.sort_by_key(|e| (e.tokens.start, e.tokens.end));
        let mut prev_end = 0;
        for (i, e) in entities.iter().enumerate() {
            let t = &e.tokens;
            if t.start >= t.end || t.end > self.tokens.len() {
                return Err(SpanError(format!("entity {i}: bad token range {t:?}")));
            }
            if self.sentence_of(t.start) != self.sentence_of(t.end - 1) {
                return Err(SpanError(format!("entity {i} crosses a sentence boundary")));
            }
            let span = Span::new(
                self.tokens[t.start].span.start,
                self.tokens[t.end - 1].span.end,
            );
            if e.span != span {
                return Err(SpanError(format!(
                    "entity {i}: span {:?} disagrees with its tokens",
                    e.span
                )));
            }
            if t.start < prev_end {
                return Err(SpanError(format!("entity {i} overlaps the previous one")));
            }
            if e.actor.is_some_and(|a| a >= self.actors.len()) {
                return Err(SpanError(format!("entity {i}: actor index out of range")));
            }
            prev_end = t.end;
        }
        self.entities = entities;
        Ok(())
    }

    /// Named entities in text order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Whether syntax has been added.
    pub fn has_syntax(&self) -> bool {
        !self.syntax.is_empty() || self.tokens.is_empty()
    }

    /// Token `i` (panics when out of range, like slice indexing).
    pub fn token(&self, i: usize) -> Token<'_> {
        assert!(i < self.tokens.len(), "token index {i} out of range");
        Token {
            doc: self,
            index: i,
        }
    }

    fn check_span(&self, span: Span) -> Result<(), String> {
        if span.start > span.end || span.end > self.text.len() {
            return Err(format!(
                "{span:?} outside text of {} bytes",
                self.text.len()
            ));
        }
        if !self.text.is_char_boundary(span.start) || !self.text.is_char_boundary(span.end) {
            return Err(format!("{span:?} splits a character"));
        }
        Ok(())
    }

    /// Number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    /// Sentence `i` (panics when out of range, like slice indexing).
    pub fn sentence(&self, i: usize) -> Sentence<'_> {
        assert!(i < self.sentences.len(), "sentence index {i} out of range");
        Sentence {
            doc: self,
            index: i,
        }
    }

    /// All sentences in order.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = Sentence<'_>> + '_ {
        (0..self.sentences.len()).map(move |index| Sentence { doc: self, index })
    }

    /// All tokens in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'_>> + '_ {
        (0..self.tokens.len()).map(move |index| Token { doc: self, index })
    }

    /// Stored token records.
    pub fn token_data(&self) -> &[TokenData] {
        &self.tokens
    }

    /// Stored sentence records.
    pub fn sentence_data(&self) -> &[SentenceData] {
        &self.sentences
    }

    /// Index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= i)
    }

    /// Index of the token containing byte `offset`, if any.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end <= offset);
        (i < self.tokens.len() && self.tokens[i].span.start <= offset).then_some(i)
    }
}

/// A view of one sentence of a [`Doc`].
#[derive(Clone, Copy, Debug)]
pub struct Sentence<'a> {
    doc: &'a Doc,
    index: usize,
}

impl<'a> Sentence<'a> {
    /// Position of the sentence in the document.
    pub fn index(&self) -> usize {
        self.index
    }

    fn data(&self) -> &'a SentenceData {
        &self.doc.sentences[self.index]
    }

    /// Byte span into the document text.
    pub fn span(&self) -> Span {
        self.data().span
    }

    /// The sentence's text.
    pub fn text(&self) -> &'a str {
        self.data().span.slice(&self.doc.text)
    }

    /// Range of token indices.
    pub fn token_range(&self) -> Range<usize> {
        self.data().tokens.clone()
    }

    /// The sentence's tokens in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'a>> + 'a {
        let doc = self.doc;
        self.data()
            .tokens
            .clone()
            .map(move |index| Token { doc, index })
    }
}

/// A view of one token of a [`Doc`].
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    doc: &'a Doc,
    index: usize,
}

impl<'a> Token<'a> {
    /// Position of the token in the document.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Byte span into the document text.
    pub fn span(&self) -> Span {
        self.doc.tokens[self.index].span
    }

    /// The token's text.
    pub fn text(&self) -> &'a str {
        self.span().slice(&self.doc.text)
    }

    /// Coarse class.
    pub fn kind(&self) -> TokenKind {
        self.doc.tokens[self.index].kind
    }

    /// The token's syntax, once a parser has run.
    pub fn syntax(&self) -> Option<&'a TokenSyntax> {
        self.doc.syntax.get(self.index)
    }

    /// Penn Treebank tag ("" before tagging).
    pub fn tag(&self) -> &'static str {
        self.syntax().map_or("", |s| s.tag)
    }

    /// Universal POS tag ("" before tagging).
    pub fn upos(&self) -> &'static str {
        self.syntax().map_or("", |s| s.upos)
    }

    /// Lemma (the text itself before lemmatization).
    pub fn lemma(&self) -> &'a str {
        self.syntax()
            .map_or_else(|| self.text(), |s| s.lemma.as_str())
    }

    /// Dependency relation to the head ("" before parsing).
    pub fn deprel(&self) -> &'static str {
        self.syntax().map_or("", |s| s.deprel)
    }

    /// The head token; `None` for a root or before parsing.
    pub fn head(&self) -> Option<Token<'a>> {
        let doc = self.doc;
        self.syntax()?.head.map(|index| Token { doc, index })
    }

    /// Dependents in text order.
    pub fn children(&self) -> impl Iterator<Item = Token<'a>> + 'a {
        let doc = self.doc;
        let starts = &doc.dependent_starts;
        let range = match (starts.get(self.index), starts.get(self.index + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        doc.dependents[range].iter().map(move |&i| Token {
            doc,
            index: i as usize,
        })
    }

    /// Whether whitespace follows the token in the text.
    pub fn space_after(&self) -> bool {
        self.doc.text[self.span().end..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        Doc::new(Meta::with_id("t"), "Ab cd. Ef".to_string())
    }

    fn tok(start: usize, end: usize) -> TokenData {
        TokenData {
            span: Span::new(start, end),
            kind: TokenKind::Word,
        }
    }

    #[test]
    fn accepts_valid_segmentation_and_finds_tokens() {
        let mut d = doc();
        let tokens = vec![tok(0, 2), tok(3, 5), tok(5, 6), tok(7, 9)];
        let sentences = vec![
            SentenceData {
                span: Span::new(0, 6),
                tokens: 0..3,
            },
            SentenceData {
                span: Span::new(7, 9),
                tokens: 3..4,
            },
        ];
        d.set_segmentation(tokens, sentences).unwrap();
        assert_eq!(d.sentence(1).text(), "Ef");
        assert_eq!(d.token_at(4), Some(1));
        assert_eq!(d.token_at(2), None);
        assert_eq!(d.token_at(8), Some(3));
        assert!(d.tokens().next().unwrap().space_after());
    }

    #[test]
    fn children_come_in_text_order_within_their_sentence() {
        let mut d = Doc::new(Meta::with_id("c"), "Ab cd ef gh. Ij kl".to_string());
        let tokens = vec![
            tok(0, 2),
            tok(3, 5),
            tok(6, 8),
            tok(9, 11),
            tok(11, 12),
            tok(13, 15),
            tok(16, 18),
        ];
        let sentences = vec![
            SentenceData {
                span: Span::new(0, 12),
                tokens: 0..5,
            },
            SentenceData {
                span: Span::new(13, 18),
                tokens: 5..7,
            },
        ];
        d.set_segmentation(tokens.clone(), sentences.clone())
            .unwrap();
        let syntax = |head: Option<usize>| TokenSyntax {
            tag: "X",
            upos: "X",
            lemma: String::new(),
            head,
            deprel: "dep",
        };
        // Sentence 1: `cd` heads `ef`, `ab`, `.` and `gh` (through `ef`).
        let heads = [Some(1), None, Some(1), Some(2), Some(1), Some(6), None];
        d.set_syntax(heads.iter().map(|&h| syntax(h)).collect())
            .unwrap();
        let children = |d: &Doc, i: usize| -> Vec<usize> {
            d.token(i).children().map(|t| t.index()).collect()
        };
        assert_eq!(children(&d, 1), [0, 2, 4]);
        assert_eq!(children(&d, 2), [3]);
        assert!(children(&d, 0).is_empty());
        assert_eq!(children(&d, 6), [5]);
        // New segmentation drops the syntax and its dependents.
        d.set_segmentation(tokens, sentences).unwrap();
        assert!(children(&d, 1).is_empty());
    }

    #[test]
    fn rejects_overlap_gaps_and_bad_boundaries() {
        let mut d = doc();
        let one = |r: Range<usize>, s: Span| vec![SentenceData { span: s, tokens: r }];
        assert!(d
            .set_segmentation(vec![tok(0, 3), tok(2, 5)], one(0..2, Span::new(0, 5)))
            .is_err());
        assert!(d
            .set_segmentation(vec![tok(0, 2), tok(3, 5)], one(0..1, Span::new(0, 2)))
            .is_err());
        assert!(d
            .set_segmentation(vec![tok(0, 2)], one(0..1, Span::new(0, 3)))
            .is_err());
        assert!(d
            .set_segmentation(vec![tok(0, 20)], one(0..1, Span::new(0, 20)))
            .is_err());
        let mut u = Doc::new(Meta::with_id("u"), "é".to_string());
        assert!(u
            .set_segmentation(vec![tok(0, 1)], one(0..1, Span::new(0, 1)))
            .is_err());
    }
}
