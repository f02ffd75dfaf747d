//! From capitalised token runs to labelled entities.
//!
//! 1. **Runs**: maximal sequences of capitalised words in each sentence (a
//!    sentence-initial word only when the tagger calls it a proper noun or a list
//!    knows it), joined across `&`, unspaced hyphens and slashes, name particles
//!    (`Daniel arap Moi`) and `of`/`for` after an organisation or place head
//!    (`Bank of England`, `Gulf of Mexico`).
//! 2. **Pieces**: each run is labelled, or split and labelled, by the first rule that
//!    fits: a whole dictionary name (countries, capitals, organisations, groups,
//!    leaders), a listed place, an institution word, an organisation or place head
//!    (`... Inc.`, `... River`), a title (`U.S. President Bill Clinton` → `U.S.`
//!    LOCATION + `Bill Clinton` PERSON), a country adjective before a name, person
//!    cues (given name, initials, `Jr.`, particles), an acronym, and defaults.
//! 3. **Document**: a name labelled with confidence anywhere labels the same string
//!    everywhere; the parts of a person's full name label later bare surnames;
//!    `in` + an unknown name is a place.
//! 4. **Actors**: each entity is linked to the actor mention it is (or heads), and an
//!    unsure label takes the actor's kind.
//! 5. **Headlines** (all-capital sentences) yield only dictionary and list names and
//!    names already found in the body.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use dyad_doc::{ActorKind, Doc, Entity, EntityLabel, Span, TokenKind};

use super::cues::{cue_key, Cue, Cues};
use crate::actors::dictionary::{doc_keys, ActorDictionary, Form, Sense, SenseKind};

/// How sure a label is: a default, a list or gazetteer, a local cue.
const WEAK: u8 = 1;
const GAZ: u8 = 2;
const STRONG: u8 = 3;

#[derive(Clone, Debug)]
struct Piece {
    tokens: Range<usize>,
    label: Option<EntityLabel>,
    strength: u8,
}

fn piece(tokens: Range<usize>, label: EntityLabel, strength: u8) -> Piece {
    Piece {
        tokens,
        label: Some(label),
        strength,
    }
}

struct Ctx<'a> {
    doc: &'a Doc,
    dict: &'a ActorDictionary,
    cues: &'a Cues,
    texts: Vec<&'a str>,
    keys: Vec<String>,
    ckeys: Vec<String>,
    tags: Vec<&'static str>,
    kinds: Vec<TokenKind>,
}

/// Find the named entities of `doc` (which should have segmentation, tags and
/// actors; without tags, sentence-initial words are judged by the word lists).
pub fn recognize(doc: &Doc, dict: &ActorDictionary, cues: &Cues) -> Vec<Entity> {
    let texts: Vec<&str> = doc.tokens().map(|t| t.text()).collect();
    let ctx = Ctx {
        doc,
        dict,
        cues,
        ckeys: texts.iter().map(|t| cue_key(t)).collect(),
        keys: doc_keys(doc),
        tags: doc.tokens().map(|t| t.tag()).collect(),
        kinds: doc.tokens().map(|t| t.kind()).collect(),
        texts,
    };
    let mut pieces = Vec::new();
    let mut headlines = Vec::new();
    for s in doc.sentences() {
        let range = s.token_range();
        if ctx.is_headline(range.clone()) {
            headlines.push(range);
            continue;
        }
        for run in ctx.runs(range) {
            ctx.classify(run, &mut pieces);
        }
    }
    ctx.document_consistency(&mut pieces);
    let mut entities = ctx.link_actors(pieces);
    let known = ctx.known_names(&entities);
    for range in headlines {
        entities.extend(ctx.headline(range, &known));
    }
    entities.sort_by_key(|e| e.tokens.start);
    entities
}

impl<'a> Ctx<'a> {
    fn cap(&self, i: usize) -> bool {
        self.texts[i].chars().next().is_some_and(char::is_uppercase)
    }

    fn all_caps(&self, i: usize) -> bool {
        let t = self.texts[i];
        t.chars().any(char::is_alphabetic)
            && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    }

    /// `J.`, `W.`, `J.P.`: capital letters each followed by a period.
    fn initial(&self, i: usize) -> bool {
        let t = self.texts[i].as_bytes();
        t.len() >= 2
            && t.len() <= 6
            && t.chunks(2)
                .all(|c| c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.')
    }

    fn is(&self, i: usize, cue: Cue) -> bool {
        self.cues.is(&self.ckeys[i], cue)
    }

    fn is_headline(&self, range: Range<usize>) -> bool {
        let (mut upper, mut letters) = (0usize, 0usize);
        for i in range {
            for c in self.texts[i].chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                upper += c.is_uppercase() as usize;
            }
        }
        letters >= 8 && upper * 10 >= letters * 9
    }

    /// Is token `i` at the start of a sentence or a quotation, where any word is
    /// capitalised?
    fn sentence_initial(&self, i: usize, start: usize) -> bool {
        let mut j = i;
        while j > start {
            j -= 1;
            let t = self.texts[j];
            if self.kinds[j] == TokenKind::Word || self.kinds[j] == TokenKind::Number {
                return false;
            }
            if !matches!(
                t,
                "``" | "`"
                    | "\""
                    | "\u{201c}"
                    | "\u{2018}"
                    | "'"
                    | "("
                    | "["
                    | ":"
                    | "_"
                    | "-"
                    | "--"
                    | "\u{2014}"
                    | "\u{2013}"
                    | "..."
                    | "\u{2026}"
            ) {
                return false;
            }
        }
        true
    }

    /// Could token `i` belong to a name?
    fn name_like(&self, i: usize, start: usize) -> bool {
        if self.kinds[i] != TokenKind::Word
            || !self.cap(i)
            || self.texts[i].chars().any(|c| c.is_ascii_digit())
        {
            return false;
        }
        if self.initial(i) {
            return true;
        }
        if self.is(i, Cue::Skip) {
            return false;
        }
        if !self.sentence_initial(i, start) {
            return true;
        }
        let tag = self.tags[i];
        let key = self.ckeys[i].as_str();
        self.is(i, Cue::Title)
            || self.is(i, Cue::First)
            || self.is(i, Cue::Place)
            || self.is(i, Cue::Institution)
            || self.all_caps(i) && self.texts[i].len() >= 2
            || self.dict_name_at(i)
            || tag.starts_with("NNP") && !key.ends_with("ing") && !key.ends_with("ly")
            || tag.is_empty()
                && !crate::segment::Lexicon::english().is_sentence_starter(self.texts[i])
    }

    fn dict_name_at(&self, i: usize) -> bool {
        let end = self.doc.sentence(self.doc.sentence_of(i)).token_range().end;
        self.dict_match(i, end).is_some()
    }

    /// Is there no space between tokens `i` and `i + 1`?
    fn joined(&self, i: usize) -> bool {
        let d = self.doc.token_data();
        d[i].span.end == d[i + 1].span.start
    }

    /// The runs of name-like tokens of a sentence.
    fn runs(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let start = range.start;
        let end = range.end;
        let mut out = Vec::new();
        let mut i = start;
        while i < end {
            let particle_start = self.kinds[i] == TokenKind::Word
                && !self.cap(i)
                && self.is(i, Cue::Particle)
                && i + 1 < end
                && self.name_like(i + 1, start)
                && !(i > start && self.cap(i - 1))
                && matches!(
                    self.ckeys[i].as_str(),
                    "del" | "van" | "von" | "de" | "bin" | "al"
                );
            if !self.name_like(i, start) && !particle_start {
                i += 1;
                continue;
            }
            let s = i;
            let mut e = i + 1;
            loop {
                if e < end && self.name_like(e, start) {
                    e += 1;
                    continue;
                }
                if e + 1 < end && self.joins(e, start) && self.name_like(e + 1, start) {
                    e += 2;
                    continue;
                }
                if e + 1 < end
                    && self.texts[e] == ","
                    && matches!(
                        self.ckeys[e + 1].as_str(),
                        "inc" | "corp" | "ltd" | "co" | "llc" | "plc"
                    )
                {
                    e += 2;
                    continue;
                }
                if e + 2 < end
                    && matches!(self.ckeys[e].as_str(), "of" | "for")
                    && self.ckeys[e + 1] == "the"
                    && self.head_word(e - 1)
                    && self.name_like(e + 2, start)
                {
                    e += 3;
                    continue;
                }
                break;
            }
            out.push(s..e);
            i = e;
        }
        out
    }

    /// Does `i`, between two name-like tokens, join them into one run?
    fn joins(&self, i: usize, _start: usize) -> bool {
        let t = self.texts[i];
        match t {
            "&" => true,
            // `R-Calif.`, `BN-Seremban`: a party before a place is not one name.
            "-" | "/" => {
                self.joined(i - 1)
                    && self.joined(i)
                    && !(self.all_caps(i - 1)
                        && self.texts[i - 1].len() <= 4
                        && !self.all_caps(i + 1)
                        && i >= 2
                        && matches!(self.texts[i - 2], "(" | ","))
            }
            _ => match self.ckeys[i].as_str() {
                "of" | "for" => self.head_word(i - 1),
                _ => !self.cap(i) && self.is(i, Cue::Particle),
            },
        }
    }

    /// A word after which `of` continues a name: an organisation or place head, a
    /// title, or the first word of a place.
    fn head_word(&self, i: usize) -> bool {
        self.is(i, Cue::Org)
            || self.is(i, Cue::Loc)
            || self.is(i, Cue::Institution)
            || self.is(i, Cue::Title)
            || matches!(
                self.ckeys[i].as_str(),
                "republic"
                    | "kingdom"
                    | "isle"
                    | "cape"
                    | "strait"
                    | "gulf"
                    | "bay"
                    | "sea"
                    | "lake"
            )
    }

    /// Does `sense` fit the text at `tokens` (case as written, or an all-capital text)?
    fn fits(&self, sense: &Sense, tokens: Range<usize>) -> bool {
        if let Some(exact) = &sense.exact {
            let same = exact.iter().zip(tokens.clone()).all(|(e, i)| {
                if e.chars().any(char::is_uppercase) {
                    **e == *self.texts[i].replace('\u{2019}', "'")
                        || self.all_caps(i) && e.to_lowercase() == self.keys[i]
                } else {
                    **e == *self.keys[i]
                }
            });
            if !same {
                return false;
            }
        }
        !sense.proper || self.cap(tokens.start)
    }

    /// The entity label of a dictionary sense.
    fn sense_label(sense: &Sense) -> Option<(EntityLabel, u8)> {
        let sure = if sense.ambiguous { GAZ } else { STRONG };
        Some(match (sense.kind, sense.form) {
            (SenseKind::Person, _) => (EntityLabel::Person, sure),
            (SenseKind::Igo | SenseKind::Group | SenseKind::Seat, _) => {
                (EntityLabel::Organization, sure)
            }
            (SenseKind::Country, Form::Name) => (EntityLabel::Location, sure),
            (SenseKind::Country, Form::Capital | Form::Place) => (EntityLabel::Location, GAZ),
            (SenseKind::Country, Form::Adjective | Form::People) => (
                EntityLabel::Misc,
                if sense.ambiguous { WEAK } else { STRONG },
            ),
            (SenseKind::Country, Form::Context) | (SenseKind::Role, _) => return None,
        })
    }

    /// The longest dictionary name at `i` (before `end`) that fits and yields a
    /// label: its length, label and strength.
    fn dict_match(&self, i: usize, end: usize) -> Option<(usize, EntityLabel, u8)> {
        for (len, senses) in self.dict.matches(end - i, |k| self.keys[i + k].as_str()) {
            let best = senses
                .iter()
                .map(|&s| self.dict.sense(s))
                .filter(|s| self.fits(s, i..i + len))
                .filter_map(Self::sense_label)
                .max_by_key(|&(label, strength)| (strength, std::cmp::Reverse(label)));
            if let Some((label, strength)) = best {
                return Some((len, label, strength));
            }
        }
        None
    }

    /// The length of a role phrase (`Secretary of State`) at `i`, when capitalised.
    fn role_at(&self, i: usize, end: usize) -> Option<usize> {
        if !self.cap(i) {
            return None;
        }
        self.dict
            .matches(end - i, |k| self.keys[i + k].as_str())
            .into_iter()
            .find(|(len, senses)| {
                senses
                    .iter()
                    .any(|&s| self.dict.sense(s).kind == SenseKind::Role)
                    && !self.is(i + len - 1, Cue::Org)
            })
            .map(|(len, _)| len)
    }

    fn place(&self, r: &Range<usize>) -> bool {
        let keys: Vec<&str> = self.ckeys[r.clone()].iter().map(String::as_str).collect();
        if self.cues.longest(&keys, Cue::Place) == Some(r.len()) {
            return true;
        }
        r.len() == 1
            && self.is(r.start, Cue::Abbr)
            && (self.texts[r.start].ends_with('.') || r.start > 0 && self.texts[r.start - 1] == ",")
    }

    /// Label (or split and label) one run.
    fn classify(&self, r: Range<usize>, out: &mut Vec<Piece>) {
        if r.is_empty() {
            return;
        }
        let len = r.len();
        if self.is_dateline(&r) {
            out.push(piece(r, EntityLabel::Location, STRONG));
            return;
        }
        if len == 1 && self.is(r.start, Cue::Institution) {
            out.push(piece(r, EntityLabel::Organization, STRONG));
            return;
        }
        let place = self.place(&r);
        if let Some((n, label, strength)) = self.dict_match(r.start, r.end) {
            if n == len {
                if label == EntityLabel::Person && strength < STRONG && place {
                    out.push(piece(r, EntityLabel::Location, GAZ));
                } else if label == EntityLabel::Person && self.is_title(r.start) && len > 1 {
                    // `Pope John Paul II`: the name without its title.
                    let mut s = r.start;
                    while s + 1 < r.end && self.is_title(s) {
                        s += 1;
                    }
                    out.push(piece(s..r.end, label, strength));
                } else {
                    out.push(piece(r, label, strength));
                }
                return;
            }
        }
        if place {
            out.push(piece(r, EntityLabel::Location, GAZ));
            return;
        }
        if self.quoted(&r) && !self.is(r.start, Cue::First) {
            // The title of a work: ``Morning Edition''.
            out.push(piece(r, EntityLabel::Misc, STRONG));
            return;
        }
        if let Some(label) = self.head_label(&r) {
            out.push(piece(r, label, STRONG));
            return;
        }
        if r.clone().any(|i| self.is(i, Cue::Misc)) && !(len > 1 && self.is(r.start, Cue::First)) {
            out.push(piece(r, EntityLabel::Misc, STRONG));
            return;
        }
        if let Some((t0, t1)) = self.title_split(&r) {
            if len == 1 {
                // `King` alone: a surname only if the document says so.
                out.push(Piece {
                    tokens: r,
                    label: None,
                    strength: 0,
                });
                return;
            }
            self.classify(r.start..t0, out);
            let mut rest = t1;
            if rest < r.end && matches!(self.ckeys[rest].as_str(), "of" | "for" | "the") {
                while rest < r.end && !self.cap(rest) {
                    rest += 1;
                }
                self.classify(rest..r.end, out);
            } else if rest < r.end {
                if self.title_split(&(rest..r.end)).is_some() {
                    self.classify(rest..r.end, out);
                } else {
                    self.classify_person(rest..r.end, out);
                }
            }
            return;
        }
        if let Some((n, label, strength)) = self.dict_match(r.start, r.end) {
            // A country or organisation before more name words: `Kenyan Kivutha
            // Kibwana`, `U.N. Kofi Annan`.
            if label != EntityLabel::Person && n < len && self.cap(r.start + n) {
                out.push(piece(r.start..r.start + n, label, strength));
                self.classify(r.start + n..r.end, out);
                return;
            }
        }
        if self.person_cue(&r) {
            out.push(piece(r, EntityLabel::Person, STRONG));
            return;
        }
        out.push(self.default_piece(r));
    }

    /// A capital-letter run at the start of a sentence before a comma:
    /// `NAIROBI, Kenya (AP)`.
    fn is_dateline(&self, r: &Range<usize>) -> bool {
        let sentence = self
            .doc
            .sentence(self.doc.sentence_of(r.start))
            .token_range();
        sentence.start == r.start
            && r.clone()
                .all(|i| self.all_caps(i) && self.texts[i].len() > 1)
            && self.texts.get(r.end) == Some(&",")
    }

    /// Is the run all there is between quotation marks?
    fn quoted(&self, r: &Range<usize>) -> bool {
        let open = r.start > 0 && matches!(self.texts[r.start - 1], "``" | "`" | "\u{201c}" | "\"");
        let close = |i: usize| {
            self.texts
                .get(i)
                .is_some_and(|t| matches!(*t, "''" | "'" | "\u{201d}" | "\""))
        };
        open && (close(r.end) || self.texts.get(r.end) == Some(&",") && close(r.end + 1))
    }

    /// A name after a title: a person unless it says otherwise.
    fn classify_person(&self, r: Range<usize>, out: &mut Vec<Piece>) {
        let other = self
            .dict_match(r.start, r.end)
            .is_some_and(|(n, l, _)| n == r.len() && l != EntityLabel::Person)
            || self.place(&r)
            || self.head_label(&r).is_some();
        if other {
            self.classify(r, out);
        } else {
            out.push(piece(r, EntityLabel::Person, STRONG));
        }
    }

    /// Organisation or place from the head word: `Bank of England`, `Acme Corp.`,
    /// `Cherating River`, `Gulf of Mexico`, `Johnson & Johnson`.
    fn head_label(&self, r: &Range<usize>) -> Option<EntityLabel> {
        if r.len() < 2 {
            return None;
        }
        if let Some(c) =
            (r.start + 1..r.end).find(|&i| matches!(self.ckeys[i].as_str(), "of" | "for"))
        {
            let h = c - 1;
            if self.is(h, Cue::Org) || self.is(h, Cue::Institution) {
                return Some(EntityLabel::Organization);
            }
            if self.is(h, Cue::Loc) || self.head_word(h) && !self.is(h, Cue::Title) {
                return Some(EntityLabel::Location);
            }
            return None;
        }
        if self.texts[r.clone()].contains(&"&") {
            return Some(EntityLabel::Organization);
        }
        let last = r.end - 1;
        if self.is(last, Cue::Org) || self.is(last, Cue::Institution) {
            return Some(EntityLabel::Organization);
        }
        if self.is(last, Cue::Loc) {
            return Some(EntityLabel::Location);
        }
        None
    }

    fn is_title(&self, i: usize) -> bool {
        self.cap(i) && self.is(i, Cue::Title) && !self.is(i, Cue::First)
    }

    /// A title inside the run with a name after it (or a country before it):
    /// `(t0, t1)`, the title's tokens.
    fn title_split(&self, r: &Range<usize>) -> Option<(usize, usize)> {
        let mut i = r.start;
        while i < r.end {
            let role = self.role_at(i, r.end);
            if !self.is_title(i) && role.is_none() {
                i += 1;
                continue;
            }
            let t0 = i;
            let mut j = i;
            loop {
                if let Some(n) = self.role_at(j, r.end) {
                    j += n;
                } else if j < r.end && self.is_title(j)
                    || j + 1 < r.end
                        && matches!(self.texts[j], "-" | "of" | "for")
                        && (self.is_title(j + 1) || self.role_at(j + 1, r.end).is_some())
                {
                    j += 1;
                } else {
                    break;
                }
                if j >= r.end {
                    break;
                }
            }
            let rest_is_name = j < r.end && (j..r.end).any(|k| !self.is(k, Cue::Suffix));
            let prefix_known = t0 == r.start
                || self
                    .dict_match(r.start, t0)
                    .is_some_and(|(n, _, _)| r.start + n == t0);
            if rest_is_name || j >= r.end && prefix_known {
                return Some((t0, j.min(r.end)));
            }
            i = j.max(i + 1);
        }
        None
    }

    fn person_cue(&self, r: &Range<usize>) -> bool {
        if r.len() < 2 {
            return false;
        }
        let first = r.start;
        let last = r.end - 1;
        (self.is(first, Cue::First) && !self.is(first, Cue::Place))
            || r.clone()
                .any(|i| self.initial(i) && self.texts[i].len() == 2)
            || self.initial(first) && !self.initial(last)
            || self.is(last, Cue::Suffix)
            || r.clone()
                .skip(1)
                .any(|i| !self.cap(i) && self.is(i, Cue::Particle))
            || (r.start + 1..r.end).any(|i| {
                self.dict_match(i, r.end)
                    .is_some_and(|(n, l, _)| i + n == r.end && l == EntityLabel::Person)
            })
    }

    fn plain_word(&self, i: usize) -> bool {
        let t = self.texts[i];
        self.cap(i)
            && t.chars().count() > 1
            && !self.all_caps(i)
            && t.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
    }

    fn default_piece(&self, r: Range<usize>) -> Piece {
        let len = r.len();
        let after_the = r.start > 0 && self.ckeys[r.start - 1] == "the";
        if len == 1 {
            let i = r.start;
            let t = self.texts[i];
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            let tag = self.tags[i];
            if self.all_caps(i)
                && (2..=5).contains(&letters)
                && t.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '&'))
                && (tag.starts_with("NNP") || tag.is_empty())
            {
                // An acronym: `NBC`, `AP`.
                return piece(r, EntityLabel::Organization, GAZ);
            }
            if tag.starts_with("JJ") {
                return piece(r, EntityLabel::Misc, WEAK);
            }
            if self.is(i, Cue::First) {
                return piece(r, EntityLabel::Person, WEAK);
            }
            if after_the && !self.is(i, Cue::LocStart) {
                // `the Smithsonian`: people take no article.
                return piece(r, EntityLabel::Organization, WEAK);
            }
            return Piece {
                tokens: r,
                label: None,
                strength: 0,
            };
        }
        if self.is(r.start, Cue::LocStart) {
            return piece(r, EntityLabel::Location, WEAK);
        }
        if after_the {
            return piece(r, EntityLabel::Organization, WEAK);
        }
        if len <= 4 && r.clone().all(|i| self.plain_word(i)) {
            return piece(r, EntityLabel::Person, WEAK);
        }
        piece(r, EntityLabel::Misc, WEAK)
    }

    fn key_of(&self, r: &Range<usize>) -> String {
        self.ckeys[r.clone()].join(" ")
    }

    /// Person name parts: the words of multi-word person names.
    fn name_parts(&self, r: &Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let r = r.clone();
        r.filter(move |&i| self.plain_word(i) && !self.is(i, Cue::Suffix))
    }

    fn document_consistency(&self, pieces: &mut [Piece]) {
        let mut names: HashMap<String, (EntityLabel, u8)> = HashMap::new();
        let mut surnames: HashSet<&str> = HashSet::new();
        for p in pieces.iter() {
            let Some(label) = p.label else { continue };
            if p.strength >= GAZ {
                let e = names
                    .entry(self.key_of(&p.tokens))
                    .or_insert((label, p.strength));
                if p.strength > e.1 {
                    *e = (label, p.strength);
                }
            }
            if label == EntityLabel::Person && p.tokens.len() >= 2 {
                for i in self.name_parts(&p.tokens) {
                    surnames.insert(self.ckeys[i].as_str());
                }
            }
        }
        // A place with local evidence (`in Jackson`, `the town of Jackson`, `the
        // Jackson region`, `Jackson, Miss.`) keeps its label.
        let mut local_places: HashSet<String> = HashSet::new();
        let loc_starts: HashSet<usize> = pieces
            .iter()
            .filter(|p| p.label == Some(EntityLabel::Location) && p.strength >= GAZ)
            .map(|p| p.tokens.start)
            .collect();
        for p in pieces.iter() {
            let (s, e) = (p.tokens.start, p.tokens.end);
            if !self.tags[s].is_empty() && !self.tags[s].starts_with("NNP") {
                continue;
            }
            let next = self.ckeys.get(e).map(String::as_str);
            let local = s > 0 && self.is(s - 1, Cue::LocPrep) && next != Some("'s")
                || s > 1 && self.ckeys[s - 1] == "of" && self.is(s - 2, Cue::LocNoun)
                || next.is_some_and(|n| n != "state" && self.is(e, Cue::LocNoun) && !self.cap(e))
                || next == Some(",") && loc_starts.contains(&(e + 1));
            if local {
                local_places.insert(self.key_of(&p.tokens));
            }
        }
        for p in pieces.iter_mut() {
            if p.strength >= STRONG {
                continue;
            }
            let key = self.key_of(&p.tokens);
            if let Some(&(label, strength)) = names.get(&key) {
                if strength > p.strength {
                    p.label = Some(label);
                    p.strength = strength;
                    continue;
                }
            }
            let single = p.tokens.len() == 1;
            if single
                && surnames.contains(key.as_str())
                && p.label != Some(EntityLabel::Person)
                && !local_places.contains(&key)
                && p.label != Some(EntityLabel::Misc)
                && p.strength < GAZ
            {
                p.label = Some(EntityLabel::Person);
                p.strength = GAZ;
                continue;
            }
            if p.strength < GAZ && local_places.contains(&key) && p.tokens.len() <= 3 {
                p.label = Some(EntityLabel::Location);
                p.strength = WEAK;
            }
        }
    }

    /// Entities from pieces, linked to the actor mention each one is or heads.
    fn link_actors(&self, pieces: Vec<Piece>) -> Vec<Entity> {
        let actors = self.doc.actors();
        let mut out = Vec::with_capacity(pieces.len());
        for p in pieces {
            let r = &p.tokens;
            let first = actors.partition_point(|a| a.tokens.end <= r.start);
            let mut best: Option<(usize, u8)> = None;
            for (ai, a) in actors.iter().enumerate().skip(first) {
                if a.tokens.start >= r.end {
                    break;
                }
                let score = if a.tokens == *r {
                    3
                } else if a.kind == ActorKind::Role {
                    0
                } else if r.contains(&a.head) {
                    2
                } else if a.tokens.start >= r.start && a.tokens.end <= r.end {
                    1
                } else {
                    0
                };
                if score > 0 && best.is_none_or(|(_, s)| score > s) {
                    best = Some((ai, score));
                }
            }
            let actor = best.map(|(ai, _)| ai);
            let mut label = p.label;
            if let Some(a) = actor.map(|ai| &actors[ai]) {
                if p.strength <= WEAK {
                    let from_actor = match a.kind {
                        ActorKind::Person
                            if a.tokens == *r || a.via != dyad_doc::ActorVia::Coref =>
                        {
                            Some(EntityLabel::Person)
                        }
                        ActorKind::Igo | ActorKind::Group => Some(EntityLabel::Organization),
                        ActorKind::Country
                            if a.tokens == *r
                                && (self.tags[r.start].is_empty()
                                    || self.tags[r.start].starts_with("NNP")) =>
                        {
                            Some(if a.code.len() == 3 {
                                EntityLabel::Location
                            } else {
                                EntityLabel::Organization
                            })
                        }
                        _ => None,
                    };
                    label = from_actor.or(label);
                }
            }
            // An unknown single word that nothing labelled is not reported.
            let Some(label) = label else { continue };
            out.push(Entity {
                span: self.span(r),
                tokens: r.clone(),
                label,
                actor,
            });
        }
        out
    }

    fn span(&self, r: &Range<usize>) -> Span {
        let d = self.doc.token_data();
        Span::new(d[r.start].span.start, d[r.end - 1].span.end)
    }

    /// Names found in the body, for headlines: key → label.
    fn known_names(&self, entities: &[Entity]) -> HashMap<String, EntityLabel> {
        let mut known = HashMap::new();
        for e in entities {
            if e.label == EntityLabel::Misc {
                continue;
            }
            known.entry(self.key_of(&e.tokens)).or_insert(e.label);
            if e.label == EntityLabel::Person && e.tokens.len() >= 2 {
                for i in self.name_parts(&e.tokens) {
                    known
                        .entry(self.ckeys[i].clone())
                        .or_insert(EntityLabel::Person);
                }
            }
        }
        known
    }

    /// Entities of an all-capital sentence: dictionary names, listed places and
    /// names the body has, longest first; nothing else.
    fn headline(&self, range: Range<usize>, known: &HashMap<String, EntityLabel>) -> Vec<Entity> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            if self.kinds[i] != TokenKind::Word || self.is(i, Cue::Skip) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, EntityLabel)> = None;
            let mut consider = |n: usize, label: EntityLabel| {
                if best.is_none_or(|(m, _)| n > m) {
                    best = Some((n, label));
                }
            };
            if let Some((n, label, _)) = self.dict_match(i, range.end) {
                let short = n == 1 && self.texts[i].chars().count() < 2;
                if label != EntityLabel::Misc && !short {
                    consider(n, label);
                }
            }
            let max = (range.end - i).min(5);
            let keys: Vec<&str> = self.ckeys[i..i + max].iter().map(String::as_str).collect();
            if let Some(n) = self.cues.longest(&keys, Cue::Place) {
                consider(n, EntityLabel::Location);
            }
            for n in 1..=max {
                if let Some(&label) = known.get(&keys[..n].join(" ")) {
                    consider(n, label);
                }
            }
            match best {
                Some((n, label)) => {
                    let r = i..i + n;
                    let actor = self
                        .doc
                        .actors()
                        .iter()
                        .position(|a| a.tokens == r || r.contains(&a.head));
                    out.push(Entity {
                        span: self.span(&r),
                        tokens: r,
                        label,
                        actor,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}
