//! Training the syntax model from a Universal Dependencies treebank.
//!
//! Deterministic for its seeds: sentence order is shuffled by seeded generators, and
//! every table is built in a sorted order. The parser and labeller learn from the
//! tags the run-time tagger gives (one pass, or two when a second-pass tagger learns
//! from first-pass tags), each predicted by taggers trained on the other folds
//! (jack-knifing), so they see the kind of tags they will get at run time.

use std::path::Path;

use super::io::Bundle;
use super::lemma::Lemmatizer;
use super::model_form;
use super::parser::{Labeler, ParseSentence, Parser};
use super::perceptron::FeatHasher;
use super::tagger::{norm, TaggedSentence, Tagger};
use crate::eval::conllu::{self, ConlluSentence};

/// Training settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainOptions {
    /// Seed for every random choice.
    pub seed: u64,
    /// Tagger passes over the data.
    pub tagger_iterations: usize,
    /// Perceptrons averaged into each tagger (see [`Tagger::train`]).
    pub tagger_members: usize,
    /// Tagger passes: 1, or 2 for a second-pass tagger that also sees the first
    /// pass's tags to the right.
    pub tagger_passes: usize,
    /// Parser passes.
    pub parser_iterations: usize,
    /// Parsers averaged into the parser (see [`Parser::train`]).
    pub parser_members: usize,
    /// Labeller passes.
    pub labeler_iterations: usize,
    /// Folds for jack-knifed tags (at least 2).
    pub folds: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            seed: 1,
            tagger_iterations: 8,
            tagger_members: 5,
            tagger_passes: 1,
            parser_iterations: 20,
            parser_members: 5,
            labeler_iterations: 10,
            folds: 4,
        }
    }
}

/// Read the well-formed sentences of a CoNLL-U file (plain or .zst), with the number
/// of malformed ones skipped.
pub fn read_treebank(path: &Path) -> std::io::Result<(Vec<ConlluSentence>, usize)> {
    let mut good = Vec::new();
    let mut bad = 0;
    for s in conllu::open(path)? {
        match s {
            Ok(s) if !s.words.is_empty() => good.push(s),
            _ => bad += 1,
        }
    }
    Ok((good, bad))
}

/// A treebank sentence as tagger training data.
pub fn tagged(s: &ConlluSentence) -> TaggedSentence {
    TaggedSentence {
        forms: s.words.iter().map(|w| model_form(&w.form)).collect(),
        tags: s
            .words
            .iter()
            .map(|w| (w.xpos.clone(), w.upos.clone()))
            .collect(),
    }
}

/// Checksum of a treebank's words and annotations, recorded in the model.
pub fn checksum(sentences: &[ConlluSentence]) -> u64 {
    let mut h = FeatHasher::new(7);
    for s in sentences {
        for w in &s.words {
            h = h
                .str(&w.form)
                .str(&w.xpos)
                .str(&w.deprel)
                .num(w.head as u64);
        }
    }
    h.done()
}

/// A tagger trained on `tagged` less fold `leave_out` (all of it when `None`); a
/// second-pass tagger when given the first pass's tags (`lookahead`, one list per
/// sentence of `tagged`).
pub fn train_tagger(
    tagged: &[TaggedSentence],
    lookahead: Option<&[Vec<String>]>,
    leave_out: Option<usize>,
    options: &TrainOptions,
) -> Tagger {
    let folds = options.folds.max(2);
    let kept = |i: usize| leave_out.is_none_or(|k| i % folds != k);
    let data: Vec<TaggedSentence> = tagged
        .iter()
        .enumerate()
        .filter(|&(i, _)| kept(i))
        .map(|(_, s)| s.clone())
        .collect();
    let lookahead: Option<Vec<Vec<String>>> = lookahead.map(|l| {
        l.iter()
            .enumerate()
            .filter(|&(i, _)| kept(i))
            .map(|(_, p)| p.clone())
            .collect()
    });
    Tagger::train(
        &data,
        lookahead.as_deref(),
        options.tagger_iterations,
        options.seed + leave_out.unwrap_or(0) as u64,
        options.tagger_members,
    )
}

/// Jack-knifed tags of every sentence of `tagged`: each fold tagged by a tagger
/// trained on the others ([`train_tagger`]); second-pass tags when given the
/// (jack-knifed) first pass's. `log` receives a line per fold.
pub fn jack_knifed(
    tagged: &[TaggedSentence],
    first_pass: Option<&[Vec<String>]>,
    options: &TrainOptions,
    mut log: impl FnMut(&str),
) -> Vec<Vec<String>> {
    let folds = options.folds.max(2);
    let pass = if first_pass.is_some() {
        "second"
    } else {
        "first"
    };
    let mut out: Vec<Vec<String>> = vec![Vec::new(); tagged.len()];
    for k in 0..folds {
        log(&format!("{pass}-pass tagger for fold {}/{folds}", k + 1));
        let tagger = train_tagger(tagged, first_pass, Some(k), options);
        for (i, s) in tagged.iter().enumerate().filter(|&(i, _)| i % folds == k) {
            let lookahead = first_pass.map(|l| l[i].as_slice());
            out[i] = tagger
                .tag(&s.forms, lookahead)
                .iter()
                .map(|&c| tagger.classes[c as usize].0.clone())
                .collect();
        }
    }
    out
}

/// Train a full syntax bundle. `log` receives progress lines.
pub fn train(
    sentences: &[ConlluSentence],
    source: &str,
    options: &TrainOptions,
    mut log: impl FnMut(&str),
) -> Bundle {
    let tagged_all: Vec<TaggedSentence> = sentences.iter().map(tagged).collect();
    let folds = options.folds.max(2);
    // Jack-knifed first-pass tags: what a second pass learns from, and otherwise
    // what the parser and labeller learn from: the kind of tags they get at run
    // time.
    let first_pass = jack_knifed(&tagged_all, None, options, &mut log);
    log("first-pass tagger on all data");
    let tagger = train_tagger(&tagged_all, None, None, options);
    let (run_time_tags, retagger) = if options.tagger_passes >= 2 {
        // Jack-knifed two-pass tags. (Each fold's second pass learns from
        // first-pass tags of taggers that saw the fold: a small leak, into context
        // features only.)
        let two_pass = jack_knifed(&tagged_all, Some(&first_pass), options, &mut log);
        log("second-pass tagger");
        let retagger = train_tagger(&tagged_all, Some(&first_pass), None, options);
        (two_pass, Some(retagger))
    } else {
        (first_pass, None)
    };
    log("lemmatizer");
    let lemmatizer = Lemmatizer::train(tagged_all.iter().zip(sentences).flat_map(|(t, s)| {
        t.forms
            .iter()
            .zip(&s.words)
            .map(|(f, w)| (f.as_str(), w.xpos.as_str(), w.lemma.as_str()))
    }));
    let parse_data: Vec<ParseSentence> = sentences
        .iter()
        .zip(&tagged_all)
        .zip(run_time_tags)
        .map(|((s, t), tags)| {
            let n = s.words.len();
            ParseSentence {
                words: t.forms.iter().map(|f| norm(f)).collect(),
                tags,
                heads: s
                    .words
                    .iter()
                    .map(|w| if w.head == 0 { n } else { w.head - 1 })
                    .collect(),
                labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            }
        })
        .collect();
    log("parser");
    let parser = Parser::train(
        &parse_data,
        options.parser_iterations,
        options.seed,
        options.parser_members,
    );
    log("labeller");
    let labeler = Labeler::train(&parse_data, options.labeler_iterations, options.seed);
    let description = format!(
        "Dyad syntax model: averaged perceptron tagger, arc-hybrid parser, labeller. \
         Trained by `dyad train syntax` on {source} ({} sentences, checksum {:016x}); \
         seed {}, tagger {} iterations x {} members x {} passes, parser {} iterations x {} members, \
         labeller {} iterations, {} folds. \
         Data: Universal Dependencies English EWT, CC BY-SA 4.0.",
        sentences.len(),
        checksum(sentences),
        options.seed,
        options.tagger_iterations,
        options.tagger_members,
        options.tagger_passes,
        options.parser_iterations,
        options.parser_members,
        options.labeler_iterations,
        folds
    );
    Bundle {
        description,
        tagger,
        retagger,
        lemmatizer,
        parser,
        labeler,
    }
}
