//! Evaluation against gold data in `../shared/data/` (never bundled with Dyad).
//!
//! * [`conllu`] reads Universal Dependencies CoNLL-U files (plain or `.zst`), all ten
//!   columns, for segmentation now and tagging and parsing later.
//! * [`segmentation`] scores [`crate::segment`] — sentence splitting and tokenization —
//!   against a UD treebank's `# text` lines and forms.
//! * [`extraction`] scores HTML main-content extraction (body text, title, date)
//!   against the Zyte, trafilatura and Readability test sets.
//! * [`syntax`] scores [`crate::syntax`] — tags, lemmas, heads and relations.
//! * [`entities`] scores named entities (exact and overlapping spans, per type)
//!   against IE-ER-style JSONL gold files.
//! * [`dedup`] scores near-duplicate detection on real articles and perturbed copies.
//! * [`gold`] reads gold event records; [`actors`] scores actor recall on them and
//!   [`events`] the coded events (precision, recall, F1, exact records).

pub mod actors;
pub mod conllu;
pub mod dedup;
pub mod entities;
pub mod events;
pub mod extraction;
pub mod gold;
pub mod segmentation;
pub mod syntax;
