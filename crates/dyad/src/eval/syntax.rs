//! Tagging, lemmatization and parsing scores against a UD treebank.
//!
//! With gold tokens, each sentence's word forms are tagged and parsed and compared
//! word by word: XPOS, UPOS and lemma accuracy over all words; UAS (right head) and
//! LAS (right head and relation, subtypes included) over words whose gold UPOS is
//! not `PUNCT`, as is usual.
//!
//! In raw mode, Dyad's own segmenter splits and tokenizes each `# text` line; a gold
//! word counts only when a predicted token has exactly its span (and, for heads, when
//! the head's span matches too). The scores are then fractions of gold words, and
//! `tokens` counts the predicted ones.

use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::conllu::ConlluSentence;
use super::segmentation::align;
use crate::segment;
use crate::syntax::train::read_treebank;
use crate::syntax::Syntax;

/// Scores as fractions in 0..1.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SyntaxScores {
    /// Penn tag accuracy.
    pub xpos_acc: f64,
    /// Universal POS accuracy.
    pub upos_acc: f64,
    /// Lemma accuracy (case-insensitive).
    pub lemma_acc: f64,
    /// Unlabelled attachment score (punctuation excluded).
    pub uas: f64,
    /// Labelled attachment score (punctuation excluded).
    pub las: f64,
    /// Gold words scored.
    pub tokens: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// Raw mode: tokens Dyad produced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted_tokens: Option<usize>,
    /// Sentences left out (malformed, or raw text that could not be aligned).
    pub skipped_sentences: usize,
}

impl fmt::Display for SyntaxScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "sentences {}  words {}  skipped {}",
            self.sentences, self.tokens, self.skipped_sentences
        )?;
        if let Some(p) = self.predicted_tokens {
            writeln!(f, "predicted tokens {p}")?;
        }
        writeln!(f, "XPOS   {:6.2}%", 100.0 * self.xpos_acc)?;
        writeln!(f, "UPOS   {:6.2}%", 100.0 * self.upos_acc)?;
        writeln!(f, "lemma  {:6.2}%", 100.0 * self.lemma_acc)?;
        writeln!(f, "UAS    {:6.2}%", 100.0 * self.uas)?;
        write!(f, "LAS    {:6.2}%", 100.0 * self.las)
    }
}

#[derive(Default)]
struct Tally {
    words: usize,
    xpos: usize,
    upos: usize,
    lemma: usize,
    attach: usize,
    uas: usize,
    las: usize,
}

impl Tally {
    fn scores(&self, sentences: usize, skipped: usize, predicted: Option<usize>) -> SyntaxScores {
        let frac = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        SyntaxScores {
            xpos_acc: frac(self.xpos, self.words),
            upos_acc: frac(self.upos, self.words),
            lemma_acc: frac(self.lemma, self.words),
            uas: frac(self.uas, self.attach),
            las: frac(self.las, self.attach),
            tokens: self.words,
            sentences,
            predicted_tokens: predicted,
            skipped_sentences: skipped,
        }
    }
}

/// A predicted word aligned to gold word `i`.
struct Predicted<'a> {
    tag: &'a str,
    upos: &'a str,
    lemma: &'a str,
    /// Gold index of the predicted head (`None` = root; `usize::MAX` = a token that
    /// is no gold word).
    head: Option<usize>,
    deprel: &'a str,
}

fn score_word(t: &mut Tally, gold: &super::conllu::Word, p: Option<&Predicted<'_>>) {
    t.words += 1;
    let punct = gold.upos == "PUNCT";
    if !punct {
        t.attach += 1;
    }
    let Some(p) = p else { return };
    t.xpos += usize::from(p.tag == gold.xpos);
    t.upos += usize::from(p.upos == gold.upos);
    t.lemma += usize::from(p.lemma.eq_ignore_ascii_case(&gold.lemma));
    let gold_head = gold.head.checked_sub(1);
    if !punct && p.head == gold_head {
        t.uas += 1;
        t.las += usize::from(p.deprel == gold.deprel);
    }
}

/// Score `syntax` on a CoNLL-U file with gold tokens (`raw = false`) or with Dyad's
/// own segmentation of the `# text` lines (`raw = true`).
pub fn evaluate(path: &Path, syntax: &'static Syntax, raw: bool) -> std::io::Result<SyntaxScores> {
    let (sentences, bad) = read_treebank(path)?;
    Ok(if raw {
        score_raw(&sentences, bad, syntax)
    } else {
        score_gold(&sentences, bad, syntax)
    })
}

fn score_gold(sentences: &[ConlluSentence], bad: usize, syntax: &'static Syntax) -> SyntaxScores {
    let mut t = Tally::default();
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let analysis = syntax.analyse(&forms);
        for (gold, a) in s.words.iter().zip(&analysis) {
            let p = Predicted {
                tag: a.tag,
                upos: a.upos,
                lemma: &a.lemma,
                head: a.head,
                deprel: a.deprel,
            };
            score_word(&mut t, gold, Some(&p));
        }
    }
    t.scores(sentences.len(), bad, None)
}

fn score_raw(sentences: &[ConlluSentence], bad: usize, syntax: &'static Syntax) -> SyntaxScores {
    let mut t = Tally::default();
    let mut skipped = bad;
    let mut scored = 0;
    let mut predicted_tokens = 0;
    for s in sentences {
        let Some(text) = s.text.as_deref() else {
            skipped += 1;
            continue;
        };
        let Some(gold_spans) = align(text, s).filter(|v| v.len() == s.words.len()) else {
            skipped += 1;
            continue;
        };
        scored += 1;
        let seg = segment::segment(text);
        predicted_tokens += seg.tokens.len();
        // Predicted analyses keyed by span.
        let mut by_span = std::collections::HashMap::new();
        let mut span_of = Vec::with_capacity(seg.tokens.len());
        for sent in &seg.sentences {
            let toks = &seg.tokens[sent.tokens.clone()];
            let forms: Vec<&str> = toks.iter().map(|tk| &text[tk.span.range()]).collect();
            let analysis = syntax.analyse(&forms);
            let base = sent.tokens.start;
            for (k, a) in analysis.into_iter().enumerate() {
                span_of.push(toks[k].span);
                by_span.insert(toks[k].span, (a, base));
            }
        }
        let gold_index: std::collections::HashMap<_, _> = gold_spans
            .iter()
            .enumerate()
            .map(|(i, sp)| (*sp, i))
            .collect();
        for (i, gold) in s.words.iter().enumerate() {
            let p = by_span.get(&gold_spans[i]).map(|(a, base)| Predicted {
                tag: a.tag,
                upos: a.upos,
                lemma: &a.lemma,
                head: a.head.map(|h| {
                    gold_index
                        .get(&span_of[base + h])
                        .copied()
                        .unwrap_or(usize::MAX)
                }),
                deprel: a.deprel,
            });
            score_word(&mut t, gold, p.as_ref());
        }
    }
    t.scores(scored, skipped, Some(predicted_tokens))
}
