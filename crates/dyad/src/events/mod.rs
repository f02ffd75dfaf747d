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
pub mod verbs;

use std::collections::HashSet;
use std::sync::Arc;

use dyad_doc::{Doc, Event, Modality};

pub use verbs::VerbDictionary;

use crate::actors::dictionary::token_key;
use crate::actors::ActorDictionary;
use crate::pipeline::Component;
use crate::syntax::Syntax;

/// Personal pronouns that may stand for an actor.
const PRONOUNS: &[&str] = &["he", "she", "it", "they", "him", "her", "them", "his", "its", "their"];

/// Chooses the sentences that could hold an event: at least `min_actors` actor
/// candidates (dictionary phrases or personal pronouns) and a word that may be an
/// inflected form of a pattern head. Only these need the tagger and parser, which
/// is what makes `dyad code` fast: most news sentences hold no coded event.
pub struct CandidateFilter {
    actors: Arc<ActorDictionary>,
    /// Lower-case surface forms of every verb/noun pattern head and light verb.
    forms: HashSet<String>,
    min_actors: usize,
}

impl CandidateFilter {
    /// A filter for these dictionaries; `syntax` supplies irregular forms (`met`).
    pub fn new(actors: Arc<ActorDictionary>, verbs: &VerbDictionary, syntax: &'static Syntax, min_actors: usize) -> CandidateFilter {
        let mut forms = HashSet::new();
        for head in verbs.heads() {
            forms.extend(regular_forms(head));
        }
        for (form, lemma) in syntax.bundle().lemmatizer.exception_pairs() {
            if verbs.has_head(lemma) {
                forms.insert(form.to_lowercase());
            }
        }
        CandidateFilter { actors, forms, min_actors }
    }

    /// One flag per sentence of `doc`.
    pub fn select(&self, doc: &Doc) -> Vec<bool> {
        let keys: Vec<String> = doc.tokens().map(|t| token_key(t.text())).collect();
        doc.sentences()
            .map(|s| {
                let range = s.token_range();
                if !range.clone().any(|i| self.forms.contains(&keys[i])) {
                    return false;
                }
                let mut found = 0;
                let mut i = range.start;
                while i < range.end && found < self.min_actors {
                    match self.actors.longest_match(range.end - i, |k| keys[i + k].as_str()) {
                        Some((len, _)) => {
                            found += 1;
                            i += len;
                        }
                        None => {
                            found += PRONOUNS.contains(&keys[i].as_str()) as usize;
                            i += 1;
                        }
                    }
                }
                found >= self.min_actors
            })
            .collect()
    }
}

/// `attack` → attack, attacks, attacked, attacking; `seize` → seizes, seized,
/// seizing; `ban` → banned, banning; `deny` → denies, denied; `talks` as written.
fn regular_forms(head: &str) -> Vec<String> {
    let mut out = vec![head.to_string(), format!("{head}s"), format!("{head}es"), format!("{head}ed"), format!("{head}ing")];
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
        let resolved = |a: &Option<dyad_doc::EventArg>| a.as_ref().is_some_and(|a| a.actor.is_some());
        let sides = self.keep_partial || (resolved(&e.source) && resolved(&e.target));
        let fact = self.all_modalities || (!e.negated && matches!(e.modality, Modality::Asserted | Modality::Future));
        sides && fact
    }
}
