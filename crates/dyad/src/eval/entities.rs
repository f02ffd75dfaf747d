//! Named-entity scores against gold spans: the JSONL format of the NIST 1999 IE-ER
//! newswire file (`../shared/data/news/nist-ieer-1999-newswire.jsonl.zst`), one
//! record per line, `{id?, date?, text, entities:[{kind, type, start, end, text}]}`,
//! plain or zstd-compressed.
//!
//! Gold offsets are **character** offsets into `text`; they are converted to byte
//! offsets and checked against the entity's `text`. Dyad runs the full pipeline on
//! the record's text and maps its entity spans back to the raw text through the
//! document's [`dyad_doc::Alignment`].
//!
//! Scored types: `PERSON` (also `PER`), `ORGANIZATION` (`ORG`) and `LOCATION`
//! (`LOC`, `GPE`). Every other gold type (IE-ER's dates, times, durations, money,
//! measures, percentages and cardinals, or a `MISC` class) is ignored, and Dyad's
//! `MISC` entities are not scored: neither has a counterpart on the other side.
//!
//! Two matchings: **exact** (same byte span and type) and **overlap** (one-to-one,
//! same type, spans overlap).

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;

use dyad_doc::EntityLabel;
use serde::{Deserialize, Serialize};

use crate::ingest::RawArticle;
use crate::pipeline::Pipeline;

/// The labels scored, in report order.
pub const SCORED: [EntityLabel; 3] = [
    EntityLabel::Person,
    EntityLabel::Organization,
    EntityLabel::Location,
];

/// The scored label of a gold type, `None` for types that are not scored.
pub fn gold_label(kind: &str) -> Option<EntityLabel> {
    match kind {
        "PERSON" | "PER" => Some(EntityLabel::Person),
        "ORGANIZATION" | "ORGANISATION" | "ORG" => Some(EntityLabel::Organization),
        "LOCATION" | "LOC" | "GPE" => Some(EntityLabel::Location),
        _ => None,
    }
}

#[derive(Deserialize)]
struct RawGoldEntity {
    #[serde(default)]
    kind: Option<String>,
    #[serde(rename = "type")]
    label: String,
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct RawGoldRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    date: Option<String>,
    text: String,
    #[serde(default)]
    entities: Vec<RawGoldEntity>,
}

/// One gold entity, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GoldEntity {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Scored label.
    pub label: EntityLabel,
}

/// One gold record.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// Record id (`line N` when the record has none).
    pub id: String,
    /// Story date, when given.
    pub date: Option<String>,
    /// The text.
    pub text: String,
    /// Scored gold entities.
    pub entities: Vec<GoldEntity>,
}

/// Problems found while reading: `(line, why)`.
pub type ReadErrors = Vec<(usize, String)>;

/// Parse one JSONL line into a record. Entities whose offsets fall outside the text
/// or whose `text` disagrees with the slice are reported in `errors` and dropped.
pub fn parse_record(line_no: usize, line: &str, errors: &mut ReadErrors) -> Option<GoldDoc> {
    let raw: RawGoldRecord = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            errors.push((line_no, e.to_string()));
            return None;
        }
    };
    // Byte offset of every character boundary, and of the end.
    let bytes: Vec<usize> = raw
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(raw.text.len()))
        .collect();
    let mut entities = Vec::new();
    for (k, e) in raw.entities.iter().enumerate() {
        let Some(label) = gold_label(&e.label) else {
            continue;
        };
        if e.kind.as_deref().is_some_and(|k| k != "ENAMEX") {
            continue;
        }
        let (Some(&start), Some(&end)) = (bytes.get(e.start), bytes.get(e.end)) else {
            errors.push((
                line_no,
                format!(
                    "entity {k}: offsets {}..{} outside the text",
                    e.start, e.end
                ),
            ));
            continue;
        };
        if start >= end {
            errors.push((
                line_no,
                format!("entity {k}: empty span {}..{}", e.start, e.end),
            ));
            continue;
        }
        if let Some(t) = &e.text {
            if raw.text[start..end] != *t {
                errors.push((
                    line_no,
                    format!(
                        "entity {k}: text {t:?} differs from the text at {}..{} ({:?})",
                        e.start,
                        e.end,
                        &raw.text[start..end]
                    ),
                ));
                continue;
            }
        }
        entities.push(GoldEntity { start, end, label });
    }
    Some(GoldDoc {
        id: raw.id.unwrap_or_else(|| format!("line {line_no}")),
        date: raw.date,
        text: raw.text,
        entities,
    })
}

/// Read a gold JSONL file (plain, or zstd by its magic bytes). A malformed record
/// is reported as `(line, why)` and skipped.
pub fn read_gold(path: &Path) -> std::io::Result<(Vec<GoldDoc>, ReadErrors)> {
    let mut file = BufReader::new(std::fs::File::open(path)?);
    let zstd = file.fill_buf()?.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]);
    let reader: Box<dyn BufRead> = if zstd {
        Box::new(BufReader::new(zstd::stream::read::Decoder::with_buffer(
            file,
        )?))
    } else {
        Box::new(file)
    };
    read_lines(reader)
}

/// Read gold records from any reader of JSON lines.
pub fn read_lines(mut reader: impl BufRead) -> std::io::Result<(Vec<GoldDoc>, ReadErrors)> {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let Ok(line) = std::str::from_utf8(&buf) else {
            errors.push((line_no, "not UTF-8".to_string()));
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        if let Some(doc) = parse_record(line_no, line, &mut errors) {
            docs.push(doc);
        }
    }
    Ok((docs, errors))
}

/// Precision, recall and F1 with their counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Correct / predicted.
    pub precision: f64,
    /// Correct / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Correct predictions.
    pub correct: usize,
    /// Predictions.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Prf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (ratio(correct, predicted), ratio(correct, gold));
        Prf {
            precision: p,
            recall: r,
            f1: if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            },
            correct,
            predicted,
            gold,
        }
    }
}

/// One disagreement, for error analysis.
#[derive(Clone, Debug, Serialize)]
pub struct Mistake {
    /// Record id.
    pub id: String,
    /// `missed` (gold only) or `false` (predicted only, exact matching).
    pub what: &'static str,
    /// Label.
    pub label: &'static str,
    /// The span's text.
    pub text: String,
    /// A few words around it.
    pub context: String,
}

/// The scores `dyad eval entities` prints.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EntityScores {
    /// Records scored.
    pub records: usize,
    /// Exact span and type, per type.
    pub per_type: BTreeMap<&'static str, Prf>,
    /// Exact span and type, all scored types.
    pub overall: Prf,
    /// Overlapping span and same type, per type.
    pub overlap_per_type: BTreeMap<&'static str, Prf>,
    /// Overlapping span and same type, all scored types.
    pub overlap: Prf,
    /// Exact span, any scored type.
    pub span_only: Prf,
    /// Disagreements (only when asked for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mistakes: Vec<Mistake>,
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[{}]{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    )
    .replace('\n', " ")
}

/// Run `pipeline` over every record and score its entities. With `mistakes`, the
/// disagreements are listed too.
pub fn evaluate(pipeline: &Pipeline, docs: &[GoldDoc], mistakes: bool) -> EntityScores {
    let mut counts: BTreeMap<EntityLabel, [usize; 4]> = BTreeMap::new(); // exact, overlap, pred, gold
    let mut span_correct = 0;
    let mut out = EntityScores {
        records: docs.len(),
        ..EntityScores::default()
    };
    for g in docs {
        let mut article = RawArticle::from_text(&g.id, &g.text);
        article.meta.date = g
            .date
            .as_ref()
            .and_then(|d| d.get(..10))
            .map(str::to_string);
        let doc = pipeline.process(article);
        let predicted: Vec<GoldEntity> = doc
            .entities()
            .iter()
            .filter(|e| SCORED.contains(&e.label))
            .map(|e| {
                let s = doc.alignment().to_raw_span(e.span);
                GoldEntity {
                    start: s.start,
                    end: s.end,
                    label: e.label,
                }
            })
            .collect();
        let gold: HashSet<&GoldEntity> = g.entities.iter().collect();
        let pred: HashSet<&GoldEntity> = predicted.iter().collect();
        let gold_spans: HashSet<(usize, usize)> =
            g.entities.iter().map(|e| (e.start, e.end)).collect();
        span_correct += predicted
            .iter()
            .filter(|p| gold_spans.contains(&(p.start, p.end)))
            .count();
        let mut used = vec![false; g.entities.len()];
        for p in &predicted {
            let c = counts.entry(p.label).or_default();
            c[2] += 1;
            if gold.contains(p) {
                c[0] += 1;
            } else if mistakes {
                out.mistakes.push(mistake(g, "false", p));
            }
            // Overlap: first unused gold entity of the same type that overlaps.
            if let Some(k) = g.entities.iter().enumerate().position(|(k, e)| {
                !used[k] && e.label == p.label && e.start < p.end && p.start < e.end
            }) {
                used[k] = true;
                c[1] += 1;
            }
        }
        for e in &g.entities {
            counts.entry(e.label).or_default()[3] += 1;
            if mistakes && !pred.contains(e) {
                out.mistakes.push(mistake(g, "missed", e));
            }
        }
    }
    let mut total = [0usize; 4];
    for label in SCORED {
        let c = counts.get(&label).copied().unwrap_or_default();
        for k in 0..4 {
            total[k] += c[k];
        }
        out.per_type
            .insert(label.as_str(), Prf::new(c[0], c[2], c[3]));
        out.overlap_per_type
            .insert(label.as_str(), Prf::new(c[1], c[2], c[3]));
    }
    out.overall = Prf::new(total[0], total[2], total[3]);
    out.overlap = Prf::new(total[1], total[2], total[3]);
    out.span_only = Prf::new(span_correct, total[2], total[3]);
    out
}

fn mistake(g: &GoldDoc, what: &'static str, e: &GoldEntity) -> Mistake {
    Mistake {
        id: g.id.clone(),
        what,
        label: e.label.as_str(),
        text: g.text[e.start..e.end].to_string(),
        context: context(&g.text, e.start, e.end),
    }
}

impl std::fmt::Display for EntityScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} records", self.records)?;
        writeln!(
            f,
            "{:<14} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}   {:>10}",
            "exact", "precision", "recall", "F1", "correct", "pred", "gold", "overlap F1"
        )?;
        let rows = self
            .per_type
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    v,
                    self.overlap_per_type.get(k).copied().unwrap_or_default(),
                )
            })
            .chain(std::iter::once(("overall", &self.overall, self.overlap)));
        for (name, p, o) in rows {
            writeln!(
                f,
                "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>7} {:>7} {:>7}   {:>10.3}",
                name, p.precision, p.recall, p.f1, p.correct, p.predicted, p.gold, o.f1
            )?;
        }
        write!(
            f,
            "span only (any scored type): precision {:.3} recall {:.3} F1 {:.3}",
            self.span_only.precision, self.span_only.recall, self.span_only.f1
        )
    }
}

/// Read all of `r` as gold JSONL (for tests and callers with their own input).
pub fn read_str(text: &str) -> (Vec<GoldDoc>, ReadErrors) {
    read_lines(text.as_bytes()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // "Zoë Brandt" is 10 characters and 11 bytes; "Málaga" starts at character 19.
    const TEXT: &str = "Zoë Brandt visited Málaga with Kerrow Mills Inc. on Monday.";

    fn line(entities: &str) -> String {
        let entities = entities.replace('\n', "");
        format!(r#"{{"id":"a","text":"{TEXT}","entities":[{entities}]}}"#)
    }

    #[test]
    fn character_offsets_become_byte_offsets() {
        let l = line(
            r#"{"kind":"ENAMEX","type":"PERSON","start":0,"end":10,"text":"Zoë Brandt"},
               {"kind":"ENAMEX","type":"LOCATION","start":19,"end":25,"text":"Málaga"},
               {"kind":"ENAMEX","type":"ORGANIZATION","start":31,"end":48,"text":"Kerrow Mills Inc."},
               {"kind":"TIMEX","type":"DATE","start":52,"end":58,"text":"Monday"}"#,
        );
        let mut errors = Vec::new();
        let d = parse_record(1, &l, &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<(&str, EntityLabel)> = d
            .entities
            .iter()
            .map(|e| (&d.text[e.start..e.end], e.label))
            .collect();
        assert_eq!(
            got,
            [
                ("Zoë Brandt", EntityLabel::Person),
                ("Málaga", EntityLabel::Location),
                ("Kerrow Mills Inc.", EntityLabel::Organization)
            ]
        );
        assert_eq!((d.entities[1].start, d.entities[1].end), (20, 27));
    }

    #[test]
    fn bad_records_and_entities_are_reported_by_line() {
        let good =
            line(r#"{"kind":"ENAMEX","type":"PERSON","start":0,"end":10,"text":"Zoë Brandt"}"#);
        let wrong_text =
            line(r#"{"kind":"ENAMEX","type":"PERSON","start":0,"end":10,"text":"Zoe Brandt"}"#);
        let outside = line(r#"{"kind":"ENAMEX","type":"PERSON","start":50,"end":99}"#);
        let input = format!("{good}\n\n{{not json\n{wrong_text}\n{outside}\n{{\"entities\":[]}}\n");
        let (docs, errors) = read_str(&input);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].entities.len(), 1);
        assert!(docs[1].entities.is_empty() && docs[2].entities.is_empty());
        let lines: Vec<usize> = errors.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4, 5, 6], "{errors:?}");
        assert!(errors[1].1.contains("differs"), "{errors:?}");
    }

    #[test]
    fn scores_count_exact_and_overlapping_spans() {
        assert_eq!(gold_label("GPE"), Some(EntityLabel::Location));
        assert_eq!(gold_label("DATE"), None);
        let p = Prf::new(1, 2, 4);
        assert_eq!((p.precision, p.recall), (0.5, 0.25));
        assert!((p.f1 - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(Prf::new(0, 0, 0).f1, 0.0);

        // Gold: the person and the company (the place is left out of this gold).
        let l = line(
            r#"{"kind":"ENAMEX","type":"PERSON","start":0,"end":10,"text":"Zoë Brandt"},
               {"kind":"ENAMEX","type":"ORGANIZATION","start":31,"end":43,"text":"Kerrow Mills"}"#,
        );
        let (docs, _) = read_str(&l);
        let pipeline = Pipeline::new(&Default::default()).unwrap();
        let s = evaluate(&pipeline, &docs, true);
        let person = s.per_type["PERSON"];
        assert_eq!((person.correct, person.gold), (1, 1), "{s:?}");
        // `Kerrow Mills Inc.` overlaps the gold `Kerrow Mills` but is not exact.
        let org = s.per_type["ORGANIZATION"];
        assert_eq!((org.correct, org.predicted, org.gold), (0, 1, 1), "{s:?}");
        assert_eq!(s.overlap_per_type["ORGANIZATION"].correct, 1);
        assert_eq!(s.overall.gold, 2);
        assert!(s
            .mistakes
            .iter()
            .any(|m| m.what == "missed" && m.text == "Kerrow Mills"));
        let json = serde_json::to_value(&s).unwrap();
        assert!(json["per_type"]["PERSON"]["f1"].is_number());
        assert!(json["overall"]["precision"].is_number());
    }
}
