//! A GKG-like row per document: GDELT Global Knowledge Graph 2.1's 27 tab-separated
//! columns, in GDELT's order, filled with what Dyad finds.
//!
//! Filled: `GKGRECORDID` (document id), `V2.1DATE` (the day, `YYYYMMDD000000`),
//! `V2SOURCECOMMONNAME`, `V2DOCUMENTIDENTIFIER` (URL, else the id), persons,
//! organisations and locations (V1: unique names; V2 enhanced: `name,offset` per
//! mention), `V1.5TONE` (`tone,positive%,negative%,polarity,,,words`: the two GDELT
//! densities Dyad does not compute are empty), `V2.1QUOTATIONS`, `V2.1ALLNAMES` and
//! `V2.1AMOUNTS` (`value,unit object,offset`). Everything else is empty, never guessed;
//! locations carry no geography (`#Name######` and `#Name#######offset`).
//!
//! Differences from GDELT: offsets are byte offsets into Dyad's cleaned text (as in
//! every Dyad output), and each quotation has a fifth `|`-field, the speaker's
//! resolved name (GDELT's quotations have no speaker): `offset|length|verb|quote|speaker`.
//! Delimiters (`\t ; # | ,` and line breaks) inside names and quotes become spaces.

use std::collections::BTreeSet;

use dyad_doc::{Doc, EntityLabel, QuoteKind};

/// GKG 2.1 column names, in order.
pub const COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

/// `s` with GKG delimiters and line breaks made spaces, whitespace collapsed.
fn clean(s: &str) -> String {
    s.replace(['\t', ';', '#', '|', ',', '\n', '\r'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn entities(doc: &Doc, label: EntityLabel) -> (String, String) {
    let mut names = BTreeSet::new();
    let mut mentions = Vec::new();
    for e in doc.entities().iter().filter(|e| e.label == label) {
        let name = clean(e.span.slice(doc.text()));
        mentions.push(format!("{name},{}", e.span.start));
        names.insert(name);
    }
    (
        names.into_iter().collect::<Vec<_>>().join(";"),
        mentions.join(";"),
    )
}

/// The 27 GKG columns of `doc`.
pub fn row(doc: &Doc) -> Vec<String> {
    let meta = &doc.meta;
    let date = meta
        .date
        .as_deref()
        .and_then(crate::store::day_of)
        .map(|d| format!("{}000000", d.replace('-', "")))
        .unwrap_or_default();
    let (locations, enhanced_locations) = {
        let mut names = BTreeSet::new();
        let mut mentions = Vec::new();
        for e in doc
            .entities()
            .iter()
            .filter(|e| e.label == EntityLabel::Location)
        {
            let name = clean(e.span.slice(doc.text()));
            mentions.push(format!("#{name}#######{}", e.span.start));
            names.insert(format!("#{name}#####"));
        }
        (
            names.into_iter().collect::<Vec<_>>().join(";"),
            mentions.join(";"),
        )
    };
    let (persons, enhanced_persons) = entities(doc, EntityLabel::Person);
    let (orgs, enhanced_orgs) = entities(doc, EntityLabel::Organization);
    let tone = doc
        .tone()
        .map(|t| {
            format!(
                "{:.4},{:.4},{:.4},{:.4},,,{}",
                t.score(),
                t.positive_pct(),
                t.negative_pct(),
                t.positive_pct() + t.negative_pct(),
                t.words
            )
        })
        .unwrap_or_default();
    let quotes = doc
        .quotes()
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .map(|q| {
            format!(
                "{}|{}|{}|{}|{}",
                q.span.start,
                q.span.len(),
                q.verb
                    .as_ref()
                    .map(|v| clean(v.slice(doc.text())))
                    .unwrap_or_default(),
                clean(q.span.slice(doc.text())),
                q.speaker
                    .as_ref()
                    .map(|s| clean(&s.name))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("#");
    let all_names = doc
        .entities()
        .iter()
        .filter(|e| e.label != EntityLabel::Location)
        .map(|e| format!("{},{}", clean(e.span.slice(doc.text())), e.span.start))
        .collect::<Vec<_>>()
        .join(";");
    let amounts = doc
        .amounts()
        .iter()
        .map(|a| {
            let object = [
                a.unit.clone().unwrap_or_default(),
                a.object
                    .as_ref()
                    .map(|o| o.slice(doc.text()).to_string())
                    .unwrap_or_default(),
            ]
            .join(" ");
            format!("{},{},{}", a.value, clean(&object), a.span.start)
        })
        .collect::<Vec<_>>()
        .join(";");
    let row = vec![
        clean(&meta.id),
        date,
        String::new(),
        meta.source.as_deref().map(clean).unwrap_or_default(),
        meta.url
            .as_deref()
            .map(|u| u.replace(['\t', '\n', '\r'], " "))
            .unwrap_or_else(|| clean(&meta.id)),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        locations,
        enhanced_locations,
        persons,
        enhanced_persons,
        orgs,
        enhanced_orgs,
        tone,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotes,
        all_names,
        amounts,
        String::new(),
        String::new(),
    ];
    debug_assert_eq!(row.len(), COLUMNS.len());
    row
}

/// The row as one TSV line (no line end).
pub fn line(doc: &Doc) -> String {
    row(doc).join("\t")
}
