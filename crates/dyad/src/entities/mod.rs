//! Named entities: persons, organisations, locations and other names, with byte
//! offsets, linked to the actor mentions they are.
//!
//! No trained model: [`recognize`] reads the parser's proper-noun tags, titles,
//! initials, organisation and place heads, the word lists of
//! `data/lang/en/entity_cues.txt` ([`cues`]), the actor dictionaries (countries,
//! capitals, organisations, groups, leaders) and context, and keeps labels
//! consistent across the document (`Kofi Annan` … `Annan`).
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//!
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let text = "Gen. Telmar Voss met officials of the Bank of Gondor in Minas Tirith.";
//! let doc = pipeline.process(RawArticle::from_text("d1", text));
//! let found: Vec<(&str, &str)> = doc
//!     .entities()
//!     .iter()
//!     .map(|e| (e.span.slice(doc.text()), e.label.as_str()))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [("Telmar Voss", "PERSON"), ("Bank of Gondor", "ORGANIZATION"), ("Minas Tirith", "LOCATION")]
//! );
//! ```

pub mod cues;
pub mod recognize;

use std::sync::Arc;

use dyad_doc::Doc;

pub use cues::Cues;

use crate::actors::ActorDictionary;
use crate::pipeline::Component;

/// The entity stage: runs after the actor stage, whose mentions it links to.
pub struct Entities {
    dict: Arc<ActorDictionary>,
    cues: &'static Cues,
}

impl Entities {
    /// An entity stage using `dict` as gazetteer and the built-in English cues.
    pub fn new(dict: Arc<ActorDictionary>) -> Entities {
        Entities {
            dict,
            cues: Cues::english(),
        }
    }
}

impl Component for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn process(&self, doc: &mut Doc) {
        let entities = recognize::recognize(doc, &self.dict, self.cues);
        if let Err(e) = doc.set_entities(entities) {
            doc.diagnostics.push(format!("entities: {e}"));
        }
    }
}
