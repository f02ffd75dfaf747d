//! Event coding against gold records: precision, recall and F1 at three levels
//! (root + country dyad, full code + country dyad, full code + full actor codes),
//! records coded exactly right, a confusion table of roots, misses and false alarms.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::gold::{GoldEvent, GoldRecord};
use crate::events::cameo::root_of;
use crate::events::EmitPolicy;
use crate::ingest::RawArticle;
use crate::pipeline::Pipeline;

/// Precision, recall and F1 with their counts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Prf {
    /// Correct / predicted.
    pub precision: f64,
    /// Correct / expected.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Predicted events that are expected.
    pub true_positives: usize,
    /// Events predicted.
    pub predicted: usize,
    /// Events expected.
    pub expected: usize,
}

impl Prf {
    fn finish(&mut self) {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = div(self.true_positives, self.predicted);
        self.recall = div(self.true_positives, self.expected);
        let s = self.precision + self.recall;
        self.f1 = if s == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / s
        };
    }

    fn add(
        &mut self,
        predicted: &BTreeSet<(String, String, String)>,
        expected: &BTreeSet<(String, String, String)>,
    ) {
        self.predicted += predicted.len();
        self.expected += expected.len();
        self.true_positives += predicted.intersection(expected).count();
    }
}

/// A record Dyad did not code exactly.
#[derive(Clone, Debug, Serialize)]
pub struct RecordDiff {
    /// Record id.
    pub id: String,
    /// Category (PETRARCH suites).
    pub category: Option<String>,
    /// The text.
    pub text: String,
    /// Expected `source target code` not produced.
    pub misses: Vec<String>,
    /// Produced `source target code` not expected, with the rule that fired.
    pub false_alarms: Vec<String>,
}

/// All scores.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EventScores {
    /// Records scored.
    pub records: usize,
    /// Root code + country-level dyad.
    pub root_dyad: Prf,
    /// Full code + country-level dyad.
    pub code_dyad: Prf,
    /// Full code + full actor codes.
    pub code_actor: Prf,
    /// Fraction of records whose event set is exactly the expected one (full codes).
    pub exact_records: f64,
    /// Exactly right records per category: `(right, total)`.
    pub categories: BTreeMap<String, (usize, usize)>,
    /// Gold root → predicted root (`-` none) counts, over expected events matched by
    /// country dyad.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// Records not coded exactly.
    pub diffs: Vec<RecordDiff>,
}

fn country(code: &str) -> String {
    code.get(..3).unwrap_or(code).to_string()
}

/// Code each record with `pipeline` (events filtered by `policy`) and score.
pub fn evaluate(pipeline: &Pipeline, records: &[GoldRecord], policy: EmitPolicy) -> EventScores {
    let mut s = EventScores {
        records: records.len(),
        ..EventScores::default()
    };
    let mut exact = 0usize;
    for r in records {
        let mut article = RawArticle::from_text(&r.id, &r.text);
        article.meta.date = r.date.clone();
        let doc = pipeline.process(article);
        let code_of = |a: &Option<dyad_doc::EventArg>| {
            a.as_ref()
                .and_then(|a| a.actor)
                .map_or_else(|| "---".to_string(), |i| doc.actors()[i].code.clone())
        };
        // A record that switches PETRARCH's `require_dyad` off also scores events
        // with one side unknown (never those with neither side known).
        let partial = !r.require_dyad();
        let record_policy = EmitPolicy {
            keep_partial: policy.keep_partial || partial,
            ..policy
        };
        let known = |a: &Option<dyad_doc::EventArg>| a.as_ref().is_some_and(|a| a.actor.is_some());
        let predicted: Vec<(GoldEvent, String)> = doc
            .events()
            .iter()
            .filter(|e| record_policy.emits(e))
            .filter(|e| !partial || policy.keep_partial || known(&e.source) || known(&e.target))
            .map(|e| {
                (
                    GoldEvent {
                        source: code_of(&e.source),
                        target: code_of(&e.target),
                        code: e.code.clone(),
                    },
                    e.rule.clone(),
                )
            })
            .collect();
        let full =
            |evs: &mut dyn Iterator<Item = &GoldEvent>| -> BTreeSet<(String, String, String)> {
                evs.map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
                    .collect()
            };
        let dyad = |set: &BTreeSet<(String, String, String)>,
                    root: bool|
         -> BTreeSet<(String, String, String)> {
            set.iter()
                .map(|(a, b, c)| {
                    (
                        country(a),
                        country(b),
                        if root {
                            root_of(c).to_string()
                        } else {
                            c.clone()
                        },
                    )
                })
                .collect()
        };
        let p_full = full(&mut predicted.iter().map(|(e, _)| e));
        let g_full = full(&mut r.expected.iter());
        s.code_actor.add(&p_full, &g_full);
        s.code_dyad
            .add(&dyad(&p_full, false), &dyad(&g_full, false));
        s.root_dyad.add(&dyad(&p_full, true), &dyad(&g_full, true));
        for g in &r.expected {
            let pair = (country(&g.source), country(&g.target));
            let got = predicted
                .iter()
                .find(|(p, _)| (country(&p.source), country(&p.target)) == pair)
                .map_or("-".to_string(), |(p, _)| root_of(&p.code).to_string());
            *s.confusion
                .entry(root_of(&g.code).to_string())
                .or_default()
                .entry(got)
                .or_default() += 1;
        }
        let right = p_full == g_full;
        exact += right as usize;
        let cat = s
            .categories
            .entry(r.category.clone().unwrap_or_default())
            .or_default();
        cat.0 += right as usize;
        cat.1 += 1;
        if !right {
            let fmt = |(a, b, c): &(String, String, String)| format!("{a} {b} {c}");
            s.diffs.push(RecordDiff {
                id: r.id.clone(),
                category: r.category.clone(),
                text: r.text.clone(),
                misses: g_full.difference(&p_full).map(fmt).collect(),
                false_alarms: predicted
                    .iter()
                    .filter(|(e, _)| {
                        !g_full.contains(&(e.source.clone(), e.target.clone(), e.code.clone()))
                    })
                    .map(|(e, rule)| format!("{} {} {} ({rule})", e.source, e.target, e.code))
                    .collect(),
            });
        }
    }
    s.exact_records = if records.is_empty() {
        0.0
    } else {
        exact as f64 / records.len() as f64
    };
    s.root_dyad.finish();
    s.code_dyad.finish();
    s.code_actor.finish();
    s
}

/// Scores on PLOVER gold records (the CAMEO manual's example sentences recoded in
/// PLOVER): whether Dyad's events carry the record's PLOVER event type.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PloverScores {
    /// Records scored.
    pub records: usize,
    /// Records where Dyad coded at least one event (either side may be unresolved).
    pub coded: usize,
    /// Records where some event has the gold type.
    pub any_correct: usize,
    /// Records where the first event has the gold type.
    pub first_correct: usize,
    /// `any_correct / records`.
    pub accuracy: f64,
    /// `first_correct / coded`.
    pub precision_first: f64,
    /// Per gold type: `(any_correct, total)`.
    pub by_type: BTreeMap<String, (usize, usize)>,
}

#[derive(serde::Deserialize)]
struct PloverRecord {
    #[serde(default)]
    id: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    date: Option<String>,
}

/// Read a PLOVER gold file (a JSON array) and score the event types Dyad codes.
/// Category names of the 0.5 draft are mapped to today's (DEMAND → request,
/// DISAPPROVE and INVESTIGATE → accuse, FIGHT → assault).
pub fn evaluate_plover(pipeline: &Pipeline, json: &str) -> Result<PloverScores, serde_json::Error> {
    let records: Vec<PloverRecord> = serde_json::from_str(json)?;
    let table = crate::events::cameo::CameoTable::builtin();
    let policy = EmitPolicy {
        keep_partial: true,
        all_modalities: false,
    };
    let mut s = PloverScores::default();
    for r in records
        .iter()
        .filter(|r| r.event != "DOCUMENT" && !r.text.is_empty())
    {
        let gold = match r.event.as_str() {
            "DEMAND" => "request",
            "DISAPPROVE" | "INVESTIGATE" => "accuse",
            "FIGHT" => "assault",
            other => other,
        }
        .to_ascii_lowercase();
        let mut article = RawArticle::from_text(&r.id, &r.text);
        article.meta.date = r.date.clone();
        let doc = pipeline.process(article);
        let types: Vec<String> = doc
            .events()
            .iter()
            .filter(|e| policy.emits(e))
            .filter_map(|e| {
                table
                    .lookup_or_parent(&e.code)
                    .and_then(|c| c.plover_type.clone())
            })
            .map(|t| t.to_ascii_lowercase())
            .collect();
        s.records += 1;
        s.coded += !types.is_empty() as usize;
        let any = types.contains(&gold);
        s.any_correct += any as usize;
        s.first_correct += (types.first() == Some(&gold)) as usize;
        let t = s.by_type.entry(gold).or_default();
        t.0 += any as usize;
        t.1 += 1;
    }
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    s.accuracy = div(s.any_correct, s.records);
    s.precision_first = div(s.first_correct, s.coded);
    Ok(s)
}
