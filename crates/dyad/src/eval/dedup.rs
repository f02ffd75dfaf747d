//! Near-duplicate detection scored on real articles and perturbed copies of them.
//!
//! No gold set of wire copies exists here, so one is made at run time: a seeded
//! sample of real articles is copied with the edits republishers make (a dateline
//! or agency prefix, a dropped sentence, a truncated ending, a boilerplate line,
//! reordered paragraphs, a few changed or misspelt words), and every article and
//! copy is fed, in a shuffled order, through [`crate::dedup::StoryIndex`]. The truth
//! groups are each original with its copies, plus articles whose normalised texts are
//! identical (real duplicates in the corpus). Scores are over pairs: a predicted pair
//! is two articles in one story; precision and recall compare predicted and true pairs.

use std::collections::HashMap;

use serde::Serialize;

use crate::dedup::{Signature, StoryIndex};

/// How the test set is built.
#[derive(Clone, Debug)]
pub struct DedupOptions {
    /// Originals to copy.
    pub originals: usize,
    /// Copies per original.
    pub copies: usize,
    /// Seed of the sampling, edits and order.
    pub seed: u64,
    /// Thresholds to score.
    pub thresholds: Vec<f32>,
}

impl Default for DedupOptions {
    fn default() -> DedupOptions {
        DedupOptions {
            originals: 500,
            copies: 2,
            seed: 1,
            thresholds: vec![0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        }
    }
}

/// Scores at one threshold.
#[derive(Clone, Debug, Serialize)]
pub struct ThresholdScore {
    /// Estimated-Jaccard threshold.
    pub threshold: f32,
    /// Pairwise precision.
    pub precision: f64,
    /// Pairwise recall.
    pub recall: f64,
    /// Pairwise F1.
    pub f1: f64,
    /// Copies placed in their original's story.
    pub copies_joined: usize,
    /// Stories predicted.
    pub stories: usize,
}

/// Recall of copies by edit kind at the default threshold.
#[derive(Clone, Debug, Serialize)]
pub struct EditRecall {
    /// Edit name.
    pub edit: &'static str,
    /// Copies with this edit.
    pub copies: usize,
    /// Of which joined their original's story.
    pub joined: usize,
}

/// The evaluation result.
#[derive(Clone, Debug, Serialize)]
pub struct DedupReport {
    /// Articles read from the corpus.
    pub articles: usize,
    /// Exact-duplicate groups found among them (same normalised text).
    pub exact_duplicate_groups: usize,
    /// Copies made.
    pub copies: usize,
    /// True duplicate pairs.
    pub true_pairs: u64,
    /// Scores per threshold.
    pub thresholds: Vec<ThresholdScore>,
    /// Copy recall per edit kind, at [`crate::dedup::DEFAULT_THRESHOLD`].
    pub by_edit: Vec<EditRecall>,
    /// At the default threshold: articles joined to an article of another truth
    /// group (`id`, matched `id`, estimated similarity), for inspection.
    pub false_joins: Vec<(String, String, f32)>,
}

/// A small seeded generator (SplitMix64): the test set is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        crate::dedup::splitmix64(&mut self.0)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The edits a republisher makes.
const EDITS: [&str; 6] = [
    "prefix",
    "drop_sentence",
    "truncate",
    "boilerplate",
    "reorder",
    "word_changes",
];

const PREFIXES: [&str; 4] = [
    "WASHINGTON (Wire) - ",
    "LONDON, Tuesday (Agency) - ",
    "UPDATED: ",
    "By a staff reporter\n\n",
];

const BOILERPLATE: [&str; 4] = [
    "Reporting by staff; editing by the news desk.",
    "Copyright the agency. All rights reserved. This material may not be republished.",
    "Read more: related coverage on our website.",
    "Additional reporting by correspondents in the region.",
];

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let end = i + c.len_utf8();
            if text[end..].starts_with(char::is_whitespace) || end == text.len() {
                out.push(text[start..end].trim());
                start = end;
            }
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Apply edit `kind` to `text`.
fn edit(text: &str, kind: &str, rng: &mut Rng) -> String {
    match kind {
        "prefix" => format!("{}{text}", PREFIXES[rng.below(PREFIXES.len())]),
        "drop_sentence" => {
            let s = sentences(text);
            if s.len() < 3 {
                return text.to_string();
            }
            let drop = rng.below(s.len());
            s.iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, s)| *s)
                .collect::<Vec<_>>()
                .join(" ")
        }
        "truncate" => {
            let s = sentences(text);
            let keep = (s.len() * (70 + rng.below(21)) / 100).max(1);
            s[..keep.min(s.len())].join(" ")
        }
        "boilerplate" => format!("{text}\n\n{}", BOILERPLATE[rng.below(BOILERPLATE.len())]),
        "reorder" => {
            let mut paras: Vec<&str> = text.split("\n\n").collect();
            // Two different paragraphs after the first change places.
            let k = paras.len().saturating_sub(1);
            if k >= 2 {
                let i = rng.below(k);
                let j = (i + 1 + rng.below(k - 1)) % k;
                paras.swap(1 + i, 1 + j);
            }
            paras.join("\n\n")
        }
        _ => {
            // About one word in 30 is misspelt (two letters swapped) or replaced.
            let replacements = ["said", "reported", "the", "officials", "new", "also"];
            text.split(' ')
                .map(|w| {
                    if rng.below(30) != 0 || w.len() < 4 {
                        return w.to_string();
                    }
                    if rng.below(2) == 0 {
                        let mut chars: Vec<char> = w.chars().collect();
                        let i = rng.below(chars.len() - 1);
                        chars.swap(i, i + 1);
                        chars.into_iter().collect()
                    } else {
                        replacements[rng.below(replacements.len())].to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// Pairs among groups of the given sizes.
fn pairs(sizes: impl Iterator<Item = usize>) -> u64 {
    sizes
        .map(|n| (n as u64) * (n as u64).saturating_sub(1) / 2)
        .sum()
}

/// Build the test set from `articles` (id, text) and score every threshold.
pub fn evaluate(articles: &[(String, String)], options: &DedupOptions) -> DedupReport {
    let mut rng = Rng(options.seed);
    // Truth group of each corpus article: its normalised text.
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut truth: Vec<usize> = Vec::new();
    for (_, text) in articles {
        let key = crate::store::content_hash(text);
        let next = by_text.len();
        truth.push(*by_text.entry(key).or_insert(next));
    }
    let mut group_sizes: HashMap<usize, usize> = HashMap::new();
    for &t in &truth {
        *group_sizes.entry(t).or_default() += 1;
    }
    let exact_duplicate_groups = group_sizes.values().filter(|&&n| n > 1).count();
    // Originals: a seeded sample of articles with at least 80 words.
    let mut eligible: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].1.split_whitespace().count() >= 80)
        .collect();
    for i in (1..eligible.len()).rev() {
        eligible.swap(i, rng.below(i + 1));
    }
    eligible.truncate(options.originals);
    // Items: every article, then the copies; each with its truth group, and for
    // copies the original's index and the edits made.
    let mut texts: Vec<String> = articles.iter().map(|(_, t)| t.clone()).collect();
    let mut ids: Vec<String> = articles.iter().map(|(id, _)| id.clone()).collect();
    let mut copy_of: Vec<Option<(usize, Vec<&'static str>)>> = vec![None; articles.len()];
    for &o in &eligible {
        for _ in 0..options.copies {
            let n = 1 + rng.below(3);
            let mut kinds: Vec<&'static str> = Vec::new();
            while kinds.len() < n {
                let k = EDITS[rng.below(EDITS.len())];
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            let mut text = articles[o].1.clone();
            for k in &kinds {
                text = edit(&text, k, &mut rng);
            }
            texts.push(text);
            ids.push(format!("{} (copy: {})", articles[o].0, kinds.join("+")));
            truth.push(truth[o]);
            copy_of.push(Some((o, kinds)));
        }
    }
    let copies = texts.len() - articles.len();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let signatures: Vec<Signature> = texts.iter().map(|t| Signature::of(t)).collect();
    let mut truth_sizes: HashMap<usize, usize> = HashMap::new();
    for &t in &truth {
        *truth_sizes.entry(t).or_default() += 1;
    }
    let true_pairs = pairs(truth_sizes.values().copied());

    let mut scores = Vec::new();
    let mut false_joins = Vec::new();
    let mut by_edit: Vec<EditRecall> = EDITS
        .iter()
        .map(|&edit| EditRecall {
            edit,
            copies: 0,
            joined: 0,
        })
        .collect();
    for &threshold in &options.thresholds {
        let mut index = StoryIndex::new(threshold);
        let at_default = (threshold - crate::dedup::DEFAULT_THRESHOLD).abs() < 1e-6;
        let mut story = vec![0usize; texts.len()];
        for &i in &order {
            // Story ids are positions in `order`; map them back to item indices.
            let placed = index.add(signatures[i].clone());
            story[i] = order[placed.story];
            if let Some((m, sim)) = placed.matched.filter(|_| at_default) {
                if truth[order[m]] != truth[i] {
                    false_joins.push((ids[i].clone(), ids[order[m]].clone(), sim));
                }
            }
        }
        let mut predicted: HashMap<usize, usize> = HashMap::new();
        let mut cells: HashMap<(usize, usize), usize> = HashMap::new();
        for i in 0..texts.len() {
            *predicted.entry(story[i]).or_default() += 1;
            *cells.entry((story[i], truth[i])).or_default() += 1;
        }
        let predicted_pairs = pairs(predicted.values().copied());
        let correct = pairs(cells.values().copied());
        let precision = ratio(correct, predicted_pairs);
        let recall = ratio(correct, true_pairs);
        let mut copies_joined = 0;
        for (i, c) in copy_of.iter().enumerate() {
            let Some((o, kinds)) = c else { continue };
            let joined = story[i] == story[*o];
            copies_joined += usize::from(joined);
            if at_default {
                for k in kinds {
                    if let Some(e) = by_edit.iter_mut().find(|e| e.edit == *k) {
                        e.copies += 1;
                        e.joined += usize::from(joined);
                    }
                }
            }
        }
        scores.push(ThresholdScore {
            threshold,
            precision,
            recall,
            f1: if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            },
            copies_joined,
            stories: predicted.len(),
        });
    }
    DedupReport {
        articles: articles.len(),
        exact_duplicate_groups,
        copies,
        true_pairs,
        thresholds: scores,
        by_edit: by_edit.into_iter().filter(|e| e.copies > 0).collect(),
        false_joins,
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An invented article of `sentences` random sentences over a 500-word vocabulary.
    fn article(seed: u64, sentences: usize) -> String {
        let mut rng = Rng(seed);
        (0..sentences)
            .map(|i| {
                let words: Vec<String> =
                    (0..12).map(|_| format!("word{}", rng.below(500))).collect();
                let sep = if i % 3 == 2 { ".\n\n" } else { ". " };
                format!("{}{sep}", words.join(" "))
            })
            .collect::<String>()
            .trim()
            .to_string()
    }

    #[test]
    fn copies_are_found_and_distinct_articles_kept_apart() {
        let mut articles: Vec<(String, String)> = (0..6)
            .map(|i| (format!("a{i}"), article(100 + i, 24)))
            .collect();
        // A real exact duplicate in the corpus.
        articles.push(("dup".into(), articles[0].1.clone()));
        let options = DedupOptions {
            originals: 6,
            copies: 2,
            seed: 7,
            thresholds: vec![0.5],
        };
        let report = evaluate(&articles, &options);
        assert_eq!(report.exact_duplicate_groups, 1);
        assert_eq!(report.copies, 12);
        let s = &report.thresholds[0];
        assert!(s.recall > 0.8, "{report:?}");
        assert!(s.precision > 0.9, "{report:?}");
        assert!(report.by_edit.iter().map(|e| e.copies).sum::<usize>() >= 12);
    }

    #[test]
    fn edits_change_the_text_but_keep_most_of_it() {
        let text = article(5, 24);
        let mut rng = Rng(3);
        for kind in EDITS {
            let edited = edit(&text, kind, &mut rng);
            assert_ne!(edited, text, "{kind}");
            let s = Signature::of(&text).similarity(&Signature::of(&edited));
            assert!(s > 0.4, "{kind}: {s}");
        }
        // Short texts are never broken.
        assert_eq!(edit("One.", "drop_sentence", &mut rng), "One.");
        assert!(!edit("One.", "truncate", &mut rng).is_empty());
    }

    #[test]
    fn pair_counting() {
        assert_eq!(pairs([1, 2, 3].into_iter()), 4);
        assert_eq!(ratio(0, 0), 1.0);
    }
}
