//! The actor dictionary: every phrase that names a country, organisation, role or
//! person, compiled into a token trie for longest-match lookup.
//!
//! Phrases are tokenised with Dyad's own tokenizer and keyed by lower-cased token
//! text, so `Russia's` meets the entry `Russia` and `Guinea-Bissau` meets
//! `Guinea - Bissau`. A phrase written with a capital letter matches only with that
//! capitalisation (`US` never matches `us`); an all-lower-case phrase matches any.

use std::sync::{Arc, OnceLock};

use crate::dict::{parse_blocks, DateRange, DictError, Item};
use crate::keys::FxHashMap;
use crate::segment::{tokenize::tokenize, Lexicon};

/// What a phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SenseKind {
    /// A state: name, adjective, demonym or capital (`code` is the country).
    Country,
    /// A building or institution standing for part of a state (`Kremlin` → RUS + GOV).
    Seat,
    /// An international organisation or NGO (complete code).
    Igo,
    /// A non-state group with a complete code (PETRARCH non-state actor files).
    Group,
    /// A role noun (`police` → COP); combines with a country or organisation.
    Role,
    /// A person; the code depends on the story date.
    Person,
}

/// How a country phrase names its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A name (`France`) or another complete phrase.
    Name,
    /// An adjective (`French`).
    Adjective,
    /// A demonym noun (`Frenchmen`): people of the country, civilians by default.
    People,
    /// A capital used as a metonym (`Paris`); not an actor after a locative preposition.
    Capital,
    /// A city or region inside the country (`Aleppo`, `Alaska`): where an event
    /// happens, coded as the country (a target such as "exercises in Alaska").
    Place,
    /// Resolves only when the document names one of `context` (`the North` in a Korea story).
    Context,
}

/// A code that holds during an optional date range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// Actor or role code.
    pub code: String,
    /// When it holds; `None` = always (a default).
    pub range: Option<DateRange>,
}

/// One meaning of a phrase.
#[derive(Clone, Debug)]
pub struct Sense {
    /// What kind of actor.
    pub kind: SenseKind,
    /// How a country is named.
    pub form: Form,
    /// The entity: country block, organisation, person or role, unique per dictionary.
    pub entity: u32,
    /// Codes, first match wins; for roles the role code(s).
    pub codes: Vec<DatedCode>,
    /// Role appended to the country for [`SenseKind::Seat`].
    pub role: Option<String>,
    /// The entry is valid only inside this range (historical states).
    pub valid: Option<DateRange>,
    /// Needs supporting context (`?` in Dyad's files).
    pub ambiguous: bool,
    /// The original tokens when they must match case-sensitively.
    pub exact: Option<Vec<Box<str>>>,
    /// The text's first token must be capitalised (PETRARCH actor names).
    pub proper: bool,
    /// `m` or `f` for people with a known gender.
    pub gender: Option<char>,
    /// Countries whose mention in the document licenses a [`Form::Context`] phrase.
    pub context: Vec<String>,
    /// `file:line` of the entry, for explanations.
    pub origin: Arc<str>,
}

impl Sense {
    /// A plain, unambiguous, case-sensitive-as-written sense with these codes.
    pub fn new(kind: SenseKind, entity: u32, codes: Vec<DatedCode>, origin: Arc<str>) -> Sense {
        Sense {
            kind,
            form: Form::Name,
            entity,
            codes,
            role: None,
            valid: None,
            ambiguous: false,
            exact: None,
            proper: false,
            gender: None,
            context: Vec::new(),
            origin,
        }
    }

    /// The code this sense yields on `date` (`YYYYMMDD`), or `None` when no code holds.
    /// Without a date, the current (open-ended or undated) code is used.
    pub fn code_at(&self, date: Option<u32>) -> Option<&str> {
        let fits = |c: &&DatedCode| match (c.range, date) {
            (None, _) => false,
            (Some(r), Some(d)) => r.contains(d),
            (Some(r), None) => r.is_current(),
        };
        self.codes
            .iter()
            .find(fits)
            .or_else(|| self.codes.iter().find(|c| c.range.is_none()))
            .map(|c| c.code.as_str())
    }

    /// Is the entry written as in the text at `start`? Its words with a capital must
    /// appear exactly so (`IS` is not `is`, `US` not `us`); its lower-case words
    /// ("the", "of") in any case; and a capitalised word that is no acronym
    /// (`Israel`) in any case where `proper(i)` says token `i` is a name all the
    /// same ("to help iSrael", tagged `NNP`). `text(i)` is token `i` as written,
    /// `key(i)` its lower-cased key.
    pub fn written_as<'t>(
        &self,
        start: usize,
        text: impl Fn(usize) -> &'t str,
        key: impl Fn(usize) -> &'t str,
        proper: impl Fn(usize) -> bool,
    ) -> bool {
        self.exact.as_ref().is_none_or(|exact| {
            exact.iter().enumerate().all(|(k, e)| {
                let i = start + k;
                if !e.chars().any(char::is_uppercase) {
                    **e == *key(i)
                } else if e.chars().any(char::is_lowercase) && proper(i) {
                    e.to_lowercase() == key(i)
                } else {
                    **e == *text(i).replace('\u{2019}', "'")
                }
            })
        })
    }

    /// Is this entry in force on `date`? Without a date, when it still is (a group
    /// founded in 2006 and still active, not the Soviet Union).
    pub fn in_force(&self, date: Option<u32>) -> bool {
        match (self.valid, date) {
            (None, _) => true,
            (Some(r), Some(d)) => r.contains(d),
            (Some(r), None) => r.is_current(),
        }
    }
}

#[derive(Debug, Default)]
struct Node {
    children: FxHashMap<Box<str>, u32>,
    senses: Vec<u32>,
}

/// A compiled actor dictionary.
#[derive(Debug)]
pub struct ActorDictionary {
    nodes: Vec<Node>,
    senses: Vec<Sense>,
    entities: u32,
    phrases: usize,
    warnings: Vec<DictError>,
}

impl Default for ActorDictionary {
    fn default() -> ActorDictionary {
        ActorDictionary {
            nodes: vec![Node::default()],
            senses: Vec::new(),
            entities: 0,
            phrases: 0,
            warnings: Vec::new(),
        }
    }
}

/// The key a token is looked up by: lower case, curly apostrophes straightened.
pub fn token_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    push_key(text, &mut key);
    key
}

/// Append [`token_key`]`(text)` to `out`.
fn push_key(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(
            text.chars()
                .map(|c| if c == '\u{2019}' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
}

/// The lookup key of every token of `doc`.
pub fn doc_keys(doc: &dyad_doc::Doc) -> Vec<String> {
    doc.tokens().map(|t| token_key(t.text())).collect()
}

/// [`doc_keys`] in one buffer (two allocations per document, not one per token).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenKeys {
    text: String,
    ends: Vec<usize>,
}

impl TokenKeys {
    /// The keys of every token of `doc`.
    pub fn of(doc: &dyad_doc::Doc) -> TokenKeys {
        let mut keys = TokenKeys {
            text: String::with_capacity(doc.text().len()),
            ends: Vec::with_capacity(doc.token_data().len()),
        };
        for t in doc.tokens() {
            push_key(t.text(), &mut keys.text);
            keys.ends.push(keys.text.len());
        }
        keys
    }

    /// The key of token `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True for a document without tokens.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Sizes of a dictionary, for reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DictStats {
    /// Distinct entities (countries, organisations, roles, people).
    pub entities: u32,
    /// Phrases entered into the trie.
    pub phrases: usize,
}

/// The built-in files, by name.
pub const BUILTIN_FILES: [(&str, &str); 6] = [
    (
        "countries.txt",
        include_str!("../../../../data/dict/countries.txt"),
    ),
    (
        "regions.txt",
        include_str!("../../../../data/dict/regions.txt"),
    ),
    ("igos.txt", include_str!("../../../../data/dict/igos.txt")),
    ("roles.txt", include_str!("../../../../data/dict/roles.txt")),
    (
        "groups.txt",
        include_str!("../../../../data/dict/groups.txt"),
    ),
    (
        "leaders.txt",
        include_str!("../../../../data/dict/leaders.txt"),
    ),
];

/// The fields of a Dyad `countries.txt` block.
const COUNTRY_KEYS: [&str; 8] = [
    "names",
    "adjectives",
    "people",
    "capitals",
    "places",
    "seats",
    "valid",
    "context",
];

/// The codes of the built-in country and region dictionaries (`USA`, `SUN`, `EUR`,
/// ...): what goes where a country code goes.
pub fn builtin_country_codes() -> Result<Vec<String>, DictError> {
    let mut codes = Vec::new();
    for (name, text) in BUILTIN_FILES {
        if ActorFileKind::from_name(name) == Some(ActorFileKind::Countries) {
            codes.extend(
                parse_blocks(name, text, &COUNTRY_KEYS)?
                    .into_iter()
                    .map(|b| b.id),
            );
        }
    }
    Ok(codes)
}

/// Which format an actor file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorFileKind {
    /// Dyad `countries.txt` format (also `regions.txt`).
    Countries,
    /// Dyad `igos.txt` format.
    Igos,
    /// Dyad `groups.txt` format (the `igos.txt` syntax, for non-state groups).
    Groups,
    /// Dyad `roles.txt` format.
    Roles,
    /// Dyad `leaders.txt` format.
    Leaders,
    /// PETRARCH/TABARI `.actors` file; `true` for non-state group files.
    PetrarchActors(bool),
    /// PETRARCH/TABARI agents file.
    PetrarchAgents,
}

impl ActorDictionary {
    /// Dyad's own dictionaries, compiled in; parsed once per process.
    pub fn builtin() -> Arc<ActorDictionary> {
        static DICT: OnceLock<Arc<ActorDictionary>> = OnceLock::new();
        DICT.get_or_init(|| {
            let mut d = ActorDictionary::default();
            d.add_builtin()
                .expect("built-in actor dictionaries parse (checked by tests)");
            Arc::new(d)
        })
        .clone()
    }

    /// Add Dyad's own dictionaries.
    pub fn add_builtin(&mut self) -> Result<(), DictError> {
        for (name, text) in BUILTIN_FILES {
            let kind = ActorFileKind::from_name(name).expect("built-in names are known");
            self.add_file(name, text, kind)?;
        }
        Ok(())
    }

    /// Sizes, for reports.
    pub fn stats(&self) -> DictStats {
        DictStats {
            entities: self.entities,
            phrases: self.phrases,
        }
    }

    /// The sense with index `i`.
    pub fn sense(&self, i: u32) -> &Sense {
        &self.senses[i as usize]
    }

    /// Add the text of one file of `kind`, named `name` in errors.
    pub fn add_file(
        &mut self,
        name: &str,
        text: &str,
        kind: ActorFileKind,
    ) -> Result<(), DictError> {
        match kind {
            ActorFileKind::Countries => self.add_countries(name, text),
            ActorFileKind::Igos => self.add_igos(name, text, SenseKind::Igo),
            ActorFileKind::Groups => self.add_igos(name, text, SenseKind::Group),
            ActorFileKind::Roles => self.add_roles(name, text),
            ActorFileKind::Leaders => self.add_leaders(name, text),
            ActorFileKind::PetrarchActors(group) => {
                let w = super::petrarch::add_actors(self, name, text, group)?;
                self.warnings.extend(w);
                Ok(())
            }
            ActorFileKind::PetrarchAgents => {
                let w = super::petrarch::add_agents(self, name, text)?;
                self.warnings.extend(w);
                Ok(())
            }
        }
    }

    /// Malformed lines of loaded PETRARCH files that were skipped.
    pub fn warnings(&self) -> &[DictError] {
        &self.warnings
    }

    /// A fresh entity id.
    pub(crate) fn new_entity(&mut self) -> u32 {
        self.entities += 1;
        self.entities - 1
    }

    /// Enter `phrase` with `sense`. Returns false (and adds nothing) when the phrase
    /// has no tokens.
    pub(crate) fn insert(&mut self, phrase: &str, mut sense: Sense, case_sensitive: bool) -> bool {
        let toks: Vec<&str> = tokenize(phrase, Lexicon::english())
            .iter()
            .map(|t| &phrase[t.span.range()])
            .collect();
        if toks.is_empty() {
            return false;
        }
        if case_sensitive && phrase.chars().any(char::is_uppercase) {
            sense.exact = Some(
                toks.iter()
                    .map(|t| t.replace('\u{2019}', "'").into_boxed_str())
                    .collect(),
            );
        }
        let mut node = 0usize;
        for t in &toks {
            let key = token_key(t);
            node = match self.nodes[node].children.get(key.as_str()) {
                Some(&n) => n as usize,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node]
                        .children
                        .insert(key.into_boxed_str(), n as u32);
                    n
                }
            };
        }
        let id = self.senses.len() as u32;
        self.senses.push(sense);
        self.nodes[node].senses.push(id);
        self.phrases += 1;
        true
    }

    /// Call `found` for every phrase that matches at `tokens[0]`, shortest first,
    /// with its length in tokens and its senses. `key(i)` gives token `i`'s key.
    fn walk<'a>(
        &'a self,
        len: usize,
        key: impl Fn(usize) -> &'a str,
        mut found: impl FnMut(usize, &'a [u32]),
    ) {
        let mut node = 0usize;
        for i in 0..len {
            match self.nodes[node].children.get(key(i)) {
                Some(&n) => node = n as usize,
                None => break,
            }
            if !self.nodes[node].senses.is_empty() {
                found(i + 1, self.nodes[node].senses.as_slice());
            }
        }
    }

    /// Longest phrase starting at `tokens[0]`: its length in tokens and its senses.
    pub fn longest_match<'a>(
        &'a self,
        len: usize,
        key: impl Fn(usize) -> &'a str,
    ) -> Option<(usize, &'a [u32])> {
        let mut best = None;
        self.walk(len, key, |n, senses| best = Some((n, senses)));
        best
    }

    /// The phrases found by scanning tokens `range` (of a document whose token `i`
    /// has key `key(i)`) from the left, taking the longest match at each token and
    /// going on after it: `(start, length, senses)` in order.
    pub fn greedy_matches<'a>(
        &'a self,
        key: impl Fn(usize) -> &'a str + Copy + 'a,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, usize, &'a [u32])> + 'a {
        let mut i = range.start;
        std::iter::from_fn(move || {
            while i < range.end {
                let start = i;
                match self.longest_match(range.end - start, |k| key(start + k)) {
                    Some((len, senses)) => {
                        i += len;
                        return Some((start, len, senses));
                    }
                    None => i += 1,
                }
            }
            None
        })
    }

    /// All phrase lengths that match at `tokens[0]`, longest first, with their senses.
    pub fn matches<'a>(
        &'a self,
        len: usize,
        key: impl Fn(usize) -> &'a str,
    ) -> Vec<(usize, &'a [u32])> {
        let mut out = Vec::new();
        self.walk(len, key, |n, senses| out.push((n, senses)));
        out.reverse();
        out
    }

    fn add_countries(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        for block in parse_blocks(name, text, &COUNTRY_KEYS)? {
            check_code(name, block.line, &block.id, 3)?;
            let entity = self.new_entity();
            let valid = block_valid(name, &block)?;
            let origin: Arc<str> = format!("{name}:{}", block.line).into();
            let base = Sense {
                valid,
                ..Sense::new(
                    SenseKind::Country,
                    entity,
                    vec![DatedCode {
                        code: block.id.clone(),
                        range: None,
                    }],
                    origin,
                )
            };
            for (key, form) in [
                ("names", Form::Name),
                ("adjectives", Form::Adjective),
                ("people", Form::People),
                ("capitals", Form::Capital),
                ("places", Form::Place),
            ] {
                for (item, line) in block.items(key) {
                    let sense = Sense {
                        form,
                        ambiguous: item.ambiguous,
                        origin: format!("{name}:{line}").into(),
                        ..base.clone()
                    };
                    self.insert(&item.text, sense, true);
                }
            }
            for (item, line) in block.items("seats") {
                let (place, role) = item.text.split_once('=').ok_or_else(|| {
                    DictError::new(name, line, format!("seat `{}` needs `=ROLE`", item.text))
                })?;
                // The `?` marker goes after the name: `Diet?=LEG`.
                let (place, ambiguous) = match place.trim().strip_suffix('?') {
                    Some(p) => (p, true),
                    None => (place.trim(), item.ambiguous),
                };
                check_code(name, line, role.trim(), 3)?;
                let sense = Sense {
                    kind: SenseKind::Seat,
                    role: Some(role.trim().to_string()),
                    ambiguous,
                    origin: format!("{name}:{line}").into(),
                    ..base.clone()
                };
                self.insert(place, sense, true);
            }
            for (item, line) in block.items("context") {
                let (phrase, codes) = item.text.split_once('@').ok_or_else(|| {
                    DictError::new(
                        name,
                        line,
                        format!("context `{}` needs `@ CODE ...`", item.text),
                    )
                })?;
                let sense = Sense {
                    form: Form::Context,
                    context: codes.split_whitespace().map(str::to_string).collect(),
                    origin: format!("{name}:{line}").into(),
                    ..base.clone()
                };
                self.insert(phrase.trim(), sense, true);
            }
        }
        Ok(())
    }

    fn add_igos(&mut self, name: &str, text: &str, kind: SenseKind) -> Result<(), DictError> {
        for block in parse_blocks(name, text, &["names", "capitals", "valid"])? {
            check_code(name, block.line, &block.id, 3)?;
            let entity = self.new_entity();
            let valid = block_valid(name, &block)?;
            for (item, line) in block.items("names").chain(block.items("capitals")) {
                let sense = Sense {
                    valid,
                    // A capital (Brussels for the EU) is also a city: it needs context.
                    ambiguous: item.ambiguous,
                    ..Sense::new(
                        kind,
                        entity,
                        vec![DatedCode {
                            code: block.id.clone(),
                            range: None,
                        }],
                        format!("{name}:{line}").into(),
                    )
                };
                self.insert(&item.text, sense, true);
            }
        }
        Ok(())
    }

    fn add_roles(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        for block in parse_blocks(name, text, &[""])? {
            check_code(name, block.line, &block.id, 3)?;
            let entity = self.new_entity();
            for (item, line) in block.items("") {
                let sense = role_sense(&block.id, entity, item, format!("{name}:{line}").into());
                self.insert(&item.text, sense, true);
            }
        }
        Ok(())
    }

    fn add_leaders(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        for block in parse_blocks(name, text, &["aliases", "codes", "gender"])? {
            let entity = self.new_entity();
            let mut codes = Vec::new();
            for (item, line) in block.items("codes") {
                let mut parts = item.text.split_whitespace();
                let code = parts.next().unwrap_or_default();
                check_code(name, line, code, 3)?;
                let range = parts
                    .next()
                    .map(DateRange::parse)
                    .transpose()
                    .map_err(|e| DictError::new(name, line, e))?;
                if parts.next().is_some() {
                    return Err(DictError::new(
                        name,
                        line,
                        format!("`{}`: expected `CODE [FROM-TO]`", item.text),
                    ));
                }
                codes.push(DatedCode {
                    code: code.to_string(),
                    range,
                });
            }
            if codes.is_empty() {
                return Err(DictError::new(
                    name,
                    block.line,
                    format!("[{}] has no codes", block.id),
                ));
            }
            let gender = match block.items("gender").next() {
                None => None,
                Some((g, _)) if g.text == "m" || g.text == "f" => g.text.chars().next(),
                Some((g, line)) => {
                    return Err(DictError::new(
                        name,
                        line,
                        format!("gender `{}`: use m or f", g.text),
                    ))
                }
            };
            let header = Item {
                text: block.id.clone(),
                ambiguous: false,
            };
            let origin: Arc<str> = format!("{name}:{}", block.line).into();
            for (item, _) in std::iter::once((&header, block.line)).chain(block.items("aliases")) {
                let sense = Sense {
                    ambiguous: item.ambiguous,
                    gender,
                    ..Sense::new(SenseKind::Person, entity, codes.clone(), origin.clone())
                };
                self.insert(&item.text, sense, true);
            }
        }
        Ok(())
    }
}

/// A role sense for `item` of role block `code`.
pub(crate) fn role_sense(code: &str, entity: u32, item: &Item, origin: Arc<str>) -> Sense {
    Sense {
        ambiguous: item.ambiguous,
        ..Sense::new(
            SenseKind::Role,
            entity,
            vec![DatedCode {
                code: code.to_string(),
                range: None,
            }],
            origin,
        )
    }
}

fn block_valid(name: &str, block: &crate::dict::Block) -> Result<Option<DateRange>, DictError> {
    block
        .items("valid")
        .next()
        .map(|(item, line)| DateRange::parse(&item.text).map_err(|e| DictError::new(name, line, e)))
        .transpose()
}

/// Codes are upper-case ASCII letters (and `-` for an unknown country), in groups of three.
fn check_code(name: &str, line: usize, code: &str, unit: usize) -> Result<(), DictError> {
    let ok = !code.is_empty()
        && code.len().is_multiple_of(unit)
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'-' || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(DictError::new(
            name,
            line,
            format!("`{code}` is not an actor code"),
        ))
    }
}

impl ActorFileKind {
    /// Recognise a file's kind from its name.
    pub fn from_name(name: &str) -> Option<ActorFileKind> {
        let lower = name.to_ascii_lowercase();
        let base = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
        Some(match base {
            "countries.txt" | "regions.txt" => ActorFileKind::Countries,
            "igos.txt" => ActorFileKind::Igos,
            "groups.txt" => ActorFileKind::Groups,
            "roles.txt" => ActorFileKind::Roles,
            "leaders.txt" => ActorFileKind::Leaders,
            b if b.contains("agents") => ActorFileKind::PetrarchAgents,
            b if b.contains("actors") => ActorFileKind::PetrarchActors(b.contains("milnonstate")),
            _ => return None,
        })
    }

    /// Recognise a file's kind from its content, when its name says nothing.
    pub fn from_content(text: &str) -> Option<ActorFileKind> {
        let lines = || {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("<!--"))
        };
        let first = lines().next()?;
        if first.starts_with('[') && first.ends_with(']') {
            let mut keys = lines().filter_map(|l| l.split_once(": ").map(|(k, _)| k.to_string()));
            return Some(match keys.next().as_deref() {
                Some("aliases" | "codes" | "gender") => ActorFileKind::Leaders,
                Some("names" | "adjectives" | "people" | "capitals" | "places" | "seats") => {
                    let id = first.trim_matches(['[', ']']);
                    if id.starts_with("IGO") || id.starts_with("NGO") {
                        ActorFileKind::Igos
                    } else {
                        ActorFileKind::Countries
                    }
                }
                Some(_) => return None,
                None => ActorFileKind::Roles,
            });
        }
        if lines().any(|l| l.contains("[~") || l.contains("~]")) {
            return Some(ActorFileKind::PetrarchAgents);
        }
        lines()
            .any(|l| l.contains('[') && l.ends_with(']') || l.starts_with('+'))
            .then_some(ActorFileKind::PetrarchActors(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_with_sizes() {
        let d = ActorDictionary::builtin();
        let s = d.stats();
        assert!(s.entities > 1500, "{s:?}");
        assert!(s.phrases > 8000, "{s:?}");
    }

    #[test]
    fn malformed_files_name_the_line() {
        let mut d = ActorDictionary::default();
        let e = d
            .add_file(
                "c.txt",
                "[FRA]\nnames: France\nseats: Elysee\n",
                ActorFileKind::Countries,
            )
            .unwrap_err();
        assert_eq!(e.line, 3);
        let e = d
            .add_file(
                "l.txt",
                "[X Y]\ncodes: USAGOV 2020-13\n",
                ActorFileKind::Leaders,
            )
            .unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = d
            .add_file("r.txt", "[gov]\npresident\n", ActorFileKind::Roles)
            .unwrap_err();
        assert_eq!(e.line, 1, "{e}");
    }

    #[test]
    fn dated_codes_follow_the_story_date() {
        let mut d = ActorDictionary::default();
        d.add_file(
            "l.txt",
            "[Ann Example]\naliases: Example\ncodes: ARNGOV 20100101-20141231; ARNELI 20150101-\ngender: f\n",
            ActorFileKind::Leaders,
        )
        .unwrap();
        let keys = ["example"];
        let (len, senses) = d.longest_match(1, |i| keys[i]).unwrap();
        assert_eq!(len, 1);
        let s = d.sense(senses[0]);
        assert_eq!(s.code_at(Some(20120505)), Some("ARNGOV"));
        assert_eq!(s.code_at(Some(20200505)), Some("ARNELI"));
        assert_eq!(s.code_at(Some(19990101)), None);
        assert_eq!(s.code_at(None), Some("ARNELI"));
        assert_eq!(s.gender, Some('f'));
    }

    #[test]
    fn token_keys_agree_with_doc_keys() {
        let p = crate::pipeline::Pipeline::basic(&Default::default());
        let doc = p.process(crate::ingest::RawArticle::from_text(
            "d",
            "The U.S. and Côte d\u{2019}Ivoire's ΟΔΟΣ met İstanbul officials.",
        ));
        let keys = TokenKeys::of(&doc);
        let expected = doc_keys(&doc);
        assert_eq!(keys.len(), expected.len());
        for (i, k) in expected.iter().enumerate() {
            assert_eq!(keys.get(i), k);
        }
    }

    #[test]
    fn kinds_from_names_and_content() {
        assert_eq!(
            ActorFileKind::from_name("x/Phoenix.agents.txt"),
            Some(ActorFileKind::PetrarchAgents)
        );
        assert_eq!(
            ActorFileKind::from_name("Phoenix.MilNonState.actors.txt"),
            Some(ActorFileKind::PetrarchActors(true))
        );
        assert_eq!(
            ActorFileKind::from_content("[GOV]\npresident\n"),
            Some(ActorFileKind::Roles)
        );
        assert_eq!(
            ActorFileKind::from_content("[IGOXYZ]\nnames: Xyz\n"),
            Some(ActorFileKind::Igos)
        );
        assert_eq!(
            ActorFileKind::from_content("FOO_ [ARN]\n+BAR\n"),
            Some(ActorFileKind::PetrarchActors(false))
        );
        assert_eq!(ActorFileKind::from_content("hello world\n"), None);
    }
}
