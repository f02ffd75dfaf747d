//! Actor recall against gold events: how many of the expected source and target
//! codes appear among the actors Dyad finds in the record's text (at the first three
//! letters, and as full codes).

use serde::Serialize;

use super::gold::GoldRecord;
use crate::ingest::RawArticle;
use crate::pipeline::Pipeline;

/// One expected actor code Dyad did not find.
#[derive(Clone, Debug, Serialize)]
pub struct ActorMiss {
    /// Record id.
    pub id: String,
    /// Expected code.
    pub expected: String,
    /// Codes Dyad found in the record.
    pub found: Vec<String>,
}

/// Recall figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ActorScores {
    /// Records read.
    pub records: usize,
    /// Expected actor slots (source and target of every expected event).
    pub expected: usize,
    /// Slots whose first three letters match a found actor.
    pub found_country: usize,
    /// Slots whose full code matches a found actor.
    pub found_full: usize,
    /// `found_country / expected`.
    pub recall_country: f64,
    /// `found_full / expected`.
    pub recall_full: f64,
    /// Actor mentions found in all.
    pub actors: usize,
    /// Slots missed at three letters.
    pub misses: Vec<ActorMiss>,
}

/// Run `pipeline` over each record and score the actors it finds.
pub fn evaluate(pipeline: &Pipeline, records: &[GoldRecord]) -> ActorScores {
    let mut s = ActorScores {
        records: records.len(),
        ..ActorScores::default()
    };
    for r in records {
        let mut article = RawArticle::from_text(&r.id, &r.text);
        article.meta.date = r.date.clone();
        let doc = pipeline.process(article);
        let found: Vec<String> = doc.actors().iter().map(|a| a.code.clone()).collect();
        s.actors += found.len();
        for code in r.expected.iter().flat_map(|e| [&e.source, &e.target]) {
            // Quoted literal noun phrases are PETRARCH's new-actor output, not codes.
            if code.starts_with('"') {
                continue;
            }
            s.expected += 1;
            let prefix = code.get(..3).unwrap_or(code);
            if found.iter().any(|f| f.get(..3) == Some(prefix)) {
                s.found_country += 1;
            } else {
                s.misses.push(ActorMiss {
                    id: r.id.clone(),
                    expected: code.clone(),
                    found: found.clone(),
                });
            }
            if found.iter().any(|f| f == code) {
                s.found_full += 1;
            }
        }
    }
    let ratio = |a: usize| {
        if s.expected == 0 {
            0.0
        } else {
            a as f64 / s.expected as f64
        }
    };
    s.recall_country = ratio(s.found_country);
    s.recall_full = ratio(s.found_full);
    s
}
