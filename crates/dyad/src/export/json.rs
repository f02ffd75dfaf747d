//! The `dyad analyze` JSON object: one per article.
//!
//! ```json
//! {"id": "...", "title": "...", "date": "1987-02-26", "date_source": "record",
//!  "source": "...", "url": null, "author": null, "lang": "en",
//!  "origin": {"path": "...", "line": 1},
//!  "text": "...", "sentences": [{"start": 0, "end": 17, "text": "..."}],
//!  "dropped": [{"text": "TT", "reason": "ui_debris", "line": 3}]}
//! ```
//!
//! Offsets are byte offsets into `text`. With `tokens`, each sentence also lists its
//! tokens: `{start, end, text, kind, tag, upos, lemma, head, deprel}`, where `head` is
//! the index of the head token in the same sentence's list (`null` for the root).
//! Later layers (`entities`, `actors`, `events`,
//! `quotes`, `amounts`) are added as further keys of the same object:
//!
//! - `quotes: [{start, end, text, kind, speaker, verb}]`: `kind` is `direct`, `term`
//!   (a quoted word or short phrase) or `indirect` (reported speech, the clause);
//!   `speaker` is `{text, name, code?, start, end}` or `null`, where `text` is the
//!   mention (`he`) and `name` the resolved name (`Donald Trump`); `verb` is the
//!   speech verb or phrase (`said`, `according to`) or `null`. `start`/`end`/`text`
//!   are the quoted words without the marks.
//! - `entities: [{start, end, text, label, actor?}]`: named entities, `label` one of
//!   `PERSON`, `ORGANIZATION`, `LOCATION`, `MISC`; `actor` is the code of the actor
//!   mention the name is (or heads), when there is one.
//! - `amounts: [{start, end, value, unit, object, qualifier}]`: `value` a number
//!   with scale words applied, `unit` normalised (`USD`, `percent`, `km`) or `null`,
//!   `object` the noun counted (`soldiers`) or `null`, `qualifier` (`about`, `more
//!   than`) or `null`.
//! - `tone: {score, positive, negative, words}`: counts of positive, negative and all
//!   words, and `score = (positive - negative) / words * 100` (GDELT-style). Each
//!   event also carries the `tone` score of its sentence.

use dyad_doc::Doc;
use serde::Serialize;

/// Options for the analyze record.
#[derive(Clone, Copy, Debug, Default)]
pub struct AnalyzeOptions {
    /// Include each sentence's tokens.
    pub tokens: bool,
}

/// One article as `dyad analyze` prints it.
#[derive(Serialize)]
pub struct AnalyzeRecord<'a> {
    id: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    date_source: Option<&'static str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    lang: Option<&'a str>,
    origin: OriginOut<'a>,
    text: &'a str,
    sentences: Vec<SentenceOut<'a>>,
    actors: Vec<ActorOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    /// Every coded event, flagged ones included (`negated`, `modality`), in the
    /// `dyad code` record format.
    events: Vec<super::events::EventRecord<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    amounts: Vec<AmountOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tone: Option<ToneOut>,
    dropped: Vec<DroppedOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    diagnostics: &'a [String],
}

#[derive(Serialize)]
struct OriginOut<'a> {
    path: &'a str,
    line: Option<u64>,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenOut<'a>>>,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    syntax: Option<SyntaxOut<'a>>,
}

/// Per-token syntax; `head` is the index of the head in the sentence's `tokens`
/// array (`null` for the root).
#[derive(Serialize)]
struct SyntaxOut<'a> {
    tag: &'static str,
    upos: &'static str,
    lemma: &'a str,
    head: Option<usize>,
    deprel: &'static str,
}

/// One actor mention: `{start,end,text,code,kind,via,antecedent?}`.
#[derive(Serialize)]
struct ActorOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    code: &'a str,
    kind: &'static str,
    via: &'static str,
    sentence: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    antecedent: Option<AntecedentOut<'a>>,
    plural: bool,
    rule: &'a str,
}

#[derive(Serialize)]
struct AntecedentOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// One quotation: `{start,end,text,kind,speaker,verb}`.
#[derive(Serialize)]
struct QuoteOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    speaker: Option<SpeakerOut<'a>>,
    verb: Option<&'a str>,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    text: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    start: usize,
    end: usize,
}

/// One amount: `{start,end,value,unit,object,qualifier}`.
#[derive(Serialize)]
struct AmountOut<'a> {
    start: usize,
    end: usize,
    value: f64,
    unit: Option<&'a str>,
    object: Option<&'a str>,
    qualifier: Option<&'a str>,
}

/// Tone counts and score.
#[derive(Serialize)]
pub(crate) struct ToneOut {
    score: f64,
    positive: u32,
    negative: u32,
    words: u32,
}

impl ToneOut {
    pub(crate) fn new(t: &dyad_doc::Tone) -> ToneOut {
        ToneOut {
            score: round2(t.score()),
            positive: t.positive,
            negative: t.negative,
            words: t.words,
        }
    }
}

/// Two decimals, for stable and readable output.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One named entity: `{start,end,text,label,actor?}`, `label` one of `PERSON`,
/// `ORGANIZATION`, `LOCATION`, `MISC`; `actor` the code of the actor mention the
/// name is (or heads), when there is one.
#[derive(Serialize)]
struct EntityOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'a str>,
}

#[derive(Serialize)]
struct DroppedOut<'a> {
    text: &'a str,
    reason: &'static str,
    line: Option<u64>,
}

impl<'a> AnalyzeRecord<'a> {
    /// Build the record for `doc`.
    pub fn new(doc: &'a Doc, options: AnalyzeOptions) -> AnalyzeRecord<'a> {
        let m = &doc.meta;
        AnalyzeRecord {
            id: &m.id,
            title: m.title.as_deref(),
            date: m.date.as_deref(),
            date_source: m.date_source.map(|d| d.as_str()),
            source: m.source.as_deref(),
            url: m.url.as_deref(),
            author: m.author.as_deref(),
            lang: m.lang.as_deref(),
            origin: OriginOut {
                path: &m.origin.path,
                line: m.origin.line,
            },
            text: doc.text(),
            sentences: doc
                .sentences()
                .map(|s| SentenceOut {
                    start: s.span().start,
                    end: s.span().end,
                    text: s.text(),
                    tokens: options.tokens.then(|| {
                        let first = s.token_range().start;
                        s.tokens()
                            .map(|t| TokenOut {
                                start: t.span().start,
                                end: t.span().end,
                                text: t.text(),
                                kind: t.kind().as_str(),
                                syntax: t.syntax().map(|x| SyntaxOut {
                                    tag: x.tag,
                                    upos: x.upos,
                                    lemma: &x.lemma,
                                    head: x.head.map(|h| h - first),
                                    deprel: x.deprel,
                                }),
                            })
                            .collect()
                    }),
                })
                .collect(),
            actors: doc
                .actors()
                .iter()
                .map(|a| ActorOut {
                    start: a.span.start,
                    end: a.span.end,
                    text: a.span.slice(doc.text()),
                    code: &a.code,
                    kind: a.kind.as_str(),
                    via: a.via.as_str(),
                    sentence: doc.sentence_of(a.head),
                    antecedent: a.antecedent.map(|s| AntecedentOut {
                        start: s.start,
                        end: s.end,
                        text: s.slice(doc.text()),
                    }),
                    plural: a.plural,
                    rule: &a.rule,
                })
                .collect(),
            entities: doc
                .entities()
                .iter()
                .map(|e| EntityOut {
                    start: e.span.start,
                    end: e.span.end,
                    text: e.span.slice(doc.text()),
                    label: e.label.as_str(),
                    actor: e
                        .actor
                        .and_then(|a| doc.actors().get(a))
                        .map(|a| a.code.as_str()),
                })
                .collect(),
            events: doc
                .events()
                .iter()
                .map(|e| super::events::EventRecord::new(doc, e))
                .collect(),
            quotes: doc
                .quotes()
                .iter()
                .map(|q| QuoteOut {
                    start: q.span.start,
                    end: q.span.end,
                    text: q.span.slice(doc.text()),
                    kind: q.kind.as_str(),
                    speaker: q.speaker.as_ref().map(|s| SpeakerOut {
                        text: s.span.slice(doc.text()),
                        name: &s.name,
                        code: s.code.as_deref(),
                        start: s.span.start,
                        end: s.span.end,
                    }),
                    verb: q.verb.map(|v| v.slice(doc.text())),
                })
                .collect(),
            amounts: doc
                .amounts()
                .iter()
                .map(|a| AmountOut {
                    start: a.span.start,
                    end: a.span.end,
                    value: a.value,
                    unit: a.unit.as_deref(),
                    object: a.object.map(|o| o.slice(doc.text())),
                    qualifier: a.qualifier.map(|q| q.slice(doc.text())),
                })
                .collect(),
            tone: doc.tone().map(ToneOut::new),
            dropped: doc
                .dropped
                .iter()
                .map(|d| DroppedOut {
                    text: &d.text,
                    reason: d.reason.as_str(),
                    line: d.line,
                })
                .collect(),
            diagnostics: &doc.diagnostics,
        }
    }

    /// Serialise as one line of JSON.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}
