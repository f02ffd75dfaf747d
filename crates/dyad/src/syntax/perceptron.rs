//! Averaged perceptron over hashed features: the learner behind the tagger, the
//! parser and the labeller.
//!
//! Features are 64-bit hashes ([`Feat`]) built with [`FeatHasher`]; a [`Trainer`]
//! learns one weight per (feature, class) with the usual averaging trick, and
//! [`Trainer::finish`] freezes the averaged weights into a compact [`Model`] that keeps
//! only non-negligible weights, quantised to 16 bits.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hashed feature.
pub type Feat = u64;

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Hash map keyed by feature hashes.
pub type FeatMap<V> = HashMap<Feat, V, BuildHasherDefault<IdentityHasher>>;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Builds feature hashes from a template id and string or number parts.
#[derive(Clone, Copy)]
pub struct FeatHasher(u64);

impl FeatHasher {
    /// Start a feature of template `id`.
    pub fn new(id: u32) -> FeatHasher {
        FeatHasher(mix(0x51_7CC1_B727_220A, u64::from(id)))
    }

    /// Add a string part.
    pub fn str(mut self, s: &str) -> FeatHasher {
        let bytes = s.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = mix(self.0, u64::from_le_bytes(w));
        }
        let mut w = [0u8; 8];
        let rest = chunks.remainder();
        w[..rest.len()].copy_from_slice(rest);
        self.0 = mix(self.0, u64::from_le_bytes(w) ^ ((bytes.len() as u64) << 56));
        self
    }

    /// Add a number part.
    pub fn num(mut self, n: u64) -> FeatHasher {
        self.0 = mix(self.0, n ^ 0xA5A5_A5A5);
        self
    }

    /// The finished feature (well mixed).
    pub fn done(self) -> Feat {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h
    }
}

/// A frozen model: averaged, pruned, quantised weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Number of classes.
    pub classes: usize,
    /// Weight scale: a stored weight `q` means `q as f32 * scale`.
    pub scale: f32,
    /// For each feature (folded to 32 bits by [`fold`]), the range of its entries.
    pub index: FeatMap<(u32, u16)>,
    /// `(class, quantised weight)` pairs.
    pub entries: Vec<(u16, i16)>,
}

impl Model {
    /// Add the weights of `feats` to `scores` (one slot per class).
    pub fn score(&self, feats: &[Feat], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in feats {
            if let Some(&(start, len)) = self.index.get(&u64::from(fold(f))) {
                let start = start as usize;
                for &(c, w) in &self.entries[start..start + len as usize] {
                    scores[c as usize] += f32::from(w);
                }
            }
        }
        let scale = self.scale;
        scores.iter_mut().for_each(|s| *s *= scale);
    }

    /// The best class among those `allowed` (all when `None`).
    pub fn predict(&self, feats: &[Feat], scores: &mut [f32], allowed: Option<&[bool]>) -> usize {
        self.score(feats, scores);
        best(scores, allowed)
    }

    /// Number of features kept.
    pub fn features(&self) -> usize {
        self.index.len()
    }
}

/// A feature hash folded to the 32 bits a frozen model keys on. With a million
/// features a few dozen collide, which costs nothing measurable and halves the keys.
pub fn fold(f: Feat) -> u32 {
    (f ^ (f >> 32)) as u32
}

/// Index of the highest score among allowed classes (ties: lowest index).
pub fn best(scores: &[f32], allowed: Option<&[bool]>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (c, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a[c]) {
            continue;
        }
        if best == usize::MAX || s > best_score {
            best = c;
            best_score = s;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

struct Entry {
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
}

/// Training-time averaged perceptron.
pub struct Trainer {
    classes: usize,
    table: FeatMap<Entry>,
    time: u32,
}

impl Trainer {
    /// A trainer for `classes` classes.
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            table: FeatMap::default(),
            time: 0,
        }
    }

    /// Current (non-averaged) scores.
    pub fn score(&self, feats: &[Feat], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(e) = self.table.get(f) {
                for (s, w) in scores.iter_mut().zip(&e.weights) {
                    *s += w;
                }
            }
        }
    }

    /// Best allowed class under the current weights.
    pub fn predict(&self, feats: &[Feat], scores: &mut [f32], allowed: Option<&[bool]>) -> usize {
        self.score(feats, scores);
        best(scores, allowed)
    }

    /// One perceptron step: reward `truth`, penalise `guess` (no-op when equal).
    pub fn update(&mut self, feats: &[Feat], truth: usize, guess: usize) {
        self.time += 1;
        if truth == guess {
            return;
        }
        let time = self.time;
        let n = self.classes;
        for &f in feats {
            let e = self.table.entry(f).or_insert_with(|| Entry {
                weights: vec![0.0; n],
                totals: vec![0.0; n],
                stamps: vec![0; n],
            });
            for (c, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                e.totals[c] += f64::from(time - e.stamps[c]) * f64::from(e.weights[c]);
                e.stamps[c] = time;
                e.weights[c] += delta;
            }
        }
    }

    /// Average the weights and freeze them. Weights whose magnitude is below
    /// `min_weight` (in averaged units) are dropped.
    pub fn finish(self, min_weight: f32) -> Model {
        let time = f64::from(self.time.max(1));
        let mut folded: HashMap<u32, Vec<f32>> = HashMap::with_capacity(self.table.len());
        for (f, e) in self.table {
            let slot = folded
                .entry(fold(f))
                .or_insert_with(|| vec![0.0; self.classes]);
            for c in 0..self.classes {
                let total = e.totals[c] + (time - f64::from(e.stamps[c])) * f64::from(e.weights[c]);
                slot[c] += (total / time) as f32;
            }
        }
        let mut averaged: Vec<(u32, Vec<(u16, f32)>)> = Vec::with_capacity(folded.len());
        let mut max_abs = 0f32;
        for (f, weights) in folded {
            let ws: Vec<(u16, f32)> = weights
                .into_iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= min_weight)
                .map(|(c, w)| (c as u16, w))
                .collect();
            for (_, w) in &ws {
                max_abs = max_abs.max(w.abs());
            }
            if !ws.is_empty() {
                averaged.push((f, ws));
            }
        }
        averaged.sort_unstable_by_key(|(f, _)| *f);
        let scale = if max_abs > 0.0 {
            max_abs / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut index = FeatMap::default();
        index.reserve(averaged.len());
        let mut entries = Vec::new();
        for (f, ws) in averaged {
            let start = entries.len() as u32;
            for (c, w) in ws {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    entries.push((c, q));
                }
            }
            let len = entries.len() as u32 - start;
            if len > 0 {
                index.insert(u64::from(f), (start, len as u16));
            }
        }
        Model {
            classes: self.classes,
            scale,
            index,
            entries,
        }
    }
}

/// Deterministic pseudo-random numbers (xorshift64*) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(K) | 1)
    }

    /// Next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_survives_freezing() {
        // Class = which of three words is present.
        let feats = |w: &str| vec![FeatHasher::new(1).str(w).done(), FeatHasher::new(0).done()];
        let data = [("alpha", 0), ("beta", 1), ("gamma", 2)];
        let mut t = Trainer::new(3);
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (w, y) in data {
                let f = feats(w);
                let g = t.predict(&f, &mut scores, None);
                t.update(&f, y, g);
            }
        }
        let m = t.finish(0.0);
        for (w, y) in data {
            assert_eq!(m.predict(&feats(w), &mut scores, None), y);
        }
        let allowed = [true, false, true];
        assert_ne!(m.predict(&feats("beta"), &mut scores, Some(&allowed)), 1);
    }

    #[test]
    fn hashes_differ_by_template_and_part() {
        let a = FeatHasher::new(1).str("ab").done();
        assert_ne!(a, FeatHasher::new(2).str("ab").done());
        assert_ne!(a, FeatHasher::new(1).str("ba").done());
        assert_ne!(
            FeatHasher::new(1).str("a").str("b").done(),
            FeatHasher::new(1).str("ab").done()
        );
    }

    #[test]
    fn rng_is_deterministic() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(a.next_u64(), b.next_u64());
        let mut v: Vec<u32> = (0..10).collect();
        Rng::new(1).shuffle(&mut v);
        let mut w: Vec<u32> = (0..10).collect();
        Rng::new(1).shuffle(&mut w);
        assert_eq!(v, w);
    }
}
