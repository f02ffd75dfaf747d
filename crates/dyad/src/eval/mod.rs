//! Evaluation against gold data in `../shared/data/` (never bundled with Dyad).
//!
//! * [`conllu`] reads Universal Dependencies CoNLL-U files (plain or `.zst`), all ten
//!   columns, for segmentation now and tagging and parsing later.
//! * [`segmentation`] scores [`crate::segment`] — sentence splitting and tokenization —
//!   against a UD treebank's `# text` lines and forms.
//! * [`extraction`] scores HTML main-content extraction (body text, title, date)
//!   against the Zyte, trafilatura and Readability test sets.
//! * [`syntax`] scores [`crate::syntax`] — tags, lemmas, heads and relations.

pub mod conllu;
pub mod extraction;
pub mod segmentation;
pub mod syntax;
