//! `dyad code` output: one record per event, as JSON lines, CSV or TSV.
//!
//! JSON keys: `doc_id, date, sentence_index, sentence, sentence_start, sentence_end,
//! source:{text,code,start,end}, target:{...}, code, root, quad_class, goldstein,
//! plover_type, plover_mode, negated, modality, rule, tone`, where `tone` is the
//! tone score of the event's sentence (see [`crate::tone`]; `null` when not scored). CSV/TSV flatten `source` and
//! `target` into `source_text, source_code, source_start, source_end` (and `target_*`).

use dyad_doc::{Doc, Event, EventArg};
use serde::Serialize;

use crate::events::cameo::{self, CameoTable};

/// One side of an event in the output.
#[derive(Clone, Debug, Serialize)]
pub struct ArgOut<'a> {
    /// The words.
    pub text: &'a str,
    /// Actor code; `null` when unresolved.
    pub code: Option<&'a str>,
    /// Byte offsets into the document text.
    pub start: usize,
    /// End offset.
    pub end: usize,
}

/// One event in the output.
#[derive(Clone, Debug, Serialize)]
pub struct EventRecord<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// Story date.
    pub date: Option<&'a str>,
    /// Sentence index in the document.
    pub sentence_index: usize,
    /// Sentence text.
    pub sentence: &'a str,
    /// Sentence start offset.
    pub sentence_start: usize,
    /// Sentence end offset.
    pub sentence_end: usize,
    /// Source actor.
    pub source: Option<ArgOut<'a>>,
    /// Target actor.
    pub target: Option<ArgOut<'a>>,
    /// Full CAMEO code.
    pub code: &'a str,
    /// CAMEO root (`19`).
    pub root: &'a str,
    /// QuadClass 1-4 (0 for codes outside CAMEO).
    pub quad_class: u8,
    /// Goldstein score, when the code has one.
    pub goldstein: Option<f32>,
    /// PLOVER event type.
    pub plover_type: Option<&'a str>,
    /// PLOVER mode.
    pub plover_mode: Option<&'a str>,
    /// Negated.
    pub negated: bool,
    /// `asserted`, `future`, `possible`, `conditional` or `question`.
    pub modality: &'static str,
    /// Dictionary file, line and pattern that fired.
    pub rule: &'a str,
    /// Token offsets of the trigger word.
    pub trigger: ArgOut<'a>,
    /// Tone score of the event's sentence, `(positive - negative) / words * 100`.
    pub tone: Option<f64>,
}

fn arg_out<'a>(doc: &'a Doc, a: &'a EventArg) -> ArgOut<'a> {
    ArgOut {
        text: a.span.slice(doc.text()),
        code: a.actor.map(|i| doc.actors()[i].code.as_str()),
        start: a.span.start,
        end: a.span.end,
    }
}

impl<'a> EventRecord<'a> {
    /// The record for event `e` of `doc`.
    pub fn new(doc: &'a Doc, e: &'a Event) -> EventRecord<'a> {
        let table = CameoTable::builtin();
        let info = table.lookup_or_parent(&e.code);
        let sentence = doc.sentence(e.sentence);
        let trigger = doc.token(e.trigger);
        EventRecord {
            doc_id: &doc.meta.id,
            date: doc.meta.date.as_deref(),
            sentence_index: e.sentence,
            sentence: sentence.text(),
            sentence_start: sentence.span().start,
            sentence_end: sentence.span().end,
            source: e.source.as_ref().map(|a| arg_out(doc, a)),
            target: e.target.as_ref().map(|a| arg_out(doc, a)),
            code: &e.code,
            root: cameo::root_of(&e.code),
            quad_class: cameo::quad_class_of_root(cameo::root_of(&e.code)),
            goldstein: table.get(&e.code).or(info).map(|c| c.goldstein),
            plover_type: info.and_then(|c| c.plover_type.as_deref()),
            plover_mode: info.and_then(|c| c.plover_mode.as_deref()),
            negated: e.negated,
            modality: e.modality.as_str(),
            rule: &e.rule,
            trigger: ArgOut {
                text: trigger.text(),
                code: None,
                start: trigger.span().start,
                end: trigger.span().end,
            },
            tone: doc
                .sentence_tone(e.sentence)
                .map(|t| super::json::round2(t.score())),
        }
    }

    /// One JSON line.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Column names of [`EventRecord::to_row`].
    pub const COLUMNS: [&'static str; 23] = [
        "doc_id",
        "date",
        "sentence_index",
        "sentence_start",
        "sentence_end",
        "source_text",
        "source_code",
        "source_start",
        "source_end",
        "target_text",
        "target_code",
        "target_start",
        "target_end",
        "code",
        "root",
        "quad_class",
        "goldstein",
        "plover_type",
        "plover_mode",
        "negated",
        "modality",
        "rule",
        "sentence",
    ];

    /// Field values in [`EventRecord::COLUMNS`] order.
    pub fn to_row(&self) -> Vec<String> {
        let side = |a: &Option<ArgOut<'_>>| match a {
            Some(a) => vec![
                a.text.to_string(),
                a.code.unwrap_or("").to_string(),
                a.start.to_string(),
                a.end.to_string(),
            ],
            None => vec![String::new(); 4],
        };
        let mut row = vec![
            self.doc_id.to_string(),
            self.date.unwrap_or("").to_string(),
            self.sentence_index.to_string(),
            self.sentence_start.to_string(),
            self.sentence_end.to_string(),
        ];
        row.extend(side(&self.source));
        row.extend(side(&self.target));
        row.extend([
            self.code.to_string(),
            self.root.to_string(),
            self.quad_class.to_string(),
            self.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            self.plover_type.unwrap_or("").to_string(),
            self.plover_mode.unwrap_or("").to_string(),
            self.negated.to_string(),
            self.modality.to_string(),
            self.rule.to_string(),
            self.sentence.to_string(),
        ]);
        row
    }
}

/// A CSV line (RFC 4180 quoting) from `fields`, without the line end.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    fields
        .iter()
        .map(|f| {
            let f = f.as_ref();
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A TSV line from `fields`; tabs and line breaks inside a field become spaces.
pub fn tsv_line<S: AsRef<str>>(fields: &[S]) -> String {
    fields
        .iter()
        .map(|f| f.as_ref().replace(['\t', '\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_tsv_quoting() {
        assert_eq!(
            csv_line(&["a", "b,c", "say \"no\""]),
            "a,\"b,c\",\"say \"\"no\"\"\""
        );
        assert_eq!(tsv_line(&["a\tb", "c\nd"]), "a b\tc d");
    }
}
