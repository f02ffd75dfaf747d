//! PETRARCH2/TABARI pattern semantics: verb forms, pattern elements with their
//! connectors, positional source and target markers, and discard lists.
//!
//! A PETRARCH verb pattern such as `- + KNOWN_ * IN_ ^ $ [076]` is a sequence of
//! elements around the verb `*`:
//!
//! - words (`KNOWN`) and synonym sets (`&CURRENCY`, each member a run of consecutive
//!   words; single-word members also match their plural), matched on the written word;
//! - connectors: `_` joins an element to its neighbour toward the verb, so no word may
//!   come between them (`RECENTLY_*`: "recently allowed", not "recently did allow");
//!   a space lets other words come between (`* OVER EFFORTS`);
//! - `+` the target and `$` the source: the nearest actor at that place (after the
//!   verb: the next actor; before it: the closest actor before);
//! - `^` skips one actor (`* AT ^ +`: "warned at X of Y" targets Y);
//! - `%` a compound actor: actors listed together ("X and Y") at that place.
//!
//! Verb entries match the forms PETRARCH generates: the written form, and when no
//! `{...}` list is given, `-S`/`-ES`/`-IES`, `-ED`/`-D` and `-ING` (no lemmas: `MET`
//! and `MEET` are different verbs). Multi-word verbs mark the verb with `+`
//! (`+CORDON_OFF`, `WIRE_+TAP`); the other words must stand next to it.
//!
//! Discard files list phrases whose presence drops a sentence's events, or with a
//! leading `+` the whole story's.

use std::collections::HashMap;
use std::ops::Range;

use dyad_doc::Doc;

use super::verbs::Slot;

/// What a pattern element stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PetrKind {
    /// Words, as alternatives (a synonym set), each a run of consecutive words.
    Words(Slot),
    /// `+`: the target.
    Target,
    /// `$`: the source.
    Source,
    /// `^`: an actor to skip.
    Skip,
    /// `%`: a compound actor (two or more actors listed together).
    Compound,
}

/// One element of a PETRARCH pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetrElem {
    /// What it stands for.
    pub kind: PetrKind,
    /// Joined by `_` to its neighbour on the verb's side: nothing may come between.
    pub tight: bool,
}

/// A PETRARCH verb pattern: the elements before and after the verb, and the verb's
/// written forms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetrPattern {
    /// Elements before the verb, in text order.
    pub upper: Vec<PetrElem>,
    /// Elements after the verb, in text order.
    pub lower: Vec<PetrElem>,
    /// Lower-case written forms of the verb word.
    pub forms: Vec<String>,
}

impl PetrPattern {
    /// Literal words and markers: longer patterns are more specific.
    pub fn specificity(&self) -> usize {
        self.upper
            .iter()
            .chain(&self.lower)
            .map(|e| match &e.kind {
                PetrKind::Words(slot) => 2 * slot.iter().map(Vec::len).min().unwrap_or(1),
                _ => 1,
            })
            .sum()
    }
}

/// A verb entry of a PETRARCH block: `ATTACK`, `BAN {BANS BANNED}`,
/// `+CORDON_OFF {+CORDONED_OFF ...}`, `WIRE_+TAP {WIRE_+TAPPED ...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetrVerb {
    /// The verb word, lower case.
    pub head: String,
    /// Words that must stand right before the verb word (`wire` of `WIRE_+TAP`).
    pub before: Vec<String>,
    /// Words that must stand right after it (`off` of `+CORDON_OFF`).
    pub after: Vec<String>,
    /// Written forms of the verb word.
    pub forms: Vec<String>,
}

/// Split `WORD_WORD_+VERB_WORD` into (before, verb, after); the first word is the
/// verb when none is marked with `+`.
fn split_multiword(phrase: &str) -> Option<(Vec<String>, String, Vec<String>)> {
    let parts: Vec<&str> = phrase
        .split(['_', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let at = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let lower = |p: &&str| p.trim_start_matches('+').to_lowercase();
    let head = lower(parts.get(at)?);
    if head.is_empty() {
        return None;
    }
    Some((
        parts[..at].iter().map(lower).collect(),
        head,
        parts[at + 1..].iter().map(lower).collect(),
    ))
}

/// The regular forms PETRARCH generates for a verb: `-S`/`-ES`/`-IES`, `-ED`/`-D`,
/// `-ING` (dropping a final `E` after a consonant).
pub fn regular_forms(verb: &str) -> Vec<String> {
    let v = verb.to_lowercase();
    let mut out = vec![v.clone()];
    if v.ends_with(['s', 'x', 'z']) {
        out.push(format!("{v}es"));
    } else if let Some(stem) = v.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    } else {
        out.push(format!("{v}s"));
    }
    if v.ends_with('e') {
        out.push(format!("{v}d"));
    } else {
        out.push(format!("{v}ed"));
    }
    let bytes = v.as_bytes();
    if v.ends_with('e') && bytes.len() >= 2 && !b"aeiou".contains(&bytes[bytes.len() - 2]) {
        out.push(format!("{}ing", &v[..v.len() - 1]));
    } else {
        out.push(format!("{v}ing"));
    }
    out
}

/// Parse a verb entry (the line without its code).
pub fn parse_verb(entry: &str) -> Option<PetrVerb> {
    let (main, listed) = match entry.split_once('{') {
        Some((m, rest)) => (m, Some(rest.split('}').next().unwrap_or(""))),
        None => (entry, None),
    };
    let (before, head, after) = split_multiword(main.trim())?;
    let mut forms = match listed {
        Some(list) => {
            let mut f: Vec<String> = list
                .split_whitespace()
                .filter_map(|w| split_multiword(w).map(|(_, h, _)| h))
                .collect();
            f.insert(0, head.clone());
            f
        }
        None => regular_forms(&head),
    };
    forms.dedup();
    Some(PetrVerb {
        head,
        before,
        after,
        forms,
    })
}

/// PETRARCH's plural of a synonym-set member's last word.
fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y') {
        format!("{stem}ies")
    } else if word.ends_with('s') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// Members of synonym set `name`, nested sets expanded; members written without `_`
/// also match with their last word in the plural.
pub fn expand_set(
    name: &str,
    sets: &HashMap<String, Vec<String>>,
    depth: usize,
) -> Result<Slot, String> {
    let name = name.trim_end_matches('_');
    let members = sets
        .get(name)
        .ok_or_else(|| format!("unknown synonym set &{name}"))?;
    if depth > 8 {
        return Err(format!("synonym set &{name} nests too deeply"));
    }
    let mut out: Slot = Vec::new();
    for m in members {
        if let Some(inner) = m.strip_prefix('&') {
            out.extend(expand_set(inner, sets, depth + 1)?);
            continue;
        }
        let words: Vec<String> = m
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let Some(last) = words.last() else { continue };
        if !m.contains('_') {
            let mut p = words.clone();
            *p.last_mut().expect("not empty") = plural(last);
            out.push(p);
        }
        out.push(words);
    }
    // Longer alternatives first, so a phrase is preferred to its first word.
    out.sort_by_key(|alt| std::cmp::Reverse(alt.len()));
    out.dedup();
    Ok(out)
}

/// One token of a pattern body and whether `_` joins it to the previous one.
fn body_tokens(body: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut word = String::new();
    let mut join = false;
    let mut word_join = false;
    let flush = |word: &mut String, word_join: bool, out: &mut Vec<(String, bool)>| {
        if !word.is_empty() {
            out.push((std::mem::take(word), word_join));
        }
    };
    for c in body.chars() {
        match c {
            '_' => {
                flush(&mut word, word_join, &mut out);
                join = true;
            }
            '*' | '+' | '$' | '^' | '%' => {
                flush(&mut word, word_join, &mut out);
                out.push((c.to_string(), join));
                join = false;
            }
            c if c.is_whitespace() || matches!(c, '{' | '}' | '(' | ')' | '|') => {
                flush(&mut word, word_join, &mut out);
            }
            // A synonym set starts a new token (`NEW_&TIETYPES_RELATIONS`).
            '&' => {
                flush(&mut word, word_join, &mut out);
                word.push(c);
                word_join = join;
                join = false;
            }
            c => {
                if word.is_empty() {
                    word_join = join;
                    join = false;
                }
                word.push(c);
            }
        }
    }
    flush(&mut word, word_join, &mut out);
    out
}

/// Parse a pattern body (`+ KNOWN_ * IN_ ^ $`) for `verb`.
pub fn parse_pattern(
    verb: &PetrVerb,
    body: &str,
    sets: &HashMap<String, Vec<String>>,
) -> Result<PetrPattern, String> {
    let mut tokens = body_tokens(body);
    if tokens.is_empty() {
        tokens.push(("*".to_string(), false));
    }
    let star = tokens
        .iter()
        .position(|(t, _)| t == "*")
        .ok_or_else(|| format!("`{body}`: no `*`"))?;
    let elem = |t: &str| -> Result<PetrKind, String> {
        Ok(match t {
            "+" => PetrKind::Target,
            "$" => PetrKind::Source,
            "^" => PetrKind::Skip,
            "%" => PetrKind::Compound,
            _ => match t.strip_prefix('&') {
                Some(set) => PetrKind::Words(expand_set(set, sets, 0)?),
                None => PetrKind::Words(vec![vec![t.to_lowercase()]]),
            },
        })
    };
    let mut upper = Vec::new();
    for (i, (t, _)) in tokens[..star].iter().enumerate() {
        // An upper element is tight when the token after it is joined to it.
        upper.push(PetrElem {
            kind: elem(t)?,
            tight: tokens[i + 1].1,
        });
    }
    let mut lower = Vec::new();
    for (t, joined) in &tokens[star + 1..] {
        lower.push(PetrElem {
            kind: elem(t)?,
            tight: *joined,
        });
    }
    // The words of a multi-word verb stand right next to it.
    upper.extend(verb.before.iter().map(|w| PetrElem {
        kind: PetrKind::Words(vec![vec![w.clone()]]),
        tight: true,
    }));
    for (k, w) in verb.after.iter().enumerate() {
        lower.insert(
            k,
            PetrElem {
                kind: PetrKind::Words(vec![vec![w.clone()]]),
                tight: true,
            },
        );
    }
    Ok(PetrPattern {
        upper,
        lower,
        forms: verb.forms.clone(),
    })
}

/// An actor mention as a token range, for positional matching.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Actor index in the document.
    pub actor: usize,
    /// Its tokens.
    pub tokens: Range<usize>,
}

/// What a PETRARCH pattern matched around a verb.
#[derive(Clone, Debug, Default)]
pub struct PetrMatch {
    /// Tokens matched by the pattern's words.
    pub consumed: Vec<usize>,
    /// Actors named by `$` (or `%` before the verb).
    pub sources: Option<Vec<usize>>,
    /// Actors named by `+` (or `%` after the verb).
    pub targets: Option<Vec<usize>>,
    /// First token of the part matched before the verb.
    pub start: usize,
    /// Token after the part matched after the verb.
    pub end: usize,
}

/// Does `alt` occur at token `at`?
fn alt_at(doc: &Doc, at: usize, limit: usize, alt: &[String]) -> bool {
    at + alt.len() <= limit
        && alt
            .iter()
            .enumerate()
            .all(|(k, w)| doc.token(at + k).text().eq_ignore_ascii_case(w))
}

/// Actors listed together with mention `m` ("X and Y", "X, Y and Z").
fn compound(doc: &Doc, mentions: &[Mention], m: usize) -> Vec<usize> {
    let joins = |from: usize, to: usize| {
        let gap: Vec<String> = (from..to)
            .map(|i| doc.token(i).text().to_lowercase())
            .collect();
        matches!(
            gap.join(" ").as_str(),
            "and" | "," | ", and" | "or" | "nor" | "and the" | ", the" | ", and the" | "or the"
        )
    };
    let (mut lo, mut hi) = (m, m);
    while hi + 1 < mentions.len() && joins(mentions[hi].tokens.end, mentions[hi + 1].tokens.start) {
        hi += 1;
    }
    while lo > 0 && joins(mentions[lo - 1].tokens.end, mentions[lo].tokens.start) {
        lo -= 1;
    }
    mentions[lo..=hi].iter().map(|x| x.actor).collect()
}

struct Matcher<'a> {
    doc: &'a Doc,
    mentions: &'a [Mention],
    sentence: Range<usize>,
    /// Tokens inside another clause below the verb (a reported `that` clause):
    /// the verb's own words are not looked for there.
    other_clause: Vec<bool>,
}

/// Which tokens of `sentence` sit in a clausal complement or parenthetical below the
/// verb at `v` (PETRARCH matches a verb's words in its own phrases, not in the
/// clause it reports).
fn other_clauses(doc: &Doc, v: usize, sentence: &Range<usize>) -> Vec<bool> {
    sentence
        .clone()
        .map(|i| {
            let mut t = doc.token(i);
            for _ in 0..16 {
                if t.index() == v {
                    return false;
                }
                let clause = matches!(t.deprel(), "ccomp" | "parataxis" | "csubj");
                match t.head() {
                    Some(h) if h.index() == v => return clause,
                    Some(h) if clause => {
                        // A clause below another word: only blocks when under the verb.
                        let mut up = Some(h);
                        while let Some(u) = up {
                            if u.index() == v {
                                return true;
                            }
                            up = u.head();
                        }
                        return false;
                    }
                    Some(h) => t = h,
                    None => return false,
                }
            }
            false
        })
        .collect()
}

impl Matcher<'_> {
    /// Match `elems` forward from token `pos`; `tight_to_prev` for the first.
    fn forward(&self, elems: &[PetrElem], pos: usize, m: &mut PetrMatch) -> Option<usize> {
        let Some((e, rest)) = elems.split_first() else {
            return Some(pos);
        };
        let end = self.sentence.end;
        match &e.kind {
            PetrKind::Words(slot) => {
                let starts = if e.tight { pos..pos + 1 } else { pos..end };
                let open = |s: usize| {
                    !self
                        .other_clause
                        .get(s - self.sentence.start)
                        .copied()
                        .unwrap_or(false)
                };
                for s in starts.filter(|&s| open(s)) {
                    for alt in slot {
                        if alt_at(self.doc, s, end, alt) {
                            let mut trial = m.clone();
                            trial.consumed.extend(s..s + alt.len());
                            if let Some(done) = self.forward(rest, s + alt.len(), &mut trial) {
                                *m = trial;
                                return Some(done);
                            }
                        }
                    }
                }
                None
            }
            kind => {
                let found = self
                    .mentions
                    .iter()
                    .position(|x| x.tokens.start >= pos && (!e.tight || x.tokens.start <= pos + 1));
                let Some(k) = found else {
                    return (*kind == PetrKind::Skip)
                        .then(|| self.forward(rest, pos, m))
                        .flatten();
                };
                if *kind == PetrKind::Skip {
                    // `^` passes over a noun phrase: the next actor, or none.
                    let mut trial = m.clone();
                    if let Some(done) = self.forward(rest, self.mentions[k].tokens.end, &mut trial)
                    {
                        *m = trial;
                        return Some(done);
                    }
                    return self.forward(rest, pos, m);
                }
                let next = self.place(kind, k, m, true)?;
                self.forward(rest, next, m)
            }
        }
    }

    /// Record mention `k` for an actor marker met going `forward` (after the verb: a
    /// compound is the target) or backward (before it: the source); the token where
    /// matching goes on. `None` when a compound marker finds no list of actors.
    fn place(&self, kind: &PetrKind, k: usize, m: &mut PetrMatch, forward: bool) -> Option<usize> {
        let edge = |x: &Mention| {
            if forward {
                x.tokens.end
            } else {
                x.tokens.start
            }
        };
        let mut next = edge(&self.mentions[k]);
        match kind {
            PetrKind::Target => m.targets = Some(vec![self.mentions[k].actor]),
            PetrKind::Source => m.sources = Some(vec![self.mentions[k].actor]),
            PetrKind::Compound => {
                let all = compound(self.doc, self.mentions, k);
                if all.len() < 2 {
                    return None;
                }
                let edges = self
                    .mentions
                    .iter()
                    .filter(|x| all.contains(&x.actor))
                    .map(edge);
                next = if forward { edges.max() } else { edges.min() }.unwrap_or(next);
                if forward {
                    m.targets = Some(all);
                } else {
                    m.sources = Some(all);
                }
            }
            _ => {}
        }
        Some(next)
    }

    /// Match `elems` backward, the last one ending at or before token `pos`.
    fn backward(&self, elems: &[PetrElem], pos: usize, m: &mut PetrMatch) -> Option<usize> {
        let Some((e, rest)) = elems.split_last() else {
            return Some(pos);
        };
        let start = self.sentence.start;
        match &e.kind {
            PetrKind::Words(slot) => {
                let ends: Vec<usize> = if e.tight {
                    vec![pos]
                } else {
                    (start..=pos).rev().collect()
                };
                for end in ends {
                    for alt in slot {
                        let Some(s) = end.checked_sub(alt.len()).filter(|&s| s >= start) else {
                            continue;
                        };
                        if alt_at(self.doc, s, end, alt) {
                            let mut trial = m.clone();
                            trial.consumed.extend(s..end);
                            if let Some(done) = self.backward(rest, s, &mut trial) {
                                *m = trial;
                                return Some(done);
                            }
                        }
                    }
                }
                None
            }
            kind => {
                let k = self
                    .mentions
                    .iter()
                    .rposition(|x| x.tokens.end <= pos && (!e.tight || x.tokens.end + 1 >= pos))?;
                let next = self.place(kind, k, m, false)?;
                self.backward(rest, next, m)
            }
        }
    }
}

/// Match `p` around the verb at token `v` of `sentence`; `mentions` are the
/// sentence's actor mentions in text order (one per distinct span).
pub fn match_pattern(
    doc: &Doc,
    p: &PetrPattern,
    v: usize,
    sentence: Range<usize>,
    mentions: &[Mention],
) -> Option<PetrMatch> {
    let matcher = Matcher {
        doc,
        mentions,
        other_clause: other_clauses(doc, v, &sentence),
        sentence,
    };
    let mut m = PetrMatch::default();
    m.end = matcher.forward(&p.lower, v + 1, &mut m)?;
    m.start = matcher.backward(&p.upper, v, &mut m)?;
    m.consumed.sort_unstable();
    Some(m)
}

/// The sentence's actor mentions in text order, one per span (the first actor of
/// several sharing a span).
pub fn mentions(doc: &Doc, sentence: Range<usize>) -> Vec<Mention> {
    let mut out: Vec<Mention> = doc
        .actors()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.tokens.start >= sentence.start && a.tokens.end <= sentence.end)
        .map(|(i, a)| Mention {
            actor: i,
            tokens: a.tokens.clone(),
        })
        .collect();
    out.sort_by_key(|m| (m.tokens.start, m.tokens.end));
    out.dedup_by(|b, a| a.tokens == b.tokens);
    out
}

/// Discard phrases: a sentence (or, for `+` lines, the whole story) that holds one
/// codes no events.
#[derive(Clone, Debug, Default)]
pub struct Discards {
    /// `(lower-case words, whole story)`.
    phrases: Vec<(Vec<String>, bool)>,
}

impl Discards {
    /// Add a PETRARCH discard file.
    pub fn add(&mut self, text: &str) {
        for (_, line) in crate::dict::petrarch_lines(text) {
            let (phrase, story) = match line.strip_prefix('+') {
                Some(p) => (p, true),
                None => (line.as_str(), false),
            };
            let words: Vec<String> = phrase
                .split(['_', ' '])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if !words.is_empty() {
                self.phrases.push((words, story));
            }
        }
    }

    /// No phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Which sentences of `doc` are discarded (all of them when a story phrase occurs).
    pub fn discarded(&self, doc: &Doc) -> Vec<bool> {
        let mut out = vec![false; doc.sentence_count()];
        if self.phrases.is_empty() {
            return out;
        }
        for s in doc.sentences() {
            let range = s.token_range();
            for (words, story) in &self.phrases {
                if range.clone().any(|i| alt_at(doc, i, range.end, words)) {
                    if *story {
                        return vec![true; out.len()];
                    }
                    out[s.index()] = true;
                }
            }
        }
        out
    }
}

/// Words that open a time or circumstance phrase or clause: no target inside.
const CIRCUMSTANCE: &[&str] = &[
    "after",
    "before",
    "since",
    "until",
    "till",
    "during",
    "when",
    "while",
    "following",
    "amid",
    "despite",
    "on",
];

/// The first actor after the verb at `v` that stands in the verb's phrase (its
/// subtree) and not inside a time or circumstance phrase; `taken` actors (the
/// source) are passed over.
pub fn first_actor_after(
    doc: &Doc,
    mentions: &[Mention],
    v: usize,
    taken: &[usize],
    consumed: &[usize],
) -> Option<usize> {
    let code = |a: usize| doc.actors()[a].code.as_str();
    let mut governors = Vec::new();
    let mut up = doc.token(v).head();
    while let Some(h) = up.filter(|_| governors.len() < 16) {
        governors.push(h.index());
        up = h.head();
    }
    mentions
        .iter()
        .filter(|m| m.tokens.start > v)
        .filter(|m| {
            !taken
                .iter()
                .any(|&t| t == m.actor || code(t) == code(m.actor))
        })
        .find(|m| {
            let mut t = doc.token(doc.actors()[m.actor].head);
            // A phrase misattached above the verb, crossing no other verb, counts too.
            let mut no_verb = true;
            for _ in 0..16 {
                if no_verb && governors.contains(&t.index()) {
                    return true;
                }
                let circumstance = t.children().any(|c| {
                    matches!(c.deprel(), "case" | "mark")
                        && !consumed.contains(&c.index())
                        && CIRCUMSTANCE.contains(&c.text().to_lowercase().as_str())
                });
                if circumstance {
                    return false;
                }
                no_verb &= !t.tag().starts_with("VB");
                match t.head() {
                    Some(h) if h.index() == v => return true,
                    Some(h) => t = h,
                    None => return false,
                }
            }
            false
        })
        .map(|m| m.actor)
}

/// Is the actor mention `m` inside a prepositional phrase or a fronted phrase (its
/// head, or a phrase above it, introduced by a preposition)?
pub fn in_prepositional_phrase(doc: &Doc, m: &Mention) -> bool {
    let mut t = doc.token(doc.actors()[m.actor].head);
    for _ in 0..12 {
        if t.children()
            .any(|c| c.deprel() == "case" && c.tag() != "POS")
        {
            return true;
        }
        match t.head() {
            Some(h) if !h.tag().starts_with("VB") => t = h,
            _ => return false,
        }
    }
    false
}

/// PETRARCH's passive: a past participle (or past tense form) with a form of "be"
/// among its auxiliaries ("was freed", "has been criticised").
pub fn is_passive(v: dyad_doc::Token<'_>) -> bool {
    matches!(v.tag(), "VBN" | "VBD")
        && v.children().any(|c| {
            c.deprel().starts_with("aux")
                && matches!(
                    c.text().to_lowercase().as_str(),
                    "am" | "is" | "are" | "was" | "were" | "be" | "been" | "being"
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(slot: &[&[&str]]) -> PetrKind {
        PetrKind::Words(
            slot.iter()
                .map(|alt| alt.iter().map(|w| w.to_string()).collect())
                .collect(),
        )
    }

    #[test]
    fn verb_entries_and_their_forms() {
        assert_eq!(
            regular_forms("SEIZE"),
            ["seize", "seizes", "seized", "seizing"]
        );
        assert_eq!(
            regular_forms("MARRY"),
            ["marry", "marries", "marryed", "marrying"]
        );
        assert_eq!(regular_forms("FLEE"), ["flee", "flees", "fleed", "fleeing"]);
        let v = parse_verb("SINK {SANK SUNK SINKING}").unwrap();
        assert_eq!(v.forms, ["sink", "sank", "sunk", "sinking"]);
        let v = parse_verb("+SEAL_OFF {+SEALED_OFF +SEALS_OFF}").unwrap();
        assert_eq!(
            (v.head.as_str(), v.after.clone()),
            ("seal", vec!["off".to_string()])
        );
        assert_eq!(v.forms, ["seal", "sealed", "seals"]);
        let v = parse_verb("RE_+ARM").unwrap();
        assert_eq!(
            (v.before.clone(), v.head.as_str()),
            (vec!["re".to_string()], "arm")
        );
        assert!(v.forms.contains(&"armed".to_string()));
    }

    #[test]
    fn synonym_sets_add_plurals_except_for_joined_members() {
        let mut sets = HashMap::new();
        sets.insert(
            "ARMS".to_string(),
            vec!["MORTAR".to_string(), "BATTLE_TANK".to_string()],
        );
        sets.insert(
            "ALL".to_string(),
            vec![
                "&ARMS".to_string(),
                "ARMY".to_string(),
                "GRAND DUCHY".to_string(),
            ],
        );
        let slot = expand_set("ALL", &sets, 0).unwrap();
        let has = |w: &[&str]| slot.iter().any(|a| a == w);
        assert!(has(&["mortar"]) && has(&["mortars"]));
        assert!(has(&["battle", "tank"]) && !has(&["battle", "tanks"]));
        assert!(has(&["army"]) && has(&["armies"]));
        assert!(has(&["grand", "duchy"]) && has(&["grand", "duchies"]));
        assert!(expand_set("NONE", &sets, 0).is_err());
    }

    #[test]
    fn connectors_and_markers() {
        let sets = HashMap::from([("KIN".to_string(), vec!["COUSIN".to_string()])]);
        let verb = parse_verb("WIRE_+TAP").unwrap();
        let p = parse_pattern(&verb, " + SOON_ * IN_ ^ $ OVER &KIN ", &sets).unwrap();
        let kinds: Vec<(PetrKind, bool)> =
            p.upper.iter().map(|e| (e.kind.clone(), e.tight)).collect();
        assert_eq!(
            kinds,
            [
                (PetrKind::Target, false),
                (words(&[&["soon"]]), true),
                (words(&[&["wire"]]), true),
            ]
        );
        let kinds: Vec<(PetrKind, bool)> =
            p.lower.iter().map(|e| (e.kind.clone(), e.tight)).collect();
        assert_eq!(
            kinds,
            [
                (words(&[&["in"]]), false),
                (PetrKind::Skip, true),
                (PetrKind::Source, false),
                (words(&[&["over"]]), false),
                (words(&[&["cousins"], &["cousin"]]), false),
            ]
        );
        // Longer patterns are more specific.
        let short = parse_pattern(&verb, "* OVER", &sets).unwrap();
        assert!(p.specificity() > short.specificity());
        assert!(parse_pattern(&verb, "OVER &NOPE *", &sets).is_err());
    }
}
