//! Near-duplicate articles: MinHash signatures over word shingles, banded for
//! locality-sensitive lookup.
//!
//! Wire copies republished with small edits (a new headline, a dropped paragraph, a
//! changed word, a byline added) share most of their word 4-grams; unrelated articles,
//! even on the same topic, share few. The Jaccard similarity of two shingle sets is
//! estimated by the fraction of equal entries in their [`Signature`]s, and candidates
//! are found without comparing every pair: each signature is cut into [`BANDS`] bands
//! whose hashes ([`Signature::band_keys`]) index the articles; two articles are
//! compared only when some band is identical.
//!
//! Signatures are stored (see [`crate::store`]), so the hash family is fixed here, by
//! constants, and never depends on a random generator or a dependency's defaults:
//! a signature computed today must equal one computed by a later release.

use std::collections::HashMap;

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// Hash functions per signature.
pub const NUM_HASHES: usize = 128;
/// Bands the signature is cut into for lookup (rows per band = `NUM_HASHES / BANDS`).
pub const BANDS: usize = 32;
const ROWS: usize = NUM_HASHES / BANDS;
/// Estimated Jaccard similarity at or above which two articles are the same story.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// Texts with fewer shingles than this are *short*: their similarity estimate is
/// coarse and they are often formulaic (dividend notices, price tables), so two
/// articles join one story only at [`SHORT_THRESHOLD`] or more when either is short.
pub const SHORT_SHINGLES: u32 = 30;
/// The similarity a short text needs to join a story.
pub const SHORT_THRESHOLD: f32 = 0.9;

/// A MinHash signature of a text's word shingles, with the number of shingles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    mins: [u32; NUM_HASHES],
    shingles: u32,
}

/// The multipliers and offsets of the hash family `h_i(x) = (a_i x + b_i) >> 32`,
/// derived from fixed seeds with SplitMix64 so they never change.
fn family() -> &'static [(u64, u64); NUM_HASHES] {
    use std::sync::OnceLock;
    static FAMILY: OnceLock<[(u64, u64); NUM_HASHES]> = OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state = 0x6479_6164_u64; // "dyad"
        let mut f = [(0, 0); NUM_HASHES];
        for slot in &mut f {
            *slot = (splitmix64(&mut state) | 1, splitmix64(&mut state));
        }
        f
    })
}

/// The next value of the SplitMix64 sequence at `state` (a fixed, portable
/// generator: the hash family here and the seeded dedup evaluation use it).
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes of the lower-cased alphanumeric words of `text` (the unit of shingling).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(xxh3_64(word.as_bytes()));
            word.clear();
        }
    }
    out
}

/// Hashes of the distinct word shingles of `text`. A text shorter than one shingle
/// is a single shingle of all its words; an empty text has none.
pub fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let shingle = |w: &[u64]| {
        let bytes: Vec<u8> = w.iter().flat_map(|h| h.to_le_bytes()).collect();
        xxh3_64(&bytes)
    };
    let mut out: Vec<u64> = if words.len() < SHINGLE_WORDS {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![shingle(&words)]
        }
    } else {
        words.windows(SHINGLE_WORDS).map(shingle).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

impl Signature {
    /// The signature of `text`. Texts with no words get a signature of all
    /// `u32::MAX`, which [`Signature::similarity`] treats as unlike everything.
    pub fn of(text: &str) -> Signature {
        let mut mins = [u32::MAX; NUM_HASHES];
        let family = family();
        let shingles = shingles(text);
        for &h in &shingles {
            for (slot, (a, b)) in mins.iter_mut().zip(family) {
                let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Signature {
            mins,
            shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
        }
    }

    /// Distinct shingles of the text.
    pub fn shingles(&self) -> u32 {
        self.shingles
    }

    /// The similarity `self` and `other` need to be one story, given `threshold`:
    /// at least [`SHORT_THRESHOLD`] when either text is short.
    pub fn threshold_with(&self, other: &Signature, threshold: f32) -> f32 {
        if self.shingles.min(other.shingles) < SHORT_SHINGLES {
            threshold.max(SHORT_THRESHOLD)
        } else {
            threshold
        }
    }

    /// Whether the text had no words.
    pub fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    /// Estimated Jaccard similarity of the two shingle sets (0 when either is empty).
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / NUM_HASHES as f32
    }

    /// One lookup key per band; equal keys mean an identical band (up to hash
    /// collisions, which only cost a comparison). Empty signatures have no keys.
    pub fn band_keys(&self) -> Vec<i64> {
        if self.is_empty() {
            return Vec::new();
        }
        self.mins
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
                xxh3_64_with_seed(&bytes, band as u64) as i64
            })
            .collect()
    }

    /// Little-endian bytes, for storage: the minima, then the shingle count.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins
            .iter()
            .chain([&self.shingles])
            .flat_map(|v| v.to_le_bytes())
            .collect()
    }

    /// Back from [`Signature::to_bytes`]; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != (NUM_HASHES + 1) * 4 {
            return None;
        }
        let mut values = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let mut mins = [0u32; NUM_HASHES];
        for slot in &mut mins {
            *slot = values.next()?;
        }
        Some(Signature {
            mins,
            shingles: values.next()?,
        })
    }
}

/// An in-memory story index: each added article joins the story of its most
/// similar earlier article when that similarity reaches the threshold, or starts a
/// story of its own. The store does the same over its tables.
pub struct StoryIndex {
    threshold: f32,
    bands: HashMap<i64, Vec<usize>>,
    signatures: Vec<Signature>,
    stories: Vec<usize>,
}

/// Where an added article went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Story id: the index of the story's first article.
    pub story: usize,
    /// The earlier article matched and its estimated similarity, if any.
    pub matched: Option<(usize, f32)>,
}

impl StoryIndex {
    /// An empty index grouping at `threshold` estimated Jaccard similarity.
    pub fn new(threshold: f32) -> StoryIndex {
        StoryIndex {
            threshold,
            bands: HashMap::new(),
            signatures: Vec::new(),
            stories: Vec::new(),
        }
    }

    /// Add the next article (its index is the number added before it).
    pub fn add(&mut self, sig: Signature) -> Placement {
        let id = self.signatures.len();
        let keys = sig.band_keys();
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.bands.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let matched = best_match(
            &sig,
            candidates.iter().map(|&c| (c, &self.signatures[c])),
            self.threshold,
        );
        let story = matched.map_or(id, |(c, _)| self.stories[c]);
        for k in keys {
            self.bands.entry(k).or_default().push(id);
        }
        self.signatures.push(sig);
        self.stories.push(story);
        Placement { story, matched }
    }

    /// Story id of every article added, in order.
    pub fn stories(&self) -> &[usize] {
        &self.stories
    }
}

/// The candidate most similar to `sig`, if its similarity reaches `threshold` (or
/// [`SHORT_THRESHOLD`] when either text is short). Ties go to the earliest candidate.
pub fn best_match<'a, K: Copy>(
    sig: &Signature,
    candidates: impl IntoIterator<Item = (K, &'a Signature)>,
    threshold: f32,
) -> Option<(K, f32)> {
    let mut best: Option<(K, f32)> = None;
    for (k, other) in candidates {
        let s = sig.similarity(other);
        if s >= sig.threshold_with(other, threshold) && best.is_none_or(|(_, b)| s > b) {
            best = Some((k, s));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The finance ministers of the two countries met in the capital on \
        Tuesday to discuss the new trade agreement, which would cut tariffs on steel and \
        grain over five years. Officials said the talks were constructive and that a \
        second round would be held next month. Farmers' groups protested outside the \
        building, saying the deal would hurt small producers. The opposition called for \
        a parliamentary vote before any signature.";

    #[test]
    fn identical_and_edited_copies_are_similar() {
        let a = Signature::of(STORY);
        assert_eq!(a.similarity(&Signature::of(STORY)), 1.0);
        let edited = STORY.replace("Tuesday", "Wednesday").replace(
            " The opposition called for a parliamentary vote before any signature.",
            "",
        ) + " Reporting by a staff correspondent.";
        let s = a.similarity(&Signature::of(&edited));
        assert!(s > 0.6, "edited copy similarity {s}");
    }

    #[test]
    fn unrelated_texts_are_not() {
        let other = "The striker scored twice in the second half as the home side came \
            from behind to win the cup final in front of a record crowd on Saturday.";
        let s = Signature::of(STORY).similarity(&Signature::of(other));
        assert!(s < 0.1, "unrelated similarity {s}");
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let loud = STORY.to_uppercase().replace(',', " ;");
        assert_eq!(Signature::of(STORY), Signature::of(&loud));
    }

    #[test]
    fn empty_and_short_texts() {
        let empty = Signature::of("  ... ");
        assert!(empty.is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
        assert!(empty.band_keys().is_empty());
        let short = Signature::of("Ceasefire holds");
        assert!(!short.is_empty());
        assert_eq!(short.similarity(&Signature::of("ceasefire HOLDS.")), 1.0);
    }

    #[test]
    fn bytes_round_trip_and_fixed_family() {
        let sig = Signature::of(STORY);
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig.clone()));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        // The hash family is fixed: the signature of a fixed text never changes.
        let first = Signature::of("alpha beta gamma delta epsilon").mins[0];
        assert_eq!(
            first,
            Signature::of("alpha beta gamma delta epsilon").mins[0]
        );
        assert_eq!(
            Signature::of("alpha beta gamma delta epsilon").shingles(),
            2
        );
        assert_eq!(family()[0].0 & 1, 1);
    }

    #[test]
    fn short_formulaic_texts_need_near_identity() {
        let a = Signature::of("Qtly div 10 cts vs 10 cts prior Pay April 30 Record April 21");
        let b = Signature::of("Qtly div 10 cts vs 10 cts prior Pay April 30 Record April 22");
        assert!(a.similarity(&b) > 0.5 && a.similarity(&b) < 0.9);
        assert_eq!(a.threshold_with(&b, 0.5), SHORT_THRESHOLD);
        assert_eq!(best_match(&a, [(0, &b)], 0.5), None);
        assert_eq!(best_match(&a, [(0, &a.clone())], 0.5), Some((0, 1.0)));
        let long = Signature::of(STORY);
        assert_eq!(long.threshold_with(&long, 0.5), 0.5);
    }

    #[test]
    fn story_index_groups_copies() {
        let mut index = StoryIndex::new(DEFAULT_THRESHOLD);
        let p0 = index.add(Signature::of(STORY));
        let p1 = index.add(Signature::of(
            "Cup final: the striker scored twice in the second half as the home side won.",
        ));
        let p2 = index.add(Signature::of(&format!("LONDON - {STORY} Copyright 1998.")));
        assert_eq!(p0.story, 0);
        assert_eq!(p1.story, 1);
        assert_eq!(p2.story, 0);
        assert_eq!(p2.matched.map(|m| m.0), Some(0));
        assert_eq!(index.stories(), &[0, 1, 0]);
    }
}
