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

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use dyad_doc::{Doc, Event, Modality};

pub use verbs::VerbDictionary;

use crate::actors::dictionary::SenseKind;
use crate::actors::ActorDictionary;
use crate::pipeline::Component;
use crate::syntax::Syntax;

/// Chooses the sentences that could hold an event: at least `min_actors` actor
/// candidates (dictionary phrases; a pronoun alone does not count), one of them more
/// than a bare role and one before the pattern word, and a pattern whose head and
/// required words all occur (in some inflected form). Only these need the tagger and parser, which is what makes `dyad code`
/// fast: most news sentences hold no coded event.
pub struct CandidateFilter {
    actors: Arc<ActorDictionary>,
    /// Lower-case surface form → the dictionary words it may inflect.
    words_of_form: HashMap<String, Vec<u32>>,
    /// Head word → patterns it heads.
    patterns_of_head: HashMap<u32, Vec<usize>>,
    /// Per pattern: its other required words; each slot lists alternatives, each
    /// alternative its words.
    needs: Vec<Vec<Vec<Vec<u32>>>>,
    min_actors: usize,
}

impl CandidateFilter {
    /// A filter for these dictionaries; `syntax` supplies irregular forms (`met`).
    pub fn new(
        actors: Arc<ActorDictionary>,
        verbs: &VerbDictionary,
        syntax: &'static Syntax,
        min_actors: usize,
    ) -> CandidateFilter {
        let mut irregular: HashMap<String, Vec<String>> = HashMap::new();
        for (form, lemma) in syntax.bundle().lemmatizer.exception_pairs() {
            irregular
                .entry(verbs::head_key(lemma))
                .or_default()
                .push(form.to_lowercase());
        }
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words_of_form: HashMap<String, Vec<u32>> = HashMap::new();
        let mut word_id = |word: &str| -> u32 {
            if let Some(&id) = ids.get(word) {
                return id;
            }
            let id = ids.len() as u32;
            ids.insert(word.to_string(), id);
            let forms = regular_forms(word)
                .into_iter()
                .chain(irregular.get(word).into_iter().flatten().cloned());
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
        let mut patterns_of_head: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut needs = Vec::with_capacity(verbs.len());
        for i in 0..verbs.len() {
            let p = verbs.pattern(i);
            patterns_of_head
                .entry(word_id(&p.head))
                .or_default()
                .push(i);
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
        CandidateFilter {
            actors,
            words_of_form,
            patterns_of_head,
            needs,
            min_actors,
        }
    }

    /// One flag per sentence of `doc`; `keys` are its token keys
    /// ([`crate::actors::dictionary::doc_keys`]).
    pub fn select(&self, doc: &Doc, keys: &[String]) -> Vec<bool> {
        doc.sentences()
            .map(|s| {
                let range = s.token_range();
                let present: HashSet<u32> = keys[range.clone()]
                    .iter()
                    .filter_map(|k| self.words_of_form.get(k))
                    .flatten()
                    .copied()
                    .collect();
                let fits = |p: usize| {
                    self.needs[p].iter().all(|slot| {
                        slot.iter()
                            .any(|alt| alt.iter().all(|w| present.contains(w)))
                    })
                };
                let triggers: Vec<usize> = range
                    .clone()
                    .filter(|&i| {
                        self.words_of_form.get(&keys[i]).is_some_and(|words| {
                            words.iter().any(|w| {
                                self.patterns_of_head
                                    .get(w)
                                    .is_some_and(|ps| ps.iter().any(|&p| fits(p)))
                            })
                        })
                    })
                    .collect();
                if triggers.is_empty() {
                    return false;
                }
                // Actor candidates by start position; one must be more than a bare role.
                let mut starts = Vec::new();
                let mut strong = false;
                let mut i = range.start;
                while i < range.end {
                    match self
                        .actors
                        .longest_match(range.end - i, |k| keys[i + k].as_str())
                    {
                        Some((len, senses)) => {
                            starts.push(i);
                            strong |= senses
                                .iter()
                                .any(|&x| self.actors.sense(x).kind != SenseKind::Role);
                            i += len;
                        }
                        None => i += 1,
                    }
                }
                if !strong || starts.len() < self.min_actors {
                    return false;
                }
                // A source comes before its verb: one candidate before a trigger, and
                // (for a dyad) another after it or a second one before it ("X and Y
                // held talks").
                triggers.iter().any(|&t| {
                    let before = starts.iter().filter(|&&a| a < t).count();
                    let after = starts.iter().filter(|&&a| a > t).count();
                    before >= 1 && before + after >= self.min_actors
                })
            })
            .collect()
    }
}

/// `attack` → attack, attacks, attacked, attacking; `seize` → seizes, seized,
/// seizing; `ban` → banned, banning; `deny` → denies, denied; `talks` as written.
fn regular_forms(head: &str) -> Vec<String> {
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
