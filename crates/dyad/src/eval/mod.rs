//! Evaluation against gold data in `../shared/data/` (never bundled with Dyad).
