//! Sentence splitting and tokenization scored against a Universal Dependencies treebank.
//!
//! # Gold documents
//!
//! UD gives each sentence its raw text (`# text = ...`) and marks where documents
//! (`# newdoc`) and paragraphs (`# newpar`) begin, but not the text between sentences.
//! Each document's text is rebuilt by joining its sentences' `# text` lines with
//! **`"\n\n"` where `# newpar` starts a paragraph and `" "` otherwise** — the layout
//! of cleaned Dyad text, where paragraphs are separated by a blank line. (A sentence
//! without `# text` gets its text rebuilt from forms and `SpaceAfter=No`.) Both EWT
//! and GUM mark paragraphs (EWT: `# newpar id = ...`; GUM: bare `# newpar`, not to be
//! confused with its `# newpar_block` comments), so the segmenter sees paragraph
//! breaks where the original had them and a single space between sentences inside a
//! paragraph.
//!
//! Gold spans are byte offsets into that text:
//!
//! * a **sentence** spans its `# text`, trimmed of surrounding whitespace;
//! * a **token** is found by scanning the sentence text forward from the previous
//!   token, skipping whitespace, for the surface form (the multiword-token form for
//!   a range like `3-4 don't`, the word form otherwise). When the words of a multiword
//!   token concatenate exactly to its surface form (`do` + `n't` = `don't`, `gon` +
//!   `na` = `gonna`) they become separate gold tokens, because Dyad's tokenizer splits
//!   clitics the way UD words do; otherwise (`wanna` = `want` + `to`) the surface span
//!   is the gold token. When a form is not found where expected, or non-space text is
//!   left after the last token, the sentence counts as an **alignment failure** and is
//!   left out of token scoring (its gold tokens, and the predicted tokens that overlap
//!   it); it still counts for sentence scoring.
//!
//! # Metrics
//!
//! The segmenter runs once per document over the whole rebuilt text. All scores are
//! precision = correct / predicted, recall = correct / gold, F1 their harmonic mean,
//! as fractions in 0..=1 (0 when a denominator is 0), summed over the file
//! (micro-averaged):
//!
//! * `sentences` — **exact sentence spans**: a predicted sentence is correct when its
//!   span, trimmed of whitespace, equals a gold sentence's span. One wrong boundary
//!   costs both neighbouring sentences. This is the CoNLL 2018 shared task's
//!   "Sentences" metric.
//! * `sentence_boundaries` — **sentence-end boundaries**: each sentence's end offset is
//!   a boundary, *except the last sentence of each document*, whose end is the end of
//!   the text and would be free credit (most EWT documents have one to three
//!   sentences). A predicted boundary is correct when a gold sentence ends at the same
//!   offset. One wrong boundary costs one error; this is the usual
//!   sentence-boundary-detection score.
//! * `tokens` — **exact token spans**: a predicted token is correct when its
//!   `(start, end)` equals a gold token's, over sentences without alignment failures.
//!
//! [`mismatches`] lists where the segmenter and the gold disagree, with context, for
//! tuning the tokenizer and splitter.

use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use dyad_doc::Span;
use serde::Serialize;

use super::conllu::{self, ConlluError, ConlluSentence};
use crate::segment::{self, Segmentation};

/// A document rebuilt from a treebank, with gold spans into [`GoldDoc::text`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldDoc {
    /// `# newdoc id`, when given.
    pub id: Option<String>,
    /// Sentence texts joined with `"\n\n"` at paragraph starts and `" "` otherwise.
    pub text: String,
    /// Gold sentences in order.
    pub sentences: Vec<GoldSentence>,
}

/// A gold sentence of a [`GoldDoc`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    /// `# sent_id`, when given.
    pub sent_id: Option<String>,
    /// Byte span of the trimmed sentence text in the document text.
    pub span: Span,
    /// Gold token spans in the document text; `None` when the forms could not be
    /// aligned with the text (an alignment failure).
    pub tokens: Option<Vec<Span>>,
}

impl GoldDoc {
    /// Append one treebank sentence (its `# newpar` decides the separator).
    pub fn push(&mut self, s: &ConlluSentence) {
        let rebuilt;
        let text = match &s.text {
            Some(t) => t.as_str(),
            None => {
                rebuilt = s.reconstruct_text();
                rebuilt.as_str()
            }
        };
        if !self.sentences.is_empty() {
            self.text.push_str(if s.newpar { "\n\n" } else { " " });
        }
        let base = self.text.len();
        self.text.push_str(text);
        let span = trim(&self.text, Span::new(base, self.text.len()));
        let tokens = align(text, s).map(|spans| {
            spans
                .into_iter()
                .map(|t| Span::new(t.start + base, t.end + base))
                .collect()
        });
        self.sentences.push(GoldSentence {
            sent_id: s.sent_id.clone(),
            span,
            tokens,
        });
    }
}

/// Token spans of `s` in its own `text`, or `None` when they do not align.
pub(crate) fn align(text: &str, s: &ConlluSentence) -> Option<Vec<Span>> {
    let mut out = Vec::with_capacity(s.words.len());
    let mut pos = 0;
    for token in s.surface_tokens() {
        pos = skip_space(text, pos);
        let form = token.form();
        if !text[pos..].starts_with(form) {
            return None;
        }
        let start = pos;
        pos += form.len();
        let split = token.multiword.is_some()
            && token
                .words
                .iter()
                .map(|w| w.form.as_str())
                .collect::<String>()
                == form;
        if split {
            let mut p = start;
            for w in token.words {
                out.push(Span::new(p, p + w.form.len()));
                p += w.form.len();
            }
        } else {
            out.push(Span::new(start, pos));
        }
    }
    (skip_space(text, pos) == text.len()).then_some(out)
}

fn skip_space(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    pos + (rest.len() - rest.trim_start().len())
}

/// `span` shrunk to exclude leading and trailing whitespace.
fn trim(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.range()) else {
        return span;
    };
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

/// Group treebank sentences into [`GoldDoc`]s at each `# newdoc` (sentences before the
/// first one form a document without id). Stops at the first CoNLL-U error.
pub fn gold_docs<I>(sentences: I) -> GoldDocs<I>
where
    I: Iterator<Item = Result<ConlluSentence, ConlluError>>,
{
    GoldDocs {
        sentences,
        current: GoldDoc::default(),
        done: false,
    }
}

/// Iterator returned by [`gold_docs`].
#[derive(Debug)]
pub struct GoldDocs<I> {
    sentences: I,
    current: GoldDoc,
    done: bool,
}

impl<I> Iterator for GoldDocs<I>
where
    I: Iterator<Item = Result<ConlluSentence, ConlluError>>,
{
    type Item = Result<GoldDoc, ConlluError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.sentences.next() {
                None => self.done = true,
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Some(Ok(s)) => {
                    let finished = if s.newdoc && !self.current.sentences.is_empty() {
                        Some(std::mem::take(&mut self.current))
                    } else {
                        None
                    };
                    if s.newdoc {
                        self.current.id = s.doc_id.clone();
                    }
                    self.current.push(&s);
                    if finished.is_some() {
                        return finished.map(Ok);
                    }
                }
            }
        }
        (!self.current.sentences.is_empty()).then(|| Ok(std::mem::take(&mut self.current)))
    }
}

/// Gold, predicted and correct counts for one metric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Items in the gold standard.
    pub gold: usize,
    /// Items the segmenter produced.
    pub predicted: usize,
    /// Predicted items that match a gold item.
    pub correct: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }

    fn of<T: Hash + Eq>(gold: &HashSet<T>, predicted: &[T]) -> Tally {
        Tally {
            gold: gold.len(),
            predicted: predicted.len(),
            correct: predicted.iter().filter(|p| gold.contains(p)).count(),
        }
    }
}

/// Raw counts behind [`SegmentationScores`]; add documents with [`Counts::add_doc`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents scored.
    pub docs: usize,
    /// Sentences left out of token scoring because their forms did not align.
    pub alignment_failures: usize,
    /// Exact sentence spans.
    pub sentences: Tally,
    /// Sentence-end boundaries, without each document's last one.
    pub sentence_boundaries: Tally,
    /// Exact token spans.
    pub tokens: Tally,
}

impl Counts {
    /// Score one document against the segmenter's output for `doc.text`.
    pub fn add_doc(&mut self, doc: &GoldDoc, seg: &Segmentation) {
        let text = doc.text.as_str();
        self.docs += 1;

        let gold_sents: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let pred_sents = predicted_sentences(text, seg);
        let gold_set: HashSet<Span> = gold_sents.iter().copied().collect();
        self.sentences.add(Tally::of(&gold_set, &pred_sents));

        // Sentence ends, without the document's last one.
        let internal = |spans: &[Span]| -> Vec<usize> {
            let n = spans.len().saturating_sub(1);
            spans[..n].iter().map(|s| s.end).collect()
        };
        let gold_ends: HashSet<usize> = internal(&gold_sents).into_iter().collect();
        self.sentence_boundaries
            .add(Tally::of(&gold_ends, &internal(&pred_sents)));

        let (gold_tokens, excluded) = gold_tokens(doc);
        self.alignment_failures += excluded.len();
        let gold: HashSet<Span> = gold_tokens.into_iter().collect();
        let pred: Vec<Span> = seg
            .tokens
            .iter()
            .map(|t| t.span)
            .filter(|t| !overlaps_any(*t, &excluded))
            .collect();
        self.tokens.add(Tally::of(&gold, &pred));
    }

    /// Sum of two sets of counts.
    pub fn merge(&mut self, other: &Counts) {
        self.docs += other.docs;
        self.alignment_failures += other.alignment_failures;
        self.sentences.add(other.sentences);
        self.sentence_boundaries.add(other.sentence_boundaries);
        self.tokens.add(other.tokens);
    }
}

/// Predicted sentence spans, trimmed and without empty ones.
fn predicted_sentences(text: &str, seg: &Segmentation) -> Vec<Span> {
    seg.sentences
        .iter()
        .map(|s| trim(text, s.span))
        .filter(|s| !s.is_empty())
        .collect()
}

/// All gold tokens of aligned sentences, and the spans of sentences that failed.
fn gold_tokens(doc: &GoldDoc) -> (Vec<Span>, Vec<Span>) {
    let mut tokens = Vec::new();
    let mut excluded = Vec::new();
    for s in &doc.sentences {
        match &s.tokens {
            Some(t) => tokens.extend_from_slice(t),
            None => excluded.push(s.span),
        }
    }
    (tokens, excluded)
}

fn overlaps_any(t: Span, spans: &[Span]) -> bool {
    spans.iter().any(|s| t.start < s.end && s.start < t.end)
}

/// Precision, recall and F1 of one metric, with the counts behind them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Items in the gold standard.
    pub gold: usize,
    /// Items the segmenter produced.
    pub predicted: usize,
    /// Predicted items that match a gold item.
    pub correct: usize,
    /// correct / predicted (0 when nothing was predicted).
    pub precision: f64,
    /// correct / gold (0 when there is no gold item).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl From<Tally> for Prf {
    fn from(t: Tally) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(t.correct, t.predicted);
        let recall = ratio(t.correct, t.gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            gold: t.gold,
            predicted: t.predicted,
            correct: t.correct,
            precision,
            recall,
            f1,
        }
    }
}

/// Segmentation scores for one treebank file. See the [module docs](self) for the
/// metrics. Serializes as
/// `{"file", "docs", "alignment_failures", "sentences": {"gold", "predicted",
/// "correct", "precision", "recall", "f1"}, "sentence_boundaries": {...}, "tokens": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentationScores {
    /// The file scored, as given.
    pub file: String,
    /// Documents (`# newdoc` groups).
    pub docs: usize,
    /// Sentences left out of token scoring because their forms did not align.
    pub alignment_failures: usize,
    /// Exact sentence spans.
    pub sentences: Prf,
    /// Sentence-end boundaries, without each document's last one.
    pub sentence_boundaries: Prf,
    /// Exact token spans.
    pub tokens: Prf,
}

impl SegmentationScores {
    /// Scores from counts.
    pub fn from_counts(file: impl Into<String>, counts: &Counts) -> SegmentationScores {
        SegmentationScores {
            file: file.into(),
            docs: counts.docs,
            alignment_failures: counts.alignment_failures,
            sentences: counts.sentences.into(),
            sentence_boundaries: counts.sentence_boundaries.into(),
            tokens: counts.tokens.into(),
        }
    }
}

impl fmt::Display for SegmentationScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.file)?;
        writeln!(
            f,
            "docs: {}   alignment failures: {} sentences (left out of token scores)",
            self.docs, self.alignment_failures
        )?;
        writeln!(
            f,
            "{:<24} {:>8} {:>9} {:>8} {:>9} {:>7} {:>7}",
            "", "gold", "predicted", "correct", "precision", "recall", "F1"
        )?;
        let rows = [
            ("sentences (exact span)", &self.sentences),
            ("sentence ends (internal)", &self.sentence_boundaries),
            ("tokens (exact span)", &self.tokens),
        ];
        for (name, p) in rows {
            writeln!(
                f,
                "{:<24} {:>8} {:>9} {:>8} {:>8.2}% {:>6.2}% {:>6.2}%",
                name,
                p.gold,
                p.predicted,
                p.correct,
                100.0 * p.precision,
                100.0 * p.recall,
                100.0 * p.f1
            )?;
        }
        Ok(())
    }
}

/// Evaluation failure: the file cannot be opened or is not valid CoNLL-U.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// Opening or decompressing the file failed.
    #[error("{}: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid CoNLL-U.
    #[error("{}: {source}", path.display())]
    Conllu {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: ConlluError,
    },
}

/// Score Dyad's segmenter ([`segment::segment`]) on a CoNLL-U file (`.zst` or plain).
pub fn evaluate(path: &Path) -> Result<SegmentationScores, EvalError> {
    evaluate_with(path, segment::segment)
}

/// Score any segmenter on a CoNLL-U file.
pub fn evaluate_with<F>(path: &Path, segmenter: F) -> Result<SegmentationScores, EvalError>
where
    F: FnMut(&str) -> Segmentation,
{
    let reader = conllu::open(path).map_err(|source| EvalError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    evaluate_sentences(reader, &path.display().to_string(), segmenter).map_err(|source| {
        EvalError::Conllu {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Score any segmenter on CoNLL-U read from `input`; `file` names it in the scores.
pub fn evaluate_reader<R, F>(
    input: R,
    file: &str,
    segmenter: F,
) -> Result<SegmentationScores, ConlluError>
where
    R: BufRead,
    F: FnMut(&str) -> Segmentation,
{
    evaluate_sentences(conllu::read(input), file, segmenter)
}

fn evaluate_sentences<I, F>(
    sentences: I,
    file: &str,
    mut segmenter: F,
) -> Result<SegmentationScores, ConlluError>
where
    I: Iterator<Item = Result<ConlluSentence, ConlluError>>,
    F: FnMut(&str) -> Segmentation,
{
    let mut counts = Counts::default();
    for doc in gold_docs(sentences) {
        let doc = doc?;
        counts.add_doc(&doc, &segmenter(&doc.text));
    }
    Ok(SegmentationScores::from_counts(file, &counts))
}

/// What kind of disagreement a [`Mismatch`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MismatchKind {
    /// A gold sentence ends here and no predicted one does (under-splitting).
    MissedBoundary,
    /// A predicted sentence ends here and no gold one does (over-splitting).
    SpuriousBoundary,
    /// A gold sentence whose boundaries agree with the prediction but whose span no
    /// predicted sentence has (it starts elsewhere, or is not covered at all).
    SentenceSpan,
    /// A stretch of text the gold and the predicted tokens cut differently.
    Tokens,
}

impl MismatchKind {
    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            MismatchKind::MissedBoundary => "missed_boundary",
            MismatchKind::SpuriousBoundary => "spurious_boundary",
            MismatchKind::SentenceSpan => "sentence_span",
            MismatchKind::Tokens => "tokens",
        }
    }

    fn is_sentence(self) -> bool {
        self != MismatchKind::Tokens
    }
}

/// One disagreement between the gold standard and the segmenter, for diagnosis.
/// `Display` gives one line such as
/// `tokens [doc / sent @12] gold: do|n't  predicted: don't  «I ⟦don't⟧ know.»`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// What disagrees.
    pub kind: MismatchKind,
    /// Document id.
    pub doc: Option<String>,
    /// `sent_id` of the gold sentence at the disagreement.
    pub sent_id: Option<String>,
    /// Byte span of the disagreement in the rebuilt document text (empty for a
    /// boundary). Serialized as `[start, end]`.
    #[serde(serialize_with = "span_pair")]
    pub span: Span,
    /// Gold tokens over `span` (for [`MismatchKind::Tokens`]; the gold sentence for
    /// [`MismatchKind::SentenceSpan`]).
    pub gold: Vec<String>,
    /// Predicted tokens over `span` (for [`MismatchKind::Tokens`]; the predicted
    /// sentences overlapping the gold one for [`MismatchKind::SentenceSpan`]).
    pub predicted: Vec<String>,
    /// Text around the disagreement, `⟦…⟧` around `span` (`‖` at a boundary),
    /// line breaks shown as `⏎`.
    pub context: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{} / {} @{}]",
            self.kind.as_str(),
            self.doc.as_deref().unwrap_or("-"),
            self.sent_id.as_deref().unwrap_or("-"),
            self.span.start
        )?;
        if !self.gold.is_empty() || !self.predicted.is_empty() {
            let sep = if self.kind == MismatchKind::Tokens {
                "|"
            } else {
                " ‖ "
            };
            write!(
                f,
                " gold: {}  predicted: {} ",
                self.gold.join(sep),
                self.predicted.join(sep)
            )?;
        }
        write!(f, " «{}»", self.context)
    }
}

fn span_pair<S: serde::Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
    (span.start, span.end).serialize(s)
}

/// Characters of context shown on each side of a mismatch.
const CONTEXT_CHARS: usize = 30;

/// Text around `span` with `⟦…⟧` marks (or `‖` when `span` is empty).
fn context(text: &str, span: Span) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..span.start]
            .chars()
            .rev()
            .take(CONTEXT_CHARS)
            .collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[span.end..].chars().take(CONTEXT_CHARS).collect();
    let middle = if span.is_empty() {
        "‖".to_string()
    } else {
        format!("⟦{}⟧", &text[span.range()])
    };
    format!("{before}{middle}{after}").replace('\n', "⏎")
}

/// Every disagreement in one document, in text order within each family (sentence
/// mismatches first, then token mismatches).
pub fn doc_mismatches(doc: &GoldDoc, seg: &Segmentation) -> Vec<Mismatch> {
    let text = doc.text.as_str();
    let sent_at = |offset: usize| -> Option<String> {
        let i = doc.sentences.partition_point(|s| s.span.end < offset);
        doc.sentences.get(i).and_then(|s| s.sent_id.clone())
    };
    let make = |kind, span: Span, gold, predicted, sent_id| Mismatch {
        kind,
        doc: doc.id.clone(),
        sent_id,
        span,
        gold,
        predicted,
        context: context(text, span),
    };
    let mut out = Vec::new();

    // Sentences: every end offset, including the document's last, for diagnosis.
    let pred_sents = predicted_sentences(text, seg);
    let gold_ends: HashSet<usize> = doc.sentences.iter().map(|s| s.span.end).collect();
    let pred_ends: HashSet<usize> = pred_sents.iter().map(|s| s.end).collect();
    let pred_spans: HashSet<Span> = pred_sents.iter().copied().collect();
    let mut boundaries: Vec<(usize, MismatchKind)> = gold_ends
        .difference(&pred_ends)
        .map(|&o| (o, MismatchKind::MissedBoundary))
        .chain(
            pred_ends
                .difference(&gold_ends)
                .map(|&o| (o, MismatchKind::SpuriousBoundary)),
        )
        .collect();
    boundaries.sort_unstable_by_key(|&(o, k)| (o, k.as_str()));
    let mut sentence_out: Vec<Mismatch> = boundaries
        .iter()
        .map(|&(o, kind)| make(kind, Span::new(o, o), Vec::new(), Vec::new(), sent_at(o)))
        .collect();
    let mut prev_end = 0;
    for s in &doc.sentences {
        let explained = boundaries
            .iter()
            .any(|&(o, _)| (prev_end..=s.span.end).contains(&o));
        if !explained && !pred_spans.contains(&s.span) {
            let predicted = pred_sents
                .iter()
                .filter(|p| p.start < s.span.end && s.span.start < p.end)
                .map(|p| text[p.range()].to_string())
                .collect();
            sentence_out.push(make(
                MismatchKind::SentenceSpan,
                s.span,
                vec![text[s.span.range()].to_string()],
                predicted,
                s.sent_id.clone(),
            ));
        }
        prev_end = s.span.end;
    }
    sentence_out.sort_by_key(|m| m.span.start);
    out.extend(sentence_out);

    // Tokens: regions where the two tokenizations differ, outside failed sentences.
    let (mut gold, excluded) = gold_tokens(doc);
    gold.sort_unstable();
    let mut pred: Vec<Span> = seg
        .tokens
        .iter()
        .map(|t| t.span)
        .filter(|t| !overlaps_any(*t, &excluded))
        .collect();
    pred.sort_unstable();
    let (mut i, mut j) = (0, 0);
    while i < gold.len() || j < pred.len() {
        if i < gold.len() && j < pred.len() && gold[i] == pred[j] {
            i += 1;
            j += 1;
            continue;
        }
        // Grow a region from the earliest token until no token of either side
        // starts inside it.
        let (i0, j0) = (i, j);
        let start = match (gold.get(i), pred.get(j)) {
            (Some(g), Some(p)) => g.start.min(p.start),
            (Some(g), None) => g.start,
            (None, Some(p)) => p.start,
            (None, None) => break,
        };
        let mut end = start;
        loop {
            if let Some(g) = gold.get(i).filter(|g| g.start < end || g.start == start) {
                end = end.max(g.end);
                i += 1;
            } else if let Some(p) = pred.get(j).filter(|p| p.start < end || p.start == start) {
                end = end.max(p.end);
                j += 1;
            } else {
                break;
            }
        }
        let texts = |spans: &[Span]| spans.iter().map(|s| text[s.range()].to_string()).collect();
        out.push(make(
            MismatchKind::Tokens,
            Span::new(start, end),
            texts(&gold[i0..i]),
            texts(&pred[j0..j]),
            sent_at(start),
        ));
    }
    out
}

/// The first `limit` sentence mismatches and the first `limit` token mismatches of
/// Dyad's segmenter on a CoNLL-U file, in document order (see [`doc_mismatches`]).
pub fn mismatches(path: &Path, limit: usize) -> Result<Vec<Mismatch>, EvalError> {
    mismatches_with(path, limit, segment::segment)
}

/// [`mismatches`] for any segmenter.
pub fn mismatches_with<F>(
    path: &Path,
    limit: usize,
    mut segmenter: F,
) -> Result<Vec<Mismatch>, EvalError>
where
    F: FnMut(&str) -> Segmentation,
{
    let conllu_err = |source| EvalError::Conllu {
        path: path.to_path_buf(),
        source,
    };
    let reader = conllu::open(path).map_err(|source| EvalError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    let (mut sentences, mut tokens) = (0, 0);
    for doc in gold_docs(reader) {
        if sentences >= limit && tokens >= limit {
            break;
        }
        let doc = doc.map_err(conllu_err)?;
        for m in doc_mismatches(&doc, &segmenter(&doc.text)) {
            let n = if m.kind.is_sentence() {
                &mut sentences
            } else {
                &mut tokens
            };
            if *n < limit {
                *n += 1;
                out.push(m);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{SentenceData, TokenData, TokenKind};

    /// Two documents; the first has two paragraphs and two multiword tokens that
    /// split (`don't`, `Gonna`), the second one that does not (`wanna`) and a sentence
    /// whose forms do not match its text (`txt`).
    const TREEBANK: &str = "\
# newdoc id = d1
# newpar id = p1
# sent_id = s1
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = s2
# text = Me too.
1\tMe\tI\tPRON\tPRP\t_\t0\troot\t_\t_
2\ttoo\ttoo\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_

# newpar id = p2
# sent_id = s3
# text = Gonna go.
1-2\tGonna\t_\t_\t_\t_\t_\t_\t_\t_
1\tGon\tgo\tVERB\tVBG\t_\t3\tmark\t_\t_
2\tna\tto\tPART\tTO\t_\t1\tmark\t_\t_
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# newdoc id = d2
# sent_id = s4
# text = I wanna go
1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2-3\twanna\t_\t_\t_\t_\t_\t_\t_\t_
2\twant\twant\tVERB\tVBP\t_\t0\troot\t_\t_
3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_
4\tgo\tgo\tVERB\tVB\t_\t2\txcomp\t_\t_

# sent_id = s5
# text = Bad text here
1\tBad\tbad\tADJ\tJJ\t_\t2\tamod\t_\t_
2\ttxt\ttext\tNOUN\tNN\t_\t0\troot\t_\t_
3\there\there\tADV\tRB\t_\t2\tadvmod\t_\t_
";

    fn docs() -> Vec<GoldDoc> {
        gold_docs(conllu::read(TREEBANK.as_bytes()))
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A segmentation from token strings located in order in `text`; `ends` are the
    /// indices of the tokens that end a sentence.
    fn fake(text: &str, tokens: &[&str], ends: &[usize]) -> Segmentation {
        let mut pos = 0;
        let tokens: Vec<TokenData> = tokens
            .iter()
            .map(|t| {
                let start = pos + text[pos..].find(t).unwrap();
                pos = start + t.len();
                TokenData {
                    span: Span::new(start, pos),
                    kind: TokenKind::Word,
                }
            })
            .collect();
        let mut first = 0;
        let sentences = ends
            .iter()
            .map(|&e| {
                let s = SentenceData {
                    span: Span::new(tokens[first].span.start, tokens[e].span.end),
                    tokens: first..e + 1,
                };
                first = e + 1;
                s
            })
            .collect();
        Segmentation { tokens, sentences }
    }

    fn fake_for(text: &str) -> Segmentation {
        if text.starts_with("I don't") {
            let toks = [
                "I", "don't", "know", ".", "Me", "too", ".", "Gonna", "go", ".",
            ];
            fake(text, &toks, &[6, 9])
        } else {
            fake(text, &["I", "wanna", "go", "Bad", "text", "here"], &[2, 5])
        }
    }

    #[test]
    fn builds_documents_with_paragraph_breaks() {
        let docs = docs();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id.as_deref(), Some("d1"));
        assert_eq!(docs[0].text, "I don't know. Me too.\n\nGonna go.");
        let spans: Vec<_> = docs[0].sentences.iter().map(|s| s.span.range()).collect();
        assert_eq!(spans, [0..13, 14..21, 23..32]);
        fn toks(d: &GoldDoc, i: usize) -> Vec<&str> {
            let spans = d.sentences[i].tokens.as_ref().unwrap();
            spans.iter().map(|s| &d.text[s.range()]).collect()
        }
        assert_eq!(toks(&docs[0], 0), ["I", "do", "n't", "know", "."]);
        assert_eq!(toks(&docs[0], 2), ["Gon", "na", "go", "."]);
        assert_eq!(docs[1].text, "I wanna go Bad text here");
        assert_eq!(toks(&docs[1], 0), ["I", "wanna", "go"]);
        assert_eq!(docs[1].sentences[1].tokens, None);
    }

    #[test]
    fn scores_a_fake_segmentation() {
        let scores = evaluate_reader(TREEBANK.as_bytes(), "tiny", fake_for).unwrap();
        assert_eq!(scores.docs, 2);
        assert_eq!(scores.alignment_failures, 1);
        let tally = |p: &Prf| (p.gold, p.predicted, p.correct);
        // Gold s1..s5; predicted "I don't know. Me too." wrongly joins s1 and s2.
        assert_eq!(tally(&scores.sentences), (5, 4, 3));
        // Internal ends: gold 13, 21 (d1) and 10 (d2); predicted 21 and 10.
        assert_eq!(tally(&scores.sentence_boundaries), (3, 2, 2));
        // Gold: 12 in d1, 3 in d2 (s5 left out); predicted don't and Gonna are wrong,
        // and the three tokens inside s5 are left out.
        assert_eq!(tally(&scores.tokens), (15, 13, 11));
        let t = scores.tokens;
        assert!((t.precision - 11.0 / 13.0).abs() < 1e-12);
        assert!((t.recall - 11.0 / 15.0).abs() < 1e-12);
        assert!((t.f1 - 2.0 * 11.0 / 28.0).abs() < 1e-12);
        assert_eq!(scores.sentence_boundaries.precision, 1.0);

        let json = serde_json::to_value(&scores).unwrap();
        assert_eq!(json["file"], "tiny");
        assert_eq!(json["sentences"]["gold"], 5);
        assert_eq!(json["sentence_boundaries"]["recall"], 2.0 / 3.0);
        assert_eq!(json["tokens"]["correct"], 11);
        let table = scores.to_string();
        assert!(table.contains("sentences (exact span)"), "{table}");
        assert!(table.contains("84.62%"), "{table}");
    }

    #[test]
    fn perfect_and_empty_predictions() {
        let perfect = |text: &str| {
            let doc = gold_docs(conllu::read(TREEBANK.as_bytes()))
                .map(Result::unwrap)
                .find(|d| d.text == text)
                .unwrap();
            let mut tokens = Vec::new();
            let mut sentences = Vec::new();
            for s in &doc.sentences {
                let first = tokens.len();
                let spans = s.tokens.clone().unwrap_or_else(|| vec![s.span]);
                tokens.extend(spans.into_iter().map(|span| TokenData {
                    span,
                    kind: TokenKind::Word,
                }));
                sentences.push(SentenceData {
                    span: s.span,
                    tokens: first..tokens.len(),
                });
            }
            Segmentation { tokens, sentences }
        };
        let s = evaluate_reader(TREEBANK.as_bytes(), "t", perfect).unwrap();
        assert_eq!(
            (s.sentences.f1, s.sentence_boundaries.f1, s.tokens.f1),
            (1.0, 1.0, 1.0)
        );
        let s = evaluate_reader(TREEBANK.as_bytes(), "t", |_| Segmentation::default()).unwrap();
        assert_eq!((s.sentences.f1, s.tokens.precision), (0.0, 0.0));
        assert_eq!(s.tokens.gold, 15);
    }

    #[test]
    fn lists_mismatches_with_context() {
        let docs = docs();
        let m = doc_mismatches(&docs[0], &fake_for(&docs[0].text));
        let lines: Vec<String> = m.iter().map(ToString::to_string).collect();
        assert_eq!(m.len(), 3, "{lines:#?}");
        assert_eq!(m[0].kind, MismatchKind::MissedBoundary);
        assert_eq!(m[0].span, Span::new(13, 13));
        assert_eq!(m[0].sent_id.as_deref(), Some("s1"));
        assert_eq!(
            lines[0],
            "missed_boundary [d1 / s1 @13] «I don't know.‖ Me too.⏎⏎Gonna go.»"
        );
        assert_eq!(m[1].kind, MismatchKind::Tokens);
        assert_eq!(
            (m[1].gold.clone(), m[1].predicted.clone()),
            (vec!["do".into(), "n't".into()], vec!["don't".into()])
        );
        assert_eq!(
            lines[1],
            "tokens [d1 / s1 @2] gold: do|n't  predicted: don't  «I ⟦don't⟧ know. Me too.⏎⏎Gonna go.»"
        );
        assert_eq!(m[2].gold, ["Gon", "na"]);
        assert_eq!(m[2].sent_id.as_deref(), Some("s3"));
        // Nothing to report in d2: its only difference is inside the failed sentence.
        assert!(doc_mismatches(&docs[1], &fake_for(&docs[1].text)).is_empty());

        // Over-splitting: a boundary inside s2.
        let seg = fake(
            &docs[0].text,
            &[
                "I", "do", "n't", "know", ".", "Me", "too", ".", "Gon", "na", "go", ".",
            ],
            &[4, 6, 7, 11],
        );
        let m = doc_mismatches(&docs[0], &seg);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(m[0].kind, MismatchKind::SpuriousBoundary);
        assert_eq!(m[0].span.start, 20);
    }

    #[test]
    fn unexplained_sentence_span() {
        let docs = docs();
        // Ends agree with gold, but the second sentence leaves out "Me".
        let mut seg = fake(
            &docs[0].text,
            &["I", "do", "n't", "know", ".", "Me", "too", "."],
            &[4, 7],
        );
        seg.sentences[1].span.start = seg.tokens[6].span.start;
        seg.sentences.push(SentenceData {
            span: Span::new(23, 32),
            tokens: 8..8,
        });
        let m = doc_mismatches(&docs[0], &seg);
        let kinds: Vec<_> = m.iter().map(|m| m.kind).collect();
        assert!(kinds.contains(&MismatchKind::SentenceSpan), "{m:#?}");
        let s = m
            .iter()
            .find(|m| m.kind == MismatchKind::SentenceSpan)
            .unwrap();
        assert_eq!(s.gold, ["Me too."]);
        assert_eq!(s.predicted, ["too."]);
    }

    #[test]
    fn conllu_errors_stop_evaluation() {
        let bad = "1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\n";
        let e = evaluate_reader(bad.as_bytes(), "bad", |_| Segmentation::default()).unwrap_err();
        assert_eq!(e.line, 1);
    }
}
