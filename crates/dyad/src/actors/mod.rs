//! Actors: every mention of a political actor, coded CAMEO-style (`RUSGOV`,
//! `IGOWSTNAT`, `---COP`).
//!
//! [`dictionary`] compiles Dyad's own files (`data/dict/countries.txt`, `igos.txt`,
//! `roles.txt`, `leaders.txt`) and any PETRARCH/TABARI files ([`petrarch`]) into one
//! token trie. [`resolve`] finds the longest matches in each sentence, keeps
//! ambiguous (`?`) entries only with supporting context, groups matches into noun
//! phrases (`US President Donald Trump`, `Russia's foreign ministry`, `Iraqi Kurdish
//! rebels`), codes unknown names from their titles and appositives, and resolves
//! surnames, role descriptions and pronouns across the document.
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//!
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let text = "Russian troops entered Georgia. Tbilisi accused Moscow of aggression.";
//! let mut article = RawArticle::from_text("d1", text);
//! article.meta.date = Some("2008-08-09".into());
//! let doc = pipeline.process(article);
//! let codes: Vec<&str> = doc.actors().iter().map(|a| a.code.as_str()).collect();
//! assert_eq!(codes, ["RUSMIL", "GEO", "GEO", "RUS"]);
//! ```

pub mod dictionary;
pub mod petrarch;
pub mod resolve;

use std::sync::Arc;

use dyad_doc::Doc;

pub use dictionary::{ActorDictionary, ActorFileKind};

use crate::pipeline::Component;

/// The actor stage.
pub struct Actors {
    dict: Arc<ActorDictionary>,
    only_where_tagged: bool,
}

impl Actors {
    /// An actor stage over `dict`.
    pub fn new(dict: Arc<ActorDictionary>) -> Actors {
        Actors {
            dict,
            only_where_tagged: false,
        }
    }

    /// A stage that leaves a document none of whose sentences was tagged without
    /// actors: for a pipeline that tags only the sentences that could hold an event
    /// (`dyad code`), where such a document holds none.
    pub fn only_where_tagged(mut self) -> Actors {
        self.only_where_tagged = true;
        self
    }
}

impl Component for Actors {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn process(&self, doc: &mut Doc) {
        if self.only_where_tagged && doc.tokens().all(|t| t.tag().is_empty()) {
            return;
        }
        let actors = resolve::resolve(doc, &self.dict);
        if let Err(e) = doc.set_actors(actors) {
            doc.diagnostics.push(format!("actors: {e}"));
        }
    }
}

/// Per token of `doc`: is it a capitalised word inside a dictionary name (a
/// country, capital, organisation, group or person, not a role or adjective)?
/// The parser tags such words `NNP`, so that an unknown name is not read as a verb.
pub fn name_hints(doc: &Doc, dict: &ActorDictionary) -> Vec<bool> {
    let keys = dictionary::TokenKeys::of(doc);
    let mut out = vec![false; keys.len()];
    for s in doc.sentences() {
        for (start, len, senses) in dict.greedy_matches(|i| keys.get(i), s.token_range()) {
            mark_names(doc, dict, start..start + len, senses, &mut out);
        }
    }
    out
}

/// [`name_hints`] for one dictionary match (`tokens`, with `senses`): when every
/// sense names a country, capital, organisation, group or person, flag its
/// capitalised words in `out` (indexed by token).
pub(crate) fn mark_names(
    doc: &Doc,
    dict: &ActorDictionary,
    tokens: std::ops::Range<usize>,
    senses: &[u32],
    out: &mut [bool],
) {
    use dictionary::{Form, SenseKind};
    let is_name = senses.iter().all(|&x| {
        let sense = dict.sense(x);
        sense.kind != SenseKind::Role
            && matches!(sense.form, Form::Name | Form::Capital | Form::Place)
    });
    if is_name {
        for t in tokens {
            out[t] = doc
                .token(t)
                .text()
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        }
    }
}
