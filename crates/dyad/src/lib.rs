//! Dyad engine: raw news in, analysed documents out.
//!
//! The pipeline, in the order the folders run:
//!
//! 1. [`ingest`] reads inputs (JSONL, raw text dumps, plain text; files, folders, stdin,
//!    zstd/gzip) as a stream of [`ingest::RawArticle`]s, reporting bad records and going on.
//! 2. [`clean`] normalises an article's text (NFC, entities, whitespace, soft hyphens)
//!    while recording an [`dyad_doc::Alignment`] back to the raw text.
//! 3. [`segment`] splits the cleaned text into sentences and tokens (byte spans).
//! 4. [`syntax`] tags, lemmatizes and parses each sentence with Dyad's own models.
//! 5. [`actors`] finds and codes actor mentions (countries, organisations, groups,
//!    roles, people), with titles, appositives and coreference.
//! 6. [`events`] codes who did what to whom (CAMEO, PLOVER) over the parse.
//! 7. [`entities`], [`quotes`], [`amounts`] and [`tone`] add named entities,
//!    quotations with speakers, numbers with their units and objects, and tone.
//! 8. [`pipeline`] ties the stages together: `RawArticle` → [`dyad_doc::Doc`].
//! 9. [`export`] turns a `Doc` into the wire formats (`dyad analyze` JSON and GKG-like
//!    TSV, `dyad code` JSONL/CSV/TSV) and stored events into GDELT, PLOVER and Parquet.
//! 10. [`store`] keeps analysed articles in SQLite, grouping wire copies into stories
//!     with [`dedup`], and answers event queries.
//!
//! [`dict`] reads the dictionary files the actor and event stages use; [`keys`]
//! compares and hashes token keys without allocating. [`eval`] scores
//! stages against gold data (Universal Dependencies, extraction benchmarks, PETRARCH2
//! and PLOVER event records, IE-ER entities, near-duplicate detection).
//!
//! ```
//! let pipeline = dyad::pipeline::Pipeline::basic(&Default::default());
//! let article = dyad::ingest::RawArticle::from_text("d1", "Gondor protested. Arnor denied it.");
//! let doc = pipeline.process(article);
//! assert_eq!(doc.sentence_count(), 2);
//! assert_eq!(doc.sentence(1).text(), "Arnor denied it.");
//! ```
#![deny(missing_docs)]

pub mod actors;
pub mod amounts;
pub mod clean;
pub mod dedup;
pub mod dict;
pub mod entities;
pub mod eval;
pub mod events;
pub mod export;
pub mod ingest;
pub mod keys;
pub mod pipeline;
pub mod quotes;
pub mod segment;
pub mod store;
pub mod syntax;
pub mod tone;

pub use dyad_doc as doc;
