//! The verb-pattern dictionary: which verbs and event nouns code which CAMEO event,
//! with the words, particles and prepositions a pattern requires and where its
//! target sits.
//!
//! Two formats load into one [`VerbDictionary`]: Dyad's own block format
//! (`data/dict/verbs.txt`, see `data/dict/README.md`) and PETRARCH2's verb files
//! (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`: verb blocks `--- VERB [code] ---`,
//! pattern lines `- words * words [code]`, `&SYNSET` word sets).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use super::petrarch::{Discards, PetrPattern, PetrVerb};
use crate::dict::{parse_blocks, DictError};
use crate::keys::FxHashMap;
use crate::syntax::lemma::spelling_key;

/// A slot: alternatives, each a sequence of lower-case words.
pub type Slot = Vec<Vec<String>>;

/// Where a pattern's target is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The direct object (`attack *`).
    Object,
    /// The object of one of these prepositions (`meet with *`).
    Prep(Vec<String>),
    /// Not stated: the direct object, else the first actor in a prepositional phrase.
    Any,
    /// Before the verb (PETRARCH `+ *`): the subject is the target.
    Subject,
}

/// One verb or noun pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// CAMEO code; `---` means "no event" (the pattern blocks coding).
    pub code: String,
    /// PETRARCH paired event `[a:b]`: the target's reciprocal action toward the
    /// source (`arrive [032:033]`: a visit made, a visit hosted).
    pub reverse: Option<String>,
    /// An event noun (needs a light verb: `held talks`), not a verb.
    pub noun: bool,
    /// Head lemma, spelling-folded (`criticise` → `criticize`).
    pub head: String,
    /// Words required after the head, before the target, in order.
    pub words: Vec<Slot>,
    /// Words required before the head (PETRARCH pre-verb words).
    pub before: Vec<Slot>,
    /// Words required after the target.
    pub after: Vec<Slot>,
    /// Where the target is.
    pub target: Target,
    /// PETRARCH `$` after the verb: the source is the object of this preposition.
    pub source_prep: Option<Vec<String>>,
    /// PETRARCH pattern elements and verb forms (`None` for Dyad patterns): matched
    /// by written word and position, see [`super::petrarch`].
    pub petrarch: Option<Arc<PetrPattern>>,
    /// `file:line`.
    pub origin: Arc<str>,
    /// The pattern as written.
    pub text: String,
}

impl Pattern {
    /// How specific the pattern is: more required words win.
    pub fn specificity(&self) -> usize {
        if let Some(p) = &self.petrarch {
            return p.specificity();
        }
        let target = match self.target {
            Target::Prep(_) => 1,
            _ => 0,
        };
        self.words.len() * 2 + self.before.len() * 2 + self.after.len() * 2 + target
    }
}

/// Compiled verb patterns, looked up by head lemma.
#[derive(Debug, Default)]
pub struct VerbDictionary {
    patterns: Vec<Pattern>,
    verbs: HashMap<String, Vec<usize>>,
    nouns: HashMap<String, Vec<usize>>,
    /// `(code, head, object word)`: the object shows a non-political sense of the
    /// head in that code's block.
    /// Head → `(code, object)` pairs it does not code (`not:` lines).
    exclusions: FxHashMap<String, Vec<(String, String)>>,
    light: HashSet<String>,
    /// PETRARCH patterns by the written forms of their verb.
    forms: HashMap<String, Vec<usize>>,
    /// Inflected forms of the heads of Dyad's verb patterns (`shelled`), and the
    /// heads they are forms of: found when the lemmatizer strays (`shel`).
    inflected: HashMap<String, Vec<String>>,
    discards: Discards,
    warnings: Vec<DictError>,
    conflicts: Vec<DictError>,
}

/// The built-in verb file.
pub const BUILTIN: (&str, &str) = ("verbs.txt", include_str!("../../../../data/dict/verbs.txt"));

/// Prepositions that can introduce a target in Dyad patterns.
const PREPOSITIONS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "regarding",
    "since",
    "than",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "with",
    "within",
    "without",
];

/// Lower-case head key for lookups.
pub fn head_key(word: &str) -> String {
    spelling_key(&word.to_lowercase()).into_owned()
}

impl VerbDictionary {
    /// Dyad's own patterns, compiled in; parsed once per process.
    pub fn builtin() -> Arc<VerbDictionary> {
        static DICT: OnceLock<Arc<VerbDictionary>> = OnceLock::new();
        DICT.get_or_init(|| {
            let mut d = VerbDictionary::default();
            d.add_dyad(BUILTIN.0, BUILTIN.1)
                .expect("built-in verb dictionary parses (checked by tests)");
            Arc::new(d)
        })
        .clone()
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// No patterns at all.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Pattern `i`.
    pub fn pattern(&self, i: usize) -> &Pattern {
        &self.patterns[i]
    }

    /// Patterns whose head is the verb `lemma`.
    pub fn verb_patterns(&self, lemma: &str) -> &[usize] {
        self.verbs.get(lemma).map_or(&[], Vec::as_slice)
    }

    /// Verb patterns that can fire on a verb written `written` with lemma `lemma`:
    /// Dyad patterns by lemma, or by the head `written` is an inflection of (when the
    /// lemmatizer strays), PETRARCH patterns by the verb forms they list.
    pub fn verb_candidates(&self, lemma: &str, written: &str) -> Vec<usize> {
        let written = written.to_lowercase();
        let dyad_patterns = |head: &str| {
            self.verb_patterns(head)
                .iter()
                .copied()
                .filter(|&i| self.patterns[i].petrarch.is_none())
        };
        let mut out: Vec<usize> = dyad_patterns(lemma).collect();
        out.extend(self.forms.get(&written).into_iter().flatten().copied());
        for head in self.inflected.get(&written).into_iter().flatten() {
            if head != lemma {
                out.extend(dyad_patterns(head));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Discard phrases loaded from PETRARCH discard files.
    pub fn discards(&self) -> &Discards {
        &self.discards
    }

    /// Add a PETRARCH discard file (`+` lines discard the whole story).
    pub fn add_discards(&mut self, text: &str) {
        self.discards.add(text);
    }

    /// Patterns whose head is the event noun `lemma`.
    pub fn noun_patterns(&self, lemma: &str) -> &[usize] {
        self.nouns.get(lemma).map_or(&[], Vec::as_slice)
    }

    /// Every verb and noun head and light verb.
    pub fn heads(&self) -> impl Iterator<Item = &str> + '_ {
        self.verbs
            .keys()
            .chain(self.nouns.keys())
            .chain(self.light.iter())
            .map(String::as_str)
    }

    /// Could `word` (a lemma) head a verb or noun pattern, or be a light verb?
    pub fn has_head(&self, word: &str) -> bool {
        let key = head_key(word);
        self.verbs.contains_key(&key) || self.nouns.contains_key(&key) || self.light.contains(&key)
    }

    /// Is `lemma` a light verb (`hold`, `launch`) that lends its subject to an event noun?
    pub fn is_light(&self, lemma: &str) -> bool {
        self.light.contains(lemma)
    }

    /// Does object word `object` exclude `head` from code `code` (`attack problem`)?
    pub fn excluded(&self, code: &str, head: &str, object: &str) -> bool {
        self.exclusions
            .get(head)
            .is_some_and(|pairs| pairs.iter().any(|(c, o)| c == code && o == object))
    }

    /// Malformed lines of loaded PETRARCH files that were skipped.
    pub fn warnings(&self) -> &[DictError] {
        &self.warnings
    }

    /// Dyad patterns listed under two codes (both loaded; which one a sentence gets
    /// depends on the order the files were read).
    pub fn conflicts(&self) -> &[DictError] {
        &self.conflicts
    }

    fn push(&mut self, p: Pattern) {
        let i = self.patterns.len();
        let map = if p.noun {
            &mut self.nouns
        } else {
            &mut self.verbs
        };
        let new_head = !map.contains_key(&p.head);
        map.entry(p.head.clone()).or_default().push(i);
        if let Some(petr) = &p.petrarch {
            for f in &petr.forms {
                self.forms.entry(f.clone()).or_default().push(i);
            }
        } else if new_head && !p.noun {
            // Not the bare form: a past tense can be another verb's base (`found`).
            for f in regular_forms(&p.head).into_iter().skip(1) {
                let heads = self.inflected.entry(f).or_default();
                if !heads.contains(&p.head) {
                    heads.push(p.head.clone());
                }
            }
        }
        self.patterns.push(p);
    }

    /// A Dyad pattern already loaded with the same words as `p` and another code.
    fn same_pattern(&self, p: &Pattern) -> Option<&Pattern> {
        let map = if p.noun { &self.nouns } else { &self.verbs };
        map.get(&p.head)?
            .iter()
            .map(|&i| &self.patterns[i])
            .find(|q| q.petrarch.is_none() && q.text == p.text && q.code != p.code)
    }

    /// Add a file in Dyad's block format.
    pub fn add_dyad(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        for block in parse_blocks(name, text, &["verbs", "nouns", "not"])? {
            if block.id == "LIGHT" {
                for (item, _) in block.items("verbs") {
                    let first = item.text.split_whitespace().next().unwrap_or_default();
                    self.light.insert(head_key(first));
                }
                continue;
            }
            // `[046:046]`: the target's own action toward the source comes with it
            // ("X held talks with Y": Y held talks with X too).
            let (code, reverse) = paired(&block.id);
            let is_code =
                |c: &str| (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit());
            if !is_code(&code) || reverse.as_deref().is_some_and(|r| !is_code(r)) {
                return Err(DictError::new(
                    name,
                    block.line,
                    format!(
                        "[{}]: expected a CAMEO code, a pair CODE:CODE, or LIGHT",
                        block.id
                    ),
                ));
            }
            for (key, noun) in [("verbs", false), ("nouns", true)] {
                for (item, line) in block.items(key) {
                    let mut p = parse_dyad_pattern(
                        &item.text,
                        &code,
                        noun,
                        format!("{name}:{line}").into(),
                    )
                    .map_err(|e| DictError::new(name, line, e))?;
                    p.reverse.clone_from(&reverse);
                    if let Some(other) = self.same_pattern(&p) {
                        self.conflicts.push(DictError::new(
                            name,
                            line,
                            format!(
                                "`{}` is also under [{}] at {}",
                                p.text, other.code, other.origin
                            ),
                        ));
                    }
                    self.push(p);
                }
            }
            for (item, line) in block.items("not") {
                // `HEAD OBJECT`; longer items name the object by their last word.
                let words: Vec<&str> = item.text.split_whitespace().filter(|w| *w != "*").collect();
                let (Some(head), Some(object), true) =
                    (words.first(), words.last(), words.len() >= 2)
                else {
                    return Err(DictError::new(
                        name,
                        line,
                        format!("`{}`: expected `HEAD OBJECT`", item.text),
                    ));
                };
                let pair = (code.clone(), object.to_lowercase());
                let pairs = self.exclusions.entry(head_key(head)).or_default();
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        }
        Ok(())
    }
}

fn parse_dyad_pattern(
    text: &str,
    code: &str,
    noun: bool,
    origin: Arc<str>,
) -> Result<Pattern, String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let Some((head, rest)) = words.split_first() else {
        return Err("empty pattern".into());
    };
    if head == "*" {
        return Err(format!("`{text}`: a pattern starts with its head word"));
    }
    let star = rest.iter().position(|w| w == "*");
    if rest.iter().filter(|w| *w == "*").count() > 1 {
        return Err(format!("`{text}`: more than one `*`"));
    }
    let (pre, post) = match star {
        Some(s) => (&rest[..s], &rest[s + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    let (required, target) = match (star, pre.split_last()) {
        (None, _) => (pre.to_vec(), Target::Any),
        (Some(_), Some((last, others))) if PREPOSITIONS.contains(&last.as_str()) => {
            (others.to_vec(), Target::Prep(vec![last.clone()]))
        }
        (Some(_), _) => (pre.to_vec(), Target::Object),
    };
    let slot = |w: &String| vec![vec![w.clone()]];
    Ok(Pattern {
        code: code.to_string(),
        reverse: None,
        noun,
        head: head_key(head),
        words: required.iter().map(slot).collect(),
        before: Vec::new(),
        after: post.iter().map(slot).collect(),
        target,
        source_prep: None,
        petrarch: None,
        origin,
        text: text.to_string(),
    })
}

// ---------------------------------------------------------------- PETRARCH

impl VerbDictionary {
    /// Add a PETRARCH2 verb file. Malformed lines are skipped with a warning;
    /// transformation rules (`~`) are not supported and are reported once.
    pub fn add_petrarch(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        let lines = crate::dict::petrarch_lines(text);
        // Synonym sets first: patterns may use a set defined further down.
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        let mut current: Option<String> = None;
        for (_, line) in &lines {
            if let Some(set) = line.strip_prefix('&') {
                let set = set
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('_')
                    .to_string();
                sets.entry(set.clone()).or_default();
                current = Some(set);
            } else if let (Some(member), Some(set)) = (line.strip_prefix('+'), &current) {
                sets.get_mut(set)
                    .expect("set exists")
                    .push(member.trim().to_string());
            } else {
                current = None;
            }
        }
        // A block: `--- NAME [code] ---`, its verbs (plain or `+` lines, each with an
        // optional own code), then `- pattern [code]` lines that apply to every verb.
        let mut block: Option<PetrarchBlock> = None;
        let mut in_set = false;
        let mut transformations = 0usize;
        let before = self.patterns.len();
        for (n, line) in &lines {
            let n = *n;
            if line.starts_with('&') {
                in_set = true;
                continue;
            }
            if line.starts_with("---") {
                in_set = false;
                if let Some(b) = block.take() {
                    self.flush_block(name, b, &sets);
                }
                match parse_block_header(line) {
                    Ok((head, code)) => {
                        block = Some(PetrarchBlock {
                            name: head,
                            code,
                            line: n,
                            verbs: Vec::new(),
                            patterns: Vec::new(),
                        })
                    }
                    Err(e) => self.warnings.push(DictError::new(name, n, e)),
                }
                continue;
            }
            if line.starts_with('~') {
                transformations += 1;
                continue;
            }
            let Some(b) = block.as_mut() else { continue };
            if in_set && line.starts_with('+') {
                continue;
            }
            in_set = false;
            let (body, is_pattern) = match line.strip_prefix('-') {
                Some(rest) => (rest, true),
                None => (line.strip_prefix('+').unwrap_or(line), false),
            };
            let (body, code) = match split_code(body) {
                Ok(x) => x,
                Err(e) => {
                    self.warnings.push(DictError::new(name, n, e));
                    continue;
                }
            };
            if is_pattern {
                b.patterns.push((body.to_string(), code, n));
            } else {
                // A verb of the block: `ATTACK`, `ASSAIL {ASSAILS ...}`, `+CORDON_OFF`,
                // `WIRE_+TAP`.
                if let Some(verb) = super::petrarch::parse_verb(body) {
                    b.verbs.push((verb, code, n));
                }
            }
        }
        if let Some(b) = block.take() {
            self.flush_block(name, b, &sets);
        }
        if transformations > 0 {
            self.warnings.push(DictError::new(
                name,
                0,
                format!("{transformations} transformation rules (`~`) are not supported and were skipped"),
            ));
        }
        if self.patterns.len() == before {
            return Err(DictError::new(name, 0, "no verb patterns found"));
        }
        Ok(())
    }

    /// Enter every verb of a block with every pattern of the block.
    fn flush_block(&mut self, name: &str, b: PetrarchBlock, sets: &HashMap<String, Vec<String>>) {
        let verbs = if b.verbs.is_empty() {
            match super::petrarch::parse_verb(&b.name) {
                Some(v) => vec![(v, None, b.line)],
                None => return,
            }
        } else {
            b.verbs
        };
        for (verb, own_code, line) in &verbs {
            let code = own_code.clone().unwrap_or_else(|| b.code.clone());
            if paired(&code).0 != "---" || paired(&code).1.is_some() {
                self.push_petrarch(name, *line, verb, &code, "", sets);
            }
            for (body, pattern_code, pline) in &b.patterns {
                let code = pattern_code.clone().unwrap_or_else(|| code.clone());
                self.push_petrarch(name, *pline, verb, &code, body, sets);
            }
        }
    }

    fn push_petrarch(
        &mut self,
        name: &str,
        line: usize,
        verb: &PetrVerb,
        code: &str,
        body: &str,
        sets: &HashMap<String, Vec<String>>,
    ) {
        let mut head = verb.head.clone();
        for w in &verb.after {
            head.push(' ');
            head.push_str(w);
        }
        // A code PETRARCH cannot read (`[025?]`, `[+++]`, `[###]`): the author's
        // placeholder, not an event; the pattern is left out.
        let valid = |c: &str| {
            c == "---"
                || (c.starts_with(|ch: char| ch.is_ascii_digit())
                    && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        };
        let (own, reverse) = paired(code);
        if !valid(&own) || reverse.as_deref().is_some_and(|r| !valid(r)) {
            self.warnings.push(DictError::new(
                name,
                line,
                format!("`[{code}]` is not an event code; pattern skipped"),
            ));
            return;
        }
        let parsed = parse_petrarch_pattern(&head, body, sets)
            .and_then(|p| super::petrarch::parse_pattern(verb, body, sets).map(|petr| (p, petr)));
        match parsed {
            Ok((mut p, petr)) => {
                (p.code, p.reverse) = paired(code);
                p.origin = format!("{name}:{line}").into();
                p.petrarch = Some(Arc::new(petr));
                self.push(p);
            }
            Err(e) => self.warnings.push(DictError::new(name, line, e)),
        }
    }
}

/// A PETRARCH verb block being read.
struct PetrarchBlock {
    /// The block's name (`ATTACK`, or a concept such as `PHYSICAL_CONFLICT`).
    name: String,
    /// Default code.
    code: String,
    line: usize,
    /// `(verb, own code, line)`.
    verbs: Vec<(PetrVerb, Option<String>, usize)>,
    /// `(pattern body, own code, line)`.
    patterns: Vec<(String, Option<String>, usize)>,
}

/// `--- ATTACK [190] ---` → (`attack`, `190`); `--- CARRY_OUT [---] ---` → (`carry out`, `---`).
fn parse_block_header(line: &str) -> Result<(String, String), String> {
    let inner = line.trim_matches('-').trim();
    let (verb, code) = split_code(inner)?;
    let code = code.ok_or_else(|| format!("`{line}`: verb block without a [code]"))?;
    let verb = verb.replace('_', " ").to_lowercase();
    if verb.is_empty() {
        return Err(format!("`{line}`: verb block without a verb"));
    }
    Ok((verb, code))
}

/// Split `words [CODE]` (or `[a:b]`) into the words and the first code.
fn split_code(s: &str) -> Result<(&str, Option<String>), String> {
    let (words, codes, _) = crate::dict::petrarch_codes(s)?;
    match codes.first() {
        None => Ok((words, None)),
        Some(c) if c.trim().trim_matches(':').trim().is_empty() => {
            Err(format!("`{s}`: empty code"))
        }
        Some(c) => Ok((words, Some(c.trim().to_string()))),
    }
}

/// `032:033` → (`032`, Some(`033`)); `190` → (`190`, None).
fn paired(code: &str) -> (String, Option<String>) {
    match code.split_once(':') {
        // `[:173]`: only the target's action toward the source.
        Some((a, b)) if a.trim().is_empty() => ("---".to_string(), Some(b.trim().to_string())),
        Some((a, b)) if !b.trim().is_empty() => (a.trim().to_string(), Some(b.trim().to_string())),
        Some((a, _)) => (a.trim().to_string(), None),
        None => (code.trim().to_string(), None),
    }
}

/// One element of a PETRARCH pattern.
#[derive(Clone, Debug, PartialEq)]
enum Elem {
    Word(Slot),
    Verb,
    Source,
    Target,
}

fn parse_petrarch_pattern(
    head: &str,
    body: &str,
    sets: &HashMap<String, Vec<String>>,
) -> Result<Pattern, String> {
    let mut head_words = head.split_whitespace();
    let head_word = head_words.next().ok_or("empty verb")?.to_string();
    let particles: Vec<Slot> = head_words.map(|w| vec![vec![w.to_string()]]).collect();
    let mut elems = Vec::new();
    let cleaned: String = body
        .chars()
        .map(|c| {
            if matches!(c, '{' | '}' | '(' | ')' | '_' | '%' | '^' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    for tok in cleaned.split_whitespace() {
        // Markers may be glued to words: `SUGGESTED+`, `+TIES`.
        let mut rest = tok;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('*') {
                elems.push(Elem::Verb);
                rest = r;
            } else if let Some(r) = rest.strip_prefix('$') {
                elems.push(Elem::Source);
                rest = r;
            } else if let Some(r) = rest.strip_prefix('+') {
                elems.push(Elem::Target);
                rest = r;
            } else {
                let end = rest[1..]
                    .find(['*', '$', '+'])
                    .map_or(rest.len(), |e| e + 1);
                let word = &rest[..end];
                rest = &rest[end..];
                if let Some(set) = word.strip_prefix('&') {
                    let members = super::petrarch::expand_set(set, sets, 0)?;
                    elems.push(Elem::Word(members));
                } else {
                    elems.push(Elem::Word(vec![vec![word.to_lowercase()]]));
                }
            }
        }
    }
    if elems.is_empty() {
        elems.push(Elem::Verb);
    }
    let verb_at = elems
        .iter()
        .position(|e| *e == Elem::Verb)
        .ok_or_else(|| format!("`{body}`: no `*`"))?;
    let (pre, post) = (&elems[..verb_at], &elems[verb_at + 1..]);
    let mut before = Vec::new();
    let mut target = Target::Any;
    for e in pre {
        match e {
            Elem::Word(s) => before.push(s.clone()),
            Elem::Target => target = Target::Subject,
            _ => {}
        }
    }
    let mut words = particles;
    let mut after = Vec::new();
    let mut source_prep = None;
    let mut seen_target = false;
    for e in post {
        match e {
            Elem::Word(s) if seen_target => after.push(s.clone()),
            Elem::Word(s) => words.push(s.clone()),
            Elem::Target if target != Target::Subject => {
                seen_target = true;
                target = match words.last() {
                    Some(last)
                        if last.iter().all(|alt| {
                            alt.len() == 1 && PREPOSITIONS.contains(&alt[0].as_str())
                        }) =>
                    {
                        let preps = last.iter().map(|a| a[0].clone()).collect();
                        words.pop();
                        Target::Prep(preps)
                    }
                    _ => Target::Object,
                };
            }
            Elem::Source => {
                let prev = if seen_target {
                    after.last()
                } else {
                    words.last()
                };
                if let Some(last) = prev.filter(|l| {
                    l.iter()
                        .all(|a| a.len() == 1 && PREPOSITIONS.contains(&a[0].as_str()))
                }) {
                    source_prep = Some(last.iter().map(|a| a[0].clone()).collect());
                    if seen_target {
                        after.pop();
                    } else {
                        words.pop();
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Pattern {
        code: String::new(),
        reverse: None,
        noun: false,
        head: head_key(&head_word),
        words,
        before,
        after,
        target,
        source_prep,
        petrarch: None,
        origin: Arc::from(""),
        text: if body.is_empty() {
            "*".to_string()
        } else {
            body.to_string()
        },
    })
}

/// `attack` → attack, attacks, attacked, attacking; `seize` → seizes, seized,
/// seizing; `ban` → banned, banning; `deny` → denies, denied; `talks` as written.
pub(crate) fn regular_forms(head: &str) -> Vec<String> {
    let mut out = vec![
        head.to_string(),
        format!("{head}s"),
        format!("{head}es"),
        format!("{head}ed"),
        format!("{head}ing"),
    ];
    if let Some(stem) = head.strip_suffix('e') {
        out.extend([format!("{head}d"), format!("{stem}ing")]);
    }
    if let Some(stem) = head.strip_suffix('y') {
        out.extend([format!("{stem}ies"), format!("{stem}ied")]);
    }
    if let Some(last) = head.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
        out.extend([format!("{head}{last}ed"), format!("{head}{last}ing")]);
    }
    // British/American spellings were folded into the head: unfold the common one.
    if let Some(stem) = head.strip_suffix("ize") {
        out.extend(regular_forms(&format!("{stem}ise")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_covers_every_root() {
        let d = VerbDictionary::builtin();
        assert!(d.len() > 300, "{}", d.len());
        // No pattern is listed under two codes.
        assert!(d.conflicts().is_empty(), "{:?}", d.conflicts());
        for root in 1..=20 {
            let root = format!("{root:02}");
            assert!(
                d.patterns.iter().any(|p| p.code.starts_with(&root)),
                "no pattern for root {root}"
            );
        }
        assert!(d.is_light("hold"));
    }

    #[test]
    fn dyad_patterns() {
        let p = parse_dyad_pattern("meet with *", "040", false, "t:1".into()).unwrap();
        assert_eq!(
            (p.head.as_str(), p.target.clone()),
            ("meet", Target::Prep(vec!["with".into()]))
        );
        let p = parse_dyad_pattern("impose sanctions on *", "163", false, "t:1".into()).unwrap();
        assert_eq!(p.words, [vec![vec!["sanctions".to_string()]]]);
        let p = parse_dyad_pattern("accuse * of", "112", false, "t:1".into()).unwrap();
        assert_eq!((p.target.clone(), p.after.len()), (Target::Object, 1));
        let p = parse_dyad_pattern("criticise", "111", false, "t:1".into()).unwrap();
        assert_eq!(
            (p.head.as_str(), p.target.clone()),
            ("criticize", Target::Any)
        );
        assert!(parse_dyad_pattern("* attack", "190", false, "t:1".into()).is_err());
        assert!(parse_dyad_pattern("attack * on *", "190", false, "t:1".into()).is_err());
        let mut d = VerbDictionary::default();
        let e = d
            .add_dyad("v.txt", "[190]\nverbs: attack\n[19x]\nverbs: hit\n")
            .unwrap_err();
        assert_eq!(e.line, 3);
        // A paired block codes the target's action back; a pair needs two codes.
        let mut d = VerbDictionary::default();
        d.add_dyad("v.txt", "[046:046]\nverbs: negotiate with *\n")
            .unwrap();
        let p = d.pattern(0);
        assert_eq!(
            (p.code.as_str(), p.reverse.as_deref()),
            ("046", Some("046"))
        );
        let e = d
            .add_dyad("v.txt", "[190]\nverbs: attack\n[175:x]\nverbs: crush *\n")
            .unwrap_err();
        assert_eq!(e.line, 3);
        // One pattern under two codes is reported (the file still loads).
        let mut d = VerbDictionary::default();
        d.add_dyad(
            "v.txt",
            "[190]\nverbs: attack *\n[111]\nverbs: attack *; attack\n",
        )
        .unwrap();
        assert_eq!(d.conflicts().len(), 1);
        assert_eq!(d.conflicts()[0].line, 4);
        assert!(d.conflicts()[0].message.contains("[190] at v.txt:2"));
    }

    #[test]
    fn inflected_forms_find_verbs_the_lemmatizer_misses() {
        let mut d = VerbDictionary::default();
        d.add_dyad("v.txt", "[194]\nverbs: shell\n\n[0841]\nverbs: free\n")
            .unwrap();
        // A stray lemma (`shel` for `shelled`) still finds `shell` by its form.
        assert_eq!(d.verb_candidates("shel", "shelled").len(), 1);
        assert_eq!(d.verb_candidates("shell", "Shelling").len(), 1);
        assert_eq!(d.verb_candidates("free", "freed").len(), 1);
        // The bare form is left to the lemma: `found` is no form of `find` here.
        assert!(d.verb_candidates("shel", "shell").is_empty());
        assert!(d.verb_candidates("bomb", "bombed").is_empty());
    }

    #[test]
    fn petrarch_blocks_sets_and_patterns() {
        let text = "&TIES\n+MILITARY\n+ECONOMIC_AID\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES TIES [065]\n\
                    - * DIPLOMATIC TIES (WITH +) [066]\n- + * BY $ [067]\n--- ATTACK [190] ---\n+BOMB\n- * [ bad\n";
        let mut d = VerbDictionary::default();
        d.add_petrarch("v.txt", text).unwrap();
        let restore: Vec<&Pattern> = d
            .verb_patterns("restore")
            .iter()
            .map(|&i| d.pattern(i))
            .collect();
        assert_eq!(restore.len(), 4);
        assert_eq!(
            restore[1].words[0],
            vec![
                vec!["economic".to_string(), "aid".into()],
                vec!["militaries".into()],
                vec!["military".into()]
            ]
        );
        // PETRARCH patterns match the verb's written forms.
        assert!(d.verb_candidates("restore", "restored").len() == 4);
        assert!(d.verb_candidates("restore", "restoring").len() == 4);
        assert!(d.verb_candidates("restore", "restores").len() == 4);
        assert!(d.verb_candidates("restore", "restorer").is_empty());
        assert_eq!(restore[2].target, Target::Prep(vec!["with".into()]));
        assert_eq!(restore[3].target, Target::Subject);
        assert_eq!(restore[3].source_prep, Some(vec!["by".to_string()]));
        assert_eq!(d.pattern(d.verb_patterns("bomb")[0]).code, "190");
        assert_eq!(d.warnings().len(), 1);
        assert_eq!(d.warnings()[0].line, 12);
    }
}
