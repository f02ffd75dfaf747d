//! Lemmatizer learnt from treebank lemmas: an exception lexicon for forms the rules get
//! wrong, and suffix-rewrite rules per Penn tag (`-ied/VBD → -y`).
//!
//! Lemmas keep the spelling of the text (`criticised → criticise`,
//! `criticized → criticize`); [`spelling_key`] folds British and American spellings
//! to one key, so dictionaries written in either spelling match both.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::keys::FxHashMap;
use crate::segment::lexicon::{parse_list, ListError};

/// Longest suffix the rules look at.
const MAX_SUFFIX: usize = 5;

/// A suffix rewrite: drop `strip` bytes, then append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule {
    /// Bytes removed from the end of the lower-cased form.
    pub strip: u8,
    /// Text appended.
    pub add: String,
}

/// A trained lemmatizer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lemmatizer {
    /// `(lower-cased form, xpos)` → lemma, for forms the rules get wrong.
    pub exceptions: FxHashMap<(String, String), String>,
    /// `(xpos, suffix)` → rule, for suffixes of 1 to 5 characters.
    pub rules: FxHashMap<(String, String), Rule>,
}

fn rule_for(form: &str, lemma: &str) -> Option<Rule> {
    let common = form
        .bytes()
        .zip(lemma.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let mut cut = common;
    while !form.is_char_boundary(cut) || !lemma.is_char_boundary(cut) {
        cut -= 1;
    }
    let strip = u8::try_from(form.len() - cut).ok()?;
    Some(Rule {
        strip,
        add: lemma[cut..].to_string(),
    })
}

fn apply(form: &str, rule: &Rule) -> Option<String> {
    let keep = form.len().checked_sub(rule.strip as usize)?;
    if !form.is_char_boundary(keep) || keep == 0 {
        return None;
    }
    Some(format!("{}{}", &form[..keep], rule.add))
}

fn suffixes(form: &str) -> impl Iterator<Item = &str> {
    let mut starts = [0usize; MAX_SUFFIX];
    let mut n = 0;
    for (i, _) in form.char_indices().rev().take(MAX_SUFFIX) {
        starts[n] = i;
        n += 1;
    }
    starts.into_iter().take(n).rev().map(move |i| &form[i..])
}

/// `map.get(&(a.to_string(), b.to_string()))` without allocating the key.
fn get_pair<'m, V>(map: &'m FxHashMap<(String, String), V>, a: &str, b: &str) -> Option<&'m V> {
    thread_local! {
        static KEY: std::cell::RefCell<(String, String)> =
            const { std::cell::RefCell::new((String::new(), String::new())) };
    }
    if map.is_empty() {
        return None;
    }
    KEY.with(|key| {
        let mut key = key.borrow_mut();
        key.0.clear();
        key.0.push_str(a);
        key.1.clear();
        key.1.push_str(b);
        map.get(&*key)
    })
}

fn keeps_case(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

impl Lemmatizer {
    /// Learn from `(form, xpos, lemma)` triples.
    pub fn train<'a>(examples: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut by_form: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        for (form, xpos, lemma) in examples {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let lemma = if keeps_case(xpos) {
                lemma.to_string()
            } else {
                lemma.to_lowercase()
            };
            *by_form
                .entry((form.to_lowercase(), xpos.to_string()))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        // Most frequent lemma per (form, tag), ties broken alphabetically for determinism.
        let mut best: Vec<((String, String), String, u32)> = by_form
            .into_iter()
            .map(|(k, lemmas)| {
                let (l, n) = lemmas
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .expect("non-empty");
                (k, l, n)
            })
            .collect();
        best.sort();
        let mut counts: HashMap<(String, String), HashMap<Rule, u32>> = HashMap::new();
        for ((form, xpos), lemma, n) in &best {
            let lower = lemma.to_lowercase();
            let Some(rule) = rule_for(form, &lower) else {
                continue;
            };
            for suf in suffixes(form) {
                *counts
                    .entry((xpos.clone(), suf.to_string()))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += n;
            }
        }
        let mut rules = FxHashMap::default();
        for (key, by_rule) in counts {
            let (rule, _) = by_rule
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .expect("non-empty");
            rules.insert(key, rule);
        }
        let mut lem = Lemmatizer {
            exceptions: FxHashMap::default(),
            rules,
        };
        for ((form, xpos), lemma, _) in best {
            let lower = lemma.to_lowercase();
            if (!keeps_case(&xpos) && lem.by_rules(&form, &xpos) != lower)
                || (keeps_case(&xpos) && lower != form)
            {
                lem.exceptions.insert((form, xpos), lemma);
            }
        }
        // Drop rules that only ever repeat the identity: they cost space and say nothing.
        lem.rules.retain(|_, r| r.strip != 0 || !r.add.is_empty());
        lem
    }

    fn by_rules(&self, lower: &str, xpos: &str) -> String {
        for suf in suffixes(lower) {
            if let Some(rule) = get_pair(&self.rules, xpos, suf) {
                if let Some(l) = apply(lower, rule) {
                    return l;
                }
                break;
            }
        }
        lower.to_string()
    }

    /// Take the past and participle forms of `data/lang/en/irregular_verbs.txt`
    /// (or a file of that format) as exceptions for both `VBD` and `VBN` (the
    /// tagger confuses the two): they override what the rules would do.
    pub fn add_irregular_verbs(&mut self, file: &str, text: &str) -> Result<(), ListError> {
        for (line, fields) in parse_list(file, text)? {
            let [base, past, participle] = fields[..] else {
                return Err(ListError {
                    file: file.to_string(),
                    line,
                    message: format!("`{}`: write BASE PAST PARTICIPLE", fields.join(" ")),
                });
            };
            for form in past.split('/').chain(participle.split('/')) {
                for tag in ["VBD", "VBN"] {
                    self.exceptions
                        .insert((form.to_lowercase(), tag.to_string()), base.to_lowercase());
                }
            }
        }
        Ok(())
    }

    /// English irregular verbs, compiled in.
    pub const IRREGULAR_VERBS: &'static str =
        include_str!("../../../../data/lang/en/irregular_verbs.txt");

    /// The lemmatizer run backwards for the tags `xpos`: which lower-case forms
    /// have a given lemma (`meet` → `met`, `meets`, `meeting` ...).
    pub fn inflector<'a>(&'a self, xpos: &'a [&'a str]) -> Inflector<'a> {
        let mut exceptions: HashMap<&str, Vec<&str>> = HashMap::new();
        for ((form, tag), lemma) in &self.exceptions {
            if xpos.contains(&tag.as_str()) {
                exceptions.entry(lemma.as_str()).or_default().push(form);
            }
        }
        // A rule `(tag, suffix) → drop strip, add add` turns a form ending in
        // `suffix` into a lemma ending in `suffix[..len - strip] + add`.
        let mut by_ending: HashMap<String, Vec<(&str, &str)>> = HashMap::new();
        for ((tag, suffix), rule) in &self.rules {
            let keep = suffix.len().checked_sub(rule.strip as usize);
            if let Some(kept) = keep.and_then(|k| suffix.get(..k)) {
                if xpos.contains(&tag.as_str()) {
                    by_ending
                        .entry(format!("{kept}{}", rule.add))
                        .or_default()
                        .push((tag, suffix));
                }
            }
        }
        Inflector {
            lemmatizer: self,
            xpos,
            exceptions,
            by_ending,
        }
    }

    /// The lemma of `form` with tag `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = get_pair(&self.exceptions, &lower, xpos) {
            return l.clone();
        }
        if keeps_case(xpos) {
            return form.to_string();
        }
        self.by_rules(&lower, xpos)
    }
}

/// [`Lemmatizer::inflector`]: the forms a lemma has.
pub struct Inflector<'a> {
    lemmatizer: &'a Lemmatizer,
    xpos: &'a [&'a str],
    exceptions: HashMap<&'a str, Vec<&'a str>>,
    by_ending: HashMap<String, Vec<(&'a str, &'a str)>>,
}

impl Inflector<'_> {
    /// Every lower-case form the lemmatizer maps to `lemma` under one of the tags:
    /// the exceptions, and each rule's inverse checked by running the lemmatizer
    /// forward (a longer suffix's rule may win).
    pub fn forms(&self, lemma: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .exceptions
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|f| f.to_string())
            .collect();
        for (start, _) in lemma.char_indices().chain([(lemma.len(), ' ')]) {
            let (stem, ending) = lemma.split_at(start);
            for &(tag, suffix) in self.by_ending.get(ending).into_iter().flatten() {
                let form = format!("{stem}{suffix}");
                if !out.contains(&form)
                    && self.xpos.contains(&tag)
                    && self.lemmatizer.lemma(&form, tag) == lemma
                {
                    out.push(form);
                }
            }
        }
        out
    }
}

/// Verbs in `-ise` that are spelt so in American English too.
const ISE_VERBS: &[&str] = &[
    "advertise",
    "advise",
    "apprise",
    "arise",
    "chastise",
    "circumcise",
    "comprise",
    "compromise",
    "demise",
    "despise",
    "devise",
    "disguise",
    "excise",
    "exercise",
    "franchise",
    "improvise",
    "incise",
    "merchandise",
    "otherwise",
    "precise",
    "premise",
    "promise",
    "raise",
    "revise",
    "rise",
    "supervise",
    "surmise",
    "surprise",
    "televise",
    "wise",
    "concise",
    "expertise",
    "enterprise",
    "praise",
    "noise",
    "poise",
    "cruise",
    "bruise",
    "guise",
    "treatise",
    "paradise",
    "reprise",
    "anise",
    "valise",
];

/// British spellings whose American forms differ by more than a suffix rule.
const WORD_PAIRS: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("pretence", "pretense"),
    ("centre", "center"),
    ("theatre", "theater"),
    ("metre", "meter"),
    ("litre", "liter"),
    ("fibre", "fiber"),
    ("calibre", "caliber"),
    ("sombre", "somber"),
    ("programme", "program"),
    ("catalogue", "catalog"),
    ("grey", "gray"),
    ("tyre", "tire"),
    ("plough", "plow"),
    ("aluminium", "aluminum"),
    ("manoeuvre", "maneuver"),
    ("judgement", "judgment"),
    ("cheque", "check"),
    ("kerb", "curb"),
    ("sceptic", "skeptic"),
    ("sceptical", "skeptical"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("instil", "instill"),
    ("jewellery", "jewelry"),
];

/// Bit `len * 256 + last byte` is set for every word of [`WORD_PAIRS`] and
/// [`OUR_WORDS`] shorter than [`LISTED_LENS`] bytes: most words are ruled out of both
/// tables by one lookup (longer words are always looked up).
const LISTED: [u64; LISTED_LENS * 4] = {
    let mut bits = [0u64; LISTED_LENS * 4];
    let mut i = 0;
    while i < WORD_PAIRS.len() + OUR_WORDS.len() {
        let w = if i < WORD_PAIRS.len() {
            WORD_PAIRS[i].0.as_bytes()
        } else {
            OUR_WORDS[i - WORD_PAIRS.len()].as_bytes()
        };
        if !w.is_empty() && w.len() < LISTED_LENS {
            let bit = w.len() * 256 + w[w.len() - 1] as usize;
            bits[bit / 64] |= 1 << (bit % 64);
        }
        i += 1;
    }
    bits
};
const LISTED_LENS: usize = 16;

/// Could `word` be in [`WORD_PAIRS`] or [`OUR_WORDS`]? (No false negatives.)
fn may_be_listed(word: &str) -> bool {
    let b = word.as_bytes();
    match b.last() {
        Some(&last) if b.len() < LISTED_LENS => {
            let bit = b.len() * 256 + last as usize;
            LISTED[bit / 64] & (1 << (bit % 64)) != 0
        }
        Some(_) => true,
        None => false,
    }
}

/// The suffixes [`spelling_key`] rewrites.
const SUFFIX_RULES: [(&str, &str); 4] = [
    ("isation", "ization"),
    ("isational", "izational"),
    ("yse", "yze"),
    ("ise", "ize"),
];

/// The most bytes [`spelling_key`] adds to or removes from a word (`programme` →
/// `program`; `-our` → `-or` removes one; the suffix rules keep the length).
pub const MAX_RESPELL_DELTA: usize = most_respelt(&SUFFIX_RULES, most_respelt(WORD_PAIRS, 1));

/// The larger of `most` and the largest length change among `pairs`.
const fn most_respelt(pairs: &[(&str, &str)], mut most: usize) -> usize {
    let mut i = 0;
    while i < pairs.len() {
        let d = pairs[i].0.len().abs_diff(pairs[i].1.len());
        if d > most {
            most = d;
        }
        i += 1;
    }
    most
}

/// Is the [`spelling_key`] of this ASCII word, lower-cased, surely the lower-cased
/// word itself? Checked without lower-casing it; `false` means it may differ.
pub fn spelling_unchanged_ascii(word: &str) -> bool {
    let b = word.as_bytes();
    let Some(&last) = b.last() else {
        return true;
    };
    let last = last.to_ascii_lowercase();
    if b.len() >= LISTED_LENS {
        return false;
    }
    let bit = b.len() * 256 + last as usize;
    if LISTED[bit / 64] & (1 << (bit % 64)) != 0 {
        return false;
    }
    // Every suffix rule ends in `e`, `n` or `l`.
    !matches!(last, b'e' | b'n' | b'l')
        || !SUFFIX_RULES.iter().any(|(uk, _)| {
            b.len() >= uk.len() && b[b.len() - uk.len()..].eq_ignore_ascii_case(uk.as_bytes())
        })
}

/// British `-our` words (American `-or`).
const OUR_WORDS: &[&str] = &[
    "armour",
    "behaviour",
    "colour",
    "endeavour",
    "favour",
    "favourite",
    "flavour",
    "harbour",
    "honour",
    "humour",
    "labour",
    "neighbour",
    "odour",
    "parlour",
    "rumour",
    "saviour",
    "splendour",
    "valour",
    "vigour",
    "demeanour",
    "candour",
    "clamour",
    "rancour",
    "tumour",
    "vapour",
];

/// One key for British and American spellings of a lemma: `criticise` and
/// `criticize` both give `criticize`; `defence` gives `defense`, `labour` `labor`,
/// `organisation` `organization`, `analyse` `analyze`.
pub fn spelling_key(lemma: &str) -> Cow<'_, str> {
    if may_be_listed(lemma) {
        if let Some(&(_, us)) = WORD_PAIRS.iter().find(|(uk, _)| *uk == lemma) {
            return Cow::Borrowed(us);
        }
        if OUR_WORDS.contains(&lemma) {
            return Cow::Owned(lemma.replacen("our", "or", 1));
        }
    }
    for (uk, us) in SUFFIX_RULES {
        if let Some(stem) = lemma.strip_suffix(uk) {
            if stem.len() >= 2 && !(uk == "ise" && ISE_VERBS.iter().any(|v| lemma.ends_with(v))) {
                return Cow::Owned(format!("{stem}{us}"));
            }
        }
    }
    Cow::Borrowed(lemma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_rules_and_exceptions() {
        let data = [
            ("carried", "VBD", "carry"),
            ("worried", "VBD", "worry"),
            ("tried", "VBD", "try"),
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("went", "VBD", "go"),
            ("troops", "NNS", "troop"),
            ("talks", "NNS", "talk"),
            ("Gondor", "NNP", "Gondor"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("buried", "VBD"), "bury");
        assert_eq!(lem.lemma("marked", "VBD"), "mark");
        assert_eq!(lem.lemma("went", "VBD"), "go");
        assert_eq!(lem.lemma("Went", "VBD"), "go");
        assert_eq!(lem.lemma("rebels", "NNS"), "rebel");
        assert_eq!(lem.lemma("Arnor", "NNP"), "Arnor");
        // Backwards: from a lemma to its forms, by rules and by exceptions.
        let inflector = lem.inflector(&["VBD", "NNS"]);
        let forms = inflector.forms("bury");
        assert!(forms.contains(&"buried".to_string()), "{forms:?}");
        assert!(inflector.forms("go").contains(&"went".to_string()));
        assert!(inflector.forms("rebel").contains(&"rebels".to_string()));
        assert!(lem.inflector(&["VBZ"]).forms("bury").is_empty());
    }

    #[test]
    fn irregular_verbs_override_the_rules() {
        let data = [
            ("thought", "VBD", "think"),
            ("bought", "VBD", "buy"),
            ("walked", "VBD", "walk"),
        ];
        let mut lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("fought", "VBD"), "fink");
        lem.add_irregular_verbs("irregular_verbs.txt", Lemmatizer::IRREGULAR_VERBS)
            .unwrap();
        assert_eq!(lem.lemma("fought", "VBD"), "fight");
        assert_eq!(lem.lemma("Fought", "VBN"), "fight");
        assert_eq!(lem.lemma("slain", "VBN"), "slay");
        assert_eq!(lem.lemma("struck", "VBD"), "strike");
        assert_eq!(lem.lemma("walked", "VBD"), "walk");
        // Only the past tags: `left` as an adjective stays.
        assert_eq!(lem.lemma("left", "JJ"), "left");
        let err = lem
            .add_irregular_verbs("x.txt", "fight fought fought\nsing sang\n")
            .unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("x.txt", 2));
    }

    #[test]
    fn british_and_american_spellings_share_a_key() {
        assert_eq!(spelling_key("criticise"), spelling_key("criticize"));
        assert_eq!(spelling_key("organisation"), "organization");
        assert_eq!(spelling_key("analyse"), "analyze");
        assert_eq!(spelling_key("defence"), "defense");
        assert_eq!(spelling_key("labour"), "labor");
        assert_eq!(spelling_key("advise"), "advise");
        assert_eq!(spelling_key("surprise"), "surprise");
        assert_eq!(spelling_key("rise"), "rise");
        assert_eq!(spelling_key("attack"), "attack");
        assert_eq!(spelling_key("kerb"), "curb");
        assert_eq!(spelling_key("jewellery"), "jewelry");
        assert_eq!(spelling_key("vapour"), "vapor");
        assert_eq!(spelling_key("grey"), "gray");
    }

    #[test]
    fn listed_filter_admits_every_listed_word() {
        for (uk, _) in WORD_PAIRS {
            assert!(may_be_listed(uk), "{uk}");
        }
        for w in OUR_WORDS {
            assert!(may_be_listed(w), "{w}");
        }
        assert!(!may_be_listed("attack"));
        assert!(!may_be_listed(""));
        for w in [
            "Attack",
            "COLOUR",
            "Grey",
            "Criticise",
            "ANALYSE",
            "organisational",
            "kerb",
            "talks",
            "",
            "Defence",
            "rise",
            "x",
        ] {
            let lower = w.to_ascii_lowercase();
            if spelling_unchanged_ascii(w) {
                assert_eq!(spelling_key(&lower), lower, "{w}");
            }
        }
        assert!(!spelling_unchanged_ascii("COLOUR"));
        assert!(!spelling_unchanged_ascii("Criticise"));
        assert!(spelling_unchanged_ascii("Attack"));
        for (uk, us) in WORD_PAIRS.iter().chain(&SUFFIX_RULES) {
            assert!(uk.len().abs_diff(us.len()) <= MAX_RESPELL_DELTA, "{uk}");
        }
        for w in OUR_WORDS {
            assert!(w.len() - spelling_key(w).len() <= MAX_RESPELL_DELTA, "{w}");
        }
        for (uk, _) in SUFFIX_RULES {
            assert!(uk.ends_with(['e', 'n', 'l']), "{uk}");
        }
    }
}
