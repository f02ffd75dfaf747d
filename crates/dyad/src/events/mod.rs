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

use std::sync::Arc;

use dyad_doc::{Doc, Event, Modality};

pub use verbs::VerbDictionary;

use crate::pipeline::Component;

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
