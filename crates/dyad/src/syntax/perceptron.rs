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

/// Cheap hasher for keys that are already hashes.
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
        // Frozen models key on 32-bit folds: spread them over all 64 bits, since the
        // table uses the top bits as its tag byte.
        self.0 = n.wrapping_mul(K);
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

/// Home slot of `key` in an open-addressing table of `size` slots: its mixed hash
/// scaled onto the table (no power-of-two size needed).
fn home(key: u32, size: usize) -> usize {
    let h = u64::from(key).wrapping_mul(K);
    ((u128::from(h) * size as u128) >> 64) as usize
}

/// Open-addressing table from folded feature keys to their weight ranges, laid out
/// for lookups in bulk: 12-byte slots, about 70% full, linearly probed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeatTable {
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Slot {
    key: u32,
    start: u32,
    /// Number of weights; 0 marks an empty slot.
    len: u16,
    /// 1 + the index of this feature's row in [`Model`]'s wide rows; 0 when the
    /// weights are only in the sparse entries. (Fills the slot's padding.)
    wide: u16,
}

impl FeatTable {
    /// A table for `n` keys.
    pub fn with_capacity(n: usize) -> FeatTable {
        // About 70% full: small enough to stay in cache, short probe runs.
        let size = (n.max(8) * 10 / 7).max(16);
        FeatTable {
            slots: vec![Slot::default(); size],
            len: 0,
        }
    }

    /// Home slot of `key`: its mixed hash scaled onto the table (no power-of-two size
    /// needed).
    fn home(&self, key: u32) -> usize {
        home(key, self.slots.len())
    }

    /// Add `key` with weights `start..start + len` (`len` > 0); a repeated key
    /// replaces the earlier range.
    pub fn insert(&mut self, key: u32, start: u32, len: u16) {
        debug_assert!(len > 0);
        if (self.len + 1) * 10 > self.slots.len() * 8 {
            let mut bigger = FeatTable::with_capacity(self.len + 1);
            for (k, s, l) in self.iter() {
                bigger.insert(k, s, l);
            }
            *self = bigger;
        }
        let size = self.slots.len();
        let mut i = self.home(key);
        while self.slots[i].len != 0 && self.slots[i].key != key {
            i = if i + 1 == size { 0 } else { i + 1 };
        }
        self.len += usize::from(self.slots[i].len == 0);
        self.slots[i] = Slot {
            key,
            start,
            len,
            wide: 0,
        };
    }

    /// Index of the slot holding `key`, probing from slot `i`.
    fn probe_slot(&self, key: u32, mut i: usize) -> Option<usize> {
        let size = self.slots.len();
        loop {
            let s = *self.slots.get(i)?;
            if s.len == 0 {
                return None;
            }
            if s.key == key {
                return Some(i);
            }
            i = if i + 1 == size { 0 } else { i + 1 };
        }
    }

    /// `(key, start, len)` of every entry, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32, u16)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.len != 0)
            .map(|s| (s.key, s.start, s.len))
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table holds no key.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A frozen model: averaged, pruned, quantised weights.
///
/// `table` and `entries` are the model as stored. [`Model::new`] adds a layout for
/// fast scoring, since scoring is bound by memory accesses: for models of at most
/// [`INLINE_CLASSES`] classes (the parser) each feature's weights sit beside a 16-bit
/// fingerprint of its key in one 8-byte cell of a table of their own, so a lookup
/// touches one cache line; for bigger models (tagger, labeller) the rows with many
/// weights are also laid out densely, so they are added with vector instructions
/// instead of scattered.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Number of classes (at most 255).
    pub classes: usize,
    /// Weight scale: a stored weight `q` means `q as f32 * scale`.
    pub scale: f32,
    /// For each feature (folded to 32 bits by [`fold`]), the range of its entries.
    pub table: FeatTable,
    /// `(class, quantised weight)` pairs.
    pub entries: Vec<(u16, i16)>,
    /// Inline models: open-addressing cells of a key fingerprint (0: empty) and weights.
    inline: Vec<[i16; INLINE_CLASSES + 1]>,
    /// Wide rows, `stride` weights each (classes rounded up to 16).
    wide: Vec<i16>,
    stride: usize,
}

/// Models with this many classes or fewer keep their weights inline.
pub const INLINE_CLASSES: usize = 3;

/// Features per batch of lookups: every home slot of a batch is loaded before any
/// weight is added, so the CPU overlaps the cache misses.
const CHUNK: usize = 32;

/// The 16-bit fingerprint an inline model keeps of a key (never 0, which marks an
/// empty cell). Mixed differently from [`FeatTable::home`], so a fingerprint and a
/// home slot together tell keys apart about as well as the full key.
fn fingerprint(key: u32) -> i16 {
    let f = (key.wrapping_mul(0x2C1B_3C6D) >> 16) as u16;
    f.max(1) as i16
}

impl Model {
    /// A model from its parts.
    pub fn new(classes: usize, scale: f32, table: FeatTable, entries: Vec<(u16, i16)>) -> Model {
        let mut model = Model {
            classes,
            scale,
            table,
            entries,
            inline: Vec::new(),
            wide: Vec::new(),
            stride: classes.div_ceil(16) * 16,
        };
        if classes <= INLINE_CLASSES {
            // 40% full: a missing feature (most of them, at run time) ends its probe
            // after two cells on average. Fuller tables measured slower (70%: -25%).
            let size = (model.table.len() * 5 / 2).max(16);
            model.inline = vec![[0i16; INLINE_CLASSES + 1]; size];
            for (key, start, len) in model.table.iter() {
                let mut i = home(key, size);
                while model.inline[i][0] != 0 {
                    i = if i + 1 == size { 0 } else { i + 1 };
                }
                let cell = &mut model.inline[i];
                cell[0] = fingerprint(key);
                let start = start as usize;
                for &(c, w) in &model.entries[start..start + usize::from(len)] {
                    cell[1 + c as usize] = w;
                }
            }
        } else {
            // A row is worth a dense copy once scattering it costs more than adding
            // `stride` weights with vector instructions.
            let min_len = (model.stride / 4).max(8);
            let mut rows = 0u16;
            for slot in &mut model.table.slots {
                if usize::from(slot.len) < min_len || rows == u16::MAX {
                    continue;
                }
                let at = model.wide.len();
                model.wide.resize(at + model.stride, 0);
                let start = slot.start as usize;
                for &(c, w) in &model.entries[start..start + slot.len as usize] {
                    model.wide[at + c as usize] = w;
                }
                rows += 1;
                slot.wide = rows;
            }
        }
        model
    }

    /// Put the weights of `feats` in `scores` (one slot per class).
    pub fn score(&self, feats: &[Feat], scores: &mut [f32]) {
        let mut totals = [0i32; 256];
        self.totals(feats, &mut totals);
        for (s, &t) in scores.iter_mut().zip(&totals[..self.classes]) {
            *s = t as f32 * self.scale;
        }
    }

    /// Add the quantised weights of `feats` to `totals`, per class (the slots past
    /// the classes, up to the next multiple of 16, may receive zeros).
    fn totals(&self, feats: &[Feat], totals: &mut [i32; 256]) {
        if !self.table.slots.is_empty() {
            for chunk in feats.chunks(CHUNK) {
                if self.inline.is_empty() {
                    self.add_sparse(chunk, totals);
                } else {
                    self.add_inline(chunk, totals);
                }
            }
        }
    }

    /// Add the weights of up to [`CHUNK`] features of an inline model.
    fn add_inline(&self, chunk: &[Feat], totals: &mut [i32; 256]) {
        let size = self.inline.len();
        let mut fps = [0i16; CHUNK];
        let mut homes = [0usize; CHUNK];
        let mut cells = [[0i16; INLINE_CLASSES + 1]; CHUNK];
        for (i, &f) in chunk.iter().enumerate() {
            let key = fold(f);
            fps[i] = fingerprint(key);
            homes[i] = home(key, size);
            cells[i] = self.inline[homes[i]];
        }
        for i in 0..chunk.len() {
            let mut cell = cells[i];
            let mut j = homes[i];
            while cell[0] != fps[i] {
                if cell[0] == 0 {
                    break;
                }
                j = if j + 1 == size { 0 } else { j + 1 };
                cell = self.inline[j];
            }
            if cell[0] == 0 {
                continue;
            }
            for (t, &w) in totals.iter_mut().zip(&cell[1..]) {
                *t += i32::from(w);
            }
        }
    }

    /// Add the weights of up to [`CHUNK`] features of a sparse model.
    fn add_sparse(&self, chunk: &[Feat], totals: &mut [i32; 256]) {
        let mut keys = [0u32; CHUNK];
        let mut homes = [0usize; CHUNK];
        let mut seen = [Slot::default(); CHUNK];
        for (i, &f) in chunk.iter().enumerate() {
            keys[i] = fold(f);
            homes[i] = self.table.home(keys[i]);
            seen[i] = self.table.slots[homes[i]];
        }
        // The slots of the features the model knows, then a first touch of each
        // one's weights (independent loads, so their cache misses overlap) before
        // they are added.
        let mut found = [Slot::default(); CHUNK];
        let mut n = 0;
        for i in 0..chunk.len() {
            let slot = if seen[i].key == keys[i] && seen[i].len != 0 {
                seen[i]
            } else if seen[i].len == 0 {
                continue;
            } else {
                match self.table.probe_slot(keys[i], homes[i]) {
                    Some(j) => self.table.slots[j],
                    None => continue,
                }
            };
            found[n] = slot;
            n += 1;
        }
        let mut touch = 0i32;
        for slot in &found[..n] {
            touch ^= if slot.wide != 0 {
                i32::from(self.wide[usize::from(slot.wide - 1) * self.stride])
            } else {
                i32::from(self.entries[slot.start as usize].1)
            };
        }
        std::hint::black_box(touch);
        for slot in &found[..n] {
            if slot.wide != 0 {
                let at = usize::from(slot.wide - 1) * self.stride;
                let row = &self.wide[at..at + self.stride];
                // Fixed-width blocks, so the additions are vectorised.
                for (t, w) in totals.chunks_exact_mut(8).zip(row.chunks_exact(8)) {
                    let t: &mut [i32; 8] = t.try_into().expect("8 wide");
                    let w: &[i16; 8] = w.try_into().expect("8 wide");
                    for (t, &w) in t.iter_mut().zip(w) {
                        *t += i32::from(w);
                    }
                }
            } else {
                let start = slot.start as usize;
                for &(c, w) in &self.entries[start..start + slot.len as usize] {
                    totals[c as usize & 255] += i32::from(w);
                }
            }
        }
    }

    /// The best class among those `allowed` (all when `None`). Ties go to the lowest
    /// class, as in [`best`]; the comparison is on the exact integer sums.
    pub fn predict(&self, feats: &[Feat], allowed: Option<&[bool]>) -> usize {
        let mut totals = [0i32; 256];
        self.totals(feats, &mut totals);
        let totals = &mut totals[..self.classes];
        if let Some(allowed) = allowed {
            for (t, &a) in totals.iter_mut().zip(allowed) {
                if !a {
                    *t = i32::MIN;
                }
            }
        }
        let top = totals.iter().copied().max().unwrap_or(0);
        totals.iter().position(|&t| t == top).unwrap_or(0)
    }

    /// Number of features kept.
    pub fn features(&self) -> usize {
        self.table.len()
    }
}

/// A feature hash folded to the 32 bits a frozen model keys on. With a million
/// features a few dozen collide, which costs nothing measurable and halves the keys.
pub fn fold(f: Feat) -> u32 {
    (f ^ (f >> 32)) as u32
}

/// Index of the highest score among allowed classes (ties: lowest index).
pub fn best(scores: &[f32], allowed: Option<&[bool]>) -> usize {
    let mut best = None;
    let mut best_score = f32::NEG_INFINITY;
    match allowed {
        None => {
            for (c, &s) in scores.iter().enumerate() {
                if s > best_score || best.is_none() {
                    best = Some(c);
                    best_score = s;
                }
            }
        }
        Some(allowed) => {
            for ((c, &s), _) in scores.iter().enumerate().zip(allowed).filter(|(_, &a)| a) {
                if s > best_score || best.is_none() {
                    best = Some(c);
                    best_score = s;
                }
            }
        }
    }
    best.unwrap_or(0)
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
        Trainer::finish_all(vec![self], min_weight)
    }

    /// Freeze the mean of several trainers' averaged weights (trainers of one
    /// feature space, trained in different orders: an ensemble that costs nothing
    /// at run time but a larger table). `trainers` must not be empty.
    pub fn finish_all(trainers: Vec<Trainer>, min_weight: f32) -> Model {
        let classes = trainers[0].classes;
        let k = trainers.len() as f64;
        let mut folded: HashMap<u32, Vec<f32>> = HashMap::new();
        for trainer in trainers {
            let time = f64::from(trainer.time.max(1));
            // Sorted, so that colliding features always add up in the same order.
            let mut features: Vec<(Feat, Entry)> = trainer.table.into_iter().collect();
            features.sort_unstable_by_key(|(f, _)| *f);
            for (f, e) in features {
                let slot = folded.entry(fold(f)).or_insert_with(|| vec![0.0; classes]);
                for (c, w) in slot.iter_mut().enumerate() {
                    let total =
                        e.totals[c] + (time - f64::from(e.stamps[c])) * f64::from(e.weights[c]);
                    *w += (total / time / k) as f32;
                }
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
        let mut table = FeatTable::with_capacity(averaged.len());
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
                table.insert(f, start, len as u16);
            }
        }
        Model::new(classes, scale, table, entries)
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
            assert_eq!(m.predict(&feats(w), None), y);
        }
        let allowed = [true, false, true];
        assert_ne!(m.predict(&feats("beta"), Some(&allowed)), 1);
    }

    #[test]
    fn an_ensemble_scores_the_mean_of_its_members() {
        let a = FeatHasher::new(1).str("a").done();
        let b = FeatHasher::new(1).str("b").done();
        // Member one learns "a" -> class 0; member two "b" -> class 1.
        let member = |f: Feat, truth: usize, guess: usize| {
            let mut t = Trainer::new(2);
            t.update(&[f], truth, guess);
            for _ in 0..3 {
                t.update(&[f], truth, truth); // right: weights kept, time moves on
            }
            t
        };
        let single = |f, truth, guess| member(f, truth, guess).finish(0.0);
        let both = Trainer::finish_all(vec![member(a, 0, 1), member(b, 1, 0)], 0.0);
        let mut scores = vec![0.0; 2];
        let mut expected = vec![0.0; 2];
        for f in [a, b] {
            both.score(&[f], &mut scores);
            let mut sum = [0.0f32; 2];
            for m in [single(a, 0, 1), single(b, 1, 0)] {
                m.score(&[f], &mut expected);
                sum[0] += expected[0] / 2.0;
                sum[1] += expected[1] / 2.0;
            }
            for c in 0..2 {
                assert!((scores[c] - sum[c]).abs() < 1e-3, "{scores:?} vs {sum:?}");
            }
        }
        // The ensemble still prefers each member's class for its feature.
        assert_eq!(both.predict(&[a], None), 0);
        assert_eq!(both.predict(&[b], None), 1);
    }

    #[test]
    fn fast_layouts_score_like_the_stored_entries() {
        // 3 classes: the inline cells; 40 classes: sparse rows, the long ones dense.
        for classes in [3usize, 40] {
            let mut rng = Rng::new(classes as u64);
            let mut table = FeatTable::with_capacity(0);
            let mut entries = Vec::new();
            let mut rows = Vec::new();
            for f in 0..2000u64 {
                let key = fold(FeatHasher::new(1).num(f).done());
                let len = 1 + (rng.next_u64() % classes as u64) as usize;
                let mut cs: Vec<u16> = (0..classes as u16).collect();
                rng.shuffle(&mut cs);
                let row: Vec<(u16, i16)> = cs[..len]
                    .iter()
                    .map(|&c| (c, (rng.next_u64() % 2001) as i16 - 1000))
                    .collect();
                table.insert(key, entries.len() as u32, len as u16);
                entries.extend_from_slice(&row);
                rows.push(row);
            }
            let model = Model::new(classes, 0.5, table, entries);
            // Every 7th stored feature, and 100 that were never stored.
            let feats: Vec<Feat> = (0..2000u64)
                .step_by(7)
                .chain(5000..5100)
                .map(|f| FeatHasher::new(1).num(f).done())
                .collect();
            let mut expected = vec![0f32; classes];
            for row in rows.iter().step_by(7) {
                for &(c, w) in row {
                    expected[c as usize] += f32::from(w) * 0.5;
                }
            }
            let mut scores = vec![0f32; classes];
            model.score(&feats, &mut scores);
            assert_eq!(scores, expected, "{classes} classes");
            let top = model.predict(&feats, None);
            assert_eq!(top, best(&expected, None));
        }
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
