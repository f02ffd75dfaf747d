//! Dependency parser: arc-hybrid transitions with the root at the end of the buffer,
//! an averaged perceptron trained with a dynamic oracle (Goldberg & Nivre 2013) and
//! exploration, then a separate perceptron that labels each finished arc.
//!
//! Transitions over a stack σ and a buffer β (whose last item is the root):
//! `SHIFT` moves b0 onto σ; `LEFT` makes b0 the head of s0 and pops it; `RIGHT` makes
//! s1 the head of s0 and pops it. The root takes a dependent only when it is the last
//! word left, so every tree has exactly one root.

use std::collections::HashMap;

use super::perceptron::{Feat, FeatHasher, Model, Rng, Trainer};

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const ACTIONS: usize = 3;

/// Per-word input to the parser: hashed word and tag identities.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// Hash of the normalised word.
    pub word: u64,
    /// Hash of the part-of-speech tag.
    pub tag: u64,
}

/// Hash identities for a sentence (`words` normalised, `tags` XPOS).
pub fn items(words: &[String], tags: &[&str]) -> Vec<Item> {
    words
        .iter()
        .zip(tags)
        .map(|(w, t)| Item {
            word: FeatHasher::new(900).str(w).done(),
            tag: FeatHasher::new(901).str(t).done(),
        })
        .collect()
}

const NONE: usize = usize::MAX;
const ROOT_ITEM: Item = Item {
    word: 0x0123_4567,
    tag: 0x89AB_CDEF,
};
const PAD_ITEM: Item = Item {
    word: 0x0F0F_0F0F,
    tag: 0xF0F0_F0F0,
};

struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
        }
    }

    fn done(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn valid(&self) -> [bool; ACTIONS] {
        let s = self.stack.len();
        [
            self.b < self.n,
            s >= 1 && (self.b < self.n || s == 1),
            s >= 2,
        ]
    }

    fn apply(&mut self, action: usize) {
        match action {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT => {
                let s0 = self.stack.pop().expect("valid LEFT");
                self.add_arc(self.b, s0);
            }
            _ => {
                let s0 = self.stack.pop().expect("valid RIGHT");
                let s1 = *self.stack.last().expect("valid RIGHT");
                self.add_arc(s1, s0);
            }
        }
    }

    fn add_arc(&mut self, head: usize, dep: usize) {
        self.heads[dep] = head;
        if dep < head {
            // Left dependents arrive outermost last: keep them sorted by position.
            let l = &mut self.lefts[head];
            let at = l.partition_point(|&x| x < dep);
            l.insert(at, dep);
        } else {
            self.rights[head].push(dep);
        }
    }

    /// Arc-hybrid dynamic-oracle cost of each action against gold heads.
    fn costs(&self, gold: &[usize]) -> [usize; ACTIONS] {
        let mut costs = [usize::MAX; ACTIONS];
        let valid = self.valid();
        let in_buffer = |x: usize| x >= self.b && x <= self.n;
        let s0 = self.stack.last().copied();
        let s1 = self.stack.len().checked_sub(2).map(|i| self.stack[i]);
        if valid[SHIFT] {
            let b0 = self.b;
            let deps = self.stack.iter().filter(|&&d| gold[d] == b0).count();
            let head_lost = self.stack.iter().any(|&h| h == gold[b0]) && Some(gold[b0]) != s0;
            costs[SHIFT] = deps + usize::from(head_lost);
        }
        if let Some(s0) = s0 {
            let deps_in_buffer = (self.b..self.n).filter(|&d| gold[d] == s0).count();
            if valid[LEFT] {
                let g = gold[s0];
                let lost = g != self.b && (in_buffer(g) || Some(g) == s1);
                costs[LEFT] = deps_in_buffer + usize::from(lost);
            }
            if valid[RIGHT] {
                let g = gold[s0];
                let lost = Some(g) != s1 && in_buffer(g);
                costs[RIGHT] = deps_in_buffer + usize::from(lost);
            }
        }
        costs
    }

    fn features(&self, items: &[Item], out: &mut Vec<Feat>) {
        out.clear();
        let item = |i: usize| {
            if i == NONE {
                PAD_ITEM
            } else if i == self.n {
                ROOT_ITEM
            } else {
                items[i]
            }
        };
        let st = |k: usize| {
            self.stack
                .len()
                .checked_sub(k + 1)
                .map_or(NONE, |i| self.stack[i])
        };
        let bu = |k: usize| {
            if self.b + k <= self.n {
                self.b + k
            } else {
                NONE
            }
        };
        let (s0, s1, s2, b0, b1, b2) = (st(0), st(1), st(2), bu(0), bu(1), bu(2));
        let child = |h: usize, left: bool, k: usize| -> usize {
            if h == NONE {
                return NONE;
            }
            let v = if left {
                &self.lefts[h]
            } else {
                &self.rights[h]
            };
            if left {
                v.get(k).copied().unwrap_or(NONE)
            } else {
                v.len().checked_sub(k + 1).map_or(NONE, |i| v[i])
            }
        };
        let s0l = child(s0, true, 0);
        let s0l2 = child(s0, true, 1);
        let s0r = child(s0, false, 0);
        let s0r2 = child(s0, false, 1);
        let b0l = child(b0, true, 0);
        let b0l2 = child(b0, true, 1);
        let s1r = child(s1, false, 0);
        let (is0, is1, is2, ib0, ib1, ib2) =
            (item(s0), item(s1), item(s2), item(b0), item(b1), item(b2));
        let (is0l, is0r, ib0l) = (item(s0l), item(s0r), item(b0l));
        let f = |id: u32| FeatHasher::new(id);
        let w = |x: Item| x.word;
        let t = |x: Item| x.tag;
        let mut push = |h: FeatHasher| out.push(h.done());
        push(f(0));
        // Unigrams.
        for (id, x) in [(1, is0), (2, is1), (3, ib0), (4, ib1), (5, ib2), (6, is2)] {
            push(f(id).num(w(x)));
            push(f(id + 10).num(t(x)));
            push(f(id + 20).num(w(x)).num(t(x)));
        }
        for (id, x) in [
            (31, is0l),
            (32, is0r),
            (33, ib0l),
            (34, item(s0l2)),
            (35, item(s0r2)),
            (36, item(b0l2)),
            (37, item(s1r)),
        ] {
            push(f(id).num(t(x)));
            push(f(id + 10).num(w(x)));
        }
        // Pairs of s0 and b0.
        push(f(50).num(w(is0)).num(t(is0)).num(w(ib0)).num(t(ib0)));
        push(f(51).num(w(is0)).num(t(is0)).num(w(ib0)));
        push(f(52).num(w(is0)).num(w(ib0)).num(t(ib0)));
        push(f(53).num(w(is0)).num(t(is0)).num(t(ib0)));
        push(f(54).num(t(is0)).num(w(ib0)).num(t(ib0)));
        push(f(55).num(w(is0)).num(w(ib0)));
        push(f(56).num(t(is0)).num(t(ib0)));
        push(f(57).num(t(ib0)).num(t(ib1)));
        push(f(58).num(w(is0)).num(w(is1)));
        push(f(59).num(t(is0)).num(t(is1)));
        push(f(60).num(t(is1)).num(t(ib0)));
        push(f(61).num(w(is1)).num(t(is1)).num(t(is0)));
        push(f(62).num(t(is1)).num(w(is0)).num(t(is0)));
        // Triples.
        push(f(70).num(t(ib0)).num(t(ib1)).num(t(ib2)));
        push(f(71).num(t(is0)).num(t(ib0)).num(t(ib1)));
        push(f(72).num(t(is1)).num(t(is0)).num(t(ib0)));
        push(f(73).num(t(is0)).num(t(is0l)).num(t(ib0)));
        push(f(74).num(t(is0)).num(t(is0r)).num(t(ib0)));
        push(f(75).num(t(is0)).num(t(ib0)).num(t(ib0l)));
        push(f(76).num(t(is2)).num(t(is1)).num(t(is0)));
        push(f(77).num(t(is1)).num(t(is0)).num(t(is0r)));
        push(f(78).num(t(is0)).num(t(is0l)).num(t(item(s0l2))));
        push(f(79).num(t(is0)).num(t(is0r)).num(t(item(s0r2))));
        push(f(80).num(t(ib0)).num(t(ib0l)).num(t(item(b0l2))));
        push(f(81).num(t(is1)).num(t(is0)).num(t(item(s1r))));
        push(f(82).num(w(ib0)).num(t(ib1)).num(t(is0)));
        push(f(83).num(w(is0)).num(t(ib0)).num(t(ib1)));
        push(f(84).num(w(ib0)).num(w(ib1)));
        push(f(85).num(w(is0)).num(w(ib0)).num(t(ib1)));
        push(f(86).num(t(is0)).num(w(ib0)).num(w(ib1)));
        push(f(87).num(w(is1)).num(w(is0)).num(t(ib0)));
        push(f(88).num(t(is0)).num(w(is0l)).num(t(ib0)));
        push(f(89).num(t(is0)).num(w(is0r)).num(t(ib0)));
        push(f(102).num(t(is0)).num(w(ib0l)).num(w(ib0)));
        // Distance and valency.
        let dist = if s0 != NONE && b0 != NONE {
            bucket(b0 - s0)
        } else {
            0
        };
        push(f(90).num(dist).num(w(is0)));
        push(f(91).num(dist).num(t(is0)));
        push(f(92).num(dist).num(w(ib0)));
        push(f(93).num(dist).num(t(ib0)));
        push(f(94).num(dist).num(t(is0)).num(t(ib0)));
        let (s0_nl, s0_nr, b0_nl) = (
            if s0 == NONE {
                0
            } else {
                self.lefts[s0].len() as u64
            },
            if s0 == NONE {
                0
            } else {
                self.rights[s0].len() as u64
            },
            if b0 == NONE {
                0
            } else {
                self.lefts[b0].len() as u64
            },
        );
        push(f(95).num(s0_nl).num(w(is0)));
        push(f(96).num(s0_nl).num(t(is0)));
        push(f(97).num(s0_nr).num(w(is0)));
        push(f(98).num(s0_nr).num(t(is0)));
        push(f(99).num(b0_nl).num(w(ib0)));
        push(f(100).num(b0_nl).num(t(ib0)));
        push(
            f(101)
                .num(u64::from(b0 == self.n))
                .num(self.stack.len().min(4) as u64),
        );
    }
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// A trained unlabelled parser.
#[derive(Clone, Debug, PartialEq)]
pub struct Parser {
    /// Transition weights.
    pub model: Model,
}

/// One training sentence for the parser and labeller.
pub struct ParseSentence {
    /// Normalised words.
    pub words: Vec<String>,
    /// Tags as the tagger predicts them (jack-knifed for training).
    pub tags: Vec<String>,
    /// Gold heads: index of the head word, `words.len()` for the root.
    pub heads: Vec<usize>,
    /// Gold relations.
    pub labels: Vec<String>,
}

impl Parser {
    /// Heads for a sentence: index of each word's head, `items.len()` for the root.
    pub fn parse(&self, items: &[Item]) -> Vec<usize> {
        let n = items.len();
        let mut state = State::new(n);
        let mut feats = Vec::with_capacity(128);
        while !state.done() {
            let valid = state.valid();
            // A forced move (the stack empty, or the buffer used up) needs no scores.
            let action = match valid.iter().filter(|&&v| v).count() {
                1 => valid.iter().position(|&v| v).expect("one valid action"),
                _ => {
                    state.features(items, &mut feats);
                    self.model.predict(&feats, Some(&valid))
                }
            };
            state.apply(action);
        }
        state.heads.truncate(n);
        state.heads
    }

    /// Train with the dynamic oracle; exploration starts after the first pass. With
    /// several `members`, that many parsers are trained in different orders (seeds
    /// `seed`, `seed + 1000`, ...) and their averaged weights averaged again: the
    /// parser's accuracy moves by a few tenths with the sentence order, and the
    /// ensemble is both steadier and better than a typical member.
    pub fn train(
        sentences: &[ParseSentence],
        iterations: usize,
        seed: u64,
        members: usize,
    ) -> Parser {
        let all_items: Vec<Vec<Item>> = sentences
            .iter()
            .map(|s| {
                items(
                    &s.words,
                    &s.tags.iter().map(String::as_str).collect::<Vec<_>>(),
                )
            })
            .collect();
        let trainers = (0..members.max(1) as u64)
            .map(|m| train_member(sentences, &all_items, iterations, seed + 1000 * m))
            .collect();
        Parser {
            model: Trainer::finish_all(trainers, 0.05),
        }
    }
}

/// One parser, trained in an order shuffled by `seed`.
fn train_member(
    sentences: &[ParseSentence],
    all_items: &[Vec<Item>],
    iterations: usize,
    seed: u64,
) -> Trainer {
    let mut trainer = Trainer::new(ACTIONS);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(128);
    let mut scores = [0f32; ACTIONS];
    for it in 0..iterations {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sentences[si];
            let mut gold_root = s.heads.clone();
            gold_root.push(NONE);
            let mut state = State::new(s.words.len());
            while !state.done() {
                let valid = state.valid();
                let costs = state.costs(&gold_root);
                let min = costs.iter().copied().min().unwrap_or(0);
                state.features(&all_items[si], &mut feats);
                let guess = trainer.predict(&feats, &mut scores, Some(&valid));
                let zero: [bool; ACTIONS] = std::array::from_fn(|a| valid[a] && costs[a] == min);
                let best_gold = super::perceptron::best(&scores, Some(&zero));
                trainer.update(
                    &feats,
                    best_gold,
                    if zero[guess] { best_gold } else { guess },
                );
                let explore = it > 0 && !rng.next_u64().is_multiple_of(10);
                state.apply(if explore || zero[guess] {
                    guess
                } else {
                    best_gold
                });
            }
        }
    }
    trainer
}

/// Labels finished arcs.
#[derive(Clone, Debug, PartialEq)]
pub struct Labeler {
    /// Relation names.
    pub labels: Vec<String>,
    /// Weights.
    pub model: Model,
}

/// Dependents of each word, in order.
fn children_of(heads: &[usize]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); heads.len()];
    for (d, &h) in heads.iter().enumerate() {
        if h < heads.len() {
            children[h].push(d);
        }
    }
    children
}

fn label_features(
    items: &[Item],
    words: &[String],
    heads: &[usize],
    children: &[Vec<usize>],
    d: usize,
    out: &mut Vec<Feat>,
) {
    out.clear();
    let n = items.len();
    let h = heads[d];
    let item = |i: usize| if i >= n { ROOT_ITEM } else { items[i] };
    let (id, ih) = (item(d), item(h));
    let dir = u64::from(d < h);
    let dist = bucket(d.abs_diff(h.min(n)));
    let children = &children[d];
    let first = children.first().map_or(PAD_ITEM, |&c| item(c));
    let last = children.last().map_or(PAD_ITEM, |&c| item(c));
    let prev = if d > 0 { item(d - 1) } else { PAD_ITEM };
    let next = item(d + 1);
    let grand = if h < n { item(heads[h]) } else { PAD_ITEM };
    let f = |id: u32| FeatHasher::new(id);
    let mut push = |x: FeatHasher| out.push(x.done());
    push(f(0));
    push(f(1).num(id.word));
    push(f(2).num(id.tag));
    push(f(3).num(ih.word));
    push(f(4).num(ih.tag));
    push(f(5).num(ih.tag).num(id.tag));
    push(f(6).num(ih.word).num(id.tag));
    push(f(7).num(id.word).num(ih.tag));
    push(f(8).num(dir).num(id.tag).num(ih.tag));
    push(f(9).num(dir).num(dist).num(id.tag));
    push(f(10).num(first.tag).num(id.tag));
    push(f(11).num(first.word).num(id.tag));
    push(f(12).num(last.tag).num(id.tag));
    push(f(13).num(children.len().min(4) as u64).num(id.tag));
    push(f(14).num(u64::from(h >= n)).num(id.tag));
    push(f(15).num(prev.tag).num(id.tag));
    push(f(16).num(next.tag).num(id.tag));
    push(f(17).num(grand.tag).num(ih.tag).num(id.tag));
    push(f(18).num(first.word).num(ih.tag).num(dir));
    push(f(19).num(id.word).num(dir));
    push(f(20).num(ih.word).num(id.word));
    for &c in children {
        push(f(21).num(item(c).word).num(id.tag));
    }
    // Whether the dependent has a subject-like or case-marking child, by tag.
    push(f(22).num(dir).num(id.tag).num(ih.tag).num(dist));
    if d + 1 < n && h < n {
        push(f(23).num(u64::from(words[d] == words[h])));
    }
}

impl Labeler {
    /// A relation per word for a tree given by `heads` (`items.len()` = the root).
    /// Words attached to the root get `root` (when that label exists) and no other
    /// word does.
    pub fn label(&self, items: &[Item], words: &[String], heads: &[usize]) -> Vec<u16> {
        let mut feats = Vec::with_capacity(48);
        let root = self.labels.iter().position(|l| l == "root");
        let not_root: Vec<bool> = (0..self.labels.len()).map(|c| Some(c) != root).collect();
        let children = children_of(heads);
        (0..items.len())
            .map(|d| match root {
                Some(r) if heads[d] >= items.len() => r as u16,
                _ => {
                    label_features(items, words, heads, &children, d, &mut feats);
                    self.model.predict(&feats, Some(&not_root)) as u16
                }
            })
            .collect()
    }

    /// Train on gold trees.
    pub fn train(sentences: &[ParseSentence], iterations: usize, seed: u64) -> Labeler {
        let mut labels: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.labels.iter().cloned())
            .collect();
        labels.sort();
        labels.dedup();
        let ids: HashMap<&str, usize> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        let mut trainer = Trainer::new(labels.len());
        let all_items: Vec<Vec<Item>> = sentences
            .iter()
            .map(|s| {
                items(
                    &s.words,
                    &s.tags.iter().map(String::as_str).collect::<Vec<_>>(),
                )
            })
            .collect();
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng::new(seed ^ 0x1abe1);
        let mut feats = Vec::new();
        let mut scores = vec![0f32; labels.len()];
        for _ in 0..iterations {
            rng.shuffle(&mut order);
            for &si in &order {
                let s = &sentences[si];
                let children = children_of(&s.heads);
                for d in 0..s.words.len() {
                    label_features(&all_items[si], &s.words, &s.heads, &children, d, &mut feats);
                    let guess = trainer.predict(&feats, &mut scores, None);
                    trainer.update(&feats, ids[s.labels[d].as_str()], guess);
                }
            }
        }
        Labeler {
            labels,
            model: trainer.finish(0.05),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(gold: &[usize]) -> Vec<usize> {
        // Following only zero-cost actions must rebuild a projective gold tree.
        let n = gold.len();
        let mut g = gold.to_vec();
        g.push(NONE);
        let mut state = State::new(n);
        while !state.done() {
            let costs = state.costs(&g);
            let a = (0..ACTIONS)
                .find(|&a| costs[a] == 0)
                .expect("a zero-cost action exists");
            state.apply(a);
        }
        state.heads.truncate(n);
        state.heads
    }

    #[test]
    fn oracle_reaches_projective_trees() {
        // "Gondor attacked Arnor ." : attacked is root (3 = n).
        assert_eq!(run(&[1, 4, 1, 1]), [1, 4, 1, 1]);
        // "the big army of Gondor left"
        let tree = [2, 2, 5, 4, 2, 6];
        assert_eq!(run(&tree), tree);
        // Left-branching and right-branching chains.
        assert_eq!(run(&[1, 2, 3, 4]), [1, 2, 3, 4]);
        assert_eq!(run(&[4, 0, 1, 2]), [4, 0, 1, 2]);
    }

    #[test]
    fn parser_output_is_a_tree_with_one_root() {
        let p = Parser {
            model: Trainer::new(ACTIONS).finish(0.0),
        };
        let words: Vec<String> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let tags = ["DT", "NN", "VBD", "DT", "NN"];
        let heads = p.parse(&items(&words, &tags));
        assert_eq!(heads.iter().filter(|&&h| h == 5).count(), 1);
        assert!(heads.iter().enumerate().all(|(i, &h)| h != i && h <= 5));
    }
}
