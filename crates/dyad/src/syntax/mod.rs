//! Syntax: part-of-speech tags, lemmas and a dependency tree for every sentence.
//!
//! Reads a `Doc`'s sentences and tokens; adds a [`dyad_doc::TokenSyntax`] per token
//! (Penn tag, UPOS, lemma, head, UD relation). The models are Dyad's own: an averaged
//! perceptron tagger ([`tagger`]), a lemmatizer learnt from treebank lemmas
//! ([`lemma`]), an arc-hybrid transition parser with a dynamic oracle and an arc
//! labeller ([`parser`]), all trained from UD English EWT by [`train`] and stored in
//! one compact file ([`io`]) that is compiled into the binary.
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//!
//! let pipeline = Pipeline::new(&Config::default()).expect("the compiled-in model loads");
//! let doc = pipeline.process(RawArticle::from_text("d", "The army attacked the town."));
//! let army = doc.token(1);
//! assert_eq!(army.deprel(), "nsubj");
//! assert_eq!(army.head().map(|h| h.lemma()), Some("attack"));
//! ```

pub mod io;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod query;
pub mod tagger;
pub mod train;

use std::sync::OnceLock;

use dyad_doc::{Doc, TokenSyntax};

use crate::pipeline::Component;
use io::{Bundle, ModelError};

/// The compiled-in model (`data/models/syntax.dsm`).
static BUILTIN_MODEL: &[u8] = include_bytes!("../../../../data/models/syntax.dsm");

/// A loaded syntax model. Loaded once and kept for the life of the process, so the
/// tag and relation names it hands out are `&'static str`.
pub struct Syntax {
    bundle: Bundle,
    /// Both taggers know the same words (see [`tagger::Tagger::tag_many`]).
    same_words: bool,
}

/// A sentence's words with their tags and lemmas, before parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tagging<'a> {
    /// The words as written.
    pub forms: &'a [&'a str],
    /// Normalised words, as the models see them.
    words: Vec<String>,
    /// Penn Treebank tags.
    pub tags: Vec<&'static str>,
    /// Universal POS tags.
    pub upos: Vec<&'static str>,
    /// Lemmas.
    pub lemmas: Vec<String>,
}

/// One word's analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordAnalysis {
    /// Penn Treebank tag.
    pub tag: &'static str,
    /// Universal POS tag.
    pub upos: &'static str,
    /// Lemma.
    pub lemma: String,
    /// Index of the head word in the sentence; `None` for the root.
    pub head: Option<usize>,
    /// UD relation.
    pub deprel: &'static str,
}

/// The form the models see: typographic quotes and apostrophes as the treebank writes
/// them.
pub fn model_form(text: &str) -> String {
    match text {
        "\u{201C}" | "\u{201D}" | "\u{201E}" | "\u{AB}" | "\u{BB}" => "\"".to_string(),
        "\u{2018}" => "'".to_string(),
        _ => text.replace('\u{2019}', "'"),
    }
}

impl Syntax {
    /// Load a model from the bytes of a model file. The model is kept for the rest
    /// of the process.
    pub fn load(bytes: &[u8]) -> Result<&'static Syntax, ModelError> {
        let mut bundle = io::read(bytes)?;
        bundle
            .lemmatizer
            .add_irregular_verbs("irregular_verbs.txt", lemma::Lemmatizer::IRREGULAR_VERBS)
            .map_err(|e| ModelError(e.to_string()))?;
        Ok(Syntax::leak(bundle))
    }

    /// Keep a trained bundle for the rest of the process.
    pub fn leak(bundle: Bundle) -> &'static Syntax {
        let same_words = bundle
            .retagger
            .as_ref()
            .is_some_and(|r| r.ambiguity == bundle.tagger.ambiguity);
        Box::leak(Box::new(Syntax { bundle, same_words }))
    }

    /// The model compiled into Dyad, or why it cannot be used (for instance a build
    /// made before any model was trained).
    pub fn builtin() -> Result<&'static Syntax, ModelError> {
        static BUILTIN: OnceLock<Result<&'static Syntax, ModelError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                if BUILTIN_MODEL.is_empty() {
                    Err(ModelError(
                        "no model compiled in: run `dyad train syntax`".into(),
                    ))
                } else {
                    Syntax::load(BUILTIN_MODEL)
                }
            })
            .clone()
    }

    /// How the model was trained.
    pub fn description(&self) -> &str {
        &self.bundle.description
    }

    /// The model's parts.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// Tag, lemmatize and parse one sentence given as word forms.
    pub fn analyse(&'static self, forms: &[&str]) -> Vec<WordAnalysis> {
        self.analyse_with(forms, &[])
    }

    /// [`Syntax::analyse`], with `proper[i]` marking words known to be proper names
    /// (from the actor dictionaries): they are tagged `NNP` before parsing, which
    /// keeps an unknown name such as `Bree` from being read as a verb.
    pub fn analyse_with(&'static self, forms: &[&str], proper: &[bool]) -> Vec<WordAnalysis> {
        self.parse_tagged(self.tag_words(forms, proper))
    }

    /// The first half of [`Syntax::analyse_with`]: tags and lemmas, no tree.
    pub fn tag_words<'a>(&'static self, forms: &'a [&'a str], proper: &[bool]) -> Tagging<'a> {
        let mut tagged = self.tag_many(&[(forms, proper, &[])]);
        tagged.pop().expect("one sentence in, one out")
    }

    /// [`Syntax::tag_words`] for several sentences, each tagger pass over all of
    /// them in turn. Each sentence comes as `(forms, proper, hyphens)`, where
    /// `hyphens[i]` marks a `-` written inside a word (`government-held`): it is
    /// tagged `HYPH` as the treebank tags such hyphens, which the taggers cannot
    /// tell from a dash (`government - held`) since they do not see spaces.
    pub fn tag_many<'a>(
        &'static self,
        sentences: &[(&'a [&'a str], &[bool], &[bool])],
    ) -> Vec<Tagging<'a>> {
        let b = &self.bundle;
        let model_forms: Vec<Vec<String>> = sentences
            .iter()
            .map(|(forms, _, _)| forms.iter().map(|f| model_form(f)).collect())
            .collect();
        let words: Vec<Vec<String>> = model_forms
            .iter()
            .map(|forms| forms.iter().map(|f| tagger::norm(f)).collect())
            .collect();
        let pairs: Vec<(&[String], &[String])> = model_forms
            .iter()
            .zip(&words)
            .map(|(f, w)| (f.as_slice(), w.as_slice()))
            .collect();
        let classes = b
            .tagger
            .tag_many(b.retagger.as_ref(), &pairs, self.same_words);
        sentences
            .iter()
            .zip(model_forms)
            .zip(words)
            .zip(classes)
            .map(
                |(((&(forms, proper, hyphens), model_forms), words), classes)| {
                    let mut tags = Vec::with_capacity(forms.len());
                    let mut upos = Vec::with_capacity(forms.len());
                    for (i, &c) in classes.iter().enumerate() {
                        let (tag, u) = &b.tagger.classes[c as usize];
                        if hyphens.get(i).copied().unwrap_or(false) {
                            tags.push("HYPH");
                            upos.push("PUNCT");
                        } else if proper.get(i).copied().unwrap_or(false) && !tag.starts_with("NNP")
                        {
                            tags.push("NNP");
                            upos.push("PROPN");
                        } else {
                            tags.push(tag.as_str());
                            upos.push(u.as_str());
                        }
                    }
                    base_form_after_modal(&mut tags, &mut upos);
                    infinitive_to(&model_forms, &mut tags, &mut upos);
                    past_as_only_verb(&mut tags, &mut upos);
                    past_after_subject_pronoun(&model_forms, &mut tags, &mut upos);
                    past_in_reported_clause(&model_forms, &mut tags, &mut upos);
                    let lemmas = model_forms
                        .iter()
                        .zip(&tags)
                        .map(|(f, t)| b.lemmatizer.lemma(f, t))
                        .collect();
                    Tagging {
                        forms,
                        words,
                        tags,
                        upos,
                        lemmas,
                    }
                },
            )
            .collect()
    }

    /// The second half of [`Syntax::analyse_with`]: the tree over tagged words.
    pub fn parse_tagged(&'static self, tagging: Tagging<'_>) -> Vec<WordAnalysis> {
        let mut parsed = self.parse_many(vec![tagging]);
        parsed.pop().expect("one sentence in, one out")
    }

    /// [`Syntax::parse_tagged`] for several sentences: the parser over all of them,
    /// then the labeller.
    pub fn parse_many(&'static self, taggings: Vec<Tagging<'_>>) -> Vec<Vec<WordAnalysis>> {
        let b = &self.bundle;
        let items: Vec<Vec<parser::Item>> = taggings
            .iter()
            .map(|t| parser::items(&t.words, &t.tags))
            .collect();
        let heads: Vec<Vec<usize>> = items
            .iter()
            .map(|items| {
                if items.is_empty() {
                    Vec::new()
                } else {
                    b.parser.parse(items)
                }
            })
            .collect();
        let labels: Vec<Vec<u16>> = items
            .iter()
            .zip(&taggings)
            .zip(&heads)
            .map(|((items, t), heads)| b.labeler.label(items, &t.words, heads))
            .collect();
        taggings
            .into_iter()
            .zip(heads)
            .zip(labels)
            .map(|((tagging, heads), labels)| {
                let n = tagging.forms.len();
                tagging
                    .tags
                    .into_iter()
                    .zip(tagging.upos)
                    .zip(tagging.lemmas)
                    .enumerate()
                    .map(|(i, ((tag, upos), lemma))| WordAnalysis {
                        tag,
                        upos,
                        lemma,
                        head: (heads[i] < n).then_some(heads[i]),
                        deprel: b.labeler.labels[labels[i] as usize].as_str(),
                    })
                    .collect()
            })
            .collect()
    }

    /// Add syntax to every sentence of `doc`.
    pub fn annotate(&'static self, doc: &mut Doc) {
        self.annotate_many(std::slice::from_mut(doc), None, None, None);
    }

    /// Add syntax to the sentences of `docs` that `hints` (one entry per doc)
    /// selects, all when `None`, each model over all their sentences in turn. A
    /// sentence not selected gets placeholder syntax: empty tags and lemmas, every
    /// token attached to the first with relation `dep`; [`dyad_doc::Token::tag`] is
    /// `""` there. A selected sentence that `gate` turns down once tagged keeps its
    /// tags and lemmas with the placeholder tree. `times`, when given, adds up the
    /// seconds spent tagging, gating and parsing.
    pub fn annotate_many(
        &'static self,
        docs: &mut [Doc],
        hints: Option<&[ParseHints]>,
        gate: Option<&Gate>,
        times: Option<&StepTimes>,
    ) {
        let clock = std::time::Instant::now();
        // The selected sentences of all docs, as (doc, sentence) and their words.
        let mut chosen: Vec<(usize, usize)> = Vec::new();
        let mut words: Vec<(Vec<&str>, &[bool], Vec<bool>)> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let hints = hints.and_then(|h| h.get(d));
            for s in doc.sentences() {
                if hints.is_some_and(|h| !h.select.get(s.index()).copied().unwrap_or(true)) {
                    continue;
                }
                chosen.push((d, s.index()));
                let proper =
                    hints.map_or(&[][..], |h| h.proper.get(s.token_range()).unwrap_or(&[]));
                words.push((
                    s.tokens().map(|t| t.text()).collect(),
                    proper,
                    inner_hyphens(doc, &s),
                ));
            }
        }
        let sentences: Vec<(&[&str], &[bool], &[bool])> = words
            .iter()
            .map(|(f, p, h)| (f.as_slice(), *p, h.as_slice()))
            .collect();
        // Tags for every chosen sentence; a tree for those the gate lets through.
        // (Sentence-relative heads; the parsed ones are filled in below.)
        let mut tagged: Vec<Vec<TokenSyntax>> = Vec::with_capacity(chosen.len());
        let mut to_parse = Vec::new();
        let mut parse_at = Vec::new();
        let tagged_all = self.tag_many(&sentences);
        let clock = lap(times, TAGGING, clock);
        for (k, tagging) in tagged_all.into_iter().enumerate() {
            if gate.is_some_and(|g| !g(&tagging)) {
                // Tags and lemmas are kept (later stages read names from them);
                // only the tree is a placeholder.
                let words = tagging
                    .tags
                    .into_iter()
                    .zip(tagging.upos)
                    .zip(tagging.lemmas);
                tagged.push(
                    words
                        .enumerate()
                        .map(|(i, ((tag, upos), lemma))| TokenSyntax {
                            tag,
                            upos,
                            lemma,
                            ..placeholder(i)
                        })
                        .collect(),
                );
            } else {
                tagged.push(Vec::new());
                to_parse.push(tagging);
                parse_at.push(k);
            }
        }
        let clock = lap(times, GATE, clock);
        let parsed = self.parse_many(to_parse);
        lap(times, PARSING, clock);
        for (k, words) in parse_at.into_iter().zip(parsed) {
            tagged[k] = words
                .into_iter()
                .map(|w| TokenSyntax {
                    tag: w.tag,
                    upos: w.upos,
                    lemma: w.lemma,
                    head: w.head,
                    deprel: w.deprel,
                })
                .collect();
        }
        // Back into the docs, with sentence heads made document token indexes.
        let mut results = chosen.into_iter().zip(tagged).peekable();
        for (d, doc) in docs.iter_mut().enumerate() {
            let mut all = Vec::with_capacity(doc.token_data().len());
            for s in doc.sentences() {
                let start = s.token_range().start;
                let words = match results.next_if(|((rd, rs), _)| *rd == d && *rs == s.index()) {
                    Some((_, words)) => words,
                    None => (0..s.token_range().len()).map(placeholder).collect(),
                };
                all.extend(words.into_iter().map(|w| TokenSyntax {
                    head: w.head.map(|h| start + h),
                    ..w
                }));
            }
            if let Err(e) = doc.set_syntax(all) {
                doc.diagnostics.push(format!("syntax: {e}"));
            }
        }
    }
}

/// Per token of sentence `s`: a `-` written inside a word (`government-held`, no
/// space on either side), which the treebank tags `HYPH`.
fn inner_hyphens(doc: &Doc, s: &dyad_doc::Sentence<'_>) -> Vec<bool> {
    let text = doc.text().as_bytes();
    let joined = |at: usize| text.get(at).is_some_and(|b| !b.is_ascii_whitespace());
    let (first, last) = (s.span().start, s.span().end);
    s.tokens()
        .map(|t| {
            let span = t.span();
            t.text() == "-"
                && span.start > first
                && span.end < last
                && joined(span.start - 1)
                && joined(span.end)
        })
        .collect()
}

/// Seconds spent in each step of the syntax stage, summed over threads.
#[derive(Debug, Default)]
pub struct StepTimes([std::sync::atomic::AtomicU64; 4]);

/// The steps [`StepTimes`] counts, in order.
const STEPS: [&str; 4] = ["hints", "tagging", "gate", "parsing"];
const HINTS: usize = 0;
const TAGGING: usize = 1;
const GATE: usize = 2;
const PARSING: usize = 3;

impl StepTimes {
    /// `(step, seconds)` for hints, tagging, gate and parsing.
    pub fn seconds(&self) -> Vec<(&'static str, f64)> {
        STEPS
            .iter()
            .zip(&self.0)
            .map(|(&name, t)| {
                (
                    name,
                    t.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e9,
                )
            })
            .collect()
    }
}

/// Add the time since `since` to step `step` of `times`; returns now.
fn lap(times: Option<&StepTimes>, step: usize, since: std::time::Instant) -> std::time::Instant {
    let now = std::time::Instant::now();
    if let Some(t) = times {
        let nanos = now.duration_since(since).as_nanos() as u64;
        t.0[step].fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
    }
    now
}

/// Placeholder syntax for word `i` of a sentence: no tag or lemma, attached to the
/// first word (head 0, sentence-relative) with relation `dep`; the first is the root.
fn placeholder(i: usize) -> TokenSyntax {
    TokenSyntax {
        tag: "",
        upos: "",
        lemma: String::new(),
        head: (i > 0).then_some(0),
        deprel: if i > 0 { "dep" } else { "root" },
    }
}

/// Was sentence `s` left with the placeholder tree (tagged, then turned down by the
/// gate, or never tagged)? A one-word sentence's tree is the same either way, so it
/// counts as parsed when tagged.
pub fn unparsed(s: &dyad_doc::Sentence<'_>) -> bool {
    let mut tokens = s.tokens();
    let Some(first) = tokens.next() else {
        return true;
    };
    if first.tag().is_empty() {
        return true;
    }
    let mut rest = tokens.peekable();
    rest.peek().is_some()
        && rest.all(|t| t.deprel() == "dep" && t.head().map(|h| h.index()) == Some(first.index()))
}

/// What the parser is told about a document before it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseHints {
    /// Per sentence: parse it (an empty list parses all).
    pub select: Vec<bool>,
    /// Per token: a known proper name (tag it `NNP`).
    pub proper: Vec<bool>,
}

/// Computes [`ParseHints`] for a document.
pub type HintFn = Box<dyn Fn(&Doc) -> ParseHints + Send + Sync>;

/// Says, from a sentence's tags and lemmas, whether it is worth parsing.
pub type Gate = Box<dyn Fn(&Tagging<'_>) -> bool + Send + Sync>;

/// Pipeline stage that adds syntax.
pub struct Parse {
    syntax: &'static Syntax,
    hints: Option<HintFn>,
    gate: Option<Gate>,
    times: StepTimes,
}

impl Parse {
    /// A stage using `syntax` on every sentence.
    pub fn new(syntax: &'static Syntax) -> Parse {
        Parse {
            syntax,
            hints: None,
            gate: None,
            times: StepTimes::default(),
        }
    }

    /// A stage that asks `hints` which sentences to parse and which words are names.
    pub fn with_hints(syntax: &'static Syntax, hints: HintFn) -> Parse {
        Parse {
            syntax,
            hints: Some(hints),
            gate: None,
            times: StepTimes::default(),
        }
    }

    /// Parse only the sentences `gate` lets through once they are tagged; the
    /// others keep their tags and lemmas under a placeholder tree.
    pub fn gated(mut self, gate: Gate) -> Parse {
        self.gate = Some(gate);
        self
    }
}

impl Component for Parse {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn process(&self, doc: &mut Doc) {
        self.process_batch(std::slice::from_mut(doc));
    }

    fn process_batch(&self, docs: &mut [Doc]) {
        let clock = std::time::Instant::now();
        let hints: Option<Vec<ParseHints>> =
            self.hints.as_ref().map(|f| docs.iter().map(f).collect());
        lap(Some(&self.times), HINTS, clock);
        self.syntax.annotate_many(
            docs,
            hints.as_deref(),
            self.gate.as_ref(),
            Some(&self.times),
        );
    }

    fn step_times(&self) -> Vec<(&'static str, f64)> {
        self.times.seconds()
    }
}

/// A modal is followed by a verb's base form, adverbs and `not` aside: "would free",
/// "will not open", "could soon double". A word there that the tagger read as an
/// adjective or another verb form (`free/JJ`, `open/VBP`) is retagged `VB`. Not a noun:
/// in a question the subject follows the modal ("would someone post").
fn base_form_after_modal(tags: &mut [&str], upos: &mut [&str]) {
    let mut after_modal = false;
    for (tag, upos) in tags.iter_mut().zip(upos.iter_mut()) {
        if after_modal && matches!(*tag, "JJ" | "VBP" | "VBD" | "VBN" | "VBZ") {
            *tag = "VB";
            *upos = "VERB";
        }
        after_modal = match *tag {
            "MD" => true,
            "RB" => after_modal,
            _ => false,
        };
    }
}

/// `to` before a verb's base form and its object is the infinitive marker: "efforts
/// to counter Islamic State militants" with `to/IN counter/VB` (a preposition the
/// tagger read before a word it still tagged as a verb) is retagged `TO`, so the
/// parser sees a clause.
fn infinitive_to(forms: &[String], tags: &mut [&str], upos: &mut [&str]) {
    for i in 0..tags.len().saturating_sub(2) {
        if tags[i] == "IN"
            && forms[i].eq_ignore_ascii_case("to")
            && tags[i + 1] == "VB"
            && matches!(
                tags[i + 2],
                "DT" | "PRP$" | "PRP" | "NNP" | "NNPS" | "JJ" | "CD"
            )
        {
            tags[i] = "TO";
            upos[i] = "PART";
        }
    }
}

/// A sentence needs a finite verb: where it has none, no auxiliary and no verb
/// before its first `VBN`, and that participle follows a noun phrase and comes before
/// an object or an adverb ("Opponents of the Senate protested yesterday", "Rebels
/// seized the town"), it is the past tense (`VBD`). A participle before a preposition
/// stays: a headline's passive ("Five killed in attack").
fn past_as_only_verb(tags: &mut [&str], upos: &mut [&str]) {
    if tags
        .iter()
        .any(|t| matches!(*t, "VBD" | "VBZ" | "VBP" | "MD"))
    {
        return;
    }
    let Some(i) = tags.iter().position(|t| t.starts_with("VB") || *t == "TO") else {
        return;
    };
    let after_subject = i > 0 && matches!(tags[i - 1], "NN" | "NNS" | "NNP" | "NNPS" | "PRP");
    let before_object = tags.get(i + 1).is_some_and(|t| {
        matches!(
            *t,
            "DT" | "PRP$" | "PRP" | "NN" | "NNS" | "NNP" | "NNPS" | "CD" | "JJ" | "RB"
        )
    });
    if tags[i] == "VBN" && after_subject && before_object {
        tags[i] = "VBD";
        upos[i] = "VERB";
    }
}

/// A subject pronoun is followed by a finite verb, not a participle: "they fired
/// rockets", "said it bombed". A `VBN` right after `he`, `she`, `it`, `we`, `they`, `I`
/// or `you` is retagged `VBD`, unless the pronoun follows a verb that takes an object
/// and a participle ("have it fixed", "get it signed") or an inverted auxiliary
/// ("Have you heard", "Are we covered").
fn past_after_subject_pronoun(forms: &[String], tags: &mut [&str], upos: &mut [&str]) {
    const PRONOUNS: &[&str] = &["he", "she", "it", "we", "they", "i", "you"];
    const BEFORE_OBJECT: &[&str] = &[
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "'s",
        "'re",
        "'m",
        "have",
        "has",
        "had",
        "having",
        "'ve",
        "'d",
        "do",
        "does",
        "did",
        "get",
        "gets",
        "got",
        "gotten",
        "getting",
        "want",
        "wants",
        "wanted",
        "keep",
        "keeps",
        "kept",
        "need",
        "needs",
        "needed",
        "see",
        "saw",
        "seen",
        "make",
        "makes",
        "made",
        "leave",
        "left",
        "like",
        "liked",
        "find",
        "found",
        "hear",
        "heard",
        "watch",
        "watched",
        "let",
        "consider",
        "considered",
    ];
    for i in 1..forms.len() {
        if tags[i] != "VBN"
            || !PRONOUNS
                .iter()
                .any(|p| forms[i - 1].eq_ignore_ascii_case(p))
        {
            continue;
        }
        let before = i.checked_sub(2);
        let blocked = before.is_some_and(|b| {
            tags[b] == "MD"
                || BEFORE_OBJECT
                    .iter()
                    .any(|w| forms[b].eq_ignore_ascii_case(w))
        });
        if !blocked {
            tags[i] = "VBD";
            upos[i] = "VERB";
        }
    }
}

/// A reported or subordinate clause has a finite verb: in "said Arnor attacked
/// Gondor", "told reporters the army shelled the town", "after the army shelled the
/// town", a `VBN` after a common assertion verb or a subordinating conjunction and a
/// noun phrase, with an object after it (or, after a conjunction, `to`: "as the
/// leader prepared to attend"), is retagged `VBD`. A participle followed by a
/// preposition or punctuation stays ("said two men arrested in the raid were ...").
fn past_in_reported_clause(forms: &[String], tags: &mut [&str], upos: &mut [&str]) {
    // A subset of the `[assertion]` verbs of `speech_verbs.txt` (the commonest
    // forms); the whole list changes parses the event coder does not need changed.
    const SAID: &[&str] = &[
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "added",
        "claimed",
        "claims",
        "reported",
        "reports",
        "stated",
        "alleged",
        "alleges",
        "announced",
        "confirmed",
    ];
    let nominal = |t: &str| {
        matches!(
            t,
            "DT" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "CD" | "POS" | "PRP$" | "HYPH"
        )
    };
    let object = |t: &str| {
        matches!(
            t,
            "DT" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "PRP$" | "CD" | "JJ"
        )
    };
    // "as the US leader prepared to attend", "after the army shelled the town": a
    // subordinate clause's subject and verb.
    const SUBORDINATORS: &[&str] = &[
        "as", "while", "when", "after", "before", "because", "since", "although", "though",
        "until", "once", "whereas",
    ];
    for i in 0..forms.len() {
        let said =
            tags[i].starts_with("VB") && SAID.iter().any(|w| forms[i].eq_ignore_ascii_case(w));
        let subordinate = tags[i] == "IN"
            && SUBORDINATORS
                .iter()
                .any(|w| forms[i].eq_ignore_ascii_case(w));
        if !said && !subordinate {
            continue;
        }
        let mut j = i + 1;
        if forms.get(j).is_some_and(|f| f.eq_ignore_ascii_case("that")) {
            j += 1;
        }
        let start = j;
        while j < forms.len() && nominal(tags[j]) {
            j += 1;
        }
        if j > start
            && j + 1 < forms.len()
            && tags[j] == "VBN"
            && (object(tags[j + 1]) || (subordinate && tags[j + 1] == "TO"))
            && tags[j - 1] != "DT"
        {
            tags[j] = "VBD";
            upos[j] = "VERB";
        }
    }
}
