//! Events: who did what to whom, coded in CAMEO (and PLOVER through the CAMEO table).
//!
//! [`verbs`] holds the verb and event-noun patterns (Dyad's `data/dict/verbs.txt`
//! and PETRARCH2 verb files); [`coder`] applies them over the dependency parse to
//! the actors found by [`crate::actors`]; [`cameo`] gives each code its root,
//! QuadClass, Goldstein score and PLOVER type.
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//!
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let mut article = RawArticle::from_text("d1", "Russia imposed sanctions on Ukraine.");
//! article.meta.date = Some("2014-03-20".into());
//! let doc = pipeline.process(article);
//! let e = &doc.events()[0];
//! let actor = |a: &Option<dyad::doc::EventArg>| a.as_ref().and_then(|a| a.actor).map(|i| doc.actors()[i].code.as_str());
//! assert_eq!((actor(&e.source), actor(&e.target)), (Some("RUS"), Some("UKR")));
//! assert!(e.code.starts_with("16") || e.code.starts_with("17"), "{}", e.code);
//! ```

pub mod cameo;
pub mod coder;
pub mod petrarch;
pub mod verbs;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use dyad_doc::{Doc, Event, Modality};

pub use verbs::VerbDictionary;

use crate::actors::dictionary::{Form, SenseKind, TokenKeys};
use crate::actors::ActorDictionary;
use crate::keys::FxHashMap;
use crate::pipeline::Component;
use crate::syntax::{ParseHints, Syntax, Tagging};

/// Chooses the sentences that could hold an event: at least `min_actors` actor
/// candidates (dictionary phrases; a pronoun alone does not count), one of them more
/// than a bare role and one before the pattern word, and a pattern whose head and
/// required words all occur (in some inflected form). Only these need the tagger and parser, which is what makes `dyad code`
/// fast: most news sentences hold no coded event.
pub struct CandidateFilter {
    actors: Arc<ActorDictionary>,
    verbs: Arc<VerbDictionary>,
    /// Lower-case surface form → the dictionary words it may inflect.
    words_of_form: FxHashMap<String, Vec<u32>>,
    /// Per pattern: its other required words; each slot lists alternatives, each
    /// alternative its words.
    needs: Vec<Vec<Vec<Vec<u32>>>>,
    /// Per dictionary word: it heads a pattern that needs no other word (or only
    /// slots with an empty alternative).
    bare_head: Vec<bool>,
    /// The patterns that need other words, by (head, cue): a pattern's cues are the
    /// first words of the alternatives of its first slot that must be filled, one of
    /// which any sentence it fits has.
    patterns_by_cue: FxHashMap<(u32, u32), Vec<usize>>,
    /// Per dictionary word: it heads a pattern in `patterns_by_cue`.
    cued_head: Vec<bool>,
    min_actors: usize,
}

impl CandidateFilter {
    /// A filter for these dictionaries; `syntax` supplies irregular forms (`met`).
    pub fn new(
        actors: Arc<ActorDictionary>,
        verbs: Arc<VerbDictionary>,
        syntax: &'static Syntax,
        min_actors: usize,
    ) -> CandidateFilter {
        // The forms the tagger's lemmatizer would lead back to a dictionary word;
        // `regular_forms` adds those of words the treebank never showed it.
        let inflector = syntax
            .bundle()
            .lemmatizer
            .inflector(&["VBD", "VBN", "VBZ", "VBG", "VBP", "NNS"]);
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words_of_form: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut word_id = |word: &str| -> u32 {
            if let Some(&id) = ids.get(word) {
                return id;
            }
            let id = ids.len() as u32;
            ids.insert(word.to_string(), id);
            let forms = verbs::regular_forms(word)
                .into_iter()
                .chain(inflector.forms(word));
            for f in forms {
                let entry = words_of_form.entry(f).or_default();
                if !entry.contains(&id) {
                    entry.push(id);
                }
            }
            id
        };
        // An event noun needs some light verb in the sentence.
        let light: Vec<Vec<u32>> = verbs
            .heads()
            .filter(|h| verbs.is_light(h))
            .map(|h| vec![word_id(h)])
            .collect();
        let mut heads: Vec<(u32, usize)> = Vec::with_capacity(verbs.len());
        let mut needs = Vec::with_capacity(verbs.len());
        for i in 0..verbs.len() {
            let p = verbs.pattern(i);
            heads.push((word_id(&p.head), i));
            let mut slots: Vec<Vec<Vec<u32>>> = p
                .words
                .iter()
                .chain(&p.after)
                .map(|slot| {
                    slot.iter()
                        .map(|alt| alt.iter().map(|w| word_id(w)).collect())
                        .collect()
                })
                .collect();
            if p.noun {
                slots.push(light.clone());
            }
            needs.push(slots);
        }
        let mut cued_head = vec![false; ids.len()];
        let mut bare_head = vec![false; ids.len()];
        let mut patterns_by_cue: FxHashMap<(u32, u32), Vec<usize>> = FxHashMap::default();
        for (head, i) in heads {
            // A slot with an empty alternative is always filled: cue on the first
            // slot that is not, if any.
            match needs[i]
                .iter()
                .find(|slot| slot.iter().all(|alt| !alt.is_empty()))
            {
                None => bare_head[head as usize] = true,
                Some(slot) => {
                    cued_head[head as usize] = true;
                    for alt in slot {
                        let list = patterns_by_cue.entry((head, alt[0])).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        CandidateFilter {
            actors,
            verbs,
            words_of_form,
            needs,
            bare_head,
            cued_head,
            patterns_by_cue,
            min_actors,
        }
    }

    /// The parse hints for `doc`: which sentences could hold an event (a pattern's
    /// words and enough actor candidates around its trigger), and
    /// [`crate::actors::name_hints`] for those sentences (the others are not parsed,
    /// so their words are left unflagged).
    pub fn hints(&self, doc: &Doc) -> ParseHints {
        let keys = TokenKeys::of(doc);
        let key = |i: usize| keys.get(i);
        let mut hints = ParseHints {
            select: Vec::with_capacity(doc.sentence_count()),
            proper: vec![false; doc.token_data().len()],
        };
        let mut scratch = Scratch::default();
        let text = |i: usize| doc.token(i).text();
        for s in doc.sentences() {
            let range = s.token_range();
            let selected = self.select_sentence(key, text, range.clone(), &mut scratch);
            if selected {
                for &(start, len, senses) in &scratch.actors {
                    crate::actors::mark_names(
                        doc,
                        &self.actors,
                        start..start + len,
                        senses,
                        &mut hints.proper,
                    );
                }
            }
            hints.select.push(selected);
        }
        hints
    }

    /// Could a sentence, now tagged, hold an event? Only when a word tagged as a
    /// verb, or a light verb's event noun, has a pattern whose required words are all
    /// in the sentence: the coder's own precondition (it lives beside the coder), so
    /// a sentence this turns down need not be parsed.
    pub fn could_code(&self, t: &Tagging<'_>) -> bool {
        coder::could_code(&self.verbs, t.forms, &t.tags, &t.lemmas)
    }

    /// Could tokens `range` hold an event? Leaves the sentence's actor candidates in
    /// `scratch.actors` when it looked for them.
    fn select_sentence<'a>(
        &'a self,
        key: impl Fn(usize) -> &'a str + Copy + 'a,
        text: impl Fn(usize) -> &'a str,
        range: Range<usize>,
        scratch: &mut Scratch<'a>,
    ) -> bool {
        scratch.actors.clear();
        // The dictionary words each token may be a form of, and all of them.
        let forms = &mut scratch.forms;
        let present = &mut scratch.present;
        forms.clear();
        present.clear();
        for i in range.clone() {
            let words = self
                .words_of_form
                .get(key(i))
                .map_or(&[][..], Vec::as_slice);
            forms.push(words);
            present.extend_from_slice(words);
        }
        if present.is_empty() {
            return false;
        }
        present.sort_unstable();
        present.dedup();
        let present = &*present;
        let has = |w: &u32| present.binary_search(w).is_ok();
        let fits = |p: usize| {
            self.needs[p]
                .iter()
                .all(|slot| slot.iter().any(|alt| alt.iter().all(has)))
        };
        // Whether each word present heads a pattern that fits, worked out once per
        // word (a pattern with no other words always fits).
        let heads_fitting = &mut scratch.heads_fitting;
        heads_fitting.clear();
        heads_fitting.extend(present.iter().map(|&w| {
            self.bare_head[w as usize]
                || (self.cued_head[w as usize]
                    && present.iter().any(|&cue| {
                        self.patterns_by_cue
                            .get(&(w, cue))
                            .is_some_and(|ps| ps.iter().any(|&p| fits(p)))
                    }))
        }));
        let triggers = &mut scratch.triggers;
        triggers.clear();
        triggers.extend(
            forms
                .iter()
                .enumerate()
                .filter(|(_, words)| {
                    words
                        .iter()
                        .any(|w| present.binary_search(w).is_ok_and(|k| heads_fitting[k]))
                })
                .map(|(j, _)| range.start + j),
        );
        if triggers.is_empty() {
            return false;
        }
        // Actor candidates by start position; one must be more than a bare role.
        // An entry written with capitals needs them in the text (`IS` is not `is`),
        // or an all-capital word (a headline). Before tagging nothing tells a name
        // in odd case from a common word (`china`, `turkey`), so such a name counts
        // only in a sentence chosen for another candidate (resolve then asks the
        // tagger); letting them all through costs 7% more tagging for 0.5% more
        // events, most of them role-only.
        let case_fits = |start: usize, len: usize, senses: &[u32]| {
            let all_capitals =
                (start..start + len).all(|i| !text(i).chars().any(char::is_lowercase));
            all_capitals
                || senses.iter().any(|&x| {
                    self.actors
                        .sense(x)
                        .written_as(start, &text, key, |_| false)
                })
        };
        scratch.actors.extend(
            self.actors
                .greedy_matches(key, range)
                .filter(|&(start, len, senses)| case_fits(start, len, senses)),
        );
        let strong = scratch.actors.iter().any(|(_, _, senses)| {
            senses.iter().any(|&x| {
                let s = self.actors.sense(x);
                s.kind != SenseKind::Role && s.form != Form::Place
            })
        });
        if !strong || scratch.actors.len() < self.min_actors {
            return false;
        }
        // A place is only ever a target: it is no source before the verb.
        let place = |senses: &[u32]| {
            senses
                .iter()
                .all(|&x| self.actors.sense(x).form == Form::Place)
        };
        // A source comes before its verb: one candidate before a trigger, and
        // (for a dyad) another after it or a second one before it ("X and Y
        // held talks"); or, in the passive, after `by` ("were imposed on X by Y").
        let after_by = |a: usize| (a >= 1 && key(a - 1) == "by") || (a >= 2 && key(a - 2) == "by");
        triggers.iter().any(|&t| {
            let before = scratch
                .actors
                .iter()
                .filter(|a| a.0 < t && !place(a.2))
                .count();
            let after = scratch.actors.iter().filter(|a| a.0 > t).count();
            let agent = scratch.actors.iter().any(|a| a.0 > t && after_by(a.0));
            (before >= 1 || agent) && before + after >= self.min_actors
        })
    }
}

/// Buffers [`CandidateFilter::select_sentence`] reuses from sentence to sentence.
#[derive(Default)]
struct Scratch<'a> {
    forms: Vec<&'a [u32]>,
    present: Vec<u32>,
    heads_fitting: Vec<bool>,
    triggers: Vec<usize>,
    actors: Vec<(usize, usize, &'a [u32])>,
}

/// The event stage.
pub struct Events {
    dict: Arc<VerbDictionary>,
}

impl Events {
    /// An event stage over `dict`.
    pub fn new(dict: Arc<VerbDictionary>) -> Events {
        Events { dict }
    }
}

impl Component for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Doc) {
        let events = coder::code(doc, &self.dict);
        if let Err(e) = doc.set_events(events) {
            doc.diagnostics.push(format!("events: {e}"));
        }
    }
}

/// Which events an output reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmitPolicy {
    /// Also events whose source or target is not a coded actor.
    pub keep_partial: bool,
    /// Also negated, conditional, possible and question events (flagged).
    pub all_modalities: bool,
}

impl EmitPolicy {
    /// Does `e` of `doc` go out? By default: both sides coded, not negated, and
    /// asserted or future (future events carry `modality: "future"`).
    pub fn emits(&self, e: &Event) -> bool {
        let resolved =
            |a: &Option<dyad_doc::EventArg>| a.as_ref().is_some_and(|a| a.actor.is_some());
        let sides = self.keep_partial || (resolved(&e.source) && resolved(&e.target));
        let fact = self.all_modalities
            || (!e.negated && matches!(e.modality, Modality::Asserted | Modality::Future));
        sides && fact
    }
}
