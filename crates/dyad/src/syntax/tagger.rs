//! Part-of-speech tagger: greedy left-to-right averaged perceptron that predicts the
//! Penn Treebank tag and the Universal POS tag together (one joint class), with a
//! dictionary of frequent unambiguous words.

use std::collections::HashMap;

use crate::keys::FxHashMap;

use super::perceptron::{Feat, FeatHasher, Model, Rng, Trainer};

/// Words seen fewer times get no ambiguity class. At training time each word's
/// class leaves its own occurrence out (its tag would be a leak, not evidence), so
/// rare words get classes that mean the same in training as at run time. (3 scored
/// the same on EWT dev, but gave "attacked", seen 4 times in EWT train and always
/// as VBN, a {VBN} class that misread "The army attacked the town.")
const AMBIGUITY_MIN_COUNT: u32 = 5;

/// A trained tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagger {
    /// Joint classes: `(xpos, upos)`.
    pub classes: Vec<(String, String)>,
    /// Frequent words (normalised) that always take one class.
    pub tagdict: FxHashMap<String, u16>,
    /// Ambiguity class of each training word: a hash of the set of tags it took.
    pub ambiguity: FxHashMap<String, u64>,
    /// The weights.
    pub model: Model,
}

/// One training sentence: forms and gold `(xpos, upos)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedSentence {
    /// Word forms.
    pub forms: Vec<String>,
    /// Gold `(xpos, upos)` per word.
    pub tags: Vec<(String, String)>,
}

/// Normalised word identity for features: lower case, digits folded.
pub fn norm(form: &str) -> String {
    if form.chars().any(|c| c.is_ascii_digit()) {
        let digits = form.chars().filter(char::is_ascii_digit).count();
        if digits == 4 && form.len() == 4 {
            return "!YEAR".to_string();
        }
        if form.chars().all(|c| c.is_ascii_digit() || ",.".contains(c)) {
            return "!DIGITS".to_string();
        }
        return form
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    '0'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
    }
    form.to_lowercase()
}

/// Coarse shape: `Xx`, `x`, `X`, `d`, `-` runs collapsed, cut once it reaches 5
/// bytes.
pub fn shape(form: &str) -> String {
    let mut buf = [0u8; SHAPE_MAX];
    shape_into(form, &mut buf).to_string()
}

/// Longest [`shape`] in bytes: up to 4 bytes, then one more character.
const SHAPE_MAX: usize = 8;

/// [`shape`] written into `buf`, without allocating.
fn shape_into<'b>(form: &str, buf: &'b mut [u8; SHAPE_MAX]) -> &'b str {
    let mut len = 0;
    let mut last = ' ';
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s != last {
            len += s.encode_utf8(&mut buf[len..]).len();
            last = s;
            if len >= 5 {
                break;
            }
        }
    }
    std::str::from_utf8(&buf[..len]).expect("whole characters were written")
}

fn suffix(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn prefix(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Context used for one word's features.
struct Context<'a> {
    forms: &'a [String],
    norms: &'a [String],
    /// Ambiguity class of each word.
    ambs: &'a [u64],
    /// First-pass tags of the whole sentence, for a second-pass tagger.
    lookahead: Option<&'a [&'a str]>,
}

/// Each word's [`Context::fixed_features`], worked out when first needed and kept
/// for the second pass.
struct FixedFeatures {
    feats: Vec<Feat>,
    /// Per word: its range in `feats` (`u32::MAX` start: not worked out yet).
    spans: Vec<(u32, u32)>,
}

impl FixedFeatures {
    fn new(words: usize) -> FixedFeatures {
        FixedFeatures {
            feats: Vec::with_capacity(words * 32),
            spans: vec![(u32::MAX, 0); words],
        }
    }

    fn of(&mut self, ctx: &Context<'_>, i: usize) -> &[Feat] {
        if self.spans[i].0 == u32::MAX {
            let start = self.feats.len();
            ctx.fixed_features(i, &mut self.feats);
            self.spans[i] = (start as u32, self.feats.len() as u32);
        }
        let (start, end) = self.spans[i];
        &self.feats[start as usize..end as usize]
    }
}

impl<'a> Context<'a> {
    fn new(
        forms: &'a [String],
        norms: &'a [String],
        ambs: &'a [u64],
        lookahead: Option<&'a [&'a str]>,
    ) -> Context<'a> {
        Context {
            forms,
            norms,
            ambs,
            lookahead,
        }
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            "-START-"
        } else {
            self.norms.get(i as usize).map_or("-END-", String::as_str)
        }
    }

    /// [`shape`] of word `i`, or a sentence edge.
    fn shape_at<'b>(&self, i: isize, buf: &'b mut [u8; SHAPE_MAX]) -> &'b str {
        if i < 0 {
            return "-START-";
        }
        match self.forms.get(i as usize) {
            Some(form) => shape_into(form, buf),
            None => "-END-",
        }
    }

    fn amb(&self, i: isize) -> u64 {
        if i < 0 {
            return 1;
        }
        self.ambs.get(i as usize).copied().unwrap_or(2)
    }

    /// All features of word `i` given the two tags before it.
    fn features(&self, i: usize, prev: &str, prev2: &str, out: &mut Vec<Feat>) {
        out.clear();
        self.fixed_features(i, out);
        self.tag_features(i, prev, prev2, out);
    }

    /// The features of word `i` that do not depend on the tags chosen so far, nor on
    /// the lookahead: the same in both passes.
    fn fixed_features(&self, i: usize, out: &mut Vec<Feat>) {
        let ii = i as isize;
        let w = self.word(ii);
        let form = self.forms[i].as_str();
        let f = |id: u32| FeatHasher::new(id);
        let mut buf = [0u8; SHAPE_MAX];
        let word_shape = shape_into(form, &mut buf);
        out.push(f(0).done());
        out.push(f(1).str(w).done());
        out.push(f(2).str(suffix(w, 3)).done());
        out.push(f(3).str(suffix(w, 2)).done());
        out.push(f(4).str(suffix(w, 4)).done());
        out.push(f(5).str(prefix(w, 1)).done());
        out.push(f(6).str(prefix(w, 3)).done());
        out.push(f(7).str(word_shape).done());
        let p1 = self.word(ii - 1);
        out.push(f(12).str(p1).done());
        out.push(f(13).str(suffix(p1, 3)).done());
        out.push(f(14).str(self.word(ii - 2)).done());
        let n1 = self.word(ii + 1);
        out.push(f(15).str(n1).done());
        out.push(f(16).str(suffix(n1, 3)).done());
        out.push(f(17).str(self.word(ii + 2)).done());
        out.push(f(18).str(w).str(n1).done());
        out.push(f(19).str(p1).str(w).done());
        out.push(f(20).str(word_shape).num(u64::from(i == 0)).done());
        if let Some(next_form) = self.forms.get(i + 1) {
            let mut next_buf = [0u8; SHAPE_MAX];
            out.push(f(22).str(shape_into(next_form, &mut next_buf)).done());
        }
        if form.contains('-') {
            out.push(f(23).done());
        }
        out.push(f(24).str(suffix(w, 1)).done());
        let (a0, a1) = (self.amb(ii), self.amb(ii + 1));
        out.push(f(25).num(a0).done());
        out.push(f(26).num(a1).done());
        out.push(f(28).num(a0).num(a1).done());
        out.push(f(29).num(self.amb(ii - 1)).num(a0).done());
        out.push(f(30).num(a0).str(suffix(w, 3)).done());
        out.push(f(31).str(form).done());
        out.push(f(33).str(prefix(w, 2)).done());
        if i > 0 {
            let mut prev_buf = [0u8; SHAPE_MAX];
            out.push(
                f(34)
                    .str(shape_into(&self.forms[i - 1], &mut prev_buf))
                    .str(word_shape)
                    .done(),
            );
        }
        out.push(f(35).str(n1).str(self.word(ii + 2)).done());
        // Longer affixes and character classes, mostly for rare words.
        out.push(f(36).str(suffix(w, 5)).done());
        out.push(f(37).str(prefix(w, 4)).done());
        let mut chars = 0u64;
        if form.chars().skip(1).any(char::is_uppercase) {
            chars |= 1;
        }
        if form.chars().nth(1).is_some() && !form.chars().any(char::is_lowercase) {
            chars |= 2;
        }
        if form.chars().any(|c| c.is_ascii_digit()) && form.chars().any(char::is_alphabetic) {
            chars |= 4;
        }
        out.push(f(38).num(chars).done());
        let (mut before, mut after) = ([0u8; SHAPE_MAX], [0u8; SHAPE_MAX]);
        let s2 = self.shape_at(ii - 2, &mut before);
        let n2 = self.shape_at(ii + 2, &mut after);
        out.push(f(39).str(s2).str(n2).done());
    }

    /// The features of word `i` that involve the tags before it (`prev`, `prev2`)
    /// or the lookahead.
    fn tag_features(&self, i: usize, prev: &str, prev2: &str, out: &mut Vec<Feat>) {
        let ii = i as isize;
        let w = self.word(ii);
        let n1 = self.word(ii + 1);
        let f = |id: u32| FeatHasher::new(id);
        out.push(f(8).str(prev).done());
        out.push(f(9).str(prev2).done());
        out.push(f(10).str(prev).str(prev2).done());
        out.push(f(11).str(prev).str(w).done());
        out.push(f(21).str(prev).str(n1).done());
        out.push(f(27).num(self.amb(ii)).str(prev).done());
        out.push(f(32).str(prev).str(suffix(w, 3)).done());
        if let Some(la) = self.lookahead {
            let at = |k: usize| la.get(k).copied().unwrap_or("-END-");
            let (l0, l1, l2) = (at(i), at(i + 1), at(i + 2));
            out.push(f(40).str(l0).done());
            out.push(f(41).str(l1).done());
            out.push(f(42).str(l1).str(l2).done());
            out.push(f(43).str(prev).str(l1).done());
            out.push(f(44).str(l0).str(w).done());
            out.push(f(45).str(l0).str(l1).done());
            out.push(f(46).str(l1).str(n1).done());
        }
    }
}

impl Tagger {
    /// Tag `forms`; returns a class index per word. A second-pass tagger also needs
    /// the first pass's tags (`lookahead`).
    pub fn tag(&self, forms: &[String], lookahead: Option<&[String]>) -> Vec<u16> {
        let norms: Vec<String> = forms.iter().map(|f| norm(f)).collect();
        let lookahead: Option<Vec<&str>> =
            lookahead.map(|l| l.iter().map(String::as_str).collect());
        self.tag_normed(forms, &norms, lookahead.as_deref())
    }

    /// [`Tagger::tag`] for a caller that already has each form's [`norm`].
    pub fn tag_normed(
        &self,
        forms: &[String],
        norms: &[String],
        lookahead: Option<&[&str]>,
    ) -> Vec<u16> {
        let ambs = self.ambiguity_classes(norms);
        let mut fixed = FixedFeatures::new(forms.len());
        self.run(&Context::new(forms, norms, &ambs, lookahead), &mut fixed)
    }

    /// The ambiguity class of each word (3: a word without one).
    fn ambiguity_classes(&self, norms: &[String]) -> Vec<u64> {
        norms
            .iter()
            .map(|w| self.ambiguity.get(w).copied().unwrap_or(3))
            .collect()
    }

    /// Tag several sentences (`(forms, norms)` each) with `self` as the first pass
    /// and `second`, if given, as the second: the first pass over all of them, then
    /// the second, so that each pass's weights stay in cache. When both taggers were
    /// trained on the same words (same ambiguity classes, as `dyad train syntax`
    /// builds them; the caller says so with `same_words`), the features that do not
    /// depend on tags are worked out once for both.
    pub fn tag_many(
        &self,
        second: Option<&Tagger>,
        sentences: &[(&[String], &[String])],
        same_words: bool,
    ) -> Vec<Vec<u16>> {
        let ambs: Vec<Vec<u64>> = sentences
            .iter()
            .map(|(_, norms)| self.ambiguity_classes(norms))
            .collect();
        let mut fixed: Vec<FixedFeatures> = sentences
            .iter()
            .map(|(forms, _)| FixedFeatures::new(forms.len()))
            .collect();
        let first =
            sentences
                .iter()
                .zip(&ambs)
                .zip(&mut fixed)
                .map(|((&(forms, norms), ambs), fixed)| {
                    self.run(&Context::new(forms, norms, ambs, None), fixed)
                });
        let Some(second) = second else {
            return first.collect();
        };
        let first: Vec<Vec<&str>> = first
            .map(|classes| {
                classes
                    .iter()
                    .map(|&c| self.classes[c as usize].0.as_str())
                    .collect()
            })
            .collect();
        let second_ambs: Vec<Vec<u64>>;
        let ambs = if same_words {
            &ambs
        } else {
            for (f, (forms, _)) in fixed.iter_mut().zip(sentences) {
                *f = FixedFeatures::new(forms.len());
            }
            second_ambs = sentences
                .iter()
                .map(|(_, norms)| second.ambiguity_classes(norms))
                .collect();
            &second_ambs
        };
        sentences
            .iter()
            .zip(ambs)
            .zip(&first)
            .zip(&mut fixed)
            .map(|(((&(forms, norms), ambs), tags), fixed)| {
                second.run(&Context::new(forms, norms, ambs, Some(tags)), fixed)
            })
            .collect()
    }

    /// Greedy left-to-right tagging of `ctx`'s words.
    fn run(&self, ctx: &Context<'_>, fixed: &mut FixedFeatures) -> Vec<u16> {
        let mut feats = Vec::with_capacity(48);
        let mut out: Vec<u16> = Vec::with_capacity(ctx.forms.len());
        for i in 0..ctx.forms.len() {
            let class = if let Some(&c) = self.tagdict.get(&ctx.norms[i]) {
                c
            } else {
                let prev = out
                    .last()
                    .map_or("-START-", |&c| self.classes[c as usize].0.as_str());
                let prev2 = if i >= 2 {
                    self.classes[out[i - 2] as usize].0.as_str()
                } else {
                    "-START2-"
                };
                feats.clear();
                feats.extend_from_slice(fixed.of(ctx, i));
                ctx.tag_features(i, prev, prev2, &mut feats);
                self.model.predict(&feats, None) as u16
            };
            out.push(class);
        }
        out
    }

    /// Train on `sentences` for `iterations` passes; deterministic for a `seed`. A
    /// second-pass tagger learns from first-pass tags given in `lookahead`. With
    /// several `members`, that many perceptrons are trained on different sentence
    /// orders and their averaged weights are averaged again: an ensemble whose only
    /// run-time cost is a larger table.
    pub fn train(
        sentences: &[TaggedSentence],
        lookahead: Option<&[Vec<String>]>,
        iterations: usize,
        seed: u64,
        members: usize,
    ) -> Tagger {
        let mut class_ids: HashMap<(String, String), u16> = HashMap::new();
        let mut classes = Vec::new();
        let mut counts: HashMap<String, HashMap<u16, u32>> = HashMap::new();
        for s in sentences {
            for (form, tag) in s.forms.iter().zip(&s.tags) {
                let id = *class_ids.entry(tag.clone()).or_insert_with(|| {
                    classes.push(tag.clone());
                    (classes.len() - 1) as u16
                });
                *counts.entry(norm(form)).or_default().entry(id).or_default() += 1;
            }
        }
        // Sort classes for a stable model regardless of corpus order.
        let mut order: Vec<usize> = (0..classes.len()).collect();
        order.sort_by(|&a, &b| classes[a].cmp(&classes[b]));
        let mut remap = vec![0u16; classes.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new as u16;
        }
        let classes: Vec<(String, String)> = order.iter().map(|&i| classes[i].clone()).collect();
        let mut tagdict = FxHashMap::default();
        for (word, by_class) in &counts {
            let total: u32 = by_class.values().sum();
            let (&top, &n) = by_class
                .iter()
                .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
                .expect("non-empty");
            if total >= 20 && f64::from(n) / f64::from(total) >= 0.99 {
                tagdict.insert(word.clone(), remap[top as usize]);
            }
        }
        // The ambiguity class of a word whose tags were counted `by_class`, less one
        // occurrence of class `own` (none when `None`).
        let class_of = |by_class: &HashMap<u16, u32>, own: Option<u16>| {
            let total = by_class.values().sum::<u32>() - u32::from(own.is_some());
            if total < AMBIGUITY_MIN_COUNT {
                return None;
            }
            let mut tags: Vec<&str> = by_class
                .iter()
                .filter(|&(&c, &n)| n > u32::from(Some(c) == own))
                .map(|(&c, _)| classes[remap[c as usize] as usize].0.as_str())
                .collect();
            tags.sort_unstable();
            tags.dedup();
            Some(
                tags.iter()
                    .fold(FeatHasher::new(99), |h, t| h.str(t))
                    .done(),
            )
        };
        let mut ambiguity = FxHashMap::default();
        for (word, by_class) in &counts {
            if let Some(h) = class_of(by_class, None) {
                ambiguity.insert(word.clone(), h);
            }
        }
        let gold: Vec<Vec<u16>> = sentences
            .iter()
            .map(|s| {
                s.tags
                    .iter()
                    .map(|t| remap[class_ids[t] as usize])
                    .collect()
            })
            .collect();
        let norms: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| s.forms.iter().map(|f| norm(f)).collect())
            .collect();
        // Leave-one-out ambiguity classes of the training words.
        let ambs: Vec<Vec<u64>> = sentences
            .iter()
            .zip(&norms)
            .map(|(s, ns)| {
                ns.iter()
                    .zip(&s.tags)
                    .map(|(w, t)| class_of(&counts[w], Some(class_ids[t])).unwrap_or(3))
                    .collect()
            })
            .collect();
        let data = TrainingData {
            sentences,
            lookahead,
            norms: &norms,
            ambs: &ambs,
            gold: &gold,
            tagdict: &tagdict,
            classes: &classes,
        };
        // Members differ in their sentence order only.
        let trainers: Vec<Trainer> = (0..members.max(1) as u64)
            .map(|m| data.train_member(iterations, seed + 1000 * m))
            .collect();
        Tagger {
            classes,
            tagdict,
            ambiguity,
            model: Trainer::finish_all(trainers, 0.05),
        }
    }
}

/// What every ensemble member of [`Tagger::train`] learns from.
struct TrainingData<'a> {
    sentences: &'a [TaggedSentence],
    lookahead: Option<&'a [Vec<String>]>,
    norms: &'a [Vec<String>],
    /// Leave-one-out ambiguity classes, per word.
    ambs: &'a [Vec<u64>],
    gold: &'a [Vec<u16>],
    tagdict: &'a FxHashMap<String, u16>,
    classes: &'a [(String, String)],
}

impl TrainingData<'_> {
    /// One perceptron, `iterations` passes over the sentences in an order shuffled
    /// by `seed`.
    fn train_member(&self, iterations: usize, seed: u64) -> Trainer {
        let classes = self.classes;
        let mut trainer = Trainer::new(classes.len());
        let mut order: Vec<usize> = (0..self.sentences.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; classes.len()];
        for _ in 0..iterations {
            rng.shuffle(&mut order);
            for &si in &order {
                let s = &self.sentences[si];
                let la: Option<Vec<&str>> = self
                    .lookahead
                    .map(|l| l[si].iter().map(String::as_str).collect());
                let ctx = Context::new(&s.forms, &self.norms[si], &self.ambs[si], la.as_deref());
                let mut predicted: Vec<u16> = Vec::with_capacity(s.forms.len());
                for i in 0..s.forms.len() {
                    let guess = if let Some(&c) = self.tagdict.get(&self.norms[si][i]) {
                        c
                    } else {
                        let prev = predicted
                            .last()
                            .map_or("-START-", |&c| classes[c as usize].0.as_str());
                        let prev2 = if i >= 2 {
                            classes[predicted[i - 2] as usize].0.as_str()
                        } else {
                            "-START2-"
                        };
                        ctx.features(i, prev, prev2, &mut feats);
                        let g = trainer.predict(&feats, &mut scores, None) as u16;
                        trainer.update(&feats, self.gold[si][i] as usize, g as usize);
                        g
                    };
                    predicted.push(guess);
                }
            }
        }
        trainer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_norms() {
        assert_eq!(shape("Gondor"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,800"), "d,d");
        // Cut once five bytes are reached, whole characters only.
        assert_eq!(shape("Αθήνα—Σπάρτη"), "Xx—");
        assert_eq!(shape("a-B-c-D"), "x-X-x");
        assert_eq!(norm("1987"), "!YEAR");
        assert_eq!(norm("1,800"), "!DIGITS");
        assert_eq!(norm("F-16"), "f-00");
        assert_eq!(suffix("héllo", 3), "llo");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(prefix("éa", 1), "é");
    }

    #[test]
    fn learns_a_toy_language() {
        let s = |words: &str, tags: &str| TaggedSentence {
            forms: words.split(' ').map(String::from).collect(),
            tags: tags
                .split(' ')
                .map(|t| (t.to_string(), t.to_string()))
                .collect(),
        };
        let data = vec![
            s("the army attacked the town", "DT NN VBD DT NN"),
            s("the rebels attacked a base", "DT NNS VBD DT NN"),
            s("a court jailed the rebels", "DT NN VBD DT NNS"),
        ];
        let tagger = Tagger::train(&data, None, 10, 1, 1);
        let forms: Vec<String> = "the court attacked a town"
            .split(' ')
            .map(String::from)
            .collect();
        let tags: Vec<&str> = tagger
            .tag(&forms, None)
            .iter()
            .map(|&c| tagger.classes[c as usize].0.as_str())
            .collect();
        assert_eq!(tags, ["DT", "NN", "VBD", "DT", "NN"]);
    }
}
