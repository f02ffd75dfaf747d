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
//! `quotes`, `amounts`) are added as further keys of the same object.

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
    /// Every coded event, flagged ones included (`negated`, `modality`), in the
    /// `dyad code` record format.
    events: Vec<super::events::EventRecord<'a>>,
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
            events: doc
                .events()
                .iter()
                .map(|e| super::events::EventRecord::new(doc, e))
                .collect(),
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
