//! PLOVER JSON: one object per stored event, in the layout of the PLOVER project's
//! gold-standard records (`id, date, text, event, mode, context, source:[{actorText,
//! code}], target:[...]`), plus Dyad's CAMEO code and counts.
//!
//! Events whose CAMEO code has no PLOVER category (roots 01 and 02 in the
//! CAMEO-to-PLOVER table) carry `event: null`; they are not dropped.

use serde::Serialize;

use crate::store::query::MergedEvent;

/// One actor of a PLOVER record.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PloverActor<'a> {
    /// The words.
    pub actor_text: &'a str,
    /// CAMEO actor code.
    pub code: &'a str,
}

/// One event as a PLOVER record.
#[derive(Serialize)]
pub struct PloverRecord<'a> {
    /// Dyad's stable event id.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// The sentence of the first mention.
    pub text: &'a str,
    /// PLOVER category in upper case (`ASSAULT`), as the PLOVER records write it.
    pub event: Option<String>,
    /// PLOVER mode.
    pub mode: Option<&'a str>,
    /// PLOVER context (Dyad does not code contexts: always empty).
    pub context: Vec<String>,
    /// Source actors.
    pub source: Vec<PloverActor<'a>>,
    /// Target actors.
    pub target: Vec<PloverActor<'a>>,
    /// CAMEO code the PLOVER category was mapped from.
    pub cameo: &'a str,
    /// Goldstein score of the CAMEO code.
    pub goldstein: Option<f64>,
    /// Mentions, articles, sources and stories.
    pub num_mentions: u64,
    /// Distinct articles.
    pub num_articles: u64,
    /// Distinct sources.
    pub num_sources: u64,
    /// Document id of the first mention.
    pub doc_id: &'a str,
}

fn actor<'a>(code: &'a Option<String>, text: &'a Option<String>) -> Vec<PloverActor<'a>> {
    code.as_deref()
        .map(|code| PloverActor {
            actor_text: text.as_deref().unwrap_or(""),
            code,
        })
        .into_iter()
        .collect()
}

/// The PLOVER record of `e`.
pub fn record(e: &MergedEvent) -> PloverRecord<'_> {
    PloverRecord {
        id: format!("dyad-{}", e.event_id),
        date: e.day.as_deref(),
        text: &e.sentence,
        event: e.plover_type.as_deref().map(str::to_uppercase),
        mode: e.plover_mode.as_deref(),
        context: Vec::new(),
        source: actor(&e.source_code, &e.source_text),
        target: actor(&e.target_code, &e.target_text),
        cameo: &e.code,
        goldstein: e.goldstein,
        num_mentions: e.num_mentions,
        num_articles: e.num_articles,
        num_sources: e.num_sources,
        doc_id: &e.doc_id,
    }
}
